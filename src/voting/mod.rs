//! Reading the pillars and voting: a pillar's list and proposals, choosing up to the
//! priorities in order, confirming (the ballot is stored before anything says so),
//! and /mis_votos.

pub mod screens;

use crate::{
    bot::{
        callback::Action,
        citizen::{Reply, Turn},
        state::State,
        ui::{self, Screen},
        views,
    },
    db,
    domain::{Ballot, BallotError, Citizen, DraftBallot},
    error::{Error, HandlerResult, Result},
    i18n::{arg, t, tr},
};
use chrono::Utc;
use std::collections::HashSet;

impl Turn {
    pub(crate) async fn pillar_screen(&self, key: &str, page: u8) -> Result<Reply> {
        let Some(pillar) = self.catalog.pillar(key) else {
            return Ok(Reply::screen(self.menu().await?).with_notice(t(self.lang(), "notice-stale")));
        };
        let has_ballot = self.ballots().await?.iter().any(|(b, _)| b.pillar == key);
        let screen = crate::voting::screens::pillar(self.lang(), &self.catalog, pillar, page, has_ballot);
        let target = crate::domain::recording::Target::Pillar(pillar.key.clone());
        Ok(Reply::screen(self.with_listen(screen, target).await?))
    }

    /// Why this citizen may not vote right now, as a reply; `None` if they may.
    pub(crate) fn vote_refusal(&self) -> Option<Reply> {
        let lang = self.lang();
        if !self.citizen().is_some_and(Citizen::may_vote) {
            return Some(
                Reply::screen(crate::data_rights::screens::consent_needed(lang))
                    .with_notice(t(lang, "notice-consent-needed")),
            );
        }
        let phase = self.phase();
        if !phase.accepts_votes() {
            let line = views::phase_line(phase, lang, &self.settings);
            return Some(
                Reply::screen(
                    Screen::new(line.clone()).row(vec![ui::button(t(lang, "btn-pillars"), Action::Menu)]),
                )
                .with_notice(ui::strip_tags(&line)),
            );
        }
        None
    }

    /// The draft for `pillar` if the citizen is voting in it; a stale keyboard otherwise.
    pub(crate) fn draft_for(&self, pillar: &str) -> Option<DraftBallot> {
        match &self.state {
            State::Voting(d) if d.pillar == pillar => Some(d.clone()),
            _ => None,
        }
    }

    pub(crate) async fn voting_screen(&self, draft: &DraftBallot, page: u8) -> Result<Screen> {
        let current = self.ballots().await?.into_iter().map(|(b, _)| b).find(|b| b.pillar == draft.pillar);
        Ok(crate::voting::screens::voting(self.lang(), &self.catalog, draft, page, current.as_ref()))
    }

    pub(crate) async fn my_votes(&self) -> Result<Reply> {
        let ballots = self.ballots().await?;
        let lang = self.lang();
        Ok(Reply::screen(crate::voting::screens::my_votes(
            lang,
            &self.catalog,
            self.citizen(),
            &ballots,
            self.phase(),
            &self.settings,
        )))
    }

    pub(crate) async fn voted(&self) -> Result<HashSet<String>> {
        Ok(self.ballots().await?.into_iter().map(|(b, _)| b.pillar).collect())
    }

    pub(crate) async fn start_vote(&mut self, pillar: &str) -> Result<Reply> {
        if self.catalog.pillar(pillar).is_none() {
            return self.stale().await;
        }
        if let Some(refusal) = self.vote_refusal() {
            return Ok(refusal);
        }
        if let Some(refusal) = self.number_refusal(pillar).await? {
            return Ok(refusal);
        }
        let mut draft = self.draft_for(pillar).unwrap_or_else(|| DraftBallot::new(pillar));
        draft.prune(&self.catalog);
        self.set_state(State::Voting(draft.clone())).await?;
        Ok(Reply::screen(self.voting_screen(&draft, 0).await?))
    }

    /// When this account's verified number already voted in `pillar` from
    /// another account: the reason, and the menu (a number has one ballot per pillar).
    async fn number_refusal(&mut self, pillar: &str) -> Result<Option<Reply>> {
        let Some(citizen) = self.citizen().filter(|c| c.verified_at.is_some()) else { return Ok(None) };
        if !db::verification::number_voted_in(&self.pool, citizen.id).await?.iter().any(|p| p == pillar) {
            return Ok(None);
        }
        let notice = crate::verification::screens::number_already_voted(self.lang(), &self.catalog, pillar);
        Ok(Some(Reply::screen(self.menu().await?).with_notice(notice)))
    }

