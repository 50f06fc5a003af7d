//! Start, consent, profile, browsing and language: the citizen's way in.

use crate::support::*;
use consulta::domain::NOTICE_VERSION;
use teloxide_tests::MockCallbackQuery;

#[tokio::test]
async fn start_welcomes_in_spanish_and_stores_nothing_yet() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/start"));
    bot.dispatch().await;
    let shown = plain(&screen_text(&bot));
    assert!(shown.contains("Te damos la bienvenida"), "{shown}");
    assert!(shown.contains("OGP Local es el programa de la Alianza para el Gobierno Abierto"), "{shown}");
    assert!(shown.contains("las propuestas que verás aquí, en 4 pilares"), "{shown}");
    assert!(shown.contains("las 3 que más te importan"), "{shown}");
    assert!(shown.contains("La consulta está abierta."), "{shown}");
    let data: Vec<String> = screen_buttons(&bot).into_iter().map(|(_, d)| d).collect();
    assert_eq!(data, vec!["pv", "m"]);
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens").await, 0);
    assert_eq!(h.count("SELECT COUNT(*) FROM dialogues").await, 0);
}

#[tokio::test]
async fn an_english_telegram_gets_english() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/start").from(english_user()));
    bot.dispatch().await;
    assert!(plain(&screen_text(&bot)).contains("Welcome to the"));
}

#[tokio::test]
async fn accepting_the_notice_stores_its_version_and_time_then_asks_the_optional_profile() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("pv"));
    bot.dispatch().await;
    // The short first layer: who, what, why, your rights; no version code.
    let notice = plain(&screen_text(&bot));
    assert!(notice.contains("Alcaldía Distrital de Cartagena de Indias"), "{notice}");
    assert!(notice.contains("Tus derechos") && notice.contains("/borrar_mis_datos"), "{notice}");
    assert!(!notice.contains(NOTICE_VERSION) && !notice.contains("versión"), "{notice}");
    assert!(notice.chars().count() <= 700, "{} characters: {notice}", notice.chars().count());
    assert_eq!(callback_answer(&bot), None);
    // The full text is one tap away, with the same buttons.
    send(&mut bot, press("pf")).await;
    let full = plain(&screen_text(&bot));
    assert!(full.contains("Ley 1581 de 2012") && full.contains("Cómo ejercerlos"), "{full}");
    assert!(!full.contains(NOTICE_VERSION), "{full}");
    assert!(screen_buttons(&bot).iter().any(|(_, d)| d == "c:y"));
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens").await, 0, "reading the notice stores nothing");

    send(&mut bot, press("c:y")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Autorización guardada. ¡Gracias!"));
    let (accepted, version, at): (bool, String, String) = sqlx::query_as(
        "SELECT consent_accepted, consent_version, consent_at FROM citizens WHERE telegram_user_id = ?",
    )
    .bind(USER)
    .fetch_one(&h.pool)
    .await
    .unwrap();
    assert!(accepted);
    assert_eq!(version, NOTICE_VERSION);
    assert!(chrono::DateTime::parse_from_rfc3339(&at).is_ok());
    let question = plain(&screen_text(&bot));
    assert!(question.contains("¿En qué localidad vives?"), "{question}");
    let options = screen_buttons(&bot);
    assert_eq!(
        options.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
        vec![
            "Localidad 1 Histórica y del Caribe Norte",
            "Localidad 2 De la Virgen y Turística",
            "Localidad 3 Industrial y de la Bahía",
            "Fuera de Cartagena",
            "Prefiero no decir",
            "Saltar ⏭",
            "🗳 Ir a votar"
        ]
    );
}

#[tokio::test]
async fn declining_keeps_reading_open_refuses_voting_and_explains_how_to_change_mind() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:n"));
    bot.dispatch().await;
    let shown = plain(&screen_text(&bot));
    assert!(shown.contains("/privacidad"), "{shown}");
    let accepted: bool =
        sqlx::query_scalar("SELECT consent_accepted FROM citizens").fetch_one(&h.pool).await.unwrap();
    assert!(!accepted);

    send(&mut bot, press("p:transparencia:0")).await;
    assert!(plain(&screen_text(&bot)).contains("1. Mejor tecnología para las juntas comunales"));

    send(&mut bot, press("v:transparencia")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Primero necesitas aceptar el aviso de privacidad."));
    assert!(
        plain(&screen_text(&bot))
            .contains("Para votar, enviar ideas o responder el perfil necesitas aceptar")
    );
    assert_eq!(h.dialogue().await, None, "no ballot was started");
    // A way back to the list, not only to the notice.
    let back = screen_buttons(&bot);
    assert!(back.iter().any(|(l, d)| l == "🏛 Volver a los pilares" && d == "m"), "{back:?}");
    send(&mut bot, press("m")).await;
    assert!(plain(&screen_text(&bot)).contains("Transparencia"));

    // Changing one's mind works from the same notice.
    send(&mut bot, text("/privacidad")).await;
    assert!(screen_buttons(&bot).iter().any(|(_, d)| d == "c:y"));
    send(&mut bot, press("c:y")).await;
    send(&mut bot, press("v:transparencia")).await;
    assert!(plain(&screen_text(&bot)).contains("Votar: Transparencia"));
}

