//! The three optional profile questions; voting never depends on them.

pub mod screens;

use crate::{
    bot::citizen::{Reply, Turn},
    db,
    domain::ProfileField,
    error::Result,
    i18n::t,
};

impl Turn {
    /// `/perfil`: the first question, once the notice is accepted.
    pub(crate) async fn profile_start(&self) -> Result<Reply> {
        let lang = self.lang();
        Ok({
            match self.citizen().filter(|c| c.may_vote()) {
                Some(c) => Reply::screen(crate::profile::screens::question(
                    lang,
                    &self.catalog,
                    ProfileField::Localidad,
                    c,
                    true,
                )),
                None => Reply::screen(crate::data_rights::screens::consent_needed(lang)),
            }
        })
    }

    /// One profile question.
    pub(crate) async fn question(&self, field: ProfileField) -> Result<Reply> {
        let lang = self.lang();
        Ok(match self.citizen().filter(|c| c.may_vote()) {
            Some(c) => Reply::screen(crate::profile::screens::question(lang, &self.catalog, field, c, false)),
            None => Reply::screen(crate::data_rights::screens::consent_needed(lang)),
        })
    }

    /// A profile answer (`None`: skipped), then the next question.
    pub(crate) async fn answer(&mut self, field: ProfileField, code: Option<String>) -> Result<Reply> {
        let lang = self.lang();
        let Some(citizen) = self.citizen().filter(|c| c.may_vote()).cloned() else {
            return Ok(Reply::screen(crate::data_rights::screens::consent_needed(lang)));
        };
        // An answer the catalog does not offer (a stale or forged button) is not stored.
        if code.as_deref().is_some_and(|c| !self.catalog.is_answer(field, c)) {
            return Ok(Reply::screen(self.menu().await?).with_notice(t(lang, "notice-stale")));
        }
        if let Some(age) =
            code.as_deref().filter(|c| field == ProfileField::AgeRange && self.catalog.is_minor_age(c))
            && !citizen.guardian_attested
        {
            // Nothing is stored until the minor says a guardian authorised them.
            return Ok(Reply::screen(crate::data_rights::screens::guardian_question(lang, age)));
        }
        let citizen = match code.as_deref() {
            Some(code) => {
                match db::citizens::set_profile(&self.pool, citizen.id, field, Some(code)).await? {
                    Some(citizen) => citizen,
                    // Consent withdrawn (or data erased) meanwhile: nothing was stored.
                    None => {
                        return Ok(Reply::screen(crate::data_rights::screens::consent_needed(lang)));
                    }
                }
            }
            None => citizen,
        };
        let screen = match field.next() {
            Some(next) => crate::profile::screens::question(lang, &self.catalog, next, &citizen, false),
            None => crate::profile::screens::profile_done(lang, &self.catalog, &citizen, &self.settings),
        };
        self.ctx.citizen = Some(citizen);
        // The last answer of someone who has not voted yet: the answers, and the
        // first pillar's voting screen below them (one tap fewer than "Ir a votar").
        let screen = match field.next() {
            None if self.phase().accepts_votes() && self.ballots().await?.is_empty() => {
                match self.vote_next().await?.screen {
                    Some(vote) => crate::bot::ui::Screen {
                        text: format!("{}\n\n{}", screen.text, vote.text),
                        keyboard: vote.keyboard,
                        reply_keyboard: None,
                    },
                    None => screen,
                }
            }
            _ => screen,
        };
        let notice = if code.is_some() { "notice-answer-saved" } else { "notice-skipped" };
        Ok(Reply::screen(screen).with_notice(t(lang, notice)))
    }
}
