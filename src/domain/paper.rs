//! Paper ballots from in-person voting points: the channel every ballot has, a
//! sheet as entered, the draft a facilitator builds at the table, when entry is
//! allowed, and the checks a spreadsheet of sheets goes through.

use crate::domain::{Ballot, BallotError, Catalog, ProfileField};
use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

/// Where a ballot was cast: in the chat, or on paper at a voting point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    Virtual,
    Presencial,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Virtual, Channel::Presencial];

    /// The code in exports and settings: `virtual`, `presencial`.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Virtual => "virtual",
            Channel::Presencial => "presencial",
        }
    }
}

/// Whether published rankings (public `/resultados`, its charts, the ranking in
/// `/avance`) count paper ballots (`include`) or only virtual ones (`separate`).
/// Exports and `consulta tally` always show both channels and the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PaperBallots {
    #[default]
    Include,
    Separate,
}

impl PaperBallots {
    pub fn from_code(s: &str) -> Option<PaperBallots> {
        match s {
            "include" => Some(PaperBallots::Include),
            "separate" => Some(PaperBallots::Separate),
            _ => None,
        }
    }
}

/// Hours after closing during which paper sheets may still be entered.
pub const DEFAULT_GRACE_HOURS: u32 = 72;

/// Whether paper sheets may be entered at `now`: from the opening (if any) until
/// `grace_hours` after the closing (if any), for sheets collected on the last day.
pub fn entry_open(
    now: DateTime<Utc>,
    opens_at: Option<DateTime<FixedOffset>>,
    closes_at: Option<DateTime<FixedOffset>>,
    grace_hours: u32,
) -> bool {
    let opened = opens_at.is_none_or(|o| now >= o);
    let in_time = closes_at.is_none_or(|c| now < c + Duration::hours(i64::from(grace_hours)));
    opened && in_time
}

/// The last moment sheets are accepted, when the consultation has a closing date.
pub fn entry_deadline(
    closes_at: Option<DateTime<FixedOffset>>,
    grace_hours: u32,
) -> Option<DateTime<FixedOffset>> {
    closes_at.map(|c| c + Duration::hours(i64::from(grace_hours)))
}

/// One paper sheet: the voting point and the sheet's own number (together they
/// identify it), the pillar ballot it holds and what it records of its voter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperSheet {
    pub point: String,
    pub sheet: u32,
    pub ballot: Ballot,
    pub localidad: Option<String>,
    pub sector: Option<String>,
    pub age_range: Option<String>,
}

impl PaperSheet {
    pub fn answer(&self, field: ProfileField) -> Option<&str> {
        match field {
            ProfileField::Localidad => self.localidad.as_deref(),
            ProfileField::Sector => self.sector.as_deref(),
            ProfileField::AgeRange => self.age_range.as_deref(),
        }
    }
}

/// A sheet being entered in the chat, kept in the dialogue state between taps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperDraft {
    pub sheet: u32,
    /// Chosen after the sheet number.
    pub pillar: Option<String>,
    pub picks: Vec<String>,
    /// Set once the choices are done: the profile questions follow.
    pub choices_done: bool,
    pub localidad: Option<String>,
    pub sector: Option<String>,
    pub age_range: Option<String>,
    /// The profile question being asked, or `None` when the next tap confirms.
    pub asking: Option<ProfileField>,
}

impl PaperDraft {
    pub fn new(sheet: u32) -> PaperDraft {
        PaperDraft {
            sheet,
            pillar: None,
            picks: Vec::new(),
            choices_done: false,
            localidad: None,
            sector: None,
            age_range: None,
            asking: None,
        }
    }

    /// Adds the next choice as written on the sheet, checked against the catalog.
    pub fn pick(&mut self, catalog: &Catalog, proposal_id: &str) -> Result<(), BallotError> {
        let pillar = self.pillar.clone().ok_or(BallotError::UnknownPillar)?;
        let mut draft = crate::domain::DraftBallot { pillar, picks: self.picks.clone() };
        draft.pick(catalog, proposal_id)?;
        self.picks = draft.picks;
        Ok(())
    }

    /// Whether the sheet holds as many choices as the pillar allows.
    pub fn is_full(&self, catalog: &Catalog) -> bool {
        self.pillar.as_deref().is_some_and(|p| self.picks.len() >= catalog.priorities_in(p))
    }

    /// Records an answer (or a skip, `None`) to the question being asked and
    /// moves on to the next one; after the last, the draft waits to be confirmed.
    pub fn answer(&mut self, field: ProfileField, code: Option<String>) {
        match field {
            ProfileField::Localidad => self.localidad = code,
            ProfileField::Sector => self.sector = code,
            ProfileField::AgeRange => self.age_range = code,
        }
        self.asking = field.next();
    }

    /// The sheet as it will be stored, re-checking every rule.
    pub fn finish(&self, catalog: &Catalog, point: &str) -> Result<PaperSheet, BallotError> {
        let pillar = self.pillar.as_deref().ok_or(BallotError::UnknownPillar)?;
        let ballot = Ballot::new(catalog, pillar, self.picks.clone())?;
        Ok(PaperSheet {
            point: point.to_string(),
            sheet: self.sheet,
            ballot,
            localidad: self.localidad.clone(),
            sector: self.sector.clone(),
            age_range: self.age_range.clone(),
        })
    }
}

