//! One description of each benchmark policy, written out twice: as an IAM policy document (JSON) and as Cedar
//! policies, so the two engines are handed equivalent policy sets by construction.
//!
//! The Cedar encoding: a request's action is the entity `Action::"s3:getobject"` (lower-cased, since IAM matches
//! actions case-insensitively) and its resource `Resource::"<arn>"`; both also travel in the context as
//! `context.action` and `context.resource` for the wildcard tests; each IAM condition key is a context attribute
//! under its own name (`context["aws:SourceIp"]`). Each statement becomes one `permit` (Allow) or `forbid`
//! (Deny): exact actions and an exact resource go in the policy scope, wildcards become `like` tests (the bench
//! uses `*` only: Cedar has no `?`), and conditions join the `when` clause.
//! A missing key makes a test false (`context has k && …`), except the negated operators, `…IfExists` and
//! `ForAllValues`, which are true on a missing key, as in IAM.

use serde_json::{json, Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

#[derive(Clone, Debug)]
pub enum Cond {
    StringEquals(&'static str, Vec<String>),
    StringNotEquals(&'static str, Vec<String>),
    StringLike(&'static str, Vec<String>),
    StringEqualsIfExists(&'static str, Vec<String>),
    Bool(&'static str, bool),
    NumericLessThan(&'static str, i64),
    IpAddress(&'static str, Vec<String>),
    ForAllValuesStringEquals(&'static str, Vec<String>),
    ForAnyValueStringEquals(&'static str, Vec<String>),
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub effect: Effect,
    pub not_action: bool,
    pub actions: Vec<String>,
    pub not_resource: bool,
    pub resources: Vec<String>,
    pub conditions: Vec<Cond>,
}

/// A statement with `Action` and `Resource` (not their `Not…` forms) and no conditions.
pub fn stmt(effect: Effect, actions: &[&str], resources: &[&str]) -> Stmt {
    Stmt {
        effect,
        not_action: false,
        actions: actions.iter().map(|s| s.to_string()).collect(),
        not_resource: false,
        resources: resources.iter().map(|s| s.to_string()).collect(),
        conditions: Vec::new(),
    }
}

impl Stmt {
    pub fn when(mut self, c: Cond) -> Self {
        self.conditions.push(c);
        self
    }

    pub fn not_action(mut self) -> Self {
        self.not_action = true;
        self
    }
}

pub fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

/// A policy: a list of statements.
pub type Policy = Vec<Stmt>;

impl Cond {
    fn operator(&self) -> &'static str {
        match self {
            Cond::StringEquals(..) => "StringEquals",
            Cond::StringNotEquals(..) => "StringNotEquals",
            Cond::StringLike(..) => "StringLike",
            Cond::StringEqualsIfExists(..) => "StringEqualsIfExists",
            Cond::Bool(..) => "Bool",
            Cond::NumericLessThan(..) => "NumericLessThan",
            Cond::IpAddress(..) => "IpAddress",
            Cond::ForAllValuesStringEquals(..) => "ForAllValues:StringEquals",
            Cond::ForAnyValueStringEquals(..) => "ForAnyValue:StringEquals",
        }
    }

    fn key_and_values(&self) -> (&'static str, Value) {
        match self {
            Cond::StringEquals(k, v)
            | Cond::StringNotEquals(k, v)
            | Cond::StringLike(k, v)
            | Cond::StringEqualsIfExists(k, v)
            | Cond::IpAddress(k, v)
            | Cond::ForAllValuesStringEquals(k, v)
            | Cond::ForAnyValueStringEquals(k, v) => (k, json!(v)),
            Cond::Bool(k, b) => (k, json!(b.to_string())),
            Cond::NumericLessThan(k, n) => (k, json!(n.to_string())),
        }
    }

    /// The Cedar expression equivalent to this condition.
    fn cedar(&self) -> String {
        let has = |k: &str| format!("context has {}", lit(k));
        let get = |k: &str| format!("context[{}]", lit(k));
        let any = |k: &str, vs: &[String], f: &dyn Fn(&str, &str) -> String| {
            let parts: Vec<String> = vs.iter().map(|v| f(&get(k), v)).collect();
            format!("({})", parts.join(" || "))
        };
        match self {
            Cond::StringEquals(k, vs) => {
                format!(
                    "({} && {})",
                    has(k),
                    any(k, vs, &|x, v| format!("{x} == {}", lit(v)))
                )
            }
            Cond::StringNotEquals(k, vs) => {
                let parts: Vec<String> = vs
                    .iter()
                    .map(|v| format!("{} != {}", get(k), lit(v)))
                    .collect();
                format!("(!({}) || ({}))", has(k), parts.join(" && "))
            }
            Cond::StringLike(k, vs) => {
                format!(
                    "({} && {})",
                    has(k),
                    any(k, vs, &|x, v| format!("{x} like {}", lit(v)))
                )
            }
            Cond::StringEqualsIfExists(k, vs) => {
                format!(
                    "(!({}) || {})",
                    has(k),
                    any(k, vs, &|x, v| format!("{x} == {}", lit(v)))
                )
            }
            Cond::Bool(k, b) => format!("({} && {} == {b})", has(k), get(k)),
            Cond::NumericLessThan(k, n) => format!("({} && {} < {n})", has(k), get(k)),
            Cond::IpAddress(k, vs) => format!(
                "({} && {})",
                has(k),
                any(k, vs, &|x, v| format!("{x}.isInRange(ip({}))", lit(v)))
            ),
            Cond::ForAllValuesStringEquals(k, vs) => {
                format!("(!({}) || {}.containsAll({}))", has(k), set(vs), get(k))
            }
            Cond::ForAnyValueStringEquals(k, vs) => {
                format!("({} && {}.containsAny({}))", has(k), get(k), set(vs))
            }
        }
    }
}

/// A Cedar string literal (the bench's strings have no quotes or backslashes; escape them anyway).
fn lit(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn set(vs: &[String]) -> String {
    let parts: Vec<String> = vs.iter().map(|v| lit(v)).collect();
    format!("[{}]", parts.join(", "))
}

/// The IAM policy document.
pub fn iam_json(policy: &Policy) -> String {
    let statements: Vec<Value> = policy
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert(
                "Effect".into(),
                json!(if s.effect == Effect::Allow {
                    "Allow"
                } else {
                    "Deny"
                }),
            );
            m.insert(
                (if s.not_action { "NotAction" } else { "Action" }).into(),
                json!(s.actions),
            );
            m.insert(
                (if s.not_resource {
                    "NotResource"
                } else {
                    "Resource"
                })
                .into(),
                json!(s.resources),
            );
            if !s.conditions.is_empty() {
                let mut ops = Map::new();
                for c in &s.conditions {
                    let (k, v) = c.key_and_values();
                    let entry = ops
                        .entry(c.operator())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(keys) = entry {
                        keys.insert(k.to_string(), v);
                    }
                }
                m.insert("Condition".into(), Value::Object(ops));
            }
            Value::Object(m)
        })
        .collect();
    json!({ "Version": "2012-10-17", "Statement": statements }).to_string()
}

/// The Cedar policies (one per statement). Exact actions go in the policy scope (`action in [Action::"…"]`) and
/// an exact single resource in `resource == Resource::"…"`, where Cedar checks them before any `when` clause;
/// wildcards and `Not…` forms are `like` tests on `context.action` / `context.resource`.
pub fn cedar_text(policy: &Policy) -> String {
    let mut out = String::new();
    for s in policy {
        let mut tests = Vec::new();
        let exact_actions = !s.not_action && s.actions.iter().all(|a| !a.contains('*'));
        let action_scope = if exact_actions {
            let uids: Vec<String> = s
                .actions
                .iter()
                .map(|a| format!("Action::{}", lit(&a.to_ascii_lowercase())))
                .collect();
            format!("action in [{}]", uids.join(", "))
        } else if !s.not_action && s.actions.iter().any(|a| a == "*") {
            "action".to_string()
        } else {
            let actions: Vec<String> = s
                .actions
                .iter()
                .map(|a| format!("context.action like {}", lit(&a.to_ascii_lowercase())))
                .collect();
            let actions = format!("({})", actions.join(" || "));
            tests.push(if s.not_action {
                format!("!{actions}")
            } else {
                actions
            });
            "action".to_string()
        };
        let exact_resource =
            !s.not_resource && s.resources.len() == 1 && !s.resources[0].contains('*');
        let resource_scope = if exact_resource {
            format!("resource == Resource::{}", lit(&s.resources[0]))
        } else {
            if !s.resources.iter().any(|r| r == "*") || s.not_resource {
                let rs: Vec<String> = s
                    .resources
                    .iter()
                    .map(|r| format!("context.resource like {}", lit(r)))
                    .collect();
                let rs = format!("({})", rs.join(" || "));
                tests.push(if s.not_resource { format!("!{rs}") } else { rs });
            }
            "resource".to_string()
        };
        tests.extend(s.conditions.iter().map(Cond::cedar));
        let verb = if s.effect == Effect::Allow {
            "permit"
        } else {
            "forbid"
        };
        let when = if tests.is_empty() {
            String::new()
        } else {
            format!(" when {{ {} }}", tests.join(" && "))
        };
        out.push_str(&format!(
            "{verb}(principal, {action_scope}, {resource_scope}){when};\n"
        ));
    }
    out
}

/// A request-context value.
#[derive(Clone, Debug)]
pub enum Val {
    Str(&'static str),
    Bool(bool),
    Num(i64),
    Ip(&'static str),
    Set(Vec<&'static str>),
}

/// What a request is expected to get (checked for both engines before any timing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Allow,
    ExplicitDeny,
    ImplicitDeny,
}

#[derive(Clone, Debug)]
pub struct Req {
    pub action: String,
    pub resource: String,
    pub context: Vec<(&'static str, Val)>,
    pub expect: Outcome,
}

pub fn req(
    action: &str,
    resource: &str,
    context: Vec<(&'static str, Val)>,
    expect: Outcome,
) -> Req {
    Req {
        action: action.to_string(),
        resource: resource.to_string(),
        context,
        expect,
    }
}
