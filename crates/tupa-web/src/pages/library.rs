//! The instructions and materials library page, `/materials`: the operator's items for the
//! reader's roles and, below them, the libraries of the reader's own organisations; each item's
//! page lists every version with its languages. Platform admins publish items and new versions
//! here (a file or a link per language). No JavaScript needed.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Router, extract::DefaultBodyLimit};
use tupa_core::guidance::library::{self as org_library, Audience, Material, MaterialKind};
use tupa_core::i18n::Lang;
use tupa_core::library::{self, LibraryFile, LibraryItem, NewFile, NewItem, NewVersion};
use tupa_core::organisations::{self, Organisation};

use crate::AppState;
use crate::api::library::{DownloadParams, serve};
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::form_data::FormData;
use crate::pages::done;
use crate::render::{FormState, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    // One file per language, each up to the desk's limit, and the texts.
    let limit = || DefaultBodyLimit::max(3 * org_library::MAX_FILE_BYTES + 1024 * 1024);
    Router::new()
        .route("/materials", get(list_page).post(publish).layer(limit()))
        .route("/materials/{id}", get(item_page))
        .route("/materials/{id}/versions", post(add_version).layer(limit()))
        .route("/materials/{id}/download", get(download))
        .route("/materials/{id}/retire", post(retire))
}

/// An organisation's own library as one of its people reads it.
struct OrgShelf {
    org: Organisation,
    materials: Vec<Material>,
}

#[derive(Template)]
#[template(path = "library.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    items: Vec<LibraryItem>,
    shelves: Vec<OrgShelf>,
    publisher: bool,
    form: FormState,
    accept: &'static str,
    audiences: [Audience; 3],
}

#[derive(Template)]
#[template(path = "library_item.html")]
struct ItemPage<'a> {
    ctx: &'a Ctx,
    item: LibraryItem,
    publisher: bool,
    form: FormState,
    accept: &'static str,
}

/// What both templates say about audiences, files and languages.
trait Labels {
    fn ctx(&self) -> &Ctx;
    fn audience(&self, a: &Audience) -> String {
        self.ctx().t(&format!("material-audience-{}", a.as_str()))
    }
    fn lang_name(&self, f: &LibraryFile) -> String {
        self.ctx().lang_name(f.lang.0.code())
    }
    fn is_link(&self, f: &LibraryFile) -> bool {
        f.kind == MaterialKind::Link
    }
    fn is_org_link(&self, m: &Material) -> bool {
        m.kind == MaterialKind::Link
    }
    fn size(&self, size: &Option<i64>) -> String {
        let kib = (size.unwrap_or(0) + 1023) / 1024;
        if kib >= 1024 { format!("{:.1} MiB", kib as f64 / 1024.0) } else { format!("{kib} KiB") }
    }
    fn langs(&self) -> [Lang; 3] {
        Lang::ALL
    }
}

impl Labels for ListPage<'_> {
    fn ctx(&self) -> &Ctx {
        self.ctx
    }
}

impl Labels for ItemPage<'_> {
    fn ctx(&self) -> &Ctx {
        self.ctx
    }
}

