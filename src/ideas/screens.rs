//! The screens of a citizen's ideas: writing, previewing, the receipt, /mis_ideas.

use crate::{
    bot::views::*,
    bot::{
        callback::Action,
        ui::{Screen, button},
    },
    config::Settings,
    domain::{Catalog, Idea, IdeaContent, IdeaDraft, IdeaStatus, Lang, RejectReason, idea},
    i18n::{arg, t, tr},
};
use teloxide::utils::html::escape;

pub(crate) fn cancel_idea_button(lang: Lang) -> teloxide::types::InlineKeyboardButton {
    button(t(lang, "btn-cancel"), Action::IdeaCancel)
}

/// How an idea's content reads in a message: its text, or what kind of media it is.
pub fn idea_content(lang: Lang, content: &IdeaContent) -> String {
    match content {
        IdeaContent::Text { body } => escape(body),
        IdeaContent::Voice { duration_secs, .. } => tr(
            lang,
            "idea-voice",
            &[arg("duration", format!("{}:{:02}", duration_secs / 60, duration_secs % 60))],
        ),
        IdeaContent::Photo { caption, .. } => {
            let mut s = t(lang, "idea-photo");
            if let Some(c) = caption {
                s.push_str(&format!("\n{}", escape(c)));
            }
            s
        }
    }
}

pub fn idea_choose_pillar(lang: Lang, catalog: &Catalog) -> Screen {
    let mut screen = Screen::new(t(lang, "idea-choose-pillar"));
    for p in &catalog.pillars {
        screen = screen.row(vec![button(
            p.name_en.as_deref().filter(|_| lang == Lang::En).unwrap_or(&p.name),
            Action::IdeaStart { pillar: Some(p.key.clone()) },
        )]);
    }
    screen.row(vec![cancel_idea_button(lang)])
}

pub fn idea_write(lang: Lang, catalog: &Catalog, pillar: &str) -> Screen {
    Screen::new(tr(
        lang,
        "idea-write",
        &[
            arg("pillar", pillar_label(catalog, pillar, lang)),
            arg("min", idea::MIN_IDEA_CHARS),
            arg("max", idea::MAX_IDEA_CHARS),
        ],
    ))
    .row(vec![cancel_idea_button(lang)])
}

pub fn idea_problem(lang: Lang) -> Screen {
    Screen::new(tr(lang, "idea-problem", &[arg("max", idea::MAX_PROBLEM_CHARS)]))
        .row(vec![button(t(lang, "btn-skip"), Action::IdeaSkipProblem), cancel_idea_button(lang)])
}

pub fn idea_preview(lang: Lang, catalog: &Catalog, draft: &IdeaDraft) -> Screen {
    let mut text = tr(lang, "idea-preview", &[arg("pillar", pillar_label(catalog, &draft.pillar, lang))]);
    text.push_str("\n\n");
    text.push_str(&idea_content(lang, &draft.content));
    text.push_str("\n\n");
    text.push_str(&match &draft.problem {
        Some(p) => tr(lang, "proposal-problem", &[arg("problem", escape(p))]),
        None => t(lang, "idea-no-problem"),
    });
    Screen::new(text)
        .row(vec![button(t(lang, "btn-send-idea"), Action::IdeaSubmit)])
        .row(vec![
            button(t(lang, "btn-edit-idea"), Action::IdeaEditText),
            button(t(lang, "btn-edit-problem"), Action::IdeaEditProblem),
        ])
        .row(vec![cancel_idea_button(lang)])
}

pub fn idea_received(lang: Lang, catalog: &Catalog, id: i64, pillar: &str) -> Screen {
    Screen::new(tr(
        lang,
        "idea-received",
        &[arg("id", id), arg("pillar", pillar_label(catalog, pillar, lang))],
    ))
    .row(vec![menu_button(lang), button(t(lang, "btn-my-ideas"), Action::MyIdeas)])
}

