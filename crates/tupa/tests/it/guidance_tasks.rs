//! Tasks in guidance spaces, and task and space templates: the counsellor gives a task (on the
//! spot or from a template), the client answers and finishes it, both comment; a space opened
//! from a space template starts with its tasks and welcome; and nobody reaches another
//! space's task or another organisation's template.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::guidance::{client_enters, next_message, open_space};
use crate::helpers::{Backend, Browser, spawn};

both_backends!(
    a_task_is_given_answered_commented_and_done,
    a_space_template_brings_its_tasks_and_welcome,
    hostile_ids_and_roles_are_refused,
    bad_task_input_is_refused_with_nothing_stored,
    the_page_forms_work_without_javascript,
);

/// A JSON call with the browser's session, as the space page's own scripts would make it.
async fn client_call(
    b: &Browser,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> (StatusCode, Value) {
    let csrf = b.cookie("tupa_csrf").unwrap();
    let res = b
        .client
        .request(method, format!("{}{path}", b.base))
        .header("x-csrf-token", csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

async fn all_mail(app: &crate::helpers::TestApp) -> Vec<tupa_core::mail::outbox::OutboxMail> {
    tupa_core::mail::outbox::list(&app.db, 1000).await.unwrap()
}

async fn client_post(b: &Browser, path: &str, body: Value) -> (StatusCode, Value) {
    client_call(b, reqwest::Method::POST, path, body).await
}

async fn a_task_is_given_answered_commented_and_done(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let counsellor = app.person(&org, "liisa@lahti.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "lahti", "anna@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let api = app.api(&counsellor.token);

    // The counsellor listens on the space's socket.
    let ws_url = format!("{}/api/v1/spaces/{id}/live", app.base.replace("http://", "ws://"));
    let mut request =
        tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(
            ws_url.as_str(),
        )
        .unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {}", counsellor.token).parse().unwrap());
    let mut socket = crate::guidance::live_socket(request).await;

    // The client has been away a while: the new task is told by mail, without its content.
    sqlx::query("UPDATE space_members SET last_read_at = 0 WHERE role = 'client'")
        .execute(app.db.pool())
        .await
        .unwrap();
    // (The client's address is the identified person's, not the invitation's.)
    let before = all_mail(&app).await.len();
    let (status, task) = api
        .post(
            &format!("/api/v1/spaces/{id}/tasks"),
            json!({"title": "Kuukausibudjetti", "instructions": "Täytä tulot ja menot.", "due_on": "2000-01-31"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    assert_eq!(task["status"], "open");
    assert_eq!(task["overdue"], true, "a past due date shows as overdue");
    let task_id = task["id"].as_str().unwrap().to_string();
    let pushed = next_message(&mut socket).await;
    assert_eq!(
        (pushed["type"].as_str(), pushed["id"].as_str()),
        (Some("task"), Some(task_id.as_str()))
    );
    let mails = all_mail(&app).await;
    assert_eq!(mails.len(), before + 1, "the away client is told");
    let notice = mails.iter().find(|m| m.to_address != "anna@example.fi").unwrap();
    assert!(
        !notice.body_text.contains("Kuukausibudjetti")
            && !notice.subject.contains("Kuukausibudjetti")
    );

    // The client sees it on the page and answers through the API (with the session).
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("Kuukausibudjetti") && html.contains("Täytä tulot ja menot."));
    let (status, answered) = client_post(
        &client,
        &format!("/api/v1/spaces/{id}/tasks/{task_id}/answer"),
        json!({"body": "Tulot 1200 €, menot 1100 €."}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(answered["status"], "answered");
    assert_eq!(answered["answer"], "Tulot 1200 €, menot 1100 €.");
    let pushed = next_message(&mut socket).await;
    assert_eq!(
        (pushed["type"].as_str(), pushed["status"].as_str()),
        (Some("task"), Some("answered"))
    );
    // The counsellor had never read the space: the answer is told by mail, without content.
    let to_counsellor = app.outbox_to("liisa@lahti.test").await;
    assert!(
        to_counsellor
            .iter()
            .any(|m| m.subject.contains("Org lahti") && !m.body_text.contains("1200")),
        "{to_counsellor:?}"
    );

    // An answered task is no longer the counsellor's to change or remove.
    let (status, body) = api
        .put(&format!("/api/v1/spaces/{id}/tasks/{task_id}"), json!({"title": "Muutettu"}))
        .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("task-answered")));
    let (status, _) = api
        .call(reqwest::Method::DELETE, &format!("/api/v1/spaces/{id}/tasks/{task_id}"), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Both comment; the thread is in order.
    let (status, _) = api
        .post(
            &format!("/api/v1/spaces/{id}/tasks/{task_id}/comments"),
            json!({"body": "Hyvä! Entä vuokra?"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = client_post(
        &client,
        &format!("/api/v1/spaces/{id}/tasks/{task_id}/comments"),
        json!({"body": "Vuokra on menoissa."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, one) = api.get(&format!("/api/v1/spaces/{id}/tasks/{task_id}")).await;
    assert_eq!(status, StatusCode::OK);
    let thread: Vec<&str> =
        one["comments"].as_array().unwrap().iter().filter_map(|c| c["body"].as_str()).collect();
    assert_eq!(thread, ["Hyvä! Entä vuokra?", "Vuokra on menoissa."]);
    assert_eq!(one["comments"][1]["author"], "Anna Asiakas");

    // The client finishes it; a finished task takes no more answers and is not overdue.
    let (status, finished) =
        client_post(&client, &format!("/api/v1/spaces/{id}/tasks/{task_id}/done"), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{finished}");
    assert_eq!(
        (finished["status"].as_str(), finished["overdue"].as_bool()),
        (Some("done"), Some(false))
    );
    let (status, body) = client_post(
        &client,
        &format!("/api/v1/spaces/{id}/tasks/{task_id}/answer"),
        json!({"body": "Vielä"}),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("task-done")));

    // An unanswered task can be edited and removed by the counsellor.
    let (_, second) =
        api.post(&format!("/api/v1/spaces/{id}/tasks"), json!({"title": "Hae tiliote"})).await;
    let second_id = second["id"].as_str().unwrap();
    let (status, edited) = api
        .put(
            &format!("/api/v1/spaces/{id}/tasks/{second_id}"),
            json!({"title": "Hae tiliotteet", "due_on": "2099-12-31"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(
        (edited["title"].as_str(), edited["due_on"].as_str()),
        (Some("Hae tiliotteet"), Some("2099-12-31"))
    );
    assert_eq!(edited["overdue"], false);
    let (status, _) = api
        .call(reqwest::Method::DELETE, &format!("/api/v1/spaces/{id}/tasks/{second_id}"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, list) = api.get(&format!("/api/v1/spaces/{id}/tasks")).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
}

async fn a_space_template_brings_its_tasks_and_welcome(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kotka", "full").await;
    let counsellor = app.person(&org, "kari@kotka.test", Role::Counsellor).await;
    let admin = app.person(&org, "main@kotka.test", Role::MainAdmin).await;
    // The main admin keeps the templates too.
    let admin_api = app.api(&admin.token);
    let (status, budget) = admin_api
        .post(
            "/api/v1/orgs/kotka/task-templates",
            json!({"title": "Budjetti", "instructions": "Täytä budjettipohja."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{budget}");
    let (_, papers) =
        admin_api.post("/api/v1/orgs/kotka/task-templates", json!({"title": "Tositteet"})).await;
    let api = app.api(&counsellor.token);
    let (status, template) = api
        .post(
            "/api/v1/orgs/kotka/space-templates",
            json!({"name": "Velkaneuvonta", "title": "Talous kuntoon", "welcome": "Tervetuloa velkaneuvontaan!",
                   "task_template_ids": [budget["id"], papers["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{template}");
    assert_eq!(template["task_template_ids"], json!([budget["id"], papers["id"]]));
    let (_, listed) = api.get("/api/v1/orgs/kotka/space-templates").await;
    assert_eq!(listed[0]["name"], "Velkaneuvonta");
    let (_, listed) = api.get("/api/v1/orgs/kotka/task-templates").await;
    assert_eq!(listed.as_array().unwrap().len(), 2);

    // Opening a space from it: the template's title (none given), tasks and welcome.
    let (status, space) = api
        .post(
            "/api/v1/orgs/kotka/spaces",
            json!({"title": "", "client_email": "velallinen@example.fi", "template_id": template["id"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{space}");
    assert_eq!(space["title"], "Talous kuntoon");
    let id = space["id"].as_str().unwrap();
    let (_, tasks) = api.get(&format!("/api/v1/spaces/{id}/tasks")).await;
    let titles: Vec<&str> =
        tasks.as_array().unwrap().iter().filter_map(|t| t["title"].as_str()).collect();
    assert_eq!(titles, ["Budjetti", "Tositteet"]);
    assert_eq!(tasks[0]["instructions"], "Täytä budjettipohja.");
    assert_eq!(tasks[0]["template_id"], budget["id"]);
    let (_, messages) = api.get(&format!("/api/v1/spaces/{id}/messages")).await;
    assert_eq!(messages[0]["body"], "Tervetuloa velkaneuvontaan!");
    assert_eq!(messages[0]["kind"], "message", "the counsellor's own first message");
    assert_eq!(messages.as_array().unwrap().len(), 1);

    // A task from a task template in an existing space takes what is left out.
    let (status, task) = api
        .post(
            &format!("/api/v1/spaces/{id}/tasks"),
            json!({"template_id": papers["id"], "instructions": "Omat ohjeet"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    assert_eq!(
        (task["title"].as_str(), task["instructions"].as_str()),
        (Some("Tositteet"), Some("Omat ohjeet"))
    );

    // Template changes are audited; a removed template is no longer offered.
    let (status, _) = api
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/orgs/kotka/space-templates/{}", template["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = api
        .post(
            "/api/v1/orgs/kotka/spaces",
            json!({"title": "X", "client_email": "x@example.fi", "template_id": template["id"]}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("space-template-unknown"))
    );
    let actions = app.audit_actions(Some(&org.id)).await;
    for action in ["task-template-created", "space-template-created", "space-template-removed"] {
        assert!(actions.contains(&action.to_string()), "{action} in {actions:?}");
    }
    // The page form offers the templates... (none left now), and the templates page shows.
    let b = app.signed_in(&counsellor).await;
    let (status, html) = b.get_text("/orgs/kotka/spaces/templates").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Budjetti") && !html.contains("Velkaneuvonta"));
}

async fn hostile_ids_and_roles_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("imatra", "full").await;
    let other_org = app.org("joensuu", "full").await;
    let counsellor = app.person(&org, "ilkka@imatra.test", Role::Counsellor).await;
    let colleague = app.person(&org, "inka@imatra.test", Role::Counsellor).await;
    let supervisor = app.person(&org, "ismo@imatra.test", Role::Supervisor).await;
    let stranger = app.person(&other_org, "jaana@joensuu.test", Role::Counsellor).await;
    let api = app.api(&counsellor.token);
    let (space_a, invite) = open_space(&app, &counsellor.token, "imatra", "a@example.fi").await;
    let (space_b, _) = open_space(&app, &counsellor.token, "imatra", "b@example.fi").await;
    let (_, task_b) =
        api.post(&format!("/api/v1/spaces/{space_b}/tasks"), json!({"title": "B:n tehtävä"})).await;
    let task_b = task_b["id"].as_str().unwrap().to_string();

    // Another space's task through this space's path: not found, whatever the verb.
    for (method, suffix, body) in [
        (reqwest::Method::GET, "", None),
        (reqwest::Method::PUT, "", Some(json!({"title": "x"}))),
        (reqwest::Method::DELETE, "", None),
        (reqwest::Method::POST, "/done", Some(json!({}))),
        (reqwest::Method::POST, "/comments", Some(json!({"body": "x"}))),
    ] {
        let (status, body) = api
            .call(method.clone(), &format!("/api/v1/spaces/{space_a}/tasks/{task_b}{suffix}"), body)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {suffix}: {body}");
    }
    // Non-members (a colleague, a supervisor, another organisation) see nothing.
    for token in [&colleague.token, &supervisor.token, &stranger.token] {
        let other = app.api(token);
        assert_eq!(
            other.get(&format!("/api/v1/spaces/{space_b}/tasks")).await.0,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            other.post(&format!("/api/v1/spaces/{space_b}/tasks"), json!({"title": "x"})).await.0,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            other.get(&format!("/api/v1/spaces/{space_b}/tasks/{task_b}")).await.0,
            StatusCode::NOT_FOUND
        );
    }
    // The client cannot give tasks, edit or remove them; the counsellor cannot answer.
    let client = client_enters(&app, &invite, "anna").await;
    let (status, _) =
        client_post(&client, &format!("/api/v1/spaces/{space_a}/tasks"), json!({"title": "Oma"}))
            .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let res = client.post(&format!("/spaces/{space_a}/tasks"), &[("task_title", "Oma")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (_, task_a) =
        api.post(&format!("/api/v1/spaces/{space_a}/tasks"), json!({"title": "A:n tehtävä"})).await;
    let task_a = task_a["id"].as_str().unwrap().to_string();
    let (status, _) = client_call(
        &client,
        reqwest::Method::PUT,
        &format!("/api/v1/spaces/{space_a}/tasks/{task_a}"),
        json!({"title": "Muutettu"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = api
        .post(
            &format!("/api/v1/spaces/{space_a}/tasks/{task_a}/answer"),
            json!({"body": "Minä vastaan"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The client reaches only their own space's tasks.
    let (status, _) = client_post(
        &client,
        &format!("/api/v1/spaces/{space_a}/tasks/{task_b}/answer"),
        json!({"body": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        client.get(&format!("/api/v1/spaces/{space_b}/tasks")).await.status(),
        StatusCode::NOT_FOUND
    );

    // Another organisation's templates are unknown here, and its template lists closed.
    let (_, foreign_task_template) = app
        .api(&stranger.token)
        .post("/api/v1/orgs/joensuu/task-templates", json!({"title": "Joensuun pohja"}))
        .await;
    let (_, foreign_space_template) = app
        .api(&stranger.token)
        .post("/api/v1/orgs/joensuu/space-templates", json!({"name": "Joensuun tila"}))
        .await;
    let (status, body) = api
        .post(
            "/api/v1/orgs/imatra/spaces",
            json!({"title": "X", "client_email": "x@example.fi", "template_id": foreign_space_template["id"]}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("space-template-unknown"))
    );
    let (status, body) = api
        .post(
            &format!("/api/v1/spaces/{space_a}/tasks"),
            json!({"template_id": foreign_task_template["id"]}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("task-template-unknown"))
    );
    let (status, body) = api
        .post(
            "/api/v1/orgs/imatra/space-templates",
            json!({"name": "Sekoitus", "task_template_ids": [foreign_task_template["id"]]}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("task-template-unknown"))
    );
    assert_eq!(api.get("/api/v1/orgs/joensuu/task-templates").await.0, StatusCode::NOT_FOUND);
    let foreign_id = foreign_task_template["id"].as_str().unwrap();
    let (status, _) = api
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/orgs/imatra/task-templates/{foreign_id}"),
            None,
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another organisation's template is not ours to remove"
    );
    // A supervisor manages no templates.
    assert_eq!(
        app.api(&supervisor.token).get("/api/v1/orgs/imatra/task-templates").await.0,
        StatusCode::FORBIDDEN
    );
}

async fn bad_task_input_is_refused_with_nothing_stored(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kouvola", "full").await;
    let counsellor = app.person(&org, "kati@kouvola.test", Role::Counsellor).await;
    let api = app.api(&counsellor.token);
    let (id, invite) = open_space(&app, &counsellor.token, "kouvola", "c@example.fi").await;
    for (body, code) in [
        (json!({"title": "  "}), "task-title-required"),
        (json!({"title": "x".repeat(201)}), "task-title-too-long"),
        (json!({"title": "T", "instructions": "y".repeat(10_001)}), "task-instructions-too-long"),
        (json!({"title": "T", "due_on": "31.12.2026"}), "task-due-invalid"),
        (json!({"title": "T", "due_on": "2026-02-30"}), "task-due-invalid"),
        (json!({"title": "T", "template_id": "no-such-template"}), "task-template-unknown"),
    ] {
        let (status, answer) = api.post(&format!("/api/v1/spaces/{id}/tasks"), body).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code)),
            "{answer}"
        );
        assert!(!answer["message"].as_str().unwrap().is_empty());
    }
    let (_, list) = api.get(&format!("/api/v1/spaces/{id}/tasks")).await;
    assert_eq!(list.as_array().unwrap().len(), 0, "nothing stored");

    let (_, task) = api.post(&format!("/api/v1/spaces/{id}/tasks"), json!({"title": "T"})).await;
    let task_id = task["id"].as_str().unwrap();
    let client = client_enters(&app, &invite, "anna").await;
    for (body, code) in [
        (json!({"body": "  "}), "task-answer-empty"),
        (json!({"body": "z".repeat(10_001)}), "task-answer-too-long"),
    ] {
        let (status, answer) =
            client_post(&client, &format!("/api/v1/spaces/{id}/tasks/{task_id}/answer"), body)
                .await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code))
        );
    }
    for (body, code) in [
        (json!({"body": ""}), "task-comment-empty"),
        (json!({"body": "z".repeat(10_001)}), "task-comment-too-long"),
    ] {
        let (status, answer) =
            api.post(&format!("/api/v1/spaces/{id}/tasks/{task_id}/comments"), body).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code))
        );
    }
    let (_, one) = api.get(&format!("/api/v1/spaces/{id}/tasks/{task_id}")).await;
    assert_eq!(
        (one["status"].as_str(), one["comments"].as_array().unwrap().len()),
        (Some("open"), 0)
    );
    for (path, body, code) in [
        ("task-templates", json!({"title": ""}), "task-title-required"),
        ("task-templates", json!({"title": "x".repeat(201)}), "task-title-too-long"),
        ("space-templates", json!({"name": ""}), "space-template-name-required"),
        (
            "space-templates",
            json!({"name": "N", "welcome": "w".repeat(10_001)}),
            "space-template-welcome-too-long",
        ),
        (
            "space-templates",
            json!({"name": "N", "task_template_ids": vec!["x"; 51]}),
            "space-template-tasks-too-many",
        ),
    ] {
        let (status, answer) = api.post(&format!("/api/v1/orgs/kouvola/{path}"), body).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code)),
            "{answer}"
        );
    }
}

async fn the_page_forms_work_without_javascript(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("hamina", "full").await;
    let counsellor = app.person(&org, "hanna@hamina.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "hamina", "c@example.fi").await;
    let staff = app.signed_in(&counsellor).await;
    // A template through its page, then a task from it through the space page.
    let res = staff
        .post(
            "/orgs/hamina/spaces/templates/tasks",
            &[("tt_title", "Työhakemus"), ("instructions", "Kirjoita hakemus.")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, list) = app.api(&counsellor.token).get("/api/v1/orgs/hamina/task-templates").await;
    let template_id = list[0]["id"].as_str().unwrap().to_string();
    let (_, html) = staff.get_text(&format!("/spaces/{id}")).await;
    assert!(
        html.contains(&format!("value=\"{template_id}\"")),
        "the task form offers the template"
    );
    let res = staff
        .post(
            &format!("/spaces/{id}/tasks"),
            &[("template_id", template_id.as_str()), ("task_title", ""), ("due_on", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // A bad due date comes back at its field with what was typed.
    let (status, html) = staff
        .post_text(
            &format!("/spaces/{id}/tasks"),
            &[("task_title", "Soita"), ("task_due_on", "huomenna")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-task_due_on-error") && html.contains("value=\"Soita\""));

    let (_, tasks) = app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/tasks")).await;
    assert_eq!(tasks.as_array().unwrap().len(), 1);
    let task_id = tasks[0]["id"].as_str().unwrap().to_string();
    let client = client_enters(&app, &invite, "anna").await;
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("Työhakemus") && html.contains(&format!("/tasks/{task_id}/answer")));
    assert!(!html.contains("id=\"new-task\""), "no new-task form for the client");
    // An empty answer comes back at that task's field.
    let (status, html) =
        client.post_text(&format!("/spaces/{id}/tasks/{task_id}/answer"), &[("body", " ")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(&format!("f-answer-{task_id}-error")));
    let res = client
        .post(
            &format!("/spaces/{id}/tasks/{task_id}/answer"),
            &[("body", "Hakemus liitteenä."), ("done", "true")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(crate::helpers::location(&res).ends_with(&format!("#task-{task_id}")));
    let res =
        staff.post(&format!("/spaces/{id}/tasks/{task_id}/comments"), &[("body", "Kiitos!")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("Hakemus liitteenä.") && html.contains("Kiitos!"));
    let (_, one) =
        app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/tasks/{task_id}")).await;
    assert_eq!(one["status"], "done");
    // A forged form (no CSRF token) changes nothing.
    let res = client
        .client
        .post(format!("{}/spaces/{id}/tasks/{task_id}/comments", client.base))
        .form(&[("body", "Väärennetty")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error());
    let (_, one) =
        app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/tasks/{task_id}")).await;
    assert_eq!(one["comments"].as_array().unwrap().len(), 1);
}
