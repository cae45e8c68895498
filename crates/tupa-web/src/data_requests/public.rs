//! The public page `/privacy/{org}`: anyone asks the organisation for access, rectification,
//! erasure or restriction. Without a session the request waits for the link mailed to the
//! address (the answer is the same whatever the address); a signed-in person — strongly
//! identified through the guidance-space OIDC, which returns here, or with their account —
//! makes it at once about their own account.

use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use serde::Deserialize;
use tupa_core::config::Environment;
use tupa_core::data_requests::{DataRequest, Kind, confirm};
use tupa_core::organisations::{self, Organisation};
use tupa_core::throttle::{self, Limit};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, error_page, form_error, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/privacy/{slug}", get(form).post(submit))
        .route("/privacy/{slug}/confirm/{token}", get(confirm_page).post(confirm_submit))
}

/// Requests per client address and organisation in ten minutes: enough for a family behind
/// one address, too few to flood anyone's mailbox with confirmation links.
const ASKS: Limit = Limit::new(5, 600);

#[derive(Template)]
#[template(path = "privacy_request.html")]
struct PrivacyPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    form: FormState,
    kinds: &'static [Kind],
    /// The signed-in person's name: they request about their own account.
    signed_in_as: Option<String>,
    /// Strong identification is available (configured, or the training test identification).
    can_identify: bool,
    /// The mail was sent (or, for an unknown address, would have been): say so, nothing more.
    asked: bool,
    /// The request made (signed in, or after the link).
    done: Option<DataRequest>,
}

impl PrivacyPage<'_> {
    fn kind_label(&self, k: &Kind) -> String {
        k.label(self.ctx.lang)
    }
    fn kind_hint(&self, k: &Kind) -> String {
        self.ctx.t(&format!("privacy-kind-{}-hint", k.as_str()))
    }
    fn due(&self, r: &DataRequest) -> String {
        tupa_core::desk::hours::format_helsinki(r.due_at)
    }
}

async fn public_org(state: &AppState, slug: &str) -> Result<Organisation, tupa_core::Error> {
    organisations::by_slug(&state.db, slug)
        .await?
        .filter(|o| o.retired_at.is_none() && !o.is_operator)
        .ok_or(tupa_core::Error::NotFound)
}

fn base<'a>(ctx: &'a Ctx, state: &AppState, org: Organisation) -> PrivacyPage<'a> {
    PrivacyPage {
        ctx,
        org,
        form: FormState::new(),
        kinds: Kind::ALL,
        signed_in_as: ctx.actor().ok().map(|a| a.user.display_name.clone()),
        can_identify: state.identification.is_some()
            || state.settings.environment == Environment::Training,
        asked: false,
        done: None,
    }
}

async fn form(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let org = public_org(&state, &slug).await?;
    ctx.brand_as(&state, &org).await?;
    page_with_status(StatusCode::OK, &base(&ctx, &state, org))
}

#[derive(Deserialize)]
struct AskForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    details: String,
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<AskForm>,
) -> WebResult {
    let org = public_org(&state, &slug).await?;
    ctx.brand_as(&state, &org).await?;
    let values =
        [("kind", f.kind.as_str()), ("email", f.email.as_str()), ("details", f.details.as_str())];
    let result = async {
        let kind: Kind = f.kind.parse()?;
        throttle::hit(&state.db, &format!("privacy:{}:{}", org.id, ctx.client.ip), ASKS).await?;
        match ctx.actor() {
            Ok(actor) => confirm::by_signed_in(
                &state.db,
                &state.settings,
                &org,
                &actor.user,
                kind,
                &f.details,
                ctx.lang,
                ctx.ip(),
            )
            .await
            .map(Some),
            Err(_) => {
                confirm::ask(&state.db, &state.settings, &org, kind, &f.email, &f.details, ctx.lang)
                    .await
                    .map(|()| None)
            }
        }
    }
    .await;
    let mut page = base(&ctx, &state, org);
    match result {
        Ok(done) => {
            page.asked = done.is_none();
            page.done = done;
            page_with_status(StatusCode::OK, &page)
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            page.form = form.with_values(values);
            page_with_status(status, &page)
        }
    }
}

#[derive(Template)]
#[template(path = "privacy_confirm.html")]
struct ConfirmPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    kind: String,
    email: String,
    token: String,
}

async fn confirm_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, token)): Path<(String, String)>,
) -> WebResult {
    let org = public_org(&state, &slug).await?;
    ctx.brand_as(&state, &org).await?;
    // A GET never makes the request: mail scanners open links too.
    match confirm::pending(&state.db, &org, &token).await {
        Ok(p) => page_with_status(
            StatusCode::OK,
            &ConfirmPage { ctx: &ctx, kind: p.kind.label(ctx.lang), email: p.email, org, token },
        ),
        Err(e) => Ok(error_page(&ctx, StatusCode::NOT_FOUND, e.code())),
    }
}

async fn confirm_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, token)): Path<(String, String)>,
) -> WebResult {
    let org = public_org(&state, &slug).await?;
    ctx.brand_as(&state, &org).await?;
    match confirm::confirm(&state.db, &state.settings, &org, &token).await {
        Ok(r) => {
            let mut page = base(&ctx, &state, org);
            page.done = Some(r);
            page_with_status(StatusCode::OK, &page)
        }
        Err(e) => Ok(error_page(&ctx, StatusCode::NOT_FOUND, e.code())),
    }
}
