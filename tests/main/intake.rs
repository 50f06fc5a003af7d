//! The intake: quiet periods, a slow chat among others, the per-update budget,
//! pending inbox rows after a restart, webhook mode (secret, bad bodies,
//! duplicates, health) and a bounded shutdown while Telegram answers 5xx.

use crate::{
    fake_api::{FakeApi, Fault, Target, text_update},
    support::{Harness, Running, wait_for},
};
use consulta::{
    domain::Lang,
    i18n::t,
    intake::{Intake, Mode, PollSettings, WebhookSettings, webhook::SECRET_HEADER},
};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// Starts the bot and waits until it answers, so start-up calls are behind us.
async fn start_polling(h: &Harness, fake: &FakeApi, intake: Intake) -> Running {
    let running = start(h, fake, intake);
    // A first message answered: start-up calls are done and the bot is polling.
    fake.push_text(1, "/yo");
    wait_for("the first answer", Duration::from_secs(5), || !fake.sent_to(1).is_empty()).await;
    running
}

fn start(h: &Harness, fake: &FakeApi, intake: Intake) -> Running {
    h.run_bot(fake.bot(), intake)
}

async fn stop(h: &mut Harness, running: Running) -> std::time::Duration {
    h.stop_bot(running).await
}

fn polling_every(poll: Duration) -> Intake {
    Intake {
        mode: Mode::Polling(PollSettings { poll_timeout: poll, request_margin: poll }),
        ..Intake::polling()
    }
}

