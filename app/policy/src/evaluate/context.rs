//! The request context: the key/value facts about a request that conditions test (`aws:SourceIp`,
//! `aws:MultiFactorAuthPresent`, `s3:prefix`, …).
//!
//! Key names are case-insensitive, as in AWS: they are stored folded to lowercase, and the policy's keys are folded
//! once at compile time, so a lookup during evaluation is one map search with no allocation.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::values::date::{format_date, parse_date};
use crate::values::number::parse_number;

/// One context value. Strings are converted on demand to what an operator needs (`"true"` for `Bool`, an ISO date
/// for `Date…`), so callers may supply everything as strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "camelCase")]
pub enum ContextValue {
    String(String),
    Number(f64),
    Bool(bool),
    /// Seconds since the Unix epoch.
    Date(i64),
    Ip(IpAddr),
    /// A multivalued key (`aws:TagKeys`, `aws:CalledVia`), for `ForAllValues:` / `ForAnyValue:`.
    List(Vec<ContextValue>),
}

impl From<&str> for ContextValue {
    fn from(s: &str) -> Self {
        ContextValue::String(s.to_owned())
    }
}

impl From<String> for ContextValue {
    fn from(s: String) -> Self {
        ContextValue::String(s)
    }
}

impl From<bool> for ContextValue {
    fn from(b: bool) -> Self {
        ContextValue::Bool(b)
    }
}

impl From<f64> for ContextValue {
    fn from(n: f64) -> Self {
        ContextValue::Number(n)
    }
}

impl From<IpAddr> for ContextValue {
    fn from(ip: IpAddr) -> Self {
        ContextValue::Ip(ip)
    }
}

impl<T: Into<ContextValue>> From<Vec<T>> for ContextValue {
    fn from(items: Vec<T>) -> Self {
        ContextValue::List(items.into_iter().map(Into::into).collect())
    }
}

/// Context keys and their values, keys compared case-insensitively. Serialized as a map of the keys as given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(
    from = "BTreeMap<String, ContextValue>",
    into = "BTreeMap<String, ContextValue>"
)]
pub struct Context {
    /// Folded key → (key as given, value).
    entries: BTreeMap<String, (String, ContextValue)>,
}

