//! The service desk for advisers: the work queue and a ticket with its conversation, public
//! replies, internal notes, status and assignment.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::authz::Permission;
use tupa_core::desk::tickets::{self, Message, MessageKind, Ticket, TicketPriority, TicketStatus};
use tupa_core::desk::work::{self, ReplyInput, SlaState, TicketChange, TicketFilter};
use tupa_core::mail::inbound::AutoKind;
use tupa_core::organisations::Organisation;

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::form_data::FormData;
use crate::render::{FormState, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/desk", get(queue))
        .route("/orgs/{slug}/desk/views", post(save_view))
        .route("/orgs/{slug}/desk/views/{id}/delete", post(delete_view))
        .route("/orgs/{slug}/desk/{case_number}", get(show))
        .route(
            "/orgs/{slug}/desk/{case_number}/reply",
            post(reply).layer(axum::extract::DefaultBodyLimit::max(
                tupa_core::desk::uploads::MAX_TOTAL_BYTES + 1024 * 1024,
            )),
        )
        .route("/orgs/{slug}/desk/{case_number}/change", post(change))
        .route("/orgs/{slug}/desk/{case_number}/cc", post(cc))
        .route("/orgs/{slug}/desk/{case_number}/merge", post(merge))
        .route("/orgs/{slug}/desk/{case_number}/split", post(split))
        .route("/orgs/{slug}/desk/{case_number}/link", post(link))
        .route("/orgs/{slug}/desk/{case_number}/unlink", post(unlink))
        .route("/orgs/{slug}/desk/{case_number}/attachments/{id}", get(download_attachment))
        .route("/orgs/{slug}/desk/{case_number}/messages/{id}/original", get(download_original))
}

async fn ticket_of(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    case_number: &str,
) -> Result<(Organisation, Ticket), crate::error::AppError> {
    let (org, ticket) = work::ticket(&state.db, ctx.actor()?, case_number).await?;
    if org.slug != slug {
        return Err(tupa_core::Error::NotFound.into());
    }
    Ok((org, ticket))
}

#[derive(Deserialize)]
struct CaseForm {
    #[serde(default)]
    case_number: String,
    #[serde(default)]
    message_id: String,
}

/// The one-question-one-case actions, each posted to a route of its own.
#[derive(Clone, Copy)]
enum CaseAction {
    Merge,
    Split,
    Link,
    Unlink,
}

/// Runs a one-question-one-case action and returns to the ticket that lives on.
async fn case_action(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    case_number: &str,
    action: CaseAction,
    f: &CaseForm,
) -> WebResult {
    use tupa_core::desk::cases;
    let actor = ctx.actor()?;
    let (org, ticket) = ticket_of(state, ctx, slug, case_number).await?;
    let result = match action {
        CaseAction::Merge => {
            cases::merge(&state.db, actor, ctx.ip(), &org, &ticket, &f.case_number)
                .await
                .map(|t| (t.case_number, "ticket-merged"))
        }
        CaseAction::Split => {
            cases::split(&state.db, &state.settings, actor, ctx.ip(), &org, &ticket, &f.message_id)
                .await
                .map(|t| (t.case_number, "ticket-split"))
        }
        CaseAction::Link => cases::link(&state.db, actor, ctx.ip(), &org, &ticket, &f.case_number)
            .await
            .map(|_| (ticket.case_number.clone(), "ticket-linked")),
        CaseAction::Unlink => {
            cases::unlink(&state.db, actor, ctx.ip(), &org, &ticket, &f.case_number)
                .await
                .map(|_| (ticket.case_number.clone(), "saved"))
        }
    };
    match result {
        Ok((case, notice)) => Ok(done(&format!("/orgs/{slug}/desk/{case}"), notice)),
        Err(e) => {
            let (status, form) = form_error(ctx, e)?;
            render_ticket(
                state,
                ctx,
                slug,
                case_number,
                form.with_values([("case_number", f.case_number.as_str())]),
                false,
                status,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct CcForm {
    address: String,
    /// A [`CcAction`] word.
    action: String,
}

tupa_core::closed_set! {
    /// What the CC form does with its address.
    enum CcAction ("action", "action-unknown") {
        Add = "add",
        Remove = "remove",
    }
}

async fn cc(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number)): Path<(String, String)>,
    Form(f): Form<CcForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let (org, ticket) = ticket_of(&state, &ctx, &slug, &case_number).await?;
    let add = f.action.parse::<CcAction>()? == CcAction::Add;
    match work::set_cc(&state.db, actor, ctx.ip(), &org, &ticket, &f.address, add).await {
        Ok(()) => Ok(done(&format!("/orgs/{slug}/desk/{case_number}"), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render_ticket(
                &state,
                &ctx,
                &slug,
                &case_number,
                form.with_values([("cc", f.address.as_str())]),
                false,
                status,
            )
            .await
        }
    }
}

async fn merge(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number)): Path<(String, String)>,
    Form(f): Form<CaseForm>,
) -> WebResult {
    case_action(&state, &ctx, &slug, &case_number, CaseAction::Merge, &f).await
}
async fn split(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number)): Path<(String, String)>,
    Form(f): Form<CaseForm>,
) -> WebResult {
    case_action(&state, &ctx, &slug, &case_number, CaseAction::Split, &f).await
}
async fn link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number)): Path<(String, String)>,
    Form(f): Form<CaseForm>,
) -> WebResult {
    case_action(&state, &ctx, &slug, &case_number, CaseAction::Link, &f).await
}
async fn unlink(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number)): Path<(String, String)>,
    Form(f): Form<CaseForm>,
) -> WebResult {
    case_action(&state, &ctx, &slug, &case_number, CaseAction::Unlink, &f).await
}

