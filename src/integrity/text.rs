//! The integrity report as a Telegram message (HTML, within 4,096 characters)
//! and as the command line prints it (the same text without tags).

use super::Findings;
use crate::{
    domain::{Catalog, Lang, PillarResult, Unverified, Verification, integrity::Sign},
    i18n::{arg, t, tr},
    labels,
};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use teloxide::utils::html::escape;

/// Signs listed per kind before "and N more".
const LISTED: usize = 6;
/// Places of each ranking compared.
pub const TOP: usize = 5;

fn at(seconds: i64, tz: Tz, lang: Lang) -> String {
    DateTime::<Utc>::from_timestamp(seconds, 0).map(|d| labels::date(&d, tz, lang)).unwrap_or_default()
}

fn pillar(catalog: &Catalog, key: &str, lang: Lang) -> String {
    catalog.pillar(key).map_or_else(|| key.to_owned(), |p| labels::pillar_name(p, lang).to_owned())
}

/// Decimal figures the way the reader writes them.
pub fn figure(lang: Lang, x: f64) -> String {
    let s = if x < 10.0 { format!("{x:.1}") } else { format!("{x:.0}") };
    match lang {
        Lang::Es => s.replace('.', ","),
        Lang::En => s,
    }
}

/// One line per sign: its kind's words and its figures.
pub fn sign_line(lang: Lang, catalog: &Catalog, tz: Tz, sign: &Sign) -> String {
    let expected = figure(lang, sign.expected());
    match sign {
        Sign::Burst { pillar: p, choices, from, to, ballots, .. } => tr(
            lang,
            "integrity-burst-line",
            &[
                arg("pillar", escape(&pillar(catalog, p, lang))),
                arg("ballot", escape(&choices.join(" › "))),
                arg("ballots", *ballots),
                arg("from", at(*from, tz, lang)),
                arg("to", at(*to, tz, lang)),
                arg("expected", expected),
            ],
        ),
        Sign::Identical { pillar: p, choices, ballots, .. } => tr(
            lang,
            "integrity-identical-line",
            &[
                arg("pillar", escape(&pillar(catalog, p, lang))),
                arg("ballot", escape(&choices.join(" › "))),
                arg("ballots", *ballots),
                arg("expected", expected),
            ],
        ),
        Sign::FastVoters { from, to, ballots, .. } => tr(
            lang,
            "integrity-fast-line",
            &[
                arg("ballots", *ballots),
                arg("from", at(*from, tz, lang)),
                arg("to", at(*to, tz, lang)),
                arg("expected", expected),
            ],
        ),
    }
}

/// The kind of a sign, as a heading: `burst`, `identical`, `fast`.
pub fn kind(sign: &Sign) -> &'static str {
    match sign {
        Sign::Burst { .. } => "burst",
        Sign::Identical { .. } => "identical",
        Sign::FastVoters { .. } => "fast",
    }
}

/// The mode line: which verification, and what unverified ballots do.
pub fn mode(lang: Lang, f: &Findings) -> String {
    match f.verification {
        Verification::None => t(lang, "integrity-mode-none"),
        Verification::Phone => tr(
            lang,
            match f.unverified {
                Unverified::Count => "integrity-mode-phone-count",
                Unverified::Separate => "integrity-mode-phone-separate",
            },
            &[arg("accounts", f.verified_accounts), arg("numbers", f.verified_numbers)],
        ),
    }
}

/// The first places of a ranking without the flagged ballots, each with the place it had.
pub fn ranking_change(lang: Lang, before: &PillarResult, after: &PillarResult) -> String {
    after
        .proposals
        .iter()
        .take(TOP)
        .map(|p| {
            let was = before.proposals.iter().find(|b| b.proposal_id == p.proposal_id).map_or(0, |b| b.rank);
            tr(
                lang,
                "integrity-place",
                &[arg("rank", p.rank), arg("id", escape(&p.proposal_id)), arg("was", was)],
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as one Telegram message (HTML): a few signs of each kind.
pub fn message(lang: Lang, catalog: &Catalog, tz: Tz, f: &Findings) -> String {
    render(lang, catalog, tz, f, LISTED)
}

/// The report with every sign, for the command line (HTML; printed without tags).
pub fn full(lang: Lang, catalog: &Catalog, tz: Tz, f: &Findings) -> String {
    render(lang, catalog, tz, f, usize::MAX)
}

fn render(lang: Lang, catalog: &Catalog, tz: Tz, f: &Findings, listed: usize) -> String {
    let a = &f.analysis;
    let mut out = vec![t(lang, "integrity-title"), mode(lang, f)];
    let share = if a.ballots == 0 { 0.0 } else { 100.0 * a.flagged_count() as f64 / a.ballots as f64 };
    out.push(tr(
        lang,
        "integrity-summary",
        &[
            arg("ballots", a.ballots),
            arg("signs", a.signs.len()),
            arg("flagged", a.flagged_count()),
            arg("share", figure(lang, share)),
        ],
    ));
    if a.signs.is_empty() {
        out.push(t(lang, "integrity-no-signs"));
    }
    for k in ["burst", "identical", "fast"] {
        let signs: Vec<&Sign> = a.signs.iter().filter(|s| kind(s) == k).collect();
        if signs.is_empty() {
            continue;
        }
        let mut block = t(lang, &format!("integrity-{k}-heading"));
        for sign in signs.iter().take(listed) {
            block.push_str("\n• ");
            block.push_str(&sign_line(lang, catalog, tz, sign));
        }
        if signs.len() > listed {
            block.push('\n');
            block.push_str(&tr(lang, "integrity-more", &[arg("count", signs.len() - listed)]));
        }
        out.push(block);
    }
    if !a.signs.is_empty() {
        let mut block = tr(lang, "integrity-without-heading", &[arg("top", TOP)]);
        let mut changed = false;
        for (before, after) in f.changed(TOP) {
            changed = true;
            block.push_str(&format!(
                "\n• <b>{}</b>: {}",
                escape(&pillar(catalog, &before.pillar, lang)),
                ranking_change(lang, before, after)
            ));
        }
        if !changed {
            block.push('\n');
            block.push_str(&tr(lang, "integrity-without-same", &[arg("top", TOP)]));
        }
        out.push(block);
    }
    out.push(t(lang, "integrity-footer"));
    out.join("\n\n")
}
