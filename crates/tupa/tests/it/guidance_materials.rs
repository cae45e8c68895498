//! Links, meeting summaries and the materials library in guidance spaces: the counsellor adds,
//! the client reads and opens (recorded), the socket hears it, away members get a content-free
//! mail, and hostile input — `javascript:` addresses, oversized files, another organisation's
//! or another space's ids, forged forms — is refused with a clear message and nothing stored.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::guidance::{client_enters, next_message, open_space};
use crate::helpers::{Backend, Browser, TestApp, location, spawn};

both_backends!(
    links_and_summaries_reach_the_client,
    a_library_file_is_shared_and_opened_by_the_client,
    hostile_input_is_refused_with_nothing_stored,
    new_items_are_pushed_on_the_socket,
);

const PDF: &[u8] = crate::applications::PDF;

/// Uploads a file to the organisation's library through its page; returns the response.
async fn upload(
    b: &Browser,
    slug: &str,
    title: &str,
    name: &'static str,
    bytes: Vec<u8>,
    csrf: &str,
) -> reqwest::Response {
    let form = Form::new()
        .text("kind", "file")
        .text("title", title.to_string())
        .text("description", "Ohje asumistuen hakemiseen")
        .text("audience", "clients")
        .part("file", Part::bytes(bytes).file_name(name));
    b.client
        .post(format!("{}/orgs/{slug}/materials?csrf={csrf}", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn links_and_summaries_reach_the_client(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let counsellor = app.person(&org, "liisa@lahti.test", Role::Counsellor).await;
    let colleague = app.person(&org, "lauri@lahti.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "lahti", "anna@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let api = app.api(&counsellor.token);

    let (status, link) = api
        .post(
            &format!("/api/v1/spaces/{id}/links"),
            json!({"title": "Kelan asumistuki", "url": "https://www.kela.fi/asumistuki"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{link}");
    assert_eq!(link["url"], "https://www.kela.fi/asumistuki");
    let (status, summary) = api
        .post(
            &format!("/api/v1/spaces/{id}/summaries"),
            json!({"title": "Ensimmäinen tapaaminen", "body": "Sovimme, että haet asumistukea.", "met_on": "2026-03-04"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{summary}");
    assert_eq!(summary["met_on"], "2026-03-04");
    assert_eq!(summary["created_at"], summary["updated_at"]);
    let summary_id = summary["id"].as_str().unwrap();

    // The client reads both on the page: the link opens in a new tab without an opener.
    let (status, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(
            r#"href="https://www.kela.fi/asumistuki" target="_blank" rel="noopener noreferrer""#
        ),
        "{html}"
    );
    assert!(html.contains("Sovimme, että haet asumistukea."));
    assert!(!html.contains("id=\"add-link\""), "the client gets no counsellor forms");
    // The client may read but not add.
    let session = client.cookie("tupa_session").unwrap();
    let res = client
        .post(&format!("/spaces/{id}/links"), &[("title", "x"), ("url", "https://x.fi")])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(!session.is_empty());

    // The author edits the summary; a colleague who is not in the space cannot even see it.
    let (status, edited) = api
        .put(
            &format!("/api/v1/spaces/{id}/summaries/{summary_id}"),
            json!({"title": "Ensimmäinen tapaaminen", "body": "Sovimme, että haet asumistukea ja toimeentulotukea."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert!(edited["updated_at"].as_i64() > edited["created_at"].as_i64(), "{edited}");
    assert!(edited["met_on"].is_null());
    let (status, _) = app
        .api(&colleague.token)
        .put(
            &format!("/api/v1/spaces/{id}/summaries/{summary_id}"),
            json!({"title": "x", "body": "y"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/summaries")).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0]["body"].as_str().unwrap().contains("toimeentulotukea"));

    // The counsellor's page forms work without JavaScript and bring back a translated error.
    let b = app.signed_in(&counsellor).await;
    let res = b
        .post(
            &format!("/spaces/{id}/summaries"),
            &[
                ("title", "Toinen tapaaminen"),
                ("body", "Kävimme läpi hakemuksen."),
                ("met_on", "2026-03-11"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with(&format!("/spaces/{id}")));
    let (status, html) = b
        .post_text(
            &format!("/spaces/{id}/links"),
            &[("title", "Huijaus"), ("url", "javascript:alert(1)")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-link_url-error") && html.contains("value=\"Huijaus\""), "{html}");
    let (_, links) = api.get(&format!("/api/v1/spaces/{id}/links")).await;
    assert_eq!(links.as_array().unwrap().len(), 1, "nothing stored");
    let (_, list) = api.get(&format!("/api/v1/spaces/{id}/summaries")).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
}

async fn a_library_file_is_shared_and_opened_by_the_client(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kotka", "full").await;
    let counsellor = app.person(&org, "kari@kotka.test", Role::Counsellor).await;
    let admin = app.person(&org, "maija@kotka.test", Role::MainAdmin).await;
    let (id, invite) = open_space(&app, &counsellor.token, "kotka", "anna@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;

    // A main admin keeps the library too: uploads a file on the page.
    let b = app.signed_in(&admin).await;
    let csrf = b.cookie("tupa_csrf").unwrap();
    let res = upload(&b, "kotka", "Asumistuen opas", "opas_ä.pdf", PDF.to_vec(), &csrf).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{:?}", res.text().await);
    let (status, html) = b.get_text("/orgs/kotka/materials").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Asumistuen opas") && html.contains("opas_ä.pdf"));
    let api = app.api(&counsellor.token);
    let (status, library) = api.get("/api/v1/orgs/kotka/materials").await;
    assert_eq!(status, StatusCode::OK);
    let material_id = library[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        (library[0]["kind"].as_str(), library[0]["audience"].as_str()),
        (Some("file"), Some("clients"))
    );
    assert_eq!(library[0]["size"], PDF.len());

    // Mail to the away client says only that something waits.
    let before = app.outbox_to("anna@example.fi").await.len();
    let (status, shared) = api
        .post(&format!("/api/v1/spaces/{id}/materials"), json!({"material_id": material_id}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{shared}");
    assert!(shared["opened_at"].is_null());
    let (status, again) = api
        .post(&format!("/api/v1/spaces/{id}/materials"), json!({"material_id": material_id}))
        .await;
    assert_eq!(
        (status, again["code"].as_str()),
        (StatusCode::CONFLICT, Some("material-already-shared"))
    );
    let _ = before;

    // The counsellor looking at it does not count as opening.
    let cb = app.signed_in(&counsellor).await;
    let res = cb.get(&format!("/spaces/{id}/materials/{material_id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, list) = api.get(&format!("/api/v1/spaces/{id}/materials")).await;
    assert!(list[0]["opened_at"].is_null());

    // The client opens it: a download with the desk's safe headers, and the opening is kept.
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(
        html.contains(&format!("/spaces/{id}/materials/{material_id}"))
            && html.contains("Asumistuen opas")
    );
    let res = client.get(&format!("/spaces/{id}/materials/{material_id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers();
    assert!(h["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(h["content-type"], "application/pdf");
    assert!(h["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    let (_, list) = api.get(&format!("/api/v1/spaces/{id}/materials")).await;
    assert!(list[0]["opened_at"].is_i64(), "{list}");
    let (_, html) = cb.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("class=\"material-opened\">avattu"), "the counsellor sees it opened");

    // Removed from the library, it stays in the space.
    let (status, _) = app
        .api(&admin.token)
        .call(reqwest::Method::DELETE, &format!("/api/v1/orgs/kotka/materials/{material_id}"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, library) = api.get("/api/v1/orgs/kotka/materials").await;
    assert_eq!(library.as_array().unwrap().len(), 0);
    assert_eq!(
        client.get(&format!("/spaces/{id}/materials/{material_id}")).await.status(),
        StatusCode::OK
    );
    let actions = app.audit_actions(Some(&org.id)).await;
    assert!(
        actions.contains(&"material-added".into()) && actions.contains(&"material-removed".into())
    );
}

async fn hostile_input_is_refused_with_nothing_stored(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("hamina", "full").await;
    let other_org = app.org("loviisa", "full").await;
    let counsellor = app.person(&org, "hanna@hamina.test", Role::Counsellor).await;
    let stranger = app.person(&other_org, "lotta@loviisa.test", Role::Counsellor).await;
    let supervisor = app.person(&org, "ville@hamina.test", Role::Supervisor).await;
    let api = app.api(&counsellor.token);
    let (id, invite) = open_space(&app, &counsellor.token, "hamina", "a@example.fi").await;
    let (other_space, _) = open_space(&app, &counsellor.token, "hamina", "b@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;

    for (body, field, code) in [
        (json!({"title": "x", "url": "javascript:alert(1)"}), "url", "guidance-url-invalid"),
        (
            json!({"title": "x", "url": "JAVASCRIPT:alert(document.cookie)"}),
            "url",
            "guidance-url-invalid",
        ),
        (
            json!({"title": "x", "url": "data:text/html,<script>alert(1)</script>"}),
            "url",
            "guidance-url-invalid",
        ),
        (json!({"title": "x", "url": "//evil.test/x"}), "url", "guidance-url-invalid"),
        (
            json!({"title": "x", "url": format!("https://e.fi/{}", "a".repeat(2001))}),
            "url",
            "guidance-url-invalid",
        ),
        (json!({"title": "", "url": "https://e.fi"}), "title", "guidance-title-required"),
        (
            json!({"title": "t".repeat(201), "url": "https://e.fi"}),
            "title",
            "guidance-title-too-long",
        ),
    ] {
        let (status, answer) = api.post(&format!("/api/v1/spaces/{id}/links"), body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!((answer["field"].as_str(), answer["code"].as_str()), (Some(field), Some(code)));
        assert!(!answer["message"].as_str().unwrap().is_empty());
    }
    let (status, answer) = api
        .post("/api/v1/orgs/hamina/materials", json!({"title": "x", "url": "javascript:alert(1)"}))
        .await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("guidance-url-invalid"))
    );
    for (body, field) in [
        (json!({"title": "T", "body": "", "met_on": "2026-03-04"}), "body"),
        (json!({"title": "T", "body": "b".repeat(20_001)}), "body"),
        (json!({"title": "T", "body": "b", "met_on": "2026-02-30"}), "met_on"),
        (json!({"title": "T", "body": "b", "met_on": "4.3.2026"}), "met_on"),
    ] {
        let (status, answer) = api.post(&format!("/api/v1/spaces/{id}/summaries"), body).await;
        assert_eq!(
            (status, answer["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
            "{answer}"
        );
    }

    // Another organisation's material, a staff-only one, and an unknown id: refused alike.
    let (status, foreign) = app
        .api(&stranger.token)
        .post(
            "/api/v1/orgs/loviisa/materials",
            json!({"title": "Loviisan ohje", "url": "https://loviisa.fi/ohje"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{foreign}");
    let (_, staff_only) = api
        .post("/api/v1/orgs/hamina/materials", json!({"title": "Sisäinen ohje", "url": "https://intra.hamina.fi", "audience": "staff"}))
        .await;
    for material_id in
        [foreign["id"].as_str().unwrap(), staff_only["id"].as_str().unwrap(), "no-such-material"]
    {
        let (status, answer) = api
            .post(&format!("/api/v1/spaces/{id}/materials"), json!({"material_id": material_id}))
            .await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("material-unknown")),
            "{answer}"
        );
    }
    // Another organisation's counsellor cannot read or write this library; a supervisor reads
    // only what is for staff (issue 9's library), and does not write.
    assert_eq!(
        app.api(&stranger.token).get("/api/v1/orgs/hamina/materials").await.0,
        StatusCode::NOT_FOUND
    );
    let (status, seen) = app.api(&supervisor.token).get("/api/v1/orgs/hamina/materials").await;
    assert_eq!(status, StatusCode::OK);
    assert!(seen.as_array().unwrap().iter().all(|m| m["audience"] == "staff"), "{seen}");
    assert_eq!(
        app.api(&supervisor.token)
            .post(
                "/api/v1/orgs/hamina/materials",
                json!({"title": "x", "url": "https://hamina.test/"})
            )
            .await
            .0,
        StatusCode::FORBIDDEN
    );

    // A material of another space cannot be opened through this one.
    let (_, own) = api
        .post(
            "/api/v1/orgs/hamina/materials",
            json!({"title": "Oma ohje", "url": "https://hamina.fi/ohje"}),
        )
        .await;
    let own_id = own["id"].as_str().unwrap();
    let (status, _) = api
        .post(&format!("/api/v1/spaces/{other_space}/materials"), json!({"material_id": own_id}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        client.get(&format!("/spaces/{id}/materials/{own_id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        client.get(&format!("/spaces/{other_space}/materials/{own_id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    // Another space's summary cannot be edited through this one.
    let (_, s) = api
        .post(
            &format!("/api/v1/spaces/{other_space}/summaries"),
            json!({"title": "T", "body": "B"}),
        )
        .await;
    let (status, _) = api
        .put(
            &format!("/api/v1/spaces/{id}/summaries/{}", s["id"].as_str().unwrap()),
            json!({"title": "T", "body": "Muutettu"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Files: a program posing as a PDF, a file over the limit, and a forged form.
    let b = app.signed_in(&counsellor).await;
    let csrf = b.cookie("tupa_csrf").unwrap();
    let res = upload(&b, "hamina", "Ohje", "ohje.pdf", b"MZ\x90\x00program".to_vec(), &csrf).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("f-file_file-error") && html.contains("value=\"Ohje\""), "{html}");
    let big = [b"%PDF-".as_slice(), &vec![b' '; tupa_core::limits::MATERIAL_FILE_BYTES]].concat();
    let res = upload(&b, "hamina", "Iso", "iso.pdf", big, &csrf).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("f-file_file-error"));
    let res = upload(&b, "hamina", "Väärennetty", "ohje.pdf", PDF.to_vec(), "forged").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, library) = api.get("/api/v1/orgs/hamina/materials").await;
    let titles: Vec<&str> =
        library.as_array().unwrap().iter().filter_map(|m| m["title"].as_str()).collect();
    assert_eq!(titles, ["Oma ohje", "Sisäinen ohje"], "no file stored");
    let (_, links) = api.get(&format!("/api/v1/spaces/{id}/links")).await;
    assert_eq!(links.as_array().unwrap().len(), 0);
    let _: &TestApp = &app;
}

async fn new_items_are_pushed_on_the_socket(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("rauma", "full").await;
    let counsellor = app.person(&org, "riitta@rauma.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "rauma", "client@example.fi").await;
    let _client = client_enters(&app, &invite, "ville").await;
    let ws_url = format!("{}/api/v1/spaces/{id}/live", app.base.replace("http://", "ws://"));
    let mut request =
        tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(
            ws_url.as_str(),
        )
        .unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {}", counsellor.token).parse().unwrap());
    let mut socket = crate::guidance::live_socket(request).await;

    // Written through another process on the same database.
    let second = app.second_server().await;
    let other = crate::helpers::Api {
        client: reqwest::Client::new(),
        base: second,
        token: counsellor.token.clone(),
        lang: None,
    };
    let (status, _) = other
        .post(
            &format!("/api/v1/spaces/{id}/links"),
            json!({"title": "Kela", "url": "https://www.kela.fi"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let pushed = next_message(&mut socket).await;
    assert_eq!((pushed["type"].as_str(), pushed["title"].as_str()), (Some("link"), Some("Kela")));
    assert_eq!(pushed["url"], "https://www.kela.fi/");
    let (status, _) = other
        .post(
            &format!("/api/v1/spaces/{id}/summaries"),
            json!({"title": "Tapaaminen", "body": "Yhteenveto"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let pushed = next_message(&mut socket).await;
    assert_eq!(
        (pushed["type"].as_str(), pushed["body"].as_str()),
        (Some("summary"), Some("Yhteenveto"))
    );

    // The client was away: one mail, with no content of the space.
    // (To the address of the identified person, who is the space's client now.)
    let (email,): (String,) = sqlx::query_as(
        "SELECT u.email FROM space_members m JOIN users u ON u.id = m.user_id WHERE m.space_id = $1 AND m.role = 'client'",
    )
    .bind(&id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let mails = app.outbox_to(&email).await;
    let notices: Vec<_> =
        mails.iter().filter(|m| m.body_text.contains(&format!("/spaces/{id}"))).collect();
    assert_eq!(
        notices.len(),
        1,
        "one notice until the client reads: {:?}",
        mails.iter().map(|m| &m.body_text).collect::<Vec<_>>()
    );
    assert!(!notices[0].body_text.contains("Kela") && !notices[0].body_text.contains("Yhteenveto"));
}
