//! What the operator watches (issue 10): request ids, readiness with reasons, the metrics
//! and the JSON log lines of a real `tupa serve`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(
    every_response_carries_a_request_id,
    readiness_says_why_it_is_not_ready,
    metrics_count_requests_by_route_template_and_read_the_outbox,
    serve_logs_json_lines_and_serves_metrics_on_its_own_listener_only,
);

async fn every_response_carries_a_request_id(backend: Backend) {
    let app = spawn(backend).await;
    let client = reqwest::Client::new();
    let made = client.get(app.url("/sign-in")).send().await.unwrap();
    let id = made.headers()["x-request-id"].to_str().unwrap().to_string();
    assert!(id.len() >= 16, "a new id: {id}");
    let other = client.get(app.url("/sign-in")).send().await.unwrap();
    assert_ne!(other.headers()["x-request-id"], id.as_str(), "one id per request");

    let kept = client
        .get(app.url("/api/v1/me"))
        .header("x-request-id", "lb-7f3a.9_c")
        .send()
        .await
        .unwrap();
    assert_eq!(kept.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(kept.headers()["x-request-id"], "lb-7f3a.9_c", "the balancer's id is kept");

    for hostile in ["two words", "x\"}{level", &"a".repeat(65)] {
        let res =
            client.get(app.url("/healthz")).header("x-request-id", hostile).send().await.unwrap();
        let given = res.headers()["x-request-id"].to_str().unwrap();
        assert_ne!(given, hostile, "an id that could break a log line is replaced");
        assert!(given.bytes().all(|b| b.is_ascii_alphanumeric()), "{given}");
    }
}

async fn readiness_says_why_it_is_not_ready(backend: Backend) {
    let app = spawn(backend).await;
    let ready = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["migrations"], "ok");
    assert_eq!(body["reasons"], serde_json::json!([]));

    // As if a restore or an older release had left the newest migration out.
    sqlx::query(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .execute(app.db.pool())
    .await
    .unwrap();
    let res = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["database"], "ok");
    assert_eq!(body["migrations"]["pending"], 1);
    assert!(body["reasons"][0].as_str().unwrap().contains("tupa migrate"), "{body}");

    app.db.close().await;
    let res = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["database"], "unreachable");
    assert_eq!(body["reasons"], serde_json::json!(["database unreachable"]));
}

async fn metrics_count_requests_by_route_template_and_read_the_outbox(backend: Backend) {
    let app = spawn(backend).await;
    let metrics = tupa_web::observability::metrics::global();
    let count = |text: &str, series: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(series))
            .and_then(|l| l.rsplit(' ').next())
            .map_or(0.0, |v| v.parse().unwrap())
    };
    // Metrics are per process and the tests share one: compare before and after.
    let series = r#"tupa_http_requests_total{method="GET",route="/api/v1/tickets/{case_number}",status="401"}"#;
    let before = count(&metrics.render(&app.db).await, series);
    for case in ["12345678", "87654321", "11111111"] {
        reqwest::get(app.url(&format!("/api/v1/tickets/{case}"))).await.unwrap();
    }
    let text = metrics.render(&app.db).await;
    // At least: other tests of this process may call the route too.
    assert!(count(&text, series) - before >= 3.0, "three requests, one series:\n{text}");
    assert!(!text.contains("87654321"), "concrete paths never become labels");
    assert!(text.contains("tupa_http_request_duration_seconds_bucket{"), "{text}");
    assert!(text.contains("tupa_db_pool_connections "), "{text}");
    assert!(text.ends_with("# EOF\n"), "OpenMetrics text");

    // The outbox figures come from the database: a due mail waiting for ten minutes.
    let now = tupa_core::db::now();
    sqlx::query(
        "INSERT INTO outbox (id, to_address, subject, body_text, message_id, status, created_at, next_attempt_at)
         VALUES ('m1', 'a@b.test', 's', 'b', '<m1@t>', 'pending', $1, $1)",
    )
    .bind(now - 600)
    .execute(app.db.pool())
    .await
    .unwrap();
    let text = metrics.render(&app.db).await;
    assert_eq!(count(&text, "tupa_outbox_pending "), 1.0, "{text}");
    let waited = count(&text, "tupa_outbox_oldest_due_seconds ");
    assert!((600.0..700.0).contains(&waited), "{waited}");
}

/// A real `tupa serve` with `TUPA_LOG_FORMAT=json` and `TUPA_METRICS_LISTEN`.
async fn serve_logs_json_lines_and_serves_metrics_on_its_own_listener_only(backend: Backend) {
    let app = spawn(backend).await;
    let free_port =
        || std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (port, metrics_port) = (free_port(), free_port());
    let data_dir = tempfile_dir();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tupa"))
        .arg("serve")
        .env("DATABASE_URL", &app.database_url)
        .env("TUPA_DATA_DIR", &data_dir)
        .env("TUPA_LISTEN", format!("127.0.0.1:{port}"))
        .env("TUPA_METRICS_LISTEN", format!("127.0.0.1:{metrics_port}"))
        .env("TUPA_LOG_FORMAT", "json")
        .env("TUPA_LOG", "info")
        .env_remove("TUPA_CONFIG")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (lines_tx, lines_rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while client.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "tupa serve did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let res = client
        .get(format!("{base}/api/v1/tickets/55555555"))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let public = client.get(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(public.status(), StatusCode::NOT_FOUND, "never on the public listener");
    let scraped =
        client.get(format!("http://127.0.0.1:{metrics_port}/metrics")).send().await.unwrap();
    assert_eq!(scraped.status(), StatusCode::OK);
    assert!(scraped.headers()["content-type"].to_str().unwrap().contains("openmetrics-text"));
    let text = scraped.text().await.unwrap();
    assert!(text.contains(r#"route="/api/v1/tickets/{case_number}",status="401"} 1"#), "{text}");

    // The access line of that request, as JSON, with the id the caller gave.
    let deadline = Instant::now() + Duration::from_secs(10);
    let access = loop {
        let line = lines_rx.recv_timeout(deadline - Instant::now()).expect("no access line");
        let Ok(v) = serde_json::from_str::<Value>(&line) else {
            // The start-up banner is plain text for the person starting it; the rest is JSON.
            assert!(
                line.starts_with("Tupa is")
                    || line.starts_with("Metrics")
                    || line.starts_with("First run")
                    || line.starts_with("No TUPA_OIDC"),
                "not JSON: {line}"
            );
            continue;
        };
        if v["request_id"] == "trace-me-42" {
            break v;
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(access["route"], "/api/v1/tickets/{case_number}", "{access}");
    assert_eq!(access["status"], 401);
    assert_eq!(access["level"], "INFO");
    assert!(access["latency_ms"].as_f64().is_some(), "{access}");
    assert!(access["timestamp"].is_string());
    assert!(!access.to_string().contains("55555555"), "no concrete path: {access}");
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tupa-obs-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
