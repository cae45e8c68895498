//! Storage plumbing: one pool over SQLite or PostgreSQL through sqlx's Any driver, so every
//! query is written once. Queries use `$1` placeholders, which both backends accept, and
//! portable types only (TEXT, BIGINT, BOOLEAN, BLOB); the few backend-specific statements
//! branch on [`Backend`].

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Transaction};

pub type Tx = Transaction<'static, Any>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    url: std::sync::Arc<str>,
    /// This process's live-event subscribers (see `events`).
    hub: crate::events::Hub,
    /// What this process knows of changes to the public job board (its cached pages).
    public_generation: crate::recruitment::public_changes::Generation,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Said in `/readyz` and logged by `tupa serve` at start when PostgreSQL runs without
/// autovacuum.
pub const AUTOVACUUM_OFF: &str = "autovacuum is off on the PostgreSQL server: tables get no planner statistics, so queries slow down as they grow; turn it on or run ANALYZE regularly";

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`). SQLite files are created on demand.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            anyhow::bail!("unsupported database URL (use sqlite://… or postgres://…)");
        };
        let options = AnyConnectOptions::from_str(url).context("invalid database URL")?;
        let pool = match backend {
            // SQLite has one writer; a few readers beside it are plenty for one process.
            Backend::Sqlite => {
                AnyPoolOptions::new().max_connections(4).after_connect(|conn, _meta| {
                    Box::pin(async move {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        Ok(())
                    })
                })
            }
            Backend::Postgres => AnyPoolOptions::new().max_connections(16),
        }
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .with_context(|| format!("cannot connect to the {backend:?} database"))?;
        Ok(Db {
            pool,
            backend,
            url: url.into(),
            hub: crate::events::Hub::default(),
            public_generation: Default::default(),
        })
    }

    /// Applies the migrations of this backend that have not run yet, then refreshes the
    /// planner's statistics when something changed: new indexes and tables must not wait for
    /// autovacuum (which may be off) before queries use them.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        let pending = self.pending_migrations().await.unwrap_or(1);
        migrator.run(&self.pool).await.context("database migration failed")?;
        if pending > 0 {
            self.analyze().await?;
        }
        Ok(())
    }

    /// Gathers the query planner's statistics for every table (`ANALYZE`, on both backends).
    /// Run after migrations and after bulk fills (`tupa demo`), so that plans do not depend
    /// on whether autovacuum has come round yet.
    pub async fn analyze(&self) -> anyhow::Result<()> {
        sqlx::query("ANALYZE").execute(&self.pool).await.context("ANALYZE failed")?;
        Ok(())
    }

    /// True when the PostgreSQL server runs without autovacuum (see [`AUTOVACUUM_OFF`]): its tables then get no
    /// statistics unless someone runs ANALYZE, and query plans go wrong as tables grow.
    /// Always false on SQLite (it has no such daemon; `migrate` and `demo` analyze).
    pub async fn autovacuum_off(&self) -> bool {
        if self.backend != Backend::Postgres {
            return false;
        }
        let setting: Option<(String,)> =
            sqlx::query_as("SELECT setting FROM pg_settings WHERE name = 'autovacuum'")
                .fetch_optional(&self.pool)
                .await
                .unwrap_or(None);
        setting.is_some_and(|(v,)| v == "off")
    }

    /// How many of this build's migrations the database has not applied (an instance of a
    /// newer release started before `tupa migrate` ran, say). Errors when the database does
    /// not answer.
    pub async fn pending_migrations(&self) -> anyhow::Result<usize> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        // No table yet: nothing applied.
        let applied: Vec<(i64,)> =
            sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_all(&self.pool)
                .await
                .unwrap_or_default();
        if applied.is_empty() && !self.ping().await {
            anyhow::bail!("the database does not answer");
        }
        Ok(migrator
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .filter(|m| !applied.iter().any(|(v,)| *v == m.version))
            .count())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn hub(&self) -> &crate::events::Hub {
        &self.hub
    }

    pub fn public_generation(&self) -> &crate::recruitment::public_changes::Generation {
        &self.public_generation
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so two writers queue on the busy timeout instead of failing when a read
    /// lock would have to be upgraded.
    pub async fn begin(&self) -> anyhow::Result<Tx> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(tx)
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
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
