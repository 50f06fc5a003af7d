//! All SQL lives here: opening the database, and one module per table family.

pub mod ballots;
pub mod broadcasts;
pub mod catalog;
pub mod charts;
pub mod citizens;
pub mod dialogues;
pub mod export;
pub mod ideas;
pub mod inbox;
pub mod phase;
pub mod progress;
pub mod roles;

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use sqlx::{
    Sqlite, SqlitePool, Transaction,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use std::{path::Path, str::FromStr, time::Duration};

pub use dialogues::DialogueStorage;

/// Opens (creating if needed) and migrates the database. `url` is either a
/// `sqlite:` URL or a plain file path.
pub async fn open(url: &str) -> Result<SqlitePool> {
    let options = if url.starts_with("sqlite:") {
        SqliteConnectOptions::from_str(url)?
    } else {
        SqliteConnectOptions::new().filename(url)
    };
    let path = options.get_filename().to_owned();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
        && path != Path::new(":memory:")
    {
        return Err(Error::MissingFolder(dir.to_path_buf()));
    }
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new().max_connections(8).min_connections(1).connect_with(options).await?;
    sqlx::migrate!().run(&pool).await?;
    Ok(pool)
}

/// Starts a write transaction that takes the write lock up front, so two writers
/// wait for each other (busy timeout) instead of failing with "database is locked".
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}

pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}

pub(crate) fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn parse_ts(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| Error::Corrupt(format!("timestamp {s:?}: {e}")))
}
