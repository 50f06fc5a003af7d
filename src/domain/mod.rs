//! Pure consultation rules: no Telegram, no SQL.

pub mod ballot;
pub mod catalog;
pub mod citizen;
pub mod lang;
pub mod phase;
pub mod profile;
pub mod tally;

pub use ballot::{Ballot, BallotError, DraftBallot};
pub use catalog::{Catalog, Consultation, Pillar, Proposal};
pub use citizen::{Citizen, Consent, NOTICE_VERSION};
pub use lang::Lang;
pub use phase::Phase;
pub use profile::{AgeRange, Localidad, Profile, ProfileField, Sector};
pub use tally::{PillarResult, ProposalResult, RankCount, tally};
