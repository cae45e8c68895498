//! Mail in: one RFC 5322 message becomes a ticket or a follow-up, or is refused with a reason.
//! Either way the original bytes are kept (`raw_mail`), in the same transaction as the ticket,
//! so nothing that arrived is ever lost; the one exception is a message over the size limit,
//! of which only a short record is kept (see [`refuse_too_large`]).
//!
//! Bounds: at most [`MAX_RECIPIENTS_KEPT`] To and Cc addresses are kept per message; Cc
//! addresses become proposals that an adviser must confirm before a reply is copied to them.
//!
//! Threading, in order: (1) In-Reply-To/References name a message of a ticket of this
//! organisation; (2) the subject carries our case tag of a ticket of this organisation. A
//! follow-up from an address not on the ticket (or to a closed ticket) opens a new ticket
//! that refers to the old one. Auto-replies, bounces, lists and bulk mail never get an
//! acknowledgement; a bounce of our reply is attached to its ticket and flagged.

use sha2::{Digest, Sha256};

use super::case_number::TAG_PREFIX;
use super::queues::{self, Queue};
use super::tickets::{self, NewAttachment, NewMessage, NewTicket, Ticket};
use crate::config::Settings;
use crate::db::{Db, Tx, new_id, now};
use crate::desk::tickets::MessageKind;
use crate::error::Result;
use crate::events::{self, Event};
use crate::i18n::Lang;
use crate::mail::inbound::{self, AutoKind, InboundMessage};
use crate::mail::outbox::{self, Envelope, NewMail};

/// What became of a message (also the answer of `tupa serve`'s mail gate, see [`super::ingest_gate`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// A new ticket.
    Created { case_number: String },
    /// Added to an existing ticket.
    FollowUp { case_number: String },
    /// Kept for inspection but not made into a ticket; `reason` is a stable code.
    Refused { reason: String, raw_mail_id: String },
}

impl Outcome {
    pub fn case_number(&self) -> Option<&str> {
        match self {
            Outcome::Created { case_number } | Outcome::FollowUp { case_number } => {
                Some(case_number)
            }
            Outcome::Refused { .. } => None,
        }
    }
}

/// The most To and Cc addresses kept from one incoming message, To first. Mail to a service
/// desk has a handful; 50 is far above what people write and far below what a header can
/// carry: a message with 100,000 Cc addresses was once kept whole, every one became a copy
/// recipient of the desk's replies, and the ticket page grew to 40 MB. The rest are counted
/// (`ticket_messages.addresses_dropped`), shown to the adviser, and stay in the original.
pub const MAX_RECIPIENTS_KEPT: usize = 50;

/// Of a message over [`inbound::MAX_MESSAGE_BYTES`], at most this much of its header section
/// is kept (for an admin to see who sent what); its body never is.
pub const TOO_LARGE_HEADER_KEPT: usize = 64 * 1024;

/// The addresses of a message that are kept, and how many were not.
struct Recipients {
    to: Vec<String>,
    cc: Vec<String>,
    dropped: usize,
}

fn recipients(msg: &InboundMessage) -> Recipients {
    let to: Vec<String> =
        msg.to.iter().take(MAX_RECIPIENTS_KEPT).map(|a| a.email.clone()).collect();
    let cc: Vec<String> =
        msg.cc.iter().take(MAX_RECIPIENTS_KEPT - to.len()).map(|a| a.email.clone()).collect();
    let dropped = msg.to.len() + msg.cc.len() - to.len() - cc.len();
    Recipients { to, cc, dropped }
}

/// A row of `raw_mail`: what is kept of one message that arrived. Its `sha256` is of the
/// bytes kept (the whole message, or the header section of one over the limit).
struct Record<'a> {
    /// The whole message; only the header section of one over the size limit.
    content: &'a [u8],
    /// The message's size as far as known (more than `content` for one over the limit).
    size: u64,
    sender: Option<&'a str>,
}

