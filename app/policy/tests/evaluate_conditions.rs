//! Conditions, after the IAM User Guide ("Condition element", "Creating a condition with multiple keys or values",
//! "Condition operators", "Single-valued vs. multivalued condition keys"): operators AND, keys AND, values OR; a
//! missing key is false except for negated operators, `…IfExists` and `Null`; `ForAllValues` / `ForAnyValue`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::net::IpAddr;

use common::*;
use iam_policy::{CompiledPolicy, Context, ContextValue, Decision};

/// An Allow on `iam:GetUser` / `*` with the given `Condition` object.
fn allow_if(condition: &str) -> CompiledPolicy {
    statements(
        "p",
        &format!(
            r#"{{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {condition}}}"#
        ),
    )
}

fn check(condition: &str, context: Context) -> Decision {
    decide(
        &[allow_if(condition)],
        &with_context(request("iam:GetUser", "*"), context),
    )
}

fn ctx() -> Context {
    Context::new()
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

#[test]
fn values_of_one_key_are_ored() {
    let c = r#"{"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}"#;
    assert_eq!(
        check(c, ctx().with("aws:RequestedRegion", "eu-west-1")),
        ALLOW
    );
    assert_eq!(
        check(c, ctx().with("aws:RequestedRegion", "ap-south-1")),
        IMPLICIT
    );
}

#[test]
fn keys_in_one_operator_are_anded() {
    let c =
        r#"{"StringEquals": {"aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "red"}}"#;
    assert_eq!(
        check(
            c,
            ctx()
                .with("aws:RequestedRegion", "us-east-1")
                .with("aws:PrincipalTag/team", "red")
        ),
        ALLOW
    );
    assert_eq!(
        check(
            c,
            ctx()
                .with("aws:RequestedRegion", "us-east-1")
                .with("aws:PrincipalTag/team", "blue")
        ),
        IMPLICIT
    );
    assert_eq!(
        check(c, ctx().with("aws:RequestedRegion", "us-east-1")),
        IMPLICIT
    );
}

#[test]
fn operators_are_anded() {
    let c = r#"{"StringEquals": {"aws:RequestedRegion": "us-east-1"}, "Bool": {"aws:SecureTransport": "true"}}"#;
    assert_eq!(
        check(
            c,
            ctx()
                .with("aws:RequestedRegion", "us-east-1")
                .with("aws:SecureTransport", true)
        ),
        ALLOW
    );
    assert_eq!(
        check(
            c,
            ctx()
                .with("aws:RequestedRegion", "us-east-1")
                .with("aws:SecureTransport", false)
        ),
        IMPLICIT
    );
}

#[test]
fn condition_keys_are_case_insensitive_and_values_are_not() {
    let c = r#"{"StringEquals": {"AWS:RequestedRegion": "us-east-1"}}"#;
    assert_eq!(
        check(c, ctx().with("aws:requestedregion", "us-east-1")),
        ALLOW
    );
    assert_eq!(
        check(c, ctx().with("aws:requestedregion", "US-EAST-1")),
        IMPLICIT
    );
}

#[test]
fn missing_keys_table() {
    // (operator, outcome when the key is missing)
    let table = [
        ("StringEquals", IMPLICIT),
        ("StringLike", IMPLICIT),
        ("StringNotEquals", ALLOW),
        ("StringNotLike", ALLOW),
        ("StringEqualsIfExists", ALLOW),
        ("StringNotEqualsIfExists", ALLOW),
        ("ForAllValues:StringEquals", ALLOW),
        ("ForAnyValue:StringEquals", IMPLICIT),
        ("ForAnyValue:StringEqualsIfExists", ALLOW),
        ("ArnNotLike", ALLOW),
        ("ArnLike", IMPLICIT),
    ];
    for (op, expected) in table {
        let c = format!(r#"{{"{op}": {{"aws:SourceArn": "arn:aws:s3:::x"}}}}"#);
        assert_eq!(check(&c, ctx()), expected, "{op} on a missing key");
    }
    let numeric = [
        ("NumericNotEquals", ALLOW),
        ("NumericLessThan", IMPLICIT),
        ("NumericLessThanIfExists", ALLOW),
    ];
    for (op, expected) in numeric {
        let c = format!(r#"{{"{op}": {{"aws:MultiFactorAuthAge": "10"}}}}"#);
        assert_eq!(check(&c, ctx()), expected, "{op} on a missing key");
    }
    assert_eq!(
        check(r#"{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#, ctx()),
        ALLOW
    );
    assert_eq!(
        check(r#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#, ctx()),
        IMPLICIT
    );
    assert_eq!(
        check(
            r#"{"DateNotEquals": {"aws:TokenIssueTime": "2024-01-01"}}"#,
            ctx()
        ),
        ALLOW
    );
}

#[test]
fn if_exists_applies_the_test_when_the_key_is_present() {
    let c = r#"{"StringEqualsIfExists": {"aws:RequestedRegion": "us-east-1"}}"#;
    assert_eq!(check(c, ctx()), ALLOW);
    assert_eq!(
        check(c, ctx().with("aws:RequestedRegion", "us-east-1")),
        ALLOW
    );
    assert_eq!(
        check(c, ctx().with("aws:RequestedRegion", "eu-west-1")),
        IMPLICIT
    );
}

#[test]
fn negated_operators_match_none_of_the_values() {
    let c = r#"{"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}"#;
    assert_eq!(
        check(c, ctx().with("aws:RequestedRegion", "ap-south-1")),
        ALLOW
    );
    assert_eq!(
        check(c, ctx().with("aws:RequestedRegion", "eu-west-1")),
        IMPLICIT
    );
    assert_eq!(
        check(c, ctx().with("aws:RequestedRegion", "us-east-1")),
        IMPLICIT
    );
}

#[test]
fn null_tests_presence() {
    let absent = r#"{"Null": {"aws:TokenIssueTime": "true"}}"#;
    let present = r#"{"Null": {"aws:TokenIssueTime": "false"}}"#;
    let with_key = ctx().with("aws:TokenIssueTime", ContextValue::Date(1_700_000_000));
    assert_eq!(check(absent, ctx()), ALLOW);
    assert_eq!(check(absent, with_key.clone()), IMPLICIT);
    assert_eq!(check(present, ctx()), IMPLICIT);
    assert_eq!(check(present, with_key), ALLOW);
    // JSON booleans work too, and derived keys are present.
    assert_eq!(check(r#"{"Null": {"aws:username": false}}"#, ctx()), ALLOW);
    // An empty list counts as absent.
    assert_eq!(
        check(
            r#"{"Null": {"aws:TagKeys": "true"}}"#,
            ctx().with("aws:TagKeys", Vec::<String>::new())
        ),
        ALLOW
    );
}

/// Checks `condition` against requests carrying these `aws:TagKeys` (`None`: the key is absent).
fn assert_tag_keys_table(condition: &str, table: impl IntoIterator<Item = (Option<Vec<&'static str>>, Decision)>) {
    for (keys, expected) in table {
        let context = match &keys {
            Some(k) => ctx().with("aws:TagKeys", k.clone()),
            None => ctx(),
        };
        assert_eq!(check(condition, context), expected, "{keys:?}");
    }
}

#[test]
fn for_all_values_table() {
    // From the User Guide: ForAllValues is true if every request value matches some policy value, and also when the
    // key is missing or has no values.
    let c = r#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}}"#;
    let table: [(Option<Vec<&str>>, Decision); 6] = [
        (Some(vec!["environment"]), ALLOW),
        (Some(vec!["environment", "cost-center"]), ALLOW),
        (Some(vec!["environment", "owner"]), IMPLICIT),
        (Some(vec!["owner"]), IMPLICIT),
        (Some(vec![]), ALLOW),
        (None, ALLOW),
    ];
    assert_tag_keys_table(c, table);
}

#[test]
fn for_any_value_table() {
    let c = r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]}}"#;
    let table: [(Option<Vec<&str>>, Decision); 5] = [
        (Some(vec!["environment"]), ALLOW),
        (Some(vec!["owner", "cost-center"]), ALLOW),
        (Some(vec!["owner"]), IMPLICIT),
        (Some(vec![]), IMPLICIT),
        (None, IMPLICIT),
    ];
    assert_tag_keys_table(c, table);
}

#[test]
fn set_operators_with_negation_and_single_values() {
    // Every requested tag key must differ from `secret`.
    let c = r#"{"ForAllValues:StringNotEquals": {"aws:TagKeys": "secret"}}"#;
    assert_eq!(check(c, ctx().with("aws:TagKeys", vec!["a", "b"])), ALLOW);
    assert_eq!(
        check(c, ctx().with("aws:TagKeys", vec!["a", "secret"])),
        IMPLICIT
    );
    // Some requested tag key is not `secret`.
    let c = r#"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": "secret"}}"#;
    assert_eq!(
        check(c, ctx().with("aws:TagKeys", vec!["a", "secret"])),
        ALLOW
    );
    assert_eq!(
        check(c, ctx().with("aws:TagKeys", vec!["secret"])),
        IMPLICIT
    );
    // A single value is a set of one.
    let c = r#"{"ForAnyValue:StringLike": {"aws:TagKeys": "env*"}}"#;
    assert_eq!(check(c, ctx().with("aws:TagKeys", "environment")), ALLOW);
}

#[test]
fn multivalued_key_without_a_qualifier_matches_when_any_value_does() {
    let c = r#"{"StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}}"#;
    assert_eq!(
        check(
            c,
            ctx().with(
                "aws:CalledVia",
                vec!["athena.amazonaws.com", "cloudformation.amazonaws.com"]
            )
        ),
        ALLOW
    );
    assert_eq!(
        check(c, ctx().with("aws:CalledVia", vec!["athena.amazonaws.com"])),
        IMPLICIT
    );
    let n = r#"{"StringNotEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}}"#;
    assert_eq!(
        check(
            n,
            ctx().with(
                "aws:CalledVia",
                vec!["athena.amazonaws.com", "cloudformation.amazonaws.com"]
            )
        ),
        IMPLICIT
    );
    assert_eq!(
        check(n, ctx().with("aws:CalledVia", vec!["athena.amazonaws.com"])),
        ALLOW
    );
}

#[test]
fn mfa_guard_from_the_user_guide() {
    // "DenyAllExceptListedIfNoMFA": BoolIfExists false denies long-term credentials (key absent) and sessions
    // without MFA, and lets MFA sessions through.
    let guard = statements(
        "guard",
        r#"{"Effect": "Deny", "NotAction": ["iam:ChangePassword", "iam:GetUser"], "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}"#,
    );
    let grant = statements(
        "grant",
        r#"{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}"#,
    );
    let policies = [guard, grant];
    let run = request("ec2:RunInstances", "*");
    assert_eq!(decide(&policies, &run), DENY);
    assert_eq!(
        decide(
            &policies,
            &with_context(run.clone(), ctx().with("aws:MultiFactorAuthPresent", false))
        ),
        DENY
    );
    assert_eq!(
        decide(
            &policies,
            &with_context(run.clone(), ctx().with("aws:MultiFactorAuthPresent", true))
        ),
        ALLOW
    );
    assert_eq!(
        decide(
            &policies,
            &with_context(run, ctx().with("aws:MultiFactorAuthPresent", "true"))
        ),
        ALLOW
    );
}

#[test]
fn string_operators() {
    let like = r#"{"StringLike": {"s3:prefix": ["home/${aws:username}/*", "public/?"]}}"#;
    assert_eq!(
        check(like, ctx().with("s3:prefix", "home/alice/docs")),
        ALLOW
    );
    assert_eq!(
        check(like, ctx().with("s3:prefix", "home/bob/docs")),
        IMPLICIT
    );
    assert_eq!(check(like, ctx().with("s3:prefix", "public/a")), ALLOW);
    assert_eq!(check(like, ctx().with("s3:prefix", "public/ab")), IMPLICIT);
    // StringEquals has no wildcards: `*` is a literal star.
    let eq = r#"{"StringEquals": {"s3:prefix": "home/*"}}"#;
    assert_eq!(check(eq, ctx().with("s3:prefix", "home/alice")), IMPLICIT);
    assert_eq!(check(eq, ctx().with("s3:prefix", "home/*")), ALLOW);
    let ic = r#"{"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": ["Red", "ÉQUIPE"]}}"#;
    assert_eq!(check(ic, ctx().with("aws:PrincipalTag/team", "rED")), ALLOW);
    assert_eq!(
        check(ic, ctx().with("aws:PrincipalTag/team", "équipe")),
        ALLOW
    );
    assert_eq!(
        check(ic, ctx().with("aws:PrincipalTag/team", "blue")),
        IMPLICIT
    );
    let nic = r#"{"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "red"}}"#;
    assert_eq!(
        check(nic, ctx().with("aws:PrincipalTag/team", "RED")),
        IMPLICIT
    );
    let not_like = r#"{"StringNotLike": {"s3:prefix": "secret/*"}}"#;
    assert_eq!(
        check(not_like, ctx().with("s3:prefix", "secret/x")),
        IMPLICIT
    );
    assert_eq!(check(not_like, ctx().with("s3:prefix", "open/x")), ALLOW);
}

#[test]
fn numeric_operators() {
    let table = [
        ("NumericEquals", "10", [IMPLICIT, ALLOW, IMPLICIT]),
        ("NumericNotEquals", "10", [ALLOW, IMPLICIT, ALLOW]),
        ("NumericLessThan", "10", [ALLOW, IMPLICIT, IMPLICIT]),
        ("NumericLessThanEquals", "10", [ALLOW, ALLOW, IMPLICIT]),
        ("NumericGreaterThan", "10", [IMPLICIT, IMPLICIT, ALLOW]),
        ("NumericGreaterThanEquals", "10.0", [IMPLICIT, ALLOW, ALLOW]),
    ];
    for (op, value, expected) in table {
        let c = format!(r#"{{"{op}": {{"aws:MultiFactorAuthAge": "{value}"}}}}"#);
        for (age, want) in [9.5, 10.0, 11.0].into_iter().zip(expected) {
            assert_eq!(
                check(&c, ctx().with("aws:MultiFactorAuthAge", age)),
                want,
                "{op} {age}"
            );
        }
    }
    // Strings that are numbers work; strings that are not fail the test, negated or not.
    assert_eq!(
        check(
            r#"{"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}"#,
            ctx().with("aws:MultiFactorAuthAge", "100")
        ),
        ALLOW
    );
    assert_eq!(
        check(
            r#"{"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}"#,
            ctx().with("aws:MultiFactorAuthAge", "soon")
        ),
        IMPLICIT
    );
    assert_eq!(
        check(
            r#"{"NumericNotEquals": {"aws:MultiFactorAuthAge": 3600}}"#,
            ctx().with("aws:MultiFactorAuthAge", "soon")
        ),
        IMPLICIT
    );
}

#[test]
fn date_operators_and_the_current_time() {
    // `now` is 2024-06-01T12:00:00Z.
    let table = [
        (
            r#"{"DateGreaterThan": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}}"#,
            ALLOW,
        ),
        (
            r#"{"DateLessThan": {"aws:CurrentTime": "2024-06-01"}}"#,
            IMPLICIT,
        ),
        (
            r#"{"DateLessThan": {"aws:CurrentTime": "2024-06-01T14:00:01+02:00"}}"#,
            ALLOW,
        ),
        (
            r#"{"DateEquals": {"aws:CurrentTime": "2024-06-01T12:00:00.000Z"}}"#,
            ALLOW,
        ),
        (
            r#"{"DateEquals": {"aws:CurrentTime": "1717243200"}}"#,
            ALLOW,
        ),
        (
            r#"{"DateNotEquals": {"aws:CurrentTime": "1717243200"}}"#,
            IMPLICIT,
        ),
        (
            r#"{"DateLessThanEquals": {"aws:CurrentTime": "2024-06-01T12:00:00Z"}}"#,
            ALLOW,
        ),
        (
            r#"{"DateGreaterThanEquals": {"aws:CurrentTime": "2024-06-01T12:00:01Z"}}"#,
            IMPLICIT,
        ),
        (
            r#"{"NumericGreaterThan": {"aws:EpochTime": 1717243199}}"#,
            ALLOW,
        ),
        (
            r#"{"DateGreaterThan": {"aws:EpochTime": "2024-01-01"}}"#,
            ALLOW,
        ),
    ];
    for (c, expected) in table {
        assert_eq!(check(c, ctx()), expected, "{c}");
    }
    // A supplied value wins over the derived one.
    let c = r#"{"DateLessThan": {"aws:CurrentTime": "2000-01-01"}}"#;
    assert_eq!(
        check(c, ctx().with("aws:CurrentTime", "1999-12-31T23:59:59Z")),
        ALLOW
    );
    // A token issued before a date, as a Date value.
    let c = r#"{"DateLessThan": {"aws:TokenIssueTime": "2024-01-01T00:00:00Z"}}"#;
    assert_eq!(
        check(
            c,
            ctx().with("aws:TokenIssueTime", ContextValue::Date(1_700_000_000))
        ),
        ALLOW
    );
}

#[test]
fn ip_address_operators() {
    let c = r#"{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]}}"#;
    let table = [
        ("203.0.113.9", ALLOW),
        ("203.0.114.9", IMPLICIT),
        ("2001:db8:1234:5678::1", ALLOW),
        ("2001:db8:1234:5679::1", IMPLICIT),
        ("::ffff:203.0.113.9", ALLOW),
    ];
    for (addr, expected) in table {
        assert_eq!(
            check(c, ctx().with("aws:SourceIp", ip(addr))),
            expected,
            "{addr}"
        );
        assert_eq!(
            check(c, ctx().with("aws:SourceIp", addr)),
            expected,
            "{addr} as a string"
        );
    }
    let n = r#"{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#;
    assert_eq!(
        check(n, ctx().with("aws:SourceIp", ip("198.51.100.1"))),
        ALLOW
    );
    assert_eq!(
        check(n, ctx().with("aws:SourceIp", ip("203.0.113.1"))),
        IMPLICIT
    );
    assert_eq!(check(n, ctx().with("aws:SourceIp", "not an ip")), IMPLICIT);
}

#[test]
fn bool_and_binary_operators() {
    let c = r#"{"Bool": {"aws:SecureTransport": true}}"#;
    assert_eq!(check(c, ctx().with("aws:SecureTransport", true)), ALLOW);
    assert_eq!(check(c, ctx().with("aws:SecureTransport", "TRUE")), ALLOW);
    assert_eq!(check(c, ctx().with("aws:SecureTransport", false)), IMPLICIT);
    assert_eq!(
        check(c, ctx().with("aws:SecureTransport", "maybe")),
        IMPLICIT
    );
    let b = r#"{"BinaryEquals": {"aws:UserAgent": "QmluYXJ5VmFsdWU="}}"#;
    assert_eq!(
        check(b, ctx().with("aws:UserAgent", "QmluYXJ5VmFsdWU=")),
        ALLOW
    );
    assert_eq!(check(b, ctx().with("aws:UserAgent", "T3RoZXI=")), IMPLICIT);
}

#[test]
fn arn_operators_match_per_part() {
    let c = r#"{"ArnLike": {"aws:SourceArn": "arn:aws:iam::*:user/app/*"}}"#;
    let table = [
        ("arn:aws:iam::123456789012:user/app/alice", ALLOW),
        ("arn:aws:iam::999999999999:user/app/x/y", ALLOW),
        ("arn:aws:iam::123456789012:user/web/alice", IMPLICIT),
        ("arn:aws:s3:::user/app/alice", IMPLICIT),
        // The `*` in the account part cannot reach into the resource part.
        ("arn:aws:iam::1:2:user/app/x", IMPLICIT),
        ("not an arn", IMPLICIT),
    ];
    for (arn, expected) in table {
        assert_eq!(
            check(c, ctx().with("aws:SourceArn", arn)),
            expected,
            "{arn}"
        );
    }
    // ArnEquals behaves like ArnLike, as documented; the Not forms negate.
    let eq = r#"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic-?"}}"#;
    assert_eq!(
        check(
            eq,
            ctx().with(
                "aws:SourceArn",
                "arn:aws:sns:us-east-1:123456789012:topic-a"
            )
        ),
        ALLOW
    );
    let ne = r#"{"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic-a"}}"#;
    assert_eq!(
        check(
            ne,
            ctx().with(
                "aws:SourceArn",
                "arn:aws:sns:us-east-1:123456789012:topic-a"
            )
        ),
        IMPLICIT
    );
    assert_eq!(
        check(
            ne,
            ctx().with(
                "aws:SourceArn",
                "arn:aws:sns:us-east-1:123456789012:topic-b"
            )
        ),
        ALLOW
    );
    // A variable inside an ARN part; its `:` does not split the ARN.
    let v = r#"{"ArnLike": {"aws:SourceArn": "arn:aws:iam::${aws:PrincipalAccount}:user/*"}}"#;
    assert_eq!(
        check(
            v,
            ctx().with("aws:SourceArn", "arn:aws:iam::123456789012:user/x")
        ),
        ALLOW
    );
    assert_eq!(
        check(
            v,
            ctx().with("aws:SourceArn", "arn:aws:iam::210987654321:user/x")
        ),
        IMPLICIT
    );
}

#[test]
fn derived_principal_keys() {
    let table = [
        (r#"{"StringEquals": {"aws:username": "alice"}}"#, ALLOW),
        (
            r#"{"StringEquals": {"aws:userid": "AIDAALICEEXAMPLE0001"}}"#,
            ALLOW,
        ),
        (
            r#"{"StringEquals": {"aws:PrincipalAccount": "123456789012"}}"#,
            ALLOW,
        ),
        (
            r#"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:user/app/alice"}}"#,
            ALLOW,
        ),
        (r#"{"StringEquals": {"aws:PrincipalType": "User"}}"#, ALLOW),
        (r#"{"StringEquals": {"aws:username": "bob"}}"#, IMPLICIT),
    ];
    for (c, expected) in table {
        assert_eq!(check(c, ctx()), expected, "{c}");
    }
}

#[test]
fn missing_context_keys_are_reported() {
    let p = statements(
        "p",
        r#"{"Effect": "Allow", "Action": "ec2:*", "Resource": "*",
            "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}, "Null": {"aws:TokenIssueTime": "true"}}},
           {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "x"}}}"#,
    );
    let e = eval(std::slice::from_ref(&p), &request("ec2:RunInstances", "*"));
    assert_eq!(e.decision, IMPLICIT);
    // Every missing key of a statement whose action and resource match; `Null` asks on purpose, so it is not
    // reported; the s3 statement does not match the action.
    assert_eq!(
        e.missing_context_keys,
        vec!["aws:SourceIp", "aws:MultiFactorAuthPresent"]
    );
    let e = eval(
        &[p],
        &with_context(
            request("ec2:RunInstances", "*"),
            ctx()
                .with("aws:SourceIp", ip("10.1.2.3"))
                .with("aws:MultiFactorAuthPresent", true),
        ),
    );
    assert_eq!(e.decision, ALLOW);
    assert!(e.missing_context_keys.is_empty());
}
