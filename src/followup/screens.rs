//! What citizens read of the plan: the overview (`/plan`), a commitment's card,
//! and the personal message each participant gets when the plan is published.
//! Pure: every figure comes in as an argument.

use crate::{
    bot::{
        callback::Action,
        ui::{Screen, button},
    },
    db::followup::{Update, UpdateKind},
    domain::{
        Ballot, Catalog, Lang,
        followup::{self, FollowTarget, Followed, Records, Status},
        plan::{Commitment, Inclusion, Plan},
    },
    i18n::{arg, t, tr},
    labels,
};
use chrono::NaiveDate;
use chrono_tz::Tz;
use std::collections::HashSet;
use teloxide::utils::html::escape;

/// Characters of a long text (a problem, a reason) shown before it is cut.
const TEXT_CHARS: usize = 600;
/// Characters of a reason in the personal message.
const REASON_CHARS: usize = 220;
/// Updates a card shows.
pub const CARD_UPDATES: i64 = 3;
/// Commitment buttons per row on the overview.
const BUTTONS_PER_ROW: usize = 4;

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A milestone's title short enough for a button.
pub fn cut_title(title: &str) -> String {
    cut(title, 40)
}

pub fn commitment_title(c: &Commitment, lang: Lang) -> &str {
    match lang {
        Lang::En => c.title_en.as_deref().unwrap_or(&c.title),
        Lang::Es => &c.title,
    }
}

fn percent(p: f64) -> String {
    format!("{:.0} %", p.floor())
}

fn status_label(lang: Lang, status: Status) -> String {
    format!("{} {}", status.icon(), t(lang, &format!("followup-status-{}", status.code())))
}

/// The proposals a person ranked, per pillar in the catalog's order, in their order.
fn priorities<'b>(catalog: &Catalog, ballots: &'b [Ballot]) -> Vec<(&'b str, &'b [String])> {
    let mut out: Vec<(&str, &[String])> =
        ballots.iter().map(|b| (b.pillar.as_str(), b.choices.as_slice())).collect();
    out.sort_by_key(|(pillar, _)| {
        catalog.pillars.iter().position(|p| p.key == *pillar).unwrap_or(usize::MAX)
    });
    out
}

/// Every proposal a person ranked.
pub fn ranked(ballots: &[Ballot]) -> HashSet<&str> {
    ballots.iter().flat_map(|b| b.choices.iter().map(String::as_str)).collect()
}

/// The commitments that answer a person's priorities.
pub fn commitments_of_priorities<'p>(plan: &'p Plan, ballots: &[Ballot]) -> Vec<&'p Commitment> {
    let mut out: Vec<&Commitment> = Vec::new();
    for b in ballots {
        for id in &b.choices {
            for c in followup::commitments_answering(plan, id) {
                if !out.iter().any(|o| o.id == c.id) {
                    out.push(c);
                }
            }
        }
    }
    out
}

fn decision_icon(d: Inclusion) -> &'static str {
    match d {
        Inclusion::Incluida => "✅",
        Inclusion::Parcial => "🟡",
        Inclusion::Fusionada => "🔀",
        Inclusion::Aplazada => "⏸️",
        Inclusion::NoIncluida => "❌",
    }
}

/// What became of one proposal, in a line: its decision, its commitment or the
/// proposal it joined, and the reason (cut to `reason_chars`).
pub fn outcome_line(
    lang: Lang,
    catalog: &Catalog,
    plan: &Plan,
    proposal: &str,
    reason_chars: usize,
) -> String {
    let Some(r) = plan.response(proposal) else {
        return format!("❔ {}", t(lang, "followup-undecided"));
    };
    let decision = t(lang, &format!("plan-decision-{}", r.decision.code()));
    let mut line = format!("{} {decision}", decision_icon(r.decision));
    if let Some(c) = r.commitment.as_deref().and_then(|id| plan.commitment(id)) {
        line.push_str(&tr(
            lang,
            "followup-in-commitment",
            &[arg("id", escape(&c.id)), arg("title", escape(commitment_title(c, lang)))],
        ));
    }
    if let Some(other) = &r.merged_with {
        let title = catalog.proposal(other).map(|p| labels::proposal_title(p, lang)).unwrap_or(other);
        line.push_str(&tr(
            lang,
            "followup-merged-with",
            &[arg("id", escape(other)), arg("title", escape(title))],
        ));
    }
    let reason = match lang {
        Lang::En => r.reason_en.as_deref().or(r.reason.as_deref()),
        Lang::Es => r.reason.as_deref(),
    };
    if let Some(reason) = reason.filter(|s| !s.trim().is_empty()) {
        line.push_str(&format!(": <i>{}</i>", escape(&cut(reason.trim(), reason_chars))));
    }
    line
}

