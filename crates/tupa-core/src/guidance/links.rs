//! Links a counsellor puts in a space for every member to follow. Only http(s) addresses are
//! kept: a `javascript:` or `data:` address in a link would run in our origin when clicked.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::access::{InSpace, SpaceRole};
use super::items;
use super::spaces::Space;
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};

/// Longest title of a link, summary or library material, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest web address kept, in characters (browsers and servers commonly stop near 2 000).
pub const MAX_URL_CHARS: usize = 2_000;

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct SpaceLink {
    pub id: String,
    #[serde(skip)]
    pub org_id: String,
    pub space_id: String,
    pub title: String,
    /// An http or https address.
    pub url: String,
    pub created_at: i64,
}

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewLink {
    /// What the link is, as members see it (1–200 characters).
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// An http or https address (at most 2 000 characters).
    #[schema(min_length = 1, max_length = 2000)]
    pub url: String,
}

/// A trimmed title of 1–[`MAX_TITLE_CHARS`] characters without control characters.
pub fn check_title(input: &str) -> Result<String> {
    let title = input.trim();
    if title.is_empty() {
        return Err(Error::invalid("title", "guidance-title-required"));
    }
    if title.chars().count() > MAX_TITLE_CHARS || title.chars().any(char::is_control) {
        return Err(Error::invalid("title", "guidance-title-too-long"));
    }
    Ok(title.to_string())
}

/// An absolute http(s) address with a host, as the parser normalises it. Anything else —
/// `javascript:`, `data:`, relative paths, addresses with spaces — is refused at `field`.
pub fn check_url(input: &str, field: &'static str) -> Result<String> {
    let s = input.trim();
    let bad = || Error::invalid(field, "guidance-url-invalid");
    if s.is_empty() || s.chars().count() > MAX_URL_CHARS || s.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let url = reqwest::Url::parse(s).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(bad());
    }
    let normalised = url.to_string();
    if normalised.chars().count() > MAX_URL_CHARS {
        return Err(bad());
    }
    Ok(normalised)
}

const COLUMNS: &str = "id, org_id, space_id, title, url, created_at";

/// The counsellor adds a link; every member sees it, the away ones get the mail notice.
pub async fn add(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    place: &InSpace,
    input: &NewLink,
) -> Result<SpaceLink> {
    if place.role != SpaceRole::Counsellor {
        return Err(Error::Forbidden);
    }
    place.require_write()?;
    // Both fields are checked before either is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let title = c.take(check_title(&input.title));
    let url = c.take(check_url(&input.url, "url"));
    let (Some(title), Some(url)) = (title, url) else { return Err(c.error()) };
    let link = SpaceLink {
        id: new_id(),
        org_id: place.space.org_id.clone(),
        space_id: place.space.id.clone(),
        title,
        url,
        created_at: now(),
    };
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO space_links (org_id, id, space_id, title, url, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&link.org_id)
    .bind(&link.id)
    .bind(&link.space_id)
    .bind(&link.title)
    .bind(&link.url)
    .bind(&actor.user.id)
    .bind(link.created_at)
    .execute(&mut *tx)
    .await?;
    items::added(&mut tx, settings, place, &actor.user.id, link.created_at).await?;
    tx.commit().await?;
    items::publish(db, &place.space, items::ItemKind::Link, &link.id).await;
    Ok(link)
}

/// The space's links, newest first.
pub async fn list(db: &Db, space: &Space) -> Result<Vec<SpaceLink>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_links WHERE org_id = $1 AND space_id = $2
         ORDER BY created_at DESC, id DESC LIMIT 500"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&space.org_id)
        .bind(&space.id)
        .fetch_all(db.pool())
        .await?)
}

/// One link of the space (for the live socket, which hears only ids).
pub async fn get(db: &Db, space: &Space, id: &str) -> Result<Option<SpaceLink>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM space_links WHERE org_id = $1 AND space_id = $2 AND id = $3"
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

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(
            check_url(" https://kela.fi/asumistuki ", "url").unwrap(),
            "https://kela.fi/asumistuki"
        );
        assert!(check_url("http://example.fi", "url").is_ok());
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(document.cookie)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "/relative/path",
            "kela.fi",
            "https://",
            "https://exa mple.fi",
            "",
        ] {
            assert_eq!(check_url(bad, "url").unwrap_err().code(), "guidance-url-invalid", "{bad}");
        }
        let long = format!("https://example.fi/{}", "a".repeat(MAX_URL_CHARS));
        assert!(check_url(&long, "url").is_err());
    }

    #[test]
    fn titles_are_bounded() {
        assert_eq!(check_title("  Kelan sivu ").unwrap(), "Kelan sivu");
        assert!(check_title("   ").is_err());
        assert!(check_title(&"ä".repeat(MAX_TITLE_CHARS)).is_ok());
        assert!(check_title(&"ä".repeat(MAX_TITLE_CHARS + 1)).is_err());
    }
}
