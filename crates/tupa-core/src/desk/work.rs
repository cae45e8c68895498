//! Working the desk: the queue, a ticket, public replies and internal notes, status and
//! assignment, new tickets from the contact form and the API. Every function that reads
//! tickets checks the actor's WorkDesk permission in the ticket's organisation and that the
//! organisation's plan has the desk.

use serde::{Deserialize, Serialize};

use super::case_number::TAG_PREFIX;
use super::ingest;
use super::queues;
use super::tickets::{self, Message, NewMessage, NewTicket, Ticket, TicketPriority, TicketStatus};
use crate::audit::{self, By};
use crate::authz::{Actor, Permission, require_capability};
use crate::config::Settings;
use crate::db::{Db, now};
use crate::desk::tickets::MessageKind;
use crate::error::{Error, Result};
use crate::events::{self, Event};
use crate::i18n::Lang;
use crate::identity::Email;
use crate::mail::inbound;
use crate::mail::outbox::{self, Envelope, NewMail};
use crate::organisations::plans::Capability;
use crate::organisations::{self, Organisation};

/// The organisation `slug` for desk work: the actor works its desk and its plan has one.
pub async fn desk_org(
    db: &Db,
    actor: &Actor,
    slug: &str,
    permission: Permission,
) -> Result<Organisation> {
    let org = actor.organisation(db, slug, permission).await?;
    require_capability(db, &org, Capability::Desk).await?;
    Ok(org)
}

/// A ticket by case number, for someone who works that organisation's desk. Anyone else gets
/// NotFound: a case number alone reveals nothing.
pub async fn ticket(db: &Db, actor: &Actor, case_number: &str) -> Result<(Organisation, Ticket)> {
    let ticket = tickets::by_case_number(db, case_number).await?.ok_or(Error::NotFound)?;
    let org = organisations::by_id(db, &ticket.org_id).await?;
    if !actor.can(Permission::WorkDesk, &org) {
        return Err(Error::NotFound);
    }
    require_capability(db, &org, Capability::Desk).await?;
    Ok((org, ticket))
}

/// Where a ticket stands against its targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SlaState {
    /// No target, or met.
    Ok,
    /// A target falls due within the next working hour or so.
    DueSoon,
    Breached,
    /// Resolved or closed.
    Done,
}

pub fn sla_state(t: &Ticket, at: i64) -> SlaState {
    if t.status.is_done() {
        return SlaState::Done;
    }
    let due = match (t.first_responded_at, t.first_response_due, t.resolution_due) {
        (None, Some(first), Some(res)) => Some(first.min(res)),
        (None, Some(first), None) => Some(first),
        (_, _, res) => res,
    };
    match due {
        Some(d) if d <= at => SlaState::Breached,
        Some(d) if d - at <= 3600 => SlaState::DueSoon,
        _ => SlaState::Ok,
    }
}

pub use super::queue::{Count, Page, TicketFilter, counts, list, page};

/// A person who works the desk, as the assignee choices and the queue's assignee column
/// show them.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Adviser {
    pub id: String,
    pub display_name: String,
}

/// The organisation's active advisers, by name.
pub async fn advisers(db: &Db, org: &Organisation) -> Result<Vec<Adviser>> {
    Ok(sqlx::query_as(
        "SELECT DISTINCT u.id, u.display_name FROM role_grants g
         JOIN org_people p ON p.org_id = g.org_id AND p.user_id = g.user_id
         JOIN users u ON u.id = g.user_id
         WHERE g.org_id = $1 AND g.role = 'adviser' AND g.revoked_at IS NULL AND p.deactivated_at IS NULL
         ORDER BY u.display_name",
    )
    .bind(&org.id)
    .fetch_all(db.pool())
    .await?)
}

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ReplyInput {
    pub body: String,
    /// A public reply is mailed to the requester; a note stays inside.
    #[serde(default = "yes")]
    pub public: bool,
    /// Status after the reply (default: waiting after a public reply, unchanged after a note):
    /// a [`TicketStatus`] word, parsed where the reply is made.
    #[schema(value_type = Option<TicketStatus>)]
    pub status: Option<String>,
    /// The newest message the agent had seen; a reply is held back when another agent has
    /// answered since (collision), unless `force` is set.
    pub seen_message_id: Option<String>,
    #[serde(default)]
    pub force: bool,
    /// Files to send with the reply (or keep with the note), as the contact form allows them.
    #[serde(default)]
    pub attachments: Vec<FileInput>,
    /// The files as (name, bytes), decoded from `attachments` or read from an upload.
    #[serde(skip)]
    pub files: Vec<(String, Vec<u8>)>,
    /// Who gets a copy of a public reply, picked by the adviser: each a CC or a proposed CC
    /// of the ticket (addresses from incoming mail's Cc header; picking one confirms it), at
    /// most 20 (`MAX_REPLY_CC`). Absent: the ticket's confirmed CCs. An empty list: no copies.
    #[serde(default)]
    pub cc: Option<Vec<String>>,
}

