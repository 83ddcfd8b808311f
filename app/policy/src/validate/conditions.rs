//! Condition keys and values: each value must suit its operator (a date for `DateLessThan`, an IP range for
//! `IpAddress`, …), and keys should be ones some service sets.

use super::{variables, Checker};
use crate::ast::Condition;
use crate::catalogue;
use crate::diagnostic::{codes, Diagnostic};
use crate::operator::ValueType;
use crate::span::{Span, Spanned};
use crate::suggest;
use crate::values::arn::arn_problem;
use crate::values::base64::is_base64;
use crate::values::date::parse_date;
use crate::values::ip::Cidr;
use crate::values::number::parse_number;
use crate::values::variable::has_variable_syntax;

pub(super) fn check(condition: &Condition, checker: &mut Checker<'_>) {
    check_key(&condition.key.value, condition.key.span, checker);
    let operator = condition.operator.value;
    for value in &condition.values {
        check_value(operator.base.value_type(), &operator.name(), value, checker);
    }
}

fn check_value(
    value_type: ValueType,
    operator: &str,
    value: &Spanned<String>,
    checker: &mut Checker<'_>,
) {
    let text = value.value.as_str();
    let (ok, what, example) = match value_type {
        ValueType::String => {
            variables::check(value, checker);
            return;
        }
        ValueType::Arn => {
            variables::check(value, checker);
            if text != "*" && !has_variable_syntax(text) {
                if let Some(problem) = arn_problem(text) {
                    checker.push(
                        Diagnostic::warning(
                            codes::CONDITION_ARN_MALFORMED,
                            format!("`{text}` is not an arn, so `{operator}` never matches it"),
                            value.span,
                        )
                        .with_help(format!(
                            "{problem}; use a `String…` operator to compare plain text"
                        )),
                    );
                }
            }
            return;
        }
        ValueType::Numeric => (
            parse_number(text).is_some(),
            "a number",
            "an integer or a decimal, like `10` or `2.5`",
        ),
        ValueType::Date => (
            parse_date(text).is_some(),
            "a date",
            "an iso 8601 date like `2025-01-31` or `2025-01-31T12:00:00Z`, or epoch seconds",
        ),
        ValueType::Bool | ValueType::Null => {
            (is_bool(text), "`true` or `false`", "`true` or `false`")
        }
        ValueType::Binary => (
            is_base64(text),
            "base64",
            "the bytes base64-encoded, like `QmluYXJ5`",
        ),
        ValueType::Ip => (
            Cidr::parse(text).is_some(),
            "an ip address or range",
            "an address or cidr range like `203.0.113.0/24` or `2001:db8::/32`",
        ),
    };
    if ok {
        return;
    }
    let help = if has_variable_syntax(text) {
        "policy variables work only in string and arn conditions".to_owned()
    } else {
        format!("write {example}")
    };
    checker.push(
        Diagnostic::error(
            codes::INVALID_CONDITION_VALUE,
            format!("`{operator}` needs {what}, but `{text}` is not"),
            value.span,
        )
        .with_help(help),
    );
}

fn is_bool(text: &str) -> bool {
    text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false")
}

/// Warns about a condition key no service sets: it would be missing from every request, so the condition would
/// never hold (or always, for negated operators). Only keys of catalogued services can be checked.
pub(super) fn check_key(key: &str, span: Span, checker: &mut Checker<'_>) {
    let Some((prefix, _)) = key.split_once(':') else {
        checker.push(
            Diagnostic::warning(
                codes::UNKNOWN_CONDITION_KEY,
                format!("`{key}` is not a condition key"),
                span,
            )
            .with_help(
                "condition keys are written `service:name`, like `aws:username` or `s3:prefix`",
            ),
        );
        return;
    };
    let known: &[&str] = if prefix.eq_ignore_ascii_case("aws") {
        catalogue::global_condition_keys()
    } else {
        match catalogue::service(prefix) {
            Some(service) if !service.condition_keys.is_empty() => service.condition_keys,
            _ => return,
        }
    };
    if known.iter().any(|pattern| key_matches(pattern, key)) {
        return;
    }
    let guess = checker.suggest(|| suggest::closest(key, known.iter().map(|k| template_prefix(k))));
    checker.push(
        Diagnostic::warning(
            codes::UNKNOWN_CONDITION_KEY,
            format!("unknown condition key `{key}`"),
            span,
        )
        .with_help(guess.map_or_else(
            || {
                "a key no request carries makes the condition false (true for negated operators)"
                    .to_owned()
            },
            |g| format!("did you mean `{g}`?"),
        )),
    );
}

/// `aws:PrincipalTag/${TagKey}` and `s3:ExistingObjectTag/<key>` stand for any key with that prefix and a non-empty
/// rest; other keys match exactly. Both case-insensitively, as condition keys are.
fn key_matches(pattern: &str, key: &str) -> bool {
    let prefix = template_prefix(pattern);
    if prefix.len() == pattern.len() {
        return pattern.eq_ignore_ascii_case(key);
    }
    key.len() > prefix.len()
        && key
            .as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The part of a key pattern before its placeholder.
fn template_prefix(pattern: &str) -> &str {
    match pattern.find(['$', '<']) {
        Some(at) => &pattern[..at],
        None => pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_patterns() {
        assert!(key_matches(
            "aws:PrincipalTag/${TagKey}",
            "aws:principaltag/team"
        ));
        assert!(!key_matches(
            "aws:PrincipalTag/${TagKey}",
            "aws:PrincipalTag/"
        ));
        assert!(key_matches(
            "s3:ExistingObjectTag/<key>",
            "s3:ExistingObjectTag/x"
        ));
        assert!(key_matches("aws:username", "AWS:UserName"));
        assert!(!key_matches("aws:username", "aws:usernames"));
    }
}
