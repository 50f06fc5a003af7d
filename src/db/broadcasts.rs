//! Broadcasts and their outbox. A broadcast is a draft until its sender confirms
//! it; confirming writes one outbox row per recipient in the same transaction,
//! and the worker then moves each row from `pending` to a final status.
//!
//! Delivery guarantee: a row is marked `sending` before its message is sent and
//! `sent` once Telegram accepted it. After a crash, rows still `sending` are sent
//! again, so a recipient can get a message twice only if it was in flight at the
//! moment of the crash; nobody is skipped.

use crate::{
    db::{begin_write, now, parse_ts, ts},
    domain::{Audience, BroadcastKind, BroadcastStatus, Figures, Lang, broadcast::Personal},
    error::{Error, Result},
};
use chrono::{DateTime, Utc};
use sqlx::{FromRow, Sqlite, SqlitePool, Transaction};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broadcast {
    pub id: i64,
    pub created_by: i64,
    pub language: Lang,
    pub kind: BroadcastKind,
    pub body: String,
    pub entities: Option<String>,
    pub file_id: Option<String>,
    pub audience: Audience,
    pub status: BroadcastStatus,
    pub total: i64,
    pub progress: Option<(i64, i32)>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// Written for each recipient when sent (`None`: everyone gets `body`).
    pub personal: Option<Personal>,
}

/// What a new broadcast carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBroadcast {
    pub created_by: i64,
    pub language: Lang,
    pub kind: BroadcastKind,
    pub body: String,
    pub entities: Option<String>,
    pub file_id: Option<String>,
}

#[derive(FromRow)]
struct Row {
    id: i64,
    created_by: i64,
    language: String,
    kind: String,
    body: String,
    entities: Option<String>,
    file_id: Option<String>,
    audience: String,
    status: String,
    total: i64,
    progress_chat_id: Option<i64>,
    progress_message_id: Option<i32>,
    created_at: String,
    finished_at: Option<String>,
    personal: Option<String>,
}

const COLUMNS: &str = "id, created_by, language, kind, body, entities, file_id, audience, status, total,
     progress_chat_id, progress_message_id, created_at, finished_at, personal";

impl TryFrom<Row> for Broadcast {
    type Error = Error;

    fn try_from(r: Row) -> Result<Broadcast> {
        let corrupt = |what: &str, v: &str| Error::Corrupt(format!("broadcast {}: {what} {v:?}", r.id));
        Ok(Broadcast {
            id: r.id,
            created_by: r.created_by,
            language: Lang::from_code(&r.language).unwrap_or_default(),
            kind: BroadcastKind::from_code(&r.kind).ok_or_else(|| corrupt("kind", &r.kind))?,
            body: r.body,
            entities: r.entities,
            file_id: r.file_id,
            audience: Audience::from_code(&r.audience).ok_or_else(|| corrupt("audience", &r.audience))?,
            status: BroadcastStatus::from_code(&r.status).ok_or_else(|| corrupt("status", &r.status))?,
            total: r.total,
            progress: r.progress_chat_id.zip(r.progress_message_id),
            created_at: parse_ts(&r.created_at)?,
            finished_at: r.finished_at.as_deref().map(parse_ts).transpose()?,
            personal: match r.personal.as_deref() {
                None => None,
                Some(code) => Some(Personal::from_code(code).ok_or_else(|| corrupt("personal", code))?),
            },
        })
    }
}

/// The citizens an audience reaches now: consenting, not muted, reachable; and
/// the territorial unit's code to bind, for that audience.
fn audience_sql<'a>(audience: &'a Audience, select: &str) -> (String, Option<&'a str>) {
    let base = "c.consent_accepted = 1 AND c.muted_at IS NULL AND c.unreachable_at IS NULL";
    let (extra, localidad) = match audience {
        Audience::Everyone => ("", None),
        Audience::Territory(unit) => (" AND c.localidad = ?", Some(unit.as_str())),
        Audience::Incomplete => (
            " AND (SELECT COUNT(*) FROM ballots b WHERE b.citizen_id = c.id) < (SELECT COUNT(*) FROM pillars)",
            None,
        ),
        Audience::Voters => (" AND EXISTS (SELECT 1 FROM ballots b WHERE b.citizen_id = c.id)", None),
        Audience::Followers => (" AND EXISTS (SELECT 1 FROM follows f WHERE f.citizen_id = c.id)", None),
    };
    (format!("{select} FROM citizens c WHERE {base}{extra}"), localidad)
}

