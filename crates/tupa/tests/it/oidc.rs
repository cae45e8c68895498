//! Strong identification of clients against a real OpenID provider: the npm package
//! `oidc-provider` configured to the FTN profile (e2e/oidc-provider/server.js: signed request
//! objects required, private_key_jwt, ID tokens and userinfo signed and encrypted, FTN acr
//! values, pairwise subjects), driven through its login form like a browser would.
//! Refusals that need tokens the provider would never make (an unknown signing key, a wrong
//! nonce, another audience) are in tupa-core's unit tests (identity::oidc).

use std::process::Stdio;

use reqwest::{Client, StatusCode, redirect};
use tokio::io::{AsyncBufReadExt, BufReader};
use tupa_core::config::Environment;
use tupa_core::identity::ftn::{self, FtnConfig, LOA2, LOA3};
use tupa_core::identity::oidc::jose::unb64;

use crate::both_backends;
use crate::helpers::{Backend, Options, TestApp, spawn, spawn_with};

both_backends!(
    a_client_identifies_through_the_ftn_provider,
    an_acr_below_the_accepted_levels_is_refused,
    keys_are_shared_by_instances_and_rotation_keeps_the_old_ones_published,
    test_identification_in_training_only
);

const CLIENT_ID: &str = "tupa-test-client";

/// The test provider, a child process that ends with the test (and with this process:
/// it exits when its standard input closes).
pub(crate) struct Provider {
    pub(crate) issuer: String,
    _child: tokio::process::Child,
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Provider {
    async fn start(port: u16, tupa: &str) -> Provider {
        Provider::start_with(port, tupa, &[]).await
    }

    /// The provider with more flags (the staff client of `staff_sso`).
    pub(crate) async fn start_with(port: u16, tupa: &str, more: &[&str]) -> Provider {
        let e2e = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../e2e");
        assert!(
            e2e.join("node_modules/oidc-provider").is_dir(),
            "the test OpenID provider needs its npm packages: run `npm ci` in e2e/"
        );
        let mut child = tokio::process::Command::new("node")
            .arg(e2e.join("oidc-provider/server.js"))
            .args(["--port", &port.to_string(), "--client-id", CLIENT_ID])
            .args(["--redirect-uri", &format!("{tupa}/auth/oidc/callback")])
            .args(["--tupa-jwks", &format!("{tupa}/oidc/jwks.json")])
            .args(more)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("node is installed");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = tokio::time::timeout(std::time::Duration::from_secs(30), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if line.starts_with("oidc-provider ready") {
                    return true;
                }
            }
            false
        })
        .await;
        assert_eq!(ready.ok(), Some(true), "the test provider did not start");
        Provider { issuer: format!("http://127.0.0.1:{port}"), _child: child }
    }
}

/// Tupa configured for a provider that will listen on a port chosen now, and that provider.
async fn tupa_with_provider(backend: Backend, acr: &str) -> (TestApp, Provider) {
    let port = free_port();
    let app = spawn_with(
        backend,
        Options {
            oidc: Some(FtnConfig {
                issuer: format!("http://127.0.0.1:{port}"),
                client_id: CLIENT_ID.into(),
                acr: FtnConfig::parse_acr(Some(acr)),
                person_claim: ftn::DEFAULT_PERSON_CLAIM.into(),
            }),
            ..Options::default()
        },
    )
    .await;
    let provider = Provider::start(port, &app.base).await;
    (app, provider)
}

/// A browser: cookies on, following redirects except into Tupa's callback and out of it,
/// so the test sees the callback's address and answer.
fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::custom(|attempt| {
            let from_callback =
                attempt.previous().last().is_some_and(|u| u.path() == "/auth/oidc/callback");
            if attempt.url().path() == "/auth/oidc/callback" || from_callback {
                attempt.stop()
            } else {
                attempt.follow()
            }
        }))
        .build()
        .unwrap()
}

