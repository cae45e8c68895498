//! Delegated administration (issue 13): a main admin grants the operator rights to act as
//! the organisation's main admin — [`Right::Settings`], [`Right::Templates`],
//! [`Right::Users`] — until a date (at most [`MAX_DAYS`] ahead; a new grant renews it), with
//! a reason. While a grant is in force a platform admin may do those things in the
//! organisation ([`crate::authz::Actor::check_delegated`]), and every audit record they leave
//! there says "on behalf of" ([`on_behalf_of`]). A grant ends by itself at its date and can be
//! revoked at once. Plans whose settings the operator manages (`admins_manage_settings` off)
//! carry a standing delegation for settings only.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use time::macros::format_description;

use crate::audit::{self, By};
use crate::authz::Actor;
use crate::db::{Db, Tx, new_id};
use crate::error::{Error, Result};
use crate::organisations::Organisation;
use crate::organisations::people::Role;

/// The longest a grant may run, in days from when it is given.
pub const MAX_DAYS: i64 = 366;
/// The longest reason kept, in characters.
pub const REASON_CHARS: usize = 1000;

/// What the operator may do on the organisation's behalf.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Right {
    /// The organisation's settings (privacy notice, business id).
    Settings,
    /// Document and message templates (recruitment).
    Templates,
    /// People's roles and whether they are active.
    Users,
}

impl Right {
    pub const ALL: [Right; 3] = [Right::Settings, Right::Templates, Right::Users];
    pub fn as_str(self) -> &'static str {
        match self {
            Right::Settings => "settings",
            Right::Templates => "templates",
            Right::Users => "users",
        }
    }
    pub fn parse(s: &str) -> Option<Right> {
        Right::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[derive(Clone, Debug, FromRow)]
struct Row {
    id: String,
    rights: String,
    reason: String,
    starts_at: i64,
    ends_at: i64,
    granted_by: String,
    revoked_at: Option<i64>,
}

/// A grant as the main admins and the operator see it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Delegation {
    pub id: String,
    pub rights: Vec<Right>,
    pub reason: String,
    pub starts_at: i64,
    /// When it ends by itself (Unix seconds): the end of the chosen day in Helsinki.
    pub ends_at: i64,
    /// Who granted it (their e-mail address).
    pub granted_by: String,
    pub revoked_at: Option<i64>,
    /// In force now: started, not ended, not revoked.
    pub active: bool,
}

impl Row {
    fn into_delegation(self, at: i64) -> Delegation {
        let active = self.revoked_at.is_none() && self.starts_at <= at && at < self.ends_at;
        Delegation {
            id: self.id,
            rights: self.rights.split(',').filter_map(Right::parse).collect(),
            reason: self.reason,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            granted_by: self.granted_by,
            revoked_at: self.revoked_at,
            active,
        }
    }
}

/// A grant to give.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewDelegation {
    pub rights: Vec<Right>,
    /// The last day it is in force, `YYYY-MM-DD` (Helsinki); at most a year ahead.
    pub until: String,
    pub reason: String,
}

const COLUMNS: &str = "id, rights, reason, starts_at, ends_at, granted_by, revoked_at";

/// The organisation's grants, newest first (main admins, and platform admins to know what
/// they may do).
pub async fn list(db: &Db, actor: &Actor, org: &Organisation, at: i64) -> Result<Vec<Delegation>> {
    if !is_main_admin(actor, org)
        && !actor.can_platform(crate::authz::PlatformPermission::ManageOrganisations)
    {
        return Err(not_member(actor, org));
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM delegations WHERE org_id = $1 ORDER BY starts_at DESC, id LIMIT 200"
    );
    let rows: Vec<Row> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&org.id).fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(|r| r.into_delegation(at)).collect())
}

fn is_main_admin(actor: &Actor, org: &Organisation) -> bool {
    !actor.needs_second_factor_setup() && actor.roles_in(&org.id).contains(&Role::MainAdmin)
}

fn not_member(actor: &Actor, org: &Organisation) -> Error {
    if actor.is_member(&org.id) || actor.is_platform_admin() {
        Error::Forbidden
    } else {
        Error::NotFound
    }
}

/// The end of day `until` in Helsinki, checked to lie after `at` and at most [`MAX_DAYS`]
/// ahead.
fn end_of(until: &str, at: i64) -> Result<i64> {
    let date = time::Date::parse(until.trim(), format_description!("[year]-[month]-[day]"))
        .map_err(|_| Error::invalid("until", "delegation-until-invalid"))?;
    let next = date.next_day().ok_or(Error::invalid("until", "delegation-until-invalid"))?;
    let end =
        crate::desk::hours::from_helsinki(time::PrimitiveDateTime::new(next, time::Time::MIDNIGHT));
    if end <= at || end > at + MAX_DAYS * 86_400 {
        return Err(Error::invalid("until", "delegation-until-invalid"));
    }
    Ok(end)
}

