//! Announcements (issue 13; see `tupa_core::announcements`): the operator publishes, main
//! admins read and forward to their staff, everyone marks read.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use tupa_core::announcements::forward::{self, Forward, Forwarded};
use tupa_core::announcements::{self, Announcement, NewAnnouncement};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, publish))
        .routes(routes!(forward_one))
        .routes(routes!(mark_read))
}

/// Platform admins: every announcement the operator published, with the number of
/// organisations addressed. Others: those addressed to an organisation where they are a main
/// admin (`forwardable_in`) and those forwarded to them (`forwarded_in`), with `read_at`.
#[utoipa::path(get, path = "/api/v1/announcements", tag = "platform", responses((status = 200, body = Vec<Announcement>), (status = 401, body = ApiErrorBody)))]
async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<Announcement>>, AppError> {
    Ok(Json(announcements::list(&state.db, ctx.actor()?).await?))
}

/// Publishes an announcement to the main admins of every organisation, or of those on
/// `plans` (platform admins only). Finnish is required; Swedish and English fall back to it.
/// Each main admin is mailed in their language.
#[utoipa::path(post, path = "/api/v1/announcements", tag = "platform", request_body = NewAnnouncement, responses((status = 201, body = Announcement), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<NewAnnouncement>,
) -> Result<(StatusCode, Json<Announcement>), AppError> {
    let actor = ctx.actor()?;
    let id = announcements::publish(&state.db, &state.settings, actor, ctx.ip(), &input).await?;
    Ok((StatusCode::CREATED, Json(announcements::get(&state.db, actor, &id).await?)))
}

/// Forwards an announcement to the organisation's staff: `audience` `all`, `role` (with
/// `role`) or `unit` (with `unit`, the unit's id; the units below it included). Main admins
/// of an organisation it was addressed to; `org` (slug) is needed only by a main admin of
/// several. Each person is mailed once, however many forwards reach them.
#[utoipa::path(post, path = "/api/v1/announcements/{id}/forward", tag = "platform", params(("id" = String, Path)), request_body = Forward, responses((status = 201, body = Forwarded), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn forward_one(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<Forward>,
) -> Result<(StatusCode, Json<Forwarded>), AppError> {
    let done =
        forward::forward(&state.db, &state.settings, ctx.actor()?, ctx.ip(), &id, &input).await?;
    Ok((StatusCode::CREATED, Json(done)))
}

/// Marks an announcement the caller received read: it leaves their home page.
#[utoipa::path(post, path = "/api/v1/announcements/{id}/read", tag = "platform", params(("id" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn mark_read(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    announcements::mark_read(&state.db, ctx.actor()?, &id, tupa_core::db::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
