//! Reports by staff member (who may read whose figures, what is attributed to a person, what
//! is not applicable, suppression still applying) and the operator's view by organisation.

use reqwest::StatusCode;
use serde_json::Value;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, Person, TestApp, spawn};

both_backends!(one_staff_members_figures_for_those_who_may_see_them, operator_view_by_organisation);

/// Monday 2 March 2026 10:00 in Helsinki.
const T0: i64 = 1_772_438_400;
const JAN: i64 = 1_768_032_000;
const PERIOD: &str = "from=2026-03-01&to=2026-03-31";

async fn run(app: &TestApp, sql: &str) {
    for s in sql.split(";\n").map(str::trim).filter(|s| !s.is_empty()) {
        sqlx::query(sqlx::AssertSqlSafe(s.to_string()))
            .execute(app.db.pool())
            .await
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
}

fn ticket(org: &str, id: &str, status: &str, assignee: Option<&str>, requester: &str) -> String {
    let a = assignee.map_or("NULL".into(), |a| format!("'{a}'"));
    format!(
        "INSERT INTO tickets (org_id, id, case_number, queue_id, subject, status, priority, channel, requester_email, requester_lang, assignee_id, created_at, updated_at)
         VALUES ('{org}', '{id}', 'C-{id}', 'q', 'S', '{status}', 'normal', 'email', '{requester}', 'fi', {a}, {T0}, {T0});\n"
    )
}

struct World {
    admin: String,
    admin_p: Person,
    supervisor: String,
    h1: (String, String),
    h1_p: Person,
    h2: (String, String),
    operator: String,
    b_admin: String,
}

/// Organisation A (units U1 > U2, and U3): handler H1 granted in U2, H2 in U3, a supervisor of
/// U1; tickets t1, t2 (H1), t3 (H2), t4 (new, no handler); a space opened by H1.
async fn world(app: &TestApp) -> World {
    let op = app.operator().await;
    let a = app.org("st-a", "full").await;
    let b = app.org("st-b", "full").await;
    let admin = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let supervisor = app.person(&a, "esihenkilo@a.test", Role::Adviser).await;
    let h1 = app.person(&a, "h1@a.test", Role::Counsellor).await;
    let h2 = app.person(&a, "h2@a.test", Role::Counsellor).await;
    let b_admin = app.person(&b, "main@b.test", Role::MainAdmin).await;
    let o = a.id.clone();
    let mut sql = format!(
        "INSERT INTO units (org_id, id, parent_id, name, slug, created_at) VALUES ('{o}', 'u1', NULL, 'U1', 'u1', {JAN});
         INSERT INTO units (org_id, id, parent_id, name, slug, created_at) VALUES ('{o}', 'u2', 'u1', 'U2', 'u2', {JAN});
         INSERT INTO units (org_id, id, parent_id, name, slug, created_at) VALUES ('{o}', 'u3', NULL, 'U3', 'u3', {JAN});
         INSERT INTO role_grants (org_id, id, user_id, role, unit_id, granted_at) VALUES ('{o}', 'g-sup', '{}', 'supervisor', 'u1', {JAN});
         INSERT INTO role_grants (org_id, id, user_id, role, unit_id, granted_at) VALUES ('{o}', 'g-h1', '{}', 'adviser', 'u2', {JAN});
         INSERT INTO role_grants (org_id, id, user_id, role, unit_id, granted_at) VALUES ('{o}', 'g-h2', '{}', 'adviser', 'u3', {JAN});
         INSERT INTO desk_queues (org_id, id, name, support_hours, created_at) VALUES ('{o}', 'q', 'Q', '{{}}', {JAN});\n",
        supervisor.id, h1.id, h2.id
    );
    sql += &ticket(&o, "t1", "open", Some(&h1.id), "r1@x.fi");
    sql += &ticket(&o, "t2", "closed", Some(&h1.id), "r2@x.fi");
    sql += &ticket(&o, "t3", "open", Some(&h2.id), "r3@x.fi");
    sql += &ticket(&o, "t4", "new", None, "r4@x.fi");
    sql += &format!(
        "INSERT INTO ticket_messages (org_id, id, ticket_id, kind, to_addresses, cc_addresses, subject, body_text, created_at) VALUES ('{o}', 'm1', 't1', 'incoming', '', '', 'S', 'B', {T0});
         INSERT INTO ticket_messages (org_id, id, ticket_id, kind, to_addresses, cc_addresses, subject, body_text, author_user_id, created_at) VALUES ('{o}', 'm2', 't1', 'reply', '', '', 'S', 'B', '{}', {T0});
         INSERT INTO ticket_messages (org_id, id, ticket_id, kind, to_addresses, cc_addresses, subject, body_text, author_user_id, created_at) VALUES ('{o}', 'm3', 't3', 'reply', '', '', 'S', 'B', '{}', {T0});
         INSERT INTO guidance_spaces (org_id, id, title, status, created_by, client_email, client_name, lang, created_at, updated_at) VALUES ('{o}', 's1', 'T', 'open', '{}', 'k@x.fi', 'K', 'fi', {T0}, {T0});\n",
        h1.id, h2.id, h1.id
    );
    run(app, &sql).await;
    World {
        admin: admin.token.clone(),
        admin_p: admin,
        supervisor: supervisor.token,
        h1: (h1.id.clone(), h1.token.clone()),
        h1_p: h1,
        h2: (h2.id, h2.token),
        operator: op.token,
        b_admin: b_admin.token,
    }
}

/// id → (value, suppressed, applicable)
fn points(body: &Value) -> std::collections::BTreeMap<String, (Option<f64>, bool, bool)> {
    body["data_points"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                (
                    p["value"].as_f64(),
                    p["suppressed"].as_bool().unwrap(),
                    p["applicable"].as_bool().unwrap(),
                ),
            )
        })
        .collect()
}

