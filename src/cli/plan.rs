//! `consulta plan …`: checking and storing the Plan de Acción and its reasoned
//! response, from the plan file or the answers spreadsheet.

use crate::{
    app::{open_to_read, operator},
    cli::{explain::path_arg, print_line},
    config::Cli,
    db::{
        self, Access,
        plan::{Origin, Stored},
    },
    domain::{
        Catalog, ChannelResults, Lang,
        export::{Cell, Table},
        plan::{Draft, Inclusion, Plan, Problem, ProblemKind, SHEET_COLUMNS},
    },
    error::{Error, Result},
    i18n::{arg, t, tr},
    labels,
};
use std::{path::Path, process::ExitCode};

/// One problem, for the operator: `plan.toml:12: commitments[2] (C3): …`.
pub fn describe(lang: Lang, file: &str, p: &Problem) -> String {
    let what = match &p.kind {
        ProblemKind::Syntax(m) => tr(lang, "plan-syntax", &[arg("message", m.clone())]),
        ProblemKind::MissingField(f) => tr(lang, "plan-missing-field", &[arg("field", *f)]),
        ProblemKind::BadId(id) => tr(lang, "plan-bad-id", &[arg("id", id.clone())]),
        ProblemKind::DuplicateId(id) => tr(lang, "plan-duplicate-id", &[arg("id", id.clone())]),
        ProblemKind::TooLong { field, chars, max } => {
            tr(lang, "plan-too-long", &[arg("field", *field), arg("chars", *chars), arg("max", *max)])
        }
        ProblemKind::BadDate { field, value } => {
            tr(lang, "plan-bad-date", &[arg("field", *field), arg("value", value.clone())])
        }
        ProblemKind::DatesReversed => t(lang, "plan-dates-reversed"),
        ProblemKind::OutsidePlan => t(lang, "plan-outside-plan"),
        ProblemKind::MilestoneOutside { due, starts, ends } => tr(
            lang,
            "plan-milestone-outside",
            &[arg("due", due.to_string()), arg("starts", starts.to_string()), arg("ends", ends.to_string())],
        ),
        ProblemKind::BadWeight(w) => tr(lang, "plan-bad-weight", &[arg("value", *w)]),
        ProblemKind::UnknownPillar(k) => tr(lang, "plan-unknown-pillar", &[arg("pillar", k.clone())]),
        ProblemKind::UnknownValue(v) => tr(lang, "plan-unknown-value", &[arg("value", v.clone())]),
        ProblemKind::NoValues => t(lang, "plan-no-values"),
        ProblemKind::UnknownProposal(id) => tr(lang, "plan-unknown-proposal", &[arg("id", id.clone())]),
        ProblemKind::WithdrawnProposal(id) => tr(lang, "plan-withdrawn-proposal", &[arg("id", id.clone())]),
        ProblemKind::DuplicateResponse(id) => tr(lang, "plan-duplicate-response", &[arg("id", id.clone())]),
        ProblemKind::BadDecision(v) => tr(lang, "plan-bad-decision", &[arg("value", v.clone())]),
        ProblemKind::MissingReason(d) => {
            tr(lang, "plan-missing-reason", &[arg("decision", decision(lang, *d))])
        }
        ProblemKind::MissingCommitment(d) => {
            tr(lang, "plan-missing-commitment", &[arg("decision", decision(lang, *d))])
        }
        ProblemKind::UnknownCommitment(c) => tr(lang, "plan-unknown-commitment", &[arg("id", c.clone())]),
        ProblemKind::CommitmentNotExpected(d) => {
            tr(lang, "plan-commitment-not-expected", &[arg("decision", decision(lang, *d))])
        }
        ProblemKind::NotInAnswers { proposal, commitment } => tr(
            lang,
            "plan-not-in-answers",
            &[arg("proposal", proposal.clone()), arg("commitment", commitment.clone())],
        ),
        ProblemKind::ContradictsAnswers { commitment, decision: d } => tr(
            lang,
            "plan-contradicts-answers",
            &[arg("commitment", commitment.clone()), arg("decision", decision(lang, *d))],
        ),
        ProblemKind::MissingMergedWith => t(lang, "plan-missing-merged-with"),
        ProblemKind::MergedWithItself => t(lang, "plan-merged-with-itself"),
        ProblemKind::MissingColumn(c) => tr(lang, "plan-missing-column", &[arg("column", c.clone())]),
    };
    let at = match p.line {
        Some(line) => format!("{file}:{line}"),
        None => file.to_string(),
    };
    if p.place.is_empty() { format!("{at}: {what}") } else { format!("{at}: {}: {what}", p.place) }
}

