//! Guidance spaces: a counsellor opens a space, the client comes in through the invitation
//! and strong identification, they talk (form, API and live socket, across two processes),
//! a desk ticket becomes a space, and nobody else gets in.

use futures_util::{SinkExt, StreamExt};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, Browser, TestApp, location, spawn};

both_backends!(
    counsellor_opens_a_space_and_the_identified_client_talks_in_it,
    only_members_reach_a_space,
    a_desk_ticket_becomes_a_space_once,
    the_live_socket_hears_messages_from_another_process,
    bad_input_is_refused_with_nothing_stored,
    members_get_time_limited_turn_credentials,
);

async fn members_get_time_limited_turn_credentials(backend: Backend) {
    use base64::Engine;
    let turn = tupa_core::guidance::calls::TurnConfig {
        urls: vec!["turn:turn.example.fi:3478".into(), "turns:turn.example.fi:5349".into()],
        secret: Some("coturn-static-auth-secret".into()),
    };
    let app = crate::helpers::spawn_with(
        backend,
        crate::helpers::Options { turn: Some(turn), ..Default::default() },
    )
    .await;
    app.operator().await;
    let org = app.org("salo", "full").await;
    let counsellor = app.person(&org, "sari@salo.test", Role::Counsellor).await;
    let other = app.person(&org, "simo@salo.test", Role::Counsellor).await;
    let (id, _) = open_space(&app, &counsellor.token, "salo", "c@example.fi").await;
    let before = tupa_core::db::now();
    let (status, config) =
        app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/call-config")).await;
    assert_eq!(status, StatusCode::OK, "{config}");
    let server = &config["ice_servers"][0];
    assert_eq!(server["urls"], json!(["turn:turn.example.fi:3478", "turns:turn.example.fi:5349"]));
    let username = server["username"].as_str().unwrap();
    let (expiry, subject) = username.split_once(':').unwrap();
    let expiry: i64 = expiry.parse().unwrap();
    assert!(expiry > before && expiry <= before + 13 * 3600, "time-limited: {expiry}");
    assert_eq!(subject, counsellor.id, "an opaque id, never a name or an address");
    // What coturn computes with the same secret (the function's own vector is checked
    // against an independent computation in its unit test).
    let expected =
        tupa_core::guidance::calls::credential("coturn-static-auth-secret", &counsellor.id, expiry)
            .1;
    assert_eq!(server["credential"], expected);
    assert_eq!(
        base64::engine::general_purpose::STANDARD.decode(&expected).unwrap().len(),
        20,
        "an HMAC-SHA1"
    );
    // Members only.
    let (status, _) = app.api(&other.token).get(&format!("/api/v1/spaces/{id}/call-config")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Opens a space through the API; returns its id and the invitation link.
pub(crate) async fn open_space(
    app: &TestApp,
    token: &str,
    slug: &str,
    email: &str,
) -> (String, String) {
    let (status, body) = app
        .api(token)
        .post(
            &format!("/api/v1/orgs/{slug}/spaces"),
            json!({"title": "Asumisen tuki", "client_email": email, "client_name": "Anna", "lang": "fi"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["status"], "open");
    let url = body["invite_url"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("{}/spaces/invite/", app.base)), "{url}");
    (body["id"].as_str().unwrap().to_string(), url)
}

/// A browser that follows the invitation, identifies with the training test identification
/// and enters the space.
pub(crate) async fn client_enters(app: &TestApp, invite_url: &str, persona: &str) -> Browser {
    let path = invite_url.strip_prefix(&app.base).unwrap().to_string();
    let b = app.browser().await;
    let (status, html) = b.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("/auth/test-identification?next="), "identification offered");
    let res = b.post("/auth/test-identification", &[("persona", persona), ("next", &path)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), path, "back to the invitation after identifying");
    let res = b.post(&path, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{:?}", res.text().await);
    assert!(location(&res).starts_with("/spaces/"));
    b
}

async fn counsellor_opens_a_space_and_the_identified_client_talks_in_it(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let counsellor = app.person(&org, "kaisa@oulu.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "oulu", "anna@example.fi").await;

    // The invitation mail carries the link and nothing of the guidance itself.
    let mail = app.outbox_to("anna@example.fi").await.pop().expect("an invitation");
    assert!(mail.body_text.contains(&invite));
    assert!(!mail.body_text.contains("Asumisen tuki"));

    let client = client_enters(&app, &invite, "anna").await;
    let (status, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Asumisen tuki") && html.contains("Org oulu"), "title and controller");
    // The link works once.
    let other = app.browser().await;
    let path = invite.strip_prefix(&app.base).unwrap();
    assert_eq!(other.get(path).await.status(), StatusCode::GONE);

    // The client writes with the plain form; the counsellor reads it through the API.
    let res =
        client.post(&format!("/spaces/{id}/messages"), &[("body", "Hei, kiitos kutsusta!")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let api = app.api(&counsellor.token);
    let (status, list) = api.get(&format!("/api/v1/spaces/{id}/messages")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list[0]["body"], "Hei, kiitos kutsusta!");
    assert_eq!(list[0]["author"], "Anna Asiakas");
    let (status, _) =
        api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "Tervetuloa!"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("Tervetuloa!"));

    // Closing keeps the conversation going; the status shows through the API.
    let (status, space) =
        api.post(&format!("/api/v1/spaces/{id}/status"), json!({"status": "closed"})).await;
    assert_eq!((status, space["status"].as_str()), (StatusCode::OK, Some("closed")));
    let res = client.post(&format!("/spaces/{id}/messages"), &[("body", "Vielä yksi asia")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Only the counsellor closes and reopens.
    let res = client.post(&format!("/spaces/{id}/status"), &[("status", "open")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let actions = app.audit_actions(Some(&org.id)).await;
    assert!(actions.contains(&"space-opened".into()) && actions.contains(&"space-joined".into()));
}

async fn only_members_reach_a_space(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kemi", "full").await;
    let other_org = app.org("tornio", "full").await;
    let counsellor = app.person(&org, "kalle@kemi.test", Role::Counsellor).await;
    let colleague = app.person(&org, "kerttu@kemi.test", Role::Counsellor).await;
    let admin = app.person(&org, "maija@kemi.test", Role::MainAdmin).await;
    let supervisor = app.person(&org, "ville@kemi.test", Role::Supervisor).await;
    let stranger = app.person(&other_org, "toni@tornio.test", Role::Counsellor).await;
    let operator = app.operator_token().await;
    let (id, invite) = open_space(&app, &counsellor.token, "kemi", "client@example.fi").await;
    for token in [&colleague.token, &admin.token, &supervisor.token, &stranger.token, &operator] {
        let api = app.api(token);
        assert_eq!(api.get(&format!("/api/v1/spaces/{id}")).await.0, StatusCode::NOT_FOUND);
        assert_eq!(
            api.get(&format!("/api/v1/spaces/{id}/messages")).await.0,
            StatusCode::NOT_FOUND
        );
        let (status, _) =
            api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "x"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    // Opening spaces is the counsellor's: a main admin of the organisation may not.
    let (status, _) = app
        .api(&admin.token)
        .post("/api/v1/orgs/kemi/spaces", json!({"title": "x", "client_email": "a@b.fi"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Another organisation's counsellor cannot open spaces here either.
    let (status, _) = app
        .api(&stranger.token)
        .post("/api/v1/orgs/kemi/spaces", json!({"title": "x", "client_email": "a@b.fi"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A signed-in member of staff who is not strongly identified cannot take the client's
    // place with the link.
    let staff = app.signed_in(&colleague).await;
    let path = invite.strip_prefix(&app.base).unwrap();
    let res = staff.post(path, &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.api(&colleague.token).get(&format!("/api/v1/spaces/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
    // Unknown ids answer like foreign ones.
    let api = app.api(&counsellor.token);
    assert_eq!(api.get("/api/v1/spaces/no-such-space").await.0, StatusCode::NOT_FOUND);
    assert_eq!(api.get(&format!("/api/v1/spaces/{id}")).await.0, StatusCode::OK);
}

async fn a_desk_ticket_becomes_a_space_once(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("raahe", "full").await;
    let person = app.person(&org, "riikka@raahe.test", Role::Adviser).await;
    // The same person also runs guidance spaces.
    let mut tx = app.db.begin().await.unwrap();
    tupa_core::organisations::people::grant(
        &mut tx,
        &org.id,
        &person.id,
        Role::Counsellor,
        None,
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let adviser_only = app.person(&org, "aapo@raahe.test", Role::Adviser).await;
    let api = app.api(&person.token);
    let (status, ticket) = api
        .post(
            "/api/v1/orgs/raahe/tickets",
            json!({"name": "Mikko", "email": "mikko@example.fi", "subject": "Toimeentulotuki", "message": "Tarvitsisin apua hakemuksen kanssa."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{ticket}");
    let case = ticket["case_number"].as_str().unwrap().to_string();
    let (status, _) = api
        .post(
            &format!("/api/v1/tickets/{case}/messages"),
            json!({"public": false, "body": "Sisäinen huomio"}),
        )
        .await;
    assert!(status.is_success(), "{status}");

    // An adviser without the counsellor role may not turn it into a space.
    let (status, _) = app
        .api(&adviser_only.token)
        .post(&format!("/api/v1/tickets/{case}/space"), json!({}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, space) = api.post(&format!("/api/v1/tickets/{case}/space"), json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{space}");
    assert_eq!(space["title"], "Toimeentulotuki");
    assert_eq!(space["client_email"], "mikko@example.fi");
    assert!(space["invite_url"].as_str().is_some());
    let id = space["id"].as_str().unwrap();
    let (_, list) = api.get(&format!("/api/v1/spaces/{id}/messages")).await;
    let bodies: Vec<&str> =
        list.as_array().unwrap().iter().filter_map(|m| m["body"].as_str()).collect();
    assert!(bodies.iter().any(|b| b.contains("Tarvitsisin apua")), "{bodies:?}");
    assert!(
        !bodies.iter().any(|b| b.contains("Sisäinen huomio")),
        "internal notes stay at the desk"
    );
    assert_eq!(list[0]["kind"], "from-ticket");

    // Once only; the ticket page links to the space.
    let (status, body) = api.post(&format!("/api/v1/tickets/{case}/space"), json!({})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("ticket-already-a-space"))
    );
    let b = app.signed_in(&person).await;
    let (_, html) = b.get_text(&format!("/orgs/raahe/desk/{case}")).await;
    assert!(html.contains(&format!("/spaces/{id}")), "the ticket links to its space");
}

async fn the_live_socket_hears_messages_from_another_process(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("pori", "full").await;
    let counsellor = app.person(&org, "pirjo@pori.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "pori", "client@example.fi").await;
    let client = client_enters(&app, &invite, "ville").await;

    // The counsellor listens on this process by bearer token...
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

    // ...while the client writes through another process on the same database.
    let second = app.second_server().await;
    let session = client.cookie("tupa_session").unwrap();
    let csrf = client.cookie("tupa_csrf").unwrap();
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{second}/spaces/{id}/messages"))
        .header("cookie", format!("tupa_session={session}; tupa_csrf={csrf}"))
        .form(&[("body", "Viesti toisesta prosessista"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let pushed = next_message(&mut socket).await;
    assert_eq!(pushed["type"], "message");
    assert_eq!(pushed["body"], "Viesti toisesta prosessista");
    assert_eq!(pushed["author"], "Ville Virtanen");
    assert!(pushed["id"].is_string() && pushed["created_at"].is_i64());

    // The counsellor answers over the socket; it is stored and the client sees it.
    socket
        .send(WsMessage::Text(
            json!({"type": "message", "body": "Vastaus sokettia pitkin"}).to_string().into(),
        ))
        .await
        .unwrap();
    let echoed = next_message(&mut socket).await;
    assert_eq!(echoed["body"], "Vastaus sokettia pitkin");
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("Vastaus sokettia pitkin"));

    // A frame over the limit closes the socket; the server goes on.
    let big = "x".repeat(200 * 1024);
    let _ = socket
        .send(WsMessage::Text(json!({"type": "message", "body": big}).to_string().into()))
        .await;
    let closed = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            match socket.next().await {
                None | Some(Err(_)) | Some(Ok(WsMessage::Close(_))) => return true,
                Some(Ok(_)) => continue,
            }
        }
    })
    .await
    .unwrap_or(false);
    assert!(closed, "an oversized frame ends the socket");
    assert_eq!(
        app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}")).await.0,
        StatusCode::OK
    );

    // A stranger cannot open the socket at all.
    let stranger = app.person(&org, "s@pori.test", Role::Counsellor).await;
    let mut request =
        tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(
            ws_url.as_str(),
        )
        .unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {}", stranger.token).parse().unwrap());
    assert!(tokio_tungstenite::connect_async(request).await.is_err());
}

/// The space's live socket for `request`, once the server listens on it: the handshake is
/// answered before the server's side of the socket subscribes to the space's events (a
/// task's event was missed so once in CI, under load, before tests waited for this).
pub(crate) async fn live_socket(
    request: tokio_tungstenite::tungstenite::handshake::client::Request,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    // The server says when it listens (after playing back anything asked for with `since`):
    // an event caused before this frame could come before the subscription and be lost.
    let hello = next_message(&mut socket).await;
    assert_eq!(hello["type"], "listening", "{hello}");
    assert!(hello["at"].as_i64().is_some_and(|t| t > 1_700_000_000), "{hello}");
    socket
}

pub(crate) async fn next_message<S>(socket: &mut S) -> Value
where
    S: futures_util::Stream<Item = Result<WsMessage, tokio_tungstenite::tungstenite::Error>>
        + Unpin,
{
    let deadline = std::time::Duration::from_secs(10);
    loop {
        match tokio::time::timeout(deadline, socket.next()).await {
            Ok(Some(Ok(WsMessage::Text(text)))) => return serde_json::from_str(&text).unwrap(),
            Ok(Some(Ok(_))) => continue,
            other => panic!("no message on the socket: {other:?}"),
        }
    }
}

async fn bad_input_is_refused_with_nothing_stored(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("vaasa", "full").await;
    let counsellor = app.person(&org, "vera@vaasa.test", Role::Counsellor).await;
    let api = app.api(&counsellor.token);
    for (body, field) in [
        (json!({"title": "", "client_email": "a@b.fi"}), "title"),
        (json!({"title": "x".repeat(201), "client_email": "a@b.fi"}), "title"),
        (json!({"title": "Tuki", "client_email": "not an address"}), "client_email"),
        (json!({"title": "Tuki", "client_email": "a@b.fi", "lang": "de"}), "lang"),
        (json!({"title": "Tuki", "client_email": "a@b.fi", "template_id": "nope"}), "template_id"),
    ] {
        let (status, answer) = api.post("/api/v1/orgs/vaasa/spaces", body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["field"], field, "{answer}");
        assert!(!answer["message"].as_str().unwrap().is_empty());
    }
    let (_, list) = api.get("/api/v1/orgs/vaasa/spaces").await;
    assert_eq!(list.as_array().unwrap().len(), 0, "nothing stored");

    // The page form keeps what was typed and names the field, in Swedish too.
    let b = app.signed_in(&counsellor).await;
    b.post("/language", &[("lang", "sv"), ("next", "/")]).await;
    let (status, html) = b
        .post_text(
            "/orgs/vaasa/spaces",
            &[("title", "Boende"), ("client_email", "fel"), ("lang", "sv")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("value=\"Boende\""), "typed title kept");
    assert!(html.contains("f-client_email-error"));

    // Empty and oversized messages.
    let (id, _) = open_space(&app, &counsellor.token, "vaasa", "c@example.fi").await;
    let (status, answer) =
        api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "   "})).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("space-message-empty"))
    );
    let (status, answer) = api
        .post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "y".repeat(10_001)}))
        .await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("space-message-too-long"))
    );
    let (_, list) = api.get(&format!("/api/v1/spaces/{id}/messages")).await;
    assert_eq!(list.as_array().unwrap().len(), 0);

    // A forged or misspelt status is refused, through the API and the page, and the space
    // stays open (the page once answered an unknown word as a server error).
    for forged in ["Closed", "shut", "closed ", ""] {
        let (status, answer) =
            api.post(&format!("/api/v1/spaces/{id}/status"), json!({"status": forged})).await;
        assert_eq!(
            (status, answer["code"].as_str(), answer["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("status-invalid"), Some("status")),
            "{forged:?}: {answer}"
        );
        let (status, html) =
            b.post_text(&format!("/spaces/{id}/status"), &[("status", forged)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{forged:?}");
        assert!(html.contains("Välj en status i listan"), "{html}");
    }
    // Archiving is the lifecycle's alone.
    let (status, _) =
        api.post(&format!("/api/v1/spaces/{id}/status"), json!({"status": "archived"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = b.post_text(&format!("/spaces/{id}/status"), &[("status", "archived")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, space) = api.get(&format!("/api/v1/spaces/{id}")).await;
    assert_eq!(space["status"], "open", "nothing changed: {space}");
    assert!(!app.audit_actions(Some(&org.id)).await.contains(&"space-closed".into()));
}
