//! `consulta plan export --dir DIR`: the plan's follow-up as open data.
//!
//! - `plan_resultados.csv`: one row per commitment and one per milestone (its
//!   `parent/id` is the commitment), with the columns of a Decidim
//!   accountability result: id, parent/id, title and description per
//!   language, start and end dates, status, progress, weight and the ids of
//!   the proposals it answers;
//! - `plan_novedades.csv`: every update, with its date and who spoke (the
//!   Comité or the Alcaldía), never the person;
//! - `plan.json`: the same, nested (plan → commitments → milestones, updates).
//!
//! No Telegram id or name is in any of them.

use crate::{
    db::followup::{MediaKind, Update, UpdateKind},
    domain::{
        Lang,
        export::{Cell, Table},
        followup::{self, Records, Status},
        plan::{Commitment, Plan},
    },
};
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde_json::json;

/// The columns of `plan_resultados.csv`.
pub const RESULT_COLUMNS: [&str; 16] = [
    "id",
    "parent/id",
    "pillar",
    "title/es",
    "title/en",
    "description/es",
    "problem/es",
    "how/es",
    "start_date",
    "end_date",
    "status",
    "progress",
    "weight",
    "proposal_ids",
    "lead",
    "contact",
];

/// The columns of `plan_novedades.csv`.
pub const UPDATE_COLUMNS: [&str; 9] =
    ["id", "commitment_id", "milestone_id", "voice", "kind", "stage", "body", "evidence", "created_at"];

/// The files, by name, as bytes.
pub struct OpenData {
    pub files: Vec<(String, Vec<u8>)>,
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A progress figure as exported: rounded to one decimal.
fn rounded(percent: f64) -> f64 {
    (percent * 10.0).round() / 10.0
}

fn progress_cell(percent: f64) -> Cell {
    Cell::Text(format!("{:.1}", rounded(percent)))
}

fn milestone_percent(status: Status, stage: followup::Stage) -> f64 {
    match (status, stage) {
        (Status::Done, _) | (_, followup::Stage::Done) => 100.0,
        (_, followup::Stage::InProgress) => 50.0,
        _ => 0.0,
    }
}

fn result_rows(plan: &Plan, records: &Records, today: NaiveDate) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for c in &plan.commitments {
        let progress = followup::commitment_progress(c, records, today);
        rows.push(vec![
            c.id.clone().into(),
            "".into(),
            c.pillar.clone().into(),
            c.title.clone().into(),
            c.title_en.clone().unwrap_or_default().into(),
            c.commitment.clone().into(),
            c.problem.clone().into(),
            c.how.clone().into(),
            date(c.starts).into(),
            date(c.ends).into(),
            progress.status.code().into(),
            progress_cell(progress.percent),
            c.milestones.iter().map(|m| u64::from(m.weight)).sum::<u64>().into(),
            c.answers.join(" ").into(),
            c.lead.clone().into(),
            c.contact.clone().into(),
        ]);
        for (m, status) in c.milestones.iter().zip(&progress.milestones) {
            let record = records.get(&(c.id.clone(), m.id.clone())).copied().unwrap_or_default();
            rows.push(vec![
                milestone_id(c, &m.id).into(),
                c.id.clone().into(),
                c.pillar.clone().into(),
                m.title.clone().into(),
                m.title_en.clone().unwrap_or_default().into(),
                "".into(),
                "".into(),
                "".into(),
                date(c.starts).into(),
                date(m.due).into(),
                status.code().into(),
                progress_cell(milestone_percent(*status, record.stage)),
                u64::from(m.weight).into(),
                "".into(),
                c.lead.clone().into(),
                c.contact.clone().into(),
            ]);
        }
    }
    rows
}

/// A milestone's id in the open data: unique across the plan (`C1.H2`).
fn milestone_id(c: &Commitment, milestone: &str) -> String {
    format!("{}.{milestone}", c.id)
}

fn kind_codes(u: &Update) -> (&'static str, &'static str) {
    match u.kind {
        UpdateKind::Note => ("note", ""),
        UpdateKind::Stage(s) => ("stage", s.code()),
        UpdateKind::Late => ("late", ""),
    }
}

