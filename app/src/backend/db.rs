//! Connecting to the database named by `DATABASE_URL`: SQLite (the default, a file in the data directory) or
//! PostgreSQL. SQLite gets WAL (readers never block the writer), a busy timeout (writers queue instead of failing)
//! and foreign keys.

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseBackend, DatabaseConnection, DbErr, SqlxSqliteConnector};
use std::time::Duration;

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).acquire_timeout(Duration::from_secs(10)).map_sqlx_sqlite_opts(|opts| {
        opts.create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
    });
    if url.starts_with("sqlite:") {
        // One SQLite file takes one writer at a time; a small pool avoids lock convoys. A connection to a local file
        // does not go stale, so it is not pinged before each use (a ping is a round trip to its thread).
        options.max_connections(8).test_before_acquire(false);
    } else {
        // A PostgreSQL connection can be dropped by the server while idle: only those are pinged before use.
        options.test_before_acquire_if_idle_for(Duration::from_secs(30));
    }
    Database::connect(options).await
}

/// SQLite takes one writer at a time. Every write goes through this second pool of exactly one connection to the same
/// file: writers queue (in order) for that connection inside the process instead of sleeping in SQLite's busy handler
/// (1, 2, 5 … 100 ms between tries, which under load was most of a write's time), and the one writing connection's
/// page cache stays warm. It never checkpoints the log itself: the caller runs checkpoints off the write path
/// (`service::wal_checkpoint`). `None` for PostgreSQL, where writers run concurrently.
pub fn sqlite_writer(db: &DatabaseConnection) -> Option<DatabaseConnection> {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return None;
    }
    let options = (*db.get_sqlite_connection_pool().connect_options()).clone().pragma("wal_autocheckpoint", "0");
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy_with(options);
    Some(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}
