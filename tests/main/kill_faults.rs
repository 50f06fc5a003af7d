//! The real binary under load, killed with SIGKILL at a random moment and
//! restarted, once with long polling and once in webhook mode (the fake Bot API
//! posting updates as Telegram does). After a final SIGTERM it must exit 0 within
//! 10 s, with every press answered, every ballot exact and counted once, and no
//! update left pending in the inbox. The webhook mode is also stopped while
//! updates are being posted to it: it drains what it accepted and exits 0.
//!
//! The kill moment comes from a seed printed by each test; `KILL_SEED=n` repeats a
//! run.

use crate::{
    fake_api::{FakeApi, TOKEN, callback_update},
    support::{Harness, wait_for},
};
use consulta::domain::Catalog;
use serde_json::{Value, json};
use std::{
    collections::{HashMap, HashSet},
    path::{Path, PathBuf},
    process::{Child, Command, ExitStatus, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

/// Citizens voting at once.
const CHATS: i64 = 30;
/// The round trip to "Telegram" for every call: a citizen's 17 presses take a few
/// seconds, so a kill at any moment of the window lands in the middle.
const LATENCY: Duration = Duration::from_millis(40);
const SECRET: &str = "kill_faults-secret";

/// splitmix64, enough for a kill moment.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// `KILL_SEED`, or one from the clock; printed so a failure can be repeated.
fn seeded(test: &str) -> Rng {
    let seed = std::env::var("KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    });
    eprintln!("{test}: KILL_SEED={seed}");
    Rng(seed)
}

/// Two proposals per pillar, in the order they are picked (the ballot's ranks).
fn choices() -> Vec<(String, [String; 2])> {
    let catalog = Catalog::parse(consulta::DEFAULT_CATALOG).expect("the shipped catalog");
    catalog
        .pillars
        .iter()
        .map(|p| {
            let active = catalog.active_in(&p.key);
            assert!(active.len() >= 2, "pillar {} has two proposals", p.key);
            (p.key.clone(), [active[1].id.clone(), active[0].id.clone()])
        })
        .collect()
}

/// Consent, then a two-choice ballot in every pillar: 17 presses.
fn vote_steps(choices: &[(String, [String; 2])]) -> Vec<String> {
    let mut steps = vec!["c:y".to_string()];
    for (pillar, [a, b]) in choices {
        steps.push(format!("v:{pillar}"));
        steps.push(format!("vp:{pillar}:{a}:0"));
        steps.push(format!("vp:{pillar}:{b}:0"));
        steps.push(format!("vc:{pillar}"));
    }
    steps
}

fn query_id(chat: i64, step: usize) -> String {
    format!("q{chat}-{step}")
}

/// Pushes a press with a callback id of our own, so its answers can be counted.
fn press(fake: &FakeApi, chat: i64, step: usize, data: &str) {
    let message = json!({"message_id": 1, "date": 1, "chat": {"id": chat, "type": "private", "first_name": "C"},
        "text": "…"});
    let mut update = callback_update(chat, message, data);
    update["callback_query"]["id"] = json!(query_id(chat, step));
    fake.push_update(update);
}

/// Successful answers per callback id.
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

/// Citizens in a closed loop: each presses its next button once the previous
/// press was answered, as a person does, until every step is done.
fn drive(fake: Arc<FakeApi>, chats: Vec<i64>, steps: Vec<String>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut next: HashMap<i64, usize> = chats.iter().map(|c| (*c, 0)).collect();
        loop {
            let answered = answers(&fake);
            let mut all_done = true;
            for chat in &chats {
                let step = next[chat];
                if step > 0 && !answered.contains_key(&query_id(*chat, step - 1)) {
                    all_done = false;
                    continue;
                }
                if step < steps.len() {
                    all_done = false;
                    press(&fake, *chat, step, &steps[step]);
                    next.insert(*chat, step + 1);
                }
            }
            if all_done {
                return;
            }
            tokio::time::sleep(Duration::from_millis(15)).await;
        }
    })
}

#[derive(Clone, Copy)]
enum Intake {
    Polling,
    Webhook { port: u16 },
}

impl Intake {
    fn webhook() -> Intake {
        let port =
            std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
        Intake::Webhook { port }
    }
}

struct Running {
    child: Child,
    log: PathBuf,
}

impl Running {
    fn start(fake: &FakeApi, db: &str, log: &Path, intake: Intake) -> Running {
        let file = std::fs::OpenOptions::new().create(true).append(true).open(log).expect("log file");
        let mut command = Command::new(env!("CARGO_BIN_EXE_consulta"));
        command
            .env("TELOXIDE_TOKEN", TOKEN)
            .env("TELOXIDE_API_URL", fake.url())
            .env("DATABASE_URL", db)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(file);
        if let Intake::Webhook { port } = intake {
            command
                .env("CONSULTA_WEBHOOK_URL", "https://consulta.example.org/telegram")
                .env("CONSULTA_LISTEN", format!("127.0.0.1:{port}"))
                .env("CONSULTA_WEBHOOK_SECRET", SECRET);
        }
        Running { child: command.spawn().expect("start the bot"), log: log.to_path_buf() }
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    fn exited(&self) -> Option<String> {
        std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))
            .ok()
            .filter(|stat| !stat.contains(") Z "))
            .map_or(Some("yes".into()), |_| None)
    }

    fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        let _ = self.child.wait();
    }

    /// SIGTERM, then the exit status and how long it took (a kill after 15 s).
    async fn terminate(mut self) -> (Option<ExitStatus>, Duration) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return (Some(status), start.elapsed());
            }
            if start.elapsed() > Duration::from_secs(15) {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return (None, start.elapsed());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGTERM: exit 0 within 10 s.
    async fn stops_cleanly(self, when: &str) {
        let tail = self.log.clone();
        let (status, took) = self.terminate().await;
        let log = std::fs::read_to_string(tail).unwrap_or_default();
        assert!(took < Duration::from_secs(10), "{when}: stopped after {took:?}\n{log}");
        assert!(status.is_some_and(|s| s.success()), "{when}: exit status {status:?}\n{log}");
    }
}

