//! What facilitators (and admins) follow: live progress of the consultation.

use crate::{
    bot::{citizen::Reply, roles::StaffTurn, ui::Screen, views},
    db::{self, progress::Progress},
    domain::{Catalog, ChannelCounts, Counts, Lang, PaperBallots, ProfileField, Role, tally},
    error::Result,
    i18n::{arg, t, tr},
    labels,
};
use std::collections::HashMap;
use teloxide::utils::html::escape;

fn percent(part: i64, whole: i64) -> i64 {
    if whole == 0 { 0 } else { (part * 100 + whole / 2) / whole }
}

/// "L1 12 · L2 3 · … · no data 4", answers in the order the question offers them.
/// Groups with fewer than `min_group` people (but some) are added up as "others /
/// small groups", so a group of one cannot be singled out.
fn breakdown(
    lang: Lang,
    catalog: &Catalog,
    field: ProfileField,
    counts: &HashMap<Option<String>, i64>,
    min_group: u64,
) -> String {
    let small = |n: i64| n > 0 && u64::try_from(n).unwrap_or(0) < min_group;
    let mut answers: Vec<(String, i64)> = catalog
        .options(field)
        .into_iter()
        .map(|code| {
            let n = counts.get(&Some(code.to_string())).copied().unwrap_or(0);
            (crate::profile::screens::answer_label(lang, catalog, field, Some(code)), n)
        })
        .collect();
    answers.push((t(lang, "export-no-data"), counts.get(&None).copied().unwrap_or(0)));
    let merged: i64 = answers.iter().map(|(_, n)| *n).filter(|n| small(*n)).sum();
    let mut parts: Vec<String> =
        answers.into_iter().filter(|(_, n)| !small(*n)).map(|(label, n)| format!("{label} {n}")).collect();
    if merged > 0 {
        parts.push(format!("{} {merged}", t(lang, "export-small-groups")));
    }
    parts.join(" · ")
}

impl StaffTurn {
    /// `/avance`: participation, ballots, ideas and the last day, from stored rows.
    /// Rankings are shown to admins, and to facilitators once results are public.
    pub(crate) async fn progress(&self) -> Result<Reply> {
        let lang = self.lang();
        let public = self.settings.results.public_in(self.phase());
        let ranked = public || self.ctx.role == Role::Admin;
        // The ranking's queries run beside the figures', not after them, and the
        // ballots per pillar and the paper counts are read once for both.
        let figures = async {
            let pillars = self.catalog.pillars.len();
            if ranked {
                let (p, mut counts) = db::progress::progress_and_counts(&self.pool, pillars).await?;
                // Ranked as published: without unverified ballots when they are apart.
                if self.settings.separates_unverified() {
                    counts.unverified = db::ballots::unverified_counts(&self.pool).await?;
                }
                let paper = counts.presencial.clone();
                Ok::<_, crate::error::Error>((p, Some(counts), paper))
            } else {
                let (p, paper) = tokio::try_join!(
                    db::progress::progress(&self.pool, pillars),
                    db::ballots::counts_of(&self.pool, crate::domain::Channel::Presencial),
                )?;
                Ok((p, None, paper))
            }
        };
        let ((p, rankings, paper), per_point): ((Progress, _, _), _) =
            tokio::try_join!(figures, db::paper::per_point(&self.pool))?;
        let mut text = tr(lang, "progress-title", &[arg("participants", p.participants)]);
        text.push_str("\n\n");
        text.push_str(&t(lang, "progress-ballots"));
        for pillar in &self.catalog.pillars {
            let n = p.ballots_per_pillar.get(&pillar.key).copied().unwrap_or(0);
            text.push_str(&format!(
                "\n• {}: {n} ({} %)",
                views::pillar_name(pillar, lang),
                percent(n, p.participants)
            ));
        }
        text.push('\n');
        text.push_str(&tr(
            lang,
            "progress-completed",
            &[arg("count", p.completed_all), arg("percent", percent(p.completed_all, p.participants))],
        ));
        text.push_str(&self.paper_lines(&paper, &per_point));
        let recorded = db::recordings::proposals_recorded(&self.pool, &self.catalog).await?;
        let active = self.catalog.proposals.iter().filter(|p| !p.withdrawn).count();
        text.push('\n');
        text.push_str(&tr(lang, "progress-recordings", &[arg("recorded", recorded), arg("total", active)]));
        let idea = |s: &str| p.ideas_by_status.get(s).copied().unwrap_or(0);
        text.push_str("\n\n");
        text.push_str(&tr(
            lang,
            "progress-ideas",
            &[
                arg("pending", idea("pending")),
                arg("approved", idea("approved")),
                arg("promoted", idea("promoted")),
                arg("merged", idea("merged")),
                arg("rejected", idea("rejected")),
            ],
        ));
        for (field, counts) in [
            (ProfileField::Localidad, &p.by_localidad),
            (ProfileField::Sector, &p.by_sector),
            (ProfileField::AgeRange, &p.by_age),
        ] {
            text.push_str(&format!(
                "\n\n<b>{}</b>: {}",
                escape(&labels::field_name(&self.catalog, lang, field)),
                breakdown(lang, &self.catalog, field, counts, self.settings.min_group)
            ));
        }
        text.push_str("\n\n");
        text.push_str(&tr(
            lang,
            "progress-last-day",
            &[
                arg("participants", p.last_day.0),
                arg("ballots", p.last_day.1),
                arg("participants_before", p.day_before.0),
                arg("ballots_before", p.day_before.1),
            ],
        ));
        if let Some(counts) = rankings {
            text.push_str(&self.ranking_lines(&counts, public));
        }
        let mut screen = Screen::new(text);
        // After the consultation: the published plan, and its progress piece.
        if db::followup::published(&self.pool).await?.is_some() {
            screen = screen.row(vec![
                crate::bot::ui::button(t(lang, "btn-plan-see"), crate::bot::Action::Plan),
                crate::bot::ui::button(t(lang, "btn-plan-piece"), crate::bot::StaffAction::PlanPiece),
            ]);
        }
        Ok(Reply::screen(screen))
    }

