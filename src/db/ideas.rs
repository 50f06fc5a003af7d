//! The ideas and moderation_log tables: submissions, the moderation queue, decisions.

use crate::{
    db::{begin_write, now, parse_ts, ts},
    domain::{
        Decision, Idea, IdeaContent, IdeaDraft, IdeaStatus, Lang, RejectReason,
        idea::{normalize, promoted_id, promoted_title},
    },
    error::{Error, Result},
};
use chrono::Duration;
use sqlx::{FromRow, Sqlite, SqlitePool, Transaction};

/// Why a submission was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The citizen already sent `limit` ideas in the last 24 hours.
    TooMany { limit: u32 },
    /// The same text (normalised) was already sent by this citizen, as idea `id`.
    Duplicate { id: i64 },
}

#[derive(FromRow)]
struct IdeaRow {
    id: i64,
    citizen_id: Option<i64>,
    pillar: String,
    kind: String,
    body: Option<String>,
    problem: Option<String>,
    file_id: Option<String>,
    duration_secs: Option<i64>,
    transcription: Option<String>,
    status: String,
    reason: Option<String>,
    merged_into: Option<String>,
    promoted_as: Option<String>,
    created_at: String,
}

const COLUMNS: &str = "id, citizen_id, pillar, kind, body, problem, file_id, duration_secs, transcription,
     status, reason, merged_into, promoted_as, created_at";

impl TryFrom<IdeaRow> for Idea {
    type Error = Error;

    fn try_from(r: IdeaRow) -> Result<Idea> {
        let corrupt = |what: &str| Error::Corrupt(format!("idea {}: {what}", r.id));
        let content = match r.kind.as_str() {
            "text" => IdeaContent::Text { body: r.body.clone().ok_or_else(|| corrupt("text without body"))? },
            "voice" => IdeaContent::Voice {
                file_id: r.file_id.clone().unwrap_or_default(),
                duration_secs: r.duration_secs.and_then(|d| u32::try_from(d).ok()).unwrap_or(0),
            },
            "photo" => {
                IdeaContent::Photo { file_id: r.file_id.clone().unwrap_or_default(), caption: r.body.clone() }
            }
            _ => return Err(corrupt("unknown kind")),
        };
        Ok(Idea {
            id: r.id,
            citizen_id: r.citizen_id,
            pillar: r.pillar,
            content,
            problem: r.problem,
            transcription: r.transcription,
            status: IdeaStatus::from_code(&r.status).ok_or_else(|| corrupt("unknown status"))?,
            reason: r.reason.as_deref().and_then(RejectReason::from_code),
            merged_into: r.merged_into,
            promoted_as: r.promoted_as,
            created_at: parse_ts(&r.created_at)?,
        })
    }
}

async fn refusal(
    tx: &mut Transaction<'static, Sqlite>,
    citizen_id: i64,
    normalized: Option<&str>,
    per_day: u32,
) -> Result<Option<Refusal>> {
    let since = ts(now() - Duration::hours(24));
    let recent: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ideas WHERE citizen_id = ? AND created_at > ?")
            .bind(citizen_id)
            .bind(since)
            .fetch_one(&mut **tx)
            .await?;
    if recent >= i64::from(per_day) {
        return Ok(Some(Refusal::TooMany { limit: per_day }));
    }
    if let Some(normalized) = normalized {
        let same: Option<i64> =
            sqlx::query_scalar("SELECT id FROM ideas WHERE citizen_id = ? AND normalized = ? LIMIT 1")
                .bind(citizen_id)
                .bind(normalized)
                .fetch_optional(&mut **tx)
                .await?;
        if let Some(id) = same {
            return Ok(Some(Refusal::Duplicate { id }));
        }
    }
    Ok(None)
}

/// Whether a submission would be refused now, to tell the citizen before they write.
pub async fn would_refuse(
    pool: &SqlitePool,
    citizen_id: i64,
    text: Option<&str>,
    per_day: u32,
) -> Result<Option<Refusal>> {
    let mut tx = pool.begin().await?;
    let normalized = text.map(normalize);
    let r = refusal(&mut tx, citizen_id, normalized.as_deref(), per_day).await?;
    tx.rollback().await?;
    Ok(r)
}

