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

use super::{ReportQuery, headers, org_report, platform_report};
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

/// The organisation's data points for the period (more than forty fixed ones, then one per
/// desk category, meter area and pipeline stage). Figures counting fewer than five people have
/// `"value": null, "suppressed": true`. Main admin, supervisor, platform admin; the plan must
/// include reports.
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
/// organisation's own categories or stages and with the same suppression. Platform admins.
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports", params(ReportQuery), responses((status = 200, body = ReportBody), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn platform_json(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ReportQuery>,
) -> Result<Json<ReportBody>, AppError> {
    let r = platform_report(&state, &ctx, &q).await?;
    Ok(Json(ReportBody {
        from: r.dates.first_day(),
        to: r.dates.last_day(),
        data_points: r.points,
    }))
}
