//! The plan_versions table: every imported version of the Plan de Acción, the
//! newest in force.

use crate::{
    db::{begin_write, now, ts},
    domain::plan::Plan,
    error::{Error, Result},
};
use sqlx::SqlitePool;

/// Where a version came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    PlanFile,
    AnswersSheet,
}

impl Origin {
    fn code(self) -> &'static str {
        match self {
            Origin::PlanFile => "plan",
            Origin::AnswersSheet => "respuestas",
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// The same plan was already in force: nothing was written.
    Unchanged { version: i64 },
    /// A new version is in force; `versions` counts them all.
    New { version: i64, versions: i64 },
}

/// The plan in force and its version number, if any plan was imported.
pub async fn current(pool: &SqlitePool) -> Result<Option<(i64, Plan)>> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT id, content FROM plan_versions ORDER BY id DESC LIMIT 1")
            .fetch_optional(pool)
            .await?;
    row.map(|(id, content)| {
        serde_json::from_str(&content)
            .map(|plan| (id, plan))
            .map_err(|e| Error::Corrupt(format!("plan {id}: {e}")))
    })
    .transpose()
}

/// Stores `plan` as the version in force, unless it already is.
pub async fn store(
    pool: &SqlitePool,
    plan: &Plan,
    origin: Origin,
    source: &str,
    operator: &str,
) -> Result<Stored> {
    let content = serde_json::to_string(plan).map_err(|e| Error::Corrupt(format!("plan: {e}")))?;
    let mut tx = begin_write(pool).await?;
    let latest: Option<(i64, String)> =
        sqlx::query_as("SELECT id, content FROM plan_versions ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *tx)
            .await?;
    if let Some((version, stored)) = latest
        && stored == content
    {
        return Ok(Stored::Unchanged { version });
    }
    let version = sqlx::query_scalar(
        "INSERT INTO plan_versions (content, origin, source, operator, imported_at) VALUES (?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(&content)
    .bind(origin.code())
    .bind(source)
    .bind(operator)
    .bind(ts(now()))
    .fetch_one(&mut *tx)
    .await?;
    let versions = sqlx::query_scalar("SELECT COUNT(*) FROM plan_versions").fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(Stored::New { version, versions })
}

/// Version `id` of the plan, as it was imported.
pub async fn version(pool: &SqlitePool, id: i64) -> Result<Plan> {
    let content: Option<String> = sqlx::query_scalar("SELECT content FROM plan_versions WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let content = content.ok_or_else(|| Error::Corrupt(format!("plan {id}: no such version")))?;
    serde_json::from_str(&content).map_err(|e| Error::Corrupt(format!("plan {id}: {e}")))
}
