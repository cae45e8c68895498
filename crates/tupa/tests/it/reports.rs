//! Reports: one fixture world whose every figure is known, asserted id by id on both
//! backends; suppression below five people; the unit filter with its sub-units; another
//! organisation's data never counted; the downloads, the page and the operator's view.

use reqwest::StatusCode;
use serde_json::Value;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(every_data_point_has_its_fixed_value, unit_filter_downloads_page_and_operator);

/// Monday 2 March 2026 10:00 in Helsinki; the queue is open 8–16 on weekdays.
const T0: i64 = 1_772_438_400;
const H: i64 = 3600;
const DAY: i64 = 86_400;
const FEB: i64 = 1_770_710_400;
const JAN: i64 = 1_768_032_000;
/// 3 March 2026 00:00 UTC (feedback keeps only the day).
const MAR3: i64 = 1_772_496_000;
const PERIOD: &str = "from=2026-03-01&to=2026-03-31";
/// Monday 6 April 2026 10:00 in Helsinki: a second month whose people figures reach five, so
/// that the figures suppressed in March have their values fixed too.
const T1: i64 = 1_775_458_800;
const APRIL: &str = "from=2026-04-01&to=2026-04-30";

async fn run(app: &TestApp, statements: &str) {
    for s in statements.split(";\n").map(str::trim).filter(|s| !s.is_empty()) {
        sqlx::query(sqlx::AssertSqlSafe(s.to_string()))
            .execute(app.db.pool())
            .await
            .unwrap_or_else(|e| panic!("{s}: {e}"));
    }
}

fn n(v: Option<i64>) -> String {
    v.map_or("NULL".into(), |v| v.to_string())
}

#[allow(clippy::too_many_arguments)]
fn ticket(
    org: &str,
    id: &str,
    unit: Option<&str>,
    channel: &str,
    status: &str,
    category: Option<&str>,
    requester: &str,
    times: [Option<i64>; 5],
    extra: (i64, Option<&str>, Option<&str>),
) -> String {
    let q = |s: Option<&str>| s.map_or("NULL".into(), |s| format!("'{s}'"));
    let [fr, resolved, closed, fr_due, res_due] = times;
    format!(
        "INSERT INTO tickets (org_id, id, case_number, queue_id, category_id, unit_id, subject, status, priority, channel, requester_email, requester_lang, created_at, updated_at, first_responded_at, resolved_at, closed_at, first_response_due, resolution_due, reopen_count, merged_into, space_id)
         VALUES ('{org}', '{id}', 'C-{id}', 'q-{org}', {}, {}, 'S', '{status}', 'normal', '{channel}', '{requester}', 'fi', {T0}, {T0}, {}, {}, {}, {}, {}, {}, {}, {});\n",
        q(category),
        q(unit),
        n(fr),
        n(resolved),
        n(closed),
        n(fr_due),
        n(res_due),
        extra.0,
        q(extra.1),
        q(extra.2)
    )
}

fn space(
    org: &str,
    id: &str,
    by: &str,
    created: i64,
    closed: Option<i64>,
    more: (Option<i64>, Option<&str>, Option<i64>),
) -> String {
    let status = if closed.is_some() { "closed" } else { "open" };
    let src = more.1.map_or("NULL".into(), |s| format!("'{s}'"));
    format!(
        "INSERT INTO guidance_spaces (org_id, id, title, status, created_by, client_email, client_name, lang, created_at, updated_at, closed_at, reopened_at, source_ticket_id, last_client_sign_in_at)
         VALUES ('{org}', '{id}', 'T', '{status}', '{by}', 'k@example.fi', 'K', 'fi', {created}, {created}, {}, {}, {src}, {});\n",
        n(closed),
        n(more.0),
        n(more.2)
    )
}

struct World {
    admin: String,
    supervisor: String,
    adviser: String,
    operator: String,
    b_admin: String,
    u1: &'static str,
}

