//! Client feedback: a score of 1–5 and free text, after a meeting (when the counsellor asks,
//! or whenever the client wishes) and once at closing.
//!
//! Anonymous by construction, not by a filter in reports: a feedback row holds no user, no
//! space and only the day (its id is random, not time-ordered), so neither a report nor
//! anyone reading the table can link it to a client through the space's other records. What
//! it keeps is what reports count by: the organisation, the space's responsible counsellor
//! and the day. The counsellor sees in the space only that feedback was given (how many
//! times, and whether at closing), never the score or the text.

use serde::{Deserialize, Serialize};

use super::access::{InSpace, SpaceRole, SpaceStatus};
use super::followups;
use crate::db::{Db, now};
use crate::error::{Error, Result};

/// The free text, in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;
const DAY_SECS: i64 = 24 * 3600;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Occasion {
    /// After a meeting, asked for or not; any number of times.
    Meeting,
    /// When the space is closed; once.
    Closing,
}

impl Occasion {
    pub fn as_str(self) -> &'static str {
        match self {
            Occasion::Meeting => "meeting",
            Occasion::Closing => "closing",
        }
    }
    pub fn parse(s: &str) -> Result<Occasion> {
        match s {
            "meeting" => Ok(Occasion::Meeting),
            "closing" => Ok(Occasion::Closing),
            _ => Err(Error::invalid("occasion", "feedback-occasion-invalid")),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NewFeedback {
    pub occasion: Occasion,
    /// 1 (poor) – 5 (excellent).
    #[schema(minimum = 1, maximum = 5)]
    pub score: i64,
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// What the space's members see of feedback: that it was given, not what.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct FeedbackStatus {
    /// When the counsellor asked for feedback, if not given since.
    pub asked_at: Option<i64>,
    pub meeting_count: i64,
    pub closing_given: bool,
    /// Whether the client may give closing feedback now (the space is closed and they have
    /// not yet).
    pub closing_open: bool,
}

pub async fn status(db: &Db, place: &InSpace) -> Result<FeedbackStatus> {
    let f = followups::get(db, &place.space).await?;
    Ok(FeedbackStatus {
        asked_at: f.feedback_asked_at,
        meeting_count: f.meeting_feedback_count,
        closing_given: f.closing_feedback_count > 0,
        closing_open: place.space.status == SpaceStatus::Closed && f.closing_feedback_count == 0,
    })
}

/// The counsellor asks the client for feedback on the meeting.
pub async fn ask(db: &Db, place: &InSpace) -> Result<FeedbackStatus> {
    if place.role != SpaceRole::Counsellor {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    let mut tx = db.begin().await?;
    followups::ensure(&mut tx, &place.space).await?;
    sqlx::query(
        "UPDATE space_followups SET feedback_asked_at = $1 WHERE org_id = $2 AND space_id = $3",
    )
    .bind(now())
    .bind(&place.space.org_id)
    .bind(&place.space.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    status(db, place).await
}

/// The client gives feedback. Stored without any link to them (see the module).
pub async fn give(db: &Db, place: &InSpace, input: &NewFeedback) -> Result<FeedbackStatus> {
    if place.role != SpaceRole::Client {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let space = &place.space;
    if input.occasion == Occasion::Closing && space.status != SpaceStatus::Closed {
        c.push("occasion", "feedback-closing-not-closed");
    }
    if !(1..=5).contains(&input.score) {
        c.push("score", "feedback-score-invalid");
    }
    let comment = input.comment.as_deref().unwrap_or("").trim().to_string();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        c.push("comment", "feedback-comment-too-long");
    }
    c.finish()?;
    let mut tx = db.begin().await?;
    followups::ensure(&mut tx, space).await?;
    // The count is the space's only trace, and for closing also the once-only guard: of two
    // submissions at once, one changes the row and the other is refused.
    let counted = match input.occasion {
        Occasion::Meeting => sqlx::query(
            "UPDATE space_followups SET meeting_feedback_count = meeting_feedback_count + 1,
               feedback_asked_at = NULL WHERE org_id = $1 AND space_id = $2",
        ),
        Occasion::Closing => sqlx::query(
            "UPDATE space_followups SET closing_feedback_count = 1
             WHERE org_id = $1 AND space_id = $2 AND closing_feedback_count = 0",
        ),
    }
    .bind(&space.org_id)
    .bind(&space.id)
    .execute(&mut *tx)
    .await?;
    if counted.rows_affected() == 0 {
        return Err(Error::conflict("occasion", "feedback-already-given"));
    }
    let t = now();
    sqlx::query(
        "INSERT INTO guidance_feedback (org_id, id, occasion, score, comment, counsellor_id, given_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&space.org_id)
    // Random, not UUIDv7: a time-ordered id would tell the moment the day hides.
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(input.occasion.as_str())
    .bind(input.score)
    .bind(&comment)
    .bind(&space.created_by)
    .bind(t - t.rem_euclid(DAY_SECS))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    status(db, place).await
}

/// Feedback of an organisation per counsellor and occasion in a period (for reports):
/// (counsellor id, occasion, count, sum of scores), for days in `from..until`.
pub async fn counts(
    db: &Db,
    org_id: &str,
    from: i64,
    until: i64,
) -> Result<Vec<(String, String, i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT counsellor_id, occasion, COUNT(*), CAST(SUM(score) AS BIGINT) FROM guidance_feedback
         WHERE org_id = $1 AND given_on >= $2 AND given_on < $3
         GROUP BY counsellor_id, occasion ORDER BY counsellor_id, occasion",
    )
    .bind(org_id)
    .bind(from)
    .bind(until)
    .fetch_all(db.pool())
    .await?)
}
