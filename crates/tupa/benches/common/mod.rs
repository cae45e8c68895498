//! Helpers the benchmarks share: running the real `tupa` binary, setting up the installation
//! each one measures, and a scratch PostgreSQL database.
// Each benchmark is its own crate and uses a part of this module.
#![allow(dead_code)]

use std::future::Future;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The password of every account a benchmark makes.
pub const PASSWORD: &str = "benchmark password 1";

/// Runs a `tupa` subcommand with `env`, feeding `stdin`; panics on failure; returns stdout.
pub fn tupa(env: &[(String, String)], args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tupa"));
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("tupa binary");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "tupa {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The environment of a `tupa` process on `dir`, on `database_url` (SQLite in `dir` when None).
pub fn env_for(dir: &Path, database_url: Option<&str>) -> Vec<(String, String)> {
    let mut env = vec![
        ("TUPA_DATA_DIR".to_string(), dir.display().to_string()),
        ("TUPA_LOG".to_string(), "warn".to_string()),
    ];
    if let Some(url) = database_url {
        env.push(("DATABASE_URL".to_string(), url.to_string()));
    }
    env
}

/// `tupa setup` and an organisation `bench` on the full plan, as a trainer sets one up.
pub fn install_bench_org(env: &[(String, String)]) {
    tupa(
        env,
        &[
            "setup",
            "--operator-name",
            "Bench",
            "--admin-email",
            "root@bench.test",
            "--admin-name",
            "Root",
            "--password-stdin",
        ],
        Some(PASSWORD),
    );
    tupa(env, &["org", "create", "--slug", "bench", "--name", "Bench", "--plan", "full"], None);
}

/// A staff member of `bench` with `role`, signing in with [`PASSWORD`].
pub fn create_staff(env: &[(String, String)], email: &str, role: &str) {
    tupa(
        env,
        &["user", "create", "--org", "bench", "--email", email, "--role", role, "--password-stdin"],
        Some(PASSWORD),
    );
}

/// Runs `f` with the address of a scratch database on TUPA_TEST_POSTGRES_URL's server,
/// dropped afterwards; None (and a line saying so) when no PostgreSQL answers.
pub async fn with_scratch_postgres<T, F, Fut>(label: &str, f: F) -> Option<T>
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = T>,
{
    let admin_url = std::env::var("TUPA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    sqlx::any::install_default_drivers();
    let Ok(pool) = sqlx::AnyPool::connect(&admin_url).await else {
        eprintln!("PostgreSQL not reachable; SQLite only");
        return None;
    };
    let name = format!("tupa_{label}_{}", std::process::id());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&pool)
        .await
        .unwrap();
    let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
    let out = f(format!("{base}/{name}")).await;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)")))
        .execute(&pool)
        .await
        .unwrap();
    Some(out)
}
