//! The dialogues table: teloxide's dialogue `Storage` on our own pool, so dialogue
//! state shares the database settings (WAL, busy timeout, immediate writes) with
//! everything else and survives restarts.
//! Chats in the default state have no row.

use crate::db::{now, ts};
use futures::future::BoxFuture;
use serde::{Serialize, de::DeserializeOwned};
use sqlx::SqlitePool;
use std::{marker::PhantomData, sync::Arc};
use teloxide::{dispatching::dialogue::Storage, types::ChatId};

pub struct DialogueStorage<D> {
    pool: SqlitePool,
    _state: PhantomData<fn() -> D>,
}

#[derive(Debug, thiserror::Error)]
pub enum DialogueError {
    #[error("database: {0}")]
    Db(#[from] crate::error::Error),
    #[error("sqlx: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("state encoding: {0}")]
    Json(#[from] serde_json::Error),
}

/// Forgets conversations left unfinished for more than `days` (half-written idea
/// texts, voice and photo file ids, ballot drafts); returns how many.
pub async fn purge_older_than(pool: &SqlitePool, days: u32) -> crate::error::Result<u64> {
    let cutoff = ts(now() - chrono::Duration::days(i64::from(days)));
    let done = sqlx::query("DELETE FROM dialogues WHERE updated_at < ?").bind(cutoff).execute(pool).await?;
    Ok(done.rows_affected())
}

impl<D> DialogueStorage<D> {
    pub fn new(pool: SqlitePool) -> Arc<Self> {
        Arc::new(DialogueStorage { pool, _state: PhantomData })
    }
}

impl<D> Storage<D> for DialogueStorage<D>
where
    D: Serialize + DeserializeOwned + Default + PartialEq + Send + 'static,
{
    type Error = DialogueError;

    fn remove_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            // One statement: atomic on its own, no transaction to open and close.
            sqlx::query("DELETE FROM dialogues WHERE chat_id = ?")
                .bind(chat_id.0)
                .execute(&self.pool)
                .await?;
            Ok(())
        })
    }

    fn update_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
        dialogue: D,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            // The default state is stored as no row at all: a chat that is not in
            // the middle of anything leaves nothing behind.
            if dialogue == D::default() {
                return self.remove_dialogue(chat_id).await;
            }
            let state = serde_json::to_string(&dialogue)?;
            sqlx::query(
                "INSERT INTO dialogues (chat_id, state, updated_at) VALUES (?, ?, ?)
                 ON CONFLICT (chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            )
            .bind(chat_id.0)
            .bind(state)
            .bind(ts(now()))
            .execute(&self.pool)
            .await?;
            Ok(())
        })
    }

    fn get_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<'static, Result<Option<D>, Self::Error>> {
        Box::pin(async move {
            let state: Option<String> = sqlx::query_scalar("SELECT state FROM dialogues WHERE chat_id = ?")
                .bind(chat_id.0)
                .fetch_optional(&self.pool)
                .await?;
            // A state written by an older version that no longer decodes is dropped
            // rather than locking the citizen out: they start again from the menu.
            Ok(state.and_then(|s| serde_json::from_str(&s).ok()))
        })
    }
}
