//! The API of a space's links, meeting summaries and shared materials, and of the
//! organisation's materials library. Space routes go through `guidance::access::enter` (404
//! for anyone not a member); adding is the counsellor's; the library is kept by counsellors
//! and main admins.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use tupa_core::guidance::access;
use tupa_core::guidance::library::{self, Material, NewLinkMaterial};
use tupa_core::guidance::links::{self, NewLink, SpaceLink};
use tupa_core::guidance::shared::{self, ShareInput, SharedMaterial};
use tupa_core::guidance::summaries::{self, Summary, SummaryInput};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_links, add_link))
        .routes(routes!(list_summaries, add_summary))
        .routes(routes!(update_summary))
        .routes(routes!(list_space_materials, share_material))
        .routes(routes!(list_library, add_library_link))
        .routes(routes!(remove_library_material))
}

/// The space's links, newest first. Every member sees them.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/links", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<SpaceLink>), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_links(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<SpaceLink>>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let mut list = links::list(&state.db, &place.space).await?;
    list.retain(|l| place.sees(l.created_at));
    Ok(Json(list))
}

/// The counsellor adds a link (an http or https address) for every member of the space.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/links", tag = "guidance", params(("id" = String, Path)), request_body = NewLink, responses((status = 201, body = SpaceLink), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<NewLink>,
) -> Result<(StatusCode, Json<SpaceLink>), AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let link = links::add(&state.db, &state.settings, actor, &place, &input).await?;
    Ok((StatusCode::CREATED, Json(link)))
}

/// The space's meeting summaries, newest first; the client reads them too.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/summaries", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<Summary>), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_summaries(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<Summary>>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let mut list = summaries::list(&state.db, &place.space).await?;
    list.retain(|s| place.sees(s.created_at));
    Ok(Json(list))
}

/// The counsellor writes the summary of a meeting (`met_on`: the day, YYYY-MM-DD).
#[utoipa::path(post, path = "/api/v1/spaces/{id}/summaries", tag = "guidance", params(("id" = String, Path)), request_body = SummaryInput, responses((status = 201, body = Summary), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_summary(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<SummaryInput>,
) -> Result<(StatusCode, Json<Summary>), AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let summary = summaries::add(&state.db, &state.settings, actor, &place, &input).await?;
    Ok((StatusCode::CREATED, Json(summary)))
}

/// The author edits their summary; `updated_at` tells when.
#[utoipa::path(put, path = "/api/v1/spaces/{id}/summaries/{summary_id}", tag = "guidance", params(("id" = String, Path), ("summary_id" = String, Path)), request_body = SummaryInput, responses((status = 200, body = Summary), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_summary(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, summary_id)): Path<(String, String)>,
    Json(input): Json<SummaryInput>,
) -> Result<Json<Summary>, AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    Ok(Json(summaries::update(&state.db, actor, &place, &summary_id, &input).await?))
}

/// The materials shared into the space, with `opened_at` once the client opened one. The
/// client opens a material at `/spaces/{id}/materials/{material_id}`.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/materials", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<SharedMaterial>), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_space_materials(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<SharedMaterial>>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let mut list = shared::list(&state.db, &place.space).await?;
    list.retain(|m| place.sees(m.shared_at));
    Ok(Json(list))
}

/// The counsellor shares a material of the organisation's library (for clients) into the
/// space. Another organisation's or an unknown material: 422 `material-unknown`.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/materials", tag = "guidance", params(("id" = String, Path)), request_body = ShareInput, responses((status = 201, body = SharedMaterial), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn share_material(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<ShareInput>,
) -> Result<(StatusCode, Json<SharedMaterial>), AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let material = shared::share(&state.db, &state.settings, actor, &place, &input).await?;
    Ok((StatusCode::CREATED, Json(material)))
}

/// The organisation's materials library (files and links), by title, as the caller may read
/// it: every member reads `staff` materials, main admins `main-admins` ones, and those who
/// share materials into spaces (counsellors, main admins) `clients` ones. The operator's
/// library for every organisation is `/api/v1/materials`.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/materials", tag = "guidance", params(("slug" = String, Path)), responses((status = 200, body = Vec<Material>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_library(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Material>>, AppError> {
    let actor = ctx.actor()?;
    let org = library::reading_org(&state.db, actor, &slug).await?;
    let roles = library::reader_roles(actor, &org);
    let mut list = library::list(&state.db, &org.id).await?;
    list.retain(|m| m.audience.readable_by(&roles));
    Ok(Json(list))
}

/// Adds a link to the library (`audience`: `clients`, the default, `staff` or `main-admins`). Files are
/// uploaded on the library page, `/orgs/{slug}/materials`.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/materials", tag = "guidance", params(("slug" = String, Path)), request_body = NewLinkMaterial, responses((status = 201, body = Material), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_library_link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewLinkMaterial>,
) -> Result<(StatusCode, Json<Material>), AppError> {
    let actor = ctx.actor()?;
    let org = library::library_org(&state.db, actor, &slug).await?;
    let material = library::add_link(&state.db, actor, &org, &input).await?;
    Ok((StatusCode::CREATED, Json(material)))
}

/// Removes a material from the library; spaces it was shared into keep it.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/materials/{material_id}", tag = "guidance", params(("slug" = String, Path), ("material_id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn remove_library_material(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, material_id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = library::library_org(&state.db, actor, &slug).await?;
    library::retire(&state.db, actor, &org, &material_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