/// The message a participant gets when the plan is published: each pillar they
/// ranked, their priorities in their order, and what became of each.
pub fn personal_message(lang: Lang, catalog: &Catalog, plan: &Plan, ballots: &[Ballot]) -> Screen {
    let mut text = tr(lang, "followup-published-title", &[arg("plan", escape(plan.title_in(lang)))]);
    text.push_str("\n\n");
    text.push_str(&t(lang, "followup-published-intro"));
    for (pillar, choices) in priorities(catalog, ballots) {
        text.push_str(&format!("\n\n<b>{}</b>", views_pillar(catalog, pillar, lang)));
        for (rank, id) in choices.iter().enumerate() {
            let title = catalog.proposal(id).map(|p| labels::proposal_title(p, lang)).unwrap_or(id);
            text.push_str(&format!(
                "\n{}. <b>{}</b> {}\n    → {}",
                rank + 1,
                escape(id),
                escape(title),
                outcome_line(lang, catalog, plan, id, REASON_CHARS)
            ));
        }
    }
    let answering = commitments_of_priorities(plan, ballots);
    text.push_str("\n\n");
    text.push_str(&if answering.is_empty() {
        t(lang, "followup-published-none")
    } else {
        t(lang, "followup-published-follow")
    });
    let mut screen = Screen::new(text).row(vec![button(t(lang, "btn-plan-see"), Action::Plan)]);
    if !answering.is_empty() {
        screen = screen.row(vec![button(
            t(lang, "btn-follow-mine"),
            Action::Follow { target: FollowTarget::Mine, accept: false },
        )]);
    }
    screen
}

fn views_pillar(catalog: &Catalog, key: &str, lang: Lang) -> String {
    crate::bot::views::pillar_label(catalog, key, lang)
}

/// The overview: the plan's progress, each pillar's, each commitment's with its
/// status, and the rule; a button per commitment, and following.
pub struct Overview<'a> {
    pub lang: Lang,
    pub catalog: &'a Catalog,
    pub plan: &'a Plan,
    pub records: &'a Records,
    pub today: NaiveDate,
    pub follows: &'a [Followed],
    /// Whether the reader ranked proposals that a commitment answers.
    pub has_priorities_answered: bool,
    /// Not published yet: an admin's preview.
    pub preview: bool,
}

pub fn overview(o: &Overview) -> Screen {
    let lang = o.lang;
    let progress = followup::plan_progress(o.plan, o.records, o.today);
    let mut text = String::new();
    if o.preview {
        text.push_str(&t(lang, "followup-preview-note"));
        text.push_str("\n\n");
    }
    text.push_str(&tr(
        lang,
        "followup-overview-title",
        &[
            arg("plan", escape(o.plan.title_in(lang))),
            arg("bar", followup::bar(progress, 10)),
            arg("percent", percent(progress)),
        ],
    ));
    let mut buttons = Vec::new();
    for pillar in &o.catalog.pillars {
        let of_pillar: Vec<&Commitment> =
            o.plan.commitments.iter().filter(|c| c.pillar == pillar.key).collect();
        let Some(p) = followup::pillar_progress(o.plan, &pillar.key, o.records, o.today) else { continue };
        text.push_str(&format!(
            "\n\n<b>{}</b> {} {}",
            escape(labels::pillar_name(pillar, lang)),
            followup::bar(p, 5),
            percent(p)
        ));
        for c in of_pillar {
            let cp = followup::commitment_progress(c, o.records, o.today);
            let followed = o.follows.iter().any(|f| f.covers(&c.id));
            text.push_str(&format!(
                "\n{} <b>{}</b> {} · {}{}",
                cp.status.icon(),
                escape(&c.id),
                escape(commitment_title(c, lang)),
                percent(cp.percent),
                if followed { " 🔔" } else { "" }
            ));
            buttons.push(button(c.id.clone(), Action::PlanCommitment { id: c.id.clone() }));
        }
    }
    text.push_str("\n\n");
    text.push_str(&legend(lang));
    text.push_str("\n<i>");
    text.push_str(&t(lang, "followup-rule"));
    text.push_str("</i>");
    let mut screen = Screen::new(text);
    for row in buttons.chunks(BUTTONS_PER_ROW) {
        screen = screen.row(row.to_vec());
    }
    if !o.preview {
        let follows_plan = o.follows.contains(&Followed::Plan);
        screen = screen.row(vec![if follows_plan {
            button(t(lang, "btn-unfollow-plan"), Action::Unfollow { target: FollowTarget::Plan })
        } else {
            button(t(lang, "btn-follow-plan"), Action::Follow { target: FollowTarget::Plan, accept: false })
        }]);
        if o.has_priorities_answered && !follows_plan {
            screen = screen.row(vec![button(
                t(lang, "btn-follow-mine"),
                Action::Follow { target: FollowTarget::Mine, accept: false },
            )]);
        }
    }
    screen
}

