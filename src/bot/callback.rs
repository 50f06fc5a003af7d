//! The callback-data codec: every button's payload, with namespaced prefixes and
//! parse/encode pairs. Payloads stay under Telegram's 64 bytes because pillar keys
//! and proposal ids are short ASCII codes (checked by the catalog).

use crate::domain::{Audience, Lang, ProfileField, RejectReason};

pub const MAX_CALLBACK_BYTES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Consent(bool),
    Privacy,
    /// Show a profile question.
    Question(ProfileField),
    /// Answer a profile question; `None` skips it.
    Answer(ProfileField, Option<String>),
    Menu,
    Pillar {
        pillar: String,
        page: u8,
    },
    Proposal {
        id: String,
        page: u8,
    },
    StartVote {
        pillar: String,
    },
    VotePage {
        pillar: String,
        page: u8,
    },
    Pick {
        pillar: String,
        id: String,
        page: u8,
    },
    Undo {
        pillar: String,
        page: u8,
    },
    Confirm {
        pillar: String,
    },
    CancelVote {
        pillar: String,
    },
    MyVotes,
    Language(Lang),
    Erase(bool),
    Help,
    /// Start writing an idea, for a pillar or choosing one first.
    IdeaStart {
        pillar: Option<String>,
    },
    IdeaSkipProblem,
    IdeaSubmit,
    IdeaEditText,
    IdeaEditProblem,
    IdeaCancel,
    MyIdeas,
    // Moderation (facilitators and admins only).
    ModShow(i64),
    ModNext,
    ModApprove(i64),
    ModPromote(i64),
    ModMergeList {
        idea: i64,
        page: u8,
    },
    ModMerge {
        idea: i64,
        proposal: String,
    },
    ModRejectMenu(i64),
    ModReject {
        idea: i64,
        reason: RejectReason,
    },
    ModTranscribe(i64),
    // Broadcasts (facilitators and admins only).
    BcAudience {
        id: i64,
        audience: Audience,
    },
    BcSend(i64),
    BcDiscard(i64),
    BcStop(i64),
    BcList,
}

impl Action {
    pub fn encode(&self) -> String {
        match self {
            Action::Consent(yes) => format!("c:{}", yn(*yes)),
            Action::Privacy => "pv".into(),
            Action::Question(f) => format!("pq:{}", f.code()),
            Action::Answer(f, code) => format!("pa:{}:{}", f.code(), code.as_deref().unwrap_or("-")),
            Action::Menu => "m".into(),
            Action::Pillar { pillar, page } => format!("p:{pillar}:{page}"),
            Action::Proposal { id, page } => format!("d:{id}:{page}"),
            Action::StartVote { pillar } => format!("v:{pillar}"),
            Action::VotePage { pillar, page } => format!("vg:{pillar}:{page}"),
            Action::Pick { pillar, id, page } => format!("vp:{pillar}:{id}:{page}"),
            Action::Undo { pillar, page } => format!("vu:{pillar}:{page}"),
            Action::Confirm { pillar } => format!("vc:{pillar}"),
            Action::CancelVote { pillar } => format!("vx:{pillar}"),
            Action::MyVotes => "mv".into(),
            Action::Language(lang) => format!("l:{}", lang.code()),
            Action::Erase(yes) => format!("e:{}", yn(*yes)),
            Action::Help => "h".into(),
            Action::IdeaStart { pillar: None } => "i".into(),
            Action::IdeaStart { pillar: Some(k) } => format!("i:{k}"),
            Action::IdeaSkipProblem => "is".into(),
            Action::IdeaSubmit => "ic".into(),
            Action::IdeaEditText => "ie".into(),
            Action::IdeaEditProblem => "ip".into(),
            Action::IdeaCancel => "ix".into(),
            Action::MyIdeas => "mi".into(),
            Action::ModShow(id) => format!("mo:{id}"),
            Action::ModNext => "mn".into(),
            Action::ModApprove(id) => format!("ma:{id}"),
            Action::ModPromote(id) => format!("mp:{id}"),
            Action::ModMergeList { idea, page } => format!("mm:{idea}:{page}"),
            Action::ModMerge { idea, proposal } => format!("mg:{idea}:{proposal}"),
            Action::ModRejectMenu(id) => format!("mx:{id}"),
            Action::ModReject { idea, reason } => format!("mr:{idea}:{}", reason.code()),
            Action::ModTranscribe(id) => format!("mt:{id}"),
            Action::BcAudience { id, audience } => format!("ba:{id}:{}", audience.code()),
            Action::BcSend(id) => format!("bs:{id}"),
            Action::BcDiscard(id) => format!("bd:{id}"),
            Action::BcStop(id) => format!("bx:{id}"),
            Action::BcList => "bl".into(),
        }
    }

