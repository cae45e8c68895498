//! Recruiters' pages: the organisation's job ads, the ad form (one to three languages), the
//! workflow (submit, approve or return, close, archive, extend or reopen with a note, copy)
//! with the ad's history, and the recruitment settings for main admins.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use tupa_core::authz::Permission;
use tupa_core::i18n::Lang;
use tupa_core::organisations::{Organisation, units};
use tupa_core::recruitment::ad::{AdText, Contact};
use tupa_core::recruitment::ads::{
    self, AdEvent, AdFilter, AdInput, AdState, AdSummary, Question, StoredAd,
};

use super::done;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::render::{FormState, Pairs, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/recruitment", get(list))
        .route("/orgs/{slug}/recruitment/ads/new", get(new_form).post(create))
        .route("/orgs/{slug}/recruitment/ads/{id}", get(show).post(save))
        .route("/orgs/{slug}/recruitment/ads/{id}/workflow", post(workflow))
        .route("/orgs/{slug}/recruitment/from-template", post(from_template))
        .merge(super::recruitment_settings::router())
}

/// Contact and question rows offered in the form.
pub const CONTACT_ROWS: usize = 3;
pub const QUESTION_ROWS: usize = 5;

#[derive(Template)]
#[template(path = "recruitment_list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    ads: Vec<AdSummary>,
    templates: Vec<AdSummary>,
    status: AdFilter,
    can_admin: bool,
    tab: &'static str,
}

async fn list(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    // A link's filter: an unknown word shows the active ads.
    let status = ctx.query("status").and_then(|s| s.parse().ok()).unwrap_or(AdFilter::Active);
    let list = ads::list(&state.db, actor, &org, status, ctx.lang).await?;
    let templates = ads::list(&state.db, actor, &org, AdFilter::Template, ctx.lang).await?;
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        StatusCode::OK,
        &ListPage { ctx: &ctx, org, ads: list, templates, status, can_admin, tab: "recruitment" },
    )
}

/// The ad form and, for a stored ad, its state, workflow and history.
#[derive(Template)]
#[template(path = "recruitment_ad.html")]
struct AdPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    ad: Option<StoredAd>,
    history: Vec<AdEvent>,
    units: Vec<units::TreeEntry>,
    general_texts: Vec<tupa_core::recruitment::texts::GeneralText>,
    form: FormState,
    langs: [Lang; 3],
    contact_rows: std::ops::Range<usize>,
    question_rows: std::ops::Range<usize>,
    /// How many contact and question slots are shown (the rest wait behind "add").
    contact_shown: usize,
    question_shown: usize,
    public_url: Option<String>,
    can_approve: bool,
    can_admin: bool,
    tab: &'static str,
}

impl AdPage<'_> {
    /// The ad's title for the page title (WCAG 2.4.2: each ad's page is named by its ad), in
    /// the reader's language when the ad has one, else the first it has; empty for a new ad.
    pub fn ad_title(&self) -> String {
        let own = format!("title_{}", self.ctx.lang.code());
        [own.as_str(), "title_fi", "title_sv", "title_en"]
            .iter()
            .map(|k| self.form.value(k).trim().to_string())
            .find(|t| !t.is_empty())
            .unwrap_or_default()
    }
    pub fn checked(&self, name: &str, value: &str) -> bool {
        self.form.value(name) == value
    }
    pub fn status_is(&self, s: AdState) -> bool {
        self.ad.as_ref().is_some_and(|a| a.status == s)
    }
    /// The job market state in words, with the reason when there is one.
    pub fn jobmarket(&self) -> (String, Option<String>) {
        self.ad
            .as_ref()
            .map(|a| tupa_core::recruitment::jobmarket_worker::status_text(a, self.ctx.lang))
            .unwrap_or_default()
    }
}

