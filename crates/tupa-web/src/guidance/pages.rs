//! Guidance pages: the counsellor's list of spaces with the form that opens one, the space
//! itself (for every member, working without JavaScript: forms post, pages redirect), the
//! client's invitation page, and the desk ticket's one-click conversion.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::authz::Permission;
use tupa_core::desk::work;
use tupa_core::guidance::access::{self, InSpace, SpaceRole, SpaceStatus};
use tupa_core::guidance::messages::{self, SpaceMessage};
use tupa_core::guidance::space_templates::{self, SpaceTemplate};
use tupa_core::guidance::spaces::{self, Listed, NewSpace, Space};
use tupa_core::guidance::{attachments, invitations};
use tupa_core::organisations::Organisation;

use super::tasks_pages::TasksView;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::form_data::FormData;
use crate::pages::done;
use crate::render::{FormState, form_error, get1, page, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/spaces", get(list).post(open))
        .route("/orgs/{slug}/desk/{case_number}/space", post(from_ticket))
        .route("/spaces", get(my_spaces))
        .route("/spaces/{id}", get(show))
        .route(
            "/spaces/{id}/messages",
            post(write).layer(axum::extract::DefaultBodyLimit::max(
                tupa_core::desk::uploads::MAX_TOTAL_BYTES + 1024 * 1024,
            )),
        )
        .route("/spaces/{id}/attachments/{attachment_id}", get(attachment))
        .route("/spaces/{id}/status", post(status))
        .route("/spaces/invite/{token}", get(invite).post(accept))
}

#[derive(Template)]
#[template(path = "spaces.html")]
struct SpacesPage<'a> {
    ctx: &'a Ctx,
    org: Option<Organisation>,
    spaces: Vec<Listed>,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
    /// The organisation's space templates, offered in the form that opens a space.
    templates: Vec<SpaceTemplate>,
}

async fn render_list(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = access::guidance_org(&state.db, actor, slug).await?;
    let spaces = spaces::list_for_member(&state.db, &actor.user.id, Some(&org.id), 500).await?;
    let can_admin = actor.can(Permission::ManageUsers, &org);
    let form = form.with_defaults([("lang", ctx.lang.code())]);
    let templates = space_templates::list(&state.db, &org.id).await?;
    page_with_status(
        status,
        &SpacesPage { ctx, org: Some(org), spaces, form, can_admin, tab: "spaces", templates },
    )
}

async fn list(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render_list(&state, &ctx, &slug, FormState::new(), StatusCode::OK).await
}

/// Every space the signed-in person is a member of (a client's way back in).
async fn my_spaces(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    let actor = ctx.actor()?;
    let spaces = spaces::list_for_member(&state.db, &actor.user.id, None, 500).await?;
    page(&SpacesPage {
        ctx: &ctx,
        org: None,
        spaces,
        form: FormState::new(),
        can_admin: false,
        tab: "spaces",
        templates: vec![],
    })
}

#[derive(Deserialize)]
struct OpenForm {
    title: String,
    client_email: String,
    #[serde(default)]
    client_name: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    template_id: String,
}

async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<OpenForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = access::guidance_org(&state.db, actor, &slug).await?;
    let input = NewSpace {
        title: f.title.clone(),
        client_email: f.client_email.clone(),
        client_name: Some(f.client_name.clone()),
        lang: Some(f.lang.clone()),
        template_id: Some(f.template_id.clone()),
    };
    match spaces::open(&state.db, &state.settings, actor, &org, &input, ctx.lang).await {
        Ok(opened) => Ok(done(&format!("/spaces/{}", opened.space.id), "space-opened")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([
                ("title", f.title.as_str()),
                ("client_email", f.client_email.as_str()),
                ("client_name", f.client_name.as_str()),
                ("lang", f.lang.as_str()),
                ("template_id", f.template_id.as_str()),
            ]);
            render_list(&state, &ctx, &slug, form, status).await
        }
    }
}

