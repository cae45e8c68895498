//! Applications as recruiters and hiring managers work them: list and compare, the detail
//! with its history, stage moves, ratings, notes, refusal with a reason, selection, messages
//! and documents from templates.
//!
//! Every read of applicants' data is written to the audit log (the main admin reads it);
//! the entries name the application or ad, never the person.
//!
//! Anonymised review: while an application is before the organisation's
//! `anonymous_until_stage`, the names, e-mail, phone and birth year are replaced by the
//! reference, and its files cannot be downloaded (CVs and certificates carry names) nor
//! documents made from templates (they would print the name). Messages can still be sent:
//! the recruiter never sees the filled-in text. An application whose stage the organisation
//! has since removed stays hidden — unknown is treated as "not yet".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::ads::{self, StoredAd};
use super::applications::{
    self, Application, ApplicationEventKind, ApplicationStatus, FileInfo, record_event,
};
use super::settings::{self, RecruitmentSettings};
use super::templates::{self, MergeValues, TemplateKind};
use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::config::Settings;
use crate::db::{Db, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::mail::outbox::{self, NewMail};
use crate::organisations::Organisation;

/// Whether the application's personal details are hidden from reviewers now.
pub fn anonymised(rs: &RecruitmentSettings, a: &Application) -> bool {
    let Some(until) = &rs.anonymous_until_stage else { return false };
    if a.selected_at.is_some() {
        return false;
    }
    match (
        rs.stages.iter().position(|s| &s.id == until),
        rs.stages.iter().position(|s| s.id == a.stage),
    ) {
        (Some(limit), Some(here)) => here < limit,
        _ => true,
    }
}

/// An application as a reviewer sees it. Hidden details are `null` and `anonymised` is true.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ApplicationView {
    pub id: String,
    pub ad_id: String,
    pub reference: String,
    pub stage: String,
    pub stage_name: String,
    pub status: ApplicationStatus,
    pub anonymised: bool,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birth_year: Option<i64>,
    pub lang: String,
    /// Question id → answer.
    pub answers: BTreeMap<String, String>,
    pub cover_letter: String,
    pub rating: Option<i64>,
    pub refusal_reason: Option<String>,
    pub selected_at: Option<i64>,
    pub withdrawn_at: Option<i64>,
    pub created_at: i64,
    pub file_count: i64,
}

impl ApplicationView {
    fn of(a: &Application, rs: &RecruitmentSettings, lang: Lang, file_count: i64) -> Self {
        let hidden = anonymised(rs, a);
        let shown = |v: &str| (!hidden).then(|| v.to_string());
        ApplicationView {
            id: a.id.clone(),
            ad_id: a.ad_id.clone(),
            reference: a.reference.clone(),
            stage: a.stage.clone(),
            stage_name: rs.stage(&a.stage).map(|s| s.name(lang)).unwrap_or_else(|| a.stage.clone()),
            status: a.status(),
            anonymised: hidden,
            first_name: shown(&a.first_name),
            last_name: shown(&a.last_name),
            email: shown(&a.email),
            phone: if hidden { None } else { a.phone.clone() },
            birth_year: if hidden { None } else { a.birth_year },
            lang: a.lang.clone(),
            answers: a.answers(),
            cover_letter: a.cover_letter.clone(),
            rating: a.rating,
            refusal_reason: a.refusal_reason.clone(),
            selected_at: a.selected_at,
            withdrawn_at: a.withdrawn_at,
            created_at: a.created_at,
            file_count,
        }
    }

    /// The applicant's name, or the reference while names are hidden.
    pub fn display_name(&self) -> String {
        match (&self.first_name, &self.last_name) {
            (Some(f), Some(l)) => format!("{f} {l}"),
            _ => self.reference.clone(),
        }
    }
}

/// One step of an application's history.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct ApplicationEvent {
    #[sqlx(try_from = "String")]
    pub kind: ApplicationEventKind,
    pub body: Option<String>,
    pub by_name: Option<String>,
    pub at: i64,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ApplicationDetail {
    #[serde(flatten)]
    pub application: ApplicationView,
    /// Empty while the application is anonymised.
    pub files: Vec<FileInfo>,
    pub events: Vec<ApplicationEvent>,
}

