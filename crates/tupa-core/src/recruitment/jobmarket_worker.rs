//! The background sender: takes ads the workflow (`ads`) marked for the job market and sends
//! them as their organisation, retrying with backoff, and keeps the outcome on the ad for the
//! recruiter to see ([`status_text`]).
//!
//! An ad's `jobmarket_state`:
//!
//! | state | meaning | set by |
//! |---|---|---|
//! | `not-sent` | never public (or withdrawn before it opened) | creation, this sender |
//! | `pending` | to be sent (new or changed while public); retried while `attempts` > 0 | the workflow, this sender |
//! | `archive-pending` | closed: to be archived at the job market | the workflow |
//! | `sent` / `archived` | the job market took it (`sent_at`) | this sender |
//! | `not-configured` | the organisation has no job market connection | this sender; saving one queues the ad again |
//! | `not-sendable` | the ad lacks something the job market needs (reasons in `detail`) | this sender; an edit queues it again, and open ads are re-checked every 15 minutes (the business ID is fixed elsewhere) |
//! | `failed` | refused for good, or still unavailable after [`MAX_ATTEMPTS`] | this sender |
//!
//! Several `tupa serve` processes may run this on one database: an ad is **leased** when
//! claimed (`jobmarket_lease_until` and `jobmarket_next_at` both move [`LEASE_SECONDS`]
//! ahead), so no other process takes it meanwhile, and a process that dies mid-send leaves
//! it to be retried after the lease. The outcome is written only if the lease is still ours
//! and nobody re-queued the ad in the meantime (an edit or a close sets `next_at` to now, so
//! the newer request survives and is sent next).

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::ads::{self, StoredAd};
use super::jobmarket::{self, NotSendable, SendError};
use super::jobmarket_settings::{self, Missing};
use crate::config::Settings;
use crate::db::{Backend, Db, now};
use crate::error::Result;
use crate::i18n::Lang;

/// How long a claimed ad is ours: far more than one request's timeout.
pub const LEASE_SECONDS: i64 = 300;
/// Attempts before a job market that keeps answering "later" counts as failed (about a day
/// and a half of backoff).
pub const MAX_ATTEMPTS: i64 = 12;
/// The longest wait between two attempts.
const MAX_BACKOFF: i64 = 6 * 3600;
/// How often an open ad that lacks something is checked again.
pub const RECHECK_SECONDS: i64 = 900;
/// Ads taken per round.
const BATCH: i64 = 10;
/// One request's time limit.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

crate::closed_set! {
    /// An ad's `jobmarket_state`: see the module comment.
    #[derive(utoipa::ToSchema)]
    pub enum JobmarketState ("state", "status-invalid") {
        NotSent = "not-sent",
        Pending = "pending",
        ArchivePending = "archive-pending",
        Sent = "sent",
        Archived = "archived",
        NotConfigured = "not-configured",
        NotSendable = "not-sendable",
        Failed = "failed",
    }
}

impl JobmarketState {
    /// Waiting for this sender: to be sent, archived or checked again.
    pub fn is_waiting(self) -> bool {
        matches!(
            self,
            JobmarketState::Pending | JobmarketState::ArchivePending | JobmarketState::NotSendable
        )
    }
}

/// What `jobmarket_detail` holds (JSON): why the state is what it is, in a form that can be
/// translated when shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Detail {
    NoCredentials,
    SecretUnreadable,
    NotSendable {
        reasons: Vec<Reason>,
    },
    /// Refused with this HTTP status and (bounded) body.
    Rejected {
        status: u16,
        body: String,
    },
    /// Not answering, or "try later".
    Unavailable {
        status: Option<u16>,
        reason: String,
    },
    /// The request could not be made (a bad endpoint or business ID).
    Settings {
        reason: String,
    },
    /// Taken: what the job market answered (perhaps its own id).
    Accepted {
        status: u16,
        body: String,
    },
}

