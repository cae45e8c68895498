//! The lifecycle of a space (seed 004): open → closed by the counsellor or after 3 months
//! without a client sign-in → (members may still write; the counsellor may reopen) →
//! archived 3 months after closing (read-only, the client's alone) → deleted a year later,
//! logged with counts only. Run by `maintenance`, each step as of a moment `now`.
//!
//! Every change is a conditional update of one space in its own transaction ("archive it if
//! it is still closed and closed long enough"): a second run, or another process running at
//! the same moment, finds nothing left to do.

use super::access::{SpaceRole, SpaceStatus};
use crate::audit::{self, By};
use crate::config::Settings;
use crate::db::{Db, Tx};
use crate::error::Result;
use crate::i18n::Lang;
use crate::mail::outbox::{self, NewMail};
use crate::maintenance::{Done, months_before};
use crate::retention::apply as retention_apply;

/// Months without a client sign-in before an open space closes.
pub const IDLE_MONTHS: i32 = 3;
/// Months a closed space stays writable (and reopenable) before it is archived.
pub const CLOSED_MONTHS: i32 = 3;
/// Months an archive is kept for the client before it is deleted.
pub const ARCHIVED_MONTHS: i32 = 12;
/// How long before closing for inactivity the client is told (a sign-in keeps it open).
pub const IDLE_NOTICE_SECS: i64 = 14 * 24 * 3600;
/// How long before the archive's deletion the client is told (time to download it).
pub const DELETION_NOTICE_SECS: i64 = 30 * 24 * 3600;

/// Every table holding rows of a space, by `(org_id, space_id)`: deleting a space deletes its
/// rows in each, in this order. A new space table is added here (the lifecycle test fails
/// while a table with a `space_id` column is missing from this list or [`SPACE_LINKS`]).
pub const SPACE_TABLES: &[&str] = &[
    "space_task_comments",
    "space_tasks",
    "space_links",
    "space_summaries",
    "space_materials",
    "meter_answers",
    "space_followups",
    "space_call_signals",
    "space_calls",
    "space_attachments",
    "space_messages",
    "space_invitations",
    "space_members",
    "space_professionals",
];

/// Tables that only point at a space from elsewhere (they are not the space's data): the
/// pointer is cleared when the space is deleted.
pub const SPACE_LINKS: &[&str] = &["tickets"];

/// The idle clock: the client's last sign-in, else the space's opening, and a reopening
/// restarts it. Bound to `$1` = the cutoff.
const IDLE_SINCE_CUTOFF: &str = "COALESCE(last_client_sign_in_at, created_at) <= $1 \
     AND COALESCE(reopened_at, 0) <= $1";

/// Closes open spaces whose client has not signed in for [`IDLE_MONTHS`].
pub async fn close_idle(db: &Db, now: i64) -> Result<Done> {
    let cutoff = months_before(now, IDLE_MONTHS);
    let due: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT org_id, id FROM guidance_spaces WHERE status = 'open' AND {IDLE_SINCE_CUTOFF}"
    )))
    .bind(cutoff)
    .fetch_all(db.pool())
    .await?;
    let mut done = 0;
    for (org_id, id) in due {
        let mut tx = db.begin().await?;
        let changed = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE guidance_spaces SET status = $2, closed_at = $3, updated_at = $3
             WHERE org_id = $4 AND id = $5 AND status = $6 AND {IDLE_SINCE_CUTOFF}"
        )))
        .bind(cutoff)
        .bind(SpaceStatus::Closed.as_str())
        .bind(now)
        .bind(&org_id)
        .bind(&id)
        .bind(SpaceStatus::Open.as_str())
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 0 {
            continue;
        }
        audit::record(
            &mut tx,
            Some(&org_id),
            &By::system(),
            audit::Action::SpaceClosedIdle,
            Some((audit::Target::Space, &id)),
            serde_json::json!({"idle_months": IDLE_MONTHS}),
        )
        .await?;
        tx.commit().await?;
        done += 1;
    }
    Ok(Done::count(done))
}

