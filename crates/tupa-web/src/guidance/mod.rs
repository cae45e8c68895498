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
        .merge(professionals_pages::router())
        .merge(supervision::router())
}

/// Logs a staff member's read of a space (the read audit, issue 9); the client reading their
/// own space is not logged.
pub(crate) async fn audit_read(
    state: &crate::AppState,
    ctx: &crate::ctx::Ctx,
    place: &tupa_core::guidance::access::InSpace,
) -> tupa_core::Result<()> {
    if !place.role.is_staff() {
        return Ok(());
    }
    let Ok(actor) = ctx.actor() else { return Ok(()) };
    tupa_core::audit::record_read(
        &state.db,
        &place.space.org_id,
        &actor.user,
        ctx.ip(),
        tupa_core::audit::ReadTarget::Space,
        &place.space.id,
        serde_json::json!({}),
    )
    .await
}
