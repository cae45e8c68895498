//! The organisation's single sign-on page (main admins): the provider staff sign in through,
//! the rules that decide who may, and the addresses to register at the provider.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::identity::staff_sso::{SsoInput, SsoView, settings};
use tupa_core::organisations::Organisation;

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/sso", get(show).post(save))
        .route("/orgs/{slug}/sso/clear", post(clear))
}

#[derive(Template)]
#[template(path = "sso_settings.html")]
struct SsoPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    view: SsoView,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let (org, view) = settings::view(&state.db, &state.settings, ctx.actor()?, slug).await?;
    let domains = view.email_domains.join(" ");
    let groups = view.allowed_groups.join("\n");
    let form = form.with_defaults([
        ("enabled", if view.enabled { "true" } else { "" }),
        ("label", view.label.as_str()),
        ("issuer", view.issuer.as_str()),
        ("client_id", view.client_id.as_str()),
        ("email_domains", domains.as_str()),
        ("group_claim", view.group_claim.as_deref().unwrap_or("")),
        ("allowed_groups", groups.as_str()),
    ]);
    page_with_status(status, &SsoPage { ctx, org, view, form, can_admin: true, tab: "sso" })
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, FormState::new(), StatusCode::OK).await
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = settings::admin_org(&state.db, actor, &slug).await?;
    let input = SsoInput {
        enabled: get1(&pairs, "enabled") == "true",
        label: get1(&pairs, "label").into(),
        issuer: get1(&pairs, "issuer").into(),
        client_id: get1(&pairs, "client_id").into(),
        client_secret: Some(get1(&pairs, "client_secret").into()),
        email_domains: vec![get1(&pairs, "email_domains").into()],
        group_claim: Some(get1(&pairs, "group_claim").into()),
        allowed_groups: vec![get1(&pairs, "allowed_groups").into()],
    };
    match settings::save(&state.db, &state.settings, actor, ctx.ip(), &org, &input).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/sso"), "sso-saved")),
        Err(e) => {
            // What was typed stays, except the secret: it is never sent back into a page.
            let (status, form) = form_error(&ctx, e)?;
            let keep = [
                "enabled",
                "label",
                "issuer",
                "client_id",
                "email_domains",
                "group_claim",
                "allowed_groups",
            ];
            let form = form.with_values(keep.map(|k| (k, get1(&pairs, k))));
            render(&state, &ctx, &slug, form, status).await
        }
    }
}

async fn clear(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let actor = ctx.actor()?;
    let org = settings::admin_org(&state.db, actor, &slug).await?;
    settings::clear(&state.db, &state.settings, actor, ctx.ip(), &org).await?;
    Ok(done(&format!("/orgs/{slug}/sso"), "sso-cleared"))
}
