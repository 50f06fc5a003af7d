//! Charts already sent, by the hash of what they show: the same chart is sent
//! again by Telegram file id instead of being drawn and uploaded.

use crate::{
    db::{now, ts},
    error::Result,
};
use sqlx::SqlitePool;

/// A chart not asked for in this long is forgotten.
const KEEP_DAYS: i64 = 30;

/// The file id stored for `key`, if any.
pub async fn file_id(pool: &SqlitePool, key: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT file_id FROM chart_cache WHERE cache_key = ?")
        .bind(key)
        .fetch_optional(pool)
        .await?)
}

/// Remembers the file id Telegram gave a chart, and forgets old ones.
pub async fn remember(pool: &SqlitePool, key: &str, file_id: &str) -> Result<()> {
    let at = now();
    sqlx::query(
        "INSERT INTO chart_cache (cache_key, file_id, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (cache_key) DO UPDATE SET file_id = excluded.file_id, created_at = excluded.created_at",
    )
    .bind(key)
    .bind(file_id)
    .bind(ts(at))
    .execute(pool)
    .await?;
    sqlx::query("DELETE FROM chart_cache WHERE created_at < ?")
        .bind(ts(at - chrono::Duration::days(KEEP_DAYS)))
        .execute(pool)
        .await?;
    Ok(())
}

/// Forgets a file id Telegram no longer accepts.
pub async fn forget(pool: &SqlitePool, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM chart_cache WHERE cache_key = ?").bind(key).execute(pool).await?;
    Ok(())
}
