//! Ads to the national job market, end to end: the real workflow, the real sender and a
//! real HTTP job market on a local port that checks each record's shape and credentials.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode as AxStatus, Uri};
use base64::Engine;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::authz::Actor;
use tupa_core::db::now;
use tupa_core::i18n::Lang;
use tupa_core::organisations::Organisation;
use tupa_core::organisations::people::Role;
use tupa_core::recruitment::ad::{AdText, Contact, EmploymentType, Engagement, WorkingTime};
use tupa_core::recruitment::ads::{self, AdInput, StoredAd};
use tupa_core::recruitment::jobmarket_worker::{self, JobmarketState, Round, run_once};

use crate::both_backends;
use crate::helpers::{Backend, Person, TestApp, spawn};

both_backends!(
    published_edited_and_closed_ads_reach_the_job_market,
    unavailable_is_retried_with_backoff_and_refusal_is_final,
    without_credentials_nothing_is_sent_until_they_are_saved,
    an_incomplete_ad_says_what_it_lacks_until_fixed,
    another_organisations_admin_cannot_reach_the_connection,
    two_workers_send_an_ad_once,
);

const BUSINESS_ID: &str = "0201256-6";
const USER: &str = "espoo-rekry";
const SECRET: &str = "s4lainen:Tunnus!";

/// One request the fake job market received.
#[derive(Clone, Debug)]
struct Seen {
    method: Method,
    path: String,
    body: Value,
}

