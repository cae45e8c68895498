//! First-run setup, sign-in (with the TOTP step), sign-out, password reset, accepting an
//! invitation and the language switch (the accessibility statement is in `accessibility`).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::i18n::Lang;
use tupa_core::identity::links::Purpose;
use tupa_core::identity::{self, sessions, signin};
use tupa_core::setup;

use crate::AppState;
use crate::ctx::{Ctx, LANG_COOKIE, SESSION_COOKIE, redirect_with_session, safe_next, set_cookie};
use crate::error::WebResult;
use crate::render::{FormState, form_error, page, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/setup", get(setup_page).post(setup_submit))
        .route("/sign-in", get(sign_in_page).post(sign_in_submit))
        .route("/sign-in/totp", get(totp_page).post(totp_submit))
        .route("/sign-out", post(sign_out))
        .route("/password/forgot", get(forgot_page).post(forgot_submit))
        .route("/password/reset/{token}", get(reset_page).post(reset_submit))
        .route("/invite/{token}", get(invite_page).post(invite_submit))
        .route("/language", post(language))
}

// ---- first-run setup ----

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage<'a> {
    ctx: &'a Ctx,
    form: FormState,
}

async fn setup_page(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    if setup::is_done(&state.db).await? {
        return Ok(Redirect::to("/").into_response());
    }
    page(&SetupPage { ctx: &ctx, form: FormState::new().with_values([("operator_slug", "tupa")]) })
}

#[derive(Deserialize)]
struct SetupForm {
    operator_name: String,
    operator_slug: String,
    admin_name: String,
    admin_email: String,
    password: String,
    password_again: String,
}

async fn setup_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SetupForm>,
) -> WebResult {
    if setup::is_done(&state.db).await? {
        return Ok(Redirect::to("/").into_response());
    }
    let values = [
        ("operator_name", f.operator_name.as_str()),
        ("operator_slug", f.operator_slug.as_str()),
        ("admin_name", f.admin_name.as_str()),
        ("admin_email", f.admin_email.as_str()),
    ];
    let input = setup::SetupInput {
        operator_name: f.operator_name.clone(),
        operator_slug: f.operator_slug.clone(),
        admin_name: f.admin_name.clone(),
        admin_email: f.admin_email.clone(),
        password: f.password.clone(),
        lang: ctx.lang,
    };
    // The second password is the form's own check; it is reported with all the others.
    let mut also = tupa_core::Checks::new();
    if f.password != f.password_again {
        also.push("password_again", "password-mismatch");
    }
    let result = match setup::check(&input, also) {
        Ok(checked) => setup::run_checked(&state.db, checked, ctx.lang).await,
        Err(e) => Err(e),
    };
    match result {
        Ok((_, user)) => {
            let (_, token) = sessions::create(
                &state.db,
                &user.id,
                false,
                ctx.client.user_agent.as_deref(),
                ctx.ip(),
            )
            .await?;
            // A platform admin enrols a second factor before anything else.
            Ok(redirect_with_session(&ctx, "/profile/totp", &token))
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            page_with_status(status, &SetupPage { ctx: &ctx, form: form.with_values(values) })
        }
    }
}

// ---- sign-in ----

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage<'a> {
    ctx: &'a Ctx,
    form: FormState,
    next: String,
    /// `?org=` names an organisation whose staff may sign in through its own provider:
    /// (its slug, the start address, the provider's name on the button).
    sso: Option<(String, String, String)>,
}

/// The single sign-on button of organisation `slug`, when it has a provider switched on.
async fn sso_button(
    state: &AppState,
    slug: &str,
    next: &str,
) -> tupa_core::error::Result<Option<(String, String, String)>> {
    use tupa_core::identity::staff_sso;
    if slug.is_empty() {
        return Ok(None);
    }
    Ok(staff_sso::settings::for_sign_in(&state.db, slug).await?.map(|(org, sso)| {
        let href =
            format!("{}?next={}", staff_sso::start_path(&org.slug), crate::ctx::urlencode(next));
        (org.slug, href, sso.label)
    }))
}

async fn sign_in_page(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    if !setup::is_done(&state.db).await? {
        return Ok(Redirect::to("/setup").into_response());
    }
    let next = safe_next(ctx.query("next").as_deref());
    if ctx.signed_in() {
        return Ok(Redirect::to(&next).into_response());
    }
    let sso = sso_button(&state, ctx.query("org").as_deref().unwrap_or_default(), &next).await?;
    page(&SignInPage { ctx: &ctx, form: FormState::new(), next, sso })
}

