//! Applications for recruiters (list and compare, detail, actions, files, documents) and the
//! organisation's message and document templates. Every read of applicants' data is audited.
//! Applicants use the public form and their own link; there is no applicant API.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tupa_core::authz::Permission;
use tupa_core::organisations::Organisation;
use tupa_core::recruitment::ads;
use tupa_core::recruitment::review::{
    self, ActionInput, ApplicationDetail, ApplicationView, ReviewAction,
};
use tupa_core::recruitment::templates::{self, RecruitmentTemplate, TemplateInput};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use super::idempotency::{self, IdempotencyKey, Idempotent};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_applications))
        .routes(routes!(get_application))
        .routes(routes!(act_on_application))
        .routes(routes!(download_file))
        .routes(routes!(make_document))
        .routes(routes!(list_templates, create_template))
        .routes(routes!(update_template, retire_template))
}

async fn work_org(state: &AppState, ctx: &Ctx, slug: &str) -> Result<Organisation, AppError> {
    Ok(ads::recruitment_org(&state.db, ctx.actor()?, slug, Permission::WorkRecruitment).await?)
}

#[derive(Deserialize, IntoParams)]
pub struct ListParams {
    /// `date` (newest first, the default), `stage` (furthest along first) or `rating`.
    pub sort: Option<String>,
}

/// The applications to an ad, for comparing (answers keyed by question id). Names, contact
/// details and birth year are `null` while the organisation's anonymised review hides them.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/job-ads/{id}/applications", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path), ListParams), responses((status = 200, body = Vec<ApplicationView>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_applications(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, ad_id)): Path<(String, String)>,
    Query(p): Query<ListParams>,
) -> Result<Json<Vec<ApplicationView>>, AppError> {
    let org = work_org(&state, &ctx, &slug).await?;
    Ok(Json(
        review::list(&state.db, ctx.actor()?, ctx.ip(), &org, &ad_id, p.sort.as_deref(), ctx.lang)
            .await?
            .1,
    ))
}

/// An application with its files and history.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/applications/{id}", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 200, body = ApplicationDetail), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_application(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<ApplicationDetail>, AppError> {
    let org = work_org(&state, &ctx, &slug).await?;
    Ok(Json(review::detail(&state.db, ctx.actor()?, ctx.ip(), &org, &id, ctx.lang).await?))
}

/// Moves the application to a stage, rates it (1–5), adds a note, refuses it with a reason
/// (optionally mailing a message template), selects it, or mails a message template. Refused
/// with 409 `application-withdrawn` once the applicant has withdrawn (notes excepted). A
/// `message` with an `Idempotency-Key` is mailed once however often it is retried.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/applications/{id}/actions", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path), IdempotencyKey), request_body = ActionInput, responses((status = 200, body = ApplicationDetail), (status = 409, body = ApiErrorBody)))]
async fn act_on_application(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Idempotent { input, claim }: Idempotent<ActionInput>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let org = work_org(&state, &ctx, &slug).await?;
    let action = input.action()?;
    // Only a message makes something new; the other actions set a state and take no key.
    let claim = claim.filter(|_| action == ReviewAction::Message);
    let detail = || async {
        let detail = review::detail(&state.db, actor, ctx.ip(), &org, &id, ctx.lang).await?;
        Ok::<_, AppError>(detail)
    };
    idempotency::run_or_current(
        &state.db,
        claim.as_ref(),
        || async {
            review::act_once(
                &state.db,
                &state.settings,
                actor,
                ctx.ip(),
                &org,
                &id,
                &input,
                claim.as_ref(),
            )
            .await?;
            let detail = detail().await?;
            if let Some(claim) = &claim {
                let body = serde_json::to_value(&detail).map_err(anyhow::Error::from)?;
                claim.answer(&state.db, 200, &body).await?;
            }
            Ok(Json(detail).into_response())
        },
        || async { Ok(Json(detail().await?).into_response()) },
    )
    .await
}

/// A file of the application, as a download. Refused with 409 `application-anonymised` while
/// names are hidden (CVs carry them).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/applications/{id}/files/{file_id}", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path), ("file_id" = String, Path)), responses((status = 200, description = "The file"), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn download_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, file_id)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let org = work_org(&state, &ctx, &slug).await?;
    let (info, bytes) =
        review::file(&state.db, ctx.actor()?, ctx.ip(), &org, &id, &file_id).await?;
    Ok(crate::download::attachment(&info.filename, &info.content_type, bytes))
}

#[derive(Deserialize, ToSchema)]
pub struct DocumentInput {
    /// A document template of the organisation.
    pub template_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct Document {
    pub filename: String,
    /// The document's text, filled in for the application in the applicant's language.
    pub text: String,
}

/// A document from a template, filled in for the application (recorded in its history).
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/applications/{id}/documents", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), request_body = DocumentInput, responses((status = 200, body = Document), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn make_document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(input): Json<DocumentInput>,
) -> Result<Json<Document>, AppError> {
    let org = work_org(&state, &ctx, &slug).await?;
    let (filename, text) =
        review::document(&state.db, ctx.actor()?, ctx.ip(), &org, &id, &input.template_id).await?;
    Ok(Json(Document { filename, text }))
}

/// Readers of templates: recruiters and the people who manage recruitment.
async fn templates_org(state: &AppState, ctx: &Ctx, slug: &str) -> Result<Organisation, AppError> {
    let actor = ctx.actor()?;
    match ads::recruitment_org(&state.db, actor, slug, Permission::WorkRecruitment).await {
        Err(tupa_core::Error::Forbidden) => {
            Ok(ads::recruitment_org(&state.db, actor, slug, Permission::ManageRecruitment).await?)
        }
        other => Ok(other?),
    }
}

/// The organisation's message and document templates. Merge tags: `{first_name}`,
/// `{last_name}`, `{ad_title}`, `{organisation}`, `{reference}`, `{recruiter}`.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/recruitment/templates", tag = "recruitment", params(("slug" = String, Path)), responses((status = 200, body = Vec<RecruitmentTemplate>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_templates(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<RecruitmentTemplate>>, AppError> {
    let org = templates_org(&state, &ctx, &slug).await?;
    Ok(Json(templates::list(&state.db, ctx.actor()?, &org).await?))
}

/// Adds a template (main admins where the plan allows, else the operator).
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/recruitment/templates", tag = "recruitment", params(("slug" = String, Path)), request_body = TemplateInput, responses((status = 201, body = RecruitmentTemplate), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<TemplateInput>,
) -> Result<(StatusCode, Json<RecruitmentTemplate>), AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    Ok((
        StatusCode::CREATED,
        Json(templates::create(&state.db, actor, ctx.ip(), &org, &input).await?),
    ))
}

/// Changes a template.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/recruitment/templates/{id}", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), request_body = TemplateInput, responses((status = 200, body = RecruitmentTemplate), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(input): Json<TemplateInput>,
) -> Result<Json<RecruitmentTemplate>, AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    Ok(Json(templates::update(&state.db, actor, ctx.ip(), &org, &id, &input).await?))
}

/// Retires a template.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/recruitment/templates/{id}", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn retire_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    templates::retire(&state.db, actor, ctx.ip(), &org, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
