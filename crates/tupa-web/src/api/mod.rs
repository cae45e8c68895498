//! The JSON API under `/api/v1`: everything the pages do. Handlers are registered through
//! utoipa-axum, so the OpenAPI document is generated from the routes themselves.
//! Authentication: `Authorization: Bearer tupa_…` (or the browser session plus an
//! `X-CSRF-Token` header for writes). Errors: `{"code", "message", "field"?}`.

mod accessibility;
mod admin;
mod agreements;
mod announcements;
mod applications;
mod delegations;
mod desk;
mod errors;
mod idempotency;
mod job_board;
mod jobmarket;
pub mod library;
mod me;
mod orgs;
mod people;
mod recruitment;
mod recruitment_texts;
mod retention;
mod rules;
mod sso;
mod support;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "Tupa API", description = "Service desk, guidance and recruitment for the Finnish public sector."),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    // Sets only a query parameter names (IntoParams refers to them, but does not add them).
    components(schemas(tupa_core::recruitment::ads::AdFilter, crate::reports::GroupBy)),
    tags((name = "me"), (name = "organisations"), (name = "people"), (name = "platform"), (name = "desk"), (name = "guidance"), (name = "recruitment"), (name = "reports"), (name = "accessibility"), (name = "support"))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    let mut router = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(me::router())
        .merge(orgs::router())
        .merge(people::router())
        .merge(admin::router())
        .merge(desk::router())
        .merge(recruitment::router())
        .merge(applications::router())
        .merge(jobmarket::router())
        .merge(recruitment_texts::router())
        .merge(job_board::router())
        .merge(crate::guidance::api::router())
        .merge(crate::guidance::materials_api::router())
        .merge(library::router())
        .merge(crate::guidance::meter_api::router())
        .merge(crate::guidance::archive_api::router())
        .merge(crate::data_requests::api::router())
        .merge(crate::reports::api::router())
        .merge(retention::router())
        .merge(accessibility::router())
        .merge(support::router())
        .merge(delegations::router())
        .merge(announcements::router())
        .merge(agreements::router())
        .merge(sso::router());
    let doc = router.get_openapi_mut();
    errors::document(doc);
    // The rules are JSON Schema keywords, simplest added to the document as JSON.
    let mut value = serde_json::to_value(&*doc).expect("the document is JSON");
    let missing = rules::apply(&mut value);
    debug_assert!(missing.is_empty(), "validation rules for unknown properties: {missing:?}");
    *doc = serde_json::from_value(value).expect("the document reads back");
    router
}

/// The error body of every API refusal.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    /// Stable code, for example `not-found` or `email-invalid`.
    pub code: String,
    /// The message in the caller's language.
    pub message: String,
    /// The input field that caused it, when there is one.
    pub field: Option<String>,
}
