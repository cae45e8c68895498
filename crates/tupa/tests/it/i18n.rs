//! Language: profile setting, then the switch (cookie), then Accept-Language; `<html lang>`
//! follows; API messages come in the caller's language.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, location, spawn};

both_backends!(language_is_chosen_by_profile_switch_and_header);

async fn language_is_chosen_by_profile_switch_and_header(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    // Accept-Language when nothing else is known; Finnish by default.
    let c = reqwest::Client::new();
    let html = c
        .get(app.url("/sign-in"))
        .header("accept-language", "sv-FI,sv;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"sv\">") && html.contains("Logga in"));
    let html = c.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"fi\">") && html.contains("Kirjaudu sisään"));

    // The switch sets a cookie that beats the header.
    let b = app.browser().await;
    let res = b.post("/language", &[("lang", "sv"), ("next", "/sign-in")]).await;
    assert_eq!(location(&res), "/sign-in");
    let html = b
        .client
        .get(app.url("/sign-in"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"sv\">"));

    // A signed-in person's profile language wins, and the switch saves it to the profile.
    let org = app.org("vaasa", "full").await;
    let p = app.person(&org, "p@vaasa.test", Role::Adviser).await;
    let s = app.signed_in(&p).await;
    s.post("/language", &[("lang", "en"), ("next", "/")]).await;
    let (_, html) = s.get_text("/").await;
    assert!(html.contains("<html lang=\"en\">"));
    let user = tupa_core::identity::get(&app.db, &p.id).await.unwrap();
    assert_eq!(user.locale.as_deref(), Some("en"));

    // API errors in the caller's language.
    let mut api = app.api(&p.token);
    api.lang = Some("fi");
    let (st, body) = api.patch("/api/v1/me", json!({"language": "de"})).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "language-invalid");
    let (_, me) = api.patch("/api/v1/me", json!({"language": "sv"})).await;
    assert_eq!(me["language"], "sv");
    let (_, body) = api.get("/api/v1/orgs/nowhere").await;
    assert!(
        body["message"].as_str().unwrap().contains("hittades inte"),
        "profile language (sv) wins: {body}"
    );
}
