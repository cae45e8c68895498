//! Accessibility statements and the feedback form on them (issue 9; see
//! `tupa_core::accessibility`): `/accessibility` (the installation's) and
//! `/accessibility/{slug}` (an organisation's), public; the editing pages
//! `/accessibility-statement/edit` (operator) and `/orgs/{slug}/accessibility-statement`
//! (main admins).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::accessibility::feedback::{self, FeedbackInput};
use tupa_core::accessibility::{self, Authority, Compliance, Scope, Statement, StatementInput};
use tupa_core::authz::Permission;
use tupa_core::organisations::{self, Organisation};
use tupa_core::throttle::{self, Limit};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, form_error, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accessibility", get(show_installation).post(feedback_installation))
        .route("/accessibility/{slug}", get(show_org).post(feedback_org))
        .route("/accessibility-statement/edit", get(edit_installation).post(save_installation))
        .route("/orgs/{slug}/accessibility-statement", get(edit_org).post(save_org))
}

/// Feedback per client address and statement in ten minutes: the contact form's limit, as
/// it is the same kind of open door into a desk.
const FEEDBACK: Limit = Limit::new(10, 600);

#[derive(Template)]
#[template(path = "accessibility.html")]
struct StatementPage<'a> {
    ctx: &'a Ctx,
    /// The organisation whose statement this is; `None` for the installation's.
    org: Option<Organisation>,
    statement: Option<Statement>,
    authority: Authority,
    /// Whether any desk receives feedback (else the page gives the address only).
    can_send: bool,
    /// Where the form posts and the editing page, when the reader may edit.
    action: String,
    edit: Option<String>,
    form: FormState,
    /// After feedback was filed: its case number and when the answer is due.
    sent: Option<(String, String)>,
}

impl StatementPage<'_> {
    fn date(&self, ymd: &str) -> String {
        finnish_date(ymd)
    }
    fn gaps(&self) -> &str {
        self.statement.as_ref().map(|s| s.gaps_in(self.ctx.lang)).unwrap_or("")
    }
    fn compliance_key(&self) -> &'static str {
        self.statement.as_ref().map(|s| s.compliance.key()).unwrap_or("")
    }
    /// The address besides the form: the statement's own, else the installation's sender.
    fn feedback_email(&self) -> String {
        self.statement
            .as_ref()
            .and_then(|s| s.feedback_email.clone())
            .unwrap_or_else(|| self.ctx.settings.mail_from.clone())
    }
}

/// 2026-12-03 → 3.12.2026, as dates are written in Finland (and in all three languages here).
fn finnish_date(ymd: &str) -> String {
    let parts: Vec<&str> = ymd.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{}.{}.{y}", d.trim_start_matches('0'), m.trim_start_matches('0')),
        _ => ymd.to_string(),
    }
}

async fn public_org(state: &AppState, slug: &str) -> Result<Organisation, tupa_core::Error> {
    organisations::by_slug(&state.db, slug)
        .await?
        .filter(|o| o.retired_at.is_none())
        .ok_or(tupa_core::Error::NotFound)
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    org: Option<Organisation>,
    form: FormState,
    sent: Option<(String, String)>,
    status: StatusCode,
) -> WebResult {
    let scope = match &org {
        Some(o) => Scope::Organisation(o),
        None => Scope::Installation,
    };
    let statement = accessibility::get(&state.db, scope).await?;
    let can_send = feedback::receiver(&state.db, scope).await?.is_some();
    let may_edit = ctx.actor.as_ref().is_some_and(|a| accessibility::check_edit(a, scope).is_ok());
    let (action, edit) = match &org {
        Some(o) => (
            format!("/accessibility/{}", o.slug),
            may_edit.then(|| format!("/orgs/{}/accessibility-statement", o.slug)),
        ),
        None => {
            ("/accessibility".to_string(), may_edit.then(|| "/accessibility-statement/edit".into()))
        }
    };
    page_with_status(
        status,
        &StatementPage {
            ctx,
            org,
            statement,
            authority: accessibility::authority(ctx.lang),
            can_send,
            action,
            edit,
            form,
            sent,
        },
    )
}

async fn show_installation(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    render(&state, &ctx, None, FormState::new(), None, StatusCode::OK).await
}

async fn show_org(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let org = public_org(&state, &slug).await?;
    ctx.brand_as(&state, &org).await?;
    render(&state, &ctx, Some(org), FormState::new(), None, StatusCode::OK).await
}

#[derive(Deserialize)]
struct FeedbackForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    page: String,
    #[serde(default)]
    description: String,
    /// The honeypot: hidden from people, filled in by robots.
    #[serde(default)]
    website: String,
}

async fn feedback_installation(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<FeedbackForm>,
) -> WebResult {
    send(&state, &ctx, None, f).await
}

async fn feedback_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<FeedbackForm>,
) -> WebResult {
    let org = public_org(&state, &slug).await?;
    ctx.brand_as(&state, &org).await?;
    send(&state, &ctx, Some(org), f).await
}

