//! `/metrics` in the Prometheus (OpenMetrics) text format, on the listener the operator
//! chose with `TUPA_METRICS_LISTEN` and never on the public one.
//!
//! Request counts and latencies are counted as requests end. What lives in the database
//! (outbox backlog, mailbox and job-market states, ingest outcomes) is read when Prometheus
//! scrapes, so every instance reports the same, true figures whichever of them sent the
//! mail; what lives in the process (pool, live sockets, background-job heartbeats) is that
//! process's own.

use std::sync::OnceLock;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use tupa_core::db::Db;

use crate::AppState;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabels {
    state: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct IngestLabels {
    outcome: String,
    reason: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    job: String,
}

type FloatGauge = Gauge<f64, AtomicU64>;
type LatencyFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

/// Every metric of the process.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: LatencyFamily,
    pool_connections: Gauge,
    pool_idle: Gauge,
    live_listeners: Gauge,
    outbox_pending: Gauge,
    outbox_failed: Gauge,
    outbox_oldest_due: FloatGauge,
    imap_mailboxes: Family<StateLabels, Gauge>,
    imap_since_success: FloatGauge,
    job_market_ads: Family<StateLabels, Gauge>,
    mail_ingested: Family<IngestLabels, Gauge>,
    job_lag: Family<JobLabels, FloatGauge>,
    scrape_errors: Counter,
    /// One scrape at a time: a scrape sets the gauges read from its database, then encodes
    /// them, and a second one in between (another database, as in the tests, which share
    /// one process) would have its figures encoded in the first's answer.
    scrape: tokio::sync::Mutex<()>,
}

fn latency_histogram() -> Histogram {
    Histogram::new([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0])
}

/// The process's metrics (one set per process, as Prometheus scrapes processes).
pub fn global() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::new)
}

impl Metrics {
    fn new() -> Metrics {
        let mut registry = Registry::with_prefix("tupa");
        let m = Metrics {
            requests: Family::default(),
            latency: Family::new_with_constructor(latency_histogram),
            pool_connections: Gauge::default(),
            pool_idle: Gauge::default(),
            live_listeners: Gauge::default(),
            outbox_pending: Gauge::default(),
            outbox_failed: Gauge::default(),
            outbox_oldest_due: FloatGauge::default(),
            imap_mailboxes: Family::default(),
            imap_since_success: FloatGauge::default(),
            job_market_ads: Family::default(),
            mail_ingested: Family::default(),
            job_lag: Family::default(),
            scrape_errors: Counter::default(),
            scrape: tokio::sync::Mutex::new(()),
            registry: Registry::default(),
        };
        let r = &mut registry;
        r.register(
            "http_requests",
            "HTTP requests by route template and status",
            m.requests.clone(),
        );
        r.register(
            "http_request_duration_seconds",
            "Time to the response head, by route template",
            m.latency.clone(),
        );
        r.register("db_pool_connections", "Open database connections", m.pool_connections.clone());
        r.register("db_pool_idle_connections", "Idle database connections", m.pool_idle.clone());
        r.register(
            "live_listeners",
            "Open live streams and sockets (queue, ticket page, guidance space)",
            m.live_listeners.clone(),
        );
        r.register("outbox_pending", "Mail waiting to be sent", m.outbox_pending.clone());
        r.register("outbox_failed", "Mail given up after every attempt", m.outbox_failed.clone());
        r.register(
            "outbox_oldest_due_seconds",
            "How long the longest-waiting due mail has waited",
            m.outbox_oldest_due.clone(),
        );
        r.register(
            "imap_mailboxes",
            "Desk mailboxes read by IMAP, by state (ok, failing, waiting, disabled)",
            m.imap_mailboxes.clone(),
        );
        r.register(
            "imap_seconds_since_success",
            "The longest time since an enabled mailbox was last read without error",
            m.imap_since_success.clone(),
        );
        r.register(
            "job_market_ads",
            "Job ads by their state towards the national job market",
            m.job_market_ads.clone(),
        );
        r.register(
            "mail_ingested_messages",
            "Incoming mail on record by outcome and refusal reason",
            m.mail_ingested.clone(),
        );
        r.register(
            "background_job_seconds_since_round",
            "Seconds since each background job of this process last completed a round",
            m.job_lag.clone(),
        );
        r.register(
            "metrics_scrape_errors",
            "Scrapes that could not read a figure from the database",
            m.scrape_errors.clone(),
        );
        Metrics { registry, ..m }
    }

    /// Counts a finished request.
    pub fn observe_request(&self, method: &str, route: &str, status: u16, latency: Duration) {
        let labels = RouteLabels { method: method.to_string(), route: route.to_string() };
        self.latency.get_or_create(&labels).observe(latency.as_secs_f64());
        self.requests
            .get_or_create(&RequestLabels {
                method: labels.method,
                route: labels.route,
                status: status.to_string(),
            })
            .inc();
    }

    /// Reads the figures that live in the database and the process, then encodes them all.
    pub async fn render(&self, db: &Db) -> String {
        let _one_at_a_time = self.scrape.lock().await;
        let now = tupa_core::db::now();
        self.pool_connections.set(i64::from(db.pool().size()));
        self.pool_idle.set(db.pool().num_idle() as i64);
        self.live_listeners.set(db.hub().listeners() as i64);
        self.job_lag.clear();
        for (job, at) in tupa_core::jobs::last_beats() {
            if let Some(at) = at {
                let labels = JobLabels { job: job.as_str().to_string() };
                self.job_lag.get_or_create(&labels).set((now - at).max(0) as f64);
            }
        }
        if let Err(e) = self.read_database(db, now).await {
            tracing::warn!(error = ?e, "metrics: cannot read figures from the database");
            self.scrape_errors.inc();
        }
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }

    async fn read_database(&self, db: &Db, now: i64) -> tupa_core::error::Result<()> {
        let f = tupa_core::figures::read(db, now).await?;
        self.outbox_pending.set(f.outbox_pending);
        self.outbox_oldest_due.set(f.outbox_oldest_due_seconds as f64);
        self.outbox_failed.set(f.outbox_failed);
        self.imap_mailboxes.clear();
        for state in f.mailboxes {
            self.imap_mailboxes.get_or_create(&StateLabels { state: state.as_str().into() }).inc();
        }
        self.imap_since_success.set(f.imap_seconds_since_success as f64);
        self.job_market_ads.clear();
        for (state, count) in f.job_market {
            self.job_market_ads.get_or_create(&StateLabels { state }).set(count);
        }
        self.mail_ingested.clear();
        for (outcome, reason, count) in f.ingested {
            self.mail_ingested.get_or_create(&IngestLabels { outcome, reason }).set(count);
        }
        Ok(())
    }
}

/// The metrics listener's whole application: `GET /metrics`.
pub fn router(state: AppState) -> Router {
    Router::new().route("/metrics", get(scrape)).with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Response {
    let body = global().render(&state.db).await;
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")],
        body,
    )
        .into_response()
}
