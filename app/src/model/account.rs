//! The account: a 12-digit id, an optional alias, and the root's email.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::IamError;

/// A 12-digit AWS-style account id, e.g. `123456789012`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountId(String);

impl AccountId {
    pub fn parse(value: &str) -> Result<Self, IamError> {
        if value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(value.to_owned()))
        } else {
            Err(IamError::ValidationError(format!("account id `{value}` must be exactly 12 digits")))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AccountId {
    type Error = IamError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<AccountId> for String {
    fn from(value: AccountId) -> Self {
        value.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An account alias: 3–63 characters of `a-z`, `0-9` and single hyphens, starting and ending with a letter or
/// digit (AWS's `^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountAlias(String);

impl AccountAlias {
    pub fn parse(value: &str) -> Result<Self, IamError> {
        let bytes = value.as_bytes();
        let allowed = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        let problem = if !(3..=63).contains(&bytes.len()) {
            Some("must be 3 to 63 characters long")
        } else if !bytes.iter().all(|b| allowed(b) || *b == b'-') {
            Some("may contain only lowercase letters, digits and hyphens")
        } else if !allowed(&bytes[0]) || !allowed(&bytes[bytes.len() - 1]) {
            Some("must start and end with a lowercase letter or a digit")
        } else if value.contains("--") {
            Some("must not contain two hyphens in a row")
        } else {
            None
        };
        match problem {
            None => Ok(Self(value.to_owned())),
            Some(why) => Err(IamError::ValidationError(format!("account alias `{value}` {why}"))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AccountAlias {
    type Error = IamError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<AccountAlias> for String {
    fn from(value: AccountAlias) -> Self {
        value.0
    }
}

/// The root user's email, compared case-insensitively (stored lowercased).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(value: &str) -> Result<Self, IamError> {
        let trimmed = value.trim();
        let well_formed = trimmed.len() <= 254
            && trimmed.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            })
            && !trimmed.chars().any(|c| c.is_whitespace() || c.is_control());
        if well_formed {
            Ok(Self(trimmed.to_lowercase()))
        } else {
            Err(IamError::ValidationError(format!("`{trimmed}` is not an email address")))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The account as the console shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub account_id: String,
    pub alias: Option<String>,
    pub root_email: String,
    /// RFC 3339.
    pub created_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids_are_twelve_digits() {
        assert!(AccountId::parse("123456789012").is_ok());
        for bad in ["12345678901", "1234567890123", "12345678901a", ""] {
            assert!(AccountId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn aliases_follow_aws_rules() {
        for good in ["abc", "my-company", "a1-b2-c3", "0ab", &"a".repeat(63)] {
            assert!(AccountAlias::parse(good).is_ok(), "{good}");
        }
        for bad in ["ab", "-abc", "abc-", "a--b", "ABC", "a_b", "a.b", &"a".repeat(64)] {
            assert!(AccountAlias::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn alias_errors_quote_the_input() {
        let err = AccountAlias::parse("a--b").unwrap_err();
        assert_eq!(err.to_string(), "account alias `a--b` must not contain two hyphens in a row");
    }

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(Email::parse(" Root@Example.COM ").unwrap().as_str(), "root@example.com");
        for bad in ["root", "root@", "@example.com", "root@localhost", "a b@example.com", "root@example.com."] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
