//! After the consultation: publishing the plan (a personal message to every
//! participant who voted, through the outbox, across a stop), `/plan` for
//! everyone, following and unfollowing, and the plan's open data.

use crate::{fake_api::FakeApi, support::*};
use consulta::{
    db,
    domain::{
        Catalog, Lang,
        followup::{Followed, Stage, Voice},
        plan::Draft,
    },
    jobs::broadcasts::BroadcastWorker,
};
use std::time::Duration;

const PLAN: &str = include_str!("../../catalog/plan-plantilla.toml");

async fn with_plan() -> Harness {
    let h = Harness::with_catalog(consulta::TEMPLATE_CATALOG).await.with_moderators();
    let catalog = Catalog::parse(consulta::TEMPLATE_CATALOG).unwrap();
    let plan = Draft::parse_toml(PLAN).unwrap().check(&catalog).unwrap();
    db::plan::store(&h.pool, &plan, db::plan::Origin::PlanFile, "plan.toml", "test").await.unwrap();
    h
}

/// `n` consenting citizens from `first`, each with one ballot: even ones rank
/// T02, T01 in transparencia; odd ones P02, P01 in participación.
async fn voters(h: &Harness, first: i64, n: i64) {
    h.consenting_citizens(first, n, Some("c1")).await;
    for (pillar, choices, parity) in
        [("transparencia", ["T02", "T01"], 0), ("participacion", ["P02", "P01"], 1)]
    {
        sqlx::query(
            "INSERT INTO ballots (citizen_id, pillar, cast_at)
             SELECT id, ?, '2026-11-02T00:00:00.000Z' FROM citizens
             WHERE telegram_user_id >= ? AND telegram_user_id < ? AND telegram_user_id % 2 = ?",
        )
        .bind(pillar)
        .bind(first)
        .bind(first + n)
        .bind(parity)
        .execute(&h.pool)
        .await
        .unwrap();
        for (rank, id) in choices.iter().enumerate() {
            sqlx::query(
                "INSERT INTO ballot_choices (citizen_id, pillar, rank, proposal_id)
                 SELECT b.citizen_id, b.pillar, ?, ? FROM ballots b JOIN citizens c ON c.id = b.citizen_id
                 WHERE b.pillar = ? AND c.telegram_user_id >= ? AND c.telegram_user_id < ?",
            )
            .bind(rank as i64 + 1)
            .bind(id)
            .bind(pillar)
            .bind(first)
            .bind(first + n)
            .execute(&h.pool)
            .await
            .unwrap();
        }
    }
}

fn plan_messages(fake: &FakeApi, chat: i64) -> Vec<String> {
    fake.texts_to(chat).into_iter().map(|t| plain(&t)).filter(|t| t.contains("Plan de Acción")).collect()
}