async fn download_attachment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number, id)): Path<(String, String, String)>,
) -> WebResult {
    let (org, ticket) = ticket_of(&state, &ctx, &slug, &case_number).await?;
    let (info, bytes) = tickets::attachment(&state.db, &org.id, &ticket.id, &id).await?;
    Ok(crate::download::attachment(&info.filename, &info.content_type, bytes))
}

async fn download_original(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number, id)): Path<(String, String, String)>,
) -> WebResult {
    let (org, ticket) = ticket_of(&state, &ctx, &slug, &case_number).await?;
    let bytes = tickets::original(&state.db, &org.id, &ticket.id, &id).await?;
    Ok(crate::download::attachment(&format!("{case_number}-{id}.eml"), "message/rfc822", bytes))
}

/// A queue row with its target state.
pub struct Row {
    pub ticket: Ticket,
    pub sla: SlaState,
}

impl Row {
    pub fn sla_key(&self) -> &'static str {
        match self.sla {
            SlaState::Ok => "sla-ok",
            SlaState::DueSoon => "sla-due-soon",
            SlaState::Breached => "sla-breached",
            SlaState::Done => "sla-done",
        }
    }
}

#[derive(Template)]
#[template(path = "desk_queue.html")]
struct QueuePage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    rows: Vec<Row>,
    counts: Vec<(String, work::Count)>,
    filter: TicketFilter,
    /// The next page's address, when there are more rows.
    next_page: Option<String>,
    statuses: &'static [TicketStatus],
    categories: Vec<tupa_core::desk::categories::Category>,
    views: Vec<tupa_core::desk::views::SavedView>,
    queues: Vec<tupa_core::desk::queues::Queue>,
    units: Vec<tupa_core::organisations::units::TreeEntry>,
    advisers: Vec<work::Adviser>,
    query: String,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
}

