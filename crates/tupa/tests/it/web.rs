//! HTTP plumbing: health checks, security headers, CSRF, the OpenAPI document, the outbox,
//! error pages.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::config::Environment;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, Options, location, spawn, spawn_with};

both_backends!(
    health_and_readiness,
    security_headers_and_hsts_over_tls,
    forms_and_cookie_api_calls_need_the_csrf_token,
    openapi_document_lists_the_routes,
    outbox_is_for_platform_admins,
    unknown_pages_get_a_translated_error_page,
    client_address_from_the_load_balancer_only_when_trusted,
);

async fn client_address_from_the_load_balancer_only_when_trusted(backend: Backend) {
    for trust in [false, true] {
        let app =
            spawn_with(backend, Options { trust_forwarded_for: trust, ..Options::default() }).await;
        app.operator().await;
        let org = app.org("salo", "full").await;
        let p = app.person(&org, "p@salo.test", Role::Adviser).await;
        let b = app.browser().await;
        b.client
            .post(app.url("/sign-in"))
            .header("x-forwarded-for", "203.0.113.9, 198.51.100.7")
            .form(&[
                ("email", p.email.as_str()),
                ("password", "wrong password!"),
                ("csrf", b.csrf.as_str()),
            ])
            .send()
            .await
            .unwrap();
        let entry = tupa_core::audit::list(&app.db, None, 10, None)
            .await
            .unwrap()
            .into_iter()
            .find(|e| e.action == "sign-in-failed")
            .unwrap();
        let expected = if trust { "198.51.100.7" } else { "127.0.0.1" };
        assert_eq!(entry.ip.as_deref(), Some(expected), "trust_forwarded_for = {trust}");
    }
}

async fn health_and_readiness(backend: Backend) {
    let app = spawn(backend).await;
    let res = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["status"], "ok");
    let res = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let ready = res.json::<serde_json::Value>().await.unwrap();
    assert_eq!(ready["database"], "ok");
    // Ready, but told when PostgreSQL runs without autovacuum (the test server here does).
    let autovacuum: Option<(String,)> = match backend {
        Backend::Postgres => {
            sqlx::query_as("SELECT setting FROM pg_settings WHERE name = 'autovacuum'")
                .fetch_optional(app.db.pool())
                .await
                .unwrap()
        }
        Backend::Sqlite => None,
    };
    let warned = ready["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().starts_with("autovacuum is off"));
    assert_eq!(warned, autovacuum.is_some_and(|(v,)| v == "off"), "{ready}");
    // Migrating left the planner its statistics, whether or not autovacuum comes round.
    match backend {
        Backend::Sqlite => {
            let (n,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'",
            )
            .fetch_one(app.db.pool())
            .await
            .unwrap();
            assert_eq!(n, 1, "ANALYZE ran");
        }
        Backend::Postgres => {
            let (tuples,): (i64,) = sqlx::query_as(
                "SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE relname = 'tickets'",
            )
            .fetch_one(app.db.pool())
            .await
            .unwrap();
            assert!(tuples >= 0, "never analysed is -1: {tuples}");
        }
    }
    app.db.close().await;
    let res = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "database gone: not ready");
    assert_eq!(
        reqwest::get(app.url("/healthz")).await.unwrap().status(),
        StatusCode::OK,
        "but the process is up"
    );
}

async fn security_headers_and_hsts_over_tls(backend: Backend) {
    let app = spawn(backend).await;
    let res = reqwest::get(app.url("/sign-in")).await.unwrap();
    let h = res.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
            && csp.contains("frame-ancestors 'none'")
    );
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    let cookie = h["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure")
    );
    let html = res.text().await.unwrap();
    assert!(!html.contains("<script>") && !html.contains("style=\""), "no inline script or style");

    let tls = spawn_with(
        backend,
        Options {
            environment: Environment::Production,
            public_url: Some("https://tupa.example.fi".into()),
            ..Options::default()
        },
    )
    .await;
    let res = reqwest::get(tls.url("/sign-in")).await.unwrap();
    assert!(res.headers()["strict-transport-security"].to_str().unwrap().contains("max-age="));
    assert!(res.headers()["set-cookie"].to_str().unwrap().contains("Secure"));
    let html = res.text().await.unwrap();
    assert!(!html.contains("training-banner"), "no training banner in production");
}

