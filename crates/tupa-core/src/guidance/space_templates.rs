//! Space templates: a ready start for a kind of guidance (debt counselling, housing): the
//! space's default title, a welcome text the counsellor "says" first, and task templates that
//! become the space's first tasks. Managed like task templates (counsellors, main admins);
//! a removed template is retired.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::task_templates::{self, TaskTemplate};
use crate::audit::{self, By};
use crate::authz::Actor;
use crate::db::{Db, Tx, new_id, now};
use crate::error::{Checks, Error, Result};
use crate::organisations::Organisation;

/// Longest template name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest welcome text (it becomes a message, so a message's limit).
pub const MAX_WELCOME_CHARS: usize = super::messages::MAX_BODY_CHARS;
/// Most task templates in one space template.
pub const MAX_TASKS: usize = 50;

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct SpaceTemplate {
    pub id: String,
    #[serde(skip)]
    pub org_id: String,
    pub name: String,
    /// The title a space opened from it gets when the counsellor gives none ('' for none).
    pub title: String,
    /// Posted as the counsellor's first message ('' for none).
    pub welcome: String,
    /// The task templates whose tasks the space starts with, in order.
    #[sqlx(skip)]
    pub task_template_ids: Vec<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, org_id, name, title, welcome, created_at, updated_at";

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewSpaceTemplate {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub title: Option<String>,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub welcome: Option<String>,
    /// Live task templates of the same organisation (at most 50).
    #[serde(default)]
    #[schema(max_items = 50)]
    pub task_template_ids: Vec<String>,
}

/// The checked name, title and welcome of a space template.
fn checked(input: &NewSpaceTemplate) -> Result<(String, String, String)> {
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = Checks::new();
    let name = input.name.trim().to_string();
    if name.is_empty() {
        c.push("name", "space-template-name-required");
    } else if name.chars().count() > MAX_NAME_CHARS {
        c.push("name", "space-template-name-too-long");
    }
    let title = input.title.as_deref().unwrap_or("").trim().to_string();
    if title.chars().count() > super::spaces::MAX_TITLE_CHARS {
        c.push("title", "space-title-too-long");
    }
    let welcome = input.welcome.as_deref().unwrap_or("").trim().to_string();
    if welcome.chars().count() > MAX_WELCOME_CHARS {
        c.push("welcome", "space-template-welcome-too-long");
    }
    if input.task_template_ids.len() > MAX_TASKS {
        c.push("task_template_ids", "space-template-tasks-too-many");
    }
    c.finish()?;
    Ok((name, title, welcome))
}

/// Only this organisation's live task templates: another's id is as unknown as a made-up one.
async fn check_tasks(tx: &mut Tx, org_id: &str, ids: &[String]) -> Result<()> {
    for id in ids {
        if task_templates::get(tx, org_id, id).await?.is_none() {
            return Err(Error::invalid("task_template_ids", "task-template-unknown"));
        }
    }
    Ok(())
}

async fn insert_tasks(tx: &mut Tx, org_id: &str, template_id: &str, ids: &[String]) -> Result<()> {
    for (position, task_id) in ids.iter().enumerate() {
        sqlx::query(
            "INSERT INTO space_template_tasks (org_id, space_template_id, position, task_template_id)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(org_id)
        .bind(template_id)
        .bind(position as i64)
        .bind(task_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Changes a live space template, its task list included (replaced as given). Spaces opened
/// from it earlier keep what they got.
pub async fn update(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    id: &str,
    input: &NewSpaceTemplate,
) -> Result<SpaceTemplate> {
    let (name, title, welcome) = checked(input)?;
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE space_templates SET name = $1, title = $2, welcome = $3, updated_at = $4
         WHERE org_id = $5 AND id = $6 AND retired_at IS NULL",
    )
    .bind(&name)
    .bind(&title)
    .bind(&welcome)
    .bind(now())
    .bind(&org.id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    check_tasks(&mut tx, &org.id, &input.task_template_ids).await?;
    sqlx::query("DELETE FROM space_template_tasks WHERE org_id = $1 AND space_template_id = $2")
        .bind(&org.id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    insert_tasks(&mut tx, &org.id, id, &input.task_template_ids).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, None),
        audit::Action::SpaceTemplateUpdated,
        Some((audit::Target::SpaceTemplate, id)),
        serde_json::json!({"name": name, "tasks": input.task_template_ids.len()}),
    )
    .await?;
    let (template, _) = get_with_tasks(&mut tx, &org.id, id).await?.ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(template)
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    input: &NewSpaceTemplate,
) -> Result<SpaceTemplate> {
    let (name, title, welcome) = checked(input)?;
    if list(db, &org.id).await?.len() >= task_templates::MAX_TEMPLATES {
        return Err(Error::invalid("name", "space-templates-too-many"));
    }
    let t = now();
    let mut tx = db.begin().await?;
    check_tasks(&mut tx, &org.id, &input.task_template_ids).await?;
    let template = SpaceTemplate {
        id: new_id(),
        org_id: org.id.clone(),
        name,
        title,
        welcome,
        task_template_ids: input.task_template_ids.clone(),
        created_at: t,
        updated_at: t,
    };
    sqlx::query(
        "INSERT INTO space_templates (org_id, id, name, title, welcome, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&template.org_id)
    .bind(&template.id)
    .bind(&template.name)
    .bind(&template.title)
    .bind(&template.welcome)
    .bind(&actor.user.id)
    .bind(t)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    insert_tasks(&mut tx, &org.id, &template.id, &template.task_template_ids).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, None),
        audit::Action::SpaceTemplateCreated,
        Some((audit::Target::SpaceTemplate, &template.id)),
        serde_json::json!({"name": template.name, "tasks": template.task_template_ids.len()}),
    )
    .await?;
    tx.commit().await?;
    Ok(template)
}

pub async fn retire(db: &Db, actor: &Actor, org: &Organisation, id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE space_templates SET retired_at = $1 WHERE org_id = $2 AND id = $3 AND retired_at IS NULL",
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
        audit::Action::SpaceTemplateRemoved,
        Some((audit::Target::SpaceTemplate, id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The organisation's live space templates, by name, with their task template ids.
pub async fn list(db: &Db, org_id: &str) -> Result<Vec<SpaceTemplate>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_templates WHERE org_id = $1 AND retired_at IS NULL ORDER BY name, id"
    );
    let mut list: Vec<SpaceTemplate> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_all(db.pool()).await?;
    let links: Vec<(String, String)> = sqlx::query_as(
        "SELECT space_template_id, task_template_id FROM space_template_tasks
         WHERE org_id = $1 ORDER BY space_template_id, position",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    for t in &mut list {
        t.task_template_ids =
            links.iter().filter(|(s, _)| *s == t.id).map(|(_, task)| task.clone()).collect();
    }
    Ok(list)
}

/// A live space template of `org_id` with its task templates (those still live), in order.
pub async fn get_with_tasks(
    tx: &mut Tx,
    org_id: &str,
    id: &str,
) -> Result<Option<(SpaceTemplate, Vec<TaskTemplate>)>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_templates WHERE org_id = $1 AND id = $2 AND retired_at IS NULL"
    );
    let Some(mut template): Option<SpaceTemplate> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
    else {
        return Ok(None);
    };
    let ids: Vec<(String,)> = sqlx::query_as(
        "SELECT task_template_id FROM space_template_tasks
         WHERE org_id = $1 AND space_template_id = $2 ORDER BY position",
    )
    .bind(org_id)
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let mut tasks = vec![];
    for (task_id,) in &ids {
        // A retired task template no longer comes along.
        if let Some(t) = task_templates::get(tx, org_id, task_id).await? {
            tasks.push(t);
        }
    }
    template.task_template_ids = ids.into_iter().map(|(i,)| i).collect();
    Ok(Some((template, tasks)))
}
