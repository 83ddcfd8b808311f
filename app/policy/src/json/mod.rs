//! A JSON reader that remembers where everything is.
//!
//! Policies are JSON, but a diagnostic must point at the offending key or value, so the tree keeps a [`Span`] on every
//! value and key. Numbers stay as written and duplicate keys are kept; the policy parser decides what they mean.
//!
//! [`Span`]: crate::span::Span

mod error;
mod pretty;
mod reader;
mod value;

pub use error::JsonError;
pub use pretty::pretty;
pub use reader::{parse, MAX_DEPTH};
pub use value::{JsonKind, JsonMember, JsonValue};

#[cfg(test)]
mod tests;
