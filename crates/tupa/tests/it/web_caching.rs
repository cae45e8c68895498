//! What a person feels of speed: compressed responses, assets cached for a year under
//! addresses that name their content, conditional requests, and the favicon.

use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY,
};

use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(
    responses_are_compressed_as_the_client_allows,
    assets_are_fingerprinted_and_immutable,
    compressed_feeds_keep_a_weak_etag_that_revalidates,
    the_favicon_answers_at_both_addresses,
);

async fn responses_are_compressed_as_the_client_allows(backend: Backend) {
    let app = spawn(backend).await;
    let client = reqwest::Client::new();
    let plain = client.get(app.url("/assets/tupa.css")).send().await.unwrap();
    assert_eq!(plain.headers().get(CONTENT_ENCODING), None, "no Accept-Encoding, no encoding");
    let plain_len = plain.bytes().await.unwrap().len();
    for encoding in ["br", "gzip"] {
        let res = client
            .get(app.url("/assets/tupa.css"))
            .header(ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()[CONTENT_ENCODING], encoding);
        assert!(
            res.headers()[VARY].to_str().unwrap().to_ascii_lowercase().contains("accept-encoding")
        );
        let len = res.bytes().await.unwrap().len();
        assert!(len * 2 < plain_len, "{encoding}: {len} bytes of {plain_len}");
    }
    // Pages too (the front page of a fresh installation is the setup form).
    let res = client.get(app.url("/")).header(ACCEPT_ENCODING, "gzip, br").send().await.unwrap();
    assert!(res.headers().get(CONTENT_ENCODING).is_some(), "{:?}", res.headers());
    // Not what is compressed already: an icon stays as it is.
    let res =
        client.get(app.url("/favicon.ico")).header(ACCEPT_ENCODING, "gzip").send().await.unwrap();
    assert_eq!(res.headers().get(CONTENT_ENCODING), None);
}

async fn assets_are_fingerprinted_and_immutable(backend: Backend) {
    let app = spawn(backend).await;
    let client = reqwest::Client::new();
    let html = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    let address = html
        .split("href=\"/assets/tupa.")
        .nth(1)
        .map(|rest| format!("/assets/tupa.{}", rest.split('"').next().unwrap()))
        .expect("the stylesheet by its fingerprinted address");
    assert_ne!(address, "/assets/tupa.css");
    let res = client.get(app.url(&address)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CONTENT_TYPE], "text/css; charset=utf-8");
    assert_eq!(res.headers()[CACHE_CONTROL], "public, max-age=31536000, immutable");
    let fingerprinted = res.bytes().await.unwrap();
    // The plain address serves the same bytes, cached for an hour only.
    let res = client.get(app.url("/assets/tupa.css")).send().await.unwrap();
    assert_eq!(res.headers()[CACHE_CONTROL], "public, max-age=3600");
    assert_eq!(res.bytes().await.unwrap(), fingerprinted);
    // The address names the content, so any revalidation is "not modified".
    let res = client.get(app.url(&address)).header(IF_NONE_MATCH, "\"x\"").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    // A made-up fingerprint is not served (it could be cached for a year).
    let res = client.get(app.url("/assets/tupa.0000000000000000.css")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

async fn compressed_feeds_keep_a_weak_etag_that_revalidates(backend: Backend) {
    let app = spawn(backend).await;
    let client = reqwest::Client::new();
    let plain = client.get(app.url("/jobs/feed.rss")).send().await.unwrap();
    assert_eq!(plain.status(), StatusCode::OK);
    let strong = plain.headers()[ETAG].to_str().unwrap().to_string();
    assert!(!strong.starts_with("W/"), "identity bytes keep the strong tag: {strong}");
    let res =
        client.get(app.url("/jobs/feed.rss")).header(ACCEPT_ENCODING, "gzip").send().await.unwrap();
    assert_eq!(res.headers()[CONTENT_ENCODING], "gzip");
    let weak = res.headers()[ETAG].to_str().unwrap().to_string();
    assert_eq!(weak, format!("W/{strong}"), "other bytes, a weak tag");
    let res = client
        .get(app.url("/jobs/feed.rss"))
        .header(ACCEPT_ENCODING, "gzip")
        .header(IF_NONE_MATCH, &weak)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
}

async fn the_favicon_answers_at_both_addresses(backend: Backend) {
    let app = spawn(backend).await;
    let res = reqwest::get(app.url("/favicon.ico")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CONTENT_TYPE], "image/x-icon");
    assert_eq!(&res.bytes().await.unwrap()[..4], &[0, 0, 1, 0]);
    let res = reqwest::get(app.url("/favicon.svg")).await.unwrap();
    assert_eq!(res.headers()[CONTENT_TYPE], "image/svg+xml");
}
