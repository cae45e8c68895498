//! Applications end to end: the public form with files, the applicant's own link, the
//! recruiters' pages and API (anonymised review, pipeline actions, templates), the audit of
//! every read, other organisations kept out, and retention.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use tupa_core::authz::Actor;
use tupa_core::organisations::Organisation;
use tupa_core::organisations::people::Role;
use tupa_core::recruitment::ads::{self, AdInput, Question, StoredAd};
use tupa_core::recruitment::settings::{self, RecruitmentSettings};

use crate::both_backends;
use crate::helpers::{Backend, Person, TestApp, link_in, location, spawn};

both_backends!(
    apply_with_cv_and_answers_then_see_and_withdraw,
    files_are_refused_by_the_organisations_limits,
    closed_and_draft_ads_take_no_applications,
    other_organisations_cannot_reach_applications,
    anonymised_review_hides_the_person_until_the_stage,
    pipeline_actions_templates_and_audit,
    retention_deletes_applications_after_the_period,
);

/// A small but complete PDF (header, one page, cross-reference table, trailer).
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n188\n%%EOF\n";

pub async fn actor_of(app: &TestApp, person: &Person) -> Actor {
    let user = tupa_core::identity::get(&app.db, &person.id).await.unwrap();
    Actor::load(&app.db, user, None, None).await.unwrap()
}

/// A published ad of `org` by `recruiter`, with a required and an optional question.
pub async fn open_ad(app: &TestApp, org: &Organisation, recruiter: &Person) -> StoredAd {
    let actor = actor_of(app, recruiter).await;
    let deadline = ads::format_local(tupa_core::db::now() + 14 * 24 * 3600);
    let input = AdInput {
        municipality_name: "Vantaa".into(),
        municipality_code: "092".into(),
        employment_type: Some(tupa_core::recruitment::ad::EmploymentType::Permanent),
        working_time: Some(tupa_core::recruitment::ad::WorkingTime::FullTime),
        engagement: Some(tupa_core::recruitment::ad::Engagement::EmploymentContract),
        vacancies: Some(1),
        deadline,
        questions: vec![
            Question {
                id: "licence".into(),
                texts: [
                    (tupa_core::i18n::Lang::Fi, "Onko sinulla ajokortti?".to_string()),
                    (tupa_core::i18n::Lang::Sv, "Har du körkort?".to_string()),
                ]
                .into(),
                required: true,
            },
            Question {
                id: "start".into(),
                texts: [(tupa_core::i18n::Lang::Fi, "Milloin voit aloittaa?".to_string())].into(),
                required: false,
            },
        ],
        texts: [
            (
                tupa_core::i18n::Lang::Fi,
                tupa_core::recruitment::ad::AdText {
                    title: "Sairaanhoitaja".into(),
                    description: "Haemme sairaanhoitajaa.".into(),
                },
            ),
            (
                tupa_core::i18n::Lang::Sv,
                tupa_core::recruitment::ad::AdText {
                    title: "Sjukskötare".into(),
                    description: "Vi söker en sjukskötare.".into(),
                },
            ),
        ]
        .into(),
        ..Default::default()
    };
    let ad = ads::create(&app.db, &actor, None, org, &input, false).await.unwrap();
    let ad = ads::submit(&app.db, &actor, None, org, &ad.id).await.unwrap();
    assert_eq!(ad.status, ads::AdState::Published);
    ad
}

pub fn form(email: &str) -> Form {
    form_with(email, "Kyllä, B-kortti")
}

pub fn form_with(email: &str, licence: &str) -> Form {
    Form::new()
        .text("first_name", "Aino")
        .text("last_name", "Virtanen")
        .text("email", email.to_string())
        .text("phone", "040 123 4567")
        .text("birth_year", "1990")
        .text("q-licence", licence.to_string())
        .text("q-start", "Heti")
        .text("cover_letter", "Olen kokenut sairaanhoitaja.")
        .text("consent", "yes")
}

