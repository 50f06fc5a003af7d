//! Load benchmark: the real bot (`target/release/consulta`, a child process) against
//! the fake Bot API server, driven by simulated citizens through the whole
//! consultation, compared with a minimal teloxide bot (`examples/baseline_bot.rs`)
//! under the same load.
//!
//! `cargo bench --bench load` (builds both release binaries first; set
//! `LOAD_NO_BUILD=1` to use the ones already in `target/release`).
//!
//! Scenarios, each with a fresh server, process and database:
//! - `ceiling`: the fake server's own ceiling (64 teloxide clients hammering
//!   sendMessage), with its CPU cost per call;
//! - `baseline`, closed loop: `LOAD_CITIZENS` (500) citizens at once, each sending
//!   its next update only after the previous one was answered, with the same
//!   sequence of messages and button presses as the real flow;
//! - `closed`: consulta, the same citizens through /start, consent, profile, a ballot
//!   in every pillar and an idea (buttons found by decoding each keyboard's callback
//!   data with the bot's own codec, never by hard-coded strings);
//! - `open`: consulta, `LOAD_OPEN_RATE` (300) updates/s spread over
//!   `LOAD_OPEN_CHATS` (5000) chats for `LOAD_OPEN_SECS` (60) seconds;
//! - `full`: the same rate over just enough chats for each to go through the whole
//!   consultation in that time (the realistic mix of writes);
//! - `webhook`: the `open` load with the bot in webhook mode, the fake posting each
//!   update as Telegram does (40 connections, one chat's updates in order);
//! - `slow`: `LOAD_SLOW_CITIZENS` (200) citizens in a closed loop, once alone and once
//!   beside one chat whose every call the fake holds 10 s (it sends /start every 2 s):
//!   the others' latency both ways;
//! - `export`: a database of `LOAD_EXPORT_PARTICIPANTS` (100,000) participants with a
//!   ballot in every pillar, 200 citizens voting (closed loop), once alone and once
//!   while an admin runs /exportar again and again: the voters' latency both ways;
//! - `idle`: the bot idle for `LOAD_IDLE_SECS` (600) seconds, then one /start: how
//!   long the answer takes, and the WARN lines its log gained while idle;
//! - `cpu`: `baseline` and `closed` again with the bot pinned to core 0 (`taskset`)
//!   and this process (fake server and generator) to core 1: bot CPU per update,
//!   updates/s and API calls per update, and the ratios consulta / baseline;
//!   `LOAD_CPU_RUNS` (3) pairs, alternating, compared by their medians.
//!
//! Without `LOAD_SCENARIOS` every scenario runs (about 20 minutes, 10 of them idle).
//!
//! Other knobs: `LOAD_SCENARIOS=closed,open` runs only those; `LOAD_CONSULTA_BIN` runs
//! another build of the bot (A/B comparisons); `LOAD_BOT_LOG=sqlx=debug` sets the
//! bot's `RUST_LOG` and keeps its log as `target/bench-load-*.log`;
//! `LOAD_BOT_ENV_X=v` passes `X=v` to the bot.
//!
//! Latency is measured by the server's clock: from the moment the getUpdates
//! response (or, in webhook mode, the POST) carrying an update is written until the
//! first call the bot makes for that chat. The `e2e` columns measure from the moment
//! the update was queued at the server (as Telegram holds it), so they include the
//! wait for a getUpdates or a free webhook connection. The bot is only seen through
//! the Bot API, so any update listener works.

#[path = "../tests/main/fake_api.rs"]
mod fake_api;

use consulta::{
    bot::callback::Action,
    domain::{Catalog, ProfileField},
};
use fake_api::{Event, FakeApi, Options, TOKEN, Webhook, callback_update, chat_json, text_update};
use serde_json::json;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use std::{
    collections::{BTreeMap, HashMap, VecDeque},
    fmt::Write as _,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};
use teloxide::prelude::*;
use tokio::sync::mpsc;

/// An update not answered within this is an error.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);
/// After a press is answered, how long its screen update is waited for.
const SCREEN_WAIT: Duration = Duration::from_secs(1);
const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

// ---- What a citizen does -------------------------------------------------------------

/// A button a citizen looks for on the screen, by what it does.
#[derive(Debug, Clone)]
enum Want {
    Accept,
    Answer(ProfileField),
    Pillar(String),
    StartVote(String),
    Pick(String),
    Confirm(String),
    Menu,
    IdeaFor(String),
    IdeaSkipProblem,
    IdeaSubmit,
}

impl Want {
    fn matches(&self, action: &Action) -> bool {
        match (self, action) {
            (Want::Accept, Action::Consent(true)) => true,
            (Want::Answer(f), Action::Answer(g, Some(_))) => f == g,
            (Want::Pillar(k), Action::Pillar { pillar, .. }) => k == pillar,
            (Want::StartVote(k), Action::StartVote { pillar }) => k == pillar,
            (Want::Pick(k), Action::Pick { pillar, .. }) => k == pillar,
            (Want::Confirm(k), Action::Confirm { pillar }) => k == pillar,
            (Want::Menu, Action::Menu) => true,
            (Want::IdeaFor(k), Action::IdeaStart { pillar: Some(p) }) => k == p,
            (Want::IdeaSkipProblem, Action::IdeaSkipProblem) => true,
            (Want::IdeaSubmit, Action::IdeaSubmit) => true,
            _ => false,
        }
    }
}

#[derive(Debug, Clone)]
enum Intent {
    Text(String),
    Press(Want),
}

