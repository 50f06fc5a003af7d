//! Read-only queries behind the exports: results per group, ideas, participation.

use crate::{domain::RankCount, error::Result};
use sqlx::SqlitePool;
use std::collections::HashMap;

/// A profile column results can be grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Localidad,
    Sector,
    AgeRange,
}

impl GroupBy {
    fn column(self) -> &'static str {
        match self {
            GroupBy::Localidad => "localidad",
            GroupBy::Sector => "sector",
            GroupBy::AgeRange => "age_range",
        }
    }
}

/// Rank counts and voters per pillar, for every value of the group (`None`: no answer).
pub type GroupedCounts = HashMap<Option<String>, (Vec<RankCount>, HashMap<String, u64>)>;

pub async fn grouped_counts(pool: &SqlitePool, by: GroupBy) -> Result<GroupedCounts> {
    // The column name comes from a closed enum, never from input.
    let col = by.column();
    let counts: Vec<(Option<String>, String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT z.{col}, c.proposal_id, c.rank, COUNT(*) FROM ballot_choices c
         JOIN citizens z ON z.id = c.citizen_id GROUP BY 1, 2, 3"
    ))
    .fetch_all(pool)
    .await?;
    let voters: Vec<(Option<String>, String, i64)> = sqlx::query_as(&format!(
        "SELECT z.{col}, b.pillar, COUNT(*) FROM ballots b JOIN citizens z ON z.id = b.citizen_id GROUP BY 1, 2"
    ))
    .fetch_all(pool)
    .await?;
    let mut out: GroupedCounts = HashMap::new();
    for (group, proposal_id, rank, count) in counts {
        out.entry(group).or_default().0.push(RankCount {
            proposal_id,
            rank: u32::try_from(rank).unwrap_or(u32::MAX),
            count: u64::try_from(count).unwrap_or(0),
        });
    }
    for (group, pillar, n) in voters {
        out.entry(group).or_default().1.insert(pillar, u64::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

/// One idea as the export lists it (no author).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IdeaRow {
    pub id: i64,
    pub pillar: String,
    pub kind: String,
    pub body: Option<String>,
    pub transcription: Option<String>,
    pub problem: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    pub merged_into: Option<String>,
    pub promoted_as: Option<String>,
    pub created_at: String,
    pub decided_at: Option<String>,
}

pub async fn ideas(pool: &SqlitePool) -> Result<Vec<IdeaRow>> {
    Ok(sqlx::query_as(
        "SELECT id, pillar, kind, body, transcription, problem, status, reason, merged_into, promoted_as,
                created_at, decided_at
         FROM ideas ORDER BY id",
    )
    .fetch_all(pool)
    .await?)
}

/// When each participant consented (those who accepted), with their localidad.
pub async fn participants(pool: &SqlitePool) -> Result<Vec<(String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT consent_at, localidad FROM citizens WHERE consent_accepted = 1 AND consent_at IS NOT NULL",
    )
    .fetch_all(pool)
    .await?)
}

/// When each ballot was cast, with its voter's localidad.
pub async fn ballots(pool: &SqlitePool) -> Result<Vec<(String, Option<String>)>> {
    Ok(sqlx::query_as("SELECT b.cast_at, z.localidad FROM ballots b JOIN citizens z ON z.id = b.citizen_id")
        .fetch_all(pool)
        .await?)
}
