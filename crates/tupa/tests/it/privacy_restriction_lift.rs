//! Lifting a restriction (GDPR art. 18(3)): the person is told first — the lift is refused
//! until the notice went — then their tickets can be worked again; both steps are on the case
//! and in the audit log, through the API and the request page's buttons, and other
//! organisations' staff get 404.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(a_restriction_is_lifted_only_after_the_person_is_told);

const MAIJA: &str = "maija@example.fi";

async fn a_restriction_is_lifted_only_after_the_person_is_told(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("sipoo", "full").await;
    let other = app.org("kerava", "full").await;
    let adviser = app.person(&org, "neuvoja@sipoo.test", Role::Adviser).await;
    let admin = app.person(&org, "main@sipoo.test", Role::MainAdmin).await;
    let stranger = app.person(&other, "main@kerava.test", Role::MainAdmin).await;
    let api = app.api(&adviser.token);
    let (s, t) = api
        .post(
            "/api/v1/orgs/sipoo/tickets",
            json!({"name": "Maija", "email": MAIJA, "message": "Kysymys"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let ticket = t["case_number"].as_str().unwrap().to_string();

    // Not a restriction, or not carried out yet: nothing to lift.
    let (_, access) = api
        .post("/api/v1/orgs/sipoo/data-requests", json!({"kind": "access", "email": MAIJA}))
        .await;
    let (s, body) = api
        .post(
            &format!("/api/v1/data-requests/{}/lift-notice", access["id"].as_str().unwrap()),
            json!({"reason": "Riita ratkaistu"}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("privacy-lift-not-restriction"))
    );
    let (_, r) = api
        .post("/api/v1/orgs/sipoo/data-requests", json!({"kind": "restriction", "email": MAIJA}))
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let (s, body) = api.post(&format!("/api/v1/data-requests/{id}/lift"), json!({})).await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::CONFLICT, Some("privacy-lift-not-done")));
    let (s, done) = api.post(&format!("/api/v1/data-requests/{id}/execute"), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{done}");
    let (s, _) =
        api.post(&format!("/api/v1/tickets/{ticket}/messages"), json!({"body": "Vastaus"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "restricted");

    // Lifting before telling her is refused; another organisation's staff do not see it.
    let (s, body) = api.post(&format!("/api/v1/data-requests/{id}/lift"), json!({})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("privacy-lift-not-noticed")),
        "{body}"
    );
    assert!(body["message"].as_str().unwrap_or_default().len() > 10, "translated: {body}");
    let (s, _) = app
        .api(&stranger.token)
        .post(&format!("/api/v1/data-requests/{id}/lift-notice"), json!({"reason": "x"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, body) =
        api.post(&format!("/api/v1/data-requests/{id}/lift-notice"), json!({"reason": "  "})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("privacy-lift-reason-missing"))
    );

    // The notice: mailed to her with the reason, recorded on the request.
    let before = app.outbox_to(MAIJA).await.len();
    let (s, noticed) = api
        .post(
            &format!("/api/v1/data-requests/{id}/lift-notice"),
            json!({"reason": "Tietojen oikeellisuus on tarkistettu"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{noticed}");
    assert!(noticed["lift_noticed_at"].as_i64().is_some());
    assert!(noticed["lifted_at"].is_null());
    let mails = app.outbox_to(MAIJA).await;
    assert_eq!(mails.len(), before + 1);
    assert!(
        mails.iter().any(|m| m.body_text.contains("Tietojen oikeellisuus on tarkistettu")),
        "the reason is in the mail"
    );
    // Still restricted until lifted.
    let (s, _) =
        api.post(&format!("/api/v1/tickets/{ticket}/messages"), json!({"body": "Vastaus"})).await;
    assert_eq!(s, StatusCode::CONFLICT);

    // Lifted on the request page's button (the main admin); her ticket can be worked again.
    let browser = app.signed_in(&admin).await;
    let page = format!("/orgs/sipoo/data-requests/{id}");
    let (s, html) = browser.get_text(&page).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("lift-heading") && html.contains("lift-noticed"), "{html}");
    let res = browser.post(&format!("{page}/lift"), &[]).await;
    assert!(res.status().is_redirection() || res.status().is_success(), "{}", res.status());
    let (_, html) = browser.get_text(&page).await;
    assert!(!html.contains("lift-heading") && html.contains("restriction-state"), "{html}");
    let (s, body) =
        api.post(&format!("/api/v1/tickets/{ticket}/messages"), json!({"body": "Vastaus"})).await;
    assert!(s.is_success(), "lifted: {s} {body}");
    let (s, body) = api.post(&format!("/api/v1/data-requests/{id}/lift"), json!({})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("privacy-lift-already-lifted"))
    );
    let (_, got) = api.get(&format!("/api/v1/data-requests/{id}")).await;
    assert!(got["lifted_at"].as_i64().is_some(), "{got}");

    // The audit log has both steps.
    let actions: Vec<(String,)> = sqlx::query_as(
        "SELECT action FROM audit_log WHERE org_id = $1 AND action LIKE 'data-restriction-%' ORDER BY action DESC",
    )
    .bind(&org.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let actions: Vec<&str> = actions.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(actions, ["data-restriction-lifted", "data-restriction-lift-noticed"]);
}
