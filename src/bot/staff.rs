//! The endpoints of facilitators and admins. Each sits behind a filter node of
//! `handler_tree` that yields the role's proof, and the turns they run
//! (`StaffTurn`, `AdminTurn`) cannot be made without it.

use crate::{
    bot::{
        Ctx,
        callback::StaffAction,
        citizen::{CitizenDialogue, Turn, answer_button, answer_in_messages},
        commands::{AdminCommand, StaffCommand},
        roles::{Admin, AdminTurn, Staff, StaffTurn},
        state::State,
        ui,
    },
    config::Settings,
    db,
    error::HandlerResult,
};
use sqlx::SqlitePool;
use std::sync::Arc;
use teloxide::prelude::*;

#[allow(clippy::too_many_arguments)]
pub async fn on_command(
    bot: Bot,
    msg: Message,
    command: StaffCommand,
    staff: Staff,
    ctx: Arc<Ctx>,
    dialogue: CitizenDialogue,
    state: State,
    pool: SqlitePool,
    settings: Settings,
    catalogs: db::catalog::CatalogCache,
) -> HandlerResult {
    let reply =
        match Turn::new(bot.clone(), pool, settings, Ctx::clone(&ctx), dialogue, state, catalogs).await {
            Ok(turn) => {
                let mut turn = StaffTurn::new(turn, staff);
                match command {
                    StaffCommand::Moderar => turn.next_card().await,
                    StaffCommand::Avance => turn.progress().await,
                    StaffCommand::Difundir(text) => turn.compose_broadcast(&text, &msg).await,
                    StaffCommand::Difusiones => turn.list_broadcasts().await,
                    StaffCommand::Papeleta => turn.paper_start().await,
                }
            }
            Err(e) => Err(e),
        };
    answer_in_messages(&bot, &ctx, reply).await
}

#[allow(clippy::too_many_arguments)]
pub async fn on_admin_command(
    bot: Bot,
    msg: Message,
    command: AdminCommand,
    admin: Admin,
    ctx: Arc<Ctx>,
    dialogue: CitizenDialogue,
    state: State,
    pool: SqlitePool,
    settings: Settings,
    catalogs: db::catalog::CatalogCache,
) -> HandlerResult {
    let reply =
        match Turn::new(bot.clone(), pool, settings, Ctx::clone(&ctx), dialogue, state, catalogs).await {
            Ok(turn) => {
                let mut turn = AdminTurn::new(turn, admin);
                match command {
                    AdminCommand::Exportar => turn.send_exports().await,
                    AdminCommand::Abrir => turn.open_now().await,
                    AdminCommand::Cerrar => turn.close_now().await,
                    AdminCommand::Fechas(args) => turn.set_dates(&args).await,
                    AdminCommand::DarFacilitador(args) => turn.set_facilitator(&args, &msg, true).await,
                    AdminCommand::QuitarFacilitador(args) => turn.set_facilitator(&args, &msg, false).await,
                }
            }
            Err(e) => Err(e),
        };
    answer_in_messages(&bot, &ctx, reply).await
}

#[allow(clippy::too_many_arguments)]
pub async fn on_callback(
    bot: Bot,
    q: CallbackQuery,
    action: StaffAction,
    staff: Staff,
    ctx: Arc<Ctx>,
    dialogue: CitizenDialogue,
    state: State,
    pool: SqlitePool,
    settings: Settings,
    catalogs: db::catalog::CatalogCache,
    shown: ui::Shown,
) -> HandlerResult {
    let result =
        match Turn::new(bot.clone(), pool, settings, Ctx::clone(&ctx), dialogue, state, catalogs).await {
            Ok(turn) => StaffTurn::new(turn, staff).moderate(action).await,
            Err(e) => Err(e),
        };
    answer_button(&bot, &q, &ctx, &shown, result).await
}

/// A moderator's message while they are transcribing an idea.
#[allow(clippy::too_many_arguments)]
pub async fn on_transcription(
    bot: Bot,
    msg: Message,
    staff: Staff,
    ctx: Arc<Ctx>,
    dialogue: CitizenDialogue,
    state: State,
    pool: SqlitePool,
    settings: Settings,
    catalogs: db::catalog::CatalogCache,
) -> HandlerResult {
    let State::Transcribing { idea } = state else {
        return Ok(());
    };
    let reply =
        match Turn::new(bot.clone(), pool, settings, Ctx::clone(&ctx), dialogue, state, catalogs).await {
            Ok(turn) => StaffTurn::new(turn, staff).transcription(idea, &msg).await,
            Err(e) => Err(e),
        };
    answer_in_messages(&bot, &ctx, reply).await
}

/// The staff node's filter for messages that belong to a transcription.
pub fn is_transcribing(state: State) -> bool {
    matches!(state, State::Transcribing { .. })
}

/// A staff member's message while they are entering paper sheets.
#[allow(clippy::too_many_arguments)]
pub async fn on_paper_message(
    bot: Bot,
    msg: Message,
    staff: Staff,
    ctx: Arc<Ctx>,
    dialogue: CitizenDialogue,
    state: State,
    pool: SqlitePool,
    settings: Settings,
    catalogs: db::catalog::CatalogCache,
) -> HandlerResult {
    let reply =
        match Turn::new(bot.clone(), pool, settings, Ctx::clone(&ctx), dialogue, state, catalogs).await {
            Ok(turn) => StaffTurn::new(turn, staff).paper_message(&msg).await,
            Err(e) => Err(e),
        };
    answer_in_messages(&bot, &ctx, reply).await
}

/// The staff node's filter for messages that belong to paper entry.
pub fn is_entering_paper(state: State) -> bool {
    matches!(state, State::Paper { .. })
}
