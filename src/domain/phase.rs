//! Whether the consultation accepts votes at a given moment.

use chrono::{DateTime, FixedOffset, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    NotYetOpen { opens_at: DateTime<FixedOffset> },
    Open { closes_at: Option<DateTime<FixedOffset>> },
    Closed { closed_at: DateTime<FixedOffset> },
}

impl Phase {
    pub fn at(
        now: DateTime<Utc>,
        opens_at: Option<DateTime<FixedOffset>>,
        closes_at: Option<DateTime<FixedOffset>>,
    ) -> Phase {
        match (opens_at, closes_at) {
            (Some(o), _) if now < o => Phase::NotYetOpen { opens_at: o },
            (_, Some(c)) if now >= c => Phase::Closed { closed_at: c },
            (_, c) => Phase::Open { closes_at: c },
        }
    }

    pub fn accepts_votes(self) -> bool {
        matches!(self, Phase::Open { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn the_phase_follows_the_dates_and_is_open_without_them() {
        let now = d("2022-11-15T12:00:00-05:00").with_timezone(&Utc);
        let (o, c) = (d("2022-11-01T00:00:00-05:00"), d("2022-11-30T23:59:59-05:00"));
        assert_eq!(Phase::at(now, Some(o), Some(c)), Phase::Open { closes_at: Some(c) });
        assert_eq!(Phase::at(now, None, None), Phase::Open { closes_at: None });
        let late = d("2022-12-01T00:00:00-05:00");
        assert_eq!(Phase::at(now, Some(late), None), Phase::NotYetOpen { opens_at: late });
        assert_eq!(Phase::at(now, None, Some(o)), Phase::Closed { closed_at: o });
        assert!(!Phase::at(now, None, Some(o)).accepts_votes());
        // The closing instant itself is already closed.
        assert_eq!(Phase::at(c.with_timezone(&Utc), None, Some(c)), Phase::Closed { closed_at: c });
    }
}
