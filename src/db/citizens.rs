//! The citizens table: identity, language, consent and profile, and erasure.

use crate::{
    db::{begin_write, now, parse_ts, ts},
    domain::{Citizen, Consent, Lang, Profile, ProfileField},
    error::{Error, Result},
};
use sqlx::{FromRow, Row, SqlitePool, sqlite::SqliteRow};

#[derive(FromRow)]
struct CitizenRow {
    id: i64,
    telegram_user_id: i64,
    language: String,
    created_at: String,
    consent_accepted: Option<bool>,
    consent_version: Option<String>,
    consent_at: Option<String>,
    localidad: Option<String>,
    sector: Option<String>,
    age_range: Option<String>,
    muted_at: Option<String>,
    guardian_attested_at: Option<String>,
    verified_at: Option<String>,
}

impl TryFrom<CitizenRow> for Citizen {
    type Error = Error;

    fn try_from(r: CitizenRow) -> Result<Citizen> {
        let guardian = r.guardian_attested_at.is_some();
        let consent = match (r.consent_accepted, r.consent_version, r.consent_at) {
            (Some(accepted), Some(version), Some(at)) => {
                Some(Consent { accepted, version, at: parse_ts(&at)?, guardian })
            }
            _ => None,
        };
        Ok(Citizen {
            id: r.id,
            telegram_user_id: r.telegram_user_id,
            language: Lang::from_code(&r.language).unwrap_or_default(),
            created_at: parse_ts(&r.created_at)?,
            consent,
            profile: Profile { localidad: r.localidad, sector: r.sector, age_range: r.age_range },
            muted: r.muted_at.is_some(),
            guardian_attested: guardian,
            verified_at: r.verified_at.as_deref().map(parse_ts).transpose()?,
        })
    }
}

const COLUMNS: &str = "id, telegram_user_id, language, created_at, consent_accepted, consent_version,
     consent_at, localidad, sector, age_range, muted_at, guardian_attested_at, verified_at";

/// Who is writing, read in one statement for every update: their record, whether
/// they were granted the facilitator role, and the catalog's version.
#[derive(Debug, Clone)]
pub struct Lookup {
    pub citizen: Option<Citizen>,
    pub facilitator: bool,
    /// Named a member of the Comité de Seguimiento.
    pub comite: bool,
    pub catalog_version: i64,
    /// The chat's dialogue state as stored (JSON), if it is in one.
    pub dialogue: Option<String>,
    /// The citizen's ballots, as `ballots::of_citizen` reads them.
    pub ballots: Vec<(crate::domain::Ballot, chrono::DateTime<chrono::Utc>)>,
}

/// One lookup's row: the citizen's columns (all NULL when there is no
/// record yet) and what comes with them.
struct LookupRow {
    /// The request's place in the batch.
    slot: i64,
    citizen: Option<CitizenRow>,
    facilitator: bool,
    comite: bool,
    catalog_version: i64,
    dialogue: Option<String>,
    ballots: String,
}

impl<'r> FromRow<'r, SqliteRow> for LookupRow {
    fn from_row(row: &'r SqliteRow) -> sqlx::Result<LookupRow> {
        // The citizen's columns are read as [`CitizenRow`]'s, when there is one.
        let citizen = match row.try_get::<Option<i64>, _>("id")? {
            Some(_) => Some(CitizenRow::from_row(row)?),
            None => None,
        };
        Ok(LookupRow {
            slot: row.try_get("slot")?,
            citizen,
            facilitator: row.try_get("facilitator")?,
            comite: row.try_get("comite")?,
            catalog_version: row.try_get("catalog_version")?,
            dialogue: row.try_get("dialogue")?,
            ballots: row.try_get("ballots")?,
        })
    }
}

/// Who is writing and where they are, read in one statement for every update:
/// their record, a granted role, the catalog's version, the chat's dialogue
/// state (as stored, JSON) and their ballots.
pub async fn lookup(pool: &SqlitePool, telegram_user_id: i64, chat_id: i64) -> Result<Lookup> {
    lookup_many(pool, &[(telegram_user_id, chat_id)])
        .await?
        .pop()
        .ok_or_else(|| Error::Corrupt("a lookup returned no row".into()))?
}

