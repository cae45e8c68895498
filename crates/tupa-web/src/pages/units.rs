//! The unit tree page: add, rename, move, retire and restore units.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::authz::Permission;
use tupa_core::manage::{self, UnitChange};
use tupa_core::organisations::Organisation;
use tupa_core::organisations::units::{self, TreeEntry};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, form_error, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/units", get(show).post(create))
        .route("/orgs/{slug}/units/{unit_id}", post(change))
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    live: Vec<TreeEntry>,
    retired: Vec<TreeEntry>,
    can_manage: bool,
    can_admin: bool,
    form: FormState,
    /// The unit whose form failed, so its details open with the error.
    failed_unit: String,
    tab: &'static str,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    failed_unit: String,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, slug, Permission::ViewOrganisation).await?;
    let all = units::list(&state.db, &org.id).await?;
    let (live_units, retired_units): (Vec<_>, Vec<_>) =
        all.into_iter().partition(|u| u.retired_at.is_none());
    let live = units::tree(&live_units);
    let retired = retired_units.into_iter().map(|unit| TreeEntry { unit, depth: 0 }).collect();
    let can_manage = actor.can(Permission::ManageUnits, &org);
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        status,
        &UnitsPage {
            ctx,
            org,
            live,
            retired,
            can_manage,
            can_admin,
            form,
            failed_unit,
            tab: "units",
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, FormState::new(), String::new(), StatusCode::OK).await
}

#[derive(Deserialize)]
struct CreateForm {
    name: String,
    #[serde(default)]
    parent_id: String,
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<CreateForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    match manage::create_unit(&state.db, actor, ctx.ip(), &org, &f.name, Some(&f.parent_id)).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/units"), "unit-created")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form =
                form.with_values([("name", f.name.as_str()), ("parent_id", f.parent_id.as_str())]);
            render(&state, &ctx, &slug, form, String::new(), status).await
        }
    }
}

tupa_core::closed_set! {
    /// The buttons of a unit's row.
    enum UnitAction ("action", "action-unknown") {
        Rename = "rename",
        Move = "move",
        Retire = "retire",
        Restore = "restore",
    }
}

#[derive(Deserialize)]
struct ChangeForm {
    /// A [`UnitAction`] word.
    action: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    parent_id: String,
}

async fn change(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, unit_id)): Path<(String, String)>,
    Form(f): Form<ChangeForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    let (change, notice) = match f.action.parse::<UnitAction>()? {
        UnitAction::Rename => (UnitChange::Rename { name: f.name.clone() }, "unit-renamed"),
        UnitAction::Move => (
            UnitChange::Move { parent_id: Some(f.parent_id.clone()).filter(|p| !p.is_empty()) },
            "unit-moved",
        ),
        UnitAction::Retire => (UnitChange::Retire, "unit-retired"),
        UnitAction::Restore => (UnitChange::Restore, "unit-restored"),
    };
    match manage::change_unit(&state.db, actor, ctx.ip(), &org, &unit_id, change).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/units"), notice)),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, &slug, form, unit_id, status).await
        }
    }
}
