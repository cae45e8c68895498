//! Professionals of other organisations in a space, present only with the client's consent.
//!
//! A counsellor proposes one (who, which organisation, why); the client sees the request in
//! the space and consents or declines; on consent the professional is mailed a join link and
//! joins with a Tupa account of the proposed address (one is made for them, with a link to
//! set its password, if they have none). They see the space from the moment of consent, never
//! its earlier history. The client or a counsellor revokes at any time: the membership ends at
//! once and open sockets of the space hear so. The audit log records every step.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::access::{InSpace, SpaceRole};
use super::spaces::{self, Space};
use crate::audit::{self, By};
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};
use crate::events::{self, Event, EventKind};
use crate::i18n::Lang;
use crate::identity::links::{self, Purpose};
use crate::identity::secrets::{digest, random_token};
use crate::identity::{self, Email};
use crate::mail::outbox::{self, NewMail};

/// Longest professional's name and organisation name, in characters.
pub const MAX_NAME_CHARS: usize = crate::limits::PROFESSIONAL_NAME_CHARS;
/// Longest purpose (why the professional should join), in characters.
pub const MAX_PURPOSE_CHARS: usize = crate::limits::PROFESSIONAL_PURPOSE_CHARS;
/// Most proposals one space keeps (of every status), so a space's list stays readable.
pub const MAX_PER_SPACE: i64 = crate::limits::PROFESSIONALS_PER_SPACE as i64;
/// How long a join link works after the client's consent.
pub const JOIN_VALID_SECS: i64 = 14 * 24 * 3600;
/// The live event that tells a space's sockets a member left (they recheck access at once).
pub const MEMBER_LEFT_EVENT: EventKind = EventKind::SpaceMemberLeft;

crate::closed_set! {
    /// Where a proposal is: the client decides once; a consent lasts until revoked.
    #[derive(utoipa::ToSchema)]
    pub enum ConsentStatus ("status", "status-invalid") {
        /// Waiting for the client's answer.
        Proposed = "proposed",
        Declined = "declined",
        /// The client consented; the professional has not joined yet.
        Consented = "consented",
        Joined = "joined",
        Revoked = "revoked",
    }
}

impl ConsentStatus {
    /// Whether the client's consent stands (so it can be revoked).
    pub fn is_live(self) -> bool {
        matches!(self, ConsentStatus::Proposed | ConsentStatus::Consented | ConsentStatus::Joined)
    }
}

crate::closed_set! {
    /// The client's answer to a proposal ([`decide`]): the page's two buttons, the API's
    /// `decision`.
    #[derive(utoipa::ToSchema)]
    pub enum ConsentDecision ("decision", "request-invalid") {
        Consent = "consent",
        Decline = "decline",
    }
}

/// A proposed professional and the client's consent.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Professional {
    pub id: String,
    pub space_id: String,
    pub email: String,
    pub name: String,
    pub organisation_name: String,
    pub purpose: String,
    #[sqlx(try_from = "String")]
    pub status: ConsentStatus,
    pub proposed_at: i64,
    pub decided_at: Option<i64>,
    pub consented_at: Option<i64>,
    pub joined_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const COLUMNS: &str = "id, space_id, email, name, organisation_name, purpose, status, \
    proposed_at, decided_at, consented_at, joined_at, revoked_at";

/// What a counsellor gives to propose a professional.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewProfessional {
    #[schema(format = "email", max_length = 254)]
    pub email: String,
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// The professional's organisation, as the client will see it.
    #[schema(min_length = 1, max_length = 200)]
    pub organisation_name: String,
    /// Why the professional should join, as the client will see it.
    #[schema(min_length = 1, max_length = 1000)]
    pub purpose: String,
}

fn text(input: &str, field: &'static str, max: usize, too_long: &'static str) -> Result<String> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Error::invalid(field, "professional-field-required"));
    }
    if s.chars().count() > max || s.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(Error::invalid(field, too_long));
    }
    Ok(s.to_string())
}

/// The counsellor proposes a professional; the client is asked in the space.
pub async fn propose(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    input: &NewProfessional,
) -> Result<Professional> {
    if place.role != SpaceRole::Counsellor {
        return Err(Error::Forbidden);
    }
    if place.space.status != super::SpaceStatus::Open {
        return Err(Error::invalid("space", "space-not-open"));
    }
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let email = c.take(Email::parse(&input.email).map_err(|e| e.at("email")));
    let long_name = "professional-name-too-long";
    let name = c.take(text(&input.name, "name", MAX_NAME_CHARS, long_name));
    let organisation_name =
        c.take(text(&input.organisation_name, "organisation_name", MAX_NAME_CHARS, long_name));
    let purpose =
        c.take(text(&input.purpose, "purpose", MAX_PURPOSE_CHARS, "professional-purpose-too-long"));
    let (Some(email), Some(name), Some(organisation_name), Some(purpose)) =
        (email, name, organisation_name, purpose)
    else {
        return Err(c.error());
    };
    let space = &place.space;
    let t = now();
    let id = new_id();
    let mut tx = db.begin().await?;
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM space_professionals WHERE org_id = $1 AND space_id = $2",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .fetch_one(&mut *tx)
    .await?;
    if count >= MAX_PER_SPACE {
        return Err(Error::invalid("email", "professionals-too-many"));
    }
    sqlx::query(
        "INSERT INTO space_professionals (org_id, id, space_id, email, name, organisation_name,
            purpose, status, proposed_by, proposed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&space.org_id)
    .bind(&id)
    .bind(&space.id)
    .bind(email.as_str())
    .bind(&name)
    .bind(&organisation_name)
    .bind(&purpose)
    .bind(ConsentStatus::Proposed.as_str())
    .bind(&actor.user.id)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(&space.org_id),
        &By::user(&actor.user, None),
        audit::Action::SpaceProfessionalProposed,
        Some((audit::Target::Space, &space.id)),
        serde_json::json!({"professional": id, "organisation": organisation_name}),
    )
    .await?;
    // The client hears of the request like of any new item (a content-free mail if away).
    super::items::added(&mut tx, settings, place, &actor.user.id, t).await?;
    tx.commit().await?;
    get(db, space, &id).await?.ok_or(Error::NotFound)
}

