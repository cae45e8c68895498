//! Staff sign-in through the organisation's own OpenID Connect provider (issue 10): the
//! start at `/auth/sso/{org}` and the callback at `/auth/sso/{org}/callback`, which is the
//! redirect URI registered at the provider. The flow is the clients' one (state, nonce and
//! PKCE in the database, the state also in a short-lived cookie so the callback must come
//! back to the browser that started it), bound to the organisation.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::get;
use tupa_core::identity::oidc::Refusal;
use tupa_core::identity::oidc::flow::{self, Purpose};
use tupa_core::identity::secrets::constant_time_eq;
use tupa_core::identity::staff_sso::{self, providers, settings};

use super::identification::{CallbackQuery, to_provider};
use crate::AppState;
use crate::ctx::{Ctx, cookie_value, redirect_with_session, safe_next, set_cookie, urlencode};
use crate::error::WebResult;
use crate::render::{error_page, page_with_status};

/// Holds the flow's state between the start and the callback (not the clients' cookie, so
/// the two flows cannot spoil each other).
const FLOW_COOKIE: &str = "tupa_sso_flow";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/sso/{slug}", get(start))
        .route("/auth/sso/{slug}/callback", get(callback))
}

async fn start(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let next = safe_next(ctx.query("next").as_deref());
    let Some((org, sso)) = settings::for_sign_in(&state.db, &slug).await? else {
        return Ok(error_page(&ctx, StatusCode::NOT_FOUND, "sso-not-configured"));
    };
    let flow = flow::begin_for(&state.db, Purpose::Staff, Some(&org.id), &next).await?;
    let url = match providers::relying_party(&state.settings, &slug, &sso) {
        Ok(rp) => rp.authorization_url(&state.db, &state.settings, &flow).await,
        Err(e) => Err(e),
    };
    let url = match url {
        Ok(url) => url,
        Err(e) => {
            tracing::error!(org = slug, "cannot start staff sign-in: {e:#}");
            return refused(&ctx, &slug, Refusal::ProviderUnavailable.code(), &next);
        }
    };
    Ok(to_provider(&ctx, &url, FLOW_COOKIE, &flow.state))
}

async fn callback(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> WebResult {
    let Some((org, sso)) = settings::for_sign_in(&state.db, &slug).await? else {
        return Ok(error_page(&ctx, StatusCode::NOT_FOUND, "sso-not-configured"));
    };
    let from_this_browser = match (&q.state, cookie_value(&headers, FLOW_COOKIE)) {
        (Some(s), Some(c)) => constant_time_eq(s.as_bytes(), c.as_bytes()),
        _ => false,
    };
    // Taken (used up) whatever happens next; another browser's callback does not take it.
    let flow = match (&q.state, from_this_browser) {
        (Some(s), true) => flow::take_for(&state.db, Purpose::Staff, Some(&org.id), s).await?,
        _ => None,
    };
    let Some(flow) = flow else {
        tracing::info!(org = slug, "staff sign-in callback with an unknown, used or foreign state");
        // The cookie stays: a forged callback must not spoil the flow this browser started.
        let retry = format!("{}?next=%2F", staff_sso::start_path(&slug));
        let page = RefusedPage {
            ctx: &ctx,
            code: Refusal::StateExpired.code(),
            retry,
            fallback: "/sign-in".into(),
        };
        return page_with_status(StatusCode::BAD_REQUEST, &page);
    };
    let rp = match providers::relying_party(&state.settings, &slug, &sso) {
        Ok(rp) => rp,
        Err(e) => {
            tracing::error!(org = slug, "staff sign-in: {e:#}");
            return refused(&ctx, &slug, Refusal::ProviderUnavailable.code(), &flow.next_path);
        }
    };
    if q.iss.as_ref().is_some_and(|iss| iss.trim_end_matches('/') != rp.config().issuer) {
        tracing::warn!(iss = q.iss, "the staff sign-in callback names another issuer");
        return refused(&ctx, &slug, Refusal::Invalid.code(), &flow.next_path);
    }
    if let Some(error) = &q.error {
        let refusal = if error == "access_denied" { Refusal::Cancelled } else { Refusal::Invalid };
        tracing::info!(error, "the provider returned an error");
        return refused(&ctx, &slug, refusal.code(), &flow.next_path);
    }
    let Some(code) = q.code.as_deref() else {
        return refused(&ctx, &slug, Refusal::Invalid.code(), &flow.next_path);
    };
    let identified = match rp.finish(&state.db, &state.settings, &flow, code).await {
        Ok(i) => i,
        Err(r) => {
            tracing::warn!(org = slug, "staff sign-in: {r}");
            return refused(&ctx, &slug, r.refusal.code(), &flow.next_path);
        }
    };
    match staff_sso::signin::sign_in(&state.db, &org, &sso, &identified, &ctx.client).await? {
        Ok((_, _, token)) => {
            let mut res = redirect_with_session(&ctx, &flow.next_path, &token);
            res.headers_mut()
                .append(header::SET_COOKIE, set_cookie(&ctx.settings, FLOW_COOKIE, "", Some(0)));
            Ok(res)
        }
        Err(refusal) => refused(&ctx, &slug, refusal.code(), &flow.next_path),
    }
}

#[derive(Template)]
#[template(path = "sso_refused.html")]
struct RefusedPage<'a> {
    ctx: &'a Ctx,
    code: &'static str,
    retry: String,
    fallback: String,
}

/// The translated refusal (`sso-refused-<code>`), with a way to try again and the password
/// sign-in.
fn refused(ctx: &Ctx, slug: &str, code: &'static str, next: &str) -> WebResult {
    let status = match code {
        "cancelled" => StatusCode::OK,
        "unavailable" => StatusCode::BAD_GATEWAY,
        "invalid" | "expired" => StatusCode::BAD_REQUEST,
        _ => StatusCode::FORBIDDEN,
    };
    let retry = format!("{}?next={}", staff_sso::start_path(slug), urlencode(next));
    let fallback = format!("/sign-in?next={}", urlencode(next));
    let mut res = page_with_status(status, &RefusedPage { ctx, code, retry, fallback })?;
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(&ctx.settings, FLOW_COOKIE, "", Some(0)));
    Ok(res)
}
