//! The operator's instructions and materials library (issue 9): documents, templates and
//! links the operator publishes for the people of EVERY organisation, per audience (main
//! admins, staff, clients; `guidance::library::Audience`). One item has a file or link per
//! language (fi/sv/en); a reader gets theirs, or another language with a note. Items are
//! versioned: a new version is a new set of language files, the older ones stay listed and
//! downloadable, the newest is shown. Files follow the desk's upload rules. Each organisation's
//! own library stays in `guidance::library`. Titles are in fi/sv/en (fi required, the others
//! falling back to it). Client items can be shared into guidance spaces (`library::spaces`);
//! a retired item leaves every list but stays in the spaces that have it.

pub mod spaces;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::audit::{self, By};
use crate::authz::{Actor, PlatformPermission};
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};
use crate::guidance::library::{Audience, MaterialKind, check_description, check_file};
use crate::guidance::links::{check_title, check_url};
use crate::i18n::Lang;
use crate::organisations::people::Role;

/// Largest JSON body of a new item or version: one file per language, base64-encoded (a third
/// more than their size), and the texts.
pub const MAX_API_BODY_BYTES: usize =
    3 * crate::guidance::library::MAX_FILE_BYTES / 3 * 4 + 1024 * 1024;
/// Most items listed at once.
const LIST_LIMIT: i64 = 1_000;

/// An item as its reader sees it: the newest version in their language, and every version.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct LibraryItem {
    pub id: String,
    pub audience: Audience,
    /// In the reader's language, or the Finnish title when the item has none in theirs.
    pub title: String,
    pub title_fi: String,
    pub title_sv: Option<String>,
    pub title_en: Option<String>,
    pub description: String,
    pub newest_version: i64,
    /// The newest version in the reader's language, or in another with `fallback: true`.
    pub shown: Option<LibraryFile>,
    /// Every version, newest first.
    pub versions: Vec<LibraryVersion>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct LibraryVersion {
    pub version: i64,
    pub created_at: i64,
    /// One per language the version has, in the order fi, sv, en.
    pub files: Vec<LibraryFile>,
}

/// One language of one version, without its bytes.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct LibraryFile {
    #[serde(skip)]
    pub item_id: String,
    pub version: i64,
    #[sqlx(try_from = "String")]
    pub lang: LangCode,
    #[sqlx(try_from = "String")]
    pub kind: MaterialKind,
    pub url: Option<String>,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub size: Option<i64>,
    pub created_at: i64,
    /// Not in the reader's language: the page says so.
    #[sqlx(skip)]
    pub fallback: bool,
}

/// A language as stored (a thin wrapper so rows decode into [`Lang`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct LangCode(pub Lang);

impl TryFrom<String> for LangCode {
    type Error = Error;
    fn try_from(s: String) -> Result<LangCode> {
        Lang::parse(&s).map(LangCode).ok_or_else(|| anyhow::anyhow!("unknown lang {s:?}").into())
    }
}

/// A new item with its first version.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewItem {
    /// The Finnish title (and the fallback).
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[schema(max_length = 200)]
    pub title_sv: Option<String>,
    #[schema(max_length = 200)]
    pub title_en: Option<String>,
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    pub audience: Audience,
    /// One file or link per language, at least one.
    #[schema(min_items = 1, max_items = 3)]
    pub files: Vec<NewFile>,
}

/// A new version of an item: its files or links per language.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewVersion {
    #[schema(min_items = 1, max_items = 3)]
    pub files: Vec<NewFile>,
}

/// One language of a version: a file (`filename` and `content_base64`) or a link (`url`).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewFile {
    pub lang: Lang,
    #[schema(max_length = 2000)]
    pub url: Option<String>,
    #[schema(max_length = 255)]
    pub filename: Option<String>,
    /// The file's bytes, base64 (standard alphabet, padded).
    pub content_base64: Option<String>,
    /// Bytes already decoded (the page's upload form); never from JSON.
    #[serde(skip)]
    #[schema(ignore)]
    pub bytes: Option<Vec<u8>>,
}

/// A checked language file, ready to store.
struct Checked {
    lang: Lang,
    kind: MaterialKind,
    url: Option<String>,
    filename: Option<String>,
    content_type: Option<&'static str>,
    bytes: Option<Vec<u8>>,
}

