//! People of an organisation: invitations, roles, deactivation.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use tupa_core::authz::Permission;
use tupa_core::i18n::Lang;
use tupa_core::manage::{self, Invitation, RoleInput};
use tupa_core::organisations::people::{self, Grant, Member};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, invite_user))
        .routes(routes!(get_user))
        .routes(routes!(set_roles))
        .routes(routes!(set_active))
        .routes(routes!(resend_invitation))
}

#[derive(Serialize, ToSchema)]
pub struct Person {
    #[serde(flatten)]
    pub member: Member,
    pub roles: Vec<Grant>,
}

async fn person(state: &AppState, org_id: &str, member: Member) -> Result<Person, AppError> {
    let roles = people::current_grants(&state.db, org_id, &member.user_id).await?;
    Ok(Person { member, roles })
}

/// People in the organisation with their current roles (main admins).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/users", tag = "people", params(("slug" = String, Path)), responses((status = 200, body = Vec<Person>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_users(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Person>>, AppError> {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ManageUsers).await?;
    let mut out = vec![];
    for m in people::members(&state.db, &org.id).await? {
        out.push(person(&state, &org.id, m).await?);
    }
    Ok(Json(out))
}

#[derive(Deserialize, ToSchema)]
pub struct NewInvitation {
    pub email: String,
    pub display_name: String,
    pub roles: Vec<RoleInput>,
    /// Language of the invitation mail: fi, sv or en.
    pub language: Option<String>,
}

/// Invites a person with roles; they get an e-mail link to set a password.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/users", tag = "people", params(("slug" = String, Path)), request_body = NewInvitation, responses((status = 201, body = Person), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn invite_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewInvitation>,
) -> Result<(StatusCode, Json<Person>), AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageUsers).await?;
    let lang = input.language.as_deref().and_then(Lang::parse).unwrap_or(ctx.lang);
    let inv = Invitation {
        email: &input.email,
        display_name: &input.display_name,
        roles: &input.roles,
        lang,
    };
    let user_id =
        manage::invite_user(&state.db, &state.settings, actor, ctx.ip(), &org, inv).await?;
    let member = people::member(&state.db, &org.id, &user_id).await?;
    Ok((StatusCode::CREATED, Json(person(&state, &org.id, member).await?)))
}

/// One person in the organisation.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/users/{user_id}", tag = "people", params(("slug" = String, Path), ("user_id" = String, Path)), responses((status = 200, body = Person), (status = 404, body = ApiErrorBody)))]
async fn get_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
) -> Result<Json<Person>, AppError> {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ManageUsers).await?;
    let member = people::member(&state.db, &org.id, &user_id).await?;
    Ok(Json(person(&state, &org.id, member).await?))
}

/// Replaces the person's roles in the organisation.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/users/{user_id}/roles", tag = "people", params(("slug" = String, Path), ("user_id" = String, Path)), request_body = Vec<RoleInput>, responses((status = 200, body = Person), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn set_roles(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
    Json(roles): Json<Vec<RoleInput>>,
) -> Result<Json<Person>, AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageUsers).await?;
    manage::set_user_roles(&state.db, actor, ctx.ip(), &org, &user_id, &roles).await?;
    let member = people::member(&state.db, &org.id, &user_id).await?;
    Ok(Json(person(&state, &org.id, member).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ActiveInput {
    pub active: bool,
}

/// Deactivates or reactivates the person in the organisation; history stays.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/users/{user_id}/active", tag = "people", params(("slug" = String, Path), ("user_id" = String, Path)), request_body = ActiveInput, responses((status = 200, body = Person), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn set_active(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
    Json(input): Json<ActiveInput>,
) -> Result<Json<Person>, AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageUsers).await?;
    manage::set_user_active(&state.db, actor, ctx.ip(), &org, &user_id, input.active).await?;
    let member = people::member(&state.db, &org.id, &user_id).await?;
    Ok(Json(person(&state, &org.id, member).await?))
}

/// Sends a new invitation link to a person who has not yet accepted.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/users/{user_id}/invitation", tag = "people", params(("slug" = String, Path), ("user_id" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn resend_invitation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageUsers).await?;
    manage::resend_invitation(&state.db, &state.settings, actor, ctx.ip(), &org, &user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
