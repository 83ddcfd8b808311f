//! Passwords: argon2id with OWASP's parameters (m = 19456 KiB, t = 2, p = 1), hashed off the async runtime.
//! Verifying against an unknown account still costs one full hash (a dummy), so neither timing nor message tells
//! whether the account exists.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

use crate::model::{IamError, Password};

fn hasher() -> Result<Argon2<'static>, String> {
    let params = Params::new(19_456, 2, 1, None).map_err(|e| e.to_string())?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_blocking(password: &str) -> Result<String, String> {
    let hash = hasher()?.hash_password(password.as_bytes()).map_err(|e| e.to_string())?;
    Ok(hash.to_string())
}

/// A hash of a random password, made once, verified against when the account is unknown.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let random: [u8; 16] = rand::random();
        let plaintext: String = random.iter().map(|b| format!("{b:02x}")).collect();
        // If hashing fails here it fails for real passwords too; an unparsable dummy still rejects everything.
        hash_blocking(&plaintext).unwrap_or_default()
    })
}

/// Hashes a new password. Errors are internal (the parameters are constants), reported as the caller's choice.
pub async fn hash(password: Password) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash_blocking(password.expose())).await.map_err(|e| e.to_string())?
}

/// Verifies `candidate` against `stored`, or against a dummy hash when there is no stored hash.
pub async fn verify(stored: Option<String>, candidate: Password) -> bool {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let matches = hasher().is_ok_and(|h| h.verify_password(candidate.expose().as_bytes(), hash.as_str()).is_ok());
        known && matches
    })
    .await
    .unwrap_or(false)
}

/// Warms the dummy hash at start-up so the first sign-in attempt for an unknown email costs the same as any other.
pub fn prepare() {
    let _ = dummy_hash();
}

/// The root password rule (AWS's): 8 to 128 characters, at least three of upper case, lower case, digits, symbols.
pub fn check_root_password(password: &Password) -> Result<(), IamError> {
    let text = password.expose();
    let length = text.chars().count();
    if !(8..=128).contains(&length) {
        return Err(IamError::PasswordPolicyViolation(format!(
            "the password must be 8 to 128 characters long; it has {length}"
        )));
    }
    let classes = [
        text.chars().any(|c| c.is_uppercase()),
        text.chars().any(|c| c.is_lowercase()),
        text.chars().any(|c| c.is_ascii_digit()),
        text.chars().any(|c| !c.is_alphanumeric()),
    ];
    if classes.iter().filter(|present| **present).count() < 3 {
        return Err(IamError::PasswordPolicyViolation(
            "the password must mix at least three of: upper-case letters, lower-case letters, digits, symbols".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash(Password::new("Correct-horse-1")).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(verify(Some(stored.clone()), Password::new("Correct-horse-1")).await);
        assert!(!verify(Some(stored), Password::new("correct-horse-1")).await);
    }

    #[tokio::test]
    async fn unknown_accounts_never_verify() {
        assert!(!verify(None, Password::new("anything")).await);
        assert!(!verify(None, Password::new("")).await);
    }

    #[test]
    fn root_passwords_need_length_and_variety() {
        assert!(check_root_password(&Password::new("Abcdefg1")).is_ok());
        assert!(check_root_password(&Password::new("Ab1!")).is_err());
        assert!(check_root_password(&Password::new("abcdefgh1")).is_err());
        assert!(check_root_password(&Password::new("abcdefgh1!")).is_ok());
    }
}
