//! Throttling of anonymous actions (the public contact form), kept in the database so that it
//! holds across several `tupa serve` processes.

use crate::db::{Db, now};
use crate::error::{Error, Result};

/// Refuses with `RateLimited` when `max` events under `key` already happened within
/// `window_secs`.
pub async fn check(db: &Db, key: &str, window_secs: i64, max: i64) -> Result<()> {
    let (recent,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM throttle_events WHERE key = $1 AND at > $2")
            .bind(key)
            .bind(now() - window_secs)
            .fetch_one(db.pool())
            .await?;
    if recent >= max { Err(Error::RateLimited) } else { Ok(()) }
}

/// Counts one event under `key`.
pub async fn record(db: &Db, key: &str) -> Result<()> {
    let t = now();
    sqlx::query("INSERT INTO throttle_events (key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(t)
        .execute(db.pool())
        .await?;
    sqlx::query("DELETE FROM throttle_events WHERE at < $1")
        .bind(t - 24 * 3600)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Counts one event under `key`; refuses with `RateLimited` when `max` events already happened
/// within `window_secs`.
pub async fn hit(db: &Db, key: &str, window_secs: i64, max: i64) -> Result<()> {
    let t = now();
    let (recent,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM throttle_events WHERE key = $1 AND at > $2")
            .bind(key)
            .bind(t - window_secs)
            .fetch_one(db.pool())
            .await?;
    if recent >= max {
        return Err(Error::RateLimited);
    }
    sqlx::query("INSERT INTO throttle_events (key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(t)
        .execute(db.pool())
        .await?;
    // Old events have no further use.
    sqlx::query("DELETE FROM throttle_events WHERE at < $1")
        .bind(t - 24 * 3600)
        .execute(db.pool())
        .await?;
    Ok(())
}
