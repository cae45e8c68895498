//! The public job board: no sign-in. Lists of open ads (installation, organisation, unit
//! with its sub-units) with search and filters, each ad's page with its schema.org data,
//! RSS and Atom feeds, the embeddable list for other sites, and the logos.
//!
//! Boards, feeds, the embed and ad pages come from [`crate::public_cache`]: rendered once and
//! kept until the public data changes or an ad they could show opens or closes, so an ad still
//! shows the second it opens and is gone the second it closes. Every one carries an ETag, so
//! readers that poll get a cheap 304 while nothing changed. Free-text searches are kept too,
//! under their words as understood (folded, one space apart) and rendered with them; a
//! signed-in person's pages (their own navigation and form tokens) are rendered for each
//! request.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use tupa_core::db::now;
use tupa_core::i18n::Lang;
use tupa_core::organisations::Organisation;
use tupa_core::organisations::units::Unit;
use tupa_core::recruitment::ad::{AdText, JobAd};
use tupa_core::recruitment::board::{self, BoardPage, Facets, Filters, PublicAd, Scope};
use tupa_core::recruitment::logos::{self, Size};
use tupa_core::recruitment::{feed, jsonld};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, WebResult};
use crate::public_cache::{self, Generation, Key, Kind, Rendered};
use crate::render::page_with_status;

/// Pages: a browser keeps its copy and asks each time (an ad closes to the second).
const PAGE_CACHING: &str = "no-cache";
/// Feeds and the embed hold no personal data: shared caches may keep them too, revalidating.
const FEED_CACHING: &str = "public, no-cache";

/// Until the next ad of the scope's organisation (or of any, on the installation's board)
/// opens or closes; forever (until a change) when none will.
async fn valid_until(state: &AppState, scope: &Scope, at: i64) -> Result<i64, tupa_core::Error> {
    let org = scope.org.as_ref().map(|o| o.id.as_str());
    Ok(tupa_core::recruitment::public_changes::next_change(&state.db, org, at)
        .await?
        .unwrap_or(i64::MAX))
}

/// The filters a kept answer is keyed by and rendered with: the search as understood
/// ([`Filters::normalised`]), so that "Hoitaja  " and "hoitaja" share one copy. A search too
/// long to run is left as sent: it is refused as before (and an error is never kept).
fn kept_filters(filters: Filters) -> Filters {
    let fits = |f: &Filters| tupa_core::limits::check_search(f.q.as_deref().unwrap_or("")).is_ok();
    if !fits(&filters) {
        return filters;
    }
    let normalised = filters.normalised();
    if fits(&normalised) { normalised } else { filters }
}

/// The key of a board, feed or embed rendered with `filters` (see [`kept_filters`]).
fn board_key(kind: Kind, scope: &Scope, filters: &Filters, lang: Lang) -> Option<Key> {
    let page = if kind == Kind::Board { filters.page_number() } else { 1 };
    Some(Key {
        kind,
        path: scope.path(),
        query: format!("{}#{page}", filters.query()),
        lang: lang.code(),
    })
}

/// The context a kept page is rendered in: nobody signed in, no form token (the page is the
/// same bytes for everyone; the language switch of a visitor without a session needs none,
/// see `ctx::middleware`), and the address as understood rather than as typed.
fn public_ctx(ctx: &Ctx, path: String) -> Ctx {
    Ctx {
        actor: None,
        pending_session: None,
        csrf: String::new(),
        path,
        brand: Default::default(),
        ..ctx.clone()
    }
}

