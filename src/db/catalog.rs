//! The consultation, pillars and proposals tables: loading and importing catalogs.

use crate::{
    db::{begin_write, now, ts},
    domain::{Catalog, Choice, Consultation, Label, Pillar, Proposal, Territory},
    error::{Error, Result},
};
use chrono::DateTime;
use sqlx::{FromRow, SqlitePool};
use std::collections::HashSet;

/// What an import changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    /// Gone from the file but voted on: kept, marked withdrawn, out of the ballot.
    pub withdrawn: usize,
    /// Gone from the file and never voted on: deleted.
    pub removed: usize,
}

#[derive(FromRow)]
struct ConsultationRow {
    id: String,
    title: String,
    title_en: Option<String>,
    city: String,
    territory_es: String,
    territory_en: String,
    outside_es: Option<String>,
    outside_en: Option<String>,
    opens_at: Option<String>,
    closes_at: Option<String>,
    max_priorities: i64,
    data_controller: Option<String>,
    privacy_contact: Option<String>,
    phone_prefixes: String,
}

#[derive(FromRow)]
struct PillarRow {
    key: String,
    name: String,
    summary: String,
    name_en: Option<String>,
    summary_en: Option<String>,
}

#[derive(FromRow)]
struct ProposalRow {
    id: String,
    pillar: String,
    title: String,
    title_en: Option<String>,
    text: String,
    problem: Option<String>,
    source: String,
    from_idea: bool,
    withdrawn: bool,
}

#[derive(FromRow)]
struct ChoiceRow {
    list: String,
    code: String,
    es: String,
    en: String,
    minor: bool,
}

/// The `catalog_choices.list` of each of the city's lists.
const TERRITORY: &str = "territory";
const SECTOR: &str = "sector";
const AGE_RANGE: &str = "age_range";
const VOTING_POINT: &str = "voting_point";

fn parse_date(value: Option<String>) -> Result<Option<DateTime<chrono::FixedOffset>>> {
    value
        .map(|v| DateTime::parse_from_rfc3339(&v).map_err(|e| Error::Corrupt(format!("date {v:?}: {e}"))))
        .transpose()
}

/// Whether a catalog has been loaded.
pub async fn is_loaded(pool: &SqlitePool) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consultation").fetch_one(pool).await?;
    Ok(n > 0)
}

/// The catalog kept in memory, reloaded only when `catalog_version` changed
/// (triggers bump it on any change to the consultation, pillars, proposals or
/// phase dates, whichever process made it).
#[derive(Debug, Clone, Default)]
pub struct CatalogCache {
    cached: std::sync::Arc<std::sync::RwLock<Cached>>,
    /// Held while one update reloads, so the others that find the cache out of
    /// date (hundreds at once after a start or an import) wait for that load
    /// instead of each reading the whole catalog.
    loading: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// The version the cached catalog was read at, and the catalog.
type Cached = Option<(i64, std::sync::Arc<Catalog>)>;

impl CatalogCache {
    pub async fn get(&self, pool: &SqlitePool) -> Result<std::sync::Arc<Catalog>> {
        let version: i64 = sqlx::query_scalar("SELECT version FROM catalog_version").fetch_one(pool).await?;
        self.get_at(pool, version).await
    }

    fn at(&self, version: i64) -> Option<std::sync::Arc<Catalog>> {
        let cached = self.cached.read().ok()?;
        cached.as_ref().filter(|(v, _)| *v == version).map(|(_, catalog)| catalog.clone())
    }

