//! Operator services (issue 13, first half): the customer organisations' own support cases
//! with the operator ([`cases`]) and the citizen's private link to a desk case ([`case_link`]).
//!
//! A case with the operator is an ordinary ticket in the operator organisation's desk, tied to
//! the customer organisation by `tickets.requester_org_id` (see migration 0060): set when a
//! member opens the case from `/support` or the API, or when mail to the operator's desk comes
//! from a staff member of exactly one organisation. The operator's advisers work it in their
//! desk as any other ticket; the customer sees only its public conversation.

pub mod case_link;
pub mod cases;

use crate::desk::tickets::MessageKind;
use crate::desk::tickets::{Message, TicketStatus};

/// Message kinds the person on the other side of the desk saw: what they (or their
/// colleagues) wrote and the desk's public replies. Internal notes and events never.
pub const PUBLIC_KINDS: [MessageKind; 2] = [MessageKind::Incoming, MessageKind::Reply];

/// The public conversation of a ticket, oldest first.
pub fn public_messages(all: Vec<Message>) -> Vec<Message> {
    all.into_iter().filter(|m| PUBLIC_KINDS.contains(&m.kind)).collect()
}

/// A message as shown outside the desk: who wrote it (the desk or the customer side), when,
/// and its text. No addresses of the desk's advisers or raw mail ids.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PublicMessage {
    /// True for the desk's reply, false for the customer side.
    pub from_desk: bool,
    /// The customer's name as written; the desk's replies carry no adviser's name.
    pub from_name: Option<String>,
    pub body: String,
    pub created_at: i64,
}

impl From<Message> for PublicMessage {
    fn from(m: Message) -> Self {
        let from_desk = m.kind == MessageKind::Reply;
        PublicMessage {
            from_desk,
            from_name: if from_desk { None } else { m.from_name },
            body: m.body_text,
            created_at: m.created_at,
        }
    }
}

/// When the desk is expected to answer next, in its support hours: for a ticket whose last
/// public message is the customer's and that is not resolved or closed, the queue's first
/// response target counted in working time from that message; `None` otherwise.
pub async fn expected_answer(
    db: &crate::db::Db,
    ticket: &crate::desk::tickets::Ticket,
    messages: &[Message],
) -> crate::error::Result<Option<i64>> {
    if matches!(
        ticket.status,
        TicketStatus::Resolved | TicketStatus::Closed | TicketStatus::Waiting
    ) {
        return Ok(None);
    }
    let Some(last) = messages.iter().rev().find(|m| PUBLIC_KINDS.contains(&m.kind)) else {
        return Ok(None);
    };
    if last.kind != MessageKind::Incoming {
        return Ok(None);
    }
    if ticket.first_responded_at.is_none() {
        return Ok(ticket.first_response_due);
    }
    let mut tx = db.begin().await?;
    let queue = crate::desk::queues::get_tx(&mut tx, &ticket.org_id, &ticket.queue_id).await?;
    tx.commit().await?;
    Ok(queue.first_response_secs.and_then(|s| queue.hours().add_working_time(last.created_at, s)))
}
