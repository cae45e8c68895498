//! Benchmark (not a test): chat send-to-receive latency on the guidance spaces' live socket
//! (`GET /api/v1/spaces/{id}/live`) with many sockets connected, and the memory of the
//! `tupa serve` processes. Prints p50/p95/p99 per setup and whether the target is met
//! (p99 ≤ 50 ms at 5,000 sockets across two processes, under 150 MB each); asserts no timing.
//!
//!     cargo bench -p tupa --bench chat_latency
//!
//! Setups: one process on SQLite, one on PostgreSQL, and two processes sharing PostgreSQL
//! (the message crosses LISTEN/NOTIFY). Every space has two sockets, as a client's and a
//! counsellor's open pages would: one on process A (the sender, which posts the message as a
//! browser does, by a `{"type": "message"}` frame) and one on process B (the receiver; B is A
//! with one process). The latency is from sending the frame to the receiver's socket getting
//! the `{"type": "message"}` push. Messages go to random spaces at a steady rate.
//!
//! Environment: `TUPA_CHAT_BENCH_SOCKETS` (default `1000,5000`; sockets in all, two per
//! space), `TUPA_CHAT_BENCH_MESSAGES` (default 500 per run), `TUPA_CHAT_BENCH_RATE` (messages
//! a second, default 50), `TUPA_CHAT_BENCH_SETUPS` (default `sqlite,postgres,postgres-two`),
//! `TUPA_TEST_POSTGRES_URL` (an administrative connection; PostgreSQL setups are skipped when
//! it is unreachable).
//!
//! Every socket is a file descriptor in this process and in a server: the benchmark raises its
//! own RLIMIT_NOFILE to the hard limit, and `tupa serve` does the same for itself at start
//! (crates/tupa/src/fds.rs); with a hard limit below the sockets wanted, raise it first
//! (`ulimit -Hn`, or `LimitNOFILE=` under systemd).

mod common;
#[path = "common/server.rs"]
mod server;
use common::{create_staff, env_for, install_bench_org, tupa, with_scratch_postgres};
use server::{Server, start, status_field};

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio::sync::Semaphore;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tupa_core::db::Db;

const COUNSELLOR: &str = "counsellor@bench.test";
/// Sockets opened at once while connecting.
const CONNECT_CONCURRENCY: usize = 64;
const TARGET_P99_MS: f64 = 50.0;
/// 150 MB (10^6 bytes), in MiB as /proc reports memory.
const TARGET_MIB: f64 = 150.0 * 1e6 / 1_048_576.0;

type Sink = futures_util::stream::SplitSink<
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
    Message,
>;
/// When each message (by its body) was sent.
type Sent = Arc<Mutex<HashMap<String, Instant>>>;

/// Raises this process's soft limit on open files to the hard limit: every socket is one.
fn raise_nofile() -> u64 {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: getrlimit/setrlimit with a valid struct; only this process's limit changes.
    unsafe {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
            return lim.rlim_cur;
        }
    }
    0
}

/// Percentile `p` (0–100) of sorted `v`.
fn pct(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v[((v.len() as f64 * p / 100.0).ceil() as usize).clamp(1, v.len()) - 1]
}

struct Row {
    setup: &'static str,
    sockets: usize,
    connect_s: f64,
    received: usize,
    sent: usize,
    p50: f64,
    p95: f64,
    p99: f64,
    max: f64,
    /// (VmRSS, VmHWM) in MiB per server process.
    memory: Vec<(f64, f64)>,
}

