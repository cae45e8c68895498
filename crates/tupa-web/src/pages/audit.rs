//! The audit log: an organisation's for its main admins, the whole installation's for
//! platform admins.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use tupa_core::audit::{self, Entry};
use tupa_core::authz::{Permission, PlatformPermission};
use tupa_core::organisations::Organisation;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::page;

pub const PAGE_SIZE: i64 = 100;

pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(all)).route("/orgs/{slug}/audit", get(for_org))
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    ctx: &'a Ctx,
    org: Option<Organisation>,
    entries: Vec<Entry>,
    older: Option<i64>,
    can_admin: bool,
    tab: &'static str,
}

impl AuditPage<'_> {
    /// The action in words; an action without a translation shows its code.
    pub fn action(&self, code: &str) -> String {
        let key = format!("audit-{code}");
        let text = self.ctx.t(&key);
        if text == key { code.to_string() } else { text }
    }
}

fn before(ctx: &Ctx) -> Option<i64> {
    ctx.query("before").and_then(|b| b.parse().ok())
}

fn older(entries: &[Entry]) -> Option<i64> {
    (entries.len() as i64 == PAGE_SIZE).then(|| entries.last().map(|e| e.at - 1)).flatten()
}

async fn all(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    ctx.actor()?.require_platform(PlatformPermission::ViewAllAuditLogs)?;
    let entries = audit::list(&state.db, None, PAGE_SIZE, before(&ctx)).await?;
    page(&AuditPage {
        ctx: &ctx,
        org: None,
        older: older(&entries),
        entries,
        can_admin: false,
        tab: "audit",
    })
}

async fn for_org(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ViewAuditLog).await?;
    let entries = audit::list(&state.db, Some(&org.id), PAGE_SIZE, before(&ctx)).await?;
    page(&AuditPage {
        ctx: &ctx,
        org: Some(org),
        older: older(&entries),
        entries,
        can_admin: true,
        tab: "audit",
    })
}