/// A decision's name in `lang`.
pub fn decision(lang: Lang, d: Inclusion) -> String {
    t(lang, &format!("plan-decision-{}", d.code()))
}

/// The proposals still without a decision, one line each.
fn undecided_lines(lang: Lang, file: &str, plan: &Plan, catalog: &Catalog) -> Vec<String> {
    plan.undecided(catalog)
        .into_iter()
        .map(|p| {
            let pillar = catalog.pillar(&p.pillar).map_or(p.pillar.clone(), |k| k.name.clone());
            tr(
                lang,
                "plan-undecided",
                &[
                    arg("file", file.to_string()),
                    arg("id", p.id.clone()),
                    arg("title", labels::proposal_title(p, lang).to_string()),
                    arg("pillar", pillar),
                ],
            )
        })
        .collect()
}

/// "Plan «…»: 12 compromisos, 40 hitos; 30 incluidas, …; 5 sin decisión."
fn summary(lang: Lang, plan: &Plan, catalog: &Catalog) -> String {
    let count = |d: Inclusion| plan.responses.iter().filter(|r| r.decision == d).count();
    tr(
        lang,
        "plan-summary",
        &[
            arg("title", plan.title_in(lang).to_string()),
            arg("commitments", plan.commitments.len()),
            arg("milestones", plan.commitments.iter().map(|c| c.milestones.len()).sum::<usize>()),
            arg("included", count(Inclusion::Incluida)),
            arg("partial", count(Inclusion::Parcial)),
            arg("merged", count(Inclusion::Fusionada)),
            arg("deferred", count(Inclusion::Aplazada)),
            arg("not_included", count(Inclusion::NoIncluida)),
            arg("undecided", plan.undecided(catalog).len()),
        ],
    )
}

fn read(file: &Path) -> Result<Vec<u8>> {
    match std::fs::read(file) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::MissingFile(file.to_owned())),
        Err(e) => Err(Error::Io(e)),
    }
}

/// Reads and checks a plan file against the catalog (and, for an import, keeps
/// the stored answers it does not replace).
fn checked(
    lang: Lang,
    file: &Path,
    catalog: &Catalog,
    earlier: Option<&Plan>,
) -> Result<std::result::Result<Plan, Vec<String>>> {
    let name = path_arg(file);
    let bytes = read(file)?;
    let source = String::from_utf8_lossy(&bytes);
    let draft = match Draft::parse_toml(&source) {
        Ok(d) => d,
        Err(problems) => return Ok(Err(problems.iter().map(|p| describe(lang, &name, p)).collect())),
    };
    let mut draft = draft;
    if let Some(earlier) = earlier {
        draft.keep_answers_of(earlier);
    }
    Ok(draft.check(catalog).map_err(|problems| problems.iter().map(|p| describe(lang, &name, p)).collect()))
}

fn refuse(lang: Lang, lines: &[String]) -> Result<ExitCode> {
    for line in lines {
        eprintln!("{line}");
    }
    eprintln!("{}", tr(lang, "plan-nothing-stored", &[arg("count", lines.len())]));
    Ok(ExitCode::FAILURE)
}