/// How many people `audience` would reach if sent now.
pub async fn count_audience(pool: &SqlitePool, audience: Audience) -> Result<i64> {
    let (sql, localidad) = audience_sql(&audience, "SELECT COUNT(*)");
    let mut q = sqlx::query_scalar::<_, i64>(&sql);
    if let Some(l) = localidad {
        q = q.bind(l);
    }
    Ok(q.fetch_one(pool).await?)
}

pub async fn create_draft(pool: &SqlitePool, new: &NewBroadcast) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO broadcasts (created_by, language, kind, body, entities, file_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(new.created_by)
    .bind(new.language.code())
    .bind(new.kind.code())
    .bind(&new.body)
    .bind(&new.entities)
    .bind(&new.file_id)
    .bind(ts(now()))
    .fetch_one(pool)
    .await?;
    Ok(id)
}

pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<Broadcast>> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM broadcasts WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.map(Broadcast::try_from).transpose()
}

/// Changes a draft's audience; `false` if it is no longer a draft.
pub async fn set_audience(pool: &SqlitePool, id: i64, audience: Audience) -> Result<bool> {
    let done = sqlx::query("UPDATE broadcasts SET audience = ? WHERE id = ? AND status = 'draft'")
        .bind(audience.code())
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Drops a draft that was never confirmed; `false` if it is no longer a draft.
pub async fn discard(pool: &SqlitePool, id: i64) -> Result<bool> {
    let done = sqlx::query("DELETE FROM broadcasts WHERE id = ? AND status = 'draft'")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Confirms a draft: writes its outbox and queues it, in one transaction.
/// Returns the number of recipients, or `None` if it was not a draft any more
/// (confirmed twice, or discarded).
pub async fn queue(pool: &SqlitePool, id: i64, progress: (i64, i32)) -> Result<Option<i64>> {
    let mut tx = begin_write(pool).await?;
    let total = queue_in(&mut tx, id, progress).await?;
    tx.commit().await?;
    Ok(total)
}

/// Publishes version `version` of the plan: records the publication and queues,
/// in the same transaction, one personal message to every participant who
/// voted (consenting, not muted, reachable). Returns the broadcast's id and its
/// recipients.
pub async fn publish_plan(
    pool: &SqlitePool,
    version: i64,
    admin: i64,
    language: Lang,
    progress: (i64, i32),
) -> Result<(i64, i64)> {
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO broadcasts (created_by, language, kind, body, audience, personal, created_at)
         VALUES (?, ?, 'text', '', ?, ?, ?) RETURNING id",
    )
    .bind(admin)
    .bind(language.code())
    .bind(Audience::Voters.code())
    .bind(Personal::Plan { version }.code())
    .bind(&at)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO plan_publications (version, broadcast_id, published_by, published_at) VALUES (?, ?, ?, ?)",
    )
    .bind(version)
    .bind(id)
    .bind(admin)
    .bind(&at)
    .execute(&mut *tx)
    .await?;
    let total = queue_in(&mut tx, id, progress).await?.unwrap_or(0);
    tx.commit().await?;
    Ok((id, total))
}

