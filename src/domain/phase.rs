//! Whether the consultation accepts votes at a given moment.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

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

/// The dates after an admin opens voting now: from now, keeping a closing date
/// only if it is still ahead.
pub fn open_now(
    now: DateTime<FixedOffset>,
    closes_at: Option<DateTime<FixedOffset>>,
) -> (Option<DateTime<FixedOffset>>, Option<DateTime<FixedOffset>>) {
    (Some(now), closes_at.filter(|c| *c > now))
}

/// The dates after an admin closes voting now: keeping an opening date only if
/// it is already past.
pub fn close_now(
    now: DateTime<FixedOffset>,
    opens_at: Option<DateTime<FixedOffset>>,
) -> (Option<DateTime<FixedOffset>>, Option<DateTime<FixedOffset>>) {
    (opens_at.filter(|o| *o <= now), Some(now))
}

/// Reads a date as an admin types it: `2022-11-30`, `2022-11-30T18:00` (both in
/// the consultation's time zone) or full RFC 3339. A bare day means its first
/// minute, or its last second when `end_of_day` (a closing date).
pub fn parse_admin_date(text: &str, tz: Tz, end_of_day: bool) -> Option<DateTime<FixedOffset>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(d);
    }
    let local = if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let time = if end_of_day { NaiveTime::from_hms_opt(23, 59, 59)? } else { NaiveTime::MIN };
        day.and_time(time)
    } else {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok()?
    };
    tz.from_local_datetime(&local).single().map(|d| d.fixed_offset())
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

    #[test]
    fn admins_dates_are_read_in_the_consultation_time_zone() {
        let tz = chrono_tz::America::Bogota;
        assert_eq!(parse_admin_date("2022-11-01", tz, false), Some(d("2022-11-01T00:00:00-05:00")));
        assert_eq!(parse_admin_date("2022-11-30", tz, true), Some(d("2022-11-30T23:59:59-05:00")));
        assert_eq!(parse_admin_date("2022-11-30T18:30", tz, true), Some(d("2022-11-30T18:30:00-05:00")));
        assert_eq!(parse_admin_date("2022-11-30T18:30:00Z", tz, true), Some(d("2022-11-30T18:30:00+00:00")));
        assert_eq!(parse_admin_date("30/11/2022", tz, true), None);
    }

    #[test]
    fn opening_and_closing_now_keep_only_the_dates_that_still_make_sense() {
        let now = d("2022-11-15T12:00:00-05:00");
        let later = d("2022-11-30T00:00:00-05:00");
        let earlier = d("2022-11-01T00:00:00-05:00");
        assert_eq!(open_now(now, Some(later)), (Some(now), Some(later)));
        assert_eq!(open_now(now, Some(earlier)), (Some(now), None));
        assert_eq!(close_now(now, Some(earlier)), (Some(earlier), Some(now)));
        assert_eq!(close_now(now, Some(later)), (None, Some(now)));
    }
}

/// When everyone may see the rankings: once voting has closed (the default),
/// or live while it runs. Admins always see them in `/avance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResultsVisibility {
    #[default]
    AfterClose,
    Live,
}

impl ResultsVisibility {
    pub fn from_code(code: &str) -> Option<ResultsVisibility> {
        match code.trim().to_ascii_lowercase().as_str() {
            "after-close" | "cierre" | "after_close" => Some(ResultsVisibility::AfterClose),
            "live" | "en-vivo" | "vivo" => Some(ResultsVisibility::Live),
            _ => None,
        }
    }

    /// Whether anyone may see the rankings in `phase`.
    pub fn public_in(self, phase: Phase) -> bool {
        match self {
            ResultsVisibility::Live => true,
            ResultsVisibility::AfterClose => matches!(phase, Phase::Closed { .. }),
        }
    }
}

#[cfg(test)]
mod visibility_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn results_are_public_after_close_unless_live() {
        let at = chrono::FixedOffset::west_opt(5 * 3600)
            .and_then(|tz| tz.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single());
        let Some(at) = at else { panic!("valid date") };
        let open = Phase::Open { closes_at: Some(at) };
        let closed = Phase::Closed { closed_at: at };
        assert!(!ResultsVisibility::AfterClose.public_in(open));
        assert!(ResultsVisibility::AfterClose.public_in(closed));
        assert!(ResultsVisibility::Live.public_in(open));
        assert_eq!(ResultsVisibility::from_code("live"), Some(ResultsVisibility::Live));
        assert_eq!(ResultsVisibility::from_code("after-close"), Some(ResultsVisibility::AfterClose));
        assert_eq!(ResultsVisibility::from_code("x"), None);
    }
}
