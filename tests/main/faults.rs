//! The fault suite: the real polling loop (in process, and the real binary as a
//! child process) against the fake Bot API and a real database. Each test checks
//! that nothing confirmed to a user is lost and nothing is done twice.

use crate::{
    fake_api::{FakeApi, Fault, TOKEN, Target, callback_update},
    support::{Harness, Running, wait_for},
};
use consulta::intake::Intake;
use serde_json::{Value, json};
use std::{
    collections::HashMap,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

const PILLAR: &str = "transparencia";
/// Each simulated citizen accepts the notice, opens the vote, picks two
/// proposals and confirms.
fn vote_steps() -> Vec<String> {
    vec![
        "c:y".into(),
        format!("v:{PILLAR}"),
        format!("vp:{PILLAR}:T05:0"),
        format!("vp:{PILLAR}:T03:0"),
        format!("vc:{PILLAR}"),
    ]
}

/// Pushes a press with a callback id of our own, so its answers can be counted.
fn press(fake: &FakeApi, chat: i64, step: usize, data: &str) -> String {
    let id = format!("q{chat}-{step}");
    let message = json!({"message_id": 1, "date": 1, "chat": {"id": chat, "type": "private", "first_name": "C"},
        "text": "…"});
    let mut update = callback_update(chat, message, data);
    update["callback_query"]["id"] = json!(id);
    fake.push_update(update);
    id
}

/// Answers per callback id.
fn answers(fake: &FakeApi) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for call in fake.calls_of("answerCallbackQuery") {
        if call.ok()
            && let Some(id) = call.body.get("callback_query_id").and_then(Value::as_str)
        {
            *out.entry(id.to_string()).or_default() += 1;
        }
    }
    out
}

