//! The exports the action plan is built from: results (overall and per group),
//! ideas, and participation, as CSV files and one Excel workbook. No Telegram
//! id, username or name ever appears in them.
//!
//! One file (about 540 lines with its tests): every published table is built
//! here from the same counts the tally uses, so a figure in a file and in
//! `/resultados` cannot drift apart.

use crate::{
    db::{self, export::ProfileCounts},
    domain::{
        Catalog, Channel, ChannelResults, Lang, PillarResult, ProfileField, RankCount, RejectReason,
        export::{Cell, Table},
        tally,
    },
    error::{Error, Result},
    i18n::{arg, t, tr},
    labels,
};
use chrono::DateTime;
use chrono_tz::Tz;
use sqlx::SqlitePool;
use std::{
    collections::{BTreeMap, HashMap},
    path::{Path, PathBuf},
};

pub const WORKBOOK: &str = "consulta.xlsx";

/// A file ready to write or to send.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

fn header(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(lang, &format!("export-col-{k}"))).collect()
}

const RESULT_COLUMNS: &[&str] =
    &["pillar", "id", "title", "source", "points", "first", "chosen", "voters", "rank"];

fn result_rows(
    results: &[PillarResult],
    catalog: &Catalog,
    lang: Lang,
    group: Option<&str>,
) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for pillar in results {
        let name = catalog.pillar(&pillar.pillar).map_or(pillar.name.clone(), |p| p.name.clone());
        for p in &pillar.proposals {
            let mut row: Vec<Cell> = group.map(|g| vec![Cell::from(g)]).unwrap_or_default();
            row.extend([
                Cell::from(name.as_str()),
                Cell::from(p.proposal_id.as_str()),
                Cell::from(p.title.as_str()),
                Cell::from(
                    catalog
                        .proposal(&p.proposal_id)
                        .map_or(p.source.clone(), |q| labels::proposal_source(q, lang)),
                ),
                Cell::from(p.points),
                Cell::from(p.first_choices),
                Cell::from(p.times_chosen),
                Cell::from(pillar.voters),
                Cell::from(p.rank),
            ]);
            rows.push(row);
        }
    }
    rows
}

/// The overall results (all ballots) with, on each row, the same figures per
/// channel: points, first choices, times chosen and voters, virtual then presencial.
fn channel_result_rows(results: &ChannelResults, catalog: &Catalog, lang: Lang) -> Vec<Vec<Cell>> {
    let mut rows = result_rows(&results.total, catalog, lang, None);
    let mut channels: Vec<&[PillarResult]> = vec![&results.virtual_, &results.presencial];
    // Once numbers are verified: the virtual ballots of each kind, as two more channels.
    if let Some((verified, unverified)) = &results.verification {
        channels.extend([verified.as_slice(), unverified.as_slice()]);
    }
    add_channel_columns(&mut rows, &results.total, &channels, 0);
    rows
}

/// Appends to each row of `total` (one per pillar and proposal, as [`result_rows`]
/// made them) the same figures per channel, from `channels` (virtual, presencial).
/// Where a channel has fewer than `min_group` voters in the pillar (but some), the
/// channel cells of that pillar stay empty: with the total shown, either channel
/// would give the other away.
fn add_channel_columns(
    rows: &mut [Vec<Cell>],
    total: &[PillarResult],
    channels: &[&[PillarResult]],
    min_group: u64,
) {
    // (points, first choices, times chosen, voters of the pillar) per channel and proposal.
    type Figures = (u64, u64, u64, u64);
    let mut figures: HashMap<(usize, &str, &str), Figures> = HashMap::new();
    let mut voters: HashMap<(usize, &str), u64> = HashMap::new();
    for (i, results) in channels.iter().enumerate() {
        for pillar in results.iter() {
            voters.insert((i, pillar.pillar.as_str()), pillar.voters);
            for p in &pillar.proposals {
                figures.insert(
                    (i, pillar.pillar.as_str(), p.proposal_id.as_str()),
                    (p.points, p.first_choices, p.times_chosen, pillar.voters),
                );
            }
        }
    }
    let hidden = |pillar: &str| {
        (0..channels.len()).any(|i| {
            let n = voters.get(&(i, pillar)).copied().unwrap_or(0);
            n > 0 && n < min_group
        })
    };
    let keys = total.iter().flat_map(|pillar| pillar.proposals.iter().map(move |p| (pillar, p)));
    for (row, (pillar, p)) in rows.iter_mut().zip(keys) {
        let hide = hidden(&pillar.pillar);
        for i in 0..channels.len() {
            if hide {
                row.extend(std::iter::repeat_n(Cell::from(""), 4));
                continue;
            }
            let (points, first, chosen, voters) = figures
                .get(&(i, pillar.pillar.as_str(), p.proposal_id.as_str()))
                .copied()
                .unwrap_or_default();
            row.extend([Cell::from(points), Cell::from(first), Cell::from(chosen), Cell::from(voters)]);
        }
    }
}

