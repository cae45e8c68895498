//! The public board's cache (issue 14): a kept answer is the same bytes with the same ETag,
//! precompressed forms decode to them, `If-None-Match` gets a 304, and a copy never outlives
//! what it shows — an ad closing at T is gone at T+1 s, an edit shows at once, another language
//! or organisation never gets these bytes, and a second instance on the same database hears the
//! change. Free-text searches are kept the same way, under their words as understood.

use std::io::Read;
use std::time::Duration;

use reqwest::StatusCode;
use tupa_core::db::now;
use tupa_core::recruitment::ad::EmploymentType;
use tupa_core::recruitment::ads;

use crate::both_backends;
use crate::helpers::{Backend, spawn};
use crate::jobs_board::{input, publish, recruiter};

both_backends!(
    kept_answers_are_the_same_bytes_and_revalidate,
    a_copy_never_outlives_what_it_shows,
    never_another_language_or_organisation,
    a_second_instance_hears_the_change,
    the_kept_pages_language_switch_works,
    a_kept_board_follows_its_organisation_and_units,
    a_kept_search_never_outlives_what_it_finds,
    searches_never_share_between_organisations_or_languages
);

/// A client that neither asks for nor decodes compression by itself (reqwest is built
/// without it), so the bytes on the wire are what the test sees.
fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

struct Got {
    status: StatusCode,
    etag: String,
    encoding: Option<String>,
    vary: String,
    body: Vec<u8>,
}

async fn fetch(url: &str, headers: &[(&str, &str)]) -> Got {
    let mut req = client().get(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.unwrap();
    let h = |name: &str| res.headers().get(name).map(|v| v.to_str().unwrap().to_string());
    Got {
        status: res.status(),
        etag: h("etag").unwrap_or_default(),
        encoding: h("content-encoding"),
        vary: h("vary").unwrap_or_default(),
        body: res.bytes().await.unwrap().to_vec(),
    }
}

fn text(g: &Got) -> String {
    String::from_utf8(g.body.clone()).unwrap()
}

/// Waits until `url` is served from the cache: an empty feed says the moment it was made, so
/// the same bytes a second apart can only be a kept copy. (A PostgreSQL instance keeps nothing
/// until its listener is up.)
async fn wait_until_kept(url: &str) {
    for _ in 0..20 {
        let first = fetch(url, &[]).await.body;
        tokio::time::sleep(Duration::from_millis(1100)).await;
        if fetch(url, &[]).await.body == first {
            return;
        }
    }
    panic!("{url} was never served from the cache");
}

async fn kept_answers_are_the_same_bytes_and_revalidate(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let empty = app.org("hailuoto", "full").await;
    let _ = empty;
    let r = recruiter(&app, &org, "rekry@oulu.test").await;
    publish(
        &app,
        &org,
        &r,
        &input("Sairaanhoitaja", None, ("564", "Oulu"), EmploymentType::Permanent, None),
    )
    .await;

    // An empty feed carries the time it was made: the same bytes a second later are a kept copy.
    wait_until_kept(&app.url("/jobs/hailuoto/feed.rss")).await;

    for path in
        ["/jobs/oulu/feed.rss", "/jobs/oulu/feed.atom", "/jobs/oulu", "/jobs", "/jobs/oulu/embed"]
    {
        let url = app.url(path);
        let a = fetch(&url, &[]).await;
        let b = fetch(&url, &[]).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert_eq!(a.body, b.body, "{path}: the same bytes");
        assert!(a.etag.starts_with('"') && a.etag == b.etag, "{path}: a strong ETag: {}", a.etag);
        assert!(a.encoding.is_none());
        assert!(a.vary.contains("Accept-Encoding"), "{path}: {}", a.vary);
        assert!(text(&a).contains("Sairaanhoitaja"), "{path}");

        // Precompressed forms: compressed once, not twice, and the same content.
        let gz = fetch(&url, &[("accept-encoding", "gzip")]).await;
        assert_eq!(gz.encoding.as_deref(), Some("gzip"), "{path}");
        let mut decoded = vec![];
        flate2::read::GzDecoder::new(&gz.body[..]).read_to_end(&mut decoded).unwrap();
        assert_eq!(decoded, a.body, "{path}: gzip decodes to the same bytes");
        assert_eq!(gz.etag, format!("W/{}", a.etag), "a compressed form's tag is weak");
        let br = fetch(&url, &[("accept-encoding", "gzip, deflate, br")]).await;
        assert_eq!(br.encoding.as_deref(), Some("br"), "{path}");
        let mut decoded = vec![];
        brotli::BrotliDecompress(&mut &br.body[..], &mut decoded).unwrap();
        assert_eq!(decoded, a.body, "{path}: brotli decodes to the same bytes");

        // Revalidation, with the strong or the weak form of the tag.
        for tag in [a.etag.clone(), gz.etag.clone()] {
            let again = fetch(&url, &[("if-none-match", &tag), ("accept-encoding", "br")]).await;
            assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path} with {tag}");
            assert!(again.body.is_empty());
        }
        let other = fetch(&url, &[("if-none-match", "\"something-else\"")]).await;
        assert_eq!(other.status, StatusCode::OK);
    }

    // Parameters that mean nothing make no other copy: the same bytes and tag.
    let plain = fetch(&app.url("/jobs/oulu"), &[]).await;
    let noisy =
        fetch(&app.url("/jobs/oulu?utm_source=x&employment_type=forever&page=1&fbclid=1"), &[])
            .await;
    assert_eq!(noisy.etag, plain.etag);
    assert_eq!(noisy.body, plain.body);

    // A signed-in person gets their own page (their navigation and form token), never the
    // kept one, and no 304 against it.
    let admin = app
        .person(&org, "paakayttaja@oulu.test", tupa_core::organisations::people::Role::MainAdmin)
        .await;
    let browser = app.signed_in(&admin).await;
    let own = browser.get("/jobs/oulu").await;
    let own_text = own.text().await.unwrap();
    assert!(own_text.contains("name=\"csrf\""), "the signed-in page carries a token");
    assert!(!text(&plain).contains("name=\"csrf\""), "the kept page carries none");
}

