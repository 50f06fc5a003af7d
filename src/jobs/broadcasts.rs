//! The single background worker that drains the broadcast outbox.
//!
//! - At most `rate` messages per second, evenly spaced, with several requests in
//!   flight so a slow network does not lower the rate.
//! - A 429 pauses every send for the `retry_after` Telegram asks; the message is
//!   tried again afterwards without counting it as an attempt.
//! - Network errors and Telegram's 5xx are retried with backoff (2, 4, 8… s) up to
//!   `MAX_ATTEMPTS`; other refusals fail the delivery at once.
//! - 403 (blocked, deactivated, chat not found) marks the citizen unreachable:
//!   never retried, and left out of later broadcasts until they `/start` again.
//! - Each delivery is marked `sending` before the request and its outcome after,
//!   so a restart resumes where it stopped; only a message in flight at a crash
//!   can reach its recipient twice.

use crate::{
    bot::{
        raw::{self, Failure},
        ui,
    },
    db::{
        self,
        broadcasts::{Broadcast, Delivery, Outcome},
    },
    domain::{
        BroadcastKind, BroadcastStatus, broadcast::MAX_ATTEMPTS, broadcast::Personal, broadcast::backoff,
    },
    error::Result,
    followup::Personalized,
    i18n::{arg, tr},
};
use chrono::Utc;
use sqlx::SqlitePool;
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};
use teloxide::{
    ApiError,
    prelude::*,
    types::{ChatId, MessageId},
};
use tokio::{sync::watch, task::JoinSet, time::Instant};
use tracing::Instrument;

/// How often the sender's progress message is edited.
const PROGRESS_EVERY: Duration = Duration::from_secs(3);
/// How long one progress edit may hold the sending (it is tried again at the
/// next progress if it fails).
const PROGRESS_BUDGET: Duration = Duration::from_secs(2);
/// How often an idle worker looks for a newly confirmed broadcast.
const IDLE_POLL: Duration = Duration::from_secs(1);
/// Requests in flight at once, at most.
const MAX_IN_FLIGHT: usize = 64;
/// How long one delivery request may take before it counts as a network error.
const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// Spaces sends `1/rate` apart and holds them all while Telegram asks to wait.
struct Limiter {
    interval: Duration,
    next: Instant,
    pause: Arc<Mutex<Option<Instant>>>,
}

impl Limiter {
    fn new(rate: u32) -> Limiter {
        Limiter {
            interval: Duration::from_secs(1) / rate.max(1),
            next: Instant::now(),
            pause: Arc::new(Mutex::new(None)),
        }
    }

    fn paused_until(&self) -> Option<Instant> {
        self.pause.lock().ok().and_then(|p| *p).filter(|at| *at > Instant::now())
    }

    async fn ready(&mut self) {
        loop {
            let at = self.paused_until().map_or(self.next, |p| p.max(self.next));
            if at > Instant::now() {
                tokio::time::sleep_until(at).await;
                continue;
            }
            // Never catch up: after a pause, an idle spell or a late wake-up the
            // next send is one interval from now, so sends stay evenly spaced.
            self.next = self.next.max(Instant::now()) + self.interval;
            return;
        }
    }
}

pub struct BroadcastWorker {
    bot: Bot,
    pool: SqlitePool,
    rate: u32,
    /// Where the consultation is: digests wait out its quiet hours (21:00 to
    /// 07:00). `None` (tests): no quiet hours.
    tz: Option<chrono_tz::Tz>,
}

impl BroadcastWorker {
    pub fn new(bot: Bot, pool: SqlitePool, rate: u32) -> BroadcastWorker {
        BroadcastWorker { bot, pool, rate: rate.max(1), tz: None }
    }

    /// Keeps the quiet hours of `tz` for digests.
    pub fn in_timezone(mut self, tz: chrono_tz::Tz) -> BroadcastWorker {
        self.tz = Some(tz);
        self
    }

    /// Whether digests must wait now.
    fn quiet(&self) -> bool {
        self.tz.is_some_and(|tz| crate::domain::followup::quiet_hours(Utc::now().with_timezone(&tz).time()))
    }

