//! The ticket tables' indexes (and on SQLite their search triggers), set aside for the bulk
//! fill and made again after it, in the fill's own transaction.
//!
//! Why: a ticket row goes into seventeen indexes besides its table, most at a place of their
//! own (the queue's orders lead with the organisation, then a time two years wide), and the
//! insert trigger rewrote the row it had just inserted to number its search row. Inserting a
//! million rows that way is a million random B-tree descents per index; `CREATE INDEX` over
//! the finished table sorts once and writes each index page once. The fill writes the search
//! rows itself (the triggers' work, see `bulk::sqlite::insert`).
//!
//! Everything happens in one transaction, so no other connection ever sees the tables
//! without their indexes, and a fill that fails or is interrupted leaves the database as it
//! was. (On PostgreSQL dropping an index locks its table: a server running beside the fill
//! waits for it to end before it reads tickets. Training data only.) The definitions are
//! read back from the catalogue (`sqlite_master`, `pg_indexes`), so they are exactly the
//! migrations' (`tests/it/demo_fill.rs` compares the schema before and after a fill). The
//! constraints' own indexes (primary keys, UNIQUE) stay.
//!
//! On PostgreSQL the messages' insert trigger is disabled for the fill as well: it looks up
//! the tickets of each statement's messages to rewrite their vectors, the fill inserts the
//! messages before their tickets so it never finds one, and without statistics its UPDATE
//! was planned as a scan of the whole (growing) tickets table per batch: a million tickets
//! took 20 minutes, most of it in that trigger. The tickets' own trigger stays and computes
//! each vector from the messages already there.

use crate::db::Tx;
use crate::error::Result;

/// The tables whose secondary indexes wait until the end of the fill.
const TABLES: [&str; 2] = ["tickets", "ticket_messages"];
/// PostgreSQL's triggers that the fill disables (and enables at its end): `(table, trigger)`.
const DISABLED_PG: [(&str, &str); 1] = [("ticket_messages", "ticket_messages_search_insert")];
/// Their indexes that stay: the fill's rows land at their end (new ticket ids and search
/// numbers grow; a synthetic ticket has no access token nor a message a Message-ID, and
/// equal keys go in rowid order), so keeping them costs less than making them again over
/// every row already there.
const KEPT: [&str; 4] = [
    "tickets_search_rowid",
    "tickets_access_token",
    "ticket_messages_ticket",
    "ticket_messages_message_id",
];
/// The triggers whose work the fill does itself: numbering and writing a ticket's search row
/// (0121), and rewriting it for each message (0095; with the messages inserted before their
/// ticket it finds no row, but looks for one per message).
const TRIGGERS: [&str; 2] = ["tickets_search_insert", "ticket_messages_search_insert"];

/// What was set aside: each object's kind, name and the statement that makes it again.
pub struct Deferred(Vec<(String, String, String)>);

impl Deferred {
    /// Drops the tables' secondary indexes and disables the messages' search trigger inside
    /// `tx` (PostgreSQL).
    pub async fn take_postgres(tx: &mut Tx) -> Result<Deferred> {
        // The ticket trigger stays: it computes the stored vector from the messages through
        // their kept index. Constraints' indexes stay too.
        let mut objects: Vec<(String, String, String)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT 'index', indexname::text, indexdef FROM pg_indexes
                 WHERE schemaname = current_schema() AND tablename IN ({})
                   AND indexname NOT IN ({})
                   AND indexname NOT IN (SELECT conname FROM pg_constraint)
                 ORDER BY indexname",
                quoted(&TABLES),
                quoted(&KEPT)
            )))
            .fetch_all(&mut **tx)
            .await?;
        for (kind, name, _) in &objects {
            sqlx::query(sqlx::AssertSqlSafe(drop_statement(kind, name))).execute(&mut **tx).await?;
        }
        for (table, trigger) in DISABLED_PG {
            let alter = |how: &str| format!("ALTER TABLE {table} {how} TRIGGER {trigger}");
            sqlx::query(sqlx::AssertSqlSafe(alter("DISABLE"))).execute(&mut **tx).await?;
            objects.push(("trigger".into(), trigger.into(), alter("ENABLE")));
        }
        // Each index is built by one sort: in memory rather than in runs on disk.
        sqlx::query("SET LOCAL maintenance_work_mem = '256MB'").execute(&mut **tx).await?;
        Ok(Deferred(objects))
    }

    /// Drops the tables' secondary indexes and search triggers in the open transaction of
    /// SQLite's fill connection.
    pub fn take_sqlite(conn: &rusqlite::Connection) -> Result<Deferred> {
        let sql = format!(
            "SELECT type, name, sql FROM sqlite_master
             WHERE sql IS NOT NULL AND tbl_name IN ({})
               AND ((type = 'index' AND name NOT IN ({})) OR name IN ({}))
             ORDER BY type, name",
            quoted(&TABLES),
            quoted(&KEPT),
            quoted(&TRIGGERS)
        );
        let objects = conn
            .prepare(&sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?;
        for (kind, name, _) in &objects {
            conn.execute_batch(&drop_statement(kind, name))?;
        }
        Ok(Deferred(objects))
    }

    /// Makes everything again inside `tx` (PostgreSQL).
    pub async fn restore_postgres(self, tx: &mut Tx) -> Result<()> {
        for sql in self.in_order() {
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Makes everything again in the open transaction of SQLite's fill connection.
    pub fn restore_sqlite(self, conn: &rusqlite::Connection) -> Result<()> {
        for sql in self.in_order() {
            conn.execute_batch(&sql)?;
        }
        Ok(())
    }

    /// The statements that make everything again, indexes first (the triggers' statements
    /// use them).
    fn in_order(self) -> Vec<String> {
        let (indexes, triggers): (Vec<_>, Vec<_>) =
            self.0.into_iter().partition(|(kind, _, _)| kind == "index");
        indexes.into_iter().chain(triggers).map(|(_, _, sql)| sql).collect()
    }
}

fn drop_statement(kind: &str, name: &str) -> String {
    let kind = if kind == "index" { "INDEX" } else { "TRIGGER" };
    format!("DROP {kind} \"{name}\"")
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
}
