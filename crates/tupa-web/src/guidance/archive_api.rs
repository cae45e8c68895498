//! The client's archive of a space through the API: the same ZIP as the page's download.

use axum::extract::{Path, State};
use axum::response::Response;
use tupa_core::guidance::archive;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(space_archive))
}

/// The space as a ZIP for its client: `transcript.html` (the conversation, readable offline)
/// and the space's files under `files/`. The client only, in every state of the space until
/// it is deleted; the space's staff get 403, anyone else 404.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/archive", tag = "guidance", params(("id" = String, Path)), responses((status = 200, description = "The ZIP archive", content_type = "application/zip", body = Vec<u8>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn space_archive(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (name, bytes) = archive::for_client(&state.db, ctx.actor()?, &id, ctx.lang).await?;
    Ok(crate::download::attachment(&name, "application/zip", bytes))
}
