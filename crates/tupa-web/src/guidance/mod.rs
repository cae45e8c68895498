//! Guidance spaces on the web: the pages, the JSON API and the live socket, side by side.

pub mod api;
mod live;
pub mod meter_api;
mod meter_chart;
mod meter_pages;
mod pages;

use axum::Router;

use crate::AppState;

/// The pages and the live socket (the API's routes join the OpenAPI router in `api`).
pub fn router() -> Router<AppState> {
    pages::router().merge(live::router()).merge(meter_pages::router())
}
