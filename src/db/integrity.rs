//! What the integrity report reads: every virtual ballot with its choices in
//! rank order, when it was cast and when its account first wrote to the bot,
//! and nothing that identifies the account.

use crate::{
    domain::integrity::{BallotKind, BallotRecord},
    error::{Error, Result},
};
use futures::TryStreamExt;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Every virtual ballot, in no particular order, without account ids.
///
/// Read as one row per pillar and choice list, with the (cast, first message)
/// times of its ballots as a JSON array: a few thousand rows instead of one per
/// ballot, and each pillar's key and choice list allocated once however many
/// ballots share them (at 400,000 ballots: about 20 MB instead of 65 MB).
pub async fn records(pool: &SqlitePool) -> Result<Vec<BallotRecord>> {
    // `ballots.choices` is kept by triggers and indexed with the pillar and the
    // cast time: the grouping reads that index in order, without a sort.
    let sql = "SELECT b.pillar, b.choices,
                      json_group_array(json_array(unixepoch(b.cast_at), unixepoch(c.created_at)))
                 FROM ballots b INDEXED BY ballots_by_choices JOIN citizens c ON c.id = b.citizen_id
                WHERE b.choices <> ''
                GROUP BY b.pillar, b.choices";
    // Sized once: grown by doubling, the list would briefly need half as much again.
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ballots WHERE choices <> ''").fetch_one(pool).await?;
    let mut records = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    // One group's row at a time: all of them as text would hold about 10 MB more.
    let mut rows = sqlx::query_as::<_, (String, String, String)>(sql).fetch(pool);
    while let Some((pillar, choices, times)) = rows.try_next().await? {
        let choices = choices.split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect();
        let kind = Arc::new(BallotKind { pillar, choices });
        let times: Vec<(i64, i64)> =
            serde_json::from_str(&times).map_err(|e| Error::Corrupt(format!("ballot times: {e}")))?;
        records.extend(times.into_iter().map(|(cast_at, started_at)| BallotRecord {
            kind: kind.clone(),
            cast_at,
            started_at,
        }));
    }
    Ok(records)
}
