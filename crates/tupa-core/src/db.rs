//! Storage plumbing: one pool over SQLite or PostgreSQL through sqlx's Any driver, so every
//! query is written once. Queries use `$1` placeholders, which both backends accept, and
//! portable types only (TEXT, BIGINT, BOOLEAN, BLOB); the few backend-specific statements
//! branch on [`Backend`].

mod checkpoints;
mod failover;
pub mod hosts;
pub mod statistics;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Transaction};

pub use failover::note as note_error;

pub type Tx = Transaction<'static, Any>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How many connections a [`Db`] keeps, and who checkpoints SQLite's write-ahead log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Connections {
    /// `tupa serve`: a pool and, on SQLite, a writer and a task of its own for the log's
    /// checkpoints (`db/checkpoints.rs`).
    Server,
    /// A command that runs and exits (`tupa org create`, `tupa demo`, …): the server's pool,
    /// and SQLite's own checkpoints as it commits. A background checkpoint would rarely run
    /// before such a process exits, and the log it leaves would be read again from the start
    /// by every process after it that finds no log index (measured: `mail ingest` without a
    /// server at 34 messages/s instead of 60 after a `tupa setup` left its log unwritten).
    Command,
    Single,
}

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    /// SQLite in a server: the one connection write transactions ([`Db::begin`]) use, beside
    /// the readers of `pool`. See [`Db::begin`] for why.
    writer: Option<AnyPool>,
    backend: Backend,
    url: Arc<str>,
    /// This process's live-event subscribers (see `events`).
    hub: crate::events::Hub,
    /// Set when `DATABASE_URL` lists several PostgreSQL hosts (or `target_session_attrs`).
    failover: Option<Arc<failover::Failover>>,
    /// What this process knows of changes to the public job board (its cached pages).
    public_generation: crate::recruitment::public_changes::Generation,
    /// SQLite in a server: the write-ahead log's checkpoints, off the requests' path.
    checkpoints: Option<Arc<checkpoints::Checkpoints>>,
}

/// How long a connection may take to come from the pool, and how long `connect` looks for a
/// fitting host of a multi-host URL.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a pooled PostgreSQL connection may have been idle and still be handed out
/// without a ping first (a server restart or a dropped link shows on the next use).
const PING_AFTER_IDLE: Duration = Duration::from_secs(5);

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

fn migrator(backend: Backend) -> &'static sqlx::migrate::Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// Where the database stands against this build's migrations.
struct SchemaState {
    /// Ours, not applied yet.
    pending: usize,
    /// Applied, but not ours (a newer release migrated the database): the migrator refuses.
    unknown: usize,
}

/// How SQLite's connections are opened (the readers and the writer alike).
///
/// WAL with synchronous = NORMAL: a commit appends to the log without waiting for the disk
/// (the log is synced at checkpoints), and the database stays consistent after a crash.
/// Pages are read through a memory map (address space, not memory), not a pread each: a
/// connection drops its page cache whenever another connection wrote, and an API ticket
/// creation made some 330 pread calls. The map is as large as the bundled SQLite allows
/// (2 GiB, SQLITE_MAX_MMAP_SIZE); past it, in a large database (a million tickets is 5 GB),
/// pages come through a page cache of 32 MB a connection (not SQLite's 2 MB): a rare word's
/// search reads some 10 000 tickets spread over the whole file.
/// Statement journals and sorts stay in memory instead of a temporary file created and
/// unlinked per request. One round trip to the connection's thread for all.
///
/// In a server no connection checkpoints the log as it commits: a task does, beside them
/// (`db/checkpoints.rs`).
fn sqlite_pool_options(connections: Connections) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                conn.execute(SQLITE_PRAGMAS).await?;
                if connections == Connections::Server {
                    conn.execute("PRAGMA wal_autocheckpoint = 0").await?;
                }
                Ok(())
            })
        })
        // The connections are a file opened in this process: nothing to test.
        .test_before_acquire(false)
}

/// Every SQLite connection's settings (above; also the bulk fill's own connection).
pub const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 2147418112; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;";