/// Form field names: `title_fi`, `contact_0_name`, `question_1_sv`, `question_1_required`, …
fn pairs_of(input: &AdInput) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> = vec![
        ("unit_id".into(), input.unit_id.clone().unwrap_or_default()),
        ("municipality_name".into(), input.municipality_name.clone()),
        ("municipality_code".into(), input.municipality_code.clone()),
        ("region_code".into(), input.region_code.clone().unwrap_or_default()),
        ("street".into(), input.street.clone()),
        ("postal_code".into(), input.postal_code.clone()),
        ("city".into(), input.city.clone()),
        ("start".into(), input.start.clone().unwrap_or_default()),
        ("duration".into(), input.duration.clone().unwrap_or_default()),
        ("salary_basis".into(), input.salary_basis.clone().unwrap_or_default()),
        ("vacancies".into(), input.vacancies.map(|v| v.to_string()).unwrap_or_default()),
        ("occupation_code".into(), input.occupation_code.clone().unwrap_or_default()),
        ("publish_at".into(), input.publish_at.clone().unwrap_or_default()),
        ("deadline".into(), input.deadline.clone()),
    ];
    let kebab = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
    if let Some(v) = input.employment_type {
        p.push(("employment_type".into(), kebab(serde_json::to_value(v).unwrap_or_default())));
    }
    if let Some(v) = input.working_time {
        p.push(("working_time".into(), kebab(serde_json::to_value(v).unwrap_or_default())));
    }
    if let Some(v) = input.engagement {
        p.push(("engagement".into(), kebab(serde_json::to_value(v).unwrap_or_default())));
    }
    for (lang, t) in &input.texts {
        p.push((format!("title_{lang}"), t.title.clone()));
        p.push((format!("description_{lang}"), t.description.clone()));
    }
    for (i, c) in input.contacts.iter().enumerate() {
        p.push((format!("contact_{i}_name"), c.name.clone()));
        p.push((format!("contact_{i}_title"), c.title.clone().unwrap_or_default()));
        p.push((format!("contact_{i}_phone"), c.phone.clone().unwrap_or_default()));
        p.push((format!("contact_{i}_email"), c.email.clone().unwrap_or_default()));
    }
    for (i, q) in input.questions.iter().enumerate() {
        p.push((format!("question_{i}_id"), q.id.clone()));
        for (lang, text) in &q.texts {
            p.push((format!("question_{i}_{lang}"), text.clone()));
        }
        if q.required {
            p.push((format!("question_{i}_required"), "true".into()));
        }
    }
    p
}

/// A choice as its kebab-case name ("fixed-term"); anything else is no choice.
fn kebab_enum<T: serde::de::DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value.to_string())).ok()
}

fn input_of(pairs: &Pairs) -> AdInput {
    let f = |k: &str| get1(pairs, k).to_string();
    let some = |k: &str| Some(f(k)).filter(|v| !v.trim().is_empty());
    let mut texts = BTreeMap::new();
    for lang in Lang::ALL {
        texts.insert(
            lang,
            AdText {
                title: f(&format!("title_{lang}")),
                description: f(&format!("description_{lang}")),
            },
        );
    }
    let contacts = (0..CONTACT_ROWS)
        .map(|i| Contact {
            name: f(&format!("contact_{i}_name")),
            title: some(&format!("contact_{i}_title")),
            phone: some(&format!("contact_{i}_phone")),
            email: some(&format!("contact_{i}_email")),
        })
        .collect();
    let questions = (0..QUESTION_ROWS)
        .map(|i| Question {
            id: f(&format!("question_{i}_id")),
            texts: Lang::ALL
                .into_iter()
                .map(|l| (l, f(&format!("question_{i}_{l}"))))
                .filter(|(_, t)| !t.trim().is_empty())
                .collect(),
            required: get1(pairs, &format!("question_{i}_required")) == "true",
        })
        .collect();
    AdInput {
        unit_id: some("unit_id"),
        municipality_name: f("municipality_name"),
        municipality_code: f("municipality_code"),
        region_code: some("region_code"),
        street: f("street"),
        postal_code: f("postal_code"),
        city: f("city"),
        employment_type: kebab_enum(&f("employment_type")),
        working_time: kebab_enum(&f("working_time")),
        engagement: kebab_enum(&f("engagement")),
        start: some("start"),
        duration: some("duration"),
        salary_basis: some("salary_basis"),
        // An unreadable number is "missing": the check explains the allowed range.
        vacancies: f("vacancies").trim().parse().ok(),
        occupation_code: some("occupation_code"),
        contacts,
        questions,
        publish_at: some("publish_at"),
        deadline: f("deadline"),
        texts,
    }
}

