//! The supervisor's view of the organisation's guidance spaces, as a page and through the
//! API: figures only (status, dates, counsellors, tasks, meter movement), never content.
//! What is left out is decided in `tupa_core::guidance::supervision`.

use askama::Template;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use tupa_core::authz::Permission;
use tupa_core::guidance::meter;
use tupa_core::guidance::supervision::{self, SupervisedSpace};
use tupa_core::organisations::Organisation;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::{AppError, WebResult};
use crate::render::page;

pub fn router() -> Router<AppState> {
    Router::new().route("/orgs/{slug}/supervision", get(supervision_page))
}

pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(supervised_spaces))
}

/// The organisation's guidance spaces as figures, for supervisors (those granted the role
/// for units see the spaces of their units' counsellors): status, opening and closing,
/// counsellors, last activity, tasks given/done/overdue and the meter's first and latest
/// value per area. No titles, client details, messages, summaries, answers or files.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/supervision/spaces", tag = "guidance", params(("slug" = String, Path)), responses((status = 200, body = Vec<SupervisedSpace>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn supervised_spaces(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<SupervisedSpace>>, AppError> {
    let actor = ctx.actor()?;
    let org = supervision::supervised_org(&state.db, actor, &slug).await?;
    Ok(Json(supervision::overview(&state.db, actor, &org).await?))
}

#[derive(Template)]
#[template(path = "supervision.html")]
struct SupervisionPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    spaces: Vec<SupervisedSpace>,
    /// Meter id → area key → the area's wording in the reader's language.
    labels: std::collections::HashMap<String, std::collections::HashMap<String, String>>,
    tab: &'static str,
    can_admin: bool,
}

impl SupervisionPage<'_> {
    fn area_label(&self, s: &SupervisedSpace, key: &str) -> String {
        s.meter_id
            .as_ref()
            .and_then(|m| self.labels.get(m))
            .and_then(|areas| areas.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
    fn task_counts(&self, s: &SupervisedSpace) -> String {
        let (given, done, overdue) =
            (s.tasks_given.to_string(), s.tasks_done.to_string(), s.tasks_overdue.to_string());
        self.ctx.lang.t_args(
            "supervision-task-counts",
            &[("given", &given), ("done", &done), ("overdue", &overdue)],
        )
    }
    /// The space's short reference (the end of its id, the random part), as titles are not shown.
    fn reference(&self, s: &SupervisedSpace) -> String {
        s.id.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect()
    }
}

async fn supervision_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = supervision::supervised_org(&state.db, actor, &slug).await?;
    let spaces = supervision::overview(&state.db, actor, &org).await?;
    let labels = meter::list(&state.db, &org)
        .await?
        .into_iter()
        .map(|i| {
            let areas = i
                .definition
                .areas
                .iter()
                .map(|a| (a.key.clone(), a.label.get(ctx.lang).to_string()))
                .collect();
            (i.id, areas)
        })
        .collect();
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page(&SupervisionPage { ctx: &ctx, org, spaces, labels, tab: "supervision", can_admin })
}