struct Scene {
    fake: Arc<FakeApi>,
    dir: tempfile::TempDir,
    db: String,
    log: PathBuf,
    intake: Intake,
    choices: Vec<(String, [String; 2])>,
    steps: Vec<String>,
    chats: Vec<i64>,
}

impl Scene {
    fn new(intake: Intake, first_chat: i64) -> Scene {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("consulta.db").to_string_lossy().into_owned();
        let log = dir.path().join("bot.log");
        let fake = Arc::new(FakeApi::start());
        fake.set_latency(LATENCY);
        if let Intake::Webhook { port } = intake {
            // Telegram keeps trying while the server is down, as it would.
            fake.deliver_to(&format!("http://127.0.0.1:{port}/telegram"), Some(SECRET));
        }
        let choices = choices();
        let steps = vote_steps(&choices);
        let chats = (first_chat..first_chat + CHATS).collect();
        Scene { fake, dir, db, log, intake, choices, steps, chats }
    }

    fn start(&self) -> Running {
        Running::start(&self.fake, &self.db, &self.log, self.intake)
    }

    fn total(&self) -> usize {
        self.chats.len() * self.steps.len()
    }

    fn answered(&self) -> usize {
        answers(&self.fake).len()
    }

    async fn wait_all_answered(&self, running: &Running) {
        let start = Instant::now();
        while self.answered() < self.total() {
            if start.elapsed() > Duration::from_secs(30) {
                let answered = answers(&self.fake);
                let missing: Vec<String> = (0..self.steps.len())
                    .flat_map(|step| self.chats.iter().map(move |chat| query_id(*chat, step)))
                    .filter(|id| !answered.contains_key(id))
                    .take(10)
                    .collect();
                panic!(
                    "{} of {} presses answered after 30 s; first missing {missing:?}; {} updates still at \
                     Telegram; {} webhook posts recorded, (attempts, accepted) {:?}; bot exited: {:?}\n{}",
                    answered.len(),
                    self.total(),
                    self.fake.pending_updates(),
                    self.fake.posts().len(),
                    self.fake.posted(),
                    running.exited(),
                    running.log_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// What must hold once the bot has stopped: nothing lost, nothing doubled.
    async fn check(self) {
        let answered = answers(&self.fake);
        let mut lost = Vec::new();
        for chat in &self.chats {
            for step in 0..self.steps.len() {
                if !answered.contains_key(&query_id(*chat, step)) {
                    lost.push(query_id(*chat, step));
                }
            }
        }
        assert!(lost.is_empty(), "presses never answered: {lost:?}");
        // Only an update between its answer and its record at the kill can be
        // answered again: at most one per chat, since a chat's updates go in order.
        let repeated: HashSet<&str> = answered
            .iter()
            .filter(|(_, n)| **n > 1)
            .map(|(id, _)| id.split('-').next().unwrap_or(id))
            .collect();
        let twice = answered.values().filter(|n| **n > 1).count();
        assert!(
            twice <= self.chats.len() && repeated.len() == twice,
            "answered twice: {twice} in {repeated:?}"
        );
        if let Intake::Webhook { .. } = self.intake {
            assert_eq!(self.fake.pending_updates(), 0, "Telegram still holds updates");
            let set = self.fake.calls_of("setWebhook");
            assert!(!set.is_empty() && set.iter().all(|c| c.body["secret_token"] == SECRET));
        }

        let pool = consulta::db::open(&self.db).await.expect("reopen");
        let h = Harness::from_parts(self.dir, self.db.clone(), pool);
        for chat in &self.chats {
            for (pillar, [a, b]) in &self.choices {
                assert_eq!(h.ballot_of(*chat, pillar).await, [a.clone(), b.clone()], "chat {chat}, {pillar}");
            }
        }
        let ballots = self.chats.len() * self.choices.len();
        assert_eq!(
            h.count("SELECT COUNT(*) FROM ballots").await,
            ballots as i64,
            "one ballot per pillar each"
        );
        assert_eq!(
            h.count("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL").await,
            0,
            "updates left pending"
        );
        h.pool.close().await;
    }
}

/// Load, a SIGKILL at a seeded random moment, a restart, the rest of the load,
/// a SIGTERM; then every check.
async fn killed_at_random_and_restarted(test: &str, intake: Intake, first_chat: i64) {
    let mut rng = seeded(test);
    let scene = Scene::new(intake, first_chat);
    let running = scene.start();
    let driver = drive(scene.fake.clone(), scene.chats.clone(), scene.steps.clone());
    wait_for("the first answer", Duration::from_secs(20), || scene.answered() > 0).await;
    let delay = Duration::from_millis(100 + rng.next() % 1_400);
    tokio::time::sleep(delay).await;
    running.kill();
    let before = scene.answered();
    eprintln!("{test}: killed {delay:?} after the first answer, {before} of {} answered", scene.total());
    assert!(before < scene.total(), "killed in the middle of the load ({before} of {})", scene.total());

    let running = scene.start();
    scene.wait_all_answered(&running).await;
    driver.await.expect("the citizens finish");
    running.stops_cleanly("after the restart").await;
    scene.check().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_killed_at_a_random_moment_loses_no_vote_and_doubles_none() {
    killed_at_random_and_restarted("polling", Intake::Polling, 50_000).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_killed_at_a_random_moment_loses_no_vote_and_doubles_none() {
    killed_at_random_and_restarted("webhook", Intake::webhook(), 51_000).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_stopped_while_updates_are_posted_drains_and_exits_cleanly() {
    let mut rng = seeded("webhook drain");
    let scene = Scene::new(Intake::webhook(), 52_000);
    let running = scene.start();
    let driver = drive(scene.fake.clone(), scene.chats.clone(), scene.steps.clone());
    wait_for("the first answer", Duration::from_secs(20), || scene.answered() > 0).await;
    tokio::time::sleep(Duration::from_millis(100 + rng.next() % 1_000)).await;
    let (posts_before, _) = scene.fake.posted();
    wait_for("posts under way", Duration::from_secs(5), || scene.fake.posted().0 > posts_before).await;
    let before = scene.answered();
    assert!(before < scene.total(), "stopped in the middle of the load ({before} of {})", scene.total());
    running.stops_cleanly("stopped while updates are posted").await;

    // Everything accepted (answered 200) before the stop was handled before exiting.
    let pool = consulta::db::open(&scene.db).await.expect("reopen");
    let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL")
        .fetch_one(&pool)
        .await
        .expect("inbox");
    let accepted: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM inbox").fetch_one(&pool).await.expect("inbox");
    pool.close().await;
    let log = std::fs::read_to_string(&scene.log).unwrap_or_default();
    assert_eq!(pending, 0, "of {accepted} updates accepted, {pending} left pending at a clean stop\n{log}");
    let (attempts, delivered) = scene.fake.posted();
    eprintln!(
        "webhook drain: stopped with {before} of {} answered; {delivered} of {attempts} posts accepted",
        scene.total()
    );

    // What Telegram still held is delivered to the next run.
    let running = scene.start();
    scene.wait_all_answered(&running).await;
    driver.await.expect("the citizens finish");
    running.stops_cleanly("after the restart").await;
    scene.check().await;
}