/// What is wrong with one row of a spreadsheet of sheets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// A column the template has is missing from the header.
    MissingColumn(String),
    /// The line could not be read as CSV.
    Unreadable(String),
    UnknownPoint(String),
    BadSheet(String),
    UnknownPillar(String),
    NoChoice,
    /// A choice after an empty one (`opcion_3` without `opcion_2`).
    Gap(usize),
    UnknownProposal(String),
    /// The proposal is in another pillar, or withdrawn.
    NotInPillar {
        proposal: String,
        pillar: String,
    },
    Repeated(String),
    TooMany(usize),
    BadAnswer {
        field: ProfileField,
        value: String,
    },
    /// The same sheet twice in the file; the line of its first appearance.
    DuplicateInFile(usize),
    /// The sheet is stored already with other content.
    DiffersFromStored,
}

/// A problem and the line of the file it is on (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: usize,
    pub problem: RowProblem,
}

/// The template's columns, in order, for a catalog allowing `max` choices.
pub fn template_columns(max: usize) -> Vec<String> {
    let mut columns = vec!["punto".to_string(), "hoja".into(), "pilar".into()];
    columns.extend((1..=max).map(|i| format!("opcion_{i}")));
    columns.extend(["localidad".to_string(), "sector".into(), "edad".into()]);
    columns
}

/// A cell matched against a code or its label in either language, ignoring
/// case and surrounding spaces, so a sheet typed as written on paper is read.
fn matches(value: &str, code: &str, labels: &[&str]) -> bool {
    let v = value.trim().to_lowercase();
    v == code.to_lowercase() || labels.iter().any(|l| l.trim().to_lowercase() == v)
}

fn find_point(catalog: &Catalog, value: &str) -> Option<String> {
    catalog
        .voting_points
        .iter()
        .find(|c| matches(value, &c.code, &[&c.label.es, &c.label.en]))
        .map(|c| c.code.clone())
}

fn find_pillar(catalog: &Catalog, value: &str) -> Option<String> {
    catalog
        .pillars
        .iter()
        .find(|p| matches(value, &p.key, &[&p.name, p.name_en.as_deref().unwrap_or(&p.name)]))
        .map(|p| p.key.clone())
}

fn find_answer(catalog: &Catalog, field: ProfileField, value: &str) -> Option<String> {
    if catalog.is_answer(field, value.trim()) {
        return Some(value.trim().to_string());
    }
    catalog
        .choices(field)
        .iter()
        .find(|c| matches(value, &c.code, &[&c.label.es, &c.label.en]))
        .map(|c| c.code.clone())
}

/// A sheet number as written: a positive whole number.
pub fn parse_sheet_number(s: &str) -> Option<u32> {
    let s = s.trim().trim_start_matches('#').trim();
    s.parse::<u32>().ok().filter(|n| *n >= 1)
}

/// Reads a spreadsheet of sheets (CSV with the template's header, `,` or `;`
/// separated, with or without a BOM). Every row is checked against the catalog
/// and against the file's other rows; every problem is reported with its line.
/// Nothing here knows what is stored: [`LineProblem`]s about stored sheets come
/// from the import itself.
/// The sheet's optional answers (localidad, sector, age range) as codes; an
/// answer the catalog does not offer goes to `row`.
fn sheet_answers(
    catalog: &Catalog,
    cell: impl Fn(&str) -> String,
    row: &mut Vec<RowProblem>,
) -> [Option<String>; 3] {
    let mut answers: [Option<String>; 3] = Default::default();
    for (slot, (name, field)) in answers.iter_mut().zip([
        ("localidad", ProfileField::Localidad),
        ("sector", ProfileField::Sector),
        ("edad", ProfileField::AgeRange),
    ]) {
        let value = cell(name);
        if value.is_empty() {
            continue;
        }
        match find_answer(catalog, field, &value) {
            Some(code) => *slot = Some(code),
            None => row.push(RowProblem::BadAnswer { field, value }),
        }
    }
    answers
}

/// The proposals written on one sheet, in order, each checked (known, once,
/// of the sheet's pillar, no gap before it); what is wrong goes to `row`.
fn sheet_choices(
    catalog: &Catalog,
    pillar: Option<&str>,
    written: &[String],
    row: &mut Vec<RowProblem>,
) -> Vec<String> {
    let last = written.iter().rposition(|c| !c.is_empty());
    let mut choices = Vec::new();
    match last {
        None => row.push(RowProblem::NoChoice),
        Some(last) => {
            for (i, id) in written[..=last].iter().enumerate() {
                if id.is_empty() {
                    row.push(RowProblem::Gap(i + 1));
                    continue;
                }
                let Some(proposal) = catalog.proposals.iter().find(|p| p.id.eq_ignore_ascii_case(id)) else {
                    row.push(RowProblem::UnknownProposal(id.clone()));
                    continue;
                };
                if choices.contains(&proposal.id) {
                    row.push(RowProblem::Repeated(proposal.id.clone()));
                    continue;
                }
                if let Some(pillar) = pillar
                    && (proposal.pillar != pillar || proposal.withdrawn)
                {
                    row.push(RowProblem::NotInPillar {
                        proposal: proposal.id.clone(),
                        pillar: pillar.to_string(),
                    });
                }
                choices.push(proposal.id.clone());
            }
        }
    }
    choices
}

