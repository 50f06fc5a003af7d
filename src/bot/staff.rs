//! The endpoints of facilitators and admins. Each sits behind a filter node of
//! `handler_tree` that yields the role's proof, and the turns they run
//! (`StaffTurn`, `AdminTurn`) cannot be made without it.

use crate::{
    bot::{
        callback::{AdminAction, ComiteAction, StaffAction},
        commands::{AdminCommand, StaffCommand},
        roles::{AdminTurn, ComiteTurn, StaffTurn},
    },
    error::HandlerResult,
};
use teloxide::prelude::*;

pub async fn on_command(msg: Message, command: StaffCommand, mut turn: StaffTurn) -> HandlerResult {
    let reply = match command {
        StaffCommand::Moderar => turn.next_card().await,
        StaffCommand::Avance => turn.progress().await,
        StaffCommand::Difundir(text) => turn.compose_broadcast(&text, &msg).await,
        StaffCommand::Difusiones => turn.list_broadcasts().await,
        StaffCommand::Papeleta => turn.paper_start().await,
        StaffCommand::Grabar => turn.record_start().await,
    };
    turn.answer_in_messages(reply).await
}

pub async fn on_admin_command(msg: Message, command: AdminCommand, mut turn: AdminTurn) -> HandlerResult {
    let reply = match command {
        AdminCommand::Exportar => turn.send_exports().await,
        AdminCommand::Informe => turn.send_report().await,
        AdminCommand::Integridad => turn.integrity().await,
        AdminCommand::Plan => turn.plan_admin().await,
        AdminCommand::Abrir => turn.open_now().await,
        AdminCommand::Cerrar => turn.close_now().await,
        AdminCommand::Fechas(args) => turn.set_dates(&args).await,
        AdminCommand::DarFacilitador(args) => turn.set_facilitator(&args, &msg, true).await,
        AdminCommand::QuitarFacilitador(args) => turn.set_facilitator(&args, &msg, false).await,
        AdminCommand::DarComite(args) => turn.set_comite(&args, &msg, true).await,
        AdminCommand::QuitarComite(args) => turn.set_comite(&args, &msg, false).await,
    };
    turn.answer_in_messages(reply).await
}

pub async fn on_admin_callback(q: CallbackQuery, action: AdminAction, mut turn: AdminTurn) -> HandlerResult {
    let result = match action {
        AdminAction::PlanPublish { version } => turn.publish_plan(version).await,
    };
    turn.answer_button(&q, result).await
}

pub async fn on_comite_callback(
    q: CallbackQuery,
    action: ComiteAction,
    mut turn: ComiteTurn,
) -> HandlerResult {
    let result = turn.comite_action(action).await;
    turn.answer_button(&q, result).await
}

/// A Comité member's message while writing an observation.
pub async fn on_comite_note(msg: Message, commitment: String, mut turn: ComiteTurn) -> HandlerResult {
    let reply = turn.comite_note(&commitment, &msg).await;
    turn.answer_in_messages(reply).await
}

/// A facilitator's message while recording (`/grabar`): the voice note, or a reminder.
pub async fn on_recording_message(msg: Message, mut turn: StaffTurn) -> HandlerResult {
    let reply = turn.recording_message(&msg).await;
    turn.answer_in_messages(reply).await
}

/// A staff member's message while writing a progress note.
pub async fn on_staff_note(msg: Message, commitment: String, mut turn: StaffTurn) -> HandlerResult {
    let reply = turn.staff_note(&commitment, &msg).await;
    turn.answer_in_messages(reply).await
}

pub async fn on_callback(q: CallbackQuery, action: StaffAction, mut turn: StaffTurn) -> HandlerResult {
    let result = turn.moderate(action).await;
    turn.answer_button(&q, result).await
}

/// A moderator's message while they are transcribing an idea (the tree's
/// `case![State::Transcribing { idea }]`).
pub async fn on_transcription(msg: Message, idea: i64, mut turn: StaffTurn) -> HandlerResult {
    let reply = turn.transcription(idea, &msg).await;
    turn.answer_in_messages(reply).await
}

/// A staff member's message while they are entering paper sheets (the tree's
/// `case![State::Paper { .. }]`).
pub async fn on_paper_message(msg: Message, mut turn: StaffTurn) -> HandlerResult {
    let reply = turn.paper_message(&msg).await;
    turn.answer_in_messages(reply).await
}
