//! The command line: its texts in the operator's language (`--help`, clap's
//! mistakes, every error explained), safe output, and what the bot needs
//! before it starts.

pub mod explain;
pub mod help;
pub mod output;
pub mod plan;
pub mod setup;

pub use explain::explain;
pub use output::{Lines, print_line};

/// Exit code for what only a person can fix: a setting, a path, a file, the
/// address to listen on, a mistake on the command line. systemd does not restart
/// the bot after it.
pub const EXIT_CONFIG: u8 = 2;
