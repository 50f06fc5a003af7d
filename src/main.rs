use clap::Parser;
use consulta::{app, config::Cli};
use std::process::ExitCode;
use tracing_subscriber::{EnvFilter, fmt};

#[tokio::main]
async fn main() -> ExitCode {
    // A .env file beside the binary's working directory is optional.
    let _ = dotenvy::dotenv();
    fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    app::main_with(Cli::parse()).await
}
