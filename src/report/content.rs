//! What the report says, section by section, from the tally's and the exports'
//! figures and the plan in force.

use super::{Bar, Block, Chart, Document, Table};
use crate::{
    db,
    domain::{
        Catalog, Channel, ChannelCounts, ChannelResults, IdeaStatus, Lang, ProfileField, RejectReason,
        plan::{Inclusion, Plan},
    },
    error::Result,
    i18n::{arg, t, tr},
    labels,
};
use chrono_tz::Tz;
use sqlx::SqlitePool;
use std::collections::BTreeMap;

/// People per answer of one profile question (`None`: not answered).
type PeoplePerAnswer = Vec<(Option<String>, u64)>;

/// Everything the report is written from.
struct Sources {
    lang: Lang,
    tz: Tz,
    min_group: u64,
    catalog: Catalog,
    results: ChannelResults,
    counts: ChannelCounts,
    days: Vec<(String, u64, u64)>,
    groups: Vec<(ProfileField, PeoplePerAnswer)>,
    ideas: Vec<db::export::IdeaRow>,
    plan: Option<(i64, Plan)>,
    integrity: crate::integrity::Findings,
}

/// Reads every figure and builds the report in `lang`.
pub async fn build(pool: &SqlitePool, lang: Lang, settings: &crate::config::Settings) -> Result<Document> {
    let (tz, min_group) = (settings.timezone, settings.min_group);
    // Two things at a time: the integrity analysis (its query, then its CPU
    // work) beside the other queries, one after another. All of them side by
    // side would take every connection of the pool from the voters, and each
    // connection's page cache and sorter add about 4 MB to the peak (75 MB
    // instead of 45 MB at 100,000 participants, for 0.15 s less).
    let catalog = db::catalog::load(pool).await?;
    let counts = db::ballots::channel_counts(pool).await?;
    // A task of its own, so its CPU work runs on another thread than the queries'.
    let integrity = {
        let (pool, catalog, settings, counts) =
            (pool.clone(), catalog.clone(), settings.clone(), counts.clone());
        tokio::spawn(
            async move { crate::integrity::findings_from(&pool, &catalog, &settings, &counts).await },
        )
    };
    let others = async {
        let days = crate::export::participation_per_day(pool, tz).await?;
        let ideas = db::export::ideas(pool).await?;
        let plan = db::plan::current(pool).await?;
        let localidad = db::report::participants_by(pool, ProfileField::Localidad).await?;
        let sector = db::report::participants_by(pool, ProfileField::Sector).await?;
        let age = db::report::participants_by(pool, ProfileField::AgeRange).await?;
        Ok::<_, crate::error::Error>((days, ideas, plan, localidad, sector, age))
    };
    let (days, ideas, plan, localidad, sector, age) = match others.await {
        Ok(figures) => figures,
        Err(e) => {
            // The report fails: its integrity analysis is not needed any more.
            integrity.abort();
            return Err(e);
        }
    };
    let integrity = integrity.await.map_err(|e| crate::error::Error::Export(format!("integrity: {e}")))??;
    let results = ChannelResults::new(&catalog, &counts);
    let sources = Sources {
        lang,
        tz,
        min_group,
        catalog,
        results,
        counts,
        days,
        groups: vec![
            (ProfileField::Localidad, localidad),
            (ProfileField::Sector, sector),
            (ProfileField::AgeRange, age),
        ],
        ideas,
        plan,
        integrity,
    };
    Ok(sources.document())
}

fn heading(level: u8, id: &str, text: String) -> Block {
    Block::Heading { level, id: id.to_string(), text }
}

fn num(n: impl Into<u64>) -> String {
    n.into().to_string()
}

impl Sources {
    fn t(&self, key: &str) -> String {
        t(self.lang, key)
    }