async fn queue_in(
    tx: &mut Transaction<'static, Sqlite>,
    id: i64,
    progress: (i64, i32),
) -> Result<Option<i64>> {
    let audience: Option<String> =
        sqlx::query_scalar("SELECT audience FROM broadcasts WHERE id = ? AND status = 'draft'")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some(audience) = audience.as_deref().and_then(Audience::from_code) else {
        return Ok(None);
    };
    let (select, localidad) = audience_sql(&audience, "SELECT ?, c.id");
    let sql = format!("INSERT INTO outbox (broadcast_id, citizen_id) {select}");
    let mut insert = sqlx::query(&sql).bind(id);
    if let Some(l) = localidad {
        insert = insert.bind(l);
    }
    let total = i64::try_from(insert.execute(&mut **tx).await?.rows_affected()).unwrap_or(i64::MAX);
    let status = if total == 0 { "done" } else { "queued" };
    let at = ts(now());
    sqlx::query(
        "UPDATE broadcasts SET status = ?1, total = ?2, queued_at = ?3, progress_chat_id = ?4,
            progress_message_id = ?5, finished_at = CASE WHEN ?1 = 'done' THEN ?3 END
         WHERE id = ?6",
    )
    .bind(status)
    .bind(total)
    .bind(&at)
    .bind(progress.0)
    .bind(progress.1)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(Some(total))
}

/// Cancels a queued broadcast: what was not sent yet never will be.
/// `false` if it had already ended.
pub async fn cancel(pool: &SqlitePool, id: i64, by: i64) -> Result<bool> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query(
        "UPDATE broadcasts SET status = 'cancelled', cancelled_by = ?, finished_at = ?
         WHERE id = ? AND status = 'queued'",
    )
    .bind(by)
    .bind(ts(now()))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    // Claimed deliveries not yet requested are cancelled too: the worker checks
    // each one right before its request.
    sqlx::query(
        "UPDATE outbox SET status = 'cancelled', updated_at = ?
         WHERE broadcast_id = ? AND status IN ('pending', 'sending')",
    )
    .bind(ts(now()))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Delivery figures of one broadcast, from its outbox rows.
pub async fn figures(pool: &SqlitePool, id: i64) -> Result<Figures> {
    let kept: Option<(i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT total, sent_count, failed_count, unreachable_count, skipped_count, cancelled_count
         FROM broadcasts WHERE id = ? AND sent_count IS NOT NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    if let Some((total, sent, failed, unreachable, skipped, cancelled)) = kept {
        return Ok(Figures { total, sent, failed, unreachable, skipped, cancelled });
    }
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM outbox WHERE broadcast_id = ? GROUP BY status")
            .bind(id)
            .fetch_all(pool)
            .await?;
    let mut f = Figures::default();
    for (status, n) in rows {
        f.total += n;
        match status.as_str() {
            "sent" => f.sent = n,
            "failed" => f.failed = n,
            "unreachable" => f.unreachable = n,
            "skipped" => f.skipped = n,
            "cancelled" => f.cancelled = n,
            _ => {}
        }
    }
    Ok(f)
}

/// How long a finished broadcast keeps its per-recipient outbox rows.
pub const KEEP_OUTBOX_DAYS: i64 = 7;

/// Forgets the outbox rows (who got what) of broadcasts that ended more than
/// [`KEEP_OUTBOX_DAYS`] ago, keeping their figures on the broadcast. Returns
/// the number of rows deleted.
pub async fn prune_outbox(pool: &SqlitePool) -> Result<u64> {
    let cutoff = ts(now() - chrono::Duration::days(KEEP_OUTBOX_DAYS));
    let mut tx = begin_write(pool).await?;
    let finished: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM broadcasts b WHERE status IN ('done', 'cancelled') AND finished_at < ?
            AND sent_count IS NULL
            AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.broadcast_id = b.id
                            AND o.status IN ('pending', 'sending'))",
    )
    .bind(cutoff)
    .fetch_all(&mut *tx)
    .await?;
    let mut deleted = 0;
    for id in finished {
        sqlx::query(
            "UPDATE broadcasts SET
                sent_count = (SELECT COUNT(*) FROM outbox WHERE broadcast_id = ?1 AND status = 'sent'),
                failed_count = (SELECT COUNT(*) FROM outbox WHERE broadcast_id = ?1 AND status = 'failed'),
                unreachable_count =
                    (SELECT COUNT(*) FROM outbox WHERE broadcast_id = ?1 AND status = 'unreachable'),
                skipped_count = (SELECT COUNT(*) FROM outbox WHERE broadcast_id = ?1 AND status = 'skipped'),
                cancelled_count =
                    (SELECT COUNT(*) FROM outbox WHERE broadcast_id = ?1 AND status = 'cancelled'),
                total = (SELECT COUNT(*) FROM outbox WHERE broadcast_id = ?1)
             WHERE id = ?1",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        deleted += sqlx::query("DELETE FROM outbox WHERE broadcast_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    tx.commit().await?;
    Ok(deleted)
}

/// The latest confirmed broadcasts, newest first.
pub async fn recent(pool: &SqlitePool, limit: i64) -> Result<Vec<(Broadcast, Figures)>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM broadcasts WHERE status != 'draft' ORDER BY id DESC LIMIT ?"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let b = Broadcast::try_from(row)?;
        let f = figures(pool, b.id).await?;
        out.push((b, f));
    }
    Ok(out)
}

