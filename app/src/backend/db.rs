//! Connecting to the database named by `DATABASE_URL`: SQLite (the default, a file in the data directory) or
//! PostgreSQL. SQLite gets WAL (readers never block the writer), a busy timeout (writers queue instead of failing)
//! and foreign keys.

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
        });
    if url.starts_with("sqlite:") {
        // One SQLite file takes one writer at a time; a small pool avoids lock convoys.
        options.max_connections(8);
    }
    Database::connect(options).await
}