impl QueuePage<'_> {
    pub fn category_is(&self, id: &str) -> bool {
        self.filter.category_id.as_deref().unwrap_or("") == id
    }
    pub fn sla_is(&self, s: &str) -> bool {
        self.filter.sla.as_deref().unwrap_or("") == s
    }
    pub fn sort_is(&self, s: &str) -> bool {
        self.filter.sort.as_deref().unwrap_or("updated") == s
    }
    pub fn category_name(&self, id: &Option<String>) -> String {
        id.as_ref()
            .and_then(|id| self.categories.iter().find(|c| &c.id == id))
            .map(|c| c.name_in(self.ctx.lang).to_string())
            .unwrap_or_default()
    }
    pub fn status_is(&self, s: impl AsRef<str>) -> bool {
        self.filter.status.as_deref().unwrap_or("active") == s.as_ref()
    }
    pub fn assignee_is(&self, s: &str) -> bool {
        self.filter.assignee.as_deref().unwrap_or("") == s
    }
    /// Whether this page continues the queue (then a link leads back to its top).
    pub fn is_later_page(&self) -> bool {
        self.filter.cursor.as_deref().is_some_and(|c| !c.is_empty())
    }
    /// The first page with the same filters.
    pub fn first_page(&self) -> String {
        format!("/orgs/{}/desk?{}", self.org.slug, self.query)
    }
    pub fn q(&self) -> &str {
        self.filter.q.as_deref().unwrap_or("")
    }
    pub fn queue_is(&self, id: &str) -> bool {
        self.filter.queue_id.as_deref().unwrap_or("") == id
    }
    pub fn unit_is(&self, id: &str) -> bool {
        self.filter.unit_id.as_deref().unwrap_or("") == id
    }
    pub fn assignee_name(&self, id: &Option<String>) -> String {
        adviser_name(&self.advisers, id)
    }
    /// Whether the queue is narrowed or sorted other than by default: then the filters stay
    /// open on a phone too, so the adviser sees why the list is what it is.
    pub fn filters_active(&self) -> bool {
        let f = &self.filter;
        let set = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        !self.status_is("active")
            || !self.sort_is("updated")
            || [&f.queue_id, &f.assignee, &f.category_id, &f.unit_id, &f.sla, &f.q]
                .into_iter()
                .any(set)
    }
}

/// An assignee's name; someone no longer an adviser here is still named if known.
fn adviser_name(advisers: &[work::Adviser], id: &Option<String>) -> String {
    id.as_ref()
        .and_then(|id| advisers.iter().find(|a| &a.id == id))
        .map(|a| a.display_name.clone())
        .unwrap_or_default()
}

/// Units for a select: indented by depth with no-break spaces (a select has no nesting).
pub fn unit_label(e: &tupa_core::organisations::units::TreeEntry) -> String {
    format!("{}{}", "\u{a0}\u{a0}".repeat(e.depth), e.unit.name)
}

async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    axum::extract::Query(filter): axum::extract::Query<TicketFilter>,
) -> WebResult {
    render_queue(&state, &ctx, &slug, filter, FormState::new(), StatusCode::OK).await
}

async fn render_queue(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    filter: TicketFilter,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, slug, Permission::WorkDesk).await?;
    let now = tupa_core::db::now();
    let page = work::page(&state.db, actor, &org, &filter).await?;
    let rows = page
        .tickets
        .into_iter()
        .map(|t| Row { sla: work::sla_state(&t, now), ticket: t })
        .collect();
    let counts = work::counts(&state.db, &org).await?;
    let categories = tupa_core::desk::categories::list(&state.db, &org.id).await?;
    let views = tupa_core::desk::views::list(&state.db, actor, &org).await?;
    let queues = tupa_core::desk::queues::list(&state.db, &org.id).await?;
    let units = tupa_core::organisations::units::tree(
        &tupa_core::organisations::units::list(&state.db, &org.id).await?,
    );
    let advisers = work::advisers(&state.db, &org).await?;
    let raw = ctx.path.split_once('?').map(|(_, q)| q.to_string()).unwrap_or_default();
    let next_page = page
        .next_cursor
        .map(|c| format!("/orgs/{slug}/desk?{}", tupa_core::desk::queue::next_query(&raw, &c)));
    // A saved view is the filters, not a position in the queue.
    let query = tupa_core::desk::queue::without_cursor(&raw);
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        status,
        &QueuePage {
            ctx,
            org,
            rows,
            counts,
            filter,
            next_page,
            statuses: TicketStatus::ALL,
            categories,
            views,
            queues,
            units,
            advisers,
            query,
            form,
            can_admin,
            tab: "desk",
        },
    )
}

#[derive(Deserialize)]
struct ViewForm {
    view_name: String,
    #[serde(default)]
    query: String,
}

async fn save_view(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<ViewForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::WorkDesk).await?;
    match tupa_core::desk::views::save(&state.db, actor, &org, &f.view_name, &f.query).await {
        Ok(view) => Ok(axum::response::Redirect::to(&format!("/orgs/{slug}/desk?{}", view.query))
            .into_response()),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render_queue(&state, &ctx, &slug, TicketFilter::default(), form, status).await
        }
    }
}

