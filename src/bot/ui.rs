//! Screens (a text and its buttons) and how they reach the phone: edited in place
//! when answering a button, sent as a new message otherwise.

use crate::{bot::callback::Action, error::Result};
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId, ParseMode},
};

/// Telegram refuses messages longer than this, counted in UTF-16 code units.
pub const MAX_MESSAGE_UNITS: usize = 4096;

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

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
        if units(&self.text) <= MAX_MESSAGE_UNITS {
            return self.text.clone();
        }
        // Whole lines keep their HTML tags balanced; a line too long for what is
        // left is cut as plain text (its tags dropped) rather than lost.
        let budget = MAX_MESSAGE_UNITS - 2;
        let mut out = String::new();
        for line in self.text.lines() {
            let used = units(&out);
            if used + units(line) < budget {
                out.push_str(line);
                out.push('\n');
                continue;
            }
            let plain = teloxide::utils::html::escape(&strip_tags(line));
            for c in plain.chars() {
                if units(&out) + c.len_utf16() > budget {
                    break;
                }
                out.push(c);
            }
            break;
        }
        // Never end inside an entity like "&amp;".
        if let Some(amp) = out.rfind('&').filter(|i| !out[*i..].contains(';')) {
            out.truncate(amp);
        }
        out.push('…');
        out
    }
}

/// Text without its HTML tags, entities decoded (for cutting or for toasts).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
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
