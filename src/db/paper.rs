//! The paper_ballots, paper_choices and paper_log tables: sheets from in-person
//! voting points, entered in the chat or imported from a spreadsheet, and the
//! audit of every entry, undo and import.

use crate::{
    db::{begin_write, now, parse_ts, ts},
    domain::{
        Ballot, PaperSheet,
        paper::{LineProblem, RowProblem},
    },
    error::Result,
};
use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashMap;

/// A sheet as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSheet {
    pub id: i64,
    pub sheet: PaperSheet,
    /// `chat` or `import`.
    pub source: String,
    pub entered_at: DateTime<Utc>,
}

/// What entering a sheet did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entered {
    /// Stored; the voting point now holds `count` sheets.
    Saved { id: i64, count: i64 },
    /// The voting point has a sheet with this number already: nothing stored.
    Duplicate(StoredSheet),
}

type SheetRow = (i64, String, i64, String, Option<String>, Option<String>, Option<String>, String, String);

const SHEET_COLUMNS: &str =
    "id, voting_point, sheet, pillar, localidad, sector, age_range, source, entered_at";

async fn choices_of(conn: &mut SqliteConnection, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for id in ids {
        let rows: Vec<String> =
            sqlx::query_scalar("SELECT proposal_id FROM paper_choices WHERE ballot_id = ? ORDER BY rank")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        out.insert(*id, rows);
    }
    Ok(out)
}

fn to_sheet(row: SheetRow, choices: Vec<String>) -> Result<StoredSheet> {
    let (id, point, sheet, pillar, localidad, sector, age_range, source, entered_at) = row;
    Ok(StoredSheet {
        id,
        sheet: PaperSheet {
            point,
            sheet: u32::try_from(sheet).unwrap_or(0),
            ballot: Ballot { pillar, choices },
            localidad,
            sector,
            age_range,
        },
        source,
        entered_at: parse_ts(&entered_at)?,
    })
}

async fn find_in(conn: &mut SqliteConnection, point: &str, sheet: u32) -> Result<Option<StoredSheet>> {
    let row: Option<SheetRow> = sqlx::query_as(&format!(
        "SELECT {SHEET_COLUMNS} FROM paper_ballots WHERE voting_point = ? AND sheet = ?"
    ))
    .bind(point)
    .bind(i64::from(sheet))
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => {
            let mut choices = choices_of(conn, &[row.0]).await?;
            let c = choices.remove(&row.0).unwrap_or_default();
            Ok(Some(to_sheet(row, c)?))
        }
        None => Ok(None),
    }
}

/// The sheet with this number at this voting point, if it was entered.
pub async fn find(pool: &SqlitePool, point: &str, sheet: u32) -> Result<Option<StoredSheet>> {
    let mut conn = pool.acquire().await?;
    find_in(&mut conn, point, sheet).await
}

async fn insert(conn: &mut SqliteConnection, sheet: &PaperSheet, source: &str, at: &str) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO paper_ballots (voting_point, sheet, pillar, localidad, sector, age_range, source, entered_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&sheet.point)
    .bind(i64::from(sheet.sheet))
    .bind(&sheet.ballot.pillar)
    .bind(&sheet.localidad)
    .bind(&sheet.sector)
    .bind(&sheet.age_range)
    .bind(source)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    for (i, proposal_id) in sheet.ballot.choices.iter().enumerate() {
        sqlx::query("INSERT INTO paper_choices (ballot_id, rank, proposal_id) VALUES (?, ?, ?)")
            .bind(id)
            .bind(i as i64 + 1)
            .bind(proposal_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

async fn count_in(conn: &mut SqliteConnection, point: &str) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM paper_ballots WHERE voting_point = ?")
        .bind(point)
        .fetch_one(&mut *conn)
        .await?)
}

/// Sheets entered at a voting point so far.
pub async fn count_at(pool: &SqlitePool, point: &str) -> Result<i64> {
    let mut conn = pool.acquire().await?;
    count_in(&mut conn, point).await
}

/// Stores a sheet entered in the chat by `staff_id`, with its audit line, and
/// leaves the entry dialogue of `chat_id` at `next_state` (JSON), all in one
/// transaction. A sheet number the point already has is refused with what was
/// entered before.
pub async fn enter(
    pool: &SqlitePool,
    sheet: &PaperSheet,
    staff_id: i64,
    chat_id: i64,
    next_state: &str,
) -> Result<Entered> {
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    if let Some(before) = find_in(&mut tx, &sheet.point, sheet.sheet).await? {
        return Ok(Entered::Duplicate(before));
    }
    let id = insert(&mut tx, sheet, "chat", &at).await?;
    sqlx::query(
        "INSERT INTO paper_log (action, staff_id, voting_point, sheet, pillar, ballot_id, detail, at)
         VALUES ('enter', ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(staff_id)
    .bind(&sheet.point)
    .bind(i64::from(sheet.sheet))
    .bind(&sheet.ballot.pillar)
    .bind(id)
    .bind(sheet.ballot.choices.join(" "))
    .bind(&at)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO dialogues (chat_id, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
    )
    .bind(chat_id)
    .bind(next_state)
    .bind(&at)
    .execute(&mut *tx)
    .await?;
    let count = count_in(&mut tx, &sheet.point).await?;
    tx.commit().await?;
    Ok(Entered::Saved { id, count })
}

async fn last_entered_in(
    conn: &mut SqliteConnection,
    staff_id: i64,
    point: &str,
) -> Result<Option<StoredSheet>> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT b.id, b.sheet FROM paper_log l JOIN paper_ballots b ON b.id = l.ballot_id
         WHERE l.action = 'enter' AND l.staff_id = ? AND l.voting_point = ? ORDER BY l.id DESC LIMIT 1",
    )
    .bind(staff_id)
    .bind(point)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some((_, sheet)) => find_in(conn, point, u32::try_from(sheet).unwrap_or(0)).await,
        None => Ok(None),
    }
}

