//! Console passwords on the wire: the account password policy, login profiles, and the outcome of an IAM user's
//! console sign-in. The password rules themselves live here too, pure, so the console can list unmet rules while a
//! person types with the very code the server enforces.
//!
//! Without an account password policy AWS's default rules apply to IAM user passwords (IAM User Guide, "Default
//! password policy"): 8 to 128 characters, at least three of upper-case letters, lower-case letters, numbers and
//! symbols, and not identical to the account name; passwords never expire. We read "account name" for an IAM user as
//! the user name, the name the person signs in with.

use serde::{Deserialize, Serialize};

/// The symbols AWS's password policy counts (`RequireSymbols`): ``! @ # $ % ^ & * ( ) _ + - = [ ] { } | '``.
pub const SYMBOLS: &str = "!@#$%^&*()_+-=[]{}|'";

/// Length bounds of a password on the wire (botocore `passwordType`).
pub const MAX_PASSWORD_LENGTH: usize = 128;

/// Minimum length when no account password policy is set (AWS's default policy).
pub const DEFAULT_MINIMUM_LENGTH: usize = 8;

/// `UpdateAccountPasswordPolicy`'s parameters. AWS has no partial update: an absent parameter takes its default
/// (length 6, every flag false, no expiry, no reuse rule). Numbers stay wide here so that the service, not the
/// decoder, reports out-of-range values with AWS's `ValidationError`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordPolicyInput {
    /// 6–128; `None` means 6.
    pub minimum_password_length: Option<i64>,
    pub require_symbols: bool,
    pub require_numbers: bool,
    pub require_uppercase_characters: bool,
    pub require_lowercase_characters: bool,
    pub allow_users_to_change_password: bool,
    /// Days, 1–1095; `None` means passwords never expire.
    pub max_password_age: Option<i64>,
    /// 1–24 earlier passwords that may not be reused; `None` means no rule.
    pub password_reuse_prevention: Option<i64>,
    /// Once expired, a password cannot be used to sign in or to set a new one: an administrator must reset it.
    pub hard_expiry: bool,
}

/// `GetAccountPasswordPolicy`'s `PasswordPolicy`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordPolicyView {
    pub minimum_password_length: u32,
    pub require_symbols: bool,
    pub require_numbers: bool,
    pub require_uppercase_characters: bool,
    pub require_lowercase_characters: bool,
    pub allow_users_to_change_password: bool,
    /// True when `max_password_age` is set (AWS derives it the same way).
    pub expire_passwords: bool,
    pub max_password_age: Option<u32>,
    pub password_reuse_prevention: Option<u32>,
    pub hard_expiry: bool,
}

/// `GetLoginProfile`'s `LoginProfile`. Never the hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginProfileView {
    pub user_name: String,
    /// RFC 3339: when the console password was first created.
    pub create_date: String,
    pub password_reset_required: bool,
}

/// A successful IAM user password check at console sign-in: who, and what the console must ask for next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSignIn {
    pub account_id: String,
    pub user_name: String,
    pub user_id: String,
    /// The user has an enabled MFA device: ask for a code before opening a session.
    pub mfa_required: bool,
    /// An administrator required a reset, or the password is older than the policy's maximum age: the person must
    /// choose a new password before anything else.
    pub password_change_required: bool,
}

/// What is wrong with the password's form regardless of any policy (botocore `passwordType`: 1–128 characters of
/// tab, line feed, carriage return and U+0020–U+00FF), or `None`.
pub fn password_format_problem(password: &str) -> Option<String> {
    let length = password.chars().count();
    if length == 0 {
        return Some("the password must not be empty".into());
    }
    if length > MAX_PASSWORD_LENGTH {
        return Some(format!("the password must be at most {MAX_PASSWORD_LENGTH} characters long; it has {length}"));
    }
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FF}');
    if let Some(bad) = password.chars().find(|c| !allowed(*c)) {
        // The character itself is not echoed: it is part of a secret.
        return Some(format!(
            "the password contains a character outside tab, line feed, carriage return and U+0020 to U+00FF (U+{:04X})",
            u32::from(bad)
        ));
    }
    None
}