/// Tells the client of each open space that closes for inactivity within
/// [`IDLE_NOTICE_SECS`] (once; a sign-in clears the mark). The mail names the organisation
/// and links the space, nothing else.
pub async fn warn_idle(db: &Db, settings: &Settings, now: i64) -> Result<Done> {
    let cutoff = months_before(now + IDLE_NOTICE_SECS, IDLE_MONTHS);
    let due: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT org_id, id FROM guidance_spaces
         WHERE status = 'open' AND idle_notice_at IS NULL AND {IDLE_SINCE_CUTOFF}"
    )))
    .bind(cutoff)
    .fetch_all(db.pool())
    .await?;
    let mut done = 0;
    for (org_id, id) in due {
        let mut tx = db.begin().await?;
        let claimed = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE guidance_spaces SET idle_notice_at = $2
             WHERE org_id = $3 AND id = $4 AND status = 'open' AND idle_notice_at IS NULL AND {IDLE_SINCE_CUTOFF}"
        )))
        .bind(cutoff)
        .bind(now)
        .bind(&org_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        notify_client(&mut tx, settings, &org_id, &id, "mail-space-idle").await?;
        tx.commit().await?;
        done += 1;
    }
    Ok(Done::count(done))
}

/// Archives spaces closed [`CLOSED_MONTHS`] ago: from now on the client's alone, read-only.
pub async fn archive_closed(db: &Db, now: i64) -> Result<Done> {
    let cutoff = months_before(now, CLOSED_MONTHS);
    let due: Vec<(String, String)> = sqlx::query_as(
        "SELECT org_id, id FROM guidance_spaces WHERE status = 'closed' AND closed_at <= $1",
    )
    .bind(cutoff)
    .fetch_all(db.pool())
    .await?;
    let mut done = 0;
    for (org_id, id) in due {
        let mut tx = db.begin().await?;
        let changed = sqlx::query(
            "UPDATE guidance_spaces SET status = $1, archived_at = $2, updated_at = $2
             WHERE org_id = $3 AND id = $4 AND status = $5 AND closed_at <= $6",
        )
        .bind(SpaceStatus::Archived.as_str())
        .bind(now)
        .bind(&org_id)
        .bind(&id)
        .bind(SpaceStatus::Closed.as_str())
        .bind(cutoff)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 0 {
            continue;
        }
        audit::record(
            &mut tx,
            Some(&org_id),
            &By::system(),
            audit::Action::SpaceArchived,
            Some((audit::Target::Space, &id)),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        done += 1;
    }
    Ok(Done::count(done))
}

/// Tells the client of each archive deleted within [`DELETION_NOTICE_SECS`], once, so they
/// can download it first.
pub async fn warn_deletion(db: &Db, settings: &Settings, now: i64) -> Result<Done> {
    // Due for deletion within the notice period, by the organisation's retention rule.
    let soon = now + DELETION_NOTICE_SECS;
    let due: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT x.org_id, x.id FROM {} AND x.deletion_notice_at IS NULL",
        retention_apply::spaces_due_from()
    )))
    .bind(soon)
    .bind(retention_apply::spaces_default_cutoff(soon))
    .fetch_all(db.pool())
    .await?;
    let mut done = 0;
    for (org_id, id) in due {
        let mut tx = db.begin().await?;
        let claimed = sqlx::query(
            "UPDATE guidance_spaces SET deletion_notice_at = $1
             WHERE org_id = $2 AND id = $3 AND status = 'archived' AND deletion_notice_at IS NULL",
        )
        .bind(now)
        .bind(&org_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        notify_client(&mut tx, settings, &org_id, &id, "mail-space-deletion").await?;
        tx.commit().await?;
        done += 1;
    }
    Ok(Done::count(done))
}

