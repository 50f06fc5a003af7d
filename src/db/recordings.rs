//! The recordings table: a Telegram file id per text and language.

use crate::{
    db::{now, ts},
    domain::{Catalog, Lang, recording::Target},
    error::Result,
};
use sqlx::SqlitePool;

/// Stores (or replaces) the recording of `target` in `lang`.
pub async fn save(pool: &SqlitePool, target: &Target, lang: Lang, file_id: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO recordings (target, lang, file_id, recorded_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (target, lang) DO UPDATE SET file_id = excluded.file_id, recorded_at = excluded.recorded_at",
    )
    .bind(target.code())
    .bind(lang.code())
    .bind(file_id)
    .bind(ts(now()))
    .execute(pool)
    .await?;
    Ok(())
}

/// The file id of `target`'s recording in `lang`, if there is one.
pub async fn get(pool: &SqlitePool, target: &Target, lang: Lang) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT file_id FROM recordings WHERE target = ? AND lang = ?")
        .bind(target.code())
        .bind(lang.code())
        .fetch_optional(pool)
        .await?)
}

/// The catalog's proposals still on the ballot that have a recording in any language.
pub async fn proposals_recorded(pool: &SqlitePool, catalog: &Catalog) -> Result<usize> {
    let codes: Vec<String> = catalog
        .proposals
        .iter()
        .filter(|p| !p.withdrawn)
        .map(|p| Target::Proposal(p.id.clone()).code())
        .collect();
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT target) FROM recordings WHERE target IN (SELECT value FROM json_each(?))",
    )
    .bind(serde_json::json!(codes).to_string())
    .fetch_one(pool)
    .await?;
    Ok(usize::try_from(n).unwrap_or(0))
}
