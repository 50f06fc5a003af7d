//! The ballots and ballot_choices tables (virtual ballots): casting, reading and
//! aggregating them, and the counts of both channels together.

use crate::{
    db::{begin_write, now, ts},
    domain::{Ballot, Channel, ChannelCounts, Counts, RankCount},
    error::Result,
};
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// Replaces the citizen's ballot in the ballot's pillar, atomically, and ends the
/// voting dialogue of `chat_id` in the same transaction. When this returns `Ok`,
/// the ballot is committed and nothing else is left to fail.
pub async fn cast(
    pool: &SqlitePool,
    citizen_id: i64,
    chat_id: i64,
    ballot: &Ballot,
) -> Result<DateTime<Utc>> {
    let at = now();
    let mut tx = begin_write(pool).await?;
    sqlx::query("DELETE FROM ballot_choices WHERE citizen_id = ? AND pillar = ?")
        .bind(citizen_id)
        .bind(&ballot.pillar)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO ballots (citizen_id, pillar, cast_at) VALUES (?, ?, ?)
         ON CONFLICT (citizen_id, pillar) DO UPDATE SET cast_at = excluded.cast_at",
    )
    .bind(citizen_id)
    .bind(&ballot.pillar)
    .bind(ts(at))
    .execute(&mut *tx)
    .await
    .map_err(refused_by_number)?;
    // Every choice in one statement, ranked in the order given (json_each's key
    // is the array index).
    sqlx::query(
        "INSERT INTO ballot_choices (citizen_id, pillar, rank, proposal_id)
         SELECT ?1, ?2, key + 1, value FROM json_each(?3)",
    )
    .bind(citizen_id)
    .bind(&ballot.pillar)
    .bind(serde_json::json!(ballot.choices).to_string())
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM dialogues WHERE chat_id = ?").bind(chat_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(at)
}

/// The trigger's refusal of a second ballot from one verified number, as its own error.
fn refused_by_number(e: sqlx::Error) -> crate::error::Error {
    match &e {
        sqlx::Error::Database(d) if d.message().contains("number already voted") => {
            crate::error::Error::NumberAlreadyVoted
        }
        _ => e.into(),
    }
}

/// The citizen's ballots with the time each was cast, in no particular order.
pub async fn of_citizen(pool: &SqlitePool, citizen_id: i64) -> Result<Vec<(Ballot, DateTime<Utc>)>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT b.pillar, b.cast_at, c.proposal_id
         FROM ballots b JOIN ballot_choices c ON c.citizen_id = b.citizen_id AND c.pillar = b.pillar
         WHERE b.citizen_id = ? ORDER BY b.pillar, c.rank",
    )
    .bind(citizen_id)
    .fetch_all(pool)
    .await?;
    group(rows)
}

/// Choice rows (pillar, cast time, proposal), in pillar and rank order, as ballots.
pub(crate) fn group(rows: Vec<(String, String, String)>) -> Result<Vec<(Ballot, DateTime<Utc>)>> {
    let mut ballots: Vec<(Ballot, DateTime<Utc>)> = Vec::new();
    for (pillar, cast_at, proposal_id) in rows {
        match ballots.last_mut() {
            Some((b, _)) if b.pillar == pillar => b.choices.push(proposal_id),
            _ => {
                ballots.push((Ballot { pillar, choices: vec![proposal_id] }, crate::db::parse_ts(&cast_at)?))
            }
        }
    }
    Ok(ballots)
}

/// The statements that count one channel's stored rows: how many ballots put
/// each proposal at each rank, and how many ballots each pillar has.
fn count_statements(channel: Channel) -> (&'static str, &'static str) {
    match channel {
        Channel::Virtual => (
            "SELECT proposal_id, rank, COUNT(*) FROM ballot_choices GROUP BY proposal_id, rank",
            "SELECT pillar, COUNT(*) FROM ballots GROUP BY pillar",
        ),
        Channel::Presencial => (
            "SELECT proposal_id, rank, COUNT(*) FROM paper_choices GROUP BY proposal_id, rank",
            "SELECT pillar, COUNT(*) FROM paper_ballots GROUP BY pillar",
        ),
    }
}

/// (proposal, rank, count) rows as counts.
fn rank_counts_of_rows(rows: Vec<(String, i64, i64)>) -> Vec<RankCount> {
    rows.into_iter()
        .map(|(proposal_id, rank, count)| RankCount {
            proposal_id,
            rank: u32::try_from(rank).unwrap_or(u32::MAX),
            count: u64::try_from(count).unwrap_or(0),
        })
        .collect()
}

/// How many ballots of `channel` put each proposal at each rank.
pub async fn rank_counts_of(pool: &SqlitePool, channel: Channel) -> Result<Vec<RankCount>> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(count_statements(channel).0).fetch_all(pool).await?;
    Ok(rank_counts_of_rows(rows))
}

