//! The consultation catalog: its settings, pillars and proposals, and the rules a
//! catalog file must follow.

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use std::collections::HashSet;

pub const MAX_TITLE_CHARS: usize = 80;
/// Ids and keys travel inside 64-byte callback data, so they stay short and ASCII.
pub const MAX_ID_LEN: usize = 16;
pub const MAX_PILLAR_KEY_LEN: usize = 24;
pub const MAX_PRIORITIES_LIMIT: u8 = 10;
/// Long enough for any mesa's wording, short enough for one Telegram message.
pub const MAX_TEXT_CHARS: usize = 3000;

#[derive(Debug, Clone, PartialEq)]
pub struct Consultation {
    pub id: String,
    pub title: String,
    pub city: String,
    pub opens_at: Option<DateTime<FixedOffset>>,
    pub closes_at: Option<DateTime<FixedOffset>>,
    pub max_priorities: u8,
    pub data_controller: Option<String>,
    pub privacy_contact: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pillar {
    pub key: String,
    pub name: String,
    pub summary: String,
    pub name_en: Option<String>,
    pub summary_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub id: String,
    pub pillar: String,
    pub title: String,
    pub title_en: Option<String>,
    pub text: String,
    pub problem: Option<String>,
    pub source: String,
    pub withdrawn: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub consultation: Consultation,
    pub pillars: Vec<Pillar>,
    /// In catalog order; withdrawn proposals are kept so old ballots still resolve.
    pub proposals: Vec<Proposal>,
}

impl Catalog {
    pub fn pillar(&self, key: &str) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.key == key)
    }

    pub fn proposal(&self, id: &str) -> Option<&Proposal> {
        self.proposals.iter().find(|p| p.id == id)
    }

    /// The proposals a citizen can see and vote on in a pillar, in catalog order.
    pub fn active_in(&self, pillar: &str) -> Vec<&Proposal> {
        self.proposals.iter().filter(|p| p.pillar == pillar && !p.withdrawn).collect()
    }

    /// How many priorities a ballot in this pillar may hold.
    pub fn priorities_in(&self, pillar: &str) -> usize {
        usize::from(self.consultation.max_priorities).min(self.active_in(pillar).len())
    }

    /// Parses and checks a catalog file, reporting every problem found.
    pub fn parse(source: &str) -> Result<Catalog, Vec<Problem>> {
        let raw: RawCatalog = toml::from_str(source).map_err(|e| {
            vec![Problem {
                place: String::new(),
                line: e.span().map(|s| line_of(source, s.start)),
                kind: ProblemKind::Syntax(e.message().to_string()),
            }]
        })?;
        raw.validate()
    }
}