fn evidence(u: &Update) -> &'static str {
    match u.media {
        Some((MediaKind::Photo, _)) => "photo",
        Some((MediaKind::Document, _)) => "document",
        None => "",
    }
}

fn local(at: chrono::DateTime<chrono::Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

fn update_rows(updates: &[Update], tz: Tz) -> Vec<Vec<Cell>> {
    updates
        .iter()
        .map(|u| {
            let (kind, stage) = kind_codes(u);
            vec![
                u.id.into(),
                u.commitment_id.clone().into(),
                u.milestone_id.clone().unwrap_or_default().into(),
                u.voice.code().into(),
                kind.into(),
                stage.into(),
                u.body.clone().into(),
                evidence(u).into(),
                local(u.created_at, tz).into(),
            ]
        })
        .collect()
}

fn plan_json(
    plan: &Plan,
    records: &Records,
    updates: &[Update],
    today: NaiveDate,
    tz: Tz,
) -> serde_json::Value {
    let commitments: Vec<serde_json::Value> = plan
        .commitments
        .iter()
        .map(|c| {
            let progress = followup::commitment_progress(c, records, today);
            let milestones: Vec<serde_json::Value> = c
                .milestones
                .iter()
                .zip(&progress.milestones)
                .map(|(m, status)| {
                    json!({
                        "id": milestone_id(c, &m.id),
                        "title": { "es": m.title, "en": m.title_en },
                        "due": date(m.due),
                        "weight": m.weight,
                        "status": status.code(),
                    })
                })
                .collect();
            let updates: Vec<serde_json::Value> = updates
                .iter()
                .filter(|u| u.commitment_id == c.id)
                .map(|u| {
                    let (kind, stage) = kind_codes(u);
                    json!({
                        "id": u.id,
                        "milestone_id": u.milestone_id.as_ref().map(|m| milestone_id(c, m)),
                        "voice": u.voice.code(),
                        "kind": kind,
                        "stage": (!stage.is_empty()).then_some(stage),
                        "body": u.body,
                        "evidence": (!evidence(u).is_empty()).then_some(evidence(u)),
                        "created_at": local(u.created_at, tz),
                    })
                })
                .collect();
            json!({
                "id": c.id,
                "pillar": c.pillar,
                "title": { "es": c.title, "en": c.title_en },
                "problem": c.problem,
                "commitment": c.commitment,
                "how": c.how,
                "values": c.values.iter().map(|v| v.code()).collect::<Vec<_>>(),
                "lead": c.lead,
                "contact": c.contact,
                "start_date": date(c.starts),
                "end_date": date(c.ends),
                "status": progress.status.code(),
                "progress": rounded(progress.percent),
                "proposal_ids": c.answers,
                "milestones": milestones,
                "updates": updates,
            })
        })
        .collect();
    json!({
        "title": { "es": plan.title, "en": plan.title_en },
        "start_date": date(plan.starts),
        "end_date": date(plan.ends),
        "as_of": date(today),
        "progress": rounded(followup::plan_progress(plan, records, today)),
        "progress_rule": crate::i18n::t(Lang::En, "followup-rule"),
        "commitments": commitments,
    })
}

/// The open data of the plan in force, as of `today` (local date).
pub fn build(plan: &Plan, records: &Records, updates: &[Update], today: NaiveDate, tz: Tz) -> OpenData {
    let results = Table {
        name: "plan_resultados",
        header: RESULT_COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows: result_rows(plan, records, today),
    };
    let news = Table {
        name: "plan_novedades",
        header: UPDATE_COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows: update_rows(updates, tz),
    };
    let json = plan_json(plan, records, updates, today, tz);
    let pretty = serde_json::to_vec_pretty(&json).unwrap_or_default();
    OpenData {
        files: vec![
            (format!("{}.csv", results.name), results.to_csv()),
            (format!("{}.csv", news.name), news.to_csv()),
            ("plan.json".to_owned(), pretty),
        ],
    }
}
