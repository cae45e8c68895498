//! Setup, sign-in, second factor, throttling, invitations, password reset, sessions, tokens.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::identity::totp;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, link_in, location, spawn};

both_backends!(
    first_run_setup_in_the_browser,
    sign_in_refuses_wrong_password_and_throttles,
    totp_sign_in_refuses_wrong_and_replayed_codes,
    invitation_sets_password_and_grants_roles,
    password_reset_is_single_use_and_ends_sessions,
    sessions_and_tokens_can_be_revoked,
    external_identity_links_to_one_person,
);

async fn external_identity_links_to_one_person(backend: Backend) {
    use tupa_core::identity::{self, Email};
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kotka", "full").await;
    let a = app.person(&org, "a@kotka.test", Role::Adviser).await;
    let b = app.person(&org, "b@kotka.test", Role::Adviser).await;
    let issuer = "https://tunnistus.suomi.fi/oidc";
    let mut tx = app.db.begin().await.unwrap();
    identity::link_external_identity(&mut tx, &a.id, issuer, "subject-123").await.unwrap();
    tx.commit().await.unwrap();
    let found =
        identity::find_by_external_identity(&app.db, issuer, "subject-123").await.unwrap().unwrap();
    assert_eq!(found.id, a.id);
    assert!(identity::find_by_external_identity(&app.db, issuer, "other").await.unwrap().is_none());
    // One identity, one person.
    let mut tx = app.db.begin().await.unwrap();
    let err =
        identity::link_external_identity(&mut tx, &b.id, issuer, "subject-123").await.unwrap_err();
    assert_eq!(err.code(), "identity-taken");
    drop(tx);
    let _ = Email::parse("x@y.fi");
}

