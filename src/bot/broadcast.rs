//! Broadcasts: composing them (staff), muting them (citizens), and the worker
//! that drains the outbox.

use crate::{
    bot::citizen::{Reply, Turn},
    error::Result,
};
use teloxide::types::Message;

impl Turn {
    pub(super) async fn compose_broadcast(&mut self, _text: &str, _msg: &Message) -> Result<Reply> {
        Ok(Reply::screen(crate::bot::views::not_understood(self.lang())))
    }

    pub(super) async fn list_broadcasts(&mut self) -> Result<Reply> {
        Ok(Reply::screen(crate::bot::views::not_understood(self.lang())))
    }

    pub(super) async fn set_muted(&mut self, _muted: bool) -> Result<Reply> {
        Ok(Reply::screen(crate::bot::views::not_understood(self.lang())))
    }
}
