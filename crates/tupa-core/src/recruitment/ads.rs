//! Job ads stored and worked through their workflow:
//!
//! template · draft → (awaiting-approval →) scheduled → published → closed → archived
//!
//! An ad is public while its status is scheduled or published, its publish time (if any)
//! has come and its deadline has not: the board and feeds ask exactly that of the clock, so
//! an ad opens and closes to the second whatever the background tick is doing. The tick
//! ([`tick`]) then records the change (status, history, job market) within seconds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::ad::{
    AdText, Contact, EmploymentType, Engagement, JobAd, MunicipalityCode, WorkingTime, Workplace,
};
use super::jobmarket_worker::JobmarketState;
use super::settings;
use crate::audit::{self, By};
use crate::authz::{Actor, Permission, require_capability};
use crate::db::{Db, Tx, new_id, now};
use crate::error::{Checks, Error, Result};
use crate::i18n::Lang;
use crate::organisations::plans::Capability;
use crate::organisations::{Organisation, units};

/// The longest note on an ad's decision, action or extension (kept in its history).
pub const MAX_NOTE_CHARS: usize = 1000;

fn check_note(note: Option<&str>) -> Result<()> {
    if note.is_some_and(|n| n.trim().chars().count() > MAX_NOTE_CHARS) {
        return Err(Error::invalid("note", "text-too-long"));
    }
    Ok(())
}

/// Contacts named on one ad.
pub const MAX_CONTACTS: usize = 5;
/// Questions an ad asks its applicants.
pub const MAX_QUESTIONS: usize = 20;

crate::closed_set! {
    /// Where a job ad stands: a template to copy, a draft, waiting for the hiring manager,
    /// waiting for its publish time, public, closed (its deadline passed or closed early) or
    /// archived.
    #[derive(utoipa::ToSchema)]
    pub enum AdState ("status", "status-invalid") {
        Template = "template",
        Draft = "draft",
        AwaitingApproval = "awaiting-approval",
        Scheduled = "scheduled",
        Published = "published",
        Closed = "closed",
        Archived = "archived",
    }
}

impl AdState {
    /// Scheduled or published: public while its times allow.
    pub fn is_public(self) -> bool {
        matches!(self, AdState::Scheduled | AdState::Published)
    }
    /// Closed or archived: over, no longer edited.
    pub fn is_over(self) -> bool {
        matches!(self, AdState::Closed | AdState::Archived)
    }
}

crate::closed_set! {
    /// What a recruiter does to an ad through [`act`].
    #[derive(utoipa::ToSchema)]
    pub enum AdAction ("action", "action-invalid") {
        /// A public ad, before its deadline.
        Close = "close",
        /// A closed ad.
        Archive = "archive",
        /// A scheduled or waiting ad back to draft.
        Withdraw = "withdraw",
    }
}

crate::closed_set! {
    /// A step of an ad's history (`job_ad_events.action`), shown as `recruitment-event-<word>`.
    #[derive(utoipa::ToSchema)]
    pub enum AdEventAction ("action", "action-invalid") {
        Created = "created",
        TemplateCreated = "template-created",
        Edited = "edited",
        /// Sent to the hiring manager for approval.
        Submitted = "submitted",
        Scheduled = "scheduled",
        /// By the recruiter or approver, or by the clock at the publish time.
        Published = "published",
        Approved = "approved",
        /// Returned to the recruiter with a note.
        Returned = "returned",
        /// The [`AdAction`]s, by the word of the action.
        Close = "close",
        Archive = "archive",
        Withdraw = "withdraw",
        Extended = "extended",
        Reopened = "reopened",
        ClosedAtDeadline = "closed-at-deadline",
    }
}

crate::closed_set! {
    /// Which of the organisation's ads [`list`] gives: `active` (all but archived ads and
    /// templates), `all`, or those in one [`AdState`] (the same words). In the order the
    /// ad list's tabs show them.
    #[derive(utoipa::ToSchema)]
    pub enum AdFilter ("status", "status-invalid") {
        Active = "active",
        Draft = "draft",
        AwaitingApproval = "awaiting-approval",
        Scheduled = "scheduled",
        Published = "published",
        Closed = "closed",
        Archived = "archived",
        Template = "template",
        All = "all",
    }
}

impl From<AdState> for AdFilter {
    fn from(s: AdState) -> AdFilter {
        match s {
            AdState::Template => AdFilter::Template,
            AdState::Draft => AdFilter::Draft,
            AdState::AwaitingApproval => AdFilter::AwaitingApproval,
            AdState::Scheduled => AdFilter::Scheduled,
            AdState::Published => AdFilter::Published,
            AdState::Closed => AdFilter::Closed,
            AdState::Archived => AdFilter::Archived,
        }
    }
}

impl From<AdAction> for AdEventAction {
    fn from(a: AdAction) -> AdEventAction {
        match a {
            AdAction::Close => AdEventAction::Close,
            AdAction::Archive => AdEventAction::Archive,
            AdAction::Withdraw => AdEventAction::Withdraw,
        }
    }
}

/// The organisation `slug` for recruitment work: the actor holds `permission` there and the
/// plan has recruitment.
pub async fn recruitment_org(
    db: &Db,
    actor: &Actor,
    slug: &str,
    permission: Permission,
) -> Result<Organisation> {
    let org = actor.organisation(db, slug, permission).await?;
    require_capability(db, &org, Capability::Recruitment).await?;
    Ok(org)
}

/// A question put to applicants of one ad.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Question {
    /// Stable within the ad; given when empty.
    #[serde(default)]
    pub id: String,
    pub texts: BTreeMap<Lang, String>,
    #[serde(default)]
    pub required: bool,
}