    fn document(&self) -> Document {
        let lang = self.lang;
        let c = &self.catalog.consultation;
        let mut subtitle = vec![tr(
            lang,
            "report-subtitle",
            &[arg("city", c.city.clone()), arg("date", labels::date(&chrono::Utc::now(), self.tz, lang))],
        )];
        subtitle.push(match &self.plan {
            Some((version, plan)) => tr(
                lang,
                "report-with-plan",
                &[arg("plan", plan.title_in(lang).to_string()), arg("version", *version)],
            ),
            None => self.t("report-without-plan"),
        });
        let mut blocks = Vec::new();
        if self.plan.is_none() {
            blocks.push(Block::Note(self.t("report-inventario-only")));
        }
        self.process(&mut blocks);
        self.participation(&mut blocks);
        self.priorities(&mut blocks);
        self.inventory(&mut blocks);
        self.ideas(&mut blocks);
        self.integrity(&mut blocks);
        match &self.plan {
            Some((_, plan)) => {
                self.responses(plan, &mut blocks);
                self.plan(plan, &mut blocks);
            }
            None => {
                blocks.push(heading(1, "respuesta", self.t("report-responses")));
                blocks.push(Block::Note(self.t("report-no-plan-yet")));
            }
        }
        Document {
            lang,
            title: tr(lang, "report-title", &[arg("consultation", c.title_in(lang).to_string())]),
            subtitle,
            blocks,
        }
    }

    fn process(&self, blocks: &mut Vec<Block>) {
        let lang = self.lang;
        let c = &self.catalog.consultation;
        blocks.push(heading(1, "proceso", self.t("report-process")));
        let when = |d: Option<chrono::DateTime<chrono::FixedOffset>>| {
            d.map(|d| labels::date(&d, self.tz, lang)).unwrap_or_else(|| self.t("report-no-date"))
        };
        let points: Vec<String> =
            self.catalog.voting_points.iter().map(|p| p.label.get(lang).to_string()).collect();
        let mut facts = vec![
            (self.t("report-opens"), when(c.opens_at)),
            (self.t("report-closes"), when(c.closes_at)),
            (self.t("report-channel-telegram"), self.t("report-channel-telegram-how")),
        ];
        if !points.is_empty() {
            facts.push((self.t("report-channel-points"), points.join(" · ")));
        }
        blocks.push(Block::Facts(facts));
        let max = u64::from(c.max_priorities);
        blocks.push(Block::Paragraph(tr(
            lang,
            "report-rule-points",
            &[arg("max", max), arg("pillars", self.catalog.pillars.len())],
        )));
        blocks.push(Block::Paragraph(self.t("report-rule-ties")));
        blocks.push(Block::Paragraph(self.t("report-rule-paper")));
        blocks.push(Block::Paragraph(tr(lang, "report-rule-small-groups", &[arg("min", self.min_group)])));
        blocks.push(Block::Paragraph(self.t("report-rule-privacy")));
    }

