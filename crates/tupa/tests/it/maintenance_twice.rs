//! Two maintenance runs at the same moment, as when two `tupa serve` instances (or an
//! instance and an operator's `tupa maintenance run`) reach the same hour: two real
//! `tupa maintenance run --at <same time>` processes on one database, with every kind of step
//! due — spaces to close for inactivity, to warn, to archive, to delete and to warn before
//! deletion, accounts unseen for 15 months (two of them an organisation's only main admins),
//! audit entries past retention (of an organisation and of the installation), closed tickets
//! and applications past theirs. Each effect happens exactly once: one notice mail per space,
//! one audit entry per closing, archiving, deletion, removal and purge, the deletions counted
//! once between the two processes' reports, and nothing left for a third run.
//!
//! On PostgreSQL both processes are held at their first statement (behind a lock the test
//! takes on `audit_log`) and released together, so they work through the same items side by
//! side. On SQLite (one file, two processes) they start together and queue on the write lock.
//!
//! Two runs as of slightly different moments, each removing a different one of an
//! organisation's only two main admins, leave it one
//! (`two_runs_at_once_leave_an_organisation_a_main_admin`; before the organisation was locked
//! for the check, both went).
//!
//! The ad clock, which runs in `tupa serve` only, has its two-instance test in
//! `two_instances::two_instances_close_and_publish_ads_once`.

use std::collections::HashMap;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::multipart::Part;
use serde_json::json;
use tupa_core::desk::queues;
use tupa_core::i18n::Lang;
use tupa_core::maintenance::{Step, months_before};
use tupa_core::organisations::people::Role;

use crate::applications::{PDF, apply, form, open_ad};
use crate::both_backends;
use crate::guidance::open_space;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(two_maintenance_runs_at_once_do_each_thing_once);

const DAY: i64 = 86400;
/// Spaces of each kind due.
const SPACES: usize = 8;
/// Accounts unseen for 15 months that nothing keeps.
const UNSEEN: usize = 6;
/// Audit entries past retention: of the organisation, and of the installation (no org).
const OLD_AUDIT: usize = 20;
const OLD_AUDIT_NO_ORG: usize = 5;
const TICKETS: usize = 4;
const ADS: usize = 3;

async fn exec(app: &TestApp, sql: &str, binds: &[&str], n: i64) {
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_string())).bind(n);
    for b in binds {
        q = q.bind(*b);
    }
    q.execute(app.db.pool()).await.unwrap();
}

async fn count(app: &TestApp, sql: &str, binds: &[&str]) -> i64 {
    let mut q = sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(sql.to_string()));
    for b in binds {
        q = q.bind(*b);
    }
    q.fetch_one(app.db.pool()).await.unwrap().0
}

/// Audit entries with this action about this target.
async fn entries(app: &TestApp, action: &str, target_id: &str) -> i64 {
    count(
        app,
        "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND target_id = $2",
        &[action, target_id],
    )
    .await
}

/// `tupa maintenance run --at` as a child process (not yet waited for).
fn maintenance(app: &TestApp, at: &str) -> std::process::Child {
    maintenance_in(app, at, "production")
}