/// Ballots of `channel` per pillar (one per citizen, or per paper sheet).
pub async fn voters_per_pillar_of(pool: &SqlitePool, channel: Channel) -> Result<HashMap<String, u64>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(count_statements(channel).1).fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(p, n)| (p, u64::try_from(n).unwrap_or(0))).collect())
}

/// Rank counts and voters per pillar of `channel`'s ballots.
pub async fn counts_of(pool: &SqlitePool, channel: Channel) -> Result<Counts> {
    let (ranks, voters) =
        tokio::try_join!(rank_counts_of(pool, channel), voters_per_pillar_of(pool, channel))?;
    Ok(Counts { ranks, voters })
}

/// How many virtual ballots put each proposal at each rank.
pub async fn rank_counts(pool: &SqlitePool) -> Result<Vec<RankCount>> {
    rank_counts_of(pool, Channel::Virtual).await
}

/// The same counts as [`rank_counts`], read from `choice_totals`, which triggers
/// keep equal to the choices in the transaction that writes them: a read of a
/// few hundred rows instead of a count of every choice, for the live figures
/// (/avance). The tally, the exports and the report count the choices.
pub async fn live_rank_counts(pool: &SqlitePool) -> Result<Vec<RankCount>> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT proposal_id, rank, n FROM choice_totals WHERE n > 0 ORDER BY proposal_id, rank",
    )
    .fetch_all(pool)
    .await?;
    Ok(rank_counts_of_rows(rows))
}

/// Whether `choice_totals` agrees with a count of the choices, read in one
/// snapshot: the pairs (proposal, rank) where they differ, none when they agree.
pub async fn totals_disagreements(pool: &SqlitePool) -> Result<Vec<(String, i64, i64, i64)>> {
    Ok(sqlx::query_as(
        "WITH counted AS (SELECT proposal_id, rank, COUNT(*) AS n FROM ballot_choices GROUP BY 1, 2),
              kept AS (SELECT proposal_id, rank, n FROM choice_totals WHERE n > 0)
         SELECT c.proposal_id, c.rank, c.n, COALESCE(k.n, 0) FROM counted c
           LEFT JOIN kept k ON k.proposal_id = c.proposal_id AND k.rank = c.rank WHERE k.n IS NOT c.n
         UNION ALL
         SELECT k.proposal_id, k.rank, 0, k.n FROM kept k
           WHERE NOT EXISTS (SELECT 1 FROM counted c WHERE c.proposal_id = k.proposal_id AND c.rank = k.rank)",
    )
    .fetch_all(pool)
    .await?)
}

/// Citizens with a (virtual) ballot, per pillar.
pub async fn voters_per_pillar(pool: &SqlitePool) -> Result<HashMap<String, u64>> {
    voters_per_pillar_of(pool, Channel::Virtual).await
}

/// Rank counts and voters per pillar of the virtual ballots.
pub async fn counts(pool: &SqlitePool) -> Result<Counts> {
    counts_of(pool, Channel::Virtual).await
}

/// The counts of virtual and of paper ballots, from their stored rows.
pub async fn channel_counts(pool: &SqlitePool) -> Result<ChannelCounts> {
    let (virtual_, presencial, unverified) =
        tokio::try_join!(counts(pool), counts_of(pool, Channel::Presencial), unverified_counts(pool))?;
    Ok(ChannelCounts { virtual_, presencial, unverified })
}

/// The virtual ballots of accounts without a verified number, once any
/// number has been verified (`None` before: no consultation split by it).
pub async fn unverified_counts(pool: &SqlitePool) -> Result<Option<Counts>> {
    let verifying: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM citizens WHERE phone_hash IS NOT NULL)")
            .fetch_one(pool)
            .await?;
    if !verifying {
        return Ok(None);
    }
    type Rows = (Vec<(String, i64, i64)>, Vec<(String, i64)>);
    let (ranks, voters): Rows = tokio::try_join!(
        sqlx::query_as(
            "SELECT ch.proposal_id, ch.rank, COUNT(*) FROM ballot_choices ch
               JOIN citizens c ON c.id = ch.citizen_id WHERE c.phone_hash IS NULL GROUP BY 1, 2",
        )
        .fetch_all(pool),
        sqlx::query_as(
            "SELECT b.pillar, COUNT(*) FROM ballots b JOIN citizens c ON c.id = b.citizen_id
              WHERE c.phone_hash IS NULL GROUP BY 1",
        )
        .fetch_all(pool),
    )?;
    Ok(Some(Counts {
        ranks: rank_counts_of_rows(ranks),
        voters: voters.into_iter().map(|(p, n)| (p, u64::try_from(n).unwrap_or(0))).collect(),
    }))
}