/// Starts identification at Tupa and arrives at the provider's login page; its address.
async fn to_login_page(b: &Client, app: &TestApp, next: &str) -> String {
    let res = b.get(format!("{}/auth/oidc/start?next={next}", app.base)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the provider's login page");
    let url = res.url().to_string();
    let html = res.text().await.unwrap();
    assert!(html.contains("Test identification provider"), "{html}");
    url
}

/// Chooses a persona and level on the provider's form; the callback address it sends back.
async fn identify_at_provider(b: &Client, login: &str, persona: &str, acr: &str) -> String {
    let res = b
        .post(format!("{login}/login"))
        .form(&[("persona", persona), ("acr", acr)])
        .send()
        .await
        .unwrap();
    callback_location(res)
}

fn callback_location(res: reqwest::Response) -> String {
    assert!(res.status().is_redirection(), "{:?} {}", res.status(), res.url());
    let to = res.headers()[reqwest::header::LOCATION].to_str().unwrap().to_string();
    assert!(to.contains("/auth/oidc/callback?"), "{to}");
    to
}

/// Follows the callback; (status, Location or the page's refusal code).
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

async fn signed_in(b: &Client, app: &TestApp) -> bool {
    let res = b.get(format!("{}/profile", app.base)).send().await.unwrap();
    res.status() == StatusCode::OK && res.url().path() == "/profile"
}

/// The state inside the signed request object of an authorization redirect.
fn state_of(authorization_url: &str) -> String {
    let request = url_param(authorization_url, "request").expect("a request object");
    let payload = request.split('.').nth(1).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&unb64(payload).unwrap()).unwrap();
    claims["state"].as_str().unwrap().to_string()
}

fn url_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap()
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

