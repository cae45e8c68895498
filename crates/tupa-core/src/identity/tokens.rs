//! API bearer tokens. Shown once when created, stored as a digest, revocable.

use serde::Serialize;
use sqlx::FromRow;

use super::secrets::{digest, random_token};
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};

/// Every token starts with this, so secret scanners and people can recognise one.
pub const PREFIX: &str = "tupa_";

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct ApiToken {
    pub id: String,
    #[serde(skip)]
    pub user_id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

pub fn parse_name(input: &str) -> Result<String> {
    let s = input.trim();
    if s.is_empty() || s.chars().count() > 100 {
        return Err(Error::invalid("name", "token-name-invalid"));
    }
    Ok(s.to_string())
}

/// Creates a token; returns it with the secret, which is never shown again.
pub async fn create(db: &Db, user_id: &str, name: &str) -> Result<(ApiToken, String)> {
    let secret = format!("{PREFIX}{}", random_token());
    let id = new_id();
    let t = now();
    sqlx::query("INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(digest(&secret))
        .bind(user_id)
        .bind(name)
        .bind(t)
        .execute(db.pool())
        .await?;
    Ok((
        ApiToken {
            id,
            user_id: user_id.into(),
            name: name.into(),
            created_at: t,
            last_used_at: None,
            revoked_at: None,
        },
        secret,
    ))
}

const COLUMNS: &str = "id, user_id, name, created_at, last_used_at, revoked_at";

/// The live token for a bearer secret.
pub async fn lookup(db: &Db, secret: &str) -> Result<Option<ApiToken>> {
    if !secret.starts_with(PREFIX) {
        return Ok(None);
    }
    let sql =
        format!("SELECT {COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL");
    let token = sqlx::query_as::<_, ApiToken>(sqlx::AssertSqlSafe(sql))
        .bind(digest(secret))
        .fetch_optional(db.pool())
        .await?;
    if let Some(t) = &token {
        let n = now();
        if t.last_used_at.is_none_or(|last| n - last >= 60) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(n)
                .bind(&t.id)
                .execute(db.pool())
                .await?;
        }
    }
    Ok(token)
}

pub async fn list_for_user(db: &Db, user_id: &str) -> Result<Vec<ApiToken>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC"
    );
    Ok(sqlx::query_as::<_, ApiToken>(sqlx::AssertSqlSafe(sql))
        .bind(user_id)
        .fetch_all(db.pool())
        .await?)
}

/// Revokes one of the person's own tokens; false when there was no such live token.
pub async fn revoke(db: &Db, user_id: &str, token_id: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(now())
        .bind(token_id)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() > 0)
}
