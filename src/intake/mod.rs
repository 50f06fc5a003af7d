//! The intake: how updates get from Telegram to the handler tree, once each.
//!
//! Every update received (by long polling or by webhook) is first written to the
//! `inbox` table, one transaction per batch, and only then confirmed to Telegram
//! (the next `getUpdates` offset, or the webhook's 200). Fetching never waits for
//! handling: stored updates go to per-chat [`lanes`], which handle one chat's
//! updates in order and different chats at the same time. An update is marked
//! done after it was handled and answered; an idea's update is marked in the
//! idea's own transaction. A ballot's is not, so that a confirmation lost in a
//! crash is shown on the retry: the ballot's transaction ends the draft and a
//! ballot replaces the pillar's, so the retry stores nothing twice. On start,
//! updates left pending are handled first.
//!
//! Where exactly-once stops: a reply is a request to Telegram and cannot share
//! the database transaction. If the process dies after a reply left and before
//! its update was marked done, that update is handled again on the next start and
//! the reply is sent twice; votes and ideas are not repeated.
//!
//! At a stop (SIGTERM): fetching ends first, and a request being stored at that
//! moment is stored and answered; only then are the lanes drained, so every
//! update confirmed to Telegram is handled before the process exits, unless
//! handling it takes past the lanes' grace. Such an update stays pending and is
//! handled first on the next start.

pub mod lanes;
pub mod polling;
pub mod webhook;

use crate::{
    bot::{dependencies, handler_tree, register_commands},
    config::Settings,
    db::{self, inbox::Received},
    error::{Error, Result},
    jobs::broadcasts::BroadcastWorker,
};
pub use lanes::Lanes;
pub use polling::PollSettings;
use serde_json::value::RawValue;
use sqlx::SqlitePool;
use std::{future::Future, net::SocketAddr, time::Duration};
use teloxide::{prelude::*, types::AllowedUpdate};
use tokio::{sync::watch, time::Instant};

/// After a stop: time for the lanes to finish what they hold.
const LANE_GRACE: Duration = Duration::from_secs(6);
/// After a stop: time for the broadcast worker to finish its requests in flight.
const WORKER_GRACE: Duration = Duration::from_secs(7);
/// After a stop: time for the fetcher to confirm its last batch or close its server.
const FETCHER_GRACE: Duration = Duration::from_secs(3);
/// How often handled updates older than a week are forgotten.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// How updates arrive and how long each may take.
#[derive(Debug, Clone)]
pub struct Intake {
    pub mode: Mode,
    /// Past this an update's person is told to try again, and it is marked done.
    pub update_budget: Duration,
}

impl Intake {
    pub fn polling() -> Intake {
        Intake { mode: Mode::Polling(PollSettings::default()), update_budget: lanes::UPDATE_BUDGET }
    }

    pub fn webhook(hook: WebhookSettings) -> Intake {
        Intake { mode: Mode::Webhook(hook), update_budget: lanes::UPDATE_BUDGET }
    }
}

#[derive(Debug, Clone)]
pub enum Mode {
    Polling(PollSettings),
    Webhook(WebhookSettings),
}

#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// The public HTTPS address given to Telegram.
    pub url: url::Url,
    /// Where our server listens (usually behind a reverse proxy).
    pub listen: SocketAddr,
    /// Checked on every request; random when not configured.
    pub secret: Option<String>,
}

/// The mode, with the webhook's address already taken.
enum Fetch {
    Polling(PollSettings),
    Webhook(WebhookSettings, tokio::net::TcpListener),
}

/// Resolves when the process is asked to stop: SIGTERM (systemd, containers) or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => tracing::info!("SIGTERM received: stopping"),
                    _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT received: stopping"),
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM; only Ctrl-C stops the bot");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// What an update is, for logs.
pub(crate) fn kind_of(update: &Update) -> &'static str {
    use teloxide::types::UpdateKind;
    match update.kind {
        UpdateKind::Message(_) => "message",
        UpdateKind::EditedMessage(_) => "edited_message",
        UpdateKind::CallbackQuery(_) => "callback_query",
        _ => "other",
    }
}

