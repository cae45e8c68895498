//! Data subject requests (issue 9): each kind on both backends — the access export holds
//! exactly the person's data of one organisation; erasure leaves nothing findable but what a
//! hold keeps; restriction, rectification and the extension; the public page's e-mail
//! confirmation; other organisations' ids answer 404.

use std::io::Read;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, link_in, spawn};

both_backends!(
    the_access_export_holds_exactly_the_persons_data,
    erasure_leaves_only_what_a_hold_keeps,
    restriction_rectification_and_extension,
    an_identified_clients_export_has_their_sign_ins_and_meter_answers,
    the_public_page_makes_a_request_once_the_link_is_followed
);

const MAIJA: &str = "maija@example.fi";
const PEKKA: &str = "pekka@example.fi";
/// The read audit's action in the export's readable summary (Finnish, the default).
const READ_IN_WORDS: &str = "neuvoja@kerava.test luki henkilötietoja sisältävän tietueen";

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = vec![];
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

async fn contact(app: &TestApp, token: &str, slug: &str, email: &str, message: &str) -> String {
    contact_as(app, token, slug, ("Asiakas Nimi", email), message).await
}

/// A contact from `(name, email)`.
async fn contact_as(
    app: &TestApp,
    token: &str,
    slug: &str,
    (name, email): (&str, &str),
    message: &str,
) -> String {
    let (s, t) = app
        .api(token)
        .post(
            &format!("/api/v1/orgs/{slug}/tickets"),
            json!({"name": name, "email": email, "message": message}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    t["case_number"].as_str().unwrap().to_string()
}

async fn download(app: &TestApp, token: &str, id: &str) -> (StatusCode, Vec<u8>) {
    let res = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/data-requests/{id}/export")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (res.status(), res.bytes().await.unwrap().to_vec())
}

/// The case numbers a desk search finds.
async fn search(app: &TestApp, token: &str, slug: &str, q: &str) -> Vec<String> {
    let (s, list) =
        app.api(token).get(&format!("/api/v1/orgs/{slug}/tickets?status=all&q={q}")).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    let items = list.get("tickets").cloned().unwrap_or(list.clone());
    items
        .as_array()
        .unwrap_or(&vec![])
        .iter()
        .filter_map(|t| t["case_number"].as_str().map(str::to_string))
        .collect()
}

async fn the_access_export_holds_exactly_the_persons_data(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let org = app.org("kerava", "full").await;
    let other = app.org("tuusula", "full").await;
    let admin = app.person(&org, "paa@kerava.test", Role::MainAdmin).await;
    let adviser = app.person(&org, "neuvoja@kerava.test", Role::Adviser).await;
    let counsellor = app.person(&org, "ohjaaja@kerava.test", Role::Counsellor).await;
    let other_adviser = app.person(&other, "neuvoja@tuusula.test", Role::Adviser).await;
    let maija_case = contact(&app, &adviser.token, "kerava", MAIJA, "Maijan viesti").await;
    let pekka_case = contact(&app, &adviser.token, "kerava", PEKKA, "Pekan viesti").await;
    let tuusula_case =
        contact(&app, &other_adviser.token, "tuusula", MAIJA, "Tuusulan viesti").await;
    let (s, space) = app
        .api(&counsellor.token)
        .post("/api/v1/orgs/kerava/spaces", json!({"title": "Maijan tila", "client_email": MAIJA}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{space}");
    let space_id = space["id"].as_str().or(space["space"]["id"].as_str()).unwrap().to_string();
    let (s, _) = app
        .api(&counsellor.token)
        .post(&format!("/api/v1/spaces/{space_id}/messages"), json!({"body": "Tilan viesti"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    // A file in the conversation travels in the export as the desk's files do.
    let form = reqwest::multipart::Form::new().text("body", "Liite tilassa").part(
        "files",
        reqwest::multipart::Part::bytes(b"%PDF-1.4\nTilan liite\n".to_vec()).file_name("ohje.pdf"),
    );
    let res = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/spaces/{space_id}/messages")))
        .bearer_auth(&counsellor.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
    // A task in her space, and an application of hers (a recruiter's read is audited too).
    let (s, task) = app
        .api(&counsellor.token)
        .post(&format!("/api/v1/spaces/{space_id}/tasks"), json!({"title": "Hae tiliote"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{task}");
    let recruiter = app.person(&org, "rekry@kerava.test", Role::Recruiter).await;
    let ad = crate::applications::open_ad(&app, &org, &recruiter).await;
    let (s, _) =
        crate::applications::apply(&app, "kerava", &ad.id, crate::applications::form(MAIJA)).await;
    assert_eq!(s, StatusCode::OK);
    // Staff read the person's data (the read audit): the adviser her ticket (and Pekka's), the
    // counsellor her space; Tuusula's adviser reads her Tuusula ticket.
    for case in [&maija_case, &pekka_case] {
        let (s, _) = app.api(&adviser.token).get(&format!("/api/v1/tickets/{case}")).await;
        assert_eq!(s, StatusCode::OK);
    }
    let (s, _) = app.api(&counsellor.token).get(&format!("/api/v1/spaces/{space_id}")).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) =
        app.api(&other_adviser.token).get(&format!("/api/v1/tickets/{tuusula_case}")).await;
    assert_eq!(s, StatusCode::OK);
    let maija_ticket =
        tupa_core::desk::tickets::by_case_number(&app.db, &maija_case).await.unwrap().unwrap().id;
    let pekka_ticket =
        tupa_core::desk::tickets::by_case_number(&app.db, &pekka_case).await.unwrap().unwrap().id;

    // Recorded by the main admin (the letter came by post); the address is folded.
    let (s, r) = app
        .api(&admin.token)
        .post(
            "/api/v1/orgs/kerava/data-requests",
            json!({"kind": "access", "email": "MAIJA@example.fi"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["status"], "open");
    assert_eq!(r["kind"], "access");
    assert_eq!(r["email"], MAIJA);
    let id = r["id"].as_str().unwrap().to_string();
    let due = r["due_at"].as_i64().unwrap() - r["created_at"].as_i64().unwrap();
    assert!((28 * 86_400..=31 * 86_400).contains(&due), "one month: {due}");
    // The case is a desk ticket carrying the legal deadline.
    let case = r["case_number"].as_str().unwrap();
    let (s, ticket) = app.api(&adviser.token).get(&format!("/api/v1/tickets/{case}")).await;
    assert_eq!(s, StatusCode::OK, "{ticket}");
    let ticket_due =
        ticket["resolution_due"].as_i64().or(ticket["ticket"]["resolution_due"].as_i64());
    assert_eq!(ticket_due, r["due_at"].as_i64(), "{ticket}");

    let (s, bytes) = download(&app, &adviser.token, &id).await;
    assert_eq!(s, StatusCode::OK);
    let files = unzip(&bytes);
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert!(names.contains(&"data.json") && names.contains(&"index.html"), "{names:?}");
    let data: Value =
        serde_json::from_slice(&files.iter().find(|f| f.0 == "data.json").unwrap().1).unwrap();
    let text = data.to_string();
    assert!(text.contains("Maijan viesti") && text.contains("Tilan viesti"), "{text}");
    assert!(text.contains(&maija_case));
    for foreign in ["Pekan viesti", PEKKA, "Tuusulan viesti", "tuusula"] {
        assert!(!text.contains(foreign), "the export leaks {foreign}: {text}");
    }
    assert_eq!(data["spaces"][0]["tasks"][0]["title"], "Hae tiliote", "{text}");
    let application = &data["applications"][0];
    assert_eq!(application["email"], MAIJA, "{text}");
    assert_eq!(application["cover_letter"], "Olen kokenut sairaanhoitaja.", "{text}");
    assert_eq!(data["applications"].as_array().unwrap().len(), 1);
    // Staff are named only in the audit entries (who handled the data), elsewhere by role.
    let mut without_audit = data.clone();
    without_audit["audit"] = Value::Null;
    assert!(!without_audit.to_string().contains("ohjaaja@kerava.test"), "{text}");
    assert!(data["audit"].as_array().unwrap().iter().any(|e| e["by"] == "ohjaaja@kerava.test"));
    // The counsellor is named by role only in the space.
    assert_eq!(data["spaces"][0]["messages"][0]["from"], "counsellor", "{text}");
    let attached = &data["spaces"][0]["messages"][1]["attachments"][0];
    assert_eq!(attached["filename"], "ohje.pdf", "{text}");
    let path = attached["file"].as_str().unwrap();
    assert!(path.starts_with("files/spaces/"), "{path}");
    let file = files.iter().find(|f| f.0 == path).expect("the space's file in the ZIP");
    assert_eq!(file.1, b"%PDF-1.4\nTilan liite\n");
    // Who handled the data: the request itself is in the audit entries.
    let audit = data["audit"].as_array().unwrap();
    assert!(audit.iter().any(|e| e["action"] == "data-request-created"));
    // Who read it: each staff member's read of her ticket and her space, named, with when;
    // the read of Pekka's ticket is not hers and stays out.
    let reads: Vec<(&str, &str, &str)> = audit
        .iter()
        .filter(|e| e["action"] == "read")
        .map(|e| {
            assert!(e["at"].as_i64().is_some(), "{e}");
            (
                e["by"].as_str().unwrap(),
                e["target_type"].as_str().unwrap(),
                e["target_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(reads.contains(&("neuvoja@kerava.test", "ticket", maija_ticket.as_str())), "{reads:?}");
    assert!(reads.contains(&("ohjaaja@kerava.test", "space", space_id.as_str())), "{reads:?}");
    assert!(!reads.iter().any(|r| r.2 == pekka_ticket), "{reads:?}");
    assert!(!reads.iter().any(|r| r.0.ends_with("tuusula.test")), "{reads:?}");
    let html =
        String::from_utf8(files.iter().find(|f| f.0 == "index.html").unwrap().1.clone()).unwrap();
    assert!(html.contains("Maijan viesti") && !html.contains("Pekan viesti"));
    // The readable summary says who read her data too.
    assert!(html.contains(READ_IN_WORDS), "{html}");

    // Other organisations, other roles and the operator do not reach it.
    for (token, expect) in [
        (&other_adviser.token, StatusCode::NOT_FOUND),
        (&counsellor.token, StatusCode::FORBIDDEN),
        (&op.token, StatusCode::FORBIDDEN),
    ] {
        let (s, body) = app.api(token).get(&format!("/api/v1/data-requests/{id}")).await;
        assert_eq!(s, expect, "{body}");
        assert_eq!(download(&app, token, &id).await.0, expect);
        let (s, _) =
            app.api(token).post(&format!("/api/v1/data-requests/{id}/execute"), json!({})).await;
        assert_eq!(s, expect);
    }
    let (s, _) = app.api(&other_adviser.token).get("/api/v1/orgs/kerava/data-requests").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Another organisation's person cannot be named by id.
    let (s, body) = app
        .api(&other_adviser.token)
        .post(
            "/api/v1/orgs/tuusula/data-requests",
            json!({"kind": "access", "person_id": counsellor.id}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "privacy-person-unknown");

    // Carried out once: open → done.
    let (s, done) = app
        .api(&adviser.token)
        .post(&format!("/api/v1/data-requests/{id}/execute"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{done}");
    assert_eq!(done["status"], "done");
    let (s, _) = app
        .api(&adviser.token)
        .post(&format!("/api/v1/data-requests/{id}/execute"), json!({}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, list) = app.api(&admin.token).get("/api/v1/orgs/kerava/data-requests").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let actions = app.audit_actions(Some(&org.id)).await;
    for a in ["data-request-created", "data-request-exported", "data-request-executed"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
}

async fn erasure_leaves_only_what_a_hold_keeps(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kerava", "full").await;
    let adviser = app.person(&org, "neuvoja@kerava.test", Role::Adviser).await;
    let counsellor = app.person(&org, "ohjaaja@kerava.test", Role::Counsellor).await;
    let recruiter = app.person(&org, "rekry@kerava.test", Role::Recruiter).await;
    let maija = ("Maija Mallikas", MAIJA);
    contact_as(&app, &adviser.token, "kerava", maija, "Salaperäinen huolenaihe").await;
    contact_as(&app, &adviser.token, "kerava", maija, "Toinen kysymys").await;
    let pekka_case =
        contact_as(&app, &adviser.token, "kerava", ("Pekka Puupää", PEKKA), "Pekan asia").await;
    let (s, space) = app
        .api(&counsellor.token)
        .post("/api/v1/orgs/kerava/spaces", json!({"title": "Maijan tila", "client_email": MAIJA}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{space}");
    // An application to a recruitment that then closes: held by the archive rule.
    let ad = crate::applications::open_ad(&app, &org, &recruiter).await;
    let (s, _) =
        crate::applications::apply(&app, "kerava", &ad.id, crate::applications::form(MAIJA)).await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = app
        .api(&recruiter.token)
        .post(&format!("/api/v1/orgs/kerava/job-ads/{}/actions", ad.id), json!({"action": "close"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert!(!search(&app, &adviser.token, "kerava", "salaper").await.is_empty());
    // Before: her address and her name each find her two tickets.
    for q in [MAIJA, "Mallikas", "Maija+Mallikas"] {
        assert_eq!(search(&app, &adviser.token, "kerava", q).await.len(), 2, "{q}");
    }

    let (s, r) = app
        .api(&adviser.token)
        .post("/api/v1/orgs/kerava/data-requests", json!({"kind": "erasure", "email": MAIJA}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let case = r["case_number"].as_str().unwrap().to_string();
    let id = r["id"].as_str().unwrap();
    let (s, done) = app
        .api(&adviser.token)
        .post(&format!("/api/v1/data-requests/{id}/execute"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{done}");
    assert_eq!(done["status"], "done");
    let erased = |what: &str| {
        done["outcome"]["erased"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["data"] == what)
            .map(|e| e["count"].as_i64().unwrap())
    };
    assert_eq!(erased("tickets"), Some(2), "{done}");
    assert_eq!(erased("spaces"), Some(1), "{done}");
    let kept: Vec<&str> = done["outcome"]["kept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["rule"].as_str().unwrap())
        .collect();
    assert!(
        kept.contains(&"recruitment-decision") && kept.contains(&"data-request-case"),
        "{kept:?}"
    );

    // Nothing erased is findable: a search by address or words finds only the held case.
    assert!(search(&app, &adviser.token, "kerava", "salaper").await.is_empty());
    assert_eq!(search(&app, &adviser.token, "kerava", "maija").await, vec![case.clone()]);
    assert_eq!(search(&app, &adviser.token, "kerava", "pekka").await, vec![pekka_case.clone()]);
    // A search by her whole address finds only the held case; by her name, nothing at all.
    assert_eq!(search(&app, &adviser.token, "kerava", MAIJA).await, vec![case.clone()]);
    assert!(search(&app, &adviser.token, "kerava", "Mallikas").await.is_empty());
    let by_name = search(&app, &adviser.token, "kerava", "Maija+Mallikas").await;
    assert!(by_name.iter().all(|c| c == &case), "{by_name:?}");
    assert_eq!(search(&app, &adviser.token, "kerava", "Puup%C3%A4%C3%A4").await, vec![pekka_case]);
    let count = |sql: &'static str| {
        let db = app.db.clone();
        async move { sqlx::query_as::<_, (i64,)>(sql).fetch_one(db.pool()).await.unwrap().0 }
    };
    assert_eq!(count("SELECT COUNT(*) FROM guidance_spaces").await, 0);
    assert_eq!(count("SELECT COUNT(*) FROM space_messages").await, 0);
    assert_eq!(count("SELECT COUNT(*) FROM applications").await, 1, "held by the recruitment rule");
    assert_eq!(
        count("SELECT COUNT(*) FROM ticket_messages WHERE body_text LIKE '%Salaper%'").await,
        0
    );
    // The audit entry of the erasure holds counts and rules, nothing erased.
    let entries = tupa_core::audit::list(&app.db, Some(&org.id), 1000, None).await.unwrap();
    let e = entries.iter().find(|e| e.action == "data-request-executed").unwrap();
    assert!(!e.details.contains("Salaper") && !e.details.contains(MAIJA), "{}", e.details);
}

async fn restriction_rectification_and_extension(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kerava", "full").await;
    let adviser = app.person(&org, "neuvoja@kerava.test", Role::Adviser).await;
    let maija_case = contact(&app, &adviser.token, "kerava", MAIJA, "Kysymys").await;
    let api = app.api(&adviser.token);

    let (_, r) = api
        .post("/api/v1/orgs/kerava/data-requests", json!({"kind": "restriction", "email": MAIJA}))
        .await;
    let (s, done) = api
        .post(&format!("/api/v1/data-requests/{}/execute", r["id"].as_str().unwrap()), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{done}");
    let (_, ticket) = api.get(&format!("/api/v1/tickets/{maija_case}")).await;
    let status = ticket["status"].as_str().or(ticket["ticket"]["status"].as_str());
    assert_eq!(status, Some("closed"), "{ticket}");
    assert!(
        tupa_core::data_requests::erasure::is_restricted(&app.db, &org.id, MAIJA).await.unwrap()
    );
    assert!(
        !tupa_core::data_requests::erasure::is_restricted(&app.db, &org.id, PEKKA).await.unwrap()
    );

    let (_, r) = api
        .post(
            "/api/v1/orgs/kerava/data-requests",
            json!({"kind": "rectification", "email": MAIJA, "details": "Nimi väärin"}),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let (s, body) = api.post(&format!("/api/v1/data-requests/{id}/execute"), json!({})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "privacy-note-missing");
    // Extended once, with the reason mailed to the person.
    let (s, ext) = api
        .post(
            &format!("/api/v1/data-requests/{id}/extend"),
            json!({"reason": "Aineistoa on paljon"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{ext}");
    let added = ext["due_at"].as_i64().unwrap() - r["due_at"].as_i64().unwrap();
    assert!((59 * 86_400..=62 * 86_400).contains(&added), "two months: {added}");
    let mail = app.outbox_to(MAIJA).await;
    let m = mail
        .iter()
        .find(|m| m.subject.contains(r["case_number"].as_str().unwrap()))
        .expect("the extension is mailed");
    assert!(m.body_text.contains("Aineistoa on paljon"));
    let (s, _) =
        api.post(&format!("/api/v1/data-requests/{id}/extend"), json!({"reason": "Taas"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, done) = api
        .post(
            &format!("/api/v1/data-requests/{id}/execute"),
            json!({"note": "Nimi korjattu: Maija"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(done["outcome"]["note"], "Nimi korjattu: Maija");
    let (s, body) = api.post("/api/v1/orgs/kerava/data-requests", json!({"kind": "access"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

async fn the_public_page_makes_a_request_once_the_link_is_followed(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kerava", "full").await;
    let adviser = app.person(&org, "neuvoja@kerava.test", Role::Adviser).await;
    contact(&app, &adviser.token, "kerava", MAIJA, "Kysymys").await;
    let b = app.browser().await;
    let (s, html) = b.get_text("/privacy/kerava").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&org.name));
    // Known and unknown addresses get the same answer; nothing exists before the link.
    let (s, known) = b.post_text("/privacy/kerava", &[("kind", "access"), ("email", MAIJA)]).await;
    assert_eq!(s, StatusCode::OK);
    let (_, unknown) =
        b.post_text("/privacy/kerava", &[("kind", "access"), ("email", "ei@example.fi")]).await;
    let notice = |h: &str| {
        h.split("role=\"status\"")
            .nth(1)
            .unwrap_or("")
            .split("</div>")
            .next()
            .unwrap_or("")
            .to_string()
    };
    assert!(!notice(&known).is_empty());
    assert_eq!(notice(&known), notice(&unknown));
    let count = || async {
        sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM data_requests")
            .fetch_one(app.db.pool())
            .await
            .unwrap()
            .0
    };
    assert_eq!(count().await, 0);
    let (s, _) = b.post_text("/privacy/kerava", &[("kind", "nothing"), ("email", MAIJA)]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    let mail = app.outbox_to(MAIJA).await;
    let confirmation = mail.iter().find(|m| m.body_text.contains("/privacy/kerava/confirm/"));
    let link = link_in(&confirmation.expect("a confirmation mail").body_text, "http").unwrap();
    let path = link.split_once("/privacy/").map(|(_, p)| format!("/privacy/{p}")).unwrap();
    let (s, page) = b.get_text(&path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(MAIJA));
    assert_eq!(count().await, 0, "opening the link alone makes nothing");
    let (s, done) = b.post_text(&path, &[]).await;
    assert_eq!(s, StatusCode::OK, "{done}");
    let (case,): (String,) = sqlx::query_as("SELECT case_number FROM data_requests")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(done.contains(&case));
    // Twice is once; a made-up link is refused.
    let (_, again) = b.post_text(&path, &[]).await;
    assert!(again.contains(&case));
    assert_eq!(count().await, 1);
    let (s, _) = b.get_text("/privacy/kerava/confirm/made-up").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Staff find the case in the desk and on the requests page.
    let (s, _) = app.api(&adviser.token).get(&format!("/api/v1/tickets/{case}")).await;
    assert_eq!(s, StatusCode::OK);
    let staff = app.signed_in(&adviser).await;
    let (s, list) = staff.get_text("/orgs/kerava/data-requests").await;
    assert_eq!(s, StatusCode::OK);
    assert!(list.contains(&case));
}

async fn an_identified_clients_export_has_their_sign_ins_and_meter_answers(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kerava", "full").await;
    let other = app.org("tuusula", "full").await;
    let other_adviser = app.person(&other, "n@tuusula.test", Role::Adviser).await;
    let adviser = app.person(&org, "neuvoja@kerava.test", Role::Adviser).await;
    let counsellor = app.person(&org, "ohjaaja@kerava.test", Role::Counsellor).await;
    let (space, invite) =
        crate::guidance::open_space(&app, &counsellor.token, "kerava", MAIJA).await;
    // She identifies strongly (the training test identification) and enters the space.
    crate::guidance::client_enters(&app, &invite, "anna").await;
    let (client,): (String,) = sqlx::query_as(
        "SELECT user_id FROM space_members WHERE org_id = $1 AND space_id = $2 AND role = 'client'",
    )
    .bind(&org.id)
    .bind(&space)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    // Her answer to the life-situation meter (as the space's form stores it).
    sqlx::query("INSERT INTO meter_answers (org_id, id, space_id, meter_id, answer_values, comment, answered_by, created_at) VALUES ($1, 'ma1', $2, 'tupa-default', '{\"health\": 4}', 'Parempi kuukausi', $3, $4)")
        .bind(&org.id)
        .bind(&space)
        .bind(&client)
        .bind(tupa_core::db::now())
        .execute(app.db.pool())
        .await
        .unwrap();
    // A letter from her, recorded by her account; another organisation cannot name her.
    let (s, body) = app
        .api(&other_adviser.token)
        .post("/api/v1/orgs/tuusula/data-requests", json!({"kind": "access", "person_id": client}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (s, r) = app
        .api(&adviser.token)
        .post("/api/v1/orgs/kerava/data-requests", json!({"kind": "access", "person_id": client}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let (s, bytes) = download(&app, &adviser.token, r["id"].as_str().unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    let files = unzip(&bytes);
    let data: Value =
        serde_json::from_slice(&files.iter().find(|f| f.0 == "data.json").unwrap().1).unwrap();
    let sign_ins = data["sign_ins"].as_array().unwrap();
    assert!(sign_ins.iter().any(|e| e["where"] == "client-identified"), "{sign_ins:?}");
    assert!(
        sign_ins.iter().any(|e| e["where"] == "space" && e["last_at"].is_i64()),
        "{sign_ins:?}"
    );
    assert_eq!(data["spaces"].as_array().unwrap().len(), 1, "{data}");
    let answer = &data["spaces"][0]["meter_answers"][0];
    assert_eq!(answer["values"]["health"], 4, "{data}");
    assert_eq!(answer["comment"], "Parempi kuukausi");
    assert_eq!(answer["answered_by"], "you");
    assert!(!data.to_string().contains("tuusula"), "{data}");
}
