//! Broadcasts: staff compose them (`/difundir`), choose the audience, see a
//! preview with the number of recipients and confirm; `/difusiones` lists them
//! and stops a running one. Citizens mute them with `/silenciar` and resume with
//! `/notificaciones`. The sending itself is the worker's (`jobs::broadcasts`).

use crate::{
    bot::{
        callback::StaffAction,
        citizen::{Reply, Turn},
        roles::StaffTurn,
        ui::{Screen, button},
        views,
    },
    config::Settings,
    db::{self, broadcasts::Broadcast, broadcasts::NewBroadcast},
    domain::{Audience, BroadcastKind, BroadcastStatus, Catalog, Figures, Lang, ProfileField},
    error::Result,
    i18n::{arg, t, tr},
    labels,
};
use teloxide::{
    RequestError,
    prelude::*,
    types::{FileId, InputFile, MessageEntity},
    utils::html::escape,
};

/// Telegram's limit for captions, in UTF-16 code units.
const MAX_CAPTION: usize = 1024;
/// How many past broadcasts `/difusiones` lists.
const LIST_LIMIT: i64 = 10;

/// Entities of `text` that fall inside `text[start..]`, moved to count from `start`.
fn entities_after(text: &str, start: usize, entities: &[MessageEntity]) -> Vec<MessageEntity> {
    let prefix = text.get(..start).map_or(0, |p| p.encode_utf16().count());
    entities
        .iter()
        .filter(|e| e.offset >= prefix)
        .map(|e| MessageEntity { offset: e.offset - prefix, ..e.clone() })
        .collect()
}

fn entities_json(entities: &[MessageEntity]) -> Option<String> {
    if entities.is_empty() { None } else { serde_json::to_string(entities).ok() }
}

/// What `/difundir` was asked to send: the text after the command, or the
/// photo, document or text it replies to (the command's text, if any, then
/// replaces the caption). `None` when there is nothing to send.
fn content_of(staff: i64, lang: Lang, args: &str, msg: &Message) -> Option<NewBroadcast> {
    let args_start = msg.text().and_then(|full| full.len().checked_sub(args.len())).unwrap_or(0);
    let own_entities = match (msg.text(), msg.entities()) {
        (Some(full), Some(e)) => entities_after(full, args_start, e),
        _ => Vec::new(),
    };
    let trimmed = args.trim();
    let new = |kind, body: String, entities: Option<String>, file_id: Option<String>| NewBroadcast {
        created_by: staff,
        language: lang,
        kind,
        body,
        entities,
        file_id,
    };
    if let Some(reply) = msg.reply_to_message() {
        let (body, entities) = if trimmed.is_empty() {
            (
                reply.caption().or(reply.text()).unwrap_or_default().to_string(),
                reply.caption_entities().or(reply.entities()).and_then(entities_json),
            )
        } else {
            (args.to_string(), entities_json(&own_entities))
        };
        if let Some(largest) = reply.photo().and_then(|sizes| sizes.iter().max_by_key(|p| p.width * p.height))
        {
            return Some(new(BroadcastKind::Photo, body, entities, Some(largest.file.id.0.clone())));
        }
        if let Some(doc) = reply.document() {
            return Some(new(BroadcastKind::Document, body, entities, Some(doc.file.id.0.clone())));
        }
        if reply.text().is_some() && !body.trim().is_empty() {
            return Some(new(BroadcastKind::Text, body, entities, None));
        }
        return None;
    }
    (!trimmed.is_empty())
        .then(|| new(BroadcastKind::Text, args.to_string(), entities_json(&own_entities), None))
}

/// Sends a broadcast's content to one chat, exactly as every recipient gets it.
pub async fn send_content(bot: &Bot, chat: ChatId, b: &Broadcast) -> std::result::Result<(), RequestError> {
    let entities: Option<Vec<MessageEntity>> =
        b.entities.as_deref().and_then(|j| serde_json::from_str(j).ok());
    let file = || InputFile::file_id(FileId(b.file_id.clone().unwrap_or_default()));
    match b.kind {
        BroadcastKind::Text => {
            let mut request = bot.send_message(chat, &b.body);
            if let Some(e) = entities {
                request = request.entities(e);
            }
            request.await?;
        }
        BroadcastKind::Photo => {
            let mut request = bot.send_photo(chat, file());
            if !b.body.is_empty() {
                request = request.caption(&b.body);
            }
            if let Some(e) = entities {
                request = request.caption_entities(e);
            }
            request.await?;
        }
        BroadcastKind::Document => {
            let mut request = bot.send_document(chat, file());
            if !b.body.is_empty() {
                request = request.caption(&b.body);
            }
            if let Some(e) = entities {
                request = request.caption_entities(e);
            }
            request.await?;
        }
    }
    Ok(())
}

