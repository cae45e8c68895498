//! Message and document templates for applicants: recruiters read them here, main admins
//! (where the plan lets them; else the operator) write and retire them.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::authz::Permission;
use tupa_core::i18n::Lang;
use tupa_core::organisations::Organisation;
use tupa_core::recruitment::templates::{
    self, MERGE_TAGS, RecruitmentTemplate, TemplateInput, TemplateKind, TemplateText,
};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/recruitment/templates", get(list).post(create))
        .route("/orgs/{slug}/recruitment/templates/{id}", get(edit).post(update))
        .route("/orgs/{slug}/recruitment/templates/{id}/retire", post(retire))
}

/// Readers are recruiters and the people who manage recruitment.
async fn org_of(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
) -> Result<Organisation, crate::error::AppError> {
    let actor = ctx.actor()?;
    let org = tupa_core::organisations::by_slug(&state.db, slug)
        .await?
        .ok_or(tupa_core::Error::NotFound)?;
    let permission = if actor.can(Permission::WorkRecruitment, &org) {
        Permission::WorkRecruitment
    } else {
        Permission::ManageRecruitment
    };
    Ok(tupa_core::recruitment::ads::recruitment_org(&state.db, actor, slug, permission).await?)
}

#[derive(Template)]
#[template(path = "recruitment_templates.html")]
struct TemplatesPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    templates: Vec<RecruitmentTemplate>,
    /// The template being edited (None: the new-template form).
    editing: Option<RecruitmentTemplate>,
    can_manage: bool,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
}

impl TemplatesPage<'_> {
    pub fn tags(&self) -> String {
        MERGE_TAGS.iter().map(|t| format!("{{{t}}}")).collect::<Vec<_>>().join(" ")
    }
    pub fn langs(&self) -> [Lang; 3] {
        Lang::ALL
    }
    pub fn subject_field(&self, l: &Lang) -> String {
        format!("subject_{l}")
    }
    pub fn body_field(&self, l: &Lang) -> String {
        format!("texts.{l}")
    }
    pub fn kind_is(&self, k: TemplateKind) -> bool {
        let v = self.form.value("kind");
        if v.is_empty() { k == TemplateKind::Message } else { v == k.as_str() }
    }
    pub fn action(&self) -> String {
        match &self.editing {
            Some(t) => format!("/orgs/{}/recruitment/templates/{}", self.org.slug, t.id),
            None => format!("/orgs/{}/recruitment/templates", self.org.slug),
        }
    }
}

fn values_of(t: &RecruitmentTemplate) -> Vec<(String, String)> {
    let mut v =
        vec![("kind".to_string(), t.kind.to_string()), ("name".to_string(), t.name.clone())];
    for (l, text) in &t.texts {
        v.push((format!("subject_{l}"), text.subject.clone()));
        v.push((format!("texts.{l}"), text.body.clone()));
    }
    v
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    editing: Option<&str>,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = org_of(state, ctx, slug).await?;
    let list = templates::list(&state.db, actor, &org).await?;
    let can_manage = templates::can_manage(&state.db, actor, &org).await;
    let editing = match editing {
        Some(id) => Some(templates::get(&state.db, &org.id, id).await?),
        None => None,
    };
    let form = match &editing {
        Some(t) => {
            let v = values_of(t);
            form.with_defaults(v.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        }
        None => form,
    };
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        status,
        &TemplatesPage {
            ctx,
            org,
            templates: list,
            editing,
            can_manage,
            form,
            can_admin,
            tab: "recruitment",
        },
    )
}

async fn list(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, None, FormState::new(), StatusCode::OK).await
}

async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    render(&state, &ctx, &slug, Some(&id), FormState::new(), StatusCode::OK).await
}

fn input_of(pairs: &Pairs) -> TemplateInput {
    let texts = Lang::ALL
        .into_iter()
        .map(|l| {
            (
                l,
                TemplateText {
                    subject: get1(pairs, &format!("subject_{l}")).to_string(),
                    body: get1(pairs, &format!("texts.{l}")).to_string(),
                },
            )
        })
        .collect();
    TemplateInput {
        kind: get1(pairs, "kind").to_string(),
        name: get1(pairs, "name").to_string(),
        texts,
    }
}

async fn save(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: Option<&str>,
    pairs: Pairs,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = org_of(state, ctx, slug).await?;
    let input = input_of(&pairs);
    let result = match id {
        Some(id) => templates::update(&state.db, actor, ctx.ip(), &org, id, &input).await,
        None => templates::create(&state.db, actor, ctx.ip(), &org, &input).await,
    };
    match result {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/recruitment/templates"), "saved")),
        Err(e) => {
            let (status, form) = form_error(ctx, e)?;
            let form = form.with_values(
                pairs.iter().filter(|(k, _)| k != "csrf").map(|(k, v)| (k.as_str(), v.as_str())),
            );
            render(state, ctx, slug, id, form, status).await
        }
    }
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    save(&state, &ctx, &slug, None, pairs).await
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    save(&state, &ctx, &slug, Some(&id), pairs).await
}

async fn retire(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = org_of(&state, &ctx, &slug).await?;
    templates::retire(&state.db, actor, ctx.ip(), &org, &id).await?;
    Ok(done(&format!("/orgs/{slug}/recruitment/templates"), "saved"))
}