/// Applies through the public form; returns the status and page.
pub async fn apply(app: &TestApp, slug: &str, ad_id: &str, form: Form) -> (StatusCode, String) {
    let b = app.browser().await;
    let res = b
        .client
        .post(app.url(&format!("/jobs/{slug}/ad/{ad_id}/apply?csrf={}", b.csrf)))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

/// The applicant's link from the newest mail to `to`.
async fn link_for(app: &TestApp, to: &str) -> String {
    let mail = app.outbox_to(to).await.into_iter().next().expect("a mail to the applicant");
    let link = link_in(&mail.body_text, &format!("{}/applications/", app.base))
        .expect("the link in the mail");
    link.trim_start_matches(&app.base).to_string()
}

async fn update_settings(
    app: &TestApp,
    org: &Organisation,
    main: &Person,
    f: impl FnOnce(&mut RecruitmentSettings),
) {
    let actor = actor_of(app, main).await;
    let mut s = settings::get(&app.db, &org.id).await.unwrap();
    f(&mut s);
    settings::update(&app.db, &actor, None, org, &s).await.unwrap();
}

async fn apply_with_cv_and_answers_then_see_and_withdraw(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("vantaa", "full").await;
    sqlx::query("UPDATE organisations SET privacy_notice_url = $1 WHERE id = $2")
        .bind("https://vantaa.test/tietosuoja")
        .bind(&org.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let recruiter = app.person(&org, "rekry@vantaa.test", Role::Recruiter).await;
    let ad = open_ad(&app, &org, &recruiter).await;
    let path = format!("/jobs/vantaa/ad/{}/apply", ad.id);

    // The form: the ad's title and deadline, the questions, the controller and its notice.
    let b = app.browser().await;
    let (s, html) = b.get_text(&path).await;
    assert_eq!(s, StatusCode::OK);
    for needle in [
        "Sairaanhoitaja",
        "Onko sinulla ajokortti?",
        "Org vantaa",
        "https://vantaa.test/tietosuoja",
        "Hakuaika päättyy",
        "name=\"consent\"",
        "name=\"cv\"",
        "width=device-width",
    ] {
        assert!(html.contains(needle), "the form shows {needle}");
    }

    // Without the token in the address a multipart post is refused like a forged form.
    let fresh = app.browser().await;
    // The server may refuse before reading the body and close the connection while the
    // client still writes it (a broken pipe): refused either way.
    match fresh.client.post(app.url(&path)).multipart(form("aino@example.fi")).send().await {
        Ok(res) => assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY),
        Err(e) => assert!(e.is_request(), "{e}"),
    }
    // The required question unanswered: refused at its field, what was typed is kept.
    let (s, html) = apply(&app, "vantaa", &ad.id, form_with("aino@example.fi", " ")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("id=\"f-answer-0-error\"")
            && html.contains("href=\"#f-answer-0\"")
            && html.contains(">Olen kokenut sairaanhoitaja.</textarea>"),
        "{html}"
    );
    // No consent: refused.
    let no_consent = Form::new()
        .text("first_name", "Aino")
        .text("last_name", "V")
        .text("email", "aino@example.fi")
        .text("q-licence", "Kyllä");
    let (s, html) = apply(&app, "vantaa", &ad.id, no_consent).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-consent-error"));
    assert_eq!(count(&app, "applications").await, 0);

    // A real application with a CV and an attachment.
    let full = form("Aino.Virtanen@Example.fi")
        .part("cv", Part::bytes(PDF).file_name("cv_aino.pdf"))
        .part("attachments", Part::bytes(b"Todistus\n".as_slice()).file_name("todistus.txt"));
    let (s, html) = apply(&app, "vantaa", &ad.id, full).await;
    assert_eq!(s, StatusCode::OK, "{html}");
    let (reference, stage): (String, String) =
        sqlx::query_as("SELECT reference, stage FROM applications")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(html.contains(&reference), "the page shows the reference");
    assert_eq!(stage, "received", "the first stage of the pipeline");
    let files: Vec<(String, String, Vec<u8>)> =
        sqlx::query_as("SELECT kind, content_type, content FROM application_files ORDER BY kind")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        files.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect::<Vec<_>>(),
        [("attachment", "text/plain"), ("cv", "application/pdf")]
    );
    assert_eq!(files[1].2, PDF, "the CV is kept byte for byte");

    // The confirmation mail carries the applicant's own link.
    let mails = app.outbox_to("aino.virtanen@example.fi").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.contains("Sairaanhoitaja") && mails[0].body_text.contains(&reference));
    let link = link_for(&app, "aino.virtanen@example.fi").await;
    let token = link.trim_start_matches("/applications/").to_string();
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM applications WHERE access_token_hash = $1")
            .bind(&token)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(n, 0, "the token is stored only as its digest");

    // The applicant sees their application.
    let res = b.get(&link).await;
    assert_eq!(res.headers().get("x-robots-tag").unwrap(), "noindex");
    let html = res.text().await.unwrap();
    for needle in [
        "Aino",
        "Virtanen",
        "Kyllä, B-kortti",
        "Olen kokenut sairaanhoitaja.",
        "cv_aino.pdf",
        &reference,
        "https://vantaa.test/tietosuoja",
    ] {
        assert!(html.contains(needle), "own page shows {needle}");
    }
    let (s, _) = b.get_text("/applications/not-a-real-token-000000000000000000000000000").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Applying again with the same address stores nothing new: a fresh link is mailed.
    let (s, html) = apply(&app, "vantaa", &ad.id, form("aino.virtanen@example.fi")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains(&reference), "the page does not reveal the earlier application");
    assert_eq!(count(&app, "applications").await, 1);
    let mails = app.outbox_to("aino.virtanen@example.fi").await;
    assert_eq!(mails.len(), 2);
    let new_link = link_for(&app, "aino.virtanen@example.fi").await;
    assert_ne!(new_link, link);
    assert_eq!(b.get(&link).await.status(), StatusCode::NOT_FOUND, "the old link stops working");

    // Withdrawing asks first, then withdraws; the history records it.
    let (s, html) = b.get_text(&format!("{new_link}/withdraw")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains(&format!("action=\"{new_link}/withdraw\"")));
    let res = b.post(&format!("{new_link}/withdraw"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("{new_link}?notice=application-withdrawn"));
    let (withdrawn,): (Option<i64>,) = sqlx::query_as("SELECT withdrawn_at FROM applications")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(withdrawn.is_some());
    let (_, html) = b.get_text(&new_link).await;
    assert!(
        !html.contains(&format!("href=\"{new_link}/withdraw\"")),
        "no withdraw button any more"
    );
    let kinds: Vec<(String,)> =
        sqlx::query_as("SELECT kind FROM application_events ORDER BY at, id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(kinds.into_iter().map(|k| k.0).collect::<Vec<_>>(), ["received", "withdrawal"]);
    // After withdrawing, the person may apply again.
    let (s, _) = apply(&app, "vantaa", &ad.id, form("aino.virtanen@example.fi")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(count(&app, "applications").await, 2);
    let actions = app.audit_actions(Some(&org.id)).await;
    for a in ["application-received", "application-repeated", "application-withdrawn"] {
        assert!(actions.iter().any(|x| x == a), "audited: {a}");
    }

    // A robot filling the honeypot is answered politely and stores nothing.
    let (s, _) =
        apply(&app, "vantaa", &ad.id, form("robot@example.fi").text("website", "http://spam"))
            .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(count(&app, "applications").await, 2);
    assert!(app.outbox_to("robot@example.fi").await.is_empty());
}

async fn files_are_refused_by_the_organisations_limits(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kerava", "full").await;
    let main = app.person(&org, "main@kerava.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekry@kerava.test", Role::Recruiter).await;
    update_settings(&app, &org, &main, |s| {
        s.max_files = 2;
        s.max_file_bytes = 100 * 1024;
    })
    .await;
    let ad = open_ad(&app, &org, &recruiter).await;
    let (_, html) = app.browser().await.get_text(&format!("/jobs/kerava/ad/{}/apply", ad.id)).await;
    assert!(
        html.contains("enintään 2 tiedostoa") && html.contains("enintään 0,1 Mt"),
        "the limits are told: {html}"
    );

    let pdf = || Part::bytes(PDF).file_name("a.pdf");
    // Three files where two are allowed.
    let (s, html) = apply(
        &app,
        "kerava",
        &ad.id,
        form("a@example.fi")
            .part("cv", pdf())
            .part("attachments", pdf())
            .part("attachments", pdf()),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-attachments-error"));
    // A CV over the organisation's size limit.
    let big = [PDF, &vec![b' '; 100 * 1024]].concat();
    let (s, html) = apply(
        &app,
        "kerava",
        &ad.id,
        form("a@example.fi").part("cv", Part::bytes(big).file_name("cv.pdf")),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("f-cv-error") && html.contains("value=\"Aino\""),
        "refused at the CV, name kept"
    );
    // A program renamed to .pdf, and a type not allowed at all.
    let (s, html) = apply(
        &app,
        "kerava",
        &ad.id,
        form("a@example.fi")
            .part("cv", Part::bytes(b"MZ\x90\x00program".as_slice()).file_name("cv.pdf")),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("f-cv-error"));
    let (s, _) = apply(
        &app,
        "kerava",
        &ad.id,
        form("a@example.fi")
            .part("attachments", Part::bytes(b"<html>".as_slice()).file_name("x.html")),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "applications").await, 0);
    assert_eq!(count(&app, "application_files").await, 0);
    assert!(app.outbox_to("a@example.fi").await.is_empty());
    // Within the limits it goes through.
    let (s, _) = apply(
        &app,
        "kerava",
        &ad.id,
        form("a@example.fi").part("cv", pdf()).part("attachments", pdf()),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(count(&app, "application_files").await, 2);
}

async fn closed_and_draft_ads_take_no_applications(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let org = app.org("tuusula", "full").await;
    let recruiter = app.person(&org, "rekry@tuusula.test", Role::Recruiter).await;
    let actor = actor_of(&app, &recruiter).await;
    let ad = open_ad(&app, &org, &recruiter).await;
    // A draft was never public: 404 both ways.
    let draft = ads::copy(&app.db, &actor, None, &org, &ad.id).await.unwrap();
    assert_eq!(draft.status, ads::AdState::Draft);
    let b = app.browser().await;
    assert_eq!(
        b.get(&format!("/jobs/tuusula/ad/{}/apply", draft.id)).await.status(),
        StatusCode::NOT_FOUND
    );
    let (s, _) = apply(&app, "tuusula", &draft.id, form("d@example.fi")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Another organisation's slug with this ad's id: not found.
    app.org("kerava", "full").await;
    assert_eq!(
        b.get(&format!("/jobs/kerava/ad/{}/apply", ad.id)).await.status(),
        StatusCode::NOT_FOUND
    );
    // Closed: the page says so with 410, and a post is not stored.
    ads::act(&app.db, &actor, None, &org, &ad.id, ads::AdAction::Close, None).await.unwrap();
    let (s, html) = b.get_text(&format!("/jobs/tuusula/ad/{}/apply", ad.id)).await;
    assert_eq!(s, StatusCode::GONE);
    assert!(html.contains("hakuaika on päättynyt") && !html.contains("name=\"consent\""));
    let (s, _) = apply(&app, "tuusula", &ad.id, form("c@example.fi")).await;
    assert_eq!(s, StatusCode::GONE);
    // The deadline passing closes it to the second, before any tick records it.
    let ad2 = open_ad(&app, &org, &recruiter).await;
    sqlx::query("UPDATE job_ads SET deadline = $1 WHERE id = $2")
        .bind(tupa_core::db::now() - 1)
        .bind(&ad2.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let (s, _) = apply(&app, "tuusula", &ad2.id, form("c@example.fi")).await;
    assert_eq!(s, StatusCode::GONE);
    assert_eq!(count(&app, "applications").await, 0);
    // An organisation whose plan lacks recruitment has no application forms.
    let ad3 = open_ad(&app, &org, &recruiter).await;
    let (s, _) = app
        .api(&op.token)
        .patch("/api/v1/orgs/tuusula", json!({"name": "Org tuusula", "plan": "desk"}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        b.get(&format!("/jobs/tuusula/ad/{}/apply", ad3.id)).await.status(),
        StatusCode::NOT_FOUND
    );
}

/// An organisation with one application (with a CV) to its ad; returns (ad id, application id, file id).
async fn one_application(
    app: &TestApp,
    org: &Organisation,
    recruiter: &Person,
    email: &str,
) -> (String, String, String) {
    let ad = open_ad(app, org, recruiter).await;
    let (s, html) =
        apply(app, &org.slug, &ad.id, form(email).part("cv", Part::bytes(PDF).file_name("cv.pdf")))
            .await;
    assert_eq!(s, StatusCode::OK, "{html}");
    let (id,): (String,) =
        sqlx::query_as("SELECT id FROM applications WHERE org_id = $1 AND email = $2")
            .bind(&org.id)
            .bind(email)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let (file_id,): (String,) = sqlx::query_as(
        "SELECT id FROM application_files WHERE org_id = $1 AND application_id = $2",
    )
    .bind(&org.id)
    .bind(&id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    (ad.id, id, file_id)
}

async fn other_organisations_cannot_reach_applications(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let a = app.org("a-org", "full").await;
    let b_org = app.org("b-org", "full").await;
    let a_recruiter = app.person(&a, "rekry@a.test", Role::Recruiter).await;
    let a_main = app.person(&a, "main@a.test", Role::MainAdmin).await;
    let b_recruiter = app.person(&b_org, "rekry@b.test", Role::Recruiter).await;
    let (ad_id, id, file_id) = one_application(&app, &a, &a_recruiter, "aino@example.fi").await;

    // A's own recruiter reaches everything.
    let (s, list) = app
        .api(&a_recruiter.token)
        .get(&format!("/api/v1/orgs/a-org/job-ads/{ad_id}/applications"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list[0]["email"], "aino@example.fi");
    let browser = app.signed_in(&a_recruiter).await;
    let res =
        browser.get(&format!("/orgs/a-org/recruitment/applications/{id}/files/{file_id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);

    // B's recruiter: A's pages, API and files are not found, under either slug.
    let api = app.api(&b_recruiter.token);
    for path in [
        format!("/api/v1/orgs/a-org/job-ads/{ad_id}/applications"),
        format!("/api/v1/orgs/a-org/applications/{id}"),
        format!("/api/v1/orgs/a-org/applications/{id}/files/{file_id}"),
        format!("/api/v1/orgs/b-org/job-ads/{ad_id}/applications"),
        format!("/api/v1/orgs/b-org/applications/{id}"),
        format!("/api/v1/orgs/b-org/applications/{id}/files/{file_id}"),
    ] {
        let (s, body) = api.get(&path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}: {body}");
        assert!(!body.to_string().contains("aino"), "nothing leaks: {body}");
    }
    let (s, _) = api
        .post(
            &format!("/api/v1/orgs/b-org/applications/{id}/actions"),
            json!({"action": "note", "text": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let bb = app.signed_in(&b_recruiter).await;
    for path in [
        format!("/orgs/a-org/recruitment/ads/{ad_id}/applications"),
        format!("/orgs/a-org/recruitment/applications/{id}"),
        format!("/orgs/a-org/recruitment/applications/{id}/files/{file_id}"),
        format!("/orgs/b-org/recruitment/ads/{ad_id}/applications"),
        format!("/orgs/b-org/recruitment/applications/{id}"),
        format!("/orgs/b-org/recruitment/applications/{id}/files/{file_id}"),
    ] {
        let (s, html) = bb.get_text(&path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
        assert!(!html.contains("aino@example.fi") && !html.contains("Virtanen"));
    }
    // A's main admin and the platform admin (the processor) administer, but read no applicants.
    for token in [&a_main.token, &op.token] {
        let (s, _) = app.api(token).get(&format!("/api/v1/orgs/a-org/applications/{id}")).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = app
            .api(token)
            .get(&format!("/api/v1/orgs/a-org/applications/{id}/files/{file_id}"))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
}

async fn anonymised_review_hides_the_person_until_the_stage(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let main = app.person(&org, "main@espoo.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekry@espoo.test", Role::Recruiter).await;
    update_settings(&app, &org, &main, |s| s.anonymous_until_stage = Some("interview".into()))
        .await;
    let (ad_id, id, file_id) = one_application(&app, &org, &recruiter, "aino@example.fi").await;
    let (reference,): (String,) =
        sqlx::query_as("SELECT reference FROM applications WHERE id = $1")
            .bind(&id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    // The form tells applicants about it.
    let (_, html) = app.browser().await.get_text(&format!("/jobs/espoo/ad/{ad_id}/apply")).await;
    assert!(html.contains("nimettöminä"));

    let api = app.api(&recruiter.token);
    let hidden = |v: &Value| {
        assert_eq!(v["anonymised"], true);
        for field in ["first_name", "last_name", "email", "phone", "birth_year"] {
            assert!(v[field].is_null(), "{field} hidden: {v}");
        }
        assert!(
            !v.to_string().contains("Virtanen")
                && !v.to_string().contains("aino@")
                && !v.to_string().contains("040 123")
        );
    };
    let (_, list) = api.get(&format!("/api/v1/orgs/espoo/job-ads/{ad_id}/applications")).await;
    hidden(&list[0]);
    assert_eq!(list[0]["answers"]["licence"], "Kyllä, B-kortti", "answers are reviewed");
    let (_, detail) = api.get(&format!("/api/v1/orgs/espoo/applications/{id}")).await;
    hidden(&detail);
    assert!(detail["files"].as_array().unwrap().is_empty(), "files are not listed");
    assert_eq!(detail["file_count"], 1);
    let (s, body) = api.get(&format!("/api/v1/orgs/espoo/applications/{id}/files/{file_id}")).await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::CONFLICT, Some("application-anonymised")));
    let b = app.signed_in(&recruiter).await;
    for path in [
        format!("/orgs/espoo/recruitment/ads/{ad_id}/applications"),
        format!("/orgs/espoo/recruitment/applications/{id}"),
    ] {
        let (s, html) = b.get_text(&path).await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            html.contains(&reference)
                && !html.contains("Virtanen")
                && !html.contains("aino@example.fi"),
            "{path} hides the person"
        );
    }
    // Screening is still before the interview stage.
    let (s, _) = api
        .post(
            &format!("/api/v1/orgs/espoo/applications/{id}/actions"),
            json!({"action": "stage", "stage": "screening"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, detail) = api.get(&format!("/api/v1/orgs/espoo/applications/{id}")).await;
    hidden(&detail);
    // At the interview stage the person is shown, and the CV can be opened.
    let (s, detail) = api
        .post(
            &format!("/api/v1/orgs/espoo/applications/{id}/actions"),
            json!({"action": "stage", "stage": "interview"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        (
            detail["anonymised"].as_bool(),
            detail["first_name"].as_str(),
            detail["email"].as_str(),
            detail["birth_year"].as_i64()
        ),
        (Some(false), Some("Aino"), Some("aino@example.fi"), Some(1990))
    );
    assert_eq!(detail["files"].as_array().unwrap().len(), 1);
    let res = b.get(&format!("/orgs/espoo/recruitment/applications/{id}/files/{file_id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, html) = b.get_text(&format!("/orgs/espoo/recruitment/applications/{id}")).await;
    assert!(html.contains("Aino Virtanen") && html.contains("aino@example.fi"));
}

async fn pipeline_actions_templates_and_audit(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("turku", "full").await;
    let other = app.org("oulu", "full").await;
    let main = app.person(&org, "main@turku.test", Role::MainAdmin).await;
    let other_main = app.person(&other, "main@oulu.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekry@turku.test", Role::Recruiter).await;
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind("Riikka Rekry")
        .bind(&recruiter.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let ad = open_ad(&app, &org, &recruiter).await;
    // The applicant uses the Swedish form.
    let b = app.browser().await;
    let res = b
        .client
        .post(app.url(&format!("/jobs/turku/ad/{}/apply?csrf={}", ad.id, b.csrf)))
        .header("accept-language", "sv")
        .multipart(form("aino@example.fi"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (id, reference): (String, String) =
        sqlx::query_as("SELECT id, reference FROM applications")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(
        app.outbox_to("aino@example.fi").await[0].subject.contains("Sjukskötare"),
        "confirmation in Swedish"
    );

    // Templates: main admins write them, recruiters read and use them.
    let message = json!({"kind": "message", "name": "Haastattelukutsu", "texts": {
        "fi": {"subject": "Haastattelu: {ad_title}", "body": "Hei {first_name} {last_name}, {organisation} kutsuu sinut haastatteluun ({reference}). Terveisin {recruiter}"},
        "sv": {"subject": "Intervju: {ad_title}", "body": "Hej {first_name} {last_name}, {organisation} kallar dig till intervju ({reference}). Hälsningar {recruiter}"}}});
    let (s, _) = app
        .api(&recruiter.token)
        .post("/api/v1/orgs/turku/recruitment/templates", message.clone())
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "recruiters do not write templates");
    let (s, invite) =
        app.api(&main.token).post("/api/v1/orgs/turku/recruitment/templates", message).await;
    assert_eq!(s, StatusCode::CREATED, "{invite}");
    let (s, body) = app
        .api(&main.token)
        .post(
            "/api/v1/orgs/turku/recruitment/templates",
            json!({"kind": "message", "name": "X", "texts": {"fi": {"subject": "", "body": "B"}}}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("template-text-incomplete"))
    );
    // A forged or misspelt kind is refused (nothing stored: the list below has three).
    for forged in ["Message", "letter", "document "] {
        let (s, body) = app
            .api(&main.token)
            .post(
                "/api/v1/orgs/turku/recruitment/templates",
                json!({"kind": forged, "name": "X", "texts": {"fi": {"subject": "S", "body": "B"}}}),
            )
            .await;
        assert_eq!(
            (s, body["code"].as_str(), body["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("template-kind-invalid"), Some("kind")),
            "{forged:?}: {body}"
        );
    }
    let (_, refusal) = app.api(&main.token).post("/api/v1/orgs/turku/recruitment/templates", json!({"kind": "message", "name": "Kielteinen", "texts": {"fi": {"subject": "Päätös", "body": "Valitettavasti, {first_name}."}}})).await;
    let (_, doc) = app.api(&main.token).post("/api/v1/orgs/turku/recruitment/templates", json!({"kind": "document", "name": "Muistio", "texts": {"fi": {"subject": "Haastattelumuistio", "body": "Hakija: {first_name} {last_name} ({reference})"}}})).await;
    let (_, foreign) = app.api(&other_main.token).post("/api/v1/orgs/oulu/recruitment/templates", json!({"kind": "message", "name": "Oulun", "texts": {"fi": {"subject": "S", "body": "B"}}})).await;
    let (s, list) = app.api(&recruiter.token).get("/api/v1/orgs/turku/recruitment/templates").await;
    assert_eq!((s, list.as_array().unwrap().len()), (StatusCode::OK, 3));

    let api = app.api(&recruiter.token);
    let act = |body: Value| {
        let api = &api;
        let id = id.clone();
        async move { api.post(&format!("/api/v1/orgs/turku/applications/{id}/actions"), body).await }
    };
    let (s, _) = act(json!({"action": "stage", "stage": "interview"})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = act(json!({"action": "stage", "stage": "nowhere"})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("stage-unknown"))
    );
    let (s, body) = act(json!({"action": "rate", "rating": 6})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("rating-invalid"))
    );
    let (s, d) = act(json!({"action": "rate", "rating": 4})).await;
    assert_eq!((s, d["rating"].as_i64()), (StatusCode::OK, Some(4)));
    let (s, _) = act(json!({"action": "note", "text": "Vahva kokemus"})).await;
    assert_eq!(s, StatusCode::OK);
    // Another organisation's template is not offered.
    let (s, body) = act(json!({"action": "message", "template_id": foreign["id"]})).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("template-unknown"))
    );
    // The message goes out through the outbox in the applicant's language, tags filled in.
    let (s, _) = act(json!({"action": "message", "template_id": invite["id"]})).await;
    assert_eq!(s, StatusCode::OK);
    let sent = app
        .outbox_to("aino@example.fi")
        .await
        .into_iter()
        .find(|m| m.subject.starts_with("Intervju"))
        .expect("the Swedish message");
    assert_eq!(sent.subject, "Intervju: Sjukskötare");
    assert_eq!(
        sent.body_text,
        format!(
            "Hej Aino Virtanen, Org turku kallar dig till intervju ({reference}). Hälsningar Riikka Rekry"
        )
    );
    // A document is made from a document template.
    let (s, document) = api
        .post(
            &format!("/api/v1/orgs/turku/applications/{id}/documents"),
            json!({"template_id": doc["id"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        document["text"],
        format!("Haastattelumuistio\n\nHakija: Aino Virtanen ({reference})")
    );
    // Refusal needs a reason; with a template the applicant is told.
    let (s, body) = act(json!({"action": "refuse", "text": " "})).await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("required")));
    let (s, d) =
        act(json!({"action": "refuse", "text": "Kokemus ei riitä", "template_id": refusal["id"]}))
            .await;
    assert_eq!(
        (s, d["status"].as_str(), d["refusal_reason"].as_str()),
        (StatusCode::OK, Some("refused"), Some("Kokemus ei riitä"))
    );
    assert!(
        app.outbox_to("aino@example.fi")
            .await
            .iter()
            .any(|m| m.body_text == "Valitettavasti, Aino."),
        "only Finnish: Finnish"
    );
    // Selection through the page form.
    let browser = app.signed_in(&recruiter).await;
    let res = browser
        .post(
            &format!("/orgs/turku/recruitment/applications/{id}/act"),
            &[("action", "select"), ("text", "Paras hakija")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.get_text(&format!("/orgs/turku/recruitment/applications/{id}")).await;
    assert!(
        html.contains("Paras hakija")
            && html.contains("Vahva kokemus")
            && html.contains("Haastattelukutsu"),
        "history on the page"
    );
    let (s, html) = browser
        .post_text(
            &format!("/orgs/turku/recruitment/applications/{id}/act"),
            &[("action", "rate"), ("rating", "abc")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("href=\"#f-rating\""));
    // A forged or wrongly cased action is refused with its 422 and does nothing (the event list
    // below is exactly what the real actions left); the API keeps its code.
    let mailed = app.outbox_to("aino@example.fi").await.len();
    for action in ["Select", "selcet", ""] {
        let (s, html) = browser
            .post_text(
                &format!("/orgs/turku/recruitment/applications/{id}/act"),
                &[("action", action), ("text", "Väärennetty")],
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{action:?}");
        assert!(
            html.contains("Tuntematon toiminto") || html.contains("Unknown action"),
            "{action:?}"
        );
    }
    for body in [
        json!({"action": "Note", "text": "Väärennetty"}),
        json!({"action": "messages", "template_id": invite["id"]}),
        json!({"action": "withdraw"}),
    ] {
        let (s, err) = act(body.clone()).await;
        assert_eq!(
            (s, err["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("action-invalid")),
            "{body}"
        );
    }
    assert_eq!(app.outbox_to("aino@example.fi").await.len(), mailed, "nothing mailed");
    let events: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as("SELECT kind, body, by_user_id FROM application_events WHERE application_id = $1 ORDER BY at, id").bind(&id).fetch_all(app.db.pool()).await.unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "received",
            "stage",
            "rating",
            "note",
            "message",
            "document",
            "refusal",
            "message",
            "selection"
        ]
    );
    assert!(
        events[1..].iter().all(|e| e.2.as_deref() == Some(recruiter.id.as_str())),
        "who did it"
    );
    assert_eq!(events[4].1.as_deref(), Some("Haastattelukutsu"), "the history names the template");
    // The list compares answers side by side and sorts by rating.
    let (s, html) = browser
        .get_text(&format!("/orgs/turku/recruitment/ads/{}/applications?sort=rating", ad.id))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("Onko sinulla ajokortti?")
            && html.contains("Kyllä, B-kortti")
            && html.contains("Aino Virtanen")
    );
    let (s, body) =
        api.get(&format!("/api/v1/orgs/turku/job-ads/{}/applications?sort=bogus", ad.id)).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("sort-invalid"))
    );
    // Templates page: recruiters read, main admins edit.
    let (s, html) = browser.get_text("/orgs/turku/recruitment/templates").await;
    assert!(
        s == StatusCode::OK && html.contains("Haastattelukutsu") && !html.contains("name=\"kind\"")
    );
    let mb = app.signed_in(&main).await;
    let res = mb
        .post(
            "/orgs/turku/recruitment/templates",
            &[
                ("kind", "document"),
                ("name", "Sopimus"),
                ("subject_fi", ""),
                ("texts.fi", "Sopimus {first_name}"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (s, html) = mb
        .post_text(
            "/orgs/turku/recruitment/templates",
            &[
                ("kind", "message"),
                ("name", "Puuttuu"),
                ("subject_fi", ""),
                ("texts.fi", "Ei aihetta"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("href=\"#f-texts.fi\"") && html.contains("Ei aihetta"));
    let (s, _) = app
        .api(&main.token)
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/orgs/turku/recruitment/templates/{}", invite["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = act(json!({"action": "message", "template_id": invite["id"]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a retired template is not used");

    // Every read by staff is in the audit log the main admin reads, without personal data.
    let entries = tupa_core::audit::list(&app.db, Some(&org.id), 1000, None).await.unwrap();
    let by_recruiter: Vec<_> = entries
        .iter()
        .filter(|e| e.actor_user_id.as_deref() == Some(recruiter.id.as_str()))
        .collect();
    for action in [
        "read",
        "applications-viewed",
        "application-document-made",
        "application-stage-changed",
        "application-rated",
        "application-noted",
        "application-message-sent",
        "application-refused",
        "application-selected",
    ] {
        assert!(by_recruiter.iter().any(|e| e.action == action), "audited: {action}");
    }
    for e in &entries {
        assert!(
            !e.details.contains("Aino")
                && !e.details.contains("aino@")
                && !e.details.contains("Virtanen"),
            "no personal data in the audit: {e:?}"
        );
    }
    let (s, html) = mb.get_text("/orgs/turku/audit").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("luki henkilötietoja sisältävän tietueen")
            || html.contains("read a record with personal data"),
        "the main admin sees the reads"
    );
    // Withdrawn: no more changes (a note still goes in).
    let token = tupa_core::identity::secrets::random_token();
    sqlx::query("UPDATE applications SET access_token_hash = $1 WHERE id = $2")
        .bind(tupa_core::identity::secrets::digest(&token))
        .bind(&id)
        .execute(app.db.pool())
        .await
        .unwrap();
    tupa_core::recruitment::applications::withdraw(&app.db, &token, None).await.unwrap();
    let (s, body) = act(json!({"action": "rate", "rating": 2})).await;
    assert_eq!((s, body["code"].as_str()), (StatusCode::CONFLICT, Some("application-withdrawn")));
    let (s, _) = act(json!({"action": "note", "text": "Perui"})).await;
    assert_eq!(s, StatusCode::OK);
}

async fn retention_deletes_applications_after_the_period(backend: Backend) {
    use tupa_core::recruitment::retention::purge_expired;
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let main = app.person(&org, "main@lahti.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekry@lahti.test", Role::Recruiter).await;
    update_settings(&app, &org, &main, |s| s.retention_days = 30).await;
    let (ad_id, id, _) = one_application(&app, &org, &recruiter, "aino@example.fi").await;
    let (open_ad_id, _, _) = one_application(&app, &org, &recruiter, "bertta@example.fi").await;
    app.api(&recruiter.token)
        .post(
            &format!("/api/v1/orgs/lahti/applications/{id}/actions"),
            json!({"action": "note", "text": "Hyvä"}),
        )
        .await;
    let actor = actor_of(&app, &recruiter).await;
    ads::act(&app.db, &actor, None, &org, &ad_id, ads::AdAction::Close, None).await.unwrap();
    let (from,): (Option<i64>,) =
        sqlx::query_as("SELECT retention_from FROM job_ads WHERE id = $1")
            .bind(&ad_id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let from = from.expect("closing sets the start of retention");
    let day = 24 * 3600;

    // Not before the period ends.
    let none = purge_expired(&app.db, from + 30 * day - 1).await.unwrap();
    assert_eq!(none.applications, 0);
    assert_eq!(count(&app, "applications").await, 2);
    // At its end: the closed recruitment's applications go with files and history; the open
    // one stays.
    let purged = purge_expired(&app.db, from + 30 * day).await.unwrap();
    assert_eq!((purged.ads, purged.applications, purged.files), (1, 1, 1));
    assert!(purged.events >= 2);
    let left: Vec<(String,)> =
        sqlx::query_as("SELECT ad_id FROM applications").fetch_all(app.db.pool()).await.unwrap();
    assert_eq!(left, [(open_ad_id.clone(),)]);
    let (files,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM application_files WHERE application_id = $1")
            .bind(&id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let (events,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM application_events WHERE application_id = $1")
            .bind(&id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!((files, events), (0, 0));
    // Logged with counts and the ad only.
    let entries = tupa_core::audit::list(&app.db, Some(&org.id), 1000, None).await.unwrap();
    let purge: Vec<_> = entries.iter().filter(|e| e.action == "applications-purged").collect();
    assert_eq!(purge.len(), 1);
    assert_eq!(
        (
            purge[0].target_type.as_deref(),
            purge[0].target_id.as_deref(),
            purge[0].actor_label.as_str()
        ),
        (Some("job_ad"), Some(ad_id.as_str()), "system")
    );
    let details: Value = serde_json::from_str(&purge[0].details).unwrap();
    assert_eq!((details["applications"].as_i64(), details["files"].as_i64()), (Some(1), Some(1)));
    for word in ["Aino", "Virtanen", "aino@example.fi", "1990", "040"] {
        assert!(!purge[0].details.contains(word), "no personal data: {}", purge[0].details);
    }
    // Running again finds nothing and logs nothing more.
    assert_eq!(purge_expired(&app.db, from + 31 * day).await.unwrap().applications, 0);
    assert_eq!(
        app.audit_actions(Some(&org.id))
            .await
            .iter()
            .filter(|a| *a == "applications-purged")
            .count(),
        1
    );
    // An ad without its own settings row keeps applications the default two years.
    let other = app.org("hamina", "full").await;
    let other_recruiter = app.person(&other, "rekry@hamina.test", Role::Recruiter).await;
    let (other_ad, _, _) = one_application(&app, &other, &other_recruiter, "c@example.fi").await;
    sqlx::query("UPDATE job_ads SET status = 'closed', retention_from = $1 WHERE id = $2")
        .bind(from)
        .bind(&other_ad)
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(purge_expired(&app.db, from + 729 * day).await.unwrap().applications, 0);
    assert_eq!(purge_expired(&app.db, from + 730 * day).await.unwrap().applications, 1);
}