    /// Paper ballots per pillar and per voting point, when there are any (or points).
    fn paper_lines(&self, paper: &Counts, per_point: &HashMap<String, i64>) -> String {
        let lang = self.lang();
        let mut out = String::new();
        let paper_total: u64 = paper.voters.values().sum();
        if paper_total > 0 || !self.catalog.voting_points.is_empty() {
            out.push_str("\n\n");
            out.push_str(&tr(lang, "progress-paper", &[arg("count", paper_total)]));
            for pillar in &self.catalog.pillars {
                out.push_str(&format!(
                    "\n• {}: {}",
                    views::pillar_name(pillar, lang),
                    paper.voters_in(&pillar.key)
                ));
            }
            let points: Vec<String> = self
                .catalog
                .voting_points
                .iter()
                .map(|vp| {
                    format!(
                        "{} {}",
                        escape(vp.label.get(lang)),
                        per_point.get(&vp.code).copied().unwrap_or(0)
                    )
                })
                .collect();
            if !points.is_empty() {
                out.push_str(&format!(
                    "\n<b>{}</b>: {}",
                    t(lang, "progress-paper-points"),
                    points.join(" · ")
                ));
            }
        }
        out
    }

    /// The leading proposals of each pillar, as the ranking is (or will be) published.
    fn ranking_lines(&self, counts: &ChannelCounts, public: bool) -> String {
        let lang = self.lang();
        let mut out = String::new();

        // The ranking as it is published: with paper ballots or not.
        let published = counts.published(self.settings.paper_ballots, self.settings.separates_unverified());
        out.push_str("\n\n");
        out.push_str(&t(lang, if public { "results-progress-ranking-public" } else { "progress-ranking" }));
        out.push('\n');
        out.push_str(&t(
            lang,
            match self.settings.paper_ballots {
                PaperBallots::Include => "progress-ranking-included",
                PaperBallots::Separate => "progress-ranking-separate",
            },
        ));
        if self.settings.separates_unverified() {
            out.push(' ');
            out.push_str(&t(lang, "progress-ranking-verified-only"));
        }
        for result in tally(&self.catalog, &published.ranks, &published.voters) {
            let name =
                self.catalog.pillar(&result.pillar).map(|p| views::pillar_name(p, lang)).unwrap_or_default();
            out.push_str(&format!("\n<b>{name}</b>"));
            for r in result.proposals.iter().take(3) {
                let title = self
                    .catalog
                    .proposal(&r.proposal_id)
                    .map(|p| views::proposal_title(p, lang))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "\n{}. {title} — {}",
                    r.rank,
                    tr(lang, "progress-points", &[arg("points", r.points)])
                ));
            }
        }
        out
    }
}