    /// Buttons only facilitators and admins may press.
    pub fn is_staff_only(&self) -> bool {
        matches!(
            self,
            Action::ModShow(_)
                | Action::ModNext
                | Action::ModApprove(_)
                | Action::ModPromote(_)
                | Action::ModMergeList { .. }
                | Action::ModMerge { .. }
                | Action::ModRejectMenu(_)
                | Action::ModReject { .. }
                | Action::ModTranscribe(_)
                | Action::BcAudience { .. }
                | Action::BcSend(_)
                | Action::BcDiscard(_)
                | Action::BcStop(_)
                | Action::BcList
        )
    }

    /// Parses callback data; anything malformed or forged is `None`.
    pub fn parse(data: &str) -> Option<Action> {
        if data.len() > MAX_CALLBACK_BYTES {
            return None;
        }
        let parts: Vec<&str> = data.split(':').collect();
        let code = |s: &str| {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
                .then(|| s.to_string())
        };
        let page = |s: &str| s.parse::<u8>().ok();
        let idea = |s: &str| s.parse::<i64>().ok().filter(|n| *n > 0);
        Some(match parts.as_slice() {
            ["c", v] => Action::Consent(parse_yn(v)?),
            ["pv"] => Action::Privacy,
            ["pq", f] => Action::Question(ProfileField::from_code(f)?),
            ["pa", f, "-"] => Action::Answer(ProfileField::from_code(f)?, None),
            ["pa", f, v] => {
                let field = ProfileField::from_code(f)?;
                // Whether the catalog offers this answer is checked where it is stored.
                crate::domain::catalog::is_choice_code(v)
                    .then(|| Action::Answer(field, Some(v.to_string())))?
            }
            ["m"] => Action::Menu,
            ["p", k, n] => Action::Pillar { pillar: code(k)?, page: page(n)? },
            ["d", id, n] => Action::Proposal { id: code(id)?, page: page(n)? },
            ["v", k] => Action::StartVote { pillar: code(k)? },
            ["vg", k, n] => Action::VotePage { pillar: code(k)?, page: page(n)? },
            ["vp", k, id, n] => Action::Pick { pillar: code(k)?, id: code(id)?, page: page(n)? },
            ["vu", k, n] => Action::Undo { pillar: code(k)?, page: page(n)? },
            ["vc", k] => Action::Confirm { pillar: code(k)? },
            ["vx", k] => Action::CancelVote { pillar: code(k)? },
            ["mv"] => Action::MyVotes,
            ["l", l] => Action::Language(Lang::from_code(l)?),
            ["e", v] => Action::Erase(parse_yn(v)?),
            ["h"] => Action::Help,
            ["i"] => Action::IdeaStart { pillar: None },
            ["i", k] => Action::IdeaStart { pillar: Some(code(k)?) },
            ["is"] => Action::IdeaSkipProblem,
            ["ic"] => Action::IdeaSubmit,
            ["ie"] => Action::IdeaEditText,
            ["ip"] => Action::IdeaEditProblem,
            ["ix"] => Action::IdeaCancel,
            ["mi"] => Action::MyIdeas,
            ["mo", n] => Action::ModShow(idea(n)?),
            ["mn"] => Action::ModNext,
            ["ma", n] => Action::ModApprove(idea(n)?),
            ["mp", n] => Action::ModPromote(idea(n)?),
            ["mm", n, p] => Action::ModMergeList { idea: idea(n)?, page: page(p)? },
            ["mg", n, id] => Action::ModMerge { idea: idea(n)?, proposal: code(id)? },
            ["mx", n] => Action::ModRejectMenu(idea(n)?),
            ["mr", n, r] => Action::ModReject { idea: idea(n)?, reason: RejectReason::from_code(r)? },
            ["mt", n] => Action::ModTranscribe(idea(n)?),
            ["ba", n, a] => Action::BcAudience { id: idea(n)?, audience: Audience::from_code(a)? },
            ["bs", n] => Action::BcSend(idea(n)?),
            ["bd", n] => Action::BcDiscard(idea(n)?),
            ["bx", n] => Action::BcStop(idea(n)?),
            ["bl"] => Action::BcList,
            _ => return None,
        })
    }
}

