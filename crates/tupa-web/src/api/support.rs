//! The customer organisations' own support cases with the operator (issue 13; see
//! `tupa_core::support::cases`): a main admin's (or a staff member's own) cases, their public
//! conversation, replies and new cases.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use tupa_core::support::cases::{self, CaseReply, NewCase, SupportCase, SupportCaseDetail};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cases, open_case))
        .routes(routes!(get_case))
        .routes(routes!(reply_case))
}

/// The caller's organisations' cases with the operator, newest activity first: all of them
/// for a main admin, the caller's own for other staff.
#[utoipa::path(get, path = "/api/v1/support/cases", tag = "support", responses((status = 200, body = Vec<SupportCase>)))]
async fn list_cases(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<SupportCase>>, AppError> {
    Ok(Json(cases::list(&state.db, ctx.actor()?).await?))
}

/// Opens a case with the operator (main admins; one question per case). The operator's desk
/// mails an acknowledgement with the case number.
#[utoipa::path(post, path = "/api/v1/support/cases", tag = "support", request_body = NewCase, responses((status = 201, body = SupportCase), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody, description = "`not-found`: no such organisation, or no operator in this installation.")))]
async fn open_case(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<NewCase>,
) -> Result<(StatusCode, Json<SupportCase>), AppError> {
    let case =
        cases::open(&state.db, &state.settings, ctx.actor()?, ctx.ip(), &input, ctx.lang).await?;
    Ok((StatusCode::CREATED, Json(case)))
}

/// One case with its public conversation (the operator's internal notes are never shown).
/// Another organisation's case answers 404.
#[utoipa::path(get, path = "/api/v1/support/cases/{case_number}", tag = "support", params(("case_number" = String, Path)), responses((status = 200, body = SupportCaseDetail), (status = 404, body = ApiErrorBody)))]
async fn get_case(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
) -> Result<Json<SupportCaseDetail>, AppError> {
    Ok(Json(cases::get(&state.db, ctx.actor()?, &case_number).await?))
}

/// Replies to a case: threaded into the same ticket in the operator's desk. A closed case
/// answers 409 `support-case-closed` (open a new one).
#[utoipa::path(post, path = "/api/v1/support/cases/{case_number}/messages", tag = "support", params(("case_number" = String, Path)), request_body = CaseReply, responses((status = 201, body = SupportCaseDetail), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn reply_case(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
    Json(input): Json<CaseReply>,
) -> Result<(StatusCode, Json<SupportCaseDetail>), AppError> {
    let detail = cases::reply(&state.db, ctx.actor()?, ctx.ip(), &case_number, &input).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}
