//! Files in a space's conversation: attached on the no-JS form or by API multipart under the
//! desk's upload rules, listed and pushed live, downloaded with the desk's safe headers by
//! members only (another organisation, another space's id, a revoked professional: 404), and
//! in the client's archive.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::guidance::{client_enters, next_message, open_space};
use crate::guidance_professionals::{join_token, propose, ws_request};
use crate::helpers::{Backend, Browser, TestApp, location, spawn};

both_backends!(files_travel_in_the_conversation, only_members_download_a_file);

const PDF: &[u8] = crate::applications::PDF;

/// Posts the page's message form (multipart, CSRF in the query as the page carries it).
async fn post_form(
    b: &Browser,
    id: &str,
    body: &str,
    files: &[(&'static str, &[u8])],
) -> reqwest::Response {
    let csrf = b.cookie("tupa_csrf").unwrap();
    let mut form = Form::new().text("body", body.to_string());
    for (name, bytes) in files {
        form = form.part("attachments", Part::bytes(bytes.to_vec()).file_name(*name));
    }
    b.client
        .post(format!("{}/spaces/{id}/messages?csrf={csrf}", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Posts a message with files through the API (bearer token).
async fn post_api(
    app: &TestApp,
    token: &str,
    id: &str,
    body: &str,
    files: Vec<(&'static str, Vec<u8>)>,
) -> (StatusCode, serde_json::Value) {
    let mut form = Form::new().text("body", body.to_string());
    for (name, bytes) in files {
        form = form.part("files", Part::bytes(bytes).file_name(name));
    }
    let res = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/spaces/{id}/messages")))
        .bearer_auth(token)
        .header("accept-language", "fi")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or_default())
}

async fn message_count(app: &TestApp, token: &str, id: &str) -> usize {
    let (_, list) = app.api(token).get(&format!("/api/v1/spaces/{id}/messages")).await;
    list.as_array().unwrap().len()
}

async fn files_travel_in_the_conversation(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("pori", "full").await;
    let counsellor = app.person(&org, "paula@pori.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "pori", "anna@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let mut request = ws_request(&app, &id);
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {}", counsellor.token).parse().unwrap());
    let mut socket = crate::guidance::live_socket(request).await;

    // The client attaches a PDF on the page's form, which works without JavaScript.
    let res = post_form(&client, &id, "Tässä vuokrasopimus", &[("vuokrasopimus_ä.pdf", PDF)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with(&format!("/spaces/{id}")));
    // Pushed live with its file.
    let pushed = next_message(&mut socket).await;
    assert_eq!(pushed["type"], "message");
    assert_eq!(pushed["body"], "Tässä vuokrasopimus");
    assert_eq!(pushed["attachments"][0]["filename"], "vuokrasopimus_ä.pdf");
    assert_eq!(pushed["attachments"][0]["size"], PDF.len());
    let url = pushed["attachments"][0]["url"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("/spaces/{id}/attachments/")), "{url}");

    // Listed by the API and on the page, downloaded with the desk's safe headers.
    let api = app.api(&counsellor.token);
    let (_, list) = api.get(&format!("/api/v1/spaces/{id}/messages")).await;
    assert_eq!(list[0]["attachments"][0]["url"], url.as_str(), "{list}");
    let cb = app.signed_in(&counsellor).await;
    let (_, html) = cb.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains(&url) && html.contains("vuokrasopimus_ä.pdf"), "{html}");
    assert!(html.contains("enctype=\"multipart/form-data\"") && html.contains("type=\"file\""));
    let res = cb.get(&url).await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers();
    assert!(h["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(h["content-type"], "application/pdf");
    assert!(h["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);

    // The API takes files by multipart (a message may be files only), and JSON still works.
    let (status, sent) = post_api(
        &app,
        &counsellor.token,
        &id,
        "",
        vec![("muistio.txt", "Muista tuoda tiliote".into())],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_eq!(sent["attachments"][0]["content_type"], "text/plain");
    let (status, _) =
        api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "Hei"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let count = message_count(&app, &counsellor.token, &id).await;
    assert_eq!(count, 3);

    // Hostile files are refused with the desk's messages and nothing is stored.
    let (status, body) = post_api(
        &app,
        &counsellor.token,
        &id,
        "Lasku",
        vec![("lasku.pdf", b"MZ\x90\x00 exe".to_vec())],
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("attachment-type-not-allowed"))
    );
    let six = (0..6).map(|_| ("a.pdf", PDF.to_vec())).collect();
    let (status, body) = post_api(&app, &counsellor.token, &id, "Kuusi", six).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("attachments-too-many"))
    );
    let res = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/spaces/{id}/messages")))
        .bearer_auth(&counsellor.token)
        .header("content-type", "text/plain")
        .body("Hei")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // The page keeps the text and says why, in the member's language, at the file field.
    let res = post_form(&client, &id, "Tärkeä viesti", &[("ohjelma.exe", b"MZ")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("f-attachments-error")
            && html.contains("Tällaista tiedostoa ei voi lähettää"),
        "{html}"
    );
    assert!(html.contains("Tärkeä viesti"), "the text is kept");
    // A forged form (no CSRF token) is refused (422 csrf-failed, as every form).
    let res = client
        .client
        .post(format!("{}/spaces/{id}/messages", client.base))
        .multipart(
            Form::new()
                .text("body", "x")
                .part("attachments", Part::bytes(PDF.to_vec()).file_name("a.pdf")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(message_count(&app, &counsellor.token, &id).await, count, "nothing stored");

    // The client's archive carries the files and names them in the transcript.
    let res = client.get(&format!("/spaces/{id}/archive.zip")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let files = crate::guidance_lifecycle::unzip(&res.bytes().await.unwrap());
    let pdf = files.iter().find(|(n, _)| n == "files/vuokrasopimus_ä.pdf").expect("the PDF");
    assert_eq!(pdf.1, PDF);
    assert!(files.iter().any(|(n, b)| n == "files/muistio.txt" && b == b"Muista tuoda tiliote"));
    let transcript = files.iter().find(|(n, _)| n == "transcript.html").unwrap();
    assert!(String::from_utf8_lossy(&transcript.1).contains("vuokrasopimus_ä.pdf"));
}

async fn only_members_download_a_file(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kemi", "full").await;
    let other = app.org("rovaniemi", "full").await;
    let counsellor = app.person(&org, "kalle@kemi.test", Role::Counsellor).await;
    let stranger = app.person(&other, "sanna@rovaniemi.test", Role::Counsellor).await;
    let pro = app.person(&other, "pekka@rovaniemi.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "kemi", "anna@example.fi").await;
    let (other_id, _) = open_space(&app, &counsellor.token, "kemi", "ben@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let (_, before) =
        post_api(&app, &counsellor.token, &id, "Ennen", vec![("ennen.pdf", PDF.to_vec())]).await;
    let before_url = before["attachments"][0]["url"].as_str().unwrap().to_string();
    let before_id = before_url.rsplit('/').next().unwrap().to_string();

    // Another organisation's staff and another space's path: 404.
    let sb = app.signed_in(&stranger).await;
    assert_eq!(sb.get(&before_url).await.status(), StatusCode::NOT_FOUND);
    let cb = app.signed_in(&counsellor).await;
    assert_eq!(
        cb.get(&format!("/spaces/{other_id}/attachments/{before_id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(client.get(&before_url).await.status(), StatusCode::OK);

    // A professional with consent sees files from the consent on, and none after revoking.
    let pid = propose(&app, &counsellor.token, &id, "pekka@rovaniemi.test").await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let res = client
        .post(&format!("/spaces/{id}/professionals/{pid}/consent"), &[("decision", "consent")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let token = join_token(&app, "pekka@rovaniemi.test").await;
    let (status, _) =
        app.api(&pro.token).post("/api/v1/space-professional-joins", json!({"token": token})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, after) =
        post_api(&app, &counsellor.token, &id, "Jälkeen", vec![("jalkeen.pdf", PDF.to_vec())])
            .await;
    assert_eq!(status, StatusCode::CREATED);
    let after_url = after["attachments"][0]["url"].as_str().unwrap().to_string();
    let pb = app.signed_in(&pro).await;
    assert_eq!(pb.get(&after_url).await.status(), StatusCode::OK);
    assert_eq!(
        pb.get(&before_url).await.status(),
        StatusCode::NOT_FOUND,
        "from before the consent"
    );
    let res = client.post(&format!("/spaces/{id}/professionals/{pid}/revoke"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(pb.get(&after_url).await.status(), StatusCode::NOT_FOUND, "revoked");
}
