//! Organisations, their settings and unit trees.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use tupa_core::authz::{Permission, PlatformPermission};
use tupa_core::manage::{self, UnitChange};
use tupa_core::organisations::units::{self, Unit};
use tupa_core::organisations::{self, Organisation};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_orgs, create_org))
        .routes(routes!(get_org, update_org))
        .routes(routes!(update_settings))
        .routes(routes!(list_units, create_unit))
        .routes(routes!(change_unit))
}

/// Organisations the caller belongs to (every organisation, for platform admins).
#[utoipa::path(get, path = "/api/v1/orgs", tag = "organisations", responses((status = 200, body = Vec<Organisation>)))]
async fn list_orgs(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<Organisation>>, AppError> {
    let actor = ctx.actor()?;
    let all = organisations::list_all(&state.db).await?;
    let visible = if actor.can_platform(PlatformPermission::ManageOrganisations) {
        all
    } else {
        all.into_iter().filter(|o| actor.is_member(&o.id)).collect()
    };
    Ok(Json(visible))
}

#[derive(Deserialize, ToSchema)]
pub struct NewOrganisation {
    pub slug: String,
    pub name: String,
    /// Plan slug, for example `full`.
    pub plan: Option<String>,
}

/// Creates a customer organisation (platform admins).
#[utoipa::path(post, path = "/api/v1/orgs", tag = "organisations", request_body = NewOrganisation, responses((status = 201, body = Organisation), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<NewOrganisation>,
) -> Result<(StatusCode, Json<Organisation>), AppError> {
    let org = manage::create_organisation(
        &state.db,
        ctx.actor()?,
        ctx.ip(),
        &input.slug,
        &input.name,
        input.plan.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(org)))
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}", tag = "organisations", params(("slug" = String, Path)), responses((status = 200, body = Organisation), (status = 404, body = ApiErrorBody)))]
async fn get_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Organisation>, AppError> {
    Ok(Json(ctx.actor()?.organisation(&state.db, &slug, Permission::ViewOrganisation).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct OrganisationUpdate {
    pub name: String,
    pub plan: Option<String>,
}

/// Renames an organisation or assigns its plan (platform admins).
#[utoipa::path(patch, path = "/api/v1/orgs/{slug}", tag = "organisations", params(("slug" = String, Path)), request_body = OrganisationUpdate, responses((status = 200, body = Organisation), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn update_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<OrganisationUpdate>,
) -> Result<Json<Organisation>, AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    manage::update_organisation(
        &state.db,
        actor,
        ctx.ip(),
        &org,
        &input.name,
        input.plan.as_deref(),
    )
    .await?;
    Ok(Json(organisations::by_id(&state.db, &org.id).await?))
}

/// The settings. The privacy fields are optional: one left out keeps its value (clients
/// written before the per-language notices and the data-protection contact change nothing
/// they do not know about); an empty string clears it. Notices must be https addresses.
#[derive(Deserialize, ToSchema)]
pub struct SettingsUpdate {
    /// The privacy notice in Finnish, and the fallback for the other languages (https).
    pub privacy_notice_url: Option<String>,
    /// The privacy notice in Swedish (https).
    pub privacy_notice_url_sv: Option<String>,
    /// The privacy notice in English (https).
    pub privacy_notice_url_en: Option<String>,
    /// The data-protection contact: a name needs an e-mail, phone or address with it.
    pub dpo_name: Option<String>,
    pub dpo_email: Option<String>,
    pub dpo_phone: Option<String>,
    pub dpo_address: Option<String>,
    #[serde(default)]
    pub business_id: String,
}

impl SettingsUpdate {
    fn privacy(&self) -> tupa_core::organisations::privacy::PrivacyInput {
        tupa_core::organisations::privacy::PrivacyInput {
            privacy_notice_url: self.privacy_notice_url.clone(),
            privacy_notice_url_sv: self.privacy_notice_url_sv.clone(),
            privacy_notice_url_en: self.privacy_notice_url_en.clone(),
            dpo_name: self.dpo_name.clone(),
            dpo_email: self.dpo_email.clone(),
            dpo_phone: self.dpo_phone.clone(),
            dpo_address: self.dpo_address.clone(),
        }
    }
}

/// Changes the organisation's settings (main admins when the plan allows, platform admins).
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/settings", tag = "organisations", params(("slug" = String, Path)), request_body = SettingsUpdate, responses((status = 200, body = Organisation), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<SettingsUpdate>,
) -> Result<Json<Organisation>, AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    manage::update_settings(&state.db, actor, ctx.ip(), &org, &input.privacy(), &input.business_id)
        .await?;
    Ok(Json(organisations::by_id(&state.db, &org.id).await?))
}

/// The organisation's units, live and retired.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/units", tag = "organisations", params(("slug" = String, Path)), responses((status = 200, body = Vec<Unit>), (status = 404, body = ApiErrorBody)))]
async fn list_units(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Unit>>, AppError> {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    Ok(Json(units::list(&state.db, &org.id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct NewUnit {
    pub name: String,
    pub parent_id: Option<String>,
}

/// Adds a unit (main admins).
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/units", tag = "organisations", params(("slug" = String, Path)), request_body = NewUnit, responses((status = 201, body = Unit), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewUnit>,
) -> Result<(StatusCode, Json<Unit>), AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    let unit = manage::create_unit(
        &state.db,
        actor,
        ctx.ip(),
        &org,
        &input.name,
        input.parent_id.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(unit)))
}

/// Renames, moves, retires or restores a unit (main admins).
#[utoipa::path(patch, path = "/api/v1/orgs/{slug}/units/{unit_id}", tag = "organisations", params(("slug" = String, Path), ("unit_id" = String, Path)), request_body = UnitChange, responses((status = 200, body = Unit), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn change_unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, unit_id)): Path<(String, String)>,
    Json(change): Json<UnitChange>,
) -> Result<Json<Unit>, AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    Ok(Json(manage::change_unit(&state.db, actor, ctx.ip(), &org, &unit_id, change).await?))
}
