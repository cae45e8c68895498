//! Sharing the operator's client items into guidance spaces. The space gets a copy in its
//! organisation's `materials` (the newest version, in the sharer's language or the first other
//! one the version has): everything a space does with a material — listing, the client
//! opening it, the archive ZIP, the data request export, deletion with the space — then works
//! unchanged, and the space keeps what was shared after the operator adds a version or
//! retires the item. Copies are marked with the item, version and language they came from,
//! reused for the next space, and left out of the organisation's own library lists.

use super::{Download, download, get};
use crate::audit::{self, By};
use crate::authz::Actor;
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};
use crate::guidance::library::{Audience, MaterialKind};
use crate::i18n::Lang;

/// The id of the organisation's copy of item `item_id` for sharing, made on first use. An
/// item the actor may not read, not for clients, retired or unknown: `material-unknown`.
pub async fn copy_for_space(
    db: &Db,
    actor: &Actor,
    org_id: &str,
    item_id: &str,
    lang: Lang,
) -> Result<String> {
    let unknown = || Error::invalid("material_id", "material-unknown");
    let item = match get(db, actor, item_id, lang).await {
        Ok(item) if item.audience == Audience::Clients => item,
        Ok(_) | Err(Error::NotFound) => return Err(unknown()),
        Err(e) => return Err(e),
    };
    let shown = item.shown.clone().ok_or_else(unknown)?;
    let version = item.newest_version;
    let file_lang = shown.lang.0;
    let existing: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM materials WHERE org_id = $1 AND library_item_id = $2 AND library_version = $3 AND library_lang = $4",
    )
    .bind(org_id)
    .bind(&item.id)
    .bind(version)
    .bind(file_lang.code())
    .fetch_optional(db.pool())
    .await?;
    if let Some((id,)) = existing {
        return Ok(id);
    }
    let (url, filename, content_type, bytes) =
        match download(db, actor, &item.id, Some(version), Some(file_lang), lang).await? {
            Download::Link(url) => (Some(url), None, None, None),
            Download::File { filename, content_type, bytes } => {
                (None, Some(filename), Some(content_type), Some(bytes))
            }
        };
    let kind = if url.is_some() { MaterialKind::Link } else { MaterialKind::File };
    let (id, t) = (new_id(), now());
    let title = super::title_in(
        &item.title_fi,
        item.title_sv.as_deref(),
        item.title_en.as_deref(),
        file_lang,
    );
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO materials (org_id, id, kind, audience, title, description, url, filename, content_type, size, content, created_by, created_at, updated_at, library_item_id, library_version, library_lang)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(kind.as_str())
    .bind(Audience::Clients.as_str())
    .bind(&title)
    .bind(&item.description)
    .bind(url)
    .bind(filename)
    .bind(content_type)
    .bind(bytes.as_ref().map(|b| b.len() as i64))
    .bind(bytes)
    .bind(&actor.user.id)
    .bind(t)
    .bind(t)
    .bind(&item.id)
    .bind(version)
    .bind(file_lang.code())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(org_id),
        &By::user(&actor.user, None),
        audit::Action::LibraryItemCopied,
        Some((audit::Target::Material, &id)),
        serde_json::json!({"library_item": item.id, "version": version, "lang": file_lang.code()}),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
