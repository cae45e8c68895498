//! The instructions and materials library (issue 9): the operator publishes for every
//! organisation per audience, each item in fi/sv/en and versioned; each organisation keeps
//! its own library, read by its people per audience. Hostile input — another organisation's
//! library, a forbidden file type, a publish by anyone but the operator — changes nothing.

use base64::Engine;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, location, spawn};

both_backends!(
    the_operator_publishes_for_every_organisation_by_audience,
    new_versions_keep_the_old_and_readers_get_their_language,
    an_organisation_library_is_read_per_audience,
    the_operator_publishes_on_the_page,
);

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.7\n% {text}\n%%EOF\n").into_bytes()
}

/// The operator publishes an item with a PDF per given language; its id.
async fn publish(
    app: &TestApp,
    token: &str,
    title: &str,
    audience: &str,
    langs: &[&str],
) -> String {
    let files: Vec<Value> = langs
        .iter()
        .map(|l| json!({"lang": l, "filename": format!("{title}-{l}.pdf"), "content_base64": b64(&pdf(&format!("{title} {l} v1")))}))
        .collect();
    let (s, item) = app
        .api(token)
        .post("/api/v1/materials", json!({"title": title, "audience": audience, "files": files}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{item}");
    item["id"].as_str().unwrap().to_string()
}

fn titles(list: &Value) -> Vec<String> {
    let mut t: Vec<String> =
        list.as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_string()).collect();
    t.sort();
    t
}

async fn download(app: &TestApp, token: &str, path: &str, lang: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(path))
        .bearer_auth(token)
        .header("accept-language", lang)
        .send()
        .await
        .unwrap()
}

