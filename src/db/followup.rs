//! The follow-up tables: milestone_records, plan_updates, comite_members and
//! follows (see the migration `20261209000001_followup.sql`).

use crate::{
    db::{begin_write, now, parse_ts, ts},
    domain::followup::{Followed, MilestoneRecord, Records, Stage, Voice},
    error::{Error, Result},
};
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// The recorded stage and late flag of every touched milestone.
pub async fn records(pool: &SqlitePool) -> Result<Records> {
    let rows: Vec<(String, String, String, bool)> =
        sqlx::query_as("SELECT commitment_id, milestone_id, stage, flagged_late FROM milestone_records")
            .fetch_all(pool)
            .await?;
    rows.into_iter()
        .map(|(c, m, stage, flagged_late)| {
            let stage =
                Stage::parse(&stage).ok_or_else(|| Error::Corrupt(format!("milestone {c}/{m}: {stage}")))?;
            Ok(((c, m), MilestoneRecord { stage, flagged_late }))
        })
        .collect()
}

/// One update on a commitment, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub id: i64,
    pub commitment_id: String,
    pub milestone_id: Option<String>,
    pub voice: Voice,
    pub kind: UpdateKind,
    pub body: String,
    pub media: Option<(MediaKind, String)>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateKind {
    Note,
    /// A milestone moved to this stage.
    Stage(Stage),
    /// The Comité flagged a milestone as late.
    Late,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Photo,
    Document,
}

impl MediaKind {
    pub fn code(self) -> &'static str {
        match self {
            MediaKind::Photo => "photo",
            MediaKind::Document => "document",
        }
    }
}

/// A new update: a note (with optional evidence), a milestone's new stage, or a late flag.
#[derive(Debug, Clone)]
pub struct NewUpdate {
    pub commitment_id: String,
    pub milestone_id: Option<String>,
    pub voice: Voice,
    pub kind: UpdateKind,
    pub body: String,
    pub media: Option<(MediaKind, String)>,
    pub author_id: i64,
}

type UpdateRow = (
    i64,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
);

const UPDATE_COLUMNS: &str =
    "id, commitment_id, milestone_id, voice, kind, stage, body, media_kind, file_id, created_at";

fn update_of(row: UpdateRow) -> Result<Update> {
    let (id, commitment_id, milestone_id, voice, kind, stage, body, media_kind, file_id, created_at) = row;
    let corrupt = |what: &str| Error::Corrupt(format!("plan update {id}: {what}"));
    let kind = match (kind.as_str(), stage.as_deref().and_then(Stage::parse)) {
        ("note", _) => UpdateKind::Note,
        ("late", _) => UpdateKind::Late,
        ("stage", Some(stage)) => UpdateKind::Stage(stage),
        _ => return Err(corrupt("kind")),
    };
    let media = match (media_kind.as_deref(), file_id) {
        (Some("photo"), Some(f)) => Some((MediaKind::Photo, f)),
        (Some("document"), Some(f)) => Some((MediaKind::Document, f)),
        _ => None,
    };
    Ok(Update {
        id,
        commitment_id,
        milestone_id,
        voice: Voice::parse(&voice).ok_or_else(|| corrupt("voice"))?,
        kind,
        body,
        media,
        created_at: parse_ts(&created_at)?,
    })
}