async fn forms_and_cookie_api_calls_need_the_csrf_token(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let b = app.signed_in(&op).await;
    let url = app.url("/orgs");
    let form = [("name", "Forged"), ("slug", "forged"), ("plan", "full")];
    let res = b.client.post(&url).form(&form).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "no token");
    assert!(res.text().await.unwrap().contains("<h1>"), "a rendered error page");
    let res = b
        .client
        .post(&url)
        .form(&[
            ("name", "Forged"),
            ("slug", "forged"),
            ("plan", "full"),
            ("csrf", "x".repeat(43).as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "wrong token");
    let res = b
        .client
        .post(&url)
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("name", "Forged"),
            ("slug", "forged"),
            ("plan", "full"),
            ("csrf", b.csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "another site's request");
    assert!(
        tupa_core::organisations::by_slug(&app.db, "forged").await.unwrap().is_none(),
        "nothing was created"
    );
    // The API with the session cookie needs the token in a header; a bearer token does not.
    let api_url = app.url("/api/v1/orgs");
    let res =
        b.client.post(&api_url).json(&json!({"slug": "c1", "name": "C"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "csrf-failed");
    let res = b
        .client
        .post(&api_url)
        .header("x-csrf-token", &b.csrf)
        .json(&json!({"slug": "c1", "name": "C"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(
        app.api(&op.token).post("/api/v1/orgs", json!({"slug": "c2", "name": "C"})).await.0,
        StatusCode::CREATED
    );
    // Oversized forms are refused before parsing.
    let big = "x".repeat(300 * 1024);
    let res = b
        .client
        .post(&url)
        .form(&[("name", big.as_str()), ("csrf", b.csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn openapi_document_lists_the_routes(backend: Backend) {
    let app = spawn(backend).await;
    let doc: serde_json::Value =
        reqwest::get(app.url("/api/openapi.json")).await.unwrap().json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/me",
        "/api/v1/orgs",
        "/api/v1/orgs/{slug}/units",
        "/api/v1/orgs/{slug}/users",
        "/api/v1/plans",
        "/api/v1/outbox",
        "/api/v1/me/tokens",
    ] {
        assert!(paths.contains_key(p), "{p} documented");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    // The document is the one the server routes by: every documented GET without parameters answers (not 404/405).
    let op = app.operator().await;
    let api = app.api(&op.token);
    for (path, item) in paths {
        if item.get("get").is_some() && !path.contains('{') {
            let (s, _) = api.get(path).await;
            assert_eq!(s, StatusCode::OK, "GET {path}");
        }
    }
}

async fn outbox_is_for_platform_admins(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let org = app.org("imatra", "full").await;
    let admin = app.person(&org, "main@imatra.test", Role::MainAdmin).await;
    app.api(&admin.token).post("/api/v1/orgs/imatra/users", json!({"email": "new@imatra.test", "display_name": "Uusi", "roles": [{"role": "adviser"}]})).await;
    assert_eq!(app.api(&admin.token).get("/api/v1/outbox").await.0, StatusCode::FORBIDDEN);
    let (s, mails) = app.api(&op.token).get("/api/v1/outbox").await;
    assert_eq!(s, StatusCode::OK);
    let mail = mails
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to_address"] == "new@imatra.test")
        .unwrap()
        .clone();
    assert_eq!(mail["status"], "captured");
    assert!(mail["message_id"].as_str().unwrap().ends_with("@test.invalid>"));
    let b = app.signed_in(&op).await;
    let (s, html) = b.get_text(&format!("/outbox/{}", mail["id"].as_str().unwrap())).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("/invite/"));
    let mb = app.signed_in(&admin).await;
    assert_eq!(mb.get("/outbox").await.status(), StatusCode::FORBIDDEN);
}

async fn unknown_pages_get_a_translated_error_page(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let b = app.signed_in(&op).await;
    let (s, html) = b.get_text("/orgs/no-such-org").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(html.contains("<html lang=\"en\">") && html.contains("was not found"));
    // Routes that do not exist, wrong methods and unreadable bodies get the same treatment.
    let (s, html) = b.get_text("/no/such/page").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(html.contains("<main") && html.contains("was not found"));
    let (s, html) = b.post_text("/sign-out-typo", &[]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(html.contains("<main"));
    let (s, html) = b.post_text("/orgs", &[("name", "only a name")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("could not be read"), "missing form field: translated page");
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/orgs"))
        .bearer_auth(&op.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error());
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "request-invalid");
    let res = reqwest::Client::new()
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&op.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "method-not-allowed");
    // Signed out: pages lead to sign-in, and back after it.
    let anon = app.browser().await;
    let res = anon.get("/orgs/tupa/units").await;
    assert_eq!(location(&res), "/sign-in?next=%2Forgs%2Ftupa%2Funits");
    // A next parameter pointing elsewhere is ignored.
    let org = app.org("x-org", "full").await;
    let p = app.person(&org, "p@x.test", Role::Adviser).await;
    let res = anon
        .post(
            "/sign-in",
            &[
                ("email", p.email.as_str()),
                ("password", crate::helpers::PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/");
}
