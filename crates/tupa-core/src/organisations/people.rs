//! People in an organisation and their roles. A person may belong to several organisations
//! with different roles in each; a role may be limited to one unit. Grants are revoked, not
//! deleted, so the history of who could do what stays.

use serde::Serialize;
use sqlx::FromRow;

use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};

crate::closed_set! {
    /// What a person may do in an organisation (`role_grants.role`).
    #[derive(PartialOrd, Ord, utoipa::ToSchema)]
    pub enum Role ("role", "role-invalid") {
        /// The operator's support team; held in the operator organisation only.
        PlatformAdmin = "platform-admin",
        MainAdmin = "main-admin",
        Adviser = "adviser",
        Counsellor = "counsellor",
        Supervisor = "supervisor",
        Recruiter = "recruiter",
        /// Approves job ads before they are published, where the organisation requires it,
        /// and works its recruitments like a recruiter.
        HiringManager = "hiring-manager",
    }
}

impl Role {
    /// Roles an organisation's own main admin can grant.
    pub const ORGANISATION_ROLES: [Role; 6] = [
        Role::MainAdmin,
        Role::Adviser,
        Role::Counsellor,
        Role::Supervisor,
        Role::Recruiter,
        Role::HiringManager,
    ];

    /// A role's word from a form or the command line (surrounding spaces ignored).
    pub fn parse(s: &str) -> Result<Role> {
        s.trim().parse()
    }
}

/// A current role grant.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Grant {
    pub org_id: String,
    pub id: String,
    pub user_id: String,
    pub role: Role,
    pub unit_id: Option<String>,
    pub granted_at: i64,
    pub revoked_at: Option<i64>,
}

/// A person as seen by their organisation's admins.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Member {
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    /// Has not yet accepted the invitation (no password set).
    #[sqlx(try_from = "crate::db::Flag")]
    pub invited: bool,
    pub joined_at: i64,
    pub deactivated_at: Option<i64>,
    pub last_seen_at: Option<i64>,
}