/// The whole consultation for one citizen: 8 + 2 + 4 per pillar + 1 + 5 updates.
fn plan(chat: i64, pillars: &[String]) -> Vec<Intent> {
    use Intent::{Press, Text};
    let mut plan = vec![
        Text("/start".into()),
        Text("/privacidad".into()),
        Press(Want::Accept),
        Text("/perfil".into()),
        Press(Want::Answer(ProfileField::Localidad)),
        Press(Want::Answer(ProfileField::Sector)),
        Press(Want::Answer(ProfileField::AgeRange)),
        Text("/pilares".into()),
    ];
    // The first pillar from the menu; each confirmation then shows the next one.
    plan.push(Press(Want::Pillar(pillars[0].clone())));
    plan.push(Press(Want::StartVote(pillars[0].clone())));
    for key in pillars {
        for _ in 0..3 {
            plan.push(Press(Want::Pick(key.clone())));
        }
        plan.push(Press(Want::Confirm(key.clone())));
    }
    plan.push(Press(Want::Menu));
    let idea_pillar = pillars[(chat as usize) % pillars.len()].clone();
    plan.extend([
        Text("/idea".into()),
        Press(Want::IdeaFor(idea_pillar)),
        Text(format!(
            "Propuesta ciudadana número {chat}: publicar cada mes los contratos del barrio en la \
             junta de acción comunal"
        )),
        Press(Want::IdeaSkipProblem),
        Press(Want::IdeaSubmit),
    ]);
    plan
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BotKind {
    Consulta,
    Baseline,
}

/// What the generator measures, shared by every simulated citizen.
struct Shared {
    fake: FakeApi,
    kind: BotKind,
    pillars: Vec<String>,
    error_texts: Vec<String>,
    routes: Mutex<HashMap<i64, mpsc::UnboundedSender<Event>>>,
    latencies: Mutex<Vec<Duration>>,
    /// From the update being queued at the server (as Telegram would hold it) to
    /// the bot's first call: adds the time the update waited for a getUpdates.
    waits: Mutex<Vec<Duration>>,
    answered: AtomicU64,
    errors: AtomicU64,
    error_samples: Mutex<Vec<String>>,
    /// What a scenario adds to its line of the report.
    note: Mutex<String>,
    /// The bot's log (its stderr).
    log: PathBuf,
}

impl Shared {
    fn new(
        fake: FakeApi,
        kind: BotKind,
        pillars: Vec<String>,
        error_texts: Vec<String>,
        log: PathBuf,
    ) -> Arc<Shared> {
        Arc::new(Shared {
            fake,
            kind,
            note: Mutex::new(String::new()),
            log,
            pillars,
            error_texts,
            routes: Mutex::new(HashMap::new()),
            latencies: Mutex::new(Vec::new()),
            waits: Mutex::new(Vec::new()),
            answered: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            error_samples: Mutex::new(Vec::new()),
        })
    }

    fn add_note(&self, note: &str) {
        self.note.lock().expect("note").push_str(note);
    }

    fn error(&self, message: String) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        let mut samples = self.error_samples.lock().expect("samples");
        if samples.len() < 10 {
            samples.push(message);
        }
    }
}

/// Forwards each server event to the citizen whose chat it concerns.
fn spawn_router(shared: Arc<Shared>) {
    let mut events = shared.fake.subscribe();
    tokio::spawn(async move {
        while let Some(event) = events.recv().await {
            let chat = match &event {
                Event::Call { chat_id, .. } | Event::Delivered { chat_id, .. } => *chat_id,
            };
            let Some(chat) = chat else { continue };
            if let Some(route) = shared.routes.lock().expect("routes").get(&chat) {
                let _ = route.send(event);
            }
        }
    });
}

struct Citizen {
    chat: i64,
    plan: Vec<Intent>,
    next: usize,
    events: mpsc::UnboundedReceiver<Event>,
    rng: u64,
    presses: u64,
}

