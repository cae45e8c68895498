//! Forms report every error at once (issue 12): one answer names each bad field in the
//! summary at the top (a link to the field) and beside the field, and keeps what was typed.

use reqwest::StatusCode;
use reqwest::multipart::Form;
use tupa_core::db::now;
use tupa_core::organisations::people::Role;
use tupa_core::recruitment::ads::format_local;

use crate::applications::{apply, open_ad};
use crate::both_backends;
use crate::helpers::{Backend, spawn};

both_backends!(
    setup_form_names_every_missing_field_in_one_answer,
    application_form_names_every_missing_field_in_one_answer,
    contact_form_names_every_missing_field_in_one_answer,
    ad_form_names_every_bad_field_and_adds_slots_without_javascript,
    sign_in_form_names_both_missing_fields,
);

/// The summary's link to `field` and the field's own message (tied to it with
/// `aria-describedby`), both carrying `message`.
fn assert_reported(html: &str, field: &str, message: &str) {
    let summary = html.split("data-error-summary").nth(1).expect("an error summary");
    let summary = summary.split("</div>").next().unwrap();
    assert!(
        summary.contains(&format!("<a href=\"#f-{field}\">{message}</a>")),
        "the summary links {field} with «{message}»: {summary}"
    );
    assert!(
        html.contains(&format!("id=\"f-{field}-error\">{message}</p>")),
        "{field} shows «{message}» beside it"
    );
    assert!(
        html.contains(&format!("aria-invalid=\"true\" aria-describedby=\"f-{field}-error")),
        "{field} is marked invalid and described by its message"
    );
}

