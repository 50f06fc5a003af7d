//! Long polling that confirms an update to Telegram only after it was handled,
//! and graceful shutdown on SIGTERM or SIGINT.
//!
//! teloxide's own polling confirms a batch as soon as it is queued, so a crash
//! loses the updates fetched but not yet handled. Here a batch is fetched, each
//! update is handled (updates of one chat in order, chats concurrently) and
//! recorded in `processed_updates`, and only then is the next `getUpdates`
//! asked with an offset past the batch. An update Telegram delivers again (after
//! a crash, or because the confirmation never reached it) is recognised by its
//! id and skipped.
//!
//! Where it stops: effects stored in the database (ballots, ideas) record the
//! update in their own transaction, so they happen once. A reply is a request to
//! Telegram and cannot share that transaction: if the process dies after the
//! reply left and before the update was recorded (a window of about a
//! millisecond per update), the update is handled again after the restart and
//! that reply is sent twice. An update whose handler fails is logged, answered
//! with "something went wrong, try again" where possible, and recorded as
//! handled: it is not retried, so one bad update cannot block the others.

use crate::{
    bot::{dependencies, handler_tree, register_commands, worker::BroadcastWorker},
    config::Settings,
    db,
    error::{Error, Result},
};
use futures::FutureExt;
use sqlx::SqlitePool;
use std::{collections::HashMap, future::Future, ops::ControlFlow, sync::Arc, time::Duration};
use teloxide::{dispatching::UpdateHandler, prelude::*, types::AllowedUpdate};
use tokio::{sync::watch, task::JoinSet};

/// How long one `getUpdates` waits for news (Telegram allows up to 50 s).
const POLL_TIMEOUT_SECS: u32 = 25;
/// Time given to the broadcast worker to finish its requests in flight at shutdown.
const WORKER_GRACE: Duration = Duration::from_secs(8);

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

/// Runs the bot until `stop` resolves, then finishes the updates in hand,
/// confirms them to Telegram, stops the broadcast worker and closes the database.
pub async fn run_until(
    bot: Bot,
    pool: SqlitePool,
    settings: Settings,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let me = bot.get_me().await?;
    bot.delete_webhook().await?;
    if let Err(e) = register_commands(&bot, &settings, &pool).await {
        tracing::warn!(error = %e, "could not register the command menus");
    }
    match db::processed::prune(&pool).await {
        Ok(n) if n > 0 => tracing::debug!(pruned = n, "old processed-update records removed"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "could not prune processed updates"),
    }
    let (stop_tx, shutdown) = watch::channel(false);
    tokio::spawn(async move {
        stop.await;
        let _ = stop_tx.send(true);
    });
    let worker = BroadcastWorker::new(bot.clone(), pool.clone(), settings.broadcast_rate);
    let worker = tokio::spawn(worker.run(shutdown.clone()));
    tracing::info!(username = %me.username(), "consulta is listening");

    let handler = Arc::new(handler_tree());
    let mut deps = dependencies(pool.clone(), settings);
    deps.insert(bot.clone());
    deps.insert(me);
    let deps = Arc::new(deps);
    poll(&bot, &pool, &handler, &deps, shutdown).await;

    match tokio::time::timeout(WORKER_GRACE, worker).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::error!(error = %e, "the broadcast worker ended abnormally"),
        Err(_) => tracing::warn!("the broadcast worker did not stop in time"),
    }
    pool.close().await;
    tracing::info!("consulta stopped");
    Ok(())
}

async fn poll(
    bot: &Bot,
    pool: &SqlitePool,
    handler: &Arc<UpdateHandler<Error>>,
    deps: &Arc<DependencyMap>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut offset: i32 = 0;
    let mut failures: u32 = 0;
    while !*shutdown.borrow() {
        let request = bot
            .get_updates()
            .offset(offset)
            .timeout(POLL_TIMEOUT_SECS)
            .allowed_updates(vec![AllowedUpdate::Message, AllowedUpdate::CallbackQuery]);
        let updates = tokio::select! {
            result = request.send() => result,
            _ = shutdown.changed() => break,
        };
        let updates = match updates {
            Ok(updates) => {
                failures = 0;
                updates
            }
            Err(e) => {
                failures += 1;
                let wait =
                    Duration::from_secs(u64::from(failures.min(5)).pow(2)).min(Duration::from_secs(30));
                tracing::warn!(error = %e, retry_in = ?wait, "getUpdates failed");
                tokio::select! {
                    _ = tokio::time::sleep(wait) => continue,
                    _ = shutdown.changed() => break,
                }
            }
        };
        let Some(last) = updates.iter().map(|u| u.id.0).max() else { continue };
        handle_batch(pool, handler, deps, updates).await;
        offset = i32::try_from(last).unwrap_or(i32::MAX).saturating_add(1);
    }
    // Confirm what was handled, so Telegram does not send it again.
    if offset > 0 {
        let confirm = bot.get_updates().offset(offset).timeout(0).limit(1);
        if let Err(e) = confirm.send().await {
            tracing::warn!(error = %e, "could not confirm the last updates; they will be skipped on restart");
        }
    }
}

/// Handles one batch: each chat's updates in order, chats concurrently.
async fn handle_batch(
    pool: &SqlitePool,
    handler: &Arc<UpdateHandler<Error>>,
    deps: &Arc<DependencyMap>,
    updates: Vec<Update>,
) {
    let ids: Vec<i64> = updates.iter().map(|u| i64::from(u.id.0)).collect();
    let done = match db::processed::already(pool, &ids).await {
        Ok(done) => done,
        Err(e) => {
            // Cannot tell: handle them; effects with a transaction still act once.
            tracing::error!(error = %e, "could not read processed updates");
            Vec::new()
        }
    };
    let mut by_chat: HashMap<i64, Vec<Update>> = HashMap::new();
    for update in updates {
        if done.contains(&i64::from(update.id.0)) {
            tracing::info!(update = update.id.0, "update already handled: skipped");
            continue;
        }
        let key = update.chat().map(|c| c.id.0).or_else(|| update.from().map(|u| u.id.0 as i64)).unwrap_or(0);
        by_chat.entry(key).or_default().push(update);
    }
    let mut chats = JoinSet::new();
    for (_, updates) in by_chat {
        let (pool, handler, deps) = (pool.clone(), handler.clone(), deps.clone());
        chats.spawn(async move {
            for update in updates {
                handle_one(&pool, &handler, &deps, update).await;
            }
        });
    }
    while let Some(joined) = chats.join_next().await {
        if let Err(e) = joined {
            tracing::error!(error = %e, "an update handler panicked");
        }
    }
}

async fn handle_one(pool: &SqlitePool, handler: &UpdateHandler<Error>, deps: &DependencyMap, update: Update) {
    let id = update.id.0;
    let mut input = deps.clone();
    input.insert(update);
    // A panic in one handler must not take the chat's other updates with it.
    match std::panic::AssertUnwindSafe(handler.dispatch(input)).catch_unwind().await {
        Ok(ControlFlow::Break(Ok(())) | ControlFlow::Continue(_)) => {}
        Ok(ControlFlow::Break(Err(e))) => {
            tracing::error!(error = %e, update = id, "an update handler failed")
        }
        Err(_) => tracing::error!(update = id, "an update handler panicked"),
    }
    if let Err(e) = db::processed::mark(pool, i64::from(id)).await {
        tracing::error!(error = %e, update = id, "could not record a handled update");
    }
}