/// Stores a batch of raw updates in the inbox, then hands the new ones to the
/// lanes. Returns the offset that confirms the batch (past its highest id).
pub(crate) async fn accept(pool: &SqlitePool, lanes: &Lanes, batch: Vec<Box<RawValue>>) -> Result<i64> {
    let mut next = 0;
    let mut received = Vec::with_capacity(batch.len());
    let mut parsed = Vec::with_capacity(batch.len());
    for raw in batch {
        let Some(id) = update_id(&raw) else {
            tracing::warn!("an update without an id was ignored");
            continue;
        };
        next = next.max(id + 1);
        let payload = String::from(Box::<str>::from(raw));
        match serde_json::from_str::<Update>(&payload) {
            Ok(update) => {
                received.push(Received {
                    update_id: id,
                    chat_id: update.chat().map(|c| c.id.0),
                    kind: kind_of(&update),
                    payload,
                });
                parsed.push((id, update));
            }
            Err(e) => {
                tracing::warn!(error = %e, update = id, "an update could not be read: recorded, not handled");
                db::inbox::store_unreadable(pool, id).await?;
            }
        }
    }
    // The new ids, sorted; each is taken once, even from a batch that carried it twice.
    let mut new = db::inbox::store(pool, &received).await?;
    for (id, update) in parsed {
        match new.binary_search(&id) {
            Ok(i) => {
                new.remove(i);
                if !lanes.push(update) {
                    tracing::info!(update = id, "stored while stopping: handled on the next start");
                }
            }
            Err(_) => tracing::info!(update = id, "update already received: skipped"),
        }
    }
    Ok(next)
}

/// The `update_id` of an update as received, read without the rest.
pub(crate) fn update_id(raw: &RawValue) -> Option<i64> {
    #[derive(serde::Deserialize)]
    struct Id {
        update_id: i64,
    }
    serde_json::from_str::<Id>(raw.get()).ok().map(|i| i.update_id)
}

/// Hands the updates left pending by the last run to the lanes, oldest first.
async fn resume_pending(pool: &SqlitePool, lanes: &Lanes) -> Result<usize> {
    let pending = db::inbox::pending(pool).await?;
    let n = pending.len();
    for (id, payload) in pending {
        match serde_json::from_str::<Update>(&payload) {
            Ok(update) => {
                lanes.push(update);
            }
            Err(e) => {
                tracing::warn!(error = %e, update = id, "a pending update could not be read: marked done");
                db::inbox::mark_done(pool, id).await?;
            }
        }
    }
    Ok(n)
}

