//! The caller: `/api/v1/me`, own sessions and API tokens.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use tupa_core::i18n::Lang;
use tupa_core::identity;
use tupa_core::identity::sessions::{self, Session};
use tupa_core::identity::tokens::{self, ApiToken};
use tupa_core::organisations::people::Role;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_me, update_me))
        .routes(routes!(list_sessions))
        .routes(routes!(revoke_session))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
}

#[derive(Serialize, ToSchema)]
pub struct MeOrganisation {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub roles: Vec<Role>,
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub language: Option<String>,
    pub totp_enabled: bool,
    pub platform_admin: bool,
    pub organisations: Vec<MeOrganisation>,
}

fn me_of(ctx: &Ctx) -> Result<Me, AppError> {
    let actor = ctx.actor()?;
    let mut orgs: Vec<MeOrganisation> = vec![];
    for m in &actor.memberships {
        match orgs.iter_mut().find(|o| o.id == m.org_id) {
            Some(o) => o.roles.push(m.role),
            None => orgs.push(MeOrganisation {
                id: m.org_id.clone(),
                slug: m.org_slug.clone(),
                name: m.org_name.clone(),
                roles: vec![m.role],
            }),
        }
    }
    for o in &mut orgs {
        // Alphabetical by word, as the API listed them before roles were a closed set.
        o.roles.sort_by_key(|r| r.as_str());
        o.roles.dedup();
    }
    Ok(Me {
        id: actor.user.id.clone(),
        email: actor.user.email.clone(),
        display_name: actor.user.display_name.clone(),
        language: actor.user.locale.clone(),
        totp_enabled: actor.user.totp_enabled,
        platform_admin: actor.is_platform_admin(),
        organisations: orgs,
    })
}

/// The caller: id, e-mail, organisations and roles.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", responses((status = 200, body = Me), (status = 401, body = ApiErrorBody)))]
async fn get_me(ctx: Ctx) -> Result<Json<Me>, AppError> {
    Ok(Json(me_of(&ctx)?))
}

#[derive(Deserialize, ToSchema)]
pub struct MeUpdate {
    pub display_name: Option<String>,
    /// fi, sv or en
    pub language: Option<String>,
}

/// Changes one's own name or language.
#[utoipa::path(patch, path = "/api/v1/me", tag = "me", request_body = MeUpdate, responses((status = 200, body = Me), (status = 422, body = ApiErrorBody)))]
async fn update_me(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<MeUpdate>,
) -> Result<Json<Me>, AppError> {
    let actor = ctx.actor()?;
    if let Some(name) = &input.display_name {
        let name = identity::parse_display_name(name)?;
        identity::set_display_name(&state.db, &actor.user.id, &name).await?;
    }
    if let Some(lang) = &input.language {
        let lang =
            Lang::parse(lang).ok_or(tupa_core::Error::invalid("language", "language-invalid"))?;
        identity::set_locale(&state.db, &actor.user.id, lang).await?;
    }
    let user = identity::get(&state.db, &actor.user.id).await?;
    let fresh = tupa_core::authz::Actor::load(
        &state.db,
        user,
        actor.session_id.clone(),
        actor.token_id.clone(),
    )
    .await?;
    let ctx = Ctx { actor: Some(std::sync::Arc::new(fresh)), ..ctx };
    Ok(Json(me_of(&ctx)?))
}

/// One's live browser sessions.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "me", responses((status = 200, body = Vec<Session>)))]
async fn list_sessions(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<Session>>, AppError> {
    Ok(Json(sessions::list_for_user(&state.db, &ctx.actor()?.user.id).await?))
}

/// Ends one of one's own sessions.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "me", params(("id" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn revoke_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    if sessions::revoke(&state.db, &ctx.actor()?.user.id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(tupa_core::Error::NotFound.into())
    }
}

/// One's live API tokens (never their secrets).
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "me", responses((status = 200, body = Vec<ApiToken>)))]
async fn list_tokens(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<ApiToken>>, AppError> {
    Ok(Json(tokens::list_for_user(&state.db, &ctx.actor()?.user.id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct NewToken {
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedToken {
    pub token: ApiToken,
    /// Shown only in this response.
    pub secret: String,
}

/// Creates an API token for oneself.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "me", request_body = NewToken, responses((status = 201, body = CreatedToken), (status = 422, body = ApiErrorBody)))]
async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(input): Json<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), AppError> {
    let actor = ctx.actor()?;
    let name = tokens::parse_name(&input.name)?;
    let (token, secret) = tokens::create(&state.db, &actor.user.id, &name).await?;
    tupa_core::audit::record_now(
        &state.db,
        None,
        &tupa_core::audit::By::user(&actor.user, ctx.ip()),
        tupa_core::audit::Action::TokenCreated,
        Some((tupa_core::audit::Target::Token, &token.id)),
        serde_json::json!({"name": name}),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, secret })))
}

/// Revokes one of one's own tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "me", params(("id" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    if !tokens::revoke(&state.db, &actor.user.id, &id).await? {
        return Err(tupa_core::Error::NotFound.into());
    }
    tupa_core::audit::record_now(
        &state.db,
        None,
        &tupa_core::audit::By::user(&actor.user, ctx.ip()),
        tupa_core::audit::Action::TokenRevoked,
        Some((tupa_core::audit::Target::Token, &id)),
        serde_json::json!({}),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