/// The bot in this process, as `main` runs it, until the returned sender fires.
fn start_bot(h: &Harness, fake: &FakeApi) -> Running {
    h.run_bot(fake.bot(), Intake::polling())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_delivered_twice_acts_once() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let running = start_bot(&h, &fake);
    let first = fake.push_text(9001, "/start");
    let ids: Vec<String> = vote_steps().iter().enumerate().map(|(i, d)| press(&fake, 9001, i, d)).collect();
    wait_for("the vote", Duration::from_secs(20), || answers(&fake).len() == ids.len()).await;
    h.stop_bot(running).await;
    assert_eq!(h.ballot_of(9001, PILLAR).await, ["T05", "T03"]);
    let welcomes = fake.sent_to(9001).len();

    // Telegram delivers the whole batch again to a restarted bot.
    assert!(fake.unconfirm_from(first) >= ids.len());
    let running = start_bot(&h, &fake);
    wait_for("the redelivered batch to be read", Duration::from_secs(10), || fake.pending_updates() == 0)
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    h.stop_bot(running).await;
    assert!(answers(&fake).values().all(|n| *n == 1), "{:?}", answers(&fake));
    assert_eq!(fake.sent_to(9001).len(), welcomes, "nothing answered twice");
    assert_eq!(h.ballot_of(9001, PILLAR).await, ["T05", "T03"]);
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_carried_twice_in_one_batch_acts_once() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let start = fake.push_text(9002, "/start");
    fake.repeat_update(start);
    let running = start_bot(&h, &fake);
    wait_for("the batch to be read", Duration::from_secs(10), || fake.pending_updates() == 0).await;
    wait_for("the welcome", Duration::from_secs(10), || !fake.sent_to(9002).is_empty()).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    h.stop_bot(running).await;
    assert_eq!(fake.sent_to(9002).len(), 1, "answered once: {:?}", fake.sent_to(9002));
    assert_eq!(h.count(&format!("SELECT COUNT(*) FROM inbox WHERE update_id = {start}")).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_citizens_voting_at_once_all_get_their_ballot_and_no_error() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    let running = start_bot(&h, &fake);
    let chats: Vec<i64> = (20_000..20_060).collect();
    let mut ids = Vec::new();
    for (step, data) in vote_steps().iter().enumerate() {
        for chat in &chats {
            ids.push(press(&fake, *chat, step, data));
        }
    }
    wait_for("every press answered", Duration::from_secs(60), || answers(&fake).len() == ids.len()).await;
    h.stop_bot(running).await;
    let error = consulta::i18n::t(consulta::domain::Lang::Es, "error-try-again");
    for call in fake.calls() {
        assert!(call.text() != Some(error.as_str()), "a citizen was told to try again: {call:?}");
    }
    for chat in chats {
        assert_eq!(h.ballot_of(chat, PILLAR).await, ["T05", "T03"], "chat {chat}");
    }
    assert!(answers(&fake).values().all(|n| *n == 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_failing_for_a_while_then_recovering_loses_nothing() {
    let mut h = Harness::new().await;
    let fake = FakeApi::start();
    // getUpdates refused with 429 twice and 502 once, sends slowed down.
    fake.inject(Fault::TooManyRequests { retry_after: 1 }, Target::Method("getUpdates".into()), 2);
    fake.inject(Fault::BadGateway { html: false }, Target::Method("getUpdates".into()), 1);
    fake.delay(3, Duration::from_millis(800));
    let running = start_bot(&h, &fake);
    let ids: Vec<String> = vote_steps().iter().enumerate().map(|(i, d)| press(&fake, 9100, i, d)).collect();
    wait_for("the vote through the faults", Duration::from_secs(60), || answers(&fake).len() == ids.len())
        .await;
    h.stop_bot(running).await;
    assert_eq!(h.ballot_of(9100, PILLAR).await, ["T05", "T03"]);
    assert!(answers(&fake).values().all(|n| *n == 1));
}

/// «🔊 Escuchar»: the press is answered before the voice note goes out, so a
/// slow upload leaves no spinner; a voice note Telegram will not take in time
/// (429 for longer than the retry budget) is followed by a message saying so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listen_press_is_answered_before_its_voice_note_and_a_failed_one_is_told() {
    let mut h = Harness::new().await;
    sqlx::query(
        "INSERT INTO recordings (target, lang, file_id, recorded_at) \
         VALUES ('d.P21', 'es', 'voice-1', '2026-12-01T00:00:00Z')",
    )
    .execute(&h.pool)
    .await
    .expect("a recording");
    let fake = FakeApi::start();
    let chat = 9400;
    let seq_of = |method: &str, id: Option<&str>| {
        fake.calls_of(method)
            .iter()
            .filter(|c| {
                id.is_none_or(|id| c.body.get("callback_query_id").and_then(Value::as_str) == Some(id))
            })
            .map(|c| c.seq)
            .max()
    };
    // A slow upload: the answer does not wait for it.
    fake.inject(Fault::Delay(Duration::from_secs(2)), Target::Method("sendVoice".into()), 1);
    let running = start_bot(&h, &fake);
    let slow = press(&fake, chat, 0, "ls:d.P21");
    wait_for("the voice note", Duration::from_secs(20), || fake.count("sendVoice") == 1).await;
    let (answered, voice) = (seq_of("answerCallbackQuery", Some(&slow)), seq_of("sendVoice", None));
    assert!(
        answered.is_some() && answered < voice,
        "answered ({answered:?}) before the voice note ({voice:?})"
    );

    // Refused for longer than the retry budget: the person is told in a message.
    fake.inject(Fault::TooManyRequests { retry_after: 60 }, Target::Method("sendVoice".into()), 1);
    let refused = press(&fake, chat, 1, "ls:d.P21");
    let told = consulta::i18n::t(consulta::domain::Lang::Es, "media-failed");
    wait_for("the message saying so", Duration::from_secs(20), || fake.texts_to(chat).contains(&told)).await;
    h.stop_bot(running).await;
    assert_eq!(answers(&fake).get(&refused), Some(&1), "the press answered once");
    assert_eq!(answers(&fake).get(&slow), Some(&1));
}

// ---- The real binary, killed and restarted -------------------------------------

fn spawn_bot(fake: &FakeApi, db: &str, rate: u32) -> Child {
    Command::new(env!("CARGO_BIN_EXE_consulta"))
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", fake.url())
        .env("DATABASE_URL", db)
        .env("BROADCAST_RATE", rate.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the bot")
}

fn sigterm(child: &Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
}

async fn exits_cleanly(mut child: Child) {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "exit status {status}");
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "did not stop within 10 s of SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_mid_ballots_loses_no_update_and_repeats_no_ballot() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("consulta.db").to_string_lossy().into_owned();
    let fake = FakeApi::start();
    let chats: Vec<i64> = (30_000..30_040).collect();
    let mut ids = Vec::new();
    for (step, data) in vote_steps().iter().enumerate() {
        for chat in &chats {
            ids.push(press(&fake, *chat, step, data));
        }
    }
    let mut child = spawn_bot(&fake, &db, 25);
    wait_for("some progress", Duration::from_secs(30), || answers(&fake).len() >= ids.len() / 3).await;
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let before = answers(&fake).len();
    assert!(before < ids.len(), "killed in the middle ({before} of {})", ids.len());

    let child = spawn_bot(&fake, &db, 25);
    wait_for("every press answered after the restart", Duration::from_secs(60), || {
        answers(&fake).len() == ids.len()
    })
    .await;
    sigterm(&child);
    exits_cleanly(child).await;

    let answered = answers(&fake);
    let lost: Vec<&String> = ids.iter().filter(|id| !answered.contains_key(*id)).collect();
    assert!(lost.is_empty(), "lost: {lost:?}");
    // Only an update between its answer and its record at the kill can be
    // answered again: at most one per chat, since a chat's updates go in order.
    let repeated = answered.values().filter(|n| **n > 1).count();
    assert!(repeated <= chats.len(), "{repeated} answered twice");
    let h = reopen(&db, dir).await;
    for chat in chats {
        assert_eq!(h.ballot_of(chat, PILLAR).await, ["T05", "T03"], "chat {chat}");
    }
}

async fn reopen(db: &str, dir: tempfile::TempDir) -> Harness {
    let pool = consulta::db::open(db).await.expect("reopen");
    Harness::from_parts(dir, db.to_string(), pool)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_mid_broadcast_resumes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("consulta.db").to_string_lossy().into_owned();
    let h = reopen(&db, dir).await;
    consulta::db::catalog::import(
        &h.pool,
        &consulta::domain::Catalog::parse(consulta::DEFAULT_CATALOG).expect("catalog"),
    )
    .await
    .expect("import");
    h.consenting_citizens(40_000, 150, None).await;
    let (id, _) = h.queued_broadcast("Aviso").await;
    let fake = FakeApi::start();
    let sent = |fake: &FakeApi| (40_000..40_150).filter(|c| !fake.sent_to(*c).is_empty()).count();
    let mut child = spawn_bot(&fake, &db, 50);
    wait_for("the broadcast to start", Duration::from_secs(30), || sent(&fake) >= 30).await;
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    assert!(sent(&fake) < 150, "killed in the middle");

    let child = spawn_bot(&fake, &db, 50);
    wait_for("the broadcast to finish", Duration::from_secs(60), || sent(&fake) == 150).await;
    sigterm(&child);
    exits_cleanly(child).await;
    let twice = (40_000..40_150).filter(|c| fake.sent_to(*c).len() > 1).count();
    // Only requests in flight at the kill can be repeated (at most 64, the
    // worker's requests in flight; about one at this rate).
    assert!(twice <= 5, "{twice} recipients got the message twice");
    let done: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE broadcast_id = ? AND status = 'sent'")
            .bind(id)
            .fetch_one(&h.pool)
            .await
            .expect("outbox");
    assert_eq!(done, 150);
}

#[test]
fn a_missing_folder_or_a_read_only_database_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no/such/folder/consulta.db");
    let out = Command::new(env!("CARGO_BIN_EXE_consulta"))
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", "http://127.0.0.1:9/")
        .env("DATABASE_URL", &missing)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/folder"), "{stderr}");

    // A database opened read-only (as a file without write permission is).
    let file = dir.path().join("consulta.db");
    std::fs::write(&file, b"").expect("empty file");
    let read_only = format!("sqlite://{}?mode=ro", file.display());
    let out = Command::new(env!("CARGO_BIN_EXE_consulta"))
        .args(["tally"])
        .env("DATABASE_URL", &read_only)
        .output()
        .expect("run");
    assert!(!out.status.success(), "a read-only database cannot be migrated");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.to_lowercase().contains("read"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one clear line: {stderr}");
}

// ---- SIGTERM while the report's PDF is typeset ---------------------------------

/// The running children of `parent` whose command line contains `word`.
fn children_running(parent: u32, word: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // "pid (comm) state ppid …": the fields after the command's closing parenthesis.
            let fields: Vec<&str> =
                stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            fields.get(1) == Some(&parent.to_string().as_str())
                && fields.first() != Some(&"Z")
                && String::from_utf8_lossy(&cmdline).split('\0').any(|arg| arg == word)
        })
        .collect()
}

/// Whether `pid` is still running (a zombie waiting for its parent is not).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| stat.rsplit_once(')').is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z')))
}

