//! The public job board over HTTP: which ads are listed (only open ones, by the clock),
//! filters and search, unit boards with their sub-units, pagination, feeds parsed back with
//! real feed parsers, the ad page's schema.org data, and which pages other sites may frame.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use serde_json::Value;
use tupa_core::authz::Actor;
use tupa_core::db::now;
use tupa_core::i18n::Lang;
use tupa_core::organisations::Organisation;
use tupa_core::organisations::people::Role;
use tupa_core::recruitment::ad::{AdText, Contact, EmploymentType, Engagement, WorkingTime};
use tupa_core::recruitment::ads::{self, AdInput, StoredAd, format_local};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn};

both_backends!(
    board_lists_only_open_ads,
    filters_and_search,
    unit_boards_and_pagination,
    feeds_follow_the_clock,
    ad_page_and_framing,
    demo_has_open_ads_with_a_logo
);

/// A recruiter of `org` as the domain functions want them.
pub async fn recruiter(app: &TestApp, org: &Organisation, email: &str) -> Actor {
    let person = app.person(org, email, Role::Recruiter).await;
    let user = tupa_core::identity::get(&app.db, &person.id).await.unwrap();
    Actor::load(&app.db, user, None, None).await.unwrap()
}

/// An ad in Finnish (and Swedish when given), open for 30 days from now.
pub fn input(
    fi: &str,
    sv: Option<&str>,
    municipality: (&str, &str),
    employment: EmploymentType,
    unit: Option<&str>,
) -> AdInput {
    let mut texts = BTreeMap::new();
    texts.insert(
        Lang::Fi,
        AdText { title: fi.into(), description: format!("Kuvaus: {fi}.\n\nToinen kappale.") },
    );
    if let Some(sv) = sv {
        texts.insert(
            Lang::Sv,
            AdText { title: sv.into(), description: format!("Beskrivning: {sv}.") },
        );
    }
    AdInput {
        unit_id: unit.map(str::to_string),
        municipality_name: municipality.1.into(),
        municipality_code: municipality.0.into(),
        street: "Kirkkokatu 1".into(),
        postal_code: "02770".into(),
        city: municipality.1.into(),
        employment_type: Some(employment),
        working_time: Some(if employment == EmploymentType::Permanent {
            WorkingTime::FullTime
        } else {
            WorkingTime::PartTime
        }),
        engagement: Some(Engagement::EmploymentContract),
        salary_basis: Some("KVTES".into()),
        vacancies: Some(1),
        contacts: vec![Contact {
            name: "Maija Esimies".into(),
            title: Some("rehtori".into()),
            phone: Some("+358 40 123 4567".into()),
            email: Some("maija@example.fi".into()),
        }],
        deadline: format_local(now() + 30 * 86_400),
        texts,
        ..AdInput::default()
    }
}

pub async fn draft(app: &TestApp, org: &Organisation, actor: &Actor, input: &AdInput) -> StoredAd {
    ads::create(&app.db, actor, None, org, input, false).await.unwrap()
}

/// Created and submitted: published at once (the organisation needs no approval).
pub async fn publish(
    app: &TestApp,
    org: &Organisation,
    actor: &Actor,
    input: &AdInput,
) -> StoredAd {
    let ad = draft(app, org, actor, input).await;
    ads::submit(&app.db, actor, None, org, &ad.id).await.unwrap()
}

async fn get(app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = reqwest::get(app.url(path)).await.unwrap();
    (res.status(), res.text().await.unwrap())
}