/// [`lookup`] for many (user, chat) pairs in one statement, in their order (a
/// record that cannot be read fails its own lookup only).
pub async fn lookup_many(pool: &SqlitePool, who: &[(i64, i64)]) -> Result<Vec<Result<Lookup>>> {
    let pairs = serde_json::to_string(who).map_err(|e| Error::Corrupt(format!("lookup request: {e}")))?;
    let rows: Vec<LookupRow> = sqlx::query_as(
        "SELECT q.key AS slot, c.id, c.telegram_user_id, c.language, c.created_at, c.consent_accepted,
                c.consent_version, c.consent_at, c.localidad, c.sector, c.age_range, c.muted_at,
                c.guardian_attested_at, c.verified_at,
                EXISTS (SELECT 1 FROM facilitators f WHERE f.telegram_user_id = q.value ->> 0) AS facilitator,
                EXISTS (SELECT 1 FROM comite_members m WHERE m.telegram_user_id = q.value ->> 0) AS comite,
                (SELECT version FROM catalog_version) AS catalog_version,
                (SELECT state FROM dialogues d WHERE d.chat_id = q.value ->> 1) AS dialogue,
                (SELECT json_group_array(json_array(pillar, cast_at, proposal_id)) FROM (
                    SELECT b.pillar, b.cast_at, ch.proposal_id
                    FROM ballots b JOIN ballot_choices ch
                      ON ch.citizen_id = b.citizen_id AND ch.pillar = b.pillar
                    WHERE b.citizen_id = c.id ORDER BY b.pillar, ch.rank)) AS ballots
         FROM json_each(?1) AS q LEFT JOIN citizens c ON c.telegram_user_id = q.value ->> 0
         ORDER BY q.key",
    )
    .bind(pairs)
    .fetch_all(pool)
    .await?;
    if rows.len() != who.len() || rows.iter().enumerate().any(|(i, r)| r.slot != i as i64) {
        return Err(Error::Corrupt(format!("{} lookups returned {} rows", who.len(), rows.len())));
    }
    Ok(rows.into_iter().map(Lookup::try_from).collect())
}

impl TryFrom<LookupRow> for Lookup {
    type Error = Error;

    fn try_from(r: LookupRow) -> Result<Lookup> {
        let rows: Vec<(String, String, String)> = serde_json::from_str(&r.ballots)
            .map_err(|e| Error::Corrupt(format!("ballots of a citizen: {e}")))?;
        let ballots = crate::db::ballots::group(rows)?;
        let citizen = r.citizen.map(Citizen::try_from).transpose()?;
        Ok(Lookup {
            citizen,
            facilitator: r.facilitator,
            comite: r.comite,
            catalog_version: r.catalog_version,
            dialogue: r.dialogue,
            ballots,
        })
    }
}

/// Reads the lookups of the updates being handled together in one statement:
/// each asks, and whatever has been asked while the last statement ran goes
/// into the next one. A clone shares the same reader, started at the first ask
/// (and again if the runtime it ran on has gone).
#[derive(Debug, Clone)]
pub struct Lookups {
    pool: SqlitePool,
    reader: std::sync::Arc<std::sync::Mutex<Option<tokio::sync::mpsc::UnboundedSender<Ask>>>>,
}

type Ask = ((i64, i64), tokio::sync::oneshot::Sender<Result<Lookup>>);

/// The most lookups one statement reads.
const LOOKUPS_PER_STATEMENT: usize = 200;

impl Lookups {
    pub fn new(pool: SqlitePool) -> Lookups {
        Lookups { pool, reader: Default::default() }
    }

    fn reader(&self) -> tokio::sync::mpsc::UnboundedSender<Ask> {
        let mut reader = self.reader.lock().unwrap_or_else(|e| e.into_inner());
        match &*reader {
            Some(asks) if !asks.is_closed() => asks.clone(),
            _ => {
                let (asks, queue) = tokio::sync::mpsc::unbounded_channel();
                tokio::spawn(read_lookups(self.pool.clone(), queue));
                *reader = Some(asks.clone());
                asks
            }
        }
    }

    /// [`lookup`], read together with the others asked at the same time.
    pub async fn lookup(&self, telegram_user_id: i64, chat_id: i64) -> Result<Lookup> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        if self.reader().send(((telegram_user_id, chat_id), answer)).is_err() {
            return lookup(&self.pool, telegram_user_id, chat_id).await;
        }
        answered.await.map_err(|_| Error::Lookup("the reader stopped".into()))?
    }
}

async fn read_lookups(pool: SqlitePool, mut queue: tokio::sync::mpsc::UnboundedReceiver<Ask>) {
    while let Some(first) = queue.recv().await {
        let mut asks = vec![first];
        while asks.len() < LOOKUPS_PER_STATEMENT
            && let Ok(ask) = queue.try_recv()
        {
            asks.push(ask);
        }
        let who: Vec<(i64, i64)> = asks.iter().map(|(who, _)| *who).collect();
        match lookup_many(&pool, &who).await {
            Ok(found) => {
                for ((_, answer), found) in asks.into_iter().zip(found) {
                    let _ = answer.send(found);
                }
            }
            // One bad moment must not fail every update of the batch: each is
            // read again on its own.
            Err(e) => {
                tracing::warn!(error = %e, lookups = asks.len(), "a batch of lookups failed; reading them one by one");
                for ((user, chat), answer) in asks {
                    let _ = answer.send(lookup(&pool, user, chat).await);
                }
            }
        }
    }
}

