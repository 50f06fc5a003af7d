//! Admins opening, closing and dating the consultation.

use crate::support::*;
use consulta::{db, domain::Catalog};

const UNKNOWN: &str =
    "🤔 No entendí ese mensaje. Usa los botones o escribe /ayuda para ver lo que puedes hacer.";

async fn log(h: &Harness) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT admin_id, action FROM phase_log ORDER BY id").fetch_all(&h.pool).await.unwrap()
}

#[tokio::test]
async fn closing_and_reopening_change_what_citizens_can_do_and_are_recorded() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;

    send(&mut bot, staff_text(SECOND_MODERATOR, "/cerrar")).await;
    let told = plain(&screen_text(&bot));
    assert!(told.contains("Esto es lo que ven ahora los ciudadanos"), "{told}");
    assert!(told.contains("🔴 La votación cerró el"), "{told}");
    send(&mut bot, press("v:transparencia")).await;
    assert!(callback_answer(&bot).unwrap_or_default().contains("La votación cerró el"));
    send(&mut bot, text("/start")).await;
    assert!(plain(&screen_text(&bot)).contains("La votación cerró el"));

    send(&mut bot, staff_text(SECOND_MODERATOR, "/abrir")).await;
    assert!(plain(&screen_text(&bot)).contains("🟢 La consulta está abierta."));
    for data in ["v:transparencia", "vp:transparencia:T01:0", "vc:transparencia"] {
        send(&mut bot, press(data)).await;
    }
    assert_eq!(h.ballot("transparencia").await, vec!["T01"]);
    assert_eq!(log(&h).await, vec![(SECOND_MODERATOR, "close".into()), (SECOND_MODERATOR, "open".into())]);
}

#[tokio::test]
async fn fechas_sets_both_dates_in_the_consultation_time_zone_and_survives_a_catalog_import() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(staff_text(SECOND_MODERATOR, "/fechas 2099-01-01 2099-01-31"));
    bot.dispatch().await;
    assert!(plain(&screen_text(&bot)).contains("todavía no abre: empieza el 01/01/2099 00:00"));
    let (opens, closes): (String, String) =
        sqlx::query_as("SELECT opens_at, closes_at FROM phase_override").fetch_one(&h.pool).await.unwrap();
    assert_eq!((opens.as_str(), closes.as_str()), ("2099-01-01T00:00:00-05:00", "2099-01-31T23:59:59-05:00"));

    db::catalog::import(&h.pool, &Catalog::parse(consulta::DEFAULT_CATALOG).unwrap()).await.unwrap();
    send(&mut bot, text("/start")).await;
    assert!(
        plain(&screen_text(&bot)).contains("empieza el 01/01/2099 00:00"),
        "the admin's dates still apply"
    );

    for bad in ["/fechas", "/fechas 2099-01-31 2099-01-01", "/fechas mañana pasado", "/fechas 2099-01-01"] {
        send(&mut bot, staff_text(SECOND_MODERATOR, bad)).await;
        assert!(plain(&screen_text(&bot)).starts_with("Escribe las dos fechas"), "{bad}");
    }
    assert_eq!(log(&h).await.len(), 1);
}

#[tokio::test]
async fn phase_commands_do_not_exist_for_facilitators_or_citizens() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(staff_text(MODERATOR, "/cerrar"));
    bot.dispatch().await;
    assert_eq!(plain(&screen_text(&bot)), UNKNOWN);
    send(&mut bot, text("/cerrar")).await;
    assert_eq!(plain(&screen_text(&bot)), UNKNOWN);
    send(&mut bot, text("/fechas 2000-01-01 2000-01-02")).await;
    assert_eq!(plain(&screen_text(&bot)), UNKNOWN);
    assert!(log(&h).await.is_empty());
    assert_eq!(h.count("SELECT COUNT(*) FROM phase_override").await, 0);
}

#[tokio::test]
async fn avance_shows_live_figures_to_staff_and_rankings_to_admins_only() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("pa:l:l2")).await;
    for data in ["v:transparencia", "vp:transparencia:T05:0", "vc:transparencia"] {
        send(&mut bot, press(data)).await;
    }
    submit_idea(&mut bot, "colaboracion", "Mesas de vecinos con la policía cada mes").await;

    send(&mut bot, staff_text(MODERATOR, "/avance")).await;
    let figures = plain(&screen_text(&bot));
    for expected in [
        "Participantes (aceptaron el aviso): 1",
        "• Transparencia: 1 (100 %)",
        "• Colaboración: 0 (0 %)",
        "Votaron en todos los pilares: 0 (0 %)",
        "Ideas: 1 pendientes · 0 aprobadas",
        // One participant is a group too small to show on its own (CONSULTA_MIN_GROUP 5).
        "otros / grupos pequeños 1",
        "Últimas 24 horas: 1 participantes nuevos y 1 boletas (24 horas anteriores: 0 y 0)",
    ] {
        assert!(figures.contains(expected), "{expected:?} missing from {figures}");
    }
    assert!(!figures.contains("Localidad 2 De la Virgen y Turística 1"), "a group of one is not singled out");
    assert!(!figures.contains("Ranking"), "facilitators do not see rankings before results are public");

    send(&mut bot, staff_text(SECOND_MODERATOR, "/avance")).await;
    let admin = plain(&screen_text(&bot));
    assert!(admin.contains("Ranking actual"), "{admin}");
    assert!(
        admin.contains("1. Vigilar la atención a los mayores y el dinero de Años Dorados — 3 puntos"),
        "{admin}"
    );

    send(&mut bot, text("/avance")).await;
    assert_eq!(plain(&screen_text(&bot)), UNKNOWN);
}

