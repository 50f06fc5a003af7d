//! The citizen's path: commands, buttons and free messages in a private chat.

use crate::{
    bot::{
        Ctx,
        callback::Action,
        commands::Command,
        state::State,
        ui::{self, Screen},
        views,
    },
    config::Settings,
    db,
    domain::{
        Ballot, BallotError, Catalog, Citizen, DraftBallot, IdeaContent, NOTICE_VERSION, Phase, ProfileField,
    },
    error::{Error, HandlerResult, Result},
    i18n::{arg, t, tr},
};
use chrono::Utc;
use sqlx::SqlitePool;
use std::{collections::HashSet, sync::Arc};
use teloxide::prelude::*;

pub use super::state::CitizenDialogue;

/// What a turn produces: a screen to show and/or a short notice (a toast for
/// buttons, a message for commands), optionally preceded by an idea's media.
#[derive(Default)]
pub(crate) struct Reply {
    pub(crate) screen: Option<Screen>,
    pub(crate) notice: Option<String>,
    /// A voice note or photo to re-send before the screen (moderation).
    pub(crate) media: Option<IdeaContent>,
    /// Send the screen as a new message even when answering a button.
    pub(crate) new_message: bool,
}

impl Reply {
    pub(crate) fn screen(screen: Screen) -> Reply {
        Reply { screen: Some(screen), ..Reply::default() }
    }

    pub(crate) fn with_notice(mut self, notice: String) -> Reply {
        self.notice = Some(notice);
        self
    }
}

/// One update's worth of work for one person: built once per update by a node
/// of `handler_tree()` (see [`Turn::for_update`]), and taken by every endpoint.
#[derive(Clone)]
pub struct Turn {
    pub(crate) bot: Bot,
    pub(crate) pool: SqlitePool,
    pub(crate) settings: Settings,
    pub(crate) ctx: Ctx,
    pub(crate) dialogue: CitizenDialogue,
    pub(crate) state: State,
    pub(crate) catalog: std::sync::Arc<Catalog>,
    pub(crate) catalogs: db::catalog::CatalogCache,
    /// What each chat's bot message shows, so an edit that changes nothing is skipped.
    pub(crate) shown: ui::Shown,
}

impl Turn {
    /// The tree's node after the lookup: the person's turn with the catalog
    /// they see. `None` (logged) when the catalog cannot be read: the update
    /// then reaches the fallback branches, which ask to try again.
    pub async fn for_update(
        bot: Bot,
        ctx: Arc<Ctx>,
        pool: SqlitePool,
        settings: Settings,
        storage: Arc<db::DialogueStorage<State>>,
        catalogs: db::catalog::CatalogCache,
        shown: ui::Shown,
    ) -> Option<Turn> {
        let catalog = match catalogs.get_at(&pool, ctx.catalog_version).await {
            Ok(catalog) => catalog,
            Err(e) => {
                tracing::error!(error = %e, "could not load the catalog");
                return None;
            }
        };
        let dialogue = CitizenDialogue::new(storage, ctx.chat_id);
        let ctx = Ctx::clone(&ctx);
        let state = ctx.state.clone();
        Some(Turn { bot, pool, settings, ctx, dialogue, state, catalog, catalogs, shown })
    }

    pub(crate) fn lang(&self) -> crate::domain::Lang {
        self.ctx.lang
    }

    pub(crate) fn phase(&self) -> Phase {
        let c = &self.catalog.consultation;
        Phase::at(Utc::now(), c.opens_at, c.closes_at)
    }

    /// Whether `/ayuda` lists the staff commands too. What staff may run is
    /// decided by the handler tree (`bot::roles`), never by this.
    fn is_staff(&self) -> bool {
        self.ctx.role != crate::domain::Role::Citizen
    }

    pub(crate) fn citizen(&self) -> Option<&Citizen> {
        self.ctx.citizen.as_ref()
    }

    pub(crate) async fn set_state(&mut self, state: State) -> Result<()> {
        if self.state != state {
            self.dialogue.update(&state).await?;
            self.state = state;
        }
        Ok(())
    }

    /// An effect's own transaction wrote the chat's state (`state`), or removed
    /// it with the rest: nothing set before in this turn may write it back.
    pub(crate) fn state_written(&mut self, state: State) {
        self.dialogue.written_elsewhere();
        self.state = state;
    }