impl<'a> Record<'a> {
    fn whole(raw: &'a [u8]) -> Record<'a> {
        Record { content: raw, size: raw.len() as u64, sender: None }
    }
}

async fn store_raw(
    tx: &mut Tx,
    raw: &[u8],
    org_id: Option<&str>,
    recipient: Option<&str>,
    outcome: &str,
    reason: Option<&str>,
    ticket_id: Option<&str>,
) -> Result<String> {
    store_record(tx, Record::whole(raw), org_id, recipient, outcome, reason, ticket_id).await
}

async fn store_record(
    tx: &mut Tx,
    record: Record<'_>,
    org_id: Option<&str>,
    recipient: Option<&str>,
    outcome: &str,
    reason: Option<&str>,
    ticket_id: Option<&str>,
) -> Result<String> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO raw_mail (id, org_id, recipient, received_at, sha256, size, content, outcome, reason, ticket_id, sender) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(org_id)
    .bind(recipient)
    .bind(now())
    .bind(hex::encode(Sha256::digest(record.content)))
    .bind(i64::try_from(record.size).unwrap_or(i64::MAX))
    .bind(record.content)
    .bind(outcome)
    .bind(reason)
    .bind(ticket_id)
    .bind(record.sender)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

async fn refuse(
    db: &Db,
    raw: &[u8],
    org_id: Option<&str>,
    recipient: Option<&str>,
    reason: &str,
) -> Result<Outcome> {
    refuse_record(db, Record::whole(raw), org_id, recipient, reason).await
}

async fn refuse_record(
    db: &Db,
    record: Record<'_>,
    org_id: Option<&str>,
    recipient: Option<&str>,
    reason: &str,
) -> Result<Outcome> {
    let mut tx = db.begin().await?;
    let raw_mail_id =
        store_record(&mut tx, record, org_id, recipient, "refused", Some(reason), None).await?;
    tx.commit().await?;
    tracing::info!(reason, raw_mail_id, "incoming mail refused and kept");
    Ok(Outcome::Refused { reason: reason.to_string(), raw_mail_id })
}

/// The header section at the start of `head` (up to the first empty line), at most
/// [`TOO_LARGE_HEADER_KEPT`] bytes.
fn header_section(head: &[u8]) -> &[u8] {
    let head = &head[..head.len().min(TOO_LARGE_HEADER_KEPT)];
    let end = head
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|i| i + 1)
        .into_iter()
        .chain(head.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 2))
        .min()
        .unwrap_or(head.len());
    &head[..end]
}

/// Refuses a message over [`inbound::MAX_MESSAGE_BYTES`] with a short record: its size as far
/// as known, the sender and desk if its header section (read from `head`, the first bytes)
/// names them, the header section itself, and the reason `mail-too-large`. The body is never
/// kept, so what one message costs is bounded by the limit, not by what a sender sends.
pub async fn refuse_too_large(
    db: &Db,
    head: &[u8],
    size: u64,
    recipient: Option<&str>,
) -> Result<Outcome> {
    let header = header_section(head);
    let parsed = match inbound::parse(header) {
        Ok(m) => Some(m),
        Err(e) => e.message().cloned(),
    };
    let sender = parsed.as_ref().and_then(|m| m.from.as_ref()).map(|a| a.email.clone());
    let org_id = match &parsed {
        Some(msg) => desk_address(db, msg, recipient).await?.map(|a| a.org_id),
        None => match recipient {
            Some(r) => queues::find_address(db, r).await?.map(|a| a.org_id),
            None => None,
        },
    };
    tracing::warn!(size, sender, "incoming mail over the size limit refused; its body is not kept");
    let record = Record { content: header, size, sender: sender.as_deref() };
    refuse_record(db, record, org_id.as_deref(), recipient, "mail-too-large").await
}

/// The desk address this message was delivered to: the envelope recipient first (what the
/// MTA says), then To and Cc.
async fn desk_address(
    db: &Db,
    msg: &InboundMessage,
    recipient: Option<&str>,
) -> Result<Option<queues::DeskAddress>> {
    Ok(addressed(db, msg, recipient).await?.desk.map(|found| found.desk))
}

/// The desk addresses a message names, found in one query.
struct Addressed {
    /// The one it was delivered to ([`desk_address`]).
    desk: Option<queues::FoundAddress>,
    /// Its sender, when that is a desk address itself (our own mail coming back).
    sender: Option<queues::FoundAddress>,
}

