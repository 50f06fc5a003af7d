//! What the bot needs before it runs: its token and Bot API address, where its
//! settings come from, and a catalog file to read.

use crate::{
    cli::explain::path_arg,
    domain::Lang,
    error::{Error, Result},
    i18n::{arg, t, tr},
};
use std::path::{Path, PathBuf};
use teloxide::prelude::*;

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

/// Reads a catalog file, naming it (and the setting it came from) on failure.
pub fn read_catalog_file(path: &Path, setting: Option<String>) -> Result<String> {
    let fail = |source| Error::CatalogFile { path: path.to_owned(), setting: setting.clone(), source };
    let bytes = std::fs::read(path).map_err(fail)?;
    String::from_utf8(bytes).map_err(|e| fail(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// The bot for `TELOXIDE_TOKEN` and `TELOXIDE_API_URL`, or a line saying what is
/// wrong with them.
pub fn telegram_bot(lang: Lang) -> std::result::Result<Bot, String> {
    let token = std::env::var("TELOXIDE_TOKEN").unwrap_or_default();
    let token = token.trim();
    if token.is_empty() {
        let how = match SettingsPlace::of_token() {
            SettingsPlace::File(file) => tr(lang, "cli-token-how-file", &[arg("file", path_arg(&file))]),
            SettingsPlace::Service => t(lang, "cli-token-how-service"),
            SettingsPlace::Cargo => t(lang, "cli-token-how-cargo"),
            SettingsPlace::Environment => tr(lang, "cli-token-how-shell", &[arg("program", program_name())]),
        };
        return Err(tr(lang, "cli-token-missing", &[arg("how", how)]));
    }
    if !token_looks_valid(token) {
        return Err(tr(
            lang,
            "cli-token-malformed",
            &[arg("place", SettingsPlace::of_token().describe(lang))],
        ));
    }
    let mut bot = Bot::new(token);
    if let Ok(url) = std::env::var("TELOXIDE_API_URL") {
        match url::Url::parse(&url) {
            Ok(url) => bot = bot.set_api_url(url),
            Err(_) => return Err(tr(lang, "cli-api-url-malformed", &[arg("url", url)])),
        }
    }
    Ok(bot)
}

/// Where this run reads `TELOXIDE_TOKEN` from, so that a message about it
/// points there and not at a command that does not apply.
#[derive(Debug, PartialEq)]
pub enum SettingsPlace {
    /// A settings file: the service's (`CONSULTA_ENV_FILE`, set by the unit and
    /// by `consultactl`) or a `.env` that holds the token.
    File(PathBuf),
    /// Started by systemd from a unit that does not name its file.
    Service,
    /// `cargo run` from the source folder.
    Cargo,
    /// The environment of the shell that started it.
    Environment,
}

impl SettingsPlace {
    pub fn of_token() -> SettingsPlace {
        if let Some(file) = std::env::var_os("CONSULTA_ENV_FILE").filter(|f| !f.is_empty()) {
            return SettingsPlace::File(file.into());
        }
        // A `.env` (loaded at start) is where the token goes when it has one, or
        // when nothing else set it.
        if let Ok(dotenv) = dotenvy::dotenv() {
            let in_file = dotenvy::from_path_iter(&dotenv)
                .map(|entries| entries.flatten().any(|(k, _)| k == "TELOXIDE_TOKEN"))
                .unwrap_or(false);
            if in_file || std::env::var_os("TELOXIDE_TOKEN").is_none() {
                return SettingsPlace::File(dotenv);
            }
        }
        // Started by systemd (a unit that does not say where its file is).
        if std::env::var_os("INVOCATION_ID").is_some() && std::env::var_os("JOURNAL_STREAM").is_some() {
            return SettingsPlace::Service;
        }
        if std::env::var_os("CARGO_MANIFEST_DIR").is_some() {
            return SettingsPlace::Cargo;
        }
        SettingsPlace::Environment
    }

    /// "in /etc/consulta/consulta.env", "in the environment variable", …
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            SettingsPlace::File(file) => tr(lang, "cli-settings-in-file", &[arg("file", path_arg(file))]),
            SettingsPlace::Service => t(lang, "cli-settings-in-service"),
            SettingsPlace::Cargo | SettingsPlace::Environment => t(lang, "cli-settings-in-environment"),
        }
    }
}

/// How this program was called, for a command to copy (`consulta`, `./consulta`).
pub fn program_name() -> String {
    std::env::args_os().next().map_or_else(|| "consulta".into(), |p| p.to_string_lossy().into_owned())
}
