//! `server restore --from FILE`: puts a backup in place of the SQLite database, with every server on the data
//! directory stopped (the exclusive data-directory lock). Nothing changes until the backup has passed every check
//! (a SQLite file, `PRAGMA integrity_check`, our migrations table, its secrets open with the current master key);
//! then it is copied next to the database, synced, and renamed over it, so the database is the old one or the
//! restored one, never half of each. The previous database stays beside it as `<db>.pre-restore-<time>` (a hard
//! link, so no copy), with its write-ahead log when it still had one; the `-wal`/`-shm` files of the replaced
//! database are moved away first, because SQLite would otherwise replay the old log into the restored file.

use anyhow::Context;
use app::backend::{db, SharedClock};
use sea_orm::ConnectionTrait;
use std::path::{Path, PathBuf};

use crate::backup::{merge, postgres_guidance};
use crate::config::Settings;
use crate::data_lock::DataDirLock;
use crate::master_key_file;
use crate::sqlite_file::{self, Inspected};
use crate::startup::open_database;

pub async fn restore(settings: &Settings, from: &Path, clock: &SharedClock) -> anyhow::Result<serde_json::Value> {
    let url = settings.database_url();
    let Some(database) = sqlite_file::path_of(&url) else {
        anyhow::bail!(postgres_guidance("restore"));
    };
    let _lock = DataDirLock::exclusive(&settings.data_dir, "restore")?;
    if !from.is_file() {
        anyhow::bail!("there is no backup file at `{}`", from.display());
    }
    if database.exists() && same_file(from, &database)? {
        anyhow::bail!("`{}` is the database itself, not a backup of it", from.display());
    }

    let contents = check_backup(settings, from).await.context("nothing was changed")?;
    let dir = database.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating `{}`", dir.display()))?;

    let staged = sibling(&database, &format!("restore-{}.tmp", std::process::id()));
    stage_copy(from, &staged).context("nothing was changed")?;
    let previous = if database.exists() {
        match set_aside(&url, &database, clock).await {
            Ok(previous) => Some(previous),
            Err(err) => {
                let _ = std::fs::remove_file(&staged);
                return Err(err.context("nothing was changed"));
            }
        }
    } else {
        None
    };
    if let Err(err) = std::fs::rename(&staged, &database) {
        let _ = std::fs::remove_file(&staged);
        let kept = previous.as_ref().map(|p| format!(" (it is also kept as `{}`)", p.display())).unwrap_or_default();
        return Err(err).with_context(|| {
            format!(
                "moving the restored copy over `{}` failed: the database was not replaced{kept}",
                database.display()
            )
        });
    }
    master_key_file::sync_parent(&database)?;

    // A backup from an older release gets the newer migrations now rather than at the next start.
    let restored = open_database(settings).await.context("applying migrations to the restored database")?;
    let _ = restored.close().await;

    let mut out = serde_json::json!({
        "Restored": database.display().to_string(),
        "From": from.display().to_string(),
        "PreviousDatabase": previous.map(|p| p.display().to_string()),
    });
    merge(&mut out, contents.to_json());
    Ok(out)
}

/// Every check a backup must pass before anything is touched.
async fn check_backup(settings: &Settings, from: &Path) -> anyhow::Result<sqlite_file::Contents> {
    let backup = Inspected::open(from).await?;
    let checked = async {
        let contents = backup.contents().await?;
        match master_key_file::read_existing(settings)? {
            Some(current) => {
                backup.check_opens_with(&current.key).await?;
            }
            None if contents.access_keys + contents.mfa_devices > 0 => anyhow::bail!(
                "the backup holds sealed secrets but there is no master key ({} does not exist and none is \
                 configured): put the key that was in use when the backup was taken there first",
                master_key_file::KeySource::of(settings).describe()
            ),
            None => {}
        }
        Ok(contents)
    }
    .await;
    backup.close().await;
    checked
}

/// Copies the backup next to the database (same file system, so the final rename is atomic) and syncs it.
fn stage_copy(from: &Path, staged: &Path) -> anyhow::Result<()> {
    let copy = || -> std::io::Result<()> {
        let mut source = std::fs::File::open(from)?;
        let mut target = std::fs::OpenOptions::new().write(true).create_new(true).open(staged)?;
        std::io::copy(&mut source, &mut target)?;
        target.sync_all()
    };
    copy()
        .inspect_err(|_| {
            let _ = std::fs::remove_file(staged);
        })
        .with_context(|| format!("copying `{}` to `{}`", from.display(), staged.display()))
}

/// Keeps the current database as `<db>.pre-restore-<time>` and clears its `-wal`/`-shm` names. The log is folded
/// into the file first when the database opens at all (a damaged one may not, which is often why it is restored).
async fn set_aside(url: &str, database: &Path, clock: &SharedClock) -> anyhow::Result<PathBuf> {
    match db::connect(url).await {
        Ok(connection) => {
            if let Err(err) = connection.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await {
                tracing::warn!(error = %err, "could not fold the write-ahead log into the database being replaced");
            }
            let _ = connection.close().await;
        }
        Err(err) => tracing::warn!(error = %err, "the database being replaced does not open"),
    }
    let stamp = clock.now().format("%Y%m%dT%H%M%SZ");
    let previous = master_key_file::unused_name(&sibling(database, "pre-restore"), &stamp.to_string());
    std::fs::hard_link(database, &previous)
        .with_context(|| format!("keeping the current database as `{}`", previous.display()))?;
    // SQLite finds a database's log by appending `-wal` to its name: moved with the copy, it stays that copy's.
    let wal = suffixed(database, "-wal");
    if wal.exists() {
        std::fs::rename(&wal, suffixed(&previous, "-wal"))
            .with_context(|| format!("moving the write-ahead log `{}` aside", wal.display()))?;
    }
    let shm = suffixed(database, "-shm");
    match std::fs::remove_file(&shm) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("removing `{}`", shm.display())),
    }
    Ok(previous)
}

fn same_file(a: &Path, b: &Path) -> anyhow::Result<bool> {
    let canonical = |p: &Path| std::fs::canonicalize(p).with_context(|| format!("resolving `{}`", p.display()));
    Ok(canonical(a)? == canonical(b)?)
}

/// `<db>.<suffix>`, in the database's directory.
fn sibling(database: &Path, suffix: &str) -> PathBuf {
    suffixed(database, &format!(".{suffix}"))
}

fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
