//! Job ads through their workflow over the API: drafts and templates, approval by a hiring
//! manager, scheduling, closing at the deadline to the second, extending and reopening with
//! a note, archiving; the plan gate and other organisations.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::db::now;
use tupa_core::organisations::people::Role;
use tupa_core::recruitment::ads::{self, format_local};

use crate::both_backends;
use crate::helpers::{Api, Backend, spawn};

both_backends!(
    ad_workflow_with_approval_and_schedule,
    ads_close_at_the_deadline_and_reopen_with_a_note,
    templates_isolation_and_plan_gate,
    recruiter_pages_write_and_publish_an_ad
);

fn ad(deadline: i64) -> Value {
    json!({
        "municipality_name": "Espoo", "municipality_code": "049", "street": "Kamreerintie 3", "postal_code": "02770", "city": "Espoo",
        "employment_type": "permanent", "working_time": "full-time", "engagement": "public-office", "salary_basis": "OVTES", "vacancies": 2,
        "contacts": [{"name": "Riikka Rantanen", "email": "riikka@espoo.test"}],
        "questions": [{"texts": {"fi": "Onko sinulla opettajan pätevyys?", "sv": "Är du behörig lärare?"}, "required": true}],
        "deadline": format_local(deadline),
        "texts": {"fi": {"title": "Luokanopettaja", "description": "Tule töihin."}, "sv": {"title": "Klasslärare", "description": "Kom och jobba."}}
    })
}

async fn post(api: &Api, path: &str, body: Value) -> (StatusCode, Value) {
    api.post(path, body).await
}

