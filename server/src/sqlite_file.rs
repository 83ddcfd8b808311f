//! A SQLite database file as `backup` and `restore` see it: where the configured URL puts it, and whether a copy is a
//! sound database of ours (the SQLite header, `PRAGMA integrity_check`, the migrations table), what it holds, and
//! whether its sealed secrets open with a given master key.

use anyhow::Context;
use app::backend::crypto::MasterKey;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, SqlxSqliteConnector, Statement};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The first 16 bytes of every SQLite 3 database file.
const HEADER: &[u8; 16] = b"SQLite format 3\0";
/// sea-orm-migration's bookkeeping table: a file without it was never migrated by us.
const MIGRATIONS_TABLE: &str = "seaql_migrations";

/// The file a `sqlite:` URL names (`sqlite://<path>[?options]`, as `Settings::database_url` makes it); `None` for
/// any other database, and for in-memory SQLite, which has no file to back up.
pub fn path_of(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split_once('?').map_or(rest, |(path, _)| path);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// What a verified copy holds, for the one-line summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    pub users: i64,
    pub groups: i64,
    pub access_keys: i64,
    pub managed_policies: i64,
    pub inline_policies: i64,
    pub mfa_devices: i64,
}

impl Contents {
    pub fn to_json(self) -> serde_json::Value {
        serde_json::json!({
            "Users": self.users,
            "Groups": self.groups,
            "AccessKeys": self.access_keys,
            "Policies": self.managed_policies,
            "InlinePolicies": self.inline_policies,
            "MfaDevices": self.mfa_devices,
        })
    }
}

/// A database file opened read-only for inspection. `immutable` tells SQLite nobody writes it meanwhile (true of a
/// backup or of a file about to be restored), so it needs no locks and leaves no `-wal`/`-shm` files beside it.
pub struct Inspected {
    db: DatabaseConnection,
}

impl Inspected {
    /// Opens `path` after checking it starts like a SQLite file, then runs `PRAGMA integrity_check` and looks for
    /// the migrations table. Every refusal names the file and says what is wrong with it.
    pub async fn open(path: &Path) -> anyhow::Result<Self> {
        check_header(path)?;
        let options = SqliteConnectOptions::new().filename(path).read_only(true).immutable(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .with_context(|| format!("`{}` is damaged: it does not open as a SQLite database", path.display()))?;
        let inspected = Self { db: SqlxSqliteConnector::from_sqlx_sqlite_pool(pool) };
        let result = inspected.verify(path).await;
        match result {
            Ok(()) => Ok(inspected),
            Err(err) => {
                inspected.close().await;
                Err(err)
            }
        }
    }

    async fn verify(&self, path: &Path) -> anyhow::Result<()> {
        let rows = self
            .db
            .query_all_raw(sql("PRAGMA integrity_check"))
            .await
            .with_context(|| format!("`{}` is damaged: its integrity check could not run", path.display()))?;
        let findings: Vec<String> = rows.iter().filter_map(|row| row.try_get_by_index::<String>(0).ok()).collect();
        if findings != ["ok"] {
            let shown: Vec<&str> = findings.iter().take(3).map(String::as_str).collect();
            anyhow::bail!("`{}` is damaged: integrity check says {}", path.display(), shown.join("; "));
        }
        let tables = self
            .count(&format!("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{MIGRATIONS_TABLE}'"))
            .await?;
        if tables != 1 {
            anyhow::bail!(
                "`{}` is a SQLite database but not one of this server's (it has no `{MIGRATIONS_TABLE}` table)",
                path.display()
            );
        }
        Ok(())
    }

    pub async fn contents(&self) -> anyhow::Result<Contents> {
        Ok(Contents {
            users: self.count("SELECT count(*) FROM iam_user").await?,
            groups: self.count("SELECT count(*) FROM iam_group").await?,
            access_keys: self.count("SELECT count(*) FROM access_key").await?,
            managed_policies: self.count("SELECT count(*) FROM managed_policy").await?,
            inline_policies: self.count("SELECT count(*) FROM inline_policy").await?,
            mfa_devices: self.count("SELECT count(*) FROM mfa_device").await?,
        })
    }

    /// Opens one sealed access-key secret and one sealed MFA seed (when there are any) with `key`: restoring a
    /// database whose secrets the configured key cannot open would leave every key and device unusable. Returns how
    /// many secrets were tried.
    pub async fn check_opens_with(&self, key: &MasterKey) -> anyhow::Result<usize> {
        let samples = [
            ("access key", "SELECT access_key_id, secret_ciphertext FROM access_key LIMIT 1"),
            ("MFA device", "SELECT serial_number, seed_ciphertext FROM mfa_device LIMIT 1"),
        ];
        let mut tried = 0;
        for (what, query) in samples {
            let Some(row) = self.db.query_one_raw(sql(query)).await.context("reading a sealed secret")? else {
                continue;
            };
            let id: String = row.try_get_by_index(0).context("reading a sealed secret")?;
            let sealed: String = row.try_get_by_index(1).context("reading a sealed secret")?;
            key.open(&sealed, &id).map_err(|_| {
                anyhow::anyhow!(
                    "the secrets in this backup do not open with the current master key (tried {what} `{id}`): \
                     restore needs the key that was in use when the backup was taken, in `<data_dir>/master.key` or \
                     $IAM_MASTER_KEY"
                )
            })?;
            tried += 1;
        }
        Ok(tried)
    }

    pub async fn close(self) {
        let _ = self.db.close().await;
    }

    async fn count(&self, query: &str) -> anyhow::Result<i64> {
        let row = self.db.query_one_raw(sql(query)).await.with_context(|| format!("running `{query}`"))?;
        let row = row.with_context(|| format!("`{query}` returned no row"))?;
        row.try_get_by_index(0).with_context(|| format!("reading the result of `{query}`"))
    }
}

fn sql(text: &str) -> Statement {
    Statement::from_string(DbBackend::Sqlite, text.to_owned())
}

fn check_header(path: &Path) -> anyhow::Result<()> {
    let mut file = std::fs::File::open(path).with_context(|| format!("opening `{}`", path.display()))?;
    let mut header = [0u8; 16];
    match file.read_exact(&mut header) {
        Ok(()) if &header == HEADER => Ok(()),
        Ok(()) => anyhow::bail!("`{}` is not a SQLite database file", path.display()),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            anyhow::bail!("`{}` is not a SQLite database file (too short)", path.display())
        }
        Err(e) => Err(e).with_context(|| format!("reading `{}`", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_behind_a_sqlite_url() {
        assert_eq!(path_of("sqlite:///var/lib/iam/iam.db"), Some(PathBuf::from("/var/lib/iam/iam.db")));
        assert_eq!(path_of("sqlite://./data/iam.db?mode=rwc"), Some(PathBuf::from("./data/iam.db")));
        assert_eq!(path_of("sqlite:iam.db"), Some(PathBuf::from("iam.db")));
        assert_eq!(path_of("sqlite::memory:"), None);
        assert_eq!(path_of("postgres://iam@db/iam"), None);
    }
}
