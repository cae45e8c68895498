//! Sign-in throttling, kept in the database so that it holds across several `tupa serve`
//! processes: failed attempts are counted per account and per client address over a window.

use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};

pub const WINDOW_SECS: i64 = 15 * 60;
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 30;

/// Refuses with `RateLimited` when the account or the address has failed too often lately.
pub async fn check(db: &Db, email: &str, ip: &str) -> Result<()> {
    let since = now() - WINDOW_SECS;
    let (by_account,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM sign_in_attempts WHERE email = $1 AND at > $2 AND succeeded = $3",
    )
    .bind(email)
    .bind(since)
    .bind(false)
    .fetch_one(db.pool())
    .await?;
    let (by_address,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM sign_in_attempts WHERE ip = $1 AND at > $2 AND succeeded = $3",
    )
    .bind(ip)
    .bind(since)
    .bind(false)
    .fetch_one(db.pool())
    .await?;
    if by_account >= MAX_FAILURES_PER_ACCOUNT || by_address >= MAX_FAILURES_PER_ADDRESS {
        return Err(Error::RateLimited);
    }
    Ok(())
}

pub async fn record(db: &Db, email: &str, ip: &str, succeeded: bool) -> Result<()> {
    let t = now();
    if succeeded {
        // A successful sign-in forgives the account's earlier failures.
        sqlx::query("DELETE FROM sign_in_attempts WHERE email = $1 AND succeeded = $2")
            .bind(email)
            .bind(false)
            .execute(db.pool())
            .await?;
    } else {
        sqlx::query("INSERT INTO sign_in_attempts (id, email, ip, at, succeeded) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id())
            .bind(email)
            .bind(ip)
            .bind(t)
            .bind(false)
            .execute(db.pool())
            .await?;
    }
    // Old rows have no further use.
    sqlx::query("DELETE FROM sign_in_attempts WHERE at < $1")
        .bind(t - 24 * 3600)
        .execute(db.pool())
        .await?;
    Ok(())
}
