//! Reports by staff member: who may read one person's figures, and whom a reader may pick.
//!
//! One staff member's figures say how that person works, so they are personal data of an
//! employee and shown only where the role has a reason to see them:
//! - the organisation's main admins, for anyone in it;
//! - supervisors, for the people whose live role grants are in their units (or the units
//!   below them); a supervisor granted the role without a unit supervises the whole
//!   organisation;
//! - everyone, for their own figures.
//!
//! Platform admins do not: the operator supports the main admins with figures of the
//! organisation, not of its people. An unknown user id, or someone who is not in the
//! organisation, is 404 like another organisation's ids.

use std::collections::{HashMap, HashSet};

use crate::authz::Actor;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::organisations::Organisation;
use crate::organisations::people::Role;

/// (user id, unit id) of every live role grant in the organisation.
async fn grants(db: &Db, org_id: &str) -> Result<Vec<(String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT g.user_id, g.unit_id FROM role_grants g JOIN org_people p ON p.org_id = g.org_id AND p.user_id = g.user_id
         WHERE g.org_id = $1 AND g.revoked_at IS NULL AND p.deactivated_at IS NULL",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?)
}

/// Whose figures the actor may read: `None` for everyone in the organisation, else these ids.
async fn visible(db: &Db, actor: &Actor, org: &Organisation) -> Result<Option<HashSet<String>>> {
    let roles = actor.roles_in(&org.id);
    if roles.contains(&Role::MainAdmin) && !actor.needs_second_factor_setup() {
        return Ok(None);
    }
    let mut out: HashSet<String> = HashSet::from([actor.user.id.clone()]);
    let supervised: Vec<Option<String>> = actor
        .memberships
        .iter()
        .filter(|m| m.org_id == org.id && m.role == Role::Supervisor)
        .map(|m| m.unit_id.clone())
        .collect();
    if supervised.is_empty() {
        return Ok(Some(out));
    }
    if supervised.iter().any(Option::is_none) {
        return Ok(None);
    }
    let mut units: HashSet<String> = HashSet::new();
    for u in supervised.into_iter().flatten() {
        units.extend(super::unit_subtree(db, org, &u).await.unwrap_or_default());
    }
    for (user, unit) in grants(db, &org.id).await? {
        if unit.is_some_and(|u| units.contains(&u)) {
            out.insert(user);
        }
    }
    Ok(Some(out))
}

/// Checks that the actor may read `staff_id`'s figures in `org`.
pub async fn check(db: &Db, actor: &Actor, org: &Organisation, staff_id: &str) -> Result<()> {
    if !actor.is_member(&org.id) {
        // A platform admin who is not in the organisation: figures of people are not theirs.
        return Err(if actor.is_platform_admin() { Error::Forbidden } else { Error::NotFound });
    }
    let people = grants(db, &org.id).await?;
    if !people.iter().any(|(u, _)| u == staff_id) {
        return Err(Error::NotFound);
    }
    match visible(db, actor, org).await? {
        None => Ok(()),
        Some(ids) if ids.contains(staff_id) => Ok(()),
        Some(_) => Err(Error::Forbidden),
    }
}

/// The staff members the actor may pick, as (user id, name), by name.
pub async fn choices(db: &Db, actor: &Actor, org: &Organisation) -> Result<Vec<(String, String)>> {
    if !actor.is_member(&org.id) {
        return Ok(vec![]);
    }
    let visible = visible(db, actor, org).await?;
    let names: HashMap<String, String> = sqlx::query_as::<_, (String, String)>(
        "SELECT u.id, u.display_name FROM users u JOIN org_people p ON p.user_id = u.id
         WHERE p.org_id = $1 AND p.deactivated_at IS NULL",
    )
    .bind(&org.id)
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .collect();
    let mut seen = HashSet::new();
    let mut out: Vec<(String, String)> = grants(db, &org.id)
        .await?
        .into_iter()
        .filter(|(u, _)| visible.as_ref().is_none_or(|v| v.contains(u)) && seen.insert(u.clone()))
        .map(|(u, _)| {
            let name = names.get(&u).cloned().unwrap_or_default();
            (u, name)
        })
        .collect();
    out.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then(a.0.cmp(&b.0)));
    Ok(out)
}
