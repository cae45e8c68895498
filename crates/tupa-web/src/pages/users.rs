//! People of an organisation: list, invite, change roles, deactivate and reactivate, resend
//! an invitation, and the history of a person's roles.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::authz::Permission;
use tupa_core::i18n::Lang;
use tupa_core::manage::{self, Invitation, RoleInput};
use tupa_core::organisations::Organisation;
use tupa_core::organisations::people::{self, Grant, Member, Role};
use tupa_core::organisations::units::{self, TreeEntry};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/users", get(list).post(invite))
        .route("/orgs/{slug}/users/{user_id}", get(show))
        .route("/orgs/{slug}/users/{user_id}/roles", post(set_roles))
        .route("/orgs/{slug}/users/{user_id}/active", post(set_active))
        .route("/orgs/{slug}/users/{user_id}/resend", post(resend))
}

/// Checked roles, each limited to the chosen unit (if any).
fn roles_from(pairs: &Pairs) -> Result<Vec<RoleInput>, tupa_core::Error> {
    let unit = Some(get1(pairs, "unit_id").to_string()).filter(|u| !u.is_empty());
    pairs
        .iter()
        .filter(|(k, _)| k == "roles")
        .map(|(_, v)| Ok(RoleInput { role: Role::parse(v)?, unit_id: unit.clone() }))
        .collect()
}

/// Roles this person may grant here, for the checkboxes.
fn grantable(ctx: &Ctx, org: &Organisation) -> Vec<Role> {
    let actor = ctx.actor.as_deref();
    Role::ALL.iter().copied().filter(|r| actor.is_some_and(|a| a.may_grant(*r, org))).collect()
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    members: Vec<(Member, Vec<String>)>,
    roles: Vec<Role>,
    units: Vec<TreeEntry>,
    checked: Vec<String>,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
}

async fn render_list(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    checked: Vec<String>,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, slug, Permission::ManageUsers).await?;
    let mut members = vec![];
    for m in people::members(&state.db, &org.id).await? {
        let roles = people::current_grants(&state.db, &org.id, &m.user_id)
            .await?
            .iter()
            .map(|g| ctx.t(&format!("role-{}", g.role)))
            .collect();
        members.push((m, roles));
    }
    let live: Vec<_> = units::list(&state.db, &org.id)
        .await?
        .into_iter()
        .filter(|u| u.retired_at.is_none())
        .collect();
    let roles = grantable(ctx, &org);
    let form = form.with_defaults([("lang", ctx.lang.code())]);
    page_with_status(
        status,
        &UsersPage {
            ctx,
            org,
            members,
            roles,
            units: units::tree(&live),
            checked,
            form,
            can_admin: true,
            tab: "users",
        },
    )
}

async fn list(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render_list(&state, &ctx, &slug, FormState::new(), vec![], StatusCode::OK).await
}

async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageUsers).await?;
    let lang = Lang::parse(get1(&pairs, "lang")).unwrap_or(ctx.lang);
    let result = match roles_from(&pairs) {
        Ok(roles) => {
            let inv = Invitation {
                email: get1(&pairs, "email"),
                display_name: get1(&pairs, "display_name"),
                roles: &roles,
                lang,
            };
            manage::invite_user(&state.db, &state.settings, actor, ctx.ip(), &org, inv).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/users"), "user-invited")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values(
                ["email", "display_name", "unit_id", "lang"].map(|k| (k, get1(&pairs, k))),
            );
            let checked =
                pairs.iter().filter(|(k, _)| k == "roles").map(|(_, v)| v.clone()).collect();
            render_list(&state, &ctx, &slug, form, checked, status).await
        }
    }
}

#[derive(Template)]
#[template(path = "user.html")]
struct UserPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    member: Member,
    grants: Vec<Grant>,
    history: Vec<Grant>,
    roles: Vec<Role>,
    units: Vec<TreeEntry>,
    checked: Vec<String>,
    current_unit: String,
    form: FormState,
    is_self: bool,
    can_admin: bool,
    tab: &'static str,
}

impl UsersPage<'_> {
    pub fn is_checked(&self, role: &str) -> bool {
        self.checked.iter().any(|c| c == role)
    }
}

impl UserPage<'_> {
    pub fn is_checked(&self, role: &str) -> bool {
        self.checked.iter().any(|c| c == role)
    }
    pub fn unit_name(&self, id: &Option<String>) -> String {
        match id {
            Some(id) => self
                .units
                .iter()
                .find(|u| &u.unit.id == id)
                .map(|u| u.unit.name.clone())
                .unwrap_or_else(|| self.ctx.t("unit-retired-or-unknown")),
            None => self.ctx.t("whole-organisation"),
        }
    }
}

async fn render_user(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    user_id: &str,
    form: FormState,
    checked: Option<Vec<String>>,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, slug, Permission::ManageUsers).await?;
    let member = people::member(&state.db, &org.id, user_id).await?;
    let grants = people::current_grants(&state.db, &org.id, user_id).await?;
    let history = people::grant_history(&state.db, &org.id, user_id).await?;
    let all_units = units::list(&state.db, &org.id).await?;
    let checked =
        checked.unwrap_or_else(|| grants.iter().map(|g| g.role.as_str().to_string()).collect());
    let current_unit = grants.iter().find_map(|g| g.unit_id.clone()).unwrap_or_default();
    let roles = grantable(ctx, &org);
    let is_self = user_id == actor.user.id;
    page_with_status(
        status,
        &UserPage {
            ctx,
            org,
            member,
            grants,
            history,
            roles,
            units: units::tree(&all_units),
            checked,
            current_unit,
            form,
            is_self,
            can_admin: true,
            tab: "users",
        },
    )
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
) -> WebResult {
    render_user(&state, &ctx, &slug, &user_id, FormState::new(), None, StatusCode::OK).await
}

async fn set_roles(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageUsers).await?;
    let result = match roles_from(&pairs) {
        Ok(roles) => {
            manage::set_user_roles(&state.db, actor, ctx.ip(), &org, &user_id, &roles).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(done(&format!("/orgs/{slug}/users/{user_id}"), "roles-saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let checked =
                pairs.iter().filter(|(k, _)| k == "roles").map(|(_, v)| v.clone()).collect();
            render_user(&state, &ctx, &slug, &user_id, form, Some(checked), status).await
        }
    }
}

async fn set_active(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageUsers).await?;
    let active = get1(&pairs, "active") == "true";
    match manage::set_user_active(&state.db, actor, ctx.ip(), &org, &user_id, active).await {
        Ok(()) => Ok(done(
            &format!("/orgs/{slug}/users/{user_id}"),
            if active { "user-reactivated" } else { "user-deactivated" },
        )),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render_user(&state, &ctx, &slug, &user_id, form, None, status).await
        }
    }
}

async fn resend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, user_id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageUsers).await?;
    match manage::resend_invitation(&state.db, &state.settings, actor, ctx.ip(), &org, &user_id)
        .await
    {
        Ok(()) => Ok(done(&format!("/orgs/{slug}/users/{user_id}"), "invitation-resent")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render_user(&state, &ctx, &slug, &user_id, form, None, status).await
        }
    }
}
