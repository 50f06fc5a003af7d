//! The command line in the operator's language: `--help` and clap's own
//! mistakes (an unknown flag or command, a missing argument) read from the
//! locales like every other message.
//!
//! clap builds the command from `config::Cli`; here every text of it is replaced:
//! what each command does (`cli-about-<command path>`), what each argument means
//! (`cli-help-<command path>-<id>`, `cli-help-<id>` for the settings shared by
//! all commands), value names (`cli-value-<id>`), headings, the usage line, and
//! the default and environment variable of each setting.

use crate::{
    domain::Lang,
    i18n::{arg, t, tr},
};
use clap::{Arg, ArgAction, Command, error::ContextKind, error::ContextValue, error::ErrorKind};
use std::{
    fmt::Display,
    io::{self, Write},
};

/// The program's name on the usage line.
const PROGRAM: &str = "consulta";
/// `consulta help [COMMAND…]`, and where it keeps the command's words.
const HELP: &str = "help";
const HELP_PATH: &str = "command";

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

/// Lines for a reader that may leave before the end: standard output piped into
/// `head`, a pager quit early, a closed terminal. `println!` panics when it
/// cannot write (exit code 101); this writes each line and, once writing fails
/// (typically `EPIPE`, [`io::ErrorKind::BrokenPipe`], because the reader has
/// gone), writes nothing more, so the command finishes its work and exits with
/// its own code. A broken pipe is expected and silent; any other write error is
/// logged once.
///
/// ```no_run
/// let mut out = consulta::cli_text::Lines::stdout();
/// for n in 1..=1000 {
///     if !out.line(n) {
///         break; // nobody reads any more
///     }
/// }
/// ```
pub struct Lines<W: Write = io::Stdout> {
    out: W,
    closed: bool,
}

impl Lines {
    /// Lines to standard output.
    pub fn stdout() -> Lines {
        Lines::new(io::stdout())
    }
}

impl<W: Write> Lines<W> {
    pub fn new(out: W) -> Lines<W> {
        Lines { out, closed: false }
    }

    /// Writes `text` and a newline, flushed so the line shows at once. Returns
    /// whether the reader still takes lines: `false` once writing has failed,
    /// after which nothing more is written.
    pub fn line(&mut self, text: impl Display) -> bool {
        if self.closed {
            return false;
        }
        if let Err(e) = writeln!(self.out, "{text}").and_then(|()| self.out.flush()) {
            if e.kind() != io::ErrorKind::BrokenPipe {
                tracing::warn!(error = %e, "the output could not be written; writing no more of it");
            }
            self.closed = true;
        }
        !self.closed
    }

    /// Whether writing has failed (the reader has gone).
    pub fn is_closed(&self) -> bool {
        self.closed
    }
}

/// Prints one line to standard output without panicking when nobody reads it
/// (see [`Lines`]). Returns `false` when it could not be written; each call
/// tries on its own, so a command that prints a few lines may ignore it.
pub fn print_line(text: impl Display) -> bool {
    Lines::stdout().line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes `room` lines, then fails as a closed pipe (or with `kind`).
    struct Pipe {
        written: Vec<u8>,
        room: usize,
        kind: io::ErrorKind,
        attempts: usize,
    }

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.attempts += 1;
            if self.written.iter().filter(|b| **b == b'\n').count() >= self.room {
                return Err(io::Error::from(self.kind));
            }
            self.written.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_stop_quietly_once_the_reader_is_gone() {
        for kind in [io::ErrorKind::BrokenPipe, io::ErrorKind::StorageFull] {
            let mut out = Lines::new(Pipe { written: Vec::new(), room: 1, kind, attempts: 0 });
            assert!(out.line("✓ first"));
            assert!(!out.is_closed());
            assert!(!out.line("✓ second"));
            assert!(out.is_closed());
            let attempts = out.out.attempts;
            assert!(!out.line("✓ third"), "nothing more is written");
            assert_eq!(out.out.attempts, attempts, "not even tried");
            assert_eq!(String::from_utf8_lossy(&out.out.written), "✓ first\n");
        }
    }
}