    /// Runs until `shutdown` turns true: resumes what a previous run left in
    /// flight, then sends every confirmed broadcast, oldest first.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        loop {
            match db::broadcasts::requeue_in_flight(&self.pool).await {
                Ok(n) => {
                    if n > 0 {
                        tracing::info!(deliveries = n, "resuming broadcast deliveries left in flight");
                    }
                    break;
                }
                Err(e) => {
                    tracing::error!(error = %e, "could not resume the broadcast outbox");
                    if wait_or_stop(&mut shutdown, Duration::from_secs(5)).await {
                        return;
                    }
                }
            }
        }
        while !*shutdown.borrow() {
            let pause = match db::broadcasts::next_queued_but(&self.pool, self.quiet()).await {
                Ok(Some(b)) => match self.send(b, &mut shutdown).await {
                    Ok(()) => Duration::ZERO,
                    Err(e) => {
                        tracing::error!(error = %e, "broadcast worker failed; retrying");
                        Duration::from_secs(5)
                    }
                },
                Ok(None) => IDLE_POLL,
                Err(e) => {
                    tracing::error!(error = %e, "could not read the broadcast queue");
                    Duration::from_secs(5)
                }
            };
            if !pause.is_zero() && wait_or_stop(&mut shutdown, pause).await {
                break;
            }
        }
        tracing::info!("broadcast worker stopped");
    }

    /// Sends every queued broadcast to the end and returns (tests, benchmarks).
    pub async fn drain(&self) -> Result<()> {
        let (_keep, mut never) = watch::channel(false);
        db::broadcasts::requeue_in_flight(&self.pool).await?;
        while let Some(b) = db::broadcasts::next_queued_but(&self.pool, self.quiet()).await? {
            self.send(b, &mut never).await?;
            if self.quiet() && db::broadcasts::next_queued_but(&self.pool, true).await?.is_none() {
                // Only digests are left, and they wait for the morning.
                break;
            }
        }
        Ok(())
    }

    /// Sends one broadcast until it is drained, cancelled, or shutdown is asked.
    /// Nothing is left to claim and every request has ended: a row still
    /// `sending` lost its outcome and is sent again; the broadcast ends if every
    /// delivery has an outcome, else the first retry (or a stop) is waited for.
    /// True when the sending is over.
    async fn drained(&self, id: i64, shutdown: &mut watch::Receiver<bool>) -> Result<bool> {
        let orphans = db::broadcasts::requeue_orphans(&self.pool, id).await?;
        if orphans > 0 {
            tracing::warn!(broadcast = id, orphans, "deliveries without an outcome are sent again");
        }
        if db::broadcasts::finish_if_drained(&self.pool, id).await? {
            self.report(id).await;
            return Ok(true);
        }
        let due = db::broadcasts::next_retry(&self.pool, id).await?;
        let wait = due
            .and_then(|at| (at - Utc::now()).to_std().ok())
            .unwrap_or(Duration::ZERO)
            .clamp(Duration::from_millis(50), IDLE_POLL);
        Ok(wait_or_stop(shutdown, wait).await)
    }

    async fn send(&self, b: Broadcast, shutdown: &mut watch::Receiver<bool>) -> Result<()> {
        let mut limiter = Limiter::new(self.rate);
        let mut in_flight: JoinSet<()> = JoinSet::new();
        let mut last_progress = Instant::now();
        let mut last_shown = None;
        let batch = i64::from(self.rate.clamp(1, 500));
        // A personal broadcast's shared part (the plan, the catalog), read once.
        let personal = match b.personal {
            Some(p) => {
                Some(Arc::new(Personalized::load(&self.pool, p, self.tz.unwrap_or(chrono_tz::UTC)).await?))
            }
            None => None,
        };
        let digest = matches!(b.personal, Some(Personal::Digest { .. }));
        tracing::info!(broadcast = b.id, total = b.total, "sending broadcast");
        loop {
            if *shutdown.borrow() {
                while in_flight.join_next().await.is_some() {}
                return Ok(());
            }
            if digest && self.quiet() {
                // Quiet hours began: the rest waits, still queued, for 07:00.
                while in_flight.join_next().await.is_some() {}
                return Ok(());
            }
            let status = db::broadcasts::get(&self.pool, b.id).await?.map(|b| b.status);
            if status != Some(BroadcastStatus::Queued) {
                while in_flight.join_next().await.is_some() {}
                self.report(b.id).await;
                return Ok(());
            }
            let deliveries = db::broadcasts::claim(&self.pool, b.id, batch).await?;
            if deliveries.is_empty() {
                while in_flight.join_next().await.is_some() {}
                if self.drained(b.id, shutdown).await? {
                    return Ok(());
                }
                continue;
            }
            let mut pending = deliveries.into_iter();
            while let Some(d) = pending.next() {
                if *shutdown.borrow() {
                    self.hand_back(b.id, std::iter::once(d).chain(pending.by_ref())).await?;
                    break;
                }
                // A 429 pause can be long: a stop is heard during it.
                let stopping = tokio::select! {
                    () = limiter.ready() => false,
                    _ = shutdown.changed() => true,
                };
                if stopping {
                    self.hand_back(b.id, std::iter::once(d).chain(pending.by_ref())).await?;
                    break;
                }
                while in_flight.len() >= MAX_IN_FLIGHT {
                    in_flight.join_next().await;
                }
                let (bot, pool, b2, pause, personal) =
                    (self.bot.clone(), self.pool.clone(), b.clone(), limiter.pause.clone(), personal.clone());
                // Every line logged for this delivery says whose it was (ids only).
                let span = tracing::info_span!(
                    "delivery",
                    broadcast = b.id,
                    citizen = d.citizen_id,
                    chat = d.chat_id,
                    attempt = d.attempts + 1
                );
                in_flight.spawn(
                    async move { deliver(&bot, &pool, &b2, d, &pause, personal.as_deref()).await }
                        .instrument(span),
                );
                if last_progress.elapsed() >= PROGRESS_EVERY {
                    last_progress = Instant::now();
                    self.show_progress(b.id, &mut last_shown).await;
                }
            }
            while let Some(done) = in_flight.try_join_next() {
                if let Err(e) = done {
                    tracing::error!(error = %e, "a delivery task failed");
                }
            }
            if last_progress.elapsed() >= PROGRESS_EVERY {
                last_progress = Instant::now();
                self.show_progress(b.id, &mut last_shown).await;
            }
        }
    }

    /// Claimed but not sent at a stop: handed back so a restart sends them.
    async fn hand_back(&self, id: i64, deliveries: impl Iterator<Item = Delivery>) -> Result<()> {
        let now = Utc::now();
        for d in deliveries {
            let back = Outcome::Retry { at: now, count_attempt: false, error: String::new() };
            db::broadcasts::record(&self.pool, id, d, &back).await?;
        }
        Ok(())
    }

    async fn progress_of(&self, id: i64) -> Option<(Broadcast, crate::domain::Figures, (ChatId, MessageId))> {
        let b = db::broadcasts::get(&self.pool, id).await.ok().flatten()?;
        let figures = db::broadcasts::figures(&self.pool, id).await.ok()?;
        let (chat, message) = b.progress?;
        Some((b, figures, (ChatId(chat), MessageId(message))))
    }

    /// Edits the sender's progress message when its figures changed (a failure
    /// here never stops sending). A deleted progress message is sent again once,
    /// and the new one is edited from then on.
    async fn show_progress(&self, id: i64, last: &mut Option<String>) {
        if let Some((b, figures, (chat, message))) = self.progress_of(id).await {
            let screen = crate::broadcasts::progress_screen(&b, &figures, self.rate);
            if last.as_deref() == Some(screen.text.as_str()) {
                return;
            }
            match ui::edit_id(&self.bot, chat, message, &screen, PROGRESS_BUDGET).await {
                Ok(Some(new)) => {
                    if let Err(e) = db::broadcasts::set_progress_message(&self.pool, id, new.0).await {
                        tracing::warn!(error = %e, "could not remember a broadcast's new progress message");
                    }
                    *last = Some(screen.text);
                }
                Ok(None) => *last = Some(screen.text),
                // Tried again at the next progress.
                Err(e) => tracing::warn!(error = %e, "could not update a broadcast's progress"),
            }
        }
    }

    /// The final figures in the progress message, and a short report that notifies.
    async fn report(&self, id: i64) {
        let Some((b, figures, (chat, message))) = self.progress_of(id).await else { return };
        tracing::info!(broadcast = id, sent = figures.sent, failed = figures.failed, "broadcast ended");
        let screen = crate::broadcasts::progress_screen(&b, &figures, self.rate);
        match ui::edit_id(&self.bot, chat, message, &screen, ui::RETRY_BUDGET).await {
            Ok(Some(new)) => {
                let _ = db::broadcasts::set_progress_message(&self.pool, id, new.0).await;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "could not show a broadcast's final figures"),
        }
        let key = if b.status == BroadcastStatus::Cancelled {
            "broadcast-ended-cancelled"
        } else {
            "broadcast-ended"
        };
        let note =
            tr(b.language, key, &[arg("id", id), arg("sent", figures.sent), arg("total", figures.total)]);
        if let Err(e) = ui::send(&self.bot, chat, &ui::Screen::new(note)).await {
            tracing::warn!(error = %e, "could not send a broadcast's report");
        }
    }
}