fn by(actor: &Actor, ip: Option<&str>) -> By {
    By::user(&actor.user, ip)
}

async fn counts_of_files(db: &Db, org_id: &str, ad_id: &str) -> Result<BTreeMap<String, i64>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT f.application_id, COUNT(*) FROM application_files f JOIN applications a ON a.org_id = f.org_id AND a.id = f.application_id WHERE a.org_id = $1 AND a.ad_id = $2 GROUP BY f.application_id",
    )
    .bind(org_id)
    .bind(ad_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().collect())
}

/// The applications to one ad of the organisation, sorted by `stage` (furthest along the
/// pipeline first, then by rating), `rating` (best first) or `date` (newest first, the default). The read is audited.
pub async fn list(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ad_id: &str,
    sort: Option<&str>,
    lang: Lang,
) -> Result<(StoredAd, Vec<ApplicationView>)> {
    actor.check(Permission::WorkRecruitment, org)?;
    let ad = ads::get(db, &org.id, ad_id).await?;
    let rs = settings::get(db, &org.id).await?;
    let sql = format!(
        "SELECT {} FROM applications WHERE org_id = $1 AND ad_id = $2 ORDER BY created_at DESC, id DESC LIMIT 2000",
        applications::COLUMNS
    );
    let rows: Vec<Application> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&org.id)
        .bind(ad_id)
        .fetch_all(db.pool())
        .await?;
    let files = counts_of_files(db, &org.id, ad_id).await?;
    let mut views: Vec<ApplicationView> = rows
        .iter()
        .map(|a| ApplicationView::of(a, &rs, lang, files.get(&a.id).copied().unwrap_or(0)))
        .collect();
    let rating_desc = |v: &ApplicationView| std::cmp::Reverse(v.rating.unwrap_or(0));
    match sort.unwrap_or("date") {
        "stage" => views.sort_by_key(|v| {
            (
                v.status == ApplicationStatus::Withdrawn,
                std::cmp::Reverse(rs.stage_index(&v.stage).min(usize::MAX - 1)),
                rating_desc(v),
            )
        }),
        "rating" => views.sort_by_key(|v| {
            (
                v.status == ApplicationStatus::Withdrawn,
                rating_desc(v),
                std::cmp::Reverse(v.created_at),
            )
        }),
        "date" => {}
        _ => return Err(Error::invalid("sort", "sort-invalid")),
    }
    audit::record_now(
        db,
        Some(&org.id),
        &by(actor, ip),
        audit::Action::ApplicationsViewed,
        Some((audit::Target::JobAd, ad_id)),
        serde_json::json!({"count": views.len()}),
    )
    .await?;
    Ok((ad, views))
}

async fn events(db: &Db, org_id: &str, application_id: &str) -> Result<Vec<ApplicationEvent>> {
    Ok(sqlx::query_as(
        "SELECT e.kind, e.body, u.display_name AS by_name, e.at FROM application_events e LEFT JOIN users u ON u.id = e.by_user_id
         WHERE e.org_id = $1 AND e.application_id = $2 ORDER BY e.at, e.id",
    )
    .bind(org_id)
    .bind(application_id)
    .fetch_all(db.pool())
    .await?)
}

/// An application with its files and history. The read is audited.
pub async fn detail(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    lang: Lang,
) -> Result<ApplicationDetail> {
    actor.check(Permission::WorkRecruitment, org)?;
    let a = applications::get(db, &org.id, id).await?;
    let rs = settings::get(db, &org.id).await?;
    let all_files = applications::files(db, &org.id, id).await?;
    let view = ApplicationView::of(&a, &rs, lang, all_files.len() as i64);
    let files = if view.anonymised { vec![] } else { all_files };
    let events = events(db, &org.id, id).await?;
    // The read audit (action `read`, once per reader and window; issue 9).
    audit::record_read(
        db,
        &org.id,
        &actor.user,
        ip,
        audit::ReadTarget::Application,
        id,
        serde_json::json!({"ad_id": a.ad_id, "anonymised": view.anonymised}),
    )
    .await?;
    Ok(ApplicationDetail { application: view, files, events })
}

