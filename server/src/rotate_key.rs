//! `server rotate-master-key [--new-key-file FILE]`: re-seals every secret at rest under a new master key, with the
//! servers on this data directory stopped (the exclusive data-directory lock).
//!
//! What is sealed (everything `MasterKey::seal` writes): access-key secrets (`access_key.secret_ciphertext`, bound to
//! the key id), TOTP seeds (`mfa_device.seed_ciphertext`, bound to the serial number) and the one-time secrets a
//! console session holds for a browser without JavaScript (`{"sealed": …}` under the slot's name in
//! `console_session.data`, bound to that name). All are opened with the current key and sealed with the new one in
//! ONE transaction: any failure rolls it back and the database and the key file are as before, so a failed run can
//! simply be run again. Expired sessions are deleted in the same transaction rather than re-sealed.
//!
//! Order, so that no committed data depends on a key that is not on disk: the new key is written (synced, 0600)
//! before the transaction, and installed after it commits: `<data_dir>/master.key` is replaced by a rename, the old
//! key kept as `master.key.old-<time>`. A key from the configuration ($IAM_MASTER_KEY / `master_key`) cannot be
//! changed from here: the new key goes to a file and the operator updates the configuration.
//! Pagination markers (MACed with a sub-key of the master key) handed out before the rotation stop being accepted.

use anyhow::Context;
use app::backend::crypto::MasterKey;
use app::backend::entities::{access_key, console_session, mfa_device};
use app::backend::SharedClock;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, TransactionTrait};
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::data_lock::DataDirLock;
use crate::master_key_file::{self as key_file, KeySource};
use crate::startup::open_database;

/// How many secrets were re-sealed, by kind.
#[derive(Debug, Default)]
struct Resealed {
    access_keys: usize,
    mfa_devices: usize,
    session_secrets: usize,
    expired_sessions_deleted: u64,
}

pub async fn rotate(
    settings: &Settings,
    new_key_file: Option<&Path>,
    clock: &SharedClock,
) -> anyhow::Result<serde_json::Value> {
    let _lock = DataDirLock::exclusive(&settings.data_dir, "rotate-master-key")?;
    let source = KeySource::of(settings);
    let current = key_file::read_existing(settings)?
        .with_context(|| format!("there is no master key to rotate: {} does not exist", source.describe()))?;
    let new_raw = match new_key_file {
        Some(path) => key_file::read_file(path)?,
        None => key_file::generate(),
    };
    if new_raw == current.raw {
        anyhow::bail!("the new master key is the current one: nothing to rotate");
    }
    let new_key = MasterKey::from_bytes(new_raw);
    let stamp = clock.now().format("%Y%m%dT%H%M%SZ").to_string();

    let files = KeyFiles::prepare(&source, &settings.data_dir, new_key_file, &new_raw, &stamp)?;
    let resealed = match open_database(settings).await {
        Ok(db) => {
            let resealed = reseal_all(&db, &current.key, &new_key, clock.now().timestamp()).await;
            let _ = db.close().await;
            resealed
        }
        Err(err) => Err(err),
    };
    let resealed = match resealed {
        Ok(resealed) => resealed,
        // A failed commit may still have committed (the connection dropped after the server did): the new key is
        // kept, never deleted, in case the data now depends on it.
        Err(err) if err.is::<CommitFailed>() => return Err(err.context(files.kept_after_unclear_commit())),
        Err(err) => {
            files.abandon();
            return Err(
                err.context(format!("nothing was changed: the database and {} are as before", source.describe()))
            );
        }
    };
    let key_report = files.install()?;

    let mut out = serde_json::json!({
        "Resealed": {
            "AccessKeys": resealed.access_keys,
            "MfaDevices": resealed.mfa_devices,
            "SessionSecrets": resealed.session_secrets,
        },
        "ExpiredSessionsDeleted": resealed.expired_sessions_deleted,
        "Note": "pagination markers issued before the rotation are no longer accepted; back up the new key now",
    });
    crate::backup::merge(&mut out, key_report);
    Ok(out)
}

