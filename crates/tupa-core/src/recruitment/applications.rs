//! Applications as applicants make them: the form's checks, the files (types judged by
//! content, limits set by the organisation), the confirmation mail with the applicant's own
//! link, and what that link allows — seeing the application and withdrawing it.
//!
//! Decisions:
//! - One live application per e-mail address and ad. A second one is not stored; the person
//!   is answered exactly as for a first one (so the form does not reveal whether an address
//!   has applied), and the mail sent to the address carries a fresh link to the earlier
//!   application, where it can be withdrawn and made again.
//! - A withdrawn application is kept (marked withdrawn) until the recruitment's retention
//!   ends: it belongs to the authority's recruitment records. Erasure is a data subject
//!   request.
//! - The link token is random, mailed once and stored only as its SHA-256 digest.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::ads::{self, StoredAd};
use super::settings::{self, RecruitmentSettings};
use crate::audit::{self, By};
use crate::config::Settings;
use crate::db::{Db, Tx, is_unique_violation, new_id, now};
use crate::desk::uploads;
use crate::error::{Checks, Error, Result};
use crate::i18n::Lang;
use crate::identity::Email;
use crate::identity::secrets::{digest, random_token};
use crate::mail::outbox::{self, NewMail};
use crate::organisations::Organisation;

/// What one application may carry in all, whatever the per-file limit: the route refuses a
/// larger body before reading it.
pub const MAX_APPLICATION_BYTES: usize = 64 * 1024 * 1024;

/// Answers are reported at `answer-<position>` (error fields are static names).
pub const ANSWER_FIELDS: [&str; 20] = [
    "answer-0",
    "answer-1",
    "answer-2",
    "answer-3",
    "answer-4",
    "answer-5",
    "answer-6",
    "answer-7",
    "answer-8",
    "answer-9",
    "answer-10",
    "answer-11",
    "answer-12",
    "answer-13",
    "answer-14",
    "answer-15",
    "answer-16",
    "answer-17",
    "answer-18",
    "answer-19",
];

/// An application as stored (without its token digest).
#[derive(Clone, Debug, FromRow)]
pub struct Application {
    pub org_id: String,
    pub id: String,
    pub ad_id: String,
    pub reference: String,
    pub stage: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub birth_year: Option<i64>,
    pub lang: String,
    pub answers: String,
    pub cover_letter: String,
    pub consent_at: i64,
    pub rating: Option<i64>,
    pub refusal_reason: Option<String>,
    pub selected_at: Option<i64>,
    pub withdrawn_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

pub const COLUMNS: &str = "org_id, id, ad_id, reference, stage, first_name, last_name, email, phone, birth_year, lang, answers, cover_letter, consent_at, rating, refusal_reason, selected_at, withdrawn_at, created_at, updated_at";

impl Application {
    pub fn answers(&self) -> BTreeMap<String, String> {
        serde_json::from_str(&self.answers).unwrap_or_default()
    }
    pub fn language(&self) -> Lang {
        Lang::parse(&self.lang).unwrap_or_default()
    }
    /// Where the application stands, from its withdrawal, selection and refusal.
    pub fn status(&self) -> ApplicationStatus {
        if self.withdrawn_at.is_some() {
            ApplicationStatus::Withdrawn
        } else if self.selected_at.is_some() {
            ApplicationStatus::Selected
        } else if self.refusal_reason.is_some() {
            ApplicationStatus::Refused
        } else {
            ApplicationStatus::Active
        }
    }
}

crate::closed_set! {
    /// Where an application stands apart from its stage (which the organisation names):
    /// derived from its withdrawal, selection and refusal, never stored as a word.
    #[derive(utoipa::ToSchema)]
    pub enum ApplicationStatus ("status", "status-invalid") {
        Active = "active",
        Refused = "refused",
        Selected = "selected",
        Withdrawn = "withdrawn",
    }
}

crate::closed_set! {
    /// A step of an application's history (`application_events.kind`), shown as
    /// `application-event-<word>`; the body holds the stage id, the rating, the note's text,
    /// the refusal reason or the template's name.
    #[derive(utoipa::ToSchema)]
    pub enum ApplicationEventKind ("kind", "action-unknown") {
        Received = "received",
        Stage = "stage",
        Rating = "rating",
        Note = "note",
        Refusal = "refusal",
        Selection = "selection",
        Message = "message",
        Document = "document",
        /// By the applicant.
        Withdrawal = "withdrawal",
    }
}

crate::closed_set! {
    /// What a file of an application is: the CV field's file, or one of the attachments.
    #[derive(utoipa::ToSchema)]
    pub enum FileKind ("kind", "application-file-type") {
        Cv = "cv",
        Attachment = "attachment",
    }
}

/// A file of an application, without its content.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct FileInfo {
    pub id: String,
    pub kind: FileKind,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
}

