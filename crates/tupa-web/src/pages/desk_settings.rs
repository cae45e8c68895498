//! Desk settings for main admins: queues (support hours and response targets) and the
//! addresses mail arrives at.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::authz::Permission;
use tupa_core::desk::canned::{self, CannedAnswer, CannedInput};
use tupa_core::desk::categories::{self, Category, CategoryInput};
use tupa_core::desk::mailboxes::{self, ImapInput, ImapMailbox};
use tupa_core::desk::queues::{self, DeskAddress, Queue};
use tupa_core::desk::settings::{self, QueueInput};
use tupa_core::desk::work;
use tupa_core::organisations::Organisation;

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/desk/settings", get(show))
        .route("/orgs/{slug}/desk/queues", post(create_queue))
        .route("/orgs/{slug}/desk/queues/{id}", post(update_queue))
        .route("/orgs/{slug}/desk/addresses", post(add_address))
        .route("/orgs/{slug}/desk/addresses/remove", post(remove_address))
        .route("/orgs/{slug}/desk/addresses/imap", post(set_imap))
        .route("/orgs/{slug}/desk/addresses/imap/remove", post(clear_imap))
        .route("/orgs/{slug}/desk/categories", post(create_category))
        .route("/orgs/{slug}/desk/categories/{id}/retire", post(retire_category))
        .route("/orgs/{slug}/desk/canned", post(create_canned))
        .route("/orgs/{slug}/desk/canned/{id}", post(update_canned))
        .route("/orgs/{slug}/desk/canned/{id}/retire", post(retire_canned))
}

async fn create_category(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    let input = CategoryInput {
        name_fi: get1(&pairs, "name_fi").into(),
        name_sv: get1(&pairs, "name_sv").into(),
        name_en: get1(&pairs, "name_en").into(),
    };
    match categories::create(&state.db, actor, ctx.ip(), &org, &input).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form =
                form.with_values(["name_fi", "name_sv", "name_en"].map(|k| (k, get1(&pairs, k))));
            render(&state, &ctx, &slug, form, "new-category".into(), status).await
        }
    }
}

async fn retire_category(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    categories::retire(&state.db, actor, ctx.ip(), &org, &id).await?;
    Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved"))
}

fn canned_input(pairs: &Pairs) -> CannedInput {
    CannedInput {
        title: get1(pairs, "title").to_string(),
        body_fi: get1(pairs, "body_fi").to_string(),
        body_sv: get1(pairs, "body_sv").to_string(),
        body_en: get1(pairs, "body_en").to_string(),
        shared: get1(pairs, "shared") == "true",
    }
}

async fn create_canned(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    match canned::create(&state.db, actor, ctx.ip(), &org, &canned_input(&pairs)).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form
                .with_values(
                    ["title", "body_fi", "body_sv", "body_en"].map(|k| (k, get1(&pairs, k))),
                )
                .with_anchors(|f| canned_anchor("new", f));
            render(&state, &ctx, &slug, form, "new-canned".into(), status).await
        }
    }
}

async fn update_canned(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    match canned::update(&state.db, actor, ctx.ip(), &org, &id, &canned_input(&pairs)).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_anchors(|f| canned_anchor(&id, f));
            render(&state, &ctx, &slug, form, id, status).await
        }
    }
}

async fn retire_canned(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    canned::retire(&state.db, actor, ctx.ip(), &org, &id).await?;
    Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved"))
}

pub const WEEKDAYS: [&str; 7] = [
    "weekday-mon",
    "weekday-tue",
    "weekday-wed",
    "weekday-thu",
    "weekday-fri",
    "weekday-sat",
    "weekday-sun",
];

/// A queue with its form values.
pub struct QueueView {
    pub queue: Queue,
    pub input: QueueInput,
    pub opens: Vec<String>,
    pub closes: Vec<String>,
}

impl QueueView {
    fn new(queue: Queue) -> QueueView {
        let input = settings::input_of(&queue);
        let day = |d: usize| input.weekly.get(d).cloned().flatten();
        let opens = (0..7).map(|d| day(d).map(|x| x.0).unwrap_or_default()).collect();
        let closes = (0..7).map(|d| day(d).map(|x| x.1).unwrap_or_default()).collect();
        QueueView { queue, input, opens, closes }
    }
    pub fn first_hours(&self) -> String {
        self.input.first_response_hours.map(|h| format!("{h}")).unwrap_or_default()
    }
    pub fn resolution_hours(&self) -> String {
        self.input.resolution_hours.map(|h| format!("{h}")).unwrap_or_default()
    }
    pub fn exception_lines(&self) -> String {
        settings::exception_lines(&self.input.exceptions)
    }
}

