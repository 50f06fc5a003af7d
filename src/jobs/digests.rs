//! The daily summary of the plan's news for its followers: once a minute,
//! outside the quiet hours (21:00 to 07:00 where the consultation is), the
//! updates posted since each follower's last summary are queued as one
//! personal message per follower, at most one a day (`db::followup::queue_digest`);
//! the broadcast worker sends them, and holds them during quiet hours. A
//! milestone past due without news reminds the facilitators and the Comité, once.

use crate::{db, domain::followup::quiet_hours, error::Result};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sqlx::SqlitePool;
use std::time::Duration;
use tokio::sync::watch;

/// How often the job looks for news.
const EVERY: Duration = Duration::from_secs(60);

/// One look at `now`: queues the summaries that are due, unless it is quiet
/// hours. Returns the digest queued (id, recipients), if any.
pub async fn tick(pool: &SqlitePool, now: DateTime<Utc>, tz: Tz) -> Result<Option<(i64, i64)>> {
    if quiet_hours(now.with_timezone(&tz).time()) {
        return Ok(None);
    }
    db::followup::queue_digest(pool, now).await
}

pub async fn run(
    pool: SqlitePool,
    bot: teloxide::Bot,
    settings: crate::config::Settings,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        match tick(&pool, Utc::now(), settings.timezone).await {
            Ok(Some((id, total))) => tracing::info!(broadcast = id, total, "queued the plan's news"),
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "could not queue the plan's news"),
        }
        if !quiet_hours(Utc::now().with_timezone(&settings.timezone).time()) {
            match remind_overdue(&pool, &bot, Utc::now(), &settings).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(milestones = n, "reminded staff and the Comité of overdue milestones")
                }
                Err(e) => tracing::error!(error = %e, "could not look for overdue milestones"),
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(EVERY) => {}
            _ = shutdown.changed() => return,
        }
    }
}

/// A milestone past its due date with no news since: the facilitators and the
/// Comité's members are reminded of it, once. Returns how many milestones were
/// reminded. `now` is injected so that tests can set the day.
pub async fn remind_overdue(
    pool: &SqlitePool,
    bot: &teloxide::Bot,
    now: DateTime<Utc>,
    settings: &crate::config::Settings,
) -> Result<usize> {
    use crate::{
        domain::followup::Stage,
        i18n::{arg, tr},
    };
    if db::followup::published(pool).await?.is_none() {
        return Ok(0);
    }
    let Some((_, plan)) = db::plan::current(pool).await? else { return Ok(0) };
    let (records, reminded) = tokio::try_join!(db::followup::records(pool), db::followup::reminded(pool))?;
    let today = now.with_timezone(&settings.timezone).date_naive();
    let mut people: Vec<i64> = settings.roles.facilitators.iter().copied().collect();
    people.extend(db::roles::facilitators(pool).await?);
    people.extend(db::followup::comite_members(pool).await?);
    people.sort_unstable();
    people.dedup();
    let lang = settings.default_lang;
    let mut count = 0;
    for c in &plan.commitments {
        for m in &c.milestones {
            let key = (c.id.clone(), m.id.clone());
            let done = records.get(&key).is_some_and(|r| r.stage == Stage::Done);
            if done || m.due >= today || reminded.contains(&key) {
                continue;
            }
            let due_start = m.due.and_hms_opt(0, 0, 0).map(|d| d.and_utc()).unwrap_or(now);
            if db::followup::news_since(pool, &c.id, &m.id, &crate::db::ts(due_start)).await? {
                continue;
            }
            if !db::followup::mark_reminded(pool, &c.id, &m.id, now).await? {
                continue;
            }
            count += 1;
            let text = tr(
                lang,
                "followup-overdue",
                &[
                    arg("milestone", m.id.clone()),
                    arg("title", m.title.clone()),
                    arg("commitment", c.id.clone()),
                    arg("due", m.due.to_string()),
                ],
            );
            for person in &people {
                let sent = crate::bot::ui::retrying(|| {
                    use teloxide::{prelude::Requester, requests::Request};
                    bot.send_message(teloxide::types::ChatId(*person), text.clone()).send()
                })
                .await;
                if let Err(e) = sent {
                    // Someone who never opened the bot cannot be written to; the others still are.
                    tracing::warn!(error = %e, person, "could not send an overdue milestone's reminder");
                }
            }
        }
    }
    Ok(count)
}
