//! What a voice recording reads aloud: the welcome, a pillar's summary, or a proposal.

/// The text a recording is of. Its code is stored and travels in buttons.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Target {
    Welcome,
    Pillar(String),
    Proposal(String),
}

impl Target {
    /// `w`, `s.KEY` (a pillar's summary), `d.ID` (a proposal).
    pub fn code(&self) -> String {
        match self {
            Target::Welcome => "w".into(),
            Target::Pillar(key) => format!("s.{key}"),
            Target::Proposal(id) => format!("d.{id}"),
        }
    }

    pub fn parse(code: &str) -> Option<Target> {
        let plain = |s: &str| {
            (!s.is_empty()
                && s.len() <= 40
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
            .then(|| s.to_owned())
        };
        match code.split_once('.') {
            None if code == "w" => Some(Target::Welcome),
            Some(("s", key)) => plain(key).map(Target::Pillar),
            Some(("d", id)) => plain(id).map(Target::Proposal),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_junk_is_refused() {
        for t in [Target::Welcome, Target::Pillar("participacion".into()), Target::Proposal("P21".into())] {
            assert_eq!(Target::parse(&t.code()), Some(t));
        }
        for junk in ["", "x", "d.", "s.a b", "d.<b>", "w.x"] {
            assert_eq!(Target::parse(junk), None, "{junk}");
        }
    }
}
