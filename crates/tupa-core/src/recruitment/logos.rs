//! The organisation's logo (and optionally a unit's) as stored: the two renditions made by
//! [`super::logo::prepare`] in `recruitment_logos` (`unit_id` '' for the organisation's own).
//! A unit without a logo of its own shows its organisation's.
//!
//! Decoding an image takes memory and CPU time. All decoding at once shares one memory
//! budget, [`DECODE_BUDGET_MIB`]: each upload takes its worst-case share (from the dimensions
//! in its header, known before any pixel is read) and waits until that share is free, off
//! the async threads. A slot count alone was not enough: two slots of the largest images
//! plus their buffers peaked at over 600 MB under eight concurrent uploads.

use serde::Serialize;
use sqlx::FromRow;
use tokio::sync::Semaphore;

use super::logo::{self, Logo, LogoError};
use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::db::{Db, now};
use crate::error::{Error, Result};
use crate::organisations::{Organisation, units};

/// Memory that all logo decoding may use at once, in MiB. The largest accepted image needs
/// most of it, so such uploads are decoded one at a time; ordinary logos many at once.
pub const DECODE_BUDGET_MIB: u32 = 320;
static DECODING: Semaphore = Semaphore::const_new(DECODE_BUDGET_MIB as usize);

/// The most a decode of a `width` × `height` image can hold at once, in MiB: the decoded
/// pixels at the worst case of 16-bit RGBA (8 bytes a pixel) plus the 8-bit RGBA copy the
/// scaling works on (4 bytes a pixel). Never more than the whole budget, so every accepted
/// image can be decoded.
pub fn decode_cost_mib(width: u32, height: u32) -> u32 {
    let bytes = u64::from(width).saturating_mul(u64::from(height)).saturating_mul(8 + 4);
    bytes.div_ceil(1024 * 1024).clamp(1, u64::from(DECODE_BUDGET_MIB)) as u32
}

/// What is known of a stored logo without its bytes.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct LogoInfo {
    /// Empty for the organisation's own logo.
    pub unit_id: String,
    pub content_type: String,
    pub board_width: i64,
    pub board_height: i64,
    pub feed_width: i64,
    pub feed_height: i64,
    pub source_width: i64,
    pub source_height: i64,
    pub uploaded_at: i64,
}

/// Which rendition to serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// 810 × 275 at most: board and ad pages.
    Board,
    /// 144 px wide: feeds.
    Feed,
}

/// Why an upload was refused: the file itself (with a message saying exactly why), or the
/// request (no permission, unknown unit).
#[derive(Debug)]
pub enum UploadError {
    Logo(LogoError),
    Other(Error),
}

impl From<Error> for UploadError {
    fn from(e: Error) -> Self {
        UploadError::Other(e)
    }
}

impl From<sqlx::Error> for UploadError {
    fn from(e: sqlx::Error) -> Self {
        UploadError::Other(e.into())
    }
}

impl From<anyhow::Error> for UploadError {
    fn from(e: anyhow::Error) -> Self {
        UploadError::Other(e.into())
    }
}

/// The stable error code of a refused file, for the API (`logo-too-small`, …).
pub fn code_of(e: &LogoError) -> &'static str {
    e.key().strip_prefix("recruitment-").unwrap_or("unexpected")
}

const INFO: &str = "unit_id, content_type, board_width, board_height, feed_width, feed_height, source_width, source_height, uploaded_at";

/// Checks the unit belongs to the organisation (and is not retired): '' is the organisation.
async fn unit_key(db: &Db, org: &Organisation, unit_id: Option<&str>) -> Result<String> {
    match unit_id.filter(|u| !u.is_empty()) {
        None => Ok(String::new()),
        Some(u) => {
            let unit = units::get(db, &org.id, u).await.map_err(|_| Error::NotFound)?;
            if unit.retired_at.is_some() {
                return Err(Error::NotFound);
            }
            Ok(unit.id)
        }
    }
}

/// Checks and stores an uploaded logo for the organisation (`unit_id` None) or a unit,
/// replacing the one there was.
pub async fn upload(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    unit_id: Option<&str>,
    bytes: Vec<u8>,
) -> std::result::Result<LogoInfo, UploadError> {
    actor.check(Permission::ManageRecruitment, org)?;
    crate::authz::require_capability(db, org, crate::organisations::plans::Capability::Recruitment)
        .await?;
    let unit = unit_key(db, org, unit_id).await?;
    let prepared = prepare(bytes).await?;
    let info = store(db, &org.id, &unit, &prepared).await?;
    let mut tx = db.begin().await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::RecruitmentLogoUploaded,
        Some((audit::Target::Organisation, &org.id)),
        serde_json::json!({"unit_id": unit, "width": prepared.source_width, "height": prepared.source_height}),
    )
    .await?;
    tx.commit().await?;
    Ok(info)
}

/// [`logo::prepare`] within the shared decoding budget, on the blocking pool.
pub async fn prepare(bytes: Vec<u8>) -> std::result::Result<Logo, UploadError> {
    // Cheap checks first, without waiting for the budget: most refusals end here.
    let (_, width, height) = logo::inspect(&bytes).map_err(UploadError::Logo)?;
    let _permit = DECODING
        .acquire_many(decode_cost_mib(width, height))
        .await
        .map_err(|e| UploadError::Other(anyhow::anyhow!(e).into()))?;
    tokio::task::spawn_blocking(move || logo::prepare(&bytes))
        .await
        .map_err(|e| UploadError::Other(anyhow::anyhow!(e).into()))?
        .map_err(|e| match e {
            LogoError::Encode(msg) => {
                UploadError::Other(anyhow::anyhow!("logo rendition: {msg}").into())
            }
            other => UploadError::Logo(other),
        })
}

