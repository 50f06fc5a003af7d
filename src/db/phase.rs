//! The phase_override and phase_log tables: admins opening, closing and dating
//! the consultation.

use crate::{
    db::{begin_write, now, ts},
    error::Result,
};
use chrono::{DateTime, FixedOffset};
use sqlx::SqlitePool;

/// Sets the consultation's dates, overriding the catalog's, and records who did it.
pub async fn set_dates(
    pool: &SqlitePool,
    admin_id: i64,
    action: &str,
    opens_at: Option<DateTime<FixedOffset>>,
    closes_at: Option<DateTime<FixedOffset>>,
) -> Result<()> {
    let at = ts(now());
    let opens = opens_at.map(|d| d.to_rfc3339());
    let closes = closes_at.map(|d| d.to_rfc3339());
    let mut tx = begin_write(pool).await?;
    sqlx::query(
        "INSERT INTO phase_override (singleton, opens_at, closes_at, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (singleton) DO UPDATE SET opens_at = excluded.opens_at, closes_at = excluded.closes_at,
            updated_at = excluded.updated_at",
    )
    .bind(&opens)
    .bind(&closes)
    .bind(&at)
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO phase_log (admin_id, action, opens_at, closes_at, at) VALUES (?, ?, ?, ?, ?)")
        .bind(admin_id)
        .bind(action)
        .bind(&opens)
        .bind(&closes)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