/// A file of an application, to download; refused while the application is anonymised.
pub async fn file(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    file_id: &str,
) -> Result<(FileInfo, Vec<u8>)> {
    actor.check(Permission::WorkRecruitment, org)?;
    let a = applications::get(db, &org.id, id).await?;
    let row: Option<(String, applications::FileKind, String, String, i64, Vec<u8>)> = sqlx::query_as("SELECT id, kind, filename, content_type, size, content FROM application_files WHERE org_id = $1 AND application_id = $2 AND id = $3")
        .bind(&org.id)
        .bind(id)
        .bind(file_id)
        .fetch_optional(db.pool())
        .await?;
    let (fid, kind, filename, content_type, size, content) = row.ok_or(Error::NotFound)?;
    if anonymised(&settings::get(db, &org.id).await?, &a) {
        return Err(Error::conflict("file", "application-anonymised"));
    }
    audit::record_now(
        db,
        Some(&org.id),
        &by(actor, ip),
        audit::Action::ApplicationFileDownloaded,
        Some((audit::Target::Application, id)),
        serde_json::json!({"file_id": fid}),
    )
    .await?;
    Ok((FileInfo { id: fid, kind, filename, content_type, size }, content))
}

/// Loads an application for a change: it must be the organisation's and not withdrawn.
async fn changeable(db: &Db, actor: &Actor, org: &Organisation, id: &str) -> Result<Application> {
    actor.check(Permission::WorkRecruitment, org)?;
    let a = applications::get(db, &org.id, id).await?;
    if a.withdrawn_at.is_some() {
        return Err(Error::conflict("form", "application-withdrawn"));
    }
    Ok(a)
}