async fn from_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    if org.slug != slug {
        return Err(tupa_core::Error::NotFound.into());
    }
    if let Some(space_id) =
        tupa_core::desk::tickets::space_of(&state.db, &org.id, &ticket.id).await?
    {
        return Ok(Redirect::to(&format!("/spaces/{space_id}")).into_response());
    }
    access::guidance_org(&state.db, actor, &slug).await?;
    let opened =
        spaces::open_from_ticket(&state.db, &state.settings, actor, &org, &ticket, ctx.lang)
            .await?;
    Ok(done(&format!("/spaces/{}", opened.space.id), "space-opened"))
}

#[derive(Template)]
#[template(path = "space.html")]
struct SpacePage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    space: Space,
    role: SpaceRole,
    messages: Vec<SpaceMessage>,
    form: FormState,
    may_write: bool,
    /// The tasks section (templates/space_tasks.html).
    tasks: TasksView,
    /// Links, summaries and materials (`space_materials.html`).
    sections: super::materials_pages::SpaceSections,
    /// The life-situation meter and feedback (templates/space_meter.html).
    meter: super::meter_pages::MeterSection,
    call: super::calls::CallSection,
    /// Professionals and the client's consents (templates/space_professionals.html).
    professionals: super::professionals_pages::ProfessionalsView,
    /// The file types the message form accepts (the desk's).
    accept: &'static str,
    /// When the page began reading the space (seconds): its live socket asks for what came
    /// after (`?since=`), which it was not yet listening for (guidance::catch_up).
    since: i64,
}

impl SpacePage<'_> {
    fn is_counsellor(&self) -> bool {
        self.role == SpaceRole::Counsellor
    }
    /// The client may download their copy of the space in every state (guidance::archive).
    fn is_client(&self) -> bool {
        self.role == SpaceRole::Client
    }
    fn status_key(&self) -> &'static str {
        match self.space.status {
            SpaceStatus::Open => "space-status-open",
            SpaceStatus::Closed => "space-status-closed",
            SpaceStatus::Archived => "space-status-archived",
        }
    }
    fn is_open(&self) -> bool {
        self.space.status == SpaceStatus::Open
    }
    fn is_closed(&self) -> bool {
        self.space.status == SpaceStatus::Closed
    }
    fn is_archived(&self) -> bool {
        self.space.status == SpaceStatus::Archived
    }
    fn size(&self, bytes: &i64) -> String {
        super::materials_pages::size_text(*bytes)
    }
    fn came_from_ticket(&self, m: &SpaceMessage) -> bool {
        m.kind == messages::MessageKind::FromTicket
    }
}

pub(super) async fn render_space(
    state: &AppState,
    ctx: &Ctx,
    place: InSpace,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    render_space_with(state, ctx, place, SpaceForms { message: form, ..Default::default() }, status)
        .await
}

/// What the space page's forms show when the page comes back after a post.
#[derive(Default)]
pub(super) struct SpaceForms {
    pub message: FormState,
    /// The tasks section's forms (templates/space_tasks.html).
    pub task: FormState,
    /// The meter section's forms (feedback, templates/space_meter.html).
    pub meter: FormState,
    /// The professional proposal form (templates/space_professionals.html).
    pub professional: FormState,
}

