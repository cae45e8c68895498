//! Tupa's web layer: server-rendered pages that work without JavaScript, the JSON API under
//! `/api/v1` and its OpenAPI document, generated from the same routes.

mod api;
mod assets;
mod brand;
mod compression;
mod ctx;
mod data_requests;
mod download;
mod error;
mod form_data;
mod form_labels;
mod guidance;
mod mail_gate;
pub mod observability;
mod pages;
mod public_cache;
mod render;
mod reports;
mod security;

use std::sync::Arc;

use axum::Router;
use tupa_core::config::Settings;
use tupa_core::db::Db;

pub use ctx::Ctx;
pub use error::AppError;
pub use public_cache::PublicCache;

/// What every handler can reach: one `Arc`, because axum clones the state for every
/// middleware layer and extractor of every request. As a struct of its own handles (the
/// pools, the live-event hub, the cache, each an `Arc` or several) those clones and drops
/// were a sixth of the CPU of a cached public page under load (`perf`: `AppState::clone`,
/// `drop_in_place<Db>`), each an atomic count on a cache line both cores wrote.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The state's contents (reached through `AppState`'s `Deref`: `state.db`).
pub struct Shared {
    pub db: Db,
    pub settings: Arc<Settings>,
    /// Strong identification of clients (`TUPA_OIDC_*`); None when not configured (then the
    /// training environment offers its test identification).
    pub identification: Option<Arc<tupa_core::identity::ftn::Identification>>,
    /// The public job board's rendered pages and feeds (see `public_cache`).
    pub public_cache: PublicCache,
}

impl AppState {
    pub fn new(shared: Shared) -> AppState {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The whole application: pages, API, OpenAPI document, health checks and static assets.
pub fn app(state: AppState) -> Router {
    let (api_router, openapi) = api::router().split_for_parts();
    let openapi = Arc::new(openapi);
    Router::new()
        .merge(pages::router())
        .merge(guidance::router())
        .merge(data_requests::router())
        .merge(reports::router())
        // JSON bodies of the API; routes that carry files set their own, larger limit.
        .merge(
            api_router
                .layer(axum::extract::DefaultBodyLimit::max(tupa_core::limits::API_JSON_BYTES)),
        )
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .merge(assets::router())
        .merge(mail_gate::router(state.clone()))
        .route_layer(axum::middleware::from_fn(observability::record_route))
        .layer(axum::middleware::from_fn_with_state(state.clone(), ctx::middleware))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(compression::layer())
        .layer(axum::middleware::map_response(compression::weaken_etag))
        .layer(axum::middleware::from_fn(observability::requests))
        .with_state(state)
}

/// The OpenAPI document, for tests and tooling that want it without a server.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    api::router().split_for_parts().1
}
