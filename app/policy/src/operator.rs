//! Condition operators: `StringEquals`, `ForAnyValue:StringLikeIfExists`, `Null`, …
//!
//! An operator name is an optional set qualifier, a base operator and an optional `IfExists` suffix. Names are
//! case-sensitive, as AWS writes them; a wrong case gets a did-you-mean rather than silent acceptance.

use serde::{Deserialize, Serialize};

use crate::suggest;

/// The comparison itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BaseOperator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

/// What the values of an operator must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueType {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    /// `Null` takes `true` (the key must be absent) or `false` (it must be present).
    Null,
}

/// How a comparison between one request value and one policy value is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    Equals,
    EqualsIgnoreCase,
    Like,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
}

use BaseOperator as B;

/// Every base operator with its name, value type, comparison and whether it is the negation of that comparison.
const TABLE: &[(BaseOperator, &str, ValueType, Comparison, bool)] = &[
    (
        B::StringEquals,
        "StringEquals",
        ValueType::String,
        Comparison::Equals,
        false,
    ),
    (
        B::StringNotEquals,
        "StringNotEquals",
        ValueType::String,
        Comparison::Equals,
        true,
    ),
    (
        B::StringEqualsIgnoreCase,
        "StringEqualsIgnoreCase",
        ValueType::String,
        Comparison::EqualsIgnoreCase,
        false,
    ),
    (
        B::StringNotEqualsIgnoreCase,
        "StringNotEqualsIgnoreCase",
        ValueType::String,
        Comparison::EqualsIgnoreCase,
        true,
    ),
    (
        B::StringLike,
        "StringLike",
        ValueType::String,
        Comparison::Like,
        false,
    ),
    (
        B::StringNotLike,
        "StringNotLike",
        ValueType::String,
        Comparison::Like,
        true,
    ),
    (
        B::NumericEquals,
        "NumericEquals",
        ValueType::Numeric,
        Comparison::Equals,
        false,
    ),
    (
        B::NumericNotEquals,
        "NumericNotEquals",
        ValueType::Numeric,
        Comparison::Equals,
        true,
    ),
    (
        B::NumericLessThan,
        "NumericLessThan",
        ValueType::Numeric,
        Comparison::LessThan,
        false,
    ),
    (
        B::NumericLessThanEquals,
        "NumericLessThanEquals",
        ValueType::Numeric,
        Comparison::LessThanEquals,
        false,
    ),
    (
        B::NumericGreaterThan,
        "NumericGreaterThan",
        ValueType::Numeric,
        Comparison::GreaterThan,
        false,
    ),
    (
        B::NumericGreaterThanEquals,
        "NumericGreaterThanEquals",
        ValueType::Numeric,
        Comparison::GreaterThanEquals,
        false,
    ),
    (
        B::DateEquals,
        "DateEquals",
        ValueType::Date,
        Comparison::Equals,
        false,
    ),
    (
        B::DateNotEquals,
        "DateNotEquals",
        ValueType::Date,
        Comparison::Equals,
        true,
    ),
    (
        B::DateLessThan,
        "DateLessThan",
        ValueType::Date,
        Comparison::LessThan,
        false,
    ),
    (
        B::DateLessThanEquals,
        "DateLessThanEquals",
        ValueType::Date,
        Comparison::LessThanEquals,
        false,
    ),
    (
        B::DateGreaterThan,
        "DateGreaterThan",
        ValueType::Date,
        Comparison::GreaterThan,
        false,
    ),
    (
        B::DateGreaterThanEquals,
        "DateGreaterThanEquals",
        ValueType::Date,
        Comparison::GreaterThanEquals,
        false,
    ),
    (B::Bool, "Bool", ValueType::Bool, Comparison::Equals, false),
    (
        B::BinaryEquals,
        "BinaryEquals",
        ValueType::Binary,
        Comparison::Equals,
        false,
    ),
    (
        B::IpAddress,
        "IpAddress",
        ValueType::Ip,
        Comparison::Equals,
        false,
    ),
    (
        B::NotIpAddress,
        "NotIpAddress",
        ValueType::Ip,
        Comparison::Equals,
        true,
    ),
    // AWS documents ArnEquals and ArnLike as the same per-segment wildcard match.
    (
        B::ArnEquals,
        "ArnEquals",
        ValueType::Arn,
        Comparison::Like,
        false,
    ),
    (
        B::ArnLike,
        "ArnLike",
        ValueType::Arn,
        Comparison::Like,
        false,
    ),
    (
        B::ArnNotEquals,
        "ArnNotEquals",
        ValueType::Arn,
        Comparison::Like,
        true,
    ),
    (
        B::ArnNotLike,
        "ArnNotLike",
        ValueType::Arn,
        Comparison::Like,
        true,
    ),
    (B::Null, "Null", ValueType::Null, Comparison::Equals, false),
];

impl BaseOperator {
    fn row(self) -> (BaseOperator, &'static str, ValueType, Comparison, bool) {
        TABLE.iter().copied().find(|row| row.0 == self).unwrap_or((
            B::Null,
            "Null",
            ValueType::Null,
            Comparison::Equals,
            false,
        ))
    }

