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
    /// A staff member's user id: only what is attributed to them (their tickets, spaces,
    /// ads). Main admins for anyone, supervisors for the people in their units, anyone for
    /// themselves; queue figures without a handler come back with `"applicable": false`.
    pub staff: Option<String>,
}

/// How the operator's cross-organisation figures are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GroupBy {
    /// One report per organisation beside the total.
    Organisation,
}

/// The operator's query: the period, and optionally one report per organisation. Units and
/// staff members belong to one organisation each, so this view has neither: `unit` is refused
/// with 422 (use `by=organisation`, or the organisation's own report).
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlatformQuery {
    /// First day, `YYYY-MM-DD` (default: 1 January of this year).
    #[param(example = "2026-01-01")]
    pub from: Option<String>,
    /// Last day, included, `YYYY-MM-DD` (default: today).
    #[param(example = "2026-12-31")]
    pub to: Option<String>,
    /// Refused: units are per organisation.
    pub unit: Option<String>,
    /// `organisation`: add each organisation's figures.
    pub by: Option<GroupBy>,
}

/// The organisation's report for a reader who may see it (main admin, supervisor, platform
/// admin), in the plan's reports capability; with `staff`, one person's figures for those who
/// may see them (`reports::staff`).
pub async fn org_report(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    q: &ReportQuery,
) -> Result<(Organisation, Report), AppError> {
    let actor: &Actor = ctx.actor()?;
    let staff = q.staff.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let org = match staff {
        None => actor.organisation(&state.db, slug, Permission::ViewReports).await?,
        Some(id) => {
            let org = actor.organisation(&state.db, slug, Permission::ViewOrganisation).await?;
            reports::staff::check(&state.db, actor, &org, id).await?;
            org
        }
    };
    tupa_core::authz::require_capability(&state.db, &org, Capability::Reports).await?;
    let dates = Dates::parse(q.from.as_deref(), q.to.as_deref(), now())?;
    let units = match q.unit.as_deref().filter(|u| !u.is_empty()) {
        Some(unit) => Some(reports::unit_subtree(&state.db, &org, unit).await?),
        None => None,
    };
    let scope = Scope { org_id: Some(org.id.clone()), units, staff: staff.map(String::from) };
    let report = reports::compute(&state.db, &scope, dates, ctx.lang).await?;
    Ok((org, report))
}

/// The operator's figures over every organisation (platform admins), and with
/// `by=organisation` each organisation's own beside them, by name.
pub async fn platform_report(
    state: &AppState,
    ctx: &Ctx,
    q: &PlatformQuery,
) -> Result<(Report, Vec<(Organisation, Report)>), AppError> {
    ctx.actor()?.require_platform(tupa_core::authz::PlatformPermission::ViewReports)?;
    if q.unit.as_deref().is_some_and(|u| !u.is_empty()) {
        return Err(tupa_core::error::Error::invalid("unit", "report-unit-per-organisation").into());
    }
    let dates = Dates::parse(q.from.as_deref(), q.to.as_deref(), now())?;
    let total = reports::compute(&state.db, &Scope::default(), dates, ctx.lang).await?;
    let mut each = vec![];
    if q.by == Some(GroupBy::Organisation) {
        let mut orgs = tupa_core::organisations::list_all(&state.db).await?;
        orgs.sort_by_key(|a| a.name.to_lowercase());
        for org in orgs {
            let scope = Scope { org_id: Some(org.id.clone()), units: None, staff: None };
            let r = reports::compute(&state.db, &scope, dates, ctx.lang).await?;
            each.push((org, r));
        }
    }
    Ok((total, each))
}

/// The three column headings of the downloads.
fn headers(ctx: &Ctx) -> [String; 3] {
    [ctx.t("reports-id"), ctx.t("reports-label"), ctx.t("reports-value")]
}