async fn one_staff_members_figures_for_those_who_may_see_them(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    let (h1, h2) = (&w.h1.0, &w.h2.0);
    let url = |who: &str| format!("/api/v1/orgs/st-a/reports?{PERIOD}&staff={who}");

    // The whole organisation first: four tickets, one of them new.
    let (_, all) = app.api(&w.admin).get(&format!("/api/v1/orgs/st-a/reports?{PERIOD}")).await;
    let all = points(&all);
    assert_eq!(all["desk.contacts.total"], (Some(4.0), false, true));
    assert_eq!(all["desk.tickets.status.new"], (Some(1.0), false, true));

    // H1's figures, as the main admin reads them: their two tickets, their reply, the
    // incoming message of their ticket, their space; the queue's triage is not applicable;
    // two requesters are fewer than five people.
    let (s, body) = app.api(&w.admin).get(&url(h1)).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let p = points(&body);
    assert_eq!(p["desk.contacts.total"], (Some(2.0), false, true));
    assert_eq!(p["desk.tickets.status.open"], (Some(1.0), false, true));
    assert_eq!(p["desk.tickets.status.closed"], (Some(1.0), false, true));
    assert_eq!(p["desk.messages.replies"], (Some(1.0), false, true));
    assert_eq!(p["desk.messages.incoming"], (Some(1.0), false, true));
    assert_eq!(p["guidance.spaces.opened"], (Some(1.0), false, true));
    assert_eq!(p["desk.requesters.distinct"], (None, true, true));
    for id in ["desk.tickets.status.new", "desk.tickets.uncategorised", "desk.tickets.merged"] {
        assert_eq!(p[id], (None, false, false), "{id}");
    }
    let (_, body) = app.api(&w.admin).get(&url(h2)).await;
    let p = points(&body);
    assert_eq!(p["desk.contacts.total"], (Some(1.0), false, true));
    assert_eq!(p["guidance.spaces.opened"], (Some(0.0), false, true));

    // The supervisor of U1 sees H1 (granted in U2, below U1) but not H2 (U3).
    let (s, _) = app.api(&w.supervisor).get(&url(h1)).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.api(&w.supervisor).get(&url(h2)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // A staff member sees their own figures, nobody else's, and not the organisation's.
    let (s, body) = app.api(&w.h1.1).get(&url(h1)).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, _) = app.api(&w.h1.1).get(&url(h2)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.api(&w.h2.1).get(&format!("/api/v1/orgs/st-a/reports?{PERIOD}")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The operator does not read a person's figures; another organisation finds nothing; an
    // id that is nobody in the organisation is 404.
    let (s, _) = app.api(&w.operator).get(&url(h1)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.api(&w.b_admin).get(&url(h1)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.api(&w.admin).get(&url("no-such-user")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // The downloads take the same query: not applicable is an empty value.
    let res = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/orgs/st-a/reports.csv?{PERIOD}&staff={h1}")))
        .bearer_auth(&w.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    assert!(csv.contains("desk.contacts.total,"), "{csv}");
    let line = csv.lines().find(|l| l.starts_with("desk.tickets.status.new,")).unwrap();
    assert!(line.ends_with(','), "{line}");
    let res = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/orgs/st-a/reports.xlsx?{PERIOD}&staff={h2}")))
        .bearer_auth(&w.h1.1)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // The page: the main admin picks anyone; a staff member gets their own figures.
    let admin = app.signed_in(&w.admin_p).await;
    let (s, html) = admin.get_text(&format!("/orgs/st-a/reports?{PERIOD}&staff={h1}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(r#"id="f-staff""#), "the picker");
    assert!(html.contains(&format!(r#"<option value="{h2}""#)), "everyone is in the picker");
    assert!(html.contains(&format!("staff={h1}")), "the downloads keep the person");
    assert!(html.contains("not applicable") || html.contains("ei sovellu"));
    let own = app.signed_in(&w.h1_p).await;
    let (s, html) = own.get_text(&format!("/orgs/st-a/reports?{PERIOD}")).await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(html.contains(&format!("staff={h1}")), "their own figures");
    assert!(!html.contains(&format!(r#"<option value="{h2}""#)));

    // Navigation: staff reach their own figures from the organisation's tabs (My figures),
    // the main admin the organisation's (Reports); without reports in the plan no tab leads
    // to a refusal.
    let tab = r#"<a href="/orgs/st-a/reports""#;
    let (_, html) = own.get_text("/orgs/st-a").await;
    let mine = |h: &str| h.contains("Omat lukuni") || h.contains("My figures");
    assert!(html.contains(tab) && mine(&html), "{html}");
    let (_, html) = admin.get_text("/orgs/st-a").await;
    assert!(html.contains(tab) && !mine(&html), "{html}");
    let (s, _) = own.get_text("/orgs/st-a/reports").await;
    assert_eq!(s, StatusCode::OK);
    sqlx::query("UPDATE plans SET cap_reports = $1 WHERE id = (SELECT plan_id FROM organisations WHERE slug = 'st-a')")
        .bind(false)
        .execute(app.db.pool())
        .await
        .unwrap();
    for browser in [&own, &admin] {
        let (s, html) = browser.get_text("/orgs/st-a").await;
        assert_eq!(s, StatusCode::OK);
        assert!(!html.contains(tab), "no reports in the plan: {html}");
    }
}

async fn operator_view_by_organisation(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    let (s, body) = app.api(&w.operator).get(&format!("/api/v1/reports?{PERIOD}")).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert!(body.get("organisations").is_none(), "{body}");
    let (s, body) =
        app.api(&w.operator).get(&format!("/api/v1/reports?{PERIOD}&by=organisation")).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let orgs = body["organisations"].as_array().unwrap();
    let a = orgs.iter().find(|o| o["slug"] == "st-a").expect("A is listed");
    assert_eq!(points(a)["desk.contacts.total"].0, Some(4.0));
    let b = orgs.iter().find(|o| o["slug"] == "st-b").expect("B is listed");
    assert_eq!(points(b)["desk.contacts.total"].0, Some(0.0));
    assert_eq!(points(&body)["desk.contacts.total"].0, Some(4.0));
    // A unit is one organisation's: a translated 422.
    let (s, body) = app.api(&w.operator).get(&format!("/api/v1/reports?{PERIOD}&unit=u1")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "report-unit-per-organisation", "{body}");
    let (s, _) = app.api(&w.operator).get(&format!("/api/v1/reports?{PERIOD}&by=unit")).await;
    assert_eq!(s.as_u16() / 100, 4);
    // Nobody else reads the operator's view.
    let (s, _) = app.api(&w.admin).get(&format!("/api/v1/reports?{PERIOD}&by=organisation")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
