//! The dialogue state each private chat is in, persisted between updates.

use crate::domain::DraftBallot;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum State {
    #[default]
    Idle,
    /// Building a ballot: survives restarts, so a citizen resumes where they were.
    Voting(DraftBallot),
    /// Asked to confirm erasing their data.
    ConfirmingErasure,
}