/// Runs one UPDATE with its history step and audit entry.
#[allow(clippy::too_many_arguments)]
async fn change(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    a: &Application,
    set: &str,
    value: ChangeValue<'_>,
    event: (ApplicationEventKind, Option<&str>),
    action: crate::audit::Action,
    details: serde_json::Value,
) -> Result<()> {
    let mut tx = db.begin().await?;
    if !set.is_empty() {
        // Only while not withdrawn meanwhile.
        let sql = format!(
            "UPDATE applications SET {set}, updated_at = $2 WHERE org_id = $3 AND id = $4 AND withdrawn_at IS NULL"
        );
        let q = sqlx::query(sqlx::AssertSqlSafe(sql));
        let q = match value {
            ChangeValue::Text(t) => q.bind(t.map(str::to_string)),
            ChangeValue::Int(i) => q.bind(i),
        };
        if q.bind(now()).bind(&a.org_id).bind(&a.id).execute(&mut *tx).await?.rows_affected() == 0 {
            return Err(Error::conflict("form", "application-withdrawn"));
        }
    }
    record_event(&mut tx, &a.org_id, &a.id, event.0, event.1, Some(&actor.user.id)).await?;
    audit::record(
        &mut tx,
        Some(&a.org_id),
        &by(actor, ip),
        action,
        Some((audit::Target::Application, &a.id)),
        details,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

enum ChangeValue<'a> {
    Text(Option<&'a str>),
    Int(Option<i64>),
}

/// Moves the application to another stage of the organisation's pipeline.
pub async fn move_stage(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    stage: &str,
) -> Result<()> {
    let a = changeable(db, actor, org, id).await?;
    let rs = settings::get(db, &org.id).await?;
    if rs.stage(stage).is_none() {
        return Err(Error::invalid("stage", "stage-unknown"));
    }
    if a.stage == stage {
        return Ok(());
    }
    change(
        db,
        actor,
        ip,
        &a,
        "stage = $1",
        ChangeValue::Text(Some(stage)),
        (ApplicationEventKind::Stage, Some(stage)),
        crate::audit::Action::ApplicationStageChanged,
        serde_json::json!({"from": a.stage, "to": stage}),
    )
    .await
}

/// Rates the application 1–5 (or clears the rating with `None`).
pub async fn rate(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    rating: Option<i64>,
) -> Result<()> {
    let a = changeable(db, actor, org, id).await?;
    if rating.is_some_and(|r| !(1..=5).contains(&r)) {
        return Err(Error::invalid("rating", "rating-invalid"));
    }
    let text = rating.map(|r| r.to_string());
    change(
        db,
        actor,
        ip,
        &a,
        "rating = $1",
        ChangeValue::Int(rating),
        (ApplicationEventKind::Rating, text.as_deref()),
        crate::audit::Action::ApplicationRated,
        serde_json::json!({"rating": rating}),
    )
    .await
}

/// An internal note, seen by the organisation's recruiters only (allowed on a withdrawn
/// application too: the file may need a word on why).
pub async fn note(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    body: &str,
) -> Result<()> {
    actor.check(Permission::WorkRecruitment, org)?;
    let a = applications::get(db, &org.id, id).await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(Error::invalid("note", "required"));
    }
    if body.chars().count() > 5000 {
        return Err(Error::invalid("note", "text-too-long"));
    }
    change(
        db,
        actor,
        ip,
        &a,
        "",
        ChangeValue::Int(None),
        (ApplicationEventKind::Note, Some(body)),
        crate::audit::Action::ApplicationNoted,
        serde_json::json!({}),
    )
    .await
}

/// Refuses the application with a reason the file keeps; with a message template, the
/// applicant is told in their language.
#[allow(clippy::too_many_arguments)]
pub async fn refuse(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    reason: &str,
    template_id: Option<&str>,
) -> Result<()> {
    let a = changeable(db, actor, org, id).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "required"));
    }
    if reason.chars().count() > 1000 {
        return Err(Error::invalid("reason", "text-too-long"));
    }
    if a.selected_at.is_some() {
        return Err(Error::conflict("form", "application-selected"));
    }
    // The template is checked before anything changes.
    let template = match template_id.filter(|t| !t.is_empty()) {
        Some(t) => Some(message_template(db, &org.id, t).await?),
        None => None,
    };
    change(
        db,
        actor,
        ip,
        &a,
        "refusal_reason = $1",
        ChangeValue::Text(Some(reason)),
        (ApplicationEventKind::Refusal, Some(reason)),
        crate::audit::Action::ApplicationRefused,
        serde_json::json!({}),
    )
    .await?;
    if let Some(t) = template {
        send(db, settings, actor, ip, org, &a, &t, None).await?;
    }
    Ok(())
}

/// Selects the applicant (clears an earlier refusal).
pub async fn select(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    note: Option<&str>,
) -> Result<()> {
    let a = changeable(db, actor, org, id).await?;
    if a.selected_at.is_some() {
        return Ok(());
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 1000) {
        return Err(Error::invalid("note", "text-too-long"));
    }
    change(
        db,
        actor,
        ip,
        &a,
        "refusal_reason = NULL, selected_at = $1",
        ChangeValue::Int(Some(now())),
        (ApplicationEventKind::Selection, note),
        crate::audit::Action::ApplicationSelected,
        serde_json::json!({}),
    )
    .await
}

async fn message_template(
    db: &Db,
    org_id: &str,
    template_id: &str,
) -> Result<templates::RecruitmentTemplate> {
    let t = templates::get(db, org_id, template_id)
        .await
        .map_err(|_| Error::invalid("template_id", "template-unknown"))?;
    if t.kind != TemplateKind::Message {
        return Err(Error::invalid("template_id", "template-unknown"));
    }
    Ok(t)
}

async fn merge_values(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    a: &Application,
) -> Result<MergeValues> {
    Ok(MergeValues {
        first_name: a.first_name.clone(),
        last_name: a.last_name.clone(),
        ad_title: applications::ad_title(db, &org.id, &a.ad_id, a.language()).await?,
        organisation: org.name.clone(),
        reference: a.reference.clone(),
        recruiter: actor.user.display_name.clone(),
    })
}

