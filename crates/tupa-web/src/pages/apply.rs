//! Applying for a job, without signing in: the application form of an open ad (contact
//! details, the ad's questions, cover letter, CV and attachments within the organisation's
//! limits, consent, the controller and its privacy notice), the confirmation, and the
//! applicant's own page behind the link mailed to them (see, withdraw).
//!
//! Like the contact form: a honeypot field and database throttling per client address keep
//! robots out; multipart posts carry the CSRF token in `?csrf=`. A closed ad answers 410 with
//! a page that says so; an ad that was never public here answers 404.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use tupa_core::Error;
use tupa_core::organisations::{self, Organisation};
use tupa_core::recruitment::ads::{Question, StoredAd};
use tupa_core::recruitment::applications::{
    self, ANSWER_FIELDS, ApplyInput, FileInfo, FileKind, OwnApplication,
};
use tupa_core::recruitment::settings::{self, RecruitmentSettings};
use tupa_core::throttle::{self, Limit};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::form_data::FormData;
use crate::render::{FormState, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/jobs/{slug}/ad/{id}/apply",
            get(form).post(submit).layer(axum::extract::DefaultBodyLimit::max(
                applications::MAX_APPLICATION_BYTES + 1024 * 1024,
            )),
        )
        .route("/applications/{token}", get(own))
        .route("/applications/{token}/withdraw", get(confirm_withdraw).post(withdraw))
}

/// Sent applications per client address and organisation in an hour: a family or a library
/// computer has room, a robot does not.
const APPLICATIONS: Limit = Limit::new(20, 3600);
/// Posts with files per client address in ten minutes, sent or refused.
const UPLOADS: Limit = Limit::new(30, 600);

/// A question as the form shows it.
pub struct FormQuestion {
    pub id: String,
    pub text: String,
    pub required: bool,
    pub field: &'static str,
}

fn questions_of(ad: &StoredAd, ctx: &Ctx) -> Vec<FormQuestion> {
    ad.questions()
        .into_iter()
        .zip(ANSWER_FIELDS)
        .map(|(q, field): (Question, _)| {
            let text = std::iter::once(ctx.lang)
                .chain(tupa_core::i18n::Lang::ALL)
                .find_map(|l| q.texts.get(&l))
                .cloned()
                .unwrap_or_default();
            FormQuestion { id: q.id, text, required: q.required, field }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "apply.html")]
struct ApplyPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    ad_id: String,
    title: String,
    deadline: i64,
    /// The application period is over (410).
    closed: bool,
    questions: Vec<FormQuestion>,
    limits: RecruitmentSettings,
    form: FormState,
    /// Set after a successful application: the reference (empty for a repeated one).
    received: Option<String>,
}

impl ApplyPage<'_> {
    pub fn consent_text(&self) -> String {
        self.limits.consent(self.ctx.lang)
    }
    /// How many files of what size and type, in words.
    pub fn files_hint(&self) -> String {
        let mb = self.limits.max_file_bytes as f64 / (1024.0 * 1024.0);
        let size = if mb.fract() == 0.0 { format!("{mb:.0}") } else { format!("{mb:.1}") };
        // Finnish and Swedish write decimals with a comma.
        let size =
            if self.ctx.lang == tupa_core::i18n::Lang::En { size } else { size.replace('.', ",") };
        self.ctx.lang.t_args(
            "application-hint-files",
            &[("count", &self.limits.max_files.to_string()), ("size", &size)],
        )
    }
    pub fn anonymous(&self) -> bool {
        self.limits.anonymous_until_stage.is_some()
    }
    pub fn accept(&self) -> &'static str {
        tupa_core::desk::uploads::ACCEPT
    }
    pub fn answer_error(&self, q: &FormQuestion) -> Option<&str> {
        self.form.error(q.field)
    }
    pub fn consent_checked(&self) -> bool {
        self.form.value("consent") == "yes"
    }
}

