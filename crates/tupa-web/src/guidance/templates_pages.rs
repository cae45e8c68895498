//! The page where counsellors and main admins keep the organisation's task and space
//! templates: `/orgs/{slug}/spaces/templates`, linked from the guidance spaces tab. Forms post
//! and redirect back; an error shows the page again with what was typed.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::authz::Permission;
use tupa_core::guidance::space_templates::{self, NewSpaceTemplate, SpaceTemplate};
use tupa_core::guidance::task_templates::{self, NewTaskTemplate, TaskTemplate};
use tupa_core::organisations::Organisation;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, WebResult};
use crate::pages::done;
use crate::render::{FormState, form_error, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/spaces/templates", get(show))
        .route("/orgs/{slug}/spaces/templates/tasks", post(create_task_template))
        .route("/orgs/{slug}/spaces/templates/tasks/{id}", post(edit_task_template))
        .route("/orgs/{slug}/spaces/templates/tasks/{id}/remove", post(remove_task_template))
        .route("/orgs/{slug}/spaces/templates/spaces", post(create_space_template))
        .route("/orgs/{slug}/spaces/templates/spaces/{id}", post(edit_space_template))
        .route("/orgs/{slug}/spaces/templates/spaces/{id}/remove", post(remove_space_template))
}

#[derive(Template)]
#[template(path = "guidance_templates.html")]
struct TemplatesPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    task_templates: Vec<TaskTemplate>,
    space_templates: Vec<SpaceTemplate>,
    /// The task template form's state, and the space template form's.
    task_form: FormState,
    space_form: FormState,
    /// The task templates ticked in the space template form (after an error).
    ticked: Vec<String>,
    /// A refused edit: the template's id, the form's state (fields `edit_tt_*` or
    /// `edit_st_*`) and the task templates ticked in it.
    edit: Option<Edit>,
    can_admin: bool,
    tab: &'static str,
}

/// The state of the page's forms when it comes back after a post.
#[derive(Default)]
struct Forms {
    task_form: FormState,
    space_form: FormState,
    /// The task templates ticked in the new space template form.
    ticked: Vec<String>,
    edit: Option<Edit>,
}

#[derive(Default)]
struct Edit {
    id: String,
    form: FormState,
    ticked: Vec<String>,
}

impl TemplatesPage<'_> {
    fn task_title(&self, id: &str) -> &str {
        self.task_templates.iter().find(|t| t.id == id).map(|t| t.title.as_str()).unwrap_or("")
    }
    fn is_ticked(&self, id: &str) -> bool {
        self.ticked.iter().any(|t| t == id)
    }
    fn count(&self, t: &SpaceTemplate) -> String {
        t.task_template_ids.len().to_string()
    }
    fn refused_edit(&self, id: &str) -> Option<&Edit> {
        self.edit.as_ref().filter(|e| e.id == id)
    }
    /// The field name of a template's edit form (without the `f-` of its id): the refused
    /// edit's fields have the fixed names its errors point at; the others are unique per
    /// template.
    fn fid(&self, id: &str, field: &str) -> String {
        match self.refused_edit(id) {
            Some(_) => format!("edit_{field}"),
            None => format!("{id}-{field}"),
        }
    }
    fn edit_error(&self, id: &str, field: &str) -> Option<&str> {
        self.refused_edit(id).and_then(|e| e.form.error(&format!("edit_{field}")))
    }
    /// What an edit field shows: what was typed in a refused edit, else the template's text.
    fn edit_value<'a>(&'a self, id: &str, field: &str, current: &'a str) -> &'a str {
        match self.refused_edit(id) {
            Some(e) => e.form.value(&format!("edit_{field}")),
            None => current,
        }
    }
    fn edit_ticked(&self, s: &SpaceTemplate, task_id: &str) -> bool {
        match self.refused_edit(&s.id) {
            Some(e) => e.ticked.iter().any(|t| t == task_id),
            None => s.task_template_ids.iter().any(|t| t == task_id),
        }
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    forms: Forms,
    status: StatusCode,
) -> WebResult {
    let Forms { task_form, space_form, ticked, edit } = forms;
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, slug).await?;
    let task_templates = task_templates::list(&state.db, &org.id).await?;
    let space_templates = space_templates::list(&state.db, &org.id).await?;
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        status,
        &TemplatesPage {
            ctx,
            org,
            task_templates,
            space_templates,
            task_form,
            space_form,
            ticked,
            edit,
            can_admin,
            tab: "spaces",
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, Forms::default(), StatusCode::OK).await
}

#[derive(Deserialize)]
struct TaskTemplateForm {
    // The page's field is tt_title (its id and error anchor differ from the space form's).
    #[serde(default, alias = "tt_title")]
    title: String,
    #[serde(default)]
    instructions: String,
}

