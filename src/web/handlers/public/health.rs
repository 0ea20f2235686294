//! `GET /healthz`: whether this server can reach its database, for load balancers.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::app::AppState;

/// 200 `{"status":"ok","database":"sqlite"}` when the database answers, 503 otherwise.
pub async fn healthz(State(app): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = app.db.backend();
    match app.db.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok", "database": database }))),
        Err(error) => {
            tracing::warn!(%error, "health check: database unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": database })),
            )
        }
    }
}