async fn public_org(state: &AppState, slug: &str) -> Result<Organisation, Error> {
    organisations::by_slug(&state.db, slug)
        .await?
        .filter(|o| o.retired_at.is_none())
        .ok_or(Error::NotFound)
}

/// The form page of an ad, or the page saying its period is over (410).
async fn render(
    state: &AppState,
    ctx: &Ctx,
    org: Organisation,
    ad_id: &str,
    form: FormState,
    status: StatusCode,
    received: Option<String>,
) -> WebResult {
    ctx.brand_as(state, &org).await?;
    let now = tupa_core::db::now();
    let open = applications::open_ad(&state.db, &org, ad_id, now).await?;
    let ad = tupa_core::recruitment::ads::get(&state.db, &org.id, ad_id).await?;
    let title = applications::ad_title(&state.db, &org.id, ad_id, ctx.lang).await?;
    let limits = settings::get(&state.db, &org.id).await?;
    let closed = open.is_none() && received.is_none();
    let status = if closed { StatusCode::GONE } else { status };
    let page = ApplyPage {
        ctx,
        questions: questions_of(&ad, ctx),
        deadline: ad.deadline,
        ad_id: ad.id,
        org,
        title,
        closed,
        limits,
        form,
        received,
    };
    page_with_status(status, &page)
}