pub fn audience_label(lang: Lang, catalog: &Catalog, audience: &Audience) -> String {
    match audience {
        Audience::Everyone => t(lang, "broadcast-audience-all"),
        Audience::Incomplete => t(lang, "broadcast-audience-incomplete"),
        Audience::Voters => t(lang, "broadcast-audience-voters"),
        Audience::Followers => t(lang, "broadcast-audience-followers"),
        Audience::Territory(unit) => tr(
            lang,
            "broadcast-audience-localidad",
            &[arg("localidad", labels::answer_label(catalog, lang, ProfileField::Localidad, Some(unit)))],
        ),
    }
}

/// Whether a staff member may pick `audience`: a territorial unit must be the catalog's.
fn may_target(catalog: &Catalog, audience: &Audience) -> bool {
    match audience {
        Audience::Territory(unit) => catalog.target_units().contains(&unit.as_str()),
        _ => true,
    }
}

pub(crate) fn control_screen(lang: Lang, catalog: &Catalog, b: &Broadcast, recipients: i64) -> Screen {
    let option = |audience: Audience| {
        let mark = if audience == b.audience { "✅ " } else { "" };
        button(
            format!("{mark}{}", audience_label(lang, catalog, &audience)),
            StaffAction::BcAudience { id: b.id, audience },
        )
    };
    let mut screen = Screen::new(tr(
        lang,
        "broadcast-preview",
        &[
            arg("id", b.id),
            arg("audience", escape(&audience_label(lang, catalog, &b.audience))),
            arg("count", recipients),
        ],
    ))
    .row(vec![option(Audience::Everyone)])
    .row(vec![option(Audience::Incomplete)])
    .row(vec![option(Audience::Followers)]);
    // Every unit a broadcast can target (everyone who answered one).
    for unit in catalog.target_units() {
        screen = screen.row(vec![option(Audience::Territory(unit.to_string()))]);
    }
    let send = if recipients > 0 {
        vec![
            button(tr(lang, "btn-broadcast-send", &[arg("count", recipients)]), StaffAction::BcSend(b.id)),
            button(t(lang, "btn-broadcast-discard"), StaffAction::BcDiscard(b.id)),
        ]
    } else {
        vec![button(t(lang, "btn-broadcast-discard"), StaffAction::BcDiscard(b.id))]
    };
    screen.row(send)
}

fn duration_label(lang: Lang, eta: std::time::Duration) -> String {
    let secs = eta.as_secs();
    if secs < 90 {
        tr(lang, "broadcast-eta-seconds", &[arg("seconds", secs)])
    } else {
        tr(lang, "broadcast-eta-minutes", &[arg("minutes", secs.div_ceil(60))])
    }
}

fn figures_args(f: &Figures) -> Vec<(&'static str, fluent_templates::fluent_bundle::FluentValue<'static>)> {
    vec![
        arg("total", f.total),
        arg("sent", f.sent),
        arg("remaining", f.remaining()),
        arg("failed", f.failed),
        arg("unreachable", f.unreachable),
        arg("skipped", f.skipped),
        arg("cancelled", f.cancelled),
    ]
}

/// The sender's live view of a broadcast: edited while it runs, then the report.
pub fn progress_screen(b: &Broadcast, f: &Figures, rate: u32) -> Screen {
    let lang = b.language;
    let mut args = figures_args(f);
    args.push(arg("id", b.id));
    match b.status {
        BroadcastStatus::Queued | BroadcastStatus::Draft => {
            args.push(arg("eta", duration_label(lang, f.eta(rate))));
            Screen::new(tr(lang, "broadcast-progress", &args))
                .row(vec![button(t(lang, "btn-broadcast-stop"), StaffAction::BcStop(b.id))])
        }
        BroadcastStatus::Done => Screen::new(tr(lang, "broadcast-report", &args)),
        BroadcastStatus::Cancelled => Screen::new(tr(lang, "broadcast-report-cancelled", &args)),
    }
}

