//! Throttling, kept in the database so that it holds across several `tupa serve` processes.
//!
//! Every throttle counts and decides in one statement: an upsert that increments the key's
//! counter in its current window and returns the new count. Checking first and recording
//! later lets concurrent requests all pass the check (30 parallel wrong passwords used to get
//! 9–18 tries where the limit was 5); with one statement the database serialises them, by a
//! row lock on PostgreSQL and by its single writer on SQLite. An attempt therefore counts
//! when it starts; callers give back what should not count (`refund`, `clear`).
//!
//! Windows are fixed, not sliding: a key's window starts at its first event and its count
//! starts again once `window_secs` have passed. Hammering a locked key does not extend it.

use crate::db::{Db, now};
use crate::error::{Error, Result};

/// How many events a key may have within its window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window_secs: i64,
}

impl Limit {
    pub const fn new(max: i64, window_secs: i64) -> Limit {
        Limit { max, window_secs }
    }
}

/// Counters whose window ended this long ago are deleted.
const FORGET_AFTER_SECS: i64 = 24 * 3600;

/// Counts one event under `key`; refuses with `RateLimited` when it is over the limit. The
/// refused event counts too, so a key stays locked until its window ends.
pub async fn hit(db: &Db, key: &str, limit: Limit) -> Result<()> {
    let count = count_one(db, key, limit.window_secs).await?;
    if count > limit.max { Err(Error::RateLimited) } else { Ok(()) }
}

/// Counts one event under each key (all of them, so every counter sees the attempt);
/// refuses when any is over its limit.
pub async fn hit_all(db: &Db, keys: &[(&str, Limit)]) -> Result<()> {
    let mut over = false;
    for (key, limit) in keys {
        over |= count_one(db, key, limit.window_secs).await? > limit.max;
    }
    if over { Err(Error::RateLimited) } else { Ok(()) }
}

/// True when `key` has used up its limit (without counting anything).
pub async fn is_over(db: &Db, key: &str, limit: Limit) -> Result<bool> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT count FROM throttle_counters WHERE key = $1 AND window_start > $2")
            .bind(key)
            .bind(now() - limit.window_secs)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.is_some_and(|(n,)| n >= limit.max))
}

/// Gives one event back (an attempt that turned out not to count, such as a right password
/// against the per-address counter of failures).
pub async fn refund(db: &Db, key: &str) -> Result<()> {
    sqlx::query("UPDATE throttle_counters SET count = count - 1 WHERE key = $1 AND count > 0")
        .bind(key)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Forgets every event under `key` (a successful sign-in forgives the account's failures).
pub async fn clear(db: &Db, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM throttle_counters WHERE key = $1")
        .bind(key)
        .execute(db.pool())
        .await?;
    Ok(())
}

async fn count_one(db: &Db, key: &str, window_secs: i64) -> Result<i64> {
    let t = now();
    // An upsert with RETURNING works the same on SQLite (3.35+) and PostgreSQL. A window that
    // has ended starts again at this event.
    let (count,): (i64,) = sqlx::query_as(
        "INSERT INTO throttle_counters (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN throttle_counters.window_start <= $3 THEN 1
                        ELSE throttle_counters.count + 1 END,
           window_start = CASE WHEN throttle_counters.window_start <= $3 THEN $2
                               ELSE throttle_counters.window_start END
         RETURNING count",
    )
    .bind(key)
    .bind(t)
    .bind(t - window_secs)
    .fetch_one(db.pool())
    .await?;
    if count == 1 {
        // A new window: a cheap moment to forget windows that ended long ago.
        sqlx::query("DELETE FROM throttle_counters WHERE window_start < $1")
            .bind(t - FORGET_AFTER_SECS)
            .execute(db.pool())
            .await?;
    }
    Ok(count)
}
