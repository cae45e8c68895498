//! Benchmark (not a test): a soak of `tupa serve` under a steady, mixed load, to see whether
//! its memory levels off. SQLite, and PostgreSQL when reachable. Prints the resident memory
//! every 30 s and a table at the end.
//!
//!     cargo bench -p tupa --bench soak
//!
//! `TUPA_SOAK_RATE` requests per second (default 100) for `TUPA_SOAK_SECONDS` (default 900)
//! on each backend; `TUPA_SOAK_BACKENDS=sqlite` (or `postgres`) runs one only;
//! `TUPA_SOAK_TICKETS` adds that many tickets before the start, for a desk in use. The release
//! binary runs as a separate process on loopback, seeded by `tupa demo`, as a trainer would
//! set one up. The load is open-loop: request *i* is sent at start + i / rate whatever the
//! answers before it did, so a slow server shows as latency, not as a lower rate. The loop
//! sends at most rate × seconds requests and stops issuing a minute past its time.
//!
//! The mix, per 20 requests: 4 job-board pages, 3 ad pages, 2 contact forms, 4 `/api/v1/me`,
//! 3 work-queue API calls (with the filters the desk offers), 1 list of canned answers and
//! 3 ticket pages as a signed-in adviser; besides, a contact form sent every 10 s (from
//! changing client addresses, as behind a load balancer), a ticket made through the API every
//! 5 s, and a ticket page's live stream opened every 20 s.

mod common;
#[path = "common/server.rs"]
mod server;
use common::tupa;
use server::{start, status_field};

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ORG: &str = "esimerkkila";
const ADVISER: &str = "adviser@esimerkkila.invalid";
/// How often the resident memory is read (it is printed every 30 s).
const SAMPLE_EVERY: Duration = Duration::from_secs(5);
/// Requests in flight at most; a request that finds no room is counted as an error.
const MAX_IN_FLIGHT: usize = 256;

/// The CSRF token of a page's form.
fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a form with a CSRF token") + 19;
    html[start..].split('"').next().unwrap().to_string()
}

/// What one scheduled request does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Board,
    Ad,
    ContactForm,
    ContactSend,
    Me,
    WorkQueue,
    Canned,
    TicketPage,
    CreateTicket,
    Live,
}

/// The kind of request number `i` at `rate` requests per second (see the module comment).
fn kind_of(i: u64, rate: u64) -> Kind {
    if i % (rate * 5) == rate * 5 - 1 {
        return Kind::CreateTicket;
    }
    if i % (rate * 10) == 7 {
        return Kind::ContactSend;
    }
    if i % (rate * 20) == 13 {
        return Kind::Live;
    }
    match i % 20 {
        0..=3 => Kind::Board,
        4..=6 => Kind::Ad,
        7..=8 => Kind::ContactForm,
        9..=12 => Kind::Me,
        13..=15 => Kind::WorkQueue,
        16 => Kind::Canned,
        _ => Kind::TicketPage,
    }
}

/// Filters of the work queue, as the desk's views use them.
const QUEUE_FILTERS: [&str; 8] = [
    "",
    "?status=all",
    "?assignee=me",
    "?assignee=unassigned",
    "?sort=created&limit=20",
    "?q=p%C3%A4iv%C3%A4hoito",
    "?q=laskutus%20kysymys",
    "?sla=due-soon",
];

/// Everything the load needs, shared by the request tasks.
struct Load {
    base: String,
    token: String,
    /// Signed in as the adviser (session cookie).
    adviser: reqwest::Client,
    /// Anonymous, no cookies: the public pages and the API.
    public: reqwest::Client,
    ad_paths: Vec<String>,
    /// Case numbers of the desk; tickets made during the soak join it.
    cases: Mutex<Vec<String>>,
    latencies_us: Mutex<Vec<u32>>,
    errors: Mutex<Vec<(Kind, String)>>,
    sent: AtomicU64,
}

impl Load {
    fn error(&self, kind: Kind, what: String) {
        self.errors.lock().unwrap().push((kind, what));
    }

    fn case(&self, i: u64) -> String {
        let cases = self.cases.lock().unwrap();
        cases[(i as usize / 7) % cases.len()].clone()
    }