/// Stores an idea, checking the daily limit and duplicates in the same write
/// transaction, which also ends the conversation of `chat_id` and marks the
/// update done. Returns the new idea's number, or why it was refused (then
/// nothing is written).
pub async fn submit(
    pool: &SqlitePool,
    citizen_id: i64,
    chat_id: i64,
    draft: &IdeaDraft,
    per_day: u32,
    update_id: Option<i64>,
) -> Result<std::result::Result<i64, Refusal>> {
    let normalized = draft.content.body().map(normalize);
    let mut tx = begin_write(pool).await?;
    crate::db::inbox::mark_done_in(&mut tx, update_id).await?;
    if let Some(r) = refusal(&mut tx, citizen_id, normalized.as_deref(), per_day).await? {
        return Ok(Err(r));
    }
    let (file_id, duration) = match &draft.content {
        IdeaContent::Text { .. } => (None, None),
        IdeaContent::Voice { file_id, duration_secs } => {
            (Some(file_id.as_str()), Some(i64::from(*duration_secs)))
        }
        IdeaContent::Photo { file_id, .. } => (Some(file_id.as_str()), None),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO ideas (citizen_id, pillar, kind, body, normalized, problem, file_id, duration_secs, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(citizen_id)
    .bind(&draft.pillar)
    .bind(draft.content.kind())
    .bind(draft.content.body())
    .bind(normalized)
    .bind(&draft.problem)
    .bind(file_id)
    .bind(duration)
    .bind(ts(now()))
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM dialogues WHERE chat_id = ?").bind(chat_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(Ok(id))
}

pub async fn of_citizen(pool: &SqlitePool, citizen_id: i64) -> Result<Vec<Idea>> {
    let rows: Vec<IdeaRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM ideas WHERE citizen_id = ? ORDER BY id"))
            .bind(citizen_id)
            .fetch_all(pool)
            .await?;
    rows.into_iter().map(Idea::try_from).collect()
}

pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<Idea>> {
    let row: Option<IdeaRow> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM ideas WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.map(Idea::try_from).transpose()
}

/// The oldest idea waiting for moderation, and how many are waiting.
pub async fn next_pending(pool: &SqlitePool) -> Result<(Option<Idea>, i64)> {
    let row: Option<IdeaRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM ideas WHERE status = 'pending' ORDER BY id LIMIT 1"))
            .fetch_optional(pool)
            .await?;
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ideas WHERE status = 'pending'").fetch_one(pool).await?;
    Ok((row.map(Idea::try_from).transpose()?, pending))
}

/// Stores a moderator's transcription of a pending voice or photo idea, and
/// ends the conversation of `chat_id` (the moderator's) in the same
/// transaction, so a press handled again after a crash stores nothing twice.
/// False if the idea was decided meanwhile.
pub async fn transcribe(
    pool: &SqlitePool,
    idea_id: i64,
    moderator_id: i64,
    chat_id: i64,
    text: &str,
) -> Result<bool> {
    let mut tx = begin_write(pool).await?;
    sqlx::query("DELETE FROM dialogues WHERE chat_id = ?").bind(chat_id).execute(&mut *tx).await?;
    let done = sqlx::query("UPDATE ideas SET transcription = ? WHERE id = ? AND status = 'pending'")
        .bind(text)
        .bind(idea_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    if done {
        log(&mut tx, idea_id, moderator_id, "transcribe", None, None).await?;
    }
    tx.commit().await?;
    Ok(done)
}

async fn log(
    tx: &mut Transaction<'static, Sqlite>,
    idea_id: i64,
    moderator_id: i64,
    action: &str,
    reason: Option<&str>,
    detail: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO moderation_log (idea_id, moderator_id, action, reason, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(idea_id)
    .bind(moderator_id)
    .bind(action)
    .bind(reason)
    .bind(detail)
    .bind(ts(now()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The outcome of a decision that was stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub idea: Idea,
    /// The new proposal (promoted) or the one it joined (merged).
    pub proposal_id: Option<String>,
    /// Where and in which language to tell the author; `None` if they erased their data.
    pub author: Option<(i64, Lang)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDecided {
    /// Someone else decided first (or the idea is gone).
    AlreadyDecided,
    /// Promotion needs words: a voice or photo idea must be transcribed first.
    NeedsText,
    /// The proposal to merge into does not exist or is withdrawn.
    NoSuchProposal,
}

/// Applies a decision to a pending idea in one transaction: status, the new
/// proposal when promoting, and the audit record. The first decision wins.
/// Adds an idea's text to the ballot as a new proposal (`CV-n`, the next
/// number), in the decision's transaction. `None` for an idea without text.
async fn promote(tx: &mut Transaction<'static, Sqlite>, idea: &Idea, at: &str) -> Result<Option<String>> {
    let Some(words) = idea.words().map(str::to_string) else {
        return Ok(None);
    };
    let existing: Vec<String> =
        sqlx::query_scalar("SELECT id FROM proposals WHERE id LIKE 'CV-%'").fetch_all(&mut **tx).await?;
    let next = existing
        .iter()
        .filter_map(|id| id.strip_prefix("CV-").and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0)
        + 1;
    let id = promoted_id(next);
    sqlx::query(
        "INSERT INTO proposals (id, pillar, position, title, title_en, text, problem, source, origin, created_at, updated_at)
         VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM proposals), ?, NULL, ?, ?, ?, 'idea', ?, ?)",
    )
    .bind(&id)
    .bind(&idea.pillar)
    .bind(promoted_title(&words))
    .bind(&words)
    .bind(&idea.problem)
    .bind(crate::labels::stored_idea_source())
    .bind(at)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(Some(id))
}

pub async fn decide(
    pool: &SqlitePool,
    idea_id: i64,
    moderator_id: i64,
    decision: &Decision,
) -> Result<std::result::Result<Decided, NotDecided>> {
    let mut tx = begin_write(pool).await?;
    let row: Option<IdeaRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM ideas WHERE id = ? AND status = 'pending'"))
            .bind(idea_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(row) = row else {
        return Ok(Err(NotDecided::AlreadyDecided));
    };
    let idea = Idea::try_from(row)?;
    let at = ts(now());
    let mut proposal_id = None;
    match decision {
        Decision::Promote => match promote(&mut tx, &idea, &at).await? {
            Some(id) => proposal_id = Some(id),
            None => return Ok(Err(NotDecided::NeedsText)),
        },
        Decision::Merge(target) => {
            let exists: Option<String> =
                sqlx::query_scalar("SELECT id FROM proposals WHERE id = ? AND withdrawn_at IS NULL")
                    .bind(target)
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_none() {
                return Ok(Err(NotDecided::NoSuchProposal));
            }
            proposal_id = Some(target.clone());
        }
        Decision::Approve | Decision::Reject(_) => {}
    }
    let reason = match decision {
        Decision::Reject(r) => Some(r.code()),
        _ => None,
    };
    let status = decision.status();
    sqlx::query(
        "UPDATE ideas SET status = ?, reason = ?, merged_into = ?, promoted_as = ?, decided_at = ? WHERE id = ?",
    )
    .bind(status.code())
    .bind(reason)
    .bind(if status == IdeaStatus::Merged { proposal_id.as_deref() } else { None })
    .bind(if status == IdeaStatus::Promoted { proposal_id.as_deref() } else { None })
    .bind(&at)
    .bind(idea_id)
    .execute(&mut *tx)
    .await?;
    log(&mut tx, idea_id, moderator_id, status.code(), reason, proposal_id.as_deref()).await?;
    let author: Option<(i64, String)> = match idea.citizen_id {
        Some(cid) => {
            sqlx::query_as("SELECT telegram_user_id, language FROM citizens WHERE id = ?")
                .bind(cid)
                .fetch_optional(&mut *tx)
                .await?
        }
        None => None,
    };
    tx.commit().await?;
    let idea = Idea {
        status,
        reason: match decision {
            Decision::Reject(r) => Some(*r),
            _ => None,
        },
        merged_into: (status == IdeaStatus::Merged).then(|| proposal_id.clone()).flatten(),
        promoted_as: (status == IdeaStatus::Promoted).then(|| proposal_id.clone()).flatten(),
        ..idea
    };
    Ok(Ok(Decided {
        idea,
        proposal_id,
        author: author.map(|(tg, lang)| (tg, Lang::from_code(&lang).unwrap_or_default())),
    }))
}