fn status_label(lang: Lang, status: BroadcastStatus) -> String {
    t(lang, &format!("broadcast-status-{}", status.code()))
}

fn excerpt(b: &Broadcast, lang: Lang) -> String {
    match b.personal {
        Some(crate::domain::broadcast::Personal::Plan { version }) => {
            return tr(lang, "broadcast-kind-plan", &[arg("version", version)]);
        }
        Some(crate::domain::broadcast::Personal::Digest { .. }) => return t(lang, "broadcast-kind-digest"),
        None => {}
    }
    let mut text: String = b.body.chars().take(60).collect();
    if b.body.chars().count() > 60 {
        text.push('…');
    }
    match b.kind {
        BroadcastKind::Text => text,
        BroadcastKind::Photo => format!("{} {text}", t(lang, "broadcast-kind-photo")),
        BroadcastKind::Document => format!("{} {text}", t(lang, "broadcast-kind-document")),
    }
}

fn list_screen(lang: Lang, catalog: &Catalog, items: &[(Broadcast, Figures)], settings: &Settings) -> Screen {
    if items.is_empty() {
        return Screen::new(t(lang, "broadcast-list-empty"));
    }
    let mut text = t(lang, "broadcast-list-title");
    let mut screen_rows = Vec::new();
    for (b, f) in items {
        let mut args = figures_args(f);
        args.extend([
            arg("id", b.id),
            arg("date", views::date(&b.created_at, settings, lang)),
            arg("audience", escape(&audience_label(lang, catalog, &b.audience))),
            arg("status", status_label(lang, b.status)),
            arg("excerpt", escape(&excerpt(b, lang))),
        ]);
        text.push_str("\n\n");
        text.push_str(&tr(lang, "broadcast-list-item", &args));
        if b.status == BroadcastStatus::Queued {
            screen_rows.push(vec![button(
                tr(lang, "btn-broadcast-stop-id", &[arg("id", b.id)]),
                StaffAction::BcStop(b.id),
            )]);
        }
    }
    screen_rows.into_iter().fold(Screen::new(text), Screen::row)
}

impl StaffTurn {
    /// `/difundir`: a draft from the command's text, or from the message it replies to.
    pub(crate) async fn compose_broadcast(&mut self, args: &str, msg: &Message) -> Result<Reply> {
        let lang = self.lang();
        let Some(new) = content_of(self.ctx.user_id, lang, args, msg) else {
            return Ok(Reply::screen(Screen::new(t(lang, "broadcast-usage"))));
        };
        if new.kind != BroadcastKind::Text && new.body.encode_utf16().count() > MAX_CAPTION {
            return Ok(Reply::screen(Screen::new(tr(
                lang,
                "broadcast-caption-too-long",
                &[arg("max", MAX_CAPTION)],
            ))));
        }
        let id = db::broadcasts::create_draft(&self.pool, &new).await?;
        let Some(b) = db::broadcasts::get(&self.pool, id).await? else {
            return Ok(Reply::screen(Screen::new(t(lang, "error-try-again"))));
        };
        // The preview is the message itself, exactly as recipients will get it.
        if let Err(e) = send_content(&self.bot, self.ctx.chat_id, &b).await {
            tracing::warn!(error = %e, "could not show a broadcast preview");
            db::broadcasts::discard(&self.pool, id).await?;
            return Ok(Reply::screen(Screen::new(t(lang, "broadcast-preview-failed"))));
        }
        let recipients = db::broadcasts::count_audience(&self.pool, b.audience.clone()).await?;
        Ok(Reply::screen(control_screen(lang, &self.catalog, &b, recipients)))
    }

    /// `/difusiones`: the latest broadcasts with their figures.
    pub(crate) async fn list_broadcasts(&mut self) -> Result<Reply> {
        let items = db::broadcasts::recent(&self.pool, LIST_LIMIT).await?;
        Ok(Reply::screen(list_screen(self.lang(), &self.catalog, &items, &self.settings)))
    }