async fn addressed(db: &Db, msg: &InboundMessage, recipient: Option<&str>) -> Result<Addressed> {
    // When the MTA names the recipient, that alone decides: To and Cc are the sender's to
    // write and must not steer mail to another organisation's desk.
    let candidates: Vec<String> = match recipient {
        Some(r) => vec![r.to_string()],
        // Only the addresses that are kept: a header of 100,000 addresses is not 100,000
        // look-ups (nor one of 100,000).
        None => {
            let kept = recipients(msg);
            kept.to.into_iter().chain(kept.cc).collect()
        }
    };
    let sender = msg.from.as_ref().map(|a| a.email.as_str());
    let asked: Vec<&str> = candidates.iter().map(String::as_str).chain(sender).collect();
    let found = queues::find_addresses(db, &asked).await?;
    let desk_of = |address: &str| {
        let email = crate::identity::Email::parse(address).ok()?;
        found.iter().find(|d| d.desk.address == email.as_str()).cloned()
    };
    Ok(Addressed {
        desk: candidates.iter().find_map(|c| desk_of(c)),
        sender: sender.and_then(desk_of),
    })
}

fn message_of(msg: &InboundMessage, raw_mail_id: &str) -> NewMessage {
    let kept = recipients(msg);
    NewMessage {
        kind: MessageKind::Incoming,
        author_user_id: None,
        from_address: msg.from.as_ref().map(|a| a.email.clone()),
        from_name: msg.from.as_ref().and_then(|a| a.name.clone()),
        to: kept.to,
        cc: kept.cc,
        subject: msg.subject.clone(),
        body_text: msg.text.clone(),
        body_html: msg.html.clone(),
        message_id: msg.message_id.clone(),
        raw_mail_id: Some(raw_mail_id.to_string()),
        auto_kind: Some(msg.auto),
        attachments: msg
            .attachments
            .iter()
            .map(|a| NewAttachment {
                filename: a.filename.clone(),
                content_type: a.content_type.clone(),
                content_id: a.content_id.clone(),
                inline: a.inline,
                bytes: a.bytes.clone(),
            })
            .collect(),
    }
}

