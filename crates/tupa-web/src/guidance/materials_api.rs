//! The API of a space's links, meeting summaries and shared materials, and of the
//! organisation's materials library. Space routes go through `guidance::access::enter` (404
//! for anyone not a member); adding is the counsellor's; the library is kept by counsellors
//! and main admins.

use axum::Json;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tupa_core::guidance::access;
use tupa_core::guidance::library::{self, Audience, Material, NewFileMaterial, NewLinkMaterial};
use tupa_core::guidance::links::{self, NewLink, SpaceLink};
use tupa_core::guidance::shared::{self, ShareInput, SharedMaterial};
use tupa_core::guidance::summaries::{self, Summary, SummaryInput};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiErrorBody;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::form_data::FormData;
use crate::render::get1;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_links, add_link))
        .routes(routes!(list_summaries, add_summary))
        .routes(routes!(update_summary))
        .routes(routes!(list_space_materials, share_material))
        .routes({
            // A file comes as multipart: the desk's limit for one file, plus the form.
            let (schemas, paths, route) = routes!(list_library, add_library_material);
            (
                schemas,
                paths,
                route.layer(axum::extract::DefaultBodyLimit::max(
                    library::MAX_FILE_BYTES + 1024 * 1024,
                )),
            )
        })
        .routes(routes!(remove_library_material))
}

/// The space's links, newest first. Every member sees them.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/links", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<SpaceLink>), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_links(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<SpaceLink>>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let mut list = links::list(&state.db, &place.space).await?;
    list.retain(|l| place.sees(l.created_at));
    Ok(Json(list))
}

/// The counsellor adds a link (an http or https address) for every member of the space.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/links", tag = "guidance", params(("id" = String, Path)), request_body = NewLink, responses((status = 201, body = SpaceLink), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_link(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<NewLink>,
) -> Result<(StatusCode, Json<SpaceLink>), AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let link = links::add(&state.db, &state.settings, actor, &place, &input).await?;
    Ok((StatusCode::CREATED, Json(link)))
}

/// The space's meeting summaries, newest first; the client reads them too.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/summaries", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<Summary>), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_summaries(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<Summary>>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let mut list = summaries::list(&state.db, &place.space).await?;
    list.retain(|s| place.sees(s.created_at));
    Ok(Json(list))
}

/// The counsellor writes the summary of a meeting (`met_on`: the day, YYYY-MM-DD).
#[utoipa::path(post, path = "/api/v1/spaces/{id}/summaries", tag = "guidance", params(("id" = String, Path)), request_body = SummaryInput, responses((status = 201, body = Summary), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_summary(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<SummaryInput>,
) -> Result<(StatusCode, Json<Summary>), AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let summary = summaries::add(&state.db, &state.settings, actor, &place, &input).await?;
    Ok((StatusCode::CREATED, Json(summary)))
}

/// The author edits their summary; `updated_at` tells when.
#[utoipa::path(put, path = "/api/v1/spaces/{id}/summaries/{summary_id}", tag = "guidance", params(("id" = String, Path), ("summary_id" = String, Path)), request_body = SummaryInput, responses((status = 200, body = Summary), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_summary(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, summary_id)): Path<(String, String)>,
    Json(input): Json<SummaryInput>,
) -> Result<Json<Summary>, AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    Ok(Json(summaries::update(&state.db, actor, &place, &summary_id, &input).await?))
}

/// The materials shared into the space, with `opened_at` once the client opened one. The
/// client opens a material at `/spaces/{id}/materials/{material_id}`.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/materials", tag = "guidance", params(("id" = String, Path)), responses((status = 200, body = Vec<SharedMaterial>), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_space_materials(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Vec<SharedMaterial>>, AppError> {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let mut list = shared::list(&state.db, &place.space).await?;
    list.retain(|m| place.sees(m.shared_at));
    Ok(Json(list))
}

/// The counsellor shares a material of the organisation's library (for clients) into the
/// space. Another organisation's or an unknown material: 422 `material-unknown`.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/materials", tag = "guidance", params(("id" = String, Path)), request_body = ShareInput, responses((status = 201, body = SharedMaterial), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn share_material(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(input): Json<ShareInput>,
) -> Result<(StatusCode, Json<SharedMaterial>), AppError> {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let material =
        shared::share(&state.db, &state.settings, actor, &place, &input, ctx.lang).await?;
    Ok((StatusCode::CREATED, Json(material)))
}

/// The organisation's materials library (files and links), by title, as the caller may read
/// it: every member reads `staff` materials, main admins `main-admins` ones, and those who
/// share materials into spaces (counsellors, main admins) `clients` ones. The operator's
/// library for every organisation is `/api/v1/materials`.
#[utoipa::path(get, path = "/api/v1/orgs/{slug}/materials", tag = "guidance", params(("slug" = String, Path)), responses((status = 200, body = Vec<Material>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn list_library(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Json<Vec<Material>>, AppError> {
    let actor = ctx.actor()?;
    let org = library::reading_org(&state.db, actor, &slug).await?;
    let roles = library::reader_roles(actor, &org);
    let mut list = library::list(&state.db, &org.id).await?;
    list.retain(|m| m.audience.readable_by(&roles));
    Ok(Json(list))
}

/// A file for the library as `multipart/form-data`: the file in `file` (the desk's types,
/// at most 10 MiB), `title`, and optionally `description` and `audience`.
#[derive(ToSchema)]
#[allow(dead_code)] // Describes the multipart form in the OpenAPI document; FormData reads it.
pub struct NewFileMaterialForm {
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    /// `clients` (the default), `staff` or `main-admins`.
    pub audience: Option<Audience>,
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// Adds a link (JSON) or a file (multipart) to the library (`audience`: `clients`, the
/// default, `staff` or `main-admins`).
#[utoipa::path(post, path = "/api/v1/orgs/{slug}/materials", tag = "guidance", params(("slug" = String, Path)), request_body(content((NewLinkMaterial = "application/json"), (NewFileMaterialForm = "multipart/form-data"))), responses((status = 201, body = Material), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 413, body = ApiErrorBody), (status = 415, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn add_library_material(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    req: Request,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let org = library::library_org(&state.db, actor, &slug).await?;
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"));
    let material = if multipart {
        let data = FormData::from_request(req, &state).await?;
        let v = |k: &str| get1(&data.pairs, k).to_string();
        let audience = match v("audience").as_str() {
            "" => Audience::default(),
            other => Audience::parse(other)?,
        };
        let (filename, bytes) = data
            .files
            .into_iter()
            .find(|(field, _, _)| field == "file")
            .map(|(_, name, bytes)| (name, bytes))
            .unwrap_or_default();
        let input = NewFileMaterial {
            title: v("title"),
            description: v("description"),
            audience,
            filename,
            bytes,
        };
        library::add_file(&state.db, actor, &org, input).await?
    } else {
        match Json::<NewLinkMaterial>::from_request(req, &state).await {
            Ok(Json(input)) => library::add_link(&state.db, actor, &org, &input).await?,
            Err(rejection) => return Ok(rejection.into_response()),
        }
    };
    Ok((StatusCode::CREATED, Json(material)).into_response())
}

/// Removes a material from the library; spaces it was shared into keep it.
#[utoipa::path(delete, path = "/api/v1/orgs/{slug}/materials/{material_id}", tag = "guidance", params(("slug" = String, Path), ("material_id" = String, Path)), responses((status = 204), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn remove_library_material(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, material_id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let actor = ctx.actor()?;
    let org = library::library_org(&state.db, actor, &slug).await?;
    library::retire(&state.db, actor, &org, &material_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
