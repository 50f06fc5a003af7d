//! Long polling that never goes deaf: `getUpdates` is sent with the bot's own
//! HTTP client and address but outside teloxide's request path, with a request
//! timeout longer than the poll, so a quiet night is not an error and a 5xx
//! costs a short backoff instead of teloxide's 10-second sleep. Each batch is
//! stored in the inbox before the next request confirms it.

use crate::{
    bot::raw::{self, Failure},
    intake::{Lanes, accept},
};
use serde_json::{json, value::RawValue};
use sqlx::SqlitePool;
use std::time::Duration;
use teloxide::prelude::*;
use tokio::sync::watch;

/// How long one `getUpdates` waits for news (Telegram allows up to 50 s).
pub const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// The request may take this much longer than the poll before it counts as lost.
const REQUEST_MARGIN: Duration = Duration::from_secs(10);
/// Telegram's maximum batch.
const MAX_BATCH: usize = 100;
/// The longest pause after an error while Telegram answers (a 429 waits what it says).
const MAX_BACKOFF: Duration = Duration::from_secs(3);
/// A 429 asking for longer than this is waited this long (a stop is heard meanwhile).
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// Time given to the last request, which confirms the final batch, at shutdown.
const CONFIRM_BUDGET: Duration = Duration::from_secs(2);

/// How the poller is tuned (tests shorten the poll).
#[derive(Debug, Clone, Copy)]
pub struct PollSettings {
    pub poll_timeout: Duration,
    pub request_margin: Duration,
}

impl Default for PollSettings {
    fn default() -> Self {
        PollSettings { poll_timeout: POLL_TIMEOUT, request_margin: REQUEST_MARGIN }
    }
}

async fn get_updates(
    bot: &Bot,
    offset: i64,
    limit: usize,
    poll: Duration,
    margin: Duration,
) -> Result<Vec<Box<RawValue>>, Failure> {
    let body = json!({
        "offset": offset,
        "limit": limit,
        "timeout": poll.as_secs(),
        "allowed_updates": ["message", "callback_query"],
    });
    // Each update is kept as the text it came as: read once into teloxide's
    // `Update`, and stored as it is.
    Ok(raw::call_as(bot, "getUpdates", &body, poll + margin).await?.unwrap_or_default())
}

/// 0.5, 1, 2, 3, 3 … seconds.
fn backoff(failures: u32) -> Duration {
    let ms = 250u64.saturating_mul(1 << failures.min(4));
    Duration::from_millis(ms).min(MAX_BACKOFF)
}

/// Fetches until `stop` is set, then confirms the last batch to Telegram.
pub async fn run(
    bot: Bot,
    pool: SqlitePool,
    lanes: Lanes,
    tuning: PollSettings,
    mut stop: watch::Receiver<bool>,
) {
    let mut offset: i64 = 0;
    let mut sent_offset: i64 = 0;
    let mut failures: u32 = 0;
    while !*stop.borrow() {
        let room = tokio::select! {
            room = lanes.room(MAX_BATCH) => room,
            _ = stop.changed() => break,
        };
        let request = get_updates(&bot, offset, room, tuning.poll_timeout, tuning.request_margin);
        let result = tokio::select! {
            result = request => result,
            _ = stop.changed() => break,
        };
        sent_offset = offset;
        let wait = match result {
            Ok(batch) => {
                failures = 0;
                if batch.is_empty() {
                    continue;
                }
                match accept(&pool, &lanes, batch).await {
                    Ok(next) => {
                        offset = offset.max(next);
                        continue;
                    }
                    Err(e) => {
                        // Not confirmed: Telegram sends the batch again.
                        tracing::error!(error = %e, "could not store received updates");
                        Duration::from_secs(1)
                    }
                }
            }
            Err(Failure::RetryAfter(wait)) => {
                let wait = wait.min(MAX_RETRY_AFTER);
                tracing::warn!(retry_in = ?wait, "getUpdates: Telegram asked to wait");
                wait
            }
            Err(e) => {
                failures += 1;
                let wait = backoff(failures);
                tracing::warn!(error = %e, retry_in = ?wait, "getUpdates failed");
                wait
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stop.changed() => break,
        }
    }
    if offset > sent_offset {
        let confirm = get_updates(&bot, offset, 1, Duration::ZERO, CONFIRM_BUDGET);
        match tokio::time::timeout(CONFIRM_BUDGET, confirm).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "could not confirm the last updates; they are recognised on restart")
            }
            Err(_) => {
                tracing::warn!("confirming the last updates took too long; they are recognised on restart")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stays_within_a_few_seconds() {
        let waits: Vec<u64> = (1..8).map(|n| backoff(n).as_millis() as u64).collect();
        assert_eq!(waits, [500, 1000, 2000, 3000, 3000, 3000, 3000]);
    }
}
