//! Tickets and their messages. Each ticket has a case number; messages are incoming mail or
//! form posts, agents' public replies, internal notes and events.

use serde::Serialize;
use sqlx::FromRow;

use super::case_number;
use super::queues::Queue;
use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};
use crate::mail::inbound::AutoKind;

crate::closed_set! {
    /// Where a ticket stands. Resolved and closed tickets are done (no SLA clock); a closed
    /// one takes no more replies.
    #[derive(utoipa::ToSchema)]
    pub enum TicketStatus ("status", "status-invalid") {
        New = "new",
        Open = "open",
        /// Waiting for the requester (set by a public reply).
        Waiting = "waiting",
        Resolved = "resolved",
        Closed = "closed",
    }
}

impl TicketStatus {
    /// Resolved or closed: off the active queue and its SLA clock.
    pub fn is_done(self) -> bool {
        matches!(self, TicketStatus::Resolved | TicketStatus::Closed)
    }
}

crate::closed_set! {
    /// What a message of a ticket is.
    #[derive(utoipa::ToSchema)]
    pub enum MessageKind ("kind", "action-unknown") {
        /// Mail or a form post from the requester (or a copy recipient).
        Incoming = "incoming",
        /// An adviser's public reply, mailed.
        Reply = "reply",
        /// An internal note: never mailed, never shown to the requester.
        Note = "note",
        /// The automatic acknowledgement of a new ticket.
        Acknowledgement = "acknowledgement",
        /// A recorded event (merged, split, linked).
        Event = "event",
    }
}

crate::closed_set! {
    /// How a ticket came in (reports count contacts by it).
    #[derive(utoipa::ToSchema)]
    pub enum TicketChannel ("channel", "request-invalid") {
        /// Mail to a desk address (piped by the MTA or fetched over IMAP).
        Email = "email",
        /// The public contact form (and the forms that open tickets: support, feedback).
        Web = "web",
        /// The API.
        Api = "api",
        /// Split off another ticket by an adviser.
        Split = "split",
    }
}

crate::closed_set! {
    #[derive(utoipa::ToSchema)]
    pub enum TicketPriority ("priority", "priority-invalid") {
        Low = "low",
        Normal = "normal",
        High = "high",
        Urgent = "urgent",
    }
}

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Ticket {
    #[serde(skip)]
    pub org_id: String,
    pub id: String,
    pub case_number: String,
    pub queue_id: String,
    pub category_id: Option<String>,
    pub unit_id: Option<String>,
    pub subject: String,
    #[sqlx(try_from = "String")]
    pub status: TicketStatus,
    #[sqlx(try_from = "String")]
    pub priority: TicketPriority,
    #[sqlx(try_from = "String")]
    pub channel: TicketChannel,
    pub requester_email: String,
    pub requester_name: Option<String>,
    pub requester_lang: String,
    pub assignee_id: Option<String>,
    pub merged_into: Option<String>,
    pub refers_to: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub first_response_due: Option<i64>,
    pub first_responded_at: Option<i64>,
    pub resolution_due: Option<i64>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
}

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Message {
    #[serde(skip)]
    pub org_id: String,
    pub id: String,
    #[serde(skip)]
    pub ticket_id: String,
    #[sqlx(try_from = "String")]
    pub kind: MessageKind,
    pub author_user_id: Option<String>,
    pub from_address: Option<String>,
    pub from_name: Option<String>,
    pub to_addresses: String,
    pub cc_addresses: String,
    pub subject: String,
    pub body_text: String,
    #[serde(skip)]
    pub body_html: Option<String>,
    pub message_id: Option<String>,
    pub raw_mail_id: Option<String>,
    /// For incoming mail: whether a person or a machine wrote it.
    pub auto_kind: Option<AutoKind>,
    pub created_at: i64,
    /// For incoming mail: how many To and Cc addresses were not kept (over
    /// `ingest::MAX_RECIPIENTS_KEPT`).
    pub addresses_dropped: i64,
}

