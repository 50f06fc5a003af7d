//! What the integrity report reads: every virtual ballot with its choices in
//! rank order, when it was cast and when its account first wrote to the bot,
//! and nothing that identifies the account.

use crate::{
    domain::integrity::BallotRecord,
    error::{Error, Result},
};
use sqlx::SqlitePool;
use std::{collections::HashMap, sync::Arc};

/// Every virtual ballot, in no particular order, without account ids.
///
/// Read as one row per pillar and choice list, with the (cast, first message)
/// times of its ballots as a JSON array: a few thousand rows instead of one per
/// ballot, and each pillar's key and choice list allocated once however many
/// ballots share them (at 400,000 ballots: about 20 MB instead of 65 MB).
pub async fn records(pool: &SqlitePool) -> Result<Vec<BallotRecord>> {
    // The choices of a ballot in rank order, one column per rank joined by commas
    // (faster at 1.2 million choices than `group_concat(… ORDER BY rank)`), up to
    // the highest rank stored (read from the trigger-kept totals: a few rows).
    let deepest: i64 = sqlx::query_scalar("SELECT coalesce(max(rank), 1) FROM choice_totals WHERE n > 0")
        .fetch_one(pool)
        .await?;
    let ranks: Vec<String> = (1..=deepest.max(1))
        .map(|r| format!("coalesce(max(CASE rank WHEN {r} THEN proposal_id END), '')"))
        .collect();
    let sql = format!(
        "SELECT pillar, choices, json_group_array(json_array(cast_at, started_at)) FROM (
            SELECT b.pillar AS pillar, p.choices AS choices,
                   unixepoch(b.cast_at) AS cast_at, unixepoch(c.created_at) AS started_at
              FROM (SELECT citizen_id, pillar, {} AS choices FROM ballot_choices GROUP BY citizen_id, pillar) p
              JOIN ballots b ON b.citizen_id = p.citizen_id AND b.pillar = p.pillar
              JOIN citizens c ON c.id = b.citizen_id)
          GROUP BY pillar, choices",
        ranks.join(" || ',' || ")
    );
    let rows: Vec<(String, String, String)> = sqlx::query_as(&sql).fetch_all(pool).await?;
    let mut pillars: HashMap<String, Arc<str>> = HashMap::new();
    let mut records = Vec::new();
    for (pillar, choices, times) in rows {
        let pillar = pillars.entry(pillar).or_insert_with_key(|k| Arc::from(k.as_str())).clone();
        let choices: Arc<[String]> =
            choices.split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect();
        let times: Vec<(i64, i64)> =
            serde_json::from_str(&times).map_err(|e| Error::Corrupt(format!("ballot times: {e}")))?;
        records.extend(times.into_iter().map(|(cast_at, started_at)| BallotRecord {
            pillar: pillar.clone(),
            choices: choices.clone(),
            cast_at,
            started_at,
        }));
    }
    Ok(records)
}
