//! Statements: `Sid`, `Effect`, `Principal`/`NotPrincipal`, `Action`/`NotAction`, `Resource`/`NotResource`,
//! `Condition`.

use std::collections::BTreeMap;

use super::{condition, list, principal, unknown_element, POLICY_ELEMENTS};
use crate::ast::{Condition, Effect, Element, PrincipalElement, Statement};
use crate::diagnostic::{codes, Diagnostic};
use crate::json::{JsonKind, JsonMember, JsonValue};
use crate::span::{Span, Spanned};
use crate::suggest;

pub(crate) const STATEMENT_ELEMENTS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// A statement as far as it could be read; required parts may be missing.
#[derive(Debug, Clone)]
pub(crate) struct DraftStatement {
    pub index: usize,
    pub sid: Option<Spanned<String>>,
    pub effect: Option<Spanned<Effect>>,
    pub principal: Option<PrincipalElement>,
    pub action: Option<Element>,
    pub resource: Option<Element>,
    pub conditions: Vec<Condition>,
    pub span: Span,
}

impl DraftStatement {
    pub fn finish(self) -> Option<Statement> {
        Some(Statement {
            index: self.index,
            sid: self.sid,
            effect: self.effect?,
            principal: self.principal,
            action: self.action?,
            resource: self.resource?,
            conditions: self.conditions,
            span: self.span,
        })
    }
}

/// `Statement` is one statement object or a list of them.
pub(crate) fn statements(value: &JsonValue, out: &mut Vec<Diagnostic>) -> Vec<DraftStatement> {
    match &value.kind {
        JsonKind::Object(_) => statement(0, value, out).into_iter().collect(),
        JsonKind::Array(items) => {
            if items.is_empty() {
                out.push(
                    Diagnostic::error(
                        codes::MISSING_STATEMENT,
                        "`Statement` is an empty list",
                        value.span,
                    )
                    .with_help("a policy needs at least one statement"),
                );
            }
            items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| statement(i, item, out))
                .collect()
        }
        _ => {
            out.push(Diagnostic::error(
                codes::INVALID_TYPE,
                format!(
                    "`Statement` must be an object or a list of objects, found {}",
                    value.describe()
                ),
                value.span,
            ));
            Vec::new()
        }
    }
}

fn statement(index: usize, value: &JsonValue, out: &mut Vec<Diagnostic>) -> Option<DraftStatement> {
    let Some(members) = value.as_object() else {
        out.push(Diagnostic::error(
            codes::INVALID_TYPE,
            format!("a statement must be an object, found {}", value.describe()),
            value.span,
        ));
        return None;
    };
    list::report_duplicate_keys(members, false, out);
    let mut draft = DraftStatement {
        index,
        sid: None,
        effect: None,
        principal: None,
        action: None,
        resource: None,
        conditions: Vec::new(),
        span: value.span,
    };
    let find = |name: &str| members.iter().find(|m| m.key == name);
    for member in list::first_of_each_key(members) {
        let v = &member.value;
        match member.key.as_str() {
            "Sid" => draft.sid = sid(v, out),
            "Effect" => draft.effect = effect(v, out),
            "Principal" | "NotPrincipal" => {}
            "Action" | "NotAction" | "Resource" | "NotResource" => {}
            "Condition" => draft.conditions = condition::conditions(v, out),
            other => out.push(unknown_element(
                other,
                member.key_span,
                STATEMENT_ELEMENTS,
                POLICY_ELEMENTS,
                "the top level of the policy",
            )),
        }
    }
    draft.principal = pair(
        find("Principal"),
        find("NotPrincipal"),
        codes::PRINCIPAL_AND_NOTPRINCIPAL,
        out,
    )
    .and_then(|(member, negated)| principal::principal(member, negated, out));
    draft.action = element(
        find("Action"),
        find("NotAction"),
        codes::ACTION_AND_NOTACTION,
        out,
    );
    draft.resource = element(
        find("Resource"),
        find("NotResource"),
        codes::RESOURCE_AND_NOTRESOURCE,
        out,
    );

    let head = value.span.head();
    if find("Effect").is_none() {
        out.push(
            Diagnostic::error(codes::MISSING_EFFECT, "the statement has no `Effect`", head)
                .with_help("add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`"),
        );
    }
    if find("Action").is_none() && find("NotAction").is_none() {
        out.push(
            Diagnostic::error(codes::MISSING_ACTION, "the statement has no `Action` or `NotAction`", head)
                .with_help("add `\"Action\": \"service:ActionName\"`, for example `\"Action\": \"iam:GetUser\"`"),
        );
    }
    if find("Resource").is_none() && find("NotResource").is_none() {
        out.push(
            Diagnostic::error(
                codes::MISSING_RESOURCE,
                "the statement has no `Resource` or `NotResource`",
                head,
            )
            .with_help("add `\"Resource\": \"*\"` or the arn of the resources it covers"),
        );
    }
    Some(draft)
}

