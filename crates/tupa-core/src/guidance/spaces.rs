//! Spaces as stored: opening one (blank, or from a desk ticket with the conversation so far),
//! reading them, their members, and the counsellor's close and reopen.

use serde::Serialize;
use sqlx::FromRow;

use super::access::{SpaceRole, SpaceStatus};
use super::{invitations, space_templates, tasks};
use crate::audit::{self, By};
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, Tx, new_id, now};
use crate::error::{Checks, Error, Result};
use crate::i18n::Lang;
use crate::identity::Email;
use crate::organisations::Organisation;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest client name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Space {
    #[serde(skip)]
    pub org_id: String,
    pub id: String,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub status: SpaceStatus,
    #[serde(skip)]
    pub created_by: String,
    pub client_email: String,
    pub client_name: String,
    /// The language the client is written to in (fi, sv or en).
    pub lang: String,
    #[serde(skip)]
    pub source_ticket_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub closed_at: Option<i64>,
    pub archived_at: Option<i64>,
    pub last_client_sign_in_at: Option<i64>,
}

const COLUMNS: &str = "org_id, id, title, status, created_by, client_email, client_name, lang, \
    source_ticket_id, created_at, updated_at, closed_at, archived_at, last_client_sign_in_at";

/// What a counsellor gives to open a space.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct NewSpace {
    /// What the guidance is about, as the client will see it (1–200 characters; may be left
    /// empty with a `template_id` whose template has a title).
    #[serde(default)]
    #[schema(max_length = 200)]
    pub title: String,
    /// Where the invitation goes.
    #[schema(format = "email", max_length = 254)]
    pub client_email: String,
    #[schema(max_length = 200)]
    pub client_name: Option<String>,
    /// fi, sv or en; the counsellor's language when left out.
    pub lang: Option<String>,
    /// A space template of the organisation to start from: its tasks become the space's
    /// first tasks, its welcome text the counsellor's first message, and its title the
    /// space's title when `title` is left empty.
    pub template_id: Option<String>,
}

/// A new space with its invitation link (shown once; the same link is mailed to the client).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Opened {
    #[serde(flatten)]
    pub space: Space,
    pub invite_url: String,
}

struct Valid {
    title: String,
    email: Email,
    name: String,
    lang: Lang,
}

fn validate(input: &NewSpace, default_lang: Lang) -> Result<Valid> {
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = Checks::new();
    let title = input.title.trim().to_string();
    if title.is_empty() {
        c.push("title", "space-title-required");
    } else if title.chars().count() > MAX_TITLE_CHARS {
        c.push("title", "space-title-too-long");
    }
    let email = c.take(Email::parse(&input.client_email).map_err(|e| e.at("client_email")));
    let name = input.client_name.as_deref().unwrap_or("").trim().to_string();
    if name.chars().count() > MAX_NAME_CHARS {
        c.push("client_name", "space-name-too-long");
    }
    let lang = match input.lang.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        Some(code) => c.take(Lang::parse(code).ok_or(Error::invalid("lang", "lang-invalid"))),
        None => Some(default_lang),
    };
    match (email, lang) {
        (Some(email), Some(lang)) if c.is_empty() => Ok(Valid { title, email, name, lang }),
        _ => Err(c.error()),
    }
}

/// Opens a space for a client: the counsellor becomes its first member and the client gets
/// an invitation by mail. Returns the space and the invitation link.
pub async fn open(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    org: &Organisation,
    input: &NewSpace,
    lang: Lang,
) -> Result<Opened> {
    let mut tx = db.begin().await?;
    // A space template of this organisation only: another's id is as unknown as a made-up one.
    let template = match input.template_id.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(id) => Some(space_templates::get_with_tasks(&mut tx, &org.id, id).await?),
        None => None,
    };
    let mut input = input.clone();
    if let Some(Some((t, _))) = &template
        && input.title.trim().is_empty()
    {
        input.title = t.title.clone();
    }
    let valid = validate(&input, lang);
    // An unknown template is reported with the other fields' problems.
    let template = match template {
        Some(None) => {
            let mut c = Checks::new();
            c.push("template_id", "space-template-unknown");
            if let Err(e) = valid {
                c.note(e);
            }
            return Err(c.error());
        }
        Some(Some(t)) => Some(t),
        None => None,
    };
    let valid = valid?;
    let (space, url) = insert(&mut tx, settings, actor, org, &valid, None).await?;
    if let Some((template, task_templates)) = &template {
        // The welcome text is the counsellor's first message; the tasks are the first tasks.
        if !template.welcome.is_empty() {
            super::messages::insert(
                &mut tx,
                &super::messages::SpaceMessage {
                    id: new_id(),
                    org_id: space.org_id.clone(),
                    space_id: space.id.clone(),
                    kind: super::messages::MessageKind::Message,
                    author_user_id: Some(actor.user.id.clone()),
                    author: actor.user.display_name.clone(),
                    body: template.welcome.clone(),
                    created_at: space.created_at,
                    attachments: vec![],
                },
            )
            .await?;
        }
        for t in task_templates {
            let instructions = &t.instructions;
            tasks::insert(&mut tx, &space, actor, &t.title, instructions, None, Some(&t.id))
                .await?;
        }
    }
    tx.commit().await?;
    Ok(Opened { space, invite_url: url })
}