pub async fn find(pool: &SqlitePool, telegram_user_id: i64) -> Result<Option<Citizen>> {
    let row: Option<CitizenRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM citizens WHERE telegram_user_id = ?"))
            .bind(telegram_user_id)
            .fetch_optional(pool)
            .await?;
    row.map(Citizen::try_from).transpose()
}

/// Records a consent decision (creating the citizen if needed) and returns the citizen.
pub async fn record_consent(
    pool: &SqlitePool,
    telegram_user_id: i64,
    language: Lang,
    accepted: bool,
    version: &str,
) -> Result<Citizen> {
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    let row: CitizenRow = sqlx::query_as(&format!(
        "INSERT INTO citizens (telegram_user_id, language, created_at, consent_accepted, consent_version, consent_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?3)
         ON CONFLICT (telegram_user_id) DO UPDATE SET
            consent_accepted = excluded.consent_accepted, consent_version = excluded.consent_version,
            consent_at = excluded.consent_at
         RETURNING {COLUMNS}"
    ))
    .bind(telegram_user_id)
    .bind(language.code())
    .bind(&at)
    .bind(accepted)
    .bind(version)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO consent_log (citizen_id, accepted, notice_version, decided_at) VALUES (?, ?, ?, ?)",
    )
    .bind(row.id)
    .bind(accepted)
    .bind(version)
    .bind(&at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    row.try_into()
}

/// Every consent decision of a citizen, oldest first.
pub async fn consent_history(pool: &SqlitePool, citizen_id: i64) -> Result<Vec<Consent>> {
    let rows: Vec<(bool, String, String, bool)> = sqlx::query_as(
        "SELECT accepted, notice_version, decided_at, guardian_attested FROM consent_log
         WHERE citizen_id = ? ORDER BY id",
    )
    .bind(citizen_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(accepted, version, at, guardian)| {
            Ok(Consent { accepted, version, at: parse_ts(&at)?, guardian })
        })
        .collect()
}

