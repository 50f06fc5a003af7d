//! The Plan de Acción the consultation feeds: its commitments and milestones
//! (OGP's commitment template), and the reasoned response every proposal of the
//! consultation gets (included, partly included, merged, deferred or not
//! included, with the reason in plain words).
//!
//! The plan is written as a TOML file like the catalog and checked against the
//! catalog: every problem is reported with its line before anything is stored.
//! Answers may also come from a spreadsheet (see [`SheetRow`]); both paths go
//! through [`Draft::check`].

use crate::domain::{Catalog, catalog::line_of};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Commitment and milestone ids appear in reports and, later, in buttons.
pub const MAX_ID_LEN: usize = 16;
pub const MAX_TITLE_CHARS: usize = 160;
pub const MAX_TEXT_CHARS: usize = 3000;
pub const MAX_WEIGHT: u32 = 100;

/// What became of a proposal in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inclusion {
    /// Included in a commitment as proposed.
    Incluida,
    /// Part of it is in a commitment.
    Parcial,
    /// Joined with another proposal, and answered with it.
    Fusionada,
    /// Left for a later plan.
    Aplazada,
    NoIncluida,
}

impl Inclusion {
    pub const ALL: [Inclusion; 5] = [
        Inclusion::Incluida,
        Inclusion::Parcial,
        Inclusion::Fusionada,
        Inclusion::Aplazada,
        Inclusion::NoIncluida,
    ];

    /// The code written in files and used by the locale keys (`plan-decision-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Inclusion::Incluida => "incluida",
            Inclusion::Parcial => "parcial",
            Inclusion::Fusionada => "fusionada",
            Inclusion::Aplazada => "aplazada",
            Inclusion::NoIncluida => "no_incluida",
        }
    }

    /// Reads a decision as people write it in a file or a spreadsheet: the code,
    /// with spaces or hyphens, any case, with or without accents, or in English.
    pub fn parse(text: &str) -> Option<Inclusion> {
        let key: String = crate::domain::idea::normalize(text)
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        match key.as_str() {
            "incluida" | "incluido" | "included" => Some(Inclusion::Incluida),
            "parcial" | "parcialmente_incluida" | "partial" | "partly_included" => Some(Inclusion::Parcial),
            "fusionada" | "fusionado" | "merged" => Some(Inclusion::Fusionada),
            "aplazada" | "aplazado" | "deferred" | "postponed" => Some(Inclusion::Aplazada),
            "no_incluida" | "no_incluido" | "not_included" => Some(Inclusion::NoIncluida),
            _ => None,
        }
    }

    /// Included and partly included proposals name their commitment.
    pub fn needs_commitment(self) -> bool {
        matches!(self, Inclusion::Incluida | Inclusion::Parcial)
    }

    /// Every decision but a plain inclusion is explained.
    pub fn needs_reason(self) -> bool {
        self != Inclusion::Incluida
    }
}

/// The four values of the Open Government Partnership a commitment serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OgpValue {
    Transparencia,
    Participacion,
    RendicionDeCuentas,
    Colaboracion,
}

impl OgpValue {
    pub const ALL: [OgpValue; 4] = [
        OgpValue::Transparencia,
        OgpValue::Participacion,
        OgpValue::RendicionDeCuentas,
        OgpValue::Colaboracion,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OgpValue::Transparencia => "transparencia",
            OgpValue::Participacion => "participacion",
            OgpValue::RendicionDeCuentas => "rendicion_de_cuentas",
            OgpValue::Colaboracion => "colaboracion",
        }
    }

    pub fn parse(text: &str) -> Option<OgpValue> {
        let key: String = crate::domain::idea::normalize(text)
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        match key.as_str() {
            "transparencia" | "transparency" => Some(OgpValue::Transparencia),
            "participacion" | "participacion_ciudadana" | "participation" | "civic_participation" => {
                Some(OgpValue::Participacion)
            }
            "rendicion_de_cuentas" | "accountability" | "public_accountability" => {
                Some(OgpValue::RendicionDeCuentas)
            }
            "colaboracion" | "collaboration" => Some(OgpValue::Colaboracion),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub due: NaiveDate,
    /// Its share of the commitment's progress (the weights of a commitment add up
    /// to its whole).
    pub weight: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: String,
    pub pillar: String,
    pub title: String,
    pub title_en: Option<String>,
    /// The public problem it addresses.
    pub problem: String,
    /// What the commitment is.
    pub commitment: String,
    /// How it will help solve the problem.
    pub how: String,
    pub values: Vec<OgpValue>,
    /// The agency that leads it, and how to reach it.
    pub lead: String,
    pub contact: String,
    pub starts: NaiveDate,
    pub ends: NaiveDate,
    /// The consultation's proposals it answers (catalog ids, promoted ideas included).
    pub answers: Vec<String>,
    pub milestones: Vec<Milestone>,
}

/// The reasoned response to one proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub proposal: String,
    pub decision: Inclusion,
    /// For included and partly included proposals.
    pub commitment: Option<String>,
    /// For merged proposals: the proposal it was merged with.
    pub merged_with: Option<String>,
    pub reason: Option<String>,
    pub reason_en: Option<String>,
    /// Not written anywhere: the proposal is in a commitment's `answers`, which
    /// says "included in that commitment".
    #[serde(default)]
    pub implied: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub title: String,
    pub title_en: Option<String>,
    pub starts: NaiveDate,
    pub ends: NaiveDate,
    pub commitments: Vec<Commitment>,
    /// One per decided proposal, in catalog order.
    pub responses: Vec<Response>,
}

