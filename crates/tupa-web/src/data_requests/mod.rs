//! Data subject requests on the web: the public page `/privacy/{org}` with its e-mail
//! confirmation, the staff pages of the requests, and the JSON API.

pub mod api;
mod pages;
mod public;

use axum::Router;

use crate::AppState;

/// The pages (the API's routes join the OpenAPI router in `api`).
pub fn router() -> Router<AppState> {
    public::router().merge(pages::router())
}