/// The channel columns' names: "puntos (virtual)", …, and, once numbers are
/// verified, "puntos (virtual verificado)", "puntos (virtual sin verificar)", ….
fn channel_header(lang: Lang, verification: bool) -> Vec<String> {
    let mut channels: Vec<String> = Channel::ALL.iter().map(|c| labels::channel_name(lang, *c)).collect();
    if verification {
        channels.extend([labels::verification_name(lang, true), labels::verification_name(lang, false)]);
    }
    let mut out = Vec::new();
    for channel in channels {
        for key in ["points", "first", "chosen", "voters"] {
            out.push(tr(
                lang,
                "export-col-by-channel",
                &[arg("column", t(lang, &format!("export-col-{key}"))), arg("channel", channel.clone())],
            ));
        }
    }
    out
}

/// Sheets only the workbook has (the CSV has their figures as columns of `resultados`).
pub const WORKBOOK_ONLY: &[&str] = &["resultados_virtual", "resultados_presencial"];

/// Every paper ballot as stored, one row per sheet, with its channel. Who entered
/// it is not here (it is in the audit log only).
fn paper_table(sheets: &[db::paper::StoredSheet], catalog: &Catalog, lang: Lang, tz: Tz) -> Table {
    let max = usize::from(catalog.consultation.max_priorities);
    let mut header = header(lang, &["channel", "point", "sheet", "pillar"]);
    header.extend((1..=max).map(|i| tr(lang, "export-col-choice", &[arg("n", i)])));
    header.extend(ProfileField::ALL.map(|f| labels::field_name(catalog, lang, f)));
    header.extend(self::header(lang, &["origin", "entered"]));
    let point = |code: &str| {
        catalog.voting_points.iter().find(|p| p.code == code).map_or(code, |p| p.label.get(lang)).to_string()
    };
    let rows = sheets
        .iter()
        .map(|s| {
            let sheet = &s.sheet;
            let mut row = vec![
                Cell::from(labels::channel_name(lang, Channel::Presencial)),
                Cell::from(point(&sheet.point)),
                Cell::from(u64::from(sheet.sheet)),
                Cell::from(
                    catalog
                        .pillar(&sheet.ballot.pillar)
                        .map_or(sheet.ballot.pillar.clone(), |p| p.name.clone()),
                ),
            ];
            for i in 0..max {
                row.push(Cell::from(sheet.ballot.choices.get(i).cloned().unwrap_or_default()));
            }
            for field in ProfileField::ALL {
                row.push(Cell::from(
                    sheet
                        .answer(field)
                        .map(|c| labels::answer_label(catalog, lang, field, Some(c)))
                        .unwrap_or_default(),
                ));
            }
            row.push(Cell::from(t(lang, &format!("export-source-{}", s.source))));
            row.push(Cell::from(s.entered_at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()));
            row
        })
        .collect();
    Table { name: "papeletas", header, rows }
}

fn group_label(catalog: &Catalog, lang: Lang, field: ProfileField, code: Option<&str>) -> String {
    match code {
        Some(_) => labels::answer_label(catalog, lang, field, code),
        None => t(lang, "export-no-data"),
    }
}

/// Counts merged from several groups: the "others / small groups" row.
#[derive(Default)]
struct Merged {
    counts: Vec<RankCount>,
    voters: HashMap<String, u64>,
}