/// One mistake in a catalog file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `[consultation]`, `pillars[2]`, `proposals[14] (T03)`; empty for syntax errors.
    pub place: String,
    /// The 1-based line, where the parser knows it.
    pub line: Option<usize>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    Syntax(String),
    MissingField(&'static str),
    EmptyField(&'static str),
    UnknownPillar(String),
    DuplicateId(String),
    DuplicatePillar(String),
    TitleTooLong { field: &'static str, chars: usize },
    TextTooLong { field: &'static str, chars: usize },
    BadId(String),
    BadDate { field: &'static str, value: String },
    DatesReversed,
    BadMaxPriorities(i64),
    NoPillars,
    EmptyPillar(String),
}

impl Problem {
    fn at(place: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem { place: place.into(), line: None, kind }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    consultation: Option<RawConsultation>,
    #[serde(default)]
    pillars: Vec<RawPillar>,
    #[serde(default)]
    proposals: Vec<RawProposal>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConsultation {
    id: Option<String>,
    title: Option<String>,
    city: Option<String>,
    opens_at: Option<String>,
    closes_at: Option<String>,
    max_priorities: Option<i64>,
    data_controller: Option<String>,
    privacy_contact: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPillar {
    key: Option<String>,
    name: Option<String>,
    summary: Option<String>,
    name_en: Option<String>,
    summary_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProposal {
    id: Option<String>,
    pillar: Option<String>,
    title: Option<String>,
    title_en: Option<String>,
    text: Option<String>,
    problem: Option<String>,
    source: Option<String>,
}

/// Takes a required text field, recording a problem when it is absent or blank.
fn required(value: Option<String>, field: &'static str, place: &str, problems: &mut Vec<Problem>) -> String {
    match value {
        None => {
            problems.push(Problem::at(place, ProblemKind::MissingField(field)));
            String::new()
        }
        Some(v) if v.trim().is_empty() => {
            problems.push(Problem::at(place, ProblemKind::EmptyField(field)));
            String::new()
        }
        Some(v) => v.trim().to_string(),
    }
}

fn optional(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn is_code(s: &str, max: usize) -> bool {
    !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn check_title(title: &str, field: &'static str, place: &str, problems: &mut Vec<Problem>) {
    let chars = title.chars().count();
    if chars > MAX_TITLE_CHARS {
        problems.push(Problem::at(place, ProblemKind::TitleTooLong { field, chars }));
    }
}

impl RawCatalog {
    fn validate(self) -> Result<Catalog, Vec<Problem>> {
        let mut problems = Vec::new();
        let place = "[consultation]";
        let raw = self.consultation.unwrap_or_else(|| {
            problems.push(Problem::at(place, ProblemKind::MissingField("consultation")));
            RawConsultation {
                id: Some(String::new()),
                title: Some(String::new()),
                city: Some(String::new()),
                opens_at: None,
                closes_at: None,
                max_priorities: Some(3),
                data_controller: None,
                privacy_contact: None,
            }
        });
        let mut date = |value: Option<String>, field: &'static str| -> Option<DateTime<FixedOffset>> {
            let value = optional(value)?;
            match DateTime::parse_from_rfc3339(&value) {
                Ok(d) => Some(d),
                Err(_) => {
                    problems.push(Problem::at(place, ProblemKind::BadDate { field, value }));
                    None
                }
            }
        };
        let opens_at = date(raw.opens_at, "opens_at");
        let closes_at = date(raw.closes_at, "closes_at");
        if let (Some(o), Some(c)) = (opens_at, closes_at)
            && c <= o
        {
            problems.push(Problem::at(place, ProblemKind::DatesReversed));
        }
        let max_priorities = match raw.max_priorities {
            None => {
                problems.push(Problem::at(place, ProblemKind::MissingField("max_priorities")));
                1
            }
            Some(n) if (1..=i64::from(MAX_PRIORITIES_LIMIT)).contains(&n) => n as u8,
            Some(n) => {
                problems.push(Problem::at(place, ProblemKind::BadMaxPriorities(n)));
                1
            }
        };
        let consultation = Consultation {
            id: required(raw.id, "id", place, &mut problems),
            title: required(raw.title, "title", place, &mut problems),
            city: required(raw.city, "city", place, &mut problems),
            opens_at,
            closes_at,
            max_priorities,
            data_controller: optional(raw.data_controller),
            privacy_contact: optional(raw.privacy_contact),
        };

        if self.pillars.is_empty() {
            problems.push(Problem::at("[[pillars]]", ProblemKind::NoPillars));
        }
        let mut pillars = Vec::new();
        let mut pillar_keys = HashSet::new();
        for (i, raw) in self.pillars.into_iter().enumerate() {
            let place = format!("pillars[{}]", i + 1);
            let key = required(raw.key, "key", &place, &mut problems);
            if !key.is_empty() && !is_code(&key, MAX_PILLAR_KEY_LEN) {
                problems.push(Problem::at(&place, ProblemKind::BadId(key.clone())));
            }
            if !key.is_empty() && !pillar_keys.insert(key.clone()) {
                problems.push(Problem::at(&place, ProblemKind::DuplicatePillar(key.clone())));
            }
            let name = required(raw.name, "name", &place, &mut problems);
            check_title(&name, "name", &place, &mut problems);
            pillars.push(Pillar {
                key,
                name,
                summary: required(raw.summary, "summary", &place, &mut problems),
                name_en: optional(raw.name_en),
                summary_en: optional(raw.summary_en),
            });
        }

        let mut proposals = Vec::new();
        let mut ids = HashSet::new();
        for (i, raw) in self.proposals.into_iter().enumerate() {
            let id = required(raw.id, "id", &format!("proposals[{}]", i + 1), &mut problems);
            let place = if id.is_empty() {
                format!("proposals[{}]", i + 1)
            } else {
                format!("proposals[{}] ({id})", i + 1)
            };
            if !id.is_empty() && (!is_code(&id, MAX_ID_LEN) || id.to_ascii_uppercase().starts_with("CV-")) {
                problems.push(Problem::at(&place, ProblemKind::BadId(id.clone())));
            }
            if !id.is_empty() && !ids.insert(id.clone()) {
                problems.push(Problem::at(&place, ProblemKind::DuplicateId(id.clone())));
            }
            let pillar = required(raw.pillar, "pillar", &place, &mut problems);
            if !pillar.is_empty() && !pillar_keys.contains(&pillar) {
                problems.push(Problem::at(&place, ProblemKind::UnknownPillar(pillar.clone())));
            }
            let title = required(raw.title, "title", &place, &mut problems);
            check_title(&title, "title", &place, &mut problems);
            let title_en = optional(raw.title_en);
            if let Some(t) = &title_en {
                check_title(t, "title_en", &place, &mut problems);
            }
            let text = required(raw.text, "text", &place, &mut problems);
            let problem = optional(raw.problem);
            for (field, value) in [("text", Some(&text)), ("problem", problem.as_ref())] {
                if let Some(chars) = value.map(|v| v.chars().count()).filter(|n| *n > MAX_TEXT_CHARS) {
                    problems.push(Problem::at(&place, ProblemKind::TextTooLong { field, chars }));
                }
            }
            proposals.push(Proposal {
                id,
                pillar,
                title,
                title_en,
                text,
                problem,
                source: required(raw.source, "source", &place, &mut problems),
                withdrawn: false,
            });
        }
        for pillar in &pillars {
            if !pillar.key.is_empty() && !proposals.iter().any(|p| p.pillar == pillar.key) {
                problems.push(Problem::at(
                    format!("[[pillars]] {}", pillar.key),
                    ProblemKind::EmptyPillar(pillar.key.clone()),
                ));
            }
        }

        if problems.is_empty() { Ok(Catalog { consultation, pillars, proposals }) } else { Err(problems) }
    }
}

/// Turns a byte offset into a 1-based line number, for syntax errors.
pub fn line_of(source: &str, offset: usize) -> usize {
    source.get(..offset).map_or(1, |s| s.matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[consultation]
id = "x"
title = "Consulta"
city = "Ciudad"
max_priorities = 2

[[pillars]]
key = "transparencia"
name = "Transparencia"
summary = "Saber qué pasa."

[[proposals]]
id = "T01"
pillar = "transparencia"
title = "Una propuesta"
text = "Texto completo."
source = "Mesa"
"#;

    #[test]
    fn a_minimal_catalog_parses() {
        let catalog = Catalog::parse(MINIMAL).expect("valid");
        assert_eq!(catalog.consultation.max_priorities, 2);
        assert_eq!(catalog.active_in("transparencia").len(), 1);
        assert_eq!(catalog.priorities_in("transparencia"), 1);
        assert!(catalog.consultation.opens_at.is_none());
    }

    #[test]
    fn line_numbers_are_one_based() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 1);
    }
}
