//! Following the primary of a PostgreSQL cluster named by a multi-host `DATABASE_URL`.
//!
//! The pool keeps one sqlx pool for its whole life (every caller holds `&AnyPool`); what
//! moves is the host its new connections go to (`Pool::set_connect_options`). Three things
//! keep it on the right server:
//! - a supervisor task holds one connection of its own to the chosen host and asks it every
//!   second whether it still fits (`pg_is_in_recovery()`, `transaction_read_only`); when it
//!   does not answer or no longer fits, it tries the hosts in order and points the pool at the
//!   first that fits;
//! - every new pooled connection is checked the same way (`after_connect`), so a demoted
//!   primary that comes back as a standby is never used for writes; a refusal wakes the
//!   supervisor and sqlx retries the connect, which then reads the new host;
//! - connections opened before a switch are dropped when next acquired (`before_acquire`),
//!   and database errors that mean "this server went away or turned read-only" (see [`note`])
//!   wake the supervisor at once instead of at its next tick.

use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use sqlx::any::AnyConnectOptions;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{AnyPool, Connection};
use tokio::sync::Notify;

use super::hosts::{HostList, TargetSessionAttrs};

/// How often the supervisor asks the chosen host whether it still fits.
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// How often it tries the hosts while none fits (during a failover).
const SEARCH_EVERY: Duration = Duration::from_millis(200);
/// A host that takes longer than this to connect or answer counts as down.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);
/// The state query, the same that libpq's `target_session_attrs` relies on.
const STATE_SQL: &str = "SELECT pg_is_in_recovery(), current_setting('transaction_read_only')";

/// Wakes every supervisor of this process (see [`note`]).
static SUSPECT: Notify = Notify::const_new();

/// Tells the supervisors that a query failed in a way a failover causes: the server shut
/// down (57P01–57P03), refused a write as read-only (25006, a demoted primary), or the
/// connection broke. Cheap; called for every database error that reaches `Error`.
pub fn note(err: &sqlx::Error) {
    let suspicious = match err {
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            matches!(code.as_ref(), "25006" | "57P01" | "57P02" | "57P03") || code.starts_with("08")
        }),
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::Protocol(_) => true,
        _ => false,
    };
    if suspicious {
        SUSPECT.notify_waiters();
    }
}

/// The host list and which host the pool uses.
#[derive(Debug)]
pub struct Failover {
    list: HostList,
    current: Mutex<usize>,
    /// When the pool last moved to another host: connections older than that are dropped.
    switched_at: Mutex<Option<Instant>>,
    /// Woken by a pooled connection that landed on an unfit server.
    wake: Notify,
}

/// What a host said about itself.
#[derive(Clone, Copy, Debug)]
struct State {
    in_recovery: bool,
    read_only: bool,
}

impl Failover {
    /// Finds the first fitting host of `list`, trying for up to `patience` (a cluster may be
    /// in the middle of a failover when Tupa starts).
    /// Returns the pool's first connect options and the connection the supervisor watches.
    pub async fn start(
        list: HostList,
        patience: Duration,
    ) -> anyhow::Result<(Arc<Failover>, AnyConnectOptions, PgConnection)> {
        let deadline = Instant::now() + patience;
        let (index, conn) = loop {
            match choose(&list).await {
                Ok(found) => break found,
                Err(e) if Instant::now() >= deadline => return Err(e),
                Err(_) => tokio::time::sleep(SEARCH_EVERY).await,
            }
        };
        tracing::info!(host = %list.hosts[index].label, "database host chosen from DATABASE_URL");
        let options = any_options(&list, index)?;
        let failover = Arc::new(Failover {
            list,
            current: Mutex::new(index),
            switched_at: Mutex::new(None),
            wake: Notify::new(),
        });
        Ok((failover, options, conn))
    }

    /// The single-host URL of the host in use, for connections outside the pool (LISTEN).
    pub fn current_url(&self) -> String {
        let index = *self.current.lock().unwrap();
        self.list.hosts[index].url.clone()
    }

    /// `after_connect`: refuses a new pooled connection to a server that does not fit.
    pub async fn check_new(&self, conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
        let (in_recovery, read_only): (bool, String) =
            sqlx::query_as(STATE_SQL).fetch_one(&mut *conn).await?;
        let state = State { in_recovery, read_only: read_only == "on" };
        if self.list.target.accepts(state.in_recovery, state.read_only) {
            return Ok(());
        }
        self.wake.notify_one();
        Err(sqlx::Error::Configuration(
            format!("the database host no longer fits target_session_attrs ({state:?})").into(),
        ))
    }