/// One idea's status as its author reads it.
pub fn idea_status(lang: Lang, catalog: &Catalog, idea: &Idea) -> String {
    let proposal = |id: &Option<String>| {
        let id = id.clone().unwrap_or_default();
        match catalog.proposal(&id) {
            Some(p) => {
                tr(lang, "proposal-ref", &[arg("id", escape(&id)), arg("title", proposal_title(p, lang))])
            }
            None => escape(&id),
        }
    };
    match idea.status {
        IdeaStatus::Pending => t(lang, "idea-status-pending"),
        IdeaStatus::Approved => t(lang, "idea-status-approved"),
        IdeaStatus::Promoted => {
            tr(lang, "idea-status-promoted", &[arg("proposal", proposal(&idea.promoted_as))])
        }
        IdeaStatus::Merged => tr(lang, "idea-status-merged", &[arg("proposal", proposal(&idea.merged_into))]),
        IdeaStatus::Rejected => tr(
            lang,
            "idea-status-rejected",
            &[arg(
                "reason",
                idea.reason
                    .map_or_else(|| reason_label(lang, RejectReason::Other), |r| reason_label(lang, r)),
            )],
        ),
    }
}

/// A preview of an idea's words for lists, cut to keep the list short.
pub(crate) fn excerpt(lang: Lang, content: &IdeaContent) -> String {
    match content {
        IdeaContent::Text { body } => {
            let cut: String = body.chars().take(120).collect();
            let more = if body.chars().count() > 120 { "…" } else { "" };
            format!("{}{more}", escape(&cut))
        }
        other => idea_content(
            lang,
            &match other {
                IdeaContent::Photo { file_id, .. } => {
                    IdeaContent::Photo { file_id: file_id.clone(), caption: None }
                }
                o => o.clone(),
            },
        ),
    }
}

/// One idea in a list: number, pillar, date, its words (cut), its status.
pub(crate) fn idea_line(lang: Lang, catalog: &Catalog, idea: &Idea, settings: &Settings) -> String {
    idea_with(lang, catalog, idea, settings, excerpt(lang, &idea.content))
}

/// An idea's number, pillar, date and status around `words` (an excerpt or the whole).
pub(crate) fn idea_with(
    lang: Lang,
    catalog: &Catalog,
    idea: &Idea,
    settings: &Settings,
    words: String,
) -> String {
    tr(
        lang,
        "idea-line",
        &[
            arg("id", idea.id),
            arg("pillar", pillar_label(catalog, &idea.pillar, lang)),
            arg("date", date(&idea.created_at, settings, lang)),
            arg("words", words),
            arg("status", idea_status(lang, catalog, idea)),
        ],
    )
}

/// An idea as stored: its whole text (or the voice note, or the photo and its
/// caption), the transcription a moderator typed, the problem and the status.
pub(crate) fn idea_in_full(lang: Lang, catalog: &Catalog, idea: &Idea, settings: &Settings) -> String {
    let mut text = idea_with(lang, catalog, idea, settings, idea_content(lang, &idea.content));
    if let Some(words) = &idea.transcription {
        text.push_str(&format!(
            "\n{}",
            tr(lang, "my-data-idea-transcription", &[arg("text", escape(words))])
        ));
    }
    if let Some(p) = &idea.problem {
        text.push_str(&format!("\n{}", tr(lang, "proposal-problem", &[arg("problem", escape(p))])));
    }
    text
}

pub fn my_ideas(lang: Lang, catalog: &Catalog, ideas: &[Idea], settings: &Settings) -> Screen {
    let mut text = t(lang, "my-ideas-title");
    if ideas.is_empty() {
        text.push_str("\n\n");
        text.push_str(&t(lang, "my-ideas-none"));
    }
    // The newest first; a citizen has few ideas (5 a day), but keep within one message.
    for idea in ideas.iter().rev().take(15) {
        text.push_str("\n\n");
        text.push_str(&idea_line(lang, catalog, idea, settings));
    }
    Screen::new(text)
        .row(vec![button(t(lang, "btn-new-idea"), Action::IdeaStart { pillar: None }), menu_button(lang)])
}
