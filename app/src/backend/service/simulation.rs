//! The policy simulator: a user's effective policies (`SimulatePrincipalPolicy`) or bare documents
//! (`SimulateCustomPolicy`) evaluated over actions × resources with the caller's context entries, by the same
//! `iam-policy` code that authorizes real requests. Also the decision point for self-hosted services asking "may
//! this principal do that?" ([`IamService::authorize_request`]).
//!
//! The simulated request carries only the context entries supplied, never the simulating caller's own source IP,
//! transport or MFA: a simulation answers "what if", so a key nobody supplied is reported missing rather than
//! silently borrowed from whoever runs the simulator.

use std::collections::HashMap;
use std::net::IpAddr;

use iam_policy::values::date::parse_date;
use iam_policy::values::number::parse_number;
use iam_policy::{evaluate, CompiledPolicy, LineIndex, PolicyKind, Principal, Request};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::caller::Call;
use super::documents;
use super::effective::{self, PolicySource};
use super::ids;
use super::IamService;
use crate::backend::entities::{access_key, iam_group, iam_user};
use crate::model::reports::{
    ContextEntry, EvaluationResult, Position, SimulateCustom, SimulatePrincipal, StatementView,
};
use crate::model::{GroupName, IamError, UserName};

// Re-exported for the callers of `authorize_request` (the server crate does not depend on `iam-policy` itself).
pub use iam_policy::{Context, ContextValue, Decision, MatchedStatement};

/// AWS caps a simulation's work; we cap the number of evaluations, one per (action, resource) pair.
pub const MAX_SIMULATION_PAIRS: usize = 1000;

/// AWS's `PolicySourceType` values for where a matched statement came from.
const SOURCE_USER: &str = "user";
const SOURCE_GROUP: &str = "group";
const SOURCE_MANAGED: &str = "user-managed";
const SOURCE_INPUT: &str = "IAM Policy";

/// A policy's text and kind, to turn a matched statement's byte span into lines and columns (and for the console's
/// simulator, to show the statement in place).
struct Source {
    kind: &'static str,
    lines: LineIndex,
    document: String,
}

/// The policies of one simulation, compiled, with where each came from.
#[derive(Default)]
pub(super) struct Simulated {
    compiled: Vec<CompiledPolicy>,
    sources: HashMap<String, Source>,
}

impl Simulated {
    /// A user's (or a group's) stored policies, with where each came from.
    fn of(effective: effective::EffectivePolicies) -> Self {
        let mut simulated = Simulated {
            compiled: effective.compiled,
            sources: HashMap::new(),
        };
        for policy in &effective.policies {
            let kind = match policy.source {
                PolicySource::UserInline => SOURCE_USER,
                PolicySource::GroupInline { .. } => SOURCE_GROUP,
                PolicySource::AttachedToUser | PolicySource::AttachedToGroup { .. } => SOURCE_MANAGED,
            };
            simulated.add_source(&policy.id, kind, &policy.document);
        }
        simulated
    }

    /// The decision for `request`, each deciding statement located in its policy's text, and the missing keys.
    fn explain(&self, request: &Request) -> Authorization {
        let evaluation = evaluate(&self.compiled, request);
        let statements = evaluation
            .deciding
            .into_iter()
            .map(|statement| {
                let view = self.statement(&statement);
                LocatedStatement {
                    statement,
                    start: view.start,
                    end: view.end,
                }
            })
            .collect();
        Authorization {
            decision: evaluation.decision,
            statements,
            missing_context_values: evaluation.missing_context_keys,
        }
    }

    fn add_source(&mut self, id: &str, kind: &'static str, document: &str) {
        self.sources.entry(id.to_owned()).or_insert_with(|| Source {
            kind,
            lines: LineIndex::new(document),
            document: document.to_owned(),
        });
    }

    /// The `PolicySourceType` and text of the policy with this id, when it is one of this simulation's.
    pub(super) fn source(&self, id: &str) -> Option<(&'static str, &str)> {
        self.sources.get(id).map(|source| (source.kind, source.document.as_str()))
    }

