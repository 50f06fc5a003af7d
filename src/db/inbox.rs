//! The inbox: every update received from Telegram, stored before it is confirmed
//! and marked done once handled (see `intake`). An update's text (names, what
//! was written) is forgotten when it is marked done; its id stays a week so a
//! redelivery is recognised.

use crate::{
    db::{begin_write, dialogues::StateWrite, now, ts},
    error::Result,
};
use sqlx::{Sqlite, SqlitePool, Transaction};

/// Handled rows are kept this long so a redelivered update is still recognised
/// (Telegram keeps an unconfirmed update for 24 hours).
pub const KEEP_DONE_DAYS: i64 = 7;

/// One update as received, before it is handled.
#[derive(Debug, Clone)]
pub struct Received {
    pub update_id: i64,
    pub chat_id: Option<i64>,
    pub kind: &'static str,
    pub payload: String,
}

/// Stores a batch in one statement; returns the ids that were new (an update
/// already in the inbox, pending or done, is not stored or handled again).
pub async fn store(pool: &SqlitePool, batch: &[Received]) -> Result<Vec<i64>> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let received_at = ts(now());
    let mut sql =
        String::from("INSERT OR IGNORE INTO inbox (update_id, chat_id, kind, payload, received_at) VALUES ");
    for i in 0..batch.len() {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str("(?, ?, ?, ?, ?)");
    }
    sql.push_str(" RETURNING update_id");
    let mut query = sqlx::query_scalar::<_, i64>(&sql);
    for update in batch {
        query = query
            .bind(update.update_id)
            .bind(update.chat_id)
            .bind(update.kind)
            .bind(&update.payload)
            .bind(&received_at);
    }
    let mut new = query.fetch_all(pool).await?;
    new.sort_unstable();
    Ok(new)
}

/// Stores an update that could not be read as one, already done, so it is
/// confirmed and recognised but never handled. Like a handled update's, its
/// text is not kept (the log says why it could not be read).
pub async fn store_unreadable(pool: &SqlitePool, update_id: i64) -> Result<()> {
    let at = ts(now());
    sqlx::query(
        "INSERT OR IGNORE INTO inbox (update_id, chat_id, kind, payload, received_at, done_at)
         VALUES (?1, NULL, 'unreadable', '{}', ?2, ?2)",
    )
    .bind(update_id)
    .bind(at)
    .execute(pool)
    .await?;
    Ok(())
}

/// Updates received but not handled yet (after a crash or a stop), oldest first.
pub async fn pending(pool: &SqlitePool) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as("SELECT update_id, payload FROM inbox WHERE done_at IS NULL ORDER BY update_id")
        .fetch_all(pool)
        .await?)
}

/// Marks an update done inside an effect's own transaction, so the effect and
/// the mark commit together.
pub async fn mark_done_in(tx: &mut Transaction<'static, Sqlite>, update_id: Option<i64>) -> Result<()> {
    if let Some(id) = update_id {
        // An update handled outside the intake (tests, tools) has no row: the
        // upsert leaves one behind, so it is recognised if it ever arrives.
        sqlx::query(
            "INSERT INTO inbox (update_id, kind, payload, received_at, done_at) VALUES (?1, 'unknown', '{}', ?2, ?2)
             ON CONFLICT (update_id) DO UPDATE SET done_at = excluded.done_at, payload = '{}' WHERE done_at IS NULL",
        )
        .bind(id)
        .bind(ts(now()))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Marks an update done after handling it (a no-op when its effect already did).
pub async fn mark_done(pool: &SqlitePool, update_id: i64) -> Result<()> {
    sqlx::query("UPDATE inbox SET done_at = ?1, payload = '{}' WHERE update_id = ?2 AND done_at IS NULL")
        .bind(ts(now()))
        .bind(update_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Marks updates done after handling them, with the dialogue states they left:
/// the marks in one statement whatever their number (the same one each time, so
/// it stays prepared), and the states, if any, in the same transaction.
pub async fn mark_done_many(pool: &SqlitePool, update_ids: &[i64], states: &[StateWrite]) -> Result<()> {
    let ids = serde_json::json!(update_ids).to_string();
    let mark = sqlx::query(
        "UPDATE inbox SET done_at = ?1, payload = '{}'
         WHERE done_at IS NULL AND update_id IN (SELECT value FROM json_each(?2))",
    )
    .bind(ts(now()))
    .bind(ids);
    if states.is_empty() {
        mark.execute(pool).await?;
        return Ok(());
    }
    let mut tx = begin_write(pool).await?;
    crate::db::dialogues::write_in(&mut tx, states).await?;
    mark.execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `update_id` was already handled.
pub async fn is_done(pool: &SqlitePool, update_id: i64) -> Result<bool> {
    let done: Option<Option<String>> = sqlx::query_scalar("SELECT done_at FROM inbox WHERE update_id = ?")
        .bind(update_id)
        .fetch_optional(pool)
        .await?;
    Ok(matches!(done, Some(Some(_))))
}

/// Forgets handled updates older than [`KEEP_DONE_DAYS`].
pub async fn prune(pool: &SqlitePool) -> Result<u64> {
    let cutoff = ts(now() - chrono::Duration::days(KEEP_DONE_DAYS));
    let done = sqlx::query("DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?")
        .bind(cutoff)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// Updates received and not yet handled.
pub async fn backlog(pool: &SqlitePool) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL").fetch_one(pool).await?)
}

/// Blanks an update's raw JSON at once, before its done mark: a shared contact
/// carries a phone number, which must never stay in the database.
pub async fn forget_payload(pool: &SqlitePool, update_id: i64) -> Result<()> {
    sqlx::query("UPDATE inbox SET payload = '{}' WHERE update_id = ?").bind(update_id).execute(pool).await?;
    Ok(())
}
