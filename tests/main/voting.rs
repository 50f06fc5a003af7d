//! Building, confirming, replacing and resuming ballots; phase rules; stale buttons.

use crate::support::*;
use consulta::{
    bot::State,
    db,
    domain::{Catalog, DraftBallot},
};

fn closed_catalog(opens: Option<&str>, closes: Option<&str>) -> String {
    let mut dates = String::new();
    if let Some(o) = opens {
        dates.push_str(&format!("opens_at = \"{o}\"\n"));
    }
    if let Some(c) = closes {
        dates.push_str(&format!("closes_at = \"{c}\"\n"));
    }
    consulta::DEFAULT_CATALOG.replacen("max_priorities = 3", &format!("max_priorities = 3\n{dates}"), 1)
}

fn voting(pillar: &str, picks: &[&str]) -> State {
    State::Voting(DraftBallot { pillar: pillar.into(), picks: picks.iter().map(|s| s.to_string()).collect() })
}

#[tokio::test]
async fn a_ballot_builds_in_order_with_undo_and_is_confirmed_only_after_it_is_stored() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;

    send(&mut bot, press("v:transparencia")).await;
    let first = plain(&screen_text(&bot));
    assert!(first.contains("Votar: Transparencia"), "{first}");
    assert!(first.contains("Toca el número de la propuesta que va en el puesto 1"), "{first}");
    bot.assert_state(voting("transparencia", &[])).await;

    send(&mut bot, press("vp:transparencia:T03:0")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Prioridad 1 elegida."));
    bot.assert_state(voting("transparencia", &["T03"])).await;
    assert!(plain(&screen_text(&bot)).contains("1.ª Web más fácil, con el contacto de los funcionarios"));
    assert!(
        !screen_buttons(&bot).iter().any(|(_, d)| d == "vp:transparencia:T03:0"),
        "a pick leaves the keyboard"
    );

    send(&mut bot, press("vp:transparencia:T01:0")).await;
    send(&mut bot, press("vu:transparencia:0")).await;
    bot.assert_state(voting("transparencia", &["T03"])).await;
    send(&mut bot, press("vp:transparencia:T05:0")).await;
    send(&mut bot, press("vp:transparencia:T02:0")).await;
    let full = plain(&screen_text(&bot));
    assert!(full.contains("Ya elegiste todas tus prioridades"), "{full}");
    assert!(full.contains("1.ª Web más fácil, con el contacto de los funcionarios"), "{full}");
    assert!(full.contains("2.ª Vigilar la atención a los mayores"), "{full}");
    assert!(full.contains("3.ª Publicar en internet lo que hacen las juntas comunales"), "{full}");
    assert!(
        !screen_buttons(&bot).iter().any(|(_, d)| d.starts_with("vp:")),
        "no more picks offered when full"
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 0, "nothing is stored before confirming");

    send(&mut bot, press("vp:transparencia:T07:0")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Ya elegiste todas tus prioridades."));

    send(&mut bot, press("vc:transparencia")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("✅ Voto registrado."));
    assert_eq!(h.ballot("transparencia").await, vec!["T03", "T05", "T02"]);
    let confirmed = plain(&screen_text(&bot));
    assert!(confirmed.contains("Tu voto en Transparencia quedó registrado"), "{confirmed}");
    // The next pillar without a ballot follows on the same screen, ready to pick.
    assert!(confirmed.contains("Ahora, el próximo pilar"), "{confirmed}");
    assert!(confirmed.contains("Votar: Rendición de cuentas"), "{confirmed}");
    assert!(screen_buttons(&bot).iter().any(|(_, d)| d.starts_with("vp:rendicion_de_cuentas:")));
    bot.assert_state(voting("rendicion_de_cuentas", &[])).await;
}

#[tokio::test]
async fn confirming_again_replaces_the_pillar_ballot_and_leaves_others_alone() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    for data in ["v:transparencia", "vp:transparencia:T01:0", "vp:transparencia:T02:0", "vc:transparencia"] {
        send(&mut bot, press(data)).await;
    }
    for data in ["v:colaboracion", "vp:colaboracion:C16:1", "vc:colaboracion"] {
        send(&mut bot, press(data)).await;
    }
    send(&mut bot, press("p:transparencia:0")).await;
    assert!(
        screen_buttons(&bot).iter().any(|(l, d)| d == "v:transparencia" && l.contains("Cambiar mi voto"))
    );

    send(&mut bot, press("v:transparencia")).await;
    let shown = plain(&screen_text(&bot));
    assert!(
        shown.contains("Tu voto registrado hasta ahora"),
        "the current ballot is shown while changing it: {shown}"
    );
    for data in ["vp:transparencia:T09:0", "vc:transparencia"] {
        send(&mut bot, press(data)).await;
    }
    assert_eq!(h.ballot("transparencia").await, vec!["T09"]);
    assert_eq!(h.ballot("colaboracion").await, vec!["C16"]);
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 2, "one ballot per citizen per pillar");
    assert_eq!(h.count("SELECT COUNT(*) FROM ballot_choices").await, 2);
}

