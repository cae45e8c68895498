//! Restricted processing (GDPR art. 18) as the other flows see it. Once a restriction request
//! is carried out, the person's addresses are in `data_restrictions` and their data is only
//! *stored*: art. 18(2) allows nothing else without their consent or a legal claim. So:
//! - their tickets and applications stay readable (marked restricted on the page), but staff
//!   edits are refused — replies (which also mail them), notes, status, assignment, copies,
//!   and recruitment actions (stage, rating, notes, messages, refusal, selection);
//! - the retention rules do not delete their tickets, applications or guidance spaces while
//!   the restriction lasts: the usual reason to restrict (art. 18(1)(b)–(d)) is that the person
//!   needs the data kept, for a claim or until a dispute is settled;
//! - the request's own case (the data-request ticket) stays workable: it is how the controller
//!   answers them.

use crate::db::Db;
use crate::error::{Error, Result};

/// Since when, and under which request, `email`'s data is restricted in the organisation.
pub async fn of_email(db: &Db, org_id: &str, email: &str) -> Result<Option<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT x.since, COALESCE(r.case_number, '') FROM data_restrictions x
         LEFT JOIN data_requests r ON r.org_id = x.org_id AND r.id = x.request_id
         WHERE x.org_id = $1 AND x.email = $2",
    )
    .bind(org_id)
    .bind(email.trim().to_lowercase())
    .fetch_optional(db.pool())
    .await?)
}

/// The restriction on a ticket's requester, unless the ticket is a data request's own case.
pub async fn of_ticket(
    db: &Db,
    org_id: &str,
    ticket_id: &str,
    requester: &str,
) -> Result<Option<(i64, String)>> {
    let (cases,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM data_requests WHERE org_id = $1 AND ticket_id = $2")
            .bind(org_id)
            .bind(ticket_id)
            .fetch_one(db.pool())
            .await?;
    if cases > 0 {
        return Ok(None);
    }
    of_email(db, org_id, requester).await
}

/// Refuses a staff edit of a restricted requester's ticket (409 `privacy-restricted`).
pub async fn refuse_ticket(db: &Db, org_id: &str, ticket_id: &str, requester: &str) -> Result<()> {
    match of_ticket(db, org_id, ticket_id, requester).await? {
        Some(_) => Err(Error::conflict("body", "privacy-restricted")),
        None => Ok(()),
    }
}

/// Refuses a recruitment action on a restricted applicant's application.
pub async fn refuse_application(db: &Db, org_id: &str, application_id: &str) -> Result<()> {
    let email: Option<(String,)> =
        sqlx::query_as("SELECT email FROM applications WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(application_id)
            .fetch_optional(db.pool())
            .await?;
    match email {
        Some((e,)) if of_email(db, org_id, &e).await?.is_some() => {
            Err(Error::conflict("action", "privacy-restricted"))
        }
        _ => Ok(()),
    }
}

/// `AND NOT EXISTS (…)` for a retention condition: rows whose person's data is restricted are
/// held. `email` is the row's address column on alias `x`.
pub fn held(email: &str) -> String {
    format!(
        " AND NOT EXISTS (SELECT 1 FROM data_restrictions dr WHERE dr.org_id = x.org_id AND dr.email = LOWER({email}))"
    )
}