    /// Documents from the input list, already checked: ids `PolicyInputList.1`, `.2`, … as AWS names them.
    fn add_inputs(&mut self, documents: &[String]) {
        for (n, document) in documents.iter().enumerate() {
            let id = format!("PolicyInputList.{}", n + 1);
            if let Some(policy) = effective::compile(&id, document, PolicyKind::Managed) {
                self.compiled.push(policy);
                self.add_source(&id, SOURCE_INPUT, document);
            }
        }
    }

    fn statement(&self, matched: &MatchedStatement) -> StatementView {
        let (kind, start, end) = match self.sources.get(&matched.policy_id) {
            Some(source) => {
                let start = source.lines.line_col(matched.span.start);
                let end = source.lines.line_col(matched.span.end);
                (
                    source.kind,
                    Position {
                        line: start.line,
                        column: start.column,
                    },
                    Position {
                        line: end.line,
                        column: end.column,
                    },
                )
            }
            None => ("none", Position { line: 0, column: 0 }, Position { line: 0, column: 0 }),
        };
        StatementView {
            source_policy_id: matched.policy_id.clone(),
            source_policy_type: kind.to_owned(),
            start,
            end,
        }
    }

    fn run(
        &self,
        principal: &Principal,
        actions: &[String],
        resources: &[String],
        context: &Context,
        now: i64,
    ) -> Vec<EvaluationResult> {
        let mut results = Vec::with_capacity(actions.len() * resources.len());
        for action in actions {
            for resource in resources {
                let request = Request {
                    principal: principal.clone(),
                    action: action.clone(),
                    resource: resource.clone(),
                    context: context.clone(),
                    now_epoch_seconds: now,
                };
                let evaluation = evaluate(&self.compiled, &request);
                results.push(EvaluationResult {
                    eval_action_name: action.clone(),
                    eval_resource_name: resource.clone(),
                    eval_decision: decision_name(evaluation.decision).to_owned(),
                    matched_statements: evaluation.deciding.iter().map(|m| self.statement(m)).collect(),
                    missing_context_values: evaluation.missing_context_keys,
                });
            }
        }
        results
    }
}

/// AWS's `EvalDecision` spelling.
pub fn decision_name(decision: Decision) -> &'static str {
    match decision {
        Decision::Allowed => "allowed",
        Decision::ExplicitDeny => "explicitDeny",
        Decision::ImplicitDeny => "implicitDeny",
    }
}

/// A user ARN of the caller's account, split into (path, name).
fn parse_user_arn(call: &Call, field: &str, arn: &str) -> Result<(String, UserName), IamError> {
    let prefix = format!("arn:aws:iam::{}:user/", call.account_id());
    let invalid = || {
        IamError::InvalidInput(format!(
            "{field} `{arn}` must be the ARN of a user of this account, like `{prefix}app/backup`"
        ))
    };
    let rest = arn.strip_prefix(&prefix).ok_or_else(invalid)?;
    let (path, name) = match rest.rfind('/') {
        Some(i) => (format!("/{}", &rest[..=i]), &rest[i + 1..]),
        None => ("/".to_owned(), rest),
    };
    let name = UserName::parse(name).map_err(|_| invalid())?;
    Ok((path, name))
}