/// True when this visitor's pages may come from the cache (nobody signed in).
fn anonymous(ctx: &Ctx) -> bool {
    ctx.actor.is_none() && ctx.pending_session.is_none()
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/jobs", get(installation_board))
        .route("/jobs/feed.rss", get(installation_rss))
        .route("/jobs/feed.atom", get(installation_atom))
        .route("/jobs/{org}", get(org_board))
        .route("/jobs/{org}/feed.rss", get(org_rss))
        .route("/jobs/{org}/feed.atom", get(org_atom))
        .route("/jobs/{org}/embed", get(org_embed))
        .route("/jobs/{org}/logo", get(org_logo))
        .route("/jobs/{org}/logo/small", get(org_logo_small))
        .route("/jobs/{org}/ad/{id}", get(ad_page))
        .route("/jobs/{org}/units/{unit}", get(unit_board))
        .route("/jobs/{org}/units/{unit}/feed.rss", get(unit_rss))
        .route("/jobs/{org}/units/{unit}/feed.atom", get(unit_atom))
        .route("/jobs/{org}/units/{unit}/embed", get(unit_embed))
        .route("/jobs/{org}/units/{unit}/logo", get(unit_logo))
        .route("/jobs/{org}/units/{unit}/logo/small", get(unit_logo_small))
}

/// An organisation's board scope: from the cache while the generation holds (a busy feed is
/// then answered with one query on SQLite and none on PostgreSQL), else looked up.
async fn org_scope(state: &AppState, g: Generation, org: &str) -> Result<Scope, tupa_core::Error> {
    if let Some(scope) = state.public_cache.scope(g, org) {
        return Ok(scope);
    }
    let scope = Scope::organisation(board::public_org(&state.db, org).await?);
    state.public_cache.put_scope(g, org.to_string(), &scope);
    Ok(scope)
}

/// A unit's board scope (with the units below it), like [`org_scope`].
async fn unit_scope(
    state: &AppState,
    g: Generation,
    org: &str,
    unit: &str,
) -> Result<Scope, tupa_core::Error> {
    // Slugs hold no "/", so the joined key is unambiguous.
    let slugs = format!("{org}/{unit}");
    if let Some(scope) = state.public_cache.scope(g, &slugs) {
        return Ok(scope);
    }
    let org = board::public_org(&state.db, org).await?;
    let scope = board::unit_scope(&state.db, org, unit).await?;
    state.public_cache.put_scope(g, slugs, &scope);
    Ok(scope)
}

/// A logo as the pages show it.
pub struct LogoView {
    pub url: String,
    pub width: i64,
    pub height: i64,
}

/// The address of the logo shown for a scope, versioned by its upload time so that a new
/// logo shows at once despite caching.
async fn logo_view(
    state: &AppState,
    scope: &Scope,
    size: Size,
) -> Result<Option<LogoView>, tupa_core::Error> {
    let Some(org) = &scope.org else { return Ok(None) };
    let Some(info) =
        logos::effective(&state.db, &org.id, scope.unit.as_ref().map(|u| u.id.as_str())).await?
    else {
        return Ok(None);
    };
    let suffix = if size == Size::Feed { "/small" } else { "" };
    let (width, height) = if size == Size::Feed {
        (info.feed_width, info.feed_height)
    } else {
        (info.board_width, info.board_height)
    };
    Ok(Some(LogoView {
        url: format!("{}/logo{suffix}?v={}", scope.path(), info.uploaded_at),
        width,
        height,
    }))
}

fn heading(lang: Lang, scope: &Scope) -> String {
    match (&scope.org, &scope.unit) {
        (Some(o), Some(u)) => {
            lang.t_args("board-heading-unit", &[("unit", &u.name), ("org", &o.name)])
        }
        (Some(o), None) => lang.t_args("board-heading-org", &[("org", &o.name)]),
        _ => lang.t("board-heading-installation"),
    }
}

/// One link of the pagination; `None` in the list is an ellipsis.
pub struct PageLink {
    pub number: i64,
    pub href: String,
    pub current: bool,
}

fn with_query(path: &str, query: &str, extra: &str) -> String {
    let q: Vec<&str> = [query, extra].into_iter().filter(|s| !s.is_empty()).collect();
    if q.is_empty() { path.to_string() } else { format!("{path}?{}", q.join("&")) }
}

