//! Screens (a text and its buttons) and how they reach the phone: edited in place
//! when answering a button, sent as a new message otherwise.

use crate::{bot::callback::Payload, error::Result};
use std::{
    collections::HashMap,
    hash::{Hash, Hasher},
    sync::{Arc, Mutex},
    time::Duration,
};
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    requests::Request,
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
    /// A keyboard under the typing field instead of buttons under the message
    /// (only a new message can carry it: a screen with one is never an edit).
    pub reply_keyboard: Option<ReplyKeyboard>,
}

/// The keyboards under the typing field the bot uses.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReplyKeyboard {
    /// Telegram's "share my contact" button, and a button that says no.
    AskContact { share: String, not_now: String },
    /// Takes such a keyboard away.
    Remove,
}

impl ReplyKeyboard {
    fn markup(&self) -> teloxide::types::ReplyMarkup {
        use teloxide::types::{ButtonRequest, KeyboardButton, KeyboardMarkup, KeyboardRemove, ReplyMarkup};
        match self {
            ReplyKeyboard::AskContact { share, not_now } => ReplyMarkup::Keyboard(
                KeyboardMarkup::new(vec![
                    vec![KeyboardButton::new(share.clone()).request(ButtonRequest::Contact)],
                    vec![KeyboardButton::new(not_now.clone())],
                ])
                .resize_keyboard()
                .one_time_keyboard(),
            ),
            ReplyKeyboard::Remove => ReplyMarkup::KeyboardRemove(KeyboardRemove::new()),
        }
    }
}

impl Screen {
    pub fn new(text: impl Into<String>) -> Screen {
        Screen { text: text.into(), keyboard: Vec::new(), reply_keyboard: None }
    }

    pub fn row(mut self, row: Vec<InlineKeyboardButton>) -> Screen {
        if !row.is_empty() {
            self.keyboard.push(row);
        }
        self
    }

    /// The Bot API `sendMessage` body that shows this screen in `chat_id`, for
    /// requests sent outside teloxide (the outbox worker's).
    pub fn send_body(&self, chat_id: i64) -> serde_json::Value {
        let mut body = serde_json::json!({
            "chat_id": chat_id,
            "text": self.fitted_text(),
            "parse_mode": "HTML",
        });
        if let Some(markup) = self.markup() {
            body["reply_markup"] = serde_json::to_value(markup).unwrap_or_default();
        }
        body
    }

    fn markup(&self) -> Option<InlineKeyboardMarkup> {
        (!self.keyboard.is_empty()).then(|| InlineKeyboardMarkup::new(self.keyboard.clone()))
    }

    /// The text cut to Telegram's limit at a line break. Screens are designed to
    /// fit; this only guards against a catalog with unusually long texts.
    fn fitted_text(&self) -> std::borrow::Cow<'_, str> {
        if units(&self.text) <= MAX_MESSAGE_UNITS {
            return std::borrow::Cow::Borrowed(&self.text);
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
        std::borrow::Cow::Owned(out)
    }
}

/// Whether the screen's text fits in one Telegram message.
pub fn fits(screen: &Screen) -> bool {
    units(&screen.text) <= MAX_MESSAGE_UNITS
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

pub fn button(label: impl Into<String>, action: impl Payload) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, action.encode())
}

/// The longest an interactive request waits, in all, for Telegram's 429s before
/// giving up (an update's whole budget is longer).
pub const RETRY_BUDGET: Duration = Duration::from_secs(12);

/// Sends a request again after the wait a 429 asks for, while that fits in
/// [`RETRY_BUDGET`]; any other outcome is returned as it is.
pub async fn retrying<T, F, Fut>(mut call: F) -> std::result::Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = std::result::Result<T, RequestError>>,
{
    let started = std::time::Instant::now();
    loop {
        match call().await {
            Err(RequestError::RetryAfter(wait)) if started.elapsed() + wait.duration() <= RETRY_BUDGET => {
                tokio::time::sleep(wait.duration()).await;
            }
            outcome => return outcome,
        }
    }
}

/// Answers a button press (stops the phone's spinner), with an optional toast or
/// alert. Sent outside teloxide's request path (see `raw`) and tried again on a
/// 429, a 5xx or a network error while [`RETRY_BUDGET`] lasts: a press must not
/// wait 10 seconds for teloxide's sleep after a 5xx, nor stay unanswered.
pub async fn answer(
    bot: &Bot,
    id: &teloxide::types::CallbackQueryId,
    text: Option<&str>,
    alert: bool,
) -> std::result::Result<(), crate::bot::raw::Failure> {
    #[derive(serde::Serialize)]
    struct Answer<'a> {
        callback_query_id: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        text: Option<&'a str>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        show_alert: bool,
    }
    let body = Answer { callback_query_id: &id.0, text, show_alert: alert && text.is_some() };
    // Spelled as teloxide spells it (Telegram reads method names in any case).
    crate::bot::raw::call_retrying(bot, "AnswerCallbackQuery", &body, RETRY_BUDGET).await
}

pub async fn send(bot: &Bot, chat: ChatId, screen: &Screen) -> Result<()> {
    send_returning(bot, chat, screen).await.map(drop)
}

/// Sends the screen as a new message and says which one it is.
pub async fn send_returning(bot: &Bot, chat: ChatId, screen: &Screen) -> Result<MessageId> {
    let mut request = bot.send_message(chat, screen.fitted_text().into_owned()).parse_mode(ParseMode::Html);
    if let Some(keyboard) = &screen.reply_keyboard {
        request = request.reply_markup(keyboard.markup());
    } else if let Some(markup) = screen.markup() {
        request = request.reply_markup(markup);
    }
    Ok(retrying(|| request.clone().send()).await?.id)
}

