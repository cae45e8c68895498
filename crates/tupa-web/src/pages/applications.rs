//! Recruiters' pages for applications: the list of one ad's applications as a comparison
//! table (answers side by side), and an application with its actions and history. Every
//! page view is an audited read (see `recruitment::review`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::authz::Permission;
use tupa_core::organisations::Organisation;
use tupa_core::recruitment::ads::{self, StoredAd};
use tupa_core::recruitment::applications::{ApplicationEventKind, ApplicationStatus, FileKind};
use tupa_core::recruitment::review::{
    self, ActionInput, ApplicationDetail, ApplicationView, ReviewAction,
};
use tupa_core::recruitment::settings::{self, RecruitmentSettings};
use tupa_core::recruitment::templates::{self, RecruitmentTemplate, TemplateKind};

use super::apply::FormQuestion;
use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/recruitment/ads/{id}/applications", get(list))
        .route("/orgs/{slug}/recruitment/applications/{id}", get(show))
        .route("/orgs/{slug}/recruitment/applications/{id}/act", post(act))
        .route("/orgs/{slug}/recruitment/applications/{id}/document", post(document))
        .route("/orgs/{slug}/recruitment/applications/{id}/files/{file_id}", get(download))
}

async fn org_of(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
) -> Result<Organisation, crate::error::AppError> {
    Ok(ads::recruitment_org(&state.db, ctx.actor()?, slug, Permission::WorkRecruitment).await?)
}

/// The ad's questions in the reader's language.
fn questions(ad: &StoredAd, ctx: &Ctx) -> Vec<FormQuestion> {
    ad.questions()
        .into_iter()
        .zip(tupa_core::recruitment::applications::ANSWER_FIELDS)
        .map(|(q, field)| {
            let text = std::iter::once(ctx.lang)
                .chain(tupa_core::i18n::Lang::ALL)
                .find_map(|l| q.texts.get(&l))
                .cloned()
                .unwrap_or_default();
            FormQuestion { id: q.id, text, required: q.required, field }
        })
        .collect()
}

#[derive(Deserialize)]
struct ListQuery {
    sort: Option<String>,
}

#[derive(Template)]
#[template(path = "applications.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    ad: StoredAd,
    title: String,
    rows: Vec<ApplicationView>,
    questions: Vec<FormQuestion>,
    sort: String,
    rs: RecruitmentSettings,
    can_admin: bool,
    tab: &'static str,
}

impl ListPage<'_> {
    pub fn answer(&self, row: &ApplicationView, q: &FormQuestion) -> String {
        row.answers.get(&q.id).cloned().unwrap_or_default()
    }
    pub fn anonymous_stage(&self) -> Option<String> {
        let id = self.rs.anonymous_until_stage.as_ref()?;
        Some(self.rs.stage(id).map(|s| s.name(self.ctx.lang)).unwrap_or_else(|| id.clone()))
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, ad_id)): Path<(String, String)>,
    Query(q): Query<ListQuery>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = org_of(&state, &ctx, &slug).await?;
    let sort = q
        .sort
        .filter(|s| ["date", "stage", "rating"].contains(&s.as_str()))
        .unwrap_or_else(|| "date".into());
    let (ad, rows) =
        review::list(&state.db, actor, ctx.ip(), &org, &ad_id, Some(&sort), ctx.lang).await?;
    let title =
        tupa_core::recruitment::applications::ad_title(&state.db, &org.id, &ad.id, ctx.lang)
            .await?;
    let rs = settings::get(&state.db, &org.id).await?;
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        StatusCode::OK,
        &ListPage {
            ctx: &ctx,
            questions: questions(&ad, &ctx),
            org,
            ad,
            title,
            rows,
            sort,
            rs,
            can_admin,
            tab: "recruitment",
        },
    )
}

#[derive(Template)]
#[template(path = "application.html")]
struct DetailPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    ad: StoredAd,
    title: String,
    detail: ApplicationDetail,
    questions: Vec<FormQuestion>,
    rs: RecruitmentSettings,
    messages: Vec<RecruitmentTemplate>,
    documents: Vec<RecruitmentTemplate>,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
}

