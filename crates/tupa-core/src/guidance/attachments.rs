//! Files attached to the space's conversation. They follow the desk's upload rules exactly
//! (`desk::uploads`: the same types judged by name and first bytes, the same limits per file
//! and per message) and are served only to members who see the message they came with.

use serde::Serialize;
use sqlx::FromRow;

use super::access::InSpace;
use super::spaces::Space;
use crate::db::{Db, Tx, new_id};
use crate::desk::tickets::NewAttachment;
use crate::desk::uploads;
use crate::error::{Error, Result};

/// One attached file as members see it; the bytes are fetched from `url`.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct SpaceAttachment {
    pub id: String,
    #[serde(skip)]
    pub message_id: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    /// Where a member downloads it (always as a download, never shown inline).
    #[sqlx(skip)]
    pub url: String,
}

impl SpaceAttachment {
    fn with_url(mut self, space_id: &str) -> SpaceAttachment {
        self.url = format!("/spaces/{space_id}/attachments/{}", self.id);
        self
    }
}

/// Checks posted files with the desk's rules; empty file inputs are dropped.
pub fn check(files: Vec<(String, Vec<u8>)>) -> Result<Vec<NewAttachment>> {
    uploads::check_all(files)
}

/// Stores the checked files of a message.
pub(super) async fn insert(
    tx: &mut Tx,
    space: &Space,
    message_id: &str,
    files: Vec<NewAttachment>,
    t: i64,
) -> Result<()> {
    for f in files {
        sqlx::query(
            "INSERT INTO space_attachments (org_id, id, space_id, message_id, filename, content_type, size, content, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&space.org_id)
        .bind(new_id())
        .bind(&space.id)
        .bind(message_id)
        .bind(&f.filename)
        .bind(&f.content_type)
        .bind(f.bytes.len() as i64)
        .bind(f.bytes)
        .bind(t)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

const COLUMNS: &str = "id, message_id, filename, content_type, size";

/// The attachments of the given messages (of one space), in the order they were attached.
pub async fn of_messages(
    db: &Db,
    space: &Space,
    message_ids: &[&str],
) -> Result<Vec<SpaceAttachment>> {
    if message_ids.is_empty() {
        return Ok(vec![]);
    }
    // One query for the whole conversation: the space's attachments are few next to its
    // messages, so they are read by space and matched here.
    let sql = format!(
        "SELECT {COLUMNS} FROM space_attachments WHERE org_id = $1 AND space_id = $2 ORDER BY created_at, id"
    );
    let all: Vec<SpaceAttachment> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .fetch_all(db.pool())
        .await?;
    Ok(all
        .into_iter()
        .filter(|a| message_ids.contains(&a.message_id.as_str()))
        .map(|a| a.with_url(&space.id))
        .collect())
}

/// A file and its bytes for a member who sees the message it came with; anything else
/// (another space's file, one from before a professional's consent) is NotFound.
pub async fn content(
    db: &Db,
    place: &InSpace,
    attachment_id: &str,
) -> Result<(SpaceAttachment, Vec<u8>)> {
    let row: Option<(String, String, String, i64, Vec<u8>, i64)> = sqlx::query_as(
        "SELECT a.id, a.filename, a.content_type, a.size, a.content, m.created_at
         FROM space_attachments a
         JOIN space_messages m ON m.org_id = a.org_id AND m.id = a.message_id AND m.space_id = a.space_id
         WHERE a.org_id = $1 AND a.space_id = $2 AND a.id = $3",
    )
    .bind(&place.space.org_id)
    .bind(&place.space.id)
    .bind(attachment_id)
    .fetch_optional(db.pool())
    .await?;
    let (id, filename, content_type, size, bytes, message_at) = row.ok_or(Error::NotFound)?;
    if !place.sees(message_at) {
        return Err(Error::NotFound);
    }
    let info = SpaceAttachment {
        id,
        message_id: String::new(),
        filename,
        content_type,
        size,
        url: String::new(),
    }
    .with_url(&place.space.id);
    Ok((info, bytes))
}

/// Every file of the space with its bytes, for the client's archive: (file name, bytes).
pub async fn all_files(db: &Db, space: &Space) -> Result<Vec<(String, Vec<u8>)>> {
    Ok(sqlx::query_as(
        "SELECT filename, content FROM space_attachments WHERE org_id = $1 AND space_id = $2
         ORDER BY created_at, id",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .fetch_all(db.pool())
    .await?)
}
