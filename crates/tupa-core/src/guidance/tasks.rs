//! Tasks in a space: the counsellor gives one (written on the spot or from a task template),
//! the client answers it in free text and/or marks it done, and both comment on it. Like
//! messages, every change is a row first, then a live event with ids only, and away members
//! get a mail that something waits (never the content).

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::access::{InSpace, SpaceRole};
use super::spaces::Space;
use super::task_templates;
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};
use crate::events::{self, Event};

/// Longest answer, in characters.
pub const MAX_ANSWER_CHARS: usize = 10_000;
/// Longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 10_000;
/// Most tasks in one space.
pub const MAX_TASKS: usize = 200;
/// Most comments on one task.
pub const MAX_COMMENTS: usize = 500;

/// Where a task is. `Answered` waits for the client to finish it (or the counsellor to
/// comment); a `Done` task takes no more answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TaskStatus {
    Open,
    Answered,
    Done,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Answered => "answered",
            TaskStatus::Done => "done",
        }
    }
    pub fn parse(s: &str) -> Result<TaskStatus> {
        match s {
            "open" => Ok(TaskStatus::Open),
            "answered" => Ok(TaskStatus::Answered),
            "done" => Ok(TaskStatus::Done),
            other => Err(anyhow::anyhow!("unknown task status {other:?}").into()),
        }
    }
}

impl TryFrom<String> for TaskStatus {
    type Error = Error;
    fn try_from(s: String) -> Result<TaskStatus> {
        TaskStatus::parse(&s)
    }
}

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct TaskComment {
    pub id: String,
    #[serde(skip)]
    pub task_id: String,
    /// The author's name as shown when it was written.
    pub author: String,
    pub body: String,
    pub created_at: i64,
}

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Task {
    pub id: String,
    #[serde(skip)]
    pub org_id: String,
    pub space_id: String,
    pub title: String,
    pub instructions: String,
    /// YYYY-MM-DD (Finnish time), if the task has a due date.
    pub due_on: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: TaskStatus,
    pub template_id: Option<String>,
    /// The client's answer, if any.
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    pub done_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Past its due date and not done (as of today in Finland).
    #[sqlx(skip)]
    pub overdue: bool,
    /// The comment thread, oldest first.
    #[sqlx(skip)]
    pub comments: Vec<TaskComment>,
}

impl Task {
    /// The counsellor may still change or remove it: the client has not answered or finished.
    pub fn editable(&self) -> bool {
        self.status == TaskStatus::Open && self.answer.is_none()
    }
}

const COLUMNS: &str = "id, org_id, space_id, title, instructions, due_on, status, template_id, \
    answer, answered_at, done_at, created_at, updated_at";

/// A task as the counsellor writes it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewTask {
    /// 1–200 characters; may be left out with `template_id` (the template's title is used).
    #[serde(default)]
    #[schema(max_length = 200)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub instructions: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    #[schema(format = "date", max_length = 10)]
    pub due_on: Option<String>,
    /// A task template of the space's organisation to start from.
    #[serde(default)]
    #[schema(max_length = 100)]
    pub template_id: Option<String>,
}

/// Today's date in Finland, as YYYY-MM-DD.
pub fn today() -> String {
    let d = crate::desk::hours::to_helsinki(now()).date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A due date as given (YYYY-MM-DD, a real calendar date), or None for an empty one.
pub fn parse_due(input: Option<&str>) -> Result<Option<String>> {
    let Some(s) = input.map(str::trim).filter(|s| !s.is_empty()) else { return Ok(None) };
    let refused = || Error::invalid("due_on", "task-due-invalid");
    let parts: Vec<&str> = s.split('-').collect();
    if s.len() != 10 || parts.len() != 3 || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return Err(refused());
    }
    let year: i32 = parts[0].parse().map_err(|_| refused())?;
    let month: u8 = parts[1].parse().map_err(|_| refused())?;
    let day: u8 = parts[2].parse().map_err(|_| refused())?;
    if !(2000..=2199).contains(&year) {
        return Err(refused());
    }
    let month = time::Month::try_from(month).map_err(|_| refused())?;
    time::Date::from_calendar_date(year, month, day).map_err(|_| refused())?;
    Ok(Some(s.to_string()))
}

