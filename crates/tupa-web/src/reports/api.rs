//! The reports API: `GET /api/v1/orgs/{slug}/reports` (JSON), `…/reports.csv` and
//! `…/reports.xlsx` with the same query, and the operator's `GET /api/v1/reports`.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Serialize;
use tupa_core::reports::{DataPoint, export};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{PlatformQuery, ReportQuery, headers, org_report, platform_report};
use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(org_json))
        .routes(routes!(org_csv))
        .routes(routes!(org_xlsx))
        .routes(routes!(platform_json))
}

/// A report: every data point in the caller's language.
#[derive(Serialize, ToSchema)]
pub struct ReportBody {
    /// First and last day covered (`YYYY-MM-DD`, both included).
    pub from: String,
    pub to: String,
    pub data_points: Vec<DataPoint>,
}

/// The operator's figures: the installation's total, and with `by=organisation` each
/// organisation's.
#[derive(Serialize, ToSchema)]
pub struct PlatformReportBody {
    pub from: String,
    pub to: String,
    pub data_points: Vec<DataPoint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisations: Option<Vec<OrgReportBody>>,
}

/// One organisation's figures in the operator's view (figures only, same suppression).
#[derive(Serialize, ToSchema)]
pub struct OrgReportBody {
    pub slug: String,
    pub name: String,
    pub data_points: Vec<DataPoint>,
}

/// The organisation's data points for the period (more than forty fixed ones, then one per
/// desk category, meter area and pipeline stage). Figures counting fewer than five people have
/// `"value": null, "suppressed": true`. Main admin, supervisor, platform admin; the plan must
/// include reports. With `staff` (a user id), one person's figures: main admins for anyone,
/// supervisors for the people in their units, anyone for themselves (others 403, unknown 404);
/// figures with no meaning per person have `"applicable": false` and a null value.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/reports", tag = "reports", params(("slug" = String, Path), ReportQuery), responses((status = 200, body = ReportBody), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn org_json(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Json<ReportBody>, AppError> {
    let (_, r) = org_report(&state, &ctx, &slug, &q).await?;
    Ok(Json(ReportBody {
        from: r.dates.first_day(),
        to: r.dates.last_day(),
        data_points: r.points,
    }))
}

/// The same report as CSV (UTF-8 with a byte-order mark): id, label, value per row; the value
/// is empty when suppressed or not measurable.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/reports.csv", tag = "reports", params(("slug" = String, Path), ReportQuery), responses((status = 200, description = "The report as CSV", content_type = "text/csv", body = String), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn org_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let (org, r) = org_report(&state, &ctx, &slug, &q).await?;
    let h = headers(&ctx);
    let bytes = export::csv(&r.points, [&h[0], &h[1], &h[2]]);
    let name = format!("{}-{}-{}.csv", org.slug, r.dates.first_day(), r.dates.last_day());
    Ok(crate::download::attachment(&name, "text/csv; charset=utf-8", bytes))
}

/// The same report as an Excel workbook (one sheet; id, label, value per row).
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/reports.xlsx", tag = "reports", params(("slug" = String, Path), ReportQuery), responses((status = 200, description = "The report as XLSX", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn org_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let (org, r) = org_report(&state, &ctx, &slug, &q).await?;
    let h = headers(&ctx);
    let bytes = export::xlsx(&r.points, [&h[0], &h[1], &h[2]], "Tupa")?;
    let name = format!("{}-{}-{}.xlsx", org.slug, r.dates.first_day(), r.dates.last_day());
    Ok(crate::download::attachment(
        &name,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
    ))
}

/// The operator's view: the fixed data points summed over every organisation, without any
/// organisation's own categories or stages and with the same suppression. A unit belongs to
/// one organisation, so `unit` is refused (422); `by=organisation` adds each organisation's
/// report (its own categories, areas and stages included) — figures, no personal data.
/// Platform admins.
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports", params(PlatformQuery), responses((status = 200, body = PlatformReportBody), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn platform_json(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PlatformQuery>,
) -> Result<Json<PlatformReportBody>, AppError> {
    let (r, each) = platform_report(&state, &ctx, &q).await?;
    let grouped = q.by.is_some().then(|| {
        each.into_iter()
            .map(|(org, r)| OrgReportBody { slug: org.slug, name: org.name, data_points: r.points })
            .collect()
    });
    Ok(Json(PlatformReportBody {
        from: r.dates.first_day(),
        to: r.dates.last_day(),
        data_points: r.points,
        organisations: grouped,
    }))
}
