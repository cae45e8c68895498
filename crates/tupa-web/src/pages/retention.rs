//! The organisation's retention settings page (main admins): days per data type, empty for
//! the default (see `tupa_core::retention`).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Form, Router};
use tupa_core::authz::Permission;
use tupa_core::organisations::Organisation;
use tupa_core::retention::{self, Change, DataType};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, form_error, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new().route("/orgs/{slug}/retention", get(show).post(save))
}

/// One data type's row: its field name, label, bounds and default in words.
pub struct Row {
    pub name: &'static str,
    pub label: String,
    pub hint: String,
}

#[derive(Template)]
#[template(path = "retention.html")]
struct RetentionPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    rows: Vec<Row>,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let org = ctx.actor()?.organisation(&state.db, slug, Permission::ManageSettings).await?;
    let rules = retention::rules(&state.db, &org.id).await?;
    let chosen: Vec<(&str, String)> = rules
        .iter()
        .filter(|r| !r.is_default)
        .map(|r| (r.data_type.as_str(), r.days.to_string()))
        .collect();
    let form = form.with_defaults(chosen.iter().map(|(k, v)| (*k, v.as_str())));
    let rows = rules
        .iter()
        .map(|r| Row {
            name: r.data_type.as_str(),
            label: ctx.t(&format!("retention-type-{}", r.data_type.as_str())),
            hint: ctx.lang.t_args(
                "retention-days",
                &[
                    ("min", &r.min_days.to_string()),
                    ("max", &r.max_days.to_string()),
                    ("default", &r.default_days.to_string()),
                ],
            ),
        })
        .collect();
    page_with_status(
        status,
        &RetentionPage { ctx, org, rows, form, can_admin: true, tab: "retention" },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, FormState::new(), StatusCode::OK).await
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageSettings).await?;
    let typed: Vec<(&str, &str)> = DataType::ALL
        .iter()
        .map(|t| (t.as_str(), f.get(t.as_str()).map_or("", |v| v.trim())))
        .collect();
    let mut changes = Vec::with_capacity(DataType::ALL.len());
    for t in DataType::ALL {
        let v = f.get(t.as_str()).map_or("", |v| v.trim());
        let days = if v.is_empty() {
            None
        } else {
            let (min, max) = t.bounds();
            match v.parse::<i64>() {
                Ok(d) if (min..=max).contains(&d) => Some(d),
                // The field that is wrong, named, so the summary links to it.
                _ => {
                    let msg = ctx.t("error-retention-days-invalid");
                    let form = FormState::new().with_values(typed).with_error(t.as_str(), msg);
                    return render(&state, &ctx, &slug, form, StatusCode::UNPROCESSABLE_ENTITY)
                        .await;
                }
            }
        };
        changes.push(Change { data_type: t, days });
    }
    match retention::update(&state.db, actor, ctx.ip(), &org, &changes).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/retention"), "retention-saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, &slug, form.with_values(typed), status).await
        }
    }
}