async fn ad_workflow_with_approval_and_schedule(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let recruiter = app.api(&app.person(&org, "rekry@espoo.test", Role::Recruiter).await.token);
    let manager =
        app.api(&app.person(&org, "esihenkilo@espoo.test", Role::HiringManager).await.token);
    let main = app.api(&app.person(&org, "main@espoo.test", Role::MainAdmin).await.token);
    let week = now() + 7 * 86_400;

    // Bad input is refused at the field, nothing stored.
    for (change, code) in [
        (json!({"municipality_code": "91"}), "municipality-code-invalid"),
        (json!({"vacancies": 0}), "vacancies-invalid"),
        (json!({"deadline": "15.12.2026"}), "datetime-invalid"),
        (json!({"texts": {"fi": {"title": "", "description": ""}}}), "ad-language-required"),
        (json!({"publish_at": format_local(week + 3600)}), "publish-after-deadline"),
        (json!({"contacts": [{"name": "X", "email": "not an address"}]}), "email-invalid"),
    ] {
        let mut body = ad(week);
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (s, err) = post(&recruiter, "/api/v1/orgs/espoo/job-ads", body).await;
        assert_eq!(
            (s, err["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code)),
            "{change}"
        );
    }
    let (_, list) = recruiter.get("/api/v1/orgs/espoo/job-ads?status=all").await;
    assert!(list.as_array().unwrap().is_empty());

    // Without approval: submit publishes at once.
    let (s, draft) = post(&recruiter, "/api/v1/orgs/espoo/job-ads", ad(week)).await;
    assert_eq!(s, StatusCode::CREATED, "{draft}");
    assert_eq!(draft["status"], "draft");
    assert!(draft["public_url"].is_null());
    let id = draft["id"].as_str().unwrap().to_string();
    let (s, published) =
        post(&recruiter, &format!("/api/v1/orgs/espoo/job-ads/{id}/submit"), json!({})).await;
    assert_eq!((s, published["status"].as_str()), (StatusCode::OK, Some("published")));
    assert!(published["public_url"].as_str().unwrap().ends_with(&format!("/jobs/espoo/ad/{id}")));
    assert_eq!(published["jobmarket_state"], "pending", "queued for the job market");
    assert_eq!(published["texts"]["sv"]["title"], "Klasslärare");

    // With approval: the hiring manager decides; returning needs a note.
    let (s, _) = main.put("/api/v1/orgs/espoo/recruitment/settings", json!({"approval_required": true, "stages": [{"id": "received"}, {"id": "interview"}], "anonymous_until_stage": null, "retention_days": 730, "max_files": 5, "max_file_bytes": 10485760})).await;
    assert_eq!(s, StatusCode::OK);
    let (_, second) = post(&recruiter, "/api/v1/orgs/espoo/job-ads", ad(week)).await;
    let second_id = second["id"].as_str().unwrap().to_string();
    let (_, waiting) =
        post(&recruiter, &format!("/api/v1/orgs/espoo/job-ads/{second_id}/submit"), json!({}))
            .await;
    assert_eq!(waiting["status"], "awaiting-approval");
    let (s, _) = post(
        &recruiter,
        &format!("/api/v1/orgs/espoo/job-ads/{second_id}/decision"),
        json!({"approve": true}),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a recruiter does not approve");
    let (s, err) = post(
        &manager,
        &format!("/api/v1/orgs/espoo/job-ads/{second_id}/decision"),
        json!({"approve": false}),
    )
    .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("note-required"))
    );
    let (_, returned) = post(
        &manager,
        &format!("/api/v1/orgs/espoo/job-ads/{second_id}/decision"),
        json!({"approve": false, "note": "Lisää palkkaus"}),
    )
    .await;
    assert_eq!(returned["status"], "draft");
    assert!(
        returned["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "returned" && e["note"] == "Lisää palkkaus")
    );
    // Scheduled for an hour from now: approved, but not public until then.
    let mut later = ad(week);
    later["publish_at"] = json!(format_local(now() + 3600));
    let (s, _) = recruiter.put(&format!("/api/v1/orgs/espoo/job-ads/{second_id}"), later).await;
    assert_eq!(s, StatusCode::OK);
    post(&recruiter, &format!("/api/v1/orgs/espoo/job-ads/{second_id}/submit"), json!({})).await;
    let (_, scheduled) = post(
        &manager,
        &format!("/api/v1/orgs/espoo/job-ads/{second_id}/decision"),
        json!({"approve": true}),
    )
    .await;
    assert_eq!(scheduled["status"], "scheduled");
    assert!(scheduled["public_url"].is_null(), "not yet public");
    let stored = ads::get(&app.db, &org.id, &second_id).await.unwrap();
    let publish_at = stored.publish_at.unwrap();
    assert!(
        !stored.is_open(publish_at - 1) && stored.is_open(publish_at),
        "opens at its publish time, to the second"
    );
    assert_eq!(ads::tick(&app.db, publish_at - 1).await.unwrap(), (0, 0));
    assert_eq!(ads::tick(&app.db, publish_at).await.unwrap().0, 1);
    let (_, now_public) = recruiter.get(&format!("/api/v1/orgs/espoo/job-ads/{second_id}")).await;
    assert_eq!(now_public["status"], "published");
    assert!(now_public["approved_by"].is_string());
}

async fn ads_close_at_the_deadline_and_reopen_with_a_note(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("vaasa", "full").await;
    let recruiter = app.api(&app.person(&org, "rekry@vaasa.test", Role::Recruiter).await.token);
    let deadline = now() + 3 * 86_400;
    let (_, draft) = post(&recruiter, "/api/v1/orgs/vaasa/job-ads", ad(deadline)).await;
    let id = draft["id"].as_str().unwrap().to_string();
    post(&recruiter, &format!("/api/v1/orgs/vaasa/job-ads/{id}/submit"), json!({})).await;
    let stored = ads::get(&app.db, &org.id, &id).await.unwrap();
    // The deadline is to the minute as entered (seconds dropped), in Helsinki time.
    assert_eq!(stored.deadline % 60, 0);
    assert!(
        stored.is_open(stored.deadline - 1) && !stored.is_open(stored.deadline),
        "closes at the deadline itself"
    );
    assert_eq!(ads::tick(&app.db, stored.deadline - 1).await.unwrap(), (0, 0));
    assert_eq!(ads::tick(&app.db, stored.deadline).await.unwrap(), (0, 1));
    let (_, closed) = recruiter.get(&format!("/api/v1/orgs/vaasa/job-ads/{id}")).await;
    assert_eq!(closed["status"], "closed");
    assert_eq!(
        closed["closed_at"],
        json!(stored.deadline),
        "closed at the deadline, not when the tick ran"
    );
    assert_eq!(closed["retention_from"], json!(stored.deadline));
    assert_eq!(closed["jobmarket_state"], "archive-pending");
    assert!(
        closed["history"].as_array().unwrap().iter().any(|e| e["action"] == "closed-at-deadline")
    );
    // A closed ad is not edited; it is reopened with a new deadline and a note.
    let (s, err) = recruiter.put(&format!("/api/v1/orgs/vaasa/job-ads/{id}"), ad(deadline)).await;
    assert_eq!((s, err["code"].as_str()), (StatusCode::CONFLICT, Some("ad-not-editable")));
    let new_deadline = format_local(now() + 10 * 86_400);
    let (s, err) = post(
        &recruiter,
        &format!("/api/v1/orgs/vaasa/job-ads/{id}/extend"),
        json!({"deadline": new_deadline, "note": " "}),
    )
    .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("note-required"))
    );
    let (s, err) = post(
        &recruiter,
        &format!("/api/v1/orgs/vaasa/job-ads/{id}/extend"),
        json!({"deadline": format_local(now() - 3600), "note": "Liian myöhään"}),
    )
    .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("deadline-past"))
    );
    let (_, reopened) = post(
        &recruiter,
        &format!("/api/v1/orgs/vaasa/job-ads/{id}/extend"),
        json!({"deadline": new_deadline, "note": "Liian vähän hakijoita"}),
    )
    .await;
    assert_eq!(reopened["status"], "published");
    assert!(reopened["closed_at"].is_null() && reopened["public_url"].is_string());
    // Extending a public ad keeps it public; closing by hand; archiving; nothing further.
    let (_, extended) = post(
        &recruiter,
        &format!("/api/v1/orgs/vaasa/job-ads/{id}/extend"),
        json!({"deadline": format_local(now() + 20 * 86_400), "note": "Jatketaan"}),
    )
    .await;
    assert_eq!(extended["status"], "published");
    let actions: Vec<&str> = extended["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.ends_with(&["reopened", "extended"]), "{actions:?}");
    let (s, err) = post(
        &recruiter,
        &format!("/api/v1/orgs/vaasa/job-ads/{id}/actions"),
        json!({"action": "archive"}),
    )
    .await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("ad-status-changed")),
        "a public ad is closed before it is archived"
    );
    // An action outside the set (misspelt, wrongly cased, empty) is refused and does nothing.
    for forged in ["Close", "delete", "", "close "] {
        let (s, err) = post(
            &recruiter,
            &format!("/api/v1/orgs/vaasa/job-ads/{id}/actions"),
            json!({"action": forged}),
        )
        .await;
        assert_eq!(
            (s, err["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("action-invalid")),
            "{forged:?}"
        );
    }
    let (_, still) = recruiter.get(&format!("/api/v1/orgs/vaasa/job-ads/{id}")).await;
    assert_eq!(still["status"], "published");
    assert_eq!(still["history"], extended["history"], "nothing recorded");
    let (s, err) = recruiter.get("/api/v1/orgs/vaasa/job-ads?status=Published").await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("status-invalid"))
    );
    let (_, closed) = post(
        &recruiter,
        &format!("/api/v1/orgs/vaasa/job-ads/{id}/actions"),
        json!({"action": "close"}),
    )
    .await;
    assert_eq!(closed["status"], "closed");
    let (_, archived) = post(
        &recruiter,
        &format!("/api/v1/orgs/vaasa/job-ads/{id}/actions"),
        json!({"action": "archive"}),
    )
    .await;
    assert_eq!(archived["status"], "archived");
    let (_, active) = recruiter.get("/api/v1/orgs/vaasa/job-ads").await;
    assert!(active.as_array().unwrap().is_empty(), "archived ads leave the active list");
}

