//! Helpers shared by the evaluation tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use iam_policy::{
    evaluate, validate, CompiledPolicy, Context, Decision, Evaluation, PolicyKind, Principal,
    Request,
};

pub const ACCOUNT: &str = "123456789012";

/// Validates (it must have no error) and compiles a policy.
pub fn policy(id: &str, text: &str) -> CompiledPolicy {
    let validation = validate(text, PolicyKind::Managed);
    assert!(
        !validation.has_errors(),
        "{id}: {:#?}",
        validation.diagnostics
    );
    CompiledPolicy::compile(validation.policy.as_ref().unwrap(), id)
}

/// A 2012-10-17 policy with the given statements (JSON objects, comma-separated).
pub fn statements(id: &str, statements: &str) -> CompiledPolicy {
    policy(
        id,
        &format!(r#"{{"Version": "2012-10-17", "Statement": [{statements}]}}"#),
    )
}

pub fn alice() -> Principal {
    Principal {
        account_id: ACCOUNT.into(),
        user_name: "alice".into(),
        user_id: "AIDAALICEEXAMPLE0001".into(),
        path: "/app/".into(),
        arn: format!("arn:aws:iam::{ACCOUNT}:user/app/alice"),
    }
}

pub fn request(action: &str, resource: &str) -> Request {
    Request {
        principal: alice(),
        action: action.into(),
        resource: resource.into(),
        context: Context::new(),
        // 2024-06-01T12:00:00Z
        now_epoch_seconds: 1_717_243_200,
    }
}

pub fn with_context(mut request: Request, context: Context) -> Request {
    request.context = context;
    request
}

pub fn decide(policies: &[CompiledPolicy], request: &Request) -> Decision {
    evaluate(policies, request).decision
}

pub fn eval(policies: &[CompiledPolicy], request: &Request) -> Evaluation {
    evaluate(policies, request)
}

#[allow(unused_imports)]
pub use Decision::{Allowed as ALLOW, ExplicitDeny as DENY, ImplicitDeny as IMPLICIT};
