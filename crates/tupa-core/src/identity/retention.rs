//! Retention of accounts (seed 004): a person not seen for 15 months is removed.
//!
//! "Seen" is the latest of: the account's creation, its last sign-in or session activity
//! (`users.last_seen_at`, and any session's `last_seen_at`), and the last use of any of its
//! API tokens. Removal erases the person's data — address, name, password, second factor,
//! sessions, tokens, links and external identities — and ends their memberships and roles,
//! but keeps the row with its id, which history (tickets, the audit log) refers to.
//!
//! Kept whatever their age, by decision:
//! - platform admins (the installation must stay manageable; the operator removes them by
//!   hand),
//! - the last main admin of an organisation (someone must be able to manage it),
//! - present members of a guidance space that still exists. For a client this only waits for
//!   the space's own lifecycle (closed after 3 months, archived 3 months later, deleted a year
//!   after that): removing them earlier would take their archive away before its year ends.
//!   A counsellor still in a living space is the organisation's to reassign or deactivate.
//!
//! Each removal is logged (installation-wide, and in each organisation the person belonged
//! to) with the account's id and when it was last seen, nothing else.

use crate::audit::{self, By};
use crate::db::{Backend, Db};
use crate::error::Result;
use crate::maintenance::{Done, months_before};
use crate::organisations::people::Role;

/// Months without being seen before an account is removed.
pub const UNSEEN_MONTHS: i32 = 15;

/// Removes the accounts not seen for [`UNSEEN_MONTHS`] before `now`.
pub async fn remove_unseen(db: &Db, now: i64) -> Result<Done> {
    let cutoff = months_before(now, UNSEEN_MONTHS);
    let due: Vec<(String,)> = sqlx::query_as(UNSEEN)
        .bind(cutoff)
        .bind(Role::PlatformAdmin.as_str())
        .fetch_all(db.pool())
        .await?;
    let mut done = 0;
    for (user_id,) in due {
        if remove(db, &user_id, cutoff, now).await? {
            done += 1;
        }
    }
    Ok(Done::count(done))
}

/// Accounts unseen since `$1` that no rule keeps (`$2` = the platform admin role), in id order.
const UNSEEN: &str = "SELECT u.id FROM users u
    WHERE u.removed_at IS NULL AND u.created_at <= $1
      AND (u.last_seen_at IS NULL OR u.last_seen_at <= $1)
      AND NOT EXISTS (SELECT 1 FROM user_sessions s WHERE s.user_id = u.id AND s.last_seen_at > $1)
      AND NOT EXISTS (SELECT 1 FROM api_tokens t WHERE t.user_id = u.id AND t.last_used_at > $1)
      AND NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = $2 AND g.revoked_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM space_members m JOIN guidance_spaces sp ON sp.org_id = m.org_id AND sp.id = m.space_id
                      WHERE m.user_id = u.id AND m.left_at IS NULL)
    ORDER BY u.id";

/// Removes one account if it is still due (checked again inside the transaction, so two
/// processes remove it once) and is not an organisation's last main admin. True if removed.
async fn remove(db: &Db, user_id: &str, cutoff: i64, now: i64) -> Result<bool> {
    let mut tx = db.begin().await?;
    let last_seen: Option<(Option<i64>,)> = sqlx::query_as(
        "UPDATE users SET removed_at = $1,
                email = 'removed-' || id || '@removed.invalid', display_name = '—',
                password_hash = NULL, totp_secret = NULL, totp_enabled = $2, totp_last_step = NULL,
                locale = NULL, deactivated_at = COALESCE(deactivated_at, $1)
         WHERE id = $3 AND removed_at IS NULL AND (last_seen_at IS NULL OR last_seen_at <= $4)
           AND NOT EXISTS (SELECT 1 FROM user_sessions s WHERE s.user_id = users.id AND s.last_seen_at > $4)
         RETURNING last_seen_at",
    )
    .bind(now)
    .bind(false)
    .bind(user_id)
    .bind(cutoff)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((last_seen,)) = last_seen else { return Ok(false) };
    // Two processes removing two main admins of one organisation at once would each still see
    // the other present and leave it with none: the organisations this person is a main admin
    // of are locked (in one order, so two removals cannot deadlock), and the count below is
    // read after the other removal has committed. SQLite's write lock already serialises.
    if db.backend() == Backend::Postgres {
        sqlx::query(
            "SELECT id FROM organisations WHERE id IN
               (SELECT org_id FROM role_grants WHERE user_id = $1 AND role = $2 AND revoked_at IS NULL)
             ORDER BY id FOR NO KEY UPDATE",
        )
        .bind(user_id)
        .bind(Role::MainAdmin.as_str())
        .fetch_all(&mut *tx)
        .await?;
    }
    // The organisations where this person is a main admin that nobody else (present, not
    // removed) is.
    let (sole_admin_of,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM role_grants g JOIN org_people p ON p.org_id = g.org_id AND p.user_id = g.user_id
         JOIN organisations o ON o.id = g.org_id
         WHERE g.user_id = $1 AND g.role = $2 AND g.revoked_at IS NULL AND p.deactivated_at IS NULL AND o.retired_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM role_grants g2 JOIN org_people p2 ON p2.org_id = g2.org_id AND p2.user_id = g2.user_id
                           JOIN users u2 ON u2.id = g2.user_id
                           WHERE g2.org_id = g.org_id AND g2.role = $2 AND g2.revoked_at IS NULL
                             AND p2.deactivated_at IS NULL AND u2.removed_at IS NULL AND g2.user_id <> $1)",
    )
    .bind(user_id)
    .bind(Role::MainAdmin.as_str())
    .fetch_one(&mut *tx)
    .await?;
    if sole_admin_of > 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    for table in ["user_sessions", "api_tokens", "one_time_links", "external_identities"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE user_id = $1")))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    let orgs: Vec<(String,)> = sqlx::query_as("SELECT org_id FROM org_people WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE org_people SET deactivated_at = $1 WHERE user_id = $2 AND deactivated_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE role_grants SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let details = serde_json::json!({"last_seen_at": last_seen, "unseen_months": UNSEEN_MONTHS});
    audit::record(
        &mut tx,
        None,
        &By::system(),
        audit::Action::UserRemoved,
        Some((audit::Target::User, user_id)),
        details.clone(),
    )
    .await?;
    for (org_id,) in &orgs {
        audit::record(
            &mut tx,
            Some(org_id),
            &By::system(),
            audit::Action::UserRemoved,
            Some((audit::Target::User, user_id)),
            details.clone(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}
