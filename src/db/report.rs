//! The report's own figures: participants per answer of a profile question.
//! Everything else in the report comes from the tally's and the exports' queries.

use crate::{domain::ProfileField, error::Result};
use sqlx::SqlitePool;

/// Participants (those who accepted, as the exports count them) per answer of
/// `field` (`None`: not answered).
pub async fn participants_by(pool: &SqlitePool, field: ProfileField) -> Result<Vec<(Option<String>, u64)>> {
    // The column name comes from a closed enum, never from input.
    let col = field.column();
    let rows: Vec<(Option<String>, i64)> = sqlx::query_as(&format!(
        "SELECT {col}, COUNT(*) FROM citizens
         WHERE consent_accepted = 1 AND consent_at IS NOT NULL GROUP BY 1"
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(code, n)| (code, u64::try_from(n).unwrap_or(0))).collect())
}
