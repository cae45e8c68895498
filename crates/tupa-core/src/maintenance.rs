//! Maintenance: every lifecycle and retention step that falls due by the clock, run as of a
//! moment (`now`) by `tupa maintenance run [--at]` and hourly by `tupa serve`.
//!
//! Each step is a conditional update or delete ("close the spaces that are open and idle
//! since …"), so running it twice, or in two processes at once, does the work once: the
//! second finds nothing left that matches. The steps run in the order of [`Step::ALL`], which
//! matters: a space due for closing is closed before the warning step looks for spaces that
//! will be due soon, so nobody is warned about what already happened.
//!
//! Months are calendar months in UTC: "3 months before 31 May 12:00" is 28 (or 29) February
//! 12:00 — the day is clamped to the end of a shorter month.

use serde::Serialize;

use crate::config::{Environment, Settings};
use crate::db::Db;
use crate::error::Result;
use crate::guidance::lifecycle;
use crate::identity::retention;
use crate::retention::{self as rules, DataType};

/// The kinds of step ([`Step::ALL`] gives the order they run in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// Open spaces without a client sign-in for 3 months close.
    CloseIdleSpaces,
    /// The client of a space that closes for inactivity within 14 days gets a mail.
    WarnIdleSpaces,
    /// Spaces closed 3 months ago are archived: the client's alone, read-only.
    ArchiveClosedSpaces,
    /// Spaces archived a year ago are deleted with everything in them.
    DeleteArchivedSpaces,
    /// The client of an archive deleted within 30 days gets a mail (time to download it).
    WarnArchiveDeletion,
    /// Accounts not seen for 15 months are removed.
    RemoveUnseenUsers,
    /// Retention (see [`crate::retention`]): raw mail past its organisation's rule.
    DeleteRawMail,
    /// Closed tickets past their organisation's rule, with their messages and files.
    DeleteClosedTickets,
    /// Applications past their recruitment's retention, with their files and history.
    PurgeApplications,
    /// Written mail past its organisation's rule (mail waiting to be sent stays).
    DeleteOutbox,
    /// Audit entries past their organisation's rule.
    DeleteAudit,
}

impl Step {
    pub const ALL: [Step; 11] = [
        Step::DeleteAudit,
        Step::DeleteRawMail,
        Step::DeleteClosedTickets,
        Step::PurgeApplications,
        Step::DeleteOutbox,
        Step::CloseIdleSpaces,
        Step::WarnIdleSpaces,
        Step::ArchiveClosedSpaces,
        Step::DeleteArchivedSpaces,
        Step::WarnArchiveDeletion,
        Step::RemoveUnseenUsers,
    ];

    /// A retention step (see [`crate::retention`]). They run first: a run `--at` a future
    /// moment must not delete the mail and entries it writes itself, and so deletes exactly
    /// what the retention preview counted.
    pub fn is_retention(self) -> bool {
        matches!(
            self,
            Step::DeleteAudit
                | Step::DeleteRawMail
                | Step::DeleteClosedTickets
                | Step::PurgeApplications
                | Step::DeleteOutbox
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Step::CloseIdleSpaces => "close-idle-spaces",
            Step::WarnIdleSpaces => "warn-idle-spaces",
            Step::ArchiveClosedSpaces => "archive-closed-spaces",
            Step::DeleteArchivedSpaces => "delete-archived-spaces",
            Step::WarnArchiveDeletion => "warn-archive-deletion",
            Step::RemoveUnseenUsers => "remove-unseen-users",
            Step::DeleteRawMail => "delete-raw-mail",
            Step::DeleteClosedTickets => "delete-closed-tickets",
            Step::PurgeApplications => "purge-applications",
            Step::DeleteOutbox => "delete-outbox",
            Step::DeleteAudit => "delete-audit",
        }
    }