/// A few thousand voters, a publication stopped in the middle (as SIGTERM
/// stops the worker) and resumed: every voter gets exactly one message with
/// their own priorities and what became of each; people who did not vote,
/// muted the bot, declined consent or erased their data get nothing.
#[tokio::test]
async fn publishing_tells_each_voter_once_what_became_of_their_priorities_across_a_stop() {
    let h = with_plan().await;
    voters(&h, 100_000, 3000).await;
    h.consenting_citizens(200_000, 20, Some("c1")).await; // consented, never voted
    db::citizens::set_muted(&h.pool, 100_002, true).await.unwrap();
    db::citizens::record_consent(&h.pool, 300_000, Lang::Es, false, consulta::domain::NOTICE_VERSION)
        .await
        .unwrap();
    db::citizens::erase(&h.pool, 100_004, 100_004).await.unwrap();

    let (version, _) = db::plan::current(&h.pool).await.unwrap().unwrap();
    let (id, total) =
        db::broadcasts::publish_plan(&h.pool, version, SECOND_MODERATOR, Lang::Es, (SECOND_MODERATOR, 1))
            .await
            .unwrap();
    assert_eq!(total, 3000 - 2, "every voter but the muted one and the erased one");
    assert_eq!(db::followup::published(&h.pool).await.unwrap().map(|(v, _)| v), Some(version));

    let fake = FakeApi::start();
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(BroadcastWorker::new(fake.bot(), h.pool.clone(), 1000).run(shutdown));
    tokio::time::sleep(Duration::from_millis(900)).await;
    stop.send(true).unwrap();
    worker.await.unwrap();
    let sent_before: i64 =
        h.count(&format!("SELECT COUNT(*) FROM outbox WHERE broadcast_id = {id} AND status = 'sent'")).await;
    assert!(sent_before > 0 && sent_before < total, "stopped in the middle: {sent_before}");
    BroadcastWorker::new(fake.bot(), h.pool.clone(), 2000).drain().await.unwrap();

    for chat in 100_000..103_000 {
        let expected = usize::from(chat != 100_002 && chat != 100_004);
        assert_eq!(plan_messages(&fake, chat).len(), expected, "chat {chat}");
    }
    for chat in (200_000..200_020).chain([300_000]) {
        assert!(fake.sent_to(chat).is_empty(), "chat {chat} did not vote");
    }
    // Each message: that person's pillar, their priorities in their order, and
    // each one's fate as stored in the plan.
    let even = plan_messages(&fake, 100_000).remove(0);
    let t02 = even.find("T02").unwrap();
    let t01 = even.find("T01").unwrap();
    assert!(t02 < t01, "their order: {even}");
    assert!(even.contains("Aplazada") && even.contains("se propondrá para el plan de 2028"), "{even}");
    assert!(even.contains("Incluida en C1"), "{even}");
    assert!(!even.contains("P02"), "only their own pillars: {even}");
    let odd = plan_messages(&fake, 100_001).remove(0);
    assert!(odd.contains("Incluida en parte en C2") && odd.contains("cabildos con jóvenes"), "{odd}");
    assert!(odd.contains("Incluida en C2"), "{odd}");
    // Buttons: see the plan, follow what answers their priorities.
    let keyboard = fake.keyboard(100_001).expect("buttons");
    assert!(keyboard.by_data_prefix("pl").is_some() && keyboard.by_data_prefix("fw:m:n").is_some());
    assert_eq!(
        h.count(&format!("SELECT COUNT(*) FROM outbox WHERE broadcast_id = {id} AND status = 'sent'")).await,
        total
    );
}

/// The admin previews (the overview, their own message, the count) and
/// publishes with one button; before that citizens are told it is not out;
/// a second tap of the same button publishes nothing twice.
#[tokio::test]
async fn an_admin_previews_and_publishes_once_and_citizens_see_it_only_then() {
    let h = with_plan().await;
    voters(&h, 100_000, 10).await;
    // One mock bot for the whole test (teloxide_tests runs one at a time).
    let mut bot = h.bot(text("/plan"));
    bot.dispatch().await;
    assert!(screen_text(&bot).contains("todavía no está publicado"), "{}", screen_text(&bot));

    send(&mut bot, staff_text(SECOND_MODERATOR, "/plan")).await;
    let texts: Vec<String> =
        bot.get_responses().sent_messages.iter().filter_map(|m| m.text().map(str::to_owned)).collect();
    assert!(texts.iter().any(|t| t.contains("Vista previa") && t.contains("C1")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("Así le llegará el mensaje")), "{texts:?}");
    assert!(texts.last().unwrap().contains("10 personas que votaron"), "{texts:?}");
    let publish = screen_buttons(&bot).into_iter().find(|(_, d)| d.starts_with("ap:")).expect("publish").1;

    // A facilitator's forged press of the admin's button is an unknown button.
    send(&mut bot, staff_press(MODERATOR, &publish)).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_publications").await, 0);

    send(&mut bot, staff_press(SECOND_MODERATOR, &publish)).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_publications").await, 1);
    assert_eq!(h.count("SELECT total FROM broadcasts WHERE personal IS NOT NULL").await, 10);
    send(&mut bot, staff_press(SECOND_MODERATOR, &publish)).await;
    assert!(screen_text(&bot).contains("ya no vale"), "{}", screen_text(&bot));
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_publications").await, 1);
    assert_eq!(h.count("SELECT COUNT(*) FROM broadcasts").await, 1);

    send(&mut bot, text("/plan")).await;
    let overview = screen_text(&bot);
    assert!(
        overview.contains("Avance del plan") && overview.contains("C1") && overview.contains("C2"),
        "{overview}"
    );
    assert!(overview.contains("Cómo se calcula el avance"), "{overview}");
}

async fn published(h: &Harness) {
    let (version, _) = db::plan::current(&h.pool).await.unwrap().unwrap();
    db::broadcasts::publish_plan(&h.pool, version, SECOND_MODERATOR, Lang::Es, (SECOND_MODERATOR, 1))
        .await
        .unwrap();
}

