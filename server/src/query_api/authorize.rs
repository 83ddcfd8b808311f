//! `POST /authorize`: the decision point for other self-hosted services (an object store, an internal tool). The
//! asker, itself SigV4-signed exactly like a Query API call (scope `…/iam/aws4_request`), sends a JSON question —
//! principal (user ARN, root ARN or access key id), action, resource, context — and gets the decision with the
//! statements that made it and the context keys the policies looked for but were not given.
//!
//! A thin shell like the rest of the Query API: the service authorizes the asker (`iam:SimulatePrincipalPolicy` on
//! the principal's ARN) and evaluates, with the same `iam-policy` code that authorizes IAM's own requests.

use app::backend::service::simulation::{Authorization, Context, ContextValue, Decision, LocatedStatement};
use app::backend::{AppState, RequestContext};
use app::model::reports::Position;
use app::model::IamError;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::auth;
use super::error::WireError;
use super::handler::MAX_BODY;

/// The question, as the asker sends it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct Question {
    /// A user ARN, the account's root ARN, or an access key id.
    principal: String,
    action: String,
    /// Required (never defaulted to `*`): a misspelt field must not widen the question.
    resource: String,
    #[serde(default)]
    context: serde_json::Map<String, Value>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Answer {
    decision: &'static str,
    matched_statements: Vec<Matched>,
    missing_context_values: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Matched {
    source_policy_id: String,
    /// Position in the policy's `Statement` list, from 0.
    statement_index: usize,
    sid: Option<String>,
    start: LineColumn,
    end: LineColumn,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct LineColumn {
    line: u32,
    column: u32,
}

impl From<Position> for LineColumn {
    fn from(p: Position) -> Self {
        Self { line: p.line, column: p.column }
    }
}

impl From<LocatedStatement> for Matched {
    fn from(s: LocatedStatement) -> Self {
        Self {
            source_policy_id: s.statement.policy_id,
            statement_index: s.statement.statement_index,
            sid: s.statement.sid,
            start: s.start.into(),
            end: s.end.into(),
        }
    }
}

impl From<Authorization> for Answer {
    fn from(a: Authorization) -> Self {
        Self {
            decision: decision_name(a.decision),
            matched_statements: a.statements.into_iter().map(Matched::from).collect(),
            missing_context_values: a.missing_context_values,
        }
    }
}

fn decision_name(decision: Decision) -> &'static str {
    match decision {
        Decision::Allowed => "Allowed",
        Decision::ExplicitDeny => "ExplicitDeny",
        Decision::ImplicitDeny => "ImplicitDeny",
    }
}

/// Answers one `POST /authorize`: 200 with the decision, or the error's status with a JSON error document.
pub async fn handle(state: &AppState, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let ctx = RequestContext::from_parts(&parts);
    match answer(state, &ctx, &parts, body).await {
        Ok(answer) => (StatusCode::OK, axum::Json(answer)).into_response(),
        Err(err) => {
            tracing::info!(request_id = %ctx.request_id, code = err.code, status = err.status, "authorize error");
            let status = StatusCode::from_u16(err.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let document = json!({
                "Error": { "Code": err.code, "Message": err.message },
                "RequestId": ctx.request_id,
            });
            (status, [(CONTENT_TYPE, "application/json")], document.to_string()).into_response()
        }
    }
}

async fn answer(
    state: &AppState,
    ctx: &RequestContext,
    parts: &http::request::Parts,
    body: Body,
) -> Result<Answer, WireError> {
    let body = to_bytes(body, MAX_BODY).await.map_err(|_| WireError::too_large(MAX_BODY))?;
    // Authentication first: an unsigned caller learns nothing, not even that its JSON is malformed.
    let call = auth::authenticate(state, ctx, parts, &body).await?;
    let question: Question = serde_json::from_slice(&body)
        .map_err(|e| IamError::ValidationError(format!("the request body is not a valid authorization question: {e}")))?;
    let context = context_from_json(question.context)?;
    let authorization = state
        .iam
        .explain_authorization(&call, &question.principal, &question.action, &question.resource, context)
        .await?;
    Ok(authorization.into())
}

/// JSON context values as policy context values: string → String (converted on demand to an IP, a date, … by the
/// operator that tests it), number → Number, boolean → Bool, array → List of those.
fn context_from_json(entries: serde_json::Map<String, Value>) -> Result<Context, IamError> {
    let mut context = Context::new();
    for (key, value) in entries {
        if context.get(&key).is_some() {
            return Err(IamError::ValidationError(format!(
                "context key `{key}` appears twice (keys are case-insensitive)"
            )));
        }
        let value = match value {
            Value::Array(items) => ContextValue::List(
                items.into_iter().map(|item| scalar(&key, item)).collect::<Result<_, _>>()?,
            ),
            other => scalar(&key, other)?,
        };
        context.insert(key, value);
    }
    Ok(context)
}

fn scalar(key: &str, value: Value) -> Result<ContextValue, IamError> {
    match value {
        Value::String(s) => Ok(ContextValue::String(s)),
        Value::Bool(b) => Ok(ContextValue::Bool(b)),
        Value::Number(n) => n.as_f64().map(ContextValue::Number).ok_or_else(|| {
            IamError::ValidationError(format!("context value `{n}` for `{key}` is not a representable number"))
        }),
        other => Err(IamError::ValidationError(format!(
            "context value `{other}` for `{key}` must be a string, a number, a boolean or an array of those"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_context_values_become_policy_context_values() {
        let map = r#"{"aws:SourceIp": "10.0.0.1", "s3:max-keys": 10, "aws:SecureTransport": true, "s3:prefix": ["a", "b"]}"#;
        let context = context_from_json(serde_json::from_str(map).unwrap()).unwrap();
        assert_eq!(context.get("aws:sourceip"), Some(&ContextValue::String("10.0.0.1".into())));
        assert_eq!(context.get("s3:max-keys"), Some(&ContextValue::Number(10.0)));
        assert_eq!(context.get("aws:SecureTransport"), Some(&ContextValue::Bool(true)));
        assert_eq!(context.get("s3:prefix"), Some(&ContextValue::from(vec!["a", "b"])));
    }

    #[test]
    fn nulls_objects_nested_lists_and_case_duplicates_are_refused() {
        for bad in [
            r#"{"aws:SourceIp": null}"#,
            r#"{"aws:SourceIp": {"a": 1}}"#,
            r#"{"s3:prefix": [["a"]]}"#,
            r#"{"aws:SourceIp": "1.2.3.4", "aws:sourceip": "1.2.3.4"}"#,
        ] {
            let err = context_from_json(serde_json::from_str(bad).unwrap()).unwrap_err();
            assert_eq!(err.code(), "ValidationError", "{bad}");
        }
    }
}
