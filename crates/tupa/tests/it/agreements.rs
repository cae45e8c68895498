//! Agreements and processing terms on record (issue 13): a production organisation without
//! an agreement is flagged to the operator until one is recorded (training ones never are);
//! the main admin reads theirs; a sub-processor change is announced before it takes effect.

use base64::Engine;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(
    an_agreement_on_record_clears_the_flag,
    a_subprocessor_change_is_announced_before_it_takes_effect
);

fn day(offset: i64) -> String {
    // Dates are Helsinki days, as the service reads them.
    let today = tupa_core::desk::hours::to_helsinki(tupa_core::db::now()).date();
    (today + time::Duration::days(offset)).to_string()
}

fn flagged(overview: &Value, slug: &str) -> bool {
    overview.as_array().unwrap().iter().find(|o| o["org"] == slug).unwrap()["flagged"] == true
}

async fn an_agreement_on_record_clears_the_flag(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "full").await;
    let a_main = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let a_adviser = app.person(&a, "adv@a.test", Role::Adviser).await;
    let b_main = app.person(&b, "main@b.test", Role::MainAdmin).await;
    let operator = app.api(&op.token);
    let main = app.api(&a_main.token);

    // Every organisation is production unless marked training: both flagged at first.
    let (s, overview) = operator.get("/api/v1/agreements").await;
    assert_eq!(s, StatusCode::OK, "{overview}");
    assert!(flagged(&overview, "a-org") && flagged(&overview, "b-org"));
    assert!(!overview.to_string().contains("\"tupa\""), "the operator itself is not a customer");
    let (s, _) = main.get("/api/v1/agreements").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) =
        operator.put("/api/v1/orgs/b-org/environment", json!({"environment": "training"})).await;
    assert_eq!(s, StatusCode::OK);
    let (_, overview) = operator.get("/api/v1/agreements").await;
    assert!(!flagged(&overview, "b-org"), "a training organisation needs no agreement");
    let (s, _) =
        main.put("/api/v1/orgs/a-org/environment", json!({"environment": "training"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "only the operator decides");

    // The operator's organisation list flags A.
    let browser = app.signed_in_operator().await;
    let orgs = browser.get("/orgs").await.text().await.unwrap();
    assert!(orgs.contains("/orgs/a-org/agreement"), "A is flagged in the list");
    assert!(!orgs.contains("/orgs/b-org/agreement"));

    // Recording: the operator only, with a checked document and valid fields.
    let pdf = base64::engine::general_purpose::STANDARD.encode(b"%PDF-1.7 signed");
    let record = json!({"signed_on": day(-3), "signer_name": "Kaisa Kunnanjohtaja",
        "signer_title": "Kunnanjohtaja", "signer_authority": "Hallintosääntö 12 §",
        "terms_version": "2026-1", "filename": "sopimus.pdf", "content_base64": pdf});
    let (s, _) = main.post("/api/v1/orgs/a-org/agreement", record.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.api(&b_main.token).get("/api/v1/orgs/a-org/agreement").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another organisation learns nothing");
    let (s, _) = app.api(&a_adviser.token).get("/api/v1/orgs/a-org/agreement").await;
    assert_eq!(s, StatusCode::FORBIDDEN, "the main admins' page");
    let exe = base64::engine::general_purpose::STANDARD.encode(b"MZ\x90\x00");
    for (field, value, code) in [
        ("signed_on", json!(day(2)), "agreement-date-invalid"),
        ("signed_on", json!("3.12.2026"), "agreement-date-invalid"),
        ("signer_name", json!(" "), "agreement-field-invalid"),
        ("signer_authority", json!("x".repeat(201)), "agreement-field-invalid"),
        ("terms_version", json!(""), "agreement-field-invalid"),
        ("plan", json!("nope"), "agreement-plan-unknown"),
        ("content_base64", json!(exe), "attachment-type-not-allowed"),
        ("content_base64", json!("%%%"), "agreement-document-required"),
    ] {
        let mut bad = record.clone();
        bad[field] = value;
        let (s, body) = operator.post("/api/v1/orgs/a-org/agreement", bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
        assert_eq!(body["code"], code, "{field}");
    }
    let (s, got) = operator.post("/api/v1/orgs/a-org/agreement", record).await;
    assert_eq!(s, StatusCode::CREATED, "{got}");
    assert_eq!(got["plan"], "full", "the organisation's plan by default");
    assert_eq!(got["content_type"], "application/pdf");

    // The flag is gone; the main admin reads the agreement and downloads the document.
    let (_, overview) = operator.get("/api/v1/agreements").await;
    assert!(!flagged(&overview, "a-org"));
    let (s, view) = main.get("/api/v1/orgs/a-org/agreement").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(view["flagged"], false);
    assert_eq!(view["agreement"]["terms_version"], "2026-1");
    assert_eq!(view["agreement"]["signer_name"], "Kaisa Kunnanjohtaja");
    let res = reqwest::Client::new()
        .get(app.url("/api/v1/orgs/a-org/agreement/document"))
        .bearer_auth(&a_main.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"%PDF-1.7 signed");
    let main_browser = app.signed_in(&a_main).await;
    let page = main_browser.get("/orgs/a-org/agreement").await.text().await.unwrap();
    assert!(page.contains("Kaisa Kunnanjohtaja") && page.contains("2026-1"));
    assert!(!page.contains("action=\"/orgs/a-org/agreement?csrf="), "no recording form for them");
    let orgs = browser.get("/orgs").await.text().await.unwrap();
    assert!(!orgs.contains("/orgs/a-org/agreement"), "no longer flagged");

    // Back to production without an agreement: flagged again (B).
    operator.put("/api/v1/orgs/b-org/environment", json!({"environment": "production"})).await;
    let (_, overview) = operator.get("/api/v1/agreements").await;
    assert!(flagged(&overview, "b-org"));
    let actions = app.audit_actions(Some(&a.id)).await;
    assert!(actions.contains(&"agreement-recorded".to_string()), "{actions:?}");
}

async fn a_subprocessor_change_is_announced_before_it_takes_effect(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "desk").await;
    let a_main = app.person(&a, "main@a.test", Role::MainAdmin).await;
    app.person(&b, "main@b.test", Role::MainAdmin).await;
    let operator = app.api(&op.token);
    let main = app.api(&a_main.token);
    let hosting = json!({"name": "Hosting Oy", "purpose": "Palvelimet", "location": "Suomi"});

    let (s, _) = main
        .post("/api/v1/subprocessors", json!({"effective_on": day(0), "entries": [hosting]}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The first list may start today.
    let (s, first) = operator
        .post("/api/v1/subprocessors", json!({"effective_on": day(0), "entries": [hosting]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{first}");
    let (_, lists) = main.get("/api/v1/subprocessors").await;
    assert_eq!(lists["current"]["entries"][0]["name"], "Hosting Oy");

    // A change needs 30 days' notice.
    let mail = json!({"name": "Posti Ab", "purpose": "Sähköposti", "location": "Ruotsi"});
    for (bad, code) in [
        (
            json!({"effective_on": day(10), "entries": [hosting, mail]}),
            "subprocessors-notice-too-short",
        ),
        (json!({"effective_on": "huomenna", "entries": [hosting]}), "subprocessors-date-invalid"),
        (json!({"effective_on": day(40), "entries": []}), "subprocessors-count-invalid"),
        (
            json!({"effective_on": day(40), "entries": [{"name": "X", "purpose": "", "location": "FI"}]}),
            "subprocessor-field-invalid",
        ),
    ] {
        let (s, body) = operator.post("/api/v1/subprocessors", bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["code"], code);
    }
    let before = app.outbox_to("main@a.test").await.len();
    let (s, next) = operator
        .post("/api/v1/subprocessors", json!({"effective_on": day(31), "entries": [hosting, mail]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{next}");

    // Still the old list in force, the new one upcoming; every organisation's main admins
    // were told at once, by mail and on their home page.
    let (_, lists) = main.get("/api/v1/subprocessors").await;
    assert_eq!(lists["current"]["entries"].as_array().unwrap().len(), 1);
    assert_eq!(lists["upcoming"][0]["entries"][1]["name"], "Posti Ab");
    assert_eq!(lists["upcoming"][0]["effective_on"], day(31));
    let mails = app.outbox_to("main@a.test").await;
    assert_eq!(mails.len(), before + 1);
    assert!(mails.iter().any(|m| m.body_text.contains("Posti Ab")));
    assert!(app.outbox_to("main@b.test").await.iter().any(|m| m.body_text.contains("Posti Ab")));
    let (_, list) = main.get("/api/v1/announcements").await;
    // Both lists were announced (the first and the change); the change names its day.
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|a| a["kind"] == "subprocessors"));
    assert!(list.iter().any(|a| a["fi"]["title"].as_str().unwrap().contains(&day(31))), "{list:?}");
    let (_, view) = main.get("/api/v1/orgs/a-org/agreement").await;
    assert_eq!(view["subprocessors"]["upcoming"][0]["version"], 2);

    // It takes effect on its day.
    let at = next["effective_at"].as_i64().unwrap();
    let later = tupa_core::agreements::subprocessors::lists(&app.db, at).await.unwrap();
    assert_eq!(later.current.unwrap().version, 2);
    assert!(later.upcoming.is_empty());
}
