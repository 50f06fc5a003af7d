//! Which Telegram updates have been handled (see `bot::polling`).

use crate::{
    db::{now, ts},
    error::Result,
};
use sqlx::{Sqlite, SqlitePool, Transaction};

/// Records `update_id` as handled inside an effect's own transaction.
pub async fn mark_in(tx: &mut Transaction<'static, Sqlite>, update_id: Option<i64>) -> Result<()> {
    if let Some(id) = update_id {
        sqlx::query("INSERT OR IGNORE INTO processed_updates (update_id, handled_at) VALUES (?, ?)")
            .bind(id)
            .bind(ts(now()))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Records `update_id` as handled, for updates whose effect had no transaction.
pub async fn mark(pool: &SqlitePool, update_id: i64) -> Result<()> {
    sqlx::query("INSERT OR IGNORE INTO processed_updates (update_id, handled_at) VALUES (?, ?)")
        .bind(update_id)
        .bind(ts(now()))
        .execute(pool)
        .await?;
    Ok(())
}

/// Which of `ids` were already handled.
pub async fn already(pool: &SqlitePool, ids: &[i64]) -> Result<Vec<i64>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = vec!["?"; ids.len()].join(", ");
    let sql = format!("SELECT update_id FROM processed_updates WHERE update_id IN ({placeholders})");
    let mut q = sqlx::query_scalar::<_, i64>(&sql);
    for id in ids {
        q = q.bind(id);
    }
    Ok(q.fetch_all(pool).await?)
}

/// Forgets records older than a week: Telegram keeps undelivered updates for 24 hours.
pub async fn prune(pool: &SqlitePool) -> Result<u64> {
    let cutoff = ts(now() - chrono::Duration::days(7));
    let done =
        sqlx::query("DELETE FROM processed_updates WHERE handled_at < ?").bind(cutoff).execute(pool).await?;
    Ok(done.rows_affected())
}
