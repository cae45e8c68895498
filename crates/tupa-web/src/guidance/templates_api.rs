//! The API of an organisation's task and space templates, for counsellors and main admins.
//! Changes are audited; removing retires (tasks and spaces made earlier keep their copy).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use tupa_core::guidance::space_templates::{self, NewSpaceTemplate, SpaceTemplate};
use tupa_core::guidance::task_templates::{self, NewTaskTemplate, TaskTemplate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_task_templates, create_task_template))
        .routes(routes!(update_task_template, remove_task_template))
        .routes(routes!(list_space_templates, create_space_template))
        .routes(routes!(update_space_template, remove_space_template))
}

/// The organisation's task templates, by title.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/task-templates", tag = "guidance", params(("slug" = String, Path)), responses((status = 200, body = Vec<TaskTemplate>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_task_templates(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<TaskTemplate>>, AppError> {
    let org = task_templates::manage_org(&state.db, ctx.actor()?, &slug).await?;
    Ok(Json(task_templates::list(&state.db, &org.id).await?))
}

/// A new task template.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/task-templates", tag = "guidance", params(("slug" = String, Path)), request_body = NewTaskTemplate, responses((status = 201, body = TaskTemplate), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_task_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewTaskTemplate>,
) -> Result<(StatusCode, Json<TaskTemplate>), AppError> {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    let template = task_templates::create(&state.db, actor, &org, &input).await?;
    Ok((StatusCode::CREATED, Json(template)))
}

/// Changes a task template; tasks made from it earlier keep their text.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/task-templates/{id}", tag = "guidance", params(("slug" = String, Path), ("id" = String, Path)), request_body = NewTaskTemplate, responses((status = 200, body = TaskTemplate), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_task_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(input): Json<NewTaskTemplate>,
) -> Result<Json<TaskTemplate>, AppError> {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    Ok(Json(task_templates::update(&state.db, actor, &org, &id, &input).await?))
}

/// Removes (retires) a task template.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/task-templates/{id}", tag = "guidance", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn remove_task_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    task_templates::retire(&state.db, actor, &org, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The organisation's space templates, by name, with their task template ids.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/space-templates", tag = "guidance", params(("slug" = String, Path)), responses((status = 200, body = Vec<SpaceTemplate>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_space_templates(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<SpaceTemplate>>, AppError> {
    let org = task_templates::manage_org(&state.db, ctx.actor()?, &slug).await?;
    Ok(Json(space_templates::list(&state.db, &org.id).await?))
}

/// A new space template. `task_template_ids` must be live task templates of the same
/// organisation (422 `task-template-unknown` otherwise).
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/space-templates", tag = "guidance", params(("slug" = String, Path)), request_body = NewSpaceTemplate, responses((status = 201, body = SpaceTemplate), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_space_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewSpaceTemplate>,
) -> Result<(StatusCode, Json<SpaceTemplate>), AppError> {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    let template = space_templates::create(&state.db, actor, &org, &input).await?;
    Ok((StatusCode::CREATED, Json(template)))
}

/// Changes a space template; `task_template_ids` replaces its task list (live task templates
/// of the same organisation, 422 `task-template-unknown` otherwise). Spaces opened from it
/// earlier keep what they got.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/space-templates/{id}", tag = "guidance", params(("slug" = String, Path), ("id" = String, Path)), request_body = NewSpaceTemplate, responses((status = 200, body = SpaceTemplate), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_space_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(input): Json<NewSpaceTemplate>,
) -> Result<Json<SpaceTemplate>, AppError> {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    Ok(Json(space_templates::update(&state.db, actor, &org, &id, &input).await?))
}

/// Removes (retires) a space template.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/space-templates/{id}", tag = "guidance", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn remove_space_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    space_templates::retire(&state.db, actor, &org, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
