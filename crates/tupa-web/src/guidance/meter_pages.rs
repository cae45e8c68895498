//! Meter and feedback pages: the space's meter section (chart, table, the counsellor's choice,
//! the client's feedback form; included in the space page), the client's answer form at
//! `/spaces/{id}/meter`, and the main admin's page of the organisation's meters. Every form
//! posts and redirects, so none needs JavaScript.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use tupa_core::authz::Permission;
use tupa_core::guidance::access::{self, InSpace, SpaceRole};
use tupa_core::guidance::feedback::{self, FeedbackStatus, NewFeedback, Occasion};
use tupa_core::guidance::meter::{self, Area, Instrument, Light, NewInstrument};
use tupa_core::guidance::meter_answers::{self, MeterAnswer, MeterChoice, NewAnswer, SpaceMeter};
use tupa_core::organisations::Organisation;

use super::meter_chart;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::pages::done;
use crate::render::{FormState, Pairs, fmt_time, form_error, get1, page_with_status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/spaces/{id}/meter", get(answer_page).post(answer))
        .route("/spaces/{id}/meter/settings", post(choose))
        .route("/spaces/{id}/feedback", post(give_feedback))
        .route("/spaces/{id}/feedback/ask", post(ask_feedback))
        .route("/orgs/{slug}/meters", get(meters_page).post(load_meter))
}

/// One row of the result table: an area and its value at each answer.
pub struct TableRow {
    pub label: String,
    pub cells: Vec<String>,
}

/// What the space page shows of the meter and feedback.
pub struct MeterSection {
    pub meter: SpaceMeter,
    pub name: String,
    /// (area wording, SVG) per area.
    pub charts: Vec<(String, String)>,
    pub dates: Vec<String>,
    pub rows: Vec<TableRow>,
    /// The instruments the counsellor may choose from (empty for others).
    pub instruments: Vec<(String, String)>,
    /// The name of the organisation's default meter (for the counsellor's choice).
    pub default_name: String,
    pub feedback: FeedbackStatus,
    /// "Feedback after meetings: 2. At closing: not given." (staff see only this).
    pub feedback_line: String,
    /// (value, label) of the feedback score choices.
    pub scores: Vec<(String, String)>,
    pub role: SpaceRole,
    pub may_write: bool,
    pub form: FormState,
}

impl MeterSection {
    pub fn is_client(&self) -> bool {
        self.role == SpaceRole::Client
    }
    pub fn is_counsellor(&self) -> bool {
        self.role == SpaceRole::Counsellor
    }
    pub fn has_answers(&self) -> bool {
        !self.dates.is_empty()
    }
    pub fn chosen(&self, id: &str) -> bool {
        self.meter.chosen && self.meter.meter.id == id
    }
}

fn light_name(ctx: &Ctx, light: Light) -> String {
    ctx.t(&format!("meter-light-{}", light.as_str()))
}

/// The meter section of a space for its member, with `form` for its feedback form.
pub(super) async fn section_with(
    state: &AppState,
    ctx: &Ctx,
    place: &InSpace,
    form: FormState,
) -> WebResult<MeterSection> {
    let meter = meter_answers::space_meter(&state.db, place).await?;
    let answers: Vec<MeterAnswer> = meter_answers::list(&state.db, &place.space)
        .await?
        .into_iter()
        .filter(|a| a.meter_id == meter.meter.id && place.sees(a.created_at))
        .collect();
    let d = &meter.meter.definition;
    let mut charts = vec![];
    let mut rows = vec![];
    for (i, area) in d.areas.iter().enumerate() {
        let label = area.label.get(ctx.lang).to_string();
        if !answers.is_empty() {
            let title = ctx.ta("meter-chart-title", "area", &label);
            let svg = meter_chart::area_svg(
                d,
                &area.key,
                &answers,
                &format!("meter-chart-{i}"),
                &title,
                &|l| light_name(ctx, l),
            );
            charts.push((label.clone(), svg));
        }
        let cells = answers
            .iter()
            .map(|a| match a.values.get(&area.key) {
                Some(v) => format!("{v} ({})", light_name(ctx, d.light(*v))),
                None => "–".into(),
            })
            .collect();
        rows.push(TableRow { label, cells });
    }
    let (instruments, default_name) = if place.role == SpaceRole::Counsellor {
        let all = meter::list(&state.db, &place.org).await?;
        let default_name = all
            .iter()
            .find(|i| i.org_default)
            .map(|i| i.definition.name.get(ctx.lang).to_string())
            .unwrap_or_default();
        let names = all.iter().map(|i| (i.id.clone(), i.definition.name.get(ctx.lang).to_string()));
        (names.collect(), default_name)
    } else {
        (vec![], String::new())
    };
    let feedback = feedback::status(&state.db, place).await?;
    let closing =
        ctx.t(if feedback.closing_given { "feedback-closing-yes" } else { "feedback-closing-no" });
    let feedback_line = ctx.ta2(
        "feedback-status",
        "count",
        &feedback.meeting_count.to_string(),
        "closing",
        &closing,
    );
    let scores = (1..=5).map(|s| (s.to_string(), ctx.t(&format!("feedback-score-{s}")))).collect();
    Ok(MeterSection {
        default_name,
        feedback_line,
        scores,
        name: meter.meter.definition.name.get(ctx.lang).to_string(),
        dates: answers.iter().map(|a| fmt_time(a.created_at)).collect(),
        charts,
        rows,
        instruments,
        feedback,
        role: place.role,
        may_write: place.may_write(),
        meter,
        form,
    })
}