impl Message {
    /// The first `n` of the stored To addresses, and how many more there are.
    pub fn to_shown(&self, n: usize) -> (Vec<&str>, usize) {
        first_of(&self.to_addresses, n)
    }
    /// The first `n` of the stored Cc addresses, and how many more there are.
    pub fn cc_shown(&self, n: usize) -> (Vec<&str>, usize) {
        first_of(&self.cc_addresses, n)
    }
}

/// The first `n` entries of a stored ", "-separated address list and the count of the rest,
/// so a page shows a bounded list whatever was stored before the cap existed.
fn first_of(list: &str, n: usize) -> (Vec<&str>, usize) {
    let mut all = list.split(", ").filter(|a| !a.is_empty());
    let shown: Vec<&str> = all.by_ref().take(n).collect();
    (shown, all.count())
}

/// How an address belongs to a ticket. Mail from any of them threads into the ticket; only
/// the requester and confirmed CCs receive public replies without being picked for one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParticipantRole {
    Requester,
    /// Added by an adviser (or confirmed in a reply): copied on every public reply.
    Cc,
    /// Arrived only in an incoming message's Cc header: shown to the adviser, copied only on a
    /// reply where the adviser ticks it (which confirms it). A stranger can put any number of
    /// addresses in a header; the desk must not mail them on its own.
    ProposedCc,
}

