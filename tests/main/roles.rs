//! Roles are nodes of the handler tree: every staff button pressed by a
//! citizen, every admin command sent by a facilitator and every staff command
//! sent by a citizen gets what an unknown button or command gets, and changes
//! nothing.

use crate::support::*;
use consulta::bot::{AdminCommand, StaffAction, StaffCommand};
use teloxide::utils::command::BotCommands;

const UNKNOWN: &str =
    "🤔 No entendí ese mensaje. Usa los botones o escribe /ayuda para ver lo que puedes hacer.";

/// Everything a staff or admin action could change, as one value.
async fn effects(h: &Harness) -> String {
    sqlx::query_scalar(
        "SELECT json_array(
            (SELECT json_group_array(json_array(id, status, transcription)) FROM ideas),
            (SELECT COUNT(*) FROM moderation_log),
            (SELECT json_group_array(json_array(id, status, audience)) FROM broadcasts),
            (SELECT COUNT(*) FROM outbox),
            (SELECT COUNT(*) FROM phase_override),
            (SELECT COUNT(*) FROM phase_log),
            (SELECT COUNT(*) FROM facilitators),
            (SELECT COUNT(*) FROM comite_members),
            (SELECT COUNT(*) FROM plan_updates),
            (SELECT COUNT(*) FROM milestone_records),
            (SELECT COUNT(*) FROM plan_publications),
            (SELECT COUNT(*) FROM role_log),
            (SELECT json_group_array(json_array(chat_id, state)) FROM dialogues),
            (SELECT COUNT(*) FROM proposals))",
    )
    .fetch_one(&h.pool)
    .await
    .expect("effects")
}

/// A consenting citizen (`USER`) with pending idea no. 1, and broadcast no. 1
/// drafted by the facilitator: every staff button's target exists.
async fn with_targets()
-> (Harness, teloxide_tests::MockBot<consulta::error::Error, teloxide_tests::mock_bot::DistributionKey>) {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    submit_idea(&mut bot, "participacion", "Un tablero público con el avance de cada obra").await;
    send(&mut bot, staff_text(MODERATOR, "/difundir Hola a todos")).await;
    let drafts = h.count("SELECT COUNT(*) FROM broadcasts WHERE id = 1 AND status = 'draft'").await;
    assert_eq!(drafts, 1, "the facilitator's draft exists");
    (h, bot)
}

#[tokio::test]
async fn every_staff_button_pressed_by_a_citizen_is_an_unknown_button() {
    let (h, mut bot) = with_targets().await;
    send(&mut bot, press("zz:1")).await;
    let unknown_answer = callback_answer(&bot);
    let unknown_screen = screen_text(&bot);
    assert_eq!(
        unknown_answer.as_deref(),
        Some("Este botón ya no está vigente. Te muestro el menú actualizado.")
    );
    let before = effects(&h).await;
    let samples = StaffAction::samples();
    assert!(samples.len() >= 14, "every staff button is tried");
    for action in samples {
        let data = action.encode();
        send(&mut bot, press(&data)).await;
        assert_eq!(callback_answer(&bot), unknown_answer, "{data}");
        assert_eq!(screen_text(&bot), unknown_screen, "{data}");
        assert_eq!(effects(&h).await, before, "{data} changed something");
    }
    // The same buttons do work for staff: the tree, not the payload, decides.
    send(&mut bot, staff_press(MODERATOR, &StaffAction::ModApprove(1).encode())).await;
    assert_eq!(h.idea_field(1, "status").await.as_deref(), Some("approved"));
}