    /// `before_acquire`: false for a connection opened before the pool last switched hosts.
    pub fn still_current(&self, age: Duration) -> bool {
        match *self.switched_at.lock().unwrap() {
            Some(at) => age < at.elapsed(),
            None => true,
        }
    }

    /// Watches the host in use and moves `pool` to another when it stops fitting; returns
    /// when the pool is closed.
    pub async fn supervise(self: Arc<Self>, pool: AnyPool, watched: PgConnection) {
        let mut watch = Some(watched);
        let mut healthy = true;
        loop {
            let pause = if healthy { CHECK_EVERY } else { SEARCH_EVERY };
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = SUSPECT.notified() => {}
                _ = self.wake.notified() => {}
            }
            if pool.is_closed() {
                break;
            }
            if let Some(conn) = watch.as_mut()
                && matches!(state(conn).await, Ok(s) if self.list.target.accepts(s.in_recovery, s.read_only))
            {
                healthy = true;
                continue;
            }
            watch = None;
            match choose(&self.list).await {
                Ok((index, conn)) => {
                    watch = Some(conn);
                    healthy = true;
                    let before = std::mem::replace(&mut *self.current.lock().unwrap(), index);
                    if before != index {
                        match any_options(&self.list, index) {
                            Ok(options) => pool.set_connect_options(options),
                            Err(e) => {
                                tracing::error!(error = %e, "cannot use the new database host")
                            }
                        }
                        *self.switched_at.lock().unwrap() = Some(Instant::now());
                        tracing::warn!(
                            from = %self.list.hosts[before].label,
                            to = %self.list.hosts[index].label,
                            "database failover: the pool now connects to another host"
                        );
                    }
                }
                Err(e) => {
                    if healthy {
                        tracing::warn!(error = %e, "no database host fits; searching");
                    }
                    healthy = false;
                }
            }
        }
    }
}

/// The first host that fits, with an open connection to it (kept by the supervisor to watch
/// it). `PreferStandby` tries for a standby first, then takes any host.
async fn choose(list: &HostList) -> anyhow::Result<(usize, PgConnection)> {
    let passes: &[TargetSessionAttrs] = match list.target {
        TargetSessionAttrs::PreferStandby => {
            &[TargetSessionAttrs::Standby, TargetSessionAttrs::Any]
        }
        other => &[other],
    };
    let mut seen = Vec::new();
    for &target in passes {
        seen.clear();
        for (index, host) in list.hosts.iter().enumerate() {
            match probe(&host.url).await {
                Ok((s, conn)) if target.accepts(s.in_recovery, s.read_only) => {
                    return Ok((index, conn));
                }
                Ok((s, conn)) => {
                    let _ = conn.close().await;
                    let what = match (s.in_recovery, s.read_only) {
                        (true, _) => "standby",
                        (false, true) => "primary, read-only",
                        (false, false) => "primary",
                    };
                    seen.push(format!("{}: {what}", host.label));
                }
                Err(e) => seen.push(format!("{}: {e:#}", host.label)),
            }
        }
    }
    anyhow::bail!("no host of DATABASE_URL fits target_session_attrs: {}", seen.join("; "))
}

async fn probe(url: &str) -> anyhow::Result<(State, PgConnection)> {
    let options = PgConnectOptions::from_str(url)?;
    let mut conn = tokio::time::timeout(PROBE_TIMEOUT, PgConnection::connect_with(&options))
        .await
        .context("connect timed out")??;
    let s = state(&mut conn).await?;
    Ok((s, conn))
}

async fn state(conn: &mut PgConnection) -> anyhow::Result<State> {
    let (in_recovery, read_only): (bool, String) =
        tokio::time::timeout(PROBE_TIMEOUT, sqlx::query_as(STATE_SQL).fetch_one(conn))
            .await
            .context("no answer")??;
    Ok(State { in_recovery, read_only: read_only == "on" })
}

fn any_options(list: &HostList, index: usize) -> anyhow::Result<AnyConnectOptions> {
    AnyConnectOptions::from_str(&list.hosts[index].url).context("invalid database URL")
}
