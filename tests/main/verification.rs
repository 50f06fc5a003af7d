//! Optional verified phones: only the sender's own number, of an accepted
//! country, is taken; only its keyed hash is kept; one number has one ballot per
//! pillar whichever account casts it; erasure removes the hash.

use crate::support::*;
use consulta::{
    db,
    domain::{
        Ballot,
        verification::{PhoneKey, normalise},
    },
    error::Error,
};
use teloxide::types::{ButtonRequest, ReplyMarkup};

const KEY: &str = "a-secret-of-sixteen-or-more";
const NUMBER: &str = "573001234567";
const A: i64 = 610_001;
const B: i64 = 610_002;

async fn hash_of(h: &Harness, user: i64) -> Option<String> {
    sqlx::query_scalar("SELECT phone_hash FROM citizens WHERE telegram_user_id = ?")
        .bind(user)
        .fetch_one(&h.pool)
        .await
        .unwrap()
}

async fn citizen_id(h: &Harness, user: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM citizens WHERE telegram_user_id = ?")
        .bind(user)
        .fetch_one(&h.pool)
        .await
        .unwrap()
}

/// The reply keyboard of the last message sent, if it has one.
fn last_reply_markup(
    bot: &teloxide_tests::MockBot<Error, teloxide_tests::mock_bot::DistributionKey>,
) -> Option<ReplyMarkup> {
    bot.get_responses().sent_messages_text.last().and_then(|m| m.bot_request.reply_markup.clone())
}

#[tokio::test]
async fn verify_asks_with_telegrams_contact_button_and_takes_only_the_senders_own_number_of_an_accepted_country()
 {
    let h = Harness::new().await.verifying_phones(KEY, false);
    let mut bot = h.bot(staff_press(A, "c:y"));
    bot.dispatch().await;

    send(&mut bot, staff_text(A, "/verificar")).await;
    let asked = plain(&screen_text(&bot));
    assert!(asked.contains("Verifica tu número (opcional)"), "{asked}");
    assert!(asked.contains("No guardamos el número"), "{asked}");
    match last_reply_markup(&bot) {
        Some(ReplyMarkup::Keyboard(k)) => {
            assert!(matches!(k.keyboard[0][0].request, Some(ButtonRequest::Contact)), "{k:?}");
            assert_eq!(k.keyboard[1][0].text, "Ahora no");
        }
        other => panic!("no contact button: {other:?}"),
    }

    // A contact of someone else (forwarded, or picked from the address book).
    send(&mut bot, contact_from(A, NUMBER, Some(B))).await;
    assert!(plain(&screen_text(&bot)).contains("Solo puedes verificar tu propio número"));
    send(&mut bot, contact_from(A, NUMBER, None)).await;
    assert!(plain(&screen_text(&bot)).contains("Solo puedes verificar tu propio número"));
    assert!(
        matches!(last_reply_markup(&bot), Some(ReplyMarkup::KeyboardRemove(_))),
        "the keyboard goes away"
    );
    // Their own number, but of another country than the catalog's +57.
    send(&mut bot, contact_from(A, "+34600123456", Some(A))).await;
    let foreign = plain(&screen_text(&bot));
    assert!(foreign.contains("solo acepta números de +57"), "{foreign}");
    send(&mut bot, contact_from(A, "12", Some(A))).await;
    assert!(plain(&screen_text(&bot)).contains("No reconocemos ese número"));
    assert_eq!(hash_of(&h, A).await, None, "nothing kept of refused numbers");

    send(&mut bot, contact_from(A, NUMBER, Some(A))).await;
    assert!(plain(&screen_text(&bot)).contains("Número verificado"));
    assert!(hash_of(&h, A).await.is_some());
    let version: String =
        sqlx::query_scalar("SELECT consent_version FROM citizens WHERE telegram_user_id = ?")
            .bind(A)
            .fetch_one(&h.pool)
            .await
            .unwrap();
    assert_eq!(version, consulta::domain::VERIFY_NOTICE_VERSION);

    send(&mut bot, staff_text(A, "/mis_datos")).await;
    let data = plain(&screen_text(&bot));
    assert!(data.contains("Número verificado: sí, el"), "{data}");
    assert!(!data.contains("3001234567"), "the number is never shown: {data}");
}

