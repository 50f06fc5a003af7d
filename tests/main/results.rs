//! `/resultados`: hidden until results are public (with the date they will be),
//! then one bar chart per pillar with the ranking in its caption.

use crate::support::*;
use consulta::{db, domain::ResultsVisibility, error::Error};
use teloxide_tests::{MockBot, mock_bot::DistributionKey};

const PILLARS: [&str; 4] = ["transparencia", "rendicion_de_cuentas", "participacion", "colaboracion"];

fn catalog_closing(closes: &str) -> String {
    consulta::DEFAULT_CATALOG.replacen(
        "max_priorities = 3",
        &format!("max_priorities = 3\ncloses_at = \"{closes}\"\n"),
        1,
    )
}

/// Three known ballots in Transparencia (3, 2 and 1 points per rank):
/// T05 = 3 + 3 = 6 (two first choices), T03 = 2 + 3 = 5 (one), T01 = 1 + 2 = 3 (none).
async fn cast_known_ballots(h: &Harness, bot: &mut MockBot<Error, DistributionKey>) {
    send(bot, press("c:y")).await;
    for data in [
        "v:transparencia",
        "vp:transparencia:T05:0",
        "vp:transparencia:T03:0",
        "vp:transparencia:T01:0",
        "vc:transparencia",
    ] {
        send(bot, press(data)).await;
    }
    assert_eq!(h.ballot("transparencia").await, ["T05", "T03", "T01"]);
    for (user, choices) in [(900_001, vec!["T05", "T01"]), (900_002, vec!["T03"])] {
        let citizen =
            db::citizens::record_consent(&h.pool, user, Default::default(), true, "v").await.unwrap();
        let ballot = consulta::domain::Ballot {
            pillar: "transparencia".into(),
            choices: choices.into_iter().map(String::from).collect(),
        };
        db::ballots::cast(&h.pool, citizen.id, user, &ballot).await.unwrap();
    }
}

/// (file name, plain caption) of every photo the last dispatch sent.
fn photos(bot: &MockBot<Error, DistributionKey>) -> Vec<(String, String)> {
    bot.get_responses()
        .sent_messages_photo
        .iter()
        .map(|p| {
            let caption = p.bot_request.caption.clone().unwrap_or_default();
            assert!(
                caption.encode_utf16().count() <= 1024,
                "caption of {} units",
                caption.encode_utf16().count()
            );
            (p.bot_request.file_name.clone(), plain(&caption))
        })
        .collect()
}

fn chart_names() -> Vec<String> {
    PILLARS.iter().map(|p| format!("resultados-{p}.png")).collect()
}

#[tokio::test]
async fn while_voting_is_open_results_are_not_public_and_the_bot_says_when_they_will_be() {
    let h = Harness::with_catalog(&catalog_closing("2099-01-31T23:59:59-05:00")).await.with_moderators();
    let mut bot = h.bot(text("/resultados"));
    bot.dispatch().await;
    assert!(photos(&bot).is_empty(), "no chart before results are public");
    let told = plain(&screen_text(&bot));
    assert!(
        told.contains("Los resultados se publican cuando cierre la votación, el 31/01/2099 23:59"),
        "{told}"
    );

    // A facilitator waits like everyone else.
    send(&mut bot, staff_text(MODERATOR, "/resultados")).await;
    assert!(photos(&bot).is_empty());
    assert!(plain(&screen_text(&bot)).contains("el 31/01/2099 23:59"));
}

#[tokio::test]
async fn without_a_closing_date_results_wait_for_voting_to_close() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/resultados"));
    bot.dispatch().await;
    assert!(photos(&bot).is_empty());
    let told = plain(&screen_text(&bot));
    assert!(told.starts_with("📊 Los resultados se publican cuando cierre la votación. "), "{told}");
}

