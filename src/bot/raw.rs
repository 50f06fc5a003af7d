//! Bot API calls made with the bot's own HTTP client and address but outside
//! teloxide's request path, where teloxide sleeps 10 seconds after any 5xx before
//! returning. Used where that sleep would hold others: the intake's `getUpdates`
//! and the broadcast worker's sends.

use serde::Deserialize;
use serde_json::Value;
use std::time::Duration;
use teloxide::{ApiError, prelude::*};

pub use crate::error::Failure;

#[derive(Deserialize)]
struct Answer<R> {
    ok: bool,
    #[serde(default = "Option::default")]
    result: Option<R>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    parameters: Option<Parameters>,
}

#[derive(Deserialize)]
struct Parameters {
    retry_after: Option<u64>,
}

/// `{api}/bot{token}/{method}`, as teloxide builds it.
pub fn method_url(bot: &Bot, method: &str) -> url::Url {
    let mut url = bot.api_url();
    if let Ok(mut segments) = url.path_segments_mut() {
        segments.pop_if_empty().push(&format!("bot{}", bot.token())).push(method);
    }
    url
}

/// Calls `method` with a JSON `body`, giving up after `timeout`.
pub async fn call(bot: &Bot, method: &str, body: &Value, timeout: Duration) -> Result<Value, Failure> {
    Ok(call_as::<Value, Value>(bot, method, body, timeout).await?.unwrap_or(Value::Null))
}

/// [`call`], with any serializable body and the result read as `R` (`None`
/// when Telegram sent none).
pub async fn call_as<R: serde::de::DeserializeOwned, B: serde::Serialize + ?Sized>(
    bot: &Bot,
    method: &str,
    body: &B,
    timeout: Duration,
) -> Result<Option<R>, Failure> {
    // A body that cannot be written is refused here, as Telegram would refuse it,
    // and never tried again.
    let body = serde_json::to_vec(body).map_err(|e| Failure::Refused {
        status: 0,
        error: ApiError::Unknown(format!("the request body could not be written: {e}")),
    })?;
    let response = bot
        .client()
        .post(method_url(bot, method))
        .header("content-type", "application/json")
        .body(body)
        .timeout(timeout)
        .send()
        .await
        .map_err(|e| Failure::Network(e.to_string()))?;
    let status = response.status().as_u16();
    let bytes = response.bytes().await.map_err(|e| Failure::Network(e.to_string()))?;
    let Ok(answer) = serde_json::from_slice::<Answer<R>>(&bytes) else {
        let error = ApiError::Unknown(format!("HTTP {status}: the answer is not Bot API JSON"));
        return Err(Failure::Refused { status: status.max(500), error });
    };
    if answer.ok {
        return Ok(answer.result);
    }
    if let Some(secs) = answer.parameters.and_then(|p| p.retry_after) {
        return Err(Failure::RetryAfter(Duration::from_secs(secs)));
    }
    let description = answer.description.unwrap_or_default();
    let error =
        serde_json::from_value(Value::String(description.clone())).unwrap_or(ApiError::Unknown(description));
    Err(Failure::Refused { status, error })
}

/// The longest one attempt of [`call_retrying`] waits for an answer.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// [`call_as`], tried again after a 429's wait, a 5xx or a network error while
/// `budget` lasts (with a pause that doubles from 250 ms to 2 s between the
/// latter); any other refusal is returned at once. Whatever the result holds is
/// not read.
pub async fn call_retrying<B: serde::Serialize + ?Sized>(
    bot: &Bot,
    method: &str,
    body: &B,
    budget: Duration,
) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let mut pause = Duration::from_millis(250);
    loop {
        let left = budget.saturating_sub(started.elapsed()).max(Duration::from_millis(100));
        let failure =
            match call_as::<serde::de::IgnoredAny, B>(bot, method, body, ATTEMPT_TIMEOUT.min(left)).await {
                Ok(_) => return Ok(()),
                Err(e) => e,
            };
        let wait = match &failure {
            Failure::RetryAfter(wait) => *wait,
            Failure::Network(_) => pause,
            e if e.is_server_error() => pause,
            Failure::Refused { .. } => return Err(failure),
        };
        if started.elapsed() + wait > budget {
            return Err(failure);
        }
        tracing::debug!(error = %failure, method, ?wait, "a request failed; trying again");
        tokio::time::sleep(wait).await;
        pause = (pause * 2).min(Duration::from_secs(2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_method_url_follows_the_bot_api_layout() {
        let bot = Bot::new("1:abc").set_api_url(url::Url::parse("http://127.0.0.1:9/").unwrap());
        assert_eq!(method_url(&bot, "getUpdates").as_str(), "http://127.0.0.1:9/bot1:abc/getUpdates");
        let bot = Bot::new("1:abc").set_api_url(url::Url::parse("http://h/api").unwrap());
        assert_eq!(method_url(&bot, "getUpdates").as_str(), "http://h/api/bot1:abc/getUpdates");
    }

    #[test]
    fn telegram_descriptions_become_teloxide_errors() {
        let blocked: ApiError =
            serde_json::from_value(Value::String("Forbidden: bot was blocked by the user".into())).unwrap();
        assert_eq!(blocked, ApiError::BotBlocked);
    }
}
