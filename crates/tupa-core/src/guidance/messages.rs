//! The space's conversation: messages are rows first, then a live event tells every process
//! (and so every open socket) which message arrived; sockets read it back through the same
//! authorised path as a page. Members who are away get a mail that something waits — never
//! the content, which stays behind identification.

use serde::Serialize;
use sqlx::FromRow;

use super::access::InSpace;
use super::attachments::{self, SpaceAttachment};
use super::spaces::{self, Space};
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};
use crate::events::{self, Event};
use crate::i18n::Lang;
use crate::mail::outbox::{self, NewMail};

/// Longest message, in characters.
pub const MAX_BODY_CHARS: usize = 10_000;
/// A member who has not read the space for this long is away and gets a mail notice, at
/// most once until they read it again.
const AWAY_AFTER_SECS: i64 = 5 * 60;

crate::closed_set! {
    /// Where a space message came from.
    #[derive(utoipa::ToSchema)]
    pub enum MessageKind ("kind", "action-unknown") {
        /// Written in the space.
        Message = "message",
        /// Came along from the desk ticket the space was opened from.
        FromTicket = "from-ticket",
    }
}

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct SpaceMessage {
    pub id: String,
    #[serde(skip)]
    pub org_id: String,
    pub space_id: String,
    #[sqlx(try_from = "String")]
    pub kind: MessageKind,
    #[serde(skip)]
    pub author_user_id: Option<String>,
    /// The author's name as shown when it was written.
    pub author: String,
    pub body: String,
    pub created_at: i64,
    /// Files that came with the message (the desk's upload rules).
    #[sqlx(skip)]
    pub attachments: Vec<SpaceAttachment>,
}

const COLUMNS: &str =
    "id, org_id, space_id, kind, author_user_id, author_name AS author, body, created_at";

/// Adds a message from the member, with the files (name, bytes) attached to it: a message
/// may be only files. Publishes it live and tells away members by mail.
pub async fn post(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    body: &str,
    files: Vec<(String, Vec<u8>)>,
) -> Result<SpaceMessage> {
    place.require_write()?;
    let files = attachments::check(files)?;
    let body = body.trim();
    if body.is_empty() && files.is_empty() {
        return Err(Error::invalid("body", "space-message-empty"));
    }
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(Error::invalid("body", "space-message-too-long"));
    }
    let space = &place.space;
    let t = now();
    let message = SpaceMessage {
        id: new_id(),
        org_id: space.org_id.clone(),
        space_id: space.id.clone(),
        kind: MessageKind::Message,
        author_user_id: Some(actor.user.id.clone()),
        author: actor.user.display_name.clone(),
        body: body.to_string(),
        created_at: t,
        attachments: vec![],
    };
    let mut tx = db.begin().await?;
    insert(&mut tx, &message).await?;
    attachments::insert(&mut tx, space, &message.id, files, t).await?;
    sqlx::query("UPDATE guidance_spaces SET updated_at = $1 WHERE org_id = $2 AND id = $3")
        .bind(t)
        .bind(&space.org_id)
        .bind(&space.id)
        .execute(&mut *tx)
        .await?;
    mark_read_tx(&mut tx, space, &actor.user.id, t).await?;
    notify_away(&mut tx, settings, place, &actor.user.id, t).await?;
    tx.commit().await?;
    events::publish(db, Event::space_message(&space.org_id, &space.id, &message.id)).await;
    Ok(with_attachments(db, space, vec![message]).await?.remove(0))
}

