//! Why a text is not JSON, and where.

use crate::span::Span;

/// A syntax error: the reader stops at the first one, since what follows a syntax error cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Lowercase, no trailing period, offending text in backticks.
    pub message: String,
    /// The offending character(s), or an empty span at the end of the input.
    pub span: Span,
    pub help: Option<String>,
}

impl JsonError {
    pub(crate) fn new(message: impl Into<String>, span: Span) -> Self {
        Self {
            message: message.into(),
            span,
            help: None,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at bytes {}..{}",
            self.message, self.span.start, self.span.end
        )
    }
}

impl std::error::Error for JsonError {}