/// The same in an environment (the future only in training).
fn maintenance_in(app: &TestApp, at: &str, environment: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_tupa"))
        .args(["maintenance", "run", "--at", at])
        .env("DATABASE_URL", &app.database_url)
        .env("TUPA_DATA_DIR", std::env::temp_dir())
        .env("TUPA_PUBLIC_URL", "http://tupa.test")
        .env("TUPA_ENVIRONMENT", environment)
        .env("TUPA_LOG", "warn")
        .env_remove("TUPA_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

async fn finish(child: std::process::Child) -> Output {
    tokio::task::spawn_blocking(move || child.wait_with_output().unwrap()).await.unwrap()
}

/// Each step's count in a run's report ("close-idle-spaces: 8 spaces closed …").
fn counts(o: &Output) -> HashMap<&'static str, u64> {
    let out = String::from_utf8_lossy(&o.stdout);
    Step::ALL
        .iter()
        .map(|step| {
            let prefix = format!("{}: ", step.as_str());
            let line = out
                .lines()
                .find(|l| l.starts_with(&prefix))
                .unwrap_or_else(|| panic!("no {prefix} line in {out}"));
            let n = line[prefix.len()..].split(' ').next().unwrap().parse().unwrap();
            (step.as_str(), n)
        })
        .collect()
}

/// Rows deleted from `table` as the deletion line of `step` says ("… (12 rows deleted: 8
/// space_messages, …)"); 0 when it names none.
fn rows_deleted(o: &Output, step: Step, table: &str) -> u64 {
    let out = String::from_utf8_lossy(&o.stdout);
    let line = out.lines().find(|l| l.starts_with(&format!("{}: ", step.as_str()))).unwrap();
    let suffix = format!(" {table}");
    line.split([',', ':', '(', ')'])
        .map(str::trim)
        .find_map(|part| part.strip_suffix(suffix.as_str())?.parse().ok())
        .unwrap_or(0)
}

async fn two_maintenance_runs_at_once_do_each_thing_once(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("porvoo", "full").await;
    let counsellor = app.person(&org, "ohjaaja@porvoo.test", Role::Counsellor).await;
    let adviser = app.person(&org, "neuvoja@porvoo.test", Role::Adviser).await;
    let recruiter = app.person(&org, "rekry@porvoo.test", Role::Recruiter).await;
    let t = tupa_core::db::now();
    let at = time::OffsetDateTime::from_unix_timestamp(t)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();

    // Spaces of every kind due, each with its own client address (to count mails by).
    let mut spaces: HashMap<&str, Vec<(String, String)>> = HashMap::new();
    for kind in ["close", "warn-idle", "archive", "delete", "warn-deletion"] {
        for i in 0..SPACES {
            let email = format!("{kind}-{i}@example.fi");
            let (id, _) = open_space(&app, &counsellor.token, "porvoo", &email).await;
            spaces.entry(kind).or_default().push((id, email));
        }
    }
    let set = |kind: &'static str, sql: &'static str, n: i64| {
        let ids: Vec<String> = spaces[kind].iter().map(|s| s.0.clone()).collect();
        let app = &app;
        async move {
            for id in ids {
                exec(app, sql, &[&id], n).await;
            }
        }
    };
    // Open, no client sign-in since 4 months: closes.
    set("close", "UPDATE guidance_spaces SET created_at = $1 WHERE id = $2", months_before(t, 4))
        .await;
    // Open, idle for a week less than 3 months: closes within the 14 days' notice.
    set(
        "warn-idle",
        "UPDATE guidance_spaces SET created_at = $1 WHERE id = $2",
        months_before(t + 7 * DAY, 3),
    )
    .await;
    // Closed over 3 months ago: archived.
    set(
        "archive",
        "UPDATE guidance_spaces SET status = 'closed', closed_at = $1 WHERE id = $2",
        months_before(t, 3) - DAY,
    )
    .await;
    // Archived over a year ago: deleted.
    set(
        "delete",
        "UPDATE guidance_spaces SET status = 'archived', closed_at = $1 - 7776000, archived_at = $1 WHERE id = $2",
        months_before(t, 12) - DAY,
    )
    .await;
    // Archived a year ago less 10 days: deleted within the 30 days' notice.
    set(
        "warn-deletion",
        "UPDATE guidance_spaces SET status = 'archived', closed_at = $1 - 7776000, archived_at = $1 WHERE id = $2",
        months_before(t, 12) + 10 * DAY,
    )
    .await;

    // Accounts nobody has seen for 16 months; in a second organisation its only two main
    // admins, of whom one stays.
    let mut unseen = vec![];
    for i in 0..UNSEEN {
        unseen.push(app.person(&org, &format!("vanha{i}@porvoo.test"), Role::Adviser).await);
    }
    let other = app.org("loviisa", "full").await;
    let admins = [
        app.person(&other, "paa1@loviisa.test", Role::MainAdmin).await,
        app.person(&other, "paa2@loviisa.test", Role::MainAdmin).await,
    ];
    for person in unseen.iter().chain(&admins) {
        exec(
            &app,
            "UPDATE users SET created_at = $1, last_seen_at = NULL WHERE id = $2",
            &[&person.id],
            months_before(t, 16),
        )
        .await;
    }

    // Audit entries six years old (retention keeps them five).
    for i in 0..OLD_AUDIT + OLD_AUDIT_NO_ORG {
        let org_id = (i < OLD_AUDIT).then_some(org.id.as_str());
        sqlx::query(
            "INSERT INTO audit_log (id, org_id, at, actor_label, action, details) VALUES ($1, $2, $3, 'system', 'space-archived', '{}')",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(org_id)
        .bind(t - 6 * 365 * DAY)
        .execute(app.db.pool())
        .await
        .unwrap();
    }

    // Tickets closed seven years ago (retention keeps them six).
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &org.id, "neuvonta@porvoo.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let mut tickets = vec![];
    for i in 0..TICKETS {
        let (s, body) = app
            .api(&adviser.token)
            .post(
                "/api/v1/orgs/porvoo/tickets",
                json!({"name": "Aino", "email": format!("tiketti{i}@example.fi"), "message": "Hei"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
        let id = body["id"].as_str().unwrap().to_string();
        exec(
            &app,
            "UPDATE tickets SET status = 'closed', closed_at = $1 WHERE id = $2",
            &[&id],
            t - 7 * 365 * DAY,
        )
        .await;
        tickets.push(id);
    }

    // Recruitments closed long enough ago that their applications go.
    let mut ads = vec![];
    for i in 0..ADS {
        let ad = open_ad(&app, &org, &recruiter).await;
        let email = format!("hakija{i}@example.fi");
        let (s, html) = apply(
            &app,
            "porvoo",
            &ad.id,
            form(&email).part("cv", Part::bytes(PDF).file_name("cv.pdf")),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{html}");
        let from = t - (tupa_core::recruitment::settings::DEFAULT_RETENTION_DAYS + 30) * DAY;
        exec(
            &app,
            "UPDATE job_ads SET status = 'closed', closed_at = $1, retention_from = $1 WHERE id = $2",
            &[&ad.id],
            from,
        )
        .await;
        ads.push(ad.id);
    }

    // Two runs as of the same moment, at once.
    let (one, two) = match backend {
        Backend::Postgres => {
            // Both wait at their first statement (the audit retention step reads `audit_log`)
            // until the test lets them go together.
            let mut gate = app.db.pool().begin().await.unwrap();
            sqlx::query("LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE")
                .execute(&mut *gate)
                .await
                .unwrap();
            let (one, two) = (maintenance(&app, &at), maintenance(&app, &at));
            let started = Instant::now();
            loop {
                let waiting = count(
                    &app,
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()
                     AND wait_event_type = 'Lock' AND query LIKE '%FROM audit_log x%'",
                    &[],
                )
                .await;
                if waiting == 2 {
                    break;
                }
                assert!(started.elapsed() < Duration::from_secs(60), "both runs reach the gate");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            gate.commit().await.unwrap();
            (one, two)
        }
        Backend::Sqlite => (maintenance(&app, &at), maintenance(&app, &at)),
    };
    let (one, two) = tokio::join!(finish(one), finish(two));
    for o in [&one, &two] {
        assert!(o.status.success(), "{}", crate::cli::text(o));
    }
    let (c1, c2) = (counts(&one), counts(&two));
    let out = format!(
        "first run:\n{}\nsecond run:\n{}",
        String::from_utf8_lossy(&one.stdout),
        String::from_utf8_lossy(&two.stdout)
    );
    // Between them, the two runs did each thing once: their counts add up to what was due.
    let due = [
        (Step::CloseIdleSpaces, SPACES),
        (Step::WarnIdleSpaces, SPACES),
        (Step::ArchiveClosedSpaces, SPACES),
        (Step::DeleteArchivedSpaces, SPACES),
        (Step::WarnArchiveDeletion, SPACES),
        (Step::RemoveUnseenUsers, UNSEEN + 1),
        (Step::DeleteAudit, OLD_AUDIT + OLD_AUDIT_NO_ORG),
        (Step::DeleteClosedTickets, TICKETS),
        (Step::PurgeApplications, ADS),
        (Step::DeleteRawMail, 0),
        (Step::DeleteOutbox, 0),
    ];
    for (step, n) in due {
        let s = step.as_str();
        assert_eq!(c1[s] + c2[s], n as u64, "{s} done {} + {} times:\n{out}", c1[s], c2[s]);
    }
    // The rows deleted with the spaces and the applications are counted once too.
    let space_members = rows_deleted(&one, Step::DeleteArchivedSpaces, "space_members")
        + rows_deleted(&two, Step::DeleteArchivedSpaces, "space_members");
    assert_eq!(space_members, SPACES as u64, "the counsellor's membership of each:\n{out}");
    let files = rows_deleted(&one, Step::PurgeApplications, "application_files")
        + rows_deleted(&two, Step::PurgeApplications, "application_files");
    assert_eq!(files, ADS as u64, "one CV each:\n{out}");

    // Each space: its change recorded once, its client told once.
    let idle = Lang::Fi.t_args("mail-space-idle-subject", &[("org", "Org porvoo")]);
    let deletion = Lang::Fi.t_args("mail-space-deletion-subject", &[("org", "Org porvoo")]);
    let status = |id: String| {
        let app = &app;
        async move {
            sqlx::query_as::<_, (String,)>("SELECT status FROM guidance_spaces WHERE id = $1")
                .bind(id)
                .fetch_optional(app.db.pool())
                .await
                .unwrap()
                .map(|r| r.0)
        }
    };
    let mails = |email: String, subject: String| {
        let app = &app;
        async move { app.outbox_to(&email).await.iter().filter(|m| m.subject == subject).count() }
    };
    for (id, email) in &spaces["close"] {
        assert_eq!(status(id.clone()).await.as_deref(), Some("closed"));
        assert_eq!(entries(&app, "space-closed-idle", id).await, 1, "closed once:\n{out}");
        assert_eq!(mails(email.clone(), idle.clone()).await, 0, "closed, not warned");
    }
    for (id, email) in &spaces["warn-idle"] {
        assert_eq!(status(id.clone()).await.as_deref(), Some("open"));
        assert_eq!(mails(email.clone(), idle.clone()).await, 1, "warned once:\n{out}");
    }
    for (id, _) in &spaces["archive"] {
        assert_eq!(status(id.clone()).await.as_deref(), Some("archived"));
        assert_eq!(entries(&app, "space-archived", id).await, 1, "archived once:\n{out}");
    }
    for (id, email) in &spaces["delete"] {
        assert_eq!(status(id.clone()).await, None);
        assert_eq!(entries(&app, "space-deleted", id).await, 1, "deleted once:\n{out}");
        assert_eq!(mails(email.clone(), deletion.clone()).await, 0, "deleted, not warned");
    }
    for (id, email) in &spaces["warn-deletion"] {
        assert_eq!(status(id.clone()).await.as_deref(), Some("archived"));
        assert_eq!(mails(email.clone(), deletion.clone()).await, 1, "warned once:\n{out}");
    }
    // Each unseen account removed once (logged for the installation and its organisation);
    // of the two sole main admins one stays.
    for person in &unseen {
        let removed = count(
            &app,
            "SELECT COUNT(*) FROM users WHERE id = $1 AND removed_at IS NOT NULL",
            &[&person.id],
        )
        .await;
        assert_eq!(removed, 1, "{} removed", person.email);
        let logged = count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'user-removed' AND target_id = $1 AND org_id IS NULL",
            &[&person.id],
        )
        .await;
        assert_eq!(logged, 1, "{} removed once:\n{out}", person.email);
    }
    let removed_admins = count(
        &app,
        "SELECT COUNT(*) FROM users WHERE id IN ($1, $2) AND removed_at IS NOT NULL",
        &[&admins[0].id, &admins[1].id],
    )
    .await;
    assert_eq!(removed_admins, 1, "one main admin of loviisa stays:\n{out}");
    // Retention: the old entries gone, each deletion logged once with its count.
    let (old,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE at < $1")
        .bind(t - 5 * 365 * DAY)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(old, 0, "the old entries are gone");
    let logged: Vec<(Option<String>, String)> = sqlx::query_as(
        "SELECT org_id, details FROM audit_log WHERE action = 'retention-deleted' ORDER BY org_id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let logged: Vec<(Option<String>, serde_json::Value)> =
        logged.into_iter().map(|(o, d)| (o, serde_json::from_str(&d).unwrap())).collect();
    assert_eq!(logged.len(), 2, "one entry for the organisation, one for the rest: {logged:?}");
    for (org_id, details) in &logged {
        let n = if org_id.is_some() { OLD_AUDIT } else { OLD_AUDIT_NO_ORG };
        assert_eq!(details["data_type"], "audit");
        assert_eq!(details["count"], n as u64, "{org_id:?}: {details}");
    }
    for id in &tickets {
        assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets WHERE id = $1", &[id]).await, 0);
        assert_eq!(entries(&app, "ticket-deleted", id).await, 1, "ticket deleted once:\n{out}");
    }
    for id in &ads {
        let left = count(&app, "SELECT COUNT(*) FROM applications WHERE ad_id = $1", &[id]).await;
        assert_eq!(left, 0);
        assert_eq!(entries(&app, "applications-purged", id).await, 1, "purged once:\n{out}");
    }

    // Nothing was left undone: a third run as of the same moment finds nothing.
    let third = finish(maintenance(&app, &at)).await;
    assert!(third.status.success(), "{}", crate::cli::text(&third));
    let c3 = counts(&third);
    assert!(c3.values().all(|n| *n == 0), "{}", String::from_utf8_lossy(&third.stdout));
}

fn rfc3339(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// Waits until `n` of the test database's sessions wait for a lock.
async fn until_waiting(app: &TestApp, n: i64) {
    let started = Instant::now();
    loop {
        let waiting = count(
            app,
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()
             AND wait_event_type = 'Lock'",
            &[],
        )
        .await;
        if waiting == n {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{waiting} waiting, not {n}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An organisation's only two main admins, both unseen, removed by two runs at once, each
/// taking a different one (the later run finds one more account due): each removal's check
/// "someone else manages it" must not count the other, still uncommitted removal. PostgreSQL
/// only: on SQLite the second removal waits for the first's write lock and then sees it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_runs_at_once_leave_an_organisation_a_main_admin() {
    let app = spawn(Backend::Postgres).await;
    app.operator().await;
    let org = app.org("hanko", "full").await;
    let t = tupa_core::db::now();
    // The first unseen as of tomorrow only, the second as of now too.
    let first = app.person(&org, "paa1@hanko.test", Role::MainAdmin).await;
    let second = app.person(&org, "paa2@hanko.test", Role::MainAdmin).await;
    for (person, since) in
        [(&first, months_before(t + DAY / 2, 15)), (&second, months_before(t, 16))]
    {
        exec(
            &app,
            "UPDATE users SET created_at = $1, last_seen_at = NULL WHERE id = $2",
            &[&person.id],
            since,
        )
        .await;
    }
    // Both removals are held at their audit entry (after their check), so they overlap.
    let mut gate = app.db.pool().begin().await.unwrap();
    sqlx::query("LOCK TABLE audit_log IN EXCLUSIVE MODE").execute(&mut *gate).await.unwrap();
    let tomorrow = maintenance_in(&app, &rfc3339(t + DAY), "training");
    let today = maintenance_in(&app, &rfc3339(t), "training");
    until_waiting(&app, 2).await;
    gate.commit().await.unwrap();
    let (tomorrow, today) = tokio::join!(finish(tomorrow), finish(today));
    for o in [&tomorrow, &today] {
        assert!(o.status.success(), "{}", crate::cli::text(o));
    }
    let removed = count(
        &app,
        "SELECT COUNT(*) FROM users WHERE id IN ($1, $2) AND removed_at IS NOT NULL",
        &[&first.id, &second.id],
    )
    .await;
    assert_eq!(
        removed,
        1,
        "one main admin stays:\n{}\n{}",
        String::from_utf8_lossy(&tomorrow.stdout),
        String::from_utf8_lossy(&today.stdout)
    );
}
