//! The service desk: tickets by case number, the work queue, replies and notes, changes, and
//! recording a contact.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tupa_core::Checks;
use tupa_core::authz::Permission;
use tupa_core::desk::canned::{self, CannedAnswer, CannedInput};
use tupa_core::desk::categories::{self, Category, CategoryInput};
use tupa_core::desk::mailboxes::{self, ImapInput, ImapMailbox};
use tupa_core::desk::queues::{DeskAddress, Queue};
use tupa_core::desk::settings::{self, QueueInput};
use tupa_core::desk::tickets::{self, Message, Ticket};
use tupa_core::desk::views::{self, SavedView};
use tupa_core::desk::work::{self, ContactInput, ReplyInput, TicketChange, TicketFilter};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiErrorBody;
use super::idempotency::{self, IdempotencyKey, Idempotent};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tickets, create_ticket))
        .routes(routes!(get_ticket, change_ticket))
        .routes({
            // Files travel base64-encoded inside the JSON: a third more than their size.
            let (schemas, paths, route) = routes!(add_message);
            (
                schemas,
                paths,
                route.layer(axum::extract::DefaultBodyLimit::max(
                    tupa_core::desk::uploads::MAX_TOTAL_BYTES / 3 * 4 + 1024 * 1024,
                )),
            )
        })
        .routes(routes!(list_queues, create_queue))
        .routes(routes!(update_queue))
        .routes(routes!(list_addresses, add_address))
        .routes(routes!(remove_address))
        .routes(routes!(get_imap, set_imap, clear_imap))
        .routes(routes!(list_canned, create_canned))
        .routes(routes!(update_canned, retire_canned))
        .routes(routes!(render_canned))
        .routes(routes!(list_categories, create_category))
        .routes(routes!(list_advisers))
        .routes(routes!(retire_category))
        .routes(routes!(list_views, save_view))
        .routes(routes!(delete_view))
        .routes(routes!(add_cc))
        .routes(routes!(remove_cc))
        .routes(routes!(merge_ticket))
        .routes(routes!(split_ticket))
        .routes(routes!(link_ticket))
        .routes(routes!(unlink_ticket))
}

#[derive(serde::Deserialize, ToSchema)]
pub struct MergeInput {
    /// The case number of the ticket that lives on.
    pub into: String,
}

/// Merges this ticket into another of the organisation; its case number keeps threading there.
#[utoipa::path(post, path = "/api/v1/tickets/{case_number}/merge", tag = "desk", params(("case_number" = String, Path)), request_body = MergeInput, responses((status = 200, body = Ticket), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn merge_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
    Json(input): Json<MergeInput>,
) -> Result<Json<Ticket>, AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    Ok(Json(
        tupa_core::desk::cases::merge(&state.db, actor, ctx.ip(), &org, &ticket, &input.into)
            .await?,
    ))
}

#[derive(serde::Deserialize, ToSchema)]
pub struct SplitInput {
    /// The customer message to move into a ticket of its own.
    pub message_id: String,
}

/// Splits a customer message into a new ticket; the customer is told its case number.
#[utoipa::path(post, path = "/api/v1/tickets/{case_number}/split", tag = "desk", params(("case_number" = String, Path)), request_body = SplitInput, responses((status = 201, body = Ticket), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn split_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
    Json(input): Json<SplitInput>,
) -> Result<(StatusCode, Json<Ticket>), AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    let created = tupa_core::desk::cases::split(
        &state.db,
        &state.settings,
        actor,
        ctx.ip(),
        &org,
        &ticket,
        &input.message_id,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[derive(serde::Deserialize, ToSchema)]
pub struct LinkInput {
    /// The case number of the related ticket.
    pub other: String,
}

/// Links a related ticket of the organisation.
#[utoipa::path(post, path = "/api/v1/tickets/{case_number}/links", tag = "desk", params(("case_number" = String, Path)), request_body = LinkInput, responses((status = 204), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn link_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
    Json(input): Json<LinkInput>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    tupa_core::desk::cases::link(&state.db, actor, ctx.ip(), &org, &ticket, &input.other).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a link between two tickets.
#[utoipa::path(delete, path = "/api/v1/tickets/{case_number}/links/{other}", tag = "desk", params(("case_number" = String, Path), ("other" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn unlink_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((case_number, other)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    tupa_core::desk::cases::unlink(&state.db, actor, ctx.ip(), &org, &ticket, &other).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Canned answers an adviser can use here: the organisation's own and the operator's shared.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/desk/canned-answers", tag = "desk", params(("slug" = String, Path)), responses((status = 200, body = Vec<CannedAnswer>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_canned(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<CannedAnswer>>, AppError> {
    let org = work::desk_org(&state.db, ctx.actor()?, &slug, Permission::WorkDesk).await?;
    Ok(Json(canned::available(&state.db, &org).await?))
}

