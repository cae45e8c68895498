//! Issue 9's privacy notices and accessibility part on both backends: the notice per language
//! and the data-protection contact in the settings (and on the collection points), the
//! accessibility statements' API and who may change them, accessibility feedback becoming a
//! desk ticket due in 14 days, the acknowledgement of a data request, and other
//! organisations' statements and settings out of reach.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Api, Backend, TestApp, link_in, spawn};

both_backends!(
    notices_per_language_and_the_dpo_on_collection_points,
    statements_are_kept_by_the_right_people,
    feedback_becomes_a_ticket_due_in_fourteen_days,
    a_data_request_made_on_the_page_is_acknowledged
);

/// The page `path` as a visitor reading `lang` sees it.
async fn page_in(app: &TestApp, path: &str, lang: &str) -> (StatusCode, String) {
    let res = reqwest::Client::new()
        .get(app.url(path))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

async fn notices_per_language_and_the_dpo_on_collection_points(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let a = app.org("a-org", "full").await;
    app.org("b-org", "full").await;
    let admin = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let api = app.api(&admin.token);
    let (s, org) = api
        .put(
            "/api/v1/orgs/a-org/settings",
            json!({
                "privacy_notice_url": "https://a.test/tietosuoja",
                "privacy_notice_url_sv": "https://a.test/dataskydd",
                "dpo_name": "Tietosuojavastaava Teija",
                "dpo_email": "Tietosuoja@A.test",
                "business_id": ""
            }),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{org}");
    assert_eq!(org["privacy_notice_url_sv"], "https://a.test/dataskydd");
    assert_eq!(org["dpo_email"], "tietosuoja@a.test", "addresses are kept lower-cased");

    // Each reader gets the notice in their language, English falling back to Finnish.
    for (lang, url) in [
        ("fi", "https://a.test/tietosuoja"),
        ("sv", "https://a.test/dataskydd"),
        ("en", "https://a.test/tietosuoja"),
    ] {
        let (s, html) = page_in(&app, "/contact/a-org", lang).await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains(&format!("href=\"{url}\"")), "{lang}: {url} on the contact form");
        assert!(html.contains("Tietosuojavastaava Teija"), "the DPO is named");
        assert!(html.contains("href=\"/privacy/a-org\""), "the data request page is linked");
        assert!(html.contains("href=\"/accessibility/a-org\""), "the org's own statement");
        let (_, html) = page_in(&app, "/privacy/a-org", lang).await;
        assert!(html.contains(&format!("href=\"{url}\"")), "{lang}: {url} on the request page");
    }

    // An older client that knows only `privacy_notice_url` changes nothing else.
    let (s, org) = api
        .put(
            "/api/v1/orgs/a-org/settings",
            json!({"privacy_notice_url": "https://a.test/uusi", "business_id": ""}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{org}");
    assert_eq!(org["privacy_notice_url_sv"], "https://a.test/dataskydd");
    assert_eq!(org["dpo_name"], "Tietosuojavastaava Teija");

    // Plain http, a contact nobody can reach and oversized input are refused, translated,
    // and leave what is stored as it was.
    for (body, field, code) in [
        (
            json!({"privacy_notice_url_en": "http://a.test/privacy"}),
            "privacy_notice_url_en",
            "url-invalid",
        ),
        (json!({"privacy_notice_url_sv": "https://"}), "privacy_notice_url_sv", "url-invalid"),
        (json!({"dpo_email": "", "dpo_phone": ""}), "dpo_email", "dpo-channel-missing"),
        (json!({"dpo_phone": "0".repeat(41)}), "dpo_phone", "dpo-field-invalid"),
        (json!({"dpo_address": "x".repeat(301)}), "dpo_address", "dpo-field-invalid"),
    ] {
        let (s, e) = Api { lang: Some("sv"), ..app.api(&admin.token) }
            .put("/api/v1/orgs/a-org/settings", body)
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
        assert_eq!((e["field"].as_str(), e["code"].as_str()), (Some(field), Some(code)));
        assert!(!e["message"].as_str().unwrap().starts_with("error-"), "translated: {e}");
    }
    let stored = tupa_core::organisations::by_slug(&app.db, "a-org").await.unwrap().unwrap();
    assert_eq!(stored.privacy_notice_url_en, None);
    assert_eq!(stored.dpo_email.as_deref(), Some("tietosuoja@a.test"));

    // Another organisation's settings: 404, nothing changed.
    let (s, _) = api
        .put("/api/v1/orgs/b-org/settings", json!({"privacy_notice_url": "https://evil.test"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let b = tupa_core::organisations::by_slug(&app.db, "b-org").await.unwrap().unwrap();
    assert_eq!(b.privacy_notice_url, None);
}

fn statement(compliance: &str) -> serde_json::Value {
    json!({
        "compliance": compliance,
        "gaps_fi": "Liitteinä ladatut PDF-tiedostot eivät ole saavutettavia.",
        "gaps_sv": "Bifogade PDF-filer är inte tillgängliga.",
        "prepared_on": "2026-09-01",
        "reviewed_on": "2026-11-30",
        "feedback_email": "saavutettavuus@a.test"
    })
}

async fn statements_are_kept_by_the_right_people(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "full").await;
    let admin = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let adviser = app.person(&a, "adviser@a.test", Role::Adviser).await;
    let b_admin = app.person(&b, "main@b.test", Role::MainAdmin).await;
    let path = "/api/v1/orgs/a-org/accessibility-statement";

    // Not prepared yet: no statement, but the authority is named in the caller's language.
    let (s, body) = Api { lang: Some("sv"), ..app.api(&adviser.token) }.get(path).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert!(body["statement"].is_null());
    assert!(body["supervising_authority"]["name"].as_str().unwrap().contains("Traficom"));
    assert_eq!(body["supervising_authority"]["url"], "https://www.saavutettavuusvaatimukset.fi/");

    let (s, _) = app.api(&adviser.token).put(path, statement("partially")).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "an adviser does not keep the statement");
    let (s, _) = app.api(&b_admin.token).put(path, statement("not")).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another organisation's statement is out of reach");
    let (s, _) = app.api(&b_admin.token).get(path).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, body) = app.api(&admin.token).put(path, statement("partially")).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["statement"]["compliance"], "partially");
    assert_eq!(body["statement"]["reviewed_on"], "2026-11-30");

    // Validation: dates, their order, the compliance enum, the length of the gaps.
    let mut bad_order = statement("fully");
    bad_order["reviewed_on"] = json!("2026-08-01");
    let mut bad_date = statement("fully");
    bad_date["prepared_on"] = json!("1.9.2026");
    let mut long = statement("fully");
    long["gaps_en"] = json!("x".repeat(5001));
    for (body, code) in [
        (bad_order, "a11y-reviewed-before-prepared"),
        (bad_date, "a11y-date-invalid"),
        (long, "a11y-gaps-too-long"),
    ] {
        let (s, e) = app.api(&admin.token).put(path, body).await;
        assert_eq!((s, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)));
    }
    let (s, _) = app.api(&admin.token).put(path, statement("mostly")).await;
    assert!(s.is_client_error(), "compliance is a closed set: {s}");
    let (_, body) = app.api(&admin.token).get(path).await;
    assert_eq!(body["statement"]["compliance"], "partially", "refusals changed nothing");

    // The installation's statement is the operator's.
    let (s, _) =
        app.api(&admin.token).put("/api/v1/accessibility-statement", statement("fully")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, body) =
        app.api(&op.token).put("/api/v1/accessibility-statement", statement("fully")).await;
    assert_eq!(s, StatusCode::OK, "{body}");

    // The public pages: the organisation's in Swedish with its own gaps, the installation's.
    let (s, html) = page_in(&app, "/accessibility/a-org", "sv").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("data-compliance=\"partially\""));
    assert!(html.contains("Bifogade PDF-filer är inte tillgängliga."));
    assert!(html.contains("1.9.2026") && html.contains("30.11.2026"));
    assert!(html.contains("saavutettavuus@a.test"));
    assert!(html.contains("Traficom"));
    let (_, html) = page_in(&app, "/accessibility/a-org", "en").await;
    assert!(html.contains("Liitteinä ladatut PDF-tiedostot"), "English falls back to Finnish");
    let (_, html) = page_in(&app, "/accessibility", "fi").await;
    assert!(html.contains("data-compliance=\"fully\""));
    let (s, _) = page_in(&app, "/accessibility/no-such-org", "fi").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let actions = app.audit_actions(Some(&a.id)).await;
    assert!(actions.iter().any(|a| a == "accessibility-statement-saved"));
}

