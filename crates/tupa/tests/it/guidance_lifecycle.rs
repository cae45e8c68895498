//! The guidance-space lifecycle and account retention, driven by `maintenance::run` at chosen
//! moments: idle closing (with its notice), writing while closed, reopening, archiving (the
//! client's alone, read-only, downloadable as a ZIP), deletion a year later (every row gone,
//! logged without content), removal of accounts unseen for 15 months, idempotency, and the
//! `tupa maintenance run --at` command.

use std::io::Read;

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::guidance::lifecycle::{SPACE_LINKS, SPACE_TABLES};
use tupa_core::maintenance::{self, Step, StepReport, months_before};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::guidance::{client_enters, open_space};
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(
    a_space_lives_closes_archives_and_is_deleted,
    every_space_table_is_deleted_with_the_space,
    unseen_accounts_are_removed_after_15_months,
    maintenance_run_from_the_command_line,
    the_archive_holds_every_kind_of_content_the_client_saw,
);

fn months_later(t: i64, months: i32) -> i64 {
    months_before(t, -months)
}

const DAY: i64 = 86400;

async fn run(app: &TestApp, at: i64) -> Vec<StepReport> {
    maintenance::run(&app.db, &app.settings, at).await.expect("maintenance runs")
}

fn count(report: &[StepReport], step: Step) -> u64 {
    report.iter().find(|r| r.step == step).map(|r| r.done.count).unwrap()
}

fn nothing_done(report: &[StepReport]) -> bool {
    // The retention steps delete, months on, the mail and entries of earlier runs: not the
    // lifecycle's doing (privacy_retention tests them).
    report.iter().filter(|r| !r.step.is_retention()).all(|r| r.done.count == 0)
}

async fn status_of(app: &TestApp, id: &str) -> Option<String> {
    sqlx::query_as::<_, (String,)>("SELECT status FROM guidance_spaces WHERE id = $1")
        .bind(id)
        .fetch_optional(app.db.pool())
        .await
        .unwrap()
        .map(|r| r.0)
}

/// The entries of a ZIP: name → bytes.
pub(crate) fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = vec![];
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