async fn first_run_setup_in_the_browser(backend: Backend) {
    let app = spawn(backend).await;
    let b = app.browser().await;
    let res = b.get("/").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/setup");

    // Bad input: a clear message at the field, nothing stored.
    let form = [
        ("operator_name", "Operaattori"),
        ("operator_slug", "tupa"),
        ("admin_name", "Paula"),
        ("admin_email", "not-an-address"),
        ("password", PASSWORD),
        ("password_again", PASSWORD),
    ];
    let (status, html) = b.post_text("/setup", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"f-admin_email-error\""), "error shown at the e-mail field");
    assert!(html.contains("value=\"Operaattori\""), "typed values kept");
    assert!(!tupa_core::setup::is_done(&app.db).await.unwrap());

    let form = [
        ("operator_name", "Operaattori"),
        ("operator_slug", "tupa"),
        ("admin_name", "Paula"),
        ("admin_email", "paula@op.test"),
        ("password", PASSWORD),
        ("password_again", PASSWORD),
    ];
    let res = b.post("/setup", &form).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&res),
        "/profile/totp",
        "a new platform admin enrols a second factor first"
    );

    // Until then every other page leads back to enrolment, and the API refuses.
    let res = b.get("/orgs").await;
    assert_eq!(location(&res), "/profile/totp");
    let (status, html) = b.get_text("/profile/totp").await;
    assert_eq!(status, StatusCode::OK);
    let secret =
        html.split("id=\"totp-secret\">").nth(1).unwrap().split('<').next().unwrap().to_string();
    // The key as a QR code drawn on the server: an SVG image with a text alternative.
    let qr = html
        .split("class=\"totp-qr\" src=\"data:image/svg+xml;base64,")
        .nth(1)
        .expect("a QR code beside the key")
        .split('"')
        .next()
        .unwrap();
    let svg = String::from_utf8(
        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, qr).unwrap(),
    )
    .unwrap();
    assert!(svg.contains("<svg") && svg.contains("<path"), "{svg}");
    assert!(html.contains("alt=\"QR-koodi"));
    let (status, html) = b.post_text("/profile/totp", &[("code", "000000")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-code-error"));
    let code = totp::code_at(&secret, tupa_core::db::now()).unwrap();
    let res = b.post("/profile/totp", &[("code", code.as_str())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, html) = b.get_text("/orgs").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Operaattori"));

    // Setup runs once.
    let res = b.post("/setup", &form).await;
    assert_eq!(location(&res), "/");
    let actions = app.audit_actions(None).await;
    assert!(
        actions.contains(&"setup-completed".to_string())
            && actions.contains(&"totp-enabled".to_string())
    );
}

async fn sign_in_refuses_wrong_password_and_throttles(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let adviser = app.person(&org, "antti@espoo.test", Role::Adviser).await;
    let b = app.browser().await;
    let (status, html) = b
        .post_text(
            "/sign-in",
            &[("email", adviser.email.as_str()), ("password", "wrong password!")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("error-summary"));
    // An unknown address gets the same answer (no account enumeration).
    let (status2, _) = b
        .post_text("/sign-in", &[("email", "nobody@espoo.test"), ("password", "wrong password!")])
        .await;
    assert_eq!(status2, status);
    for _ in 0..4 {
        b.post("/sign-in", &[("email", adviser.email.as_str()), ("password", "wrong password!")])
            .await;
    }
    // Five failures: even the right password is refused for a while.
    let res =
        b.post("/sign-in", &[("email", adviser.email.as_str()), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // Another account from another address is not affected... but from the same address it is
    // only after many more failures; a colleague signs in normally.
    let colleague = app.person(&org, "kaisa@espoo.test", Role::Counsellor).await;
    let res = b
        .post(
            "/sign-in",
            &[("email", colleague.email.as_str()), ("password", PASSWORD), ("next", "/orgs")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/orgs");
    assert!(app.audit_actions(None).await.contains(&"sign-in-failed".to_string()));
}

async fn totp_sign_in_refuses_wrong_and_replayed_codes(backend: Backend) {
    let app = spawn(backend).await;
    let admin = app.operator().await;
    let secret = admin.totp_secret.clone().unwrap();
    let b = app.browser().await;
    let res = b
        .post(
            "/sign-in",
            &[("email", admin.email.as_str()), ("password", PASSWORD), ("next", "/plans")],
        )
        .await;
    assert!(location(&res).starts_with("/sign-in/totp"), "password alone is not enough");
    // With only the password, nothing is reachable.
    let res = b.get("/plans").await;
    assert!(location(&res).starts_with("/sign-in"));
    let (status, _) = b.post_text("/sign-in/totp", &[("code", "123456"), ("next", "/plans")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let code = totp::code_at(&secret, tupa_core::db::now()).unwrap();
    let res = b.post("/sign-in/totp", &[("code", code.as_str()), ("next", "/plans")]).await;
    assert_eq!(location(&res), "/plans");
    assert_eq!(b.get("/plans").await.status(), StatusCode::OK);

    // The same code again, in another browser: refused (one use per code).
    let b2 = app.browser().await;
    b2.post("/sign-in", &[("email", admin.email.as_str()), ("password", PASSWORD)]).await;
    let (status, _) = b2.post_text("/sign-in/totp", &[("code", code.as_str())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn invitation_sets_password_and_grants_roles(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("vantaa", "full").await;
    let admin = app.person(&org, "mirja@vantaa.test", Role::MainAdmin).await;
    let unit = {
        let api = app.api(&admin.token);
        let (s, u) =
            api.post("/api/v1/orgs/vantaa/units", json!({"name": "Aikuissosiaalityö"})).await;
        assert_eq!(s, StatusCode::CREATED);
        u["id"].as_str().unwrap().to_string()
    };
    let api = app.api(&admin.token);
    let (status, body) = api
        .post("/api/v1/orgs/vantaa/users", json!({"email": "Ville@Vantaa.test", "display_name": "Ville", "roles": [{"role": "counsellor", "unit_id": unit}], "language": "sv"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["email"], "ville@vantaa.test");
    assert_eq!(body["invited"], true);
    // Inviting the same person twice is refused with a clear code.
    let (status, body) = api.post("/api/v1/orgs/vantaa/users", json!({"email": "ville@vantaa.test", "display_name": "Ville", "roles": [{"role": "adviser"}]})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "user-already-member");
    // A main admin cannot make anyone a platform admin.
    let (status, _) = api.post("/api/v1/orgs/vantaa/users", json!({"email": "x@vantaa.test", "display_name": "X", "roles": [{"role": "platform-admin"}]})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let mails = app.outbox_to("ville@vantaa.test").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].status, "captured", "training captures mail");
    assert!(
        mails[0].subject.contains("Inbjudan") || mails[0].subject.contains("Tupa"),
        "Swedish invitation: {}",
        mails[0].subject
    );
    let link = link_in(&mails[0].body_text, &format!("{}/invite/", app.base)).unwrap();
    let path = link.trim_start_matches(&app.base).to_string();

    let b = app.browser().await;
    let (status, html) = b.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("ville@vantaa.test"));
    assert!(
        html.contains("<html lang=\"sv\">"),
        "the invitation's language, not the browser's guess"
    );
    let (status, _) = b
        .post_text(
            &path,
            &[
                ("display_name", "Ville Virtanen"),
                ("password", "short"),
                ("password_again", "short"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = b
        .post(
            &path,
            &[
                ("display_name", "Ville Virtanen"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, html) = b.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ville Virtanen"));
    // The link is used up.
    let (status, html) = b.get_text(&path).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(html.contains("/sign-in"), "explains and points to sign-in");

    let grants = tupa_core::organisations::people::current_grants(
        &app.db,
        &org.id,
        body_user(&app, "ville@vantaa.test").await.as_str(),
    )
    .await
    .unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].role, Role::Counsellor);
    assert_eq!(grants[0].unit_id.as_deref(), Some(unit.as_str()));
}

async fn body_user(app: &crate::helpers::TestApp, email: &str) -> String {
    tupa_core::identity::find_by_email(&app.db, &tupa_core::identity::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn password_reset_is_single_use_and_ends_sessions(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let person = app.person(&org, "riikka@lahti.test", Role::Recruiter).await;
    let old = app.signed_in(&person).await;
    assert_eq!(old.get("/profile").await.status(), StatusCode::OK);

    let b = app.browser().await;
    let (status, html) = b.post_text("/password/forgot", &[("email", "riikka@lahti.test")]).await;
    assert_eq!(status, StatusCode::OK);
    // Same answer for an unknown address, and no mail for it.
    let (_, html2) = b.post_text("/password/forgot", &[("email", "nobody@lahti.test")]).await;
    assert_eq!(html.len(), html2.len());
    assert!(app.outbox_to("nobody@lahti.test").await.is_empty());

    let mail = app.outbox_to("riikka@lahti.test").await.pop().unwrap();
    let path = link_in(&mail.body_text, &format!("{}/password/reset/", app.base))
        .unwrap()
        .trim_start_matches(&app.base)
        .to_string();
    let (status, _) = b
        .post_text(
            &path,
            &[("password", "a new long password"), ("password_again", "something else")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = b
        .post(
            &path,
            &[("password", "a new long password"), ("password_again", "a new long password")],
        )
        .await;
    assert_eq!(location(&res), "/sign-in?notice=password-reset");
    let (status, html) = b
        .post_text(
            &path,
            &[("password", "another long password"), ("password_again", "another long password")],
        )
        .await;
    assert_eq!(status, StatusCode::GONE, "a reset link works once");
    assert!(html.contains("/password/forgot"), "offers a new link");
    assert_eq!(b.get(&path).await.status(), StatusCode::GONE);
    // The old session has ended; the new password works, the old one does not.
    assert!(location(&old.get("/profile").await).starts_with("/sign-in"));
    let res = b.post("/sign-in", &[("email", "riikka@lahti.test"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = b
        .post("/sign-in", &[("email", "riikka@lahti.test"), ("password", "a new long password")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

async fn sessions_and_tokens_can_be_revoked(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("turku", "full").await;
    let person = app.person(&org, "tero@turku.test", Role::Supervisor).await;
    let laptop = app.signed_in(&person).await;
    let phone = app.signed_in(&person).await;
    let api = app.api(&person.token);
    let (status, sessions) = api.get("/api/v1/me/sessions").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sessions.as_array().unwrap().len(), 2);
    let (_, html) = laptop.get_text("/profile").await;
    assert!(html.contains("class=\"tag\""), "the current device is marked");
    let ids: Vec<String> = sessions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let (s, _) =
        api.call(reqwest::Method::DELETE, &format!("/api/v1/me/sessions/{}", ids[0]), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let out = [laptop.get("/profile").await.status(), phone.get("/profile").await.status()];
    assert_eq!(
        out.iter().filter(|s| **s == StatusCode::SEE_OTHER).count(),
        1,
        "exactly one session ended"
    );
    // Someone else's session id is not found.
    let other = app.person(&org, "other@turku.test", Role::Adviser).await;
    let (s, _) = app
        .api(&other.token)
        .call(reqwest::Method::DELETE, &format!("/api/v1/me/sessions/{}", ids[1]), None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Tokens: create, use, revoke; a revoked token no longer works.
    let (s, created) = api.post("/api/v1/me/tokens", json!({"name": "intranet"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let secret = created["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("tupa_"));
    let stored: (String,) = sqlx::query_as("SELECT token_hash FROM api_tokens WHERE id = $1")
        .bind(created["token"]["id"].as_str().unwrap())
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_ne!(stored.0, secret, "stored hashed");
    let new_api = app.api(&secret);
    assert_eq!(new_api.get("/api/v1/me").await.0, StatusCode::OK);
    let (s, _) = api
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/me/tokens/{}", created["token"]["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, body) = new_api.get("/api/v1/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthenticated");
}
