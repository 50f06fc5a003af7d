//! Live progress figures for facilitators and admins, computed from stored rows.

use crate::{
    db::{ballots, now, ts},
    domain::{Channel, ChannelCounts, Counts},
    error::Result,
};
use chrono::Duration;
use sqlx::SqlitePool;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Citizens who accepted the privacy notice.
    pub participants: i64,
    pub ballots_per_pillar: HashMap<String, i64>,
    /// Citizens with a ballot in every pillar.
    pub completed_all: i64,
    pub ideas_by_status: HashMap<String, i64>,
    /// Participants per answer (`None`: not answered), per profile column.
    pub by_localidad: HashMap<Option<String>, i64>,
    pub by_sector: HashMap<Option<String>, i64>,
    pub by_age: HashMap<Option<String>, i64>,
    /// (new participants, ballots cast or changed) in the last 24 hours…
    pub last_day: (i64, i64),
    /// …and in the 24 hours before.
    pub day_before: (i64, i64),
}

type Breakdown = HashMap<Option<String>, i64>;

/// Participants per localidad, sector and age range, in one pass over the
/// consenting citizens' answers (the `citizens_by_profile` index, already in
/// group order).
async fn profiles(pool: &SqlitePool) -> Result<(Breakdown, Breakdown, Breakdown)> {
    type Row = (Option<String>, Option<String>, Option<String>, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT localidad, sector, age_range, COUNT(*) FROM citizens WHERE consent_accepted = 1 GROUP BY 1, 2, 3",
    )
    .fetch_all(pool)
    .await?;
    let (mut localidad, mut sector, mut age) = (Breakdown::new(), Breakdown::new(), Breakdown::new());
    for (l, s, a, n) in rows {
        *localidad.entry(l).or_default() += n;
        *sector.entry(s).or_default() += n;
        *age.entry(a).or_default() += n;
    }
    Ok((localidad, sector, age))
}

async fn window(pool: &SqlitePool, from: &str, to: &str) -> Result<(i64, i64)> {
    let participants: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM citizens WHERE consent_accepted = 1 AND consent_at > ? AND consent_at <= ?",
    )
    .bind(from)
    .bind(to)
    .fetch_one(pool)
    .await?;
    let ballots: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballots WHERE cast_at > ? AND cast_at <= ?")
        .bind(from)
        .bind(to)
        .fetch_one(pool)
        .await?;
    Ok((participants, ballots))
}

pub async fn progress(pool: &SqlitePool, pillars: usize) -> Result<Progress> {
    let at = now();
    let (now_s, day_ago, two_days_ago) = (ts(at), ts(at - Duration::hours(24)), ts(at - Duration::hours(48)));
    // Independent queries, run side by side on the pool's connections.
    let participants = async {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM citizens WHERE consent_accepted = 1")
            .fetch_one(pool)
            .await?;
        Ok::<_, crate::error::Error>(n)
    };
    let ballots = async {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT pillar, COUNT(*) FROM ballots GROUP BY pillar").fetch_all(pool).await?;
        Ok(rows)
    };
    let completed_all = async {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT citizen_id FROM ballots GROUP BY citizen_id HAVING COUNT(*) >= ?)",
        )
        .bind(pillars as i64)
        .fetch_one(pool)
        .await?;
        Ok(n)
    };
    let ideas = async {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT status, COUNT(*) FROM ideas GROUP BY status").fetch_all(pool).await?;
        Ok(rows)
    };
    let (
        participants,
        ballots,
        completed_all,
        ideas,
        (by_localidad, by_sector, by_age),
        last_day,
        day_before,
    ) = tokio::try_join!(
        participants,
        ballots,
        completed_all,
        ideas,
        profiles(pool),
        window(pool, &day_ago, &now_s),
        window(pool, &two_days_ago, &day_ago),
    )?;
    Ok(Progress {
        participants,
        ballots_per_pillar: ballots.into_iter().collect(),
        completed_all,
        ideas_by_status: ideas.into_iter().collect(),
        by_localidad,
        by_sector,
        by_age,
        last_day,
        day_before,
    })
}

/// The figures of [`progress`] and the counts of both channels' ballots, as an
/// admin's `/avance` shows them, with every query run side by side. The virtual
/// rank counts are the trigger-kept totals ([`ballots::live_rank_counts`]). The virtual
/// ballots per pillar are counted once: the figures' count is also the ranking's
/// voters (the same statement, `SELECT pillar, COUNT(*) FROM ballots GROUP BY pillar`).
pub async fn progress_and_counts(pool: &SqlitePool, pillars: usize) -> Result<(Progress, ChannelCounts)> {
    let (p, ranks, presencial) = tokio::try_join!(
        progress(pool, pillars),
        ballots::live_rank_counts(pool),
        ballots::counts_of(pool, Channel::Presencial),
    )?;
    let voters =
        p.ballots_per_pillar.iter().map(|(k, n)| (k.clone(), u64::try_from(*n).unwrap_or(0))).collect();
    Ok((p, ChannelCounts { virtual_: Counts { ranks, voters }, presencial, unverified: None }))
}