/// A task's title, instructions and due date, every problem reported at once.
fn check_task(
    title: &str,
    instructions: &str,
    input: &NewTask,
) -> Result<(String, String, Option<String>)> {
    let mut c = crate::error::Checks::new();
    let text = c.take(task_templates::check_text(title, instructions));
    let due_on = c.take(parse_due(input.due_on.as_deref()));
    match (text, due_on) {
        (Some((title, instructions)), Some(due_on)) => Ok((title, instructions, due_on)),
        _ => Err(c.error()),
    }
}

fn check_body(body: &str, max: usize, empty: &'static str, long: &'static str) -> Result<String> {
    let body = body.trim();
    if body.is_empty() {
        return Err(Error::invalid("body", empty));
    }
    if body.chars().count() > max {
        return Err(Error::invalid("body", long));
    }
    Ok(body.to_string())
}

fn require_counsellor(place: &InSpace) -> Result<()> {
    if place.role == SpaceRole::Counsellor { Ok(()) } else { Err(Error::Forbidden) }
}

/// The counsellor gives the client a task.
pub async fn create(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    input: &NewTask,
) -> Result<Task> {
    require_counsellor(place)?;
    place.require_write()?;
    let space = &place.space;
    let mut tx = db.begin().await?;
    if count(&mut tx, space).await? >= MAX_TASKS as i64 {
        return Err(Error::invalid("title", "tasks-too-many"));
    }
    let template_id = input.template_id.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let (mut title, mut instructions) =
        (input.title.clone(), input.instructions.clone().unwrap_or_default());
    if let Some(id) = template_id {
        let template = task_templates::get(&mut tx, &space.org_id, id)
            .await?
            .ok_or(Error::invalid("template_id", "task-template-unknown"))?;
        if title.trim().is_empty() {
            title = template.title;
        }
        if instructions.trim().is_empty() {
            instructions = template.instructions;
        }
    }
    let (title, instructions, due_on) = check_task(&title, &instructions, input)?;
    let task = insert(&mut tx, space, actor, &title, &instructions, due_on, template_id).await?;
    let t = task.created_at;
    touched(&mut tx, settings, actor, place, t).await?;
    tx.commit().await?;
    events::publish(db, Event::space_task(&space.org_id, &space.id, &task.id)).await;
    Ok(task)
}

/// Stores a new open task (also for the tasks a space template brings along).
pub async fn insert(
    tx: &mut Tx,
    space: &Space,
    actor: &Actor,
    title: &str,
    instructions: &str,
    due_on: Option<String>,
    template_id: Option<&str>,
) -> Result<Task> {
    let t = now();
    let task = Task {
        id: new_id(),
        org_id: space.org_id.clone(),
        space_id: space.id.clone(),
        title: title.to_string(),
        instructions: instructions.to_string(),
        due_on,
        status: TaskStatus::Open,
        template_id: template_id.map(str::to_string),
        answer: None,
        answered_at: None,
        done_at: None,
        created_at: t,
        updated_at: t,
        overdue: false,
        comments: vec![],
    };
    sqlx::query(
        "INSERT INTO space_tasks (org_id, id, space_id, title, instructions, due_on, status, template_id, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&task.org_id)
    .bind(&task.id)
    .bind(&task.space_id)
    .bind(&task.title)
    .bind(&task.instructions)
    .bind(&task.due_on)
    .bind(task.status.as_str())
    .bind(&task.template_id)
    .bind(&actor.user.id)
    .bind(t)
    .bind(t)
    .execute(&mut **tx)
    .await?;
    Ok(with_overdue(task))
}

async fn count(tx: &mut Tx, space: &Space) -> Result<i64> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM space_tasks WHERE org_id = $1 AND space_id = $2")
            .bind(&space.org_id)
            .bind(&space.id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(n)
}

/// The space has news: its activity time moves and away members are told by mail.
async fn touched(
    tx: &mut Tx,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    t: i64,
) -> Result<()> {
    sqlx::query("UPDATE guidance_spaces SET updated_at = $1 WHERE org_id = $2 AND id = $3")
        .bind(t)
        .bind(&place.space.org_id)
        .bind(&place.space.id)
        .execute(&mut **tx)
        .await?;
    super::messages::notify_away(tx, settings, place, &actor.user.id, t).await
}

/// The task `task_id` of this space, read for a change (another space's task is not found).
/// The change itself re-checks the state in its WHERE, so two requests at once cannot both win.
async fn for_change(tx: &mut Tx, space: &Space, task_id: &str) -> Result<Task> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_tasks WHERE org_id = $1 AND space_id = $2 AND id = $3"
    );
    let task: Option<Task> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(task_id)
        .fetch_optional(&mut **tx)
        .await?;
    task.ok_or(Error::NotFound)
}

