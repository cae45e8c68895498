//! The API's contract (issue 11): creations with `Idempotency-Key` happen once however often
//! (and however concurrently) a client retries; a write without credentials is 401, not a
//! CSRF refusal; and real answers match the OpenAPI document's schemas.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(
    ticket_creation_is_idempotent,
    concurrent_retries_make_one_ticket,
    message_creation_is_idempotent,
    applicant_message_is_idempotent,
    unauthenticated_write_is_401,
    queues_answer_matches_the_document,
    closed_sets_are_documented_by_their_words,
    every_reference_resolves,
);

/// POSTs JSON with a bearer token and an optional idempotency key; returns status, the
/// `Idempotent-Replayed` header and the body.
async fn post_keyed(
    app: &TestApp,
    token: &str,
    path: &str,
    key: Option<&str>,
    body: &Value,
) -> (StatusCode, bool, Value) {
    let mut req = reqwest::Client::new()
        .post(app.url(path))
        .bearer_auth(token)
        .header("accept-language", "en")
        .json(body);
    if let Some(key) = key {
        req = req.header("Idempotency-Key", key);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let replayed = res.headers().get("idempotent-replayed").is_some();
    (status, replayed, res.json().await.unwrap())
}

async fn desk(app: &TestApp) -> (String, String) {
    app.operator().await;
    let org = app.org("porvoo", "full").await;
    let anna = app.person(&org, "anna@porvoo.test", Role::Adviser).await;
    let bert = app.person(&org, "bert@porvoo.test", Role::Adviser).await;
    (anna.token, bert.token)
}

async fn ticket_count(app: &TestApp, token: &str) -> usize {
    let (s, list) = app.api(token).get("/api/v1/orgs/porvoo/tickets").await;
    assert_eq!(s, StatusCode::OK, "{list}");
    list.as_array().unwrap().len()
}

fn contact(message: &str) -> Value {
    json!({"name": "Asiakas", "email": "asiakas@example.fi", "subject": "Pysäköinti", "message": message})
}

async fn ticket_creation_is_idempotent(backend: Backend) {
    let app = spawn(backend).await;
    let (anna, bert) = desk(&app).await;
    let path = "/api/v1/orgs/porvoo/tickets";
    let body = contact("Pysäköintilupa");

    let (s1, replayed1, first) = post_keyed(&app, &anna, path, Some("retry-1"), &body).await;
    assert_eq!(s1, StatusCode::CREATED, "{first}");
    assert!(!replayed1);
    // The answer was lost; the client sends the same request again.
    let (s2, replayed2, second) = post_keyed(&app, &anna, path, Some("retry-1"), &body).await;
    assert_eq!(s2, StatusCode::CREATED, "{second}");
    assert!(replayed2, "a replay says so");
    assert_eq!(second, first, "the same answer, case number included");
    assert_eq!(ticket_count(&app, &anna).await, 1);

    // The same key with another body is a client bug: refused, in the caller's language.
    let (s, _, refused) =
        post_keyed(&app, &anna, path, Some("retry-1"), &contact("Toinen asia")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["code"], "idempotency-key-reused");
    assert!(refused["message"].as_str().unwrap().contains("already used"), "{refused}");
    assert_eq!(ticket_count(&app, &anna).await, 1);

    // Keys belong to their caller: another adviser's identical key is a request of its own.
    let (s, _, other) = post_keyed(&app, &bert, path, Some("retry-1"), &body).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_ne!(other["case_number"], first["case_number"]);
    // Without a key nothing is remembered, and a bad key is refused before anything happens.
    let (s, _, _) = post_keyed(&app, &anna, path, None, &body).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _, bad) = post_keyed(&app, &anna, path, Some(&"k".repeat(256)), &body).await;
    assert_eq!(
        (s, bad["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("idempotency-key-invalid"))
    );
    assert_eq!(ticket_count(&app, &anna).await, 3);

    // After 24 hours a key is forgotten and may be used again.
    sqlx::query("UPDATE idempotency_keys SET created_at = created_at - 86401")
        .execute(app.db.pool())
        .await
        .unwrap();
    let (s, replayed, again) =
        post_keyed(&app, &anna, path, Some("retry-1"), &contact("Toinen asia")).await;
    assert_eq!(s, StatusCode::CREATED, "{again}");
    assert!(!replayed);
    assert_ne!(again["case_number"], first["case_number"]);
}

async fn concurrent_retries_make_one_ticket(backend: Backend) {
    let app = spawn(backend).await;
    let (anna, _) = desk(&app).await;
    let body = contact("Samaan aikaan");
    let mut tasks = vec![];
    for _ in 0..8 {
        let (url, token, body) =
            (app.url("/api/v1/orgs/porvoo/tickets"), anna.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let res = reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .header("Idempotency-Key", "same-moment")
                .json(&body)
                .send()
                .await
                .unwrap();
            (res.status(), res.json::<Value>().await.unwrap())
        }));
    }
    let mut cases = std::collections::BTreeSet::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{body}");
        cases.insert(body["case_number"].as_str().unwrap().to_string());
    }
    assert_eq!(cases.len(), 1, "every retry got the one ticket: {cases:?}");
    assert_eq!(ticket_count(&app, &anna).await, 1);
}

