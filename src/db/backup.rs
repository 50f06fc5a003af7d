//! Consistent copies of the database file (`backup`) and putting one back (`restore`).

use crate::{
    db::{Access, Location, SchemaProblem, open_with, schema_problem},
    error::{Error, Result},
};
use sqlx::{
    ConnectOptions, Connection, SqliteConnection, SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode},
};
use std::{
    io::ErrorKind,
    path::{Path, PathBuf},
    time::Duration,
};

/// What a copy holds, to tell the operator what was saved or put back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    pub participants: i64,
    pub ballots: i64,
    pub ideas: i64,
    pub bytes: u64,
}

/// Writes a consistent copy of the open database to `to` with `VACUUM INTO`: one
/// read transaction, so a bot writing meanwhile neither waits nor leaks half a
/// change into the copy. Never overwrites: `to` must not exist.
pub async fn backup(pool: &SqlitePool, to: &Path) -> Result<Contents> {
    // Creating the file ourselves (empty, which VACUUM INTO accepts) reports "already
    // exists" and a missing folder with their path, and closes the race with
    // another process writing the same name.
    match std::fs::OpenOptions::new().write(true).create_new(true).open(to) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return Err(Error::AlreadyExists(to.to_owned())),
        Err(e) => return Err(Error::Write { path: to.to_owned(), source: e }),
    }
    let written = sqlx::query("VACUUM INTO ?").bind(to.to_string_lossy().into_owned()).execute(pool).await;
    if let Err(e) = written {
        let _ = std::fs::remove_file(to);
        return Err(Error::Open { path: to.to_owned(), source: e });
    }
    inspect(to).await
}

/// Opens a copy read-only and checks it is a whole consulta database: SQLite's
/// `integrity_check`, the migrations of this or an older version, and a catalog.
pub async fn inspect(path: &Path) -> Result<Contents> {
    let bad = |detail: String| Error::NotABackup { path: path.to_owned(), detail };
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(bad("not a regular file".into())),
        Err(e) if e.kind() == ErrorKind::NotFound => return Err(Error::MissingFile(path.to_owned())),
        Err(e) => return Err(Error::PermissionDenied { path: path.to_owned(), source: e }),
    }
    let options = SqliteConnectOptions::new().filename(path).read_only(true).disable_statement_logging();
    let mut conn = SqliteConnection::connect_with(&options).await.map_err(|e| bad(e.to_string()))?;
    let checked = check_connection(&mut conn).await;
    let _ = conn.close().await;
    let (participants, ballots, ideas) = checked.map_err(|e| match e {
        Error::Db(e) => bad(e.to_string()),
        Error::Corrupt(detail) => bad(detail),
        other => other,
    })?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(Contents { participants, ballots, ideas, bytes })
}

async fn check_connection(conn: &mut SqliteConnection) -> Result<(i64, i64, i64)> {
    let report: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut *conn).await?;
    if report != ["ok"] {
        return Err(Error::Corrupt(format!("integrity_check: {}", report.join("; "))));
    }
    match schema_problem(&mut *conn).await? {
        None | Some(SchemaProblem::Behind { .. }) => {}
        Some(problem) => return Err(Error::Corrupt(problem.to_string())),
    }
    let catalogs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consultation").fetch_one(&mut *conn).await?;
    if catalogs == 0 {
        return Err(Error::Corrupt("no catalog is loaded in it".into()));
    }
    let participants: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM citizens").fetch_one(&mut *conn).await?;
    let ballots: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballots").fetch_one(&mut *conn).await?;
    let ideas: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ideas").fetch_one(&mut *conn).await?;
    Ok((participants, ballots, ideas))
}

/// What `restore` did.
#[derive(Debug, Clone)]
pub struct Restored {
    pub contents: Contents,
    /// Where the database that was replaced now is, if there was one.
    pub previous: Option<PathBuf>,
}

