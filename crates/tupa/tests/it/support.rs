//! Operator services (issue 13): an organisation's own support cases with the operator, and
//! the citizen's private case link.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::desk::ingest::{Outcome, ingest};
use tupa_core::desk::queues;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, link_in, location, spawn};

both_backends!(
    main_admins_see_their_own_operator_cases_only,
    replies_thread_into_the_operators_ticket,
    citizen_link_opens_one_case_until_it_expires,
);

async fn main_admins_see_their_own_operator_cases_only(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let op = tupa_core::organisations::by_slug(&app.db, "tupa").await.unwrap().unwrap();
    let helper = app.person(&op, "tuki@operator.test", Role::Adviser).await;
    let a = app.org("a-org", "full").await;
    let b = app.org("b-org", "full").await;
    let a_main = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let a_staff = app.person(&a, "staff@a.test", Role::Adviser).await;
    let b_main = app.person(&b, "main@b.test", Role::MainAdmin).await;

    let (s, a_case) = app
        .api(&a_main.token)
        .post("/api/v1/support/cases", json!({"subject": "Kirjautuminen", "message": "Ei onnistu"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{a_case}");
    let a_case = a_case["case_number"].as_str().unwrap().to_string();
    let (s, b_case) = app
        .api(&b_main.token)
        .post("/api/v1/support/cases", json!({"subject": "B:n asia", "message": "B-viesti"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let b_case = b_case["case_number"].as_str().unwrap().to_string();
    // The acknowledgement carries the case number, as for mail.
    assert!(app.outbox_to("main@a.test").await.iter().any(|m| m.subject.contains(&a_case)));

    // The operator's adviser works it in the desk: an internal note and a public reply.
    let desk = app.api(&helper.token);
    let (s, _) = desk
        .post(
            &format!("/api/v1/tickets/{a_case}/messages"),
            json!({"body": "SALAINEN muistiinpano", "public": false}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = desk
        .post(&format!("/api/v1/tickets/{a_case}/messages"), json!({"body": "Kokeile uudelleen"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);

    let main = app.api(&a_main.token);
    let (s, list) = main.get("/api/v1/support/cases").await;
    assert_eq!(s, StatusCode::OK);
    let numbers: Vec<&str> =
        list.as_array().unwrap().iter().map(|c| c["case_number"].as_str().unwrap()).collect();
    assert_eq!(numbers, [a_case.as_str()], "A's main admin sees A's case only");
    assert_eq!(list[0]["organisation"], "a-org");
    let (s, detail) = main.get(&format!("/api/v1/support/cases/{a_case}")).await;
    assert_eq!(s, StatusCode::OK);
    let text = detail.to_string();
    assert!(text.contains("Kokeile uudelleen") && text.contains("Ei onnistu"), "{text}");
    assert!(!text.contains("SALAINEN"), "internal notes never shown: {text}");
    assert!(!text.contains("tuki@operator.test"), "the adviser's address is not shown");
    assert_eq!(detail["status"], "waiting");
    assert!(detail["expected_answer_by"].is_null(), "the operator answered last");

    // Another organisation's case, or a case number of no support case, is not there.
    let (s, _) = main.get(&format!("/api/v1/support/cases/{b_case}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.api(&b_main.token).get(&format!("/api/v1/support/cases/{a_case}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = main
        .post(&format!("/api/v1/support/cases/{b_case}/messages"), json!({"message": "Hijack"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Other staff see only what they opened, and open cases by mail (not the page).
    let staff = app.api(&a_staff.token);
    let (_, list) = staff.get("/api/v1/support/cases").await;
    assert_eq!(list, json!([]));
    let (s, _) = staff.get(&format!("/api/v1/support/cases/{a_case}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = staff.post("/api/v1/support/cases", json!({"subject": "S", "message": "M"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let mut tx = app.db.begin().await.unwrap();
    queues::add_address(&mut tx, &op.id, "tuki@tupa.test", None).await.unwrap();
    tx.commit().await.unwrap();
    let mail =
        "From: staff@a.test\r\nTo: tuki@tupa.test\r\nSubject: Raportti ei aukea\r\n\r\nApua\r\n";
    let Outcome::Created { case_number: mailed } =
        ingest(&app.db, &app.settings, mail.as_bytes(), Some("tuki@tupa.test")).await.unwrap()
    else {
        panic!("a ticket")
    };
    let (_, list) = staff.get("/api/v1/support/cases").await;
    assert_eq!(list[0]["case_number"], mailed.as_str(), "their mail is their case: {list}");
    let (_, list) = main.get("/api/v1/support/cases").await;
    assert_eq!(list.as_array().unwrap().len(), 2, "the main admin sees both");
    // Mail from a stranger stays the operator's own ticket.
    let stranger = "From: someone@example.fi\r\nTo: tuki@tupa.test\r\nSubject: Hei\r\n\r\nHei\r\n";
    ingest(&app.db, &app.settings, stranger.as_bytes(), Some("tuki@tupa.test")).await.unwrap();
    let (_, list) = main.get("/api/v1/support/cases").await;
    assert_eq!(list.as_array().unwrap().len(), 2);

    // The pages: the list in the navigation, the case without the note.
    let browser = app.signed_in(&a_main).await;
    let (s, html) = browser.get_text("/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("href=\"/support\""), "the main admin's navigation links it");
    let (s, html) = browser.get_text("/support").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&a_case) && !html.contains(&b_case));
    let (s, html) = browser.get_text(&format!("/support/{a_case}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Kokeile uudelleen") && !html.contains("SALAINEN"));
    let (s, _) = browser.get_text(&format!("/support/{b_case}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // A new case from the form; an empty subject is refused with a translated message.
    let (s, html) =
        browser.post_text("/support", &[("subject", " "), ("message", "Kysymys")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-subject-error"), "{html}");
    let res = browser.post("/support", &[("subject", "Uusi"), ("message", "Kysymys")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/support/"));
    // A forged form (no CSRF token) changes nothing.
    let forged = browser
        .client
        .post(app.url("/support"))
        .form(&[("subject", "Forged"), ("message", "Forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNPROCESSABLE_ENTITY, "refused without the token");
    let (_, list) = main.get("/api/v1/support/cases").await;
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert!(app.audit_actions(Some(&a.id)).await.contains(&"support-case-opened".to_string()));
}

async fn replies_thread_into_the_operators_ticket(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let op = tupa_core::organisations::by_slug(&app.db, "tupa").await.unwrap().unwrap();
    let helper = app.person(&op, "tuki@operator.test", Role::Adviser).await;
    let a = app.org("a-org", "full").await;
    let a_main = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let main = app.api(&a_main.token);
    let (_, case) =
        main.post("/api/v1/support/cases", json!({"subject": "Aihe", "message": "Eka"})).await;
    let case = case["case_number"].as_str().unwrap().to_string();
    assert!(case.len() > 5);
    let desk = app.api(&helper.token);
    desk.post(&format!("/api/v1/tickets/{case}/messages"), json!({"body": "Vastaus"})).await;

    let (s, detail) = main
        .post(&format!("/api/v1/support/cases/{case}/messages"), json!({"message": "Toka"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{detail}");
    assert_eq!(detail["status"], "open", "a waiting case opens again");
    assert!(detail["expected_answer_by"].is_i64(), "the next answer is expected: {detail}");
    let (_, ticket) = desk.get(&format!("/api/v1/tickets/{case}")).await;
    let bodies: Vec<&str> = ticket["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "incoming")
        .map(|m| m["body_text"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["Eka", "Toka"], "the reply is in the same ticket");
    // A reply from the page threads the same way; an empty one is refused.
    let browser = app.signed_in(&a_main).await;
    let (s, html) = browser.post_text(&format!("/support/{case}"), &[("message", "")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-message-error"));
    let res = browser.post(&format!("/support/{case}"), &[("message", "Kolmas")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, ticket) = desk.get(&format!("/api/v1/tickets/{case}")).await;
    assert!(ticket.to_string().contains("Kolmas"));
    // A closed case takes no more replies.
    let (s, _) = desk.patch(&format!("/api/v1/tickets/{case}"), json!({"status": "closed"})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) =
        main.post(&format!("/api/v1/support/cases/{case}/messages"), json!({"message": "X"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(body["code"], "support-case-closed");
}

async fn citizen_link_opens_one_case_until_it_expires(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kunta", "full").await;
    let adviser = app.person(&org, "adv@kunta.test", Role::Adviser).await;
    let contact = |email: &str, message: &str| tupa_core::desk::work::ContactInput {
        name: "Aino Asiakas".into(),
        email: email.into(),
        subject: "Kysymys".into(),
        message: message.into(),
        language: None,
        category_id: None,
    };
    let lang = tupa_core::i18n::Lang::Fi;
    let t1 = tupa_core::desk::work::contact(
        &app.db,
        &app.settings,
        &org,
        &contact("aino@example.fi", "Ensimmäinen"),
        vec![],
        lang,
        tupa_core::desk::tickets::TicketChannel::Web,
    )
    .await
    .unwrap();
    let t2 = tupa_core::desk::work::contact(
        &app.db,
        &app.settings,
        &org,
        &contact("eero@example.fi", "Toisen asia"),
        vec![],
        lang,
        tupa_core::desk::tickets::TicketChannel::Web,
    )
    .await
    .unwrap();
    let prefix = format!("{}/case/", app.base);
    let mail = app.outbox_to("aino@example.fi").await.pop().unwrap();
    let link = link_in(&mail.body_text, &prefix).expect("the acknowledgement carries the link");
    let path = link.trim_start_matches(&app.base).to_string();
    // The copy kept with the ticket has no working link.
    let desk = app.api(&adviser.token);
    let (_, ticket) = desk.get(&format!("/api/v1/tickets/{}", t1.case_number)).await;
    assert!(!ticket.to_string().contains(&path), "{ticket}");

    desk.post(
        &format!("/api/v1/tickets/{}/messages", t1.case_number),
        json!({"body": "SALAINEN", "public": false}),
    )
    .await;
    desk.post(&format!("/api/v1/tickets/{}/messages", t1.case_number), json!({"body": "Vastaus"}))
        .await;
    let citizen = app.browser().await;
    let (s, html) = citizen.get_text(&path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&t1.case_number) && html.contains("Vastaus"));
    assert!(!html.contains("SALAINEN") && !html.contains("Toisen asia"));
    assert!(!html.contains(&t2.case_number), "only that case");
    // The citizen answers without signing in; it threads into the ticket and reopens it.
    let res = citizen.post(&path, &[("message", "Kiitos, vielä yksi asia")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, ticket) = desk.get(&format!("/api/v1/tickets/{}", t1.case_number)).await;
    assert!(ticket.to_string().contains("vielä yksi asia"));
    assert_eq!(ticket["status"], "open");
    // A guessed or altered token opens nothing.
    let mut forged = path.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(citizen.get_text(&forged).await.0, StatusCode::NOT_FOUND);
    assert_eq!(citizen.get_text("/case/short").await.0, StatusCode::NOT_FOUND);
    // A contact recorded by an adviser (API) gets no link.
    let (_, t3) = desk
        .post(
            "/api/v1/orgs/kunta/tickets",
            json!({"name": "Puhelin", "email": "p@example.fi", "message": "Soitti"}),
        )
        .await;
    assert!(t3["case_number"].is_string());
    let phone_mail = app.outbox_to("p@example.fi").await.pop().unwrap();
    assert!(!phone_mail.body_text.contains(&prefix));

    // Closed: still readable, no more answers; 30 days later the link is gone.
    let (s, _) = desk
        .patch(&format!("/api/v1/tickets/{}", t1.case_number), json!({"status": "closed"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, html) = citizen.get_text(&path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("name=\"message\""), "no reply form on a closed case");
    let (s, _) = citizen.post_text(&path, &[("message", "Vielä")]).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let token = path.trim_start_matches("/case/");
    let now = tupa_core::db::now();
    let day = 86_400;
    assert!(tupa_core::support::case_link::by_token(&app.db, token, now + 29 * day).await.is_ok());
    let gone = tupa_core::support::case_link::by_token(&app.db, token, now + 31 * day).await;
    assert!(matches!(gone, Err(tupa_core::Error::NotFound)), "expired with its case");
}
