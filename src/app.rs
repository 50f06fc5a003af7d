//! The command-line entry points: run the bot, check or import a catalog, tally.

use crate::{
    config::{CatalogAction, Cli, Command, Settings},
    db,
    domain::{Catalog, Lang, catalog::Problem, catalog::ProblemKind, tally},
    error::{Error, Result},
    i18n::{arg, t, tr},
    intake,
};
use std::{path::Path, process::ExitCode};
use teloxide::{ApiError, RequestError, prelude::*};

/// Exit code for configuration mistakes (a missing or malformed token).
pub const EXIT_CONFIG: u8 = 2;

pub async fn main_with(cli: Cli) -> ExitCode {
    let lang = cli.language;
    let settings = cli.settings();
    let outcome = match &cli.command {
        None | Some(Command::Run) => run(&cli, settings).await,
        Some(Command::Catalog { action: CatalogAction::Check { file } }) => check(lang, file),
        Some(Command::Catalog { action: CatalogAction::Import { file } }) => import(&cli, file).await,
        Some(Command::Tally) => print_tally(&cli).await,
        Some(Command::Export { dir }) => export(&cli, dir).await,
    };
    match outcome {
        Ok(code) => code,
        Err(Error::MissingFolder(dir)) => {
            eprintln!("{}", tr(lang, "cli-missing-folder", &[arg("folder", dir.display().to_string())]));
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("{}", tr(lang, "cli-error", &[arg("error", e.to_string())]));
            ExitCode::FAILURE
        }
    }
}

/// A bot token as @BotFather gives it: `<digits>:<35 characters>`.
pub fn token_looks_valid(token: &str) -> bool {
    match token.split_once(':') {
        Some((id, secret)) => {
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_digit())
                && secret.len() >= 30
                && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        }
        None => false,
    }
}

/// Opens the database and makes sure a catalog is loaded.
async fn open_with_catalog(cli: &Cli) -> Result<sqlx::SqlitePool> {
    let pool = db::open(&cli.database).await?;
    if !db::catalog::is_loaded(&pool).await? {
        let source = match &cli.catalog {
            Some(path) => std::fs::read_to_string(path)?,
            None => crate::DEFAULT_CATALOG.to_string(),
        };
        let catalog = Catalog::parse(&source).map_err(|problems| {
            Error::Config(problems.iter().map(|p| describe(cli.language, p)).collect::<Vec<_>>().join("\n"))
        })?;
        db::catalog::import(&pool, &catalog).await?;
        tracing::info!(proposals = catalog.proposals.len(), "catalog loaded");
    }
    Ok(pool)
}