/// The ticket an accessibility feedback opened in `org_id`: (case, subject, category,
/// created_at, resolution_due).
async fn feedback_tickets(
    app: &TestApp,
    org_id: &str,
) -> Vec<(String, String, Option<String>, i64, Option<i64>)> {
    sqlx::query_as("SELECT case_number, subject, category_id, created_at, resolution_due FROM tickets WHERE org_id = $1 ORDER BY created_at")
        .bind(org_id)
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

async fn feedback_becomes_a_ticket_due_in_fourteen_days(backend: Backend) {
    let app = spawn(backend).await;
    let op_person = app.operator().await;
    let op = tupa_core::organisations::operator(&app.db).await.unwrap().unwrap();
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "full").await;
    // An organisation whose plan has no desk.
    let (s, plan) = app
        .api(&op_person.token)
        .post(
            "/api/v1/plans",
            json!({"slug": "rekry", "name": "Rekry", "capabilities": ["recruitment"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{plan}");
    let r = app.org("rekry-org", "rekry").await;
    let visitor = app.browser().await;

    let (s, html) = visitor
        .post_text(
            "/accessibility/a-org",
            &[
                ("name", ""),
                ("email", "kayttaja@example.fi"),
                ("page", "/contact/a-org"),
                ("description", "Lomakkeen virheilmoitus ei näy ruudunlukijalla."),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{html}");
    let tickets = feedback_tickets(&app, &a.id).await;
    assert_eq!(tickets.len(), 1);
    let (case, subject, category, created, due) = &tickets[0];
    assert!(html.contains(case.as_str()), "the case number is shown");
    assert!(subject.contains("Org a-org"), "{subject}");
    assert_eq!(category.as_deref(), Some(format!("a11y-{}", a.id).as_str()));
    assert_eq!(due.unwrap() - created, 14 * 86_400, "the law's 14 days");
    let categories = tupa_core::desk::categories::list(&app.db, &a.id).await.unwrap();
    assert!(categories.iter().any(|c| c.name == "Saavutettavuuspalaute"));
    let (body,): (String,) =
        sqlx::query_as("SELECT body_text FROM ticket_messages WHERE org_id = $1")
            .bind(&a.id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(body.contains("/contact/a-org") && body.contains("ruudunlukijalla"));
    assert_eq!(app.outbox_to("kayttaja@example.fi").await.len(), 1, "acknowledged");
    assert!(feedback_tickets(&app, &b.id).await.is_empty(), "nothing in another organisation");

    // Anonymous feedback (no name, no address) is filed too, with nobody to mail.
    let (s, _) =
        visitor.post_text("/accessibility/a-org", &[("description", "Kontrasti on heikko.")]).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(feedback_tickets(&app, &a.id).await.len(), 2);

    // Refusals: no description, a bad address, an oversized page address; the honeypot.
    for (form, code) in [
        (vec![("description", "  ")], "a11y-description-missing"),
        (vec![("description", "x"), ("email", "not-an-address")], "email-invalid"),
    ] {
        let (s, html) = visitor.post_text("/accessibility/a-org", &form).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{code}");
        assert!(html.contains("error-summary"));
    }
    let long = "x".repeat(501);
    let (s, _) = visitor
        .post_text("/accessibility/a-org", &[("description", "x"), ("page", long.as_str())])
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = visitor
        .post_text("/accessibility/a-org", &[("description", "spam"), ("website", "http://spam")])
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(feedback_tickets(&app, &a.id).await.len(), 2, "refused and robots store nothing");

    // A forged form (no CSRF token) is refused.
    let res = reqwest::Client::new()
        .post(app.url("/accessibility/a-org"))
        .form(&[("description", "forged")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());

    // Without a desk of its own the organisation's feedback reaches the operator's desk,
    // naming it; so does the installation's.
    let before = feedback_tickets(&app, &op.id).await.len();
    let (s, html) = visitor
        .post_text("/accessibility/rekry-org", &[("description", "Painike ei toimi.")])
        .await;
    assert_eq!(s, StatusCode::OK, "{html}");
    let (s, _) =
        visitor.post_text("/accessibility", &[("description", "Kirjautuminen ei toimi.")]).await;
    assert_eq!(s, StatusCode::OK);
    let op_tickets = feedback_tickets(&app, &op.id).await;
    assert_eq!(op_tickets.len(), before + 2);
    assert!(op_tickets.iter().any(|t| t.1.contains("Org rekry-org")));
    assert!(feedback_tickets(&app, &r.id).await.is_empty());
    let (s, _) = visitor.post_text("/accessibility/no-such-org", &[("description", "x")]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

async fn a_data_request_made_on_the_page_is_acknowledged(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    app.org("kerava", "full").await;
    let b = app.browser().await;
    let person = "maija@example.fi";
    let (s, _) = b.post_text("/privacy/kerava", &[("kind", "access"), ("email", person)]).await;
    assert_eq!(s, StatusCode::OK);
    let mail = app.outbox_to(person).await;
    let confirmation = mail.iter().find(|m| m.body_text.contains("/privacy/kerava/confirm/"));
    let link = link_in(&confirmation.expect("a confirmation mail").body_text, "http").unwrap();
    let path = link.split_once("/privacy/").map(|(_, p)| format!("/privacy/{p}")).unwrap();
    let (s, _) = b.post_text(&path, &[]).await;
    assert_eq!(s, StatusCode::OK);
    let (case,): (String,) = sqlx::query_as("SELECT case_number FROM data_requests")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let mail = app.outbox_to(person).await;
    let ack: Vec<_> = mail.iter().filter(|m| m.subject.contains(&case)).collect();
    assert_eq!(ack.len(), 1, "one acknowledgement with the case number");
    assert!(ack[0].body_text.contains("Org kerava"));
    // Confirming twice does not mail again.
    b.post_text(&path, &[]).await;
    assert_eq!(app.outbox_to(person).await.iter().filter(|m| m.subject.contains(&case)).count(), 1);
}
