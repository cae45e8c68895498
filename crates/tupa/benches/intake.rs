//! Benchmark (not a test) of intake, on SQLite and on PostgreSQL when reachable:
//!
//! - `tupa mail ingest`, one process per message one after another, as an MTA pipes them:
//!   with `tupa serve` running (the process hands the message to the server's mail gate, as
//!   in production) and with no server (the process stores the message itself);
//! - ticket creation through the API with one keep-alive client, and with eight;
//! - `tupa demo --tickets N` (the fill the other benchmarks and the README figures use): its
//!   rate up to its commit, and on SQLite the checkpoint after it apart (it waits for the
//!   disk; see `tupa_core::demo::bulk`).
//!
//! Prints one table. Run it in release (`cargo bench` builds release):
//!
//!     cargo bench -p tupa --bench intake
//!
//! `TUPA_BENCH_FILL` sets the tickets of the fill (default 100 000), `TUPA_BENCH_MESSAGES`
//! the messages ingested (default 300), `TUPA_BENCH_SECONDS` each API run (default 10).

mod common;
#[path = "common/server.rs"]
#[allow(dead_code)] // the memory helpers are for serve and soak
mod server;
use common::{create_staff, env_for, install_bench_org, tupa, with_scratch_postgres};

use std::time::{Duration, Instant};

