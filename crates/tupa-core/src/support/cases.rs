//! The customer organisations' own support cases with the operator: listed, read (public
//! conversation only), answered and opened by their members. Who sees what:
//! - a main admin sees every case of their organisation with the operator;
//! - any other member sees the cases they opened themselves (by this page or by mail);
//! - nobody sees another organisation's cases (they answer NotFound) or the operator's
//!   internal notes.

use serde::{Deserialize, Serialize};

use super::{PublicMessage, expected_answer, public_messages};
use crate::audit::{self, By};
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, Tx};
use crate::desk::case_number::TAG_PREFIX;
use crate::desk::tickets::MessageKind;
use crate::desk::tickets::{self, NewMessage, NewTicket, Ticket, TicketStatus};
use crate::desk::work::MAX_CONTACT_MESSAGE_CHARS;
use crate::desk::{ingest, queues};
use crate::error::{Error, Result};
use crate::events::{self, Event};
use crate::i18n::Lang;
use crate::mail::inbound;
use crate::organisations::people::Role;
use crate::organisations::{self, Organisation};

/// A case as its organisation sees it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SupportCase {
    pub case_number: String,
    pub subject: String,
    /// new, open, waiting, resolved or closed (as in the operator's desk).
    pub status: TicketStatus,
    /// The organisation the case is for (its slug).
    pub organisation: String,
    pub organisation_name: String,
    /// Who opened it.
    pub requester_email: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the operator is expected to answer next (Unix seconds), counted in its support
    /// hours (weekdays 9–15 unless the operator's queue says otherwise); null when the
    /// operator has answered last or the case is resolved.
    pub expected_answer_by: Option<i64>,
}

/// A case with its public conversation, oldest first.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SupportCaseDetail {
    #[serde(flatten)]
    pub case: SupportCase,
    pub messages: Vec<PublicMessage>,
}

/// A new case: one question per case.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewCase {
    pub subject: String,
    pub message: String,
    /// The organisation (slug) the case is for; needed only by someone who is a main admin
    /// of more than one organisation.
    #[serde(default)]
    pub organisation: Option<String>,
}

/// A reply to a case from the organisation's side.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct CaseReply {
    pub message: String,
}

/// Which of an organisation's cases the actor sees.
#[derive(Clone, Debug)]
struct Scope {
    org_id: String,
    slug: String,
    name: String,
    /// None: every case of the organisation (a main admin); Some: only those they opened.
    only_requester: Option<String>,
}

fn scopes(actor: &Actor, operator: &Organisation) -> Vec<Scope> {
    if actor.needs_second_factor_setup() {
        return vec![];
    }
    let mut out: Vec<Scope> = vec![];
    for m in &actor.memberships {
        if m.org_id == operator.id || out.iter().any(|s| s.org_id == m.org_id) {
            continue;
        }
        let main = actor.roles_in(&m.org_id).contains(&Role::MainAdmin);
        out.push(Scope {
            org_id: m.org_id.clone(),
            slug: m.org_slug.clone(),
            name: m.org_name.clone(),
            only_requester: if main { None } else { Some(actor.user.email.to_lowercase()) },
        });
    }
    out
}

async fn operator(db: &Db) -> Result<Organisation> {
    organisations::operator(db).await?.ok_or(Error::NotFound)
}

async fn requester_org(db: &Db, ticket: &Ticket) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT requester_org_id FROM tickets WHERE org_id = $1 AND id = $2")
            .bind(&ticket.org_id)
            .bind(&ticket.id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.and_then(|r| r.0))
}

async fn summary(db: &Db, scope: &Scope, t: Ticket) -> Result<SupportCase> {
    let messages = tickets::messages(db, &t.org_id, &t.id).await?;
    let expected_answer_by = expected_answer(db, &t, &messages).await?;
    Ok(SupportCase {
        case_number: t.case_number,
        subject: t.subject,
        status: t.status,
        organisation: scope.slug.clone(),
        organisation_name: scope.name.clone(),
        requester_email: t.requester_email,
        created_at: t.created_at,
        updated_at: t.updated_at,
        expected_answer_by,
    })
}

