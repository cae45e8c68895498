//! The tasks section of `/spaces/{id}` (templates/space_tasks.html) and its forms, which work
//! without JavaScript: each form posts and redirects back to the task, or shows the space
//! again with the error at the field. Task forms keep their own form state, so an error in
//! one task's answer shows at that task and not at the message form.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::Error;
use tupa_core::guidance::access::{self, InSpace, SpaceRole};
use tupa_core::guidance::task_templates::{self, TaskTemplate};
use tupa_core::guidance::tasks::{self, NewTask, Task, TaskStatus};

use super::pages::{SpaceForms, render_space_with};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, form_error};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/spaces/{id}/tasks", post(create))
        .route("/spaces/{id}/tasks/{task_id}/edit", post(edit))
        .route("/spaces/{id}/tasks/{task_id}/remove", post(remove))
        .route("/spaces/{id}/tasks/{task_id}/answer", post(answer))
        .route("/spaces/{id}/tasks/{task_id}/done", post(done))
        .route("/spaces/{id}/tasks/{task_id}/comments", post(comment))
}

/// What the tasks section of the space page shows.
pub struct TasksView {
    pub list: Vec<Task>,
    /// The organisation's task templates, for the counsellor's new-task form.
    pub templates: Vec<TaskTemplate>,
    pub form: FormState,
    pub is_client: bool,
    pub is_counsellor: bool,
}

impl TasksView {
    pub async fn load(state: &AppState, place: &InSpace, form: FormState) -> WebResult<TasksView> {
        let mut list = tasks::list(&state.db, &place.space).await?;
        list.retain(|t| place.sees(t.created_at));
        let is_counsellor = place.role == SpaceRole::Counsellor;
        let templates = if is_counsellor {
            task_templates::list(&state.db, &place.space.org_id).await?
        } else {
            vec![]
        };
        Ok(TasksView {
            list,
            templates,
            form,
            is_client: place.role == SpaceRole::Client,
            is_counsellor,
        })
    }
    pub fn status_key(&self, t: &Task) -> String {
        format!("task-status-{}", t.status.as_str())
    }
    pub fn is_done(&self, t: &Task) -> bool {
        t.status == TaskStatus::Done
    }
    /// The error of `field` when it belongs to the task `t`'s form.
    pub fn error_at(&self, t: &Task, field: &str) -> Option<&str> {
        if self.form.value("task_id") == t.id { self.form.error(field) } else { None }
    }
    /// What was typed in `field` of task `t`'s form (after an error), else `default`.
    pub fn value_at<'a>(&'a self, t: &Task, field: &str, default: &'a str) -> &'a str {
        if self.form.value("task_id") == t.id && self.form.error_field() != "" {
            self.form.value(field)
        } else {
            default
        }
    }
}

/// The id of `field`'s input on the space page: the new task's form's, or task `task_id`'s.
fn anchor_of(task_id: &str, field: &str) -> String {
    match task_id {
        "" => format!("f-{field}"),
        id if field == "task" => format!("task-{id}"),
        id => format!("f-{field}-{id}"),
    }
}

/// Back to the task on the space page, with a confirmation.
fn back(id: &str, task_id: &str, notice: &str) -> axum::response::Response {
    Redirect::to(&format!("/spaces/{id}?notice={notice}#task-{task_id}")).into_response()
}

/// The space page again, with the tasks form's error at `field` (the task's form when
/// `task_id` is given) and what was typed.
async fn again(
    state: &AppState,
    ctx: &Ctx,
    place: InSpace,
    e: Error,
    field: impl Fn(&str) -> &'static str,
    values: &[(&str, &str)],
) -> WebResult {
    let (status, form) = form_error(ctx, e.renamed(field))?;
    let task_id = values.iter().find(|(k, _)| *k == "task_id").map(|(_, v)| *v).unwrap_or("");
    let form = form
        .with_values(values.iter().copied())
        .with_anchors(|field| Some(anchor_of(task_id, field)));
    render_space_with(state, ctx, place, SpaceForms { task: form, ..Default::default() }, status)
        .await
}

