//! The screens of reading and voting: a pillar's list, a proposal, the voting screen, the confirmation, /mis_votos.

use crate::{
    bot::views::*,
    bot::{
        callback::Action,
        ui::{Screen, button},
    },
    config::Settings,
    domain::{Ballot, Catalog, Citizen, DraftBallot, Lang, Phase, Pillar, Proposal},
    i18n::{arg, t, tr},
    labels,
};
use chrono::{DateTime, TimeZone};
use teloxide::utils::html::escape;

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

pub(crate) fn ordinal(lang: Lang, rank: usize) -> String {
    tr(lang, "rank", &[arg("rank", rank)])
}

/// The ranking lines of a ballot or draft: "1st: title".
pub(crate) fn ranking(lang: Lang, catalog: &Catalog, choices: &[String]) -> String {
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

/// The voting screen's title, the ballot already stored (if any) and the
/// order chosen so far.
fn voting_heading(
    lang: Lang,
    catalog: &Catalog,
    pillar: &Pillar,
    max: usize,
    draft: &DraftBallot,
    current: Option<&Ballot>,
) -> String {
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
    text
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
    let page = clamp_page_of(page, proposals.len(), VOTE_PAGE_SIZE);
    let total = pages_of(proposals.len(), VOTE_PAGE_SIZE);
    let mut text = voting_heading(lang, catalog, pillar, max, draft, current);
    let full = draft.is_full(catalog);
    if full {
        text.push_str(&t(lang, "vote-full"));
    } else {
        text.push_str(&tr(lang, "vote-next", &[arg("rank", draft.picks.len() + 1)]));
    }
    // Pages matter only while there is something left to pick.
    if total > 1 && !full {
        text.push('\n');
        text.push_str(&tr(lang, "page-of", &[arg("page", page + 1), arg("pages", total)]));
    }
    text.push('\n');
    let mut numbers = Vec::new();
    for (i, p) in proposals.iter().enumerate().skip(page * VOTE_PAGE_SIZE).take(VOTE_PAGE_SIZE) {
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
