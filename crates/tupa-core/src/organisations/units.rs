//! The unit tree of an organisation. Units are retired, never deleted, so that people's
//! history (role grants, later tickets and job ads) keeps pointing at a real unit.

use serde::Serialize;
use sqlx::FromRow;

use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Unit {
    #[serde(skip)]
    pub org_id: String,
    pub id: String,
    pub parent_id: Option<String>,
    pub name: String,
    pub slug: String,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

/// A unit with its depth in the tree, for indented lists.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct TreeEntry {
    #[serde(flatten)]
    pub unit: Unit,
    pub depth: usize,
}

const COLUMNS: &str = "org_id, id, parent_id, name, slug, created_at, retired_at";

pub async fn list(db: &Db, org_id: &str) -> Result<Vec<Unit>> {
    let sql = format!("SELECT {COLUMNS} FROM units WHERE org_id = $1 ORDER BY name");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_all(db.pool()).await?)
}

/// The units in tree order (parents before children, siblings by name).
pub fn tree(units: &[Unit]) -> Vec<TreeEntry> {
    fn walk(units: &[Unit], parent: Option<&str>, depth: usize, out: &mut Vec<TreeEntry>) {
        for u in units.iter().filter(|u| u.parent_id.as_deref() == parent) {
            out.push(TreeEntry { unit: u.clone(), depth });
            if depth < 32 {
                walk(units, Some(&u.id), depth + 1, out);
            }
        }
    }
    let mut out = Vec::with_capacity(units.len());
    walk(units, None, 0, &mut out);
    out
}

/// The ids of `root` and of every unit below it (retired ones too: their tickets and ads
/// still belong to the branch).
pub fn subtree(units: &[Unit], root: &str) -> Vec<String> {
    let mut out = vec![root.to_string()];
    let mut i = 0;
    // Breadth first; the tree has no cycles (moves are checked), the bound is a safeguard.
    while i < out.len() && out.len() <= units.len() {
        let parent = out[i].clone();
        out.extend(
            units
                .iter()
                .filter(|u| u.parent_id.as_deref() == Some(parent.as_str()))
                .map(|u| u.id.clone()),
        );
        i += 1;
    }
    out
}

pub async fn get(db: &Db, org_id: &str, unit_id: &str) -> Result<Unit> {
    let sql = format!("SELECT {COLUMNS} FROM units WHERE org_id = $1 AND id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(unit_id)
        .fetch_one(db.pool())
        .await?)
}

