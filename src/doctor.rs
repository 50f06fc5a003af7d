//! `consulta doctor`: everything the bot needs, checked one line at a time, with
//! what to do about each problem. It reads the database and asks Telegram; it
//! changes nothing.

use crate::{
    app::{explain, telegram_bot},
    config::Cli,
    db::{self, Access, Location, SchemaProblem},
    domain::{Lang, Phase},
    error::{Error, Result},
    i18n::{arg, t, tr},
};
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use sqlx::{Connection, SqliteConnection, SqlitePool};
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

#[derive(Default)]
struct Report {
    lines: Vec<(Status, String)>,
}

impl Report {
    fn add(&mut self, status: Status, text: String) {
        let mark = match status {
            Status::Ok => "✓",
            Status::Warn => "⚠",
            Status::Block => "✗",
        };
        println!("{mark} {text}");
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
    let mut report = Report::default();
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
    println!("{summary}");
    Ok(if report.blocking() == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn detail(lang: Lang, message: String, detail: impl ToString) -> String {
    format!("{message} {}", tr(lang, "cli-detail", &[arg("detail", detail.to_string())]))
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
            return report.add(Status::Block, t(lang, "cli-token-rejected"));
        }
        Err(e) => return report.add(Status::Block, explain(cli, &Error::Telegram(e))),
    }
    let info = match bot.get_webhook_info().await {
        Ok(info) => info,
        Err(e) => return report.add(Status::Warn, detail(lang, t(lang, "cli-doctor-webhook-unknown"), e)),
    };
    let waiting = arg("pending", info.pending_update_count);
    let registered = info.url.as_ref().map(|u| u.to_string());
    match (&cli.webhook_url, registered) {
        (None, None) => report.add(Status::Ok, tr(lang, "cli-doctor-polling", &[waiting])),
        (None, Some(url)) => {
            report.add(Status::Warn, tr(lang, "cli-doctor-polling-webhook-set", &[arg("url", url), waiting]))
        }
        (Some(ours), Some(url)) if ours.as_str() == url => report.add(
            Status::Ok,
            tr(
                lang,
                "cli-doctor-webhook",
                &[arg("url", url), arg("listen", cli.listen.to_string()), waiting],
            ),
        ),
        (Some(ours), url) => report.add(
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
    if let (Some(message), Some(at)) = (info.last_error_message, info.last_error_date) {
        report.add(
            Status::Warn,
            tr(
                lang,
                "cli-doctor-webhook-error",
                &[arg("error", message), arg("date", local(at, cli.timezone))],
            ),
        );
    }
}

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

    match writable(&location).await {
        Ok(()) => report.add(Status::Ok, t(lang, "cli-doctor-writable")),
        Err(e) => report.add(
            Status::Block,
            detail(lang, tr(lang, "cli-doctor-not-writable", &[arg("path", path.clone())]), e),
        ),
    }
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
    match sqlx::query_scalar::<_, String>("PRAGMA quick_check").fetch_all(&pool).await {
        Ok(lines) if lines == ["ok"] => report.add(Status::Ok, t(lang, "cli-doctor-intact")),
        Ok(lines) => report.add(Status::Block, detail(lang, t(lang, "cli-doctor-damaged"), lines.join("; "))),
        Err(e) => report.add(Status::Block, detail(lang, t(lang, "cli-doctor-damaged"), e)),
    }
    Some(pool)
}

fn known_migrations() -> usize {
    sqlx::migrate!().iter().filter(|m| m.migration_type.is_up_migration()).count()
}

/// Takes the write lock and writes nothing: what the bot needs on every vote.
async fn writable(location: &Location) -> std::result::Result<(), sqlx::Error> {
    let options = location.options.clone().create_if_missing(false).busy_timeout(Duration::from_secs(5));
    let mut conn = SqliteConnection::connect_with(&options).await?;
    let probe = async {
        sqlx::query("BEGIN IMMEDIATE").execute(&mut conn).await?;
        let wrote = sqlx::query("DELETE FROM _sqlx_migrations WHERE 0").execute(&mut conn).await;
        sqlx::query("ROLLBACK").execute(&mut conn).await?;
        wrote.map(|_| ())
    }
    .await;
    let _ = conn.close().await;
    probe
}

/// Without a catalog in the database, the bot loads one on start: is it there?
fn startup_catalog(cli: &Cli, report: &mut Report) {
    let lang = cli.language;
    match &cli.catalog {
        None => report.add(Status::Ok, t(lang, "cli-doctor-catalog-builtin")),
        Some(path) => match crate::app::read_catalog_file(path, Some(cli.setting_name("catalog"))) {
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
                let per_pillar = catalog
                    .pillars
                    .iter()
                    .map(|p| format!("{} {}", p.name, catalog.active_in(&p.key).len()))
                    .collect::<Vec<_>>()
                    .join(", ");
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
                phase(cli, &catalog, report);
            }
            Err(e) => report.add(Status::Block, detail(lang, t(lang, "cli-doctor-catalog-unreadable"), e)),
        },
        Ok(false) => startup_catalog(cli, report),
        Err(e) => report.add(Status::Block, detail(lang, t(lang, "cli-doctor-catalog-unreadable"), e)),
    }
    queues(cli, pool, report).await;
}

fn phase(cli: &Cli, catalog: &crate::domain::Catalog, report: &mut Report) {
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
}

async fn count(pool: &SqlitePool, sql: &str) -> std::result::Result<i64, sqlx::Error> {
    sqlx::query_scalar(sql).fetch_one(pool).await
}

async fn queues(cli: &Cli, pool: &SqlitePool, report: &mut Report) {
    let lang = cli.language;
    match count(pool, "SELECT COUNT(*) FROM inbox WHERE done_at IS NULL").await {
        Ok(0) => report.add(Status::Ok, t(lang, "cli-doctor-inbox-empty")),
        Ok(n) => report.add(Status::Warn, tr(lang, "cli-doctor-inbox-pending", &[arg("count", n)])),
        Err(e) => report.add(Status::Warn, detail(lang, t(lang, "cli-doctor-inbox-unknown"), e)),
    }
    match count(pool, "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')").await {
        Ok(0) => report.add(Status::Ok, t(lang, "cli-doctor-outbox-empty")),
        Ok(n) => report.add(Status::Warn, tr(lang, "cli-doctor-outbox-pending", &[arg("count", n)])),
        Err(e) => report.add(Status::Warn, detail(lang, t(lang, "cli-doctor-outbox-unknown"), e)),
    }
    let last: std::result::Result<Option<String>, _> =
        sqlx::query_scalar("SELECT MAX(done_at) FROM inbox").fetch_one(pool).await;
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