fn pagination(path: &str, query: &str, page: &BoardPage) -> Vec<Option<PageLink>> {
    let mut out = vec![];
    let mut last = 0;
    for n in 1..=page.pages {
        // First, last and two either side of the current page.
        if n == 1 || n == page.pages || (n - page.page).abs() <= 2 {
            if n > last + 1 {
                out.push(None);
            }
            let extra = if n == 1 { String::new() } else { format!("page={n}") };
            out.push(Some(PageLink {
                number: n,
                href: with_query(path, query, &extra),
                current: n == page.page,
            }));
            last = n;
        }
    }
    out
}

#[derive(Template)]
#[template(path = "jobs_board.html")]
struct BoardTemplate<'a> {
    ctx: &'a Ctx,
    heading: String,
    org: Option<Organisation>,
    unit: Option<Unit>,
    logo: Option<LogoView>,
    filters: Filters,
    facets: Facets,
    page: BoardPage,
    pages: Vec<Option<PageLink>>,
    prev: Option<String>,
    next: Option<String>,
    path: String,
    rss: String,
    atom: String,
}

impl BoardTemplate<'_> {
    fn selected(&self, field: &str, value: &str) -> bool {
        let current = match field {
            "municipality" => self.filters.municipality.as_deref(),
            "employment_type" => self.filters.employment_type.as_deref(),
            "working_time" => self.filters.working_time.as_deref(),
            "org" => self.filters.org.as_deref(),
            "lang" => self.filters.lang.as_deref(),
            _ => None,
        };
        current == Some(value)
    }
    /// A text in the reader's language with one argument.
    fn ua(&self, key: &str, name: &str, value: impl AsRef<str>) -> String {
        self.ctx.lang.t_args(key, &[(name, value.as_ref())])
    }
    fn q(&self) -> &str {
        self.filters.q.as_deref().unwrap_or("")
    }
    fn deadline(&self, ts: &i64) -> String {
        tupa_core::desk::hours::format_helsinki(*ts)
    }
}

async fn board_page(
    state: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    g: Generation,
    scope: Scope,
    filters: Filters,
) -> WebResult {
    let filters = if anonymous(ctx) { kept_filters(filters) } else { filters };
    let key = anonymous(ctx).then(|| board_key(Kind::Board, &scope, &filters, ctx.lang)).flatten();
    let ctx = if key.is_some() {
        let page = filters.page_number();
        let extra = if page == 1 { String::new() } else { format!("page={page}") };
        public_ctx(ctx, with_query(&scope.path(), &filters.query(), &extra))
    } else {
        ctx.clone()
    };
    public_cache::serve(state, headers, g, key, || render_board(state, ctx, scope, filters)).await
}

async fn render_board(
    state: &AppState,
    ctx: Ctx,
    scope: Scope,
    filters: Filters,
) -> Result<Rendered, AppError> {
    if let Some(org) = &scope.org {
        ctx.brand_as(state, org).await?;
    }
    let at = now();
    let valid_until = valid_until(state, &scope, at).await?;
    let page = board::page(&state.db, &scope, &filters, ctx.lang, at).await?;
    let facets = board::facets(&state.db, &scope, at).await?;
    let path = scope.path();
    let query = filters.query();
    let pages = pagination(&path, &query, &page);
    let link = |n: i64| {
        with_query(&path, &query, &if n == 1 { String::new() } else { format!("page={n}") })
    };
    let prev = (page.page > 1).then(|| link(page.page - 1));
    let next = (page.page < page.pages).then(|| link(page.page + 1));
    let t = BoardTemplate {
        ctx: &ctx,
        heading: heading(ctx.lang, &scope),
        logo: logo_view(state, &scope, Size::Board).await?,
        rss: with_query(&format!("{path}/feed.rss"), &query, ""),
        atom: with_query(&format!("{path}/feed.atom"), &query, ""),
        org: scope.org,
        unit: scope.unit,
        filters,
        facets,
        page,
        pages,
        prev,
        next,
        path,
    };
    Ok(public_cache::rendered(page_with_status(StatusCode::OK, &t)?, valid_until, PAGE_CACHING))
}

async fn installation_board(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(filters): Query<Filters>,
) -> WebResult {
    board_page(
        &state,
        &ctx,
        &headers,
        public_cache::generation(&state).await?,
        Scope::installation(),
        filters,
    )
    .await
}

