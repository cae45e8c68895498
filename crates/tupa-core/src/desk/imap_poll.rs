//! The IMAP poller: the other way mail comes in. Each `tupa serve` process runs one
//! supervisor that re-reads the enabled mailboxes (so changes apply without a restart) and
//! takes a lease on each; only the lease holder reads a mailbox, so several processes on one
//! PostgreSQL never fetch the same message at once. A worker per leased mailbox reads unseen
//! messages, hands each to `ingest` with the desk address as the envelope recipient, and only
//! then flags it \Seen: a message is never lost (a failure leaves it unseen, tried again with
//! backoff) and never taken twice (a stored message is flagged; one already stored when a
//! crash came between storing and flagging is recognised by its bytes and just flagged).
//! Between rounds it waits with IDLE when the server offers it, else sleeps. Errors are logged
//! and recorded on the mailbox for the settings page; nothing here stops the server.

use std::collections::HashMap;
use std::time::Duration;

use sha2::{Digest, Sha256};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::ingest;
use super::mailboxes::{self, ImapMailbox};
use crate::config::Settings;
use crate::db::{Db, new_id, now};
use crate::mail::imap::{self, Folder, Security, Target};

/// How often things happen. Tests shorten them.
#[derive(Clone, Debug)]
pub struct Timing {
    /// How often the supervisor re-reads the mailboxes and renews its leases.
    pub rescan: Duration,
    /// How long a lease lasts unless renewed (a few rescans, so one slow round does not lose it).
    pub lease: Duration,
    /// IDLE is ended and started again after this (servers may drop it after 30 minutes).
    pub idle_renew: Duration,
    /// Without IDLE: the pause between checks.
    pub poll: Duration,
    /// The first pause after a failure; it doubles with each failure in a row, up to `backoff_max`.
    pub backoff_first: Duration,
    pub backoff_max: Duration,
}

impl Timing {
    pub fn new(settings: &Settings) -> Timing {
        Timing {
            rescan: Duration::from_secs(30),
            lease: Duration::from_secs(90),
            idle_renew: Duration::from_secs(25 * 60),
            poll: Duration::from_secs(settings.imap_poll_seconds),
            backoff_first: Duration::from_secs(30),
            backoff_max: Duration::from_secs(15 * 60),
        }
    }

    fn backoff(&self, failures: u32) -> Duration {
        self.backoff_first
            .saturating_mul(1 << failures.saturating_sub(1).min(16))
            .min(self.backoff_max)
    }
}

/// Runs until the process stops.
pub async fn poll_forever(db: Db, settings: Settings) {
    let timing = Timing::new(&settings);
    run(db, settings, timing).await
}