async fn follows(h: &Harness, user: i64) -> Vec<Followed> {
    let id: i64 = sqlx::query_scalar("SELECT id FROM citizens WHERE telegram_user_id = ?")
        .bind(user)
        .fetch_one(&h.pool)
        .await
        .unwrap();
    db::followup::follows_of(&h.pool, id).await.unwrap().into_iter().map(|(f, _)| f).collect()
}

/// Following is a choice: someone who accepted the earlier notice is asked for
/// the current one first; then they follow a commitment, the commitments of
/// their priorities or the whole plan, see it in /mis_datos, unfollow with one
/// tap, and erasing their data erases it.
#[tokio::test]
async fn following_asks_for_the_new_notice_once_is_listed_undone_in_one_tap_and_erased() {
    let h = with_plan().await;
    published(&h).await;
    // USER accepted the earlier notice (v4) and voted T02, T01.
    sqlx::query(
        "INSERT INTO citizens (telegram_user_id, language, created_at, consent_accepted, consent_version, consent_at)
         VALUES (?, 'es', '2026-11-01T00:00:00.000Z', 1, '2026-12-v4', '2026-11-01T00:00:00.000Z')",
    )
    .bind(USER)
    .execute(&h.pool)
    .await
    .unwrap();
    let citizen = db::citizens::lookup(&h.pool, USER, USER).await.unwrap().citizen.unwrap();
    assert!(citizen.may_vote(), "the earlier notice still stands for voting");
    db::ballots::cast(
        &h.pool,
        citizen.id,
        USER,
        &consulta::domain::Ballot {
            pillar: "transparencia".into(),
            choices: vec!["T02".into(), "T01".into()],
        },
    )
    .await
    .unwrap();

    let mut bot = h.bot(press("pc:C1"));
    bot.dispatch().await;
    let card = screen_text(&bot);
    assert!(card.contains("T01") && card.contains("tu prioridad"), "{card}");
    assert!(card.contains("C1-H1") && card.contains("peso 30"), "{card}");
    let follow = screen_buttons(&bot).into_iter().find(|(_, d)| d.starts_with("fw:c:C1")).expect("follow").1;

    send(&mut bot, press(&follow)).await;
    assert!(screen_text(&bot).contains("¿Lo aceptas y sigues?"), "{}", screen_text(&bot));
    assert!(follows(&h, USER).await.is_empty(), "nothing before accepting");
    let accept = screen_buttons(&bot).into_iter().find(|(_, d)| d.ends_with(":y")).expect("accept").1;
    send(&mut bot, press(&accept)).await;
    assert_eq!(follows(&h, USER).await, [Followed::Commitment("C1".into())]);
    assert_eq!(
        h.count("SELECT COUNT(*) FROM consent_log WHERE notice_version = '2026-12-v6' AND accepted = 1")
            .await,
        1
    );
    // The next follow asks nothing: the commitments of their priorities (C1 only).
    send(&mut bot, press("fw:m:n")).await;
    assert_eq!(follows(&h, USER).await, [Followed::Commitment("C1".into())]);
    send(&mut bot, press("fw:p:n")).await;
    assert_eq!(follows(&h, USER).await, [Followed::Commitment("C1".into()), Followed::Plan]);

    send(&mut bot, text("/mis_datos")).await;
    let data = plain(&screen_text(&bot));
    assert!(data.contains("todo el plan") && data.contains("el compromiso C1"), "{data}");

    send(&mut bot, press("uf:c:C1")).await;
    assert_eq!(follows(&h, USER).await, [Followed::Plan]);
    send(&mut bot, press("uf:p")).await;
    assert!(follows(&h, USER).await.is_empty());

    send(&mut bot, press("fw:p:n")).await;
    assert_eq!(follows(&h, USER).await, [Followed::Plan]);
    db::citizens::erase(&h.pool, USER, USER).await.unwrap();
    assert_eq!(h.count("SELECT COUNT(*) FROM follows").await, 0, "erased with the citizen");

    // Forged targets change nothing and are answered.
    send(&mut bot, press("fw:c:NOPE:y")).await;
    assert_eq!(h.count("SELECT COUNT(*) FROM follows").await, 0);
}