async fn board_lists_only_open_ads(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let espoo = app.org("espoo", "full").await;
    let other = app.org("kauniainen", "full").await;
    let r = recruiter(&app, &espoo, "rekry@espoo.test").await;
    let r2 = recruiter(&app, &other, "rekry@kauniainen.test").await;
    let espoo_code = ("049", "Espoo");

    let open = publish(
        &app,
        &espoo,
        &r,
        &input("Avoin opettaja", None, espoo_code, EmploymentType::Permanent, None),
    )
    .await;
    let draft_ad = draft(
        &app,
        &espoo,
        &r,
        &input("Luonnos kokki", None, espoo_code, EmploymentType::Permanent, None),
    )
    .await;
    let waiting = draft(
        &app,
        &espoo,
        &r,
        &input("Odottava siivooja", None, espoo_code, EmploymentType::Permanent, None),
    )
    .await;
    sqlx::query("UPDATE job_ads SET status = 'awaiting-approval' WHERE id = $1")
        .bind(&waiting.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let mut later = input("Tuleva lääkäri", None, espoo_code, EmploymentType::Permanent, None);
    later.publish_at = Some(format_local(now() + 86_400));
    let scheduled = publish(&app, &espoo, &r, &later).await;
    assert_eq!(scheduled.status, tupa_core::recruitment::ads::AdState::Scheduled);
    let closed = publish(
        &app,
        &espoo,
        &r,
        &input("Suljettu sihteeri", None, espoo_code, EmploymentType::Permanent, None),
    )
    .await;
    ads::act(&app.db, &r, None, &espoo, &closed.id, ads::AdAction::Close, None).await.unwrap();
    let passed = publish(
        &app,
        &espoo,
        &r,
        &input("Päättynyt vahtimestari", None, espoo_code, EmploymentType::Permanent, None),
    )
    .await;
    // The deadline passed a moment ago and the tick has not closed it yet.
    sqlx::query("UPDATE job_ads SET deadline = $1 WHERE id = $2")
        .bind(now() - 5)
        .bind(&passed.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let elsewhere = publish(
        &app,
        &other,
        &r2,
        &input(
            "Kauniaisten kirjastonhoitaja",
            None,
            ("235", "Kauniainen"),
            EmploymentType::Permanent,
            None,
        ),
    )
    .await;
    // Kauniainen's plan loses recruitment: its board and ads are gone from public view.
    sqlx::query("UPDATE organisations SET plan_id = (SELECT id FROM plans WHERE slug = 'desk') WHERE id = $1").bind(&other.id).execute(app.db.pool()).await.unwrap();

    for path in
        ["/jobs", "/jobs/espoo", "/jobs/feed.rss", "/jobs/espoo/feed.atom", "/jobs/espoo/embed"]
    {
        let (s, body) = get(&app, path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(body.contains("Avoin opettaja"), "{path} lists the open ad");
        for hidden in [
            "Luonnos kokki",
            "Odottava siivooja",
            "Tuleva lääkäri",
            "Suljettu sihteeri",
            "Päättynyt vahtimestari",
            "Kauniaisten kirjastonhoitaja",
        ] {
            assert!(!body.contains(hidden), "{path} must not list {hidden}");
        }
    }
    let (_, page) = get(&app, "/jobs/espoo").await;
    assert!(page.contains("Avoimia työpaikkoja: 1"), "the count");

    // Ad pages: open 200, once public and now closed 410, never public 404.
    let ad_path = |org: &str, id: &str| format!("/jobs/{org}/ad/{id}");
    assert_eq!(get(&app, &ad_path("espoo", &open.id)).await.0, StatusCode::OK);
    for id in [&draft_ad.id, &waiting.id, &scheduled.id] {
        assert_eq!(
            get(&app, &ad_path("espoo", id)).await.0,
            StatusCode::NOT_FOUND,
            "never public: {id}"
        );
    }
    for id in [&closed.id, &passed.id] {
        let (s, html) = get(&app, &ad_path("espoo", id)).await;
        assert_eq!(s, StatusCode::GONE);
        assert!(html.contains("haku on päättynyt"), "a friendly closed page: {html}");
        assert!(!html.contains("application/ld+json"), "a closed ad is no longer a job posting");
    }
    assert_eq!(get(&app, &ad_path("espoo", "no-such-ad")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, &ad_path("espoo", &elsewhere.id)).await.0,
        StatusCode::NOT_FOUND,
        "another organisation's ad under this one"
    );
    for path in [
        "/jobs/kauniainen",
        "/jobs/kauniainen/feed.rss",
        "/jobs/kauniainen/embed",
        &ad_path("kauniainen", &elsewhere.id),
        "/jobs/nobody",
    ] {
        assert_eq!(get(&app, path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    // The tick records what the clock already decided; the board does not change.
    ads::tick(&app.db, now()).await.unwrap();
    let (_, page) = get(&app, "/jobs/espoo").await;
    assert!(page.contains("Avoin opettaja") && !page.contains("Päättynyt vahtimestari"));
}

async fn filters_and_search(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let espoo = app.org("espoo", "full").await;
    let vantaa = app.org("vantaa", "full").await;
    let r = recruiter(&app, &espoo, "rekry@espoo.test").await;
    let rv = recruiter(&app, &vantaa, "rekry@vantaa.test").await;
    publish(
        &app,
        &espoo,
        &r,
        &input(
            "Äidinkielen opettaja",
            Some("Modersmålslärare"),
            ("049", "Espoo"),
            EmploymentType::Permanent,
            None,
        ),
    )
    .await;
    publish(
        &app,
        &espoo,
        &r,
        &input("Kesätyöntekijä puistoon", None, ("092", "Vantaa"), EmploymentType::FixedTerm, None),
    )
    .await;
    publish(
        &app,
        &vantaa,
        &rv,
        &input("Sairaanhoitaja_50%", None, ("092", "Vantaa"), EmploymentType::Permanent, None),
    )
    .await;

    let titles = |html: &str| {
        [
            "Äidinkielen opettaja",
            "Modersmålslärare",
            "Kesätyöntekijä puistoon",
            "Sairaanhoitaja_50%",
        ]
        .into_iter()
        .filter(|t| html.contains(&format!(">{t}</a>")))
        .collect::<Vec<_>>()
    };
    let (_, all) = get(&app, "/jobs").await;
    assert_eq!(
        titles(&all),
        vec!["Äidinkielen opettaja", "Kesätyöntekijä puistoon", "Sairaanhoitaja_50%"]
    );
    assert!(
        all.contains(">Espoo (1)</option>") && all.contains(">Vantaa (2)</option>"),
        "municipalities with counts"
    );
    assert!(
        all.contains("value=\"vantaa\""),
        "organisations to choose from on the installation board"
    );

    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("/jobs?municipality=092", vec!["Kesätyöntekijä puistoon", "Sairaanhoitaja_50%"]),
        ("/jobs?employment_type=permanent", vec!["Äidinkielen opettaja", "Sairaanhoitaja_50%"]),
        ("/jobs?working_time=part-time", vec!["Kesätyöntekijä puistoon"]),
        ("/jobs?org=vantaa", vec!["Sairaanhoitaja_50%"]),
        ("/jobs/espoo?municipality=092", vec!["Kesätyöntekijä puistoon"]),
        // Only ads written in Swedish, titled in Swedish.
        ("/jobs?lang=sv", vec!["Modersmålslärare"]),
        // Search folds case, Finnish capitals included, on both databases.
        ("/jobs?q=%C3%A4idinkielen", vec!["Äidinkielen opettaja"]),
        ("/jobs?q=%C3%84IDINKIELEN+OPETTAJA", vec!["Äidinkielen opettaja"]),
        // Words of the description count; all words must match.
        (
            "/jobs?q=toinen+kappale",
            vec!["Äidinkielen opettaja", "Kesätyöntekijä puistoon", "Sairaanhoitaja_50%"],
        ),
        ("/jobs?q=toinen+puistoon", vec!["Kesätyöntekijä puistoon"]),
        // LIKE wildcards are literal.
        ("/jobs?q=_50%25", vec!["Sairaanhoitaja_50%"]),
        ("/jobs?q=%25", vec!["Sairaanhoitaja_50%"]),
        ("/jobs?q=modersm%C3%A5l", vec!["Äidinkielen opettaja"]),
        ("/jobs?q=MODERSM%C3%85L", vec!["Äidinkielen opettaja"]),
        // Substrings: the part of a compound finds it (the trigram index's path), and so does
        // a word too short for that index.
        ("/jobs?q=hoitaja", vec!["Sairaanhoitaja_50%"]),
        ("/jobs?q=HOITAJA+kappale", vec!["Sairaanhoitaja_50%"]),
        ("/jobs?q=50", vec!["Sairaanhoitaja_50%"]),
        ("/jobs?q=ty%C3%B6ntekij%C3%A4", vec!["Kesätyöntekijä puistoon"]),
        // A word matches within the title or the description, never across them.
        ("/jobs?q=puistoonkuvaus", vec![]),
        // Quotes are only characters.
        ("/jobs?q=%22hoitaja%22", vec![]),
        ("/jobs?q=hoitaja%22", vec![]),
        // Unknown values filter nothing.
        (
            "/jobs?municipality=Espoo&employment_type=forever&lang=de&page=abc",
            vec!["Äidinkielen opettaja", "Kesätyöntekijä puistoon", "Sairaanhoitaja_50%"],
        ),
    ];
    for (path, expected) in cases {
        let (s, html) = get(&app, path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert_eq!(titles(&html), expected, "{path}");
    }
    let (_, none) = get(&app, "/jobs?q=astronautti").await;
    assert!(none.contains("Hakuehdoilla ei löytynyt"), "says nothing matched");
    assert!(none.contains("value=\"astronautti\""), "the search is kept in the field");
    // The feed filters the same way.
    let (_, rss) = get(&app, "/jobs/feed.rss?municipality=092&employment_type=fixed-term").await;
    let channel = rss::Channel::read_from(rss.as_bytes()).unwrap();
    assert_eq!(
        channel.items().iter().map(|i| i.title().unwrap()).collect::<Vec<_>>(),
        vec!["Kesätyöntekijä puistoon"]
    );
}

async fn unit_boards_and_pagination(backend: Backend) {
    let app = spawn(backend).await;
    let op = app.operator().await;
    let org = app.org("turku", "full").await;
    let admin = app.person(&org, "admin@turku.test", Role::MainAdmin).await;
    let api = app.api(&admin.token);
    let (_, sote) = api.post("/api/v1/orgs/turku/units", serde_json::json!({"name": "Sote"})).await;
    let (_, neuvola) = api
        .post(
            "/api/v1/orgs/turku/units",
            serde_json::json!({"name": "Neuvola", "parent_id": sote["id"]}),
        )
        .await;
    let (_, koulu) =
        api.post("/api/v1/orgs/turku/units", serde_json::json!({"name": "Koulu"})).await;
    let _ = op;
    let id = |v: &Value| v["id"].as_str().unwrap().to_string();
    let slug = |v: &Value| v["slug"].as_str().unwrap().to_string();
    let r = recruiter(&app, &org, "rekry@turku.test").await;
    publish(
        &app,
        &org,
        &r,
        &input(
            "Terveydenhoitaja neuvolaan",
            None,
            ("853", "Turku"),
            EmploymentType::Permanent,
            Some(&id(&neuvola)),
        ),
    )
    .await;
    publish(
        &app,
        &org,
        &r,
        &input(
            "Luokanopettaja kouluun",
            None,
            ("853", "Turku"),
            EmploymentType::Permanent,
            Some(&id(&koulu)),
        ),
    )
    .await;
    publish(
        &app,
        &org,
        &r,
        &input("Kirjaaja kaupungille", None, ("853", "Turku"), EmploymentType::Permanent, None),
    )
    .await;

    let check = |html: &str, expected: &[&str]| {
        for t in ["Terveydenhoitaja neuvolaan", "Luokanopettaja kouluun", "Kirjaaja kaupungille"] {
            assert_eq!(html.contains(t), expected.contains(&t), "{t} in {expected:?}");
        }
    };
    let (s, html) = get(&app, &format!("/jobs/turku/units/{}", slug(&sote))).await;
    assert_eq!(s, StatusCode::OK);
    check(&html, &["Terveydenhoitaja neuvolaan"]);
    assert!(html.contains("Avoimet työpaikat – Sote, Org turku"), "the unit's heading");
    let (_, html) = get(&app, &format!("/jobs/turku/units/{}", slug(&neuvola))).await;
    check(&html, &["Terveydenhoitaja neuvolaan"]);
    let (_, html) = get(&app, &format!("/jobs/turku/units/{}/feed.rss", slug(&koulu))).await;
    check(&html, &["Luokanopettaja kouluun"]);
    let (_, html) = get(&app, &format!("/jobs/turku/units/{}/embed", slug(&sote))).await;
    check(&html, &["Terveydenhoitaja neuvolaan"]);
    let (_, html) = get(&app, "/jobs/turku").await;
    check(&html, &["Terveydenhoitaja neuvolaan", "Luokanopettaja kouluun", "Kirjaaja kaupungille"]);
    assert_eq!(get(&app, "/jobs/turku/units/no-such-unit").await.0, StatusCode::NOT_FOUND);
    api.patch(
        &format!("/api/v1/orgs/turku/units/{}", id(&koulu)),
        serde_json::json!({"action": "retire"}),
    )
    .await;
    assert_eq!(
        get(&app, &format!("/jobs/turku/units/{}", slug(&koulu))).await.0,
        StatusCode::NOT_FOUND,
        "a retired unit has no board"
    );

    // 52 more ads: two pages of 50 on the organisation's board.
    for i in 0..52 {
        publish(
            &app,
            &org,
            &r,
            &input(
                &format!("Sijainen numero {i:02}"),
                None,
                ("853", "Turku"),
                EmploymentType::FixedTerm,
                None,
            ),
        )
        .await;
    }
    let (_, first) = get(&app, "/jobs/turku?employment_type=fixed-term").await;
    assert!(first.contains("Avoimia työpaikkoja: 52"));
    assert_eq!(first.matches("class=\"job\"").count(), 50);
    assert!(
        first.contains("Sijainen numero 51") && !first.contains("Sijainen numero 00"),
        "newest first"
    );
    assert!(
        first.contains("href=\"/jobs/turku?employment_type=fixed-term&#38;page=2\" rel=\"next\""),
        "next page keeps the filters: {first}"
    );
    let (_, second) = get(&app, "/jobs/turku?employment_type=fixed-term&page=2").await;
    assert_eq!(second.matches("class=\"job\"").count(), 2);
    assert!(second.contains("Sijainen numero 00"));
    assert!(
        second.contains("aria-current=\"page\"><span class=\"visually-hidden\">Sivu </span>2</a>")
    );
    let (_, beyond) = get(&app, "/jobs/turku?employment_type=fixed-term&page=99").await;
    assert_eq!(
        beyond.matches("class=\"job\"").count(),
        2,
        "a page past the end shows the last one"
    );
}

async fn feeds_follow_the_clock(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let r = recruiter(&app, &org, "rekry@oulu.test").await;
    let both = publish(
        &app,
        &org,
        &r,
        &input(
            "Kaksikielinen sihteeri",
            Some("Tvåspråkig sekreterare"),
            ("564", "Oulu"),
            EmploymentType::Permanent,
            None,
        ),
    )
    .await;
    let fi_only = publish(
        &app,
        &org,
        &r,
        &input("Suomenkielinen kokki", None, ("564", "Oulu"), EmploymentType::Permanent, None),
    )
    .await;

    let res = reqwest::get(app.url("/jobs/oulu/feed.rss")).await.unwrap();
    assert_eq!(res.headers()["content-type"], "application/rss+xml; charset=utf-8");
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let channel = rss::Channel::read_from(&res.bytes().await.unwrap()[..]).unwrap();
    assert_eq!(channel.language(), Some("fi"));
    assert_eq!(channel.items().len(), 2);
    let links: Vec<&str> = channel.items().iter().map(|i| i.link().unwrap()).collect();
    assert!(links.contains(&app.url(&format!("/jobs/oulu/ad/{}", both.id)).as_str()), "{links:?}");
    assert!(links.contains(&app.url(&format!("/jobs/oulu/ad/{}", fi_only.id)).as_str()));
    assert!(channel.link().starts_with(&app.url("/jobs/oulu")));
    assert!(channel.image().is_none(), "no logo yet");
    // Unchanged: a cheap 304 for readers that poll.
    let again = reqwest::Client::new()
        .get(app.url("/jobs/oulu/feed.rss"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // Swedish: only the ad written in Swedish, in Swedish.
    let (_, sv) = get(&app, "/jobs/oulu/feed.rss?lang=sv").await;
    let sv = rss::Channel::read_from(sv.as_bytes()).unwrap();
    assert_eq!(sv.language(), Some("sv"));
    assert_eq!(
        sv.items().iter().map(|i| i.title().unwrap()).collect::<Vec<_>>(),
        vec!["Tvåspråkig sekreterare"]
    );
    assert!(sv.title().starts_with("Lediga jobb"));
    let res = reqwest::get(app.url("/jobs/oulu/feed.atom?lang=sv")).await.unwrap();
    assert_eq!(res.headers()["content-type"], "application/atom+xml; charset=utf-8");
    let atom = atom_syndication::Feed::read_from(&res.bytes().await.unwrap()[..]).unwrap();
    assert_eq!(atom.entries().len(), 1);
    assert_eq!(atom.entries()[0].title().as_str(), "Tvåspråkig sekreterare");
    assert_eq!(atom.entries()[0].links()[0].href(), app.url(&format!("/jobs/oulu/ad/{}", both.id)));
    let (_, inst) = get(&app, "/jobs/feed.atom").await;
    assert_eq!(atom_syndication::Feed::read_from(inst.as_bytes()).unwrap().entries().len(), 2);

    // With a logo, the channel carries its small rendition.
    let admin = app.person(&org, "admin@oulu.test", Role::MainAdmin).await;
    let res = reqwest::Client::new()
        .put(app.url("/api/v1/orgs/oulu/logo"))
        .bearer_auth(&admin.token)
        .body(crate::jobs_logo::png(1620, 550))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (_, rss_text) = get(&app, "/jobs/oulu/feed.rss").await;
    let channel = rss::Channel::read_from(rss_text.as_bytes()).unwrap();
    let image = channel.image().expect("the logo");
    assert!(image.url().starts_with(&app.url("/jobs/oulu/logo/small")), "{}", image.url());
    assert_eq!(image.width(), Some("144"));
    let logo = reqwest::get(image.url()).await.unwrap();
    assert_eq!(logo.headers()["content-type"], "image/png");

    // The deadline passes: the ad is gone from the feed that second, without the tick.
    sqlx::query("UPDATE job_ads SET deadline = $1 WHERE id = $2")
        .bind(now() + 2)
        .bind(&both.id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let (_, before) = get(&app, "/jobs/oulu/feed.rss").await;
    assert_eq!(rss::Channel::read_from(before.as_bytes()).unwrap().items().len(), 2);
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let (_, after) = get(&app, "/jobs/oulu/feed.rss").await;
    let after = rss::Channel::read_from(after.as_bytes()).unwrap();
    assert_eq!(
        after.items().iter().map(|i| i.title().unwrap()).collect::<Vec<_>>(),
        vec!["Suomenkielinen kokki"]
    );
    let (_, sv_after) = get(&app, "/jobs/oulu/feed.rss?lang=sv").await;
    assert!(rss::Channel::read_from(sv_after.as_bytes()).unwrap().items().is_empty());
    assert_eq!(get(&app, &format!("/jobs/oulu/ad/{}", both.id)).await.0, StatusCode::GONE);
}

/// The JSON-LD of an ad page.
fn json_ld(html: &str) -> Value {
    let start = html.find("<script type=\"application/ld+json\">").expect("JSON-LD")
        + "<script type=\"application/ld+json\">".len();
    let end = html[start..].find("</script>").unwrap() + start;
    serde_json::from_str(&html[start..end]).unwrap()
}

async fn ad_page_and_framing(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    sqlx::query("UPDATE organisations SET privacy_notice_url = 'https://lahti.example/tietosuoja' WHERE id = $1").bind(&org.id).execute(app.db.pool()).await.unwrap();
    let org = tupa_core::organisations::by_slug(&app.db, "lahti").await.unwrap().unwrap();
    let r = recruiter(&app, &org, "rekry@lahti.test").await;
    let mut ad_input = input(
        "Koulupsykologi",
        Some("Skolpsykolog"),
        ("398", "Lahti"),
        EmploymentType::FixedTerm,
        None,
    );
    ad_input.texts.get_mut(&Lang::Fi).unwrap().description =
        "Ensimmäinen kappale <b>ei lihavoitu</b>.\n\nToinen kappale.".into();
    ad_input.start = Some("1.8.2027".into());
    ad_input.duration = Some("31.7.2028 asti".into());
    let ad = publish(&app, &org, &r, &ad_input).await;
    let admin = app.person(&org, "admin@lahti.test", Role::MainAdmin).await;
    reqwest::Client::new()
        .put(app.url("/api/v1/orgs/lahti/logo"))
        .bearer_auth(&admin.token)
        .body(crate::jobs_logo::png(1620, 550))
        .send()
        .await
        .unwrap();

    let path = format!("/jobs/lahti/ad/{}", ad.id);
    let res = reqwest::get(app.url(&path)).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["x-frame-options"], "DENY");
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    let html = res.text().await.unwrap();
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "JobPosting");
    assert_eq!(ld["title"], "Koulupsykologi");
    assert_eq!(ld["identifier"]["value"], ad.id.as_str());
    assert_eq!(ld["url"], app.url(&path));
    assert_eq!(ld["directApply"], true);
    assert_eq!(ld["employmentType"], serde_json::json!(["PART_TIME", "TEMPORARY"]));
    assert_eq!(ld["hiringOrganization"]["name"], "Org lahti");
    assert_eq!(ld["hiringOrganization"]["logo"], app.url("/jobs/lahti/logo"));
    assert_eq!(ld["jobLocation"]["address"]["addressCountry"], "FI");
    assert_eq!(ld["jobLocation"]["address"]["postalCode"], "02770");
    assert!(
        ld["datePosted"].as_str().unwrap().contains('T')
            && ld["validThrough"].as_str().unwrap().ends_with(":00"),
        "{ld}"
    );
    assert!(
        ld["description"].as_str().unwrap().contains("&lt;b&gt;ei lihavoitu&lt;/b&gt;"),
        "ad text stays text: {ld}"
    );
    assert!(
        ld["description"].as_str().unwrap().contains("KVTES"),
        "the salary basis is in the description"
    );
    // The page itself shows every field, the controller and the way to apply.
    for expected in [
        "Koulupsykologi",
        "ei lihavoitu",
        "<p>Toinen kappale.</p>",
        "Kirkkokatu 1, 02770 Lahti",
        "Määräaikainen",
        "Osa-aikatyö",
        "1.8.2027",
        "31.7.2028 asti",
        "KVTES",
        "Maija Esimies",
        "tel:+358401234567",
        "mailto:maija@example.fi",
        "rekisterinpitäjä on Org lahti",
        "https://lahti.example/tietosuoja",
        &format!("href=\"{path}/apply?lang=fi\""),
        "/jobs/lahti/logo?v=",
        "hreflang=\"sv\"",
    ] {
        assert!(html.contains(expected), "the ad page shows {expected}");
    }
    assert!(!html.contains("<b>ei lihavoitu</b>"), "ad text is escaped");
    // In Swedish: texts, labels and data in Swedish.
    let (_, sv) = get(&app, &format!("{path}?lang=sv")).await;
    assert!(sv.contains("<article class=\"job-ad\" lang=\"sv\">"));
    assert!(sv.contains("Sök det här jobbet") && sv.contains("Skolpsykolog"));
    assert_eq!(json_ld(&sv)["title"], "Skolpsykolog");
    // English is not one of the ad's languages: Finnish is shown.
    let (_, en) = get(&app, &format!("{path}?lang=en")).await;
    assert_eq!(json_ld(&en)["title"], "Koulupsykologi");

    // The embed alone may be framed by other sites; it has no scripts and no forms.
    let res = reqwest::get(app.url("/jobs/lahti/embed?lang=sv")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("x-frame-options").is_none());
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors *") && csp.contains("script-src 'self'"), "{csp}");
    let embed = res.text().await.unwrap();
    assert!(!embed.contains("<script") && !embed.contains("<form"), "{embed}");
    assert!(
        embed.contains(&format!(
            "href=\"{}?lang=sv\" target=\"_blank\" rel=\"noopener\"",
            app.url(&path)
        )),
        "{embed}"
    );
    assert!(embed.contains("<html lang=\"sv\">"));
    for framed_not in ["/jobs/lahti", "/jobs", "/jobs/lahti/feed.rss"] {
        let res = reqwest::get(app.url(framed_not)).await.unwrap();
        assert_eq!(res.headers()["x-frame-options"], "DENY", "{framed_not}");
    }
}

async fn demo_has_open_ads_with_a_logo(backend: Backend) {
    let app = spawn(backend).await;
    tupa_core::demo::run(&app.db, &app.settings, &Default::default()).await.unwrap();
    let (s, html) = get(&app, "/jobs/esimerkkila").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Avoimia työpaikkoja: 4"), "four open ads");
    assert!(html.contains("class=\"board-logo\" src=\"/jobs/esimerkkila/logo?v="), "with the logo");
    let (_, sv) = get(&app, "/jobs/esimerkkila/feed.rss?lang=sv").await;
    let sv = rss::Channel::read_from(sv.as_bytes()).unwrap();
    assert_eq!(sv.items().len(), 3, "three of them in Swedish too");
    assert!(sv.image().is_some());
    let logo = reqwest::get(app.url("/jobs/esimerkkila/logo")).await.unwrap();
    assert_eq!(logo.headers()["content-type"], "image/png");
    let (_, unit) = get(&app, "/jobs/esimerkkila/units/sosiaali-ja-terveyspalvelut").await;
    assert!(
        unit.contains("Sosiaalityöntekijä, aikuissosiaalityö"),
        "a unit board includes its sub-units' ads"
    );
}
