//! Broadcast benchmark: 10,000 recipients with `BROADCAST_RATE` 1,000 against the
//! fake Bot API, while other citizens vote. Reports the rate reached against the
//! rate configured, and the voting latency with and without the broadcast.
//!
//! `cargo bench --bench broadcast` (knobs: `BC_RECIPIENTS`, `BC_RATE`, `BC_VOTERS`).
//! The bot runs in this process through the same `run_until` that `main` uses.

#[path = "../tests/main/fake_api.rs"]
mod fake_api;

use consulta::{
    config::Settings,
    db::{self, broadcasts::NewBroadcast},
    domain::{BroadcastKind, Catalog, Lang, NOTICE_VERSION},
};
use fake_api::{Event, FakeApi, Options, callback_update};
use serde_json::json;
use sqlx::SqlitePool;
use std::time::{Duration, Instant};

const BROADCAST_TEXT: &str = "Última semana para votar en la consulta";
const FIRST_RECIPIENT: i64 = 1_000_000;
const FIRST_VOTER: i64 = 5_000_000;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

async fn recipients(pool: &SqlitePool, n: i64) {
    let mut tx = pool.begin().await.expect("begin");
    for chat in FIRST_RECIPIENT..FIRST_RECIPIENT + n {
        sqlx::query(
            "INSERT INTO citizens (telegram_user_id, language, created_at, consent_accepted, consent_version, consent_at)
             VALUES (?, 'es', '2026-11-01T00:00:00.000Z', 1, ?, '2026-11-01T00:00:00.000Z')",
        )
        .bind(chat)
        .bind(NOTICE_VERSION)
        .execute(&mut *tx)
        .await
        .expect("citizen");
    }
    tx.commit().await.expect("commit");
}

/// Voters go through consent and a ballot, one press at a time, and the time from
/// each press being queued to the bot's answer is recorded.
async fn vote(
    fake: &FakeApi,
    chat: i64,
    events: &mut tokio::sync::mpsc::UnboundedReceiver<Event>,
) -> Vec<Duration> {
    let steps =
        ["c:y", "v:transparencia", "vp:transparencia:T05:0", "vp:transparencia:T03:0", "vc:transparencia"];
    let mut latencies = Vec::new();
    for (i, data) in steps.iter().enumerate() {
        let message = json!({"message_id": 1, "date": 1, "chat": {"id": chat, "type": "private", "first_name": "V"},
            "text": "…"});
        let mut update = callback_update(chat, message, data);
        let id = format!("v{chat}-{i}");
        update["callback_query"]["id"] = json!(id);
        let start = Instant::now();
        fake.push_update(update);
        loop {
            match tokio::time::timeout(Duration::from_secs(10), events.recv()).await {
                Ok(Some(Event::Call { method, body, at, .. }))
                    if &*method == "answerCallbackQuery" && body["callback_query_id"] == json!(id) =>
                {
                    latencies.push(at.saturating_duration_since(start));
                    break;
                }
                Ok(Some(_)) => {}
                _ => panic!("press {id} not answered in 10 s"),
            }
        }
    }
    latencies
}

struct Run {
    latencies: Vec<Duration>,
    sent: usize,
    first: Option<Instant>,
    last: Option<Instant>,
}

