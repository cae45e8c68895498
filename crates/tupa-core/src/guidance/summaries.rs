//! Meeting summaries: the counsellor's notes of a meeting, written for the client to read.
//! Only their author edits one afterwards, and the edit time is kept beside the writing time.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::access::{InSpace, SpaceRole};
use super::items;
use super::links::check_title;
use super::spaces::Space;
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};

/// Longest summary text, in characters.
pub const MAX_BODY_CHARS: usize = 20_000;

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Summary {
    pub id: String,
    #[serde(skip)]
    pub org_id: String,
    pub space_id: String,
    pub title: String,
    pub body: String,
    /// The day of the meeting (YYYY-MM-DD), if given.
    pub met_on: Option<String>,
    #[serde(skip)]
    pub author_user_id: String,
    /// The author's name as shown when it was written.
    pub author: String,
    pub created_at: i64,
    /// Equals `created_at` until the author edits the summary.
    pub updated_at: i64,
}

impl Summary {
    pub fn edited(&self) -> bool {
        self.updated_at > self.created_at
    }
}

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SummaryInput {
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[schema(min_length = 1, max_length = 20000)]
    pub body: String,
    /// The day of the meeting, YYYY-MM-DD.
    #[schema(format = "date")]
    pub met_on: Option<String>,
}

#[derive(Debug)]
struct Valid {
    title: String,
    body: String,
    met_on: Option<String>,
}

fn validate(input: &SummaryInput) -> Result<Valid> {
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let title = c.take(check_title(&input.title));
    let body = input.body.trim();
    if body.is_empty() {
        c.push("body", "space-summary-body-required");
    } else if body.chars().count() > MAX_BODY_CHARS {
        c.push("body", "space-summary-body-too-long");
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let met_on = match input.met_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => Some(None),
        Some(d) => c
            .take(
                time::Date::parse(d, format)
                    .map_err(|_| Error::invalid("met_on", "guidance-date-invalid")),
            )
            .map(Some),
    };
    let (Some(title), Some(met_on)) = (title, met_on) else { return Err(c.error()) };
    c.finish()?;
    let met_on = match met_on {
        Some(date) => Some(date.format(format).map_err(anyhow::Error::from)?),
        None => None,
    };
    Ok(Valid { title, body: body.to_string(), met_on })
}

const COLUMNS: &str = "id, org_id, space_id, title, body, met_on, author_user_id, \
    author_name AS author, created_at, updated_at";

/// The counsellor writes a summary; the client can read it at once.
pub async fn add(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    input: &SummaryInput,
) -> Result<Summary> {
    if place.role != SpaceRole::Counsellor {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    let v = validate(input)?;
    let t = now();
    let summary = Summary {
        id: new_id(),
        org_id: place.space.org_id.clone(),
        space_id: place.space.id.clone(),
        title: v.title,
        body: v.body,
        met_on: v.met_on,
        author_user_id: actor.user.id.clone(),
        author: actor.user.display_name.clone(),
        created_at: t,
        updated_at: t,
    };
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO space_summaries (org_id, id, space_id, title, body, met_on, author_user_id, author_name, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&summary.org_id)
    .bind(&summary.id)
    .bind(&summary.space_id)
    .bind(&summary.title)
    .bind(&summary.body)
    .bind(&summary.met_on)
    .bind(&summary.author_user_id)
    .bind(&summary.author)
    .bind(t)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    items::added(&mut tx, settings, place, &actor.user.id, t).await?;
    tx.commit().await?;
    items::publish(db, &place.space, items::ItemKind::Summary, &summary.id).await;
    Ok(summary)
}

/// The author edits their summary (another counsellor of the space may not). The client is
/// not notified again: the summary is where it was.
pub async fn update(
    db: &Db,
    actor: &Actor,
    place: &InSpace,
    id: &str,
    input: &SummaryInput,
) -> Result<Summary> {
    if place.role != SpaceRole::Counsellor {
        return Err(Error::Forbidden);
    }
    let existing = get(db, &place.space, id).await?.ok_or(Error::NotFound)?;
    if existing.author_user_id != actor.user.id {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    let v = validate(input)?;
    // Strictly later than before, so an edit in the same second still shows as one.
    let t = now().max(existing.updated_at + 1);
    sqlx::query(
        "UPDATE space_summaries SET title = $1, body = $2, met_on = $3, updated_at = $4
         WHERE org_id = $5 AND space_id = $6 AND id = $7",
    )
    .bind(&v.title)
    .bind(&v.body)
    .bind(&v.met_on)
    .bind(t)
    .bind(&place.space.org_id)
    .bind(&place.space.id)
    .bind(id)
    .execute(db.pool())
    .await?;
    items::publish(db, &place.space, items::ItemKind::Summary, id).await;
    get(db, &place.space, id).await?.ok_or(Error::NotFound)
}

/// The space's summaries, newest meeting first (undated ones by when they were written).
pub async fn list(db: &Db, space: &Space) -> Result<Vec<Summary>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_summaries WHERE org_id = $1 AND space_id = $2
         ORDER BY created_at DESC, id DESC LIMIT 500"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .fetch_all(db.pool())
        .await?)
}

/// One summary of the space.
pub async fn get(db: &Db, space: &Space, id: &str) -> Result<Option<Summary>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_summaries WHERE org_id = $1 AND space_id = $2 AND id = $3"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(body: &str, met_on: Option<&str>) -> SummaryInput {
        SummaryInput {
            title: "Tapaaminen".into(),
            body: body.into(),
            met_on: met_on.map(Into::into),
        }
    }

    #[test]
    fn summaries_are_checked() {
        assert_eq!(
            validate(&input("Sovimme", Some("2026-03-04"))).unwrap().met_on.as_deref(),
            Some("2026-03-04")
        );
        assert_eq!(validate(&input("Sovimme", Some(""))).unwrap().met_on, None);
        assert_eq!(
            validate(&input("Sovimme", Some("2026-02-30"))).unwrap_err().code(),
            "guidance-date-invalid"
        );
        assert_eq!(
            validate(&input("Sovimme", Some("4.3.2026"))).unwrap_err().code(),
            "guidance-date-invalid"
        );
        assert_eq!(validate(&input("  ", None)).unwrap_err().code(), "space-summary-body-required");
        let long = "x".repeat(MAX_BODY_CHARS + 1);
        assert_eq!(
            validate(&input(&long, None)).unwrap_err().code(),
            "space-summary-body-too-long"
        );
    }
}