#[derive(Deserialize)]
struct SignInForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
    /// The organisation whose single sign-on button the page showed.
    #[serde(default)]
    org: String,
}

async fn sign_in_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SignInForm>,
) -> WebResult {
    let next = safe_next(Some(&f.next));
    // Both fields missing are named together, before any attempt is counted.
    let mut missing = tupa_core::Checks::new();
    if f.email.trim().is_empty() {
        missing.push("email", "required");
    }
    if f.password.is_empty() {
        missing.push("password", "required");
    }
    let result = if missing.is_empty() {
        signin::sign_in(&state.db, &f.email, &f.password, &ctx.client).await
    } else {
        Err(missing.error())
    };
    match result {
        Ok((session, token, _)) => {
            let to = if session.second_factor_pending {
                format!("/sign-in/totp?next={}", crate::ctx::urlencode(&next))
            } else {
                next
            };
            Ok(redirect_with_session(&ctx, &to, &token))
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let sso = sso_button(&state, &f.org, &next).await?;
            page_with_status(
                status,
                &SignInPage {
                    ctx: &ctx,
                    form: form.with_values([("email", f.email.as_str())]),
                    next,
                    sso,
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "sign_in_totp.html")]
struct TotpPage<'a> {
    ctx: &'a Ctx,
    form: FormState,
    next: String,
}

async fn totp_page(ctx: Ctx) -> WebResult {
    if ctx.pending_session.is_none() {
        return Ok(Redirect::to("/sign-in").into_response());
    }
    let next = safe_next(ctx.query("next").as_deref());
    page(&TotpPage { ctx: &ctx, form: FormState::new(), next })
}

#[derive(Deserialize)]
struct CodeForm {
    code: String,
    #[serde(default)]
    next: String,
}

async fn totp_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CodeForm>,
) -> WebResult {
    let Some(session) = ctx.pending_session.clone() else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let next = safe_next(Some(&f.next));
    match signin::complete_second_factor(&state.db, &session, &f.code, &ctx.client).await {
        Ok(token) => Ok(redirect_with_session(&ctx, &next, &token)),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            page_with_status(status, &TotpPage { ctx: &ctx, form, next })
        }
    }
}

async fn sign_out(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    let session = ctx
        .actor
        .as_ref()
        .and_then(|a| a.session_id.clone())
        .or(ctx.pending_session.as_ref().map(|s| s.id.clone()));
    let user_id = ctx
        .actor
        .as_ref()
        .map(|a| a.user.id.clone())
        .or(ctx.pending_session.as_ref().map(|s| s.user_id.clone()));
    if let (Some(session), Some(user_id)) = (session, user_id) {
        sessions::revoke(&state.db, &user_id, &session).await?;
    }
    let mut res = Redirect::to("/sign-in?notice=signed-out").into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(&ctx.settings, SESSION_COOKIE, "", Some(0)));
    Ok(res)
}

// ---- password reset ----

#[derive(Template)]
#[template(path = "password_forgot.html")]
struct ForgotPage<'a> {
    ctx: &'a Ctx,
    form: FormState,
    sent: bool,
}

async fn forgot_page(ctx: Ctx) -> WebResult {
    page(&ForgotPage { ctx: &ctx, form: FormState::new(), sent: false })
}

#[derive(Deserialize)]
struct EmailForm {
    email: String,
}