async fn setup_form_names_every_missing_field_in_one_answer(backend: Backend) {
    let app = spawn(backend).await;
    let b = app.browser().await;
    let (s, html) = b
        .post_text(
            "/setup",
            &[
                ("operator_name", ""),
                ("operator_slug", "Not A Slug"),
                ("admin_name", ""),
                ("admin_email", "nobody"),
                ("password", "short"),
                ("password_again", "other"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_reported(
        &html,
        "operator_name",
        "Organisaation nimi: Anna nimi (enintään 200 merkkiä).",
    );
    assert_reported(
        &html,
        "operator_slug",
        "Lyhyt nimi verkko-osoitteissa: Käytä 2–40 merkkiä: pieniä kirjaimia a–z, numeroita ja väliviivoja.",
    );
    assert_reported(&html, "admin_name", "Anna nimi (enintään 200 merkkiä).");
    assert_reported(
        &html,
        "admin_email",
        "Anna kelvollinen sähköpostiosoite, esimerkiksi nimi@example.fi.",
    );
    assert_reported(&html, "password", "Salasanassa on oltava vähintään 10 merkkiä.");
    assert_reported(&html, "password_again", "Uusi salasana uudelleen: Salasanat eivät ole samat.");
    // What was typed stays, passwords never.
    assert!(html.contains("value=\"Not A Slug\"") && html.contains("value=\"nobody\""));
    assert!(!html.contains("value=\"short\""));
    assert!(!tupa_core::setup::is_done(&app.db).await.unwrap(), "nothing was set up");
    // One field wrong: only that one is reported.
    let (s, html) = b
        .post_text(
            "/setup",
            &[
                ("operator_name", "Tupa"),
                ("operator_slug", "tupa"),
                ("admin_name", "Ylläpitäjä"),
                ("admin_email", "admin@example.fi"),
                ("password", "correct horse battery"),
                ("password_again", "correct horse batter"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_reported(&html, "password_again", "Uusi salasana uudelleen: Salasanat eivät ole samat.");
    let summary = html.split("data-error-summary").nth(1).unwrap();
    assert_eq!(summary.split("</ul>").next().unwrap().matches("<li>").count(), 1, "one message");
    assert!(!tupa_core::setup::is_done(&app.db).await.unwrap());
}

async fn application_form_names_every_missing_field_in_one_answer(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("vantaa", "full").await;
    let recruiter = app.person(&org, "rekry@vantaa.test", Role::Recruiter).await;
    let ad = open_ad(&app, &org, &recruiter).await;
    let empty = Form::new().text("phone", "not a phone").text("cover_letter", "Kirjeeni.");
    let (s, html) = apply(&app, "vantaa", &ad.id, empty).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_reported(&html, "first_name", "Etunimi on pakollinen.");
    assert_reported(&html, "last_name", "Sukunimi on pakollinen.");
    assert_reported(
        &html,
        "email",
        "Anna kelvollinen sähköpostiosoite, esimerkiksi nimi@example.fi.",
    );
    // The ad's own required question is named by its text.
    assert_reported(&html, "answer-0", "Onko sinulla ajokortti? on pakollinen.");
    let summary = html.split("data-error-summary").nth(1).unwrap();
    assert!(summary.contains("href=\"#f-phone\"") && summary.contains("href=\"#f-consent\""));
    assert!(html.contains(">Kirjeeni.</textarea>"), "the letter is kept");
    let n: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM applications").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(n.0, 0);
}

async fn contact_form_names_every_missing_field_in_one_answer(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    app.org("raahe", "full").await;
    let citizen = app.browser().await;
    let (s, html) = citizen
        .post_text(
            "/contact/raahe",
            &[("name", ""), ("email", ""), ("message", " "), ("subject", "Aihe")],
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_reported(&html, "name", "Anna nimi (enintään 200 merkkiä).");
    assert_reported(
        &html,
        "email",
        "Anna kelvollinen sähköpostiosoite, esimerkiksi nimi@example.fi.",
    );
    assert!(html.contains("<a href=\"#f-message\">Kirjoita viestisi"), "the message is named");
    assert!(html.contains("value=\"Aihe\""), "the subject is kept");
    // In Swedish the messages name the fields in Swedish.
    let res = citizen
        .client
        .post(app.url("/contact/raahe"))
        .header("accept-language", "sv")
        .form(&[("name", "A"), ("email", ""), ("message", ""), ("csrf", citizen.csrf.as_str())])
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    let summary = html.split("data-error-summary").nth(1).expect("a summary");
    assert_eq!(summary.split("</ul>").next().unwrap().matches("<li>").count(), 2, "{summary}");
}

async fn ad_form_names_every_bad_field_and_adds_slots_without_javascript(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("turku", "full").await;
    let recruiter = app.person(&org, "rekry@turku.test", Role::Recruiter).await;
    let b = app.signed_in(&recruiter).await;
    // A new ad shows one contact and one question slot, and the buttons to add more.
    let (_, html) = b.get_text("/orgs/turku/recruitment/ads/new").await;
    assert!(html.contains("name=\"contact_1_name\""), "the other slots wait in the page");
    assert_eq!(html.matches("class=\"row-group slot-row\" hidden").count(), 2 + 4);
    assert!(html.contains("name=\"add_slot\" value=\"contact\""));
    assert!(html.contains("name=\"add_slot\" value=\"question\""));

    let past = format_local(now() - 86_400);
    let typed = [
        ("title_fi", "Sairaanhoitaja"),
        ("description_fi", "Hoitotyötä."),
        ("municipality_name", "Turku"),
        ("municipality_code", "turku"),
        ("employment_type", "permanent"),
        ("working_time", "full-time"),
        ("engagement", "employment-contract"),
        ("vacancies", "0"),
        ("deadline", "tomorrow"),
        ("publish_at", past.as_str()),
        ("contact_0_name", "Sanna"),
        ("contact_slots", "1"),
        ("question_slots", "1"),
    ];
    let (s, html) = b.post_text("/orgs/turku/recruitment/ads/new", &typed).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_reported(
        &html,
        "municipality_code",
        "Kuntakoodi on kolme numeroa, esimerkiksi 091 (Helsinki).",
    );
    assert_reported(&html, "vacancies", "Paikkojen määrä on kokonaisluku väliltä 1–999.");
    let summary = html.split("data-error-summary").nth(1).unwrap();
    assert!(summary.contains("href=\"#f-deadline\""), "the deadline too: {summary}");

    // "Add a contact" without JavaScript: the form comes back with a second slot, as typed.
    let mut adding = typed.to_vec();
    adding.push(("add_slot", "contact"));
    let (s, html) = b.post_text("/orgs/turku/recruitment/ads/new", &adding).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("data-error-summary"), "nothing checked yet");
    assert!(html.contains("name=\"contact_slots\" value=\"2\""));
    assert_eq!(html.matches("class=\"row-group slot-row\" hidden").count(), 1 + 4);
    assert!(html.contains("value=\"Sanna\"") && html.contains("Hoitotyötä.</textarea>"));
    // Once more: all three contacts are shown and the button is gone.
    let mut again: Vec<(&str, &str)> =
        typed.iter().filter(|(k, _)| *k != "contact_slots").cloned().collect();
    again.push(("contact_slots", "2"));
    again.push(("add_slot", "contact"));
    let (_, html) = b.post_text("/orgs/turku/recruitment/ads/new", &again).await;
    assert!(!html.contains("name=\"add_slot\" value=\"contact\""));
    let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM job_ads WHERE org_id = $1")
        .bind(&org.id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(n.0, 0, "adding a slot saves nothing");
}

async fn sign_in_form_names_both_missing_fields(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let b = app.browser().await;
    let (s, html) =
        b.post_text("/sign-in", &[("email", ""), ("password", ""), ("next", "/")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_reported(&html, "email", "Sähköpostiosoite on pakollinen.");
    assert_reported(&html, "password", "Salasana on pakollinen.");
}
