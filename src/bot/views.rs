//! Builds every screen a citizen sees from domain data and the locale files.

use crate::{
    bot::{
        callback::{Action, Payload, StaffAction},
        ui::{Screen, button},
    },
    config::Settings,
    domain::{
        Ballot, Catalog, Citizen, DraftBallot, Idea, IdeaContent, IdeaDraft, IdeaStatus, Lang, Phase, Pillar,
        ProfileField, Proposal, RejectReason, idea,
    },
    i18n::{arg, t, tr},
    labels,
};
use chrono::{DateTime, TimeZone};
use std::collections::HashSet;
use teloxide::utils::html::escape;

/// Proposals per page: a page's text and number buttons fit any phone screen and
/// stay far below Telegram's 4096 characters and 100 buttons.
pub const PAGE_SIZE: usize = 10;
const NUMBERS_PER_ROW: usize = 5;

pub fn date<Z: TimeZone>(at: &DateTime<Z>, settings: &Settings, lang: Lang) -> String {
    labels::date(at, settings.timezone, lang)
}

pub fn pillar_name(p: &Pillar, lang: Lang) -> String {
    escape(labels::pillar_name(p, lang))
}

fn pillar_summary(p: &Pillar, lang: Lang) -> String {
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
fn number_of(catalog: &Catalog, p: &Proposal) -> usize {
    catalog.active_in(&p.pillar).iter().position(|q| q.id == p.id).map_or(0, |i| i + 1)
}

fn pages(n: usize) -> usize {
    n.div_ceil(PAGE_SIZE).max(1)
}

/// A page index clamped to the pages that exist (stale buttons may ask for more).
fn clamp_page(page: u8, n: usize) -> usize {
    usize::from(page).min(pages(n) - 1)
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

fn menu_button(lang: Lang) -> teloxide::types::InlineKeyboardButton {
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

pub fn privacy(lang: Lang, catalog: &Catalog, citizen: Option<&Citizen>, settings: &Settings) -> Screen {
    let c = &catalog.consultation;
    let controller = c.data_controller.clone().unwrap_or_else(|| t(lang, "privacy-default-controller"));
    let contact = c.privacy_contact.as_deref().map_or_else(
        || t(lang, "privacy-contact-bot"),
        |contact| tr(lang, "privacy-contact", &[arg("contact", escape(contact))]),
    );
    let mut text = tr(
        lang,
        "privacy-notice",
        &[
            arg("controller", escape(&controller)),
            arg("contact", contact),
            arg("version", crate::domain::NOTICE_VERSION),
            arg("territory", in_sentence(lang, catalog)),
        ],
    );
    let consent = citizen.and_then(|c| c.consent.as_ref());
    if let Some(consent) = consent {
        let key = if consent.accepted { "privacy-status-accepted" } else { "privacy-status-declined" };
        text.push_str("\n\n");
        text.push_str(&tr(
            lang,
            key,
            &[arg("date", date(&consent.at, settings, lang)), arg("version", escape(&consent.version))],
        ));
    }
    let screen = Screen::new(text);
    match citizen.filter(|c| c.may_vote()) {
        Some(_) => screen
            .row(vec![menu_button(lang)])
            .row(vec![button(t(lang, "btn-profile"), Action::Question(ProfileField::Localidad))]),
        _ => screen.row(vec![
            button(t(lang, "btn-accept"), Action::Consent(true)),
            button(t(lang, "btn-decline"), Action::Consent(false)),
        ]),
    }
}

pub fn declined(lang: Lang) -> Screen {
    Screen::new(t(lang, "consent-declined"))
        .row(vec![button(t(lang, "btn-read-proposals"), Action::Menu)])
        .row(vec![button(t(lang, "btn-read-notice"), Action::Privacy)])
}

/// Asked of someone who said they are under 18, before anything is stored.
pub fn guardian_question(lang: Lang, age: &str) -> Screen {
    Screen::new(t(lang, "guardian-question"))
        .row(vec![button(t(lang, "btn-guardian-yes"), Action::Guardian { age: age.to_string(), yes: true })])
        .row(vec![button(t(lang, "btn-guardian-no"), Action::Guardian { age: age.to_string(), yes: false })])
        .row(vec![button(t(lang, "btn-guardian-back"), Action::Question(ProfileField::AgeRange))])
}

/// A minor without authorisation: what was removed and how to come back.
pub fn minor_declined(lang: Lang, ballots: u64) -> Screen {
    Screen::new(tr(lang, "guardian-declined", &[arg("ballots", ballots)]))
        .row(vec![button(t(lang, "btn-read-proposals"), Action::Menu)])
        .row(vec![button(t(lang, "btn-read-notice"), Action::Privacy)])
}

pub fn consent_needed(lang: Lang) -> Screen {
    Screen::new(t(lang, "consent-needed"))
        .row(vec![button(t(lang, "btn-read-notice"), Action::Privacy)])
        .row(vec![button(t(lang, "btn-back-to-pillars"), Action::Menu)])
}

/// The text of one stored answer, or "no answer", ready for HTML.
pub fn answer_label(lang: Lang, catalog: &Catalog, field: ProfileField, code: Option<&str>) -> String {
    escape(&labels::answer_label(catalog, lang, field, code))
}

/// A profile question's name as a list of answers heads it, ready for HTML.
fn field_name(lang: Lang, catalog: &Catalog, field: ProfileField) -> String {
    escape(&labels::field_name(catalog, lang, field))
}

/// The territorial unit's name inside a sentence: "¿En qué comuna vives?".
fn in_sentence(lang: Lang, catalog: &Catalog) -> String {
    escape(&labels::territory_name(catalog, lang).to_lowercase())
}

pub fn question(
    lang: Lang,
    catalog: &Catalog,
    field: ProfileField,
    citizen: &Citizen,
    intro: bool,
) -> Screen {
    let mut text = String::new();
    if intro {
        text.push_str(&t(lang, "profile-intro"));
        text.push_str("\n\n");
    }
    text.push_str(&tr(
        lang,
        &format!("profile-q-{}", field.code()),
        &[arg("territory", in_sentence(lang, catalog))],
    ));
    text.push_str("\n\n");
    text.push_str(&tr(
        lang,
        "profile-current",
        &[arg("answer", answer_label(lang, catalog, field, citizen.profile.code(field)))],
    ));
    let mut screen = Screen::new(text);
    for code in catalog.options(field) {
        screen = screen.row(vec![button(
            labels::answer_label(catalog, lang, field, Some(code)),
            Action::Answer(field, Some(code.to_string())),
        )]);
    }
    screen
        .row(vec![button(t(lang, "btn-skip"), Action::Answer(field, None))])
        .row(vec![button(t(lang, "btn-go-vote"), Action::VoteNext)])
}

pub fn profile_done(lang: Lang, catalog: &Catalog, citizen: &Citizen) -> Screen {
    let mut text = t(lang, "profile-done");
    text.push('\n');
    for field in ProfileField::ALL {
        text.push_str(&format!(
            "\n• {}: {}",
            field_name(lang, catalog, field),
            answer_label(lang, catalog, field, citizen.profile.code(field))
        ));
    }
    Screen::new(text)
        .row(vec![button(t(lang, "btn-go-vote"), Action::VoteNext)])
        .row(vec![menu_button(lang)])
        .row(vec![button(t(lang, "btn-profile-change"), Action::Question(ProfileField::Localidad))])
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

fn nav_row<A: Payload>(
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

pub fn pillar(lang: Lang, catalog: &Catalog, pillar: &Pillar, page: u8, has_ballot: bool) -> Screen {
    let proposals = catalog.active_in(&pillar.key);
    let page = clamp_page(page, proposals.len());
    let total = pages(proposals.len());
    let mut text = format!("<b>{}</b>\n<i>{}</i>\n", pillar_name(pillar, lang), pillar_summary(pillar, lang));
    if total > 1 {
        text.push_str(&tr(lang, "page-of", &[arg("page", page + 1), arg("pages", total)]));
        text.push('\n');
    }
    let mut numbers = Vec::new();
    for (i, p) in proposals.iter().enumerate().skip(page * PAGE_SIZE).take(PAGE_SIZE) {
        text.push_str(&format!("\n<b>{}.</b> {}", i + 1, proposal_title(p, lang)));
        numbers.push(button(format!("{}", i + 1), Action::Proposal { id: p.id.clone(), page: page as u8 }));
    }
    text.push_str("\n\n");
    text.push_str(&t(lang, "pillar-hint"));
    let mut screen = Screen::new(text);
    for chunk in numbers.chunks(NUMBERS_PER_ROW) {
        screen = screen.row(chunk.to_vec());
    }
    let key = pillar.key.clone();
    let vote_label = if has_ballot { "btn-change-vote" } else { "btn-vote" };
    screen
        .row(nav_row(lang, page, total, |page| Action::Pillar { pillar: key.clone(), page }))
        .row(vec![button(t(lang, vote_label), Action::StartVote { pillar: pillar.key.clone() })])
        .row(vec![button(t(lang, "btn-new-idea"), Action::IdeaStart { pillar: Some(pillar.key.clone()) })])
        .row(vec![menu_button(lang)])
}

pub fn proposal(lang: Lang, catalog: &Catalog, p: &Proposal, page: u8) -> Screen {
    let pillar = pillar_label(catalog, &p.pillar, lang);
    let mut text =
        format!("<b>{}. {}</b>\n\n{}", number_of(catalog, p), proposal_title(p, lang), escape(&p.text));
    if let Some(problem) = &p.problem {
        text.push_str("\n\n");
        text.push_str(&tr(lang, "proposal-problem", &[arg("problem", escape(problem))]));
    }
    text.push_str("\n\n");
    text.push_str(&tr(
        lang,
        "proposal-source",
        &[arg("source", escape(&labels::proposal_source(p, lang))), arg("pillar", pillar)],
    ));
    if lang == Lang::En {
        text.push_str("\n\n");
        text.push_str(&t(lang, "proposal-original-language"));
    }
    Screen::new(text)
        .row(vec![button(t(lang, "btn-back-to-list"), Action::Pillar { pillar: p.pillar.clone(), page })])
        .row(vec![button(t(lang, "btn-vote"), Action::StartVote { pillar: p.pillar.clone() })])
}

fn ordinal(lang: Lang, rank: usize) -> String {
    tr(lang, "rank", &[arg("rank", rank)])
}

/// The ranking lines of a ballot or draft: "1st: title".
fn ranking(lang: Lang, catalog: &Catalog, choices: &[String]) -> String {
    choices
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let title = catalog.proposal(id).map_or_else(|| escape(id), |p| proposal_title(p, lang));
            format!("{} {title}", ordinal(lang, i + 1))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn voting(
    lang: Lang,
    catalog: &Catalog,
    draft: &DraftBallot,
    page: u8,
    current: Option<&Ballot>,
) -> Screen {
    let Some(pillar) = catalog.pillar(&draft.pillar) else {
        return Screen::new(t(lang, "notice-stale")).row(vec![menu_button(lang)]);
    };
    let proposals = catalog.active_in(&pillar.key);
    let max = catalog.priorities_in(&pillar.key);
    let page = clamp_page(page, proposals.len());
    let total = pages(proposals.len());
    let mut text = tr(lang, "vote-title", &[arg("pillar", pillar_name(pillar, lang)), arg("max", max)]);
    if let Some(current) = current {
        text.push_str("\n\n");
        text.push_str(&t(lang, "vote-current"));
        text.push('\n');
        text.push_str(&ranking(lang, catalog, &current.choices));
    }
    text.push_str("\n\n");
    text.push_str(&t(lang, "vote-your-order"));
    text.push('\n');
    if draft.picks.is_empty() {
        text.push_str(&t(lang, "vote-empty"));
    } else {
        text.push_str(&ranking(lang, catalog, &draft.picks));
    }
    text.push_str("\n\n");
    let full = draft.is_full(catalog);
    if full {
        text.push_str(&t(lang, "vote-full"));
    } else {
        text.push_str(&tr(lang, "vote-next", &[arg("rank", draft.picks.len() + 1)]));
    }
    if total > 1 {
        text.push('\n');
        text.push_str(&tr(lang, "page-of", &[arg("page", page + 1), arg("pages", total)]));
    }
    text.push('\n');
    let mut numbers = Vec::new();
    for (i, p) in proposals.iter().enumerate().skip(page * PAGE_SIZE).take(PAGE_SIZE) {
        match draft.picks.iter().position(|id| id == &p.id) {
            Some(r) => text.push_str(&format!(
                "\n<s>{}. {}</s> ({})",
                i + 1,
                proposal_title(p, lang),
                ordinal(lang, r + 1)
            )),
            None => {
                text.push_str(&format!("\n<b>{}.</b> {}", i + 1, proposal_title(p, lang)));
                if !full {
                    numbers.push(button(
                        format!("{}", i + 1),
                        Action::Pick { pillar: pillar.key.clone(), id: p.id.clone(), page: page as u8 },
                    ));
                }
            }
        }
    }
    let mut screen = Screen::new(text);
    for chunk in numbers.chunks(NUMBERS_PER_ROW) {
        screen = screen.row(chunk.to_vec());
    }
    let key = pillar.key.clone();
    let mut actions = Vec::new();
    if !draft.picks.is_empty() {
        actions.push(button(t(lang, "btn-undo"), Action::Undo { pillar: key.clone(), page: page as u8 }));
        actions.push(button(
            tr(lang, "btn-confirm", &[arg("count", draft.picks.len())]),
            Action::Confirm { pillar: key.clone() },
        ));
    }
    screen
        .row(if full {
            Vec::new()
        } else {
            nav_row(lang, page, total, |page| Action::VotePage { pillar: key.clone(), page })
        })
        .row(actions)
        .row(vec![
            button(t(lang, "btn-read-full"), Action::Pillar { pillar: key.clone(), page: page as u8 }),
            button(t(lang, "btn-cancel-vote"), Action::CancelVote { pillar: pillar.key.clone() }),
        ])
}

/// A ballot just stored, and the next pillar to vote in below it: one tap
/// fewer per pillar, and the confirmation stays on screen.
pub fn confirmed_then(lang: Lang, confirmed: Screen, next: Screen) -> Screen {
    let mut screen =
        Screen::new(format!("{}\n\n{}\n\n{}", confirmed.text, t(lang, "vote-next-pillar"), next.text));
    screen.keyboard = next.keyboard;
    screen.row(vec![button(t(lang, "btn-my-votes"), Action::MyVotes)])
}

pub fn confirmed<Z: TimeZone>(
    lang: Lang,
    catalog: &Catalog,
    ballot: &Ballot,
    at: &DateTime<Z>,
    settings: &Settings,
) -> Screen {
    let text = tr(
        lang,
        "vote-confirmed",
        &[
            arg("pillar", pillar_label(catalog, &ballot.pillar, lang)),
            arg("date", date(at, settings, lang)),
            arg("ranking", ranking(lang, catalog, &ballot.choices)),
        ],
    );
    Screen::new(text).row(vec![menu_button(lang), button(t(lang, "btn-my-votes"), Action::MyVotes)])
}

pub fn my_votes(
    lang: Lang,
    catalog: &Catalog,
    citizen: Option<&Citizen>,
    ballots: &[(Ballot, DateTime<chrono::Utc>)],
    phase: Phase,
    settings: &Settings,
) -> Screen {
    let mut text = t(lang, "my-votes-title");
    for p in &catalog.pillars {
        text.push_str(&format!("\n\n<b>{}</b>", pillar_name(p, lang)));
        match ballots.iter().find(|(b, _)| b.pillar == p.key) {
            Some((b, at)) => {
                text.push_str(&format!(" — {}\n", date(at, settings, lang)));
                text.push_str(&ranking(lang, catalog, &b.choices));
            }
            None => {
                text.push('\n');
                text.push_str(&t(lang, "my-votes-none"));
            }
        }
    }
    text.push_str("\n\n");
    if citizen.is_some_and(Citizen::may_vote) {
        text.push_str(&phase_line(phase, lang, settings));
    } else {
        text.push_str(&t(lang, "consent-needed"));
    }
    Screen::new(text).row(vec![menu_button(lang)])
}

/// Everything stored about one person, for `/mis_datos`.
pub struct StoredData<'a> {
    pub citizen: Option<&'a Citizen>,
    pub ballots: &'a [(Ballot, DateTime<chrono::Utc>)],
    pub ideas: &'a [Idea],
    pub history: &'a [crate::domain::Consent],
    pub draft: Option<&'a str>,
}

pub fn my_data(lang: Lang, catalog: &Catalog, stored: &StoredData<'_>, settings: &Settings) -> Screen {
    let StoredData { citizen, ballots, ideas, history, draft } = *stored;
    let Some(c) = citizen else {
        return Screen::new(t(lang, "my-data-nothing"));
    };
    let decision = |k: &crate::domain::Consent| {
        let key = match (k.accepted, k.guardian) {
            (true, true) => "my-data-consent-guardian",
            (true, false) => "my-data-consent-accepted",
            (false, _) => "my-data-consent-declined",
        };
        tr(lang, key, &[arg("date", date(&k.at, settings, lang)), arg("version", escape(&k.version))])
    };
    let consent = match &c.consent {
        Some(k) => decision(k),
        None => t(lang, "my-data-consent-none"),
    };
    let mut text = tr(
        lang,
        "my-data",
        &[
            arg("telegram_id", c.telegram_user_id.to_string()),
            arg("language", t(lang, &format!("language-{}", c.language.code()))),
            arg("since", date(&c.created_at, settings, lang)),
            arg("consent", consent),
        ],
    );
    if !history.is_empty() {
        text.push_str("\n• ");
        text.push_str(&t(lang, "my-data-consent-history"));
        for k in history {
            text.push_str(&format!("\n   – {}", decision(k)));
        }
    }
    for field in ProfileField::ALL {
        text.push_str(&format!(
            "\n• {}: {}",
            field_name(lang, catalog, field),
            answer_label(lang, catalog, field, c.profile.code(field))
        ));
    }
    text.push_str("\n• ");
    text.push_str(&t(lang, if c.muted { "my-data-updates-muted" } else { "my-data-updates-on" }));
    text.push_str("\n\n");
    text.push_str(&t(lang, "my-data-ballots"));
    if ballots.is_empty() {
        text.push('\n');
        text.push_str(&t(lang, "my-votes-none"));
    }
    for (b, at) in ballots {
        text.push_str(&format!(
            "\n<b>{}</b> — {}\n",
            pillar_label(catalog, &b.pillar, lang),
            date(at, settings, lang)
        ));
        text.push_str(&ranking(lang, catalog, &b.choices));
    }
    text.push_str("\n\n");
    text.push_str(&t(lang, "my-data-ideas"));
    if ideas.is_empty() {
        text.push('\n');
        text.push_str(&t(lang, "my-ideas-none"));
    }
    // Every idea, newest first, with its full words, transcription and problem.
    for idea in ideas.iter().rev() {
        text.push('\n');
        text.push_str(&idea_in_full(lang, catalog, idea, settings));
    }
    if let Some(draft) = draft {
        text.push_str("\n\n");
        text.push_str(draft);
    }
    text.push_str("\n\n");
    text.push_str(&t(lang, "my-data-footer"));
    Screen::new(text)
}

pub fn erase_confirm(lang: Lang) -> Screen {
    Screen::new(t(lang, "erase-confirm")).row(vec![
        button(t(lang, "btn-erase-yes"), Action::Erase(true)),
        button(t(lang, "btn-erase-no"), Action::Erase(false)),
    ])
}

pub fn erased(lang: Lang, ballots: u64) -> Screen {
    Screen::new(tr(lang, "erase-done", &[arg("ballots", ballots)]))
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

fn cancel_idea_button(lang: Lang) -> teloxide::types::InlineKeyboardButton {
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

pub use crate::labels::reason_label;

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
fn excerpt(lang: Lang, content: &IdeaContent) -> String {
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
fn idea_line(lang: Lang, catalog: &Catalog, idea: &Idea, settings: &Settings) -> String {
    idea_with(lang, catalog, idea, settings, excerpt(lang, &idea.content))
}

/// An idea's number, pillar, date and status around `words` (an excerpt or the whole).
fn idea_with(lang: Lang, catalog: &Catalog, idea: &Idea, settings: &Settings, words: String) -> String {
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
fn idea_in_full(lang: Lang, catalog: &Catalog, idea: &Idea, settings: &Settings) -> String {
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

/// The proposals of an idea's pillar, to pick the one it merges into.
pub fn merge_list(lang: Lang, catalog: &Catalog, idea: &Idea, page: u8) -> Screen {
    let proposals = catalog.active_in(&idea.pillar);
    let page = clamp_page(page, proposals.len());
    let total = pages(proposals.len());
    let mut text = tr(
        lang,
        "mod-merge-which",
        &[arg("id", idea.id), arg("pillar", pillar_label(catalog, &idea.pillar, lang))],
    );
    text.push('\n');
    let mut numbers = Vec::new();
    for (i, p) in proposals.iter().enumerate().skip(page * PAGE_SIZE).take(PAGE_SIZE) {
        text.push_str(&format!("\n<b>{}.</b> {} ({})", i + 1, proposal_title(p, lang), escape(&p.id)));
        numbers.push(button(
            format!("{}", i + 1),
            StaffAction::ModMerge { idea: idea.id, proposal: p.id.clone() },
        ));
    }
    let mut screen = Screen::new(text);
    for chunk in numbers.chunks(NUMBERS_PER_ROW) {
        screen = screen.row(chunk.to_vec());
    }
    let id = idea.id;
    screen
        .row(nav_row(lang, page, total, |page| StaffAction::ModMergeList { idea: id, page }))
        .row(vec![button(t(lang, "btn-back"), StaffAction::ModShow(id))])
}
