//! `--help` and clap's own mistakes (an unknown flag or command, a missing argument) read from the
//! locales like every other message.
//!
//! clap builds the command from `config::Cli`; here every text of it is replaced:
//! what each command does (`cli-about-<command path>`), what each argument means
//! (`cli-help-<command path>-<id>`, `cli-help-<id>` for the settings shared by
//! all commands), value names (`cli-value-<id>`), headings, the usage line, and
//! the default and environment variable of each setting.

use crate::{
    cli::{EXIT_CONFIG, explain::with_detail},
    config::Cli,
    domain::Lang,
    i18n::{arg, t, tr},
};
use clap::{Arg, ArgAction, Command, error::ContextKind, error::ContextValue, error::ErrorKind};
use std::{error::Error as _, process::ExitCode};

/// The program's name on the usage line.
const PROGRAM: &str = "consulta";
/// `consulta help [COMMAND…]`, and where it keeps the command's words.
const HELP: &str = "help";
const HELP_PATH: &str = "command";

/// Parses the command line and the environment with the command in the
/// operator's language (see [`language_before_parsing`]).
pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let words: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let mut command = localize(<Cli as clap::CommandFactory>::command(), language_before_parsing(&words));
    let matches = command.try_get_matches_from_mut(args)?;
    help_command(&mut command, &matches)?;
    Cli::from_matches(&matches)
}

/// `command` with every text in `lang`.
pub fn localize(command: Command, lang: Lang) -> Command {
    localize_at(command, lang, &[])
}

fn localize_at(mut command: Command, lang: Lang, path: &[String]) -> Command {
    // `cli-about-catalog-check`, `cli-help-catalog-check-file`.
    let key = |prefix: &str, id: Option<&str>| {
        let mut parts = path.to_vec();
        parts.extend(id.map(str::to_string));
        format!("{prefix}{}", parts.join("-"))
    };
    let root = path.is_empty();
    let about = if root { t(lang, "cli-about") } else { t(lang, &key("cli-about-", None)) };
    command = command
        .about(about)
        .long_about(None)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(t(lang, "cli-heading-commands"))
        .subcommand_value_name(t(lang, "cli-value-command"))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}",
            t(lang, "cli-heading-usage")
        ));
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in &ids {
        // The settings shared by every command are described once, at the root.
        let help_key = key("cli-help-", Some(id));
        command = command.mut_arg(id, |a| localize_arg(a, lang, &help_key));
    }
    command = command.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t(lang, "cli-help-help"))
            .help_heading(t(lang, "cli-heading-options")),
    );
    if root {
        // clap's own `help` command would be in English: this one is read by
        // [`help_command`].
        command = command
            .subcommand(Command::new(HELP).arg(Arg::new(HELP_PATH).num_args(0..).action(ArgAction::Append)));
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t(lang, "cli-help-version"))
                .help_heading(t(lang, "cli-heading-options")),
        );
    }
    let line = usage(&command, lang, path);
    command = command.override_usage(line);
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let mut below = path.to_vec();
        below.push(name.clone());
        command = command.mut_subcommand(&name, |s| localize_at(s, lang, &below));
    }
    command
}

fn localize_arg(a: Arg, lang: Lang, help_key: &str) -> Arg {
    let id = a.get_id().to_string();
    let mut help = t(lang, help_key);
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .filter(|v| !v.is_empty())
        .collect();
    if !defaults.is_empty() {
        help.push_str(&format!(" [{}]", tr(lang, "cli-default", &[arg("value", defaults.join(", "))])));
    }
    if let Some(env) = a.get_env() {
        help.push_str(&format!(
            " [{}]",
            tr(lang, "cli-env", &[arg("variable", env.to_string_lossy().into_owned())])
        ));
    }
    let heading = if a.is_positional() { "cli-heading-arguments" } else { "cli-heading-options" };
    let takes_values = a.get_action().takes_values();
    let a = a
        .help(help)
        .hide_default_value(true)
        .hide_env(true)
        .hide_possible_values(true)
        .help_heading(t(lang, heading));
    if takes_values { a.value_name(t(lang, &format!("cli-value-{id}"))) } else { a }
}

/// `consulta catalog check [OPCIONES] <ARCHIVO>`: clap writes `[OPTIONS]` in English.
fn usage(command: &Command, lang: Lang, path: &[String]) -> String {
    let mut words = vec![PROGRAM.to_string()];
    words.extend(path.iter().cloned());
    words.push(format!("[{}]", t(lang, "cli-value-options")));
    for a in command.get_positionals() {
        let name = a
            .get_value_names()
            .and_then(|n| n.first())
            .map_or_else(|| a.get_id().to_string(), |n| n.to_string());
        words.push(if a.is_required_set() { format!("<{name}>") } else { format!("[{name}]") });
    }
    if command.has_subcommands() {
        let name = t(lang, "cli-value-command");
        words.push(if command.is_subcommand_required_set() {
            format!("<{name}>")
        } else {
            format!("[{name}]")
        });
    }
    words.join(" ")
}

