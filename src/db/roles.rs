//! The facilitators and role_log tables: facilitators granted by admins.

use crate::{
    db::{begin_write, now, ts},
    error::Result,
};
use sqlx::SqlitePool;

pub async fn is_facilitator(pool: &SqlitePool, telegram_user_id: i64) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM facilitators WHERE telegram_user_id = ?")
        .bind(telegram_user_id)
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
}

pub async fn facilitators(pool: &SqlitePool) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT telegram_user_id FROM facilitators ORDER BY granted_at")
        .fetch_all(pool)
        .await?)
}

/// A role admins grant in the chat, each with its own table of members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granted {
    Facilitator,
    /// A member of the Comité de Seguimiento Ciudadano.
    Comite,
}

impl Granted {
    /// (members' table, `role_log.role`); fixed names, never input.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Granted::Facilitator => ("facilitators", "facilitator"),
            Granted::Comite => ("comite_members", "comite"),
        }
    }
}

/// Grants (`true`) or revokes (`false`) the facilitator role, recording who did
/// it. Returns whether anything changed.
pub async fn set_facilitator(pool: &SqlitePool, admin_id: i64, target_id: i64, grant: bool) -> Result<bool> {
    set_role(pool, Granted::Facilitator, admin_id, target_id, grant).await
}

/// Grants or revokes `role`, recording who did it in `role_log`, in one
/// transaction. Returns whether anything changed.
pub async fn set_role(
    pool: &SqlitePool,
    role: Granted,
    admin_id: i64,
    target_id: i64,
    grant: bool,
) -> Result<bool> {
    let (table, code) = role.names();
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    let changed = if grant {
        sqlx::query(&format!(
            "INSERT INTO {table} (telegram_user_id, granted_by, granted_at) VALUES (?, ?, ?)
             ON CONFLICT (telegram_user_id) DO NOTHING"
        ))
        .bind(target_id)
        .bind(admin_id)
        .bind(&at)
        .execute(&mut *tx)
        .await?
    } else {
        sqlx::query(&format!("DELETE FROM {table} WHERE telegram_user_id = ?"))
            .bind(target_id)
            .execute(&mut *tx)
            .await?
    }
    .rows_affected()
        == 1;
    if changed {
        sqlx::query("INSERT INTO role_log (admin_id, target_id, action, at, role) VALUES (?, ?, ?, ?, ?)")
            .bind(admin_id)
            .bind(target_id)
            .bind(if grant { "grant" } else { "revoke" })
            .bind(&at)
            .bind(code)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(changed)
}
