//! Library materials shared into a space. A counsellor shares one of the organisation's
//! client materials; the client opens it (a file downloads, a link is followed) and the first
//! opening is recorded so the counsellor sees that it was opened.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::access::{InSpace, SpaceRole};
use super::items;
use super::library::{self, Audience, Material};
use super::spaces::Space;
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, now};
use crate::error::{Error, Result};

/// A material as shared into a space.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct SharedMaterial {
    #[serde(flatten)]
    #[sqlx(flatten)]
    pub material: Material,
    pub space_id: String,
    pub shared_at: i64,
    /// When the client first opened it.
    pub opened_at: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ShareInput {
    /// A material of the space's organisation's library, for clients.
    #[serde(default)]
    pub material_id: String,
    /// Or an item of the operator's library for clients (`GET /api/v1/materials`): the space
    /// gets its newest version in the sharer's language (or another the item has).
    #[serde(default)]
    pub library_item_id: Option<String>,
}

fn select() -> String {
    format!(
        "SELECT {}, s.space_id, s.shared_at, s.opened_at FROM space_materials s
         JOIN materials m ON m.org_id = s.org_id AND m.id = s.material_id",
        library::COLUMNS
    )
}

/// The counsellor shares a library material into the space. Only the space's own
/// organisation's materials for clients, still in the library, can be shared; any other id
/// is refused as unknown (it reveals nothing of another organisation).
pub async fn share(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    input: &ShareInput,
    lang: crate::i18n::Lang,
) -> Result<SharedMaterial> {
    if place.role != SpaceRole::Counsellor {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    let unknown = || Error::invalid("material_id", "material-unknown");
    let material_id = match input.library_item_id.as_deref().map(str::trim) {
        Some(item) if !item.is_empty() => {
            crate::library::spaces::copy_for_space(db, actor, &place.space.org_id, item, lang)
                .await?
        }
        _ => input.material_id.trim().to_string(),
    };
    let material = library::get(db, &place.space.org_id, &material_id)
        .await?
        .filter(|m| m.retired_at.is_none() && m.audience == Audience::Clients)
        .ok_or_else(unknown)?;
    let t = now();
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "INSERT INTO space_materials (org_id, space_id, material_id, shared_by, shared_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (org_id, space_id, material_id) DO NOTHING",
    )
    .bind(&place.space.org_id)
    .bind(&place.space.id)
    .bind(&material.id)
    .bind(&actor.user.id)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::conflict("material_id", "material-already-shared"));
    }
    items::added(&mut tx, settings, place, &actor.user.id, t).await?;
    tx.commit().await?;
    items::publish(db, &place.space, items::ItemKind::Material, &material.id).await;
    get(db, &place.space, &material.id).await?.ok_or(Error::NotFound)
}

/// The materials of the space, newest first.
pub async fn list(db: &Db, space: &Space) -> Result<Vec<SharedMaterial>> {
    let sql = format!(
        "{} WHERE s.org_id = $1 AND s.space_id = $2 ORDER BY s.shared_at DESC, m.id DESC LIMIT 500",
        select()
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .fetch_all(db.pool())
        .await?)
}

/// One material of the space.
pub async fn get(db: &Db, space: &Space, material_id: &str) -> Result<Option<SharedMaterial>> {
    let sql =
        format!("{} WHERE s.org_id = $1 AND s.space_id = $2 AND s.material_id = $3", select());
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .bind(material_id)
        .fetch_optional(db.pool())
        .await?)
}

/// A member opens a material of the space: NotFound unless it was shared into this space.
/// The client's first opening is recorded; staff looking at it do not count.
pub async fn open(db: &Db, place: &InSpace, material_id: &str) -> Result<SharedMaterial> {
    let shared = get(db, &place.space, material_id)
        .await?
        .filter(|s| place.sees(s.shared_at))
        .ok_or(Error::NotFound)?;
    if place.role == SpaceRole::Client && shared.opened_at.is_none() {
        sqlx::query(
            "UPDATE space_materials SET opened_at = $1
             WHERE org_id = $2 AND space_id = $3 AND material_id = $4 AND opened_at IS NULL",
        )
        .bind(now())
        .bind(&place.space.org_id)
        .bind(&place.space.id)
        .bind(material_id)
        .execute(db.pool())
        .await?;
        items::publish(db, &place.space, items::ItemKind::Material, material_id).await;
        return get(db, &place.space, material_id).await?.ok_or(Error::NotFound);
    }
    Ok(shared)
}
