//! The adviser's home page counts the tickets waiting (their own, without a handler, past a
//! target) with the database's COUNT, the same tickets the queue's filters show.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::desk::home_counts::{Capped, home_counts};
use tupa_core::organisations::people::Role;

use crate::applications::actor_of;
use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(home_page_counts_the_tickets_waiting);

async fn home_page_counts_the_tickets_waiting(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("porvoo", "full").await;
    let other = app.org("loviisa", "full").await;
    let anna = app.person(&org, "anna@porvoo.test", Role::Adviser).await;
    let elsewhere = app.person(&other, "lars@loviisa.test", Role::Adviser).await;
    let api = app.api(&anna.token);
    let mut cases = vec![];
    for n in 0..5 {
        let (s, t) = api
            .post(
                "/api/v1/orgs/porvoo/tickets",
                json!({"name": "Asiakas", "email": format!("asiakas{n}@example.fi"), "subject": format!("Asia {n}"), "message": "Kysymys"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        cases.push(t["case_number"].as_str().unwrap().to_string());
    }
    // Another organisation's ticket counts nowhere here.
    let (s, _) = app
        .api(&elsewhere.token)
        .post(
            "/api/v1/orgs/loviisa/tickets",
            json!({"name": "Kund", "email": "kund@example.fi", "subject": "Fråga", "message": "Hej"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let patch = |case: &str, body: serde_json::Value| {
        let api = app.api(&anna.token);
        let path = format!("/api/v1/tickets/{case}");
        async move {
            let (s, b) = api.patch(&path, body).await;
            assert_eq!(s, StatusCode::OK, "{b}");
        }
    };
    // Anna takes two; one of hers is resolved (no longer waiting).
    patch(&cases[0], json!({"assignee_id": anna.id})).await;
    patch(&cases[1], json!({"assignee_id": anna.id, "status": "resolved"})).await;
    // One merged away: it lives on in the other and is not counted twice.
    let (s, b) =
        api.post(&format!("/api/v1/tickets/{}/merge", cases[2]), json!({"into": cases[3]})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // One past its first-answer target.
    sqlx::query("UPDATE tickets SET first_response_due = $1 WHERE case_number = $2")
        .bind(tupa_core::db::now() - 60)
        .bind(&cases[4])
        .execute(app.db.pool())
        .await
        .unwrap();

    let actor = actor_of(&app, &anna).await;
    let counts = home_counts(&app.db, &actor, &org).await.unwrap();
    assert_eq!(
        (counts.mine, counts.unassigned, counts.overdue),
        (Capped(1), Capped(2), Capped(1)),
        "mine: cases[0]; unassigned: cases[3] and [4]; overdue: cases[4]"
    );
    // The adviser of another organisation may not count this one's.
    let lars = actor_of(&app, &elsewhere).await;
    assert!(home_counts(&app.db, &lars, &org).await.is_err());

    let b = app.signed_in(&anna).await;
    let (s, html) = b.get_text("/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("href=\"/orgs/porvoo/desk?assignee=me\">Avoimet tikettisi: 1</a>"),
        "{html}"
    );
    assert!(html.contains(">Tiketit ilman käsittelijää: 2</a>"));
    assert!(
        html.contains(
            "href=\"/orgs/porvoo/desk?sla=breached\">Vastausajan ylittäneet tiketit: 1</a>"
        )
    );
}
