use consulta::{app, config::LogFormat};
use std::{io::IsTerminal, process::ExitCode};
use tracing_subscriber::{EnvFilter, fmt};

// Every update allocates on the runtime's thread and frees on SQLite's connection
// threads (and back); glibc malloc spent a fifth of the bot's CPU on that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Before any thread is started (src/allocator.rs).
    consulta::allocator::return_freed_pages_at_once();
    // A .env file beside the binary's working directory is optional.
    let _ = dotenvy::dotenv();
    let mut cli = match consulta::cli::help::parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => return consulta::cli::help::report_parse_error(e),
    };
    // The report's PDF is typeset by this same program in a child process.
    if let Ok(program) = std::env::current_exe() {
        cli.typesetter = consulta::report::pdf::Typesetter::Program(program);
    }
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = fmt().with_writer(std::io::stderr).with_env_filter(filter);
    match cli.log_format {
        // Colour codes only for a person at a terminal, not in a file or the journal.
        LogFormat::Text => logs.with_ansi(std::io::stderr().is_terminal()).init(),
        // Each line carries the span it was logged in (the update or delivery).
        LogFormat::Json => logs.json().with_current_span(true).with_span_list(false).init(),
    }
    match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime.block_on(app::main_with(cli)),
        Err(e) => {
            eprintln!(
                "{}",
                consulta::i18n::tr(
                    cli.language,
                    "cli-runtime-failed",
                    &[consulta::i18n::arg("error", e.to_string())]
                )
            );
            ExitCode::FAILURE
        }
    }
}
