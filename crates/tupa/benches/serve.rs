//! Benchmark (not a test): sign-in and `/api/v1/me` throughput and the memory of an idle
//! `tupa serve`, on SQLite and (when reachable) PostgreSQL. Prints a table.
//!
//!     cargo bench -p tupa --bench serve
//!
//! Runs the release binary as a separate process on loopback, like a deployment would.

mod common;
#[path = "common/server.rs"]
mod server;
use common::{PASSWORD, create_staff, env_for, install_bench_org, with_scratch_postgres};
use server::start;

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const SECONDS: u64 = 5;

fn token(env: &[(String, String)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tupa"));
    cmd.args(["token", "create", "--email", "bench@bench.test"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    String::from_utf8(cmd.output().unwrap().stdout).unwrap().trim().to_string()
}

async fn sign_in_rate(base: &str, workers: usize) -> f64 {
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(SECONDS);
    let mut tasks = vec![];
    for _ in 0..workers {
        let (base, done) = (base.to_string(), done.clone());
        tasks.push(tokio::spawn(async move {
            // No cookie jar: a sign-in gives the browser a new form token (and a session),
            // so each sign-in here is a visitor's first, with the form token of one visit.
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let page = client.get(format!("{base}/sign-in")).send().await.unwrap();
            let cookie = page
                .headers()
                .get_all(reqwest::header::SET_COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find(|v| v.starts_with("tupa_csrf="))
                .and_then(|v| v.split(';').next())
                .unwrap()
                .to_string();
            let html = page.text().await.unwrap();
            let start = html.find("name=\"csrf\" value=\"").unwrap() + 19;
            let csrf = html[start..start + 43].to_string();
            while Instant::now() < deadline {
                let res = client
                    .post(format!("{base}/sign-in"))
                    .header(reqwest::header::COOKIE, &cookie)
                    .form(&[
                        ("email", "bench@bench.test"),
                        ("password", PASSWORD),
                        ("csrf", csrf.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 303, "sign-in failed");
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    done.load(Ordering::Relaxed) as f64 / SECONDS as f64
}

async fn me_rate(base: &str, token: &str, workers: usize) -> (f64, f64) {
    let done = Arc::new(AtomicU64::new(0));
    let latency_us = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(SECONDS);
    let client = reqwest::Client::new();
    let mut tasks = vec![];
    for _ in 0..workers {
        let (base, token, done, latency_us, client) =
            (base.to_string(), token.to_string(), done.clone(), latency_us.clone(), client.clone());
        tasks.push(tokio::spawn(async move {
            while Instant::now() < deadline {
                let t = Instant::now();
                let res = client
                    .get(format!("{base}/api/v1/me"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200);
                res.bytes().await.unwrap();
                latency_us.fetch_add(t.elapsed().as_micros() as u64, Ordering::Relaxed);
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let n = done.load(Ordering::Relaxed) as f64;
    (n / SECONDS as f64, latency_us.load(Ordering::Relaxed) as f64 / n.max(1.0) / 1000.0)
}

struct Row {
    backend: &'static str,
    idle_rss_mib: f64,
    sign_in_per_s: f64,
    me_per_s: f64,
    me_ms: f64,
    loaded_rss_mib: f64,
}

async fn run(backend: &'static str, database_url: Option<String>) -> Row {
    let dir = std::env::temp_dir().join(format!("tupa-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let env = env_for(&dir, database_url.as_deref());
    install_bench_org(&env);
    create_staff(&env, "bench@bench.test", "adviser");
    let token = token(&env);
    let server = start(&env).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let pid = server.child.id();
    let idle = server::status_field(pid, "VmRSS:") as f64 / 1024.0;
    let sign_in = sign_in_rate(&server.base, 4).await;
    let (me, me_ms) = me_rate(&server.base, &token, 32).await;
    let loaded = server::status_field(pid, "VmRSS:") as f64 / 1024.0;
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    Row {
        backend,
        idle_rss_mib: idle,
        sign_in_per_s: sign_in,
        me_per_s: me,
        me_ms,
        loaded_rss_mib: loaded,
    }
}

#[tokio::main]
async fn main() {
    tupa_core::http::install_crypto_provider();
    // `cargo bench` passes --bench; nothing to parse.
    let mut rows = vec![run("SQLite", None).await];
    rows.extend(with_scratch_postgres("bench", |url| run("PostgreSQL", Some(url))).await);
    println!();
    println!(
        "tupa serve, {} s per measurement, {} cores",
        SECONDS,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    println!(
        "| backend    | idle RSS MiB | sign-in/s (4 clients, argon2id) | /api/v1/me req/s (32 clients) | /me mean ms | RSS after load MiB |"
    );
    println!(
        "|------------|-------------:|--------------------------------:|------------------------------:|------------:|-------------------:|"
    );
    for r in rows {
        println!(
            "| {:<10} | {:>12.1} | {:>31.1} | {:>29.0} | {:>11.2} | {:>18.1} |",
            r.backend, r.idle_rss_mib, r.sign_in_per_s, r.me_per_s, r.me_ms, r.loaded_rss_mib
        );
    }
}
