//! The audit log: who did what to which record, and when. Written in the same transaction as
//! the change it records, so a change never lands without its entry.

mod action;
mod words;

pub use action::Action;
pub use words::{Said, say};

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

crate::closed_set! {
    /// The kind of record an entry is about (`audit_log.target_type`). The words are as old
    /// entries have them (some with `_`, some with `-`), so the log's filter finds them all.
    pub enum Target ("target_type", "request-invalid") {
        Agreement = "agreement",
        Announcement = "announcement",
        Application = "application",
        CannedAnswer = "canned-answer",
        Category = "category",
        DataRequest = "data_request",
        Delegation = "delegation",
        JobAd = "job_ad",
        LibraryItem = "library-item",
        Material = "material",
        Meter = "meter",
        Organisation = "organisation",
        Plan = "plan",
        Queue = "queue",
        RecruitmentTemplate = "recruitment_template",
        RecruitmentText = "recruitment_text",
        Space = "space",
        SpaceTemplate = "space-template",
        TaskTemplate = "task-template",
        Ticket = "ticket",
        Token = "token",
        Unit = "unit",
        User = "user",
    }
}

/// Records `action` by `by` on `target` (a kind of record and its id) inside `tx`.
pub async fn record(
    tx: &mut Tx,
    org_id: Option<&str>,
    by: &By,
    action: Action,
    target: Option<(Target, &str)>,
    mut details: serde_json::Value,
) -> Result<()> {
    // A platform admin acting in a customer organisation: the record says on whose behalf,
    // and under which grant (issue 13; see `delegations`).
    if let (Some(org_id), Some(user_id)) = (org_id, by.user_id.as_deref())
        && let Some(grant) = crate::delegations::on_behalf_of(tx, org_id, user_id, now()).await?
    {
        if !details.is_object() {
            details = serde_json::json!({"details": details});
        }
        details["on_behalf_of"] = serde_json::Value::Bool(true);
        details["delegation"] = grant.map(serde_json::Value::String).unwrap_or_default();
    }
    sqlx::query(
        "INSERT INTO audit_log (id, org_id, at, actor_user_id, actor_label, action, target_type, target_id, details, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(new_id())
    .bind(org_id)
    .bind(now())
    .bind(by.user_id.as_deref())
    .bind(&by.label)
    .bind(action.as_str())
    .bind(target.map(|t| t.0.as_str()))
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
    action: Action,
    target: Option<(Target, &str)>,
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

/// Reads of a person's data by staff are logged (action `read`), at most once per actor and
/// record in this window: a page reloaded or polled does not flood the log, and "who read
/// it, and when roughly" stays answerable.
pub const READ_WINDOW_SECS: i64 = 15 * 60;

/// The kinds of record whose reads are logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadTarget {
    Ticket,
    Application,
    Space,
}

impl From<ReadTarget> for Target {
    fn from(r: ReadTarget) -> Target {
        match r {
            ReadTarget::Ticket => Target::Ticket,
            ReadTarget::Application => Target::Application,
            ReadTarget::Space => Target::Space,
        }
    }
}

/// Logs that `user` (staff) read the record, unless they did within [`READ_WINDOW_SECS`].
/// Two requests at the same moment may both log: harmless, and cheaper than a lock.
pub async fn record_read(
    db: &Db,
    org_id: &str,
    user: &crate::identity::User,
    ip: Option<&str>,
    target: ReadTarget,
    target_id: &str,
    details: serde_json::Value,
) -> Result<()> {
    let recent: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM audit_log WHERE target_type = $1 AND target_id = $2 AND at > $3
         AND action = 'read' AND actor_user_id = $4 AND org_id = $5 LIMIT 1",
    )
    .bind(Target::from(target).as_str())
    .bind(target_id)
    .bind(now() - READ_WINDOW_SECS)
    .bind(&user.id)
    .bind(org_id)
    .fetch_optional(db.pool())
    .await?;
    if recent.is_some() {
        return Ok(());
    }
    record_now(
        db,
        Some(org_id),
        &By::user(user, ip),
        Action::Read,
        Some((target.into(), target_id)),
        details,
    )
    .await
}

/// Narrows an organisation's log: every given field must match (times inclusive).
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct Filter {
    /// The action, for example `read`.
    pub action: Option<String>,
    /// The actor's user id or e-mail.
    pub actor: Option<String>,
    /// The kind of record, for example `ticket`, `application`, `space`.
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    /// From this Unix time.
    pub from: Option<i64>,
    /// Up to this Unix time.
    pub to: Option<i64>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.action.is_none()
            && self.actor.is_none()
            && self.target_type.is_none()
            && self.target_id.is_none()
            && self.from.is_none()
            && self.to.is_none()
    }
}

/// [`list`] for one organisation, narrowed by `filter`; newest first.
pub async fn search(
    db: &Db,
    org_id: &str,
    filter: &Filter,
    limit: i64,
    before: Option<i64>,
) -> Result<Vec<Entry>> {
    let to = filter.to.unwrap_or(i64::MAX).min(before.unwrap_or(i64::MAX));
    // Empty parameters match everything: one statement, every parameter bound.
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log WHERE (org_id = $1 OR (org_id IS NULL AND actor_user_id IN (SELECT user_id FROM org_people WHERE org_id = $1)))
         AND at <= $2 AND at >= $3
         AND ($4 = '' OR action = $4)
         AND ($5 = '' OR actor_user_id = $5 OR LOWER(actor_label) = LOWER($5))
         AND ($6 = '' OR target_type = $6)
         AND ($7 = '' OR target_id = $7)
         ORDER BY at DESC, id DESC LIMIT $8"
    );
    let s = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_string();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(to)
        .bind(filter.from.unwrap_or(i64::MIN))
        .bind(s(&filter.action))
        .bind(s(&filter.actor))
        .bind(s(&filter.target_type))
        .bind(s(&filter.target_id))
        .bind(limit)
        .fetch_all(db.pool())
        .await?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn targets_parse_their_words_only() {
        crate::closed_set::check::<super::Target>("target_type", "request-invalid");
    }
}