async fn a_space_lives_closes_archives_and_is_deleted(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("raahe", "full").await;
    let counsellor = app.person(&org, "riikka@raahe.test", Role::Counsellor).await;
    let t0 = tupa_core::db::now();
    let (id, invite) = open_space(&app, &counsellor.token, "raahe", "anna@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let res = client
        .post(&format!("/spaces/{id}/messages"), &[("body", "Asiakkaan <b>viesti</b>")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let api = app.api(&counsellor.token);
    let (s, _) = api
        .post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "Ohjaajan vastaus"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    // The counsellor does not download the client's copy; the client does, while open too.
    let (s, _) = api.get(&format!("/api/v1/spaces/{id}/archive")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(client.get(&format!("/spaces/{id}/archive.zip")).await.status(), StatusCode::OK);

    // Nothing is due tomorrow.
    assert!(nothing_done(&run(&app, t0 + DAY).await));

    // Two weeks before the idle closing, the client is told (content-free), once.
    let before_mails = app.outbox_to("anna@example.fi").await.len();
    let report = run(&app, months_later(t0, 3) - 13 * DAY).await;
    assert_eq!(count(&report, Step::WarnIdleSpaces), 1, "{report:?}");
    assert_eq!(count(&report, Step::CloseIdleSpaces), 0);
    let mails = app.outbox_to("anna@example.fi").await;
    assert_eq!(mails.len(), before_mails + 1);
    let subject =
        tupa_core::i18n::Lang::Fi.t_args("mail-space-idle-subject", &[("org", "Org raahe")]);
    let notice = mails.iter().find(|m| m.subject == subject).expect("the idle notice");
    assert!(notice.body_text.contains(&format!("/spaces/{id}")), "{}", notice.body_text);
    assert!(!notice.body_text.contains("Asumisen tuki") && !notice.body_text.contains("viesti"));
    assert!(nothing_done(&run(&app, months_later(t0, 3) - 13 * DAY).await), "told once");
    // Signing in again restarts the clock and clears the notice.
    let res =
        client.post("/auth/test-identification", &[("persona", "anna"), ("next", "/spaces")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (notice_at, signed_in): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT idle_notice_at, last_client_sign_in_at FROM guidance_spaces WHERE id = $1",
    )
    .bind(&id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(notice_at, None);
    assert!(signed_in.unwrap() >= t0);
    // Pretend that sign-in was the last one, long ago: 3 months later the space closes.
    sqlx::query("UPDATE guidance_spaces SET last_client_sign_in_at = $1 WHERE id = $2")
        .bind(t0)
        .bind(&id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let t_close = months_later(t0, 3) + 3600;
    let report = run(&app, t_close).await;
    assert_eq!(count(&report, Step::CloseIdleSpaces), 1, "{report:?}");
    assert_eq!(status_of(&app, &id).await.as_deref(), Some("closed"));
    assert!(nothing_done(&run(&app, t_close).await), "running twice does nothing more");
    assert!(app.audit_actions(Some(&org.id)).await.contains(&"space-closed-idle".to_string()));

    // Closed: both may still write.
    let (s, _) = api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "Vielä"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let res = client.post(&format!("/spaces/{id}/messages"), &[("body", "Kiitos")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // The counsellor reopens it (as if at t_close): reopening restarts the clock, so a day
    // later nothing closes it although the client's last sign-in is older than 3 months.
    let (s, body) =
        api.post(&format!("/api/v1/spaces/{id}/status"), json!({"status": "open"})).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    sqlx::query("UPDATE guidance_spaces SET reopened_at = $1 WHERE id = $2")
        .bind(t_close)
        .bind(&id)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert!(nothing_done(&run(&app, t_close + DAY).await));
    // Closed again by the counsellor; 3 months after that it is archived.
    let (s, _) =
        api.post(&format!("/api/v1/spaces/{id}/status"), json!({"status": "closed"})).await;
    assert_eq!(s, StatusCode::OK);
    let t_archive = months_later(t0, 3) + 2 * DAY;
    let report = run(&app, t_archive).await;
    assert_eq!(count(&report, Step::ArchiveClosedSpaces), 1, "{report:?}");
    assert_eq!(status_of(&app, &id).await.as_deref(), Some("archived"));
    assert!(nothing_done(&run(&app, t_archive).await));

    // Archived: the client's alone and read-only. The counsellor no longer finds it.
    for path in [format!("/api/v1/spaces/{id}"), format!("/api/v1/spaces/{id}/archive")] {
        assert_eq!(api.get(&path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    let (s, _) = api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "x"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = api.post(&format!("/api/v1/spaces/{id}/status"), json!({"status": "open"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "no reopening after archiving");
    let res = client.post(&format!("/spaces/{id}/messages"), &[("body", "Myöhässä")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (s, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&format!("/spaces/{id}/archive.zip")), "the download link");
    assert!(!html.contains("id=\"new-message\""), "no writing form");
    let res = client.get(&format!("/spaces/{id}/archive.zip")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/zip");
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let files = unzip(&res.bytes().await.unwrap());
    let (name, transcript) = &files[0];
    assert_eq!(name, "transcript.html");
    let transcript = String::from_utf8(transcript.clone()).unwrap();
    for text in ["Asumisen tuki", "Ohjaajan vastaus", "Vielä", "Kiitos", "Org raahe"] {
        assert!(transcript.contains(text), "{text} in {transcript}");
    }
    assert!(transcript.contains("Asiakkaan &lt;b&gt;viesti&lt;/b&gt;"), "escaped");
    assert!(!transcript.contains("<b>viesti"));
    assert!(!transcript.contains("Myöhässä"), "refused writing left nothing");
    assert!(
        ["Keskustelu", "Samtal", "Conversation"].iter().any(|h| transcript.contains(h)),
        "translated headings"
    );

    // A month before deletion the client is told, once; then it is deleted a year after
    // archiving, with every row, logged with counts only.
    let (archived_at,): (i64,) =
        sqlx::query_as("SELECT archived_at FROM guidance_spaces WHERE id = $1")
            .bind(&id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(archived_at, t_archive);
    let t_delete = months_later(archived_at, 12) + 60;
    let report = run(&app, t_delete - 29 * DAY).await;
    assert_eq!(count(&report, Step::WarnArchiveDeletion), 1, "{report:?}");
    assert_eq!(count(&report, Step::DeleteArchivedSpaces), 0);
    let report = run(&app, t_delete).await;
    assert_eq!(count(&report, Step::DeleteArchivedSpaces), 1, "{report:?}");
    let line = report.iter().find(|r| r.step == Step::DeleteArchivedSpaces).unwrap().to_string();
    assert!(line.contains("4 space_messages"), "{line}");
    assert_eq!(status_of(&app, &id).await, None);
    for table in SPACE_TABLES {
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE space_id = $1"
        )))
        .bind(&id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(n, 0, "{table} emptied");
    }
    let (details,): (String,) = sqlx::query_as(
        "SELECT details FROM audit_log WHERE action = 'space-deleted' AND target_id = $1",
    )
    .bind(&id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let details: serde_json::Value = serde_json::from_str(&details).unwrap();
    assert_eq!(details["space_messages"], 4, "{details}");
    for secret in ["Asumisen", "viesti", "anna@example.fi", "Anna"] {
        assert!(!details.to_string().contains(secret), "no content in the log: {details}");
    }
    // The client's account went in the same run (below), so the browser is signed out.
    assert_eq!(client.get(&format!("/spaces/{id}")).await.status(), StatusCode::SEE_OTHER);
    // With the space gone, its client's account (last seen over 15 months before) went in the
    // same run.
    assert!(count(&report, Step::RemoveUnseenUsers) >= 1, "{report:?}");
    assert!(nothing_done(&run(&app, t_delete).await), "deleting twice deletes nothing");
    let (client_left,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM users WHERE email LIKE '%@client.invalid' AND removed_at IS NULL",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(client_left, 0, "the client account is removed");
}

async fn every_space_table_is_deleted_with_the_space(backend: Backend) {
    let app = spawn(backend).await;
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND p.name = 'space_id'"
        }
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.columns
             WHERE column_name = 'space_id' AND table_schema = current_schema()"
        }
    };
    let tables: Vec<(String,)> =
        sqlx::query_as(sql).fetch_all(app.db.pool()).await.expect("the schema lists tables");
    assert!(tables.len() >= 3, "{tables:?}");
    for (table,) in tables {
        assert!(
            SPACE_TABLES.contains(&table.as_str()) || SPACE_LINKS.contains(&table.as_str()),
            "{table} has a space_id: add it to guidance::lifecycle::SPACE_TABLES (or SPACE_LINKS)"
        );
    }
}

async fn unseen_accounts_are_removed_after_15_months(backend: Backend) {
    let app = spawn(backend).await;
    let operator = app.operator().await;
    let org = app.org("kaskinen", "full").await;
    let admin = app.person(&org, "paa@kaskinen.test", Role::MainAdmin).await;
    let adviser = app.person(&org, "neuvo@kaskinen.test", Role::Adviser).await;
    let active = app.person(&org, "aktiivi@kaskinen.test", Role::Adviser).await;
    let counsellor = app.person(&org, "ohjaaja@kaskinen.test", Role::Counsellor).await;
    open_space(&app, &counsellor.token, "kaskinen", "asiakas@example.fi").await;
    let t0 = tupa_core::db::now();
    // One adviser was seen ten months on.
    sqlx::query("UPDATE users SET last_seen_at = $1 WHERE id = $2")
        .bind(months_later(t0, 10))
        .bind(&active.id)
        .execute(app.db.pool())
        .await
        .unwrap();

    let t = months_later(t0, 15) - DAY;
    assert_eq!(count(&run(&app, t).await, Step::RemoveUnseenUsers), 0, "not yet");
    let t = months_later(t0, 15) + DAY;
    let report = run(&app, t).await;
    assert_eq!(count(&report, Step::RemoveUnseenUsers), 1, "{report:?}");
    // The removed adviser: no personal data left, no way in, logged without content.
    let (email, name, password, removed): (String, String, Option<String>, Option<i64>) =
        sqlx::query_as(
            "SELECT email, display_name, password_hash, removed_at FROM users WHERE id = $1",
        )
        .bind(&adviser.id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(email.starts_with("removed-") && !email.contains("neuvo"), "{email}");
    assert_eq!((name.as_str(), password, removed), ("—", None, Some(t)));
    assert_eq!(app.api(&adviser.token).get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
    let entries: Vec<(Option<String>, String)> = sqlx::query_as(
        "SELECT org_id, details FROM audit_log WHERE action = 'user-removed' AND target_id = $1",
    )
    .bind(&adviser.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert!(entries.iter().any(|e| e.0.as_deref() == Some(org.id.as_str())), "{entries:?}");
    assert!(entries.iter().all(|e| !e.1.contains("neuvo")));
    // Kept: the platform admin, the organisation's only main admin, the counsellor of a
    // living space, and whoever was seen since.
    for kept in [&operator, &admin, &counsellor, &active] {
        let (removed,): (Option<i64>,) =
            sqlx::query_as("SELECT removed_at FROM users WHERE id = $1")
                .bind(&kept.id)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(removed, None, "{} kept", kept.email);
    }
    assert_eq!(app.api(&admin.token).get("/api/v1/me").await.0, StatusCode::OK);
    assert!(nothing_done(&run(&app, t).await), "removing twice removes nothing");
    // A second main admin, then unseen too: the first one can go, the last one stays.
    let admin2 = app.person(&org, "paa2@kaskinen.test", Role::MainAdmin).await;
    let later = months_later(tupa_core::db::now(), 15) + DAY;
    let report = run(&app, later).await;
    let removed: Vec<(String,)> =
        sqlx::query_as("SELECT id FROM users WHERE removed_at IS NOT NULL AND id IN ($1, $2)")
            .bind(&admin.id)
            .bind(&admin2.id)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(removed.len(), 1, "one main admin stays: {report:?}");
}

async fn maintenance_run_from_the_command_line(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kokkola", "full").await;
    let counsellor = app.person(&org, "kirsi@kokkola.test", Role::Counsellor).await;
    let (id, _) = open_space(&app, &counsellor.token, "kokkola", "k@example.fi").await;
    let url = app.database_url.as_str();
    let future =
        time::OffsetDateTime::from_unix_timestamp(months_later(tupa_core::db::now(), 3) + DAY)
            .unwrap()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap();
    // The future only in training.
    let o = crate::cli::tupa(
        url,
        &["maintenance", "run", "--at", &future],
        None,
        &[("TUPA_ENVIRONMENT", "production")],
    );
    assert!(!o.status.success(), "{}", crate::cli::text(&o));
    assert!(crate::cli::text(&o).contains("only in the training environment"));
    assert_eq!(status_of(&app, &id).await.as_deref(), Some("open"));
    // The past nowhere, and nonsense is refused clearly.
    let o =
        crate::cli::tupa(url, &["maintenance", "run", "--at", "2020-01-01T00:00:00Z"], None, &[]);
    assert!(!o.status.success() && crate::cli::text(&o).contains("past"));
    let o = crate::cli::tupa(url, &["maintenance", "run", "--at", "tomorrow"], None, &[]);
    assert!(!o.status.success() && crate::cli::text(&o).contains("RFC 3339"));
    // Now: in production too, nothing due.
    let o =
        crate::cli::tupa(url, &["maintenance", "run"], None, &[("TUPA_ENVIRONMENT", "production")]);
    assert!(o.status.success(), "{}", crate::cli::text(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    for step in Step::ALL {
        assert!(out.contains(&format!("{}: 0 ", step.as_str())), "{out}");
    }
    // In training, the future: the idle space closes, one line per step says so.
    let o = crate::cli::tupa(url, &["maintenance", "run", "--at", &future], None, &[]);
    assert!(o.status.success(), "{}", crate::cli::text(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("close-idle-spaces: 1 "), "{out}");
    assert_eq!(out.lines().count(), 1 + Step::ALL.len(), "{out}");
    assert_eq!(status_of(&app, &id).await.as_deref(), Some("closed"));
}

/// The client's copy holds the tasks with answers and comments, summaries, links, shared
/// materials and meter answers too, not only the conversation.
async fn the_archive_holds_every_kind_of_content_the_client_saw(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let counsellor = app.person(&org, "olli@oulu.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "oulu", "anna@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let api = app.api(&counsellor.token);
    let created = |(s, v): (StatusCode, serde_json::Value)| {
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v
    };
    let task = created(
        api.post(
            &format!("/api/v1/spaces/{id}/tasks"),
            json!({"title": "Kuukausibudjetti", "instructions": "Laske <menot>", "due_on": "2027-01-15"}),
        )
        .await,
    );
    let task_id = task["id"].as_str().unwrap();
    created(
        api.post(
            &format!("/api/v1/spaces/{id}/tasks/{task_id}/comments"),
            json!({"body": "Hyvä alku"}),
        )
        .await,
    );
    created(
        api.post(
            &format!("/api/v1/spaces/{id}/summaries"),
            json!({"title": "Ensitapaaminen", "body": "Sovimme tavoitteet", "met_on": "2026-12-01"}),
        )
        .await,
    );
    created(
        api.post(
            &format!("/api/v1/spaces/{id}/links"),
            json!({"title": "Kela", "url": "https://www.kela.fi/asumistuki"}),
        )
        .await,
    );
    let material = created(
        api.post(
            "/api/v1/orgs/oulu/materials",
            json!({"title": "Opas", "url": "https://oulu.test/opas"}),
        )
        .await,
    );
    created(
        api.post(&format!("/api/v1/spaces/{id}/materials"), json!({"material_id": material["id"]}))
            .await,
    );
    // The client answers the task on the page and the meter on its page.
    let page = client.get_text(&format!("/spaces/{id}")).await.1;
    assert!(page.contains("Kuukausibudjetti"));
    let csrf = client.cookie("tupa_csrf").unwrap();
    let res = client
        .client
        .post(format!("{}/api/v1/spaces/{id}/tasks/{task_id}/answer", client.base))
        .header("x-csrf-token", csrf)
        .json(&json!({"body": "Menot 900 €", "done": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    let keys = [
        "health",
        "resilience",
        "housing",
        "everyday-coping",
        "family",
        "friends",
        "finances",
        "strengths",
        "self-esteem",
        "life-as-a-whole",
    ];
    let values: Vec<(String, String)> = keys
        .iter()
        .map(|k| (format!("v-{k}"), if *k == "housing" { "2" } else { "8" }.into()))
        .collect();
    let mut form: Vec<(&str, &str)> =
        values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    form.push(("comment", "Asunto huolettaa"));
    form.push(("meter_id", "tupa-default"));
    let res = client.post(&format!("/spaces/{id}/meter"), &form).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let res = client.get(&format!("/spaces/{id}/archive.zip")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let files = unzip(&res.bytes().await.unwrap());
    let transcript = String::from_utf8(files[0].1.clone()).unwrap();
    for text in [
        "Kuukausibudjetti",
        "Laske &lt;menot&gt;",
        "2027-01-15",
        "Menot 900 €",
        "Hyvä alku",
        "Ensitapaaminen",
        "Sovimme tavoitteet",
        "https://www.kela.fi/asumistuki",
        "Opas",
        "https://oulu.test/opas",
        "Asunto huolettaa",
    ] {
        assert!(transcript.contains(text), "{text} in {transcript}");
    }
    assert!(!transcript.contains("<menot>"), "escaped");
    // The meter's areas by their wording, each value with its traffic light.
    assert!(
        transcript.contains(": 2 (punainen)") || transcript.contains(": 2 (red)"),
        "{transcript}"
    );
}
