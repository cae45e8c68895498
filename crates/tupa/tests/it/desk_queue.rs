//! The work queue in pages (issue 14): a cursor continues exactly after the last row, through
//! the API's `Link` header and the page's "next page" link; a cursor of another order is
//! refused in the caller's language; quoted words are a phrase; a word finds every word it
//! begins, through the index's vocabulary on SQLite, and relevance puts the best first.

use reqwest::StatusCode;
use serde_json::json;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(
    queue_pages_follow_the_cursor,
    quoted_words_are_a_phrase,
    words_find_every_word_they_begin,
    the_search_index_is_merged_into_one_segment
);

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

async fn words_find_every_word_they_begin(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("porvoo", "full").await;
    let adviser = app.person(&org, "adv@porvoo.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    // More words beginning "zz" than a prefix is expanded to (64): that one stays a prefix.
    let many: Vec<String> = (0..70).map(|i| format!("zz{i}")).collect();
    let messages = [
        "Hakemus on lähetetty".to_string(),
        "Hakemuksen liite puuttuu, kaukolämpölaskua koskee".to_string(),
        "Lähetin hakemusta eilen. Hakemusta ei näy. Hakemusta kysyn.".to_string(),
        format!("Muu asia, pitkä viesti ilman sitä sanaa {}", many.join(" ")),
    ];
    let mut case = vec![];
    for message in &messages {
        let (s, t) = api
            .post(
                "/api/v1/orgs/porvoo/tickets",
                json!({"name": "Asiakas", "email": "a@example.fi", "message": message}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        case.push(t["case_number"].as_str().unwrap().to_string());
    }
    let found = |q: String| {
        let api = &api;
        async move {
            let (s, body) = api.get(&format!("/api/v1/orgs/porvoo/tickets?status=all&{q}")).await;
            assert_eq!(s, StatusCode::OK, "{body}");
            body.as_array()
                .unwrap()
                .iter()
                .map(|t| t["case_number"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let cases = |ix: &[usize]| sorted(ix.iter().map(|i| case[*i].clone()).collect());
    assert_eq!(sorted(found("q=hakemu".into()).await), cases(&[0, 1, 2]), "a prefix");
    assert_eq!(sorted(found("q=hakemus".into()).await), cases(&[0, 2]), "a whole word and longer");
    assert!(found("q=hakemusx".into()).await.is_empty(), "no such word");
    assert_eq!(found("q=kaukol%C3%A4mp%C3%B6lasku".into()).await, cases(&[1]));
    assert_eq!(found("q=hakemu+kaukol%C3%A4mp%C3%B6".into()).await, cases(&[1]), "both words");
    assert!(found("q=hakemusx+kaukol%C3%A4mp%C3%B6".into()).await.is_empty(), "one word missing");
    assert_eq!(found("q=zz".into()).await, cases(&[3]), "a prefix of many words");
    assert_eq!(found("q=zz69".into()).await, cases(&[3]));
    assert_eq!(found(format!("q={}", case[2])).await, cases(&[2]), "a case number");
    assert_eq!(found("q=%22l%C3%A4hetin+hakem%22".into()).await, cases(&[2]), "a phrase's prefix");
    // The ticket saying "hakemusta" three times in a short text first, then the short one
    // with the word once.
    let ranked = found("q=hakemus&sort=relevance".into()).await;
    assert_eq!(ranked, [case[2].clone(), case[0].clone()], "by relevance");
}

/// SQLite's FTS5 index grows a segment per writing transaction; the hourly tidy (and
/// `tupa maintenance run`) merges them into one, and search finds the same tickets after.
async fn the_search_index_is_merged_into_one_segment(backend: Backend) {
    use tupa_core::desk::search_index;
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("sipoo", "full").await;
    let adviser = app.person(&org, "adv@sipoo.test", Role::Adviser).await;
    let api = app.api(&adviser.token);
    let mut made = 0;
    while made < 3
        || (backend == Backend::Sqlite && search_index::segments(&app.db).await.unwrap() <= 2)
    {
        assert!(made < 20, "no new segments: {}", search_index::segments(&app.db).await.unwrap());
        let (s, _) = api
            .post(
                "/api/v1/orgs/sipoo/tickets",
                json!({"name": "Asiakas", "email": "a@example.fi", "message": format!("Rakennuslupa {made}")}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        made += 1;
    }
    let count = || {
        let api = &api;
        async move {
            let (s, body) = api.get("/api/v1/orgs/sipoo/tickets?status=all&q=rakennuslupa").await;
            assert_eq!(s, StatusCode::OK, "{body}");
            body.as_array().unwrap().len()
        }
    };
    assert_eq!(count().await, made);
    let steps = search_index::tidy(&app.db).await.unwrap();
    match backend {
        Backend::Sqlite => {
            assert!(steps > 0);
            assert_eq!(search_index::segments(&app.db).await.unwrap(), 1);
        }
        Backend::Postgres => assert_eq!(steps, 0),
    }
    assert_eq!(count().await, made, "the same tickets found after the merge");
    // Nothing more to merge.
    assert_eq!(search_index::tidy(&app.db).await.unwrap(), 0);
}