/// The space's proposals and consents, newest first.
pub async fn list(db: &Db, space: &Space) -> Result<Vec<Professional>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_professionals WHERE org_id = $1 AND space_id = $2
         ORDER BY proposed_at DESC, id DESC"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .fetch_all(db.pool())
        .await?)
}

/// One of the space's proposals (another space's id is unknown here).
pub async fn get(db: &Db, space: &Space, id: &str) -> Result<Option<Professional>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_professionals WHERE org_id = $1 AND space_id = $2 AND id = $3"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?)
}

/// The client consents or declines. On consent the professional is mailed a join link (and,
/// if their account has no password yet, a link to set one).
pub async fn decide(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    id: &str,
    decision: ConsentDecision,
) -> Result<Professional> {
    let consent = decision == ConsentDecision::Consent;
    if place.role != SpaceRole::Client {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    let space = &place.space;
    let pro = get(db, space, id).await?.ok_or(Error::NotFound)?;
    let t = now();
    let token = random_token();
    let to = if consent { ConsentStatus::Consented } else { ConsentStatus::Declined };
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE space_professionals SET status = $1, decided_at = $2, consented_at = $3,
            token_hash = $4, token_expires_at = $5
         WHERE org_id = $6 AND space_id = $7 AND id = $8 AND status = $9",
    )
    .bind(to.as_str())
    .bind(t)
    .bind(consent.then_some(t))
    .bind(consent.then(|| digest(&token)))
    .bind(consent.then_some(t + JOIN_VALID_SECS))
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(id)
    .bind(ConsentStatus::Proposed.as_str())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::conflict("status", "consent-already-decided"));
    }
    let action = if consent {
        crate::audit::Action::SpaceConsentGranted
    } else {
        crate::audit::Action::SpaceConsentDeclined
    };
    audit::record(
        &mut tx,
        Some(&space.org_id),
        &By::user(&actor.user, None),
        action,
        Some((audit::Target::Space, &space.id)),
        serde_json::json!({"professional": pro.id, "organisation": pro.organisation_name}),
    )
    .await?;
    if consent {
        let email = Email::parse(&pro.email)?;
        let (user, _) = identity::find_or_create(&mut tx, &email, &pro.name).await?;
        let lang = user.lang().or_else(|| Lang::parse(&space.lang)).unwrap_or_default();
        let join = format!("{}/spaces/professional/{token}", settings.public_url);
        let mut body = lang.t_args(
            "mail-professional-invite-body",
            &[
                ("org", &place.org.name),
                ("link", &join),
                ("days", &(JOIN_VALID_SECS / 86400).to_string()),
            ],
        );
        if !user.has_password() {
            // Like a user invitation: the account's first password is set through this link.
            let set = links::create(&mut tx, Purpose::Invitation, &user.id, None, None).await?;
            let set_url = format!("{}/invite/{set}", settings.public_url);
            body.push_str("\n\n");
            body.push_str(&lang.t_args("mail-professional-set-password", &[("link", &set_url)]));
        }
        outbox::enqueue(
            &mut tx,
            settings,
            NewMail {
                org_id: Some(&space.org_id),
                to: email.as_str(),
                subject: lang
                    .t_args("mail-professional-invite-subject", &[("org", &place.org.name)]),
                body_text: body,
            },
        )
        .await?;
    }
    tx.commit().await?;
    get(db, space, id).await?.ok_or(Error::NotFound)
}

/// The space a live join link leads to and the address it was made for (not used up).
pub async fn peek(db: &Db, token: &str) -> Result<(Space, Professional)> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT space_id FROM space_professionals
         WHERE token_hash = $1 AND status = $2 AND token_expires_at > $3",
    )
    .bind(digest(token))
    .bind(ConsentStatus::Consented.as_str())
    .bind(now())
    .fetch_optional(db.pool())
    .await?;
    let (space_id,) = row.ok_or(Error::invalid("token", "link-invalid"))?;
    let space =
        spaces::by_id(db, &space_id).await?.ok_or(Error::invalid("token", "link-invalid"))?;
    let sql = format!("SELECT {COLUMNS} FROM space_professionals WHERE token_hash = $1");
    let pro =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(digest(token)).fetch_one(db.pool()).await?;
    Ok((space, pro))
}

