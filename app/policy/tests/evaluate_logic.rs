//! The policy evaluation logic of the IAM User Guide ("Determining whether a request is allowed or denied within an
//! account"), for identity policies: explicit deny beats allow beats the default implicit deny; actions match
//! case-insensitively and resources case-sensitively; `*` and `?`; Action lists OR; NotAction and NotResource.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use iam_policy::{Decision, MatchedStatement, Span};

const USERS: &str = "arn:aws:iam::123456789012:user/app/worker";

#[test]
fn nothing_is_allowed_by_default() {
    assert_eq!(decide(&[], &request("iam:GetUser", USERS)), IMPLICIT);
    let unrelated = statements(
        "p",
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#,
    );
    let e = eval(&[unrelated], &request("iam:GetUser", USERS));
    assert_eq!(e.decision, IMPLICIT);
    assert!(e.deciding.is_empty());
}

#[test]
fn explicit_deny_beats_allow_whatever_the_order() {
    let allow = statements(
        "allow",
        r#"{"Sid": "A", "Effect": "Allow", "Action": "iam:*", "Resource": "*"}"#,
    );
    let deny = statements(
        "deny",
        r#"{"Sid": "D", "Effect": "Deny", "Action": "iam:DeleteUser", "Resource": "*"}"#,
    );
    for policies in [
        vec![allow.clone(), deny.clone()],
        vec![deny.clone(), allow.clone()],
    ] {
        let e = eval(&policies, &request("iam:DeleteUser", USERS));
        assert_eq!(e.decision, DENY);
        assert_eq!(e.deciding.len(), 1);
        assert_eq!(e.deciding[0].policy_id, "deny");
        assert_eq!(e.deciding[0].sid.as_deref(), Some("D"));
        assert_eq!(decide(&policies, &request("iam:GetUser", USERS)), ALLOW);
    }
}

#[test]
fn deciding_lists_every_matching_statement_of_the_winning_effect() {
    let a = statements(
        "a",
        r#"{"Sid": "One", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"},
           {"Sid": "Two", "Effect": "Allow", "Action": "iam:Get*", "Resource": "arn:aws:iam::*:user/app/*"},
           {"Sid": "Other", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#,
    );
    let b = statements(
        "b",
        r#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#,
    );
    let e = eval(&[a.clone(), b.clone()], &request("iam:GetUser", USERS));
    assert_eq!(e.decision, ALLOW);
    let who: Vec<(&str, usize)> = e
        .deciding
        .iter()
        .map(|m| (m.policy_id.as_str(), m.statement_index))
        .collect();
    assert_eq!(who, vec![("a", 0), ("a", 1), ("b", 0)]);

    let d = statements(
        "d",
        r#"{"Effect": "Deny", "Action": "iam:GetUser", "Resource": "*"},
           {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"},
           {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}"#,
    );
    let e = eval(&[a, d, b], &request("iam:GetUser", USERS));
    assert_eq!(e.decision, DENY);
    let who: Vec<(&str, usize)> = e
        .deciding
        .iter()
        .map(|m| (m.policy_id.as_str(), m.statement_index))
        .collect();
    assert_eq!(who, vec![("d", 0), ("d", 2)]);
}

#[test]
fn the_deciding_statement_carries_its_span() {
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]}"#;
    let p = policy("p", text);
    let e = eval(&[p], &request("iam:GetUser", USERS));
    let MatchedStatement { span, sid, .. } = &e.deciding[0];
    assert!(sid.is_none());
    assert_eq!(*span, Span::new(40, text.len() as u32 - 2));
}

#[test]
fn actions_match_case_insensitively_with_wildcards() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "Action": ["iam:Get*", "iam:*AccessKey", "iam:ListGroup?"], "Resource": "*"}"#,
    );
    let table = [
        ("iam:GetUser", ALLOW),
        ("IAM:getuser", ALLOW),
        ("iam:GETACCOUNTSUMMARY", ALLOW),
        ("iam:CreateAccessKey", ALLOW),
        ("iam:createaccesskey", ALLOW),
        ("iam:ListGroups", ALLOW),
        ("iam:ListGroup", IMPLICIT),
        ("iam:ListGroupsForUser", IMPLICIT),
        ("iam:CreateUser", IMPLICIT),
        ("s3:GetObject", IMPLICIT),
        ("iamx:GetUser", IMPLICIT),
    ];
    for (action, expected) in table {
        assert_eq!(
            decide(std::slice::from_ref(&p), &request(action, "*")),
            expected,
            "{action}"
        );
    }
}

#[test]
fn resources_match_case_sensitively_with_wildcards() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "Action": "iam:*", "Resource": ["arn:aws:iam::123456789012:user/app/*", "arn:aws:iam::123456789012:group/t?am"]}"#,
    );
    let table = [
        ("arn:aws:iam::123456789012:user/app/worker", ALLOW),
        ("arn:aws:iam::123456789012:user/app/nested/worker", ALLOW),
        ("arn:aws:iam::123456789012:user/App/worker", IMPLICIT),
        ("arn:aws:iam::123456789012:user/web/worker", IMPLICIT),
        ("arn:aws:iam::210987654321:user/app/worker", IMPLICIT),
        ("arn:aws:iam::123456789012:group/team", ALLOW),
        ("arn:aws:iam::123456789012:group/tram", ALLOW),
        ("arn:aws:iam::123456789012:group/teams", IMPLICIT),
        ("arn:aws:iam::123456789012:group/Team", IMPLICIT),
    ];
    for (resource, expected) in table {
        assert_eq!(
            decide(
                std::slice::from_ref(&p),
                &request("iam:CreateUser", resource)
            ),
            expected,
            "{resource}"
        );
    }
}

