//! Files into the organisation's materials library through the API (multipart), under the
//! desk's upload rules, next to links as JSON; hostile input stores nothing.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(a_library_file_is_uploaded_by_api);

const PDF: &[u8] = crate::applications::PDF;

async fn upload(app: &TestApp, token: &str, slug: &str, form: Form) -> (StatusCode, Value) {
    let res = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/orgs/{slug}/materials")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or_default())
}

fn file_form(title: &str, audience: &str, name: &'static str, bytes: &[u8]) -> Form {
    Form::new()
        .text("title", title.to_string())
        .text("description", "Ohje")
        .text("audience", audience.to_string())
        .part("file", Part::bytes(bytes.to_vec()).file_name(name))
}

async fn a_library_file_is_uploaded_by_api(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("salo", "full").await;
    let other = app.org("forssa", "full").await;
    let admin = app.person(&org, "maija@salo.test", Role::MainAdmin).await;
    let stranger = app.person(&other, "kalle@forssa.test", Role::Counsellor).await;

    let (status, m) =
        upload(&app, &admin.token, "salo", file_form("Perehdytys", "staff", "opas.pdf", PDF)).await;
    assert_eq!(status, StatusCode::CREATED, "{m}");
    assert_eq!((m["kind"].as_str(), m["audience"].as_str()), (Some("file"), Some("staff")));
    assert_eq!(m["size"], PDF.len());
    assert_eq!(m["filename"], "opas.pdf");
    let b = app.signed_in(&admin).await;
    let res = b.get(&format!("/orgs/salo/materials/{}/file", m["id"].as_str().unwrap())).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    // Links still come as JSON.
    let (status, link) = app
        .api(&admin.token)
        .post(
            "/api/v1/orgs/salo/materials",
            json!({"title": "Kela", "url": "https://www.kela.fi/"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{link}");

    // Refused with the desk's codes, and nothing stored.
    for (form, code) in [
        (file_form("Ohjelma", "clients", "ohje.pdf", b"MZ\x90\x00"), "attachment-type-not-allowed"),
        (Form::new().text("title", "Ei tiedostoa"), "material-file-required"),
        (file_form("Kenelle", "everyone", "opas.pdf", PDF), "material-audience-invalid"),
        (file_form("", "clients", "opas.pdf", PDF), "guidance-title-required"),
    ] {
        let (status, body) = upload(&app, &admin.token, "salo", form).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code)),
            "{body}"
        );
    }
    let (status, _) =
        upload(&app, &stranger.token, "salo", file_form("Vieras", "clients", "a.pdf", PDF)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = app.api(&admin.token).get("/api/v1/orgs/salo/materials").await;
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
}
