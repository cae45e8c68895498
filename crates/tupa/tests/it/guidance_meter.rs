//! The life-situation meter and client feedback: instruments (Tupa's default and an
//! organisation's own, strictly validated), the client's answers and their chart, the
//! counsellor's choice, and feedback that reaches reports without a link to the client.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Api, Backend, Browser, TestApp, location, spawn};

both_backends!(
    the_default_meter_is_listed_and_an_organisation_loads_its_own,
    bad_instruments_are_refused_with_translated_messages,
    the_client_answers_again_and_the_chart_shows_every_answer,
    bad_answers_and_other_spaces_are_refused,
    feedback_is_counted_without_a_link_to_the_client,
);

/// A small valid instrument of an organisation.
pub fn own_meter() -> Value {
    let t = |fi: &str, sv: &str, en: &str| json!({"fi": fi, "sv": sv, "en": en});
    json!({
        "name": t("Oma mittari", "Egen mätare", "Own meter"),
        "scale": {"min": 1, "max": 5, "min_label": t("Huono", "Dålig", "Poor"), "max_label": t("Hyvä", "Bra", "Good")},
        "thresholds": {"direction": "higher-is-better", "red": 3, "amber": 4},
        "areas": [
            {"key": "work", "label": t("Työ", "Arbete", "Work")},
            {"key": "rest", "label": t("Lepo", "Vila", "Rest"), "help": t("Uni ja palautuminen", "Sömn och återhämtning", "Sleep and recovery")}
        ],
        "org_default": true
    })
}

fn with_lang(api: Api, lang: &'static str) -> Api {
    Api { lang: Some(lang), ..api }
}