async fn org_board(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(org): Path<String>,
    Query(filters): Query<Filters>,
) -> WebResult {
    let g = public_cache::generation(&state).await?;
    let scope = org_scope(&state, g, &org).await?;
    board_page(&state, &ctx, &headers, g, scope, Filters { org: None, ..filters }).await
}

async fn unit_board(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((org, unit)): Path<(String, String)>,
    Query(filters): Query<Filters>,
) -> WebResult {
    let g = public_cache::generation(&state).await?;
    let scope = unit_scope(&state, g, &org, &unit).await?;
    board_page(&state, &ctx, &headers, g, scope, Filters { org: None, ..filters }).await
}

// ---- The embeddable list ----

#[derive(Template)]
#[template(path = "jobs_embed.html")]
struct EmbedTemplate {
    lang: Lang,
    heading: String,
    page: BoardPage,
    base: String,
    board_url: String,
}

impl EmbedTemplate {
    fn deadline(&self, ts: &i64) -> String {
        tupa_core::desk::hours::format_helsinki(*ts)
    }
    /// A text in the embed's language with one argument.
    fn la(&self, key: &str, name: &str, value: impl AsRef<str>) -> String {
        self.lang.t_args(key, &[(name, value.as_ref())])
    }
}

/// The newest open ads as a plain list for another site's page (in an iframe): links open
/// in a new tab, no scripts, no forms. The only response other sites may frame.
async fn embed(
    state: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    g: Generation,
    scope: Scope,
    filters: Filters,
) -> WebResult {
    let lang = filters.language().unwrap_or(ctx.lang);
    let filters = kept_filters(Filters { org: None, page: None, ..filters });
    let key = board_key(Kind::Embed, &scope, &filters, lang);
    public_cache::serve(state, headers, g, key, || async move {
        let at = now();
        let valid_until = valid_until(state, &scope, at).await?;
        let page = board::page(&state.db, &scope, &filters, lang, at).await?;
        let base = state.settings.public_url.trim_end_matches('/').to_string();
        let board_url = with_query(&format!("{base}{}", scope.path()), &filters.query(), "");
        let t = EmbedTemplate { lang, heading: heading(lang, &scope), page, base, board_url };
        let mut res = page_with_status(StatusCode::OK, &t)?;
        res.extensions_mut().insert(crate::security::Framable);
        Ok(public_cache::rendered(res, valid_until, FEED_CACHING))
    })
    .await
}

async fn org_embed(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(org): Path<String>,
    Query(filters): Query<Filters>,
) -> WebResult {
    let g = public_cache::generation(&state).await?;
    let scope = org_scope(&state, g, &org).await?;
    embed(&state, &ctx, &headers, g, scope, filters).await
}

async fn unit_embed(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((org, unit)): Path<(String, String)>,
    Query(filters): Query<Filters>,
) -> WebResult {
    let g = public_cache::generation(&state).await?;
    let scope = unit_scope(&state, g, &org, &unit).await?;
    embed(&state, &ctx, &headers, g, scope, filters).await
}

// ---- Feeds ----

#[derive(Clone, Copy, PartialEq, Eq)]
enum FeedKind {
    Rss,
    Atom,
}

async fn feed_response(
    state: &AppState,
    ctx: &Ctx,
    g: Generation,
    scope: Scope,
    filters: Filters,
    kind: FeedKind,
    headers: &HeaderMap,
) -> WebResult {
    let filters = kept_filters(Filters { page: None, ..filters });
    let lang = filters.language().unwrap_or(ctx.lang);
    let cache_kind = match kind {
        FeedKind::Rss => Kind::Rss,
        FeedKind::Atom => Kind::Atom,
    };
    let key = board_key(cache_kind, &scope, &filters, lang);
    public_cache::serve(state, headers, g, key, || render_feed(state, scope, filters, lang, kind))
        .await
}

