//! The request context: who is asking (session or API token), in which language, and the
//! CSRF token for forms. One middleware builds it for every request, enforces CSRF on every
//! state-changing request, keeps a platform admin without a second factor on the enrolment
//! page, and renders error responses in the caller's language.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tupa_core::Error;
use tupa_core::authz::Actor;
use tupa_core::config::{Environment, Settings};
use tupa_core::i18n::Lang;
use tupa_core::identity::secrets::{constant_time_eq, random_token};
use tupa_core::identity::sessions::{self, Session};
use tupa_core::identity::signin::Client;
use tupa_core::identity::{self, tokens};

use crate::error::{AppError, ErrorInfo};
use crate::{AppState, render};

pub const SESSION_COOKIE: &str = "tupa_session";
pub const CSRF_COOKIE: &str = "tupa_csrf";
pub const LANG_COOKIE: &str = "tupa_lang";
/// Form bodies (not uploads) are small; anything larger is refused before parsing.
const FORM_LIMIT: usize = tupa_core::limits::FORM_BYTES;

#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub actor: Option<Arc<Actor>>,
    /// A session whose password was accepted but whose TOTP code is still due.
    pub pending_session: Option<Session>,
    pub csrf: String,
    /// Path and query of this request, for returning here after a language switch.
    pub path: String,
    pub client: Client,
    pub settings: Arc<Settings>,
    pub is_api: bool,
    pub method_was_get: bool,
    /// The language came from the person's profile or the language switch, not a guess.
    pub lang_explicit: bool,
    /// The organisation whose public page this is, for the header (set once by the handler;
    /// see [`crate::brand`]). Shared, so the clones a handler makes see it too.
    pub brand: Arc<std::sync::OnceLock<crate::brand::Brand>>,
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }
    pub fn ta(&self, key: &str, name: &str, value: &str) -> String {
        self.lang.t_args(key, &[(name, value)])
    }
    pub fn ta2(&self, key: &str, n1: &str, v1: &str, n2: &str, v2: &str) -> String {
        self.lang.t_args(key, &[(n1, v1), (n2, v2)])
    }
    pub fn actor(&self) -> Result<&Actor, AppError> {
        self.actor.as_deref().ok_or(AppError(Error::Unauthenticated))
    }
    pub fn signed_in(&self) -> bool {
        self.actor.is_some()
    }
    pub fn is_platform_admin(&self) -> bool {
        self.actor.as_ref().is_some_and(|a| a.is_platform_admin())
    }
    pub fn training(&self) -> bool {
        self.settings.environment == Environment::Training
    }
    pub fn ip(&self) -> Option<&str> {
        Some(self.client.ip.as_str())
    }
    pub fn langs(&self) -> [Lang; 3] {
        Lang::ALL
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Ctx>().cloned().ok_or_else(|| {
            AppError(Error::Unexpected(anyhow::anyhow!("context middleware missing")))
        })
    }
}

pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A Set-Cookie value: HttpOnly, SameSite=Lax, Secure when served over TLS.
pub fn set_cookie(
    settings: &Settings,
    name: &str,
    value: &str,
    max_age: Option<i64>,
) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if settings.served_over_tls() {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie value is ASCII")
}