#[tokio::test]
async fn mis_votos_is_a_receipt_of_every_pillar() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    for data in ["v:participacion", "vp:participacion:P21:2", "vp:participacion:P02:0", "vc:participacion"] {
        send(&mut bot, press(data)).await;
    }
    send(&mut bot, text("/mis_votos")).await;
    let receipt = plain(&screen_text(&bot));
    assert!(receipt.contains("Tus votos"), "{receipt}");
    assert!(receipt.contains("1.ª Revivir los consejos comuneros para influir en los planes"), "{receipt}");
    assert!(receipt.contains("2.ª Proponer en una web la ciudad que queremos"), "{receipt}");
    assert_eq!(receipt.matches("— sin voto todavía").count(), 3, "{receipt}");
}

#[tokio::test]
async fn voting_after_the_close_is_refused_with_the_date_and_reading_still_works() {
    let h = Harness::with_catalog(&closed_catalog(None, Some("2022-11-30T23:59:59-05:00"))).await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("v:transparencia")).await;
    assert_eq!(
        callback_answer(&bot).as_deref(),
        Some("🔴 La votación cerró el 30/11/2022 23:59. Puedes seguir leyendo las propuestas.")
    );
    assert_eq!(h.dialogue().await, None);
    send(&mut bot, press("d:T01:0")).await;
    assert!(plain(&screen_text(&bot)).contains("Fortalecimiento tecnológico"));

    // A ballot begun before the close cannot be confirmed after it.
    bot.set_state(voting("transparencia", &["T01"])).await;
    send(&mut bot, press("vc:transparencia")).await;
    assert!(callback_answer(&bot).unwrap_or_default().contains("La votación cerró"));
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 0);
}

#[tokio::test]
async fn voting_before_the_opening_is_refused_with_the_date() {
    let h = Harness::with_catalog(&closed_catalog(Some("2099-01-01T08:00:00-05:00"), None)).await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("v:colaboracion")).await;
    assert_eq!(
        callback_answer(&bot).as_deref(),
        Some(
            "🕒 La votación todavía no abre: empieza el 01/01/2099 08:00. Mientras tanto puedes leer las propuestas."
        )
    );
    send(&mut bot, text("/start")).await;
    assert!(plain(&screen_text(&bot)).contains("empieza el 01/01/2099 08:00"));
}

#[tokio::test]
async fn a_restart_in_the_middle_of_a_ballot_resumes_where_the_citizen_was() {
    let mut h = Harness::new().await;
    {
        let mut bot = h.bot(press("c:y"));
        bot.dispatch().await;
        for data in ["v:rendicion_de_cuentas", "vp:rendicion_de_cuentas:R04:0"] {
            send(&mut bot, press(data)).await;
        }
    }
    h.restart().await;
    let mut bot = h.bot(press("vp:rendicion_de_cuentas:R02:0"));
    bot.dispatch().await;
    bot.assert_state(voting("rendicion_de_cuentas", &["R04", "R02"])).await;
    send(&mut bot, press("vc:rendicion_de_cuentas")).await;
    assert_eq!(h.ballot("rendicion_de_cuentas").await, vec!["R04", "R02"]);
    drop(bot); // one mocked bot at a time: each holds a process-wide lock

    // Opening the pillar again also resumes an unfinished draft.
    let mut bot = h.bot(press("v:participacion"));
    bot.dispatch().await;
    send(&mut bot, press("vp:participacion:P03:0")).await;
    drop(bot);
    h.restart().await;
    let mut bot = h.bot(press("v:participacion"));
    bot.dispatch().await;
    bot.assert_state(voting("participacion", &["P03"])).await;
}

