//! Accessibility statements (issue 9; see `tupa_core::accessibility`): the installation's,
//! kept by the operator, and each organisation's, kept by its main admins. The statements are
//! public on `/accessibility` and `/accessibility/{slug}`; the API is for those who keep them.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use tupa_core::Error;
use tupa_core::accessibility::{self, Authority, Scope, Statement, StatementInput};
use tupa_core::authz::{Permission, PlatformPermission};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_installation, put_installation))
        .routes(routes!(get_org, put_org))
}

#[derive(Serialize, ToSchema)]
pub struct StatementBody {
    /// Absent until someone prepares the statement.
    pub statement: Option<Statement>,
    /// The authority that supervises the law, in the caller's language.
    pub supervising_authority: Authority,
}

fn body(ctx: &Ctx, statement: Option<Statement>) -> Json<StatementBody> {
    Json(StatementBody { statement, supervising_authority: accessibility::authority(ctx.lang) })
}

/// The installation's accessibility statement (platform admins).
#[utoipa::path(get, path = "/api/v1/accessibility-statement", tag = "accessibility", responses((status = 200, body = StatementBody), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn get_installation(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<StatementBody>, AppError> {
    if !ctx.actor()?.can_platform(PlatformPermission::ManageOrganisations) {
        return Err(Error::Forbidden.into());
    }
    Ok(body(&ctx, accessibility::get(&state.db, Scope::Installation).await?))
}

/// Prepares or revises the installation's statement (platform admins).
#[utoipa::path(put, path = "/api/v1/accessibility-statement", tag = "accessibility", request_body = StatementInput, responses((status = 200, body = StatementBody), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 415, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn put_installation(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<StatementInput>,
) -> Result<Json<StatementBody>, AppError> {
    let actor = ctx.actor()?;
    let s = accessibility::save(&state.db, actor, ctx.ip(), Scope::Installation, &input).await?;
    Ok(body(&ctx, Some(s)))
}

/// The organisation's accessibility statement (its people).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/accessibility-statement", tag = "accessibility", params(("slug" = String, Path)), responses((status = 200, body = StatementBody), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<StatementBody>, AppError> {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    Ok(body(&ctx, accessibility::get(&state.db, Scope::Organisation(&org)).await?))
}

/// Prepares or revises the organisation's statement (main admins).
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/accessibility-statement", tag = "accessibility", params(("slug" = String, Path)), request_body = StatementInput, responses((status = 200, body = StatementBody), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 415, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn put_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<StatementInput>,
) -> Result<Json<StatementBody>, AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    let s =
        accessibility::save(&state.db, actor, ctx.ip(), Scope::Organisation(&org), &input).await?;
    Ok(body(&ctx, Some(s)))
}