impl DetailPage<'_> {
    pub fn a(&self) -> &ApplicationView {
        &self.detail.application
    }
    pub fn answer(&self, q: &FormQuestion) -> String {
        self.a().answers.get(&q.id).cloned().unwrap_or_default()
    }
    pub fn open(&self) -> bool {
        self.a().withdrawn_at.is_none()
    }
    pub fn anonymous_stage(&self) -> String {
        let id = self.rs.anonymous_until_stage.clone().unwrap_or_default();
        self.rs.stage(&id).map(|s| s.name(self.ctx.lang)).unwrap_or(id)
    }
    pub fn rating_is(&self, r: &i64) -> bool {
        self.a().rating == Some(*r)
    }
    pub fn event_text(&self, kind: &ApplicationEventKind, body: &Option<String>) -> String {
        let body = body.clone().unwrap_or_default();
        match kind {
            // A stage is stored by id; shown by name.
            ApplicationEventKind::Stage => {
                self.rs.stage(&body).map(|s| s.name(self.ctx.lang)).unwrap_or(body)
            }
            _ => body,
        }
    }
    pub fn ratings(&self) -> [i64; 5] {
        [1, 2, 3, 4, 5]
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = org_of(state, ctx, slug).await?;
    let detail = review::detail(&state.db, actor, ctx.ip(), &org, id, ctx.lang).await?;
    let ad = ads::get(&state.db, &org.id, &detail.application.ad_id).await?;
    let title =
        tupa_core::recruitment::applications::ad_title(&state.db, &org.id, &ad.id, ctx.lang)
            .await?;
    let rs = settings::get(&state.db, &org.id).await?;
    let all = templates::list(&state.db, actor, &org).await?;
    let (messages, documents): (Vec<_>, Vec<_>) =
        all.into_iter().partition(|t| t.kind == TemplateKind::Message);
    let can_admin = actor.can(Permission::ManageUsers, &org);
    let form = form.with_defaults([("stage", detail.application.stage.as_str())]);
    page_with_status(
        status,
        &DetailPage {
            ctx,
            questions: questions(&ad, ctx),
            org,
            ad,
            title,
            detail,
            rs,
            messages,
            documents,
            form,
            can_admin,
            tab: "recruitment",
        },
    )
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    render(&state, &ctx, &slug, &id, FormState::new(), StatusCode::OK).await
}

async fn act(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = org_of(&state, &ctx, &slug).await?;
    let opt = |k: &str| Some(get1(&pairs, k).to_string()).filter(|v| !v.trim().is_empty());
    let action = match get1(&pairs, "action").parse::<ReviewAction>() {
        Ok(action) => action,
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            return render(&state, &ctx, &slug, &id, form, status).await;
        }
    };
    let rating = match opt("rating") {
        Some(r) => match r.parse::<i64>() {
            Ok(r) => Some(r),
            Err(_) => {
                return render(
                    &state,
                    &ctx,
                    &slug,
                    &id,
                    form_error(&ctx, tupa_core::Error::invalid("rating", "rating-invalid"))?.1,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        },
        None => None,
    };
    let input = ActionInput {
        action: action.as_str().to_string(),
        stage: opt("stage"),
        rating,
        text: opt("text"),
        template_id: opt("template_id"),
    };
    match review::act(&state.db, &state.settings, actor, ctx.ip(), &org, &id, &input).await {
        Ok(()) => {
            let notice = match action {
                ReviewAction::Message => "application-message-sent",
                ReviewAction::Refuse => "application-refused",
                ReviewAction::Select => "application-selected",
                ReviewAction::Note => "note-saved",
                ReviewAction::Stage | ReviewAction::Rate => "saved",
            };
            Ok(done(&format!("/orgs/{slug}/recruitment/applications/{id}"), notice))
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let text = get1(&pairs, "text");
            // The typed text goes back to the form it came from.
            let field = if action == ReviewAction::Refuse { "reason" } else { "note" };
            render(&state, &ctx, &slug, &id, form.with_values([(field, text)]), status).await
        }
    }
}

async fn document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = org_of(&state, &ctx, &slug).await?;
    match review::document(&state.db, actor, ctx.ip(), &org, &id, get1(&pairs, "template_id")).await
    {
        Ok((name, text)) => {
            Ok(crate::download::attachment(&name, "text/plain; charset=utf-8", text.into_bytes()))
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e.at("document_template"))?;
            render(&state, &ctx, &slug, &id, form, status).await
        }
    }
}

async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, file_id)): Path<(String, String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = org_of(&state, &ctx, &slug).await?;
    let (info, bytes) = review::file(&state.db, actor, ctx.ip(), &org, &id, &file_id).await?;
    Ok(crate::download::attachment(&info.filename, &info.content_type, bytes))
}