/// Sleeps for `wait`; `true` if shutdown was asked meanwhile.
async fn wait_or_stop(shutdown: &mut watch::Receiver<bool>, wait: Duration) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(wait) => *shutdown.borrow(),
        changed = shutdown.changed() => changed.is_err() || *shutdown.borrow(),
    }
}

/// Another attempt after the backoff, or a failure once attempts run out.
fn retry_later(error: String, attempts: u32) -> Outcome {
    let attempt = attempts + 1;
    if attempt >= MAX_ATTEMPTS {
        Outcome::Failed(error)
    } else {
        let wait = chrono::Duration::from_std(backoff(attempt)).unwrap_or_default();
        Outcome::Retry { at: Utc::now() + wait, count_attempt: true, error }
    }
}

/// What a failed request means for this delivery.
fn outcome_of(failure: &Failure, attempts: u32, pause: &Mutex<Option<Instant>>) -> Outcome {
    let now = Utc::now();
    let retry = |error: String| retry_later(error, attempts);
    match failure {
        Failure::RetryAfter(wait) => {
            if let Ok(mut p) = pause.lock() {
                let until = Instant::now() + *wait;
                *p = Some(p.map_or(until, |old| old.max(until)));
            }
            Outcome::Retry {
                at: now + chrono::Duration::from_std(*wait).unwrap_or_default(),
                count_attempt: false,
                error: failure.to_string(),
            }
        }
        Failure::Refused {
            error:
                ApiError::BotBlocked
                | ApiError::UserDeactivated
                | ApiError::ChatNotFound
                | ApiError::BotKicked
                | ApiError::BotKickedFromSupergroup
                | ApiError::CantInitiateConversation
                | ApiError::CantTalkWithBots,
            ..
        } => Outcome::Unreachable(failure.to_string()),
        Failure::Network(_) => retry(failure.to_string()),
        refused if refused.is_server_error() => retry(failure.to_string()),
        _ => Outcome::Failed(failure.to_string()),
    }
}

