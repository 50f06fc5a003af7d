//! The one error type of the crate.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("telegram: {0}")]
    Telegram(#[from] teloxide::RequestError),
    #[error("telegram: {0}")]
    Request(Failure),
    #[error("reading who is writing: {0}")]
    Lookup(String),
    #[error("dialogue storage: {0}")]
    Dialogue(String),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Config(String),
    #[error("the folder {} does not exist", .0.display())]
    MissingFolder(std::path::PathBuf),
    #[error("the database URL is empty")]
    EmptyDatabaseUrl,
    #[error("the database {} does not exist", .0.display())]
    MissingDatabase(std::path::PathBuf),
    #[error("{}: {source}", path.display())]
    PermissionDenied { path: std::path::PathBuf, source: std::io::Error },
    #[error("{}: {source}", path.display())]
    Open { path: std::path::PathBuf, source: sqlx::Error },
    #[error("no catalog is loaded in {}", .0.display())]
    NoCatalog(std::path::PathBuf),
    #[error("catalog {}: {source}", path.display())]
    CatalogFile { path: std::path::PathBuf, setting: Option<String>, source: std::io::Error },
    #[error("{} already exists", .0.display())]
    AlreadyExists(std::path::PathBuf),
    #[error("{} does not exist", .0.display())]
    MissingFile(std::path::PathBuf),
    #[error("{}: {detail}", path.display())]
    NotABackup { path: std::path::PathBuf, detail: String },
    #[error("{} is open in another process", .0.display())]
    InUse(std::path::PathBuf),
    #[error("writing {}: {source}", path.display())]
    Write { path: std::path::PathBuf, source: std::io::Error },
    #[error("{}: {problem}", path.display())]
    Schema { path: std::path::PathBuf, problem: SchemaProblem, read_only: bool },
    /// The `ballots_one_per_number` trigger refused a ballot.
    #[error("this phone number already voted in this pillar from another account")]
    NumberAlreadyVoted,
    #[error("export: {0}")]
    Export(String),
    #[error("chart: {0}")]
    Chart(String),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("Telegram refused the webhook {url}: {detail}")]
    WebhookRefused { url: url::Url, detail: String },
    #[error("listening on {addr}: {source}")]
    Listen { addr: std::net::SocketAddr, source: std::io::Error },
}

impl Error {
    /// Whether only a person can fix this (a setting, a path, a file, the
    /// address to listen on): starting again unchanged would fail the same way.
    /// The bot exits with code 2 for these, which its service does not restart.
    pub fn needs_a_person(&self) -> bool {
        match self {
            Error::Config(_)
            | Error::MissingFolder(_)
            | Error::EmptyDatabaseUrl
            | Error::MissingDatabase(_)
            | Error::PermissionDenied { .. }
            | Error::CatalogFile { .. }
            | Error::Listen { .. }
            | Error::WebhookRefused { .. } => true,
            Error::Schema { problem, .. } => !matches!(problem, SchemaProblem::Behind { .. }),
            // Not a database, damaged, read-only, cannot be opened; a busy one may free itself.
            Error::Open { source, .. } => match source {
                // A path through a file, a name too long, no permission: the
                // path is to fix. Only a wait or an interruption may pass.
                sqlx::Error::Io(io) => !matches!(
                    io.kind(),
                    std::io::ErrorKind::Interrupted
                        | std::io::ErrorKind::TimedOut
                        | std::io::ErrorKind::WouldBlock
                ),
                other => other
                    .as_database_error()
                    .and_then(|d| d.code())
                    .and_then(|c| c.parse::<i32>().ok())
                    .is_some_and(|c| matches!(c & 0xff, 8 | 11 | 14 | 26)),
            },
            _ => false,
        }
    }
}

/// What is wrong with a database's schema, as a technical detail for operators.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SchemaProblem {
    #[error("it has no tables")]
    Empty,
    #[error("it has tables but no _sqlx_migrations table: another program's database")]
    NotConsulta,
    #[error("it was migrated by a newer consulta (migration {0} is unknown to this version)")]
    Newer(i64),
    #[error("{applied} of {known} migrations applied")]
    Behind { applied: usize, known: usize },
    #[error("migration {0} was applied with different contents")]
    Altered(i64),
}

/// Why a call did not succeed.
#[derive(Debug, Clone)]
pub enum Failure {
    /// No answer: connection refused or reset, or the request timed out.
    Network(String),
    /// Telegram asked to wait this long (429).
    RetryAfter(std::time::Duration),
    /// Any other refusal, with its HTTP status and what Telegram said.
    Refused { status: u16, error: teloxide::ApiError },
}

impl Failure {
    /// A 5xx (or an answer that is not Bot API JSON, as a proxy's error page).
    pub fn is_server_error(&self) -> bool {
        matches!(self, Failure::Refused { status, .. } if *status >= 500)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Network(e) => write!(f, "network: {e}"),
            Failure::RetryAfter(d) => write!(f, "429: retry after {}s", d.as_secs()),
            Failure::Refused { status, error } => write!(f, "{status}: {error}"),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
pub type HandlerResult = Result<()>;

impl From<Box<dyn std::error::Error + Send + Sync>> for Error {
    fn from(e: Box<dyn std::error::Error + Send + Sync>) -> Self {
        Error::Dialogue(e.to_string())
    }
}
