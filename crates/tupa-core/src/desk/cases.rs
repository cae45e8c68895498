//! One question, one case: merging duplicates (the merged ticket's case number keeps
//! threading into the one that lives on), splitting a message into a ticket of its own (the
//! customer is told the new case number), and linking related tickets.

use super::case_number::TAG_PREFIX;
use super::ingest;
use super::queues;
use super::tickets::{self, NewMessage, NewTicket, Ticket};
use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::config::Settings;
use crate::db::{Db, now};
use crate::desk::tickets::MessageKind;
use crate::error::{Error, Result};
use crate::events::{self, Event};
use crate::i18n::Lang;
use crate::organisations::Organisation;

fn event(text: String, actor: &Actor, subject: &str) -> NewMessage {
    NewMessage::internal(
        MessageKind::Event,
        &actor.user.id,
        &actor.user.display_name,
        subject,
        text,
    )
}

/// The other ticket named by case number, in the same organisation.
async fn other(
    db: &Db,
    org: &Organisation,
    case_number: &str,
    field: &'static str,
) -> Result<Ticket> {
    let mut tx = db.begin().await?;
    let t = tickets::by_case_number_tx(&mut tx, &org.id, case_number.trim())
        .await?
        .ok_or(Error::invalid(field, "case-unknown"))?;
    tx.commit().await?;
    Ok(t)
}

/// Merges `source` into the ticket `into_case`: its messages and participants move there, and
/// it is closed with a pointer so that its case number keeps threading.
pub async fn merge(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    source: &Ticket,
    into_case: &str,
) -> Result<Ticket> {
    actor.check(Permission::WorkDesk, org)?;
    let mut tx = db.begin().await?;
    // Read inside the write transaction, so two merges of the same pair cannot cross.
    let target = tickets::by_case_number_tx(&mut tx, &org.id, into_case.trim())
        .await?
        .ok_or(Error::invalid("into", "case-unknown"))?;
    let source = tickets::get_tx(&mut tx, &org.id, &source.id).await?;
    if source.merged_into.is_some() {
        return Err(Error::invalid("into", "merge-already-merged"));
    }
    if target.id == source.id {
        return Err(Error::invalid("into", "merge-into-itself"));
    }
    let source = &source;
    let t = now();
    sqlx::query("UPDATE ticket_messages SET ticket_id = $1 WHERE org_id = $2 AND ticket_id = $3")
        .bind(&target.id)
        .bind(&org.id)
        .bind(&source.id)
        .execute(&mut *tx)
        .await?;
    let participants: Vec<(String, String)> = sqlx::query_as(
        "SELECT address, role FROM ticket_participants WHERE org_id = $1 AND ticket_id = $2",
    )
    .bind(&org.id)
    .bind(&source.id)
    .fetch_all(&mut *tx)
    .await?;
    for (address, role) in participants {
        // The merged ticket's requester is copied from now on (the adviser chose to merge);
        // a proposal stays a proposal.
        let role = match tickets::ParticipantRole::parse(&role) {
            Some(tickets::ParticipantRole::ProposedCc) => tickets::ParticipantRole::ProposedCc,
            _ => tickets::ParticipantRole::Cc,
        };
        tickets::add_participant(&mut tx, &org.id, &target.id, &address, role).await?;
    }
    let done = sqlx::query("UPDATE tickets SET merged_into = $1, status = 'closed', closed_at = $2, updated_at = $2 WHERE org_id = $3 AND id = $4 AND merged_into IS NULL")
        .bind(&target.id)
        .bind(t)
        .bind(&org.id)
        .bind(&source.id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::invalid("into", "merge-already-merged"));
    }
    let lang = Lang::parse(&target.requester_lang).unwrap_or_default();
    let note = lang.t_args("desk-event-merged", &[("case", &source.case_number)]);
    tickets::add_message(&mut tx, &org.id, &target.id, event(note, actor, &target.subject)).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::TicketMerged,
        Some((audit::Target::Ticket, &source.case_number)),
        serde_json::json!({"into": target.case_number}),
    )
    .await?;
    tx.commit().await?;
    events::publish(db, Event::ticket(&org.id, &source.case_number)).await;
    events::publish(db, Event::ticket(&org.id, &target.case_number)).await;
    Ok(target)
}