/// Checks the action and resource lists and applies AWS's default resource `*`.
pub(super) fn pairs(actions: &[String], resources: &[String]) -> Result<(Vec<String>, Vec<String>), IamError> {
    if actions.is_empty() {
        return Err(IamError::ValidationError("at least one action name is required".into()));
    }
    for action in actions {
        let len = action.chars().count();
        let well_formed = action
            .split_once(':')
            .is_some_and(|(service, name)| !service.is_empty() && !name.is_empty());
        if !(3..=128).contains(&len) || !well_formed {
            return Err(IamError::InvalidInput(format!(
                "action name `{action}` must look like `service:Action`, e.g. `iam:CreateUser`"
            )));
        }
    }
    let resources = if resources.is_empty() {
        vec!["*".to_owned()]
    } else {
        resources.to_vec()
    };
    for resource in &resources {
        if resource.is_empty() || resource.chars().count() > 2048 {
            return Err(IamError::ValidationError(format!(
                "resource `{resource}` must be 1 to 2048 characters: an ARN or `*`"
            )));
        }
    }
    let count = actions.len().saturating_mul(resources.len());
    if count > MAX_SIMULATION_PAIRS {
        return Err(IamError::LimitExceeded(format!(
            "{} action(s) × {} resource(s) make {count} evaluations; at most {MAX_SIMULATION_PAIRS} are allowed",
            actions.len(),
            resources.len()
        )));
    }
    Ok((actions.to_vec(), resources))
}

/// One context value of AWS's `ContextKeyTypeEnum` (`string`, `numeric`, `boolean`, `ip`, `date`, `binary`).
fn context_value(key: &str, kind: &str, value: &str) -> Result<ContextValue, IamError> {
    let bad = |what: &str| IamError::InvalidInput(format!("context value `{value}` for `{key}` is not {what}"));
    Ok(match kind {
        "string" | "binary" => ContextValue::String(value.to_owned()),
        "numeric" => ContextValue::Number(parse_number(value).ok_or_else(|| bad("a number"))?),
        "boolean" => match value.trim().to_ascii_lowercase().as_str() {
            "true" => ContextValue::Bool(true),
            "false" => ContextValue::Bool(false),
            _ => return Err(bad("`true` or `false`")),
        },
        "ip" => ContextValue::Ip(value.trim().parse::<IpAddr>().map_err(|_| bad("an IP address"))?),
        "date" => ContextValue::Date(parse_date(value).ok_or_else(|| bad("an ISO 8601 date or epoch seconds"))? / 1000),
        _ => {
            return Err(IamError::InvalidInput(format!(
                "context key type `{kind}` is not a known type"
            )))
        }
    })
}

/// AWS's context entries as an `iam-policy` context: `…List` types become lists, the others take exactly one value.
pub fn context_from(entries: &[ContextEntry]) -> Result<Context, IamError> {
    let mut context = Context::new();
    for entry in entries {
        let key_len = entry.key.chars().count();
        if !(5..=256).contains(&key_len) || !entry.key.contains(':') {
            return Err(IamError::InvalidInput(format!(
                "context key `{}` must be 5 to 256 characters like `aws:SourceIp`",
                entry.key
            )));
        }
        if context.get(&entry.key).is_some() {
            return Err(IamError::InvalidInput(format!(
                "context key `{}` appears twice",
                entry.key
            )));
        }
        let value = match entry.type_.strip_suffix("List") {
            Some(single) => ContextValue::List(
                entry
                    .values
                    .iter()
                    .map(|v| context_value(&entry.key, single, v))
                    .collect::<Result<_, _>>()?,
            ),
            None => match entry.values.as_slice() {
                [one] => context_value(&entry.key, &entry.type_, one)?,
                _ => {
                    return Err(IamError::InvalidInput(format!(
                        "context key `{}` of type `{}` takes exactly one value; use `{}List` for several",
                        entry.key, entry.type_, entry.type_
                    )))
                }
            },
        };
        context.insert(entry.key.clone(), value);
    }
    Ok(context)
}

fn check_inputs(documents: &[String]) -> Result<(), IamError> {
    documents
        .iter()
        .try_for_each(|d| documents::check(d, PolicyKind::Managed))
}

fn principal_of(account_id: &str, user: &iam_user::Model) -> Principal {
    Principal {
        account_id: account_id.to_owned(),
        user_name: user.name.clone(),
        user_id: user.user_id.clone(),
        path: user.path.clone(),
        arn: ids::user_arn(account_id, &user.path, &user.name),
    }
}