fn check_files(files: Vec<NewFile>) -> Result<Vec<Checked>> {
    use base64::Engine;
    if files.is_empty() {
        return Err(Error::invalid("files", "library-file-required"));
    }
    let mut out: Vec<Checked> = vec![];
    for f in files {
        if out.iter().any(|c| c.lang == f.lang) {
            return Err(Error::invalid("files", "library-language-twice"));
        }
        let bytes = match (f.bytes, f.content_base64.as_deref()) {
            (Some(b), _) => Some(b),
            (None, Some(b64)) => Some(
                base64::engine::general_purpose::STANDARD
                    .decode(b64.trim())
                    .map_err(|_| Error::invalid("files", "attachment-encoding-invalid"))?,
            ),
            (None, None) => None,
        };
        let url = f.url.filter(|u| !u.trim().is_empty());
        let checked = match (bytes, url) {
            (Some(_), Some(_)) => return Err(Error::invalid("files", "library-file-or-link")),
            (None, None) => return Err(Error::invalid("files", "library-file-or-link")),
            (None, Some(url)) => Checked {
                lang: f.lang,
                kind: MaterialKind::Link,
                url: Some(check_url(&url, "files")?),
                filename: None,
                content_type: None,
                bytes: None,
            },
            (Some(bytes), None) => {
                let (filename, content_type) =
                    check_file(f.filename.as_deref().unwrap_or("file"), &bytes)
                        .map_err(|e| e.at("files"))?;
                Checked {
                    lang: f.lang,
                    kind: MaterialKind::File,
                    url: None,
                    filename: Some(filename),
                    content_type: Some(content_type),
                    bytes: Some(bytes),
                }
            }
        };
        out.push(checked);
    }
    Ok(out)
}

/// The operator publishes: platform admins only.
pub fn require_publisher(actor: &Actor) -> Result<()> {
    actor.require_platform(PlatformPermission::PublishMaterials)
}

/// Every role the actor holds anywhere: the operator's library is for every organisation, so a
/// main admin of any organisation reads what is for main admins.
pub fn reader_roles(actor: &Actor) -> Vec<Role> {
    let mut roles: Vec<Role> = actor.memberships.iter().map(|m| m.role).collect();
    roles.sort();
    roles.dedup();
    roles
}

pub async fn publish(db: &Db, actor: &Actor, input: NewItem) -> Result<String> {
    require_publisher(actor)?;
    let title = check_title(&input.title)?;
    let other = |t: Option<&str>, field: &'static str| -> Result<Option<String>> {
        match t.map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(None),
            Some(t) => check_title(t).map(Some).map_err(|e| e.at(field)),
        }
    };
    let title_sv = other(input.title_sv.as_deref(), "title_sv")?;
    let title_en = other(input.title_en.as_deref(), "title_en")?;
    let description = check_description(input.description.as_deref())?;
    let files = check_files(input.files)?;
    let (id, t) = (new_id(), now());
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO library_items (id, audience, title, title_sv, title_en, description, newest_version, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9)",
    )
    .bind(&id)
    .bind(input.audience.as_str())
    .bind(&title)
    .bind(&title_sv)
    .bind(&title_en)
    .bind(&description)
    .bind(&actor.user.id)
    .bind(t)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    store_files(&mut tx, actor, &id, 1, files, t).await?;
    record(&mut tx, actor, crate::audit::Action::LibraryItemPublished, &id, 1).await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a new version; the older ones are kept.
pub async fn add_version(db: &Db, actor: &Actor, id: &str, input: NewVersion) -> Result<i64> {
    require_publisher(actor)?;
    let files = check_files(input.files)?;
    let t = now();
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE library_items SET newest_version = newest_version + 1, updated_at = $1
         WHERE id = $2 AND retired_at IS NULL",
    )
    .bind(t)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    let (version,): (i64,) =
        sqlx::query_as("SELECT newest_version FROM library_items WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    store_files(&mut tx, actor, id, version, files, t).await?;
    record(&mut tx, actor, crate::audit::Action::LibraryVersionAdded, id, version).await?;
    tx.commit().await?;
    Ok(version)
}