async fn the_operator_publishes_for_every_organisation_by_audience(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "desk").await;
    let main_a = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let main_b = app.person(&b, "main@b.test", Role::MainAdmin).await;
    let adviser = app.person(&a, "adviser@a.test", Role::Adviser).await;
    let counsellor = app.person(&a, "counsellor@a.test", Role::Counsellor).await;

    // Seed 000's media-release template is for main admins.
    let release = publish(&app, &op.token, "Mediatiedote", "main-admins", &["fi", "sv"]).await;
    publish(&app, &op.token, "Palvelun ohje", "staff", &["fi"]).await;
    publish(&app, &op.token, "Asiakasopas", "clients", &["fi"]).await;

    let list = |token: String| {
        let app = &app;
        async move {
            let (s, list) = app.api(&token).get("/api/v1/materials").await;
            assert_eq!(s, StatusCode::OK, "{list}");
            titles(&list)
        }
    };
    // Main admins of every organisation (whatever its plan) get main-admin and staff items.
    for main in [&main_a, &main_b] {
        let got = list(main.token.clone()).await;
        assert!(got.contains(&"Mediatiedote".to_string()), "{got:?}");
        assert!(got.contains(&"Palvelun ohje".to_string()), "{got:?}");
    }
    // Staff get staff items; those who share with clients get client items as well.
    assert_eq!(list(adviser.token.clone()).await, vec!["Palvelun ohje"]);
    assert_eq!(list(counsellor.token.clone()).await, vec!["Asiakasopas", "Palvelun ohje"]);
    assert_eq!(list(op.token.clone()).await.len(), 3);

    // An item not for the reader is not there at all.
    let (s, _) = app.api(&adviser.token).get(&format!("/api/v1/materials/{release}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let res =
        download(&app, &adviser.token, &format!("/api/v1/materials/{release}/download"), "fi")
            .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res =
        download(&app, &main_b.token, &format!("/api/v1/materials/{release}/download"), "fi").await;
    assert_eq!(res.status(), StatusCode::OK);

    // Only the operator publishes, and only the operator adds versions.
    let body = json!({"title": "Väärennös", "audience": "staff", "files": [{"lang": "fi", "url": "https://evil.test/"}]});
    let version = json!({"files": [{"lang": "fi", "url": "https://evil.test/"}]});
    for p in [&main_a, &adviser, &counsellor] {
        let (s, _) = app.api(&p.token).post("/api/v1/materials", body.clone()).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = app
            .api(&p.token)
            .post(&format!("/api/v1/materials/{release}/versions"), version.clone())
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
    let (s, _) = app.api("no-token").get("/api/v1/materials").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (_, item) = app.api(&op.token).get(&format!("/api/v1/materials/{release}")).await;
    assert_eq!(item["newest_version"], 1, "{item}");
    assert_eq!(list(op.token.clone()).await.len(), 3, "nothing was added");
}

async fn new_versions_keep_the_old_and_readers_get_their_language(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("a-org", "full").await;
    let main = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let id = publish(&app, &op.token, "Mediatiedote", "main-admins", &["fi", "sv"]).await;

    // A new version, in Finnish and Swedish again.
    let v2 = |l: &str| json!({"lang": l, "filename": format!("tiedote-{l}-2.pdf"), "content_base64": b64(&pdf(&format!("{l} v2")))});
    let (s, item) = app
        .api(&op.token)
        .post(&format!("/api/v1/materials/{id}/versions"), json!({"files": [v2("fi"), v2("sv")]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{item}");
    assert_eq!(item["newest_version"], 2);
    let versions: Vec<i64> = item["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, vec![2, 1], "the older version is kept, newest first");

    // The newest is what a reader gets, in their language; the old one is still there.
    let mut api = app.api(&main.token);
    api.lang = Some("sv");
    let (_, item) = api.get(&format!("/api/v1/materials/{id}")).await;
    assert_eq!(item["shown"]["version"], 2, "{item}");
    assert_eq!(item["shown"]["lang"], "sv");
    assert_eq!(item["shown"]["fallback"], false);
    let res = download(&app, &main.token, &format!("/api/v1/materials/{id}/download"), "sv").await;
    assert_eq!(res.status(), StatusCode::OK);
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(disposition.contains("tiedote-sv-2.pdf"), "{disposition}");
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.bytes().await.unwrap().as_ref(), pdf("sv v2").as_slice());
    let res = download(
        &app,
        &main.token,
        &format!("/api/v1/materials/{id}/download?version=1&lang=fi"),
        "sv",
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().as_ref(), pdf("Mediatiedote fi v1").as_slice());

    // An English reader falls back to Finnish, with a note; English asked for outright is 404.
    api.lang = Some("en");
    let (_, item) = api.get(&format!("/api/v1/materials/{id}")).await;
    assert_eq!(item["shown"]["lang"], "fi", "{item}");
    assert_eq!(item["shown"]["fallback"], true);
    let res = download(&app, &main.token, &format!("/api/v1/materials/{id}/download"), "en").await;
    assert_eq!(res.bytes().await.unwrap().as_ref(), pdf("fi v2").as_slice());
    let path = format!("/api/v1/materials/{id}/download?lang=en");
    assert_eq!(download(&app, &main.token, &path, "en").await.status(), StatusCode::NOT_FOUND);
    let path = format!("/api/v1/materials/{id}/download?version=3");
    assert_eq!(download(&app, &main.token, &path, "fi").await.status(), StatusCode::NOT_FOUND);

    // The desk's upload rules: a program is refused, a language twice too; nothing is stored.
    let exe =
        json!({"lang": "fi", "filename": "tiedote.pdf", "content_base64": b64(b"MZ\x90\x00")});
    let (s, err) = app
        .api(&op.token)
        .post(&format!("/api/v1/materials/{id}/versions"), json!({"files": [exe]}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["code"], "attachment-type-not-allowed");
    let (s, err) = app
        .api(&op.token)
        .post(&format!("/api/v1/materials/{id}/versions"), json!({"files": [v2("fi"), v2("fi")]}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["code"], "library-language-twice");
    let (s, _) = app
        .api(&op.token)
        .post("/api/v1/materials/unknown/versions", json!({"files": [v2("fi")]}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, item) = app.api(&op.token).get(&format!("/api/v1/materials/{id}")).await;
    assert_eq!(item["newest_version"], 2);
    assert_eq!(item["versions"].as_array().unwrap().len(), 2);
    let stored: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM library_files")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(stored.0, 4);
}

async fn an_organisation_library_is_read_per_audience(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "full").await;
    let main = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let adviser = app.person(&a, "adviser@a.test", Role::Adviser).await;
    let counsellor = app.person(&a, "counsellor@a.test", Role::Counsellor).await;
    let main_b = app.person(&b, "main@b.test", Role::MainAdmin).await;
    for (title, audience) in [
        ("Pääkäyttäjän ohje", "main-admins"),
        ("Henkilöstön ohje", "staff"),
        ("Asiakkaan opas", "clients"),
    ] {
        let (s, m) = app
            .api(&main.token)
            .post(
                "/api/v1/orgs/a-org/materials",
                json!({"title": title, "url": "https://a.test/ohje", "audience": audience}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{m}");
        assert_eq!(m["audience"], audience);
    }
    let read = |token: String| {
        let app = &app;
        async move {
            let (s, list) = app.api(&token).get("/api/v1/orgs/a-org/materials").await;
            assert_eq!(s, StatusCode::OK, "{list}");
            titles(&list)
        }
    };
    assert_eq!(read(main.token.clone()).await.len(), 3);
    assert_eq!(read(adviser.token.clone()).await, vec!["Henkilöstön ohje"]);
    assert_eq!(read(counsellor.token.clone()).await, vec!["Asiakkaan opas", "Henkilöstön ohje"]);
    // Another organisation's library is not there.
    let (s, _) = app.api(&main_b.token).get("/api/v1/orgs/a-org/materials").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Advisers read, but do not keep, the library.
    let (s, _) = app
        .api(&adviser.token)
        .post("/api/v1/orgs/a-org/materials", json!({"title": "x", "url": "https://a.test/"}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The library page shows the operator's items and the organisation's for the reader.
    let page = app.signed_in(&adviser).await;
    let (s, html) = page.get_text("/materials").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Henkilöstön ohje") && !html.contains("Pääkäyttäjän ohje"), "{html}");
    assert!(html.contains(r#"href="/materials""#), "the navigation leads here");
    assert!(!html.contains(r#"action="/materials?"#), "no publishing form for staff");
}

async fn the_operator_publishes_on_the_page(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let a = app.org("a-org", "full").await;
    let main = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let op = app.signed_in_operator().await;
    let form = Form::new()
        .text("title", "Mediatiedote")
        .text("description", "Pohja tiedotteelle")
        .text("audience", "main-admins")
        .part("file_fi", Part::bytes(pdf("fi")).file_name("tiedote.pdf"))
        .part("file_sv", Part::bytes(pdf("sv")).file_name("meddelande.pdf"))
        .part("file_en", Part::bytes(vec![]).file_name(""))
        .text("url_en", "");
    let res = op
        .client
        .post(format!("{}/materials?csrf={}", op.base, op.csrf))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = location(&res);
    assert!(to.starts_with("/materials/"), "{to}");
    let (s, html) = op.get_text(&to).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("meddelande.pdf") && html.contains("tiedote.pdf"), "{html}");
    // A forged form (no CSRF token) publishes nothing.
    let form = Form::new()
        .text("title", "Väärennös")
        .text("audience", "staff")
        .text("url_fi", "https://evil.test/");
    let res =
        op.client.post(format!("{}/materials", op.base)).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A form without any file is refused with the message at the files.
    let form = Form::new().text("title", "Tyhjä").text("audience", "staff");
    let res = op
        .client
        .post(format!("{}/materials?csrf={}", op.base, op.csrf))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"f-files\""), "{html}");
    let (_, list) = app.api(&main.token).get("/api/v1/materials").await;
    assert_eq!(titles(&list), vec!["Mediatiedote"]);
}
