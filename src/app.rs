//! The command-line entry points: run the bot, check or import a catalog, tally.

use crate::{
    cli::{
        EXIT_CONFIG,
        explain::{describe, explain, path_arg, summary, telegram_failure, with_detail},
        print_line,
        setup::{SettingsPlace, read_catalog_file, telegram_bot},
    },
    config::{AnswersAction, CatalogAction, Cli, Command, PaperAction, PlanAction, Settings},
    db::{self, Access},
    domain::{Catalog, Channel, ChannelResults, Lang},
    error::{Error, Result},
    i18n::{arg, t, tr},
    intake,
};
use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};
use teloxide::{ApiError, RequestError, prelude::*};

pub async fn main_with(cli: Cli) -> ExitCode {
    let settings = cli.settings();
    let outcome = match &cli.command {
        None | Some(Command::Run) => run(&cli, settings).await,
        Some(Command::Catalog { action: CatalogAction::Check { file } }) => check(&cli, file),
        Some(Command::Catalog { action: CatalogAction::Import { file } }) => import(&cli, file).await,
        Some(Command::Tally) => print_tally(&cli).await,
        Some(Command::Papeletas { action: PaperAction::Plantilla { file } }) => {
            paper_template(&cli, file).await
        }
        Some(Command::Papeletas { action: PaperAction::Import { file } }) => paper_import(&cli, file).await,
        Some(Command::Export { dir }) => export(&cli, dir).await,
        Some(Command::Consentimientos { dir }) => consents(&cli, dir).await,
        Some(Command::Backup { file }) => backup(&cli, file).await,
        Some(Command::Restore { file }) => restore(&cli, file).await,
        Some(Command::Plan { action }) => match action {
            PlanAction::Check { file } => crate::cli::plan::check(&cli, file).await,
            PlanAction::Import { file } => crate::cli::plan::import(&cli, file).await,
            PlanAction::Respuestas { action: AnswersAction::Plantilla { file } } => {
                crate::cli::plan::answers_template(&cli, file).await
            }
            PlanAction::Respuestas { action: AnswersAction::Import { file } } => {
                crate::cli::plan::answers_import(&cli, file).await
            }
            PlanAction::Export { dir } => crate::cli::plan::export(&cli, dir).await,
        },
        Some(Command::Informe { dir }) => informe(&cli, dir).await,
        Some(Command::Integridad) => integrity(&cli).await,
        Some(Command::Typeset) => return crate::report::pdf::typeset_stdio(),
        Some(Command::Doctor) => crate::doctor::run(&cli).await,
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", explain(&cli, &e));
            // The service restarts the bot after a failure, but not after exit 2:
            // a setting to fix fails the same way until someone fixes it.
            let starting = matches!(cli.command, None | Some(Command::Run));
            if starting && e.needs_a_person() { ExitCode::from(EXIT_CONFIG) } else { ExitCode::FAILURE }
        }
    }
}

/// The catalog the bot loads into a database that has none.
fn startup_catalog(cli: &Cli) -> Result<Catalog> {
    let source = match &cli.catalog {
        Some(path) => read_catalog_file(path, Some(cli.setting_name("catalog")))?,
        None => crate::DEFAULT_CATALOG.to_string(),
    };
    Catalog::parse(&source).map_err(|problems| {
        let lang = cli.language;
        let place = cli.catalog.as_deref().map(path_arg);
        // First what to do and where, then each problem with its line.
        let heading = match &place {
            Some(file) => tr(
                lang,
                "cli-catalog-problems-at-start",
                &[
                    arg("path", file.clone()),
                    arg("setting", cli.setting_name("catalog")),
                    arg("count", problems.len()),
                ],
            ),
            None => tr(lang, "catalog-problems", &[arg("count", problems.len())]),
        };
        let lines = problems.iter().map(|p| match &place {
            Some(file) => format!("{file}: {}", describe(lang, p)),
            None => describe(lang, p),
        });
        Error::Config(std::iter::once(heading).chain(lines).collect::<Vec<_>>().join("\n"))
    })
}

