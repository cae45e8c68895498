//! Data subject requests (GDPR articles 15–18, issue 9): a person asks the organisation, the
//! controller of their data, for access, rectification, erasure or restriction. A request is
//! a case with a case number — a desk ticket in the controller's queue when the plan has the
//! desk, else a case of its own listed on the organisation's data-requests page (every
//! organisation is a controller, desk or not) — and the legal deadline: one month from
//! receipt, extendable once by two months with a reason that is mailed to the person.
//!
//! Who handles them: the main admin and desk advisers (`Permission::HandleDataRequests`).
//! Platform admins do not: the operator is only the processor.

pub mod confirm;
pub mod erasure;
pub mod execute;
pub mod export;
pub mod lift;
pub mod person;
pub mod restriction;

use serde::Serialize;
use sqlx::FromRow;
use utoipa::ToSchema;

use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::config::Settings;
use crate::db::{Db, Tx, new_id, now};
use crate::desk::tickets::{self, NewMessage, NewTicket, TicketChannel};
use crate::desk::{case_number, queues};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::mail::outbox::{self, NewMail};
use crate::organisations::plans::Capability;
use crate::organisations::{self, Organisation};

/// The longest free text of a request (the person's words, a correction note).
pub const DETAILS_CHARS: usize = 5_000;
/// The longest reason for extending the deadline.
pub const REASON_CHARS: usize = 2_000;

crate::closed_set! {
    /// What the person asks for.
    #[derive(ToSchema)]
    pub enum Kind ("kind", "privacy-kind-invalid") {
        /// Article 15: a copy of their data (the export).
        Access = "access",
        /// Article 16: correct their data (staff correct it by hand and record what).
        Rectification = "rectification",
        /// Article 17: erase their data where no legal hold keeps it.
        Erasure = "erasure",
        /// Article 18: keep the data but stop processing it.
        Restriction = "restriction",
    }
}

impl Kind {
    /// Translated name.
    pub fn label(self, lang: Lang) -> String {
        lang.t(&format!("privacy-kind-{}", self.as_str()))
    }
}

crate::closed_set! {
    /// Whether the request is still to be answered.
    #[derive(ToSchema)]
    pub enum Status ("status", "status-invalid") {
        Open = "open",
        Done = "done",
    }
}

crate::closed_set! {
    /// How the request reached the controller.
    #[derive(ToSchema)]
    pub enum Channel ("channel", "request-invalid") {
        /// The public page, confirmed by the link mailed to the address.
        WebEmail = "web-email",
        /// The public page by a signed-in person (strong identification or their account).
        WebSignedIn = "web-signed-in",
        /// Recorded by staff (it came by letter or phone).
        Staff = "staff",
    }
}

/// A data subject request, as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DataRequest {
    pub id: String,
    /// The case number (the desk ticket's when the plan has the desk).
    pub case_number: String,
    pub kind: Kind,
    pub status: Status,
    /// The address the person's data is filed under.
    pub email: Option<String>,
    /// The person's account, when known.
    pub person_id: Option<String>,
    pub channel: Channel,
    pub details: String,
    pub created_at: i64,
    /// The legal deadline (Unix seconds).
    pub due_at: i64,
    pub extended_at: Option<i64>,
    pub extension_reason: Option<String>,
    pub done_at: Option<i64>,
    /// What was done, erased and kept (once done).
    pub outcome: Option<erasure::Outcome>,
    /// A carried-out restriction: when the person was told it will be lifted (art. 18(3)).
    pub lift_noticed_at: Option<i64>,
    /// Why it is lifted, as mailed to the person.
    pub lift_reason: Option<String>,
    /// When the restriction was lifted.
    pub lifted_at: Option<i64>,
    #[serde(skip)]
    pub org_id: String,
    #[serde(skip)]
    pub ticket_id: Option<String>,
    #[serde(skip)]
    pub lang: String,
}

#[derive(FromRow)]
struct Row {
    org_id: String,
    id: String,
    case_number: String,
    kind: Kind,
    status: Status,
    email: Option<String>,
    person_id: Option<String>,
    channel: Channel,
    details: String,
    lang: String,
    ticket_id: Option<String>,
    created_at: i64,
    due_at: i64,
    extended_at: Option<i64>,
    extension_reason: Option<String>,
    done_at: Option<i64>,
    outcome: Option<String>,
    lift_noticed_at: Option<i64>,
    lift_reason: Option<String>,
    lifted_at: Option<i64>,
}