async fn render_feed(
    state: &AppState,
    scope: Scope,
    filters: Filters,
    lang: Lang,
    kind: FeedKind,
) -> Result<Rendered, AppError> {
    let at = now();
    let valid_until = valid_until(state, &scope, at).await?;
    let base = state.settings.public_url.trim_end_matches('/').to_string();
    let ads = board::feed_ads(&state.db, &scope, &filters, at).await?;
    let items: Vec<feed::Item> =
        ads.iter().filter_map(|ad| feed::Item::from_ad(ad, lang, &base)).collect();
    let path = scope.path();
    let query = filters.query();
    let image = logo_view(state, &scope, Size::Feed).await?.map(|l| feed::ChannelImage {
        url: format!("{base}{}", l.url),
        width: l.width as u32,
        height: l.height as u32,
    });
    let (file, content_type) = match kind {
        FeedKind::Rss => ("feed.rss", feed::RSS_CONTENT_TYPE),
        FeedKind::Atom => ("feed.atom", feed::ATOM_CONTENT_TYPE),
    };
    let author = scope
        .org
        .as_ref()
        .map(|o| o.name.clone())
        .unwrap_or_else(|| lang.t("board-feed-author-installation"));
    let channel = feed::Channel {
        title: heading(lang, &scope),
        link: with_query(&format!("{base}{path}"), &query, ""),
        self_url: with_query(&format!("{base}{path}/{file}"), &query, ""),
        description: match &scope.org {
            Some(o) => lang.t_args("board-feed-description-org", &[("org", &o.name)]),
            None => lang.t("board-feed-description-installation"),
        },
        author,
        language: lang,
        // The newest ad's publication: a feed whose ads do not change keeps its date (and
        // its ETag); an empty feed says now.
        updated: ads.iter().map(|a| a.published_at).max().unwrap_or(at),
        image,
    };
    let body = match kind {
        FeedKind::Rss => feed::rss(&channel, &items),
        FeedKind::Atom => feed::atom(&channel, &items),
    };
    let res = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    // Readers may keep a copy but must ask each time: an ad closes to the second.
    Ok(public_cache::rendered(res, valid_until, FEED_CACHING))
}

fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    public_cache::if_none_match(headers, etag)
}

async fn installation_rss(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(filters): Query<Filters>,
) -> WebResult {
    feed_response(
        &state,
        &ctx,
        public_cache::generation(&state).await?,
        Scope::installation(),
        filters,
        FeedKind::Rss,
        &headers,
    )
    .await
}
async fn installation_atom(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(filters): Query<Filters>,
) -> WebResult {
    feed_response(
        &state,
        &ctx,
        public_cache::generation(&state).await?,
        Scope::installation(),
        filters,
        FeedKind::Atom,
        &headers,
    )
    .await
}
async fn org_rss(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(org): Path<String>,
    Query(filters): Query<Filters>,
) -> WebResult {
    let g = public_cache::generation(&state).await?;
    let scope = org_scope(&state, g, &org).await?;
    feed_response(&state, &ctx, g, scope, Filters { org: None, ..filters }, FeedKind::Rss, &headers)
        .await
}
async fn org_atom(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(org): Path<String>,
    Query(filters): Query<Filters>,
) -> WebResult {
    let g = public_cache::generation(&state).await?;
    let scope = org_scope(&state, g, &org).await?;
    feed_response(
        &state,
        &ctx,
        g,
        scope,
        Filters { org: None, ..filters },
        FeedKind::Atom,
        &headers,
    )
    .await
}
async fn unit_rss(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((org, unit)): Path<(String, String)>,
    Query(filters): Query<Filters>,
) -> WebResult {
    let g = public_cache::generation(&state).await?;
    let scope = unit_scope(&state, g, &org, &unit).await?;
    feed_response(&state, &ctx, g, scope, Filters { org: None, ..filters }, FeedKind::Rss, &headers)
        .await
}
async fn unit_atom(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((org, unit)): Path<(String, String)>,
    Query(filters): Query<Filters>,
) -> WebResult {
    let g = public_cache::generation(&state).await?;
    let scope = unit_scope(&state, g, &org, &unit).await?;
    feed_response(
        &state,
        &ctx,
        g,
        scope,
        Filters { org: None, ..filters },
        FeedKind::Atom,
        &headers,
    )
    .await
}