async fn delete_view(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::WorkDesk).await?;
    tupa_core::desk::views::delete(&state.db, actor, &org, &id).await?;
    Ok(done(&format!("/orgs/{slug}/desk"), "saved"))
}

#[derive(Template)]
#[template(path = "desk_ticket.html")]
struct TicketPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    ticket: Ticket,
    sla: SlaState,
    messages: Vec<Message>,
    attachments: Vec<tickets::AttachmentInfo>,
    canned: Vec<tupa_core::desk::canned::CannedAnswer>,
    related: Vec<(String, String, String)>,
    incoming_count: usize,
    categories: Vec<tupa_core::desk::categories::Category>,
    units: Vec<tupa_core::organisations::units::TreeEntry>,
    advisers: Vec<work::Adviser>,
    /// Confirmed copy recipients (the first [`ADDRESSES_SHOWN`]) and how many more there are.
    cc: Vec<String>,
    cc_more: usize,
    /// Addresses from incoming mail's Cc header, waiting for an adviser to confirm them.
    proposed: Vec<String>,
    proposed_more: usize,
    last_message_id: String,
    statuses: &'static [TicketStatus],
    priorities: &'static [TicketPriority],
    form: FormState,
    collision: bool,
    can_admin: bool,
    /// The guidance space the ticket became, and whether this person may open one from it.
    space_id: Option<String>,
    can_guide: bool,
    /// The requester's data is restricted (GDPR art. 18): the case number of that request.
    restricted: Option<String>,
    /// The requester's other tickets (the newest [`CUSTOMER_TICKETS_SHOWN`]) and whether
    /// there are more.
    customer_tickets: Vec<Ticket>,
    customer_more: bool,
    /// The queue the ticket is in, named when the organisation has more than one.
    queue_name: String,
    tab: &'static str,
}

/// How many of the customer's other tickets the side panel lists; the rest are a search away.
const CUSTOMER_TICKETS_SHOWN: i64 = 8;

/// Attachments shown as a picture on the page. Only formats every browser draws; the picture
/// is loaded by an `<img>`, which runs nothing whatever the bytes are.
const INLINE_IMAGE_TYPES: [&str; 4] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/// The most addresses a ticket page lists in one place (copy recipients, proposals); the
/// rest are counted ("and 12 more"). A header can carry any number of addresses; the page
/// must stay small whatever was stored.
const ADDRESSES_SHOWN: usize = 50;
/// The most To or Cc addresses shown with one message.
const MESSAGE_ADDRESSES_SHOWN: usize = 10;