async fn deliver(
    bot: &Bot,
    pool: &SqlitePool,
    b: &Broadcast,
    d: Delivery,
    pause: &Mutex<Option<Instant>>,
    personal: Option<&Personalized>,
) {
    // Stopping must stop: a delivery cancelled after its claim is not requested.
    match db::broadcasts::still_claimed(pool, b.id, d.citizen_id).await {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => {
            tracing::error!(error = %e, broadcast = b.id, "could not check a delivery; it is sent later");
            return;
        }
    }
    // Sent outside teloxide's request path: a 5xx costs this recipient a retry
    // with backoff, not a 10-second sleep holding a request slot.
    let (method, body) = match personal {
        None => delivery_request(ChatId(d.chat_id), b),
        Some(messages) => match messages.request(pool, &d).await {
            Ok(Some(body)) => ("sendMessage", body),
            Ok(None) => {
                if let Err(e) = db::broadcasts::record(pool, b.id, d, &Outcome::Skipped).await {
                    tracing::error!(error = %e, broadcast = b.id, "could not record a delivery");
                }
                return;
            }
            Err(e) => {
                // The database could not be read: tried again later, with backoff.
                tracing::error!(error = %e, broadcast = b.id, "could not write a personal message");
                let outcome = retry_later(e.to_string(), d.attempts);
                if let Err(e) = db::broadcasts::record(pool, b.id, d, &outcome).await {
                    tracing::error!(error = %e, broadcast = b.id, "could not record a delivery");
                }
                return;
            }
        },
    };
    let outcome = match raw::call(bot, method, &body, SEND_TIMEOUT).await {
        Ok(_) => Outcome::Sent,
        Err(e) => outcome_of(&e, d.attempts, pause),
    };
    if let Err(e) = db::broadcasts::record(pool, b.id, d, &outcome).await {
        // Left `sending`: a restart sends it again (the documented in-flight case).
        tracing::error!(error = %e, broadcast = b.id, "could not record a delivery");
    }
}

