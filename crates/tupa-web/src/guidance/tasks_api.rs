//! The API of a space's tasks. Every call enters the space through `guidance::access`, and a
//! task is looked up inside that space only, so another space's task id answers 404 like a
//! made-up one.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use tupa_core::guidance::access;
use tupa_core::guidance::tasks::{self, NewTask, Task, TaskComment};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tasks, create_task))
        .routes(routes!(get_task, edit_task, remove_task))
        .routes(routes!(answer_task))
        .routes(routes!(finish_task))
        .routes(routes!(comment_task))
}

/// The space's tasks with their comment threads, oldest first; `overdue` says which are past
/// their due date and not done.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/tasks", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<Task>), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_tasks(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<Task>>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let mut list = tasks::list(&state.db, &place.space).await?;
    list.retain(|t| place.sees(t.created_at));
    Ok(Json(list))
}

/// The counsellor gives the client a task, written here or from a task template of the
/// organisation (`template_id`; its title and instructions fill what is left out).
#[utoipa::path(post, path = "/api/v1/spaces/{id}/tasks", tag = "guidance", params(("id" = String, Path)), request_body = NewTask, responses((status = 201, body = Task), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<NewTask>,
) -> Result<(StatusCode, Json<Task>), AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let task = tasks::create(&state.db, &state.settings, actor, &place, &input).await?;
    Ok((StatusCode::CREATED, Json(task)))
}

/// One task of the space with its comments.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/tasks/{task_id}", tag = "guidance", params(("id" = String, Path), ("task_id" = String, Path)), responses((status = 200, body = Task), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
) -> Result<Json<Task>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let task = tasks::get(&state.db, &place.space, &task_id).await?;
    // A task given before a professional's consent is as unknown to them as a made-up id.
    let task = task.filter(|t| place.sees(t.created_at));
    Ok(Json(task.ok_or(tupa_core::Error::NotFound)?))
}

/// The counsellor rewrites a task the client has not answered yet (409 `task-answered` after).
#[utoipa::path(put, path = "/api/v1/spaces/{id}/tasks/{task_id}", tag = "guidance", params(("id" = String, Path), ("task_id" = String, Path)), request_body = NewTask, responses((status = 200, body = Task), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn edit_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
    Json(input): Json<NewTask>,
) -> Result<Json<Task>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    Ok(Json(tasks::edit(&state.db, &place, &task_id, &input).await?))
}

/// The counsellor removes a task the client has not answered yet.
#[utoipa::path(delete, path = "/api/v1/spaces/{id}/tasks/{task_id}", tag = "guidance", params(("id" = String, Path), ("task_id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn remove_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    tasks::remove(&state.db, &place, &task_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct TaskAnswer {
    /// The answer in free text; may be empty when `done` is true.
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub body: String,
    /// Also mark the task done.
    #[serde(default)]
    pub done: bool,
}

/// The client answers the task (again, until it is done) and may finish it at once.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/tasks/{task_id}/answer", tag = "guidance", params(("id" = String, Path), ("task_id" = String, Path)), request_body = TaskAnswer, responses((status = 200, body = Task), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn answer_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
    Json(input): Json<TaskAnswer>,
) -> Result<Json<Task>, AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let task =
        tasks::answer(&state.db, &state.settings, actor, &place, &task_id, &input.body, input.done)
            .await?;
    Ok(Json(task))
}

/// The client or the counsellor marks the task done.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/tasks/{task_id}/done", tag = "guidance", params(("id" = String, Path), ("task_id" = String, Path)), responses((status = 200, body = Task), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn finish_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
) -> Result<Json<Task>, AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    Ok(Json(tasks::mark_done(&state.db, &state.settings, actor, &place, &task_id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct NewComment {
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
}

/// A comment on the task, by the counsellor or the client.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/tasks/{task_id}/comments", tag = "guidance", params(("id" = String, Path), ("task_id" = String, Path)), request_body = NewComment, responses((status = 201, body = TaskComment), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn comment_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
    Json(input): Json<NewComment>,
) -> Result<(StatusCode, Json<TaskComment>), AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let comment =
        tasks::comment(&state.db, &state.settings, actor, &place, &task_id, &input.body).await?;
    Ok((StatusCode::CREATED, Json(comment)))
}