pub fn parse_csv(catalog: &Catalog, bytes: &[u8]) -> Result<Vec<(usize, PaperSheet)>, Vec<LineProblem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.contains(&b';') && !first_line.contains(&b',') { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let mut problems = Vec::new();
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => return Err(vec![LineProblem { line: 1, problem: RowProblem::Unreadable(e.to_string()) }]),
    };
    let column = |name: &str| header.iter().position(|h| h == name);
    let max = usize::from(catalog.consultation.max_priorities);
    for name in ["punto", "hoja", "pilar", "opcion_1"] {
        if column(name).is_none() {
            problems.push(LineProblem { line: 1, problem: RowProblem::MissingColumn(name.to_string()) });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let option_columns: Vec<usize> = (1..).map_while(|i| column(&format!("opcion_{i}"))).collect();
    let mut sheets: Vec<(usize, PaperSheet)> = Vec::new();
    let mut seen: std::collections::HashMap<(String, u32), usize> = std::collections::HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = crate::domain::export::line_at(bytes, e.position());
                problems.push(LineProblem { line, problem: RowProblem::Unreadable(e.to_string()) });
                continue;
            }
        };
        let line = crate::domain::export::line_at(bytes, record.position());
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim().to_string();
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut row = Vec::new();
        let point_cell = cell(column("punto"));
        let point = find_point(catalog, &point_cell);
        if point.is_none() {
            row.push(RowProblem::UnknownPoint(point_cell));
        }
        let sheet_cell = cell(column("hoja"));
        let sheet = parse_sheet_number(&sheet_cell);
        if sheet.is_none() {
            row.push(RowProblem::BadSheet(sheet_cell));
        }
        let pillar_cell = cell(column("pilar"));
        let pillar = find_pillar(catalog, &pillar_cell);
        if pillar.is_none() {
            row.push(RowProblem::UnknownPillar(pillar_cell));
        }
        let written: Vec<String> = option_columns.iter().map(|i| cell(Some(*i))).collect();
        let choices = sheet_choices(catalog, pillar.as_deref(), &written, &mut row);
        let allowed = pillar.as_deref().map_or(max, |p| catalog.priorities_in(p));
        if choices.len() > allowed {
            row.push(RowProblem::TooMany(allowed));
        }
        let answers = sheet_answers(catalog, |name| cell(column(name)), &mut row);
        if let (Some(point), Some(sheet)) = (&point, sheet) {
            if let Some(first) = seen.get(&(point.clone(), sheet)) {
                row.push(RowProblem::DuplicateInFile(*first));
            } else {
                seen.insert((point.clone(), sheet), line);
            }
        }
        if !row.is_empty() {
            problems.extend(row.into_iter().map(|problem| LineProblem { line, problem }));
            continue;
        }
        if let (Some(point), Some(sheet), Some(pillar)) = (point, sheet, pillar) {
            let [localidad, sector, age_range] = answers;
            let ballot = Ballot { pillar, choices };
            sheets.push((line, PaperSheet { point, sheet, ballot, localidad, sector, age_range }));
        }
    }
    if problems.is_empty() { Ok(sheets) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn entry_is_open_from_the_opening_until_the_grace_period_after_closing() {
        let (o, c) = (Some(d("2022-11-01T00:00:00-05:00")), Some(d("2022-11-30T23:59:59-05:00")));
        let at = |s: &str| d(s).with_timezone(&Utc);
        assert!(!entry_open(at("2022-10-31T23:00:00-05:00"), o, c, 72));
        assert!(entry_open(at("2022-11-15T12:00:00-05:00"), o, c, 72));
        assert!(entry_open(at("2022-12-03T23:00:00-05:00"), o, c, 72));
        assert!(!entry_open(at("2022-12-04T00:00:00-05:00"), o, c, 72));
        assert!(!entry_open(at("2022-12-01T00:00:00-05:00"), o, c, 0));
        assert!(entry_open(at("2030-01-01T00:00:00-05:00"), None, None, 0));
    }

    #[test]
    fn sheet_numbers_are_positive_whole_numbers() {
        assert_eq!(parse_sheet_number(" 17 "), Some(17));
        assert_eq!(parse_sheet_number("#3"), Some(3));
        assert_eq!(parse_sheet_number("0"), None);
        assert_eq!(parse_sheet_number("3a"), None);
        assert_eq!(parse_sheet_number("-2"), None);
    }

    #[test]
    fn the_template_has_one_column_per_priority() {
        assert_eq!(
            template_columns(3),
            ["punto", "hoja", "pilar", "opcion_1", "opcion_2", "opcion_3", "localidad", "sector", "edad"]
        );
    }
}