const COLUMNS: &str = "org_id, id, case_number, kind, status, email, person_id, channel, details, lang, ticket_id, created_at, due_at, extended_at, extension_reason, done_at, outcome, lift_noticed_at, lift_reason, lifted_at";

impl From<Row> for DataRequest {
    fn from(r: Row) -> Self {
        DataRequest {
            kind: r.kind,
            status: r.status,
            outcome: r.outcome.as_deref().and_then(|o| serde_json::from_str(o).ok()),
            id: r.id,
            case_number: r.case_number,
            email: r.email,
            person_id: r.person_id,
            channel: r.channel,
            details: r.details,
            created_at: r.created_at,
            due_at: r.due_at,
            extended_at: r.extended_at,
            extension_reason: r.extension_reason,
            done_at: r.done_at,
            lift_noticed_at: r.lift_noticed_at,
            lift_reason: r.lift_reason,
            lifted_at: r.lifted_at,
            org_id: r.org_id,
            ticket_id: r.ticket_id,
            lang: r.lang,
        }
    }
}

/// `ts` moved by `months` calendar months in Finnish time's calendar (the 31st becomes the
/// month's last day), as a month is counted in article 12(3).
pub fn add_months(ts: i64, months: i32) -> i64 {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(ts) else { return ts };
    let total = t.year() * 12 + i32::from(u8::from(t.month())) - 1 + months;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    let month = time::Month::try_from(month0 as u8 + 1).unwrap_or(time::Month::January);
    let day = t.day().min(month.length(year));
    time::Date::from_calendar_date(year, month, day)
        .map(|d| t.replace_date(d).unix_timestamp())
        .unwrap_or(ts)
}

/// What a new request says.
pub struct NewRequest<'a> {
    pub kind: Kind,
    pub person: person::Person,
    pub details: &'a str,
    pub lang: Lang,
    pub channel: Channel,
}

/// Checks free text against its limit; returns it trimmed.
pub fn clean_text(
    text: &str,
    max: usize,
    field: &'static str,
    code: &'static str,
) -> Result<String> {
    let t = text.trim();
    if t.chars().count() > max {
        return Err(Error::invalid(field, code));
    }
    Ok(t.to_string())
}