#[derive(Template)]
#[template(path = "desk_settings.html")]
struct SettingsPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    queues: Vec<QueueView>,
    addresses: Vec<DeskAddress>,
    /// IMAP mailboxes of the addresses (loaded for platform admins only).
    imap: Vec<ImapMailbox>,
    canned: Vec<CannedAnswer>,
    categories: Vec<Category>,
    placeholders: String,
    weekdays: [&'static str; 7],
    form: FormState,
    failed: String,
    can_admin: bool,
    tab: &'static str,
}

impl SettingsPage<'_> {
    /// A new queue starts from the operator's hours: weekdays 9–15.
    pub fn default_opens(&self) -> Vec<String> {
        (0..7).map(|d| if d < 5 { "09:00".to_string() } else { String::new() }).collect()
    }
    pub fn default_closes(&self) -> Vec<String> {
        (0..7).map(|d| if d < 5 { "15:00".to_string() } else { String::new() }).collect()
    }
    /// The exceptions box of a queue: what was typed when saving it failed, else the stored.
    pub fn exceptions_of(&self, v: &QueueView) -> String {
        if self.failed == v.queue.id {
            self.form.value("exceptions").to_string()
        } else {
            v.exception_lines()
        }
    }
    /// The IMAP form of an address: the values shown (what was posted when it failed, else
    /// what is stored) and the id prefix of its fields (`f` for the failed form, so the error
    /// summary's link finds the field).
    pub fn imap_form(&self, address: &str, index: &usize) -> ImapForm {
        let stored = self.imap.iter().find(|m| m.address == address).cloned();
        if self.failed == format!("imap:{address}") {
            let f = &self.form;
            return ImapForm {
                prefix: "f".into(),
                host: f.value("host").into(),
                port: f.value("port").into(),
                security: f.value("security").into(),
                username: f.value("username").into(),
                folder: f.value("folder").into(),
                enabled: f.value("enabled") == "true",
                open: true,
                stored,
            };
        }
        let prefix = format!("imap{index}");
        match stored {
            Some(m) => ImapForm {
                prefix,
                host: m.host.clone(),
                port: m.port.to_string(),
                security: m.security.clone(),
                username: m.username.clone(),
                folder: m.folder.clone(),
                enabled: m.enabled,
                open: false,
                stored: Some(m),
            },
            None => ImapForm {
                prefix,
                host: String::new(),
                port: "993".into(),
                security: "tls".into(),
                username: String::new(),
                folder: "INBOX".into(),
                enabled: true,
                open: false,
                stored: None,
            },
        }
    }
    pub fn queue_name(&self, id: &str) -> String {
        self.queues
            .iter()
            .find(|q| q.queue.id == id)
            .map(|q| q.queue.name.clone())
            .unwrap_or_default()
    }
}

/// One address's IMAP form.
pub struct ImapForm {
    pub prefix: String,
    pub host: String,
    pub port: String,
    pub security: String,
    pub username: String,
    pub folder: String,
    pub enabled: bool,
    /// Opened because its submission failed.
    pub open: bool,
    pub stored: Option<ImapMailbox>,
}

impl ImapForm {
    /// The field's error when this is the form that failed.
    pub fn error<'a>(&self, form: &'a FormState, field: &str) -> Option<&'a str> {
        if self.open { form.error(field) } else { None }
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    failed: String,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, slug, Permission::ManageDesk).await?;
    let queues = settings::queues_of(&state.db, actor, &org)
        .await?
        .into_iter()
        .map(QueueView::new)
        .collect();
    let addresses = queues::addresses(&state.db, &org.id).await?;
    let canned = canned::own(&state.db, actor, &org).await?;
    let categories = categories::list(&state.db, &org.id).await?;
    let placeholders = canned::PLACEHOLDERS.join(", ");
    let can_admin = actor.can(Permission::ManageUsers, &org);
    let imap = if actor.is_platform_admin() {
        mailboxes::of_org(&state.db, &org.id).await?
    } else {
        vec![]
    };
    page_with_status(
        status,
        &SettingsPage {
            ctx,
            org,
            queues,
            addresses,
            imap,
            canned,
            categories,
            placeholders,
            weekdays: WEEKDAYS,
            form,
            failed,
            can_admin,
            tab: "desk",
        },
    )
}

async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    render(&state, &ctx, &slug, FormState::new(), String::new(), StatusCode::OK).await
}

/// The id of a queue form's input for `field` (`prefix`: the queue's id, or "new").
fn queue_anchor(prefix: &str, field: &str) -> Option<String> {
    let input = match field {
        "name" => "name",
        "weekly" => "weekly",
        "exceptions" => "exceptions",
        "first_response_hours" => "first",
        "resolution_hours" => "resolution",
        _ => return None,
    };
    Some(format!("{prefix}-{input}"))
}

