//! The announcements page (issue 13; see `tupa_core::announcements`): the operator writes
//! and sees what it published; main admins read, mark read and forward to their staff; staff
//! read what was forwarded to them. The home page shows the unread ones.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::announcements::forward::{self, Audience, Forward};
use tupa_core::announcements::{self, Announcement, NewAnnouncement, Text};
use tupa_core::authz::PlatformPermission;
use tupa_core::organisations::people::Role;
use tupa_core::organisations::plans::{self, Plan};
use tupa_core::organisations::units::{self, Unit};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/announcements", get(show).post(publish))
        .route("/announcements/{id}/forward", post(forward_one))
        .route("/announcements/{id}/read", post(mark_read))
}

/// The units of one organisation where the reader may forward.
pub struct OrgUnits {
    pub slug: String,
    pub name: String,
    pub units: Vec<Unit>,
}

#[derive(Template)]
#[template(path = "announcements.html")]
struct AnnouncementsPage<'a> {
    ctx: &'a Ctx,
    list: Vec<Announcement>,
    operator: bool,
    plans: Vec<Plan>,
    /// The plans ticked in a compose form shown again.
    ticked: Vec<String>,
    /// Where the reader is a main admin: the organisations and their units.
    orgs: Vec<OrgUnits>,
    roles: [Role; 6],
    audiences: [Audience; 3],
    form: FormState,
    /// The announcement whose forward form has the error in `form`.
    form_for: String,
}

impl AnnouncementsPage<'_> {
    fn text(&self, a: &Announcement) -> Text {
        a.text(self.ctx.lang).clone()
    }
    fn is_ticked(&self, slug: &str) -> bool {
        self.ticked.iter().any(|t| t == slug)
    }
    fn plan_names(&self, a: &Announcement) -> String {
        a.plans
            .iter()
            .map(|s| {
                self.plans
                    .iter()
                    .find(|p| &p.slug == s)
                    .map(|p| self.ctx.plan_name(p))
                    .unwrap_or_else(|| s.clone())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn org_name(&self, slug: &str) -> String {
        let actor = self.ctx.actor.as_ref();
        actor
            .and_then(|a| a.memberships.iter().find(|m| m.org_slug == slug))
            .map(|m| m.org_name.clone())
            .unwrap_or_else(|| slug.to_string())
    }
    fn forward_orgs(&self, a: &Announcement) -> Vec<&OrgUnits> {
        self.orgs.iter().filter(|o| a.forwardable_in.contains(&o.slug)).collect()
    }
    /// The error of field `name` when it belongs to the forward form of `a`.
    fn forward_error(&self, a: &Announcement, name: &str) -> Option<&str> {
        if self.form_for == a.id { self.form.error(name) } else { None }
    }
    fn count(&self, n: &i64) -> String {
        n.to_string()
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    form: FormState,
    form_for: &str,
    ticked: Vec<String>,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let list = announcements::list(&state.db, actor).await?;
    let operator = actor.can_platform(PlatformPermission::ManageOrganisations);
    let plans = plans::list(&state.db).await?;
    let mut orgs: Vec<OrgUnits> = vec![];
    for m in actor.memberships.iter().filter(|m| m.role == Role::MainAdmin) {
        if orgs.iter().any(|o| o.slug == m.org_slug) {
            continue;
        }
        let units = units::list(&state.db, &m.org_id)
            .await?
            .into_iter()
            .filter(|u| u.retired_at.is_none())
            .collect();
        orgs.push(OrgUnits { slug: m.org_slug.clone(), name: m.org_name.clone(), units });
    }
    page_with_status(
        status,
        &AnnouncementsPage {
            ctx,
            list,
            operator,
            plans,
            ticked,
            orgs,
            roles: Role::ORGANISATION_ROLES,
            audiences: Audience::ALL,
            form,
            form_for: form_for.to_string(),
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    render(&state, &ctx, FormState::new(), "", vec![], StatusCode::OK).await
}

fn text_of(pairs: &Pairs, lang: &str) -> Text {
    Text {
        title: get1(pairs, &format!("title_{lang}")).to_string(),
        body: get1(pairs, &format!("body_{lang}")).to_string(),
    }
}

async fn publish(State(state): State<AppState>, ctx: Ctx, Form(pairs): Form<Pairs>) -> WebResult {
    let ticked: Vec<String> =
        pairs.iter().filter(|(k, _)| k == "plans").map(|(_, v)| v.clone()).collect();
    let input = NewAnnouncement {
        fi: text_of(&pairs, "fi"),
        sv: Some(text_of(&pairs, "sv")),
        en: Some(text_of(&pairs, "en")),
        plans: ticked.clone(),
    };
    match announcements::publish(&state.db, &state.settings, ctx.actor()?, ctx.ip(), &input).await {
        Ok(_) => Ok(done("/announcements", "announcement-published")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            // The field names the error in the language whose text failed is unknown here;
            // the form keeps every text, and the error points at the Finnish one.
            let form = form.with_values(
                pairs
                    .iter()
                    .filter(|(k, _)| k.starts_with("title_") || k.starts_with("body_"))
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            );
            render(&state, &ctx, form, "", ticked, status).await
        }
    }
}

async fn forward_one(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let audience = Audience::parse(get1(&pairs, "audience")).unwrap_or(Audience::All);
    let role = Role::parse(get1(&pairs, "role")).ok();
    let input = Forward {
        org: Some(get1(&pairs, "org").to_string()).filter(|o| !o.is_empty()),
        audience,
        role: if audience == Audience::Role { role } else { None },
        unit: Some(get1(&pairs, "unit").to_string()).filter(|u| !u.is_empty()),
    };
    match forward::forward(&state.db, &state.settings, ctx.actor()?, ctx.ip(), &id, &input).await {
        Ok(_) => Ok(done(&format!("/announcements#a-{id}"), "announcement-forwarded")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, form, &id, vec![], status).await
        }
    }
}

async fn mark_read(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    announcements::mark_read(&state.db, ctx.actor()?, &id, tupa_core::db::now()).await?;
    // The home page's button comes back home; a fixed choice, never a posted address.
    let back = if get1(&pairs, "back") == "home" { "/" } else { "/announcements" };
    Ok(done(back, "announcement-read"))
}