/// `consulta plan export`: Decidim-style result rows (commitments, then their
/// milestones as children) with status and progress computed by the rule, the
/// updates with who spoke, JSON with the same figures, and nobody's id.
#[tokio::test]
async fn the_open_data_export_has_decidim_columns_the_progress_and_no_personal_data() {
    let h = with_plan().await;
    let post = |milestone: &str, kind, voice, body: &str| db::followup::NewUpdate {
        commitment_id: "C1".into(),
        milestone_id: Some(milestone.into()),
        voice,
        kind,
        body: body.into(),
        media: None,
        author_id: 987_654_321,
    };
    use db::followup::UpdateKind;
    db::followup::post(
        &h.pool,
        &post("C1-H1", UpdateKind::Stage(Stage::Done), Voice::Alcaldia, "Publicado."),
    )
    .await
    .unwrap();
    db::followup::post(&h.pool, &post("C1-H2", UpdateKind::Stage(Stage::InProgress), Voice::Alcaldia, ""))
        .await
        .unwrap();
    db::followup::post(&h.pool, &post("C1-H2", UpdateKind::Late, Voice::Comite, "=Sin avances en la página"))
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = consulta_cli(&["plan", "export", "--dir", "datos"], dir.path(), &h.url);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let read = |name: &str| std::fs::read_to_string(dir.path().join("datos").join(name)).unwrap();

    let results = read("plan_resultados.csv");
    let mut lines = results.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,parent/id,pillar,title/es,title/en,description/es,problem/es,how/es,start_date,end_date,status,progress,weight,proposal_ids,lead,contact"
    );
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .from_reader(results.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap_or_else(|| panic!("{id}: {rows:?}"));
    // C1: weights 30 (done), 50 (under way, flagged late), 20 → (30 + 25) / 100 = 55 %.
    assert_eq!((row("C1")[1].as_str(), row("C1")[10].as_str(), row("C1")[11].as_str()), ("", "late", "55.0"));
    assert_eq!(row("C1")[13], "T01 T03");
    assert_eq!((row("C1.C1-H1")[1].as_str(), row("C1.C1-H1")[10].as_str()), ("C1", "done"));
    assert_eq!((row("C1.C1-H2")[10].as_str(), row("C1.C1-H2")[11].as_str()), ("late", "50.0"));
    assert_eq!(row("C1.C1-H2")[12], "50");

    let news = read("plan_novedades.csv");
    assert!(
        news.contains("id,commitment_id,milestone_id,voice,kind,stage,body,evidence,created_at"),
        "{news}"
    );
    assert!(
        news.contains(",C1,C1-H2,comite,late,,'=Sin avances en la página,"),
        "formulas neutralised: {news}"
    );
    assert!(news.contains(",C1,C1-H1,alcaldia,stage,done,Publicado.,"), "{news}");

    let json: serde_json::Value = serde_json::from_str(&read("plan.json")).unwrap();
    let c1 = &json["commitments"][0];
    assert_eq!((c1["id"].as_str(), c1["progress"].as_f64()), (Some("C1"), Some(55.0)));
    assert_eq!(c1["updates"].as_array().unwrap().len(), 3);
    // The plan: (55 + 0) / 2 commitments.
    assert_eq!(json["progress"].as_f64(), Some(27.5));
    for file in ["plan_resultados.csv", "plan_novedades.csv", "plan.json"] {
        assert!(!read(file).contains("987654321"), "{file} carries an author's id");
    }
}

/// A member of the Comité de Seguimiento (named by an admin like a facilitator).
const COMITE: i64 = 777_003;

async fn update_rows(h: &Harness) -> Vec<(String, Option<String>, String, String, String)> {
    sqlx::query_as("SELECT commitment_id, milestone_id, voice, kind, body FROM plan_updates ORDER BY id")
        .fetch_all(&h.pool)
        .await
        .unwrap()
}

