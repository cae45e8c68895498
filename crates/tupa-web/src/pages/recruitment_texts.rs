//! General texts for ads: main admins add, change and retire them; recruiters and hiring
//! managers see them (the ad form inserts them into descriptions).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::authz::Permission;
use tupa_core::i18n::Lang;
use tupa_core::organisations::Organisation;
use tupa_core::recruitment::ads::recruitment_org;
use tupa_core::recruitment::texts::{self, GeneralText, TextInput, field_of};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/recruitment/texts", get(show).post(create))
        .route("/orgs/{slug}/recruitment/texts/{id}", post(update))
        .route("/orgs/{slug}/recruitment/texts/{id}/retire", post(retire))
}

/// One text's form: its values and the id prefix of its fields (`f` for the form that
/// failed, so the error summary's link finds the field).
pub struct TextForm {
    pub id: String,
    pub prefix: String,
    pub name: String,
    pub fi: String,
    pub sv: String,
    pub en: String,
    pub open: bool,
}

impl TextForm {
    fn of(t: &GeneralText, index: usize) -> TextForm {
        TextForm {
            id: t.id.clone(),
            prefix: format!("t{index}"),
            name: t.name.clone(),
            fi: t.text(Lang::Fi).into(),
            sv: t.text(Lang::Sv).into(),
            en: t.text(Lang::En).into(),
            open: false,
        }
    }
    fn failed(id: &str, form: &FormState) -> TextForm {
        TextForm {
            id: id.into(),
            prefix: "f".into(),
            name: form.value("name").into(),
            fi: form.value("texts.fi").into(),
            sv: form.value("texts.sv").into(),
            en: form.value("texts.en").into(),
            open: true,
        }
    }
    /// (field name, label key, value) of the three languages' text boxes.
    pub fn languages(&self) -> [(&'static str, &'static str, &str, &'static str); 3] {
        [
            ("texts.fi", "label-recruitment-text-fi", self.fi.as_str(), "fi"),
            ("texts.sv", "label-recruitment-text-sv", self.sv.as_str(), "sv"),
            ("texts.en", "label-recruitment-text-en", self.en.as_str(), "en"),
        ]
    }
    /// The field's error when this is the form that failed.
    pub fn error<'a>(&self, form: &'a FormState, field: &str) -> Option<&'a str> {
        if self.open { form.error(field) } else { None }
    }
}

#[derive(Template)]
#[template(path = "recruitment_texts.html")]
struct TextsPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    texts: Vec<GeneralText>,
    /// Edit forms, one per text (main admins only).
    forms: Vec<TextForm>,
    new_form: TextForm,
    can_manage: bool,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
}

impl TextsPage<'_> {
    /// A text's paragraphs, for showing it as it will read in an ad.
    pub fn paragraphs<'t>(&self, text: &'t str) -> Vec<&'t str> {
        tupa_core::recruitment::ad::paragraphs(text)
    }
}

/// Renders the page; `failed` names the form that failed (a text's id or `new`).
async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    failed: &str,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = texts::reader_org(&state.db, actor, slug).await?;
    let list = texts::list(&state.db, actor, &org, false).await?;
    let can_manage = actor.can(Permission::ManageRecruitment, &org);
    let forms = list
        .iter()
        .enumerate()
        .map(
            |(i, t)| {
                if t.id == failed { TextForm::failed(&t.id, &form) } else { TextForm::of(t, i) }
            },
        )
        .collect();
    let new_form = if failed == "new" {
        TextForm::failed("new", &form)
    } else {
        TextForm {
            id: "new".into(),
            prefix: "new".into(),
            name: String::new(),
            fi: String::new(),
            sv: String::new(),
            en: String::new(),
            open: false,
        }
    };
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        status,
        &TextsPage {
            ctx,
            org,
            texts: list,
            forms,
            new_form,
            can_manage,
            form,
            can_admin,
            tab: "recruitment",
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, FormState::new(), "", StatusCode::OK).await
}

fn input_of(pairs: &Pairs) -> TextInput {
    TextInput {
        name: get1(pairs, "name").into(),
        texts: Lang::ALL.into_iter().map(|l| (l, get1(pairs, field_of(l)).to_string())).collect(),
    }
}

fn typed(pairs: &Pairs) -> [(&'static str, &str); 4] {
    ["name", "texts.fi", "texts.sv", "texts.en"].map(|k| (k, get1(pairs, k)))
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    match texts::create(&state.db, actor, ctx.ip(), &org, &input_of(&pairs)).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/recruitment/texts"), "recruitment-text-saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, &slug, form.with_values(typed(&pairs)), "new", status).await
        }
    }
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    match texts::update(&state.db, actor, ctx.ip(), &org, &id, &input_of(&pairs)).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/recruitment/texts"), "recruitment-text-saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, &slug, form.with_values(typed(&pairs)), &id, status).await
        }
    }
}

async fn retire(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    texts::retire(&state.db, actor, ctx.ip(), &org, &id).await?;
    Ok(done(&format!("/orgs/{slug}/recruitment/texts"), "recruitment-text-retired"))
}
