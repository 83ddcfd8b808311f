//! `server backup --to FILE`: a consistent copy of the SQLite database, taken while the server runs. `VACUUM INTO`
//! copies inside one read transaction, so the copy is a snapshot even with writers active (a file copy of a WAL
//! database is not), and the result is a single compact file with no `-wal` beside it. The copy is then opened and
//! checked before it is reported; a copy that fails the check is deleted, so a file left behind is a good backup.
//!
//! The master key is not in the database: the summary says so, and where the key is, every time.

use anyhow::Context;
use app::backend::db;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::path::Path;

use crate::config::Settings;
use crate::data_lock::DataDirLock;
use crate::master_key_file::KeySource;
use crate::sqlite_file::{self, Inspected};

/// What to do instead on PostgreSQL, where the database server owns consistency and its own tools do this job.
pub fn postgres_guidance(command: &str) -> String {
    format!(
        "`server {command}` works on the SQLite database only; this server uses PostgreSQL. Back up with \
         `pg_dump --format=custom --file=iam.dump \"$DATABASE_URL\"` and restore (servers stopped) with \
         `pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" iam.dump`, then run `server migrate`. \
         The master key is not in the database: keep a copy of it with every dump"
    )
}

pub async fn backup(settings: &Settings, to: &Path) -> anyhow::Result<serde_json::Value> {
    let url = settings.database_url();
    let Some(database) = sqlite_file::path_of(&url) else {
        anyhow::bail!(postgres_guidance("backup"));
    };
    let target = to.to_str().with_context(|| format!("the backup path `{}` is not valid UTF-8", to.display()))?;
    if !database.exists() {
        anyhow::bail!("there is no database at `{}` to back up", database.display());
    }
    // Shared, like a server: backups run beside servers, but not during a restore or a key rotation.
    let _lock = DataDirLock::shared(&settings.data_dir)?;
    let connection = db::connect(&url).await.with_context(|| format!("opening `{}`", database.display()))?;
    if let Err(err) = create_private(to) {
        let _ = connection.close().await;
        return Err(err);
    }
    // The file name is a bound value rather than text spliced into the statement: no quoting to get wrong, whatever
    // characters the path holds. SQLite writes INTO the empty file made above and refuses any non-empty one.
    let copied = connection
        .execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [target.into()]))
        .await
        .with_context(|| format!("copying `{}` into `{}`", database.display(), to.display()));
    let _ = connection.close().await;
    if let Err(err) = copied {
        let _ = std::fs::remove_file(to);
        return Err(err);
    }
    sync_file(to)?;

    let summary = match verified_summary(to).await {
        Ok(summary) => summary,
        Err(err) => {
            let _ = std::fs::remove_file(to);
            return Err(err.context(format!("the copy failed its check and was deleted: `{}`", to.display())));
        }
    };
    let bytes = std::fs::metadata(to).with_context(|| format!("reading `{}`", to.display()))?.len();
    let mut out = serde_json::json!({
        "Backup": to.display().to_string(),
        "Bytes": bytes,
        "MasterKey": format!(
            "not in the backup: keep a copy of {} with it; the backup's access-key secrets and MFA seeds open only \
             with that key",
            KeySource::of(settings).describe()
        ),
    });
    merge(&mut out, summary);
    Ok(out)
}

async fn verified_summary(path: &Path) -> anyhow::Result<serde_json::Value> {
    let copy = Inspected::open(path).await?;
    let contents = copy.contents().await;
    copy.close().await;
    Ok(contents?.to_json())
}

/// Creates the empty backup file, exclusively (an existing file is never overwritten, even one appearing between a
/// check and the copy) and owner-only: a backup holds password hashes and sealed secrets, like the database.
fn create_private(path: &Path) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            anyhow::bail!("`{}` already exists: a backup never overwrites a file; choose a new name", path.display())
        }
        Err(e) => Err(e).with_context(|| format!("creating the backup file `{}`", path.display())),
    }
}

fn sync_file(path: &Path) -> anyhow::Result<()> {
    std::fs::File::open(path)
        .and_then(|file| file.sync_all())
        .with_context(|| format!("syncing `{}`", path.display()))?;
    crate::master_key_file::sync_parent(path)
}

/// Adds `extra`'s fields to `out` (both JSON objects).
pub fn merge(out: &mut serde_json::Value, extra: serde_json::Value) {
    if let (Some(out), serde_json::Value::Object(extra)) = (out.as_object_mut(), extra) {
        out.extend(extra);
    }
}
