//! The staff pages of data subject requests: the organisation's list (also where requests
//! live when the plan has no desk) and one request, with the export download, the extension
//! and the button that carries it out. The desk ticket of a case links here.

use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use serde::Deserialize;
use tupa_core::authz::Permission;
use tupa_core::data_requests::erasure::{HOLDS, Hold};
use tupa_core::data_requests::{self, DataRequest, Kind, Status, execute, export, lift};
use tupa_core::organisations::Organisation;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, fmt_time, form_error, page, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/data-requests", get(list))
        .route("/orgs/{slug}/data-requests/{id}", get(show))
        .route("/orgs/{slug}/data-requests/{id}/export", get(download))
        .route("/orgs/{slug}/data-requests/{id}/execute", post(execute_form))
        .route("/orgs/{slug}/data-requests/{id}/extend", post(extend_form))
        .route("/orgs/{slug}/data-requests/{id}/lift-notice", post(lift_notice_form))
        .route("/orgs/{slug}/data-requests/{id}/lift", post(lift_form))
}

#[derive(Template)]
#[template(path = "privacy_requests.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    requests: Vec<DataRequest>,
}

impl ListPage<'_> {
    fn kind(&self, r: &DataRequest) -> String {
        r.kind.label(self.ctx.lang)
    }
    fn status(&self, r: &DataRequest) -> String {
        self.ctx.t(&format!("privacy-status-{}", r.status.as_str()))
    }
    fn when(&self, ts: &i64) -> String {
        fmt_time(*ts)
    }
}

async fn list(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::HandleDataRequests).await?;
    let requests = data_requests::list(&state.db, &org.id, 500).await?;
    page(&ListPage { ctx: &ctx, org, requests })
}

#[derive(Template)]
#[template(path = "privacy_request_case.html")]
struct CasePage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    r: DataRequest,
    form: FormState,
    holds: &'static [Hold],
}

impl CasePage<'_> {
    fn kind(&self) -> String {
        self.r.kind.label(self.ctx.lang)
    }
    fn status(&self) -> String {
        self.ctx.t(&format!("privacy-status-{}", self.r.status.as_str()))
    }
    fn channel(&self) -> String {
        self.ctx.t(&format!("privacy-channel-{}", self.r.channel.as_str()))
    }
    fn when(&self, ts: &i64) -> String {
        fmt_time(*ts)
    }
    fn is_open(&self) -> bool {
        self.r.status == Status::Open
    }
    /// A carried-out restriction that still stands: the lifting steps are offered.
    fn can_lift(&self) -> bool {
        self.r.kind == Kind::Restriction
            && self.r.status == Status::Done
            && self.r.lifted_at.is_none()
    }
    fn lift_noticed(&self) -> Option<String> {
        let at = self.r.lift_noticed_at?;
        let reason = self.r.lift_reason.clone().unwrap_or_default();
        Some(self.ctx.ta2("privacy-lift-noticed", "when", &fmt_time(at), "reason", &reason))
    }
    fn lifted(&self) -> Option<String> {
        let at = self.r.lifted_at?;
        Some(self.ctx.ta("privacy-lift-lifted", "when", &fmt_time(at)))
    }
    fn hold_text(&self, h: &Hold) -> String {
        self.ctx.t(&format!("privacy-hold-{}", h.rule.as_str()))
    }
    /// What was done, line by line, in the reader's language.
    fn outcome_lines(&self) -> Vec<String> {
        match &self.r.outcome {
            Some(o) => execute::summary(self.ctx.lang, self.r.kind, o)
                .lines()
                .map(str::to_string)
                .collect(),
            None => vec![],
        }
    }
}

/// The request `id` of organisation `slug`, for someone who may handle it.
async fn load(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    id: &str,
) -> Result<(Organisation, DataRequest), crate::error::AppError> {
    let (org, r) = data_requests::for_actor(&state.db, ctx.actor()?, id).await?;
    if org.slug != slug {
        return Err(tupa_core::Error::NotFound.into());
    }
    Ok((org, r))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let (org, r) = load(&state, &ctx, &slug, &id).await?;
    page(&CasePage { ctx: &ctx, org, r, form: FormState::new(), holds: HOLDS })
}

async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    load(&state, &ctx, &slug, &id).await?;
    let (name, bytes) = export::for_staff(&state.db, ctx.actor()?, ctx.ip(), &id, ctx.lang).await?;
    Ok(crate::download::attachment(&name, "application/zip", bytes))
}

#[derive(Deserialize)]
struct NoteForm {
    #[serde(default)]
    note: String,
}

async fn execute_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(f): Form<NoteForm>,
) -> WebResult {
    let (org, r) = load(&state, &ctx, &slug, &id).await?;
    match execute::execute(&state.db, ctx.actor()?, ctx.ip(), &id, Some(&f.note)).await {
        Ok(_) => Ok(Redirect::to(&format!("/orgs/{slug}/data-requests/{id}")).into_response()),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([("note", f.note.as_str())]);
            page_with_status(status, &CasePage { ctx: &ctx, org, r, form, holds: HOLDS })
        }
    }
}

#[derive(Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

async fn extend_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(f): Form<ReasonForm>,
) -> WebResult {
    let (org, r) = load(&state, &ctx, &slug, &id).await?;
    match data_requests::extend(&state.db, &state.settings, ctx.actor()?, ctx.ip(), &id, &f.reason)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/orgs/{slug}/data-requests/{id}")).into_response()),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([("reason", f.reason.as_str())]);
            page_with_status(status, &CasePage { ctx: &ctx, org, r, form, holds: HOLDS })
        }
    }
}

async fn lift_notice_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(f): Form<ReasonForm>,
) -> WebResult {
    let (org, r) = load(&state, &ctx, &slug, &id).await?;
    match lift::notice(&state.db, &state.settings, ctx.actor()?, ctx.ip(), &id, &f.reason).await {
        Ok(_) => Ok(Redirect::to(&format!("/orgs/{slug}/data-requests/{id}")).into_response()),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([("reason", f.reason.as_str())]);
            page_with_status(status, &CasePage { ctx: &ctx, org, r, form, holds: HOLDS })
        }
    }
}

async fn lift_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let (org, r) = load(&state, &ctx, &slug, &id).await?;
    match lift::lift(&state.db, ctx.actor()?, ctx.ip(), &id).await {
        Ok(_) => Ok(Redirect::to(&format!("/orgs/{slug}/data-requests/{id}")).into_response()),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            page_with_status(status, &CasePage { ctx: &ctx, org, r, form, holds: HOLDS })
        }
    }
}
