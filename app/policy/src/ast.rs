//! The policy document as a typed tree, every part with its span.
//!
//! A [`Policy`] only comes out of [`crate::validate`] when the document has no errors, so its types can insist on what
//! a valid statement has (an effect, actions, resources). Values keep their spelling; meaning is given by evaluation.

use serde::{Deserialize, Serialize};

pub use crate::operator::{BaseOperator, ConditionOperator, SetQualifier, ValueType};
use crate::span::{Span, Spanned};

/// The policy language version. It decides whether `${…}` variables are substituted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Version {
    /// `2008-10-17`, and also what a document without `Version` means: no policy variables.
    #[serde(rename = "2008-10-17")]
    V2008_10_17,
    /// `2012-10-17`: the current version, with policy variables.
    #[serde(rename = "2012-10-17")]
    V2012_10_17,
}

impl Version {
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V2008_10_17 => "2008-10-17",
            Version::V2012_10_17 => "2012-10-17",
        }
    }

    pub fn parse(text: &str) -> Option<Version> {
        match text {
            "2008-10-17" => Some(Version::V2008_10_17),
            "2012-10-17" => Some(Version::V2012_10_17),
            _ => None,
        }
    }

    pub fn has_variables(self) -> bool {
        self == Version::V2012_10_17
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    /// As written; `None` means 2008-10-17 semantics (see [`Policy::version`]).
    pub version: Option<Spanned<Version>>,
    pub id: Option<Spanned<String>>,
    /// In document order. A single statement object is read as a list of one.
    pub statements: Vec<Statement>,
    /// The whole document.
    pub span: Span,
}

impl Policy {
    /// The version whose rules apply: an absent `Version` means `2008-10-17`.
    pub fn version(&self) -> Version {
        self.version
            .as_ref()
            .map_or(Version::V2008_10_17, |v| v.value)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Position in the `Statement` list, from 0; how an evaluation names a statement without a `Sid`.
    pub index: usize,
    pub sid: Option<Spanned<String>>,
    pub effect: Spanned<Effect>,
    /// Only resource-based policies have one; identity policies reject it, but it is still read and checked.
    pub principal: Option<PrincipalElement>,
    /// `Action` or `NotAction`.
    pub action: Element,
    /// `Resource` or `NotResource`.
    pub resource: Element,
    /// Every operator/key pair of the `Condition` block, in document order. All must hold.
    pub conditions: Vec<Condition>,
    /// The statement object.
    pub span: Span,
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: a list of patterns, one string written alone counting as a list
/// of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Element {
    /// `NotAction` / `NotResource`: the statement applies to everything the patterns do *not* match.
    pub negated: bool,
    pub values: Vec<Spanned<String>>,
    /// The element's key, like `"NotAction"`.
    pub key_span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrincipalElement {
    /// `NotPrincipal`.
    pub negated: bool,
    pub value: PrincipalValue,
    pub key_span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrincipalValue {
    /// `"Principal": "*"`: everyone.
    Everyone(Span),
    /// `{"AWS": [...], "Service": "...", ...}`.
    Typed(Vec<PrincipalEntry>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrincipalEntry {
    /// `AWS`, `Service`, `Federated` or `CanonicalUser`.
    pub kind: Spanned<String>,
    pub values: Vec<Spanned<String>>,
}

/// One `"Operator": { "key": values }` pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub operator: Spanned<ConditionOperator>,
    /// As written; keys are compared case-insensitively.
    pub key: Spanned<String>,
    /// As text: JSON `true` and `"true"` mean the same, and numbers keep their spelling. Any one may match.
    pub values: Vec<Spanned<String>>,
}