    /// Sends request `i`; returns an error text for an unexpected answer.
    async fn one(&self, i: u64, kind: Kind) -> Result<(), String> {
        let base = &self.base;
        let res = match kind {
            Kind::Board => self.public.get(format!("{base}/jobs/{ORG}")).send().await,
            Kind::Ad => {
                let path = &self.ad_paths[i as usize % self.ad_paths.len()];
                self.public.get(format!("{base}{path}")).send().await
            }
            Kind::ContactForm => self.public.get(format!("{base}/contact/{ORG}")).send().await,
            Kind::ContactSend => return self.contact(i).await,
            Kind::Me => {
                self.public.get(format!("{base}/api/v1/me")).bearer_auth(&self.token).send().await
            }
            Kind::WorkQueue => {
                let filter = QUEUE_FILTERS[(i as usize / 20) % QUEUE_FILTERS.len()];
                self.public
                    .get(format!("{base}/api/v1/orgs/{ORG}/tickets{filter}"))
                    .bearer_auth(&self.token)
                    .send()
                    .await
            }
            Kind::Canned => {
                self.public
                    .get(format!("{base}/api/v1/orgs/{ORG}/desk/canned-answers"))
                    .bearer_auth(&self.token)
                    .send()
                    .await
            }
            Kind::TicketPage => {
                self.adviser.get(format!("{base}/orgs/{ORG}/desk/{}", self.case(i))).send().await
            }
            Kind::CreateTicket => return self.create_ticket(i).await,
            Kind::Live => return self.live(i).await,
        }
        .map_err(|e| e.to_string())?;
        let status = res.status();
        res.bytes().await.map_err(|e| e.to_string())?;
        if status != 200 {
            return Err(format!("HTTP {status}"));
        }
        Ok(())
    }

    /// A citizen's contact: the form, then the message sent from it, from an address of its
    /// own (the throttle counts per address; 10 a client in ten minutes).
    async fn contact(&self, i: u64) -> Result<(), String> {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let ip = format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255);
        let url = format!("{}/contact/{ORG}", self.base);
        let form = client.get(&url).header("x-forwarded-for", &ip).send().await;
        let html = form.map_err(|e| e.to_string())?.text().await.map_err(|e| e.to_string())?;
        let csrf = csrf_of(&html);
        let body = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("name", format!("Asiakas {i}"))
            .text("email", format!("asiakas{i}@example.invalid"))
            .text("subject", "Kysymys laskusta")
            .text("message", format!("Hei, sain laskun {i}, jota en ymmärrä. Kiitos!"))
            .text("website", "");
        let res = client
            .post(format!("{url}?csrf={csrf}"))
            .header("x-forwarded-for", &ip)
            .multipart(body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = res.status();
        let html = res.text().await.map_err(|e| e.to_string())?;
        if status != 200 || html.contains("role=\"alert\"") {
            return Err(format!("contact HTTP {status}"));
        }
        Ok(())
    }

    /// A ticket taken by phone, recorded through the API.
    async fn create_ticket(&self, i: u64) -> Result<(), String> {
        let res = self
            .public
            .post(format!("{}/api/v1/orgs/{ORG}/tickets", self.base))
            .bearer_auth(&self.token)
            .json(&serde_json::json!({
                "name": format!("Soittaja {i}"),
                "email": format!("soittaja{i}@example.invalid"),
                "subject": format!("Puhelu {i}: päivähoito"),
                "message": "Soitti ja kysyi päivähoitopaikan vaihtamisesta syksyllä.",
                "language": "fi",
            }))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = res.status();
        let body: serde_json::Value = res.json().await.map_err(|e| e.to_string())?;
        if status != 201 {
            return Err(format!("create HTTP {status}: {body}"));
        }
        self.cases.lock().unwrap().push(body["case_number"].as_str().unwrap().to_string());
        Ok(())
    }

    /// A ticket page's live stream: open it, wait for the first event (who else is viewing),
    /// close it, as a browser does when the adviser moves on.
    async fn live(&self, i: u64) -> Result<(), String> {
        use futures_util::StreamExt;
        let url = format!("{}/orgs/{ORG}/desk/{}/events", self.base, self.case(i));
        let res = self.adviser.get(url).send().await.map_err(|e| e.to_string())?;
        if res.status() != 200 {
            return Err(format!("live HTTP {}", res.status()));
        }
        let mut stream = res.bytes_stream();
        match tokio::time::timeout(Duration::from_secs(10), stream.next()).await {
            Ok(Some(Ok(_))) => Ok(()),
            other => Err(format!("live stream: {other:?}")),
        }
    }
}