    fn participation(&self, blocks: &mut Vec<Block>) {
        let lang = self.lang;
        blocks.push(heading(1, "participacion", self.t("report-participation")));
        // Per channel as the `participacion` export counts them: one ballot per voter and pillar.
        let channels: Vec<(String, u64)> = Channel::ALL
            .iter()
            .map(|c| (labels::channel_name(lang, *c), self.counts.channel(*c).voters.values().sum()))
            .collect();
        let ballots: u64 = channels.iter().map(|(_, b)| b).sum();
        let people: u64 = self.groups.first().map_or(0, |(_, rows)| rows.iter().map(|(_, n)| n).sum());
        let ideas = self.ideas.len() as u64;
        let mut facts =
            vec![(self.t("report-people"), num(people)), (self.t("report-ballots"), num(ballots))];
        for (name, n) in &channels {
            facts.push((tr(lang, "report-ballots-of", &[arg("channel", name.clone())]), num(*n)));
        }
        facts.push((self.t("report-ideas-received"), num(ideas)));
        blocks.push(Block::Facts(facts));
        blocks.push(Block::Paragraph(self.t("report-people-explained")));

        let days = &self.days;
        if !days.is_empty() {
            blocks.push(heading(2, "participacion-dias", self.t("report-per-day")));
            let bars: Vec<Bar> = days.iter().map(|(d, _, b)| Bar { label: d.clone(), value: *b }).collect();
            let busiest = days.iter().max_by_key(|(_, _, b)| *b).cloned().unwrap_or_default();
            blocks.push(Block::Chart(Chart {
                title: self.t("report-per-day-chart"),
                description: tr(
                    lang,
                    "report-per-day-alt",
                    &[
                        arg("days", days.len()),
                        arg("first", days[0].0.clone()),
                        arg("last", days[days.len() - 1].0.clone()),
                        arg("busiest", busiest.0),
                        arg("ballots", busiest.2),
                    ],
                ),
                bars,
            }));
            blocks.push(Block::Table(Table {
                caption: self.t("report-per-day-table"),
                header: vec![
                    self.t("report-col-day"),
                    self.t("report-col-new-people"),
                    self.t("report-col-ballots"),
                ],
                numeric: vec![false, true, true],
                wide: vec![false, false, false],
                rows: days.iter().map(|(d, p, b)| vec![d.clone(), num(*p), num(*b)]).collect(),
            }));
        }
        for (field, rows) in &self.groups {
            self.group_table(*field, rows, blocks);
        }
    }

    /// People per answer of one question; answers with fewer than `min_group`
    /// people are added up into one row.
    fn group_table(&self, field: ProfileField, counts: &[(Option<String>, u64)], blocks: &mut Vec<Block>) {
        let lang = self.lang;
        let name = labels::field_name(&self.catalog, lang, field);
        blocks.push(heading(
            2,
            &format!("participacion-{}", field.code()),
            tr(lang, "report-per-group", &[arg("group", name.to_lowercase())]),
        ));
        let by_code: BTreeMap<Option<&str>, u64> = counts.iter().map(|(c, n)| (c.as_deref(), *n)).collect();
        let mut order: Vec<Option<&str>> = self.catalog.options(field).into_iter().map(Some).collect();
        order.push(None);
        let mut rows = Vec::new();
        let mut small = 0;
        for code in order {
            let n = by_code.get(&code).copied().unwrap_or(0);
            if n == 0 {
                continue;
            }
            if n < self.min_group {
                small += n;
                continue;
            }
            let label = match code {
                Some(_) => labels::answer_label(&self.catalog, lang, field, code),
                None => self.t("export-no-data"),
            };
            rows.push(vec![label, num(n)]);
        }
        if small > 0 {
            rows.push(vec![self.t("export-small-groups"), num(small)]);
        }
        blocks.push(Block::Table(Table {
            caption: tr(
                lang,
                "report-per-group-table",
                &[arg("group", name.to_lowercase()), arg("min", self.min_group)],
            ),
            header: vec![name, self.t("report-col-people")],
            numeric: vec![false, true],
            wide: vec![false, false],
            rows,
        }));
    }

    fn pillar_name(&self, key: &str) -> String {
        self.catalog.pillar(key).map_or(key.to_string(), |p| labels::pillar_name(p, self.lang).to_string())
    }

    fn title(&self, id: &str) -> String {
        self.catalog.proposal(id).map_or(id.to_string(), |p| labels::proposal_title(p, self.lang).to_string())
    }

