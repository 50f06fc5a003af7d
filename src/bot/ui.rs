//! Screens (a text and its buttons) and how they reach the phone: edited in place
//! when answering a button, sent as a new message otherwise.

use crate::{bot::callback::Action, error::Result};
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ParseMode},
};

/// Telegram refuses messages longer than this (in UTF-16 units; we count chars,
/// which is never fewer).
pub const MAX_MESSAGE_CHARS: usize = 4096;

#[derive(Debug, Clone, Default)]
pub struct Screen {
    /// HTML; every piece of catalog or user text in it is escaped.
    pub text: String,
    pub keyboard: Vec<Vec<InlineKeyboardButton>>,
}

impl Screen {
    pub fn new(text: impl Into<String>) -> Screen {
        Screen { text: text.into(), keyboard: Vec::new() }
    }

    pub fn row(mut self, row: Vec<InlineKeyboardButton>) -> Screen {
        if !row.is_empty() {
            self.keyboard.push(row);
        }
        self
    }

    fn markup(&self) -> Option<InlineKeyboardMarkup> {
        (!self.keyboard.is_empty()).then(|| InlineKeyboardMarkup::new(self.keyboard.clone()))
    }

    /// The text cut to Telegram's limit at a line break. Screens are designed to
    /// fit; this only guards against a catalog with unusually long texts.
    fn fitted_text(&self) -> String {
        if self.text.chars().count() <= MAX_MESSAGE_CHARS {
            return self.text.clone();
        }
        let mut out = String::new();
        for line in self.text.lines() {
            if out.chars().count() + line.chars().count() + 2 > MAX_MESSAGE_CHARS {
                break;
            }
            out.push_str(line);
            out.push('\n');
        }
        out.push('…');
        out
    }
}

pub fn button(label: impl Into<String>, action: Action) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, action.encode())
}

pub async fn send(bot: &Bot, chat: ChatId, screen: &Screen) -> Result<()> {
    let mut request = bot.send_message(chat, screen.fitted_text()).parse_mode(ParseMode::Html);
    if let Some(markup) = screen.markup() {
        request = request.reply_markup(markup);
    }
    request.await?;
    Ok(())
}

/// Replaces a message's text and buttons; falls back to a new message when the old
/// one can no longer be edited.
pub async fn edit(bot: &Bot, chat: ChatId, message: Option<MessageId>, screen: &Screen) -> Result<()> {
    let Some(message_id) = message else {
        return send(bot, chat, screen).await;
    };
    let mut request =
        bot.edit_message_text(chat, message_id, screen.fitted_text()).parse_mode(ParseMode::Html);
    if let Some(markup) = screen.markup() {
        request = request.reply_markup(markup);
    }
    match request.await {
        Ok(_) => Ok(()),
        // A double tap renders the same screen twice: nothing to change.
        Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
        Err(RequestError::Api(
            ApiError::MessageToEditNotFound | ApiError::MessageCantBeEdited | ApiError::MessageIdInvalid,
        )) => send(bot, chat, screen).await,
        Err(e) => Err(e.into()),
    }
}

/// Re-sends an idea's voice note or photo by its Telegram file id. A failure is
/// logged, not fatal: the screen that follows still describes the idea.
pub async fn send_media(bot: &Bot, chat: ChatId, media: &crate::domain::IdeaContent) {
    use crate::domain::IdeaContent;
    use teloxide::types::{FileId, InputFile};
    let sent = match media {
        IdeaContent::Voice { file_id, .. } => {
            bot.send_voice(chat, InputFile::file_id(FileId(file_id.clone()))).await.map(|_| ())
        }
        IdeaContent::Photo { file_id, .. } => {
            bot.send_photo(chat, InputFile::file_id(FileId(file_id.clone()))).await.map(|_| ())
        }
        IdeaContent::Text { .. } => Ok(()),
    };
    if let Err(e) = sent {
        tracing::warn!(error = %e, "could not re-send an idea's media");
    }
}