/// Adds a canned answer (main admins).
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/desk/canned-answers", tag = "desk", params(("slug" = String, Path)), request_body = CannedInput, responses((status = 201, body = CannedAnswer), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_canned(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<CannedInput>,
) -> Result<(StatusCode, Json<CannedAnswer>), AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    Ok((StatusCode::CREATED, Json(canned::create(&state.db, actor, ctx.ip(), &org, &input).await?)))
}

/// Changes a canned answer.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/desk/canned-answers/{id}", tag = "desk", params(("slug" = String, Path), ("id" = String, Path)), request_body = CannedInput, responses((status = 200, body = CannedAnswer), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_canned(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(input): Json<CannedInput>,
) -> Result<Json<CannedAnswer>, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    Ok(Json(canned::update(&state.db, actor, ctx.ip(), &org, &id, &input).await?))
}

/// Removes a canned answer.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/desk/canned-answers/{id}", tag = "desk", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn retire_canned(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    canned::retire(&state.db, actor, ctx.ip(), &org, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct RenderedAnswer {
    /// The answer in the customer's language with placeholders filled in.
    pub text: String,
}

/// A canned answer filled in for a ticket, ready to send as a reply.
#[utoipa::path(get, path = "/api/v1/tickets/{case_number}/canned-answers/{id}", tag = "desk", params(("case_number" = String, Path), ("id" = String, Path)), responses((status = 200, body = RenderedAnswer), (status = 404, body = ApiErrorBody)))]
async fn render_canned(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((case_number, id)): Path<(String, String)>,
) -> Result<Json<RenderedAnswer>, AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    let answer = canned::available(&state.db, &org)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(tupa_core::Error::NotFound)?;
    canned::record_use(&state.db, &ticket, &answer.id, &actor.user.id).await?;
    Ok(Json(RenderedAnswer {
        text: canned::render(&answer, &ticket, &actor.user.display_name, &org),
    }))
}

/// A queue as its settings form shows it: the id and the settings that `PUT` takes back.
#[derive(Serialize, ToSchema)]
pub struct QueueWithSettings {
    pub id: String,
    pub settings: QueueInput,
}

/// Queues with support hours and targets (main admins).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/desk/queues", tag = "desk", params(("slug" = String, Path)), responses((status = 200, body = Vec<QueueWithSettings>)))]
async fn list_queues(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<QueueWithSettings>>, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    let queues = settings::queues_of(&state.db, actor, &org).await?;
    Ok(Json(
        queues
            .iter()
            .map(|q| QueueWithSettings { id: q.id.clone(), settings: settings::input_of(q) })
            .collect(),
    ))
}

/// Adds a queue.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/desk/queues", tag = "desk", params(("slug" = String, Path)), request_body = QueueInput, responses((status = 201, body = Queue), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<QueueInput>,
) -> Result<(StatusCode, Json<Queue>), AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            settings::create_queue(&state.db, actor, ctx.ip(), &org, &input, Checks::new()).await?,
        ),
    ))
}

/// Changes a queue's name, support hours and targets.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/desk/queues/{id}", tag = "desk", params(("slug" = String, Path), ("id" = String, Path)), request_body = QueueInput, responses((status = 200, body = Queue), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Json(input): Json<QueueInput>,
) -> Result<Json<Queue>, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    Ok(Json(
        settings::update_queue(&state.db, actor, ctx.ip(), &org, &id, &input, Checks::new())
            .await?,
    ))
}