async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let org = public_org(&state, &slug).await?;
    render(&state, &ctx, org, &id, FormState::new(), StatusCode::OK, None).await
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    req: axum::extract::Request,
) -> WebResult {
    // Refusals before the body is read drain a small body first (see discard_body).
    let org = match public_org(&state, &slug).await {
        Ok(org) => org,
        Err(e) => {
            crate::form_data::discard_body(req.into_body()).await;
            return Err(e.into());
        }
    };
    let now = tupa_core::db::now();
    // A draft or another organisation's ad is an error (not found): drained as well, or a
    // client still writing its form sees a broken pipe instead of the answer (it did, in CI).
    let ad = match applications::open_ad(&state.db, &org, &id, now).await {
        Ok(Some(ad)) => ad,
        Ok(None) => {
            crate::form_data::discard_body(req.into_body()).await;
            return render(&state, &ctx, org, &id, FormState::new(), StatusCode::GONE, None).await;
        }
        Err(e) => {
            crate::form_data::discard_body(req.into_body()).await;
            return Err(e.into());
        }
    };
    // Throttled before the body (which may carry files) is read at all, counting atomically
    // (a check before and a record after let parallel requests through). Uploads count even
    // when refused, so nobody keeps a process busy with files; an application given back
    // below when it is not stored, so a person correcting mistakes is not locked out.
    let key = format!("apply:{}:{}", org.id, ctx.client.ip);
    let uploads_key = format!("apply-upload:{}", ctx.client.ip);
    let multipart = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/"));
    let mut counted = vec![(key.as_str(), APPLICATIONS)];
    if multipart {
        counted.push((uploads_key.as_str(), UPLOADS));
    }
    if let Err(e) = throttle::hit_all(&state.db, &counted).await {
        crate::form_data::discard_body(req.into_body()).await;
        let (status, form) = form_error(&ctx, e)?;
        return render(&state, &ctx, org, &id, form, status, None).await;
    }
    let data =
        match <FormData as axum::extract::FromRequest<AppState>>::from_request(req, &state).await {
            Ok(d) => d,
            Err(e) => {
                // A body over the limit breaks off while files are read: say it with our limits.
                let e = if e.0.code() == "attachment-too-large" {
                    Error::invalid("attachments", "application-file-too-large")
                } else {
                    e.0
                };
                let (status, form) = form_error(&ctx, e)?;
                return render(&state, &ctx, org, &id, form, status, None).await;
            }
        };
    let f = |k: &str| get1(&data.pairs, k).to_string();
    let questions = questions_of(&ad, &ctx);
    let input = ApplyInput {
        first_name: f("first_name"),
        last_name: f("last_name"),
        email: f("email"),
        phone: f("phone"),
        birth_year: f("birth_year"),
        cover_letter: f("cover_letter"),
        answers: questions.iter().map(|q| (q.id.clone(), f(&format!("q-{}", q.id)))).collect(),
        consent: f("consent") == "yes",
    };
    // What was typed comes back with an error (files cannot: browsers do not allow it).
    let mut kept: Vec<(String, String)> =
        ["first_name", "last_name", "email", "phone", "birth_year", "cover_letter", "consent"]
            .iter()
            .map(|k| (k.to_string(), f(k)))
            .collect();
    kept.extend(questions.iter().map(|q| (q.field.to_string(), f(&format!("q-{}", q.id)))));
    if !f("website").is_empty() {
        // A robot: answer as if all went well, store nothing.
        tracing::info!(org = %org.slug, "application form honeypot filled; dropped");
        return render(
            &state,
            &ctx,
            org,
            &id,
            FormState::new(),
            StatusCode::OK,
            Some(String::new()),
        )
        .await;
    }
    let limits = settings::get(&state.db, &org.id).await?;
    let result = match applications::check_files(&limits, data.files) {
        Ok(files) => {
            applications::apply(
                &state.db,
                &state.settings,
                &org,
                &ad,
                &input,
                files,
                ctx.lang,
                ctx.ip(),
            )
            .await
        }
        // Refused files are reported together with the typed fields' problems.
        Err(e) => {
            let mut c = tupa_core::Checks::new();
            c.note(e);
            c.check(applications::check_input(&ad, &input, now));
            Err(c.error())
        }
    };
    if result.is_err() {
        throttle::refund(&state.db, &key).await?;
    }
    match result {
        Ok(received) => {
            render(
                &state,
                &ctx,
                org,
                &id,
                FormState::new(),
                StatusCode::OK,
                Some(received.reference),
            )
            .await
        }
        Err(e) => {
            let (status, mut form) = form_error(&ctx, e)?;
            // The ad's own questions are named by their text.
            for q in &questions {
                form = form.with_label(q.field, &q.text);
            }
            render(
                &state,
                &ctx,
                org,
                &id,
                form.with_values(kept.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
                status,
                None,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "application_own.html")]
struct OwnPage<'a> {
    ctx: &'a Ctx,
    token: String,
    own: OwnApplication,
    questions: Vec<FormQuestion>,
    /// Showing the confirmation step of a withdrawal.
    confirm: bool,
}

impl OwnPage<'_> {
    pub fn answer(&self, q: &FormQuestion) -> String {
        self.own.application.answers().get(&q.id).cloned().unwrap_or_default()
    }
    pub fn files(&self) -> &[FileInfo] {
        &self.own.files
    }
    pub fn withdrawn(&self) -> bool {
        self.own.application.withdrawn_at.is_some()
    }
    pub fn org(&self) -> &Organisation {
        &self.own.org
    }
}

async fn own_page(state: &AppState, ctx: &Ctx, token: &str, confirm: bool) -> WebResult {
    let own = applications::by_token(&state.db, token, ctx.lang).await?;
    let questions = questions_of(&own.ad, ctx);
    let mut res = page_with_status(
        StatusCode::OK,
        &OwnPage { ctx, token: token.to_string(), own, questions, confirm },
    )?;
    // The address is the key to the application: keep it out of search engines.
    res.headers_mut().insert("x-robots-tag", axum::http::HeaderValue::from_static("noindex"));
    Ok(res)
}

async fn own(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    own_page(&state, &ctx, &token, false).await
}

async fn confirm_withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> WebResult {
    own_page(&state, &ctx, &token, true).await
}

async fn withdraw(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    applications::withdraw(&state.db, &token, ctx.ip()).await?;
    Ok(Redirect::to(&format!("/applications/{token}?notice=application-withdrawn")).into_response())
}