/// Adds a person to an organisation, or reactivates them there.
pub async fn add_member(tx: &mut Tx, org_id: &str, user_id: &str) -> Result<()> {
    let existing: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT deactivated_at FROM org_people WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    if existing.is_none() {
        sqlx::query("INSERT INTO org_people (org_id, user_id, created_at) VALUES ($1, $2, $3)")
            .bind(org_id)
            .bind(user_id)
            .bind(now())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn set_member_active(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    active: bool,
) -> Result<()> {
    let at: Option<i64> = if active { None } else { Some(now()) };
    let done =
        sqlx::query("UPDATE org_people SET deactivated_at = $1 WHERE org_id = $2 AND user_id = $3")
            .bind(at)
            .bind(org_id)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

pub async fn grant(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    role: Role,
    unit_id: Option<&str>,
    by: Option<&str>,
) -> Result<()> {
    if let Some(unit) = unit_id {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM units WHERE org_id = $1 AND id = $2 AND retired_at IS NULL",
        )
        .bind(org_id)
        .bind(unit)
        .fetch_one(&mut **tx)
        .await?;
        if n == 0 {
            return Err(Error::invalid("unit_id", "unit-parent-invalid"));
        }
    }
    sqlx::query("INSERT INTO role_grants (org_id, id, user_id, role, unit_id, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(org_id)
        .bind(new_id())
        .bind(user_id)
        .bind(role.as_str())
        .bind(unit_id)
        .bind(now())
        .bind(by)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Replaces a person's roles in an organisation with `roles`; unchanged grants stay as they
/// are, dropped ones are revoked. Returns (added, removed) for the audit log.
pub async fn set_roles(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    roles: &[(Role, Option<String>)],
    by: Option<&str>,
) -> Result<(Vec<Role>, Vec<Role>)> {
    let current = current_grants_tx(tx, org_id, user_id).await?;
    let mut removed = vec![];
    for g in &current {
        let keep = roles.iter().any(|(r, u)| *r == g.role && u.as_deref() == g.unit_id.as_deref());
        if !keep {
            sqlx::query("UPDATE role_grants SET revoked_at = $1, revoked_by = $2 WHERE org_id = $3 AND id = $4")
                .bind(now())
                .bind(by)
                .bind(org_id)
                .bind(&g.id)
                .execute(&mut **tx)
                .await?;
            removed.push(g.role);
        }
    }
    let mut added = vec![];
    for (role, unit) in roles {
        let exists =
            current.iter().any(|g| g.role == *role && g.unit_id.as_deref() == unit.as_deref());
        if !exists {
            grant(tx, org_id, user_id, *role, unit.as_deref(), by).await?;
            added.push(*role);
        }
    }
    Ok((added, removed))
}

const GRANT_COLUMNS: &str = "org_id, id, user_id, role, unit_id, granted_at, revoked_at";

async fn current_grants_tx(tx: &mut Tx, org_id: &str, user_id: &str) -> Result<Vec<Grant>> {
    let sql = format!(
        "SELECT {GRANT_COLUMNS} FROM role_grants WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(user_id)
        .fetch_all(&mut **tx)
        .await?)
}

/// Current grants of a person in an organisation.
pub async fn current_grants(db: &Db, org_id: &str, user_id: &str) -> Result<Vec<Grant>> {
    let sql = format!(
        "SELECT {GRANT_COLUMNS} FROM role_grants WHERE org_id = $1 AND user_id = $2 AND revoked_at IS NULL ORDER BY role"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(user_id)
        .fetch_all(db.pool())
        .await?)
}

/// Every grant a person has had in an organisation, current and revoked, newest first.
pub async fn grant_history(db: &Db, org_id: &str, user_id: &str) -> Result<Vec<Grant>> {
    let sql = format!(
        "SELECT {GRANT_COLUMNS} FROM role_grants WHERE org_id = $1 AND user_id = $2 ORDER BY granted_at DESC"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(user_id)
        .fetch_all(db.pool())
        .await?)
}

pub async fn members(db: &Db, org_id: &str) -> Result<Vec<Member>> {
    Ok(sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.display_name, (u.password_hash IS NULL) AS invited, p.created_at AS joined_at,
                p.deactivated_at, u.last_seen_at
         FROM org_people p JOIN users u ON u.id = p.user_id
         WHERE p.org_id = $1 ORDER BY u.display_name",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?)
}

pub async fn member(db: &Db, org_id: &str, user_id: &str) -> Result<Member> {
    Ok(sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.display_name, (u.password_hash IS NULL) AS invited, p.created_at AS joined_at,
                p.deactivated_at, u.last_seen_at
         FROM org_people p JOIN users u ON u.id = p.user_id
         WHERE p.org_id = $1 AND u.id = $2",
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_one(db.pool())
    .await?)
}

/// A person's live role in a live organisation, as the authorisation policy needs it.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Membership {
    pub org_id: String,
    pub org_slug: String,
    pub org_name: String,
    pub role: Role,
    pub unit_id: Option<String>,
    /// The organisation's plan includes the service desk (so its pages can leave out what
    /// the plan lacks).
    #[sqlx(try_from = "crate::db::Flag")]
    pub plan_desk: bool,
    /// The plan includes recruitment.
    #[sqlx(try_from = "crate::db::Flag")]
    pub plan_recruitment: bool,
    /// The plan includes guidance spaces.
    #[sqlx(try_from = "crate::db::Flag")]
    pub plan_guidance: bool,
    /// The plan includes reports.
    #[sqlx(try_from = "crate::db::Flag")]
    pub plan_reports: bool,
}

/// The live roles of a person: the grant is not revoked, the person is active in the
/// organisation, and the organisation is not retired.
pub async fn memberships(db: &Db, user_id: &str) -> Result<Vec<Membership>> {
    Ok(sqlx::query_as(
        "SELECT o.id AS org_id, o.slug AS org_slug, o.name AS org_name, g.role, g.unit_id, COALESCE(pl.cap_desk, $2) AS plan_desk, COALESCE(pl.cap_recruitment, $2) AS plan_recruitment, COALESCE(pl.cap_guidance, $2) AS plan_guidance, COALESCE(pl.cap_reports, $2) AS plan_reports
         FROM role_grants g
         JOIN org_people p ON p.org_id = g.org_id AND p.user_id = g.user_id
         JOIN organisations o ON o.id = g.org_id
         LEFT JOIN plans pl ON pl.id = o.plan_id
         WHERE g.user_id = $1 AND g.revoked_at IS NULL AND p.deactivated_at IS NULL AND o.retired_at IS NULL
         ORDER BY o.name, g.role",
    )
    .bind(user_id)
    .bind(false)
    .fetch_all(db.pool())
    .await?)
}

#[cfg(test)]
mod role_tests {
    use super::Role;

    #[test]
    fn roles_parse_their_words_only() {
        crate::closed_set::check::<Role>("role", "role-invalid");
        assert_eq!(Role::parse(" adviser ").unwrap(), Role::Adviser);
    }
}
