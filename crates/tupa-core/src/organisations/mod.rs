//! Customer organisations (and the operator, which is one too), their plans, unit trees and
//! people with roles.

pub mod people;
pub mod plans;
pub mod privacy;
pub mod units;

use serde::Serialize;
use sqlx::FromRow;

use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Organisation {
    pub id: String,
    pub slug: String,
    pub name: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub is_operator: bool,
    pub plan_id: Option<String>,
    pub business_id: Option<String>,
    /// The privacy notice in Finnish, and the fallback for the other languages.
    pub privacy_notice_url: Option<String>,
    pub privacy_notice_url_sv: Option<String>,
    pub privacy_notice_url_en: Option<String>,
    /// The data-protection contact (GDPR art. 13(1)(b)): a name and at least one channel.
    pub dpo_name: Option<String>,
    pub dpo_email: Option<String>,
    pub dpo_phone: Option<String>,
    pub dpo_address: Option<String>,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

/// A slug for addresses: lower-case letters, digits and hyphens, 2–40 characters.
pub fn parse_slug(input: &str, field: &'static str) -> Result<String> {
    let s = input.trim().to_lowercase();
    let ok = (2..=40).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    if ok { Ok(s) } else { Err(Error::invalid(field, "slug-invalid")) }
}

/// A slug made from a name ("Sosiaali- ja terveyspalvelut" → "sosiaali-ja-terveyspalvelut").
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'ä' | 'å' | 'á' | 'à' => 'a',
            'ö' | 'ó' | 'ø' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(40).collect();
    let out = out.trim_end_matches('-').to_string();
    if out.len() < 2 { format!("u-{}", &new_id()[..8]) } else { out }
}

pub fn parse_name(input: &str, field: &'static str) -> Result<String> {
    let s = input.trim();
    if s.is_empty() || s.chars().count() > 200 || s.chars().any(char::is_control) {
        return Err(Error::invalid(field, "name-invalid"));
    }
    Ok(s.to_string())
}

/// An optional https address for a privacy notice: a notice is read before personal data is
/// given, so it must not travel unencrypted (plain http is refused).
pub fn parse_url(input: &str, field: &'static str) -> Result<Option<String>> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.starts_with("https://")
        && s.len() > "https://".len()
        && s.len() <= privacy::MAX_URL_CHARS
        && !s.chars().any(|c| c.is_whitespace() || c == '"' || c == '<')
    {
        Ok(Some(s.to_string()))
    } else {
        Err(Error::invalid(field, "url-invalid"))
    }
}

/// A Finnish business ID (Y-tunnus), 1234567-8, with its check digit verified.
pub fn parse_business_id(input: &str) -> Result<Option<String>> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || Error::invalid("business_id", "business-id-invalid");
    let (body, check) = s.split_once('-').ok_or_else(bad)?;
    if body.len() != 7
        || check.len() != 1
        || !body.chars().chain(check.chars()).all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let weights = [7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.chars().zip(weights).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
    let expected = match sum % 11 {
        0 => 0,
        1 => return Err(bad()),
        r => 11 - r,
    };
    if check.parse::<u32>().ok() != Some(expected) {
        return Err(bad());
    }
    Ok(Some(s.to_string()))
}

const COLUMNS: &str = "id, slug, name, is_operator, plan_id, business_id, privacy_notice_url, privacy_notice_url_sv, privacy_notice_url_en, dpo_name, dpo_email, dpo_phone, dpo_address, created_at, retired_at";

pub async fn create(
    tx: &mut Tx,
    slug: &str,
    name: &str,
    is_operator: bool,
    plan_id: Option<&str>,
) -> Result<Organisation> {
    let id = new_id();
    sqlx::query("INSERT INTO organisations (id, slug, name, is_operator, plan_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&id)
        .bind(slug)
        .bind(name)
        .bind(is_operator)
        .bind(plan_id)
        .bind(now())
        .execute(&mut **tx)
        .await
        .map_err(|e| if crate::db::is_unique_violation(&e) { Error::conflict("slug", "slug-taken") } else { e.into() })?;
    let sql = format!("SELECT {COLUMNS} FROM organisations WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&id).fetch_one(&mut **tx).await?)
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Organisation>> {
    let sql = format!("SELECT {COLUMNS} FROM organisations WHERE slug = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(slug).fetch_optional(db.pool()).await?)
}

pub async fn by_id(db: &Db, id: &str) -> Result<Organisation> {
    let sql = format!("SELECT {COLUMNS} FROM organisations WHERE id = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(db.pool()).await?)
}

pub async fn list_all(db: &Db) -> Result<Vec<Organisation>> {
    let sql = format!("SELECT {COLUMNS} FROM organisations ORDER BY is_operator DESC, name");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(db.pool()).await?)
}

pub async fn operator(db: &Db) -> Result<Option<Organisation>> {
    let sql = format!("SELECT {COLUMNS} FROM organisations WHERE is_operator = $1");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(true).fetch_optional(db.pool()).await?)
}

/// Settings a main admin may change when the plan allows it.
pub async fn update_settings(
    tx: &mut Tx,
    org_id: &str,
    privacy_notice_url: Option<&str>,
    business_id: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE organisations SET privacy_notice_url = $1, business_id = $2 WHERE id = $3")
        .bind(privacy_notice_url)
        .bind(business_id)
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The privacy notices (all languages) and the data-protection contact.
pub async fn update_privacy(
    tx: &mut Tx,
    org_id: &str,
    privacy: &privacy::PrivacySettings,
) -> Result<()> {
    sqlx::query("UPDATE organisations SET privacy_notice_url = $1, privacy_notice_url_sv = $2, privacy_notice_url_en = $3, dpo_name = $4, dpo_email = $5, dpo_phone = $6, dpo_address = $7 WHERE id = $8")
        .bind(&privacy.notice_fi)
        .bind(&privacy.notice_sv)
        .bind(&privacy.notice_en)
        .bind(&privacy.dpo_name)
        .bind(&privacy.dpo_email)
        .bind(&privacy.dpo_phone)
        .bind(&privacy.dpo_address)
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn rename(tx: &mut Tx, org_id: &str, name: &str) -> Result<()> {
    sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_plan(tx: &mut Tx, org_id: &str, plan_id: &str) -> Result<()> {
    sqlx::query("UPDATE organisations SET plan_id = $1 WHERE id = $2")
        .bind(plan_id)
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_id_check_digit() {
        assert!(parse_business_id("0201256-6").unwrap().is_some()); // Espoo
        assert!(parse_business_id("0201256-7").is_err());
        assert!(parse_business_id("201256-6").is_err());
        assert!(parse_business_id("").unwrap().is_none());
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Sosiaali- ja terveyspalvelut"), "sosiaali-ja-terveyspalvelut");
        assert_eq!(slugify("Hämeenlinnan kaupunki"), "hameenlinnan-kaupunki");
        assert!(parse_slug("Espoo", "slug").is_ok());
        assert!(parse_slug("-x", "slug").is_err());
        assert!(parse_slug("a b", "slug").is_err());
    }
}
