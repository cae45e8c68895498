//! SQLite in a server: the write-ahead log is written back into the database file by a task
//! of its own, beside the writer, instead of inside whichever commit finds the log past
//! SQLite's 1 000 pages.
//!
//! Why: a new ticket writes some 60 pages to the log, so SQLite's automatic checkpoint ran
//! inside every sixteenth or so commit, and that request waited for it: the log's `fsync`,
//! the copy of every page into the database file and that file's `fsync` (`strace` of the
//! server under one API client: an `fsync` every seven requests; the requests' p99 was the
//! checkpoint's length). Here a connection of its own copies the log in the background
//! (`PRAGMA wal_checkpoint(PASSIVE)`: it never blocks the writer or the readers) 50 ms after
//! a write transaction begins, a burst of writes gathered into one checkpoint, so a page
//! rewritten by every ticket of the burst (an index's last leaf) is copied once; and at least
//! every second, for what the readers' connections write on their own (presence marks,
//! sessions, live events) and for a transaction that was still open at the last checkpoint. A passive checkpoint cannot finish while the writer
//! keeps appending, and SQLite starts the log from its beginning again only after one has
//! finished; so when the log has grown past [`CATCH_UP_FRAMES`] the task finishes the
//! checkpoint holding the writer connection (new writes wait for it, as they waited for the
//! automatic checkpoint), which bounds the log. Durability is unchanged: a commit is in the
//! log (`synchronous = NORMAL`) and the checkpoint syncs the log before copying it.

use std::sync::Arc;
use std::time::Duration;

use sqlx::any::AnyConnectOptions;
use sqlx::{AnyConnection, AnyPool, ConnectOptions, Connection, Executor};
use tokio::sync::{Notify, watch};

/// How long writes are gathered before a checkpoint.
const GATHER: Duration = Duration::from_millis(50);
/// The longest wait between two checkpoints, whatever began or not.
const AT_LEAST_EVERY: Duration = Duration::from_secs(1);
/// Log pages (of 4 KiB) past which the checkpoint is finished with the writer held: 16 MiB.
pub const CATCH_UP_FRAMES: i64 = 4_096;

/// The background checkpoint of one server's database; it stops when this is dropped (the
/// last clone of its `Db`) or [`Checkpoints::stop`] is called.
#[derive(Debug)]
pub(super) struct Checkpoints {
    wrote: Arc<Notify>,
    stop: watch::Sender<bool>,
    task: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Checkpoints {
    /// Opens the task's connection and starts it; `writer` is the server's writer pool.
    pub(super) async fn start(
        options: &AnyConnectOptions,
        writer: AnyPool,
    ) -> anyhow::Result<Checkpoints> {
        let mut conn = options.connect().await?;
        conn.execute(super::SQLITE_PRAGMAS).await?;
        let wrote = Arc::new(Notify::new());
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(run(conn, writer, wrote.clone(), stopped));
        Ok(Checkpoints { wrote, stop, task: std::sync::Mutex::new(Some(task)) })
    }

    /// A write transaction began: a checkpoint follows it shortly.
    pub(super) fn wrote(&self) {
        self.wrote.notify_one();
    }

    /// Stops the task and waits until its connection is closed, so that the pools' last
    /// connection, closing after it, makes SQLite's own final checkpoint.
    pub(super) async fn stop(&self) {
        let _ = self.stop.send(true);
        let task = self.task.lock().map(|mut t| t.take()).unwrap_or(None);
        if let Some(task) = task {
            let _ = task.await;
        }
    }
}

async fn run(
    mut conn: AnyConnection,
    writer: AnyPool,
    wrote: Arc<Notify>,
    mut stopped: watch::Receiver<bool>,
) {
    // Whether the last checkpoint left pages of the log behind while it still made progress
    // (writes went on meanwhile): then the next one comes without waiting. A checkpoint that
    // moved nothing (a reader holds an old snapshot: a backup, a long export) waits instead.
    let mut behind = false;
    let mut backfilled = -1;
    loop {
        if !behind {
            tokio::select! {
                _ = wrote.notified() => {}
                _ = tokio::time::sleep(AT_LEAST_EVERY) => {}
                // Stopped, or every handle dropped.
                _ = stopped.changed() => break,
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(GATHER) => {}
            _ = stopped.changed() => break,
        }
        let outcome = match checkpoint(&mut conn).await {
            Ok((log, _)) if log >= CATCH_UP_FRAMES => match writer.acquire().await {
                Ok(mut held) => checkpoint(&mut held).await,
                Err(e) => Err(e.into()),
            },
            other => other,
        };
        behind = match outcome {
            Ok((log, done)) => {
                let moved = done != backfilled;
                backfilled = done;
                done < log && moved
            }
            Err(e) => {
                tracing::warn!(error = %e, "checkpoint of the write-ahead log failed");
                false
            }
        };
    }
    let _ = conn.close().await;
}

/// A passive checkpoint: the log's pages and how many of them are now in the database file.
async fn checkpoint(conn: &mut AnyConnection) -> anyhow::Result<(i64, i64)> {
    let (_busy, log, done): (i64, i64, i64) =
        sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(&mut *conn).await?;
    Ok((log, done))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use crate::db::Db;

    /// Rows of `table` in the database file alone, as a copy without its log sees them.
    fn rows_in_file(file: &std::path::Path, table: &str) -> i64 {
        let copy = file.with_extension("copy");
        std::fs::copy(file, &copy).unwrap();
        let conn = rusqlite::Connection::open(&copy).unwrap();
        let n = conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0));
        drop(conn);
        let _ = std::fs::remove_file(&copy);
        n.unwrap_or(-1)
    }

