//! Agreements, processing terms and the sub-processor list on record (issue 13; see
//! `tupa_core::agreements`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tupa_core::agreements::subprocessors::{
    self, NewSubprocessorList, SubprocessorList, Subprocessors,
};
use tupa_core::agreements::{
    self, Agreement, AgreementStatus, Environment, NewAgreement, OrgAgreement,
};
use tupa_core::organisations;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

/// Largest JSON body of a recorded agreement: the document (desk attachment limit),
/// base64-encoded (a third more), and the fields.
pub const MAX_API_BODY_BYTES: usize = tupa_core::desk::uploads::MAX_FILE_BYTES / 3 * 4 + 64 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes({
            let (schemas, paths, route) = routes!(show, record);
            (schemas, paths, route.layer(axum::extract::DefaultBodyLimit::max(MAX_API_BODY_BYTES)))
        })
        .routes(routes!(document))
        .routes(routes!(set_environment))
        .routes(routes!(overview))
        .routes(routes!(list_subprocessors, publish_subprocessors))
}

async fn org_of(state: &AppState, slug: &str) -> Result<organisations::Organisation, AppError> {
    Ok(organisations::by_slug(&state.db, slug).await?.ok_or(tupa_core::Error::NotFound)?)
}

/// The organisation's agreement in force, its environment, whether it is flagged (production
/// without an agreement) and the sub-processor lists (its main admins and platform admins).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/agreement", tag = "organisations", params(("slug" = String, Path)), responses((status = 200, body = OrgAgreement), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<OrgAgreement>, AppError> {
    let org = org_of(&state, &slug).await?;
    Ok(Json(agreements::show(&state.db, ctx.actor()?, &org, tupa_core::db::now()).await?))
}

/// An agreement to record, with its signed document.
#[derive(Deserialize, utoipa::ToSchema)]
struct AgreementUpload {
    #[serde(flatten)]
    agreement: NewAgreement,
    /// The signed document's file name (pdf, docx, odt, … as for desk attachments).
    filename: String,
    /// Its bytes, base64 (standard alphabet, padded).
    content_base64: String,
}

/// Records the signed agreement (platform admins only): the newest record is the one in
/// force, earlier ones stay as history.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/agreement", tag = "organisations", params(("slug" = String, Path)), request_body = AgreementUpload, responses((status = 201, body = Agreement), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<AgreementUpload>,
) -> Result<(StatusCode, Json<Agreement>), AppError> {
    use base64::Engine;
    let org = org_of(&state, &slug).await?;
    let actor = ctx.actor()?;
    // Authorisation first: a stranger's refusal must not depend on the body.
    agreements::show(&state.db, actor, &org, tupa_core::db::now()).await?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(input.content_base64.trim())
        .map_err(|_| tupa_core::Error::invalid("document", "agreement-document-required"))?;
    let a = agreements::record(
        &state.db,
        actor,
        ctx.ip(),
        &org,
        &input.agreement,
        Some((input.filename, bytes)),
        tupa_core::db::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(a)))
}

/// The signed document of the agreement in force.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/agreement/document", tag = "organisations", params(("slug" = String, Path)), responses((status = 200, content_type = "application/octet-stream"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let org = org_of(&state, &slug).await?;
    let (name, content_type, bytes) = agreements::document(&state.db, ctx.actor()?, &org).await?;
    Ok(crate::download::attachment(&name, &content_type, bytes))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct EnvironmentInput {
    environment: Environment,
}

/// Marks the organisation production (needs an agreement on record) or training (platform
/// admins only).
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/environment", tag = "organisations", params(("slug" = String, Path)), request_body = EnvironmentInput, responses((status = 200, body = OrgAgreement), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn set_environment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<EnvironmentInput>,
) -> Result<Json<OrgAgreement>, AppError> {
    let org = org_of(&state, &slug).await?;
    let actor = ctx.actor()?;
    agreements::set_environment(&state.db, actor, ctx.ip(), &org, input.environment).await?;
    Ok(Json(agreements::show(&state.db, actor, &org, tupa_core::db::now()).await?))
}

/// Every customer organisation with its agreement state, flagged ones (production without
/// an agreement on record) first (platform admins only).
#[utoipa::path(get, path = "/api/v1/agreements", tag = "platform", responses((status = 200, body = Vec<AgreementStatus>), (status = 403, body = ApiErrorBody)))]
async fn overview(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<AgreementStatus>>, AppError> {
    Ok(Json(agreements::overview(&state.db, ctx.actor()?).await?))
}

/// The installation's sub-processor list in force and any published to take effect later
/// (anyone signed in).
#[utoipa::path(get, path = "/api/v1/subprocessors", tag = "platform", responses((status = 200, body = Subprocessors), (status = 401, body = ApiErrorBody)))]
async fn list_subprocessors(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Subprocessors>, AppError> {
    ctx.actor()?;
    Ok(Json(subprocessors::lists(&state.db, tupa_core::db::now()).await?))
}

/// Publishes a new version of the sub-processor list (platform admins only), effective on
/// `effective_on` — at least 30 days ahead, except the installation's first list — and
/// announces it to the main admins of every organisation at once.
#[utoipa::path(post, path = "/api/v1/subprocessors", tag = "platform", request_body = NewSubprocessorList, responses((status = 201, body = SubprocessorList), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn publish_subprocessors(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<NewSubprocessorList>,
) -> Result<(StatusCode, Json<SubprocessorList>), AppError> {
    let list = subprocessors::publish(
        &state.db,
        &state.settings,
        ctx.actor()?,
        ctx.ip(),
        &input,
        tupa_core::db::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(list)))
}