/// The most addresses one reply is copied to. A reply is for the requester and the few who
/// follow the case with them (a relative, a colleague); the desk address must never become a
/// way to mail many people.
pub const MAX_REPLY_CC: usize = 20;
/// The longest reply or internal note, in characters.
pub const MAX_REPLY_BODY_CHARS: usize = 100_000;
/// The longest message of the contact form (or of a ticket opened through the API).
pub const MAX_CONTACT_MESSAGE_CHARS: usize = 20_000;

/// Whom a public reply is copied to: the addresses the adviser picked (each one the ticket
/// knows; a proposed CC picked is confirmed), or without a pick the confirmed CCs.
async fn reply_copies(
    tx: &mut crate::db::Tx,
    ticket: &Ticket,
    picked: Option<&[String]>,
) -> Result<Vec<String>> {
    use tickets::ParticipantRole;
    let Some(picked) = picked else {
        let cc = tickets::confirmed_cc_tx(tx, &ticket.org_id, &ticket.id, MAX_REPLY_CC).await?;
        if cc.len() > MAX_REPLY_CC {
            return Err(Error::invalid("cc", "reply-cc-too-many"));
        }
        return Ok(cc);
    };
    let mut chosen: Vec<String> = vec![];
    for address in picked {
        let address = address.trim().to_lowercase();
        if !address.is_empty() && !chosen.contains(&address) {
            chosen.push(address);
        }
        if chosen.len() > MAX_REPLY_CC {
            return Err(Error::invalid("cc", "reply-cc-too-many"));
        }
    }
    for address in &chosen {
        match tickets::role_of(tx, &ticket.org_id, &ticket.id, address).await? {
            Some(ParticipantRole::Cc) => {}
            Some(ParticipantRole::ProposedCc) => {
                tickets::confirm_cc(tx, &ticket.org_id, &ticket.id, address).await?
            }
            Some(ParticipantRole::Requester) => {
                return Err(Error::invalid("cc", "cc-is-requester"));
            }
            None => return Err(Error::invalid("cc", "reply-cc-unknown")),
        }
    }
    chosen.sort();
    Ok(chosen)
}

/// A file in a JSON request.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct FileInput {
    pub filename: String,
    /// The file's bytes, base64 (standard alphabet, padded).
    pub content_base64: String,
}

impl FileInput {
    /// The files as (name, bytes); refused whole if one is not base64.
    pub fn decode_all(files: &[FileInput]) -> Result<Vec<(String, Vec<u8>)>> {
        use base64::Engine;
        // Counted before anything is decoded (the set is checked again as uploads are).
        if files.len() > super::uploads::MAX_FILES {
            return Err(Error::invalid("attachments", "attachments-too-many"));
        }
        files
            .iter()
            .map(|f| {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(f.content_base64.trim())
                    .map_err(|_| Error::invalid("attachments", "attachment-encoding-invalid"))?;
                Ok((f.filename.clone(), bytes))
            })
            .collect()
    }
}

fn yes() -> bool {
    true
}

/// Adds a public reply (mailed to the requester with the case tag, from the desk address,
/// threaded under the latest incoming message, with the files attached) or an internal note
/// (files kept with the note). Files are checked as the contact form checks them.
pub async fn reply(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ticket: &Ticket,
    input: ReplyInput,
) -> Result<String> {
    reply_once(db, settings, actor, ip, org, ticket, input, None).await
}