async fn open_space(app: &TestApp, token: &str, slug: &str, email: &str) -> (String, String) {
    let (status, body) = app
        .api(token)
        .post(
            &format!("/api/v1/orgs/{slug}/spaces"),
            json!({"title": "Elämäntilanne", "client_email": email, "lang": "fi"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    (body["id"].as_str().unwrap().to_string(), body["invite_url"].as_str().unwrap().to_string())
}

/// A browser that identifies as `persona` and enters the space through the invitation.
async fn client_enters(app: &TestApp, invite_url: &str, persona: &str) -> Browser {
    let path = invite_url.strip_prefix(&app.base).unwrap().to_string();
    let b = app.browser().await;
    let res = b.post("/auth/test-identification", &[("persona", persona), ("next", &path)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = b.post(&path, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    b
}

/// The default meter's ten areas with `v` in each, as the answer form posts them.
pub(crate) fn form_values(values: &[i64]) -> Vec<(String, String)> {
    let keys = [
        "health",
        "resilience",
        "housing",
        "everyday-coping",
        "family",
        "friends",
        "finances",
        "strengths",
        "self-esteem",
        "life-as-a-whole",
    ];
    let mut out: Vec<(String, String)> =
        keys.iter().zip(values).map(|(k, v)| (format!("v-{k}"), v.to_string())).collect();
    out.push(("meter_id".into(), "tupa-default".into()));
    out
}

pub(crate) async fn answer(
    client: &Browser,
    id: &str,
    pairs: &[(String, String)],
) -> (StatusCode, String) {
    let form: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = client.post(&format!("/spaces/{id}/meter"), &form).await;
    let status = res.status();
    let loc = location(&res);
    (status, if status == StatusCode::SEE_OTHER { loc } else { res.text().await.unwrap() })
}

async fn the_default_meter_is_listed_and_an_organisation_loads_its_own(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("vaasa", "full").await;
    let admin = app.person(&org, "admin@vaasa.test", Role::MainAdmin).await;
    let counsellor = app.person(&org, "ohjaaja@vaasa.test", Role::Counsellor).await;
    let adviser = app.person(&org, "neuvoja@vaasa.test", Role::Adviser).await;

    let (status, list) = app.api(&counsellor.token).get("/api/v1/orgs/vaasa/meters").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 1);
    let default = &list[0];
    assert_eq!(
        (default["id"].as_str(), default["builtin"].as_bool()),
        (Some("tupa-default"), Some(true))
    );
    assert_eq!(default["org_default"], true);
    assert_eq!(default["areas"].as_array().unwrap().len(), 10);
    assert_eq!(default["areas"][9]["label"]["sv"], "Livet som helhet");
    assert_eq!(
        (default["scale"]["min"].as_i64(), default["scale"]["max"].as_i64()),
        (Some(0), Some(10))
    );
    assert_eq!(
        default["thresholds"],
        json!({"direction": "higher-is-better", "red": 6, "amber": 8})
    );

    // Only the main admin loads one; a counsellor chooses among them.
    let (status, _) =
        app.api(&counsellor.token).post("/api/v1/orgs/vaasa/meters", own_meter()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.api(&adviser.token).get("/api/v1/orgs/vaasa/meters").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, created) =
        app.api(&admin.token).post("/api/v1/orgs/vaasa/meters", own_meter()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["org_default"], true);
    let (_, list) = app.api(&admin.token).get("/api/v1/orgs/vaasa/meters").await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["org_default"], false, "the organisation's own is now its default");
    assert_eq!(list[1]["id"], created["id"]);
    assert_eq!(list[1]["areas"][1]["help"]["en"], "Sleep and recovery");
    assert!(app.audit_actions(Some(&org.id)).await.contains(&"meter-loaded".to_string()));

    // A new space uses the organisation's default; the counsellor can go back to Tupa's.
    let (id, _) = open_space(&app, &counsellor.token, "vaasa", "asiakas@example.fi").await;
    let api = app.api(&counsellor.token);
    let (_, m) = api.get(&format!("/api/v1/spaces/{id}/meter")).await;
    assert_eq!(
        (m["meter"]["id"].clone(), m["chosen"].clone()),
        (created["id"].clone(), json!(false))
    );
    let (status, m) = api
        .post(
            &format!("/api/v1/spaces/{id}/meter"),
            json!({"meter_id": "tupa-default", "ask": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{m}");
    assert_eq!(
        (m["meter"]["id"].as_str(), m["chosen"].as_bool()),
        (Some("tupa-default"), Some(true))
    );
    assert!(m["asked_at"].is_i64());

    // The page of meters for the main admin, with the form that loads one.
    let b = app.signed_in(&admin).await;
    let (status, html) = b.get_text("/orgs/vaasa/meters").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Oma mittari") && html.contains("Elämäntilannemittari"));
    let mut bad = own_meter();
    bad["areas"][0]["label"]["sv"] = json!("");
    let (status, html) =
        b.post_text("/orgs/vaasa/meters", &[("definition", &bad.to_string())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("suomeksi, ruotsiksi ja englanniksi"), "translated: {html}");
    let (status, _) = b.post_text("/orgs/vaasa/meters", &[("definition", "{not json")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = b.post("/orgs/vaasa/meters", &[("definition", &own_meter().to_string())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, list) = app.api(&admin.token).get("/api/v1/orgs/vaasa/meters").await;
    assert_eq!(list.as_array().unwrap().len(), 3);
}

/// A change that breaks an instrument, the field it breaks and the message expected.
type BadCase = (Box<dyn Fn(&mut Value)>, &'static str, &'static str);

async fn bad_instruments_are_refused_with_translated_messages(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kemi", "full").await;
    let admin = app.person(&org, "admin@kemi.test", Role::MainAdmin).await;
    let en = with_lang(app.api(&admin.token), "en");
    let cases: Vec<BadCase> = vec![
        (
            Box::new(|m| m["areas"][1]["label"]["sv"] = json!("  ")),
            "meter-area-label-missing",
            "Finnish, Swedish and English",
        ),
        (
            Box::new(|m| m["name"] = json!({"fi": "Vain suomeksi"})),
            "meter-name-missing",
            "Finnish, Swedish and English",
        ),
        (
            Box::new(|m| m["thresholds"]["red"] = json!(9)),
            "meter-thresholds-outside-scale",
            "inside the scale",
        ),
        (
            Box::new(|m| m["thresholds"]["amber"] = json!(2)),
            "meter-thresholds-outside-scale",
            "inside the scale",
        ),
        (Box::new(|m| m["scale"]["max"] = json!(500)), "meter-scale-invalid", "100 steps"),
        (Box::new(|m| m["areas"] = json!([])), "meter-areas-count", "1–30"),
        (
            Box::new(|m| {
                let area = m["areas"][0].clone();
                m["areas"] = json!(
                    (0..31)
                        .map(|i| {
                            let mut a = area.clone();
                            a["key"] = json!(format!("a{i}"));
                            a
                        })
                        .collect::<Vec<_>>()
                );
            }),
            "meter-areas-count",
            "1–30",
        ),
        (
            Box::new(|m| m["areas"][1]["key"] = json!("work")),
            "meter-area-key-duplicate",
            "same key",
        ),
        (
            Box::new(|m| m["areas"][1]["key"] = json!("Lepo & uni")),
            "meter-area-key-invalid",
            "lower-case",
        ),
        (
            Box::new(|m| m["areas"][0]["label"]["en"] = json!("x".repeat(201))),
            "meter-text-too-long",
            "too long",
        ),
        (
            Box::new(|m| m["areas"][0]["help"] = json!({"fi": "Apu"})),
            "meter-area-label-missing",
            "help text",
        ),
    ];
    for (i, (spoil, code, words)) in cases.iter().enumerate() {
        let mut m = own_meter();
        spoil(&mut m);
        let (status, body) = en.post("/api/v1/orgs/kemi/meters", m).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "case {i}: {body}");
        assert_eq!(body["code"], *code, "case {i}");
        assert!(body["message"].as_str().unwrap().contains(words), "case {i}: {body}");
    }
    // Finnish for a Finnish caller.
    let mut m = own_meter();
    m["areas"] = json!([]);
    let (_, body) =
        with_lang(app.api(&admin.token), "fi").post("/api/v1/orgs/kemi/meters", m).await;
    assert_eq!(body["message"], "Mittarissa on 1–30 osa-aluetta.");
    // A misspelt field is not silently dropped.
    let mut m = own_meter();
    m["areas"][0]["lable"] = json!("x");
    let (status, _) = en.post("/api/v1/orgs/kemi/meters", m).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing of these was stored.
    let (_, list) = en.get("/api/v1/orgs/kemi/meters").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    // Another organisation's main admin cannot load or read here.
    let other = app.org("tornio", "full").await;
    let other_admin = app.person(&other, "admin@tornio.test", Role::MainAdmin).await;
    let (status, _) =
        app.api(&other_admin.token).post("/api/v1/orgs/kemi/meters", own_meter()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.api(&other_admin.token).get("/api/v1/orgs/kemi/meters").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn the_client_answers_again_and_the_chart_shows_every_answer(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let counsellor = app.person(&org, "kaisa@oulu.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "oulu", "anna@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;

    let (status, html) = client.get_text(&format!("/spaces/{id}/meter")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("<fieldset").count(), 10, "one fieldset per area");
    assert!(html.contains("0 = Erittäin tyytymätön, 10 = Erittäin tyytyväinen"));
    assert!(html.contains(r#"name="v-life-as-a-whole" value="10""#));

    let first = [4, 5, 6, 7, 8, 9, 10, 3, 2, 5];
    let (status, loc) = answer(&client, &id, &form_values(&first)).await;
    assert_eq!(
        (status, loc.as_str()),
        (StatusCode::SEE_OTHER, format!("/spaces/{id}?notice=meter-saved").as_str())
    );
    let second = [7, 5, 8, 7, 8, 9, 10, 6, 6, 8];
    let mut pairs = form_values(&second);
    pairs.push(("comment".into(), "Parempi kuukausi".into()));
    assert_eq!(answer(&client, &id, &pairs).await.0, StatusCode::SEE_OTHER);

    // The counsellor reads both through the API, and cannot answer for the client.
    let api = app.api(&counsellor.token);
    let (status, list) = api.get(&format!("/api/v1/spaces/{id}/meter-answers")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["values"]["health"], 4);
    assert_eq!(list[1]["values"]["health"], 7);
    assert_eq!(list[1]["comment"], "Parempi kuukausi");
    let values: Value = json!({"health": 5, "resilience": 5, "housing": 5, "everyday-coping": 5, "family": 5, "friends": 5, "finances": 5, "strengths": 5, "self-esteem": 5, "life-as-a-whole": 5});
    let (status, _) = api
        .post(
            &format!("/api/v1/spaces/{id}/meter-answers"),
            json!({"meter_id": "tupa-default", "values": values}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) =
        app.signed_in(&counsellor).await.get_text(&format!("/spaces/{id}/meter")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The chart and its table, on the client's and the counsellor's page.
    for b in [&client, &app.signed_in(&counsellor).await] {
        let (status, html) = b.get_text(&format!("/spaces/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(html.matches(r#"<svg class="meter-chart""#).count(), 10, "a chart per area");
        assert!(html.contains("<caption id=\"meter-table-caption\">"));
        // Terveys went from 4 (red) to 7 (amber): written in the table and in the chart.
        let row = html.split("<th scope=\"row\">Terveys</th>").nth(1).unwrap();
        let row = row.split("</tr>").next().unwrap();
        assert_eq!(row, "<td>4 (punainen)</td><td>7 (keltainen)</td>");
        assert!(html.contains(">4</text>") && html.contains(">7</text>"), "values in the chart");
        assert!(
            html.contains("<rect x=\"") && html.contains("<polygon"),
            "red square, amber triangle"
        );
        assert!(html.contains("Terveys: vastaukset ajan mittaan"), "the chart has a name");
    }
    // Without JavaScript the answer form is plain radio buttons; the space links to it.
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains(&format!("href=\"/spaces/{id}/meter\"")));
}

async fn bad_answers_and_other_spaces_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let other_org = app.org("hamina", "full").await;
    let admin = app.person(&org, "admin@lahti.test", Role::MainAdmin).await;
    let other_admin = app.person(&other_org, "admin@hamina.test", Role::MainAdmin).await;
    let counsellor = app.person(&org, "ohjaaja@lahti.test", Role::Counsellor).await;
    let stranger = app.person(&other_org, "ohjaaja@hamina.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "lahti", "anna@example.fi").await;
    let (id2, invite2) = open_space(&app, &counsellor.token, "lahti", "ville@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let _ville = client_enters(&app, &invite2, "ville").await;

    let mut out_of_range = form_values(&[4, 5, 6, 7, 8, 9, 10, 3, 2, 5]);
    out_of_range[0].1 = "11".into();
    let (status, html) = answer(&client, &id, &out_of_range).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Vastaus on mittarin asteikon ulkopuolella."), "{html}");
    assert!(
        html.contains(r#"value="8" required checked"#) || html.contains("checked"),
        "answers kept"
    );
    let mut unknown = form_values(&[4, 5, 6, 7, 8, 9, 10, 3, 2, 5]);
    unknown.push(("v-salary".into(), "5".into()));
    let (status, html) = answer(&client, &id, &unknown).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Vastauksessa on osa-alue, jota mittarissa ei ole."));
    let (status, html) = answer(&client, &id, &form_values(&[4, 5, 6])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Vastaa jokaiseen osa-alueeseen."));
    // Each area left without a value says so in its own group; the answered ones do not.
    assert!(html.contains(r#"id="unanswered-everyday-coping">Valitse arvo kohtaan ”"#), "{html}");
    assert!(!html.contains(r#"id="unanswered-housing""#), "housing was answered: {html}");
    assert_eq!(html.matches("class=\"field-error\" id=\"unanswered-").count(), 7, "{html}");
    let mut forged = form_values(&[4, 5, 6, 7, 8, 9, 10, 3, 2, 5]);
    forged[1].1 = "viisi".into();
    assert_eq!(answer(&client, &id, &forged).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let mut long = form_values(&[4, 5, 6, 7, 8, 9, 10, 3, 2, 5]);
    long.push(("comment".into(), "x".repeat(2001)));
    assert_eq!(answer(&client, &id, &long).await.0, StatusCode::UNPROCESSABLE_ENTITY);

    // Another organisation's meter is not this space's.
    let (_, theirs) =
        app.api(&other_admin.token).post("/api/v1/orgs/hamina/meters", own_meter()).await;
    let mut foreign = form_values(&[4, 5, 6, 7, 8, 9, 10, 3, 2, 5]);
    foreign.last_mut().unwrap().1 = theirs["id"].as_str().unwrap().to_string();
    let (status, html) = answer(&client, &id, &foreign).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Tämä mittari ei ole käytössä täällä."));
    let (status, body) = app
        .api(&counsellor.token)
        .post(&format!("/api/v1/spaces/{id}/meter"), json!({"meter_id": theirs["id"]}))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("meter-unknown"))
    );
    // After the counsellor switches to the organisation's own meter, answers to the old
    // one are refused.
    let (_, ours) = app.api(&admin.token).post("/api/v1/orgs/lahti/meters", own_meter()).await;
    let (status, _) = app
        .api(&counsellor.token)
        .post(&format!("/api/v1/spaces/{id}/meter"), json!({"meter_id": ours["id"], "ask": true}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("Ohjaajasi pyytää sinua vastaamaan elämäntilannemittariin."));
    assert_eq!(
        answer(&client, &id, &form_values(&[4, 5, 6, 7, 8, 9, 10, 3, 2, 5])).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let ours_id = ours["id"].as_str().unwrap().to_string();
    let ok = vec![
        ("meter_id".to_string(), ours_id.clone()),
        ("v-work".into(), "2".into()),
        ("v-rest".into(), "5".into()),
    ];
    assert_eq!(answer(&client, &id, &ok).await.0, StatusCode::SEE_OTHER);
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(!html.contains("Ohjaajasi pyytää sinua vastaamaan"), "answering closes the request");
    assert!(html.contains("<td>2 (punainen)</td>"));

    // Nothing of the refusals was stored.
    let (_, list) =
        app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/meter-answers")).await;
    assert_eq!(list.as_array().unwrap().len(), 1);

    // Another space's client, another organisation's counsellor: 404.
    let (status, _) = answer(&client, &id2, &ok).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(client.get(&format!("/spaces/{id2}/meter")).await.status(), StatusCode::NOT_FOUND);
    for path in ["meter-answers", "meter", "feedback"] {
        let (status, body) =
            app.api(&stranger.token).get(&format!("/api/v1/spaces/{id}/{path}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
    }
    let (status, _) = app
        .api(&stranger.token)
        .post(&format!("/api/v1/spaces/{id}/meter"), json!({"meter_id": "tupa-default"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn feedback_is_counted_without_a_link_to_the_client(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("pori", "full").await;
    let counsellor = app.person(&org, "ohjaaja@pori.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "pori", "anna@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let api = app.api(&counsellor.token);

    // The counsellor asks; the client sees it and answers with the form.
    let (status, s) = api.post(&format!("/api/v1/spaces/{id}/feedback-request"), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{s}");
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("Ohjaajasi pyytää palautetta tapaamisesta."));
    assert!(!html.contains(r#"value="closing""#), "closing feedback waits for the closing");
    let res = client
        .post(
            &format!("/spaces/{id}/feedback"),
            &[("occasion", "meeting"), ("score", "4"), ("comment", "Hyvä tapaaminen")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, html) = client
        .post_text(&format!("/spaces/{id}/feedback"), &[("occasion", "meeting"), ("score", "6")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Valitse arvosana 1–5."));
    let (status, _) = client
        .post_text(&format!("/spaces/{id}/feedback"), &[("occasion", "closing"), ("score", "5")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the space is not closed");

    // The counsellor sees that feedback was given, not what; and cannot give it.
    let (status, s) = api.get(&format!("/api/v1/spaces/{id}/feedback")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        s,
        json!({"asked_at": null, "meeting_count": 1, "closing_given": false, "closing_open": false})
    );
    let (_, html) = app.signed_in(&counsellor).await.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("Palautteita tapaamisista: 1. Päättyessä: ei annettu."));
    assert!(!html.contains("Hyvä tapaaminen"));
    let (status, _) = api
        .post(&format!("/api/v1/spaces/{id}/feedback"), json!({"occasion": "meeting", "score": 5}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // At closing the client sees a prompt and gives it once.
    api.post(&format!("/api/v1/spaces/{id}/status"), json!({"status": "closed"})).await;
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("Tila on suljettu. Miten ohjaus kokonaisuutena sujui?"));
    let res = client
        .post(
            &format!("/spaces/{id}/feedback"),
            &[("occasion", "closing"), ("score", "5"), ("comment", "Kiitos kaikesta")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, html) = client
        .post_text(&format!("/spaces/{id}/feedback"), &[("occasion", "closing"), ("score", "1")])
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("Olet jo antanut palautteen koko ohjauksesta."));

    // Stored for reports: organisation, counsellor, day, score and text, but no client, no
    // space and no moment.
    let columns: Vec<(String,)> = match backend {
        Backend::Sqlite => sqlx::query_as("SELECT name FROM pragma_table_info('guidance_feedback')").fetch_all(app.db.pool()).await.unwrap(),
        Backend::Postgres => sqlx::query_as("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'guidance_feedback'").fetch_all(app.db.pool()).await.unwrap(),
    };
    let columns: Vec<String> = columns.into_iter().map(|c| c.0).collect();
    assert!(
        !columns.iter().any(|c| c.contains("user") || c.contains("space") || c.contains("client")),
        "{columns:?}"
    );
    let rows: Vec<(String, String, i64, String, i64)> = sqlx::query_as(
        "SELECT id, occasion, score, counsellor_id, given_on FROM guidance_feedback ORDER BY occasion",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].1.as_str(), rows[0].2), ("closing", 5));
    assert_eq!((rows[1].1.as_str(), rows[1].2), ("meeting", 4));
    assert!(rows.iter().all(|r| r.3 == counsellor.id && r.4 % 86_400 == 0));
    assert_eq!(
        uuid::Uuid::parse_str(&rows[0].0).unwrap().get_version_num(),
        4,
        "no time in the id"
    );
    let counts =
        tupa_core::guidance::feedback::counts(&app.db, &org.id, 0, i64::MAX).await.unwrap();
    assert_eq!(
        counts,
        vec![
            (counsellor.id.clone(), "closing".into(), 1, 5),
            (counsellor.id.clone(), "meeting".into(), 1, 4),
        ]
    );
}