/// The space a desk ticket becomes, with the public conversation so far (never internal
/// notes). The ticket remembers the space; converting twice gives the same space.
pub async fn open_from_ticket(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    org: &Organisation,
    ticket: &crate::desk::tickets::Ticket,
    lang: Lang,
) -> Result<Opened> {
    let input = NewSpace {
        title: ticket.subject.chars().take(MAX_TITLE_CHARS).collect(),
        client_email: ticket.requester_email.clone(),
        client_name: ticket.requester_name.clone(),
        lang: Some(ticket.requester_lang.clone()).filter(|l| Lang::parse(l).is_some()),
        template_id: None,
    };
    let mut valid = validate(&input, lang)?;
    if valid.title.is_empty() {
        valid.title = ticket.case_number.clone();
    }
    let mut tx = db.begin().await?;
    // Claim the ticket first: of two advisers converting at once, one wins, and the other
    // is refused instead of making a second space.
    let claimed = sqlx::query(
        "UPDATE tickets SET space_id = $1 WHERE org_id = $2 AND id = $3 AND space_id IS NULL",
    )
    .bind("pending")
    .bind(&org.id)
    .bind(&ticket.id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Err(Error::conflict("ticket", "ticket-already-a-space"));
    }
    let (space, url) = insert(&mut tx, settings, actor, org, &valid, Some(&ticket.id)).await?;
    sqlx::query("UPDATE tickets SET space_id = $1 WHERE org_id = $2 AND id = $3")
        .bind(&space.id)
        .bind(&org.id)
        .bind(&ticket.id)
        .execute(&mut *tx)
        .await?;
    super::messages::copy_from_ticket(&mut tx, &space, ticket).await?;
    tx.commit().await?;
    Ok(Opened { space, invite_url: url })
}

