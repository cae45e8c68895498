//! The report page `/orgs/{slug}/reports`: a GET form (from, to, unit), the charts with a table
//! each, every data point in a table, and links to the CSV and XLSX downloads of the same
//! query. A bad date comes back as the form with its error (422), without a report.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use tupa_core::authz::Permission;
use tupa_core::organisations::Organisation;
use tupa_core::reports::export::number;
use tupa_core::reports::{DataPoint, Light, Report};

use super::{ReportQuery, charts, org_report};
use crate::AppState;
use crate::ctx::{Ctx, urlencode};
use crate::error::{AppError, WebResult};
use crate::render::{FormState, form_error, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new().route("/orgs/{slug}/reports", get(report_page))
}

/// A figure as a cell: the number, "fewer than 5", "not applicable", or a dash.
pub fn cell(ctx: &Ctx, p: &DataPoint) -> String {
    if !p.applicable {
        return ctx.t("reports-not-applicable");
    }
    match (p.value, p.suppressed) {
        (_, true) => ctx.t("reports-suppressed"),
        (Some(v), _) => number(v),
        (None, _) => ctx.t("reports-no-value"),
    }
}

pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub intro: String,
    pub svg: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    tab: &'static str,
    can_admin: bool,
    form: FormState,
    /// (unit id, name) for the unit choice.
    units: Vec<(String, String)>,
    unit: String,
    /// (user id, name) of the staff members the reader may pick (empty: no picker).
    staff: Vec<(String, String)>,
    staff_id: String,
    /// May read the whole organisation's figures (else only their own).
    whole: bool,
    charts: Vec<Chart>,
    /// What the figures cover, in words (period, unit, person): the form is left out of a
    /// printout, so the report says it again above the figures.
    scope: Vec<String>,
    /// (id, label, definition, value cell)
    points: Vec<(String, String, String, String)>,
    query: String,
}

async fn report_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ReportQuery>,
) -> WebResult {
    let actor = ctx.actor()?;
    // Everyone in the organisation may read their own figures; the organisation's are for
    // those who may view reports.
    let org = actor.organisation(&state.db, &slug, Permission::ViewOrganisation).await?;
    let whole = actor.can(Permission::ViewReports, &org);
    let mut q = q;
    if !whole && q.staff.as_deref().is_none_or(str::is_empty) {
        q.staff = Some(actor.user.id.clone());
    }
    let staff = tupa_core::reports::staff::choices(&state.db, actor, &org).await?;
    let units: Vec<(String, String)> = tupa_core::organisations::units::list(&state.db, &org.id)
        .await?
        .into_iter()
        .filter(|u| u.retired_at.is_none())
        .map(|u| (u.id, u.name))
        .collect();
    let can_admin = actor.can(Permission::ManageUsers, &org);
    let (status, form, report) = match org_report(&state, &ctx, &slug, &q).await {
        Ok((_, r)) => (StatusCode::OK, FormState::new(), Some(r)),
        Err(AppError(e)) => {
            let (status, form) = form_error(&ctx, e)?;
            (status, form, None)
        }
    };
    let form = form.with_values([
        (
            "from",
            report
                .as_ref()
                .map_or(q.from.clone().unwrap_or_default(), |r| r.dates.first_day())
                .as_str(),
        ),
        (
            "to",
            report
                .as_ref()
                .map_or(q.to.clone().unwrap_or_default(), |r| r.dates.last_day())
                .as_str(),
        ),
    ]);
    let unit = q.unit.clone().unwrap_or_default();
    let staff_id = q.staff.clone().unwrap_or_default();
    let query = format!(
        "from={}&to={}{}{}",
        urlencode(form.value("from")),
        urlencode(form.value("to")),
        if unit.is_empty() { String::new() } else { format!("&unit={}", urlencode(&unit)) },
        if staff_id.is_empty() {
            String::new()
        } else {
            format!("&staff={}", urlencode(&staff_id))
        }
    );
    let (charts, points) = match &report {
        Some(r) => (charts_of(&ctx, r), points_of(&ctx, r)),
        None => (vec![], vec![]),
    };
    let scope = match &report {
        Some(r) => scope_of(&ctx, r, &units, &unit, &staff, &staff_id, &actor.user),
        None => vec![],
    };
    page_with_status(
        status,
        &ReportPage {
            ctx: &ctx,
            org,
            tab: "reports",
            can_admin,
            form,
            units,
            unit,
            staff,
            staff_id,
            whole,
            charts,
            scope,
            points,
            query,
        },
    )
}

