//! Who else has a ticket open: each open ticket page refreshes its mark every few seconds;
//! a mark older than `FRESH_SECS` no longer counts.

use crate::db::{Db, now};
use crate::error::Result;

pub const FRESH_SECS: i64 = 40;

pub async fn seen(db: &Db, org_id: &str, ticket_id: &str, user_id: &str, name: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO ticket_viewers (org_id, ticket_id, user_id, name, seen_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (org_id, ticket_id, user_id) DO UPDATE SET seen_at = $5, name = $4",
    )
    .bind(org_id)
    .bind(ticket_id)
    .bind(user_id)
    .bind(name)
    .bind(now())
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn gone(db: &Db, org_id: &str, ticket_id: &str, user_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM ticket_viewers WHERE org_id = $1 AND ticket_id = $2 AND user_id = $3")
        .bind(org_id)
        .bind(ticket_id)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Names of the other people who have the ticket open.
pub async fn others(db: &Db, org_id: &str, ticket_id: &str, user_id: &str) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT name FROM ticket_viewers WHERE org_id = $1 AND ticket_id = $2 AND user_id <> $3 AND seen_at > $4 ORDER BY name")
        .bind(org_id)
        .bind(ticket_id)
        .bind(user_id)
        .bind(now() - FRESH_SECS)
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
