//! All SQL lives here: opening the database, and one module per table family.

pub mod backup;
pub mod ballots;
pub mod broadcasts;
pub mod catalog;
pub mod charts;
pub mod citizens;
pub mod dialogues;
pub mod export;
pub mod followup;
pub mod health;
pub mod ideas;
pub mod inbox;
pub mod integrity;
pub mod paper;
pub mod phase;
pub mod plan;
pub mod progress;
pub mod recordings;
pub mod report;
pub mod roles;
pub mod verification;

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use sqlx::{
    Sqlite, SqliteConnection, SqlitePool, Transaction,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use std::{
    path::{Path, PathBuf},
    str::FromStr,
    time::Duration,
};

pub use dialogues::DialogueStorage;

/// How a command uses the database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The bot's start and `catalog import`: created if missing, migrated.
    Create,
    /// Must exist; migrated (`restore` on the file it put back).
    ReadWrite,
    /// Must exist and be migrated already; opened with `mode=ro`, so it works for
    /// an account that may only read the file (`tally`, `export`, `backup`).
    ReadOnly,
    /// Read-only like [`Access::ReadOnly`], also when an older version migrated it
    /// (`backup`, which an upgrade runs before the new version's first start).
    Snapshot,
}

pub use crate::error::SchemaProblem;

/// The file a `--database` value names, and the options to open it with.
#[derive(Debug, Clone)]
pub struct Location {
    pub options: SqliteConnectOptions,
    pub path: PathBuf,
}

impl Location {
    /// Reads `--database`: a `sqlite:` URL or a plain file path.
    pub fn parse(url: &str) -> Result<Location> {
        if url.trim().is_empty() {
            return Err(Error::EmptyDatabaseUrl);
        }
        let options = if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url)
                .map_err(|e| Error::Open { path: PathBuf::from(url), source: e })?
        } else {
            SqliteConnectOptions::new().filename(url)
        };
        let path = options.get_filename().to_owned();
        Ok(Location { options, path })
    }

    pub fn in_memory(&self) -> bool {
        self.path == Path::new(":memory:") || self.path.as_os_str().is_empty()
    }

    /// Whether the file exists. A folder we may not enter is an error, not "missing".
    pub fn exists(&self) -> Result<bool> {
        if self.in_memory() {
            return Ok(true);
        }
        match std::fs::metadata(&self.path) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.check_folder()?;
                Ok(false)
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                Err(Error::PermissionDenied { path: self.path.clone(), source: e })
            }
            Err(e) => Err(Error::Open { path: self.path.clone(), source: e.into() }),
        }
    }

    /// The folder the file lives in must exist (SQLite also writes `-wal` and `-shm` there).
    pub fn check_folder(&self) -> Result<()> {
        let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) else { return Ok(()) };
        if self.in_memory() {
            return Ok(());
        }
        match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => Ok(()),
            Ok(_) => Err(Error::MissingFolder(dir.to_path_buf())),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                Err(Error::PermissionDenied { path: dir.to_path_buf(), source: e })
            }
            Err(_) => Err(Error::MissingFolder(dir.to_path_buf())),
        }
    }
}

/// Opens (creating if needed) and migrates the database. `url` is either a
/// `sqlite:` URL or a plain file path.
pub async fn open(url: &str) -> Result<SqlitePool> {
    open_with(url, Access::Create).await
}

