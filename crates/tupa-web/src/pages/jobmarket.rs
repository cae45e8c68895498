//! The organisation's Job Market Finland page (main admins): the business ID the ads go
//! under, the interface credentials, and every published ad's state there.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::authz::Permission;
use tupa_core::organisations::Organisation;
use tupa_core::recruitment::ads::recruitment_org;
use tupa_core::recruitment::jobmarket_settings::{self, JobmarketInput, JobmarketView};
use tupa_core::recruitment::jobmarket_worker::{self, AdJobmarketRow};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/recruitment/jobmarket", get(show).post(save))
        .route("/orgs/{slug}/recruitment/jobmarket/clear", post(clear))
}

#[derive(Template)]
#[template(path = "recruitment_jobmarket.html")]
struct JobmarketPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    view: JobmarketView,
    ads: Vec<AdJobmarketRow>,
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
    let actor = ctx.actor()?;
    let (org, view) = jobmarket_settings::view(&state.db, actor, slug).await?;
    let ads = jobmarket_worker::org_ads(&state.db, actor, &org, ctx.lang).await?;
    let form = form.with_defaults([
        ("endpoint", view.endpoint.as_deref().unwrap_or("")),
        ("username", view.username.as_deref().unwrap_or("")),
    ]);
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        status,
        &JobmarketPage { ctx, org, view, ads, form, can_admin, tab: "recruitment" },
    )
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
    let org = recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    let input = JobmarketInput {
        endpoint: get1(&pairs, "endpoint").into(),
        username: get1(&pairs, "username").into(),
        secret: Some(get1(&pairs, "secret").into()),
    };
    match jobmarket_settings::set_credentials(
        &state.db,
        &state.settings,
        actor,
        ctx.ip(),
        &org,
        &input,
    )
    .await
    {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/recruitment/jobmarket"), "jobmarket-saved")),
        Err(e) => {
            // What was typed stays, except the secret: it is never sent back into a page.
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([
                ("endpoint", input.endpoint.as_str()),
                ("username", input.username.as_str()),
            ]);
            render(&state, &ctx, &slug, form, status).await
        }
    }
}

async fn clear(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let actor = ctx.actor()?;
    let org = recruitment_org(&state.db, actor, &slug, Permission::ManageRecruitment).await?;
    jobmarket_settings::clear(&state.db, actor, ctx.ip(), &org).await?;
    Ok(done(&format!("/orgs/{slug}/recruitment/jobmarket"), "jobmarket-cleared"))
}