impl ParticipantRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantRole::Requester => "requester",
            ParticipantRole::Cc => "cc",
            ParticipantRole::ProposedCc => "proposed-cc",
        }
    }
    pub fn parse(s: &str) -> Option<ParticipantRole> {
        [ParticipantRole::Requester, ParticipantRole::Cc, ParticipantRole::ProposedCc]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// A file to keep with a message.
pub struct NewAttachment {
    pub filename: String,
    pub content_type: String,
    pub content_id: Option<String>,
    pub inline: bool,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for NewAttachment {
    // The bytes would flood logs; their count is what matters.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAttachment")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("size", &self.bytes.len())
            .finish()
    }
}

/// A message to add to a ticket.
pub struct NewMessage {
    pub kind: MessageKind,
    pub author_user_id: Option<String>,
    pub from_address: Option<String>,
    pub from_name: Option<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub message_id: Option<String>,
    pub raw_mail_id: Option<String>,
    pub auto_kind: Option<AutoKind>,
    pub attachments: Vec<NewAttachment>,
}

impl NewMessage {
    /// A message that stays inside the desk (an internal note or an event), by a person.
    pub fn internal(
        kind: MessageKind,
        author_id: &str,
        author_name: &str,
        subject: &str,
        body: String,
    ) -> NewMessage {
        NewMessage {
            kind,
            author_user_id: Some(author_id.to_string()),
            from_address: None,
            from_name: Some(author_name.to_string()),
            to: vec![],
            cc: vec![],
            subject: subject.to_string(),
            body_text: body,
            body_html: None,
            message_id: None,
            raw_mail_id: None,
            auto_kind: None,
            attachments: vec![],
        }
    }
}

pub struct NewTicket {
    pub subject: String,
    pub requester_email: String,
    pub requester_name: Option<String>,
    pub requester_lang: String,
    pub channel: TicketChannel,
    pub category_id: Option<String>,
    pub refers_to: Option<String>,
    /// Addresses from the mail's Cc header: kept as proposals ([`ParticipantRole::ProposedCc`]).
    pub cc: Vec<String>,
    pub first_message: NewMessage,
}

const COLUMNS: &str = "org_id, id, case_number, queue_id, category_id, unit_id, subject, status, priority, channel, requester_email, requester_name, requester_lang, assignee_id, merged_into, refers_to, created_at, updated_at, first_response_due, first_responded_at, resolution_due, resolved_at, closed_at";
const MESSAGE_COLUMNS: &str = "org_id, id, ticket_id, kind, author_user_id, from_address, from_name, to_addresses, cc_addresses, subject, body_text, body_html, message_id, raw_mail_id, auto_kind, created_at";
/// What a [`Message`] is read from: the inserted columns and what is recorded after.
const MESSAGE_READ: &str = "org_id, id, ticket_id, kind, author_user_id, from_address, from_name, to_addresses, cc_addresses, subject, body_text, body_html, message_id, raw_mail_id, auto_kind, created_at, addresses_dropped";

/// A subject as stored: trimmed, never empty, at most 300 characters.
pub fn clean_subject(subject: &str) -> String {
    let s: String = subject.trim().chars().filter(|c| !c.is_control()).take(300).collect();
    if s.is_empty() { "(–)".to_string() } else { s }
}

/// Opens a ticket in `queue` with its first message; due times come from the queue's
/// support hours and targets.
pub async fn create(tx: &mut Tx, queue: &Queue, new: NewTicket) -> Result<Ticket> {
    create_with_id(tx, queue, &new_id(), new).await
}

/// [`create`] with the ticket's id chosen by the caller (mail in stores the original with
/// the ticket's id before the ticket exists, instead of updating it after).
///
/// The fewest statements (this runs for every contact): the ticket and its first message
/// are inserted with their search text, the ticket comes back from the insert itself, and
/// the first message does not touch the ticket's `updated_at` (already the same moment).
///
/// The first message goes in before the ticket, so the ticket's search row is written once,
/// whole, by the ticket's insert trigger (SQLite's 0121, PostgreSQL's BEFORE trigger): the
/// other order wrote the row and then rewrote it for the message, and on SQLite each FTS5
/// write is a segment of its own that later merges must carry (callgrind of the API's
/// create: over half of all instructions were FTS5 flushes and merges).
pub async fn create_with_id(
    tx: &mut Tx,
    queue: &Queue,
    id: &str,
    new: NewTicket,
) -> Result<Ticket> {
    let t = now();
    let case_number = case_number::allocate(tx, t).await?;
    let hours = queue.hours();
    let first_due = queue.first_response_secs.and_then(|s| hours.add_working_time(t, s));
    let resolution_due = queue.resolution_secs.and_then(|s| hours.add_working_time(t, s));
    let subject = clean_subject(&new.subject);
    let search_text = super::search::indexed_text(&format!(
        "{} {} {}",
        subject,
        new.requester_email,
        new.requester_name.as_deref().unwrap_or("")
    ));
    insert_message(tx, &queue.org_id, id, new.first_message, t).await?;
    let ticket: Ticket = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO tickets (org_id, id, case_number, queue_id, category_id, subject, status, priority, channel, requester_email, requester_name,
                              requester_lang, refers_to, created_at, updated_at, first_response_due, resolution_due, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, 'new', 'normal', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         RETURNING {COLUMNS}"
    )))
    .bind(&queue.org_id)
    .bind(id)
    .bind(&case_number)
    .bind(&queue.id)
    .bind(&new.category_id)
    .bind(&subject)
    .bind(new.channel.as_str())
    .bind(new.requester_email.to_lowercase())
    .bind(&new.requester_name)
    .bind(&new.requester_lang)
    .bind(&new.refers_to)
    .bind(t)
    .bind(t)
    .bind(first_due)
    .bind(resolution_due)
    .bind(search_text)
    .fetch_one(&mut **tx)
    .await?;
    add_participant(tx, &queue.org_id, id, &new.requester_email, ParticipantRole::Requester)
        .await?;
    for cc in &new.cc {
        add_participant(tx, &queue.org_id, id, cc, ParticipantRole::ProposedCc).await?;
    }
    Ok(ticket)
}