/// The addresses mail arrives at.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/desk/addresses", tag = "desk", params(("slug" = String, Path)), responses((status = 200, body = Vec<DeskAddress>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_addresses(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<DeskAddress>>, AppError> {
    let org = work::desk_org(&state.db, ctx.actor()?, &slug, Permission::ManageDesk).await?;
    Ok(Json(tupa_core::desk::queues::addresses(&state.db, &org.id).await?))
}

#[derive(serde::Deserialize, ToSchema)]
pub struct NewAddress {
    pub address: String,
    /// Queue id; the first queue when absent.
    pub queue_id: Option<String>,
}

/// Maps an address to a queue. An address belongs to one organisation in the installation.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/desk/addresses", tag = "desk", params(("slug" = String, Path)), request_body = NewAddress, responses((status = 201, body = DeskAddress), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_address(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewAddress>,
) -> Result<(StatusCode, Json<DeskAddress>), AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            settings::add_address(
                &state.db,
                actor,
                ctx.ip(),
                &org,
                &input.address,
                input.queue_id.as_deref(),
            )
            .await?,
        ),
    ))
}

/// Stops receiving mail at an address.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/desk/addresses/{address}", tag = "desk", params(("slug" = String, Path), ("address" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn remove_address(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, address)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    settings::remove_address(&state.db, actor, ctx.ip(), &org, &address).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Where the address's mail is fetched by IMAP, and how that went (platform admins). The
/// password is never returned.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/desk/addresses/{address}/imap", tag = "desk", params(("slug" = String, Path), ("address" = String, Path)), responses((status = 200, body = ImapMailbox), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_imap(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, address)): Path<(String, String)>,
) -> Result<Json<ImapMailbox>, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    if !actor.is_platform_admin() {
        return Err(tupa_core::Error::Forbidden.into());
    }
    Ok(Json(mailboxes::get(&state.db, &org.id, &address).await?.ok_or(tupa_core::Error::NotFound)?))
}

/// Fetches the address's mail from an IMAP mailbox (platform admins). An empty or absent
/// password keeps the stored one; the first time it is required.
#[utoipa::path(put, path = "/api/v1/orgs/{slug}/desk/addresses/{address}/imap", tag = "desk", params(("slug" = String, Path), ("address" = String, Path)), request_body = ImapInput, responses((status = 200, body = ImapMailbox), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn set_imap(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, address)): Path<(String, String)>,
    Json(input): Json<ImapInput>,
) -> Result<Json<ImapMailbox>, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    Ok(Json(
        mailboxes::set(&state.db, &state.settings, actor, ctx.ip(), &org, &address, &input).await?,
    ))
}

/// Stops fetching the address's mail by IMAP (platform admins); the address stays.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/desk/addresses/{address}/imap", tag = "desk", params(("slug" = String, Path), ("address" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn clear_imap(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, address)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    mailboxes::clear(&state.db, actor, ctx.ip(), &org, &address).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct TicketWithMessages {
    #[serde(flatten)]
    pub ticket: Ticket,
    /// Where the ticket stands against its targets.
    pub sla: work::SlaState,
    pub messages: Vec<Message>,
}

