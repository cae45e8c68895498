//! The client's way in: a one-time link, mailed when the space opens, that leads through
//! strong identification into the space. Only the link's digest is stored; it expires, and
//! using it makes the identified person the space's client.

use super::access::SpaceRole;
use super::spaces::{self, Space};
use crate::audit::{self, By};
use crate::config::Settings;
use crate::db::{Db, Tx, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::identity::User;
use crate::identity::secrets::{digest, random_token};
use crate::mail::outbox::{self, NewMail};
use crate::organisations::Organisation;

/// How long an invitation link works.
pub const VALID_SECS: i64 = 14 * 24 * 3600;

/// Makes a link for the space's client, queues the invitation mail and returns the link.
/// The mail names the organisation and the counsellor's title for the space, nothing else.
pub async fn create(
    tx: &mut Tx,
    settings: &Settings,
    org: &Organisation,
    space: &Space,
) -> Result<String> {
    let token = random_token();
    let t = now();
    sqlx::query(
        "INSERT INTO space_invitations (org_id, space_id, token_hash, email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(digest(&token))
    .bind(&space.client_email)
    .bind(t)
    .bind(t + VALID_SECS)
    .execute(&mut **tx)
    .await?;
    let url = format!("{}/spaces/invite/{token}", settings.public_url);
    let lang = Lang::parse(&space.lang).unwrap_or_default();
    outbox::enqueue(
        tx,
        settings,
        NewMail {
            org_id: Some(&org.id),
            to: &space.client_email,
            subject: lang.t_args("mail-space-invite-subject", &[("org", &org.name)]),
            body_text: lang.t_args(
                "mail-space-invite-body",
                &[("org", &org.name), ("link", &url), ("days", &(VALID_SECS / 86400).to_string())],
            ),
        },
    )
    .await?;
    Ok(url)
}

/// The space a live link leads to (the link is not used up).
pub async fn peek(db: &Db, token: &str) -> Result<Space> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT org_id, space_id FROM space_invitations
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(digest(token))
    .bind(now())
    .fetch_optional(db.pool())
    .await?;
    let (_, space_id) = row.ok_or(Error::invalid("token", "link-invalid"))?;
    spaces::by_id(db, &space_id).await?.ok_or(Error::invalid("token", "link-invalid"))
}

/// Uses the link: the identified person becomes the space's client. One use only; a space
/// has one client, so a second person with another link of the same space is refused.
pub async fn accept(db: &Db, token: &str, person: &User, ip: Option<&str>) -> Result<Space> {
    let mut tx = db.begin().await?;
    let t = now();
    let row: Option<(String, String)> = sqlx::query_as(
        "UPDATE space_invitations SET used_at = $1, used_by = $2
         WHERE token_hash = $3 AND used_at IS NULL AND expires_at > $1
         RETURNING org_id, space_id",
    )
    .bind(t)
    .bind(&person.id)
    .bind(digest(token))
    .fetch_optional(&mut *tx)
    .await?;
    let (org_id, space_id) = row.ok_or(Error::invalid("token", "link-invalid"))?;
    let (existing,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM space_members WHERE org_id = $1 AND space_id = $2 AND role = $3 AND user_id <> $4",
    )
    .bind(&org_id)
    .bind(&space_id)
    .bind(SpaceRole::Client.as_str())
    .bind(&person.id)
    .fetch_one(&mut *tx)
    .await?;
    if existing > 0 {
        return Err(Error::invalid("token", "space-has-client"));
    }
    let space = spaces::by_id(db, &space_id).await?.ok_or(Error::NotFound)?;
    if let Some(role) = spaces::member_role(db, &org_id, &space_id, &person.id).await?
        && role != SpaceRole::Client
    {
        // Staff of the space cannot become its client by following the client's link.
        return Err(Error::invalid("token", "space-link-for-client"));
    }
    spaces::add_member(&mut tx, &space, &person.id, SpaceRole::Client).await?;
    sqlx::query(
        "UPDATE guidance_spaces SET last_client_sign_in_at = $1, updated_at = $1 WHERE org_id = $2 AND id = $3",
    )
    .bind(t)
    .bind(&org_id)
    .bind(&space_id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(&org_id),
        &By::user(person, ip),
        audit::Action::SpaceJoined,
        Some((audit::Target::Space, &space_id)),
        serde_json::json!({"role": "client"}),
    )
    .await?;
    tx.commit().await?;
    Ok(space)
}