#[tokio::test]
async fn stale_or_foreign_buttons_change_nothing() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("v:transparencia")).await;
    send(&mut bot, press("vp:transparencia:T01:0")).await;

    // A proposal that does not exist (or no longer does).
    send(&mut bot, press("vp:transparencia:T99:0")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Esa propuesta ya no está disponible."));
    bot.assert_state(voting("transparencia", &["T01"])).await;
    // A proposal of another pillar slipped into this ballot.
    send(&mut bot, press("vp:transparencia:C01:0")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Esa propuesta ya no está disponible."));
    // A keyboard from another pillar's ballot.
    send(&mut bot, press("vp:colaboracion:C01:0")).await;
    assert_eq!(
        callback_answer(&bot).as_deref(),
        Some("Este botón ya no está vigente. Te muestro el menú actualizado.")
    );
    send(&mut bot, press("vc:colaboracion")).await;
    assert_eq!(
        callback_answer(&bot).as_deref(),
        Some("Este botón ya no está vigente. Te muestro el menú actualizado.")
    );
    // The same proposal twice.
    send(&mut bot, press("vp:transparencia:T01:0")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Ya elegiste esa propuesta."));
    // A pillar that does not exist.
    send(&mut bot, press("v:seguridad")).await;
    assert_eq!(
        callback_answer(&bot).as_deref(),
        Some("Este botón ya no está vigente. Te muestro el menú actualizado.")
    );
    bot.assert_state(voting("transparencia", &["T01"])).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 0);

    // Undo down to nothing, then confirm: refused.
    send(&mut bot, press("vu:transparencia:0")).await;
    send(&mut bot, press("vc:transparencia")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Elige al menos una propuesta antes de confirmar."));
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 0);

    // Cancelling keeps the earlier ballot (none here) and leaves voting.
    send(&mut bot, press("vx:transparencia")).await;
    bot.assert_state(State::Idle).await;
}

#[tokio::test]
async fn a_proposal_withdrawn_during_a_ballot_leaves_it_and_the_rest_can_be_confirmed() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    for data in ["v:transparencia", "vp:transparencia:T14:1", "vc:transparencia"] {
        send(&mut bot, press(data)).await;
    }
    for data in ["v:transparencia", "vp:transparencia:T14:1", "vp:transparencia:T13:1"] {
        send(&mut bot, press(data)).await;
    }
    // The catalog drops T14, which has a vote: withdrawn, not deleted.
    let without: String = without_proposal(consulta::DEFAULT_CATALOG, "T14");
    let report = db::catalog::import(&h.pool, &Catalog::parse(&without).unwrap()).await.unwrap();
    assert_eq!(report.withdrawn, 1);
    assert_eq!(
        h.count("SELECT COUNT(*) FROM proposals WHERE id = 'T14' AND withdrawn_at IS NOT NULL").await,
        1
    );

    send(&mut bot, press("vc:transparencia")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Esa propuesta ya no está disponible."));
    bot.assert_state(voting("transparencia", &["T13"])).await;
    send(&mut bot, press("vc:transparencia")).await;
    assert_eq!(h.ballot("transparencia").await, vec!["T13"]);

    send(&mut bot, press("p:transparencia:1")).await;
    assert!(
        !plain(&screen_text(&bot)).contains("Volver a abrir la Oficina de Transparencia en cada localidad")
    );
}

/// The catalog text without one `[[proposals]]` table.
pub fn without_proposal(source: &str, id: &str) -> String {
    let mut out = String::new();
    for block in source.split("[[proposals]]") {
        if block.contains(&format!("id = \"{id}\"")) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("[[proposals]]");
        }
        out.push_str(block);
    }
    out
}

#[tokio::test]
async fn a_stale_cancel_or_undo_from_another_pillar_keeps_the_current_draft() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("v:transparencia")).await;
    send(&mut bot, press("vp:transparencia:T02:0")).await;
    for data in ["vx:colaboracion", "vu:colaboracion:0", "vg:colaboracion:1"] {
        send(&mut bot, press(data)).await;
        assert_eq!(
            callback_answer(&bot).as_deref(),
            Some("Este botón ya no está vigente. Te muestro el menú actualizado."),
            "{data}"
        );
        bot.assert_state(voting("transparencia", &["T02"])).await;
    }
}

#[tokio::test]
async fn when_the_ballot_cannot_be_stored_the_citizen_is_never_told_it_was() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("v:transparencia")).await;
    send(&mut bot, press("vp:transparencia:T06:0")).await;
    // The disk refuses the write, as a full or failing disk would.
    sqlx::query("CREATE TRIGGER refuse BEFORE INSERT ON ballot_choices BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
        .execute(&h.pool)
        .await
        .unwrap();
    send(&mut bot, press("vc:transparencia")).await;
    let answer = bot.get_responses().answered_callback_queries;
    assert_eq!(answer.len(), 1);
    assert_eq!(
        answer[0].text.as_deref(),
        Some("😕 Algo falló y no se guardó nada. Por favor intenta de nuevo en un momento.")
    );
    assert!(bot.get_responses().edited_messages_text.is_empty(), "no confirmation screen");
    assert!(!sent_to(&bot, USER).iter().any(|m| m.contains("registrado")));
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 0, "the transaction rolled back whole");
    bot.assert_state(voting("transparencia", &["T06"])).await;

    sqlx::query("DROP TRIGGER refuse").execute(&h.pool).await.unwrap();
    send(&mut bot, press("vc:transparencia")).await;
    assert_eq!(
        h.ballot("transparencia").await,
        vec!["T06"],
        "the kept draft can be confirmed once the disk recovers"
    );
}

