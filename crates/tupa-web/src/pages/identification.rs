//! Strong identification of clients: the start and callback of the OpenID Connect flow
//! (FTN profile), our public keys at `/oidc/jwks.json`, and, in the training environment
//! only, a test identification with test personas.
//!
//! The flow's state lives in the database (any instance can finish it) and also in a
//! short-lived cookie: the callback must come back to the browser that started it, so an
//! attacker cannot have a victim finish the attacker's identification (login CSRF).

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::{Form, Json, Router};
use serde::Deserialize;
use tupa_core::config::Environment;
use tupa_core::identity::ftn::{self, Person};
use tupa_core::identity::oidc::flow::{self, FLOW_LIFETIME_SECS, Purpose};
use tupa_core::identity::oidc::{Refusal, keys};
use tupa_core::identity::sessions;

use crate::AppState;
use crate::ctx::{Ctx, SESSION_COOKIE, cookie_value, safe_next, set_cookie, urlencode};
use crate::error::WebResult;
use crate::render::{error_page, page, page_with_status};

/// Holds the flow's state between the start and the callback (see the module comment).
const FLOW_COOKIE: &str = "tupa_oidc_flow";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/oidc/jwks.json", get(jwks))
        .route("/auth/oidc/start", get(start))
        .route("/auth/oidc/callback", get(callback))
        .route("/auth/test-identification", get(test_page).post(test_submit))
}

/// Our public keys (signing and encryption), for the provider.
async fn jwks(State(state): State<AppState>) -> WebResult {
    let set = keys::jwks(&state.db, &state.settings).await?;
    Ok(([(header::CACHE_CONTROL, "public, max-age=300")], Json(set)).into_response())
}

async fn start(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    let next = safe_next(ctx.query("next").as_deref());
    let Some(identification) = state.identification.as_ref() else {
        if ctx.settings.environment == Environment::Training {
            return Ok(Redirect::to(&format!(
                "/auth/test-identification?next={}",
                urlencode(&next)
            ))
            .into_response());
        }
        return Ok(error_page(&ctx, StatusCode::NOT_FOUND, "identification-not-configured"));
    };
    let flow = flow::begin(&state.db, Purpose::Client, &next).await?;
    let url = match identification.rp.authorization_url(&state.db, &state.settings, &flow).await {
        Ok(url) => url,
        Err(e) => {
            tracing::error!("cannot start identification: {e:#}");
            return refused(&ctx, Refusal::ProviderUnavailable, &next);
        }
    };
    Ok(to_provider(&ctx, &url, FLOW_COOKIE, &flow.state))
}

/// Sends the browser to the provider's `url` with the flow's `state` in cookie `cookie`, so
/// the callback knows it comes back to the same browser (client identification and staff
/// single sign-on alike).
pub(crate) fn to_provider(
    ctx: &Ctx,
    url: &str,
    cookie: &str,
    state: &str,
) -> axum::response::Response {
    let mut res = Redirect::to(url).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&ctx.settings, cookie, state, Some(FLOW_LIFETIME_SECS)),
    );
    res
}

/// What an OpenID provider sends back to a callback.
#[derive(Deserialize)]
pub(crate) struct CallbackQuery {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    /// RFC 9207: the provider names itself, so a response from another provider (a mix-up
    /// attack) is recognised.
    #[serde(default)]
    pub iss: Option<String>,
}