/// A checked file, ready to store.
#[derive(Clone, Debug)]
pub struct NewFile {
    pub kind: FileKind,
    pub filename: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Checks the posted files against the organisation's limits: `(field, file name, bytes)`
/// with field `cv` or `attachments`; empty file inputs are skipped.
pub fn check_files(
    limits: &RecruitmentSettings,
    files: Vec<(String, String, Vec<u8>)>,
) -> Result<Vec<NewFile>> {
    let files: Vec<_> = files
        .into_iter()
        .filter(|(_, name, bytes)| !(name.is_empty() && bytes.is_empty()))
        .collect();
    if files.len() as i64 > limits.max_files {
        return Err(Error::invalid("attachments", "application-files-too-many"));
    }
    let mut out = Vec::with_capacity(files.len());
    for (field, name, bytes) in files {
        let (kind, field) = if field == "cv" {
            (FileKind::Cv, "cv")
        } else {
            (FileKind::Attachment, "attachments")
        };
        if bytes.len() as i64 > limits.max_file_bytes {
            return Err(Error::invalid(field, "application-file-too-large"));
        }
        let filename = uploads::clean_filename(&name);
        let content_type = uploads::sniff(&filename, &bytes)
            .ok_or(Error::invalid(field, "application-file-type"))?;
        out.push(NewFile { kind, filename, content_type, bytes });
    }
    if out.iter().map(|f| f.bytes.len()).sum::<usize>() > MAX_APPLICATION_BYTES {
        return Err(Error::invalid("attachments", "application-file-too-large"));
    }
    Ok(out)
}

/// The form, as posted.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ApplyInput {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Four digits, or empty.
    #[serde(default)]
    pub birth_year: String,
    #[serde(default)]
    pub cover_letter: String,
    /// Question id → answer.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// The applicant ticked the consent.
    #[serde(default)]
    pub consent: bool,
}

fn name_part(s: &str, field: &'static str) -> Result<String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Error::invalid(field, "required"));
    }
    if s.chars().count() > 100 || s.chars().any(char::is_control) {
        return Err(Error::invalid(field, "name-invalid"));
    }
    Ok(s.to_string())
}

struct Checked {
    first_name: String,
    last_name: String,
    email: String,
    phone: Option<String>,
    birth_year: Option<i64>,
    cover_letter: String,
    answers: BTreeMap<String, String>,
}

/// Checks every field and reports all problems at once (the applicant fixes them in one go).
fn check(ad: &StoredAd, input: &ApplyInput, at: i64) -> Result<Checked> {
    let mut c = Checks::new();
    let first_name = c.take(name_part(&input.first_name, "first_name"));
    let last_name = c.take(name_part(&input.last_name, "last_name"));
    let email = c
        .take(Email::parse(&input.email).map_err(|e| e.at("email")))
        .map(|e| e.as_str().to_string());
    let phone = match input.phone.trim() {
        "" => None,
        p if p.len() <= 40
            && p.chars().any(|c| c.is_ascii_digit())
            && p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) =>
        {
            Some(p.to_string())
        }
        _ => {
            c.push("phone", "phone-invalid");
            None
        }
    };
    let this_year = crate::desk::hours::to_helsinki(at).year() as i64;
    let birth_year = match input.birth_year.trim() {
        "" => None,
        y => match y.parse::<i64>() {
            Ok(y) if (this_year - 100..=this_year - 13).contains(&y) => Some(y),
            _ => {
                c.push("birth_year", "birth-year-invalid");
                None
            }
        },
    };
    let cover_letter = input.cover_letter.trim().to_string();
    if cover_letter.chars().count() > 10_000 {
        c.push("cover_letter", "text-too-long");
    }
    let mut answers = BTreeMap::new();
    for (i, q) in ad.questions().iter().enumerate().take(ANSWER_FIELDS.len()) {
        let answer = input.answers.get(&q.id).map(|a| a.trim()).unwrap_or("");
        if answer.is_empty() {
            if q.required {
                c.push(ANSWER_FIELDS[i], "required");
            }
            continue;
        }
        if answer.chars().count() > 5000 {
            c.push(ANSWER_FIELDS[i], "text-too-long");
            continue;
        }
        answers.insert(q.id.clone(), answer.to_string());
    }
    if !input.consent {
        c.push("consent", "application-consent-required");
    }
    match (first_name, last_name, email) {
        (Some(first_name), Some(last_name), Some(email)) if c.is_empty() => {
            Ok(Checked { first_name, last_name, email, phone, birth_year, cover_letter, answers })
        }
        _ => Err(c.error()),
    }
}