/// The id of a canned answer form's input for `field` (`cid`: the answer's id, or "new").
fn canned_anchor(cid: &str, field: &str) -> Option<String> {
    let input = match field {
        "title" => "title",
        "body_fi" => "fi",
        "body_sv" => "sv",
        "body_en" => "en",
        "shared" => "shared",
        _ => return None,
    };
    Some(format!("c-{cid}-{input}"))
}

/// The queue form as typed, and the problems found reading it (the exception lines), which
/// the service reports together with its own.
fn queue_input(pairs: &Pairs) -> (QueueInput, tupa_core::Checks) {
    let mut c = tupa_core::Checks::new();
    // Empty: no target; anything but a number is refused as a target (NaN), not dropped.
    let number = |k: &str| {
        let v = get1(pairs, k).trim().replace(',', ".");
        (!v.is_empty()).then(|| v.parse::<f64>().unwrap_or(f64::NAN))
    };
    let exceptions = c.take(settings::parse_exception_lines(get1(pairs, "exceptions")));
    let input = QueueInput {
        name: get1(pairs, "name").to_string(),
        weekly: (0..7)
            .map(|d| {
                let (open, close) =
                    (get1(pairs, &format!("open_{d}")), get1(pairs, &format!("close_{d}")));
                (!open.is_empty() || !close.is_empty())
                    .then(|| (open.to_string(), close.to_string()))
            })
            .collect(),
        public_holidays_closed: get1(pairs, "public_holidays_closed") == "true",
        first_response_hours: number("first_response_hours"),
        resolution_hours: number("resolution_hours"),
        exceptions: exceptions.unwrap_or_default(),
    };
    (input, c)
}

async fn create_queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    let (input, also) = queue_input(&pairs);
    let saved = settings::create_queue(&state.db, actor, ctx.ip(), &org, &input, also).await;
    match saved {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(
                &state,
                &ctx,
                &slug,
                form.with_values([
                    ("name", get1(&pairs, "name")),
                    ("exceptions", get1(&pairs, "exceptions")),
                ])
                .with_anchors(|f| queue_anchor("new", f)),
                "new".into(),
                status,
            )
            .await
        }
    }
}

async fn update_queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    let (input, also) = queue_input(&pairs);
    let saved = settings::update_queue(&state.db, actor, ctx.ip(), &org, &id, &input, also).await;
    match saved {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved")),
        Err(e) => {
            // What was typed in the exceptions box stays, so a typo costs no retyping.
            let (status, form) = form_error(&ctx, e)?;
            render(
                &state,
                &ctx,
                &slug,
                form.with_values([("exceptions", get1(&pairs, "exceptions"))])
                    .with_anchors(|f| queue_anchor(&id, f)),
                id.clone(),
                status,
            )
            .await
        }
    }
}

async fn add_address(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    match settings::add_address(
        &state.db,
        actor,
        ctx.ip(),
        &org,
        get1(&pairs, "address"),
        Some(get1(&pairs, "queue_id")),
    )
    .await
    {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(
                &state,
                &ctx,
                &slug,
                form.with_values([("address", get1(&pairs, "address"))]),
                String::new(),
                status,
            )
            .await
        }
    }
}

async fn remove_address(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    settings::remove_address(&state.db, actor, ctx.ip(), &org, get1(&pairs, "address")).await?;
    Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved"))
}

fn imap_input(pairs: &Pairs) -> ImapInput {
    let port = get1(pairs, "port").trim();
    ImapInput {
        host: get1(pairs, "host").to_string(),
        // A port that is not a number is refused rather than silently replaced by the default.
        port: if port.is_empty() { None } else { Some(port.parse().unwrap_or(0)) },
        security: Some(get1(pairs, "security").to_string()),
        username: get1(pairs, "username").to_string(),
        password: Some(get1(pairs, "password").to_string()),
        folder: Some(get1(pairs, "folder").to_string()),
        enabled: get1(pairs, "enabled") == "true",
    }
}

async fn set_imap(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    let address = get1(&pairs, "address");
    match mailboxes::set(
        &state.db,
        &state.settings,
        actor,
        ctx.ip(),
        &org,
        address,
        &imap_input(&pairs),
    )
    .await
    {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            // The password is never sent back into the page.
            let form = form.with_values(
                ["host", "port", "security", "username", "folder", "enabled"]
                    .map(|k| (k, get1(&pairs, k))),
            );
            render(
                &state,
                &ctx,
                &slug,
                form,
                format!("imap:{}", address.trim().to_lowercase()),
                status,
            )
            .await
        }
    }
}

async fn clear_imap(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::ManageDesk).await?;
    mailboxes::clear(&state.db, actor, ctx.ip(), &org, get1(&pairs, "address")).await?;
    Ok(done(&format!("/orgs/{slug}/desk/settings"), "saved"))
}