struct Row {
    backend: &'static str,
    ingest_per_s: f64,
    ingest_ms: (f64, f64),
    direct_per_s: f64,
    direct_ms: (f64, f64),
    api_one_per_s: f64,
    api_one_ms: (f64, f64),
    api_eight_per_s: f64,
    fill_tickets: u64,
    fill_per_s: f64,
    /// SQLite: the checkpoint after the fill's commit, seconds (PostgreSQL: none).
    fill_written_through_s: Option<f64>,
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Median and 99th percentile of `ms`.
fn p50_p99(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |q: f64| ms[((ms.len() as f64 * q) as usize).min(ms.len() - 1)];
    (at(0.5), at(0.99))
}

/// Messages through `tupa mail ingest`, one process each, sequentially (`first` numbers
/// them, so every run's Message-IDs are new).
fn ingest(env: &[(String, String)], first: u64, count: u64) -> (f64, (f64, f64)) {
    let mut ms = vec![];
    let start = Instant::now();
    for i in first..first + count {
        let msg = format!(
            "From: Asiakas {i} <asiakas{i}@example.invalid>\r\nTo: desk@bench.test\r\nSubject: Kysymys {i}\r\nMessage-ID: <intake{i}@example.invalid>\r\n\r\nHei, minulla on kysymys laskusta {i}.\r\n"
        );
        let t = Instant::now();
        tupa(env, &["mail", "ingest", "--recipient", "desk@bench.test"], Some(&msg));
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    (count as f64 / start.elapsed().as_secs_f64(), p50_p99(ms))
}

/// Tickets created through the API by `clients` keep-alive clients for `seconds`; the rate
/// and each request's latency.
async fn api(base: &str, token: &str, clients: usize, seconds: u64) -> (f64, (f64, f64)) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = vec![];
    for w in 0..clients {
        // One client (one connection kept alive) per worker.
        let client = reqwest::Client::builder().pool_max_idle_per_host(1).build().unwrap();
        let (base, token) = (base.to_string(), token.to_string());
        tasks.push(tokio::spawn(async move {
            let mut ms = vec![];
            while Instant::now() < deadline {
                let t = Instant::now();
                let res = client
                    .post(format!("{base}/api/v1/orgs/bench/tickets"))
                    .bearer_auth(&token)
                    .json(&serde_json::json!({
                        "name": "Rajapinta",
                        "email": format!("api{w}-{}@example.invalid", ms.len()),
                        "message": "Kysymys rajapinnan kautta: miten laskuni eräpäivää voi siirtää?"
                    }))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 201);
                res.bytes().await.unwrap();
                ms.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            ms
        }));
    }
    let start = Instant::now();
    let mut all = vec![];
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let rate = all.len() as f64 / start.elapsed().as_secs_f64().max(seconds as f64);
    (rate, p50_p99(all))
}

async fn run(backend: &'static str, dir: &std::path::Path, database_url: Option<&str>) -> Row {
    let env = env_for(dir, database_url);
    install_bench_org(&env);
    tupa(&env, &["desk", "address", "add", "--org", "bench", "--address", "desk@bench.test"], None);
    create_staff(&env, "adviser@bench.test", "adviser");
    let token = tupa(&env, &["token", "create", "--email", "adviser@bench.test"], None);

    let messages = setting("TUPA_BENCH_MESSAGES", 300);
    // No server: each process opens the database itself.
    let (direct_per_s, direct_ms) = ingest(&env, 0, messages);

    let seconds = setting("TUPA_BENCH_SECONDS", 10);
    let (ingest_per_s, ingest_ms, api_one_per_s, api_one_ms, api_eight_per_s) = {
        let server = server::start(&env).await;
        // The server running: each process hands its message to the server's mail gate.
        // The processes get a database they cannot reach, so a message they report stored
        // went through the gate (a silent fallback would fail the run).
        let mut gate_env: Vec<(String, String)> =
            env.iter().filter(|(k, _)| k != "DATABASE_URL").cloned().collect();
        gate_env.push(("DATABASE_URL".into(), "postgres://nobody@127.0.0.1:1/none".into()));
        gate_env.push(("TUPA_MAIL_GATE".into(), server.base.trim_start_matches("http://").into()));
        let (ingest_per_s, ingest_ms) = ingest(&gate_env, messages, messages);
        // Warm: the first requests prepare the statements of a fresh connection.
        api(&server.base, &token, 1, 1).await;
        let (one, one_ms) = api(&server.base, &token, 1, seconds).await;
        let (eight, _) = api(&server.base, &token, 8, seconds).await;
        (ingest_per_s, ingest_ms, one, one_ms, eight)
    };

    let fill_tickets = setting("TUPA_BENCH_FILL", 100_000);
    let out = tupa(&env, &["demo", "--tickets", &fill_tickets.to_string()], None);
    // The rate the command prints (the rows alone: not ANALYZE, nor the tour organisation's
    // accounts and their password hashes).
    let fill_per_s = out
        .split(" tickets/s)")
        .next()
        .and_then(|head| head.rsplit('(').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(f64::NAN);
    // SQLite's checkpoint after the commit (PostgreSQL has none; a SQLite line without it
    // is a changed line, shown as NaN rather than as no time at all).
    let fill_written_through_s = (database_url.is_none()).then(|| {
        out.split(" s more")
            .next()
            .filter(|head| head.len() < out.len())
            .and_then(|head| head.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(f64::NAN)
    });

    Row {
        backend,
        ingest_per_s,
        ingest_ms,
        direct_per_s,
        direct_ms,
        api_one_per_s,
        api_one_ms,
        api_eight_per_s,
        fill_tickets,
        fill_per_s,
        fill_written_through_s,
    }
}

#[tokio::main]
async fn main() {
    tupa_core::http::install_crypto_provider();
    let dir = std::env::temp_dir().join(format!("tupa-bench-intake-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut rows = vec![run("SQLite", &dir.join("sqlite"), None).await];
    let pg_dir = dir.join("pg");
    std::fs::create_dir_all(&pg_dir).unwrap();
    let postgres = with_scratch_postgres("bench_intake", |url| async move {
        run("PostgreSQL", &pg_dir, Some(&url)).await
    })
    .await;
    rows.extend(postgres);
    let _ = std::fs::remove_dir_all(&dir);
    println!();
    println!(
        "intake, {} cores, load average {}",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        std::fs::read_to_string("/proc/loadavg")
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    );
    println!(
        "| backend    | `mail ingest` msg/s, server running | ms p50 / p99 | no server: msg/s | ms p50 / p99 | API tickets/s, 1 client | API ms p50 / p99 | API tickets/s, 8 clients | `tupa demo --tickets` | tickets/s to commit | then checkpoint s |"
    );
    println!(
        "|------------|------------------------------------:|-------------:|-----------------:|-------------:|------------------------:|-----------------:|-------------------------:|----------------------:|--------------------:|------------------:|"
    );
    for r in rows {
        println!(
            "| {:<10} | {:>35.0} | {:>5.1} / {:>5.1} | {:>16.0} | {:>5.1} / {:>5.1} | {:>23.0} | {:>6.2} / {:>7.2} | {:>24.0} | {:>21} | {:>19.0} | {:>17} |",
            r.backend,
            r.ingest_per_s,
            r.ingest_ms.0,
            r.ingest_ms.1,
            r.direct_per_s,
            r.direct_ms.0,
            r.direct_ms.1,
            r.api_one_per_s,
            r.api_one_ms.0,
            r.api_one_ms.1,
            r.api_eight_per_s,
            r.fill_tickets,
            r.fill_per_s,
            r.fill_written_through_s.map_or("–".to_string(), |s| format!("{s:.1}"))
        );
    }
}
