//! General texts for ads: main admins manage them (page and API), recruiters read them, and
//! nobody else reaches them.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(
    main_admins_manage_general_texts_and_recruiters_read_them,
    general_texts_page_keeps_what_was_typed
);

async fn main_admins_manage_general_texts_and_recruiters_read_them(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let admin = app.person(&org, "paakayttaja@espoo.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekrytoija@espoo.test", Role::Recruiter).await;
    let adviser = app.person(&org, "neuvoja@espoo.test", Role::Adviser).await;
    let api = app.api(&admin.token);

    let (s, created) = api
        .post("/api/v1/orgs/espoo/recruitment/texts", json!({"name": "Rikostaustaote", "texts": {"fi": "Tehtävä edellyttää rikostaustaotetta.", "sv": "Uppgiften kräver straffregisterutdrag.", "en": " "}}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(
        created["texts"],
        json!({"fi": "Tehtävä edellyttää rikostaustaotetta.", "sv": "Uppgiften kräver straffregisterutdrag."}),
        "an empty language is left out"
    );
    let (s, _) = api
        .post(
            "/api/v1/orgs/espoo/recruitment/texts",
            json!({"name": "Tietoa meistä", "texts": {"fi": "Espoo on…"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    // Names are unique among the texts in use.
    let (s, err) = api
        .post(
            "/api/v1/orgs/espoo/recruitment/texts",
            json!({"name": "rikostaustaote", "texts": {"fi": "x"}}),
        )
        .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("recruitment-text-name-taken"))
    );
    let (s, err) = api
        .post("/api/v1/orgs/espoo/recruitment/texts", json!({"name": "Tyhjä", "texts": {}}))
        .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("recruitment-text-language-required"))
    );

    // Recruiters read them (by name), but do not change them.
    let rec = app.api(&recruiter.token);
    let (s, list) = rec.get("/api/v1/orgs/espoo/recruitment/texts").await;
    assert_eq!(s, StatusCode::OK);
    let names: Vec<&str> =
        list.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Rikostaustaote", "Tietoa meistä"]);
    let (s, _) = rec
        .post("/api/v1/orgs/espoo/recruitment/texts", json!({"name": "Oma", "texts": {"fi": "x"}}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = rec
        .put(
            &format!("/api/v1/orgs/espoo/recruitment/texts/{id}"),
            json!({"name": "Muutettu", "texts": {"fi": "x"}}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Nor do people outside recruitment see them.
    let (s, _) = app.api(&adviser.token).get("/api/v1/orgs/espoo/recruitment/texts").await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Changed, then retired: no longer offered, still there when asked.
    let (s, changed) = api.put(&format!("/api/v1/orgs/espoo/recruitment/texts/{id}"), json!({"name": "Rikostaustaote", "texts": {"fi": "Valitun on esitettävä rikostaustaote.", "en": "A criminal record extract is required."}})).await;
    assert_eq!(s, StatusCode::OK, "{changed}");
    assert!(changed["texts"].get("sv").is_none());
    let (s, _) = api
        .call(reqwest::Method::DELETE, &format!("/api/v1/orgs/espoo/recruitment/texts/{id}"), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, list) = rec.get("/api/v1/orgs/espoo/recruitment/texts").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let (_, all) = api.get("/api/v1/orgs/espoo/recruitment/texts?retired=true").await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    let (s, _) = api
        .put(
            &format!("/api/v1/orgs/espoo/recruitment/texts/{id}"),
            json!({"name": "Uusi", "texts": {"fi": "x"}}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "a retired text is not edited");
    // Its name is free again.
    let (s, _) = api
        .post(
            "/api/v1/orgs/espoo/recruitment/texts",
            json!({"name": "Rikostaustaote", "texts": {"fi": "Uusi versio."}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(
        app.audit_actions(Some(&org.id)).await.contains(&"recruitment-text-retired".to_string())
    );

    // Another organisation's main admin reaches none of it.
    let other = app.org("vantaa", "full").await;
    let intruder = app.person(&other, "paakayttaja@vantaa.test", Role::MainAdmin).await;
    let (_, mine) = api.get("/api/v1/orgs/espoo/recruitment/texts").await;
    let their_id = mine[0]["id"].as_str().unwrap();
    let x = app.api(&intruder.token);
    assert_eq!(x.get("/api/v1/orgs/espoo/recruitment/texts").await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        x.get(&format!("/api/v1/orgs/vantaa/recruitment/texts/{their_id}")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        x.put(
            &format!("/api/v1/orgs/vantaa/recruitment/texts/{their_id}"),
            json!({"name": "Kaapattu", "texts": {"fi": "x"}})
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        x.call(
            reqwest::Method::DELETE,
            &format!("/api/v1/orgs/vantaa/recruitment/texts/{their_id}"),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let (_, still) = api.get(&format!("/api/v1/orgs/espoo/recruitment/texts/{their_id}")).await;
    assert_ne!(still["name"], "Kaapattu");
    // A plan without recruitment has none.
    let desk_only = app.org("kunta", "desk").await;
    let kunta_admin = app.person(&desk_only, "paakayttaja@kunta.test", Role::MainAdmin).await;
    let (s, _) = app.api(&kunta_admin.token).get("/api/v1/orgs/kunta/recruitment/texts").await;
    assert!(s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND, "{s}");
}

async fn general_texts_page_keeps_what_was_typed(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let admin = app.person(&org, "paakayttaja@espoo.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekrytoija@espoo.test", Role::Recruiter).await;
    let browser = app.signed_in(&admin).await;
    let (s, html) = browser.get_text("/orgs/espoo/recruitment/texts").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Ilmoitusten yleiset tekstit"));

    // No text in any language: refused, with the typed name kept and the summary linking the field.
    let res = browser
        .post(
            "/orgs/espoo/recruitment/texts",
            &[("name", "Tietoa meistä"), ("texts.fi", "  "), ("texts.sv", ""), ("texts.en", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("href=\"#f-texts.fi\"")
            && html.contains("id=\"f-texts.fi\"")
            && html.contains("value=\"Tietoa meistä\""),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""));

    let long = "Espoo on Suomen toiseksi suurin kaupunki.\n\nTyöskentelemme asukkaiden parhaaksi.";
    let res = browser
        .post(
            "/orgs/espoo/recruitment/texts",
            &[("name", "Tietoa meistä"), ("texts.fi", long), ("texts.sv", ""), ("texts.en", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, list) = app.api(&admin.token).get("/api/v1/orgs/espoo/recruitment/texts").await;
    let id = list[0]["id"].as_str().unwrap().to_string();
    assert_eq!(list[0]["texts"]["fi"], long);

    // A failed edit reopens that text's form with what was typed.
    let res = browser
        .post(
            &format!("/orgs/espoo/recruitment/texts/{id}"),
            &[("name", ""), ("texts.fi", "Muokattu teksti"), ("texts.sv", ""), ("texts.en", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Muokattu teksti")
            && html.contains("href=\"#f-name\"")
            && html.contains("<details class=\"card\" open>"),
        "{html}"
    );

    // Recruiters see the texts, without forms.
    let rb = app.signed_in(&recruiter).await;
    let (s, html) = rb.get_text("/orgs/espoo/recruitment/texts").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("Espoo on Suomen toiseksi suurin kaupunki.")
            && !html.contains(&format!("/recruitment/texts/{id}/retire")),
        "{html}"
    );
    let res = rb.post(&format!("/orgs/espoo/recruitment/texts/{id}/retire"), &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // Retired from the page.
    let res = browser.post(&format!("/orgs/espoo/recruitment/texts/{id}/retire"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) =
        browser.get_text("/orgs/espoo/recruitment/texts?notice=recruitment-text-retired").await;
    assert!(
        html.contains("Yleinen teksti poistettiin käytöstä.")
            && !html.contains("Espoo on Suomen toiseksi"),
        "{html}"
    );
}
