//! Authorisation as a matrix. Every route in the OpenAPI document (so a new route cannot be
//! forgotten) is called by each role of organisation A against organisation B's resources,
//! and must answer 403 or 404 and change nothing; without credentials every route answers
//! 401. Inside their own organisation each role gets exactly what it should.

use std::collections::HashMap;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(other_organisations_resources_are_out_of_reach, each_role_gets_exactly_its_rights);

/// A valid request body for each route that takes one, so that a refusal can only come from
/// authorisation. A route without an entry here fails the test: add one.
fn sample_body(method: &str, path: &str) -> Option<Value> {
    let body = match (method, path) {
        ("patch", "/api/v1/me") => json!({"display_name": "Changed"}),
        ("post", "/api/v1/me/tokens") => json!({"name": "matrix"}),
        ("post", "/api/v1/orgs") => json!({"slug": "matrix-org", "name": "Matrix"}),
        ("patch", "/api/v1/orgs/{slug}") => json!({"name": "Hijacked", "plan": "desk"}),
        ("put", "/api/v1/orgs/{slug}/settings") => {
            json!({"privacy_notice_url": "https://evil.test", "business_id": ""})
        }
        ("post", "/api/v1/orgs/{slug}/units") => json!({"name": "Injected"}),
        ("patch", "/api/v1/orgs/{slug}/units/{unit_id}") => {
            json!({"action": "rename", "name": "Hijacked"})
        }
        ("post", "/api/v1/orgs/{slug}/users") => {
            json!({"email": "mole@a.test", "display_name": "Mole", "roles": [{"role": "main-admin"}]})
        }
        ("put", "/api/v1/orgs/{slug}/users/{user_id}/roles") => json!([{"role": "adviser"}]),
        ("put", "/api/v1/orgs/{slug}/users/{user_id}/active") => json!({"active": false}),
        ("post", "/api/v1/plans") => {
            json!({"slug": "matrix-plan", "name": "Matrix", "capabilities": ["desk"]})
        }
        ("put", "/api/v1/plans/{slug}") => {
            json!({"slug": "full", "name": "Hijacked", "capabilities": []})
        }
        ("post", "/api/v1/orgs/{slug}/tickets") => {
            json!({"name": "Mole", "email": "mole@a.test", "message": "Injected"})
        }
        ("patch", "/api/v1/tickets/{case_number}") => json!({"status": "closed"}),
        ("post", "/api/v1/tickets/{case_number}/messages") => {
            json!({"body": "Hijacked", "public": true})
        }
        ("post", "/api/v1/orgs/{slug}/desk/queues")
        | ("put", "/api/v1/orgs/{slug}/desk/queues/{id}") => {
            json!({"name": "Injected", "weekly": [["09:00", "15:00"], null, null, null, null, null, null]})
        }
        ("post", "/api/v1/orgs/{slug}/desk/addresses") => json!({"address": "mole@b.test"}),
        ("put", "/api/v1/orgs/{slug}/desk/addresses/{address}/imap") => {
            json!({"host": "imap.evil.test", "username": "mole", "password": "stolen"})
        }
        ("post", "/api/v1/tickets/{case_number}/merge") => json!({"into": "2000-000001"}),
        ("post", "/api/v1/orgs/{slug}/desk/categories") => json!({"name_fi": "Injected"}),
        ("post", "/api/v1/orgs/{slug}/desk/views") => {
            json!({"name": "Mine", "query": "status=open"})
        }
        ("post", "/api/v1/tickets/{case_number}/split") => json!({"message_id": "x"}),
        ("post", "/api/v1/tickets/{case_number}/links") => json!({"other": "2000-000001"}),
        ("post", "/api/v1/tickets/{case_number}/cc") => json!({"address": "mole@a.test"}),
        ("post", "/api/v1/orgs/{slug}/desk/canned-answers")
        | ("put", "/api/v1/orgs/{slug}/desk/canned-answers/{id}") => {
            json!({"title": "Injected", "body_fi": "Hijacked"})
        }
        ("post", "/api/v1/orgs/{slug}/job-ads") | ("put", "/api/v1/orgs/{slug}/job-ads/{id}") => {
            sample_ad()
        }
        ("post", "/api/v1/orgs/{slug}/job-ads/{id}/decision") => json!({"approve": true}),
        ("post", "/api/v1/orgs/{slug}/job-ads/{id}/actions") => json!({"action": "close"}),
        ("post", "/api/v1/orgs/{slug}/job-ads/{id}/extend") => {
            json!({"deadline": "2099-01-01T12:00", "note": "Hijacked"})
        }
        ("post", "/api/v1/orgs/{slug}/job-ads/{id}/submit")
        | ("post", "/api/v1/orgs/{slug}/job-ads/{id}/copy") => json!({}),
        ("put", "/api/v1/orgs/{slug}/recruitment/settings") => {
            json!({"approval_required": false, "stages": [{"id": "x"}], "anonymous_until_stage": null, "retention_days": 30, "max_files": 1, "max_file_bytes": 102400})
        }
        ("post", "/api/v1/orgs/{slug}/applications/{id}/actions") => {
            json!({"action": "note", "text": "Hijacked"})
        }
        ("post", "/api/v1/orgs/{slug}/applications/{id}/documents") => {
            json!({"template_id": "none"})
        }
        ("post", "/api/v1/orgs/{slug}/recruitment/templates")
        | ("put", "/api/v1/orgs/{slug}/recruitment/templates/{id}") => {
            json!({"kind": "message", "name": "Injected", "texts": {"fi": {"subject": "Hijacked", "body": "Hijacked"}}})
        }
        ("put", "/api/v1/orgs/{slug}/recruitment/jobmarket") => {
            json!({"endpoint": "https://evil.test/v2", "username": "mole", "secret": "stolen"})
        }
        ("post", "/api/v1/orgs/{slug}/recruitment/texts")
        | ("put", "/api/v1/orgs/{slug}/recruitment/texts/{id}") => {
            json!({"name": "Injected", "texts": {"fi": "Hijacked"}})
        }
        ("post", "/api/v1/orgs/{slug}/spaces") => {
            json!({"title": "Injected", "client_email": "mole@a.test"})
        }
        ("post", "/api/v1/tickets/{case_number}/space") => json!({}),
        ("post", "/api/v1/spaces/{id}/status") => json!({"status": "closed"}),
        ("post", "/api/v1/spaces/{id}/messages") => json!({"body": "Hijacked"}),
        ("post", "/api/v1/spaces/{id}/tasks") => json!({"title": "Injected"}),
        ("put", "/api/v1/spaces/{id}/tasks/{task_id}") => json!({"title": "Hijacked"}),
        ("post", "/api/v1/spaces/{id}/tasks/{task_id}/answer") => {
            json!({"body": "Hijacked", "done": true})
        }
        ("post", "/api/v1/spaces/{id}/tasks/{task_id}/done") => json!({}),
        ("post", "/api/v1/spaces/{id}/tasks/{task_id}/comments") => json!({"body": "Hijacked"}),
        ("post", "/api/v1/orgs/{slug}/task-templates")
        | ("put", "/api/v1/orgs/{slug}/task-templates/{id}") => json!({"title": "Injected"}),
        ("post", "/api/v1/orgs/{slug}/space-templates")
        | ("put", "/api/v1/orgs/{slug}/space-templates/{id}") => json!({"name": "Injected"}),
        ("post", "/api/v1/spaces/{id}/links") | ("post", "/api/v1/orgs/{slug}/materials") => {
            json!({"title": "Injected", "url": "https://evil.test/"})
        }
        ("post", "/api/v1/spaces/{id}/summaries")
        | ("put", "/api/v1/spaces/{id}/summaries/{summary_id}") => {
            json!({"title": "Injected", "body": "Hijacked"})
        }
        ("post", "/api/v1/spaces/{id}/materials") => json!({"material_id": "injected"}),
        ("post", "/api/v1/orgs/{slug}/meters") => crate::guidance_meter::own_meter(),
        ("post", "/api/v1/spaces/{id}/meter") => json!({"meter_id": "tupa-default", "ask": true}),
        ("post", "/api/v1/spaces/{id}/meter-answers") => {
            json!({"meter_id": "tupa-default", "values": {
            "health": 0, "resilience": 0, "housing": 0, "everyday-coping": 0, "family": 0, "friends": 0,
            "finances": 0, "strengths": 0, "self-esteem": 0, "life-as-a-whole": 0}})
        }
        ("post", "/api/v1/spaces/{id}/feedback") => json!({"occasion": "meeting", "score": 1}),
        ("post", "/api/v1/spaces/{id}/feedback-request") => json!({}),
        // The logo routes take the image itself; a refusal must come before it is read.
        ("put", "/api/v1/orgs/{slug}/logo")
        | ("put", "/api/v1/orgs/{slug}/units/{unit_id}/logo") => json!("not an image"),
        ("post", "/api/v1/spaces/{id}/professionals") => json!({"email": "pro@a.test",
            "name": "Injected", "organisation_name": "A", "purpose": "Hijacked"}),
        ("post", "/api/v1/spaces/{id}/professionals/{professional_id}/consent") => {
            json!({"decision": "consent"})
        }
        ("post", "/api/v1/spaces/{id}/professionals/{professional_id}/revoke") => json!({}),
        ("post", "/api/v1/space-professional-joins") => json!({"token": "forged"}),
        ("post", "/api/v1/orgs/{slug}/data-requests") => {
            json!({"kind": "erasure", "email": "asiakas@example.fi"})
        }
        ("post", "/api/v1/data-requests/{id}/execute") => json!({}),
        ("post", "/api/v1/data-requests/{id}/extend")
        | ("post", "/api/v1/data-requests/{id}/lift-notice")
        | ("post", "/api/v1/data-requests/{id}/lift") => json!({"reason": "Hijacked"}),
        ("put", "/api/v1/orgs/{slug}/sso") => json!({"enabled": true, "label": "Mole",
            "issuer": "https://evil.test", "client_id": "mole", "client_secret": "mole",
            "email_domains": ["evil.test"], "allowed_groups": []}),
        ("post", "/api/v1/materials") => json!({"title": "Injected", "audience": "staff",
            "files": [{"lang": "fi", "url": "https://evil.test/"}]}),
        ("post", "/api/v1/materials/{id}/versions") => {
            json!({"files": [{"lang": "fi", "url": "https://evil.test/"}]})
        }
        ("post", "/api/v1/orgs/{slug}/delegations") => {
            json!({"rights": ["settings", "templates", "users"], "until": "2099-01-01", "reason": "Hijacked"})
        }
        ("post", "/api/v1/support/cases") => json!({"subject": "Injected", "message": "Hijacked"}),
        ("post", "/api/v1/announcements") => {
            json!({"fi": {"title": "Injected", "body": "Hijacked"}})
        }
        ("post", "/api/v1/announcements/{id}/forward") => {
            json!({"org": "b-org", "audience": "all"})
        }
        ("post", "/api/v1/announcements/{id}/read") => json!({}),
        ("post", "/api/v1/orgs/{slug}/agreement") => json!({"signed_on": "2026-01-02",
            "signer_name": "Mole", "signer_title": "Mole", "signer_authority": "None",
            "terms_version": "forged", "filename": "forged.pdf", "content_base64": "JVBERi0xLjc="}),
        ("put", "/api/v1/orgs/{slug}/environment") => json!({"environment": "training"}),
        ("post", "/api/v1/subprocessors") => json!({"effective_on": "2099-01-01",
            "entries": [{"name": "Mole", "purpose": "Hijacked", "location": "Nowhere"}]}),
        ("post", "/api/v1/support/cases/{case_number}/messages") => json!({"message": "Hijacked"}),
        ("put", "/api/v1/orgs/{slug}/retention") => {
            json!({"rules": [{"data_type": "tickets", "days": 30}]})
        }
        ("put", "/api/v1/accessibility-statement")
        | ("put", "/api/v1/orgs/{slug}/accessibility-statement") => sample_statement(),
        _ => return None,
    };
    Some(body)
}

