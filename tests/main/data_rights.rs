//! Ley 1581: seeing and erasing one's own data.

use crate::support::*;
use consulta::bot::State;

async fn citizen_with_everything(
    h: &Harness,
) -> teloxide_tests::MockBot<consulta::error::Error, teloxide_tests::mock_bot::DistributionKey> {
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    for data in [
        "pa:l:l3",
        "pa:s:jac",
        "pa:a:29-44",
        "v:transparencia",
        "vp:transparencia:T02:0",
        "vc:transparencia",
        "v:participacion",
        "vp:participacion:P05:0",
        "vp:participacion:P06:0",
        "vc:participacion",
    ] {
        send(&mut bot, press(data)).await;
    }
    bot
}

#[tokio::test]
async fn mis_datos_shows_everything_stored() {
    let h = Harness::new().await;
    let mut bot = citizen_with_everything(&h).await;
    send(&mut bot, press("v:colaboracion")).await;
    send(&mut bot, text("/mis_datos")).await;
    let data = plain(&screen_text(&bot));
    for expected in [
        &format!("Usuario de Telegram: {USER}") as &str,
        "Idioma: Español",
        "Autorización: aceptada el",
        "Sigues del plan: nada.",
        "versión 2026-12-v6",
        "Localidad: Localidad 3 Industrial y de la Bahía",
        "Sector: JAC u organización comunal",
        "Edad: 29 a 44 años",
        "1.ª Publicar en internet lo que hacen las juntas comunales",
        "1.ª Enseñar a migrantes sus derechos y deberes",
        "2.ª Inversión en el campo y las islas según lo que pidan",
        "Voto en curso, sin confirmar, en Colaboración.",
    ] {
        assert!(data.contains(expected), "{expected:?} missing from {data}");
    }
}

#[tokio::test]
async fn mis_datos_without_any_record_says_so() {
    let h = Harness::new().await;
    let mut bot = h.bot(text("/mis_datos"));
    bot.dispatch().await;
    assert_eq!(plain(&screen_text(&bot)), "No tenemos ningún dato tuyo guardado.");
}

#[tokio::test]
async fn borrar_mis_datos_erases_identity_profile_consent_state_and_withdraws_ballots_after_confirmation() {
    let h = Harness::new().await;
    let mut bot = citizen_with_everything(&h).await;
    let voters_before = consulta::db::ballots::voters_per_pillar(&h.pool).await.unwrap();
    assert_eq!(voters_before.get("participacion"), Some(&1));

    send(&mut bot, text("/borrar_mis_datos")).await;
    assert!(plain(&screen_text(&bot)).contains("¿Borrar tus datos?"));
    bot.assert_state(State::ConfirmingErasure).await;

    // "No" keeps everything.
    send(&mut bot, press("e:n")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("No se borró nada."));
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens").await, 1);

    send(&mut bot, text("/borrar_mis_datos")).await;
    send(&mut bot, press("e:y")).await;
    let done = plain(&screen_text(&bot));
    assert!(done.contains("borramos tus datos y retiramos tus 2 votos de los resultados"), "{done}");
    for table in ["citizens", "ballots", "ballot_choices", "dialogues"] {
        assert_eq!(h.count(&format!("SELECT COUNT(*) FROM {table}")).await, 0, "{table} still has rows");
    }
    let voters_after = consulta::db::ballots::voters_per_pillar(&h.pool).await.unwrap();
    assert!(voters_after.is_empty(), "the tallies stop counting erased ballots");
    let tally = consulta::app::tally_text(&h.pool, consulta::domain::Lang::Es).await.unwrap();
    assert!(tally.contains("== Participación: 0 votantes =="), "{tally}");
}

#[tokio::test]
async fn an_erase_button_without_the_confirmation_step_erases_nothing() {
    let h = Harness::new().await;
    let mut bot = citizen_with_everything(&h).await;
    send(&mut bot, press("e:y")).await;
    assert_eq!(
        callback_answer(&bot).as_deref(),
        Some("Este botón ya no está vigente. Te muestro el menú actualizado.")
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens").await, 1);
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 2);

    // Any other command abandons a pending confirmation.
    send(&mut bot, text("/borrar_mis_datos")).await;
    send(&mut bot, text("/pilares")).await;
    send(&mut bot, press("e:y")).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens").await, 1);
}

