//! Audit logs, plans and the outbox.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use tupa_core::audit::{self, Entry};
use tupa_core::authz::{Permission, PlatformPermission};
use tupa_core::mail::outbox::{self, OutboxMail};
use tupa_core::manage;
use tupa_core::organisations::plans::{self, Plan, PlanInput};
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(org_audit))
        .routes(routes!(all_audit))
        .routes(routes!(list_plans, create_plan))
        .routes(routes!(update_plan))
        .routes(routes!(list_outbox))
        .routes(routes!(get_outbox_mail))
}

#[derive(Deserialize, IntoParams)]
pub struct Page {
    /// Entries at or before this Unix time (for the next page: the last entry's time − 1).
    pub before: Option<i64>,
    /// At most this many (1–500, default 100).
    pub limit: Option<i64>,
}

fn limit(p: &Page) -> i64 {
    p.limit.unwrap_or(100).clamp(1, 500)
}

/// The organisation's audit log, newest first (main admins), optionally narrowed (for
/// example `?action=read&target_type=ticket&target_id=…`: who read a record).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/audit", tag = "organisations", params(("slug" = String, Path), Page, audit::Filter), responses((status = 200, body = Vec<Entry>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn org_audit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(page): Query<Page>,
    Query(filter): Query<audit::Filter>,
) -> Result<Json<Vec<Entry>>, AppError> {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ViewAuditLog).await?;
    Ok(Json(audit::search(&state.db, &org.id, &filter, limit(&page), page.before).await?))
}

/// The whole installation's audit log (platform admins).
#[utoipa::path(get, path = "/api/v1/audit", tag = "platform", params(Page), responses((status = 200, body = Vec<Entry>), (status = 403, body = ApiErrorBody)))]
async fn all_audit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(page): Query<Page>,
) -> Result<Json<Vec<Entry>>, AppError> {
    ctx.actor()?.require_platform(PlatformPermission::ViewAllAuditLogs)?;
    Ok(Json(audit::list(&state.db, None, limit(&page), page.before).await?))
}

/// Plans (platform admins).
#[utoipa::path(get, path = "/api/v1/plans", tag = "platform", responses((status = 200, body = Vec<Plan>), (status = 403, body = ApiErrorBody)))]
async fn list_plans(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Vec<Plan>>, AppError> {
    ctx.actor()?.require_platform(PlatformPermission::ManagePlans)?;
    Ok(Json(plans::list(&state.db).await?))
}

/// Creates a plan (platform admins).
#[utoipa::path(post, path = "/api/v1/plans", tag = "platform", request_body = PlanInput, responses((status = 201, body = Plan), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<PlanInput>,
) -> Result<(StatusCode, Json<Plan>), AppError> {
    Ok((
        StatusCode::CREATED,
        Json(manage::create_plan(&state.db, ctx.actor()?, ctx.ip(), &input).await?),
    ))
}

/// Changes a plan's name, capabilities and settings rule (platform admins).
#[utoipa::path(put, path = "/api/v1/plans/{slug}", tag = "platform", params(("slug" = String, Path)), request_body = PlanInput, responses((status = 200, body = Plan), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn update_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<PlanInput>,
) -> Result<Json<Plan>, AppError> {
    Ok(Json(manage::update_plan(&state.db, ctx.actor()?, ctx.ip(), &slug, &input).await?))
}

/// Mail written by the installation, newest first (platform admins).
#[utoipa::path(get, path = "/api/v1/outbox", tag = "platform", responses((status = 200, body = Vec<OutboxMail>), (status = 403, body = ApiErrorBody)))]
async fn list_outbox(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<OutboxMail>>, AppError> {
    ctx.actor()?.require_platform(PlatformPermission::ReadOutbox)?;
    Ok(Json(outbox::list(&state.db, 200).await?))
}

/// One message of the outbox (platform admins).
#[utoipa::path(get, path = "/api/v1/outbox/{id}", tag = "platform", params(("id" = String, Path)), responses((status = 200, body = OutboxMail), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_outbox_mail(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<OutboxMail>, AppError> {
    ctx.actor()?.require_platform(PlatformPermission::ReadOutbox)?;
    Ok(Json(outbox::get(&state.db, &id).await?))
}
