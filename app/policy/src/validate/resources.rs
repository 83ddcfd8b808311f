//! `Resource` / `NotResource` entries: `*` or an ARN, with wildcards and (under 2012-10-17) variables anywhere.

use super::{variables, Checker};
use crate::diagnostic::{codes, Diagnostic};
use crate::span::Spanned;
use crate::values::arn::arn_problem;

pub(super) fn check(value: &Spanned<String>, checker: &mut Checker<'_>) {
    let text = value.value.as_str();
    if text == "*" {
        return;
    }
    variables::check(value, checker);
    if let Some(problem) = arn_problem(text) {
        checker.push(
            Diagnostic::error(codes::MALFORMED_ARN, format!("`{text}` is not a valid arn"), value.span)
                .with_help(format!("{problem}; for example `arn:aws:iam::123456789012:user/app/*`, or `*` for every resource")),
        );
    }
}
