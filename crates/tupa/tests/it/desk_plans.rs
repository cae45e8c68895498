//! The work queue's hot queries keep using their indexes (issue 14): each is explained on a
//! freshly filled desk — before ANALYZE, with the statistics of the empty tables the
//! migrations analysed, and after — and fails when a plan reads the tickets table whole.
//! SQLite: every step over `tickets` is a SEARCH through an index (or the FTS5 virtual
//! table); PostgreSQL: no Seq Scan on tickets, and the queue's own indexes are named.

use tupa_core::authz::Actor;
use tupa_core::demo::bulk::{self, BulkOptions, RARE_WORD};
use tupa_core::desk::queue::{self, TicketFilter};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(hot_queue_queries_use_their_indexes, a_second_walk_finds_what_the_first_missed);

fn filter(pairs: &[(&str, &str)]) -> TicketFilter {
    let q = serde_urlencoded::to_string(pairs).unwrap();
    serde_urlencoded::from_str(&q).unwrap()
}

/// What is wrong with a plan, if anything.
fn misuse(backend: Backend, plan: &str) -> Option<String> {
    match backend {
        Backend::Sqlite => plan
            .lines()
            .find(|l| {
                // A full scan of the table (`SCAN t`) or of a whole index (`SCAN t USING …`).
                let mut words = l.split_whitespace();
                words.next() == Some("SCAN") && matches!(words.next(), Some("t" | "tickets" | "h"))
            })
            .map(|l| format!("reads tickets whole: {l}")),
        Backend::Postgres => {
            if plan.contains("Seq Scan on tickets") {
                Some("Seq Scan on tickets".into())
            } else if let Some(l) = list_in_a_queue_index(plan) {
                Some(format!("a list looked up in a queue's index, each a walk of it: {l}"))
            } else if plan.contains("Filter: (id = ") {
                Some("tickets named by their ids not looked up by the primary key".into())
            } else if plan.contains("tickets_search_vector") && plan.contains("tickets_queue_") {
                Some("the full-text step walks a queue's index too".into())
            } else if !plan.contains("tickets_queue_")
                && !plan.contains("tickets_search_vector")
                && !plan.contains("tickets_case_number")
                && !plan.contains("tickets_pkey")
            {
                Some("none of the queue's or search's indexes".into())
            } else {
                None
            }
        }
    }
}

/// PostgreSQL: an `= ANY (…)` condition on a queue index, whose leading columns are the
/// organisation and a time: each element of the list is a scan of the organisation's part of
/// the index (how the full-text step took 28 s at a million tickets without statistics).
fn list_in_a_queue_index(plan: &str) -> Option<String> {
    let mut index = "";
    for line in plan.lines() {
        if line.contains(" using ") || line.contains(" on ") {
            index = line;
        }
        if line.contains("Index Cond") && line.contains("ANY") && index.contains("tickets_queue_") {
            return Some(format!("{}: {}", index.trim(), line.trim()));
        }
    }
    None
}

