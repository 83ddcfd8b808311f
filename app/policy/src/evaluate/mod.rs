//! Evaluation: does this set of identity policies allow this request?
//!
//! The AWS rule, for the policies of one principal: any applicable `Deny` statement → explicit deny; otherwise any
//! applicable `Allow` → allowed; otherwise implicit deny (nothing is allowed by default). A statement applies when
//! its action, its resource and all its conditions match. The account root is always allowed; that is the caller's
//! business (it never reaches this function).
//!
//! Compile each policy once ([`CompiledPolicy::compile`]) and reuse it; evaluation reads the compiled form only.

mod actions;
mod compile;
mod condition;
mod context;
mod missing;
mod request;
mod template;

use serde::{Deserialize, Serialize};

pub use compile::CompiledPolicy;
pub use context::{Context, ContextValue};
pub use request::{Principal, Request};

use crate::ast::Effect;
use crate::span::Span;
use actions::RequestAction;
use compile::CompiledStatement;
use missing::MissingKeys;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    Allowed,
    /// A `Deny` statement applies; nothing can override it.
    ExplicitDeny,
    /// No statement allows the request.
    ImplicitDeny,
}

/// A statement that decided the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchedStatement {
    pub policy_id: String,
    /// Position in the policy's `Statement` list, from 0.
    pub statement_index: usize,
    pub sid: Option<String>,
    /// The statement in its policy's text, for highlighting in the simulator.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub decision: Decision,
    /// For an explicit deny, every applicable `Deny` statement; when allowed, every applicable `Allow` statement;
    /// for an implicit deny, none.
    pub deciding: Vec<MatchedStatement>,
    /// Context keys that statements matching the action and resource refer to but the request did not carry, as the
    /// policy spells them. Supplying them may change the decision.
    pub missing_context_keys: Vec<String>,
}

impl Evaluation {
    pub fn is_allowed(&self) -> bool {
        self.decision == Decision::Allowed
    }
}

/// Decides `request` against `policies` (all the principal's policies: inline and attached, its own and its groups').
pub fn evaluate(policies: &[CompiledPolicy], request: &Request) -> Evaluation {
    let mut missing = MissingKeys::default();
    let action = RequestAction::new(&request.action);
    // Deny statements first: once one applies, Allow statements cannot change the outcome and are not evaluated.
    let denies = applicable(policies, Effect::Deny, &action, request, &mut missing);
    let allows = if denies.is_empty() {
        applicable(policies, Effect::Allow, &action, request, &mut missing)
    } else {
        Vec::new()
    };
    let (decision, deciding) = if !denies.is_empty() {
        (Decision::ExplicitDeny, denies)
    } else if !allows.is_empty() {
        (Decision::Allowed, allows)
    } else {
        (Decision::ImplicitDeny, Vec::new())
    };
    Evaluation {
        decision,
        deciding: deciding
            .into_iter()
            .map(|(p, s)| MatchedStatement {
                policy_id: p.id().to_owned(),
                statement_index: s.index,
                sid: s.sid.clone(),
                span: s.span,
            })
            .collect(),
        missing_context_keys: missing.into_strings(),
    }
}

/// The statements of `effect` that apply to the request, in policy then document order.
fn applicable<'a>(
    policies: &'a [CompiledPolicy],
    effect: Effect,
    action: &RequestAction,
    request: &'a Request,
    missing: &mut MissingKeys<'a>,
) -> Vec<(&'a CompiledPolicy, &'a CompiledStatement)> {
    let mut found = Vec::new();
    for policy in policies {
        policy.for_each_candidate(effect, action, |statement, action_checked| {
            if statement.applies(action, action_checked, request, missing) {
                found.push((policy, statement));
            }
        });
    }
    found
}
