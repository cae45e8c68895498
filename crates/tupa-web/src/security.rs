//! Security headers on every response: a Content-Security-Policy without inline script or
//! style, no framing, no sniffing, no referrer leaks, and HSTS when served over TLS.

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// The same policy for the one kind of page other sites may show in a frame: the job
/// board's embeddable list (public data, no forms, no session use).
const CSP_FRAMABLE: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors *; base-uri 'none'; object-src 'none'";

/// Put in a response's extensions to let other sites frame it. Only the job board's embed
/// does; every other page keeps `frame-ancestors 'none'`.
#[derive(Clone, Copy, Debug)]
pub struct Framable;

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let framable = res.extensions().get::<Framable>().is_some();
    let h = res.headers_mut();
    // A response may carry a stricter policy of its own (downloads are sandboxed).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(if framable { CSP_FRAMABLE } else { CSP }),
        );
    }
    if !framable {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("geolocation=(), microphone=(self), camera=(self)"),
    );
    if state.settings.served_over_tls() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        // Pages show personal data: keep them out of shared caches and the back-forward cache.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}