/// An ad as stored.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct StoredAd {
    #[serde(skip)]
    pub org_id: String,
    pub id: String,
    #[sqlx(try_from = "String")]
    pub status: AdState,
    pub unit_id: Option<String>,
    pub municipality_name: String,
    pub municipality_code: String,
    pub region_code: Option<String>,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub employment_type: String,
    pub working_time: String,
    pub engagement: String,
    pub start_text: Option<String>,
    pub duration_text: Option<String>,
    pub salary_basis: Option<String>,
    pub vacancies: i64,
    pub occupation_code: Option<String>,
    /// JSON array of contacts.
    pub contacts: String,
    /// JSON array of questions.
    pub questions: String,
    pub publish_at: Option<i64>,
    pub deadline: i64,
    pub published_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub archived_at: Option<i64>,
    pub retention_from: Option<i64>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub approved_by: Option<String>,
    pub approved_at: Option<i64>,
    #[sqlx(try_from = "String")]
    pub jobmarket_state: JobmarketState,
    pub jobmarket_detail: Option<String>,
    pub jobmarket_attempts: i64,
    pub jobmarket_next_at: Option<i64>,
    pub jobmarket_sent_at: Option<i64>,
}

pub const COLUMNS: &str = "org_id, id, status, unit_id, municipality_name, municipality_code, region_code, street, postal_code, city, employment_type, working_time, engagement, start_text, duration_text, salary_basis, vacancies, occupation_code, contacts, questions, publish_at, deadline, published_at, closed_at, archived_at, retention_from, created_by, created_at, updated_at, approved_by, approved_at, jobmarket_state, jobmarket_detail, jobmarket_attempts, jobmarket_next_at, jobmarket_sent_at";

/// The SQL condition (on table alias `a`) for an ad that is public at `$n` = now.
pub fn open_condition(now_placeholder: &str) -> String {
    format!(
        "a.status IN ('scheduled', 'published') AND a.deadline > {now_placeholder} AND (a.publish_at IS NULL OR a.publish_at <= {now_placeholder})"
    )
}

impl StoredAd {
    /// Public now: see the module comment.
    pub fn is_open(&self, at: i64) -> bool {
        self.status.is_public() && self.deadline > at && self.publish_at.is_none_or(|p| p <= at)
    }
    pub fn contacts(&self) -> Vec<Contact> {
        serde_json::from_str(&self.contacts).unwrap_or_default()
    }
    pub fn questions(&self) -> Vec<Question> {
        serde_json::from_str(&self.questions).unwrap_or_default()
    }
}

/// An ad as entered in the form or the API. Times are Helsinki local, `YYYY-MM-DDTHH:MM`
/// (what an `<input type="datetime-local">` sends).
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct AdInput {
    #[serde(default)]
    pub unit_id: Option<String>,
    pub municipality_name: String,
    pub municipality_code: String,
    #[serde(default)]
    pub region_code: Option<String>,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    pub employment_type: Option<EmploymentType>,
    pub working_time: Option<WorkingTime>,
    pub engagement: Option<Engagement>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub duration: Option<String>,
    #[serde(default)]
    pub salary_basis: Option<String>,
    pub vacancies: Option<u32>,
    #[serde(default)]
    pub occupation_code: Option<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Empty: public as soon as published (or approved).
    #[serde(default)]
    pub publish_at: Option<String>,
    pub deadline: String,
    /// One to three languages; a language with an empty title is left out.
    pub texts: BTreeMap<Lang, AdText>,
}

/// Parses `YYYY-MM-DDTHH:MM` (or with a space) as Helsinki local time.
pub fn parse_local(s: &str, field: &'static str) -> Result<i64> {
    let s = s.trim().replace(' ', "T");
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let local = time::PrimitiveDateTime::parse(s.get(..16).unwrap_or(&s), &fmt)
        .map_err(|_| Error::invalid(field, "datetime-invalid"))?;
    Ok(crate::desk::hours::from_helsinki(local))
}

/// The form's value for a stored time.
pub fn format_local(ts: i64) -> String {
    let t = crate::desk::hours::to_helsinki(ts);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

fn opt(s: &Option<String>, max: usize, field: &'static str) -> Result<Option<String>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) if s.chars().count() <= max => Ok(Some(s.to_string())),
        Some(_) => Err(Error::invalid(field, "text-too-long")),
    }
}

fn required(s: &str, max: usize, field: &'static str) -> Result<String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Error::invalid(field, "required"));
    }
    if s.chars().count() > max {
        return Err(Error::invalid(field, "text-too-long"));
    }
    Ok(s.to_string())
}

/// A checked ad, ready to store.
struct Checked {
    unit_id: Option<String>,
    municipality_name: String,
    municipality_code: String,
    region_code: Option<String>,
    street: String,
    postal_code: String,
    city: String,
    employment_type: EmploymentType,
    working_time: WorkingTime,
    engagement: Engagement,
    start: Option<String>,
    duration: Option<String>,
    salary_basis: Option<String>,
    vacancies: u32,
    occupation_code: Option<String>,
    contacts: Vec<Contact>,
    questions: Vec<Question>,
    publish_at: Option<i64>,
    deadline: i64,
    texts: BTreeMap<Lang, AdText>,
}