#[derive(Template)]
#[template(path = "space_meter_answer.html")]
struct AnswerPage<'a> {
    ctx: &'a Ctx,
    space_id: String,
    space_title: String,
    name: String,
    meter_id: String,
    intro: String,
    scale_ends: String,
    min: i64,
    max: i64,
    areas: Vec<Area>,
    form: FormState,
}

impl AnswerPage<'_> {
    fn values(&self) -> Vec<i64> {
        (self.min..=self.max).collect()
    }
    fn label(&self, area: &Area) -> String {
        area.label.get(self.ctx.lang).to_string()
    }
    fn help(&self, area: &Area) -> String {
        area.help.as_ref().map(|h| h.get(self.ctx.lang).to_string()).unwrap_or_default()
    }
    fn checked(&self, area: &Area, v: &i64) -> bool {
        self.form.value(&format!("v-{}", area.key)) == v.to_string()
    }
    /// After a refused answer, an area left without a value: its own group says so, so the
    /// client sees which of the ten areas to answer rather than only "answer every area".
    fn unanswered(&self, area: &Area) -> bool {
        self.form.error("values").is_some()
            && self.form.value(&format!("v-{}", area.key)).is_empty()
    }
}

async fn render_answer(
    state: &AppState,
    ctx: &Ctx,
    place: InSpace,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    if place.role != SpaceRole::Client {
        // The counsellor reads the results in the space; only the client answers.
        return Err(tupa_core::Error::Forbidden.into());
    }
    let m = meter_answers::space_meter(&state.db, &place).await?.meter;
    let d = m.definition;
    let (min, max) = (d.scale.min.to_string(), d.scale.max.to_string());
    let intro = ctx.ta2("meter-intro", "min", &min, "max", &max);
    let scale_ends = ctx.lang.t_args(
        "meter-scale-ends",
        &[
            ("min", min.as_str()),
            ("max", max.as_str()),
            ("min_label", d.scale.min_label.get(ctx.lang)),
            ("max_label", d.scale.max_label.get(ctx.lang)),
        ],
    );
    page_with_status(
        status,
        &AnswerPage {
            ctx,
            space_id: place.space.id.clone(),
            space_title: place.space.title.clone(),
            name: d.name.get(ctx.lang).to_string(),
            meter_id: m.id,
            intro,
            scale_ends,
            min: d.scale.min,
            max: d.scale.max,
            areas: d.areas,
            form,
        },
    )
}

async fn answer_page(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> WebResult {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    render_answer(&state, &ctx, place, FormState::new(), StatusCode::OK).await
}

async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let place = access::enter(&state.db, actor, &id).await?;
    let meter_id = get1(&pairs, "meter_id").to_string();
    let mut values = std::collections::BTreeMap::new();
    let mut unreadable = false;
    for (k, v) in &pairs {
        if let Some(key) = k.strip_prefix("v-") {
            match v.trim().parse::<i64>() {
                Ok(n) => {
                    values.insert(key.to_string(), n);
                }
                Err(_) => unreadable = true,
            }
        }
    }
    let input = NewAnswer { meter_id, values, comment: Some(get1(&pairs, "comment").to_string()) };
    let result = if unreadable {
        Err(tupa_core::Error::invalid("values", "meter-value-out-of-range"))
    } else {
        meter_answers::answer(&state.db, &place, &actor.user.id, &input).await
    };
    match result {
        Ok(_) => Ok(done(&format!("/spaces/{id}"), "meter-saved")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            render_answer(&state, &ctx, place, form, status).await
        }
    }
}

