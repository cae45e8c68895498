//! Working tickets: assigning another adviser, units on tickets and the unit filter (with the
//! units below), support-hours exceptions set in the settings page and the API, and files
//! sent with replies.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::desk::ingest::ingest;
use tupa_core::desk::tickets;
use tupa_core::organisations::people::Role;
use tupa_core::organisations::units;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(assign_advisers_and_units, support_hours_exceptions, replies_carry_files);

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn assign_advisers_and_units(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("porvoo", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    let city = units::create(&mut tx, &org.id, "Kaupunki", None).await.unwrap();
    let edu = units::create(&mut tx, &org.id, "Sivistystoimi", Some(&city.id)).await.unwrap();
    let school = units::create(&mut tx, &org.id, "Keskuskoulu", Some(&edu.id)).await.unwrap();
    let health = units::create(&mut tx, &org.id, "Terveystoimi", Some(&city.id)).await.unwrap();
    tx.commit().await.unwrap();
    let anna = app.person(&org, "anna@porvoo.test", Role::Adviser).await;
    let ben = app.person(&org, "bengt.handler@porvoo.test", Role::Adviser).await;
    let main = app.person(&org, "main@porvoo.test", Role::MainAdmin).await;
    let api = app.api(&anna.token);
    let (s, t) = api.post("/api/v1/orgs/porvoo/tickets", json!({"name": "Asiakas", "email": "asiakas@example.fi", "subject": "Koulukuljetus", "message": "Kysymys koulukuljetuksesta"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let case = t["case_number"].as_str().unwrap().to_string();
    let (_, advisers) = api.get("/api/v1/orgs/porvoo/desk/advisers").await;
    let names: Vec<&str> =
        advisers.as_array().unwrap().iter().map(|a| a["display_name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2, "advisers only, not the main admin: {names:?}");

    // Anna hands the ticket to Ben and files it under the school, from the ticket page.
    let b = app.signed_in(&anna).await;
    let (_, html) = b.get_text(&format!("/orgs/porvoo/desk/{case}")).await;
    assert!(html.contains("id=\"change-assignee\"") && html.contains("id=\"change-unit\""));
    let res = b
        .post(
            &format!("/orgs/porvoo/desk/{case}/change"),
            &[
                ("status", "open"),
                ("priority", "normal"),
                ("assignee_id", ben.id.as_str()),
                ("unit_id", school.id.as_str()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    assert_eq!(
        (ticket.assignee_id.as_deref(), ticket.unit_id.as_deref()),
        (Some(ben.id.as_str()), Some(school.id.as_str()))
    );
    let (_, html) = b.get_text("/orgs/porvoo/desk").await;
    let row = html.split("<tr>").find(|r| r.contains(&case)).unwrap();
    assert!(row.contains("bengt.handler"), "the queue names the handler");

    // Filters: by handler, and by unit including the units below it.
    let cases = |body: serde_json::Value| {
        body.as_array()
            .unwrap()
            .iter()
            .map(|t| t["case_number"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        cases(api.get(&format!("/api/v1/orgs/porvoo/tickets?assignee={}", ben.id)).await.1),
        vec![case.clone()]
    );
    assert!(
        cases(api.get(&format!("/api/v1/orgs/porvoo/tickets?assignee={}", anna.id)).await.1)
            .is_empty()
    );
    assert_eq!(
        cases(api.get(&format!("/api/v1/orgs/porvoo/tickets?unit_id={}", edu.id)).await.1),
        vec![case.clone()],
        "the school is under education"
    );
    assert_eq!(
        cases(api.get(&format!("/api/v1/orgs/porvoo/tickets?unit_id={}", city.id)).await.1),
        vec![case.clone()]
    );
    assert!(
        cases(api.get(&format!("/api/v1/orgs/porvoo/tickets?unit_id={}", health.id)).await.1)
            .is_empty()
    );
    let (_, html) = b.get_text(&format!("/orgs/porvoo/desk?unit_id={}", edu.id)).await;
    assert!(html.contains(&case) && html.contains("id=\"f-unit\""));

    // Saving another field leaves handler and unit as they were.
    let res = b
        .post(
            &format!("/orgs/porvoo/desk/{case}/change"),
            &[
                ("status", "waiting"),
                ("priority", "high"),
                ("assignee_id", ben.id.as_str()),
                ("unit_id", school.id.as_str()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    assert_eq!(
        (ticket.status.as_str(), ticket.assignee_id.as_deref(), ticket.unit_id.as_deref()),
        ("waiting", Some(ben.id.as_str()), Some(school.id.as_str()))
    );

    // Refusals: a main admin is no handler; another organisation's unit is unknown; a retired
    // unit takes no new tickets.
    let (s, body) =
        api.patch(&format!("/api/v1/tickets/{case}"), json!({"assignee_id": main.id})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("assignee-invalid"))
    );
    let other = app.org("loviisa", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    let foreign = units::create(&mut tx, &other.id, "Vieras", None).await.unwrap();
    tx.commit().await.unwrap();
    let (s, body) =
        api.patch(&format!("/api/v1/tickets/{case}"), json!({"unit_id": foreign.id})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unit-invalid"))
    );
    let (s, body) = api.get(&format!("/api/v1/orgs/porvoo/tickets?unit_id={}", foreign.id)).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unit-invalid"))
    );
    let mut tx = app.db.begin().await.unwrap();
    units::retire(&mut tx, &org.id, &health.id).await.unwrap();
    tx.commit().await.unwrap();
    let (s, body) =
        api.patch(&format!("/api/v1/tickets/{case}"), json!({"unit_id": health.id})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unit-invalid"))
    );
    let (s, _) = api
        .patch(&format!("/api/v1/tickets/{case}"), json!({"unit_id": "", "assignee_id": ""}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    assert_eq!((ticket.assignee_id, ticket.unit_id), (None, None));
}

async fn support_hours_exceptions(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("hanko", "full").await;
    let main = app.person(&org, "main@hanko.test", Role::MainAdmin).await;
    let api = app.api(&main.token);
    let weekly = json!([
        ["09:00", "15:00"],
        ["09:00", "15:00"],
        ["09:00", "15:00"],
        ["09:00", "15:00"],
        ["09:00", "15:00"],
        null,
        null
    ]);
    let (s, queue) = api
        .post("/api/v1/orgs/hanko/desk/queues", json!({"name": "Joulujono", "weekly": weekly, "first_response_hours": 2, "exceptions": [{"date": "2026-12-24", "hours": null}, {"date": "2026-12-23", "hours": ["09:00", "12:00"]}]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{queue}");
    let queue_id = queue["id"].as_str().unwrap().to_string();
    let (_, all) = api.get("/api/v1/orgs/hanko/desk/queues").await;
    let stored =
        all.as_array().unwrap().iter().find(|q| q["id"] == queue_id.as_str()).unwrap()["settings"]
            ["exceptions"]
            .clone();
    assert_eq!(
        stored,
        json!([{"date": "2026-12-23", "hours": ["09:00", "12:00"]}, {"date": "2026-12-24", "hours": null}]),
        "sorted by date"
    );

    // The settings page shows them one per line; a bad line is refused and kept for fixing.
    let b = app.signed_in(&main).await;
    let (_, html) = b.get_text("/orgs/hanko/desk/settings").await;
    assert!(html.contains("2026-12-23 09:00-12:00\n2026-12-24</textarea>"), "one per line");
    let form = |exceptions: &str| {
        let mut f: Vec<(String, String)> = vec![
            ("name".into(), "Joulujono".into()),
            ("first_response_hours".into(), "2".into()),
            ("exceptions".into(), exceptions.into()),
        ];
        for d in 0..5 {
            f.push((format!("open_{d}"), "09:00".into()));
            f.push((format!("close_{d}"), "15:00".into()));
        }
        f
    };
    let bad = form("2026-12-24\njouluaatto");
    let (s, html) = b.post_text(&format!("/orgs/hanko/desk/queues/{queue_id}"), &pairs(&bad)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("-exceptions-error") && html.contains("2026-12-24\njouluaatto</textarea>"),
        "explained, typed text kept"
    );
    let (_, all) = api.get("/api/v1/orgs/hanko/desk/queues").await;
    assert_eq!(
        all.as_array().unwrap().iter().find(|q| q["id"] == queue_id.as_str()).unwrap()["settings"]
            ["exceptions"],
        stored,
        "nothing stored from the refused form"
    );

    // Closing the next days by exception pushes a new ticket's first-response target past them.
    let today = time::OffsetDateTime::now_utc().date();
    let closed: Vec<String> =
        (-1..10).map(|d| (today + time::Duration::days(d)).to_string()).collect();
    let good = form(&closed.join("\n"));
    let res = b.post(&format!("/orgs/hanko/desk/queues/{queue_id}"), &pairs(&good)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (s, _) = app
        .api(&app.operator_token().await)
        .post(
            "/api/v1/orgs/hanko/desk/addresses",
            json!({"address": "joulu@hanko.test", "queue_id": queue_id}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let raw = "From: a@example.fi\r\nTo: joulu@hanko.test\r\nSubject: Kysymys\r\n\r\nHei\r\n";
    let outcome = ingest(&app.db, &app.settings, raw.as_bytes(), None).await.unwrap();
    let ticket =
        tickets::by_case_number(&app.db, outcome.case_number().unwrap()).await.unwrap().unwrap();
    let due = ticket.first_response_due.unwrap();
    assert!(
        due - ticket.created_at > 8 * 86_400,
        "no working time on the closed days: due in {} s",
        due - ticket.created_at
    );
}

async fn replies_carry_files(backend: Backend) {
    use reqwest::multipart::{Form, Part};
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("raasepori", "full").await;
    let adviser = app.person(&org, "adv@raasepori.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    let (_, t) = api.post("/api/v1/orgs/raasepori/tickets", json!({"name": "Asiakas", "email": "asiakas@example.fi", "message": "Lähettäkää lomake"})).await;
    let case = t["case_number"].as_str().unwrap().to_string();
    let b = app.signed_in(&adviser).await;
    let url = app.url(&format!("/orgs/raasepori/desk/{case}/reply?csrf={}", b.csrf));
    let form = |file: (&'static str, &'static [u8])| {
        Form::new()
            .text("kind", "reply")
            .text("body", "Lomake liitteenä.")
            .text("status", "waiting")
            .part("attachments", Part::bytes(file.1).file_name(file.0))
    };

    // A program posing as a PDF: refused, the text kept, nothing stored or sent.
    let res = b
        .client
        .post(&url)
        .multipart(form(("lomake.pdf", b"MZ\x90\x00program")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("f-attachments-error") && html.contains(">Lomake liitteenä.</textarea>"));
    assert_eq!(app.outbox_to("asiakas@example.fi").await.len(), 1, "only the acknowledgement");

    // A real PDF goes out with the reply and shows in the conversation.
    let res = b
        .client
        .post(&url)
        .multipart(form(("lomake_å.pdf", b"%PDF-1.4 lomake")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let sent = app
        .outbox_to("asiakas@example.fi")
        .await
        .into_iter()
        .find(|m| m.body_text.contains("Lomake liitteenä."))
        .expect("reply queued");
    let files = tupa_core::mail::outbox::files(&app.db, &sent.id).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].filename.as_str(), files[0].content_type.as_str(), files[0].content.as_slice()),
        ("lomake_å.pdf", "application/pdf", b"%PDF-1.4 lomake".as_slice())
    );
    let (_, html) = b.get_text(&format!("/orgs/raasepori/desk/{case}")).await;
    assert!(html.contains("lomake_å.pdf"), "the file is listed under the reply");

    // The API: base64 files; a note keeps its file inside; bad base64 is refused.
    let (s, body) = api.post(&format!("/api/v1/tickets/{case}/messages"), json!({"body": "Muistiinpano", "public": false, "attachments": [{"filename": "muistio.txt", "content_base64": "SGVpIQ=="}]})).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    let stored = tickets::attachments(&app.db, &org.id, &ticket.id).await.unwrap();
    assert!(stored.iter().any(|a| a.filename == "muistio.txt" && a.size == 4));
    assert_eq!(app.outbox_to("asiakas@example.fi").await.len(), 2, "a note mails nobody");
    let (s, body) = api.post(&format!("/api/v1/tickets/{case}/messages"), json!({"body": "X", "attachments": [{"filename": "a.pdf", "content_base64": "not base64!"}]})).await;
    assert_eq!(
        (s, body["code"].as_str(), body["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("attachment-encoding-invalid"),
            Some("attachments")
        )
    );
}
