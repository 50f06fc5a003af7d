//! The dialogue state each private chat is in, persisted between updates.

use crate::{
    db::DialogueStorage,
    domain::{DraftBallot, IdeaDraft, PaperDraft},
    error::Result,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use teloxide::types::ChatId;

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
    /// The Comité or the Alcaldía's staff writing an update on a commitment
    /// (text, or a photo or document with its caption).
    PlanNote { commitment: String },
    /// Shown Telegram's contact button to verify their number (`/verificar`).
    Verifying,
    /// A facilitator recording `target` in `lang` (`/grabar`); `pending`: the
    /// voice note just sent and heard back, not kept yet.
    Recording { target: crate::domain::recording::Target, lang: crate::domain::Lang, pending: Option<String> },
}

/// One chat's dialogue: where its state is written (at once, or with its
/// update's done mark when the intake runs the handlers).
#[derive(Clone)]
pub struct CitizenDialogue {
    storage: Arc<DialogueStorage<State>>,
    chat: ChatId,
}

impl CitizenDialogue {
    pub fn new(storage: Arc<DialogueStorage<State>>, chat: ChatId) -> CitizenDialogue {
        CitizenDialogue { storage, chat }
    }

    pub async fn update(&self, state: &State) -> Result<()> {
        self.storage.set(self.chat.0, state).await
    }

    /// See [`DialogueStorage::written_elsewhere`].
    pub fn written_elsewhere(&self) {
        self.storage.written_elsewhere(self.chat.0);
    }
}
