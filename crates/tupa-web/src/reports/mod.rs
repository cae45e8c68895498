//! Reports on the web: the JSON, CSV and XLSX API, the report page with its server-drawn
//! SVG charts, and the operator's installation-wide figures, side by side.

pub mod api;
mod charts;
mod pages;

use axum::Router;
use tupa_core::authz::{Actor, Permission};
use tupa_core::db::now;
use tupa_core::organisations::Organisation;
use tupa_core::organisations::plans::Capability;
use tupa_core::reports::{self, Dates, Report, Scope};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;

/// The page (the API's routes join the OpenAPI router in `api`).
pub fn router() -> Router<AppState> {
    pages::router()
}

/// What a request asks for: `from`, `to` (YYYY-MM-DD, both included) and `unit` (an id).
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// First day, `YYYY-MM-DD` (default: 1 January of this year).
    #[param(example = "2026-01-01")]
    pub from: Option<String>,
    /// Last day, included, `YYYY-MM-DD` (default: today). At most two years after `from`.
    #[param(example = "2026-12-31")]
    pub to: Option<String>,
    /// A unit's id: the figures of that unit and the units below it.
    pub unit: Option<String>,
}

/// The organisation's report for a reader who may see it (main admin, supervisor, platform
/// admin), in the plan's reports capability.
pub async fn org_report(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    q: &ReportQuery,
) -> Result<(Organisation, Report), AppError> {
    let actor: &Actor = ctx.actor()?;
    let org = actor.organisation(&state.db, slug, Permission::ViewReports).await?;
    tupa_core::authz::require_capability(&state.db, &org, Capability::Reports).await?;
    let dates = Dates::parse(q.from.as_deref(), q.to.as_deref(), now())?;
    let units = match q.unit.as_deref().filter(|u| !u.is_empty()) {
        Some(unit) => Some(reports::unit_subtree(&state.db, &org, unit).await?),
        None => None,
    };
    let scope = Scope { org_id: Some(org.id.clone()), units };
    let report = reports::compute(&state.db, &scope, dates, ctx.lang).await?;
    Ok((org, report))
}

/// The operator's figures over every organisation (platform admins).
pub async fn platform_report(
    state: &AppState,
    ctx: &Ctx,
    q: &ReportQuery,
) -> Result<Report, AppError> {
    ctx.actor()?.require_platform(tupa_core::authz::PlatformPermission::ViewReports)?;
    let dates = Dates::parse(q.from.as_deref(), q.to.as_deref(), now())?;
    Ok(reports::compute(&state.db, &Scope::default(), dates, ctx.lang).await?)
}

/// The three column headings of the downloads.
fn headers(ctx: &Ctx) -> [String; 3] {
    [ctx.t("reports-id"), ctx.t("reports-label"), ctx.t("reports-value")]
}
