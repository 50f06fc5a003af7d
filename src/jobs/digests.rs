//! The daily summary of the plan's news for its followers: once a minute,
//! outside the quiet hours (21:00 to 07:00 where the consultation is), the
//! updates posted since each follower's last summary are queued as one
//! personal message per follower, at most one a day (`db::followup::queue_digest`);
//! the broadcast worker sends them, and holds them during quiet hours.

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

pub async fn run(pool: SqlitePool, tz: Tz, mut shutdown: watch::Receiver<bool>) {
    loop {
        match tick(&pool, Utc::now(), tz).await {
            Ok(Some((id, total))) => tracing::info!(broadcast = id, total, "queued the plan's news"),
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "could not queue the plan's news"),
        }
        tokio::select! {
            _ = tokio::time::sleep(EVERY) => {}
            _ = shutdown.changed() => return,
        }
    }
}
