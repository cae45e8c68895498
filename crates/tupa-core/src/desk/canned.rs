//! Canned answers: an organisation's own, plus the operator's shared ones, in Finnish, Swedish
//! and English, with placeholders filled in for the ticket at hand.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::tickets::Ticket;
use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::organisations::{self, Organisation};

/// The placeholders an answer may use.
pub const PLACEHOLDERS: [&str; 4] =
    ["{requester_name}", "{case_number}", "{agent_name}", "{organisation}"];

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct CannedAnswer {
    #[serde(skip)]
    pub org_id: String,
    pub id: String,
    pub title: String,
    pub body_fi: String,
    pub body_sv: String,
    pub body_en: String,
    /// An operator's answer offered to every organisation.
    #[sqlx(try_from = "crate::db::Flag")]
    pub shared: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub retired_at: Option<i64>,
}

impl CannedAnswer {
    pub fn body(&self, lang: Lang) -> &str {
        let text = match lang {
            Lang::Fi => &self.body_fi,
            Lang::Sv => &self.body_sv,
            Lang::En => &self.body_en,
        };
        // A missing translation falls back to Finnish, then to whatever exists.
        [text.as_str(), self.body_fi.as_str(), self.body_sv.as_str(), self.body_en.as_str()]
            .into_iter()
            .find(|t| !t.trim().is_empty())
            .unwrap_or("")
    }
}

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CannedInput {
    pub title: String,
    #[serde(default)]
    pub body_fi: String,
    #[serde(default)]
    pub body_sv: String,
    #[serde(default)]
    pub body_en: String,
    /// Only the operator can share an answer with every organisation.
    #[serde(default)]
    pub shared: bool,
}

fn validate(input: &CannedInput, org: &Organisation) -> Result<()> {
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    c.check(organisations::parse_name(&input.title, "title").map(|_| ()));
    if [&input.body_fi, &input.body_sv, &input.body_en].iter().all(|b| b.trim().is_empty()) {
        c.push("body_fi", "canned-body-empty");
    }
    for (body, field) in
        [(&input.body_fi, "body_fi"), (&input.body_sv, "body_sv"), (&input.body_en, "body_en")]
    {
        if body.chars().count() > 20_000 {
            c.push(field, "message-invalid");
        }
    }
    if input.shared && !org.is_operator {
        c.push("shared", "canned-share-operator-only");
    }
    c.finish()
}

const COLUMNS: &str =
    "org_id, id, title, body_fi, body_sv, body_en, shared, created_at, updated_at, retired_at";

/// Answers an organisation's advisers can pick: its own and the operator's shared ones.
pub async fn available(db: &Db, org: &Organisation) -> Result<Vec<CannedAnswer>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM canned_answers WHERE retired_at IS NULL AND (org_id = $1 OR (shared = $2 AND org_id IN (SELECT id FROM organisations WHERE is_operator = $2))) ORDER BY title"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&org.id)
        .bind(true)
        .fetch_all(db.pool())
        .await?)
}

/// The organisation's own answers, for editing.
pub async fn own(db: &Db, actor: &Actor, org: &Organisation) -> Result<Vec<CannedAnswer>> {
    actor.check(Permission::ManageDesk, org)?;
    let sql = format!(
        "SELECT {COLUMNS} FROM canned_answers WHERE org_id = $1 AND retired_at IS NULL ORDER BY title"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&org.id).fetch_all(db.pool()).await?)
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &CannedInput,
) -> Result<CannedAnswer> {
    actor.check(Permission::ManageDesk, org)?;
    validate(input, org)?;
    let id = new_id();
    let t = now();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO canned_answers (org_id, id, title, body_fi, body_sv, body_en, shared, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&org.id)
    .bind(&id)
    .bind(input.title.trim())
    .bind(input.body_fi.trim())
    .bind(input.body_sv.trim())
    .bind(input.body_en.trim())
    .bind(input.shared)
    .bind(t)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::CannedAnswerCreated,
        Some((audit::Target::CannedAnswer, &id)),
        serde_json::json!({"title": input.title.trim()}),
    )
    .await?;
    tx.commit().await?;
    get(db, &org.id, &id).await
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    input: &CannedInput,
) -> Result<CannedAnswer> {
    actor.check(Permission::ManageDesk, org)?;
    validate(input, org)?;
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE canned_answers SET title = $1, body_fi = $2, body_sv = $3, body_en = $4, shared = $5, updated_at = $6 WHERE org_id = $7 AND id = $8 AND retired_at IS NULL",
    )
    .bind(input.title.trim())
    .bind(input.body_fi.trim())
    .bind(input.body_sv.trim())
    .bind(input.body_en.trim())
    .bind(input.shared)
    .bind(now())
    .bind(&org.id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::CannedAnswerChanged,
        Some((audit::Target::CannedAnswer, id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    get(db, &org.id, id).await
}

pub async fn retire(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
) -> Result<()> {
    actor.check(Permission::ManageDesk, org)?;
    let mut tx = db.begin().await?;
    let done = sqlx::query("UPDATE canned_answers SET retired_at = $1 WHERE org_id = $2 AND id = $3 AND retired_at IS NULL").bind(now()).bind(&org.id).bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::CannedAnswerRetired,
        Some((audit::Target::CannedAnswer, id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn get(db: &Db, org_id: &str, id: &str) -> Result<CannedAnswer> {
    let sql = format!("SELECT {COLUMNS} FROM canned_answers WHERE org_id = $1 AND id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).bind(id).fetch_one(db.pool()).await?)
}

/// The answer's text for this ticket: in the customer's language, placeholders filled in.
pub fn render(
    answer: &CannedAnswer,
    ticket: &Ticket,
    agent_name: &str,
    org: &Organisation,
) -> String {
    let lang = Lang::parse(&ticket.requester_lang).unwrap_or_default();
    answer
        .body(lang)
        .replace("{requester_name}", ticket.requester_name.as_deref().unwrap_or(""))
        .replace("{case_number}", &ticket.case_number)
        .replace("{agent_name}", agent_name)
        .replace("{organisation}", &org.name)
}

/// Records that `user_id` took canned answer `canned_id` into a reply on `ticket` (the
/// reports' canned-answer use; ids only).
pub async fn record_use(db: &Db, ticket: &Ticket, canned_id: &str, user_id: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO desk_canned_uses (org_id, id, canned_id, ticket_id, used_by, used_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&ticket.org_id)
    .bind(new_id())
    .bind(canned_id)
    .bind(&ticket.id)
    .bind(user_id)
    .bind(now())
    .execute(db.pool())
    .await?;
    Ok(())
}
