//! The supervisor's view of guidance: figures of the spaces in their scope, never content.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::Role;
use tupa_core::organisations::units;

use crate::both_backends;
use crate::guidance::{client_enters, open_space};
use crate::guidance_meter::{answer, form_values};
use crate::helpers::{Backend, spawn};

both_backends!(a_supervisor_sees_figures_and_no_content);

async fn a_supervisor_sees_figures_and_no_content(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    let north = units::create(&mut tx, &org.id, "Pohjoinen", None).await.unwrap();
    let north_team =
        units::create(&mut tx, &org.id, "Pohjoisen tiimi", Some(&north.id)).await.unwrap();
    let south = units::create(&mut tx, &org.id, "Etelä", None).await.unwrap();
    tx.commit().await.unwrap();
    // Counsellors in units (the fixture's org-wide grant is replaced by a unit grant).
    let unit_person = |email: &'static str, role: Role, unit: String| {
        let app = &app;
        let org = &org;
        async move {
            let p = app.person(org, email, role).await;
            let mut tx = app.db.begin().await.unwrap();
            sqlx::query("UPDATE role_grants SET unit_id = $1 WHERE user_id = $2")
                .bind(&unit)
                .bind(&p.id)
                .execute(&mut *tx)
                .await
                .unwrap();
            tx.commit().await.unwrap();
            p
        }
    };
    let northern = unit_person("nora@espoo.test", Role::Counsellor, north_team.id.clone()).await;
    let southern = unit_person("seppo@espoo.test", Role::Counsellor, south.id.clone()).await;
    let whole = app.person(&org, "ville@espoo.test", Role::Supervisor).await;
    let north_sup = unit_person("niina@espoo.test", Role::Supervisor, north.id.clone()).await;
    let admin = app.person(&org, "main@espoo.test", Role::MainAdmin).await;

    let (n_id, invite) = open_space(&app, &northern.token, "espoo", "salainen@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let api = app.api(&northern.token);
    api.post(
        &format!("/api/v1/spaces/{n_id}/messages"),
        json!({"body": "Luottamuksellinen viesti"}),
    )
    .await;
    let (s, _) = api
        .post(
            &format!("/api/v1/spaces/{n_id}/tasks"),
            json!({"title": "Salainen tehtävä", "due_on": "2000-01-01"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    api.post(&format!("/api/v1/spaces/{n_id}/tasks"), json!({"title": "Toinen"})).await;
    assert_eq!(
        answer(&client, &n_id, &form_values(&[4, 5, 6, 7, 8, 9, 10, 3, 2, 5])).await.0,
        StatusCode::SEE_OTHER
    );
    let mut second = form_values(&[7, 5, 8, 7, 8, 9, 10, 6, 6, 8]);
    second.push(("comment".into(), "Salainen kommentti".into()));
    assert_eq!(answer(&client, &n_id, &second).await.0, StatusCode::SEE_OTHER);
    let (s_id, _) = open_space(&app, &southern.token, "espoo", "toinen@example.fi").await;

    // The whole organisation's supervisor sees both spaces, as figures.
    let (status, list) = app.api(&whole.token).get("/api/v1/orgs/espoo/supervision/spaces").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let ids: Vec<&str> =
        list.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&n_id.as_str()) && ids.contains(&s_id.as_str()), "{list}");
    let north_row = list.as_array().unwrap().iter().find(|s| s["id"] == n_id.as_str()).unwrap();
    assert_eq!(north_row["status"], "open");
    assert_eq!(north_row["counsellors"], json!(["nora"]));
    assert_eq!(
        (north_row["tasks_given"].as_i64(), north_row["tasks_overdue"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(north_row["meter_answers"], 2);
    let health = north_row["meter_change"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["area"] == "health")
        .unwrap();
    assert_eq!((health["first"].as_i64(), health["latest"].as_i64()), (Some(4), Some(7)));
    // No content of any kind.
    let text = list.to_string();
    for secret in ["Luottamuksellinen", "Salainen", "salainen@example.fi", "Anna", "Asumisen tuki"]
    {
        assert!(!text.contains(secret), "{secret} leaks to the supervisor: {text}");
    }
    let b = app.signed_in(&whole).await;
    let (status, html) = b.get_text("/orgs/espoo/supervision").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Terveys: 4 → 7"), "meter movement on the page");
    for secret in
        ["Luottamuksellinen", "Salainen", "salainen@example.fi", "Anna Asiakas", "Asumisen tuki"]
    {
        assert!(!html.contains(secret), "{secret} leaks to the supervisor's page");
    }
    // Still no way into the space itself.
    assert_eq!(
        app.api(&whole.token).get(&format!("/api/v1/spaces/{n_id}")).await.0,
        StatusCode::NOT_FOUND
    );

    // A unit's supervisor sees the spaces of counsellors in that unit and below only.
    let (_, list) = app.api(&north_sup.token).get("/api/v1/orgs/espoo/supervision/spaces").await;
    let ids: Vec<&str> =
        list.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec![n_id.as_str()]);

    // Supervision is the supervisor's: not the main admin's, nor the counsellor's.
    for token in [&admin.token, &northern.token] {
        let (status, _) = app.api(token).get("/api/v1/orgs/espoo/supervision/spaces").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}
