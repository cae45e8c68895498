//! One-time links sent by e-mail: an invitation (the invited person sets a first password)
//! and a password reset. The token travels only in the mail; the table keeps its digest.

use crate::db::{Tx, now};
use crate::error::{Error, Result};

use super::secrets::{digest, random_token};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    PasswordReset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password-reset",
        }
    }
    fn lifetime_secs(self) -> i64 {
        match self {
            Purpose::Invitation => 7 * 24 * 3600,
            Purpose::PasswordReset => 3600,
        }
    }
}

/// Creates a link; returns the token to put in the mail. Earlier unused links of the same
/// purpose for the person stop working, so only the newest mail is valid.
pub async fn create(
    tx: &mut Tx,
    purpose: Purpose,
    user_id: &str,
    org_id: Option<&str>,
    created_by: Option<&str>,
) -> Result<String> {
    let t = now();
    sqlx::query("UPDATE one_time_links SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL")
        .bind(t)
        .bind(user_id)
        .bind(purpose.as_str())
        .execute(&mut **tx)
        .await?;
    let token = random_token();
    sqlx::query(
        "INSERT INTO one_time_links (token_hash, purpose, user_id, org_id, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(digest(&token))
    .bind(purpose.as_str())
    .bind(user_id)
    .bind(org_id)
    .bind(created_by)
    .bind(t)
    .bind(t + purpose.lifetime_secs())
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

/// The person a live link belongs to (without using it).
pub async fn peek(tx: &mut Tx, purpose: Purpose, token: &str) -> Result<String> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT user_id FROM one_time_links WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(digest(token))
    .bind(purpose.as_str())
    .bind(now())
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| r.0).ok_or(Error::invalid("token", "link-invalid"))
}

/// Uses a link once; returns the person it belongs to.
pub async fn consume(tx: &mut Tx, purpose: Purpose, token: &str) -> Result<String> {
    let user_id = peek(tx, purpose, token).await?;
    sqlx::query("UPDATE one_time_links SET used_at = $1 WHERE token_hash = $2")
        .bind(now())
        .bind(digest(token))
        .execute(&mut **tx)
        .await?;
    Ok(user_id)
}
