//! The staff's forms report every error at once too (issue 12): guidance spaces, tasks and
//! templates, the profile's password, units, plans, the desk settings and the recruitment
//! settings. Each answer lists every bad field in the summary, and each of the summary's links
//! leads to an input on the page (some pages hold several forms with the same fields).

use reqwest::StatusCode;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::guidance::open_space;
use crate::helpers::{Backend, spawn};

both_backends!(
    guidance_forms_name_every_bad_field,
    profile_password_form_names_every_problem,
    units_and_plans_name_every_bad_field,
    desk_settings_forms_name_every_bad_field,
    recruitment_settings_name_every_bad_field,
);

/// The summary's links (target id, text), after checking that each target is on the page.
fn summary_links(html: &str) -> Vec<(String, String)> {
    let summary = html.split("data-error-summary").nth(1).expect("an error summary");
    let summary = summary.split("</ul>").next().unwrap();
    let links: Vec<(String, String)> = summary
        .split("<a href=\"#")
        .skip(1)
        .map(|a| {
            let (id, rest) = a.split_once("\">").unwrap();
            (id.to_string(), rest.split("</a>").next().unwrap().to_string())
        })
        .collect();
    for (id, text) in &links {
        assert!(html.contains(&format!("id=\"{id}\"")), "«{text}» links to #{id}, not on the page");
    }
    links
}

fn ids(links: &[(String, String)]) -> Vec<&str> {
    links.iter().map(|(id, _)| id.as_str()).collect()
}

async fn guidance_forms_name_every_bad_field(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("lahti", "full").await;
    let counsellor = app.person(&org, "liisa@lahti.test", Role::Counsellor).await;
    let b = app.signed_in(&counsellor).await;

    // Opening a space: no title, no address, a language that is not one.
    let (s, html) = b
        .post_text(
            "/orgs/lahti/spaces",
            &[("title", ""), ("client_email", "anna"), ("client_name", "Anna"), ("lang", "xx")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ids(&summary_links(&html)), ["f-title", "f-client_email", "f-lang"]);
    assert!(html.contains("value=\"Anna\""), "what was typed stays");

    // A task with neither title nor a real due date.
    let (id, _) = open_space(&app, &counsellor.token, "lahti", "anna@example.fi").await;
    let (s, html) = b
        .post_text(
            &format!("/spaces/{id}/tasks"),
            &[("task_title", ""), ("task_due_on", "huomenna")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ids(&summary_links(&html)), ["f-task_title", "f-task_due_on"]);

    // A link without a title to an address that is not one (its form's own inputs).
    let (s, html) = b
        .post_text(&format!("/spaces/{id}/links"), &[("title", ""), ("url", "javascript:alert(1)")])
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ids(&summary_links(&html)), ["f-link_title", "f-link_url"]);

    // A space template without a name and with too long a welcome.
    let long = "x".repeat(20_001);
    let (s, html) = b
        .post_text(
            "/orgs/lahti/spaces/templates/spaces",
            &[("name", ""), ("title", "Tervetuloa"), ("welcome", long.as_str())],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ids(&summary_links(&html)), ["f-st_name", "f-st_welcome"]);
    let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM guidance_spaces WHERE org_id = $1")
        .bind(&org.id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n.0, 1, "only the space opened through the API");
}

async fn profile_password_form_names_every_problem(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("oulu", "full").await;
    let person = app.person(&org, "olli@oulu.test", Role::Adviser).await;
    let b = app.signed_in(&person).await;
    let (s, html) = b
        .post_text(
            "/profile/password",
            &[("current_password", "wrong"), ("password", "short"), ("password_again", "other")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let links = summary_links(&html);
    assert_eq!(ids(&links), ["f-current_password", "f-password", "f-password_again"]);
    // Right current password, new ones that differ: nothing changes.
    let (s, html) = b
        .post_text(
            "/profile/password",
            &[
                ("current_password", crate::helpers::PASSWORD),
                ("password", "uusi oikein pitkä salasana"),
                ("password_again", "uusi oikein pitkä salasanA"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ids(&summary_links(&html)), ["f-password_again"]);
    let again = app.signed_in(&person).await;
    let (s, _) = again.get_text("/profile").await;
    assert_eq!(s, StatusCode::OK, "the old password still signs in");
}

async fn units_and_plans_name_every_bad_field(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let operator = app.signed_in_operator().await;
    let org = app.org("kemi", "full").await;
    let main = app.person(&org, "paakayttaja@kemi.test", Role::MainAdmin).await;
    let b = app.signed_in(&main).await;
    let (s, html) =
        b.post_text("/orgs/kemi/units", &[("name", " "), ("parent_id", "someone-elses")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let links = summary_links(&html);
    assert_eq!(ids(&links), ["f-name", "f-parent_id"]);
    assert!(links[1].1.starts_with("Yläyksikkö: "), "the message names its field: {links:?}");

    let (s, html) = operator.post_text("/plans", &[("slug", "Ei Kelpaa"), ("name", "")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ids(&summary_links(&html)), ["f-slug", "f-name"]);
}

async fn desk_settings_forms_name_every_bad_field(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kotka", "full").await;
    let main = app.person(&org, "paakayttaja@kotka.test", Role::MainAdmin).await;
    let b = app.signed_in(&main).await;
    // A new queue: no name, an exception line that is not one, a target that is not a number.
    let (s, html) = b
        .post_text(
            "/orgs/kotka/desk/queues",
            &[
                ("name", ""),
                ("open_0", "08:00"),
                ("close_0", "16:00"),
                ("exceptions", "jouluaatto"),
                ("first_response_hours", "pian"),
                ("resolution_hours", "40"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let links = summary_links(&html);
    assert_eq!(ids(&links), ["new-name", "new-exceptions", "new-first"]);
    assert!(links[2].1.starts_with("Ensimmäinen vastaus viimeistään (työtunteina): "), "{links:?}");
    assert!(html.contains(">jouluaatto</textarea>"), "what was typed stays");

    // A canned answer without a title or any text.
    let (s, html) = b
        .post_text(
            "/orgs/kotka/desk/canned",
            &[("title", ""), ("body_fi", " "), ("body_sv", ""), ("body_en", "")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ids(&summary_links(&html)), ["c-new-title", "c-new-fi"]);

    // A topic category with no Finnish name and too long a Swedish one.
    let long = "å".repeat(201);
    let (s, html) = b
        .post_text(
            "/orgs/kotka/desk/categories",
            &[("name_fi", ""), ("name_sv", long.as_str()), ("name_en", "Housing")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ids(&summary_links(&html)), ["f-name_fi", "f-name_sv"]);
}

async fn recruitment_settings_name_every_bad_field(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("pori", "full").await;
    let main = app.person(&org, "paakayttaja@pori.test", Role::MainAdmin).await;
    let b = app.signed_in(&main).await;
    let (s, html) = b
        .post_text(
            "/orgs/pori/recruitment/settings",
            &[
                ("stages", "received\ninterview"),
                ("anonymous_until_stage", ""),
                ("retention_days", "5"),
                ("max_files", "50"),
                ("max_file_mb", "0"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let links = summary_links(&html);
    assert_eq!(ids(&links), ["f-retention_days", "f-max_files", "f-max_file_mb"]);
    assert!(links[0].1.starts_with("Hakemusten säilytysaika (päivää): "), "{links:?}");
}
