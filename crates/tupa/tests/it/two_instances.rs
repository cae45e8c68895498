//! Two real `tupa serve` processes on one PostgreSQL database, as behind a load balancer:
//! a person signed in on one continues on the other, a change made through one is heard live
//! on a queue page served by the other, and mail due when both start is delivered once, not
//! once per process. PostgreSQL only (SQLite is one process's file).
//!
//! The ad clock and the application retention, which both instances run from their start,
//! publish, close and purge each ad once (`two_instances_close_and_publish_ads_once`).
//!
//! The other background jobs have their own two-worker tests: the job market
//! (`recruitment_jobmarket::two_workers_send_an_ad_once`, a lease per ad), IMAP
//! (`desk_imap`, a lease per mailbox), and the lifecycle and retention steps of `maintenance`
//! (`maintenance_twice`: two `tupa maintenance run` processes released at the same moment do
//! each closing, notice, archiving, deletion and removal once, on both backends).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::desk::{queues, tickets};
use tupa_core::mail::outbox::{self, NewMail};
use tupa_core::organisations::people::Role;

use crate::helpers::{Api, Backend, PASSWORD, TestApp, csrf_of, spawn, wait_for_event};

/// One `tupa serve` process, stopped when dropped.
struct Instance {
    base: String,
    child: Child,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Instance {
    /// Starts `tupa serve` in production (so it delivers mail by SMTP) with the settings every
    /// instance of one installation shares: the database, the secret key, the data directory.
    async fn start(app: &TestApp, smtp_url: &str, key: &str, data_dir: &std::path::Path) -> Self {
        let env = [("TUPA_ENVIRONMENT", "production"), ("TUPA_SMTP_URL", smtp_url)];
        Instance::start_with(app, key, data_dir, &env).await
    }

    /// Starts `tupa serve` with these variables besides the shared ones.
    async fn start_with(
        app: &TestApp,
        key: &str,
        data_dir: &std::path::Path,
        env: &[(&str, &str)],
    ) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_tupa"))
            .arg("serve")
            .env("DATABASE_URL", &app.database_url)
            .env("TUPA_DATA_DIR", data_dir)
            .env("TUPA_LISTEN", format!("127.0.0.1:{port}"))
            .env("TUPA_PUBLIC_URL", "http://127.0.0.1")
            .env("TUPA_MAIL_FROM", "tupa@test.invalid")
            .env("TUPA_SECRET_KEY", key)
            .env("TUPA_LOG", "warn")
            .env_remove("TUPA_ENVIRONMENT")
            .env_remove("TUPA_SMTP_URL")
            .env_remove("TUPA_CONFIG")
            .env_remove("TUPA_METRICS_LISTEN")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let instance = Instance { base, child };
        let client = reqwest::Client::new();
        let started = Instant::now();
        while client.get(format!("{}/readyz", instance.base)).send().await.ok().map(|r| r.status())
            != Some(StatusCode::OK)
        {
            assert!(started.elapsed() < Duration::from_secs(30), "tupa serve did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        instance
    }
}

#[tokio::test]
async fn two_instances_share_sign_in_live_events_and_send_mail_once() {
    let app = spawn(Backend::Postgres).await;
    app.operator().await;
    let org = app.org("vantaa", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &org.id, "neuvonta@vantaa.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let adviser = app.person(&org, "adv@vantaa.test", Role::Adviser).await;

    // Mail already due when both processes start: both senders reach for it at once.
    let (smtp_url, received) = crate::mail::smtp_server(false).await;
    let mut production = (*app.settings).clone();
    production.environment = tupa_core::config::Environment::Production;
    production.smtp_url = Some(smtp_url.clone());
    const DUE: usize = 24;
    let mut tx = app.db.begin().await.unwrap();
    for i in 0..DUE {
        let to = format!("due{i}@example.fi");
        let mail = NewMail {
            org_id: Some(&org.id),
            to: &to,
            subject: format!("Due {i}"),
            body_text: "Hei".into(),
        };
        outbox::enqueue(&mut tx, &production, mail).await.unwrap();
    }
    tx.commit().await.unwrap();

    let key = tupa_core::secrets::SecretKey::generate().to_base64();
    let data_dir = std::env::temp_dir().join(format!("tupa-two-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let (one, two) = tokio::join!(
        Instance::start(&app, &smtp_url, &key, &data_dir),
        Instance::start(&app, &smtp_url, &key, &data_dir)
    );

    // Signed in on one instance, the same browser continues on the other.
    let mut browser = app.browser().await;
    browser.base = one.base.clone();
    let (_, page) = browser.get_text("/sign-in").await;
    browser.csrf = csrf_of(&page).expect("a CSRF token on the sign-in page");
    let res = browser
        .post(
            "/sign-in",
            &[("email", adviser.email.as_str()), ("password", PASSWORD), ("next", "/")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "signed in on the first instance");
    browser.csrf = browser.cookie("tupa_csrf").expect("a CSRF cookie after sign-in");
    browser.base = two.base.clone();
    let (s, html) = browser.get_text("/orgs/vantaa/desk").await;
    assert_eq!(s, StatusCode::OK, "the second instance knows the session");
    assert!(html.contains("/orgs/vantaa/desk/events"), "the adviser's queue, not a sign-in page");

    // A queue page served by the second instance hears a ticket made through the first.
    let stream = browser.get("/orgs/vantaa/desk/events").await;
    assert_eq!(stream.status(), StatusCode::OK);
    let api_one = Api {
        client: reqwest::Client::new(),
        base: one.base.clone(),
        token: adviser.token.clone(),
        lang: None,
    };
    let made = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        api_one
            .post(
                "/api/v1/orgs/vantaa/tickets",
                json!({"name": "Aino", "email": "aino@example.fi", "message": "Hei"}),
            )
            .await
    };
    let (event, (s, t)) = tokio::join!(
        async {
            // The case number is not known before the ticket is made: any ticket event will do,
            // then it is checked to be this one.
            wait_for_event(stream, "ticket", "").await
        },
        made
    );
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let case = t["case_number"].as_str().unwrap().to_string();
    assert!(event.contains(&case), "the event names the new ticket: {event}");

    // A form posted to the second instance with the token the first gave is taken.
    let res = browser
        .post(&format!("/orgs/vantaa/desk/{case}/change"), &[("status", "open"), ("assign", "me")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    assert_eq!(ticket.status, tickets::TicketStatus::Open);
    assert_eq!(ticket.assignee_id.as_deref(), Some(adviser.id.as_str()));

    // Every due mail reaches the SMTP server once (and the ticket's acknowledgement too).
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let pending = outbox::list(&app.db, 1000)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.status == "pending")
            .count();
        if pending == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{pending} mails still unsent");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // A second delivery would come within a sender's round (5 s); wait past one.
    tokio::time::sleep(Duration::from_secs(6)).await;
    let data = received.lock().unwrap().clone();
    for i in 0..DUE {
        let to = format!("To: due{i}@example.fi");
        let copies = data.iter().filter(|d| d.lines().any(|l| l == to)).count();
        assert_eq!(copies, 1, "due{i}@example.fi got {copies} copies");
    }
    let acks = data.iter().filter(|d| d.lines().any(|l| l == "To: aino@example.fi")).count();
    assert_eq!(acks, 1, "one acknowledgement");
    drop((one, two));
    let _ = std::fs::remove_dir_all(&data_dir);
}

/// The ad clock runs in every instance, every few seconds from the start: two instances
/// started together publish each scheduled ad and close each ad past its deadline once (one
/// history event each), and the application retention, also run at start, purges each
/// recruitment's applications once.
#[tokio::test]
async fn two_instances_close_and_publish_ads_once() {
    use crate::applications::{PDF, apply, form, open_ad};

    let app = spawn(Backend::Postgres).await;
    app.operator().await;
    let org = app.org("kerava", "full").await;
    let recruiter = app.person(&org, "rekry@kerava.test", Role::Recruiter).await;
    let t = tupa_core::db::now();
    let exec = |sql: &'static str, id: String, n: i64| {
        let app = &app;
        async move {
            sqlx::query(sqlx::AssertSqlSafe(sql)).bind(n).bind(id).execute(app.db.pool()).await
        }
    };
    const EACH: usize = 6;
    let (mut closing, mut scheduled, mut purged) = (vec![], vec![], vec![]);
    for i in 0..3 * EACH {
        let ad = open_ad(&app, &org, &recruiter).await;
        match i % 3 {
            0 => {
                exec("UPDATE job_ads SET deadline = $1 WHERE id = $2", ad.id.clone(), t - 60)
                    .await
                    .unwrap();
                closing.push(ad.id);
            }
            1 => {
                exec(
                    "UPDATE job_ads SET status = 'scheduled', publish_at = $1 WHERE id = $2",
                    ad.id.clone(),
                    t - 60,
                )
                .await
                .unwrap();
                scheduled.push(ad.id);
            }
            _ => {
                let email = format!("hakija{i}@example.fi");
                let cv = reqwest::multipart::Part::bytes(PDF).file_name("cv.pdf");
                let (s, html) = apply(&app, "kerava", &ad.id, form(&email).part("cv", cv)).await;
                assert_eq!(s, StatusCode::OK, "{html}");
                let from =
                    t - (tupa_core::recruitment::settings::DEFAULT_RETENTION_DAYS + 1) * 86400;
                exec(
                    "UPDATE job_ads SET status = 'closed', closed_at = $1, retention_from = $1 WHERE id = $2",
                    ad.id.clone(),
                    from,
                )
                .await
                .unwrap();
                purged.push(ad.id);
            }
        }
    }
    // Only what the instances record from here on is counted.
    sqlx::query("DELETE FROM job_ad_events").execute(app.db.pool()).await.unwrap();

    let key = tupa_core::secrets::SecretKey::generate().to_base64();
    let data_dir = std::env::temp_dir().join(format!("tupa-two-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let env = [("TUPA_ENVIRONMENT", "training")];
    let instances = tokio::join!(
        Instance::start_with(&app, &key, &data_dir, &env),
        Instance::start_with(&app, &key, &data_dir, &env)
    );
    let count = |sql: &'static str, id: String| {
        let app = &app;
        async move {
            let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
            n
        }
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (due,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM job_ads WHERE org_id = $1
             AND (status = 'scheduled' OR (status = 'published' AND deadline <= $2))",
        )
        .bind(&org.id)
        .bind(t)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        let (applications,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applications")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        if due == 0 && applications == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{due} ads and {applications} applications left");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // Each instance ticks again within 5 s: wait past that round.
    tokio::time::sleep(Duration::from_secs(6)).await;
    let events = "SELECT COUNT(*) FROM job_ad_events WHERE ad_id = $1";
    for id in &closing {
        let n = count(
            "SELECT COUNT(*) FROM job_ad_events WHERE ad_id = $1 AND action = 'closed-at-deadline'",
            id.clone(),
        )
        .await;
        assert_eq!(n, 1, "closed at its deadline once");
        assert_eq!(count(events, id.clone()).await, 1, "and nothing else");
    }
    for id in &scheduled {
        let n = count(
            "SELECT COUNT(*) FROM job_ad_events WHERE ad_id = $1 AND action = 'published'",
            id.clone(),
        )
        .await;
        assert_eq!(n, 1, "published once");
        assert_eq!(count(events, id.clone()).await, 1, "and nothing else");
    }
    for id in &purged {
        let n = count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'applications-purged' AND target_id = $1",
            id.clone(),
        )
        .await;
        assert_eq!(n, 1, "applications purged once");
    }
    drop(instances);
    let _ = std::fs::remove_dir_all(&data_dir);
}
