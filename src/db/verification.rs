//! Verified phones: the keyed hash of a citizen's number, and one ballot per
//! pillar per number (the `ballots_one_per_number` trigger enforces it on every
//! ballot written; this module records verifications).

use crate::{
    db::{begin_write, now, ts},
    error::Result,
};
use sqlx::SqlitePool;

/// What became of a shared number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    /// Recorded. `voted_elsewhere`: the pillars this number already voted in
    /// from another account (this account cannot vote in those).
    Done { voted_elsewhere: Vec<String> },
    /// Not recorded: this account and another one with the same number both
    /// voted in these pillars, and a number has one ballot per pillar. The
    /// account stays unverified, its ballots as they were.
    Conflict { pillars: Vec<String> },
}

/// Records `hash` as the citizen's verified number, unless that would give the
/// number two ballots in a pillar. Verifying again with the same number keeps
/// the first date.
pub async fn verify(pool: &SqlitePool, citizen_id: i64, hash: &str) -> Result<Verified> {
    let mut tx = begin_write(pool).await?;
    let conflicts: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT mine.pillar FROM ballots mine
           JOIN ballots theirs ON theirs.pillar = mine.pillar AND theirs.citizen_id <> mine.citizen_id
           JOIN citizens other ON other.id = theirs.citizen_id AND other.phone_hash = ?2
          WHERE mine.citizen_id = ?1 ORDER BY 1",
    )
    .bind(citizen_id)
    .bind(hash)
    .fetch_all(&mut *tx)
    .await?;
    if !conflicts.is_empty() {
        return Ok(Verified::Conflict { pillars: conflicts });
    }
    sqlx::query(
        "UPDATE citizens SET verified_at = CASE WHEN phone_hash IS ?2 THEN COALESCE(verified_at, ?3) ELSE ?3 END,
                             phone_hash = ?2
          WHERE id = ?1",
    )
    .bind(citizen_id)
    .bind(hash)
    .bind(ts(now()))
    .execute(&mut *tx)
    .await?;
    let voted_elsewhere = voted_elsewhere(&mut tx, citizen_id).await?;
    tx.commit().await?;
    Ok(Verified::Done { voted_elsewhere })
}

/// The pillars in which another account with the citizen's verified number
/// has a ballot (none when the citizen is not verified).
pub async fn number_voted_in(pool: &SqlitePool, citizen_id: i64) -> Result<Vec<String>> {
    let mut conn = pool.acquire().await?;
    voted_elsewhere(&mut conn, citizen_id).await
}

async fn voted_elsewhere(conn: &mut sqlx::SqliteConnection, citizen_id: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT b.pillar FROM citizens me
           JOIN citizens other ON other.phone_hash = me.phone_hash AND other.id <> me.id
           JOIN ballots b ON b.citizen_id = other.id
          WHERE me.id = ? AND me.phone_hash IS NOT NULL ORDER BY 1",
    )
    .bind(citizen_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Citizens with a verified number, and how many distinct numbers they have.
pub async fn counts(pool: &SqlitePool) -> Result<(u64, u64)> {
    let (accounts, numbers): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT phone_hash) FROM citizens WHERE phone_hash IS NOT NULL",
    )
    .fetch_one(pool)
    .await?;
    Ok((u64::try_from(accounts).unwrap_or(0), u64::try_from(numbers).unwrap_or(0)))
}