async fn a_copy_never_outlives_what_it_shows(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let r = recruiter(&app, &org, "rekry@oulu.test").await;
    let stays = publish(
        &app,
        &org,
        &r,
        &input("Pysyvä kokki", None, ("564", "Oulu"), EmploymentType::Permanent, None),
    )
    .await;
    let closing = publish(
        &app,
        &org,
        &r,
        &input("Sulkeutuva siivooja", None, ("564", "Oulu"), EmploymentType::Permanent, None),
    )
    .await;
    let deadline = now() + 4;
    sqlx::query("UPDATE job_ads SET deadline = $1 WHERE id = $2")
        .bind(deadline)
        .bind(&closing.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    // Made a second apart, so a kept copy is the one that is served (the feed and the board
    // are kept until `deadline`).
    let paths = [
        "/jobs/oulu",
        "/jobs/oulu/feed.rss",
        "/jobs/oulu/feed.atom",
        "/jobs",
        "/jobs/feed.rss",
        "/jobs/oulu/embed",
    ];
    let ad_path = format!("/jobs/oulu/ad/{}", closing.id);
    for _ in 0..2 {
        for path in paths {
            let g = fetch(&app.url(path), &[]).await;
            if now() < deadline {
                assert!(text(&g).contains("Sulkeutuva siivooja"), "{path} before the deadline");
            }
        }
        let status = fetch(&app.url(&ad_path), &[]).await.status;
        if now() < deadline {
            assert_eq!(status, StatusCode::OK);
        }
    }
    // One second past the deadline, whatever was kept.
    while now() <= deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for path in paths {
        let g = fetch(&app.url(path), &[]).await;
        let t = text(&g);
        assert!(!t.contains("Sulkeutuva siivooja"), "{path} after the deadline");
        assert!(t.contains("Pysyvä kokki"), "{path}");
    }
    assert_eq!(fetch(&app.url(&ad_path), &[]).await.status, StatusCode::GONE);

    // An edit shows at once on the board, the feed and the ad page that were kept.
    let ad_page = format!("/jobs/oulu/ad/{}", stays.id);
    for path in ["/jobs/oulu", "/jobs/oulu/feed.rss", &ad_page] {
        fetch(&app.url(path), &[]).await;
    }
    let mut edited = input("Pääkokki", None, ("564", "Oulu"), EmploymentType::Permanent, None);
    edited.deadline = ads::format_local(now() + 40 * 86_400);
    ads::update(&app.db, &r, None, &org, &stays.id, &edited).await.unwrap();
    for path in ["/jobs/oulu", "/jobs/oulu/feed.rss", &ad_page] {
        let t = text(&fetch(&app.url(path), &[]).await);
        assert!(t.contains("Pääkokki") && !t.contains("Pysyvä kokki"), "{path} shows the edit");
    }
    // Closed by the recruiter: gone at once.
    ads::act(&app.db, &r, None, &org, &stays.id, ads::AdAction::Close, None).await.unwrap();
    assert!(!text(&fetch(&app.url("/jobs/oulu"), &[]).await).contains("Pääkokki"));
    assert_eq!(fetch(&app.url(&ad_page), &[]).await.status, StatusCode::GONE);
}

async fn never_another_language_or_organisation(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let oulu = app.org("oulu", "full").await;
    let vaasa = app.org("vaasa", "full").await;
    let r1 = recruiter(&app, &oulu, "rekry@oulu.test").await;
    let r2 = recruiter(&app, &vaasa, "rekry@vaasa.test").await;
    let o = publish(
        &app,
        &oulu,
        &r1,
        &input(
            "Oulun opettaja",
            Some("Uleåborgs lärare"),
            ("564", "Oulu"),
            EmploymentType::Permanent,
            None,
        ),
    )
    .await;
    publish(
        &app,
        &vaasa,
        &r2,
        &input(
            "Vaasan valmentaja",
            Some("Vasa tränare"),
            ("905", "Vaasa"),
            EmploymentType::Permanent,
            None,
        ),
    )
    .await;

    for path in ["/jobs/oulu", "/jobs/oulu/feed.rss", "/jobs", &format!("/jobs/oulu/ad/{}", o.id)] {
        let mut seen = vec![];
        // Twice over, so that the second round comes from the cache.
        for _ in 0..2 {
            for (lang, header, cookie) in [
                ("fi", "fi-FI", None),
                ("sv", "sv-FI,sv;q=0.9", None),
                ("en", "en", None),
                ("sv", "fi", Some("tupa_lang=sv")),
                ("en", "sv", Some("tupa_lang=en")),
            ] {
                let mut headers = vec![("accept-language", header)];
                if let Some(c) = cookie {
                    headers.push(("cookie", c));
                }
                let g = fetch(&app.url(path), &headers).await;
                let t = text(&g);
                let marker = if path.ends_with(".rss") {
                    format!("<language>{lang}</language>")
                } else {
                    format!("<html lang=\"{lang}\">")
                };
                assert!(t.contains(&marker), "{path} in {lang} ({header}, {cookie:?})");
                seen.push((lang, g.etag.clone()));
            }
        }
        for (lang, etag) in &seen {
            for (other, other_etag) in &seen {
                assert_eq!(lang == other, etag == other_etag, "{path}: {lang} and {other}");
            }
        }
    }
    // Each organisation's feed and board hold its own ads only, kept or not.
    for _ in 0..2 {
        let oulu_feed = text(&fetch(&app.url("/jobs/oulu/feed.rss"), &[]).await);
        let vaasa_feed = text(&fetch(&app.url("/jobs/vaasa/feed.rss"), &[]).await);
        assert!(oulu_feed.contains("Oulun opettaja") && !oulu_feed.contains("Vaasan valmentaja"));
        assert!(vaasa_feed.contains("Vaasan valmentaja") && !vaasa_feed.contains("Oulun opettaja"));
        let board = text(&fetch(&app.url("/jobs/vaasa"), &[]).await);
        assert!(!board.contains("Oulun opettaja"));
        // Oulu's ad is not found under Vaasa, even once it is kept under Oulu.
        let g = fetch(&app.url(&format!("/jobs/vaasa/ad/{}", o.id)), &[]).await;
        assert_eq!(g.status, StatusCode::NOT_FOUND);
    }
}

async fn a_second_instance_hears_the_change(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    app.org("hailuoto", "full").await;
    let r = recruiter(&app, &org, "rekry@oulu.test").await;
    let ad = publish(
        &app,
        &org,
        &r,
        &input("Kirjastonhoitaja", None, ("564", "Oulu"), EmploymentType::Permanent, None),
    )
    .await;
    let second = app.second_server().await;
    let url = |path: &str| format!("{second}{path}");
    // The second instance keeps copies (on PostgreSQL once its listener is up) …
    wait_until_kept(&url("/jobs/hailuoto/feed.rss")).await;
    for _ in 0..2 {
        assert!(text(&fetch(&url("/jobs/oulu"), &[]).await).contains("Kirjastonhoitaja"));
        assert!(text(&fetch(&url("/jobs/oulu/feed.rss"), &[]).await).contains("Kirjastonhoitaja"));
    }
    // … and an edit made through the first one reaches it: on SQLite through the counter the
    // triggers keep, on PostgreSQL by NOTIFY (which takes a moment to arrive).
    let mut edited = input("Informaatikko", None, ("564", "Oulu"), EmploymentType::Permanent, None);
    edited.deadline = ads::format_local(now() + 40 * 86_400);
    ads::update(&app.db, &r, None, &org, &ad.id, &edited).await.unwrap();
    let mut shown = false;
    for _ in 0..100 {
        let board = text(&fetch(&url("/jobs/oulu"), &[]).await);
        let feed = text(&fetch(&url("/jobs/oulu/feed.rss"), &[]).await);
        if board.contains("Informaatikko") && feed.contains("Informaatikko") {
            assert!(!board.contains("Kirjastonhoitaja") && !feed.contains("Kirjastonhoitaja"));
            shown = true;
            break;
        }
        assert!(backend == Backend::Postgres, "SQLite: the counter is read on every request");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(shown, "the second instance shows the edit");

    if backend == Backend::Postgres {
        // The listener's connection is cut: changes sent meanwhile are lost, so everything
        // kept is dropped and made anew once it is back.
        let before = fetch(&url("/jobs/hailuoto/feed.rss"), &[]).await.body;
        tokio::time::sleep(Duration::from_millis(1100)).await;
        sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")
            .execute(app.db.pool())
            .await
            .unwrap();
        let mut renewed = false;
        for _ in 0..100 {
            if fetch(&url("/jobs/hailuoto/feed.rss"), &[]).await.body != before {
                renewed = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(renewed, "nothing kept survives the listener's reconnection");
    }
}

/// A kept page carries no form token, so the language switch of a visitor without a session
/// takes none; another site's request is still refused, and so is a signed-in one's.
async fn the_kept_pages_language_switch_works(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    app.org("oulu", "full").await;
    let page = text(&fetch(&app.url("/jobs/oulu"), &[]).await);
    assert!(page.contains("action=\"/language\"") && !page.contains("name=\"csrf\""));
    let switch = |site: Option<&'static str>| {
        let mut req =
            client().post(app.url("/language")).form(&[("lang", "sv"), ("next", "/jobs/oulu")]);
        if let Some(site) = site {
            req = req.header("sec-fetch-site", site);
        }
        req.send()
    };
    let res = switch(Some("same-origin")).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(res.headers()["set-cookie"].to_str().unwrap().starts_with("tupa_lang=sv"));
    assert_eq!(switch(None).await.unwrap().status(), StatusCode::SEE_OTHER);
    let res = switch(Some("cross-site")).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.headers()
            .get("set-cookie")
            .is_none_or(|c| !c.to_str().unwrap().starts_with("tupa_lang"))
    );
    // With a session, the token is required as before.
    let res = client()
        .post(app.url("/language"))
        .header("cookie", "tupa_session=whatever")
        .form(&[("lang", "sv"), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// The boards' organisations and units are kept with the pages (so that a busy feed is not
/// looked up every time): a renamed organisation or unit, a plan without recruitment and a
/// retired organisation show at once, whatever was kept.
async fn a_kept_board_follows_its_organisation_and_units(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("vaasa", "full").await;
    let main = app
        .person(&org, "main@vaasa.test", tupa_core::organisations::people::Role::MainAdmin)
        .await;
    let (s, unit) = app
        .api(&main.token)
        .post("/api/v1/orgs/vaasa/units", serde_json::json!({"name": "Sote"}))
        .await;
    assert!(s.is_success(), "{unit}");
    let unit_board = format!("/jobs/vaasa/units/{}", unit["slug"].as_str().unwrap());
    let r = recruiter(&app, &org, "rekry@vaasa.test").await;
    publish(
        &app,
        &org,
        &r,
        &input("Sairaanhoitaja", None, ("905", "Vaasa"), EmploymentType::Permanent, None),
    )
    .await;
    let feed = app.url("/jobs/vaasa/feed.rss");
    wait_until_kept(&feed).await;
    if backend == Backend::Sqlite {
        // The test's server runs in this process on the same Db: the counter was read on a
        // connection of its own, not through the pool.
        assert!(tupa_core::recruitment::public_changes::counter_read_directly(&app.db));
    }
    assert!(text(&fetch(&app.url(&unit_board), &[]).await).contains("Sote"));
    assert!(text(&fetch(&app.url("/jobs/vaasa"), &[]).await).contains("Org vaasa"));

    let sql = |q: &'static str| sqlx::query(q).execute(app.db.pool());
    sql("UPDATE organisations SET name = 'Vaasan kaupunki' WHERE slug = 'vaasa'").await.unwrap();
    sql("UPDATE units SET name = 'Sosiaalitoimi' WHERE name = 'Sote'").await.unwrap();
    let board = text(&fetch(&app.url("/jobs/vaasa"), &[]).await);
    assert!(board.contains("Vaasan kaupunki") && !board.contains("Org vaasa"), "{board}");
    let page = text(&fetch(&app.url(&unit_board), &[]).await);
    assert!(page.contains("Sosiaalitoimi") && !page.contains(">Sote<"), "{page}");
    assert!(text(&fetch(&feed, &[]).await).contains("Vaasan kaupunki"));

    // A plan without recruitment: no board, no feed, no unit board.
    sql("UPDATE organisations SET plan_id = (SELECT id FROM plans WHERE slug = 'desk') WHERE slug = 'vaasa'")
        .await
        .unwrap();
    for path in ["/jobs/vaasa", "/jobs/vaasa/feed.rss", unit_board.as_str()] {
        assert_eq!(fetch(&app.url(path), &[]).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    sql("UPDATE organisations SET plan_id = (SELECT id FROM plans WHERE slug = 'full') WHERE slug = 'vaasa'")
        .await
        .unwrap();
    assert_eq!(fetch(&feed, &[]).await.status, StatusCode::OK);
    // Retired: gone at once.
    sqlx::query("UPDATE organisations SET retired_at = $1 WHERE slug = 'vaasa'")
        .bind(now())
        .execute(app.db.pool())
        .await
        .unwrap();
    for path in ["/jobs/vaasa", "/jobs/vaasa/feed.rss", unit_board.as_str()] {
        assert_eq!(fetch(&app.url(path), &[]).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

/// A search is kept like any board answer, under its words as understood (folded, one space
/// apart), and never outlives what it finds: an ad that opens, changes or closes shows in the
/// next answer of a kept search at once.
async fn a_kept_search_never_outlives_what_it_finds(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let r = recruiter(&app, &org, "rekry@oulu.test").await;

    // An empty feed says when it was made: the same bytes a second later are a kept copy.
    let feed = "/jobs/oulu/feed.rss?q=hoitaja";
    wait_until_kept(&app.url(feed)).await;
    // Spellings of the same search get that copy, made from the search as understood.
    let kept = fetch(&app.url(feed), &[]).await;
    let other = fetch(&app.url("/jobs/oulu/feed.rss?q=++HOITAJA+&utm_source=x"), &[]).await;
    assert_eq!((&kept.body, &kept.etag), (&other.body, &other.etag));
    let page = text(&fetch(&app.url("/jobs/oulu?q=%20Hoitaja%20%20"), &[]).await);
    assert!(page.contains("value=\"hoitaja\""), "the kept page shows the search as understood");
    assert!(!page.contains("name=\"csrf\""));

    let searches = [
        "/jobs/oulu?q=hoitaja",
        "/jobs/oulu?q=SAIRAAN+hoit",
        feed,
        "/jobs/oulu/feed.atom?q=hoitaja",
        "/jobs/oulu/embed?q=hoitaja",
        "/jobs?q=hoitaja",
        "/jobs?q=hoitaja&org=oulu&employment_type=permanent",
    ];
    let kokki = ["/jobs/oulu?q=kokki", "/jobs/oulu/feed.rss?q=kokki", "/jobs?q=kokki"];
    // Kept while they find nothing (twice: the second answer is the kept one) …
    for _ in 0..2 {
        for path in searches.iter().chain(&kokki) {
            let g = fetch(&app.url(path), &[]).await;
            assert_eq!(g.status, StatusCode::OK, "{path}");
            assert!(!text(&g).contains("Sairaanhoitaja"), "{path}");
        }
    }
    // … an ad opens: every kept search that finds it shows it at once.
    let ad = publish(
        &app,
        &org,
        &r,
        &input("Sairaanhoitaja", None, ("564", "Oulu"), EmploymentType::Permanent, None),
    )
    .await;
    for _ in 0..2 {
        for path in searches {
            assert!(text(&fetch(&app.url(path), &[]).await).contains("Sairaanhoitaja"), "{path}");
        }
        for path in kokki {
            assert!(!text(&fetch(&app.url(path), &[]).await).contains("Sairaanhoitaja"), "{path}");
        }
    }
    // It changes: the searches for its old words find it no more, those for its new do.
    let mut edited = input("Kokki", None, ("564", "Oulu"), EmploymentType::Permanent, None);
    edited.deadline = ads::format_local(now() + 40 * 86_400);
    ads::update(&app.db, &r, None, &org, &ad.id, &edited).await.unwrap();
    for _ in 0..2 {
        for path in searches {
            let t = text(&fetch(&app.url(path), &[]).await);
            assert!(!t.contains("Sairaanhoitaja") && !t.contains("Kokki"), "{path}");
        }
        for path in kokki {
            assert!(text(&fetch(&app.url(path), &[]).await).contains("Kokki"), "{path}");
        }
    }
    // It closes: gone from the kept searches at once.
    ads::act(&app.db, &r, None, &org, &ad.id, ads::AdAction::Close, None).await.unwrap();
    for path in kokki {
        assert!(!text(&fetch(&app.url(path), &[]).await).contains("Kokki"), "{path} after closing");
    }
}

/// Two organisations' searches for the same words, and one search in two languages, never
/// get each other's bytes, kept or not.
async fn searches_never_share_between_organisations_or_languages(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let oulu = app.org("oulu", "full").await;
    let vaasa = app.org("vaasa", "full").await;
    let r1 = recruiter(&app, &oulu, "rekry@oulu.test").await;
    let r2 = recruiter(&app, &vaasa, "rekry@vaasa.test").await;
    let inp = |fi, sv, m| input(fi, Some(sv), m, EmploymentType::Permanent, None);
    publish(&app, &oulu, &r1, &inp("Oulun opettaja", "Uleåborgs lärare", ("564", "Oulu"))).await;
    publish(&app, &vaasa, &r2, &inp("Vaasan opettaja", "Vasa lärare", ("905", "Vaasa"))).await;

    for _ in 0..2 {
        for (path, finds, not) in [
            ("/jobs/oulu?q=opettaja", "Oulun opettaja", "Vaasan opettaja"),
            ("/jobs/vaasa?q=opettaja", "Vaasan opettaja", "Oulun opettaja"),
            ("/jobs/oulu/feed.rss?q=opettaja", "Oulun opettaja", "Vaasan opettaja"),
            ("/jobs/vaasa/feed.rss?q=opettaja", "Vaasan opettaja", "Oulun opettaja"),
            ("/jobs/oulu/embed?q=opettaja", "Oulun opettaja", "Vaasan opettaja"),
            ("/jobs/vaasa/embed?q=opettaja", "Vaasan opettaja", "Oulun opettaja"),
            ("/jobs?q=opettaja&org=vaasa", "Vaasan opettaja", "Oulun opettaja"),
            ("/jobs?q=opettaja&org=oulu", "Oulun opettaja", "Vaasan opettaja"),
            ("/jobs?q=oulun+opettaja", "Oulun opettaja", "Vaasan opettaja"),
        ] {
            let t = text(&fetch(&app.url(path), &[]).await);
            assert!(t.contains(finds) && !t.contains(not), "{path}");
        }
        let both = text(&fetch(&app.url("/jobs?q=opettaja"), &[]).await);
        assert!(both.contains("Oulun opettaja") && both.contains("Vaasan opettaja"));
        let oulu_etag = fetch(&app.url("/jobs/oulu?q=opettaja"), &[]).await.etag;
        let vaasa_etag = fetch(&app.url("/jobs/vaasa?q=opettaja"), &[]).await.etag;
        assert_ne!(oulu_etag, vaasa_etag);
    }
    // The same search in each language: its own bytes, in its own language.
    for path in ["/jobs/oulu?q=opettaja", "/jobs?q=l%C3%A4rare", "/jobs/oulu/feed.rss?q=opettaja"] {
        let mut seen = vec![];
        for _ in 0..2 {
            for (lang, header) in [("fi", "fi-FI"), ("sv", "sv-FI,sv;q=0.9"), ("en", "en")] {
                let g = fetch(&app.url(path), &[("accept-language", header)]).await;
                let marker = if path.contains(".rss") {
                    format!("<language>{lang}</language>")
                } else {
                    format!("<html lang=\"{lang}\">")
                };
                assert!(text(&g).contains(&marker), "{path} in {lang}");
                seen.push((lang, g.etag));
            }
        }
        for (lang, etag) in &seen {
            for (other, other_etag) in &seen {
                assert_eq!(lang == other, etag == other_etag, "{path}: {lang} and {other}");
            }
        }
    }
}
