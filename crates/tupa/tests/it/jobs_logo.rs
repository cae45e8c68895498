//! Logos and the publishing page: uploads through the API (the image as the body) and the
//! page, every refusal with its reason in the caller's language, who may upload, how logos
//! are served, and the addresses and snippets given to the web team.

use image::{ImageEncoder, Rgb, RgbImage};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::helpers::{Backend, location, spawn};

both_backends!(logo_upload_through_the_api, logo_upload_on_the_publishing_page);

fn rgb(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| Rgb([(x % 200) as u8, (y % 200) as u8, 90]))
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(rgb(w, h).as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&rgb(w, h))
        .unwrap();
    out
}

/// A PNG signature and header declaring `w` × `h`, and nothing else.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(13u32.to_be_bytes());
    out.extend(b"IHDR");
    out.extend(w.to_be_bytes());
    out.extend(h.to_be_bytes());
    out.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    out
}

async fn put(
    base: &str,
    path: &str,
    token: &str,
    lang: Option<&str>,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let mut req = reqwest::Client::new()
        .put(format!("{base}{path}"))
        .bearer_auth(token)
        .header("content-type", "image/png")
        .body(body);
    if let Some(l) = lang {
        req = req.header("accept-language", l);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn logo_upload_through_the_api(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("porvoo", "full").await;
    let other = app.org("loviisa", "full").await;
    let admin = app.person(&org, "admin@porvoo.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekry@porvoo.test", Role::Recruiter).await;
    let stranger = app.person(&other, "admin@loviisa.test", Role::MainAdmin).await;
    let (_, unit) = app
        .api(&admin.token)
        .post("/api/v1/orgs/porvoo/units", serde_json::json!({"name": "Skolan"}))
        .await;
    let unit_id = unit["id"].as_str().unwrap().to_string();
    let unit_slug = unit["slug"].as_str().unwrap().to_string();

    // Every refusal: 422, a stable code and the reason with its numbers, in the caller's language.
    let mut gif = b"GIF89a".to_vec();
    gif.extend([0x52, 0x06, 0x26, 0x02, 0, 0, 0]);
    let refusals: Vec<(Vec<u8>, &str, &str, &str)> = vec![
        (
            png(400, 136),
            "logo-too-small",
            "Kuva on 400 × 136 px; sen on oltava vähintään 810 × 275 px.",
            "Bilden är 400 × 136 px; den måste vara minst 810 × 275 px.",
        ),
        (
            png(1000, 1000),
            "logo-wrong-aspect-ratio",
            "1\u{a0}000 × 1\u{a0}000",
            "1\u{a0}000 × 1\u{a0}000",
        ),
        (
            b"just some text, not an image".to_vec(),
            "logo-not-jpeg-or-png",
            "Tiedosto ei ole JPEG- eikä PNG-kuva",
            "Filen är varken en JPEG- eller en PNG-bild",
        ),
        (gif, "logo-not-jpeg-or-png", "Tiedosto ei ole JPEG- eikä PNG-kuva", "Filen är varken"),
        (
            png_header(100_000, 33_950),
            "logo-dimensions-too-large",
            "100\u{a0}000 × 33\u{a0}950",
            "100\u{a0}000 × 33\u{a0}950",
        ),
        (png_header(1620, 550), "logo-corrupt", "", ""),
    ];
    for (body, code, fi, sv) in refusals {
        let (s, err) =
            put(&app.base, "/api/v1/orgs/porvoo/logo", &admin.token, None, body.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{code}: {err}");
        assert_eq!(err["code"], code);
        assert_eq!(err["field"], "logo");
        assert!(err["message"].as_str().unwrap().contains(fi), "{code}: {err}");
        let (_, err) =
            put(&app.base, "/api/v1/orgs/porvoo/logo", &admin.token, Some("sv-FI,sv;q=0.9"), body)
                .await;
        assert!(err["message"].as_str().unwrap().contains(sv), "{code} in Swedish: {err}");
    }
    assert_eq!(
        reqwest::get(app.url("/jobs/porvoo/logo")).await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "nothing stored"
    );

    // Who may upload: the organisation's main admin; not its recruiter, not another
    // organisation's main admin.
    let (s, _) =
        put(&app.base, "/api/v1/orgs/porvoo/logo", &recruiter.token, None, png(1620, 550)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) =
        put(&app.base, "/api/v1/orgs/porvoo/logo", &stranger.token, None, png(1620, 550)).await;
    assert!(s == StatusCode::NOT_FOUND || s == StatusCode::FORBIDDEN, "{s}");
    let (s, _) = put(
        &app.base,
        &format!("/api/v1/orgs/loviisa/units/{unit_id}/logo"),
        &stranger.token,
        None,
        png(1620, 550),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another organisation's unit");

    let (s, info) =
        put(&app.base, "/api/v1/orgs/porvoo/logo", &admin.token, None, png(1620, 550)).await;
    assert_eq!(s, StatusCode::OK, "{info}");
    assert_eq!(
        (info["board_width"].as_i64(), info["board_height"].as_i64(), info["feed_width"].as_i64()),
        (Some(810), Some(275), Some(144))
    );
    assert_eq!(info["source_width"], 1620);
    let (s, got) = app.api(&recruiter.token).get("/api/v1/orgs/porvoo/logo").await;
    assert_eq!((s, &got["content_type"]), (StatusCode::OK, &Value::from("image/png")));

    // Served with its type, no sniffing, and validators for caches.
    let res = reqwest::get(app.url("/jobs/porvoo/logo")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(res.headers()["cache-control"].to_str().unwrap().starts_with("public"));
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let last_modified = res.headers()["last-modified"].to_str().unwrap().to_string();
    assert!(last_modified.ends_with(" GMT"), "{last_modified}");
    let board = image::load_from_memory(&res.bytes().await.unwrap()).unwrap();
    assert_eq!((board.width(), board.height()), (810, 275));
    let client = reqwest::Client::new();
    assert_eq!(
        client
            .get(app.url("/jobs/porvoo/logo"))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_MODIFIED
    );
    assert_eq!(
        client
            .get(app.url("/jobs/porvoo/logo"))
            .header("if-modified-since", &last_modified)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_MODIFIED
    );
    let small = image::load_from_memory(
        &reqwest::get(app.url("/jobs/porvoo/logo/small")).await.unwrap().bytes().await.unwrap(),
    )
    .unwrap();
    assert_eq!(small.width(), 144);

    // A unit without its own logo shows the organisation's; with one, its own.
    let org_bytes =
        reqwest::get(app.url("/jobs/porvoo/logo")).await.unwrap().bytes().await.unwrap();
    let unit_res =
        reqwest::get(app.url(&format!("/jobs/porvoo/units/{unit_slug}/logo"))).await.unwrap();
    assert_eq!(unit_res.bytes().await.unwrap(), org_bytes);
    let (s, _) = put(
        &app.base,
        &format!("/api/v1/orgs/porvoo/units/{unit_id}/logo"),
        &admin.token,
        None,
        jpeg(1620, 550),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let unit_res =
        reqwest::get(app.url(&format!("/jobs/porvoo/units/{unit_slug}/logo"))).await.unwrap();
    assert_eq!(unit_res.headers()["content-type"], "image/jpeg");
    assert_eq!(
        reqwest::get(app.url("/jobs/porvoo/logo")).await.unwrap().headers()["content-type"],
        "image/png",
        "the organisation keeps its own"
    );
    let (s, _) = app
        .api(&admin.token)
        .call(reqwest::Method::DELETE, &format!("/api/v1/orgs/porvoo/units/{unit_id}/logo"), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(
        reqwest::get(app.url(&format!("/jobs/porvoo/units/{unit_slug}/logo")))
            .await
            .unwrap()
            .headers()["content-type"],
        "image/png"
    );
    assert!(
        app.audit_actions(Some(&org.id)).await.contains(&"recruitment-logo-uploaded".to_string())
    );

    // The publishing data for the web team.
    let (s, p) = app.api(&recruiter.token).get("/api/v1/orgs/porvoo/recruitment/publishing").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(p["boards"][0]["languages"][1]["rss"], app.url("/jobs/porvoo/feed.rss?lang=sv"));
    assert_eq!(
        p["boards"][1]["languages"][0]["atom"],
        app.url(&format!("/jobs/porvoo/units/{unit_slug}/feed.atom?lang=fi"))
    );
    assert!(p["snippets"][0]["embed"].as_str().unwrap().starts_with("<iframe"));
    let (s, _) = app.api(&stranger.token).get("/api/v1/orgs/porvoo/recruitment/publishing").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

async fn logo_upload_on_the_publishing_page(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("hanko", "full").await;
    let desk_only = app.org("raasepori", "desk").await;
    let admin = app.person(&org, "admin@hanko.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "rekry@hanko.test", Role::Recruiter).await;
    let adviser = app.person(&org, "neuvo@hanko.test", Role::Adviser).await;
    let desk_admin = app.person(&desk_only, "admin@raasepori.test", Role::MainAdmin).await;
    let b = app.signed_in(&admin).await;
    let page = "/orgs/hanko/recruitment/publishing";
    let (s, html) = b.get_text(page).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("enctype=\"multipart/form-data\"") && html.contains("id=\"f-logo\""));
    assert!(html.contains(&app.url("/jobs/hanko/feed.rss?lang=sv")), "feed addresses per language");
    assert!(
        html.contains("readonly>&#60;ul class=&#34;tupa-jobs&#34;&#62;"),
        "a ready snippet in a read-only field: {html}"
    );
    assert!(html.contains("&#60;iframe src=&#34;"), "the embed snippet");

    let upload = |bytes: Vec<u8>, name: &'static str| {
        let url = format!("{}{page}/logo?csrf={}", app.base, b.csrf);
        let form = Form::new()
            .text("target", "")
            .part("logo", Part::bytes(bytes).file_name(name).mime_str("image/png").unwrap());
        b.client.post(url).multipart(form).send()
    };
    // A refusal is shown at the field, with the reason and numbers.
    let res = upload(png(500, 170), "logo.png").await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("id=\"f-logo-error\"") && html.contains("Kuva on 500 × 170 px"),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"f-logo-error f-logo-hint\""));
    assert!(html.contains("href=\"#f-logo\""), "the error summary links the field");
    // A GIF renamed to .png.
    let res = upload(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec(), "logo.png").await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("ei ole JPEG- eikä PNG-kuva"));
    // No file chosen.
    let res = b
        .client
        .post(format!("{}{page}/logo?csrf={}", app.base, b.csrf))
        .multipart(Form::new().text("target", ""))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Without the token in the address: refused like any forged form.
    let res = b
        .client
        .post(app.url(&format!("{page}/logo")))
        .multipart(Form::new().part("logo", Part::bytes(png(1620, 550)).file_name("l.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reqwest::get(app.url("/jobs/hanko/logo")).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    let res = upload(png(1620, 550), "logo.png").await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with(page));
    let (_, html) = b.get_text(&location(&res)).await;
    assert!(html.contains("Logo tallennettiin"), "confirmation");
    assert!(html.contains("src=\"/jobs/hanko/logo?v="), "the current logo is shown");
    assert!(html.contains("(ladattu kuva 1620 × 550 px)"));
    let board = reqwest::get(app.url("/jobs/hanko")).await.unwrap().text().await.unwrap();
    assert!(board.contains("class=\"board-logo\" src=\"/jobs/hanko/logo?v="), "the board shows it");
    // The header of every public page carries the organisation's name and its small logo;
    // the logo is decorative (the name beside it says whose service it is).
    for path in ["/jobs/hanko", "/contact/hanko", "/privacy/hanko", "/accessibility/hanko"] {
        let html = reqwest::get(app.url(path)).await.unwrap().text().await.unwrap();
        let header = &html[html.find("<header").unwrap()..html.find("</header>").unwrap()];
        let brand = &header[header.find("org-brand").expect(path)..];
        assert!(
            brand.starts_with("org-brand\"><img src=\"/jobs/hanko/logo/small?v="),
            "{path}: {header}"
        );
        assert!(
            brand.contains("alt=\"\"") && brand.contains("<span>Org hanko"),
            "{path}: {header}"
        );
        let src = brand.split("src=\"").nth(1).unwrap().split('"').next().unwrap();
        let res = reqwest::get(app.url(src)).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}: {src}");
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("image/"));
    }
    // Without recruitment there is no logo to show: the name alone.
    let html = reqwest::get(app.url("/contact/raasepori")).await.unwrap().text().await.unwrap();
    let header = &html[html.find("<header").unwrap()..html.find("</header>").unwrap()];
    assert!(header.contains("org-brand\"><span>") && !header.contains("<img"), "{header}");

    // A recruiter sees the addresses but not the upload form; an adviser sees nothing;
    // an organisation without recruitment has no such page.
    let rb = app.signed_in(&recruiter).await;
    let (s, html) = rb.get_text(page).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("id=\"f-logo\"") && html.contains("feed.rss?lang=fi"));
    let res = rb
        .client
        .post(format!("{}{page}/logo?csrf={}", app.base, rb.csrf))
        .multipart(Form::new().part("logo", Part::bytes(png(1620, 550)).file_name("l.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let ab = app.signed_in(&adviser).await;
    assert_eq!(ab.get_text(page).await.0, StatusCode::FORBIDDEN);
    let db = app.signed_in(&desk_admin).await;
    let (s, _) = db.get_text("/orgs/raasepori/recruitment/publishing").await;
    assert!(s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND, "{s}");
    assert_eq!(db.get_text(page).await.0, StatusCode::NOT_FOUND, "another organisation's page");

    // Removing it.
    let res = b.post(&format!("{page}/logo/remove"), &[("target", "")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        reqwest::get(app.url("/jobs/hanko/logo")).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
}
