//! A carried-out restriction (GDPR art. 18) is consulted by the other flows: the person's
//! tickets are marked on their page and staff edits refused (the request's own case stays
//! workable), recruitment actions on their application are refused, and retention holds their
//! data while another person's goes as usual.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(a_restriction_is_consulted_by_desk_recruitment_and_retention);

const MAIJA: &str = "maija@example.fi";
const PEKKA: &str = "pekka@example.fi";

async fn a_restriction_is_consulted_by_desk_recruitment_and_retention(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("sipoo", "full").await;
    let adviser = app.person(&org, "neuvoja@sipoo.test", Role::Adviser).await;
    let admin = app.person(&org, "main@sipoo.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekry@sipoo.test", Role::Recruiter).await;
    let api = app.api(&adviser.token);
    let mut cases = vec![];
    for email in [MAIJA, PEKKA] {
        let (s, t) = api
            .post(
                "/api/v1/orgs/sipoo/tickets",
                json!({"name": "Asiakas", "email": email, "message": "Kysymys"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{t}");
        cases.push(t["case_number"].as_str().unwrap().to_string());
    }
    let (maija_case, pekka_case) = (cases[0].clone(), cases[1].clone());
    let ad = crate::applications::open_ad(&app, &org, &recruiter).await;
    let (s, _) =
        crate::applications::apply(&app, "sipoo", &ad.id, crate::applications::form(MAIJA)).await;
    assert_eq!(s, StatusCode::OK);
    let (app_id,): (String,) =
        sqlx::query_as("SELECT id FROM applications WHERE org_id = $1 AND email = $2")
            .bind(&org.id)
            .bind(MAIJA)
            .fetch_one(app.db.pool())
            .await
            .unwrap();

    // Before: edits work.
    let (s, body) = app
        .api(&recruiter.token)
        .post(
            &format!("/api/v1/orgs/sipoo/applications/{app_id}/actions"),
            json!({"action": "rate", "rating": 3}),
        )
        .await;
    assert!(s.is_success(), "{s} {body}");

    let (_, r) = api
        .post("/api/v1/orgs/sipoo/data-requests", json!({"kind": "restriction", "email": MAIJA}))
        .await;
    let request_case = r["case_number"].as_str().unwrap().to_string();
    let (s, done) = api
        .post(&format!("/api/v1/data-requests/{}/execute", r["id"].as_str().unwrap()), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{done}");

    // The desk: replies, notes, status and copies of Maija's ticket are refused; Pekka's work.
    let (s, body) = api
        .post(&format!("/api/v1/tickets/{maija_case}/messages"), json!({"body": "Vastaus"}))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("privacy-restricted")),
        "{body}"
    );
    assert!(body["message"].as_str().unwrap_or_default().len() > 10, "translated: {body}");
    let (s, _) = api
        .post(
            &format!("/api/v1/tickets/{maija_case}/messages"),
            json!({"body": "Muistiinpano", "public": false}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) =
        api.patch(&format!("/api/v1/tickets/{maija_case}"), json!({"status": "open"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, body) = api
        .post(&format!("/api/v1/tickets/{pekka_case}/messages"), json!({"body": "Vastaus"}))
        .await;
    assert!(s.is_success(), "{s} {body}");
    let mail_to_maija = app.outbox_to(MAIJA).await.len();
    // The request's own case is how the controller answers her: still workable.
    if !request_case.is_empty() {
        let (s, body) = api
            .post(
                &format!("/api/v1/tickets/{request_case}/messages"),
                json!({"body": "Rajoitettu."}),
            )
            .await;
        assert!(s.is_success(), "the request's case: {s} {body}");
        assert_eq!(app.outbox_to(MAIJA).await.len(), mail_to_maija + 1);
    }
    // The ticket page says so.
    let browser = app.signed_in(&adviser).await;
    let (s, html) = browser.get_text(&format!("/orgs/sipoo/desk/{maija_case}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("restricted-notice") && html.contains(&request_case), "{html}");
    let (_, html) = browser.get_text(&format!("/orgs/sipoo/desk/{pekka_case}")).await;
    assert!(!html.contains("restricted-notice"));

    // Recruitment: no action on her application.
    let (s, body) = app
        .api(&recruiter.token)
        .post(
            &format!("/api/v1/orgs/sipoo/applications/{app_id}/actions"),
            json!({"action": "rate", "rating": 4}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("privacy-restricted")),
        "{body}"
    );

    // Retention: both tickets closed long ago would go, but Maija's is held.
    sqlx::query("UPDATE tickets SET status = 'closed', closed_at = 1000 WHERE org_id = $1 AND case_number IN ($2, $3)")
        .bind(&org.id)
        .bind(&maija_case)
        .bind(&pekka_case)
        .execute(app.db.pool())
        .await
        .unwrap();
    let at = "2100-01-01T00:00:00Z";
    let (s, body) =
        app.api(&admin.token).get(&format!("/api/v1/orgs/sipoo/retention/preview?at={at}")).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let tickets = body["counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["data_type"] == "tickets")
        .unwrap()["count"]
        .as_i64()
        .unwrap();
    let (closed,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM tickets WHERE org_id = $1 AND status = 'closed' AND closed_at = 1000",
    )
    .bind(&org.id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(closed, 2);
    assert_eq!(tickets, 1, "Pekka's ticket only: {body}");
    tupa_core::maintenance::run(&app.db, &app.settings, 4_102_444_800).await.unwrap();
    let (left,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM tickets WHERE org_id = $1 AND case_number = $2")
            .bind(&org.id)
            .bind(&maija_case)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(left, 1, "held");
    let (gone,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM tickets WHERE org_id = $1 AND case_number = $2")
            .bind(&org.id)
            .bind(&pekka_case)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(gone, 0, "deleted as usual");
}
