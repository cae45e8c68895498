//! `tupa demo --tickets`'s bulk fill (issue 14). On SQLite it sets the ticket tables'
//! secondary indexes and search triggers aside for its one transaction and writes the search
//! rows itself: afterwards the schema is the migrations' again, every search row is what the
//! triggers would have made, and a ticket made after the fill is numbered and found as usual.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::demo::bulk::{self, BulkOptions, RARE_WORD};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(
    a_bulk_fill_leaves_the_schema_and_search_as_the_triggers_make_them,
    statistics_of_grown_tables_are_gathered_again
);

/// Every index and trigger with its definition (on PostgreSQL with whether it is enabled:
/// the fill disables one).
async fn schema(app: &TestApp, backend: Backend) -> Vec<(String, String, String)> {
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT type, name, COALESCE(sql, '') FROM sqlite_master
             WHERE type IN ('index', 'trigger') ORDER BY type, name"
        }
        Backend::Postgres => {
            "SELECT 'index', indexname::text, indexdef FROM pg_indexes
             WHERE schemaname = current_schema()
             UNION ALL
             SELECT 'trigger', tgname::text, pg_get_triggerdef(oid) || ' ' || tgenabled::text FROM pg_trigger
             WHERE NOT tgisinternal
             ORDER BY 1, 2"
        }
    };
    sqlx::query_as(sql).fetch_all(app.db.pool()).await.unwrap()
}

async fn a_bulk_fill_leaves_the_schema_and_search_as_the_triggers_make_them(backend: Backend) {
    let app = spawn(backend).await;
    // The first fill makes the training organisations; the second fills beside their tickets.
    bulk::fill(&app.db, BulkOptions { tickets: 200, ads: 0 }).await.unwrap();
    let before = schema(&app, backend).await;
    assert!(before.iter().any(|(_, name, _)| name == "tickets_queue_updated"), "{before:?}");
    bulk::fill(&app.db, BulkOptions { tickets: 1_300, ads: 0 }).await.unwrap();
    assert_eq!(schema(&app, backend).await, before, "the same indexes and triggers");
    let (tickets,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM tickets").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(tickets, 1_500);

    if backend == Backend::Sqlite {
        // What the triggers of 0095 and 0121 make of each ticket: its number, its header,
        // its messages' texts in their order.
        let expected: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT t.search_rowid, COALESCE(t.search_text, ''),
                    COALESCE((SELECT group_concat(search_text, ' ') FROM
                                (SELECT m.search_text FROM ticket_messages m
                                 WHERE m.org_id = t.org_id AND m.ticket_id = t.id
                                 ORDER BY m.created_at, m.rowid)), '')
             FROM tickets t ORDER BY t.search_rowid",
        )
        .fetch_all(app.db.pool())
        .await
        .unwrap();
        let rows: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT rowid, header, body FROM ticket_search_fts ORDER BY rowid")
                .fetch_all(app.db.pool())
                .await
                .unwrap();
        assert_eq!(rows.len(), 1_500);
        assert!(rows.iter().all(|(_, header, body)| !header.is_empty() && !body.is_empty()));
        assert_eq!(rows, expected);
        sqlx::query("INSERT INTO ticket_search_fts (ticket_search_fts) VALUES ('integrity-check')")
            .execute(app.db.pool())
            .await
            .expect("the FTS5 index agrees with its rows");
    }

    if backend == Backend::Postgres {
        // The fill disables the messages' trigger: every vector must still be what the
        // ticket's own computes from its header and messages.
        let (wrong,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM tickets
             WHERE search_vector IS DISTINCT FROM tupa_ticket_search_vector(search_text, org_id, id)",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(wrong, 0);
    }

    // Search finds the fill's tickets, and a ticket made afterwards goes through the
    // triggers again: numbered after the fill's and found by its words.
    let org = tupa_core::organisations::by_slug(&app.db, "jarvela").await.unwrap().unwrap();
    let adviser = app.person(&org, "fill@jarvela.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    let (s, found) =
        api.get(&format!("/api/v1/orgs/jarvela/tickets?status=all&q={RARE_WORD}")).await;
    assert_eq!(s, StatusCode::OK, "{found}");
    assert!(!found.as_array().unwrap().is_empty(), "the rare word is in every hundredth ticket");
    let (s, made) = api
        .post(
            "/api/v1/orgs/jarvela/tickets",
            json!({"name": "Asiakas", "email": "a@example.fi", "message": "Vesimittarin lukema"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{made}");
    let (_, found) = api.get("/api/v1/orgs/jarvela/tickets?status=all&q=vesimittarin").await;
    let found: Vec<&str> =
        found.as_array().unwrap().iter().map(|t| t["case_number"].as_str().unwrap()).collect();
    assert_eq!(found, [made["case_number"].as_str().unwrap()]);
    if backend == Backend::Sqlite {
        let (last, max): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT search_rowid FROM tickets WHERE case_number = $1),
                    (SELECT MAX(rowid) FROM ticket_search_fts)",
        )
        .bind(made["case_number"].as_str().unwrap())
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!((last, max), (1_501, 1_501));
    }
}

/// The migrations analysed the tables while they were empty, and a fill does not analyse:
/// SQLite's statistics still describe empty tables until `refresh_statistics` (run by the
/// server at start and hourly) gathers them again. PostgreSQL leaves this to autovacuum when
/// it is on; when it is off, `refresh_statistics` analyses the tables that grew.
async fn statistics_of_grown_tables_are_gathered_again(backend: Backend) {
    let app = spawn(backend).await;
    bulk::fill(&app.db, BulkOptions { tickets: 2_000, ads: 0 }).await.unwrap();
    if backend == Backend::Postgres {
        // Changes since the tickets were last analysed, once the fill's counts have reached
        // the statistics (each backend sends them when idle, within a second or so).
        let changed = || async {
            let (n,): (i64,) = sqlx::query_as(
                "SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = 'tickets'",
            )
            .fetch_one(app.db.pool())
            .await
            .unwrap();
            n
        };
        for _ in 0..50 {
            if changed().await >= 2_000 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        assert!(changed().await >= 2_000, "the fill's changes counted: {}", changed().await);
        let off = app.db.autovacuum_off().await;
        assert_eq!(app.db.refresh_statistics().await.unwrap(), off);
        if off {
            assert_eq!(changed().await, 0, "the tickets analysed: autovacuum would have");
        }
        return;
    }
    let rows = || async {
        // No row at all counts as none: the planner then assumes a size of its own.
        let stat: Option<(String,)> = sqlx::query_as(
            "SELECT stat FROM sqlite_stat1 WHERE tbl = 'tickets' AND idx = 'tickets_queue_updated'",
        )
        .fetch_optional(app.db.pool())
        .await
        .unwrap();
        stat.map_or(0, |(s,)| s.split(' ').next().unwrap().parse::<i64>().unwrap())
    };
    let (tickets,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM tickets WHERE merged_into IS NULL")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(rows().await < tickets, "the migrations' statistics: {}", rows().await);
    assert!(app.db.refresh_statistics().await.unwrap());
    assert_eq!(rows().await, tickets);
    // Nothing has changed since: the second is a no-op and the figures stay.
    assert!(app.db.refresh_statistics().await.unwrap());
    assert_eq!(rows().await, tickets);
}
