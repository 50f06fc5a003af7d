//! The citizen's ideas: writing one (text, voice note or photo), previewing,
//! sending it, and following it with /mis_ideas.

pub mod screens;

use crate::{
    bot::{
        callback::Action,
        citizen::{Reply, Turn},
        state::State,
        ui::{self, Screen},
    },
    db::{self, ideas::Refusal},
    domain::{
        IdeaContent, IdeaDraft,
        idea::{self, TextError},
    },
    error::{Error, HandlerResult, Result},
    i18n::{arg, t, tr},
};
use teloxide::types::Message;

impl Turn {
    fn citizen_id(&self) -> Result<i64> {
        self.citizen().map(|c| c.id).ok_or_else(|| Error::Corrupt("idea author without record".into()))
    }

    fn refused(&self, refusal: Refusal) -> Reply {
        let lang = self.lang();
        let text = match refusal {
            Refusal::TooMany { limit } => tr(lang, "idea-too-many", &[arg("limit", limit)]),
            Refusal::Duplicate { id } => tr(lang, "idea-duplicate", &[arg("id", id)]),
        };
        Reply::screen(Screen::new(text).row(vec![
            ui::button(t(lang, "btn-my-ideas"), Action::MyIdeas),
            ui::button(t(lang, "btn-pillars"), Action::Menu),
        ]))
    }

    /// `/idea` or the pillar's button: same rules as voting (consent, open phase),
    /// plus the daily limit, told before anything is written.
    pub(crate) async fn start_idea(&mut self, pillar: Option<String>) -> Result<Reply> {
        if let Some(refusal) = self.vote_refusal() {
            return Ok(refusal);
        }
        let per_day = self.settings.ideas_per_day;
        if let Some(r) = db::ideas::would_refuse(&self.pool, self.citizen_id()?, None, per_day).await? {
            return Ok(self.refused(r));
        }
        match pillar {
            None => Ok(Reply::screen(crate::ideas::screens::idea_choose_pillar(self.lang(), &self.catalog))),
            Some(key) if self.catalog.pillar(&key).is_some() => {
                self.set_state(State::WritingIdea { pillar: key.clone(), draft: None }).await?;
                Ok(Reply::screen(crate::ideas::screens::idea_write(self.lang(), &self.catalog, &key)))
            }
            Some(_) => self.stale().await,
        }
    }

    fn text_error(&self, error: TextError, max: usize) -> Reply {
        let lang = self.lang();
        let text = match error {
            TextError::TooShort => tr(lang, "idea-too-short", &[arg("min", idea::MIN_IDEA_CHARS)]),
            TextError::TooLong => tr(lang, "idea-too-long", &[arg("max", max)]),
        };
        Reply::screen(Screen::new(text).row(vec![ui::button(t(lang, "btn-cancel"), Action::IdeaCancel)]))
    }

    /// The idea itself arrives: text, a voice note, or a photo with its caption.
    pub(crate) async fn idea_content(
        &mut self,
        msg: &Message,
        pillar: String,
        draft: Option<IdeaDraft>,
    ) -> Result<Reply> {
        let lang = self.lang();
        let content = if let Some(text) = msg.text() {
            let body = match idea::check_idea_text(text) {
                Ok(body) => body,
                Err(e) => return Ok(self.text_error(e, idea::MAX_IDEA_CHARS)),
            };
            let per_day = self.settings.ideas_per_day;
            if let Some(r @ Refusal::Duplicate { .. }) =
                db::ideas::would_refuse(&self.pool, self.citizen_id()?, Some(&body), per_day).await?
            {
                return Ok(self.refused(r));
            }
            IdeaContent::Text { body }
        } else if let Some(voice) = msg.voice() {
            IdeaContent::Voice { file_id: voice.file.id.0.clone(), duration_secs: voice.duration.seconds() }
        } else if let Some(photo) =
            msg.photo().and_then(|sizes| sizes.iter().max_by_key(|p| p.width * p.height))
        {
            let caption = match msg.caption().map(idea::check_problem_text) {
                None | Some(Err(TextError::TooShort)) => None,
                Some(Ok(c)) => Some(c),
                Some(Err(e)) => return Ok(self.text_error(e, idea::MAX_PROBLEM_CHARS)),
            };
            IdeaContent::Photo { file_id: photo.file.id.0.clone(), caption }
        } else {
            return Ok(Reply::screen(crate::ideas::screens::idea_write(lang, &self.catalog, &pillar))
                .with_notice(t(lang, "idea-send-text-voice-or-photo")));
        };
        match draft {
            Some(mut draft) => {
                draft.content = content;
                self.set_state(State::IdeaPreview(draft.clone())).await?;
                Ok(Reply::screen(crate::ideas::screens::idea_preview(lang, &self.catalog, &draft)))
            }
            None => {
                let draft = IdeaDraft { pillar, content, problem: None };
                self.set_state(State::IdeaProblem(draft)).await?;
                Ok(Reply::screen(crate::ideas::screens::idea_problem(lang)))
            }
        }
    }