async fn a_client_identifies_through_the_ftn_provider(backend: Backend) {
    let (app, provider) = tupa_with_provider(backend, "").await;

    // The authorization request is a signed request object only (JAR) with PKCE inside.
    let res = Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/auth/oidc/start?next=/profile", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()[reqwest::header::LOCATION].to_str().unwrap();
    assert!(to.starts_with(&provider.issuer), "{to}");
    let request = url_param(to, "request").unwrap();
    let header: serde_json::Value =
        serde_json::from_slice(&unb64(request.split('.').next().unwrap()).unwrap()).unwrap();
    assert_eq!(header["alg"], "RS256");
    assert!(header["kid"].is_string());
    let claims: serde_json::Value =
        serde_json::from_slice(&unb64(request.split('.').nth(1).unwrap()).unwrap()).unwrap();
    assert_eq!(claims["iss"], CLIENT_ID);
    assert_eq!(claims["aud"], provider.issuer.as_str());
    assert_eq!(claims["code_challenge_method"], "S256");
    assert_eq!(claims["acr_values"], format!("{LOA3} {LOA2}"));
    assert!(claims["exp"].is_i64() && claims["jti"].is_string() && claims["nonce"].is_string());
    assert!(url_param(to, "state").is_none(), "the state travels only inside the signed object");

    // Anna identifies (loa3); her identity code comes in the encrypted ID token.
    let b = browser();
    let login = to_login_page(&b, &app, "/profile").await;
    let back = identify_at_provider(&b, &login, "anna", LOA3).await;
    let (status, to) = callback(&b, &back).await;
    assert_eq!((status, to.as_str()), (StatusCode::SEE_OTHER, "/profile"));
    assert!(signed_in(&b, &app).await);

    let pool = app.db.pool();
    let (user_id, subject, hash): (String, String, Option<String>) = sqlx::query_as(
        "SELECT user_id, subject, person_hash FROM external_identities WHERE issuer = $1",
    )
    .bind(&provider.issuer)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_ne!(subject, "anna", "pairwise subject, not the account id");
    assert_eq!(hash.unwrap(), ftn::person_hash(&app.settings, "010190-900P").unwrap());
    let (email, name): (String, String) =
        sqlx::query_as("SELECT email, display_name FROM users WHERE id = $1")
            .bind(&user_id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(name, "Anna Asiakas");
    assert!(email.ends_with("@client.invalid"));
    let roles: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM org_people WHERE user_id = $1")
        .bind(&user_id)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(roles.0, 0, "a client has no organisation role");
    // The level and time of identification are on the session and in the audit log.
    let (acr, at): (Option<String>, Option<i64>) =
        sqlx::query_as("SELECT acr, identified_at FROM user_sessions WHERE user_id = $1")
            .bind(&user_id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(acr.as_deref(), Some(LOA3));
    assert!((tupa_core::db::now() - at.unwrap()).abs() < 120);
    let (details,): (String,) = sqlx::query_as(
        "SELECT details FROM audit_log WHERE action = 'client-identified' AND actor_user_id = $1",
    )
    .bind(&user_id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert!(details.contains(LOA3) && details.contains("identified_at"), "{details}");
    // The identity code is nowhere in full.
    for (table, column) in [("users", "email"), ("users", "display_name"), ("audit_log", "details")]
    {
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE {column} LIKE '%010190%'"
        )))
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(n, 0, "{table}.{column}");
    }

    // A replayed callback: the state was used up.
    let b2 = browser();
    let (status, code) = callback(&b2, &back).await;
    assert_eq!((status, code.as_str()), (StatusCode::BAD_REQUEST, "expired"));
    // The same browser replaying it fares no better.
    let (status, code) = callback(&b, &back).await;
    assert_eq!((status, code.as_str()), (StatusCode::BAD_REQUEST, "expired"));

    // A replayed code under a fresh state (a flow really started in this browser): the
    // provider refuses the used code.
    let no_follow = Client::builder().redirect(redirect::Policy::none()).build().unwrap();
    let r = no_follow.get(format!("{}/auth/oidc/start?next=/", app.base)).send().await.unwrap();
    let flow_cookie = r
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("tupa_oidc_flow="))
        .unwrap();
    let fresh_state = state_of(r.headers()[reqwest::header::LOCATION].to_str().unwrap());
    let old_code = url_param(&back, "code").unwrap();
    let replay_url = format!(
        "{}/auth/oidc/callback?{}",
        app.base,
        serde_urlencoded::to_string([("code", &old_code), ("state", &fresh_state)]).unwrap()
    );
    let res = Client::new()
        .get(&replay_url)
        .header(reqwest::header::COOKIE, &flow_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("data-refusal=\"invalid\""));

    // Anna again: the same account. Ville's identity code comes only from (encrypted) userinfo.
    let b = browser();
    let login = to_login_page(&b, &app, "/").await;
    let back = identify_at_provider(&b, &login, "anna", LOA2).await;
    assert_eq!(callback(&b, &back).await.0, StatusCode::SEE_OTHER);
    let b = browser();
    let login = to_login_page(&b, &app, "/").await;
    let back = identify_at_provider(&b, &login, "ville", LOA3).await;
    assert_eq!(callback(&b, &back).await.0, StatusCode::SEE_OTHER);
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT user_id, person_hash FROM external_identities WHERE issuer = $1")
            .bind(&provider.issuer)
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 2, "one identity each for Anna and Ville: {rows:?}");
    let ville = ftn::person_hash(&app.settings, "311285-9119").unwrap();
    let anna = ftn::person_hash(&app.settings, "010190-900P").unwrap();
    assert!(rows.iter().any(|r| r.0 == user_id && r.1.as_deref() == Some(anna.as_str())));
    assert!(rows.iter().any(|r| r.0 != user_id && r.1.as_deref() == Some(ville.as_str())));

    // Cancelling at the provider.
    let b = browser();
    let login = to_login_page(&b, &app, "/").await;
    let res = b.post(format!("{login}/abort")).send().await.unwrap();
    let back = callback_location(res);
    let (status, code) = callback(&b, &back).await;
    assert_eq!((status, code.as_str()), (StatusCode::OK, "cancelled"));
    assert!(!signed_in(&b, &app).await);

    // A response that names another issuer (RFC 9207, mix-up) is refused.
    let b = browser();
    let login = to_login_page(&b, &app, "/").await;
    let back = identify_at_provider(&b, &login, "anna", LOA3).await;
    let mixed = back.replace(
        &url_param(&back, "iss").unwrap().replace(':', "%3A").replace('/', "%2F"),
        "https%3A%2F%2Fevil.test",
    );
    assert_ne!(mixed, back);
    let (status, code) = callback(&b, &mixed).await;
    assert_eq!((status, code.as_str()), (StatusCode::BAD_REQUEST, "invalid"));

    // A callback in a browser that did not start the flow is refused (login CSRF).
    let b = browser();
    let login = to_login_page(&b, &app, "/").await;
    let back = identify_at_provider(&b, &login, "anna", LOA3).await;
    let (status, code) = callback(&browser(), &back).await;
    assert_eq!((status, code.as_str()), (StatusCode::BAD_REQUEST, "expired"));
    // … and does not spoil the flow for the browser that started it.
    let (status, to) = callback(&b, &back).await;
    assert_eq!((status, to.as_str()), (StatusCode::SEE_OTHER, "/"));
}