impl TicketPage<'_> {
    /// The first To addresses of a message and how many more there are.
    pub fn to_of(&self, m: &Message) -> (Vec<String>, usize) {
        let (shown, more) = m.to_shown(MESSAGE_ADDRESSES_SHOWN);
        (shown.into_iter().map(str::to_string).collect(), more)
    }
    /// The first Cc addresses of a message and how many more there are.
    pub fn cc_of(&self, m: &Message) -> (Vec<String>, usize) {
        let (shown, more) = m.cc_shown(MESSAGE_ADDRESSES_SHOWN);
        (shown.into_iter().map(str::to_string).collect(), more)
    }
    /// An error about copies, where it belongs: at the reply form's choices when the reply
    /// was refused (it carries `cc_choice`), else at the field that adds a copy recipient.
    pub fn cc_error(&self, in_reply: bool) -> Option<&str> {
        self.form.error("cc").filter(|_| self.form.value("cc_choice").is_empty() != in_reply)
    }
    /// "and N more"
    pub fn more(&self, n: &usize) -> String {
        self.ctx.ta("desk-addresses-more", "count", &n.to_string())
    }
    /// Whether the reply form ticks a copy to `address`: what the adviser picked when the
    /// form comes back with an error, else the confirmed copy recipients.
    pub fn cc_ticked(&self, address: &str) -> bool {
        if self.form.value("cc_choice").is_empty() {
            self.cc.iter().any(|a| a == address)
        } else {
            self.form.value("cc_picked").lines().any(|a| a == address)
        }
    }
    pub fn sla_key(&self) -> &'static str {
        Row { ticket: self.ticket.clone(), sla: self.sla }.sla_key()
    }
    pub fn is_category(&self, id: &str) -> bool {
        self.ticket.category_id.as_deref() == Some(id)
    }
    pub fn files_of(&self, message_id: &str) -> Vec<&tickets::AttachmentInfo> {
        self.attachments.iter().filter(|a| a.message_id == message_id).collect()
    }
    pub fn assignee_name(&self) -> String {
        adviser_name(&self.advisers, &self.ticket.assignee_id)
    }
    pub fn is_assignee(&self, id: &str) -> bool {
        self.ticket.assignee_id.as_deref() == Some(id)
    }
    pub fn is_unit(&self, id: &str) -> bool {
        self.ticket.unit_id.as_deref() == Some(id)
    }
    pub fn unit_name(&self) -> String {
        self.ticket
            .unit_id
            .as_ref()
            .and_then(|id| self.units.iter().find(|e| &e.unit.id == id))
            .map(|e| e.unit.name.clone())
            .unwrap_or_default()
    }
    pub fn is_image(&self, f: &tickets::AttachmentInfo) -> bool {
        INLINE_IMAGE_TYPES.contains(&f.content_type.to_ascii_lowercase().as_str())
    }
    pub fn size(&self, bytes: &i64) -> String {
        crate::render::size_text(*bytes)
    }
    pub fn category_name(&self) -> String {
        self.ticket
            .category_id
            .as_ref()
            .and_then(|id| self.categories.iter().find(|c| &c.id == id))
            .map(|c| c.name_in(self.ctx.lang).to_string())
            .unwrap_or_default()
    }
    /// The queue search that finds all of the requester's tickets (the search matches the
    /// customer's address).
    pub fn requester_query(&self) -> String {
        crate::ctx::urlencode(&self.ticket.requester_email)
    }
    pub fn assigned_to_me(&self) -> bool {
        self.ctx
            .actor
            .as_ref()
            .is_some_and(|a| self.ticket.assignee_id.as_deref() == Some(a.user.id.as_str()))
    }
}

async fn render_ticket(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    case_number: &str,
    form: FormState,
    collision: bool,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, case_number).await?;
    if org.slug != slug {
        return Err(tupa_core::Error::NotFound.into());
    }
    // Staff opened a requester's data: logged (at most once per window).
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
    let attachments = tickets::attachments(&state.db, &org.id, &ticket.id).await?;
    let last_message_id = messages.last().map(|m| m.id.clone()).unwrap_or_default();
    let sla = work::sla_state(&ticket, tupa_core::db::now());
    let can_admin = actor.can(Permission::ManageUsers, &org);
    let canned = tupa_core::desk::canned::available(&state.db, &org).await?;
    let related = tupa_core::desk::cases::related(&state.db, &org.id, &ticket).await?;
    let incoming_count = messages.iter().filter(|m| m.kind == MessageKind::Incoming).count();
    let categories = tupa_core::desk::categories::list(&state.db, &org.id).await?;
    use tickets::ParticipantRole;
    let (cc, cc_more) =
        tickets::participants(&state.db, &org.id, &ticket.id, ParticipantRole::Cc, ADDRESSES_SHOWN)
            .await?;
    let (proposed, proposed_more) = tickets::participants(
        &state.db,
        &org.id,
        &ticket.id,
        ParticipantRole::ProposedCc,
        ADDRESSES_SHOWN,
    )
    .await?;
    let (cc_more, proposed_more) =
        (cc_more.saturating_sub(cc.len()), proposed_more.saturating_sub(proposed.len()));
    let units = tupa_core::organisations::units::tree(
        &tupa_core::organisations::units::list(&state.db, &org.id).await?,
    );
    let advisers = work::advisers(&state.db, &org).await?;
    let space_id = tickets::space_of(&state.db, &org.id, &ticket.id).await?;
    let can_guide = ctx.can_guide(&org);
    let restricted = tupa_core::data_requests::restriction::of_ticket(
        &state.db,
        &org.id,
        &ticket.id,
        &ticket.requester_email,
    )
    .await?
    .map(|(_, case)| case);
    let (customer_tickets, customer_more) = tickets::of_requester(
        &state.db,
        &org.id,
        &ticket.requester_email,
        &ticket.id,
        CUSTOMER_TICKETS_SHOWN,
    )
    .await?;
    let queues = tupa_core::desk::queues::list(&state.db, &org.id).await?;
    let queue_name = match queues.iter().find(|q| q.id == ticket.queue_id) {
        Some(q) if queues.len() > 1 => q.name.clone(),
        _ => String::new(),
    };
    // `?canned=ID` fills the reply box with that answer for this ticket (works without JS).
    let chosen = ctx.query("canned").and_then(|id| canned.iter().find(|c| c.id == id));
    if let Some(c) = chosen {
        tupa_core::desk::canned::record_use(&state.db, &ticket, &c.id, &actor.user.id).await?;
    }
    let picked =
        chosen.map(|c| tupa_core::desk::canned::render(c, &ticket, &actor.user.display_name, &org));
    // `?kind=note` (the "Note" link of the toolbar) opens the reply box as an internal note.
    let kind = if ctx.query("kind").as_deref() == Some("note") { "note" } else { "reply" };
    let form = form.with_defaults([
        ("status", "waiting"),
        ("body", picked.as_deref().unwrap_or("")),
        ("kind", kind),
    ]);
    page_with_status(
        status,
        &TicketPage {
            ctx,
            org,
            ticket,
            sla,
            messages,
            attachments,
            canned,
            related,
            incoming_count,
            categories,
            units,
            advisers,
            cc,
            cc_more,
            proposed,
            proposed_more,
            last_message_id,
            statuses: TicketStatus::ALL,
            priorities: TicketPriority::ALL,
            form,
            collision,
            can_admin,
            space_id,
            can_guide,
            restricted,
            customer_tickets,
            customer_more,
            queue_name,
            tab: "desk",
        },
    )
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number)): Path<(String, String)>,
) -> WebResult {
    render_ticket(&state, &ctx, &slug, &case_number, FormState::new(), false, StatusCode::OK).await
}