/// The Bot API method and JSON body that deliver `b` to `chat` (the worker sends
/// them outside teloxide's request path; see `raw`).
fn delivery_request(chat: ChatId, b: &Broadcast) -> (&'static str, serde_json::Value) {
    let entities: Option<serde_json::Value> =
        b.entities.as_deref().and_then(|j| serde_json::from_str(j).ok());
    let mut body = serde_json::json!({ "chat_id": chat.0 });
    let method = match b.kind {
        BroadcastKind::Text => {
            body["text"] = b.body.clone().into();
            if let Some(e) = entities {
                body["entities"] = e;
            }
            return ("sendMessage", body);
        }
        BroadcastKind::Photo => {
            body["photo"] = b.file_id.clone().unwrap_or_default().into();
            "sendPhoto"
        }
        BroadcastKind::Document => {
            body["document"] = b.file_id.clone().unwrap_or_default().into();
            "sendDocument"
        }
    };
    if !b.body.is_empty() {
        body["caption"] = b.body.clone().into();
    }
    if let Some(e) = entities {
        body["caption_entities"] = e;
    }
    (method, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_the_right_outcome() {
        let pause = Mutex::new(None);
        let refused = |status, error| Failure::Refused { status, error };
        let blocked = outcome_of(&refused(403, ApiError::BotBlocked), 0, &pause);
        assert!(matches!(blocked, Outcome::Unreachable(_)));
        let gone = outcome_of(&refused(400, ApiError::ChatNotFound), 0, &pause);
        assert!(matches!(gone, Outcome::Unreachable(_)));
        let later = outcome_of(&Failure::RetryAfter(Duration::from_secs(7)), 0, &pause);
        assert!(matches!(later, Outcome::Retry { count_attempt: false, .. }));
        assert!(pause.lock().map(|p| p.is_some()).unwrap_or(false), "429 pauses every send");
        let gateway = refused(502, ApiError::Unknown("Bad Gateway".into()));
        assert!(matches!(outcome_of(&gateway, 0, &pause), Outcome::Retry { count_attempt: true, .. }));
        assert!(matches!(outcome_of(&gateway, MAX_ATTEMPTS - 1, &pause), Outcome::Failed(_)));
        let lost = Failure::Network("timed out".into());
        assert!(matches!(outcome_of(&lost, 0, &pause), Outcome::Retry { count_attempt: true, .. }));
        let bad = refused(400, ApiError::MessageTextIsEmpty);
        assert!(matches!(outcome_of(&bad, 0, &pause), Outcome::Failed(_)));
    }
}
