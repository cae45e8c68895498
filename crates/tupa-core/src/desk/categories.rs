//! Topic categories of a desk, named in Finnish, Swedish and English because citizens pick
//! one on the contact form.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::organisations::{self, Organisation};

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Category {
    #[serde(skip)]
    pub org_id: String,
    pub id: String,
    /// Finnish name.
    pub name: String,
    pub name_sv: Option<String>,
    pub name_en: Option<String>,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

impl Category {
    /// The name in `lang`, falling back to Finnish.
    pub fn name_in(&self, lang: impl std::borrow::Borrow<Lang>) -> &str {
        let other = match lang.borrow() {
            Lang::Fi => None,
            Lang::Sv => self.name_sv.as_deref(),
            Lang::En => self.name_en.as_deref(),
        };
        other.filter(|n| !n.trim().is_empty()).unwrap_or(&self.name)
    }
}

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CategoryInput {
    pub name_fi: String,
    #[serde(default)]
    pub name_sv: String,
    #[serde(default)]
    pub name_en: String,
}

const COLUMNS: &str = "org_id, id, name, name_sv, name_en, created_at, retired_at";

/// The organisation's live categories.
pub async fn list(db: &Db, org_id: &str) -> Result<Vec<Category>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM desk_categories WHERE org_id = $1 AND retired_at IS NULL ORDER BY name"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_all(db.pool()).await?)
}

/// Checks that `category_id` is a live category of the organisation.
pub async fn check_tx(tx: &mut Tx, org_id: &str, category_id: &str) -> Result<()> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM desk_categories WHERE org_id = $1 AND id = $2 AND retired_at IS NULL",
    )
    .bind(org_id)
    .bind(category_id)
    .fetch_one(&mut **tx)
    .await?;
    if n == 0 { Err(Error::invalid("category_id", "category-invalid")) } else { Ok(()) }
}

fn names(input: &CategoryInput) -> Result<(String, Option<String>, Option<String>)> {
    // Every name is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let fi = c.take(organisations::parse_name(&input.name_fi, "name_fi"));
    let opt = |s: &str, field: &'static str| -> Result<Option<String>> {
        if s.trim().is_empty() { Ok(None) } else { organisations::parse_name(s, field).map(Some) }
    };
    let sv = c.take(opt(&input.name_sv, "name_sv"));
    let en = c.take(opt(&input.name_en, "name_en"));
    match (fi, sv, en) {
        (Some(fi), Some(sv), Some(en)) => Ok((fi, sv, en)),
        _ => Err(c.error()),
    }
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &CategoryInput,
) -> Result<Category> {
    actor.check(Permission::ManageDesk, org)?;
    let (fi, sv, en) = names(input)?;
    let id = new_id();
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO desk_categories (org_id, id, name, name_sv, name_en, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&org.id)
        .bind(&id)
        .bind(&fi)
        .bind(&sv)
        .bind(&en)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DeskCategoryCreated,
        Some((audit::Target::Category, &id)),
        serde_json::json!({"name": fi}),
    )
    .await?;
    tx.commit().await?;
    let sql = format!("SELECT {COLUMNS} FROM desk_categories WHERE org_id = $1 AND id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&org.id)
        .bind(&id)
        .fetch_one(db.pool())
        .await?)
}

pub async fn retire(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
) -> Result<()> {
    actor.check(Permission::ManageDesk, org)?;
    let mut tx = db.begin().await?;
    let done = sqlx::query("UPDATE desk_categories SET retired_at = $1 WHERE org_id = $2 AND id = $3 AND retired_at IS NULL").bind(now()).bind(&org.id).bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DeskCategoryRetired,
        Some((audit::Target::Category, id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