tupa_core::closed_set! {
    /// The reply form's buttons. A form posted without one (by a script) sends; see [`chosen`].
    enum ReplyAction ("action", "action-unknown") {
        Send = "send",
        /// Without JavaScript: put the chosen canned answer in the text; nothing is sent.
        InsertCanned = "insert-canned",
    }
}

tupa_core::closed_set! {
    /// Whether the reply form's text goes to the requester or stays inside the desk.
    enum ReplyKind ("kind", "action-unknown") {
        Reply = "reply",
        Note = "note",
    }
}

/// A form field that names one of a closed set, where leaving it out (a script submitting the
/// form without a button, an older form) means `absent`; any other word is refused.
fn chosen<T: std::str::FromStr<Err = tupa_core::Error>>(
    value: &str,
    absent: T,
) -> Result<T, tupa_core::Error> {
    if value.is_empty() { Ok(absent) } else { value.parse() }
}

async fn reply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number)): Path<(String, String)>,
    data: FormData,
) -> WebResult {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    if org.slug != slug {
        return Err(tupa_core::Error::NotFound.into());
    }
    let f = |k: &str| get1(&data.pairs, k).to_string();
    let (mut body, kind, status) = (f("body"), f("kind"), f("status"));
    let picked: Vec<String> =
        data.pairs.iter().filter(|(k, _)| k == "cc").map(|(_, v)| v.clone()).collect();
    let picked_text = picked.join("\n");
    let cc_choice = f("cc_choice");
    let keep = |body: &str| {
        FormState::new().with_values([
            ("body", body),
            ("kind", kind.as_str()),
            ("status", status.as_str()),
            ("cc_choice", cc_choice.as_str()),
            ("cc_picked", picked_text.as_str()),
        ])
    };
    let action = chosen(&f("action"), ReplyAction::Send)?;
    let public = chosen(&kind, ReplyKind::Reply)? == ReplyKind::Reply;
    if action == ReplyAction::InsertCanned {
        // Without JavaScript: add the answer after what is typed and show the form again;
        // nothing is sent. (Chosen files must be picked again, as after any error.)
        let answer = tupa_core::desk::canned::available(&state.db, &org)
            .await?
            .into_iter()
            .find(|c| c.id == f("canned"))
            .ok_or(tupa_core::Error::NotFound)?;
        tupa_core::desk::canned::record_use(&state.db, &ticket, &answer.id, &actor.user.id).await?;
        let text =
            tupa_core::desk::canned::render(&answer, &ticket, &actor.user.display_name, &org);
        if !body.trim().is_empty() {
            body = format!("{}\n\n", body.trim_end());
        }
        body.push_str(&text);
        let form = keep(&body);
        return render_ticket(&state, &ctx, &slug, &case_number, form, false, StatusCode::OK).await;
    }
    let input = ReplyInput {
        body: body.clone(),
        public,
        status: Some(status.clone()).filter(|s| !s.is_empty() && public),
        seen_message_id: Some(f("seen_message_id")).filter(|s| !s.is_empty()),
        force: !f("force").is_empty(),
        attachments: vec![],
        files: data
            .files
            .into_iter()
            .filter(|(field, _, _)| field == "attachments")
            .map(|(_, name, bytes)| (name, bytes))
            .collect(),
        // The form lists the copy choices (with `cc_choice`) when the ticket has any: then
        // exactly the ticked ones get a copy, none when nothing is ticked.
        cc: (!f("cc_choice").is_empty()).then(|| picked.clone()),
    };
    match work::reply(&state.db, &state.settings, actor, ctx.ip(), &org, &ticket, input).await {
        Ok(_) => Ok(done(
            &format!("/orgs/{slug}/desk/{case_number}"),
            if public { "reply-sent" } else { "note-saved" },
        )),
        Err(e) => {
            // The text stays; files must be picked again (a browser cannot refill a file input).
            let collision = e.code() == "reply-collision";
            let (status_code, form) = form_error(&ctx, e)?;
            let form = form.with_values([
                ("body", body.as_str()),
                ("kind", kind.as_str()),
                ("status", status.as_str()),
                ("cc_choice", cc_choice.as_str()),
                ("cc_picked", picked_text.as_str()),
            ]);
            render_ticket(&state, &ctx, &slug, &case_number, form, collision, status_code).await
        }
    }
}

