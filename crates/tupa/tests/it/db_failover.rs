//! A multi-host `DATABASE_URL` (libpq's form) on the test PostgreSQL server: Tupa skips a host
//! that does not answer and one that does not fit `target_session_attrs`. PostgreSQL only
//! (SQLite has one file, not hosts). The failover itself, with two servers, is
//! `scripts/failover-test`.

use tupa_core::db::Db;

use crate::helpers::postgres_admin_url;

/// A fresh database on the test server, dropped when the guard goes.
struct Scratch {
    /// `postgres://user@` before the host.
    prefix: String,
    /// `host:port` of the test server.
    host: String,
    name: String,
}

impl Scratch {
    async fn new() -> Scratch {
        let admin_url = postgres_admin_url();
        let admin = Db::connect(&admin_url).await.unwrap();
        let name = format!("tupa_test_{}", uuid::Uuid::new_v4().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(admin.pool())
            .await
            .unwrap();
        admin.close().await;
        let (prefix, rest) =
            admin_url.split_once('@').expect("TUPA_TEST_POSTGRES_URL names a user");
        let host = rest.split(['/', '?']).next().unwrap().to_string();
        Scratch { prefix: format!("{prefix}@"), host, name }
    }

    /// `hosts` (with `{live}` for the test server) and the query string, as one URL.
    fn url(&self, hosts: &str, query: &str) -> String {
        format!("{}{}/{}{query}", self.prefix, hosts.replace("{live}", &self.host), self.name)
    }

    async fn drop_database(self) {
        let admin = Db::connect(&postgres_admin_url()).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(admin.pool())
        .await
        .unwrap();
        admin.close().await;
    }
}

#[tokio::test]
async fn multi_host_url_skips_a_dead_host_and_writes() {
    let scratch = Scratch::new().await;
    // Port 1 on loopback refuses connections: the first host is down.
    let url = scratch.url("127.0.0.1:1,{live}", "?target_session_attrs=read-write");
    let db = Db::connect(&url).await.expect("the second host answers and takes writes");
    assert_eq!(db.url(), url, "url() keeps every host");
    assert_eq!(db.connect_url(), scratch.url("{live}", ""), "the pool uses the live host");
    db.migrate().await.unwrap();
    sqlx::query("CREATE TABLE probe (n BIGINT)").execute(db.pool()).await.unwrap();
    sqlx::query("INSERT INTO probe (n) VALUES (1)").execute(db.pool()).await.unwrap();
    db.close().await;

    // Without target_session_attrs the default is read-write, libpq's `any` is also taken.
    for query in ["", "?target_session_attrs=any", "?target_session_attrs=primary"] {
        let db = Db::connect(&scratch.url("127.0.0.1:1,{live}", query)).await.unwrap();
        assert!(db.ping().await, "{query}");
        db.close().await;
    }
    scratch.drop_database().await;
}

#[tokio::test]
async fn multi_host_url_refuses_hosts_that_do_not_fit() {
    let scratch = Scratch::new().await;
    // The test server is a primary: no standby among the hosts.
    let err = Db::connect(&scratch.url("127.0.0.1:1,{live}", "?target_session_attrs=standby"))
        .await
        .expect_err("no standby");
    let text = format!("{err:#}");
    assert!(text.contains("127.0.0.1:1: "), "the dead host is named: {text}");
    assert!(text.contains(&format!("{}: primary", scratch.host)), "{text}");

    // A primary whose sessions are read-only (as a fenced server is) does not take writes.
    let admin = Db::connect(&postgres_admin_url()).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "ALTER DATABASE {} SET default_transaction_read_only = on",
        scratch.name
    )))
    .execute(admin.pool())
    .await
    .unwrap();
    admin.close().await;
    let err = Db::connect(&scratch.url("{live}", "?target_session_attrs=read-write"))
        .await
        .expect_err("a read-only server is not writable");
    assert!(format!("{err:#}").contains("primary, read-only"), "{err:#}");
    // `primary` asks only that it is not in recovery, as libpq does.
    let db = Db::connect(&scratch.url("{live}", "?target_session_attrs=primary")).await.unwrap();
    assert!(db.ping().await);
    db.close().await;
    scratch.drop_database().await;
}
