//! The citizen's private case link. Whoever contacts an organisation's desk by its web form
//! gets, in the acknowledgement mail, a link to see the case (its public conversation only)
//! and answer it without signing in, as an applicant's link works in recruitment: the token
//! is random, only its SHA-256 is stored (`tickets.access_token_hash`), and it opens that one
//! case. The link expires with the case: it works while the case is not closed and for
//! [`DAYS_AFTER_CLOSE`] days after it was closed (to read the last answer); when retention
//! deletes the ticket, the link is gone with it.

use super::{PublicMessage, expected_answer, public_messages};
use crate::audit::{self, By};
use crate::config::Settings;
use crate::db::{Db, Tx};
use crate::desk::case_number::TAG_PREFIX;
use crate::desk::tickets::MessageKind;
use crate::desk::tickets::{self, NewMessage, Ticket, TicketStatus};
use crate::desk::work::MAX_CONTACT_MESSAGE_CHARS;
use crate::error::{Error, Result};
use crate::events::{self, Event};
use crate::identity::secrets::{digest, random_token};
use crate::mail::inbound;
use crate::organisations::{self, Organisation};

/// How long a closed case stays readable through its link.
pub const DAYS_AFTER_CLOSE: i64 = 30;

/// Gives the ticket a link and returns its address (for the acknowledgement mail).
pub async fn issue(tx: &mut Tx, settings: &Settings, ticket: &Ticket) -> Result<String> {
    let token = random_token();
    sqlx::query("UPDATE tickets SET access_token_hash = $1 WHERE org_id = $2 AND id = $3")
        .bind(digest(&token))
        .bind(&ticket.org_id)
        .bind(&ticket.id)
        .execute(&mut **tx)
        .await?;
    Ok(format!("{}/case/{token}", settings.public_url.trim_end_matches('/')))
}

/// A case seen through its link.
#[derive(Clone, Debug)]
pub struct OwnCase {
    pub org: Organisation,
    pub ticket: Ticket,
    pub messages: Vec<PublicMessage>,
    pub expected_answer_by: Option<i64>,
    /// False once the case is closed: the link still shows it, but a new question opens a
    /// new case through the contact form.
    pub can_reply: bool,
}

fn expired(ticket: &Ticket, at: i64) -> bool {
    ticket.status == TicketStatus::Closed
        && ticket.closed_at.unwrap_or(ticket.updated_at) + DAYS_AFTER_CLOSE * 86_400 <= at
}

async fn ticket_of(db: &Db, token: &str, at: i64) -> Result<Ticket> {
    // The shape of `random_token`: anything else is not worth a query.
    if token.len() != 43
        || !token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Error::NotFound);
    }
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT org_id, case_number FROM tickets WHERE access_token_hash = $1")
            .bind(digest(token))
            .fetch_optional(db.pool())
            .await?;
    let (org_id, case_number) = row.ok_or(Error::NotFound)?;
    let mut tx = db.begin().await?;
    // A merged case shows the case it was merged into, where its conversation goes on.
    let ticket =
        tickets::by_case_number_tx(&mut tx, &org_id, &case_number).await?.ok_or(Error::NotFound)?;
    tx.commit().await?;
    if expired(&ticket, at) {
        return Err(Error::NotFound);
    }
    Ok(ticket)
}

/// The case behind a link at moment `at`; NotFound for an unknown or expired link.
pub async fn by_token(db: &Db, token: &str, at: i64) -> Result<OwnCase> {
    let ticket = ticket_of(db, token, at).await?;
    let org = organisations::by_id(db, &ticket.org_id).await?;
    let all = tickets::messages(db, &ticket.org_id, &ticket.id).await?;
    let expected_answer_by = expected_answer(db, &ticket, &all).await?;
    let messages = public_messages(all).into_iter().map(Into::into).collect();
    let can_reply = ticket.status != TicketStatus::Closed;
    Ok(OwnCase { org, ticket, messages, expected_answer_by, can_reply })
}

/// The citizen answers through the link: the message threads into the case as their mail
/// would, and a waiting or resolved case opens again.
pub async fn reply(
    db: &Db,
    token: &str,
    message: &str,
    ip: Option<&str>,
    at: i64,
) -> Result<OwnCase> {
    let ticket = ticket_of(db, token, at).await?;
    if ticket.status == TicketStatus::Closed {
        return Err(Error::conflict("message", "support-case-closed"));
    }
    let body = message.trim();
    if body.is_empty() || body.chars().count() > MAX_CONTACT_MESSAGE_CHARS {
        return Err(Error::invalid("message", "message-invalid"));
    }
    let subject = inbound::subject_with_tag(
        &format!("Re: {}", ticket.subject),
        TAG_PREFIX,
        &ticket.case_number,
    );
    let mut tx = db.begin().await?;
    tickets::add_message(
        &mut tx,
        &ticket.org_id,
        &ticket.id,
        NewMessage {
            kind: MessageKind::Incoming,
            author_user_id: None,
            from_address: Some(ticket.requester_email.clone()),
            from_name: ticket.requester_name.clone(),
            to: vec![],
            cc: vec![],
            subject,
            body_text: body.to_string(),
            body_html: None,
            message_id: None,
            raw_mail_id: None,
            auto_kind: Some(crate::mail::inbound::AutoKind::Human),
            attachments: vec![],
        },
    )
    .await?;
    tickets::reopen_on_customer_reply(&mut tx, &ticket).await?;
    let by = By { user_id: None, label: "case-link".into(), ip: ip.map(str::to_string) };
    audit::record(
        &mut tx,
        Some(&ticket.org_id),
        &by,
        audit::Action::TicketRepliedByLink,
        Some((audit::Target::Ticket, &ticket.case_number)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    events::publish(db, Event::ticket(&ticket.org_id, &ticket.case_number)).await;
    by_token(db, token, at).await
}