/// Opens the case: a desk ticket in the default queue (its resolution due set to the legal
/// deadline) when the plan has the desk, else a case number of its own.
pub async fn create_tx(
    tx: &mut Tx,
    settings: &Settings,
    org: &Organisation,
    has_desk: bool,
    new: NewRequest<'_>,
    by: &By,
) -> Result<DataRequest> {
    let details = clean_text(new.details, DETAILS_CHARS, "details", "privacy-details-too-long")?;
    let t = now();
    let id = new_id();
    let due = add_months(t, 1);
    let lang = new.lang;
    let email = new.person.email.clone();
    let (case_number, ticket_id) = if has_desk {
        let queue = queues::default_queue(tx, &org.id).await?;
        let link = format!("{}/orgs/{}/data-requests/{id}", settings.public_url, org.slug);
        let body = lang.t_args(
            "privacy-case-body",
            &[
                ("kind", &new.kind.label(lang)),
                ("due", &crate::desk::hours::format_helsinki(due)),
                ("details", &details),
                ("link", &link),
            ],
        );
        let subject = lang.t_args("privacy-case-subject", &[("kind", &new.kind.label(lang))]);
        let requester = email
            .clone()
            .unwrap_or_else(|| format!("{id}@{}", crate::identity::ftn::CLIENT_EMAIL_DOMAIN));
        // Staff write the case's first entry as a note; a request from the public page is
        // the person's own incoming message.
        let first_message = if new.channel == Channel::Staff {
            NewMessage {
                author_user_id: by.user_id.clone(),
                ..NewMessage::internal(
                    crate::desk::tickets::MessageKind::Note,
                    "",
                    &by.label,
                    &subject,
                    body,
                )
            }
        } else {
            NewMessage {
                kind: crate::desk::tickets::MessageKind::Incoming,
                author_user_id: None,
                from_address: email.clone(),
                from_name: None,
                auto_kind: Some(crate::mail::inbound::AutoKind::Human),
                ..NewMessage::internal(
                    crate::desk::tickets::MessageKind::Note,
                    "",
                    "",
                    &subject,
                    body,
                )
            }
        };
        let ticket = tickets::create(
            tx,
            &queue,
            NewTicket {
                subject: subject.clone(),
                requester_email: requester,
                requester_name: None,
                requester_lang: lang.code().to_string(),
                channel: if new.channel == Channel::Staff {
                    TicketChannel::Api
                } else {
                    TicketChannel::Web
                },
                category_id: None,
                refers_to: None,
                cc: vec![],
                first_message,
            },
        )
        .await?;
        sqlx::query("UPDATE tickets SET resolution_due = $1 WHERE org_id = $2 AND id = $3")
            .bind(due)
            .bind(&org.id)
            .bind(&ticket.id)
            .execute(&mut **tx)
            .await?;
        (ticket.case_number, Some(ticket.id))
    } else {
        (case_number::allocate(tx, t).await?, None)
    };
    sqlx::query(
        "INSERT INTO data_requests (org_id, id, case_number, kind, status, email, person_id, channel, details, lang, ticket_id, created_by, created_at, due_at)
         VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&org.id)
    .bind(&id)
    .bind(&case_number)
    .bind(new.kind.as_str())
    .bind(&email)
    .bind(&new.person.user_id)
    .bind(new.channel.as_str())
    .bind(&details)
    .bind(lang.code())
    .bind(&ticket_id)
    .bind(&by.user_id)
    .bind(t)
    .bind(due)
    .execute(&mut **tx)
    .await?;
    // The person who asked on the public page hears at once that the request is filed, with
    // its case number and deadline. Staff-recorded requests came by letter or phone and are
    // answered the same way; an identified client's address in the .invalid domain is never
    // mailed.
    if new.channel != Channel::Staff
        && let Some(to) = email.as_deref().filter(|e| !e.ends_with(".invalid"))
    {
        outbox::enqueue(
            tx,
            settings,
            NewMail {
                org_id: Some(&org.id),
                to,
                subject: lang.t_args("privacy-mail-received-subject", &[("case", &case_number)]),
                body_text: lang.t_args(
                    "privacy-mail-received-body",
                    &[
                        ("org", &org.name),
                        ("case", &case_number),
                        ("kind", &new.kind.label(lang)),
                        ("due", &crate::desk::hours::format_helsinki(due)),
                    ],
                ),
            },
        )
        .await?;
    }
    audit::record(
        tx,
        Some(&org.id),
        by,
        audit::Action::DataRequestCreated,
        Some((audit::Target::DataRequest, &id)),
        serde_json::json!({"kind": new.kind.as_str(), "case_number": case_number, "channel": new.channel.as_str(), "due_at": due}),
    )
    .await?;
    get_tx(tx, &org.id, &id).await
}

/// Staff record a request that came by letter or phone.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    kind: Kind,
    email: Option<&str>,
    person_id: Option<&str>,
    details: &str,
    lang: Lang,
) -> Result<DataRequest> {
    actor.check(Permission::HandleDataRequests, org)?;
    let person = person::resolve(db, org, email, person_id).await?;
    let has_desk = has_desk(db, org).await?;
    let mut tx = db.begin().await?;
    let new = NewRequest { kind, person, details, lang, channel: Channel::Staff };
    let r = create_tx(&mut tx, settings, org, has_desk, new, &By::user(&actor.user, ip)).await?;
    tx.commit().await?;
    Ok(r)
}

pub async fn has_desk(db: &Db, org: &Organisation) -> Result<bool> {
    Ok(crate::authz::require_capability(db, org, Capability::Desk).await.is_ok())
}

pub async fn get_tx(tx: &mut Tx, org_id: &str, id: &str) -> Result<DataRequest> {
    let row: Row = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM data_requests WHERE org_id = $1 AND id = $2"
    )))
    .bind(org_id)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(Error::NotFound)?;
    Ok(row.into())
}