async fn run(recipients_n: i64, rate: u32, voters: i64, with_broadcast: bool) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = dir.path().join("consulta.db").to_string_lossy().into_owned();
    let pool = db::open(&url).await.expect("open");
    let catalog = Catalog::parse(consulta::DEFAULT_CATALOG).expect("catalog");
    db::catalog::import(&pool, &catalog).await.expect("import");
    recipients(&pool, recipients_n).await;
    let fake = FakeApi::start_with(Options { workers: 2, record: false });
    let mut all = fake.subscribe();
    let settings = Settings { broadcast_rate: rate, ..Settings::default() };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let bot_pool = pool.clone();
    let bot = tokio::spawn(consulta::intake::run_until(
        fake.bot(),
        bot_pool,
        settings,
        consulta::intake::Intake::polling(),
        async move {
            let _ = stopped.await;
        },
    ));
    tokio::time::sleep(Duration::from_millis(300)).await;
    if with_broadcast {
        let new = NewBroadcast {
            created_by: 1,
            language: Lang::Es,
            kind: BroadcastKind::Text,
            body: BROADCAST_TEXT.into(),
            entities: None,
            file_id: None,
        };
        let id = db::broadcasts::create_draft(&pool, &new).await.expect("draft");
        db::broadcasts::queue(&pool, id, (1, 1)).await.expect("queue");
    }
    // Voters start once the broadcast is under way, one after another in waves.
    let voting = {
        let fake_ref = &fake;
        async move {
            let mut latencies = Vec::new();
            let mut events = fake_ref.subscribe();
            tokio::time::sleep(Duration::from_millis(1500)).await;
            for chat in FIRST_VOTER..FIRST_VOTER + voters {
                latencies.extend(vote(fake_ref, chat, &mut events).await);
            }
            latencies
        }
    };
    let counting = async {
        let (mut sent, mut first, mut last) = (0usize, None, None);
        let deadline = Instant::now() + Duration::from_secs(120);
        while with_broadcast && sent < recipients_n as usize && Instant::now() < deadline {
            match tokio::time::timeout(Duration::from_secs(5), all.recv()).await {
                Ok(Some(Event::Call { method, chat_id: Some(chat), at, status, .. }))
                    if &*method == "sendMessage"
                        && status == 200
                        && (FIRST_RECIPIENT..FIRST_VOTER).contains(&chat) =>
                {
                    sent += 1;
                    first.get_or_insert(at);
                    last = Some(at);
                }
                Ok(Some(_)) => {}
                _ => break,
            }
        }
        (sent, first, last)
    };
    let (latencies, (sent, first, last)) = tokio::join!(voting, counting);
    let _ = stop.send(());
    let _ = bot.await;
    Run { latencies, sent, first, last }
}

fn main() {
    let recipients_n: i64 = env_or("BC_RECIPIENTS", 10_000);
    let rate: u32 = env_or("BC_RATE", 1_000);
    let voters: i64 = env_or("BC_VOTERS", 200);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let quiet = run(recipients_n, rate, voters, false).await;
        let busy = run(recipients_n, rate, voters, true).await;
        let mut report = String::new();
        report.push_str(&format!(
            "broadcast benchmark: {recipients_n} recipients at BROADCAST_RATE {rate}/s; {voters} citizens voting \
             meanwhile (5 presses each, one at a time)\n"
        ));
        let secs = match (busy.first, busy.last) {
            (Some(a), Some(b)) => b.duration_since(a).as_secs_f64(),
            _ => 0.0,
        };
        let reached = if secs > 0.0 { (busy.sent.saturating_sub(1)) as f64 / secs } else { 0.0 };
        report.push_str(&format!(
            "broadcast: {} of {recipients_n} sent in {secs:.2} s = {reached:.0} msg/s, {:.1} % of the configured rate\n",
            busy.sent,
            reached / f64::from(rate) * 100.0
        ));
        for (name, r) in [("voting alone", &quiet), ("voting during the broadcast", &busy)] {
            let mut l = r.latencies.clone();
            l.sort();
            report.push_str(&format!(
                "{name:<28} presses {:>5}  p50 {:>6.1} ms  p95 {:>6.1} ms  p99 {:>6.1} ms  max {:>6.1} ms\n",
                l.len(),
                percentile(&l, 0.50),
                percentile(&l, 0.95),
                percentile(&l, 0.99),
                percentile(&l, 1.0)
            ));
        }
        print!("{report}");
        let _ = std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench-broadcast.txt"), &report);
    });
}
