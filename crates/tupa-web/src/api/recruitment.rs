//! Job ads for recruiters (create, change, the workflow, history) and the organisation's
//! recruitment settings.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use tupa_core::authz::Permission;
use tupa_core::i18n::Lang;
use tupa_core::recruitment::ad::AdText;
use tupa_core::recruitment::ads::{self, AdEvent, AdInput, AdSummary, StoredAd};
use tupa_core::recruitment::settings::{self, RecruitmentSettings};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_ads, create_ad))
        .routes(routes!(get_ad, update_ad))
        .routes(routes!(submit_ad))
        .routes(routes!(decide_ad))
        .routes(routes!(act_on_ad))
        .routes(routes!(extend_ad))
        .routes(routes!(copy_ad))
        .routes(routes!(get_settings, put_settings))
}

#[derive(Deserialize, utoipa::IntoParams)]
struct ListQuery {
    /// `active` (default: all but archived ads and templates), `all`, or one status. Read as
    /// a word, so an unknown one is `status-invalid` (not a bare query error).
    #[param(value_type = Option<ads::AdFilter>)]
    status: Option<String>,
}

/// The organisation's job ads, newest change first.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/job-ads", tag = "recruitment", params(("slug" = String, Path), ListQuery), responses((status = 200, body = Vec<AdSummary>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_ads(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<AdSummary>>, AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    let filter = q.status.as_deref().map_or(Ok(ads::AdFilter::Active), str::parse)?;
    Ok(Json(ads::list(&state.db, actor, &org, filter, ctx.lang).await?))
}

#[derive(Deserialize, ToSchema)]
struct NewAd {
    #[serde(flatten)]
    ad: AdInput,
    /// A template other ads start from, instead of a draft.
    #[serde(default)]
    template: bool,
}

/// An ad with its texts and history.
#[derive(Serialize, ToSchema)]
struct AdDetail {
    #[serde(flatten)]
    ad: StoredAd,
    texts: BTreeMap<Lang, AdText>,
    history: Vec<AdEvent>,
    /// The public address while the ad is open.
    public_url: Option<String>,
}

async fn detail(
    state: &AppState,
    org: &tupa_core::organisations::Organisation,
    ad: StoredAd,
) -> Result<AdDetail, AppError> {
    let texts = ads::texts(&state.db, &org.id, &ad.id).await?;
    let history = ads::history(&state.db, &org.id, &ad.id).await?;
    let public_url = ad
        .is_open(tupa_core::db::now())
        .then(|| format!("{}/jobs/{}/ad/{}", state.settings.public_url, org.slug, ad.id));
    Ok(AdDetail { ad, texts, history, public_url })
}

/// Creates a draft (or a template). Times are Helsinki local `YYYY-MM-DDTHH:MM`.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/job-ads", tag = "recruitment", params(("slug" = String, Path)), request_body = NewAd, responses((status = 201, body = AdDetail), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_ad(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewAd>,
) -> Result<(StatusCode, Json<AdDetail>), AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    let ad = ads::create(&state.db, actor, ctx.ip(), &org, &input.ad, input.template).await?;
    Ok((StatusCode::CREATED, Json(detail(&state, &org, ad).await?)))
}

#[utoipa::path(get, path = "/api/v1/orgs/{slug}/job-ads/{id}", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 200, body = AdDetail), (status = 404, body = ApiErrorBody)))]
async fn get_ad(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<AdDetail>, AppError> {
    let org =
        ads::recruitment_org(&state.db, ctx.actor()?, &slug, Permission::WorkRecruitment).await?;
    let ad = ads::get(&state.db, &org.id, &id).await?;
    Ok(Json(detail(&state, &org, ad).await?))
}

/// Replaces the ad's content (not its status). Closed and archived ads are reopened first.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/job-ads/{id}", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), request_body = AdInput, responses((status = 200, body = AdDetail), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_ad(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(input): Json<AdInput>,
) -> Result<Json<AdDetail>, AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    let ad = ads::update(&state.db, actor, ctx.ip(), &org, &id, &input).await?;
    Ok(Json(detail(&state, &org, ad).await?))
}

