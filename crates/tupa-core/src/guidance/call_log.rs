//! The record of each video call in a space, for the counsellor's call minutes and reports.
//! The server writes it as the signalling passes (ring, answer, end) with its own clock, so a
//! member's wrong or forged clock cannot change the minutes. A call that was never answered
//! lasted 0 seconds; one whose end the server never saw (a process that died mid-call) keeps
//! no duration rather than a guessed one.

use serde::Serialize;
use sqlx::FromRow;

use super::access::InSpace;
use super::spaces::Space;
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct SpaceCall {
    pub id: String,
    pub space_id: String,
    /// The member who started the call (a user id).
    pub started_by: String,
    /// Their name as shown now.
    pub started_by_name: String,
    pub started_at: i64,
    pub answered_by: Option<String>,
    /// When the call was answered; None: nobody answered (yet).
    pub connected_at: Option<i64>,
    pub ended_at: Option<i64>,
    /// Seconds from answer to end; 0 for an unanswered call; None while it lasts.
    pub duration_seconds: Option<i64>,
}

impl SpaceCall {
    /// Whole minutes and seconds, `m:ss`, for the page.
    pub fn duration_shown(&self) -> String {
        self.duration_seconds.map(shown).unwrap_or_default()
    }
    pub fn answered(&self) -> bool {
        self.connected_at.is_some()
    }
}

/// Seconds as `m:ss` (minutes may pass 59: a call's length, not a time of day).
pub fn shown(seconds: i64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

const COLUMNS: &str = "c.id, c.space_id, c.started_by, COALESCE(u.display_name, '') AS started_by_name, \
     c.started_at, c.answered_by, c.connected_at, c.ended_at, c.duration_seconds";

/// A member starts a call: it rings from now.
pub async fn start(db: &Db, place: &InSpace, user_id: &str) -> Result<String> {
    place.require_write()?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO space_calls (org_id, id, space_id, started_by, started_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&place.space.org_id)
    .bind(&id)
    .bind(&place.space.id)
    .bind(user_id)
    .bind(now())
    .execute(db.pool())
    .await?;
    Ok(id)
}

/// Another member answers a ringing call; it is connected from now. Only once, and never
/// by the caller: a second answer or an answer to an ended call is `call-unavailable`.
pub async fn answer(db: &Db, space: &Space, call_id: &str, user_id: &str) -> Result<()> {
    let done = sqlx::query(
        "UPDATE space_calls SET answered_by = $1, connected_at = $2
         WHERE org_id = $3 AND space_id = $4 AND id = $5
           AND connected_at IS NULL AND ended_at IS NULL AND started_by <> $1",
    )
    .bind(user_id)
    .bind(now())
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(call_id)
    .execute(db.pool())
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(Error::conflict("call", "call-unavailable"))
    }
}

/// Ends a call as of now. While it rings any member may end it (the caller hangs up, or
/// someone declines); once answered only its two parties may. Returns the duration, or
/// None when the call was not this member's to end or had ended already.
pub async fn end(db: &Db, space: &Space, call_id: &str, user_id: &str) -> Result<Option<i64>> {
    let t = now();
    let done = sqlx::query(
        "UPDATE space_calls SET ended_at = $1,
           duration_seconds = CASE WHEN connected_at IS NULL THEN 0 ELSE $1 - connected_at END
         WHERE org_id = $2 AND space_id = $3 AND id = $4 AND ended_at IS NULL
           AND (connected_at IS NULL OR started_by = $5 OR answered_by = $5)",
    )
    .bind(t)
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(call_id)
    .bind(user_id)
    .execute(db.pool())
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    Ok(get(db, space, call_id).await?.and_then(|c| c.duration_seconds))
}

/// One call of the space.
pub async fn get(db: &Db, space: &Space, id: &str) -> Result<Option<SpaceCall>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_calls c LEFT JOIN users u ON u.id = c.started_by
         WHERE c.org_id = $1 AND c.space_id = $2 AND c.id = $3"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?)
}

/// The space's calls, newest first, at most `limit`.
pub async fn list(db: &Db, space: &Space, limit: i64) -> Result<Vec<SpaceCall>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_calls c LEFT JOIN users u ON u.id = c.started_by
         WHERE c.org_id = $1 AND c.space_id = $2 ORDER BY c.started_at DESC, c.id DESC LIMIT $3"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(limit)
        .fetch_all(db.pool())
        .await?)
}

/// The space's call time in total, in seconds (ended calls only).
pub async fn total_seconds(db: &Db, space: &Space) -> Result<i64> {
    let (total,): (Option<i64>,) = sqlx::query_as(
        "SELECT CAST(SUM(duration_seconds) AS BIGINT) FROM space_calls WHERE org_id = $1 AND space_id = $2",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .fetch_one(db.pool())
    .await?;
    Ok(total.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_show_as_minutes_and_seconds() {
        assert_eq!(super::shown(0), "0:00");
        assert_eq!(super::shown(65), "1:05");
        assert_eq!(super::shown(3725), "62:05");
    }
}