#[tokio::test]
async fn not_now_takes_the_keyboard_away_and_voting_stays_open() {
    let h = Harness::new().await.verifying_phones(KEY, true);
    let mut bot = h.bot(staff_press(A, "c:y"));
    bot.dispatch().await;
    send(&mut bot, staff_text(A, "/verificar")).await;
    send(&mut bot, staff_text(A, "Ahora no")).await;
    let text = plain(&screen_text(&bot));
    assert!(text.contains("los votos sin verificar se cuentan y se publican aparte"), "{text}");
    assert!(matches!(last_reply_markup(&bot), Some(ReplyMarkup::KeyboardRemove(_))));
    send(&mut bot, staff_press(A, "v:transparencia")).await;
    send(&mut bot, staff_press(A, "vp:transparencia:T03:0")).await;
    send(&mut bot, staff_press(A, "vc:transparencia")).await;
    assert_eq!(h.ballot_of(A, "transparencia").await, ["T03"]);
}

#[tokio::test]
async fn two_accounts_with_one_number_get_one_ballot_per_pillar() {
    let h = Harness::new().await.verifying_phones(KEY, false);
    let mut bot = h.bot(staff_press(A, "c:y"));
    bot.dispatch().await;
    send(&mut bot, contact_from(A, NUMBER, Some(A))).await;
    send(&mut bot, staff_press(A, "v:transparencia")).await;
    send(&mut bot, staff_press(A, "vp:transparencia:T03:0")).await;
    send(&mut bot, staff_press(A, "vc:transparencia")).await;
    assert_eq!(h.ballot_of(A, "transparencia").await, ["T03"]);

    // A second account of the same number is told at once what it can still do.
    send(&mut bot, staff_press(B, "c:y")).await;
    send(&mut bot, contact_from(B, &format!("+{NUMBER}"), Some(B))).await;
    let told = plain(&screen_text(&bot));
    assert!(told.contains("Este número ya votó desde otra cuenta en: Transparencia"), "{told}");
    assert!(told.contains("enviar ideas"), "{told}");
    assert_eq!(hash_of(&h, A).await, hash_of(&h, B).await, "the same number is recognised");

    send(&mut bot, staff_press(B, "v:transparencia")).await;
    assert_eq!(
        callback_answer(&bot).as_deref(),
        Some(
            "📱 Tu número ya votó en Transparencia desde otra cuenta: un número tiene un solo voto por pilar. Puedes leer las propuestas, votar en otros pilares y enviar ideas."
        )
    );
    // Even a ballot written past the screens is refused by the database.
    let b_id = citizen_id(&h, B).await;
    let ballot = Ballot { pillar: "transparencia".into(), choices: vec!["T01".into()] };
    let refused = db::ballots::cast(&h.pool, b_id, B, &ballot).await;
    assert!(matches!(refused, Err(Error::NumberAlreadyVoted)), "{refused:?}");
    assert_eq!(h.ballot_of(B, "transparencia").await, Vec::<String>::new());
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots WHERE pillar = 'transparencia'").await, 1);

    // Another pillar is still open to the number, once.
    send(&mut bot, staff_press(B, "v:participacion")).await;
    send(&mut bot, staff_press(B, "vp:participacion:P02:0")).await;
    send(&mut bot, staff_press(B, "vc:participacion")).await;
    assert_eq!(h.ballot_of(B, "participacion").await, ["P02"]);
    let a_id = citizen_id(&h, A).await;
    let second = Ballot { pillar: "participacion".into(), choices: vec!["P01".into()] };
    assert!(matches!(db::ballots::cast(&h.pool, a_id, A, &second).await, Err(Error::NumberAlreadyVoted)));
    // Changing one's own ballot is always allowed.
    let changed = Ballot { pillar: "transparencia".into(), choices: vec!["T05".into()] };
    db::ballots::cast(&h.pool, a_id, A, &changed).await.expect("a number changes its own ballot");
    assert_eq!(h.ballot_of(A, "transparencia").await, ["T05"]);
    // The ballot's key the integrity report groups by follows the change.
    let key: String =
        sqlx::query_scalar("SELECT choices FROM ballots WHERE citizen_id = ? AND pillar = 'transparencia'")
            .bind(a_id)
            .fetch_one(&h.pool)
            .await
            .unwrap();
    assert_eq!(key, "T05");
}