/// Said in `/readyz` and logged by `tupa serve` at start when PostgreSQL runs without
/// autovacuum.
pub const AUTOVACUUM_OFF: &str = "autovacuum is off on the PostgreSQL server: dead rows are never vacuumed away, and planner statistics come only from the ANALYZE that tupa serve runs on grown tables every ten seconds; turn autovacuum on";

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`) with a pool sized for a server, for
    /// a command that runs and exits. SQLite files are created on demand.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        Db::connect_with(url, Connections::Command).await
    }

    /// [`Db::connect`] for `tupa serve`: on SQLite the write-ahead log is checkpointed by a
    /// task beside the writer instead of inside the requests' commits.
    pub async fn connect_server(url: &str) -> anyhow::Result<Db> {
        Db::connect_with(url, Connections::Server).await
    }

    /// Connects with a single connection, for a command that does one thing and exits
    /// (`tupa mail ingest`, run once per message by an MTA): every connection a pool opens
    /// costs a PostgreSQL start-up (or a SQLite open with its pragmas), and a pool hands a
    /// returned connection back asynchronously, so back-to-back queries would otherwise open
    /// a second and a third. Code run this way must not hold a transaction while it queries
    /// the pool (it would wait for itself).
    pub async fn connect_single(url: &str) -> anyhow::Result<Db> {
        Db::connect_with(url, Connections::Single).await
    }

    async fn connect_with(url: &str, connections: Connections) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            anyhow::bail!("unsupported database URL (use sqlite://… or postgres://…)");
        };
        // A multi-host PostgreSQL URL: Tupa picks the host (sqlx cannot, its issue #2290).
        let hosts = match backend {
            Backend::Postgres => hosts::HostList::parse(url)?,
            Backend::Sqlite => None,
        };
        let (options, failover, watched) = match hosts {
            Some(list) => {
                let (failover, options, watched) =
                    failover::Failover::start(list, ACQUIRE_TIMEOUT).await?;
                (options, Some(failover), Some(watched))
            }
            None => (AnyConnectOptions::from_str(url).context("invalid database URL")?, None, None),
        };
        let max = match (connections, backend) {
            (Connections::Single, _) => 1,
            // SQLite has one writer; a few readers beside it are plenty for one process.
            (Connections::Server | Connections::Command, Backend::Sqlite) => 4,
            (Connections::Server | Connections::Command, Backend::Postgres) => 16,
        };
        if backend == Backend::Sqlite {
            sqlite_process_settings();
        }
        // SQLite in a server: a writer of its own (see `begin`), opened like the readers.
        let writer = match (connections, backend) {
            (Connections::Server | Connections::Command, Backend::Sqlite) => Some(
                sqlite_pool_options(connections)
                    .max_connections(1)
                    .acquire_timeout(ACQUIRE_TIMEOUT)
                    .connect_with(options.clone())
                    .await
                    .context("cannot open the SQLite database for writing")?,
            ),
            _ => None,
        };
        let checkpoints = match (&writer, connections) {
            (Some(writer), Connections::Server) => Some(Arc::new(
                checkpoints::Checkpoints::start(&options, writer.clone())
                    .await
                    .context("cannot open the SQLite database for its checkpoints")?,
            )),
            _ => None,
        };
        let pool = match backend {
            Backend::Sqlite => sqlite_pool_options(connections),
            // A connection is pinged before it is handed out only when it has been idle a
            // while: one used a moment ago has just shown it is alive, and sqlx's default
            // (a ping on every acquire) was a round trip to the server before every query
            // outside a transaction, eight for each ticket made through the API.
            Backend::Postgres => {
                let on_acquire = failover.clone();
                let options = AnyPoolOptions::new().before_acquire(move |conn, meta| {
                    let current = on_acquire.as_ref().is_none_or(|f| f.still_current(meta.age));
                    Box::pin(async move {
                        if current && meta.idle_for >= PING_AFTER_IDLE {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(current)
                    })
                });
                match &failover {
                    None => options,
                    Some(f) => {
                        let on_connect = f.clone();
                        options.after_connect(move |conn, _meta| {
                            let f = on_connect.clone();
                            Box::pin(async move { f.check_new(conn).await })
                        })
                    }
                }
            }
        }
        .max_connections(max)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot connect to the {backend:?} database"))?;
        if let (Some(f), Some(watched)) = (&failover, watched) {
            tokio::spawn(f.clone().supervise(pool.clone(), watched));
        }
        Ok(Db {
            pool,
            writer,
            backend,
            url: url.into(),
            hub: crate::events::Hub::default(),
            failover,
            public_generation: Default::default(),
            checkpoints,
        })
    }

    /// Applies the migrations of this backend that have not run yet, then refreshes the
    /// planner's statistics when something changed: new indexes and tables must not wait for
    /// autovacuum (which may be off) before queries use them.
    ///
    /// When the database already has exactly this build's migrations (every start but the
    /// first after an upgrade) this is one query: running sqlx's migrator instead (a lock,
    /// its table, every applied row and checksum) took 20 ms on PostgreSQL, more than the
    /// rest of a `tupa mail ingest`. `tupa migrate` runs the migrator whatever
    /// ([`Db::migrate_fully`]), which also checks that applied migrations were not edited.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let state = self.schema_state().await?;
        if state.pending == 0 && state.unknown == 0 {
            return Ok(());
        }
        self.run_migrator(state.pending).await
    }

    /// Runs sqlx's migrator (see [`Db::migrate`]), then `ANALYZE` when something was applied.
    pub async fn migrate_fully(&self) -> anyhow::Result<()> {
        let pending = self.schema_state().await.map(|s| s.pending).unwrap_or(1);
        self.run_migrator(pending).await
    }

    async fn run_migrator(&self, pending: usize) -> anyhow::Result<()> {
        migrator(self.backend).run(&self.pool).await.context("database migration failed")?;
        if pending > 0 {
            self.analyze().await?;
        }
        Ok(())
    }

    /// How many of this build's migrations the database has not applied (an instance of a
    /// newer release started before `tupa migrate` ran, say). Errors when the database does
    /// not answer.
    pub async fn pending_migrations(&self) -> anyhow::Result<usize> {
        Ok(self.schema_state().await?.pending)
    }

    /// This build's migrations against the database's, in one query.
    async fn schema_state(&self) -> anyhow::Result<SchemaState> {
        // No table yet: nothing applied.
        let applied: Vec<(i64,)> =
            sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_all(&self.pool)
                .await
                .unwrap_or_default();
        if applied.is_empty() && !self.ping().await {
            anyhow::bail!("the database does not answer");
        }
        let ours: Vec<i64> = migrator(self.backend)
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .map(|m| m.version)
            .collect();
        Ok(SchemaState {
            pending: ours.iter().filter(|v| !applied.iter().any(|(a,)| a == *v)).count(),
            unknown: applied.iter().filter(|(a,)| !ours.contains(a)).count(),
        })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// `DATABASE_URL` as given (with every host of a multi-host URL).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A single-host URL of the server the pool uses now, for connections of one's own
    /// (LISTEN): the chosen host of a multi-host URL, else `url()`.
    pub fn connect_url(&self) -> String {
        match &self.failover {
            Some(f) => f.current_url(),
            None => self.url.to_string(),
        }
    }

    pub fn hub(&self) -> &crate::events::Hub {
        &self.hub
    }

    pub fn public_generation(&self) -> &crate::recruitment::public_changes::Generation {
        &self.public_generation
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so two writers queue instead of failing when a read lock would have to
    /// be upgraded; in a server they queue for the one writer connection, in this process,
    /// rather than on SQLite's busy timeout (which sleeps a millisecond and more between
    /// tries). The writer also keeps its page cache from one transaction to the next: a
    /// connection drops it whenever another wrote, and with writes spread over the pool's
    /// connections each new ticket read some 80 pages back from the write-ahead log.
    pub async fn begin(&self) -> anyhow::Result<Tx> {
        let tx = match self.backend {
            Backend::Sqlite => {
                if let Some(checkpoints) = &self.checkpoints {
                    checkpoints.wrote();
                }
                self.writer.as_ref().unwrap_or(&self.pool).begin_with("BEGIN IMMEDIATE").await
            }
            Backend::Postgres => self.pool.begin().await,
        };
        Ok(tx.inspect_err(note_error)?)
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    pub async fn close(&self) {
        if let Some(checkpoints) = &self.checkpoints {
            checkpoints.stop().await;
        }
        if let Some(writer) = &self.writer {
            writer.close().await;
        }
        self.pool.close().await;
    }
}

/// SQLite's settings for the whole process, made before its first connection: no memory
/// statistics. With them (SQLite's default) every allocation SQLite makes or frees (each bound
/// value, record, sort) takes one mutex of the whole process to count it, whichever
/// connection it is for; nothing in Tupa reads the counts.
fn sqlite_process_settings() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: a plain integer option, before this process has opened any SQLite database
        // (the pool is made after; the only other SQLite user, the job board's counter
        // reader, opens its file after the pool). Once SQLite is initialised the call
        // changes nothing and answers SQLITE_MISUSE, which is fine.
        let answer = unsafe {
            rusqlite::ffi::sqlite3_config(
                rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
                0 as std::os::raw::c_int,
            )
        };
        if answer != rusqlite::ffi::SQLITE_OK {
            tracing::debug!(answer, "SQLite was initialised before its settings could be made");
        }
    });
}

/// Current time in Unix seconds, the unit of every stored timestamp.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// A new time-ordered id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// True when `err` is a unique-constraint violation on either backend.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => {
            matches!(db.kind(), sqlx::error::ErrorKind::UniqueViolation)
        }
        _ => false,
    }
}

/// A boolean column. PostgreSQL stores BOOLEAN; SQLite stores INTEGER 0/1, because sqlx's Any
/// driver cannot map SQLite's BOOLEAN declaration. Reads accept either; binds use plain
/// `bool`, which both backends accept. Use with `#[sqlx(try_from = "Flag")]` on a `bool` field.
#[derive(Clone, Copy, Debug)]
pub struct Flag(pub bool);

