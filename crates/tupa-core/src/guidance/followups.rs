//! What a counsellor set for a space beyond its conversation: which meter it uses, and when
//! the client was asked to answer the meter or to give feedback; with, without any content,
//! how often feedback was given (the counsellor sees that it was, never what or when).

use serde::Serialize;
use sqlx::FromRow;

use super::spaces::Space;
use crate::db::{Db, Tx};
use crate::error::Result;

#[derive(Clone, Debug, Default, FromRow, Serialize, utoipa::ToSchema)]
pub struct Followup {
    /// The meter the space uses; None: the organisation's default.
    pub meter_id: Option<String>,
    /// When the counsellor last asked the client to answer the meter (cleared by an answer).
    pub meter_asked_at: Option<i64>,
    /// When the counsellor last asked for feedback (cleared when it is given).
    pub feedback_asked_at: Option<i64>,
    pub meeting_feedback_count: i64,
    pub closing_feedback_count: i64,
}

pub async fn get(db: &Db, space: &Space) -> Result<Followup> {
    let row: Option<Followup> = sqlx::query_as(
        "SELECT meter_id, meter_asked_at, feedback_asked_at, meeting_feedback_count, closing_feedback_count
         FROM space_followups WHERE org_id = $1 AND space_id = $2",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.unwrap_or_default())
}

/// Makes sure the space has its row, so that updates can be conditional.
pub async fn ensure(tx: &mut Tx, space: &Space) -> Result<()> {
    sqlx::query(
        "INSERT INTO space_followups (org_id, space_id) VALUES ($1, $2)
         ON CONFLICT (org_id, space_id) DO NOTHING",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