/// Deletes spaces archived [`ARCHIVED_MONTHS`] ago with all their rows, and logs each with
/// counts only (no title, no names, no content).
pub async fn delete_archived(db: &Db, now: i64) -> Result<Done> {
    // Due by the organisation's retention rule for spaces (unset: [`ARCHIVED_MONTHS`]).
    let due_from = retention_apply::spaces_due_from();
    let cutoff = retention_apply::spaces_default_cutoff(now);
    let due: Vec<(String, String)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT x.org_id, x.id FROM {due_from}")))
            .bind(now)
            .bind(cutoff)
            .fetch_all(db.pool())
            .await?;
    let mut done = Done::default();
    let mut totals: Vec<(String, u64)> = SPACE_TABLES.iter().map(|t| (t.to_string(), 0)).collect();
    for (org_id, id) in due {
        let mut tx = db.begin().await?;
        // Take the space's row first: of two processes, the second waits here and then finds
        // it gone (or no longer due) and leaves.
        let (created_at, archived_at): (i64, Option<i64>) = match sqlx::query_as(
            sqlx::AssertSqlSafe(format!(
                "UPDATE guidance_spaces SET updated_at = updated_at
                 WHERE org_id = $3 AND id = $4 AND id IN (SELECT x.id FROM {due_from} AND x.org_id = $3)
                 RETURNING created_at, archived_at"
            )),
        )
        .bind(now)
        .bind(cutoff)
        .bind(&org_id)
        .bind(&id)
        .fetch_optional(&mut *tx)
        .await?
        {
            Some(row) => row,
            None => continue,
        };
        let counts = delete_rows(&mut tx, &org_id, &id).await?;
        let mut details = serde_json::Map::new();
        for (table, n) in &counts {
            details.insert(table.clone(), (*n).into());
        }
        details.insert("created_at".into(), created_at.into());
        details.insert("archived_at".into(), archived_at.into());
        audit::record(
            &mut tx,
            Some(&org_id),
            &By::system(),
            audit::Action::SpaceDeleted,
            Some((audit::Target::Space, &id)),
            serde_json::Value::Object(details),
        )
        .await?;
        tx.commit().await?;
        done.count += 1;
        for ((_, total), (_, n)) in totals.iter_mut().zip(&counts) {
            *total += n;
        }
    }
    done.rows = totals;
    Ok(done)
}

/// Deletes the rows of one space in every [`SPACE_TABLES`] table, clears the links to it and
/// deletes the space itself; returns the rows deleted by table.
async fn delete_rows(tx: &mut Tx, org_id: &str, space_id: &str) -> Result<Vec<(String, u64)>> {
    let mut counts = Vec::with_capacity(SPACE_TABLES.len());
    for table in SPACE_TABLES {
        let n = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE org_id = $1 AND space_id = $2"
        )))
        .bind(org_id)
        .bind(space_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        counts.push((table.to_string(), n));
    }
    for table in SPACE_LINKS {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE {table} SET space_id = NULL WHERE org_id = $1 AND space_id = $2"
        )))
        .bind(org_id)
        .bind(space_id)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("DELETE FROM guidance_spaces WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(space_id)
        .execute(&mut **tx)
        .await?;
    Ok(counts)
}

/// Deletes one space and all its rows now (a data subject's erasure, `data_requests`).
pub async fn delete_space_rows(
    tx: &mut Tx,
    org_id: &str,
    space_id: &str,
) -> Result<Vec<(String, u64)>> {
    delete_rows(tx, org_id, space_id).await
}

/// A content-free mail to the space's client: `{prefix}-subject` and `{prefix}-body` with the
/// organisation's name and the space's link.
async fn notify_client(
    tx: &mut Tx,
    settings: &Settings,
    org_id: &str,
    space_id: &str,
    prefix: &str,
) -> Result<()> {
    let (email, lang, org): (String, String, String) = sqlx::query_as(
        "SELECT s.client_email, s.lang, o.name FROM guidance_spaces s JOIN organisations o ON o.id = s.org_id
         WHERE s.org_id = $1 AND s.id = $2",
    )
    .bind(org_id)
    .bind(space_id)
    .fetch_one(&mut **tx)
    .await?;
    let lang = Lang::parse(&lang).unwrap_or_default();
    let link = format!("{}/spaces/{space_id}", settings.public_url);
    outbox::enqueue(
        tx,
        settings,
        NewMail {
            org_id: Some(org_id),
            to: &email,
            subject: lang.t_args(&format!("{prefix}-subject"), &[("org", &org)]),
            body_text: lang.t_args(&format!("{prefix}-body"), &[("org", &org), ("link", &link)]),
        },
    )
    .await?;
    Ok(())
}

/// The client signed in: the idle clock of each of their spaces starts again and a pending
/// inactivity notice no longer applies.
pub async fn client_signed_in(db: &Db, user_id: &str, at: i64) -> Result<()> {
    sqlx::query(
        "UPDATE guidance_spaces SET last_client_sign_in_at = $1, idle_notice_at = NULL
         WHERE (org_id, id) IN (SELECT org_id, space_id FROM space_members
                                WHERE user_id = $2 AND role = $3 AND left_at IS NULL)",
    )
    .bind(at)
    .bind(user_id)
    .bind(SpaceRole::Client.as_str())
    .execute(db.pool())
    .await?;
    Ok(())
}
