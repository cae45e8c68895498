//! Keeping SQLite's ticket search index in few pieces.
//!
//! FTS5 writes each transaction's new words as a small segment and merges segments of a
//! level four at a time (its `automerge`), so a busy desk's index is a dozen or more segments
//! (17 after a bulk fill of a million tickets). A search asks the index about one ticket at a
//! time while it walks the queue (see `queue.rs`), and each question seeks in every segment:
//! with one segment a question costs about a quarter of what it costs with 17. So the
//! segments are merged into one, in small steps (FTS5's incremental `merge`, each a short
//! write that mail and the API wait for at most a moment), by `tupa serve`'s hourly
//! maintenance and after `tupa demo`'s bulk fill. PostgreSQL's GIN index needs nothing here.

use crate::db::{Backend, Db};
use crate::error::Result;

/// Merged when it has more segments than this.
const MAX_SEGMENTS: i64 = 2;

/// Pages of work per step: a few megabytes, tens of milliseconds of writing.
const PAGES_PER_STEP: i64 = 500;

/// How many segments the ticket search index has (SQLite; 0 on PostgreSQL).
pub async fn segments(db: &Db) -> Result<i64> {
    if db.backend() != Backend::Sqlite {
        return Ok(0);
    }
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(DISTINCT segid) FROM ticket_search_fts_idx")
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}

/// Merges the index's segments into one when there are more than [`MAX_SEGMENTS`]; returns
/// the number of steps taken. Safe beside writers: each step is a transaction of its own.
pub async fn tidy(db: &Db) -> Result<u32> {
    if segments(db).await? <= MAX_SEGMENTS {
        return Ok(0);
    }
    let mut steps = 0;
    loop {
        let mut conn = db.pool().acquire().await?;
        let (before,): (i64,) =
            sqlx::query_as("SELECT total_changes()").fetch_one(&mut *conn).await?;
        // Negative: segments of every level count, so the steps end in a single segment.
        sqlx::query("INSERT INTO ticket_search_fts (ticket_search_fts, rank) VALUES ('merge', $1)")
            .bind(-PAGES_PER_STEP)
            .execute(&mut *conn)
            .await?;
        let (after,): (i64,) =
            sqlx::query_as("SELECT total_changes()").fetch_one(&mut *conn).await?;
        drop(conn);
        steps += 1;
        // FTS5's documented sign of work done: two or more changes.
        if after - before < 2 || steps >= 100_000 {
            return Ok(steps);
        }
        // Let waiting writers in between steps.
        tokio::task::yield_now().await;
    }
}
