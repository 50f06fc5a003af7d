//! The screens every feature shares: the welcome, the menu, help, pages and
//! numbers, names and dates. Each feature builds its own in its `screens.rs`.

use crate::{
    bot::{
        callback::{Action, Payload},
        ui::{Screen, button},
    },
    config::Settings,
    domain::{Catalog, Citizen, Lang, Phase, Pillar, Proposal},
    i18n::{arg, t, tr},
    labels,
};
use chrono::{DateTime, TimeZone};
use std::collections::HashSet;
use teloxide::utils::html::escape;

/// Proposals per page: a page's text and number buttons fit any phone screen and
/// stay far below Telegram's 4096 characters and 100 buttons.
pub const PAGE_SIZE: usize = 10;
/// Proposals on one voting screen: a whole pillar (Cartagena's largest has 21),
/// so that no pick needs a page turn; pages only beyond that.
pub const VOTE_PAGE_SIZE: usize = 25;
pub(crate) const NUMBERS_PER_ROW: usize = 5;

pub fn date<Z: TimeZone>(at: &DateTime<Z>, settings: &Settings, lang: Lang) -> String {
    labels::date(at, settings.timezone, lang)
}

pub fn pillar_name(p: &Pillar, lang: Lang) -> String {
    escape(labels::pillar_name(p, lang))
}

pub(crate) fn pillar_summary(p: &Pillar, lang: Lang) -> String {
    let summary = match lang {
        Lang::En => p.summary_en.as_deref().unwrap_or(&p.summary),
        Lang::Es => &p.summary,
    };
    escape(summary)
}

pub fn proposal_title(p: &Proposal, lang: Lang) -> String {
    escape(labels::proposal_title(p, lang))
}

pub fn pillar_label(catalog: &Catalog, key: &str, lang: Lang) -> String {
    catalog.pillar(key).map_or_else(|| escape(key), |p| pillar_name(p, lang))
}

/// The proposal's number in its pillar's list, as citizens see it.
pub(crate) fn number_of(catalog: &Catalog, p: &Proposal) -> usize {
    catalog.active_in(&p.pillar).iter().position(|q| q.id == p.id).map_or(0, |i| i + 1)
}

pub(crate) fn pages(n: usize) -> usize {
    pages_of(n, PAGE_SIZE)
}

pub(crate) fn pages_of(n: usize, size: usize) -> usize {
    n.div_ceil(size).max(1)
}

/// A page index clamped to the pages that exist (stale buttons may ask for more).
pub(crate) fn clamp_page(page: u8, n: usize) -> usize {
    clamp_page_of(page, n, PAGE_SIZE)
}

pub(crate) fn clamp_page_of(page: u8, n: usize, size: usize) -> usize {
    usize::from(page).min(pages_of(n, size) - 1)
}

pub fn phase_line(phase: Phase, lang: Lang, settings: &Settings) -> String {
    match phase {
        Phase::Open { closes_at: Some(c) } => {
            tr(lang, "phase-open-until", &[arg("date", date(&c, settings, lang))])
        }
        Phase::Open { closes_at: None } => t(lang, "phase-open"),
        Phase::NotYetOpen { opens_at } => {
            tr(lang, "phase-not-yet-open", &[arg("date", date(&opens_at, settings, lang))])
        }
        Phase::Closed { closed_at } => {
            tr(lang, "phase-closed", &[arg("date", date(&closed_at, settings, lang))])
        }
    }
}

pub(crate) fn menu_button(lang: Lang) -> teloxide::types::InlineKeyboardButton {
    button(t(lang, "btn-pillars"), Action::Menu)
}

pub fn welcome(
    lang: Lang,
    catalog: &Catalog,
    phase: Phase,
    citizen: Option<&Citizen>,
    settings: &Settings,
) -> Screen {
    let c = &catalog.consultation;
    let active = catalog.proposals.iter().filter(|p| !p.withdrawn).count();
    let text = tr(
        lang,
        "welcome",
        &[
            arg("title", escape(c.title_in(lang))),
            arg("city", escape(&c.city)),
            arg("pillars", catalog.pillars.len()),
            arg("proposals", active),
            arg("max", c.max_priorities),
        ],
    );
    let text = format!("{text}\n\n{}", phase_line(phase, lang, settings));
    let screen = Screen::new(text);
    match citizen.filter(|c| c.may_vote()) {
        Some(_) => {
            screen.row(vec![menu_button(lang)]).row(vec![button(t(lang, "btn-my-votes"), Action::MyVotes)])
        }
        _ => screen
            .row(vec![button(t(lang, "btn-continue"), Action::Privacy)])
            .row(vec![button(t(lang, "btn-just-read"), Action::Menu)]),
    }
}

pub fn menu(
    lang: Lang,
    catalog: &Catalog,
    voted: &HashSet<String>,
    phase: Phase,
    settings: &Settings,
) -> Screen {
    let mut text = t(lang, "menu-title");
    let mut screen = Screen::default();
    for p in &catalog.pillars {
        let mark = if voted.contains(&p.key) { "✅ " } else { "" };
        let name = pillar_name(p, lang);
        text.push_str(&format!("\n\n{mark}<b>{name}</b>\n{}", pillar_summary(p, lang)));
        let n = catalog.active_in(&p.key).len();
        screen = screen.row(vec![button(
            format!("{mark}{} ({n})", p.name_en.as_deref().filter(|_| lang == Lang::En).unwrap_or(&p.name)),
            Action::Pillar { pillar: p.key.clone(), page: 0 },
        )]);
    }
    text.push_str("\n\n");
    text.push_str(&t(lang, "menu-hint"));
    text.push('\n');
    text.push_str(&phase_line(phase, lang, settings));
    screen.text = text;
    screen.row(vec![
        button(t(lang, "btn-my-votes"), Action::MyVotes),
        button(t(lang, "btn-help"), Action::Help),
    ])
}

pub(crate) fn nav_row<A: Payload>(
    lang: Lang,
    page: usize,
    total: usize,
    to: impl Fn(u8) -> A,
) -> Vec<teloxide::types::InlineKeyboardButton> {
    if total <= 1 {
        return Vec::new();
    }
    let mut row = Vec::new();
    if page > 0 {
        row.push(button(t(lang, "btn-prev"), to((page - 1) as u8)));
    }
    if page + 1 < total {
        row.push(button(t(lang, "btn-next"), to((page + 1) as u8)));
    }
    row
}

/// Everything a citizen can do; staff also read their own commands.
pub fn help(lang: Lang, staff: bool) -> Screen {
    let mut text = t(lang, "help");
    if staff {
        text.push_str("\n\n");
        text.push_str(&t(lang, "help-staff"));
    }
    Screen::new(text).row(vec![menu_button(lang)])
}

pub fn language(lang: Lang) -> Screen {
    Screen::new(t(lang, "language-choose")).row(
        Lang::ALL
            .iter()
            .map(|l| button(t(*l, &format!("language-{}", l.code())), Action::Language(*l)))
            .collect(),
    )
}

pub fn not_understood(lang: Lang) -> Screen {
    Screen::new(t(lang, "not-understood"))
        .row(vec![menu_button(lang), button(t(lang, "btn-help"), Action::Help)])
}

pub use crate::labels::reason_label;
