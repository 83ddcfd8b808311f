//! Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): substituted in `Resource` and in
//! string/ARN condition values under `2012-10-17` only; literal under `2008-10-17` or without a version; `${*}`,
//! `${?}`, `${$}`; defaults; a missing key makes the value match nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use iam_policy::Context;

const HOME: &str = r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home-bucket/home/${aws:username}/*"}"#;

#[test]
fn username_in_a_resource() {
    let p = statements("p", HOME);
    assert_eq!(
        decide(
            std::slice::from_ref(&p),
            &request(
                "s3:GetObject",
                "arn:aws:s3:::home-bucket/home/alice/notes.txt"
            )
        ),
        ALLOW
    );
    assert_eq!(
        decide(
            std::slice::from_ref(&p),
            &request(
                "s3:GetObject",
                "arn:aws:s3:::home-bucket/home/bob/notes.txt"
            )
        ),
        IMPLICIT
    );
    // The variable's value is not a wildcard and the user name must match exactly.
    assert_eq!(
        decide(
            &[p],
            &request("s3:GetObject", "arn:aws:s3:::home-bucket/home/alice2/x")
        ),
        IMPLICIT
    );
}

#[test]
fn variables_are_literal_under_the_2008_version_or_without_one() {
    for version in [r#""Version": "2008-10-17","#, ""] {
        let p = policy("old", &format!(r#"{{{version} "Statement": [{HOME}]}}"#));
        assert_eq!(
            decide(
                std::slice::from_ref(&p),
                &request("s3:GetObject", "arn:aws:s3:::home-bucket/home/alice/x")
            ),
            IMPLICIT
        );
        assert_eq!(
            decide(
                &[p],
                &request(
                    "s3:GetObject",
                    "arn:aws:s3:::home-bucket/home/${aws:username}/x"
                )
            ),
            ALLOW
        );
    }
}

#[test]
fn a_missing_variable_matches_nothing_unless_it_has_a_default() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::team-${aws:PrincipalTag/team}/*"}"#,
    );
    let e = eval(
        std::slice::from_ref(&p),
        &request("s3:GetObject", "arn:aws:s3:::team-/x"),
    );
    assert_eq!(e.decision, IMPLICIT);
    assert_eq!(e.missing_context_keys, vec!["aws:PrincipalTag/team"]);
    let red = with_context(
        request("s3:GetObject", "arn:aws:s3:::team-red/x"),
        Context::new().with("aws:PrincipalTag/team", "red"),
    );
    assert_eq!(decide(&[p], &red), ALLOW);

    let d = statements(
        "d",
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::team-${aws:PrincipalTag/team, 'none'}/*"}"#,
    );
    assert_eq!(
        decide(
            std::slice::from_ref(&d),
            &request("s3:GetObject", "arn:aws:s3:::team-none/x")
        ),
        ALLOW
    );
    assert_eq!(decide(&[d], &red), ALLOW);
}

#[test]
fn escapes_are_literal_characters() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${*}${?}${$}"}"#,
    );
    assert_eq!(
        decide(
            std::slice::from_ref(&p),
            &request("s3:GetObject", "arn:aws:s3:::b/*?$")
        ),
        ALLOW
    );
    assert_eq!(
        decide(&[p], &request("s3:GetObject", "arn:aws:s3:::b/ab$")),
        IMPLICIT
    );
}

#[test]
fn a_wildcard_inside_a_variable_value_is_literal() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:PrincipalTag/dir}/x"}"#,
    );
    let star = Context::new().with("aws:PrincipalTag/dir", "*");
    assert_eq!(
        decide(
            std::slice::from_ref(&p),
            &with_context(
                request("s3:GetObject", "arn:aws:s3:::b/anything/x"),
                star.clone()
            )
        ),
        IMPLICIT
    );
    assert_eq!(
        decide(
            &[p],
            &with_context(request("s3:GetObject", "arn:aws:s3:::b/*/x"), star)
        ),
        ALLOW
    );
}

#[test]
fn variables_in_condition_values() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "Action": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}}}"#,
    );
    let mine = with_context(
        request("iam:TagUser", "*"),
        Context::new().with("aws:ResourceTag/owner", "alice"),
    );
    let theirs = with_context(
        request("iam:TagUser", "*"),
        Context::new().with("aws:ResourceTag/owner", "bob"),
    );
    assert_eq!(decide(std::slice::from_ref(&p), &mine), ALLOW);
    assert_eq!(decide(&[p], &theirs), IMPLICIT);
}

#[test]
fn user_id_and_principal_tag_variables() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:userid}/*"},
           {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}}"#,
    );
    let mine = "arn:aws:s3:::b/AIDAALICEEXAMPLE0001/k";
    assert_eq!(
        decide(std::slice::from_ref(&p), &request("s3:GetObject", mine)),
        ALLOW
    );
    let same_team = Context::new()
        .with("aws:ResourceTag/team", "red")
        .with("aws:PrincipalTag/team", "red");
    let other_team = Context::new()
        .with("aws:ResourceTag/team", "blue")
        .with("aws:PrincipalTag/team", "red");
    assert_eq!(
        decide(
            std::slice::from_ref(&p),
            &with_context(request("s3:DeleteObject", mine), same_team)
        ),
        ALLOW
    );
    assert_eq!(
        decide(
            &[p],
            &with_context(request("s3:DeleteObject", mine), other_team)
        ),
        DENY
    );
}