/// [`reply`] under an idempotency key: the key is taken in the reply's transaction and the
/// answer `201 {"id"}` recorded with it.
#[allow(clippy::too_many_arguments)]
pub async fn reply_once(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ticket: &Ticket,
    input: ReplyInput,
    claim: Option<&crate::idempotency::Claim>,
) -> Result<String> {
    actor.check(Permission::WorkDesk, org)?;
    if ticket.merged_into.is_some() {
        return Err(Error::invalid("body", "ticket-merged-elsewhere"));
    }
    crate::data_requests::restriction::refuse_ticket(
        db,
        &org.id,
        &ticket.id,
        &ticket.requester_email,
    )
    .await?;
    let body = input.body.trim();
    if body.is_empty() || body.chars().count() > MAX_REPLY_BODY_CHARS {
        return Err(Error::invalid("body", "reply-empty"));
    }
    let status: Option<TicketStatus> = input.status.as_deref().map(str::parse).transpose()?;
    let attachments = super::uploads::check_all(input.files)?;
    let mut tx = db.begin().await?;
    crate::idempotency::begin(claim, &mut tx).await?;
    let existing = tickets::messages_tx(&mut tx, &org.id, &ticket.id).await?;
    if !input.force
        && let Some(seen) = &input.seen_message_id
    {
        let after_seen: Vec<&Message> =
            existing.iter().skip_while(|m| &m.id != seen).skip(1).collect();
        let seen_exists = existing.iter().any(|m| &m.id == seen);
        if seen_exists
            && after_seen.iter().any(|m| {
                m.kind == MessageKind::Reply
                    && m.author_user_id.as_deref() != Some(actor.user.id.as_str())
            })
        {
            return Err(Error::conflict("body", "reply-collision"));
        }
    }
    let t = now();
    let message_id = if input.public {
        let lang = Lang::parse(&ticket.requester_lang).unwrap_or_default();
        let subject = inbound::subject_with_tag(
            &format!("Re: {}", inbound::strip_reply_prefixes(&ticket.subject)),
            TAG_PREFIX,
            &ticket.case_number,
        );
        let text = format!(
            "{body}\n\n-- \n{}",
            lang.t_args("mail-reply-footer", &[("case", &ticket.case_number)])
        );
        let from = queues::from_address_tx(&mut tx, &org.id, &ticket.queue_id).await?;
        let last_incoming = existing
            .iter()
            .rev()
            .find(|m| m.kind == MessageKind::Incoming)
            .and_then(|m| m.message_id.clone());
        let cc = reply_copies(&mut tx, ticket, input.cc.as_deref()).await?;
        let mid = outbox::enqueue_with(
            &mut tx,
            settings,
            NewMail {
                org_id: Some(&org.id),
                to: &ticket.requester_email,
                subject: subject.clone(),
                body_text: text.clone(),
            },
            Envelope {
                from: from.as_deref(),
                in_reply_to: last_incoming.as_deref(),
                cc: cc.clone(),
            },
        )
        .await?;
        let id = tickets::add_message(
            &mut tx,
            &org.id,
            &ticket.id,
            NewMessage {
                kind: MessageKind::Reply,
                author_user_id: Some(actor.user.id.clone()),
                from_address: from,
                from_name: Some(actor.user.display_name.clone()),
                to: vec![ticket.requester_email.clone()],
                cc,
                subject,
                body_text: text,
                body_html: None,
                message_id: Some(mid.trim_matches(['<', '>']).to_string()),
                raw_mail_id: None,
                auto_kind: None,
                attachments,
            },
        )
        .await?;
        outbox::attach_ticket_files(&mut tx, &mid, &org.id, &id).await?;
        sqlx::query("UPDATE tickets SET first_responded_at = COALESCE(first_responded_at, $1) WHERE org_id = $2 AND id = $3")
            .bind(t)
            .bind(&org.id)
            .bind(&ticket.id)
            .execute(&mut *tx)
            .await?;
        id
    } else {
        let mut note = NewMessage::internal(
            MessageKind::Note,
            &actor.user.id,
            &actor.user.display_name,
            &ticket.subject,
            body.to_string(),
        );
        note.attachments = attachments;
        tickets::add_message(&mut tx, &org.id, &ticket.id, note).await?
    };
    let status = status.or_else(|| input.public.then_some(TicketStatus::Waiting));
    if let Some(status) = status {
        set_status_tx(&mut tx, ticket, status, t).await?;
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        if input.public {
            crate::audit::Action::TicketReplied
        } else {
            crate::audit::Action::TicketNoted
        },
        Some((audit::Target::Ticket, &ticket.case_number)),
        serde_json::json!({}),
    )
    .await?;
    crate::idempotency::complete(claim, &mut tx, 201, || serde_json::json!({"id": message_id}))
        .await?;
    tx.commit().await?;
    events::publish(db, Event::ticket(&org.id, &ticket.case_number)).await;
    Ok(message_id)
}