/// One thing an ad lacks: a message key of `jobmarket::NotSendable` and its arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Reason {
    pub key: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl Reason {
    fn of(r: &NotSendable) -> Reason {
        let mut args = BTreeMap::new();
        match r {
            NotSendable::InvalidOccupation { code } | NotSendable::InvalidPostalCode { code } => {
                args.insert("code".to_string(), code.clone());
            }
            NotSendable::NoTitle { lang } | NotSendable::NoDescription { lang } => {
                args.insert("language".to_string(), lang.code().to_string());
            }
            _ => {}
        }
        Reason { key: r.key().to_string(), args }
    }

    pub fn message(&self, lang: Lang) -> String {
        let args: Vec<(&str, &str)> =
            self.args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        lang.t_args(&self.key, &args)
    }

    /// A few words for the state's label ("occupation code missing").
    pub fn short(&self, lang: Lang) -> String {
        let key = format!(
            "recruitment-jobmarket-short-{}",
            self.key.trim_start_matches("recruitment-jobmarket-")
        );
        let text = lang.t(&key);
        if text == key { self.message(lang) } else { text }
    }
}

impl Detail {
    pub fn parse(stored: Option<&str>) -> Option<Detail> {
        serde_json::from_str(stored?).ok()
    }

    fn store(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn of_error(e: &SendError) -> Detail {
        match e {
            SendError::Rejected { status, body } => {
                Detail::Rejected { status: *status, body: body.clone() }
            }
            SendError::Unavailable { status, reason, .. } => Detail::Unavailable {
                status: *status,
                reason: reason.chars().take(jobmarket::MAX_BODY_CHARS).collect(),
            },
            SendError::Config(reason) => Detail::Settings { reason: reason.clone() },
        }
    }

    /// The reason in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Detail::NoCredentials => lang.t("recruitment-jobmarket-detail-no-credentials"),
            Detail::SecretUnreadable => lang.t("recruitment-jobmarket-detail-secret-unreadable"),
            Detail::NotSendable { reasons } => {
                reasons.iter().map(|r| r.message(lang)).collect::<Vec<_>>().join(" ")
            }
            Detail::Rejected { status, body } => {
                SendError::Rejected { status: *status, body: body.clone() }.message(lang)
            }
            Detail::Unavailable { status, reason } => {
                let what = status.map(|s| format!("HTTP {s}")).unwrap_or_else(|| reason.clone());
                lang.t_args("recruitment-jobmarket-detail-unavailable", &[("reason", &what)])
            }
            Detail::Settings { .. } => lang.t("recruitment-jobmarket-settings-invalid"),
            Detail::Accepted { .. } => String::new(),
        }
    }
}

/// The reasons of a `not-sendable` ad (empty for any other state).
pub fn reasons(ad: &StoredAd) -> Vec<Reason> {
    match Detail::parse(ad.jobmarket_detail.as_deref()) {
        Some(Detail::NotSendable { reasons })
            if ad.jobmarket_state == JobmarketState::NotSendable =>
        {
            reasons
        }
        _ => vec![],
    }
}

