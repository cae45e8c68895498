//! When the public board's cached copies stop being true. The board, ad pages and feeds are
//! served from rendered bytes (tupa-web's `public_cache`) tagged with a *generation*; a copy is
//! served only while the generation is the same and no ad it could show has opened or closed
//! since ([`next_change`]).
//!
//! The database reports every change itself (migration 0090): triggers on the ads, their texts,
//! organisations, units, plans, logos and recruitment settings. On SQLite they bump the counter
//! in `public_generation`, read by [`current`] before each cached answer (CLI commands such as
//! `tupa demo` write from other processes). On PostgreSQL they send `NOTIFY tupa_public` in the
//! writing transaction; each instance LISTENs (`events::listen_forever`) and bumps its own
//! counter, and while it is not listening no copy is trusted (a notification may be lost).
//!
//! Write paths of this process also call [`touched`], so that a recruiter who saves an ad sees it
//! at once on this instance without waiting for the notification to come back. It may run
//! before the commit: a page rendered between the bump and the commit is dropped again when
//! the commit's notification (or the SQLite counter) bumps once more.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::db::{Backend, Db};
use crate::error::Result;

/// The PostgreSQL notification channel of the triggers in migration 0090.
pub const CHANNEL: &str = "tupa_public";

/// This process's view of the generation (one per [`Db`]).
#[derive(Clone, Debug, Default)]
pub struct Generation {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    local: AtomicU64,
    /// PostgreSQL: the LISTEN connection is up, so no change can pass unheard.
    listening: AtomicBool,
}

impl Generation {
    pub fn bump(&self) {
        self.inner.local.fetch_add(1, Ordering::SeqCst);
    }
    /// The listener connected (everything cached before may have missed changes: a new
    /// generation) or lost its connection (nothing cached is trusted until it is back).
    pub fn set_listening(&self, on: bool) {
        self.bump();
        self.inner.listening.store(on, Ordering::SeqCst);
        self.bump();
    }
}

/// Marks that this process changed something the public pages show.
pub fn touched(db: &Db) {
    db.public_generation().bump();
}

/// The generation now, or None when cached copies must not be used (PostgreSQL without its
/// listener: `tupa` CLI commands, or a lost connection).
pub async fn current(db: &Db) -> Result<Option<u64>> {
    let g = &db.public_generation().inner;
    let local = g.local.load(Ordering::SeqCst);
    match db.backend() {
        Backend::Sqlite => {
            let (n,): (i64,) = sqlx::query_as("SELECT n FROM public_generation WHERE id = 1")
                .fetch_one(db.pool())
                .await?;
            // Both only grow, so their sum changes whenever either does.
            Ok(Some(local.wrapping_add(n as u64)))
        }
        Backend::Postgres => Ok(g.listening.load(Ordering::SeqCst).then_some(local)),
    }
}

/// The next moment after `at` at which an ad of `org_id` (or of any organisation) opens or
/// closes: until then the open ads of its boards stay the same. Filters and units are left
/// out, which can only make the moment earlier. None when nothing is scheduled.
pub async fn next_change(db: &Db, org_id: Option<&str>, at: i64) -> Result<Option<i64>> {
    let org = if org_id.is_some() { " AND org_id = $2" } else { "" };
    let sql = format!(
        "SELECT MIN(t) FROM (
            SELECT MIN(deadline) AS t FROM job_ads WHERE status IN ('scheduled', 'published') AND deadline > $1{org}
            UNION ALL
            SELECT MIN(publish_at) AS t FROM job_ads WHERE status IN ('scheduled', 'published') AND publish_at > $1{org}
         ) x"
    );
    let mut q = sqlx::query_as::<_, (Option<i64>,)>(sqlx::AssertSqlSafe(sql)).bind(at);
    if let Some(org) = org_id {
        q = q.bind(org.to_string());
    }
    Ok(q.fetch_one(db.pool()).await?.0)
}
