//! Configuration: one clap struct whose fields also read the environment.

use crate::domain::{
    Lang, PaperBallots, ResultsVisibility, Roles, Unverified, Verification, idea::DEFAULT_IDEAS_PER_DAY,
    paper::DEFAULT_GRACE_HOURS, verification::PhoneKey,
};

/// Groups with fewer voters are added up into "others / small groups".
pub const DEFAULT_MIN_GROUP: u64 = 5;

/// Days an unfinished conversation is kept.
pub const DEFAULT_DRAFT_RETENTION_DAYS: u32 = 30;

/// Broadcast messages per second: within Telegram's 30 per second for a bot.
pub const DEFAULT_BROADCAST_RATE: u32 = 25;
use chrono_tz::Tz;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum, parser::ValueSource};
use std::{collections::HashSet, path::PathBuf, sync::Arc};

#[derive(Debug, Parser)]
#[command(
    name = "consulta",
    version,
    about = "Telegram bot for the virtual consultation of an OGP Local co-creation process"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Where the report's PDF is typeset; `main` sets this program's own path.
    #[arg(skip)]
    pub typesetter: crate::report::pdf::Typesetter,

    /// SQLite database: a file path or a sqlite: URL. Created and migrated by the bot's first start.
    #[arg(long, env = "DATABASE_URL", default_value = "consulta.db", global = true)]
    pub database: String,

    /// Language for people whose Telegram is not in English, and for this CLI (es, en).
    #[arg(long, env = "CONSULTA_LANGUAGE", default_value = "es", value_parser = parse_lang, global = true)]
    pub language: Lang,

    /// Catalog loaded on first start when the database has none (default: the embedded Cartagena 2022 catalog).
    #[arg(long, env = "CONSULTA_CATALOG", global = true)]
    pub catalog: Option<PathBuf>,

    /// Time zone used to show dates to people.
    #[arg(long, env = "CONSULTA_TIMEZONE", default_value = "America/Bogota", global = true)]
    pub timezone: Tz,

    /// Telegram user ids of the admins, separated by commas.
    #[arg(long, env = "CONSULTA_ADMINS", default_value = "", value_parser = parse_ids, global = true)]
    pub admins: HashSet<i64>,

    /// Telegram user ids of the facilitators, separated by commas.
    #[arg(long, env = "CONSULTA_FACILITATORS", default_value = "", value_parser = parse_ids, global = true)]
    pub facilitators: HashSet<i64>,

    /// Ideas one citizen may send in 24 hours.
    #[arg(long, env = "CONSULTA_IDEAS_PER_DAY", default_value_t = DEFAULT_IDEAS_PER_DAY, global = true)]
    pub ideas_per_day: u32,

    /// When everyone may see the rankings: `after-close` or `live`.
    #[arg(long, env = "CONSULTA_RESULTS", default_value = "after-close", value_parser = parse_visibility, global = true)]
    pub results: ResultsVisibility,

    /// Broadcast messages sent per second (Telegram allows a bot about 30).
    #[arg(long, env = "BROADCAST_RATE", default_value_t = DEFAULT_BROADCAST_RATE,
          value_parser = clap::value_parser!(u32).range(1..=10_000), global = true)]
    pub broadcast_rate: u32,

    /// Fewest voters a group (a localidad, sector or age range) must have for its own figures to be shown.
    #[arg(long, env = "CONSULTA_MIN_GROUP", default_value_t = DEFAULT_MIN_GROUP,
          value_parser = clap::value_parser!(u64).range(1..=1000), global = true)]
    pub min_group: u64,

    /// Whether published rankings count paper ballots from voting points (`include`) or only virtual ones (`separate`).
    #[arg(long, env = "CONSULTA_PAPER_BALLOTS", default_value = "include", value_parser = parse_paper_ballots, global = true)]
    pub paper_ballots: PaperBallots,

    /// Whether citizens may verify their phone number (`phone`: one ballot per pillar per number) or not (`none`).
    #[arg(long, env = "CONSULTA_VERIFICATION", default_value = "none", value_parser = parse_verification, global = true)]
    pub verification: Verification,

    /// Secret the phone numbers' hashes are keyed with (at least 16 characters; required with CONSULTA_VERIFICATION=phone; never change it during a consultation).
    #[arg(long, env = "CONSULTA_PHONE_KEY", hide_env_values = true, global = true)]
    pub phone_key: Option<String>,

    /// Whether the ballots of citizens who did not verify their number are counted with the others (`count`) or reported apart (`separate`).
    #[arg(long, env = "CONSULTA_UNVERIFIED", default_value = "count", value_parser = parse_unverified, global = true)]
    pub unverified: Unverified,

    /// Hours after voting closes during which paper sheets may still be entered (/papeleta, papeletas import).
    #[arg(long, env = "CONSULTA_PAPER_GRACE_HOURS", default_value_t = DEFAULT_GRACE_HOURS,
          value_parser = clap::value_parser!(u32).range(0..=720), global = true)]
    pub paper_grace_hours: u32,

    /// Days an unfinished conversation (a half-written idea, a ballot draft) is kept before it is forgotten.
    #[arg(long, env = "CONSULTA_DRAFT_RETENTION_DAYS", default_value_t = DEFAULT_DRAFT_RETENTION_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3650), global = true)]
    pub draft_retention_days: u32,

    /// Public HTTPS address Telegram posts updates to (webhook mode). Without it the bot uses long polling.
    #[arg(long, env = "CONSULTA_WEBHOOK_URL", value_parser = parse_webhook_url, global = true)]
    pub webhook_url: Option<url::Url>,

    /// Address the webhook server listens on (webhook mode; also serves GET /healthz).
    #[arg(long, env = "CONSULTA_LISTEN", default_value = "0.0.0.0:8080", global = true)]
    pub listen: std::net::SocketAddr,

    /// Secret Telegram sends with every webhook request (1-256 of A-Z a-z 0-9 _ -). Random if unset.
    #[arg(long, env = "CONSULTA_WEBHOOK_SECRET", value_parser = parse_webhook_secret, global = true)]
    pub webhook_secret: Option<String>,

    /// Log lines as plain text, or as one JSON object per line for a log collector.
    #[arg(long, env = "CONSULTA_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// Ids of the settings whose value came from an environment variable.
    #[arg(skip)]
    pub from_env: HashSet<String>,

    /// Ids of the settings left at their default value.
    #[arg(skip)]
    pub defaulted: HashSet<String>,
}