/// Re-seals every sealed column in one transaction, checks the result opens with the new key, and commits.
async fn reseal_all(db: &DatabaseConnection, old: &MasterKey, new: &MasterKey, now: i64) -> anyhow::Result<Resealed> {
    let txn = db.begin().await.context("starting the transaction")?;
    let mut done = Resealed::default();

    for key in access_key::Entity::find().all(&txn).await.context("reading access keys")? {
        let id = &key.access_key_id;
        let sealed = reseal(old, new, &key.secret_ciphertext, id)
            .with_context(|| format!("the secret of access key `{id}` does not open with the current master key"))?;
        access_key::Entity::update_many()
            .col_expr(access_key::Column::SecretCiphertext, Expr::value(sealed))
            .filter(access_key::Column::AccessKeyId.eq(id.as_str()))
            .exec(&txn)
            .await
            .with_context(|| format!("updating access key `{id}`"))?;
        done.access_keys += 1;
    }

    for device in mfa_device::Entity::find().all(&txn).await.context("reading MFA devices")? {
        let serial = &device.serial_number;
        let sealed = reseal(old, new, &device.seed_ciphertext, serial)
            .with_context(|| format!("the seed of MFA device `{serial}` does not open with the current master key"))?;
        mfa_device::Entity::update_many()
            .col_expr(mfa_device::Column::SeedCiphertext, Expr::value(sealed))
            .filter(mfa_device::Column::SerialNumber.eq(serial.as_str()))
            .exec(&txn)
            .await
            .with_context(|| format!("updating MFA device `{serial}`"))?;
        done.mfa_devices += 1;
    }

    done.expired_sessions_deleted = console_session::Entity::delete_many()
        .filter(console_session::Column::ExpiresAt.lte(now))
        .exec(&txn)
        .await
        .context("deleting expired console sessions")?
        .rows_affected;
    for session in console_session::Entity::find().all(&txn).await.context("reading console sessions")? {
        let mut record: serde_json::Value =
            serde_json::from_str(&session.data).context("reading a console session record")?;
        let count = reseal_session_record(&mut record, old, new)?;
        if count == 0 {
            continue;
        }
        console_session::Entity::update_many()
            .col_expr(console_session::Column::Data, Expr::value(record.to_string()))
            .filter(console_session::Column::Id.eq(session.id.as_str()))
            .exec(&txn)
            .await
            .context("updating a console session")?;
        done.session_secrets += count;
    }

    check_all_open(&txn, new).await?;
    txn.commit().await.map_err(|e| anyhow::Error::new(CommitFailed(e.to_string())))?;
    Ok(done)
}

fn reseal(old: &MasterKey, new: &MasterKey, sealed: &str, context: &str) -> anyhow::Result<String> {
    let plaintext = old.open(sealed, context)?;
    Ok(new.seal(&plaintext, context)?)
}

/// The session stash (`auth::session::stash_secret`) keeps `{"sealed": …}` under the slot's name in the record's
/// `data`, sealed with that name as associated data. Any such slot is re-sealed, whatever its name.
fn reseal_session_record(record: &mut serde_json::Value, old: &MasterKey, new: &MasterKey) -> anyhow::Result<usize> {
    let Some(slots) = record.get_mut("data").and_then(serde_json::Value::as_object_mut) else {
        return Ok(0);
    };
    let mut count = 0;
    for (slot, value) in slots.iter_mut() {
        let Some(sealed) = value.get_mut("sealed") else { continue };
        let Some(text) = sealed.as_str() else { continue };
        let resealed = reseal(old, new, text, slot).with_context(|| {
            format!("a console session's `{slot}` secret does not open with the current master key")
        })?;
        *sealed = serde_json::Value::String(resealed);
        count += 1;
    }
    Ok(count)
}

/// Before committing: every secret opens with the new key (a last check that costs one read per row).
async fn check_all_open(txn: &DatabaseTransaction, new: &MasterKey) -> anyhow::Result<()> {
    for key in access_key::Entity::find().all(txn).await? {
        new.open(&key.secret_ciphertext, &key.access_key_id)
            .with_context(|| format!("access key `{}` did not re-seal", key.access_key_id))?;
    }
    for device in mfa_device::Entity::find().all(txn).await? {
        new.open(&device.seed_ciphertext, &device.serial_number)
            .with_context(|| format!("MFA device `{}` did not re-seal", device.serial_number))?;
    }
    Ok(())
}

