//! Verified phones (`CONSULTA_VERIFICATION=phone`): a citizen shares their own
//! number with Telegram's contact button; only its keyed hash is kept, and a
//! number has one ballot per pillar whichever account casts it.

pub mod screens;

use crate::{
    bot::{
        citizen::{Reply, Turn},
        state::State,
    },
    db::{self, verification::Verified},
    domain::{
        VERIFY_NOTICE_VERSION,
        verification::{PhoneError, normalise},
    },
    error::{HandlerResult, Result},
};
use teloxide::types::{Contact, Message};

impl Turn {
    /// `/verificar`: the explanation and the contact button, or why not.
    pub(crate) async fn verify_start(&mut self) -> Result<Reply> {
        let lang = self.lang();
        if self.settings.phone_verification().is_none() {
            return Ok(Reply::screen(screens::not_asked(lang)));
        }
        let Some(citizen) = self.citizen().filter(|c| c.may_vote()) else {
            return Ok(Reply::screen(crate::data_rights::screens::consent_needed(lang)));
        };
        if let Some(at) = citizen.verified_at {
            return Ok(Reply::screen(screens::already(lang, &at, &self.settings)));
        }
        let current_notice = citizen.may_verify();
        self.set_state(State::Verifying).await?;
        Ok(Reply { new_message: true, ..Reply::screen(screens::ask(lang, current_notice)) })
    }

    /// A contact shared in the chat: verified when it is the sender's own
    /// number, of an accepted country, and the consultation verifies phones;
    /// nothing of it is kept otherwise.
    pub(crate) async fn contact_shared(&mut self, contact: &Contact) -> Result<Reply> {
        // The update's raw JSON holds the number: blanked now, not when it is
        // marked done, and the write-ahead log that held it emptied after.
        if let Some(update) = self.ctx.update_id {
            db::inbox::forget_payload(&self.pool, update).await?;
        }
        let reply = self.take_contact(contact).await;
        db::citizens::checkpoint_aside(&self.pool);
        reply
    }

    async fn take_contact(&mut self, contact: &Contact) -> Result<Reply> {
        let lang = self.lang();
        if self.state == State::Verifying {
            self.set_state(State::Idle).await?;
        }
        let Some(key) = self.settings.phone_verification().cloned() else {
            return Ok(Reply::screen(screens::not_asked(lang)));
        };
        let Some(citizen) = self.citizen().filter(|c| c.may_vote()).cloned() else {
            return Ok(Reply::screen(crate::data_rights::screens::consent_needed(lang)));
        };
        // Telegram marks a contact shared with the button with its sender's id;
        // a forwarded or typed contact of someone else is not a verification.
        let own = contact.user_id.and_then(|id| i64::try_from(id.0).ok()) == Some(self.ctx.user_id);
        if !own {
            return Ok(Reply::screen(screens::not_own(lang)));
        }
        let number = match normalise(&contact.phone_number, &self.catalog.consultation.phone_prefixes) {
            Ok(number) => number,
            Err(PhoneError::Foreign) => {
                return Ok(Reply::screen(screens::foreign(lang, &self.catalog.consultation.phone_prefixes)));
            }
            Err(PhoneError::Invalid) => return Ok(Reply::screen(screens::invalid(lang))),
        };
        if !citizen.may_verify() {
            // The explanation shown with the button said that sharing accepts
            // the current notice, which says what is kept of the number.
            let updated =
                db::citizens::record_consent(&self.pool, self.ctx.user_id, lang, true, VERIFY_NOTICE_VERSION)
                    .await?;
            self.ctx.citizen = Some(updated);
        }
        let outcome = db::verification::verify(&self.pool, citizen.id, &key.hash(&number)).await?;
        let screen = match outcome {
            Verified::Done { voted_elsewhere } if voted_elsewhere.is_empty() => screens::verified(lang),
            Verified::Done { voted_elsewhere } => {
                screens::verified_but_voted(lang, &self.catalog, &voted_elsewhere)
            }
            Verified::Conflict { pillars } => screens::conflict(lang, &self.catalog, &pillars),
        };
        Ok(Reply::screen(screen))
    }

    /// Anything but a contact while the contact button is shown: "not now".
    pub(crate) async fn verify_declined(&mut self) -> Result<Reply> {
        self.set_state(State::Idle).await?;
        Ok(Reply::screen(screens::not_now(self.lang(), &self.settings)))
    }
}

/// A message with a contact, in any step: the contact is the answer.
pub async fn on_contact(msg: Message, mut turn: Turn) -> HandlerResult {
    let reply = match msg.contact() {
        Some(contact) => turn.contact_shared(contact).await,
        None => Ok(turn.not_understood()),
    };
    turn.answer_in_messages(reply).await
}

/// A message while the contact button is shown that is not a contact.
pub async fn on_message_while_verifying(mut turn: Turn) -> HandlerResult {
    let reply = turn.verify_declined().await;
    turn.answer_in_messages(reply).await
}