    /// What `count` means for this step, in words (the CLI's and the log's line).
    fn what(self) -> &'static str {
        match self {
            Step::CloseIdleSpaces => "spaces closed for want of client sign-ins",
            Step::WarnIdleSpaces => "clients warned that their space closes soon",
            Step::ArchiveClosedSpaces => "spaces archived",
            Step::DeleteArchivedSpaces => "archived spaces deleted",
            Step::WarnArchiveDeletion => "clients warned that their archive is deleted soon",
            Step::RemoveUnseenUsers => "accounts removed",
            Step::DeleteRawMail => "raw mails deleted",
            Step::DeleteClosedTickets => "closed tickets deleted",
            Step::PurgeApplications => "applications deleted",
            Step::DeleteOutbox => "written mails deleted",
            Step::DeleteAudit => "audit entries deleted",
        }
    }

    async fn run(self, db: &Db, settings: &Settings, now: i64) -> Result<Done> {
        match self {
            Step::CloseIdleSpaces => lifecycle::close_idle(db, now).await,
            Step::WarnIdleSpaces => lifecycle::warn_idle(db, settings, now).await,
            Step::ArchiveClosedSpaces => lifecycle::archive_closed(db, now).await,
            Step::DeleteArchivedSpaces => lifecycle::delete_archived(db, now).await,
            Step::WarnArchiveDeletion => lifecycle::warn_deletion(db, settings, now).await,
            Step::RemoveUnseenUsers => retention::remove_unseen(db, now).await,
            Step::DeleteRawMail => rules::apply::delete_rows(db, DataType::RawMail, now).await,
            Step::DeleteClosedTickets => rules::apply::delete_tickets(db, now).await,
            Step::PurgeApplications => {
                let p = crate::recruitment::retention::purge_expired(db, now).await?;
                Ok(Done {
                    count: p.applications,
                    rows: vec![
                        ("application_files".into(), p.files),
                        ("application_events".into(), p.events),
                    ],
                })
            }
            Step::DeleteOutbox => rules::apply::delete_rows(db, DataType::Outbox, now).await,
            Step::DeleteAudit => rules::apply::delete_rows(db, DataType::Audit, now).await,
        }
    }
}

/// What one step did: how many things (spaces, accounts) and, for deletions, how many rows
/// went with them, by table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Done {
    pub count: u64,
    pub rows: Vec<(String, u64)>,
}

impl Done {
    pub fn count(count: u64) -> Done {
        Done { count, rows: vec![] }
    }
}

/// One step's outcome in a run.
#[derive(Clone, Debug, Serialize)]
pub struct StepReport {
    pub step: Step,
    pub done: Done,
}

impl std::fmt::Display for StepReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} {}", self.step.as_str(), self.done.count, self.step.what())?;
        let rows: Vec<String> = self
            .done
            .rows
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(table, n)| format!("{n} {table}"))
            .collect();
        if !rows.is_empty() {
            write!(
                f,
                " ({} rows deleted: {})",
                self.done.rows.iter().map(|r| r.1).sum::<u64>(),
                rows.join(", ")
            )?;
        }
        Ok(())
    }
}

/// Runs every step as of `now` (Unix seconds), in order. A failing step stops the run (the
/// next run picks up where it stopped: nothing is half-done, each item is one transaction).
pub async fn run(db: &Db, settings: &Settings, now: i64) -> Result<Vec<StepReport>> {
    let mut report = Vec::with_capacity(Step::ALL.len());
    for step in Step::ALL {
        let done = step.run(db, settings, now).await?;
        report.push(StepReport { step, done });
    }
    Ok(report)
}

/// Why a run "as of" `at` is refused, or None when it may go ahead. The future only in the
/// training environment (to test and preview the lifecycle; in production it would close and
/// delete what is not yet due). The past is refused everywhere: it does nothing the present
/// would not, and a timestamp written "then" would misstate when something happened.
pub fn refuse_at(environment: Environment, at: i64, now: i64) -> Option<&'static str> {
    // A minute of slack for a clock read by a script a moment earlier.
    if at > now + 60 && environment != Environment::Training {
        Some("--at in the future is accepted only in the training environment")
    } else if at < now - 60 {
        Some("--at in the past is refused: what is due then is due now too")
    } else {
        None
    }
}

