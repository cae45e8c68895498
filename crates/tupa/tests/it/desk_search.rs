//! Full-text search in the work queue (FTS5 on SQLite, tsvector/GIN on PostgreSQL): the same
//! answers on both backends, across a ticket's header and messages, after merges and
//! splits, never another organisation's tickets, and safe against query syntax.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::desk::ingest::ingest;
use tupa_core::desk::queues;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Api, Backend, spawn};

both_backends!(full_text_search_finds_whole_tickets, search_never_crosses_organisations);

/// The case numbers a search returns, in the queue's order.
async fn found(api: &Api, slug: &str, q: &str) -> Vec<String> {
    let path = format!("/api/v1/orgs/{slug}/tickets?status=all&q={}", urlencoding(q));
    let (s, body) = api.get(&path).await;
    assert_eq!(s, StatusCode::OK, "{q}: {body}");
    body.as_array()
        .unwrap()
        .iter()
        .map(|t| t["case_number"].as_str().unwrap().to_string())
        .collect()
}

fn urlencoding(q: &str) -> String {
    serde_urlencoded::to_string([("", q)]).unwrap().trim_start_matches('=').to_string()
}

async fn full_text_search_finds_whole_tickets(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &org.id, "neuvonta@lahti.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let adviser = app.person(&org, "adv@lahti.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    let mail = |from: &str, subject: &str, body: &str| {
        format!(
            "From: {from}\r\nTo: neuvonta@lahti.test\r\nSubject: {subject}\r\nMessage-ID: <{}@example.fi>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
            uuid::Uuid::new_v4()
        )
    };
    let case = |o: tupa_core::desk::ingest::Outcome| o.case_number().unwrap().to_string();
    let daycare = case(
        ingest(
            &app.db,
            &app.settings,
            mail(
                "Maija Meikäläinen <maija@example.fi>",
                "Päivähoito",
                "Milloin hakemuksen käsittely alkaa?",
            )
            .as_bytes(),
            None,
        )
        .await
        .unwrap(),
    );
    let parking = case(
        ingest(
            &app.db,
            &app.settings,
            mail("pekka@example.fi", "Pysäköinti", "Asukaspysäköintitunnus hukassa.").as_bytes(),
            None,
        )
        .await
        .unwrap(),
    );
    let duplicate = case(
        ingest(
            &app.db,
            &app.settings,
            mail("pekka@example.fi", "Pysäköinti taas", "Sama asia, kiireellinen.").as_bytes(),
            None,
        )
        .await
        .unwrap(),
    );

    // Words are prefixes, case-insensitive beyond A–Z; every word must occur somewhere in the
    // ticket: here one in the requester's name (header) and one in the message.
    assert_eq!(found(&api, "lahti", "hakemu").await, vec![daycare.clone()]);
    assert_eq!(found(&api, "lahti", "PÄIVÄHOITO").await, vec![daycare.clone()]);
    assert_eq!(found(&api, "lahti", "meikäläinen käsittely").await, vec![daycare.clone()]);
    assert!(
        found(&api, "lahti", "meikäläinen asukaspysäköinti").await.is_empty(),
        "all words, not any"
    );
    // Ä is not A: the same on both backends.
    assert!(found(&api, "lahti", "paivahoito").await.is_empty());
    // An address, a case number (exact), a case number's digits.
    assert_eq!(found(&api, "lahti", "maija@example.fi").await, vec![daycare.clone()]);
    assert_eq!(found(&api, "lahti", &parking).await, vec![parking.clone()]);
    let mut pekka = found(&api, "lahti", "pekka@example").await;
    pekka.sort();
    let mut expected = vec![parking.clone(), duplicate.clone()];
    expected.sort();
    assert_eq!(pekka, expected);

    // After a merge the duplicate's words find the live ticket, not the closed duplicate.
    let (s, _) =
        api.post(&format!("/api/v1/tickets/{duplicate}/merge"), json!({"into": parking})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(found(&api, "lahti", "kiireellinen").await, vec![parking.clone()]);
    // After a split the moved message's words find the new ticket only.
    ingest(
        &app.db,
        &app.settings,
        mail(
            "maija@example.fi",
            &format!("Re: Päivähoito [Tupa #{daycare}]"),
            "Entä iltapäiväkerho?",
        )
        .as_bytes(),
        None,
    )
    .await
    .unwrap();
    assert_eq!(found(&api, "lahti", "iltapäiväkerho").await, vec![daycare.clone()]);
    let (_, t) = api.get(&format!("/api/v1/tickets/{daycare}")).await;
    let second: &Value = t["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "incoming")
        .nth(1)
        .unwrap();
    let (s, split) = api
        .post(&format!("/api/v1/tickets/{daycare}/split"), json!({"message_id": second["id"]}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        found(&api, "lahti", "iltapäiväkerho").await,
        [split["case_number"].as_str().unwrap().to_string()]
    );

    // Query syntax of either engine is just words; nothing breaks, nothing extra is found.
    for hostile in [
        "\"",
        "*",
        "NEAR(a b)",
        "a OR b",
        "x' OR '1'='1",
        "haku:* | pekka",
        "^päivä",
        "\\",
        "!!",
        "%_",
    ] {
        found(&api, "lahti", hostile).await;
    }
    // Words only Rust calls words (numbers such as ¾ and ②): PostgreSQL's parser drops them,
    // and the empty query must find nothing, not every ticket of the organisation.
    for no_word in ["¾", "② ³"] {
        assert!(found(&api, "lahti", no_word).await.is_empty(), "{no_word}");
    }
    assert!(
        found(&api, "lahti", "pekka -pysäköinti").await.len() == 1,
        "a minus is not an operator: both words must occur"
    );
}

async fn search_never_crosses_organisations(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let a = app.org("vantaa", "full").await;
    let b = app.org("kerava", "full").await;
    let adviser_a = app.person(&a, "adv@vantaa.test", Role::Adviser).await;
    let adviser_b = app.person(&b, "adv@kerava.test", Role::Adviser).await;
    let (s, secret) = app.api(&adviser_b.token).post("/api/v1/orgs/kerava/tickets", json!({"name": "Salla", "email": "salla@example.fi", "message": "Salassapidettävä terveystieto"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = app
        .api(&adviser_a.token)
        .post(
            "/api/v1/orgs/vantaa/tickets",
            json!({"name": "Ville", "email": "ville@example.fi", "message": "Tavallinen kysymys"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let api_a = app.api(&adviser_a.token);
    assert!(found(&api_a, "vantaa", "salassapidettävä").await.is_empty());
    assert!(found(&api_a, "vantaa", "salla@example.fi").await.is_empty());
    assert!(
        found(&api_a, "vantaa", secret["case_number"].as_str().unwrap()).await.is_empty(),
        "not even by case number"
    );
    assert_eq!(found(&app.api(&adviser_b.token), "kerava", "salassapidettävä").await.len(), 1);
    let (s, _) = api_a.get("/api/v1/orgs/kerava/tickets?q=salassapidett%C3%A4v%C3%A4").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
