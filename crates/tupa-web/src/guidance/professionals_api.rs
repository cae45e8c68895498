//! The API of professionals in a space: the counsellor proposes, the client consents or
//! declines, the professional joins with the mailed link, the client or counsellor revokes.
//! Everything goes through `guidance::access`, so another space's ids answer 404.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use tupa_core::guidance::access::{self, SpaceRole};
use tupa_core::guidance::professionals::{self, ConsentDecision, NewProfessional, Professional};
use tupa_core::guidance::spaces::Space;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_professionals, propose_professional))
        .routes(routes!(decide_consent))
        .routes(routes!(revoke_consent))
        .routes(routes!(join_space))
}

/// The space's proposed professionals and the client's consents, newest first. For the
/// counsellor and the client (a professional is not shown the others).
#[utoipa::path(get, path = "/api/v1/spaces/{id}/professionals", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<Professional>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_professionals(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<Professional>>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    if place.role == SpaceRole::Professional {
        return Err(tupa_core::Error::Forbidden.into());
    }
    Ok(Json(professionals::list(&state.db, &place.space).await?))
}

/// The counsellor proposes a professional of another organisation; the client is asked for
/// consent in the space. Nothing is sent to the professional before the client consents.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/professionals", tag = "guidance", params(("id" = String, Path)), request_body = NewProfessional, responses((status = 201, body = Professional), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn propose_professional(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<NewProfessional>,
) -> Result<(StatusCode, Json<Professional>), AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let pro = professionals::propose(&state.db, &state.settings, actor, &place, &input).await?;
    Ok((StatusCode::CREATED, Json(pro)))
}

/// The client's answer to a proposal.
#[derive(Deserialize, ToSchema)]
pub struct ConsentInput {
    /// `consent` or `decline`. Read as a word, so an unknown one is `request-invalid` on
    /// `decision` (a field error, not a bare JSON one).
    #[schema(value_type = ConsentDecision)]
    pub decision: String,
}

/// The client consents to (or declines) a proposed professional. On consent the
/// professional is mailed a join link and sees the space from this moment on.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/professionals/{professional_id}/consent", tag = "guidance", params(("id" = String, Path), ("professional_id" = String, Path)), request_body = ConsentInput, responses((status = 200, body = Professional), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn decide_consent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, professional_id)): Path<(String, String)>,
    Json(input): Json<ConsentInput>,
) -> Result<Json<Professional>, AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let decision: ConsentDecision = input.decision.parse()?;
    let pro = professionals::decide(
        &state.db,
        &state.settings,
        actor,
        &place,
        &professional_id,
        decision,
    )
    .await?;
    Ok(Json(pro))
}

/// The client or the counsellor revokes the consent (or withdraws the proposal): a joined
/// professional loses access at once, pages, API and live socket alike.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/professionals/{professional_id}/revoke", tag = "guidance", params(("id" = String, Path), ("professional_id" = String, Path)), responses((status = 200, body = Professional), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn revoke_consent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, professional_id)): Path<(String, String)>,
) -> Result<Json<Professional>, AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    Ok(Json(professionals::revoke(&state.db, actor, &place, &professional_id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct JoinInput {
    /// The token of the join link mailed to the professional (`/spaces/professional/{token}`).
    pub token: String,
}

/// The professional joins the space with the mailed link's token, signed in with the account
/// of the address the counsellor proposed (anyone else is refused).
#[utoipa::path(post, path = "/api/v1/space-professional-joins", tag = "guidance", request_body = JoinInput, responses((status = 200, body = Space), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn join_space(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<JoinInput>,
) -> Result<Json<Space>, AppError> {
    let actor = ctx.actor()?;
    match professionals::join(&state.db, actor, &input.token, ctx.ip()).await {
        Ok(space) => Ok(Json(space)),
        // An unknown, used or revoked link is like an unknown id.
        Err(e) if e.code() == "link-invalid" => Err(tupa_core::Error::NotFound.into()),
        Err(e) => Err(e.into()),
    }
}
