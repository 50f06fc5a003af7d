//! A participant as the consultation knows them, and their consent record.

use crate::domain::{Lang, Profile};
use chrono::{DateTime, Utc};

/// The version of the privacy notice (locales' `privacy-notice`). Change it whenever
/// the notice's meaning changes, so every stored consent says what was accepted.
pub const NOTICE_VERSION: &str = "2026-12-v4";

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
}

impl Citizen {
    /// Only a citizen who accepted the current notice may vote.
    pub fn may_vote(&self) -> bool {
        self.consent.as_ref().is_some_and(|c| c.accepted && c.version == NOTICE_VERSION)
    }
}
