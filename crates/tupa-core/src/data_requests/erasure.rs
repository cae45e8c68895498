//! Erasure and restriction, and the legal holds that keep records an erasure may not touch.
//!
//! Erasure deletes, in the organisation only: the person's desk tickets (with messages,
//! files, participants, links, raw mail and the mail sent to them), their own messages and
//! address in other people's tickets, the guidance spaces where they are the client (every
//! space table, as the lifecycle deletes a space), and their applications — except what a
//! hold in [`HOLDS`] keeps. The person's account is installation-wide (the same person may
//! be another organisation's client) and is not deleted by one controller's erasure.
//!
//! Restriction (article 18) keeps the data but stops its processing: the address is listed
//! in `data_restrictions`, the person's open tickets are closed with an event saying why.
//! The other flows consult the list through [`super::restriction`] (desk replies and changes,
//! recruitment actions, retention) until the restriction is lifted ([`super::lift`]).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::person::{Person, Records};
use crate::db::{Tx, now};
use crate::error::Result;
use crate::organisations::Organisation;
use crate::recruitment::settings::DEFAULT_RETENTION_DAYS;

/// A rule that keeps a record an erasure would otherwise remove.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HoldRule {
    /// The data request's own case: the controller must be able to show how requests were
    /// handled (GDPR article 5(2) accountability); kept with the organisation's case records.
    DataRequestCase,
    /// The log of who handled the person's data: kept under the Act on Information
    /// Management in Public Administration (906/2019) section 17 for its retention time.
    AuditLog,
    /// An application to a recruitment that has ended: the documents of an appointment
    /// decision are kept for the appeal period and the archive plan, `retention_days` after
    /// the ad closed (730 days by default; recruitment::retention deletes them then).
    RecruitmentDecision,
}

/// One hold: the rule, the data it keeps, and its basis (the translated text shown on the
/// case is `privacy-hold-<rule>`).
pub struct Hold {
    pub rule: HoldRule,
    pub data: &'static str,
    pub basis: &'static str,
}

/// Every hold, for the README and the case page.
pub const HOLDS: &[Hold] = &[
    Hold {
        rule: HoldRule::DataRequestCase,
        data: "the data request's case (its ticket and record)",
        basis: "GDPR art. 5(2) accountability; the organisation's case-record rules",
    },
    Hold {
        rule: HoldRule::AuditLog,
        data: "audit log entries about the person's records",
        basis: "Act on Information Management in Public Administration 906/2019, s. 17",
    },
    Hold {
        rule: HoldRule::RecruitmentDecision,
        data: "applications to a recruitment that has closed",
        basis: "appeal period and archive plan: retention_days after the ad closed (default 730)",
    },
];

impl HoldRule {
    pub fn as_str(self) -> &'static str {
        match self {
            HoldRule::DataRequestCase => "data-request-case",
            HoldRule::AuditLog => "audit-log",
            HoldRule::RecruitmentDecision => "recruitment-decision",
        }
    }
}

/// What was erased: a count per kind of data.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Erased {
    /// tickets, ticket-messages, ticket-files, spaces, space-rows, applications,
    /// application-files, mail
    pub data: String,
    pub count: i64,
}

/// What was kept and why.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Kept {
    /// tickets, applications, audit-entries
    pub data: String,
    /// The record (a case number, an application reference) or a count.
    pub record: String,
    pub rule: HoldRule,
    /// Until when the hold keeps it, when known (Unix seconds).
    pub until: Option<i64>,
}

/// What carrying out a request did, recorded on the case.
#[derive(Clone, Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct Outcome {
    /// Staff's note (for rectification: the correction made).
    pub note: Option<String>,
    pub erased: Vec<Erased>,
    pub kept: Vec<Kept>,
}

/// The organisation's data-request case tickets (bound to `$1` = the organisation).
const CASES: &str =
    "SELECT ticket_id FROM data_requests WHERE org_id = $1 AND ticket_id IS NOT NULL";

async fn exec(tx: &mut Tx, sql: &str, binds: &[&str]) -> Result<i64> {
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()));
    for b in binds {
        q = q.bind(*b);
    }
    Ok(q.execute(&mut **tx).await?.rows_affected() as i64)
}

fn add(out: &mut Outcome, data: &str, n: i64) {
    if n == 0 {
        return;
    }
    match out.erased.iter_mut().find(|e| e.data == data) {
        Some(e) => e.count += n,
        None => out.erased.push(Erased { data: data.to_string(), count: n }),
    }
}

