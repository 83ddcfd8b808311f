//! Findings about a policy document.
//!
//! A [`Diagnostic`] crosses the server-function boundary to the browser editor, so it is plain serializable data: a
//! stable `code` the UI can key on, a message for people, the span to underline, and a help when we can guess the fix.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::span::{LineIndex, Span};

/// How bad a finding is. Only [`Severity::Error`] makes a document unacceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// AWS would reject the document (`MalformedPolicyDocument`); so do we.
    Error,
    /// Valid, but grants more than people usually mean to.
    SecurityWarning,
    /// Valid, but probably not what was meant (it may match nothing, or match literally).
    Warning,
    /// Valid; a better way to write it exists.
    Suggestion,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::SecurityWarning => "security warning",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable kebab-case identifier, one of [`codes`].
    pub code: Cow<'static, str>,
    /// Lowercase, no trailing period, the offending input in backticks.
    pub message: String,
    /// What to underline; `None` when the finding is about the document as a whole.
    pub span: Option<Span>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
        span: impl Into<Option<Span>>,
    ) -> Self {
        Self {
            severity,
            code: Cow::Borrowed(code),
            message: message.into(),
            span: span.into(),
            help: None,
        }
    }

    pub fn error(
        code: &'static str,
        message: impl Into<String>,
        span: impl Into<Option<Span>>,
    ) -> Self {
        Self::new(Severity::Error, code, message, span)
    }

    pub fn warning(
        code: &'static str,
        message: impl Into<String>,
        span: impl Into<Option<Span>>,
    ) -> Self {
        Self::new(Severity::Warning, code, message, span)
    }

    pub fn security(
        code: &'static str,
        message: impl Into<String>,
        span: impl Into<Option<Span>>,
    ) -> Self {
        Self::new(Severity::SecurityWarning, code, message, span)
    }

    pub fn suggestion(
        code: &'static str,
        message: impl Into<String>,
        span: impl Into<Option<Span>>,
    ) -> Self {
        Self::new(Severity::Suggestion, code, message, span)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A plain-text rendering for logs and terminals:
    ///
    /// ```text
    /// error[invalid-effect]: `allow` is not a valid effect
    ///   --> 3:15
    ///   help: did you mean `Allow`?
    /// ```
    pub fn render(&self, index: &LineIndex) -> String {
        let mut out = format!(
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        );
        if let Some(span) = self.span {
            let at = index.line_col(span.start);
            out.push_str(&format!("\n  --> {}:{}", at.line, at.column));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("\n  help: {help}"));
        }
        out
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )
    }
}

/// The stable diagnostic codes. The UI and tests match on these strings, so they never change meaning.
pub mod codes {
    // Errors: the document is rejected.
    pub const INVALID_JSON: &str = "invalid-json";
    pub const NOT_AN_OBJECT: &str = "not-an-object";
    pub const INVALID_TYPE: &str = "invalid-type";
    pub const UNKNOWN_ELEMENT: &str = "unknown-element";
    pub const DUPLICATE_KEY: &str = "duplicate-key";
    pub const INVALID_VERSION: &str = "invalid-version";
    pub const INVALID_ID: &str = "invalid-id";
    pub const MISSING_STATEMENT: &str = "missing-statement";
    pub const INVALID_SID: &str = "invalid-sid";
    pub const DUPLICATE_SID: &str = "duplicate-sid";
    pub const MISSING_EFFECT: &str = "missing-effect";
    pub const INVALID_EFFECT: &str = "invalid-effect";
    pub const MISSING_ACTION: &str = "missing-action";
    pub const ACTION_AND_NOTACTION: &str = "action-and-notaction";
    pub const INVALID_ACTION: &str = "invalid-action";
    pub const WILDCARD_IN_SERVICE: &str = "wildcard-in-service";
    pub const UNKNOWN_ACTION: &str = "unknown-action";
    pub const MISSING_RESOURCE: &str = "missing-resource";
    pub const RESOURCE_AND_NOTRESOURCE: &str = "resource-and-notresource";
    pub const MALFORMED_ARN: &str = "malformed-arn";
    pub const PRINCIPAL_IN_IDENTITY_POLICY: &str = "principal-in-identity-policy";
    pub const PRINCIPAL_AND_NOTPRINCIPAL: &str = "principal-and-notprincipal";
    pub const INVALID_PRINCIPAL: &str = "invalid-principal";
    pub const UNKNOWN_CONDITION_OPERATOR: &str = "unknown-condition-operator";
    pub const INVALID_CONDITION_VALUE: &str = "invalid-condition-value";
    pub const POLICY_TOO_LARGE: &str = "policy-too-large";

    // Warnings: accepted, but probably not what was meant.
    pub const UNKNOWN_SERVICE: &str = "unknown-service";
    pub const WILDCARD_MATCHES_NOTHING: &str = "wildcard-matches-nothing";
    pub const VARIABLE_IN_OLD_VERSION: &str = "variable-in-old-version";
    pub const INVALID_VARIABLE: &str = "invalid-variable";
    pub const VARIABLE_NOT_ALLOWED: &str = "variable-not-allowed";
    pub const UNKNOWN_CONDITION_KEY: &str = "unknown-condition-key";
    pub const CONDITION_ARN_MALFORMED: &str = "malformed-condition-arn";

    // Security warnings: accepted, but grants a lot.
    pub const ALLOW_WITH_NOTACTION: &str = "allow-with-notaction";
    pub const ALLOW_WITH_NOTRESOURCE: &str = "allow-with-notresource";
    pub const ALLOW_ALL: &str = "allow-all";
    pub const PASSROLE_WITH_STAR: &str = "passrole-with-star";

    // Suggestions.
    pub const MISSING_VERSION: &str = "missing-version";
    pub const OLD_VERSION: &str = "old-version";
}
