//! The job board's staff side: the organisation's and units' logos (uploaded as the raw
//! image body) and the addresses and snippets for the organisation's web team. The board
//! itself is public: its pages, feeds (RSS, Atom) and schema.org data are under `/jobs`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tupa_core::recruitment::logos::{self, LogoInfo, UploadError};
use tupa_core::recruitment::publishing::{self, Publishing};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

/// An upload may exceed the logo limit a little, so that the refusal says how big the file
/// was; beyond this the request is cut off.
pub const UPLOAD_LIMIT: usize = tupa_core::limits::LOGO_UPLOAD_BYTES;

pub fn router() -> OpenApiRouter<AppState> {
    let limit = || axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT);
    OpenApiRouter::new()
        .routes({
            let (schemas, paths, route) = routes!(get_logo, put_logo, delete_logo);
            (schemas, paths, route.layer(limit()))
        })
        .routes({
            let (schemas, paths, route) = routes!(put_unit_logo, delete_unit_logo);
            (schemas, paths, route.layer(limit()))
        })
        .routes(routes!(get_publishing))
}

/// The refusal of a file: 422 with the code and the reason in the caller's language (with
/// the numbers: "the image is 600 × 200 px; it must be at least 810 × 275 px").
pub fn refusal(ctx: &Ctx, e: UploadError) -> Response {
    match e {
        UploadError::Logo(e) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({"code": logos::code_of(&e), "message": e.message(ctx.lang), "field": "logo"})),
        )
            .into_response(),
        UploadError::Other(e) => AppError(e).into_response(),
    }
}

async fn upload(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    unit_id: Option<&str>,
    body: Bytes,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    let org = match tupa_core::organisations::by_slug(&state.db, slug).await {
        Ok(Some(org)) => org,
        Ok(None) => return AppError(tupa_core::Error::NotFound).into_response(),
        Err(e) => return AppError(e).into_response(),
    };
    match logos::upload(&state.db, actor, ctx.ip(), &org, unit_id, body.to_vec()).await {
        Ok(info) => Json(info).into_response(),
        Err(e) => refusal(ctx, e),
    }
}

/// The organisation's own logo, if it has one.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/logo", tag = "recruitment", params(("slug" = String, Path)), responses((status = 200, body = LogoInfo), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<LogoInfo>, AppError> {
    let (org, _) = publishing::staff_org(&state.db, ctx.actor()?, &slug).await?;
    let own = logos::list(&state.db, &org.id).await?.into_iter().find(|l| l.unit_id.is_empty());
    Ok(Json(own.ok_or(tupa_core::Error::NotFound)?))
}

/// Uploads the organisation's logo (main admins): the JPEG or PNG file itself as the body,
/// at least 810 × 275 px in that ratio. The board, the ad pages and the feeds show it at once.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/logo", tag = "recruitment", params(("slug" = String, Path)),
    request_body(content = Vec<u8>, content_type = "image/png", description = "The image file (PNG or JPEG; the type is read from the bytes)."),
    responses((status = 200, body = LogoInfo), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody, description = "The file was refused; the message says why")))]
async fn put_logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    upload(&state, &ctx, &slug, None, body).await
}

/// Removes the organisation's logo.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/logo", tag = "recruitment", params(("slug" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn delete_logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<StatusCode, AppError> {
    let (org, _) = publishing::staff_org(&state.db, ctx.actor()?, &slug).await?;
    logos::remove(&state.db, ctx.actor()?, ctx.ip(), &org, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Uploads a unit's own logo (main admins); units without one show the organisation's.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/units/{unit_id}/logo", tag = "recruitment", params(("slug" = String, Path), ("unit_id" = String, Path)),
    request_body(content = Vec<u8>, content_type = "image/png", description = "The image file (PNG or JPEG; the type is read from the bytes)."),
    responses((status = 200, body = LogoInfo), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn put_unit_logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, unit_id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    upload(&state, &ctx, &slug, Some(&unit_id), body).await
}

/// Removes a unit's own logo (it then shows the organisation's).
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/units/{unit_id}/logo", tag = "recruitment", params(("slug" = String, Path), ("unit_id" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn delete_unit_logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, unit_id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let (org, _) = publishing::staff_org(&state.db, ctx.actor()?, &slug).await?;
    logos::remove(&state.db, ctx.actor()?, ctx.ip(), &org, Some(&unit_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The public addresses of the organisation's and its units' boards and feeds in each
/// language, with HTML to paste into a home page or intranet (links, or the embeddable list
/// in an iframe).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/recruitment/publishing", tag = "recruitment", params(("slug" = String, Path)), responses((status = 200, body = Publishing), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_publishing(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Publishing>, AppError> {
    let (org, _) = publishing::staff_org(&state.db, ctx.actor()?, &slug).await?;
    let units = tupa_core::organisations::units::list(&state.db, &org.id).await?;
    Ok(Json(publishing::for_org(&state.settings.public_url, &org, &units)))
}
