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
    #[error("dialogue storage: {0}")]
    Dialogue(String),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Config(String),
    #[error("the folder {} does not exist", .0.display())]
    MissingFolder(std::path::PathBuf),
    #[error("export: {0}")]
    Export(String),
    #[error("chart: {0}")]
    Chart(String),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
pub type HandlerResult = Result<()>;

impl From<Box<dyn std::error::Error + Send + Sync>> for Error {
    fn from(e: Box<dyn std::error::Error + Send + Sync>) -> Self {
        Error::Dialogue(e.to_string())
    }
}