/// Stores an update and, for a stage or a late flag, the milestone's record,
/// in one transaction. Returns the update's id.
pub async fn post(pool: &SqlitePool, new: &NewUpdate) -> Result<i64> {
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    let (kind, stage) = match new.kind {
        UpdateKind::Note => ("note", None),
        UpdateKind::Stage(s) => ("stage", Some(s.code())),
        UpdateKind::Late => ("late", None),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO plan_updates (commitment_id, milestone_id, voice, kind, stage, body, media_kind, file_id,
                                   author_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&new.commitment_id)
    .bind(&new.milestone_id)
    .bind(new.voice.code())
    .bind(kind)
    .bind(stage)
    .bind(&new.body)
    .bind(new.media.as_ref().map(|(k, _)| k.code()))
    .bind(new.media.as_ref().map(|(_, f)| f.as_str()))
    .bind(new.author_id)
    .bind(&at)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(milestone) = &new.milestone_id {
        match new.kind {
            UpdateKind::Stage(stage) => {
                // Done clears the Comité's flag: the milestone is no longer late.
                sqlx::query(
                    "INSERT INTO milestone_records (commitment_id, milestone_id, stage, flagged_late, changed_at)
                     VALUES (?1, ?2, ?3, 0, ?4)
                     ON CONFLICT (commitment_id, milestone_id) DO UPDATE SET stage = ?3,
                        flagged_late = CASE WHEN ?3 = 'done' THEN 0 ELSE flagged_late END, changed_at = ?4",
                )
                .bind(&new.commitment_id)
                .bind(milestone)
                .bind(stage.code())
                .bind(&at)
                .execute(&mut *tx)
                .await?;
            }
            UpdateKind::Late => {
                sqlx::query(
                    "INSERT INTO milestone_records (commitment_id, milestone_id, flagged_late, changed_at)
                     VALUES (?1, ?2, 1, ?3)
                     ON CONFLICT (commitment_id, milestone_id) DO UPDATE SET flagged_late = 1, changed_at = ?3",
                )
                .bind(&new.commitment_id)
                .bind(milestone)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
            }
            UpdateKind::Note => {}
        }
    }
    tx.commit().await?;
    Ok(id)
}

/// The latest `limit` updates of a commitment, newest first.
pub async fn latest(pool: &SqlitePool, commitment_id: &str, limit: i64) -> Result<Vec<Update>> {
    let rows: Vec<UpdateRow> = sqlx::query_as(&format!(
        "SELECT {UPDATE_COLUMNS} FROM plan_updates WHERE commitment_id = ? ORDER BY id DESC LIMIT ?"
    ))
    .bind(commitment_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(update_of).collect()
}

/// Every update, oldest first (for the open-data export).
pub async fn all_updates(pool: &SqlitePool) -> Result<Vec<Update>> {
    let rows: Vec<UpdateRow> =
        sqlx::query_as(&format!("SELECT {UPDATE_COLUMNS} FROM plan_updates ORDER BY id"))
            .fetch_all(pool)
            .await?;
    rows.into_iter().map(update_of).collect()
}

/// What the citizen follows, in a stable order.
pub async fn follows_of(pool: &SqlitePool, citizen_id: i64) -> Result<Vec<(Followed, DateTime<Utc>)>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT target, created_at FROM follows WHERE citizen_id = ? ORDER BY target")
            .bind(citizen_id)
            .fetch_all(pool)
            .await?;
    rows.into_iter()
        .filter_map(|(target, at)| Followed::parse(&target).map(|f| parse_ts(&at).map(|at| (f, at))))
        .collect()
}

/// Starts following each of `targets`; returns how many were new (following
/// twice is following once).
pub async fn follow(pool: &SqlitePool, citizen_id: i64, targets: &[Followed]) -> Result<u64> {
    let at = ts(now());
    let mut tx = begin_write(pool).await?;
    let mut added = 0;
    for target in targets {
        added += sqlx::query(
            "INSERT INTO follows (citizen_id, target, created_at) VALUES (?, ?, ?)
             ON CONFLICT (citizen_id, target) DO NOTHING",
        )
        .bind(citizen_id)
        .bind(target.code())
        .bind(&at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    tx.commit().await?;
    Ok(added)
}

/// Stops following `target`; `false` if it was not followed.
pub async fn unfollow(pool: &SqlitePool, citizen_id: i64, target: &Followed) -> Result<bool> {
    let done = sqlx::query("DELETE FROM follows WHERE citizen_id = ? AND target = ?")
        .bind(citizen_id)
        .bind(target.code())
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Stops following anything.
pub async fn unfollow_all(pool: &SqlitePool, citizen_id: i64) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM follows WHERE citizen_id = ?")
        .bind(citizen_id)
        .execute(pool)
        .await?
        .rows_affected())
}

/// How many citizens follow the plan or `commitment` (consenting, reachable).
pub async fn count_followers(pool: &SqlitePool, commitment: Option<&str>) -> Result<i64> {
    let target = commitment.map(|c| Followed::Commitment(c.to_owned()).code());
    Ok(sqlx::query_scalar(
        "SELECT COUNT(DISTINCT f.citizen_id) FROM follows f JOIN citizens c ON c.id = f.citizen_id
         WHERE c.consent_accepted = 1 AND c.unreachable_at IS NULL AND (f.target = 'plan' OR ?1 IS NULL OR f.target = ?1)",
    )
    .bind(target)
    .fetch_one(pool)
    .await?)
}

/// Members of the Comité de Seguimiento.
pub async fn comite_members(pool: &SqlitePool) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT telegram_user_id FROM comite_members ORDER BY granted_at")
        .fetch_all(pool)
        .await?)
}