/// The installation, a counsellor and `spaces` spaces with the counsellor as their member,
/// written straight into the database (as `spaces::open` would, without the invitation and
/// audit rows that the live socket never reads): opening thousands through the API would
/// time the fixture, not the chat. Returns the environment, the token and the space ids.
async fn fixtures(
    database_url: &str,
    dir: &std::path::Path,
    spaces: usize,
) -> (Vec<(String, String)>, String, Vec<String>) {
    let env = env_for(dir, Some(database_url));
    install_bench_org(&env);
    create_staff(&env, COUNSELLOR, "counsellor");
    let token = tupa(&env, &["token", "create", "--email", COUNSELLOR], None);

    let db = Db::connect(database_url).await.unwrap();
    let (org_id,): (String,) = sqlx::query_as("SELECT id FROM organisations WHERE slug = 'bench'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let (user_id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(COUNSELLOR)
        .fetch_one(db.pool())
        .await
        .unwrap();
    let now = tupa_core::db::now();
    let mut ids = Vec::with_capacity(spaces);
    for chunk in 0..spaces.div_ceil(1000) {
        let mut tx = db.begin().await.unwrap();
        for i in chunk * 1000..((chunk + 1) * 1000).min(spaces) {
            let id = tupa_core::db::new_id();
            sqlx::query(
                "INSERT INTO guidance_spaces (org_id, id, title, status, created_by, client_email, client_name, lang, source_ticket_id, created_at, updated_at, closed_at, archived_at, last_client_sign_in_at)
                 VALUES ($1, $2, $3, 'open', $4, $5, '', 'fi', NULL, $6, $6, NULL, NULL, NULL)",
            )
            .bind(&org_id)
            .bind(&id)
            .bind(format!("Tila {i}"))
            .bind(&user_id)
            .bind(format!("client{i}@bench.test"))
            .bind(now)
            .execute(&mut *tx)
            .await
            .unwrap();
            sqlx::query("INSERT INTO space_members (org_id, space_id, user_id, role, joined_at) VALUES ($1, $2, $3, 'counsellor', $4)")
                .bind(&org_id)
                .bind(&id)
                .bind(&user_id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .unwrap();
            ids.push(id);
        }
        tx.commit().await.unwrap();
    }
    db.pool().close().await;
    (env, token, ids)
}

async fn connect(
    base: &str,
    token: &str,
    space: &str,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    let url = format!("{}/api/v1/spaces/{space}/live", base.replace("http://", "ws://"));
    let mut request = url.as_str().into_client_request().unwrap();
    request.headers_mut().insert("authorization", format!("Bearer {token}").parse().unwrap());
    let mut last = None;
    // A busy server may refuse a connection now and then; a few tries before giving up.
    for _ in 0..5 {
        match tokio_tungstenite::connect_async(request.clone()).await {
            Ok((ws, _)) => return ws,
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("cannot open the live socket of {space} on {base}: {last:?}");
}

/// Opens the sockets: for each space a sender on `a` and a receiver on `b`. Receivers record
/// latencies of the messages in `sent`; senders' own echoes are read and dropped.
async fn open_sockets(
    a: &str,
    b: &str,
    token: &str,
    spaces: &[String],
    sent: &Sent,
    latencies: &Arc<Mutex<Vec<f64>>>,
) -> Vec<Arc<tokio::sync::Mutex<Sink>>> {
    let limit = Arc::new(Semaphore::new(CONNECT_CONCURRENCY));
    let mut tasks = Vec::with_capacity(spaces.len());
    for space in spaces {
        let (a, b, token, space) = (a.to_string(), b.to_string(), token.to_string(), space.clone());
        let (sent, latencies, limit) = (sent.clone(), latencies.clone(), limit.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await.unwrap();
            let receiver = connect(&b, &token, &space).await;
            let sender = connect(&a, &token, &space).await;
            let (_, mut rx) = receiver.split();
            tokio::spawn(async move {
                while let Some(Ok(frame)) = rx.next().await {
                    let Message::Text(text) = frame else { continue };
                    let at = Instant::now();
                    let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
                    if v["type"] != "message" {
                        continue;
                    }
                    let body = v["body"].as_str().unwrap_or_default();
                    if let Some(t0) = sent.lock().unwrap().remove(body) {
                        latencies
                            .lock()
                            .unwrap()
                            .push(at.duration_since(t0).as_secs_f64() * 1000.0);
                    }
                }
            });
            let (tx, mut echo) = sender.split();
            tokio::spawn(async move { while let Some(Ok(_)) = echo.next().await {} });
            Arc::new(tokio::sync::Mutex::new(tx))
        }));
    }
    let mut sinks = Vec::with_capacity(tasks.len());
    for t in tasks {
        sinks.push(t.await.unwrap());
    }
    sinks
}

async fn run(
    setup: &'static str,
    database_url: &str,
    dir: &std::path::Path,
    sockets: usize,
    messages: usize,
    rate: f64,
) -> Row {
    let spaces = (sockets / 2).max(1);
    let (env, token, ids) = fixtures(database_url, dir, spaces).await;
    let mut servers: Vec<Server> = vec![start(&env).await];
    if setup == "postgres-two" {
        servers.push(start(&env).await);
    }
    let a = servers[0].base.clone();
    let b = servers.last().unwrap().base.clone();

    let sent: Sent = Arc::new(Mutex::new(HashMap::new()));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(messages)));
    let t = Instant::now();
    let sinks = open_sockets(&a, &b, &token, &ids, &sent, &latencies).await;
    let connect_s = t.elapsed().as_secs_f64();
    // Let the servers settle after the connection burst.
    tokio::time::sleep(Duration::from_secs(2)).await;

    let gap = Duration::from_secs_f64(1.0 / rate);
    let mut ticker = tokio::time::interval(gap);
    let mut pending = Vec::with_capacity(messages);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for n in 0..messages {
        ticker.tick().await;
        // xorshift: a random space each time, the same sequence on every run.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let sink = sinks[(seed % sinks.len() as u64) as usize].clone();
        let body = format!("bench message {n}");
        let sent = sent.clone();
        pending.push(tokio::spawn(async move {
            let frame = serde_json::json!({"type": "message", "body": body}).to_string();
            let mut sink = sink.lock().await;
            sent.lock().unwrap().insert(body, Instant::now());
            sink.send(Message::Text(frame.into())).await.unwrap();
        }));
    }
    for p in pending {
        p.await.unwrap();
    }
    // Stragglers: up to 10 s for the last pushes.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !sent.lock().unwrap().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let memory = servers
        .iter()
        .map(|s| {
            let pid = s.child.id();
            (status_field(pid, "VmRSS") as f64 / 1024.0, status_field(pid, "VmHWM") as f64 / 1024.0)
        })
        .collect();
    let mut v = latencies.lock().unwrap().clone();
    v.sort_by(|x, y| x.partial_cmp(y).unwrap());
    drop(sinks);
    drop(servers);
    Row {
        setup,
        sockets: spaces * 2,
        connect_s,
        received: v.len(),
        sent: messages,
        p50: pct(&v, 50.0),
        p95: pct(&v, 95.0),
        p99: pct(&v, 99.0),
        max: v.last().copied().unwrap_or(f64::NAN),
        memory,
    }
}

