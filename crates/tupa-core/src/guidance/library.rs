//! The organisation's materials library: files and links with a title and a description,
//! kept by its counsellors and main admins, from which counsellors share materials into
//! spaces. Files follow the desk's upload rules (the same types, judged by name and first
//! bytes, and the same size per file). Each material has an audience: `clients` materials
//! may be shared into spaces; `staff` materials are instructions for the organisation's own
//! people, never shown to a client; `main-admins` materials are for its main admins only (the
//! library the main admins of seed 000 keep). The operator's library for every organisation
//! is `crate::library`.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::links::{check_title, check_url};
use crate::audit::{self, By};
use crate::authz::{Actor, Permission, require_capability};
use crate::db::{Db, new_id, now};
use crate::desk::uploads;
use crate::error::{Error, Result};
use crate::organisations::Organisation;
use crate::organisations::people::Role;
use crate::organisations::plans::Capability;

/// Longest description of a material, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// Largest file in the library: the desk's limit for one attachment.
pub const MAX_FILE_BYTES: usize = uploads::MAX_FILE_BYTES;
/// Most materials listed at once (the library page and API).
const LIST_LIMIT: i64 = 1_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MaterialKind {
    File,
    Link,
}

impl MaterialKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MaterialKind::File => "file",
            MaterialKind::Link => "link",
        }
    }
    pub fn parse(s: &str) -> Result<MaterialKind> {
        match s {
            "file" => Ok(MaterialKind::File),
            "link" => Ok(MaterialKind::Link),
            other => Err(anyhow::anyhow!("unknown material kind {other:?}").into()),
        }
    }
}

impl TryFrom<String> for MaterialKind {
    type Error = Error;
    fn try_from(s: String) -> Result<MaterialKind> {
        MaterialKind::parse(&s)
    }
}

/// Who a material is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Clients: may be shared into guidance spaces.
    #[default]
    Clients,
    /// The organisation's own people (instructions); never shared into a space.
    Staff,
    /// Main admins only (for example the media-release template of seed 000).
    MainAdmins,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Clients => "clients",
            Audience::Staff => "staff",
            Audience::MainAdmins => "main-admins",
        }
    }
    pub fn parse(s: &str) -> Result<Audience> {
        match s {
            "clients" => Ok(Audience::Clients),
            "staff" => Ok(Audience::Staff),
            "main-admins" => Ok(Audience::MainAdmins),
            _ => Err(Error::invalid("audience", "material-audience-invalid")),
        }
    }
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::MainAdmins, Audience::Staff, Audience::Clients];

    /// Whether a reader with these roles in the organisation may see a material for this
    /// audience. Clients' materials are seen by the staff who share them into spaces
    /// (counsellors and main admins); the client reads them in the space.
    pub fn readable_by(self, roles: &[Role]) -> bool {
        let any = |wanted: &[Role]| roles.iter().any(|r| wanted.contains(r));
        match self {
            Audience::MainAdmins => any(&[Role::MainAdmin, Role::PlatformAdmin]),
            Audience::Staff => !roles.is_empty(),
            Audience::Clients => any(&[Role::MainAdmin, Role::Counsellor, Role::PlatformAdmin]),
        }
    }
}

impl TryFrom<String> for Audience {
    type Error = Error;
    fn try_from(s: String) -> Result<Audience> {
        Audience::parse(&s)
    }
}

/// A material of the library, without a file's bytes.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Material {
    pub id: String,
    #[serde(skip)]
    pub org_id: String,
    #[sqlx(try_from = "String")]
    pub kind: MaterialKind,
    #[sqlx(try_from = "String")]
    pub audience: Audience,
    pub title: String,
    pub description: String,
    /// A link's address.
    pub url: Option<String>,
    /// A file's name, type and size in bytes.
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub size: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Removed from the library (spaces it was shared into keep it).
    pub retired_at: Option<i64>,
    /// A copy of this item of the operator's library, shared into a space.
    pub library_item_id: Option<String>,
}

pub(super) const COLUMNS: &str = "m.id, m.org_id, m.kind, m.audience, m.title, m.description, \
    m.url, m.filename, m.content_type, m.size, m.created_at, m.updated_at, m.retired_at, \
    m.library_item_id";

/// A link for the library.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewLinkMaterial {
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// An http or https address.
    #[schema(min_length = 1, max_length = 2000)]
    pub url: String,
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    /// `clients` when left out.
    pub audience: Option<Audience>,
}

/// A file for the library, as the upload form delivers it.
pub struct NewFileMaterial {
    pub title: String,
    pub description: String,
    pub audience: Audience,
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// The organisation `slug` for someone who keeps its materials library (counsellors and
/// main admins) where the plan includes guidance.
pub async fn library_org(db: &Db, actor: &Actor, slug: &str) -> Result<Organisation> {
    let org = actor.organisation(db, slug, Permission::ManageMaterials).await?;
    require_capability(db, &org, Capability::Guidance).await?;
    Ok(org)
}

/// The organisation `slug` for one of its people reading its library (every role; what each
/// reads is filtered by [`Audience::readable_by`]), where the plan includes guidance.
pub async fn reading_org(db: &Db, actor: &Actor, slug: &str) -> Result<Organisation> {
    let org = actor.organisation(db, slug, Permission::ViewOrganisation).await?;
    require_capability(db, &org, Capability::Guidance).await?;
    Ok(org)
}

/// The roles a reader reads the organisation's library with: their own there, and a platform
/// admin's support role everywhere.
pub fn reader_roles(actor: &Actor, org: &Organisation) -> Vec<Role> {
    let mut roles = actor.roles_in(&org.id);
    if actor.is_platform_admin() {
        roles.push(Role::PlatformAdmin);
    }
    roles
}

pub(crate) fn check_description(input: Option<&str>) -> Result<String> {
    let d = input.unwrap_or("").trim();
    if d.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(Error::invalid("description", "material-description-too-long"));
    }
    Ok(d.to_string())
}