/// A valid accessibility statement.
fn sample_statement() -> Value {
    json!({"compliance": "not", "gaps_fi": "Hijacked", "prepared_on": "2026-01-01", "reviewed_on": "2026-01-02"})
}

/// A valid job ad (a draft), as the API takes it.
pub fn sample_ad() -> Value {
    json!({
        "municipality_name": "Espoo", "municipality_code": "049", "employment_type": "permanent", "working_time": "full-time",
        "engagement": "employment-contract", "vacancies": 1, "deadline": "2099-01-01T12:00",
        "texts": {"fi": {"title": "Injected", "description": "Hijacked"}}
    })
}

fn takes_body(method: &str) -> bool {
    matches!(method, "post" | "put" | "patch")
}

/// Routes whose body is optional or absent even though the method is POST.
fn body_free(method: &str, path: &str) -> bool {
    method == "post" && path.ends_with("/invitation")
}

struct World {
    b_slug: String,
    ids: HashMap<&'static str, String>,
}

async fn world(app: &TestApp) -> World {
    app.operator().await;
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "full").await;
    let b_admin = app.person(&b, "main@b.test", Role::MainAdmin).await;
    let b_user = app.person(&b, "invited@b.test", Role::Adviser).await;
    let api = app.api(&b_admin.token);
    let (_, unit) = api.post("/api/v1/orgs/b-org/units", json!({"name": "B-yksikkö"})).await;
    // Make b_user an invitation-pending person for the resend route.
    sqlx::query("UPDATE users SET password_hash = NULL WHERE id = $1")
        .bind(&b_user.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    app.signed_in(&b_admin).await;
    let (_, sessions) = api.get("/api/v1/me/sessions").await;
    let (_, tokens) = api.get("/api/v1/me/tokens").await;
    let b_ticket = tupa_core::desk::work::contact(
        &app.db,
        &app.settings,
        &b,
        &tupa_core::desk::work::ContactInput {
            name: "Asiakas".into(),
            email: "asiakas@example.fi".into(),
            subject: "B:n asia".into(),
            message: "B-viesti".into(),
            language: None,
            category_id: None,
        },
        vec![],
        tupa_core::i18n::Lang::Fi,
        tupa_core::desk::tickets::TicketChannel::Web,
    )
    .await
    .unwrap();
    let mut tx = app.db.begin().await.unwrap();
    tupa_core::desk::queues::add_address(&mut tx, &b.id, "desk@b.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let imap = tupa_core::desk::mailboxes::ImapInput {
        host: "imap.b.test".into(),
        username: "desk".into(),
        password: Some("b-secret".into()),
        enabled: false,
        ..Default::default()
    };
    tupa_core::desk::mailboxes::save(
        &app.db,
        &app.settings,
        &tupa_core::audit::By::system(),
        &b,
        "desk@b.test",
        &imap,
    )
    .await
    .unwrap();
    let b_recruiter = app.person(&b, "recruiter@b.test", Role::Recruiter).await;
    let (_, ad) = app.api(&b_recruiter.token).post("/api/v1/orgs/b-org/job-ads", sample_ad()).await;
    let (s, _) = app
        .api(&b_recruiter.token)
        .post(
            &format!("/api/v1/orgs/b-org/job-ads/{}/submit", ad["id"].as_str().unwrap()),
            json!({}),
        )
        .await;
    assert!(s.is_success(), "B's ad is public");
    // Recruitment: a general text and the job market connection.
    let (_, text) = api
        .post(
            "/api/v1/orgs/b-org/recruitment/texts",
            json!({"name": "B-teksti", "texts": {"fi": "B-viesti"}}),
        )
        .await;
    let (s, _) = api
        .put(
            "/api/v1/orgs/b-org/recruitment/jobmarket",
            json!({"endpoint": "https://jobs.b.test/v2", "username": "b", "secret": "b-secret"}),
        )
        .await;
    assert!(s.is_success());
    let mail: (String,) = sqlx::query_as("SELECT id FROM outbox LIMIT 1")
        .fetch_optional(app.db.pool())
        .await
        .unwrap()
        .unwrap_or(("none".into(),));
    let mut ids = HashMap::new();
    ids.insert("unit_id", unit["id"].as_str().unwrap().to_string());
    ids.insert("user_id", b_user.id.clone());
    ids.insert("session", sessions[0]["id"].as_str().unwrap().to_string());
    ids.insert("token", tokens[0]["id"].as_str().unwrap().to_string());
    ids.insert("mail", mail.0);
    ids.insert("case_number", b_ticket.case_number);
    ids.insert("job_ad", ad["id"].as_str().unwrap().to_string());
    // Recruitment: an ad of B with an application (and its CV) and a template.
    let b_recruiter =
        app.person(&b, "rekry@b.test", tupa_core::organisations::people::Role::Recruiter).await;
    let ad = crate::applications::open_ad(app, &b, &b_recruiter).await;
    let (s, html) = crate::applications::apply(
        app,
        "b-org",
        &ad.id,
        crate::applications::form("hakija@b.test").part(
            "cv",
            reqwest::multipart::Part::bytes(crate::applications::PDF).file_name("cv.pdf"),
        ),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{html}");
    let (application_id, file_id): (String, String) = sqlx::query_as("SELECT a.id, f.id FROM applications a JOIN application_files f ON f.application_id = a.id WHERE a.org_id = $1").bind(&b.id).fetch_one(app.db.pool()).await.unwrap();
    let (_, template) = api.post("/api/v1/orgs/b-org/recruitment/templates", json!({"kind": "document", "name": "B-pohja", "texts": {"fi": {"subject": "", "body": "B-viesti"}}})).await;
    ids.insert("ad_id", ad.id);
    ids.insert("application", application_id);
    ids.insert("file_id", file_id);
    ids.insert(
        "template",
        template["id"].as_str().expect("B's main admin writes a template").to_string(),
    );
    ids.insert("text", text["id"].as_str().unwrap().to_string());
    // Guidance: a space of B's counsellor, with a message.
    let b_counsellor = app.person(&b, "ohjaaja@b.test", Role::Counsellor).await;
    let (s, space) = app
        .api(&b_counsellor.token)
        .post(
            "/api/v1/orgs/b-org/spaces",
            json!({"title": "B-tila", "client_email": "b-asiakas@example.fi"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{space}");
    let space_id = space["id"].as_str().unwrap().to_string();
    let (s, _) = app
        .api(&b_counsellor.token)
        .post(&format!("/api/v1/spaces/{space_id}/messages"), json!({"body": "B-viesti"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    // Tasks and templates: a task in B's space, a task template and a space template of B.
    let (s, task) = app
        .api(&b_counsellor.token)
        .post(
            &format!("/api/v1/spaces/{space_id}/tasks"),
            json!({"title": "B-tehtävä", "instructions": "B-viesti"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{task}");
    let (s, task_template) = app
        .api(&b_counsellor.token)
        .post(
            "/api/v1/orgs/b-org/task-templates",
            json!({"title": "B-pohja", "instructions": "B-viesti"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{task_template}");
    let (s, space_template) = app
        .api(&b_counsellor.token)
        .post(
            "/api/v1/orgs/b-org/space-templates",
            json!({"name": "B-tilapohja", "welcome": "B-viesti", "task_template_ids": [task_template["id"]]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{space_template}");
    ids.insert("task", task["id"].as_str().unwrap().to_string());
    ids.insert("task_template", task_template["id"].as_str().unwrap().to_string());
    ids.insert("space_template", space_template["id"].as_str().unwrap().to_string());
    // ...with a summary, and a library material shared into it.
    let b_api = app.api(&b_counsellor.token);
    let (s, summary) = b_api
        .post(
            &format!("/api/v1/spaces/{space_id}/summaries"),
            json!({"title": "B-tapaaminen", "body": "B-viesti"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{summary}");
    let (s, material) = b_api
        .post(
            "/api/v1/orgs/b-org/materials",
            json!({"title": "B-materiaali", "url": "https://b.test/"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{material}");
    let material_id = material["id"].as_str().unwrap().to_string();
    let (s, _) = b_api
        .post(&format!("/api/v1/spaces/{space_id}/materials"), json!({"material_id": material_id}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    ids.insert("summary", summary["id"].as_str().unwrap().to_string());
    ids.insert("material", material_id);
    // The meter and feedback: B's own meter, an answer set and feedback of B's client (made
    // through the core, as the client has no API token).
    let (s, _) = api.post("/api/v1/orgs/b-org/meters", crate::guidance_meter::own_meter()).await;
    assert_eq!(s, StatusCode::CREATED);
    let place = tupa_core::guidance::access::InSpace {
        org: b.clone(),
        space: tupa_core::guidance::spaces::by_id(&app.db, &space_id).await.unwrap().unwrap(),
        role: tupa_core::guidance::SpaceRole::Client,
        since: 0,
    };
    let meter_id =
        tupa_core::guidance::meter_answers::space_meter(&app.db, &place).await.unwrap().meter.id;
    let values = [("work", 2), ("rest", 3)].map(|(k, v)| (k.to_string(), v)).into();
    let answer = tupa_core::guidance::meter_answers::NewAnswer {
        meter_id,
        values,
        comment: Some("B-viesti".into()),
    };
    tupa_core::guidance::meter_answers::answer(&app.db, &place, &b_counsellor.id, &answer)
        .await
        .unwrap();
    let feedback = tupa_core::guidance::feedback::NewFeedback {
        occasion: tupa_core::guidance::feedback::Occasion::Meeting,
        score: 2,
        comment: Some("B-viesti".into()),
    };
    tupa_core::guidance::feedback::give(&app.db, &place, &feedback).await.unwrap();
    // A professional proposed to B's space (waiting for B's client's consent).
    let (s, pro) = app
        .api(&b_counsellor.token)
        .post(
            &format!("/api/v1/spaces/{space_id}/professionals"),
            json!({"email": "pro@b.test", "name": "B-ammattilainen", "organisation_name": "B",
                   "purpose": "B-viesti"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{pro}");
    ids.insert("professional", pro["id"].as_str().unwrap().to_string());
    ids.insert("space", space_id);
    // A data subject request of B (an erasure an outsider must not carry out).
    let b_actor = crate::applications::actor_of(app, &b_admin).await;
    let request = tupa_core::data_requests::record(
        &app.db,
        &app.settings,
        &b_actor,
        None,
        &b,
        tupa_core::data_requests::Kind::Erasure,
        Some("asiakas@example.fi"),
        None,
        "B-viesti",
        tupa_core::i18n::Lang::Fi,
    )
    .await
    .unwrap();
    ids.insert("data_request", request.id);
    // A case of B with the operator.
    let (s, case) = api
        .post("/api/v1/support/cases", json!({"subject": "B:n tukiasia", "message": "B-viesti"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{case}");
    ids.insert("support_case", case["case_number"].as_str().unwrap().to_string());
    // B's grant to the operator (that nobody else may revoke).
    let until = time::OffsetDateTime::now_utc().date() + time::Duration::days(30);
    let (s, grant) = api
        .post(
            "/api/v1/orgs/b-org/delegations",
            json!({"rights": ["settings"], "until": until.to_string(), "reason": "B-viesti"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{grant}");
    ids.insert("delegation", grant["id"].as_str().unwrap().to_string());
    // An announcement addressed to B only (the row of A is taken away), for the forward and
    // read routes.
    let op_token = app.operator_token().await;
    let (s, announcement) = app
        .api(&op_token)
        .post("/api/v1/announcements", json!({"fi": {"title": "B-viesti", "body": "B-viesti"}}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{announcement}");
    let announcement_id = announcement["id"].as_str().unwrap().to_string();
    sqlx::query("DELETE FROM announcement_orgs WHERE announcement_id = $1 AND org_id = $2")
        .bind(&announcement_id)
        .bind(&a.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    ids.insert("announcement", announcement_id);
    World { b_slug: "b-org".into(), ids }
}

fn concrete(path: &str, w: &World) -> String {
    let id = if path.starts_with("/api/v1/me/sessions") {
        &w.ids["session"]
    } else if path.starts_with("/api/v1/me/tokens") {
        &w.ids["token"]
    } else if path.starts_with("/api/v1/orgs/{slug}/job-ads/") {
        &w.ids["job_ad"]
    } else if path.starts_with("/api/v1/orgs/{slug}/applications/") {
        &w.ids["application"]
    } else if path.starts_with("/api/v1/orgs/{slug}/recruitment/templates/") {
        &w.ids["template"]
    } else if path.contains("/recruitment/texts/") {
        &w.ids["text"]
    } else if path.contains("/task-templates/") {
        &w.ids["task_template"]
    } else if path.contains("/space-templates/") {
        &w.ids["space_template"]
    } else if path.starts_with("/api/v1/spaces/") {
        &w.ids["space"]
    } else if path.contains("/delegations/") {
        &w.ids["delegation"]
    } else if path.starts_with("/api/v1/announcements/") {
        &w.ids["announcement"]
    } else if path.starts_with("/api/v1/data-requests/") {
        &w.ids["data_request"]
    } else {
        &w.ids["mail"]
    };
    let slug = if path.starts_with("/api/v1/plans/") { "full" } else { w.b_slug.as_str() };
    let case_number = if path.starts_with("/api/v1/support/") {
        &w.ids["support_case"]
    } else {
        &w.ids["case_number"]
    };
    path.replace("{slug}", slug)
        .replace("{unit_id}", &w.ids["unit_id"])
        .replace("{user_id}", &w.ids["user_id"])
        .replace("{case_number}", case_number)
        .replace("{address}", "desk@b.test")
        .replace("{other}", "2000-000001")
        .replace("{ad_id}", &w.ids["ad_id"])
        .replace("{file_id}", &w.ids["file_id"])
        .replace("{task_id}", &w.ids["task"])
        .replace("{summary_id}", &w.ids["summary"])
        .replace("{material_id}", &w.ids["material"])
        .replace("{professional_id}", &w.ids["professional"])
        .replace("{id}", id)
}

async fn routes(app: &TestApp) -> Vec<(String, String)> {
    let doc: Value =
        reqwest::get(app.url("/api/openapi.json")).await.unwrap().json().await.unwrap();
    let mut out = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                out.push((method.to_string(), path.clone()));
            }
        }
    }
    assert!(out.len() >= 25, "the API has its routes: {}", out.len());
    out
}

async fn snapshot(app: &TestApp) -> String {
    let b = tupa_core::organisations::by_slug(&app.db, "b-org").await.unwrap().unwrap();
    let units = tupa_core::organisations::units::list(&app.db, &b.id).await.unwrap();
    let members = tupa_core::organisations::people::members(&app.db, &b.id).await.unwrap();
    let full = tupa_core::organisations::plans::by_slug(&app.db, "full").await.unwrap().unwrap();
    let desk: Vec<(String, String)> = sqlx::query_as("SELECT q.name, a.address FROM desk_queues q LEFT JOIN desk_addresses a ON a.queue_id = q.id WHERE q.org_id = $1").bind(&b.id).fetch_all(app.db.pool()).await.unwrap();
    let imap: Vec<(String, String, String)> =
        sqlx::query_as("SELECT address, host, password_enc FROM desk_imap WHERE org_id = $1")
            .bind(&b.id)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let jobmarket_creds: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT jobmarket_endpoint, jobmarket_secret FROM recruitment_settings WHERE org_id = $1",
    )
    .bind(&b.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let texts: Vec<(String, String, Option<i64>)> =
        sqlx::query_as("SELECT name, texts, retired_at FROM recruitment_texts WHERE org_id = $1")
            .bind(&b.id)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let tickets: Vec<(String, String, i64)> = sqlx::query_as("SELECT case_number, status, (SELECT COUNT(*) FROM ticket_messages m WHERE m.ticket_id = t.id) FROM tickets t WHERE org_id = $1").bind(&b.id).fetch_all(app.db.pool()).await.unwrap();
    let ads: Vec<(String, String, i64, i64)> =
        sqlx::query_as("SELECT id, status, deadline, updated_at FROM job_ads WHERE org_id = $1")
            .bind(&b.id)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let recruitment = tupa_core::recruitment::settings::get(&app.db, &b.id).await.unwrap();
    // stage, rating, refusal reason, selected, withdrawn, history length
    type ApplicationState = (String, Option<i64>, Option<String>, Option<i64>, Option<i64>, i64);
    let applications: Vec<ApplicationState> = sqlx::query_as("SELECT stage, rating, refusal_reason, selected_at, withdrawn_at, (SELECT COUNT(*) FROM application_events e WHERE e.application_id = a.id) FROM applications a WHERE org_id = $1").bind(&b.id).fetch_all(app.db.pool()).await.unwrap();
    let templates: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT name, texts, retired_at FROM recruitment_templates WHERE org_id = $1",
    )
    .bind(&b.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let b_mail: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE org_id = $1")
        .bind(&b.id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    // Guidance: B's spaces with their status and the size of their conversations.
    let spaces: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT s.title, s.status, (SELECT COUNT(*) FROM space_messages m WHERE m.org_id = s.org_id AND m.space_id = s.id) FROM guidance_spaces s WHERE s.org_id = $1",
    )
    .bind(&b.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    // Guidance: B's tasks (with their answers and comments) and templates.
    let tasks: Vec<(String, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT t.title, t.status, t.answer, (SELECT COUNT(*) FROM space_task_comments c WHERE c.org_id = t.org_id AND c.task_id = t.id) FROM space_tasks t WHERE t.org_id = $1",
    )
    .bind(&b.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let guidance_templates: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT title, retired_at FROM task_templates WHERE org_id = $1 UNION ALL SELECT name, retired_at FROM space_templates WHERE org_id = $1",
    )
    .bind(&b.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    // ...their links, summaries and materials, and B's library.
    let space_items: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT 'link', title, created_at FROM space_links WHERE org_id = $1
         UNION ALL SELECT 'summary', title || body, updated_at FROM space_summaries WHERE org_id = $1
         UNION ALL SELECT 'material', title, retired_at FROM materials WHERE org_id = $1
         UNION ALL SELECT 'shared', material_id, opened_at FROM space_materials WHERE org_id = $1
         ORDER BY 1, 2",
    )
    .bind(&b.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    // The meter and feedback of B.
    let meter: Vec<(i64, i64, i64, String)> = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM meter_instruments WHERE org_id = $1),
                (SELECT COUNT(*) FROM meter_answers WHERE org_id = $1),
                (SELECT COUNT(*) FROM guidance_feedback WHERE org_id = $1),
                (SELECT COALESCE(MAX(meter_id), '') || ':' || COALESCE(MAX(meter_asked_at), 0) || ':' || COALESCE(MAX(feedback_asked_at), 0) FROM space_followups WHERE org_id = $1)",
    )
    .bind(&b.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    // B's cases with the operator and the size of their conversations.
    let grants: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT id, revoked_at FROM delegations WHERE org_id = $1")
            .bind(&b.id)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    let support: Vec<(String, String, i64)> = sqlx::query_as("SELECT case_number, status, (SELECT COUNT(*) FROM ticket_messages m WHERE m.org_id = t.org_id AND m.ticket_id = t.id) FROM tickets t WHERE requester_org_id = $1").bind(&b.id).fetch_all(app.db.pool()).await.unwrap();
    // Issue 13's operator services: B's environment and agreements, the announcements and
    // who they reached in B, the sub-processor list.
    let operator_services: Vec<(String, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT o.environment,
                (SELECT COUNT(*) FROM agreements WHERE org_id = $1),
                (SELECT COUNT(*) FROM announcements),
                (SELECT COUNT(*) FROM announcement_recipients WHERE org_id = $1),
                (SELECT COUNT(*) FROM announcement_reads),
                (SELECT COUNT(*) FROM subprocessor_lists)
           FROM organisations o WHERE o.id = $1",
    )
    .bind(&b.id)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        (support, grants, operator_services),
        tasks,
        guidance_templates,
        (spaces, space_items, meter),
        ads,
        recruitment,
        jobmarket_creds,
        texts,
        applications,
        templates,
        b_mail,
        desk,
        imap,
        tickets,
        b,
        units.iter().map(|u| (&u.name, u.retired_at)).collect::<Vec<_>>(),
        members.iter().map(|m| (&m.email, m.deactivated_at)).collect::<Vec<_>>(),
        full.name,
        full.cap_desk
    )
}

async fn other_organisations_resources_are_out_of_reach(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    let a = tupa_core::organisations::by_slug(&app.db, "a-org").await.unwrap().unwrap();
    let before = snapshot(&app).await;
    let routes = routes(&app).await;

    // No credentials: 401 everywhere.
    for (method, path) in &routes {
        let anon = app.api("not-a-token");
        let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let (s, body) = anon.call(m, &concrete(path, &w), sample_body(method, path)).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{method} {path} without a valid token: {body}");
    }

    for role in Role::ORGANISATION_ROLES {
        let person = app.person(&a, &format!("{}@a.test", role.as_str()), role).await;
        let api = app.api(&person.token);
        for (method, path) in &routes {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let body = sample_body(method, path);
            if takes_body(method) && body.is_none() && !body_free(method, path) {
                panic!("add a sample body for {method} {path} to the matrix");
            }
            let url = concrete(path, &w);
            let (s, resp) = api.call(m, &url, body).await;
            let own_scope = path == "/api/v1/me"
                || (path.starts_with("/api/v1/me/") && !path.contains("{id}"))
                || (method == "get" && path == "/api/v1/orgs")
                // The operator's library is for every organisation's people.
                || (method == "get" && path == "/api/v1/materials")
                // Announcements addressed or forwarded to the caller (none of B's), and the
                // installation's sub-processor list.
                || (method == "get" && path == "/api/v1/announcements")
                || (method == "get" && path == "/api/v1/subprocessors");
            // The caller's own organisation's support cases: a list (maybe empty), and a new
            // case for a main admin (others 403); never B's.
            let own_support = path == "/api/v1/support/cases";
            if own_support {
                assert!(
                    s.is_success() || s == StatusCode::FORBIDDEN,
                    "{} {method} {url}: {s} {resp}",
                    role.as_str()
                );
                assert!(
                    !resp.to_string().contains("B-viesti") && !resp.to_string().contains("b-org")
                );
            } else if own_scope {
                // The caller's own data: allowed, but never another organisation's.
                assert!(s.is_success(), "{} {method} {url}: {s} {resp}", role.as_str());
                assert!(
                    !resp.to_string().contains("b-org")
                        && !resp.to_string().contains("main@b.test"),
                    "{} {method} {url} leaks B: {resp}",
                    role.as_str()
                );
            } else {
                assert!(
                    s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
                    "{} of A: {method} {url} answered {s}: {resp}",
                    role.as_str()
                );
                assert!(
                    !resp.to_string().contains("B-yksikkö")
                        && !resp.to_string().contains("B-viesti")
                        && !resp.to_string().contains("hakija@b.test"),
                    "refusal leaks data: {resp}"
                );
            }
        }
    }
    assert_eq!(snapshot(&app).await, before, "nothing of B changed");
}

async fn each_role_gets_exactly_its_rights(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("a-org", "full").await;
    let mut people = vec![];
    for role in Role::ORGANISATION_ROLES {
        people.push((role, app.person(&a, &format!("{}@a.test", role.as_str()), role).await));
    }
    let main = &people[0].1;
    let (_, unit) =
        app.api(&main.token).post("/api/v1/orgs/a-org/units", json!({"name": "Yksikkö"})).await;
    let unit_id = unit["id"].as_str().unwrap().to_string();
    let adviser_id = people[1].1.id.clone();
    // The operator acts in A's administration under A's grant of every right (issue 13;
    // without one see delegations.rs).
    let until = time::OffsetDateTime::now_utc().date() + time::Duration::days(30);
    let (s, grant) = app
        .api(&main.token)
        .post(
            "/api/v1/orgs/a-org/delegations",
            json!({"rights": ["settings", "templates", "users"], "until": until.to_string(), "reason": "Tuki"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{grant}");
    let (_, task_template) = app
        .api(&main.token)
        .post("/api/v1/orgs/a-org/task-templates", json!({"title": "Pohja"}))
        .await;
    let task_template_id = task_template["id"].as_str().unwrap().to_string();
    let (_, space_template) = app
        .api(&main.token)
        .post("/api/v1/orgs/a-org/space-templates", json!({"name": "Tilapohja"}))
        .await;
    let space_template_id = space_template["id"].as_str().unwrap().to_string();

    use Role::*;
    // (method, path, body, roles allowed); everyone else in A gets 403.
    let cases: Vec<(&str, String, Option<Value>, Vec<Role>)> = vec![
        (
            "GET",
            "/api/v1/orgs/a-org".into(),
            None,
            vec![MainAdmin, Adviser, Counsellor, Supervisor, Recruiter, HiringManager],
        ),
        (
            "GET",
            "/api/v1/orgs/a-org/units".into(),
            None,
            vec![MainAdmin, Adviser, Counsellor, Supervisor, Recruiter, HiringManager],
        ),
        ("POST", "/api/v1/orgs/a-org/units".into(), Some(json!({"name": "Uusi"})), vec![MainAdmin]),
        (
            "PATCH",
            format!("/api/v1/orgs/a-org/units/{unit_id}"),
            Some(json!({"action": "rename", "name": "Nimi"})),
            vec![MainAdmin],
        ),
        ("GET", "/api/v1/orgs/a-org/users".into(), None, vec![MainAdmin]),
        ("GET", format!("/api/v1/orgs/a-org/users/{adviser_id}"), None, vec![MainAdmin]),
        (
            "PUT",
            format!("/api/v1/orgs/a-org/users/{adviser_id}/roles"),
            Some(json!([{"role": "adviser"}])),
            vec![MainAdmin],
        ),
        ("GET", "/api/v1/orgs/a-org/audit".into(), None, vec![MainAdmin]),
        (
            "PUT",
            "/api/v1/orgs/a-org/settings".into(),
            Some(json!({"privacy_notice_url": "https://a.test/privacy", "business_id": ""})),
            vec![MainAdmin],
        ),
        ("PATCH", "/api/v1/orgs/a-org".into(), Some(json!({"name": "A"})), vec![]),
        ("GET", "/api/v1/plans".into(), None, vec![]),
        ("GET", "/api/v1/audit".into(), None, vec![]),
        // Issue 13: the main admins read their agreement; the operator alone records it,
        // sets the environment, sees the flags and publishes.
        ("GET", "/api/v1/orgs/a-org/agreement".into(), None, vec![MainAdmin]),
        (
            "PUT",
            "/api/v1/orgs/a-org/environment".into(),
            Some(json!({"environment": "training"})),
            vec![],
        ),
        ("GET", "/api/v1/agreements".into(), None, vec![]),
        (
            "POST",
            "/api/v1/announcements".into(),
            Some(json!({"fi": {"title": "T", "body": "B"}})),
            vec![],
        ),
        ("GET", "/api/v1/outbox".into(), None, vec![]),
        ("POST", "/api/v1/orgs".into(), Some(json!({"slug": "new-org", "name": "N"})), vec![]),
        ("GET", "/api/v1/orgs/a-org/desk/queues".into(), None, vec![MainAdmin]),
        // Meters: the main admin loads them; counsellors choose among them.
        ("GET", "/api/v1/orgs/a-org/meters".into(), None, vec![MainAdmin, Counsellor]),
        (
            "POST",
            "/api/v1/orgs/a-org/meters".into(),
            Some(crate::guidance_meter::own_meter()),
            vec![MainAdmin],
        ),
        ("GET", "/api/v1/orgs/a-org/desk/addresses".into(), None, vec![MainAdmin]),
        (
            "GET",
            "/api/v1/orgs/a-org/recruitment/publishing".into(),
            None,
            vec![MainAdmin, Recruiter, HiringManager],
        ),
        ("DELETE", "/api/v1/orgs/a-org/logo".into(), None, vec![MainAdmin]),
        ("GET", "/api/v1/orgs/a-org/recruitment/settings".into(), None, vec![MainAdmin]),
        (
            "GET",
            "/api/v1/orgs/a-org/recruitment/templates".into(),
            None,
            vec![MainAdmin, Recruiter, HiringManager],
        ),
        (
            "POST",
            "/api/v1/orgs/a-org/recruitment/templates".into(),
            Some(
                json!({"kind": "message", "name": "Kutsu", "texts": {"fi": {"subject": "S", "body": "B"}}}),
            ),
            vec![MainAdmin],
        ),
        ("GET", "/api/v1/orgs/a-org/recruitment/jobmarket".into(), None, vec![MainAdmin]),
        // Guidance templates hold no client data: counsellors and main admins keep them.
        ("GET", "/api/v1/orgs/a-org/task-templates".into(), None, vec![MainAdmin, Counsellor]),
        (
            "POST",
            "/api/v1/orgs/a-org/task-templates".into(),
            Some(json!({"title": "Budjetti"})),
            vec![MainAdmin, Counsellor],
        ),
        (
            "PUT",
            format!("/api/v1/orgs/a-org/task-templates/{task_template_id}"),
            Some(json!({"title": "Budjetti ja velat"})),
            vec![MainAdmin, Counsellor],
        ),
        ("GET", "/api/v1/orgs/a-org/space-templates".into(), None, vec![MainAdmin, Counsellor]),
        (
            "PUT",
            format!("/api/v1/orgs/a-org/space-templates/{space_template_id}"),
            Some(json!({"name": "Velkaneuvonta"})),
            vec![MainAdmin, Counsellor],
        ),
        (
            "POST",
            "/api/v1/orgs/a-org/space-templates".into(),
            Some(json!({"name": "Velkaneuvonta"})),
            vec![MainAdmin, Counsellor],
        ),
        (
            "GET",
            "/api/v1/orgs/a-org/recruitment/texts".into(),
            None,
            vec![MainAdmin, Recruiter, HiringManager],
        ),
        // Reports: figures without personal data for the main admin and the supervisor (and
        // the operator supporting them); the installation-wide view for platform admins only.
        ("GET", "/api/v1/orgs/a-org/reports".into(), None, vec![MainAdmin, Supervisor]),
        ("GET", "/api/v1/orgs/a-org/reports.csv".into(), None, vec![MainAdmin, Supervisor]),
        ("GET", "/api/v1/orgs/a-org/reports.xlsx".into(), None, vec![MainAdmin, Supervisor]),
        ("GET", "/api/v1/reports".into(), None, vec![]),
        // Retention rules: the main admin's (and the operator's, administration).
        ("GET", "/api/v1/orgs/a-org/retention".into(), None, vec![MainAdmin]),
        (
            "PUT",
            "/api/v1/orgs/a-org/retention".into(),
            Some(json!({"rules": [{"data_type": "outbox", "days": 30}]})),
            vec![MainAdmin],
        ),
        ("GET", "/api/v1/orgs/a-org/retention/preview".into(), None, vec![MainAdmin]),
        // Accessibility statements: the organisation's read by its people, kept by the main
        // admin; the installation's by platform admins only.
        (
            "GET",
            "/api/v1/orgs/a-org/accessibility-statement".into(),
            None,
            vec![MainAdmin, Adviser, Counsellor, Supervisor, Recruiter, HiringManager],
        ),
        (
            "PUT",
            "/api/v1/orgs/a-org/accessibility-statement".into(),
            Some(sample_statement()),
            vec![MainAdmin],
        ),
        ("GET", "/api/v1/accessibility-statement".into(), None, vec![]),
        ("PUT", "/api/v1/accessibility-statement".into(), Some(sample_statement()), vec![]),
        // The organisation's library: every member reads it (what is for them).
        (
            "GET",
            "/api/v1/orgs/a-org/materials".into(),
            None,
            vec![MainAdmin, Adviser, Counsellor, Supervisor, Recruiter, HiringManager],
        ),
    ];
    // Job ads and their workflow: recruiters and hiring managers; approval by hiring managers
    // only; platform admins do not write an organisation's ads.
    let (_, ad) = app
        .api(&people.iter().find(|(r, _)| *r == Recruiter).unwrap().1.token)
        .post("/api/v1/orgs/a-org/job-ads", sample_ad())
        .await;
    let ad_id = ad["id"].as_str().expect("a recruiter writes an ad").to_string();
    let recruitment_cases: Vec<(&str, String, Option<Value>, Vec<Role>)> = vec![
        ("GET", "/api/v1/orgs/a-org/job-ads".into(), None, vec![Recruiter, HiringManager]),
        (
            "GET",
            format!("/api/v1/orgs/a-org/job-ads/{ad_id}"),
            None,
            vec![Recruiter, HiringManager],
        ),
        (
            "PUT",
            format!("/api/v1/orgs/a-org/job-ads/{ad_id}"),
            Some(sample_ad()),
            vec![Recruiter, HiringManager],
        ),
        (
            "POST",
            "/api/v1/orgs/a-org/job-ads".into(),
            Some(sample_ad()),
            vec![Recruiter, HiringManager],
        ),
        // Guidance spaces are the counsellor's: no other role, and no platform admin.
        ("GET", "/api/v1/orgs/a-org/spaces".into(), None, vec![Counsellor]),
        (
            "POST",
            "/api/v1/orgs/a-org/spaces".into(),
            Some(json!({"title": "Tuki", "client_email": "asiakas@example.fi"})),
            vec![Counsellor],
        ),
        // The materials library: counsellors and main admins keep it; the operator does not.
        (
            "POST",
            "/api/v1/orgs/a-org/materials".into(),
            Some(json!({"title": "Ohje", "url": "https://a.test/ohje"})),
            vec![MainAdmin, Counsellor],
        ),
        // Supervision of guidance (figures, no content): supervisors only.
        ("GET", "/api/v1/orgs/a-org/supervision/spaces".into(), None, vec![Supervisor]),
        // Data subject requests: the controller's main admin and the desk; not the operator.
        ("GET", "/api/v1/orgs/a-org/data-requests".into(), None, vec![MainAdmin, Adviser]),
        (
            "POST",
            "/api/v1/orgs/a-org/data-requests".into(),
            Some(json!({"kind": "access", "email": "asiakas@example.fi"})),
            vec![MainAdmin, Adviser],
        ),
    ];
    for (method, path, body, allowed) in &recruitment_cases {
        for (role, person) in &people {
            let m = Method::from_bytes(method.as_bytes()).unwrap();
            let (s, resp) = app.api(&person.token).call(m, path, body.clone()).await;
            if allowed.contains(role) {
                assert!(
                    s.is_success(),
                    "{} should be allowed {method} {path}: {s} {resp}",
                    role.as_str()
                );
            } else {
                assert_eq!(
                    s,
                    StatusCode::FORBIDDEN,
                    "{} should be refused {method} {path}: {resp}",
                    role.as_str()
                );
            }
        }
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let (s, _) = app.api(&op.token).call(m, path, body.clone()).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "platform admin {method} {path}");
    }
    // Client data: the desk. Advisers only; platform admins (the processor) never.
    let contact = json!({"name": "Asiakas", "email": "asiakas@example.fi", "message": "Kysymys"});
    let (_, ticket) =
        app.api(&people[1].1.token).post("/api/v1/orgs/a-org/tickets", contact.clone()).await;
    let case = ticket["case_number"].as_str().expect("an adviser records a contact").to_string();
    let desk_cases: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", "/api/v1/orgs/a-org/tickets".into(), None),
        ("POST", "/api/v1/orgs/a-org/tickets".into(), Some(contact)),
        ("GET", format!("/api/v1/tickets/{case}"), None),
        ("PATCH", format!("/api/v1/tickets/{case}"), Some(json!({"priority": "high"}))),
        (
            "POST",
            format!("/api/v1/tickets/{case}/messages"),
            Some(json!({"body": "Vastaus", "public": false})),
        ),
    ];
    for (method, path, body) in &desk_cases {
        for (role, person) in &people {
            let m = Method::from_bytes(method.as_bytes()).unwrap();
            let (s, resp) = app.api(&person.token).call(m, path, body.clone()).await;
            if *role == Adviser {
                assert!(s.is_success(), "adviser {method} {path}: {s} {resp}");
            } else {
                assert!(
                    s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
                    "{} must not reach {method} {path}: {s} {resp}",
                    role.as_str()
                );
                assert!(!resp.to_string().contains("Kysymys"), "no ticket content leaks: {resp}");
            }
        }
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let (s, resp) = app.api(&op.token).call(m, path, body.clone()).await;
        assert!(
            s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
            "platform admin must not reach {method} {path}: {s} {resp}"
        );
    }
    // Applicants' data: recruiters and hiring managers only; platform admins never.
    let recruiter = &people.iter().find(|(r, _)| *r == Recruiter).unwrap().1;
    let ad = crate::applications::open_ad(&app, &a, recruiter).await;
    let (s, _) = crate::applications::apply(
        &app,
        "a-org",
        &ad.id,
        crate::applications::form("hakija@a.test"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let (application_id,): (String,) =
        sqlx::query_as("SELECT id FROM applications").fetch_one(app.db.pool()).await.unwrap();
    let recruitment_cases: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", format!("/api/v1/orgs/a-org/job-ads/{}/applications", ad.id), None),
        ("GET", format!("/api/v1/orgs/a-org/applications/{application_id}"), None),
        (
            "POST",
            format!("/api/v1/orgs/a-org/applications/{application_id}/actions"),
            Some(json!({"action": "note", "text": "Muistiinpano"})),
        ),
    ];
    for (method, path, body) in &recruitment_cases {
        for (role, person) in &people {
            let m = Method::from_bytes(method.as_bytes()).unwrap();
            let (s, resp) = app.api(&person.token).call(m, path, body.clone()).await;
            if matches!(role, Recruiter | HiringManager) {
                assert!(s.is_success(), "{} {method} {path}: {s} {resp}", role.as_str());
            } else {
                assert_eq!(
                    s,
                    StatusCode::FORBIDDEN,
                    "{} must not reach {method} {path}: {resp}",
                    role.as_str()
                );
                assert!(
                    !resp.to_string().contains("hakija@a.test"),
                    "no applicant data leaks: {resp}"
                );
            }
        }
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let (s, resp) = app.api(&op.token).call(m, path, body.clone()).await;
        assert_eq!(
            s,
            StatusCode::FORBIDDEN,
            "platform admin must not reach {method} {path}: {resp}"
        );
    }
    for (method, path, body, allowed) in &cases {
        for (role, person) in &people {
            let m = Method::from_bytes(method.as_bytes()).unwrap();
            let (s, resp) = app.api(&person.token).call(m, path, body.clone()).await;
            if allowed.contains(role) {
                assert!(
                    s.is_success(),
                    "{} should be allowed {method} {path}: {s} {resp}",
                    role.as_str()
                );
            } else {
                assert_eq!(
                    s,
                    StatusCode::FORBIDDEN,
                    "{} should be refused {method} {path}: {resp}",
                    role.as_str()
                );
            }
        }
        // Platform admins support every organisation's administration.
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let (s, resp) = app.api(&op.token).call(m, path, body.clone()).await;
        assert!(s.is_success(), "platform admin {method} {path}: {s} {resp}");
    }
    // Cases with the operator are opened by main admins (other staff write by mail); the
    // operator's own people have no case with themselves.
    let body = json!({"subject": "Kysymys", "message": "Viesti"});
    for (role, person) in &people {
        let (s, resp) = app.api(&person.token).post("/api/v1/support/cases", body.clone()).await;
        let expected = if *role == MainAdmin { StatusCode::CREATED } else { StatusCode::FORBIDDEN };
        assert_eq!(s, expected, "{} POST /api/v1/support/cases: {resp}", role.as_str());
    }
    let (s, _) = app.api(&op.token).post("/api/v1/support/cases", body).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
