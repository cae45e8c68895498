//! Editing task and space templates (PUT and the page's edit forms): spaces and tasks made
//! earlier keep their copy, new ones get the change; another organisation's templates or
//! task ids are unknown; refused input is kept and nothing changes.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, location, spawn};

both_backends!(templates_are_edited_without_touching_what_was_made);

async fn templates_are_edited_without_touching_what_was_made(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("hamina", "full").await;
    let other = app.org("kouvola", "full").await;
    let counsellor = app.person(&org, "helmi@hamina.test", Role::Counsellor).await;
    let stranger = app.person(&other, "kalle@kouvola.test", Role::Counsellor).await;
    let api = app.api(&counsellor.token);
    let post = |path: &'static str, body: Value| {
        let api = app.api(&counsellor.token);
        async move { api.post(path, body).await.1 }
    };
    let budget = post(
        "/api/v1/orgs/hamina/task-templates",
        json!({"title": "Budjetti", "instructions": "Täytä budjetti"}),
    )
    .await;
    let papers = post("/api/v1/orgs/hamina/task-templates", json!({"title": "Paperit"})).await;
    let template = post(
        "/api/v1/orgs/hamina/space-templates",
        json!({"name": "Velkaneuvonta", "welcome": "Tervetuloa", "task_template_ids": [budget["id"]]}),
    )
    .await;
    let (budget_id, template_id) =
        (budget["id"].as_str().unwrap().to_string(), template["id"].as_str().unwrap().to_string());
    let open = |email: &'static str| {
        let api = app.api(&counsellor.token);
        let template_id = template_id.clone();
        async move {
            let (status, opened) = api
                .post(
                    "/api/v1/orgs/hamina/spaces",
                    json!({"title": "Tila", "client_email": email, "template_id": template_id}),
                )
                .await;
            assert_eq!(status, StatusCode::CREATED, "{opened}");
            let id = opened["id"].as_str().unwrap().to_string();
            let (_, tasks) = api.get(&format!("/api/v1/spaces/{id}/tasks")).await;
            let (_, messages) = api.get(&format!("/api/v1/spaces/{id}/messages")).await;
            (tasks, messages)
        }
    };
    let (old_tasks, _) = open("eka@example.fi").await;

    // The API edits both kinds; updated_at moves.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (status, edited) = api
        .put(
            &format!("/api/v1/orgs/hamina/task-templates/{budget_id}"),
            json!({"title": "Kuukausibudjetti", "instructions": "Täytä kuukauden budjetti"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["title"], "Kuukausibudjetti");
    assert!(edited["updated_at"].as_i64() > edited["created_at"].as_i64());
    let (status, edited) = api
        .put(
            &format!("/api/v1/orgs/hamina/space-templates/{template_id}"),
            json!({"name": "Velkaneuvonta 2", "welcome": "Hei ja tervetuloa",
                   "task_template_ids": [papers["id"], budget["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["task_template_ids"], json!([papers["id"], budget["id"]]));
    let (_, listed) = api.get("/api/v1/orgs/hamina/space-templates").await;
    assert_eq!(listed[0]["name"], "Velkaneuvonta 2");

    // What was made before keeps its copy; a new space gets the edited template.
    let titles = |tasks: &Value| -> Vec<String> {
        tasks.as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(titles(&old_tasks), vec!["Budjetti"]);
    let (new_tasks, new_messages) = open("toka@example.fi").await;
    let mut got = titles(&new_tasks);
    got.sort();
    assert_eq!(got, vec!["Kuukausibudjetti", "Paperit"]);
    assert_eq!(new_messages[0]["body"], "Hei ja tervetuloa");

    // Refused: another organisation's task template, an empty name, a stranger, a retired one.
    let (_, foreign) = app
        .api(&stranger.token)
        .post("/api/v1/orgs/kouvola/task-templates", json!({"title": "Vieras"}))
        .await;
    let (status, body) = api
        .put(
            &format!("/api/v1/orgs/hamina/space-templates/{template_id}"),
            json!({"name": "Sekoitus", "task_template_ids": [foreign["id"]]}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("task-template-unknown"))
    );
    let (status, body) = api
        .put(&format!("/api/v1/orgs/hamina/task-templates/{budget_id}"), json!({"title": " "}))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("task-title-required"))
    );
    let (_, listed) = api.get("/api/v1/orgs/hamina/space-templates").await;
    assert_eq!(listed[0]["name"], "Velkaneuvonta 2", "nothing changed");
    assert_eq!(listed[0]["task_template_ids"].as_array().unwrap().len(), 2);
    let (status, _) = app
        .api(&stranger.token)
        .put(&format!("/api/v1/orgs/hamina/task-templates/{budget_id}"), json!({"title": "X"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .api(&stranger.token)
        .put(&format!("/api/v1/orgs/kouvola/task-templates/{budget_id}"), json!({"title": "X"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another organisation's id is unknown there");
    let papers_id = papers["id"].as_str().unwrap();
    api.call(
        reqwest::Method::DELETE,
        &format!("/api/v1/orgs/hamina/task-templates/{papers_id}"),
        None,
    )
    .await;
    let (status, _) = api
        .put(&format!("/api/v1/orgs/hamina/task-templates/{papers_id}"), json!({"title": "X"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a retired template");

    // The page's edit forms work without JavaScript; a refused edit keeps what was typed.
    let b = app.signed_in(&counsellor).await;
    let (status, html) = b.get_text("/orgs/hamina/spaces/templates").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("action=\"/orgs/hamina/spaces/templates/tasks/{budget_id}\"")));
    assert!(
        html.contains(&format!("action=\"/orgs/hamina/spaces/templates/spaces/{template_id}\""))
    );
    let (status, html) = b
        .post_text(
            &format!("/orgs/hamina/spaces/templates/tasks/{budget_id}"),
            &[("title", ""), ("instructions", "Pidetty teksti")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("id=\"f-edit_tt_title-error\"") && html.contains("href=\"#f-edit_tt_title\""),
        "{html}"
    );
    assert!(html.contains("Pidetty teksti") && html.contains("<details class=\"edit\" open>"));
    let res = b
        .post(
            &format!("/orgs/hamina/spaces/templates/spaces/{template_id}"),
            &[("name", "Velkaneuvonta 3"), ("welcome", ""), ("task_template_ids", &budget_id)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).contains("notice=template-updated"), "{}", location(&res));
    let (_, listed) = api.get("/api/v1/orgs/hamina/space-templates").await;
    assert_eq!(listed[0]["name"], "Velkaneuvonta 3");
    assert_eq!(listed[0]["task_template_ids"], json!([budget_id]));
    let actions = app.audit_actions(Some(&org.id)).await;
    assert!(actions.contains(&"task-template-updated".to_string()));
    assert!(actions.contains(&"space-template-updated".to_string()));
}
