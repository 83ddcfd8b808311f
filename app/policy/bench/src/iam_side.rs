//! iam-policy: the case's policies as IAM JSON documents, validated and compiled once; requests built once.

use std::net::IpAddr;

use iam_policy::{
    evaluate, validate, CompiledPolicy, Context, ContextValue, Decision, PolicyKind, Principal,
    Request,
};

use crate::cases::Case;
use crate::model::{iam_json, Outcome, Val};

pub struct Engine {
    policies: Vec<CompiledPolicy>,
    requests: Vec<Request>,
}

impl Engine {
    pub fn new(case: &Case) -> Result<Self, String> {
        let mut policies = Vec::new();
        for (i, p) in case.policies.iter().enumerate() {
            let text = iam_json(p);
            let validation = validate(&text, PolicyKind::Managed);
            let policy = validation.policy.as_ref().ok_or_else(|| {
                format!(
                    "{}: policy {i} does not validate: {:?}\n{text}",
                    case.name, validation.diagnostics
                )
            })?;
            policies.push(CompiledPolicy::compile(policy, format!("policy-{i}")));
        }
        let principal = Principal {
            account_id: "123456789012".into(),
            user_name: "alice".into(),
            user_id: "AIDAEXAMPLEALICE00001".into(),
            path: "/dev/".into(),
            arn: "arn:aws:iam::123456789012:user/dev/alice".into(),
        };
        let mut requests = Vec::new();
        for r in &case.requests {
            let mut context = Context::new();
            for (k, v) in &r.context {
                let value = match v {
                    Val::Str(s) => ContextValue::String((*s).to_string()),
                    Val::Bool(b) => ContextValue::Bool(*b),
                    Val::Num(n) => ContextValue::Number(*n as f64),
                    Val::Ip(s) => {
                        ContextValue::Ip(s.parse::<IpAddr>().map_err(|e| format!("{s}: {e}"))?)
                    }
                    Val::Set(items) => ContextValue::List(
                        items
                            .iter()
                            .map(|s| ContextValue::String((*s).to_string()))
                            .collect(),
                    ),
                };
                context.insert(*k, value);
            }
            requests.push(Request {
                principal: principal.clone(),
                action: r.action.clone(),
                resource: r.resource.clone(),
                context,
                now_epoch_seconds: 1_780_000_000,
            });
        }
        Ok(Engine { policies, requests })
    }

    /// The decision for request `i`.
    pub fn decide(&self, i: usize) -> Outcome {
        match self
            .requests
            .get(i)
            .map(|r| evaluate(&self.policies, r).decision)
        {
            Some(Decision::Allowed) => Outcome::Allow,
            Some(Decision::ExplicitDeny) => Outcome::ExplicitDeny,
            Some(Decision::ImplicitDeny) | None => Outcome::ImplicitDeny,
        }
    }

    /// The decision for request `i`, as timed: the full `evaluate` (deciding statements and missing keys included).
    pub fn decide_timed(&self, i: usize) -> bool {
        match self.requests.get(i) {
            Some(request) => evaluate(&self.policies, request).decision == Decision::Allowed,
            None => false,
        }
    }
}
