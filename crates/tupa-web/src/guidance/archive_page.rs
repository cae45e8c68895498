//! The client's archive of a space as a download from the space's page (a plain link, no
//! JavaScript): the same ZIP as the API's.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tupa_core::guidance::archive;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;

pub fn router() -> Router<AppState> {
    Router::new().route("/spaces/{id}/archive.zip", get(download))
}

async fn download(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> WebResult {
    let (name, bytes) = archive::for_client(&state.db, ctx.actor()?, &id, ctx.lang).await?;
    let res: Response = crate::download::attachment(&name, "application/zip", bytes);
    Ok(res.into_response())
}
