//! Support pages (issue 13): a customer organisation's own cases with the operator
//! (`/support`, for main admins and staff who contacted the operator), and the citizen's
//! private case link (`/case/{token}`, no sign-in). See `tupa_core::support`.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Form, Router};
use tupa_core::desk::tickets::TicketStatus;
use tupa_core::organisations::people::Role;
use tupa_core::support::case_link::{self, OwnCase};
use tupa_core::support::cases::{self, CaseReply, NewCase, SupportCase, SupportCaseDetail};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, form_error, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/support", get(list).post(open))
        .route("/support/{case_number}", get(show).post(reply))
        .route("/case/{token}", get(own).post(own_reply))
}

/// An organisation a case can be opened for: (slug, name).
type OrgChoice = (String, String);

#[derive(Template)]
#[template(path = "support_cases.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    cases: Vec<SupportCase>,
    /// Organisations the person is a main admin of (the form needs one).
    orgs: Vec<OrgChoice>,
    form: FormState,
}

impl ListPage<'_> {
    fn expected(&self, c: &SupportCase) -> String {
        expected_text(self.ctx, c.expected_answer_by)
    }
}

fn expected_text(ctx: &Ctx, at: Option<i64>) -> String {
    match at {
        Some(t) => tupa_core::desk::hours::format_helsinki(t),
        None => ctx.t("support-expected-none"),
    }
}

/// The person's organisations where they are a main admin (not the operator's own).
async fn admin_orgs(state: &AppState, ctx: &Ctx) -> Result<Vec<OrgChoice>, crate::error::AppError> {
    let actor = ctx.actor()?;
    let operator = tupa_core::organisations::operator(&state.db).await?;
    let mut out: Vec<OrgChoice> = vec![];
    for m in &actor.memberships {
        let is_operator = operator.as_ref().is_some_and(|o| o.id == m.org_id);
        if !is_operator && m.role == Role::MainAdmin && !out.iter().any(|(s, _)| *s == m.org_slug) {
            out.push((m.org_slug.clone(), m.org_name.clone()));
        }
    }
    Ok(out)
}

async fn render_list(
    state: &AppState,
    ctx: &Ctx,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let cases = cases::list(&state.db, ctx.actor()?).await?;
    let orgs = admin_orgs(state, ctx).await?;
    page_with_status(status, &ListPage { ctx, cases, orgs, form })
}

async fn list(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    render_list(&state, &ctx, FormState::new(), StatusCode::OK).await
}

async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<HashMap<String, String>>,
) -> WebResult {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let input = NewCase {
        subject: get("subject"),
        message: get("message"),
        organisation: Some(get("organisation")).filter(|s| !s.is_empty()),
    };
    match cases::open(&state.db, &state.settings, ctx.actor()?, ctx.ip(), &input, ctx.lang).await {
        Ok(case) => Ok(done(&format!("/support/{}", case.case_number), "support-opened")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let values = [
                ("subject", input.subject.as_str()),
                ("message", input.message.as_str()),
                ("organisation", input.organisation.as_deref().unwrap_or("")),
            ];
            render_list(&state, &ctx, form.with_values(values), status).await
        }
    }
}

#[derive(Template)]
#[template(path = "support_case.html")]
struct CasePage<'a> {
    ctx: &'a Ctx,
    detail: SupportCaseDetail,
    expected: String,
    form: FormState,
}

impl CasePage<'_> {
    fn action(&self) -> String {
        format!("/support/{}", self.detail.case.case_number)
    }
}

async fn render_case(
    state: &AppState,
    ctx: &Ctx,
    case_number: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let detail = cases::get(&state.db, ctx.actor()?, case_number).await?;
    let expected = expected_text(ctx, detail.case.expected_answer_by);
    page_with_status(status, &CasePage { ctx, detail, expected, form })
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
) -> WebResult {
    render_case(&state, &ctx, &case_number, FormState::new(), StatusCode::OK).await
}

async fn reply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> WebResult {
    let input = CaseReply { message: f.get("message").cloned().unwrap_or_default() };
    match cases::reply(&state.db, ctx.actor()?, ctx.ip(), &case_number, &input).await {
        Ok(_) => Ok(done(&format!("/support/{case_number}"), "support-replied")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([("message", input.message.as_str())]);
            render_case(&state, &ctx, &case_number, form, status).await
        }
    }
}

#[derive(Template)]
#[template(path = "case_own.html")]
struct OwnPage<'a> {
    ctx: &'a Ctx,
    own: OwnCase,
    token: String,
    expected: String,
    form: FormState,
}

impl OwnPage<'_> {
    fn action(&self) -> String {
        format!("/case/{}", self.token)
    }
}

async fn render_own(
    state: &AppState,
    ctx: &Ctx,
    token: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let own = case_link::by_token(&state.db, token, tupa_core::db::now()).await?;
    ctx.brand_as(state, &own.org).await?;
    let expected = expected_text(ctx, own.expected_answer_by);
    page_with_status(status, &OwnPage { ctx, own, token: token.to_string(), expected, form })
}

async fn own(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    render_own(&state, &ctx, &token, FormState::new(), StatusCode::OK).await
}

async fn own_reply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> WebResult {
    let message = f.get("message").cloned().unwrap_or_default();
    match case_link::reply(&state.db, &token, &message, ctx.ip(), tupa_core::db::now()).await {
        Ok(_) => Ok(done(&format!("/case/{token}"), "support-replied")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([("message", message.as_str())]);
            render_own(&state, &ctx, &token, form, status).await
        }
    }
}
