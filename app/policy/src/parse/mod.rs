//! From the JSON tree to the policy tree: the grammar of the policy language.
//!
//! Reading never stops at the first problem: each element is checked on its own, problems become diagnostics, and
//! what could be read is kept in a [`Draft`] (whose statements may lack an effect, say) so that the later semantic
//! checks still run on everything else. Only a draft with every required part becomes a [`Policy`].

mod condition;
mod list;
mod principal;
mod statement;

use crate::ast::{Policy, Version};
use crate::diagnostic::{codes, Diagnostic};
use crate::json::{JsonKind, JsonValue};
use crate::span::{Span, Spanned};
use crate::suggest;

pub(crate) use statement::DraftStatement;

/// The top-level elements of a policy document.
pub(crate) const POLICY_ELEMENTS: &[&str] = &["Version", "Id", "Statement"];

/// A policy as far as it could be read.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub version: Option<Spanned<Version>>,
    pub id: Option<Spanned<String>>,
    pub statements: Vec<DraftStatement>,
    pub span: Span,
}

impl Draft {
    /// The version whose rules apply (an absent `Version` means 2008-10-17).
    pub fn version(&self) -> Version {
        self.version
            .as_ref()
            .map_or(Version::V2008_10_17, |v| v.value)
    }

    /// The policy, if every statement has everything a statement needs.
    pub fn finish(self) -> Option<Policy> {
        let statements = self
            .statements
            .into_iter()
            .map(DraftStatement::finish)
            .collect::<Option<Vec<_>>>()?;
        if statements.is_empty() {
            return None;
        }
        Some(Policy {
            version: self.version,
            id: self.id,
            statements,
            span: self.span,
        })
    }
}

/// Reads the policy grammar from `json`, reporting every problem into `out`. `None` when the document is not even an
/// object.
pub(crate) fn parse(json: &JsonValue, out: &mut Vec<Diagnostic>) -> Option<Draft> {
    let Some(members) = json.as_object() else {
        out.push(
            Diagnostic::error(
                codes::NOT_AN_OBJECT,
                format!(
                    "a policy document must be a json object, found {}",
                    json.describe()
                ),
                json.span,
            )
            .with_help("start from `{\"Version\": \"2012-10-17\", \"Statement\": [...]}`"),
        );
        return None;
    };
    list::report_duplicate_keys(members, false, out);
    let mut draft = Draft {
        version: None,
        id: None,
        statements: Vec::new(),
        span: json.span,
    };
    let mut saw_statement = false;
    let mut saw_version = false;
    for member in list::first_of_each_key(members) {
        match member.key.as_str() {
            "Version" => {
                saw_version = true;
                draft.version = version(&member.value, out);
            }
            "Id" => draft.id = list::string("Id", &member.value, codes::INVALID_ID, out),
            "Statement" => {
                saw_statement = true;
                draft.statements = statement::statements(&member.value, out);
            }
            other => out.push(unknown_element(
                other,
                member.key_span,
                POLICY_ELEMENTS,
                statement::STATEMENT_ELEMENTS,
                "a statement",
            )),
        }
    }
    if !saw_statement {
        out.push(
            Diagnostic::error(codes::MISSING_STATEMENT, "the policy has no `Statement`", json.span.head())
                .with_help("add `\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"...\", \"Resource\": \"...\"}]`"),
        );
    }
    statement::report_duplicate_sids(&draft.statements, out);
    match &draft.version {
        None if saw_version => {} // present but invalid: already reported
        None => out.push(
            Diagnostic::suggestion(codes::MISSING_VERSION, "the policy has no `Version`", json.span.head()).with_help(
                "add `\"Version\": \"2012-10-17\"`; without it the 2008-10-17 rules apply and policy variables are not substituted",
            ),
        ),
        Some(v) if v.value == Version::V2008_10_17 => out.push(
            Diagnostic::suggestion(codes::OLD_VERSION, "version `2008-10-17` is outdated", v.span)
                .with_help("use `2012-10-17`, the current version, which also supports policy variables"),
        ),
        Some(_) => {}
    }
    Some(draft)
}

fn version(value: &JsonValue, out: &mut Vec<Diagnostic>) -> Option<Spanned<Version>> {
    let help = "use `\"2012-10-17\"`, the current version (the only other is `\"2008-10-17\"`)";
    let text = match &value.kind {
        JsonKind::String(s) => s,
        _ => {
            out.push(
                Diagnostic::error(
                    codes::INVALID_VERSION,
                    format!("`Version` must be a string, found {}", value.describe()),
                    value.span,
                )
                .with_help(help),
            );
            return None;
        }
    };
    match Version::parse(text) {
        Some(v) => Some(Spanned::new(v, value.span)),
        None => {
            out.push(
                Diagnostic::error(
                    codes::INVALID_VERSION,
                    format!("`{text}` is not a policy language version"),
                    value.span,
                )
                .with_help(help),
            );
            None
        }
    }
}

/// An element name that does not belong here. If it belongs at the other level (a statement element at the top, or
/// the reverse), say so; otherwise guess a typo.
fn unknown_element(
    name: &str,
    span: Span,
    here: &[&'static str],
    elsewhere: &[&'static str],
    elsewhere_name: &str,
) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        codes::UNKNOWN_ELEMENT,
        format!("unknown element `{name}`"),
        span,
    );
    if elsewhere.contains(&name) {
        return diagnostic.with_help(format!("`{name}` belongs inside {elsewhere_name}"));
    }
    match suggest::closest(name, here.iter().copied()) {
        Some(s) => diagnostic.with_help(format!("did you mean `{s}`?")),
        None => diagnostic.with_help(format!("the elements here are {}", list::backticked(here))),
    }
}

#[cfg(test)]
mod tests;