/// Takes one message as the MTA delivered it. `recipient` is the envelope recipient when the
/// MTA passes it. Returns Err only when the database cannot store anything (the MTA should
/// then keep the message and try again).
pub async fn ingest(
    db: &Db,
    settings: &Settings,
    raw: &[u8],
    recipient: Option<&str>,
) -> Result<Outcome> {
    if raw.len() > inbound::MAX_MESSAGE_BYTES {
        return refuse_too_large(db, raw, raw.len() as u64, recipient).await;
    }
    let msg = match inbound::parse(raw) {
        Ok(m) => m,
        Err(e) => return refuse(db, raw, None, recipient, e.code()).await,
    };
    let addressed = addressed(db, &msg, recipient).await?;
    let Some(address) = addressed.desk else {
        return refuse(db, raw, None, recipient, "mail-no-desk-address").await;
    };
    let org_id = address.desk.org_id.clone();
    // The organisation and its plan came with the address (queues::find_addresses).
    if !address.desk_open() {
        return refuse(db, raw, Some(&org_id), recipient, "desk-unavailable").await;
    }
    let Some(from) = msg.from.clone() else {
        return refuse(db, raw, Some(&org_id), recipient, "mail-no-sender").await;
    };
    // Our own mail coming back (a forwarding loop): never a ticket.
    let ours = from.email.eq_ignore_ascii_case(&settings.mail_from)
        || addressed.sender.is_some_and(|a| a.desk.org_id == org_id);
    if ours {
        return refuse(db, raw, Some(&org_id), recipient, "mail-from-ourselves").await;
    }

    let mut tx = db.begin().await?;
    let queue = queues::get_tx(&mut tx, &org_id, &address.desk.queue_id).await?;

    if msg.auto == AutoKind::Bounce {
        let ticket = match inbound::bounced_message_id(&msg, raw) {
            Some(original) => tickets::by_our_message_id_tx(&mut tx, &org_id, &original).await?,
            None => None,
        };
        let Some(ticket) = ticket else {
            drop(tx);
            return refuse(db, raw, Some(&org_id), recipient, "bounce-unmatched").await;
        };
        let raw_id =
            store_raw(&mut tx, raw, Some(&org_id), recipient, "stored", None, Some(&ticket.id))
                .await?;
        tickets::add_message(&mut tx, &org_id, &ticket.id, message_of(&msg, &raw_id)).await?;
        record_dropped(&mut tx, &org_id, &msg, &raw_id).await?;
        let event =
            events::publish_in(db, &mut tx, Event::ticket(&org_id, &ticket.case_number)).await?;
        tx.commit().await?;
        event.here(db);
        return Ok(Outcome::FollowUp { case_number: ticket.case_number });
    }

    // Threading: our Message-IDs first, then the case tag in the subject.
    // In-Reply-To names the message answered; then References, newest first.
    let mut ids = msg.in_reply_to.clone();
    ids.extend(msg.references.iter().rev().cloned());
    let mut earlier = tickets::by_message_ids_tx(&mut tx, &org_id, &ids).await?;
    if earlier.is_none()
        && let Some(case_number) = inbound::find_case_tag(&msg.subject, TAG_PREFIX)
    {
        earlier = tickets::by_case_number_tx(&mut tx, &org_id, &case_number).await?;
    }
    if let Some(ticket) = &earlier
        && ticket.status != tickets::TicketStatus::Closed
        && tickets::is_participant(&mut tx, &org_id, &ticket.id, &from.email).await?
    {
        let raw_id =
            store_raw(&mut tx, raw, Some(&org_id), recipient, "stored", None, Some(&ticket.id))
                .await?;
        tickets::add_message(&mut tx, &org_id, &ticket.id, message_of(&msg, &raw_id)).await?;
        record_dropped(&mut tx, &org_id, &msg, &raw_id).await?;
        if msg.auto == AutoKind::Human {
            tickets::reopen_on_customer_reply(&mut tx, ticket).await?;
        }
        let event =
            events::publish_in(db, &mut tx, Event::ticket(&org_id, &ticket.case_number)).await?;
        tx.commit().await?;
        event.here(db);
        return Ok(Outcome::FollowUp { case_number: ticket.case_number.clone() });
    }

    // A new ticket (referring to the earlier one when this looked like a follow-up). The
    // original is kept with the ticket's id from the start (raw_mail.ticket_id has no foreign
    // key), which saves an update.
    let ticket_id = new_id();
    let raw_id =
        store_raw(&mut tx, raw, Some(&org_id), recipient, "stored", None, Some(&ticket_id)).await?;
    let lang = Lang::Fi;
    let first = message_of(&msg, &raw_id);
    let first_id = first.message_id.clone();
    let ticket = tickets::create_with_id(
        &mut tx,
        &queue,
        &ticket_id,
        NewTicket {
            subject: msg.subject.clone(),
            requester_email: from.email.clone(),
            requester_name: from.name.clone(),
            requester_lang: lang.code().to_string(),
            channel: tickets::TicketChannel::Email,
            category_id: None,
            refers_to: earlier.as_ref().map(|t| t.id.clone()),
            // Proposals only: copied once an adviser confirms them. Never our own address.
            cc: recipients(&msg)
                .cc
                .into_iter()
                .filter(|a| !a.eq_ignore_ascii_case(&address.desk.address))
                .collect(),
            first_message: first,
        },
    )
    .await?;
    record_dropped(&mut tx, &org_id, &msg, &raw_id).await?;
    if address.org_is_operator {
        // A customer organisation's staff member writing to the operator: their case.
        crate::support::cases::tie_by_sender(&mut tx, &ticket).await?;
    }
    if msg.auto == AutoKind::Human && !msg.return_path_empty {
        let ack = Acknowledgement {
            desk_address: &address.desk.address,
            lang,
            link: None,
            in_reply_to: first_id.as_deref(),
        };
        acknowledge_new(&mut tx, settings, &ticket, ack).await?;
    }
    let event =
        events::publish_in(db, &mut tx, Event::ticket(&org_id, &ticket.case_number)).await?;
    tx.commit().await?;
    event.here(db);
    Ok(Outcome::Created { case_number: ticket.case_number })
}

async fn record_dropped(
    tx: &mut Tx,
    org_id: &str,
    msg: &InboundMessage,
    raw_id: &str,
) -> Result<()> {
    let dropped = recipients(msg).dropped;
    if dropped > 0 {
        tracing::info!(dropped, raw_id, "incoming mail had more addresses than are kept");
        tickets::record_dropped_addresses(tx, org_id, raw_id, dropped).await?;
    }
    Ok(())
}