async fn an_acr_below_the_accepted_levels_is_refused(backend: Backend) {
    let (app, _provider) = tupa_with_provider(backend, LOA3).await;
    let b = browser();
    let login = to_login_page(&b, &app, "/").await;
    let back = identify_at_provider(&b, &login, "anna", LOA2).await;
    let (status, code) = callback(&b, &back).await;
    assert_eq!((status, code.as_str()), (StatusCode::FORBIDDEN, "acr"));
    assert!(!signed_in(&b, &app).await);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM external_identities")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
    // A flow left too long: its state has expired.
    let no_follow = Client::builder().redirect(redirect::Policy::none()).build().unwrap();
    let r = no_follow.get(format!("{}/auth/oidc/start?next=/", app.base)).send().await.unwrap();
    let cookie = r
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("tupa_oidc_flow="))
        .unwrap();
    let state = state_of(r.headers()[reqwest::header::LOCATION].to_str().unwrap());
    sqlx::query("UPDATE oidc_flows SET expires_at = $1")
        .bind(tupa_core::db::now() - 1)
        .execute(app.db.pool())
        .await
        .unwrap();
    let res = Client::new()
        .get(format!("{}/auth/oidc/callback?code=x&state={state}", app.base))
        .header(reqwest::header::COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("data-refusal=\"expired\""));

    // The strong level passes.
    let b = browser();
    let login = to_login_page(&b, &app, "/").await;
    let back = identify_at_provider(&b, &login, "anna", LOA3).await;
    assert_eq!(callback(&b, &back).await.0, StatusCode::SEE_OTHER);
    assert!(signed_in(&b, &app).await);
}