/// The work queue of an organisation (advisers), one page at a time: when there are more
/// rows, the `Link` header names the next page (`rel="next"`, the same filters with a
/// `cursor`) and `X-Next-Cursor` carries the cursor alone. A cursor continues exactly after
/// the last row sent, however the queue changes meanwhile.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/tickets", tag = "desk", params(("slug" = String, Path), TicketFilter), responses((status = 200, body = Vec<Ticket>, headers(("Link" = String, description = "The next page: `</api/v1/orgs/{slug}/tickets?…&cursor=…>; rel=\"next\"` (absent on the last page)"), ("X-Next-Cursor" = String, description = "The next page's cursor (absent on the last page)"))), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn list_tickets(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
    Query(filter): Query<TicketFilter>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::WorkDesk).await?;
    let page = work::page(&state.db, actor, &org, &filter).await?;
    let mut res = Json(page.tickets).into_response();
    if let Some(cursor) = page.next_cursor {
        let next = tupa_core::desk::queue::next_query(raw.as_deref().unwrap_or(""), &cursor);
        let link = format!("</api/v1/orgs/{slug}/tickets?{next}>; rel=\"next\"");
        for (name, value) in [("link", link), ("x-next-cursor", cursor)] {
            if let Ok(v) = axum::http::HeaderValue::from_str(&value) {
                res.headers_mut().insert(name, v);
            }
        }
    }
    Ok(res)
}

/// Records a contact as a new ticket (for example one taken by phone); the customer gets the
/// acknowledgement with the case number. With an `Idempotency-Key` a retry gets the first
/// answer instead of a second ticket.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/tickets", tag = "desk", params(("slug" = String, Path), IdempotencyKey), request_body = ContactInput, responses((status = 201, body = Ticket), (status = 409, body = ApiErrorBody, description = "`idempotency-key-in-use`: a request with this key is still being handled.")))]
async fn create_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Idempotent { input, claim }: Idempotent<ContactInput>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    // Not `desk_org`: `contact_once` checks the plan's desk, which an adviser's memberships
    // already say (a read less per ticket).
    let org = actor.organisation(&state.db, &slug, Permission::WorkDesk).await?;
    let plan_has_desk = actor.plan_has(&org.id, tupa_core::organisations::plans::Capability::Desk);
    idempotency::run(&state.db, claim.as_ref(), || async {
        let ticket = work::contact_once(
            &state.db,
            &state.settings,
            &org,
            &input,
            vec![],
            ctx.lang,
            tupa_core::desk::tickets::TicketChannel::Api,
            claim.as_ref(),
            plan_has_desk,
        )
        .await?;
        Ok((StatusCode::CREATED, Json(ticket)).into_response())
    })
    .await
}

/// A ticket with its messages. Only advisers of the ticket's organisation see it; for anyone
/// else the case number does not exist.
#[utoipa::path(get, path = "/api/v1/tickets/{case_number}", tag = "desk", params(("case_number" = String, Path)), responses((status = 200, body = TicketWithMessages), (status = 404, body = ApiErrorBody)))]
async fn get_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
) -> Result<Json<TicketWithMessages>, AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    // Staff read a requester's data: logged (at most once per window).
    let read = tupa_core::audit::ReadTarget::Ticket;
    tupa_core::audit::record_read(
        &state.db,
        &org.id,
        &actor.user,
        ctx.ip(),
        read,
        &ticket.id,
        serde_json::json!({}),
    )
    .await?;
    let messages = tickets::messages(&state.db, &org.id, &ticket.id).await?;
    let sla = work::sla_state(&ticket, tupa_core::db::now());
    Ok(Json(TicketWithMessages { ticket, sla, messages }))
}

/// Changes status, priority or handler.
#[utoipa::path(patch, path = "/api/v1/tickets/{case_number}", tag = "desk", params(("case_number" = String, Path)), request_body = TicketChange, responses((status = 200, body = Ticket), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn change_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
    Json(change): Json<TicketChange>,
) -> Result<Json<Ticket>, AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    work::change(&state.db, actor, ctx.ip(), &org, &ticket, &change).await?;
    Ok(Json(work::ticket(&state.db, actor, &case_number).await?.1))
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: String,
}

/// A public reply (mailed to the customer with the case tag) or an internal note. A reply is
/// refused with 409 `reply-collision` when another adviser answered after `seen_message_id`.
/// With an `Idempotency-Key` a retry gets the first answer instead of a second message.
#[utoipa::path(post, path = "/api/v1/tickets/{case_number}/messages", tag = "desk", params(("case_number" = String, Path), IdempotencyKey), request_body = ReplyInput, responses((status = 201, body = Created), (status = 409, body = ApiErrorBody)))]
async fn add_message(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
    Idempotent { mut input, claim }: Idempotent<ReplyInput>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    input.files = work::FileInput::decode_all(&input.attachments)?;
    idempotency::run(&state.db, claim.as_ref(), || async {
        let id = work::reply_once(
            &state.db,
            &state.settings,
            actor,
            ctx.ip(),
            &org,
            &ticket,
            input,
            claim.as_ref(),
        )
        .await?;
        Ok((StatusCode::CREATED, Json(Created { id })).into_response())
    })
    .await
}