/// Organisation A with desk, guidance and recruitment figures in March 2026, units
/// U1 > U2 and U3; organisation B with a little of everything in the same days.
async fn world(app: &TestApp) -> World {
    let op = app.operator().await;
    let a = app.org("rep-a", "full").await;
    let b = app.org("rep-b", "full").await;
    let admin = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let supervisor = app.person(&a, "valvoja@a.test", Role::Supervisor).await;
    let adviser = app.person(&a, "neuvoja@a.test", Role::Adviser).await;
    let c1 = app.person(&a, "c1@a.test", Role::Adviser).await;
    let c2 = app.person(&a, "c2@a.test", Role::Counsellor).await;
    let b_admin = app.person(&b, "main@b.test", Role::MainAdmin).await;
    let (a, b, c1, c2) = (a.id, b.id, c1.id, c2.id);
    let hours = serde_json::to_string(&tupa_core::desk::hours::SupportHours::weekdays(
        time::Time::from_hms(8, 0, 0).unwrap(),
        time::Time::from_hms(16, 0, 0).unwrap(),
    ))
    .unwrap();
    let mut sql = format!(
        "INSERT INTO units (org_id, id, parent_id, name, slug, created_at) VALUES ('{a}', 'u1', NULL, 'U1', 'u1', {JAN});
         INSERT INTO units (org_id, id, parent_id, name, slug, created_at) VALUES ('{a}', 'u2', 'u1', 'U2', 'u2', {JAN});
         INSERT INTO units (org_id, id, parent_id, name, slug, created_at) VALUES ('{a}', 'u3', NULL, 'U3', 'u3', {JAN});
         INSERT INTO role_grants (org_id, id, user_id, role, unit_id, granted_at) VALUES ('{a}', 'g-c1', '{c1}', 'counsellor', 'u1', {JAN});
         INSERT INTO desk_queues (org_id, id, name, support_hours, created_at) VALUES ('{a}', 'q-{a}', 'Q', '{hours}', {JAN});
         INSERT INTO desk_queues (org_id, id, name, support_hours, created_at) VALUES ('{b}', 'q-{b}', 'Q', '{hours}', {JAN});
         INSERT INTO desk_categories (org_id, id, name, created_at) VALUES ('{a}', 'cat1', 'Laskut', {JAN});
         INSERT INTO desk_categories (org_id, id, name, created_at) VALUES ('{a}', 'cat2', 'Muutot', {JAN});\n"
    );
    sql += &ticket(
        &a,
        "t1",
        Some("u1"),
        "email",
        "closed",
        Some("cat1"),
        "r1@x.fi",
        [Some(T0 + H), Some(T0 + 2 * H), Some(T0 + 3 * H), Some(T0 + 4 * H), Some(T0 + 8 * H)],
        (0, None, None),
    );
    sql += &ticket(
        &a,
        "t2",
        Some("u2"),
        "email",
        "resolved",
        Some("cat1"),
        "r2@x.fi",
        [Some(T0 + 3 * H), Some(T0 + DAY), None, Some(T0 + 2 * H), Some(T0 + 5 * H)],
        (1, None, None),
    );
    sql += &ticket(
        &a,
        "t3",
        Some("u3"),
        "web",
        "open",
        Some("cat2"),
        "r3@x.fi",
        [None, None, None, Some(T0 + H), None],
        (0, None, None),
    );
    sql += &ticket(&a, "t4", None, "api", "new", None, "R1@X.fi", [None; 5], (0, Some("t1"), None));
    sql += &ticket(
        &a,
        "t5",
        Some("u1"),
        "web",
        "waiting",
        None,
        "r4@x.fi",
        [Some(T0 + H / 2), None, None, None, None],
        (0, None, Some("s1")),
    );
    sql += &ticket(
        &b,
        "bt1",
        None,
        "email",
        "new",
        None,
        "b@x.fi",
        [Some(T0 + H), None, None, Some(T0), None],
        (0, None, None),
    );
    for (i, (kind, at)) in [
        ("incoming", T0),
        ("incoming", T0 + H),
        ("reply", T0 + H),
        ("note", T0 + H),
        ("incoming", FEB),
    ]
    .iter()
    .enumerate()
    {
        sql += &format!(
            "INSERT INTO ticket_messages (org_id, id, ticket_id, kind, to_addresses, cc_addresses, subject, body_text, created_at) VALUES ('{a}', 'm{i}', 't1', '{kind}', '', '', 'S', 'B', {at});\n"
        );
    }
    sql += &format!(
        "INSERT INTO ticket_messages (org_id, id, ticket_id, kind, to_addresses, cc_addresses, subject, body_text, created_at) VALUES ('{b}', 'bm', 'bt1', 'incoming', '', '', 'S', 'B', {T0});
         INSERT INTO desk_canned_uses (org_id, id, canned_id, ticket_id, used_by, used_at) VALUES ('{a}', 'cu1', 'c', 't1', 'x', {T0});
         INSERT INTO desk_canned_uses (org_id, id, canned_id, ticket_id, used_by, used_at) VALUES ('{a}', 'cu2', 'c', 't1', 'x', {T0});
         INSERT INTO desk_canned_uses (org_id, id, canned_id, ticket_id, used_by, used_at) VALUES ('{b}', 'cu3', 'c', 'bt1', 'x', {T0});\n"
    );
    // Guidance: s1 (c1, U1) is where most happens; s2 (c1) closed in March; s3 reopened;
    // s4 closed in January; s5–s7 opened in January and still open.
    sql += &space(&a, "s1", &c1, T0, None, (None, Some("t5"), Some(T0 + H)));
    sql += &space(&a, "s2", &c1, FEB, Some(T0 + 2 * DAY), (None, None, None));
    sql += &space(&a, "s3", &c2, T0, None, (Some(T0 + DAY), None, Some(T0 + DAY)));
    sql += &space(&a, "s4", &c2, JAN, Some(JAN + DAY), (None, None, None));
    for id in ["s5", "s6", "s7"] {
        sql += &space(&a, id, &c2, JAN, None, (None, None, None));
    }
    sql += &space(&b, "bs1", "x", T0, None, (None, None, Some(T0)));
    sql += &format!(
        "INSERT INTO space_members (org_id, space_id, user_id, role, joined_at) VALUES ('{a}', 's1', '{c1}', 'counsellor', {T0});
         INSERT INTO space_members (org_id, space_id, user_id, role, joined_at) VALUES ('{a}', 's1', 'k1', 'client', {T0});\n"
    );
    for (i, (by, kind)) in [
        (&*c1, "message"),
        (&c1, "message"),
        (&c1, "message"),
        ("k1", "message"),
        ("k1", "message"),
        ("k1", "from-ticket"),
    ]
    .iter()
    .enumerate()
    {
        sql += &format!(
            "INSERT INTO space_messages (org_id, id, space_id, kind, author_user_id, author_name, body, created_at) VALUES ('{a}', 'sm{i}', 's1', '{kind}', '{by}', 'N', 'B', {T0});\n"
        );
    }
    for (i, (answered, done)) in
        [(Some(T0), Some(T0)), (Some(T0), None), (None, None)].iter().enumerate()
    {
        sql += &format!(
            "INSERT INTO space_tasks (org_id, id, space_id, title, instructions, status, created_by, created_at, updated_at, answered_at, done_at) VALUES ('{a}', 'st{i}', 's1', 'T', 'I', 'open', '{c1}', {T0}, {T0}, {}, {});\n",
            n(*answered),
            n(*done)
        );
    }
    sql += &format!(
        "INSERT INTO space_materials (org_id, space_id, material_id, shared_by, shared_at, opened_at) VALUES ('{a}', 's1', 'mat1', '{c1}', {T0}, {T0});
         INSERT INTO space_materials (org_id, space_id, material_id, shared_by, shared_at, opened_at) VALUES ('{a}', 's1', 'mat2', '{c1}', {T0}, NULL);
         INSERT INTO space_calls (org_id, id, space_id, started_by, started_at, connected_at, duration_seconds) VALUES ('{a}', 'call1', 's1', '{c1}', {T0}, {T0}, 600);
         INSERT INTO space_calls (org_id, id, space_id, started_by, started_at, connected_at, duration_seconds) VALUES ('{a}', 'call2', 's1', '{c1}', {T0}, {T0}, 300);
         INSERT INTO space_calls (org_id, id, space_id, started_by, started_at, connected_at, duration_seconds) VALUES ('{a}', 'call3', 's1', '{c1}', {T0}, NULL, 0);
         INSERT INTO space_summaries (org_id, id, space_id, title, body, author_user_id, author_name, created_at, updated_at) VALUES ('{a}', 'sum1', 's1', 'T', 'B', '{c1}', 'N', {T0}, {T0});\n"
    );
    for (i, score) in [5, 4, 3, 5, 4, 3].iter().enumerate() {
        sql += &format!(
            "INSERT INTO guidance_feedback (org_id, id, occasion, score, comment, counsellor_id, given_on) VALUES ('{a}', 'f{i}', 'meeting', {score}, '', '{c2}', {MAR3});\n"
        );
    }
    sql += &format!(
        "INSERT INTO guidance_feedback (org_id, id, occasion, score, comment, counsellor_id, given_on) VALUES ('{b}', 'bf', 'meeting', 1, '', 'x', {MAR3});\n"
    );
    // Meter: five spaces answered twice: health 2 -> 4, housing 5 -> 5, finances 6 -> 3.
    for sp in ["s1", "s3", "s5", "s6", "s7"] {
        for (k, (v, at)) in [
            (r#"{"health": 2, "housing": 5, "finances": 6}"#, T0),
            (r#"{"health": 4, "housing": 5, "finances": 3}"#, T0 + DAY),
        ]
        .iter()
        .enumerate()
        {
            sql += &format!(
                "INSERT INTO meter_answers (org_id, id, space_id, meter_id, answer_values, comment, answered_by, created_at) VALUES ('{a}', 'ma-{sp}-{k}', '{sp}', 'tupa-default', '{v}', '', 'k', {at});\n"
            );
        }
    }
    // Recruitment: ad1 (U1) with five applications, ad2 (U3) closed, ad3 from February.
    for (id, unit, published, closed) in
        [("ad1", "u1", T0, None), ("ad2", "u3", T0, Some(T0 + 5 * DAY)), ("ad3", "u1", FEB, None)]
    {
        sql += &format!(
            "INSERT INTO job_ads (org_id, id, status, unit_id, municipality_name, municipality_code, street, postal_code, city, employment_type, working_time, engagement, vacancies, contacts, questions, deadline, published_at, closed_at, created_by, created_at, updated_at, jobmarket_state, jobmarket_attempts)
             VALUES ('{a}', '{id}', 'published', '{unit}', 'Espoo', '049', '', '', '', 'permanent', 'full-time', 'employment-contract', 1, '[]', '[]', {}, {published}, {}, 'x', {published}, {published}, 'not-sent', 0);\n",
            T0 + 30 * DAY,
            n(closed)
        );
    }
    // id, ad, received, and two optional moments (see the columns below).
    type ApplicationRow<'a> = (&'a str, &'a str, i64, Option<i64>, Option<i64>);
    let apps: [ApplicationRow; 8] = [
        ("ap1", "ad1", T0, Some(T0 + DAY), None),
        ("ap2", "ad1", T0, None, Some(T0 + DAY)),
        ("ap3", "ad1", T0, None, None),
        ("ap4", "ad1", T0, None, None),
        ("ap5", "ad1", T0, None, None),
        ("ap6", "ad2", T0, None, None),
        ("ap7", "ad3", FEB, None, None),
        ("ap8", "ad3", FEB, None, None),
    ];
    for (id, ad, at, withdrawn, selected) in apps {
        sql += &format!(
            "INSERT INTO applications (org_id, id, ad_id, reference, stage, first_name, last_name, email, lang, answers, cover_letter, consent_at, access_token_hash, created_at, updated_at, withdrawn_at, selected_at)
             VALUES ('{a}', '{id}', '{ad}', 'R-{id}', 'received', 'F', 'L', '{id}@x.fi', 'fi', '{{}}', '', {at}, 'h-{id}', {at}, {at}, {}, {});\n",
            n(withdrawn),
            n(selected)
        );
    }
    for (i, days) in [1, 2, 2, 3, 4].iter().enumerate() {
        sql += &format!(
            "INSERT INTO application_events (org_id, id, application_id, kind, body, at) VALUES ('{a}', 'ev{i}', 'ap{}', 'stage', 'screening', {});\n",
            i + 1,
            T0 + days * DAY
        );
    }
    sql += &april(&a, &c2);
    run(app, &sql).await;
    World {
        admin: admin.token,
        supervisor: supervisor.token,
        adviser: adviser.token,
        operator: op.token,
        b_admin: b_admin.token,
        u1: "u1",
    }
}

/// April in organisation A: six requesters, five clients signing in, and an ad (U3) with ten
/// applications of which five are withdrawn and five selected after an interview 1–5 days on.
fn april(a: &str, c2: &str) -> String {
    let mut sql = String::new();
    for i in 1..=6 {
        sql += &ticket(
            a,
            &format!("apr{i}"),
            None,
            "web",
            "new",
            None,
            &format!("q{i}@x.fi"),
            [None; 5],
            (0, None, None),
        )
        // Made in April: the helper's tickets are made at T0.
        .replace(&format!("'fi', {T0}, {T0},"), &format!("'fi', {T1}, {T1},"));
    }
    for i in 1..=5 {
        sql += &space(a, &format!("as{i}"), c2, T1, None, (None, None, Some(T1 + i * H)));
    }
    sql += &format!(
        "INSERT INTO job_ads (org_id, id, status, unit_id, municipality_name, municipality_code, street, postal_code, city, employment_type, working_time, engagement, vacancies, contacts, questions, deadline, published_at, closed_at, created_by, created_at, updated_at, jobmarket_state, jobmarket_attempts)
         VALUES ('{a}', 'ad4', 'published', 'u3', 'Espoo', '049', '', '', '', 'permanent', 'full-time', 'employment-contract', 1, '[]', '[]', {}, {T1}, NULL, 'x', {T1}, {T1}, 'not-sent', 0);\n",
        T1 + 30 * DAY
    );
    for i in 1..=10_i64 {
        let (withdrawn, selected) =
            if i <= 5 { (Some(T1 + DAY), None) } else { (None, Some(T1 + 6 * DAY)) };
        sql += &format!(
            "INSERT INTO applications (org_id, id, ad_id, reference, stage, first_name, last_name, email, lang, answers, cover_letter, consent_at, access_token_hash, created_at, updated_at, withdrawn_at, selected_at)
             VALUES ('{a}', 'aap{i}', 'ad4', 'R-aap{i}', 'received', 'F', 'L', 'aap{i}@x.fi', 'fi', '{{}}', '', {T1}, 'h-aap{i}', {T1}, {T1}, {}, {});\n",
            n(withdrawn),
            n(selected)
        );
        if i > 5 {
            sql += &format!(
                "INSERT INTO application_events (org_id, id, application_id, kind, body, at) VALUES ('{a}', 'aev{i}', 'aap{i}', 'stage', 'interview', {});\n",
                T1 + (i - 5) * DAY
            );
        }
    }
    sql
}

fn values(body: &Value) -> std::collections::BTreeMap<String, (Option<f64>, bool)> {
    body["data_points"]
        .as_array()
        .unwrap_or_else(|| panic!("a report: {body}"))
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                (p["value"].as_f64(), p["suppressed"].as_bool().unwrap()),
            )
        })
        .collect()
}

