//! cedar-policy: the case's policies as Cedar text (see `model`), requests for `Action::"<action>"` on
//! `Resource::"<arn>"` with both also in the context, and no entities.

use std::str::FromStr;

use cedar_policy::{
    Authorizer, Context, Decision, Entities, EntityId, EntityUid, PolicySet, Request,
    RestrictedExpression,
};

use crate::cases::Case;
use crate::model::{cedar_text, Outcome, Val};

/// Pinned in Cargo.toml.
pub const VERSION: &str = "cedar-policy 4.14.1";

pub struct Engine {
    authorizer: Authorizer,
    policies: PolicySet,
    entities: Entities,
    requests: Vec<Request>,
}

impl Engine {
    pub fn new(case: &Case) -> Result<Self, String> {
        let text: String = case.policies.iter().map(cedar_text).collect();
        let policies = PolicySet::from_str(&text)
            .map_err(|e| format!("{}: cedar policies: {e}\n{text}", case.name))?;
        let uid = |s: &str| EntityUid::from_str(s).map_err(|e| format!("{s}: {e}"));
        let principal = uid(r#"User::"alice""#)?;
        let mut requests = Vec::new();
        for r in &case.requests {
            let action = EntityUid::from_type_name_and_id(
                "Action".parse().map_err(|e| format!("{e}"))?,
                EntityId::new(r.action.to_ascii_lowercase()),
            );
            let resource = EntityUid::from_type_name_and_id(
                "Resource".parse().map_err(|e| format!("{e}"))?,
                EntityId::new(&r.resource),
            );
            let mut pairs = vec![
                (
                    "action".to_string(),
                    RestrictedExpression::new_string(r.action.to_ascii_lowercase()),
                ),
                (
                    "resource".to_string(),
                    RestrictedExpression::new_string(r.resource.clone()),
                ),
            ];
            for (k, v) in &r.context {
                let value = match v {
                    Val::Str(s) => RestrictedExpression::new_string((*s).to_string()),
                    Val::Bool(b) => RestrictedExpression::new_bool(*b),
                    Val::Num(n) => RestrictedExpression::new_long(*n),
                    Val::Ip(s) => RestrictedExpression::new_ip(s),
                    Val::Set(items) => RestrictedExpression::new_set(
                        items
                            .iter()
                            .map(|s| RestrictedExpression::new_string((*s).to_string())),
                    ),
                };
                pairs.push(((*k).to_string(), value));
            }
            let context = Context::from_pairs(pairs).map_err(|e| format!("cedar context: {e}"))?;
            let request = Request::new(principal.clone(), action, resource, context, None)
                .map_err(|e| format!("cedar request: {e}"))?;
            requests.push(request);
        }
        Ok(Engine {
            authorizer: Authorizer::new(),
            policies,
            entities: Entities::empty(),
            requests,
        })
    }

    /// The decision for request `i`, checked: an evaluation error is a broken translation, not a deny.
    pub fn decide(&self, i: usize) -> Result<Outcome, String> {
        let request = self.requests.get(i).ok_or("no such request")?;
        let response = self
            .authorizer
            .is_authorized(request, &self.policies, &self.entities);
        let errors: Vec<String> = response
            .diagnostics()
            .errors()
            .map(|e| e.to_string())
            .collect();
        if !errors.is_empty() {
            return Err(format!("cedar evaluation errors: {errors:?}"));
        }
        Ok(match response.decision() {
            Decision::Allow => Outcome::Allow,
            // A deny with reasons was decided by `forbid` policies; one without, by no `permit` applying.
            Decision::Deny if response.diagnostics().reason().next().is_some() => {
                Outcome::ExplicitDeny
            }
            Decision::Deny => Outcome::ImplicitDeny,
        })
    }

    /// The decision for request `i`, as timed.
    pub fn decide_timed(&self, i: usize) -> bool {
        match self.requests.get(i) {
            Some(request) => {
                self.authorizer
                    .is_authorized(request, &self.policies, &self.entities)
                    .decision()
                    == Decision::Allow
            }
            None => false,
        }
    }
}
