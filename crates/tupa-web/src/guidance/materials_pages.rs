//! Pages for a space's links, meeting summaries and shared materials (their sections of the
//! space page, in `space_materials.html`, and the forms that post to them), the client's
//! opening of a material, and the organisation's materials library page. Everything works
//! without JavaScript: forms post and redirect back, and a refused form comes back with the
//! message at its field.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tupa_core::authz::Permission;
use tupa_core::guidance::access::{self, InSpace, SpaceRole};
use tupa_core::guidance::library::{self, Audience, Material, MaterialKind, NewFileMaterial};
use tupa_core::guidance::links::{self, NewLink, SpaceLink};
use tupa_core::guidance::shared::{self, ShareInput, SharedMaterial};
use tupa_core::guidance::summaries::{self, Summary, SummaryInput};
use tupa_core::organisations::Organisation;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::form_data::FormData;
use crate::pages::done;
use crate::render::{FormState, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/spaces/{id}/links", post(add_link))
        .route("/spaces/{id}/summaries", post(add_summary))
        .route("/spaces/{id}/summaries/{summary_id}", post(edit_summary))
        .route("/spaces/{id}/materials", post(share))
        .route("/spaces/{id}/materials/{material_id}", get(open))
        .route(
            "/orgs/{slug}/materials",
            get(library_page)
                .post(library_add)
                .layer(axum::extract::DefaultBodyLimit::max(library::MAX_FILE_BYTES + 1024 * 1024)),
        )
        .route("/orgs/{slug}/materials/{material_id}/file", get(library_file))
        .route("/orgs/{slug}/materials/{material_id}/remove", post(library_remove))
}

/// What the space page shows of links, summaries and materials.
pub struct SpaceSections {
    pub links: Vec<SpaceLink>,
    pub summaries: Vec<Summary>,
    pub materials: Vec<SharedMaterial>,
    /// The library's client materials not yet in the space (for the counsellor's choice).
    pub library: Vec<Material>,
    /// The operator's client items, (id, title in the reader's language), not yet shared.
    pub operator: Vec<(String, String)>,
    user_id: String,
}

impl SpaceSections {
    pub async fn load(
        state: &AppState,
        place: &InSpace,
        actor: &tupa_core::authz::Actor,
        lang: tupa_core::i18n::Lang,
    ) -> WebResult<Self> {
        let user_id = actor.user.id.as_str();
        let space = &place.space;
        let mut materials = shared::list(&state.db, space).await?;
        materials.retain(|m| place.sees(m.shared_at));
        let library = if place.role == SpaceRole::Counsellor {
            library::list(&state.db, &space.org_id)
                .await?
                .into_iter()
                .filter(|m| m.audience == Audience::Clients)
                .filter(|m| materials.iter().all(|s| s.material.id != m.id))
                .collect()
        } else {
            vec![]
        };
        let operator = match place.role {
            SpaceRole::Counsellor => tupa_core::library::list(&state.db, actor, lang)
                .await?
                .into_iter()
                .filter(|i| i.audience == Audience::Clients)
                .filter(|i| {
                    materials.iter().all(|s| s.material.library_item_id.as_deref() != Some(&i.id))
                })
                .map(|i| (i.id, i.title))
                .collect(),
            _ => vec![],
        };
        Ok(SpaceSections {
            operator,
            links: links::list(&state.db, space)
                .await?
                .into_iter()
                .filter(|l| place.sees(l.created_at))
                .collect(),
            summaries: summaries::list(&state.db, space)
                .await?
                .into_iter()
                .filter(|s| place.sees(s.created_at))
                .collect(),
            materials,
            library,
            user_id: user_id.to_string(),
        })
    }
    pub fn is_own(&self, s: &Summary) -> bool {
        s.author_user_id == self.user_id
    }
    pub fn is_link(&self, m: &Material) -> bool {
        m.kind == MaterialKind::Link
    }
}