impl Merged {
    /// Adds one group's counts and voters in `pillar`.
    fn add(&mut self, catalog: &Catalog, (counts, voters): &GroupCounts, pillar: &str) {
        let n = voters.get(pillar).copied().unwrap_or(0);
        if n == 0 {
            return;
        }
        *self.voters.entry(pillar.to_string()).or_default() += n;
        self.counts.extend(
            counts
                .iter()
                .filter(|c| catalog.proposal(&c.proposal_id).is_some_and(|p| p.pillar == pillar))
                .cloned(),
        );
    }
}

/// One group's rank counts and voters per pillar.
type GroupCounts = (Vec<RankCount>, HashMap<String, u64>);

/// Results per group of one profile question, all ballots first, then the same
/// figures per channel in columns (as in `resultados`). A group's figures in a
/// pillar are shown only when at least `min_group` people of it voted there:
/// smaller groups are added up into "others / small groups" (shown only if that
/// sum reaches `min_group` too), so nobody's ranking can be read off a group of
/// one; a channel's columns stay empty where one channel of the group is that
/// small. A last row states the rule.
fn grouped_table(
    name: &'static str,
    by: ProfileField,
    counts: &ProfileCounts,
    catalog: &Catalog,
    lang: Lang,
    min_group: u64,
) -> Table {
    let field = by;
    let mut header = header(lang, &["group"]);
    header.extend(self::header(lang, RESULT_COLUMNS));
    header.extend(channel_header(lang, false));
    let total = counts.total.get(by);
    let channels = Channel::ALL.map(|c| counts.channel(c).get(by));
    // Every answer in the order the question offers it, then "no data".
    let mut groups: Vec<Option<String>> =
        catalog.options(field).into_iter().map(|c| Some(c.to_string())).collect();
    groups.push(None);
    let empty = GroupCounts::default();
    let of = |counts: &GroupCounts| tally(catalog, &counts.0, &counts.1);
    let mut rows = Vec::new();
    let mut small = Merged::default();
    let mut small_channels: [Merged; 2] = Default::default();
    for group in groups {
        let group_total = total.get(&group).unwrap_or(&empty);
        let group_channels = channels.map(|c| c.get(&group).unwrap_or(&empty));
        let label = group_label(catalog, lang, field, group.as_deref());
        let (shown, hidden): (Vec<PillarResult>, Vec<PillarResult>) =
            of(group_total).into_iter().partition(|r| r.voters >= min_group);
        let mut group_rows = result_rows(&shown, catalog, lang, Some(&label));
        let per_channel = group_channels.map(of);
        add_channel_columns(&mut group_rows, &shown, &[&per_channel[0], &per_channel[1]], min_group);
        rows.extend(group_rows);
        for result in hidden.iter().filter(|r| r.voters > 0) {
            small.add(catalog, group_total, &result.pillar);
            for (merged, counts) in small_channels.iter_mut().zip(group_channels) {
                merged.add(catalog, counts, &result.pillar);
            }
        }
    }
    if !small.voters.is_empty() {
        let merged: Vec<PillarResult> = tally(catalog, &small.counts, &small.voters)
            .into_iter()
            .filter(|r| r.voters >= min_group)
            .collect();
        let mut merged_rows = result_rows(&merged, catalog, lang, Some(&t(lang, "export-small-groups")));
        let per_channel = small_channels.map(|m| tally(catalog, &m.counts, &m.voters));
        add_channel_columns(&mut merged_rows, &merged, &[&per_channel[0], &per_channel[1]], min_group);
        rows.extend(merged_rows);
    }
    if min_group > 1 {
        let mut note = vec![Cell::from(tr(lang, "export-small-groups-note", &[arg("min", min_group)]))];
        note.resize(header.len(), Cell::from(""));
        rows.push(note);
    }
    Table { name, header, rows }
}

/// The local day a participation bucket (see [`db::export::BUCKET_SECS`]) falls in.
fn bucket_day(bucket: i64, tz: Tz) -> Option<String> {
    let start = DateTime::from_timestamp(bucket.checked_mul(db::export::BUCKET_SECS)?, 0)?;
    Some(start.with_timezone(&tz).format("%Y-%m-%d").to_string())
}