    async fn ballots(&self) -> Result<Vec<(Ballot, chrono::DateTime<Utc>)>> {
        if let Some(ballots) = &self.ctx.ballots {
            return Ok(ballots.clone());
        }
        match self.citizen() {
            Some(c) => db::ballots::of_citizen(&self.pool, c.id).await,
            None => Ok(Vec::new()),
        }
    }

    async fn menu(&self) -> Result<Screen> {
        let voted: HashSet<String> = self.ballots().await?.into_iter().map(|(b, _)| b.pillar).collect();
        Ok(views::menu(self.lang(), &self.catalog, &voted, self.phase(), &self.settings))
    }

    async fn pillar_screen(&self, key: &str, page: u8) -> Result<Reply> {
        let Some(pillar) = self.catalog.pillar(key) else {
            return Ok(Reply::screen(self.menu().await?).with_notice(t(self.lang(), "notice-stale")));
        };
        let has_ballot = self.ballots().await?.iter().any(|(b, _)| b.pillar == key);
        Ok(Reply::screen(crate::voting::screens::pillar(
            self.lang(),
            &self.catalog,
            pillar,
            page,
            has_ballot,
        )))
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
    fn draft_for(&self, pillar: &str) -> Option<DraftBallot> {
        match &self.state {
            State::Voting(d) if d.pillar == pillar => Some(d.clone()),
            _ => None,
        }
    }

    async fn voting_screen(&self, draft: &DraftBallot, page: u8) -> Result<Screen> {
        let current = self.ballots().await?.into_iter().map(|(b, _)| b).find(|b| b.pillar == draft.pillar);
        Ok(crate::voting::screens::voting(self.lang(), &self.catalog, draft, page, current.as_ref()))
    }

    async fn my_votes(&self) -> Result<Reply> {
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

    pub(crate) async fn stale(&self) -> Result<Reply> {
        Ok(Reply::screen(self.menu().await?).with_notice(t(self.lang(), "notice-stale")))
    }

    pub(crate) async fn command(&mut self, command: Command) -> Result<Reply> {
        let lang = self.lang();
        let had_something = self.state != State::Idle;
        if self.state == State::ConfirmingErasure && command != Command::BorrarMisDatos {
            self.set_state(State::Idle).await?;
        }
        Ok(match command {
            Command::Start(_) => {
                // Someone who had blocked the bot is back: broadcasts reach them again.
                db::citizens::mark_reachable(&self.pool, self.ctx.user_id).await?;
                Reply::screen(views::welcome(
                    lang,
                    &self.catalog,
                    self.phase(),
                    self.citizen(),
                    &self.settings,
                ))
            }
            Command::Ayuda => Reply::screen(views::help(lang, self.is_staff())),
            Command::Pilares => Reply::screen(self.menu().await?),
            Command::MisVotos => self.my_votes().await?,
            Command::Perfil => match self.citizen().filter(|c| c.may_vote()) {
                Some(c) => Reply::screen(crate::profile::screens::question(
                    lang,
                    &self.catalog,
                    ProfileField::Localidad,
                    c,
                    true,
                )),
                None => Reply::screen(crate::data_rights::screens::consent_needed(lang)),
            },
            Command::Privacidad => Reply::screen(crate::data_rights::screens::privacy(
                lang,
                &self.catalog,
                self.citizen(),
                &self.settings,
            )),
            Command::MisDatos => {
                let ballots = self.ballots().await?;
                let (ideas, history) = match self.citizen() {
                    Some(c) => (
                        db::ideas::of_citizen(&self.pool, c.id).await?,
                        db::citizens::consent_history(&self.pool, c.id).await?,
                    ),
                    None => (Vec::new(), Vec::new()),
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
                };
                let screen =
                    crate::data_rights::screens::my_data(lang, &self.catalog, &stored, &self.settings);
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
            }
            Command::BorrarMisDatos => {
                if self.citizen().is_none() && self.state == State::Idle {
                    Reply::screen(Screen::new(t(lang, "my-data-nothing")))
                } else {
                    self.set_state(State::ConfirmingErasure).await?;
                    Reply::screen(crate::data_rights::screens::erase_confirm(lang))
                }
            }
            Command::Idioma => Reply::screen(views::language(lang)),
            Command::Idea => self.start_idea(None).await?,
            Command::Yo => {
                Reply::screen(Screen::new(tr(lang, "your-id", &[arg("id", self.ctx.user_id.to_string())])))
            }
            Command::MisIdeas => self.my_ideas().await?,
            Command::Resultados => self.results().await?,
            Command::Silenciar => self.set_muted(true).await?,
            Command::Notificaciones => self.set_muted(false).await?,
            Command::Cancelar => {
                self.set_state(State::Idle).await?;
                let key = if had_something { "cancelled" } else { "nothing-to-cancel" };
                Reply::screen(
                    Screen::new(t(lang, key)).row(vec![ui::button(t(lang, "btn-pillars"), Action::Menu)]),
                )
            }
        })
    }

    async fn act(&mut self, action: Action) -> Result<Reply> {
        let lang = self.lang();
        if self.state == State::ConfirmingErasure && !matches!(action, Action::Erase(_)) {
            self.set_state(State::Idle).await?;
        }
        match action {
            Action::Consent(true) => {
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
            }
            Action::Consent(false) => {
                if self.citizen().is_some_and(Citizen::may_vote) {
                    // Withdrawing an accepted consent means erasing the data it covered.
                    let screen = crate::data_rights::screens::privacy(
                        lang,
                        &self.catalog,
                        self.citizen(),
                        &self.settings,
                    );
                    return Ok(Reply::screen(screen).with_notice(t(lang, "notice-withdraw-by-erasing")));
                }
                let citizen =
                    db::citizens::record_consent(&self.pool, self.ctx.user_id, lang, false, NOTICE_VERSION)
                        .await?;
                self.ctx.citizen = Some(citizen);
                Ok(Reply::screen(crate::data_rights::screens::declined(lang)))
            }
            Action::Privacy => Ok(Reply::screen(crate::data_rights::screens::privacy(
                lang,
                &self.catalog,
                self.citizen(),
                &self.settings,
            ))),
            Action::Question(field) => Ok(match self.citizen().filter(|c| c.may_vote()) {
                Some(c) => {
                    Reply::screen(crate::profile::screens::question(lang, &self.catalog, field, c, false))
                }
                None => Reply::screen(crate::data_rights::screens::consent_needed(lang)),
            }),
            Action::Answer(field, code) => {
                let Some(citizen) = self.citizen().filter(|c| c.may_vote()).cloned() else {
                    return Ok(Reply::screen(crate::data_rights::screens::consent_needed(lang)));
                };
                // An answer the catalog does not offer (a stale or forged button) is not stored.
                if code.as_deref().is_some_and(|c| !self.catalog.is_answer(field, c)) {
                    return Ok(Reply::screen(self.menu().await?).with_notice(t(lang, "notice-stale")));
                }
                if let Some(age) = code
                    .as_deref()
                    .filter(|c| field == ProfileField::AgeRange && self.catalog.is_minor_age(c))
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
                    Some(next) => {
                        crate::profile::screens::question(lang, &self.catalog, next, &citizen, false)
                    }
                    None => crate::profile::screens::profile_done(lang, &self.catalog, &citizen),
                };
                self.ctx.citizen = Some(citizen);
                let notice = if code.is_some() { "notice-answer-saved" } else { "notice-skipped" };
                Ok(Reply::screen(screen).with_notice(t(lang, notice)))
            }
            Action::Guardian { age, yes } => self.guardian(&age, yes).await,
            Action::Menu => Ok(Reply::screen(self.menu().await?)),
            Action::Pillar { pillar, page } => self.pillar_screen(&pillar, page).await,
            Action::Proposal { id, page } => match self.catalog.proposal(&id).filter(|p| !p.withdrawn) {
                Some(p) => Ok(Reply::screen(crate::voting::screens::proposal(lang, &self.catalog, p, page))),
                None => {
                    Ok(Reply::screen(self.menu().await?).with_notice(t(lang, "notice-proposal-unavailable")))
                }
            },
            Action::StartVote { pillar } => self.start_vote(&pillar).await,
            Action::VoteNext => {
                let voted = self.voted().await?;
                match self.catalog.pillars.iter().find(|p| !voted.contains(&p.key)) {
                    Some(p) => self.start_vote(&p.key.clone()).await,
                    None => Ok(Reply::screen(self.menu().await?)),
                }
            }
            Action::VotePage { pillar, page } => match self.draft_for(&pillar) {
                Some(draft) => Ok(Reply::screen(self.voting_screen(&draft, page).await?)),
                None => self.stale().await,
            },
            Action::Pick { pillar, id, page } => {
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
            Action::Undo { pillar, page } => {
                let Some(mut draft) = self.draft_for(&pillar) else {
                    return self.stale().await;
                };
                draft.undo();
                self.set_state(State::Voting(draft.clone())).await?;
                Ok(Reply::screen(self.voting_screen(&draft, page).await?))
            }
            Action::Confirm { pillar } => self.confirm(&pillar).await,
            Action::CancelVote { pillar } => {
                if self.draft_for(&pillar).is_none() {
                    return self.stale().await;
                }
                self.set_state(State::Idle).await?;
                Ok(self.pillar_screen(&pillar, 0).await?.with_notice(t(lang, "notice-vote-cancelled")))
            }
            Action::MyVotes => self.my_votes().await,
            Action::Language(new) => {
                db::citizens::set_language(&self.pool, self.ctx.user_id, new).await?;
                self.ctx.lang = new;
                Ok(Reply::screen(self.menu().await?).with_notice(t(new, "notice-language-set")))
            }
            Action::Erase(true) => {
                if self.state != State::ConfirmingErasure {
                    return self.stale().await;
                }
                let erased = db::citizens::erase(&self.pool, self.ctx.user_id, self.ctx.chat_id.0).await?;
                // The dialogue row went with the rest; nothing may write it back.
                self.state_written(State::Idle);
                self.ctx.citizen = None;
                self.ctx.ballots = None;
                Ok(Reply::screen(crate::data_rights::screens::erased(lang, erased.ballots)))
            }
            Action::Erase(false) => {
                self.set_state(State::Idle).await?;
                Ok(Reply::screen(self.menu().await?).with_notice(t(lang, "notice-erase-cancelled")))
            }
            Action::Help => Ok(Reply::screen(views::help(lang, self.is_staff()))),
            Action::IdeaStart { pillar } => self.start_idea(pillar).await,
            Action::MyIdeas => self.my_ideas().await,
            Action::IdeaSkipProblem
            | Action::IdeaSubmit
            | Action::IdeaEditText
            | Action::IdeaEditProblem
            | Action::IdeaCancel => self.idea_step(action).await,
        }
    }

    /// A minor's answer about their guardian's authorisation. With it, the age
    /// answer and the statement are stored; without it, they are left with what
    /// a decliner has, and told how to come back.
    async fn guardian(&mut self, age: &str, yes: bool) -> Result<Reply> {
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
            let screen = crate::profile::screens::profile_done(lang, &self.catalog, &citizen);
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

    async fn voted(&self) -> Result<HashSet<String>> {
        Ok(self.ballots().await?.into_iter().map(|(b, _)| b.pillar).collect())
    }

    async fn start_vote(&mut self, pillar: &str) -> Result<Reply> {
        if self.catalog.pillar(pillar).is_none() {
            return self.stale().await;
        }
        if let Some(refusal) = self.vote_refusal() {
            return Ok(refusal);
        }
        let mut draft = self.draft_for(pillar).unwrap_or_else(|| DraftBallot::new(pillar));
        draft.prune(&self.catalog);
        self.set_state(State::Voting(draft.clone())).await?;
        Ok(Reply::screen(self.voting_screen(&draft, 0).await?))
    }

    /// The first pillar after `pillar`, in catalog order and wrapping around,
    /// that has no ballot yet.
    fn next_unvoted(&self, pillar: &str, voted: &HashSet<String>) -> Option<String> {
        let pillars = &self.catalog.pillars;
        let at = pillars.iter().position(|p| p.key == pillar)?;
        (1..pillars.len())
            .map(|i| &pillars[(at + i) % pillars.len()])
            .find(|p| !voted.contains(&p.key))
            .map(|p| p.key.clone())
    }

    /// The confirmation of a stored ballot, with the next pillar to vote in
    /// below it when there is one left (its empty draft becomes the state).
    async fn after_confirm(&mut self, ballot: &Ballot, at: &chrono::DateTime<Utc>) -> Result<Reply> {
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
            None => confirmed,
        };
        Ok(Reply::screen(screen).with_notice(t(lang, "notice-vote-saved")))
    }

    /// A second tap on "Confirmar" (no draft any more): the stored ballot's
    /// confirmation stays on screen, or the menu if there is none.
    async fn confirmed_again(&mut self, pillar: &str) -> Result<Reply> {
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
    async fn confirm(&mut self, pillar: &str) -> Result<Reply> {
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
        let at = db::ballots::cast(&self.pool, citizen_id, self.ctx.chat_id.0, &ballot).await?;
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

    /// A message the current step does not expect: what to do instead.
    fn not_understood(&self) -> Reply {
        Reply::screen(views::not_understood(self.lang()))
    }
}

async fn deliver_as_messages(bot: &Bot, chat: ChatId, reply: Reply) -> HandlerResult {
    if let Some(notice) = reply.notice {
        ui::send(bot, chat, &Screen::new(notice)).await?;
    }
    if let Some(media) = &reply.media {
        ui::send_media(bot, chat, media).await;
    }
    if let Some(screen) = reply.screen {
        ui::send(bot, chat, &screen).await?;
    }
    Ok(())
}

async fn report_failure(bot: &Bot, ctx: &Ctx, e: Error) -> HandlerResult {
    // The person hears that nothing was saved; the error goes to the log.
    let _ = ui::send(bot, ctx.chat_id, &Screen::new(t(ctx.lang, "error-try-again"))).await;
    Err(e)
}

pub async fn on_command(command: Command, mut turn: Turn) -> HandlerResult {
    let reply = turn.command(command).await;
    // Commands answer with the screen only; a notice is for buttons.
    turn.answer_in_messages(reply.map(|r| Reply { notice: None, ..r })).await
}

/// Anything that is not a known command and that no step of a conversation
/// expects: text of any length, stickers, photos, voice notes, locations,
/// documents. Nothing of it is stored.
pub async fn on_message(turn: Turn) -> HandlerResult {
    let reply = turn.not_understood();
    turn.answer_in_messages(Ok(reply)).await
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

/// A message while the erasure waits for its confirmation.
pub async fn on_message_while_erasing(turn: Turn) -> HandlerResult {
    let lang = turn.lang();
    let reply = Reply::screen(crate::data_rights::screens::erase_confirm(lang))
        .with_notice(t(lang, "erase-use-buttons"));
    turn.answer_in_messages(Ok(reply)).await
}

pub async fn on_callback(q: CallbackQuery, action: Action, mut turn: Turn) -> HandlerResult {
    let result = turn.act(action).await;
    turn.answer_button(&q, result).await
}

/// A button this person has no such button for: forged, from an old version,
/// or another role's. It gets the menu and the stale-button notice.
pub async fn on_unknown_callback(q: CallbackQuery, turn: Turn) -> HandlerResult {
    let result = turn.stale().await;
    turn.answer_button(&q, result).await
}

impl Turn {
    /// Delivers a turn's outcome as new messages, or tells the person nothing was saved.
    pub(crate) async fn answer_in_messages(&self, reply: Result<Reply>) -> HandlerResult {
        match reply {
            Ok(reply) => deliver_as_messages(&self.bot, self.ctx.chat_id, reply).await,
            Err(e) => report_failure(&self.bot, &self.ctx, e).await,
        }
    }

    /// Delivers a button's outcome: the press is answered (with the notice), then
    /// the screen edited in place or sent anew; on failure the person is told.
    pub(crate) async fn answer_button(&self, q: &CallbackQuery, result: Result<Reply>) -> HandlerResult {
        let (bot, ctx) = (&self.bot, &self.ctx);
        let shown_now = q.regular_message();
        match result {
            Ok(reply) => {
                if let Some(media) = &reply.media {
                    ui::send_media(bot, ctx.chat_id, media).await;
                }
                // The button is answered first: the spinner stops even if the screen is slow.
                let answered = ui::answer(bot, &q.id, reply.notice.as_deref(), false).await;
                let shown = match &reply.screen {
                    Some(screen) if reply.new_message => ui::send(bot, ctx.chat_id, screen).await,
                    Some(screen) => ui::edit(bot, &self.shown, ctx.chat_id, shown_now, screen).await,
                    None => Ok(()),
                };
                if let Err(e) = &shown {
                    // The screen could not move on: say so in a message of its own.
                    tracing::warn!(error = %e, "a screen could not be updated");
                    let _ = ui::send(bot, ctx.chat_id, &Screen::new(t(ctx.lang, "error-screen-stuck"))).await;
                }
                if let Err(e) = answered {
                    tracing::warn!(error = %e, "a button press could not be answered");
                }
                shown
            }
            Err(e) => {
                let _ = ui::answer(bot, &q.id, Some(&t(ctx.lang, "error-try-again")), true).await;
                Err(e)
            }
        }
    }
}