/// Resident memory at one moment of the soak.
#[derive(Clone, Copy)]
struct Sample {
    secs: f64,
    rss_kib: u64,
}

/// Least-squares slope of the resident memory, in MiB a minute, over samples from `from_secs`.
fn slope(samples: &[Sample], from_secs: f64) -> f64 {
    let pts: Vec<(f64, f64)> = samples
        .iter()
        .filter(|s| s.secs >= from_secs)
        .map(|s| (s.secs / 60.0, s.rss_kib as f64 / 1024.0))
        .collect();
    let n = pts.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let (mx, my) =
        (pts.iter().map(|p| p.0).sum::<f64>() / n, pts.iter().map(|p| p.1).sum::<f64>() / n);
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
    if sxx == 0.0 { 0.0 } else { sxy / sxx }
}

struct Row {
    backend: &'static str,
    requests: u64,
    start_mib: f64,
    warm_mib: f64,
    end_mib: f64,
    /// Over the last two thirds, and over the last third alone.
    slope: (f64, f64),
    threads: u64,
    errors: usize,
    p50_ms: f64,
    p99_ms: f64,
}

/// Adds `n` tickets to the demo's desk straight through the domain functions, in
/// transactions of 500, before the server starts.
async fn fill(database_url: &str, n: u64) {
    use tupa_core::desk::{queues, tickets};
    sqlx::any::install_default_drivers();
    let db = tupa_core::db::Db::connect(database_url).await.unwrap();
    let (org_id,): (String,) = sqlx::query_as("SELECT id FROM organisations WHERE slug = $1")
        .bind(ORG)
        .fetch_one(db.pool())
        .await
        .unwrap();
    let mut done = 0;
    while done < n {
        let mut tx = db.begin().await.unwrap();
        let queue = queues::default_queue(&mut tx, &org_id).await.unwrap();
        for i in done..(done + 500).min(n) {
            let from = format!("asiakas{i}@example.invalid");
            let first_message = tickets::NewMessage {
                kind: tupa_core::desk::tickets::MessageKind::Incoming,
                author_user_id: None,
                from_address: Some(from.clone()),
                from_name: None,
                to: vec![],
                cc: vec![],
                subject: format!("Kysymys {i}"),
                body_text: format!("Hei, kysyisin laskusta {i} ja päivähoidosta. Kiitos!"),
                body_html: None,
                message_id: Some(format!("{i}@example.invalid")),
                raw_mail_id: None,
                auto_kind: Some(tupa_core::mail::inbound::AutoKind::Human),
                attachments: vec![],
            };
            let ticket = tickets::NewTicket {
                subject: format!("Kysymys {i}: laskutus"),
                requester_email: from,
                requester_name: Some(format!("Asiakas {i}")),
                requester_lang: "fi".into(),
                channel: tupa_core::desk::tickets::TicketChannel::Email,
                category_id: None,
                refers_to: None,
                cc: vec![],
                first_message,
            };
            tickets::create(&mut tx, &queue, ticket).await.unwrap();
        }
        tx.commit().await.unwrap();
        done = (done + 500).min(n);
    }
    db.close().await;
}