/// Shown values and suppressed ones ("S").
fn check(got: &std::collections::BTreeMap<String, (Option<f64>, bool)>, want: &[(&str, &str)]) {
    for (id, v) in want {
        let (value, suppressed) = got.get(*id).unwrap_or_else(|| panic!("no {id} in {got:?}"));
        match *v {
            "S" => assert!(*suppressed && value.is_none(), "{id} is suppressed: {value:?}"),
            "-" => assert!(!*suppressed && value.is_none(), "{id} has no value: {value:?}"),
            v => {
                assert!(!*suppressed, "{id} is shown");
                assert_eq!(*value, Some(v.parse::<f64>().unwrap()), "{id}");
            }
        }
    }
}

async fn every_data_point_has_its_fixed_value(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    let (s, body) = app.api(&w.admin).get(&format!("/api/v1/orgs/rep-a/reports?{PERIOD}")).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let got = values(&body);
    let want: &[(&str, &str)] = &[
        ("desk.contacts.total", "5"),
        ("desk.contacts.email", "2"),
        ("desk.contacts.web", "2"),
        ("desk.contacts.api", "1"),
        ("desk.tickets.status.new", "1"),
        ("desk.tickets.status.open", "1"),
        ("desk.tickets.status.waiting", "1"),
        ("desk.tickets.status.resolved", "1"),
        ("desk.tickets.status.closed", "1"),
        ("desk.tickets.uncategorised", "2"),
        ("desk.tickets.merged", "1"),
        ("desk.tickets.to_space", "1"),
        // Support hours: 1 h, 3 h and 30 min; 2 h, and Monday 10:00 to Tuesday 10:00 = 8 h.
        ("desk.first_response.median_hours", "1"),
        ("desk.first_response.p90_hours", "3"),
        ("desk.resolution.median_hours", "5"),
        ("desk.resolution.p90_hours", "8"),
        ("desk.sla.first_response_breaches", "2"),
        ("desk.sla.resolution_breaches", "1"),
        ("desk.reopen.count", "1"),
        ("desk.reopen.rate_percent", "50"),
        ("desk.messages.incoming", "2"),
        ("desk.messages.replies", "1"),
        ("desk.messages.notes", "1"),
        ("desk.canned_answers.used", "2"),
        // r1 wrote twice (once in capitals): four people, suppressed.
        ("desk.requesters.distinct", "S"),
        ("desk.tickets.category.cat1", "2"),
        ("desk.tickets.category.cat2", "1"),
        ("guidance.spaces.opened", "2"),
        ("guidance.spaces.closed", "1"),
        ("guidance.spaces.active", "6"),
        ("guidance.spaces.reopened", "1"),
        ("guidance.spaces.from_desk", "1"),
        ("guidance.messages.staff", "3"),
        ("guidance.messages.client", "2"),
        ("guidance.clients.signed_in", "S"),
        ("guidance.tasks.given", "3"),
        ("guidance.tasks.answered", "2"),
        ("guidance.tasks.done", "1"),
        ("guidance.materials.shared", "2"),
        ("guidance.materials.opened", "1"),
        ("guidance.calls.started", "3"),
        ("guidance.calls.answered", "2"),
        ("guidance.calls.minutes", "15"),
        ("guidance.summaries.written", "1"),
        ("guidance.feedback.count", "6"),
        ("guidance.feedback.average_score", "4"),
        ("guidance.meter.answers", "10"),
        ("guidance.meter.clients_measured", "5"),
        ("guidance.meter.change_average", "-0.33"),
        ("guidance.meter.change.health", "2"),
        ("guidance.meter.change.housing", "0"),
        ("guidance.meter.change.finances", "-3"),
        ("recruitment.ads.published", "2"),
        ("recruitment.ads.closed", "1"),
        ("recruitment.applications.received", "6"),
        ("recruitment.applications.per_ad", "3"),
        ("recruitment.applications.withdrawn", "S"),
        ("recruitment.applications.selected", "S"),
        ("recruitment.stage_days.screening", "2"),
        ("recruitment.stage_days.interview", "-"),
    ];
    check(&got, want);
    // April: what March withholds, shown and fixed.
    let (s, body) = app.api(&w.admin).get(&format!("/api/v1/orgs/rep-a/reports?{APRIL}")).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let april: &[(&str, &str)] = &[
        ("desk.contacts.total", "6"),
        ("desk.requesters.distinct", "6"),
        ("guidance.spaces.opened", "5"),
        ("guidance.clients.signed_in", "5"),
        ("recruitment.ads.published", "1"),
        ("recruitment.applications.received", "10"),
        ("recruitment.applications.per_ad", "10"),
        ("recruitment.applications.withdrawn", "5"),
        ("recruitment.applications.selected", "5"),
        ("recruitment.stage_days.interview", "3"),
        ("recruitment.stage_days.screening", "-"),
    ];
    check(&values(&body), april);
    // Every fixed point has a value the fixture fixes: a number (or "no value") in March, or
    // in April where March withholds it.
    let fixed = tupa_core::reports::registry::POINTS;
    assert!(fixed.len() > 40);
    for p in fixed {
        let march = want.iter().find(|(id, _)| id == &p.id).map(|w| w.1);
        let shown = match march {
            Some("S") => april.iter().any(|(id, v)| id == &p.id && *v != "S"),
            Some(_) => true,
            None => false,
        };
        assert!(shown, "the fixture fixes the value of {}", p.id);
    }
    // Labels and definitions in the caller's language.
    let mut sv = app.api(&w.admin);
    sv.lang = Some("sv");
    let (_, body) = sv.get(&format!("/api/v1/orgs/rep-a/reports?{PERIOD}")).await;
    let first = &body["data_points"][0];
    assert_eq!(first["label"], "Kontakter", "{first}");
    assert!(first["definition"].as_str().unwrap().contains("perioden"));
    // The supervisor sees the same; an adviser does not; B's admin finds nothing.
    let (s, _) = app.api(&w.supervisor).get(&format!("/api/v1/orgs/rep-a/reports?{PERIOD}")).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.api(&w.adviser).get(&format!("/api/v1/orgs/rep-a/reports?{PERIOD}")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.api(&w.b_admin).get(&format!("/api/v1/orgs/rep-a/reports?{PERIOD}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // B's own report counts only B.
    let (_, body) = app.api(&w.b_admin).get(&format!("/api/v1/orgs/rep-b/reports?{PERIOD}")).await;
    check(
        &values(&body),
        &[
            ("desk.contacts.total", "1"),
            ("desk.messages.incoming", "1"),
            ("guidance.spaces.opened", "1"),
            ("desk.canned_answers.used", "1"),
            ("guidance.feedback.count", "S"),
        ],
    );
    // Bad dates: a translated 422 at the field.
    let (s, body) =
        app.api(&w.admin).get("/api/v1/orgs/rep-a/reports?from=2026-03-31&to=2026-03-01").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["field"], "to", "{body}");
    let (s, body) = app.api(&w.admin).get("/api/v1/orgs/rep-a/reports?from=1.3.2026").await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("report-date-invalid"))
    );
    // A period without data: counts are 0, medians have no value, nothing is suppressed.
    let (_, body) =
        app.api(&w.admin).get("/api/v1/orgs/rep-a/reports?from=2025-06-01&to=2025-06-30").await;
    check(
        &values(&body),
        &[
            ("desk.contacts.total", "0"),
            ("desk.first_response.median_hours", "-"),
            ("desk.requesters.distinct", "0"),
        ],
    );
}

