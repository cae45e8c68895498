//! Retention rules per organisation and the preview of what a maintenance run would delete
//! (issue 9; see `tupa_core::retention`).

use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use tupa_core::Error;
use tupa_core::authz::Permission;
use tupa_core::retention::{self, Change, Preview, Rule};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_rules, update_rules)).routes(routes!(preview))
}

/// The organisation's retention rules, one per data type (main admins).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/retention", tag = "organisations", params(("slug" = String, Path)), responses((status = 200, body = Vec<Rule>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_rules(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Rule>>, AppError> {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ManageSettings).await?;
    Ok(Json(retention::rules(&state.db, &org.id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct RulesInput {
    /// The rules to change; `"days": null` returns a data type to its default.
    pub rules: Vec<Change>,
}

/// Changes retention rules (main admins); each within its data type's `min_days`–`max_days`.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/retention", tag = "organisations", params(("slug" = String, Path)), request_body = RulesInput, responses((status = 200, body = Vec<Rule>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_rules(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<RulesInput>,
) -> Result<Json<Vec<Rule>>, AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageSettings).await?;
    Ok(Json(retention::update(&state.db, actor, ctx.ip(), &org, &input.rules).await?))
}

#[derive(Deserialize, IntoParams)]
pub struct PreviewParams {
    /// The moment (RFC 3339, for example `2030-01-01T00:00:00Z`); default now.
    pub at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PreviewBody {
    /// The moment previewed, Unix seconds.
    pub at: i64,
    /// Per data type, how many records a maintenance run at that moment would delete.
    pub counts: Vec<Preview>,
}

/// What a maintenance run at `at` would delete in the organisation, as counts per data type
/// (main admins). Counted with the same conditions the run deletes with.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/retention/preview", tag = "organisations", params(("slug" = String, Path), PreviewParams), responses((status = 200, body = PreviewBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn preview(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(params): Query<PreviewParams>,
) -> Result<Json<PreviewBody>, AppError> {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ManageSettings).await?;
    let at = match params.at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => tupa_core::db::now(),
        Some(s) => time::OffsetDateTime::parse(s, &Rfc3339)
            .map_err(|_| Error::invalid("at", "retention-at-invalid"))?
            .unix_timestamp(),
    };
    let counts = retention::preview(&state.db, &org.id, at).await?;
    Ok(Json(PreviewBody { at, counts }))
}
