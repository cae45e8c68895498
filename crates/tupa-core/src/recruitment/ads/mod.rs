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

mod input;
mod workflow;
pub use input::{AdInput, format_local, parse_local};
use input::{bind_content, check, write_texts};
pub use workflow::{act, decide, extend, submit, tick, tick_forever};

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
