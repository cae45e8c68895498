//! The operator's instructions and materials library: every signed-in person reads the items
//! for their roles (by audience, in their language); platform admins publish items and new
//! versions. Each organisation's own library is `/api/v1/orgs/{slug}/materials`.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tupa_core::i18n::Lang;
use tupa_core::library::{self, Download, LibraryItem, NewItem, NewVersion};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    // Files travel base64-encoded inside the JSON: up to one per language.
    let limit = || axum::extract::DefaultBodyLimit::max(library::MAX_API_BODY_BYTES);
    OpenApiRouter::new()
        .routes({
            let (schemas, paths, route) = routes!(list_items, publish);
            (schemas, paths, route.layer(limit()))
        })
        .routes(routes!(get_item, retire))
        .routes({
            let (schemas, paths, route) = routes!(add_version);
            (schemas, paths, route.layer(limit()))
        })
        .routes(routes!(download))
}

/// The operator's library as the caller may read it: main admins get main-admin and staff
/// items, every organisation's staff get staff items, and those who share materials with
/// clients (counsellors, main admins) get client items too; by title. `shown` is the newest
/// version in the caller's language, or in another with `fallback: true`.
#[utoipa::path(get, path = "/api/v1/materials", tag = "guidance", responses((status = 200, body = Vec<LibraryItem>), (status = 401, body = ApiErrorBody)))]
async fn list_items(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<LibraryItem>>, AppError> {
    Ok(Json(library::list(&state.db, ctx.actor()?, ctx.lang).await?))
}

/// The operator publishes an item for every organisation (platform admins only): its
/// audience and its first version, a file (`filename`, `content_base64`) or a link (`url`)
/// per language.
#[utoipa::path(post, path = "/api/v1/materials", tag = "guidance", request_body = NewItem, responses((status = 201, body = LibraryItem), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<NewItem>,
) -> Result<(StatusCode, Json<LibraryItem>), AppError> {
    let actor = ctx.actor()?;
    let id = library::publish(&state.db, actor, input).await?;
    Ok((StatusCode::CREATED, Json(library::get(&state.db, actor, &id, ctx.lang).await?)))
}

/// One item with every version (newest first); an item not for the caller is 404.
#[utoipa::path(get, path = "/api/v1/materials/{id}", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = LibraryItem), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<LibraryItem>, AppError> {
    Ok(Json(library::get(&state.db, ctx.actor()?, &id, ctx.lang).await?))
}

/// The operator adds a new version; the older ones stay listed and downloadable.
#[utoipa::path(post, path = "/api/v1/materials/{id}/versions", tag = "guidance", params(("id" = String, Path)), request_body = NewVersion, responses((status = 201, body = LibraryItem), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<NewVersion>,
) -> Result<(StatusCode, Json<LibraryItem>), AppError> {
    let actor = ctx.actor()?;
    library::add_version(&state.db, actor, &id, input).await?;
    Ok((StatusCode::CREATED, Json(library::get(&state.db, actor, &id, ctx.lang).await?)))
}

/// The operator retires an item (platform admins): it leaves every list and can no longer be
/// read or shared; spaces it was shared into keep their copy.
#[utoipa::path(delete, path = "/api/v1/materials/{id}", tag = "guidance", params(("id" = String, Path)), responses((status = 204, description = "Retired"), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn retire(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    library::retire(&state.db, ctx.actor()?, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DownloadParams {
    /// The version; the newest when left out.
    #[param(minimum = 1)]
    pub version: Option<i64>,
    /// The language; the caller's (or another, when the version lacks it) when left out.
    pub lang: Option<Lang>,
}

/// Downloads a version's file (as an attachment, with its sniffed type) or is redirected to
/// its link.
#[utoipa::path(get, path = "/api/v1/materials/{id}/download", tag = "guidance", params(("id" = String, Path), DownloadParams), responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 303, description = "The link's address in `Location`"), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(p): Query<DownloadParams>,
) -> Result<Response, AppError> {
    serve(&state, &ctx, &id, p).await
}

/// A download for the API and the pages alike.
pub async fn serve(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    p: DownloadParams,
) -> Result<Response, AppError> {
    let got = library::download(&state.db, ctx.actor()?, id, p.version, p.lang, ctx.lang).await?;
    Ok(match got {
        Download::File { filename, content_type, bytes } => {
            crate::download::attachment(&filename, &content_type, bytes)
        }
        // Checked as http(s) when it was published.
        Download::Link(url) => Redirect::to(&url).into_response(),
    })
}
