//! Logs: `tracing` to stdout, one span per request carrying its request id. sqlx and SeaORM log every statement
//! at info, so they are held to warn unless the filter names them.

use tracing_subscriber::EnvFilter;

pub fn init(filter: &str) {
    // Ours first, so a filter that names one of them explicitly still wins.
    let filter = format!("sqlx=warn,sea_orm=warn,sea_orm_migration=warn,tower_sessions_core=warn,{filter}");
    let _ = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(&filter).unwrap_or_else(|_| EnvFilter::new("info")))
        .with_target(false)
        // Standard output is for what commands print (URLs, JSON); logs go to standard error.
        .with_writer(std::io::stderr)
        .try_init();
}