/// The ad's job market state for people: a label ("Sent 24.11.2026 14.05", "Not sent:
/// occupation code missing", "Waiting to retry (attempt 3)") and, when there is more to say,
/// why and what happens next.
pub fn status_text(ad: &StoredAd, lang: Lang) -> (String, Option<String>) {
    let time = |ts: Option<i64>| ts.map(crate::desk::hours::format_helsinki).unwrap_or_default();
    let detail = Detail::parse(ad.jobmarket_detail.as_deref());
    let why = detail.as_ref().map(|d| d.message(lang)).filter(|m| !m.is_empty());
    let closed = ad.status.is_over();
    match ad.jobmarket_state {
        JobmarketState::Pending | JobmarketState::ArchivePending => {
            let archive = ad.jobmarket_state == JobmarketState::ArchivePending;
            if ad.jobmarket_attempts == 0 {
                let key = if archive {
                    "recruitment-jobmarket-state-archive-pending"
                } else {
                    "recruitment-jobmarket-state-pending"
                };
                (lang.t(key), None)
            } else {
                let key = if archive {
                    "recruitment-jobmarket-state-archive-retrying"
                } else {
                    "recruitment-jobmarket-state-retrying"
                };
                let attempt = (ad.jobmarket_attempts + 1).to_string();
                let next = lang.t_args(
                    "recruitment-jobmarket-detail-next-attempt",
                    &[("time", &time(ad.jobmarket_next_at))],
                );
                (
                    lang.t_args(key, &[("attempt", &attempt)]),
                    Some(why.map(|w| format!("{w} {next}")).unwrap_or(next)),
                )
            }
        }
        JobmarketState::Sent => (
            lang.t_args(
                "recruitment-jobmarket-state-sent",
                &[("time", &time(ad.jobmarket_sent_at))],
            ),
            None,
        ),
        JobmarketState::Archived => (
            lang.t_args(
                "recruitment-jobmarket-state-archived",
                &[("time", &time(ad.jobmarket_sent_at))],
            ),
            None,
        ),
        JobmarketState::NotConfigured => {
            let key = if detail == Some(Detail::SecretUnreadable) {
                "recruitment-jobmarket-state-secret-unreadable"
            } else {
                "recruitment-jobmarket-state-not-configured"
            };
            (lang.t(key), why)
        }
        JobmarketState::NotSendable => {
            let reasons = reasons(ad);
            let label = match reasons.as_slice() {
                [one] => lang.t_args(
                    "recruitment-jobmarket-state-not-sendable-one",
                    &[("reason", &one.short(lang))],
                ),
                many => lang.t_args(
                    "recruitment-jobmarket-state-not-sendable-many",
                    &[("count", &many.len().to_string())],
                ),
            };
            (label, why)
        }
        JobmarketState::Failed => (
            lang.t(if closed {
                "recruitment-jobmarket-state-archive-failed"
            } else {
                "recruitment-jobmarket-state-failed"
            }),
            why,
        ),
        JobmarketState::NotSent => (lang.t("recruitment-jobmarket-state-not-sent"), None),
    }
}

/// An ad's job market state as the API and pages show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AdJobmarket {
    pub state: JobmarketState,
    /// The state in the reader's language.
    pub label: String,
    /// Why, and what happens next, in the reader's language.
    pub detail: Option<String>,
    /// What the ad lacks (`not-sendable`): message keys with their arguments.
    pub reasons: Vec<Reason>,
    /// Failed attempts since the last success or change.
    pub attempts: i64,
    /// When the next attempt is due (Unix seconds).
    pub next_at: Option<i64>,
    /// When the job market last took the ad (or archived it).
    pub sent_at: Option<i64>,
}

impl AdJobmarket {
    pub fn of(ad: &StoredAd, lang: Lang) -> AdJobmarket {
        let (label, detail) = status_text(ad, lang);
        let waiting = ad.jobmarket_state.is_waiting();
        AdJobmarket {
            state: ad.jobmarket_state,
            label,
            detail,
            reasons: reasons(ad),
            attempts: ad.jobmarket_attempts,
            next_at: ad.jobmarket_next_at.filter(|_| waiting),
            sent_at: ad.jobmarket_sent_at,
        }
    }
}

/// One of the organisation's ads in the job market overview.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AdJobmarketRow {
    pub id: String,
    pub title: String,
    pub status: super::ads::AdState,
    pub deadline: i64,
    pub jobmarket: AdJobmarket,
}

/// The job market state of one ad, for whoever works on the organisation's ads or manages
/// its recruitment.
pub async fn ad_status(
    db: &Db,
    actor: &crate::authz::Actor,
    slug: &str,
    ad_id: &str,
    lang: Lang,
) -> Result<AdJobmarket> {
    let org = super::texts::reader_org(db, actor, slug).await?;
    let ad = ads::get(db, &org.id, ad_id).await?;
    Ok(AdJobmarket::of(&ad, lang))
}

