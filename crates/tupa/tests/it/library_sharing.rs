//! The operator's library items in fi/sv/en titles, shared into guidance spaces like an
//! organisation's own materials, and retired: gone from the lists, kept in the spaces.

use base64::Engine;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(operator_items_have_titles_per_language_are_shared_and_retired);

fn pdf(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("%PDF-1.7\n% {text}\n%%EOF\n"))
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

async fn operator_items_have_titles_per_language_are_shared_and_retired(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("lib-a", "full").await;
    let b = app.org("lib-b", "full").await;
    let counsellor = app.person(&a, "ohjaaja@a.test", Role::Counsellor).await;
    let b_counsellor = app.person(&b, "ohjaaja@b.test", Role::Counsellor).await;
    let operator = app.api(&op.token);

    // Titles in three languages; a reader without theirs gets the Finnish one.
    let (s, item) = operator
        .post(
            "/api/v1/materials",
            json!({"title": "Tukiopas", "title_sv": "Stödguide", "title_en": "Support guide",
                   "audience": "clients",
                   "files": [{"lang": "fi", "filename": "opas.pdf", "content_base64": pdf("fi")},
                             {"lang": "sv", "filename": "guide.pdf", "content_base64": pdf("sv")}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{item}");
    let id = item["id"].as_str().unwrap().to_string();
    let (s, only_fi) = operator
        .post(
            "/api/v1/materials",
            json!({"title": "Henkilöstöohje", "audience": "staff",
                   "files": [{"lang": "fi", "url": "https://example.fi/ohje"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{only_fi}");
    let mut sv = app.api(&counsellor.token);
    sv.lang = Some("sv");
    let (_, list) = sv.get("/api/v1/materials").await;
    let titles: Vec<&str> =
        list.as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Stödguide"), "{list}");
    assert!(titles.contains(&"Henkilöstöohje"), "Finnish fallback: {list}");
    let mut en = app.api(&counsellor.token);
    en.lang = Some("en");
    let (_, one) = en.get(&format!("/api/v1/materials/{id}")).await;
    assert_eq!(
        (one["title"].as_str(), one["title_fi"].as_str()),
        (Some("Support guide"), Some("Tukiopas"))
    );
    // An over-long Swedish title is refused at its field.
    let (s, body) = operator
        .post(
            "/api/v1/materials",
            json!({"title": "T", "title_sv": "x".repeat(201), "audience": "staff",
                   "files": [{"lang": "fi", "url": "https://example.fi/"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["field"], "title_sv", "{body}");

    // The counsellor shares the item into a space, in the counsellor's language.
    let (s, space) = sv
        .post(
            "/api/v1/orgs/lib-a/spaces",
            json!({"title": "Ohjaus", "client_email": "asiakas@example.fi"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{space}");
    let space_id = space["id"].as_str().unwrap().to_string();
    let (s, shared) = sv
        .post(&format!("/api/v1/spaces/{space_id}/materials"), json!({"library_item_id": id}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{shared}");
    assert_eq!(shared["title"], "Stödguide", "{shared}");
    assert_eq!(shared["library_item_id"], id.as_str());
    let material_id = shared["id"].as_str().unwrap().to_string();
    let (s, _) = sv
        .post(&format!("/api/v1/spaces/{space_id}/materials"), json!({"library_item_id": id}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "shared once");
    // A staff item is not for clients; another organisation's counsellor cannot reach A's
    // space; the copy is not in A's own library list.
    let (s, body) = sv
        .post(
            &format!("/api/v1/spaces/{space_id}/materials"),
            json!({"library_item_id": only_fi["id"]}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("material-unknown"))
    );
    let (s, _) = app
        .api(&b_counsellor.token)
        .post(&format!("/api/v1/spaces/{space_id}/materials"), json!({"library_item_id": id}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, own) = app.api(&counsellor.token).get("/api/v1/orgs/lib-a/materials").await;
    assert!(!ids(&own).contains(&material_id), "{own}");

    // Retired: gone from the list and the item's page, refused for sharing, kept in the space.
    let (s, _) = app
        .api(&counsellor.token)
        .call(reqwest::Method::DELETE, &format!("/api/v1/materials/{id}"), None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "only the operator retires");
    let (s, _) =
        operator.call(reqwest::Method::DELETE, &format!("/api/v1/materials/{id}"), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) =
        operator.call(reqwest::Method::DELETE, &format!("/api/v1/materials/{id}"), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = sv.get("/api/v1/materials").await;
    assert!(!ids(&list).contains(&id), "{list}");
    let (s, _) = sv.get(&format!("/api/v1/materials/{id}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, space2) = sv
        .post(
            "/api/v1/orgs/lib-a/spaces",
            json!({"title": "Toinen", "client_email": "b@example.fi"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = sv
        .post(
            &format!("/api/v1/spaces/{}/materials", space2["id"].as_str().unwrap()),
            json!({"library_item_id": id}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, in_space) = sv.get(&format!("/api/v1/spaces/{space_id}/materials")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(ids(&in_space).contains(&material_id), "kept in the space: {in_space}");
}