/// A redirect that starts or renews a session: the new session cookie and a new CSRF token,
/// so that neither a session token nor a CSRF token seen or planted before survives a gain
/// of privileges (sign-in, the second factor, a new password).
pub fn redirect_with_session(ctx: &Ctx, to: &str, token: &str) -> Response {
    let mut res = Redirect::to(to).into_response();
    let session =
        set_cookie(&ctx.settings, SESSION_COOKIE, token, Some(sessions::ABSOLUTE_TIMEOUT_SECS));
    res.headers_mut().append(header::SET_COOKIE, session);
    res.headers_mut()
        .append(header::SET_COOKIE, set_cookie(&ctx.settings, CSRF_COOKIE, &random_token(), None));
    res
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

/// Paths a platform admin without a second factor may still reach.
fn allowed_before_second_factor(path: &str) -> bool {
    path.starts_with("/profile/totp")
        || path == "/sign-out"
        || path == "/language"
        || path.starts_with("/assets/")
        || path == "/accessibility"
}

async fn resolve_actor(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(Option<Arc<Actor>>, Option<Session>, bool), Error> {
    if let Some(secret) = bearer(headers) {
        let Some((token, user)) = tokens::lookup(&state.db, secret).await? else {
            return Err(Error::Unauthenticated);
        };
        if !user.is_active() {
            return Err(Error::Unauthenticated);
        }
        let actor = Actor::load(&state.db, user, None, Some(token.id)).await?;
        return Ok((Some(Arc::new(actor)), None, true));
    }
    if let Some(token) = cookie_value(headers, SESSION_COOKIE)
        && let Some(session) = sessions::lookup(&state.db, token).await?
    {
        if session.second_factor_pending {
            return Ok((None, Some(session), false));
        }
        let user = identity::get(&state.db, &session.user_id).await?;
        if user.is_active() {
            let actor = Actor::load(&state.db, user, Some(session.id.clone()), None).await?;
            return Ok((Some(Arc::new(actor)), None, false));
        }
    }
    Ok((None, None, false))
}

/// True when the browser says the request comes from another site.
fn cross_site(headers: &HeaderMap) -> bool {
    headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site")
}

/// Checks the CSRF token of a state-changing request and hands the (buffered) body on.
async fn check_csrf(
    req: Request,
    csrf_cookie: Option<&str>,
    is_api: bool,
) -> Result<Request, Error> {
    let refused = || Error::invalid("csrf", "csrf-failed");
    // Browsers say where a request comes from; another site's request is refused outright.
    if cross_site(req.headers()) {
        return Err(refused());
    }
    let Some(expected) = csrf_cookie else { return Err(refused()) };
    let header_token =
        req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_string);
    if is_api {
        return match header_token {
            Some(t) if constant_time_eq(t.as_bytes(), expected.as_bytes()) => Ok(req),
            _ => Err(refused()),
        };
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        // Uploads carry the token in the query string so the body can stream.
        let query_token = req.uri().query().and_then(|q| {
            serde_urlencoded::from_str::<Vec<(String, String)>>(q)
                .ok()?
                .into_iter()
                .find(|(k, _)| k == "csrf")
                .map(|(_, v)| v)
        });
        return match query_token.or(header_token) {
            Some(t) if constant_time_eq(t.as_bytes(), expected.as_bytes()) => Ok(req),
            _ => {
                crate::form_data::discard_body(req.into_body()).await;
                Err(refused())
            }
        };
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| Error::invalid("form", "form-too-large"))?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let form_token = pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v).or(header_token);
    match form_token {
        Some(t) if constant_time_eq(t.as_bytes(), expected.as_bytes()) => {
            Ok(Request::from_parts(parts, Body::from(bytes)))
        }
        _ => Err(refused()),
    }
}

pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // The mail gate has a token of its own and no session, form token or page around it.
    if req.uri().path() == tupa_core::desk::ingest_gate::PATH {
        return next.run(req).await;
    }
    let path = req.uri().path().to_string();
    let path_and_query =
        req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| path.clone());
    let is_api = path.starts_with("/api/");
    // Borrowed, not cloned (a clone per request was a dozen allocations): the last use is
    // before `req` moves on.
    let headers = req.headers();
    let forwarded = state
        .settings
        .trust_forwarded_for
        .then(|| {
            headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .map(|v| v.trim().to_string())
        })
        .flatten()
        .filter(|v| v.parse::<std::net::IpAddr>().is_ok());
    let ip = forwarded.unwrap_or_else(|| {
        req.extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    });
    let client = Client {
        ip,
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    };

    let csrf_cookie = cookie_value(headers, CSRF_COOKIE).filter(|v| {
        v.len() == 43 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    let new_csrf = csrf_cookie.is_none().then(random_token);
    let csrf = csrf_cookie.map(str::to_string).or(new_csrf.clone()).unwrap_or_default();

    let cookie_lang = cookie_value(headers, LANG_COOKIE).and_then(Lang::parse);
    let header_lang = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language);

    let resolved = resolve_actor(&state, headers).await;
    let (actor, pending_session, via_token, early_error) = match resolved {
        Ok((a, p, t)) => (a, p, t, None),
        Err(e) => (None, None, false, Some(e)),
    };
    let lang = actor
        .as_ref()
        .and_then(|a| a.user.lang())
        .or(cookie_lang)
        .or(header_lang)
        .unwrap_or_default();
    let method_was_get = req.method() == Method::GET;
    let lang_explicit =
        actor.as_ref().and_then(|a| a.user.lang()).is_some() || cookie_lang.is_some();
    let ctx = Ctx {
        lang,
        actor,
        pending_session,
        csrf: csrf.clone(),
        path: path_and_query,
        client,
        settings: state.settings.clone(),
        is_api,
        method_was_get,
        lang_explicit,
        brand: Arc::default(),
    };

    if req.uri().query().is_some_and(|q| q.len() > tupa_core::limits::QUERY_BYTES) {
        // Before the body is read: a client still sending a form gets the connection closed.
        let mut res = StatusCode::URI_TOO_LONG.into_response();
        res.extensions_mut().insert(ErrorInfo { code: "query-too-long", field: None });
        // The page's links (language switch, sign-in) must not echo the query back.
        let ctx = Ctx { path: path.clone(), ..ctx };
        return finish(&ctx, res, new_csrf.as_deref());
    }
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // An API call with no credentials at all is a missing sign-in (401), not a forged form:
    // CSRF only protects a session cookie, and without one there is nothing to protect.
    let no_credentials =
        bearer(headers).is_none() && cookie_value(headers, SESSION_COOKIE).is_none();
    let from_another_site = cross_site(headers);
    let csrf_cookie = csrf_cookie.map(str::to_owned);
    let mut req = req;
    let mut error = early_error;
    if error.is_none() && is_api && unsafe_method && no_credentials {
        error = Some(Error::Unauthenticated);
    }
    // The language switch of a visitor without a session needs no form token: the public
    // board's pages are the same cached bytes for everyone and cannot carry one, and with no
    // session a forged switch reaches nothing but the language cookie itself. Another site's
    // request is still refused.
    let anonymous_language_switch = path == "/language" && no_credentials;
    if error.is_none() && anonymous_language_switch && from_another_site {
        let refused = Error::invalid("csrf", "csrf-failed");
        return finish(&ctx, AppError(refused).into_response(), new_csrf.as_deref());
    }
    if error.is_none() && unsafe_method && !via_token && !anonymous_language_switch {
        match check_csrf(req, csrf_cookie.as_deref(), is_api).await {
            Ok(r) => req = r,
            Err(e) => return finish(&ctx, AppError(e).into_response(), new_csrf.as_deref()),
        }
    }
    if error.is_none()
        && let Some(actor) = &ctx.actor
        && actor.needs_second_factor_setup()
    {
        if is_api {
            error = Some(Error::invalid("totp", "totp-required-for-platform-admins"));
        } else if !allowed_before_second_factor(&path) {
            return finish(
                &ctx,
                Redirect::to("/profile/totp").into_response(),
                new_csrf.as_deref(),
            );
        }
    }
    let res = match error {
        Some(e) => AppError(e).into_response(),
        None => {
            req.extensions_mut().insert(ctx.clone());
            next.run(req).await
        }
    };
    finish(&ctx, res, new_csrf.as_deref())
}

/// Axum's own refusals (an unknown route, a wrong method, a body its extractors cannot read)
/// come as bare responses; they get the same translated rendering as ours.
fn framework_error(res: &Response) -> Option<ErrorInfo> {
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|ct| ct.starts_with("text/plain"));
    if !plain || res.extensions().get::<ErrorInfo>().is_some() {
        return None;
    }
    let code = match res.status() {
        StatusCode::NOT_FOUND => "not-found",
        StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
        StatusCode::BAD_REQUEST
        | StatusCode::UNPROCESSABLE_ENTITY
        | StatusCode::UNSUPPORTED_MEDIA_TYPE => "request-invalid",
        // A body over the route's limit (for the API's JSON, `limits::API_JSON_BYTES`).
        StatusCode::PAYLOAD_TOO_LARGE => "body-too-large",
        _ => return None,
    };
    Some(ErrorInfo { code, field: None })
}

/// Renders error responses and sets the CSRF cookie on a first visit.
fn finish(ctx: &Ctx, mut res: Response, new_csrf: Option<&str>) -> Response {
    if let Some(info) = framework_error(&res) {
        res.extensions_mut().insert(info);
    }
    if let Some(info) = res.extensions().get::<ErrorInfo>().copied() {
        let status = res.status();
        res = if ctx.is_api {
            let mut body = serde_json::json!({"code": info.code, "message": ctx.t(&format!("error-{}", info.code))});
            if let Some(field) = info.field {
                body["field"] = field.into();
            }
            (status, axum::Json(body)).into_response()
        } else if status == StatusCode::UNAUTHORIZED {
            // Only a page can be returned to; a form post cannot be replayed after sign-in.
            let next = if ctx.method_was_get { urlencode(&ctx.path) } else { "%2F".to_string() };
            Redirect::to(&format!("/sign-in?next={next}")).into_response()
        } else {
            render::error_page(ctx, status, info.code)
        };
    }
    if let Some(token) = new_csrf
        && res.extensions().get::<crate::public_cache::SameForEveryone>().is_none()
    {
        res.headers_mut()
            .append(header::SET_COOKIE, set_cookie(&ctx.settings, CSRF_COOKIE, token, None));
    }
    res
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).map(|e| e[2..].to_string()).unwrap_or_default()
}