/// Erases the person's data in `org` where no hold applies; returns what was done.
pub async fn erase(
    tx: &mut Tx,
    org: &Organisation,
    person: &Person,
    records: &Records,
) -> Result<Outcome> {
    let mut out = Outcome::default();
    let o = org.id.as_str();
    // Tickets the person is the requester of go entirely; data-request cases are held.
    for (id, case) in &records.tickets {
        if records.case_tickets.contains(id) {
            out.kept.push(Kept {
                data: "tickets".into(),
                record: case.clone(),
                rule: HoldRule::DataRequestCase,
                until: None,
            });
            continue;
        }
        let (requester,): (String,) =
            sqlx::query_as("SELECT requester_email FROM tickets WHERE org_id = $1 AND id = $2")
                .bind(o)
                .bind(id)
                .fetch_one(&mut **tx)
                .await?;
        if !person.is(Some(&requester)) {
            continue;
        }
        let of_ticket =
            "message_id IN (SELECT id FROM ticket_messages WHERE org_id = $1 AND ticket_id = $2)";
        exec(tx, &format!("DELETE FROM outbox_attachments WHERE org_id = $1 AND attachment_id IN (SELECT id FROM ticket_attachments WHERE org_id = $1 AND {of_ticket})"), &[o, id]).await?;
        let n = exec(
            tx,
            &format!("DELETE FROM ticket_attachments WHERE org_id = $1 AND {of_ticket}"),
            &[o, id],
        )
        .await?;
        add(&mut out, "ticket-files", n);
        let n =
            exec(tx, "DELETE FROM ticket_messages WHERE org_id = $1 AND ticket_id = $2", &[o, id])
                .await?;
        add(&mut out, "ticket-messages", n);
        exec(tx, "DELETE FROM ticket_participants WHERE org_id = $1 AND ticket_id = $2", &[o, id])
            .await?;
        exec(tx, "DELETE FROM ticket_viewers WHERE org_id = $1 AND ticket_id = $2", &[o, id])
            .await?;
        exec(
            tx,
            "DELETE FROM ticket_links WHERE org_id = $1 AND (ticket_a = $2 OR ticket_b = $2)",
            &[o, id],
        )
        .await?;
        let n =
            exec(tx, "DELETE FROM raw_mail WHERE org_id = $1 AND ticket_id = $2", &[o, id]).await?;
        add(&mut out, "raw-mail", n);
        exec(
            tx,
            "UPDATE tickets SET merged_into = NULL WHERE org_id = $1 AND merged_into = $2",
            &[o, id],
        )
        .await?;
        exec(
            tx,
            "UPDATE tickets SET refers_to = NULL WHERE org_id = $1 AND refers_to = $2",
            &[o, id],
        )
        .await?;
        let n = exec(tx, "DELETE FROM tickets WHERE org_id = $1 AND id = $2", &[o, id]).await?;
        add(&mut out, "tickets", n);
    }
    // In other people's tickets: the person's own messages and their address go.
    let held: Vec<&str> = records.case_tickets.iter().map(String::as_str).collect();
    for email in &person.emails {
        let msgs: Vec<(String, String)> = sqlx::query_as(
            "SELECT id, ticket_id FROM ticket_messages WHERE org_id = $1 AND from_address = $2",
        )
        .bind(o)
        .bind(email)
        .fetch_all(&mut **tx)
        .await?;
        for (mid, _) in msgs.iter().filter(|(_, t)| !held.contains(&t.as_str())) {
            exec(tx, "DELETE FROM outbox_attachments WHERE org_id = $1 AND attachment_id IN (SELECT id FROM ticket_attachments WHERE org_id = $1 AND message_id = $2)", &[o, mid]).await?;
            let n = exec(
                tx,
                "DELETE FROM ticket_attachments WHERE org_id = $1 AND message_id = $2",
                &[o, mid],
            )
            .await?;
            add(&mut out, "ticket-files", n);
            let n =
                exec(tx, "DELETE FROM ticket_messages WHERE org_id = $1 AND id = $2", &[o, mid])
                    .await?;
            add(&mut out, "ticket-messages", n);
        }
        exec(tx, &format!("DELETE FROM ticket_participants WHERE org_id = $1 AND address = $2 AND ticket_id NOT IN ({CASES})"), &[o, email]).await?;
        // The address in other messages' To and Cc lists (replies that copied the person).
        exec(tx, &format!("UPDATE ticket_messages SET to_addresses = REPLACE(to_addresses, $2, ''), cc_addresses = REPLACE(cc_addresses, $2, '') WHERE org_id = $1 AND ticket_id NOT IN ({CASES}) AND (to_addresses LIKE '%' || $2 || '%' OR cc_addresses LIKE '%' || $2 || '%')"), &[o, email]).await?;
        exec(tx, "DELETE FROM outbox_attachments WHERE org_id = $1 AND outbox_id IN (SELECT id FROM outbox WHERE org_id = $1 AND to_address = $2)", &[o, email]).await?;
        let n = exec(tx, "DELETE FROM outbox WHERE org_id = $1 AND to_address = $2", &[o, email])
            .await?;
        add(&mut out, "mail", n);
    }
    // Guidance spaces where the person is the client: deleted as the lifecycle deletes them.
    for space in &records.spaces {
        let counts = crate::guidance::lifecycle::delete_space_rows(tx, o, space).await?;
        add(&mut out, "spaces", 1);
        add(&mut out, "space-rows", counts.iter().map(|(_, n)| *n as i64).sum());
    }
    // Applications: those of a closed recruitment are held until its retention ends.
    let t = now();
    for app in &records.applications {
        let row: Option<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT p.reference, a.retention_from, s.retention_days FROM applications p
             JOIN job_ads a ON a.org_id = p.org_id AND a.id = p.ad_id
             LEFT JOIN recruitment_settings s ON s.org_id = p.org_id
             WHERE p.org_id = $1 AND p.id = $2",
        )
        .bind(o)
        .bind(app)
        .fetch_optional(&mut **tx)
        .await?;
        let Some((reference, from, days)) = row else { continue };
        if let Some(from) = from {
            let until = from + days.unwrap_or(DEFAULT_RETENTION_DAYS) * 24 * 3600;
            if until > t {
                out.kept.push(Kept {
                    data: "applications".into(),
                    record: reference,
                    rule: HoldRule::RecruitmentDecision,
                    until: Some(until),
                });
                continue;
            }
        }
        let n = exec(
            tx,
            "DELETE FROM application_files WHERE org_id = $1 AND application_id = $2",
            &[o, app],
        )
        .await?;
        add(&mut out, "application-files", n);
        exec(
            tx,
            "DELETE FROM application_events WHERE org_id = $1 AND application_id = $2",
            &[o, app],
        )
        .await?;
        let n =
            exec(tx, "DELETE FROM applications WHERE org_id = $1 AND id = $2", &[o, app]).await?;
        add(&mut out, "applications", n);
    }
    out.kept.push(Kept {
        data: "audit-entries".into(),
        record: String::new(),
        rule: HoldRule::AuditLog,
        until: None,
    });
    Ok(out)
}