#[tokio::test]
async fn a_long_proposal_with_emoji_still_fits_in_one_message() {
    let long = format!("{} fin", "🙂 palabra ".repeat(290));
    let source = consulta::DEFAULT_CATALOG.replacen(
        "text = \"Fortalecimiento tecnológico para la transformación de las organizaciones comunales.\"",
        &format!("text = \"{long}\""),
        1,
    );
    let h = Harness::with_catalog(&source).await;
    let mut bot = h.bot(press("d:T01:0"));
    bot.dispatch().await;
    assert_within_telegram_limits(&bot);
    assert!(screen_text(&bot).contains("🙂 palabra"));
}

/// The data of the button labelled `label` on the current screen.
fn tap_label(
    bot: &teloxide_tests::MockBot<consulta::error::Error, teloxide_tests::mock_bot::DistributionKey>,
    label: &str,
) -> String {
    let buttons = screen_buttons(bot);
    buttons
        .iter()
        .find(|(l, _)| l == label)
        .map(|(_, d)| d.clone())
        .unwrap_or_else(|| panic!("no {label:?} in {buttons:?}"))
}

#[tokio::test]
async fn a_full_ballot_of_four_pillars_picking_the_last_proposals_takes_at_most_22_taps_from_start() {
    let h = Harness::new().await;
    let mut taps = 0;
    let mut bot = h.bot(text("/start"));
    bot.dispatch().await;
    taps += 1;
    // Every later tap is a button the current screen shows: nothing is forged.
    for label in ["Continuar ➡️", "✅ Acepto"] {
        let data = tap_label(&bot, label);
        send(&mut bot, press(&data)).await;
        taps += 1;
    }
    for answer in ["Localidad 2 De la Virgen y Turística", "Ciudadanía en general", "29 a 44 años"] {
        let data = tap_label(&bot, answer);
        send(&mut bot, press(&data)).await;
        taps += 1;
    }
    // The last answer opens the first pillar's voting screen below the answers.
    assert!(plain(&screen_text(&bot)).contains("Votar: Transparencia"));
    for pillar in 0..4 {
        for _ in 0..3 {
            let buttons = screen_buttons(&bot);
            assert!(
                buttons.iter().any(|(l, d)| l == "📖 Leer completas" && d.starts_with("p:")),
                "the full texts stay one tap away: {buttons:?}"
            );
            // The last proposals of the pillar: on the first screen too, no page to turn.
            let pick = buttons
                .iter()
                .rev()
                .find(|(_, d)| d.starts_with("vp:"))
                .map(|(_, d)| d.clone())
                .expect("a pick");
            send(&mut bot, press(&pick)).await;
            taps += 1;
        }
        let confirm = screen_buttons(&bot)
            .iter()
            .find(|(_, d)| d.starts_with("vc:"))
            .map(|(_, d)| d.clone())
            .expect("confirm");
        send(&mut bot, press(&confirm)).await;
        taps += 1;
        assert_eq!(callback_answer(&bot).as_deref(), Some("✅ Voto registrado."), "pillar {pillar}");
    }
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 4);
    assert_eq!(h.count("SELECT COUNT(*) FROM ballot_choices").await, 12);
    assert!(taps <= 22, "{taps} taps");
    let last = plain(&screen_text(&bot));
    assert!(last.contains("quedó registrado") && !last.contains("Ahora, el próximo pilar"), "{last}");
}

#[tokio::test]
async fn the_largest_pillar_is_one_voting_screen_with_a_button_per_proposal() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("v:participacion")).await;
    let text = plain(&screen_text(&bot));
    assert!(text.contains("1. ") && text.contains("21. "), "every title is listed: {text}");
    assert!(!text.contains("Página"), "{text}");
    let picks: Vec<String> =
        screen_buttons(&bot).into_iter().filter(|(_, d)| d.starts_with("vp:")).map(|(l, _)| l).collect();
    assert_eq!(picks, (1..=21).map(|n| n.to_string()).collect::<Vec<_>>());
    assert!(!screen_buttons(&bot).iter().any(|(_, d)| d.starts_with("vg:")), "no page turns");
    // The last proposal is one tap away, and after the last pick nothing speaks of pages.
    for id in ["P21", "P20", "P19"] {
        send(&mut bot, press(&format!("vp:participacion:{id}:0"))).await;
    }
    let full = plain(&screen_text(&bot));
    assert!(full.contains("Ya elegiste todas tus prioridades") && !full.contains("Página"), "{full}");
}