/// Consent decisions per notice version, for the data controller's audit: no
/// ids, only (version, accepted, a minor's guardian statement, time) of each.
pub async fn consent_decisions(
    pool: &SqlitePool,
) -> Result<Vec<(String, bool, bool, chrono::DateTime<chrono::Utc>)>> {
    let rows: Vec<(String, bool, bool, String)> = sqlx::query_as(
        "SELECT notice_version, accepted, guardian_attested, decided_at FROM consent_log ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(version, accepted, guardian, at)| Ok((version, accepted, guardian, parse_ts(&at)?)))
        .collect()
}

/// Stores the citizen's language choice (creating the citizen if needed: the
/// language is what the conversation itself needs, not personal data).
pub async fn set_language(pool: &SqlitePool, telegram_user_id: i64, language: Lang) -> Result<()> {
    let mut tx = begin_write(pool).await?;
    sqlx::query(
        "INSERT INTO citizens (telegram_user_id, language, created_at) VALUES (?, ?, ?)
         ON CONFLICT (telegram_user_id) DO UPDATE SET language = excluded.language",
    )
    .bind(telegram_user_id)
    .bind(language.code())
    .bind(ts(now()))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Stores one profile answer (`None` clears it) and returns the citizen as
/// stored now. Only for citizens who consented: stores nothing and returns
/// `None` otherwise. One statement, atomic on its own.
pub async fn set_profile(
    pool: &SqlitePool,
    citizen_id: i64,
    field: ProfileField,
    code: Option<&str>,
) -> Result<Option<Citizen>> {
    // The column name comes from a closed enum, never from input.
    let row: Option<CitizenRow> = sqlx::query_as(&format!(
        "UPDATE citizens SET {} = ? WHERE id = ? AND consent_accepted = 1 RETURNING {COLUMNS}",
        field.column()
    ))
    .bind(code)
    .bind(citizen_id)
    .fetch_optional(pool)
    .await?;
    row.map(Citizen::try_from).transpose()
}

/// What erasure removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Erased {
    pub citizen: bool,
    pub ballots: u64,
    pub ideas: u64,
}

/// Erases everything stored about a Telegram user in one transaction: identity,
/// profile, consent, ballots (which therefore leave every tally), ideas and dialogue state.
pub async fn erase(pool: &SqlitePool, telegram_user_id: i64, chat_id: i64) -> Result<Erased> {
    let mut tx = begin_write(pool).await?;
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM citizens WHERE telegram_user_id = ?")
        .bind(telegram_user_id)
        .fetch_optional(&mut *tx)
        .await?;
    let mut erased = Erased::default();
    if let Some(id) = id {
        erased = erase_contributions(&mut tx, id).await?;
        sqlx::query("DELETE FROM citizens WHERE id = ?").bind(id).execute(&mut *tx).await?;
        erased.citizen = true;
    }
    sqlx::query("DELETE FROM dialogues WHERE chat_id = ?").bind(chat_id).execute(&mut *tx).await?;
    tx.commit().await?;
    checkpoint_aside(pool);
    Ok(erased)
}

/// Deletes a citizen's ballots and ideas (ideas now part of the ballot or of a
/// proposal stay, without author and without the original media).
async fn erase_contributions(tx: &mut sqlx::SqliteConnection, id: i64) -> Result<Erased> {
    let mut erased = Erased::default();
    sqlx::query("DELETE FROM ballot_choices WHERE citizen_id = ?").bind(id).execute(&mut *tx).await?;
    erased.ballots = sqlx::query("DELETE FROM ballots WHERE citizen_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    erased.ideas =
        sqlx::query("DELETE FROM ideas WHERE citizen_id = ? AND status NOT IN ('promoted', 'merged')")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    sqlx::query("UPDATE ideas SET citizen_id = NULL, file_id = NULL WHERE citizen_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    Ok(erased)
}

/// The old pages also live in the write-ahead log until a checkpoint copies the
/// overwritten ones back and empties it; done aside, so the answer does not
/// wait for readers to finish.
pub(crate) fn checkpoint_aside(pool: &SqlitePool) {
    let pool = pool.clone();
    tokio::spawn(async move {
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await {
            tracing::warn!(error = %e, "no checkpoint after an erasure; the next one clears it");
        }
    });
}

/// A minor states that a parent or guardian authorised them: the age answer
/// and the statement are stored together, and the statement joins the consent
/// history. Only for a citizen who accepted the notice; false otherwise.
pub async fn attest_guardian(pool: &SqlitePool, citizen_id: i64, age_range: &str) -> Result<bool> {
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    let version: Option<String> = sqlx::query_scalar(
        "UPDATE citizens SET age_range = ?, guardian_attested_at = ?
         WHERE id = ? AND consent_accepted = 1 RETURNING consent_version",
    )
    .bind(age_range)
    .bind(&at)
    .bind(citizen_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(version) = version else {
        return Ok(false);
    };
    sqlx::query(
        "INSERT INTO consent_log (citizen_id, accepted, notice_version, decided_at, guardian_attested)
         VALUES (?, 1, ?, ?, 1)",
    )
    .bind(citizen_id)
    .bind(version)
    .bind(&at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A minor without a guardian's authorisation: they keep what a decliner
/// keeps (their language and the declined consent), and nothing else. Their
/// ballots, ideas and profile go, as at an erasure.
pub async fn decline_as_minor(
    pool: &SqlitePool,
    citizen_id: i64,
    chat_id: i64,
    version: &str,
) -> Result<Erased> {
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    let erased = erase_contributions(&mut tx, citizen_id).await?;
    sqlx::query(
        "UPDATE citizens SET consent_accepted = 0, consent_version = ?, consent_at = ?,
            localidad = NULL, sector = NULL, age_range = NULL, guardian_attested_at = NULL
         WHERE id = ?",
    )
    .bind(version)
    .bind(&at)
    .bind(citizen_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO consent_log (citizen_id, accepted, notice_version, decided_at) VALUES (?, 0, ?, ?)",
    )
    .bind(citizen_id)
    .bind(version)
    .bind(&at)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM dialogues WHERE chat_id = ?").bind(chat_id).execute(&mut *tx).await?;
    tx.commit().await?;
    checkpoint_aside(pool);
    Ok(erased)
}

/// Mutes or unmutes broadcasts for a citizen; `false` if there is no such citizen.
pub async fn set_muted(pool: &SqlitePool, telegram_user_id: i64, muted: bool) -> Result<bool> {
    let at = muted.then(|| ts(now()));
    let done = sqlx::query("UPDATE citizens SET muted_at = ? WHERE telegram_user_id = ?")
        .bind(at)
        .bind(telegram_user_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Someone who blocked the bot and came back (`/start`) can be reached again.
pub async fn mark_reachable(pool: &SqlitePool, telegram_user_id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE citizens SET unreachable_at = NULL WHERE telegram_user_id = ? AND unreachable_at IS NOT NULL",
    )
    .bind(telegram_user_id)
    .execute(pool)
    .await?;
    Ok(())
}