/// Restricts processing: lists the person's addresses and closes their open tickets (not
/// data-request cases) with an event.
pub async fn restrict(
    tx: &mut Tx,
    org: &Organisation,
    person: &Person,
    records: &Records,
    request_id: &str,
    event_text: &str,
) -> Result<Outcome> {
    let mut out = Outcome::default();
    let t = now();
    for email in &person.emails {
        sqlx::query("INSERT INTO data_restrictions (org_id, email, request_id, since) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .bind(&org.id)
            .bind(email)
            .bind(request_id)
            .bind(t)
            .execute(&mut **tx)
            .await?;
    }
    for (id, _) in records.tickets.iter().filter(|(id, _)| !records.case_tickets.contains(id)) {
        let n = exec(tx, &format!("UPDATE tickets SET status = 'closed', closed_at = {t}, updated_at = {t} WHERE org_id = $1 AND id = $2 AND status <> 'closed'"), &[&org.id, id]).await?;
        if n > 0 {
            crate::desk::tickets::add_message(
                tx,
                &org.id,
                id,
                crate::desk::tickets::NewMessage {
                    author_user_id: None,
                    ..crate::desk::tickets::NewMessage::internal(
                        crate::desk::tickets::MessageKind::Event,
                        "",
                        "",
                        "",
                        event_text.to_string(),
                    )
                },
            )
            .await?;
            add(&mut out, "tickets-closed", n);
        }
    }
    Ok(out)
}

/// Whether processing of `email`'s data is restricted in the organisation.
pub async fn is_restricted(db: &crate::db::Db, org_id: &str, email: &str) -> Result<bool> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM data_restrictions WHERE org_id = $1 AND email = $2")
            .bind(org_id)
            .bind(email.trim().to_lowercase())
            .fetch_one(db.pool())
            .await?;
    Ok(n > 0)
}
