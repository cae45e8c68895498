//! Browser sessions. The cookie holds a random token; the table holds its digest with the
//! device details a person needs to recognise and revoke a session.

use serde::Serialize;
use sqlx::FromRow;

use super::secrets::{digest, random_token};
use crate::db::{Db, Tx, new_id, now};
use crate::error::Result;

/// A session ends after this long without activity.
pub const IDLE_TIMEOUT_SECS: i64 = 8 * 3600;
/// And in any case after this long.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 14 * 24 * 3600;
/// `last_seen_at` is written at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_SECS: i64 = 60;

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Session {
    pub id: String,
    #[serde(skip)]
    pub user_id: String,
    /// Password accepted but the TOTP code not yet given.
    #[sqlx(try_from = "crate::db::Flag")]
    pub second_factor_pending: bool,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

/// Starts a session; returns it and the token for the cookie.
pub async fn create(
    db: &Db,
    user_id: &str,
    second_factor_pending: bool,
    user_agent: Option<&str>,
    ip: Option<&str>,
) -> Result<(Session, String)> {
    let token = random_token();
    let id = new_id();
    let t = now();
    // A header can be as long as the client likes; what is kept (and shown) is bounded.
    let user_agent: Option<String> =
        user_agent.map(|s| s.chars().take(crate::limits::USER_AGENT_CHARS).collect());
    sqlx::query(
        "INSERT INTO user_sessions (id, token_hash, user_id, second_factor_pending, created_at, last_seen_at, expires_at, user_agent, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(digest(&token))
    .bind(user_id)
    .bind(second_factor_pending)
    .bind(t)
    .bind(t)
    .bind(t + ABSOLUTE_TIMEOUT_SECS)
    .bind(&user_agent)
    .bind(ip)
    .execute(db.pool())
    .await?;
    // A sign-in is being seen (account retention counts from it), not only later activity.
    sqlx::query("UPDATE users SET last_seen_at = $1 WHERE id = $2")
        .bind(t)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    let session = Session {
        id,
        user_id: user_id.to_string(),
        second_factor_pending,
        created_at: t,
        last_seen_at: t,
        expires_at: t + ABSOLUTE_TIMEOUT_SECS,
        user_agent,
        ip: ip.map(str::to_string),
    };
    Ok((session, token))
}

/// Records how a session was identified (a client's strong identification): the level of
/// assurance and when the provider identified the person.
pub async fn record_identification(
    db: &Db,
    session_id: &str,
    acr: Option<&str>,
    identified_at: i64,
) -> Result<()> {
    sqlx::query("UPDATE user_sessions SET acr = $1, identified_at = $2 WHERE id = $3")
        .bind(acr)
        .bind(identified_at)
        .bind(session_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// A session's level of assurance and identification time, if it was strongly identified.
pub async fn identification(db: &Db, session_id: &str) -> Result<Option<(String, i64)>> {
    let row: Option<(Option<String>, Option<i64>)> =
        sqlx::query_as("SELECT acr, identified_at FROM user_sessions WHERE id = $1")
            .bind(session_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.and_then(|(acr, at)| Some((acr?, at?))))
}

const COLUMNS: &str =
    "id, user_id, second_factor_pending, created_at, last_seen_at, expires_at, user_agent, ip";

/// The live session for a cookie token, refreshing its last-seen time.
pub async fn lookup(db: &Db, token: &str) -> Result<Option<Session>> {
    let t = now();
    let sql = format!(
        "SELECT {COLUMNS} FROM user_sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $3"
    );
    let session = sqlx::query_as::<_, Session>(sqlx::AssertSqlSafe(sql))
        .bind(digest(token))
        .bind(t)
        .bind(t - IDLE_TIMEOUT_SECS)
        .fetch_optional(db.pool())
        .await?;
    if let Some(s) = &session
        && t - s.last_seen_at >= TOUCH_INTERVAL_SECS
    {
        sqlx::query("UPDATE user_sessions SET last_seen_at = $1 WHERE id = $2")
            .bind(t)
            .bind(&s.id)
            .execute(db.pool())
            .await?;
        sqlx::query("UPDATE users SET last_seen_at = $1 WHERE id = $2")
            .bind(t)
            .bind(&s.user_id)
            .execute(db.pool())
            .await?;
    }
    Ok(session)
}

/// Marks the second factor as given.
pub async fn complete_second_factor(tx: &mut Tx, session_id: &str) -> Result<String> {
    sqlx::query("UPDATE user_sessions SET second_factor_pending = $1 WHERE id = $2")
        .bind(false)
        .bind(session_id)
        .execute(&mut **tx)
        .await?;
    rotate(tx, session_id).await
}

/// Gives the session a new cookie token and returns it; the old token stops working. Done
/// whenever the session gains privileges (the second factor, a new password), so a token
/// someone saw or planted before cannot ride on them.
pub async fn rotate(tx: &mut Tx, session_id: &str) -> Result<String> {
    let token = random_token();
    sqlx::query("UPDATE user_sessions SET token_hash = $1 WHERE id = $2")
        .bind(digest(&token))
        .bind(session_id)
        .execute(&mut **tx)
        .await?;
    Ok(token)
}

/// A person's live sessions, newest first.
pub async fn list_for_user(db: &Db, user_id: &str) -> Result<Vec<Session>> {
    let t = now();
    let sql = format!(
        "SELECT {COLUMNS} FROM user_sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $3 ORDER BY created_at DESC"
    );
    Ok(sqlx::query_as::<_, Session>(sqlx::AssertSqlSafe(sql))
        .bind(user_id)
        .bind(t)
        .bind(t - IDLE_TIMEOUT_SECS)
        .fetch_all(db.pool())
        .await?)
}

/// Revokes one of the person's own sessions; false when there was no such live session.
pub async fn revoke(db: &Db, user_id: &str, session_id: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE user_sessions SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(now())
        .bind(session_id)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Ends every session of a person (password change, deactivation).
pub async fn revoke_all_tx(tx: &mut Tx, user_id: &str) -> Result<()> {
    sqlx::query(
        "UPDATE user_sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
    )
    .bind(now())
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
