//! The guidance API: opening spaces (blank or from a desk ticket), reading them and their
//! conversation. Everything goes through `guidance::access`, so a space id that is not the
//! caller's answers 404 whatever it is.

use axum::Json;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tupa_core::authz::Permission;
use tupa_core::desk::work;
use tupa_core::guidance::access::{self, SpaceStatus};
use tupa_core::guidance::calls::{self, CallConfig};
use tupa_core::guidance::messages::{self, SpaceMessage};
use tupa_core::guidance::spaces::{self, Listed, NewSpace, Opened, Space};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::form_data::FormData;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(open_space, list_spaces))
        .routes(routes!(space_from_ticket))
        .routes(routes!(get_space))
        .routes(routes!(space_status))
        .routes({
            // Files come as multipart: the desk's limit for one message's files, plus the form.
            let (schemas, paths, route) = routes!(list_messages, post_message);
            (
                schemas,
                paths,
                route.layer(axum::extract::DefaultBodyLimit::max(
                    tupa_core::desk::uploads::MAX_TOTAL_BYTES + 1024 * 1024,
                )),
            )
        })
        .routes(routes!(call_config))
        .merge(super::tasks_api::router())
        .merge(super::templates_api::router())
        .merge(super::calls::api_router())
        .merge(super::professionals_api::router())
        .merge(super::supervision::api_router())
}

/// ICE servers for a video call in the space, with time-limited TURN credentials (TURN REST
/// API scheme, as coturn implements it). Members only.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/call-config", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = CallConfig), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn call_config(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<CallConfig>, AppError> {
    let actor = ctx.actor()?;
    access::enter(&state.db, actor, &id).await?;
    let config =
        calls::call_config(state.settings.turn.as_ref(), &actor.user.id, tupa_core::db::now());
    Ok(Json(config))
}

/// Opens a guidance space for a client, who is invited by email; the answer carries the
/// one-time `invite_url` (the same link as in the mail).
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/spaces", tag = "guidance", params(("slug" = String, Path)), request_body = NewSpace, responses((status = 201, body = Opened), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn open_space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewSpace>,
) -> Result<(StatusCode, Json<Opened>), AppError> {
    let actor = ctx.actor()?;
    let org = access::guidance_org(&state.db, actor, &slug).await?;
    let opened = spaces::open(&state.db, &state.settings, actor, &org, &input, ctx.lang).await?;
    Ok((StatusCode::CREATED, Json(opened)))
}

/// The caller's spaces in the organisation, newest activity first.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/spaces", tag = "guidance", params(("slug" = String, Path)), responses((status = 200, body = Vec<Listed>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_spaces(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Listed>>, AppError> {
    let actor = ctx.actor()?;
    let org = access::guidance_org(&state.db, actor, &slug).await?;
    Ok(Json(spaces::list_for_member(&state.db, &actor.user.id, Some(&org.id), 500).await?))
}

/// Turns a desk ticket into a guidance space with one call: the public conversation so far
/// comes along, the ticket links to the space, and the customer is invited. Needs both the
/// desk and the counsellor role.
#[utoipa::path(post, path = "/api/v1/tickets/{case_number}/space", tag = "guidance", params(("case_number" = String, Path)), responses((status = 201, body = Opened), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn space_from_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
) -> Result<(StatusCode, Json<Opened>), AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    if !actor.can(Permission::WorkGuidance, &org) {
        return Err(tupa_core::Error::Forbidden.into());
    }
    access::guidance_org(&state.db, actor, &org.slug).await?;
    let opened =
        spaces::open_from_ticket(&state.db, &state.settings, actor, &org, &ticket, ctx.lang)
            .await?;
    Ok((StatusCode::CREATED, Json(opened)))
}

/// A space the caller is a member of, with its `status` (`open`, `closed`, `archived`).
#[utoipa::path(get, path = "/api/v1/spaces/{id}", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Space), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_space(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Space>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    super::audit_read(&state, &ctx, &place).await?;
    Ok(Json(place.space))
}

#[derive(Deserialize, ToSchema)]
pub struct StatusChange {
    /// `open` to reopen a closed space, `closed` to close an open one. Read as a word, so an
    /// unknown one is `status-invalid` (a field error, not a bare JSON one).
    #[schema(value_type = SpaceStatus)]
    pub status: String,
}

/// The counsellor closes the space or reopens it.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/status", tag = "guidance", params(("id" = String, Path)), request_body = StatusChange, responses((status = 200, body = Space), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn space_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(change): Json<StatusChange>,
) -> Result<Json<Space>, AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    if place.role != tupa_core::guidance::SpaceRole::Counsellor {
        return Err(tupa_core::Error::Forbidden.into());
    }
    let open = match change.status.parse::<SpaceStatus>()? {
        SpaceStatus::Open => true,
        SpaceStatus::Closed => false,
        SpaceStatus::Archived => {
            return Err(tupa_core::Error::invalid("status", "space-status-changed").into());
        }
    };
    spaces::set_open(&state.db, actor, &place.space, open).await?;
    Ok(Json(access::enter(&state.db, actor, &id).await?.space))
}

/// The conversation, oldest first (the newest 500 messages). Reading it marks it read.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/messages", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<SpaceMessage>), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_messages(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<SpaceMessage>>, AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    super::audit_read(&state, &ctx, &place).await?;
    let mut list = messages::list(&state.db, &place.space, 500).await?;
    list.retain(|m| place.sees(m.created_at));
    messages::mark_read(&state.db, &place.space, &actor.user.id).await?;
    Ok(Json(list))
}

#[derive(Deserialize, ToSchema)]
pub struct NewMessage {
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
}

/// A message with files, as `multipart/form-data`: every file part is an attachment (at most
/// 5, the desk's types, 10 MiB each and 20 MiB together); `body` may be empty when files come.
#[derive(ToSchema)]
#[allow(dead_code)] // Describes the multipart form in the OpenAPI document; FormData reads it.
pub struct NewMessageWithFiles {
    #[schema(max_length = 10000)]
    pub body: String,
    #[schema(value_type = Vec<String>, format = Binary, max_items = 5)]
    pub files: Vec<Vec<u8>>,
}

/// Writes in the conversation, as JSON `{"body"}` or as a multipart form with files; every
/// open live socket of the space hears it.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/messages", tag = "guidance", params(("id" = String, Path)), request_body(content((NewMessage = "application/json"), (NewMessageWithFiles = "multipart/form-data"))), responses((status = 201, body = SpaceMessage), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 413, body = ApiErrorBody), (status = 415, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn post_message(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"));
    let (body, files) = if multipart {
        let data = FormData::from_request(req, &state).await?;
        let body = data.pairs.iter().find(|(k, _)| k == "body").map(|(_, v)| v.clone());
        (body.unwrap_or_default(), data.files.into_iter().map(|(_, name, b)| (name, b)).collect())
    } else {
        match Json::<NewMessage>::from_request(req, &state).await {
            Ok(Json(input)) => (input.body, vec![]),
            Err(rejection) => return Ok(rejection.into_response()),
        }
    };
    let message = messages::post(&state.db, &state.settings, actor, &place, &body, files).await?;
    Ok((StatusCode::CREATED, Json(message)).into_response())
}