#[tokio::test]
async fn an_account_that_already_voted_where_the_number_voted_is_not_verified() {
    let h = Harness::new().await.verifying_phones(KEY, false);
    let mut bot = h.bot(staff_press(A, "c:y"));
    bot.dispatch().await;
    send(&mut bot, contact_from(A, NUMBER, Some(A))).await;
    send(&mut bot, staff_press(B, "c:y")).await;
    for (who, pick) in [(A, "T03"), (B, "T01")] {
        send(&mut bot, staff_press(who, "v:transparencia")).await;
        send(&mut bot, staff_press(who, &format!("vp:transparencia:{pick}:0"))).await;
        send(&mut bot, staff_press(who, "vc:transparencia")).await;
    }
    // B voted unverified; now it shares the number A voted with.
    send(&mut bot, contact_from(B, NUMBER, Some(B))).await;
    let told = plain(&screen_text(&bot));
    assert!(told.contains("no lo verificamos y no guardamos nada"), "{told}");
    assert_eq!(hash_of(&h, B).await, None);
    assert_eq!(h.ballot_of(B, "transparencia").await, ["T01"], "its ballot stays as it was");
}

#[tokio::test]
async fn the_hash_changes_with_the_key_the_number_is_nowhere_in_the_file_and_erasure_removes_it() {
    let h = Harness::new().await.verifying_phones(KEY, false);
    let mut bot = h.bot(staff_press(A, "c:y"));
    bot.dispatch().await;
    send(&mut bot, contact_from(A, NUMBER, Some(A))).await;
    let stored = hash_of(&h, A).await.expect("a hash");
    let number = normalise(NUMBER, &["+57".to_owned()]).unwrap();
    assert_eq!(stored, PhoneKey::new(KEY).unwrap().hash(&number));
    assert_ne!(stored, PhoneKey::new("another-secret-of-16+").unwrap().hash(&number));

    // Every byte of the database and its write-ahead log.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&h.pool).await.unwrap();
    let mut bytes = std::fs::read(&h.url).unwrap();
    bytes.extend(std::fs::read(format!("{}-wal", h.url)).unwrap_or_default());
    for needle in ["3001234567", "300 123", "573001234567"] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle} found in the database file"
        );
    }

    send(&mut bot, staff_text(A, "/borrar_mis_datos")).await;
    send(&mut bot, staff_press(A, "e:y")).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM citizens WHERE phone_hash IS NOT NULL").await, 0);
}

#[tokio::test]
async fn without_phone_verification_a_contact_is_not_kept() {
    let h = Harness::new().await;
    let mut bot = h.bot(staff_press(A, "c:y"));
    bot.dispatch().await;
    send(&mut bot, staff_text(A, "/verificar")).await;
    assert!(plain(&screen_text(&bot)).contains("no hace falta verificar"));
    send(&mut bot, contact_from(A, NUMBER, Some(A))).await;
    assert!(plain(&screen_text(&bot)).contains("no hace falta verificar"));
    assert_eq!(hash_of(&h, A).await, None);
}

/// A citizen with a Transparencia ballot, with a verified number or not.
async fn seeded_voter(h: &Harness, user: i64, verified: bool, choices: &[&str]) {
    let hash = verified.then(|| format!("{user:064x}"));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO citizens (telegram_user_id, language, created_at, consent_accepted, consent_version,
            consent_at, phone_hash, verified_at)
         VALUES (?, 'es', '2026-11-01T00:00:00.000Z', 1, ?, '2026-11-01T00:00:00.000Z', ?, ?) RETURNING id",
    )
    .bind(user)
    .bind(consulta::domain::NOTICE_VERSION)
    .bind(&hash)
    .bind(hash.as_ref().map(|_| "2026-11-01T00:00:00.000Z"))
    .fetch_one(&h.pool)
    .await
    .unwrap();
    let ballot =
        Ballot { pillar: "transparencia".into(), choices: choices.iter().map(|s| s.to_string()).collect() };
    db::ballots::cast(&h.pool, id, user, &ballot).await.unwrap();
}