pub async fn add_participant(
    tx: &mut Tx,
    org_id: &str,
    ticket_id: &str,
    address: &str,
    role: ParticipantRole,
) -> Result<()> {
    sqlx::query("INSERT INTO ticket_participants (org_id, ticket_id, address, role) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .bind(org_id)
        .bind(ticket_id)
        .bind(address.trim().to_lowercase())
        .bind(role.as_str())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Makes `address` a confirmed CC: a new one is added, a proposed one is confirmed (the
/// requester stays the requester).
pub async fn confirm_cc(tx: &mut Tx, org_id: &str, ticket_id: &str, address: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO ticket_participants (org_id, ticket_id, address, role) VALUES ($1, $2, $3, 'cc')
         ON CONFLICT (org_id, ticket_id, address) DO UPDATE SET role = 'cc' WHERE ticket_participants.role = 'proposed-cc'",
    )
    .bind(org_id)
    .bind(ticket_id)
    .bind(address.trim().to_lowercase())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The first `limit` addresses of a ticket with this role, by address, and how many there
/// are in all (a page shows a bounded list).
pub async fn participants(
    db: &Db,
    org_id: &str,
    ticket_id: &str,
    role: ParticipantRole,
    limit: usize,
) -> Result<(Vec<String>, usize)> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT address FROM ticket_participants WHERE org_id = $1 AND ticket_id = $2 AND role = $3 ORDER BY address LIMIT $4")
        .bind(org_id)
        .bind(ticket_id)
        .bind(role.as_str())
        .bind(limit as i64)
        .fetch_all(db.pool())
        .await?;
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ticket_participants WHERE org_id = $1 AND ticket_id = $2 AND role = $3")
        .bind(org_id)
        .bind(ticket_id)
        .bind(role.as_str())
        .fetch_one(db.pool())
        .await?;
    Ok((rows.into_iter().map(|r| r.0).collect(), total as usize))
}

/// The role `address` has on the ticket, if any.
pub async fn role_of(
    tx: &mut Tx,
    org_id: &str,
    ticket_id: &str,
    address: &str,
) -> Result<Option<ParticipantRole>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT role FROM ticket_participants WHERE org_id = $1 AND ticket_id = $2 AND address = $3")
        .bind(org_id)
        .bind(ticket_id)
        .bind(address.trim().to_lowercase())
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.and_then(|r| ParticipantRole::parse(&r.0)))
}