#[tokio::test]
async fn every_profile_question_can_be_answered_skipped_and_changed_later() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;

    send(&mut bot, press("pa:l:l2")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Respuesta guardada."));
    assert!(plain(&screen_text(&bot)).contains("¿Desde qué sector participas?"));
    send(&mut bot, press("pa:s:-")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Pregunta saltada."));
    assert!(plain(&screen_text(&bot)).contains("¿Cuál es tu rango de edad?"));
    send(&mut bot, press("pa:a:60+")).await;
    let done = plain(&screen_text(&bot));
    assert!(done.contains("Localidad: Localidad 2 De la Virgen y Turística"), "{done}");
    assert!(done.contains("Sector: sin responder"), "{done}");
    assert!(done.contains("Edad: 60 años o más"), "{done}");
    let row: (Option<String>, Option<String>, Option<String>) =
        sqlx::query_as("SELECT localidad, sector, age_range FROM citizens").fetch_one(&h.pool).await.unwrap();
    assert_eq!(row, (Some("l2".into()), None, Some("60+".into())));

    send(&mut bot, text("/perfil")).await;
    assert!(plain(&screen_text(&bot)).contains("Respuesta actual: Localidad 2 De la Virgen y Turística"));
    send(&mut bot, press("pa:l:na")).await;
    let localidad: String =
        sqlx::query_scalar("SELECT localidad FROM citizens").fetch_one(&h.pool).await.unwrap();
    assert_eq!(localidad, "na");
}

#[tokio::test]
async fn the_profile_is_not_stored_without_consent() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("pa:l:l1"));
    bot.dispatch().await;
    assert!(
        plain(&screen_text(&bot))
            .contains("Para votar, enviar ideas o responder el perfil necesitas aceptar")
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens").await, 0);
    send(&mut bot, text("/perfil")).await;
    assert!(
        plain(&screen_text(&bot))
            .contains("Para votar, enviar ideas o responder el perfil necesitas aceptar")
    );
}

#[tokio::test]
async fn the_menu_lists_the_four_pillars_with_summaries_and_marks_the_voted_ones() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/pilares"));
    bot.dispatch().await;
    let menu = plain(&screen_text(&bot));
    for name in ["Transparencia", "Rendición de cuentas", "Participación", "Colaboración"] {
        assert!(menu.contains(name), "{name} missing in {menu}");
    }
    assert!(menu.contains("qué hace la Alcaldía y cómo usa el dinero público"), "{menu}");
    let labels: Vec<String> = screen_buttons(&bot).into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels[..4],
        ["Transparencia (14)", "Rendición de cuentas (11)", "Participación (21)", "Colaboración (16)"]
    );

    consent(&mut bot).await;
    for data in ["v:colaboracion", "vp:colaboracion:C02:0", "vc:colaboracion"] {
        send(&mut bot, press(data)).await;
    }
    send(&mut bot, text("/pilares")).await;
    let labels: Vec<String> = screen_buttons(&bot).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels[3], "✅ Colaboración (16)");
    assert_eq!(labels[0], "Transparencia (14)");
}

#[tokio::test]
async fn a_long_pillar_is_paged_and_any_proposal_opens_in_full() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("p:participacion:0"));
    bot.dispatch().await;
    let page = plain(&screen_text(&bot));
    assert!(page.contains("Página 1 de 3"), "{page}");
    assert!(page.contains("1. Vales Heroicos: red de voluntarias y voluntarios"), "{page}");
    assert!(!page.contains("11."), "{page}");
    let data: Vec<String> = screen_buttons(&bot).into_iter().map(|(_, d)| d).collect();
    assert!(data.contains(&"d:P01:0".to_string()));
    assert!(data.contains(&"p:participacion:1".to_string()), "{data:?}");

    send(&mut bot, press("p:participacion:2")).await;
    let last = plain(&screen_text(&bot));
    assert!(last.contains("21. Revivir los consejos comuneros"), "{last}");

    send(&mut bot, press("d:P01:2")).await;
    let detail = plain(&screen_text(&bot));
    assert!(detail.contains("Red de voluntarios/voluntarias: \"Vales Heroicos\"."), "{detail}");
    assert!(
        detail.contains("Problema que atiende: Necesidad de fortalecer ejercicio de veeduría"),
        "{detail}"
    );
    assert!(detail.contains("Propuesta de: Mesa Alcaldía"), "{detail}");
    assert!(
        screen_buttons(&bot).iter().any(|(_, d)| d == "p:participacion:2"),
        "back returns to the same page"
    );
}