#[tokio::test]
async fn with_unverified_ballots_apart_the_tallies_are_the_hand_computed_ones() {
    let h = Harness::new().await.verifying_phones(KEY, true);
    // Verified: T01 3+3 = 6, T02 2+3 = 5, T03 1+2 = 3. Unverified: T05 3+3 = 6, T04 2.
    seeded_voter(&h, 1, true, &["T01", "T02", "T03"]).await;
    seeded_voter(&h, 2, true, &["T01", "T03"]).await;
    seeded_voter(&h, 3, true, &["T02"]).await;
    seeded_voter(&h, 4, false, &["T05", "T04"]).await;
    seeded_voter(&h, 5, false, &["T05"]).await;
    let catalog = db::catalog::load(&h.pool).await.unwrap();
    let counts = db::ballots::channel_counts(&h.pool).await.unwrap();
    let points = |c: &consulta::domain::Counts| -> Vec<(String, u64)> {
        consulta::domain::tally(&catalog, &c.ranks, &c.voters)[0]
            .proposals
            .iter()
            .filter(|p| p.points > 0)
            .map(|p| (p.proposal_id.clone(), p.points))
            .collect()
    };
    let pairs = |v: &[(&str, u64)]| v.iter().map(|(id, n)| (id.to_string(), *n)).collect::<Vec<_>>();
    // What /resultados and its charts publish: verified numbers only.
    let published = counts.published(h.settings.paper_ballots, h.settings.separates_unverified());
    assert_eq!(points(&published), pairs(&[("T01", 6), ("T02", 5), ("T03", 3)]));
    assert_eq!(published.voters_in("transparencia"), 3);
    let (verified, unverified) = counts.verification().expect("split once numbers are verified");
    assert_eq!(points(&verified), pairs(&[("T01", 6), ("T02", 5), ("T03", 3)]));
    assert_eq!(points(unverified), pairs(&[("T05", 6), ("T04", 2)]));
    // With `count`, everything counts.
    let all = counts.published(h.settings.paper_ballots, false);
    assert_eq!(points(&all), pairs(&[("T01", 6), ("T05", 6), ("T02", 5), ("T03", 3), ("T04", 2)]));

    // `consulta tally` shows both kinds like channels.
    let tally = consulta::app::tally_text(&h.pool, consulta::domain::Lang::Es).await.unwrap();
    let verified_part = tally.split("virtual verificado").nth(1).expect(&tally);
    let t01 = verified_part.lines().find(|l| l.contains("T01")).expect(&tally);
    assert_eq!(t01.split_whitespace().take(5).collect::<Vec<_>>(), ["1", "T01", "6", "2", "2"], "{tally}");
    let t05 = verified_part.lines().take_while(|l| !l.contains("sin verificar")).find(|l| l.contains("T05"));
    assert!(t05.is_some_and(|l| l.split_whitespace().nth(2) == Some("0")), "{tally}");
    let unverified_part = tally.split("virtual sin verificar").nth(1).expect(&tally);
    let t05 = unverified_part.lines().find(|l| l.contains("T05")).expect(&tally);
    assert_eq!(t05.split_whitespace().take(5).collect::<Vec<_>>(), ["1", "T05", "6", "2", "2"], "{tally}");

    // The export's results have the same figures in their own columns.
    let tables =
        consulta::export::tables(&h.pool, consulta::domain::Lang::Es, h.settings.timezone, 1).await.unwrap();
    let results = tables.iter().find(|t| t.name == "resultados").unwrap();
    let column = |name: &str| {
        results
            .header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}: {:?}", results.header))
    };
    let row = results
        .rows
        .iter()
        .find(|r| matches!(&r[1], consulta::domain::export::Cell::Text(t) if t == "T05"))
        .unwrap();
    let int = |c: &consulta::domain::export::Cell| match c {
        consulta::domain::export::Cell::Int(n) => *n,
        consulta::domain::export::Cell::Text(t) => panic!("{t}"),
    };
    assert_eq!(int(&row[column("puntos (virtual verificado)")]), 0);
    assert_eq!(int(&row[column("puntos (virtual sin verificar)")]), 6);
    assert_eq!(int(&row[column("puntos (virtual)")]), 6);

    // An admin's /avance ranks as published: T05, second with every ballot, is not in its top three.
    let h = h.with_moderators();
    let mut bot = h.bot(staff_text(SECOND_MODERATOR, "/avance"));
    bot.dispatch().await;
    let progress = plain(&screen_text(&bot));
    assert!(progress.contains("Solo cuenta votos de números verificados"), "{progress}");
    let title = |id: &str| catalog.proposal(id).unwrap().title.clone();
    // The ranked lines ("1. title — points") under the pillar's own line.
    let lines: Vec<&str> = progress.lines().map(str::trim).collect();
    let heading = lines.iter().position(|l| l.ends_with("Transparencia")).expect("the pillar's ranking");
    let ranked: Vec<&str> = lines[heading + 1..]
        .iter()
        .take_while(|l| l.split_once(". ").is_some_and(|(n, _)| n.parse::<u32>().is_ok()))
        .copied()
        .collect();
    assert!(!ranked.is_empty(), "{progress}");
    let has = |id: &str| ranked.iter().any(|l| l.contains(&title(id)));
    assert!(has("T03") && !has("T05"), "{ranked:?} in {progress}");
    drop(bot);

    // And the report.
    let files = consulta::report::files(&h.pool, consulta::domain::Lang::Es, &h.settings).await.unwrap();
    let html = String::from_utf8(files[0].bytes.clone()).unwrap();
    assert!(html.contains("3 son de números verificados y 2 sin verificar"), "the report splits them");
}