    fn broadcast_gone(&self, id: i64) -> Reply {
        let lang = self.lang();
        let text = tr(lang, "broadcast-gone", &[arg("id", id)]);
        Reply::screen(
            Screen::new(text.clone()).row(vec![button(t(lang, "btn-broadcast-list"), StaffAction::BcList)]),
        )
        .with_notice(text)
    }

    pub(crate) async fn broadcast_action(&mut self, action: StaffAction) -> Result<Reply> {
        let lang = self.lang();
        match action {
            StaffAction::BcAudience { id, audience } => {
                // A unit no longer in the catalog (a stale button) changes nothing.
                if may_target(&self.catalog, &audience)
                    && !db::broadcasts::set_audience(&self.pool, id, audience).await?
                {
                    return Ok(self.broadcast_gone(id));
                }
                let Some(b) = db::broadcasts::get(&self.pool, id).await? else {
                    return Ok(self.broadcast_gone(id));
                };
                let recipients = db::broadcasts::count_audience(&self.pool, b.audience.clone()).await?;
                Ok(Reply::screen(control_screen(lang, &self.catalog, &b, recipients)))
            }
            StaffAction::BcSend(id) => {
                let Some(message) = self.ctx.message else { return Ok(self.broadcast_gone(id)) };
                let progress = (self.ctx.chat_id.0, message.0);
                match db::broadcasts::queue(&self.pool, id, progress).await? {
                    None => Ok(self.broadcast_gone(id)),
                    Some(0) => Ok(Reply::screen(Screen::new(t(lang, "broadcast-nobody")))),
                    Some(total) => {
                        let Some(b) = db::broadcasts::get(&self.pool, id).await? else {
                            return Ok(self.broadcast_gone(id));
                        };
                        let figures = Figures { total, ..Figures::default() };
                        Ok(Reply::screen(progress_screen(&b, &figures, self.settings.broadcast_rate))
                            .with_notice(t(lang, "broadcast-queued")))
                    }
                }
            }
            StaffAction::BcDiscard(id) => {
                if db::broadcasts::discard(&self.pool, id).await? {
                    Ok(Reply::screen(Screen::new(t(lang, "broadcast-discarded"))))
                } else {
                    Ok(self.broadcast_gone(id))
                }
            }
            StaffAction::BcStop(id) => {
                let stopped = db::broadcasts::cancel(&self.pool, id, self.ctx.user_id).await?;
                let items = db::broadcasts::recent(&self.pool, LIST_LIMIT).await?;
                let key = if stopped { "broadcast-stopped" } else { "broadcast-already-ended" };
                Ok(Reply::screen(list_screen(lang, &self.catalog, &items, &self.settings)).with_notice(tr(
                    lang,
                    key,
                    &[arg("id", id)],
                )))
            }
            _ => self.list_broadcasts().await,
        }
    }
}

impl Turn {
    /// `/silenciar` and `/notificaciones`.
    pub(crate) async fn set_muted(&mut self, muted: bool) -> Result<Reply> {
        let lang = self.lang();
        let known = db::citizens::set_muted(&self.pool, self.ctx.user_id, muted).await?;
        if let Some(c) = self.ctx.citizen.as_mut() {
            c.muted = muted;
        }
        let key = match (muted, known) {
            (true, _) => "mute-done",
            (false, true) => "mute-undone",
            (false, false) => "mute-not-joined",
        };
        Ok(Reply::screen(Screen::new(t(lang, key))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use teloxide::types::MessageEntityKind;

    #[test]
    fn entities_move_with_the_text_after_the_command() {
        let text = "/difundir ¡Hola 👋 *mundo*!";
        let start = text.find('¡').unwrap_or(0);
        let command = MessageEntity { kind: MessageEntityKind::BotCommand, offset: 0, length: 9 };
        // "¡Hola 👋 " is 9 UTF-16 units (the emoji takes two) after the 10 of "/difundir ".
        let bold = MessageEntity { kind: MessageEntityKind::Bold, offset: 19, length: 7 };
        let moved = entities_after(text, start, &[command, bold]);
        assert_eq!(moved, vec![MessageEntity { kind: MessageEntityKind::Bold, offset: 9, length: 7 }]);
    }
}