/// Names (`true`) or removes (`false`) a member of the Comité, recording who
/// did it. Returns whether anything changed.
pub async fn set_comite(pool: &SqlitePool, admin_id: i64, target_id: i64, grant: bool) -> Result<bool> {
    crate::db::roles::set_role(pool, crate::db::roles::Granted::Comite, admin_id, target_id, grant).await
}

/// The latest publication of the plan: (version, when), if it was published.
pub async fn published(pool: &SqlitePool) -> Result<Option<(i64, DateTime<Utc>)>> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT version, published_at FROM plan_publications ORDER BY id DESC LIMIT 1")
            .fetch_optional(pool)
            .await?;
    row.map(|(v, at)| parse_ts(&at).map(|at| (v, at))).transpose()
}

/// A recipient's language and ballots (choices in rank order), for their
/// personal message.
pub async fn recipient(
    pool: &SqlitePool,
    citizen_id: i64,
) -> Result<(crate::domain::Lang, Vec<crate::domain::Ballot>)> {
    let language: Option<String> = sqlx::query_scalar("SELECT language FROM citizens WHERE id = ?")
        .bind(citizen_id)
        .fetch_optional(pool)
        .await?;
    let lang = language.as_deref().and_then(crate::domain::Lang::from_code).unwrap_or_default();
    let ballots =
        crate::db::ballots::of_citizen(pool, citizen_id).await?.into_iter().map(|(b, _)| b).collect();
    Ok((lang, ballots))
}

/// Who gets news now: consenting, not muted, reachable followers whose last
/// summary is at least a day old (or who never had one), and who follow a
/// commitment with an update after their last one and after they followed it.
const DIGEST_RECIPIENTS: &str = "
    FROM citizens c LEFT JOIN digest_marks m ON m.citizen_id = c.id
    WHERE c.consent_accepted = 1 AND c.muted_at IS NULL AND c.unreachable_at IS NULL
      AND (m.sent_at IS NULL OR m.sent_at <= ?2)
      AND EXISTS (SELECT 1 FROM follows f JOIN plan_updates u
                    ON (f.target = 'plan' OR f.target = 'c:' || u.commitment_id) AND u.created_at >= f.created_at
                  WHERE f.citizen_id = c.id AND u.id > COALESCE(m.last_update_id, 0) AND u.id <= ?1)";