fn report_stored(lang: Lang, file: &Path, plan: &Plan, catalog: &Catalog, stored: Stored) {
    print_line(summary(lang, plan, catalog));
    for line in undecided_lines(lang, &path_arg(file), plan, catalog) {
        print_line(line);
    }
    print_line(match stored {
        Stored::Unchanged { version } => tr(lang, "plan-unchanged", &[arg("version", version)]),
        Stored::New { version, versions } => {
            tr(lang, "plan-stored", &[arg("version", version), arg("versions", versions)])
        }
    });
}

/// `consulta plan check FILE`.
pub async fn check(cli: &Cli, file: &Path) -> Result<ExitCode> {
    let lang = cli.language;
    let pool = open_to_read(cli).await?;
    let loaded =
        async { Ok::<_, Error>((db::catalog::load(&pool).await?, db::plan::current(&pool).await?)) }.await;
    db::close(pool).await;
    let (catalog, current) = loaded?;
    match checked(lang, file, &catalog, current.as_ref().map(|(_, p)| p))? {
        Ok(plan) => {
            print_line(summary(lang, &plan, &catalog));
            for line in undecided_lines(lang, &path_arg(file), &plan, &catalog) {
                print_line(line);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(lines) => {
            for line in &lines {
                eprintln!("{line}");
            }
            eprintln!("{}", tr(lang, "plan-problems", &[arg("count", lines.len())]));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `consulta plan import FILE`: all or nothing; the same plan again changes nothing.
pub async fn import(cli: &Cli, file: &Path) -> Result<ExitCode> {
    let lang = cli.language;
    store_checked(cli, file, Origin::PlanFile, |catalog, current| checked(lang, file, catalog, current)).await
}

/// Opens the database, makes the plan with `make` from the catalog and the plan
/// in force, and stores it, or reports every problem and stores nothing.
async fn store_checked<F>(cli: &Cli, file: &Path, origin: Origin, make: F) -> Result<ExitCode>
where
    F: FnOnce(&Catalog, Option<&Plan>) -> Result<std::result::Result<Plan, Vec<String>>>,
{
    let lang = cli.language;
    let pool = db::open_with(&cli.database, Access::ReadWrite).await?;
    let outcome = async {
        if !db::catalog::is_loaded(&pool).await? {
            return Err(Error::NoCatalog(db::Location::parse(&cli.database)?.path));
        }
        let catalog = db::catalog::load(&pool).await?;
        let current = db::plan::current(&pool).await?;
        let plan = match make(&catalog, current.as_ref().map(|(_, p)| p))? {
            Ok(plan) => plan,
            Err(lines) => return Ok(Err(lines)),
        };
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stored = db::plan::store(&pool, &plan, origin, &name, &operator()).await?;
        Ok(Ok((plan, catalog, stored)))
    }
    .await;
    db::close(pool).await;
    match outcome? {
        Ok((plan, catalog, stored)) => {
            report_stored(lang, file, &plan, &catalog, stored);
            Ok(ExitCode::SUCCESS)
        }
        Err(lines) => refuse(lang, &lines),
    }
}

/// The answers spreadsheet: one row per proposal, by pillar and place, with
/// what helps to answer it and the stored answer, if any.
pub fn answers_sheet(lang: Lang, catalog: &Catalog, results: &ChannelResults, plan: Option<&Plan>) -> Table {
    let mut rows = Vec::new();
    for pillar in &results.total {
        for p in &pillar.proposals {
            let Some(proposal) = catalog.proposal(&p.proposal_id) else { continue };
            let answer = plan.and_then(|plan| plan.response(&p.proposal_id));
            let text = |v: Option<&String>| Cell::from(v.cloned().unwrap_or_default());
            rows.push(vec![
                Cell::from(pillar.name.as_str()),
                Cell::from(p.proposal_id.as_str()),
                Cell::from(labels::proposal_title(proposal, lang)),
                Cell::from(labels::proposal_source(proposal, lang)),
                Cell::from(p.rank),
                Cell::from(p.points),
                Cell::from(answer.map(|a| a.decision.code()).unwrap_or_default()),
                text(answer.and_then(|a| a.commitment.as_ref())),
                text(answer.and_then(|a| a.merged_with.as_ref())),
                text(answer.and_then(|a| a.reason.as_ref())),
                text(answer.and_then(|a| a.reason_en.as_ref())),
            ]);
        }
    }
    Table { name: "respuestas", header: SHEET_COLUMNS.iter().map(|c| c.to_string()).collect(), rows }
}

/// `consulta plan respuestas plantilla FILE`: never overwrites.
pub async fn answers_template(cli: &Cli, file: &Path) -> Result<ExitCode> {
    use std::io::Write;
    let lang = cli.language;
    let pool = open_to_read(cli).await?;
    let loaded = async {
        let (catalog, counts, plan) = tokio::try_join!(
            db::catalog::load(&pool),
            db::ballots::channel_counts(&pool),
            db::plan::current(&pool)
        )?;
        Ok::<_, Error>((catalog, counts, plan))
    }
    .await;
    db::close(pool).await;
    let (catalog, counts, plan) = loaded?;
    let results = ChannelResults::new(&catalog, &counts);
    let table = answers_sheet(lang, &catalog, &results, plan.as_ref().map(|(_, p)| p));
    let mut out = match std::fs::OpenOptions::new().write(true).create_new(true).open(file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::AlreadyExists(file.to_owned()));
        }
        Err(source) => return Err(Error::Write { path: file.to_owned(), source }),
    };
    out.write_all(&table.to_csv()).map_err(|source| Error::Write { path: file.to_owned(), source })?;
    print_line(tr(
        lang,
        "plan-answers-template-written",
        &[arg("path", path_arg(file)), arg("rows", table.rows.len())],
    ));
    let codes: Vec<&str> = Inclusion::ALL.iter().map(|d| d.code()).collect();
    print_line(tr(lang, "plan-answers-decisions", &[arg("codes", codes.join(", "))]));
    Ok(ExitCode::SUCCESS)
}

/// `consulta plan respuestas import FILE`: checked with the stored plan's
/// commitments; all rows or none.
pub async fn answers_import(cli: &Cli, file: &Path) -> Result<ExitCode> {
    let lang = cli.language;
    let bytes = read(file)?;
    let name = path_arg(file);
    let described = |problems: Vec<Problem>| problems.iter().map(|p| describe(lang, &name, p)).collect();
    store_checked(cli, file, Origin::AnswersSheet, |catalog, current| {
        let Some(current) = current else {
            return Ok(Err(vec![t(lang, "plan-answers-need-plan")]));
        };
        let rows = match crate::domain::plan::parse_sheet(&bytes) {
            Ok(rows) => rows,
            Err(problems) => return Ok(Err(described(problems))),
        };
        let mut draft = Draft::from_plan(current);
        draft.answer(rows);
        Ok(draft.check(catalog).map_err(described))
    })
    .await
}

/// `consulta plan export --dir DIR`: the follow-up's open data (no personal data).
pub async fn export(cli: &Cli, dir: &Path) -> Result<ExitCode> {
    let lang = cli.language;
    let pool = open_to_read(cli).await?;
    let loaded = async {
        let (plan, records, updates) = tokio::try_join!(
            db::plan::current(&pool),
            db::followup::records(&pool),
            db::followup::all_updates(&pool)
        )?;
        Ok::<_, Error>((plan, records, updates))
    }
    .await;
    db::close(pool).await;
    let (plan, records, updates) = loaded?;
    let Some((_, plan)) = plan else {
        print_line(t(lang, "followup-no-plan-admin"));
        return Ok(ExitCode::FAILURE);
    };
    let today = crate::followup::today(cli.timezone);
    let data = crate::followup::open_data::build(&plan, &records, &updates, today, cli.timezone);
    std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_owned(), source })?;
    for (name, bytes) in data.files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|source| Error::Write { path: path.clone(), source })?;
        print_line(path.display());
    }
    Ok(ExitCode::SUCCESS)
}