    /// The first pillar after `pillar`, in catalog order and wrapping around,
    /// that has no ballot yet.
    pub(crate) fn next_unvoted(&self, pillar: &str, voted: &HashSet<String>) -> Option<String> {
        let pillars = &self.catalog.pillars;
        let at = pillars.iter().position(|p| p.key == pillar)?;
        (1..pillars.len())
            .map(|i| &pillars[(at + i) % pillars.len()])
            .find(|p| !voted.contains(&p.key))
            .map(|p| p.key.clone())
    }

    /// The confirmation of a stored ballot, with the next pillar to vote in
    /// below it when there is one left (its empty draft becomes the state).
    pub(crate) async fn after_confirm(
        &mut self,
        ballot: &Ballot,
        at: &chrono::DateTime<Utc>,
    ) -> Result<Reply> {
        let lang = self.lang();
        let confirmed = crate::voting::screens::confirmed(lang, &self.catalog, ballot, at, &self.settings);
        let voted = self.voted().await?;
        let next = self.next_unvoted(&ballot.pillar, &voted).filter(|_| self.phase().accepts_votes());
        let screen = match next {
            Some(next) => {
                let draft = DraftBallot::new(&next);
                self.set_state(State::Voting(draft.clone())).await?;
                let voting = crate::voting::screens::voting(lang, &self.catalog, &draft, 0, None);
                crate::voting::screens::confirmed_then(lang, confirmed, voting)
            }
            None if self.settings.phone_verification().is_some()
                && self.citizen().is_some_and(|c| c.verified_at.is_none()) =>
            {
                Screen { text: format!("{}\n\n{}", confirmed.text, t(lang, "verify-hint")), ..confirmed }
            }
            None => confirmed,
        };
        Ok(Reply::screen(screen).with_notice(t(lang, "notice-vote-saved")))
    }

    /// A second tap on "Confirmar" (no draft any more): the stored ballot's
    /// confirmation stays on screen, or the menu if there is none.
    pub(crate) async fn confirmed_again(&mut self, pillar: &str) -> Result<Reply> {
        let stored = self.ballots().await?.into_iter().find(|(b, _)| b.pillar == pillar);
        let untouched = match &self.state {
            State::Idle => true,
            State::Voting(d) => d.picks.is_empty(),
            _ => false,
        };
        match stored {
            // The same screen as the first tap gave, unless a new draft has begun.
            Some((ballot, at)) if untouched => self.after_confirm(&ballot, &at).await,
            Some((ballot, at)) => Ok(Reply::screen(crate::voting::screens::confirmed(
                self.lang(),
                &self.catalog,
                &ballot,
                &at,
                &self.settings,
            ))
            .with_notice(t(self.lang(), "notice-vote-saved"))),
            None => self.stale().await,
        }
    }

    /// Commits the draft as the citizen's ballot; the confirmation is built only
    /// after the transaction has committed.
    pub(crate) async fn confirm(&mut self, pillar: &str) -> Result<Reply> {
        let lang = self.lang();
        let Some(mut draft) = self.draft_for(pillar) else {
            return self.confirmed_again(pillar).await;
        };
        if let Some(refusal) = self.vote_refusal() {
            self.set_state(State::Idle).await?;
            return Ok(refusal);
        }
        let dropped = draft.prune(&self.catalog);
        if !dropped.is_empty() {
            self.set_state(State::Voting(draft.clone())).await?;
            return Ok(Reply::screen(self.voting_screen(&draft, 0).await?)
                .with_notice(t(lang, "notice-proposal-unavailable")));
        }
        let ballot = match draft.finish(&self.catalog) {
            Ok(b) => b,
            Err(_) => {
                return Ok(Reply::screen(self.voting_screen(&draft, 0).await?)
                    .with_notice(t(lang, "notice-pick-first")));
            }
        };
        let citizen_id =
            self.citizen().map(|c| c.id).ok_or_else(|| Error::Corrupt("voter without record".into()))?;
        // The update is marked done after the reply, not in the ballot's
        // transaction: if the process dies in between, the press is handled
        // again, finds the draft gone and shows the stored ballot's confirmation
        // (a ballot replaces the pillar's, so it is never counted twice).
        let at = match db::ballots::cast(&self.pool, citizen_id, self.ctx.chat_id.0, &ballot).await {
            Err(Error::NumberAlreadyVoted) => {
                // Nothing was stored; the draft is dropped, it cannot be cast.
                self.set_state(State::Idle).await?;
                let notice =
                    crate::verification::screens::number_already_voted(lang, &self.catalog, &ballot.pillar);
                return Ok(Reply::screen(self.menu().await?).with_notice(notice));
            }
            outcome => outcome?,
        };
        // The ballots read with this update, with the pillar's replaced by the one
        // just committed: what the database now holds, without reading it again.
        if let Some(ballots) = self.ctx.ballots.as_mut() {
            ballots.retain(|(b, _)| b.pillar != ballot.pillar);
            ballots.push((ballot.clone(), at));
            ballots.sort_by(|(a, _), (b, _)| a.pillar.cmp(&b.pillar));
        }
        // The transaction also ended the dialogue: the state is Idle already.
        self.state_written(State::Idle);
        self.after_confirm(&ballot, &at).await
    }