/// The Comité posts observations and flags late milestones; the Alcaldía's
/// staff post news and move milestones; each update says who speaks. Neither
/// can press the other's buttons, and a citizen can press neither.
#[tokio::test]
async fn the_comite_and_the_alcaldia_post_updates_each_in_their_own_voice_and_only_theirs() {
    let h = with_plan().await;
    published(&h).await;
    let mut bot = h.bot(staff_text(SECOND_MODERATOR, &format!("/dar_comite {COMITE}")));
    bot.dispatch().await;
    assert!(screen_text(&bot).contains("ahora es del Comité"), "{}", screen_text(&bot));
    send(&mut bot, staff_text(SECOND_MODERATOR, &format!("/dar_comite {MODERATOR}"))).await;
    assert!(screen_text(&bot).contains("no puede ser de los dos"), "{}", screen_text(&bot));
    // A facilitator granted in the chat is staff too.
    db::roles::set_facilitator(&h.pool, SECOND_MODERATOR, 777_009, true).await.unwrap();
    send(&mut bot, staff_text(SECOND_MODERATOR, "/dar_comite 777009")).await;
    assert!(screen_text(&bot).contains("no puede ser de los dos"), "{}", screen_text(&bot));
    assert_eq!(h.count("SELECT COUNT(*) FROM comite_members").await, 1);

    // The Comité's card has its own buttons; an observation, then a late flag.
    send(&mut bot, staff_press(COMITE, "pc:C1")).await;
    let buttons = screen_buttons(&bot);
    assert!(buttons.iter().any(|(_, d)| d == "zn:C1") && buttons.iter().all(|(_, d)| !d.starts_with("yn:")));
    send(&mut bot, staff_press(COMITE, "zn:C1")).await;
    send(&mut bot, staff_text(COMITE, "La página de prueba no deja buscar por barrio.")).await;
    send(&mut bot, staff_press(COMITE, "zl:C1")).await;
    assert!(screen_buttons(&bot).iter().any(|(_, d)| d == "zt:C1:C1-H2"));
    send(&mut bot, staff_press(COMITE, "zt:C1:C1-H2")).await;
    // The staff's buttons are unknown to the Comité.
    send(&mut bot, staff_press(COMITE, "ys:C1:C1-H1:d")).await;
    send(&mut bot, staff_press(COMITE, "yn:C1")).await;

    // The facilitator moves a milestone and posts news; the Comité's buttons are unknown to them.
    send(&mut bot, staff_press(MODERATOR, "ym:C1")).await;
    assert!(screen_buttons(&bot).iter().any(|(_, d)| d == "ys:C1:C1-H1:d"));
    send(&mut bot, staff_press(MODERATOR, "ys:C1:C1-H1:d")).await;
    send(&mut bot, staff_press(MODERATOR, "zt:C1:C1-H3")).await;
    send(&mut bot, staff_press(MODERATOR, "yn:C1")).await;
    send(&mut bot, staff_text(MODERATOR, "Inventario publicado: 1.214 contratos.")).await;

    // A citizen can press neither, and their text is no update.
    for data in ["zn:C1", "zt:C1:C1-H3", "yn:C1", "ys:C1:C1-H3:d"] {
        send(&mut bot, press(data)).await;
    }
    send(&mut bot, text("Esto no es una novedad")).await;

    assert_eq!(
        update_rows(&h).await,
        [
            (
                "C1".into(),
                None,
                "comite".into(),
                "note".into(),
                "La página de prueba no deja buscar por barrio.".into()
            ),
            ("C1".into(), Some("C1-H2".into()), "comite".into(), "late".into(), String::new()),
            ("C1".into(), Some("C1-H1".into()), "alcaldia".into(), "stage".into(), String::new()),
            (
                "C1".into(),
                None,
                "alcaldia".into(),
                "note".into(),
                "Inventario publicado: 1.214 contratos.".into()
            ),
        ]
    );
    let records = db::followup::records(&h.pool).await.unwrap();
    assert_eq!(records[&("C1".into(), "C1-H1".into())].stage, Stage::Done);
    assert!(records[&("C1".into(), "C1-H2".into())].flagged_late);
    assert!(!records.contains_key(&("C1".into(), "C1-H3".into())));

    // Everyone's card shows the latest updates, each with who spoke.
    send(&mut bot, press("pc:C1")).await;
    let card = plain(&screen_text(&bot));
    assert!(card.contains("Alcaldía: Inventario publicado"), "{card}");
    assert!(card.contains("Comité de Seguimiento · C1-H2: el Comité lo marcó como atrasado"), "{card}");
}

async fn citizen_id(h: &Harness, user: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM citizens WHERE telegram_user_id = ?")
        .bind(user)
        .fetch_one(&h.pool)
        .await
        .unwrap()
}

fn news(fake: &FakeApi, chat: i64) -> Vec<String> {
    fake.texts_to(chat).into_iter().map(|t| plain(&t)).filter(|t| t.contains("Novedades del Plan")).collect()
}

