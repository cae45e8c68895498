//! The meter and feedback API: an organisation's instruments, a space's meter and its
//! answers, and client feedback. Space routes go through `guidance::access`, so a space that is
//! not the caller's answers 404 whatever it is; the roles inside it decide the rest (only the
//! client answers and gives feedback, only the counsellor chooses and asks).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use tupa_core::authz::Permission;
use tupa_core::guidance::access;
use tupa_core::guidance::feedback::{self, FeedbackStatus, NewFeedback};
use tupa_core::guidance::meter::{self, Instrument, NewInstrument};
use tupa_core::guidance::meter_answers::{self, MeterAnswer, MeterChoice, NewAnswer, SpaceMeter};
use tupa_core::organisations::Organisation;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_meters, load_meter))
        .routes(routes!(get_space_meter, choose_space_meter))
        .routes(routes!(list_answers, post_answer))
        .routes(routes!(feedback_status, give_feedback))
        .routes(routes!(ask_feedback))
}

/// The organisation for listing its meters: its main admin (who loads them) or a counsellor
/// (who chooses among them).
async fn meters_org(state: &AppState, ctx: &Ctx, slug: &str) -> Result<Organisation, AppError> {
    let actor = ctx.actor()?;
    let org = tupa_core::organisations::by_slug(&state.db, slug)
        .await?
        .ok_or(tupa_core::Error::NotFound)?;
    if actor.can(Permission::WorkGuidance, &org) {
        return Ok(access::guidance_org(&state.db, actor, slug).await?);
    }
    actor.check(Permission::ManageSettings, &org)?;
    Ok(org)
}

/// The life-situation meters available to the organisation: Tupa's own (`tupa-default`) and
/// the organisation's, with `org_default` on the one spaces use unless their counsellor chose
/// another. Main admin and counsellors.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/meters", tag = "guidance", params(("slug" = String, Path)), responses((status = 200, body = Vec<Instrument>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_meters(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Instrument>>, AppError> {
    let org = meters_org(&state, &ctx, &slug).await?;
    Ok(Json(meter::list(&state.db, &org).await?))
}

/// Loads the organisation's own meter (for example a licensed 3X10D® wording). Checked
/// strictly: a name, both scale ends and every area in Finnish, Swedish and English, the
/// thresholds inside the scale, 1–30 areas with unique keys, texts within their limits; unknown
/// fields are refused. Main admin.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/meters", tag = "guidance", params(("slug" = String, Path)), request_body = NewInstrument, responses((status = 201, body = Instrument), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn load_meter(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewInstrument>,
) -> Result<(StatusCode, Json<Instrument>), AppError> {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageSettings).await?;
    let created = meter::create(&state.db, actor, &org, input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The meter the space uses (the counsellor's choice or the organisation's default), and
/// whether the client has been asked to answer. Members.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/meter", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = SpaceMeter), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_space_meter(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<SpaceMeter>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    Ok(Json(meter_answers::space_meter(&state.db, &place).await?))
}

/// The counsellor chooses the space's meter (none: the organisation's default) and may ask
/// the client to answer it.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/meter", tag = "guidance", params(("id" = String, Path)), request_body = MeterChoice, responses((status = 200, body = SpaceMeter), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn choose_space_meter(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(choice): Json<MeterChoice>,
) -> Result<Json<SpaceMeter>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    Ok(Json(meter_answers::choose(&state.db, &place, &choice).await?))
}

/// The space's meter answers, oldest first (the newest 200). Members read them.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/meter-answers", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<MeterAnswer>), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_answers(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<MeterAnswer>>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let mut list = meter_answers::list(&state.db, &place.space).await?;
    list.retain(|a| place.sees(a.created_at));
    Ok(Json(list))
}

/// The client answers the space's meter: `meter_id` is the space's meter, `values` a value
/// inside its scale for every area. Client only (the counsellor sees the results but does not
/// answer for the client).
#[utoipa::path(post, path = "/api/v1/spaces/{id}/meter-answers", tag = "guidance", params(("id" = String, Path)), request_body = NewAnswer, responses((status = 201, body = MeterAnswer), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn post_answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<NewAnswer>,
) -> Result<(StatusCode, Json<MeterAnswer>), AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let answer = meter_answers::answer(&state.db, &place, &actor.user.id, &input).await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

/// Whether feedback was given in the space (how many times after meetings, whether at
/// closing) — never its score or text, which are anonymous. Members.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/feedback", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = FeedbackStatus), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn feedback_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<FeedbackStatus>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    Ok(Json(feedback::status(&state.db, &place).await?))
}

/// The client gives feedback: `meeting` any time, `closing` once when the space is closed.
/// Stored without any link to the client or the space. Client only.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/feedback", tag = "guidance", params(("id" = String, Path)), request_body = NewFeedback, responses((status = 201, body = FeedbackStatus), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn give_feedback(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<NewFeedback>,
) -> Result<(StatusCode, Json<FeedbackStatus>), AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    Ok((StatusCode::CREATED, Json(feedback::give(&state.db, &place, &input).await?)))
}

/// The counsellor asks the client for feedback on a meeting (the client sees the request).
#[utoipa::path(post, path = "/api/v1/spaces/{id}/feedback-request", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = FeedbackStatus), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn ask_feedback(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<FeedbackStatus>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    Ok(Json(feedback::ask(&state.db, &place).await?))
}