/// Whether `message` already shows `screen` (its text and its buttons), so an
/// edit would change nothing and Telegram would refuse it.
fn already_shows(message: &Message, screen: &Screen) -> bool {
    let Some(shown) = message.text() else { return false };
    let text = screen.fitted_text();
    let same_text = shown == text || shown.trim() == strip_tags(&text).trim();
    let buttons = message.reply_markup().map(|m| m.inline_keyboard.as_slice()).unwrap_or_default();
    same_text && buttons == screen.keyboard.as_slice()
}

/// The screen each chat was last shown by an edit, so a double tap (whose press
/// still carries the screen from before the first tap's edit) sends no edit that
/// changes nothing. One chat's updates are handled in order, so this cannot race.
#[derive(Debug, Clone, Default)]
pub struct Shown(Arc<Mutex<HashMap<i64, (MessageId, u64)>>>);

/// Chats remembered before the memory starts over (about 2 MB).
const SHOWN_CHATS: usize = 50_000;

impl Shown {
    fn fingerprint(screen: &Screen) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        screen.text.hash(&mut hasher);
        screen.keyboard.hash(&mut hasher);
        hasher.finish()
    }

    fn shows(&self, chat: ChatId, message: MessageId, screen: &Screen) -> bool {
        let shown = self.0.lock().unwrap_or_else(|e| e.into_inner());
        shown.get(&chat.0) == Some(&(message, Shown::fingerprint(screen)))
    }

    fn remember(&self, chat: ChatId, message: MessageId, screen: &Screen) {
        let mut shown = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if shown.len() >= SHOWN_CHATS && !shown.contains_key(&chat.0) {
            shown.clear();
        }
        shown.insert(chat.0, (message, Shown::fingerprint(screen)));
    }
}

/// Replaces a message's text and buttons; falls back to a new message when the old
/// one can no longer be edited. Nothing is sent when it already shows the screen.
pub async fn edit(
    bot: &Bot,
    shown: &Shown,
    chat: ChatId,
    message: Option<&Message>,
    screen: &Screen,
) -> Result<()> {
    let Some(message) = message.filter(|_| screen.reply_keyboard.is_none()) else {
        return send(bot, chat, screen).await;
    };
    if already_shows(message, screen) || shown.shows(chat, message.id, screen) {
        return Ok(());
    }
    let now_showing = edit_id(bot, chat, message.id, screen, RETRY_BUDGET).await?.unwrap_or(message.id);
    shown.remember(chat, now_showing, screen);
    Ok(())
}

/// Replaces the text and buttons of message `id`, or sends the screen anew when
/// that message can no longer be edited (and then says which message it is now).
/// Sent outside teloxide's request path (see `raw`), so a 5xx is tried again at
/// once rather than after teloxide's 10-second sleep, and Telegram's copy of the
/// edited message is not read back. Failures are tried again while `budget` lasts.
pub async fn edit_id(
    bot: &Bot,
    chat: ChatId,
    id: MessageId,
    screen: &Screen,
    budget: Duration,
) -> Result<Option<MessageId>> {
    #[derive(serde::Serialize)]
    struct Markup<'a> {
        inline_keyboard: &'a [Vec<InlineKeyboardButton>],
    }
    #[derive(serde::Serialize)]
    struct Edit<'a> {
        chat_id: i64,
        message_id: i32,
        text: &'a str,
        parse_mode: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        reply_markup: Option<Markup<'a>>,
    }
    let text = screen.fitted_text();
    let reply_markup = (!screen.keyboard.is_empty()).then_some(Markup { inline_keyboard: &screen.keyboard });
    let body = Edit { chat_id: chat.0, message_id: id.0, text: &text, parse_mode: "HTML", reply_markup };
    match crate::bot::raw::call_retrying(bot, "EditMessageText", &body, budget).await {
        Ok(()) => Ok(None),
        Err(crate::bot::raw::Failure::Refused { error, .. }) => match error {
            // What is shown already is what we wanted to show.
            ApiError::MessageNotModified => Ok(None),
            ApiError::MessageToEditNotFound | ApiError::MessageCantBeEdited | ApiError::MessageIdInvalid => {
                send_returning(bot, chat, screen).await.map(Some)
            }
            error => Err(RequestError::Api(error).into()),
        },
        Err(e) => Err(crate::error::Error::Request(e)),
    }
}

/// Sends a voice note or photo by its Telegram file id (an idea's, or a reading
/// aloud), tried again on a 429 while [`RETRY_BUDGET`] lasts.
async fn send_media(
    bot: &Bot,
    chat: ChatId,
    media: &crate::domain::IdeaContent,
) -> std::result::Result<(), RequestError> {
    use crate::domain::IdeaContent;
    use teloxide::types::{FileId, InputFile};
    let file = |id: &str| InputFile::file_id(FileId(id.to_owned()));
    match media {
        IdeaContent::Voice { file_id, .. } => {
            retrying(|| bot.send_voice(chat, file(file_id)).send()).await.map(|_| ())
        }
        IdeaContent::Photo { file_id, .. } => {
            retrying(|| bot.send_photo(chat, file(file_id)).send()).await.map(|_| ())
        }
        IdeaContent::Text { .. } => Ok(()),
    }
}

/// [`send_media`], or a message saying it could not be sent.
pub async fn send_media_or_say(
    bot: &Bot,
    chat: ChatId,
    lang: crate::domain::Lang,
    media: &crate::domain::IdeaContent,
) {
    if let Err(e) = send_media(bot, chat, media).await {
        tracing::warn!(error = %e, "a voice note or photo could not be sent");
        let _ = send(bot, chat, &Screen::new(crate::i18n::t(lang, "media-failed"))).await;
    }
}
