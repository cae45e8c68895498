//! The public contact form of an organisation's service desk: no sign-in; shows who is the
//! controller of the data and links its privacy notice; a honeypot field and throttling keep
//! robots out without any third-party service.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::desk::work::{self, ContactInput};
use tupa_core::organisations::{self, Organisation};
use tupa_core::{authz, throttle};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, form_error, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new().route("/contact/{slug}", get(form).post(submit))
}

/// At most this many contacts per client address and organisation in ten minutes. Only sent
/// messages count, so a person correcting a typo is never locked out; several people behind
/// one address (a library's computers) still have room.
const MAX_CONTACTS: i64 = 10;

#[derive(Template)]
#[template(path = "contact.html")]
struct ContactPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    form: FormState,
    categories: Vec<tupa_core::desk::categories::Category>,
    /// Set after a successful submission.
    case_number: Option<String>,
    due: Option<String>,
}

async fn desk_org(state: &AppState, slug: &str) -> Result<Organisation, tupa_core::Error> {
    let org = organisations::by_slug(&state.db, slug).await?.filter(|o| o.retired_at.is_none()).ok_or(tupa_core::Error::NotFound)?;
    // An organisation without the desk in its plan has no contact form.
    authz::require_capability(&state.db, &org, tupa_core::organisations::plans::Capability::Desk).await.map_err(|_| tupa_core::Error::NotFound)?;
    Ok(org)
}

async fn form(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let org = desk_org(&state, &slug).await?;
    page_with_status(StatusCode::OK, &ContactPage { ctx: &ctx, categories: tupa_core::desk::categories::list(&state.db, &org.id).await?, org, form: FormState::new(), case_number: None, due: None })
}

#[derive(Deserialize)]
struct ContactForm {
    name: String,
    email: String,
    #[serde(default)]
    subject: String,
    message: String,
    #[serde(default)]
    category_id: String,
    /// The honeypot: hidden from people, filled in by robots.
    #[serde(default)]
    website: String,
}

async fn submit(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>, Form(f): Form<ContactForm>) -> WebResult {
    let org = desk_org(&state, &slug).await?;
    let values = [("name", f.name.as_str()), ("email", f.email.as_str()), ("subject", f.subject.as_str()), ("message", f.message.as_str()), ("category_id", f.category_id.as_str())];
    if !f.website.is_empty() {
        // A robot: answer as if all went well, store nothing.
        tracing::info!(org = %org.slug, "contact form honeypot filled; dropped");
        return page_with_status(StatusCode::OK, &ContactPage { ctx: &ctx, org, form: FormState::new(), categories: vec![], case_number: Some(String::new()), due: None });
    }
    let key = format!("contact:{}:{}", org.id, ctx.client.ip);
    let result = match throttle::check(&state.db, &key, 600, MAX_CONTACTS).await {
        Ok(()) => {
            let input = ContactInput { name: f.name.clone(), email: f.email.clone(), subject: f.subject.clone(), message: f.message.clone(), language: None, category_id: Some(f.category_id.clone()).filter(|c| !c.is_empty()) };
            let sent = work::contact(&state.db, &state.settings, &org, &input, ctx.lang, "web").await;
            if sent.is_ok() {
                throttle::record(&state.db, &key).await?;
            }
            sent
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(ticket) => {
            let due = ticket.first_response_due.map(tupa_core::desk::hours::format_helsinki);
            page_with_status(StatusCode::OK, &ContactPage { ctx: &ctx, org, form: FormState::new(), categories: vec![], case_number: Some(ticket.case_number), due })
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            page_with_status(status, &ContactPage { ctx: &ctx, categories: tupa_core::desk::categories::list(&state.db, &org.id).await?, org, form: form.with_values(values), case_number: None, due: None })
        }
    }
}
