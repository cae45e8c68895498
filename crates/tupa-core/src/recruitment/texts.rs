//! General texts for ads: paragraphs an organisation puts into many ads ("about us",
//! "a criminal-record extract is required", benefits), kept once per language and inserted
//! into an ad's description by the recruiter. Main admins manage them; recruiters and hiring
//! managers read them. Retired texts stay (ads that used them keep their copy) but are no
//! longer offered.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::organisations::Organisation;

/// Limits that keep one organisation from filling the table or the form.
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_TEXT_CHARS: usize = 10_000;
pub const MAX_ACTIVE: i64 = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GeneralText {
    pub id: String,
    pub name: String,
    /// The text per language; a language without one is absent.
    pub texts: BTreeMap<Lang, String>,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

impl GeneralText {
    pub fn text(&self, lang: Lang) -> &str {
        self.texts.get(&lang).map(String::as_str).unwrap_or("")
    }
}

/// A general text as entered. Languages left empty are dropped; at least one is needed.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct TextInput {
    pub name: String,
    #[serde(default)]
    pub texts: BTreeMap<Lang, String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    name: String,
    texts: String,
    created_at: i64,
    retired_at: Option<i64>,
}

impl From<Row> for GeneralText {
    fn from(r: Row) -> Self {
        GeneralText {
            id: r.id,
            name: r.name,
            texts: serde_json::from_str(&r.texts).unwrap_or_default(),
            created_at: r.created_at,
            retired_at: r.retired_at,
        }
    }
}

/// Whoever works on the organisation's ads, or manages its recruitment, may read them.
pub fn may_read(actor: &Actor, org: &Organisation) -> Result<()> {
    if actor.can(Permission::ManageRecruitment, org) {
        return Ok(());
    }
    // Refused the usual way: 404 to outsiders, 403 to the organisation's own people.
    actor.check(Permission::WorkRecruitment, org)
}

/// The organisation `slug` for reading recruitment material (its general texts, its ads'
/// job market state): recruiters, hiring managers, main admins and the operator, when the
/// plan has recruitment.
pub async fn reader_org(db: &Db, actor: &Actor, slug: &str) -> Result<Organisation> {
    let org = crate::organisations::by_slug(db, slug).await?.ok_or(Error::NotFound)?;
    may_read(actor, &org)?;
    crate::authz::require_capability(
        db,
        &org,
        crate::organisations::plans::Capability::Recruitment,
    )
    .await?;
    Ok(org)
}

/// Normalises line endings and trims; the name is one line.
fn clean(input: &TextInput) -> Result<(String, BTreeMap<Lang, String>)> {
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let name = input.name.trim().to_string();
    if name.is_empty() {
        c.push("name", "required");
    } else if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        c.push("name", "recruitment-text-name-invalid");
    }
    let mut texts = BTreeMap::new();
    let mut too_long = false;
    for (lang, text) in &input.texts {
        let text = text.replace("\r\n", "\n").replace('\r', "\n").trim().to_string();
        if text.is_empty() {
            continue;
        }
        if text.chars().count() > MAX_TEXT_CHARS {
            c.push(field_of(*lang), "text-too-long");
            too_long = true;
        }
        texts.insert(*lang, text);
    }
    if texts.is_empty() && !too_long {
        c.push("texts.fi", "recruitment-text-language-required");
    }
    c.finish()?;
    Ok((name, texts))
}

/// The form field of a language's text.
pub fn field_of(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "texts.fi",
        Lang::Sv => "texts.sv",
        Lang::En => "texts.en",
    }
}

/// The organisation's texts by name; retired ones only when asked.
pub async fn list(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    with_retired: bool,
) -> Result<Vec<GeneralText>> {
    may_read(actor, org)?;
    let filter = if with_retired { "" } else { " AND retired_at IS NULL" };
    let sql = format!(
        "SELECT id, name, texts, created_at, retired_at FROM recruitment_texts WHERE org_id = $1{filter} ORDER BY LOWER(name), id"
    );
    let rows: Vec<Row> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&org.id).fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(GeneralText::from).collect())
}

