//! Benchmark (not a test) of the public job board: requests per second of the board pages
//! (plain, filtered, searched), the feeds and an ad page, with 10 000 open ads
//! (`TUPA_BENCH_ADS` changes it) spread over a few organisations. SQLite, and PostgreSQL when
//! reachable. Prints a table.
//!
//! Then issue 14's three rows side by side with nginx serving the same bytes: the
//! organisation's RSS feed (200 items), `/jobs` and an ad page, each by `wrk` with 8 keep-alive
//! clients against Tupa and against Debian's nginx (`nginx-light`) started here on a loopback
//! port with files captured from Tupa's answers. Without nginx or wrk
//! (`apt-get install nginx-light wrk`) those rows are skipped with a note.
//!
//!     cargo bench -p tupa --bench jobs

mod common;
#[path = "common/nginx.rs"]
mod nginx;
use common::{env_for, install_bench_org, tupa, with_scratch_postgres};

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tupa_core::db::{Db, new_id, now};

struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const TITLES: [&str; 8] = [
    "Sairaanhoitaja",
    "Lastentarhanopettaja",
    "Sosiaalityöntekijä",
    "Kirjastovirkailija",
    "Lähihoitaja",
    "Luokanopettaja",
    "Siivooja",
    "Rakennusinsinööri",
];
const MUNICIPALITIES: [(&str, &str); 5] =
    [("049", "Espoo"), ("091", "Helsinki"), ("092", "Vantaa"), ("853", "Turku"), ("564", "Oulu")];

