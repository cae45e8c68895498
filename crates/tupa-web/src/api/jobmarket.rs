//! The national job market: an organisation's connection (main admins) and the state of its
//! ads there. The secret is write-only: answers say only whether one is set.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use tupa_core::authz::Permission;
use tupa_core::recruitment::ads::recruitment_org;
use tupa_core::recruitment::jobmarket_settings::{self, JobmarketInput, JobmarketView};
use tupa_core::recruitment::jobmarket_worker::{self, AdJobmarket, AdJobmarketRow};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_connection, set_connection, clear_connection))
        .routes(routes!(list_ads))
        .routes(routes!(ad_state))
}

/// The organisation's job market connection and business ID (never the secret).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/recruitment/jobmarket", tag = "recruitment", params(("slug" = String, Path)), responses((status = 200, body = JobmarketView), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_connection(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<JobmarketView>, AppError> {
    let (_, view) = jobmarket_settings::view(&state.db, ctx.actor()?, &slug).await?;
    Ok(Json(view))
}

/// Saves the connection (main admins). An empty or absent secret keeps the stored one. Open
/// ads that were waiting for it, or were refused, are queued again.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/recruitment/jobmarket", tag = "recruitment", params(("slug" = String, Path)), request_body = JobmarketInput, responses((status = 200, body = JobmarketView), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn set_connection(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<JobmarketInput>,
) -> Result<Json<JobmarketView>, AppError> {
    let actor = ctx.actor()?;
    let org = recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    Ok(Json(
        jobmarket_settings::set_credentials(
            &state.db,
            &state.settings,
            actor,
            ctx.ip(),
            &org,
            &input,
        )
        .await?,
    ))
}

/// Removes the connection: ads are no longer sent.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/recruitment/jobmarket", tag = "recruitment", params(("slug" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn clear_connection(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    jobmarket_settings::clear(&state.db, actor, ctx.ip(), &org).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The organisation's published (and closed) ads with their job market state.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/recruitment/jobmarket/ads", tag = "recruitment", params(("slug" = String, Path)), responses((status = 200, body = Vec<AdJobmarketRow>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_ads(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<AdJobmarketRow>>, AppError> {
    let actor = ctx.actor()?;
    let org = tupa_core::recruitment::texts::reader_org(&state.db, actor, &slug).await?;
    Ok(Json(jobmarket_worker::org_ads(&state.db, actor, &org, ctx.lang).await?))
}

/// One ad's job market state, in the caller's language.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/job-ads/{id}/jobmarket", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 200, body = AdJobmarket), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn ad_state(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<AdJobmarket>, AppError> {
    Ok(Json(jobmarket_worker::ad_status(&state.db, ctx.actor()?, &slug, &id, ctx.lang).await?))
}
