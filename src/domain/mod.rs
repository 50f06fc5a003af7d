//! Pure consultation rules: no Telegram, no SQL.

pub mod ballot;
pub mod broadcast;
pub mod catalog;
pub mod citizen;
pub mod export;
pub mod followup;
pub mod idea;
pub mod integrity;
pub mod lang;
pub mod paper;
pub mod phase;
pub mod plan;
pub mod profile;
pub mod readability;
pub mod recording;
pub mod role;
pub mod tally;
pub mod verification;

pub use ballot::{Ballot, BallotError, DraftBallot};
pub use broadcast::{Audience, BroadcastKind, BroadcastStatus, Figures};
pub use catalog::{Catalog, Choice, Consultation, Label, Pillar, Proposal, Territory};
pub use citizen::{
    Citizen, Consent, FOLLOW_NOTICE_VERSION, NOTICE_VERSION, VERIFY_NOTICE_VERSION, VOTING_NOTICE_VERSIONS,
};
pub use idea::{Decision, Idea, IdeaContent, IdeaDraft, IdeaStatus, RejectReason};
pub use lang::Lang;
pub use paper::{Channel, PaperBallots, PaperDraft, PaperSheet};
pub use phase::{Phase, ResultsVisibility};
pub use profile::{Profile, ProfileField};
pub use role::{Role, Roles};
pub use tally::{ChannelCounts, ChannelResults, Counts, PillarResult, ProposalResult, RankCount, tally};
pub use verification::{Unverified, Verification};