/// The organisation's ads that have gone public (or were meant to), newest first, with
/// their job market state: the main admin's overview.
pub async fn org_ads(
    db: &Db,
    actor: &crate::authz::Actor,
    org: &crate::organisations::Organisation,
    lang: Lang,
) -> Result<Vec<AdJobmarketRow>> {
    super::texts::may_read(actor, org)?;
    let sql = format!(
        "SELECT {} FROM job_ads WHERE org_id = $1 AND (status IN ('scheduled', 'published', 'closed', 'archived') OR jobmarket_state <> 'not-sent') ORDER BY updated_at DESC, id LIMIT 200",
        ads::COLUMNS
    );
    let rows: Vec<StoredAd> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(&org.id).fetch_all(db.pool()).await?;
    let mut out = Vec::with_capacity(rows.len());
    for ad in rows {
        let texts = ads::texts(db, &org.id, &ad.id).await?;
        let title = std::iter::once(lang)
            .chain(Lang::ALL)
            .find_map(|l| texts.get(&l))
            .map(|t| t.title.clone())
            .unwrap_or_default();
        out.push(AdJobmarketRow {
            id: ad.id.clone(),
            title,
            status: ad.status,
            deadline: ad.deadline,
            jobmarket: AdJobmarket::of(&ad, lang),
        });
    }
    Ok(out)
}

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: u32,
    pub archived: u32,
    pub retrying: u32,
    pub failed: u32,
    pub not_configured: u32,
    pub not_sendable: u32,
    /// Ads that turned out not to be public (nothing to send).
    pub idle: u32,
    /// Ads re-queued meanwhile, or whose lease was lost: left for the next round.
    pub superseded: u32,
}

impl Round {
    pub fn total(&self) -> u32 {
        self.sent
            + self.archived
            + self.retrying
            + self.failed
            + self.not_configured
            + self.not_sendable
            + self.idle
            + self.superseded
    }
}

struct Claimed {
    org_id: String,
    id: String,
    state: JobmarketState,
}