async fn templates_isolation_and_plan_gate(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let recruiter = app.api(&app.person(&org, "rekry@oulu.test", Role::Recruiter).await.token);
    let mut template = ad(now() + 30 * 86_400);
    template["template"] = json!(true);
    let (s, t) = post(&recruiter, "/api/v1/orgs/oulu/job-ads", template).await;
    assert_eq!((s, t["status"].as_str()), (StatusCode::CREATED, Some("template")));
    let (s, copy) = post(
        &recruiter,
        &format!("/api/v1/orgs/oulu/job-ads/{}/copy", t["id"].as_str().unwrap()),
        json!({}),
    )
    .await;
    assert_eq!((s, copy["status"].as_str()), (StatusCode::CREATED, Some("draft")));
    assert_eq!(copy["texts"]["fi"]["title"], "Luokanopettaja");
    assert_eq!(copy["questions"], t["questions"]);
    let (_, templates) = recruiter.get("/api/v1/orgs/oulu/job-ads?status=template").await;
    assert_eq!(templates.as_array().unwrap().len(), 1);

    // Another organisation's recruiter: the ad does not exist for them.
    let other = app.org("kemi", "full").await;
    let stranger = app.api(&app.person(&other, "rekry@kemi.test", Role::Recruiter).await.token);
    let (s, _) =
        stranger.get(&format!("/api/v1/orgs/oulu/job-ads/{}", copy["id"].as_str().unwrap())).await;
    assert!(s == StatusCode::NOT_FOUND || s == StatusCode::FORBIDDEN);
    let (s, _) =
        stranger.get(&format!("/api/v1/orgs/kemi/job-ads/{}", copy["id"].as_str().unwrap())).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "an id from another organisation is unknown here");
    // A plan without recruitment: refused with its own code.
    let desk_only = app.org("raahe", "desk").await;
    let r = app.api(&app.person(&desk_only, "rekry@raahe.test", Role::Recruiter).await.token);
    let (s, err) = r.get("/api/v1/orgs/raahe/job-ads").await;
    assert_eq!((s, err["code"].as_str()), (StatusCode::FORBIDDEN, Some("not-in-plan")));
}

