//! Policy variables in resources and string/ARN condition values.
//!
//! Under 2008-10-17 (or without `Version`) `${aws:username}` is not substituted: it matches the literal text, which
//! is almost never what the author meant, so say so. Under 2012-10-17, warn about `${…}` that is not a well-formed
//! variable (it stays literal) and about variable keys that are not condition keys.

use super::{conditions, Checker};
use crate::diagnostic::{codes, Diagnostic};
use crate::span::Spanned;
use crate::values::variable::{has_variable_syntax, pieces, Piece};

pub(super) fn check(value: &Spanned<String>, checker: &mut Checker<'_>) {
    let text = value.value.as_str();
    if !has_variable_syntax(text) {
        return;
    }
    let pieces = pieces(text);
    if !checker.version.has_variables() {
        let first = pieces.iter().find_map(|p| match p {
            Piece::Variable(_) | Piece::Escaped(_) | Piece::Malformed(_) => Some(written(text, p)),
            Piece::Text(_) => None,
        });
        if let Some(first) = first {
            checker.push(
                Diagnostic::warning(
                    codes::VARIABLE_IN_OLD_VERSION,
                    format!("`{first}` is matched literally: policy variables need version `2012-10-17`"),
                    value.span,
                )
                .with_help("add `\"Version\": \"2012-10-17\"` at the top of the policy"),
            );
        }
        return;
    }
    for piece in &pieces {
        match piece {
            Piece::Malformed(bad) => checker.push(
                Diagnostic::warning(
                    codes::INVALID_VARIABLE,
                    format!("`{bad}` is not a valid policy variable, so it is matched literally"),
                    value.span,
                )
                .with_help("write `${aws:username}`, with a default `${aws:username, 'none'}`, or `${*}` `${?}` `${$}` for those characters"),
            ),
            Piece::Variable(var) => conditions::check_key(var.key, value.span, checker),
            Piece::Text(_) | Piece::Escaped(_) => {}
        }
    }
}

/// The variable as it was written, for the message.
fn written(text: &str, piece: &Piece<'_>) -> String {
    match piece {
        Piece::Variable(v) => match v.default {
            Some(d) => format!("${{{}, '{d}'}}", v.key),
            None => format!("${{{}}}", v.key),
        },
        Piece::Escaped(c) => format!("${{{c}}}"),
        Piece::Malformed(m) => (*m).to_owned(),
        Piece::Text(_) => text.to_owned(),
    }
}
