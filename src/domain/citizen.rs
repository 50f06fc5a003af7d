//! A participant as the consultation knows them, and their consent record.

use crate::domain::{Lang, Profile};
use chrono::{DateTime, Utc};

/// The version of the privacy notice (locales' `privacy-notice`). Change it whenever
/// the notice's meaning changes, so every stored consent says what was accepted.
pub const NOTICE_VERSION: &str = "2026-12-v6";

/// The earlier notices a consent to vote still stands on: v5 only added what
/// following the plan keeps and v6 what a verified phone keeps, so someone who
/// accepted v4 votes as before and is asked for the current notice only when
/// they choose to follow the plan or to verify their number.
pub const VOTING_NOTICE_VERSIONS: &[&str] = &["2026-12-v4", "2026-12-v5", NOTICE_VERSION];

/// The notices that say what following the plan keeps.
pub const FOLLOW_NOTICE_VERSIONS: &[&str] = &["2026-12-v5", NOTICE_VERSION];

/// The notice a consent to follow is recorded under.
pub const FOLLOW_NOTICE_VERSION: &str = NOTICE_VERSION;

/// The first notice that says what a verified phone keeps.
pub const VERIFY_NOTICE_VERSION: &str = NOTICE_VERSION;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub accepted: bool,
    pub version: String,
    pub at: DateTime<Utc>,
    /// A minor's statement that a parent or guardian authorised them.
    pub guardian: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citizen {
    /// Internal id; the only identifier that may leave the database (in exports).
    pub id: i64,
    pub telegram_user_id: i64,
    pub language: Lang,
    pub created_at: DateTime<Utc>,
    pub consent: Option<Consent>,
    pub profile: Profile,
    /// Asked not to receive broadcasts (`/silenciar`).
    pub muted: bool,
    /// Said they are under 18 and that a parent or guardian authorised them.
    pub guardian_attested: bool,
    /// When they verified their phone number (`CONSULTA_VERIFICATION=phone`).
    pub verified_at: Option<DateTime<Utc>>,
}

impl Citizen {
    /// Only a citizen who accepted the current notice may vote.
    pub fn may_vote(&self) -> bool {
        self.consent
            .as_ref()
            .is_some_and(|c| c.accepted && VOTING_NOTICE_VERSIONS.contains(&c.version.as_str()))
    }

    /// Following the plan needs the notice that says what it keeps.
    pub fn may_follow(&self) -> bool {
        self.consent
            .as_ref()
            .is_some_and(|c| c.accepted && FOLLOW_NOTICE_VERSIONS.contains(&c.version.as_str()))
    }

    /// Verifying a phone needs the notice that says what is kept of it.
    pub fn may_verify(&self) -> bool {
        self.consent.as_ref().is_some_and(|c| c.accepted && c.version == VERIFY_NOTICE_VERSION)
    }
}