impl Citizen {
    fn new(shared: &Shared, chat: i64) -> Citizen {
        let (tx, events) = mpsc::unbounded_channel();
        shared.routes.lock().expect("routes").insert(chat, tx);
        Citizen {
            chat,
            plan: plan(chat, &shared.pillars),
            next: 0,
            events,
            rng: (chat as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
            presses: 0,
        }
    }

    fn done(&self) -> bool {
        self.next >= self.plan.len()
    }

    fn random(&mut self, n: usize) -> usize {
        // xorshift64: enough to spread picks and answers.
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        (self.rng % n as u64) as usize
    }

    /// Sends the next update and waits for its answer; `Err` describes what went wrong.
    async fn step(&mut self, shared: &Shared) -> Result<(), String> {
        let chat = self.chat;
        let intent = self.plan[self.next].clone();
        self.next += 1;
        let (update, query) = match &intent {
            Intent::Text(text) => (text_update(chat, text), None),
            Intent::Press(want) => {
                let (message, data) = match shared.kind {
                    BotKind::Baseline => (
                        json!({"message_id": 1, "date": 1, "chat": chat_json(chat), "text": "…"}),
                        "x".to_string(),
                    ),
                    BotKind::Consulta => {
                        let keyboard = shared
                            .fake
                            .keyboard(chat)
                            .ok_or_else(|| format!("chat {chat}: no keyboard to press {want:?}"))?;
                        let candidates: Vec<String> = keyboard
                            .all()
                            .filter_map(|b| b.callback_data.clone())
                            .filter(|d| Action::parse(d).is_some_and(|a| want.matches(&a)))
                            .collect();
                        if candidates.is_empty() {
                            return Err(format!(
                                "chat {chat}: no button for {want:?} on the screen {:?}",
                                excerpt(keyboard.text())
                            ));
                        }
                        let data = candidates[self.random(candidates.len())].clone();
                        (keyboard.message, data)
                    }
                };
                self.presses += 1;
                let id = format!("q{chat}-{}", self.presses);
                let mut update = callback_update(chat, message, &data);
                update["callback_query"]["id"] = json!(id);
                (update, Some(id))
            }
        };
        let pushed = Instant::now();
        let update_id = shared.fake.push_update(update);
        let mut deadline = tokio::time::Instant::now() + ANSWER_TIMEOUT;
        let mut delivered: Option<Instant> = None;
        let mut first_call: Option<Instant> = None;
        // A press is done once it is answered and its screen was updated (in either
        // order); the screen may also stay as it is, hence a short wait after the answer.
        let (mut press_answered, mut screen_updated) = (false, shared.kind == BotKind::Baseline);
        loop {
            let event = match tokio::time::timeout_at(deadline, self.events.recv()).await {
                Ok(Some(event)) => event,
                _ if press_answered => {
                    if let (Some(d), Some(f)) = (delivered, first_call) {
                        shared.latencies.lock().expect("latencies").push(f.saturating_duration_since(d));
                        shared.waits.lock().expect("waits").push(f.saturating_duration_since(pushed));
                    }
                    shared.answered.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                _ => return Err(format!("chat {chat}: {intent:?} not answered within {ANSWER_TIMEOUT:?}")),
            };
            let (method, at, status, body) = match event {
                Event::Delivered { update_id: id, at, .. } => {
                    // A webhook post that failed is tried again: the attempt that
                    // counts is the last one before the bot's first call.
                    if id == update_id && first_call.is_none() {
                        delivered = Some(at);
                    }
                    continue;
                }
                Event::Call { method, at, status, body, .. } => (method, at, status, body),
            };
            if delivered.is_some() && first_call.is_none() {
                first_call = Some(at);
            }
            if status != 200 {
                return Err(format!("chat {chat}: {method} answered {status} after {intent:?}"));
            }
            if let Some(text) = body["text"].as_str()
                && shared.error_texts.iter().any(|e| text.contains(e.as_str()))
            {
                return Err(format!("chat {chat}: error reply {:?} to {intent:?}", excerpt(text)));
            }
            let answered = match &query {
                Some(id) => {
                    if &*method == "answerCallbackQuery" && body["callback_query_id"] == json!(id) {
                        press_answered = true;
                        deadline = deadline.min(tokio::time::Instant::now() + SCREEN_WAIT);
                    } else if delivered.is_some()
                        && (method.starts_with("edit") || method.starts_with("send"))
                        && body["reply_markup"]["inline_keyboard"].is_array()
                    {
                        screen_updated = true;
                    }
                    press_answered && screen_updated
                }
                // The real bot answers a message with a screen (a keyboard); a notice
                // may come first. The baseline answers with one plain message.
                None => {
                    &*method == "sendMessage"
                        && (shared.kind == BotKind::Baseline
                            || body["reply_markup"]["inline_keyboard"].is_array())
                }
            };
            if answered {
                if let (Some(d), Some(f)) = (delivered, first_call) {
                    shared.latencies.lock().expect("latencies").push(f.saturating_duration_since(d));
                    shared.waits.lock().expect("waits").push(f.saturating_duration_since(pushed));
                }
                shared.answered.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
    }
}

fn excerpt(text: &str) -> String {
    let one_line = text.replace('\n', " ");
    let cut: String = one_line.chars().take(80).collect();
    if cut.len() < one_line.len() { format!("{cut}…") } else { cut }
}

/// The start of every `error-*` text of the locales, to spot error replies.
fn error_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for lang in ["es", "en"] {
        let dir = Path::new(MANIFEST_DIR).join("locales").join(lang);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let source = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for line in source.lines() {
                if let Some((key, value)) = line.split_once('=')
                    && key.trim().starts_with("error-")
                {
                    let fixed = value.split('{').next().unwrap_or_default().trim();
                    if fixed.chars().count() >= 10 {
                        texts.push(fixed.to_string());
                    }
                }
            }
        }
    }
    texts
}

// ---- The bot process -----------------------------------------------------------------

struct BotProcess {
    child: Child,
    _dir: tempfile::TempDir,
    db: PathBuf,
    log: PathBuf,
}

#[derive(Debug, Clone, Copy, Default)]
struct ProcStats {
    cpu: Duration,
    peak_rss_kb: u64,
}

fn clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// utime + stime of a process (or `self`).
fn cpu_of(pid: &str) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    cpu_from_stat(&stat)
}

fn cpu_from_stat(stat: &str) -> Duration {
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default().split_whitespace().collect();
    let ticks: u64 = fields.get(11..13).map_or(0, |f| f.iter().filter_map(|x| x.parse::<u64>().ok()).sum());
    Duration::from_secs_f64(ticks as f64 / clock_ticks() as f64)
}

fn peak_rss_kb(pid: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(0)
}

/// How a scenario's bot is started.
#[derive(Debug, Clone, Default)]
struct Setup {
    /// Webhook mode, listening on this loopback port.
    webhook: Option<u16>,
    /// More environment for the bot (`CONSULTA_ADMINS`…).
    env: Vec<(String, String)>,
    /// A database file to start from (copied, so each run starts from the same data).
    db_from: Option<PathBuf>,
    /// `taskset -c` for the bot.
    cpus: Option<String>,
}

const WEBHOOK_SECRET: &str = "load-bench-secret";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

impl BotProcess {
    fn spawn(kind: BotKind, fake: &FakeApi, setup: &Setup) -> BotProcess {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("consulta.db");
        let log = dir.path().join("bot.log");
        if let Some(from) = &setup.db_from {
            std::fs::copy(from, &db).expect("copy the prepared database");
        }
        let binary = match kind {
            BotKind::Consulta => std::env::var_os("LOAD_CONSULTA_BIN")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(MANIFEST_DIR).join("target/release/consulta")),
            BotKind::Baseline => Path::new(MANIFEST_DIR).join("target/release/examples/baseline_bot"),
        };
        assert!(
            binary.exists(),
            "{} is missing: run `cargo build --release --bin consulta --example baseline_bot`",
            binary.display()
        );
        // `LOAD_BOT_ENV_X=v` gives the bot `X=v` (e.g. `LOAD_BOT_ENV_MALLOC_ARENA_MAX=2`).
        let extra: Vec<(String, String)> = std::env::vars()
            .filter_map(|(k, v)| k.strip_prefix("LOAD_BOT_ENV_").map(|k| (k.to_string(), v)))
            .collect();
        let mut command = match &setup.cpus {
            Some(cpus) => {
                let mut c = Command::new("taskset");
                c.args(["-c", cpus]).arg(&binary);
                c
            }
            None => Command::new(&binary),
        };
        command.current_dir(dir.path()).env_clear();
        if let Some(port) = setup.webhook {
            command
                .env("CONSULTA_WEBHOOK_URL", "https://consulta.example.org/telegram")
                .env("CONSULTA_LISTEN", format!("127.0.0.1:{port}"))
                .env("CONSULTA_WEBHOOK_SECRET", WEBHOOK_SECRET);
        }
        let child = command
            .envs(extra)
            .envs(setup.env.iter().cloned())
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("TELOXIDE_TOKEN", TOKEN)
            .env("TELOXIDE_API_URL", fake.url())
            .env("DATABASE_URL", &db)
            .env("RUST_LOG", std::env::var("LOAD_BOT_LOG").unwrap_or_else(|_| "warn".into()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", binary.display()));
        BotProcess { child, _dir: dir, db, log }
    }

    fn pid(&self) -> String {
        self.child.id().to_string()
    }

    fn stats(&self) -> ProcStats {
        ProcStats { cpu: cpu_of(&self.pid()), peak_rss_kb: peak_rss_kb(&self.pid()) }
    }

    fn db_bytes(&self) -> (u64, u64) {
        let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
        let mut wal = self.db.clone().into_os_string();
        wal.push("-wal");
        (size(&self.db), size(Path::new(&wal)))
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(10)..].join("\n")
    }