#[tokio::test]
async fn after_an_admin_closes_voting_anyone_gets_a_chart_per_pillar_with_the_ranking() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(text("/start"));
    bot.dispatch().await;
    cast_known_ballots(&h, &mut bot).await;
    send(&mut bot, staff_text(SECOND_MODERATOR, "/cerrar")).await;

    send(&mut bot, text("/resultados")).await;
    let sent = photos(&bot);
    let names: Vec<String> = sent.iter().map(|(name, _)| name.clone()).collect();
    assert_eq!(names, chart_names(), "one chart per pillar, in catalog order");

    let transparencia = &sent[0].1;
    assert!(!transparencia.contains("Vista previa"), "{transparencia}");
    let lines: Vec<&str> = transparencia.lines().collect();
    assert_eq!(
        lines,
        [
            "📊 Transparencia",
            "3 personas votaron en este pilar.",
            "🥇 T05 Vigilar la atención a los mayores y el dinero de Años Dorados — 6 puntos, 2 personas la eligieron de primera",
            "🥈 T03 Web más fácil, con el contacto de los funcionarios — 5 puntos, 1 persona la eligió de primera",
            "🥉 T01 Mejor tecnología para las juntas comunales — 3 puntos, nadie la eligió de primera",
            "4. T02 Publicar en internet lo que hacen las juntas comunales — 0 puntos, nadie la eligió de primera",
            "5. T04 Redes sociales y webs de la Alcaldía al día y funcionando — 0 puntos, nadie la eligió de primera",
            "…y 9 más en el gráfico.",
        ]
    );
    assert_eq!(sent[3].1, "📊 Colaboración\nNadie ha votado todavía en este pilar.");

    let closing = plain(&screen_text(&bot));
    assert!(closing.starts_with("✅ Resultados finales. La votación cerró el"), "{closing}");
    assert!(closing.contains("la primera opción de cada persona suma 3 puntos"), "{closing}");
    assert!(bot.get_responses().sent_messages.last().is_some_and(|m| m.photo().is_none()));
}

#[tokio::test]
async fn with_live_results_anyone_sees_them_while_voting_is_open_in_their_language() {
    let mut h = Harness::new().await;
    h.settings.results = ResultsVisibility::Live;
    let mut bot = h.bot(text("/start"));
    bot.dispatch().await;
    cast_known_ballots(&h, &mut bot).await;

    send(&mut bot, text("/resultados")).await;
    let sent = photos(&bot);
    assert_eq!(sent.len(), PILLARS.len());
    assert!(sent[0].1.contains("🥇 T05 Vigilar la atención a los mayores"), "{}", sent[0].1);
    let closing = plain(&screen_text(&bot));
    assert!(closing.starts_with("🔴 Resultados en vivo: pueden cambiar"), "{closing}");

    // Someone new, whose Telegram is in English (the test user chose Spanish).
    let mut newcomer = english_user();
    newcomer.id = teloxide::types::UserId(900_003);
    let english = teloxide_tests::MockMessageText::new()
        .text("/results")
        .from(newcomer)
        .chat(teloxide_tests::MockPrivateChat::new().id(900_003).build());
    send(&mut bot, english).await;
    let sent = photos(&bot);
    assert!(
        sent[0].1.contains("🥇 T05 Monitor care for older people and the 'Años Dorados' funds — 6 points, 2 people put it first"),
        "{}",
        sent[0].1
    );
    assert!(plain(&screen_text(&bot)).starts_with("🔴 Live results"));
}

#[tokio::test]
async fn an_admin_sees_the_results_early_marked_as_not_public_yet() {
    let h = Harness::with_catalog(&catalog_closing("2099-01-31T23:59:59-05:00")).await.with_moderators();
    let mut bot = h.bot(text("/start"));
    bot.dispatch().await;
    cast_known_ballots(&h, &mut bot).await;

    send(&mut bot, staff_text(SECOND_MODERATOR, "/resultados")).await;
    let sent = photos(&bot);
    assert_eq!(sent.len(), PILLARS.len());
    for (_, caption) in &sent {
        assert!(caption.starts_with("🔒 Vista previa: todavía no es público.\n"), "{caption}");
    }
    assert!(sent[0].1.contains("🥇 T05"), "{}", sent[0].1);
    let closing = plain(&screen_text(&bot));
    assert!(closing.starts_with("🔒 Solo tú ves esto, como administrador."), "{closing}");
    assert!(closing.contains("cuando cierre la votación, el 31/01/2099 23:59"), "{closing}");

    send(&mut bot, text("/resultados")).await;
    assert!(photos(&bot).is_empty(), "citizens still wait");
}

#[tokio::test]
async fn facilitators_see_rankings_in_avance_only_once_results_are_public() {
    let h = Harness::new().await.with_moderators();
    let mut bot = h.bot(text("/start"));
    bot.dispatch().await;
    cast_known_ballots(&h, &mut bot).await;

    send(&mut bot, staff_text(MODERATOR, "/avance")).await;
    let before = plain(&screen_text(&bot));
    assert!(!before.contains("Ranking"), "{before}");

    send(&mut bot, staff_text(SECOND_MODERATOR, "/cerrar")).await;
    send(&mut bot, staff_text(MODERATOR, "/avance")).await;
    let after = plain(&screen_text(&bot));
    assert!(after.contains("Ranking (ya es público: cualquiera lo ve con /resultados)"), "{after}");
    assert!(
        after.contains("1. Vigilar la atención a los mayores y el dinero de Años Dorados — 6 puntos"),
        "{after}"
    );
    assert!(after.contains("2. Web más fácil, con el contacto de los funcionarios — 5 puntos"), "{after}");
}
