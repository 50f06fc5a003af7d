//! Broadcasts: who receives them, what they carry, and how far they have got.

use std::time::Duration;

/// Who a broadcast goes to. Muted, unreachable and non-consenting people never do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    /// Those who answered this territorial unit (a catalog code, or "out").
    Territory(String),
    /// Citizens who have not voted in every pillar yet.
    Incomplete,
    /// Citizens with a ballot in at least one pillar.
    Voters,
    /// Citizens who follow the plan or one of its commitments.
    Followers,
}

impl Audience {
    /// A short stable code, stored and used in callback data.
    pub fn code(&self) -> String {
        match self {
            Audience::Everyone => "all".into(),
            Audience::Incomplete => "inc".into(),
            Audience::Voters => "vot".into(),
            Audience::Followers => "fol".into(),
            Audience::Territory(unit) => format!("loc-{unit}"),
        }
    }

    /// Reads a code's shape; whether the unit is in the catalog is for the caller to check.
    pub fn from_code(code: &str) -> Option<Audience> {
        match code {
            "all" => Some(Audience::Everyone),
            "inc" => Some(Audience::Incomplete),
            "vot" => Some(Audience::Voters),
            "fol" => Some(Audience::Followers),
            _ => code
                .strip_prefix("loc-")
                .filter(|u| crate::domain::catalog::is_choice_code(u))
                .map(|u| Audience::Territory(u.to_string())),
        }
    }
}

/// A broadcast whose message is written for each recipient when it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    /// What became of the recipient's priorities in this version of the plan.
    Plan { version: i64 },
    /// The news of the commitments the recipient follows, up to this update
    /// (from the one their delivery names).
    Digest { upto: i64 },
}

impl Personal {
    pub fn code(self) -> String {
        match self {
            Personal::Plan { version } => format!("plan:{version}"),
            Personal::Digest { upto } => format!("digest:{upto}"),
        }
    }

    pub fn from_code(code: &str) -> Option<Personal> {
        if let Some(upto) = code.strip_prefix("digest:") {
            return Some(Personal::Digest { upto: upto.parse().ok()? });
        }
        let version = code.strip_prefix("plan:")?.parse().ok()?;
        Some(Personal::Plan { version })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BroadcastKind {
    Text,
    Photo,
    Document,
}

impl BroadcastKind {
    pub fn code(self) -> &'static str {
        match self {
            BroadcastKind::Text => "text",
            BroadcastKind::Photo => "photo",
            BroadcastKind::Document => "document",
        }
    }

    pub fn from_code(code: &str) -> Option<BroadcastKind> {
        [BroadcastKind::Text, BroadcastKind::Photo, BroadcastKind::Document]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BroadcastStatus {
    /// Being composed: audience not confirmed yet, nothing in the outbox.
    Draft,
    /// Confirmed: the worker is sending it (or will, after a restart).
    Queued,
    Done,
    Cancelled,
}

impl BroadcastStatus {
    pub fn code(self) -> &'static str {
        match self {
            BroadcastStatus::Draft => "draft",
            BroadcastStatus::Queued => "queued",
            BroadcastStatus::Done => "done",
            BroadcastStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<BroadcastStatus> {
        [BroadcastStatus::Draft, BroadcastStatus::Queued, BroadcastStatus::Done, BroadcastStatus::Cancelled]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// How a delivery ended, or that it has not yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    pub total: i64,
    pub sent: i64,
    /// Gave up after retries, or refused by Telegram for another reason.
    pub failed: i64,
    /// Blocked the bot or deleted their account: never retried.
    pub unreachable: i64,
    /// Muted broadcasts after this one was queued.
    pub skipped: i64,
    /// Not sent because the broadcast was cancelled.
    pub cancelled: i64,
}

impl Figures {
    /// Deliveries still to be attempted (including any in flight).
    pub fn remaining(&self) -> i64 {
        (self.total - self.sent - self.failed - self.unreachable - self.skipped - self.cancelled).max(0)
    }

    /// Time left at `rate` messages per second, rounded up to whole seconds.
    pub fn eta(&self, rate: u32) -> Duration {
        let rate = i64::from(rate.max(1));
        Duration::from_secs(u64::try_from((self.remaining() + rate - 1) / rate).unwrap_or(0))
    }
}

/// The wait before retry number `attempt` (1-based) after a transient error:
/// 2, 4, 8, 16… seconds, at most a minute.
pub fn backoff(attempt: u32) -> Duration {
    Duration::from_secs(2u64.saturating_pow(attempt.clamp(1, 6)).min(60))
}

/// Transient errors are retried this many times in all before a delivery fails.
pub const MAX_ATTEMPTS: u32 = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audience_codes_round_trip() {
        for a in [Audience::Everyone, Audience::Incomplete, Audience::Territory("l2".into())] {
            assert_eq!(Audience::from_code(&a.code()), Some(a));
        }
        assert_eq!(Audience::from_code("loc-"), None);
        assert_eq!(Audience::from_code("loc-a:b"), None);
        assert_eq!(Audience::from_code(""), None);
    }

    #[test]
    fn remaining_and_eta_follow_the_figures() {
        let f = Figures { total: 100, sent: 40, failed: 3, unreachable: 2, skipped: 5, cancelled: 0 };
        assert_eq!(f.remaining(), 50);
        assert_eq!(f.eta(25), Duration::from_secs(2));
        assert_eq!(f.eta(30), Duration::from_secs(2));
        assert_eq!(Figures::default().eta(25), Duration::ZERO);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::from_secs(2));
        assert_eq!(backoff(3), Duration::from_secs(8));
        assert_eq!(backoff(30), Duration::from_secs(60));
    }
}
