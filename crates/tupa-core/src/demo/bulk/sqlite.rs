//! SQLite's bulk fill: on a connection of its own (rusqlite), on a thread of its own, while
//! the caller makes the next batch of tickets.
//!
//! Why not through sqlx's pool, as PostgreSQL's fill goes: there every statement crosses to
//! sqlx's connection thread and back, the multi-row inserts were thousands of `?` in a new
//! statement each time, and each bound value was copied into sqlx's arguments on one thread
//! and freed on the other. `perf` of `tupa demo --tickets 50000` put a quarter of the
//! samples in making the tickets (on the caller's thread, waiting for the database) and a
//! tenth of the database thread in allocating and freeing. Here each row is one step of a
//! statement prepared once, its values borrowed, and the tickets of the next batch are made
//! on the caller's thread meanwhile (the two cores of the machine both busy).
//!
//! The fill is still one transaction: the writer commits only when the caller says the last
//! batch was sent ([`Part::End`]); a caller that stops early (an error, a cancelled task)
//! leaves the database as it was.
//!
//! Its commit runs no checkpoint of its own (`wal_autocheckpoint = 0` on this connection):
//! the fill's pages are copied from the write-ahead log into the database file by an
//! explicit checkpoint right after, timed apart ([`Filled::written_through`]). That
//! checkpoint waits for the disk twice (the log's `fsync`, then the file's): 50 000 tickets
//! are some 240 MB, and on the shared machine the two waits were a quarter of the fill. The
//! commit itself is as durable as every other commit Tupa makes on SQLite (`synchronous =
//! NORMAL`: in the log, synced at the next checkpoint).

use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};
use tokio::sync::mpsc;

use super::{Batch, Desk, TICKET_BATCH, TICKET_COLUMNS};
use crate::db::{Db, now};
use crate::demo::deferred::Deferred;
use crate::desk::case_number;
use crate::error::{Error, Result};

/// What the caller sends the writer.
enum Part {
    Tickets(Batch),
    /// Every batch was sent: commit.
    End,
}

/// FTS5 gathers new rows in memory and writes them as a segment when they pass its hash
/// size (1 MB unless set): the fill writes fewer, larger segments with 64 MB, and sets the
/// default back at its end. Merging them into one is `search_index::tidy`'s.
const FILL_HASH_SIZE: i64 = 64 * 1024 * 1024;
const DEFAULT_HASH_SIZE: i64 = 1024 * 1024;

/// What the writer did.
pub(super) struct Filled {
    pub messages: u64,
    /// How long the transaction took, from its start to its commit.
    pub committed: Duration,
    /// How long the checkpoint after the commit took.
    pub written_through: Duration,
}

/// `n` tickets in one transaction.
pub(super) async fn tickets(db: &Db, desks: &[Desk], rng: &mut StdRng, n: u64) -> Result<Filled> {
    // The file as sqlx reads the URL (percent-decoded), opened without creating it.
    let path = sqlx::sqlite::SqliteConnectOptions::from_str(db.url())
        .map(|o| o.get_filename().to_path_buf())
        .map_err(anyhow::Error::from)?;
    if path.as_os_str().is_empty() || path.to_str().is_some_and(|p| p.contains(":memory:")) {
        return Err(anyhow::anyhow!("the bulk fill needs SQLite in a file, not in memory").into());
    }
    // Made (and committed) before the fill's transaction, which reads it on its own
    // connection.
    let key = case_number::key(db).await?;
    let (send, mut receive) = mpsc::channel::<Part>(2);
    let writer = tokio::task::spawn_blocking(move || write(&path, &key, &mut receive));
    let t = now();
    let mut made = 0;
    let mut ended = true;
    while made < n {
        let count = TICKET_BATCH.min(n - made);
        let batch = Batch::make(desks, rng, made, count, t);
        if send.send(Part::Tickets(batch)).await.is_err() {
            // The writer stopped on an error, which it returns below.
            ended = false;
            break;
        }
        made += count;
    }
    if ended {
        let _ = send.send(Part::End).await;
    }
    drop(send);
    writer.await.map_err(anyhow::Error::from)?
}

/// The writer: one transaction for every batch `parts` brings, committed at [`Part::End`].
fn write(path: &Path, key: &[u8], parts: &mut mpsc::Receiver<Part>) -> Result<Filled> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.execute_batch(crate::db::SQLITE_PRAGMAS)?;
    // The fill writes into ever larger tables: a page cache of 256 MB instead of 32 MB.
    // No checkpoint at the commit: the one after it is timed apart (above).
    conn.execute_batch("PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 0")?;
    let started = Instant::now();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let deferred = Deferred::take_sqlite(&tx)?;
    let mut search_rowid: i64 =
        tx.query_row("SELECT COALESCE(MAX(search_rowid), 0) FROM tickets", [], |r| r.get(0))?;
    set_hash_size(&tx, FILL_HASH_SIZE)?;
    let mut messages = 0;
    loop {
        match parts.blocking_recv() {
            Some(Part::Tickets(mut batch)) => {
                messages += insert(&tx, key, &mut batch, &mut search_rowid)?;
            }
            Some(Part::End) => break,
            // Dropping `tx` rolls the fill back.
            None => return Err(Error::Unexpected(anyhow::anyhow!("the fill was interrupted"))),
        }
    }
    set_hash_size(&tx, DEFAULT_HASH_SIZE)?;
    deferred.restore_sqlite(&tx)?;
    tx.commit()?;
    let committed = started.elapsed();
    // The whole fill is in the write-ahead log: into the database file now, rather than at
    // some later writer's commit. The fill is stored whatever becomes of this: a failure is
    // said, not returned (a rerun would add the tickets again).
    let started = Instant::now();
    let checkpoint = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0));
    match checkpoint {
        Ok(0) => {}
        // A reader of another connection kept part of the log; the next checkpoint copies it.
        Ok(_) => {
            tracing::warn!("the fill's checkpoint was kept waiting by a reader; it completes later")
        }
        Err(e) => tracing::warn!(error = %e, "the fill's checkpoint failed; it completes later"),
    }
    Ok(Filled { messages, committed, written_through: started.elapsed() })
}