    fn priorities(&self, blocks: &mut Vec<Block>) {
        let lang = self.lang;
        blocks.push(heading(1, "prioridades", self.t("report-priorities")));
        blocks.push(Block::Paragraph(self.t("report-priorities-explained")));
        for (i, pillar) in self.results.total.iter().enumerate() {
            let name = self.pillar_name(&pillar.pillar);
            blocks.push(heading(2, &format!("prioridades-{}", pillar.pillar), name.clone()));
            let mut per_channel: Vec<(String, &crate::domain::PillarResult)> = Channel::ALL
                .iter()
                .map(|c| (labels::channel_name(lang, *c), &self.results.channel(*c)[i]))
                .collect();
            blocks.push(Block::Paragraph(tr(
                lang,
                "report-pillar-voters",
                &[
                    arg("voters", pillar.voters),
                    arg("virtual", per_channel[0].1.voters),
                    arg("presencial", per_channel[1].1.voters),
                ],
            )));
            // Once numbers are verified, the virtual ballots of each kind, like channels.
            if let Some((verified, unverified)) = &self.results.verification {
                per_channel.push((labels::verification_name(lang, true), &verified[i]));
                per_channel.push((labels::verification_name(lang, false), &unverified[i]));
                blocks.push(Block::Paragraph(tr(
                    lang,
                    "report-pillar-voters-verification",
                    &[arg("verified", verified[i].voters), arg("unverified", unverified[i].voters)],
                )));
            }
            let top: Vec<String> = pillar
                .proposals
                .iter()
                .take(3)
                .map(|p| {
                    tr(
                        lang,
                        "report-chart-item",
                        &[arg("title", self.title(&p.proposal_id)), arg("points", p.points)],
                    )
                })
                .collect();
            blocks.push(Block::Chart(Chart {
                title: tr(lang, "report-pillar-chart", &[arg("pillar", name.clone())]),
                description: tr(
                    lang,
                    "report-pillar-alt",
                    &[arg("count", pillar.proposals.len()), arg("top", top.join("; "))],
                ),
                bars: pillar
                    .proposals
                    .iter()
                    .map(|p| Bar {
                        label: format!("{} · {}", p.proposal_id, self.title(&p.proposal_id)),
                        value: p.points,
                    })
                    .collect(),
            }));
            let points_in = |c: &crate::domain::PillarResult, id: &str| {
                c.proposals.iter().find(|q| q.proposal_id == id).map_or(0, |q| q.points)
            };
            let mut header = vec![
                self.t("report-col-place"),
                self.t("report-col-id"),
                self.t("report-col-proposal"),
                self.t("report-col-points"),
                self.t("report-col-first"),
                self.t("report-col-chosen"),
            ];
            header.extend(
                per_channel
                    .iter()
                    .map(|(c, _)| tr(lang, "report-col-points-of", &[arg("channel", c.clone())])),
            );
            let mut numeric = vec![true, false, false, true, true, true];
            numeric.extend(per_channel.iter().map(|_| true));
            let mut wide = vec![false, false, true, false, false, false];
            wide.extend(per_channel.iter().map(|_| false));
            blocks.push(Block::Table(Table {
                caption: tr(lang, "report-pillar-table", &[arg("pillar", name)]),
                header,
                numeric,
                wide,
                rows: pillar
                    .proposals
                    .iter()
                    .map(|p| {
                        let mut row = vec![
                            num(p.rank as u64),
                            p.proposal_id.clone(),
                            self.title(&p.proposal_id),
                            num(p.points),
                            num(p.first_choices),
                            num(p.times_chosen),
                        ];
                        row.extend(per_channel.iter().map(|(_, c)| num(points_in(c, &p.proposal_id))));
                        row
                    })
                    .collect(),
            }));
        }
    }

