//! The dialogue state each private chat is in, persisted between updates.

use crate::domain::{DraftBallot, IdeaDraft, PaperDraft};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum State {
    #[default]
    Idle,
    /// Building a ballot: survives restarts, so a citizen resumes where they were.
    Voting(DraftBallot),
    /// Asked to confirm erasing their data.
    ConfirmingErasure,
    /// Waiting for an idea's text, voice note or photo. With a draft, the new
    /// content replaces the draft's and the preview follows.
    WritingIdea { pillar: String, draft: Option<IdeaDraft> },
    /// Waiting for the (optional) problem the idea addresses.
    IdeaProblem(IdeaDraft),
    /// Showing the preview: send, edit or cancel.
    IdeaPreview(IdeaDraft),
    /// A moderator is typing the transcription of a voice or photo idea.
    Transcribing { idea: i64 },
    /// A facilitator entering paper sheets: at a voting point once chosen
    /// (`None` while choosing), with the sheet being entered, if any.
    Paper { point: Option<String>, draft: Option<PaperDraft> },
}
