use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use super::ServerState;

/// Liveness and readiness: answers 200 when the database answers.
pub async fn health(State(state): State<ServerState>) -> (StatusCode, Json<Value>) {
    match state.app.iam.db().ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok" }))),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "database unavailable" }))),
    }
}