    fn inventory(&self, blocks: &mut Vec<Block>) {
        let lang = self.lang;
        blocks.push(heading(1, "inventario", self.t("report-inventory")));
        blocks.push(Block::Paragraph(self.t("report-inventory-explained")));
        for pillar in &self.results.total {
            let name = self.pillar_name(&pillar.pillar);
            blocks.push(heading(2, &format!("inventario-{}", pillar.pillar), name.clone()));
            let mut ordered: Vec<_> = pillar.proposals.iter().collect();
            let position =
                |id: &str| self.catalog.proposals.iter().position(|p| p.id == id).unwrap_or(usize::MAX);
            ordered.sort_by_key(|p| position(&p.proposal_id));
            blocks.push(Block::Table(Table {
                caption: tr(lang, "report-inventory-table", &[arg("pillar", name)]),
                header: vec![
                    self.t("report-col-id"),
                    self.t("report-col-proposal"),
                    self.t("report-col-problem"),
                    self.t("report-col-origin"),
                    self.t("report-col-place"),
                    self.t("report-col-points"),
                    self.t("report-col-first"),
                ],
                numeric: vec![false, false, false, false, true, true, true],
                wide: vec![false, true, true, false, false, false, false],
                rows: ordered
                    .into_iter()
                    .map(|p| {
                        let proposal = self.catalog.proposal(&p.proposal_id);
                        vec![
                            p.proposal_id.clone(),
                            self.title(&p.proposal_id),
                            proposal.and_then(|q| q.problem.clone()).unwrap_or_default(),
                            proposal.map(|q| labels::proposal_source(q, lang)).unwrap_or_default(),
                            num(p.rank as u64),
                            num(p.points),
                            num(p.first_choices),
                        ]
                    })
                    .collect(),
            }));
        }
    }

    /// How the consultation guards against coordinated voting, and what it found.
    fn integrity(&self, blocks: &mut Vec<Block>) {
        use crate::integrity::text;
        let (lang, f) = (self.lang, &self.integrity);
        blocks.push(heading(1, "integridad", self.t("report-integrity")));
        blocks.push(Block::Paragraph(crate::bot::ui::strip_tags(&text::mode(lang, f))));
        let th = &f.thresholds;
        for line in tr(
            lang,
            "integrity-method",
            &[
                arg("min", th.min_ballots),
                arg("min2", 2 * th.min_ballots),
                arg("window", th.window / 60),
                arg("fast", th.fast_seconds),
                arg("factor", text::figure(lang, th.factor)),
            ],
        )
        .lines()
        {
            blocks.push(Block::Paragraph(line.to_owned()));
        }
        let a = &f.analysis;
        let share = if a.ballots == 0 { 0.0 } else { 100.0 * a.flagged_count() as f64 / a.ballots as f64 };
        blocks.push(Block::Paragraph(tr(
            lang,
            "integrity-summary",
            &[
                arg("ballots", a.ballots),
                arg("signs", a.signs.len()),
                arg("flagged", a.flagged_count()),
                arg("share", text::figure(lang, share)),
            ],
        )));
        if a.signs.is_empty() {
            blocks.push(Block::Note(crate::bot::ui::strip_tags(&t(lang, "integrity-no-signs"))));
            return;
        }
        let rows = a
            .signs
            .iter()
            .map(|s| {
                vec![
                    crate::bot::ui::strip_tags(&t(lang, &format!("integrity-{}-heading", text::kind(s)))),
                    crate::bot::ui::strip_tags(&text::sign_line(lang, &self.catalog, self.tz, s)),
                    s.ballots().to_string(),
                    text::figure(lang, s.expected()),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: self.t("report-integrity-signs"),
            header: vec![
                self.t("report-integrity-kind"),
                self.t("report-integrity-what"),
                self.t("report-integrity-ballots"),
                self.t("report-integrity-expected"),
            ],
            numeric: vec![false, false, true, true],
            rows,
            wide: vec![false, true, false, false],
        }));
        let changed: Vec<String> = f
            .changed(text::TOP)
            .map(|(before, after)| {
                let name = self
                    .catalog
                    .pillar(&before.pillar)
                    .map_or(before.pillar.clone(), |p| labels::pillar_name(p, lang).to_owned());
                format!("{name}: {}", text::ranking_change(lang, before, after))
            })
            .collect();
        blocks.push(Block::Paragraph(crate::bot::ui::strip_tags(&tr(
            lang,
            "integrity-without-heading",
            &[arg("top", text::TOP)],
        ))));
        if changed.is_empty() {
            blocks.push(Block::Paragraph(tr(lang, "integrity-without-same", &[arg("top", text::TOP)])));
        } else {
            blocks.push(Block::Bullets(changed));
        }
        blocks.push(Block::Paragraph(self.t("integrity-footer")));
    }

