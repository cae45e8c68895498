//! One's own profile: name, language, password, TOTP second factor, sessions and API tokens.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::i18n::Lang;
use tupa_core::identity::sessions::{self, Session};
use tupa_core::identity::tokens::{self, ApiToken};
use tupa_core::identity::{self, signin, totp};

use super::done;
use crate::AppState;
use crate::ctx::{Ctx, redirect_with_session};
use crate::error::WebResult;
use crate::render::{FormState, form_error, page, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/profile", get(show).post(update))
        .route("/profile/password", post(change_password))
        .route("/profile/totp", get(totp_setup).post(totp_enable))
        .route("/profile/totp/disable", post(totp_disable))
        .route("/profile/sessions/{id}/revoke", post(revoke_session))
        .route("/profile/tokens", post(create_token))
        .route("/profile/tokens/{id}/revoke", post(revoke_token))
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage<'a> {
    ctx: &'a Ctx,
    email: String,
    totp_enabled: bool,
    platform_admin: bool,
    sessions: Vec<Session>,
    current_session: String,
    tokens: Vec<ApiToken>,
    new_token: Option<String>,
    form: FormState,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    form: FormState,
    new_token: Option<String>,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let user = identity::get(&state.db, &actor.user.id).await?;
    let form = form
        .with_defaults([("display_name", user.display_name.as_str()), ("lang", ctx.lang.code())]);
    page_with_status(
        status,
        &ProfilePage {
            ctx,
            email: user.email.clone(),
            totp_enabled: user.totp_enabled,
            platform_admin: actor.is_platform_admin(),
            sessions: sessions::list_for_user(&state.db, &user.id).await?,
            current_session: actor.session_id.clone().unwrap_or_default(),
            tokens: tokens::list_for_user(&state.db, &user.id).await?,
            new_token,
            form,
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    render(&state, &ctx, FormState::new(), None, StatusCode::OK).await
}

#[derive(Deserialize)]
struct ProfileForm {
    display_name: String,
    lang: String,
}

async fn update(State(state): State<AppState>, ctx: Ctx, Form(f): Form<ProfileForm>) -> WebResult {
    let actor = ctx.actor()?;
    match identity::parse_display_name(&f.display_name) {
        Ok(name) => {
            identity::set_display_name(&state.db, &actor.user.id, &name).await?;
            if let Some(lang) = Lang::parse(&f.lang) {
                identity::set_locale(&state.db, &actor.user.id, lang).await?;
            }
            Ok(done("/profile", "saved"))
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(
                &state,
                &ctx,
                form.with_values([("display_name", f.display_name.as_str())]),
                None,
                status,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    current_password: String,
    password: String,
    password_again: String,
}

async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PasswordForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let user = identity::get(&state.db, &actor.user.id).await?;
    let mut also = tupa_core::Checks::new();
    if f.password != f.password_again {
        also.push("password_again", "password-mismatch");
    }
    let result = signin::change_password(
        &state.db,
        &user,
        actor.session_id.as_deref(),
        &f.current_password,
        &f.password,
        also,
        &ctx.client,
    )
    .await;
    match result {
        Ok(Some(token)) => {
            Ok(redirect_with_session(&ctx, "/profile?notice=password-changed", &token))
        }
        Ok(None) => Ok(done("/profile", "password-changed")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, form, None, status).await
        }
    }
}

#[derive(Template)]
#[template(path = "totp_setup.html")]
struct TotpSetupPage<'a> {
    ctx: &'a Ctx,
    secret: String,
    url: String,
    /// The provisioning address as a QR code (an SVG `data:` address for an `<img>`), drawn
    /// here: the secret never goes to a third-party service, and a phone user scans instead
    /// of typing 32 characters.
    qr: String,
    required: bool,
    form: FormState,
}

fn qr_image(url: &str) -> String {
    use base64::Engine;
    use qrcode::render::svg;
    let Ok(code) = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M) else {
        // Only an address longer than a QR code holds fails; the key and the link remain.
        return String::new();
    };
    let image = code.render::<svg::Color>().min_dimensions(200, 200).quiet_zone(true).build();
    format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(image))
}