fn as_refs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    org: Organisation,
    ad: Option<StoredAd>,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let units = units::tree(&units::list(&state.db, &org.id).await?)
        .into_iter()
        .filter(|e| e.unit.retired_at.is_none())
        .collect();
    let history = match &ad {
        Some(a) => ads::history(&state.db, &org.id, &a.id).await?,
        None => vec![],
    };
    let public_url = ad
        .as_ref()
        .filter(|a| a.is_open(tupa_core::db::now()))
        .map(|a| format!("/jobs/{}/ad/{}", org.slug, a.id));
    let can_approve = actor.can(Permission::ApproveAds, &org);
    let can_admin = actor.can(Permission::ManageUsers, &org);
    let general_texts = tupa_core::recruitment::texts::list(&state.db, actor, &org, false).await?;
    page_with_status(
        status,
        &AdPage {
            ctx,
            org,
            ad,
            history,
            units,
            general_texts,
            langs: Lang::ALL,
            contact_rows: 0..CONTACT_ROWS,
            question_rows: 0..QUESTION_ROWS,
            contact_shown: shown_slots(&form, Slot::Contact),
            question_shown: shown_slots(&form, Slot::Question),
            form,
            public_url,
            can_approve,
            can_admin,
            tab: "recruitment",
        },
    )
}

/// The repeated groups of the ad form.
#[derive(Clone, Copy)]
enum Slot {
    Contact,
    Question,
}

impl Slot {
    fn parse(s: &str) -> Option<Slot> {
        match s {
            "contact" => Some(Slot::Contact),
            "question" => Some(Slot::Question),
            _ => None,
        }
    }
    fn max(self) -> usize {
        match self {
            Slot::Contact => CONTACT_ROWS,
            Slot::Question => QUESTION_ROWS,
        }
    }
    /// The hidden field that says how many slots the form showed.
    fn count_field(self) -> &'static str {
        match self {
            Slot::Contact => "contact_slots",
            Slot::Question => "question_slots",
        }
    }
    fn fields(self, i: usize) -> Vec<String> {
        match self {
            Slot::Contact => {
                ["name", "title", "phone", "email"].map(|f| format!("contact_{i}_{f}")).to_vec()
            }
            Slot::Question => Lang::ALL.map(|l| format!("question_{i}_{l}")).to_vec(),
        }
    }
}

/// Slots of a repeated group to show: every one in use, at least as many as the form showed
/// when it was posted (so an empty slot just added stays), and at least one.
fn shown_slots(form: &FormState, slot: Slot) -> usize {
    let used = (0..slot.max())
        .rev()
        .find(|i| slot.fields(*i).iter().any(|f| !form.value(f).trim().is_empty()))
        .map_or(0, |i| i + 1);
    let posted = form.value(slot.count_field()).parse::<usize>().unwrap_or(0);
    used.max(posted).clamp(1, slot.max())
}

/// "Add a contact" or "Add a question" without JavaScript: the form comes back as typed,
/// with one more slot of that kind, nothing saved yet.
fn with_added_slot(pairs: &Pairs) -> Option<FormState> {
    let slot = Slot::parse(get1(pairs, "add_slot"))?;
    let form = FormState::new().with_values(as_refs(pairs));
    let more = (shown_slots(&form, slot) + 1).min(slot.max()).to_string();
    Some(form.with_values([(slot.count_field(), more.as_str())]))
}

/// "Insert" next to a language's description: the form comes back with the chosen general
/// text appended to that description, nothing saved yet (works without JavaScript).
async fn with_general_text(
    state: &AppState,
    ctx: &Ctx,
    org: &Organisation,
    pairs: &Pairs,
) -> Result<Option<FormState>, crate::error::AppError> {
    let Some(lang) =
        Lang::parse(get1(pairs, "insert_text")).filter(|_| !get1(pairs, "insert_text").is_empty())
    else {
        return Ok(None);
    };
    let texts = tupa_core::recruitment::texts::list(&state.db, ctx.actor()?, org, false).await?;
    let chosen = get1(pairs, &format!("general_text_{lang}"));
    let mut values: Vec<(String, String)> = pairs.clone();
    if let Some(t) = texts.iter().find(|t| t.id == chosen) {
        let key = format!("description_{lang}");
        let current = get1(pairs, &key).to_string();
        // The text in the description's language, else the first it has.
        let text = Some(t.text(lang))
            .filter(|x| !x.is_empty())
            .or_else(|| t.texts.values().next().map(String::as_str))
            .unwrap_or("");
        values.retain(|(k, _)| *k != key);
        values.push((key, tupa_core::recruitment::texts::insert(&current, text)));
    }
    Ok(Some(FormState::new().with_values(as_refs(&values))))
}

