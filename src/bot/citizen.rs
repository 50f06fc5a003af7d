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
    domain::{Ballot, Catalog, Citizen, IdeaContent, Lang, Phase},
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
    /// A voice note or photo to send before the screen (an idea's in moderation,
    /// a reading aloud), after the press is answered.
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
        self.ctx.role.is_staff()
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

    pub(crate) async fn ballots(&self) -> Result<Vec<(Ballot, chrono::DateTime<Utc>)>> {
        if let Some(ballots) = &self.ctx.ballots {
            return Ok(ballots.clone());
        }
        match self.citizen() {
            Some(c) => db::ballots::of_citizen(&self.pool, c.id).await,
            None => Ok(Vec::new()),
        }
    }

    pub(crate) async fn menu(&self) -> Result<Screen> {
        let voted: HashSet<String> = self.ballots().await?.into_iter().map(|(b, _)| b.pillar).collect();
        Ok(views::menu(self.lang(), &self.catalog, &voted, self.phase(), &self.settings))
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
                let welcome =
                    views::welcome(lang, &self.catalog, self.phase(), self.citizen(), &self.settings);
                Reply::screen(self.with_listen(welcome, crate::domain::recording::Target::Welcome).await?)
            }
            Command::Ayuda => Reply::screen(views::help(lang, self.is_staff())),
            Command::Pilares => Reply::screen(self.menu().await?),
            Command::MisVotos => self.my_votes().await?,
            Command::Perfil => self.profile_start().await?,
            Command::Privacidad => Reply::screen(crate::data_rights::screens::privacy(
                lang,
                &self.catalog,
                self.citizen(),
                &self.settings,
                false,
            )),
            Command::MisDatos => self.my_data().await?,
            Command::BorrarMisDatos => self.ask_erasure().await?,
            Command::Idioma => Reply::screen(views::language(lang)),
            Command::Idea => self.start_idea(None).await?,
            Command::Yo => {
                Reply::screen(Screen::new(tr(lang, "your-id", &[arg("id", self.ctx.user_id.to_string())])))
            }
            Command::MisIdeas => self.my_ideas().await?,
            Command::Resultados => self.results().await?,
            Command::Silenciar => self.set_muted(true).await?,
            Command::Notificaciones => self.set_muted(false).await?,
            Command::Plan => self.plan_overview().await?,
            Command::Verificar => self.verify_start().await?,
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
            Action::Consent(yes) => self.consent(yes).await,
            Action::Privacy | Action::PrivacyFull => Ok(Reply::screen(crate::data_rights::screens::privacy(
                lang,
                &self.catalog,
                self.citizen(),
                &self.settings,
                action == Action::PrivacyFull,
            ))),
            Action::Question(field) => self.question(field).await,
            Action::Answer(field, code) => self.answer(field, code).await,
            Action::Guardian { age, yes } => self.guardian(&age, yes).await,
            Action::Menu => Ok(Reply::screen(self.menu().await?)),
            Action::Pillar { pillar, page } => self.pillar_screen(&pillar, page).await,
            Action::Proposal { id, page } => self.proposal_screen(id, page).await,
            Action::StartVote { pillar } => self.start_vote(&pillar).await,
            Action::VoteNext => self.vote_next().await,
            Action::VotePage { pillar, page } => self.vote_page(pillar, page).await,
            Action::Pick { pillar, id, page } => self.pick(pillar, id, page).await,
            Action::Undo { pillar, page } => self.undo(pillar, page).await,
            Action::Confirm { pillar } => self.confirm(&pillar).await,
            Action::CancelVote { pillar } => self.cancel_vote(pillar).await,
            Action::MyVotes => self.my_votes().await,
            Action::Language(new) => {
                db::citizens::set_language(&self.pool, self.ctx.user_id, new).await?;
                self.ctx.lang = new;
                Ok(Reply::screen(self.menu().await?).with_notice(t(new, "notice-language-set")))
            }
            Action::Erase(yes) => self.erase(yes).await,
            Action::Help => Ok(Reply::screen(views::help(lang, self.is_staff()))),
            Action::Listen(target) => self.listen(&target).await,
            Action::IdeaStart { pillar } => self.start_idea(pillar).await,
            Action::MyIdeas => self.my_ideas().await,
            Action::Plan => self.plan_overview().await,
            Action::PlanCommitment { id } => self.plan_commitment(&id).await,
            Action::Follow { target, accept } => self.follow(target, accept).await,
            Action::Unfollow { target } => self.unfollow(target).await,
            Action::IdeaSkipProblem
            | Action::IdeaSubmit
            | Action::IdeaEditText
            | Action::IdeaEditProblem
            | Action::IdeaCancel => self.idea_step(action).await,
        }
    }

    /// A message the current step does not expect: what to do instead.
    pub(crate) fn not_understood(&self) -> Reply {
        Reply::screen(views::not_understood(self.lang()))
    }
}

async fn deliver_as_messages(bot: &Bot, chat: ChatId, lang: Lang, reply: Reply) -> HandlerResult {
    if let Some(notice) = reply.notice {
        ui::send(bot, chat, &Screen::new(notice)).await?;
    }
    if let Some(media) = &reply.media {
        ui::send_media_or_say(bot, chat, lang, media).await;
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
            Ok(reply) => deliver_as_messages(&self.bot, self.ctx.chat_id, self.ctx.lang, reply).await,
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
                // The button is answered first: the spinner stops even if the
                // voice note, the photo or the screen is slow.
                let answered = ui::answer(bot, &q.id, reply.notice.as_deref(), false).await;
                if let Some(media) = &reply.media {
                    ui::send_media_or_say(bot, ctx.chat_id, ctx.lang, media).await;
                }
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
