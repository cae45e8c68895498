//! Retention rules (settable within bounds, previewed as counts that agree with what the
//! maintenance run then deletes) and the read audit (staff reads logged once per window, the
//! client's own reads not, searchable with filters).

use reqwest::StatusCode;
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use tupa_core::desk::tickets;
use tupa_core::maintenance::{self, Step, StepReport};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::guidance::{client_enters, open_space};
use crate::helpers::{Api, Backend, TestApp, spawn};

both_backends!(
    retention_rules_preview_and_deletion_agree,
    staff_reads_are_audited_once_and_searchable,
);

const DAY: i64 = 86400;

fn rfc3339(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t).unwrap().format(&Rfc3339).unwrap()
}

/// The preview's counts by data type.
async fn preview(api: &Api, slug: &str, at: i64) -> serde_json::Map<String, Value> {
    let (s, body) =
        api.get(&format!("/api/v1/orgs/{slug}/retention/preview?at={}", rfc3339(at))).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["at"], at);
    body["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["data_type"].as_str().unwrap().to_string(), c["count"].clone()))
        .collect()
}

fn step_count(report: &[StepReport], step: Step) -> u64 {
    report.iter().find(|r| r.step == step).map(|r| r.done.count).unwrap()
}

async fn new_ticket(api: &Api, slug: &str, subject: &str) -> String {
    let (s, t) = api
        .post(
            &format!("/api/v1/orgs/{slug}/tickets"),
            json!({"name": "Asiakas", "email": "asiakas@example.fi", "subject": subject, "message": "Henkilötietoja"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    t["case_number"].as_str().unwrap().to_string()
}

async fn org_outbox_written(app: &TestApp, org_id: &str) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE org_id = $1 AND status <> 'pending'")
            .bind(org_id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    n
}

async fn retention_rules_preview_and_deletion_agree(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("vantaa", "full").await;
    let adviser = app.person(&org, "aino@vantaa.test", Role::Adviser).await;
    let main = app.person(&org, "paa@vantaa.test", Role::MainAdmin).await;
    let desk = app.api(&adviser.token);
    let admin = app.api(&main.token);
    let t0 = tupa_core::db::now();

    let closed = new_ticket(&desk, "vantaa", "Suljettava").await;
    let open = new_ticket(&desk, "vantaa", "Avoin").await;
    let (s, body) =
        desk.patch(&format!("/api/v1/tickets/{closed}"), json!({"status": "closed"})).await;
    assert_eq!(s, StatusCode::OK, "{body}");

    // Defaults, documented per data type.
    let (s, rules) = admin.get("/api/v1/orgs/vantaa/retention").await;
    assert_eq!(s, StatusCode::OK);
    let rules = rules.as_array().unwrap();
    assert_eq!(rules.len(), 6);
    let tickets_rule = rules.iter().find(|r| r["data_type"] == "tickets").unwrap();
    assert_eq!(tickets_rule["days"], 2190);
    assert_eq!(tickets_rule["is_default"], true);
    // Only main admins (and the operator) manage them.
    let (s, _) = desk.get("/api/v1/orgs/vantaa/retention").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = desk.get("/api/v1/orgs/vantaa/retention/preview").await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Out of bounds: refused, nothing stored (not even the valid change beside it).
    let (s, body) = admin
        .put(
            "/api/v1/orgs/vantaa/retention",
            json!({"rules": [{"data_type": "outbox", "days": 7}, {"data_type": "tickets", "days": 5}]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "retention-days-invalid");
    let (s, body) = admin
        .put(
            "/api/v1/orgs/vantaa/retention",
            json!({"rules": [{"data_type": "audit", "days": 30}]}),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the audit log is kept a year at least: {body}"
    );
    let (_, rules) = admin.get("/api/v1/orgs/vantaa/retention").await;
    assert!(rules.as_array().unwrap().iter().all(|r| r["is_default"] == true), "{rules}");
    let (s, body) = admin.get("/api/v1/orgs/vantaa/retention/preview?at=tomorrow").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    let (s, rules) = admin
        .put(
            "/api/v1/orgs/vantaa/retention",
            json!({"rules": [{"data_type": "tickets", "days": 30}, {"data_type": "outbox", "days": 7}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{rules}");
    let tickets_rule = rules.as_array().unwrap().iter().find(|r| r["data_type"] == "tickets");
    assert_eq!(tickets_rule.unwrap()["days"], 30);
    assert!(app.audit_actions(Some(&org.id)).await.contains(&"retention-changed".to_string()));

    // Tomorrow nothing is due.
    let counts = preview(&admin, "vantaa", t0 + DAY).await;
    assert!(counts.values().all(|c| c == 0), "{counts:?}");

    // In 31 days: the closed ticket and the written mail (7 days), not the open ticket, not
    // the audit log (5 years).
    let at = t0 + 31 * DAY;
    let counts = preview(&admin, "vantaa", at).await;
    assert_eq!(counts["tickets"], 1, "{counts:?}");
    assert_eq!(counts["audit"], 0, "{counts:?}");
    let written = org_outbox_written(&app, &org.id).await;
    assert!(written > 0, "the ticket's confirmation mail was written");
    assert_eq!(counts["outbox"], written, "{counts:?}");

    let report = maintenance::run(&app.db, &app.settings, at).await.unwrap();
    assert_eq!(step_count(&report, Step::DeleteClosedTickets), 1, "{report:?}");
    assert!(step_count(&report, Step::DeleteOutbox) >= written as u64);
    assert_eq!(step_count(&report, Step::DeleteAudit), 0);
    assert_eq!(org_outbox_written(&app, &org.id).await, 0);
    assert!(tickets::by_case_number(&app.db, &closed).await.unwrap().is_none());
    assert!(tickets::by_case_number(&app.db, &open).await.unwrap().is_some());
    let (left,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM ticket_messages m WHERE m.org_id = $1 AND NOT EXISTS
           (SELECT 1 FROM tickets t WHERE t.org_id = m.org_id AND t.id = m.ticket_id)",
    )
    .bind(&org.id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(left, 0, "the messages went with the ticket");
    // Logged with counts, never content.
    let entries = tupa_core::audit::list(&app.db, Some(&org.id), 1000, None).await.unwrap();
    let deleted = entries.iter().find(|e| e.action == "ticket-deleted").expect("logged");
    assert!(!deleted.details.contains("Suljettava") && !deleted.details.contains("asiakas@"));
    assert!(entries.iter().any(|e| e.action == "retention-deleted"
        && e.details.contains("outbox")
        && e.details.contains(&format!("\"count\":{written}"))));
    // A second run at the same moment finds nothing more, and the preview agrees.
    let again = maintenance::run(&app.db, &app.settings, at).await.unwrap();
    assert_eq!(step_count(&again, Step::DeleteClosedTickets), 0);
    let counts = preview(&admin, "vantaa", at).await;
    assert!(counts.values().all(|c| c == 0), "{counts:?}");
    retention_page(&app, &main).await;
    // The contact form names the controller and links the data request page.
    let (s, html) = app.browser().await.get_text("/contact/vantaa").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("href=\"/privacy/vantaa\""), "{html}");

    // Six years on, the audit log's default applies too: preview == what the run deletes of
    // this organisation's entries.
    let later = t0 + 6 * 365 * DAY;
    let counts = preview(&admin, "vantaa", later).await;
    let due_audit = counts["audit"].as_u64().unwrap();
    assert!(due_audit > 0, "{counts:?}");
    maintenance::run(&app.db, &app.settings, later).await.unwrap();
    let entries = tupa_core::audit::list(&app.db, Some(&org.id), 1000, None).await.unwrap();
    assert!(
        entries.iter().any(|e| e.action == "retention-deleted"
            && e.details.contains("\"audit\"")
            && e.details.contains(&format!("\"count\":{due_audit}"))),
        "{entries:?}"
    );
}

/// The settings page: the main admin's, values within bounds, the wrong field named.
async fn retention_page(app: &TestApp, main: &crate::helpers::Person) {
    let b = app.signed_in(main).await;
    let (s, html) = b.get_text("/orgs/vantaa/retention").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("name=\"raw-mail\"") && html.contains("value=\"30\""), "{html}");
    let csrf = crate::helpers::csrf_of(&html).unwrap();
    let (s, html) = b
        .post_text("/orgs/vantaa/retention", &[("csrf", &csrf), ("tickets", "30"), ("audit", "10")])
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("href=\"#f-audit\""), "{html}");
    let res = b
        .post("/orgs/vantaa/retention", &[("csrf", &csrf), ("tickets", ""), ("audit", "400")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let rules = tupa_core::retention::rules(&app.db, &main_org(app).await).await.unwrap();
    let of = |t| rules.iter().find(|r| r.data_type == t).unwrap();
    assert!(of(tupa_core::retention::DataType::Tickets).is_default);
    assert_eq!(of(tupa_core::retention::DataType::Audit).days, 400);
}

async fn main_org(app: &TestApp) -> String {
    tupa_core::organisations::by_slug(&app.db, "vantaa").await.unwrap().unwrap().id
}

/// The organisation's read entries for one record, through the API's filters.
async fn reads_of(api: &Api, slug: &str, kind: &str, id: &str) -> Vec<Value> {
    let (s, body) = api
        .get(&format!("/api/v1/orgs/{slug}/audit?action=read&target_type={kind}&target_id={id}"))
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    body.as_array().unwrap().clone()
}

async fn staff_reads_are_audited_once_and_searchable(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kerava", "full").await;
    let aino = app.person(&org, "aino@kerava.test", Role::Adviser).await;
    let bert = app.person(&org, "bert@kerava.test", Role::Adviser).await;
    let counsellor = app.person(&org, "cecilia@kerava.test", Role::Counsellor).await;
    let main = app.person(&org, "paa@kerava.test", Role::MainAdmin).await;
    let admin = app.api(&main.token);

    let case = new_ticket(&app.api(&aino.token), "kerava", "Luettava").await;
    let id = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap().id;
    assert!(reads_of(&admin, "kerava", "ticket", &id).await.is_empty(), "creating is not reading");

    // Aino reads it by API twice and on the page: one entry (the window).
    for _ in 0..2 {
        let (s, _) = app.api(&aino.token).get(&format!("/api/v1/tickets/{case}")).await;
        assert_eq!(s, StatusCode::OK);
    }
    let page = app.signed_in(&aino).await;
    assert_eq!(page.get(&format!("/orgs/kerava/desk/{case}")).await.status(), StatusCode::OK);
    let reads = reads_of(&admin, "kerava", "ticket", &id).await;
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0]["actor_user_id"], aino.id.as_str());
    assert_eq!(reads[0]["org_id"], org.id.as_str());

    // Bert's read is his own entry; the actor filter finds each.
    let b = app.signed_in(&bert).await;
    assert_eq!(b.get(&format!("/orgs/kerava/desk/{case}")).await.status(), StatusCode::OK);
    assert_eq!(reads_of(&admin, "kerava", "ticket", &id).await.len(), 2);
    let (_, by_bert) =
        admin.get(&format!("/api/v1/orgs/kerava/audit?action=read&actor={}", bert.email)).await;
    let by_bert = by_bert.as_array().unwrap();
    assert_eq!(by_bert.len(), 1, "{by_bert:?}");
    assert_eq!(by_bert[0]["target_id"], id.as_str());
    // The time filters.
    let now = tupa_core::db::now();
    let (_, future) =
        admin.get(&format!("/api/v1/orgs/kerava/audit?action=read&from={}", now + 3600)).await;
    assert!(future.as_array().unwrap().is_empty());
    let (_, past) =
        admin.get(&format!("/api/v1/orgs/kerava/audit?action=read&to={}", now - 3600)).await;
    assert!(past.as_array().unwrap().is_empty());
    let (_, all) =
        admin.get(&format!("/api/v1/orgs/kerava/audit?action=read&from={}", now - 3600)).await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    // Advisers do not search the log.
    let (s, _) = app.api(&aino.token).get("/api/v1/orgs/kerava/audit?action=read").await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // A space: the counsellor's read is logged, the client's reading of their own is not.
    let (space, invite) = open_space(&app, &counsellor.token, "kerava", "asta@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let (s, html) = client.get_text(&format!("/spaces/{space}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("href=\"/privacy/kerava\""), "the space links the data requests");
    assert!(reads_of(&admin, "kerava", "space", &space).await.is_empty(), "the client's own");
    let (s, _) = app.api(&counsellor.token).get(&format!("/api/v1/spaces/{space}")).await;
    assert_eq!(s, StatusCode::OK);
    let reads = reads_of(&admin, "kerava", "space", &space).await;
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0]["actor_user_id"], counsellor.id.as_str());
}