async fn answered(fake: &FakeApi, chat: i64, timeout: Duration) -> Duration {
    let at = Instant::now();
    wait_for("an answer", timeout, || !fake.sent_to(chat).is_empty()).await;
    at.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quiet_period_longer_than_every_poll_is_not_an_error_and_the_next_message_is_answered_at_once() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let running = start(&h, &fake, polling_every(Duration::from_secs(1)));
    // Several polls come back empty.
    tokio::time::sleep(Duration::from_millis(3_500)).await;
    let polls = fake.calls_of("getUpdates");
    assert!(polls.len() >= 3, "the bot kept polling: {}", polls.len());
    assert!(polls.iter().all(|c| c.ok()), "every poll succeeded");
    fake.push_text(7001, "/start");
    let took = answered(&fake, 7001, Duration::from_secs(5)).await;
    assert!(took < Duration::from_secs(1), "answered after {took:?}");
    stop(&mut h, running).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn getupdates_failing_costs_fetching_a_short_backoff_not_teloxides_ten_seconds() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    fake.inject(Fault::BadGateway { html: true }, Target::Method("getUpdates".into()), 2);
    let running = start(&h, &fake, Intake::polling());
    fake.push_text(7002, "/start");
    // Two 502s: 0.5 s and 1 s of backoff, not 2 × 10 s.
    let took = answered(&fake, 7002, Duration::from_secs(10)).await;
    assert!(took < Duration::from_secs(4), "answered after {took:?}");
    stop(&mut h, running).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_chat_holds_only_itself() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let running = start_polling(&h, &fake, Intake::polling()).await;
    // The slow chat's reply is held 4 s by "Telegram".
    fake.delay(1, Duration::from_secs(4));
    fake.push_text(7100, "/start");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let at = Instant::now();
    for chat in 7101..7121 {
        fake.push_text(chat, "/start");
    }
    wait_for("the other chats", Duration::from_secs(3), || (7101..7121).all(|c| !fake.sent_to(c).is_empty()))
        .await;
    assert!(at.elapsed() < Duration::from_secs(2), "others waited {:?}", at.elapsed());
    assert!(fake.sent_to(7100).is_empty(), "the slow chat is still waiting");
    wait_for("the slow chat", Duration::from_secs(10), || !fake.sent_to(7100).is_empty()).await;
    stop(&mut h, running).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_over_its_budget_is_answered_with_try_again_and_marked_done() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let intake = Intake { update_budget: Duration::from_secs(1), ..Intake::polling() };
    let running = start_polling(&h, &fake, intake).await;
    fake.delay(1, Duration::from_secs(3));
    let id = fake.push_text(7200, "/start");
    let again = t(Lang::Es, "error-try-again");
    wait_for("the try-again notice", Duration::from_secs(6), || fake.texts_to(7200).contains(&again)).await;
    stop(&mut h, running).await;
    let done: Option<String> = sqlx::query_scalar("SELECT done_at FROM inbox WHERE update_id = ?")
        .bind(id)
        .fetch_one(&h.pool)
        .await
        .expect("inbox row");
    assert!(done.is_some(), "marked done, not retried forever");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_left_pending_are_handled_first_in_order_per_chat() {
    let mut h = Harness::new().await;
    // A previous run stored these and died before handling them.
    let steps = ["/ayuda", "/yo"];
    for (i, text) in steps.iter().enumerate() {
        let mut update = text_update(7300, text);
        update["update_id"] = json!(500 + i);
        update["message"]["message_id"] = json!(10 + i);
        update["message"]["date"] = json!(1_700_000_000);
        sqlx::query(
            "INSERT INTO inbox (update_id, chat_id, kind, payload, received_at) VALUES (?, 7300, 'message', ?, '2026-12-01T00:00:00Z')",
        )
        .bind(500 + i as i64)
        .bind(update.to_string())
        .execute(&h.pool)
        .await
        .expect("pending row");
    }
    let fake = FakeApi::start();
    let running = start(&h, &fake, Intake::polling());
    wait_for("both pending updates", Duration::from_secs(5), || fake.sent_to(7300).len() >= 2).await;
    stop(&mut h, running).await;
    let texts = fake.texts_to(7300);
    assert_eq!(texts.len(), 2, "{texts:#?}");
    assert!(!texts[0].contains("7300") && texts[1].contains("7300"), "help first, then the id: {texts:#?}");
    assert_eq!(h.count("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conversation_step_is_stored_with_its_updates_mark_even_just_before_a_stop() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let chat = 7350;
    let running = start_polling(&h, &fake, Intake::polling()).await;
    fake.push_text(chat, "/privacidad");
    wait_for("the notice", Duration::from_secs(5), || fake.keyboard(chat).is_some()).await;
    let mut pick = 0;
    for (n, data) in ["c:y", "v:transparencia", "vp:transparencia:T05:0"].into_iter().enumerate() {
        pick = fake.press(chat, data);
        wait_for(data, Duration::from_secs(5), || {
            fake.calls_of("answerCallbackQuery").iter().filter(|c| c.ok() && c.chat_id == Some(chat)).count()
                > n
        })
        .await;
    }
    // Stopped as soon as the pick is answered: its state is written with its mark.
    stop(&mut h, running).await;
    let state: String = sqlx::query_scalar("SELECT state FROM dialogues WHERE chat_id = ?")
        .bind(chat)
        .fetch_one(&h.pool)
        .await
        .expect("the draft is stored");
    assert!(state.contains("T05"), "the pick is in the draft: {state}");
    let (done, payload): (Option<String>, String) =
        sqlx::query_as("SELECT done_at, payload FROM inbox WHERE update_id = ?")
            .bind(pick)
            .fetch_one(&h.pool)
            .await
            .expect("inbox row");
    assert!(done.is_some(), "the pick's update is marked done");
    assert_eq!(payload, "{}", "a handled update's text (the sender's name) is forgotten");
    assert_eq!(h.count("SELECT COUNT(*) FROM inbox WHERE done_at IS NOT NULL AND payload <> '{}'").await, 0);

    // The next run goes on from that draft.
    let running = start(&h, &fake, Intake::polling());
    fake.press(chat, "vc:transparencia");
    wait_for("the confirmation", Duration::from_secs(5), || {
        fake.keyboard(chat).is_some_and(|k| k.text().contains("quedó registrado"))
    })
    .await;
    stop(&mut h, running).await;
    assert_eq!(h.ballot_of(chat, "transparencia").await, ["T05"]);
    assert_eq!(h.count("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL").await, 0);
}

// ---- Webhook mode ---------------------------------------------------------------

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

const SECRET: &str = "s3cret_for-tests";

struct Hook {
    url: String,
    client: teloxide::Bot,
}

impl Hook {
    async fn post(&self, body: String, secret: Option<&str>) -> u16 {
        let mut request = self.client.client().post(&self.url).header("content-type", "application/json");
        if let Some(secret) = secret {
            request = request.header(SECRET_HEADER, secret);
        }
        request.body(body).send().await.expect("webhook reachable").status().as_u16()
    }

    async fn health(&self) -> u16 {
        let url = self.url.replace("/telegram", "/healthz");
        self.client.client().get(url).send().await.expect("reachable").status().as_u16()
    }
}

async fn start_webhook(h: &Harness, fake: &FakeApi) -> (Running, Hook) {
    let port = free_port();
    let intake = Intake::webhook(WebhookSettings {
        url: url::Url::parse("https://consulta.example.org/telegram").expect("url"),
        listen: ([127, 0, 0, 1], port).into(),
        secret: Some(SECRET.into()),
    });
    let running = start(h, fake, intake);
    let hook = Hook { url: format!("http://127.0.0.1:{port}/telegram"), client: fake.bot() };
    let at = Instant::now();
    while hook.client.client().get(format!("http://127.0.0.1:{port}/healthz")).send().await.is_err() {
        assert!(at.elapsed() < Duration::from_secs(10), "the webhook server did not start");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    (running, hook)
}

fn update(id: i64, chat: i64, text: &str) -> Value {
    let mut u = text_update(chat, text);
    u["update_id"] = json!(id);
    u["message"]["message_id"] = json!(id);
    u["message"]["date"] = json!(1_700_000_000);
    u
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_checks_the_secret_refuses_what_is_not_an_update_and_acts_once_per_update() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let (running, hook) = start_webhook(&h, &fake).await;
    let set = fake.calls_of("setWebhook");
    assert_eq!(set.len(), 1);
    assert_eq!(set[0].body["secret_token"], SECRET);
    assert_eq!(set[0].body["url"], "https://consulta.example.org/telegram");
    assert_eq!(fake.count("deleteWebhook"), 0, "webhook mode keeps the webhook");
    assert_eq!(hook.health().await, 200);

    let start = update(1, 7400, "/start").to_string();
    assert_eq!(hook.post(start.clone(), None).await, 401);
    assert_eq!(hook.post(start.clone(), Some("wrong")).await, 401);
    assert_eq!(hook.post("not json".into(), Some(SECRET)).await, 400);
    assert_eq!(hook.post(json!({"hello": 1}).to_string(), Some(SECRET)).await, 400);
    assert_eq!(h.count("SELECT COUNT(*) FROM inbox").await, 0, "nothing stored");

    assert_eq!(hook.post(start.clone(), Some(SECRET)).await, 200);
    assert_eq!(hook.post(start, Some(SECRET)).await, 200, "a repeat is acknowledged");
    wait_for("the welcome", Duration::from_secs(5), || !fake.sent_to(7400).is_empty()).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(fake.sent_to(7400).len(), 1, "answered once");
    let took = stop(&mut h, running).await;
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert_eq!(h.count("SELECT COUNT(*) FROM inbox WHERE done_at IS NOT NULL").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_mode_removes_a_webhook_left_by_an_earlier_run() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let running = start_polling(&h, &fake, Intake::polling()).await;
    assert_eq!(fake.count("deleteWebhook"), 1);
    assert_eq!(fake.count("setWebhook"), 0);
    stop(&mut h, running).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_while_telegram_answers_5xx_takes_under_ten_seconds() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let running = start_polling(&h, &fake, Intake::polling()).await;
    // Every reply meets a 502, where teloxide sleeps 10 s before failing.
    fake.bad_gateway(1_000);
    for chat in 7500..7510 {
        fake.push_text(chat, "/start");
    }
    wait_for("replies under way", Duration::from_secs(5), || fake.count("sendMessage") >= 5).await;
    let took = stop(&mut h, running).await;
    assert!(took < Duration::from_secs(10), "stopped after {took:?}");
    // What could not be finished stays pending for the next start.
    let pending = h.count("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL").await;
    assert!(pending > 0, "updates in hand are left pending, not dropped");
}

// ---- Heavy work -------------------------------------------------------------------

/// Asks for the results the `n`th time and waits for the four charts and the summary.
async fn ask_results(fake: &FakeApi, n: usize) {
    fake.push_text(7600, "/resultados");
    wait_for("the results", Duration::from_secs(10), || fake.sent_to(7600).len() >= n * 5).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chart_already_sent_is_sent_again_by_file_id_and_only_a_changed_one_is_drawn() {
    let mut h = Harness::new().await;
    h.settings.results = consulta::domain::ResultsVisibility::Live;
    let fake = FakeApi::start();
    let running = start_polling(&h, &fake, Intake::polling()).await;
    let uploads = |fake: &FakeApi| fake.calls_of("sendPhoto").iter().filter(|c| !c.files.is_empty()).count();
    let by_id = |fake: &FakeApi| fake.calls_of("sendPhoto").iter().filter(|c| c.files.is_empty()).count();
    ask_results(&fake, 1).await;
    assert_eq!((uploads(&fake), by_id(&fake)), (4, 0), "four charts drawn and uploaded");
    ask_results(&fake, 2).await;
    assert_eq!((uploads(&fake), by_id(&fake)), (4, 4), "the same charts re-sent by file id");

    let citizen = consulta::db::citizens::record_consent(&h.pool, 7601, Default::default(), true, "v")
        .await
        .expect("consent");
    let ballot = consulta::domain::Ballot { pillar: "transparencia".into(), choices: vec!["T05".into()] };
    consulta::db::ballots::cast(&h.pool, citizen.id, 7601, &ballot).await.expect("ballot");
    ask_results(&fake, 3).await;
    assert_eq!((uploads(&fake), by_id(&fake)), (5, 7), "only the changed pillar drawn again");
    stop(&mut h, running).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unfinished_conversations_past_their_retention_are_forgotten() {
    let mut h = Harness::new().await;
    for (chat, updated) in [(7700, "2020-01-01T00:00:00.000Z"), (7701, "2099-01-01T00:00:00.000Z")] {
        sqlx::query("INSERT INTO dialogues (chat_id, state, updated_at) VALUES (?, '\"Idle\"', ?)")
            .bind(chat)
            .bind(updated)
            .execute(&h.pool)
            .await
            .expect("dialogue");
    }
    let fake = FakeApi::start();
    let running = start_polling(&h, &fake, Intake::polling()).await;
    stop(&mut h, running).await;
    let left: Vec<i64> =
        sqlx::query_scalar("SELECT chat_id FROM dialogues").fetch_all(&h.pool).await.expect("dialogues");
    assert_eq!(left, [7701], "the abandoned draft is gone, the recent one stays");
}

/// The race a stop used to lose: a webhook request whose update is being stored
/// when the stop arrives. Its 200 goes out after the store, so it must be handled
/// before the process exits, not left pending for the next start. Another
/// connection holds SQLite's write lock, so the store is still waiting when the
/// stop begins, and ends a second later.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_still_being_stored_when_the_stop_comes_is_handled_before_exit() {
    use sqlx::Connection;
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let (running, hook) = start_webhook(&h, &fake).await;
    let chat = 7460;
    let mut lock = sqlx::SqliteConnection::connect(&format!("sqlite:{}", h.url)).await.expect("connect");
    sqlx::raw_sql("BEGIN IMMEDIATE").execute(&mut lock).await.expect("take the write lock");
    let post =
        tokio::spawn(async move { hook.post(update(9_001, chat, "/start").to_string(), Some(SECRET)).await });
    // The request reaches the server (loopback: well under a second, also on a
    // busy machine) and waits there for the lock. Were the stop to come first,
    // the post would find the server closed and fail on its own line.
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    assert!(!post.is_finished(), "the store waits for the lock");
    let release = async {
        tokio::time::sleep(Duration::from_millis(1_500)).await;
        sqlx::raw_sql("ROLLBACK").execute(&mut lock).await.expect("release the lock");
    };
    let (took, ()) = tokio::join!(stop(&mut h, running), release);
    assert_eq!(post.await.expect("the post ends"), 200, "accepted while stopping");
    assert!(took < Duration::from_secs(10), "stopped after {took:?}");
    assert_eq!(fake.sent_to(chat).len(), 1, "the accepted update was answered before exit");
    assert_eq!(
        h.count("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL").await,
        0,
        "nothing accepted is left pending at a clean stop"
    );
}