/// Opens the database for the bot, creating it and loading the catalog on the
/// first start. A database this call created is removed again if it fails, so a
/// mistake never leaves an empty database behind.
async fn open_for_bot(cli: &Cli) -> Result<sqlx::SqlitePool> {
    let location = db::Location::parse(&cli.database)?;
    let existed = location.exists()?;
    let opened = async {
        let pool = db::open_with(&cli.database, Access::Create).await?;
        let loaded = async {
            if !db::catalog::is_loaded(&pool).await? {
                let catalog = startup_catalog(cli)?;
                db::catalog::import(&pool, &catalog).await?;
                tracing::info!(proposals = catalog.proposals.len(), "catalog loaded");
            }
            Ok(())
        }
        .await;
        match loaded {
            Ok(()) => Ok(pool),
            Err(e) => {
                db::close(pool).await;
                Err(e)
            }
        }
    }
    .await;
    if opened.is_err() && !existed {
        remove_database_files(&location.path);
    }
    opened
}

/// Removes a database file with its `-wal`, `-shm` and `-journal` companions.
fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Opens an existing database read-only for a command that only reads it.
pub(crate) async fn open_to_read(cli: &Cli) -> Result<sqlx::SqlitePool> {
    let pool = db::open_with(&cli.database, Access::ReadOnly).await?;
    match db::catalog::is_loaded(&pool).await {
        Ok(true) => Ok(pool),
        Ok(false) => {
            db::close(pool).await;
            Err(Error::NoCatalog(db::Location::parse(&cli.database)?.path))
        }
        Err(e) => {
            db::close(pool).await;
            Err(e)
        }
    }
}

