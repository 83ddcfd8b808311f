//! The visual editor's model of a policy, and the two directions between it and JSON.
//!
//! Not every policy fits a form: `NotAction`, `Principal`, an `Id`, nested values… Reading JSON into the model says
//! which parts do not fit instead of dropping them, so the visual editor is offered only when nothing would be lost.
//! Writing always produces the same shape (key order Sid, Effect, Action, Resource, Condition; one value as a string,
//! several as an array), pretty-printed by `iam_policy::json::pretty`.

use iam_policy::json::{self, JsonKind, JsonValue};

pub const VERSION: &str = "2012-10-17";

#[derive(Clone, Debug, PartialEq)]
pub struct VisualPolicy {
    pub version: String,
    pub statements: Vec<VisualStatement>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VisualStatement {
    /// Stable while the page lives, so a statement's card keeps its own inputs as others change.
    pub key: u32,
    pub sid: String,
    pub allow: bool,
    /// Full names (`iam:CreateUser`, `s3:*`), as written.
    pub actions: Vec<String>,
    /// ARNs or `*`.
    pub resources: Vec<String>,
    pub conditions: Vec<VisualCondition>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VisualCondition {
    pub operator: String,
    pub key: String,
    pub values: Vec<String>,
}

impl VisualStatement {
    pub fn new(key: u32) -> Self {
        Self {
            key,
            sid: String::new(),
            allow: true,
            actions: Vec::new(),
            resources: Vec::new(),
            conditions: Vec::new(),
        }
    }
}

impl VisualPolicy {
    pub fn new() -> Self {
        Self { version: VERSION.to_owned(), statements: vec![VisualStatement::new(0)] }
    }

    pub fn next_key(&self) -> u32 {
        self.statements.iter().map(|s| s.key + 1).max().unwrap_or(0)
    }

    pub fn statement_mut(&mut self, key: u32) -> Option<&mut VisualStatement> {
        self.statements.iter_mut().find(|s| s.key == key)
    }

    pub fn statement(&self, key: u32) -> Option<&VisualStatement> {
        self.statements.iter().find(|s| s.key == key)
    }
}

impl Default for VisualPolicy {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads a document into the model, or says (in a sentence per part) what the visual editor cannot show.
pub fn from_json(text: &str) -> Result<VisualPolicy, Vec<String>> {
    let root = json::parse(text).map_err(|e| vec![format!("the JSON is not valid yet: {}", e.message)])?;
    let mut reasons = Vec::new();
    let Some(members) = root.as_object() else { return Err(vec!["the document is not a JSON object".into()]) };
    let mut policy = VisualPolicy { version: VERSION.to_owned(), statements: Vec::new() };
    for member in members {
        match member.key.as_str() {
            "Version" => match member.value.as_str() {
                Some(version) => policy.version = version.to_owned(),
                None => reasons.push("`Version` is not a string".into()),
            },
            "Statement" => {
                let list = match &member.value.kind {
                    JsonKind::Array(items) => items.iter().collect(),
                    JsonKind::Object(_) => vec![&member.value],
                    _ => {
                        reasons.push("`Statement` is neither a list nor an object".into());
                        Vec::new()
                    }
                };
                for (n, value) in list.into_iter().enumerate() {
                    let key = u32::try_from(n).unwrap_or(u32::MAX);
                    if let Some(statement) = read_statement(value, key, &mut reasons) {
                        policy.statements.push(statement);
                    }
                }
            }
            other => reasons.push(format!("the top-level `{other}` has no place in the visual editor")),
        }
    }
    if reasons.is_empty() {
        Ok(policy)
    } else {
        Err(reasons)
    }
}

fn read_statement(value: &JsonValue, key: u32, reasons: &mut Vec<String>) -> Option<VisualStatement> {
    let n = key + 1;
    let Some(members) = value.as_object() else {
        reasons.push(format!("statement {n} is not an object"));
        return None;
    };
    let mut statement = VisualStatement::new(key);
    let mut effect = None;
    for member in members {
        match member.key.as_str() {
            "Sid" => match member.value.as_str() {
                Some(sid) => statement.sid = sid.to_owned(),
                None => reasons.push(format!("statement {n}: `Sid` is not a string")),
            },
            "Effect" => effect = member.value.as_str().map(str::to_owned),
            "Action" => statement.actions = strings(&member.value, n, "Action", reasons),
            "Resource" => statement.resources = strings(&member.value, n, "Resource", reasons),
            "Condition" => statement.conditions = conditions(&member.value, n, reasons),
            other => reasons.push(format!("statement {n} uses `{other}`, which the visual editor does not show")),
        }
    }
    match effect.as_deref() {
        Some("Allow") => statement.allow = true,
        Some("Deny") => statement.allow = false,
        _ => reasons.push(format!("statement {n} has no `Allow` or `Deny` effect")),
    }
    Some(statement)
}

/// A string or a list of strings; numbers and booleans (allowed in condition values) are kept as their text.
fn strings(value: &JsonValue, n: u32, field: &str, reasons: &mut Vec<String>) -> Vec<String> {
    let scalar = |v: &JsonValue| match &v.kind {
        JsonKind::String(s) => Some(s.clone()),
        JsonKind::Number(text) => Some(text.clone()),
        JsonKind::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let found = match &value.kind {
        JsonKind::Array(items) => items.iter().map(scalar).collect::<Option<Vec<_>>>(),
        _ => scalar(value).map(|s| vec![s]),
    };
    found.unwrap_or_else(|| {
        reasons.push(format!("statement {n}: `{field}` holds something other than text"));
        Vec::new()
    })
}

fn conditions(value: &JsonValue, n: u32, reasons: &mut Vec<String>) -> Vec<VisualCondition> {
    let Some(operators) = value.as_object() else {
        reasons.push(format!("statement {n}: `Condition` is not an object"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for operator in operators {
        let Some(keys) = operator.value.as_object() else {
            reasons.push(format!("statement {n}: condition `{}` is not an object of keys", operator.key));
            continue;
        };
        for key in keys {
            out.push(VisualCondition {
                operator: operator.key.clone(),
                key: key.key.clone(),
                values: strings(&key.value, n, "Condition", reasons),
            });
        }
    }
    out
}

/// The model as a pretty-printed document.
pub fn to_json(policy: &VisualPolicy) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let one_or_list = |items: &[String]| match items {
        [one] => quote(one),
        _ => format!("[{}]", items.iter().map(|s| quote(s)).collect::<Vec<_>>().join(",")),
    };
    let statements: Vec<String> = policy
        .statements
        .iter()
        .map(|s| {
            let mut fields = Vec::new();
            if !s.sid.is_empty() {
                fields.push(format!("\"Sid\":{}", quote(&s.sid)));
            }
            fields.push(format!("\"Effect\":{}", quote(if s.allow { "Allow" } else { "Deny" })));
            fields.push(format!("\"Action\":{}", one_or_list(&s.actions)));
            fields.push(format!("\"Resource\":{}", one_or_list(&s.resources)));
            if !s.conditions.is_empty() {
                fields.push(format!("\"Condition\":{}", condition_json(&s.conditions, &quote, &one_or_list)));
            }
            format!("{{{}}}", fields.join(","))
        })
        .collect();
    let compact = format!("{{\"Version\":{},\"Statement\":[{}]}}", quote(&policy.version), statements.join(","));
    json::pretty(&compact).unwrap_or(compact)
}

/// Conditions grouped by operator, operators and keys in the order first written.
fn condition_json(
    conditions: &[VisualCondition],
    quote: &dyn Fn(&str) -> String,
    one_or_list: &dyn Fn(&[String]) -> String,
) -> String {
    let mut operators: Vec<(&str, Vec<&VisualCondition>)> = Vec::new();
    for condition in conditions {
        match operators.iter_mut().find(|(op, _)| *op == condition.operator) {
            Some((_, list)) => list.push(condition),
            None => operators.push((&condition.operator, vec![condition])),
        }
    }
    let body: Vec<String> = operators
        .iter()
        .map(|(op, list)| {
            let keys: Vec<String> =
                list.iter().map(|c| format!("{}:{}", quote(&c.key), one_or_list(&c.values))).collect();
            format!("{}:{{{}}}", quote(op), keys.join(","))
        })
        .collect();
    format!("{{{}}}", body.join(","))
}

/// The `${Placeholder}` names of an ARN format, in order (`Partition`, `Account`, `UserNameWithPath`).
pub fn placeholders(format: &str) -> Vec<&str> {
    format.split("${").skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

/// The format with each placeholder replaced by its value; an empty value becomes `*` (any), the partition `aws`.
pub fn build_arn(format: &str, values: &[(String, String)]) -> String {
    let mut out = format.to_owned();
    for name in placeholders(format) {
        let given = values.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
        let value = given.unwrap_or(if name == "Partition" { "aws" } else { "*" });
        out = out.replacen(&format!("${{{name}}}"), value, 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_policy_round_trips() {
        let mut policy = VisualPolicy::new();
        let statement = policy.statement_mut(0).unwrap();
        statement.actions.push("iam:*".into());
        statement.resources.push("arn:aws:iam::*:user/app/*".into());
        let text = to_json(&policy);
        assert_eq!(
            text,
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"iam:*\",\n      \"Resource\": \"arn:aws:iam::*:user/app/*\"\n    }\n  ]\n}\n"
        );
        assert_eq!(from_json(&text).unwrap(), policy);
        let validation = iam_policy::validate(&text, iam_policy::PolicyKind::UserInline);
        assert!(!validation.has_errors(), "{:?}", validation.diagnostics);
    }

    #[test]
    fn conditions_group_by_operator_and_come_back() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Sid":"S","Effect":"Deny","Action":["s3:GetObject","ec2:RunInstances"],"Resource":"*",
            "Condition":{"Bool":{"aws:MultiFactorAuthPresent":false},"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.0.2.1"]}}}}"#;
        let policy = from_json(text).unwrap();
        let statement = &policy.statements[0];
        assert!(!statement.allow);
        assert_eq!(statement.conditions.len(), 2);
        assert_eq!(statement.conditions[0].values, vec!["false".to_owned()]);
        let again = to_json(&policy);
        assert_eq!(from_json(&again).unwrap(), policy);
        assert!(again.contains("\"aws:SourceIp\": [\n"), "{again}");
    }

    #[test]
    fn what_does_not_fit_is_named_not_dropped() {
        let text = r#"{"Version":"2012-10-17","Id":"x","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"},{"Action":"s3:*","Resource":"*"}]}"#;
        let reasons = from_json(text).unwrap_err();
        assert!(reasons.iter().any(|r| r.contains("`Id`")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("statement 1 uses `NotAction`")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("statement 2 has no `Allow` or `Deny`")), "{reasons:?}");
        assert!(from_json("{").unwrap_err()[0].contains("not valid"));
    }

    #[test]
    fn arns_are_built_from_their_format() {
        let format = "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}";
        assert_eq!(placeholders(format), vec!["Partition", "Account", "UserNameWithPath"]);
        assert_eq!(build_arn(format, &[("UserNameWithPath".into(), "app/*".into())]), "arn:aws:iam::*:user/app/*");
    }
}
