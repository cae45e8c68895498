//! Operational figures read from the database for the operator's metrics: what waits in the
//! outbox, how the IMAP mailboxes and the job-market sending fare, and what became of
//! incoming mail. The same for every instance, since they share the database.

use crate::db::Db;
use crate::error::Result;

/// A desk mailbox's state as the poller left it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailboxState {
    /// Read without error last time.
    Ok,
    /// The last attempt failed (after the last success, if any).
    Failing,
    /// Enabled, not yet read.
    Waiting,
    Disabled,
}

impl MailboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            MailboxState::Ok => "ok",
            MailboxState::Failing => "failing",
            MailboxState::Waiting => "waiting",
            MailboxState::Disabled => "disabled",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub outbox_pending: i64,
    /// Seconds the longest-waiting due mail has waited (0 when none is due).
    pub outbox_oldest_due_seconds: i64,
    pub outbox_failed: i64,
    pub mailboxes: Vec<MailboxState>,
    /// The longest time since an enabled mailbox was last read without error (seconds since
    /// it was enabled-and-never-read are not known, so those count from now).
    pub imap_seconds_since_success: i64,
    /// Job ads by `jobmarket_state`.
    pub job_market: Vec<(String, i64)>,
    /// Incoming mail on record by outcome and refusal reason ("" when stored).
    pub ingested: Vec<(String, String, i64)>,
}

pub async fn read(db: &Db, now: i64) -> Result<Figures> {
    let pool = db.pool();
    let (outbox_pending, oldest): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(next_attempt_at) FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= $1",
    )
    .bind(now)
    .fetch_one(pool)
    .await?;
    let (outbox_failed,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE status = 'failed'")
            .fetch_one(pool)
            .await?;
    let rows: Vec<(i64, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT enabled, last_success_at, last_error_at FROM desk_imap")
            .fetch_all(pool)
            .await?;
    let mut imap_seconds_since_success = 0;
    let mailboxes = rows
        .into_iter()
        .map(|(enabled, success, error)| {
            if enabled != 0 {
                imap_seconds_since_success =
                    imap_seconds_since_success.max(now - success.unwrap_or(now));
            }
            mailbox_state(enabled != 0, success, error)
        })
        .collect();
    let job_market = sqlx::query_as(
        "SELECT jobmarket_state, COUNT(*) FROM job_ads GROUP BY jobmarket_state
         ORDER BY jobmarket_state",
    )
    .fetch_all(pool)
    .await?;
    let ingested: Vec<(String, Option<String>, i64)> = sqlx::query_as(
        "SELECT outcome, reason, COUNT(*) FROM raw_mail GROUP BY outcome, reason
         ORDER BY outcome, reason",
    )
    .fetch_all(pool)
    .await?;
    Ok(Figures {
        outbox_pending,
        outbox_oldest_due_seconds: oldest.map_or(0, |at| (now - at).max(0)),
        outbox_failed,
        mailboxes,
        imap_seconds_since_success: imap_seconds_since_success.max(0),
        job_market,
        ingested: ingested.into_iter().map(|(o, r, n)| (o, r.unwrap_or_default(), n)).collect(),
    })
}

fn mailbox_state(enabled: bool, success: Option<i64>, error: Option<i64>) -> MailboxState {
    match (enabled, success, error) {
        (false, _, _) => MailboxState::Disabled,
        (true, None, None) => MailboxState::Waiting,
        (true, s, Some(e)) if s.is_none_or(|s| e > s) => MailboxState::Failing,
        _ => MailboxState::Ok,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailbox_fails_when_its_last_error_is_newer_than_its_last_success() {
        assert_eq!(mailbox_state(true, Some(10), Some(20)), MailboxState::Failing);
        assert_eq!(mailbox_state(true, None, Some(20)), MailboxState::Failing);
        assert_eq!(mailbox_state(true, Some(30), Some(20)), MailboxState::Ok);
        assert_eq!(mailbox_state(true, None, None), MailboxState::Waiting);
        assert_eq!(mailbox_state(false, Some(30), None), MailboxState::Disabled);
    }
}