fn has_upper(p: &str) -> bool {
    p.chars().any(|c| c.is_ascii_uppercase())
}

fn has_lower(p: &str) -> bool {
    p.chars().any(|c| c.is_ascii_lowercase())
}

fn has_number(p: &str) -> bool {
    p.chars().any(|c| c.is_ascii_digit())
}

fn has_symbol(p: &str) -> bool {
    p.chars().any(|c| SYMBOLS.contains(c))
}

/// Every rule of `policy` (or of AWS's default policy when `None`) that `password` does not meet, in words, in a
/// fixed order. Empty when the password is acceptable. Reuse prevention needs the stored hashes and is the server's.
pub fn unmet_rules(policy: Option<&PasswordPolicyView>, password: &str, user_name: &str) -> Vec<String> {
    let length = password.chars().count();
    let mut unmet = Vec::new();
    match policy {
        Some(policy) => {
            let minimum = policy.minimum_password_length as usize;
            if length < minimum {
                unmet.push(format!("at least {minimum} characters (it has {length})"));
            }
            if policy.require_uppercase_characters && !has_upper(password) {
                unmet.push("at least one upper-case letter (A to Z)".into());
            }
            if policy.require_lowercase_characters && !has_lower(password) {
                unmet.push("at least one lower-case letter (a to z)".into());
            }
            if policy.require_numbers && !has_number(password) {
                unmet.push("at least one number (0 to 9)".into());
            }
            if policy.require_symbols && !has_symbol(password) {
                unmet.push(format!("at least one of the symbols `{SYMBOLS}`"));
            }
        }
        None => {
            if length < DEFAULT_MINIMUM_LENGTH {
                unmet.push(format!("at least {DEFAULT_MINIMUM_LENGTH} characters (it has {length})"));
            }
            let kinds = [has_upper(password), has_lower(password), has_number(password), has_symbol(password)];
            let present = kinds.iter().filter(|k| **k).count();
            if present < 3 {
                unmet.push(format!(
                    "at least three of: upper-case letters, lower-case letters, numbers, the symbols `{SYMBOLS}` \
                     (it has {present})"
                ));
            }
            if !user_name.is_empty() && password.eq_ignore_ascii_case(user_name) {
                unmet.push("something other than the user name".into());
            }
        }
    }
    unmet
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> PasswordPolicyView {
        PasswordPolicyView {
            minimum_password_length: 12,
            require_symbols: true,
            require_numbers: true,
            require_uppercase_characters: true,
            require_lowercase_characters: true,
            allow_users_to_change_password: false,
            expire_passwords: false,
            max_password_age: None,
            password_reuse_prevention: None,
            hard_expiry: false,
        }
    }

    #[test]
    fn every_unmet_rule_is_listed() {
        assert_eq!(unmet_rules(Some(&policy()), "abc", "jeff").len(), 4);
        assert!(unmet_rules(Some(&policy()), "Abcdefghij1!", "jeff").is_empty());
        // `.` is not one of AWS's symbols.
        assert_eq!(unmet_rules(Some(&policy()), "Abcdefghij1.", "jeff").len(), 1);
    }

    #[test]
    fn default_rules_need_eight_characters_and_three_kinds() {
        assert!(unmet_rules(None, "Abcdefg1", "jeff").is_empty());
        assert!(unmet_rules(None, "abcdefg!1", "jeff").is_empty());
        assert_eq!(unmet_rules(None, "abcdefgh", "jeff").len(), 1);
        assert_eq!(unmet_rules(None, "ab", "jeff").len(), 2);
        assert_eq!(unmet_rules(None, "Jeff-Jeff1", "jeff-jeff1").len(), 1);
    }

    #[test]
    fn format_follows_botocore() {
        assert!(password_format_problem("").is_some());
        assert!(password_format_problem(&"a".repeat(129)).is_some());
        assert!(password_format_problem(&"a".repeat(128)).is_none());
        assert!(password_format_problem("tab\there é").is_none());
        assert!(password_format_problem("snow☃").is_some());
        assert!(password_format_problem("nul\u{0}").is_some());
    }
}