async fn new_form(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> WebResult {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    // A new ad starts with the usual choices and a deadline two weeks ahead at 16:00.
    let deadline = ads::format_local(tupa_core::db::now() + 14 * 86_400);
    let deadline = format!("{}T16:00", &deadline[..10]);
    let mut defaults = vec![
        ("employment_type", "permanent"),
        ("working_time", "full-time"),
        ("engagement", "employment-contract"),
        ("vacancies", "1"),
        ("deadline", deadline.as_str()),
    ];
    if ctx.query("template").as_deref() == Some("1") {
        defaults.push(("as_template", "true"));
    }
    render(&state, &ctx, org, None, FormState::new().with_values(defaults), StatusCode::OK).await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    if let Some(form) = with_general_text(&state, &ctx, &org, &pairs).await? {
        return render(&state, &ctx, org, None, form, StatusCode::OK).await;
    }
    if let Some(form) = with_added_slot(&pairs) {
        return render(&state, &ctx, org, None, form, StatusCode::OK).await;
    }
    let template = get1(&pairs, "as_template") == "true";
    match ads::create(&state.db, actor, ctx.ip(), &org, &input_of(&pairs), template).await {
        Ok(ad) => Ok(done(&format!("/orgs/{slug}/recruitment/ads/{}", ad.id), "saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, org, None, form.with_values(as_refs(&pairs)), status).await
        }
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    let ad = ads::get(&state.db, &org.id, &id).await?;
    let values = pairs_of(&ads::input_of(&state.db, &ad).await?);
    let form = FormState::new()
        .with_values(as_refs(&values))
        .with_defaults([("extend_deadline", ads::format_local(ad.deadline + 7 * 86_400).as_str())]);
    render(&state, &ctx, org, Some(ad), form, StatusCode::OK).await
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    if let Some(form) = with_general_text(&state, &ctx, &org, &pairs).await? {
        let ad = ads::get(&state.db, &org.id, &id).await?;
        return render(&state, &ctx, org, Some(ad), form, StatusCode::OK).await;
    }
    if let Some(form) = with_added_slot(&pairs) {
        let ad = ads::get(&state.db, &org.id, &id).await?;
        return render(&state, &ctx, org, Some(ad), form, StatusCode::OK).await;
    }
    match ads::update(&state.db, actor, ctx.ip(), &org, &id, &input_of(&pairs)).await {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/recruitment/ads/{id}"), "saved")),
        Err(e) => {
            let ad = ads::get(&state.db, &org.id, &id).await?;
            let (status, form) = form_error(&ctx, e)?;
            render(&state, &ctx, org, Some(ad), form.with_values(as_refs(&pairs)), status).await
        }
    }
}

/// One form per workflow step; `step` says which.
async fn workflow(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    let note = Some(get1(&pairs, "note")).filter(|n| !n.trim().is_empty());
    let result = match get1(&pairs, "step") {
        "submit" => ads::submit(&state.db, actor, ctx.ip(), &org, &id).await,
        "approve" => ads::decide(&state.db, actor, ctx.ip(), &org, &id, true, note).await,
        "return" => ads::decide(&state.db, actor, ctx.ip(), &org, &id, false, note).await,
        "extend" => {
            ads::extend(
                &state.db,
                actor,
                ctx.ip(),
                &org,
                &id,
                get1(&pairs, "extend_deadline"),
                get1(&pairs, "note"),
            )
            .await
        }
        "copy" => match ads::copy(&state.db, actor, ctx.ip(), &org, &id).await {
            Ok(copy) => {
                return Ok(Redirect::to(&format!(
                    "/orgs/{slug}/recruitment/ads/{}?notice=copied",
                    copy.id
                ))
                .into_response());
            }
            Err(e) => Err(e),
        },
        action => match action.parse::<ads::AdAction>() {
            Ok(action) => ads::act(&state.db, actor, ctx.ip(), &org, &id, action, note).await,
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(_) => Ok(done(&format!("/orgs/{slug}/recruitment/ads/{id}"), "saved")),
        Err(e) => {
            let ad = ads::get(&state.db, &org.id, &id).await?;
            let values = pairs_of(&ads::input_of(&state.db, &ad).await?);
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values(as_refs(&values)).with_values([
                ("note", get1(&pairs, "note")),
                ("extend_deadline", get1(&pairs, "extend_deadline")),
            ]);
            render(&state, &ctx, org, Some(ad), form, status).await
        }
    }
}

/// A new draft from the template picked in the list.
async fn from_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = ads::recruitment_org(&state.db, actor, &slug, Permission::WorkRecruitment).await?;
    let copy = ads::copy(&state.db, actor, ctx.ip(), &org, get1(&pairs, "template_id")).await?;
    Ok(Redirect::to(&format!("/orgs/{slug}/recruitment/ads/{}?notice=copied", copy.id))
        .into_response())
}