fn kebab<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Checks the whole ad and reports every problem at once, in the order of the form.
async fn check(db: &Db, org: &Organisation, input: &AdInput) -> Result<Checked> {
    let mut c = Checks::new();
    let mut texts = BTreeMap::new();
    for (lang, t) in &input.texts {
        if t.title.trim().is_empty() && t.description.trim().is_empty() {
            continue;
        }
        let field = match lang {
            Lang::Fi => "texts.fi",
            Lang::Sv => "texts.sv",
            Lang::En => "texts.en",
        };
        let title = c.take(required(&t.title, 200, field));
        let description = c.take(required(&t.description, 30_000, field));
        if let (Some(title), Some(description)) = (title, description) {
            texts.insert(*lang, AdText { title, description });
        }
    }
    if texts.is_empty() && c.is_empty() {
        c.push("texts", "ad-language-required");
    }
    let unit_id = input.unit_id.clone().filter(|u| !u.is_empty());
    if let Some(u) = &unit_id {
        let all = units::list(db, &org.id).await?;
        if !all.iter().any(|x| &x.id == u && x.retired_at.is_none()) {
            c.push("unit_id", "unit-invalid");
        }
    }
    let employment_type =
        c.take(input.employment_type.ok_or(Error::invalid("employment_type", "required")));
    let working_time = c.take(input.working_time.ok_or(Error::invalid("working_time", "required")));
    let engagement = c.take(input.engagement.ok_or(Error::invalid("engagement", "required")));
    let start = c.take(opt(&input.start, 200, "start"));
    let duration = c.take(opt(&input.duration, 200, "duration"));
    let salary_basis = c.take(opt(&input.salary_basis, 300, "salary_basis"));
    let vacancies = c.take(
        input
            .vacancies
            .filter(|v| (1..=999).contains(v))
            .ok_or(Error::invalid("vacancies", "vacancies-invalid")),
    );
    let occupation_code = c.take(opt(&input.occupation_code, 60, "occupation_code"));
    let municipality_name = c.take(required(&input.municipality_name, 100, "municipality_name"));
    let municipality_code = c.take(
        MunicipalityCode::parse(&input.municipality_code)
            .ok_or(Error::invalid("municipality_code", "municipality-code-invalid")),
    );
    let region_code = c.take(opt(&input.region_code, 2, "region_code"));
    if region_code
        .as_ref()
        .and_then(|r| r.as_deref())
        .is_some_and(|r| r.len() != 2 || !r.bytes().all(|b| b.is_ascii_digit()))
    {
        c.push("region_code", "region-code-invalid");
    }
    let street = c.take(opt(&Some(input.street.clone()), 200, "street"));
    let postal_code = c.take(opt(&Some(input.postal_code.clone()), 10, "postal_code"));
    let city = c.take(opt(&Some(input.city.clone()), 100, "city"));
    let publish_at = match input.publish_at.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => c.take(parse_local(p, "publish_at")).map(Some),
        None => Some(None),
    };
    let deadline = c.take(parse_local(&input.deadline, "deadline"));
    if let (Some(Some(p)), Some(d)) = (publish_at, deadline)
        && p >= d
    {
        c.push("publish_at", "publish-after-deadline");
    }
    let mut contacts = Vec::new();
    for one in &input.contacts {
        if one.name.trim().is_empty()
            && one.email.as_deref().unwrap_or("").trim().is_empty()
            && one.phone.as_deref().unwrap_or("").trim().is_empty()
        {
            continue;
        }
        let email = match one.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => c
                .take(crate::identity::Email::parse(e).map_err(|e| e.at("contacts")))
                .map(|e| Some(e.as_str().to_string())),
            None => Some(None),
        };
        let name = c.take(required(&one.name, 120, "contacts"));
        let title = c.take(opt(&one.title, 120, "contacts"));
        let phone = c.take(opt(&one.phone, 40, "contacts"));
        if let (Some(name), Some(title), Some(phone), Some(email)) = (name, title, phone, email) {
            contacts.push(Contact { name, title, phone, email });
        }
    }
    if contacts.len() > MAX_CONTACTS {
        c.push("contacts", "contacts-too-many");
    }
    let mut questions = Vec::new();
    for q in &input.questions {
        let texts: BTreeMap<Lang, String> = q
            .texts
            .iter()
            .map(|(l, t)| (*l, t.trim().to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        if texts.is_empty() {
            continue;
        }
        if texts.values().any(|t| t.chars().count() > 500) {
            c.push("questions", "text-too-long");
            continue;
        }
        let id =
            if q.id.trim().is_empty() { new_id() } else { q.id.trim().chars().take(40).collect() };
        questions.push(Question { id, texts, required: q.required });
    }
    if questions.len() > MAX_QUESTIONS {
        c.push("questions", "questions-too-many");
    }
    let (
        Some(employment_type),
        Some(working_time),
        Some(engagement),
        Some(start),
        Some(duration),
        Some(salary_basis),
        Some(vacancies),
        Some(occupation_code),
        Some(municipality_name),
        Some(municipality_code),
        Some(region_code),
        Some(street),
        Some(postal_code),
        Some(city),
        Some(publish_at),
        Some(deadline),
    ) = (
        employment_type,
        working_time,
        engagement,
        start,
        duration,
        salary_basis,
        vacancies,
        occupation_code,
        municipality_name,
        municipality_code,
        region_code,
        street,
        postal_code,
        city,
        publish_at,
        deadline,
    )
    else {
        return Err(c.error());
    };
    c.finish()?;
    Ok(Checked {
        unit_id,
        municipality_name,
        municipality_code: municipality_code.as_str().to_string(),
        region_code,
        street: street.unwrap_or_default(),
        postal_code: postal_code.unwrap_or_default(),
        city: city.unwrap_or_default(),
        employment_type,
        working_time,
        engagement,
        start,
        duration,
        salary_basis,
        vacancies,
        occupation_code,
        contacts,
        questions,
        publish_at,
        deadline,
        texts,
    })
}

/// Binds an ad's content as `$1`–`$19`, in the column order both the insert and the update
/// name them.
fn bind_content<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    c: &'q Checked,
) -> Result<sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>> {
    Ok(q.bind(&c.unit_id)
        .bind(&c.municipality_name)
        .bind(&c.municipality_code)
        .bind(&c.region_code)
        .bind(&c.street)
        .bind(&c.postal_code)
        .bind(&c.city)
        .bind(kebab(c.employment_type))
        .bind(kebab(c.working_time))
        .bind(kebab(c.engagement))
        .bind(&c.start)
        .bind(&c.duration)
        .bind(&c.salary_basis)
        .bind(c.vacancies as i64)
        .bind(&c.occupation_code)
        .bind(serde_json::to_string(&c.contacts).map_err(anyhow::Error::from)?)
        .bind(serde_json::to_string(&c.questions).map_err(anyhow::Error::from)?)
        .bind(c.publish_at)
        .bind(c.deadline))
}