/// How often the background job runs, and how soon after start.
const EVERY_SECS: u64 = 3600;
const FIRST_AFTER_SECS: u64 = 60;

/// Runs the steps shortly after start and then hourly until the process stops. Several
/// processes may run it: the steps' conditional updates make that safe.
pub async fn run_forever(db: Db, settings: Settings) {
    // Statistics first, at once: a server started on a database that grew without them
    // (an import, a restore) plans for tables of another size until they are gathered.
    refresh_statistics(&db).await;
    tokio::time::sleep(std::time::Duration::from_secs(FIRST_AFTER_SECS)).await;
    loop {
        match run(&db, &settings, crate::db::now()).await {
            Ok(report) => {
                for r in report.iter().filter(|r| r.done.count > 0) {
                    tracing::info!(
                        step = r.step.as_str(),
                        count = r.done.count,
                        "maintenance: {r}"
                    );
                }
                match crate::desk::search_index::tidy(&db).await {
                    Ok(0) => {}
                    Ok(steps) => tracing::info!(steps, "maintenance: search index merged"),
                    Err(e) => tracing::error!(error = %e, "merging the search index failed"),
                }
                crate::jobs::beat(crate::jobs::Job::Maintenance);
            }
            Err(e) => tracing::error!(error = %e, "maintenance run failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(EVERY_SECS)).await;
        // Before each run but the first, which comes a minute after the start's.
        refresh_statistics(&db).await;
    }
}

async fn refresh_statistics(db: &Db) {
    if let Err(e) = db.refresh_statistics().await {
        tracing::error!(error = %e, "gathering the planner's statistics failed");
    }
}

/// `t` moved `months` calendar months back (negative: forward), in UTC, with the day clamped
/// to the length of the month reached.
pub fn months_before(t: i64, months: i32) -> i64 {
    let Ok(at) = time::OffsetDateTime::from_unix_timestamp(t) else { return t };
    let index = at.year() * 12 + i32::from(u8::from(at.month())) - 1 - months;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let Ok(month) = time::Month::try_from(month as u8) else { return t };
    let day = at.day().min(time::util::days_in_month(month, year));
    match time::Date::from_calendar_date(year, month, day) {
        Ok(date) => date.with_time(at.time()).assume_utc().unix_timestamp(),
        Err(_) => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn ts(d: time::OffsetDateTime) -> i64 {
        d.unix_timestamp()
    }

    #[test]
    fn months_are_calendar_months_with_the_day_clamped() {
        assert_eq!(
            months_before(ts(datetime!(2026-05-31 12:00 UTC)), 3),
            ts(datetime!(2026-02-28 12:00 UTC))
        );
        assert_eq!(
            months_before(ts(datetime!(2028-05-31 00:00 UTC)), 3),
            ts(datetime!(2028-02-29 00:00 UTC))
        );
        assert_eq!(
            months_before(ts(datetime!(2026-01-15 08:30 UTC)), 15),
            ts(datetime!(2024-10-15 08:30 UTC))
        );
        assert_eq!(
            months_before(ts(datetime!(2026-11-30 00:00 UTC)), -3),
            ts(datetime!(2027-02-28 00:00 UTC))
        );
        assert_eq!(
            months_before(ts(datetime!(2026-03-10 00:00 UTC)), 12),
            ts(datetime!(2025-03-10 00:00 UTC))
        );
    }

    #[test]
    fn the_future_is_for_training_only_and_the_past_for_nobody() {
        let now = 1_800_000_000;
        assert!(refuse_at(Environment::Production, now + 86400, now).is_some());
        assert!(refuse_at(Environment::Training, now + 86400, now).is_none());
        assert!(refuse_at(Environment::Production, now, now).is_none());
        assert!(refuse_at(Environment::Training, now - 86400, now).is_some());
    }
}