    /// Commits reach the database file though no connection of the server checkpoints as it
    /// commits, and once they have the log starts again from its beginning (it does not grow
    /// without end).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_log_is_written_back_beside_the_writer() {
        let dir = std::env::temp_dir().join(format!("tupa-checkpoints-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("tupa.sqlite");
        let db =
            Db::connect_server(&format!("sqlite://{}?mode=rwc", file.display())).await.unwrap();
        sqlx::query("CREATE TABLE notes (n INTEGER PRIMARY KEY, body TEXT NOT NULL)")
            .execute(db.pool())
            .await
            .unwrap();
        let (autocheckpoint,): (i64,) =
            sqlx::query_as("PRAGMA wal_autocheckpoint").fetch_one(db.pool()).await.unwrap();
        assert_eq!(autocheckpoint, 0, "no connection of the server checkpoints as it commits");

        // Some 6 000 pages of log, in transactions of the writer.
        let body = "x".repeat(3_000);
        for batch in 0..60 {
            let mut tx = db.begin().await.unwrap();
            for i in 0..100 {
                sqlx::query("INSERT INTO notes (n, body) VALUES ($1, $2)")
                    .bind(batch * 100 + i)
                    .bind(&body)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
            }
            tx.commit().await.unwrap();
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        while rows_in_file(&file, "notes") != 6_000 {
            assert!(Instant::now() < deadline, "the commits never reached the database file");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Once a checkpoint has finished (the task's, or this one if it gets there first: the
        // rows above are the task's), the next write starts the log from its beginning.
        let finished = |(busy, log, done): (i64, i64, i64)| busy == 0 && done == log;
        while !finished(
            sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(db.pool()).await.unwrap(),
        ) {
            assert!(Instant::now() < deadline, "no checkpoint finished");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut tx = db.begin().await.unwrap();
        sqlx::query("INSERT INTO notes (n, body) VALUES (-1, 'again')")
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        loop {
            let (busy, log, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
                .fetch_one(db.pool())
                .await
                .unwrap();
            if busy == 0 {
                assert!(log < 100, "the log went on from page {log} instead of starting again");
                break;
            }
            assert!(Instant::now() < deadline, "the task's checkpoint never ended");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        db.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