/// The confirmed CCs of a ticket (at most `limit + 1`, so a caller can tell "too many").
pub async fn confirmed_cc_tx(
    tx: &mut Tx,
    org_id: &str,
    ticket_id: &str,
    limit: usize,
) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT address FROM ticket_participants WHERE org_id = $1 AND ticket_id = $2 AND role = 'cc' ORDER BY address LIMIT $3")
        .bind(org_id)
        .bind(ticket_id)
        .bind(limit as i64 + 1)
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Records on the message kept with `raw_mail_id` how many of its addresses were not kept.
pub async fn record_dropped_addresses(
    tx: &mut Tx,
    org_id: &str,
    raw_mail_id: &str,
    dropped: usize,
) -> Result<()> {
    sqlx::query(
        "UPDATE ticket_messages SET addresses_dropped = $1 WHERE org_id = $2 AND raw_mail_id = $3",
    )
    .bind(dropped as i64)
    .bind(org_id)
    .bind(raw_mail_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn remove_participant(
    tx: &mut Tx,
    org_id: &str,
    ticket_id: &str,
    address: &str,
) -> Result<bool> {
    let done = sqlx::query("DELETE FROM ticket_participants WHERE org_id = $1 AND ticket_id = $2 AND address = $3 AND role IN ('cc', 'proposed-cc')")
        .bind(org_id)
        .bind(ticket_id)
        .bind(address.trim().to_lowercase())
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// True when mail from `address` belongs on the ticket (the requester or a CC, proposed or not).
pub async fn is_participant(
    tx: &mut Tx,
    org_id: &str,
    ticket_id: &str,
    address: &str,
) -> Result<bool> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ticket_participants WHERE org_id = $1 AND ticket_id = $2 AND address = $3")
        .bind(org_id)
        .bind(ticket_id)
        .bind(address.trim().to_lowercase())
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

/// Adds a message (and its files) to a ticket; returns the message id.
pub async fn add_message(
    tx: &mut Tx,
    org_id: &str,
    ticket_id: &str,
    m: NewMessage,
) -> Result<String> {
    let t = now();
    let id = insert_message(tx, org_id, ticket_id, m, t).await?;
    sqlx::query("UPDATE tickets SET updated_at = $1 WHERE org_id = $2 AND id = $3")
        .bind(t)
        .bind(org_id)
        .bind(ticket_id)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

/// [`add_message`] for a ticket just read or made: its `updated_at` is written only when
/// this moment is later (the acknowledgement of a new contact, made in the same second,
/// needs no update of the row just inserted).
pub async fn add_message_to(tx: &mut Tx, ticket: &Ticket, m: NewMessage) -> Result<String> {
    let t = now();
    if t != ticket.updated_at {
        return add_message(tx, &ticket.org_id, &ticket.id, m).await;
    }
    insert_message(tx, &ticket.org_id, &ticket.id, m, t).await
}

/// What search finds a message by: what people wrote. The automatic acknowledgement is the
/// same words in every ticket, so indexing it would only make every ticket match them (and
/// cost a rewrite of the ticket's search row per new contact).
fn searched_text(m: &NewMessage) -> Option<String> {
    (m.kind != MessageKind::Acknowledgement).then(|| super::search::indexed_text(&m.body_text))
}

/// The message row (with its search text) and its files, at `t`; the ticket is left as it is.
async fn insert_message(
    tx: &mut Tx,
    org_id: &str,
    ticket_id: &str,
    m: NewMessage,
    t: i64,
) -> Result<String> {
    let id = new_id();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO ticket_messages ({MESSAGE_COLUMNS}, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
    )))
    .bind(org_id)
    .bind(&id)
    .bind(ticket_id)
    .bind(m.kind.as_str())
    .bind(&m.author_user_id)
    .bind(m.from_address.as_ref().map(|a| a.to_lowercase()))
    .bind(&m.from_name)
    .bind(m.to.join(", "))
    .bind(m.cc.join(", "))
    .bind(clean_subject(&m.subject))
    .bind(&m.body_text)
    .bind(&m.body_html)
    .bind(&m.message_id)
    .bind(&m.raw_mail_id)
    .bind(m.auto_kind.map(AutoKind::as_str))
    .bind(t)
    .bind(searched_text(&m))
    .execute(&mut **tx)
    .await?;
    for a in m.attachments {
        sqlx::query(
            "INSERT INTO ticket_attachments (org_id, id, message_id, filename, content_type, size, content, content_id, inline)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(org_id)
        .bind(new_id())
        .bind(&id)
        .bind(&a.filename)
        .bind(&a.content_type)
        .bind(a.bytes.len() as i64)
        .bind(a.bytes)
        .bind(&a.content_id)
        .bind(a.inline)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// The Message-ID of a ticket's first message (what a reply to the customer threads under).
pub async fn first_message_id_tx(
    tx: &mut Tx,
    org_id: &str,
    ticket_id: &str,
) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT message_id FROM ticket_messages WHERE org_id = $1 AND ticket_id = $2 ORDER BY created_at, id LIMIT 1",
    )
    .bind(org_id)
    .bind(ticket_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.and_then(|(m,)| m))
}

/// A customer wrote again: a ticket waiting for them, or resolved, opens again.
pub async fn reopen_on_customer_reply(tx: &mut Tx, ticket: &Ticket) -> Result<()> {
    if matches!(ticket.status, TicketStatus::Waiting | TicketStatus::Resolved) {
        sqlx::query(
            "UPDATE tickets SET status = 'open', resolved_at = NULL, reopen_count = reopen_count + 1 WHERE org_id = $1 AND id = $2",
        )
        .bind(&ticket.org_id)
        .bind(&ticket.id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub async fn get_tx(tx: &mut Tx, org_id: &str, id: &str) -> Result<Ticket> {
    let sql = format!("SELECT {COLUMNS} FROM tickets WHERE org_id = $1 AND id = $2");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(Error::NotFound)
}

/// The ticket a case number names, within one organisation, following merges to the ticket
/// that lives on (so a merged ticket's case number keeps threading).
pub async fn by_case_number_tx(
    tx: &mut Tx,
    org_id: &str,
    case_number: &str,
) -> Result<Option<Ticket>> {
    let sql = format!("SELECT {COLUMNS} FROM tickets WHERE org_id = $1 AND case_number = $2");
    let found: Option<Ticket> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(case_number)
        .fetch_optional(&mut **tx)
        .await?;
    match found {
        Some(t) => follow_merges(tx, t).await.map(Some),
        None => Ok(None),
    }
}

async fn follow_merges(tx: &mut Tx, mut ticket: Ticket) -> Result<Ticket> {
    for _ in 0..16 {
        match ticket.merged_into.clone() {
            Some(target) => ticket = get_tx(tx, &ticket.org_id, &target).await?,
            None => break,
        }
    }
    Ok(ticket)
}

/// The ticket one of these Message-IDs belongs to, within one organisation.
pub async fn by_message_ids_tx(
    tx: &mut Tx,
    org_id: &str,
    ids: &[String],
) -> Result<Option<Ticket>> {
    // In the order given: the caller puts In-Reply-To first, then References newest first.
    for id in ids.iter() {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT ticket_id FROM ticket_messages WHERE org_id = $1 AND message_id = $2 LIMIT 1",
        )
        .bind(org_id)
        .bind(id.trim_matches(['<', '>']))
        .fetch_optional(&mut **tx)
        .await?;
        if let Some((ticket_id,)) = row {
            let t = get_tx(tx, org_id, &ticket_id).await?;
            return follow_merges(tx, t).await.map(Some);
        }
    }
    Ok(None)
}

/// The ticket one of our own outgoing messages (a reply or an acknowledgement) belongs to.
/// Bounces are matched only this way: those Message-IDs cannot be guessed by a stranger.
pub async fn by_our_message_id_tx(tx: &mut Tx, org_id: &str, id: &str) -> Result<Option<Ticket>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT ticket_id FROM ticket_messages WHERE org_id = $1 AND message_id = $2 AND kind IN ('reply', 'acknowledgement') LIMIT 1",
    )
    .bind(org_id)
    .bind(id.trim_matches(['<', '>']))
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        Some((ticket_id,)) => {
            let t = get_tx(tx, org_id, &ticket_id).await?;
            follow_merges(tx, t).await.map(Some)
        }
        None => Ok(None),
    }
}

pub async fn by_case_number(db: &Db, case_number: &str) -> Result<Option<Ticket>> {
    let sql = format!("SELECT {COLUMNS} FROM tickets WHERE case_number = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(case_number).fetch_optional(db.pool()).await?)
}

pub async fn messages_tx(tx: &mut Tx, org_id: &str, ticket_id: &str) -> Result<Vec<Message>> {
    let sql = format!(
        "SELECT {MESSAGE_READ} FROM ticket_messages WHERE org_id = $1 AND ticket_id = $2 ORDER BY created_at, id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(ticket_id)
        .fetch_all(&mut **tx)
        .await?)
}

pub async fn messages(db: &Db, org_id: &str, ticket_id: &str) -> Result<Vec<Message>> {
    let sql = format!(
        "SELECT {MESSAGE_READ} FROM ticket_messages WHERE org_id = $1 AND ticket_id = $2 ORDER BY created_at, id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(ticket_id)
        .fetch_all(db.pool())
        .await?)
}

/// A kept file, without its bytes.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct AttachmentInfo {
    pub id: String,
    /// The ticket message it came with.
    pub message_id: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    #[sqlx(try_from = "crate::db::Flag")]
    pub inline: bool,
}

pub async fn attachments(db: &Db, org_id: &str, ticket_id: &str) -> Result<Vec<AttachmentInfo>> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.message_id, a.filename, a.content_type, a.size, a.inline FROM ticket_attachments a
         JOIN ticket_messages m ON m.org_id = a.org_id AND m.id = a.message_id
         WHERE a.org_id = $1 AND m.ticket_id = $2 ORDER BY a.filename",
    )
    .bind(org_id)
    .bind(ticket_id)
    .fetch_all(db.pool())
    .await?)
}