async fn jwks(base: &str) -> serde_json::Value {
    let res = reqwest::get(format!("{base}/oidc/jwks.json")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

fn kids(set: &serde_json::Value) -> Vec<String> {
    set["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap().to_string()).collect()
}

async fn keys_are_shared_by_instances_and_rotation_keeps_the_old_ones_published(backend: Backend) {
    let app = spawn(backend).await;
    let second = app.second_server().await;
    // Both instances ask at once: the keys are made once, on first use, and shared.
    let (a, b) = tokio::join!(jwks(&app.base), jwks(&second));
    assert_eq!(kids(&a), kids(&b));
    let keys = a["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2, "{a}");
    let uses: Vec<(&str, &str)> =
        keys.iter().map(|k| (k["use"].as_str().unwrap(), k["alg"].as_str().unwrap())).collect();
    assert!(uses.contains(&("sig", "RS256")) && uses.contains(&("enc", "RSA-OAEP-256")));
    for k in keys {
        assert_eq!(k["kty"], "RSA");
        assert!(k.get("d").is_none() && k.get("p").is_none(), "no private parts: {k}");
        assert!(k["n"].as_str().unwrap().len() >= 342, "2048 bits or more");
    }
    let (stored,): (String,) = sqlx::query_as("SELECT private_key FROM oidc_keys LIMIT 1")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(stored.starts_with("v1."), "private keys are stored encrypted");

    let old = kids(&a);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tupa"))
        .args(["oidc", "rotate-keys"])
        .env("DATABASE_URL", &app.database_url)
        .env("TUPA_DATA_DIR", std::env::temp_dir())
        .env("TUPA_SECRET_KEY", app.settings.secret_key.as_ref().unwrap().to_base64())
        .env_remove("TUPA_CONFIG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("7 days"));
    let after = kids(&jwks(&second).await);
    assert_eq!(after.len(), 4, "{after:?}");
    assert!(old.iter().all(|k| after.contains(k)), "the old keys stay published");
    assert!(!old.contains(&after[0]) && !old.contains(&after[1]), "the new keys come first");
    // The new signing key signs: a request object names it.
    let keys = tupa_core::identity::oidc::keys::load(&app.db, &app.settings).await.unwrap();
    assert!(after.contains(&keys.signing.kid) && !old.contains(&keys.signing.kid));
    assert_eq!(keys.decryption.len(), 2, "the old encryption key still decrypts");
}

async fn test_identification_in_training_only(backend: Backend) {
    let app = spawn(backend).await;
    let b = browser();
    // No provider configured: start sends to the test identification.
    let res = b.get(format!("{}/auth/oidc/start?next=/profile", app.base)).send().await.unwrap();
    assert_eq!(res.url().path(), "/auth/test-identification");
    let html = res.text().await.unwrap();
    assert!(html.contains("Testitunnistus") || html.contains("Test identification"), "{html}");
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    let res = b
        .post(format!("{}/auth/test-identification", app.base))
        .form(&[("csrf", csrf), ("persona", "anna"), ("next", "/profile")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.url().path(), "/profile");
    assert!(signed_in(&b, &app).await);
    let (issuer,): (String,) = sqlx::query_as("SELECT issuer FROM external_identities")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(issuer, ftn::TEST_ISSUER);

    // A person invited to an existing account (a space's client_email) is linked to it.
    let mut tx = app.db.begin().await.unwrap();
    let email = tupa_core::identity::Email::parse("sanna@example.fi").unwrap();
    let (invited, _) =
        tupa_core::identity::find_or_create(&mut tx, &email, "Sanna S.").await.unwrap();
    tx.commit().await.unwrap();
    let client = tupa_core::identity::signin::Client { ip: "127.0.0.1".into(), user_agent: None };
    let sanna = ftn::test_person("sanna").unwrap();
    let (user, _, _) =
        ftn::sign_in_client(&app.db, &app.settings, &sanna, Some(&invited.id), &client)
            .await
            .unwrap();
    assert_eq!(user.id, invited.id);
    // Next time the identity alone finds the account.
    let (again, _, _) =
        ftn::sign_in_client(&app.db, &app.settings, &sanna, None, &client).await.unwrap();
    assert_eq!(again.id, invited.id);

    let prod =
        spawn_with(backend, Options { environment: Environment::Production, ..Options::default() })
            .await;
    for path in ["/auth/test-identification?next=/", "/auth/oidc/start?next=/"] {
        let res = Client::new().get(format!("{}{path}", prod.base)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // Even a well-formed post (with its CSRF token) is refused.
    let b = browser();
    let html = b.get(format!("{}/sign-in", prod.base)).send().await.unwrap().text().await.unwrap();
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    let res = b
        .post(format!("{}/auth/test-identification", prod.base))
        .form(&[("csrf", csrf), ("persona", "anna"), ("next", "/profile")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(!signed_in(&b, &prod).await);
}
