//! The organisation's publishing page, for its web team and recruiters: the logo (upload,
//! replace, remove — main admins), the addresses of the public boards and feeds of the
//! organisation and each unit in each language, and ready HTML for the home page and
//! intranet.

use askama::Template;
use axum::Router;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use tupa_core::authz::Permission;
use tupa_core::organisations::Organisation;
use tupa_core::organisations::units::{self, Unit};
use tupa_core::recruitment::logos::{self, LogoInfo, UploadError};
use tupa_core::recruitment::publishing::{self, Publishing};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, WebResult};
use crate::form_data::FormData;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/recruitment/publishing", get(show))
        .route(
            "/orgs/{slug}/recruitment/publishing/logo",
            post(upload).layer(axum::extract::DefaultBodyLimit::max(
                tupa_core::recruitment::logo::MAX_FILE_BYTES + 1024 * 1024,
            )),
        )
        .route("/orgs/{slug}/recruitment/publishing/logo/remove", post(remove))
}

/// A stored logo as the page lists it.
pub struct LogoRow {
    pub info: LogoInfo,
    pub name: String,
    pub url: String,
}

#[derive(Template)]
#[template(path = "jobs_publishing.html")]
struct PublishingPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    tab: &'static str,
    can_admin: bool,
    can_manage: bool,
    logos: Vec<LogoRow>,
    units: Vec<Unit>,
    publishing: Publishing,
    form: FormState,
}

impl PublishingPage<'_> {
    fn indent(&self, depth: &usize) -> String {
        "– ".repeat(*depth)
    }
    fn ua(&self, key: &str, name: &str, value: impl AsRef<str>) -> String {
        self.ctx.lang.t_args(key, &[(name, value.as_ref())])
    }
    fn dims(&self, l: &LogoRow) -> String {
        format!("{} × {}", l.info.source_width, l.info.source_height)
    }
    fn unit_selected(&self, id: &str) -> bool {
        self.form.value("target") == id
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let (org, can_manage) = publishing::staff_org(&state.db, actor, slug).await?;
    let all_units = units::list(&state.db, &org.id).await?;
    let logos = logos::list(&state.db, &org.id)
        .await?
        .into_iter()
        .map(|info| {
            let unit = all_units.iter().find(|u| u.id == info.unit_id);
            let (name, path) = match unit {
                Some(u) => (u.name.clone(), format!("/jobs/{}/units/{}/logo", org.slug, u.slug)),
                None => (org.name.clone(), format!("/jobs/{}/logo", org.slug)),
            };
            LogoRow { url: format!("{path}?v={}", info.uploaded_at), name, info }
        })
        .collect();
    let publishing = publishing::for_org(&state.settings.public_url, &org, &all_units);
    let can_admin = actor.can(Permission::ManageUsers, &org);
    let units = all_units.into_iter().filter(|u| u.retired_at.is_none()).collect();
    page_with_status(
        status,
        &PublishingPage {
            ctx,
            org,
            tab: "recruitment",
            can_admin,
            can_manage,
            logos,
            units,
            publishing,
            form,
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, FormState::new(), StatusCode::OK).await
}

async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    req: Request,
) -> WebResult {
    let actor = ctx.actor()?;
    let (org, can_manage) = publishing::staff_org(&state.db, actor, &slug).await?;
    if !can_manage {
        return Err(AppError(tupa_core::Error::Forbidden));
    }
    // A body over the route's limit cannot be read: say so at the field, in words.
    let data = match FormData::from_request(req, &state).await {
        Ok(d) => d,
        Err(_) => {
            let form = FormState::new().with_error("logo", ctx.t("board-logo-upload-too-large"));
            return render(&state, &ctx, &slug, form, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let target = get1(&data.pairs, "target").to_string();
    let file = data
        .files
        .into_iter()
        .find(|(field, name, bytes)| field == "logo" && !(name.is_empty() && bytes.is_empty()));
    let Some((_, _, bytes)) = file else {
        let form = FormState::new()
            .with_error("logo", ctx.t("board-logo-missing"))
            .with_values([("target", target.as_str())]);
        return render(&state, &ctx, &slug, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    match logos::upload(&state.db, actor, ctx.ip(), &org, Some(target.as_str()), bytes).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/recruitment/publishing"), "board-logo-saved")),
        Err(UploadError::Logo(e)) => {
            let form = FormState::new()
                .with_error("logo", e.message(ctx.lang))
                .with_values([("target", target.as_str())]);
            render(&state, &ctx, &slug, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(UploadError::Other(e)) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, &slug, form, status).await
        }
    }
}

async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    axum::Form(pairs): axum::Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let (org, _) = publishing::staff_org(&state.db, actor, &slug).await?;
    logos::remove(&state.db, actor, ctx.ip(), &org, Some(get1(&pairs, "target"))).await?;
    Ok(done(&format!("/orgs/{slug}/recruitment/publishing"), "board-logo-removed"))
}