async fn unit_filter_downloads_page_and_operator(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    // U1 with U2 below it: t1, t2, t5; c1's spaces s1 and s2; ad1.
    let (s, body) =
        app.api(&w.admin).get(&format!("/api/v1/orgs/rep-a/reports?{PERIOD}&unit={}", w.u1)).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    check(
        &values(&body),
        &[
            ("desk.contacts.total", "3"),
            ("desk.contacts.email", "2"),
            ("desk.contacts.web", "1"),
            ("desk.contacts.api", "0"),
            ("desk.messages.incoming", "2"),
            ("guidance.spaces.opened", "1"),
            ("guidance.spaces.closed", "1"),
            ("guidance.spaces.active", "2"),
            ("guidance.messages.staff", "3"),
            ("guidance.feedback.count", "0"),
            ("guidance.meter.clients_measured", "S"),
            ("guidance.meter.change.health", "S"),
            ("recruitment.ads.published", "1"),
            ("recruitment.applications.received", "5"),
        ],
    );
    let (_, body) =
        app.api(&w.admin).get(&format!("/api/v1/orgs/rep-a/reports?{PERIOD}&unit=u2")).await;
    check(&values(&body), &[("desk.contacts.total", "1")]);
    // Another organisation's unit is not found.
    let (s, _) =
        app.api(&w.b_admin).get(&format!("/api/v1/orgs/rep-b/reports?{PERIOD}&unit=u1")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // CSV: a row per data point, the same values.
    let res = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/orgs/rep-a/reports.csv?{PERIOD}")))
        .bearer_auth(&w.admin)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Id,Data point,Value");
    assert!(lines.contains(&"desk.contacts.total,Contacts,5"), "{csv}");
    assert!(lines.contains(&"desk.requesters.distinct,Different clients at the desk,"), "{csv}");
    let (_, json) = app.api(&w.admin).get(&format!("/api/v1/orgs/rep-a/reports?{PERIOD}")).await;
    assert_eq!(lines.len() - 1, json["data_points"].as_array().unwrap().len());
    // XLSX: a ZIP workbook whose shared strings hold the labels.
    let res = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/orgs/rep-a/reports.xlsx?{PERIOD}")))
        .bearer_auth(&w.admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/sharedStrings.xml").unwrap(), &mut strings)
        .unwrap();
    assert!(strings.contains("desk.contacts.email"), "{strings}");

    // The page: the form, three charts with their tables, the downloads.
    let browser = app
        .signed_in(&crate::helpers::Person {
            id: String::new(),
            email: "valvoja@a.test".into(),
            token: String::new(),
            totp_secret: None,
        })
        .await;
    let (s, html) = browser.get_text(&format!("/orgs/rep-a/reports?{PERIOD}")).await;
    assert_eq!(s, StatusCode::OK, "{html}");
    for needle in [
        "chart-trend",
        "chart-categories",
        "chart-meter",
        "<svg",
        "reports.xlsx?from=2026-03-01",
        "Laskut",
        "report-points",
    ] {
        assert!(html.contains(needle), "page has {needle}");
    }
    // What the figures cover is said above them (a printout leaves the form out).
    assert!(html.contains("Jakso 1.3.2026–31.3.2026") && html.contains("Koko organisaatio"));
    let (s, html) = browser.get_text(&format!("/orgs/rep-a/reports?{PERIOD}&unit=u1")).await;
    assert_eq!(s, StatusCode::OK);
    let scope = html.split("id=\"report-scope\"").nth(1).unwrap().split("</ul>").next().unwrap();
    assert!(scope.contains("Yksikkö U1 alayksiköineen"), "{scope}");
    let (s, html) = browser.get_text("/orgs/rep-a/reports?from=2026-02-30").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-from-error"), "{html}");

    // The operator: every organisation together, no organisation's categories.
    let (s, body) = app.api(&w.operator).get(&format!("/api/v1/reports?{PERIOD}")).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let got = values(&body);
    check(
        &got,
        &[
            ("desk.contacts.total", "6"),
            ("desk.messages.incoming", "3"),
            ("guidance.feedback.count", "7"),
            ("guidance.spaces.opened", "3"),
        ],
    );
    assert!(!got.keys().any(|k| k.starts_with("desk.tickets.category.")));
    assert!(!body.to_string().contains("Laskut"));
    let (s, _) = app.api(&w.admin).get(&format!("/api/v1/reports?{PERIOD}")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