/// Picks `X` or `NotX`; having both is an error, reported at the second one written.
fn pair<'a>(
    plain: Option<&'a JsonMember>,
    negated: Option<&'a JsonMember>,
    code: &'static str,
    out: &mut Vec<Diagnostic>,
) -> Option<(&'a JsonMember, bool)> {
    match (plain, negated) {
        (Some(p), Some(n)) => {
            let later = if p.key_span.start > n.key_span.start {
                p
            } else {
                n
            };
            out.push(
                Diagnostic::error(
                    code,
                    format!("a statement cannot have both `{}` and `{}`", p.key, n.key),
                    later.key_span,
                )
                .with_help(format!("keep either `{}` or `{}`", p.key, n.key)),
            );
            None
        }
        (Some(p), None) => Some((p, false)),
        (None, Some(n)) => Some((n, true)),
        (None, None) => None,
    }
}

/// `Action`/`NotAction` or `Resource`/`NotResource`.
fn element(
    plain: Option<&JsonMember>,
    negated: Option<&JsonMember>,
    both_code: &'static str,
    out: &mut Vec<Diagnostic>,
) -> Option<Element> {
    let (member, negated) = pair(plain, negated, both_code, out)?;
    let values = list::strings(&member.key, &member.value, out)?;
    if values.is_empty()
        && matches!(member.value.kind, JsonKind::Array(ref items) if items.is_empty())
    {
        let code = if member.key.ends_with("Action") {
            codes::MISSING_ACTION
        } else {
            codes::MISSING_RESOURCE
        };
        out.push(
            Diagnostic::error(
                code,
                format!("`{}` is an empty list", member.key),
                member.value.span,
            )
            .with_help("list at least one entry; a statement that names nothing does nothing"),
        );
    }
    Some(Element {
        negated,
        values,
        key_span: member.key_span,
    })
}

fn sid(value: &JsonValue, out: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
    let sid = list::string("Sid", value, codes::INVALID_SID, out)?;
    // IAM (unlike resource policies such as S3's) allows only ASCII letters and digits in a Sid.
    if let Some(bad) = sid.value.chars().find(|c| !c.is_ascii_alphanumeric()) {
        out.push(
            Diagnostic::error(
                codes::INVALID_SID,
                format!("`Sid` `{}` contains `{}`", sid.value, bad.escape_debug()),
                value.span,
            )
            .with_help("in iam policies a sid may contain only letters and digits, like `AllowReadOwnUser`"),
        );
    }
    Some(sid)
}

fn effect(value: &JsonValue, out: &mut Vec<Diagnostic>) -> Option<Spanned<Effect>> {
    let help = "the effect is `\"Allow\"` or `\"Deny\"`";
    let Some(text) = value.as_str() else {
        out.push(
            Diagnostic::error(
                codes::INVALID_EFFECT,
                format!("`Effect` must be a string, found {}", value.describe()),
                value.span,
            )
            .with_help(help),
        );
        return None;
    };
    match text {
        "Allow" => Some(Spanned::new(Effect::Allow, value.span)),
        "Deny" => Some(Spanned::new(Effect::Deny, value.span)),
        _ => {
            let guess = suggest::closest(text, ["Allow", "Deny"]);
            out.push(
                Diagnostic::error(
                    codes::INVALID_EFFECT,
                    format!("`{text}` is not a valid effect"),
                    value.span,
                )
                .with_help(
                    guess.map_or_else(|| help.to_owned(), |g| format!("did you mean `{g}`?")),
                ),
            );
            None
        }
    }
}

/// Statement ids must be unique within a policy; the later copies are reported.
pub(crate) fn report_duplicate_sids(statements: &[DraftStatement], out: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for statement in statements {
        let Some(sid) = &statement.sid else { continue };
        if sid.value.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(sid.value.as_str()) {
            out.push(
                Diagnostic::error(
                    codes::DUPLICATE_SID,
                    format!("duplicate `Sid` `{}`", sid.value),
                    sid.span,
                )
                .with_help(format!(
                    "statement {} already uses it; each statement id must be unique",
                    first + 1
                )),
            );
        } else {
            seen.insert(&sid.value, statement.index);
        }
    }
}
