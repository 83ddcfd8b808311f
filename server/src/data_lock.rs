//! An advisory lock on the data directory, so maintenance that replaces what a running server reads (`restore`,
//! `rotate-master-key`) cannot run under it. Servers (and `backup`, which only reads) hold the lock file shared:
//! several may run over one data directory; maintenance takes it exclusively and is refused while any of them runs,
//! and a server cannot start in the middle of a restore. The lock is the operating system's (`flock` on Unix), so
//! it is released when the process ends, however it ends: no stale lock to clean up after a crash.

use anyhow::Context;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::master_key_file::KeySource;

/// The lock file's name inside the data directory. Its content is irrelevant; only the lock on it counts.
pub const LOCK_FILE: &str = "server.lock";

/// Held for as long as it lives; dropping it (or the process ending) releases the lock.
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
}

impl DataDirLock {
    /// The lock a serving process (or a reader such as `backup`) holds: refused only during maintenance.
    pub fn shared(data_dir: &Path) -> anyhow::Result<Self> {
        let (file, path) = open(data_dir)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => Err(maintenance_running(data_dir, &path)),
            Err(TryLockError::Error(e)) => Err(e).with_context(|| format!("locking `{}`", path.display())),
        }
    }

    /// The lock `serve` holds. A server refuses to start during maintenance. A data directory it cannot write is an
    /// error on SQLite (the database lives there) but only a warning on PostgreSQL with a configured master key,
    /// where a server may run without a writable data directory: it then runs unlocked, as before the lock existed.
    pub fn serving(settings: &Settings) -> anyhow::Result<Option<Self>> {
        let needs_data_dir =
            settings.database_url().starts_with("sqlite:") || KeySource::of(settings) != KeySource::Configured;
        Self::serving_in(&settings.data_dir, needs_data_dir)
    }

    fn serving_in(data_dir: &Path, needs_data_dir: bool) -> anyhow::Result<Option<Self>> {
        let (file, path) = match open(data_dir) {
            Ok(opened) => opened,
            Err(err) if !needs_data_dir => {
                tracing::warn!(error = %format!("{err:#}"), "serving without the data-directory lock");
                return Ok(None);
            }
            Err(err) => return Err(err),
        };
        match file.try_lock_shared() {
            Ok(()) => Ok(Some(Self { _file: file })),
            Err(TryLockError::WouldBlock) => Err(maintenance_running(data_dir, &path)),
            Err(TryLockError::Error(e)) => Err(e).with_context(|| format!("locking `{}`", path.display())),
        }
    }

    /// The lock maintenance holds: refused while any server (or backup, or other maintenance) uses the directory.
    pub fn exclusive(data_dir: &Path, command: &str) -> anyhow::Result<Self> {
        let (file, path) = open(data_dir)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => anyhow::bail!(
                "a server is running on data directory `{}` (or a backup or another maintenance command is): stop \
                 it before `{command}` (`{}` is locked); nothing was changed",
                data_dir.display(),
                path.display()
            ),
            Err(TryLockError::Error(e)) => Err(e).with_context(|| format!("locking `{}`", path.display())),
        }
    }
}

fn maintenance_running(data_dir: &Path, path: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "data directory `{}` is being restored or its master key rotated (`{}` is locked): try again when that \
         command has finished",
        data_dir.display(),
        path.display()
    )
}

fn open(data_dir: &Path) -> anyhow::Result<(File, PathBuf)> {
    std::fs::create_dir_all(data_dir).with_context(|| format!("creating data directory `{}`", data_dir.display()))?;
    let path = data_dir.join(LOCK_FILE);
    // Never truncated or written: opening it must not disturb a holder.
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("opening lock file `{}`", path.display()))?;
    Ok((file, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_server_that_needs_no_data_directory_runs_unlocked_when_it_cannot_have_one() {
        // A file where the directory should be: it cannot be created, whoever runs the test.
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("not-a-dir");
        std::fs::write(&blocked, "").unwrap();
        let data_dir = blocked.join("data");
        assert!(DataDirLock::serving_in(&data_dir, false).unwrap().is_none());
        assert!(DataDirLock::serving_in(&data_dir, true).is_err());
    }

    #[test]
    fn servers_share_the_directory_and_maintenance_waits_for_all_of_them() {
        let dir = tempfile::tempdir().unwrap();
        let first = DataDirLock::shared(dir.path()).unwrap();
        let second = DataDirLock::shared(dir.path()).unwrap();
        let refused = DataDirLock::exclusive(dir.path(), "restore").unwrap_err().to_string();
        assert!(refused.contains("a server is running"), "{refused}");
        drop(first);
        assert!(DataDirLock::exclusive(dir.path(), "restore").is_err(), "one server still runs");
        drop(second);
        let maintenance = DataDirLock::exclusive(dir.path(), "restore").unwrap();
        let refused = DataDirLock::shared(dir.path()).unwrap_err().to_string();
        assert!(refused.contains("being restored"), "{refused}");
        assert!(DataDirLock::serving_in(dir.path(), true).is_err(), "no server starts during maintenance");
        drop(maintenance);
        DataDirLock::shared(dir.path()).unwrap();
        assert!(DataDirLock::serving_in(dir.path(), true).unwrap().is_some());
    }
}