/// A mailbox this process is reading.
struct Running {
    /// The settings it was started with; a change restarts the worker.
    settings: String,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

pub async fn run(db: Db, settings: Settings, timing: Timing) {
    // This process's name on the leases: unique per start, so a restarted process does not
    // take over a lease its predecessor may still be using.
    let owner = new_id();
    let mut running: HashMap<(String, String), Running> = HashMap::new();
    // Workers told to stop that may still be finishing a message: a new worker for the same
    // mailbox waits for them, so two never handle one message at once.
    let mut stopping: HashMap<(String, String), JoinHandle<()>> = HashMap::new();
    loop {
        stopping.retain(|_, task| !task.is_finished());
        match mailboxes::enabled(&db).await {
            Ok(list) => {
                // Stop workers whose mailbox was removed, disabled or changed, or who ended.
                let ended: Vec<_> = running
                    .iter()
                    .filter(|((org_id, address), r)| {
                        r.task.is_finished()
                            || !list.iter().any(|m| {
                                &m.org_id == org_id
                                    && &m.address == address
                                    && m.fingerprint() == r.settings
                            })
                    })
                    .map(|(k, _)| k.clone())
                    .collect();
                for key in ended {
                    if let Some(r) = running.remove(&key) {
                        let _ = r.stop.send(true);
                        stopping.insert(key, r.task);
                    }
                }
                for mailbox in list {
                    let key = (mailbox.org_id.clone(), mailbox.address.clone());
                    let until = now() + timing.lease.as_secs() as i64;
                    match mailboxes::lease(&db, &mailbox.org_id, &mailbox.address, &owner, until)
                        .await
                    {
                        Ok(true) if stopping.contains_key(&key) => {}
                        Ok(true) => {
                            running.entry(key).or_insert_with(|| {
                                tracing::info!(address = %mailbox.address, host = %mailbox.host, "reading the IMAP mailbox");
                                let (stop, stopped) = watch::channel(false);
                                let fingerprint = mailbox.fingerprint();
                                let task = tokio::spawn(work(db.clone(), settings.clone(), timing.clone(), mailbox, stopped));
                                Running { settings: fingerprint, stop, task }
                            });
                        }
                        Ok(false) => {
                            // Another process holds it (or took it over after our lease ran out).
                            if let Some(r) = running.remove(&key) {
                                tracing::warn!(address = %key.1, "lost the lease on an IMAP mailbox; another process reads it now");
                                let _ = r.stop.send(true);
                                stopping.insert(key, r.task);
                            }
                        }
                        Err(e) => {
                            tracing::warn!(address = %key.1, error = %e, "cannot renew the lease on an IMAP mailbox")
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot read the IMAP mailboxes"),
        }
        crate::jobs::beat(crate::jobs::Job::ImapPoller);
        tokio::time::sleep(timing.rescan).await;
    }
}

/// Reads one mailbox until told to stop, reconnecting with backoff after failures.
async fn work(
    db: Db,
    settings: Settings,
    timing: Timing,
    mailbox: ImapMailbox,
    mut stop: watch::Receiver<bool>,
) {
    let mut failures = 0u32;
    loop {
        match session(&db, &settings, &timing, &mailbox, &mut stop, &mut failures).await {
            Ok(()) => return,
            Err(e) => {
                failures += 1;
                let text = format!("{e:#}");
                tracing::warn!(address = %mailbox.address, error = %text, failures, "IMAP mailbox failed; trying again later");
                if let Err(e) =
                    mailboxes::record_error(&db, &mailbox.org_id, &mailbox.address, &text).await
                {
                    tracing::warn!(error = %e, "cannot record the IMAP error");
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(timing.backoff(failures)) => {}
            _ = imap::stopped(&mut stop) => return,
        }
    }
}

/// One connection: read what is unseen, wait for more, again. Ok when stopped.
async fn session(
    db: &Db,
    settings: &Settings,
    timing: &Timing,
    mailbox: &ImapMailbox,
    stop: &mut watch::Receiver<bool>,
    failures: &mut u32,
) -> anyhow::Result<()> {
    let password = crate::secrets::decrypt(settings, &mailbox.password_enc)?;
    let target = Target {
        host: &mailbox.host,
        port: u16::try_from(mailbox.port)?,
        security: Security::parse(&mailbox.security).unwrap_or(Security::Tls),
        username: &mailbox.username,
        password: &password,
        folder: &mailbox.folder,
    };
    let mut folder = imap::open(&target, settings.imap_ca_file.as_deref()).await?;
    loop {
        let stopped = take_unseen(db, settings, mailbox, &mut folder, stop).await?;
        mailboxes::record_success(db, &mailbox.org_id, &mailbox.address).await?;
        *failures = 0;
        if stopped {
            folder.close().await;
            return Ok(());
        }
        if folder.supports_idle() {
            match folder.idle(timing.idle_renew, stop).await? {
                Some(f) => folder = f,
                None => return Ok(()),
            }
        } else {
            tokio::select! {
                _ = tokio::time::sleep(timing.poll) => {}
                _ = imap::stopped(stop) => {
                    folder.close().await;
                    return Ok(());
                }
            }
        }
    }
}

/// Stores every unseen message and flags it \Seen. True when asked to stop midway.
async fn take_unseen(
    db: &Db,
    settings: &Settings,
    mailbox: &ImapMailbox,
    folder: &mut Folder,
    stop: &watch::Receiver<bool>,
) -> anyhow::Result<bool> {
    for uid in folder.unseen().await? {
        if *stop.borrow() {
            return Ok(true);
        }
        // A message over the limit is never fetched: the size the server reports decides,
        // and only its header is read for the short record. Flagged \Seen like any other,
        // so it is not fetched again and again. (None: removed since the search.)
        let limit = crate::mail::inbound::MAX_MESSAGE_BYTES;
        let Some(size) = folder.size(uid).await? else { continue };
        if size > limit as u64 {
            let head = folder.fetch_header(uid, ingest::TOO_LARGE_HEADER_KEPT).await?;
            let outcome = ingest::refuse_too_large(
                db,
                head.as_deref().unwrap_or_default(),
                size,
                Some(&mailbox.address),
            )
            .await
            .map_err(|e| {
                anyhow::Error::from(e)
                    .context("a message could not be recorded; it stays in the mailbox")
            })?;
            tracing::info!(address = %mailbox.address, uid, size, outcome = ?outcome, "IMAP message over the size limit refused");
            folder.mark_seen(uid).await?;
            continue;
        }
        // At most one byte over the limit, whatever the server said the size was.
        let Some(raw) = folder.fetch(uid, limit + 1).await? else { continue };
        if already_stored(db, &raw, &mailbox.address).await? {
            tracing::info!(address = %mailbox.address, uid, "IMAP message was stored before; flagging it seen");
        } else {
            // Err means nothing was stored (the database is unreachable): the message stays
            // unseen and the whole round is tried again after a pause.
            let outcome =
                ingest::ingest(db, settings, &raw, Some(&mailbox.address)).await.map_err(|e| {
                    anyhow::Error::from(e)
                        .context("a message could not be stored; it stays in the mailbox")
                })?;
            match &outcome {
                ingest::Outcome::Refused { reason, raw_mail_id } => {
                    tracing::info!(address = %mailbox.address, uid, reason, raw_mail_id, "IMAP message refused and kept")
                }
                _ => {
                    tracing::info!(address = %mailbox.address, uid, case = outcome.case_number().unwrap_or_default(), "IMAP message stored")
                }
            }
        }
        folder.mark_seen(uid).await?;
    }
    Ok(false)
}

/// True when these exact bytes were already kept for this address. The same bytes twice are
/// the same delivery (Received headers carry the receiving server's time and queue id).
async fn already_stored(db: &Db, raw: &[u8], address: &str) -> anyhow::Result<bool> {
    let digest = hex::encode(Sha256::digest(raw));
    let found: Option<(String,)> =
        sqlx::query_as("SELECT id FROM raw_mail WHERE sha256 = $1 AND recipient = $2 LIMIT 1")
            .bind(digest)
            .bind(address)
            .fetch_optional(db.pool())
            .await?;
    Ok(found.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let t = Timing {
            rescan: Duration::ZERO,
            lease: Duration::ZERO,
            idle_renew: Duration::ZERO,
            poll: Duration::ZERO,
            backoff_first: Duration::from_secs(30),
            backoff_max: Duration::from_secs(900),
        };
        let secs: Vec<u64> = (1..=7).map(|n| t.backoff(n).as_secs()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 900, 900]);
        assert_eq!(t.backoff(100).as_secs(), 900);
    }
}
