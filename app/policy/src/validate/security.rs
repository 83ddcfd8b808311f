//! Security warnings: valid statements that grant far more than people usually mean to.

use super::Checker;
use crate::ast::{Effect, Element};
use crate::diagnostic::{codes, Diagnostic};
use crate::parse::DraftStatement;
use crate::values::glob::Glob;

pub(super) fn check(statement: &DraftStatement, checker: &mut Checker<'_>) {
    if statement.effect.as_ref().map(|e| e.value) != Some(Effect::Allow) {
        return;
    }
    let (Some(action), Some(resource)) = (&statement.action, &statement.resource) else {
        return;
    };
    if action.negated {
        checker.push(
            Diagnostic::security(
                codes::ALLOW_WITH_NOTACTION,
                "`Allow` with `NotAction` allows every action not listed, including those of services added later",
                action.key_span,
            )
            .with_help("list the allowed actions in `Action` instead"),
        );
    }
    if resource.negated {
        checker.push(
            Diagnostic::security(
                codes::ALLOW_WITH_NOTRESOURCE,
                "`Allow` with `NotResource` allows every resource not listed, including ones created later",
                resource.key_span,
            )
            .with_help("list the allowed resources in `Resource` instead"),
        );
    }
    if action.negated || resource.negated {
        return;
    }
    let star_resource = resource.values.iter().find(|v| v.value == "*");
    let Some(star_resource) = star_resource else {
        return;
    };
    if let Some(star_action) = action
        .values
        .iter()
        .find(|v| v.value == "*" || v.value == "*:*")
    {
        checker.push(
            Diagnostic::security(
                codes::ALLOW_ALL,
                "this statement allows every action on every resource: full administrator access",
                star_action.span,
            )
            .with_help(
                "grant only the actions and resources needed, like `\"Action\": \"iam:GetUser\"`",
            ),
        );
        return;
    }
    if allows_pass_role(action) {
        checker.push(
            Diagnostic::security(
                codes::PASSROLE_WITH_STAR,
                "`iam:PassRole` on `\"Resource\": \"*\"` lets the holder pass any role, and its permissions, to a service",
                star_resource.span,
            )
            .with_help("list the roles that may be passed, like `arn:aws:iam::123456789012:role/app-*`"),
        );
    }
}

/// Whether any pattern (`iam:PassRole`, `iam:Pass*`, `iam:*`, …) covers `iam:PassRole`.
fn allows_pass_role(action: &Element) -> bool {
    action
        .values
        .iter()
        .any(|v| Glob::new(&v.value, true).matches("iam:PassRole"))
}