fn local_time(ts: &str, tz: Tz) -> String {
    DateTime::parse_from_rfc3339(ts)
        .map(|d| d.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| ts.to_string())
}

/// New participants (by the day they consented) and ballots (virtual by the day
/// they were cast, paper by the day they were entered) per local day.
fn days(
    participants: &[(Option<i64>, Option<String>, u64)],
    ballots: &[(Option<i64>, u64)],
    sheets: &[db::paper::StoredSheet],
    tz: Tz,
) -> BTreeMap<String, (u64, u64)> {
    let mut per_day: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (bucket, _, n) in participants {
        if let Some(day) = bucket.and_then(|b| bucket_day(b, tz)) {
            per_day.entry(day).or_default().0 += n;
        }
    }
    for (bucket, n) in ballots {
        if let Some(day) = bucket.and_then(|b| bucket_day(b, tz)) {
            per_day.entry(day).or_default().1 += n;
        }
    }
    for sheet in sheets {
        per_day.entry(sheet.entered_at.with_timezone(&tz).format("%Y-%m-%d").to_string()).or_default().1 += 1;
    }
    per_day
}

/// The day rows of `participacion` (day, new participants, ballots), from the
/// same queries, without building the other tables.
pub async fn participation_per_day(pool: &SqlitePool, tz: Tz) -> Result<Vec<(String, u64, u64)>> {
    let (participants, ballots, sheets) = tokio::try_join!(
        db::export::participants_per_bucket(pool),
        db::export::ballots_per_bucket(pool),
        db::paper::all(pool),
    )?;
    Ok(days(&participants, &ballots, &sheets, tz).into_iter().map(|(d, (p, b))| (d, p, b)).collect())
}

/// One idea as the `ideas` table lists it.
fn idea_row(i: db::export::IdeaRow, pillar_name: &impl Fn(&str) -> String, lang: Lang, tz: Tz) -> Vec<Cell> {
    let text = match i.kind.as_str() {
        "voice" => t(lang, "export-audio"),
        _ => i.body.unwrap_or_default(),
    };
    vec![
        Cell::Int(i.id),
        Cell::from(pillar_name(&i.pillar)),
        Cell::from(t(lang, &format!("export-kind-{}", i.kind))),
        Cell::from(text),
        Cell::from(i.transcription.unwrap_or_default()),
        Cell::from(i.problem.unwrap_or_default()),
        Cell::from(t(lang, &format!("export-status-{}", i.status))),
        Cell::from(
            i.reason
                .as_deref()
                .and_then(RejectReason::from_code)
                .map(|r| labels::reason_label(lang, r))
                .unwrap_or_default(),
        ),
        Cell::from(i.merged_into.unwrap_or_default()),
        Cell::from(i.promoted_as.unwrap_or_default()),
        Cell::from(local_time(&i.created_at, tz)),
        Cell::from(i.decided_at.map(|d| local_time(&d, tz)).unwrap_or_default()),
    ]
}