/// Queues the day's summary of updates: one personal outbox row per follower
/// with news (see [`DIGEST_RECIPIENTS`]), each starting after the last update
/// they were sent, and moves their marks, in one transaction. `None` when
/// nobody has news. `now` is injected so that tests can set the day.
pub async fn queue_digest(pool: &SqlitePool, now: DateTime<Utc>) -> Result<Option<(i64, i64)>> {
    let at = ts(now);
    let day_ago = ts(now - chrono::Duration::hours(24));
    let mut tx = begin_write(pool).await?;
    let upto: Option<i64> =
        sqlx::query_scalar("SELECT MAX(id) FROM plan_updates").fetch_one(&mut *tx).await?;
    let Some(upto) = upto else { return Ok(None) };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO broadcasts (created_by, language, kind, body, audience, personal, created_at)
         VALUES (0, 'es', 'text', '', 'fol', ?, ?) RETURNING id",
    )
    .bind(crate::domain::broadcast::Personal::Digest { upto }.code())
    .bind(&at)
    .fetch_one(&mut *tx)
    .await?;
    let total = sqlx::query(&format!(
        "INSERT INTO outbox (broadcast_id, citizen_id, since_update)
         SELECT ?3, c.id, COALESCE(m.last_update_id, 0) {DIGEST_RECIPIENTS}"
    ))
    .bind(upto)
    .bind(&day_ago)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if total == 0 {
        // Nothing to say: the transaction is dropped, and no broadcast stays.
        return Ok(None);
    }
    sqlx::query(
        "INSERT INTO digest_marks (citizen_id, last_update_id, sent_at)
         SELECT citizen_id, ?, ? FROM outbox WHERE broadcast_id = ?
         ON CONFLICT (citizen_id) DO UPDATE SET last_update_id = excluded.last_update_id, sent_at = excluded.sent_at",
    )
    .bind(upto)
    .bind(&at)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let total = i64::try_from(total).unwrap_or(i64::MAX);
    sqlx::query("UPDATE broadcasts SET status = 'queued', total = ?, queued_at = ? WHERE id = ?")
        .bind(total)
        .bind(&at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some((id, total)))
}

/// The updates after `since` up to `upto` on what `citizen_id` follows, each
/// posted after they followed it, oldest first.
pub async fn news_for(pool: &SqlitePool, citizen_id: i64, since: i64, upto: i64) -> Result<Vec<Update>> {
    let rows: Vec<UpdateRow> = sqlx::query_as(&format!(
        "SELECT {UPDATE_COLUMNS} FROM plan_updates u
         WHERE u.id > ?2 AND u.id <= ?3 AND EXISTS (
             SELECT 1 FROM follows f WHERE f.citizen_id = ?1 AND u.created_at >= f.created_at
               AND (f.target = 'plan' OR f.target = 'c:' || u.commitment_id))
         ORDER BY u.id"
    ))
    .bind(citizen_id)
    .bind(since)
    .bind(upto)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(update_of).collect()
}

/// The milestones already reminded as overdue, by (commitment, milestone).
pub async fn reminded(pool: &SqlitePool) -> Result<std::collections::HashSet<(String, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT commitment_id, milestone_id FROM milestone_records WHERE reminded_at IS NOT NULL",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Whether a milestone had any update on or after `since` (an RFC 3339 time).
pub async fn news_since(pool: &SqlitePool, commitment: &str, milestone: &str, since: &str) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM plan_updates WHERE commitment_id = ? AND milestone_id = ? AND created_at >= ? LIMIT 1",
    )
    .bind(commitment)
    .bind(milestone)
    .bind(since)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

/// Records that the overdue reminder of a milestone went out; `false` if it
/// already had (so that two runs never remind twice).
pub async fn mark_reminded(
    pool: &SqlitePool,
    commitment: &str,
    milestone: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let at = ts(now);
    let done = sqlx::query(
        "INSERT INTO milestone_records (commitment_id, milestone_id, reminded_at, changed_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (commitment_id, milestone_id) DO UPDATE SET reminded_at = ?3 WHERE reminded_at IS NULL",
    )
    .bind(commitment)
    .bind(milestone)
    .bind(&at)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}