/// One file of a ticket (NotFound when it belongs to another ticket).
pub async fn attachment(
    db: &Db,
    org_id: &str,
    ticket_id: &str,
    attachment_id: &str,
) -> Result<(AttachmentInfo, Vec<u8>)> {
    let info: AttachmentInfo = sqlx::query_as(
        "SELECT a.id, a.message_id, a.filename, a.content_type, a.size, a.inline FROM ticket_attachments a
         JOIN ticket_messages m ON m.org_id = a.org_id AND m.id = a.message_id
         WHERE a.org_id = $1 AND m.ticket_id = $2 AND a.id = $3",
    )
    .bind(org_id)
    .bind(ticket_id)
    .bind(attachment_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(Error::NotFound)?;
    let (bytes,): (Vec<u8>,) =
        sqlx::query_as("SELECT content FROM ticket_attachments WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(attachment_id)
            .fetch_one(db.pool())
            .await?;
    Ok((info, bytes))
}

/// The original bytes of an incoming message of a ticket, as it arrived.
pub async fn original(db: &Db, org_id: &str, ticket_id: &str, message_id: &str) -> Result<Vec<u8>> {
    let row: Option<(Vec<u8>,)> = sqlx::query_as(
        "SELECT r.content FROM raw_mail r JOIN ticket_messages m ON m.raw_mail_id = r.id
         WHERE m.org_id = $1 AND m.ticket_id = $2 AND m.id = $3 AND r.org_id = $1",
    )
    .bind(org_id)
    .bind(ticket_id)
    .bind(message_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| r.0).ok_or(Error::NotFound)
}

/// The requester's other tickets in the organisation, most recently updated first, for the
/// side panel of a ticket page: at most `limit`, and whether there are more. Merged tickets
/// live on in the one they went into, so they are left out. An empty address (never stored
/// today) matches nothing rather than every other ticket without one.
pub async fn of_requester(
    db: &Db,
    org_id: &str,
    requester_email: &str,
    except_ticket_id: &str,
    limit: i64,
) -> Result<(Vec<Ticket>, bool)> {
    if requester_email.is_empty() {
        return Ok((vec![], false));
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM tickets WHERE org_id = $1 AND requester_email = $2 AND id <> $3 AND merged_into IS NULL ORDER BY updated_at DESC, id DESC LIMIT $4"
    );
    let mut rows: Vec<Ticket> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(requester_email.to_lowercase())
        .bind(except_ticket_id)
        .bind(limit + 1)
        .fetch_all(db.pool())
        .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    Ok((rows, more))
}

/// The guidance space a ticket became, if any (set by `guidance::spaces::open_from_ticket`).
pub async fn space_of(db: &Db, org_id: &str, ticket_id: &str) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT space_id FROM tickets WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(ticket_id)
            .fetch_optional(db.pool())
            .await?;
    // "pending" marks a conversion still in its transaction (never visible once committed).
    Ok(row.and_then(|(s,)| s).filter(|s| s != "pending"))
}

#[cfg(test)]
mod closed_set_tests {
    use super::{MessageKind, TicketChannel, TicketPriority, TicketStatus};
    use crate::closed_set::check;

    #[test]
    fn statuses_and_priorities_keep_their_words_and_refuse_others() {
        check::<TicketStatus>("status", "status-invalid");
        check::<TicketPriority>("priority", "priority-invalid");
        check::<TicketChannel>("channel", "request-invalid");
        check::<MessageKind>("kind", "action-unknown");
        let words: Vec<&str> = TicketStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, ["new", "open", "waiting", "resolved", "closed"]);
        let words: Vec<&str> = TicketPriority::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, ["low", "normal", "high", "urgent"]);
    }
}