async fn set_status_tx(
    tx: &mut crate::db::Tx,
    ticket: &Ticket,
    status: TicketStatus,
    t: i64,
) -> Result<()> {
    let (resolved_at, closed_at) = match status {
        TicketStatus::Resolved => (Some(ticket.resolved_at.unwrap_or(t)), None),
        TicketStatus::Closed => (Some(ticket.resolved_at.unwrap_or(t)), Some(t)),
        TicketStatus::New | TicketStatus::Open | TicketStatus::Waiting => (None, None),
    };
    sqlx::query("UPDATE tickets SET status = $1, resolved_at = $2, closed_at = $3, updated_at = $4 WHERE org_id = $5 AND id = $6")
        .bind(status.as_str())
        .bind(resolved_at)
        .bind(closed_at)
        .bind(t)
        .bind(&ticket.org_id)
        .bind(&ticket.id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct TicketChange {
    /// A [`TicketStatus`] word: parsed where the change is made, so an unknown one is refused
    /// with the translated field error rather than a bare deserialisation failure.
    #[schema(value_type = Option<TicketStatus>)]
    pub status: Option<String>,
    /// A [`TicketPriority`] word, parsed as `status` is.
    #[schema(value_type = Option<TicketPriority>)]
    pub priority: Option<String>,
    /// A person's id, or an empty string to unassign.
    pub assignee_id: Option<String>,
    /// A category id, or an empty string for none.
    pub category_id: Option<String>,
    /// A unit id (a unit that is not retired), or an empty string for none.
    pub unit_id: Option<String>,
}

/// Changes status, priority or assignee.
pub async fn change(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ticket: &Ticket,
    change: &TicketChange,
) -> Result<()> {
    actor.check(Permission::WorkDesk, org)?;
    if ticket.merged_into.is_some() {
        return Err(Error::invalid("status", "ticket-merged-elsewhere"));
    }
    crate::data_requests::restriction::refuse_ticket(
        db,
        &org.id,
        &ticket.id,
        &ticket.requester_email,
    )
    .await
    .map_err(|e| e.at("status"))?;
    // Checked before the transaction: a read on a second connection while holding the write
    // transaction could wait for the pool forever under load.
    if let Some(a) = change.assignee_id.as_deref().filter(|a| !a.is_empty()) {
        let grants = crate::organisations::people::memberships(db, a).await?;
        if !grants
            .iter()
            .any(|m| m.org_id == org.id && m.role == crate::organisations::people::Role::Adviser)
        {
            return Err(Error::invalid("assignee_id", "assignee-invalid"));
        }
    }
    if let Some(u) = change.unit_id.as_deref().filter(|u| !u.is_empty()) {
        let units = crate::organisations::units::list(db, &org.id).await?;
        if !units.iter().any(|x| x.id == u && x.retired_at.is_none()) {
            return Err(Error::invalid("unit_id", "unit-invalid"));
        }
    }
    let status: Option<TicketStatus> = change.status.as_deref().map(str::parse).transpose()?;
    let priority: Option<TicketPriority> =
        change.priority.as_deref().map(str::parse).transpose()?;
    let mut tx = db.begin().await?;
    let t = now();
    if let Some(status) = status {
        set_status_tx(&mut tx, ticket, status, t).await?;
    }
    if let Some(priority) = priority {
        sqlx::query(
            "UPDATE tickets SET priority = $1, updated_at = $2 WHERE org_id = $3 AND id = $4",
        )
        .bind(priority.as_str())
        .bind(t)
        .bind(&org.id)
        .bind(&ticket.id)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(assignee) = &change.assignee_id {
        let assignee = Some(assignee.clone()).filter(|a| !a.is_empty());
        sqlx::query(
            "UPDATE tickets SET assignee_id = $1, updated_at = $2 WHERE org_id = $3 AND id = $4",
        )
        .bind(&assignee)
        .bind(t)
        .bind(&org.id)
        .bind(&ticket.id)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(category) = &change.category_id {
        let category = Some(category.clone()).filter(|c| !c.is_empty());
        if let Some(c) = &category {
            super::categories::check_tx(&mut tx, &org.id, c).await?;
        }
        sqlx::query(
            "UPDATE tickets SET category_id = $1, updated_at = $2 WHERE org_id = $3 AND id = $4",
        )
        .bind(&category)
        .bind(t)
        .bind(&org.id)
        .bind(&ticket.id)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(unit) = &change.unit_id {
        let unit = Some(unit.clone()).filter(|u| !u.is_empty());
        sqlx::query(
            "UPDATE tickets SET unit_id = $1, updated_at = $2 WHERE org_id = $3 AND id = $4",
        )
        .bind(&unit)
        .bind(t)
        .bind(&org.id)
        .bind(&ticket.id)
        .execute(&mut *tx)
        .await?;
    }
    audit::record(&mut tx, Some(&org.id), &By::user(&actor.user, ip), audit::Action::TicketChanged, Some((audit::Target::Ticket, &ticket.case_number)), serde_json::json!({"status": change.status, "priority": change.priority, "assignee_id": change.assignee_id, "category_id": change.category_id, "unit_id": change.unit_id})).await?;
    tx.commit().await?;
    events::publish(db, Event::ticket(&org.id, &ticket.case_number)).await;
    Ok(())
}

/// What a citizen sends with the public contact form (or an agent records through the API).
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct ContactInput {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub subject: String,
    pub message: String,
    /// fi, sv or en: the language replies go out in.
    pub language: Option<String>,
    /// A topic category of the organisation's desk.
    #[serde(default)]
    pub category_id: Option<String>,
}

/// Opens a ticket from the contact form: no sign-in; the acknowledgement mail carries the
/// case number and when to expect an answer.
pub async fn contact(
    db: &Db,
    settings: &Settings,
    org: &Organisation,
    input: &ContactInput,
    attachments: Vec<tickets::NewAttachment>,
    lang: Lang,
    channel: tickets::TicketChannel,
) -> Result<Ticket> {
    contact_once(db, settings, org, input, attachments, lang, channel, None, None).await
}

/// The contact's name, address, subject and message, every field checked before any is
/// refused (the person learns all their mistakes at once). An empty subject is the message's
/// first line.
pub fn check_contact(input: &ContactInput) -> Result<(String, Email, String, String)> {
    let mut c = crate::error::Checks::new();
    let name = c.take(crate::identity::parse_display_name(&input.name).map_err(|e| e.at("name")));
    let email = c.take(Email::parse(&input.email).map_err(|e| e.at("email")));
    let message = input.message.trim();
    if message.is_empty() || message.chars().count() > MAX_CONTACT_MESSAGE_CHARS {
        c.push("message", "message-invalid");
    }
    if input.subject.trim().chars().count() > crate::limits::SUBJECT_CHARS {
        c.push("subject", "subject-too-long");
    }
    let subject = if input.subject.trim().is_empty() {
        message.lines().next().unwrap_or("").chars().take(80).collect()
    } else {
        input.subject.trim().to_string()
    };
    match (name, email) {
        (Some(name), Some(email)) if c.is_empty() => {
            Ok((name, email, subject, message.to_string()))
        }
        _ => Err(c.error()),
    }
}

/// [`contact`] under an idempotency key: the key is taken in the ticket's transaction and
/// the answer `201` with the ticket recorded with it. `plan_has_desk` is what the caller
/// already knows of the organisation's plan (an adviser's memberships carry it: a read less
/// per ticket); None reads the plan.
#[allow(clippy::too_many_arguments)]
pub async fn contact_once(
    db: &Db,
    settings: &Settings,
    org: &Organisation,
    input: &ContactInput,
    attachments: Vec<tickets::NewAttachment>,
    lang: Lang,
    channel: tickets::TicketChannel,
    claim: Option<&crate::idempotency::Claim>,
    plan_has_desk: Option<bool>,
) -> Result<Ticket> {
    match plan_has_desk {
        Some(true) => {}
        Some(false) => return Err(Error::NotInPlan),
        None => require_capability(db, org, Capability::Desk).await?,
    }
    let (name, email, subject, message) = check_contact(input)?;
    let message = message.as_str();
    let lang = input.language.as_deref().and_then(Lang::parse).unwrap_or(lang);
    let mut tx = db.begin().await?;
    crate::idempotency::begin(claim, &mut tx).await?;
    let category_id = input.category_id.clone().filter(|c| !c.is_empty());
    if let Some(c) = &category_id {
        super::categories::check_tx(&mut tx, &org.id, c).await?;
    }
    let (queue, desk_address) = queues::default_queue_with_address(&mut tx, &org.id).await?;
    let ticket = tickets::create(
        &mut tx,
        &queue,
        NewTicket {
            subject: subject.clone(),
            requester_email: email.as_str().to_string(),
            requester_name: Some(name.clone()),
            requester_lang: lang.code().to_string(),
            channel,
            category_id,
            refers_to: None,
            cc: vec![],
            first_message: NewMessage {
                kind: MessageKind::Incoming,
                author_user_id: None,
                from_address: Some(email.as_str().to_string()),
                from_name: Some(name),
                to: vec![],
                cc: vec![],
                subject,
                body_text: message.to_string(),
                body_html: None,
                message_id: None,
                raw_mail_id: None,
                auto_kind: Some(crate::mail::inbound::AutoKind::Human),
                attachments,
            },
        },
    )
    .await?;
    let from = desk_address.unwrap_or_else(|| settings.mail_from.clone());
    // Whoever used the web form gets a private link to the case (support::case_link).
    let link = match channel {
        tickets::TicketChannel::Web => {
            Some(crate::support::case_link::issue(&mut tx, settings, &ticket).await?)
        }
        _ => None,
    };
    // The first message came from a form or the API: it has no Message-ID to thread under.
    let ack = ingest::Acknowledgement {
        desk_address: &from,
        lang,
        link: link.as_deref(),
        in_reply_to: None,
    };
    ingest::acknowledge_new(&mut tx, settings, &ticket, ack).await?;
    crate::idempotency::complete(claim, &mut tx, 201, || {
        serde_json::to_value(&ticket).unwrap_or_default()
    })
    .await?;
    let event =
        events::publish_in(db, &mut tx, Event::ticket(&org.id, &ticket.case_number)).await?;
    tx.commit().await?;
    event.here(db);
    Ok(ticket)
}

/// Adds (or confirms a proposed) or removes a CC address of a ticket: copies of public replies
/// go there, and mail from it threads into the ticket. At most [`MAX_REPLY_CC`] confirmed.
pub async fn set_cc(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ticket: &Ticket,
    address: &str,
    add: bool,
) -> Result<()> {
    actor.check(Permission::WorkDesk, org)?;
    crate::data_requests::restriction::refuse_ticket(
        db,
        &org.id,
        &ticket.id,
        &ticket.requester_email,
    )
    .await
    .map_err(|e| e.at("cc"))?;
    let email = Email::parse(address).map_err(|e| e.at("cc"))?;
    let mut tx = db.begin().await?;
    if add {
        if email.as_str() == ticket.requester_email {
            return Err(Error::invalid("cc", "cc-is-requester"));
        }
        let confirmed =
            tickets::confirmed_cc_tx(&mut tx, &org.id, &ticket.id, MAX_REPLY_CC).await?;
        if confirmed.len() >= MAX_REPLY_CC && !confirmed.iter().any(|a| a == email.as_str()) {
            return Err(Error::invalid("cc", "cc-too-many"));
        }
        tickets::confirm_cc(&mut tx, &org.id, &ticket.id, email.as_str()).await?;
    } else if !tickets::remove_participant(&mut tx, &org.id, &ticket.id, email.as_str()).await? {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        if add {
            crate::audit::Action::TicketCcAdded
        } else {
            crate::audit::Action::TicketCcRemoved
        },
        Some((audit::Target::Ticket, &ticket.case_number)),
        serde_json::json!({"address": email.as_str()}),
    )
    .await?;
    tx.commit().await?;
    events::publish(db, Event::ticket(&org.id, &ticket.case_number)).await;
    Ok(())
}
