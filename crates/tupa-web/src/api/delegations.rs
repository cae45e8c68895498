//! Delegated administration (issue 13; see `tupa_core::delegations`): the grants a main admin
//! gives the operator, and their revocation.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use tupa_core::delegations::{self, Delegation, NewDelegation};
use tupa_core::organisations;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, grant)).routes(routes!(revoke))
}

async fn org_of(state: &AppState, slug: &str) -> Result<organisations::Organisation, AppError> {
    Ok(organisations::by_slug(&state.db, slug).await?.ok_or(tupa_core::Error::NotFound)?)
}

/// The organisation's grants to the operator, newest first (main admins and platform admins).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/delegations", tag = "organisations", params(("slug" = String, Path)), responses((status = 200, body = Vec<Delegation>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Delegation>>, AppError> {
    let org = org_of(&state, &slug).await?;
    Ok(Json(delegations::list(&state.db, ctx.actor()?, &org, tupa_core::db::now()).await?))
}

/// Grants the operator rights until a date (at most a year ahead), with a reason (main
/// admins only). A new grant renews: the operator may act while any grant is in force.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/delegations", tag = "organisations", params(("slug" = String, Path)), request_body = NewDelegation, responses((status = 201, body = Delegation), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn grant(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewDelegation>,
) -> Result<(StatusCode, Json<Delegation>), AppError> {
    let org = org_of(&state, &slug).await?;
    let d =
        delegations::grant(&state.db, ctx.actor()?, ctx.ip(), &org, &input, tupa_core::db::now())
            .await?;
    Ok((StatusCode::CREATED, Json(d)))
}

/// Ends a grant at once (main admins only).
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/delegations/{id}", tag = "organisations", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let org = org_of(&state, &slug).await?;
    delegations::revoke(&state.db, ctx.actor()?, ctx.ip(), &org, &id, tupa_core::db::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
