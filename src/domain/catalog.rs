//! The consultation catalog: its settings, pillars and proposals, and the rules a
//! catalog file must follow.
//!
//! One file of about 700 lines on purpose: the types, the file format they are
//! read from and every rule it is checked against change together (a new field
//! is a type, a raw field and a check), and half of it is the checklist in
//! [`RawCatalog::validate`] and its unit tests.

use crate::domain::{Lang, ProfileField, profile};
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
/// Answer codes travel in callback data (`pa:l:<code>`, `ba:<id>:loc-<code>`).
pub const MAX_CHOICE_CODE_LEN: usize = 8;
/// A button label stays readable on a phone.
pub const MAX_LABEL_CHARS: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub struct Consultation {
    pub id: String,
    pub title: String,
    /// Shown to English users; the Spanish title when absent.
    pub title_en: Option<String>,
    pub city: String,
    pub opens_at: Option<DateTime<FixedOffset>>,
    pub closes_at: Option<DateTime<FixedOffset>>,
    pub max_priorities: u8,
    pub data_controller: Option<String>,
    pub privacy_contact: Option<String>,
    /// Country codes a verified phone may have (`+57`); empty accepts every country.
    pub phone_prefixes: Vec<String>,
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
    /// Promoted from a citizen's idea: its source is the virtual consultation,
    /// named in each language by the locale files, not by `source`.
    pub from_idea: bool,
    pub withdrawn: bool,
}

/// A text in both languages the bot speaks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Label {
    pub es: String,
    pub en: String,
}

impl Label {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
}

/// One answer of a city's list: a territorial unit, a sector, an age range or a
/// voting point. The code is what the database and callback data store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub label: Label,
    /// Age ranges only: people in this range are minors.
    pub minor: bool,
}

/// How the city is divided (localidades, comunas, barrios...) and its units.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Territory {
    /// What one unit is called: "Localidad", "Comuna".
    pub name: Label,
    pub units: Vec<Choice>,
    /// The generic "outside the city" answer's label, when the catalog words it
    /// (otherwise the locale files' "Outside <city>").
    pub outside: Option<Label>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub consultation: Consultation,
    pub pillars: Vec<Pillar>,
    /// In catalog order; withdrawn proposals are kept so old ballots still resolve.
    pub proposals: Vec<Proposal>,
    pub territory: Territory,
    pub sectors: Vec<Choice>,
    pub age_ranges: Vec<Choice>,
    /// Where paper ballots are collected.
    pub voting_points: Vec<Choice>,
}

impl Consultation {
    pub fn title_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.title_en.as_deref().unwrap_or(&self.title),
            Lang::Es => &self.title,
        }
    }
}

impl Catalog {
    /// The city's own answers to a profile question, in display order (the
    /// generic ones, see [`profile::generic_answers`], come after them).
    pub fn choices(&self, field: ProfileField) -> &[Choice] {
        match field {
            ProfileField::Localidad => &self.territory.units,
            ProfileField::Sector => &self.sectors,
            ProfileField::AgeRange => &self.age_ranges,
        }
    }

    /// Every answer code offered for a question, the city's then the generic ones.
    pub fn options(&self, field: ProfileField) -> Vec<&str> {
        let mut codes: Vec<&str> = self.choices(field).iter().map(|c| c.code.as_str()).collect();
        codes.extend(profile::generic_answers(field));
        codes
    }

    /// Whether `code` is an answer this catalog offers to `field`.
    pub fn is_answer(&self, field: ProfileField, code: &str) -> bool {
        self.options(field).contains(&code)
    }

    pub fn choice(&self, field: ProfileField, code: &str) -> Option<&Choice> {
        self.choices(field).iter().find(|c| c.code == code)
    }

    /// Whether the age range `code` is one of minors.
    pub fn is_minor_age(&self, code: &str) -> bool {
        self.choice(ProfileField::AgeRange, code).is_some_and(|c| c.minor)
    }

