use app::backend::SystemClock;
use clap::Parser;
use server::commands::{run, Cli};
use server::config::Settings;
use server::telemetry;
use std::process::ExitCode;
use std::sync::Arc;

/// Many small, short-lived allocations on many threads (requests, SQL rows, XML): mimalloc serves them with less
/// contention than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("error: configuration: {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&settings.log);
    match run(cli, settings, Arc::new(SystemClock)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