/// The last sheet `staff_id` entered in the chat at `point` that is still stored.
pub async fn last_entered(pool: &SqlitePool, staff_id: i64, point: &str) -> Result<Option<StoredSheet>> {
    let mut conn = pool.acquire().await?;
    last_entered_in(&mut conn, staff_id, point).await
}

/// Removes sheet `id` if it is still the last one `staff_id` entered at its
/// voting point (a second tap, or an older screen's button, removes nothing
/// else), and records the undo. Returns the sheet removed.
pub async fn undo(pool: &SqlitePool, staff_id: i64, id: i64) -> Result<Option<StoredSheet>> {
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    let point: Option<String> = sqlx::query_scalar("SELECT voting_point FROM paper_ballots WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(point) = point else { return Ok(None) };
    let Some(last) = last_entered_in(&mut tx, staff_id, &point).await?.filter(|s| s.id == id) else {
        return Ok(None);
    };
    sqlx::query("DELETE FROM paper_ballots WHERE id = ?").bind(id).execute(&mut *tx).await?;
    sqlx::query(
        "INSERT INTO paper_log (action, staff_id, voting_point, sheet, pillar, ballot_id, detail, at)
         VALUES ('undo', ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(staff_id)
    .bind(&point)
    .bind(i64::from(last.sheet.sheet))
    .bind(&last.sheet.ballot.pillar)
    .bind(id)
    .bind(last.sheet.ballot.choices.join(" "))
    .bind(&at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(last))
}

/// The voting point `staff_id` last entered or undid a sheet at, to start from.
pub async fn last_point_of(pool: &SqlitePool, staff_id: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT voting_point FROM paper_log WHERE staff_id = ? AND voting_point IS NOT NULL
         ORDER BY id DESC LIMIT 1",
    )
    .bind(staff_id)
    .fetch_optional(pool)
    .await?)
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    /// Rows identical to a sheet stored already (a file imported again).
    pub unchanged: usize,
}

fn same_content(a: &PaperSheet, b: &PaperSheet) -> bool {
    a.ballot == b.ballot && a.localidad == b.localidad && a.sector == b.sector && a.age_range == b.age_range
}

/// Imports checked rows all or nothing, in one transaction: a row identical to
/// a stored sheet changes nothing, a row whose (point, sheet) is stored with
/// other content is a problem of its line, and any problem leaves everything as
/// it was. `operator` is who ran the import, for the audit line (written only
/// when something was added, so importing a file again is a no-op).
pub async fn import(
    pool: &SqlitePool,
    rows: &[(usize, PaperSheet)],
    operator: &str,
    file: &str,
) -> Result<std::result::Result<Imported, Vec<LineProblem>>> {
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    let mut problems = Vec::new();
    let mut fresh = Vec::new();
    let mut unchanged = 0;
    for (line, sheet) in rows {
        match find_in(&mut tx, &sheet.point, sheet.sheet).await? {
            Some(stored) if same_content(&stored.sheet, sheet) => unchanged += 1,
            Some(_) => problems.push(LineProblem { line: *line, problem: RowProblem::DiffersFromStored }),
            None => fresh.push(sheet),
        }
    }
    if !problems.is_empty() {
        tx.rollback().await?;
        return Ok(Err(problems));
    }
    for sheet in &fresh {
        insert(&mut tx, sheet, "import", &at).await?;
    }
    if !fresh.is_empty() {
        sqlx::query("INSERT INTO paper_log (action, operator, detail, at) VALUES ('import', ?, ?, ?)")
            .bind(operator)
            .bind(format!("{file}: {} added, {unchanged} unchanged", fresh.len()))
            .bind(&at)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Ok(Imported { added: fresh.len(), unchanged }))
}

/// Sheets per voting point.
pub async fn per_point(pool: &SqlitePool) -> Result<HashMap<String, i64>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT voting_point, COUNT(*) FROM paper_ballots GROUP BY voting_point")
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().collect())
}

/// Every stored sheet, by voting point and sheet number.
pub async fn all(pool: &SqlitePool) -> Result<Vec<StoredSheet>> {
    let rows: Vec<SheetRow> =
        sqlx::query_as(&format!("SELECT {SHEET_COLUMNS} FROM paper_ballots ORDER BY voting_point, sheet"))
            .fetch_all(pool)
            .await?;
    let choices: Vec<(i64, String)> =
        sqlx::query_as("SELECT ballot_id, proposal_id FROM paper_choices ORDER BY ballot_id, rank")
            .fetch_all(pool)
            .await?;
    let mut by_ballot: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, proposal) in choices {
        by_ballot.entry(id).or_default().push(proposal);
    }
    rows.into_iter()
        .map(|row| {
            let c = by_ballot.remove(&row.0).unwrap_or_default();
            to_sheet(row, c)
        })
        .collect()
}