// ---- Logos ----

async fn logo_response(
    state: &AppState,
    scope: Scope,
    size: Size,
    headers: &HeaderMap,
) -> WebResult {
    let org = scope.org.as_ref().expect("logos belong to an organisation");
    let Some((info, bytes)) =
        logos::image(&state.db, &org.id, scope.unit.as_ref().map(|u| u.id.as_str()), size).await?
    else {
        return Err(tupa_core::Error::NotFound.into());
    };
    let etag = format!(
        "\"{}-{}-{}\"",
        info.unit_id.replace('-', ""),
        info.uploaded_at,
        if size == Size::Feed { "s" } else { "b" }
    );
    let last_modified = httpdate(info.uploaded_at);
    let unchanged = if headers.contains_key(header::IF_NONE_MATCH) {
        if_none_match(headers, &etag)
    } else {
        headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == last_modified)
    };
    let mut res =
        if unchanged { StatusCode::NOT_MODIFIED.into_response() } else { bytes.into_response() };
    let h = res.headers_mut();
    if !unchanged {
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(&info.content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        );
    }
    h.insert(header::ETAG, HeaderValue::from_str(&etag).expect("ascii"));
    if let Ok(v) = HeaderValue::from_str(&last_modified) {
        h.insert(header::LAST_MODIFIED, v);
    }
    // Pages link the logo with its upload time in the address, so a new one shows at once;
    // feed readers that use the plain address see it within ten minutes.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=600"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("cross-origin"));
    Ok(res)
}

/// An HTTP date (RFC 7231 IMF-fixdate) for Last-Modified.
fn httpdate(ts: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(ts).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let fmt = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    t.format(&fmt).unwrap_or_default()
}

async fn org_logo(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(org): Path<String>,
) -> WebResult {
    logo_response(
        &state,
        org_scope(&state, public_cache::generation(&state).await?, &org).await?,
        Size::Board,
        &headers,
    )
    .await
}
async fn org_logo_small(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(org): Path<String>,
) -> WebResult {
    logo_response(
        &state,
        org_scope(&state, public_cache::generation(&state).await?, &org).await?,
        Size::Feed,
        &headers,
    )
    .await
}
async fn unit_logo(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((org, unit)): Path<(String, String)>,
) -> WebResult {
    logo_response(
        &state,
        unit_scope(&state, public_cache::generation(&state).await?, &org, &unit).await?,
        Size::Board,
        &headers,
    )
    .await
}
async fn unit_logo_small(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((org, unit)): Path<(String, String)>,
) -> WebResult {
    logo_response(
        &state,
        unit_scope(&state, public_cache::generation(&state).await?, &org, &unit).await?,
        Size::Feed,
        &headers,
    )
    .await
}

// ---- One ad ----

#[derive(serde::Deserialize)]
struct AdQuery {
    lang: Option<String>,
}

/// A language the ad is written in, as a link of the language switch.
pub struct AdLanguage {
    pub lang: Lang,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "jobs_ad.html")]
struct AdTemplate<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    ad: JobAd,
    /// The language the ad is shown in (its texts and labels).
    lang: Lang,
    text: AdText,
    languages: Vec<AdLanguage>,
    logo: Option<LogoView>,
    /// The schema.org JSON-LD, already safe inside a script element.
    jsonld: String,
    closed: bool,
}

