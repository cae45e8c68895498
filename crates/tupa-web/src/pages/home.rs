//! The front page after sign-in: what each of the person's roles has waiting (issue 12) —
//! the adviser's open and overdue tickets, the recruiter's ads closing soon, the counsellor's
//! spaces with unread messages, the main admin's pending invitations and settings to finish,
//! the platform admin's organisations. Every link goes to a page the person may open.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use tupa_core::authz::PlatformPermission;
use tupa_core::organisations::people::Role;
use tupa_core::organisations::{self, Organisation};
use tupa_core::setup;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::page;

#[path = "home_next.rs"]
mod next;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

/// One organisation with the person's roles in it.
pub struct OrgRoles {
    pub slug: String,
    pub name: String,
    pub roles: Vec<String>,
    /// The person works this organisation's desk and the plan has one.
    pub desk: bool,
    /// The person recruits here and the plan has recruitment.
    pub recruitment: bool,
}

pub fn org_roles(ctx: &Ctx) -> Vec<OrgRoles> {
    let mut out: Vec<OrgRoles> = vec![];
    if let Some(actor) = &ctx.actor {
        for m in &actor.memberships {
            let role = ctx.t(&format!("role-{}", m.role));
            let desk = m.role == Role::Adviser && m.plan_desk;
            let recruitment =
                matches!(m.role, Role::Recruiter | Role::HiringManager) && m.plan_recruitment;
            match out.iter_mut().find(|o| o.slug == m.org_slug) {
                Some(o) => {
                    if !o.roles.contains(&role) {
                        o.roles.push(role)
                    }
                    o.desk |= desk;
                    o.recruitment |= recruitment;
                }
                None => out.push(OrgRoles {
                    slug: m.org_slug.clone(),
                    name: m.org_name.clone(),
                    roles: vec![role],
                    desk,
                    recruitment,
                }),
            }
        }
    }
    out
}

/// One thing to do next, said with its count, and where to do it.
pub struct Next {
    pub text: String,
    pub href: String,
}

/// An organisation on the front page with what waits there.
pub struct OrgHome {
    pub roles: OrgRoles,
    pub next: Vec<Next>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    ctx: &'a Ctx,
    name: String,
    orgs: Vec<OrgHome>,
    /// Platform admins: every organisation of the installation.
    all: Vec<Organisation>,
    /// Unread announcements (issue 13): they stay here until marked read.
    announcements: Vec<tupa_core::announcements::Announcement>,
}

async fn home(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    if !setup::is_done(&state.db).await? {
        return Ok(Redirect::to("/setup").into_response());
    }
    let actor = ctx.actor()?;
    let announcements = tupa_core::announcements::unread(&state.db, actor).await?;
    let mut orgs = vec![];
    for roles in org_roles(&ctx) {
        let Some(org) = organisations::by_slug(&state.db, &roles.slug).await? else { continue };
        let next = next::of(&state, &ctx, actor, &org).await?;
        orgs.push(OrgHome { roles, next });
    }
    let all = if actor.can_platform(PlatformPermission::ManageOrganisations) {
        organisations::list_all(&state.db).await?
    } else {
        vec![]
    };
    page(&HomePage { ctx: &ctx, name: actor.user.display_name.clone(), orgs, all, announcements })
}