async fn send(
    state: &AppState,
    ctx: &Ctx,
    org: Option<Organisation>,
    f: FeedbackForm,
) -> WebResult {
    let values = [
        ("name", f.name.as_str()),
        ("email", f.email.as_str()),
        ("page", f.page.as_str()),
        ("description", f.description.as_str()),
    ];
    if !f.website.is_empty() {
        // A robot: answer as if all went well, store nothing.
        tracing::info!("accessibility feedback honeypot filled; dropped");
        let sent = Some((String::new(), String::new()));
        return render(state, ctx, org, FormState::new(), sent, StatusCode::OK).await;
    }
    let scope_key = org.as_ref().map(|o| o.id.as_str()).unwrap_or("installation");
    let key = format!("a11y-feedback:{scope_key}:{}", ctx.client.ip);
    if let Err(e) = throttle::hit_all(&state.db, &[(key.as_str(), FEEDBACK)]).await {
        let (status, form) = form_error(ctx, e)?;
        return render(state, ctx, org, form.with_values(values), None, status).await;
    }
    let input =
        FeedbackInput { name: f.name, email: f.email, page: f.page, description: f.description };
    let scope = match &org {
        Some(o) => Scope::Organisation(o),
        None => Scope::Installation,
    };
    match feedback::send(&state.db, &state.settings, scope, &input, ctx.lang).await {
        Ok((_, ticket)) => {
            let due = ticket
                .resolution_due
                .map(tupa_core::desk::hours::format_helsinki)
                .unwrap_or_default();
            let sent = Some((ticket.case_number, due));
            render(state, ctx, org, FormState::new(), sent, StatusCode::OK).await
        }
        Err(e) => {
            // Only stored feedback counts against the limit.
            throttle::refund(&state.db, &key).await?;
            let values = [
                ("name", input.name.as_str()),
                ("email", input.email.as_str()),
                ("page", input.page.as_str()),
                ("description", input.description.as_str()),
            ];
            let (status, form) = form_error(ctx, e)?;
            render(state, ctx, org, form.with_values(values), None, status).await
        }
    }
}

// ---- editing ----

#[derive(Template)]
#[template(path = "accessibility_edit.html")]
struct EditPage<'a> {
    ctx: &'a Ctx,
    org: Option<Organisation>,
    action: String,
    back: String,
    form: FormState,
    compliances: [Compliance; 3],
}

#[derive(Deserialize)]
struct EditForm {
    #[serde(default)]
    compliance: String,
    #[serde(default)]
    gaps_fi: String,
    #[serde(default)]
    gaps_sv: String,
    #[serde(default)]
    gaps_en: String,
    #[serde(default)]
    prepared_on: String,
    #[serde(default)]
    reviewed_on: String,
    #[serde(default)]
    feedback_email: String,
}

async fn render_edit(
    state: &AppState,
    ctx: &Ctx,
    org: Option<Organisation>,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let scope = match &org {
        Some(o) => Scope::Organisation(o),
        None => Scope::Installation,
    };
    accessibility::check_edit(ctx.actor()?, scope)?;
    let form = match accessibility::get(&state.db, scope).await? {
        Some(s) => form.with_defaults([
            ("compliance", s.compliance.as_str()),
            ("gaps_fi", s.gaps_fi.as_str()),
            ("gaps_sv", s.gaps_sv.as_str()),
            ("gaps_en", s.gaps_en.as_str()),
            ("prepared_on", s.prepared_on.as_str()),
            ("reviewed_on", s.reviewed_on.as_str()),
            ("feedback_email", s.feedback_email.as_deref().unwrap_or("")),
        ]),
        None => form.with_defaults([("compliance", "partially")]),
    };
    let (action, back) = match &org {
        Some(o) => (
            format!("/orgs/{}/accessibility-statement", o.slug),
            format!("/accessibility/{}", o.slug),
        ),
        None => ("/accessibility-statement/edit".to_string(), "/accessibility".to_string()),
    };
    page_with_status(
        status,
        &EditPage {
            ctx,
            org,
            action,
            back,
            form,
            compliances: [Compliance::Fully, Compliance::Partially, Compliance::Not],
        },
    )
}

async fn edit_installation(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    render_edit(&state, &ctx, None, FormState::new(), StatusCode::OK).await
}

async fn edit_org(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ManageSettings).await?;
    render_edit(&state, &ctx, Some(org), FormState::new(), StatusCode::OK).await
}

async fn save_installation(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<EditForm>,
) -> WebResult {
    save(&state, &ctx, None, f).await
}

async fn save_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<EditForm>,
) -> WebResult {
    let org = ctx.actor()?.organisation(&state.db, &slug, Permission::ManageSettings).await?;
    save(&state, &ctx, Some(org), f).await
}

async fn save(state: &AppState, ctx: &Ctx, org: Option<Organisation>, f: EditForm) -> WebResult {
    let actor = ctx.actor()?;
    let scope = match &org {
        Some(o) => Scope::Organisation(o),
        None => Scope::Installation,
    };
    let result = match Compliance::parse(&f.compliance) {
        None => Err(tupa_core::Error::invalid("compliance", "a11y-compliance-invalid")),
        Some(compliance) => {
            let input = StatementInput {
                compliance,
                gaps_fi: f.gaps_fi.clone(),
                gaps_sv: f.gaps_sv.clone(),
                gaps_en: f.gaps_en.clone(),
                prepared_on: f.prepared_on.clone(),
                reviewed_on: f.reviewed_on.clone(),
                feedback_email: Some(f.feedback_email.clone()),
            };
            accessibility::save(&state.db, actor, ctx.ip(), scope, &input).await
        }
    };
    match result {
        Ok(_) => {
            let back = match &org {
                Some(o) => format!("/accessibility/{}", o.slug),
                None => "/accessibility".into(),
            };
            Ok(done(&back, "saved"))
        }
        Err(e) => {
            let (status, form) = form_error(ctx, e)?;
            let form = form.with_values([
                ("compliance", f.compliance.as_str()),
                ("gaps_fi", f.gaps_fi.as_str()),
                ("gaps_sv", f.gaps_sv.as_str()),
                ("gaps_en", f.gaps_en.as_str()),
                ("prepared_on", f.prepared_on.as_str()),
                ("reviewed_on", f.reviewed_on.as_str()),
                ("feedback_email", f.feedback_email.as_str()),
            ]);
            render_edit(state, ctx, org, form, status).await
        }
    }
}
