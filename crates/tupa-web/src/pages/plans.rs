//! Plans (platform admins): which capabilities an organisation has and who manages its
//! settings.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::authz::PlatformPermission;
use tupa_core::manage;
use tupa_core::organisations::plans::{self, Capability, Plan, PlanInput};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new().route("/plans", get(list).post(create)).route("/plans/{slug}", post(update))
}

#[derive(Template)]
#[template(path = "plans.html")]
struct PlansPage<'a> {
    ctx: &'a Ctx,
    plans: Vec<Plan>,
    capabilities: [Capability; 4],
    form: FormState,
}

async fn render(state: &AppState, ctx: &Ctx, form: FormState, status: StatusCode) -> WebResult {
    ctx.actor()?.require_platform(PlatformPermission::ManagePlans)?;
    let plans = plans::list(&state.db).await?;
    page_with_status(status, &PlansPage { ctx, plans, capabilities: Capability::ALL, form })
}

async fn list(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    render(&state, &ctx, FormState::new(), StatusCode::OK).await
}

fn input_from(pairs: &Pairs, slug: &str) -> PlanInput {
    let get = |k: &str| get1(pairs, k).to_string();
    PlanInput {
        slug: slug.to_string(),
        name: get("name"),
        capabilities: pairs
            .iter()
            .filter(|(k, _)| k == "capabilities")
            .filter_map(|(_, v)| Capability::ALL.into_iter().find(|c| c.as_str() == v))
            .collect(),
        admins_manage_settings: get("admins_manage_settings") == "true",
    }
}

async fn create(State(state): State<AppState>, ctx: Ctx, Form(pairs): Form<Pairs>) -> WebResult {
    let slug = get1(&pairs, "slug").to_string();
    let input = input_from(&pairs, &slug);
    match manage::create_plan(&state.db, ctx.actor()?, ctx.ip(), &input).await {
        Ok(_) => Ok(done("/plans", "plan-created")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(
                &state,
                &ctx,
                form.with_values([("slug", slug.as_str()), ("name", input.name.as_str())]),
                status,
            )
            .await
        }
    }
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let input = input_from(&pairs, &slug);
    match manage::update_plan(&state.db, ctx.actor()?, ctx.ip(), &slug, &input).await {
        Ok(_) => Ok(done("/plans", "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, form, status).await
        }
    }
}