    /// A proposal's full text, or the menu if it is gone.
    pub(crate) async fn proposal_screen(&self, id: String, page: u8) -> Result<Reply> {
        let lang = self.lang();
        match self.catalog.proposal(&id).filter(|p| !p.withdrawn) {
            Some(p) => {
                let screen = crate::voting::screens::proposal(lang, &self.catalog, p, page);
                let target = crate::domain::recording::Target::Proposal(p.id.clone());
                Ok(Reply::screen(self.with_listen(screen, target).await?))
            }
            None => Ok(Reply::screen(self.menu().await?).with_notice(t(lang, "notice-proposal-unavailable"))),
        }
    }

    /// Start voting in the first pillar without a ballot yet.
    pub(crate) async fn vote_next(&mut self) -> Result<Reply> {
        let _lang = self.lang();
        let voted = self.voted().await?;
        match self.catalog.pillars.iter().find(|p| !voted.contains(&p.key)) {
            Some(p) => self.start_vote(&p.key.clone()).await,
            None => Ok(Reply::screen(self.menu().await?)),
        }
    }

    /// Another page of the voting screen.
    pub(crate) async fn vote_page(&self, pillar: String, page: u8) -> Result<Reply> {
        let _lang = self.lang();
        match self.draft_for(&pillar) {
            Some(draft) => Ok(Reply::screen(self.voting_screen(&draft, page).await?)),
            None => self.stale().await,
        }
    }

    /// A proposal picked as the next priority.
    pub(crate) async fn pick(&mut self, pillar: String, id: String, page: u8) -> Result<Reply> {
        let lang = self.lang();
        let Some(mut draft) = self.draft_for(&pillar) else {
            return self.stale().await;
        };
        if let Some(refusal) = self.vote_refusal() {
            self.set_state(State::Idle).await?;
            return Ok(refusal);
        }
        let notice = match draft.pick(&self.catalog, &id) {
            Ok(()) => {
                self.set_state(State::Voting(draft.clone())).await?;
                None
            }
            Err(BallotError::AlreadyChosen(_)) => Some(t(lang, "notice-already-chosen")),
            Err(BallotError::Full) => Some(t(lang, "notice-ballot-full")),
            Err(_) => Some(t(lang, "notice-proposal-unavailable")),
        };
        let reply = Reply::screen(self.voting_screen(&draft, page).await?);
        Ok(match notice {
            Some(n) => reply.with_notice(n),
            None => reply.with_notice(tr(lang, "notice-picked", &[arg("rank", draft.picks.len())])),
        })
    }

    /// The last pick taken back.
    pub(crate) async fn undo(&mut self, pillar: String, page: u8) -> Result<Reply> {
        let _lang = self.lang();
        let Some(mut draft) = self.draft_for(&pillar) else {
            return self.stale().await;
        };
        draft.undo();
        self.set_state(State::Voting(draft.clone())).await?;
        Ok(Reply::screen(self.voting_screen(&draft, page).await?))
    }

    /// Leaves the voting screen; the stored ballot, if any, stays.
    pub(crate) async fn cancel_vote(&mut self, pillar: String) -> Result<Reply> {
        let lang = self.lang();
        if self.draft_for(&pillar).is_none() {
            return self.stale().await;
        }
        self.set_state(State::Idle).await?;
        Ok(self.pillar_screen(&pillar, 0).await?.with_notice(t(lang, "notice-vote-cancelled")))
    }
}

/// A message while the citizen is choosing: the voting screen again, with a
/// reminder to use its buttons.
pub async fn on_message_while_voting(draft: DraftBallot, turn: Turn) -> HandlerResult {
    let lang = turn.lang();
    let reply = turn
        .voting_screen(&draft, 0)
        .await
        .map(|screen| Reply::screen(screen).with_notice(t(lang, "vote-use-buttons")));
    turn.answer_in_messages(reply).await
}
