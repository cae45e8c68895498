//! Staff single sign-on (issue 10) against a real OpenID provider: the npm package
//! `oidc-provider` (e2e/oidc-provider/server.js) with a confidential client, as an
//! organisation's Entra ID or Keycloak would register Tupa: a client secret, PKCE, state and
//! nonce, signed ID tokens, the address and groups from userinfo. The provider's login form
//! names the staff member by e-mail address; Tupa decides who that may sign in.

use reqwest::{Client, StatusCode, redirect};
use serde_json::json;
use tupa_core::organisations::Organisation;
use tupa_core::organisations::people::{self, Role};

use crate::both_backends;
use crate::helpers::{Backend, Person, TestApp, spawn};
use crate::oidc::{Provider, free_port};

both_backends!(
    staff_sign_in_maps_to_existing_accounts_only,
    settings_are_the_main_admins_and_the_secret_never_comes_back
);

const CLIENT_ID: &str = "tupa-staff";
const SECRET: &str = "staff-client-secret-9f3k2";

struct Setup {
    app: TestApp,
    org: Organisation,
    admin: Person,
    provider: Provider,
}

/// Tupa with organisation "espoo", its main admin, and a provider that knows Tupa's staff
/// client for espoo (not yet configured in Tupa).
async fn setup(backend: Backend) -> Setup {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let admin = app.person(&org, "admin@espoo.test", Role::MainAdmin).await;
    let port = free_port();
    let redirect = format!("{}/auth/sso/espoo/callback", app.base);
    let provider = Provider::start_with(
        port,
        &app.base,
        &[
            "--staff-client-id",
            CLIENT_ID,
            "--staff-client-secret",
            SECRET,
            "--staff-redirect-uri",
            &redirect,
        ],
    )
    .await;
    Setup { app, org, admin, provider }
}

fn settings_body(issuer: &str, domains: &[&str]) -> serde_json::Value {
    json!({
        "enabled": true,
        "label": "Espoo Entra ID",
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "email_domains": domains,
    })
}

/// A browser that follows redirects except into Tupa's callback and out of it.
fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::custom(|attempt| {
            let is_callback = |u: &reqwest::Url| {
                u.path().starts_with("/auth/sso/") && u.path().ends_with("/callback")
            };
            if is_callback(attempt.url()) || attempt.previous().last().is_some_and(is_callback) {
                attempt.stop()
            } else {
                attempt.follow()
            }
        }))
        .build()
        .unwrap()
}

/// Starts at Tupa, signs in at the provider as `email` (in `groups`); the callback address.
async fn at_provider(b: &Client, app: &TestApp, email: &str, groups: &str) -> String {
    let res = b.get(app.url("/auth/sso/espoo?next=/profile")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the provider's login page");
    let login = res.url().to_string();
    let res = b
        .post(format!("{login}/login"))
        .form(&[("email", email), ("groups", groups)])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{:?} {}", res.status(), res.url());
    let to = res.headers()[reqwest::header::LOCATION].to_str().unwrap().to_string();
    assert!(to.contains("/auth/sso/espoo/callback?"), "{to}");
    to
}

/// Follows the callback: (status, Location, or the refusal code on the page).
async fn callback(b: &Client, url: &str) -> (StatusCode, String) {
    let res = b.get(url).send().await.unwrap();
    let status = res.status();
    if let Some(to) = res.headers().get(reqwest::header::LOCATION) {
        return (status, to.to_str().unwrap().to_string());
    }
    let html = res.text().await.unwrap();
    let code = html
        .split("data-refusal=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no refusal on the page: {html}"));
    (status, code.to_string())
}

async fn sign_in_as(app: &TestApp, email: &str, groups: &str) -> (StatusCode, String, Client) {
    let b = browser();
    let back = at_provider(&b, app, email, groups).await;
    let (status, to) = callback(&b, &back).await;
    (status, to, b)
}

async fn profile_ok(b: &Client, app: &TestApp) -> bool {
    let res = b.get(app.url("/profile")).send().await.unwrap();
    res.status() == StatusCode::OK && res.url().path() == "/profile"
}