async fn create_task_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<TaskTemplateForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    let input =
        NewTaskTemplate { title: f.title.clone(), instructions: Some(f.instructions.clone()) };
    match task_templates::create(&state.db, actor, &org, &input).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/spaces/templates"), "template-created")),
        Err(e) => {
            let at = |f: &str| if f == "instructions" { "tt_instructions" } else { "tt_title" };
            let (status, form) = form_error(&ctx, e.renamed(at))?;
            let form = form.with_values([
                ("tt_title", f.title.as_str()),
                ("tt_instructions", f.instructions.as_str()),
            ]);
            let forms = Forms { task_form: form, ..Default::default() };
            render(&state, &ctx, &slug, forms, status).await
        }
    }
}

async fn edit_task_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(f): Form<TaskTemplateForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    let input =
        NewTaskTemplate { title: f.title.clone(), instructions: Some(f.instructions.clone()) };
    match task_templates::update(&state.db, actor, &org, &id, &input).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/spaces/templates"), "template-updated")),
        Err(e) => {
            let at = |f: &str| match f {
                "instructions" => "edit_tt_instructions",
                _ => "edit_tt_title",
            };
            let (status, form) = form_error(&ctx, e.renamed(at))?;
            let form = form.with_values([
                ("edit_tt_title", f.title.as_str()),
                ("edit_tt_instructions", f.instructions.as_str()),
            ]);
            let edit = Some(Edit { id, form, ticked: vec![] });
            render(&state, &ctx, &slug, Forms { edit, ..Default::default() }, status).await
        }
    }
}

async fn remove_task_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    task_templates::retire(&state.db, actor, &org, &id).await?;
    Ok(done(&format!("/orgs/{slug}/spaces/templates"), "template-removed"))
}

/// The space template form as posted (pairs, as the task checkboxes repeat one name).
fn space_template_input(pairs: &[(String, String)]) -> NewSpaceTemplate {
    let value = |name: &str| {
        pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    NewSpaceTemplate {
        name: value("name"),
        title: Some(value("title")),
        welcome: Some(value("welcome")),
        task_template_ids: pairs
            .iter()
            .filter(|(k, _)| k == "task_template_ids")
            .map(|(_, v)| v.clone())
            .collect(),
    }
}

/// The fields of the new space template form and of the edit form: name, title, welcome,
/// tasks.
const NEW_SPACE_FIELDS: [&str; 4] = ["st_name", "st_title", "st_welcome", "st_tasks"];
const EDIT_SPACE_FIELDS: [&str; 4] =
    ["edit_st_name", "edit_st_title", "edit_st_welcome", "edit_st_tasks"];

/// A refused space template form with the error on its field and what was typed kept.
fn refused_space_form(
    ctx: &Ctx,
    e: tupa_core::Error,
    input: &NewSpaceTemplate,
    fields: [&'static str; 4],
) -> Result<(StatusCode, FormState), AppError> {
    let at = |f: &str| match f {
        "title" => fields[1],
        "welcome" => fields[2],
        "task_template_ids" => fields[3],
        _ => fields[0],
    };
    let (status, form) = form_error(ctx, e.renamed(at))?;
    let form = form.with_values([
        (fields[0], input.name.as_str()),
        (fields[1], input.title.as_deref().unwrap_or("")),
        (fields[2], input.welcome.as_deref().unwrap_or("")),
    ]);
    Ok((status, form))
}

async fn create_space_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    // Pairs, as the task checkboxes repeat one name.
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    let input = space_template_input(&pairs);
    let ticked = input.task_template_ids.clone();
    match space_templates::create(&state.db, actor, &org, &input).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/spaces/templates"), "template-created")),
        Err(e) => {
            let (status, form) = refused_space_form(&ctx, e, &input, NEW_SPACE_FIELDS)?;
            let forms = Forms { space_form: form, ticked, ..Default::default() };
            render(&state, &ctx, &slug, forms, status).await
        }
    }
}

async fn edit_space_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    let input = space_template_input(&pairs);
    let ticked = input.task_template_ids.clone();
    match space_templates::update(&state.db, actor, &org, &id, &input).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/spaces/templates"), "template-updated")),
        Err(e) => {
            let (status, form) = refused_space_form(&ctx, e, &input, EDIT_SPACE_FIELDS)?;
            let edit = Some(Edit { id, form, ticked });
            render(&state, &ctx, &slug, Forms { edit, ..Default::default() }, status).await
        }
    }
}

async fn remove_space_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = task_templates::manage_org(&state.db, actor, &slug).await?;
    space_templates::retire(&state.db, actor, &org, &id).await?;
    Ok(done(&format!("/orgs/{slug}/spaces/templates"), "template-removed"))
}