/// Stores prepared renditions (for `tupa demo` and after [`upload`]'s checks).
pub async fn store(db: &Db, org_id: &str, unit_id: &str, logo: &Logo) -> Result<LogoInfo> {
    super::public_changes::touched(db);
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM recruitment_logos WHERE org_id = $1 AND unit_id = $2")
        .bind(org_id)
        .bind(unit_id)
        .execute(&mut *tx)
        .await?;
    let t = now();
    sqlx::query(
        "INSERT INTO recruitment_logos (org_id, unit_id, content_type, board, board_width, board_height, feed, feed_width, feed_height, source_width, source_height, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(org_id)
    .bind(unit_id)
    .bind(logo.format.content_type())
    .bind(logo.board.bytes.clone())
    .bind(i64::from(logo.board.width))
    .bind(i64::from(logo.board.height))
    .bind(logo.feed.bytes.clone())
    .bind(i64::from(logo.feed.width))
    .bind(i64::from(logo.feed.height))
    .bind(i64::from(logo.source_width))
    .bind(i64::from(logo.source_height))
    .bind(t)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(LogoInfo {
        unit_id: unit_id.to_string(),
        content_type: logo.format.content_type().to_string(),
        board_width: logo.board.width.into(),
        board_height: logo.board.height.into(),
        feed_width: logo.feed.width.into(),
        feed_height: logo.feed.height.into(),
        source_width: logo.source_width.into(),
        source_height: logo.source_height.into(),
        uploaded_at: t,
    })
}

/// Removes the organisation's (`unit_id` None) or a unit's logo. Removing one that is not
/// there is fine.
pub async fn remove(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    unit_id: Option<&str>,
) -> Result<()> {
    super::public_changes::touched(db);
    actor.check(Permission::ManageRecruitment, org)?;
    crate::authz::require_capability(db, org, crate::organisations::plans::Capability::Recruitment)
        .await?;
    let unit = unit_key(db, org, unit_id).await?;
    let mut tx = db.begin().await?;
    let n = sqlx::query("DELETE FROM recruitment_logos WHERE org_id = $1 AND unit_id = $2")
        .bind(&org.id)
        .bind(&unit)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n > 0 {
        audit::record(
            &mut tx,
            Some(&org.id),
            &By::user(&actor.user, ip),
            audit::Action::RecruitmentLogoRemoved,
            Some((audit::Target::Organisation, &org.id)),
            serde_json::json!({"unit_id": unit}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The logos of an organisation: its own first ('' sorts first), then its units'.
pub async fn list(db: &Db, org_id: &str) -> Result<Vec<LogoInfo>> {
    let sql = format!("SELECT {INFO} FROM recruitment_logos WHERE org_id = $1 ORDER BY unit_id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_all(db.pool()).await?)
}

/// The logo shown for the organisation (`unit_id` None) or a unit: the unit's own, else the
/// organisation's.
pub async fn effective(db: &Db, org_id: &str, unit_id: Option<&str>) -> Result<Option<LogoInfo>> {
    let unit = unit_id.unwrap_or("");
    // '' < any unit id, so DESC puts the unit's own first.
    let sql = format!(
        "SELECT {INFO} FROM recruitment_logos WHERE org_id = $1 AND unit_id IN ('', $2) ORDER BY unit_id DESC LIMIT 1"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(unit)
        .fetch_optional(db.pool())
        .await?)
}

/// The bytes of the rendition `size` of the logo shown for the organisation or unit, with
/// its information.
pub async fn image(
    db: &Db,
    org_id: &str,
    unit_id: Option<&str>,
    size: Size,
) -> Result<Option<(LogoInfo, Vec<u8>)>> {
    let Some(info) = effective(db, org_id, unit_id).await? else { return Ok(None) };
    let column = match size {
        Size::Board => "board",
        Size::Feed => "feed",
    };
    let sql = format!("SELECT {column} FROM recruitment_logos WHERE org_id = $1 AND unit_id = $2");
    let bytes: Option<(Vec<u8>,)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(&info.unit_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(bytes.map(|(b,)| (info, b)))
}

#[cfg(test)]
mod budget_tests {
    use super::{DECODE_BUDGET_MIB, decode_cost_mib};
    use crate::recruitment::logo::{MAX_PIXELS, MAX_SIDE, MIN_HEIGHT, MIN_WIDTH};

    #[test]
    fn the_budget_admits_one_largest_image_and_many_ordinary_ones() {
        // The largest accepted image within the pixel limit, near the right aspect ratio.
        let height = ((MAX_PIXELS as f64 * 275.0 / 810.0).sqrt()) as u32;
        let width = (u64::from(height) * 810 / 275).min(u64::from(MAX_SIDE)) as u32;
        assert!(u64::from(width) * u64::from(height) <= MAX_PIXELS);
        let largest = decode_cost_mib(width, height);
        assert!(largest <= DECODE_BUDGET_MIB, "every accepted image fits the budget");
        assert!(2 * largest > DECODE_BUDGET_MIB, "two of the largest never decode at once");
        let ordinary = decode_cost_mib(MIN_WIDTH * 2, MIN_HEIGHT * 2);
        assert!(ordinary * 8 <= DECODE_BUDGET_MIB, "ordinary logos do not queue: {ordinary}");
        // Whatever is claimed, the total never passes the budget: what decoding can hold at
        // once is bounded by DECODE_BUDGET_MIB plus the upload bodies themselves.
        assert_eq!(decode_cost_mib(u32::MAX, u32::MAX), DECODE_BUDGET_MIB);
    }
}