async fn forgot_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<EmailForm>,
) -> WebResult {
    match signin::request_password_reset(
        &state.db,
        &state.settings,
        &f.email,
        ctx.lang,
        &ctx.client,
    )
    .await
    {
        Ok(()) => page(&ForgotPage { ctx: &ctx, form: FormState::new(), sent: true }),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            page_with_status(
                status,
                &ForgotPage {
                    ctx: &ctx,
                    form: form.with_values([("email", f.email.as_str())]),
                    sent: false,
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct ResetPage<'a> {
    ctx: &'a Ctx,
    form: FormState,
}

async fn reset_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> WebResult {
    match signin::link_user(&state.db, Purpose::PasswordReset, &token).await {
        Ok(user) => page(&ResetPage { ctx: &ctx.in_language_of(&user), form: FormState::new() }),
        Err(_) => link_invalid(&ctx, Purpose::PasswordReset),
    }
}

#[derive(Template)]
#[template(path = "link_invalid.html")]
struct LinkInvalidPage<'a> {
    ctx: &'a Ctx,
    reset: bool,
}

/// An expired or used link: say so, and say how to get a new one (410 Gone).
fn link_invalid(ctx: &Ctx, purpose: Purpose) -> WebResult {
    page_with_status(
        StatusCode::GONE,
        &LinkInvalidPage { ctx, reset: purpose == Purpose::PasswordReset },
    )
}

/// A new password and its repetition checked together with what `c` already holds, so that
/// every problem of the form is named in one answer (the service checks the password again).
fn new_password_checks(
    password: &str,
    again: &str,
    mut c: tupa_core::Checks,
) -> Result<(), tupa_core::Error> {
    c.check(identity::password::Password::parse(password).map(|_| ()));
    if password != again {
        c.push("password_again", "password-mismatch");
    }
    c.finish()
}

fn is_link_invalid(e: &tupa_core::Error) -> bool {
    e.code() == "link-invalid"
}

#[derive(Deserialize)]
struct NewPasswordForm {
    password: String,
    password_again: String,
}

async fn reset_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(f): Form<NewPasswordForm>,
) -> WebResult {
    let checked = new_password_checks(&f.password, &f.password_again, tupa_core::Checks::new());
    let result = if let Err(e) = checked {
        Err(e)
    } else {
        signin::reset_password(&state.db, &token, &f.password, &ctx.client).await.map(|_| ())
    };
    match result {
        Ok(()) => Ok(Redirect::to("/sign-in?notice=password-reset").into_response()),
        Err(e) if is_link_invalid(&e) => link_invalid(&ctx, Purpose::PasswordReset),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            page_with_status(status, &ResetPage { ctx: &ctx, form })
        }
    }
}

// ---- invitations ----

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage<'a> {
    ctx: &'a Ctx,
    form: FormState,
    email: String,
}

async fn invite_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> WebResult {
    let Ok(user) = signin::link_user(&state.db, Purpose::Invitation, &token).await else {
        return link_invalid(&ctx, Purpose::Invitation);
    };
    let ctx = ctx.in_language_of(&user);
    page(&InvitePage {
        ctx: &ctx,
        form: FormState::new().with_values([("display_name", user.display_name.as_str())]),
        email: user.email,
    })
}

#[derive(Deserialize)]
struct InviteForm {
    display_name: String,
    password: String,
    password_again: String,
}

async fn invite_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(f): Form<InviteForm>,
) -> WebResult {
    let Ok(invited) = signin::link_user(&state.db, Purpose::Invitation, &token).await else {
        return link_invalid(&ctx, Purpose::Invitation);
    };
    let ctx = ctx.in_language_of(&invited);
    let mut c = tupa_core::Checks::new();
    c.check(identity::parse_display_name(&f.display_name).map(|_| ()));
    let result = if let Err(e) = new_password_checks(&f.password, &f.password_again, c) {
        Err(e)
    } else {
        signin::accept_invitation(&state.db, &token, &f.display_name, &f.password, &ctx.client)
            .await
    };
    match result {
        Ok(user) => {
            let (_, session_token) = sessions::create(
                &state.db,
                &user.id,
                false,
                ctx.client.user_agent.as_deref(),
                ctx.ip(),
            )
            .await?;
            Ok(redirect_with_session(&ctx, "/?notice=welcome", &session_token))
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            page_with_status(
                status,
                &InvitePage {
                    ctx: &ctx,
                    form: form.with_values([("display_name", f.display_name.as_str())]),
                    email: invited.email,
                },
            )
        }
    }
}

// ---- language ----

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Sets the language for this browser, and for the person when signed in.
async fn language(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<LanguageForm>,
) -> WebResult {
    let lang = Lang::parse(&f.lang).unwrap_or(ctx.lang);
    if let Some(actor) = &ctx.actor {
        identity::set_locale(&state.db, &actor.user.id, lang).await?;
    }
    let mut res = Redirect::to(&safe_next(Some(&f.next))).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&ctx.settings, LANG_COOKIE, lang.code(), Some(365 * 24 * 3600)),
    );
    Ok(res)
}