/// Forgets what is no longer needed, every hour: handled updates older than a
/// week, who got each broadcast a week after it ended (its figures stay), and
/// conversations left unfinished longer than the draft retention.
async fn prune_regularly(pool: SqlitePool, draft_days: u32, mut stop: watch::Receiver<bool>) {
    loop {
        match db::inbox::prune(&pool).await {
            Ok(n) if n > 0 => tracing::debug!(pruned = n, "old handled updates forgotten"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not prune handled updates"),
        }
        match db::broadcasts::prune_outbox(&pool).await {
            Ok(n) if n > 0 => tracing::info!(pruned = n, "outbox rows of past broadcasts forgotten"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not prune the outbox"),
        }
        match db::dialogues::purge_older_than(&pool, draft_days).await {
            Ok(n) if n > 0 => {
                tracing::info!(purged = n, "unfinished conversations past their retention forgotten")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not purge old conversations"),
        }
        tokio::select! {
            _ = tokio::time::sleep(PRUNE_EVERY) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}

/// Runs the bot until `stop` resolves: the intake, the lanes, the broadcast
/// worker. Then stops fetching (requests in flight are stored and answered,
/// at most 3 s), lets the lanes finish every update received, and the worker
/// its requests in flight (bounded: 6 s for the lanes, 7 s for the worker,
/// then at most 2 s to checkpoint and close the database).
pub async fn run_until(
    bot: Bot,
    pool: SqlitePool,
    settings: Settings,
    intake: Intake,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let Intake { mode, update_budget } = intake;
    // The address is taken first: a wrong or busy one is a setting to fix.
    let fetch = match mode {
        Mode::Webhook(hook) => {
            let listener = tokio::net::TcpListener::bind(hook.listen)
                .await
                .map_err(|source| Error::Listen { addr: hook.listen, source })?;
            Fetch::Webhook(hook, listener)
        }
        Mode::Polling(tuning) => Fetch::Polling(tuning),
    };
    let me = bot.get_me().await?;
    if let Fetch::Polling(_) = fetch {
        bot.delete_webhook().await?;
    }
    if let Err(e) = register_commands(&bot, &settings, &pool).await {
        tracing::warn!(error = %e, "could not register the command menus");
    }
    let (stop_tx, shutdown) = watch::channel(false);
    tokio::spawn(async move {
        stop.await;
        let _ = stop_tx.send(true);
    });
    let pruner = tokio::spawn(prune_regularly(pool.clone(), settings.draft_retention_days, shutdown.clone()));

    let mut deps = dependencies(pool.clone(), settings.clone());
    deps.insert(bot.clone());
    deps.insert(me.clone());
    let lanes = Lanes::new(handler_tree(), deps, pool.clone(), bot.clone(), &settings, update_budget);
    let resumed = resume_pending(&pool, &lanes).await?;
    if resumed > 0 {
        tracing::info!(updates = resumed, "handling the updates left pending by the last run");
    }

    let fetcher = match fetch {
        Fetch::Webhook(hook, listener) => {
            let secret = set_webhook(&bot, &hook).await?;
            tracing::info!(listen = %hook.listen, url = %hook.url, "webhook set");
            let (pool, lanes, shutdown) = (pool.clone(), lanes.clone(), shutdown.clone());
            tokio::spawn(async move {
                if let Err(e) = webhook::serve(listener, pool, lanes, secret, shutdown).await {
                    tracing::error!(error = %e, "the webhook server stopped");
                }
            })
        }
        Fetch::Polling(tuning) => {
            tokio::spawn(polling::run(bot.clone(), pool.clone(), lanes.clone(), tuning, shutdown.clone()))
        }
    };
    let worker = BroadcastWorker::new(bot.clone(), pool.clone(), settings.broadcast_rate)
        .in_timezone(settings.timezone);
    let digests = tokio::spawn(crate::jobs::digests::run(
        pool.clone(),
        bot.clone(),
        settings.clone(),
        shutdown.clone(),
    ));
    let worker = tokio::spawn(worker.run(shutdown.clone()));
    tracing::info!(username = %me.username(), "consulta is listening");

    let mut stopped = shutdown.clone();
    let _ = stopped.wait_for(|s| *s).await;
    let since = stop_in_order(fetcher, lanes, worker).await;
    pruner.abort();
    digests.abort();
    db::close(pool).await;
    tracing::info!(took = ?since.elapsed(), "consulta stopped");
    Ok(())
}

/// Gives Telegram the webhook's address and secret (random unless set), and
/// says which secret to check.
async fn set_webhook(bot: &Bot, hook: &WebhookSettings) -> Result<String> {
    let secret = match hook.secret.clone() {
        Some(s) => s,
        None => webhook::random_secret()?,
    };
    bot.set_webhook(hook.url.clone())
        .secret_token(secret.clone())
        .allowed_updates(vec![AllowedUpdate::Message, AllowedUpdate::CallbackQuery])
        .await
        .map_err(|e| match e {
            // Telegram read the address and said no (a port it does not
            // post to, a host it cannot resolve): a setting to fix.
            teloxide::RequestError::Api(refusal) => {
                Error::WebhookRefused { url: hook.url.clone(), detail: refusal.to_string() }
            }
            other => Error::Telegram(other),
        })?;
    Ok(secret)
}

/// The stop, once asked: the intake closes first (requests in flight are
/// stored and answered), then the lanes finish every update received, while
/// the broadcast worker finishes its requests in flight; each within its grace.
async fn stop_in_order(
    fetcher: tokio::task::JoinHandle<()>,
    lanes: Lanes,
    worker: tokio::task::JoinHandle<()>,
) -> Instant {
    let since = Instant::now();
    let fetcher_done = async {
        let abort = fetcher.abort_handle();
        if tokio::time::timeout(FETCHER_GRACE, fetcher).await.is_err() {
            abort.abort();
            tracing::warn!("the intake did not stop in time");
        }
    };
    let worker_done = async {
        let abort = worker.abort_handle();
        match tokio::time::timeout(WORKER_GRACE, worker).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::error!(error = %e, "the broadcast worker ended abnormally"),
            Err(_) => {
                abort.abort();
                tracing::warn!(
                    "the broadcast worker did not stop in time; its deliveries in flight are resent on restart"
                );
            }
        }
    };
    // The lanes are drained only once the intake is closed: an update whose
    // webhook request (or `getUpdates` batch) was being stored when the stop
    // came reaches the lanes after the stop, and a drain that had already seen
    // them empty would leave it pending although Telegram was told it arrived.
    let intake_then_lanes = async {
        fetcher_done.await;
        // A webhook connection outlives an aborted server task: whatever it
        // stores from now on waits for the next start.
        lanes.close();
        tracing::info!(updates = lanes.backlog(), "stopping: intake closed; finishing the updates in hand");
        if lanes.drain(since + LANE_GRACE).await {
            tracing::info!("stopping: every update received was handled");
        }
    };
    tokio::join!(intake_then_lanes, worker_done);
    since
}
