//! Properties that must hold for every input: nothing panics, a matching Deny always wins, and evaluation agrees with
//! a straightforward reference for the effect logic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use iam_policy::{
    evaluate, validate, CompiledPolicy, Context, ContextValue, Decision, PolicyKind, Request,
};
use proptest::prelude::*;

/// Pieces policies are built from, chosen so that random combinations often match each other.
fn action_pattern() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("*".to_owned()),
        Just("iam:*".to_owned()),
        Just("iam:Get*".to_owned()),
        Just("iam:GetUser".to_owned()),
        Just("iam:CreateUser".to_owned()),
        Just("iam:*User".to_owned()),
        Just("s3:GetObject".to_owned()),
        Just("s3:Get?bject".to_owned()),
    ]
}

fn resource_pattern() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("*".to_owned()),
        Just("arn:aws:iam::123456789012:user/*".to_owned()),
        Just("arn:aws:iam::123456789012:user/app/*".to_owned()),
        Just("arn:aws:iam::123456789012:user/${aws:username}".to_owned()),
        Just("arn:aws:s3:::bucket/*".to_owned()),
        Just("arn:aws:s3:::bucket/home/${aws:username}/*".to_owned()),
    ]
}

fn condition() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(r#", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}"#.to_owned()),
        Just(
            r#", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}"#
                .to_owned()
        ),
        Just(r#", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#.to_owned()),
        Just(r#", "Condition": {"StringNotEquals": {"aws:username": "bob"}}"#.to_owned()),
        Just(r#", "Condition": {"ForAllValues:StringLike": {"aws:TagKeys": "team*"}}"#.to_owned()),
        Just(
            r#", "Condition": {"DateLessThan": {"aws:CurrentTime": "2024-06-01T12:00:00Z"}}"#
                .to_owned()
        ),
        Just(r#", "Condition": {"Null": {"aws:SourceIp": "true"}}"#.to_owned()),
    ]
}

#[derive(Debug, Clone)]
struct StatementSpec {
    deny: bool,
    not_action: bool,
    action: String,
    resource: String,
    condition: String,
}

fn statement_spec() -> impl Strategy<Value = StatementSpec> {
    (
        any::<bool>(),
        prop::bool::weighted(0.2),
        action_pattern(),
        resource_pattern(),
        condition(),
    )
        .prop_map(
            |(deny, not_action, action, resource, condition)| StatementSpec {
                deny,
                not_action,
                action,
                resource,
                condition,
            },
        )
}

fn render(spec: &StatementSpec) -> String {
    format!(
        r#"{{"Effect": "{}", "{}": "{}", "Resource": "{}"{}}}"#,
        if spec.deny { "Deny" } else { "Allow" },
        if spec.not_action {
            "NotAction"
        } else {
            "Action"
        },
        spec.action,
        spec.resource,
        spec.condition
    )
}

fn compile(specs: &[StatementSpec], id: &str) -> CompiledPolicy {
    let body: Vec<String> = specs.iter().map(render).collect();
    let text = format!(
        r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
        body.join(",")
    );
    let validation = validate(&text, PolicyKind::Managed);
    assert!(
        !validation.has_errors(),
        "{text}: {:#?}",
        validation.diagnostics
    );
    CompiledPolicy::compile(validation.policy.as_ref().unwrap(), id)
}

fn request_strategy() -> impl Strategy<Value = Request> {
    let actions = prop_oneof![
        Just("iam:GetUser"),
        Just("IAM:createuser"),
        Just("s3:GetObject"),
        Just("ec2:RunInstances")
    ];
    let resources = prop_oneof![
        Just("arn:aws:iam::123456789012:user/alice"),
        Just("arn:aws:iam::123456789012:user/app/alice"),
        Just("arn:aws:s3:::bucket/home/alice/x"),
        Just("arn:aws:s3:::bucket/home/bob/x"),
        Just("*"),
    ];
    let mfa = prop_oneof![Just(None), Just(Some(true)), Just(Some(false))];
    let ip = prop_oneof![Just(None), Just(Some("10.1.2.3")), Just(Some("192.0.2.1"))];
    let tags = prop_oneof![
        Just(None),
        Just(Some(vec!["team"])),
        Just(Some(vec!["team", "x"])),
        Just(Some(vec![]))
    ];
    (actions, resources, mfa, ip, tags, any::<bool>()).prop_map(
        |(action, resource, mfa, ip, tags, late)| {
            let mut context = Context::new();
            if let Some(m) = mfa {
                context.insert("aws:MultiFactorAuthPresent", m);
            }
            if let Some(ip) = ip {
                context.insert("aws:SourceIp", ip);
            }
            if let Some(tags) = tags {
                context.insert("aws:TagKeys", tags);
            }
            let mut r = with_context(request(action, resource), context);
            if late {
                r.now_epoch_seconds += 86_400;
            }
            r
        },
    )
}

proptest! {
    // No failure files: a failing case is printed, and the tests run from a read-only CI checkout too.
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Adding a policy whose Deny statement applies turns any decision into an explicit deny.
    #[test]
    fn a_matching_deny_always_wins(
        specs in prop::collection::vec(statement_spec(), 0..6),
        request in request_strategy(),
    ) {
        let policies = if specs.is_empty() { Vec::new() } else { vec![compile(&specs, "random")] };
        let wildcard_deny = StatementSpec { deny: true, not_action: false, action: "*".into(), resource: "*".into(), condition: String::new() };
        let mut with_deny = policies.clone();
        with_deny.push(compile(&[wildcard_deny], "deny"));
        let e = evaluate(&with_deny, &request);
        prop_assert_eq!(e.decision, Decision::ExplicitDeny);
        prop_assert!(e.deciding.iter().any(|m| m.policy_id == "deny"));
    }

    /// Splitting statements over policies, or reordering them, does not change the decision; and the decision agrees
    /// with "any applicable Deny, else any applicable Allow".
    #[test]
    fn decisions_follow_the_effect_logic(
        specs in prop::collection::vec(statement_spec(), 1..6),
        request in request_strategy(),
    ) {
        let together = evaluate(&[compile(&specs, "all")], &request);
        let apart: Vec<CompiledPolicy> = specs.iter().enumerate().map(|(i, s)| compile(std::slice::from_ref(s), &format!("p{i}"))).collect();
        let separately = evaluate(&apart, &request);
        let mut reversed = apart.clone();
        reversed.reverse();
        prop_assert_eq!(together.decision, separately.decision);
        prop_assert_eq!(separately.decision, evaluate(&reversed, &request).decision);

        // Each statement alone tells whether it applies; combine them by the documented rule.
        let applies: Vec<bool> = apart.iter().zip(&specs).map(|(p, s)| {
            let alone = evaluate(std::slice::from_ref(p), &request).decision;
            if s.deny { alone == Decision::ExplicitDeny } else { alone == Decision::Allowed }
        }).collect();
        let expected = if specs.iter().zip(&applies).any(|(s, a)| s.deny && *a) {
            Decision::ExplicitDeny
        } else if specs.iter().zip(&applies).any(|(s, a)| !s.deny && *a) {
            Decision::Allowed
        } else {
            Decision::ImplicitDeny
        };
        prop_assert_eq!(together.decision, expected);
        prop_assert_eq!(together.deciding.len(), specs.iter().zip(&applies).filter(|(s, a)| **a && s.deny == (expected == Decision::ExplicitDeny)).count());
    }

    /// `validate` never panics, whatever the text, for every kind.
    #[test]
    fn validate_never_panics_on_arbitrary_text(text in any::<String>()) {
        for kind in [PolicyKind::UserInline, PolicyKind::GroupInline, PolicyKind::Managed] {
            let v = validate(&text, kind);
            prop_assert_eq!(v.policy.is_some(), !v.has_errors());
        }
    }

    /// Nor on text that looks like a policy with random bits changed.
    #[test]
    fn validate_never_panics_on_mangled_policies(
        spec in statement_spec(),
        cut in 0usize..400,
        insert in "[\\[\\]{}\":,\\\\a-z0-9*?$ é🦀]{0,4}",
    ) {
        let text = format!(r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#, render(&spec));
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mangled = format!("{}{}{}", &text[..at], insert, &text[at..]);
        let v = validate(&mangled, PolicyKind::Managed);
        prop_assert_eq!(v.policy.is_some(), !v.has_errors());
        if let Some(policy) = v.policy {
            let compiled = CompiledPolicy::compile(&policy, "mangled");
            let _ = evaluate(&[compiled], &request("iam:GetUser", "*"));
        }
        for d in &v.diagnostics {
            if let Some(span) = d.span {
                prop_assert!(span.start <= span.end && span.end as usize <= mangled.len());
                prop_assert!(span.slice(&mangled).is_some(), "span not on char boundaries: {:?}", d);
            }
        }
    }

    /// Evaluation never panics, whatever the request: odd actions, resources, and context values of every type.
    #[test]
    fn evaluation_never_panics_on_arbitrary_requests(
        specs in prop::collection::vec(statement_spec(), 1..4),
        action in any::<String>(),
        resource in any::<String>(),
        key_value in prop::collection::vec((prop_oneof![Just("aws:SourceIp"), Just("aws:TagKeys"), Just("aws:CurrentTime"), Just("aws:username"), Just("aws:MultiFactorAuthPresent")], any::<String>(), any::<f64>(), any::<i64>()), 0..4),
        now in any::<i64>(),
    ) {
        let policies = vec![compile(&specs, "p")];
        let mut context = Context::new();
        for (i, (key, text, number, date)) in key_value.into_iter().enumerate() {
            let value = match i % 4 {
                0 => ContextValue::String(text),
                1 => ContextValue::Number(number),
                2 => ContextValue::Date(date),
                _ => ContextValue::List(vec![ContextValue::String(text), ContextValue::Number(number), ContextValue::List(vec![])]),
            };
            context.insert(key, value);
        }
        let mut r = with_context(request("iam:GetUser", "*"), context);
        r.action = action;
        r.resource = resource;
        r.now_epoch_seconds = now;
        let _ = evaluate(&policies, &r);
    }
}

/// Every condition operator, with every qualifier and suffix, against values of every type: no panic.
#[test]
fn every_operator_against_every_value_type() {
    let names: Vec<String> = iam_policy::operator::BaseOperator::all()
        .flat_map(|b| {
            let base = b.name();
            let mut v = vec![
                base.to_owned(),
                format!("ForAllValues:{base}"),
                format!("ForAnyValue:{base}"),
            ];
            if base != "Null" {
                v.push(format!("{base}IfExists"));
            }
            v
        })
        .collect();
    let values = [
        ContextValue::from("10.0.0.1"),
        ContextValue::from("arn:aws:iam::123456789012:user/x"),
        ContextValue::Number(f64::NAN),
        ContextValue::Number(1e300),
        ContextValue::Bool(true),
        ContextValue::Date(i64::MIN),
        ContextValue::Date(i64::MAX),
        ContextValue::Ip("::1".parse().unwrap()),
        ContextValue::List(vec![ContextValue::from("a"), ContextValue::List(vec![])]),
    ];
    for name in &names {
        let policy_value = match name
            .trim_start_matches("ForAllValues:")
            .trim_start_matches("ForAnyValue:")
        {
            n if n.starts_with("Numeric") => "1",
            n if n.starts_with("Date") => "2020-01-01",
            n if n.starts_with("Bool") || n == "Null" => "true",
            n if n.starts_with("Binary") => "QUJD",
            n if n.contains("IpAddress") => "10.0.0.0/8",
            n if n.starts_with("Arn") => "arn:aws:iam::*:user/*",
            _ => "a*",
        };
        let p = statements(
            "p",
            &format!(
                r#"{{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {{"{name}": {{"aws:SourceArn": "{policy_value}"}}}}}}"#
            ),
        );
        for value in &values {
            let r = with_context(
                request("iam:GetUser", "*"),
                Context::new().with("aws:SourceArn", value.clone()),
            );
            let _ = evaluate(std::slice::from_ref(&p), &r);
        }
    }
}