async fn write_texts(
    tx: &mut Tx,
    org_id: &str,
    ad_id: &str,
    texts: &BTreeMap<Lang, AdText>,
) -> Result<()> {
    sqlx::query("DELETE FROM job_ad_texts WHERE org_id = $1 AND ad_id = $2")
        .bind(org_id)
        .bind(ad_id)
        .execute(&mut **tx)
        .await?;
    for (lang, t) in texts {
        sqlx::query("INSERT INTO job_ad_texts (org_id, ad_id, lang, title, description) VALUES ($1, $2, $3, $4, $5)")
            .bind(org_id)
            .bind(ad_id)
            .bind(lang.code())
            .bind(&t.title)
            .bind(&t.description)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Records a workflow step in the ad's history.
pub async fn record_event(
    tx: &mut Tx,
    org_id: &str,
    ad_id: &str,
    action: AdEventAction,
    note: Option<&str>,
    by: Option<&str>,
) -> Result<()> {
    sqlx::query("INSERT INTO job_ad_events (org_id, id, ad_id, action, note, by_user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(org_id)
        .bind(new_id())
        .bind(ad_id)
        .bind(action.as_str())
        .bind(note)
        .bind(by)
        .bind(now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Creates a draft (or a template other ads start from).
pub async fn create(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &AdInput,
    template: bool,
) -> Result<StoredAd> {
    super::public_changes::touched(db);
    actor.check(Permission::WorkRecruitment, org)?;
    let c = check(db, org, input).await?;
    let id = new_id();
    let t = now();
    let status = if template { AdState::Template } else { AdState::Draft };
    let mut tx = db.begin().await?;
    // The content first ($1–$19, see bind_content), then the rest.
    let insert = sqlx::query(
        "INSERT INTO job_ads (unit_id, municipality_name, municipality_code, region_code, street, postal_code, city, employment_type, working_time, engagement, start_text, duration_text, salary_basis, vacancies, occupation_code, contacts, questions, publish_at, deadline, org_id, id, status, created_by, created_at, updated_at, jobmarket_state, jobmarket_attempts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, 'not-sent', 0)",
    );
    bind_content(insert, &c)?
        .bind(&org.id)
        .bind(&id)
        .bind(status.as_str())
        .bind(&actor.user.id)
        .bind(t)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    write_texts(&mut tx, &org.id, &id, &c.texts).await?;
    record_event(
        &mut tx,
        &org.id,
        &id,
        if template { AdEventAction::TemplateCreated } else { AdEventAction::Created },
        None,
        Some(&actor.user.id),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::JobAdCreated,
        Some((audit::Target::JobAd, &id)),
        serde_json::json!({"template": template}),
    )
    .await?;
    let ad = get_tx(&mut tx, &org.id, &id).await?;
    tx.commit().await?;
    Ok(ad)
}

/// Changes an ad's content. Closed and archived ads are reopened first; a change to a
/// public ad reaches the board at once and the job market with its next send (an ad the job
/// market could not take is checked again: the edit may have fixed it).
pub async fn update(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ad_id: &str,
    input: &AdInput,
) -> Result<StoredAd> {
    super::public_changes::touched(db);
    actor.check(Permission::WorkRecruitment, org)?;
    let ad = get(db, &org.id, ad_id).await?;
    if ad.status.is_over() {
        return Err(Error::conflict("status", "ad-not-editable"));
    }
    let c = check(db, org, input).await?;
    let mut tx = db.begin().await?;
    // An ad waiting for approval goes back to draft when changed: the approver must see what
    // will be published.
    let status = if ad.status == AdState::AwaitingApproval { AdState::Draft } else { ad.status };
    let update = sqlx::query(
        "UPDATE job_ads SET unit_id = $1, municipality_name = $2, municipality_code = $3, region_code = $4, street = $5, postal_code = $6, city = $7, employment_type = $8, working_time = $9, engagement = $10, start_text = $11, duration_text = $12, salary_basis = $13, vacancies = $14, occupation_code = $15, contacts = $16, questions = $17, publish_at = $18, deadline = $19, status = $20, updated_at = $21,
         jobmarket_state = CASE WHEN jobmarket_state IN ('sent', 'failed', 'pending', 'not-sendable') THEN 'pending' ELSE jobmarket_state END, jobmarket_next_at = CASE WHEN jobmarket_state IN ('sent', 'failed', 'pending', 'not-sendable') THEN $21 ELSE jobmarket_next_at END
         WHERE org_id = $22 AND id = $23",
    );
    bind_content(update, &c)?
        .bind(status.as_str())
        .bind(now())
        .bind(&org.id)
        .bind(ad_id)
        .execute(&mut *tx)
        .await?;
    write_texts(&mut tx, &org.id, ad_id, &c.texts).await?;
    record_event(&mut tx, &org.id, ad_id, AdEventAction::Edited, None, Some(&actor.user.id))
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::JobAdChanged,
        Some((audit::Target::JobAd, ad_id)),
        serde_json::json!({}),
    )
    .await?;
    let ad = get_tx(&mut tx, &org.id, ad_id).await?;
    tx.commit().await?;
    Ok(ad)
}

/// A new draft with a template's content (or any ad's: "copy"); the deadline is kept if it
/// is still ahead, for the recruiter to change.
pub async fn copy(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    source_id: &str,
) -> Result<StoredAd> {
    actor.check(Permission::WorkRecruitment, org)?;
    let source = get(db, &org.id, source_id).await?;
    let input = input_of(db, &source).await?;
    create(db, actor, ip, org, &input, false).await
}

/// The form's view of a stored ad.
pub async fn input_of(db: &Db, ad: &StoredAd) -> Result<AdInput> {
    let texts = texts(db, &ad.org_id, &ad.id).await?;
    let parse = |s: &str| serde_json::Value::String(s.to_string());
    Ok(AdInput {
        unit_id: ad.unit_id.clone(),
        municipality_name: ad.municipality_name.clone(),
        municipality_code: ad.municipality_code.clone(),
        region_code: ad.region_code.clone(),
        street: ad.street.clone(),
        postal_code: ad.postal_code.clone(),
        city: ad.city.clone(),
        employment_type: serde_json::from_value(parse(&ad.employment_type)).ok(),
        working_time: serde_json::from_value(parse(&ad.working_time)).ok(),
        engagement: serde_json::from_value(parse(&ad.engagement)).ok(),
        start: ad.start_text.clone(),
        duration: ad.duration_text.clone(),
        salary_basis: ad.salary_basis.clone(),
        vacancies: u32::try_from(ad.vacancies).ok(),
        occupation_code: ad.occupation_code.clone(),
        contacts: ad.contacts(),
        questions: ad.questions(),
        publish_at: ad.publish_at.map(format_local),
        deadline: format_local(ad.deadline),
        texts,
    })
}

async fn transition(tx: &mut Tx, ad: &StoredAd, status: AdState, set: &str) -> Result<()> {
    let sql = format!(
        "UPDATE job_ads SET status = $1, updated_at = $2{set} WHERE org_id = $3 AND id = $4 AND status = $5"
    );
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(status.as_str())
        .bind(now())
        .bind(&ad.org_id)
        .bind(&ad.id)
        .bind(ad.status.as_str())
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        // Someone else moved it meanwhile.
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    Ok(())
}

/// Publishing state after submit or approval: scheduled until its publish time, else
/// published now. The job market send is queued as it opens.
fn going_public(ad: &StoredAd, t: i64) -> AdState {
    if ad.publish_at.is_some_and(|p| p > t) { AdState::Scheduled } else { AdState::Published }
}

const OPENED: &str = ", published_at = COALESCE(published_at, $2), jobmarket_state = 'pending', jobmarket_next_at = $2, jobmarket_attempts = 0";

/// Submits a draft: to the hiring manager when the organisation requires approval, else
/// scheduled or published at once.
pub async fn submit(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ad_id: &str,
) -> Result<StoredAd> {
    super::public_changes::touched(db);
    actor.check(Permission::WorkRecruitment, org)?;
    let ad = get(db, &org.id, ad_id).await?;
    if ad.status != AdState::Draft {
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    let t = now();
    if ad.deadline <= t {
        return Err(Error::invalid("deadline", "deadline-past"));
    }
    let approval = settings::get(db, &org.id).await?.approval_required;
    let mut tx = db.begin().await?;
    let next = if approval { AdState::AwaitingApproval } else { going_public(&ad, t) };
    let set = if next == AdState::Published { OPENED } else { "" };
    transition(&mut tx, &ad, next, set).await?;
    record_event(
        &mut tx,
        &org.id,
        ad_id,
        if approval {
            AdEventAction::Submitted
        } else if next == AdState::Scheduled {
            AdEventAction::Scheduled
        } else {
            AdEventAction::Published
        },
        None,
        Some(&actor.user.id),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::JobAdSubmitted,
        Some((audit::Target::JobAd, ad_id)),
        serde_json::json!({"status": next}),
    )
    .await?;
    let ad = get_tx(&mut tx, &org.id, ad_id).await?;
    tx.commit().await?;
    Ok(ad)
}

/// A hiring manager approves (the ad goes public, now or at its publish time) or returns it
/// to the recruiter with a note.
pub async fn decide(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ad_id: &str,
    approve: bool,
    note: Option<&str>,
) -> Result<StoredAd> {
    super::public_changes::touched(db);
    actor.check(Permission::ApproveAds, org)?;
    check_note(note)?;
    let ad = get(db, &org.id, ad_id).await?;
    if ad.status != AdState::AwaitingApproval {
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if !approve && note.is_none() {
        return Err(Error::invalid("note", "note-required"));
    }
    let t = now();
    if approve && ad.deadline <= t {
        return Err(Error::invalid("deadline", "deadline-past"));
    }
    let mut tx = db.begin().await?;
    let next = if approve { going_public(&ad, t) } else { AdState::Draft };
    let set = if next == AdState::Published {
        format!("{OPENED}, approved_by = $6, approved_at = $2")
    } else if approve {
        ", approved_by = $6, approved_at = $2".to_string()
    } else {
        String::new()
    };
    let sql = format!(
        "UPDATE job_ads SET status = $1, updated_at = $2{set} WHERE org_id = $3 AND id = $4 AND status = $5"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(next.as_str())
        .bind(t)
        .bind(&org.id)
        .bind(ad_id)
        .bind(ad.status.as_str());
    if approve {
        q = q.bind(&actor.user.id);
    }
    if q.execute(&mut *tx).await?.rows_affected() == 0 {
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    record_event(
        &mut tx,
        &org.id,
        ad_id,
        if approve { AdEventAction::Approved } else { AdEventAction::Returned },
        note,
        Some(&actor.user.id),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        if approve {
            crate::audit::Action::JobAdApproved
        } else {
            crate::audit::Action::JobAdReturned
        },
        Some((audit::Target::JobAd, ad_id)),
        serde_json::json!({}),
    )
    .await?;
    let ad = get_tx(&mut tx, &org.id, ad_id).await?;
    tx.commit().await?;
    Ok(ad)
}

/// Closes a public ad before its deadline, archives a closed one, or withdraws a scheduled
/// or waiting one back to draft.
pub async fn act(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ad_id: &str,
    action: AdAction,
    note: Option<&str>,
) -> Result<StoredAd> {
    super::public_changes::touched(db);
    actor.check(Permission::WorkRecruitment, org)?;
    check_note(note)?;
    let ad = get(db, &org.id, ad_id).await?;
    let t = now();
    let (allowed, next, set): (&[AdState], AdState, String) = match action {
        AdAction::Close => (&[AdState::Published, AdState::Scheduled], AdState::Closed, ", closed_at = $2, retention_from = $2, jobmarket_state = CASE WHEN jobmarket_state IN ('sent', 'pending', 'failed') OR jobmarket_sent_at IS NOT NULL THEN 'archive-pending' ELSE jobmarket_state END, jobmarket_next_at = $2, jobmarket_attempts = 0".to_string()),
        AdAction::Archive => (&[AdState::Closed], AdState::Archived, ", archived_at = $2".to_string()),
        AdAction::Withdraw => {
            (&[AdState::AwaitingApproval, AdState::Scheduled], AdState::Draft, String::new())
        }
    };
    if !allowed.contains(&ad.status) {
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    let mut tx = db.begin().await?;
    transition(&mut tx, &ad, next, &set).await?;
    let _ = t;
    record_event(
        &mut tx,
        &org.id,
        ad_id,
        action.into(),
        note.map(str::trim).filter(|n| !n.is_empty()),
        Some(&actor.user.id),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        match action {
            AdAction::Close => audit::Action::JobAdClose,
            AdAction::Archive => audit::Action::JobAdArchive,
            AdAction::Withdraw => audit::Action::JobAdWithdraw,
        },
        Some((audit::Target::JobAd, ad_id)),
        serde_json::json!({}),
    )
    .await?;
    let ad = get_tx(&mut tx, &org.id, ad_id).await?;
    tx.commit().await?;
    Ok(ad)
}

/// Moves the deadline of a public ad later ("extend"), or reopens a closed one with a new
/// deadline ("reopen"). Both need a note saying why: the history shows it.
pub async fn extend(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ad_id: &str,
    deadline: &str,
    note: &str,
) -> Result<StoredAd> {
    super::public_changes::touched(db);
    actor.check(Permission::WorkRecruitment, org)?;
    check_note(Some(note))?;
    let ad = get(db, &org.id, ad_id).await?;
    let note = note.trim();
    if note.is_empty() {
        return Err(Error::invalid("note", "note-required"));
    }
    let new_deadline = parse_local(deadline, "deadline")?;
    let t = now();
    if new_deadline <= t || new_deadline <= ad.deadline.min(t) {
        return Err(Error::invalid("deadline", "deadline-past"));
    }
    let (action, audited, next, set) = match ad.status {
        AdState::Published | AdState::Scheduled if ad.deadline > t => {
            (AdEventAction::Extended, audit::Action::JobAdExtended, ad.status, "")
        }
        // A public ad whose deadline passed before the tick closed it reopens like a closed one.
        AdState::Published | AdState::Scheduled | AdState::Closed => (
            AdEventAction::Reopened,
            audit::Action::JobAdReopened,
            AdState::Published,
            ", closed_at = NULL, retention_from = NULL, published_at = COALESCE(published_at, $2)",
        ),
        _ => return Err(Error::conflict("status", "ad-status-changed")),
    };
    let mut tx = db.begin().await?;
    let sql = format!(
        "UPDATE job_ads SET status = $1, updated_at = $2, deadline = $6, jobmarket_state = CASE WHEN jobmarket_state = 'not-configured' THEN 'not-configured' ELSE 'pending' END, jobmarket_next_at = $2, jobmarket_attempts = 0{set} WHERE org_id = $3 AND id = $4 AND status = $5"
    );
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(next.as_str())
        .bind(t)
        .bind(&org.id)
        .bind(ad_id)
        .bind(ad.status.as_str())
        .bind(new_deadline)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    record_event(&mut tx, &org.id, ad_id, action, Some(note), Some(&actor.user.id)).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audited,
        Some((audit::Target::JobAd, ad_id)),
        serde_json::json!({"deadline": new_deadline}),
    )
    .await?;
    let ad = get_tx(&mut tx, &org.id, ad_id).await?;
    tx.commit().await?;
    Ok(ad)
}

/// Records what the clock has already decided: scheduled ads whose time came are published,
/// public ads whose deadline passed are closed (their job market record archived). Returns
/// (published, closed). Safe to run in several processes at once: each change is
/// conditional on the status it saw.
pub async fn tick(db: &Db, at: i64) -> Result<(u64, u64)> {
    let due: Vec<(String, String)> = sqlx::query_as("SELECT org_id, id FROM job_ads WHERE status = 'scheduled' AND publish_at <= $1 AND deadline > $1").bind(at).fetch_all(db.pool()).await?;
    let mut published = 0;
    for (org_id, id) in due {
        let mut tx = db.begin().await?;
        let sql = format!(
            "UPDATE job_ads SET status = $1, updated_at = $2{OPENED} WHERE org_id = $3 AND id = $4 AND status = 'scheduled'"
        );
        let n = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(AdState::Published.as_str())
            .bind(at)
            .bind(&org_id)
            .bind(&id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n > 0 {
            record_event(&mut tx, &org_id, &id, AdEventAction::Published, None, None).await?;
            published += 1;
        }
        tx.commit().await?;
    }
    let ended: Vec<(String, String, i64)> = sqlx::query_as("SELECT org_id, id, deadline FROM job_ads WHERE status IN ('scheduled', 'published') AND deadline <= $1").bind(at).fetch_all(db.pool()).await?;
    let mut closed = 0;
    for (org_id, id, deadline) in ended {
        let mut tx = db.begin().await?;
        let n = sqlx::query(
            "UPDATE job_ads SET status = 'closed', closed_at = $1, retention_from = $1, updated_at = $2,
             jobmarket_state = CASE WHEN jobmarket_state IN ('sent', 'pending', 'failed') OR jobmarket_sent_at IS NOT NULL THEN 'archive-pending' ELSE jobmarket_state END, jobmarket_next_at = $2, jobmarket_attempts = 0
             WHERE org_id = $3 AND id = $4 AND status IN ('scheduled', 'published') AND deadline <= $2",
        )
        .bind(deadline)
        .bind(at)
        .bind(&org_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n > 0 {
            record_event(&mut tx, &org_id, &id, AdEventAction::ClosedAtDeadline, None, None)
                .await?;
            closed += 1;
        }
        tx.commit().await?;
    }
    Ok((published, closed))
}

/// Runs [`tick`] every few seconds until the process stops.
pub async fn tick_forever(db: Db) {
    loop {
        match tick(&db, now()).await {
            Ok(_) => crate::jobs::beat(crate::jobs::Job::AdClock),
            Err(e) => tracing::error!(error = %e, "job ad tick failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }
}

pub async fn get(db: &Db, org_id: &str, ad_id: &str) -> Result<StoredAd> {
    let sql = format!("SELECT {COLUMNS} FROM job_ads WHERE org_id = $1 AND id = $2");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(ad_id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(Error::NotFound)
}

async fn get_tx(tx: &mut Tx, org_id: &str, ad_id: &str) -> Result<StoredAd> {
    let sql = format!("SELECT {COLUMNS} FROM job_ads WHERE org_id = $1 AND id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(ad_id)
        .fetch_one(&mut **tx)
        .await?)
}

pub async fn texts(db: &Db, org_id: &str, ad_id: &str) -> Result<BTreeMap<Lang, AdText>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT lang, title, description FROM job_ad_texts WHERE org_id = $1 AND ad_id = $2",
    )
    .bind(org_id)
    .bind(ad_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(l, title, description)| {
            Lang::parse(&l).map(|l| (l, AdText { title, description }))
        })
        .collect())
}

/// An ad with its title in the reader's language, for lists.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AdSummary {
    #[serde(flatten)]
    pub ad: StoredAd,
    pub title: String,
    pub languages: Vec<Lang>,
}

/// The organisation's ads for recruiters, newest first; `status` filters (`active` = not
/// archived and not templates, the default; `all`).
pub async fn list(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    filter: AdFilter,
    lang: Lang,
) -> Result<Vec<AdSummary>> {
    actor.check(Permission::WorkRecruitment, org)?;
    let condition = match filter {
        AdFilter::Active => "status NOT IN ('archived', 'template')".to_string(),
        AdFilter::All => "1 = 1".to_string(),
        // One state: its word, from the closed set, never from the request.
        state => format!("status = '{}'", state.as_str()),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM job_ads WHERE org_id = $1 AND {condition} ORDER BY updated_at DESC LIMIT 500"
    );
    let ads: Vec<StoredAd> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&org.id).fetch_all(db.pool()).await?;
    let mut out = Vec::with_capacity(ads.len());
    for ad in ads {
        let texts = texts(db, &org.id, &ad.id).await?;
        let title = std::iter::once(lang)
            .chain(Lang::ALL)
            .find_map(|l| texts.get(&l))
            .map(|t| t.title.clone())
            .unwrap_or_default();
        out.push(AdSummary { languages: texts.keys().copied().collect(), title, ad });
    }
    Ok(out)
}

/// One step of an ad's history.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct AdEvent {
    #[sqlx(try_from = "String")]
    pub action: AdEventAction,
    pub note: Option<String>,
    pub by_name: Option<String>,
    pub at: i64,
}

pub async fn history(db: &Db, org_id: &str, ad_id: &str) -> Result<Vec<AdEvent>> {
    Ok(sqlx::query_as(
        "SELECT e.action, e.note, u.display_name AS by_name, e.at FROM job_ad_events e LEFT JOIN users u ON u.id = e.by_user_id
         WHERE e.org_id = $1 AND e.ad_id = $2 ORDER BY e.at, e.id",
    )
    .bind(org_id)
    .bind(ad_id)
    .fetch_all(db.pool())
    .await?)
}

/// The ad as the pure recruitment modules (board, feeds, schema.org, job market) read it.
pub async fn job_ad(db: &Db, org: &Organisation, ad: &StoredAd) -> Result<JobAd> {
    let texts = texts(db, &org.id, &ad.id).await?;
    let unit = match &ad.unit_id {
        Some(u) => units::get(db, &org.id, u).await.ok().map(|u| (u.slug, u.name)),
        None => None,
    };
    ad.to_job_ad(&org.slug, &org.name, unit, texts)
}

fn parse_kebab<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    Ok(serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(anyhow::Error::from)?)
}

impl StoredAd {
    /// With what was read alongside it (organisation, unit as (slug, name), texts), the ad
    /// as the pure modules read it. One conversion for the board's bulk reads and single ads.
    pub fn to_job_ad(
        &self,
        org_slug: &str,
        org_name: &str,
        unit: Option<(String, String)>,
        texts: BTreeMap<Lang, AdText>,
    ) -> Result<JobAd> {
        Ok(JobAd {
            id: self.id.clone(),
            org_slug: org_slug.to_string(),
            org_name: org_name.to_string(),
            unit_slug: unit.as_ref().map(|u| u.0.clone()),
            unit_name: unit.map(|u| u.1),
            municipality_name: self.municipality_name.clone(),
            municipality_code: MunicipalityCode::parse(&self.municipality_code)
                .ok_or(anyhow::anyhow!("stored municipality code"))?,
            region_code: self.region_code.clone(),
            workplace: Workplace {
                street: self.street.clone(),
                postal_code: self.postal_code.clone(),
                city: self.city.clone(),
            },
            employment_type: parse_kebab(&self.employment_type)?,
            working_time: parse_kebab(&self.working_time)?,
            engagement: parse_kebab(&self.engagement)?,
            start: self.start_text.clone(),
            duration: self.duration_text.clone(),
            salary_basis: self.salary_basis.clone(),
            vacancies: u32::try_from(self.vacancies).unwrap_or(1),
            occupation_code: self.occupation_code.clone(),
            contacts: self.contacts(),
            published_at: self.published_at.or(self.publish_at).unwrap_or(self.created_at),
            deadline: self.deadline,
            texts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_are_helsinki() {
        // 15.12.2026 16:00 in Helsinki is 14:00 UTC (winter, +02:00).
        let t = parse_local("2026-12-15T16:00", "deadline").unwrap();
        assert_eq!(t, 1_797_343_200);
        assert_eq!(format_local(t), "2026-12-15T16:00");
        // Summer time: +03:00.
        assert_eq!(parse_local("2026-06-15 16:00", "deadline").unwrap(), 1_781_528_400);
        assert_eq!(parse_local("15.12.2026", "deadline").unwrap_err().code(), "datetime-invalid");
    }

    fn ad(status: &str, publish_at: Option<i64>, deadline: i64) -> StoredAd {
        StoredAd {
            org_id: "o".into(),
            id: "a".into(),
            status: status.parse().unwrap(),
            unit_id: None,
            municipality_name: "Espoo".into(),
            municipality_code: "049".into(),
            region_code: None,
            street: String::new(),
            postal_code: String::new(),
            city: String::new(),
            employment_type: "permanent".into(),
            working_time: "full-time".into(),
            engagement: "employment-contract".into(),
            start_text: None,
            duration_text: None,
            salary_basis: None,
            vacancies: 1,
            occupation_code: None,
            contacts: "[]".into(),
            questions: "[]".into(),
            publish_at,
            deadline,
            published_at: None,
            closed_at: None,
            archived_at: None,
            retention_from: None,
            created_by: "u".into(),
            created_at: 0,
            updated_at: 0,
            approved_by: None,
            approved_at: None,
            jobmarket_state: JobmarketState::NotSent,
            jobmarket_detail: None,
            jobmarket_attempts: 0,
            jobmarket_next_at: None,
            jobmarket_sent_at: None,
        }
    }

    #[test]
    fn open_is_decided_by_the_clock_to_the_second() {
        assert!(ad("published", None, 1000).is_open(999));
        assert!(!ad("published", None, 1000).is_open(1000), "closed at the deadline itself");
        assert!(!ad("scheduled", Some(500), 1000).is_open(499));
        assert!(
            ad("scheduled", Some(500), 1000).is_open(500),
            "open from its publish time even before the tick"
        );
        assert!(!ad("draft", None, 1000).is_open(10));
        assert!(!ad("awaiting-approval", None, 1000).is_open(10));
        assert!(!ad("closed", None, 1000).is_open(10));
    }
}

#[cfg(test)]
mod closed_set_tests {
    use super::{AdAction, AdEventAction, AdFilter, AdState};
    use crate::closed_set::check;

    #[test]
    fn ad_states_and_actions_keep_their_words_and_refuse_others() {
        check::<AdState>("status", "status-invalid");
        check::<AdAction>("action", "action-invalid");
        check::<AdEventAction>("action", "action-invalid");
        check::<AdFilter>("status", "status-invalid");
        let words: Vec<&str> = AdState::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            words,
            [
                "template",
                "draft",
                "awaiting-approval",
                "scheduled",
                "published",
                "closed",
                "archived"
            ]
        );
        let words: Vec<&str> = AdAction::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, ["close", "archive", "withdraw"]);
    }

    #[test]
    fn the_list_filter_is_every_state_and_active_and_all() {
        let mut words: Vec<&str> = AdFilter::ALL.iter().map(|f| f.as_str()).collect();
        words.sort();
        let mut expected: Vec<&str> = AdState::ALL.iter().map(|s| s.as_str()).collect();
        expected.extend(["active", "all"]);
        expected.sort();
        assert_eq!(words, expected);
        for &s in AdState::ALL {
            assert_eq!(AdFilter::from(s).as_str(), s.as_str());
        }
    }

    #[test]
    fn history_words_are_those_the_page_translates() {
        // Every step stored in job_ad_events, and each ad action recorded by its own word.
        let words: Vec<&str> = AdEventAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            words,
            [
                "created",
                "template-created",
                "edited",
                "submitted",
                "scheduled",
                "published",
                "approved",
                "returned",
                "close",
                "archive",
                "withdraw",
                "extended",
                "reopened",
                "closed-at-deadline"
            ]
        );
        for &a in AdAction::ALL {
            assert_eq!(AdEventAction::from(a).as_str(), a.as_str());
        }
        for &a in AdEventAction::ALL {
            for lang in crate::i18n::Lang::ALL {
                let key = format!("recruitment-event-{a}");
                assert_ne!(lang.t(&key), key, "{lang}: {a}");
            }
        }
    }
}
