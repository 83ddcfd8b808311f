//! The size limits: 2,048 / 5,120 / 6,144 characters.
//!
//! AWS says it does not count whitespace. We read that as: the length of the document minified, i.e. every character
//! except JSON whitespace (space, tab, newline, carriage return) *outside* strings; whitespace inside a string is part
//! of a value and counts. Characters are Unicode scalar values, not bytes. The scan tracks strings by their quotes and
//! escapes only, so it also works on broken JSON, and the size is reported even when the syntax is wrong.

use super::PolicyKind;
use crate::diagnostic::{codes, Diagnostic};
use crate::span::Span;

/// The size of a policy document as the limits count it (see the module docs).
pub fn policy_size(text: &str) -> usize {
    counted_chars(text).count()
}

/// The byte offsets of the counted characters.
fn counted_chars(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut in_string = false;
    let mut escaped = false;
    text.char_indices().filter_map(move |(offset, c)| {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            return Some(offset);
        }
        match c {
            ' ' | '\t' | '\n' | '\r' => None,
            '"' => {
                in_string = true;
                Some(offset)
            }
            _ => Some(offset),
        }
    })
}

pub(super) fn check(text: &str, kind: PolicyKind, out: &mut Vec<Diagnostic>) {
    let limit = kind.max_size();
    let mut counted = counted_chars(text);
    // Underline from the first character over the limit to the end: that is what has to go.
    let Some(first_over) = counted.nth(limit) else {
        return;
    };
    let size = limit + 1 + counted.count();
    let span = Span::new(
        u32::try_from(first_over).unwrap_or(u32::MAX),
        u32::try_from(text.len()).unwrap_or(u32::MAX),
    );
    let help = match kind {
        PolicyKind::Managed => "split the permissions over several managed policies".to_owned(),
        _ => format!(
            "split it into several policies, or make it a managed policy (up to {} characters)",
            group(PolicyKind::Managed.max_size())
        ),
    };
    out.push(
        Diagnostic::error(
            codes::POLICY_TOO_LARGE,
            format!(
                "the policy is {} characters long without whitespace; {} may have at most {}",
                group(size),
                kind.describe(),
                group(limit)
            ),
            span,
        )
        .with_help(help),
    );
}

/// `6144` → `6,144`.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_outside_strings_is_not_counted() {
        assert_eq!(
            policy_size("{ \"a b\" :\n\t[ 1 , 2 ] }"),
            "{\"a b\":[1,2]}".chars().count()
        );
        assert_eq!(policy_size(r#"{"a\" b": 1}"#), r#"{"a\" b":1}"#.len());
        assert_eq!(policy_size("\"é🦀\""), 4);
    }

    #[test]
    fn limits_per_kind() {
        let fits = format!("\"{}\"", "x".repeat(2_046));
        let mut out = Vec::new();
        check(&fits, PolicyKind::UserInline, &mut out);
        assert!(out.is_empty());
        let over = format!("  \"{}\"", "x".repeat(2_047));
        check(&over, PolicyKind::UserInline, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message, "the policy is 2,049 characters long without whitespace; an inline user policy may have at most 2,048");
        assert_eq!(
            out[0].span,
            Some(Span::new(over.len() as u32 - 1, over.len() as u32))
        );
        out.clear();
        check(&over, PolicyKind::GroupInline, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group(6144), "6,144");
        assert_eq!(group(100), "100");
        assert_eq!(group(1_000_000), "1,000,000");
    }
}
