//! Saved views: a person's named work-queue filters.

use serde::Serialize;
use sqlx::FromRow;

use crate::authz::{Actor, Permission};
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};
use crate::organisations::{self, Organisation};

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct SavedView {
    pub id: String,
    pub name: String,
    /// The queue's query string, for example `status=waiting&assignee=me`.
    pub query: String,
    pub created_at: i64,
}

pub async fn list(db: &Db, actor: &Actor, org: &Organisation) -> Result<Vec<SavedView>> {
    actor.check(Permission::WorkDesk, org)?;
    Ok(sqlx::query_as("SELECT id, name, query, created_at FROM desk_saved_views WHERE org_id = $1 AND user_id = $2 ORDER BY name")
        .bind(&org.id)
        .bind(&actor.user.id)
        .fetch_all(db.pool())
        .await?)
}

/// Keeps only the filter parameters the queue understands, so a view cannot smuggle anything.
fn clean_query(query: &str) -> String {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.trim_start_matches('?')).unwrap_or_default();
    let kept: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, v)| {
            ["status", "assignee", "category_id", "sla", "q", "sort", "queue_id"]
                .contains(&k.as_str())
                && !v.is_empty()
        })
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

pub async fn save(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    name: &str,
    query: &str,
) -> Result<SavedView> {
    actor.check(Permission::WorkDesk, org)?;
    let name = organisations::parse_name(name, "view_name").map_err(|e| e.at("view_name"))?;
    // A view is a query string of the queue page, bounded as every query string is.
    if query.len() > crate::limits::QUERY_BYTES {
        return Err(Error::invalid("query", "query-too-long"));
    }
    let id = new_id();
    let view = SavedView { id: id.clone(), name, query: clean_query(query), created_at: now() };
    sqlx::query("INSERT INTO desk_saved_views (org_id, id, user_id, name, query, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&org.id)
        .bind(&id)
        .bind(&actor.user.id)
        .bind(&view.name)
        .bind(&view.query)
        .bind(view.created_at)
        .execute(db.pool())
        .await?;
    Ok(view)
}

pub async fn delete(db: &Db, actor: &Actor, org: &Organisation, id: &str) -> Result<()> {
    actor.check(Permission::WorkDesk, org)?;
    let done =
        sqlx::query("DELETE FROM desk_saved_views WHERE org_id = $1 AND id = $2 AND user_id = $3")
            .bind(&org.id)
            .bind(id)
            .bind(&actor.user.id)
            .execute(db.pool())
            .await?;
    if done.rows_affected() == 0 { Err(Error::NotFound) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_queue_filters_are_kept() {
        assert_eq!(
            super::clean_query("?status=waiting&assignee=me&evil=1&q="),
            "status=waiting&assignee=me"
        );
    }
}