// ---- The worker's side ----

/// After a restart: deliveries that were in flight are attempted again.
pub async fn requeue_in_flight(pool: &SqlitePool) -> Result<u64> {
    let done =
        sqlx::query("UPDATE outbox SET status = 'pending' WHERE status = 'sending'").execute(pool).await?;
    Ok(done.rows_affected())
}

/// The oldest queued broadcast, which the worker sends next.
pub async fn next_queued(pool: &SqlitePool) -> Result<Option<Broadcast>> {
    next_queued_but(pool, false).await
}

/// [`next_queued`], leaving digests for later when `quiet` (quiet hours).
pub async fn next_queued_but(pool: &SqlitePool, quiet: bool) -> Result<Option<Broadcast>> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM broadcasts WHERE status = 'queued'
           AND NOT (?1 AND COALESCE(personal, '') LIKE 'digest:%')
         ORDER BY id LIMIT 1"
    ))
    .bind(quiet)
    .fetch_optional(pool)
    .await?;
    row.map(Broadcast::try_from).transpose()
}

/// One delivery claimed by the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub citizen_id: i64,
    pub chat_id: i64,
    pub attempts: u32,
    /// A digest's delivery: the updates after this one are its news.
    pub since_update: Option<i64>,
}

fn ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// Claims up to `limit` deliveries that are due, marking them `sending`.
/// Recipients who muted broadcasts since it was queued are skipped here.
pub async fn claim(pool: &SqlitePool, id: i64, limit: i64) -> Result<Vec<Delivery>> {
    let mut tx = begin_write(pool).await?;
    let at = now();
    skip_muted(&mut tx, id, at).await?;
    let rows: Vec<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "UPDATE outbox SET status = 'sending', updated_at = ?1
         WHERE broadcast_id = ?2 AND citizen_id IN (
             SELECT citizen_id FROM outbox
             WHERE broadcast_id = ?2 AND status = 'pending' AND next_attempt_ms <= ?3
             ORDER BY next_attempt_ms, citizen_id LIMIT ?4)
         RETURNING citizen_id, (SELECT telegram_user_id FROM citizens WHERE id = citizen_id), attempts,
                   since_update",
    )
    .bind(ts(at))
    .bind(id)
    .bind(ms(at))
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(citizen_id, chat_id, attempts, since_update)| Delivery {
            citizen_id,
            chat_id,
            attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            since_update,
        })
        .collect())
}

async fn skip_muted(tx: &mut Transaction<'static, Sqlite>, id: i64, at: DateTime<Utc>) -> Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'skipped', updated_at = ?
         WHERE broadcast_id = ? AND status = 'pending'
           AND citizen_id IN (SELECT id FROM citizens WHERE muted_at IS NOT NULL)",
    )
    .bind(ts(at))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// How a delivery attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// Blocked the bot or account gone: never retried, left out of later broadcasts.
    Unreachable(String),
    /// Try again at the given time (a transient error, or Telegram asked to wait).
    Retry {
        at: DateTime<Utc>,
        count_attempt: bool,
        error: String,
    },
    Failed(String),
    /// Nothing left to say to this recipient (a digest whose news they no
    /// longer follow): not sent.
    Skipped,
}

