//! Plans: which capabilities an organisation has, and whether its main admins may change
//! its settings themselves or must ask the operator (the seed's two customer types).

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Capability {
    Desk,
    Guidance,
    Recruitment,
    Reports,
}

impl Capability {
    pub const ALL: [Capability; 4] =
        [Capability::Desk, Capability::Guidance, Capability::Recruitment, Capability::Reports];
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Desk => "desk",
            Capability::Guidance => "guidance",
            Capability::Recruitment => "recruitment",
            Capability::Reports => "reports",
        }
    }
}

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Plan {
    pub id: String,
    pub slug: String,
    pub name: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub cap_desk: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    pub cap_guidance: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    pub cap_recruitment: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    pub cap_reports: bool,
    /// Main admins may change the organisation's settings themselves.
    #[sqlx(try_from = "crate::db::Flag")]
    pub admins_manage_settings: bool,
    pub created_at: i64,
}

impl Plan {
    pub fn has(&self, cap: Capability) -> bool {
        match cap {
            Capability::Desk => self.cap_desk,
            Capability::Guidance => self.cap_guidance,
            Capability::Recruitment => self.cap_recruitment,
            Capability::Reports => self.cap_reports,
        }
    }
    pub fn capabilities(&self) -> Vec<Capability> {
        Capability::ALL.into_iter().filter(|c| self.has(*c)).collect()
    }
}

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct PlanInput {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub capabilities: Vec<Capability>,
    #[serde(default)]
    pub admins_manage_settings: bool,
}

const COLUMNS: &str = "id, slug, name, cap_desk, cap_guidance, cap_recruitment, cap_reports, admins_manage_settings, created_at";

pub async fn create(tx: &mut Tx, input: &PlanInput) -> Result<Plan> {
    // Both fields are checked before either is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let slug = c.take(super::parse_slug(&input.slug, "slug"));
    let name = c.take(super::parse_name(&input.name, "name"));
    let (Some(slug), Some(name)) = (slug, name) else { return Err(c.error()) };
    let id = new_id();
    let has = |c| input.capabilities.contains(&c);
    sqlx::query(
        "INSERT INTO plans (id, slug, name, cap_desk, cap_guidance, cap_recruitment, cap_reports, admins_manage_settings, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&slug)
    .bind(&name)
    .bind(has(Capability::Desk))
    .bind(has(Capability::Guidance))
    .bind(has(Capability::Recruitment))
    .bind(has(Capability::Reports))
    .bind(input.admins_manage_settings)
    .bind(now())
    .execute(&mut **tx)
    .await
    .map_err(|e| if crate::db::is_unique_violation(&e) { Error::conflict("slug", "slug-taken") } else { e.into() })?;
    let sql = format!("SELECT {COLUMNS} FROM plans WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&id).fetch_one(&mut **tx).await?)
}

pub async fn update(tx: &mut Tx, plan_id: &str, input: &PlanInput) -> Result<()> {
    let name = super::parse_name(&input.name, "name")?;
    let has = |c| input.capabilities.contains(&c);
    sqlx::query(
        "UPDATE plans SET name = $1, cap_desk = $2, cap_guidance = $3, cap_recruitment = $4, cap_reports = $5, admins_manage_settings = $6 WHERE id = $7",
    )
    .bind(&name)
    .bind(has(Capability::Desk))
    .bind(has(Capability::Guidance))
    .bind(has(Capability::Recruitment))
    .bind(has(Capability::Reports))
    .bind(input.admins_manage_settings)
    .bind(plan_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn list(db: &Db) -> Result<Vec<Plan>> {
    let sql = format!("SELECT {COLUMNS} FROM plans ORDER BY name");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(db.pool()).await?)
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Plan>> {
    let sql = format!("SELECT {COLUMNS} FROM plans WHERE slug = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(slug).fetch_optional(db.pool()).await?)
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<Plan>> {
    let sql = format!("SELECT {COLUMNS} FROM plans WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db.pool()).await?)
}

/// The plans every installation starts with: (slug, English name, capabilities, self-managed).
fn defaults() -> Vec<(&'static str, &'static str, Vec<Capability>, bool)> {
    let all = Capability::ALL.to_vec();
    vec![
        ("full", "Full, self-managed", all.clone(), true),
        ("full-managed", "Full, managed by the operator", all, false),
        ("desk", "Service desk only", vec![Capability::Desk, Capability::Reports], false),
        ("operator", "Operator", vec![Capability::Desk, Capability::Reports], true),
    ]
}

/// True when a plan still has the name it was created with (then the pages show its
/// translated name, `plan-name-<slug>`; a name the operator chose is shown as it is).
pub fn has_default_name(plan: &Plan) -> bool {
    defaults().iter().any(|(slug, name, _, _)| *slug == plan.slug && *name == plan.name)
}

/// True when every default plan exists (by slug), in one query.
pub async fn defaults_present(db: &Db) -> Result<bool> {
    let slugs: Vec<&str> = defaults().iter().map(|(slug, ..)| *slug).collect();
    let placeholders: Vec<String> = (1..=slugs.len()).map(|i| format!("${i}")).collect();
    let sql = format!("SELECT COUNT(*) FROM plans WHERE slug IN ({})", placeholders.join(", "));
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for slug in &slugs {
        query = query.bind(*slug);
    }
    let (n,): (i64,) = query.fetch_one(db.pool()).await?;
    Ok(n as usize == slugs.len())
}

/// The plans every installation starts with: a full plan whose main admins manage their own
/// settings, a full plan managed by the operator, a desk-only plan, and the operator's own.
/// Idempotent: plans that exist (by slug) are left as they are.
pub async fn ensure_defaults(tx: &mut Tx) -> Result<()> {
    for (slug, name, caps, self_managed) in defaults() {
        let (exists,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM plans WHERE slug = $1")
            .bind(slug)
            .fetch_one(&mut **tx)
            .await?;
        if exists > 0 {
            continue;
        }
        create(
            tx,
            &PlanInput {
                slug: slug.into(),
                name: name.into(),
                capabilities: caps,
                admins_manage_settings: self_managed,
            },
        )
        .await?;
    }
    Ok(())
}