pub(super) async fn insert(tx: &mut Tx, m: &SpaceMessage) -> Result<()> {
    sqlx::query(
        "INSERT INTO space_messages (org_id, id, space_id, kind, author_user_id, author_name, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&m.org_id)
    .bind(&m.id)
    .bind(&m.space_id)
    .bind(m.kind.as_str())
    .bind(&m.author_user_id)
    .bind(&m.author)
    .bind(&m.body)
    .bind(m.created_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Mails "something new waits" to members who have not read the space lately and were not
/// told since they last read it (for messages and every other new item of the space).
pub(super) async fn notify_away(
    tx: &mut Tx,
    settings: &Settings,
    place: &InSpace,
    author_id: &str,
    t: i64,
) -> Result<()> {
    let space = &place.space;
    for (user_id, email, last_read, notified) in spaces::other_members(tx, space, author_id).await?
    {
        let away = last_read.is_none_or(|r| r < t - AWAY_AFTER_SECS);
        let told = notified.is_some_and(|n| last_read.is_none_or(|r| n >= r));
        if !away || told {
            continue;
        }
        let lang = Lang::parse(&space.lang).unwrap_or_default();
        let link = format!("{}/spaces/{}", settings.public_url, space.id);
        outbox::enqueue(
            tx,
            settings,
            NewMail {
                org_id: Some(&space.org_id),
                to: &email,
                subject: lang.t_args("mail-space-new-subject", &[("org", &place.org.name)]),
                body_text: lang
                    .t_args("mail-space-new-body", &[("org", &place.org.name), ("link", &link)]),
            },
        )
        .await?;
        sqlx::query(
            "UPDATE space_members SET notified_at = $1 WHERE org_id = $2 AND space_id = $3 AND user_id = $4",
        )
        .bind(t)
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(&user_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The conversation, oldest first, at most the newest `limit` messages.
pub async fn list(db: &Db, space: &Space, limit: i64) -> Result<Vec<SpaceMessage>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM (SELECT * FROM space_messages WHERE org_id = $1 AND space_id = $2
           ORDER BY created_at DESC, id DESC LIMIT $3) newest ORDER BY created_at, id"
    );
    let list = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    with_attachments(db, space, list).await
}

/// The messages with their attachments filled in.
async fn with_attachments(
    db: &Db,
    space: &Space,
    mut list: Vec<SpaceMessage>,
) -> Result<Vec<SpaceMessage>> {
    let ids: Vec<&str> = list.iter().map(|m| m.id.as_str()).collect();
    let mut files = attachments::of_messages(db, space, &ids).await?;
    for m in &mut list {
        let (mine, rest) = files.into_iter().partition(|a| a.message_id == m.id);
        m.attachments = mine;
        files = rest;
    }
    Ok(list)
}

/// One message of the space (for the live socket, which hears only ids).
pub async fn get(db: &Db, space: &Space, id: &str) -> Result<Option<SpaceMessage>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_messages WHERE org_id = $1 AND space_id = $2 AND id = $3"
    );
    let found: Option<SpaceMessage> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    match found {
        Some(m) => Ok(with_attachments(db, space, vec![m]).await?.pop()),
        None => Ok(None),
    }
}

/// The member has seen everything up to now.
pub async fn mark_read(db: &Db, space: &Space, user_id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    mark_read_tx(&mut tx, space, user_id, now()).await?;
    tx.commit().await?;
    Ok(())
}

async fn mark_read_tx(tx: &mut Tx, space: &Space, user_id: &str, t: i64) -> Result<()> {
    sqlx::query(
        "UPDATE space_members SET last_read_at = $1 WHERE org_id = $2 AND space_id = $3 AND user_id = $4",
    )
    .bind(t)
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The public conversation of a desk ticket, copied into the space it became (internal
/// notes and events stay at the desk).
pub async fn copy_from_ticket(
    tx: &mut Tx,
    space: &Space,
    ticket: &crate::desk::tickets::Ticket,
) -> Result<()> {
    for m in crate::desk::tickets::messages_tx(tx, &ticket.org_id, &ticket.id).await? {
        use crate::desk::tickets::MessageKind as DeskKind;
        if !matches!(m.kind, DeskKind::Incoming | DeskKind::Reply) {
            continue;
        }
        let author = m
            .from_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or(m.from_address.clone())
            .unwrap_or_default();
        insert(
            tx,
            &SpaceMessage {
                id: new_id(),
                org_id: space.org_id.clone(),
                space_id: space.id.clone(),
                kind: MessageKind::FromTicket,
                author_user_id: m.author_user_id.clone(),
                author,
                body: m.body_text.chars().take(MAX_BODY_CHARS * 5).collect(),
                created_at: m.created_at,
                attachments: vec![],
            },
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod closed_set_tests {
    use super::MessageKind;

    #[test]
    fn space_message_kinds_keep_their_words_and_refuse_others() {
        crate::closed_set::check::<MessageKind>("kind", "action-unknown");
        let words: Vec<&str> = MessageKind::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, ["message", "from-ticket"]);
    }
}