/// The answer to an authorization question ([`IamService::explain_authorization`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Authorization {
    pub decision: Decision,
    /// Every applicable `Deny` for an explicit deny, every applicable `Allow` when allowed, none otherwise.
    pub statements: Vec<LocatedStatement>,
    /// Context keys that applicable statements refer to but the request did not carry, as the policies spell them.
    pub missing_context_values: Vec<String>,
}

impl Authorization {
    fn without_statements(decision: Decision) -> Self {
        Self {
            decision,
            statements: Vec::new(),
            missing_context_values: Vec::new(),
        }
    }
}

/// A deciding statement with its 1-based start and end in its policy's text.
#[derive(Clone, Debug, PartialEq)]
pub struct LocatedStatement {
    pub statement: MatchedStatement,
    pub start: Position,
    pub end: Position,
}

/// Whom an authorization question is about.
enum Subject {
    Root,
    User(iam_user::Model),
    /// A known but deactivated access key: it may do nothing.
    InactiveKey,
}

impl IamService {
    /// `SimulatePrincipalPolicy` for an IAM user: its inline, group and attached policies, plus any extra documents,
    /// over every (action, resource) pair. Authorized by `iam:SimulatePrincipalPolicy` on the user's ARN.
    pub async fn simulate_principal_policy(
        &self,
        call: &Call,
        input: SimulatePrincipal,
    ) -> Result<Vec<EvaluationResult>, IamError> {
        Ok(self.simulate_principal(call, input).await?.1)
    }

    /// [`Self::simulate_principal_policy`], with the simulated policies (their texts, for the console).
    pub(super) async fn simulate_principal(
        &self,
        call: &Call,
        input: SimulatePrincipal,
    ) -> Result<(Simulated, Vec<EvaluationResult>), IamError> {
        let (path, name) = parse_user_arn(call, "policy source", &input.policy_source_arn)?;
        self.authorize(call, "iam:SimulatePrincipalPolicy", &input.policy_source_arn)
            .await?;
        let (actions, resources) = pairs(&input.action_names, &input.resource_arns)?;
        let context = context_from(&input.context_entries)?;
        check_inputs(&input.policy_input_list)?;

        let user = self.simulation_user(call, &path, &name).await?;
        let mut simulated = self.simulation_policies(call, &user).await?;
        simulated.add_inputs(&input.policy_input_list);
        let principal = principal_of(call.account_id(), &user);
        let results = simulated.run(&principal, &actions, &resources, &context, self.clock.now().timestamp());
        Ok((simulated, results))
    }

    /// `SimulateCustomPolicy`: only the given documents (each validated as a managed policy would be). Authorized by
    /// `iam:SimulateCustomPolicy` on `*` (the action has no resource type).
    pub async fn simulate_custom_policy(
        &self,
        call: &Call,
        input: SimulateCustom,
    ) -> Result<Vec<EvaluationResult>, IamError> {
        Ok(self.simulate_custom(call, input).await?.1)
    }

    /// [`Self::simulate_custom_policy`], with the simulated policies (their texts, for the console).
    pub(super) async fn simulate_custom(
        &self,
        call: &Call,
        input: SimulateCustom,
    ) -> Result<(Simulated, Vec<EvaluationResult>), IamError> {
        self.authorize(call, "iam:SimulateCustomPolicy", "*").await?;
        if input.policy_input_list.is_empty() {
            return Err(IamError::ValidationError(
                "at least one policy document is required".into(),
            ));
        }
        let (actions, resources) = pairs(&input.action_names, &input.resource_arns)?;
        let context = context_from(&input.context_entries)?;
        check_inputs(&input.policy_input_list)?;
        let principal = match input.caller_arn.as_deref().filter(|a| !a.is_empty()) {
            None => Principal {
                account_id: call.account_id().to_owned(),
                ..Principal::default()
            },
            Some(arn) => {
                let (path, name) = parse_user_arn(call, "caller", arn)?;
                // The caller only lends its name to policy variables; it need not exist, but when it does its id
                // (`aws:userid`) is filled in too.
                match self.find_user(&self.db, call, &name).await?.filter(|u| u.path == path) {
                    Some(user) => principal_of(call.account_id(), &user),
                    None => Principal {
                        account_id: call.account_id().to_owned(),
                        user_name: name.as_str().to_owned(),
                        user_id: String::new(),
                        path,
                        arn: arn.to_owned(),
                    },
                }
            }
        };
        let mut simulated = Simulated::default();
        simulated.add_inputs(&input.policy_input_list);
        let results = simulated.run(&principal, &actions, &resources, &context, self.clock.now().timestamp());
        Ok((simulated, results))
    }

