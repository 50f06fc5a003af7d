//! Webhook mode: Telegram posts each update to us. The update is stored in the
//! inbox and only then answered 200, so Telegram's own retries cover a crash.
//! `GET /healthz` answers 200 while the database is reachable.

use crate::intake::{Lanes, accept};
use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, Method, StatusCode},
    routing::get,
};
use serde_json::value::RawValue;
use sqlx::SqlitePool;
use std::time::Duration;
use tokio::{net::TcpListener, sync::watch};

/// The header Telegram sends the secret in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// How long the health check may wait for the database.
const HEALTH_BUDGET: Duration = Duration::from_secs(2);

#[derive(Clone)]
struct Hook {
    pool: SqlitePool,
    lanes: Lanes,
    secret: std::sync::Arc<str>,
}

/// A random secret of 64 hexadecimal characters (Telegram allows 1–256 of `A-Za-z0-9_-`).
pub fn random_secret() -> std::io::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `address` can be listened on, asked before the bot starts: a busy
/// or foreign address is a setting to fix, found before anything else is done.
/// (The server binds it again when it starts.)
pub fn check_address(address: std::net::SocketAddr) -> crate::error::Result<()> {
    std::net::TcpListener::bind(address)
        .map(drop)
        .map_err(|source| crate::error::Error::Listen { addr: address, source })
}

/// Serves until `stop` is set.
pub async fn serve(
    listener: TcpListener,
    pool: SqlitePool,
    lanes: Lanes,
    secret: String,
    mut stop: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let hook = Hook { pool, lanes, secret: secret.into() };
    let app = Router::new().route("/healthz", get(health)).fallback(receive).with_state(hook);
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|s| *s).await;
        })
        .await
}

/// Compares without stopping at the first difference, so timing tells nothing.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len() && given.iter().zip(expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

async fn receive(State(hook): State<Hook>, method: Method, headers: HeaderMap, body: Bytes) -> StatusCode {
    if method != Method::POST {
        return StatusCode::METHOD_NOT_ALLOWED;
    }
    let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
    if !same_secret(given, hook.secret.as_bytes()) {
        tracing::warn!("webhook request without the right secret: refused");
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(update) = serde_json::from_slice::<Box<RawValue>>(&body) else { return StatusCode::BAD_REQUEST };
    if crate::intake::update_id(&update).is_none_or(|id| id < 0)
        || serde_json::from_str::<teloxide::types::Update>(update.get()).is_err()
    {
        return StatusCode::BAD_REQUEST;
    }
    if hook.lanes.is_full() {
        // Telegram delivers it again later.
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    match accept(&hook.pool, &hook.lanes, vec![update]).await {
        // Stored while the bot stops: it is handled on the next start, and
        // Telegram's retry of it is recognised there as already received.
        Ok(_) if hook.lanes.is_closed() => StatusCode::SERVICE_UNAVAILABLE,
        Ok(_) => StatusCode::OK,
        Err(e) => {
            tracing::error!(error = %e, "could not store a webhook update; Telegram will send it again");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

async fn health(State(hook): State<Hook>) -> (StatusCode, &'static str) {
    let probe = crate::db::health::reachable(&hook.pool);
    match tokio::time::timeout(HEALTH_BUDGET, probe).await {
        Ok(Ok(_)) => (StatusCode::OK, "ok\n"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"", b"abc"));
    }

    #[test]
    fn a_random_secret_is_what_telegram_accepts() {
        let s = random_secret().unwrap();
        assert_eq!(s.len(), 64);
        assert!(s.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(s, random_secret().unwrap());
    }
}