/// A local path to return to, never another site. The target is parsed as a URL relative to
/// our own origin, the way a browser will resolve it, and kept only when the origin stays
/// ours: looking at characters missed `/<TAB>/evil.example`, which browsers read as
/// `//evil.example`. What is returned is the parser's serialisation (path, query, fragment),
/// so control characters are stripped or percent-encoded and the Location header is always
/// valid.
pub fn safe_next(next: Option<&str>) -> String {
    const HOME: &str = "/";
    let Some(next) = next else { return HOME.to_string() };
    if !next.starts_with('/') {
        return HOME.to_string();
    }
    let base = url::Url::parse("http://tupa.invalid/").expect("a valid base");
    match base.join(next) {
        Ok(target) if target.origin() == base.origin() => {
            let mut local = target.path().to_string();
            if let Some(q) = target.query() {
                local.push('?');
                local.push_str(q);
            }
            if let Some(f) = target.fragment() {
                local.push('#');
                local.push_str(f);
            }
            local
        }
        _ => HOME.to_string(),
    }
}

impl Ctx {
    /// True when this page is under `prefix` (for `aria-current` in the navigation).
    pub fn current(&self, prefix: &str) -> bool {
        let path = self.path.split('?').next().unwrap_or("");
        path == prefix || path.starts_with(&format!("{prefix}/"))
    }

    /// True when this page is exactly `/orgs/{slug}{rest}` (query aside).
    pub fn at(&self, slug: &str, rest: &str) -> bool {
        self.path.split('?').next().unwrap_or("") == format!("/orgs/{slug}{rest}")
    }

    /// True when this page is `/orgs/{slug}{rest}` or under it.
    pub fn within(&self, slug: &str, rest: &str) -> bool {
        self.current(&format!("/orgs/{slug}{rest}"))
    }

    /// True when the person handles the organisation's data subject requests.
    pub fn can_handle_data_requests(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor
            .as_ref()
            .is_some_and(|a| a.can(tupa_core::authz::Permission::HandleDataRequests, org))
    }

