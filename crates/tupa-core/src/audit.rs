//! The audit log: who did what to which record, and when. Written in the same transaction as
//! the change it records, so a change never lands without its entry.

use serde::Serialize;
use sqlx::FromRow;

use crate::db::{Db, Tx, new_id, now};
use crate::error::Result;

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Entry {
    pub id: String,
    pub org_id: Option<String>,
    pub at: i64,
    pub actor_user_id: Option<String>,
    /// The actor's e-mail (or "system") at the time, so the entry reads well after changes.
    pub actor_label: String,
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    /// JSON object with the details that matter for the action.
    pub details: String,
    pub ip: Option<String>,
}

/// Who to record as the actor.
#[derive(Clone, Debug)]
pub struct By {
    pub user_id: Option<String>,
    pub label: String,
    pub ip: Option<String>,
}

impl By {
    pub fn system() -> By {
        By { user_id: None, label: "system".into(), ip: None }
    }
    pub fn user(user: &crate::identity::User, ip: Option<&str>) -> By {
        By { user_id: Some(user.id.clone()), label: user.email.clone(), ip: ip.map(str::to_string) }
    }
}

pub async fn record(
    tx: &mut Tx,
    org_id: Option<&str>,
    by: &By,
    action: &str,
    target: Option<(&str, &str)>,
    details: serde_json::Value,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (id, org_id, at, actor_user_id, actor_label, action, target_type, target_id, details, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(new_id())
    .bind(org_id)
    .bind(now())
    .bind(by.user_id.as_deref())
    .bind(&by.label)
    .bind(action)
    .bind(target.map(|t| t.0))
    .bind(target.map(|t| t.1))
    .bind(details.to_string())
    .bind(by.ip.as_deref())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records outside any other change (for example a sign-in).
pub async fn record_now(
    db: &Db,
    org_id: Option<&str>,
    by: &By,
    action: &str,
    target: Option<(&str, &str)>,
    details: serde_json::Value,
) -> Result<()> {
    let mut tx = db.begin().await?;
    record(&mut tx, org_id, by, action, target, details).await?;
    tx.commit().await?;
    Ok(())
}

const COLUMNS: &str =
    "id, org_id, at, actor_user_id, actor_label, action, target_type, target_id, details, ip";

/// Newest first; `org_id` None lists the whole installation (platform admins only).
/// Pages go backwards in time with `before` (the last entry's time − 1).
pub async fn list(
    db: &Db,
    org_id: Option<&str>,
    limit: i64,
    before: Option<i64>,
) -> Result<Vec<Entry>> {
    let before = before.unwrap_or(i64::MAX);
    let rows = match org_id {
        Some(org) => {
            // The organisation's own records, plus the personal events (sign-ins, password
            // and token changes) of its people, which are recorded without an organisation.
            let sql = format!(
                "SELECT {COLUMNS} FROM audit_log WHERE (org_id = $1 OR (org_id IS NULL AND actor_user_id IN (SELECT user_id FROM org_people WHERE org_id = $1)))
                 AND at <= $2 ORDER BY at DESC, id DESC LIMIT $3"
            );
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(org)
                .bind(before)
                .bind(limit)
                .fetch_all(db.pool())
                .await?
        }
        None => {
            let sql = format!(
                "SELECT {COLUMNS} FROM audit_log WHERE at <= $1 ORDER BY at DESC, id DESC LIMIT $2"
            );
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(before)
                .bind(limit)
                .fetch_all(db.pool())
                .await?
        }
    };
    Ok(rows)
}
