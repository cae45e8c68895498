//! Task templates: the tasks an organisation gives often (a budget to fill in, documents to
//! gather), written once and used by every counsellor. Counsellors and main admins manage
//! them; a template holds no client data, so platform admins may help as with other settings.
//! A removed template is retired, never deleted: tasks made from it keep their own copy.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::audit::{self, By};
use crate::authz::{Actor, Permission, require_capability};
use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};
use crate::organisations::plans::Capability;
use crate::organisations::{self, Organisation};

/// Longest task (or task template) title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest task instructions, in characters.
pub const MAX_INSTRUCTIONS_CHARS: usize = 10_000;
/// Most live task templates in one organisation (the select on the task form lists them all).
pub const MAX_TEMPLATES: usize = 500;

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct TaskTemplate {
    pub id: String,
    #[serde(skip)]
    pub org_id: String,
    pub title: String,
    pub instructions: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, org_id, title, instructions, created_at, updated_at";

/// A new task template.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewTaskTemplate {
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub instructions: Option<String>,
}

/// The organisation `slug` for someone who manages its guidance templates: a counsellor or a
/// main admin (and platform admins, as for other settings). Needs the guidance capability.
pub async fn manage_org(db: &Db, actor: &Actor, slug: &str) -> Result<Organisation> {
    let org = organisations::by_slug(db, slug).await?.ok_or(Error::NotFound)?;
    if !may_manage(actor, &org) {
        // The same answer as for any other permission: 403 to members, 404 to strangers.
        actor.check(Permission::WorkGuidance, &org)?;
    }
    require_capability(db, &org, Capability::Guidance).await?;
    Ok(org)
}

pub fn may_manage(actor: &Actor, org: &Organisation) -> bool {
    actor.can(Permission::WorkGuidance, org) || actor.can(Permission::ManageSettings, org)
}

/// Checks a title and instructions as a task and a task template both take them.
pub fn check_text(title: &str, instructions: &str) -> Result<(String, String)> {
    // Both fields are checked before either is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let title = title.trim();
    if title.is_empty() {
        c.push("title", "task-title-required");
    } else if title.chars().count() > MAX_TITLE_CHARS {
        c.push("title", "task-title-too-long");
    }
    let instructions = instructions.trim();
    if instructions.chars().count() > MAX_INSTRUCTIONS_CHARS {
        c.push("instructions", "task-instructions-too-long");
    }
    c.finish()?;
    Ok((title.to_string(), instructions.to_string()))
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    input: &NewTaskTemplate,
) -> Result<TaskTemplate> {
    let (title, instructions) =
        check_text(&input.title, input.instructions.as_deref().unwrap_or(""))?;
    if list(db, &org.id).await?.len() >= MAX_TEMPLATES {
        return Err(Error::invalid("title", "task-templates-too-many"));
    }
    let t = now();
    let template = TaskTemplate {
        id: new_id(),
        org_id: org.id.clone(),
        title,
        instructions,
        created_at: t,
        updated_at: t,
    };
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO task_templates (org_id, id, title, instructions, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&template.org_id)
    .bind(&template.id)
    .bind(&template.title)
    .bind(&template.instructions)
    .bind(&actor.user.id)
    .bind(t)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, None),
        audit::Action::TaskTemplateCreated,
        Some((audit::Target::TaskTemplate, &template.id)),
        serde_json::json!({"title": template.title}),
    )
    .await?;
    tx.commit().await?;
    Ok(template)
}

/// Changes a live template's title and instructions. Tasks already made from it keep the
/// text they were given (they are copies); only tasks made from now on get the new one.
pub async fn update(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    id: &str,
    input: &NewTaskTemplate,
) -> Result<TaskTemplate> {
    let (title, instructions) =
        check_text(&input.title, input.instructions.as_deref().unwrap_or(""))?;
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE task_templates SET title = $1, instructions = $2, updated_at = $3
         WHERE org_id = $4 AND id = $5 AND retired_at IS NULL",
    )
    .bind(&title)
    .bind(&instructions)
    .bind(now())
    .bind(&org.id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, None),
        audit::Action::TaskTemplateUpdated,
        Some((audit::Target::TaskTemplate, id)),
        serde_json::json!({"title": title}),
    )
    .await?;
    let template = get(&mut tx, &org.id, id).await?.ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(template)
}

/// Retires a template: it is no longer offered; tasks made from it stay as they are.
pub async fn retire(db: &Db, actor: &Actor, org: &Organisation, id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE task_templates SET retired_at = $1 WHERE org_id = $2 AND id = $3 AND retired_at IS NULL",
    )
    .bind(now())
    .bind(&org.id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, None),
        audit::Action::TaskTemplateRemoved,
        Some((audit::Target::TaskTemplate, id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The organisation's live task templates, by title.
pub async fn list(db: &Db, org_id: &str) -> Result<Vec<TaskTemplate>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM task_templates WHERE org_id = $1 AND retired_at IS NULL ORDER BY title, id"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_all(db.pool()).await?)
}

/// A live template of the organisation `org_id` (another organisation's id is unknown here).
pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<Option<TaskTemplate>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM task_templates WHERE org_id = $1 AND id = $2 AND retired_at IS NULL"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?)
}
