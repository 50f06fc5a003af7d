//! What the integrity report reads: every virtual ballot with its choices in
//! rank order, when it was cast and when its account first wrote to the bot,
//! and nothing that identifies the account.

use crate::{domain::integrity::BallotRecord, error::Result};
use sqlx::SqlitePool;

/// Every virtual ballot, in no particular order, without account ids.
pub async fn records(pool: &SqlitePool) -> Result<Vec<BallotRecord>> {
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT b.pillar,
                COALESCE((SELECT group_concat(ch.proposal_id, ',' ORDER BY ch.rank) FROM ballot_choices ch
                           WHERE ch.citizen_id = b.citizen_id AND ch.pillar = b.pillar), ''),
                unixepoch(b.cast_at), unixepoch(c.created_at)
           FROM ballots b JOIN citizens c ON c.id = b.citizen_id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(pillar, choices, cast_at, started_at)| BallotRecord {
            pillar,
            choices: choices.split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect(),
            cast_at,
            started_at,
        })
        .collect())
}
