//! Guidance spaces on the web: the pages, the JSON API and the live socket, side by side.

pub mod api;
pub mod archive_api;
mod archive_page;
mod calls;
mod live;
pub mod materials_api;
mod materials_live;
mod materials_pages;
pub mod meter_api;
pub(crate) mod meter_chart;
mod meter_pages;
mod pages;
pub mod professionals_api;
mod professionals_pages;
pub mod supervision;
mod tasks_api;
mod tasks_pages;
mod templates_api;
mod templates_pages;

use axum::Router;

use crate::AppState;

/// The pages and the live socket (the API's routes join the OpenAPI router in `api`).
pub fn router() -> Router<AppState> {
    pages::router()
        .merge(live::router())
        .merge(tasks_pages::router())
        .merge(templates_pages::router())
        .merge(materials_pages::router())
        .merge(meter_pages::router())
        .merge(archive_page::router())
        .merge(calls::router())
        .merge(professionals_pages::router())
        .merge(supervision::router())
}