/// The report's scope in words: the period (d.m.yyyy), the unit with the units below it or
/// the whole organisation, and the staff member when the figures are one person's.
fn scope_of(
    ctx: &Ctx,
    r: &Report,
    units: &[(String, String)],
    unit: &str,
    staff: &[(String, String)],
    staff_id: &str,
    me: &tupa_core::identity::User,
) -> Vec<String> {
    let day = |d: time::Date| format!("{}.{}.{}", d.day(), u8::from(d.month()), d.year());
    let mut out = vec![ctx.lang.t_args(
        "reports-scope-period",
        &[("start", &day(r.dates.from)), ("end", &day(r.dates.to))],
    )];
    out.push(match units.iter().find(|(id, _)| id == unit) {
        Some((_, name)) => ctx.lang.t_args("reports-scope-unit", &[("unit", name)]),
        None => ctx.t("reports-scope-whole"),
    });
    if !staff_id.is_empty() {
        let name = staff
            .iter()
            .find(|(id, _)| id == staff_id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| me.display_name.clone());
        out.push(ctx.lang.t_args("reports-scope-staff", &[("name", &name)]));
    }
    out
}

fn points_of(ctx: &Ctx, r: &Report) -> Vec<(String, String, String, String)> {
    r.points
        .iter()
        .map(|p| (p.id.clone(), p.label.clone(), p.definition.clone(), cell(ctx, p)))
        .collect()
}

fn charts_of(ctx: &Ctx, r: &Report) -> Vec<Chart> {
    let mut out = vec![];
    let (contacts, spaces) = (ctx.t("reports-contacts"), ctx.t("reports-spaces"));
    let title = ctx.t("reports-trend");
    out.push(Chart {
        id: "chart-trend",
        svg: charts::trend("chart-trend", &title, [&contacts, &spaces], &r.trend),
        title,
        intro: ctx.t("reports-trend-desc"),
        head: vec![ctx.t("reports-when"), contacts, spaces],
        rows: r
            .trend
            .iter()
            .map(|(l, a, b)| vec![l.clone(), a.to_string(), b.to_string()])
            .collect(),
    });
    let mut bars: Vec<(String, f64)> =
        r.categories.iter().map(|(name, n)| (name.clone(), *n as f64)).collect();
    if let Some(u) = r.value("desk.tickets.uncategorised").filter(|u| u.applicable) {
        bars.push((u.label.clone(), u.value.unwrap_or(0.0)));
    }
    let title = ctx.t("reports-by-category");
    out.push(Chart {
        id: "chart-categories",
        svg: charts::bars("chart-categories", &title, &bars),
        title,
        intro: String::new(),
        head: vec![ctx.t("reports-category"), ctx.t("reports-tickets")],
        rows: bars.iter().map(|(l, v)| vec![l.clone(), number(*v)]).collect(),
    });
    let light_name = |l: Light| ctx.t(&format!("reports-light-{}", light_key(l)));
    let title = ctx.t("reports-meter");
    let suppressed = ctx.t("reports-suppressed");
    out.push(Chart {
        id: "chart-meter",
        svg: charts::meter("chart-meter", &title, &r.meter, &light_name, &suppressed),
        title,
        intro: ctx.t("reports-meter-desc"),
        head: vec![ctx.t("reports-area"), ctx.t("reports-change")],
        rows: r
            .meter
            .iter()
            .map(|(a, v, s, l)| {
                let cell = match (v, s) {
                    (_, true) => suppressed.clone(),
                    (Some(v), _) => format!("{} ({})", number(*v), light_name(*l)),
                    (None, _) => ctx.t("reports-no-value"),
                };
                vec![a.clone(), cell]
            })
            .collect(),
    });
    out
}

fn light_key(l: Light) -> &'static str {
    match l {
        Light::Green => "green",
        Light::Amber => "amber",
        Light::Red => "red",
    }
}