fn legend(lang: Lang) -> String {
    [Status::Done, Status::InProgress, Status::Late, Status::NotStarted]
        .iter()
        .map(|s| status_label(lang, *s))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A commitment's card.
pub struct Card<'a> {
    pub lang: Lang,
    pub catalog: &'a Catalog,
    pub plan: &'a Plan,
    pub commitment: &'a Commitment,
    pub records: &'a Records,
    pub today: NaiveDate,
    pub updates: &'a [Update],
    /// The proposals the reader ranked.
    pub ranked: &'a HashSet<&'a str>,
    pub follows: &'a [Followed],
    pub tz: Tz,
    pub preview: bool,
}

fn update_line(lang: Lang, c: &Commitment, u: &Update, tz: Tz) -> String {
    let who = t(lang, &format!("followup-voice-{}", u.voice.code()));
    let when = u.created_at.with_timezone(&tz).format("%Y-%m-%d").to_string();
    let milestone = u
        .milestone_id
        .as_deref()
        .and_then(|m| c.milestones.iter().find(|x| x.id == m))
        .map(|m| format!(" · {}", escape(&m.id)))
        .unwrap_or_default();
    let sep = if u.body.trim().is_empty() { "" } else { " — " };
    let what = match u.kind {
        UpdateKind::Note => String::new(),
        UpdateKind::Stage(stage) => format!("{}{sep}", t(lang, &format!("followup-stage-{}", stage.code()))),
        UpdateKind::Late => format!("{}{sep}", t(lang, "followup-flagged-late")),
    };
    let evidence = if u.media.is_some() { " 📎" } else { "" };
    format!("• {when} · <b>{who}</b>{milestone}: {what}{}{evidence}", escape(&cut(&u.body, 280)))
}

pub fn card(k: &Card) -> Screen {
    let (lang, c) = (k.lang, k.commitment);
    let cp = followup::commitment_progress(c, k.records, k.today);
    let mut text = format!(
        "<b>{} · {}</b>\n{} · {} · {} {}",
        escape(&c.id),
        escape(commitment_title(c, lang)),
        views_pillar(k.catalog, &c.pillar, lang),
        status_label(lang, cp.status),
        followup::bar(cp.percent, 10),
        percent(cp.percent)
    );
    let field =
        |key: &str, value: &str| format!("\n\n<b>{}</b> {}", t(lang, key), escape(&cut(value, TEXT_CHARS)));
    text.push_str(&field("followup-card-problem", &c.problem));
    text.push_str(&field("followup-card-what", &c.commitment));
    text.push_str(&field("followup-card-how", &c.how));
    text.push_str(&tr(
        lang,
        "followup-card-who",
        &[arg("lead", escape(&c.lead)), arg("contact", escape(&c.contact))],
    ));
    text.push_str(&tr(
        lang,
        "followup-card-dates",
        &[arg("starts", c.starts.to_string()), arg("ends", c.ends.to_string())],
    ));
    text.push_str(&format!("\n\n<b>{}</b>", t(lang, "followup-card-milestones")));
    for (m, status) in c.milestones.iter().zip(&cp.milestones) {
        let title = match lang {
            Lang::En => m.title_en.as_deref().unwrap_or(&m.title),
            Lang::Es => &m.title,
        };
        text.push_str(&format!(
            "\n{} {} · {} — {}",
            status.icon(),
            escape(&m.id),
            escape(title),
            tr(lang, "followup-card-due", &[arg("due", m.due.to_string()), arg("weight", m.weight)])
        ));
    }
    let answered: Vec<&str> = k
        .plan
        .responses
        .iter()
        .filter(|r| r.commitment.as_deref() == Some(c.id.as_str()))
        .map(|r| r.proposal.as_str())
        .chain(c.answers.iter().map(String::as_str))
        .fold(Vec::new(), |mut acc, id| {
            if !acc.contains(&id) {
                acc.push(id);
            }
            acc
        });
    if !answered.is_empty() {
        text.push_str(&format!("\n\n<b>{}</b>", t(lang, "followup-card-answers")));
        for id in answered {
            let title = k.catalog.proposal(id).map(|p| labels::proposal_title(p, lang)).unwrap_or(id);
            let mine = if k.ranked.contains(id) {
                format!(" ⭐ {}", t(lang, "followup-card-yours"))
            } else {
                String::new()
            };
            text.push_str(&format!("\n• <b>{}</b> {}{mine}", escape(id), escape(title)));
        }
    }
    text.push_str(&format!("\n\n<b>{}</b>", t(lang, "followup-card-updates")));
    if k.updates.is_empty() {
        text.push_str(&format!("\n{}", t(lang, "followup-card-no-updates")));
    }
    for u in k.updates {
        text.push('\n');
        text.push_str(&update_line(lang, c, u, k.tz));
    }
    text.push_str("\n\n<i>");
    text.push_str(&t(lang, "followup-rule"));
    text.push_str("</i>");
    let mut screen = Screen::new(text);
    if !k.preview {
        let followed = k.follows.contains(&Followed::Commitment(c.id.clone()));
        let by_plan = k.follows.contains(&Followed::Plan);
        screen = screen.row(vec![if followed {
            button(
                t(lang, "btn-unfollow"),
                Action::Unfollow { target: FollowTarget::Commitment(c.id.clone()) },
            )
        } else if by_plan {
            button(t(lang, "btn-unfollow-plan"), Action::Unfollow { target: FollowTarget::Plan })
        } else {
            button(
                t(lang, "btn-follow"),
                Action::Follow { target: FollowTarget::Commitment(c.id.clone()), accept: false },
            )
        }]);
    }
    screen.row(vec![button(t(lang, "btn-plan-back"), Action::Plan)])
}

