//! The SQLite and PostgreSQL migrations produce the same tables and columns.

use std::collections::BTreeMap;

use tupa_core::db::Db;

use crate::helpers::{Backend, spawn};

/// table → column → (type class, NOT NULL)
type Shape = BTreeMap<String, BTreeMap<String, (String, bool)>>;

fn class(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    if t.contains("char") || t == "text" {
        "text"
    } else if t.contains("int") {
        "integer"
    } else if t == "boolean" {
        // Booleans are INTEGER 0/1 on SQLite (see db::Flag).
        "integer"
    } else if t.contains("bytea") || t.contains("blob") {
        "blob"
    } else {
        return t;
    }
    .to_string()
}

async fn sqlite_shape(db: &Db) -> Shape {
    // SQLite's full-text indexes (ticket_search_fts and its shadow tables) and the view of
    // one's words (ticket_search_vocab, migration 0123) have no counterpart table on
    // PostgreSQL, which indexes stored tsvector columns.
    let tables: Vec<(String,)> = sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' AND name NOT LIKE '%\\_fts%' ESCAPE '\\' AND name NOT LIKE '%\\_vocab' ESCAPE '\\'")
        .fetch_all(db.pool())
        .await
        .unwrap();
    let mut shape = Shape::new();
    for (t,) in tables {
        let cols: Vec<(String, String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{t}')"
        )))
        .fetch_all(db.pool())
        .await
        .unwrap();
        shape.insert(
            t,
            cols.into_iter().map(|(n, ty, nn, pk)| (n, (class(&ty), nn == 1 || pk > 0))).collect(),
        );
    }
    shape
}

async fn postgres_shape(db: &Db) -> Shape {
    let cols: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    let mut shape = Shape::new();
    for (t, c, ty, nullable) in cols {
        shape.entry(t).or_default().insert(c, (class(&ty), nullable == "NO"));
    }
    shape
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_produce_the_same_schema() {
    let sqlite = spawn(Backend::Sqlite).await;
    let postgres = spawn(Backend::Postgres).await;
    let a = sqlite_shape(&sqlite.db).await;
    let b = postgres_shape(&postgres.db).await;
    assert!(a.len() >= 10, "tables found: {:?}", a.keys());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "same tables");
    for (table, cols) in &a {
        // Each backend's handle on its own search index (migration 0095): the FTS5 row's
        // number on SQLite, the stored vector on PostgreSQL.
        let mut cols = cols.clone();
        let mut theirs = b[table].clone();
        if table == "tickets" {
            assert!(
                cols.remove("search_rowid").is_some() && theirs.remove("search_vector").is_some()
            );
        }
        // The board's trigram index (migration 0120): the FTS5 row's number on SQLite;
        // PostgreSQL indexes search_text itself.
        if table == "job_ad_texts" {
            assert!(cols.remove("search_rowid").is_some());
        }
        assert_eq!(cols, theirs, "columns of {table}");
    }
}