/// The counsellor rewrites a task the client has not answered yet.
pub async fn edit(db: &Db, place: &InSpace, task_id: &str, input: &NewTask) -> Result<Task> {
    require_counsellor(place)?;
    place.require_write()?;
    let (title, instructions, due_on) =
        check_task(&input.title, input.instructions.as_deref().unwrap_or(""), input)?;
    let mut tx = db.begin().await?;
    let task = for_change(&mut tx, &place.space, task_id).await?;
    // Only while unanswered: the answer was given to the task as it stood.
    let done = sqlx::query(
        "UPDATE space_tasks SET title = $1, instructions = $2, due_on = $3, updated_at = $4
         WHERE org_id = $5 AND id = $6 AND status = 'open' AND answer IS NULL",
    )
    .bind(&title)
    .bind(&instructions)
    .bind(&due_on)
    .bind(now())
    .bind(&task.org_id)
    .bind(&task.id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::conflict("title", "task-answered"));
    }
    tx.commit().await?;
    let space = &place.space;
    events::publish(db, Event::space_task(&space.org_id, &space.id, &task.id)).await;
    get(db, space, task_id).await?.ok_or(Error::NotFound)
}

/// The counsellor removes a task the client has not answered yet (with its comments).
pub async fn remove(db: &Db, place: &InSpace, task_id: &str) -> Result<()> {
    require_counsellor(place)?;
    place.require_write()?;
    let mut tx = db.begin().await?;
    let task = for_change(&mut tx, &place.space, task_id).await?;
    let done = sqlx::query(
        "DELETE FROM space_tasks WHERE org_id = $1 AND id = $2 AND status = 'open' AND answer IS NULL",
    )
    .bind(&task.org_id)
    .bind(&task.id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::conflict("task", "task-answered"));
    }
    sqlx::query("DELETE FROM space_task_comments WHERE org_id = $1 AND task_id = $2")
        .bind(&task.org_id)
        .bind(&task.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let space = &place.space;
    events::publish(db, Event::space_task(&space.org_id, &space.id, &task.id)).await;
    Ok(())
}

/// The client answers (again, until it is done); `done` also finishes the task. An empty
/// answer is allowed only when finishing.
pub async fn answer(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    task_id: &str,
    body: &str,
    done: bool,
) -> Result<Task> {
    if place.role != SpaceRole::Client {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    let body = body.trim();
    if body.chars().count() > MAX_ANSWER_CHARS {
        return Err(Error::invalid("body", "task-answer-too-long"));
    }
    if body.is_empty() && !done {
        return Err(Error::invalid("body", "task-answer-empty"));
    }
    let mut tx = db.begin().await?;
    let task = for_change(&mut tx, &place.space, task_id).await?;
    if task.status == TaskStatus::Done {
        return Err(Error::conflict("body", "task-done"));
    }
    let t = now();
    let status = if done { TaskStatus::Done } else { TaskStatus::Answered };
    let answer = if body.is_empty() { task.answer.clone() } else { Some(body.to_string()) };
    let answered_at = if body.is_empty() { task.answered_at } else { Some(t) };
    let changed = sqlx::query(
        "UPDATE space_tasks SET answer = $1, answered_at = $2, status = $3, done_at = $4, updated_at = $5
         WHERE org_id = $6 AND id = $7 AND status <> 'done'",
    )
    .bind(&answer)
    .bind(answered_at)
    .bind(status.as_str())
    .bind(if done { Some(t) } else { None })
    .bind(t)
    .bind(&task.org_id)
    .bind(&task.id)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(Error::conflict("body", "task-done"));
    }
    touched(&mut tx, settings, actor, place, t).await?;
    tx.commit().await?;
    let space = &place.space;
    events::publish(db, Event::space_task(&space.org_id, &space.id, &task.id)).await;
    get(db, space, task_id).await?.ok_or(Error::NotFound)
}

