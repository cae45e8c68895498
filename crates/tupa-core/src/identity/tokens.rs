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

/// The live token for a bearer secret and the account it acts for, in one statement (every
/// API request starts here).
pub async fn lookup(db: &Db, secret: &str) -> Result<Option<(ApiToken, super::User)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        token_id: String,
        token_name: String,
        token_created_at: i64,
        token_last_used_at: Option<i64>,
        #[sqlx(flatten)]
        user: super::User,
    }
    if !secret.starts_with(PREFIX) {
        return Ok(None);
    }
    let user_columns: Vec<String> =
        super::USER_COLUMNS.split(", ").map(|c| format!("u.{c}")).collect();
    let sql = format!(
        "SELECT t.id AS token_id, t.name AS token_name, t.created_at AS token_created_at,
                t.last_used_at AS token_last_used_at, {}
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
        user_columns.join(", ")
    );
    let Some(row) = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql))
        .bind(digest(secret))
        .fetch_optional(db.pool())
        .await?
    else {
        return Ok(None);
    };
    let n = now();
    if row.token_last_used_at.is_none_or(|last| n - last >= 60) {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(n)
            .bind(&row.token_id)
            .execute(db.pool())
            .await?;
    }
    let token = ApiToken {
        id: row.token_id,
        user_id: row.user.id.clone(),
        name: row.token_name,
        created_at: row.token_created_at,
        last_used_at: row.token_last_used_at,
        revoked_at: None,
    };
    Ok(Some((token, row.user)))
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