async fn message_creation_is_idempotent(backend: Backend) {
    let app = spawn(backend).await;
    let (anna, _) = desk(&app).await;
    let (s, _, ticket) =
        post_keyed(&app, &anna, "/api/v1/orgs/porvoo/tickets", None, &contact("Kysymys")).await;
    assert_eq!(s, StatusCode::CREATED);
    let case = ticket["case_number"].as_str().unwrap();
    let path = format!("/api/v1/tickets/{case}/messages");
    let reply = json!({"body": "Vastaus kysymykseenne", "public": true});
    let (s1, _, first) = post_keyed(&app, &anna, &path, Some("reply-1"), &reply).await;
    assert_eq!(s1, StatusCode::CREATED, "{first}");
    let (s2, replayed, second) = post_keyed(&app, &anna, &path, Some("reply-1"), &reply).await;
    assert_eq!((s2, replayed), (StatusCode::CREATED, true));
    assert_eq!(second["id"], first["id"]);
    let (_, detail) = app.api(&anna).get(&format!("/api/v1/tickets/{case}")).await;
    let replies = detail["messages"].as_array().unwrap().iter().filter(|m| m["kind"] == "reply");
    assert_eq!(replies.count(), 1, "one reply, one mail");
    assert_eq!(app.outbox_to("asiakas@example.fi").await.len(), 2, "acknowledgement and one reply");
    let (s, _, refused) =
        post_keyed(&app, &anna, &path, Some("reply-1"), &json!({"body": "Toinen"})).await;
    assert_eq!(
        (s, refused["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("idempotency-key-reused"))
    );
}

async fn applicant_message_is_idempotent(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("turku", "full").await;
    let main = app.person(&org, "main@turku.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekry@turku.test", Role::Recruiter).await;
    let ad = crate::applications::open_ad(&app, &org, &recruiter).await;
    let (s, html) = crate::applications::apply(
        &app,
        "turku",
        &ad.id,
        crate::applications::form("aino@example.fi"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{html}");
    let (id,): (String,) =
        sqlx::query_as("SELECT id FROM applications").fetch_one(app.db.pool()).await.unwrap();
    let (s, invite) = app
        .api(&main.token)
        .post(
            "/api/v1/orgs/turku/recruitment/templates",
            json!({"kind": "message", "name": "Kutsu", "texts": {"fi": {"subject": "Kutsu haastatteluun", "body": "Tervetuloa, {first_name}."}}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{invite}");
    let path = format!("/api/v1/orgs/turku/applications/{id}/actions");
    let message = json!({"action": "message", "template_id": invite["id"]});
    let sent = || async {
        app.outbox_to("aino@example.fi")
            .await
            .into_iter()
            .filter(|m| m.subject.starts_with("Kutsu"))
            .count()
    };
    let (s1, _, first) =
        post_keyed(&app, &recruiter.token, &path, Some("invite-1"), &message).await;
    assert_eq!(s1, StatusCode::OK, "{first}");
    let (s2, replayed, second) =
        post_keyed(&app, &recruiter.token, &path, Some("invite-1"), &message).await;
    assert_eq!((s2, replayed), (StatusCode::OK, true));
    assert_eq!(second, first);
    assert_eq!(sent().await, 1, "one invitation however often it is retried");
    // A retry that finds the mail sent but the answer not kept (a crash in between) gets the
    // application as it is now, and still no second mail.
    sqlx::query("UPDATE idempotency_keys SET status = 0, response = ''")
        .execute(app.db.pool())
        .await
        .unwrap();
    let (s3, replayed, third) =
        post_keyed(&app, &recruiter.token, &path, Some("invite-1"), &message).await;
    assert_eq!((s3, replayed), (StatusCode::OK, true));
    assert_eq!(third["id"], first["id"]);
    assert_eq!(sent().await, 1);
    // Without a key each call mails.
    post_keyed(&app, &recruiter.token, &path, None, &message).await;
    assert_eq!(sent().await, 2);
}

async fn unauthenticated_write_is_401(backend: Backend) {
    let app = spawn(backend).await;
    desk(&app).await;
    let client = reqwest::Client::new();
    for (method, path) in [
        (reqwest::Method::POST, "/api/v1/orgs/porvoo/tickets"),
        (reqwest::Method::PATCH, "/api/v1/me"),
        (reqwest::Method::DELETE, "/api/v1/me/tokens/x"),
    ] {
        let res =
            client.request(method.clone(), app.url(path)).json(&contact("x")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "unauthenticated");
    }
    // A browser session still needs its CSRF token for a write.
    let org = tupa_core::organisations::by_slug(&app.db, "porvoo").await.unwrap().unwrap();
    let cecilia = app.person(&org, "cecilia@porvoo.test", Role::Adviser).await;
    let browser = app.signed_in(&cecilia).await;
    let res = browser
        .client
        .post(app.url("/api/v1/orgs/porvoo/tickets"))
        .json(&contact("x"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "csrf-failed");
}

async fn queues_answer_matches_the_document(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("porvoo", "full").await;
    let main = app.person(&org, "main@porvoo.test", Role::MainAdmin).await;
    let doc: Value =
        reqwest::get(app.url("/api/openapi.json")).await.unwrap().json().await.unwrap();
    let op = &doc["paths"]["/api/v1/orgs/{slug}/desk/queues"]["get"];
    let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
    let (s, body) = app.api(&main.token).get("/api/v1/orgs/porvoo/desk/queues").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!body.as_array().unwrap().is_empty());
    let errors = conforms(&doc, schema, &body, "$");
    assert!(errors.is_empty(), "the answer breaks the document: {errors:#?}\n{body:#}");
    // Every operation documents its error answers with the error body.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for status in ["401", "414", "422"] {
                let r = &op["responses"][status]["content"]["application/json"]["schema"]["$ref"];
                assert_eq!(r, "#/components/schemas/ApiErrorBody", "{method} {path} {status}");
            }
            if op.get("requestBody").is_some() {
                for status in ["400", "413", "415"] {
                    assert!(op["responses"].get(status).is_some(), "{method} {path} {status}");
                }
            }
        }
    }
}

/// The ways `value` breaks `schema` (a subset of JSON Schema: `$ref`, `type`, `properties`,
/// `required`, `items`, `oneOf`/`anyOf`/`allOf`), with undeclared properties as errors too.
fn conforms(doc: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return conforms(doc, &doc["components"]["schemas"][name], value, at);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema[key].as_array() {
            return if options.iter().any(|o| conforms(doc, o, value, at).is_empty()) {
                vec![]
            } else {
                vec![format!("{at}: matches none of {key}")]
            };
        }
    }
    if let Some(all) = schema["allOf"].as_array() {
        return all.iter().flat_map(|s| conforms(doc, s, value, at)).collect();
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return vec![],
    };
    let type_ok = types.iter().any(|t| match *t {
        "null" => value.is_null(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    });
    if !type_ok {
        return vec![format!("{at}: {value} is not {types:?}")];
    }
    let mut errors = vec![];
    if let Some(items) = value.as_array() {
        for (i, item) in items.iter().enumerate() {
            errors.extend(conforms(doc, &schema["items"], item, &format!("{at}[{i}]")));
        }
    }
    if let Some(object) = value.as_object() {
        let declared = schema["properties"].as_object();
        for name in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !object.contains_key(name) {
                errors.push(format!("{at}: required `{name}` missing"));
            }
        }
        for (name, v) in object {
            match declared.and_then(|d| d.get(name)) {
                Some(s) => errors.extend(conforms(doc, s, v, &format!("{at}.{name}"))),
                None if declared.is_some() => {
                    errors.push(format!("{at}: `{name}` is not in the document"))
                }
                None => {}
            }
        }
    }
    errors
}

/// Every closed set the API shows is documented by its words on the wire, not by the Rust
/// variant names (a macro detail once made the document say "New" where answers say "new",
/// which schemathesis found).
async fn closed_sets_are_documented_by_their_words(backend: Backend) {
    use tupa_core::desk::tickets::{MessageKind, TicketChannel, TicketPriority, TicketStatus};
    use tupa_core::guidance::SpaceStatus;
    use tupa_core::guidance::professionals::{ConsentDecision, ConsentStatus};
    use tupa_core::mail::inbound::AutoKind;
    use tupa_core::recruitment::ads::{AdAction, AdEventAction, AdFilter, AdState};
    use tupa_core::recruitment::applications::ApplicationEventKind;
    use tupa_core::recruitment::jobmarket_worker::JobmarketState;
    use tupa_core::recruitment::templates::TemplateKind;
    fn words<T: tupa_core::closed_set::ClosedSet>() -> Vec<Value> {
        T::ALL.iter().map(|v| json!(v.word())).collect()
    }
    let app = spawn(backend).await;
    let doc: Value =
        reqwest::get(app.url("/api/openapi.json")).await.unwrap().json().await.unwrap();
    let schemas = &doc["components"]["schemas"];
    for (name, expected) in [
        ("TicketStatus", words::<TicketStatus>()),
        ("TicketPriority", words::<TicketPriority>()),
        ("TicketChannel", words::<TicketChannel>()),
        ("MessageKind", words::<MessageKind>()),
        ("AdState", words::<AdState>()),
        ("AdAction", words::<AdAction>()),
        ("AdEventAction", words::<AdEventAction>()),
        ("AdFilter", words::<AdFilter>()),
        ("JobmarketState", words::<JobmarketState>()),
        ("ApplicationEventKind", words::<ApplicationEventKind>()),
        ("SpaceStatus", words::<SpaceStatus>()),
        ("ConsentStatus", words::<ConsentStatus>()),
        ("ConsentDecision", words::<ConsentDecision>()),
        ("AutoKind", words::<AutoKind>()),
        ("TemplateKind", words::<TemplateKind>()),
    ] {
        assert_eq!(schemas[name]["enum"], Value::Array(expected), "{name} in the document");
    }
}

/// Every `$ref` in the document names a schema the document has (a query parameter of a set
/// once pointed at `GroupBy`, which was missing; clients generated from the document fail on
/// such a reference).
async fn every_reference_resolves(backend: Backend) {
    fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v.as_str()) {
                        ("$ref", Some(r)) => out.push(r),
                        _ => refs(v, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let app = spawn(backend).await;
    let doc: Value =
        reqwest::get(app.url("/api/openapi.json")).await.unwrap().json().await.unwrap();
    let mut found = vec![];
    refs(&doc, &mut found);
    assert!(found.len() > 50, "only {} references", found.len());
    let missing: Vec<&str> = found
        .into_iter()
        .filter(|r| r.strip_prefix('#').and_then(|pointer| doc.pointer(pointer)).is_none())
        .collect();
    assert!(missing.is_empty(), "references to nothing: {missing:?}");
}
