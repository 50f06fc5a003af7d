//! What `consulta doctor` and the webhook's `/healthz` ask of the database.

use crate::db::Location;
use sqlx::{Connection, SqliteConnection, SqlitePool};
use std::time::Duration;

/// Answers at all (the health check).
pub async fn reachable(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(pool).await.map(drop)
}

/// SQLite's `quick_check`: `["ok"]` when it finds no damage, else what it found.
pub async fn quick_check(pool: &SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("PRAGMA quick_check").fetch_all(pool).await
}

/// Takes the write lock and writes nothing: what the bot needs on every vote.
pub async fn writable(location: &Location) -> Result<(), sqlx::Error> {
    let options = location.options.clone().create_if_missing(false).busy_timeout(Duration::from_secs(5));
    let mut conn = SqliteConnection::connect_with(&options).await?;
    let probe = async {
        sqlx::query("BEGIN IMMEDIATE").execute(&mut conn).await?;
        let wrote = sqlx::query("DELETE FROM _sqlx_migrations WHERE 0").execute(&mut conn).await;
        sqlx::query("ROLLBACK").execute(&mut conn).await?;
        wrote.map(|_| ())
    }
    .await;
    let _ = conn.close().await;
    probe
}

/// Updates received and not handled yet.
pub async fn unhandled_updates(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL").fetch_one(pool).await
}

/// Broadcast messages waiting to be sent (or in flight).
pub async fn deliveries_waiting(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')")
        .fetch_one(pool)
        .await
}

/// When the last update was handled (RFC 3339), if any was.
pub async fn last_update_handled(pool: &SqlitePool) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(done_at) FROM inbox").fetch_one(pool).await
}

/// Whether an admin set the phase's dates or state in the bot (they then
/// override the catalog's).
pub async fn phase_overridden(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM phase_override").fetch_one(pool).await.map(|n| n > 0)
}