async fn hot_queue_queries_use_their_indexes(backend: Backend) {
    let app = spawn(backend).await;
    bulk::fill(&app.db, BulkOptions { tickets: 8_000, ads: 0 }).await.unwrap();
    let org = tupa_core::organisations::by_slug(&app.db, "jarvela").await.unwrap().unwrap();
    let person = app.person(&org, "plans@jarvela.test", Role::Adviser).await;
    let user = tupa_core::identity::get(&app.db, &person.id).await.unwrap();
    let actor = Actor::load(&app.db, user, None, None).await.unwrap();
    let (queue_id,): (String,) =
        sqlx::query_as("SELECT id FROM desk_queues WHERE org_id = $1 ORDER BY created_at")
            .bind(&org.id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let first = queue::page(&app.db, &actor, &org, &TicketFilter::default()).await.unwrap();
    let cursor = first.next_cursor.expect("a second page");
    let cases: Vec<(&str, TicketFilter)> = vec![
        ("default", TicketFilter::default()),
        ("next page", filter(&[("cursor", &cursor)])),
        ("all", filter(&[("status", "all")])),
        ("status", filter(&[("status", "new")])),
        ("queue", filter(&[("queue_id", &queue_id)])),
        ("mine", filter(&[("assignee", "me")])),
        ("unassigned", filter(&[("assignee", "unassigned")])),
        ("created", filter(&[("sort", "created")])),
        // An order no index has with the filter: PostgreSQL walks the order's index first.
        ("queue, by arrival", filter(&[("queue_id", &queue_id), ("sort", "created")])),
        ("due", filter(&[("sort", "due")])),
        ("breached", filter(&[("sla", "breached"), ("sort", "due")])),
        // Small pages, so that the walk (ten times the page) is a part of this small desk.
        ("rare word", filter(&[("status", "all"), ("q", RARE_WORD), ("limit", "20")])),
        ("common word", filter(&[("status", "all"), ("q", "hakemus"), ("limit", "20")])),
        ("phrase", filter(&[("status", "all"), ("q", "\"ole saanut\""), ("limit", "20")])),
        ("case number", filter(&[("q", "2026-000001"), ("limit", "20")])),
        // The newest thousand matches, then their scores read by key.
        ("relevance", filter(&[("q", "hakemus"), ("sort", "relevance"), ("limit", "20")])),
    ];
    // The fill writes a batch's messages before its tickets (each search row made once,
    // whole): a word only the messages hold must still be found, and the subject must not be
    // where it was found.
    let rare_word = &cases.iter().find(|(name, _)| *name == "rare word").unwrap().1;
    let rare = queue::page(&app.db, &actor, &org, rare_word).await.unwrap().tickets;
    assert!(!rare.is_empty(), "the rare word of the messages is not found");
    assert!(rare.iter().all(|t| !t.subject.contains(RARE_WORD)), "{:?}", rare[0].subject);
    // About 2 000 tickets here, most of them closed: that count stops at the cap.
    let counts = queue::counts(&app.db, &org).await.unwrap();
    let closed = counts.iter().find(|(s, _)| s == "closed").expect("closed tickets").1;
    assert_eq!((closed.n, closed.more), (queue::COUNT_CAP, true));
    assert!(counts.iter().any(|(_, c)| !c.more), "{counts:?}");
    // The walk first (PostgreSQL) gives the pages the plain query gives: three pages of a
    // queue by arrival, against the tickets read directly in that order.
    let mut paged = vec![];
    let mut cursor = String::new();
    for _ in 0..3 {
        let mut pairs =
            vec![("status", "all"), ("queue_id", &queue_id), ("sort", "created"), ("limit", "50")];
        if !cursor.is_empty() {
            pairs.push(("cursor", &cursor));
        }
        let page = queue::page(&app.db, &actor, &org, &filter(&pairs)).await.unwrap();
        paged.extend(page.tickets.into_iter().map(|t| t.id));
        cursor = page.next_cursor.expect("a next page");
    }
    let direct: Vec<(String,)> = sqlx::query_as(
        "SELECT id FROM tickets WHERE org_id = $1 AND merged_into IS NULL AND queue_id = $2
         ORDER BY created_at DESC, id DESC LIMIT 150",
    )
    .bind(&org.id)
    .bind(&queue_id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(paged, direct.into_iter().map(|r| r.0).collect::<Vec<_>>());
    if backend == Backend::Postgres {
        // The walk served them: one query, no fallback to the planner's choice.
        let first =
            [("status", "all"), ("queue_id", &queue_id), ("sort", "created"), ("limit", "50")];
        let plans = queue::explain(&app.db, &actor, &org, &filter(&first)).await.unwrap();
        assert_eq!(plans.len(), 1, "{plans:#?}");
        assert!(plans[0].contains("Subquery Scan on w"), "{}", plans[0]);
    }
    for analysed in [false, true] {
        if analysed {
            app.db.analyze().await.unwrap();
        }
        for (name, f) in &cases {
            let plans = queue::explain(&app.db, &actor, &org, f).await.unwrap();
            assert!(!plans.is_empty(), "{name}: no query");
            for plan in &plans {
                if let Some(wrong) = misuse(backend, plan) {
                    panic!("{name} (analysed: {analysed}): {wrong}\n{plan}");
                }
            }
            if std::env::var("TUPA_SHOW_PLANS").is_ok() {
                eprintln!("== {name} (analysed: {analysed})\n{}", plans.join("\n--\n"));
            }
        }
        let counts_plan = queue::explain_counts(&app.db, &org).await.unwrap();
        if let Some(wrong) = misuse(backend, &counts_plan) {
            panic!("counts (analysed: {analysed}): {wrong}\n{counts_plan}");
        }
    }
}

/// Three tickets of sixty hold a word, one of them among the newest thirty: a page of two
/// walks thirty rows first (ten times the page and one) and finds one. PostgreSQL then walks on
/// after the first walk's last row, where the density says the rest is near, instead of the
/// GIN step (which reads a heap page for every match of the installation); SQLite chooses
/// from the vocabulary's counts. Either way the pages hold exactly the three, newest first.
async fn a_second_walk_finds_what_the_first_missed(backend: Backend) {
    use reqwest::StatusCode;
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("hanko", "full").await;
    let person = app.person(&org, "walk@hanko.test", Role::Adviser).await;
    let api = app.api(&person.token);
    let mut with_word = vec![];
    for i in 0..60 {
        let word = [1, 20, 45].contains(&i);
        let message =
            if word { format!("Harvinainen asia {i}") } else { format!("Tavallinen asia {i}") };
        let (s, t) = api
            .post(
                "/api/v1/orgs/hanko/tickets",
                serde_json::json!({"name": "Asiakas", "email": "a@example.fi", "message": message}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        if word {
            with_word.push(t["id"].as_str().unwrap().to_string());
        }
    }
    with_word.reverse();
    let user = tupa_core::identity::get(&app.db, &person.id).await.unwrap();
    let actor = Actor::load(&app.db, user, None, None).await.unwrap();
    let f = filter(&[("status", "all"), ("q", "harvinainen"), ("limit", "2")]);
    let first = queue::page(&app.db, &actor, &org, &f).await.unwrap();
    let ids: Vec<String> = first.tickets.iter().map(|t| t.id.clone()).collect();
    assert_eq!(ids, with_word[..2], "the first page: the two newest");
    let cursor = first.next_cursor.expect("a second page");
    let next =
        filter(&[("status", "all"), ("q", "harvinainen"), ("limit", "2"), ("cursor", &cursor)]);
    let second = queue::page(&app.db, &actor, &org, &next).await.unwrap();
    let ids: Vec<String> = second.tickets.iter().map(|t| t.id.clone()).collect();
    assert_eq!(ids, with_word[2..], "the second page: the oldest");
    assert!(second.next_cursor.is_none());
    if backend == Backend::Postgres {
        let plans = queue::explain(&app.db, &actor, &org, &f).await.unwrap();
        assert_eq!(plans.len(), 2, "two walks and no GIN step: {plans:#?}");
        assert!(plans.iter().all(|p| !p.contains("tickets_search_vector")), "{plans:#?}");
    }
}
