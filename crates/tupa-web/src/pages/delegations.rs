//! The main admin's page for delegated administration (issue 13): grant the operator rights
//! until a date with a reason, see the grants, revoke one at once. Platform admins see the
//! list only. See `tupa_core::delegations`.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::delegations::{self, Delegation, NewDelegation, Right};
use tupa_core::organisations::people::Role;
use tupa_core::organisations::{self, Organisation};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/delegations", get(show).post(grant))
        .route("/orgs/{slug}/delegations/{id}/revoke", post(revoke))
}

#[derive(Template)]
#[template(path = "delegations.html")]
struct DelegationsPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    grants: Vec<Delegation>,
    rights: [Right; 3],
    /// Rights ticked in a form shown again.
    ticked: Vec<Right>,
    /// Only main admins grant and revoke.
    can_grant: bool,
    /// The plan is managed by the operator: a standing grant for settings.
    standing_settings: bool,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
}

impl DelegationsPage<'_> {
    fn right_names(&self, d: &Delegation) -> String {
        d.rights
            .iter()
            .map(|r| self.ctx.t(&format!("delegation-right-{}", r.as_str())))
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn is_ticked(&self, r: &Right) -> bool {
        self.ticked.contains(r)
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    ticked: Vec<Right>,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = organisations::by_slug(&state.db, slug).await?.ok_or(tupa_core::Error::NotFound)?;
    let grants = delegations::list(&state.db, actor, &org, tupa_core::db::now()).await?;
    let can_grant = actor.roles_in(&org.id).contains(&Role::MainAdmin);
    let plan = match &org.plan_id {
        Some(id) => tupa_core::organisations::plans::by_id(&state.db, id).await?,
        None => None,
    };
    let standing_settings = !org.is_operator && plan.is_none_or(|p| !p.admins_manage_settings);
    page_with_status(
        status,
        &DelegationsPage {
            ctx,
            org,
            grants,
            rights: Right::ALL,
            ticked,
            can_grant,
            standing_settings,
            form,
            can_admin: true,
            tab: "delegations",
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, FormState::new(), vec![], StatusCode::OK).await
}

async fn grant(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let org = organisations::by_slug(&state.db, &slug).await?.ok_or(tupa_core::Error::NotFound)?;
    let rights: Vec<Right> =
        pairs.iter().filter(|(k, _)| k == "rights").filter_map(|(_, v)| Right::parse(v)).collect();
    let input = NewDelegation {
        rights: rights.clone(),
        until: get1(&pairs, "until").to_string(),
        reason: get1(&pairs, "reason").to_string(),
    };
    let result =
        delegations::grant(&state.db, ctx.actor()?, ctx.ip(), &org, &input, tupa_core::db::now())
            .await;
    match result {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/delegations"), "delegation-granted")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form
                .with_values([("until", input.until.as_str()), ("reason", input.reason.as_str())]);
            render(&state, &ctx, &slug, form, rights, status).await
        }
    }
}

async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let org = organisations::by_slug(&state.db, &slug).await?.ok_or(tupa_core::Error::NotFound)?;
    delegations::revoke(&state.db, ctx.actor()?, ctx.ip(), &org, &id, tupa_core::db::now()).await?;
    Ok(done(&format!("/orgs/{slug}/delegations"), "delegation-revoked"))
}