/// A refused form's field as the page names it: the space page and the library page carry
/// several forms with a title, so each form's fields have their own ids.
fn field_of(form: &str, field: &'static str) -> &'static str {
    match (form, field) {
        ("link", "title") => "link_title",
        ("link", "url") => "link_url",
        ("link", "description") => "link_description",
        ("summary", "title") => "summary_title",
        ("summary", "body") => "summary_body",
        ("summary", "met_on") => "summary_met_on",
        ("edit", "title") => "edit_title",
        ("edit", "body") => "edit_body",
        ("edit", "met_on") => "edit_met_on",
        ("file", "title") => "file_title",
        ("file", "description") => "file_description",
        ("file", "file" | "attachments") => "file_file",
        _ => field,
    }
}

/// The form state of a refused form whose fields carry the `form` prefix.
fn refused(
    ctx: &Ctx,
    e: tupa_core::Error,
    form: &str,
    values: &[(&str, &str)],
) -> WebResult<(StatusCode, FormState)> {
    // Every field's problem at that form's own input.
    let (status, state) = form_error(ctx, e.renamed(|field| field_of(form, field)))?;
    let prefixed: Vec<(String, &str)> =
        values.iter().map(|(k, v)| (format!("{form}_{k}"), *v)).collect();
    Ok((status, state.with_values(prefixed.iter().map(|(k, v)| (k.as_str(), *v)))))
}

/// Back to the space page at `anchor`, with the notice (the query goes before the fragment).
fn back_to(id: &str, anchor: &str, notice: &str) -> axum::response::Response {
    Redirect::to(&format!("/spaces/{id}?notice={notice}#{anchor}")).into_response()
}

async fn space_for(state: &AppState, ctx: &Ctx, id: &str) -> WebResult<InSpace> {
    Ok(access::enter(&state.db, ctx.actor()?, id).await?)
}

async fn back_with(
    state: &AppState,
    ctx: &Ctx,
    place: InSpace,
    form: (StatusCode, FormState),
) -> WebResult {
    super::pages::render_space(state, ctx, place, form.1, form.0).await
}

#[derive(Deserialize)]
struct LinkForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    url: String,
}

async fn add_link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<LinkForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = space_for(&state, &ctx, &id).await?;
    let input = NewLink { title: f.title.clone(), url: f.url.clone() };
    match links::add(&state.db, &state.settings, actor, &place, &input).await {
        Ok(_) => Ok(back_to(&id, "links", "space-link-added")),
        Err(e) => {
            let form = refused(&ctx, e, "link", &[("title", &f.title), ("url", &f.url)])?;
            back_with(&state, &ctx, place, form).await
        }
    }
}

#[derive(Deserialize)]
struct SummaryForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    met_on: String,
}

impl SummaryForm {
    fn input(&self) -> SummaryInput {
        SummaryInput {
            title: self.title.clone(),
            body: self.body.clone(),
            met_on: Some(self.met_on.clone()),
        }
    }
    fn values(&self) -> [(&str, &str); 3] {
        [("title", &self.title), ("body", &self.body), ("met_on", &self.met_on)]
    }
}

async fn add_summary(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<SummaryForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = space_for(&state, &ctx, &id).await?;
    match summaries::add(&state.db, &state.settings, actor, &place, &f.input()).await {
        Ok(_) => Ok(back_to(&id, "summaries", "space-summary-added")),
        Err(e) => {
            let form = refused(&ctx, e, "summary", &f.values())?;
            back_with(&state, &ctx, place, form).await
        }
    }
}

async fn edit_summary(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, summary_id)): Path<(String, String)>,
    Form(f): Form<SummaryForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = space_for(&state, &ctx, &id).await?;
    match summaries::update(&state.db, actor, &place, &summary_id, &f.input()).await {
        Ok(_) => Ok(back_to(&id, "s-{summary_id}", "space-summary-saved")),
        Err(e) => {
            let mut values = f.values().to_vec();
            values.push(("id", &summary_id));
            let form = refused(&ctx, e, "edit", &values)?;
            back_with(&state, &ctx, place, form).await
        }
    }
}

#[derive(Deserialize)]
struct ShareForm {
    #[serde(default)]
    material_id: String,
}

async fn share(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ShareForm>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = space_for(&state, &ctx, &id).await?;
    // The operator's items come in the same choice, as `library:ID`.
    let input = match f.material_id.strip_prefix("library:") {
        Some(item) => {
            ShareInput { material_id: String::new(), library_item_id: Some(item.to_string()) }
        }
        None => ShareInput { material_id: f.material_id.clone(), library_item_id: None },
    };
    match shared::share(&state.db, &state.settings, actor, &place, &input, ctx.lang).await {
        Ok(_) => Ok(back_to(&id, "materials", "space-material-shared")),
        Err(e) => {
            let form = refused(&ctx, e, "share", &[("material_id", &f.material_id)])?;
            back_with(&state, &ctx, place, form).await
        }
    }
}

