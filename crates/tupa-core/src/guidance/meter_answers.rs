//! The client's answers to the life-situation meter in a space, again and again (before,
//! during, after) to show change; and the counsellor's choice of the space's meter.
//!
//! Only the client answers: the meter is the client's own view of their life, so an answer
//! the counsellor entered would not be one. The counsellor (and a consented professional) read
//! the answers; the counsellor chooses the meter and may ask the client to answer.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::access::{InSpace, SpaceRole};
use super::followups;
use super::meter::{self, Instrument};
use super::spaces::Space;
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};

/// The comment of one answer set, in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;
/// Answer sets shown and listed per space (the newest; years of monthly answers fit).
pub const LIST_LIMIT: i64 = 200;

/// One answer set: a value per area of the meter, with an optional comment.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct MeterAnswer {
    pub id: String,
    pub meter_id: String,
    /// Area key → value on the meter's scale.
    pub values: BTreeMap<String, i64>,
    pub comment: String,
    pub created_at: i64,
}

/// What the client sends.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewAnswer {
    /// The meter the space uses (see `GET /api/v1/spaces/{id}/meter`).
    #[schema(max_length = 64)]
    pub meter_id: String,
    /// A value for every area of the meter, keyed by area key.
    pub values: BTreeMap<String, i64>,
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// The meter of a space as its members see it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SpaceMeter {
    pub meter: Instrument,
    /// Whether the counsellor chose it (false: the organisation's default).
    pub chosen: bool,
    /// When the client was asked to answer, if the request is still open.
    pub asked_at: Option<i64>,
}

/// The counsellor's choice.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct MeterChoice {
    /// An instrument of `GET /api/v1/orgs/{org}/meters`; left out: the organisation's default.
    #[schema(max_length = 64)]
    pub meter_id: Option<String>,
    /// Ask the client to answer now (they see the request in the space).
    #[serde(default)]
    pub ask: bool,
}

pub async fn space_meter(db: &Db, place: &InSpace) -> Result<SpaceMeter> {
    let f = followups::get(db, &place.space).await?;
    let chosen = match &f.meter_id {
        Some(id) => meter::get(db, &place.org, id).await?,
        None => None,
    };
    Ok(match chosen {
        Some(meter) => SpaceMeter { meter, chosen: true, asked_at: f.meter_asked_at },
        None => SpaceMeter {
            meter: meter::org_default(db, &place.org).await?,
            chosen: false,
            asked_at: f.meter_asked_at,
        },
    })
}

/// The counsellor sets the space's meter and may ask the client to answer.
pub async fn choose(db: &Db, place: &InSpace, choice: &MeterChoice) -> Result<SpaceMeter> {
    if place.role != SpaceRole::Counsellor {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    let meter_id = choice.meter_id.as_deref().map(str::trim).filter(|m| !m.is_empty());
    if let Some(id) = meter_id
        && meter::get(db, &place.org, id).await?.is_none()
    {
        return Err(Error::invalid("meter_id", "meter-unknown"));
    }
    let space = &place.space;
    let mut tx = db.begin().await?;
    followups::ensure(&mut tx, space).await?;
    sqlx::query(
        "UPDATE space_followups SET meter_id = $1,
           meter_asked_at = CASE WHEN $2 = 1 THEN $3 ELSE meter_asked_at END
         WHERE org_id = $4 AND space_id = $5",
    )
    .bind(meter_id)
    .bind(i64::from(choice.ask))
    .bind(now())
    .bind(&space.org_id)
    .bind(&space.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    space_meter(db, place).await
}

/// The client answers the space's meter: a value inside the scale for every area, nothing
/// else. Clears an open request to answer.
pub async fn answer(
    db: &Db,
    place: &InSpace,
    user_id: &str,
    input: &NewAnswer,
) -> Result<MeterAnswer> {
    if place.role != SpaceRole::Client {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    let current = space_meter(db, place).await?.meter;
    // Only the space's meter: an answer to another would never show in the space's chart.
    if input.meter_id != current.id {
        return Err(Error::invalid("meter_id", "meter-unknown"));
    }
    let d = &current.definition;
    // The values and the comment are both checked before either is refused.
    let mut c = crate::error::Checks::new();
    if input.values.keys().any(|k| d.area(k).is_none()) {
        c.push("values", "meter-area-unknown");
    }
    for area in &d.areas {
        match input.values.get(&area.key) {
            None => c.push("values", "meter-value-missing"),
            Some(v) if *v < d.scale.min || *v > d.scale.max => {
                c.push("values", "meter-value-out-of-range")
            }
            Some(_) => {}
        }
    }
    let comment = input.comment.as_deref().unwrap_or("").trim().to_string();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        c.push("comment", "meter-comment-too-long");
    }
    c.finish()?;
    let space = &place.space;
    let answer = MeterAnswer {
        id: new_id(),
        meter_id: current.id.clone(),
        values: input.values.clone(),
        comment,
        created_at: now(),
    };
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO meter_answers (org_id, id, space_id, meter_id, answer_values, comment, answered_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&space.org_id)
    .bind(&answer.id)
    .bind(&space.id)
    .bind(&answer.meter_id)
    .bind(serde_json::to_string(&answer.values).map_err(anyhow::Error::from)?)
    .bind(&answer.comment)
    .bind(user_id)
    .bind(answer.created_at)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE space_followups SET meter_asked_at = NULL WHERE org_id = $1 AND space_id = $2",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(answer)
}

/// The space's answer sets, oldest first (the newest [`LIST_LIMIT`]).
pub async fn list(db: &Db, space: &Space) -> Result<Vec<MeterAnswer>> {
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, meter_id, answer_values, comment, created_at FROM (
           SELECT * FROM meter_answers WHERE org_id = $1 AND space_id = $2
           ORDER BY created_at DESC, id DESC LIMIT $3) newest ORDER BY created_at, id",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(LIST_LIMIT)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|(id, meter_id, values, comment, created_at)| {
            let values = serde_json::from_str(&values)
                .map_err(|e| anyhow::anyhow!("stored meter answer {id} unreadable: {e}"))?;
            Ok(MeterAnswer { id, meter_id, values, comment, created_at })
        })
        .collect()
}
