//! `consulta doctor`: everything the bot needs, checked one line at a time, with
//! what to do about each problem. It reads the database and asks Telegram; it
//! changes nothing.

use crate::{
    bot::raw,
    cli::{
        Lines,
        setup::{SettingsPlace, read_catalog_file, telegram_bot},
    },
    config::Cli,
    db::{self, Access, Location, SchemaProblem},
    domain::{Lang, Phase, ResultsVisibility},
    error::{Error, Result},
    i18n::{arg, t, tr},
};
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use serde_json::Value;
use sqlx::SqlitePool;
use std::{process::ExitCode, time::Duration};
use teloxide::{ApiError, RequestError, prelude::*};

/// How one check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// ✓ as it should be.
    Ok,
    /// ⚠ worth knowing; the bot runs anyway.
    Warn,
    /// ✗ the bot cannot run (or cannot do its job) until this is fixed.
    Block,
}

/// The lines so far, each printed as soon as it is known. Once nobody reads
/// them (`consulta doctor | head -1`) the checks still run, so the exit code
/// says how they came out.
struct Report {
    out: Lines,
    lines: Vec<(Status, String)>,
}

impl Report {
    fn new() -> Report {
        Report { out: Lines::stdout(), lines: Vec::new() }
    }

    fn add(&mut self, status: Status, text: String) {
        let mark = match status {
            Status::Ok => "✓",
            Status::Warn => "⚠",
            Status::Block => "✗",
        };
        self.out.line(format_args!("{mark} {text}"));
        self.lines.push((status, text));
    }

    fn blocking(&self) -> usize {
        self.lines.iter().filter(|(s, _)| *s == Status::Block).count()
    }

    fn warnings(&self) -> usize {
        self.lines.iter().filter(|(s, _)| *s == Status::Warn).count()
    }
}

