//! A space's live socket plays back what its page missed: what was written between the
//! page's render and the socket's subscription, or while a phone slept (`?since=`, then the
//! `listening` frame's moment for the next connection), and asks for a reload when that is
//! too much.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::guidance::{client_enters, next_message, open_space};
use crate::guidance_professionals::ws_request;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(
    a_socket_plays_back_what_its_page_missed,
    too_much_missed_asks_for_a_reload,
    a_since_that_is_not_a_moment_is_refused,
);

/// The socket at `?since=` (bearer `token`), and the frames it played back before it said
/// it listens; the `listening` frame's moment last.
pub(crate) async fn played_back(
    app: &TestApp,
    space_id: &str,
    token: &str,
    since: i64,
) -> (Vec<Value>, i64) {
    let mut request = ws_request(app, space_id);
    *request.uri_mut() = format!("{}?since={since}", request.uri()).parse().unwrap();
    request.headers_mut().insert("authorization", format!("Bearer {token}").parse().unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let mut frames = vec![];
    loop {
        let frame = next_message(&mut socket).await;
        if frame["type"] == "listening" {
            return (frames, frame["at"].as_i64().expect("a moment"));
        }
        frames.push(frame);
    }
}

async fn a_socket_plays_back_what_its_page_missed(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kemi", "full").await;
    let counsellor = app.person(&org, "kaija@kemi.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "kemi", "anna@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let api = app.api(&counsellor.token);
    api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "Ennen sivua"})).await;

    // The client's page is rendered; its socket is not listening yet when the counsellor
    // writes, gives a task and adds a link.
    let (status, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let since: i64 = html
        .split("data-since=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|n| n.parse().ok())
        .expect("the page says when it read the space");
    // A later second than the first message (times are whole seconds; the margin reaches
    // back, so the older message may come again, and the page skips what it shows).
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (status, _) =
        api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "Sivun jälkeen"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, task) =
        api.post(&format!("/api/v1/spaces/{id}/tasks"), json!({"title": "Hae tukea"})).await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    let (status, link) = api
        .post(
            &format!("/api/v1/spaces/{id}/links"),
            json!({"title": "Kela", "url": "https://www.kela.fi/"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{link}");

    let (frames, listening) = played_back(&app, &id, &counsellor.token, since).await;
    let kinds: Vec<&str> = frames.iter().map(|f| f["type"].as_str().unwrap()).collect();
    let bodies: Vec<&str> = frames.iter().filter_map(|f| f["body"].as_str()).collect();
    assert!(bodies.contains(&"Sivun jälkeen"), "{frames:?}");
    assert!(
        frames.iter().any(|f| f["type"] == "task" && f["id"] == task["id"]),
        "the task given after the render: {frames:?}"
    );
    assert!(
        frames.iter().any(|f| f["type"] == "link" && f["title"] == "Kela"),
        "the link added after the render: {frames:?}"
    );
    // Oldest first: the message, then the task, then the link.
    let at = |kind: &str| kinds.iter().position(|k| *k == kind).unwrap();
    assert!(at("task") < at("link"), "{kinds:?}");
    assert!(listening >= since);

    // Reconnecting from that moment plays back nothing older than the margin allows, and a
    // moment later than everything plays back nothing at all.
    let (frames, _) = played_back(&app, &id, &counsellor.token, listening + 60).await;
    assert_eq!(frames, Vec::<Value>::new());
    // Without `since` (an API client that does not ask) nothing is played back either.
    let mut request = ws_request(&app, &id);
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {}", counsellor.token).parse().unwrap());
    crate::guidance::live_socket(request).await;
}

async fn too_much_missed_asks_for_a_reload(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("salla", "full").await;
    let counsellor = app.person(&org, "sanni@salla.test", Role::Counsellor).await;
    let (id, _) = open_space(&app, &counsellor.token, "salla", "anna@example.fi").await;
    let api = app.api(&counsellor.token);
    let most = tupa_core::guidance::catch_up::MOST_PLAYED_BACK;
    for i in 0..most {
        let (status, _) = api
            .post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": format!("{i}")}))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    // Exactly as many as may be played back: each comes, oldest first.
    let (frames, _) = played_back(&app, &id, &counsellor.token, 0).await;
    let bodies: Vec<String> =
        frames.iter().map(|f| f["body"].as_str().unwrap().to_string()).collect();
    assert_eq!(bodies, (0..most).map(|i| i.to_string()).collect::<Vec<_>>());
    // One more: the page is told to load the space again instead.
    api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "yksi liikaa"})).await;
    let (frames, _) = played_back(&app, &id, &counsellor.token, 0).await;
    assert_eq!(frames, vec![json!({"type": "resync"})]);
    // The same rows at or before the moment asked for (the margin: a page rendered in the
    // second a template made fifty tasks shows them) ask for no reload; the newest fifty are
    // played back, oldest first.
    let (_, list) = api.get(&format!("/api/v1/spaces/{id}/messages")).await;
    let newest = list.as_array().unwrap().iter().filter_map(|m| m["created_at"].as_i64()).max();
    let (frames, _) = played_back(&app, &id, &counsellor.token, newest.unwrap()).await;
    let bodies: Vec<&str> = frames.iter().filter_map(|f| f["body"].as_str()).collect();
    assert_eq!(bodies.len(), most, "{frames:?}");
    assert_eq!(bodies.last(), Some(&"yksi liikaa"));
    assert_eq!(bodies.first(), Some(&"1"), "the oldest beyond fifty is left out");
}

async fn a_since_that_is_not_a_moment_is_refused(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("inari", "full").await;
    let counsellor = app.person(&org, "iida@inari.test", Role::Counsellor).await;
    let (id, _) = open_space(&app, &counsellor.token, "inari", "anna@example.fi").await;
    let mut request = ws_request(&app, &id);
    *request.uri_mut() = format!("{}?since=eilen", request.uri()).parse().unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {}", counsellor.token).parse().unwrap());
    match tokio_tungstenite::connect_async(request).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(res)) => {
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let body: Value = serde_json::from_slice(res.body().as_deref().unwrap()).unwrap();
            assert_eq!(body["code"], "request-invalid", "{body}");
        }
        other => panic!("a socket with since=eilen: {other:?}"),
    }
}