/// How log lines are written to standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Cli {
    /// The settings of parsed matches, remembering which came from the
    /// environment (so errors can name the variable) and which were defaulted.
    /// The command line is parsed by `cli::help::parse_args`, in the
    /// operator's language.
    pub fn from_matches(matches: &clap::ArgMatches) -> Result<Cli, clap::Error> {
        let mut cli = Cli::from_arg_matches(matches)?;
        let mut levels = vec![matches];
        while let Some((_, sub)) = levels.last().and_then(|m| m.subcommand()) {
            levels.push(sub);
        }
        for m in levels {
            for id in m.ids() {
                match m.value_source(id.as_str()) {
                    Some(ValueSource::EnvVariable) => cli.from_env.insert(id.as_str().to_string()),
                    Some(ValueSource::DefaultValue) => cli.defaulted.insert(id.as_str().to_string()),
                    _ => false,
                };
            }
        }
        Ok(cli)
    }

    /// How to name a setting to the operator: its environment variable when its
    /// value came from there, its flag when given on the command line, both when
    /// it was left at its default.
    pub fn setting_name(&self, id: &str) -> String {
        let command = Cli::command();
        let Some(arg) = command.get_arguments().find(|a| a.get_id() == id) else { return id.to_string() };
        match (self.from_env.contains(id), arg.get_env(), arg.get_long()) {
            (true, Some(env), _) => env.to_string_lossy().into_owned(),
            (false, Some(env), Some(long)) if self.defaulted.contains(id) => {
                format!("--{long} / {}", env.to_string_lossy())
            }
            (_, _, Some(long)) => format!("--{long}"),
            _ => id.to_string(),
        }
    }

    pub fn settings(&self) -> Settings {
        Settings {
            default_lang: self.language,
            timezone: self.timezone,
            roles: Arc::new(Roles { admins: self.admins.clone(), facilitators: self.facilitators.clone() }),
            ideas_per_day: self.ideas_per_day,
            results: self.results,
            broadcast_rate: self.broadcast_rate,
            draft_retention_days: self.draft_retention_days,
            min_group: self.min_group,
            paper_ballots: self.paper_ballots,
            paper_grace_hours: self.paper_grace_hours,
            verification: self.verification,
            phone_key: self.phone_key.as_deref().and_then(PhoneKey::new),
            unverified: self.unverified,
            typesetter: self.typesetter.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot with long polling (the default). Needs TELOXIDE_TOKEN.
    Run,
    /// Check or import a catalog file.
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// Print the current results per pillar: total, virtual and presencial.
    Tally,
    /// Paper ballots from in-person voting points: the spreadsheet template, and its import.
    Papeletas {
        #[command(subcommand)]
        action: PaperAction,
    },
    /// Write every export (CSV files and consulta.xlsx) into a folder.
    Export {
        /// Folder to write into (created if missing).
        #[arg(long, default_value = "export")]
        dir: PathBuf,
    },
    /// Write consentimientos.csv into a folder: consent decisions per day and notice version (no ids), for the data controller.
    Consentimientos {
        /// Folder to write into (created if missing).
        #[arg(long, default_value = "export")]
        dir: PathBuf,
    },
    /// The Plan de Acción: check or import its file, and the reasoned response's spreadsheet.
    Plan {
        #[command(subcommand)]
        action: PlanAction,
    },
    /// Write the publishable report (the inventario and the plan) as HTML and PDF into a folder.
    Informe {
        /// Folder to write into (created if missing).
        #[arg(long, default_value = "informe")]
        dir: PathBuf,
    },
    /// Print the integrity report: the verification mode, signs of coordinated voting, and each ranking without the flagged ballots.
    Integridad,
    /// Typeset the report's PDF: typst markup on standard input, the PDF on standard
    /// output. Run by the program itself (see `report::pdf::Typesetter`).
    #[command(hide = true)]
    Typeset,
    /// Write a consistent copy of the database to FILE, also while the bot runs (never overwrites).
    Backup { file: PathBuf },
    /// Put a copy made by `backup` back as the database (the bot must be stopped).
    Restore { file: PathBuf },
    /// Check everything the bot needs, one line each; exit non-zero if something blocks it.
    Doctor,
}

#[derive(Debug, Subcommand)]
pub enum PaperAction {
    /// Write the empty spreadsheet template (CSV, headers in Spanish) to FILE (never overwrites).
    Plantilla {
        #[arg(default_value = "papeletas.csv")]
        file: PathBuf,
    },
    /// Check every row of a filled-in template and import them all, or none if any row has a problem.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum PlanAction {
    /// Report every problem of a plan file with its line, and every proposal still without a decision.
    Check { file: PathBuf },
    /// Check a plan file and store it as the plan in force (the earlier versions are kept).
    Import { file: PathBuf },
    /// The reasoned response as a spreadsheet: its template, and its import.
    Respuestas {
        #[command(subcommand)]
        action: AnswersAction,
    },
    /// Write the plan's follow-up as open data (CSV and JSON: commitments, milestones, progress, updates) into a folder.
    Export {
        /// Folder to write into (created if missing).
        #[arg(long, default_value = "plan-datos")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum AnswersAction {
    /// Write the spreadsheet (CSV) with one row per proposal to FILE (never overwrites).
    Plantilla {
        #[arg(default_value = "respuestas.csv")]
        file: PathBuf,
    },
    /// Check a filled-in spreadsheet with the stored plan and store the answers, or none if any has a problem.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum CatalogAction {
    /// Report every problem in a catalog file; exit non-zero if there is any.
    Check { file: PathBuf },
    /// Upsert a catalog into the database by proposal id.
    Import { file: PathBuf },
}

fn parse_webhook_url(s: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(s).map_err(|e| format!("{s:?} is not a URL: {e}"))?;
    if url.scheme() != "https" {
        return Err(format!("{s:?} must start with https:// (Telegram only posts to HTTPS)"));
    }
    if !matches!(url.port_or_known_default(), Some(443 | 80 | 88 | 8443)) {
        return Err(format!("{s:?}: Telegram only posts to the ports 443, 80, 88 and 8443"));
    }
    Ok(url)
}

fn parse_webhook_secret(s: &str) -> Result<String, String> {
    let ok = (1..=256).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok { Ok(s.to_string()) } else { Err("use 1 to 256 characters among A-Z, a-z, 0-9, _ and -".into()) }
}

fn parse_ids(s: &str) -> Result<HashSet<i64>, String> {
    Roles::parse_ids(s).map_err(|bad| format!("{bad:?} is not a Telegram user id (a number)"))
}

fn parse_visibility(s: &str) -> Result<ResultsVisibility, String> {
    ResultsVisibility::from_code(s)
        .ok_or_else(|| format!("unknown results visibility {s:?}: use after-close or live"))
}

fn parse_paper_ballots(s: &str) -> Result<PaperBallots, String> {
    PaperBallots::from_code(s).ok_or_else(|| format!("unknown value {s:?}: use include or separate"))
}

fn parse_verification(s: &str) -> Result<Verification, String> {
    Verification::from_code(s).ok_or_else(|| format!("unknown value {s:?}: use none or phone"))
}

fn parse_unverified(s: &str) -> Result<Unverified, String> {
    Unverified::from_code(s).ok_or_else(|| format!("unknown value {s:?}: use count or separate"))
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("unknown language {s:?}: use es or en"))
}

/// What handlers need to know from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub default_lang: Lang,
    pub timezone: Tz,
    pub roles: Arc<Roles>,
    pub ideas_per_day: u32,
    pub results: ResultsVisibility,
    pub broadcast_rate: u32,
    pub draft_retention_days: u32,
    pub min_group: u64,
    pub paper_ballots: PaperBallots,
    pub paper_grace_hours: u32,
    /// `CONSULTA_VERIFICATION`.
    pub verification: Verification,
    /// `CONSULTA_PHONE_KEY`, when set and long enough.
    pub phone_key: Option<PhoneKey>,
    /// `CONSULTA_UNVERIFIED`: applies only with phone verification.
    pub unverified: Unverified,
    /// Where the report's PDF is typeset: the binary sets its own program.
    pub typesetter: crate::report::pdf::Typesetter,
}

impl Settings {
    /// The key phones are hashed with, when the consultation verifies phones.
    pub fn phone_verification(&self) -> Option<&PhoneKey> {
        match self.verification {
            Verification::Phone => self.phone_key.as_ref(),
            Verification::None => None,
        }
    }

    /// Whether results show verified and unverified ballots apart, the
    /// published rankings counting only verified ones.
    pub fn separates_unverified(&self) -> bool {
        self.verification == Verification::Phone && self.unverified == Unverified::Separate
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_lang: Lang::Es,
            timezone: chrono_tz::America::Bogota,
            roles: Arc::default(),
            ideas_per_day: DEFAULT_IDEAS_PER_DAY,
            results: ResultsVisibility::AfterClose,
            broadcast_rate: DEFAULT_BROADCAST_RATE,
            draft_retention_days: DEFAULT_DRAFT_RETENTION_DAYS,
            min_group: DEFAULT_MIN_GROUP,
            paper_ballots: PaperBallots::Include,
            paper_grace_hours: DEFAULT_GRACE_HOURS,
            verification: Verification::None,
            phone_key: None,
            unverified: Unverified::Count,
            typesetter: crate::report::pdf::Typesetter::InProcess,
        }
    }
}
