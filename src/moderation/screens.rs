//! The moderators' screens built from the catalog (which proposal an idea merges into).

use crate::{
    bot::views::*,
    bot::{
        callback::StaffAction,
        ui::{Screen, button},
    },
    domain::{Catalog, Idea, Lang},
    i18n::{arg, t, tr},
};
use teloxide::utils::html::escape;

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