fn yn(yes: bool) -> &'static str {
    if yes { "y" } else { "n" }
}

fn parse_yn(s: &str) -> Option<bool> {
    match s {
        "y" => Some(true),
        "n" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_64_bytes() {
        let long_key = "k".repeat(crate::domain::catalog::MAX_PILLAR_KEY_LEN);
        let long_id = "i".repeat(crate::domain::catalog::MAX_ID_LEN);
        let actions = vec![
            Action::Consent(true),
            Action::Consent(false),
            Action::Privacy,
            Action::Question(ProfileField::Sector),
            Action::Answer(ProfileField::AgeRange, Some("60+".into())),
            Action::Answer(ProfileField::Localidad, None),
            Action::Menu,
            Action::Pillar { pillar: long_key.clone(), page: 255 },
            Action::Proposal { id: long_id.clone(), page: 255 },
            Action::StartVote { pillar: long_key.clone() },
            Action::VotePage { pillar: long_key.clone(), page: 255 },
            Action::Pick { pillar: long_key.clone(), id: long_id.clone(), page: 255 },
            Action::Undo { pillar: long_key.clone(), page: 255 },
            Action::Confirm { pillar: long_key.clone() },
            Action::CancelVote { pillar: long_key.clone() },
            Action::MyVotes,
            Action::Language(Lang::En),
            Action::Erase(true),
            Action::Help,
            Action::IdeaStart { pillar: None },
            Action::IdeaStart { pillar: Some(long_key.clone()) },
            Action::IdeaSkipProblem,
            Action::IdeaSubmit,
            Action::IdeaEditText,
            Action::IdeaEditProblem,
            Action::IdeaCancel,
            Action::MyIdeas,
            Action::ModShow(i64::MAX),
            Action::ModNext,
            Action::ModApprove(i64::MAX),
            Action::ModPromote(i64::MAX),
            Action::ModMergeList { idea: i64::MAX, page: 255 },
            Action::ModMerge { idea: i64::MAX, proposal: long_id.clone() },
            Action::ModRejectMenu(i64::MAX),
            Action::ModReject { idea: i64::MAX, reason: RejectReason::NotFeasible },
            Action::BcAudience { id: i64::MAX, audience: Audience::Territory("abcdefgh".into()) },
            Action::BcSend(i64::MAX),
            Action::BcDiscard(i64::MAX),
            Action::BcStop(i64::MAX),
            Action::BcList,
            Action::ModTranscribe(i64::MAX),
        ];
        for action in actions {
            let data = action.encode();
            assert!(data.len() <= MAX_CALLBACK_BYTES, "{data} is too long");
            assert_eq!(Action::parse(&data), Some(action), "{data}");
        }
    }

    #[test]
    fn malformed_or_forged_data_is_rejected() {
        for data in [
            "",
            "x",
            "c:maybe",
            "p:transparencia",
            "p:transparencia:999",
            "vp:a:b",
            // An answer's shape is checked here; whether the catalog offers it, where
            // it is stored (tests/main/city_template.rs).
            "pa:l:muylargo9",
            "pa:l:a b",
            "pa:zz:l1",
            "l:fr",
            "d:<b>:0",
            "vp:a:T01:0:extra",
            &"m".repeat(65),
        ] {
            assert_eq!(Action::parse(data), None, "{data:?}");
        }
    }
}