/// Enrolment: shows a new secret (kept until confirmed with a code).
async fn totp_setup(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    let actor = ctx.actor()?;
    let user = identity::get(&state.db, &actor.user.id).await?;
    if user.totp_enabled {
        return Ok(Redirect::to("/profile").into_response());
    }
    let secret = match &user.totp_secret {
        Some(s) => s.clone(),
        None => totp::begin_enrolment(&state.db, &user.id).await?,
    };
    let url = totp::provisioning_url(&secret, &user.email)?;
    page(&TotpSetupPage {
        ctx: &ctx,
        secret,
        qr: qr_image(&url),
        url,
        required: actor.is_platform_admin(),
        form: FormState::new(),
    })
}

#[derive(Deserialize)]
struct CodeForm {
    code: String,
}

async fn totp_enable(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CodeForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let user = identity::get(&state.db, &actor.user.id).await?;
    let session = actor.session_id.as_deref();
    match signin::enable_totp(&state.db, &user, session, &f.code, &ctx.client).await {
        Ok(Some(token)) => Ok(redirect_with_session(&ctx, "/profile?notice=totp-enabled", &token)),
        Ok(None) => Ok(done("/profile", "totp-enabled")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let secret = user.totp_secret.clone().unwrap_or_default();
            let url = totp::provisioning_url(&secret, &user.email).unwrap_or_default();
            page_with_status(
                status,
                &TotpSetupPage {
                    ctx: &ctx,
                    secret,
                    qr: qr_image(&url),
                    url,
                    required: actor.is_platform_admin(),
                    form,
                },
            )
        }
    }
}

async fn totp_disable(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CodeForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let user = identity::get(&state.db, &actor.user.id).await?;
    match signin::disable_totp(&state.db, &user, actor.is_platform_admin(), &f.code, &ctx.client)
        .await
    {
        Ok(()) => Ok(done("/profile", "totp-disabled")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, form, None, status).await
        }
    }
}

async fn revoke_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> WebResult {
    let actor = ctx.actor()?;
    if !sessions::revoke(&state.db, &actor.user.id, &id).await? {
        return Err(tupa_core::Error::NotFound.into());
    }
    if actor.session_id.as_deref() == Some(id.as_str()) {
        let mut res = Redirect::to("/sign-in?notice=signed-out").into_response();
        res.headers_mut().append(
            axum::http::header::SET_COOKIE,
            crate::ctx::set_cookie(&ctx.settings, crate::ctx::SESSION_COOKIE, "", Some(0)),
        );
        return Ok(res);
    }
    Ok(done("/profile", "session-revoked"))
}

#[derive(Deserialize)]
struct TokenForm {
    name: String,
}

async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TokenForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    match tokens::parse_name(&f.name) {
        Ok(name) => {
            let (_, secret) = tokens::create(&state.db, &actor.user.id, &name).await?;
            tupa_core::audit::record_now(
                &state.db,
                None,
                &tupa_core::audit::By::user(&actor.user, ctx.ip()),
                tupa_core::audit::Action::TokenCreated,
                None,
                serde_json::json!({"name": name}),
            )
            .await?;
            // The secret is shown once, on this response, and never again.
            render(&state, &ctx, FormState::new(), Some(secret), StatusCode::OK).await
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, form.with_values([("name", f.name.as_str())]), None, status).await
        }
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> WebResult {
    let actor = ctx.actor()?;
    if !tokens::revoke(&state.db, &actor.user.id, &id).await? {
        return Err(tupa_core::Error::NotFound.into());
    }
    tupa_core::audit::record_now(
        &state.db,
        None,
        &tupa_core::audit::By::user(&actor.user, ctx.ip()),
        tupa_core::audit::Action::TokenRevoked,
        Some((tupa_core::audit::Target::Token, &id)),
        serde_json::json!({}),
    )
    .await?;
    Ok(done("/profile", "token-revoked"))
}
