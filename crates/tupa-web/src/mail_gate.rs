//! `POST /internal/mail-in`: the server side of the mail gate (see
//! `tupa_core::desk::ingest_gate`). The body is the raw message, `?recipient=` the envelope
//! recipient the MTA gave; the answer is the [`Outcome`] as JSON. The page and API middleware
//! (`ctx`) lets this path through untouched: the caller is `tupa mail ingest`, with the gate
//! token, never a browser with a session or a form token.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use tupa_core::desk::ingest::{self, Outcome};
use tupa_core::desk::ingest_gate;

use crate::AppState;

/// Longer than any message takes, shorter than the process waits (two minutes): a message
/// still being stored when the process gives up is rolled back, not stored behind its back.
const STORE_WITHIN: Duration = Duration::from_secs(90);

pub fn router(state: AppState) -> Router<AppState> {
    // Route layers only: they wrap this one route, and a plain layer would also wrap the
    // router's fallback, which after the merge answers every unknown path of the site.
    Router::new()
        .route(ingest_gate::PATH, post(receive))
        // A message over the limit never comes here: the process records it itself.
        .route_layer(DefaultBodyLimit::max(tupa_core::mail::inbound::MAX_MESSAGE_BYTES))
        // The token is checked before a byte of the body is read.
        .route_layer(middleware::from_fn_with_state(state, with_token))
        .route_layer(middleware::map_response(mark))
}

async fn with_token(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    // Derived per request (an HMAC; the key file is a few bytes in the page cache), not kept
    // in a static: one process may serve several installations' states (the tests do).
    let expected = ingest_gate::expected_digest(&state.settings);
    if let Err(e) = &expected {
        tracing::warn!(error = %e, "cannot derive the mail gate token; the gate takes no mail");
    }
    match (expected, given) {
        (Ok(expected), Some(given)) if ingest_gate::token_matches(&expected, given) => {
            next.run(req).await
        }
        _ => StatusCode::UNAUTHORIZED.into_response(),
    }
}

/// Every answer says it is the gate's (see [`ingest_gate::ANSWER_HEADER`]).
async fn mark(mut res: Response) -> Response {
    res.headers_mut().insert(ingest_gate::ANSWER_HEADER, HeaderValue::from_static("1"));
    res
}

#[derive(Deserialize)]
struct Envelope {
    recipient: Option<String>,
}

async fn receive(
    State(state): State<AppState>,
    Query(envelope): Query<Envelope>,
    body: Bytes,
) -> Response {
    let recipient = envelope.recipient.as_deref().filter(|r| !r.is_empty());
    let stored = tokio::time::timeout(
        STORE_WITHIN,
        ingest::ingest(&state.db, &state.settings, &body, recipient),
    )
    .await;
    match stored {
        Ok(Ok(outcome)) => Json::<Outcome>(outcome).into_response(),
        // Nothing was stored (one transaction): the process answers the MTA "try later".
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "mail through the gate not stored");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
        Err(_) => {
            tracing::warn!("mail through the gate not stored within 90 s; rolled back");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
