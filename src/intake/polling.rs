//! Long polling that never goes deaf: `getUpdates` is sent with the bot's own
//! HTTP client and address but outside teloxide's request path, with a request
//! timeout longer than the poll, so a quiet night is not an error and a 5xx
//! costs a short backoff instead of teloxide's 10-second sleep. Each batch is
//! stored in the inbox before the next request confirms it.

use crate::intake::{Lanes, accept};
use serde::Deserialize;
use serde_json::{Value, json};
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
/// A 429 asking for longer than this is waited in steps, so a stop is heard.
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

#[derive(Debug)]
enum PollError {
    /// No answer: connection refused or reset, or the request timed out.
    Network(String),
    /// Telegram asked to wait.
    RetryAfter(Duration),
    /// Any other refusal (5xx, 401, 409 …), with what Telegram said.
    Refused { status: u16, description: String },
}

impl std::fmt::Display for PollError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PollError::Network(e) => write!(f, "network: {e}"),
            PollError::RetryAfter(d) => write!(f, "429: retry after {}s", d.as_secs()),
            PollError::Refused { status, description } => write!(f, "{status}: {description}"),
        }
    }
}

#[derive(Deserialize)]
struct ApiAnswer {
    ok: bool,
    #[serde(default)]
    result: Option<Vec<Value>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    parameters: Option<ApiParameters>,
}

#[derive(Deserialize)]
struct ApiParameters {
    retry_after: Option<u64>,
}

fn method_url(bot: &Bot, method: &str) -> url::Url {
    let mut url = bot.api_url();
    if let Ok(mut segments) = url.path_segments_mut() {
        segments.pop_if_empty().push(&format!("bot{}", bot.token())).push(method);
    }
    url
}

async fn get_updates(
    bot: &Bot,
    offset: i64,
    limit: usize,
    poll: Duration,
    margin: Duration,
) -> Result<Vec<Value>, PollError> {
    let body = json!({
        "offset": offset,
        "limit": limit,
        "timeout": poll.as_secs(),
        "allowed_updates": ["message", "callback_query"],
    });
    let response = bot
        .client()
        .post(method_url(bot, "getUpdates"))
        .header("content-type", "application/json")
        .body(body.to_string())
        .timeout(poll + margin)
        .send()
        .await
        .map_err(|e| PollError::Network(e.to_string()))?;
    let status = response.status().as_u16();
    let bytes = response.bytes().await.map_err(|e| PollError::Network(e.to_string()))?;
    let Ok(answer) = serde_json::from_slice::<ApiAnswer>(&bytes) else {
        // A proxy's HTML error page, or nothing at all.
        return Err(PollError::Refused { status, description: "answer is not Bot API JSON".into() });
    };
    if answer.ok {
        return Ok(answer.result.unwrap_or_default());
    }
    if let Some(secs) = answer.parameters.and_then(|p| p.retry_after) {
        return Err(PollError::RetryAfter(Duration::from_secs(secs).min(MAX_RETRY_AFTER)));
    }
    Err(PollError::Refused { status, description: answer.description.unwrap_or_default() })
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
            Err(PollError::RetryAfter(wait)) => {
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

    #[test]
    fn the_method_url_follows_the_bot_api_layout() {
        let bot = Bot::new("1:abc").set_api_url(url::Url::parse("http://127.0.0.1:9/").unwrap());
        assert_eq!(method_url(&bot, "getUpdates").as_str(), "http://127.0.0.1:9/bot1:abc/getUpdates");
        let bot = Bot::new("1:abc").set_api_url(url::Url::parse("http://h/api").unwrap());
        assert_eq!(method_url(&bot, "getUpdates").as_str(), "http://h/api/bot1:abc/getUpdates");
    }
}