/// Followers get the updates on what they follow grouped in one message, at
/// most one a day and never in quiet hours (the time is injected); muted
/// people and those who unfollowed get nothing.
#[tokio::test]
async fn followers_get_the_news_grouped_once_a_day_and_never_in_quiet_hours() {
    use chrono::TimeZone;
    let h = with_plan().await;
    published(&h).await;
    h.consenting_citizens(400_000, 5, Some("c1")).await;
    let c1 = [Followed::Commitment("C1".into())];
    for (user, what) in [
        (400_000, &c1[..]),
        (400_001, &[Followed::Plan][..]),
        (400_002, &[Followed::Commitment("C2".into())][..]),
        (400_003, &c1[..]),
        (400_004, &c1[..]),
    ] {
        db::followup::follow(&h.pool, citizen_id(&h, user).await, what).await.unwrap();
    }
    db::citizens::set_muted(&h.pool, 400_003, true).await.unwrap();
    db::followup::unfollow(&h.pool, citizen_id(&h, 400_004).await, &c1[0]).await.unwrap();
    let note = |voice, kind, body: &str| db::followup::NewUpdate {
        commitment_id: "C1".into(),
        milestone_id: Some("C1-H1".into()),
        voice,
        kind,
        body: body.into(),
        media: None,
        author_id: COMITE,
    };
    use db::followup::UpdateKind;
    tokio::time::sleep(Duration::from_millis(5)).await;
    db::followup::post(&h.pool, &note(Voice::Comite, UpdateKind::Note, "Primera observación del Comité."))
        .await
        .unwrap();
    db::followup::post(&h.pool, &note(Voice::Alcaldia, UpdateKind::Stage(Stage::Done), "")).await.unwrap();

    let tz = chrono_tz::America::Bogota;
    let local = |day, hour, minute| {
        tz.with_ymd_and_hms(2030, 1, day, hour, minute, 0).unwrap().with_timezone(&chrono::Utc)
    };
    let tick = |at| consulta::jobs::digests::tick(&h.pool, at, tz);
    assert_eq!(tick(local(1, 22, 0)).await.unwrap(), None, "22:00 is quiet");
    assert_eq!(tick(local(2, 6, 59)).await.unwrap(), None, "06:59 is quiet");
    let (_, total) = tick(local(2, 9, 0)).await.unwrap().expect("news at 09:00");
    assert_eq!(total, 2, "C1's follower and the plan's follower");
    let fake = FakeApi::start();
    BroadcastWorker::new(fake.bot(), h.pool.clone(), 100).drain().await.unwrap();
    for user in [400_000, 400_001] {
        let got = news(&fake, user);
        assert_eq!(got.len(), 1, "{user}: one message for both updates");
        assert!(
            got[0].contains("Comité de Seguimiento") && got[0].contains("Primera observación del Comité.")
        );
        assert!(got[0].contains("Alcaldía · C1-H1: quedó cumplido"), "{}", got[0]);
    }
    for user in [400_002, 400_003, 400_004] {
        assert!(fake.sent_to(user).is_empty(), "{user} gets nothing");
    }

    // A third update the same day waits for the next morning, and comes alone.
    db::followup::post(&h.pool, &note(Voice::Comite, UpdateKind::Late, "")).await.unwrap();
    assert_eq!(tick(local(2, 15, 0)).await.unwrap(), None, "one message a day");
    assert_eq!(tick(local(3, 8, 59)).await.unwrap(), None, "not yet a day");
    assert_eq!(tick(local(3, 9, 1)).await.unwrap().map(|(_, n)| n), Some(2));
    BroadcastWorker::new(fake.bot(), h.pool.clone(), 100).drain().await.unwrap();
    let second = news(&fake, 400_000);
    assert_eq!(second.len(), 2);
    assert!(second[1].contains("el Comité lo marcó como atrasado"), "{}", second[1]);
    assert!(!second[1].contains("Primera observación"), "only what is new: {}", second[1]);
    assert_eq!(tick(local(4, 10, 0)).await.unwrap(), None, "nothing new, nothing sent");
}