async fn staff_sign_in_maps_to_existing_accounts_only(backend: Backend) {
    let Setup { app, org, admin, provider } = setup(backend).await;
    let maija = app.person(&org, "maija@espoo.test", Role::Adviser).await;
    let ville = app.person(&org, "ville@espoo.test", Role::Adviser).await;
    let vantaa = app.org("vantaa", "full").await;
    app.person(&org, "both@espoo.test", Role::Counsellor).await;
    app.person(&vantaa, "both@espoo.test", Role::Adviser).await;
    let paula = tupa_core::identity::find_by_email(
        &app.db,
        &tupa_core::identity::Email::parse("paula@operator.test").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    let mut tx = app.db.begin().await.unwrap();
    people::set_member_active(&mut tx, &org.id, &ville.id, false).await.unwrap();
    // A platform admin who is also a member here is still not reached through the provider.
    people::add_member(&mut tx, &org.id, &paula.id).await.unwrap();
    people::grant(&mut tx, &org.id, &paula.id, Role::Adviser, None, None).await.unwrap();
    tx.commit().await.unwrap();

    // Nothing configured: no button, and the start says so.
    let (status, html) = {
        let res = browser().get(app.url("/sign-in?org=espoo")).send().await.unwrap();
        (res.status(), res.text().await.unwrap())
    };
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("data-sso"), "no button before a provider is set");
    let res = browser().get(app.url("/auth/sso/espoo")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let api = app.api(&admin.token);
    let (status, view) = api
        .put(
            "/api/v1/orgs/espoo/sso",
            settings_body(&provider.issuer, &["espoo.test", "operator.test"]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");

    // The sign-in page for espoo's staff has the provider's button.
    let html =
        browser().get(app.url("/sign-in?org=espoo")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-sso") && html.contains("Espoo Entra ID"), "{html}");
    assert!(html.contains("/auth/sso/espoo?next="), "{html}");

    // The authorization request: code flow with PKCE, state and nonce, our redirect URI.
    let res = Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/auth/sso/espoo"))
        .send()
        .await
        .unwrap();
    let to = res.headers()[reqwest::header::LOCATION].to_str().unwrap().to_string();
    assert!(to.starts_with(&provider.issuer), "{to}");
    let params: Vec<(String, String)> =
        serde_urlencoded::from_str(to.split_once('?').unwrap().1).unwrap();
    let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert_eq!(param("client_id").as_deref(), Some(CLIENT_ID));
    assert_eq!(param("code_challenge_method").as_deref(), Some("S256"));
    assert!(param("state").is_some() && param("nonce").is_some());
    assert_eq!(param("redirect_uri").unwrap(), app.url("/auth/sso/espoo/callback"));

    // Maija: her own account, signed in as with password + TOTP, no second step.
    let (status, to, b) = sign_in_as(&app, "maija@espoo.test", "").await;
    assert_eq!((status, to.as_str()), (StatusCode::SEE_OTHER, "/profile"));
    assert!(profile_ok(&b, &app).await);
    let (pending, user_id): (tupa_core::db::Flag, String) = sqlx::query_as(
        "SELECT second_factor_pending, user_id FROM user_sessions WHERE user_id = $1",
    )
    .bind(&maija.id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(!pending.0, "no second step after the provider's sign-in");
    assert_eq!(user_id, maija.id);
    let res = b.get(app.url("/orgs/espoo/desk")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "an adviser's desk after single sign-on");

    // Refused, each with its translated reason, and nobody gets an account.
    let users_before: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(app.db.pool()).await.unwrap();
    for (email, code) in [
        ("nobody@espoo.test", "unknown-account"),
        ("maija@vantaa.test", "domain"),
        ("ville@espoo.test", "disabled"),
        ("both@espoo.test", "other-organisation"),
        ("paula@operator.test", "platform-admin"),
    ] {
        let (status, got, b) = sign_in_as(&app, email, "").await;
        assert_eq!((status, got.as_str()), (StatusCode::FORBIDDEN, code), "{email}");
        assert!(!profile_ok(&b, &app).await, "{email} is not signed in");
    }
    let users_after: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(users_before, users_after);
    // The refusal is translated (Finnish here).
    let b = browser();
    let back = at_provider(&b, &app, "nobody@espoo.test", "").await;
    let html =
        b.get(&back).header("accept-language", "fi").send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Sähköpostiosoitteellasi ei ole tunnusta"), "{html}");

    // A forged state, and the right state from another browser, are both refused; the real
    // browser can still finish its own sign-in afterwards.
    let b = browser();
    let back = at_provider(&b, &app, "maija@espoo.test", "").await;
    let forged = {
        let (base, query) = back.split_once('?').unwrap();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
        let pairs: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(k, v)| if k == "state" { (k, "forged-state".into()) } else { (k, v) })
            .collect();
        format!("{base}?{}", serde_urlencoded::to_string(pairs).unwrap())
    };
    assert_eq!(callback(&b, &forged).await, (StatusCode::BAD_REQUEST, "expired".into()));
    assert_eq!(callback(&browser(), &back).await, (StatusCode::BAD_REQUEST, "expired".into()));
    assert_eq!(callback(&b, &back).await, (StatusCode::SEE_OTHER, "/profile".into()));
    // Once used, the same callback is refused.
    assert_eq!(callback(&b, &back).await.0, StatusCode::BAD_REQUEST);

    // Groups: with a group rule, only members of the group come in.
    let mut body = settings_body(&provider.issuer, &["espoo.test"]);
    body["client_secret"] = json!("");
    body["group_claim"] = json!("groups");
    body["allowed_groups"] = json!(["tupa-staff"]);
    let (status, view) = api.put("/api/v1/orgs/espoo/sso", body).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let (status, code, _) = sign_in_as(&app, "maija@espoo.test", "other-group").await;
    assert_eq!((status, code.as_str()), (StatusCode::FORBIDDEN, "group"));
    let (status, to, _) = sign_in_as(&app, "maija@espoo.test", "x tupa-staff").await;
    assert_eq!((status, to.as_str()), (StatusCode::SEE_OTHER, "/profile"));

    // Each outcome is in the organisation's audit log.
    let actions = app.audit_actions(Some(&org.id)).await;
    assert!(actions.iter().filter(|a| *a == "sign-in").count() >= 3, "{actions:?}");
    assert!(actions.iter().filter(|a| *a == "sso-sign-in-refused").count() >= 7, "{actions:?}");
    let (details,): (String,) = sqlx::query_as(
        "SELECT details FROM audit_log WHERE action = 'sso-sign-in-refused' AND details LIKE '%unknown-account%' LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(!details.contains("nobody@"), "the address of a stranger is not kept: {details}");

    // Switched off: the start is gone and the button too.
    let mut body = settings_body(&provider.issuer, &["espoo.test"]);
    body["enabled"] = json!(false);
    assert_eq!(api.put("/api/v1/orgs/espoo/sso", body).await.0, StatusCode::OK);
    let res = browser().get(app.url("/auth/sso/espoo")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

async fn settings_are_the_main_admins_and_the_secret_never_comes_back(backend: Backend) {
    let Setup { app, org, admin, provider } = setup(backend).await;
    let adviser = app.person(&org, "adviser@espoo.test", Role::Adviser).await;
    let vantaa = app.org("vantaa", "full").await;
    let stranger = app.person(&vantaa, "admin@vantaa.test", Role::MainAdmin).await;
    let api = app.api(&admin.token);

    let (status, view) = api.get("/api/v1/orgs/espoo/sso").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["configured"], false);
    assert_eq!(view["redirect_uri"], app.url("/auth/sso/espoo/callback"));

    // A bad issuer (the page shows every problem at once; the API names the first).
    let (status, err) = api
        .put(
            "/api/v1/orgs/espoo/sso",
            json!({"label": "X", "issuer": "ftp://idp", "client_id": "c", "email_domains": []}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_eq!(err["field"], "issuer", "{err}");

    let (status, view) =
        api.put("/api/v1/orgs/espoo/sso", settings_body(&provider.issuer, &["@Espoo.Test"])).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["secret_set"], true);
    assert_eq!(view["email_domains"], json!(["espoo.test"]));
    assert!(!view.to_string().contains(SECRET), "the secret is write-only");
    let (stored,): (String,) =
        sqlx::query_as("SELECT client_secret FROM staff_sso WHERE org_id = $1")
            .bind(&org.id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_ne!(stored, SECRET, "stored encrypted");
    assert_eq!(tupa_core::secrets::decrypt(&app.settings, &stored).unwrap(), SECRET);

    // Others: an adviser of espoo is forbidden, another organisation's admin finds nothing.
    let (status, _) = app.api(&adviser.token).get("/api/v1/orgs/espoo/sso").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .api(&stranger.token)
        .put("/api/v1/orgs/espoo/sso", settings_body(&provider.issuer, &["evil.test"]))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The page: the addresses to register, the saved values, never the secret; a save from
    // the form with the secret left empty keeps it.
    let b = app.signed_in(&admin).await;
    let (status, html) = b.get_text("/orgs/espoo/sso").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&app.url("/auth/sso/espoo/callback")), "{html}");
    assert!(html.contains("Espoo Entra ID") && !html.contains(SECRET));
    let res = b
        .post(
            "/orgs/espoo/sso",
            &[
                ("enabled", "true"),
                ("label", "Espoo Keycloak"),
                ("issuer", &provider.issuer),
                ("client_id", CLIENT_ID),
                ("client_secret", ""),
                ("email_domains", "espoo.test esbo.test"),
                ("group_claim", ""),
                ("allowed_groups", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, view) = api.get("/api/v1/orgs/espoo/sso").await;
    assert_eq!(view["label"], "Espoo Keycloak");
    assert_eq!(view["email_domains"], json!(["espoo.test", "esbo.test"]));
    let (kept,): (String,) =
        sqlx::query_as("SELECT client_secret FROM staff_sso WHERE org_id = $1")
            .bind(&org.id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(tupa_core::secrets::decrypt(&app.settings, &kept).unwrap(), SECRET);
    // A form with a problem says so on the page.
    let (status, html) = b
        .post_text(
            "/orgs/espoo/sso",
            &[("label", "X"), ("issuer", "not a url"), ("client_id", "c"), ("email_domains", "")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["issuer", "email_domains"] {
        assert!(html.contains(&format!("f-{field}-error")), "{field}: {html}");
    }

    let (status, _) = api.call(reqwest::Method::DELETE, "/api/v1/orgs/espoo/sso", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let actions = app.audit_actions(Some(&org.id)).await;
    for a in ["sso-settings-saved", "sso-settings-cleared"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
}