/// Through the real intake: the contact's update is stored in the inbox before
/// it is handled; the number must not stay there, nor in the write-ahead log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_intake_the_shared_number_leaves_no_trace_in_the_database_or_its_log() {
    use crate::fake_api::{FakeApi, chat_json, user_json};
    use std::time::Duration;
    let mut h = Harness::new().await.verifying_phones(KEY, false);
    let fake = FakeApi::start();
    let chat = 7_460;
    let running = h.run_bot(fake.bot(), consulta::intake::Intake::polling());
    fake.push_text(chat, "/privacidad");
    wait_for("the notice", Duration::from_secs(5), || fake.keyboard(chat).is_some()).await;
    fake.press(chat, "c:y");
    wait_for("the consent", Duration::from_secs(5), || {
        fake.calls_of("answerCallbackQuery").iter().any(|c| c.ok() && c.chat_id == Some(chat))
    })
    .await;
    let before = fake.texts_to(chat).len();
    fake.push_update(serde_json::json!({"message": {
        "message_id": 0, "date": 0, "chat": chat_json(chat), "from": user_json(chat),
        "contact": {"phone_number": NUMBER, "first_name": "Yo", "user_id": chat},
    }}));
    wait_for("the verification", Duration::from_secs(5), || fake.texts_to(chat).len() > before).await;
    assert!(fake.texts_to(chat).last().unwrap().contains("Número verificado"));
    // While the bot runs: neither the file nor its write-ahead log keeps the
    // number (the update was stored in the inbox before it was handled).
    let url = h.url.clone();
    let holds_number = move || {
        let mut bytes = std::fs::read(&url).unwrap_or_default();
        bytes.extend(std::fs::read(format!("{url}-wal")).unwrap_or_default());
        bytes.windows(10).any(|w| w == b"3001234567")
    };
    wait_for("the number to leave the file and its log", Duration::from_secs(5), || !holds_number()).await;
    h.stop_bot(running).await;
    assert!(hash_of(&h, chat).await.is_some());
    assert_eq!(h.count("SELECT COUNT(*) FROM inbox WHERE payload LIKE '%3001234567%'").await, 0);
    h.pool.close().await;
    assert!(!holds_number(), "after closing");
}