#[tokio::test]
async fn every_admin_command_sent_by_a_facilitator_or_a_citizen_is_an_unknown_command() {
    let (h, mut bot) = with_targets().await;
    let before = effects(&h).await;
    let args = |command: &str| match command {
        "/fechas" => " 2026-01-01 2026-12-31".to_string(),
        "/dar_facilitador" | "/quitar_facilitador" | "/dar_comite" | "/quitar_comite" => format!(" {USER}"),
        _ => String::new(),
    };
    let admin = AdminCommand::bot_commands();
    assert_eq!(admin.len(), 11, "every admin command is tried");
    // `/plan` is everyone's too: to others it is the citizen's, checked below.
    let citizens: Vec<String> =
        consulta::bot::Command::bot_commands().into_iter().map(|c| c.command).collect();
    for command in admin.iter().filter(|c| !citizens.contains(&c.command)) {
        let typed = format!("{}{}", command.command, args(&command.command));
        send(&mut bot, staff_text(MODERATOR, &typed)).await;
        assert_eq!(plain(&screen_text(&bot)), UNKNOWN, "{typed} as a facilitator");
        assert_eq!(bot.get_responses().sent_messages_document.len(), 0, "{typed}: no file goes out");
        send(&mut bot, text(&typed)).await;
        assert_eq!(plain(&screen_text(&bot)), UNKNOWN, "{typed} as a citizen");
        assert_eq!(effects(&h).await, before, "{typed} changed something");
    }
    for command in StaffCommand::bot_commands() {
        let typed = format!("{} algo", command.command);
        send(&mut bot, text(&typed)).await;
        assert_eq!(plain(&screen_text(&bot)), UNKNOWN, "{typed} as a citizen");
        assert_eq!(effects(&h).await, before, "{typed} changed something");
    }
    // English aliases take the same path.
    for typed in ["/export", "/report", "/open", "/close", "/grant 5"] {
        send(&mut bot, staff_text(MODERATOR, typed)).await;
        assert_eq!(plain(&screen_text(&bot)), UNKNOWN, "{typed} as a facilitator");
    }
    assert_eq!(effects(&h).await, before);
    // `/plan` from a facilitator is the citizen's (nothing published yet), with no publish button.
    send(&mut bot, staff_text(MODERATOR, "/plan")).await;
    assert!(screen_buttons(&bot).iter().all(|(_, d)| !d.starts_with("ap:")), "{:?}", screen_buttons(&bot));
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_publications").await, 0);
    // And the admin's own commands still work.
    send(&mut bot, staff_text(SECOND_MODERATOR, "/cerrar")).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM phase_log").await, 1, "the admin closed voting");
}

#[tokio::test]
async fn a_citizen_in_a_transcription_state_types_to_the_citizen_path() {
    // A facilitator whose role was revoked while transcribing: the text is no
    // transcription any more.
    let (h, mut bot) = with_targets().await;
    send(&mut bot, staff_press(MODERATOR, &StaffAction::ModTranscribe(1).encode())).await;
    let revoked = consulta::domain::Roles {
        admins: [SECOND_MODERATOR].into_iter().collect(),
        facilitators: Default::default(),
    };
    drop(bot);
    let mut h = h;
    h.settings.roles = std::sync::Arc::new(revoked);
    let mut bot = h.bot(staff_text(MODERATOR, "Texto que no debe guardarse"));
    bot.dispatch().await;
    assert_eq!(plain(&screen_text(&bot)), UNKNOWN);
    assert_eq!(h.idea_field(1, "transcription").await, None, "nothing transcribed");
}

