//! What the operator reads when something goes wrong: one sentence in their
//! language naming the file, folder, address or variable, then the detail.

use crate::{
    config::Cli,
    db::SchemaProblem,
    domain::{Catalog, Lang, catalog::Problem, catalog::ProblemKind},
    error::Error,
    i18n::{arg, t, tr},
};
use std::path::Path;
use teloxide::RequestError;

pub fn with_detail(lang: Lang, message: String, detail: impl ToString) -> String {
    format!("{message} {}", tr(lang, "cli-detail", &[arg("detail", detail.to_string())]))
}

pub fn path_arg(path: &Path) -> String {
    path.display().to_string()
}

/// One line for the operator: what went wrong, with which file, folder or
/// variable, and what to do, followed by the technical detail.
pub fn explain(cli: &Cli, e: &Error) -> String {
    let lang = cli.language;
    let setting = cli.setting_name("database");
    let line = |key: &str, path: &Path, detail: String| {
        with_detail(
            lang,
            tr(lang, key, &[arg("path", path_arg(path)), arg("setting", setting.clone())]),
            detail,
        )
    };
    match e {
        Error::EmptyDatabaseUrl => tr(lang, "cli-database-url-empty", &[arg("setting", setting.clone())]),
        Error::MissingFolder(dir) => {
            tr(lang, "cli-missing-folder", &[arg("folder", path_arg(dir)), arg("setting", setting.clone())])
        }
        Error::MissingDatabase(path) => {
            tr(lang, "cli-database-missing", &[arg("path", path_arg(path)), arg("setting", setting.clone())])
        }
        Error::NoCatalog(path) => tr(lang, "cli-database-no-catalog", &[arg("path", path_arg(path))]),
        Error::PermissionDenied { path, source } => line("cli-permission-denied", path, source.to_string()),
        Error::Open { path, source } => line(open_key(source), path, source.to_string()),
        Error::Schema { path, problem, read_only } => {
            let detail =
                if *read_only { format!("{problem}; opened read-only") } else { problem.to_string() };
            line(schema_key(problem), path, detail)
        }
        Error::AlreadyExists(path) => tr(lang, "cli-file-exists", &[arg("path", path_arg(path))]),
        Error::MissingFile(path) => tr(lang, "cli-file-missing", &[arg("path", path_arg(path))]),
        Error::NotABackup { path, detail } => line("cli-not-a-backup", path, detail.clone()),
        Error::InUse(path) => tr(lang, "cli-database-in-use", &[arg("path", path_arg(path))]),
        Error::Write { path, source } => {
            let key = match source.kind() {
                std::io::ErrorKind::NotFound => "cli-write-no-folder",
                std::io::ErrorKind::PermissionDenied => "cli-write-permission",
                _ => "cli-write-failed",
            };
            line(key, path, source.to_string())
        }
        Error::CatalogFile { path, setting, source } => {
            catalog_file_line(lang, path, setting.as_deref(), source)
        }
        Error::Telegram(source) => {
            let (message, detail) = telegram_failure(lang, source);
            with_detail(lang, message, detail)
        }
        Error::Config(message) => message.clone(),
        Error::WebhookRefused { url, detail } => with_detail(
            lang,
            tr(
                lang,
                "cli-webhook-refused",
                &[arg("url", url.to_string()), arg("setting", cli.setting_name("webhook_url"))],
            ),
            detail,
        ),
        Error::Listen { addr, source } => {
            let key = match source.kind() {
                std::io::ErrorKind::AddrInUse => "cli-listen-in-use",
                std::io::ErrorKind::PermissionDenied => "cli-listen-permission",
                std::io::ErrorKind::AddrNotAvailable => "cli-listen-unavailable",
                _ => "cli-listen-failed",
            };
            let args = [arg("address", addr.to_string()), arg("setting", cli.setting_name("listen"))];
            with_detail(lang, tr(lang, key, &args), source)
        }
        other => with_detail(lang, t(lang, "cli-error"), other),
    }
}