/// The applicant's typed fields checked on their own, for a form refused for its files: the
/// answer then names every other problem as well.
pub fn check_input(ad: &StoredAd, input: &ApplyInput, at: i64) -> Result<()> {
    check(ad, input, at).map(|_| ())
}

/// A short reference for the applicant and for anonymised review, such as `H-7KQ2MX`
/// (letters and digits that cannot be mistaken for each other).
fn new_reference() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let code: String =
        (0..6).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    format!("H-{code}")
}

/// The public ad an application can be made to: `Ok(None)` when the ad has been public but
/// its application period is over (the page says so, 410), `NotFound` when it was never
/// public here (a draft, another organisation's id, a plan without recruitment).
pub async fn open_ad(
    db: &Db,
    org: &Organisation,
    ad_id: &str,
    at: i64,
) -> Result<Option<StoredAd>> {
    crate::authz::require_capability(db, org, crate::organisations::plans::Capability::Recruitment)
        .await
        .map_err(|_| Error::NotFound)?;
    if org.retired_at.is_some() {
        return Err(Error::NotFound);
    }
    let ad = ads::get(db, &org.id, ad_id).await?;
    if ad.is_open(at) {
        return Ok(Some(ad));
    }
    let was_public = (ad.status.is_public() || ad.status.is_over())
        && (ad.published_at.is_some() || ad.publish_at.is_some_and(|p| p <= at));
    if was_public { Ok(None) } else { Err(Error::NotFound) }
}

/// The title of the ad in `lang` (or the nearest language it has).
pub async fn ad_title(db: &Db, org_id: &str, ad_id: &str, lang: Lang) -> Result<String> {
    let texts = ads::texts(db, org_id, ad_id).await?;
    Ok(std::iter::once(lang)
        .chain(Lang::ALL)
        .find_map(|l| texts.get(&l))
        .map(|t| t.title.clone())
        .unwrap_or_default())
}

/// What the applicant is told: the reference (empty for a repeated application, whose
/// reference only the mail carries).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Received {
    pub reference: String,
}

