//! Personal data (Ley 1581 de 2012): consent to the privacy notice, a minor's
//! guardian, /mis_datos, and erasure.

pub mod screens;

use crate::{
    bot::{
        citizen::{Reply, Turn},
        state::State,
        ui::{self, Screen},
        views,
    },
    db,
    domain::{Citizen, NOTICE_VERSION, ProfileField},
    error::{Error, HandlerResult, Result},
    i18n::{arg, t, tr},
};
use teloxide::prelude::*;

impl Turn {
    /// The privacy notice accepted or declined; the notice's version is stored with it.
    pub(crate) async fn consent(&mut self, yes: bool) -> Result<Reply> {
        let lang = self.lang();
        if yes {
            if let Some(citizen) = self.citizen().filter(|c| c.may_vote()) {
                // Already accepted this notice: the original time stays the proof.
                return Ok(Reply::screen(crate::profile::screens::question(
                    lang,
                    &self.catalog,
                    ProfileField::Localidad,
                    citizen,
                    true,
                )));
            }
            let citizen =
                db::citizens::record_consent(&self.pool, self.ctx.user_id, lang, true, NOTICE_VERSION)
                    .await?;
            let screen = crate::profile::screens::question(
                lang,
                &self.catalog,
                ProfileField::Localidad,
                &citizen,
                true,
            );
            self.ctx.citizen = Some(citizen);
            Ok(Reply::screen(screen).with_notice(t(lang, "notice-consent-saved")))
        } else {
            if self.citizen().is_some_and(Citizen::may_vote) {
                // Withdrawing an accepted consent means erasing the data it covered.
                let screen = crate::data_rights::screens::privacy(
                    lang,
                    &self.catalog,
                    self.citizen(),
                    &self.settings,
                    false,
                );
                return Ok(Reply::screen(screen).with_notice(t(lang, "notice-withdraw-by-erasing")));
            }
            let citizen =
                db::citizens::record_consent(&self.pool, self.ctx.user_id, lang, false, NOTICE_VERSION)
                    .await?;
            self.ctx.citizen = Some(citizen);
            Ok(Reply::screen(crate::data_rights::screens::declined(lang)))
        }
    }

    /// `/mis_datos`: everything stored about the person, in a file when too long.
    pub(crate) async fn my_data(&mut self) -> Result<Reply> {
        let lang = self.lang();
        Ok({
            let ballots = self.ballots().await?;
            let (ideas, history, follows) = match self.citizen() {
                Some(c) => (
                    db::ideas::of_citizen(&self.pool, c.id).await?,
                    db::citizens::consent_history(&self.pool, c.id).await?,
                    db::followup::follows_of(&self.pool, c.id).await?,
                ),
                None => (Vec::new(), Vec::new(), Vec::new()),
            };
            let label = |key: &str| views::pillar_label(&self.catalog, key, lang);
            let draft = match &self.state {
                State::Voting(d) => Some(tr(lang, "my-data-draft", &[arg("pillar", label(&d.pillar))])),
                State::WritingIdea { pillar, .. } => {
                    Some(tr(lang, "my-data-idea-draft", &[arg("pillar", label(pillar))]))
                }
                State::IdeaProblem(d) | State::IdeaPreview(d) => {
                    Some(tr(lang, "my-data-idea-draft", &[arg("pillar", label(&d.pillar))]))
                }
                _ => None,
            };
            let stored = crate::data_rights::screens::StoredData {
                citizen: self.citizen(),
                ballots: &ballots,
                ideas: &ideas,
                history: &history,
                draft: draft.as_deref(),
                follows: &follows,
            };
            let screen = crate::data_rights::screens::my_data(lang, &self.catalog, &stored, &self.settings);
            if ui::fits(&screen) {
                Reply::screen(screen)
            } else {
                // Too long for one message: everything goes in a file, and
                // the message keeps all but the ideas.
                let file = teloxide::types::InputFile::memory(ui::strip_tags(&screen.text).into_bytes())
                    .file_name(t(lang, "my-data-file-name"));
                self.bot.send_document(self.ctx.chat_id, file).await?;
                let short = crate::data_rights::screens::StoredData { ideas: &[], ..stored };
                let mut screen =
                    crate::data_rights::screens::my_data(lang, &self.catalog, &short, &self.settings);
                screen.text.push_str("\n\n");
                screen.text.push_str(&t(lang, "my-data-in-file"));
                Reply::screen(screen)
            }
        })
    }