tupa_core::closed_set! {
    /// The take and release buttons of the ticket page.
    enum AssignChoice ("assign", "action-unknown") {
        Me = "me",
        Nobody = "none",
    }
}

#[derive(Deserialize)]
struct ChangeForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    priority: String,
    /// An [`AssignChoice`] word, or empty for the handler select.
    #[serde(default)]
    assign: String,
    /// From the handler select: a person's id, or empty for none. Absent: unchanged.
    assignee_id: Option<String>,
    /// Absent: unchanged; empty: no category.
    category_id: Option<String>,
    /// Absent: unchanged; empty: no unit.
    unit_id: Option<String>,
}

async fn change(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number)): Path<(String, String)>,
    Form(f): Form<ChangeForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    if org.slug != slug {
        return Err(tupa_core::Error::NotFound.into());
    }
    let assign: Option<AssignChoice> =
        Some(f.assign.as_str()).filter(|a| !a.is_empty()).map(str::parse).transpose()?;
    let change = TicketChange {
        status: Some(f.status).filter(|s| !s.is_empty()),
        priority: Some(f.priority).filter(|s| !s.is_empty()),
        assignee_id: match assign {
            Some(AssignChoice::Me) => Some(actor.user.id.clone()),
            Some(AssignChoice::Nobody) => Some(String::new()),
            // The form sends every field; one left as it was is no change (a retired unit or
            // a former adviser stays until someone picks another).
            None => f
                .assignee_id
                .filter(|a| Some(a.as_str()) != ticket.assignee_id.as_deref().or(Some(""))),
        },
        category_id: f.category_id,
        unit_id: f.unit_id.filter(|u| Some(u.as_str()) != ticket.unit_id.as_deref().or(Some(""))),
    };
    match work::change(&state.db, actor, ctx.ip(), &org, &ticket, &change).await {
        Ok(()) => Ok(done(&format!("/orgs/{slug}/desk/{case_number}"), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render_ticket(&state, &ctx, &slug, &case_number, form, false, status).await
        }
    }
}