/// `consulta help catalog check` is `consulta catalog check --help`: clap's
/// "display help" for that command (printed by the caller, exit 0), or its
/// refusal of an unknown command.
pub fn help_command(command: &mut Command, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
    let Some((HELP, asked)) = matches.subcommand() else { return Ok(()) };
    let path = asked.get_many::<String>(HELP_PATH).into_iter().flatten().filter(|w| *w != HELP).cloned();
    let words: Vec<String> =
        std::iter::once(PROGRAM.to_string()).chain(path).chain(["--help".into()]).collect();
    command.try_get_matches_from_mut(words).map(drop)
}

/// A command line clap refused, as one sentence in `lang` followed by clap's
/// own wording as the technical detail. `None` for help and version, which
/// clap prints itself (already in `lang`).
pub fn refusal(e: &clap::Error, lang: Lang) -> Option<String> {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let message = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        ErrorKind::UnknownArgument => {
            let flag = text(ContextKind::InvalidArg).unwrap_or_default();
            let key = if flag.starts_with('-') { "cli-unknown-flag" } else { "cli-unexpected-word" };
            let mut m = tr(lang, key, &[arg("flag", flag)]);
            if let Some(s) = text(ContextKind::SuggestedArg) {
                m.push(' ');
                m.push_str(&tr(lang, "cli-did-you-mean", &[arg("suggestion", s)]));
            }
            m
        }
        ErrorKind::InvalidSubcommand => {
            let command = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut m = tr(lang, "cli-unknown-command", &[arg("command", command)]);
            if let Some(s) = text(ContextKind::SuggestedSubcommand) {
                m.push(' ');
                m.push_str(&tr(lang, "cli-did-you-mean", &[arg("suggestion", s)]));
            }
            m
        }
        ErrorKind::MissingRequiredArgument => tr(
            lang,
            "cli-missing-argument",
            &[arg("argument", text(ContextKind::InvalidArg).unwrap_or_default())],
        ),
        ErrorKind::MissingSubcommand => t(lang, "cli-missing-command"),
        _ => t(lang, "cli-bad-command-line"),
    };
    // clap's own wording up to its usage line, without "error: ", as the detail.
    let rendered = e.render().to_string();
    let detail = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim_start_matches("error: ")
        .to_string();
    Some(format!("{message} {}", tr(lang, "cli-detail", &[arg("detail", detail)])))
}

/// The CLI language when the command line is not parsed yet: `--language` or
/// `CONSULTA_LANGUAGE` if they hold a valid code, else Spanish.
pub fn language_before_parsing(args: &[String]) -> Lang {
    let from_args = args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--language") {
        Some("") => args.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_string),
        None => None,
    });
    from_args
        .or_else(|| std::env::var("CONSULTA_LANGUAGE").ok())
        .and_then(|code| Lang::from_code(code.trim()))
        .unwrap_or(Lang::Es)
}

/// Reports a command line or environment clap refused, in the operator's
/// language and naming the environment variable when the value came from one.
/// Help and version are printed by clap, from the localized command.
pub fn report_parse_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    let lang = crate::cli::help::language_before_parsing(&args);
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    if let (ErrorKind::InvalidValue, Some(flag), Some(value)) =
        (e.kind(), context(ContextKind::InvalidArg), context(ContextKind::InvalidValue))
        && value.is_empty()
    {
        // `--database` with nothing after it.
        let flag = flag.split_whitespace().next().unwrap_or_default().to_string();
        eprintln!("{}", tr(lang, "cli-missing-value", &[arg("flag", flag)]));
        return ExitCode::from(EXIT_CONFIG);
    }
    let invalid_value = matches!(e.kind(), ErrorKind::InvalidValue | ErrorKind::ValueValidation);
    let (true, Some(invalid), Some(value)) =
        (invalid_value, context(ContextKind::InvalidArg), context(ContextKind::InvalidValue))
    else {
        return match crate::cli::help::refusal(&e, lang) {
            Some(line) => {
                eprintln!("{line}");
                ExitCode::from(EXIT_CONFIG)
            }
            // Help and version, already in the chosen language.
            None => e.exit(),
        };
    };
    // `--timezone <TIMEZONE>` → the argument clap describes.
    let long = invalid.split_whitespace().next().unwrap_or_default().trim_start_matches('-').to_string();
    let command = <Cli as clap::CommandFactory>::command();
    let env = command.get_arguments().find(|a| a.get_long() == Some(long.as_str())).and_then(|a| a.get_env());
    let on_command_line =
        args.iter().any(|a| a == &format!("--{long}") || a.starts_with(&format!("--{long}=")));
    let detail = e
        .source()
        .map(|s| s.to_string())
        .or_else(|| match e.get(ContextKind::ValidValue) {
            Some(ContextValue::Strings(v)) => Some(v.join(", ")),
            _ => None,
        })
        .unwrap_or_else(|| e.kind().to_string());
    let message = match env {
        Some(env) if !on_command_line => tr(
            lang,
            "cli-invalid-env",
            &[
                arg("variable", env.to_string_lossy().into_owned()),
                arg("value", value),
                arg("flag", format!("--{long}")),
            ],
        ),
        _ => tr(lang, "cli-invalid-flag", &[arg("flag", format!("--{long}")), arg("value", value)]),
    };
    eprintln!("{}", with_detail(lang, message, detail));
    ExitCode::from(EXIT_CONFIG)
}