/// Puts the copy `from` back as the database at `url`, which must not be in use.
///
/// "In use" is checked with SQLite's own locks: a running bot keeps at least one
/// connection open, and a WAL database cannot leave WAL mode while another
/// connection has it open (`PRAGMA journal_mode = DELETE` fails with "database is
/// locked"). Leaving WAL mode also checkpoints and deletes the `-wal` and `-shm`
/// files. An exclusive lock is then held on the old file while the copy takes its
/// place, so a bot started meanwhile waits instead of writing into the old file.
/// The replaced file is kept beside it, renamed.
pub async fn restore(from: &Path, url: &str) -> Result<Restored> {
    let location = Location::parse(url)?;
    if location.in_memory() {
        return Err(Error::Config(format!("{url}: an in-memory database cannot be restored")));
    }
    let contents = inspect(from).await?;
    let target = location.path.clone();
    location.check_folder()?;
    let exists = location.exists()?;

    let guard = if exists { Some(lock_unused(&target).await?) } else { None };
    let swapped = swap_in(from, &target, exists);
    if let Some(conn) = guard {
        let _ = conn.close().await;
    }
    let previous = swapped?;

    // The restored file becomes a WAL database with this version's schema.
    let pool = open_with(url, Access::ReadWrite).await?;
    crate::db::close(pool).await;
    Ok(Restored { contents, previous })
}

/// Takes the database out of WAL mode and holds an exclusive lock on it; fails
/// with [`Error::InUse`] if another process has it open.
async fn lock_unused(target: &Path) -> Result<SqliteConnection> {
    let options = SqliteConnectOptions::new()
        .filename(target)
        .busy_timeout(Duration::from_secs(2))
        .journal_mode(SqliteJournalMode::Delete)
        .disable_statement_logging();
    let in_use = |e: &sqlx::Error| {
        e.as_database_error()
            .and_then(|d| d.code())
            .and_then(|c| c.parse::<i32>().ok())
            .is_some_and(|c| matches!(c & 0xff, 5 | 6))
    };
    let mut conn = match SqliteConnection::connect_with(&options).await {
        Ok(conn) => conn,
        Err(e) if in_use(&e) => return Err(Error::InUse(target.to_owned())),
        // A file that is not a database (or is damaged) is what a restore replaces;
        // no bot can be using it. Stale -wal/-shm files are removed by `swap_in`.
        Err(e) if is_broken(&e) => return lock_broken(target).await,
        Err(e) => return Err(Error::Open { path: target.to_owned(), source: e }),
    };
    let mode: String = match sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut conn).await {
        Ok(mode) => mode,
        Err(e) if in_use(&e) => return Err(Error::InUse(target.to_owned())),
        Err(e) => return Err(Error::Open { path: target.to_owned(), source: e }),
    };
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(Error::InUse(target.to_owned()));
    }
    match sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await {
        Ok(_) => Ok(conn),
        Err(e) if in_use(&e) => Err(Error::InUse(target.to_owned())),
        Err(e) => Err(Error::Open { path: target.to_owned(), source: e }),
    }
}

fn is_broken(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|c| matches!(c & 0xff, 11 | 26))
}

/// A connection to an in-memory database stands in for the lock of a file that
/// SQLite cannot open.
async fn lock_broken(target: &Path) -> Result<SqliteConnection> {
    SqliteConnection::connect("sqlite::memory:")
        .await
        .map_err(|source| Error::Open { path: target.to_owned(), source })
}

/// Copies `from` beside `target`, removes the old `-wal`/`-shm`, moves the old
/// file aside and renames the copy into place. Returns where the old file went.
fn swap_in(from: &Path, target: &Path, exists: bool) -> Result<Option<PathBuf>> {
    let with_suffix = |suffix: &str| {
        let mut name = target.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let incoming = with_suffix(".restoring");
    let write = |path: &Path, source| Error::Write { path: path.to_owned(), source };
    std::fs::copy(from, &incoming).map_err(|e| write(&incoming, e))?;
    std::fs::File::open(&incoming).and_then(|f| f.sync_all()).map_err(|e| write(&incoming, e))?;
    // A -wal left from the old file would be replayed into the restored one.
    for stale in [with_suffix("-wal"), with_suffix("-shm"), with_suffix("-journal")] {
        match std::fs::remove_file(&stale) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => {
                let _ = std::fs::remove_file(&incoming);
                return Err(write(&stale, e));
            }
        }
    }
    let previous = if exists {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let aside = with_suffix(&format!(".before-restore-{stamp}"));
        std::fs::rename(target, &aside).map_err(|e| write(target, e))?;
        Some(aside)
    } else {
        None
    };
    std::fs::rename(&incoming, target).map_err(|e| write(target, e))?;
    Ok(previous)
}