/// A catalog file that could not be read, named with the setting it came from.
fn catalog_file_line(lang: Lang, path: &Path, setting: Option<&str>, source: &std::io::Error) -> String {
    let key = match source.kind() {
        std::io::ErrorKind::NotFound => "cli-catalog-missing",
        std::io::ErrorKind::InvalidData => "cli-catalog-not-utf8",
        std::io::ErrorKind::PermissionDenied => "cli-permission-denied",
        _ => "cli-catalog-unreadable",
    };
    let named = match setting {
        Some(setting) => {
            tr(lang, "cli-named-by", &[arg("path", path_arg(path)), arg("setting", setting.to_string())])
        }
        None => path_arg(path),
    };
    let args = [arg("path", named), arg("setting", setting.unwrap_or_default().to_string())];
    with_detail(lang, tr(lang, key, &args), source.to_string())
}

/// The message for a database SQLite could not open, by its result code.
fn open_key(source: &sqlx::Error) -> &'static str {
    let code = source
        .as_database_error()
        .and_then(|d| d.code())
        .and_then(|c| c.parse::<i32>().ok())
        .map(|c| c & 0xff);
    match (code, source) {
        (Some(26), _) => "cli-not-a-database",
        (Some(11), _) => "cli-database-corrupt",
        (Some(8), _) => "cli-database-read-only",
        (Some(5 | 6), _) => "cli-database-busy",
        (Some(14), _) => "cli-database-cant-open",
        (_, sqlx::Error::Io(io)) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "cli-permission-denied"
        }
        _ => "cli-database-error",
    }
}

/// The message for a database whose schema is not this version's.
fn schema_key(problem: &SchemaProblem) -> &'static str {
    match problem {
        SchemaProblem::Empty => "cli-database-empty",
        SchemaProblem::NotConsulta => "cli-database-foreign",
        SchemaProblem::Newer(_) => "cli-database-newer",
        SchemaProblem::Behind { .. } => "cli-database-behind",
        SchemaProblem::Altered(_) => "cli-database-altered",
    }
}

/// What to tell the operator about a failed request to Telegram, and its detail.
pub fn telegram_failure(lang: Lang, e: &RequestError) -> (String, String) {
    let url = std::env::var("TELOXIDE_API_URL").unwrap_or_else(|_| "https://api.telegram.org".into());
    let key = match e {
        RequestError::Network(_) | RequestError::Io(_) => "cli-telegram-unreachable",
        _ => "cli-telegram-error",
    };
    (tr(lang, key, &[arg("url", url)]), e.to_string())
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
        ProblemKind::BadPhonePrefix(p) => tr(lang, "catalog-bad-phone-prefix", &[arg("value", p.clone())]),
        ProblemKind::NoPillars => t(lang, "catalog-no-pillars"),
        ProblemKind::EmptyPillar(k) => tr(lang, "catalog-empty-pillar", &[arg("pillar", k.clone())]),
        ProblemKind::EmptyList(list) => tr(lang, "catalog-empty-list", &[arg("list", *list)]),
        ProblemKind::BadCode(code) => tr(
            lang,
            "catalog-bad-code",
            &[arg("code", code.clone()), arg("max", crate::domain::catalog::MAX_CHOICE_CODE_LEN)],
        ),
        ProblemKind::ReservedCode(code) => tr(lang, "catalog-reserved-code", &[arg("code", code.clone())]),
        ProblemKind::DuplicateCode(code) => tr(lang, "catalog-duplicate-code", &[arg("code", code.clone())]),
        ProblemKind::LabelTooLong { field, chars } => tr(
            lang,
            "catalog-label-too-long",
            &[
                arg("field", *field),
                arg("chars", *chars),
                arg("max", crate::domain::catalog::MAX_LABEL_CHARS),
            ],
        ),
        ProblemKind::MinorOutsideAges => t(lang, "catalog-minor-outside-ages"),
    };
    let mut place = p.place.clone();
    if let Some(line) = p.line {
        place = tr(lang, "catalog-line", &[arg("line", line)]);
    }
    if place.is_empty() { what } else { format!("{place}: {what}") }
}

/// "Transparencia 14, Rendición de cuentas 11, …": active proposals per pillar.
pub fn per_pillar(catalog: &Catalog) -> String {
    catalog
        .pillars
        .iter()
        .map(|p| format!("{} {}", p.name, catalog.active_in(&p.key).len()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn summary(lang: Lang, catalog: &Catalog) -> String {
    let per_pillar = per_pillar(catalog);
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