/// Every export table, in the order they are listed to people.
/// `min_group`: the fewest voters a group's figures are shown for (see [`grouped_table`]).
///
/// Long on purpose: it is the list of published files, each with the query
/// it comes from, in the order people see them; every table's own rows are
/// built by the functions it calls.
pub async fn tables(pool: &SqlitePool, lang: Lang, tz: Tz, min_group: u64) -> Result<Vec<Table>> {
    // Independent read-only queries, run at the same time on the pool's connections.
    let catalog = db::catalog::load(pool).await?;
    let pillar_name = |key: &str| catalog.pillar(key).map_or(key.to_string(), |p| p.name.clone());
    // The ideas become their rows as they are read.
    let mut idea_rows = Vec::new();
    let ideas = db::export::each_idea(pool, |idea| idea_rows.push(idea_row(idea, &pillar_name, lang, tz)));
    let (counts, grouped, (), participants, ballots, sheets) = tokio::try_join!(
        db::ballots::channel_counts(pool),
        db::export::profile_counts(pool),
        ideas,
        db::export::participants_per_bucket(pool),
        db::export::ballots_per_bucket(pool),
        db::paper::all(pool),
    )?;
    let results = ChannelResults::new(&catalog, &counts);
    let mut overall = header(lang, RESULT_COLUMNS);
    overall.extend(channel_header(lang, results.verification.is_some()));
    let mut tables = vec![
        Table { name: "resultados", header: overall, rows: channel_result_rows(&results, &catalog, lang) },
        Table {
            name: "resultados_virtual",
            header: header(lang, RESULT_COLUMNS),
            rows: result_rows(&results.virtual_, &catalog, lang, None),
        },
        Table {
            name: "resultados_presencial",
            header: header(lang, RESULT_COLUMNS),
            rows: result_rows(&results.presencial, &catalog, lang, None),
        },
    ];
    for (name, by) in [
        ("resultados_por_localidad", ProfileField::Localidad),
        ("resultados_por_sector", ProfileField::Sector),
        ("resultados_por_edad", ProfileField::AgeRange),
    ] {
        tables.push(grouped_table(name, by, &grouped, &catalog, lang, min_group));
    }

    tables.push(Table {
        name: "ideas",
        header: header(
            lang,
            &[
                "id",
                "pillar",
                "kind",
                "text",
                "transcription",
                "problem",
                "status",
                "reason",
                "merged-into",
                "promoted-as",
                "created",
                "decided",
            ],
        ),
        rows: idea_rows,
    });

    // Participation: new participants (by the day they consented) and ballots
    // cast, per day and per localidad.
    let per_day = days(&participants, &ballots, &sheets, tz);
    let mut per_localidad: BTreeMap<Option<String>, (u64, u64)> = BTreeMap::new();
    for (_, localidad, n) in participants {
        per_localidad.entry(localidad).or_default().0 += n;
    }
    // Every ballot (virtual or paper) has one voter: ballots per localidad are its
    // voters per pillar, summed.
    for (localidad, (_, per_pillar)) in &grouped.total.localidad {
        per_localidad.entry(localidad.clone()).or_default().1 += per_pillar.values().sum::<u64>();
    }
    let mut rows: Vec<Vec<Cell>> = per_day
        .into_iter()
        .map(|(day, (p, b))| {
            vec![Cell::from(t(lang, "export-dim-day")), Cell::from(day), Cell::from(p), Cell::from(b)]
        })
        .collect();
    let mut localidades: Vec<Option<String>> =
        catalog.options(ProfileField::Localidad).into_iter().map(|c| Some(c.to_string())).collect();
    localidades.push(None);
    // The dimension is named as the catalog names the territory ("localidad", "comuna").
    let territory = labels::territory_name(&catalog, lang).to_lowercase();
    for l in localidades {
        let (p, b) = per_localidad.get(&l).copied().unwrap_or_default();
        rows.push(vec![
            Cell::from(territory.as_str()),
            Cell::from(group_label(&catalog, lang, ProfileField::Localidad, l.as_deref())),
            Cell::from(p),
            Cell::from(b),
        ]);
    }
    let channel_dimension = t(lang, "export-dim-channel");
    for channel in Channel::ALL {
        let ballots: u64 = counts.channel(channel).voters.values().sum();
        rows.push(vec![
            Cell::from(channel_dimension.as_str()),
            Cell::from(labels::channel_name(lang, channel)),
            Cell::from(""),
            Cell::from(ballots),
        ]);
    }
    tables.push(Table {
        name: "participacion",
        header: header(lang, &["dimension", "value", "participants", "ballots"]),
        rows,
    });
    tables.push(paper_table(&sheets, &catalog, lang, tz));
    Ok(tables)
}

