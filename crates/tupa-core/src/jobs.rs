//! Heartbeats of the background jobs that `tupa serve` runs, so the operator can see a job
//! that stopped going round (`/metrics` reports the seconds since each last completed a
//! round). Kept in the process: each process runs its own loops, and a stalled loop is a
//! property of the process that has it.

use std::sync::Mutex;

/// The loops `tupa serve` keeps running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Job {
    /// Sends the outbox by SMTP.
    MailSender,
    /// Reads the desk mailboxes by IMAP.
    ImapPoller,
    /// Opens and closes job ads by the clock.
    AdClock,
    /// Deletes applications whose retention ended.
    ApplicationRetention,
    /// Sends ads to the national job market.
    JobMarketSender,
    /// Runs the lifecycle and retention steps (`tupa maintenance run`), hourly.
    Maintenance,
}

impl Job {
    pub const ALL: [Job; 6] = [
        Job::MailSender,
        Job::ImapPoller,
        Job::AdClock,
        Job::ApplicationRetention,
        Job::JobMarketSender,
        Job::Maintenance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Job::MailSender => "mail-sender",
            Job::ImapPoller => "imap-poller",
            Job::AdClock => "ad-clock",
            Job::ApplicationRetention => "application-retention",
            Job::JobMarketSender => "job-market-sender",
            Job::Maintenance => "maintenance",
        }
    }
}

static BEATS: Mutex<[Option<i64>; Job::ALL.len()]> = Mutex::new([None; Job::ALL.len()]);

/// Records that `job` completed a round just now.
pub fn beat(job: Job) {
    let now = crate::db::now();
    if let Ok(mut beats) = BEATS.lock() {
        beats[job as usize] = Some(now);
    }
}

/// When each job last completed a round (unix seconds); None for a job that has not run in
/// this process (not started, or not configured, like the SMTP sender without SMTP).
pub fn last_beats() -> Vec<(Job, Option<i64>)> {
    let beats = BEATS.lock().map(|b| *b).unwrap_or([None; Job::ALL.len()]);
    Job::ALL.iter().map(|&j| (j, beats[j as usize])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_beat_is_recorded_for_its_job_only() {
        beat(Job::AdClock);
        let beats = last_beats();
        let at = |job| beats.iter().find(|(j, _)| *j == job).unwrap().1;
        assert!(at(Job::AdClock).is_some_and(|t| t >= crate::db::now() - 5));
        // The index of every job is its own (ALL lists them in declaration order).
        for (i, job) in Job::ALL.iter().enumerate() {
            assert_eq!(*job as usize, i);
        }
    }
}