/// The space page with the state of its forms (the message form and each section's).
pub(super) async fn render_space_with(
    state: &AppState,
    ctx: &Ctx,
    place: InSpace,
    forms: SpaceForms,
    status: StatusCode,
) -> WebResult {
    let SpaceForms { message: form, task: task_form, meter: meter_form, professional } = forms;
    let since = tupa_core::db::now();
    let professionals =
        super::professionals_pages::ProfessionalsView::load(state, &place, professional).await?;
    let tasks = TasksView::load(state, &place, task_form).await?;
    let meter = super::meter_pages::section_with(state, ctx, &place, meter_form).await?;
    let mut list = messages::list(&state.db, &place.space, 500).await?;
    list.retain(|m| place.sees(m.created_at));
    messages::mark_read(&state.db, &place.space, &ctx.actor()?.user.id).await?;
    let may_write = place.may_write();
    let sections =
        super::materials_pages::SpaceSections::load(state, &place, ctx.actor()?, ctx.lang).await?;
    let call = super::calls::CallSection::load(state, &place).await?;
    page_with_status(
        status,
        &SpacePage {
            ctx,
            org: place.org,
            space: place.space,
            role: place.role,
            messages: list,
            form,
            may_write,
            tasks,
            sections,
            meter,
            call,
            professionals,
            accept: tupa_core::desk::uploads::ACCEPT,
            since,
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> WebResult {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    super::audit_read(&state, &ctx, &place).await?;
    render_space(&state, &ctx, place, FormState::new(), StatusCode::OK).await
}

/// Writes in the conversation: the text and any files (a multipart form; the plain form of an
/// older page still works).
async fn write(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    data: FormData,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let body = get1(&data.pairs, "body").to_string();
    let files = data.files.into_iter().map(|(_, name, bytes)| (name, bytes)).collect();
    match messages::post(&state.db, &state.settings, actor, &place, &body, files).await {
        // Back to the conversation's end, where the new message is.
        Ok(_) => Ok(Redirect::to(&format!("/spaces/{id}#new-message")).into_response()),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values([("body", body.as_str())]);
            render_space(&state, &ctx, place, form, status).await
        }
    }
}

/// A file of the conversation, for members who see its message (as a download, with the
/// same safe headers as the desk's attachments).
async fn attachment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, attachment_id)): Path<(String, String)>,
) -> WebResult {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let (info, bytes) = attachments::content(&state.db, &place, &attachment_id).await?;
    Ok(crate::download::attachment(&info.filename, &info.content_type, bytes))
}

#[derive(Deserialize)]
struct StatusForm {
    status: String,
}

async fn status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StatusForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    if place.role != SpaceRole::Counsellor {
        return Err(tupa_core::Error::Forbidden.into());
    }
    let (open, notice) = match f.status.parse::<SpaceStatus>()? {
        SpaceStatus::Open => (true, "space-reopened"),
        SpaceStatus::Closed => (false, "space-closed"),
        // Archiving is the lifecycle's, never the counsellor's button.
        SpaceStatus::Archived => {
            return Err(tupa_core::Error::invalid("status", "request-invalid").into());
        }
    };
    spaces::set_open(&state.db, actor, &place.space, open).await?;
    Ok(done(&format!("/spaces/{id}"), notice))
}

#[derive(Template)]
#[template(path = "space_invite.html")]
struct InvitePage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    space: Space,
    token: String,
    form: FormState,
    /// The visitor is signed in through strong identification (and may enter).
    identified: bool,
}

async fn invite_page(
    state: &AppState,
    ctx: &Ctx,
    token: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let space = match invitations::peek(&state.db, token).await {
        Ok(s) => s,
        Err(e) if e.code() == "link-invalid" => {
            return Ok(crate::render::error_page(ctx, StatusCode::GONE, "link-invalid"));
        }
        Err(e) => return Err(e.into()),
    };
    let org = tupa_core::organisations::by_id(&state.db, &space.org_id).await?;
    ctx.brand_as(state, &org).await?;
    let identified = identified(state, ctx).await?;
    page_with_status(
        status,
        &InvitePage { ctx, org, space, token: token.to_string(), form, identified },
    )
}

async fn invite(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    invite_page(&state, &ctx, &token, FormState::new(), StatusCode::OK).await
}

/// Whether this request's session was strongly identified (FTN, or the training test
/// identification): only such a person may become a space's client.
async fn identified(state: &AppState, ctx: &Ctx) -> WebResult<bool> {
    let Some(session) = ctx.actor.as_ref().and_then(|a| a.session_id.clone()) else {
        return Ok(false);
    };
    Ok(tupa_core::identity::sessions::identification(&state.db, &session).await?.is_some())
}

async fn accept(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    let actor = ctx.actor()?;
    if !identified(&state, &ctx).await? {
        let form =
            FormState::new().with_error("token", ctx.t("error-space-identification-required"));
        return invite_page(&state, &ctx, &token, form, StatusCode::FORBIDDEN).await;
    }
    match invitations::accept(&state.db, &token, &actor.user, ctx.ip()).await {
        Ok(space) => Ok(Redirect::to(&format!("/spaces/{}", space.id)).into_response()),
        Err(e) if e.code() == "link-invalid" => {
            Ok(crate::render::error_page(&ctx, StatusCode::GONE, "link-invalid"))
        }
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            invite_page(&state, &ctx, &token, form, status).await
        }
    }
}