/// Checks a file with the desk's rules: its cleaned name, its type judged by name and first
/// bytes, and its size.
pub(crate) fn check_file(filename: &str, bytes: &[u8]) -> Result<(String, &'static str)> {
    let filename = uploads::clean_filename(filename);
    if bytes.is_empty() {
        return Err(Error::invalid("file", "material-file-required"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::invalid("file", "attachment-too-large"));
    }
    let content_type = uploads::sniff(&filename, bytes)
        .ok_or(Error::invalid("file", "attachment-type-not-allowed"))?;
    Ok((filename, content_type))
}

pub async fn add_link(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    input: &NewLinkMaterial,
) -> Result<Material> {
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let title = c.take(check_title(&input.title));
    let url = c.take(check_url(&input.url, "url"));
    let description = c.take(check_description(input.description.as_deref()));
    let (Some(title), Some(url), Some(description)) = (title, url, description) else {
        return Err(c.error());
    };
    let audience = input.audience.unwrap_or_default();
    let (id, t) = (new_id(), now());
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO materials (org_id, id, kind, audience, title, description, url, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&org.id)
    .bind(&id)
    .bind(MaterialKind::Link.as_str())
    .bind(audience.as_str())
    .bind(&title)
    .bind(&description)
    .bind(&url)
    .bind(&actor.user.id)
    .bind(t)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    record(&mut tx, actor, org, crate::audit::Action::MaterialAdded, &id).await?;
    tx.commit().await?;
    get(db, &org.id, &id).await?.ok_or(Error::NotFound)
}

pub async fn add_file(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    input: NewFileMaterial,
) -> Result<Material> {
    let mut c = crate::error::Checks::new();
    let title = c.take(check_title(&input.title));
    let description = c.take(check_description(Some(&input.description)));
    let file = c.take(check_file(&input.filename, &input.bytes));
    let (Some(title), Some(description), Some((filename, content_type))) =
        (title, description, file)
    else {
        return Err(c.error());
    };
    let (id, t) = (new_id(), now());
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO materials (org_id, id, kind, audience, title, description, filename, content_type, size, content, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&org.id)
    .bind(&id)
    .bind(MaterialKind::File.as_str())
    .bind(input.audience.as_str())
    .bind(&title)
    .bind(&description)
    .bind(&filename)
    .bind(content_type)
    .bind(input.bytes.len() as i64)
    .bind(input.bytes)
    .bind(&actor.user.id)
    .bind(t)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    record(&mut tx, actor, org, crate::audit::Action::MaterialAdded, &id).await?;
    tx.commit().await?;
    get(db, &org.id, &id).await?.ok_or(Error::NotFound)
}

async fn record(
    tx: &mut crate::db::Tx,
    actor: &Actor,
    org: &Organisation,
    action: crate::audit::Action,
    id: &str,
) -> Result<()> {
    audit::record(
        tx,
        Some(&org.id),
        &By::user(&actor.user, None),
        action,
        Some((audit::Target::Material, id)),
        serde_json::json!({}),
    )
    .await
}

/// The library as it stands (removed materials and copies of the operator's items shared
/// into spaces left out), by title.
pub async fn list(db: &Db, org_id: &str) -> Result<Vec<Material>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM materials m WHERE m.org_id = $1 AND m.retired_at IS NULL
           AND m.library_item_id IS NULL
         ORDER BY m.title, m.id LIMIT {LIST_LIMIT}"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_all(db.pool()).await?)
}

/// One material of the organisation, removed ones included.
pub async fn get(db: &Db, org_id: &str, id: &str) -> Result<Option<Material>> {
    let sql = format!("SELECT {COLUMNS} FROM materials m WHERE m.org_id = $1 AND m.id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?)
}

/// A file material's bytes.
pub async fn content(db: &Db, org_id: &str, id: &str) -> Result<Option<Vec<u8>>> {
    let row: Option<(Option<Vec<u8>>,)> =
        sqlx::query_as("SELECT content FROM materials WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.and_then(|(c,)| c))
}

/// Removes a material from the library; spaces it was shared into keep it.
pub async fn retire(db: &Db, actor: &Actor, org: &Organisation, id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE materials SET retired_at = $1 WHERE org_id = $2 AND id = $3 AND retired_at IS NULL",
    )
    .bind(now())
    .bind(&org.id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    record(&mut tx, actor, org, crate::audit::Action::MaterialRemoved, id).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_follow_the_desk_rules() {
        assert_eq!(
            check_file("../opas.pdf", b"%PDF-1.7").unwrap(),
            ("opas.pdf".into(), "application/pdf")
        );
        assert_eq!(
            check_file("opas.pdf", b"MZ\x90").unwrap_err().code(),
            "attachment-type-not-allowed"
        );
        assert_eq!(
            check_file("opas.html", b"<script>").unwrap_err().code(),
            "attachment-type-not-allowed"
        );
        assert_eq!(check_file("opas.pdf", b"").unwrap_err().code(), "material-file-required");
        let big = [b"%PDF-".as_slice(), &vec![0u8; MAX_FILE_BYTES]].concat();
        assert_eq!(check_file("opas.pdf", &big).unwrap_err().code(), "attachment-too-large");
        assert!(check_description(Some(&"a".repeat(MAX_DESCRIPTION_CHARS + 1))).is_err());
    }
}
