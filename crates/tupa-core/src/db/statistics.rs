//! The query planner's statistics, kept fresh by Tupa where nothing else keeps them.
//!
//! A plan is only as good as what the planner believes of a table's size. The migrations
//! analyse a new installation's tables while they are empty; after that:
//!
//! - **SQLite** has no daemon: `refresh_statistics` (`PRAGMA optimize`) runs at the server's
//!   start and hourly, and in `tupa maintenance run`.
//! - **PostgreSQL** has autovacuum, which analyses a table once its changes pass a threshold
//!   (50 rows and a tenth of the table). When it is off (`autovacuum_off`; `/readyz` and the
//!   start warn), the server does the same itself every [`EVERY`] ([`refresh_forever`]).
//!
//! Why so often on PostgreSQL: a connection keeps the plans it made (sqlx's prepared
//! statements, the PL/pgSQL of the search triggers) until something invalidates them, and
//! gathering a table's statistics is what does. A plan made while a table held a few rows
//! (a sequential scan: cheapest then) would otherwise read the whole table on every run for as
//! long as the pooled connection lives, however large the table grows. See migration 0126 and
//! `desk_search::postgres_search_triggers_keep_no_plan_made_for_small_tables`.

use std::time::Duration;

use anyhow::Context;

use super::{Backend, Db};

/// How often `tupa serve` looks for grown tables on a PostgreSQL without autovacuum.
pub const EVERY: Duration = Duration::from_secs(10);

/// Taken (for the transaction) by whichever instance analyses, so that several instances on
/// one database do not queue behind each other's `ANALYZE` of the same tables.
const ANALYSE_LOCK: i64 = 0x7475_7061_5354_4154; // "tupaSTAT"

impl Db {
    /// Gathers the query planner's statistics for every table (`ANALYZE`, on both backends).
    /// Run after migrations and after bulk fills (`tupa demo`), so that plans do not depend
    /// on whether autovacuum has come round yet.
    pub async fn analyze(&self) -> anyhow::Result<()> {
        sqlx::query("ANALYZE").execute(&self.pool).await.context("ANALYZE failed")?;
        Ok(())
    }

    /// Gathers statistics again for the tables that have grown or shrunk a lot since they
    /// were last gathered. Returns whether it looked (false: PostgreSQL with autovacuum on,
    /// which does this itself).
    ///
    /// SQLite: `PRAGMA optimize`, every table checked, each read in part (`analysis_limit`);
    /// a no-op when none has changed (about a millisecond). Why: the migrations analyse the
    /// tables of a new installation while they are empty, and nothing else did: at a million
    /// tickets SQLite still planned for empty tables (the statistics say "0 rows"), and the
    /// API made 5 tickets a second instead of 330. The server runs this at start and hourly
    /// (`maintenance`), so does `tupa maintenance run`.
    ///
    /// PostgreSQL without autovacuum: [`Db::analyze_grown_tables`].
    pub async fn refresh_statistics(&self) -> anyhow::Result<bool> {
        if self.backend == Backend::Postgres {
            if !self.autovacuum_off().await {
                return Ok(false);
            }
            self.analyze_grown_tables().await?;
            return Ok(true);
        }
        let mut conn = self.pool.acquire().await?;
        // A thousand rows per index is plenty for the planner and keeps this to seconds at
        // a million tickets (27 s unbounded). Set back after: a later full ANALYZE on this
        // pooled connection must not inherit the limit.
        sqlx::query("PRAGMA analysis_limit = 1000").execute(&mut *conn).await?;
        let optimized =
            sqlx::query("PRAGMA optimize = 0x10002").execute(&mut *conn).await.map(|_| ());
        sqlx::query("PRAGMA analysis_limit = 0").execute(&mut *conn).await?;
        optimized.context("PRAGMA optimize failed")?;
        Ok(true)
    }

    /// PostgreSQL: `ANALYZE` of the tables whose rows changed past autovacuum's own threshold
    /// since they were last analysed (`autovacuum_analyze_threshold` +
    /// `autovacuum_analyze_scale_factor` × rows, the server's settings); returns their names.
    /// What autovacuum would do, for a server that runs without it. Skipped (nothing returned)
    /// while another instance is at it. Nothing on SQLite.
    pub async fn analyze_grown_tables(&self) -> anyhow::Result<Vec<String>> {
        if self.backend != Backend::Postgres {
            return Ok(vec![]);
        }
        let mut tx = self.pool.begin().await?;
        let (ours,): (bool,) = sqlx::query_as("SELECT pg_try_advisory_xact_lock($1)")
            .bind(ANALYSE_LOCK)
            .fetch_one(&mut *tx)
            .await?;
        if !ours {
            return Ok(vec![]);
        }
        let grown: Vec<(String,)> = sqlx::query_as(
            "SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.relname)
             FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
             WHERE s.schemaname = current_schema()
               AND s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8
                   + current_setting('autovacuum_analyze_scale_factor')::float8 * GREATEST(c.reltuples, 0)
             ORDER BY 1",
        )
        .fetch_all(&mut *tx)
        .await?;
        let grown: Vec<String> = grown.into_iter().map(|(t,)| t).collect();
        if !grown.is_empty() {
            // The names come from the catalogue, quoted by PostgreSQL.
            sqlx::query(sqlx::AssertSqlSafe(format!("ANALYZE {}", grown.join(", "))))
                .execute(&mut *tx)
                .await
                .context("ANALYZE failed")?;
        }
        tx.commit().await?;
        Ok(grown)
    }

    /// True when the PostgreSQL server runs without autovacuum (see
    /// [`AUTOVACUUM_OFF`](super::AUTOVACUUM_OFF)): its tables then get no statistics unless
    /// someone runs ANALYZE, and query plans go wrong as tables grow. Always false on SQLite
    /// (it has no such daemon; `migrate` and `demo` analyze).
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
}

/// `tupa serve` on PostgreSQL: every [`EVERY`], while autovacuum is off, analyses the tables
/// that grew ([`Db::analyze_grown_tables`]). Returns at once on SQLite (hourly there, with
/// the maintenance).
pub async fn refresh_forever(db: Db) {
    if db.backend() != Backend::Postgres {
        return;
    }
    loop {
        tokio::time::sleep(EVERY).await;
        if !db.autovacuum_off().await {
            continue;
        }
        match db.analyze_grown_tables().await {
            Ok(tables) if !tables.is_empty() => {
                tracing::debug!(tables = tables.join(", "), "planner statistics gathered")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "gathering the planner's statistics failed"),
        }
    }
}
