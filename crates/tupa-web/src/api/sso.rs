//! The organisation's single sign-on provider for staff (main admins). The client secret is
//! write-only: answers say only whether one is set.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use tupa_core::identity::staff_sso::{SsoInput, SsoView, settings};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_sso, set_sso, clear_sso))
}

/// The provider, its rules and the redirect URI to register there (never the secret).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/sso", tag = "organisations", params(("slug" = String, Path)), responses((status = 200, body = SsoView), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_sso(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<SsoView>, AppError> {
    let (_, view) = settings::view(&state.db, &state.settings, ctx.actor()?, &slug).await?;
    Ok(Json(view))
}

/// Saves the provider (main admins). An empty or absent secret keeps the stored one; at
/// least one rule (e-mail domains, or a group claim with groups) is required.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/sso", tag = "organisations", params(("slug" = String, Path)), request_body = SsoInput, responses((status = 200, body = SsoView), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn set_sso(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<SsoInput>,
) -> Result<Json<SsoView>, AppError> {
    let actor = ctx.actor()?;
    let org = settings::admin_org(&state.db, actor, &slug).await?;
    Ok(Json(settings::save(&state.db, &state.settings, actor, ctx.ip(), &org, &input).await?))
}

/// Removes the provider: staff sign in with password + TOTP only.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/sso", tag = "organisations", params(("slug" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn clear_sso(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = settings::admin_org(&state.db, actor, &slug).await?;
    settings::clear(&state.db, &state.settings, actor, ctx.ip(), &org).await?;
    Ok(StatusCode::NO_CONTENT)
}