async fn insert(
    tx: &mut Tx,
    settings: &Settings,
    actor: &Actor,
    org: &Organisation,
    valid: &Valid,
    source_ticket_id: Option<&str>,
) -> Result<(Space, String)> {
    let t = now();
    let space = Space {
        org_id: org.id.clone(),
        id: new_id(),
        title: valid.title.clone(),
        status: SpaceStatus::Open,
        created_by: actor.user.id.clone(),
        client_email: valid.email.as_str().to_string(),
        client_name: valid.name.clone(),
        lang: valid.lang.code().to_string(),
        source_ticket_id: source_ticket_id.map(str::to_string),
        created_at: t,
        updated_at: t,
        closed_at: None,
        archived_at: None,
        last_client_sign_in_at: None,
    };
    let sql = format!(
        "INSERT INTO guidance_spaces ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(&space.title)
        .bind(space.status.as_str())
        .bind(&space.created_by)
        .bind(&space.client_email)
        .bind(&space.client_name)
        .bind(&space.lang)
        .bind(&space.source_ticket_id)
        .bind(t)
        .bind(t)
        .bind(None::<i64>)
        .bind(None::<i64>)
        .bind(None::<i64>)
        .execute(&mut **tx)
        .await?;
    add_member(tx, &space, &actor.user.id, SpaceRole::Counsellor).await?;
    let url = invitations::create(tx, settings, org, &space).await?;
    audit::record(
        tx,
        Some(&org.id),
        &By::user(&actor.user, None),
        audit::Action::SpaceOpened,
        Some((audit::Target::Space, &space.id)),
        serde_json::json!({"from_ticket": source_ticket_id.is_some()}),
    )
    .await?;
    Ok((space, url))
}

pub async fn add_member(tx: &mut Tx, space: &Space, user_id: &str, role: SpaceRole) -> Result<()> {
    sqlx::query(
        "INSERT INTO space_members (org_id, space_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (org_id, space_id, user_id) DO UPDATE SET role = $4, left_at = NULL",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(user_id)
    .bind(role.as_str())
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<Space>> {
    let sql = format!("SELECT {COLUMNS} FROM guidance_spaces WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db.pool()).await?)
}

/// The role of a present member, or None.
pub async fn member_role(
    db: &Db,
    org_id: &str,
    space_id: &str,
    user_id: &str,
) -> Result<Option<SpaceRole>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT role FROM space_members WHERE org_id = $1 AND space_id = $2 AND user_id = $3 AND left_at IS NULL",
    )
    .bind(org_id)
    .bind(space_id)
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|(r,)| SpaceRole::try_from(r)).transpose()
}

/// The present members other than `user_id`, with their roles and emails (for notices).
pub async fn other_members(
    tx: &mut Tx,
    space: &Space,
    user_id: &str,
) -> Result<Vec<(String, String, Option<i64>, Option<i64>)>> {
    Ok(sqlx::query_as(
        "SELECT m.user_id, u.email, m.last_read_at, m.notified_at FROM space_members m
         JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 AND m.space_id = $2 AND m.user_id <> $3 AND m.left_at IS NULL",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(user_id)
    .fetch_all(&mut **tx)
    .await?)
}

/// A space in a member's list, with what is unread.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Listed {
    pub id: String,
    pub org_id: String,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub status: SpaceStatus,
    pub client_name: String,
    pub client_email: String,
    pub updated_at: i64,
    pub unread: i64,
}

/// The spaces `user_id` is a present member of in `org_id` (all organisations when None),
/// newest activity first, at most `limit`.
pub async fn list_for_member(
    db: &Db,
    user_id: &str,
    org_id: Option<&str>,
    limit: i64,
) -> Result<Vec<Listed>> {
    Ok(sqlx::query_as(
        "SELECT s.id, s.org_id, s.title, s.status, s.client_name, s.client_email, s.updated_at,
                (SELECT COUNT(*) FROM space_messages x WHERE x.org_id = s.org_id AND x.space_id = s.id
                   AND x.created_at > COALESCE(m.last_read_at, 0)
                   AND (x.author_user_id IS NULL OR x.author_user_id <> m.user_id)) AS unread
         FROM space_members m JOIN guidance_spaces s ON s.org_id = m.org_id AND s.id = m.space_id
         WHERE m.user_id = $1 AND m.left_at IS NULL AND ($2 = '' OR m.org_id = $2)
           AND (s.status <> 'archived' OR m.role = 'client')
         ORDER BY s.updated_at DESC, s.id DESC LIMIT $3",
    )
    .bind(user_id)
    .bind(org_id.unwrap_or(""))
    .bind(limit)
    .fetch_all(db.pool())
    .await?)
}

/// The counsellor closes the space, or reopens a closed one.
pub async fn set_open(db: &Db, actor: &Actor, space: &Space, open: bool) -> Result<()> {
    let (from, to, action) = if open {
        (SpaceStatus::Closed, SpaceStatus::Open, crate::audit::Action::SpaceReopened)
    } else {
        (SpaceStatus::Open, SpaceStatus::Closed, crate::audit::Action::SpaceClosed)
    };
    let t = now();
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE guidance_spaces SET status = $1, closed_at = $2, updated_at = $3,
                reopened_at = COALESCE($7, reopened_at), idle_notice_at = NULL
         WHERE org_id = $4 AND id = $5 AND status = $6",
    )
    .bind(to.as_str())
    .bind(if open { None } else { Some(t) })
    .bind(t)
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(from.as_str())
    // Reopening restarts the inactivity clock (see guidance::lifecycle).
    .bind(if open { Some(t) } else { None })
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::conflict("status", "space-status-changed"));
    }
    audit::record(
        &mut tx,
        Some(&space.org_id),
        &By::user(&actor.user, None),
        action,
        Some((audit::Target::Space, &space.id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