/// Seeds a fresh instance with `tupa demo`, starts `tupa serve` and runs the soak.
async fn run(
    backend: &'static str,
    database_url: Option<String>,
    rate: u64,
    seconds: u64,
    prefill: u64,
) -> Row {
    let dir = std::env::temp_dir().join(format!("tupa-soak-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut env = vec![
        ("TUPA_DATA_DIR".to_string(), dir.display().to_string()),
        ("TUPA_LOG".into(), "warn".into()),
        // The contact forms come from changing addresses, as through a load balancer.
        ("TUPA_TRUST_FORWARDED_FOR".into(), "true".into()),
    ];
    let database_url = database_url
        .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", dir.join("tupa.sqlite").display()));
    env.push(("DATABASE_URL".into(), database_url.clone()));
    let demo = tupa(&env, &["demo"], None);
    if prefill > 0 {
        fill(&database_url, prefill).await;
    }
    let password = demo
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some(ADVISER))
        .and_then(|l| l.split("password: ").nth(1))
        .expect("the demo prints the adviser's password")
        .trim()
        .to_string();
    let token = tupa(&env, &["token", "create", "--email", ADVISER, "--name", "soak"], None);
    let server = start(&env).await;
    let base = server.base.clone();
    let pid = server.child.id();

    let adviser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let html = adviser.get(format!("{base}/sign-in")).send().await.unwrap().text().await.unwrap();
    let res = adviser
        .post(format!("{base}/sign-in"))
        .form(&[("email", ADVISER), ("password", password.as_str()), ("csrf", &csrf_of(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "the adviser could not sign in");
    let public = reqwest::Client::new();
    let board =
        public.get(format!("{base}/jobs/{ORG}")).send().await.unwrap().text().await.unwrap();
    let prefix = format!("/jobs/{ORG}/ad/");
    let ad_paths: Vec<String> = board
        .match_indices(&prefix)
        .map(|(at, _)| board[at..].split(['"', '?']).next().unwrap().to_string())
        .collect();
    assert!(!ad_paths.is_empty(), "the demo's job board lists no ads");
    let tickets: serde_json::Value = public
        .get(format!("{base}/api/v1/orgs/{ORG}/tickets?status=all"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cases: Vec<String> = tickets
        .as_array()
        .expect("a list of tickets")
        .iter()
        .map(|t| t["case_number"].as_str().unwrap().to_string())
        .collect();
    assert!(!cases.is_empty(), "the demo made no tickets");

    let load = Arc::new(Load {
        base,
        token,
        adviser,
        public,
        ad_paths,
        cases: Mutex::new(cases),
        latencies_us: Mutex::new(Vec::with_capacity((rate * seconds) as usize)),
        errors: Mutex::new(vec![]),
        sent: AtomicU64::new(0),
    });
    tokio::time::sleep(Duration::from_secs(1)).await;
    let start_kib = status_field(pid, "VmRSS:");
    println!("[{backend}] start: RSS {:.1} MiB", start_kib as f64 / 1024.0);

    let started = Instant::now();
    let samples = Arc::new(Mutex::new(vec![Sample { secs: 0.0, rss_kib: start_kib }]));
    let done = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (samples, load, done) = (samples.clone(), load.clone(), done.clone());
        tokio::spawn(async move {
            let mut tick =
                tokio::time::interval_at(tokio::time::Instant::now() + SAMPLE_EVERY, SAMPLE_EVERY);
            let mut n = 0u64;
            while done.load(Ordering::Relaxed) == 0 {
                tick.tick().await;
                n += 1;
                let secs = started.elapsed().as_secs_f64();
                let rss_kib = status_field(pid, "VmRSS:");
                samples.lock().unwrap().push(Sample { secs, rss_kib });
                if n.is_multiple_of(6) {
                    println!(
                        "[{backend}] {:>5.0} s: RSS {:>6.1} MiB (anonymous {:>6.1}), {} threads, {} requests, {} errors",
                        secs,
                        rss_kib as f64 / 1024.0,
                        status_field(pid, "RssAnon:") as f64 / 1024.0,
                        status_field(pid, "Threads:"),
                        load.sent.load(Ordering::Relaxed),
                        load.errors.lock().unwrap().len()
                    );
                }
            }
        })
    };

    // The load: request i at started + i / rate, bounded in count and in time.
    let total = rate * seconds;
    let hard_stop = started + Duration::from_secs(seconds + 60);
    let room = Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..total {
        let at = started + Duration::from_nanos(i * 1_000_000_000 / rate);
        tokio::time::sleep_until(at.into()).await;
        if Instant::now() > hard_stop {
            break;
        }
        while tasks.try_join_next().is_some() {}
        let kind = kind_of(i, rate);
        load.sent.fetch_add(1, Ordering::Relaxed);
        let Ok(permit) = room.clone().try_acquire_owned() else {
            load.error(kind, "too many requests in flight".into());
            continue;
        };
        let load = load.clone();
        tasks.spawn(async move {
            let t = Instant::now();
            let result = tokio::time::timeout(Duration::from_secs(30), load.one(i, kind)).await;
            let us = t.elapsed().as_micros().min(u32::MAX as u128) as u32;
            drop(permit);
            match result {
                Ok(Ok(())) => load.latencies_us.lock().unwrap().push(us),
                Ok(Err(e)) => load.error(kind, e),
                Err(_) => load.error(kind, "no answer in 30 s".into()),
            }
        });
    }
    while tasks.join_next().await.is_some() {}
    let end_kib = status_field(pid, "VmRSS:");
    let threads = status_field(pid, "Threads:");
    done.store(1, Ordering::Relaxed);
    sampler.abort();
    let mut samples = samples.lock().unwrap().clone();
    samples.push(Sample { secs: started.elapsed().as_secs_f64(), rss_kib: end_kib });
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);

    let third = seconds as f64 / 3.0;
    let warm_kib = samples
        .iter()
        .min_by(|a, b| (a.secs - third).abs().total_cmp(&(b.secs - third).abs()))
        .map(|s| s.rss_kib)
        .unwrap_or(0);
    let errors = load.errors.lock().unwrap();
    let mut by_kind: Vec<(Kind, &str)> = errors.iter().map(|(k, e)| (*k, e.as_str())).collect();
    by_kind.sort();
    by_kind.dedup_by_key(|e| e.0);
    for (kind, first) in by_kind {
        let n = errors.iter().filter(|e| e.0 == kind).count();
        println!("[{backend}] {n} errors on {kind:?}, the first: {first}");
    }
    let mut lat = load.latencies_us.lock().unwrap().clone();
    lat.sort_unstable();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .map(|us| *us as f64 / 1000.0)
            .unwrap_or(0.0)
    };
    Row {
        backend,
        requests: load.sent.load(Ordering::Relaxed),
        start_mib: start_kib as f64 / 1024.0,
        warm_mib: warm_kib as f64 / 1024.0,
        end_mib: end_kib as f64 / 1024.0,
        slope: (slope(&samples, third), slope(&samples, 2.0 * third)),
        threads,
        errors: errors.len(),
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|v| *v > 0).unwrap_or(default)
}

#[tokio::main]
async fn main() {
    tupa_core::http::install_crypto_provider();
    let rate = env_u64("TUPA_SOAK_RATE", 100);
    let seconds = env_u64("TUPA_SOAK_SECONDS", 900);
    let prefill = std::env::var("TUPA_SOAK_TICKETS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let backends = std::env::var("TUPA_SOAK_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    let mut rows = vec![];
    if backends.contains("sqlite") {
        rows.push(run("SQLite", None, rate, seconds, prefill).await);
    }
    if backends.contains("postgres") {
        let admin_url = std::env::var("TUPA_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        sqlx::any::install_default_drivers();
        match sqlx::AnyPool::connect(&admin_url).await {
            Ok(pool) => {
                let name = format!("tupa_soak_{}", std::process::id());
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&pool)
                    .await
                    .unwrap();
                let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
                rows.push(
                    run("PostgreSQL", Some(format!("{base}/{name}")), rate, seconds, prefill).await,
                );
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)")))
                    .execute(&pool)
                    .await
                    .unwrap();
            }
            Err(e) => eprintln!("PostgreSQL not reachable ({e}); SQLite only"),
        }
    }
    println!();
    println!(
        "tupa serve soak: {rate} requests/s for {seconds} s per backend, {prefill} tickets added first, {} cores",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    println!(
        "| backend    | requests | RSS start MiB | RSS after 1/3 MiB | RSS end MiB | slope last 2/3 MiB/min | slope last 1/3 MiB/min | threads | errors | p50 ms | p99 ms |"
    );
    println!(
        "|------------|---------:|--------------:|------------------:|------------:|-----------------------:|-----------------------:|--------:|-------:|-------:|-------:|"
    );
    for r in rows {
        println!(
            "| {:<10} | {:>8} | {:>13.1} | {:>17.1} | {:>11.1} | {:>22.2} | {:>22.2} | {:>7} | {:>6} | {:>6.1} | {:>6.1} |",
            r.backend,
            r.requests,
            r.start_mib,
            r.warm_mib,
            r.end_mib,
            r.slope.0,
            r.slope.1,
            r.threads,
            r.errors,
            r.p50_ms,
            r.p99_ms
        );
    }
}
