//! What a space's live socket missed before it was listening: the moments between a page's
//! render and its socket's subscription, and a phone's sleep until its socket reconnects.
//! Events are not stored (PostgreSQL's NOTIFY keeps nothing), so the socket asks the space's
//! own rows what was made or changed since the moment the page says it last knew of, and
//! plays each back as the live event it would have heard.
//!
//! Known gap: a task removed while nobody listened leaves no row to find; the page shows it
//! until reloaded, and acting on it says the task is gone.

use super::spaces::Space;
use crate::db::Db;
use crate::error::Result;
use crate::events::{Event, EventKind};

/// How far before the moment asked for the rows are read again. An item's time is taken
/// before the commit that makes it visible and publishes its event (a message's even before
/// its transaction waits for the writer, up to the pool's 10 s), so a row can carry a time
/// earlier than the subscription that missed it. What is played back twice is harmless: the
/// page skips a message it shows and redraws the items in place from one fetch.
pub const MARGIN_SECS: i64 = 15;

/// Past this many changes after the moment asked for, the page is better reloaded whole
/// (`resync`) than patched; at most this many are played back.
pub const MOST_PLAYED_BACK: usize = 50;

/// What was missed since `since` (seconds): the events to play back, oldest first, or
/// `None` when more than [`MOST_PLAYED_BACK`] came in a later second than `since`. Rows of
/// the margin (at or before `since`, mostly on the page already) never ask for a reload —
/// a new space made from a template holds fifty tasks of the second its page is rendered
/// in — and only fill what is left of the [`MOST_PLAYED_BACK`] newest.
pub async fn missed(db: &Db, space: &Space, since: i64) -> Result<Option<Vec<Event>>> {
    let from = since.saturating_sub(MARGIN_SECS);
    // Each table read by its (org_id, space_id, …) index; one round trip for all.
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT kind, id, t FROM (
             SELECT 'space-message' AS kind, id, created_at AS t FROM space_messages
              WHERE org_id = $1 AND space_id = $2 AND created_at >= $3
             UNION ALL
             SELECT 'space-task', id, updated_at FROM space_tasks
              WHERE org_id = $1 AND space_id = $2 AND updated_at >= $3
             UNION ALL
             SELECT 'space-link', id, created_at FROM space_links
              WHERE org_id = $1 AND space_id = $2 AND created_at >= $3
             UNION ALL
             SELECT 'space-summary', id, updated_at FROM space_summaries
              WHERE org_id = $1 AND space_id = $2 AND updated_at >= $3
             UNION ALL
             SELECT 'space-material', material_id, shared_at FROM space_materials
              WHERE org_id = $1 AND space_id = $2 AND shared_at >= $3
         ) missed ORDER BY t DESC, id DESC LIMIT $4",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(from)
    .bind(MOST_PLAYED_BACK as i64 + 1)
    .fetch_all(db.pool())
    .await?;
    // Newest first: when all the newest came after `since`, there are too many.
    if rows.len() > MOST_PLAYED_BACK && rows.iter().all(|(_, _, t)| *t > since) {
        return Ok(None);
    }
    let events = rows
        .into_iter()
        .take(MOST_PLAYED_BACK)
        .rev()
        .filter_map(|(kind, id, _)| {
            let kind: EventKind = kind.parse().ok()?;
            Some(match kind {
                EventKind::SpaceMessage => Event::space_message(&space.org_id, &space.id, &id),
                EventKind::SpaceTask => Event::space_task(&space.org_id, &space.id, &id),
                other => Event::space_item(&space.org_id, &space.id, other, &id),
            })
        })
        .collect();
    Ok(Some(events))
}