    fn ideas(&self, blocks: &mut Vec<Block>) {
        let lang = self.lang;
        blocks.push(heading(1, "ideas", self.t("report-ideas")));
        let count = |s: IdeaStatus| self.ideas.iter().filter(|i| i.status == s.code()).count() as u64;
        let statuses = [
            IdeaStatus::Approved,
            IdeaStatus::Promoted,
            IdeaStatus::Merged,
            IdeaStatus::Rejected,
            IdeaStatus::Pending,
        ];
        let mut facts = vec![(self.t("report-ideas-received"), num(self.ideas.len() as u64))];
        for s in statuses {
            facts.push((self.t(&format!("report-ideas-{}", s.code())), num(count(s))));
        }
        blocks.push(Block::Facts(facts));
        let rejected: Vec<&db::export::IdeaRow> =
            self.ideas.iter().filter(|i| i.status == IdeaStatus::Rejected.code()).collect();
        if !rejected.is_empty() {
            let rows = RejectReason::ALL
                .iter()
                .map(|r| {
                    let n = rejected.iter().filter(|i| i.reason.as_deref() == Some(r.code())).count() as u64;
                    vec![labels::reason_label(lang, *r), num(n)]
                })
                .collect();
            blocks.push(Block::Table(Table {
                caption: self.t("report-reasons-table"),
                header: vec![self.t("report-col-reason"), self.t("report-col-ideas")],
                numeric: vec![false, true],
                wide: vec![true, false],
                rows,
            }));
        }
        blocks.push(heading(2, "ideas-aprobadas", self.t("report-approved-ideas")));
        let mut any = false;
        for pillar in &self.catalog.pillars {
            let texts: Vec<String> = self
                .ideas
                .iter()
                .filter(|i| i.pillar == pillar.key)
                .filter(|i| {
                    i.status == IdeaStatus::Approved.code() || i.status == IdeaStatus::Promoted.code()
                })
                .filter_map(|i| i.body.clone().or_else(|| i.transcription.clone()))
                .collect();
            if texts.is_empty() {
                continue;
            }
            any = true;
            blocks.push(heading(
                3,
                &format!("ideas-{}", pillar.key),
                labels::pillar_name(pillar, lang).to_string(),
            ));
            blocks.push(Block::Bullets(texts));
        }
        if !any {
            blocks.push(Block::Paragraph(self.t("report-no-approved-ideas")));
        }
    }

