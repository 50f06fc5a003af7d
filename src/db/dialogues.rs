//! The dialogues table: the conversation state of each private chat, on the same
//! pool (WAL, busy timeout, immediate writes) as everything else, so it survives
//! restarts. Chats in the default state have no row.
//!
//! The storage writes a chat's state at once, or, when the intake runs the
//! handlers, holds it until the update is marked done: the state and the mark
//! then commit in one transaction, with those of other updates handled at the
//! same time (see `intake::lanes`). A chat's next update is handled only after
//! that commit, so it always reads what its previous update left.

use crate::{
    db::{now, ts},
    error::Result,
};
use futures::future::BoxFuture;
use serde::Serialize;
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::{
    collections::HashMap,
    marker::PhantomData,
    sync::{Arc, Mutex},
};
use teloxide::types::ChatId;

/// A chat's new state, as stored: its JSON, or `None` for the default state (no row).
#[derive(Debug, Clone, PartialEq)]
pub struct StateWrite {
    pub chat_id: i64,
    pub state: Option<String>,
}

pub struct DialogueStorage<D> {
    pool: SqlitePool,
    /// Writes held for the intake, by chat; `None` when they are written at once.
    held: Option<Mutex<HashMap<i64, Option<String>>>>,
    _state: PhantomData<fn() -> D>,
}

/// Forgets conversations left unfinished for more than `days` (half-written idea
/// texts, voice and photo file ids, ballot drafts); returns how many.
pub async fn purge_older_than(pool: &SqlitePool, days: u32) -> Result<u64> {
    let cutoff = ts(now() - chrono::Duration::days(i64::from(days)));
    let done = sqlx::query("DELETE FROM dialogues WHERE updated_at < ?").bind(cutoff).execute(pool).await?;
    Ok(done.rows_affected())
}

impl<D: Serialize + Default + PartialEq> DialogueStorage<D> {
    /// A storage that writes each state when it is set.
    pub fn new(pool: SqlitePool) -> Arc<Self> {
        Arc::new(DialogueStorage { pool, held: None, _state: PhantomData })
    }

    /// A storage that holds each chat's last state until [`DialogueStorage::take`].
    pub fn holding(pool: SqlitePool) -> Arc<Self> {
        Arc::new(DialogueStorage { pool, held: Some(Mutex::new(HashMap::new())), _state: PhantomData })
    }

    /// Sets the state of `chat_id`.
    pub async fn set(&self, chat_id: i64, state: &D) -> Result<()> {
        // The default state is stored as no row at all: a chat that is not in
        // the middle of anything leaves nothing behind.
        let json = if *state == D::default() {
            None
        } else {
            Some(serde_json::to_string(state).map_err(|e| crate::error::Error::Dialogue(e.to_string()))?)
        };
        match &self.held {
            Some(held) => {
                held.lock().unwrap_or_else(|e| e.into_inner()).insert(chat_id, json);
            }
            None => {
                let mut tx = crate::db::begin_write(&self.pool).await?;
                write_in(&mut tx, &[StateWrite { chat_id, state: json }]).await?;
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// An effect's own transaction wrote the chat's state (or removed it): a
    /// state held from before must not overwrite it.
    pub fn written_elsewhere(&self, chat_id: i64) {
        if let Some(held) = &self.held {
            held.lock().unwrap_or_else(|e| e.into_inner()).remove(&chat_id);
        }
    }

    /// The state held for `chat_id`, if one was set since the last take.
    pub fn take(&self, chat_id: i64) -> Option<StateWrite> {
        let held = self.held.as_ref()?;
        let state = held.lock().unwrap_or_else(|e| e.into_inner()).remove(&chat_id)?;
        Some(StateWrite { chat_id, state })
    }
}

/// teloxide's dialogue storage, for tools that read or set a chat's state from
/// outside the handlers (teloxide_tests' `MockBot::set_state` and `get_state`).
impl<D> teloxide::dispatching::dialogue::Storage<D> for DialogueStorage<D>
where
    D: Serialize + serde::de::DeserializeOwned + Default + PartialEq + Send + Sync + 'static,
{
    type Error = crate::error::Error;

    fn remove_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<'static, Result<()>> {
        Box::pin(async move { self.set(chat_id.0, &D::default()).await })
    }

    fn update_dialogue(self: Arc<Self>, chat_id: ChatId, dialogue: D) -> BoxFuture<'static, Result<()>> {
        Box::pin(async move { self.set(chat_id.0, &dialogue).await })
    }

    fn get_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<'static, Result<Option<D>>> {
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

/// Writes states inside a transaction: at most two statements, whatever their
/// number (the same ones each time, so they stay prepared).
pub async fn write_in(tx: &mut Transaction<'static, Sqlite>, writes: &[StateWrite]) -> Result<()> {
    let (set, removed): (Vec<&StateWrite>, Vec<&StateWrite>) = writes.iter().partition(|w| w.state.is_some());
    if !set.is_empty() {
        let rows = serde_json::Value::from(
            set.iter().map(|w| serde_json::json!([w.chat_id, w.state])).collect::<Vec<_>>(),
        );
        sqlx::query(
            "INSERT INTO dialogues (chat_id, state, updated_at)
             SELECT value ->> 0, value ->> 1, ?1 FROM json_each(?2) WHERE true
             ON CONFLICT (chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
        )
        .bind(ts(now()))
        .bind(rows.to_string())
        .execute(&mut **tx)
        .await?;
    }
    if !removed.is_empty() {
        let chats = serde_json::Value::from(removed.iter().map(|w| w.chat_id).collect::<Vec<_>>());
        sqlx::query("DELETE FROM dialogues WHERE chat_id IN (SELECT value FROM json_each(?1))")
            .bind(chats.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_holding_storage_keeps_each_chats_last_state_until_taken() {
        let pool = SqlitePool::connect_lazy("sqlite::memory:").expect("lazy pool");
        let storage = DialogueStorage::<Option<u8>>::holding(pool);
        storage.set(1, &Some(1)).await.expect("held");
        storage.set(1, &Some(2)).await.expect("held");
        storage.set(2, &None).await.expect("held");
        assert_eq!(storage.take(1), Some(StateWrite { chat_id: 1, state: Some("2".into()) }), "the last one");
        assert_eq!(storage.take(1), None, "taken once");
        assert_eq!(storage.take(2), Some(StateWrite { chat_id: 2, state: None }), "the default removes");
        storage.set(3, &Some(3)).await.expect("held");
        storage.written_elsewhere(3);
        assert_eq!(storage.take(3), None, "an effect's own write is not overwritten");
    }
}
