//! The data-request API: staff record requests that came by letter or phone, list and read
//! them, download the access export, extend the deadline and carry a request out.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tupa_core::authz::Permission;
use tupa_core::data_requests::{self, DataRequest, Kind, execute, export, lift};
use tupa_core::i18n::Lang;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_requests, record_request))
        .routes(routes!(get_request))
        .routes(routes!(export_request))
        .routes(routes!(execute_request))
        .routes(routes!(extend_request))
        .routes(routes!(lift_notice))
        .routes(routes!(lift_restriction))
}

#[derive(Deserialize, ToSchema)]
pub struct NewDataRequest {
    pub kind: Kind,
    /// The address the person's data is filed under.
    #[schema(format = "email", max_length = 254)]
    pub email: Option<String>,
    /// The person's account (a member or a guidance client of the organisation).
    pub person_id: Option<String>,
    /// What the person said (for example what is wrong in their data).
    #[schema(max_length = 5000)]
    pub details: Option<String>,
    /// Language of the mail to the person: fi, sv or en (default: the caller's).
    pub language: Option<String>,
}

/// The organisation's data subject requests: open ones first by deadline (main admins and
/// desk advisers).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/data-requests", tag = "privacy", params(("slug" = String, Path)), responses((status = 200, body = Vec<DataRequest>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_requests(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<DataRequest>>, AppError> {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::HandleDataRequests).await?;
    Ok(Json(data_requests::list(&state.db, &org.id, 1000).await?))
}

/// Records a request that came by letter or phone: it becomes a case (a desk ticket when the
/// plan has the desk) with the legal deadline of one month.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/data-requests", tag = "privacy", params(("slug" = String, Path)), request_body = NewDataRequest, responses((status = 201, body = DataRequest), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn record_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewDataRequest>,
) -> Result<(StatusCode, Json<DataRequest>), AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::HandleDataRequests).await?;
    let lang = input.language.as_deref().and_then(Lang::parse).unwrap_or(ctx.lang);
    let r = data_requests::record(
        &state.db,
        &state.settings,
        actor,
        ctx.ip(),
        &org,
        input.kind,
        input.email.as_deref(),
        input.person_id.as_deref(),
        input.details.as_deref().unwrap_or(""),
        lang,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// One request, with what was done once it is done.
#[utoipa::path(get, path = "/api/v1/data-requests/{id}", tag = "privacy", params(("id" = String, Path)), responses((status = 200, body = DataRequest), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<DataRequest>, AppError> {
    Ok(Json(data_requests::for_actor(&state.db, ctx.actor()?, &id).await?.1))
}

/// The person's data in the organisation as a ZIP: `data.json`, a readable `index.html`
/// and the files. Other people appear only by role.
#[utoipa::path(get, path = "/api/v1/data-requests/{id}/export", tag = "privacy", params(("id" = String, Path)), responses((status = 200, description = "The ZIP", content_type = "application/zip", body = Vec<u8>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn export_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (name, bytes) = export::for_staff(&state.db, ctx.actor()?, ctx.ip(), &id, ctx.lang).await?;
    Ok(crate::download::attachment(&name, "application/zip", bytes))
}

#[derive(Deserialize, ToSchema)]
pub struct ExecuteInput {
    /// What was done; required for rectification (the correction made by hand).
    #[schema(max_length = 5000)]
    pub note: Option<String>,
}

/// Carries the request out after review: `open` → `done`. Erasure removes the person's data
/// where no legal hold applies and records what was erased and kept (and why); restriction
/// stops processing; access and rectification record that they were done.
#[utoipa::path(post, path = "/api/v1/data-requests/{id}/execute", tag = "privacy", params(("id" = String, Path)), request_body = ExecuteInput, responses((status = 200, body = DataRequest), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn execute_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<ExecuteInput>,
) -> Result<Json<DataRequest>, AppError> {
    let r = execute::execute(&state.db, ctx.actor()?, ctx.ip(), &id, input.note.as_deref()).await?;
    Ok(Json(r))
}

#[derive(Deserialize, ToSchema)]
pub struct ExtendInput {
    /// Why more time is needed; mailed to the person.
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

/// Extends the deadline once by two months; the reason is mailed to the person.
#[utoipa::path(post, path = "/api/v1/data-requests/{id}/extend", tag = "privacy", params(("id" = String, Path)), request_body = ExtendInput, responses((status = 200, body = DataRequest), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn extend_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<ExtendInput>,
) -> Result<Json<DataRequest>, AppError> {
    let r = data_requests::extend(
        &state.db,
        &state.settings,
        ctx.actor()?,
        ctx.ip(),
        &id,
        &input.reason,
    )
    .await?;
    Ok(Json(r))
}

#[derive(Deserialize, ToSchema)]
pub struct LiftNoticeInput {
    /// Why the restriction is lifted; mailed to the person.
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

/// The first step of lifting a carried-out restriction (GDPR art. 18(3)): the person is
/// mailed that the restriction will be lifted, with the reason; `lift_noticed_at` and
/// `lift_reason` record it. 409 for a request that is not a carried-out, still standing
/// restriction.
#[utoipa::path(post, path = "/api/v1/data-requests/{id}/lift-notice", tag = "privacy", params(("id" = String, Path)), request_body = LiftNoticeInput, responses((status = 200, body = DataRequest), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn lift_notice(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<LiftNoticeInput>,
) -> Result<Json<DataRequest>, AppError> {
    let r = lift::notice(&state.db, &state.settings, ctx.actor()?, ctx.ip(), &id, &input.reason)
        .await?;
    Ok(Json(r))
}

/// Lifts the restriction, once the person has been told (else 409
/// `privacy-lift-not-noticed`): their data is processed again as before; `lifted_at` is set.
#[utoipa::path(post, path = "/api/v1/data-requests/{id}/lift", tag = "privacy", params(("id" = String, Path)), responses((status = 200, body = DataRequest), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn lift_restriction(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<DataRequest>, AppError> {
    Ok(Json(lift::lift(&state.db, ctx.actor()?, ctx.ip(), &id).await?))
}
