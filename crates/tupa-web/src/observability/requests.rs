//! Every request gets an id (the balancer's `X-Request-Id` when it sent a usable one, else a
//! new one), which the response repeats and every log line of the request carries; when the
//! response is ready, one access line is logged and the request metrics are counted.
//!
//! The route template (`/api/v1/tickets/{case_number}`, never the concrete path, which would
//! put case numbers in logs and give the metrics unbounded labels) is only known after
//! routing, so the outer layer leaves a slot in the request that [`record_route`], a route
//! layer, fills in.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

/// The id of the request being served, for handlers that want to show or pass it on.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

const HEADER: &str = "x-request-id";
/// A longer id from outside is replaced: it goes into every log line.
const MAX_ID_CHARS: usize = 64;

/// What routing learnt about a request.
#[derive(Default)]
struct Routed {
    /// The route template.
    route: String,
    /// The organisation slug, where the route names one.
    org: Option<String>,
}

/// Where [`record_route`] leaves what routing learnt, for [`requests`] to read.
#[derive(Clone, Default)]
struct RouteSlot(Arc<Mutex<Routed>>);

/// The outermost layer: request id, access log line, request metrics.
pub async fn requests(mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| usable_id(v))
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::now_v7().simple().to_string());
    let method = req.method().clone();
    let slot = RouteSlot::default();
    req.extensions_mut().insert(slot.clone());
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request_id = %id);
    let mut response = next.run(req).instrument(span.clone()).await;
    let latency = started.elapsed();
    let Routed { route, org } =
        slot.0.lock().map(|mut s| std::mem::take(&mut *s)).unwrap_or_default();
    let route = if route.is_empty() { "unmatched".to_string() } else { route };
    let status = response.status().as_u16();
    super::metrics::global().observe_request(method.as_str(), &route, status, latency);
    span.in_scope(|| {
        tracing::info!(
            target: "tupa::access",
            request_id = %id,
            method = %method,
            route = %route,
            status,
            latency_ms = latency.as_secs_f64() * 1000.0,
            org = org.as_deref(),
            "request"
        )
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

/// A route layer: records the matched route template and the organisation slug in it.
pub async fn record_route(req: Request, next: Next) -> Response {
    if let (Some(slot), Some(matched)) =
        (req.extensions().get::<RouteSlot>(), req.extensions().get::<MatchedPath>())
    {
        let template = matched.as_str();
        let org = org_slug(template, req.uri().path());
        if let Ok(mut s) = slot.0.lock() {
            *s = Routed { route: template.to_string(), org };
        }
    }
    next.run(req).await
}

/// Letters, digits and `-._` only (what nginx's `$request_id`, UUIDs and the like use), so an
/// id from outside can neither break a log line nor a header.
fn usable_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

/// The path segment where the template has `{slug}` (every organisation route names it so).
fn org_slug(template: &str, path: &str) -> Option<String> {
    let at = template.split('/').position(|s| s == "{slug}")?;
    path.split('/').nth(at).filter(|s| !s.is_empty() && s.len() <= 64).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_outside_are_kept_only_when_harmless() {
        assert!(usable_id("3f2a-9c.b_1"));
        assert!(!usable_id(""));
        assert!(!usable_id("a b"));
        assert!(!usable_id("a\nlevel=error"));
        assert!(!usable_id(&"a".repeat(65)));
    }

    #[test]
    fn the_organisation_is_read_where_the_template_names_it() {
        assert_eq!(
            org_slug("/orgs/{slug}/desk/{case_number}", "/orgs/espoo/desk/12345678").as_deref(),
            Some("espoo")
        );
        assert_eq!(org_slug("/api/v1/tickets/{case_number}", "/api/v1/tickets/1"), None);
    }
}
