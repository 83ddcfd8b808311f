//! The master key as the maintenance commands handle it: where it comes from (the configuration / $IAM_MASTER_KEY,
//! or `<data_dir>/master.key`), reading it without generating one (a restore or a rotation must never invent a key),
//! and writing key files the way `MasterKey::load_or_create` does: created exclusively, mode 0600, synced.
//! Key material never appears in an error message.

use anyhow::Context;
use app::backend::crypto::MasterKey;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::Settings;

pub const KEY_LEN: usize = 32;
pub const KEY_FILE: &str = "master.key";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// `master_key` in the configuration file, or $IAM_MASTER_KEY: only the operator can change it.
    Configured,
    /// `<data_dir>/master.key`.
    File(PathBuf),
}

impl KeySource {
    pub fn of(settings: &Settings) -> Self {
        match &settings.master_key {
            Some(text) if !text.trim().is_empty() => KeySource::Configured,
            _ => KeySource::File(settings.data_dir.join(KEY_FILE)),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            KeySource::Configured => "the configured master key (`master_key` / $IAM_MASTER_KEY)".to_owned(),
            KeySource::File(path) => format!("`{}`", path.display()),
        }
    }
}

pub struct CurrentKey {
    pub key: MasterKey,
    pub raw: [u8; KEY_LEN],
    pub source: KeySource,
}

/// The key the server would use, if there is one yet (a data directory that never served has no `master.key`).
pub fn read_existing(settings: &Settings) -> anyhow::Result<Option<CurrentKey>> {
    let source = KeySource::of(settings);
    let text = match (&source, &settings.master_key) {
        (KeySource::Configured, Some(text)) => text.clone(),
        (KeySource::File(path), _) => match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("reading the master key file `{}`", path.display())),
        },
        (KeySource::Configured, None) => return Ok(None),
    };
    let raw = parse(&text).with_context(|| format!("reading {}", source.describe()))?;
    Ok(Some(CurrentKey { key: MasterKey::from_bytes(raw), raw, source }))
}

/// Base64 of exactly 32 bytes, surrounding whitespace ignored.
pub fn parse(text: &str) -> anyhow::Result<[u8; KEY_LEN]> {
    let bytes = STANDARD.decode(text.trim()).map_err(|_| anyhow::anyhow!("the key is not valid base64"))?;
    let len = bytes.len();
    bytes.try_into().map_err(|_| anyhow::anyhow!("the key must be {KEY_LEN} bytes, base64-encoded (got {len} bytes)"))
}

pub fn read_file(path: &Path) -> anyhow::Result<[u8; KEY_LEN]> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading key file `{}`", path.display()))?;
    parse(&text).with_context(|| format!("key file `{}`", path.display()))
}

pub fn generate() -> [u8; KEY_LEN] {
    let mut raw = [0u8; KEY_LEN];
    rand::rng().fill_bytes(&mut raw);
    raw
}

/// Writes `raw` (base64) to a new file at `path`: refused if it exists, owner-only, synced to disk with its
/// directory entry, so a key that will seal data is durable before any data depends on it.
pub fn write_new(path: &Path, raw: &[u8; KEY_LEN]) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).with_context(|| format!("creating key file `{}`", path.display()))?;
    file.write_all(STANDARD.encode(raw).as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing key file `{}`", path.display()))?;
    sync_parent(path)
}

/// `<base>-<stamp>`, or `<base>-<stamp>-2`, `-3`… when that name is taken (two runs within one second): kept files
/// are never overwritten. Only called under the exclusive data-directory lock, so nobody races for the name.
pub fn unused_name(base: &Path, stamp: &str) -> PathBuf {
    let named = |n: u32| {
        let mut name = base.as_os_str().to_owned();
        name.push(if n < 2 { format!("-{stamp}") } else { format!("-{stamp}-{n}") });
        PathBuf::from(name)
    };
    (1..).map(named).find(|path| path.symlink_metadata().is_err()).unwrap_or_else(|| named(0))
}

/// Makes a rename or a new file in `path`'s directory durable (on Unix a directory is synced by fsync-ing it).
pub fn sync_parent(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::File::open(dir)
            .and_then(|dir| dir.sync_all())
            .with_context(|| format!("syncing directory `{}`", dir.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_32_bytes_of_base64_and_errors_never_show_them() {
        let raw = generate();
        assert_eq!(parse(&format!("  {}\n", STANDARD.encode(raw))).unwrap(), raw);
        let short = STANDARD.encode([7u8; 16]);
        let message = format!("{:#}", parse(&short).unwrap_err());
        assert!(message.contains("32 bytes") && !message.contains(&short), "{message}");
        assert!(parse("not base64!").is_err());
    }

    #[test]
    fn kept_files_get_a_name_of_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("master.key.old");
        let first = unused_name(&base, "20261129T120000Z");
        assert_eq!(first, dir.path().join("master.key.old-20261129T120000Z"));
        std::fs::write(&first, "x").unwrap();
        assert_eq!(unused_name(&base, "20261129T120000Z"), dir.path().join("master.key.old-20261129T120000Z-2"));
    }

    #[test]
    fn new_key_files_are_owner_only_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        let raw = generate();
        write_new(&path, &raw).unwrap();
        assert_eq!(read_file(&path).unwrap(), raw);
        assert!(write_new(&path, &generate()).is_err());
        assert_eq!(read_file(&path).unwrap(), raw);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }
}