/// The automatic acknowledgement: case number in the subject, when to expect an answer.
/// Threaded under the ticket's first message, read back here; a caller that has just stored
/// that message says its Message-ID itself ([`acknowledge_new`]).
pub async fn acknowledge(
    tx: &mut Tx,
    settings: &Settings,
    queue: &Queue,
    ticket: &Ticket,
    desk_address: &str,
    lang: Lang,
) -> Result<()> {
    let _ = queue;
    let first = tickets::first_message_id_tx(tx, &ticket.org_id, &ticket.id).await?;
    let ack = Acknowledgement { desk_address, lang, link: None, in_reply_to: first.as_deref() };
    acknowledge_new(tx, settings, ticket, ack).await
}

/// How an acknowledgement goes out, besides its ticket.
pub struct Acknowledgement<'a> {
    /// The desk's address it comes from.
    pub desk_address: &'a str,
    pub lang: Lang,
    /// The citizen's private case link (`support::case_link`), in the mail only: the copy
    /// kept with the ticket leaves it out, so the desk's own pages never show a working link
    /// to someone else's case.
    pub link: Option<&'a str>,
    /// The Message-ID of the ticket's first message, which the reply threads under (none for
    /// a contact made on a form or through the API).
    pub in_reply_to: Option<&'a str>,
}

/// [`acknowledge`] for a ticket whose first message the caller has just stored: no read back.
pub async fn acknowledge_new(
    tx: &mut Tx,
    settings: &Settings,
    ticket: &Ticket,
    ack: Acknowledgement<'_>,
) -> Result<()> {
    let Acknowledgement { desk_address, lang, link, in_reply_to } = ack;
    // The sender's own subject is left out, so the desk cannot be made to mail someone else's
    // words to a forged address.
    let subject =
        inbound::subject_with_tag(&lang.t("mail-ack-subject"), TAG_PREFIX, &ticket.case_number);
    let body = match ticket.first_response_due {
        Some(due) => lang.t_args(
            "mail-ack-body",
            &[("case", &ticket.case_number), ("due", &crate::desk::hours::format_helsinki(due))],
        ),
        None => lang.t_args("mail-ack-body-no-target", &[("case", &ticket.case_number)]),
    };
    let message_id = outbox::enqueue_with(
        tx,
        settings,
        NewMail {
            org_id: Some(&ticket.org_id),
            to: &ticket.requester_email,
            subject: subject.clone(),
            body_text: match link {
                Some(link) => {
                    format!("{body}\n\n{}", lang.t_args("mail-ack-case-link", &[("link", link)]))
                }
                None => body.clone(),
            },
        },
        Envelope { from: Some(desk_address), in_reply_to, cc: vec![] },
    )
    .await?;
    tickets::add_message_to(
        tx,
        ticket,
        NewMessage {
            kind: MessageKind::Acknowledgement,
            author_user_id: None,
            from_address: Some(desk_address.to_string()),
            from_name: None,
            to: vec![ticket.requester_email.clone()],
            cc: vec![],
            subject,
            body_text: body,
            body_html: None,
            message_id: Some(message_id.trim_matches(['<', '>']).to_string()),
            raw_mail_id: None,
            auto_kind: None,
            attachments: vec![],
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_section_ends_at_the_first_empty_line_and_is_bounded() {
        assert_eq!(
            header_section(b"From: a@b.fi\r\nTo: c@d.fi\r\n\r\nbody"),
            b"From: a@b.fi\r\nTo: c@d.fi\r\n"
        );
        assert_eq!(header_section(b"From: a@b.fi\n\nbody\r\n\r\nmore"), b"From: a@b.fi\n");
        let endless = vec![b'X'; 3 * TOO_LARGE_HEADER_KEPT];
        assert_eq!(header_section(&endless).len(), TOO_LARGE_HEADER_KEPT);
    }

    #[test]
    fn recipients_are_capped_to_first() {
        let cc: Vec<String> = (0..200).map(|i| format!("c{i}@x.fi")).collect();
        let raw = format!(
            "From: a@b.fi\r\nTo: desk@x.fi, other@x.fi\r\nCc: {}\r\nSubject: s\r\n\r\nb\r\n",
            cc.join(", ")
        );
        let msg = inbound::parse(raw.as_bytes()).unwrap();
        let kept = recipients(&msg);
        assert_eq!(kept.to, ["desk@x.fi", "other@x.fi"]);
        assert_eq!(kept.cc.len(), MAX_RECIPIENTS_KEPT - 2);
        assert_eq!(kept.cc[0], "c0@x.fi");
        assert_eq!(kept.dropped, 202 - MAX_RECIPIENTS_KEPT);
    }
}
