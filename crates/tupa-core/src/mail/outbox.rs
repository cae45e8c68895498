//! The outbox: mail written transactionally, delivered (or captured) afterwards.

use serde::Serialize;
use sqlx::FromRow;

use crate::config::Settings;
use crate::db::{Backend, Db, Tx, new_id, now};
use crate::error::Result;

/// Delivery gives up after this many attempts.
pub const MAX_ATTEMPTS: i64 = 8;

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct OutboxMail {
    pub id: String,
    pub org_id: Option<String>,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub message_id: String,
    /// captured (kept, never sent), pending, sent or failed.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub next_attempt_at: i64,
    pub sent_at: Option<i64>,
    /// From address when not the installation's (desk mail goes out from the desk address).
    pub from_address: Option<String>,
    /// Message-ID (without brackets) this message answers, for the recipient's threading.
    pub in_reply_to: Option<String>,
    /// Copies, comma-separated.
    pub cc_addresses: Option<String>,
}

pub struct NewMail<'a> {
    pub org_id: Option<&'a str>,
    pub to: &'a str,
    pub subject: String,
    pub body_text: String,
}

/// Threading and sender details of desk mail.
#[derive(Default)]
pub struct Envelope<'a> {
    pub from: Option<&'a str>,
    pub in_reply_to: Option<&'a str>,
    pub cc: Vec<String>,
}

/// Queues a message. Returns its Message-ID.
pub async fn enqueue(tx: &mut Tx, settings: &Settings, mail: NewMail<'_>) -> Result<String> {
    enqueue_with(tx, settings, mail, Envelope::default()).await
}

/// Queues a message with its own From and In-Reply-To. Returns its Message-ID.
pub async fn enqueue_with(
    tx: &mut Tx,
    settings: &Settings,
    mail: NewMail<'_>,
    envelope: Envelope<'_>,
) -> Result<String> {
    let id = new_id();
    let host = settings.mail_from.rsplit('@').next().unwrap_or("tupa.invalid");
    let message_id = format!("<{id}@{host}>");
    let status = if settings.sends_mail() { "pending" } else { "captured" };
    let t = now();
    sqlx::query(
        "INSERT INTO outbox (id, org_id, to_address, subject, body_text, message_id, status, attempts, created_at, next_attempt_at, from_address, in_reply_to, cc_addresses)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&id)
    .bind(mail.org_id)
    .bind(mail.to)
    .bind(&mail.subject)
    .bind(&mail.body_text)
    .bind(&message_id)
    .bind(status)
    .bind(0i64)
    .bind(t)
    .bind(t)
    .bind(envelope.from)
    .bind(envelope.in_reply_to)
    .bind(Some(envelope.cc.join(", ")).filter(|c| !c.is_empty()))
    .execute(&mut **tx)
    .await?;
    Ok(message_id)
}

/// Sends the files of a stored ticket message with the queued mail `message_id` (as
/// returned by [`enqueue_with`]).
pub async fn attach_ticket_files(
    tx: &mut Tx,
    message_id: &str,
    org_id: &str,
    ticket_message_id: &str,
) -> Result<()> {
    let files: Vec<(String,)> = sqlx::query_as("SELECT id FROM ticket_attachments WHERE org_id = $1 AND message_id = $2 AND inline = $3 ORDER BY filename, id")
        .bind(org_id)
        .bind(ticket_message_id)
        .bind(false)
        .fetch_all(&mut **tx)
        .await?;
    for (position, (attachment_id,)) in files.into_iter().enumerate() {
        sqlx::query("INSERT INTO outbox_attachments (outbox_id, position, org_id, attachment_id) SELECT id, $2, $3, $4 FROM outbox WHERE message_id = $1")
            .bind(message_id)
            .bind(position as i64)
            .bind(org_id)
            .bind(&attachment_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A file that goes with an outgoing mail.
#[derive(Clone, Debug, FromRow)]
pub struct OutboxFile {
    pub filename: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// The files of an outgoing mail, in order.
pub async fn files(db: &Db, outbox_id: &str) -> Result<Vec<OutboxFile>> {
    Ok(sqlx::query_as(
        "SELECT a.filename, a.content_type, a.content FROM outbox_attachments o
         JOIN ticket_attachments a ON a.org_id = o.org_id AND a.id = o.attachment_id
         WHERE o.outbox_id = $1 ORDER BY o.position",
    )
    .bind(outbox_id)
    .fetch_all(db.pool())
    .await?)
}

const COLUMNS: &str = "id, org_id, to_address, subject, body_text, message_id, status, attempts, last_error, created_at, next_attempt_at, sent_at, from_address, in_reply_to, cc_addresses";

pub async fn list(db: &Db, limit: i64) -> Result<Vec<OutboxMail>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(db.pool()).await?)
}

pub async fn get(db: &Db, id: &str) -> Result<OutboxMail> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(db.pool()).await?)
}

/// Claims up to `limit` messages due for delivery. The claim is a lease: `next_attempt_at`
/// moves ten minutes ahead, so a process that dies mid-send leaves the message to be
/// retried, and other processes skip it meanwhile (SKIP LOCKED on PostgreSQL; SQLite's
/// single writer serialises claims).
pub async fn claim_due(db: &Db, limit: i64) -> Result<Vec<OutboxMail>> {
    let t = now();
    let lock = match db.backend() {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE outbox SET next_attempt_at = $1 WHERE id IN (
            SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $2 ORDER BY next_attempt_at LIMIT $3 {lock}
         ) RETURNING {COLUMNS}"
    );
    let mut tx = db.begin().await?;
    // Five messages with a 30 s timeout per SMTP step fit well inside the ten-minute lease.
    let rows = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(t + 600)
        .bind(t)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(rows)
}

pub async fn mark_sent(db: &Db, id: &str) -> Result<()> {
    sqlx::query("UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2")
        .bind(now())
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Records a failed attempt: retried with exponential backoff, given up after MAX_ATTEMPTS.
pub async fn mark_failed(db: &Db, mail: &OutboxMail, error: &str) -> Result<()> {
    let attempts = mail.attempts + 1;
    let status = if attempts >= MAX_ATTEMPTS { "failed" } else { "pending" };
    let backoff = 60 * (1i64 << attempts.min(10));
    sqlx::query("UPDATE outbox SET status = $1, attempts = $2, last_error = $3, next_attempt_at = $4 WHERE id = $5")
        .bind(status)
        .bind(attempts)
        .bind(error.chars().take(1000).collect::<String>())
        .bind(now() + backoff)
        .bind(&mail.id)
        .execute(db.pool())
        .await?;
    Ok(())
}
