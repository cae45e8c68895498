//! Full-text search in the work queue (FTS5 on SQLite, tsvector/GIN on PostgreSQL): the same
//! answers on both backends, across a ticket's header and messages, after merges and
//! splits, never another organisation's tickets, and safe against query syntax.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::desk::ingest::ingest;
use tupa_core::desk::queues;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Api, Backend, spawn};

both_backends!(full_text_search_finds_whole_tickets, search_never_crosses_organisations);

/// The case numbers a search returns, in the queue's order.
async fn found(api: &Api, slug: &str, q: &str) -> Vec<String> {
    let path = format!("/api/v1/orgs/{slug}/tickets?status=all&q={}", urlencoding(q));
    let (s, body) = api.get(&path).await;
    assert_eq!(s, StatusCode::OK, "{q}: {body}");
    body.as_array()
        .unwrap()
        .iter()
        .map(|t| t["case_number"].as_str().unwrap().to_string())
        .collect()
}

fn urlencoding(q: &str) -> String {
    serde_urlencoded::to_string([("", q)]).unwrap().trim_start_matches('=').to_string()
}

async fn full_text_search_finds_whole_tickets(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &org.id, "neuvonta@lahti.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let adviser = app.person(&org, "adv@lahti.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    let mail = |from: &str, subject: &str, body: &str| {
        format!(
            "From: {from}\r\nTo: neuvonta@lahti.test\r\nSubject: {subject}\r\nMessage-ID: <{}@example.fi>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
            uuid::Uuid::new_v4()
        )
    };
    let case = |o: tupa_core::desk::ingest::Outcome| o.case_number().unwrap().to_string();
    let daycare = case(
        ingest(
            &app.db,
            &app.settings,
            mail(
                "Maija Meikäläinen <maija@example.fi>",
                "Päivähoito",
                "Milloin hakemuksen käsittely alkaa?",
            )
            .as_bytes(),
            None,
        )
        .await
        .unwrap(),
    );
    let parking = case(
        ingest(
            &app.db,
            &app.settings,
            mail("pekka@example.fi", "Pysäköinti", "Asukaspysäköintitunnus hukassa.").as_bytes(),
            None,
        )
        .await
        .unwrap(),
    );
    let duplicate = case(
        ingest(
            &app.db,
            &app.settings,
            mail("pekka@example.fi", "Pysäköinti taas", "Sama asia, kiireellinen.").as_bytes(),
            None,
        )
        .await
        .unwrap(),
    );

    // Words are prefixes, case-insensitive beyond A–Z; every word must occur somewhere in the
    // ticket: here one in the requester's name (header) and one in the message.
    assert_eq!(found(&api, "lahti", "hakemu").await, vec![daycare.clone()]);
    assert_eq!(found(&api, "lahti", "PÄIVÄHOITO").await, vec![daycare.clone()]);
    assert_eq!(found(&api, "lahti", "meikäläinen käsittely").await, vec![daycare.clone()]);
    assert!(
        found(&api, "lahti", "meikäläinen asukaspysäköinti").await.is_empty(),
        "all words, not any"
    );
    // Ä is not A: the same on both backends.
    assert!(found(&api, "lahti", "paivahoito").await.is_empty());
    // An address, a case number (exact), a case number's digits.
    assert_eq!(found(&api, "lahti", "maija@example.fi").await, vec![daycare.clone()]);
    assert_eq!(found(&api, "lahti", &parking).await, vec![parking.clone()]);
    let mut pekka = found(&api, "lahti", "pekka@example").await;
    pekka.sort();
    let mut expected = vec![parking.clone(), duplicate.clone()];
    expected.sort();
    assert_eq!(pekka, expected);

    // After a merge the duplicate's words find the live ticket, not the closed duplicate.
    let (s, _) =
        api.post(&format!("/api/v1/tickets/{duplicate}/merge"), json!({"into": parking})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(found(&api, "lahti", "kiireellinen").await, vec![parking.clone()]);
    // After a split the moved message's words find the new ticket only.
    ingest(
        &app.db,
        &app.settings,
        mail(
            "maija@example.fi",
            &format!("Re: Päivähoito [Tupa #{daycare}]"),
            "Entä iltapäiväkerho?",
        )
        .as_bytes(),
        None,
    )
    .await
    .unwrap();
    assert_eq!(found(&api, "lahti", "iltapäiväkerho").await, vec![daycare.clone()]);
    let (_, t) = api.get(&format!("/api/v1/tickets/{daycare}")).await;
    let second: &Value = t["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "incoming")
        .nth(1)
        .unwrap();
    let (s, split) = api
        .post(&format!("/api/v1/tickets/{daycare}/split"), json!({"message_id": second["id"]}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        found(&api, "lahti", "iltapäiväkerho").await,
        [split["case_number"].as_str().unwrap().to_string()]
    );

    // Query syntax of either engine is just words; nothing breaks, nothing extra is found.
    for hostile in [
        "\"",
        "*",
        "NEAR(a b)",
        "a OR b",
        "x' OR '1'='1",
        "haku:* | pekka",
        "^päivä",
        "\\",
        "!!",
        "%_",
    ] {
        found(&api, "lahti", hostile).await;
    }
    // Words only Rust calls words (numbers such as ¾ and ②): PostgreSQL's parser drops them,
    // and the empty query must find nothing, not every ticket of the organisation.
    for no_word in ["¾", "② ³"] {
        assert!(found(&api, "lahti", no_word).await.is_empty(), "{no_word}");
    }
    assert!(
        found(&api, "lahti", "pekka -pysäköinti").await.len() == 1,
        "a minus is not an operator: both words must occur"
    );
}

async fn search_never_crosses_organisations(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let a = app.org("vantaa", "full").await;
    let b = app.org("kerava", "full").await;
    let adviser_a = app.person(&a, "adv@vantaa.test", Role::Adviser).await;
    let adviser_b = app.person(&b, "adv@kerava.test", Role::Adviser).await;
    let (s, secret) = app.api(&adviser_b.token).post("/api/v1/orgs/kerava/tickets", json!({"name": "Salla", "email": "salla@example.fi", "message": "Salassapidettävä terveystieto"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = app
        .api(&adviser_a.token)
        .post(
            "/api/v1/orgs/vantaa/tickets",
            json!({"name": "Ville", "email": "ville@example.fi", "message": "Tavallinen kysymys"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let api_a = app.api(&adviser_a.token);
    assert!(found(&api_a, "vantaa", "salassapidettävä").await.is_empty());
    assert!(found(&api_a, "vantaa", "salla@example.fi").await.is_empty());
    assert!(
        found(&api_a, "vantaa", secret["case_number"].as_str().unwrap()).await.is_empty(),
        "not even by case number"
    );
    assert_eq!(found(&app.api(&adviser_b.token), "kerava", "salassapidettävä").await.len(), 1);
    let (s, _) = api_a.get("/api/v1/orgs/kerava/tickets?q=salassapidett%C3%A4v%C3%A4").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

/// PostgreSQL keeps a statement's plan for the life of a connection until the table's
/// statistics change: the search triggers' plans (kept since migration 0126) made while the
/// tables were small must be made again once the tables have grown, and `tupa serve` gathers
/// the statistics of grown tables itself when autovacuum is off (`db::statistics`). One
/// connection writes a few tickets while the tables are nearly empty; the tables grow by
/// thousands of tickets and messages; the statistics of what grew are gathered (as the server
/// does every ten seconds); then a message on the same connection reads a handful of rows to
/// make its ticket's vector, not a table.
#[tokio::test]
async fn postgres_search_triggers_keep_no_plan_made_for_small_tables() {
    let app = spawn(Backend::Postgres).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let mut conn = app.db.pool().acquire().await.unwrap();
    let message = "INSERT INTO ticket_messages (org_id, id, ticket_id, kind, to_addresses, cc_addresses, subject, body_text, created_at, search_text)
                   VALUES ($1, $2, $3, 'incoming', '', '', 'Kysymys', 'Hei', 1, $4)";
    let ticket = "INSERT INTO tickets (org_id, id, case_number, queue_id, subject, status, priority, channel, requester_email, requester_lang, created_at, updated_at, search_text)
                  VALUES ($1, $2, $3, 'q', 'Kysymys', 'new', 'normal', 'api', 'a@example.fi', 'fi', 1, 1, 'kysymys')";
    // More than five runs: PostgreSQL settles on a kept plan after its fifth.
    for i in 0..8 {
        for (sql, id) in [(message, format!("m{i}")), (ticket, format!("t{i}"))] {
            let q = sqlx::query(sql).bind(&org.id).bind(&id);
            let q = if sql == message {
                q.bind(format!("t{i}")).bind("kysymys laskusta")
            } else {
                q.bind(format!("PLAN-{i}"))
            };
            q.execute(&mut *conn).await.unwrap();
        }
    }
    sqlx::query(
        "INSERT INTO ticket_messages (org_id, id, ticket_id, kind, to_addresses, cc_addresses, subject, body_text, created_at, search_text)
         SELECT $1, 'grown-m' || n, 'grown-' || n, 'incoming', '', '', 'Kysymys', 'Hei', 1, 'kasvu' FROM generate_series(1, 3000) n",
    )
    .bind(&org.id)
    .execute(&mut *conn)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO tickets (org_id, id, case_number, queue_id, subject, status, priority, channel, requester_email, requester_lang, created_at, updated_at, search_text)
         SELECT $1, 'grown-' || n, 'GROWN-' || n, 'q', 'Kysymys', 'new', 'normal', 'api', 'a@example.fi', 'fi', 1, 1, 'kysymys' FROM generate_series(1, 3000) n",
    )
    .bind(&org.id)
    .execute(&mut *conn)
    .await
    .unwrap();

    // The counts of this connection's changes reach the statistics when it is next idle.
    sqlx::query("SELECT pg_stat_force_next_flush()").execute(&mut *conn).await.unwrap();
    let analysed = app.db.analyze_grown_tables().await.unwrap();
    for table in ["public.tickets", "public.ticket_messages"] {
        assert!(analysed.iter().any(|t| t == table), "{table} not analysed: {analysed:?}");
    }
    // (Other tables may still come: the set-up's other connections send their counts when
    // idle.)
    let again = app.db.analyze_grown_tables().await.unwrap();
    assert!(
        !again.iter().any(|t| t.contains("ticket")),
        "the tickets did not grow since: {again:?}"
    );

    // What this session has read so far (pg_stat_xact_*: this backend's counts not yet
    // handed to the statistics, whatever the delay before they are), before and after.
    let reads = "SELECT COALESCE(SUM(seq_tup_read + idx_tup_fetch), 0)::BIGINT FROM pg_stat_xact_user_tables
                 WHERE relname IN ('tickets', 'ticket_messages')";
    let mut tx = sqlx::Connection::begin(&mut *conn).await.unwrap();
    let (before,): (i64,) = sqlx::query_as(reads).fetch_one(&mut *tx).await.unwrap();
    sqlx::query(message)
        .bind(&org.id)
        .bind("m-late")
        .bind("t0")
        .bind("harvinainen")
        .execute(&mut *tx)
        .await
        .unwrap();
    let (after,): (i64,) = sqlx::query_as(reads).fetch_one(&mut *tx).await.unwrap();
    // The ticket and its two messages, by index (the plans kept from the small tables,
    // without the statistics gathered, read every ticket and message: 6 017 rows).
    assert!(after - before < 20, "one message read {} rows of the ticket tables", after - before);
    let (found,): (bool,) = sqlx::query_as(
        "SELECT search_vector @@ to_tsquery('simple', 'harvinainen & laskusta') FROM tickets WHERE org_id = $1 AND id = 't0'",
    )
    .bind(&org.id)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert!(found, "the new message's words are in its ticket's vector, beside the first's");
}