#[test]
fn iam_governs_itself_by_path() {
    // The design brief's example: `iam:*` on `user/app/*` manages users under /app/ and nothing else.
    let p = statements(
        "app-admin",
        r#"{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::123456789012:user/app/*"}"#,
    );
    assert_eq!(
        decide(
            std::slice::from_ref(&p),
            &request("iam:CreateUser", "arn:aws:iam::123456789012:user/app/new")
        ),
        ALLOW
    );
    assert_eq!(
        decide(
            std::slice::from_ref(&p),
            &request("iam:DeleteUser", "arn:aws:iam::123456789012:user/admin")
        ),
        IMPLICIT
    );
    assert_eq!(
        decide(
            &[p],
            &request("iam:CreateGroup", "arn:aws:iam::123456789012:group/app/g")
        ),
        IMPLICIT
    );
}

#[test]
fn not_action_with_deny_denies_everything_else() {
    // "Deny everything except IAM" — NotAction with Deny is an exclusion list, not a grant.
    let guard = statements(
        "guard",
        r#"{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}"#,
    );
    let grant = statements(
        "grant",
        r#"{"Effect": "Allow", "Action": ["iam:GetUser", "s3:GetObject"], "Resource": "*"}"#,
    );
    let policies = [guard, grant];
    assert_eq!(decide(&policies, &request("iam:GetUser", USERS)), ALLOW);
    assert_eq!(
        decide(&policies, &request("s3:GetObject", "arn:aws:s3:::b/k")),
        DENY
    );
    assert_eq!(
        decide(&policies, &request("iam:DeleteUser", USERS)),
        IMPLICIT
    );
}

#[test]
fn not_action_with_allow_allows_everything_else() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "NotAction": ["iam:*", "s3:Delete*"], "Resource": "*"}"#,
    );
    assert_eq!(
        decide(std::slice::from_ref(&p), &request("s3:GetObject", "*")),
        ALLOW
    );
    assert_eq!(
        decide(std::slice::from_ref(&p), &request("ec2:RunInstances", "*")),
        ALLOW
    );
    assert_eq!(
        decide(std::slice::from_ref(&p), &request("IAM:CreateUser", "*")),
        IMPLICIT
    );
    assert_eq!(decide(&[p], &request("s3:DeleteObject", "*")), IMPLICIT);
}

#[test]
fn not_resource() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "Action": "s3:*", "NotResource": ["arn:aws:s3:::secret", "arn:aws:s3:::secret/*"]}"#,
    );
    assert_eq!(
        decide(
            std::slice::from_ref(&p),
            &request("s3:GetObject", "arn:aws:s3:::public/k")
        ),
        ALLOW
    );
    assert_eq!(
        decide(
            std::slice::from_ref(&p),
            &request("s3:GetObject", "arn:aws:s3:::secret/k")
        ),
        IMPLICIT
    );
    assert_eq!(
        decide(
            std::slice::from_ref(&p),
            &request("s3:ListBucket", "arn:aws:s3:::secret")
        ),
        IMPLICIT
    );
    // Case-sensitive: `Secret` is another bucket.
    assert_eq!(
        decide(&[p], &request("s3:GetObject", "arn:aws:s3:::Secret/k")),
        ALLOW
    );
    let deny = statements(
        "d",
        r#"{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::public/*"}"#,
    );
    let allow = statements(
        "a",
        r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#,
    );
    assert_eq!(
        decide(
            &[deny.clone(), allow.clone()],
            &request("s3:GetObject", "arn:aws:s3:::public/k")
        ),
        ALLOW
    );
    assert_eq!(
        decide(
            &[deny, allow],
            &request("s3:GetObject", "arn:aws:s3:::private/k")
        ),
        DENY
    );
}

#[test]
fn star_means_everything() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#,
    );
    assert_eq!(
        decide(std::slice::from_ref(&p), &request("iam:CreateUser", USERS)),
        ALLOW
    );
    assert_eq!(decide(&[p], &request("anything:AtAll", "")), ALLOW);
}

#[test]
fn decision_serializes_with_camel_case_names() {
    assert_eq!(
        serde_json::to_string(&Decision::Allowed).unwrap(),
        r#""allowed""#
    );
    assert_eq!(
        serde_json::to_string(&Decision::ExplicitDeny).unwrap(),
        r#""explicitDeny""#
    );
    assert_eq!(
        serde_json::to_string(&Decision::ImplicitDeny).unwrap(),
        r#""implicitDeny""#
    );
    let p = statements(
        "p",
        r#"{"Sid": "S", "Effect": "Allow", "Action": "*", "Resource": "*"}"#,
    );
    let e = eval(&[p], &request("iam:GetUser", USERS));
    let json = serde_json::to_string(&e).unwrap();
    assert!(json.starts_with(r#"{"decision":"allowed","deciding":[{"policy_id":"p","statement_index":0,"sid":"S","span":"#), "{json}");
}
