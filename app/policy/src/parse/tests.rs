#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::ast::{Effect, PrincipalValue};
use crate::operator::{BaseOperator, SetQualifier};

fn read(text: &str) -> (Option<Draft>, Vec<Diagnostic>) {
    let json = crate::json::parse(text).unwrap();
    let mut out = Vec::new();
    let draft = parse(&json, &mut out);
    (draft, out)
}

#[test]
fn keeps_spans_of_every_element() {
    let text = r#"{"Version": "2012-10-17", "Id": "p1", "Statement": [{"Sid": "S1", "Effect": "Deny", "Action": ["iam:DeleteUser"], "Resource": "*"}]}"#;
    let (draft, out) = read(text);
    assert!(out.is_empty(), "{out:#?}");
    let policy = draft.unwrap().finish().unwrap();
    assert_eq!(
        policy.version.unwrap().span.slice(text),
        Some("\"2012-10-17\"")
    );
    assert_eq!(policy.id.unwrap().value, "p1");
    let s = &policy.statements[0];
    assert_eq!(s.effect.value, Effect::Deny);
    assert_eq!(s.effect.span.slice(text), Some("\"Deny\""));
    assert_eq!(s.action.key_span.slice(text), Some("\"Action\""));
    assert_eq!(
        s.action.values[0].span.slice(text),
        Some("\"iam:DeleteUser\"")
    );
    assert!(s.span.slice(text).unwrap().starts_with("{\"Sid\""));
}

#[test]
fn flattens_conditions_into_operator_key_pairs() {
    let text = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
        "Condition": {"ForAnyValue:StringLikeIfExists": {"s3:prefix": ["home/", "tmp/"], "aws:username": "bob"},
                      "Bool": {"aws:SecureTransport": false}}}}"#;
    let (draft, out) = read(text);
    assert!(out.is_empty(), "{out:#?}");
    let policy = draft.unwrap().finish().unwrap();
    let conditions = &policy.statements[0].conditions;
    assert_eq!(conditions.len(), 3);
    let op = conditions[0].operator.value;
    assert_eq!(op.qualifier, Some(SetQualifier::ForAnyValue));
    assert_eq!(op.base, BaseOperator::StringLike);
    assert!(op.if_exists);
    assert_eq!(conditions[0].values.len(), 2);
    assert_eq!(conditions[1].key.value, "aws:username");
    assert_eq!(conditions[2].values[0].value, "false");
}

#[test]
fn reads_principals() {
    let text = r#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root"], "Service": "ec2.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "*"}}"#;
    let (draft, out) = read(text);
    assert!(out.iter().all(|d| !d.is_error()), "{out:#?}");
    let principal = draft.unwrap().statements[0].principal.clone().unwrap();
    let PrincipalValue::Typed(entries) = principal.value else {
        panic!()
    };
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1].kind.value, "Service");
}

#[test]
fn a_draft_with_missing_parts_does_not_finish() {
    let (draft, out) = read(
        r#"{"Version": "2012-10-17", "Statement": {"Action": "s3:GetObject", "Resource": "*"}}"#,
    );
    assert!(out.iter().any(|d| d.code == codes::MISSING_EFFECT));
    let draft = draft.unwrap();
    assert_eq!(draft.statements.len(), 1);
    assert!(draft.finish().is_none());
}

#[test]
fn wrong_types_are_reported_per_entry() {
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:GetUser", 7], "Resource": {"a": 1}}, 5]}"#;
    let (_, out) = read(text);
    let invalid: Vec<&str> = out
        .iter()
        .filter(|d| d.code == codes::INVALID_TYPE)
        .map(|d| d.span.unwrap().slice(text).unwrap())
        .collect();
    assert_eq!(invalid, vec!["7", "{\"a\": 1}", "5"]);
}