    pub fn name(self) -> &'static str {
        self.row().1
    }

    pub fn value_type(self) -> ValueType {
        self.row().2
    }

    pub fn comparison(self) -> Comparison {
        self.row().3
    }

    /// `StringNotEquals`, `NotIpAddress`, …: true when the request value matches none of the policy values, and true
    /// when the key is missing.
    pub fn is_negated(self) -> bool {
        self.row().4
    }

    pub fn from_name(name: &str) -> Option<BaseOperator> {
        TABLE.iter().find(|row| row.1 == name).map(|row| row.0)
    }

    pub fn all() -> impl Iterator<Item = BaseOperator> {
        TABLE.iter().map(|row| row.0)
    }
}

/// `ForAllValues:` or `ForAnyValue:`, for keys that can have several values in one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    /// Every request value must match some policy value; true when the key is missing or empty.
    ForAllValues,
    /// Some request value must match some policy value; false when the key is missing or empty.
    ForAnyValue,
}

impl SetQualifier {
    pub fn prefix(self) -> &'static str {
        match self {
            SetQualifier::ForAllValues => "ForAllValues:",
            SetQualifier::ForAnyValue => "ForAnyValue:",
        }
    }
}

/// A full operator name, like `ForAnyValue:StringLikeIfExists`. Serialized as that name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ConditionOperator {
    pub qualifier: Option<SetQualifier>,
    pub base: BaseOperator,
    /// `…IfExists`: true when the key is missing.
    pub if_exists: bool,
}

/// Why a name is not an operator, with the closest real one when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorError {
    pub message: String,
    pub suggestion: Option<String>,
}

impl std::fmt::Display for OperatorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ConditionOperator {
    pub fn new(base: BaseOperator) -> Self {
        Self {
            qualifier: None,
            base,
            if_exists: false,
        }
    }

    pub fn parse(name: &str) -> Result<Self, OperatorError> {
        let (qualifier, rest) = if let Some(rest) = name.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), rest)
        } else if let Some(rest) = name.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), rest)
        } else {
            (None, name)
        };
        let (base_name, if_exists) = match rest.strip_suffix("IfExists") {
            Some(base) => (base, true),
            None => (rest, false),
        };
        match BaseOperator::from_name(base_name) {
            Some(B::Null) if if_exists => Err(OperatorError {
                message: format!(
                    "`{name}` is not a condition operator: `Null` has no `IfExists` form"
                ),
                suggestion: Some("Null".to_owned()),
            }),
            Some(base) => Ok(Self {
                qualifier,
                base,
                if_exists,
            }),
            None => Err(OperatorError {
                message: format!("unknown condition operator `{name}`"),
                suggestion: Self::suggest(qualifier, base_name, if_exists),
            }),
        }
    }

    /// Re-attaches the qualifier and suffix to the closest base name, so `ForAnyValue:StringEqual` suggests
    /// `ForAnyValue:StringEquals`. A misspelt qualifier is caught too, by trying the whole name.
    fn suggest(
        qualifier: Option<SetQualifier>,
        base_name: &str,
        if_exists: bool,
    ) -> Option<String> {
        let base = suggest::closest(base_name, TABLE.iter().map(|row| row.1))?;
        let candidate = Self {
            qualifier,
            base: BaseOperator::from_name(base)?,
            if_exists: if_exists && base != "Null",
        };
        Some(candidate.name())
    }

    pub fn name(&self) -> String {
        let mut name = String::new();
        if let Some(q) = self.qualifier {
            name.push_str(q.prefix());
        }
        name.push_str(self.base.name());
        if self.if_exists {
            name.push_str("IfExists");
        }
        name
    }
}

impl TryFrom<String> for ConditionOperator {
    type Error = OperatorError;
    fn try_from(name: String) -> Result<Self, Self::Error> {
        Self::parse(&name)
    }
}

impl From<ConditionOperator> for String {
    fn from(op: ConditionOperator) -> String {
        op.name()
    }
}

impl std::fmt::Display for ConditionOperator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_base_with_and_without_affixes() {
        for base in BaseOperator::all() {
            let op = ConditionOperator::parse(base.name()).unwrap();
            assert_eq!(op, ConditionOperator::new(base));
            for qualifier in ["ForAllValues:", "ForAnyValue:", ""] {
                let suffixes: &[&str] = if base == B::Null {
                    &[""]
                } else {
                    &["", "IfExists"]
                };
                for suffix in suffixes {
                    let name = format!("{qualifier}{}{suffix}", base.name());
                    assert_eq!(ConditionOperator::parse(&name).unwrap().name(), name);
                }
            }
        }
    }

    #[test]
    fn null_has_no_if_exists() {
        let e = ConditionOperator::parse("NullIfExists").unwrap_err();
        assert!(e.message.contains("no `IfExists` form"));
    }

    #[test]
    fn suggests_the_closest_operator_keeping_affixes() {
        let e = ConditionOperator::parse("StringEqual").unwrap_err();
        assert_eq!(e.message, "unknown condition operator `StringEqual`");
        assert_eq!(e.suggestion.as_deref(), Some("StringEquals"));
        let e = ConditionOperator::parse("ForAnyValue:stringlikeIfExists").unwrap_err();
        assert_eq!(
            e.suggestion.as_deref(),
            Some("ForAnyValue:StringLikeIfExists")
        );
        assert_eq!(
            ConditionOperator::parse("Frobnicate")
                .unwrap_err()
                .suggestion,
            None
        );
    }

    #[test]
    fn negation_and_types() {
        assert!(B::StringNotLike.is_negated());
        assert!(B::NotIpAddress.is_negated());
        assert!(!B::ArnLike.is_negated());
        assert_eq!(B::DateLessThan.value_type(), ValueType::Date);
        assert_eq!(B::ArnEquals.comparison(), Comparison::Like);
    }
}