async fn run(cli: &Cli, settings: Settings) -> Result<ExitCode> {
    let lang = cli.language;
    let token = std::env::var("TELOXIDE_TOKEN").unwrap_or_default();
    let token = token.trim();
    if token.is_empty() {
        eprintln!("{}", t(lang, "cli-token-missing"));
        return Ok(ExitCode::from(EXIT_CONFIG));
    }
    if !token_looks_valid(token) {
        eprintln!("{}", t(lang, "cli-token-malformed"));
        return Ok(ExitCode::from(EXIT_CONFIG));
    }
    let mut bot = Bot::new(token);
    if let Ok(url) = std::env::var("TELOXIDE_API_URL") {
        match url::Url::parse(&url) {
            Ok(url) => bot = bot.set_api_url(url),
            Err(_) => {
                eprintln!("{}", tr(lang, "cli-api-url-malformed", &[arg("url", url)]));
                return Ok(ExitCode::from(EXIT_CONFIG));
            }
        }
    }
    let pool = open_with_catalog(cli).await?;
    match bot.get_me().await {
        Ok(me) => tracing::info!(username = %me.username(), "connected to Telegram"),
        Err(RequestError::Api(ApiError::InvalidToken)) => {
            eprintln!("{}", t(lang, "cli-token-rejected"));
            return Ok(ExitCode::from(EXIT_CONFIG));
        }
        Err(e) => return Err(e.into()),
    }
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

/// One catalog problem as a line for people.
pub fn describe(lang: Lang, p: &Problem) -> String {
    let what = match &p.kind {
        ProblemKind::Syntax(m) => tr(lang, "catalog-syntax", &[arg("message", m.clone())]),
        ProblemKind::MissingField(f) => tr(lang, "catalog-missing-field", &[arg("field", *f)]),
        ProblemKind::EmptyField(f) => tr(lang, "catalog-empty-field", &[arg("field", *f)]),
        ProblemKind::UnknownPillar(k) => tr(lang, "catalog-unknown-pillar", &[arg("pillar", k.clone())]),
        ProblemKind::DuplicateId(id) => tr(lang, "catalog-duplicate-id", &[arg("id", id.clone())]),
        ProblemKind::DuplicatePillar(k) => tr(lang, "catalog-duplicate-pillar", &[arg("pillar", k.clone())]),
        ProblemKind::TitleTooLong { field, chars } => tr(
            lang,
            "catalog-title-too-long",
            &[
                arg("field", *field),
                arg("chars", *chars),
                arg("max", crate::domain::catalog::MAX_TITLE_CHARS),
            ],
        ),
        ProblemKind::TextTooLong { field, chars } => tr(
            lang,
            "catalog-text-too-long",
            &[arg("field", *field), arg("chars", *chars), arg("max", crate::domain::catalog::MAX_TEXT_CHARS)],
        ),
        ProblemKind::BadId(id) => tr(lang, "catalog-bad-id", &[arg("id", id.clone())]),
        ProblemKind::BadDate { field, value } => {
            tr(lang, "catalog-bad-date", &[arg("field", *field), arg("value", value.clone())])
        }
        ProblemKind::DatesReversed => t(lang, "catalog-dates-reversed"),
        ProblemKind::BadMaxPriorities(n) => tr(lang, "catalog-bad-max-priorities", &[arg("value", *n)]),
        ProblemKind::NoPillars => t(lang, "catalog-no-pillars"),
        ProblemKind::EmptyPillar(k) => tr(lang, "catalog-empty-pillar", &[arg("pillar", k.clone())]),
    };
    let mut place = p.place.clone();
    if let Some(line) = p.line {
        place = tr(lang, "catalog-line", &[arg("line", line)]);
    }
    if place.is_empty() { what } else { format!("{place}: {what}") }
}

fn read_catalog(lang: Lang, file: &Path) -> Result<std::result::Result<Catalog, Vec<String>>> {
    let source =
        std::fs::read_to_string(file).map_err(|e| Error::Config(format!("{}: {e}", file.display())))?;
    Ok(Catalog::parse(&source).map_err(|problems| {
        problems.iter().map(|p| format!("{}: {}", file.display(), describe(lang, p))).collect()
    }))
}

fn check(lang: Lang, file: &Path) -> Result<ExitCode> {
    match read_catalog(lang, file)? {
        Ok(catalog) => {
            println!("{}", summary(lang, &catalog));
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

fn summary(lang: Lang, catalog: &Catalog) -> String {
    let per_pillar = catalog
        .pillars
        .iter()
        .map(|p| format!("{} {}", p.name, catalog.active_in(&p.key).len()))
        .collect::<Vec<_>>()
        .join(", ");
    tr(
        lang,
        "catalog-ok",
        &[
            arg("proposals", catalog.proposals.len()),
            arg("pillars", catalog.pillars.len()),
            arg("detail", per_pillar),
        ],
    )
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
    let pool = db::open(&cli.database).await?;
    let report = db::catalog::import(&pool, &catalog).await?;
    println!("{}", summary(lang, &catalog));
    println!(
        "{}",
        tr(
            lang,
            "catalog-imported",
            &[
                arg("added", report.added),
                arg("updated", report.updated),
                arg("withdrawn", report.withdrawn),
                arg("removed", report.removed),
            ],
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// The current results as a plain-text table per pillar.
pub async fn tally_text(pool: &sqlx::SqlitePool, lang: Lang) -> Result<String> {
    let catalog = db::catalog::load(pool).await?;
    let counts = db::ballots::rank_counts(pool).await?;
    let voters = db::ballots::voters_per_pillar(pool).await?;
    let results = tally(&catalog, &counts, &voters);
    let mut out = String::new();
    for pillar in results {
        out.push_str(&tr(
            lang,
            "tally-pillar",
            &[arg("pillar", pillar.name.clone()), arg("voters", pillar.voters)],
        ));
        out.push('\n');
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
        out.push('\n');
    }
    Ok(out)
}

async fn print_tally(cli: &Cli) -> Result<ExitCode> {
    let pool = open_with_catalog(cli).await?;
    print!("{}", tally_text(&pool, cli.language).await?);
    Ok(ExitCode::SUCCESS)
}

async fn export(cli: &Cli, dir: &Path) -> Result<ExitCode> {
    let pool = open_with_catalog(cli).await?;
    for path in crate::export::write_dir(&pool, cli.language, cli.timezone, dir).await? {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