/// A member opens a material of the space: a file downloads with the desk's safe download
/// headers, a link is followed. The client's first opening is recorded.
async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, material_id)): Path<(String, String)>,
) -> WebResult {
    let place = space_for(&state, &ctx, &id).await?;
    let shared = shared::open(&state.db, &place, &material_id).await?;
    let m = shared.material;
    match m.kind {
        MaterialKind::Link => {
            // Checked as http(s) when it was added.
            Ok(Redirect::to(m.url.as_deref().unwrap_or("/")).into_response())
        }
        MaterialKind::File => {
            let bytes = library::content(&state.db, &m.org_id, &m.id)
                .await?
                .ok_or(tupa_core::Error::NotFound)?;
            Ok(crate::download::attachment(
                m.filename.as_deref().unwrap_or("material"),
                m.content_type.as_deref().unwrap_or("application/octet-stream"),
                bytes,
            ))
        }
    }
}

#[derive(Template)]
#[template(path = "materials.html")]
struct LibraryPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    materials: Vec<Material>,
    form: FormState,
    can_admin: bool,
    tab: &'static str,
    accept: &'static str,
}

impl LibraryPage<'_> {
    fn is_link(&self, m: &Material) -> bool {
        m.kind == MaterialKind::Link
    }
    fn audience_label(&self, m: &Material) -> String {
        self.ctx.t(&format!("material-audience-{}", m.audience.as_str()))
    }
    fn size(&self, m: &Material) -> String {
        size_text(m.size.unwrap_or(0))
    }
}

pub(super) use crate::render::size_text;

async fn render_library(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = library::library_org(&state.db, actor, slug).await?;
    let materials = library::list(&state.db, &org.id).await?;
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        status,
        &LibraryPage {
            ctx,
            org,
            materials,
            form,
            can_admin,
            tab: "materials",
            accept: tupa_core::desk::uploads::ACCEPT,
        },
    )
}

async fn library_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> WebResult {
    render_library(&state, &ctx, &slug, FormState::new(), StatusCode::OK).await
}

/// Adds a file (the multipart form with `file`) or a link (`kind=link`) to the library.
async fn library_add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    data: FormData,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = library::library_org(&state.db, actor, &slug).await?;
    let v = |k: &str| get1(&data.pairs, k).to_string();
    let (kind, title, description, url) = (v("kind"), v("title"), v("description"), v("url"));
    let audience = Audience::parse(&v("audience")).unwrap_or_default();
    let result = if kind == "link" {
        let input = library::NewLinkMaterial {
            title: title.clone(),
            url: url.clone(),
            description: Some(description.clone()),
            audience: Some(audience),
        };
        library::add_link(&state.db, actor, &org, &input).await
    } else {
        let (filename, bytes) = data
            .files
            .into_iter()
            .find(|(field, _, _)| field == "file")
            .map(|(_, name, bytes)| (name, bytes))
            .unwrap_or_default();
        let input = NewFileMaterial {
            title: title.clone(),
            description: description.clone(),
            audience,
            filename,
            bytes,
        };
        library::add_file(&state.db, actor, &org, input).await
    };
    match result {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/materials"), "material-added")),
        Err(e) => {
            let prefix = if kind == "link" { "link" } else { "file" };
            let values = [("title", title.as_str()), ("description", &description), ("url", &url)];
            let (status, form) = refused(&ctx, e, prefix, &values)?;
            render_library(&state, &ctx, &slug, form, status).await
        }
    }
}

/// The organisation's people download a library file for their audience (the same safe
/// headers as everywhere).
async fn library_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, material_id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = library::reading_org(&state.db, actor, &slug).await?;
    let roles = library::reader_roles(actor, &org);
    let m = library::get(&state.db, &org.id, &material_id)
        .await?
        .filter(|m| m.kind == MaterialKind::File && m.audience.readable_by(&roles))
        .ok_or(tupa_core::Error::NotFound)?;
    let bytes =
        library::content(&state.db, &org.id, &m.id).await?.ok_or(tupa_core::Error::NotFound)?;
    Ok(crate::download::attachment(
        m.filename.as_deref().unwrap_or("material"),
        m.content_type.as_deref().unwrap_or("application/octet-stream"),
        bytes,
    ))
}

async fn library_remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, material_id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = library::library_org(&state.db, actor, &slug).await?;
    library::retire(&state.db, actor, &org, &material_id).await?;
    Ok(done(&format!("/orgs/{slug}/materials"), "material-removed"))
}
