//! Benchmark (not a test) of reporting: the time of `GET /api/v1/orgs/{org}/reports` and of
//! the XLSX download over a year of a large organisation — 100 000 tickets (each with a
//! message, half with a reply), 5 000 guidance spaces (with messages, tasks, calls, meter
//! answers and feedback) and 200 job ads with 5 000 applications, bulk-inserted with SQL.
//! `TUPA_BENCH_TICKETS` and `TUPA_BENCH_SPACES` change the sizes. SQLite, and PostgreSQL when
//! reachable. Prints a table.
//!
//!     cargo bench -p tupa --bench reports

mod common;
use common::{create_staff, env_for, install_bench_org, tupa, with_scratch_postgres};

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tupa_core::db::Db;

/// 1 January 2026 00:00 in Helsinki.
const YEAR_START: i64 = 1_767_218_400;
const YEAR: i64 = 365 * 86_400;

struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `n` rows numbered 1..=n for an INSERT … SELECT (a recursive CTE works on both backends).
fn numbers(n: usize) -> String {
    format!("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})")
}

async fn fill(db: &Db, org: &str, queue: &str, user: &str, tickets: usize, spaces: usize) {
    let t = |i: &str| format!("({YEAR_START} + ({i} * 7919) % {YEAR})");
    let statements = [
        format!(
            "{} INSERT INTO desk_categories (org_id, id, name, created_at) SELECT '{org}', 'cat' || i, 'Luokka ' || i, {YEAR_START} FROM n",
            numbers(12)
        ),
        format!(
            "{} INSERT INTO tickets (org_id, id, case_number, queue_id, category_id, subject, status, priority, channel, requester_email, requester_lang, created_at, updated_at, first_responded_at, resolved_at, first_response_due, resolution_due, reopen_count)
             SELECT '{org}', 'bt' || i, 'B-' || i, '{queue}', CASE WHEN i % 13 = 0 THEN NULL ELSE 'cat' || (i % 12 + 1) END, 'Kysymys', CASE i % 5 WHEN 0 THEN 'new' WHEN 1 THEN 'open' WHEN 2 THEN 'waiting' WHEN 3 THEN 'resolved' ELSE 'closed' END,
                    'normal', CASE i % 3 WHEN 0 THEN 'email' WHEN 1 THEN 'web' ELSE 'api' END, 'asiakas' || (i % 40000) || '@example.invalid', 'fi',
                    {c}, {c}, {c} + 3600 * (i % 30), CASE WHEN i % 5 >= 3 THEN {c} + 7200 * (i % 50) END, {c} + 28800, {c} + 144000, i % 17 / 16
             FROM n",
            numbers(tickets),
            c = t("i")
        ),
        format!(
            "{} INSERT INTO ticket_messages (org_id, id, ticket_id, kind, to_addresses, cc_addresses, subject, body_text, created_at)
             SELECT '{org}', 'bm' || i, 'bt' || ((i - 1) / 3 * 2 + 1), CASE WHEN i % 3 = 0 THEN 'reply' ELSE 'incoming' END, '', '', 'S', 'B', {} FROM n",
            numbers(tickets * 3 / 2),
            t("i")
        ),
        format!(
            "{} INSERT INTO guidance_spaces (org_id, id, title, status, created_by, client_email, client_name, lang, created_at, updated_at, closed_at, last_client_sign_in_at)
             SELECT '{org}', 'bs' || i, 'Tila', CASE WHEN i % 4 = 0 THEN 'closed' ELSE 'open' END, '{user}', 'k' || i || '@example.invalid', 'K', 'fi', {c}, {c}, CASE WHEN i % 4 = 0 THEN {c} + 86400 * 30 END, {c} + 3600 FROM n",
            numbers(spaces),
            c = t("i")
        ),
        format!(
            "{} INSERT INTO space_messages (org_id, id, space_id, kind, author_user_id, author_name, body, created_at)
             SELECT '{org}', 'bsm' || i, 'bs' || (i % {spaces} + 1), 'message', '{user}', 'N', 'B', {} FROM n",
            numbers(spaces * 10),
            t("i")
        ),
        format!(
            "{} INSERT INTO space_tasks (org_id, id, space_id, title, instructions, status, created_by, created_at, updated_at, done_at)
             SELECT '{org}', 'bst' || i, 'bs' || (i % {spaces} + 1), 'T', 'I', 'open', '{user}', {c}, {c}, CASE WHEN i % 2 = 0 THEN {c} + 86400 END FROM n",
            numbers(spaces * 2),
            c = t("i")
        ),
        format!(
            "{} INSERT INTO space_calls (org_id, id, space_id, started_by, started_at, connected_at, duration_seconds)
             SELECT '{org}', 'bc' || i, 'bs' || i, '{user}', {c}, {c}, 600 + i % 1200 FROM n",
            numbers(spaces),
            c = t("i")
        ),
        format!(
            "{} INSERT INTO meter_answers (org_id, id, space_id, meter_id, answer_values, comment, answered_by, created_at)
             SELECT '{org}', 'ba' || i, 'bs' || ((i - 1) / 2 + 1), 'tupa-default', CASE WHEN i % 2 = 1 THEN '{{\"health\": 3, \"housing\": 5, \"finances\": 4}}' ELSE '{{\"health\": 6, \"housing\": 5, \"finances\": 3}}' END, '', 'k', {} + i % 2 * 86400 FROM n",
            numbers(spaces * 2),
            t("((i - 1) / 2 + 1)")
        ),
        format!(
            "{} INSERT INTO guidance_feedback (org_id, id, occasion, score, comment, counsellor_id, given_on)
             SELECT '{org}', 'bf' || i, 'meeting', i % 5 + 1, '', '{user}', {} FROM n",
            numbers(spaces),
            t("i")
        ),
        format!(
            "{} INSERT INTO job_ads (org_id, id, status, municipality_name, municipality_code, street, postal_code, city, employment_type, working_time, engagement, vacancies, contacts, questions, deadline, published_at, created_by, created_at, updated_at, jobmarket_state, jobmarket_attempts)
             SELECT '{org}', 'bad' || i, 'published', 'Espoo', '049', '', '', '', 'permanent', 'full-time', 'employment-contract', 1, '[]', '[]', {c} + 86400 * 30, {c}, '{user}', {c}, {c}, 'not-sent', 0 FROM n",
            numbers(200),
            c = t("i")
        ),
        format!(
            "{} INSERT INTO applications (org_id, id, ad_id, reference, stage, first_name, last_name, email, lang, answers, cover_letter, consent_at, access_token_hash, created_at, updated_at)
             SELECT '{org}', 'bap' || i, 'bad' || (i % 200 + 1), 'R' || i, 'received', 'F', 'L', 'h' || i || '@example.invalid', 'fi', '{{}}', '', {c}, 'bh' || i, {c}, {c} FROM n",
            numbers(5000),
            c = t("i")
        ),
    ];
    for s in statements {
        sqlx::query(sqlx::AssertSqlSafe(s)).execute(db.pool()).await.unwrap();
    }
}

