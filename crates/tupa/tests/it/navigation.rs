//! Navigation and words (issue 12): every link a role's pages show opens for that role (no
//! 403, 404 or 500 from a breadth-first walk of the links from the front page), the front
//! page says what waits, and the audit log says what happened in words. Every page walked
//! speaks to its reader in words: no Markdown backticks, no README references and no
//! untranslated message keys (a stage name or plan code shown as `stage-interview`).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use reqwest::StatusCode;
use serde_json::{Value, json};
use tupa_core::db::now;
use tupa_core::organisations::people::Role;
use tupa_core::recruitment::ads::format_local;

use crate::both_backends;
use crate::helpers::{Backend, Browser, TestApp, spawn};

both_backends!(audit_log_says_what_happened_in_words, every_link_opens_for_every_role);

/// Pages walked per role at most.
const CAP: usize = 150;

fn ad(title: &str, deadline: i64) -> Value {
    json!({
        "municipality_name": "Espoo", "municipality_code": "049", "street": "Kamreerintie 3", "postal_code": "02770", "city": "Espoo",
        "employment_type": "permanent", "working_time": "full-time", "engagement": "public-office", "salary_basis": "OVTES", "vacancies": 1,
        "contacts": [], "questions": [],
        "deadline": format_local(deadline),
        "texts": {"fi": {"title": title, "description": "Tule töihin."}}
    })
}

async fn rename(app: &TestApp, user_id: &str, name: &str) {
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(name)
        .bind(user_id)
        .execute(app.db.pool())
        .await
        .unwrap();
}

async fn audit_log_says_what_happened_in_words(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let main = app.person(&org, "main@espoo.test", Role::MainAdmin).await;
    let recruiter = app.person(&org, "maija@espoo.test", Role::Recruiter).await;
    rename(&app, &recruiter.id, "Maija Meikäläinen").await;
    let (s, made) = app
        .api(&recruiter.token)
        .post("/api/v1/orgs/espoo/job-ads", ad("Kesätyöntekijä", now() + 3 * 86_400))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{made}");

    let browser = app.signed_in(&main).await;
    let (s, html) = browser.get_text("/orgs/espoo/audit").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("Maija Meikäläinen loi työpaikkailmoituksen ”Kesätyöntekijä”"),
        "the event in words, in Finnish: {html}"
    );
    // The reader's own sign-in is said too, with the name rather than the code.
    assert!(html.contains("main kirjautui sisään"), "{html}");
    // The raw record is folded away, and nothing is a table that scrolls sideways.
    let words = html.find("Maija Meikäläinen loi").unwrap();
    let raw = html.find("<code>job-ad-created</code>").expect("the code in the raw details");
    let details = html[..raw].rfind("<details>").expect("raw details are collapsible");
    assert!(details > words);
    assert!(!html.contains("<table"), "the log is a list, not a wide table");

    // In Swedish and English as well.
    let res = browser.post("/language", &[("lang", "sv"), ("next", "/")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, sv) = browser.get_text("/orgs/espoo/audit").await;
    assert!(sv.contains("Maija Meikäläinen skapade platsannonsen ”Kesätyöntekijä”"), "{sv}");
    browser.post("/language", &[("lang", "en"), ("next", "/")]).await;
    let (_, en) = browser.get_text("/orgs/espoo/audit").await;
    assert!(en.contains("Maija Meikäläinen created the job ad “Kesätyöntekijä”"), "{en}");
}

/// The same-origin links of a page to walk: GET pages only (no sign-out form, files, feeds,
/// event streams or logos), fragments dropped.
fn links(html: &str) -> Vec<String> {
    let mut out = vec![];
    for part in html.split("href=\"").skip(1) {
        let Some(end) = part.find('"') else { continue };
        let href = part[..end].replace("&amp;", "&");
        let href = href.split('#').next().unwrap_or("").to_string();
        if !href.starts_with('/') || href.starts_with("//") {
            continue;
        }
        let skip = [
            "/sign-out",
            ".zip",
            "/export",
            "/download",
            "/files/",
            "/attachments/",
            "/original",
            "/logo",
            "feed.",
            "/events",
            ".css",
            ".js",
            ".svg",
            ".ico",
            ".csv",
            ".xlsx",
        ];
        if skip.iter().any(|s| href.contains(s)) {
            continue;
        }
        out.push(href);
    }
    out
}