    /// Ctrl-C, then a kill if it does not stop within 10 s. With `LOAD_BOT_LOG` set,
    /// the bot's log is kept as `target/bench-load-<name>.log`.
    fn stop(mut self, name: &str) {
        if std::env::var_os("LOAD_BOT_LOG").is_some() {
            let slug: String =
                name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
            let kept = Path::new(MANIFEST_DIR).join(format!("target/bench-load-{slug}.log"));
            let _ = std::fs::copy(&self.log, kept);
        }
        let _ = Command::new("kill").args(["-INT", &self.pid()]).status();
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until the bot takes updates: it polls, or (webhook mode) it has set its
/// webhook and its server answers; then the fake starts posting to it.
async fn wait_until_ready(fake: &FakeApi, bot: &mut BotProcess, setup: &Setup) {
    let Some(port) = setup.webhook else { return wait_until_polling(fake, bot).await };
    let until = Instant::now() + Duration::from_secs(60);
    let client = fake.bot();
    let health = format!("http://127.0.0.1:{port}/healthz");
    loop {
        if let Ok(Some(status)) = bot.child.try_wait() {
            panic!("the bot exited with {status}:\n{}", bot.log_tail());
        }
        assert!(Instant::now() < until, "the webhook server did not start within 60 s:\n{}", bot.log_tail());
        if fake.count("setWebhook") > 0
            && client.client().get(&health).send().await.is_ok_and(|r| r.status().as_u16() == 200)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    fake.deliver_with(Webhook::new(&format!("http://127.0.0.1:{port}/telegram"), Some(WEBHOOK_SECRET)));
}

/// Waits until the bot polls for updates (it has started).
async fn wait_until_polling(fake: &FakeApi, bot: &mut BotProcess) {
    let until = Instant::now() + Duration::from_secs(60);
    while fake.count("getUpdates") == 0 {
        if let Ok(Some(status)) = bot.child.try_wait() {
            panic!("the bot exited with {status}:\n{}", bot.log_tail());
        }
        assert!(Instant::now() < until, "the bot did not start polling within 60 s:\n{}", bot.log_tail());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

// ---- Scenarios -----------------------------------------------------------------------

struct Report {
    name: String,
    updates: u64,
    errors: u64,
    error_samples: Vec<String>,
    elapsed: Duration,
    latencies: Vec<Duration>,
    waits: Vec<Duration>,
    bot: ProcStats,
    harness_cpu: Duration,
    db: Option<(u64, u64)>,
    calls: BTreeMap<String, u64>,
    note: String,
}

impl Report {
    fn rate(&self) -> f64 {
        self.updates as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        percentile(&self.latencies, p)
    }

    fn cpu_ms_per_update(&self) -> f64 {
        self.bot.cpu.as_secs_f64() * 1000.0 / self.updates.max(1) as f64
    }

    /// Bot API calls per update answered, and the same without getUpdates.
    fn calls_per_update(&self) -> (f64, f64) {
        let all: u64 = self.calls.values().sum();
        let polls = self.calls.get("getUpdates").copied().unwrap_or(0);
        let n = self.updates.max(1) as f64;
        (all as f64 / n, (all - polls) as f64 / n)
    }
}

fn percentile(samples: &[Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    let mut sorted = samples.to_vec();
    sorted.sort();
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn start_fake() -> FakeApi {
    FakeApi::start_with(Options { workers: 1, record: false })
}

async fn run_scenario(
    name: &str,
    kind: BotKind,
    pillars: &[String],
    load: impl AsyncFnOnce(Arc<Shared>),
) -> Report {
    run_scenario_with(name, kind, pillars, &Setup::default(), load).await
}

async fn run_scenario_with(
    name: &str,
    kind: BotKind,
    pillars: &[String],
    setup: &Setup,
    load: impl AsyncFnOnce(Arc<Shared>),
) -> Report {
    let fake = start_fake();
    let mut bot = BotProcess::spawn(kind, &fake, setup);
    wait_until_ready(&fake, &mut bot, setup).await;
    eprintln!("{name}: bot pid {}", bot.pid());
    let shared = Shared::new(fake, kind, pillars.to_vec(), error_texts(), bot.log.clone());
    spawn_router(shared.clone());
    let before_bot = bot.stats();
    let before_self = cpu_of("self");
    let before_calls = shared.fake.counts();
    let start = Instant::now();
    load(shared.clone()).await;
    let elapsed = start.elapsed();
    let after_bot = bot.stats();
    let harness_cpu = cpu_of("self").saturating_sub(before_self);
    let db = (kind == BotKind::Consulta).then(|| bot.db_bytes());
    let calls = shared
        .fake
        .counts()
        .into_iter()
        .map(|(m, n)| (m.clone(), n - before_calls.get(&m).copied().unwrap_or(0)))
        .filter(|(_, n)| *n > 0)
        .collect();
    let errors = shared.errors.load(Ordering::Relaxed);
    if errors > 0 {
        eprintln!("{name}: bot log tail:\n{}", bot.log_tail());
    }
    bot.stop(name);
    let report = Report {
        name: name.to_string(),
        updates: shared.answered.load(Ordering::Relaxed),
        errors,
        error_samples: shared.error_samples.lock().expect("samples").clone(),
        elapsed,
        latencies: std::mem::take(&mut *shared.latencies.lock().expect("latencies")),
        waits: std::mem::take(&mut *shared.waits.lock().expect("waits")),
        bot: ProcStats {
            cpu: after_bot.cpu.saturating_sub(before_bot.cpu),
            peak_rss_kb: after_bot.peak_rss_kb,
        },
        harness_cpu,
        db,
        calls,
        note: std::mem::take(&mut *shared.note.lock().expect("note")),
    };
    eprintln!(
        "{}: {} updates in {:.1?} ({:.0}/s), {} errors",
        name,
        report.updates,
        elapsed,
        report.rate(),
        errors
    );
    report
}

/// Every citizen at once, each through its whole plan.
async fn closed_loop(shared: Arc<Shared>, citizens: usize, first_chat: i64) {
    let mut tasks = Vec::with_capacity(citizens);
    for i in 0..citizens {
        let shared = shared.clone();
        tasks.push(tokio::spawn(async move {
            let mut citizen = Citizen::new(&shared, first_chat + i as i64);
            while !citizen.done() {
                if let Err(e) = citizen.step(&shared).await {
                    shared.error(e);
                    break;
                }
            }
            shared.routes.lock().expect("routes").remove(&citizen.chat);
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
}

/// `rate` updates per second, each to the next chat (round robin over `chats`) that
/// is not waiting for an answer. A chat that finished the plan starts over as a new
/// citizen.
async fn open_loop(shared: Arc<Shared>, rate: f64, chats: usize, duration: Duration, behind: Arc<AtomicU64>) {
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<Citizen>();
    let mut ready: VecDeque<Citizen> =
        (0..chats).map(|i| Citizen::new(&shared, 1_000_000 + i as i64)).collect();
    let mut generation = 1_i64;
    let start = tokio::time::Instant::now();
    let interval = Duration::from_secs_f64(1.0 / rate);
    let mut sent = 0u64;
    let mut in_flight = 0usize;
    while start.elapsed() < duration {
        while let Ok(c) = done_rx.try_recv() {
            in_flight -= 1;
            ready.push_back(c);
        }
        let Some(mut citizen) = ready.pop_front() else {
            behind.fetch_add(1, Ordering::Relaxed);
            if let Some(c) = done_rx.recv().await {
                in_flight -= 1;
                ready.push_back(c);
            }
            continue;
        };
        if citizen.done() {
            shared.routes.lock().expect("routes").remove(&citizen.chat);
            citizen = Citizen::new(&shared, 1_000_000 + generation * 10_000_000 + citizen.chat % 10_000_000);
            generation += 1;
        }
        sent += 1;
        in_flight += 1;
        let shared2 = shared.clone();
        let tx = done_tx.clone();
        tokio::spawn(async move {
            let mut citizen = citizen;
            if let Err(e) = citizen.step(&shared2).await {
                shared2.error(e);
                citizen.next = citizen.plan.len();
            }
            let _ = tx.send(citizen);
        });
        tokio::time::sleep_until(start + interval * sent as u32).await;
    }
    while in_flight > 0 {
        if done_rx.recv().await.is_none() {
            break;
        }
        in_flight -= 1;
    }
}

/// The fake server alone: `clients` teloxide clients sending as fast as they can.
async fn fake_ceiling(clients: usize, duration: Duration) -> (f64, f64, f64) {
    let fake = start_fake();
    let bot = fake.bot();
    let server_cpu = || -> Duration {
        let mut total = Duration::ZERO;
        for task in std::fs::read_dir("/proc/self/task").into_iter().flatten().flatten() {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            if comm.starts_with("actix") || comm.starts_with("fake-api") {
                total +=
                    cpu_from_stat(&std::fs::read_to_string(task.path().join("stat")).unwrap_or_default());
            }
        }
        total
    };
    let sent = Arc::new(AtomicU64::new(0));
    let before = server_cpu();
    let start = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..clients {
        let (bot, sent) = (bot.clone(), sent.clone());
        tasks.push(tokio::spawn(async move {
            while start.elapsed() < duration {
                if bot.send_message(ChatId(10 + i as i64), "ping").await.is_ok() {
                    sent.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let n = sent.load(Ordering::Relaxed) as f64;
    let cpu = server_cpu().saturating_sub(before).as_secs_f64();
    let us_per_call = cpu * 1e6 / n.max(1.0);
    (n / elapsed, us_per_call, 1e6 / us_per_call.max(0.001))
}

// ---- The newer scenarios' pieces ---------------------------------------------------

/// The chat whose every call the fake holds in the `slow` scenario.
const SLOW_CHAT: i64 = 999_999;
/// The admin of the `export` scenario.
const ADMIN: i64 = 900_000_001;

/// The slow chat sends /start every 2 s (each one waits 10 s per call at the fake,
/// so its lane is never empty) until `stop`.
fn slow_chat(shared: Arc<Shared>, stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<()> {
    shared.fake.slow_chat(SLOW_CHAT, Duration::from_secs(10));
    tokio::spawn(async move {
        while !stop.load(Ordering::Relaxed) {
            shared.fake.push_text(SLOW_CHAT, "/start");
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
    })
}

/// The admin asks for the export again each time the last one arrived, until
/// `stop`; returns how long each took (from /exportar to the closing message).
fn admin_exports(
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<(Vec<Duration>, u64)> {
    let (tx, mut events) = mpsc::unbounded_channel();
    shared.routes.lock().expect("routes").insert(ADMIN, tx);
    tokio::spawn(async move {
        let (mut took, mut documents) = (Vec::new(), 0);
        while !stop.load(Ordering::Relaxed) {
            let at = Instant::now();
            shared.fake.push_text(ADMIN, "/exportar");
            let mut sent = 0;
            loop {
                match tokio::time::timeout(Duration::from_secs(60), events.recv()).await {
                    Ok(Some(Event::Call { method, status, .. })) => {
                        if status != 200 {
                            shared.error(format!("admin: {method} answered {status} during the export"));
                        }
                        match &*method {
                            "sendDocument" => sent += 1,
                            "sendMessage" if sent > 0 => break,
                            _ => {}
                        }
                    }
                    Ok(Some(Event::Delivered { .. })) => {}
                    _ => {
                        shared.error("admin: the export did not arrive within 60 s".into());
                        return (took, documents);
                    }
                }
            }
            documents = sent;
            took.push(at.elapsed());
            shared.add_note(&format!(
                "; export {} took {:.1} s ({sent} files)",
                took.len(),
                at.elapsed().as_secs_f64()
            ));
        }
        (took, documents)
    })
}

/// A database as the bot creates it, with `participants` consenting citizens (random
/// profiles) and a three-choice ballot in every pillar for each, built as
/// `benches/data_scale.rs` builds its own. Returns its file (checkpointed, closed).
async fn seed_database(dir: &Path, participants: usize) -> PathBuf {
    let path = dir.join("seed.db");
    let pool = consulta::db::open(&path.to_string_lossy()).await.expect("open and migrate");
    let catalog = Catalog::parse(consulta::DEFAULT_CATALOG).expect("the shipped catalog parses");
    consulta::db::catalog::import(&pool, &catalog).await.expect("import the catalog");
    seed_ballots(&pool, &catalog, participants).await.expect("seed the database");
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await.expect("checkpoint");
    sqlx::query("ANALYZE").execute(&pool).await.expect("analyze");
    pool.close().await;
    path
}

async fn seed_ballots(pool: &SqlitePool, catalog: &Catalog, participants: usize) -> sqlx::Result<()> {
    const ROWS: usize = 2000;
    let mut rng = 2022_u64;
    let mut next = move |n: usize| -> usize {
        // splitmix64
        rng = rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    };
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let options = |f: ProfileField| catalog.options(f);
    let fields =
        [options(ProfileField::Localidad), options(ProfileField::Sector), options(ProfileField::AgeRange)];
    let mut tx = pool.begin().await?;
    for chunk in (0..participants).collect::<Vec<_>>().chunks(ROWS) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO citizens (id, telegram_user_id, language, created_at, consent_accepted, consent_version, \
             consent_at, localidad, sector, age_range) ",
        );
        q.push_values(chunk, |mut row, i| {
            let answers: Vec<&str> = fields.iter().map(|codes| codes[next(codes.len())]).collect();
            row.push_bind(*i as i64 + 1)
                .push_bind(10_000_000 + *i as i64)
                .push_bind("es")
                .push_bind(&at)
                .push_bind(1_i64)
                .push_bind(consulta::domain::NOTICE_VERSION)
                .push_bind(&at)
                .push_bind(answers[0])
                .push_bind(answers[1])
                .push_bind(answers[2]);
        });
        q.build().execute(&mut *tx).await?;
    }
    let pillars: Vec<(String, Vec<String>)> = catalog
        .pillars
        .iter()
        .map(|p| (p.key.clone(), catalog.active_in(&p.key).iter().map(|q| q.id.clone()).collect()))
        .collect();
    let mut ballots: Vec<(i64, &str)> = Vec::with_capacity(ROWS);
    let mut choices: Vec<(i64, &str, i64, &str)> = Vec::with_capacity(ROWS * 3);
    for citizen in 1..=participants as i64 {
        for (key, ids) in &pillars {
            ballots.push((citizen, key));
            let mut picked: Vec<usize> = Vec::with_capacity(3);
            while picked.len() < 3.min(ids.len()) {
                let i = next(ids.len());
                if !picked.contains(&i) {
                    picked.push(i);
                }
            }
            for (rank, i) in picked.into_iter().enumerate() {
                choices.push((citizen, key, rank as i64 + 1, &ids[i]));
            }
        }
        if ballots.len() >= ROWS || citizen == participants as i64 {
            let mut q: QueryBuilder<Sqlite> =
                QueryBuilder::new("INSERT INTO ballots (citizen_id, pillar, cast_at) ");
            q.push_values(ballots.drain(..), |mut row, (c, p)| {
                row.push_bind(c).push_bind(p).push_bind(&at);
            });
            q.build().execute(&mut *tx).await?;
            for chunk in choices.chunks(ROWS) {
                let mut q: QueryBuilder<Sqlite> =
                    QueryBuilder::new("INSERT INTO ballot_choices (citizen_id, pillar, rank, proposal_id) ");
                q.push_values(chunk, |mut row, (c, p, r, id)| {
                    row.push_bind(*c).push_bind(*p).push_bind(*r).push_bind(*id);
                });
                q.build().execute(&mut *tx).await?;
            }
            choices.clear();
        }
    }
    tx.commit().await
}

/// WARN lines in the bot's log so far.
fn warn_lines(log: &Path) -> usize {
    std::fs::read_to_string(log).unwrap_or_default().lines().filter(|l| l.contains("WARN")).count()
}

/// The bot idle for `secs`, then one citizen's /start.
async fn idle_then_start(shared: Arc<Shared>, secs: u64) {
    let warns_before = warn_lines(&shared.log);
    tokio::time::sleep(Duration::from_secs(secs)).await;
    let warns = warn_lines(&shared.log) - warns_before;
    let mut citizen = Citizen::new(&shared, 4242);
    let at = Instant::now();
    let answered = citizen.step(&shared).await;
    let took = at.elapsed();
    if let Err(e) = answered {
        shared.error(e);
    }
    shared.add_note(&format!(
        "; idle {secs} s: {warns} WARN lines in the bot's log meanwhile; the /start after it answered in {} ms",
        ms(took)
    ));
}

/// Pins every thread of this process to `cpus` (`taskset -a -p`); false if it failed.
fn pin_self(cpus: &str) -> bool {
    Command::new("taskset")
        .args(["-a", "-p", "-c", cpus, &std::process::id().to_string()])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

// ---- Output --------------------------------------------------------------------------

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

fn table(reports: &[Report], ceiling: Option<(f64, f64, f64)>, settings: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "consulta load benchmark ({settings})");
    let _ = writeln!(
        out,
        "machine: {} CPUs; bot = child process, fake Bot API + load generator = this process\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    if let Some((rate, us, per_core)) = ceiling {
        let _ = writeln!(
            out,
            "fake Bot API alone: {rate:.0} sendMessage/s from 64 teloxide clients in this process (1 server worker; \
             {us:.1} µs of server CPU per call, i.e. about {per_core:.0} calls/s per core)\n"
        );
    }
    let _ = writeln!(
        out,
        "{:<44} {:>8} {:>8} {:>7} {:>7} {:>7} {:>7} {:>8} {:>7} {:>7} {:>8} {:>8} {:>8} {:>7} {:>10} {:>6}",
        "scenario",
        "updates",
        "upd/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "e2e p50",
        "e2e p99",
        "bot s",
        "ms/upd",
        "RSS MB",
        "gen s",
        "db MB",
        "wal MB",
        "errors"
    );
    for r in reports {
        let (db, wal) = r.db.map_or(("-".into(), "-".into()), |(d, w)| (mb(d), mb(w)));
        let _ = writeln!(
            out,
            "{:<44} {:>8} {:>8.0} {:>7} {:>7} {:>7} {:>7} {:>8} {:>7} {:>7.1} {:>8.3} {:>8.1} {:>8.1} {:>7} {:>10} {:>6}",
            r.name,
            r.updates,
            r.rate(),
            ms(r.percentile(50.0)),
            ms(r.percentile(95.0)),
            ms(r.percentile(99.0)),
            ms(r.percentile(100.0)),
            ms(percentile(&r.waits, 50.0)),
            ms(percentile(&r.waits, 99.0)),
            r.bot.cpu.as_secs_f64(),
            r.bot.cpu.as_secs_f64() * 1000.0 / r.updates.max(1) as f64,
            r.bot.peak_rss_kb as f64 / 1024.0,
            r.harness_cpu.as_secs_f64(),
            db,
            wal,
            r.errors
        );
    }
    out.push('\n');
    for r in reports {
        let calls: Vec<String> = r.calls.iter().map(|(m, n)| format!("{m} {n}")).collect();
        let _ = writeln!(
            out,
            "{}: {:.1} s; calls: {}{}",
            r.name,
            r.elapsed.as_secs_f64(),
            calls.join(", "),
            r.note
        );
        for e in &r.error_samples {
            let _ = writeln!(out, "  error: {e}");
        }
    }
    out
}

fn build_binaries() {
    if std::env::var_os("LOAD_NO_BUILD").is_some() {
        return;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    eprintln!("building target/release/consulta and target/release/examples/baseline_bot…");
    let status = Command::new(cargo)
        .current_dir(MANIFEST_DIR)
        .args(["build", "--release", "--bin", "consulta", "--example", "baseline_bot"])
        .status()
        .expect("run cargo build");
    assert!(status.success(), "cargo build --release failed");
}

fn main() {
    build_binaries();
    let citizens: usize = env_or("LOAD_CITIZENS", 500);
    let rate: f64 = env_or("LOAD_OPEN_RATE", 300.0);
    let chats: usize = env_or("LOAD_OPEN_CHATS", 5000);
    let open_secs: u64 = env_or("LOAD_OPEN_SECS", 60);
    let catalog = Catalog::parse(consulta::DEFAULT_CATALOG).expect("the shipped catalog parses");
    let pillars: Vec<String> = catalog.pillars.iter().map(|p| p.key.clone()).collect();
    let steps = plan(1, &pillars).len();

    let slow_citizens: usize = env_or("LOAD_SLOW_CITIZENS", 200);
    let participants: usize = env_or("LOAD_EXPORT_PARTICIPANTS", 100_000);
    let idle_secs: u64 = env_or("LOAD_IDLE_SECS", 600);
    let cpu_runs: usize = env_or("LOAD_CPU_RUNS", 3).max(1);

    // `LOAD_SCENARIOS=ceiling,baseline,closed,open,full` runs only some of them.
    let wanted = std::env::var("LOAD_SCENARIOS")
        .unwrap_or_else(|_| "ceiling,baseline,closed,open,full,webhook,slow,export,idle,cpu".into());
    let wants = |s: &str| wanted.split(',').any(|w| w.trim() == s);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let ceiling = if wants("ceiling") { Some(fake_ceiling(64, Duration::from_secs(5)).await) } else { None };
        let mut reports = Vec::new();
        let (mut baseline, mut closed) = (None, None);
        if wants("baseline") {
            baseline = Some(reports.len());
            reports.push(
                run_scenario("baseline, closed loop", BotKind::Baseline, &pillars, async |s| {
                    closed_loop(s, citizens, 1).await
                })
                .await,
            );
        }
        if wants("closed") {
            closed = Some(reports.len());
            reports.push(
                run_scenario("consulta, closed loop", BotKind::Consulta, &pillars, async |s| {
                    closed_loop(s, citizens, 1).await
                })
                .await,
            );
        }
        // Spread over many chats, each chat only gets its first few updates; over
        // fewer chats, every chat goes through the whole consultation in the same time.
        let full_mix_chats = ((rate * open_secs as f64) / steps as f64).ceil() as usize;
        for (scenario, label, chats) in [("open", "chats", chats), ("full", "chats, full flow", full_mix_chats)] {
            if !wants(scenario) {
                continue;
            }
            let behind = Arc::new(AtomicU64::new(0));
            let b = behind.clone();
            let mut open = run_scenario(
                &format!("consulta, open {rate:.0}/s, {chats} {label}"),
                BotKind::Consulta,
                &pillars,
                async move |s| open_loop(s, rate, chats, Duration::from_secs(open_secs), b).await,
            )
            .await;
            let behind = behind.load(Ordering::Relaxed);
            if behind > 0 {
                open.note = format!("; the generator waited {behind} times for a free chat");
            }
            reports.push(open);
        }

        let mut summary = String::new();
        if wants("webhook") {
            let setup = Setup { webhook: Some(free_port()), ..Setup::default() };
            let report = run_scenario_with(
                &format!("consulta webhook, open {rate:.0}/s, {chats} chats"),
                BotKind::Consulta,
                &pillars,
                &setup,
                async move |s| open_loop(s, rate, chats, Duration::from_secs(open_secs), Arc::default()).await,
            )
            .await;
            let _ = writeln!(
                summary,
                "webhook vs polling, {rate:.0} updates/s over {chats} chats (p50/p99 ms; e2e = from queued at the \
                 fake):"
            );
            for r in reports.iter().filter(|r| r.name.contains("open") && !r.name.contains("full")).chain([&report]) {
                let _ = writeln!(
                    summary,
                    "  {:<44} handed over → first call {}/{}; queued → first call (e2e) {}/{}",
                    r.name,
                    ms(r.percentile(50.0)),
                    ms(r.percentile(99.0)),
                    ms(percentile(&r.waits, 50.0)),
                    ms(percentile(&r.waits, 99.0))
                );
            }
            reports.push(report);
        }
        if wants("slow") {
            let _ = writeln!(summary, "{slow_citizens} citizens, closed loop, beside one chat held 10 s per call:");
            for slow in [false, true] {
                let name = if slow {
                    format!("consulta, {slow_citizens} citizens + 1 slow chat")
                } else {
                    format!("consulta, {slow_citizens} citizens, no slow chat")
                };
                let report = run_scenario(&name, BotKind::Consulta, &pillars, async move |s| {
                    let stop = Arc::new(AtomicBool::new(false));
                    let slowpoke = slow.then(|| slow_chat(s.clone(), stop.clone()));
                    closed_loop(s.clone(), slow_citizens, 1).await;
                    stop.store(true, Ordering::Relaxed);
                    if let Some(task) = slowpoke {
                        task.abort();
                        let calls = s.fake.counts().get("sendMessage").copied().unwrap_or(0);
                        s.add_note(&format!("; the slow chat's calls are held 10 s each ({calls} sendMessage in all)"));
                    }
                })
                .await;
                let _ = writeln!(
                    summary,
                    "  {:<44} the others' p50/p99 {}/{} ms, e2e p99 {} ms, {:.0} updates/s",
                    report.name,
                    ms(report.percentile(50.0)),
                    ms(report.percentile(99.0)),
                    ms(percentile(&report.waits, 99.0)),
                    report.rate()
                );
                reports.push(report);
            }
        }
        if wants("export") {
            let dir = tempfile::tempdir().expect("temp dir");
            let at = Instant::now();
            eprintln!("export: seeding {participants} participants…");
            let seed = seed_database(dir.path(), participants).await;
            let size = std::fs::metadata(&seed).map_or(0, |m| m.len());
            eprintln!("export: seeded in {:.1?} ({} MB)", at.elapsed(), mb(size));
            let setup = Setup {
                db_from: Some(seed),
                env: vec![("CONSULTA_ADMINS".into(), ADMIN.to_string())],
                ..Setup::default()
            };
            let _ = writeln!(
                summary,
                "{slow_citizens} citizens voting on a database of {participants} participants ({} MB), with and \
                 without an admin's /exportar running:",
                mb(size)
            );
            for export in [false, true] {
                let name = if export {
                    format!("consulta, {participants} participants, /exportar")
                } else {
                    format!("consulta, {participants} participants, no export")
                };
                let report = run_scenario_with(&name, BotKind::Consulta, &pillars, &setup, async move |s| {
                    let stop = Arc::new(AtomicBool::new(false));
                    let admin = export.then(|| admin_exports(s.clone(), stop.clone()));
                    closed_loop(s.clone(), slow_citizens, 1).await;
                    stop.store(true, Ordering::Relaxed);
                    if let Some(admin) = admin {
                        // Not waited for: the export in progress would lengthen the run.
                        let finished = tokio::time::timeout(Duration::from_millis(1), admin).await;
                        let _ = finished;
                    }
                })
                .await;
                let _ = writeln!(
                    summary,
                    "  {:<44} voting p50/p99 {}/{} ms, e2e p99 {} ms, {:.0} updates/s{}",
                    report.name,
                    ms(report.percentile(50.0)),
                    ms(report.percentile(99.0)),
                    ms(percentile(&report.waits, 99.0)),
                    report.rate(),
                    report.note
                );
                reports.push(report);
            }
        }
        if wants("idle") {
            let report = run_scenario(
                &format!("consulta, idle {idle_secs} s, then /start"),
                BotKind::Consulta,
                &pillars,
                async move |s| idle_then_start(s, idle_secs).await,
            )
            .await;
            let _ = writeln!(summary, "idle: {}{}", report.name, report.note);
            reports.push(report);
        }
        if wants("cpu") {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            let pinned = cores >= 2 && pin_self("1");
            let setup = Setup { cpus: pinned.then(|| "0".to_string()), ..Setup::default() };
            // This machine's speed drifts between runs: the pair runs several times,
            // alternating, and the medians are compared.
            let mut runs: Vec<(Report, Report)> = Vec::new();
            for run in 1..=cpu_runs {
                let mut pair = Vec::new();
                for (kind, label) in [(BotKind::Baseline, "baseline"), (BotKind::Consulta, "consulta")] {
                    pair.push(
                        run_scenario_with(
                            &format!("{label}, closed loop, bot on core 0 (run {run})"),
                            kind,
                            &pillars,
                            &setup,
                            async |s| closed_loop(s, citizens, 1).await,
                        )
                        .await,
                    );
                }
                let c = pair.pop().expect("consulta");
                let b = pair.pop().expect("baseline");
                runs.push((b, c));
            }
            if pinned {
                pin_self(&format!("0-{}", cores - 1));
            }
            let _ = writeln!(
                summary,
                "CPU, {citizens} citizens closed loop, {cpu_runs} runs, {}:",
                if pinned {
                    "bot pinned to core 0, fake server and generator to core 1"
                } else {
                    "NOT pinned (taskset unavailable or one core)"
                }
            );
            for r in runs.iter().flat_map(|(b, c)| [b, c]) {
                let (calls, sends) = r.calls_per_update();
                let _ = writeln!(
                    summary,
                    "  {:<52} {:.3} ms bot CPU per update, {:.0} updates/s, {:.2} API calls per update ({:.2} \
                     without getUpdates)",
                    r.name,
                    r.cpu_ms_per_update(),
                    r.rate(),
                    calls,
                    sends
                );
            }
            let median = |f: &dyn Fn(&Report) -> f64, side: usize| {
                let mut v: Vec<f64> = runs.iter().map(|(b, c)| f(if side == 0 { b } else { c })).collect();
                v.sort_by(f64::total_cmp);
                v[v.len() / 2]
            };
            let cpu = |r: &Report| r.cpu_ms_per_update();
            let rate = |r: &Report| r.rate();
            let sends = |r: &Report| r.calls_per_update().1;
            let _ = writeln!(
                summary,
                "  median: baseline {:.3} ms, consulta {:.3} ms bot CPU per update (target ≤ 0.4 ms); consulta / \
                 baseline: throughput {:.1} %, CPU per update {:.1}×, API calls per update {:.2}×",
                median(&cpu, 0),
                median(&cpu, 1),
                median(&rate, 1) / median(&rate, 0) * 100.0,
                median(&cpu, 1) / median(&cpu, 0).max(1e-9),
                median(&sends, 1) / median(&sends, 0).max(1e-9)
            );
            reports.extend(runs.into_iter().flat_map(|(b, c)| [b, c]));
        }

        let settings = format!(
            "closed loop: {citizens} citizens at once × {steps} updates each; open loop: {rate:.0} updates/s \
             for {open_secs} s"
        );
        let mut out = table(&reports, ceiling, &settings);
        if let (Some(b), Some(c)) = (baseline, closed) {
            let _ = writeln!(
                out,
                "\nconsulta / baseline throughput: {:.0} % (target ≥ 60 %)",
                reports[c].rate() / reports[b].rate() * 100.0
            );
        }
        let open_p99: Vec<String> = reports
            .iter()
            .filter(|r| r.name.contains("open"))
            .map(|r| format!("{} ms ({})", ms(r.percentile(99.0)), r.name))
            .collect();
        if !open_p99.is_empty() {
            let _ = writeln!(out, "open loop p99: {} (target < 100 ms)", open_p99.join(", "));
        }
        let _ = writeln!(
            out,
            "bot peak RSS: {:.0} MB (target < 150 MB); errors: {} (target 0)",
            reports.iter().filter(|r| r.name.starts_with("consulta")).map(|r| r.bot.peak_rss_kb).max().unwrap_or(0)
                as f64
                / 1024.0,
            reports.iter().map(|r| r.errors).sum::<u64>()
        );
        let _ = writeln!(
            out,
            "\ncolumns: upd/s = updates answered per second of wall time; p50…max = from the getUpdates \
             response carrying an update to the bot's first call for that chat; e2e = from the update being queued \
             at the server (as Telegram holds it) to that call, i.e. plus the wait for a getUpdates; bot s = bot CPU (utime+stime); \
             ms/upd = bot CPU per update; RSS = bot peak (VmHWM); gen s = CPU of the fake server + generator; \
             db/wal = database file sizes at the end"
        );
        if !summary.is_empty() {
            let _ = write!(out, "\n{summary}");
        }
        print!("{out}");
        let path = Path::new(MANIFEST_DIR).join("target/bench-load.txt");
        if let Err(e) = std::fs::write(&path, &out) {
            eprintln!("could not write {}: {e}", path.display());
        } else {
            eprintln!("written to {}", path.display());
        }
    });
}