    /// The catalog at `version`, read just before (see `citizens::lookup`).
    pub async fn get_at(&self, pool: &SqlitePool, version: i64) -> Result<std::sync::Arc<Catalog>> {
        if let Some(catalog) = self.at(version) {
            return Ok(catalog);
        }
        let _loading = self.loading.lock().await;
        // Another update may have loaded it while this one waited.
        if let Some(catalog) = self.at(version) {
            return Ok(catalog);
        }
        // Read after the version: if it changes meanwhile, the next call reloads.
        let catalog = std::sync::Arc::new(load(pool).await?);
        if let Ok(mut cached) = self.cached.write() {
            *cached = Some((version, catalog.clone()));
        }
        Ok(catalog)
    }
}

/// The catalog as stored, withdrawn proposals included.
impl From<PillarRow> for Pillar {
    fn from(p: PillarRow) -> Pillar {
        Pillar { key: p.key, name: p.name, summary: p.summary, name_en: p.name_en, summary_en: p.summary_en }
    }
}

impl From<ProposalRow> for Proposal {
    fn from(p: ProposalRow) -> Proposal {
        Proposal {
            id: p.id,
            pillar: p.pillar,
            title: p.title,
            title_en: p.title_en,
            text: p.text,
            problem: p.problem,
            source: p.source,
            from_idea: p.from_idea,
            withdrawn: p.withdrawn,
        }
    }
}

pub async fn load(pool: &SqlitePool) -> Result<Catalog> {
    // Dates set by an admin (/abrir, /cerrar, /fechas) win over the catalog's.
    let row: ConsultationRow = sqlx::query_as(
        "SELECT c.id, c.title, c.title_en, c.city, c.territory_es, c.territory_en,
                c.outside_es, c.outside_en,
                CASE WHEN o.singleton IS NULL THEN c.opens_at ELSE o.opens_at END AS opens_at,
                CASE WHEN o.singleton IS NULL THEN c.closes_at ELSE o.closes_at END AS closes_at,
                c.max_priorities, c.data_controller, c.privacy_contact, c.phone_prefixes
         FROM consultation c LEFT JOIN phase_override o ON o.singleton = 1
         WHERE c.singleton = 1",
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| Error::Corrupt("no catalog has been loaded".into()))?;
    let pillars: Vec<PillarRow> =
        sqlx::query_as("SELECT key, name, summary, name_en, summary_en FROM pillars ORDER BY position")
            .fetch_all(pool)
            .await?;
    let proposals: Vec<ProposalRow> = sqlx::query_as(
        "SELECT id, pillar, title, title_en, text, problem, source, origin = 'idea' AS from_idea,
                withdrawn_at IS NOT NULL AS withdrawn
         FROM proposals ORDER BY position, id",
    )
    .fetch_all(pool)
    .await?;
    let choices: Vec<ChoiceRow> =
        sqlx::query_as("SELECT list, code, es, en, minor FROM catalog_choices ORDER BY list, position")
            .fetch_all(pool)
            .await?;
    let list = |name: &str| -> Vec<Choice> {
        choices
            .iter()
            .filter(|c| c.list == name)
            .map(|c| Choice {
                code: c.code.clone(),
                label: Label { es: c.es.clone(), en: c.en.clone() },
                minor: c.minor,
            })
            .collect()
    };
    Ok(Catalog {
        consultation: Consultation {
            id: row.id,
            title: row.title,
            title_en: row.title_en,
            city: row.city,
            opens_at: parse_date(row.opens_at)?,
            closes_at: parse_date(row.closes_at)?,
            max_priorities: u8::try_from(row.max_priorities)
                .map_err(|_| Error::Corrupt("max_priorities".into()))?,
            data_controller: row.data_controller,
            privacy_contact: row.privacy_contact,
            phone_prefixes: row
                .phone_prefixes
                .split(',')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
        },
        pillars: pillars.into_iter().map(Pillar::from).collect(),
        proposals: proposals.into_iter().map(Proposal::from).collect(),
        territory: Territory {
            name: Label { es: row.territory_es, en: row.territory_en },
            units: list(TERRITORY),
            outside: row.outside_es.zip(row.outside_en).map(|(es, en)| Label { es, en }),
        },
        sectors: list(SECTOR),
        age_ranges: list(AGE_RANGE),
        voting_points: list(VOTING_POINT),
    })
}

/// Upserts a checked catalog in one transaction. Catalog proposals missing from it
/// are deleted, unless someone voted for them: those are marked withdrawn instead.
/// Proposals that came from citizens' ideas are never touched.
///
/// Long on purpose: one transaction, one statement per table in dependency
/// order (consultation, pillars, proposals, withdrawals, lists), read top to
/// bottom as the import it is; split, each part would take the transaction
/// and the report, and the order that keeps foreign keys valid would be
/// spread over several functions.
pub async fn import(pool: &SqlitePool, catalog: &Catalog) -> Result<ImportReport> {
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    let c = &catalog.consultation;
    sqlx::query(
        "INSERT INTO consultation
            (singleton, id, title, title_en, city, territory_es, territory_en, outside_es, outside_en,
             opens_at, closes_at, max_priorities, data_controller, privacy_contact, phone_prefixes, updated_at)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (singleton) DO UPDATE SET
            id = excluded.id, title = excluded.title, title_en = excluded.title_en, city = excluded.city,
            territory_es = excluded.territory_es, territory_en = excluded.territory_en,
            outside_es = excluded.outside_es, outside_en = excluded.outside_en,
            opens_at = excluded.opens_at, closes_at = excluded.closes_at,
            max_priorities = excluded.max_priorities, data_controller = excluded.data_controller,
            privacy_contact = excluded.privacy_contact, phone_prefixes = excluded.phone_prefixes,
            updated_at = excluded.updated_at",
    )
    .bind(&c.id)
    .bind(&c.title)
    .bind(&c.title_en)
    .bind(&c.city)
    .bind(&catalog.territory.name.es)
    .bind(&catalog.territory.name.en)
    .bind(catalog.territory.outside.as_ref().map(|l| &l.es))
    .bind(catalog.territory.outside.as_ref().map(|l| &l.en))
    .bind(c.opens_at.map(|d| d.to_rfc3339()))
    .bind(c.closes_at.map(|d| d.to_rfc3339()))
    .bind(i64::from(c.max_priorities))
    .bind(&c.data_controller)
    .bind(&c.privacy_contact)
    .bind(c.phone_prefixes.join(","))
    .bind(&at)
    .execute(&mut *tx)
    .await?;

    for (position, p) in catalog.pillars.iter().enumerate() {
        sqlx::query(
            "INSERT INTO pillars (key, position, name, summary, name_en, summary_en)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET position = excluded.position, name = excluded.name,
                summary = excluded.summary, name_en = excluded.name_en, summary_en = excluded.summary_en",
        )
        .bind(&p.key)
        .bind(position as i64)
        .bind(&p.name)
        .bind(&p.summary)
        .bind(&p.name_en)
        .bind(&p.summary_en)
        .execute(&mut *tx)
        .await?;
    }

    let existing: HashSet<String> = sqlx::query_scalar("SELECT id FROM proposals WHERE origin = 'catalog'")
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
    let mut report = ImportReport::default();
    for (position, p) in catalog.proposals.iter().enumerate() {
        if existing.contains(&p.id) {
            report.updated += 1;
        } else {
            report.added += 1;
        }
        sqlx::query(
            "INSERT INTO proposals
                (id, pillar, position, title, title_en, text, problem, source, withdrawn_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
             ON CONFLICT (id) DO UPDATE SET pillar = excluded.pillar, position = excluded.position,
                title = excluded.title, title_en = excluded.title_en, text = excluded.text,
                problem = excluded.problem, source = excluded.source, withdrawn_at = NULL,
                updated_at = excluded.updated_at
             WHERE proposals.origin = 'catalog'",
        )
        .bind(&p.id)
        .bind(&p.pillar)
        .bind(position as i64)
        .bind(&p.title)
        .bind(&p.title_en)
        .bind(&p.text)
        .bind(&p.problem)
        .bind(&p.source)
        .bind(&at)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    }

    let in_file: HashSet<&str> = catalog.proposals.iter().map(|p| p.id.as_str()).collect();
    for id in existing.iter().filter(|id| !in_file.contains(id.as_str())) {
        // Votes, or ideas merged into it, keep a proposal: it is withdrawn, not deleted.
        let votes: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM ballot_choices WHERE proposal_id = ?1)
                  + (SELECT COUNT(*) FROM paper_choices WHERE proposal_id = ?1)
                  + (SELECT COUNT(*) FROM ideas WHERE merged_into = ?1 OR promoted_as = ?1)",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if votes > 0 {
            let changed = sqlx::query(
                "UPDATE proposals SET withdrawn_at = ?, updated_at = ? WHERE id = ? AND withdrawn_at IS NULL",
            )
            .bind(&at)
            .bind(&at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            report.withdrawn += changed.rows_affected() as usize;
        } else {
            sqlx::query("DELETE FROM proposals WHERE id = ?").bind(id).execute(&mut *tx).await?;
            report.removed += 1;
        }
    }

    // The city's lists are replaced whole; answers already stored keep their codes
    // (one no longer listed shows as its code).
    sqlx::query("DELETE FROM catalog_choices").execute(&mut *tx).await?;
    for (list, items) in [
        (TERRITORY, &catalog.territory.units),
        (SECTOR, &catalog.sectors),
        (AGE_RANGE, &catalog.age_ranges),
        (VOTING_POINT, &catalog.voting_points),
    ] {
        for (position, c) in items.iter().enumerate() {
            sqlx::query(
                "INSERT INTO catalog_choices (list, code, position, es, en, minor) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(list)
            .bind(&c.code)
            .bind(position as i64)
            .bind(&c.label.es)
            .bind(&c.label.en)
            .bind(c.minor)
            .execute(&mut *tx)
            .await?;
        }
    }

    // Pillars gone from the file go too, unless proposals or ballots still refer to them.
    let keys: Vec<&str> = catalog.pillars.iter().map(|p| p.key.as_str()).collect();
    let stored: Vec<String> = sqlx::query_scalar("SELECT key FROM pillars").fetch_all(&mut *tx).await?;
    for key in stored.iter().filter(|k| !keys.contains(&k.as_str())) {
        sqlx::query(
            "DELETE FROM pillars WHERE key = ?1
               AND NOT EXISTS (SELECT 1 FROM proposals WHERE pillar = ?1)
               AND NOT EXISTS (SELECT 1 FROM ballots WHERE pillar = ?1)",
        )
        .bind(key)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(report)
}