/// The commit itself failed: unlike any earlier failure, its outcome is not known for sure.
#[derive(Debug)]
struct CommitFailed(String);

impl std::fmt::Display for CommitFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "committing the re-sealed secrets failed: {}", self.0)
    }
}

impl std::error::Error for CommitFailed {}

/// The key files of one rotation: written before the transaction, installed after it commits, removed if it fails.
enum KeyFiles {
    /// The key lives in `<data_dir>/master.key`: `staged` becomes it, the current one is kept as `old`.
    DataDir { key: PathBuf, staged: PathBuf, old: PathBuf },
    /// The key comes from the configuration; the new one is in `file` (`generated`: written by us).
    Configured { file: PathBuf, generated: bool },
}

impl KeyFiles {
    fn prepare(
        source: &KeySource,
        data_dir: &Path,
        given: Option<&Path>,
        new_raw: &[u8; key_file::KEY_LEN],
        stamp: &str,
    ) -> anyhow::Result<Self> {
        match (source, given) {
            (KeySource::File(key), _) => {
                let staged = key_file::unused_name(&data_dir.join(format!("{}.new", key_file::KEY_FILE)), stamp);
                let old = key_file::unused_name(&data_dir.join(format!("{}.old", key_file::KEY_FILE)), stamp);
                key_file::write_new(&staged, new_raw)?;
                // A hard link keeps the old key's mode (0600) and cannot be half-written.
                if let Err(err) = std::fs::hard_link(key, &old) {
                    let _ = std::fs::remove_file(&staged);
                    return Err(err).with_context(|| format!("keeping the current key as `{}`", old.display()));
                }
                Ok(KeyFiles::DataDir { key: key.clone(), staged, old })
            }
            (KeySource::Configured, Some(file)) => {
                Ok(KeyFiles::Configured { file: file.to_path_buf(), generated: false })
            }
            (KeySource::Configured, None) => {
                let file = key_file::unused_name(&data_dir.join(format!("{}.new", key_file::KEY_FILE)), stamp);
                key_file::write_new(&file, new_raw)?;
                Ok(KeyFiles::Configured { file, generated: true })
            }
        }
    }

    fn abandon(self) {
        match self {
            KeyFiles::DataDir { staged, old, .. } => {
                let _ = std::fs::remove_file(staged);
                let _ = std::fs::remove_file(old);
            }
            KeyFiles::Configured { file, generated: true } => {
                let _ = std::fs::remove_file(file);
            }
            KeyFiles::Configured { generated: false, .. } => {}
        }
    }

    fn kept_after_unclear_commit(&self) -> String {
        let new = match self {
            KeyFiles::DataDir { staged, .. } => staged,
            KeyFiles::Configured { file, .. } => file,
        };
        format!(
            "the commit's outcome is unknown, so the new key is kept in `{}`: run `rotate-master-key` again; if it \
             says the secrets do not open with the current key, the commit went through and that file is the key",
            new.display()
        )
    }

    /// After the commit. Reports where the keys are, never what they are.
    fn install(self) -> anyhow::Result<serde_json::Value> {
        match self {
            KeyFiles::DataDir { key, staged, old } => {
                std::fs::rename(&staged, &key)
                    .and_then(|()| key_file::sync_parent(&key).map_err(std::io::Error::other))
                    .with_context(|| {
                        format!(
                            "the secrets are now sealed with the new key, which is in `{}`, but it could not be moved \
                             to `{}`: move it there by hand before starting the server",
                            staged.display(),
                            key.display()
                        )
                    })?;
                Ok(serde_json::json!({
                    "MasterKey": key.display().to_string(),
                    "OldMasterKey": old.display().to_string(),
                }))
            }
            KeyFiles::Configured { file, .. } => {
                eprintln!(
                    "the master key comes from the configuration: set `master_key` / $IAM_MASTER_KEY to the content \
                     of `{}` before starting the server again (the old key now opens only backups taken before the rotation)",
                    file.display()
                );
                Ok(serde_json::json!({
                    "NewMasterKeyFile": file.display().to_string(),
                    "Action": "update master_key / IAM_MASTER_KEY in the configuration to this file's content",
                }))
            }
        }
    }
}