#[tokio::test]
async fn idioma_switches_the_language_and_remembers_it() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/idioma"));
    bot.dispatch().await;
    let data: Vec<String> = screen_buttons(&bot).into_iter().map(|(_, d)| d).collect();
    assert_eq!(data, vec!["l:es", "l:en"]);

    send(&mut bot, press("l:en")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Language set to English."));
    assert!(plain(&screen_text(&bot)).contains("The Open Government pillars"));
    let lang: String = sqlx::query_scalar("SELECT language FROM citizens").fetch_one(&h.pool).await.unwrap();
    assert_eq!(lang, "en");

    send(&mut bot, text("/ayuda")).await;
    assert!(plain(&screen_text(&bot)).contains("What you can do"));
    send(&mut bot, press("p:transparencia:0")).await;
    assert!(plain(&screen_text(&bot)).contains("1. Better technology for community action boards"));

    // An English Telegram that chose Spanish stays in Spanish.
    send(&mut bot, MockCallbackQuery::new().data("l:es").from(english_user())).await;
    send(&mut bot, text("/ayuda").from(english_user())).await;
    assert!(plain(&screen_text(&bot)).contains("Qué puedes hacer"));
}

#[tokio::test]
async fn help_explains_every_citizen_command() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/ayuda"));
    bot.dispatch().await;
    let help = plain(&screen_text(&bot));
    for (command, _, _) in consulta::bot::commands::MENU {
        assert!(help.contains(&format!("/{command}")), "/{command} missing from help");
    }
    drop(bot);
    // In English, the English names.
    let mut bot = h.bot(text("/help").from(english_user()));
    bot.dispatch().await;
    let help = plain(&screen_text(&bot));
    let words: Vec<&str> = help.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '/')).collect();
    for (spanish, english, _) in consulta::bot::commands::MENU {
        assert!(words.contains(&format!("/{english}").as_str()), "/{english} missing from help: {help}");
        if spanish != english {
            assert!(
                !words.contains(&format!("/{spanish}").as_str()),
                "/{spanish} in the English help: {help}"
            );
        }
    }
}

#[tokio::test]
async fn a_stale_accept_button_keeps_the_original_consent_time_and_a_new_notice_version_asks_again() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    let first: String =
        sqlx::query_scalar("SELECT consent_at FROM citizens").fetch_one(&h.pool).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    send(&mut bot, press("c:y")).await;
    let again: String =
        sqlx::query_scalar("SELECT consent_at FROM citizens").fetch_one(&h.pool).await.unwrap();
    assert_eq!(first, again);

    // A consent given to an older notice does not cover the current one.
    sqlx::query("UPDATE citizens SET consent_version = 'old'").execute(&h.pool).await.unwrap();
    send(&mut bot, press("v:transparencia")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Primero necesitas aceptar el aviso de privacidad."));
    send(&mut bot, text("/privacidad")).await;
    assert!(screen_buttons(&bot).iter().any(|(_, d)| d == "c:y"));
    send(&mut bot, press("c:y")).await;
    let version: String =
        sqlx::query_scalar("SELECT consent_version FROM citizens").fetch_one(&h.pool).await.unwrap();
    assert_eq!(version, NOTICE_VERSION);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lookups_asked_together_each_get_their_own_citizen_role_state_and_ballots() {
    use consulta::db::{self, citizens::Lookups};
    let h = Harness::new().await;
    let voter = db::citizens::record_consent(&h.pool, 9101, Default::default(), true, NOTICE_VERSION)
        .await
        .expect("consent");
    let ballot = consulta::domain::Ballot {
        pillar: "transparencia".into(),
        choices: vec!["T05".into(), "T03".into()],
    };
    db::ballots::cast(&h.pool, voter.id, 9101, &ballot).await.expect("ballot");
    db::citizens::record_consent(&h.pool, 9102, Default::default(), false, NOTICE_VERSION)
        .await
        .expect("decline");
    db::roles::set_facilitator(&h.pool, 1, 9102, true).await.expect("grant");
    sqlx::query("INSERT INTO dialogues (chat_id, state, updated_at) VALUES (9102, '\"ConfirmingErasure\"', '2026-01-01T00:00:00Z')")
        .execute(&h.pool)
        .await
        .expect("dialogue");

    let lookups = Lookups::new(h.pool.clone());
    let asked = [9101, 9102, 9103, 9101];
    let found = futures::future::join_all(asked.iter().map(|id| lookups.lookup(*id, *id))).await;
    let found: Vec<_> = found.into_iter().map(|f| f.expect("lookup")).collect();
    let users: Vec<Option<i64>> =
        found.iter().map(|f| f.citizen.as_ref().map(|c| c.telegram_user_id)).collect();
    assert_eq!(users, [Some(9101), Some(9102), None, Some(9101)], "each ask got its own answer");
    assert_eq!(found.iter().map(|f| f.facilitator).collect::<Vec<_>>(), [false, true, false, false]);
    assert_eq!(found[1].dialogue.as_deref(), Some("\"ConfirmingErasure\""));
    assert_eq!(found[0].dialogue, None);
    let pillars: Vec<_> =
        found[0].ballots.iter().map(|(b, _)| (b.pillar.clone(), b.choices.clone())).collect();
    assert_eq!(pillars, [("transparencia".to_string(), vec!["T05".to_string(), "T03".to_string()])]);
    assert!(found[1].ballots.is_empty() && found[2].ballots.is_empty());
    assert!(found.iter().all(|f| f.catalog_version == found[0].catalog_version));
}
