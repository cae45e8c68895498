//! `tupa backup` and `tupa restore`, run as the real binary while the server keeps taking
//! tickets.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::db::Db;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::cli::text;
use crate::helpers::{Backend, spawn};

both_backends!(backup_while_writing_and_restore);

fn run(args: &[&str], env: &[(&str, &Path)], database_url: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tupa"));
    cmd.args(args)
        .env_remove("DATABASE_URL")
        .env_remove("TUPA_ENVIRONMENT")
        .env_remove("TUPA_CONFIG")
        .env_remove("TUPA_SECRET_KEY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(url) = database_url {
        cmd.env("DATABASE_URL", url);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn temp_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tupa-{label}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn backup_while_writing_and_restore(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let adviser = app.person(&org, "neuvoja@espoo.test", Role::Adviser).await;

    // The data directory the backup reads its key file from.
    let source_dir = temp_dir("backup-source");
    let key = tupa_core::secrets::SecretKey::generate().to_base64();
    std::fs::write(source_dir.join(tupa_core::secrets::KEY_FILE), &key).unwrap();

    // Tickets keep coming while the backup runs; each is recorded when acknowledged.
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::<(String, Instant)>::new()));
    let writer = {
        let api = app.api(&adviser.token);
        let (stop, acknowledged) = (stop.clone(), acknowledged.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let (s, t) = api
                    .post(
                        "/api/v1/orgs/espoo/tickets",
                        json!({"name": "Asiakas", "email": format!("a{n}@example.fi"),
                               "subject": format!("Asia {n}"), "message": "Kysymys"}),
                    )
                    .await;
                assert_eq!(s, StatusCode::CREATED, "{t}");
                let case = t["case_number"].as_str().unwrap().to_string();
                acknowledged.lock().unwrap().push((case, Instant::now()));
            }
        })
    };
    while acknowledged.lock().unwrap().len() < 15 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    let out_dir = temp_dir("backup-out");
    let file = out_dir.join("tupa.backup");
    let began = Instant::now();
    let o = {
        let (file, url, dir) = (file.clone(), app.database_url.clone(), source_dir.clone());
        tokio::task::spawn_blocking(move || {
            run(&["backup", "--to", file.to_str().unwrap()], &[("TUPA_DATA_DIR", &dir)], Some(&url))
        })
        .await
        .unwrap()
    };
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("key file is in the backup"), "{}", text(&o));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the backup holds the key: owner only");
    }
    // A second backup to the same name is refused, and the first is untouched.
    let size = std::fs::metadata(&file).unwrap().len();
    let again = run(
        &["backup", "--to", file.to_str().unwrap()],
        &[("TUPA_DATA_DIR", &source_dir)],
        Some(&app.database_url),
    );
    assert!(!again.status.success() && text(&again).contains("already exists"));
    assert_eq!(std::fs::metadata(&file).unwrap().len(), size);

    let target_dir = temp_dir("backup-restored");
    let restored = run(
        &["restore", "--from", file.to_str().unwrap()],
        &[("TUPA_DATA_DIR", &target_dir)],
        None,
    );
    assert!(restored.status.success(), "{}", text(&restored));
    assert_eq!(
        std::fs::read_to_string(target_dir.join(tupa_core::secrets::KEY_FILE)).unwrap(),
        key,
        "the key file comes back as it was"
    );
    // Restoring over what is there is refused.
    let twice = run(
        &["restore", "--from", file.to_str().unwrap()],
        &[("TUPA_DATA_DIR", &target_dir)],
        None,
    );
    assert!(!twice.status.success() && text(&twice).contains("already exists"), "{}", text(&twice));

    let before: Vec<String> = acknowledged
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(case, _)| case.clone())
        .collect();
    assert!(before.len() >= 15);
    match backend {
        Backend::Sqlite => {
            assert!(text(&restored).contains("database"), "{}", text(&restored));
            // The restored instance starts: migrations and setup run on it.
            let migrate = run(&["migrate"], &[("TUPA_DATA_DIR", &target_dir)], None);
            assert!(migrate.status.success(), "{}", text(&migrate));
            let url = format!("sqlite://{}?mode=rwc", target_dir.join("tupa.sqlite").display());
            let db = Db::connect(&url).await.unwrap();
            let cases: Vec<(String,)> = sqlx::query_as("SELECT case_number FROM tickets")
                .fetch_all(db.pool())
                .await
                .unwrap();
            let cases: std::collections::HashSet<String> =
                cases.into_iter().map(|(c,)| c).collect();
            for case in &before {
                assert!(
                    cases.contains(case),
                    "ticket {case}, acknowledged before the backup, is lost"
                );
            }
            db.close().await;
        }
        Backend::Postgres => {
            assert!(text(&o).contains("pg_dump --format=custom"), "{}", text(&o));
            assert!(text(&restored).contains("pg_restore"), "{}", text(&restored));
            assert!(!target_dir.join("tupa.sqlite").exists(), "no database in a PostgreSQL backup");
        }
    }
    // Not a backup at all: a clear refusal.
    let junk = out_dir.join("junk.backup");
    std::fs::write(&junk, b"not a zip").unwrap();
    let empty = temp_dir("backup-empty");
    let o = run(&["restore", "--from", junk.to_str().unwrap()], &[("TUPA_DATA_DIR", &empty)], None);
    assert!(!o.status.success() && text(&o).contains("not a Tupa backup"), "{}", text(&o));
    for dir in [source_dir, out_dir, target_dir, empty] {
        let _ = std::fs::remove_dir_all(dir);
    }
}
