//! The JSON tree, with a span on every value, key and string.

use crate::span::Span;

/// One JSON value and the text it was read from (for a string, including its quotes).
#[derive(Debug, Clone, PartialEq)]
pub struct JsonValue {
    pub kind: JsonKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// The number exactly as written: policies compare condition values as text, and `10` must stay `10`, not `10.0`.
    Number(String),
    String(String),
    Array(Vec<JsonValue>),
    /// Members in document order; duplicate keys are kept so validation can report them.
    Object(Vec<JsonMember>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct JsonMember {
    pub key: String,
    /// The key including its quotes.
    pub key_span: Span,
    pub value: JsonValue,
}

impl JsonMember {
    /// From the key to the end of the value: what to underline when the whole member is the problem.
    pub fn span(&self) -> Span {
        self.key_span.to(self.value.span)
    }
}

impl JsonValue {
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[JsonMember]> {
        match &self.kind {
            JsonKind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// What kind of value this is, in words for error messages ("a string", "an array").
    pub fn describe(&self) -> &'static str {
        match self.kind {
            JsonKind::Null => "null",
            JsonKind::Bool(_) => "a boolean",
            JsonKind::Number(_) => "a number",
            JsonKind::String(_) => "a string",
            JsonKind::Array(_) => "an array",
            JsonKind::Object(_) => "an object",
        }
    }
}