async fn choose(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let meter_id = get1(&pairs, "meter_id");
    let choice = MeterChoice {
        meter_id: (!meter_id.is_empty()).then(|| meter_id.to_string()),
        ask: get1(&pairs, "ask") == "1",
    };
    meter_answers::choose(&state.db, &place, &choice).await?;
    Ok(done(&format!("/spaces/{id}"), "meter-choice-saved"))
}

async fn give_feedback(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    let result = async {
        let occasion = Occasion::parse(get1(&pairs, "occasion"))?;
        // A score that is not a number is out of range: refused with the comment's problem.
        let score = get1(&pairs, "score").parse::<i64>().unwrap_or(0);
        let comment = Some(get1(&pairs, "comment").to_string());
        feedback::give(&state.db, &place, &NewFeedback { occasion, score, comment }).await
    }
    .await;
    match result {
        Ok(_) => Ok(done(&format!("/spaces/{id}"), "feedback-given")),
        Err(e) => {
            let (status, form) = form_error(&ctx, e)?;
            let form = form.with_values(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            super::pages::render_space_with(
                &state,
                &ctx,
                place,
                super::pages::SpaceForms { meter: form, ..Default::default() },
                status,
            )
            .await
        }
    }
}

async fn ask_feedback(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> WebResult {
    let place = access::enter(&state.db, ctx.actor()?, &id).await?;
    feedback::ask(&state.db, &place).await?;
    Ok(done(&format!("/spaces/{id}"), "feedback-asked"))
}

#[derive(Template)]
#[template(path = "org_meters.html")]
struct MetersPage<'a> {
    ctx: &'a Ctx,
    org: Organisation,
    can_admin: bool,
    tab: &'static str,
    meters: Vec<Instrument>,
    example: String,
    form: FormState,
}

impl MetersPage<'_> {
    fn name(&self, m: &Instrument) -> String {
        m.definition.name.get(self.ctx.lang).to_string()
    }
    fn summary(&self, m: &Instrument) -> String {
        let count = m.definition.areas.len().to_string();
        let (min, max) = (m.definition.scale.min.to_string(), m.definition.scale.max.to_string());
        self.ctx.lang.t_args(
            "meters-areas",
            &[("count", count.as_str()), ("min", min.as_str()), ("max", max.as_str())],
        )
    }
}

async fn render_meters(
    state: &AppState,
    ctx: &Ctx,
    slug: &str,
    form: FormState,
    status: StatusCode,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, slug, Permission::ManageSettings).await?;
    let meters = meter::list(&state.db, &org).await?;
    let example = serde_json::to_string_pretty(&meter::builtin()).unwrap_or_default();
    let can_admin = actor.can(Permission::ManageUsers, &org);
    page_with_status(
        status,
        &MetersPage { ctx, org, can_admin, tab: "meters", meters, example, form },
    )
}

async fn meters_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> WebResult {
    render_meters(&state, &ctx, &slug, FormState::new(), StatusCode::OK).await
}

async fn load_meter(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = actor.organisation(&state.db, &slug, Permission::ManageSettings).await?;
    let json = get1(&pairs, "definition");
    let result = match serde_json::from_str::<serde_json::Value>(json) {
        Ok(mut value) => {
            if get1(&pairs, "org_default") == "1"
                && let Some(obj) = value.as_object_mut()
            {
                obj.insert("org_default".into(), true.into());
            }
            match serde_json::from_value::<NewInstrument>(value) {
                Ok(input) => meter::create(&state.db, actor, &org, input).await.map(|_| ()),
                Err(_) => Err(tupa_core::Error::invalid("definition", "meter-json-invalid")),
            }
        }
        Err(_) => Err(tupa_core::Error::invalid("definition", "meter-json-invalid")),
    };
    match result {
        Ok(()) => Ok(done(&format!("/orgs/{slug}/meters"), "meters-loaded")),
        Err(e) => {
            // Validation names the instrument's part; the page has one field for all of it.
            let (status, form) = form_error(&ctx, e.at("definition"))?;
            let form = form.with_values([("definition", json)]);
            render_meters(&state, &ctx, &slug, form, status).await
        }
    }
}
