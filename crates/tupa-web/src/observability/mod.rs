//! What the operator watches: one log line per request with its request id, and the
//! Prometheus metrics served on their own listener (`TUPA_METRICS_LISTEN`).

pub mod metrics;
mod requests;

pub use requests::{RequestId, record_route, requests};
