//! General texts for ads: main admins manage them, recruiters and hiring managers read them
//! (to insert into ads).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use tupa_core::authz::Permission;
use tupa_core::recruitment::ads::recruitment_org;
use tupa_core::recruitment::texts::{self, GeneralText, TextInput};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_texts, create_text)).routes(routes!(
        get_text,
        update_text,
        retire_text
    ))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Include retired texts.
    #[serde(default)]
    pub retired: bool,
}

/// The organisation's general texts, by name.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/recruitment/texts", tag = "recruitment", params(("slug" = String, Path), ListQuery), responses((status = 200, body = Vec<GeneralText>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_texts(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<GeneralText>>, AppError> {
    let actor = ctx.actor()?;
    let org = texts::reader_org(&state.db, actor, &slug).await?;
    Ok(Json(texts::list(&state.db, actor, &org, q.retired).await?))
}

/// Adds a general text (main admins).
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/recruitment/texts", tag = "recruitment", params(("slug" = String, Path)), request_body = TextInput, responses((status = 201, body = GeneralText), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_text(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<TextInput>,
) -> Result<(StatusCode, Json<GeneralText>), AppError> {
    let actor = ctx.actor()?;
    let org = recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    Ok((StatusCode::CREATED, Json(texts::create(&state.db, actor, ctx.ip(), &org, &input).await?)))
}

/// One general text.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/recruitment/texts/{id}", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 200, body = GeneralText), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_text(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<GeneralText>, AppError> {
    let actor = ctx.actor()?;
    let org = texts::reader_org(&state.db, actor, &slug).await?;
    Ok(Json(texts::get(&state.db, actor, &org, &id).await?))
}

/// Changes a general text (main admins). Ads that already contain it keep their copy.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/recruitment/texts/{id}", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), request_body = TextInput, responses((status = 200, body = GeneralText), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_text(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(input): Json<TextInput>,
) -> Result<Json<GeneralText>, AppError> {
    let actor = ctx.actor()?;
    let org = recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    Ok(Json(texts::update(&state.db, actor, ctx.ip(), &org, &id, &input).await?))
}

/// Retires a general text (main admins): no longer offered for new ads.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/recruitment/texts/{id}", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn retire_text(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    texts::retire(&state.db, actor, ctx.ip(), &org, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