impl Plan {
    pub fn title_in(&self, lang: crate::domain::Lang) -> &str {
        match lang {
            crate::domain::Lang::En => self.title_en.as_deref().unwrap_or(&self.title),
            crate::domain::Lang::Es => &self.title,
        }
    }

    pub fn commitment(&self, id: &str) -> Option<&Commitment> {
        self.commitments.iter().find(|c| c.id == id)
    }

    pub fn response(&self, proposal: &str) -> Option<&Response> {
        self.responses.iter().find(|r| r.proposal == proposal)
    }

    /// The active proposals of the catalog that have no decision yet.
    pub fn undecided<'c>(&self, catalog: &'c Catalog) -> Vec<&'c crate::domain::Proposal> {
        let decided: HashSet<&str> = self.responses.iter().map(|r| r.proposal.as_str()).collect();
        catalog.proposals.iter().filter(|p| !p.withdrawn && !decided.contains(p.id.as_str())).collect()
    }
}

/// One mistake in a plan file or an answers spreadsheet, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The 1-based line of the file, where known.
    pub line: Option<usize>,
    /// `compromisos[2] (C3)`, `respuestas (T05)`: what the line is about.
    pub place: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    Syntax(String),
    MissingField(&'static str),
    BadId(String),
    DuplicateId(String),
    TooLong {
        field: &'static str,
        chars: usize,
        max: usize,
    },
    BadDate {
        field: &'static str,
        value: String,
    },
    DatesReversed,
    /// A commitment's dates fall outside the plan's.
    OutsidePlan,
    /// A milestone due outside its commitment's dates.
    MilestoneOutside {
        due: NaiveDate,
        starts: NaiveDate,
        ends: NaiveDate,
    },
    BadWeight(i64),
    UnknownPillar(String),
    UnknownValue(String),
    NoValues,
    UnknownProposal(String),
    WithdrawnProposal(String),
    /// The same proposal answered twice.
    DuplicateResponse(String),
    BadDecision(String),
    MissingReason(Inclusion),
    MissingCommitment(Inclusion),
    UnknownCommitment(String),
    /// A commitment given with a decision that takes none.
    CommitmentNotExpected(Inclusion),
    /// Included in a commitment whose `answers` do not list the proposal.
    NotInAnswers {
        proposal: String,
        commitment: String,
    },
    /// Listed in a commitment's `answers` but answered otherwise.
    ContradictsAnswers {
        commitment: String,
        decision: Inclusion,
    },
    MissingMergedWith,
    MergedWithItself,
    /// A column the spreadsheet needs is missing.
    MissingColumn(String),
}

impl Problem {
    fn new(line: Option<usize>, place: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem { line, place: place.into(), kind }
    }
}

/// A value and the line it was written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lined<T> {
    pub line: Option<usize>,
    pub value: T,
}

/// An answer as written in a file or a row, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WrittenResponse {
    pub proposal: String,
    pub decision: String,
    pub commitment: Option<String>,
    pub merged_with: Option<String>,
    pub reason: Option<String>,
    pub reason_en: Option<String>,
}

