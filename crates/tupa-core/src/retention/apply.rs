//! Applying the retention rules: which rows are due as of a moment (one SQL condition per
//! data type, shared by the preview's counts and the deletions, so they agree), and the
//! deletions, each logged with counts only.
//!
//! The organisation's rule is joined in (`retention_rules r`); rows without an organisation
//! (refused mail, the installation's own mail and audit entries) follow the default. Tickets,
//! spaces and applications of a person whose data is restricted (GDPR art. 18) are held.

use super::{DAY, DataType};
use crate::audit::{self, By};
use crate::data_requests::restriction::held;
use crate::db::Db;
use crate::error::Result;
use crate::guidance::lifecycle::ARCHIVED_MONTHS;
use crate::maintenance::{Done, months_before};
use crate::recruitment::settings::DEFAULT_RETENTION_DAYS;

/// `FROM … WHERE …` selecting the rows of `t` due at `$1` (and, for spaces, the lifecycle's
/// default cutoff at `$2`), aliased `x`.
fn due_from(t: DataType) -> String {
    let rule = |table: &str| {
        format!(
            "{table} x LEFT JOIN retention_rules r ON r.org_id = x.org_id AND r.data_type = '{}'",
            t.as_str()
        )
    };
    let days = t.default_days();
    match t {
        DataType::Tickets => format!(
            "{} WHERE x.status = 'closed' AND x.closed_at IS NOT NULL
               AND x.closed_at + COALESCE(r.days, {days}) * {DAY} <= $1{}",
            rule("tickets"),
            held("x.requester_email")
        ),
        DataType::RawMail => format!(
            "{} WHERE x.received_at + COALESCE(r.days, {days}) * {DAY} <= $1",
            rule("raw_mail")
        ),
        DataType::Outbox => format!(
            "{} WHERE x.status <> 'pending' AND x.created_at + COALESCE(r.days, {days}) * {DAY} <= $1",
            rule("outbox")
        ),
        DataType::Audit => format!(
            "{} WHERE x.at + COALESCE(r.days, {days}) * {DAY} <= $1",
            rule("audit_log")
        ),
        // Unset, the lifecycle's calendar months apply exactly as before rules existed.
        DataType::Spaces => format!(
            "{} WHERE x.status = 'archived' AND x.archived_at IS NOT NULL
               AND ((r.days IS NULL AND x.archived_at <= $2)
                 OR (r.days IS NOT NULL AND x.archived_at + r.days * {DAY} <= $1)){}",
            rule("guidance_spaces"),
            held("x.client_email")
        ),
        DataType::Applications => format!(
            "applications x JOIN job_ads a ON a.org_id = x.org_id AND a.id = x.ad_id
             LEFT JOIN recruitment_settings s ON s.org_id = x.org_id
             WHERE a.retention_from IS NOT NULL
               AND a.retention_from + COALESCE(s.retention_days, {DEFAULT_RETENTION_DAYS}) * {DAY} <= $1{}",
            held("x.email")
        ),
    }
}

/// The spaces' due condition for [`crate::guidance::lifecycle`]: archived spaces due for
/// deletion at `now`, as `… WHERE` over `guidance_spaces x`.
pub fn spaces_due_from() -> String {
    due_from(DataType::Spaces)
}

/// The lifecycle's default cutoff for archives (bound as `$2` with [`spaces_due_from`]).
pub fn spaces_default_cutoff(now: i64) -> i64 {
    months_before(now, ARCHIVED_MONTHS)
}

/// How many rows of `t` in the organisation a run at `at` would delete.
pub async fn count_due(db: &Db, t: DataType, org_id: &str, at: i64) -> Result<u64> {
    // `$2` is used by the spaces' condition only; every statement must use every parameter.
    let sql = format!("SELECT COUNT(*) FROM {} AND x.org_id = $3 AND $2 = $2", due_from(t));
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(at)
        .bind(spaces_default_cutoff(at))
        .bind(org_id)
        .fetch_one(db.pool())
        .await?;
    Ok(n.max(0) as u64)
}

