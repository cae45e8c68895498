//! `tupa mail ingest` through the running server's mail gate (`TUPA_MAIL_GATE`): the real
//! binary hands the message to a real server. The process is given a database it cannot
//! reach, so a message it reports stored can only have been stored by the server.

use crate::both_backends;
use crate::cli::{text, tupa};
use crate::helpers::{Backend, spawn};

both_backends!(mail_goes_through_the_servers_gate_with_the_installations_token);

const UNREACHABLE: &str = "postgres://nobody@127.0.0.1:1/none";

async fn tickets(app: &crate::helpers::TestApp) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM tickets").fetch_one(app.db.pool()).await.unwrap();
    n
}

async fn mail_goes_through_the_servers_gate_with_the_installations_token(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    app.org("espoo", "full").await;
    let key = app.settings.secret_key.as_ref().unwrap().to_base64();
    let listen = app.base.trim_start_matches("http://").to_string();
    let ours = [("TUPA_SECRET_KEY", key.as_str()), ("TUPA_MAIL_GATE", listen.as_str())];
    let o = tupa(
        &app.database_url,
        &["desk", "address", "add", "--org", "espoo", "--address", "neuvonta@espoo.test"],
        None,
        &ours,
    );
    assert!(o.status.success(), "{}", text(&o));
    let message = "From: Maija <maija@example.fi>\r\nTo: neuvonta@espoo.test\r\nSubject: Laskusta\r\nMessage-ID: <gate1@example.fi>\r\n\r\nHei, kysymys laskusta.\r\n";
    let ingest = ["mail", "ingest", "--recipient", "neuvonta@espoo.test"];

    // Through the gate: stored by the server, although this process cannot reach the database.
    let o = tupa(UNREACHABLE, &ingest, Some(message), &ours);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let case = String::from_utf8_lossy(&o.stdout).trim().to_string();
    let (subject,): (String,) =
        sqlx::query_as("SELECT subject FROM tickets WHERE case_number = $1")
            .bind(&case)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(subject, "Laskusta");

    // A refusal comes back as one: exit 65 and the reason.
    let o = tupa(
        UNREACHABLE,
        &["mail", "ingest", "--recipient", "nobody@espoo.test"],
        Some(&message.replace("gate1@", "gate2@")),
        &ours,
    );
    assert_eq!(o.status.code(), Some(65), "{}", text(&o));
    assert!(text(&o).contains("mail-no-desk-address"), "{}", text(&o));

    // The gate switched off: the process stores the message itself, and cannot (its
    // database is unreachable), although the server would take it. Nothing was stored.
    let before = tickets(&app).await;
    let third = message.replace("gate1@", "gate3@");
    let off = [ours[0], ("TUPA_MAIL_GATE", "off")];
    let o = tupa(UNREACHABLE, &ingest, Some(&third), &off);
    assert_eq!(o.status.code(), Some(75), "{}", text(&o));
    assert_eq!(tickets(&app).await, before);

    // A forged request without the token files nothing (and is answered before its body
    // is read).
    let res =
        reqwest::Client::new()
            .post(app.url(&format!(
                "{}?recipient=neuvonta@espoo.test",
                tupa_core::desk::ingest_gate::PATH
            )))
            .bearer_auth("0".repeat(64))
            .body(third.clone())
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 401);
    assert!(res.headers().contains_key(tupa_core::desk::ingest_gate::ANSWER_HEADER));
    assert_eq!(tickets(&app).await, before);

    // Another installation's key: its gate refuses, and the process stores the message in
    // its own database — once.
    let other = tupa_core::secrets::SecretKey::generate().to_base64();
    let theirs = [("TUPA_SECRET_KEY", other.as_str()), ("TUPA_MAIL_GATE", listen.as_str())];
    let o = tupa(&app.database_url, &ingest, Some(&third), &theirs);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(tickets(&app).await, before + 1);

    // Another program on the gate's address (a web server answering 404 without our mark):
    // the same.
    let stranger = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let stranger_at = stranger.local_addr().unwrap().to_string();
    tokio::spawn(async move { axum::serve(stranger, axum::Router::new()).await.unwrap() });
    let elsewhere = [ours[0], ("TUPA_MAIL_GATE", stranger_at.as_str())];
    let fourth = message.replace("gate1@", "gate4@");
    let o = tupa(&app.database_url, &ingest, Some(&fourth), &elsewhere);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(tickets(&app).await, before + 2);

    // Nothing at the address: the same.
    let nowhere = [ours[0], ("TUPA_MAIL_GATE", "127.0.0.1:1")];
    let fifth = message.replace("gate1@", "gate5@");
    let o = tupa(&app.database_url, &ingest, Some(&fifth), &nowhere);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(tickets(&app).await, before + 3);
}
