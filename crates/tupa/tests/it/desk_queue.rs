//! The work queue in pages (issue 14): a cursor continues exactly after the last row, through
//! the API's `Link` header and the page's "next page" link; a cursor of another order is
//! refused in the caller's language; quoted words are a phrase.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(queue_pages_follow_the_cursor, quoted_words_are_a_phrase);

async fn queue_pages_follow_the_cursor(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("porvoo", "full").await;
    let adviser = app.person(&org, "adv@porvoo.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    let mut made = vec![];
    for i in 0..5 {
        let (s, t) = api
            .post(
                "/api/v1/orgs/porvoo/tickets",
                json!({"name": "Asiakas", "email": format!("a{i}@example.fi"), "message": format!("Kysymys {i}")}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        made.push(t["case_number"].as_str().unwrap().to_string());
    }
    let client = reqwest::Client::new();
    let mut next = Some(app.url("/api/v1/orgs/porvoo/tickets?limit=2&status=all"));
    let mut seen: Vec<String> = vec![];
    let mut pages = 0;
    while let Some(url) = next.take() {
        let res = client.get(&url).bearer_auth(&adviser.token).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        next = res.headers().get("link").map(|l| {
            let l = l.to_str().unwrap();
            assert!(l.ends_with("rel=\"next\""), "{l}");
            assert!(l.contains("status=all") && l.contains("limit=2"), "filters kept: {l}");
            app.url(&l[1..l.find('>').unwrap()])
        });
        assert_eq!(next.is_some(), res.headers().get("x-next-cursor").is_some());
        let body: serde_json::Value = res.json().await.unwrap();
        let page: Vec<String> = body
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["case_number"].as_str().unwrap().to_string())
            .collect();
        assert!(page.len() <= 2);
        seen.extend(page);
        pages += 1;
        assert!(pages <= 3, "five rows in pages of two");
    }
    assert_eq!(pages, 3);
    let mut all = seen.clone();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 5, "every ticket once: {seen:?}");
    made.reverse();
    assert_eq!(seen, made, "newest first across pages");

    // Another order's cursor: refused, translated.
    let res = client
        .get(app.url("/api/v1/orgs/porvoo/tickets?limit=2"))
        .bearer_auth(&adviser.token)
        .send()
        .await
        .unwrap();
    let cursor = res.headers()["x-next-cursor"].to_str().unwrap().to_string();
    let (s, e) = api.get(&format!("/api/v1/orgs/porvoo/tickets?sort=due&cursor={cursor}")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["code"], "cursor-invalid");
    assert!(!e["message"].as_str().unwrap().contains("cursor-invalid"), "translated: {e}");
    let (s, _) = api.get("/api/v1/orgs/porvoo/tickets?cursor=%21%21").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    // The page: a next link that keeps the filters, and a way back to the top.
    let b = app.signed_in(&adviser).await;
    let (s, html) = b.get_text("/orgs/porvoo/desk?limit=2").await;
    assert_eq!(s, StatusCode::OK);
    let at = html.find("rel=\"next\"").expect("a next page link");
    let href_start = html[..at].rfind("href=\"").unwrap() + 6;
    let href = html[href_start..at]
        .trim_end()
        .trim_end_matches('"')
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    assert!(href.contains("limit=2") && href.contains("cursor="), "{href}");
    let (s, second) = b.get_text(&href).await;
    assert_eq!(s, StatusCode::OK);
    let on = |page: &str| -> Vec<usize> {
        (0..5).filter(|i| page.contains(&format!(">{}</a>", made[*i]))).collect()
    };
    assert_eq!(on(&html), [0, 1], "the first page of the HTML queue");
    assert_eq!(on(&second), [2, 3], "the second page of the HTML queue: {href}");
}

async fn quoted_words_are_a_phrase(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("loviisa", "full").await;
    let adviser = app.person(&org, "adv@loviisa.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    let mut case = vec![];
    for message in ["Laskun eräpäivä siirtyy?", "Eräpäivä ja laskun summa", "Muu asia"] {
        let (s, t) = api
            .post(
                "/api/v1/orgs/loviisa/tickets",
                json!({"name": "Asiakas", "email": "a@example.fi", "message": message}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        case.push(t["case_number"].as_str().unwrap().to_string());
    }
    let found = |q: &'static str| {
        let api = &api;
        async move {
            let (s, body) =
                api.get(&format!("/api/v1/orgs/loviisa/tickets?status=all&q={q}")).await;
            assert_eq!(s, StatusCode::OK, "{body}");
            let mut c: Vec<String> = body
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["case_number"].as_str().unwrap().to_string())
                .collect();
            c.sort();
            c
        }
    };
    let mut both = vec![case[0].clone(), case[1].clone()];
    both.sort();
    assert_eq!(found("laskun+er%C3%A4p%C3%A4iv%C3%A4").await, both, "words anywhere");
    assert_eq!(
        found("%22laskun+er%C3%A4p%C3%A4iv%C3%A4%22").await,
        vec![case[0].clone()],
        "a phrase"
    );
    // Ranked: both found, the best first.
    let (s, body) = api
        .get("/api/v1/orgs/loviisa/tickets?q=laskun+er%C3%A4p%C3%A4iv%C3%A4&sort=relevance")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body.as_array().unwrap().len(), 2);
}