impl AdTemplate<'_> {
    /// A text in the ad's language with one argument.
    fn la(&self, key: &str, name: &str, value: impl AsRef<str>) -> String {
        self.lang.t_args(key, &[(name, value.as_ref())])
    }
    /// A text in the reader's language with one argument.
    fn ua(&self, key: &str, name: &str, value: impl AsRef<str>) -> String {
        self.ctx.lang.t_args(key, &[(name, value.as_ref())])
    }
    /// A phone number for a `tel:` link: digits and a leading +.
    fn tel(&self, phone: &str) -> String {
        phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
    }
    fn deadline(&self) -> String {
        tupa_core::desk::hours::format_helsinki(self.ad.deadline)
    }
    fn paragraphs(&self) -> Vec<&str> {
        self.text.paragraphs()
    }
    fn unit_path(&self) -> Option<String> {
        self.ad.unit_slug.as_ref().map(|u| format!("/jobs/{}/units/{u}", self.ad.org_slug))
    }
    fn address(&self) -> String {
        let w = &self.ad.workplace;
        let city = [w.postal_code.as_str(), w.city.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [w.street.as_str(), city.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

async fn ad_page(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((org, id)): Path<(String, String)>,
    Query(q): Query<AdQuery>,
) -> WebResult {
    let asked = q.lang.as_deref().and_then(Lang::parse);
    let path = format!("/jobs/{org}/ad/{id}");
    let key = anonymous(&ctx).then(|| Key {
        kind: Kind::Ad,
        path: path.clone(),
        query: asked.map(|l| l.code()).unwrap_or("").to_string(),
        lang: ctx.lang.code(),
    });
    let ctx = match (&key, asked) {
        (Some(_), Some(l)) => public_ctx(&ctx, format!("{path}?lang={}", l.code())),
        (Some(_), None) => public_ctx(&ctx, path),
        (None, _) => ctx,
    };
    let g = public_cache::generation(&state).await?;
    public_cache::serve(&state, &headers, g, key, || render_ad(&state, ctx, org, id, asked)).await
}

async fn render_ad(
    state: &AppState,
    ctx: Ctx,
    org: String,
    id: String,
    asked: Option<Lang>,
) -> Result<Rendered, AppError> {
    let state = state.clone();
    let org = board::public_org(&state.db, &org).await?;
    ctx.brand_as(&state, &org).await?;
    let (ad, closed) = match board::public_ad(&state.db, &org, &id, now()).await? {
        PublicAd::Open(ad) => (*ad, false),
        PublicAd::Closed(ad) => (*ad, true),
    };
    // The asked language if the ad has it, else the reader's, else the ad's first.
    let wanted = asked.filter(|l| ad.texts.contains_key(l)).unwrap_or(ctx.lang);
    let Some((lang, text)) = ad.text_for(wanted).map(|(l, t)| (l, t.clone())) else {
        return Err(tupa_core::Error::NotFound.into());
    };
    let languages =
        ad.languages().into_iter().map(|l| AdLanguage { lang: l, current: l == lang }).collect();
    let unit_id = match &ad.unit_slug {
        Some(slug) => tupa_core::organisations::units::list(&state.db, &org.id)
            .await?
            .into_iter()
            .find(|u| &u.slug == slug)
            .map(|u| u.id),
        None => None,
    };
    let logo = logos::effective(&state.db, &org.id, unit_id.as_deref()).await?.map(|info| {
        let path = match &ad.unit_slug {
            Some(u) if !info.unit_id.is_empty() => format!("/jobs/{}/units/{u}/logo", org.slug),
            _ => format!("/jobs/{}/logo", org.slug),
        };
        LogoView {
            url: format!("{path}?v={}", info.uploaded_at),
            width: info.board_width,
            height: info.board_height,
        }
    });
    let base = state.settings.public_url.trim_end_matches('/').to_string();
    let jsonld = if closed {
        String::new()
    } else {
        let logo_url =
            logo.as_ref().map(|l| format!("{base}{}", l.url.split('?').next().unwrap_or("")));
        let site = jsonld::Site { base_url: &base, org_url: None, logo_url: logo_url.as_deref() };
        jsonld::job_posting(&ad, lang, &site).map(|v| jsonld::script_json(&v)).unwrap_or_default()
    };
    let status = if closed { StatusCode::GONE } else { StatusCode::OK };
    // An open ad's page changes when it closes; a closed one's only by a change.
    let valid_until = if closed { i64::MAX } else { ad.deadline };
    let res = page_with_status(
        status,
        &AdTemplate { ctx: &ctx, org, ad, lang, text, languages, logo, jsonld, closed },
    )?;
    Ok(public_cache::rendered(res, valid_until, PAGE_CACHING))
}