/// What `handler_tree()` lets each role reach, whole: a citizen exactly the
/// citizen commands; a Comité member those and the Comité's buttons; a
/// facilitator the citizen's and the staff commands and buttons; an admin all
/// of those. Anything else gets the unknown command's answer.
#[tokio::test]
async fn each_role_reaches_exactly_its_own_commands_and_buttons() {
    use consulta::bot::Command;
    let (h, mut bot) = with_targets().await;
    // A member of the Comité de Seguimiento, named like a facilitator.
    const COMITE: i64 = 777_003;
    consulta::db::followup::set_comite(&h.pool, SECOND_MODERATOR, COMITE, true).await.unwrap();
    let args = |command: &str| match command {
        "/fechas" => " 2026-01-01 2026-12-31".to_string(),
        "/dar_facilitador" | "/quitar_facilitador" | "/dar_comite" | "/quitar_comite" => format!(" {USER}"),
        "/difundir" => " Hola".to_string(),
        _ => String::new(),
    };
    let citizen: Vec<String> = Command::bot_commands().into_iter().map(|c| c.command).collect();
    let staff: Vec<String> = StaffCommand::bot_commands().into_iter().map(|c| c.command).collect();
    let admin: Vec<String> = AdminCommand::bot_commands().into_iter().map(|c| c.command).collect();
    assert!(citizen.len() >= 10 && staff.len() == 6 && admin.len() == 11, "{citizen:?} {staff:?} {admin:?}");
    // A command both roles have (`/plan`) is tried once, as the citizen's.
    let admin: Vec<String> = admin.into_iter().filter(|c| !citizen.contains(c)).collect();
    let everything: Vec<&String> = citizen.iter().chain(&staff).chain(&admin).collect();
    for (who, expected) in [
        (USER, citizen.clone()),
        (COMITE, citizen.clone()),
        (MODERATOR, [citizen.clone(), staff.clone()].concat()),
        (SECOND_MODERATOR, [citizen.clone(), staff.clone(), admin.clone()].concat()),
    ] {
        let mut reached = Vec::new();
        for command in &everything {
            let typed = format!("{command}{}", args(command));
            send(&mut bot, staff_text(who, &typed)).await;
            let answered = bot.get_responses().sent_messages.last().and_then(|m| m.text().map(plain));
            if answered.as_deref() != Some(UNKNOWN) {
                reached.push(command.to_string());
            }
            // Leave any step a command opened, so the next one starts clean.
            send(&mut bot, staff_text(who, "/cancelar")).await;
        }
        assert_eq!(reached, expected, "the commands user {who} reaches");
    }
    // An unknown button's answer: the stale notice over the citizen's menu.
    // (A staff screen may also call a button stale, over a screen of its own.)
    send(&mut bot, staff_press(USER, "zz:1")).await;
    let unknown = (callback_answer(&bot), screen_text(&bot));
    for (who, reaches) in [(USER, false), (COMITE, false), (MODERATOR, true), (SECOND_MODERATOR, true)] {
        for action in StaffAction::samples() {
            let data = action.encode();
            send(&mut bot, staff_press(who, &data)).await;
            let got = (callback_answer(&bot), screen_text(&bot));
            assert_eq!(got != unknown, reaches, "{data} pressed by {who}: {got:?}");
            send(&mut bot, staff_text(who, "/cancelar")).await;
        }
    }
    // The admins' buttons reach only admins.
    let publish = consulta::bot::AdminAction::PlanPublish { version: 1 }.encode();
    for (who, reaches) in [(USER, false), (COMITE, false), (MODERATOR, false), (SECOND_MODERATOR, true)] {
        send(&mut bot, staff_press(who, &publish)).await;
        let got = (callback_answer(&bot), screen_text(&bot));
        assert_eq!(got != unknown, reaches, "{publish} pressed by {who}: {got:?}");
    }
    // The Comité's buttons reach only its members: not citizens, not staff.
    use consulta::bot::ComiteAction;
    let comite_buttons = [
        ComiteAction::Note("C1".into()),
        ComiteAction::LatePick("C1".into()),
        ComiteAction::Late { commitment: "C1".into(), milestone: "C1-H1".into() },
    ];
    for (who, reaches) in [(USER, false), (COMITE, true), (MODERATOR, false), (SECOND_MODERATOR, false)] {
        for action in &comite_buttons {
            let data = action.encode();
            send(&mut bot, staff_press(who, &data)).await;
            let got = (callback_answer(&bot), screen_text(&bot));
            assert_eq!(got != unknown, reaches, "{data} pressed by {who}: {got:?}");
        }
    }
}
