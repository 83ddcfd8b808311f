//! `Action` / `NotAction` entries: `*`, or `service:Name` where the name may use `*` and `?` but the service may not.

use super::Checker;
use crate::catalogue;
use crate::diagnostic::{codes, Diagnostic};
use crate::span::Spanned;
use crate::values::glob::Glob;
use crate::values::variable::has_variable_syntax;

const FORMAT_HELP: &str =
    "actions are written `service:ActionName`, like `iam:GetUser`, or `*` for every action";

pub(super) fn check(value: &Spanned<String>, checker: &mut Checker<'_>) {
    let text = value.value.as_str();
    let span = value.span;
    if text == "*" {
        return;
    }
    if has_variable_syntax(text) {
        checker.push(
            Diagnostic::warning(
                codes::VARIABLE_NOT_ALLOWED,
                format!("policy variables are not substituted in actions; `{text}` is matched literally"),
                span,
            )
            .with_help("variables work in `Resource` and in string and arn condition values"),
        );
        return;
    }
    let Some((prefix, name)) = text.split_once(':') else {
        checker.push(
            Diagnostic::error(
                codes::INVALID_ACTION,
                format!("`{text}` is not an action"),
                span,
            )
            .with_help(FORMAT_HELP),
        );
        return;
    };
    if prefix.contains(['*', '?']) {
        let help = if name.chars().all(|c| c == '*') {
            "use `\"*\"` for every action of every service".to_owned()
        } else {
            wildcard_service_help(prefix, name)
        };
        checker.push(
            Diagnostic::error(
                codes::WILDCARD_IN_SERVICE,
                format!("the service prefix `{prefix}` in `{text}` cannot contain wildcards"),
                span,
            )
            .with_help(help),
        );
        return;
    }
    if prefix.is_empty()
        || !prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        checker.push(
            Diagnostic::error(
                codes::INVALID_ACTION,
                format!("`{prefix}` in `{text}` is not a service prefix"),
                span,
            )
            .with_help(FORMAT_HELP),
        );
        return;
    }
    if name.is_empty() {
        checker.push(
            Diagnostic::error(
                codes::INVALID_ACTION,
                format!("`{text}` names no action"),
                span,
            )
            .with_help(format!(
                "add the action name, or write `{prefix}:*` for every action of `{prefix}`"
            )),
        );
        return;
    }
    if let Some(bad) = name
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '*' | '?' | '-' | '_')))
    {
        checker.push(
            Diagnostic::error(
                codes::INVALID_ACTION,
                format!(
                    "the action name in `{text}` contains `{}`",
                    bad.escape_debug()
                ),
                span,
            )
            .with_help(FORMAT_HELP),
        );
        return;
    }
    check_catalogue(prefix, name, value, checker);
}

/// Lists the catalogued actions the author probably meant (`*:GetObject` → `s3:GetObject`), or explains.
fn wildcard_service_help(prefix: &str, name: &str) -> String {
    let services = Glob::new(prefix, true);
    let actions = Glob::new(name, true);
    let meant: Vec<String> = catalogue::services()
        .iter()
        .filter(|s| services.matches(s.prefix) && s.actions.iter().any(|a| actions.matches(a.name)))
        .map(|s| format!("`{}:{name}`", s.prefix))
        .collect();
    match meant.as_slice() {
        [] => {
            "write the service prefix in full; only the action name after `:` may contain wildcards"
                .to_owned()
        }
        [one] => format!("did you mean {one}?"),
        several if several.len() <= 4 => {
            format!("list each service instead: {}", several.join(", "))
        }
        _ => {
            "write the service prefix in full; only the action name after `:` may contain wildcards"
                .to_owned()
        }
    }
}

fn check_catalogue(prefix: &str, name: &str, value: &Spanned<String>, checker: &mut Checker<'_>) {
    let text = value.value.as_str();
    let Some(service) = catalogue::service(prefix) else {
        // The catalogue covers IAM and the services this product seeds, so an unknown prefix is only a warning.
        let diagnostic = if catalogue::is_aws_service(prefix) {
            Diagnostic::warning(
                codes::UNKNOWN_SERVICE,
                format!("the service `{prefix}` is not in the action catalogue, so `{text}` is not checked"),
                value.span,
            )
        } else {
            let guess = checker.suggest(|| catalogue::suggest_service(prefix));
            Diagnostic::warning(
                codes::UNKNOWN_SERVICE,
                format!("unknown service prefix `{prefix}` in `{text}`"),
                value.span,
            )
            .with_help_opt(guess.map(|g| format!("did you mean `{g}:{name}`?")))
        };
        checker.push(diagnostic);
        return;
    };
    if name.contains(['*', '?']) {
        let pattern = Glob::new(name, true);
        if !service.actions.iter().any(|a| pattern.matches(a.name)) {
            checker.push(
                Diagnostic::warning(
                    codes::WILDCARD_MATCHES_NOTHING,
                    format!("`{text}` matches no `{}` action", service.prefix),
                    value.span,
                )
                .with_help(format!(
                    "check the spelling against the actions of {}",
                    service.name
                )),
            );
        }
        return;
    }
    if catalogue::action(prefix, name).is_none() {
        let guess = checker.suggest(|| catalogue::suggest_action(prefix, name));
        checker.push(
            Diagnostic::error(
                codes::UNKNOWN_ACTION,
                format!("unknown action `{text}`"),
                value.span,
            )
            .with_help(guess.map_or_else(
                || format!("{} has no action `{name}`", service.name),
                |g| format!("did you mean `{g}`?"),
            )),
        );
    }
}
