//! Hostile inputs against the limits of `tupa_core::limits` (issue 11, "Resource bounds"):
//! each over-long input is refused with its code in the caller's form (a translated page or
//! `{code, message}`), nothing of it is stored, and the server goes on answering. The limits
//! that are pure functions (search words, the README table) have unit tests beside them.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::limits::{
    AD_CONTACTS, AD_NOTE_CHARS, AD_QUESTIONS, API_JSON_BYTES, DESK_FILES, FORM_BYTES,
    MAX_CONTACT_MESSAGE_CHARS, MAX_REPLY_BODY_CHARS, MAX_ROLES, QUERY_BYTES, QUEUE_EXCEPTIONS,
    SEARCH_CHARS, SEARCH_WORD_CHARS, SUBJECT_CHARS, USER_AGENT_CHARS,
};
use tupa_core::organisations::Organisation;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(
    long_query_strings_are_refused_with_414,
    large_api_json_bodies_are_refused_with_413,
    long_searches_are_refused,
    long_ticket_subjects_are_refused,
    long_role_lists_are_refused,
    desk_inputs_over_their_limits_are_refused,
    ad_inputs_and_user_agents_are_bounded,
    desk_live_updates_accept_no_websocket
);

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    sqlx::query_as::<_, (i64,)>(sql).fetch_one(app.db.pool()).await.unwrap().0
}

/// The server still answers after the hostile request.
async fn still_answers(app: &TestApp) {
    let health = reqwest::get(app.url("/readyz")).await.unwrap();
    assert!(health.status().is_success(), "the server carries on");
}

async fn desk_org(app: &TestApp) -> Organisation {
    app.operator().await;
    app.org("espoo", "full").await
}

async fn long_query_strings_are_refused_with_414(backend: Backend) {
    let app = spawn(backend).await;
    let op_person = app.operator().await;
    let long = "a".repeat(QUERY_BYTES);

    // A page: a translated HTML page that does not echo the query back.
    let res = reqwest::Client::new()
        .get(app.url(&format!("/jobs?q={long}")))
        .header("accept-language", "sv")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::URI_TOO_LONG);
    let html = res.text().await.unwrap();
    assert!(html.contains("Adressen är för lång"), "translated page: {html:.300}");
    assert!(!html.contains(&long[..1000]), "the query is not echoed back");

    // The API: JSON with the code, also for a write, which stores nothing.
    let api = app.api(&op_person.token);
    let (s, body) = api
        .post(&format!("/api/v1/orgs?x={long}"), json!({"slug": "pitka", "name": "Pitkä"}))
        .await;
    assert_eq!(s, StatusCode::URI_TOO_LONG);
    assert_eq!(body["code"], "query-too-long");
    assert!(body["message"].as_str().is_some_and(|m| !m.contains("error-")), "{body}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM organisations WHERE slug = 'pitka'").await, 0);

    // Just under the limit is an ordinary request.
    let under = "a".repeat(QUERY_BYTES - "q=".len());
    let res = reqwest::get(app.url(&format!("/jobs?q={under}"))).await.unwrap();
    assert_ne!(res.status(), StatusCode::URI_TOO_LONG);
    still_answers(&app).await;
}

