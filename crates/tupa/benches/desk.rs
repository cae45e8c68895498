//! Benchmark (not a test) of the service desk: messages ingested per second through
//! `tupa mail ingest` (a process per message, as an MTA runs it) and through the API, and
//! the latency of the work-queue page and of search with many tickets (100 000 by default;
//! `TUPA_BENCH_TICKETS` changes it). SQLite, and PostgreSQL when reachable. Prints a table.
//!
//!     cargo bench -p tupa --bench desk

mod common;
use common::{PASSWORD, create_staff, env_for, install_bench_org, tupa, with_scratch_postgres};

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tupa_core::config::{Environment, Settings};
use tupa_core::db::Db;
use tupa_core::desk::{queues, tickets};

struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const WORDS: [&str; 12] = [
    "päivähoito",
    "laskutus",
    "pysäköinti",
    "kotihoito",
    "rakennuslupa",
    "jätehuolto",
    "kirjasto",
    "uimahalli",
    "vuokra",
    "koulukuljetus",
    "terveyskeskus",
    "avustus",
];

/// Fills the desk with `n` tickets (in batches, straight through the domain functions).
async fn fill(db: &Db, org_id: &str, n: usize) {
    let settings = Settings {
        environment: Environment::Training,
        public_url: "http://bench".into(),
        data_dir: ".".into(),
        database_url: String::new(),
        smtp_url: None,
        mail_from: "bench@bench.invalid".into(),
        trust_forwarded_for: false,
        secret_key: None,
        imap_ca_file: None,
        imap_poll_seconds: 60,
        turn: None,
    };
    let _ = settings;
    let mut done = 0;
    while done < n {
        let mut tx = db.begin().await.unwrap();
        let queue = queues::default_queue(&mut tx, org_id).await.unwrap();
        for i in done..(done + 1000).min(n) {
            let word = WORDS[i % WORDS.len()];
            tickets::create(
                &mut tx,
                &queue,
                tickets::NewTicket {
                    subject: format!("Kysymys {i}: {word}"),
                    requester_email: format!("asiakas{i}@example.invalid"),
                    requester_name: Some(format!("Asiakas {i}")),
                    requester_lang: "fi".into(),
                    channel: "email",
                    category_id: None,
                    refers_to: None,
                    cc: vec![],
                    first_message: tickets::NewMessage {
                        kind: "incoming",
                        author_user_id: None,
                        from_address: Some(format!("asiakas{i}@example.invalid")),
                        from_name: None,
                        to: vec![],
                        cc: vec![],
                        subject: format!("Kysymys {i}"),
                        body_text: format!("Hei, minulla on kysymys aiheesta {word}. Viite {i}. Kiitos vastauksesta etukäteen."),
                        body_html: None,
                        message_id: Some(format!("{i}@example.invalid")),
                        raw_mail_id: None,
                        auto_kind: Some("human"),
                        attachments: vec![],
                    },
                },
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        done = (done + 1000).min(n);
    }
}

fn stats(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mean = ms.iter().sum::<f64>() / ms.len() as f64;
    let p95 = ms[((ms.len() as f64) * 0.95) as usize - 1];
    (mean, p95)
}

struct Row {
    backend: &'static str,
    tickets: usize,
    fill_s: f64,
    cli_per_s: f64,
    api_per_s: f64,
    queue: (f64, f64),
    search: (f64, f64),
    search_rare: (f64, f64),
}

async fn run(backend: &'static str, database_url: String, dir: &std::path::Path, n: usize) -> Row {
    let env = env_for(dir, Some(&*database_url));
    install_bench_org(&env);
    tupa(&env, &["desk", "address", "add", "--org", "bench", "--address", "desk@bench.test"], None);
    create_staff(&env, "adviser@bench.test", "adviser");
    let token = tupa(&env, &["token", "create", "--email", "adviser@bench.test"], None);

    sqlx::any::install_default_drivers();
    let db = Db::connect(&database_url).await.unwrap();
    let org_id: (String,) = sqlx::query_as("SELECT id FROM organisations WHERE slug = 'bench'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let t = Instant::now();
    fill(&db, &org_id.0, n).await;
    let fill_s = t.elapsed().as_secs_f64();
    if backend == "PostgreSQL" {
        // What autovacuum would have done by now on a desk that grew to this size.
        sqlx::query("ANALYZE").execute(db.pool()).await.unwrap();
    }

    // Through the MTA hook: one process per message.
    let count = 30;
    let t = Instant::now();
    for i in 0..count {
        let msg = format!(
            "From: mta{i}@example.invalid\r\nTo: desk@bench.test\r\nSubject: Viesti {i}\r\nMessage-ID: <mta{i}@example.invalid>\r\n\r\nHei {i}\r\n"
        );
        tupa(&env, &["mail", "ingest", "--recipient", "desk@bench.test"], Some(&msg));
    }
    let cli_per_s = count as f64 / t.elapsed().as_secs_f64();

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tupa"));
    cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in &env {
        cmd.env(k, v);
    }
    let _server = Server(cmd.spawn().unwrap());
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Through the API, 8 at a time for 5 seconds.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut tasks = vec![];
    for w in 0..8 {
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < deadline {
                let res = client
                    .post(format!("{base}/api/v1/orgs/bench/tickets"))
                    .bearer_auth(&token)
                    .json(&serde_json::json!({"name": "API", "email": format!("api{w}-{n}@example.invalid"), "message": "Kysymys rajapinnan kautta"}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 201);
                n += 1;
            }
            n
        }));
    }
    let mut api_total = 0;
    for t in tasks {
        api_total += t.await.unwrap();
    }
    let api_per_s = api_total as f64 / 5.0;

    // The work-queue page (HTML, signed in) and search, one request at a time.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let html = browser.get(format!("{base}/sign-in")).send().await.unwrap().text().await.unwrap();
    let start = html.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = html[start..start + 43].to_string();
    browser
        .post(format!("{base}/sign-in"))
        .form(&[("email", "adviser@bench.test"), ("password", PASSWORD), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let mut queue_ms = vec![];
    for _ in 0..40 {
        let t = Instant::now();
        let res = browser.get(format!("{base}/orgs/bench/desk")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        res.bytes().await.unwrap();
        queue_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let mut search_ms = vec![];
    for i in 0..40 {
        let t = Instant::now();
        let res = client
            .get(format!(
                "{base}/api/v1/orgs/bench/tickets?status=all&q={}",
                WORDS[i % WORDS.len()]
            ))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.bytes().await.unwrap();
        search_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    // A rare word: one customer's reference number (one ticket among all).
    let mut rare_ms = vec![];
    for i in 0..40 {
        let t = Instant::now();
        let res = client
            .get(format!("{base}/api/v1/orgs/bench/tickets?status=all&q=viite+{}", (i * 2477) % n))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let found: serde_json::Value = res.json().await.unwrap();
        assert!(!found.as_array().unwrap().is_empty());
        rare_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    db.close().await;
    Row {
        backend,
        tickets: n,
        fill_s,
        cli_per_s,
        api_per_s,
        queue: stats(queue_ms),
        search: stats(search_ms),
        search_rare: stats(rare_ms),
    }
}

#[tokio::main]
async fn main() {
    tupa_core::http::install_crypto_provider();
    let n: usize =
        std::env::var("TUPA_BENCH_TICKETS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("tupa-bench-desk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite_url = format!("sqlite://{}?mode=rwc", dir.join("tupa.sqlite").display());
    let mut rows = vec![run("SQLite", sqlite_url, &dir, n).await];
    let pg_dir = dir.join("pg");
    std::fs::create_dir_all(&pg_dir).unwrap();
    let postgres =
        with_scratch_postgres("bench_desk", |url| run("PostgreSQL", url, &pg_dir, n)).await;
    rows.extend(postgres);
    let _ = std::fs::remove_dir_all(&dir);
    println!();
    println!(
        "service desk, {} cores",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    println!(
        "| backend    | tickets | fill s | `mail ingest` msg/s (process each) | API tickets/s (8 clients) | queue page ms mean / p95 | search, common word (1 in 12 tickets) ms mean / p95 | search, reference number ms mean / p95 |"
    );
    println!(
        "|------------|--------:|-------:|-----------------------------------:|--------------------------:|-------------------------:|---------------------:|---------------------:|"
    );
    for r in rows {
        println!(
            "| {:<10} | {:>7} | {:>6.1} | {:>34.1} | {:>25.1} | {:>11.1} / {:>10.1} | {:>8.1} / {:>9.1} | {:>8.1} / {:>9.1} |",
            r.backend,
            r.tickets,
            r.fill_s,
            r.cli_per_s,
            r.api_per_s,
            r.queue.0,
            r.queue.1,
            r.search.0,
            r.search.1,
            r.search_rare.0,
            r.search_rare.1
        );
    }
}
