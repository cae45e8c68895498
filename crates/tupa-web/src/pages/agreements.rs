//! The organisation's agreement page (issue 13; see `tupa_core::agreements`): main admins
//! read their agreement, terms version and the sub-processor lists; the operator records the
//! agreement with its signed document and sets the environment. The operator's own page for
//! the installation's sub-processor list is here too.

use askama::Template;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::agreements::subprocessors::{self, NewSubprocessorList, Subprocessor};
use tupa_core::agreements::{self, Environment, NewAgreement, OrgAgreement};
use tupa_core::authz::PlatformPermission;
use tupa_core::organisations::plans::{self, Plan};
use tupa_core::organisations::{self, Organisation};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, WebResult};
use crate::form_data::FormData;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    let limit = DefaultBodyLimit::max(tupa_core::desk::uploads::MAX_FILE_BYTES + 1024 * 1024);
    Router::new()
        .route("/orgs/{slug}/agreement", get(show).post(record).layer(limit))
        .route("/orgs/{slug}/agreement/document", get(document))
        .route("/orgs/{slug}/environment", post(set_environment))
        .route("/subprocessors", get(subprocessors_page).post(publish_subprocessors))
}

#[derive(Template)]
#[template(path = "agreement.html")]
struct AgreementPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    view: OrgAgreement,
    lists: subprocessors::Subprocessors,
    operator: bool,
    plans: Vec<Plan>,
    environments: [Environment; 2],
    accept: &'static str,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
}

impl AgreementPage<'_> {
    fn plan_name(&self, slug: &str) -> String {
        self.plans
            .iter()
            .find(|p| p.slug == slug)
            .map(|p| self.ctx.plan_name(p))
            .unwrap_or_else(|| slug.to_string())
    }
    fn kib(&self, size: &i64) -> String {
        format!("{} KiB", (size + 1023) / 1024)
    }
}

async fn org_of(state: &AppState, slug: &str) -> Result<Organisation, AppError> {
    Ok(organisations::by_slug(&state.db, slug).await?.ok_or(tupa_core::Error::NotFound)?)
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = org_of(state, slug).await?;
    let view = agreements::show(&state.db, actor, &org, tupa_core::db::now()).await?;
    let operator = actor.can_platform(PlatformPermission::ManageOrganisations);
    let plan_slug = match &org.plan_id {
        Some(id) => plans::by_id(&state.db, id).await?.map(|p| p.slug),
        None => None,
    };
    let form = form.with_defaults([("plan", plan_slug.as_deref().unwrap_or(""))]);
    page_with_status(
        status,
        &AgreementPage {
            ctx,
            org,
            lists: view.subprocessors.clone(),
            view,
            operator,
            plans: plans::list(&state.db).await?,
            environments: Environment::ALL,
            accept: tupa_core::desk::uploads::ACCEPT,
            form,
            can_admin: true,
            tab: "agreement",
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, FormState::new(), StatusCode::OK).await
}

async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    data: FormData,
) -> WebResult {
    let org = org_of(&state, &slug).await?;
    let pairs = &data.pairs;
    let input = NewAgreement {
        signed_on: get1(pairs, "signed_on").to_string(),
        signer_name: get1(pairs, "signer_name").to_string(),
        signer_title: get1(pairs, "signer_title").to_string(),
        signer_authority: get1(pairs, "signer_authority").to_string(),
        plan: Some(get1(pairs, "plan").to_string()),
        terms_version: get1(pairs, "terms_version").to_string(),
    };
    let document = data
        .files
        .into_iter()
        .find(|(field, name, bytes)| field == "document" && !(name.is_empty() && bytes.is_empty()))
        .map(|(_, name, bytes)| (name, bytes));
    let result = agreements::record(
        &state.db,
        ctx.actor()?,
        ctx.ip(),
        &org,
        &input,
        document,
        tupa_core::db::now(),
    )
    .await;
    match result {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/agreement"), "agreement-recorded")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values(
                data.pairs
                    .iter()
                    .filter(|(k, _)| k != "csrf")
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            );
            render(&state, &ctx, &slug, form, status).await
        }
    }
}

async fn document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let org = org_of(&state, &slug).await?;
    let (name, content_type, bytes) = agreements::document(&state.db, ctx.actor()?, &org).await?;
    Ok(crate::download::attachment(&name, &content_type, bytes))
}

async fn set_environment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let org = org_of(&state, &slug).await?;
    let env = Environment::parse(get1(&pairs, "environment"))
        .ok_or(tupa_core::Error::invalid("environment", "request-invalid"))?;
    agreements::set_environment(&state.db, ctx.actor()?, ctx.ip(), &org, env).await?;
    Ok(done(&format!("/orgs/{slug}/agreement"), "environment-set"))
}

#[derive(Template)]
#[template(path = "subprocessors.html")]
struct SubprocessorsPage<'a> {
    ctx: &'a Ctx,
    lists: subprocessors::Subprocessors,
    form: FormState,
}

async fn render_subprocessors(
    ctx: &Ctx,
    state: &AppState,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    ctx.actor()?.require_platform(PlatformPermission::ManageOrganisations)?;
    let lists = subprocessors::lists(&state.db, tupa_core::db::now()).await?;
    page_with_status(status, &SubprocessorsPage { ctx, lists, form })
}

async fn subprocessors_page(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    render_subprocessors(&ctx, &state, FormState::new(), StatusCode::OK).await
}

/// "Name; what they do; where" per line. A line without three parts keeps its text in the
/// name, so the refusal names the line's problem rather than losing it.
fn parse_entries(text: &str) -> Vec<Subprocessor> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.splitn(3, ';').map(str::trim);
            Subprocessor {
                name: parts.next().unwrap_or("").to_string(),
                purpose: parts.next().unwrap_or("").to_string(),
                location: parts.next().unwrap_or("").to_string(),
            }
        })
        .collect()
}

async fn publish_subprocessors(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let input = NewSubprocessorList {
        effective_on: get1(&pairs, "effective_on").to_string(),
        entries: parse_entries(get1(&pairs, "entries")),
    };
    let result = subprocessors::publish(
        &state.db,
        &state.settings,
        ctx.actor()?,
        ctx.ip(),
        &input,
        tupa_core::db::now(),
    )
    .await;
    match result {
        Ok(_) => Ok(done("/subprocessors", "subprocessors-published")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            // Every entry error is shown at the one text area that holds them all.
            let form = match form.error_field() {
                "name" | "purpose" | "location" => {
                    let msg = form.error(form.error_field()).unwrap_or_default().to_string();
                    FormState::new().with_error("entries", msg)
                }
                _ => form,
            };
            let form = form.with_values([
                ("effective_on", get1(&pairs, "effective_on")),
                ("entries", get1(&pairs, "entries")),
            ]);
            render_subprocessors(&ctx, &state, form, status).await
        }
    }
}