impl Context {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key`, replacing any value under the same key in another case.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<ContextValue>) -> &mut Self {
        let key = key.into();
        self.entries.insert(fold_key(&key), (key, value.into()));
        self
    }

    /// Builder form of [`Context::insert`].
    pub fn with(mut self, key: impl Into<String>, value: impl Into<ContextValue>) -> Self {
        self.insert(key, value);
        self
    }

    pub fn get(&self, key: &str) -> Option<&ContextValue> {
        self.entries.get(&fold_key(key)).map(|(_, v)| v)
    }

    pub fn remove(&mut self, key: &str) -> Option<ContextValue> {
        self.entries.remove(&fold_key(key)).map(|(_, v)| v)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The keys as given, with their values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ContextValue)> {
        self.entries.values().map(|(k, v)| (k.as_str(), v))
    }

    /// Lookup by an already folded key: no allocation.
    pub(crate) fn get_folded(&self, folded: &str) -> Option<&ContextValue> {
        self.entries.get(folded).map(|(_, v)| v)
    }
}

impl From<BTreeMap<String, ContextValue>> for Context {
    fn from(map: BTreeMap<String, ContextValue>) -> Self {
        let mut context = Context::new();
        for (k, v) in map {
            context.insert(k, v);
        }
        context
    }
}

impl From<Context> for BTreeMap<String, ContextValue> {
    fn from(context: Context) -> Self {
        context.entries.into_values().collect()
    }
}

impl<K: Into<String>, V: Into<ContextValue>> FromIterator<(K, V)> for Context {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut context = Context::new();
        for (k, v) in iter {
            context.insert(k, v);
        }
        context
    }
}

/// How keys are folded, for both the context and the policy: Unicode lowercase.
pub(crate) fn fold_key(key: &str) -> String {
    key.to_lowercase()
}

/// A borrowed view of a value, so derived keys (`aws:username` from the principal, `aws:CurrentTime` from the clock)
/// need no allocation.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ValueRef<'a> {
    Str(&'a str),
    Number(f64),
    Bool(bool),
    /// Milliseconds since the epoch.
    DateMillis(i64),
    Ip(IpAddr),
    List(&'a [ContextValue]),
}

impl<'a> ValueRef<'a> {
    pub fn of(value: &'a ContextValue) -> ValueRef<'a> {
        match value {
            ContextValue::String(s) => ValueRef::Str(s),
            ContextValue::Number(n) => ValueRef::Number(*n),
            ContextValue::Bool(b) => ValueRef::Bool(*b),
            ContextValue::Date(seconds) => ValueRef::DateMillis(seconds.saturating_mul(1000)),
            ContextValue::Ip(ip) => ValueRef::Ip(*ip),
            ContextValue::List(items) => ValueRef::List(items),
        }
    }

    /// The value as text, for string operators and variables. Lists have no single text.
    pub fn as_text(self) -> Option<Cow<'a, str>> {
        match self {
            ValueRef::Str(s) => Some(Cow::Borrowed(s)),
            ValueRef::Number(n) => Some(Cow::Owned(n.to_string())),
            ValueRef::Bool(b) => Some(Cow::Borrowed(if b { "true" } else { "false" })),
            ValueRef::DateMillis(ms) => Some(Cow::Owned(format_date(ms))),
            ValueRef::Ip(ip) => Some(Cow::Owned(ip.to_string())),
            ValueRef::List(_) => None,
        }
    }

    pub fn as_number(self) -> Option<f64> {
        match self {
            ValueRef::Number(n) => Some(n),
            ValueRef::Str(s) => parse_number(s),
            ValueRef::DateMillis(ms) => Some(ms as f64 / 1000.0),
            _ => None,
        }
    }

    pub fn as_date_millis(self) -> Option<i64> {
        match self {
            ValueRef::DateMillis(ms) => Some(ms),
            ValueRef::Str(s) => parse_date(s),
            ValueRef::Number(n) if n.is_finite() && n.abs() < 9.0e15 => {
                Some((n * 1000.0).round() as i64)
            }
            _ => None,
        }
    }

    pub fn as_bool(self) -> Option<bool> {
        match self {
            ValueRef::Bool(b) => Some(b),
            ValueRef::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            ValueRef::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    pub fn as_ip(self) -> Option<IpAddr> {
        match self {
            ValueRef::Ip(ip) => Some(ip),
            ValueRef::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_case_insensitive() {
        let mut c = Context::new();
        c.insert("aws:SourceIp", "10.0.0.1");
        assert_eq!(c.get("AWS:SOURCEIP"), Some(&ContextValue::from("10.0.0.1")));
        c.insert("aws:sourceip", "10.0.0.2");
        assert_eq!(c.len(), 1);
        assert_eq!(c.iter().next().unwrap().0, "aws:sourceip");
    }

    #[test]
    fn serializes_as_a_map_of_tagged_values() {
        let c = Context::new()
            .with("aws:MultiFactorAuthPresent", true)
            .with("aws:TagKeys", vec!["a", "b"]);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"aws:MultiFactorAuthPresent":{"type":"bool","value":true},"aws:TagKeys":{"type":"list","value":[{"type":"string","value":"a"},{"type":"string","value":"b"}]}}"#
        );
        let back: Context = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn conversions() {
        assert_eq!(ValueRef::Str("2.5").as_number(), Some(2.5));
        assert_eq!(ValueRef::Str("TRUE").as_bool(), Some(true));
        assert_eq!(
            ValueRef::Str("1970-01-01T00:00:01Z").as_date_millis(),
            Some(1000)
        );
        assert_eq!(ValueRef::Number(2.0).as_date_millis(), Some(2000));
        assert_eq!(
            ValueRef::DateMillis(1000).as_text().unwrap(),
            "1970-01-01T00:00:01Z"
        );
        assert_eq!(ValueRef::Number(10.0).as_text().unwrap(), "10");
        assert!(ValueRef::Str("x").as_ip().is_none());
    }
}