/// A plan as read, with lines, before it is checked against the catalog.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub head: Option<Lined<RawHead>>,
    pub commitments: Vec<Lined<RawCommitment>>,
    pub responses: Vec<Lined<WrittenResponse>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHead {
    title: Option<String>,
    title_en: Option<String>,
    starts: Option<String>,
    ends: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommitment {
    id: Option<String>,
    pillar: Option<String>,
    title: Option<String>,
    title_en: Option<String>,
    problem: Option<String>,
    commitment: Option<String>,
    how: Option<String>,
    #[serde(default)]
    values: Vec<String>,
    lead: Option<String>,
    contact: Option<String>,
    starts: Option<String>,
    ends: Option<String>,
    #[serde(default)]
    answers: Vec<toml::Spanned<String>>,
    #[serde(default)]
    milestones: Vec<toml::Spanned<RawMilestone>>,
    #[serde(skip)]
    answer_lines: Vec<Option<usize>>,
    #[serde(skip)]
    milestone_lines: Vec<Option<usize>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMilestone {
    id: Option<String>,
    title: Option<String>,
    title_en: Option<String>,
    due: Option<String>,
    weight: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResponse {
    proposal: Option<String>,
    decision: Option<String>,
    commitment: Option<String>,
    merged_with: Option<String>,
    reason: Option<String>,
    reason_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    plan: Option<toml::Spanned<RawHead>>,
    #[serde(default)]
    commitments: Vec<toml::Spanned<RawCommitment>>,
    #[serde(default)]
    responses: Vec<toml::Spanned<RawResponse>>,
}

fn filled(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

impl Draft {
    /// Reads a plan file; a syntax error is the one problem reported.
    pub fn parse_toml(source: &str) -> Result<Draft, Vec<Problem>> {
        let raw: RawFile = toml::from_str(source).map_err(|e| {
            vec![Problem::new(
                e.span().map(|s| line_of(source, s.start)),
                "",
                ProblemKind::Syntax(e.message().to_string()),
            )]
        })?;
        let line = |start: usize| Some(line_of(source, start));
        let head = raw.plan.map(|h| Lined { line: line(h.span().start), value: h.into_inner() });
        let commitments = raw
            .commitments
            .into_iter()
            .map(|c| {
                let at = line(c.span().start);
                let mut value = c.into_inner();
                value.answer_lines = value.answers.iter().map(|a| line(a.span().start)).collect();
                value.milestone_lines = value.milestones.iter().map(|m| line(m.span().start)).collect();
                Lined { line: at, value }
            })
            .collect();
        let responses = raw
            .responses
            .into_iter()
            .map(|r| {
                let at = line(r.span().start);
                let r = r.into_inner();
                Lined {
                    line: at,
                    value: WrittenResponse {
                        proposal: filled(r.proposal).unwrap_or_default(),
                        decision: filled(r.decision).unwrap_or_default(),
                        commitment: filled(r.commitment),
                        merged_with: filled(r.merged_with),
                        reason: filled(r.reason),
                        reason_en: filled(r.reason_en),
                    },
                }
            })
            .collect();
        Ok(Draft { head, commitments, responses })
    }

    /// The stored plan as a draft, so answers from a spreadsheet are checked
    /// together with the commitments they name. Implied answers are left out:
    /// they are implied again.
    pub fn from_plan(plan: &Plan) -> Draft {
        let date = |d: NaiveDate| Some(d.format("%Y-%m-%d").to_string());
        let head = RawHead {
            title: Some(plan.title.clone()),
            title_en: plan.title_en.clone(),
            starts: date(plan.starts),
            ends: date(plan.ends),
        };
        let commitments = plan
            .commitments
            .iter()
            .map(|c| Lined {
                line: None,
                value: RawCommitment {
                    id: Some(c.id.clone()),
                    pillar: Some(c.pillar.clone()),
                    title: Some(c.title.clone()),
                    title_en: c.title_en.clone(),
                    problem: Some(c.problem.clone()),
                    commitment: Some(c.commitment.clone()),
                    how: Some(c.how.clone()),
                    values: c.values.iter().map(|v| v.code().to_string()).collect(),
                    lead: Some(c.lead.clone()),
                    contact: Some(c.contact.clone()),
                    starts: date(c.starts),
                    ends: date(c.ends),
                    answer_lines: vec![None; c.answers.len()],
                    answers: c.answers.iter().map(|a| toml::Spanned::new(0..0, a.clone())).collect(),
                    milestone_lines: vec![None; c.milestones.len()],
                    milestones: c
                        .milestones
                        .iter()
                        .map(|m| {
                            toml::Spanned::new(
                                0..0,
                                RawMilestone {
                                    id: Some(m.id.clone()),
                                    title: Some(m.title.clone()),
                                    title_en: m.title_en.clone(),
                                    due: date(m.due),
                                    weight: Some(i64::from(m.weight)),
                                },
                            )
                        })
                        .collect(),
                },
            })
            .collect();
        let responses = plan
            .responses
            .iter()
            .filter(|r| !r.implied)
            .map(|r| Lined {
                line: None,
                value: WrittenResponse {
                    proposal: r.proposal.clone(),
                    decision: r.decision.code().to_string(),
                    commitment: r.commitment.clone(),
                    merged_with: r.merged_with.clone(),
                    reason: r.reason.clone(),
                    reason_en: r.reason_en.clone(),
                },
            })
            .collect();
        Draft { head: Some(Lined { line: None, value: head }), commitments, responses }
    }

    /// Puts answers over the draft's: each replaces the draft's answer to the
    /// same proposal; the others stay.
    pub fn answer(&mut self, answers: Vec<Lined<WrittenResponse>>) {
        let given: HashSet<String> = answers.iter().map(|a| a.value.proposal.clone()).collect();
        self.responses.retain(|r| !given.contains(&r.value.proposal));
        self.responses.extend(answers);
    }

    /// Keeps, from an earlier plan, the written answers to proposals this draft
    /// does not decide (neither answered nor listed by a commitment), so
    /// re-importing the plan file keeps the answers that came from a spreadsheet.
    pub fn keep_answers_of(&mut self, earlier: &Plan) {
        let decided: HashSet<String> = self
            .responses
            .iter()
            .map(|r| r.value.proposal.clone())
            .chain(
                self.commitments
                    .iter()
                    .flat_map(|c| c.value.answers.iter().map(|a| a.get_ref().trim().to_string())),
            )
            .collect();
        let kept =
            Draft::from_plan(earlier).responses.into_iter().filter(|r| !decided.contains(&r.value.proposal));
        self.responses.extend(kept);
    }

    /// Checks the draft against the catalog; every problem, or the plan.
    pub fn check(self, catalog: &Catalog) -> Result<Plan, Vec<Problem>> {
        let mut problems = Vec::new();
        let (title, title_en, starts, ends) = check_head(self.head, &mut problems);
        let mut commitments = Vec::new();
        let mut ids = HashSet::new();
        let mut milestone_ids = HashSet::new();
        for (i, c) in self.commitments.into_iter().enumerate() {
            let c = check_commitment(i, c, catalog, &mut ids, &mut milestone_ids, &mut problems);
            if let (Some(ps), Some(pe)) = (starts, ends)
                && c.dated
                && (c.starts < ps || c.ends > pe)
            {
                problems.push(Problem::new(c.line, c.place.clone(), ProblemKind::OutsidePlan));
            }
            commitments.push(c);
        }
        let responses = check_responses(self.responses, &commitments, catalog, &mut problems);
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
            return Err(problems);
        }
        let (Some(starts), Some(ends)) = (starts, ends) else {
            return Err(problems);
        };
        Ok(Plan {
            title,
            title_en,
            starts,
            ends,
            commitments: commitments.into_iter().map(|c| c.value).collect(),
            responses,
        })
    }
}

type Head = (String, Option<String>, Option<NaiveDate>, Option<NaiveDate>);

fn date(
    value: Option<String>,
    field: &'static str,
    at: (Option<usize>, &str),
    problems: &mut Vec<Problem>,
) -> Option<NaiveDate> {
    let Some(value) = filled(value) else {
        problems.push(Problem::new(at.0, at.1, ProblemKind::MissingField(field)));
        return None;
    };
    match NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(Problem::new(at.0, at.1, ProblemKind::BadDate { field, value }));
            None
        }
    }
}

fn text(
    value: Option<String>,
    field: &'static str,
    max: usize,
    at: (Option<usize>, &str),
    problems: &mut Vec<Problem>,
) -> String {
    match filled(value) {
        None => {
            problems.push(Problem::new(at.0, at.1, ProblemKind::MissingField(field)));
            String::new()
        }
        Some(v) => {
            let chars = v.chars().count();
            if chars > max {
                problems.push(Problem::new(at.0, at.1, ProblemKind::TooLong { field, chars, max }));
            }
            v
        }
    }
}

fn check_head(head: Option<Lined<RawHead>>, problems: &mut Vec<Problem>) -> Head {
    let Some(Lined { line, value: h }) = head else {
        problems.push(Problem::new(None, "[plan]", ProblemKind::MissingField("plan")));
        return (String::new(), None, None, None);
    };
    let at = (line, "[plan]");
    let title = text(h.title, "title", MAX_TITLE_CHARS, at, problems);
    let starts = date(h.starts, "starts", at, problems);
    let ends = date(h.ends, "ends", at, problems);
    if let (Some(s), Some(e)) = (starts, ends)
        && s > e
    {
        problems.push(Problem::new(line, "[plan]", ProblemKind::DatesReversed));
    }
    (title, filled(h.title_en), starts, ends)
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

/// A checked commitment with where it was written.
struct Placed {
    line: Option<usize>,
    place: String,
    /// Both dates were read.
    dated: bool,
    answer_lines: Vec<Option<usize>>,
    value: Commitment,
}

impl std::ops::Deref for Placed {
    type Target = Commitment;
    fn deref(&self) -> &Commitment {
        &self.value
    }
}

fn check_commitment(
    i: usize,
    Lined { line, value: c }: Lined<RawCommitment>,
    catalog: &Catalog,
    ids: &mut HashSet<String>,
    milestone_ids: &mut HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Placed {
    let id = filled(c.id).unwrap_or_default();
    let place = if id.is_empty() {
        format!("commitments[{}]", i + 1)
    } else {
        format!("commitments[{}] ({id})", i + 1)
    };
    let at = (line, place.as_str());
    if id.is_empty() {
        problems.push(Problem::new(line, &place, ProblemKind::MissingField("id")));
    } else if !is_id(&id) {
        problems.push(Problem::new(line, &place, ProblemKind::BadId(id.clone())));
    } else if !ids.insert(id.clone()) {
        problems.push(Problem::new(line, &place, ProblemKind::DuplicateId(id.clone())));
    }
    let pillar = filled(c.pillar).unwrap_or_default();
    if pillar.is_empty() {
        problems.push(Problem::new(line, &place, ProblemKind::MissingField("pillar")));
    } else if catalog.pillar(&pillar).is_none() {
        problems.push(Problem::new(line, &place, ProblemKind::UnknownPillar(pillar.clone())));
    }
    let title = text(c.title, "title", MAX_TITLE_CHARS, at, problems);
    let problem = text(c.problem, "problem", MAX_TEXT_CHARS, at, problems);
    let commitment = text(c.commitment, "commitment", MAX_TEXT_CHARS, at, problems);
    let how = text(c.how, "how", MAX_TEXT_CHARS, at, problems);
    let lead = text(c.lead, "lead", MAX_TITLE_CHARS, at, problems);
    let contact = text(c.contact, "contact", MAX_TITLE_CHARS, at, problems);
    let mut values = Vec::new();
    for v in &c.values {
        match OgpValue::parse(v) {
            Some(value) if !values.contains(&value) => values.push(value),
            Some(_) => {}
            None => problems.push(Problem::new(line, &place, ProblemKind::UnknownValue(v.clone()))),
        }
    }
    if c.values.is_empty() {
        problems.push(Problem::new(line, &place, ProblemKind::NoValues));
    }
    let starts = date(c.starts, "starts", at, problems);
    let ends = date(c.ends, "ends", at, problems);
    if let (Some(s), Some(e)) = (starts, ends)
        && s > e
    {
        problems.push(Problem::new(line, &place, ProblemKind::DatesReversed));
    }
    let mut answers = Vec::new();
    let mut answer_lines = Vec::new();
    for (a, at_line) in c.answers.iter().zip(c.answer_lines.iter().copied()) {
        let a = a.get_ref().trim().to_string();
        let at_line = at_line.or(line);
        match catalog.proposal(&a) {
            None => problems.push(Problem::new(at_line, &place, ProblemKind::UnknownProposal(a))),
            Some(p) if p.withdrawn => {
                problems.push(Problem::new(at_line, &place, ProblemKind::WithdrawnProposal(a)))
            }
            Some(_) if answers.contains(&a) => {}
            Some(_) => {
                answers.push(a);
                answer_lines.push(at_line);
            }
        }
    }
    let mut milestones = Vec::new();
    for (m, at_line) in c.milestones.into_iter().zip(c.milestone_lines.iter().copied()) {
        let m_line = at_line.or(line);
        let m = m.into_inner();
        let m_id = filled(m.id).unwrap_or_default();
        let m_place = format!("{place} › milestones ({m_id})");
        let m_at = (m_line, m_place.as_str());
        if m_id.is_empty() {
            problems.push(Problem::new(m_line, &m_place, ProblemKind::MissingField("id")));
        } else if !is_id(&m_id) {
            problems.push(Problem::new(m_line, &m_place, ProblemKind::BadId(m_id.clone())));
        } else if !milestone_ids.insert(m_id.clone()) {
            problems.push(Problem::new(m_line, &m_place, ProblemKind::DuplicateId(m_id.clone())));
        }
        let m_title = text(m.title, "title", MAX_TITLE_CHARS, m_at, problems);
        let due = date(m.due, "due", m_at, problems);
        if let (Some(due), Some(s), Some(e)) = (due, starts, ends)
            && (due < s || due > e)
        {
            problems.push(Problem::new(
                m_line,
                &m_place,
                ProblemKind::MilestoneOutside { due, starts: s, ends: e },
            ));
        }
        let weight = match m.weight {
            None => 1,
            Some(w) if (1..=i64::from(MAX_WEIGHT)).contains(&w) => w as u32,
            Some(w) => {
                problems.push(Problem::new(m_line, &m_place, ProblemKind::BadWeight(w)));
                1
            }
        };
        if let Some(due) = due {
            milestones.push(Milestone {
                id: m_id,
                title: m_title,
                title_en: filled(m.title_en),
                due,
                weight,
            });
        }
    }
    Placed {
        line,
        place,
        dated: starts.is_some() && ends.is_some(),
        answer_lines,
        value: Commitment {
            id,
            pillar,
            title,
            title_en: filled(c.title_en),
            problem,
            commitment,
            how,
            values,
            lead,
            contact,
            // With a problem the plan is refused anyway; the commitment is kept so
            // the answers that name it are not reported as naming nothing.
            starts: starts.unwrap_or_default(),
            ends: ends.unwrap_or_default(),
            answers,
            milestones,
        },
    }
}

/// Checks every written answer, adds the answers the commitments imply, and
/// returns one answer per decided proposal in catalog order.
fn check_responses(
    written: Vec<Lined<WrittenResponse>>,
    commitments: &[Placed],
    catalog: &Catalog,
    problems: &mut Vec<Problem>,
) -> Vec<Response> {
    // Which commitments list each proposal, with the line of the listing.
    let mut listed: HashMap<&str, Vec<(&Placed, Option<usize>)>> = HashMap::new();
    for c in commitments {
        for (a, line) in c.answers.iter().zip(&c.answer_lines) {
            listed.entry(a.as_str()).or_default().push((c, *line));
        }
    }
    let mut by_proposal: HashMap<String, Response> = HashMap::new();
    for Lined { line, value: w } in written {
        let place = format!("responses ({})", w.proposal);
        if w.proposal.is_empty() {
            problems.push(Problem::new(line, "responses", ProblemKind::MissingField("proposal")));
            continue;
        }
        match catalog.proposal(&w.proposal) {
            None => {
                problems.push(Problem::new(line, &place, ProblemKind::UnknownProposal(w.proposal.clone())));
                continue;
            }
            Some(p) if p.withdrawn => {
                problems.push(Problem::new(line, &place, ProblemKind::WithdrawnProposal(w.proposal.clone())));
                continue;
            }
            Some(_) => {}
        }
        if by_proposal.contains_key(&w.proposal) {
            problems.push(Problem::new(line, &place, ProblemKind::DuplicateResponse(w.proposal.clone())));
            continue;
        }
        let decision = if w.decision.is_empty() {
            problems.push(Problem::new(line, &place, ProblemKind::MissingField("decision")));
            continue;
        } else if let Some(d) = Inclusion::parse(&w.decision) {
            d
        } else {
            problems.push(Problem::new(line, &place, ProblemKind::BadDecision(w.decision.clone())));
            continue;
        };
        if decision.needs_reason() && w.reason.is_none() {
            problems.push(Problem::new(line, &place, ProblemKind::MissingReason(decision)));
        }
        let lists = listed.get(w.proposal.as_str()).map(Vec::as_slice).unwrap_or_default();
        match (&w.commitment, decision.needs_commitment()) {
            (None, true) => {
                problems.push(Problem::new(line, &place, ProblemKind::MissingCommitment(decision)))
            }
            (Some(c), true) => {
                let p = w.proposal.clone();
                if !commitments.iter().any(|k| &k.id == c) {
                    problems.push(Problem::new(line, &place, ProblemKind::UnknownCommitment(c.clone())));
                } else if !lists.iter().any(|(k, _)| &k.id == c) {
                    let kind = ProblemKind::NotInAnswers { proposal: p, commitment: c.clone() };
                    problems.push(Problem::new(line, &place, kind));
                }
            }
            (Some(_), false) => {
                problems.push(Problem::new(line, &place, ProblemKind::CommitmentNotExpected(decision)));
            }
            (None, false) => {
                if let Some((k, _)) = lists.first() {
                    let kind = ProblemKind::ContradictsAnswers { commitment: k.id.clone(), decision };
                    problems.push(Problem::new(line, &place, kind));
                }
            }
        }
        if decision == Inclusion::Fusionada {
            match &w.merged_with {
                None => problems.push(Problem::new(line, &place, ProblemKind::MissingMergedWith)),
                Some(m) if m == &w.proposal => {
                    problems.push(Problem::new(line, &place, ProblemKind::MergedWithItself));
                }
                Some(m) if catalog.proposal(m).is_none() => {
                    problems.push(Problem::new(line, &place, ProblemKind::UnknownProposal(m.clone())));
                }
                Some(_) => {}
            }
        }
        by_proposal.insert(
            w.proposal.clone(),
            Response {
                proposal: w.proposal,
                decision,
                commitment: w.commitment,
                merged_with: w.merged_with.filter(|_| decision == Inclusion::Fusionada),
                reason: w.reason,
                reason_en: w.reason_en,
                implied: false,
            },
        );
    }
    // A proposal a commitment lists, and nobody answered otherwise, is included in it.
    for c in commitments {
        for a in &c.answers {
            by_proposal.entry(a.clone()).or_insert_with(|| Response {
                proposal: a.clone(),
                decision: Inclusion::Incluida,
                commitment: Some(c.id.clone()),
                merged_with: None,
                reason: None,
                reason_en: None,
                implied: true,
            });
        }
    }
    catalog.proposals.iter().filter_map(|p| by_proposal.remove(&p.id)).collect()
}

/// One row of the answers spreadsheet, as read back: only the proposal and the
/// answer columns are read; the others are there to help the person writing.
pub const SHEET_COLUMNS: &[&str] = &[
    "pilar",
    "id",
    "titulo",
    "origen",
    "lugar",
    "puntos",
    "decision",
    "compromiso",
    "fusionada_con",
    "razon",
    "razon_en",
];

/// The answer columns of the spreadsheet.
pub const SHEET_ANSWER_COLUMNS: &[&str] = &["decision", "compromiso", "fusionada_con", "razon"];

/// Reads the answers spreadsheet (Excel's semicolons and BOM accepted). Rows
/// whose decision is empty answer nothing: the proposal keeps what the stored
/// plan says.
pub fn parse_sheet(bytes: &[u8]) -> Result<Vec<Lined<WrittenResponse>>, Vec<Problem>> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| vec![Problem::new(Some(1), "", ProblemKind::Syntax(e.to_string()))])?
        .clone();
    let column = |name: &str| headers.iter().position(|h| crate::domain::idea::normalize(h) == name);
    let mut missing = Vec::new();
    for name in ["id", "decision"] {
        if column(name).is_none() {
            missing.push(Problem::new(Some(1), "", ProblemKind::MissingColumn(name.to_string())));
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let cols: Vec<Option<usize>> = ["id", "decision", "compromiso", "fusionada_con", "razon", "razon_en"]
        .iter()
        .map(|n| column(n))
        .collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = Some(crate::domain::export::line_at(text.as_bytes(), e.position()));
                problems.push(Problem::new(line, "", ProblemKind::Syntax(e.to_string())));
                continue;
            }
        };
        let line = Some(crate::domain::export::line_at(text.as_bytes(), record.position()));
        let get =
            |i: usize| cols[i].and_then(|c| record.get(c)).map(str::to_string).and_then(|v| filled(Some(v)));
        let Some(proposal) = get(0) else { continue };
        let Some(decision) = get(1) else { continue };
        out.push(Lined {
            line,
            value: WrittenResponse {
                proposal,
                decision,
                commitment: get(2),
                merged_with: get(3),
                reason: get(4),
                reason_en: get(5),
            },
        });
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::parse(crate::TEMPLATE_CATALOG).expect("template catalog")
    }

    fn first_ids(catalog: &Catalog) -> (String, String, String) {
        let p: Vec<&str> = catalog.proposals.iter().filter(|p| !p.withdrawn).map(|p| p.id.as_str()).collect();
        (p[0].to_string(), p[1].to_string(), p[2].to_string())
    }

    fn plan_file(catalog: &Catalog) -> String {
        let (a, b, c) = first_ids(catalog);
        let pillar = &catalog.proposal(&a).unwrap().pillar;
        format!(
            r#"
[plan]
title = "Plan de Acción"
starts = "2027-01-01"
ends = "2027-12-31"

[[commitments]]
id = "C1"
pillar = "{pillar}"
title = "Contratos abiertos"
problem = "No se sabe en qué se gasta."
commitment = "Publicar cada contrato."
how = "Cualquiera podrá revisarlos."
values = ["transparencia", "rendición de cuentas"]
lead = "Secretaría General"
contact = "plan@ejemplo.invalid"
starts = "2027-02-01"
ends = "2027-11-30"
answers = ["{a}"]

[[commitments.milestones]]
id = "C1-H1"
title = "Portal en línea"
due = "2027-05-31"
weight = 40

[[responses]]
proposal = "{b}"
decision = "fusionada"
merged_with = "{a}"
reason = "Pide lo mismo que {a}."

[[responses]]
proposal = "{c}"
decision = "no incluida"
reason = "La Alcaldía no tiene esa competencia."
"#
        )
    }

    #[test]
    fn a_plan_file_reads_with_implied_and_written_answers() {
        let catalog = catalog();
        let plan = Draft::parse_toml(&plan_file(&catalog)).unwrap().check(&catalog).unwrap();
        let (a, b, c) = first_ids(&catalog);
        assert_eq!(plan.commitments.len(), 1);
        assert_eq!(plan.commitments[0].values, vec![OgpValue::Transparencia, OgpValue::RendicionDeCuentas]);
        let ra = plan.response(&a).unwrap();
        assert_eq!(
            (ra.decision, ra.commitment.as_deref(), ra.implied),
            (Inclusion::Incluida, Some("C1"), true)
        );
        assert_eq!(plan.response(&b).unwrap().decision, Inclusion::Fusionada);
        assert_eq!(plan.response(&c).unwrap().decision, Inclusion::NoIncluida);
        let active = catalog.proposals.iter().filter(|p| !p.withdrawn).count();
        assert_eq!(plan.undecided(&catalog).len(), active - 3);
    }

    #[test]
    fn an_unknown_proposal_a_late_milestone_and_a_missing_reason_are_each_reported_with_their_line() {
        let catalog = catalog();
        let (_, _, c) = first_ids(&catalog);
        let source = plan_file(&catalog)
            .replace("answers = [\"", "answers = [\"ZZ99\", \"")
            .replace("due = \"2027-05-31\"", "due = \"2027-12-15\"")
            .replace("reason = \"La Alcaldía no tiene esa competencia.\"\n", "");
        let problems = Draft::parse_toml(&source).unwrap().check(&catalog).unwrap_err();
        let lines: Vec<(Option<usize>, &ProblemKind)> = problems.iter().map(|p| (p.line, &p.kind)).collect();
        let line_with = |needle: &str| Some(source.lines().position(|l| l.contains(needle)).unwrap() + 1);
        assert_eq!(problems.len(), 3, "{lines:?}");
        assert_eq!(lines[0], (line_with("answers ="), &ProblemKind::UnknownProposal("ZZ99".into())));
        assert!(
            matches!(lines[1], (l, ProblemKind::MilestoneOutside { .. }) if l == line_with("[[commitments.milestones]]"))
        );
        assert_eq!(lines[2].1, &ProblemKind::MissingReason(Inclusion::NoIncluida));
        assert_eq!(problems[2].place, format!("responses ({c})"));
    }

    #[test]
    fn decisions_are_read_as_people_write_them() {
        assert_eq!(Inclusion::parse("No incluida"), Some(Inclusion::NoIncluida));
        assert_eq!(Inclusion::parse("  FUSIONADA "), Some(Inclusion::Fusionada));
        assert_eq!(Inclusion::parse("partial"), Some(Inclusion::Parcial));
        assert_eq!(Inclusion::parse("quizá"), None);
        assert_eq!(OgpValue::parse("Rendición de cuentas"), Some(OgpValue::RendicionDeCuentas));
    }

    #[test]
    fn a_sheet_with_semicolons_and_a_bom_is_read_with_its_lines() {
        let sheet = "\u{feff}pilar;id;titulo;decision;compromiso;fusionada_con;razon\n\
                     Transparencia;T1;Uno;Aplazada;;;Falta presupuesto\r\n\
                     Transparencia;T2;Dos;;;;\r\n\
                     Transparencia;T3;Tres;incluida;C1;;\r\n";
        let rows = parse_sheet(sheet.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, Some(2));
        assert_eq!(rows[0].value.reason.as_deref(), Some("Falta presupuesto"));
        assert_eq!(rows[1].line, Some(4));
        assert_eq!(rows[1].value.commitment.as_deref(), Some("C1"));
        let missing = parse_sheet(b"pilar,titulo\nx,y\n").unwrap_err();
        assert_eq!(missing.len(), 2);
    }

    #[test]
    fn written_answers_replace_the_stored_ones_and_the_rest_stay() {
        let catalog = catalog();
        let plan = Draft::parse_toml(&plan_file(&catalog)).unwrap().check(&catalog).unwrap();
        let (_, b, c) = first_ids(&catalog);
        let mut draft = Draft::from_plan(&plan);
        draft.answer(vec![Lined {
            line: Some(2),
            value: WrittenResponse {
                proposal: c.clone(),
                decision: "aplazada".into(),
                reason: Some("Para el próximo plan.".into()),
                ..Default::default()
            },
        }]);
        let again = draft.check(&catalog).unwrap();
        assert_eq!(again.response(&c).unwrap().decision, Inclusion::Aplazada);
        assert_eq!(again.response(&b).unwrap().decision, Inclusion::Fusionada);
        assert_eq!(again.commitments, plan.commitments);
        // The same plan read back from storage checks to itself.
        assert_eq!(Draft::from_plan(&plan).check(&catalog).unwrap(), plan);
    }
}