/// The text a reader sees: the page without its scripts, styles and tags.
fn visible_text(html: &str) -> String {
    let mut text = html.to_string();
    for (open, close) in [("<script", "</script>"), ("<style", "</style>")] {
        while let Some(at) = text.find(open) {
            let end = text[at..].find(close).map_or(text.len(), |e| at + e + close.len());
            text.replace_range(at..end, " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The message keys of the Finnish catalogue that could be mistaken for nothing else: with
/// a hyphen and long enough not to be an ordinary word.
fn message_keys() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tupa-core/locales/fi");
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            let Some((key, _)) = line.split_once(" =") else { continue };
            if key.contains('-') && key.len() >= 8 && !key.starts_with(['#', ' ', '-']) {
                keys.insert(key.to_string());
            }
        }
    }
    keys
}

/// What a page must not show its reader: Markdown, the README, message keys.
fn assert_in_words(who: &str, path: &str, html: &str, keys: &BTreeSet<String>) {
    let text = visible_text(html);
    assert!(!text.contains('`'), "{who}: {path} shows a Markdown backtick: {text}");
    assert!(!text.contains("README"), "{who}: {path} refers to the README: {text}");
    let shown =
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).find(|w| keys.contains(*w));
    assert!(shown.is_none(), "{who}: {path} shows the message key {shown:?}: {text}");
}

/// A page's kind: its path with each id-like segment (a case number, a uuid) as `:id`, or
/// None for an address with a query (a filtered list keeps its list's title).
fn kind_of(path: &str) -> Option<String> {
    if path.contains('?') {
        return None;
    }
    let kind: Vec<&str> =
        path.split('/')
            .map(|seg| {
                if seg.len() >= 6 && seg.chars().any(|c| c.is_ascii_digit()) { ":id" } else { seg }
            })
            .collect();
    kind.contains(&":id").then(|| kind.join("/"))
}

/// Each page's title names the thing on it (WCAG 2.4.2): two pages of one kind about two
/// things (two tickets, two ads) never share a title.
fn assert_titles_name_their_things(who: &str, titles: &BTreeMap<String, String>) {
    let mut by_kind: BTreeMap<(String, &str), &str> = BTreeMap::new();
    for (path, title) in titles {
        let Some(kind) = kind_of(path) else { continue };
        if let Some(other) = by_kind.insert((kind, title.as_str()), path.as_str()) {
            panic!("{who}: {other} and {path} are both titled \"{title}\"");
        }
    }
}

fn title_of(html: &str) -> String {
    let start = html.find("<title>").map_or(0, |i| i + "<title>".len());
    let end = html[start..].find("</title>").map_or(start, |e| start + e);
    html[start..end].trim().to_string()
}

/// Walks the links from the front page breadth-first; every page answers without 403, 404
/// or 500. The pages seen, for checks of what a role reaches.
async fn walk(browser: &Browser, who: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut titles = BTreeMap::new();
    // Each page with the page that linked to it, for the message.
    let mut queue = VecDeque::from([(String::from("/"), String::from("-"))]);
    seen.insert(String::from("/"));
    let mut visited = 0;
    let keys = message_keys();
    assert!(keys.len() > 500, "{} keys", keys.len());
    while let Some((path, from)) = queue.pop_front() {
        if visited >= CAP {
            break;
        }
        visited += 1;
        let res = browser.get(&path).await;
        let status = res.status();
        assert!(
            ![StatusCode::FORBIDDEN, StatusCode::NOT_FOUND, StatusCode::INTERNAL_SERVER_ERROR]
                .contains(&status),
            "{who}: GET {path} (linked from {from}) answered {status}"
        );
        let is_html = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if !status.is_success() || !is_html {
            continue;
        }
        let html = res.text().await.unwrap();
        assert_in_words(who, &path, &html, &keys);
        let title = title_of(&html);
        assert!(title.len() > "Tupa".len() + 3, "{who}: {path} has no title of its own: {title:?}");
        titles.insert(path.clone(), title);
        for link in links(&html) {
            if seen.insert(link.clone()) {
                queue.push_back((link, path.clone()));
            }
        }
    }
    assert_titles_name_their_things(who, &titles);
    seen
}

