//! A user's effective permissions (beyond AWS): the statements of every policy that reaches the user, by service.
//! Read with `iam:SimulatePrincipalPolicy` on the user, like "who can do this?": both look into the user's policies.

use iam_policy::ast::Statement;
use iam_policy::LineIndex;

use super::caller::Call;
use super::effective::{self, EffectivePolicy, PolicySource};
use super::IamService;
use crate::api::policies::policy_url;
use crate::model::effective_permissions::{
    service_of, EffectivePermissions, ServicePermissions, StatementGrant, ALL_SERVICES,
};
use crate::model::policy_editing::InlineOwner;
use crate::model::{IamError, UserName};

impl IamService {
    pub async fn effective_permissions(&self, call: &Call, name: &UserName) -> Result<EffectivePermissions, IamError> {
        let path = self.user_path_or_root(call, name).await?;
        let user_arn = self.user_arn_for(call, &path, name.as_str());
        self.authorize(call, "iam:SimulatePrincipalPolicy", &user_arn).await?;
        let user = self.user(&self.db, call, name).await?;
        let policies =
            effective::load(&self.db, call.account_id(), &user.user_id).await.map_err(|e| call.internal(e))?;
        let mut services: Vec<ServicePermissions> = Vec::new();
        let mut ordered: Vec<&EffectivePolicy> = policies.policies.iter().collect();
        ordered.sort_by_key(|p| (source_rank(&p.source), p.id.as_str()));
        for policy in ordered {
            // Stored documents validated when written; one that no longer parses grants nothing (see `compile`).
            let Some(parsed) = iam_policy::validate(&policy.document, effective::kind_of(&policy.source)).policy else {
                continue;
            };
            let lines = LineIndex::new(&policy.document);
            for statement in &parsed.statements {
                for (service, grant) in by_service(statement, policy, &user.name, &lines) {
                    match services.iter_mut().find(|s| s.service == service) {
                        Some(bucket) => bucket.statements.push(grant),
                        None => services.push(ServicePermissions { service, statements: vec![grant] }),
                    }
                }
            }
        }
        services.sort_by(|a, b| (a.service != ALL_SERVICES, &a.service).cmp(&(b.service != ALL_SERVICES, &b.service)));
        for bucket in &mut services {
            // Stable: denies first, each kind in policy order (the user's own, then their groups').
            bucket.statements.sort_by_key(|grant| !grant.is_deny());
        }
        Ok(EffectivePermissions { user_arn, services })
    }
}

/// The statement once per service its actions name (a `NotAction` names every service), with that service's
/// actions only.
fn by_service(
    statement: &Statement,
    policy: &EffectivePolicy,
    user_name: &str,
    lines: &LineIndex,
) -> Vec<(String, StatementGrant)> {
    let actions: Vec<&str> = statement.action.values.iter().map(|a| a.value.as_str()).collect();
    let mut services: Vec<String> = if statement.action.negated {
        vec![ALL_SERVICES.to_owned()]
    } else {
        actions.iter().map(|a| service_of(a)).collect()
    };
    services.sort();
    services.dedup();
    let (source, policy_href) = describe(policy, user_name);
    services
        .into_iter()
        .map(|service| {
            let actions = actions
                .iter()
                .filter(|a| statement.action.negated || service_of(a) == service)
                .map(|a| (*a).to_owned())
                .collect();
            let grant = StatementGrant {
                effect: statement.effect.value.as_str().to_owned(),
                actions,
                not_action: statement.action.negated,
                resources: statement.resource.values.iter().map(|r| r.value.clone()).collect(),
                not_resource: statement.resource.negated,
                conditions: statement
                    .conditions
                    .iter()
                    .map(|c| {
                        let values: Vec<&str> = c.values.iter().map(|v| v.value.as_str()).collect();
                        format!("{} {}: {}", c.operator.value.name(), c.key.value, values.join(", "))
                    })
                    .collect(),
                sid: statement.sid.as_ref().map(|s| s.value.clone()),
                source: source.clone(),
                policy_href: policy_href.clone(),
                start_line: lines.line_col(statement.span.start).line,
                end_line: lines.line_col(statement.span.end).line,
            };
            (service, grant)
        })
        .collect()
}

/// The user's own policies first (inline, then attached), then their groups' (inline, then attached).
fn source_rank(source: &PolicySource) -> u8 {
    match source {
        PolicySource::UserInline => 0,
        PolicySource::AttachedToUser => 1,
        PolicySource::GroupInline { .. } => 2,
        PolicySource::AttachedToGroup { .. } => 3,
    }
}

/// The policy in words, and its page.
fn describe(policy: &EffectivePolicy, user_name: &str) -> (String, String) {
    let name = &policy.name;
    match &policy.source {
        PolicySource::UserInline => {
            (format!("inline policy {name}"), InlineOwner::User.editor_url(user_name, Some(name)))
        }
        PolicySource::GroupInline { group } => {
            (format!("inline policy {name} of group {group}"), InlineOwner::Group.editor_url(group, Some(name)))
        }
        PolicySource::AttachedToUser => (format!("managed policy {name}"), policy_url(name)),
        PolicySource::AttachedToGroup { group } => {
            (format!("managed policy {name} attached to group {group}"), policy_url(name))
        }
    }
}