#[derive(Deserialize)]
struct TaskForm {
    // The new-task form names its fields task_*, so they cannot clash with others on the page.
    #[serde(default, alias = "task_title")]
    title: String,
    #[serde(default)]
    instructions: String,
    #[serde(default, alias = "task_due_on")]
    due_on: String,
    #[serde(default)]
    template_id: String,
}

impl TaskForm {
    fn input(&self) -> NewTask {
        NewTask {
            title: self.title.clone(),
            instructions: Some(self.instructions.clone()),
            due_on: Some(self.due_on.clone()),
            template_id: Some(self.template_id.clone()),
        }
    }
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<TaskForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    match tasks::create(&state.db, &state.settings, actor, &place, &f.input()).await {
        Ok(task) => Ok(back(&id, &task.id, "task-created")),
        Err(e) => {
            let field = |f: &str| match f {
                "instructions" => "task_instructions",
                "due_on" => "task_due_on",
                "template_id" => "task_template_id",
                _ => "task_title",
            };
            let values = [
                ("task_title", f.title.as_str()),
                ("task_instructions", f.instructions.as_str()),
                ("task_due_on", f.due_on.as_str()),
                ("task_template_id", f.template_id.as_str()),
            ];
            again(&state, &ctx, place, e, field, &values).await
        }
    }
}

async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
    Form(f): Form<TaskForm>,
) -> WebResult {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    match tasks::edit(&state.db, &place, &task_id, &f.input()).await {
        Ok(_) => Ok(back(&id, &task_id, "task-updated")),
        Err(e) => {
            let field = |f: &str| match f {
                "instructions" => "edit_instructions",
                "due_on" => "edit_due_on",
                _ => "edit_title",
            };
            let values = [
                ("task_id", task_id.as_str()),
                ("edit_title", f.title.as_str()),
                ("edit_instructions", f.instructions.as_str()),
                ("edit_due_on", f.due_on.as_str()),
            ];
            again(&state, &ctx, place, e, field, &values).await
        }
    }
}

async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
) -> WebResult {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    match tasks::remove(&state.db, &place, &task_id).await {
        Ok(()) => Ok(crate::pages::done(&format!("/spaces/{id}"), "task-removed")),
        Err(e) => {
            let values = [("task_id", task_id.as_str())];
            again(&state, &ctx, place, e, |_| "task", &values).await
        }
    }
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    body: String,
    /// The checkbox "the task is done".
    #[serde(default)]
    done: Option<String>,
}

async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
    Form(f): Form<AnswerForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let finish = f.done.is_some();
    match tasks::answer(&state.db, &state.settings, actor, &place, &task_id, &f.body, finish).await
    {
        Ok(_) => Ok(back(&id, &task_id, "task-answered")),
        Err(e) => {
            let values = [("task_id", task_id.as_str()), ("answer", f.body.as_str())];
            again(&state, &ctx, place, e, |_| "answer", &values).await
        }
    }
}

async fn done(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    match tasks::mark_done(&state.db, &state.settings, actor, &place, &task_id).await {
        Ok(_) => Ok(back(&id, &task_id, "task-done")),
        Err(e) => {
            let values = [("task_id", task_id.as_str())];
            again(&state, &ctx, place, e, |_| "task", &values).await
        }
    }
}

#[derive(Deserialize)]
struct CommentForm {
    #[serde(default)]
    body: String,
}

async fn comment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, task_id)): Path<(String, String)>,
    Form(f): Form<CommentForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    match tasks::comment(&state.db, &state.settings, actor, &place, &task_id, &f.body).await {
        Ok(_) => Ok(back(&id, &task_id, "task-commented")),
        Err(e) => {
            let values = [("task_id", task_id.as_str()), ("comment", f.body.as_str())];
            again(&state, &ctx, place, e, |_| "comment", &values).await
        }
    }
}