#[derive(Clone)]
struct Fake {
    /// The answer to give: status and body.
    answer: Arc<Mutex<(u16, String)>>,
    delay: Duration,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// What is wrong with a JobPostingV2 record, if anything (the fake's shape check).
fn shape_error(path: &str, body: &Value) -> Option<String> {
    let text = |v: &Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
    let lang_map = |v: &Value| {
        v.as_object().is_some_and(|m| {
            !m.is_empty()
                && m.iter().all(|(k, t)| ["fi", "sv", "en"].contains(&k.as_str()) && text(t))
        })
    };
    let digits = |v: &Value, n: usize| {
        v.as_str().is_some_and(|s| s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
    };
    let rfc3339 = |v: &Value| {
        v.as_str().is_some_and(|s| {
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
        })
    };
    let id = path.rsplit('/').next().unwrap_or("");
    let checks: [(&str, bool); 12] = [
        ("externalId", body["externalId"].as_str() == Some(id)),
        (
            "languages",
            body["languages"].as_array().is_some_and(|l| !l.is_empty() && l.iter().all(text)),
        ),
        ("position.title", lang_map(&body["position"]["title"])),
        ("position.jobDescription", lang_map(&body["position"]["jobDescription"])),
        ("position.occupation", text(&body["position"]["occupation"])),
        ("location.municipalityCode", digits(&body["location"]["municipalityCode"], 3)),
        ("location.regionCode", digits(&body["location"]["regionCode"], 2)),
        ("location.address", body["location"]["address"]["countryCode"] == "FI"),
        (
            "application.published/expires",
            rfc3339(&body["application"]["published"]) && rfc3339(&body["application"]["expires"]),
        ),
        (
            "application.openPositions",
            body["application"]["openPositions"].as_u64().is_some_and(|n| n > 0),
        ),
        (
            "application.url",
            body["application"]["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("http") && u.contains(id)),
        ),
        (
            "contacts",
            body["contacts"].as_array().is_some_and(|c| c.iter().all(|c| text(&c["name"]))),
        ),
    ];
    checks.iter().find(|(_, ok)| !ok).map(|(what, _)| format!("bad record: {what}"))
}

async fn fake_handler(
    State(fake): State<Fake>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> (AxStatus, String) {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    fake.seen.lock().unwrap().push(Seen {
        method: method.clone(),
        path: uri.path().to_string(),
        body: body.clone(),
    });
    tokio::time::sleep(fake.delay).await;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{SECRET}"))
    );
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return (AxStatus::UNAUTHORIZED, "bad credentials".into());
    }
    let prefix = format!("/tmt/v2/employers/{BUSINESS_ID}/job-postings/");
    let Some(rest) = uri.path().strip_prefix(&prefix) else {
        return (AxStatus::NOT_FOUND, "no such employer".into());
    };
    match (&method, rest.strip_suffix("/archive")) {
        (&Method::POST, Some(_)) => {}
        (&Method::PUT, None) => {
            if headers.get("content-type").and_then(|v| v.to_str().ok()) != Some("application/json")
            {
                return (AxStatus::UNSUPPORTED_MEDIA_TYPE, "json only".into());
            }
            if let Some(problem) = shape_error(uri.path(), &body) {
                return (AxStatus::BAD_REQUEST, problem);
            }
        }
        _ => return (AxStatus::METHOD_NOT_ALLOWED, String::new()),
    }
    let (status, text) = fake.answer.lock().unwrap().clone();
    (AxStatus::from_u16(status).unwrap(), text)
}

/// Starts the fake job market; returns its endpoint and handle.
async fn job_market(delay: Duration) -> (String, Fake) {
    let fake = Fake {
        answer: Arc::new(Mutex::new((201, r#"{"id":"TMT-1"}"#.into()))),
        delay,
        seen: Arc::new(Mutex::new(vec![])),
    };
    let app = axum::Router::new().fallback(fake_handler).with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/tmt/v2"), fake)
}

impl Fake {
    fn answer(&self, status: u16, body: &str) {
        *self.answer.lock().unwrap() = (status, body.into());
    }
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

struct World {
    org: Organisation,
    admin: Person,
    recruiter: Actor,
}

async fn world(app: &TestApp) -> World {
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let mut tx = app.db.begin().await.unwrap();
    tupa_core::organisations::update_settings(&mut tx, &org.id, None, Some(BUSINESS_ID))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let org = tupa_core::organisations::by_id(&app.db, &org.id).await.unwrap();
    let admin = app.person(&org, "paakayttaja@espoo.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekrytoija@espoo.test", Role::Recruiter).await;
    let user = tupa_core::identity::get(&app.db, &recruiter.id).await.unwrap();
    let recruiter = Actor::load(&app.db, user, None, None).await.unwrap();
    World { org, admin, recruiter }
}

fn ad_input(title: &str, occupation: Option<&str>) -> AdInput {
    AdInput {
        municipality_name: "Espoo".into(),
        municipality_code: "049".into(),
        region_code: Some("01".into()),
        street: "Karaportti 1".into(),
        postal_code: "02610".into(),
        city: "Espoo".into(),
        employment_type: Some(EmploymentType::Permanent),
        working_time: Some(WorkingTime::FullTime),
        engagement: Some(Engagement::EmploymentContract),
        vacancies: Some(2),
        occupation_code: occupation.map(str::to_string),
        contacts: vec![Contact {
            name: "Maija Meikäläinen".into(),
            title: Some("osastonhoitaja".into()),
            phone: None,
            email: Some("maija@espoo.test".into()),
        }],
        deadline: ads::format_local(now() + 30 * 86_400),
        texts: [(
            Lang::Fi,
            AdText { title: title.into(), description: "Haemme sairaanhoitajaa.".into() },
        )]
        .into(),
        ..Default::default()
    }
}

async fn publish(app: &TestApp, w: &World, input: &AdInput) -> StoredAd {
    let ad = ads::create(&app.db, &w.recruiter, None, &w.org, input, false).await.unwrap();
    let ad = ads::submit(&app.db, &w.recruiter, None, &w.org, &ad.id).await.unwrap();
    assert_eq!((ad.status.as_str(), ad.jobmarket_state.as_str()), ("published", "pending"));
    ad
}

async fn set_credentials(app: &TestApp, w: &World, endpoint: &str) {
    let (s, body) = app
        .api(&w.admin.token)
        .put(
            "/api/v1/orgs/espoo/recruitment/jobmarket",
            json!({"endpoint": endpoint, "username": USER, "secret": SECRET}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["configured"], true);
}

fn client() -> reqwest::Client {
    tupa_core::http::client(Duration::from_secs(5)).unwrap()
}

async fn round(app: &TestApp, at: i64) -> Round {
    run_once(&app.db, &app.settings, &client(), at).await.unwrap()
}

async fn state(app: &TestApp, w: &World, id: &str) -> StoredAd {
    ads::get(&app.db, &w.org.id, id).await.unwrap()
}

async fn published_edited_and_closed_ads_reach_the_job_market(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    let (endpoint, fake) = job_market(Duration::ZERO).await;
    set_credentials(&app, &w, &endpoint).await;
    let ad = publish(&app, &w, &ad_input("Sairaanhoitaja", Some("2221"))).await;

    let r = round(&app, now()).await;
    assert_eq!((r.sent, r.total()), (1, 1), "{r:?}");
    let seen = fake.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, Method::PUT);
    assert_eq!(seen[0].path, format!("/tmt/v2/employers/{BUSINESS_ID}/job-postings/{}", ad.id));
    let body = &seen[0].body;
    assert_eq!(body["position"]["title"], json!({"fi": "Sairaanhoitaja"}));
    assert_eq!(body["position"]["occupation"], "2221");
    assert_eq!(body["location"]["municipalityCode"], "049");
    assert_eq!(body["application"]["openPositions"], 2);
    assert_eq!(body["application"]["url"], format!("{}/jobs/espoo/ad/{}", app.base, ad.id));
    assert_eq!(body["contacts"][0]["name"], "Maija Meikäläinen");
    let stored = state(&app, &w, &ad.id).await;
    assert_eq!(stored.jobmarket_state, JobmarketState::Sent);
    assert!(stored.jobmarket_sent_at.is_some_and(|t| t >= ad.created_at));
    // The recruiter's view of it, translated.
    let mut api = app.api(&w.admin.token);
    api.lang = Some("en");
    let (s, st) = api.get(&format!("/api/v1/orgs/espoo/job-ads/{}/jobmarket", ad.id)).await;
    assert_eq!(s, StatusCode::OK, "{st}");
    assert_eq!(st["state"], "sent");
    assert!(st["label"].as_str().unwrap().starts_with("Sent to Job Market Finland "), "{st}");
    // Nothing more to do until something changes.
    assert_eq!(round(&app, now()).await.total(), 0);

    // An edit sends the new version to the same address.
    let mut changed = ad_input("Sairaanhoitaja, Leppävaara", Some("2221"));
    changed.vacancies = Some(3);
    let edited = ads::update(&app.db, &w.recruiter, None, &w.org, &ad.id, &changed).await.unwrap();
    assert_eq!(edited.jobmarket_state, JobmarketState::Pending);
    assert_eq!(round(&app, now()).await.sent, 1);
    let seen = fake.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        (seen[1].method.clone(), seen[1].path.clone()),
        (Method::PUT, seen[0].path.clone()),
        "an update replaces, it does not add"
    );
    assert_eq!(seen[1].body["position"]["title"]["fi"], "Sairaanhoitaja, Leppävaara");
    assert_eq!(seen[1].body["application"]["openPositions"], 3);

    // Closing archives it there.
    let closed = ads::act(&app.db, &w.recruiter, None, &w.org, &ad.id, ads::AdAction::Close, None)
        .await
        .unwrap();
    assert_eq!(closed.jobmarket_state, JobmarketState::ArchivePending);
    fake.answer(204, "");
    assert_eq!(round(&app, now()).await.archived, 1);
    let seen = fake.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        (seen[2].method.clone(), seen[2].path.clone()),
        (Method::POST, format!("{}/archive", seen[0].path))
    );
    let stored = state(&app, &w, &ad.id).await;
    assert_eq!(stored.jobmarket_state, JobmarketState::Archived);
    assert!(
        jobmarket_worker::status_text(&stored, Lang::Fi)
            .0
            .starts_with("Arkistoitu Työmarkkinatorilla")
    );
    assert_eq!(round(&app, now()).await.total(), 0);
}

async fn unavailable_is_retried_with_backoff_and_refusal_is_final(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    let (endpoint, fake) = job_market(Duration::ZERO).await;
    set_credentials(&app, &w, &endpoint).await;
    let ad = publish(&app, &w, &ad_input("Lähihoitaja", Some("5321"))).await;

    fake.answer(503, "huoltokatko");
    let t = now();
    assert_eq!(round(&app, t).await.retrying, 1);
    let stored = state(&app, &w, &ad.id).await;
    assert_eq!((stored.jobmarket_state.as_str(), stored.jobmarket_attempts), ("pending", 1));
    assert!(stored.jobmarket_next_at.unwrap() >= t + 60, "backoff of at least a minute");
    let (label, detail) = jobmarket_worker::status_text(&stored, Lang::En);
    assert_eq!(label, "Waiting to retry (attempt 2)");
    assert!(detail.unwrap().contains("HTTP 503"));
    // Not retried before its time.
    assert_eq!(round(&app, t + 1).await.total(), 0);
    assert_eq!(fake.seen().len(), 1);
    // The second failure waits twice as long.
    assert_eq!(round(&app, t + 61).await.retrying, 1);
    let stored = state(&app, &w, &ad.id).await;
    assert_eq!(stored.jobmarket_attempts, 2);
    assert!(stored.jobmarket_next_at.unwrap() >= t + 61 + 120);

    // A refusal is final, with the job market's reason.
    fake.answer(400, "occupation 5321 not allowed for this employer");
    assert_eq!(round(&app, t + 3600).await.failed, 1);
    let stored = state(&app, &w, &ad.id).await;
    assert_eq!(stored.jobmarket_state, JobmarketState::Failed);
    let (label, detail) = jobmarket_worker::status_text(&stored, Lang::Fi);
    assert_eq!(label, "Lähettäminen epäonnistui");
    assert!(detail.unwrap().contains("HTTP 400): occupation 5321 not allowed"));
    assert_eq!(round(&app, t + 100_000).await.total(), 0, "not retried");
    assert_eq!(fake.seen().len(), 3);
    // The main admin's page shows it.
    let browser = app.signed_in(&w.admin).await;
    let (s, html) = browser.get_text("/orgs/espoo/recruitment/jobmarket").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Lähihoitaja") && html.contains("occupation 5321 not allowed"), "{html}");
}

async fn without_credentials_nothing_is_sent_until_they_are_saved(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    let (endpoint, fake) = job_market(Duration::ZERO).await;
    let ad = publish(&app, &w, &ad_input("Kirjastonhoitaja", Some("2622"))).await;

    assert_eq!(round(&app, now()).await.not_configured, 1);
    let stored = state(&app, &w, &ad.id).await;
    assert_eq!(stored.jobmarket_state, JobmarketState::NotConfigured);
    let mut api = app.api(&w.admin.token);
    api.lang = Some("en");
    let (_, st) = api.get(&format!("/api/v1/orgs/espoo/job-ads/{}/jobmarket", ad.id)).await;
    assert_eq!(st["label"], "Not sent: the organisation has no job market credentials");
    let browser = app.signed_in(&w.admin).await;
    let (_, html) = browser.get_text("/orgs/espoo/recruitment/jobmarket").await;
    assert!(
        html.contains("Ei lähetetty: organisaatiolla ei ole Työmarkkinatorin tunnuksia"),
        "{html}"
    );
    assert!(fake.seen().is_empty());

    // A first save needs the secret; what was typed comes back, the secret never does.
    let res = browser
        .post(
            "/orgs/espoo/recruitment/jobmarket",
            &[("endpoint", &endpoint), ("username", USER), ("secret", "")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#f-secret\"") && html.contains(&endpoint), "{html}");
    // Saved through the page: the ad is queued again and sent.
    let res = browser
        .post(
            "/orgs/espoo/recruitment/jobmarket",
            &[("endpoint", &endpoint), ("username", USER), ("secret", SECRET)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(state(&app, &w, &ad.id).await.jobmarket_state, JobmarketState::Pending);
    assert_eq!(round(&app, now()).await.sent, 1);
    assert_eq!(state(&app, &w, &ad.id).await.jobmarket_state, JobmarketState::Sent);

    // The secret is stored encrypted and never shown again.
    let (stored,): (String,) =
        sqlx::query_as("SELECT jobmarket_secret FROM recruitment_settings WHERE org_id = $1")
            .bind(&w.org.id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(
        stored.starts_with("v1.") && !stored.contains(SECRET) && !stored.contains("s4lainen"),
        "{stored}"
    );
    assert_eq!(tupa_core::secrets::decrypt(&app.settings, &stored).unwrap(), SECRET);
    let (_, html) = browser.get_text("/orgs/espoo/recruitment/jobmarket").await;
    assert!(!html.contains(SECRET) && !html.contains(&stored));
    let (_, view) = app.api(&w.admin.token).get("/api/v1/orgs/espoo/recruitment/jobmarket").await;
    assert_eq!(
        (view["secret_set"].clone(), view["business_id_valid"].clone(), view["username"].clone()),
        (json!(true), json!(true), json!(USER))
    );
    assert!(!view.to_string().contains("s4lainen") && !view.to_string().contains(&stored));
    // Saving again without a secret keeps it.
    let (s, _) = app
        .api(&w.admin.token)
        .put(
            "/api/v1/orgs/espoo/recruitment/jobmarket",
            json!({"endpoint": endpoint, "username": USER}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (again,): (String,) =
        sqlx::query_as("SELECT jobmarket_secret FROM recruitment_settings WHERE org_id = $1")
            .bind(&w.org.id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(again, stored);
    // Other settings were not touched by creating the row.
    let settings = tupa_core::recruitment::settings::get(&app.db, &w.org.id).await.unwrap();
    assert_eq!(settings.retention_days, tupa_core::recruitment::settings::DEFAULT_RETENTION_DAYS);
    // An endpoint that is not http(s) is refused.
    let (s, body) = app
        .api(&w.admin.token)
        .put(
            "/api/v1/orgs/espoo/recruitment/jobmarket",
            json!({"endpoint": "file:///etc/passwd", "username": USER}),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("jobmarket-endpoint-invalid"))
    );

    // Removed: the next change says so again.
    let (s, _) = app
        .api(&w.admin.token)
        .call(reqwest::Method::DELETE, "/api/v1/orgs/espoo/recruitment/jobmarket", None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    ads::update(
        &app.db,
        &w.recruiter,
        None,
        &w.org,
        &ad.id,
        &ad_input("Kirjastonhoitaja (muutettu)", Some("2622")),
    )
    .await
    .unwrap();
    assert_eq!(round(&app, now()).await.not_configured, 1);
    assert_eq!(fake.seen().len(), 1);
}

async fn an_incomplete_ad_says_what_it_lacks_until_fixed(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    let (endpoint, fake) = job_market(Duration::ZERO).await;
    set_credentials(&app, &w, &endpoint).await;
    let ad = publish(&app, &w, &ad_input("Siivooja", None)).await;

    let t = now();
    assert_eq!(round(&app, t).await.not_sendable, 1);
    let stored = state(&app, &w, &ad.id).await;
    assert_eq!(stored.jobmarket_state, JobmarketState::NotSendable);
    let reasons = jobmarket_worker::reasons(&stored);
    assert_eq!(
        reasons.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        ["recruitment-jobmarket-no-occupation"]
    );
    assert_eq!(
        jobmarket_worker::status_text(&stored, Lang::En).0,
        "Not sent: occupation code missing"
    );
    let (_, st) = app
        .api(&w.admin.token)
        .get(&format!("/api/v1/orgs/espoo/job-ads/{}/jobmarket", ad.id))
        .await;
    assert_eq!(st["reasons"][0]["key"], "recruitment-jobmarket-no-occupation");
    assert!(fake.seen().is_empty(), "nothing incomplete is sent");
    // Checked again later (the business ID is fixed elsewhere), not every round.
    assert_eq!(round(&app, t + 1).await.total(), 0);
    assert_eq!(round(&app, t + jobmarket_worker::RECHECK_SECONDS).await.not_sendable, 1);

    // Fixing the ad sends it at once.
    let fixed = ads::update(
        &app.db,
        &w.recruiter,
        None,
        &w.org,
        &ad.id,
        &ad_input("Siivooja", Some("9112")),
    )
    .await
    .unwrap();
    assert_eq!(fixed.jobmarket_state, JobmarketState::Pending);
    assert_eq!(round(&app, now()).await.sent, 1);
    assert_eq!(fake.seen()[0].body["position"]["occupation"], "9112");
}

async fn another_organisations_admin_cannot_reach_the_connection(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    let (endpoint, _fake) = job_market(Duration::ZERO).await;
    set_credentials(&app, &w, &endpoint).await;
    let ad = publish(&app, &w, &ad_input("Opettaja", Some("2341"))).await;
    let other = app.org("vantaa", "full").await;
    let intruder = app.person(&other, "paakayttaja@vantaa.test", Role::MainAdmin).await;
    let api = app.api(&intruder.token);
    let (s, body) = api.get("/api/v1/orgs/espoo/recruitment/jobmarket").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{body}");
    let (s, _) = api
        .put(
            "/api/v1/orgs/espoo/recruitment/jobmarket",
            json!({"endpoint": "https://evil.example/", "username": "x", "secret": "y"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) =
        api.call(reqwest::Method::DELETE, "/api/v1/orgs/espoo/recruitment/jobmarket", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = api.get(&format!("/api/v1/orgs/espoo/job-ads/{}/jobmarket", ad.id)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Nor its own organisation's slug with an ad id of ours.
    let (s, _) = api.get(&format!("/api/v1/orgs/vantaa/job-ads/{}/jobmarket", ad.id)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let browser = app.signed_in(&intruder).await;
    let (s, _) = browser.get_text("/orgs/espoo/recruitment/jobmarket").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let res = browser
        .post(
            "/orgs/espoo/recruitment/jobmarket",
            &[("endpoint", "https://evil.example/"), ("username", "x"), ("secret", "y")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (_, view) = app.api(&w.admin.token).get("/api/v1/orgs/espoo/recruitment/jobmarket").await;
    assert_eq!(view["endpoint"], endpoint.as_str(), "unchanged");
    // A recruiter of our own works the ads but does not manage the connection.
    let recruiter = app.person(&w.org, "toinen@espoo.test", Role::Recruiter).await;
    let (s, _) = app.api(&recruiter.token).get("/api/v1/orgs/espoo/recruitment/jobmarket").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .api(&recruiter.token)
        .get(&format!("/api/v1/orgs/espoo/job-ads/{}/jobmarket", ad.id))
        .await;
    assert_eq!(s, StatusCode::OK);
    // An organisation whose plan has no recruitment has no such page.
    let desk_only = app.org("kunta", "desk").await;
    let admin = app.person(&desk_only, "paakayttaja@kunta.test", Role::MainAdmin).await;
    let (s, _) = app.api(&admin.token).get("/api/v1/orgs/kunta/recruitment/jobmarket").await;
    assert!(s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND, "{s}");
}

async fn two_workers_send_an_ad_once(backend: Backend) {
    let app = spawn(backend).await;
    let w = world(&app).await;
    let (endpoint, fake) = job_market(Duration::from_millis(300)).await;
    set_credentials(&app, &w, &endpoint).await;
    let ad = publish(&app, &w, &ad_input("Sosiaalityöntekijä", Some("2635"))).await;
    // Two processes: the second with its own connection pool on the same database.
    let other = tupa_core::db::Db::connect(&app.database_url).await.unwrap();
    let t = now();
    let (c1, c2) = (client(), client());
    let (a, b) = tokio::join!(
        run_once(&app.db, &app.settings, &c1, t),
        run_once(&other, &app.settings, &c2, t)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 1, "{a:?} {b:?}");
    assert_eq!(fake.seen().len(), 1);
    assert_eq!(state(&app, &w, &ad.id).await.jobmarket_state, JobmarketState::Sent);

    // An edit while a send is under way is not lost: the send's outcome gives way to it.
    ads::update(
        &app.db,
        &w.recruiter,
        None,
        &w.org,
        &ad.id,
        &ad_input("Sosiaalityöntekijä", Some("2635")),
    )
    .await
    .unwrap();
    let in_flight = tokio::spawn({
        let db = other.clone();
        let settings = app.settings.clone();
        async move { run_once(&db, &settings, &client(), now()).await.unwrap() }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    ads::update(
        &app.db,
        &w.recruiter,
        None,
        &w.org,
        &ad.id,
        &ad_input("Sosiaalityöntekijä (päivitetty)", Some("2635")),
    )
    .await
    .unwrap();
    let first = in_flight.await.unwrap();
    assert_eq!(first.superseded, 1, "{first:?}");
    assert_eq!(
        state(&app, &w, &ad.id).await.jobmarket_state,
        JobmarketState::Pending,
        "the newer edit is still to be sent"
    );
    assert_eq!(round(&app, now()).await.sent, 1);
    let seen = fake.seen();
    assert_eq!(
        seen.last().unwrap().body["position"]["title"]["fi"],
        "Sosiaalityöntekijä (päivitetty)"
    );
    assert_eq!(state(&app, &w, &ad.id).await.jobmarket_state, JobmarketState::Sent);
    other.close().await;
}