    /// A group's own policies (inline and attached, as every member gets them), plus any extra documents, over every
    /// (action, resource) pair: the console simulator's group mode (AWS simulates only users). A group is no
    /// principal: policy variables naming the user match nothing. Authorized, like "who can do this?", by
    /// `iam:GetGroupPolicy` on the group's ARN (reading its policies).
    pub(super) async fn simulate_group(
        &self,
        call: &Call,
        name: &GroupName,
        input: SimulateCustom,
    ) -> Result<(Simulated, Vec<EvaluationResult>), IamError> {
        let path = self.group_path_or_root(call, name).await?;
        self.authorize(call, "iam:GetGroupPolicy", &ids::group_arn(call.account_id(), &path, name.as_str()))
            .await?;
        let (actions, resources) = pairs(&input.action_names, &input.resource_arns)?;
        let context = context_from(&input.context_entries)?;
        check_inputs(&input.policy_input_list)?;
        let group = self.group(&self.db, call, name).await?;
        let effective = effective::load_group(&self.db, call.account_id(), &group)
            .await
            .map_err(|e| call.internal(e))?;
        let mut simulated = Simulated::of(effective);
        simulated.add_inputs(&input.policy_input_list);
        let principal = Principal {
            account_id: call.account_id().to_owned(),
            ..Principal::default()
        };
        let results = simulated.run(&principal, &actions, &resources, &context, self.clock.now().timestamp());
        Ok((simulated, results))
    }

    /// The decision point for self-hosted services (`POST /authorize`): may `principal` — a user ARN, the root ARN
    /// or an access key id — perform `action` on `resource`, in `context`? The asker supplies the whole context (it
    /// saw the original request). Root is always allowed; a deactivated key is implicitly denied. Authorized, as a
    /// simulation of that principal is, by `iam:SimulatePrincipalPolicy` on the principal's ARN.
    pub async fn authorize_request(
        &self,
        call: &Call,
        principal_arn_or_key: &str,
        action: &str,
        resource: &str,
        context: Context,
    ) -> Result<(Decision, Vec<MatchedStatement>), IamError> {
        let answer = self
            .explain_authorization(call, principal_arn_or_key, action, resource, context)
            .await?;
        Ok((
            answer.decision,
            answer.statements.into_iter().map(|s| s.statement).collect(),
        ))
    }

    /// [`Self::authorize_request`] with everything an asker may show: each deciding statement located in its
    /// policy's text, and the context keys the policies looked for but the request did not carry.
    pub async fn explain_authorization(
        &self,
        call: &Call,
        principal_arn_or_key: &str,
        action: &str,
        resource: &str,
        context: Context,
    ) -> Result<Authorization, IamError> {
        let subject = self.authorization_subject(call, principal_arn_or_key).await?;
        let resource = if resource.is_empty() { "*" } else { resource };
        pairs(&[action.to_owned()], &[resource.to_owned()])?;
        let user = match subject {
            Subject::Root => return Ok(Authorization::without_statements(Decision::Allowed)),
            Subject::InactiveKey => return Ok(Authorization::without_statements(Decision::ImplicitDeny)),
            Subject::User(user) => user,
        };
        let simulated = self.simulation_policies(call, &user).await?;
        let request = Request {
            principal: principal_of(call.account_id(), &user),
            action: action.to_owned(),
            resource: resource.to_owned(),
            context,
            now_epoch_seconds: self.clock.now().timestamp(),
        };
        Ok(simulated.explain(&request))
    }

