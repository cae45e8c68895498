//! Accessibility feedback (law 306/2019 section 16): anyone may tell that content is not
//! accessible or ask for it in another form, without signing in. It becomes a desk ticket
//! whose resolution is due in 14 days, the law's time to answer, in the "Accessibility
//! feedback" category of the desk that receives it.
//!
//! Where it lands: the organisation's own desk. An organisation without the desk in its plan,
//! and the installation's statement, send it to the operator's desk with the organisation
//! named: the pages are the operator's software, so the operator can fix the fault or pass the
//! feedback on, and the law's answer time must run somewhere a person works a queue.

use serde::Deserialize;

use super::Scope;
use crate::audit::{self, By};
use crate::config::Settings;
use crate::db::{Db, now};
use crate::desk::queues;
use crate::desk::tickets::MessageKind;
use crate::desk::tickets::{self, NewMessage, NewTicket, Ticket};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::identity::Email;
use crate::organisations::{self, Organisation};

/// The law's time to answer accessibility feedback.
pub const ANSWER_DAYS: i64 = 14;
/// The address of the page the feedback is about.
pub const MAX_PAGE_CHARS: usize = 500;
/// The description (the contact form's message limit).
pub const MAX_DESCRIPTION_CHARS: usize = crate::desk::work::MAX_CONTACT_MESSAGE_CHARS;

/// What a person sends.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct FeedbackInput {
    pub name: String,
    pub email: String,
    pub page: String,
    pub description: String,
}

/// The organisation whose desk receives feedback on `scope`'s statement.
pub async fn receiver(db: &Db, scope: Scope<'_>) -> Result<Option<Organisation>> {
    if let Scope::Organisation(org) = scope
        && crate::data_requests::has_desk(db, org).await?
    {
        return Ok(Some(org.clone()));
    }
    match organisations::operator(db).await? {
        Some(op) if crate::data_requests::has_desk(db, &op).await? => Ok(Some(op)),
        _ => Ok(None),
    }
}

/// The desk category that marks accessibility feedback; made on first use with a fixed id,
/// so that it is found again (and can be renamed or retired like any other category).
async fn category(tx: &mut crate::db::Tx, org_id: &str) -> Result<String> {
    let id = format!("a11y-{org_id}");
    sqlx::query(
        "INSERT INTO desk_categories (org_id, id, name, name_sv, name_en, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(org_id)
    .bind(&id)
    .bind(Lang::Fi.t("a11y-feedback-category"))
    .bind(Lang::Sv.t("a11y-feedback-category"))
    .bind(Lang::En.t("a11y-feedback-category"))
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

fn line(input: &str, max: usize, field: &'static str, code: &'static str) -> Result<String> {
    let s = input.trim();
    if s.chars().count() > max || s.chars().any(char::is_control) {
        return Err(Error::invalid(field, code));
    }
    Ok(s.to_string())
}

/// Files the feedback as a ticket; returns it (with the organisation whose queue holds it).
pub async fn send(
    db: &Db,
    settings: &Settings,
    scope: Scope<'_>,
    input: &FeedbackInput,
    lang: Lang,
) -> Result<(Organisation, Ticket)> {
    let name = line(&input.name, 200, "name", "name-invalid")?;
    let email = match input.email.trim() {
        "" => None,
        e => Some(Email::parse(e)?),
    };
    let page = line(&input.page, MAX_PAGE_CHARS, "page", "a11y-page-too-long")?;
    let description = input.description.trim();
    if description.is_empty() {
        return Err(Error::invalid("description", "a11y-description-missing"));
    }
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(Error::invalid("description", "message-invalid"));
    }
    let receiver = receiver(db, scope).await?.ok_or(Error::NotFound)?;
    let about = match scope {
        Scope::Installation => lang.t("a11y-feedback-about-installation"),
        Scope::Organisation(o) => o.name.clone(),
    };
    let t = now();
    let mut tx = db.begin().await?;
    let queue = queues::default_queue(&mut tx, &receiver.id).await?;
    let category_id = category(&mut tx, &receiver.id).await?;
    let subject = lang.t_args("a11y-feedback-subject", &[("about", &about)]);
    let body = lang.t_args(
        "a11y-feedback-body",
        &[
            ("about", &about),
            ("page", if page.is_empty() { "–" } else { &page }),
            ("description", description),
        ],
    );
    // Without an address the person gets no mail; the ticket still needs a requester, and one
    // in the reserved .invalid domain is never mailed.
    let requester = email.as_ref().map(|e| e.as_str().to_string()).unwrap_or_else(|| {
        format!("{}@{}", crate::db::new_id(), crate::identity::ftn::CLIENT_EMAIL_DOMAIN)
    });
    let ticket = tickets::create(
        &mut tx,
        &queue,
        NewTicket {
            subject: subject.clone(),
            requester_email: requester,
            requester_name: Some(name.clone()).filter(|n| !n.is_empty()),
            requester_lang: lang.code().to_string(),
            channel: crate::desk::tickets::TicketChannel::Web,
            category_id: Some(category_id),
            refers_to: None,
            cc: vec![],
            first_message: NewMessage {
                kind: MessageKind::Incoming,
                author_user_id: None,
                from_address: email.as_ref().map(|e| e.as_str().to_string()),
                from_name: Some(name).filter(|n| !n.is_empty()),
                auto_kind: Some(crate::mail::inbound::AutoKind::Human),
                ..NewMessage::internal(MessageKind::Note, "", "", &subject, body)
            },
        },
    )
    .await?;
    let due = t + ANSWER_DAYS * 86_400;
    sqlx::query("UPDATE tickets SET resolution_due = $1 WHERE org_id = $2 AND id = $3")
        .bind(due)
        .bind(&receiver.id)
        .bind(&ticket.id)
        .execute(&mut *tx)
        .await?;
    if email.is_some() {
        let from = queues::from_address_tx(&mut tx, &receiver.id, &queue.id)
            .await?
            .unwrap_or_else(|| settings.mail_from.clone());
        crate::desk::ingest::acknowledge(&mut tx, settings, &queue, &ticket, &from, lang).await?;
    }
    audit::record(
        &mut tx,
        Some(&receiver.id),
        &By { user_id: None, label: "accessibility-feedback".into(), ip: None },
        audit::Action::AccessibilityFeedbackReceived,
        Some((audit::Target::Ticket, &ticket.case_number)),
        serde_json::json!({"scope": match scope { Scope::Installation => "installation", Scope::Organisation(o) => o.slug.as_str() }}),
    )
    .await?;
    let ticket = tickets::get_tx(&mut tx, &receiver.id, &ticket.id).await?;
    tx.commit().await?;
    crate::events::publish(db, crate::events::Event::ticket(&receiver.id, &ticket.case_number))
        .await;
    Ok((receiver, ticket))
}