pub async fn record(pool: &SqlitePool, id: i64, d: Delivery, outcome: &Outcome) -> Result<()> {
    let at = ts(now());
    let q = match outcome {
        Outcome::Sent => sqlx::query(
            "UPDATE outbox SET status = 'sent', attempts = attempts + 1, error = NULL, updated_at = ?
             WHERE broadcast_id = ? AND citizen_id = ?",
        )
        .bind(&at),
        Outcome::Unreachable(error) => {
            let mut tx = begin_write(pool).await?;
            sqlx::query("UPDATE citizens SET unreachable_at = ? WHERE id = ?")
                .bind(&at)
                .bind(d.citizen_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE outbox SET status = 'unreachable', attempts = attempts + 1, error = ?, updated_at = ?
                 WHERE broadcast_id = ? AND citizen_id = ?",
            )
            .bind(error)
            .bind(&at)
            .bind(id)
            .bind(d.citizen_id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            return Ok(());
        }
        Outcome::Retry { at: when, count_attempt, error } => sqlx::query(
            "UPDATE outbox SET status = 'pending', attempts = attempts + ?, next_attempt_ms = ?, error = ?,
                updated_at = ?
             WHERE broadcast_id = ? AND citizen_id = ? AND status = 'sending'",
        )
        .bind(i64::from(*count_attempt))
        .bind(ms(*when))
        .bind(error)
        .bind(&at),
        Outcome::Skipped => sqlx::query(
            "UPDATE outbox SET status = 'skipped', updated_at = ?
             WHERE broadcast_id = ? AND citizen_id = ? AND status = 'sending'",
        )
        .bind(&at),
        Outcome::Failed(error) => sqlx::query(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, error = ?, updated_at = ?
             WHERE broadcast_id = ? AND citizen_id = ? AND status = 'sending'",
        )
        .bind(error)
        .bind(&at),
    };
    q.bind(id).bind(d.citizen_id).execute(pool).await?;
    Ok(())
}

/// The sender's progress message, after it had to be sent again.
pub async fn set_progress_message(pool: &SqlitePool, id: i64, message: i32) -> Result<()> {
    sqlx::query("UPDATE broadcasts SET progress_message_id = ? WHERE id = ?")
        .bind(message)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Whether a claimed delivery is still to be sent (not cancelled since its claim).
pub async fn still_claimed(pool: &SqlitePool, id: i64, citizen_id: i64) -> Result<bool> {
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM outbox WHERE broadcast_id = ? AND citizen_id = ?")
            .bind(id)
            .bind(citizen_id)
            .fetch_optional(pool)
            .await?;
    Ok(status.as_deref() == Some("sending"))
}

/// Hands back deliveries of `id` left `sending` with no request in flight (their
/// outcome could not be recorded), so the broadcast can still finish.
pub async fn requeue_orphans(pool: &SqlitePool, id: i64) -> Result<u64> {
    let done =
        sqlx::query("UPDATE outbox SET status = 'pending' WHERE broadcast_id = ? AND status = 'sending'")
            .bind(id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected())
}

/// When the next retry of `id` is due, if any delivery waits for one.
pub async fn next_retry(pool: &SqlitePool, id: i64) -> Result<Option<DateTime<Utc>>> {
    let at: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(next_attempt_ms) FROM outbox WHERE broadcast_id = ? AND status = 'pending'",
    )
    .bind(id)
    .fetch_one(pool)
    .await?;
    Ok(at.and_then(DateTime::from_timestamp_millis))
}

/// Marks a broadcast done once nothing is pending or in flight; `false` otherwise.
pub async fn finish_if_drained(pool: &SqlitePool, id: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE broadcasts SET status = 'done', finished_at = ?1
         WHERE id = ?2 AND status = 'queued'
           AND NOT EXISTS (SELECT 1 FROM outbox WHERE broadcast_id = ?2 AND status IN ('pending', 'sending'))",
    )
    .bind(ts(now()))
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}