    /// The optional problem the idea addresses.
    pub(crate) async fn idea_problem(&mut self, msg: &Message, mut draft: IdeaDraft) -> Result<Reply> {
        let lang = self.lang();
        let Some(text) = msg.text() else {
            return Ok(Reply::screen(crate::ideas::screens::idea_problem(lang))
                .with_notice(t(lang, "idea-problem-as-text")));
        };
        match idea::check_problem_text(text) {
            Ok(problem) => {
                draft.problem = Some(problem);
                self.set_state(State::IdeaPreview(draft.clone())).await?;
                Ok(Reply::screen(crate::ideas::screens::idea_preview(lang, &self.catalog, &draft)))
            }
            Err(e) => Ok(self.text_error(e, idea::MAX_PROBLEM_CHARS)),
        }
    }

    /// Buttons of the writing flow: skip the problem, edit, send, cancel.
    pub(crate) async fn idea_step(&mut self, action: Action) -> Result<Reply> {
        let lang = self.lang();
        match (action, self.state.clone()) {
            (Action::IdeaSkipProblem, State::IdeaProblem(mut draft)) => {
                draft.problem = None;
                self.set_state(State::IdeaPreview(draft.clone())).await?;
                Ok(Reply::screen(crate::ideas::screens::idea_preview(lang, &self.catalog, &draft)))
            }
            (Action::IdeaEditText, State::IdeaPreview(draft)) => {
                let pillar = draft.pillar.clone();
                self.set_state(State::WritingIdea { pillar: pillar.clone(), draft: Some(draft) }).await?;
                Ok(Reply::screen(crate::ideas::screens::idea_write(lang, &self.catalog, &pillar)))
            }
            (Action::IdeaEditProblem, State::IdeaPreview(draft)) => {
                self.set_state(State::IdeaProblem(draft)).await?;
                Ok(Reply::screen(crate::ideas::screens::idea_problem(lang)))
            }
            (Action::IdeaSubmit, State::IdeaPreview(draft)) => self.submit_idea(draft).await,
            (
                Action::IdeaCancel,
                State::WritingIdea { .. } | State::IdeaProblem(_) | State::IdeaPreview(_),
            ) => {
                self.set_state(State::Idle).await?;
                Ok(Reply::screen(
                    Screen::new(t(lang, "idea-cancelled"))
                        .row(vec![ui::button(t(lang, "btn-pillars"), Action::Menu)]),
                ))
            }
            _ => self.stale().await,
        }
    }

    /// Stores the idea; the receipt is shown only once it is committed.
    async fn submit_idea(&mut self, draft: IdeaDraft) -> Result<Reply> {
        if let Some(refusal) = self.vote_refusal() {
            return Ok(refusal);
        }
        if self.catalog.pillar(&draft.pillar).is_none() {
            self.set_state(State::Idle).await?;
            return self.stale().await;
        }
        let stored = db::ideas::submit(
            &self.pool,
            self.citizen_id()?,
            self.ctx.chat_id.0,
            &draft,
            self.settings.ideas_per_day,
            self.ctx.update_id,
        )
        .await?;
        match stored {
            // The idea's transaction ended the conversation.
            Ok(_) => self.state_written(State::Idle),
            Err(_) => self.set_state(State::Idle).await?,
        }
        Ok(match stored {
            Ok(id) => Reply::screen(crate::ideas::screens::idea_received(
                self.lang(),
                &self.catalog,
                id,
                &draft.pillar,
            ))
            .with_notice(t(self.lang(), "notice-idea-saved")),
            Err(refusal) => self.refused(refusal),
        })
    }

    pub(crate) async fn my_ideas(&self) -> Result<Reply> {
        let ideas = match self.citizen() {
            Some(c) => db::ideas::of_citizen(&self.pool, c.id).await?,
            None => Vec::new(),
        };
        Ok(Reply::screen(crate::ideas::screens::my_ideas(self.lang(), &self.catalog, &ideas, &self.settings)))
    }
}

/// The idea's text, voice note or photo (the tree's `case![State::WritingIdea { .. }]`).
pub async fn on_content(
    msg: Message,
    (pillar, draft): (String, Option<IdeaDraft>),
    mut turn: Turn,
) -> HandlerResult {
    let reply = turn.idea_content(&msg, pillar, draft).await;
    turn.answer_in_messages(reply).await
}

/// The problem the idea addresses (`case![State::IdeaProblem(draft)]`).
pub async fn on_problem(msg: Message, draft: IdeaDraft, mut turn: Turn) -> HandlerResult {
    let reply = turn.idea_problem(&msg, draft).await;
    turn.answer_in_messages(reply).await
}

/// A message while the preview waits for a button (`case![State::IdeaPreview(draft)]`).
pub async fn on_message_at_preview(draft: IdeaDraft, turn: Turn) -> HandlerResult {
    let lang = turn.lang();
    let reply = Reply::screen(crate::ideas::screens::idea_preview(lang, &turn.catalog, &draft))
        .with_notice(t(lang, "idea-use-buttons"));
    turn.answer_in_messages(Ok(reply)).await
}
