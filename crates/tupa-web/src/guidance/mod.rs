//! Guidance spaces on the web: the pages, the JSON API and the live socket, side by side.

pub mod api;
mod calls;
mod live;
mod pages;

use axum::Router;

use crate::AppState;

/// The pages and the live socket (the API's routes join the OpenAPI router in `api`).
pub fn router() -> Router<AppState> {
    pages::router().merge(live::router()).merge(calls::router())
}