fn stats(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    (ms.iter().sum::<f64>() / ms.len() as f64, ms[ms.len() - 1])
}

struct Row {
    backend: &'static str,
    fill_s: f64,
    json: (f64, f64),
    xlsx: (f64, f64),
    xlsx_bytes: usize,
}

async fn run(
    backend: &'static str,
    database_url: String,
    dir: &std::path::Path,
    tickets: usize,
    spaces: usize,
) -> Row {
    let env = env_for(dir, Some(&*database_url));
    install_bench_org(&env);
    tupa(&env, &["desk", "address", "add", "--org", "bench", "--address", "desk@bench.test"], None);
    create_staff(&env, "admin@bench.test", "main-admin");
    let token = tupa(&env, &["token", "create", "--email", "admin@bench.test"], None);
    sqlx::any::install_default_drivers();
    let db = Db::connect(&database_url).await.unwrap();
    let (org,): (String,) = sqlx::query_as("SELECT id FROM organisations WHERE slug = 'bench'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let (user,): (String,) =
        sqlx::query_as("SELECT id FROM users WHERE email = 'admin@bench.test'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    let mut tx = db.begin().await.unwrap();
    let queue = tupa_core::desk::queues::default_queue(&mut tx, &org).await.unwrap();
    tx.commit().await.unwrap();
    let t = Instant::now();
    fill(&db, &org, &queue.id, &user, tickets, spaces).await;
    let fill_s = t.elapsed().as_secs_f64();
    if backend == "PostgreSQL" {
        sqlx::query("ANALYZE").execute(db.pool()).await.unwrap();
    }
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
    let query = "from=2026-01-01&to=2026-12-31";
    let time = async |path: &str| {
        let mut ms = vec![];
        let mut size = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let res = client
                .get(format!("{base}{path}?{query}"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{path}");
            size = res.bytes().await.unwrap().len();
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        (stats(ms), size)
    };
    let (json, _) = time("/api/v1/orgs/bench/reports").await;
    let (xlsx, xlsx_bytes) = time("/api/v1/orgs/bench/reports.xlsx").await;
    Row { backend, fill_s, json, xlsx, xlsx_bytes }
}

#[tokio::main]
async fn main() {
    tupa_core::http::install_crypto_provider();
    let var = |k: &str, d: usize| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let (tickets, spaces) = (var("TUPA_BENCH_TICKETS", 100_000), var("TUPA_BENCH_SPACES", 5_000));
    let dir = std::env::temp_dir().join(format!("tupa-bench-reports-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite_url = format!("sqlite://{}?mode=rwc", dir.join("tupa.sqlite").display());
    let mut rows = vec![run("SQLite", sqlite_url, &dir, tickets, spaces).await];
    let pg_dir = dir.join("pg");
    std::fs::create_dir_all(&pg_dir).unwrap();
    let postgres = with_scratch_postgres("bench_reports", |url| {
        run("PostgreSQL", url, &pg_dir, tickets, spaces)
    })
    .await;
    rows.extend(postgres);
    let _ = std::fs::remove_dir_all(&dir);
    println!();
    println!(
        "reports over a year: {tickets} tickets, {spaces} spaces, 5000 applications; {} cores",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    println!(
        "| backend    | fill s | report API ms mean / max | XLSX ms mean / max | XLSX bytes |"
    );
    println!(
        "|------------|-------:|-------------------------:|-------------------:|-----------:|"
    );
    for r in rows {
        println!(
            "| {:<10} | {:>6.1} | {:>11.1} / {:>10.1} | {:>8.1} / {:>7.1} | {:>10} |",
            r.backend, r.fill_s, r.json.0, r.json.1, r.xlsx.0, r.xlsx.1, r.xlsx_bytes
        );
    }
}