async fn every_link_opens_for_every_role(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("espoo", "full").await;
    let main = app.person(&org, "main@espoo.test", Role::MainAdmin).await;
    let adviser = app.person(&org, "neuvoja@espoo.test", Role::Adviser).await;
    let recruiter = app.person(&org, "rekry@espoo.test", Role::Recruiter).await;
    let counsellor = app.person(&org, "ohjaaja@espoo.test", Role::Counsellor).await;
    let supervisor = app.person(&org, "valvoja@espoo.test", Role::Supervisor).await;
    // Something in each role's lists: a ticket, a published ad closing in two days.
    let (s, t) = app
        .api(&adviser.token)
        .post("/api/v1/orgs/espoo/tickets", json!({"name": "Asiakas", "email": "asiakas@example.fi", "subject": "Koulukuljetus", "message": "Kysymys"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let rec = app.api(&recruiter.token);
    let (s, made) =
        rec.post("/api/v1/orgs/espoo/job-ads", ad("Kesätyöntekijä", now() + 2 * 86_400)).await;
    assert_eq!(s, StatusCode::CREATED, "{made}");
    let id = made["id"].as_str().unwrap();
    let (s, body) = rec.post(&format!("/api/v1/orgs/espoo/job-ads/{id}/submit"), json!({})).await;
    assert!(s.is_success(), "{body}");

    // The front pages say what waits.
    let (_, home) = app.signed_in(&adviser).await.get_text("/").await;
    assert!(home.contains("Tiketit ilman käsittelijää: 1"), "{home}");
    assert!(home.contains("href=\"/orgs/espoo/desk?assignee=unassigned\""));
    let (_, home) = app.signed_in(&recruiter).await.get_text("/").await;
    assert!(home.contains("”Kesätyöntekijä” sulkeutuu"), "{home}");
    let (_, home) = app.signed_in(&main).await.get_text("/").await;
    assert!(home.contains("Lisää logo työpaikkasivulle"), "{home}");
    assert!(!home.contains("Hyväksymättömät kutsut"), "no invitation waits yet: {home}");
    // An invitation not yet accepted waits on the main admin's home page, linked to the people.
    let (s, body) = app
        .api(&main.token)
        .post("/api/v1/orgs/espoo/users", json!({"email": "uusi@espoo.test", "display_name": "Uusi", "roles": [{"role": "adviser"}]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let (_, home) = app.signed_in(&main).await.get_text("/").await;
    assert!(home.contains("href=\"/orgs/espoo/users\">Hyväksymättömät kutsut: 1</a>"), "{home}");
    // The counsellor is told where the spaces are, even with none yet.
    let (_, home) = app.signed_in(&counsellor).await.get_text("/").await;
    assert!(home.contains("href=\"/orgs/espoo/spaces\">Avoimet ohjaustilasi: 0</a>"), "{home}");

    // A second ticket and a second ad, so that the walk meets two pages of each kind and
    // can tell whether their titles name them.
    let (s, t) = app
        .api(&adviser.token)
        .post("/api/v1/orgs/espoo/tickets", json!({"name": "Toinen", "email": "toinen@example.fi", "subject": "Kirjastokortti", "message": "Kysymys"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let (s, made) =
        rec.post("/api/v1/orgs/espoo/job-ads", ad("Kirjastonhoitaja", now() + 9 * 86_400)).await;
    assert_eq!(s, StatusCode::CREATED, "{made}");

    let operator = app.signed_in_operator().await;
    let seen = walk(&operator, "platform admin").await;
    assert!(seen.contains("/orgs/espoo") && seen.contains("/plans"), "{seen:?}");
    let seen = walk(&app.signed_in(&main).await, "main admin").await;
    for page in [
        "/orgs/espoo/recruitment/publishing",
        "/orgs/espoo/recruitment/jobmarket",
        "/orgs/espoo/audit",
    ] {
        assert!(seen.contains(page), "the main admin reaches {page}: {seen:?}");
    }
    // Recruitment's ads list is for recruiters; the main admin is never led to it.
    assert!(!seen.contains("/orgs/espoo/recruitment"), "{seen:?}");
    let seen = walk(&app.signed_in(&adviser).await, "adviser").await;
    let tickets = seen.iter().filter(|p| kind_of(p).as_deref() == Some("/orgs/espoo/desk/:id"));
    assert_eq!(tickets.count(), 2, "{seen:?}");
    let seen = walk(&app.signed_in(&recruiter).await, "recruiter").await;
    assert!(seen.contains(&format!("/orgs/espoo/recruitment/ads/{id}")), "{seen:?}");
    let second = made["id"].as_str().unwrap();
    assert!(seen.contains(&format!("/orgs/espoo/recruitment/ads/{second}")), "{seen:?}");
    walk(&app.signed_in(&counsellor).await, "counsellor").await;
    walk(&app.signed_in(&supervisor).await, "supervisor").await;
}

#[test]
fn the_words_check_sees_keys_backticks_and_the_readme_but_not_scripts() {
    let keys = message_keys();
    let page =
        |body: &str| format!("<html><script>let a = `x`;</script><main>{body}</main></html>");
    assert_in_words("t", "/", &page("<p>Haastattelu</p>"), &keys);
    for bad in ["<p>desk-filters</p>", "<p>Aja `tupa demo`</p>", "<p>Katso README.</p>"] {
        let html = page(bad);
        let caught = std::panic::catch_unwind(|| assert_in_words("t", "/", &html, &keys));
        assert!(caught.is_err(), "{bad} passed");
    }
}

#[test]
fn the_title_check_sees_two_things_of_one_kind_with_one_title() {
    let page = |t: &str| format!("<html><head><title>{t}</title></head></html>");
    let mut titles = BTreeMap::new();
    titles.insert("/orgs/espoo/desk/ESP-000001".to_string(), title_of(&page("ESP-000001 – Asia")));
    titles.insert("/orgs/espoo/desk?status=open".to_string(), "Jono – Tupa".to_string());
    titles.insert("/orgs/espoo/desk?status=closed".to_string(), "Jono – Tupa".to_string());
    assert_titles_name_their_things("t", &titles);
    titles.insert("/orgs/espoo/desk/ESP-000002".to_string(), "ESP-000001 – Asia".to_string());
    let caught = std::panic::catch_unwind(|| assert_titles_name_their_things("t", &titles));
    assert!(caught.is_err(), "two tickets with one title passed");
}