fn set_hash_size(conn: &Connection, bytes: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO ticket_search_fts (ticket_search_fts, rank) VALUES ('hashsize', ?1)",
        [bytes],
    )?;
    Ok(())
}

/// Stores `batch` after numbering its tickets; returns its number of messages. The search
/// rows are written here because the fill sets the insert triggers aside: each ticket's FTS5
/// row numbered after the last (`tickets.search_rowid`), its header the ticket's search
/// text and its body its messages' — what the triggers of 0095 and 0121 make.
fn insert(conn: &Connection, key: &[u8], batch: &mut Batch, search_rowid: &mut i64) -> Result<u64> {
    for (year, range) in batch.years() {
        let count = range.len() as i64;
        let last: i64 = conn
            .prepare_cached(case_number::STEP_MANY)?
            .query_row(params![i64::from(year), count], |r| r.get(0))?;
        batch.number(range, case_number::numbered(key, year, last, count));
    }
    let mut message = conn.prepare_cached(
        "INSERT INTO ticket_messages (org_id, id, ticket_id, kind, author_user_id, from_address, from_name, to_addresses, cc_addresses, subject, body_text, created_at, search_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', '', ?8, ?9, ?10, ?11)",
    )?;
    let mut messages = 0;
    for (s, m, text) in batch.messages() {
        message.execute(params![
            s.org_id,
            m.id,
            s.id,
            m.kind.as_str(),
            m.author,
            m.from,
            m.from.as_ref().map(|_| &s.requester_name),
            s.subject,
            m.body,
            m.at,
            text,
        ])?;
        messages += 1;
    }
    let mut search = conn.prepare_cached(
        "INSERT INTO ticket_search_fts (rowid, header, body) VALUES (?1, ?2, ?3)",
    )?;
    let mut ticket = conn.prepare_cached(&format!(
        "INSERT INTO tickets ({TICKET_COLUMNS}, search_rowid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"
    ))?;
    let mut participant = conn.prepare_cached(
        "INSERT INTO ticket_participants (org_id, ticket_id, address, role) VALUES (?1, ?2, ?3, 'requester')",
    )?;
    for ((s, header), texts) in batch.tickets.iter().zip(&batch.headers).zip(&batch.texts) {
        *search_rowid += 1;
        search.execute(params![*search_rowid, header, texts.join(" ")])?;
        ticket.execute(params![
            s.org_id,
            s.id,
            s.case_number,
            s.queue_id,
            s.category_id,
            s.subject,
            s.status.as_str(),
            s.priority.as_str(),
            s.channel.as_str(),
            s.requester_email,
            s.requester_name,
            s.lang,
            s.assignee_id,
            s.created_at,
            s.updated_at,
            s.first_response_due(),
            s.first_responded_at,
            s.resolution_due(),
            s.resolved_at,
            s.closed_at,
            header,
            *search_rowid,
        ])?;
        participant.execute(params![s.org_id, s.id, s.requester_email])?;
    }
    Ok(messages)
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    async fn count(db: &Db, sql: &str) -> i64 {
        sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(sql)).fetch_one(db.pool()).await.unwrap().0
    }

    /// A fill whose caller stops before the end (an error, a cancelled task) keeps nothing:
    /// no ticket, no case number counted, and the indexes it set aside are there again.
    #[tokio::test]
    async fn an_interrupted_fill_leaves_the_database_as_it_was() {
        let dir =
            std::env::temp_dir().join(format!("tupa-fill-interrupted-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("fill.sqlite").display());
        let db = Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        let report = super::super::fill(&db, super::super::BulkOptions { tickets: 10, ads: 0 })
            .await
            .unwrap();
        assert_eq!(report.tickets, 10);
        let indexes = "SELECT COUNT(*) FROM sqlite_master WHERE type IN ('index', 'trigger')";
        let (schema, counted) = (
            count(&db, indexes).await,
            count(&db, "SELECT COALESCE(SUM(last), 0) FROM case_counters").await,
        );

        let mut desks = vec![];
        for (slug, name, lang) in super::super::BULK_ORGS {
            desks.push(super::super::desk(&db, slug, name, lang).await.unwrap());
        }
        let path = crate::backup::sqlite_path(&url).unwrap();
        let key = case_number::key(&db).await.unwrap();
        let (send, mut receive) = mpsc::channel::<Part>(2);
        let writer = tokio::task::spawn_blocking(move || write(&path, &key, &mut receive));
        let mut rng = StdRng::seed_from_u64(1);
        let batch = Batch::make(&desks, &mut rng, 0, 50, now());
        send.send(Part::Tickets(batch)).await.unwrap();
        // Stopped without Part::End.
        drop(send);
        assert!(writer.await.unwrap().is_err());

        assert_eq!(count(&db, "SELECT COUNT(*) FROM tickets").await, 10);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM ticket_search_fts").await, 10);
        assert_eq!(count(&db, indexes).await, schema);
        assert_eq!(count(&db, "SELECT COALESCE(SUM(last), 0) FROM case_counters").await, counted);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
