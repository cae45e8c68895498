//! Liveness and readiness for load balancers and orchestrators.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/readyz", get(readyz))
}

/// The process is up.
async fn healthz() -> Response {
    axum::Json(json!({"status": "ok"})).into_response()
}

/// Ready when the database answers and has every migration this build expects; otherwise
/// 503 with the reasons, so the operator reading a balancer's health page sees why.
/// Ready with warnings: what does not stop serving but will hurt (autovacuum off).
async fn readyz(State(state): State<AppState>) -> Response {
    let (status, body) = match state.db.pending_migrations().await {
        Ok(0) => {
            let mut warnings = vec![];
            if state.db.autovacuum_off().await {
                warnings.push(tupa_core::db::AUTOVACUUM_OFF);
            }
            (
                StatusCode::OK,
                json!({"status": "ready", "database": "ok", "migrations": "ok", "reasons": [], "warnings": warnings}),
            )
        }
        Ok(pending) => (
            StatusCode::SERVICE_UNAVAILABLE,
            json!({
                "status": "unavailable", "database": "ok", "migrations": {"pending": pending},
                "reasons": [format!("{pending} migrations pending: run `tupa migrate`")],
            }),
        ),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            json!({
                "status": "unavailable", "database": "unreachable", "migrations": "unknown",
                "reasons": ["database unreachable"],
            }),
        ),
    };
    (status, axum::Json(body)).into_response()
}
