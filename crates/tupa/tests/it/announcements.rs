//! Announcements (issue 13): the operator's announcement reaches the main admins of the
//! chosen plans only (mail in their language, home page until read); a main admin forwards it
//! by role or unit to exactly those people; another organisation's main admin gets 404.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::{self, Role};

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(announcements_reach_the_chosen_plans_and_are_forwarded_by_role_or_unit);

async fn announcements_reach_the_chosen_plans_and_are_forwarded_by_role_or_unit(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "desk").await;
    let a_main = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let a_adviser = app.person(&a, "adv@a.test", Role::Adviser).await;
    let a_recruiter = app.person(&a, "rec@a.test", Role::Recruiter).await;
    let a_counsellor = app.person(&a, "couns@a.test", Role::Counsellor).await;
    let b_main = app.person(&b, "main@b.test", Role::MainAdmin).await;
    sqlx::query("UPDATE users SET locale = 'sv' WHERE id = $1")
        .bind(&a_main.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let operator = app.api(&op.token);
    let main = app.api(&a_main.token);

    // Only platform admins publish; bad input is refused with a reason.
    let post = json!({"fi": {"title": "Huoltokatko", "body": "Palvelu on poissa käytöstä lauantaina."},
        "sv": {"title": "Serviceavbrott", "body": "Tjänsten är nere på lördag."}, "plans": ["full"]});
    let (s, _) = main.post("/api/v1/announcements", post.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    for (bad, code) in [
        (json!({"fi": {"title": "", "body": "x"}}), "announcement-title-invalid"),
        (json!({"fi": {"title": "x".repeat(201), "body": "x"}}), "announcement-title-invalid"),
        (json!({"fi": {"title": "T", "body": "x".repeat(10_001)}}), "announcement-body-invalid"),
        (
            json!({"fi": {"title": "T", "body": "x"}, "plans": ["nope"]}),
            "announcement-plan-unknown",
        ),
    ] {
        let (s, body) = operator.post("/api/v1/announcements", bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["code"], code);
    }
    let (s, created) = operator.post("/api/v1/announcements", post).await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["organisations"], 1, "only the organisation on the full plan: {created}");

    // The main admin of A (on the plan) got it by mail in Swedish; B's main admin (another
    // plan) got nothing and does not see it.
    let mails = app.outbox_to("main@a.test").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.contains("Serviceavbrott"), "{}", mails[0].subject);
    assert!(mails[0].body_text.contains("Tjänsten är nere"), "{}", mails[0].body_text);
    assert!(app.outbox_to("main@b.test").await.is_empty(), "B is on another plan");
    assert!(app.outbox_to("adv@a.test").await.is_empty(), "staff only by forwarding");
    let (_, list) = app.api(&b_main.token).get("/api/v1/announcements").await;
    assert_eq!(list, json!([]));
    let (_, list) = main.get("/api/v1/announcements").await;
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["read_at"], serde_json::Value::Null);
    assert_eq!(list[0]["forwardable_in"], json!(["a-org"]));
    let (_, list) = operator.get("/api/v1/announcements").await;
    assert_eq!(list.as_array().unwrap().len(), 1);

    // On the main admin's home page until read.
    let browser = app.signed_in(&a_main).await;
    let home = browser.get("/").await.text().await.unwrap();
    assert!(home.contains("Huoltokatko") || home.contains("Serviceavbrott"), "on the home page");

    // Forwarding: another organisation's main admin, and A's adviser, learn nothing.
    let fwd = format!("/api/v1/announcements/{id}/forward");
    let (s, _) = app.api(&b_main.token).post(&fwd, json!({"audience": "all"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) =
        app.api(&b_main.token).post(&fwd, json!({"org": "a-org", "audience": "all"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.api(&a_adviser.token).post(&fwd, json!({"audience": "all"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, body) = main.post(&fwd, json!({"audience": "role"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a role is needed: {body}");
    let (s, body) = main.post(&fwd, json!({"audience": "unit", "unit": "nope"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // By role: only the advisers.
    let (s, done) = main.post(&fwd, json!({"audience": "role", "role": "adviser"})).await;
    assert_eq!(s, StatusCode::CREATED, "{done}");
    assert_eq!(done["recipients"], 1);
    assert_eq!(app.outbox_to("adv@a.test").await.len(), 1);
    assert!(app.outbox_to("rec@a.test").await.is_empty(), "not a recruiter");
    let (_, adv_list) = app.api(&a_adviser.token).get("/api/v1/announcements").await;
    assert_eq!(adv_list[0]["id"], id.as_str());
    assert_eq!(adv_list[0]["forwarded_in"], json!(["a-org"]));
    assert_eq!(adv_list[0]["forwardable_in"], json!([]));
    let (_, rec_list) = app.api(&a_recruiter.token).get("/api/v1/announcements").await;
    assert_eq!(rec_list, json!([]));

    // By unit: the people whose role is in the unit or below it.
    let (_, unit) = main.post("/api/v1/orgs/a-org/units", json!({"name": "Palvelut"})).await;
    let unit_id = unit["id"].as_str().unwrap().to_string();
    let (_, sub) = main
        .post("/api/v1/orgs/a-org/units", json!({"name": "Alapalvelu", "parent_id": unit_id}))
        .await;
    let sub_id = sub["id"].as_str().unwrap_or(&unit_id).to_string();
    let mut tx = app.db.begin().await.unwrap();
    people::grant(&mut tx, &a.id, &a_counsellor.id, Role::Counsellor, Some(&sub_id), None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (s, done) = main.post(&fwd, json!({"audience": "unit", "unit": unit_id})).await;
    assert_eq!(s, StatusCode::CREATED, "{done}");
    assert_eq!(done["recipients"], 1, "the counsellor in the unit below: {done}");
    assert_eq!(app.outbox_to("couns@a.test").await.len(), 1);
    assert!(app.outbox_to("rec@a.test").await.is_empty());

    // Everyone: the recruiter now; the adviser is not mailed twice.
    let (_, done) = main.post(&fwd, json!({"audience": "all"})).await;
    assert_eq!(done["recipients"], 1, "only the recruiter is new: {done}");
    assert_eq!(app.outbox_to("adv@a.test").await.len(), 1, "once each");
    assert_eq!(app.outbox_to("rec@a.test").await.len(), 1);

    // Marking read takes it off the home page; someone it never reached gets 404.
    let read = format!("/api/v1/announcements/{id}/read");
    let (s, _) = app.api(&b_main.token).post(&read, json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = main.post(&read, json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, list) = main.get("/api/v1/announcements").await;
    assert!(list[0]["read_at"].is_i64());
    let home = browser.get("/").await.text().await.unwrap();
    assert!(!home.contains("Serviceavbrott") && !home.contains("Huoltokatko"));

    // Audited: the publication in the installation log, the forwards in A's.
    assert!(app.audit_actions(None).await.contains(&"announcement-published".to_string()));
    let a_log = app.audit_actions(Some(&a.id)).await;
    assert_eq!(a_log.iter().filter(|x| *x == "announcement-forwarded").count(), 3);
}