/// A facilitator makes the progress piece from /plan: the image and its text
/// come back as the preview (figures only), and the broadcast draft waits with
/// the plan's followers as its audience; a citizen cannot ask for it.
#[tokio::test]
async fn a_progress_piece_is_previewed_and_goes_to_followers_through_the_outbox() {
    let h = with_plan().await;
    published(&h).await;
    h.consenting_citizens(500_000, 3, Some("c1")).await;
    db::followup::follow(&h.pool, citizen_id(&h, 500_000).await, &[Followed::Plan]).await.unwrap();
    let mut bot = h.bot(staff_text(MODERATOR, "/plan"));
    bot.dispatch().await;
    assert!(screen_buttons(&bot).iter().any(|(_, d)| d == "yp"), "{:?}", screen_buttons(&bot));
    send(&mut bot, staff_text(MODERATOR, "/avance")).await;
    assert!(
        screen_buttons(&bot).iter().any(|(_, d)| d == "yp"),
        "from /avance too: {:?}",
        screen_buttons(&bot)
    );
    send(&mut bot, press("yp")).await;
    assert!(bot.get_responses().sent_messages_photo.is_empty(), "a citizen gets no piece");
    assert_eq!(h.count("SELECT COUNT(*) FROM broadcasts WHERE kind = 'photo'").await, 0);

    send(&mut bot, staff_press(MODERATOR, "yp")).await;
    let photos = bot.get_responses().sent_messages_photo;
    assert_eq!(photos.len(), 1);
    let caption = photos[0].message.caption().unwrap_or_default().to_owned();
    assert!(caption.contains("Avance del Plan de Acción") && caption.contains("0 %"), "{caption}");
    assert!(!caption.contains("500000") && !caption.contains(&MODERATOR.to_string()));
    let (kind, audience, status): (String, String, String) =
        sqlx::query_as("SELECT kind, audience, status FROM broadcasts WHERE personal IS NULL")
            .fetch_one(&h.pool)
            .await
            .unwrap();
    assert_eq!((kind.as_str(), audience.as_str(), status.as_str()), ("photo", "fol", "draft"));
    let send_button = screen_buttons(&bot).into_iter().find(|(_, d)| d.starts_with("bs:")).expect("send").1;
    send(&mut bot, staff_press(MODERATOR, &send_button)).await;
    assert_eq!(
        h.count(
            "SELECT COUNT(*) FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id WHERE b.kind = 'photo'"
        )
        .await,
        1,
        "the one follower"
    );
}

/// A milestone past its due date without news reminds the facilitators and
/// the Comité once; one with news since its due date reminds nobody.
#[tokio::test]
async fn an_overdue_milestone_without_news_reminds_staff_and_the_comite_once() {
    use chrono::TimeZone;
    let h = with_plan().await;
    published(&h).await;
    db::followup::set_comite(&h.pool, SECOND_MODERATOR, COMITE, true).await.unwrap();
    let fake = FakeApi::start();
    let bot = fake.bot();
    // 2027-06-15: C1-H1 (due 2027-04-30) is overdue; C2-H1 (due 2027-05-31) too, but it has news.
    let now = chrono_tz::America::Bogota
        .with_ymd_and_hms(2027, 6, 15, 10, 0, 0)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut settings = h.settings.clone();
    settings.timezone = chrono_tz::America::Bogota;
    let plan = db::plan::current(&h.pool).await.unwrap().unwrap().1;
    let c2_first = plan.commitment("C2").unwrap().milestones[0].clone();
    assert!(c2_first.due < now.date_naive(), "C2-H1 is due before mid-June");
    sqlx::query(
        "INSERT INTO plan_updates (commitment_id, milestone_id, voice, kind, body, author_id, created_at)
         VALUES ('C2', ?, 'alcaldia', 'note', 'En curso.', 1, ?)",
    )
    .bind(&c2_first.id)
    .bind(format!("{}T12:00:00.000Z", c2_first.due))
    .execute(&h.pool)
    .await
    .unwrap();

    let reminded = consulta::jobs::digests::remind_overdue(&h.pool, &bot, now, &settings).await.unwrap();
    assert_eq!(reminded, 1, "only C1-H1");
    for person in [MODERATOR, COMITE] {
        let texts = fake.texts_to(person);
        assert_eq!(texts.len(), 1, "{person}: {texts:?}");
        assert!(texts[0].contains("C1-H1") && texts[0].contains("2027-04-30"), "{}", texts[0]);
    }
    assert!(fake.texts_to(USER).is_empty());
    let again = consulta::jobs::digests::remind_overdue(&h.pool, &bot, now, &settings).await.unwrap();
    assert_eq!(again, 0, "once");
    assert_eq!(fake.texts_to(MODERATOR).len(), 1);
}