/// Claims up to `limit` due ads with a lease until `lease` (see the module comment). On
/// PostgreSQL locked rows are skipped; SQLite's single writer serialises claims.
async fn claim_due(db: &Db, at: i64, lease: i64, limit: i64) -> Result<Vec<Claimed>> {
    let lock = match db.backend() {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE job_ads SET jobmarket_next_at = $1, jobmarket_lease_until = $1 WHERE (org_id, id) IN (
            SELECT org_id, id FROM job_ads
            WHERE jobmarket_state IN ('pending', 'archive-pending', 'not-sendable') AND jobmarket_next_at <= $2
              AND (jobmarket_lease_until IS NULL OR jobmarket_lease_until <= $2)
            ORDER BY jobmarket_next_at LIMIT $3 {lock}
         ) RETURNING org_id, id, jobmarket_state"
    );
    let mut tx = db.begin().await?;
    let rows: Vec<(String, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(lease)
        .bind(at)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    rows.into_iter()
        .map(|(org_id, id, state)| Ok(Claimed { org_id, id, state: state.try_into()? }))
        .collect()
}

/// What becomes of a claimed ad.
enum Outcome {
    Sent(Detail),
    Archived(Detail),
    Retry { detail: Detail, attempts: i64, next_at: i64, archive: bool },
    Failed(Detail),
    NotConfigured(Detail),
    NotSendable { reasons: Vec<Reason>, recheck_at: Option<i64> },
    Idle,
}

/// The wait before attempt `attempts + 1`: a minute, doubling, at most six hours, and at
/// least what the job market asked for.
fn backoff(attempts: i64, retry_after: Option<u64>) -> i64 {
    let exp = 60i64.saturating_mul(1 << (attempts - 1).clamp(0, 20)).min(MAX_BACKOFF);
    let asked = retry_after.map(|s| (s.min(MAX_BACKOFF as u64)) as i64).unwrap_or(0);
    exp.max(asked)
}

fn after_error(e: SendError, ad: &StoredAd, at: i64, archive: bool) -> Outcome {
    let detail = Detail::of_error(&e);
    match e {
        SendError::Unavailable { retry_after, .. } => {
            let attempts = ad.jobmarket_attempts + 1;
            if attempts >= MAX_ATTEMPTS {
                Outcome::Failed(detail)
            } else {
                Outcome::Retry {
                    detail,
                    attempts,
                    next_at: at + backoff(attempts, retry_after),
                    archive,
                }
            }
        }
        _ => Outcome::Failed(detail),
    }
}

async fn process(
    db: &Db,
    settings: &Settings,
    client: &reqwest::Client,
    at: i64,
    claimed: &Claimed,
) -> Result<Outcome> {
    let ad = ads::get(db, &claimed.org_id, &claimed.id).await?;
    let mut archive = claimed.state == JobmarketState::ArchivePending;
    if !archive && !ad.is_open(at) {
        // Closed before it could be sent, or withdrawn before it opened: take down what the
        // job market may have, else there is nothing to do (opening queues it again).
        if ad.jobmarket_sent_at.is_some() && ad.status.is_over() {
            archive = true;
        } else {
            return Ok(Outcome::Idle);
        }
    }
    let connection = match jobmarket_settings::connection(db, settings, &claimed.org_id).await? {
        Ok(c) => c,
        Err(Missing::NotSet) => return Ok(Outcome::NotConfigured(Detail::NoCredentials)),
        Err(Missing::Unreadable) => return Ok(Outcome::NotConfigured(Detail::SecretUnreadable)),
    };
    let org = crate::organisations::by_id(db, &claimed.org_id).await?;
    let business_id = org.business_id.clone().unwrap_or_default();
    if archive {
        return Ok(
            match jobmarket::archive(
                client,
                &connection.endpoint,
                &business_id,
                &connection.credentials,
                &ad.id,
            )
            .await
            {
                Ok(o) => Outcome::Archived(Detail::Accepted { status: o.status, body: o.body }),
                Err(e) => after_error(e, &ad, at, true),
            },
        );
    }
    let job_ad = ads::job_ad(db, &org, &ad).await?;
    let record =
        match jobmarket::record(&job_ad, org.business_id.as_deref(), &settings.public_url, at) {
            Ok(r) => r,
            Err(missing) => {
                let reasons = missing.iter().map(Reason::of).collect();
                return Ok(Outcome::NotSendable {
                    reasons,
                    recheck_at: Some(at + RECHECK_SECONDS),
                });
            }
        };
    Ok(
        match jobmarket::send(
            client,
            &connection.endpoint,
            &business_id,
            &connection.credentials,
            &record,
        )
        .await
        {
            Ok(o) => Outcome::Sent(Detail::Accepted { status: o.status, body: o.body }),
            Err(e) => after_error(e, &ad, at, false),
        },
    )
}

/// Writes the outcome if the lease is still ours and nobody re-queued the ad; else only
/// gives the lease back. Returns whether the outcome was written.
async fn finish(
    db: &Db,
    claimed: &Claimed,
    lease: i64,
    at: i64,
    outcome: &Outcome,
) -> Result<bool> {
    let (state, detail, attempts, next_at, sent_at): (
        JobmarketState,
        Option<String>,
        i64,
        Option<i64>,
        Option<i64>,
    ) = match outcome {
        Outcome::Sent(d) => (JobmarketState::Sent, Some(d.store()), 0, None, Some(at)),
        Outcome::Archived(d) => (JobmarketState::Archived, Some(d.store()), 0, None, Some(at)),
        Outcome::Retry { detail, attempts, next_at, archive } => (
            if *archive { JobmarketState::ArchivePending } else { JobmarketState::Pending },
            Some(detail.store()),
            *attempts,
            Some(*next_at),
            None,
        ),
        Outcome::Failed(d) => (JobmarketState::Failed, Some(d.store()), 0, None, None),
        Outcome::NotConfigured(d) => {
            (JobmarketState::NotConfigured, Some(d.store()), 0, None, None)
        }
        Outcome::NotSendable { reasons, recheck_at } => (
            JobmarketState::NotSendable,
            Some(Detail::NotSendable { reasons: reasons.clone() }.store()),
            0,
            *recheck_at,
            None,
        ),
        Outcome::Idle => (JobmarketState::NotSent, None, 0, None, None),
    };
    let written = sqlx::query(
        "UPDATE job_ads SET jobmarket_state = $1, jobmarket_detail = $2, jobmarket_attempts = $3, jobmarket_next_at = $4,
            jobmarket_sent_at = COALESCE($5, jobmarket_sent_at), jobmarket_lease_until = NULL
         WHERE org_id = $6 AND id = $7 AND jobmarket_lease_until = $8 AND jobmarket_next_at = $8",
    )
    .bind(state.as_str())
    .bind(detail)
    .bind(attempts)
    .bind(next_at)
    .bind(sent_at)
    .bind(&claimed.org_id)
    .bind(&claimed.id)
    .bind(lease)
    .execute(db.pool())
    .await?
    .rows_affected();
    if written == 0 {
        sqlx::query("UPDATE job_ads SET jobmarket_lease_until = NULL WHERE org_id = $1 AND id = $2 AND jobmarket_lease_until = $3")
            .bind(&claimed.org_id)
            .bind(&claimed.id)
            .bind(lease)
            .execute(db.pool())
            .await?;
    }
    Ok(written > 0)
}

/// One round: claims the ads due at `at` and sends, archives or marks each.
pub async fn run_once(
    db: &Db,
    settings: &Settings,
    client: &reqwest::Client,
    at: i64,
) -> Result<Round> {
    let lease = at + LEASE_SECONDS;
    let claimed = claim_due(db, at, lease, BATCH).await?;
    let mut round = Round::default();
    for c in &claimed {
        let outcome = match process(db, settings, client, at, c).await {
            Ok(o) => o,
            Err(e) => {
                // Our own failure (the database): the lease runs out and the ad is tried again.
                tracing::error!(ad = %c.id, error = %e, "job market send failed");
                continue;
            }
        };
        if !finish(db, c, lease, at, &outcome).await? {
            round.superseded += 1;
            continue;
        }
        let counter = match &outcome {
            Outcome::Sent(_) => &mut round.sent,
            Outcome::Archived(_) => &mut round.archived,
            Outcome::Retry { .. } => &mut round.retrying,
            Outcome::Failed(d) => {
                tracing::warn!(ad = %c.id, detail = ?d, "job market refused an ad");
                &mut round.failed
            }
            Outcome::NotConfigured(_) => &mut round.not_configured,
            Outcome::NotSendable { .. } => &mut round.not_sendable,
            Outcome::Idle => &mut round.idle,
        };
        *counter += 1;
    }
    Ok(round)
}

/// Runs rounds until the process stops: every few seconds, at once again after a full one.
pub async fn run_forever(db: Db, settings: Settings) {
    let client = match crate::http::client(REQUEST_TIMEOUT) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "no HTTP client: ads are not sent to the job market");
            return;
        }
    };
    loop {
        let busy = match run_once(&db, &settings, &client, now()).await {
            Ok(round) => {
                crate::jobs::beat(crate::jobs::Job::JobMarketSender);
                round.total() as i64 >= BATCH
            }
            Err(e) => {
                tracing::error!(error = %e, "job market round failed");
                false
            }
        };
        if !busy {
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobmarket_states_keep_their_words_and_refuse_others() {
        crate::closed_set::check::<JobmarketState>("state", "status-invalid");
        let words: Vec<&str> = JobmarketState::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            words,
            [
                "not-sent",
                "pending",
                "archive-pending",
                "sent",
                "archived",
                "not-configured",
                "not-sendable",
                "failed"
            ]
        );
    }

    fn ad(state: &str, attempts: i64, detail: Option<Detail>) -> StoredAd {
        let mut ad = blank();
        ad.jobmarket_state = state.parse().unwrap();
        ad.jobmarket_attempts = attempts;
        ad.jobmarket_detail = detail.map(|d| d.store());
        ad
    }

    fn blank() -> StoredAd {
        StoredAd {
            org_id: "o".into(),
            id: "a".into(),
            status: crate::recruitment::ads::AdState::Published,
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
            publish_at: None,
            deadline: 0,
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
    fn backoff_doubles_from_a_minute_up_to_six_hours() {
        assert_eq!(backoff(1, None), 60);
        assert_eq!(backoff(2, None), 120);
        assert_eq!(backoff(3, None), 240);
        assert_eq!(backoff(11, None), MAX_BACKOFF);
        assert_eq!(backoff(1, Some(600)), 600, "the job market's Retry-After is honoured");
        assert_eq!(backoff(1, Some(10_000_000)), MAX_BACKOFF, "but not beyond the longest wait");
    }

    #[test]
    fn states_read_as_sentences() {
        let mut sent = ad("sent", 0, None);
        sent.jobmarket_sent_at = Some(1_795_521_900); // 24.11.2026 14.05 in Helsinki
        assert_eq!(
            status_text(&sent, Lang::En),
            ("Sent to Job Market Finland 24.11.2026 14.05".to_string(), None)
        );
        assert_eq!(status_text(&sent, Lang::Fi).0, "Lähetetty Työmarkkinatorille 24.11.2026 14.05");

        let (label, detail) =
            status_text(&ad("not-configured", 0, Some(Detail::NoCredentials)), Lang::En);
        assert_eq!(label, "Not sent: the organisation has no job market credentials");
        assert!(detail.unwrap().contains("main admin"));

        let missing = Detail::NotSendable { reasons: vec![Reason::of(&NotSendable::NoOccupation)] };
        assert_eq!(
            status_text(&ad("not-sendable", 0, Some(missing)), Lang::En).0,
            "Not sent: occupation code missing"
        );
        let two = Detail::NotSendable {
            reasons: vec![
                Reason::of(&NotSendable::NoOccupation),
                Reason::of(&NotSendable::InvalidPostalCode { code: "12".into() }),
            ],
        };
        let (label, detail) = status_text(&ad("not-sendable", 0, Some(two)), Lang::Sv);
        assert!(label.contains('2'), "{label}");
        assert!(detail.unwrap().contains("12"));

        let mut retry = ad(
            "pending",
            2,
            Some(Detail::Unavailable { status: Some(503), reason: "maintenance".into() }),
        );
        retry.jobmarket_next_at = Some(1_795_521_900);
        let (label, detail) = status_text(&retry, Lang::En);
        assert_eq!(label, "Waiting to retry (attempt 3)");
        let detail = detail.unwrap();
        assert!(detail.contains("HTTP 503") && detail.contains("24.11.2026 14.05"), "{detail}");

        let (label, detail) = status_text(
            &ad("failed", 0, Some(Detail::Rejected { status: 400, body: "bad occupation".into() })),
            Lang::En,
        );
        assert_eq!(label, "Sending failed");
        assert!(detail.unwrap().contains("bad occupation"));
        assert_eq!(status_text(&ad("pending", 0, None), Lang::En).0, "Waiting to be sent");
    }

    #[test]
    fn every_state_has_a_text_in_every_language() {
        let details = [
            None,
            Some(Detail::NoCredentials),
            Some(Detail::SecretUnreadable),
            Some(Detail::Settings { reason: "x".into() }),
            Some(Detail::Unavailable { status: None, reason: "timeout".into() }),
        ];
        for lang in Lang::ALL {
            for state in JobmarketState::ALL.iter().map(|s| s.as_str()) {
                for attempts in [0, 1] {
                    for d in &details {
                        let (label, detail) = status_text(&ad(state, attempts, d.clone()), lang);
                        for text in std::iter::once(&label).chain(detail.as_ref()) {
                            assert!(
                                !text.contains("recruitment-") && !text.contains('{'),
                                "{lang} {state}: {text}"
                            );
                        }
                    }
                }
            }
            for r in [
                NotSendable::NoBusinessId,
                NotSendable::NoOccupation,
                NotSendable::InvalidOccupation { code: "x".into() },
                NotSendable::NoRegion,
                NotSendable::NoTexts,
                NotSendable::NoTitle { lang: Lang::Fi },
                NotSendable::NoDescription { lang: Lang::Fi },
                NotSendable::NoVacancies,
                NotSendable::InvalidPostalCode { code: "1".into() },
                NotSendable::DeadlinePassed,
            ] {
                let short = Reason::of(&r).short(lang);
                assert!(!short.contains("recruitment-") && short.len() < 80, "{lang}: {short}");
            }
        }
    }
}
