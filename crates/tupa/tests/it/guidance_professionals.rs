//! Professionals of other organisations in a guidance space: proposed by the counsellor,
//! present only with the client's consent, seeing the space from the moment of consent,
//! gone at once when the consent is revoked; and the live socket's Origin check.

use futures_util::StreamExt;
use reqwest::StatusCode;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::guidance::{client_enters, open_space};
use crate::helpers::{Backend, TestApp, link_in, location, spawn};

both_backends!(
    a_professional_sees_the_space_from_consent_until_revocation,
    consent_cannot_be_forged_or_taken_by_others,
    a_professional_without_an_account_sets_a_password_and_joins,
    a_cookie_socket_from_another_site_is_refused,
);

pub(crate) fn ws_request(
    app: &TestApp,
    space_id: &str,
) -> tokio_tungstenite::tungstenite::handshake::client::Request {
    let url = format!("{}/api/v1/spaces/{space_id}/live", app.base.replace("http://", "ws://"));
    tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(url.as_str())
        .unwrap()
}

/// The counsellor proposes a professional through the API; returns the proposal's id.
pub(crate) async fn propose(app: &TestApp, token: &str, space_id: &str, email: &str) -> String {
    let (status, body) = app
        .api(token)
        .post(
            &format!("/api/v1/spaces/{space_id}/professionals"),
            json!({"email": email, "name": "Pekka Ammattilainen",
                   "organisation_name": "Lapin sosiaalitoimi", "purpose": "Toimeentulotuen selvittely"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["status"], "proposed");
    body["id"].as_str().unwrap().to_string()
}

/// The join link's token from the professional's mail.
pub(crate) async fn join_token(app: &TestApp, email: &str) -> String {
    let mail = app.outbox_to(email).await.pop().expect("a join mail");
    let link = link_in(&mail.body_text, &format!("{}/spaces/professional/", app.base))
        .expect("a join link");
    link.rsplit('/').next().unwrap().to_string()
}

async fn a_professional_sees_the_space_from_consent_until_revocation(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kemi", "full").await;
    let other = app.org("rovaniemi", "full").await;
    let counsellor = app.person(&org, "kalle@kemi.test", Role::Counsellor).await;
    let pro = app.person(&other, "pekka@rovaniemi.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "kemi", "anna@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let api = app.api(&counsellor.token);
    api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "Ennen suostumusta"})).await;
    let (_, old_task) =
        api.post(&format!("/api/v1/spaces/{id}/tasks"), json!({"title": "Vanha tehtävä"})).await;
    let old_task = old_task["id"].as_str().unwrap().to_string();

    // Proposed but not consented: nothing is sent, nothing is reachable.
    let pid = propose(&app, &counsellor.token, &id, "pekka@rovaniemi.test").await;
    assert!(app.outbox_to("pekka@rovaniemi.test").await.is_empty(), "no mail before consent");
    let pro_api = app.api(&pro.token);
    assert_eq!(pro_api.get(&format!("/api/v1/spaces/{id}")).await.0, StatusCode::NOT_FOUND);

    // The client sees who, from where and why, and consents with the plain form.
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("Pekka Ammattilainen") && html.contains("Lapin sosiaalitoimi"));
    assert!(html.contains("Toimeentulotuen selvittely"));
    // The consent starts a later second than the old history (times are whole seconds).
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let res = client
        .post(&format!("/spaces/{id}/professionals/{pid}/consent"), &[("decision", "consent")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let token = join_token(&app, "pekka@rovaniemi.test").await;
    let mail = app.outbox_to("pekka@rovaniemi.test").await.pop().unwrap();
    assert!(!mail.body_text.contains("/invite/"), "an account with a password needs no set-up");
    assert!(!mail.body_text.contains("Toimeentulotuen"), "no purpose or content in the mail");
    // Consented, not joined yet: still nothing.
    assert_eq!(pro_api.get(&format!("/api/v1/spaces/{id}")).await.0, StatusCode::NOT_FOUND);

    let (status, space) =
        pro_api.post("/api/v1/space-professional-joins", json!({"token": token})).await;
    assert_eq!(status, StatusCode::OK, "{space}");
    assert_eq!(space["id"], id.as_str());
    // The link works once.
    let (status, _) =
        pro_api.post("/api/v1/space-professional-joins", json!({"token": token})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // From the moment of consent only: not the earlier message or task.
    api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "Suostumuksen jälkeen"}))
        .await;
    let (status, list) = pro_api.get(&format!("/api/v1/spaces/{id}/messages")).await;
    assert_eq!(status, StatusCode::OK);
    let bodies: Vec<&str> =
        list.as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, vec!["Suostumuksen jälkeen"], "{list}");
    let (_, tasks) = pro_api.get(&format!("/api/v1/spaces/{id}/tasks")).await;
    assert_eq!(tasks, json!([]));
    assert_eq!(
        pro_api.get(&format!("/api/v1/spaces/{id}/tasks/{old_task}")).await.0,
        StatusCode::NOT_FOUND
    );
    let pro_browser = app.signed_in(&pro).await;
    let (status, html) = pro_browser.get_text(&format!("/spaces/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Suostumuksen jälkeen") && !html.contains("Ennen suostumusta"));
    assert!(!html.contains("Vanha tehtävä"));
    // The professional writes, but does not run the space or see the other proposals.
    let (status, _) =
        pro_api.post(&format!("/api/v1/spaces/{id}/messages"), json!({"body": "Hei"})).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        pro_api.get(&format!("/api/v1/spaces/{id}/professionals")).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, _) = pro_api
        .post(
            &format!("/api/v1/spaces/{id}/professionals"),
            json!({"email": "x@y.fi", "name": "X", "organisation_name": "Y", "purpose": "Z"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Asking the live socket for everything since the beginning plays back only what came
    // after the consent.
    let (frames, _) = crate::guidance_catch_up::played_back(&app, &id, &pro.token, 0).await;
    let bodies: Vec<&str> = frames.iter().filter_map(|f| f["body"].as_str()).collect();
    assert!(bodies.contains(&"Suostumuksen jälkeen") && bodies.contains(&"Hei"), "{frames:?}");
    assert!(!bodies.contains(&"Ennen suostumusta"), "{frames:?}");
    assert!(!frames.iter().any(|f| f["type"] == "task"), "{frames:?}");

    // Revocation ends everything at once, the open socket included.
    let mut request = ws_request(&app, &id);
    request.headers_mut().insert("authorization", format!("Bearer {}", pro.token).parse().unwrap());
    let mut socket = crate::guidance::live_socket(request).await;
    let res = client.post(&format!("/spaces/{id}/professionals/{pid}/revoke"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
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
    assert!(closed, "the socket closes on revocation, well before its periodic recheck");
    assert_eq!(pro_api.get(&format!("/api/v1/spaces/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        pro_api.get(&format!("/api/v1/spaces/{id}/messages")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(pro_browser.get(&format!("/spaces/{id}")).await.status(), StatusCode::NOT_FOUND);
    assert!(
        tokio_tungstenite::connect_async({
            let mut r = ws_request(&app, &id);
            r.headers_mut()
                .insert("authorization", format!("Bearer {}", pro.token).parse().unwrap());
            r
        })
        .await
        .is_err()
    );
    // Revoked once is revoked.
    let (status, body) =
        api.post(&format!("/api/v1/spaces/{id}/professionals/{pid}/revoke"), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (_, list) = api.get(&format!("/api/v1/spaces/{id}/professionals")).await;
    assert_eq!(list[0]["status"], "revoked");

    let actions = app.audit_actions(Some(&org.id)).await;
    for action in [
        "space-professional-proposed",
        "space-consent-granted",
        "space-professional-joined",
        "space-consent-revoked",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
    }
}

async fn consent_cannot_be_forged_or_taken_by_others(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let other = app.org("kajaani", "full").await;
    let counsellor = app.person(&org, "olli@oulu.test", Role::Counsellor).await;
    let pro = app.person(&other, "pia@kajaani.test", Role::Counsellor).await;
    let colleague = app.person(&other, "kari@kajaani.test", Role::Counsellor).await;
    let (a, invite_a) = open_space(&app, &counsellor.token, "oulu", "a@example.fi").await;
    let (b, invite_b) = open_space(&app, &counsellor.token, "oulu", "b@example.fi").await;
    let client_a = client_enters(&app, &invite_a, "anna").await;
    let client_b = client_enters(&app, &invite_b, "ville").await;
    let pid = propose(&app, &counsellor.token, &b, "pia@kajaani.test").await;

    // Client A consents with space B's proposal id: through either space, it is unknown.
    let res = client_a
        .post(&format!("/spaces/{a}/professionals/{pid}/consent"), &[("decision", "consent")])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = client_a
        .post(&format!("/spaces/{b}/professionals/{pid}/consent"), &[("decision", "consent")])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = client_a.post(&format!("/spaces/{b}/professionals/{pid}/revoke"), &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // The counsellor cannot consent for the client.
    let (status, _) = app
        .api(&counsellor.token)
        .post(
            &format!("/api/v1/spaces/{b}/professionals/{pid}/consent"),
            json!({"decision": "consent"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(app.outbox_to("pia@kajaani.test").await.is_empty());
    let (_, list) =
        app.api(&counsellor.token).get(&format!("/api/v1/spaces/{b}/professionals")).await;
    assert_eq!(list[0]["status"], "proposed", "nothing changed: {list}");
    // A forged or misspelt decision is refused (the form once took any word but "consent" for
    // a refusal); the proposal stays undecided and nobody is mailed.
    for forged in ["Consent", "yes", "decline ", ""] {
        let (status, html) = client_b
            .post_text(&format!("/spaces/{b}/professionals/{pid}/consent"), &[("decision", forged)])
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{forged:?}");
        assert!(html.contains("could not be read") || html.contains("Pyyntöä ei voitu"), "{html}");
        let csrf = client_b.cookie("tupa_csrf").unwrap();
        let res = client_b
            .client
            .post(format!("{}/api/v1/spaces/{b}/professionals/{pid}/consent", client_b.base))
            .header("x-csrf-token", csrf)
            .json(&json!({"decision": forged}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{forged:?}");
        let err: serde_json::Value = res.json().await.unwrap();
        assert_eq!(
            (err["code"].as_str(), err["field"].as_str()),
            (Some("request-invalid"), Some("decision")),
            "{err}"
        );
    }
    let (_, list) =
        app.api(&counsellor.token).get(&format!("/api/v1/spaces/{b}/professionals")).await;
    assert_eq!(list[0]["status"], "proposed", "nothing decided: {list}");
    assert!(app.outbox_to("pia@kajaani.test").await.is_empty());
    // Bad input is refused with the form kept.
    let (status, body) = app
        .api(&counsellor.token)
        .post(
            &format!("/api/v1/spaces/{b}/professionals"),
            json!({"email": "not-an-address", "name": "N", "organisation_name": "O", "purpose": "P"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = app
        .api(&counsellor.token)
        .post(
            &format!("/api/v1/spaces/{b}/professionals"),
            json!({"email": "n@o.fi", "name": "N", "organisation_name": "O", "purpose": "x".repeat(1001)}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "professional-purpose-too-long");

    // The right client consents; a forwarded link is worthless to anyone else.
    let res = client_b
        .post(&format!("/spaces/{b}/professionals/{pid}/consent"), &[("decision", "consent")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let token = join_token(&app, "pia@kajaani.test").await;
    let (status, body) = app
        .api(&colleague.token)
        .post("/api/v1/space-professional-joins", json!({"token": token}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "professional-link-other-person");
    let res = client_a.post(&format!("/spaces/professional/{token}"), &[]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Deciding twice is refused.
    let res = client_b
        .post(&format!("/spaces/{b}/professionals/{pid}/consent"), &[("decision", "decline")])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    // The consent was revoked before the professional joined: the link dies with it.
    let res = client_b.post(&format!("/spaces/{b}/professionals/{pid}/revoke"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, _) =
        app.api(&pro.token).post("/api/v1/space-professional-joins", json!({"token": token})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.api(&pro.token).get(&format!("/api/v1/spaces/{b}")).await.0,
        StatusCode::NOT_FOUND
    );

    // A declined proposal sends nothing.
    let declined = propose(&app, &counsellor.token, &a, "someone@else.fi").await;
    let res = client_a
        .post(&format!("/spaces/{a}/professionals/{declined}/consent"), &[("decision", "decline")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(app.outbox_to("someone@else.fi").await.is_empty());
    assert!(app.audit_actions(Some(&org.id)).await.iter().any(|a| a == "space-consent-declined"));
}

async fn a_professional_without_an_account_sets_a_password_and_joins(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("salla", "full").await;
    let counsellor = app.person(&org, "saara@salla.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "salla", "c@example.fi").await;
    let client = client_enters(&app, &invite, "sanna").await;
    // Proposed through the page form.
    let counsellor_browser = app.signed_in(&counsellor).await;
    let res = counsellor_browser
        .post(
            &format!("/spaces/{id}/professionals"),
            &[
                ("email", "uusi@kela.test"),
                ("name", "Uula Uusi"),
                ("organisation_name", "Kela"),
                ("purpose", "Etuuksien neuvonta"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // A refused form comes back with what was typed.
    let (status, html) = counsellor_browser
        .post_text(
            &format!("/spaces/{id}/professionals"),
            &[
                ("email", "uusi@kela.test"),
                ("name", ""),
                ("organisation_name", "Kela"),
                ("purpose", "x"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-pro-name-error") && html.contains("value=\"Kela\""));

    let (_, list) =
        app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/professionals")).await;
    let pid = list[0]["id"].as_str().unwrap().to_string();
    let res = client
        .post(&format!("/spaces/{id}/professionals/{pid}/consent"), &[("decision", "consent")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mail = app.outbox_to("uusi@kela.test").await.pop().expect("the join mail");
    let set =
        link_in(&mail.body_text, &format!("{}/invite/", app.base)).expect("a set-password link");
    let token = join_token(&app, "uusi@kela.test").await;

    // Not signed in: the join page shows who invites and asks to sign in.
    let b = app.browser().await;
    let (status, html) = b.get_text(&format!("/spaces/professional/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Org salla") && html.contains("/sign-in?next=/spaces/professional/"));
    // The account's first password, as in a user invitation; that signs them in.
    let res = b
        .post(
            set.strip_prefix(&app.base).unwrap(),
            &[
                ("display_name", "Uula Uusi"),
                ("password", "oikein-pitka-salasana-1"),
                ("password_again", "oikein-pitka-salasana-1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{:?}", res.text().await);
    let mut b = b;
    b.csrf = b.cookie("tupa_csrf").unwrap();
    let (_, html) = b.get_text(&format!("/spaces/professional/{token}")).await;
    assert!(html.contains(&format!("action=\"/spaces/professional/{token}\"")), "a join button");
    let res = b.post(&format!("/spaces/professional/{token}"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/spaces/{id}"));
    let (status, html) = b.get_text(&format!("/spaces/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("id=\"professionals\""), "a professional is not shown the proposals");
}

async fn a_cookie_socket_from_another_site_is_refused(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let counsellor = app.person(&org, "liisa@lahti.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "lahti", "c@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let cookie = format!("tupa_session={}", client.cookie("tupa_session").unwrap());
    let with_origin = |origin: Option<&str>, auth: Option<(&'static str, String)>| {
        let mut r = ws_request(&app, &id);
        if let Some(o) = origin {
            r.headers_mut().insert("origin", o.parse().unwrap());
        }
        if let Some((name, value)) = auth {
            r.headers_mut().insert(name, value.parse().unwrap());
        }
        r
    };
    // Another site's page opening the socket with the client's cookie: 403.
    let err = tokio_tungstenite::connect_async(with_origin(
        Some("https://evil.example"),
        Some(("cookie", cookie.clone())),
    ))
    .await
    .expect_err("a cross-site socket is refused");
    match err {
        tokio_tungstenite::tungstenite::Error::Http(res) => {
            assert_eq!(res.status(), StatusCode::FORBIDDEN)
        }
        other => panic!("expected an HTTP refusal, got {other:?}"),
    }
    assert!(
        tokio_tungstenite::connect_async(with_origin(
            Some("null"),
            Some(("cookie", cookie.clone()))
        ))
        .await
        .is_err()
    );
    // Our own pages' origin is fine.
    let (_socket, _) =
        tokio_tungstenite::connect_async(with_origin(Some(&app.base), Some(("cookie", cookie))))
            .await
            .expect("a same-origin socket");
    // A bearer token is never sent by a browser on its own: no Origin check.
    let bearer = ("authorization", format!("Bearer {}", counsellor.token));
    let (_socket, _) =
        tokio_tungstenite::connect_async(with_origin(Some("https://evil.example"), Some(bearer)))
            .await
            .expect("a bearer socket from any origin");
}
