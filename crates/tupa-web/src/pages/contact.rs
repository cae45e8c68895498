//! The public contact form of an organisation's service desk: no sign-in; shows who is the
//! controller of the data and links its privacy notice; a honeypot field and throttling keep
//! robots out without any third-party service.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use tupa_core::authz;
use tupa_core::desk::work::{self, ContactInput};
use tupa_core::organisations::{self, Organisation};
use tupa_core::throttle::{self, Limit};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::form_data::FormData;
use crate::render::{FormState, form_error, get1, page_with_status};

/// The contact form's fields.
struct ContactFields {
    name: String,
    email: String,
    subject: String,
    message: String,
    category_id: String,
    /// The honeypot: hidden from people, filled in by robots.
    website: String,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/contact/{slug}", get(form).post(submit))
        // Attachments: up to five files of 10 MiB, 20 MiB together, plus the form itself.
        .layer(axum::extract::DefaultBodyLimit::max(
            tupa_core::desk::uploads::MAX_TOTAL_BYTES + 1024 * 1024,
        ))
}

/// At most this many contacts per client address and organisation in ten minutes. Only sent
/// messages count, so a person correcting a typo is never locked out; several people behind
/// one address (a library's computers) still have room.
const CONTACTS: Limit = Limit::new(10, 600);
/// At most this many posts with files per client address in ten minutes, sent or refused.
const UPLOADS: Limit = Limit::new(20, 600);

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
    let org = organisations::by_slug(&state.db, slug)
        .await?
        .filter(|o| o.retired_at.is_none())
        .ok_or(tupa_core::Error::NotFound)?;
    // An organisation without the desk in its plan has no contact form.
    authz::require_capability(&state.db, &org, tupa_core::organisations::plans::Capability::Desk)
        .await
        .map_err(|_| tupa_core::Error::NotFound)?;
    Ok(org)
}

async fn form(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let org = desk_org(&state, &slug).await?;
    ctx.brand_as(&state, &org).await?;
    page_with_status(
        StatusCode::OK,
        &ContactPage {
            ctx: &ctx,
            categories: tupa_core::desk::categories::list(&state.db, &org.id).await?,
            org,
            form: FormState::new(),
            case_number: None,
            due: None,
        },
    )
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    req: axum::extract::Request,
) -> WebResult {
    let org = desk_org(&state, &slug).await?;
    ctx.brand_as(&state, &org).await?;
    let key = format!("contact:{}:{}", org.id, ctx.client.ip);
    // Throttled before the body (which may carry files) is read at all, counting atomically
    // (a check before and a record after let parallel requests through). Uploads count even
    // when they fail, so nobody can keep a process busy with refused files; a contact is
    // given back below when it is not stored.
    let uploads_key = format!("contact-upload:{}", ctx.client.ip);
    let is_multipart = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/"));
    let mut counted = vec![(key.as_str(), CONTACTS)];
    if is_multipart {
        counted.push((uploads_key.as_str(), UPLOADS));
    }
    if let Err(e) = throttle::hit_all(&state.db, &counted).await {
        crate::form_data::discard_body(req.into_body()).await;
        let (status, form) = form_error(&ctx, e)?;
        let categories = tupa_core::desk::categories::list(&state.db, &org.id).await?;
        return page_with_status(
            status,
            &ContactPage { ctx: &ctx, org, form, categories, case_number: None, due: None },
        );
    }
    let data =
        <FormData as axum::extract::FromRequest<AppState>>::from_request(req, &state).await?;
    let f = |k: &str| get1(&data.pairs, k).to_string();
    let f = ContactFields {
        name: f("name"),
        email: f("email"),
        subject: f("subject"),
        message: f("message"),
        category_id: f("category_id"),
        website: f("website"),
    };
    let files: Vec<(String, Vec<u8>)> = data
        .files
        .into_iter()
        .filter(|(field, _, _)| field == "attachments")
        .map(|(_, name, bytes)| (name, bytes))
        .collect();
    let values = [
        ("name", f.name.as_str()),
        ("email", f.email.as_str()),
        ("subject", f.subject.as_str()),
        ("message", f.message.as_str()),
        ("category_id", f.category_id.as_str()),
    ];
    if !f.website.is_empty() {
        // A robot: answer as if all went well, store nothing.
        tracing::info!(org = %org.slug, "contact form honeypot filled; dropped");
        return page_with_status(
            StatusCode::OK,
            &ContactPage {
                ctx: &ctx,
                org,
                form: FormState::new(),
                categories: vec![],
                case_number: Some(String::new()),
                due: None,
            },
        );
    }
    let input = ContactInput {
        name: f.name.clone(),
        email: f.email.clone(),
        subject: f.subject.clone(),
        message: f.message.clone(),
        language: None,
        category_id: Some(f.category_id.clone()).filter(|c| !c.is_empty()),
    };
    let result = match tupa_core::desk::uploads::check_all(files) {
        Ok(attachments) => {
            work::contact(
                &state.db,
                &state.settings,
                &org,
                &input,
                attachments,
                ctx.lang,
                tupa_core::desk::tickets::TicketChannel::Web,
            )
            .await
        }
        // Refused files are reported together with the typed fields' problems.
        Err(e) => {
            let mut c = tupa_core::Checks::new();
            c.note(e);
            c.check(work::check_contact(&input).map(|_| ()));
            Err(c.error())
        }
    };
    if result.is_err() {
        throttle::refund(&state.db, &key).await?;
    }
    match result {
        Ok(ticket) => {
            let due = ticket.first_response_due.map(tupa_core::desk::hours::format_helsinki);
            page_with_status(
                StatusCode::OK,
                &ContactPage {
                    ctx: &ctx,
                    org,
                    form: FormState::new(),
                    categories: vec![],
                    case_number: Some(ticket.case_number),
                    due,
                },
            )
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            page_with_status(
                status,
                &ContactPage {
                    ctx: &ctx,
                    categories: tupa_core::desk::categories::list(&state.db, &org.id).await?,
                    org,
                    form: form.with_values(values),
                    case_number: None,
                    due: None,
                },
            )
        }
    }
}