async fn get_tx(tx: &mut Tx, org_id: &str, unit_id: &str) -> Result<Unit> {
    let sql = format!("SELECT {COLUMNS} FROM units WHERE org_id = $1 AND id = $2");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(unit_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(Error::NotFound)
}

/// Checks that `parent_id` is a live unit of the same organisation.
async fn check_parent(tx: &mut Tx, org_id: &str, parent_id: Option<&str>) -> Result<()> {
    if let Some(p) = parent_id {
        let parent = get_tx(tx, org_id, p)
            .await
            .map_err(|_| Error::invalid("parent_id", "unit-parent-invalid"))?;
        if parent.retired_at.is_some() {
            return Err(Error::invalid("parent_id", "unit-parent-invalid"));
        }
    }
    Ok(())
}

pub async fn create(
    tx: &mut Tx,
    org_id: &str,
    name: &str,
    parent_id: Option<&str>,
) -> Result<Unit> {
    // Both fields are checked before either is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let name = c.take(super::parse_name(name, "name"));
    c.check(check_parent(tx, org_id, parent_id).await);
    let Some(name) = name else { return Err(c.error()) };
    c.finish()?;
    let base = super::slugify(&name);
    let id = new_id();
    // A unit's slug is unique in its organisation; a clash gets a numeric suffix.
    let mut slug = base.clone();
    for n in 2.. {
        let (taken,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM units WHERE org_id = $1 AND slug = $2")
                .bind(org_id)
                .bind(&slug)
                .fetch_one(&mut **tx)
                .await?;
        if taken == 0 {
            break;
        }
        slug = format!("{base}-{n}");
    }
    sqlx::query("INSERT INTO units (org_id, id, parent_id, name, slug, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(org_id)
        .bind(&id)
        .bind(parent_id)
        .bind(&name)
        .bind(&slug)
        .bind(now())
        .execute(&mut **tx)
        .await?;
    get_tx(tx, org_id, &id).await
}

pub async fn rename(tx: &mut Tx, org_id: &str, unit_id: &str, name: &str) -> Result<Unit> {
    let name = super::parse_name(name, "name")?;
    get_tx(tx, org_id, unit_id).await?;
    sqlx::query("UPDATE units SET name = $1 WHERE org_id = $2 AND id = $3")
        .bind(&name)
        .bind(org_id)
        .bind(unit_id)
        .execute(&mut **tx)
        .await?;
    get_tx(tx, org_id, unit_id).await
}

/// Moves a unit under another (or to the top). Refuses to move a unit under itself or its
/// own descendant, which would cut the branch off the tree.
pub async fn move_to(
    tx: &mut Tx,
    org_id: &str,
    unit_id: &str,
    new_parent: Option<&str>,
) -> Result<Unit> {
    let unit = get_tx(tx, org_id, unit_id).await?;
    if unit.retired_at.is_some() {
        return Err(Error::invalid("parent_id", "unit-retired"));
    }
    check_parent(tx, org_id, new_parent).await?;
    let mut cursor = new_parent.map(str::to_string);
    while let Some(id) = cursor {
        if id == unit_id {
            return Err(Error::invalid("parent_id", "unit-move-cycle"));
        }
        cursor = get_tx(tx, org_id, &id).await?.parent_id;
    }
    sqlx::query("UPDATE units SET parent_id = $1 WHERE org_id = $2 AND id = $3")
        .bind(new_parent)
        .bind(org_id)
        .bind(unit_id)
        .execute(&mut **tx)
        .await?;
    get_tx(tx, org_id, unit_id).await
}

/// Retires a unit. Its live sub-units must be moved or retired first.
pub async fn retire(tx: &mut Tx, org_id: &str, unit_id: &str) -> Result<Unit> {
    let unit = get_tx(tx, org_id, unit_id).await?;
    if unit.retired_at.is_some() {
        return Ok(unit);
    }
    let (children,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM units WHERE org_id = $1 AND parent_id = $2 AND retired_at IS NULL",
    )
    .bind(org_id)
    .bind(unit_id)
    .fetch_one(&mut **tx)
    .await?;
    if children > 0 {
        return Err(Error::invalid("unit", "unit-has-live-children"));
    }
    sqlx::query("UPDATE units SET retired_at = $1 WHERE org_id = $2 AND id = $3")
        .bind(now())
        .bind(org_id)
        .bind(unit_id)
        .execute(&mut **tx)
        .await?;
    get_tx(tx, org_id, unit_id).await
}

/// Brings a retired unit back (under a live parent, or to the top if its parent is retired).
pub async fn restore(tx: &mut Tx, org_id: &str, unit_id: &str) -> Result<Unit> {
    let unit = get_tx(tx, org_id, unit_id).await?;
    let parent_live = match unit.parent_id.as_deref() {
        Some(p) => get_tx(tx, org_id, p).await.map(|p| p.retired_at.is_none()).unwrap_or(false),
        None => true,
    };
    sqlx::query("UPDATE units SET retired_at = NULL, parent_id = $1 WHERE org_id = $2 AND id = $3")
        .bind(if parent_live { unit.parent_id.clone() } else { None })
        .bind(org_id)
        .bind(unit_id)
        .execute(&mut **tx)
        .await?;
    get_tx(tx, org_id, unit_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, parent: Option<&str>) -> Unit {
        Unit {
            org_id: "o".into(),
            id: id.into(),
            parent_id: parent.map(Into::into),
            name: id.into(),
            slug: id.into(),
            created_at: 0,
            retired_at: None,
        }
    }

    #[test]
    fn subtree_is_the_unit_and_all_below_it() {
        let units = [
            unit("city", None),
            unit("edu", Some("city")),
            unit("school", Some("edu")),
            unit("class", Some("school")),
            unit("health", Some("city")),
        ];
        let mut below_edu = subtree(&units, "edu");
        below_edu.sort();
        assert_eq!(below_edu, ["class", "edu", "school"]);
        assert_eq!(subtree(&units, "health"), ["health"]);
        assert_eq!(subtree(&units, "city").len(), 5);
    }
}