/// Opens the database as `access` says. Only [`Access::Create`] makes a new file;
/// the others report a missing one as [`Error::MissingDatabase`].
pub async fn open_with(url: &str, access: Access) -> Result<SqlitePool> {
    let location = Location::parse(url)?;
    if !location.exists()? && access != Access::Create {
        return Err(Error::MissingDatabase(location.path));
    }
    location.check_folder()?;
    let path = location.path.clone();
    let options = location
        .options
        .create_if_missing(access == Access::Create)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true)
        // A page cache of 512 KiB per connection instead of SQLite's 2 MB: the
        // pool's eight connections held 16 MB of it. The big reads (tally, export,
        // report) scan far more than either size and are served by the system's
        // file cache; at 100,000 participants the smaller cache took 10-15 MB off
        // the export's and the report's peaks and changed neither their times nor
        // the bot's CPU per update (docs/benchmarks.md).
        .pragma("cache_size", "-512");
    let options = match access {
        // The journal mode is the file's, set by the bot; a reader must not change it.
        Access::ReadOnly | Access::Snapshot => options.read_only(true),
        // Erased data is overwritten on disk, not only unlinked (Ley 1581: erased means erased).
        _ => options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .pragma("secure_delete", "on"),
    };
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .min_connections(1)
        // A connection to a local file does not go stale: the ping sqlx sends
        // before lending one out is a round trip to its thread for nothing.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .map_err(|source| Error::Open { path: path.clone(), source })?;
    let checked = match access {
        Access::ReadOnly | Access::Snapshot => match check_schema(&pool).await {
            Ok(None) => Ok(()),
            Ok(Some(SchemaProblem::Behind { .. })) if access == Access::Snapshot => Ok(()),
            Ok(Some(problem)) => Err(Error::Schema { path: path.clone(), problem, read_only: true }),
            Err(source) => Err(Error::Open { path: path.clone(), source }),
        },
        _ => migrate(&pool, &path).await,
    };
    if let Err(e) = checked {
        pool.close().await;
        return Err(e);
    }
    Ok(pool)
}

async fn check_schema(pool: &SqlitePool) -> Result<Option<SchemaProblem>, sqlx::Error> {
    schema_problem(&mut *pool.acquire().await?).await
}

async fn migrate(pool: &SqlitePool, path: &Path) -> Result<()> {
    match check_schema(pool).await {
        Ok(None | Some(SchemaProblem::Empty | SchemaProblem::Behind { .. })) => {}
        Ok(Some(problem)) => return Err(Error::Schema { path: path.to_owned(), problem, read_only: false }),
        Err(source) => return Err(Error::Open { path: path.to_owned(), source }),
    }
    sqlx::migrate!().run(pool).await.map_err(|e| match e {
        sqlx::migrate::MigrateError::Execute(source) => Error::Open { path: path.to_owned(), source },
        other => Error::Migrate(other),
    })
}

/// Compares the migrations recorded in the database with the ones this binary
/// carries; `None` when they are the same.
pub async fn schema_problem(conn: &mut SqliteConnection) -> Result<Option<SchemaProblem>, sqlx::Error> {
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .fetch_all(&mut *conn)
        .await?;
    if tables.is_empty() {
        return Ok(Some(SchemaProblem::Empty));
    }
    if !tables.iter().any(|t| t == "_sqlx_migrations") {
        return Ok(Some(SchemaProblem::NotConsulta));
    }
    let applied: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(&mut *conn)
            .await?;
    let known = sqlx::migrate!();
    for (version, checksum) in &applied {
        match known.iter().find(|m| m.version == *version) {
            None => return Ok(Some(SchemaProblem::Newer(*version))),
            Some(m) if *m.checksum != checksum[..] => return Ok(Some(SchemaProblem::Altered(*version))),
            Some(_) => {}
        }
    }
    let known = known.iter().filter(|m| m.migration_type.is_up_migration()).count();
    if applied.len() < known {
        return Ok(Some(SchemaProblem::Behind { applied: applied.len(), known }));
    }
    Ok(None)
}

/// Closes the pool as a command's exit should: a checkpoint first, so everything
/// committed is in the main file. `Pool::close` alone is not enough: it can return
/// while a connection is still on its way back to the pool (sqlx issue #3217), and
/// a process that exits then leaves the last writes only in the `-wal` file.
pub async fn close(pool: SqlitePool) {
    // A read-only pool cannot checkpoint, and has nothing of its own to write.
    if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await {
        tracing::debug!(error = %e, "no checkpoint before closing the database");
    }
    pool.close().await;
    // Let a straggling connection close too, so SQLite removes `-wal` and `-shm`.
    let deadline = std::time::Instant::now() + Duration::from_secs(2);
    while pool.size() > 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
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