async fn callback(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    axum::extract::Query(q): axum::extract::Query<CallbackQuery>,
) -> WebResult {
    let Some(identification) = state.identification.as_ref() else {
        return Ok(error_page(&ctx, StatusCode::NOT_FOUND, "identification-not-configured"));
    };
    let from_this_browser = match (&q.state, cookie_value(&headers, FLOW_COOKIE)) {
        (Some(s), Some(c)) => {
            tupa_core::identity::secrets::constant_time_eq(s.as_bytes(), c.as_bytes())
        }
        _ => false,
    };
    // Taken (and so used up) whatever happens next: a state works once. Another browser's
    // callback does not take it, so it cannot spoil the flow of the one that started it.
    let flow = match (&q.state, from_this_browser) {
        (Some(s), true) => flow::take(&state.db, Purpose::Client, s).await?,
        _ => None,
    };
    let Some(flow) = flow else {
        tracing::info!("identification callback with an unknown, used or foreign state");
        return refused(&ctx, Refusal::StateExpired, "/");
    };
    let issuer = &identification.rp.config().issuer;
    if q.iss.as_ref().is_some_and(|iss| iss.trim_end_matches('/') != issuer) {
        tracing::warn!(iss = q.iss, "the callback names another issuer");
        return refused(&ctx, Refusal::Invalid, &flow.next_path);
    }
    if let Some(error) = &q.error {
        let refusal = if error == "access_denied" { Refusal::Cancelled } else { Refusal::Invalid };
        tracing::info!(error, "the provider returned an error");
        return refused(&ctx, refusal, &flow.next_path);
    }
    let Some(code) = q.code.as_deref() else {
        return refused(&ctx, Refusal::Invalid, &flow.next_path);
    };
    let identified = match identification.rp.finish(&state.db, &state.settings, &flow, code).await {
        Ok(i) => i,
        Err(r) => {
            tracing::warn!("{r}");
            return refused(&ctx, r.refusal, &flow.next_path);
        }
    };
    let person = identification.person(&identified);
    signed_in(&state, &ctx, &person, &flow.next_path).await
}

/// Starts the client's session and goes on to `next`, clearing the flow cookie.
async fn signed_in(state: &AppState, ctx: &Ctx, person: &Person, next: &str) -> WebResult {
    let (_, _, token) =
        ftn::sign_in_client(&state.db, &state.settings, person, None, &ctx.client).await?;
    let mut res = Redirect::to(next).into_response();
    let headers = res.headers_mut();
    headers.append(
        header::SET_COOKIE,
        set_cookie(&ctx.settings, SESSION_COOKIE, &token, Some(sessions::ABSOLUTE_TIMEOUT_SECS)),
    );
    headers.append(header::SET_COOKIE, set_cookie(&ctx.settings, FLOW_COOKIE, "", Some(0)));
    Ok(res)
}

#[derive(Template)]
#[template(path = "identification_refused.html")]
struct RefusedPage<'a> {
    ctx: &'a Ctx,
    code: &'static str,
    retry: String,
}

fn refused(ctx: &Ctx, refusal: Refusal, next: &str) -> WebResult {
    let status = match refusal {
        Refusal::Cancelled => StatusCode::OK,
        Refusal::AcrNotAccepted => StatusCode::FORBIDDEN,
        Refusal::Invalid | Refusal::StateExpired => StatusCode::BAD_REQUEST,
        Refusal::ProviderUnavailable => StatusCode::BAD_GATEWAY,
    };
    let retry = format!("/auth/oidc/start?next={}", urlencode(next));
    let mut res = page_with_status(status, &RefusedPage { ctx, code: refusal.code(), retry })?;
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(&ctx.settings, FLOW_COOKIE, "", Some(0)));
    Ok(res)
}

// ---- training environment: test identification ----

#[derive(Template)]
#[template(path = "test_identification.html")]
struct TestPage<'a> {
    ctx: &'a Ctx,
    next: String,
    personas: Vec<(&'static str, &'static str)>,
}

async fn test_page(ctx: Ctx) -> WebResult {
    if ctx.settings.environment != Environment::Training {
        return Ok(error_page(&ctx, StatusCode::NOT_FOUND, "test-identification-unavailable"));
    }
    let next = safe_next(ctx.query("next").as_deref());
    let personas = ftn::TEST_PERSONAS.iter().map(|(id, name, _)| (*id, *name)).collect();
    page(&TestPage { ctx: &ctx, next, personas })
}

#[derive(Deserialize)]
struct TestForm {
    persona: String,
    #[serde(default)]
    next: String,
}

async fn test_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TestForm>,
) -> WebResult {
    if ctx.settings.environment != Environment::Training {
        return Ok(error_page(&ctx, StatusCode::NOT_FOUND, "test-identification-unavailable"));
    }
    let Some(person) = ftn::test_person(&f.persona) else {
        return Ok(error_page(&ctx, StatusCode::BAD_REQUEST, "test-identification-unknown"));
    };
    signed_in(&state, &ctx, &person, &safe_next(Some(&f.next))).await
}