#[tokio::test]
async fn declining_after_accepting_points_to_erasure_and_keeps_the_record() {
    let h = Harness::new().await;
    let mut bot = citizen_with_everything(&h).await;
    send(&mut bot, press("c:n")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Para retirar tu autorización usa /borrar_mis_datos."));
    let accepted: bool =
        sqlx::query_scalar("SELECT consent_accepted FROM citizens").fetch_one(&h.pool).await.unwrap();
    assert!(accepted);
}

/// Whether `needle` is anywhere in the database file or its write-ahead log.
fn on_disk(h: &Harness, needle: &str) -> bool {
    ["", "-wal"].iter().any(|suffix| {
        std::fs::read(format!("{}{suffix}", h.url))
            .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .unwrap_or(false)
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erased_ideas_are_overwritten_on_disk_not_only_unlinked() {
    let h = Harness::new().await;
    let mut bot = citizen_with_everything(&h).await;
    let marker = "Quiero un parque limpio en el barrio Zuqxlemarker";
    submit_idea(&mut bot, "colaboracion", marker).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM ideas").await, 1);
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&h.pool).await.expect("checkpoint");
    assert!(on_disk(&h, "Zuqxlemarker"), "the idea is on disk before the erasure");

    send(&mut bot, text("/borrar_mis_datos")).await;
    send(&mut bot, press("e:y")).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM ideas").await, 0);
    let start = std::time::Instant::now();
    while on_disk(&h, "Zuqxlemarker") {
        assert!(start.elapsed() < std::time::Duration::from_secs(5), "the erased idea is still on disk");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn mis_datos_shows_every_consent_decision_and_the_audit_counts_them_without_ids() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:n"));
    bot.dispatch().await;
    send(&mut bot, press("c:y")).await;
    send(&mut bot, press("pa:a:u18")).await;
    send(&mut bot, press("g:u18:y")).await;
    send(&mut bot, text("/mis_datos")).await;
    let data = plain(&screen_text(&bot));
    assert!(data.contains("Historial de tus decisiones sobre el aviso:"), "{data}");
    assert!(data.contains("– confirmaste la autorización de tu madre, padre o acudiente"), "{data}");
    let declined = data.find("– no aceptada (").expect("the decline is listed");
    let accepted = data.rfind("– aceptada el").expect("the acceptance is listed");
    assert!(declined < accepted, "oldest first: {data}");

    let other = consulta::db::citizens::record_consent(&h.pool, 424_242, Default::default(), true, "v-old")
        .await
        .expect("consent");
    let _ = other;
    let dir = tempfile::tempdir().expect("dir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_consulta"))
        .args(["consentimientos", "--dir"])
        .arg(dir.path())
        .env("DATABASE_URL", &h.url)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = std::fs::read_to_string(dir.path().join("consentimientos.csv")).expect("written");
    let version = consulta::domain::NOTICE_VERSION;
    assert!(csv.starts_with('\u{feff}'), "Excel reads accents: BOM first");
    assert!(
        csv.contains("día,versión del aviso,aceptaciones,rechazos,autorizaciones de acudiente (menores)"),
        "{csv}"
    );
    assert!(csv.lines().any(|l| l.ends_with(&format!(",{version},1,1,1"))), "{csv}");
    assert!(csv.lines().any(|l| l.ends_with(",v-old,1,0,0")), "{csv}");
    assert!(!csv.contains(&USER.to_string()) && !csv.contains("424242"), "no ids: {csv}");
}

#[tokio::test]
async fn mis_datos_shows_every_idea_in_full_and_sends_a_file_when_it_is_too_long() {
    use consulta::domain::{IdeaContent, IdeaDraft};
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    let me = consulta::db::citizens::find(&h.pool, USER).await.unwrap().expect("citizen");
    let long = |n: usize| format!("Idea número {n}: {}", "palabras sobre el barrio y su parque ".repeat(25));
    let idea = |n: usize| IdeaDraft {
        pillar: "colaboracion".into(),
        content: IdeaContent::Text { body: long(n) },
        problem: None,
    };
    consulta::db::ideas::submit(&h.pool, me.id, me.telegram_user_id, &idea(1), 100, None)
        .await
        .unwrap()
        .unwrap();
    send(&mut bot, text("/mis_datos")).await;
    let shown = plain(&screen_text(&bot));
    assert!(shown.contains(long(1).trim_end()), "the whole idea, not an excerpt: {shown}");
    assert!(bot.get_responses().sent_messages_document.is_empty());

    for n in 2..=8 {
        consulta::db::ideas::submit(&h.pool, me.id, me.telegram_user_id, &idea(n), 100, None)
            .await
            .unwrap()
            .unwrap();
    }
    send(&mut bot, text("/mis_datos")).await;
    let docs = bot.get_responses().sent_messages_document;
    assert_eq!(docs.len(), 1, "eight long ideas do not fit one message: a file");
    assert_eq!(
        docs[0].message.document().and_then(|d| d.file_name.clone()).as_deref(),
        Some("mis_datos.txt")
    );
    let shown = plain(&screen_text(&bot));
    assert!(shown.contains("va en el archivo mis_datos.txt"), "{shown}");
    assert!(shown.contains(&format!("Usuario de Telegram: {USER}")), "the rest stays in the message");
}

/// The citizen's stored columns that a minor's answers touch.
async fn minor_row(h: &Harness) -> (Option<bool>, Option<String>, Option<String>, Option<String>) {
    sqlx::query_as(
        "SELECT consent_accepted, localidad, age_range, guardian_attested_at FROM citizens
         WHERE telegram_user_id = ?",
    )
    .bind(USER)
    .fetch_one(&h.pool)
    .await
    .expect("citizen")
}

#[tokio::test]
async fn a_minor_is_asked_for_a_guardians_authorisation_and_it_is_kept_with_the_consent() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    send(&mut bot, press("pa:l:l1")).await;
    send(&mut bot, press("pa:a:u18")).await;
    let asked = plain(&screen_text(&bot));
    assert!(asked.contains("Tienes menos de 18 años"), "{asked}");
    assert!(asked.contains("Decreto 1377 de 2013, art. 12"), "{asked}");
    let (_, _, age, attested) = minor_row(&h).await;
    assert_eq!((age, attested), (None, None), "nothing is stored before the answer");

    // "I chose the wrong range" goes back to the question, storing nothing.
    send(&mut bot, press("pq:a")).await;
    assert!(plain(&screen_text(&bot)).contains("rango de edad"));
    send(&mut bot, press("pa:a:u18")).await;
    send(&mut bot, press("g:u18:y")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Confirmación guardada. ¡Gracias!"));
    let (accepted, _, age, attested) = minor_row(&h).await;
    assert_eq!((accepted, age.as_deref()), (Some(true), Some("u18")));
    assert!(attested.is_some(), "the statement is stored");
    let log: Vec<(bool, bool)> =
        sqlx::query_as("SELECT accepted, guardian_attested FROM consent_log ORDER BY id")
            .fetch_all(&h.pool)
            .await
            .unwrap();
    assert_eq!(log, vec![(true, false), (true, true)], "the statement joins the consent history");

    // Once attested, changing answers does not ask again, and voting works.
    send(&mut bot, press("pa:a:u18")).await;
    assert!(!plain(&screen_text(&bot)).contains("Tienes menos de 18 años"));
    for data in ["v:transparencia", "vp:transparencia:T02:0", "vc:transparencia"] {
        send(&mut bot, press(data)).await;
    }
    assert_eq!(h.ballot("transparencia").await, vec!["T02"]);
    send(&mut bot, text("/mis_datos")).await;
    let data = plain(&screen_text(&bot));
    assert!(data.contains("confirmaste la autorización de tu madre, padre o acudiente el"), "{data}");
}

#[tokio::test]
async fn a_minor_without_authorisation_keeps_only_what_a_decliner_keeps() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    for data in ["v:transparencia", "vp:transparencia:T02:0", "vc:transparencia", "pa:l:l2", "pa:s:jac"] {
        send(&mut bot, press(data)).await;
    }
    submit_idea(&mut bot, "participacion", "Una idea de alguien menor de edad").await;
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 1);
    send(&mut bot, press("pa:a:u18")).await;
    send(&mut bot, press("g:u18:n")).await;
    let told = plain(&screen_text(&bot));
    assert!(told.contains("no puedes votar ni enviar ideas"), "{told}");
    assert!(told.contains("tu voto"), "{told}");
    assert_eq!(minor_row(&h).await, (Some(false), None, None, None));
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 0, "the ballot is gone");
    assert_eq!(h.count("SELECT COUNT(*) FROM ballot_choices").await, 0);
    assert_eq!(h.count("SELECT COUNT(*) FROM ideas").await, 0, "the idea is gone");
    assert_eq!(h.count("SELECT COUNT(*) FROM dialogues").await, 0);
    // What stays is what a decliner's record holds: language and the decisions.
    let stored: (String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT language, sector, muted_at FROM citizens WHERE telegram_user_id = ?")
            .bind(USER)
            .fetch_one(&h.pool)
            .await
            .unwrap();
    assert_eq!(stored, ("es".to_string(), None, None));
    // And they may not vote until they accept again.
    send(&mut bot, press("v:transparencia")).await;
    assert!(plain(&screen_text(&bot)).contains("necesitas aceptar el aviso de privacidad"));
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 0);
    // A forged answer for an adult range is a stale button, not an attestation.
    send(&mut bot, press("c:y")).await;
    send(&mut bot, press("g:29-44:y")).await;
    assert_eq!(minor_row(&h).await.3, None, "no statement for an adult range");
}