async fn store_files(
    tx: &mut crate::db::Tx,
    actor: &Actor,
    id: &str,
    version: i64,
    files: Vec<Checked>,
    t: i64,
) -> Result<()> {
    for f in files {
        sqlx::query(
            "INSERT INTO library_files (item_id, version, lang, kind, url, filename, content_type, size, content, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(id)
        .bind(version)
        .bind(f.lang.code())
        .bind(f.kind.as_str())
        .bind(f.url)
        .bind(f.filename)
        .bind(f.content_type)
        .bind(f.bytes.as_ref().map(|b| b.len() as i64))
        .bind(f.bytes)
        .bind(&actor.user.id)
        .bind(t)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn record(
    tx: &mut crate::db::Tx,
    actor: &Actor,
    action: crate::audit::Action,
    id: &str,
    version: i64,
) -> Result<()> {
    audit::record(
        tx,
        None,
        &By::user(&actor.user, None),
        action,
        Some((audit::Target::LibraryItem, id)),
        serde_json::json!({"version": version}),
    )
    .await
}

#[derive(FromRow)]
struct ItemRow {
    id: String,
    #[sqlx(try_from = "String")]
    audience: Audience,
    title: String,
    title_sv: Option<String>,
    title_en: Option<String>,
    description: String,
    newest_version: i64,
    created_at: i64,
    updated_at: i64,
}

const ITEM_COLUMNS: &str =
    "id, audience, title, title_sv, title_en, description, newest_version, created_at, updated_at";

/// The title in `lang`, else the Finnish one.
pub fn title_in(fi: &str, sv: Option<&str>, en: Option<&str>, lang: Lang) -> String {
    let own = match lang {
        Lang::Fi => None,
        Lang::Sv => sv,
        Lang::En => en,
    };
    own.filter(|t| !t.is_empty()).unwrap_or(fi).to_string()
}

/// Retires an item (platform admins): it leaves every list and can no longer be read or
/// shared, but the spaces it was shared into keep their copy.
pub async fn retire(db: &Db, actor: &Actor, id: &str) -> Result<()> {
    require_publisher(actor)?;
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE library_items SET retired_at = $1 WHERE id = $2 AND retired_at IS NULL",
    )
    .bind(now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    record(&mut tx, actor, crate::audit::Action::LibraryItemRetired, id, 0).await?;
    tx.commit().await?;
    Ok(())
}
const FILE_COLUMNS: &str =
    "item_id, version, lang, kind, url, filename, content_type, size, created_at";

/// The items the actor may read, by title, each with its versions, in the reader's language.
pub async fn list(db: &Db, actor: &Actor, lang: Lang) -> Result<Vec<LibraryItem>> {
    let roles = reader_roles(actor);
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM library_items WHERE retired_at IS NULL
         ORDER BY title, id LIMIT {LIST_LIMIT}"
    );
    let rows: Vec<ItemRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(db.pool()).await?;
    let rows: Vec<ItemRow> = rows.into_iter().filter(|r| r.audience.readable_by(&roles)).collect();
    let sql = format!(
        "SELECT {FILE_COLUMNS} FROM library_files f
         WHERE EXISTS (SELECT 1 FROM library_items i WHERE i.id = f.item_id AND i.retired_at IS NULL)
         ORDER BY item_id, version DESC"
    );
    let files: Vec<LibraryFile> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(db.pool()).await?;
    let mut items: Vec<LibraryItem> = rows
        .into_iter()
        .map(|r| {
            let own = files.iter().filter(|f| f.item_id == r.id).cloned().collect();
            assemble(r, own, lang)
        })
        .collect();
    // By the title the reader sees.
    items.sort_by(|a, b| a.title.to_lowercase().cmp(&b.title.to_lowercase()).then(a.id.cmp(&b.id)));
    Ok(items)
}

/// One item the actor may read; anyone else, an unknown or a removed item: `NotFound`.
pub async fn get(db: &Db, actor: &Actor, id: &str, lang: Lang) -> Result<LibraryItem> {
    let sql =
        format!("SELECT {ITEM_COLUMNS} FROM library_items WHERE id = $1 AND retired_at IS NULL");
    let row: ItemRow = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .filter(|r: &ItemRow| r.audience.readable_by(&reader_roles(actor)))
        .ok_or(Error::NotFound)?;
    let sql = format!(
        "SELECT {FILE_COLUMNS} FROM library_files WHERE item_id = $1 ORDER BY version DESC"
    );
    let files = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(db.pool()).await?;
    Ok(assemble(row, files, lang))
}

/// Languages in the order a reader falls back to them: theirs first, then fi, sv, en.
pub fn fallback_order(lang: Lang) -> impl Iterator<Item = Lang> {
    std::iter::once(lang).chain(Lang::ALL.into_iter().filter(move |l| *l != lang))
}

/// The file a reader gets of a version: their language, or the first other one there is.
pub fn pick(files: &[LibraryFile], lang: Lang) -> Option<LibraryFile> {
    fallback_order(lang).find_map(|l| {
        files
            .iter()
            .find(|f| f.lang.0 == l)
            .map(|f| LibraryFile { fallback: l != lang, ..f.clone() })
    })
}

fn assemble(r: ItemRow, mut files: Vec<LibraryFile>, lang: Lang) -> LibraryItem {
    files.sort_by_key(|f| (-f.version, Lang::ALL.iter().position(|l| *l == f.lang.0)));
    let mut versions: Vec<LibraryVersion> = vec![];
    for f in files {
        match versions.last_mut() {
            Some(v) if v.version == f.version => v.files.push(f),
            _ => versions.push(LibraryVersion {
                version: f.version,
                created_at: f.created_at,
                files: vec![f],
            }),
        }
    }
    let shown = versions.first().and_then(|v| pick(&v.files, lang));
    LibraryItem {
        id: r.id,
        audience: r.audience,
        title: title_in(&r.title, r.title_sv.as_deref(), r.title_en.as_deref(), lang),
        title_fi: r.title,
        title_sv: r.title_sv,
        title_en: r.title_en,
        description: r.description,
        newest_version: r.newest_version,
        shown,
        versions,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// What a download gives: a file's bytes or a link's address.
pub enum Download {
    File { filename: String, content_type: String, bytes: Vec<u8> },
    Link(String),
}

/// The file of `version` (the newest when left out) in `lang` (the reader's language when left
/// out, falling back to another), for a reader who may read the item.
pub async fn download(
    db: &Db,
    actor: &Actor,
    id: &str,
    version: Option<i64>,
    lang: Option<Lang>,
    reader_lang: Lang,
) -> Result<Download> {
    let item = get(db, actor, id, reader_lang).await?;
    let version = version.unwrap_or(item.newest_version);
    let files = &item.versions.iter().find(|v| v.version == version).ok_or(Error::NotFound)?.files;
    let file = match lang {
        Some(l) => files.iter().find(|f| f.lang.0 == l).cloned(),
        None => pick(files, reader_lang),
    }
    .ok_or(Error::NotFound)?;
    if file.kind == MaterialKind::Link {
        return Ok(Download::Link(file.url.unwrap_or_default()));
    }
    let (bytes,): (Option<Vec<u8>>,) = sqlx::query_as(
        "SELECT content FROM library_files WHERE item_id = $1 AND version = $2 AND lang = $3",
    )
    .bind(id)
    .bind(version)
    .bind(file.lang.0.code())
    .fetch_one(db.pool())
    .await?;
    Ok(Download::File {
        filename: file.filename.unwrap_or_else(|| "material".into()),
        content_type: file.content_type.unwrap_or_else(|| "application/octet-stream".into()),
        bytes: bytes.ok_or(Error::NotFound)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(lang: Lang) -> LibraryFile {
        LibraryFile {
            item_id: "i".into(),
            version: 1,
            lang: LangCode(lang),
            kind: MaterialKind::File,
            url: None,
            filename: Some(format!("{}.pdf", lang.code())),
            content_type: None,
            size: None,
            created_at: 0,
            fallback: false,
        }
    }

    #[test]
    fn a_reader_gets_their_language_or_falls_back() {
        let both = [file(Lang::Fi), file(Lang::Sv)];
        let sv = pick(&both, Lang::Sv).unwrap();
        assert_eq!((sv.lang.0, sv.fallback), (Lang::Sv, false));
        let en = pick(&both, Lang::En).unwrap();
        assert_eq!((en.lang.0, en.fallback), (Lang::Fi, true));
        let only_sv = [file(Lang::Sv)];
        assert_eq!(pick(&only_sv, Lang::Fi).unwrap().lang.0, Lang::Sv);
        assert!(pick(&[], Lang::Fi).is_none());
    }

    #[test]
    fn each_version_is_a_file_or_a_link_once_per_language() {
        let f = |lang, url: Option<&str>, b64: Option<&str>| NewFile {
            lang,
            url: url.map(String::from),
            filename: Some("ohje.pdf".into()),
            content_base64: b64.map(String::from),
            bytes: None,
        };
        let pdf = "JVBERi0xLjc="; // %PDF-1.7
        assert!(check_files(vec![f(Lang::Fi, None, Some(pdf))]).is_ok());
        let code = |files| check_files(files).err().map(|e: Error| e.code().to_string());
        assert_eq!(code(vec![]).as_deref(), Some("library-file-required"));
        assert_eq!(
            code(vec![f(Lang::Fi, None, Some(pdf)), f(Lang::Fi, Some("https://a.fi"), None)])
                .as_deref(),
            Some("library-language-twice")
        );
        assert_eq!(
            code(vec![f(Lang::Fi, Some("https://a.fi"), Some(pdf))]).as_deref(),
            Some("library-file-or-link")
        );
        assert_eq!(
            code(vec![f(Lang::Fi, None, Some("%%"))]).as_deref(),
            Some("attachment-encoding-invalid")
        );
        assert_eq!(
            code(vec![f(Lang::Fi, Some("javascript:alert(1)"), None)]).as_deref(),
            Some("guidance-url-invalid")
        );
    }
}
