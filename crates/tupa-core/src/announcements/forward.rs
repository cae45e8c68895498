//! A main admin forwards an announcement addressed to their organisation to its staff, as
//! seed 000 asks main admins to do: everyone, the holders of one role, or the people working
//! in one unit or the units below it. Each person gets it once (by mail, and on their home
//! page until read), however many forwards reach them.

use serde::{Deserialize, Serialize};

use super::{AllTexts, Recipient};
use crate::audit::{self, By};
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, new_id};
use crate::error::{Error, Result};
use crate::organisations::people::Role;
use crate::organisations::units;

/// Who a forward goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Everyone with a role in the organisation.
    All,
    /// The holders of `role`.
    Role,
    /// The people whose role is limited to `unit` or a unit below it.
    Unit,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::All, Audience::Role, Audience::Unit];
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::All => "all",
            Audience::Role => "role",
            Audience::Unit => "unit",
        }
    }
    pub fn parse(s: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// A forward: the organisation (its slug; may be left out by a main admin of just one
/// addressed organisation) and the audience.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct Forward {
    #[serde(default)]
    pub org: Option<String>,
    pub audience: Audience,
    /// With `audience: role`.
    #[serde(default)]
    pub role: Option<Role>,
    /// With `audience: unit`: the unit's id.
    #[serde(default)]
    pub unit: Option<String>,
}

/// What a forward did.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Forwarded {
    pub id: String,
    pub org: String,
    /// People reached for the first time by this forward (mailed now).
    pub recipients: i64,
}

/// Forwards announcement `id`. Someone who is not a main admin of an organisation it was
/// addressed to learns nothing of it: 404.
pub async fn forward(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    id: &str,
    input: &Forward,
) -> Result<Forwarded> {
    let a = super::get(db, actor, id).await?;
    let slug = match (&input.org, a.forwardable_in.as_slice()) {
        (Some(org), allowed) => {
            allowed.iter().find(|s| *s == org.trim()).ok_or(Error::NotFound)?.clone()
        }
        (None, [only]) => only.clone(),
        (None, []) => return Err(Error::NotFound),
        (None, _) => return Err(Error::invalid("org", "announcement-org-required")),
    };
    let org = crate::organisations::by_slug(db, &slug).await?.ok_or(Error::NotFound)?;
    let (role, unit_ids) = match input.audience {
        Audience::All => (None, None),
        Audience::Role => {
            let role = input
                .role
                .filter(|r| Role::ORGANISATION_ROLES.contains(r))
                .ok_or(Error::invalid("role", "role-invalid"))?;
            (Some(role), None)
        }
        Audience::Unit => {
            let unit = input.unit.as_deref().unwrap_or("").trim();
            let all = units::list(db, &org.id).await?;
            if !all.iter().any(|u| u.id == unit) {
                return Err(Error::invalid("unit", "announcement-unit-invalid"));
            }
            (None, Some(units::subtree(&all, unit)))
        }
    };
    let people: Vec<(Recipient, String, Option<String>)> = sqlx::query_as::<_, (String, String, String, String, Option<String>, String, Option<String>)>(
        "SELECT o.id, o.name, u.id, u.email, u.locale, g.role, g.unit_id
           FROM role_grants g
           JOIN organisations o ON o.id = g.org_id
           JOIN org_people p ON p.org_id = g.org_id AND p.user_id = g.user_id AND p.deactivated_at IS NULL
           JOIN users u ON u.id = g.user_id AND u.deactivated_at IS NULL
          WHERE g.org_id = $1 AND g.revoked_at IS NULL AND u.id <> $2
          ORDER BY u.email",
    )
    .bind(&org.id)
    .bind(&actor.user.id)
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .map(|(org_id, org_name, user_id, email, locale, role, unit)| {
        (Recipient { org_id, org_name, user_id, email, locale }, role, unit)
    })
    .collect();
    let mut chosen: Vec<&Recipient> = vec![];
    for (person, grant_role, grant_unit) in &people {
        let wanted = match (role, &unit_ids) {
            (Some(r), _) => grant_role == r.as_str(),
            (None, Some(ids)) => grant_unit.as_ref().is_some_and(|u| ids.contains(u)),
            (None, None) => true,
        };
        if wanted && !chosen.iter().any(|c| c.user_id == person.user_id) {
            chosen.push(person);
        }
    }
    let texts = AllTexts { fi: &a.fi, sv: a.sv.as_ref(), en: a.en.as_ref() };
    let at = crate::db::now();
    let forward_id = new_id();
    let mut tx = db.begin().await?;
    let mut reached = 0i64;
    for person in chosen {
        let n = sqlx::query("INSERT INTO announcement_recipients (announcement_id, org_id, user_id, forwarded_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .bind(&a.id)
            .bind(&org.id)
            .bind(&person.user_id)
            .bind(at)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n > 0 {
            reached += 1;
            super::mail(&mut tx, settings, &org.id, person, &texts, Some(&actor.user.display_name))
                .await?;
        }
    }
    sqlx::query("INSERT INTO announcement_forwards (org_id, id, announcement_id, audience, role, unit_id, recipients, forwarded_by, forwarded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(&org.id)
        .bind(&forward_id)
        .bind(&a.id)
        .bind(input.audience.as_str())
        .bind(role.map(Role::as_str))
        .bind(input.unit.as_deref().filter(|_| input.audience == Audience::Unit))
        .bind(reached)
        .bind(&actor.user.email)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::AnnouncementForwarded,
        Some((audit::Target::Announcement, &a.id)),
        serde_json::json!({"audience": input.audience.as_str(), "role": role.map(Role::as_str), "unit": input.unit, "recipients": reached}),
    )
    .await?;
    tx.commit().await?;
    Ok(Forwarded { id: forward_id, org: org.slug, recipients: reached })
}
