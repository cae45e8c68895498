//! The desk end to end over HTTP: a citizen's contact form, the adviser's queue and ticket
//! page, a reply that threads back by e-mail, collisions, the plan gate.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::desk::ingest::{Outcome, ingest};
use tupa_core::desk::{queues, tickets};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, link_in, location, spawn};

both_backends!(
    contact_form_to_resolved_ticket,
    collisions_and_plan_gate,
    attachments_and_originals_download_safely,
    desk_settings_queues_and_addresses,
    canned_answers_in_the_customers_language,
    merge_split_and_link,
    concurrent_contacts_all_get_case_numbers,
    categories_filters_and_saved_views,
    contact_form_attachments,
    copies_to_cc_addresses,
    forged_choices_are_refused,
);

async fn copies_to_cc_addresses(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("ii", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &org.id, "neuvonta@ii.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let adviser = app.person(&org, "adv@ii.test", Role::Adviser).await;
    let (_, t) = app
        .api(&adviser.token)
        .post(
            "/api/v1/orgs/ii/tickets",
            json!({"name": "Aino", "email": "aino@example.fi", "message": "Hei"}),
        )
        .await;
    let case = t["case_number"].as_str().unwrap().to_string();
    let b = app.signed_in(&adviser).await;
    let (s, html) = b
        .post_text(
            &format!("/orgs/ii/desk/{case}/cc"),
            &[("address", "aino@example.fi"), ("action", "add")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "the customer is not a copy recipient");
    assert!(html.contains("f-cc-error"));
    let res = b
        .post(
            &format!("/orgs/ii/desk/{case}/cc"),
            &[("address", "Omainen@Example.fi"), ("action", "add")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    app.api(&adviser.token)
        .post(&format!("/api/v1/tickets/{case}/messages"), json!({"body": "Vastaus"}))
        .await;
    let reply = app
        .outbox_to("aino@example.fi")
        .await
        .into_iter()
        .find(|m| m.body_text.contains("Vastaus"))
        .unwrap();
    assert_eq!(reply.cc_addresses.as_deref(), Some("omainen@example.fi"), "a copy goes to the CC");
    // The copy recipient's answer threads in (they are on the ticket now).
    let answer = format!(
        "From: omainen@example.fi\r\nTo: neuvonta@ii.test\r\nSubject: Re: [Tupa #{case}]\r\n\r\nKiitos\r\n"
    );
    assert_eq!(
        ingest(&app.db, &app.settings, answer.as_bytes(), Some("neuvonta@ii.test")).await.unwrap(),
        Outcome::FollowUp { case_number: case.clone() }
    );
    let (s, _) = app
        .api(&adviser.token)
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/tickets/{case}/cc/omainen@example.fi"),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app
        .api(&adviser.token)
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/tickets/{case}/cc/omainen@example.fi"),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

async fn contact_form_attachments(backend: Backend) {
    use reqwest::multipart::{Form, Part};
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("naantali", "full").await;
    let adviser = app.person(&org, "adv@naantali.test", Role::Adviser).await;
    let citizen = app.browser().await;
    let form = |file: (&'static str, &'static [u8])| {
        Form::new()
            .text("name", "Maija")
            .text("email", "maija@example.fi")
            .text("message", "Hakemus liitteenä.")
            .part("attachments", Part::bytes(file.1).file_name(file.0))
    };
    let url = |csrf: &str| app.url(&format!("/contact/naantali?csrf={csrf}"));
    // Without the token in the address, a multipart post is refused like any forged form.
    let res =
        citizen.client.post(url("")).multipart(form(("a.pdf", b"%PDF-1.4"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A program renamed to .pdf is refused at the field; what was typed is kept.
    let res = citizen
        .client
        .post(url(&citizen.csrf))
        .multipart(form(("hakemus.pdf", b"MZ\x90\x00program")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("f-attachments-error") && html.contains(">Hakemus liitteenä.</textarea>")
    );
    // A real PDF arrives with the ticket and can be downloaded by the adviser.
    let res = citizen
        .client
        .post(url(&citizen.csrf))
        .multipart(form(("hakemus_ä.pdf", b"%PDF-1.4 hakemus")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (_, list) = app.api(&adviser.token).get("/api/v1/orgs/naantali/tickets").await;
    let case = list[0]["case_number"].as_str().unwrap().to_string();
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    let files = tickets::attachments(&app.db, &org.id, &ticket.id).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].filename.as_str(), files[0].content_type.as_str()),
        ("hakemus_ä.pdf", "application/pdf")
    );
    let b = app.signed_in(&adviser).await;
    let res = b.get(&format!("/orgs/naantali/desk/{case}/attachments/{}", files[0].id)).await;
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"%PDF-1.4 hakemus");
    // Too many files.
    let mut many =
        Form::new().text("name", "M").text("email", "m@example.fi").text("message", "Monta");
    for i in 0..6 {
        many = many
            .part("attachments", Part::bytes(b"%PDF-1.4".as_slice()).file_name(format!("{i}.pdf")));
    }
    let res = citizen.client.post(url(&citizen.csrf)).multipart(many).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn categories_filters_and_saved_views(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("raahe", "full").await;
    let main = app.person(&org, "main@raahe.test", Role::MainAdmin).await;
    let adviser = app.person(&org, "adv@raahe.test", Role::Adviser).await;
    let (s, body) = app
        .api(&main.token)
        .post("/api/v1/orgs/raahe/desk/categories", json!({"name_fi": " "}))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("name-invalid"))
    );
    let (_, daycare) = app
        .api(&main.token)
        .post(
            "/api/v1/orgs/raahe/desk/categories",
            json!({"name_fi": "Varhaiskasvatus", "name_sv": "Småbarnspedagogik"}),
        )
        .await;
    let daycare_id = daycare["id"].as_str().unwrap().to_string();
    // The citizen picks the topic on the contact form, in their language.
    let citizen = app.browser().await;
    let html = citizen
        .client
        .get(app.url("/contact/raahe"))
        .header("accept-language", "sv")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Småbarnspedagogik"));
    let (s, _) = citizen
        .post_text(
            "/contact/raahe",
            &[
                ("name", "A"),
                ("email", "a@example.fi"),
                ("message", "Dagis?"),
                ("category_id", daycare_id.as_str()),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, html) = citizen
        .post_text(
            "/contact/raahe",
            &[
                ("name", "B"),
                ("email", "b@example.fi"),
                ("message", "Forged"),
                ("category_id", "not-ours"),
            ],
        )
        .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another organisation's or an invented category is refused"
    );
    assert!(html.contains("f-category_id-error"));
    app.api(&adviser.token)
        .post(
            "/api/v1/orgs/raahe/tickets",
            json!({"name": "C", "email": "c@example.fi", "message": "Muu asia"}),
        )
        .await;
    // Filters: category, and overdue (a target in the past).
    let (_, in_cat) = app
        .api(&adviser.token)
        .get(&format!("/api/v1/orgs/raahe/tickets?category_id={daycare_id}"))
        .await;
    assert_eq!(in_cat.as_array().unwrap().len(), 1);
    let case = in_cat[0]["case_number"].as_str().unwrap().to_string();
    sqlx::query("UPDATE tickets SET first_response_due = $1 WHERE case_number = $2")
        .bind(tupa_core::db::now() - 60)
        .bind(&case)
        .execute(app.db.pool())
        .await
        .unwrap();
    let (_, late) = app.api(&adviser.token).get("/api/v1/orgs/raahe/tickets?sla=breached").await;
    assert_eq!(
        late.as_array()
            .unwrap()
            .iter()
            .map(|t| t["case_number"].as_str().unwrap())
            .collect::<Vec<_>>(),
        [case.as_str()]
    );
    let (_, soon) = app.api(&adviser.token).get("/api/v1/orgs/raahe/tickets?sla=due-soon").await;
    assert!(soon.as_array().unwrap().is_empty());
    // Recategorise on the ticket; a saved view brings the filter back.
    let (s, t) = app
        .api(&adviser.token)
        .patch(&format!("/api/v1/tickets/{case}"), json!({"category_id": ""}))
        .await;
    assert_eq!((s, t["category_id"].is_null()), (StatusCode::OK, true));
    let b = app.signed_in(&adviser).await;
    let res = b
        .post(
            "/orgs/raahe/desk/views",
            &[("view_name", "Myöhässä"), ("query", "sla=breached&evil=1")],
        )
        .await;
    assert_eq!(location(&res), "/orgs/raahe/desk?sla=breached");
    let (_, html) = b.get_text("/orgs/raahe/desk").await;
    assert!(html.contains("href=\"/orgs/raahe/desk?sla=breached\"") && html.contains("Myöhässä"));
    let (s, _) = app.api(&main.token).get("/api/v1/orgs/raahe/desk/views").await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "a main admin who is not an adviser does not work the queue"
    );
}

/// Many contacts at once: every one is stored with its own case number. (A read on a second
/// pool connection inside a write transaction once starved the pool under such load.)
async fn concurrent_contacts_all_get_case_numbers(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("tampere", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &org.id, "neuvonta@tampere.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let adviser = app.person(&org, "adv@tampere.test", Role::Adviser).await;
    let mut tasks = vec![];
    for i in 0..16 {
        let api = app.api(&adviser.token);
        tasks.push(tokio::spawn(async move {
            api.post(
                "/api/v1/orgs/tampere/tickets",
                json!({"name": "A", "email": format!("a{i}@example.fi"), "message": "Hei"}),
            )
            .await
        }));
    }
    let mut cases = std::collections::BTreeSet::new();
    for t in tasks {
        let (s, body) = t.await.unwrap();
        assert_eq!(s, StatusCode::CREATED, "{body}");
        cases.insert(body["case_number"].as_str().unwrap().to_string());
    }
    assert_eq!(cases.len(), 16, "unique case numbers");
}

async fn merge_split_and_link(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kotka", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &org.id, "neuvonta@kotka.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let adviser = app.person(&org, "adv@kotka.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    let send = |subject: &str, body: &str, extra: &str| {
        format!(
            "From: aino@example.fi\r\nTo: neuvonta@kotka.test\r\nSubject: {subject}\r\nMessage-ID: <{}@example.fi>\r\n{extra}\r\n{body}\r\n",
            uuid::Uuid::new_v4()
        )
    };
    let first =
        ingest(&app.db, &app.settings, send("Lasku", "Lasku tuli kahdesti.", "").as_bytes(), None)
            .await
            .unwrap()
            .case_number()
            .unwrap()
            .to_string();
    let duplicate =
        ingest(&app.db, &app.settings, send("Lasku uudestaan", "Sama asia.", "").as_bytes(), None)
            .await
            .unwrap()
            .case_number()
            .unwrap()
            .to_string();
    // A second question in the same thread: split into its own case.
    ingest(
        &app.db,
        &app.settings,
        send(&format!("Re: Lasku [Tupa #{first}]"), "Ja toinen asia: pysäköintilupa?", "")
            .as_bytes(),
        None,
    )
    .await
    .unwrap();
    let (_, t) = api.get(&format!("/api/v1/tickets/{first}")).await;
    let second_question = t["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "incoming")
        .nth(1)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let only = t["messages"].as_array().unwrap().iter().find(|m| m["kind"] == "incoming").unwrap()
        ["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, split) = api
        .post(&format!("/api/v1/tickets/{first}/split"), json!({"message_id": second_question}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{split}");
    let new_case = split["case_number"].as_str().unwrap().to_string();
    assert_eq!(split["refers_to"], t["id"]);
    assert!(
        app.outbox_to("aino@example.fi").await.iter().any(|m| m.subject.contains(&new_case)),
        "the customer learns the new case number"
    );
    let (_, t) = api.get(&format!("/api/v1/tickets/{first}")).await;
    assert_eq!(
        t["messages"].as_array().unwrap().iter().filter(|m| m["kind"] == "incoming").count(),
        1,
        "the question moved"
    );
    // The last remaining question cannot be split off.
    let (s, body) =
        api.post(&format!("/api/v1/tickets/{first}/split"), json!({"message_id": only})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("split-message-invalid"))
    );

    // Merge the duplicate into the first: its messages move, its case number keeps threading.
    let (s, body) =
        api.post(&format!("/api/v1/tickets/{duplicate}/merge"), json!({"into": duplicate})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("merge-into-itself"))
    );
    let (s, body) = api
        .post(&format!("/api/v1/tickets/{duplicate}/merge"), json!({"into": "1999-999999"}))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("case-unknown"))
    );
    let (s, target) =
        api.post(&format!("/api/v1/tickets/{duplicate}/merge"), json!({"into": first})).await;
    assert_eq!((s, target["case_number"].as_str()), (StatusCode::OK, Some(first.as_str())));
    let (_, t) = api.get(&format!("/api/v1/tickets/{first}")).await;
    let bodies: Vec<&str> = t["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body_text"].as_str().unwrap())
        .collect();
    assert!(bodies.iter().any(|b| b.contains("Sama asia.")), "the duplicate's message moved");
    let later = ingest(
        &app.db,
        &app.settings,
        send(&format!("Re: [Tupa #{duplicate}]"), "Vielä.", "").as_bytes(),
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        later.case_number(),
        Some(first.as_str()),
        "the merged case number threads into the live ticket"
    );
    let (_, old) = api.get(&format!("/api/v1/tickets/{duplicate}")).await;
    assert_eq!(old["status"], "closed");

    // Link, shown on both sides through the page; another organisation's case is unknown here.
    let (s, _) =
        api.post(&format!("/api/v1/tickets/{first}/links"), json!({"other": new_case})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let b = app.signed_in(&adviser).await;
    let (_, html) = b.get_text(&format!("/orgs/kotka/desk/{new_case}")).await;
    assert!(
        html.contains(&format!("/orgs/kotka/desk/{first}")),
        "the link shows on the other ticket too"
    );
    let other = app.org("hamina", "full").await;
    let other_adv = app.person(&other, "adv@hamina.test", Role::Adviser).await;
    let (_, foreign) = app
        .api(&other_adv.token)
        .post(
            "/api/v1/orgs/hamina/tickets",
            json!({"name": "X", "email": "x@example.fi", "message": "Salainen"}),
        )
        .await;
    let (s, body) = api
        .post(&format!("/api/v1/tickets/{first}/links"), json!({"other": foreign["case_number"]}))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("case-unknown"))
    );
    let (s, body) = api
        .post(&format!("/api/v1/tickets/{first}/merge"), json!({"into": foreign["case_number"]}))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("case-unknown"))
    );
    let res = b
        .post(&format!("/orgs/kotka/desk/{first}/unlink"), &[("case_number", new_case.as_str())])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let new_ticket = tickets::by_case_number(&app.db, &new_case).await.unwrap().unwrap();
    let relations: Vec<String> = tupa_core::desk::cases::related(&app.db, &org.id, &new_ticket)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.2)
        .collect();
    assert_eq!(relations, ["refers-to"], "the link is gone; the split origin remains");
}

async fn canned_answers_in_the_customers_language(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let op_token = op.token.clone();
    let org = app.org("porvoo", "full").await;
    let main = app.person(&org, "main@porvoo.test", Role::MainAdmin).await;
    let adviser = app.person(&org, "adv@porvoo.test", Role::Adviser).await;
    let api = app.api(&main.token);
    let (s, body) =
        api.post("/api/v1/orgs/porvoo/desk/canned-answers", json!({"title": "Tyhjä"})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("canned-body-empty"))
    );
    let (s, body) = api
        .post(
            "/api/v1/orgs/porvoo/desk/canned-answers",
            json!({"title": "Jaettu", "body_fi": "x", "shared": true}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("canned-share-operator-only"))
    );
    let (s, own) = api
        .post("/api/v1/orgs/porvoo/desk/canned-answers", json!({"title": "Kiitos", "body_fi": "Hei {requester_name}! Asianne {case_number} on käsittelyssä. T. {agent_name}, {organisation}", "body_sv": "Hej {requester_name}! Ärende {case_number} behandlas. Hälsningar {agent_name}, {organisation}"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{own}");
    // The operator's shared answer is offered to every organisation.
    let (s, shared) = app
        .api(&op_token)
        .post(
            "/api/v1/orgs/tupa/desk/canned-answers",
            json!({"title": "Palvelukatko", "body_fi": "Palvelussa on katko.", "shared": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{shared}");
    let (_, available) =
        app.api(&adviser.token).get("/api/v1/orgs/porvoo/desk/canned-answers").await;
    let titles: Vec<&str> =
        available.as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Kiitos", "Palvelukatko"]);
    // Filled in for a Swedish-speaking customer's ticket.
    let (_, t) = app.api(&adviser.token).post("/api/v1/orgs/porvoo/tickets", json!({"name": "Erik", "email": "erik@example.fi", "message": "Fråga", "language": "sv"})).await;
    let case = t["case_number"].as_str().unwrap();
    let (s, text) = app
        .api(&adviser.token)
        .get(&format!("/api/v1/tickets/{case}/canned-answers/{}", own["id"].as_str().unwrap()))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        text["text"],
        format!("Hej Erik! Ärende {case} behandlas. Hälsningar adv, Org porvoo")
    );
    // The page: picking fills the reply box.
    let b = app.signed_in(&adviser).await;
    let (_, html) = b
        .get_text(&format!("/orgs/porvoo/desk/{case}?canned={}", own["id"].as_str().unwrap()))
        .await;
    assert!(html.contains(&format!(">Hej Erik! Ärende {case} behandlas.")), "reply box prefilled");
    // Without JavaScript, the Insert button posts the reply form back: what was typed stays,
    // the answer follows it, and nothing is sent.
    let sent_before = app.outbox_to("erik@example.fi").await.len();
    let (status, html) = b
        .post_text(
            &format!("/orgs/porvoo/desk/{case}/reply"),
            &[
                ("action", "insert-canned"),
                ("canned", own["id"].as_str().unwrap()),
                ("kind", "note"),
                ("body", "Soitin asiakkaalle."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!(">Soitin asiakkaalle.\n\nHej Erik! Ärende {case} behandlas.")),
        "typed text kept, answer after it"
    );
    assert!(html.contains(r#"name="kind" value="note" checked"#), "the choice of note kept");
    assert_eq!(app.outbox_to("erik@example.fi").await.len(), sent_before, "nothing sent");
    let (_, ticket) = app.api(&adviser.token).get(&format!("/api/v1/tickets/{case}")).await;
    assert!(!ticket.to_string().contains("Soitin asiakkaalle"), "nor stored");
    // Another organisation's answer cannot be used here.
    let other = app.org("loviisa", "full").await;
    let other_main = app.person(&other, "main@loviisa.test", Role::MainAdmin).await;
    let (_, foreign) = app
        .api(&other_main.token)
        .post(
            "/api/v1/orgs/loviisa/desk/canned-answers",
            json!({"title": "Salainen", "body_fi": "Loviisan oma"}),
        )
        .await;
    let (s, _) = app
        .api(&adviser.token)
        .get(&format!("/api/v1/tickets/{case}/canned-answers/{}", foreign["id"].as_str().unwrap()))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, html) = b
        .get_text(&format!("/orgs/porvoo/desk/{case}?canned={}", foreign["id"].as_str().unwrap()))
        .await;
    assert!(!html.contains("Loviisan oma"));
}

async fn desk_settings_queues_and_addresses(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let main = app.person(&org, "main@lahti.test", Role::MainAdmin).await;
    let api = app.api(&main.token);
    let weekly = |open: &str, close: &str| {
        json!([
            [open, close],
            [open, close],
            [open, close],
            [open, close],
            [open, close],
            null,
            null
        ])
    };
    let (s, body) = api
        .post(
            "/api/v1/orgs/lahti/desk/queues",
            json!({"name": "Iltajono", "weekly": weekly("16:00", "09:00")}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("hours-close-before-open"))
    );
    let (s, body) = api
        .post(
            "/api/v1/orgs/lahti/desk/queues",
            json!({"name": "Iltajono", "weekly": weekly("9", "15")}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("time-invalid"))
    );
    let (s, body) = api.post("/api/v1/orgs/lahti/desk/queues", json!({"name": "Iltajono", "weekly": weekly("12:00", "20:00"), "first_response_hours": -1})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("target-invalid"))
    );
    let (s, queue) = api.post("/api/v1/orgs/lahti/desk/queues", json!({"name": "Iltajono", "weekly": weekly("12:00", "20:00"), "first_response_hours": 2, "resolution_hours": 16})).await;
    assert_eq!(s, StatusCode::CREATED, "{queue}");
    let queue_id = queue["id"].as_str().unwrap().to_string();
    let (_, all) = api.get("/api/v1/orgs/lahti/desk/queues").await;
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(
        all[0]["settings"]["weekly"][0],
        json!(["12:00", "20:00"]),
        "hours read back as entered"
    );
    assert_eq!(all[0]["settings"]["first_response_hours"], 2.0);

    // Addresses: through the page, duplicates refused, mail lands in the chosen queue.
    let b = app.signed_in(&main).await;
    let (s, html) = b.get_text("/orgs/lahti/desk/settings").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Iltajono") && html.contains("type=\"time\""));
    // Addresses are the operator's to map (it checks the domain is the organisation's).
    let (s, html) = b
        .post_text(
            "/orgs/lahti/desk/addresses",
            &[("address", "ilta@lahti.test"), ("queue_id", queue_id.as_str())],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a main admin cannot claim an address");
    assert!(
        html.contains("error-summary") && !html.contains("name=\"address\" type=\"email\""),
        "explained; no address form for a main admin"
    );
    let op = app.signed_in_operator().await;
    let res = op
        .post(
            "/orgs/lahti/desk/addresses",
            &[("address", "ilta@lahti.test"), ("queue_id", queue_id.as_str())],
        )
        .await;
    assert_eq!(location(&res), "/orgs/lahti/desk/settings?notice=saved");
    let (s, html) = op
        .post_text(
            "/orgs/lahti/desk/addresses",
            &[("address", "ILTA@lahti.test"), ("queue_id", "")],
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(html.contains("f-address-error"));
    let other = app.org("hollola", "full").await;
    let other_main = app.person(&other, "main@hollola.test", Role::MainAdmin).await;
    let (s, _) = app
        .api(&other_main.token)
        .post("/api/v1/orgs/hollola/desk/addresses", json!({"address": "ilta@lahti.test"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "main admins do not map addresses");
    let (s, _) = app
        .api(&app.operator_token().await)
        .post("/api/v1/orgs/hollola/desk/addresses", json!({"address": "ilta@lahti.test"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "an address belongs to one organisation");
    let raw = "From: a@example.fi\r\nTo: ilta@lahti.test\r\nSubject: Ilta\r\n\r\nHei\r\n";
    let outcome = ingest(&app.db, &app.settings, raw.as_bytes(), None).await.unwrap();
    let ticket =
        tickets::by_case_number(&app.db, outcome.case_number().unwrap()).await.unwrap().unwrap();
    assert_eq!(ticket.queue_id, queue_id);
    let hours = tupa_core::desk::queues::list(&app.db, &org.id)
        .await
        .unwrap()
        .into_iter()
        .find(|q| q.id == queue_id)
        .unwrap()
        .hours();
    assert_eq!(
        ticket.first_response_due,
        hours.add_working_time(ticket.created_at, 2 * 3600),
        "due counted in the queue's own hours"
    );
    // Removing the address: mail to it is refused (and kept).
    let res = op.post("/orgs/lahti/desk/addresses/remove", &[("address", "ilta@lahti.test")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(matches!(
        ingest(&app.db, &app.settings, raw.as_bytes(), None).await.unwrap(),
        Outcome::Refused { .. }
    ));
    // Advisers work the desk but do not configure it.
    let adviser = app.person(&org, "adv@lahti.test", Role::Adviser).await;
    assert_eq!(
        app.api(&adviser.token).get("/api/v1/orgs/lahti/desk/queues").await.0,
        StatusCode::FORBIDDEN
    );
}

async fn attachments_and_originals_download_safely(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &org.id, "neuvonta@oulu.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let adviser = app.person(&org, "a@oulu.test", Role::Adviser).await;
    let raw = concat!(
        "From: Maija <maija@example.fi>\r\nTo: neuvonta@oulu.test\r\nSubject: Liitteet\r\nMessage-ID: <att@example.fi>\r\nMIME-Version: 1.0\r\n",
        "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n",
        "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nLiitteenä hakemus.\r\n",
        "--XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''hakemus_%C3%A4%C3%B6.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcOkw7w=\r\n",
        "--XX\r\nContent-Type: text/html\r\nContent-Disposition: attachment; filename=\"evil.html\"\r\n\r\n<script>alert(1)</script>\r\n",
        "--XX--\r\n"
    );
    let outcome =
        ingest(&app.db, &app.settings, raw.as_bytes(), Some("neuvonta@oulu.test")).await.unwrap();
    let case = outcome.case_number().unwrap().to_string();
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    let files = tickets::attachments(&app.db, &org.id, &ticket.id).await.unwrap();
    let pdf =
        files.iter().find(|f| f.filename == "hakemus_äö.pdf").expect("RFC 2231 file name decoded");
    let html = files.iter().find(|f| f.filename == "evil.html").unwrap();
    let b = app.signed_in(&adviser).await;
    let (_, page) = b.get_text(&format!("/orgs/oulu/desk/{case}")).await;
    assert!(page.contains("hakemus_äö.pdf") && page.contains("/original"));
    let res = b.get(&format!("/orgs/oulu/desk/{case}/attachments/{}", pdf.id)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"%PDF-1.4\n%\xc3\xa4\xc3\xbc");
    let res = b.get(&format!("/orgs/oulu/desk/{case}/attachments/{}", html.id)).await;
    assert!(
        res.headers()["content-security-policy"].to_str().unwrap().contains("sandbox"),
        "HTML never runs in our origin"
    );
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let first = tickets::messages(&app.db, &org.id, &ticket.id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.kind == tickets::MessageKind::Incoming)
        .unwrap();
    let res = b.get(&format!("/orgs/oulu/desk/{case}/messages/{}/original", first.id)).await;
    assert_eq!(res.bytes().await.unwrap().as_ref(), raw.as_bytes(), "the original, byte for byte");
    // Another organisation's adviser, or another ticket's path, gets nothing.
    let other = app.org("kemi", "full").await;
    let stranger = app.person(&other, "s@kemi.test", Role::Adviser).await;
    let sb = app.signed_in(&stranger).await;
    assert_eq!(
        sb.get(&format!("/orgs/oulu/desk/{case}/attachments/{}", pdf.id)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        sb.get(&format!("/orgs/kemi/desk/{case}/attachments/{}", pdf.id)).await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn contact_form_to_resolved_ticket(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    tupa_core::organisations::update_settings(
        &mut tx,
        &org.id,
        Some("https://espoo.test/tietosuoja"),
        None,
    )
    .await
    .unwrap();
    queues::add_address(&mut tx, &org.id, "neuvonta@espoo.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let adviser = app.person(&org, "antti@espoo.test", Role::Adviser).await;

    // The citizen: no sign-in; the controller and its privacy notice are shown.
    let citizen = app.browser().await;
    let (s, html) = citizen.get_text("/contact/espoo").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("Org espoo") && html.contains("https://espoo.test/tietosuoja"),
        "controller and privacy notice"
    );
    let (s, html) = citizen
        .post_text(
            "/contact/espoo",
            &[("name", "Maija"), ("email", "not-an-address"), ("message", "Hei")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-email-error") && html.contains(">Hei</textarea>"), "message kept");
    // A robot filling the honeypot is thanked and forgotten.
    let (s, _) = citizen
        .post_text(
            "/contact/espoo",
            &[
                ("name", "Bot"),
                ("email", "bot@spam.test"),
                ("message", "Buy"),
                ("website", "http://spam"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(app.outbox_to("bot@spam.test").await.is_empty());
    let (s, html) = citizen
        .post_text(
            "/contact/espoo",
            &[
                ("name", "Maija Meikäläinen"),
                ("email", "maija@example.fi"),
                ("subject", "Päivähoito"),
                ("message", "Milloin haku päättyy?"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let case = html
        .split("role=\"status\"")
        .nth(1)
        .unwrap()
        .split(|c: char| !c.is_ascii_digit() && c != '-')
        .find(|w| tupa_core::desk::case_number::parse(w).is_some())
        .expect("case number shown")
        .to_string();
    let ack = app.outbox_to("maija@example.fi").await.pop().expect("acknowledgement");
    assert!(
        ack.subject.contains(&case) && ack.from_address.as_deref() == Some("neuvonta@espoo.test")
    );

    // The adviser: the queue lists it; the ticket page shows the conversation.
    let b = app.signed_in(&adviser).await;
    let (s, html) = b.get_text("/orgs/espoo/desk").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&case) && html.contains("Päivähoito"));
    let (s, html) = b.get_text("/orgs/espoo/desk?q=haku+p%C3%A4%C3%A4ttyy").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&case), "found by words of the message");
    let (_, html) = b.get_text("/orgs/espoo/desk?q=P%C3%84IV%C3%84HOITO").await;
    assert!(html.contains(&case), "case-insensitive beyond A–Z (Ä) on both backends");
    let (_, html) = b.get_text("/orgs/espoo/desk?q=maija%40example").await;
    assert!(html.contains(&case), "found by the customer's address");
    let (_, html) = b.get_text("/orgs/espoo/desk?q=nothing-like-this").await;
    assert!(!html.contains(&case));
    let (s, html) = b.get_text(&format!("/orgs/espoo/desk/{case}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Milloin haku päättyy?"));
    // A note stays inside; an empty reply is refused.
    let (s, html) = b
        .post_text(&format!("/orgs/espoo/desk/{case}/reply"), &[("kind", "reply"), ("body", "  ")])
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-body-error"));
    let res = b
        .post(
            &format!("/orgs/espoo/desk/{case}/reply"),
            &[("kind", "note"), ("body", "Tarkistan asian.")],
        )
        .await;
    assert_eq!(location(&res), format!("/orgs/espoo/desk/{case}?notice=note-saved"));
    assert_eq!(app.outbox_to("maija@example.fi").await.len(), 1, "notes are not mailed");
    let res = b
        .post(
            &format!("/orgs/espoo/desk/{case}/reply"),
            &[("kind", "reply"), ("body", "Haku päättyy perjantaina."), ("status", "waiting")],
        )
        .await;
    assert_eq!(location(&res), format!("/orgs/espoo/desk/{case}?notice=reply-sent"));
    let reply = app
        .outbox_to("maija@example.fi")
        .await
        .into_iter()
        .find(|m| m.body_text.contains("perjantaina"))
        .expect("reply mailed");
    assert!(
        reply.subject.contains(&format!("[Tupa #{case}]")),
        "case tag in the subject: {}",
        reply.subject
    );
    assert_eq!(reply.from_address.as_deref(), Some("neuvonta@espoo.test"));
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    assert_eq!(ticket.status, tickets::TicketStatus::Waiting);
    assert!(ticket.first_responded_at.is_some());

    // The citizen answers by e-mail: it threads back and the ticket opens again.
    let answer = format!(
        "From: maija@example.fi\r\nTo: neuvonta@espoo.test\r\nSubject: Re: {}\r\nIn-Reply-To: {}\r\nMessage-ID: <answer@example.fi>\r\n\r\nKiitos!\r\n",
        reply.subject, reply.message_id
    );
    let outcome = ingest(&app.db, &app.settings, answer.as_bytes(), Some("neuvonta@espoo.test"))
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::FollowUp { case_number: case.clone() });
    assert_eq!(
        tickets::by_case_number(&app.db, &case).await.unwrap().unwrap().status,
        tickets::TicketStatus::Open,
        "reopened by the customer's reply"
    );

    // Resolved through the API, which returns the whole conversation.
    let api = app.api(&adviser.token);
    let (s, t) = api.patch(&format!("/api/v1/tickets/{case}"), json!({"status": "resolved"})).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert!(t["resolved_at"].is_number());
    let (s, t) = api.get(&format!("/api/v1/tickets/{case}")).await;
    assert_eq!(s, StatusCode::OK);
    let kinds: Vec<&str> =
        t["messages"].as_array().unwrap().iter().map(|m| m["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["incoming", "acknowledgement", "note", "reply", "incoming"]);
    assert_eq!(t["sla"], "done");
    let _ = link_in;
}

async fn collisions_and_plan_gate(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("vantaa", "full").await;
    let a = app.person(&org, "a@vantaa.test", Role::Adviser).await;
    let b = app.person(&org, "b@vantaa.test", Role::Adviser).await;
    let (s, t) = app
        .api(&a.token)
        .post(
            "/api/v1/orgs/vantaa/tickets",
            json!({"name": "Ville", "email": "ville@example.fi", "message": "Hei"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let case = t["case_number"].as_str().unwrap().to_string();
    // Both advisers open the ticket; B answers first.
    let (_, seen) = app.api(&a.token).get(&format!("/api/v1/tickets/{case}")).await;
    let seen_id =
        seen["messages"].as_array().unwrap().last().unwrap()["id"].as_str().unwrap().to_string();
    let (s, _) = app
        .api(&b.token)
        .post(
            &format!("/api/v1/tickets/{case}/messages"),
            json!({"body": "B vastaa", "seen_message_id": seen_id}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    // A's reply is held back with a warning...
    let (s, body) = app
        .api(&a.token)
        .post(
            &format!("/api/v1/tickets/{case}/messages"),
            json!({"body": "A vastaa", "seen_message_id": seen_id}),
        )
        .await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::CONFLICT, Some("reply-collision")));
    // ...and on the page too, with the choice to send anyway; the draft is kept.
    let browser = app.signed_in(&a).await;
    let (s, html) = browser
        .post_text(
            &format!("/orgs/vantaa/desk/{case}/reply"),
            &[("kind", "reply"), ("body", "A vastaa"), ("seen_message_id", &seen_id)],
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(
        html.contains("name=\"force\"")
            && html.contains(">A vastaa</textarea>")
            && html.contains("B vastaa")
    );
    let res = browser
        .post(
            &format!("/orgs/vantaa/desk/{case}/reply"),
            &[
                ("kind", "reply"),
                ("body", "A vastaa"),
                ("seen_message_id", &seen_id),
                ("force", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.outbox_to("ville@example.fi").await.len(),
        3,
        "acknowledgement and both replies"
    );

    // Taking a ticket; assigning someone who does not work the desk is refused.
    let (s, t) = app
        .api(&a.token)
        .patch(&format!("/api/v1/tickets/{case}"), json!({"assignee_id": a.id}))
        .await;
    assert_eq!((s, t["assignee_id"].as_str()), (StatusCode::OK, Some(a.id.as_str())));
    let main = app.person(&org, "main@vantaa.test", Role::MainAdmin).await;
    let (s, body) = app
        .api(&a.token)
        .patch(&format!("/api/v1/tickets/{case}"), json!({"assignee_id": main.id}))
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("assignee-invalid"))
    );
    let (_, mine) = app.api(&a.token).get("/api/v1/orgs/vantaa/tickets?assignee=me").await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let (_, unassigned) =
        app.api(&a.token).get("/api/v1/orgs/vantaa/tickets?assignee=unassigned").await;
    assert!(unassigned.as_array().unwrap().is_empty());

    // A plan without the desk: no contact form, no desk API.
    let no_desk = app.org("nodesk", "full").await;
    let op_token = app.operator_token().await;
    app.api(&op_token)
        .put(
            "/api/v1/plans/full-managed",
            json!({"slug": "full-managed", "name": "No desk", "capabilities": ["recruitment"]}),
        )
        .await;
    app.api(&op_token)
        .patch("/api/v1/orgs/nodesk", json!({"name": "No desk", "plan": "full-managed"}))
        .await;
    let adv = app.person(&no_desk, "adv@nodesk.test", Role::Adviser).await;
    let (s, body) = app.api(&adv.token).get("/api/v1/orgs/nodesk/tickets").await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("not-in-plan")));
    // Creation knows the plan from the adviser's memberships, and refuses the same way.
    let contact = json!({"name": "Asiakas", "email": "asiakas@example.fi", "message": "Hei"});
    let (s, body) = app.api(&adv.token).post("/api/v1/orgs/nodesk/tickets", contact).await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("not-in-plan")));
    assert_eq!(app.browser().await.get("/contact/nodesk").await.status(), StatusCode::NOT_FOUND);
    // And nothing of the desk in the pages: no tab, no link on the front page.
    let nb = app.signed_in(&adv).await;
    let (_, html) = nb.get_text("/orgs/nodesk").await;
    assert!(!html.contains("/orgs/nodesk/desk"), "no desk tab without the desk in the plan");
    let (_, html) = nb.get_text("/").await;
    assert!(!html.contains("/orgs/nodesk/desk"));
    let ab = app.signed_in(&a).await;
    let (_, html) = ab.get_text("/orgs/vantaa").await;
    assert!(html.contains("/orgs/vantaa/desk"), "the tab is there when the plan has the desk");
    let (_, html) = ab.get_text("/").await;
    assert!(html.contains("href=\"/orgs/vantaa/desk\""));
}

/// A choice a form or the API offers is one of a closed set: a forged or misspelt word is
/// refused with the translated 422 and does nothing, never taken as some default action.
async fn forged_choices_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("ii", "full").await;
    let adviser = app.person(&org, "adv@ii.test", Role::Adviser).await;
    let (_, t) = app
        .api(&adviser.token)
        .post(
            "/api/v1/orgs/ii/tickets",
            json!({"name": "Aino", "email": "aino@example.fi", "message": "Hei"}),
        )
        .await;
    let case = t["case_number"].as_str().unwrap().to_string();
    let mailed = app.outbox_to("aino@example.fi").await.len();
    let b = app.signed_in(&adviser).await;
    // The CC form once added the address on any word but "remove".
    let (s, html) = b
        .post_text(
            &format!("/orgs/ii/desk/{case}/cc"),
            &[("address", "vieras@example.fi"), ("action", "delete")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Unknown action") || html.contains("Tuntematon toiminto"), "{html}");
    let (_, page) = b.get_text(&format!("/orgs/ii/desk/{case}")).await;
    assert!(!page.contains("vieras@example.fi"), "nothing added");
    // The reply form once mailed the requester on any kind but "note", and sent on any button.
    for pairs in [
        [("kind", "pubic"), ("body", "Ei saa lähteä"), ("action", "send")],
        [("kind", "reply"), ("body", "Ei saa lähteä"), ("action", "sned")],
        [("kind", "reply"), ("body", "Ei saa lähteä"), ("status", "solved")],
    ] {
        let (s, _) = b.post_text(&format!("/orgs/ii/desk/{case}/reply"), &pairs).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{pairs:?}");
    }
    assert_eq!(app.outbox_to("aino@example.fi").await.len(), mailed, "nothing mailed");
    let ticket = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    let messages = tickets::messages(&app.db, &org.id, &ticket.id).await.unwrap();
    assert!(messages.iter().all(|m| !m.body_text.contains("Ei saa")), "nothing stored");
    // Status, priority and the take/release buttons.
    for pairs in [
        [("status", "solved"), ("priority", ""), ("assign", "")],
        [("status", ""), ("priority", "asap"), ("assign", "")],
        [("status", ""), ("priority", ""), ("assign", "everyone")],
    ] {
        let (s, _) = b.post_text(&format!("/orgs/ii/desk/{case}/change"), &pairs).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{pairs:?}");
    }
    let (s, html) =
        b.post_text(&format!("/orgs/ii/desk/{case}/change"), &[("status", "Closed")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Valitse tila luettelosta") || html.contains("Choose a status from the list"),
        "the translated message"
    );
    let after = tickets::by_case_number(&app.db, &case).await.unwrap().unwrap();
    assert_eq!((after.status, after.priority), (ticket.status, ticket.priority));
    assert_eq!(after.assignee_id, None);
    // The API keeps its codes; the words it accepts are the ones it always did.
    let api = app.api(&adviser.token);
    let (s, body) = api.patch(&format!("/api/v1/tickets/{case}"), json!({"status": "bogus"})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("status-invalid"))
    );
    let (s, body) =
        api.patch(&format!("/api/v1/tickets/{case}"), json!({"priority": "URGENT"})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("priority-invalid"))
    );
    let (s, t) = api
        .patch(&format!("/api/v1/tickets/{case}"), json!({"status": "open", "priority": "urgent"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert_eq!((t["status"].as_str(), t["priority"].as_str()), (Some("open"), Some("urgent")));
    let (s, _) = b.post_text(&format!("/orgs/ii/desk/{case}/change"), &[("assign", "me")]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
}
