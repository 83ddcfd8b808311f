//! Validation: every finding about a policy document, errors and advice alike, in one pass.
//!
//! The steps: the size limit (on the raw text, so it is checked even when the JSON is broken), the JSON syntax, the
//! grammar ([`crate::parse`]), then the semantic checks in this module's files, each on everything that could be
//! read. Nothing stops at the first finding. The policy comes back only when there is no error, so anything holding a
//! [`Policy`] holds a valid one.

mod actions;
mod conditions;
mod resources;
mod security;
mod size;
mod variables;

use serde::{Deserialize, Serialize};

use crate::ast::{Policy, Version};
use crate::diagnostic::{codes, Diagnostic, Severity};
use crate::json;
use crate::parse::{self, Draft};

pub use size::policy_size;

/// Where a policy is attached, which sets its size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyKind {
    /// Inline in a user: 2,048 characters.
    UserInline,
    /// Inline in a group: 5,120 characters.
    GroupInline,
    /// A managed policy version: 6,144 characters.
    Managed,
}

impl PolicyKind {
    /// The size limit in characters, not counting whitespace outside strings (see [`policy_size`]).
    pub fn max_size(self) -> usize {
        match self {
            PolicyKind::UserInline => 2_048,
            PolicyKind::GroupInline => 5_120,
            PolicyKind::Managed => 6_144,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            PolicyKind::UserInline => "an inline user policy",
            PolicyKind::GroupInline => "an inline group policy",
            PolicyKind::Managed => "a managed policy",
        }
    }
}

/// The outcome of [`validate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    /// The parsed policy; `Some` exactly when no diagnostic is an [`Severity::Error`].
    pub policy: Option<Policy>,
    /// Every finding, in document order (findings about the whole document last).
    pub diagnostics: Vec<Diagnostic>,
}

impl Validation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// Findings of one severity.
    pub fn with_severity(&self, severity: Severity) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(move |d| d.severity == severity)
    }
}

/// Checks a policy document and reads it into a [`Policy`] when it is valid.
///
/// Never panics, whatever the input; the work is linear in the size of the input, with at most a fixed number of
/// "did you mean" searches (see [`MAX_SUGGESTIONS`]).
pub fn validate(text: &str, kind: PolicyKind) -> Validation {
    let mut out = Vec::new();
    size::check(text, kind, &mut out);
    let draft = match json::parse(text) {
        Ok(value) => parse::parse(&value, &mut out),
        Err(e) => {
            out.push(
                Diagnostic::error(codes::INVALID_JSON, e.message, e.span).with_help_opt(e.help),
            );
            None
        }
    };
    if let Some(draft) = &draft {
        check_semantics(draft, &mut out);
    }
    // Document order for the editor; findings without a place go last. The sort is stable, so findings at the same
    // place keep the order the checks produced them in.
    out.sort_by_key(|d| d.span.map_or((1, 0), |s| (0, s.start)));
    let has_errors = out.iter().any(Diagnostic::is_error);
    let policy = if has_errors {
        None
    } else {
        draft.and_then(Draft::finish)
    };
    Validation {
        policy,
        diagnostics: out,
    }
}

/// How many "did you mean" searches over the catalogue one validation may do. A real policy has a handful of typos;
/// a hostile megabyte of unknown actions must not cost a search each.
pub const MAX_SUGGESTIONS: usize = 64;

/// What every semantic check needs: the version (for variables), the output, and the suggestion budget.
pub(crate) struct Checker<'a> {
    pub version: Version,
    pub out: &'a mut Vec<Diagnostic>,
    suggestions_left: usize,
}

impl Checker<'_> {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic);
    }

    /// Runs a "did you mean" search if the budget allows.
    pub fn suggest<T>(&mut self, search: impl FnOnce() -> Option<T>) -> Option<T> {
        if self.suggestions_left == 0 {
            return None;
        }
        self.suggestions_left -= 1;
        search()
    }
}

fn check_semantics(draft: &Draft, out: &mut Vec<Diagnostic>) {
    let mut checker = Checker {
        version: draft.version(),
        out,
        suggestions_left: MAX_SUGGESTIONS,
    };
    for statement in &draft.statements {
        if let Some(principal) = &statement.principal {
            let name = if principal.negated {
                "NotPrincipal"
            } else {
                "Principal"
            };
            checker.push(
                Diagnostic::error(
                    codes::PRINCIPAL_IN_IDENTITY_POLICY,
                    format!("an identity policy cannot have `{name}`"),
                    principal.key_span,
                )
                .with_help(format!(
                    "the principal of an identity policy is the user or group it is attached to; remove `{name}`"
                )),
            );
        }
        if let Some(action) = &statement.action {
            for value in &action.values {
                actions::check(value, &mut checker);
            }
        }
        if let Some(resource) = &statement.resource {
            for value in &resource.values {
                resources::check(value, &mut checker);
            }
        }
        for condition in &statement.conditions {
            conditions::check(condition, &mut checker);
        }
        security::check(statement, &mut checker);
    }
}

#[cfg(test)]
mod tests;