fn env_list(name: &str, default: &str) -> Vec<String> {
    std::env::var(name)
        .unwrap_or_else(|_| default.into())
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[tokio::main]
async fn main() {
    tupa_core::http::install_crypto_provider();
    sqlx::any::install_default_drivers();
    let nofile = raise_nofile();
    let sockets: Vec<usize> = env_list("TUPA_CHAT_BENCH_SOCKETS", "1000,5000")
        .iter()
        .map(|s| s.parse().expect("TUPA_CHAT_BENCH_SOCKETS: numbers"))
        .collect();
    let messages: usize =
        std::env::var("TUPA_CHAT_BENCH_MESSAGES").ok().and_then(|v| v.parse().ok()).unwrap_or(500);
    let rate: f64 =
        std::env::var("TUPA_CHAT_BENCH_RATE").ok().and_then(|v| v.parse().ok()).unwrap_or(50.0);
    let setups = env_list("TUPA_CHAT_BENCH_SETUPS", "sqlite,postgres,postgres-two");
    let most = sockets.iter().max().copied().unwrap_or(0) as u64;
    if nofile < most + 100 {
        eprintln!(
            "RLIMIT_NOFILE is {nofile}: too few for {most} sockets; raise the hard limit (ulimit -Hn)"
        );
    }

    let root = std::env::temp_dir().join(format!("tupa-bench-chat-{}", std::process::id()));
    let mut rows = vec![];
    for &n in &sockets {
        for setup in &setups {
            let setup: &'static str = match setup.as_str() {
                "sqlite" => "sqlite",
                "postgres" => "postgres",
                "postgres-two" => "postgres-two",
                other => panic!("unknown setup {other} (sqlite, postgres, postgres-two)"),
            };
            let dir = root.join(format!("{setup}-{n}"));
            std::fs::create_dir_all(&dir).unwrap();
            let row = if setup == "sqlite" {
                let url = format!("sqlite://{}?mode=rwc", dir.join("tupa.sqlite").display());
                run(setup, &url, &dir, n, messages, rate).await
            } else {
                let label = format!("bench_chat_{}", rows.len());
                let row = with_scratch_postgres(&label, |url| async move {
                    run(setup, &url, &dir, n, messages, rate).await
                });
                let Some(row) = row.await else { continue };
                row
            };
            eprintln!("{setup} {n} sockets: p99 {:.1} ms", row.p99);
            rows.push(row);
        }
    }
    let _ = std::fs::remove_dir_all(&root);

    println!();
    println!(
        "chat send-to-receive latency, {} cores, {messages} messages at {rate}/s to random spaces",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    println!(
        "| setup | sockets | connect s | received | p50 ms | p95 ms | p99 ms | max ms | VmRSS / VmHWM MiB per process |"
    );
    println!(
        "|-------|--------:|----------:|---------:|-------:|-------:|-------:|-------:|-------------------------------|"
    );
    for r in &rows {
        let setup = match r.setup {
            "sqlite" => "one process, SQLite",
            "postgres" => "one process, PostgreSQL",
            _ => "two processes, PostgreSQL",
        };
        let memory: Vec<String> =
            r.memory.iter().map(|(rss, hwm)| format!("{rss:.0} / {hwm:.0}")).collect();
        println!(
            "| {setup} | {} | {:.1} | {}/{} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
            r.sockets,
            r.connect_s,
            r.received,
            r.sent,
            r.p50,
            r.p95,
            r.p99,
            r.max,
            memory.join(", ")
        );
    }
    println!();
    match rows.iter().filter(|r| r.setup == "postgres-two").max_by_key(|r| r.sockets) {
        Some(r) => {
            let p99_ok = r.p99 <= TARGET_P99_MS && r.received == r.sent;
            let mem_ok = r.memory.iter().all(|(rss, hwm)| rss.max(*hwm) < TARGET_MIB);
            println!(
                "target (p99 ≤ {TARGET_P99_MS} ms at 5,000 sockets across two processes, < 150 MB = {TARGET_MIB:.0} MiB each), measured at {} sockets: latency {}, memory {}",
                r.sockets,
                if p99_ok { "met" } else { "NOT met" },
                if mem_ok { "met" } else { "NOT met" }
            );
        }
        None => println!("target not measured: no two-process PostgreSQL run"),
    }
}