/// The client, or the counsellor, marks the task done.
pub async fn mark_done(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    task_id: &str,
) -> Result<Task> {
    if !matches!(place.role, SpaceRole::Client | SpaceRole::Counsellor) {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    let mut tx = db.begin().await?;
    let task = for_change(&mut tx, &place.space, task_id).await?;
    if task.status == TaskStatus::Done {
        return Err(Error::conflict("task", "task-done"));
    }
    let t = now();
    sqlx::query(
        "UPDATE space_tasks SET status = 'done', done_at = $1, updated_at = $1
         WHERE org_id = $2 AND id = $3 AND status <> 'done'",
    )
    .bind(t)
    .bind(&task.org_id)
    .bind(&task.id)
    .execute(&mut *tx)
    .await?;
    touched(&mut tx, settings, actor, place, t).await?;
    tx.commit().await?;
    let space = &place.space;
    events::publish(db, Event::space_task(&space.org_id, &space.id, &task.id)).await;
    get(db, space, task_id).await?.ok_or(Error::NotFound)
}

/// Any member who may write comments on a task (the counsellor's feedback, the client's
/// question).
pub async fn comment(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    task_id: &str,
    body: &str,
) -> Result<TaskComment> {
    place.require_write()?;
    let body = check_body(body, MAX_COMMENT_CHARS, "task-comment-empty", "task-comment-too-long")?;
    let mut tx = db.begin().await?;
    let task = for_change(&mut tx, &place.space, task_id).await?;
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM space_task_comments WHERE org_id = $1 AND task_id = $2",
    )
    .bind(&task.org_id)
    .bind(&task.id)
    .fetch_one(&mut *tx)
    .await?;
    if n >= MAX_COMMENTS as i64 {
        return Err(Error::invalid("body", "task-comments-too-many"));
    }
    let t = now();
    let comment = TaskComment {
        id: new_id(),
        task_id: task.id.clone(),
        author: actor.user.display_name.clone(),
        body,
        created_at: t,
    };
    sqlx::query(
        "INSERT INTO space_task_comments (org_id, id, space_id, task_id, author_user_id, author_name, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&task.org_id)
    .bind(&comment.id)
    .bind(&task.space_id)
    .bind(&task.id)
    .bind(&actor.user.id)
    .bind(&comment.author)
    .bind(&comment.body)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE space_tasks SET updated_at = $1 WHERE org_id = $2 AND id = $3")
        .bind(t)
        .bind(&task.org_id)
        .bind(&task.id)
        .execute(&mut *tx)
        .await?;
    touched(&mut tx, settings, actor, place, t).await?;
    tx.commit().await?;
    let space = &place.space;
    events::publish(db, Event::space_task(&space.org_id, &space.id, &task.id)).await;
    Ok(comment)
}

fn with_overdue(mut task: Task) -> Task {
    let today = today();
    task.overdue = task.status != TaskStatus::Done
        && task.due_on.as_deref().is_some_and(|d| d < today.as_str());
    task
}

/// The space's tasks with their comments, oldest first.
pub async fn list(db: &Db, space: &Space) -> Result<Vec<Task>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_tasks WHERE org_id = $1 AND space_id = $2 ORDER BY created_at, id"
    );
    let tasks: Vec<Task> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .fetch_all(db.pool())
        .await?;
    let comments: Vec<TaskComment> = sqlx::query_as(
        "SELECT id, task_id, author_name AS author, body, created_at FROM space_task_comments
         WHERE org_id = $1 AND space_id = $2 ORDER BY created_at, id",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .fetch_all(db.pool())
    .await?;
    Ok(tasks
        .into_iter()
        .map(|mut t| {
            t.comments = comments.iter().filter(|c| c.task_id == t.id).cloned().collect();
            with_overdue(t)
        })
        .collect())
}

/// One task of the space with its comments (another space's task is None).
pub async fn get(db: &Db, space: &Space, task_id: &str) -> Result<Option<Task>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_tasks WHERE org_id = $1 AND space_id = $2 AND id = $3"
    );
    let task: Option<Task> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(task_id)
        .fetch_optional(db.pool())
        .await?;
    let Some(mut task) = task else { return Ok(None) };
    task.comments = sqlx::query_as(
        "SELECT id, task_id, author_name AS author, body, created_at FROM space_task_comments
         WHERE org_id = $1 AND task_id = $2 ORDER BY created_at, id",
    )
    .bind(&space.org_id)
    .bind(&task.id)
    .fetch_all(db.pool())
    .await?;
    Ok(Some(with_overdue(task)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_are_real_calendar_dates() {
        assert_eq!(parse_due(Some("2026-02-28")).unwrap().as_deref(), Some("2026-02-28"));
        assert_eq!(parse_due(Some(" ")).unwrap(), None);
        assert_eq!(parse_due(None).unwrap(), None);
        for bad in ["2026-02-30", "2026-13-01", "26-02-01", "2026-2-1x", "1999-01-01", "+026-01-01"]
        {
            assert!(parse_due(Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(today().len(), 10);
    }
}