/// Consent decisions per local day and notice version, for the data controller's
/// audit (`consulta consentimientos`): counts only, no ids.
pub async fn consents(pool: &SqlitePool, lang: Lang, tz: Tz) -> Result<Table> {
    let mut per: BTreeMap<(String, String), (i64, i64, i64)> = BTreeMap::new();
    for (version, accepted, guardian, at) in db::citizens::consent_decisions(pool).await? {
        let day = at.with_timezone(&tz).format("%Y-%m-%d").to_string();
        let entry = per.entry((day, version)).or_default();
        match (accepted, guardian) {
            (true, true) => entry.2 += 1,
            (true, false) => entry.0 += 1,
            (false, _) => entry.1 += 1,
        }
    }
    Ok(Table {
        name: "consentimientos",
        header: header(lang, &["day", "version", "accepted", "declined", "guardian"]),
        rows: per
            .into_iter()
            .map(|((day, version), (yes, no, guardian))| {
                vec![Cell::from(day), Cell::from(version), Cell::Int(yes), Cell::Int(no), Cell::Int(guardian)]
            })
            .collect(),
    })
}

fn xlsx(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Export(e.to_string())
}

/// Sheets whose texts are written inline instead of in the shared-strings table.
const INLINE_STRINGS: &[&str] = &["ideas"];

/// Adds `table` to `book` as its next sheet: the header in bold, frozen.
fn add_sheet(
    book: &mut rust_xlsxwriter::Workbook,
    table: &Table,
    bold: &rust_xlsxwriter::Format,
) -> Result<()> {
    // Rows are written out as they come (both kinds). The citizens' own texts
    // are nearly all different: kept in the shared-strings table they would stay
    // in memory until the workbook is saved, so their sheet writes them inline.
    let sheet = if INLINE_STRINGS.contains(&table.name) {
        book.add_worksheet_with_constant_memory()
    } else {
        book.add_worksheet_with_low_memory()
    };
    sheet.set_name(table.name).map_err(xlsx)?;
    for (c, h) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, bold).map_err(xlsx)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| Error::Export("too many rows".into()))?;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                // Written as text, never as a formula.
                Cell::Text(s) => sheet.write_string(r, c as u16, s).map_err(xlsx)?,
                Cell::Int(n) => sheet.write_number(r, c as u16, *n as f64).map_err(xlsx)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    Ok(())
}

/// All the tables as one workbook, a sheet each.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for table in tables {
        add_sheet(&mut book, table, &bold)?;
    }
    book.save_to_buffer().map_err(xlsx)
}

/// Every table in turn, as its CSV file (`None` for the sheets only the workbook
/// has) handed to `csv`, and as a sheet of the workbook, whose bytes come last.
/// Each table is dropped once both are made: at most one table is held beside the
/// workbook's cells, never all of them with all their files.
fn each_file(tables: Vec<Table>, mut csv: impl FnMut(ExportFile) -> Result<()>) -> Result<ExportFile> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for table in tables {
        if !WORKBOOK_ONLY.contains(&table.name) {
            csv(ExportFile { name: format!("{}.csv", table.name), bytes: table.to_csv() })?;
        }
        add_sheet(&mut book, &table, &bold)?;
    }
    Ok(ExportFile { name: WORKBOOK.to_string(), bytes: book.save_to_buffer().map_err(xlsx)? })
}

/// Every export file: one CSV per table, then the workbook.
pub async fn files(pool: &SqlitePool, lang: Lang, tz: Tz, min_group: u64) -> Result<Vec<ExportFile>> {
    let tables = tables(pool, lang, tz, min_group).await?;
    let mut files: Vec<ExportFile> = Vec::with_capacity(tables.len() + 1);
    let book = each_file(tables, |file| {
        files.push(file);
        Ok(())
    })?;
    files.push(book);
    Ok(files)
}

/// Writes every export file into `dir` (created if missing); returns the paths.
/// Each file is written as soon as it is made and dropped, not held until the end.
pub async fn write_dir(
    pool: &SqlitePool,
    lang: Lang,
    tz: Tz,
    min_group: u64,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_owned(), source })?;
    let mut written = Vec::new();
    let mut write = |file: ExportFile| {
        let path = dir.join(&file.name);
        std::fs::write(&path, &file.bytes).map_err(|source| Error::Write { path: path.clone(), source })?;
        written.push(path);
        Ok(())
    };
    let tables = tables(pool, lang, tz, min_group).await?;
    let book = each_file(tables, &mut write)?;
    write(book)?;
    Ok(written)
}
