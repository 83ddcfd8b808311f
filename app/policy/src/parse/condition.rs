//! `Condition`: `{ "Operator": { "key": value-or-values, ... }, ... }`, flattened into one [`Condition`] per
//! operator/key pair.
//!
//! Values may be JSON strings, numbers or booleans (AWS treats `true` and `"true"` alike); they are kept as text.
//! Whether a value suits its operator (a date for `DateLessThan`, …) is a semantic check done in validation.

use super::list;
use crate::ast::{Condition, ConditionOperator};
use crate::diagnostic::{codes, Diagnostic};
use crate::json::{JsonKind, JsonValue};
use crate::span::Spanned;

pub(crate) fn conditions(value: &JsonValue, out: &mut Vec<Diagnostic>) -> Vec<Condition> {
    let Some(blocks) = value.as_object() else {
        out.push(
            Diagnostic::error(
                codes::INVALID_TYPE,
                format!("`Condition` must be an object, found {}", value.describe()),
                value.span,
            )
            .with_help("write `{\"StringEquals\": {\"aws:username\": \"alice\"}}`"),
        );
        return Vec::new();
    };
    list::report_duplicate_keys(blocks, false, out);
    let mut conditions = Vec::new();
    for block in list::first_of_each_key(blocks) {
        let operator = match ConditionOperator::parse(&block.key) {
            Ok(op) => Some(Spanned::new(op, block.key_span)),
            Err(e) => {
                let d =
                    Diagnostic::error(codes::UNKNOWN_CONDITION_OPERATOR, e.message, block.key_span);
                out.push(match e.suggestion {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d.with_help("operators look like `StringEquals`, `ForAnyValue:StringLike` or `DateLessThanIfExists`"),
                });
                None
            }
        };
        let Some(keys) = block.value.as_object() else {
            out.push(
                Diagnostic::error(
                    codes::INVALID_TYPE,
                    format!(
                        "the `{}` block must be an object of condition keys and values, found {}",
                        block.key,
                        block.value.describe()
                    ),
                    block.value.span,
                )
                .with_help(format!(
                    "write `\"{}\": {{\"aws:username\": \"alice\"}}`",
                    block.key
                )),
            );
            continue;
        };
        // Condition keys are case-insensitive, so `aws:UserName` repeats `aws:username`.
        list::report_duplicate_keys(keys, true, out);
        for key in list::first_of_each_key(keys) {
            let values = values(&key.key, &key.value, out);
            if let (Some(operator), Some(values)) = (operator, values) {
                conditions.push(Condition {
                    operator,
                    key: Spanned::new(key.key.clone(), key.key_span),
                    values,
                });
            }
        }
    }
    conditions
}

fn values(key: &str, value: &JsonValue, out: &mut Vec<Diagnostic>) -> Option<Vec<Spanned<String>>> {
    match &value.kind {
        JsonKind::Array(items) => {
            if items.is_empty() {
                out.push(
                    Diagnostic::error(
                        codes::INVALID_CONDITION_VALUE,
                        format!("the condition key `{key}` has an empty list of values"),
                        value.span,
                    )
                    .with_help("give at least one value; any one of them may match"),
                );
                return None;
            }
            let mut values = Vec::with_capacity(items.len());
            let mut ok = true;
            for item in items {
                match scalar(item) {
                    Some(text) => values.push(Spanned::new(text, item.span)),
                    None => {
                        ok = false;
                        out.push(not_a_value(key, item));
                    }
                }
            }
            ok.then_some(values)
        }
        _ => match scalar(value) {
            Some(text) => Some(vec![Spanned::new(text, value.span)]),
            None => {
                out.push(not_a_value(key, value));
                None
            }
        },
    }
}

/// A string, number or boolean as the text AWS compares.
fn scalar(value: &JsonValue) -> Option<String> {
    match &value.kind {
        JsonKind::String(s) => Some(s.clone()),
        JsonKind::Number(raw) => Some(raw.clone()),
        JsonKind::Bool(b) => Some(b.to_string()),
        JsonKind::Null | JsonKind::Array(_) | JsonKind::Object(_) => None,
    }
}

fn not_a_value(key: &str, value: &JsonValue) -> Diagnostic {
    Diagnostic::error(
        codes::INVALID_CONDITION_VALUE,
        format!(
            "a value of the condition key `{key}` must be a string, number or boolean, found {}",
            value.describe()
        ),
        value.span,
    )
    .with_help("use a single value or a flat list of values")
}