/// Fills `n` open ads straight into the tables, in multi-row inserts of 500 (the values are
/// ours, so they go into the SQL as literals). Every other ad is in Swedish too.
async fn fill(db: &Db, org_ids: &[String], n: usize) -> Vec<(String, String)> {
    let t = now();
    let mut ids = vec![];
    let mut done = 0;
    while done < n {
        let end = (done + 500).min(n);
        let mut ads = vec![];
        let mut texts = vec![];
        for i in done..end {
            let id = new_id();
            let org = &org_ids[i % org_ids.len()];
            let (code, name) = MUNICIPALITIES[i % MUNICIPALITIES.len()];
            let (employment, working) =
                if i % 3 == 0 { ("fixed-term", "part-time") } else { ("permanent", "full-time") };
            // Published over the last weeks, open for days to come.
            let published = t - (i as i64 % 20_000) * 60;
            let deadline = t + 86_400 * (1 + (i as i64 % 30));
            ads.push(format!(
                "('{org}', '{id}', 'published', NULL, '{name}', '{code}', NULL, 'Katu {i}', '00100', '{name}', '{employment}', '{working}', 'employment-contract', NULL, NULL, 'KVTES', 1, NULL, '[]', '[]', NULL, {deadline}, {published}, 'bench', {published}, {published}, 'not-sent', 0)"
            ));
            let title = TITLES[i % TITLES.len()];
            texts.push(format!("('{org}', '{id}', 'fi', '{title} {i}', 'Haemme joukkoomme osaajaa. Viite {i}.\n\nTyö on monipuolista ja kiinnostavaa, ja tarjoamme hyvän työyhteisön.')"));
            if i % 2 == 0 {
                texts.push(format!("('{org}', '{id}', 'sv', '{title} {i} (sv)', 'Vi söker en kunnig person. Referens {i}.')"));
            }
            ids.push((org.clone(), id));
        }
        let mut tx = db.begin().await.unwrap();
        let sql = format!(
            "INSERT INTO job_ads (org_id, id, status, unit_id, municipality_name, municipality_code, region_code, street, postal_code, city, employment_type, working_time, engagement, start_text, duration_text, salary_basis, vacancies, occupation_code, contacts, questions, publish_at, deadline, published_at, created_by, created_at, updated_at, jobmarket_state, jobmarket_attempts) VALUES {}",
            ads.join(", ")
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await.unwrap();
        let sql = format!(
            "INSERT INTO job_ad_texts (org_id, ad_id, lang, title, description) VALUES {}",
            texts.join(", ")
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        done = end;
    }
    ids
}

/// Requests per second and mean latency of `path` with 8 clients for 4 seconds. A `{n}` in
/// the path is replaced by a number new for each request (a search nobody made before).
async fn rate(client: &reqwest::Client, base: &str, path: &str) -> (f64, f64) {
    let seconds = 4.0;
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(100));
    let mut tasks = vec![];
    for _ in 0..8 {
        let (client, url) = (client.clone(), format!("{base}{path}"));
        let counter = counter.clone();
        tasks.push(tokio::spawn(async move {
            let (mut n, mut ms) = (0u64, 0f64);
            while Instant::now() < deadline {
                let t = Instant::now();
                let next = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let url = url.replace("{n}", &next.to_string());
                let res = client.get(&url).send().await.unwrap();
                assert_eq!(res.status(), 200, "{url}");
                res.bytes().await.unwrap();
                ms += t.elapsed().as_secs_f64() * 1000.0;
                n += 1;
            }
            (n, ms)
        }));
    }
    let (mut n, mut ms) = (0, 0.0);
    for t in tasks {
        let (a, b) = t.await.unwrap();
        n += a;
        ms += b;
    }
    (n as f64 / seconds, ms / n as f64)
}

struct Row {
    backend: &'static str,
    fill_s: f64,
    results: Vec<(&'static str, (f64, f64))>,
    /// Tupa and nginx requests/s on the same bytes; None when nginx or wrk is missing.
    versus: Option<Vec<(&'static str, f64, f64)>>,
}

/// Issue 14's rows: each path's bytes as Tupa answers them, served by nginx too, both
/// measured by wrk.
async fn versus_nginx(
    client: &reqwest::Client,
    base: &str,
    dir: &std::path::Path,
    paths: &[(&'static str, String, &'static str)],
) -> Option<Vec<(&'static str, f64, f64)>> {
    if !nginx::have_wrk() {
        println!("wrk is not installed (apt-get install wrk): the rows beside nginx are skipped");
        return None;
    }
    let mut files = vec![];
    for (_, path, file) in paths {
        let body = client.get(format!("{base}{path}")).send().await.unwrap().bytes().await.unwrap();
        files.push((*file, body.to_vec()));
    }
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(f, b)| (*f, &b[..])).collect();
    let Some(server) = nginx::start(dir, &borrowed).await else {
        println!(
            "nginx is not installed (apt-get install nginx-light): the rows beside it are skipped"
        );
        return None;
    };
    let mut out = vec![];
    for (name, path, file) in paths {
        let tupa = nginx::wrk(&format!("{base}{path}"), 5).unwrap_or(0.0);
        let theirs = nginx::wrk(&format!("{}/{file}", server.base), 5).unwrap_or(0.0);
        out.push((*name, tupa, theirs));
    }
    Some(out)
}

async fn run(backend: &'static str, database_url: String, dir: &std::path::Path, n: usize) -> Row {
    let env = env_for(dir, Some(&*database_url));
    install_bench_org(&env);
    for slug in ["bench-b", "bench-c", "bench-d"] {
        tupa(
            &env,
            &["org", "create", "--slug", slug, "--name", &format!("Org {slug}"), "--plan", "full"],
            None,
        );
    }
    sqlx::any::install_default_drivers();
    let db = Db::connect(&database_url).await.unwrap();
    let orgs: Vec<(String,)> =
        sqlx::query_as("SELECT id FROM organisations WHERE slug LIKE 'bench%' ORDER BY slug")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let org_ids: Vec<String> = orgs.into_iter().map(|o| o.0).collect();
    let t = Instant::now();
    let ids = fill(&db, &org_ids, n).await;
    let fill_s = t.elapsed().as_secs_f64();
    if backend == "PostgreSQL" {
        sqlx::query("ANALYZE").execute(db.pool()).await.unwrap();
    }
    let ad = ids.iter().find(|(org, _)| org == &org_ids[0]).unwrap().1.clone();

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
    let paths: Vec<(&'static str, String)> = vec![
        ("installation board /jobs", "/jobs".into()),
        ("organisation board, page 5", "/jobs/bench?page=5".into()),
        (
            "board filtered (municipality, type)",
            "/jobs/bench?municipality=049&employment_type=permanent".into(),
        ),
        ("board search (one word)", "/jobs?q=sairaanhoitaja".into()),
        // Every request a search not made before: never from the cache.
        ("board search, new each request", "/jobs?q=sairaanhoitaja+{n}".into()),
        ("RSS feed, 200 items", "/jobs/bench/feed.rss".into()),
        ("Atom feed, Swedish", "/jobs/bench/feed.atom?lang=sv".into()),
        ("installation RSS feed", "/jobs/feed.rss".into()),
        ("ad page", format!("/jobs/bench/ad/{ad}")),
    ];
    let mut results = vec![];
    for (name, path) in paths {
        results.push((name, rate(&client, &base, &path).await));
    }
    let versus = versus_nginx(
        &client,
        &base,
        dir,
        &[
            ("organisation RSS feed, 200 items", "/jobs/bench/feed.rss".into(), "feed.rss"),
            ("installation board /jobs", "/jobs".into(), "jobs.html"),
            ("ad page", format!("/jobs/bench/ad/{ad}"), "ad.html"),
        ],
    )
    .await;
    db.close().await;
    Row { backend, fill_s, results, versus }
}

#[tokio::main]
async fn main() {
    // reqwest is built without a crypto provider of its own (see tupa_core::http).
    tupa_core::http::install_crypto_provider();
    let n: usize =
        std::env::var("TUPA_BENCH_ADS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("tupa-bench-jobs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite_url = format!("sqlite://{}?mode=rwc", dir.join("tupa.sqlite").display());
    let mut rows = vec![run("SQLite", sqlite_url, &dir, n).await];
    let pg_dir = dir.join("pg");
    std::fs::create_dir_all(&pg_dir).unwrap();
    let postgres =
        with_scratch_postgres("bench_jobs", |url| run("PostgreSQL", url, &pg_dir, n)).await;
    rows.extend(postgres);
    let _ = std::fs::remove_dir_all(&dir);
    println!();
    println!(
        "job board, {n} open ads in 4 organisations, 8 clients, {} cores",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    for r in rows {
        println!();
        println!("{} (filled in {:.1} s)", r.backend, r.fill_s);
        println!("| request                              | requests/s | mean ms |");
        println!("|--------------------------------------|-----------:|--------:|");
        for (name, (per_s, ms)) in r.results {
            println!("| {name:<36} | {per_s:>10.1} | {ms:>7.1} |");
        }
        if let Some(versus) = r.versus {
            println!();
            println!(
                "{} beside nginx on the same bytes (wrk, 8 keep-alive connections)",
                r.backend
            );
            println!("| request                              | Tupa req/s | nginx req/s | ratio |");
            println!("|--------------------------------------|-----------:|------------:|------:|");
            for (name, tupa, theirs) in versus {
                let ratio = if theirs > 0.0 { tupa / theirs } else { 0.0 };
                println!("| {name:<36} | {tupa:>10.0} | {theirs:>11.0} | {ratio:>5.2} |");
            }
        }
    }
}