/// A main admin (only: the operator cannot grant itself rights) gives a grant from `at`.
pub async fn grant(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &NewDelegation,
    at: i64,
) -> Result<Delegation> {
    if !is_main_admin(actor, org) {
        return Err(not_member(actor, org));
    }
    let mut rights: Vec<Right> =
        Right::ALL.into_iter().filter(|r| input.rights.contains(r)).collect();
    rights.dedup();
    if rights.is_empty() {
        return Err(Error::invalid("rights", "delegation-rights-required"));
    }
    let ends_at = end_of(&input.until, at)?;
    let reason = input.reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_CHARS {
        return Err(Error::invalid("reason", "delegation-reason-invalid"));
    }
    let id = new_id();
    let names: Vec<&str> = rights.iter().map(|r| r.as_str()).collect();
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO delegations (org_id, id, rights, reason, starts_at, ends_at, granted_by) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&org.id)
        .bind(&id)
        .bind(names.join(","))
        .bind(reason)
        .bind(at)
        .bind(ends_at)
        .bind(&actor.user.email)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DelegationGranted,
        Some((audit::Target::Delegation, &id)),
        serde_json::json!({"rights": names, "ends_at": ends_at, "reason": reason}),
    )
    .await?;
    tx.commit().await?;
    Ok(Delegation {
        id,
        rights,
        reason: reason.to_string(),
        starts_at: at,
        ends_at,
        granted_by: actor.user.email.clone(),
        revoked_at: None,
        active: true,
    })
}

/// A main admin ends a grant at once. Revoking an ended or revoked one changes nothing.
pub async fn revoke(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    at: i64,
) -> Result<()> {
    if !is_main_admin(actor, org) {
        return Err(not_member(actor, org));
    }
    let mut tx = db.begin().await?;
    let found: Option<(String,)> =
        sqlx::query_as("SELECT id FROM delegations WHERE org_id = $1 AND id = $2")
            .bind(&org.id)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    found.ok_or(Error::NotFound)?;
    let n = sqlx::query("UPDATE delegations SET revoked_at = $1, revoked_by = $2 WHERE org_id = $3 AND id = $4 AND revoked_at IS NULL AND ends_at > $1")
        .bind(at)
        .bind(&actor.user.email)
        .bind(&org.id)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n > 0 {
        audit::record(
            &mut tx,
            Some(&org.id),
            &By::user(&actor.user, ip),
            audit::Action::DelegationRevoked,
            Some((audit::Target::Delegation, id)),
            serde_json::json!({}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The grant in force at `at` that holds `right`, if any.
pub async fn active_with(db: &Db, org_id: &str, right: Right, at: i64) -> Result<Option<String>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM delegations WHERE org_id = $1 AND revoked_at IS NULL AND starts_at <= $2 AND ends_at > $2 ORDER BY ends_at DESC"
    );
    let rows: Vec<Row> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).bind(at).fetch_all(db.pool()).await?;
    Ok(rows.into_iter().find(|r| r.rights.split(',').any(|x| x == right.as_str())).map(|r| r.id))
}

/// For an audit record about to be written in organisation `org_id` by user `user_id`: the
/// grant they act under when they are a platform admin who is not the organisation's own
/// staff and the organisation is not the operator. Checked in the writing transaction, so
/// every record a platform admin leaves in a customer organisation says so.
pub async fn on_behalf_of(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    at: i64,
) -> Result<Option<Option<String>>> {
    let platform: Option<(i64,)> = sqlx::query_as(
        "SELECT COUNT(*) FROM role_grants g JOIN organisations o ON o.id = g.org_id
          WHERE g.user_id = $1 AND g.role = 'platform-admin' AND g.revoked_at IS NULL AND o.is_operator = $2",
    )
    .bind(user_id)
    .bind(true)
    .fetch_optional(&mut **tx)
    .await?;
    if platform.is_none_or(|(n,)| n == 0) {
        return Ok(None);
    }
    let own: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM role_grants g JOIN organisations o ON o.id = g.org_id
          WHERE g.user_id = $1 AND g.org_id = $2 AND g.revoked_at IS NULL AND o.is_operator = $3",
    )
    .bind(user_id)
    .bind(org_id)
    .bind(false)
    .fetch_one(&mut **tx)
    .await?;
    let is_operator_org: Option<(String,)> =
        sqlx::query_as("SELECT id FROM organisations WHERE id = $1 AND is_operator = $2")
            .bind(org_id)
            .bind(true)
            .fetch_optional(&mut **tx)
            .await?;
    if own.0 > 0 || is_operator_org.is_some() {
        return Ok(None);
    }
    let grant: Option<(String,)> = sqlx::query_as("SELECT id FROM delegations WHERE org_id = $1 AND revoked_at IS NULL AND starts_at <= $2 AND ends_at > $2 ORDER BY ends_at DESC LIMIT 1")
        .bind(org_id)
        .bind(at)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(Some(grant.map(|g| g.0)))
}