    /// `/borrar_mis_datos`: asks for a confirmation first.
    pub(crate) async fn ask_erasure(&mut self) -> Result<Reply> {
        let lang = self.lang();
        Ok({
            if self.citizen().is_none() && self.state == State::Idle {
                Reply::screen(Screen::new(t(lang, "my-data-nothing")))
            } else {
                self.set_state(State::ConfirmingErasure).await?;
                Reply::screen(crate::data_rights::screens::erase_confirm(lang))
            }
        })
    }

    /// The erasure confirmed (everything goes, ballots leave the results) or cancelled.
    pub(crate) async fn erase(&mut self, yes: bool) -> Result<Reply> {
        let lang = self.lang();
        if yes {
            if self.state != State::ConfirmingErasure {
                return self.stale().await;
            }
            let erased = db::citizens::erase(&self.pool, self.ctx.user_id, self.ctx.chat_id.0).await?;
            // The dialogue row went with the rest; nothing may write it back.
            self.state_written(State::Idle);
            self.ctx.citizen = None;
            self.ctx.ballots = None;
            Ok(Reply::screen(crate::data_rights::screens::erased(lang, erased.ballots)))
        } else {
            self.set_state(State::Idle).await?;
            Ok(Reply::screen(self.menu().await?).with_notice(t(lang, "notice-erase-cancelled")))
        }
    }

    /// A minor's answer about their guardian's authorisation. With it, the age
    /// answer and the statement are stored; without it, they are left with what
    /// a decliner has, and told how to come back.
    pub(crate) async fn guardian(&mut self, age: &str, yes: bool) -> Result<Reply> {
        let lang = self.lang();
        let Some(citizen) = self.citizen().filter(|c| c.may_vote()).cloned() else {
            return Ok(Reply::screen(crate::data_rights::screens::consent_needed(lang)));
        };
        if !self.catalog.is_minor_age(age) {
            return self.stale().await;
        }
        if yes {
            db::citizens::attest_guardian(&self.pool, citizen.id, age).await?;
            let citizen = db::citizens::find(&self.pool, self.ctx.user_id)
                .await?
                .ok_or_else(|| Error::Corrupt("citizen vanished while attesting".into()))?;
            let screen = crate::profile::screens::profile_done(lang, &self.catalog, &citizen, &self.settings);
            self.ctx.citizen = Some(citizen);
            return Ok(Reply::screen(screen).with_notice(t(lang, "notice-guardian-saved")));
        }
        let erased =
            db::citizens::decline_as_minor(&self.pool, citizen.id, self.ctx.chat_id.0, NOTICE_VERSION)
                .await?;
        // The dialogue row and the ballots went with the rest.
        self.state_written(State::Idle);
        self.ctx.ballots = None;
        self.ctx.citizen = db::citizens::find(&self.pool, self.ctx.user_id).await?;
        Ok(Reply::screen(crate::data_rights::screens::minor_declined(lang, erased.ballots)))
    }
}

/// A message while the erasure waits for its confirmation.
pub async fn on_message_while_erasing(turn: Turn) -> HandlerResult {
    let lang = turn.lang();
    let reply = Reply::screen(crate::data_rights::screens::erase_confirm(lang))
        .with_notice(t(lang, "erase-use-buttons"));
    turn.answer_in_messages(Ok(reply)).await
}