/// The professional follows the join link signed in with the account of the proposed
/// address (a forwarded link is worthless to anyone else) and becomes a member.
pub async fn join(db: &Db, actor: &Actor, token: &str, ip: Option<&str>) -> Result<Space> {
    let (space, pro) = peek(db, token).await?;
    if !actor.user.email.eq_ignore_ascii_case(&pro.email) {
        return Err(Error::invalid("token", "professional-link-other-person"));
    }
    // One membership per person and space: a counsellor, the client, or a professional
    // already present (through another consent) cannot join a second time.
    if spaces::member_role(db, &space.org_id, &space.id, &actor.user.id).await?.is_some() {
        return Err(Error::invalid("token", "professional-already-member"));
    }
    let t = now();
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE space_professionals SET status = $1, user_id = $2, joined_at = $3, token_hash = NULL
         WHERE org_id = $4 AND id = $5 AND status = $6 AND token_hash = $7",
    )
    .bind(ConsentStatus::Joined.as_str())
    .bind(&actor.user.id)
    .bind(t)
    .bind(&space.org_id)
    .bind(&pro.id)
    .bind(ConsentStatus::Consented.as_str())
    .bind(digest(token))
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::invalid("token", "link-invalid"));
    }
    spaces::add_member(&mut tx, &space, &actor.user.id, SpaceRole::Professional).await?;
    audit::record(
        &mut tx,
        Some(&space.org_id),
        &By::user(&actor.user, ip),
        audit::Action::SpaceProfessionalJoined,
        Some((audit::Target::Space, &space.id)),
        serde_json::json!({"professional": pro.id, "organisation": pro.organisation_name}),
    )
    .await?;
    tx.commit().await?;
    Ok(space)
}

/// The client or a counsellor withdraws the consent (or the proposal): a joined professional
/// leaves the space at once, and its open sockets are told to recheck.
pub async fn revoke(db: &Db, actor: &Actor, place: &InSpace, id: &str) -> Result<Professional> {
    if !matches!(place.role, SpaceRole::Client | SpaceRole::Counsellor) {
        return Err(Error::Forbidden);
    }
    let space = &place.space;
    let pro = get(db, space, id).await?.ok_or(Error::NotFound)?;
    if !pro.status.is_live() {
        return Err(Error::conflict("status", "consent-not-live"));
    }
    let t = now();
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE space_professionals SET status = $1, revoked_at = $2, revoked_by = $3, token_hash = NULL
         WHERE org_id = $4 AND space_id = $5 AND id = $6 AND status = $7",
    )
    .bind(ConsentStatus::Revoked.as_str())
    .bind(t)
    .bind(&actor.user.id)
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(id)
    .bind(pro.status.as_str())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::conflict("status", "consent-not-live"));
    }
    let user_id: Option<(Option<String>,)> =
        sqlx::query_as("SELECT user_id FROM space_professionals WHERE org_id = $1 AND id = $2")
            .bind(&space.org_id)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some((Some(user_id),)) = &user_id {
        sqlx::query(
            "UPDATE space_members SET left_at = $1
             WHERE org_id = $2 AND space_id = $3 AND user_id = $4 AND role = $5",
        )
        .bind(t)
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(user_id)
        .bind(SpaceRole::Professional.as_str())
        .execute(&mut *tx)
        .await?;
    }
    audit::record(
        &mut tx,
        Some(&space.org_id),
        &By::user(&actor.user, None),
        audit::Action::SpaceConsentRevoked,
        Some((audit::Target::Space, &space.id)),
        serde_json::json!({"professional": pro.id, "organisation": pro.organisation_name,
            "by": place.role.as_str()}),
    )
    .await?;
    tx.commit().await?;
    events::publish(db, Event::space_item(&space.org_id, &space.id, MEMBER_LEFT_EVENT, id)).await;
    get(db, space, id).await?.ok_or(Error::NotFound)
}

/// When a joined professional's view of the space begins: the client's consent. None when
/// the user is not a joined professional of the space.
pub async fn visible_from(db: &Db, space: &Space, user_id: &str) -> Result<Option<i64>> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT consented_at FROM space_professionals
         WHERE org_id = $1 AND space_id = $2 AND user_id = $3 AND status = $4",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(user_id)
    .bind(ConsentStatus::Joined.as_str())
    .fetch_optional(db.pool())
    .await?;
    Ok(row.and_then(|(t,)| t))
}

#[cfg(test)]
mod closed_set_tests {
    use super::{ConsentDecision, ConsentStatus};
    use crate::closed_set::check;

    #[test]
    fn consent_words_stay_and_others_are_refused() {
        check::<ConsentStatus>("status", "status-invalid");
        check::<ConsentDecision>("decision", "request-invalid");
        let words: Vec<&str> = ConsentStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, ["proposed", "declined", "consented", "joined", "revoked"]);
        let words: Vec<&str> = ConsentDecision::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, ["consent", "decline"]);
    }
}
