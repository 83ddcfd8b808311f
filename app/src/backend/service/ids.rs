//! Unique ids and ARNs in AWS's shapes: `AIDA…` users, `AGPA…` groups, `ANPA…` policies (21 characters) and `AKIA…`
//! access keys (20), from a CSPRNG over AWS's alphabet (upper-case letters and digits 2–7).

use rand::Rng;

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn random_id(prefix: &str, len: usize) -> String {
    let mut rng = rand::rng();
    let mut id = String::with_capacity(len);
    id.push_str(prefix);
    while id.len() < len {
        id.push(char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]));
    }
    id
}

pub fn user_id() -> String {
    random_id("AIDA", 21)
}

pub fn group_id() -> String {
    random_id("AGPA", 21)
}

pub fn policy_id() -> String {
    random_id("ANPA", 21)
}

pub fn access_key_id() -> String {
    random_id("AKIA", 20)
}

pub fn user_arn(account_id: &str, path: &str, name: &str) -> String {
    format!("arn:aws:iam::{account_id}:user{path}{name}")
}

pub fn group_arn(account_id: &str, path: &str, name: &str) -> String {
    format!("arn:aws:iam::{account_id}:group{path}{name}")
}

pub fn policy_arn(account_id: &str, path: &str, name: &str) -> String {
    format!("arn:aws:iam::{account_id}:policy{path}{name}")
}

pub fn mfa_arn(account_id: &str, path: &str, name: &str) -> String {
    format!("arn:aws:iam::{account_id}:mfa{path}{name}")
}

pub fn root_arn(account_id: &str) -> String {
    format!("arn:aws:iam::{account_id}:root")
}

/// The resource a listing by path prefix is authorized against: `…:user/app/*` for prefix `/app/`, so `iam:*` on
/// `…:user/app/*` lets a delegated admin list `/app/` and nothing wider.
pub fn listing_resource(account_id: &str, kind: &str, prefix: &str) -> String {
    format!("arn:aws:iam::{account_id}:{kind}{prefix}*")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_aws_shapes() {
        for (id, prefix, len) in
            [(user_id(), "AIDA", 21), (group_id(), "AGPA", 21), (policy_id(), "ANPA", 21), (access_key_id(), "AKIA", 20)]
        {
            assert!(id.starts_with(prefix), "{id}");
            assert_eq!(id.len(), len, "{id}");
            assert!(id.bytes().all(|b| ALPHABET.contains(&b)), "{id}");
        }
        assert_ne!(user_id(), user_id());
        assert_eq!(user_arn("123456789012", "/family/", "jeff"), "arn:aws:iam::123456789012:user/family/jeff");
    }
}