/// The organisations whose own library the reader may read, each with what is for them.
async fn shelves(state: &AppState, ctx: &Ctx) -> WebResult<Vec<OrgShelf>> {
    let actor = ctx.actor()?;
    let mut ids: Vec<&str> = actor.memberships.iter().map(|m| m.org_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = vec![];
    for id in ids {
        let org = organisations::by_id(&state.db, id).await?;
        // Organisations without guidance in their plan have no library.
        if org_library::reading_org(&state.db, actor, &org.slug).await.is_err() {
            continue;
        }
        let roles = org_library::reader_roles(actor, &org);
        let mut materials = org_library::list(&state.db, &org.id).await?;
        materials.retain(|m| m.audience.readable_by(&roles));
        if !materials.is_empty() {
            out.push(OrgShelf { org, materials });
        }
    }
    Ok(out)
}

async fn render_list(
    state: &AppState,
    ctx: &Ctx,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let page = ListPage {
        ctx,
        items: library::list(&state.db, actor, ctx.lang).await?,
        shelves: shelves(state, ctx).await?,
        publisher: library::require_publisher(actor).is_ok(),
        form,
        accept: tupa_core::desk::uploads::ACCEPT,
        audiences: Audience::ALL,
    };
    page_with_status(status, &page)
}

async fn list_page(State(state): State<AppState>, ctx: Ctx) -> WebResult {
    render_list(&state, &ctx, FormState::new(), StatusCode::OK).await
}

/// The files of the form: `file_fi`, `url_fi`, … for each language given.
fn files_of(data: FormData) -> Vec<NewFile> {
    let mut files = vec![];
    for lang in Lang::ALL {
        let url = get1(&data.pairs, &format!("url_{}", lang.code())).trim().to_string();
        let upload = data.files.iter().find(|(field, _, bytes)| {
            *field == format!("file_{}", lang.code()) && !bytes.is_empty()
        });
        match (upload, url.is_empty()) {
            (None, true) => {}
            (upload, _) => files.push(NewFile {
                lang,
                url: Some(url).filter(|u| !u.is_empty()),
                filename: upload.map(|(_, name, _)| name.clone()),
                content_base64: None,
                bytes: upload.map(|(_, _, bytes)| bytes.clone()),
            }),
        }
    }
    files
}

/// A refused form: the message at the field it concerns, the texts kept.
fn refused(
    ctx: &Ctx,
    e: tupa_core::Error,
    values: &[(&str, &str)],
) -> WebResult<(StatusCode, FormState)> {
    let (status, state) = form_error(ctx, e)?;
    Ok((status, state.with_values(values.iter().copied())))
}

async fn publish(State(state): State<AppState>, ctx: Ctx, data: FormData) -> WebResult {
    let actor = ctx.actor()?;
    library::require_publisher(actor)?;
    let v = |k: &str| get1(&data.pairs, k).to_string();
    let (title, description, audience) = (v("title"), v("description"), v("audience"));
    let (title_sv, title_en) = (v("title_sv"), v("title_en"));
    let result = match Audience::parse(&audience) {
        Ok(audience) => {
            let input = NewItem {
                title: title.clone(),
                title_sv: Some(title_sv.clone()),
                title_en: Some(title_en.clone()),
                description: Some(description.clone()),
                audience,
                files: files_of(data),
            };
            library::publish(&state.db, actor, input).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(done(&format!("/materials/{id}"), "library-item-published")),
        Err(e) => {
            let values = [
                ("title", title.as_str()),
                ("title_sv", &title_sv),
                ("title_en", &title_en),
                ("description", &description),
            ];
            let (status, form) = refused(&ctx, e, &values)?;
            render_list(&state, &ctx, form, status).await
        }
    }
}

async fn render_item(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let page = ItemPage {
        ctx,
        item: library::get(&state.db, actor, id, ctx.lang).await?,
        publisher: library::require_publisher(actor).is_ok(),
        form,
        accept: tupa_core::desk::uploads::ACCEPT,
    };
    page_with_status(status, &page)
}

async fn item_page(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> WebResult {
    render_item(&state, &ctx, &id, FormState::new(), StatusCode::OK).await
}

async fn add_version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    data: FormData,
) -> WebResult {
    let actor = ctx.actor()?;
    library::require_publisher(actor)?;
    match library::add_version(&state.db, actor, &id, NewVersion { files: files_of(data) }).await {
        Ok(_) => Ok(done(&format!("/materials/{id}"), "library-version-added")),
        Err(tupa_core::Error::NotFound) => Err(tupa_core::Error::NotFound.into()),
        Err(e) => {
            let (status, form) = refused(&ctx, e, &[])?;
            render_item(&state, &ctx, &id, form, status).await
        }
    }
}

/// The operator retires an item: gone from the lists, kept in the spaces that have it.
async fn retire(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> WebResult {
    library::retire(&state.db, ctx.actor()?, &id).await?;
    Ok(done("/materials", "library-retired"))
}

async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(p): Query<DownloadParams>,
) -> WebResult {
    serve(&state, &ctx, &id, p).await
}