/// systemd stops the service by sending SIGTERM to every process of its group:
/// the bot and, in the middle of `/informe`, the child typesetting the PDF. The
/// typesetter finishes its short job, the bot sends the admin both files while
/// it drains, exits 0 within 10 s, and leaves no typesetter behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_to_the_bot_and_its_typesetter_mid_report_still_delivers_the_report() {
    const ADMIN: i64 = 91_001;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("consulta.db").to_string_lossy().into_owned();
    let fake = FakeApi::start();
    let bot = Command::new(env!("CARGO_BIN_EXE_consulta"))
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", fake.url())
        .env("DATABASE_URL", &db)
        .env("CONSULTA_ADMINS", ADMIN.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the bot");
    fake.push_text(ADMIN, "/informe");
    let mut typesetter = Vec::new();
    wait_for("the report's typesetter to start", Duration::from_secs(60), || {
        typesetter = children_running(bot.id(), "typeset");
        !typesetter.is_empty()
    })
    .await;
    sigterm(&bot);
    for pid in &typesetter {
        let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
    }
    exits_cleanly(bot).await;
    wait_for("no typesetter left", Duration::from_secs(5), || !typesetter.iter().any(|p| running(*p))).await;
    let documents: Vec<String> = fake
        .sent_to(ADMIN)
        .iter()
        .filter(|c| c.method == "sendDocument")
        .flat_map(|c| c.files.iter().filter_map(|f| f.file_name.clone()))
        .collect();
    assert_eq!(
        documents,
        ["informe.html", "informe.pdf"],
        "the report reached the admin: {:?}",
        fake.calls_for(ADMIN)
    );
}