async fn large_api_json_bodies_are_refused_with_413(backend: Backend) {
    let app = spawn(backend).await;
    let op_person = app.operator().await;
    // Valid JSON just over the limit, sent without a length (chunked), as a client streaming
    // an unbounded body would: the server reads at most the limit.
    let mut body = br#"{"slug": "iso", "name": "Iso", "padding": ""#.to_vec();
    body.resize(API_JSON_BYTES + 10, b'x');
    body.extend_from_slice(br#""}"#);
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        body.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/orgs"))
        .bearer_auth(&op_person.token)
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let json: Value = res.json().await.unwrap();
    assert_eq!(json["code"], "body-too-large");
    assert_eq!(json["message"], "The request is too large. Send less data at once.");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM organisations WHERE slug = 'iso'").await, 0);

    // The same request under the limit is taken.
    let (s, _) = app
        .api(&op_person.token)
        .post("/api/v1/orgs", json!({"slug": "iso", "name": "Iso", "padding": "x".repeat(1000)}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    still_answers(&app).await;
}

async fn long_searches_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    let org = desk_org(&app).await;
    let adviser = app.person(&org, "adv@espoo.test", Role::Adviser).await;
    let api = app.api(&adviser.token);

    let long_string = "haku ".repeat(SEARCH_CHARS / 5 + 1);
    let long_word = "a".repeat(SEARCH_WORD_CHARS + 1);
    for q in [long_string.as_str(), long_word.as_str()] {
        let q = q.replace(' ', "+");
        let (s, body) = api.get(&format!("/api/v1/orgs/espoo/tickets?q={q}")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["code"], "search-too-long");

        // The job board page: a translated error page.
        let res = reqwest::Client::new()
            .get(app.url(&format!("/jobs?q={q}")))
            .header("accept-language", "fi")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains("Haku on liian pitkä"));
    }
    // Ordinary searches still work on both.
    let (s, _) = api.get("/api/v1/orgs/espoo/tickets?q=hakemus%202026").await;
    assert_eq!(s, StatusCode::OK);
    let res = reqwest::get(app.url("/jobs?q=sairaanhoitaja")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    still_answers(&app).await;
}

async fn long_ticket_subjects_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    let org = desk_org(&app).await;
    let adviser = app.person(&org, "adv@espoo.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    let contact = |subject: String| json!({"name": "Maija", "email": "maija@example.fi", "subject": subject, "message": "Hei"});

    let (s, body) =
        api.post("/api/v1/orgs/espoo/tickets", contact("ä".repeat(SUBJECT_CHARS + 1))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "subject-too-long");
    assert_eq!(body["field"], "subject");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, 0, "nothing stored");

    // The contact form is the same function: a translated page.
    let citizen = app.browser().await;
    let (s, html) = citizen
        .post_text(
            "/contact/espoo",
            &[
                ("name", "Maija"),
                ("email", "maija@example.fi"),
                ("subject", &"x".repeat(SUBJECT_CHARS + 1)),
                ("message", "Hei"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{html:.300}");
    assert!(html.contains("Aihe on liian pitkä"), "translated message on the form");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, 0, "nothing stored");

    let (s, _) = api.post("/api/v1/orgs/espoo/tickets", contact("ä".repeat(SUBJECT_CHARS))).await;
    assert_eq!(s, StatusCode::CREATED, "a subject at the limit is taken");
    still_answers(&app).await;
}

async fn long_role_lists_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    let org = desk_org(&app).await;
    let admin = app.person(&org, "admin@espoo.test", Role::MainAdmin).await;
    let adviser = app.person(&org, "adv@espoo.test", Role::Adviser).await;
    let api = app.api(&admin.token);
    let roles: Vec<Value> = (0..=MAX_ROLES).map(|_| json!({"role": "adviser"})).collect();

    let (s, body) = api
        .post(
            "/api/v1/orgs/espoo/users",
            json!({"email": "uusi@espoo.test", "display_name": "Uusi", "roles": roles}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "roles-too-many");
    let users = "SELECT COUNT(*) FROM users WHERE email = 'uusi@espoo.test'";
    assert_eq!(count(&app, users).await, 0, "no one invited");

    let (s, body) =
        api.put(&format!("/api/v1/orgs/espoo/users/{}/roles", adviser.id), json!(roles)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "roles-too-many");
    let (_, person) = api.get(&format!("/api/v1/orgs/espoo/users/{}", adviser.id)).await;
    assert_eq!(person["roles"].as_array().map(Vec::len), Some(1), "roles unchanged: {person}");
    still_answers(&app).await;
}

/// The desk's other growing inputs: a reply, a contact message, a page form, a queue's dates
/// and a saved view, each one over its limit.
async fn desk_inputs_over_their_limits_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    let org = desk_org(&app).await;
    let admin = app.person(&org, "admin@espoo.test", Role::MainAdmin).await;
    let adviser = app.person(&org, "adv@espoo.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    let contact =
        |message: String| json!({"name": "Maija", "email": "maija@example.fi", "message": message});

    // Contact message: refused over the limit, nothing stored.
    let (s, body) = api
        .post("/api/v1/orgs/espoo/tickets", contact("x".repeat(MAX_CONTACT_MESSAGE_CHARS + 1)))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("message-invalid"))
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, 0);
    let (s, ticket) = api.post("/api/v1/orgs/espoo/tickets", contact("Hei".into())).await;
    assert_eq!(s, StatusCode::CREATED);
    let case = ticket["case_number"].as_str().unwrap();

    // Reply: refused over the limit, the ticket keeps the messages it had.
    let messages = count(&app, "SELECT COUNT(*) FROM ticket_messages").await;
    let (s, body) = api
        .post(
            &format!("/api/v1/tickets/{case}/messages"),
            json!({"body": "y".repeat(MAX_REPLY_BODY_CHARS + 1), "public": false}),
        )
        .await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reply-empty")));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ticket_messages").await, messages);
    // A reply carrying a file is over the JSON limit, yet within its route's own limit.
    let text = "Pöytäkirja.\n".repeat(API_JSON_BYTES / 10);
    let encoded = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
    };
    assert!(encoded.len() > API_JSON_BYTES);
    let (s, body) = api
        .post(
            &format!("/api/v1/tickets/{case}/messages"),
            json!({"body": "Liite", "public": false, "attachments": [{"filename": "poytakirja.txt", "content_base64": encoded}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let messages = messages + 1;

    // More files than one message may carry (each a tiny text file).
    let files: Vec<Value> = (0..=DESK_FILES)
        .map(|i| json!({"filename": format!("{i}.txt"), "content_base64": "SGVp"}))
        .collect();
    let (s, body) = api
        .post(
            &format!("/api/v1/tickets/{case}/messages"),
            json!({"body": "Liitteet", "public": false, "attachments": files}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("attachments-too-many"))
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ticket_messages").await, messages);

    // A page form over its limit, streamed: refused on a translated page, nothing stored.
    let citizen = app.browser().await;
    let form = format!(
        "csrf={}&name=Maija&email=maija%40example.fi&message={}",
        citizen.csrf,
        "z".repeat(FORM_BYTES)
    );
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        form.as_bytes().chunks(16 * 1024).map(|c| Ok(c.to_vec())).collect();
    let res = citizen
        .client
        .post(app.url("/contact/espoo"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("Lomake oli liian suuri"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, 1);

    // A queue with more dates of their own than the limit.
    let exceptions: Vec<Value> = (0..=QUEUE_EXCEPTIONS)
        .map(|i| {
            let date = format!("{}-{:02}-{:02}", 2030 + i / 336, (i / 28) % 12 + 1, i % 28 + 1);
            json!({"date": date, "hours": null})
        })
        .collect();
    let weekly = json!([["09:00", "15:00"], null, null, null, null, null, null]);
    let (s, body) = app
        .api(&admin.token)
        .post(
            "/api/v1/orgs/espoo/desk/queues",
            json!({"name": "Iso jono", "weekly": weekly, "exceptions": exceptions}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("exceptions-invalid"))
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM desk_queues WHERE name = 'Iso jono'").await, 0);

    // A saved view whose query is longer than any query string may be.
    let query = format!("status=open&q={}", "a".repeat(QUERY_BYTES));
    let (s, body) =
        api.post("/api/v1/orgs/espoo/desk/views", json!({"name": "Pitkä", "query": query})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("query-too-long"))
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM desk_saved_views").await, 0);
    still_answers(&app).await;
}

/// A note on an ad's action, its contacts and questions are refused over their limits; a
/// User-Agent of any length is cut to its limit when kept with a session.
async fn ad_inputs_and_user_agents_are_bounded(backend: Backend) {
    let app = spawn(backend).await;
    let org = desk_org(&app).await;
    let recruiter = app.person(&org, "rekry@espoo.test", Role::Recruiter).await;
    let (s, body) = app
        .api(&recruiter.token)
        .post(
            "/api/v1/orgs/espoo/job-ads/no-such-ad/actions",
            json!({"action": "close", "note": "n".repeat(AD_NOTE_CHARS + 1)}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("text-too-long"))
    );
    assert_eq!(body["field"], "note");

    // An ad with more contacts or questions than the limits: refused, no ad stored.
    let ad = |contacts: usize, questions: usize| {
        let deadline = tupa_core::recruitment::ads::format_local(tupa_core::db::now() + 86_400);
        json!({
            "municipality_name": "Espoo", "municipality_code": "049", "street": "Kamreerintie 3",
            "postal_code": "02770", "city": "Espoo", "employment_type": "permanent",
            "working_time": "full-time", "engagement": "public-office", "vacancies": 1,
            "contacts": (0..contacts).map(|i| json!({"name": format!("Yhteys {i}")})).collect::<Vec<_>>(),
            "questions": (0..questions).map(|i| json!({"texts": {"fi": format!("Kysymys {i}?")}, "required": false})).collect::<Vec<_>>(),
            "deadline": deadline,
            "texts": {"fi": {"title": "Luokanopettaja", "description": "Tule töihin."}}
        })
    };
    for (body, code) in [
        (ad(AD_CONTACTS + 1, 0), "contacts-too-many"),
        (ad(1, AD_QUESTIONS + 1), "questions-too-many"),
    ] {
        let (s, err) = app.api(&recruiter.token).post("/api/v1/orgs/espoo/job-ads", body).await;
        assert_eq!((s, err["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(code)));
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM job_ads").await, 0, "no ad stored");
    let (s, err) = app
        .api(&recruiter.token)
        .post("/api/v1/orgs/espoo/job-ads", ad(AD_CONTACTS, AD_QUESTIONS))
        .await;
    assert_eq!(s, StatusCode::CREATED, "at the limits an ad is taken: {err}");

    // Signing in with a User-Agent of 20,000 characters: the session keeps the first 300.
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("M".repeat(20_000))
        .build()
        .unwrap();
    let page = client.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
    let csrf = crate::helpers::csrf_of(&page).unwrap();
    let res = client
        .post(app.url("/sign-in"))
        .form(&[
            ("email", recruiter.email.as_str()),
            ("password", crate::helpers::PASSWORD),
            ("next", "/"),
            ("csrf", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let kept: Vec<(Option<String>,)> = sqlx::query_as("SELECT user_agent FROM user_sessions")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert!(!kept.is_empty());
    for (ua,) in kept {
        assert!(ua.unwrap_or_default().chars().count() <= USER_AGENT_CHARS);
    }
    still_answers(&app).await;
}

/// The desk's live updates are server-sent events: an upgrade to a WebSocket is never
/// accepted there, so no client frame reaches the server (the guidance space's socket, which
/// does take frames, closes on one over `WEBSOCKET_FRAME_BYTES`: tests/it/guidance.rs).
async fn desk_live_updates_accept_no_websocket(backend: Backend) {
    let app = spawn(backend).await;
    let org = desk_org(&app).await;
    let adviser = app.person(&org, "adv@espoo.test", Role::Adviser).await;
    for path in ["/orgs/espoo/desk/events", "/api/v1/orgs/espoo/tickets"] {
        let res = reqwest::Client::new()
            .get(app.url(path))
            .bearer_auth(&adviser.token)
            .header("connection", "upgrade")
            .header("upgrade", "websocket")
            .header("sec-websocket-version", "13")
            .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
            .send()
            .await
            .unwrap();
        assert_ne!(res.status(), StatusCode::SWITCHING_PROTOCOLS, "{path}");
    }
    still_answers(&app).await;
}