impl sqlx::Type<Any> for Flag {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <bool as sqlx::Type<Any>>::type_info()
    }
    fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
        <bool as sqlx::Type<Any>>::compatible(ty) || <i64 as sqlx::Type<Any>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, Any> for Flag {
    fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        if let Ok(b) = <bool as sqlx::Decode<Any>>::decode(value.clone()) {
            return Ok(Flag(b));
        }
        Ok(Flag(<i64 as sqlx::Decode<Any>>::decode(value)? != 0))
    }
}

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

#[cfg(test)]
mod tests {
    /// The first SQLite database a process opens through `Db` leaves SQLite counting no
    /// memory (see `sqlite_process_settings`): had the settings come after the pool, or not
    /// at all, the count would be SQLite's memory in use, never zero with a database open.
    /// (Every test's connection comes through `Db`, whose settings come first, whichever
    /// test opens SQLite first.)
    #[tokio::test]
    async fn sqlite_counts_no_memory() {
        let dir = std::env::temp_dir().join(format!("tupa-db-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("memstat.sqlite").display());
        let db = super::Db::connect_single(&url).await.unwrap();
        sqlx::query("CREATE TABLE t (x TEXT)").execute(db.pool()).await.unwrap();
        sqlx::query("INSERT INTO t VALUES (hex(randomblob(100000)))")
            .execute(db.pool())
            .await
            .unwrap();
        // SAFETY: a read of SQLite's counter, which takes its own lock.
        let counted = unsafe { rusqlite::ffi::sqlite3_memory_used() };
        db.pool().close().await;
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(counted, 0, "SQLite counts its memory: its statistics are on");
    }

    /// A server's write transactions run on one SQLite connection of their own, whatever the
    /// readers do in between (see `Db::begin`): a TEMP table is its connection's only, and
    /// the pool's four readers, handed out in turn, would each miss it.
    #[tokio::test]
    async fn sqlite_writes_share_one_connection() {
        let dir = std::env::temp_dir().join(format!("tupa-db-writer-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("writer.sqlite").display());
        let db = super::Db::connect(&url).await.unwrap();
        let mut readers = vec![];
        for _ in 0..4 {
            readers.push(db.pool().acquire().await.unwrap());
        }
        drop(readers);
        let mut tx = db.begin().await.unwrap();
        sqlx::query("CREATE TEMP TABLE mine (x INTEGER)").execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        for i in 0..8 {
            sqlx::query("SELECT 1").execute(db.pool()).await.unwrap();
            let mut tx = db.begin().await.unwrap();
            let found = sqlx::query("INSERT INTO temp.mine (x) VALUES ($1)")
                .bind(i)
                .execute(&mut *tx)
                .await;
            assert!(found.is_ok(), "write {i} ran on another connection: {found:?}");
            tx.commit().await.unwrap();
        }
        db.close().await;
        std::fs::remove_dir_all(&dir).ok();
    }
}