/// Makes an application to an open ad (checked with [`open_ad`]) and mails the applicant
/// the confirmation with their own link. See the module comment for a repeated one.
#[allow(clippy::too_many_arguments)]
pub async fn apply(
    db: &Db,
    settings: &Settings,
    org: &Organisation,
    ad: &StoredAd,
    input: &ApplyInput,
    files: Vec<NewFile>,
    lang: Lang,
    ip: Option<&str>,
) -> Result<Received> {
    let at = now();
    if !ad.is_open(at) || ad.org_id != org.id {
        return Err(Error::conflict("form", "application-period-over"));
    }
    let c = check(ad, input, at)?;
    let rs = settings::get(db, &org.id).await?;
    let title = ad_title(db, &org.id, &ad.id, lang).await?;
    let token = random_token();
    let link = format!("{}/applications/{token}", settings.public_url.trim_end_matches('/'));
    let by = By { user_id: None, label: "applicant".into(), ip: ip.map(str::to_string) };

    let mut tx = db.begin().await?;
    let earlier: Option<(String, String, String)> = sqlx::query_as("SELECT id, reference, lang FROM applications WHERE org_id = $1 AND ad_id = $2 AND email = $3 AND withdrawn_at IS NULL")
        .bind(&org.id)
        .bind(&ad.id)
        .bind(&c.email)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some((id, reference, _)) = earlier {
        // The earlier application's link is lost with the old mail: a new one replaces it.
        sqlx::query("UPDATE applications SET access_token_hash = $1 WHERE org_id = $2 AND id = $3")
            .bind(digest(&token))
            .bind(&org.id)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        let body = lang.t_args(
            "application-mail-repeat-body",
            &[("ad", &title), ("org", &org.name), ("reference", &reference), ("link", &link)],
        );
        outbox::enqueue(
            &mut tx,
            settings,
            NewMail {
                org_id: Some(&org.id),
                to: &c.email,
                subject: lang.t_args("application-mail-repeat-subject", &[("ad", &title)]),
                body_text: body,
            },
        )
        .await?;
        audit::record(
            &mut tx,
            Some(&org.id),
            &by,
            audit::Action::ApplicationRepeated,
            Some((audit::Target::Application, &id)),
            serde_json::json!({"ad_id": ad.id}),
        )
        .await?;
        tx.commit().await?;
        return Ok(Received { reference: String::new() });
    }
    let id = new_id();
    let reference = new_reference();
    let stage = rs.stages.first().map(|s| s.id.clone()).unwrap_or_else(|| "received".into());
    let inserted = sqlx::query(
        "INSERT INTO applications (org_id, id, ad_id, reference, stage, first_name, last_name, email, phone, birth_year, lang, answers, cover_letter, consent_at, access_token_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(&org.id)
    .bind(&id)
    .bind(&ad.id)
    .bind(&reference)
    .bind(&stage)
    .bind(&c.first_name)
    .bind(&c.last_name)
    .bind(&c.email)
    .bind(&c.phone)
    .bind(c.birth_year)
    .bind(lang.code())
    .bind(serde_json::to_string(&c.answers).map_err(anyhow::Error::from)?)
    .bind(&c.cover_letter)
    .bind(at)
    .bind(digest(&token))
    .bind(at)
    .bind(at)
    .execute(&mut *tx)
    .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => {
            return Err(Error::conflict("email", "application-duplicate"));
        }
        other => {
            other?;
        }
    }
    for f in &files {
        sqlx::query("INSERT INTO application_files (org_id, id, application_id, kind, filename, content_type, size, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(&org.id)
            .bind(new_id())
            .bind(&id)
            .bind(f.kind.as_str())
            .bind(&f.filename)
            .bind(f.content_type)
            .bind(f.bytes.len() as i64)
            .bind(&f.bytes)
            .execute(&mut *tx)
            .await?;
    }
    record_event(&mut tx, &org.id, &id, ApplicationEventKind::Received, None, None).await?;
    let body = lang.t_args(
        "application-mail-received-body",
        &[("ad", &title), ("org", &org.name), ("reference", &reference), ("link", &link)],
    );
    outbox::enqueue(
        &mut tx,
        settings,
        NewMail {
            org_id: Some(&org.id),
            to: &c.email,
            subject: lang.t_args("application-mail-received-subject", &[("ad", &title)]),
            body_text: body,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &by,
        audit::Action::ApplicationReceived,
        Some((audit::Target::Application, &id)),
        serde_json::json!({"ad_id": ad.id, "files": files.len()}),
    )
    .await?;
    tx.commit().await?;
    Ok(Received { reference })
}

/// Records a step in an application's history.
pub async fn record_event(
    tx: &mut Tx,
    org_id: &str,
    application_id: &str,
    kind: ApplicationEventKind,
    body: Option<&str>,
    by: Option<&str>,
) -> Result<()> {
    sqlx::query("INSERT INTO application_events (org_id, id, application_id, kind, body, by_user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(org_id)
        .bind(new_id())
        .bind(application_id)
        .bind(kind.as_str())
        .bind(body)
        .bind(by)
        .bind(now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn get(db: &Db, org_id: &str, id: &str) -> Result<Application> {
    let sql = format!("SELECT {COLUMNS} FROM applications WHERE org_id = $1 AND id = $2");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(Error::NotFound)
}

pub async fn files(db: &Db, org_id: &str, application_id: &str) -> Result<Vec<FileInfo>> {
    Ok(sqlx::query_as("SELECT id, kind, filename, content_type, size FROM application_files WHERE org_id = $1 AND application_id = $2 ORDER BY kind, filename, id")
        .bind(org_id)
        .bind(application_id)
        .fetch_all(db.pool())
        .await?)
}

/// The applicant's own view through their link.
#[derive(Clone, Debug)]
pub struct OwnApplication {
    pub org: Organisation,
    pub ad: StoredAd,
    pub ad_title: String,
    pub application: Application,
    pub files: Vec<FileInfo>,
}

/// The application behind an applicant's link; `NotFound` for an unknown (or purged) one.
pub async fn by_token(db: &Db, token: &str, lang: Lang) -> Result<OwnApplication> {
    if token.len() != 43
        || !token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Error::NotFound);
    }
    let sql = format!("SELECT {COLUMNS} FROM applications WHERE access_token_hash = $1");
    let application: Application = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(digest(token))
        .fetch_optional(db.pool())
        .await?
        .ok_or(Error::NotFound)?;
    let org = crate::organisations::by_id(db, &application.org_id).await?;
    let ad = ads::get(db, &org.id, &application.ad_id).await?;
    let ad_title = ad_title(db, &org.id, &ad.id, lang).await?;
    let files = files(db, &org.id, &application.id).await?;
    Ok(OwnApplication { org, ad, ad_title, application, files })
}

/// The applicant withdraws their application. Doing it twice changes nothing.
pub async fn withdraw(db: &Db, token: &str, ip: Option<&str>) -> Result<OwnApplication> {
    let own = by_token(db, token, Lang::Fi).await?;
    let a = &own.application;
    let mut tx = db.begin().await?;
    let n = sqlx::query("UPDATE applications SET withdrawn_at = $1, updated_at = $1 WHERE org_id = $2 AND id = $3 AND withdrawn_at IS NULL")
        .bind(now())
        .bind(&a.org_id)
        .bind(&a.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n > 0 {
        record_event(&mut tx, &a.org_id, &a.id, ApplicationEventKind::Withdrawal, None, None)
            .await?;
        let by = By { user_id: None, label: "applicant".into(), ip: ip.map(str::to_string) };
        audit::record(
            &mut tx,
            Some(&a.org_id),
            &by,
            audit::Action::ApplicationWithdrawn,
            Some((audit::Target::Application, &a.id)),
            serde_json::json!({"ad_id": a.ad_id}),
        )
        .await?;
    }
    tx.commit().await?;
    by_token(db, token, Lang::Fi).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_follow_the_organisations_limits() {
        let limits =
            RecruitmentSettings { max_files: 2, max_file_bytes: 200 * 1024, ..Default::default() };
        let pdf = |name: &str| ("cv".to_string(), name.to_string(), b"%PDF-1.7 cv".to_vec());
        let ok = check_files(
            &limits,
            vec![
                pdf("cv.pdf"),
                ("attachments".into(), "todistus.PDF".into(), b"%PDF-1.4".to_vec()),
                ("attachments".into(), String::new(), vec![]),
            ],
        )
        .unwrap();
        assert_eq!(
            ok.iter().map(|f| (f.kind, f.content_type)).collect::<Vec<_>>(),
            [(FileKind::Cv, "application/pdf"), (FileKind::Attachment, "application/pdf")]
        );
        let err = check_files(&limits, vec![pdf("a.pdf"), pdf("b.pdf"), pdf("c.pdf")]).unwrap_err();
        assert_eq!((err.code(), err.field()), ("application-files-too-many", Some("attachments")));
        let err = check_files(
            &limits,
            vec![(
                "cv".into(),
                "cv.pdf".into(),
                [b"%PDF-".as_slice(), &vec![0u8; 200 * 1024]].concat(),
            )],
        )
        .unwrap_err();
        assert_eq!((err.code(), err.field()), ("application-file-too-large", Some("cv")));
        let err = check_files(
            &limits,
            vec![("attachments".into(), "cv.pdf".into(), b"MZ\x90\x00".to_vec())],
        )
        .unwrap_err();
        assert_eq!((err.code(), err.field()), ("application-file-type", Some("attachments")));
        let none = RecruitmentSettings { max_files: 0, ..Default::default() };
        assert_eq!(
            check_files(&none, vec![pdf("cv.pdf")]).unwrap_err().code(),
            "application-files-too-many"
        );
    }

    #[test]
    fn references_are_short_and_unambiguous() {
        let r = new_reference();
        assert_eq!(r.len(), 8);
        assert!(r.starts_with("H-") && !r[2..].contains(['0', 'O', '1', 'I']));
    }
}

#[cfg(test)]
mod closed_set_tests {
    use super::{ApplicationEventKind, ApplicationStatus, FileKind};
    use crate::closed_set::check;

    #[test]
    fn application_history_words_are_those_the_page_translates() {
        check::<ApplicationEventKind>("kind", "action-unknown");
        check::<FileKind>("kind", "application-file-type");
        let words: Vec<&str> = ApplicationEventKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            words,
            [
                "received",
                "stage",
                "rating",
                "note",
                "refusal",
                "selection",
                "message",
                "document",
                "withdrawal"
            ]
        );
        for &k in ApplicationEventKind::ALL {
            for lang in crate::i18n::Lang::ALL {
                let key = format!("application-event-{k}");
                assert_ne!(lang.t(&key), key, "{lang}: {k}");
            }
        }
    }

    #[test]
    fn application_statuses_keep_their_words_and_refuse_others() {
        check::<ApplicationStatus>("status", "status-invalid");
        let words: Vec<&str> = ApplicationStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, ["active", "refused", "selected", "withdrawn"]);
    }
}