pub async fn run(cli: &Cli) -> Result<ExitCode> {
    let lang = cli.language;
    let mut report = Report::new();
    telegram(cli, &mut report).await;
    if let Some(pool) = database(cli, &mut report).await {
        contents(cli, &pool, &mut report).await;
        db::close(pool).await;
    }
    if cli.admins.is_empty() {
        report.add(Status::Warn, t(lang, "cli-doctor-no-admins"));
    } else {
        report.add(
            Status::Ok,
            tr(
                lang,
                "cli-doctor-admins",
                &[arg("admins", cli.admins.len()), arg("facilitators", cli.facilitators.len())],
            ),
        );
    }
    let summary = match (report.blocking(), report.warnings()) {
        (0, 0) => t(lang, "cli-doctor-all-good"),
        (0, warnings) => tr(lang, "cli-doctor-only-warnings", &[arg("count", warnings)]),
        (blocking, _) => tr(lang, "cli-doctor-blocking", &[arg("count", blocking)]),
    };
    report.out.line(summary);
    Ok(if report.blocking() == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn detail(lang: Lang, message: String, detail: impl ToString) -> String {
    format!("{message} {}", tr(lang, "cli-detail", &[arg("detail", detail.to_string())]))
}

/// General messages that end by advising `consulta doctor`, and what doctor
/// says instead.
const ADVISING_DOCTOR: [(&str, &str); 3] = [
    ("cli-database-error", "cli-doctor-database-error"),
    ("cli-telegram-error", "cli-doctor-telegram-error"),
    ("cli-error", "cli-doctor-error"),
];

/// [`crate::cli::explain`] for a line of this report. Doctor is what those general
/// messages send the operator to, so the ones that do are swapped for doctor's
/// own wording, keeping their technical detail.
fn explain(cli: &Cli, e: &Error) -> String {
    let lang = cli.language;
    let explained = crate::cli::explain(cli, e);
    let path = match e {
        Error::Open { path, .. } => path.display().to_string(),
        _ => String::new(),
    };
    // The arguments `crate::cli::explain` gives these messages.
    let url = std::env::var("TELOXIDE_API_URL").unwrap_or_else(|_| "https://api.telegram.org".into());
    let args = [arg("path", path), arg("setting", cli.setting_name("database")), arg("url", url)];
    for (general, ours) in ADVISING_DOCTOR {
        if let Some(rest) = explained.strip_prefix(&tr(lang, general, &args)) {
            return format!("{}{rest}", tr(lang, ours, &args));
        }
    }
    explained
}

/// What doctor reads of a `getWebhookInfo` answer, field by field: one it cannot
/// read is left unknown without hiding the others (teloxide's typed
/// `WebhookInfo` fails as a whole on any field of an unexpected shape).
#[derive(Debug, Default, PartialEq)]
struct WebhookInfo {
    /// `Some(None)`: no webhook (polling); `None`: the answer did not say.
    url: Option<Option<String>>,
    pending: Option<u64>,
    last_error: Option<String>,
    last_error_at: Option<DateTime<Utc>>,
}

impl WebhookInfo {
    fn read(answer: &Value) -> WebhookInfo {
        let text = |field: &str| answer.get(field).and_then(Value::as_str).map(str::trim);
        WebhookInfo {
            url: text("url").map(|url| (!url.is_empty()).then(|| url.to_string())),
            pending: answer.get("pending_update_count").and_then(Value::as_u64),
            last_error: text("last_error_message").filter(|m| !m.is_empty()).map(str::to_string),
            last_error_at: answer
                .get("last_error_date")
                .and_then(Value::as_i64)
                .and_then(|secs| DateTime::from_timestamp(secs, 0)),
        }
    }
}

/// Whether the address Telegram holds is the one configured.
fn same_url(ours: &url::Url, theirs: &str) -> bool {
    ours.as_str() == theirs || url::Url::parse(theirs).is_ok_and(|theirs| &theirs == ours)
}

/// The token (getMe) and how updates arrive (getWebhookInfo).
async fn telegram(cli: &Cli, report: &mut Report) {
    let lang = cli.language;
    let bot = match telegram_bot(lang) {
        Ok(bot) => bot,
        Err(message) => return report.add(Status::Block, message),
    };
    match bot.get_me().await {
        Ok(me) => report
            .add(Status::Ok, tr(lang, "cli-doctor-token-ok", &[arg("username", me.username().to_string())])),
        Err(RequestError::Api(ApiError::InvalidToken)) => {
            return report.add(
                Status::Block,
                tr(lang, "cli-token-rejected", &[arg("place", SettingsPlace::of_token().describe(lang))]),
            );
        }
        Err(e) => return report.add(Status::Block, explain(cli, &Error::Telegram(e))),
    }
    let answer = match raw::call(&bot, "getWebhookInfo", &serde_json::json!({}), WEBHOOK_INFO_TIMEOUT).await {
        Ok(answer) if answer.is_object() => answer,
        Ok(other) => {
            let shown = format!("getWebhookInfo: {other}").chars().take(200).collect::<String>();
            return report.add(Status::Warn, detail(lang, t(lang, "cli-doctor-webhook-unknown"), shown));
        }
        Err(e) => return report.add(Status::Warn, detail(lang, t(lang, "cli-doctor-webhook-unknown"), e)),
    };
    let info = WebhookInfo::read(&answer);
    // A count that cannot be read shows as "?" (Fluent's plural falls to "other").
    let waiting = match info.pending {
        Some(n) => arg("pending", n),
        None => arg("pending", "?"),
    };
    match (&cli.webhook_url, info.url) {
        (_, None) => report.add(Status::Warn, tr(lang, "cli-doctor-webhook-url-unknown", &[waiting])),
        (None, Some(None)) => report.add(Status::Ok, tr(lang, "cli-doctor-polling", &[waiting])),
        (None, Some(Some(url))) => {
            report.add(Status::Warn, tr(lang, "cli-doctor-polling-webhook-set", &[arg("url", url), waiting]))
        }
        (Some(ours), Some(Some(url))) if same_url(ours, &url) => report.add(
            Status::Ok,
            tr(
                lang,
                "cli-doctor-webhook",
                &[arg("url", url), arg("listen", cli.listen.to_string()), waiting],
            ),
        ),
        (Some(ours), Some(url)) => report.add(
            Status::Warn,
            tr(
                lang,
                "cli-doctor-webhook-pending",
                &[
                    arg("url", ours.to_string()),
                    arg("current", url.unwrap_or_else(|| "-".into())),
                    arg("listen", cli.listen.to_string()),
                ],
            ),
        ),
    }
    match (info.last_error, info.last_error_at) {
        (Some(message), Some(at)) => report.add(
            Status::Warn,
            tr(
                lang,
                "cli-doctor-webhook-error",
                &[arg("error", message), arg("date", local(at, cli.timezone))],
            ),
        ),
        (Some(message), None) => {
            report.add(Status::Warn, tr(lang, "cli-doctor-webhook-error-undated", &[arg("error", message)]))
        }
        (None, _) => {}
    }
}

/// How long doctor waits for `getWebhookInfo` (teloxide's own client gives up
/// after 17 seconds too).
const WEBHOOK_INFO_TIMEOUT: Duration = Duration::from_secs(17);

fn local(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

fn local_fixed(at: DateTime<FixedOffset>, tz: Tz) -> String {
    local(at.with_timezone(&Utc), tz)
}

/// The file: there, its size, writable, migrated, intact. Returns a read-only
/// pool on it for the checks of its contents.
async fn database(cli: &Cli, report: &mut Report) -> Option<SqlitePool> {
    let lang = cli.language;
    let location = match Location::parse(&cli.database) {
        Ok(location) => location,
        Err(e) => {
            report.add(Status::Block, explain(cli, &e));
            return None;
        }
    };
    let path = location.path.display().to_string();
    match location.exists() {
        Ok(true) => {}
        Ok(false) => {
            report.add(
                Status::Warn,
                tr(
                    lang,
                    "cli-doctor-database-new",
                    &[arg("path", path), arg("setting", cli.setting_name("database"))],
                ),
            );
            startup_catalog(cli, report);
            return None;
        }
        Err(e) => {
            report.add(Status::Block, explain(cli, &e));
            return None;
        }
    }
    let pool = match db::open_with(&cli.database, Access::Snapshot).await {
        Ok(pool) => pool,
        Err(e @ Error::Schema { problem: SchemaProblem::Empty, .. }) => {
            report.add(Status::Warn, explain(cli, &e));
            return None;
        }
        Err(e) => {
            report.add(Status::Block, explain(cli, &e));
            return None;
        }
    };
    let size = ["", "-wal"]
        .iter()
        .filter_map(|suffix| {
            let mut name = location.path.as_os_str().to_owned();
            name.push(suffix);
            std::fs::metadata(name).ok().map(|m| m.len())
        })
        .sum::<u64>();
    let size = format!("{:.1}", size as f64 / 1_000_000.0);
    report.add(Status::Ok, tr(lang, "cli-doctor-database", &[arg("path", path.clone()), arg("size", size)]));

    match db::health::writable(&location).await {
        Ok(()) => report.add(Status::Ok, t(lang, "cli-doctor-writable")),
        Err(e) => report.add(
            Status::Block,
            detail(lang, tr(lang, "cli-doctor-not-writable", &[arg("path", path.clone())]), e),
        ),
    }
    integrity(cli, &location, &pool, report).await;
    Some(pool)
}

fn known_migrations() -> usize {
    sqlx::migrate!().iter().filter(|m| m.migration_type.is_up_migration()).count()
}

/// The schema (up to date, from an older version, or foreign) and SQLite's
/// own check for damage.
async fn integrity(cli: &Cli, location: &Location, pool: &SqlitePool, report: &mut Report) {
    let lang = cli.language;
    let problem = match pool.acquire().await {
        Ok(mut conn) => db::schema_problem(&mut conn).await,
        Err(e) => Err(e),
    };
    match problem {
        Ok(None) => {
            report.add(Status::Ok, tr(lang, "cli-doctor-schema-ok", &[arg("count", known_migrations())]))
        }
        Ok(Some(problem @ SchemaProblem::Behind { .. })) => {
            report.add(Status::Warn, detail(lang, t(lang, "cli-doctor-schema-behind"), problem))
        }
        Ok(Some(problem)) => {
            let e = Error::Schema { path: location.path.clone(), problem, read_only: false };
            report.add(Status::Block, explain(cli, &e));
        }
        Err(e) => {
            report.add(Status::Block, explain(cli, &Error::Open { path: location.path.clone(), source: e }))
        }
    }
    match db::health::quick_check(pool).await {
        Ok(lines) if lines == ["ok"] => report.add(Status::Ok, t(lang, "cli-doctor-intact")),
        Ok(lines) => report.add(Status::Block, detail(lang, t(lang, "cli-doctor-damaged"), lines.join("; "))),
        Err(e) => report.add(Status::Block, detail(lang, t(lang, "cli-doctor-damaged"), e)),
    }
    // The trigger-kept totals of /avance against a count of the choices (only
    // with the schema this binary knows: an older file may not have them yet).
    if matches!(problem_free(pool).await, Some(true)) {
        match db::ballots::totals_disagreements(pool).await {
            Ok(off) if off.is_empty() => {}
            Ok(off) => {
                let places: Vec<String> = off
                    .iter()
                    .take(5)
                    .map(|(p, r, counted, kept)| format!("{p}#{r}: {counted} ≠ {kept}"))
                    .collect();
                report.add(
                    Status::Warn,
                    detail(
                        lang,
                        tr(lang, "cli-doctor-totals-off", &[arg("count", off.len())]),
                        places.join("; "),
                    ),
                );
            }
            // A file that cannot be read has been reported by quick_check above.
            Err(_) => {}
        }
    }
}

/// Whether the file's schema is exactly this binary's (`None`: unreadable).
async fn problem_free(pool: &SqlitePool) -> Option<bool> {
    let mut conn = pool.acquire().await.ok()?;
    db::schema_problem(&mut conn).await.ok().map(|p| p.is_none())
}

/// Without a catalog in the database, the bot loads one on start: is it there?
fn startup_catalog(cli: &Cli, report: &mut Report) {
    let lang = cli.language;
    match &cli.catalog {
        None => report.add(Status::Ok, t(lang, "cli-doctor-catalog-builtin")),
        Some(path) => match read_catalog_file(path, Some(cli.setting_name("catalog"))) {
            Ok(source) => match crate::domain::Catalog::parse(&source) {
                Ok(catalog) => report.add(
                    Status::Ok,
                    tr(
                        lang,
                        "cli-doctor-catalog-file",
                        &[arg("path", path.display().to_string()), arg("proposals", catalog.proposals.len())],
                    ),
                ),
                Err(problems) => report.add(
                    Status::Block,
                    tr(
                        lang,
                        "cli-doctor-catalog-invalid",
                        &[arg("path", path.display().to_string()), arg("count", problems.len())],
                    ),
                ),
            },
            Err(e) => report.add(Status::Block, explain(cli, &e)),
        },
    }
}

/// Catalog, phase, queues and the last update, from the database.
async fn contents(cli: &Cli, pool: &SqlitePool, report: &mut Report) {
    let lang = cli.language;
    match db::catalog::is_loaded(pool).await {
        Ok(true) => match db::catalog::load(pool).await {
            Ok(catalog) => {
                let per_pillar = crate::cli::explain::per_pillar(&catalog);
                let active = catalog.proposals.iter().filter(|p| !p.withdrawn).count();
                report.add(
                    Status::Ok,
                    tr(
                        lang,
                        "cli-doctor-catalog",
                        &[
                            arg("title", catalog.consultation.title.clone()),
                            arg("proposals", active),
                            arg("detail", per_pillar),
                        ],
                    ),
                );
                let admin_dates = db::health::phase_overridden(pool).await.unwrap_or(false);
                phase(cli, &catalog, admin_dates, report);
                verification(cli, &catalog, report);
            }
            Err(e) => report.add(Status::Block, detail(lang, t(lang, "cli-doctor-catalog-unreadable"), e)),
        },
        Ok(false) => startup_catalog(cli, report),
        Err(e) => report.add(Status::Block, detail(lang, t(lang, "cli-doctor-catalog-unreadable"), e)),
    }
    queues(cli, pool, report).await;
}

/// The integrity mode, and what phone verification needs: its key and the
/// catalog's country codes.
fn verification(cli: &Cli, catalog: &crate::domain::Catalog, report: &mut Report) {
    use crate::domain::{Unverified, Verification, verification::MIN_KEY_BYTES};
    let lang = cli.language;
    let settings = cli.settings();
    match settings.verification {
        Verification::None => report.add(Status::Ok, t(lang, "cli-doctor-verification-none")),
        Verification::Phone if settings.phone_key.is_none() => {
            report.add(Status::Block, tr(lang, "cli-phone-key-missing", &[arg("min", MIN_KEY_BYTES)]))
        }
        Verification::Phone => {
            let prefixes = &catalog.consultation.phone_prefixes;
            let unverified = t(
                lang,
                match settings.unverified {
                    Unverified::Count => "cli-doctor-unverified-count",
                    Unverified::Separate => "cli-doctor-unverified-separate",
                },
            );
            if prefixes.is_empty() {
                report.add(
                    Status::Warn,
                    tr(lang, "cli-doctor-verification-any-country", &[arg("unverified", unverified)]),
                );
            } else {
                report.add(
                    Status::Ok,
                    tr(
                        lang,
                        "cli-doctor-verification-phone",
                        &[arg("prefixes", prefixes.join(", ")), arg("unverified", unverified)],
                    ),
                );
            }
        }
    }
}

/// The phase and its dates. `admin_dates`: an admin set them in the bot
/// (`/abrir`, `/cerrar`, `/fechas`), and they prevail over the catalog's.
fn phase(cli: &Cli, catalog: &crate::domain::Catalog, admin_dates: bool, report: &mut Report) {
    let lang = cli.language;
    let tz = cli.timezone;
    let c = &catalog.consultation;
    let none = || t(lang, "cli-doctor-no-date");
    let dates = [
        arg("opens", c.opens_at.map_or_else(none, |d| local_fixed(d, tz))),
        arg("closes", c.closes_at.map_or_else(none, |d| local_fixed(d, tz))),
        arg("timezone", tz.name()),
    ];
    match Phase::at(Utc::now(), c.opens_at, c.closes_at) {
        Phase::Open { .. } => report.add(Status::Ok, tr(lang, "cli-doctor-phase-open", &dates)),
        Phase::NotYetOpen { .. } => report.add(Status::Ok, tr(lang, "cli-doctor-phase-not-yet-open", &dates)),
        Phase::Closed { .. } => report.add(Status::Warn, tr(lang, "cli-doctor-phase-closed", &dates)),
    }
    // Without a closing date it is open (or yet to open) until someone closes
    // it, and until then nobody sees the results.
    if c.closes_at.is_none() && cli.results == ResultsVisibility::AfterClose {
        let key = if admin_dates { "cli-doctor-no-closing-date-admin" } else { "cli-doctor-no-closing-date" };
        report.add(Status::Warn, t(lang, key));
    }
}

async fn queues(cli: &Cli, pool: &SqlitePool, report: &mut Report) {
    let lang = cli.language;
    match db::health::unhandled_updates(pool).await {
        Ok(0) => report.add(Status::Ok, t(lang, "cli-doctor-inbox-empty")),
        Ok(n) => report.add(Status::Warn, tr(lang, "cli-doctor-inbox-pending", &[arg("count", n)])),
        Err(e) => report.add(Status::Warn, detail(lang, t(lang, "cli-doctor-inbox-unknown"), e)),
    }
    match db::health::deliveries_waiting(pool).await {
        Ok(0) => report.add(Status::Ok, t(lang, "cli-doctor-outbox-empty")),
        Ok(n) => report.add(Status::Warn, tr(lang, "cli-doctor-outbox-pending", &[arg("count", n)])),
        Err(e) => report.add(Status::Warn, detail(lang, t(lang, "cli-doctor-outbox-unknown"), e)),
    }
    let last = db::health::last_update_handled(pool).await;
    match last.map(|v| v.and_then(|s| DateTime::parse_from_rfc3339(&s).ok())) {
        Ok(Some(at)) => {
            let minutes = (Utc::now() - at.with_timezone(&Utc)).num_minutes().max(0);
            report.add(
                Status::Ok,
                tr(
                    lang,
                    "cli-doctor-last-update",
                    &[arg("date", local_fixed(at, cli.timezone)), arg("minutes", minutes)],
                ),
            );
        }
        Ok(None) => report.add(Status::Warn, t(lang, "cli-doctor-no-update-yet")),
        Err(e) => report.add(Status::Warn, detail(lang, t(lang, "cli-doctor-inbox-unknown"), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_webhook_answer_is_read_field_by_field() {
        let info = WebhookInfo::read(&serde_json::json!({
            "url": "https://example.org/hook",
            "has_custom_certificate": "no",
            "pending_update_count": 3,
            "max_connections": "forty",
            "last_error_date": 1_767_225_600,
            "last_error_message": "Connection refused",
        }));
        assert_eq!(info.url, Some(Some("https://example.org/hook".into())));
        assert_eq!(info.pending, Some(3));
        assert_eq!(info.last_error.as_deref(), Some("Connection refused"));
        assert_eq!(info.last_error_at, DateTime::from_timestamp(1_767_225_600, 0));

        let odd = WebhookInfo::read(&serde_json::json!({
            "url": "", "pending_update_count": -1, "last_error_date": "yesterday", "last_error_message": "boom",
        }));
        assert_eq!(
            odd,
            WebhookInfo {
                url: Some(None),
                pending: None,
                last_error: Some("boom".into()),
                last_error_at: None
            }
        );
        assert_eq!(WebhookInfo::read(&serde_json::json!({"url": 5})).url, None, "unknown, not polling");
    }

    #[test]
    fn the_registered_webhook_is_compared_as_an_address() {
        let ours = url::Url::parse("https://example.org").expect("url");
        assert!(same_url(&ours, "https://example.org"));
        assert!(same_url(&ours, "https://example.org/"));
        assert!(!same_url(&ours, "https://example.org/other"));
    }
}
