//! Compiling a policy for evaluation: done once when a policy is stored or loaded, reused for every decision.
//!
//! Action patterns are grouped by service and each policy indexes its statements by service, so a decision only
//! looks at statements that can concern the request's service. Other patterns become classified matchers (exact,
//! prefix, suffix, anything, general glob), condition values are parsed for their operator, and keys are
//! case-folded. A decision allocates nothing unless a statement applies, a missing key is reported, or a variable's
//! value must be converted to text.

use super::actions::{ActionMatcher, RequestAction, ServiceIndex};
use super::condition::CompiledCondition;
use super::missing::MissingKeys;
use super::request::Request;
use super::template::{Syntax, Template};
use crate::ast::{Effect, Element, Policy};
use crate::span::Span;

/// A policy ready for [`crate::evaluate`].
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    id: String,
    pub(super) statements: Vec<CompiledStatement>,
    pub(super) denies: ServiceIndex,
    pub(super) allows: ServiceIndex,
}

impl CompiledPolicy {
    /// Compiles `policy` (as returned by [`crate::validate`]). `id` names the policy in
    /// [`crate::MatchedStatement::policy_id`], for example `user/alice/inline/s3-access` or a managed policy's ARN.
    pub fn compile(policy: &Policy, id: impl Into<String>) -> CompiledPolicy {
        let variables = policy.version().has_variables();
        let statements: Vec<CompiledStatement> = policy
            .statements
            .iter()
            .map(|s| CompiledStatement {
                index: s.index,
                sid: s.sid.as_ref().map(|sid| sid.value.clone()),
                span: s.span,
                effect: s.effect.value,
                actions: ActionMatcher::compile(&s.action),
                resources: Resources::compile(&s.resource, variables),
                conditions: s
                    .conditions
                    .iter()
                    .map(|c| CompiledCondition::compile(c, variables))
                    .collect(),
            })
            .collect();
        let mut denies = ServiceIndex::default();
        let mut allows = ServiceIndex::default();
        for (position, statement) in statements.iter().enumerate() {
            match statement.effect {
                Effect::Deny => denies.add(position, &statement.actions),
                Effect::Allow => allows.add(position, &statement.actions),
            }
        }
        CompiledPolicy {
            id: id.into(),
            statements,
            denies,
            allows,
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Calls `visit` with each statement of `effect` that may apply to the request's action, in document order,
    /// and whether its actions are already known to match.
    #[inline]
    pub(super) fn for_each_candidate<'p>(
        &'p self,
        effect: Effect,
        action: &RequestAction,
        mut visit: impl FnMut(&'p CompiledStatement, bool),
    ) {
        let index = match effect {
            Effect::Deny => &self.denies,
            Effect::Allow => &self.allows,
        };
        index.for_each_candidate(action, |position, checked| {
            if let Some(statement) = self.statements.get(position) {
                visit(statement, checked);
            }
        });
    }
}

#[derive(Debug, Clone)]
pub(super) struct CompiledStatement {
    pub index: usize,
    pub sid: Option<String>,
    pub span: Span,
    pub effect: Effect,
    actions: ActionMatcher,
    resources: Resources,
    conditions: Vec<CompiledCondition>,
}

impl CompiledStatement {
    /// Whether this statement applies to the request: its action, resource and every condition match.
    /// `action_checked` says the service index has already matched the action.
    pub fn applies<'a>(
        &'a self,
        action: &RequestAction,
        action_checked: bool,
        request: &'a Request,
        missing: &mut MissingKeys<'a>,
    ) -> bool {
        if !action_checked && !self.actions.matches(action) {
            return false;
        }
        if !self.resources.matches(&request.resource, request, missing) {
            return false;
        }
        // No short-circuit: every condition runs so that every missing key gets reported.
        let mut all = true;
        for condition in &self.conditions {
            all &= condition.holds(request, missing);
        }
        all
    }
}

/// `Resource` / `NotResource`: the patterns OR; the `Not` form inverts the result. Case-sensitive.
#[derive(Debug, Clone)]
struct Resources {
    negated: bool,
    /// Some pattern is `*`.
    any: bool,
    patterns: Vec<Template>,
}

impl Resources {
    fn compile(element: &Element, variables: bool) -> Resources {
        let syntax = Syntax {
            wildcards: true,
            variables,
            ignore_case: false,
        };
        let patterns: Vec<Template> = element
            .values
            .iter()
            .map(|v| Template::compile(&v.value, syntax))
            .collect();
        Resources {
            negated: element.negated,
            any: patterns.iter().any(Template::is_match_all),
            patterns,
        }
    }

    #[inline]
    fn matches<'a>(
        &'a self,
        text: &str,
        request: &'a Request,
        missing: &mut MissingKeys<'a>,
    ) -> bool {
        let hit = self.any
            || self
                .patterns
                .iter()
                .any(|p| p.matches(text, request, missing));
        hit != self.negated
    }
}