pub async fn get(db: &Db, actor: &Actor, org: &Organisation, id: &str) -> Result<GeneralText> {
    may_read(actor, org)?;
    let row: Option<Row> = sqlx::query_as("SELECT id, name, texts, created_at, retired_at FROM recruitment_texts WHERE org_id = $1 AND id = $2")
        .bind(&org.id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.map(GeneralText::from).ok_or(Error::NotFound)
}

/// Another active text of the organisation already has this name (names are how
/// recruiters pick one).
async fn name_taken(db: &Db, org_id: &str, name: &str, except: Option<&str>) -> Result<bool> {
    let ids: Vec<(String,)> = sqlx::query_as("SELECT id FROM recruitment_texts WHERE org_id = $1 AND retired_at IS NULL AND LOWER(name) = LOWER($2)")
        .bind(org_id)
        .bind(name)
        .fetch_all(db.pool())
        .await?;
    Ok(ids.iter().any(|(id,)| Some(id.as_str()) != except))
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &TextInput,
) -> Result<GeneralText> {
    actor.check(Permission::ManageRecruitment, org)?;
    let (name, texts) = clean(input)?;
    if name_taken(db, &org.id, &name, None).await? {
        return Err(Error::conflict("name", "recruitment-text-name-taken"));
    }
    let (active,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM recruitment_texts WHERE org_id = $1 AND retired_at IS NULL",
    )
    .bind(&org.id)
    .fetch_one(db.pool())
    .await?;
    if active >= MAX_ACTIVE {
        return Err(Error::invalid("name", "recruitment-text-too-many"));
    }
    let id = new_id();
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO recruitment_texts (org_id, id, name, texts, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&org.id)
        .bind(&id)
        .bind(&name)
        .bind(serde_json::to_string(&texts).map_err(anyhow::Error::from)?)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::RecruitmentTextCreated,
        Some((audit::Target::RecruitmentText, &id)),
        serde_json::json!({"name": name}),
    )
    .await?;
    tx.commit().await?;
    get(db, actor, org, &id).await
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    input: &TextInput,
) -> Result<GeneralText> {
    actor.check(Permission::ManageRecruitment, org)?;
    let current = get(db, actor, org, id).await?;
    if current.retired_at.is_some() {
        return Err(Error::NotFound);
    }
    let (name, texts) = clean(input)?;
    if name_taken(db, &org.id, &name, Some(id)).await? {
        return Err(Error::conflict("name", "recruitment-text-name-taken"));
    }
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE recruitment_texts SET name = $1, texts = $2 WHERE org_id = $3 AND id = $4 AND retired_at IS NULL")
        .bind(&name)
        .bind(serde_json::to_string(&texts).map_err(anyhow::Error::from)?)
        .bind(&org.id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::RecruitmentTextChanged,
        Some((audit::Target::RecruitmentText, id)),
        serde_json::json!({"name": name}),
    )
    .await?;
    tx.commit().await?;
    get(db, actor, org, id).await
}

/// Stops offering a text. Ads keep what was inserted from it.
pub async fn retire(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
) -> Result<()> {
    actor.check(Permission::ManageRecruitment, org)?;
    let mut tx = db.begin().await?;
    let done = sqlx::query("UPDATE recruitment_texts SET retired_at = $1 WHERE org_id = $2 AND id = $3 AND retired_at IS NULL")
        .bind(now())
        .bind(&org.id)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if done == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::RecruitmentTextRetired,
        Some((audit::Target::RecruitmentText, id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// `description` with `text` appended as a new paragraph (ads' descriptions are plain text
/// whose paragraphs are separated by blank lines). Trailing blank space is tidied so
/// repeated inserts never pile up empty lines; an empty text changes nothing.
pub fn insert(description: &str, text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let text = text.trim();
    let description = description.replace("\r\n", "\n");
    let description = description.trim_end();
    match (description.is_empty(), text.is_empty()) {
        (_, true) => description.to_string(),
        (true, false) => text.to_string(),
        (false, false) => format!("{description}\n\n{text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_appends_a_paragraph() {
        assert_eq!(
            insert("Haemme sairaanhoitajaa.", "Tehtävä edellyttää rikostaustaotetta."),
            "Haemme sairaanhoitajaa.\n\nTehtävä edellyttää rikostaustaotetta."
        );
        assert_eq!(insert("Eka.\n\n\n  ", " Toka. \n"), "Eka.\n\nToka.", "no pile of blank lines");
        assert_eq!(insert("", "Vain tämä."), "Vain tämä.");
        assert_eq!(insert("Ennallaan.\n", "   "), "Ennallaan.");
        assert_eq!(
            insert("A\r\nB", "C\r\n\r\nD"),
            "A\nB\n\nC\n\nD",
            "Windows line ends from a form"
        );
        // Leading indentation of the description is the recruiter's and stays.
        assert_eq!(insert("  sisennys", "x"), "  sisennys\n\nx");
    }

    #[test]
    fn input_is_checked() {
        let ok = TextInput {
            name: " Tietoa meistä ".into(),
            texts: [(Lang::Fi, " Olemme kaupunki.\r\n".to_string()), (Lang::Sv, "  ".to_string())]
                .into(),
        };
        let (name, texts) = clean(&ok).unwrap();
        assert_eq!(name, "Tietoa meistä");
        assert_eq!(
            texts,
            [(Lang::Fi, "Olemme kaupunki.".to_string())].into(),
            "empty languages dropped"
        );
        let none = TextInput { name: "Nimi".into(), texts: [(Lang::Fi, " ".to_string())].into() };
        assert_eq!(clean(&none).unwrap_err().code(), "recruitment-text-language-required");
        assert_eq!(
            clean(&TextInput { name: "".into(), ..ok.clone() }).unwrap_err().code(),
            "required"
        );
        assert_eq!(
            clean(&TextInput { name: "a\nb".into(), ..ok.clone() }).unwrap_err().code(),
            "recruitment-text-name-invalid"
        );
        let long = TextInput {
            name: "Pitkä".into(),
            texts: [(Lang::En, "x".repeat(MAX_TEXT_CHARS + 1))].into(),
        };
        let err = clean(&long).unwrap_err();
        assert_eq!((err.code(), err.field()), ("text-too-long", Some("texts.en")));
    }
}
