//! Organisations: the operator's list and creation form, an organisation's overview, its
//! name and plan (the operator's), and its settings (the main admin's when the plan allows).

use askama::Template;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::authz::{Permission, PlatformPermission};
use tupa_core::manage;
use tupa_core::organisations::plans::{self, Plan};
use tupa_core::organisations::{self, Organisation};

use super::done;
use super::home::{OrgRoles, org_roles};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, form_error, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs", get(list).post(create))
        .route("/orgs/{slug}", get(show).post(update))
        .route("/orgs/{slug}/settings", post(update_settings))
}

#[derive(Template)]
#[template(path = "orgs.html")]
struct OrgsPage<'a> {
    ctx: &'a Ctx,
    all: Vec<Organisation>,
    mine: Vec<OrgRoles>,
    plans: Vec<Plan>,
    form: FormState,
    /// Production organisations without an agreement on record (issue 13).
    flagged: Vec<String>,
}

impl OrgsPage<'_> {
    fn is_flagged(&self, slug: &str) -> bool {
        self.flagged.iter().any(|f| f == slug)
    }
}

async fn render_list(
    state: &AppState,
    ctx: &Ctx,
    form: FormState,
    status: axum::http::StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let (all, plans, flagged) = if actor.can_platform(PlatformPermission::ManageOrganisations) {
        (
            organisations::list_all(&state.db).await?,
            plans::list(&state.db).await?,
            tupa_core::agreements::flagged_slugs(&state.db).await?,
        )
    } else {
        (vec![], vec![], vec![])
    };
    page_with_status(status, &OrgsPage { ctx, all, mine: org_roles(ctx), plans, form, flagged })
}

async fn list(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    render_list(
        &state,
        &ctx,
        FormState::new().with_values([("plan", "full")]),
        axum::http::StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
struct CreateForm {
    name: String,
    slug: String,
    #[serde(default)]
    plan: String,
}

async fn create(State(state): State<AppState>, ctx: Ctx, Form(f): Form<CreateForm>) -> WebResult {
    let actor = ctx.actor()?;
    match manage::create_organisation(&state.db, actor, ctx.ip(), &f.slug, &f.name, Some(&f.plan))
        .await
    {
        Ok(org) => Ok(done(&format!("/orgs/{}", org.slug), "organisation-created")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([
                ("name", f.name.as_str()),
                ("slug", f.slug.as_str()),
                ("plan", f.plan.as_str()),
            ]);
            render_list(&state, &ctx, form, status).await
        }
    }
}

#[derive(Template)]
#[template(path = "org.html")]
struct OrgPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    plan: Option<Plan>,
    plans: Vec<Plan>,
    can_manage_org: bool,
    can_settings: bool,
    can_admin: bool,
    form: FormState,
    tab: &'static str,
    /// Shown to the operator: production without an agreement on record (issue 13).
    flagged: bool,
}

async fn render_org(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    status: axum::http::StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, slug, Permission::ViewOrganisation).await?;
    let plan = match &org.plan_id {
        Some(id) => plans::by_id(&state.db, id).await?,
        None => None,
    };
    let can_manage_org = actor.can_platform(PlatformPermission::ManageOrganisations);
    let can_settings = actor.check_settings(&state.db, &org).await.is_ok();
    let can_admin = actor.can(Permission::ManageUsers, &org);
    let plans = if can_manage_org { plans::list(&state.db).await? } else { vec![] };
    let flagged = can_manage_org
        && tupa_core::agreements::flagged_slugs(&state.db).await?.contains(&org.slug);
    let form = form.with_defaults([
        ("name", org.name.as_str()),
        ("plan", plan.as_ref().map(|p| p.slug.as_str()).unwrap_or("")),
        ("privacy_notice_url", org.privacy_notice_url.as_deref().unwrap_or("")),
        ("privacy_notice_url_sv", org.privacy_notice_url_sv.as_deref().unwrap_or("")),
        ("privacy_notice_url_en", org.privacy_notice_url_en.as_deref().unwrap_or("")),
        ("dpo_name", org.dpo_name.as_deref().unwrap_or("")),
        ("dpo_email", org.dpo_email.as_deref().unwrap_or("")),
        ("dpo_phone", org.dpo_phone.as_deref().unwrap_or("")),
        ("dpo_address", org.dpo_address.as_deref().unwrap_or("")),
        ("business_id", org.business_id.as_deref().unwrap_or("")),
    ]);
    page_with_status(
        status,
        &OrgPage {
            ctx,
            org,
            plan,
            plans,
            can_manage_org,
            can_settings,
            can_admin,
            form,
            tab: "overview",
            flagged,
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render_org(&state, &ctx, &slug, FormState::new(), axum::http::StatusCode::OK).await
}

#[derive(Deserialize)]
struct UpdateForm {
    name: String,
    #[serde(default)]
    plan: String,
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<UpdateForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    match manage::update_organisation(&state.db, actor, ctx.ip(), &org, &f.name, Some(&f.plan))
        .await
    {
        Ok(()) => Ok(done(&format!("/orgs/{slug}"), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render_org(
                &state,
                &ctx,
                &slug,
                form.with_values([("name", f.name.as_str()), ("plan", f.plan.as_str())]),
                status,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    privacy_notice_url: String,
    #[serde(default)]
    privacy_notice_url_sv: String,
    #[serde(default)]
    privacy_notice_url_en: String,
    #[serde(default)]
    dpo_name: String,
    #[serde(default)]
    dpo_email: String,
    #[serde(default)]
    dpo_phone: String,
    #[serde(default)]
    dpo_address: String,
    #[serde(default)]
    business_id: String,
}

async fn update_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<SettingsForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    // The page shows every field, so each one sent is the new value.
    let privacy = tupa_core::organisations::privacy::PrivacyInput {
        privacy_notice_url: Some(f.privacy_notice_url.clone()),
        privacy_notice_url_sv: Some(f.privacy_notice_url_sv.clone()),
        privacy_notice_url_en: Some(f.privacy_notice_url_en.clone()),
        dpo_name: Some(f.dpo_name.clone()),
        dpo_email: Some(f.dpo_email.clone()),
        dpo_phone: Some(f.dpo_phone.clone()),
        dpo_address: Some(f.dpo_address.clone()),
    };
    match manage::update_settings(&state.db, actor, ctx.ip(), &org, &privacy, &f.business_id).await
    {
        Ok(()) => Ok(done(&format!("/orgs/{slug}"), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([
                ("privacy_notice_url", f.privacy_notice_url.as_str()),
                ("privacy_notice_url_sv", f.privacy_notice_url_sv.as_str()),
                ("privacy_notice_url_en", f.privacy_notice_url_en.as_str()),
                ("dpo_name", f.dpo_name.as_str()),
                ("dpo_email", f.dpo_email.as_str()),
                ("dpo_phone", f.dpo_phone.as_str()),
                ("dpo_address", f.dpo_address.as_str()),
                ("business_id", f.business_id.as_str()),
            ]);
            render_org(&state, &ctx, &slug, form, status).await
        }
    }
}