    pub fn environment_key(&self) -> &'static str {
        match self.settings.environment {
            Environment::Training => "environment-training",
            Environment::Production => "environment-production",
        }
    }

    /// The confirmation named by `?notice=` after a redirect, if it is a known message.
    pub fn notice(&self) -> Option<String> {
        let query = self.path.split_once('?')?.1;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
        let key = pairs.into_iter().find(|(k, _)| k == "notice")?.1;
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            return None;
        }
        let full = format!("notice-{key}");
        let text = self.t(&full);
        (text != full).then_some(text)
    }

    /// This context in the person's own language, unless they chose one here explicitly
    /// (an invitation in Swedish opens in Swedish in a Finnish browser).
    pub fn in_language_of(&self, user: &tupa_core::identity::User) -> Ctx {
        match user.lang() {
            Some(lang) if !self.lang_explicit => Ctx { lang, ..self.clone() },
            _ => self.clone(),
        }
    }

    /// True when the person works this organisation's service desk (for the tab).
    pub fn can_work_desk(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor.as_ref().is_some_and(|a| {
            a.can(tupa_core::authz::Permission::WorkDesk, org) && a.desk_in_plan(&org.id)
        })
    }

    /// Staff of any organisation (and platform admins) read the instructions and materials
    /// library; clients read theirs in their spaces.
    pub fn reads_library(&self) -> bool {
        self.actor.as_ref().is_some_and(|a| !a.memberships.is_empty())
    }

    /// A language code as its own name ("svenska"), for showing a customer's language.
    pub fn lang_name(&self, code: &str) -> String {
        Lang::parse(code).map(|l| l.endonym().to_string()).unwrap_or_else(|| code.to_string())
    }

    /// True when the person writes job ads or handles applications here.
    pub fn can_recruit(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor.as_ref().is_some_and(|a| {
            a.can(tupa_core::authz::Permission::WorkRecruitment, org)
                && a.recruitment_in_plan(&org.id)
        })
    }

    /// True when the person sets up this organisation's recruitment (settings, logo, texts).
    pub fn can_manage_recruitment(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor.as_ref().is_some_and(|a| {
            a.can(tupa_core::authz::Permission::ManageRecruitment, org)
                && a.recruitment_in_plan(&org.id)
        })
    }

    /// True when the person keeps the organisation's materials library (guidance plans).
    pub fn can_manage_materials(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor.as_ref().is_some_and(|a| {
            a.can(tupa_core::authz::Permission::ManageMaterials, org)
                && a.memberships.iter().find(|m| m.org_id == org.id).is_none_or(|m| m.plan_guidance)
        })
    }

    /// True when the person opens and runs guidance spaces here.
    pub fn can_guide(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor.as_ref().is_some_and(|a| {
            a.can(tupa_core::authz::Permission::WorkGuidance, org)
                && a.memberships.iter().find(|m| m.org_id == org.id).is_none_or(|m| m.plan_guidance)
        })
    }

    /// True when the person configures this organisation's service desk.
    /// Keeps the organisation's task and space templates without working in spaces (a main
    /// admin); counsellors reach them from their spaces.
    pub fn can_manage_guidance(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor.as_ref().is_some_and(|a| {
            a.can(tupa_core::authz::Permission::ManageSettings, org)
                && a.memberships.iter().find(|m| m.org_id == org.id).is_none_or(|m| m.plan_guidance)
        })
    }
    /// True when the person reads this organisation's reports (and its plan has them).
    pub fn can_view_reports(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor.as_ref().is_some_and(|a| {
            a.can(tupa_core::authz::Permission::ViewReports, org) && a.reports_in_plan(&org.id)
        })
    }
    /// True when the person reads only their own figures on the report page: a member of the
    /// organisation without the organisation's reports, in a plan with reports. (Platform
    /// admins have no figures of their own in an organisation.)
    pub fn can_view_own_figures(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor.as_ref().is_some_and(|a| {
            a.is_member(&org.id)
                && a.can(tupa_core::authz::Permission::ViewOrganisation, org)
                && !a.can(tupa_core::authz::Permission::ViewReports, org)
                && a.reports_in_plan(&org.id)
        })
    }
    pub fn can_manage_desk(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor.as_ref().is_some_and(|a| {
            a.can(tupa_core::authz::Permission::ManageDesk, org) && a.desk_in_plan(&org.id)
        })
    }

    /// A plan's name as shown: translated for the built-in plans the operator has not renamed.
    pub fn plan_name(&self, plan: &tupa_core::organisations::plans::Plan) -> String {
        if tupa_core::organisations::plans::has_default_name(plan) {
            self.tk("plan-name-", &plan.slug)
        } else {
            plan.name.clone()
        }
    }

    /// The value of a query parameter of this request.
    pub fn query(&self, name: &str) -> Option<String> {
        let query = self.path.split_once('?')?.1;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
        pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

impl Ctx {
    /// The text for the key `prefix` + `suffix` (for codes such as roles and statuses).
    pub fn tk(&self, prefix: &str, suffix: impl AsRef<str>) -> String {
        self.t(&format!("{prefix}{}", suffix.as_ref()))
    }

    /// True when the person supervises this organisation's guidance (figures, no content).
    pub fn can_supervise(&self, org: &tupa_core::organisations::Organisation) -> bool {
        self.actor.as_ref().is_some_and(|a| {
            a.can(tupa_core::authz::Permission::SuperviseGuidance, org)
                && a.memberships.iter().find(|m| m.org_id == org.id).is_none_or(|m| m.plan_guidance)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn safe_next_keeps_local_paths() {
        assert_eq!(safe_next(Some("/orgs/espoo?tab=users#x")), "/orgs/espoo?tab=users#x");
        assert_eq!(safe_next(Some("/desk/tickets/2026-000001")), "/desk/tickets/2026-000001");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn safe_next_refuses_other_origins_however_spelt() {
        for hostile in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\t//evil.example",
            "https://evil.example/",
            "http://tupa.invalid/x",
            "javascript:alert(1)",
            "/%09/evil.example",
            "",
        ] {
            let local = safe_next(Some(hostile));
            assert!(
                local == "/" || (local.starts_with('/') && !local.starts_with("//")),
                "{hostile:?} gave {local:?}"
            );
            assert!(
                !local.contains("evil.example") || local.starts_with("/%09"),
                "{hostile:?} gave {local:?}"
            );
        }
    }

    #[test]
    fn safe_next_output_is_a_valid_header_value() {
        for odd in ["/a\rb", "/a\nb", "/a\u{b}b", "/a b", "/ä?q=ö", "/x\u{0}y"] {
            let local = safe_next(Some(odd));
            assert!(axum::http::HeaderValue::from_str(&local).is_ok(), "{odd:?} gave {local:?}");
        }
    }
}
