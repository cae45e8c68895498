//! Live updates: the queue and ticket pages hear of changes as server-sent events, also when
//! the change happens in another process on the same database; a ticket page hears who else
//! has the ticket open.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, spawn, wait_for_event};

both_backends!(queue_and_ticket_pages_hear_changes_and_viewers);

async fn queue_and_ticket_pages_hear_changes_and_viewers(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("salo", "full").await;
    let a = app.person(&org, "a@salo.test", Role::Adviser).await;
    let b = app.person(&org, "b@salo.test", Role::Adviser).await;
    let browser_a = app.signed_in(&a).await;

    // The queue stream of adviser A; a contact recorded by adviser B arrives on it.
    let stream = browser_a.get("/orgs/salo/desk/events").await;
    assert_eq!(stream.status(), StatusCode::OK);
    assert!(stream.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let (_, t) = app
        .api(&b.token)
        .post(
            "/api/v1/orgs/salo/tickets",
            json!({"name": "A", "email": "x@example.fi", "message": "Hei"}),
        )
        .await;
    let case = t["case_number"].as_str().unwrap().to_string();
    wait_for_event(stream, "ticket", &case).await;

    // Another organisation's adviser hears nothing of it, and cannot open the stream there.
    let other = app.org("kemi", "full").await;
    let stranger = app.person(&other, "s@kemi.test", Role::Adviser).await;
    let sb = app.signed_in(&stranger).await;
    assert_eq!(sb.get("/orgs/salo/desk/events").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        sb.get(&format!("/orgs/kemi/desk/{case}/events")).await.status(),
        StatusCode::NOT_FOUND
    );

    // The ticket page of A hears that B opened the ticket, and that B replied.
    let ticket_stream = browser_a.get(&format!("/orgs/salo/desk/{case}/events")).await;
    let browser_b = app.signed_in(&b).await;
    let b_stream = browser_b.get(&format!("/orgs/salo/desk/{case}/events")).await;
    assert_eq!(b_stream.status(), StatusCode::OK);
    let reply_after = async {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        app.api(&b.token)
            .post(&format!("/api/v1/tickets/{case}/messages"), json!({"body": "Vastaus"}))
            .await
    };
    let (viewers, _) = tokio::join!(wait_for_event(ticket_stream, "viewers", "\"b\""), reply_after);
    assert!(viewers.contains("[\"b\"]"), "A sees that B has the ticket open: {viewers}");
    let again = browser_a.get(&format!("/orgs/salo/desk/{case}/events")).await;
    let later = async {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        app.api(&b.token)
            .patch(&format!("/api/v1/tickets/{case}"), json!({"priority": "high"}))
            .await
    };
    let (changed, _) = tokio::join!(wait_for_event(again, "ticket", &case), later);
    assert!(changed.contains(&case));
    drop(b_stream);

    // A second process on the same database (another `tupa serve`, or `tupa mail ingest`):
    // the change made there reaches a stream opened here — by LISTEN/NOTIFY on PostgreSQL,
    // through the live_events table on SQLite.
    {
        let second = app.second_server().await;
        let stream = browser_a.get("/orgs/salo/desk/events").await;
        let remote = async {
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            let res = reqwest::Client::new()
                .post(format!("{second}/api/v1/orgs/salo/tickets"))
                .bearer_auth(&b.token)
                .json(&json!({"name": "B", "email": "y@example.fi", "message": "Toinen prosessi"}))
                .send()
                .await
                .unwrap();
            res.json::<serde_json::Value>().await.unwrap()["case_number"]
                .as_str()
                .unwrap()
                .to_string()
        };
        let (event, remote_case) = tokio::join!(wait_for_event(stream, "ticket", ""), remote);
        assert!(
            event.contains(&remote_case),
            "the other process's change arrived: {event} vs {remote_case}"
        );
    }
}
