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

use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

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
    /// SQLite: a connection of this process's own for reading the counter (None when the
    /// database file cannot be opened that way, for example an in-memory database).
    counter_reader: OnceLock<Option<Mutex<rusqlite::Connection>>>,
}

/// The counter's query, prepared once per reader connection.
const COUNTER: &str = "SELECT n FROM public_generation WHERE id = 1";

/// Opens the counter reader beside sqlx's pool on the same file. Read through the pool, the
/// counter cost an ad page more than the rest of its answer (a pooled connection, a hop to
/// sqlx's connection thread and back); read here it is a few microseconds, synchronously: in
/// WAL mode a reader never waits for the writer, and each read sees every commit before it,
/// of this process or another.
fn open_counter_reader(url: &str) -> Option<Mutex<rusqlite::Connection>> {
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url).ok()?;
    let file = options.get_filename();
    if file.as_os_str().is_empty() || file.to_str().is_some_and(|f| f.contains(":memory:")) {
        return None;
    }
    use rusqlite::OpenFlags;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match rusqlite::Connection::open_with_flags(file, flags) {
        Ok(conn) => {
            // Checked once: the table exists (migrations ran before the first request).
            let ok = conn.query_row(COUNTER, [], |r| r.get::<_, i64>(0)).is_ok();
            ok.then(|| Mutex::new(conn))
        }
        Err(e) => {
            tracing::warn!("the public board's change counter is read through the pool: {e}");
            None
        }
    }
}

/// Whether this process reads the SQLite counter on its own connection (for tests: the
/// fallback through the pool is correct too, only slower).
pub fn counter_read_directly(db: &Db) -> bool {
    matches!(db.public_generation().inner.counter_reader.get(), Some(Some(_)))
}

/// The counter read on this process's own connection, or None to read it through the pool.
fn read_counter(g: &Inner, url: &str) -> Option<i64> {
    let reader = g.counter_reader.get_or_init(|| open_counter_reader(url)).as_ref()?;
    let conn = reader.lock().unwrap_or_else(|e| e.into_inner());
    let mut statement = conn.prepare_cached(COUNTER).ok()?;
    statement.query_row([], |r| r.get::<_, i64>(0)).ok()
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
    /// Whether this process's PostgreSQL listener is connected and LISTENing (live events
    /// of other processes reach it); always false on SQLite, which polls instead.
    pub fn is_listening(&self) -> bool {
        self.inner.listening.load(Ordering::SeqCst)
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
            let n = match read_counter(g, db.url()) {
                Some(n) => n,
                None => sqlx::query_as::<_, (i64,)>(COUNTER).fetch_one(db.pool()).await?.0,
            };
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