/// Submits a draft: for approval where the organisation requires it, else scheduled or
/// published.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/job-ads/{id}/submit", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 200, body = AdDetail), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn submit_ad(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Json<AdDetail>, AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    let ad = ads::submit(&state.db, actor, ctx.ip(), &org, &id).await?;
    Ok(Json(detail(&state, &org, ad).await?))
}

#[derive(Deserialize, ToSchema)]
struct Decision {
    approve: bool,
    /// Required when returning the ad to the recruiter.
    note: Option<String>,
}

/// A hiring manager approves an ad or returns it with a note.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/job-ads/{id}/decision", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), request_body = Decision, responses((status = 200, body = AdDetail), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn decide_ad(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(d): Json<Decision>,
) -> Result<Json<AdDetail>, AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::ApproveAds).await?;
    let ad =
        ads::decide(&state.db, actor, ctx.ip(), &org, &id, d.approve, d.note.as_deref()).await?;
    Ok(Json(detail(&state, &org, ad).await?))
}

#[derive(Deserialize, ToSchema)]
struct Action {
    /// `close` (a public ad, before its deadline), `archive` (a closed ad) or `withdraw` (a
    /// scheduled or waiting ad back to draft). Read as a word so an unknown one is
    /// `action-invalid`, not a bare JSON error.
    #[schema(value_type = ads::AdAction)]
    action: String,
    note: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/orgs/{slug}/job-ads/{id}/actions", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), request_body = Action, responses((status = 200, body = AdDetail), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn act_on_ad(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(a): Json<Action>,
) -> Result<Json<AdDetail>, AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    let action: ads::AdAction = a.action.parse()?;
    let ad = ads::act(&state.db, actor, ctx.ip(), &org, &id, action, a.note.as_deref()).await?;
    Ok(Json(detail(&state, &org, ad).await?))
}

#[derive(Deserialize, ToSchema)]
struct Extension {
    /// The new deadline, Helsinki local `YYYY-MM-DDTHH:MM`.
    deadline: String,
    note: String,
}

/// Extends a public ad's deadline, or reopens a closed ad with a new one; a note is required.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/job-ads/{id}/extend", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), request_body = Extension, responses((status = 200, body = AdDetail), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn extend_ad(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(e): Json<Extension>,
) -> Result<Json<AdDetail>, AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    let ad = ads::extend(&state.db, actor, ctx.ip(), &org, &id, &e.deadline, &e.note).await?;
    Ok(Json(detail(&state, &org, ad).await?))
}

/// A new draft with this ad's (or template's) content.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/job-ads/{id}/copy", tag = "recruitment", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 201, body = AdDetail), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn copy_ad(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<(StatusCode, Json<AdDetail>), AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    let ad = ads::copy(&state.db, actor, ctx.ip(), &org, &id).await?;
    Ok((StatusCode::CREATED, Json(detail(&state, &org, ad).await?)))
}

#[utoipa::path(get, path = "/api/v1/orgs/{slug}/recruitment/settings", tag = "recruitment", params(("slug" = String, Path)), responses((status = 200, body = RecruitmentSettings), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<RecruitmentSettings>, AppError> {
    let org =
        ads::recruitment_org(&state.db, ctx.actor()?, &slug, Permission::ManageRecruitment).await?;
    Ok(Json(settings::get(&state.db, &org.id).await?))
}

#[utoipa::path(put, path = "/api/v1/orgs/{slug}/recruitment/settings", tag = "recruitment", params(("slug" = String, Path)), request_body = RecruitmentSettings, responses((status = 200, body = RecruitmentSettings), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn put_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<RecruitmentSettings>,
) -> Result<Json<RecruitmentSettings>, AppError> {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    Ok(Json(settings::update(&state.db, actor, ctx.ip(), &org, &input).await?))
}