/// The day's news for a follower: per commitment (in the plan's order), its
/// status and progress now, then each update with its date and who spoke.
pub fn digest(
    lang: Lang,
    catalog: &Catalog,
    plan: &Plan,
    records: &Records,
    today: NaiveDate,
    news: &[Update],
    tz: Tz,
) -> Screen {
    let mut text = t(lang, "followup-digest-title");
    for c in &plan.commitments {
        let of_c: Vec<&Update> = news.iter().filter(|u| u.commitment_id == c.id).collect();
        if of_c.is_empty() {
            continue;
        }
        let cp = followup::commitment_progress(c, records, today);
        text.push_str(&format!(
            "\n\n<b>{} · {}</b>\n{} · {} {} · {}",
            escape(&c.id),
            escape(commitment_title(c, lang)),
            status_label(lang, cp.status),
            followup::bar(cp.percent, 10),
            percent(cp.percent),
            views_pillar(catalog, &c.pillar, lang)
        ));
        for u in of_c {
            text.push('\n');
            text.push_str(&update_line(lang, c, u, tz));
        }
    }
    text.push_str("\n\n");
    text.push_str(&t(lang, "followup-digest-footer"));
    Screen::new(text).row(vec![
        button(t(lang, "btn-plan-see"), Action::Plan),
        button(t(lang, "btn-unfollow-all"), Action::Unfollow { target: FollowTarget::Mine }),
    ])
}

/// What a progress piece shows: the chart's title, subtitle and bars (each
/// pillar's progress), and the short text that goes with it.
pub struct Piece {
    pub title: String,
    pub subtitle: String,
    pub bars: Vec<(String, u64)>,
    pub caption: String,
}

pub fn piece(lang: Lang, catalog: &Catalog, plan: &Plan, records: &Records, today: NaiveDate) -> Piece {
    let progress = followup::plan_progress(plan, records, today);
    let bars = catalog
        .pillars
        .iter()
        .filter_map(|p| {
            followup::pillar_progress(plan, &p.key, records, today)
                .map(|v| (labels::pillar_name(p, lang).to_owned(), v.floor() as u64))
        })
        .collect();
    let mut by_status = std::collections::HashMap::new();
    for c in &plan.commitments {
        *by_status.entry(followup::commitment_progress(c, records, today).status).or_insert(0_usize) += 1;
    }
    let count = |s: Status| by_status.get(&s).copied().unwrap_or(0);
    let states = tr(
        lang,
        "followup-piece-states",
        &[
            arg("done", count(Status::Done)),
            arg("in_progress", count(Status::InProgress)),
            arg("late", count(Status::Late)),
            arg("not_started", count(Status::NotStarted)),
        ],
    );
    Piece {
        title: tr(lang, "followup-piece-title", &[arg("percent", percent(progress))]),
        subtitle: tr(
            lang,
            "followup-piece-subtitle",
            &[arg("date", today.to_string()), arg("states", states.clone())],
        ),
        bars,
        caption: tr(
            lang,
            "followup-piece-caption",
            &[
                arg("plan", plan.title_in(lang).to_owned()),
                arg("percent", percent(progress)),
                arg("states", states),
            ],
        ),
    }
}

/// The screen that asks to accept the updated notice before following.
pub fn follow_consent(lang: Lang, target: FollowTarget) -> Screen {
    Screen::new(t(lang, "followup-consent"))
        .row(vec![button(t(lang, "btn-follow-accept"), Action::Follow { target, accept: true })])
        .row(vec![button(t(lang, "btn-plan-back"), Action::Plan)])
}
