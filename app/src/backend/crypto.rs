//! Secrets at rest (DESIGN rule 4). Access-key secrets and TOTP seeds must be readable again (SigV4 and TOTP need the
//! plaintext), so they are sealed with AES-256-GCM under a master key rather than hashed. The same key, through a
//! separate HMAC sub-key, makes pagination markers tamper-proof.

use std::fmt;
use std::io::Write;
use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 12;

#[derive(Clone)]
pub struct MasterKey {
    sealing: [u8; KEY_LEN],
    marker_mac: [u8; KEY_LEN],
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey(<redacted>)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("the master key must be 32 bytes, base64-encoded")]
    BadMasterKey,
    #[error("master key file `{path}`: {source}")]
    KeyFile { path: String, source: std::io::Error },
    #[error("a sealed secret could not be opened (wrong master key or damaged data)")]
    Unseal,
}

impl MasterKey {
    /// From 32 raw bytes. Two sub-keys are derived so that a marker MAC can never be confused with a sealed secret.
    pub fn from_bytes(raw: [u8; KEY_LEN]) -> Self {
        Self { sealing: derive(&raw, b"iam/seal/v1"), marker_mac: derive(&raw, b"iam/marker/v1") }
    }

    pub fn from_base64(text: &str) -> Result<Self, CryptoError> {
        let bytes = STANDARD.decode(text.trim()).map_err(|_| CryptoError::BadMasterKey)?;
        let raw: [u8; KEY_LEN] = bytes.try_into().map_err(|_| CryptoError::BadMasterKey)?;
        Ok(Self::from_bytes(raw))
    }

    pub fn generate() -> Self {
        let mut raw = [0u8; KEY_LEN];
        rand::rng().fill_bytes(&mut raw);
        Self::from_bytes(raw)
    }

    /// Reads the key file, or creates it (mode 0600, created exclusively so two starting processes cannot each write
    /// a different key) on first start.
    pub fn load_or_create(path: &Path) -> Result<Self, CryptoError> {
        let key_file = |source| CryptoError::KeyFile { path: path.display().to_string(), source };
        match std::fs::read_to_string(path) {
            Ok(text) => return Self::from_base64(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(key_file(e)),
        }
        let mut raw = [0u8; KEY_LEN];
        rand::rng().fill_bytes(&mut raw);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(path) {
            Ok(mut file) => {
                file.write_all(STANDARD.encode(raw).as_bytes()).map_err(key_file)?;
                file.sync_all().map_err(key_file)?;
                Ok(Self::from_bytes(raw))
            }
            // Another process won the race: use its key.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Self::from_base64(&std::fs::read_to_string(path).map_err(key_file)?)
            }
            Err(e) => Err(key_file(e)),
        }
    }

    /// Seals `plaintext`, bound to `context` (e.g. the access key id) so a ciphertext moved to another row fails to
    /// open. Output: base64 of nonce ‖ ciphertext ‖ tag.
    pub fn seal(&self, plaintext: &[u8], context: &str) -> Result<String, CryptoError> {
        let cipher = Aes256Gcm::new_from_slice(&self.sealing).map_err(|_| CryptoError::BadMasterKey)?;
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(&Nonce::from(nonce), Payload { msg: plaintext, aad: context.as_bytes() })
            .map_err(|_| CryptoError::Unseal)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(STANDARD.encode(out))
    }

    pub fn open(&self, sealed: &str, context: &str) -> Result<Vec<u8>, CryptoError> {
        let bytes = STANDARD.decode(sealed).map_err(|_| CryptoError::Unseal)?;
        if bytes.len() < NONCE_LEN {
            return Err(CryptoError::Unseal);
        }
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| CryptoError::Unseal)?;
        let cipher = Aes256Gcm::new_from_slice(&self.sealing).map_err(|_| CryptoError::BadMasterKey)?;
        cipher
            .decrypt(&Nonce::from(nonce), Payload { msg: body, aad: context.as_bytes() })
            .map_err(|_| CryptoError::Unseal)
    }

    /// An opaque marker carrying `payload`, with a MAC so a client cannot forge a position.
    pub fn sign_marker(&self, payload: &str) -> String {
        let tag = self.marker_tag(payload.as_bytes());
        let mut out = tag[..16].to_vec();
        out.extend_from_slice(payload.as_bytes());
        URL_SAFE_NO_PAD.encode(out)
    }

    /// The payload of a marker made by [`Self::sign_marker`]; `None` if it was altered or is not ours.
    pub fn open_marker(&self, marker: &str) -> Option<String> {
        let bytes = URL_SAFE_NO_PAD.decode(marker).ok()?;
        if bytes.len() < 16 {
            return None;
        }
        let (tag, payload) = bytes.split_at(16);
        let expected = self.marker_tag(payload);
        subtle::ConstantTimeEq::ct_eq(tag, &expected[..16]).into_option_bool()?;
        String::from_utf8(payload.to_vec()).ok()
    }

    fn marker_tag(&self, payload: &[u8]) -> [u8; 32] {
        mac(&self.marker_mac, payload)
    }
}

trait IntoOptionBool {
    fn into_option_bool(self) -> Option<()>;
}

impl IntoOptionBool for subtle::Choice {
    fn into_option_bool(self) -> Option<()> {
        bool::from(self).then_some(())
    }
}

fn mac(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here; the fallback keeps the lint happy.
    match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(mut m) => {
            m.update(message);
            m.finalize().into_bytes().into()
        }
        Err(_) => [0u8; 32],
    }
}

fn derive(raw: &[u8; KEY_LEN], label: &[u8]) -> [u8; KEY_LEN] {
    mac(raw, label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secrets_open_only_with_the_same_key_and_context() {
        let key = MasterKey::generate();
        let sealed = key.seal(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAEXAMPLE").unwrap();
        assert!(!sealed.contains("wJalr"));
        assert_eq!(key.open(&sealed, "AKIAEXAMPLE").unwrap(), b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assert!(key.open(&sealed, "AKIAOTHER").is_err());
        assert!(MasterKey::generate().open(&sealed, "AKIAEXAMPLE").is_err());
        assert_ne!(key.seal(b"x", "c").unwrap(), key.seal(b"x", "c").unwrap(), "fresh nonce each time");
    }

    #[test]
    fn markers_are_tamper_proof() {
        let key = MasterKey::generate();
        let marker = key.sign_marker("/app/\u{0}backup");
        assert_eq!(key.open_marker(&marker).as_deref(), Some("/app/\u{0}backup"));
        let mut bytes = URL_SAFE_NO_PAD.decode(&marker).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(key.open_marker(&URL_SAFE_NO_PAD.encode(bytes)), None);
        assert_eq!(MasterKey::generate().open_marker(&marker), None);
        assert_eq!(key.open_marker("not a marker"), None);
    }

    #[test]
    fn key_file_is_created_once_with_owner_only_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.key");
        let first = MasterKey::load_or_create(&path).unwrap();
        let again = MasterKey::load_or_create(&path).unwrap();
        let sealed = first.seal(b"s", "c").unwrap();
        assert_eq!(again.open(&sealed, "c").unwrap(), b"s");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert!(format!("{first:?}").contains("redacted"));
    }
}
