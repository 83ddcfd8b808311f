//! Helpers shared by the element readers: strings, string-or-list values, duplicate keys.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{codes, Diagnostic};
use crate::json::{JsonKind, JsonMember, JsonValue};
use crate::span::Spanned;

/// Reports every key that appears a second time in one object. Ambiguous documents are rejected rather than guessing
/// which copy counts: in a security policy the two readings can grant different things.
pub(crate) fn report_duplicate_keys(
    members: &[JsonMember],
    case_insensitive: bool,
    out: &mut Vec<Diagnostic>,
) {
    // A map rather than pairwise comparison, so a hostile object with many keys costs n log n, not n².
    let mut seen: BTreeMap<Cow<'_, str>, &str> = BTreeMap::new();
    for member in members {
        let folded = if case_insensitive {
            Cow::Owned(member.key.to_lowercase())
        } else {
            Cow::Borrowed(member.key.as_str())
        };
        match seen.get(&folded) {
            None => {
                seen.insert(folded, &member.key);
            }
            Some(first) => {
                let message = if *first == member.key {
                    format!("duplicate key `{}`", member.key)
                } else {
                    format!("duplicate key `{}` (keys are not case-sensitive here; `{first}` came first)", member.key)
                };
                out.push(
                    Diagnostic::error(codes::DUPLICATE_KEY, message, member.key_span)
                        .with_help("json readers disagree on which copy wins; keep one and merge the values into it"),
                );
            }
        }
    }
}

/// The members with exact duplicates dropped (the first copy is read; the others were reported).
pub(crate) fn first_of_each_key(members: &[JsonMember]) -> impl Iterator<Item = &JsonMember> {
    let mut seen = BTreeSet::new();
    members.iter().filter(move |m| seen.insert(m.key.as_str()))
}

/// A string element like `Id` or `Sid`.
pub(crate) fn string(
    element: &str,
    value: &JsonValue,
    code: &'static str,
    out: &mut Vec<Diagnostic>,
) -> Option<Spanned<String>> {
    match &value.kind {
        JsonKind::String(s) => Some(Spanned::new(s.clone(), value.span)),
        _ => {
            out.push(Diagnostic::error(
                code,
                format!("`{element}` must be a string, found {}", value.describe()),
                value.span,
            ));
            None
        }
    }
}

/// A string or a list of strings, as `Action` and `Resource` allow. Entries that are not strings are reported and
/// skipped; `None` when the value is neither a string nor a list.
pub(crate) fn strings(
    element: &str,
    value: &JsonValue,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<Spanned<String>>> {
    match &value.kind {
        JsonKind::String(s) => Some(vec![Spanned::new(s.clone(), value.span)]),
        JsonKind::Array(items) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                match &item.kind {
                    JsonKind::String(s) => values.push(Spanned::new(s.clone(), item.span)),
                    _ => out.push(Diagnostic::error(
                        codes::INVALID_TYPE,
                        format!(
                            "entries of `{element}` must be strings, found {}",
                            item.describe()
                        ),
                        item.span,
                    )),
                }
            }
            Some(values)
        }
        _ => {
            out.push(Diagnostic::error(
                codes::INVALID_TYPE,
                format!(
                    "`{element}` must be a string or a list of strings, found {}",
                    value.describe()
                ),
                value.span,
            ));
            None
        }
    }
}

/// "`A`, `B` and `C`", for listing the choices in a help.
pub(crate) fn backticked(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