/// The advisers a ticket can be assigned to (`assignee_id` in a ticket change).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/desk/advisers", tag = "desk", params(("slug" = String, Path)), responses((status = 200, body = Vec<work::Adviser>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_advisers(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<work::Adviser>>, AppError> {
    let org = work::desk_org(&state.db, ctx.actor()?, &slug, Permission::WorkDesk).await?;
    Ok(Json(work::advisers(&state.db, &org).await?))
}

/// Topic categories of the desk.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/desk/categories", tag = "desk", params(("slug" = String, Path)), responses((status = 200, body = Vec<Category>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_categories(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Category>>, AppError> {
    let org = work::desk_org(&state.db, ctx.actor()?, &slug, Permission::WorkDesk).await?;
    Ok(Json(categories::list(&state.db, &org.id).await?))
}

/// Adds a topic category (main admins).
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/desk/categories", tag = "desk", params(("slug" = String, Path)), request_body = CategoryInput, responses((status = 201, body = Category), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_category(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<CategoryInput>,
) -> Result<(StatusCode, Json<Category>), AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    Ok((
        StatusCode::CREATED,
        Json(categories::create(&state.db, actor, ctx.ip(), &org, &input).await?),
    ))
}

/// Retires a topic category (tickets keep it).
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/desk/categories/{id}", tag = "desk", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 204), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn retire_category(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    categories::retire(&state.db, actor, ctx.ip(), &org, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's saved queue views.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/desk/views", tag = "desk", params(("slug" = String, Path)), responses((status = 200, body = Vec<SavedView>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_views(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<SavedView>>, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::WorkDesk).await?;
    Ok(Json(views::list(&state.db, actor, &org).await?))
}

#[derive(serde::Deserialize, ToSchema)]
pub struct NewView {
    pub name: String,
    /// The queue filter as a query string, for example `status=waiting&assignee=me`.
    pub query: String,
}

/// Saves a named queue view for the caller.
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/desk/views", tag = "desk", params(("slug" = String, Path)), request_body = NewView, responses((status = 201, body = SavedView), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn save_view(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Json(input): Json<NewView>,
) -> Result<(StatusCode, Json<SavedView>), AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::WorkDesk).await?;
    Ok((
        StatusCode::CREATED,
        Json(views::save(&state.db, actor, &org, &input.name, &input.query).await?),
    ))
}

/// Deletes one of the caller's saved views.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/desk/views/{id}", tag = "desk", params(("slug" = String, Path), ("id" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn delete_view(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::WorkDesk).await?;
    views::delete(&state.db, actor, &org, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize, ToSchema)]
pub struct CcInput {
    pub address: String,
}

/// Adds a CC address: copies of public replies go there, and its mail threads in.
#[utoipa::path(post, path = "/api/v1/tickets/{case_number}/cc", tag = "desk", params(("case_number" = String, Path)), request_body = CcInput, responses((status = 204), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_cc(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(case_number): Path<String>,
    Json(input): Json<CcInput>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    work::set_cc(&state.db, actor, ctx.ip(), &org, &ticket, &input.address, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a CC address.
#[utoipa::path(delete, path = "/api/v1/tickets/{case_number}/cc/{address}", tag = "desk", params(("case_number" = String, Path), ("address" = String, Path)), responses((status = 204), (status = 404, body = ApiErrorBody)))]
async fn remove_cc(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((case_number, address)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    work::set_cc(&state.db, actor, ctx.ip(), &org, &ticket, &address, false).await?;
    Ok(StatusCode::NO_CONTENT)
}