    /// The territorial units a broadcast can target: the city's, then "outside".
    pub fn target_units(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.territory.units.iter().map(|c| c.code.as_str()).collect();
        codes.push(profile::OUTSIDE);
        codes
    }

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
    TitleTooLong {
        field: &'static str,
        chars: usize,
    },
    TextTooLong {
        field: &'static str,
        chars: usize,
    },
    BadId(String),
    BadDate {
        field: &'static str,
        value: String,
    },
    DatesReversed,
    BadMaxPriorities(i64),
    /// A `phone_prefixes` entry that is not `+` and 1 to 4 digits.
    BadPhonePrefix(String),
    NoPillars,
    EmptyPillar(String),
    /// A list the bot needs (`territory.units`, `sectors`, `age_ranges`) is empty.
    EmptyList(&'static str),
    BadCode(String),
    /// `na` and `out` are the generic answers every catalog gets.
    ReservedCode(String),
    DuplicateCode(String),
    LabelTooLong {
        field: &'static str,
        chars: usize,
    },
    /// `minor = true` outside `[[age_ranges]]`.
    MinorOutsideAges,
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
    territory: Option<RawTerritory>,
    #[serde(default)]
    sectors: Vec<RawChoice>,
    #[serde(default)]
    age_ranges: Vec<RawChoice>,
    #[serde(default)]
    voting_points: Vec<RawChoice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerritory {
    name_es: Option<String>,
    name_en: Option<String>,
    outside_es: Option<String>,
    outside_en: Option<String>,
    #[serde(default)]
    units: Vec<RawChoice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    code: Option<String>,
    es: Option<String>,
    en: Option<String>,
    minor: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConsultation {
    id: Option<String>,
    title: Option<String>,
    title_en: Option<String>,
    city: Option<String>,
    opens_at: Option<String>,
    closes_at: Option<String>,
    max_priorities: Option<i64>,
    data_controller: Option<String>,
    privacy_contact: Option<String>,
    phone_prefixes: Option<Vec<String>>,
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

/// An answer code: short ASCII letters, digits, `-`, `_` or `+` (as in "60+"),
/// never `:`, which separates callback data.
pub fn is_choice_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_CHOICE_CODE_LEN
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+'))
}

fn check_title(title: &str, field: &'static str, place: &str, problems: &mut Vec<Problem>) {
    let chars = title.chars().count();
    if chars > MAX_TITLE_CHARS {
        problems.push(Problem::at(place, ProblemKind::TitleTooLong { field, chars }));
    }
}

impl RawCatalog {
    /// Every check of a catalog file, in the file's order, collecting every
    /// problem with its place before anything is built.
    ///
    /// Long on purpose: it reads as the checklist a city's catalog must pass,
    /// section by section, and each check feeds the cross-checks after it
    /// (pillars before proposals, lists before the minor flag). Split, the same
    /// sets and problem list would have to be threaded through every part.
    fn validate(self) -> Result<Catalog, Vec<Problem>> {
        let mut problems = Vec::new();
        let place = "[consultation]";
        let raw = self.consultation.unwrap_or_else(|| {
            problems.push(Problem::at(place, ProblemKind::MissingField("consultation")));
            RawConsultation {
                id: Some(String::new()),
                title: Some(String::new()),
                title_en: None,
                city: Some(String::new()),
                opens_at: None,
                closes_at: None,
                max_priorities: Some(3),
                data_controller: None,
                privacy_contact: None,
                phone_prefixes: None,
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
            title_en: optional(raw.title_en),
            city: required(raw.city, "city", place, &mut problems),
            opens_at,
            closes_at,
            max_priorities,
            data_controller: optional(raw.data_controller),
            privacy_contact: optional(raw.privacy_contact),
            phone_prefixes: raw.phone_prefixes.unwrap_or_default(),
        };
        for prefix in &consultation.phone_prefixes {
            if !crate::domain::verification::valid_prefix(prefix) {
                problems.push(Problem::at(place, ProblemKind::BadPhonePrefix(prefix.clone())));
            }
        }

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
                from_idea: false,
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

        let territory_given = self.territory.is_some();
        let territory = match self.territory {
            None => {
                problems.push(Problem::at("[territory]", ProblemKind::MissingField("territory")));
                Territory::default()
            }
            Some(raw) => {
                let place = "[territory]";
                let name = Label {
                    es: required(raw.name_es, "name_es", place, &mut problems),
                    en: required(raw.name_en, "name_en", place, &mut problems),
                };
                for (field, text) in [("name_es", &name.es), ("name_en", &name.en)] {
                    check_label(text, field, place, &mut problems);
                }
                let outside = match (optional(raw.outside_es), optional(raw.outside_en)) {
                    (None, None) => None,
                    (Some(es), Some(en)) => {
                        check_label(&es, "outside_es", place, &mut problems);
                        check_label(&en, "outside_en", place, &mut problems);
                        Some(Label { es, en })
                    }
                    (None, Some(_)) => {
                        problems.push(Problem::at(place, ProblemKind::MissingField("outside_es")));
                        None
                    }
                    (Some(_), None) => {
                        problems.push(Problem::at(place, ProblemKind::MissingField("outside_en")));
                        None
                    }
                };
                let units = choices(raw.units, "territory.units", false, &mut problems);
                Territory { name, units, outside }
            }
        };
        let sectors = choices(self.sectors, "sectors", false, &mut problems);
        let age_ranges = choices(self.age_ranges, "age_ranges", true, &mut problems);
        let voting_points = choices(self.voting_points, "voting_points", false, &mut problems);
        for (list, items) in
            [("territory.units", &territory.units), ("sectors", &sectors), ("age_ranges", &age_ranges)]
        {
            if items.is_empty() && (territory_given || list != "territory.units") {
                problems.push(Problem::at(format!("[[{list}]]"), ProblemKind::EmptyList(list)));
            }
        }

        if problems.is_empty() {
            Ok(Catalog { consultation, pillars, proposals, territory, sectors, age_ranges, voting_points })
        } else {
            Err(problems)
        }
    }
}

fn check_label(text: &str, field: &'static str, place: &str, problems: &mut Vec<Problem>) {
    let chars = text.chars().count();
    if chars > MAX_LABEL_CHARS {
        problems.push(Problem::at(place, ProblemKind::LabelTooLong { field, chars }));
    }
}

/// Checks one of the city's lists: short unique ASCII codes, not the generic
/// ones, both labels present.
fn choices(raw: Vec<RawChoice>, list: &'static str, ages: bool, problems: &mut Vec<Problem>) -> Vec<Choice> {
    let mut codes = HashSet::new();
    let mut out = Vec::new();
    for (i, raw) in raw.into_iter().enumerate() {
        let place = format!("{list}[{}]", i + 1);
        let code = required(raw.code, "code", &place, problems);
        let place = if code.is_empty() { place } else { format!("{place} ({code})") };
        if !code.is_empty() {
            if !is_choice_code(&code) {
                problems.push(Problem::at(&place, ProblemKind::BadCode(code.clone())));
            } else if profile::is_reserved(&code) {
                problems.push(Problem::at(&place, ProblemKind::ReservedCode(code.clone())));
            } else if !codes.insert(code.clone()) {
                problems.push(Problem::at(&place, ProblemKind::DuplicateCode(code.clone())));
            }
        }
        let label = Label {
            es: required(raw.es, "es", &place, problems),
            en: required(raw.en, "en", &place, problems),
        };
        for (field, text) in [("es", &label.es), ("en", &label.en)] {
            check_label(text, field, &place, problems);
        }
        if raw.minor.is_some() && !ages {
            problems.push(Problem::at(&place, ProblemKind::MinorOutsideAges));
        }
        out.push(Choice { code, label, minor: raw.minor.unwrap_or(false) });
    }
    out
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

    /// The city's lists every catalog needs, as small as they can be.
    pub(crate) const LISTS: &str = r#"
[territory]
name_es = "Zona"
name_en = "Zone"

[[territory.units]]
code = "z1"
es = "Zona 1"
en = "Zone 1"

[[sectors]]
code = "civic"
es = "Ciudadanía"
en = "Citizens"

[[age_ranges]]
code = "u18"
es = "Menos de 18"
en = "Under 18"
minor = true

[[age_ranges]]
code = "18+"
es = "18 o más"
en = "18 or older"
"#;

    fn with_lists(source: &str) -> String {
        format!("{source}\n{LISTS}")
    }

    fn kinds(source: &str) -> Vec<ProblemKind> {
        Catalog::parse(source).expect_err("invalid").into_iter().map(|p| p.kind).collect()
    }

    #[test]
    fn a_minimal_catalog_parses() {
        let catalog = Catalog::parse(&with_lists(MINIMAL)).expect("valid");
        assert_eq!(catalog.consultation.max_priorities, 2);
        assert_eq!(catalog.active_in("transparencia").len(), 1);
        assert_eq!(catalog.priorities_in("transparencia"), 1);
        assert!(catalog.consultation.opens_at.is_none());
    }

    #[test]
    fn the_city_lists_are_read_with_both_labels_and_the_generic_answers() {
        let catalog = Catalog::parse(&with_lists(MINIMAL)).expect("valid");
        assert_eq!(catalog.territory.name.get(Lang::En), "Zone");
        assert_eq!(catalog.options(ProfileField::Localidad), ["z1", "out", "na"]);
        assert_eq!(catalog.options(ProfileField::Sector), ["civic", "na"]);
        assert!(catalog.is_answer(ProfileField::AgeRange, "18+"));
        assert!(!catalog.is_answer(ProfileField::AgeRange, "z1"));
        assert!(catalog.is_minor_age("u18"));
        assert!(!catalog.is_minor_age("18+"));
        assert!(!catalog.is_minor_age("na"));
        assert_eq!(catalog.target_units(), ["z1", "out"]);
        assert!(catalog.voting_points.is_empty());
    }

    #[test]
    fn a_catalog_without_the_city_lists_is_refused() {
        let found = kinds(MINIMAL);
        assert!(found.contains(&ProblemKind::MissingField("territory")), "{found:?}");
        assert!(found.contains(&ProblemKind::EmptyList("sectors")), "{found:?}");
        assert!(found.contains(&ProblemKind::EmptyList("age_ranges")), "{found:?}");
    }

    #[test]
    fn bad_duplicate_and_reserved_codes_and_missing_labels_are_reported() {
        let source = format!(
            "{}\n{}",
            with_lists(MINIMAL),
            r#"
[[sectors]]
code = "civic"
es = "Otra vez"
en = "Again"

[[sectors]]
code = "na"
es = "No"
en = "No"

[[sectors]]
code = "tiene espacios"
es = "Mal"
en = "Bad"

[[sectors]]
code = "ok"
es = "Sin inglés"
minor = true

[[voting_points]]
code = "averyveryverylongcode"
es = "Punto"
en = "Point"
"#
        );
        let found = kinds(&source);
        for expected in [
            ProblemKind::DuplicateCode("civic".into()),
            ProblemKind::ReservedCode("na".into()),
            ProblemKind::BadCode("tiene espacios".into()),
            ProblemKind::MissingField("en"),
            ProblemKind::MinorOutsideAges,
            ProblemKind::BadCode("averyveryverylongcode".into()),
        ] {
            assert!(found.contains(&expected), "{expected:?} not in {found:?}");
        }
    }

    #[test]
    fn line_numbers_are_one_based() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 1);
    }
}