#[tokio::test]
async fn yo_tells_anyone_their_telegram_id() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/yo"));
    bot.dispatch().await;
    assert!(plain(&screen_text(&bot)).contains(&format!("Tu número de usuario de Telegram es {USER}")));
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens").await, 0, "asking stores nothing");
}

#[tokio::test]
async fn admins_grant_and_revoke_the_facilitator_role_and_it_takes_effect_at_once() {
    let h = Harness::new().await.with_moderators();
    const NEWCOMER: i64 = 888_001;
    let mut bot = h.bot(staff_text(NEWCOMER, "/moderar"));
    bot.dispatch().await;
    assert_eq!(plain(&screen_text(&bot)), UNKNOWN);

    send(&mut bot, staff_text(SECOND_MODERATOR, &format!("/dar_facilitador {NEWCOMER}"))).await;
    assert!(plain(&screen_text(&bot)).contains(&format!("{NEWCOMER} ahora es facilitador")));
    let menus = bot.get_responses().set_my_commands;
    assert!(
        menus.iter().all(|m| ["moderar", "moderate"].contains(&m.commands[0].command.as_str())),
        "the newcomer's menu gains staff commands"
    );
    send(&mut bot, staff_text(NEWCOMER, "/moderar")).await;
    assert_eq!(plain(&screen_text(&bot)), "🎉 No hay ideas pendientes de moderación.");
    send(&mut bot, staff_text(NEWCOMER, "/exportar")).await;
    assert_eq!(plain(&screen_text(&bot)), UNKNOWN, "a granted facilitator is not an admin");
    send(&mut bot, staff_text(NEWCOMER, "/dar_facilitador 5")).await;
    assert_eq!(plain(&screen_text(&bot)), UNKNOWN, "facilitators cannot grant roles");

    send(&mut bot, staff_text(SECOND_MODERATOR, &format!("/dar_facilitador {NEWCOMER}"))).await;
    assert!(plain(&screen_text(&bot)).contains("ya era facilitador"));
    send(&mut bot, staff_text(SECOND_MODERATOR, &format!("/quitar_facilitador {NEWCOMER}"))).await;
    assert!(plain(&screen_text(&bot)).contains("ya no es facilitador"));
    send(&mut bot, staff_text(NEWCOMER, "/moderar")).await;
    assert_eq!(plain(&screen_text(&bot)), UNKNOWN);
    send(&mut bot, staff_text(SECOND_MODERATOR, "/dar_facilitador alguien")).await;
    assert!(plain(&screen_text(&bot)).starts_with("Escribe el número de usuario"));

    let log: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT admin_id, target_id, action FROM role_log ORDER BY id")
            .fetch_all(&h.pool)
            .await
            .unwrap();
    assert_eq!(
        log,
        vec![(SECOND_MODERATOR, NEWCOMER, "grant".into()), (SECOND_MODERATOR, NEWCOMER, "revoke".into())]
    );
}

#[tokio::test]
async fn an_admin_grants_by_replying_to_a_message_forwarded_from_the_person() {
    const FORWARDED_FROM: i64 = 888_123;
    let h = Harness::new().await.with_moderators();
    let mut person = teloxide_tests::MockUser::new().build();
    person.id = teloxide::types::UserId(FORWARDED_FROM as u64);
    let forwarded = teloxide_tests::MockMessageText::new()
        .text("Hola, quiero ayudar a moderar")
        .chat(teloxide_tests::MockPrivateChat::new().id(SECOND_MODERATOR).build())
        .forward_origin(teloxide::types::MessageOrigin::User {
            date: chrono::Utc::now(),
            sender_user: person,
        })
        .build();
    let command = staff_text(SECOND_MODERATOR, "/dar_facilitador").reply_to_message(forwarded);
    let mut bot = h.bot(command);
    bot.dispatch().await;
    assert!(plain(&screen_text(&bot)).contains(&FORWARDED_FROM.to_string()), "{}", screen_text(&bot));
    let granted: i64 = h
        .count(&format!("SELECT COUNT(*) FROM facilitators WHERE telegram_user_id = {FORWARDED_FROM}"))
        .await;
    assert_eq!(granted, 1);
    assert_eq!(h.count("SELECT COUNT(*) FROM role_log").await, 1, "the grant is recorded");
}