    /// Resolves and authorizes the principal of [`Self::authorize_request`]. An ARN is authorized before its user is
    /// looked up (a refused caller learns nothing about which users exist); an access key id must be looked up first
    /// to learn whose it is.
    async fn authorization_subject(&self, call: &Call, principal: &str) -> Result<Subject, IamError> {
        const ACTION: &str = "iam:SimulatePrincipalPolicy";
        let root_arn = ids::root_arn(call.account_id());
        if principal == root_arn {
            self.authorize(call, ACTION, &root_arn).await?;
            return Ok(Subject::Root);
        }
        if principal.starts_with("arn:") {
            let (path, name) = parse_user_arn(call, "principal", principal)?;
            self.authorize(call, ACTION, principal).await?;
            let user = self.simulation_user(call, &path, &name).await?;
            return Ok(Subject::User(user));
        }
        let no_key = || IamError::NoSuchEntity(format!("the access key with id `{principal}` cannot be found"));
        if !(16..=128).contains(&principal.len()) || !principal.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(IamError::InvalidInput(format!(
                "principal `{principal}` must be a user ARN, the root ARN or an access key id"
            )));
        }
        let key = access_key::Entity::find_by_id(principal.to_owned())
            .filter(access_key::Column::AccountId.eq(call.account_id()))
            .one(&self.db)
            .await
            .map_err(|e| call.internal(e))?
            .ok_or_else(no_key)?;
        let active = key.status == "Active";
        let (arn, subject) = match &key.user_id {
            None => (root_arn, Subject::Root),
            Some(user_id) => {
                let user = iam_user::Entity::find_by_id(user_id.clone())
                    .one(&self.db)
                    .await
                    .map_err(|e| call.internal(e))?
                    .ok_or_else(no_key)?;
                (
                    ids::user_arn(call.account_id(), &user.path, &user.name),
                    Subject::User(user),
                )
            }
        };
        self.authorize(call, ACTION, &arn).await?;
        Ok(if active { subject } else { Subject::InactiveKey })
    }

    /// The user an ARN names: same name (case-insensitively) and same path, or `NoSuchEntity`.
    async fn simulation_user(&self, call: &Call, path: &str, name: &UserName) -> Result<iam_user::Model, IamError> {
        self.find_user(&self.db, call, name)
            .await?
            .filter(|u| u.path == path)
            .ok_or_else(|| super::lookup::no_such_user(name.as_str()))
    }

    async fn simulation_policies(&self, call: &Call, user: &iam_user::Model) -> Result<Simulated, IamError> {
        let effective = effective::load(&self.db, call.account_id(), &user.user_id)
            .await
            .map_err(|e| call.internal(e))?;
        Ok(Simulated::of(effective))
    }

    /// A group's own policies asked the question of [`Self::explain_authorization`], for "who can do this?". A group
    /// is no principal: policy variables naming the user (`${aws:username}`) match nothing, and no context is given.
    /// The caller must be allowed to read the group's policies (`iam:GetGroupPolicy` on its ARN).
    pub(super) async fn explain_group(
        &self,
        call: &Call,
        group: &iam_group::Model,
        action: &str,
        resource: &str,
    ) -> Result<Authorization, IamError> {
        let arn = ids::group_arn(call.account_id(), &group.path, &group.name);
        self.authorize(call, "iam:GetGroupPolicy", &arn).await?;
        let effective = effective::load_group(&self.db, call.account_id(), group)
            .await
            .map_err(|e| call.internal(e))?;
        let request = Request {
            principal: Principal {
                account_id: call.account_id().to_owned(),
                ..Principal::default()
            },
            action: action.to_owned(),
            resource: resource.to_owned(),
            context: Context::new(),
            now_epoch_seconds: self.clock.now().timestamp(),
        };
        Ok(Simulated::of(effective).explain(&request))
    }
}
