//! Outgoing mail: captured in training, delivered by SMTP in production (to a small SMTP
//! server on loopback that records what it receives), retried when the server refuses.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tupa_core::config::Environment;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, Options, TestApp, spawn_with};

both_backends!(production_mail_is_delivered_by_smtp, refused_mail_is_retried_not_lost);

/// A minimal SMTP server: accepts every message (or refuses every recipient) and keeps the
/// DATA it received.
pub(crate) async fn smtp_server(refuse: bool) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(vec![]));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test.invalid ESMTP\r\n").await.unwrap();
                let mut in_data = false;
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store.lock().unwrap().push(std::mem::take(&mut data));
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") {
                        b"250-test.invalid\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("RCPT") && refuse {
                        b"451 try again later\r\n"
                    } else if upper.starts_with("DATA") {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (url, received)
}

async fn production(backend: Backend, smtp_url: String) -> TestApp {
    spawn_with(
        backend,
        Options {
            environment: Environment::Production,
            public_url: Some("https://tupa.example.fi".into()),
            smtp_url: Some(smtp_url),
            ..Options::default()
        },
    )
    .await
}

async fn invite(app: &TestApp, email: &str) {
    app.operator().await;
    let org = app.org("mikkeli", "full").await;
    let admin = app.person(&org, "main@mikkeli.test", Role::MainAdmin).await;
    let (s, _) = app.api(&admin.token).post("/api/v1/orgs/mikkeli/users", json!({"email": email, "display_name": "Uusi", "roles": [{"role": "adviser"}], "language": "fi"})).await;
    assert_eq!(s, StatusCode::CREATED);
}

async fn wait_for<F: Fn(&tupa_core::mail::outbox::OutboxMail) -> bool>(
    app: &TestApp,
    to: &str,
    done: F,
) -> tupa_core::mail::outbox::OutboxMail {
    for _ in 0..100 {
        if let Some(m) = app.outbox_to(to).await.into_iter().next()
            && done(&m)
        {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("mail to {to} did not reach the expected state: {:?}", app.outbox_to(to).await);
}

async fn production_mail_is_delivered_by_smtp(backend: Backend) {
    let (url, received) = smtp_server(false).await;
    let app = production(backend, url).await;
    invite(&app, "uusi@mikkeli.test").await;
    let queued = app.outbox_to("uusi@mikkeli.test").await;
    assert_eq!(queued[0].status, "pending", "production with SMTP queues for delivery");
    tokio::spawn(tupa_core::mail::smtp::deliver_forever(app.db.clone(), (*app.settings).clone()));
    let mail = wait_for(&app, "uusi@mikkeli.test", |m| m.status == "sent").await;
    assert!(mail.sent_at.is_some());
    let data = received.lock().unwrap().join("\n");
    assert!(data.contains(&mail.message_id), "our Message-ID travels: {data}");
    assert!(data.contains("https://tupa.example.fi/invite/"), "the link uses the public address");
    assert!(data.contains("To: uusi@mikkeli.test"));
    assert!(data.contains("Auto-Submitted: auto-generated"));
    assert!(!data.contains("Cc:"), "no copies on an invitation");
}

async fn refused_mail_is_retried_not_lost(backend: Backend) {
    let (url, received) = smtp_server(true).await;
    let app = production(backend, url).await;
    invite(&app, "toinen@mikkeli.test").await;
    tokio::spawn(tupa_core::mail::smtp::deliver_forever(app.db.clone(), (*app.settings).clone()));
    let mail = wait_for(&app, "toinen@mikkeli.test", |m| m.attempts == 1).await;
    assert_eq!(mail.status, "pending", "kept for another attempt");
    assert!(mail.last_error.is_some());
    assert!(mail.next_attempt_at > tupa_core::db::now() + 60, "backs off");
    assert!(received.lock().unwrap().is_empty());
}