async fn recruiter_pages_write_and_publish_an_ad(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("turku", "full").await;
    let recruiter = app.person(&org, "rekry@turku.test", Role::Recruiter).await;
    let main = app.person(&org, "main@turku.test", Role::MainAdmin).await;
    let b = app.signed_in(&recruiter).await;
    let (s, html) = b.get_text("/orgs/turku/recruitment").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("/orgs/turku/recruitment/ads/new"));
    let (s, html) = b.get_text("/orgs/turku/recruitment/ads/new").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("name=\"title_sv\"") && html.contains("type=\"datetime-local\""));
    let deadline = format_local(now() + 7 * 86_400);
    let mut form: Vec<(&str, &str)> = vec![
        ("title_fi", "Sairaanhoitaja"),
        ("description_fi", "Hoitotyötä.\n\nHyvä työyhteisö."),
        ("title_sv", "Sjukskötare"),
        ("description_sv", "Vårdarbete."),
        ("municipality_name", "Turku"),
        ("municipality_code", "853"),
        ("street", "Kunnallissairaalantie 20"),
        ("postal_code", "20700"),
        ("city", "Turku"),
        ("employment_type", "fixed-term"),
        ("working_time", "part-time"),
        ("engagement", "employment-contract"),
        ("duration", "31.12.2027 asti"),
        ("salary_basis", "KVTES"),
        ("vacancies", "3"),
        ("occupation_code", "2221"),
        ("deadline", deadline.as_str()),
        ("contact_0_name", "Sanna Esimies"),
        ("contact_0_phone", "040 123 4567"),
        ("question_0_fi", "Onko sinulla laillistus?"),
        ("question_0_required", "true"),
    ];
    // A general text inserted into the Finnish description: the form comes back, nothing saved.
    let (s, text) = app.api(&main.token).post("/api/v1/orgs/turku/recruitment/texts", json!({"name": "Rikostaustaote", "texts": {"fi": "Valitun on esitettävä rikostaustaote.", "sv": "Den valda ska visa upp ett straffregisterutdrag."}})).await;
    assert_eq!(s, StatusCode::CREATED, "{text}");
    let mut inserting = form.clone();
    inserting.push(("general_text_fi", text["id"].as_str().unwrap()));
    inserting.push(("insert_text", "fi"));
    let (s, html) = b.post_text("/orgs/turku/recruitment/ads/new", &inserting).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("Hyvä työyhteisö.\n\nValitun on esitettävä rikostaustaote.</textarea>"),
        "appended as a paragraph"
    );
    let saved: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM job_ads WHERE org_id = $1")
        .bind(&org.id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(saved.0, 0, "nothing saved");
    // A bad municipality code: refused at the field, everything typed is kept.
    form.push(("municipality_code", "turku"));
    let bad: Vec<(&str, &str)> =
        form.iter().filter(|(k, v)| !(*k == "municipality_code" && *v == "853")).cloned().collect();
    let (s, html) = b.post_text("/orgs/turku/recruitment/ads/new", &bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("f-municipality_code-error")
            && html.contains("Hoitotyötä.\n\nHyvä työyhteisö.</textarea>")
            && html.contains("value=\"Sjukskötare\"")
    );
    let good: Vec<(&str, &str)> = form
        .iter()
        .filter(|(k, v)| !(*k == "municipality_code" && *v == "turku"))
        .cloned()
        .collect();
    let res = b.post("/orgs/turku/recruitment/ads/new", &good).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let path = crate::helpers::location(&res);
    let id = path
        .trim_start_matches("/orgs/turku/recruitment/ads/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let stored = ads::get(&app.db, &org.id, &id).await.unwrap();
    assert_eq!(
        (stored.status.as_str(), stored.employment_type.as_str(), stored.vacancies),
        ("draft", "fixed-term", 3)
    );
    assert!(stored.questions()[0].required);
    let (_, html) = b.get_text(&path).await;
    // The page is named by its ad (WCAG 2.4.2), not only "Edit ad – organisation".
    assert!(html.contains("<title>Sairaanhoitaja – "), "{}", &html[..html.len().min(600)]);
    assert!(
        html.contains("value=\"Sjukskötare\"") && html.contains("value=\"fixed-term\" checked"),
        "the form shows what is stored"
    );

    // Approval on (main admin's settings page), submit, the hiring manager approves on the page.
    let admin = app.signed_in(&main).await;
    let (s, html) = admin
        .post_text(
            "/orgs/turku/recruitment/settings",
            &[
                ("approval_required", "true"),
                ("stages", "received\nBad Stage"),
                ("retention_days", "730"),
                ("max_files", "5"),
                ("max_file_mb", "10"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-stages-error") && html.contains("received\nBad Stage</textarea>"));
    let res = admin
        .post(
            "/orgs/turku/recruitment/settings",
            &[
                ("approval_required", "true"),
                ("stages", "received\ninterview | Haastattelu | Intervju | Interview"),
                ("anonymous_until_stage", "interview"),
                ("retention_days", "365"),
                ("max_files", "3"),
                ("max_file_mb", "5"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let saved = tupa_core::recruitment::settings::get(&app.db, &org.id).await.unwrap();
    assert_eq!(
        (
            saved.approval_required,
            saved.retention_days,
            saved.max_file_bytes,
            saved.anonymous_until_stage.as_deref()
        ),
        (true, 365, 5 * 1024 * 1024, Some("interview"))
    );
    let res =
        b.post(&format!("/orgs/turku/recruitment/ads/{id}/workflow"), &[("step", "submit")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        ads::get(&app.db, &org.id, &id).await.unwrap().status,
        ads::AdState::AwaitingApproval
    );
    // A forged or misspelt step is the translated 422, the ad left as it was.
    for step in ["Withdraw", "publish"] {
        let (s, html) = b
            .post_text(&format!("/orgs/turku/recruitment/ads/{id}/workflow"), &[("step", step)])
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{step}");
        assert!(html.contains("Tuntematon toiminto") || html.contains("Unknown action"), "{step}");
    }
    assert_eq!(
        ads::get(&app.db, &org.id, &id).await.unwrap().status,
        ads::AdState::AwaitingApproval
    );
    let manager = app.person(&org, "esihenkilo@turku.test", Role::HiringManager).await;
    let m = app.signed_in(&manager).await;
    let (_, html) = m.get_text(&path).await;
    assert!(html.contains("value=\"approve\""), "the approver sees the decision");
    let (s, html) = m
        .post_text(
            &format!("/orgs/turku/recruitment/ads/{id}/workflow"),
            &[("step", "return"), ("note", "")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-note-error"));
    let res = m
        .post(
            &format!("/orgs/turku/recruitment/ads/{id}/workflow"),
            &[("step", "approve"), ("note", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = b.get_text(&path).await;
    assert!(
        html.contains(&format!("/jobs/turku/ad/{id}")),
        "the public address is shown once open"
    );
    // The list shows it; a main admin without the recruiter role has the settings, not the ads.
    let (_, html) = b.get_text("/orgs/turku/recruitment?status=published").await;
    assert!(html.contains("Sairaanhoitaja"));
    let (s, _) = admin.get_text("/orgs/turku/recruitment").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