/// Moves one incoming message into a new ticket of its own (same customer), referring to the
/// original; the customer gets the new case number.
pub async fn split(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    source: &Ticket,
    message_id: &str,
) -> Result<Ticket> {
    actor.check(Permission::WorkDesk, org)?;
    let mut tx = db.begin().await?;
    let messages = tickets::messages_tx(&mut tx, &org.id, &source.id).await?;
    let message = messages
        .iter()
        .find(|m| m.id == message_id && m.kind == MessageKind::Incoming)
        .ok_or(Error::invalid("message_id", "split-message-invalid"))?;
    if messages.iter().filter(|m| m.kind == MessageKind::Incoming).count() < 2 {
        // Splitting the only question would leave an empty ticket behind.
        return Err(Error::invalid("message_id", "split-message-invalid"));
    }
    let queue = queues::get_tx(&mut tx, &org.id, &source.queue_id).await?;
    let lang = Lang::parse(&source.requester_lang).unwrap_or_default();
    let created = tickets::create(
        &mut tx,
        &queue,
        NewTicket {
            subject: crate::mail::inbound::strip_reply_prefixes(&message.subject).to_string(),
            requester_email: message
                .from_address
                .clone()
                .unwrap_or_else(|| source.requester_email.clone()),
            requester_name: message.from_name.clone().or(source.requester_name.clone()),
            requester_lang: source.requester_lang.clone(),
            channel: tickets::TicketChannel::Split,
            category_id: source.category_id.clone(),
            refers_to: Some(source.id.clone()),
            cc: vec![],
            first_message: event(
                lang.t_args("desk-event-split-from", &[("case", &source.case_number)]),
                actor,
                &message.subject,
            ),
        },
    )
    .await?;
    sqlx::query("UPDATE ticket_messages SET ticket_id = $1 WHERE org_id = $2 AND id = $3")
        .bind(&created.id)
        .bind(&org.id)
        .bind(message_id)
        .execute(&mut *tx)
        .await?;
    tickets::add_message(
        &mut tx,
        &org.id,
        &source.id,
        event(
            lang.t_args("desk-event-split-to", &[("case", &created.case_number)]),
            actor,
            &source.subject,
        ),
    )
    .await?;
    let from = queues::from_address_tx(&mut tx, &org.id, &queue.id)
        .await?
        .unwrap_or_else(|| settings.mail_from.clone());
    ingest::acknowledge(&mut tx, settings, &queue, &created, &from, lang).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::TicketSplit,
        Some((audit::Target::Ticket, &source.case_number)),
        serde_json::json!({"new": created.case_number}),
    )
    .await?;
    tx.commit().await?;
    events::publish(db, Event::ticket(&org.id, &source.case_number)).await;
    events::publish(db, Event::ticket(&org.id, &created.case_number)).await;
    let _ = TAG_PREFIX;
    Ok(created)
}

fn pair<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a < b { (a, b) } else { (b, a) }
}

/// Links two related tickets of the organisation.
pub async fn link(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ticket: &Ticket,
    other_case: &str,
) -> Result<Ticket> {
    actor.check(Permission::WorkDesk, org)?;
    let other_ticket = other(db, org, other_case, "other").await?;
    if other_ticket.id == ticket.id {
        return Err(Error::invalid("other", "link-to-itself"));
    }
    let (a, b) = pair(&ticket.id, &other_ticket.id);
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO ticket_links (org_id, ticket_a, ticket_b, created_at, created_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
        .bind(&org.id)
        .bind(a)
        .bind(b)
        .bind(now())
        .bind(&actor.user.id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::TicketLinked,
        Some((audit::Target::Ticket, &ticket.case_number)),
        serde_json::json!({"other": other_ticket.case_number}),
    )
    .await?;
    tx.commit().await?;
    Ok(other_ticket)
}

pub async fn unlink(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ticket: &Ticket,
    other_case: &str,
) -> Result<()> {
    actor.check(Permission::WorkDesk, org)?;
    let other_ticket = other(db, org, other_case, "other").await?;
    let (a, b) = pair(&ticket.id, &other_ticket.id);
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM ticket_links WHERE org_id = $1 AND ticket_a = $2 AND ticket_b = $3")
        .bind(&org.id)
        .bind(a)
        .bind(b)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::TicketUnlinked,
        Some((audit::Target::Ticket, &ticket.case_number)),
        serde_json::json!({"other": other_ticket.case_number}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Tickets linked to this one, and the ones it refers to or that refer to it.
pub async fn related(
    db: &Db,
    org_id: &str,
    ticket: &Ticket,
) -> Result<Vec<(String, String, String)>> {
    // (case number, subject, relation)
    let mut out: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT t.case_number, t.subject, 'linked' FROM ticket_links l JOIN tickets t ON t.org_id = l.org_id AND t.id = CASE WHEN l.ticket_a = $2 THEN l.ticket_b ELSE l.ticket_a END
         WHERE l.org_id = $1 AND (l.ticket_a = $2 OR l.ticket_b = $2)
         UNION ALL SELECT t.case_number, t.subject, 'refers-to' FROM tickets t WHERE t.org_id = $1 AND t.id = $3
         UNION ALL SELECT t.case_number, t.subject, 'referred-by' FROM tickets t WHERE t.org_id = $1 AND t.refers_to = $2
         UNION ALL SELECT t.case_number, t.subject, 'merged-from' FROM tickets t WHERE t.org_id = $1 AND t.merged_into = $2",
    )
    .bind(org_id)
    .bind(&ticket.id)
    .bind(ticket.refers_to.as_deref().unwrap_or(""))
    .fetch_all(db.pool())
    .await?;
    out.sort();
    Ok(out)
}