async fn run(cli: &Cli, settings: Settings) -> Result<ExitCode> {
    let lang = cli.language;
    let bot = match telegram_bot(lang) {
        Ok(bot) => bot,
        Err(message) => {
            eprintln!("{message}");
            return Ok(ExitCode::from(EXIT_CONFIG));
        }
    };
    if settings.verification == crate::domain::Verification::Phone && settings.phone_key.is_none() {
        eprintln!(
            "{}",
            tr(lang, "cli-phone-key-missing", &[arg("min", crate::domain::verification::MIN_KEY_BYTES)])
        );
        return Ok(ExitCode::from(EXIT_CONFIG));
    }
    // Path and address mistakes are reported before anything is asked of
    // Telegram or created on disk.
    let location = db::Location::parse(&cli.database)?;
    location.exists()?;
    if cli.webhook_url.is_some() {
        intake::webhook::check_address(cli.listen)?;
    }
    match bot.get_me().await {
        Ok(me) => tracing::info!(username = %me.username(), "connected to Telegram"),
        Err(RequestError::Api(ApiError::InvalidToken)) => {
            eprintln!(
                "{}",
                tr(lang, "cli-token-rejected", &[arg("place", SettingsPlace::of_token().describe(lang))])
            );
            return Ok(ExitCode::from(EXIT_CONFIG));
        }
        Err(e) => {
            let (message, detail) = telegram_failure(lang, &e);
            let message = format!("{message} {}", t(lang, "cli-telegram-not-started"));
            eprintln!("{}", with_detail(lang, message, detail));
            return Ok(ExitCode::FAILURE);
        }
    }
    let pool = open_for_bot(cli).await?;
    intake::run_until(bot, pool, settings, intake_mode(cli), intake::shutdown_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

/// Polling unless a webhook address is configured.
fn intake_mode(cli: &Cli) -> intake::Intake {
    match &cli.webhook_url {
        Some(url) => intake::Intake::webhook(intake::WebhookSettings {
            url: url.clone(),
            listen: cli.listen,
            secret: cli.webhook_secret.clone(),
        }),
        None => intake::Intake::polling(),
    }
}

fn read_catalog(lang: Lang, file: &Path) -> Result<std::result::Result<Catalog, Vec<String>>> {
    let source = read_catalog_file(file, None)?;
    Ok(Catalog::parse(&source).map_err(|problems| {
        problems.iter().map(|p| format!("{}: {}", file.display(), describe(lang, p))).collect()
    }))
}

fn check(cli: &Cli, file: &Path) -> Result<ExitCode> {
    let lang = cli.language;
    match read_catalog(lang, file)? {
        Ok(catalog) => {
            print_line(summary(lang, &catalog));
            Ok(ExitCode::SUCCESS)
        }
        Err(lines) => {
            for line in &lines {
                eprintln!("{line}");
            }
            eprintln!("{}", tr(lang, "catalog-problems", &[arg("count", lines.len())]));
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn import(cli: &Cli, file: &Path) -> Result<ExitCode> {
    let lang = cli.language;
    let catalog = match read_catalog(lang, file)? {
        Ok(c) => c,
        Err(lines) => {
            for line in &lines {
                eprintln!("{line}");
            }
            eprintln!("{}", tr(lang, "catalog-problems", &[arg("count", lines.len())]));
            return Ok(ExitCode::FAILURE);
        }
    };
    let pool = db::open_with(&cli.database, Access::Create).await?;
    let report = db::catalog::import(&pool, &catalog).await;
    // Closing checkpoints the WAL: the import is in the main file when we exit.
    db::close(pool).await;
    let report = report?;
    print_line(summary(lang, &catalog));
    print_line(tr(
        lang,
        "catalog-imported",
        &[
            arg("added", report.added),
            arg("updated", report.updated),
            arg("withdrawn", report.withdrawn),
            arg("removed", report.removed),
        ],
    ));
    Ok(ExitCode::SUCCESS)
}

/// The current results as a plain-text table per pillar: all ballots, then the
/// virtual and the paper (presencial) ones on their own.
pub async fn tally_text(pool: &sqlx::SqlitePool, lang: Lang) -> Result<String> {
    let catalog = db::catalog::load(pool).await?;
    let counts = db::ballots::channel_counts(pool).await?;
    let results = ChannelResults::new(&catalog, &counts);
    let mut out = String::new();
    let table = |out: &mut String, pillar: &crate::domain::PillarResult| {
        out.push_str(&format!(
            "{:>4}  {:<6} {:>7} {:>7} {:>7}  {}\n",
            "#",
            "id",
            t(lang, "tally-points"),
            t(lang, "tally-first"),
            t(lang, "tally-chosen"),
            t(lang, "tally-title")
        ));
        for p in &pillar.proposals {
            out.push_str(&format!(
                "{:>4}  {:<6} {:>7} {:>7} {:>7}  {}\n",
                p.rank, p.proposal_id, p.points, p.first_choices, p.times_chosen, p.title
            ));
        }
    };
    for (i, pillar) in results.total.iter().enumerate() {
        out.push_str(&tr(
            lang,
            "tally-pillar",
            &[arg("pillar", pillar.name.clone()), arg("voters", pillar.voters)],
        ));
        out.push('\n');
        table(&mut out, pillar);
        let mut parts: Vec<(String, &crate::domain::PillarResult)> = Channel::ALL
            .iter()
            .map(|c| (crate::labels::channel_name(lang, *c), &results.channel(*c)[i]))
            .collect();
        // Once numbers are verified, the virtual ballots of each kind on their own.
        if let Some((verified, unverified)) = &results.verification {
            parts.push((crate::labels::verification_name(lang, true), &verified[i]));
            parts.push((crate::labels::verification_name(lang, false), &unverified[i]));
        }
        for (channel, part) in parts {
            out.push_str(&tr(
                lang,
                "tally-channel",
                &[arg("pillar", part.name.clone()), arg("channel", channel), arg("voters", part.voters)],
            ));
            out.push('\n');
            table(&mut out, part);
        }
        out.push('\n');
    }
    Ok(out)
}

async fn print_tally(cli: &Cli) -> Result<ExitCode> {
    let pool = open_to_read(cli).await?;
    let text = tally_text(&pool, cli.language).await;
    db::close(pool).await;
    print_line(text?.trim_end());
    Ok(ExitCode::SUCCESS)
}

async fn export(cli: &Cli, dir: &Path) -> Result<ExitCode> {
    let pool = open_to_read(cli).await?;
    let written = crate::export::write_dir(&pool, cli.language, cli.timezone, cli.min_group, dir).await;
    db::close(pool).await;
    for path in written? {
        print_line(path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `consulta informe --dir DIR`: the report as HTML and PDF.
async fn informe(cli: &Cli, dir: &Path) -> Result<ExitCode> {
    let pool = open_to_read(cli).await?;
    let report = crate::report::files(&pool, cli.language, &cli.settings()).await;
    db::close(pool).await;
    std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_owned(), source })?;
    for file in report? {
        let path = dir.join(&file.name);
        std::fs::write(&path, &file.bytes).map_err(|source| Error::Write { path: path.clone(), source })?;
        print_line(path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `consulta integridad`: the integrity report, every sign listed.
async fn integrity(cli: &Cli) -> Result<ExitCode> {
    let pool = open_to_read(cli).await?;
    let settings = cli.settings();
    let findings = match db::catalog::load(&pool).await {
        Ok(catalog) => crate::integrity::findings(&pool, &catalog, &settings).await.map(|f| (catalog, f)),
        Err(e) => Err(e),
    };
    db::close(pool).await;
    let (catalog, findings) = findings?;
    let text = crate::integrity::text::full(cli.language, &catalog, cli.timezone, &findings);
    print_line(crate::bot::ui::strip_tags(&text));
    Ok(ExitCode::SUCCESS)
}

/// `consulta consentimientos`: the consent audit for the data controller.
async fn consents(cli: &Cli, dir: &Path) -> Result<ExitCode> {
    let pool = open_to_read(cli).await?;
    let table = crate::export::consents(&pool, cli.language, cli.timezone).await;
    db::close(pool).await;
    let table = table?;
    std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_owned(), source })?;
    let path = dir.join(format!("{}.csv", table.name));
    std::fs::write(&path, table.to_csv()).map_err(|source| Error::Write { path: path.clone(), source })?;
    print_line(path.display());
    Ok(ExitCode::SUCCESS)
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

async fn backup(cli: &Cli, file: &Path) -> Result<ExitCode> {
    let pool = db::open_with(&cli.database, Access::Snapshot).await?;
    let copied = db::backup::backup(&pool, file).await;
    db::close(pool).await;
    let contents = copied?;
    print_line(tr(
        cli.language,
        "cli-backup-written",
        &[
            arg("path", path_arg(file)),
            arg("size", megabytes(contents.bytes)),
            arg("participants", contents.participants),
            arg("ballots", contents.ballots),
            arg("ideas", contents.ideas),
        ],
    ));
    Ok(ExitCode::SUCCESS)
}

async fn restore(cli: &Cli, file: &Path) -> Result<ExitCode> {
    let restored = db::backup::restore(file, &cli.database).await?;
    let target = db::Location::parse(&cli.database)?.path;
    let c = restored.contents;
    print_line(tr(
        cli.language,
        "cli-restored",
        &[
            arg("from", path_arg(file)),
            arg("path", path_arg(&target)),
            arg("participants", c.participants),
            arg("ballots", c.ballots),
            arg("ideas", c.ideas),
        ],
    ));
    if let Some(previous) = restored.previous {
        print_line(tr(cli.language, "cli-restored-previous", &[arg("path", path_arg(&previous))]));
    }
    Ok(ExitCode::SUCCESS)
}

/// `consulta papeletas plantilla`: the empty spreadsheet to fill in from the
/// sheets, headers in Spanish, one `opcion_N` column per priority. Never
/// overwrites a file.
async fn paper_template(cli: &Cli, file: &Path) -> Result<ExitCode> {
    use std::io::Write;
    let lang = cli.language;
    let pool = open_to_read(cli).await?;
    let catalog = db::catalog::load(&pool).await;
    db::close(pool).await;
    let catalog = catalog?;
    let columns = crate::domain::paper::template_columns(usize::from(catalog.consultation.max_priorities));
    let table = crate::domain::export::Table { name: "papeletas", header: columns, rows: Vec::new() };
    let mut out = match std::fs::OpenOptions::new().write(true).create_new(true).open(file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::AlreadyExists(file.to_owned()));
        }
        Err(source) => return Err(Error::Write { path: file.to_owned(), source }),
    };
    out.write_all(&table.to_csv()).map_err(|source| Error::Write { path: file.to_owned(), source })?;
    print_line(tr(lang, "cli-paper-template-written", &[arg("path", path_arg(file))]));
    if catalog.voting_points.is_empty() {
        print_line(t(lang, "cli-paper-no-points"));
    } else {
        let points: Vec<String> =
            catalog.voting_points.iter().map(|p| format!("{} ({})", p.code, p.label.get(lang))).collect();
        print_line(tr(lang, "cli-paper-points", &[arg("points", points.join(", "))]));
    }
    let pillars: Vec<String> = catalog.pillars.iter().map(|p| format!("{} ({})", p.key, p.name)).collect();
    print_line(tr(lang, "cli-paper-pillars", &[arg("pillars", pillars.join(", "))]));
    Ok(ExitCode::SUCCESS)
}

/// One problem of a spreadsheet row, for the operator.
fn describe_row(lang: Lang, catalog: &Catalog, p: &crate::domain::paper::LineProblem) -> String {
    use crate::domain::paper::RowProblem as R;
    let detail = match &p.problem {
        R::MissingColumn(c) => tr(lang, "cli-paper-missing-column", &[arg("column", c.clone())]),
        R::Unreadable(e) => tr(lang, "cli-paper-unreadable", &[arg("detail", e.clone())]),
        R::UnknownPoint(v) => tr(lang, "cli-paper-unknown-point", &[arg("value", v.clone())]),
        R::BadSheet(v) => tr(lang, "cli-paper-bad-sheet", &[arg("value", v.clone())]),
        R::UnknownPillar(v) => tr(lang, "cli-paper-unknown-pillar", &[arg("value", v.clone())]),
        R::NoChoice => t(lang, "cli-paper-no-choice"),
        R::Gap(n) => tr(lang, "cli-paper-gap", &[arg("column", format!("opcion_{n}"))]),
        R::UnknownProposal(v) => tr(lang, "cli-paper-unknown-proposal", &[arg("value", v.clone())]),
        R::NotInPillar { proposal, pillar } => tr(
            lang,
            "cli-paper-not-in-pillar",
            &[
                arg("proposal", proposal.clone()),
                arg("pillar", catalog.pillar(pillar).map_or(pillar.clone(), |p| p.name.clone())),
            ],
        ),
        R::Repeated(v) => tr(lang, "cli-paper-repeated", &[arg("value", v.clone())]),
        R::TooMany(n) => tr(lang, "cli-paper-too-many", &[arg("max", *n)]),
        R::BadAnswer { field, value } => tr(
            lang,
            "cli-paper-bad-answer",
            &[
                arg("field", crate::labels::field_name(catalog, lang, *field)),
                arg("value", value.clone()),
                arg("options", catalog.options(*field).join(", ")),
            ],
        ),
        R::DuplicateInFile(first) => tr(lang, "cli-paper-duplicate-in-file", &[arg("first", *first)]),
        R::DiffersFromStored => t(lang, "cli-paper-differs"),
    };
    tr(lang, "cli-paper-line", &[arg("line", p.line), arg("problem", detail)])
}

/// Who runs the command, for the audit line of an import.
pub(crate) fn operator() -> String {
    let user = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "?".into());
    format!("cli:{user}")
}

/// `consulta papeletas import FILE.csv`: every row is checked first and every
/// problem reported with its line; then all rows are imported in one
/// transaction, or none. Rows identical to stored sheets change nothing, so
/// importing the same file again is a no-op. Like the chat entry, it is allowed
/// until the grace period after closing, judged by the time of the import.
async fn paper_import(cli: &Cli, file: &Path) -> Result<ExitCode> {
    let lang = cli.language;
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::MissingFile(file.to_owned()));
        }
        Err(e) => return Err(Error::Io(e)),
    };
    let pool = db::open_with(&cli.database, Access::ReadWrite).await?;
    let outcome = async {
        if !db::catalog::is_loaded(&pool).await? {
            return Err(Error::NoCatalog(db::Location::parse(&cli.database)?.path));
        }
        let catalog = db::catalog::load(&pool).await?;
        let c = &catalog.consultation;
        let now = chrono::Utc::now();
        if let Some(opens) = c.opens_at.filter(|o| now < *o) {
            let date = crate::labels::date(&opens, cli.timezone, lang);
            return Ok(Err(vec![tr(lang, "cli-paper-not-yet", &[arg("date", date)])]));
        }
        if !crate::domain::paper::entry_open(now, c.opens_at, c.closes_at, cli.paper_grace_hours) {
            let deadline = crate::domain::paper::entry_deadline(c.closes_at, cli.paper_grace_hours)
                .map(|d| crate::labels::date(&d, cli.timezone, lang))
                .unwrap_or_default();
            return Ok(Err(vec![tr(lang, "cli-paper-closed", &[arg("date", deadline)])]));
        }
        let rows = match crate::domain::paper::parse_csv(&catalog, &bytes) {
            Ok(rows) => rows,
            Err(problems) => {
                return Ok(Err(problems.iter().map(|p| describe_row(lang, &catalog, p)).collect()));
            }
        };
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(match db::paper::import(&pool, &rows, &operator(), &name).await? {
            Ok(imported) => Ok(imported),
            Err(problems) => Err(problems.iter().map(|p| describe_row(lang, &catalog, p)).collect()),
        })
    }
    .await;
    db::close(pool).await;
    match outcome? {
        Ok(imported) => {
            print_line(tr(
                lang,
                "cli-paper-imported",
                &[arg("added", imported.added), arg("unchanged", imported.unchanged)],
            ));
            Ok(ExitCode::SUCCESS)
        }
        Err(lines) => {
            for line in &lines {
                eprintln!("{line}");
            }
            eprintln!("{}", tr(lang, "cli-paper-nothing-imported", &[arg("count", lines.len())]));
            Ok(ExitCode::FAILURE)
        }
    }
}