/// Deletes the rows of a simple data type (raw mail, outbox, audit) due at `now`, one
/// transaction per organisation (and one for rows without), each logged with its count.
pub async fn delete_rows(db: &Db, t: DataType, now: i64) -> Result<Done> {
    let (table, children): (&str, &[&str]) = match t {
        DataType::RawMail => ("raw_mail", &[]),
        DataType::Outbox => ("outbox", &["outbox_attachments"]),
        DataType::Audit => ("audit_log", &[]),
        _ => unreachable!("tickets, spaces and applications have their own steps"),
    };
    let orgs: Vec<(Option<String>,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT DISTINCT x.org_id FROM {} AND $2 = $2",
        due_from(t)
    )))
    .bind(now)
    .bind(0i64)
    .fetch_all(db.pool())
    .await?;
    let mut done = Done::default();
    for (org_id,) in orgs {
        let of_org =
            if org_id.is_some() { "x.org_id = $2" } else { "x.org_id IS NULL AND $2 = $2" };
        let ids = format!("SELECT x.id FROM {} AND {of_org}", due_from(t));
        let mut tx = db.begin().await?;
        for child in children {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {child} WHERE outbox_id IN ({ids})"
            )))
            .bind(now)
            .bind(org_id.as_deref().unwrap_or(""))
            .execute(&mut *tx)
            .await?;
        }
        let n =
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE id IN ({ids})")))
                .bind(now)
                .bind(org_id.as_deref().unwrap_or(""))
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if n > 0 {
            audit::record(
                &mut tx,
                org_id.as_deref(),
                &By::system(),
                audit::Action::RetentionDeleted,
                None,
                serde_json::json!({"data_type": t.as_str(), "count": n}),
            )
            .await?;
        }
        tx.commit().await?;
        done.count += n;
    }
    Ok(done)
}

/// Every table holding rows of a ticket, deleted with it (by `org_id` and the ticket's id in
/// the named column).
const TICKET_TABLES: &[(&str, &str)] = &[
    ("ticket_participants", "ticket_id"),
    ("ticket_viewers", "ticket_id"),
    ("ticket_links", "ticket_a"),
    ("ticket_links", "ticket_b"),
];

/// Deletes the closed tickets due at `now` with their messages, attachments, participants,
/// links and viewers; each logged with counts only.
pub async fn delete_tickets(db: &Db, now: i64) -> Result<Done> {
    let due: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT x.org_id, x.id FROM {} AND $2 = $2",
        due_from(DataType::Tickets)
    )))
    .bind(now)
    .bind(0i64)
    .fetch_all(db.pool())
    .await?;
    let mut done = Done::default();
    let (mut messages, mut attachments) = (0, 0);
    for (org_id, id) in due {
        let mut tx = db.begin().await?;
        // The ticket's row first, on the same condition: of two processes the second finds
        // it gone; a ticket reopened meanwhile is no longer due.
        let gone = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM tickets WHERE org_id = $2 AND id = $3 AND id IN (SELECT x.id FROM {} AND x.org_id = $2)",
            due_from(DataType::Tickets)
        )))
        .bind(now)
        .bind(&org_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if gone == 0 {
            continue;
        }
        let a = sqlx::query(
            "DELETE FROM ticket_attachments WHERE org_id = $1 AND message_id IN
               (SELECT id FROM ticket_messages WHERE org_id = $1 AND ticket_id = $2)",
        )
        .bind(&org_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let m = sqlx::query("DELETE FROM ticket_messages WHERE org_id = $1 AND ticket_id = $2")
            .bind(&org_id)
            .bind(&id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        for (table, column) in TICKET_TABLES {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE org_id = $1 AND {column} = $2"
            )))
            .bind(&org_id)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        }
        audit::record(
            &mut tx,
            Some(&org_id),
            &By::system(),
            audit::Action::TicketDeleted,
            Some((audit::Target::Ticket, &id)),
            serde_json::json!({"messages": m, "attachments": a}),
        )
        .await?;
        tx.commit().await?;
        done.count += 1;
        messages += m;
        attachments += a;
    }
    done.rows =
        vec![("ticket_messages".into(), messages), ("ticket_attachments".into(), attachments)];
    Ok(done)
}