#[allow(clippy::too_many_arguments)]
async fn send(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    a: &Application,
    t: &templates::RecruitmentTemplate,
    claim: Option<&crate::idempotency::Claim>,
) -> Result<()> {
    let values = merge_values(db, actor, org, a).await?;
    let (subject, body) = templates::render(t, a.language(), &values);
    let mut tx = db.begin().await?;
    // Under an idempotency key the mail and the key are kept together or not at all.
    crate::idempotency::begin(claim, &mut tx).await?;
    outbox::enqueue(
        &mut tx,
        settings,
        NewMail { org_id: Some(&org.id), to: &a.email, subject, body_text: body },
    )
    .await?;
    // The history names the template, not the filled-in text (which carries the name).
    record_event(
        &mut tx,
        &org.id,
        &a.id,
        ApplicationEventKind::Message,
        Some(&t.name),
        Some(&actor.user.id),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &by(actor, ip),
        audit::Action::ApplicationMessageSent,
        Some((audit::Target::Application, &a.id)),
        serde_json::json!({"template_id": t.id}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Mails the applicant a message from a template, in the applicant's language.
#[allow(clippy::too_many_arguments)]
pub async fn send_message(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    template_id: &str,
    claim: Option<&crate::idempotency::Claim>,
) -> Result<()> {
    let a = changeable(db, actor, org, id).await?;
    let t = message_template(db, &org.id, template_id).await?;
    send(db, settings, actor, ip, org, &a, &t, claim).await
}

/// A document from a template filled in for the application, in the applicant's language:
/// (file name, text). Refused while the application is anonymised.
pub async fn document(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    template_id: &str,
) -> Result<(String, String)> {
    actor.check(Permission::WorkRecruitment, org)?;
    let a = applications::get(db, &org.id, id).await?;
    let t = templates::get(db, &org.id, template_id)
        .await
        .ok()
        .filter(|t| t.kind == TemplateKind::Document)
        .ok_or(Error::invalid("template_id", "template-unknown"))?;
    if anonymised(&settings::get(db, &org.id).await?, &a) {
        return Err(Error::conflict("template_id", "application-anonymised"));
    }
    let values = merge_values(db, actor, org, &a).await?;
    let (title, body) = templates::render(&t, a.language(), &values);
    let text = if title.is_empty() { body } else { format!("{title}\n\n{body}") };
    let name: String =
        t.name.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect();
    let mut tx = db.begin().await?;
    record_event(
        &mut tx,
        &org.id,
        &a.id,
        ApplicationEventKind::Document,
        Some(&t.name),
        Some(&actor.user.id),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &by(actor, ip),
        audit::Action::ApplicationDocumentMade,
        Some((audit::Target::Application, &a.id)),
        serde_json::json!({"template_id": t.id}),
    )
    .await?;
    tx.commit().await?;
    Ok((format!("{}-{name}.txt", a.reference), text))
}

crate::closed_set! {
    /// What a reviewer does to an application through [`act`].
    #[derive(utoipa::ToSchema)]
    pub enum ReviewAction ("action", "action-invalid") {
        /// Moves it to `stage`.
        Stage = "stage",
        Rate = "rate",
        Note = "note",
        Refuse = "refuse",
        Select = "select",
        Message = "message",
    }
}

/// A stage move, rating, note, refusal, selection or message, as one API body.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ActionInput {
    /// stage, rate, note, refuse, select or message. Read as a word, so an unknown one is
    /// `action-invalid` (see [`ActionInput::action`]).
    #[schema(value_type = ReviewAction)]
    pub action: String,
    #[serde(default)]
    pub stage: Option<String>,
    /// 1–5; absent clears it.
    #[serde(default)]
    pub rating: Option<i64>,
    /// The note, the refusal reason or a note on the selection.
    #[serde(default)]
    pub text: Option<String>,
    /// A message template: sent with a refusal, or on its own with `message`.
    #[serde(default)]
    pub template_id: Option<String>,
}

impl ActionInput {
    /// The action asked for; an unknown word is `action-invalid`.
    pub fn action(&self) -> Result<ReviewAction> {
        self.action.parse()
    }
}

/// Runs one action on an application.
pub async fn act(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    input: &ActionInput,
) -> Result<()> {
    act_once(db, settings, actor, ip, org, id, input, None).await
}

/// [`act`] under an idempotency key, which a `message` action takes in its mail's
/// transaction (other actions do not take keys: the API passes none for them).
#[allow(clippy::too_many_arguments)]
pub async fn act_once(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    id: &str,
    input: &ActionInput,
    claim: Option<&crate::idempotency::Claim>,
) -> Result<()> {
    let action = input.action()?;
    // Checked here, before any action: the applicant's data may only be stored (GDPR art. 18).
    crate::data_requests::restriction::refuse_application(db, &org.id, id).await?;
    let text = input.text.as_deref().unwrap_or("");
    match action {
        ReviewAction::Stage => {
            move_stage(db, actor, ip, org, id, input.stage.as_deref().unwrap_or("")).await
        }
        ReviewAction::Rate => rate(db, actor, ip, org, id, input.rating).await,
        ReviewAction::Note => note(db, actor, ip, org, id, text).await,
        ReviewAction::Refuse => {
            refuse(db, settings, actor, ip, org, id, text, input.template_id.as_deref()).await
        }
        ReviewAction::Select => select(db, actor, ip, org, id, Some(text)).await,
        ReviewAction::Message => {
            send_message(
                db,
                settings,
                actor,
                ip,
                org,
                id,
                input.template_id.as_deref().unwrap_or(""),
                claim,
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recruitment::settings::default_stages;

    fn app(stage: &str) -> Application {
        Application {
            org_id: "o".into(),
            id: "a".into(),
            ad_id: "ad".into(),
            reference: "H-ABCDEF".into(),
            stage: stage.into(),
            first_name: "Aino".into(),
            last_name: "Virtanen".into(),
            email: "aino@example.fi".into(),
            phone: Some("040 123".into()),
            birth_year: Some(1990),
            lang: "fi".into(),
            answers: "{}".into(),
            cover_letter: String::new(),
            consent_at: 0,
            rating: None,
            refusal_reason: None,
            selected_at: None,
            withdrawn_at: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn names_are_hidden_until_the_stage() {
        let rs = RecruitmentSettings {
            anonymous_until_stage: Some("interview".into()),
            stages: default_stages(),
            ..Default::default()
        };
        for (stage, hidden) in [
            ("received", true),
            ("screening", true),
            ("interview", false),
            ("final", false),
            ("removed-stage", true),
        ] {
            assert_eq!(anonymised(&rs, &app(stage)), hidden, "{stage}");
        }
        let v = ApplicationView::of(&app("screening"), &rs, Lang::Fi, 1);
        assert_eq!((v.first_name, v.email, v.phone, v.birth_year), (None, None, None, None));
        assert_eq!(
            ApplicationView::of(&app("screening"), &rs, Lang::Fi, 1).display_name(),
            "H-ABCDEF"
        );
        assert_eq!(
            ApplicationView::of(&app("interview"), &rs, Lang::Fi, 1).display_name(),
            "Aino Virtanen"
        );
        let mut selected = app("received");
        selected.selected_at = Some(1);
        assert!(!anonymised(&rs, &selected), "the selected person is named");
        assert!(!anonymised(&RecruitmentSettings::default(), &app("received")), "off by default");
    }
}

#[cfg(test)]
mod closed_set_tests {
    use super::ReviewAction;
    use crate::closed_set::check;

    #[test]
    fn review_actions_keep_their_words_and_refuse_others() {
        check::<ReviewAction>("action", "action-invalid");
        let words: Vec<&str> = ReviewAction::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, ["stage", "rate", "note", "refuse", "select", "message"]);
    }
}