/// The request `id` with its organisation, if the actor may handle the organisation's
/// requests; any other id answers NotFound (or Forbidden to a member without the right).
pub async fn for_actor(db: &Db, actor: &Actor, id: &str) -> Result<(Organisation, DataRequest)> {
    let row: Row = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM data_requests WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(Error::NotFound)?;
    let org = organisations::by_id(db, &row.org_id).await?;
    actor.check(Permission::HandleDataRequests, &org)?;
    Ok((org, row.into()))
}

/// The organisation's requests: open ones first by deadline, then the rest newest first.
pub async fn list(db: &Db, org_id: &str, limit: i64) -> Result<Vec<DataRequest>> {
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM data_requests WHERE org_id = $1
         ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, CASE WHEN status = 'open' THEN due_at ELSE -created_at END LIMIT $2"
    )))
    .bind(org_id)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Extends the deadline once by two months; the reason is mailed to the person (article
/// 12(3)) and noted on the case.
pub async fn extend(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    id: &str,
    reason: &str,
) -> Result<DataRequest> {
    let (org, r) = for_actor(db, actor, id).await?;
    let reason = clean_text(reason, REASON_CHARS, "reason", "privacy-reason-too-long")?;
    if reason.is_empty() {
        return Err(Error::invalid("reason", "privacy-reason-missing"));
    }
    if r.status == Status::Done {
        return Err(Error::conflict("status", "privacy-request-done"));
    }
    if r.extended_at.is_some() {
        return Err(Error::conflict("reason", "privacy-already-extended"));
    }
    let due = add_months(r.due_at, 2);
    let t = now();
    let mut tx = db.begin().await?;
    let done = sqlx::query("UPDATE data_requests SET due_at = $1, extended_at = $2, extension_reason = $3 WHERE org_id = $4 AND id = $5 AND extended_at IS NULL AND status = 'open'")
        .bind(due)
        .bind(t)
        .bind(&reason)
        .bind(&org.id)
        .bind(&r.id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::conflict("reason", "privacy-already-extended"));
    }
    let lang = Lang::parse(&r.lang).unwrap_or_default();
    if let Some(ticket_id) = &r.ticket_id {
        sqlx::query(
            "UPDATE tickets SET resolution_due = $1, updated_at = $2 WHERE org_id = $3 AND id = $4",
        )
        .bind(due)
        .bind(t)
        .bind(&org.id)
        .bind(ticket_id)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(email) = r.email.as_deref().filter(|e| !e.ends_with(".invalid")) {
        outbox::enqueue(
            &mut tx,
            settings,
            NewMail {
                org_id: Some(&org.id),
                to: email,
                subject: lang.t_args("privacy-mail-extended-subject", &[("case", &r.case_number)]),
                body_text: lang.t_args(
                    "privacy-mail-extended-body",
                    &[
                        ("org", &org.name),
                        ("case", &r.case_number),
                        ("kind", &r.kind.label(lang)),
                        ("due", &crate::desk::hours::format_helsinki(due)),
                        ("reason", &reason),
                    ],
                ),
            },
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DataRequestExtended,
        Some((audit::Target::DataRequest, &r.id)),
        serde_json::json!({"due_at": due, "mailed": r.email.is_some()}),
    )
    .await?;
    let out = get_tx(&mut tx, &org.id, &r.id).await?;
    tx.commit().await?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_a_calendar_month() {
        // 2026-01-31 12:00 UTC → 2026-02-28 12:00 UTC; 2026-03-15 → 2026-05-15.
        let jan31 = 1_769_860_800;
        assert_eq!(add_months(jan31, 1), jan31 + 28 * 86_400);
        let mar15 = 1_773_576_000;
        assert_eq!(add_months(mar15, 2), mar15 + 61 * 86_400);
        let dec10 = 1_796_904_000;
        assert_eq!(add_months(dec10, 1), dec10 + 31 * 86_400);
    }

    #[test]
    fn closed_sets_parse_their_words_only() {
        crate::closed_set::check::<Kind>("kind", "privacy-kind-invalid");
        crate::closed_set::check::<Status>("status", "status-invalid");
        crate::closed_set::check::<Channel>("channel", "request-invalid");
        assert!("delete".parse::<Kind>().is_err());
    }
}