/// The cases the actor sees, newest activity first (at most 200).
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<SupportCase>> {
    let op = operator(db).await?;
    let mut out = vec![];
    for scope in scopes(actor, &op) {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM tickets WHERE org_id = $1 AND requester_org_id = $2 AND merged_into IS NULL
               AND ($3 = '' OR requester_email = $3) ORDER BY updated_at DESC LIMIT 200",
        )
        .bind(&op.id)
        .bind(&scope.org_id)
        .bind(scope.only_requester.clone().unwrap_or_default())
        .fetch_all(db.pool())
        .await?;
        for (id,) in rows {
            let mut tx = db.begin().await?;
            let t = tickets::get_tx(&mut tx, &op.id, &id).await?;
            tx.commit().await?;
            out.push(summary(db, &scope, t).await?);
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
    out.truncate(200);
    Ok(out)
}

/// A case of the actor's organisation (after merges, the case it was merged into); NotFound
/// for anyone else's, for a citizen's ticket in the operator's desk, and for unknown numbers.
async fn visible(db: &Db, actor: &Actor, case_number: &str) -> Result<(Scope, Ticket)> {
    let op = operator(db).await?;
    let mut tx = db.begin().await?;
    let ticket =
        tickets::by_case_number_tx(&mut tx, &op.id, case_number).await?.ok_or(Error::NotFound)?;
    tx.commit().await?;
    let org_id = requester_org(db, &ticket).await?.ok_or(Error::NotFound)?;
    let scope = scopes(actor, &op)
        .into_iter()
        .find(|s| {
            s.org_id == org_id
                && s.only_requester.as_ref().is_none_or(|e| *e == ticket.requester_email)
        })
        .ok_or(Error::NotFound)?;
    Ok((scope, ticket))
}

pub async fn get(db: &Db, actor: &Actor, case_number: &str) -> Result<SupportCaseDetail> {
    let (scope, ticket) = visible(db, actor, case_number).await?;
    let messages = public_messages(tickets::messages(db, &ticket.org_id, &ticket.id).await?);
    let case = summary(db, &scope, ticket).await?;
    Ok(SupportCaseDetail { case, messages: messages.into_iter().map(Into::into).collect() })
}

fn check_message(message: &str) -> Result<&str> {
    let m = message.trim();
    if m.is_empty() || m.chars().count() > MAX_CONTACT_MESSAGE_CHARS {
        return Err(Error::invalid("message", "message-invalid"));
    }
    Ok(m)
}

/// Opens a case with the operator for an organisation the actor is a main admin of. The
/// operator's desk acknowledges it by mail with the case number, as it does mail.
pub async fn open(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    input: &NewCase,
    lang: Lang,
) -> Result<SupportCase> {
    let op = operator(db).await?;
    let admin_of: Vec<Scope> =
        scopes(actor, &op).into_iter().filter(|s| s.only_requester.is_none()).collect();
    let scope = match input.organisation.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => match admin_of.iter().find(|s| s.slug == slug) {
            Some(s) => s.clone(),
            None if actor.memberships.iter().any(|m| m.org_slug == slug) => {
                return Err(Error::Forbidden);
            }
            None => return Err(Error::NotFound),
        },
        None => match admin_of.as_slice() {
            [one] => one.clone(),
            [] => return Err(Error::Forbidden),
            _ => return Err(Error::invalid("organisation", "support-organisation-required")),
        },
    };
    let subject = input.subject.trim();
    if subject.is_empty() {
        return Err(Error::invalid("subject", "support-subject-required"));
    }
    if subject.chars().count() > crate::limits::SUBJECT_CHARS {
        return Err(Error::invalid("subject", "subject-too-long"));
    }
    let message = check_message(&input.message)?;
    let user = &actor.user;
    let mut tx = db.begin().await?;
    let queue = queues::default_queue(&mut tx, &op.id).await?;
    let ticket = tickets::create(
        &mut tx,
        &queue,
        NewTicket {
            subject: subject.to_string(),
            requester_email: user.email.clone(),
            requester_name: Some(user.display_name.clone()),
            requester_lang: lang.code().to_string(),
            channel: crate::desk::tickets::TicketChannel::Web,
            category_id: None,
            refers_to: None,
            cc: vec![],
            first_message: customer_message(user, subject, message),
        },
    )
    .await?;
    tie(&mut tx, &ticket, &scope.org_id).await?;
    let from = queues::from_address_tx(&mut tx, &op.id, &queue.id)
        .await?
        .unwrap_or_else(|| settings.mail_from.clone());
    ingest::acknowledge(&mut tx, settings, &queue, &ticket, &from, lang).await?;
    audit::record(
        &mut tx,
        Some(&scope.org_id),
        &By::user(user, ip),
        audit::Action::SupportCaseOpened,
        Some((audit::Target::Ticket, &ticket.case_number)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    events::publish(db, Event::ticket(&op.id, &ticket.case_number)).await;
    let ticket = tickets::by_case_number(db, &ticket.case_number).await?.ok_or(Error::NotFound)?;
    summary(db, &scope, ticket).await
}

fn customer_message(user: &crate::identity::User, subject: &str, body: &str) -> NewMessage {
    NewMessage {
        kind: MessageKind::Incoming,
        author_user_id: Some(user.id.clone()),
        from_address: Some(user.email.clone()),
        from_name: Some(user.display_name.clone()),
        to: vec![],
        cc: vec![],
        subject: subject.to_string(),
        body_text: body.to_string(),
        body_html: None,
        message_id: None,
        raw_mail_id: None,
        auto_kind: Some(crate::mail::inbound::AutoKind::Human),
        attachments: vec![],
    }
}

/// Ties an operator ticket to a customer organisation.
pub async fn tie(tx: &mut Tx, ticket: &Ticket, org_id: &str) -> Result<()> {
    sqlx::query("UPDATE tickets SET requester_org_id = $1 WHERE org_id = $2 AND id = $3")
        .bind(org_id)
        .bind(&ticket.org_id)
        .bind(&ticket.id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// For mail that opened a ticket in the operator's desk: ties it to the sender's
/// organisation when the sender is an active staff member of exactly one customer
/// organisation (several or none: left untied, the operator's adviser sees it as mail).
pub async fn tie_by_sender(tx: &mut Tx, ticket: &Ticket) -> Result<()> {
    let orgs: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT p.org_id FROM org_people p JOIN users u ON u.id = p.user_id
           JOIN organisations o ON o.id = p.org_id
          WHERE u.email = $1 AND u.deactivated_at IS NULL AND p.deactivated_at IS NULL
            AND o.is_operator = $2 AND o.retired_at IS NULL",
    )
    .bind(ticket.requester_email.to_lowercase())
    .bind(false)
    .fetch_all(&mut **tx)
    .await?;
    if let [(org_id,)] = orgs.as_slice() {
        tie(tx, ticket, org_id).await?;
    }
    Ok(())
}

/// A reply from the organisation's side: it threads into the same ticket as a mail reply
/// would (the operator's adviser sees it there), opens a waiting or resolved case again, and
/// the person replying follows the case from then on (copied on the operator's replies).
/// A closed case takes no more replies: a new case is opened instead.
pub async fn reply(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    case_number: &str,
    input: &CaseReply,
) -> Result<SupportCaseDetail> {
    let (scope, ticket) = visible(db, actor, case_number).await?;
    if ticket.status == TicketStatus::Closed {
        return Err(Error::conflict("message", "support-case-closed"));
    }
    let message = check_message(&input.message)?;
    let user = &actor.user;
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
        customer_message(user, &subject, message),
    )
    .await?;
    tickets::reopen_on_customer_reply(&mut tx, &ticket).await?;
    if user.email.to_lowercase() != ticket.requester_email {
        tickets::confirm_cc(&mut tx, &ticket.org_id, &ticket.id, &user.email).await?;
    }
    audit::record(
        &mut tx,
        Some(&scope.org_id),
        &By::user(user, ip),
        audit::Action::SupportCaseReplied,
        Some((audit::Target::Ticket, &ticket.case_number)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    events::publish(db, Event::ticket(&ticket.org_id, &ticket.case_number)).await;
    get(db, actor, &ticket.case_number).await
}