    fn responses(&self, plan: &Plan, blocks: &mut Vec<Block>) {
        let lang = self.lang;
        blocks.push(heading(1, "respuesta", self.t("report-responses")));
        blocks.push(Block::Paragraph(self.t("report-responses-explained")));
        let counts: Vec<(String, String)> = Inclusion::ALL
            .iter()
            .map(|d| {
                let n = plan.responses.iter().filter(|r| r.decision == *d).count() as u64;
                (crate::cli::plan::decision(lang, *d), num(n))
            })
            .chain(std::iter::once((
                self.t("report-undecided"),
                num(plan.undecided(&self.catalog).len() as u64),
            )))
            .collect();
        blocks.push(Block::Facts(counts));
        for pillar in &self.results.total {
            let name = self.pillar_name(&pillar.pillar);
            blocks.push(heading(2, &format!("respuesta-{}", pillar.pillar), name.clone()));
            let rows = pillar
                .proposals
                .iter()
                .map(|p| {
                    let r = plan.response(&p.proposal_id);
                    let decision = r.map_or_else(
                        || self.t("report-undecided-one"),
                        |r| crate::cli::plan::decision(lang, r.decision),
                    );
                    let commitment = r
                        .and_then(|r| r.commitment.as_deref().or(r.merged_with.as_deref()))
                        .unwrap_or_default()
                        .to_string();
                    let reason = r
                        .and_then(|r| match lang {
                            Lang::En => r.reason_en.clone().or_else(|| r.reason.clone()),
                            Lang::Es => r.reason.clone(),
                        })
                        .unwrap_or_default();
                    vec![
                        num(p.rank as u64),
                        p.proposal_id.clone(),
                        self.title(&p.proposal_id),
                        decision,
                        commitment,
                        reason,
                    ]
                })
                .collect();
            blocks.push(Block::Table(Table {
                caption: tr(lang, "report-responses-table", &[arg("pillar", name)]),
                header: vec![
                    self.t("report-col-place"),
                    self.t("report-col-id"),
                    self.t("report-col-proposal"),
                    self.t("report-col-decision"),
                    self.t("report-col-commitment"),
                    self.t("report-col-why"),
                ],
                numeric: vec![true, false, false, false, false, false],
                wide: vec![false, false, true, false, false, true],
                rows,
            }));
        }
    }

    fn plan(&self, plan: &Plan, blocks: &mut Vec<Block>) {
        let lang = self.lang;
        blocks.push(heading(
            1,
            "plan",
            tr(lang, "report-plan", &[arg("plan", plan.title_in(lang).to_string())]),
        ));
        blocks.push(Block::Paragraph(tr(
            lang,
            "report-plan-period",
            &[
                arg("starts", plan.starts.to_string()),
                arg("ends", plan.ends.to_string()),
                arg("commitments", plan.commitments.len()),
            ],
        )));
        for c in &plan.commitments {
            let title = match lang {
                Lang::En => c.title_en.clone().unwrap_or_else(|| c.title.clone()),
                Lang::Es => c.title.clone(),
            };
            blocks.push(heading(2, &format!("compromiso-{}", c.id), format!("{} · {title}", c.id)));
            let values: Vec<String> =
                c.values.iter().map(|v| self.t(&format!("plan-value-{}", v.code()))).collect();
            let answers: Vec<String> = c.answers.iter().map(|a| format!("{a} «{}»", self.title(a))).collect();
            blocks.push(Block::Facts(vec![
                (self.t("report-commitment-pillar"), self.pillar_name(&c.pillar)),
                (self.t("report-commitment-problem"), c.problem.clone()),
                (self.t("report-commitment-what"), c.commitment.clone()),
                (self.t("report-commitment-how"), c.how.clone()),
                (self.t("report-commitment-values"), values.join(", ")),
                (self.t("report-commitment-lead"), c.lead.clone()),
                (self.t("report-commitment-contact"), c.contact.clone()),
                (self.t("report-commitment-dates"), format!("{} – {}", c.starts, c.ends)),
                (self.t("report-commitment-answers"), answers.join("; ")),
            ]));
            if !c.milestones.is_empty() {
                blocks.push(Block::Table(Table {
                    caption: tr(lang, "report-milestones-table", &[arg("commitment", c.id.clone())]),
                    header: vec![
                        self.t("report-col-id"),
                        self.t("report-col-milestone"),
                        self.t("report-col-due"),
                        self.t("report-col-weight"),
                    ],
                    numeric: vec![false, false, false, true],
                    wide: vec![false, true, false, false],
                    rows: c
                        .milestones
                        .iter()
                        .map(|m| {
                            let title = match lang {
                                Lang::En => m.title_en.clone().unwrap_or_else(|| m.title.clone()),
                                Lang::Es => m.title.clone(),
                            };
                            vec![m.id.clone(), title, m.due.to_string(), num(m.weight)]
                        })
                        .collect(),
                }));
            }
        }
    }
}
