//! Sending ads to the national job market, Työmarkkinatori (Jobbmarknad Finland), through
//! its import interface, as the organisation itself: its business ID and its credentials.
//!
//! **Assumption.** We cannot reach the real service or its specification from here. The
//! record below ("JobPostingV2") and the exchange are our best reading of what such an
//! import needs, kept in this one file so that the shape can be corrected against the real
//! schema without touching anything else:
//! - one ad per request, JSON, `PUT {endpoint}/employers/{business ID}/job-postings/{our ad
//!   id}`. PUT on our own id makes a retry or an edit replace the earlier copy instead of
//!   publishing the ad twice, which matters because a timeout does not tell us whether the
//!   first attempt arrived;
//! - HTTP Basic authentication with the credentials issued to the organisation, or a bearer
//!   token if the service issues those instead;
//! - texts as maps from language code (`fi`, `sv`, `en`) to text; times RFC 3339 in Helsinki
//!   time; municipality by Statistics Finland code, region (maakunta) by its two-digit code,
//!   occupation by ISCO-08 code or ESCO occupation URI;
//! - answers: 2xx accepted; 408 and 429 and 5xx "try later" (honouring `Retry-After` in
//!   seconds); any other 4xx refused for good, with the body as the reason; a timeout or a
//!   broken connection "try later".
//! - a closed ad is **archived**, not deleted: `POST {same URL}/archive` with no body. The
//!   interface speaks of archiving (the record stays in the employer's history, out of the
//!   public listing), and a separate action keeps an archive from being mistaken for an
//!   update by a proxy or a retry. 404 and 410 count as archived: there is nothing public
//!   left to take down (the ad was never accepted, or the job market expired it itself).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::ad::{EmploymentType, Engagement, JobAd, WorkingTime, helsinki_rfc3339};
use crate::i18n::Lang;

/// The import record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobPostingV2 {
    /// Our ad id: the job market's key for updates.
    pub external_id: String,
    pub languages: Vec<String>,
    pub position: Position,
    pub location: Location,
    pub application: Application,
    pub contacts: Vec<ContactRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Position {
    pub title: BTreeMap<String, String>,
    pub job_description: BTreeMap<String, String>,
    pub occupation: String,
    /// `PERMANENT` or `FIXED_TERM`.
    pub employment_type: String,
    /// `FULL_TIME`, `PART_TIME` or `HOURLY`.
    pub working_time: String,
    /// `PUBLIC_OFFICE` or `EMPLOYMENT_CONTRACT`.
    pub engagement: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salary_basis: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub municipality_code: String,
    pub region_code: String,
    pub address: Address,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub street_address: String,
    pub postal_code: String,
    pub post_office: String,
    pub country_code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub published: String,
    pub expires: String,
    pub open_positions: u32,
    /// Where to apply: the ad on our board.
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactRecord {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Why an ad cannot be sent yet. Each is something a recruiter or main admin can fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotSendable {
    NoBusinessId,
    NoOccupation,
    InvalidOccupation { code: String },
    NoRegion,
    NoTexts,
    NoTitle { lang: Lang },
    NoDescription { lang: Lang },
    NoVacancies,
    InvalidPostalCode { code: String },
    DeadlinePassed,
}

impl NotSendable {
    pub fn key(&self) -> &'static str {
        match self {
            NotSendable::NoBusinessId => "recruitment-jobmarket-no-business-id",
            NotSendable::NoOccupation => "recruitment-jobmarket-no-occupation",
            NotSendable::InvalidOccupation { .. } => "recruitment-jobmarket-invalid-occupation",
            NotSendable::NoRegion => "recruitment-jobmarket-no-region",
            NotSendable::NoTexts => "recruitment-jobmarket-no-texts",
            NotSendable::NoTitle { .. } => "recruitment-jobmarket-no-title",
            NotSendable::NoDescription { .. } => "recruitment-jobmarket-no-description",
            NotSendable::NoVacancies => "recruitment-jobmarket-no-vacancies",
            NotSendable::InvalidPostalCode { .. } => "recruitment-jobmarket-invalid-postal-code",
            NotSendable::DeadlinePassed => "recruitment-jobmarket-deadline-passed",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            NotSendable::InvalidOccupation { code } | NotSendable::InvalidPostalCode { code } => {
                lang.t_args(self.key(), &[("code", code)])
            }
            NotSendable::NoTitle { lang: l } | NotSendable::NoDescription { lang: l } => {
                lang.t_args(self.key(), &[("language", l.code())])
            }
            _ => lang.t(self.key()),
        }
    }
}

/// Everything that keeps `ad` from being sent now (empty when it can be).
pub fn check(ad: &JobAd, business_id: Option<&str>, now: i64) -> Vec<NotSendable> {
    let mut missing = Vec::new();
    if !business_id
        .is_some_and(|b| matches!(crate::organisations::parse_business_id(b), Ok(Some(_))))
    {
        missing.push(NotSendable::NoBusinessId);
    }
    match ad.occupation_code.as_deref().map(str::trim) {
        None | Some("") => missing.push(NotSendable::NoOccupation),
        Some(code) if !is_occupation_code(code) => {
            missing.push(NotSendable::InvalidOccupation { code: code.into() })
        }
        Some(_) => {}
    }
    if !ad
        .region_code
        .as_deref()
        .is_some_and(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()))
    {
        missing.push(NotSendable::NoRegion);
    }
    if ad.texts.is_empty() {
        missing.push(NotSendable::NoTexts);
    }
    for (&lang, text) in &ad.texts {
        if text.title.trim().is_empty() {
            missing.push(NotSendable::NoTitle { lang });
        }
        if text.description.trim().is_empty() {
            missing.push(NotSendable::NoDescription { lang });
        }
    }
    if ad.vacancies == 0 {
        missing.push(NotSendable::NoVacancies);
    }
    // The address is optional (the municipality places the job), but a postal code given
    // must be one.
    let postal = ad.workplace.postal_code.trim();
    let postal_ok = postal.len() == 5 && postal.bytes().all(|b| b.is_ascii_digit());
    if !postal.is_empty() && !postal_ok {
        missing.push(NotSendable::InvalidPostalCode { code: postal.into() });
    }
    if ad.deadline <= now {
        missing.push(NotSendable::DeadlinePassed);
    }
    missing
}

/// An ISCO-08 code (1–4 digits, as in `2221`) or an ESCO occupation URI.
fn is_occupation_code(code: &str) -> bool {
    (1..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
        || code.strip_prefix("http://data.europa.eu/esco/occupation/").is_some_and(|id| {
            !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        })
}

/// The record for `ad`, or everything that keeps it from being sendable.
pub fn record(
    ad: &JobAd,
    business_id: Option<&str>,
    base_url: &str,
    now: i64,
) -> Result<JobPostingV2, Vec<NotSendable>> {
    let missing = check(ad, business_id, now);
    if !missing.is_empty() {
        return Err(missing);
    }
    let per_lang = |f: fn(&super::ad::AdText) -> &str| -> BTreeMap<String, String> {
        ad.texts.iter().map(|(l, t)| (l.code().to_string(), f(t).trim().to_string())).collect()
    };
    Ok(JobPostingV2 {
        external_id: ad.id.clone(),
        languages: ad.languages().iter().map(|l| l.code().to_string()).collect(),
        position: Position {
            title: per_lang(|t| &t.title),
            job_description: per_lang(|t| &t.description),
            occupation: ad.occupation_code.clone().unwrap_or_default().trim().to_string(),
            employment_type: match ad.employment_type {
                EmploymentType::Permanent => "PERMANENT",
                EmploymentType::FixedTerm => "FIXED_TERM",
            }
            .into(),
            working_time: match ad.working_time {
                WorkingTime::FullTime => "FULL_TIME",
                WorkingTime::PartTime => "PART_TIME",
                WorkingTime::Hourly => "HOURLY",
            }
            .into(),
            engagement: match ad.engagement {
                Engagement::PublicOffice => "PUBLIC_OFFICE",
                Engagement::EmploymentContract => "EMPLOYMENT_CONTRACT",
            }
            .into(),
            start: ad.start.clone(),
            duration: ad.duration.clone(),
            salary_basis: ad.salary_basis.clone(),
        },
        location: Location {
            municipality_code: ad.municipality_code.as_str().to_string(),
            region_code: ad.region_code.clone().unwrap_or_default(),
            address: Address {
                street_address: ad.workplace.street.trim().to_string(),
                postal_code: ad.workplace.postal_code.trim().to_string(),
                post_office: ad.workplace.city.trim().to_string(),
                country_code: "FI".into(),
            },
        },
        application: Application {
            published: helsinki_rfc3339(ad.published_at),
            expires: helsinki_rfc3339(ad.deadline),
            open_positions: ad.vacancies,
            url: ad.url(base_url),
        },
        contacts: ad
            .contacts
            .iter()
            .map(|c| ContactRecord {
                name: c.name.clone(),
                title: c.title.clone(),
                phone: c.phone.clone(),
                email: c.email.clone(),
            })
            .collect(),
    })
}

/// The organisation's credentials for the interface. `Debug` never shows the secret.
#[derive(Clone)]
pub enum Credentials {
    Basic { username: String, password: String },
    Bearer(String),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Basic { username, .. } => write!(f, "Basic({username}, ***)"),
            Credentials::Bearer(_) => f.write_str("Bearer(***)"),
        }
    }
}

/// The job market took the ad.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendOutcome {
    pub status: u16,
    /// What it answered (perhaps its own id for the ad), at most [`MAX_BODY_CHARS`].
    pub body: String,
}

/// How much of an answer's body is kept (for the recruiter's message and the log).
pub const MAX_BODY_CHARS: usize = 2000;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Refused for good: sending the same again will not help. 401/403 mean the
    /// credentials; any other 4xx the record.
    #[error("refused with HTTP {status}: {body}")]
    Rejected { status: u16, body: String },
    /// Try again later: 5xx, 408, 429, a timeout or no connection.
    #[error("unavailable ({reason})")]
    Unavailable { status: Option<u16>, retry_after: Option<u64>, reason: String },
    /// We could not even make the request (a bad endpoint or business ID in the settings).
    #[error("request not sent: {0}")]
    Config(String),
}

impl SendError {
    /// Whether a later retry can succeed without anyone changing anything.
    pub fn is_transient(&self) -> bool {
        matches!(self, SendError::Unavailable { .. })
    }

    pub fn key(&self) -> &'static str {
        match self {
            SendError::Rejected { status: 401 | 403, .. } => {
                "recruitment-jobmarket-credentials-refused"
            }
            SendError::Rejected { .. } => "recruitment-jobmarket-rejected",
            SendError::Unavailable { .. } => "recruitment-jobmarket-unavailable",
            SendError::Config(_) => "recruitment-jobmarket-settings-invalid",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            SendError::Rejected { status, body } => {
                lang.t_args(self.key(), &[("status", &status.to_string()), ("reason", body)])
            }
            _ => lang.t(self.key()),
        }
    }
}

/// The ad's URL at the job market, or why no request can be made.
fn posting_url(endpoint: &str, business_id: &str, id: &str) -> Result<String, SendError> {
    let business_id = match crate::organisations::parse_business_id(business_id) {
        Ok(Some(id)) => id,
        _ => return Err(SendError::Config(format!("not a business ID: {business_id:?}"))),
    };
    // Our ids are UUIDs; anything else could add path segments (even percent-encoded, `..`
    // is a dot segment to URL parsers), so it is refused rather than escaped.
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(SendError::Config(format!("not an ad id: {id:?}")));
    }
    Ok(format!("{}/employers/{business_id}/job-postings/{id}", endpoint.trim_end_matches('/')))
}

/// Makes the request with the credentials and sorts the answer (see the module comment).
async fn exchange(
    request: reqwest::RequestBuilder,
    credentials: &Credentials,
    gone_is_done: bool,
) -> Result<SendOutcome, SendError> {
    let request = request.header(reqwest::header::ACCEPT, "application/json");
    let request = match credentials {
        Credentials::Basic { username, password } => request.basic_auth(username, Some(password)),
        Credentials::Bearer(token) => request.bearer_auth(token),
    };
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) if e.is_builder() => return Err(SendError::Config(e.to_string())),
        Err(e) => {
            return Err(SendError::Unavailable {
                status: None,
                retry_after: None,
                reason: e.to_string(),
            });
        }
    };
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    // A body that cannot be read still leaves the status to go by.
    let body: String =
        response.text().await.unwrap_or_default().chars().take(MAX_BODY_CHARS).collect();
    match status {
        200..=299 => Ok(SendOutcome { status, body }),
        404 | 410 if gone_is_done => Ok(SendOutcome { status, body }),
        408 | 429 | 500..=599 => {
            Err(SendError::Unavailable { status: Some(status), retry_after, reason: body })
        }
        _ => Err(SendError::Rejected { status, body }),
    }
}

/// Sends `record` as the organisation with `business_id`: a new ad or a new version of one
/// sent before. Time limits are the client's: build it with a timeout (a timeout counts as
/// [`SendError::Unavailable`]).
pub async fn send(
    client: &reqwest::Client,
    endpoint: &str,
    business_id: &str,
    credentials: &Credentials,
    record: &JobPostingV2,
) -> Result<SendOutcome, SendError> {
    let url = posting_url(endpoint, business_id, &record.external_id)?;
    exchange(client.put(&url).json(record), credentials, false).await
}

/// Archives the ad `external_id` at the job market (it closed). Archiving one the job market
/// does not have succeeds.
pub async fn archive(
    client: &reqwest::Client,
    endpoint: &str,
    business_id: &str,
    credentials: &Credentials,
    external_id: &str,
) -> Result<SendOutcome, SendError> {
    let url = posting_url(endpoint, business_id, external_id)?;
    exchange(client.post(format!("{url}/archive")), credentials, true).await
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use axum::body::Bytes;
    use axum::extract::State;
    use axum::http::{HeaderMap, Method, StatusCode, Uri};
    use base64::Engine;
    use serde_json::{Value, json};

    use super::*;
    use crate::recruitment::ad::AdText;
    use crate::recruitment::ad::tests::sample_ad;

    const BASE: &str = "https://tupa.example.fi";
    const BUSINESS_ID: &str = "0124610-9";
    /// Before the sample ad's deadline.
    const NOW: i64 = 1_795_200_000;

    #[test]
    fn record_of_a_complete_ad() {
        let rec = record(&sample_ad(), Some(BUSINESS_ID), BASE, NOW).unwrap();
        let expected = json!({
            "externalId": "0190f3a2-0000-7000-8000-000000000001",
            "languages": ["fi", "sv"],
            "position": {
                "title": {"fi": "Sairaanhoitaja, Kivistön terveysasema", "sv": "Sjukskötare, Kivistö hälsostation"},
                "jobDescription": {
                    "fi": "Haemme sairaanhoitajaa vakituiseen työsuhteeseen.\n\nTyö on päivätyötä arkisin.",
                    "sv": "Vi söker en sjukskötare till en fast anställning.\n\nArbetet utförs dagtid på vardagar."
                },
                "occupation": "2221",
                "employmentType": "PERMANENT",
                "workingTime": "FULL_TIME",
                "engagement": "EMPLOYMENT_CONTRACT",
                "start": "1.1.2027 tai sopimuksen mukaan",
                "salaryBasis": "KVTES, hinnoittelukohta 03HOI030"
            },
            "location": {
                "municipalityCode": "092",
                "regionCode": "01",
                "address": {"streetAddress": "Kivistöntie 1", "postalCode": "01700", "postOffice": "Vantaa", "countryCode": "FI"}
            },
            "application": {
                "published": "2026-11-20T10:00:00+02:00",
                "expires": "2026-12-15T16:00:00+02:00",
                "openPositions": 2,
                "url": "https://tupa.example.fi/jobs/vantaa/ad/0190f3a2-0000-7000-8000-000000000001"
            },
            "contacts": [{
                "name": "Maija Meikäläinen",
                "title": "osastonhoitaja",
                "phone": "+358 40 123 4567",
                "email": "maija.meikalainen@vantaa.fi"
            }]
        });
        assert_eq!(serde_json::to_value(&rec).unwrap(), expected);
    }

    #[test]
    fn check_lists_everything_that_is_missing() {
        let mut ad = sample_ad();
        ad.occupation_code = None;
        ad.region_code = Some("1".into());
        ad.vacancies = 0;
        ad.workplace.postal_code = "017".into();
        ad.texts.insert(Lang::Sv, AdText { title: " ".into(), description: "Beskrivning".into() });
        ad.texts.insert(Lang::En, AdText { title: "Nurse".into(), description: "".into() });
        let deadline = ad.deadline;
        assert_eq!(
            check(&ad, None, deadline),
            vec![
                NotSendable::NoBusinessId,
                NotSendable::NoOccupation,
                NotSendable::NoRegion,
                NotSendable::NoTitle { lang: Lang::Sv },
                NotSendable::NoDescription { lang: Lang::En },
                NotSendable::NoVacancies,
                NotSendable::InvalidPostalCode { code: "017".into() },
                NotSendable::DeadlinePassed,
            ]
        );
        assert_eq!(record(&ad, None, BASE, deadline).unwrap_err().len(), 8);
        // A business ID with a wrong check digit is no business ID.
        assert_eq!(check(&sample_ad(), Some("0124610-8"), NOW), vec![NotSendable::NoBusinessId]);
        ad.texts.clear();
        assert!(check(&ad, Some(BUSINESS_ID), NOW).contains(&NotSendable::NoTexts));
        assert!(check(&sample_ad(), Some(BUSINESS_ID), NOW).is_empty());
    }

    #[test]
    fn occupation_is_an_isco_code_or_an_esco_uri() {
        let mut ad = sample_ad();
        for good in [
            "2",
            "22",
            "2221",
            "http://data.europa.eu/esco/occupation/0b2a3b5e-2a4b-4b4a-8f3a-1d2c3b4a5e6f",
        ] {
            ad.occupation_code = Some(good.into());
            assert!(check(&ad, Some(BUSINESS_ID), NOW).is_empty(), "{good} refused");
        }
        for bad in [
            "22210",
            "sairaanhoitaja",
            "http://data.europa.eu/esco/occupation/",
            "https://example.com/2221",
        ] {
            ad.occupation_code = Some(bad.into());
            assert_eq!(
                check(&ad, Some(BUSINESS_ID), NOW),
                vec![NotSendable::InvalidOccupation { code: bad.into() }]
            );
        }
    }

    #[test]
    fn reasons_read_well_in_every_language() {
        assert_eq!(
            NotSendable::NoTitle { lang: Lang::Sv }.message(Lang::Fi),
            "Ruotsinkielinen otsikko puuttuu."
        );
        assert_eq!(
            NotSendable::NoTitle { lang: Lang::Fi }.message(Lang::Sv),
            "Rubriken på finska saknas."
        );
        assert_eq!(
            NotSendable::NoDescription { lang: Lang::En }.message(Lang::En),
            "The English description is missing."
        );
        let reasons = [
            NotSendable::NoBusinessId,
            NotSendable::NoOccupation,
            NotSendable::InvalidOccupation { code: "X1".into() },
            NotSendable::NoRegion,
            NotSendable::NoTexts,
            NotSendable::NoTitle { lang: Lang::Fi },
            NotSendable::NoDescription { lang: Lang::Sv },
            NotSendable::NoVacancies,
            NotSendable::InvalidPostalCode { code: "X2".into() },
            NotSendable::DeadlinePassed,
        ];
        let errors = [
            SendError::Rejected { status: 400, body: "X3".into() },
            SendError::Rejected { status: 403, body: String::new() },
            SendError::Unavailable { status: None, retry_after: None, reason: String::new() },
            SendError::Config(String::new()),
        ];
        for lang in Lang::ALL {
            let texts = reasons
                .iter()
                .map(|r| (r.key(), r.message(lang)))
                .chain(errors.iter().map(|e| (e.key(), e.message(lang))));
            for (key, text) in texts {
                assert_ne!(text, key, "{lang}: {key} missing");
                assert!(!text.contains('{'), "{lang}: {text}");
            }
            assert!(reasons[2].message(lang).contains("X1"));
            assert!(reasons[8].message(lang).contains("X2"));
            assert!(
                errors[0].message(lang).contains("X3") && errors[0].message(lang).contains("400")
            );
        }
    }

    #[test]
    fn credentials_do_not_leak_into_logs() {
        let basic = Credentials::Basic { username: "tupa".into(), password: "salainen".into() };
        assert_eq!(format!("{basic:?}"), "Basic(tupa, ***)");
        assert!(!format!("{:?}", Credentials::Bearer("tok123".into())).contains("tok123"));
    }

    /// What the fake job market saw.
    #[derive(Clone, Debug)]
    struct Seen {
        method: Method,
        path: String,
        authorization: Option<String>,
        content_type: Option<String>,
        body: Value,
    }

    #[derive(Clone)]
    struct Fake {
        status: StatusCode,
        headers: Vec<(&'static str, &'static str)>,
        body: &'static str,
        delay: Duration,
        seen: Arc<Mutex<Vec<Seen>>>,
    }

    async fn fake_handler(
        State(fake): State<Fake>,
        method: Method,
        uri: Uri,
        headers: HeaderMap,
        body: Bytes,
    ) -> axum::response::Response {
        let header = |name| {
            headers
                .get(name)
                .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
                .map(String::from)
        };
        fake.seen.lock().unwrap().push(Seen {
            method,
            path: uri.path().to_string(),
            authorization: header("authorization"),
            content_type: header("content-type"),
            body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        });
        tokio::time::sleep(fake.delay).await;
        let mut response = axum::response::Response::new(axum::body::Body::from(fake.body));
        *response.status_mut() = fake.status;
        for (k, v) in &fake.headers {
            response.headers_mut().insert(*k, v.parse().unwrap());
        }
        response
    }

    /// Starts a fake job market on a free local port; returns its endpoint and what it saw.
    async fn fake_job_market(
        status: u16,
        headers: Vec<(&'static str, &'static str)>,
        body: &'static str,
        delay: Duration,
    ) -> (String, Arc<Mutex<Vec<Seen>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let fake = Fake {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
            body,
            delay,
            seen: seen.clone(),
        };
        let app = axum::Router::new().fallback(fake_handler).with_state(fake);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (format!("http://{addr}/api/v2/"), seen)
    }

    fn client() -> reqwest::Client {
        crate::http::install_crypto_provider();
        reqwest::Client::builder().no_proxy().timeout(Duration::from_millis(500)).build().unwrap()
    }

    fn basic() -> Credentials {
        Credentials::Basic { username: "vantaa-rekry".into(), password: "sal:asana ä".into() }
    }

    fn sample_record() -> JobPostingV2 {
        record(&sample_ad(), Some(BUSINESS_ID), BASE, NOW).unwrap()
    }

    #[tokio::test]
    async fn created_record_arrives_whole_with_basic_auth() {
        let (endpoint, seen) = fake_job_market(
            201,
            vec![("content-type", "application/json")],
            r#"{"id":"TMT-42"}"#,
            Duration::ZERO,
        )
        .await;
        let rec = sample_record();
        let outcome = send(&client(), &endpoint, BUSINESS_ID, &basic(), &rec).await.unwrap();
        assert_eq!(outcome, SendOutcome { status: 201, body: r#"{"id":"TMT-42"}"#.into() });

        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        let req = &seen[0];
        assert_eq!(req.method, Method::PUT);
        assert_eq!(
            req.path,
            "/api/v2/employers/0124610-9/job-postings/0190f3a2-0000-7000-8000-000000000001"
        );
        let token = base64::engine::general_purpose::STANDARD.encode("vantaa-rekry:sal:asana ä");
        assert_eq!(req.authorization.as_deref(), Some(format!("Basic {token}").as_str()));
        assert_eq!(req.content_type.as_deref(), Some("application/json"));
        assert_eq!(req.body, serde_json::to_value(&rec).unwrap());
        assert_eq!(req.body["position"]["title"]["sv"], "Sjukskötare, Kivistö hälsostation");
        assert_eq!(req.body["application"]["openPositions"], 2);
    }

    #[tokio::test]
    async fn bad_request_is_permanent_with_the_reason() {
        let (endpoint, _) = fake_job_market(
            400,
            vec![],
            "occupation 2221 not allowed for this employer",
            Duration::ZERO,
        )
        .await;
        let err =
            send(&client(), &endpoint, BUSINESS_ID, &basic(), &sample_record()).await.unwrap_err();
        assert_eq!(
            err,
            SendError::Rejected {
                status: 400,
                body: "occupation 2221 not allowed for this employer".into()
            }
        );
        assert!(!err.is_transient());
        assert_eq!(
            err.message(Lang::Fi),
            "Työmarkkinatori hylkäsi ilmoituksen (HTTP 400): occupation 2221 not allowed for this employer"
        );
    }

    #[tokio::test]
    async fn refused_token_is_permanent_and_points_at_the_credentials() {
        let (endpoint, seen) = fake_job_market(401, vec![], "", Duration::ZERO).await;
        let err = send(
            &client(),
            &endpoint,
            BUSINESS_ID,
            &Credentials::Bearer("tok-1".into()),
            &sample_record(),
        )
        .await
        .unwrap_err();
        assert_eq!(err, SendError::Rejected { status: 401, body: String::new() });
        assert_eq!(err.key(), "recruitment-jobmarket-credentials-refused");
        assert_eq!(seen.lock().unwrap()[0].authorization.as_deref(), Some("Bearer tok-1"));
    }

    #[tokio::test]
    async fn service_unavailable_is_transient_with_retry_after() {
        let (endpoint, _) =
            fake_job_market(503, vec![("retry-after", "120")], "maintenance", Duration::ZERO).await;
        let err =
            send(&client(), &endpoint, BUSINESS_ID, &basic(), &sample_record()).await.unwrap_err();
        assert_eq!(
            err,
            SendError::Unavailable {
                status: Some(503),
                retry_after: Some(120),
                reason: "maintenance".into()
            }
        );
        assert!(err.is_transient());
        // Too many requests is also "later", not "never".
        let (endpoint, _) = fake_job_market(429, vec![], "", Duration::ZERO).await;
        let err =
            send(&client(), &endpoint, BUSINESS_ID, &basic(), &sample_record()).await.unwrap_err();
        assert!(matches!(err, SendError::Unavailable { status: Some(429), .. }), "{err:?}");
    }

    #[tokio::test]
    async fn timeout_and_no_connection_are_transient() {
        let (endpoint, _) = fake_job_market(201, vec![], "", Duration::from_secs(5)).await;
        let err =
            send(&client(), &endpoint, BUSINESS_ID, &basic(), &sample_record()).await.unwrap_err();
        assert!(matches!(err, SendError::Unavailable { status: None, .. }), "{err:?}");

        // A port nobody listens on any more.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let err =
            send(&client(), &format!("http://{addr}/"), BUSINESS_ID, &basic(), &sample_record())
                .await
                .unwrap_err();
        assert!(matches!(err, SendError::Unavailable { status: None, .. }), "{err:?}");
    }

    #[tokio::test]
    async fn archive_posts_to_the_ads_archive_action() {
        let (endpoint, seen) = fake_job_market(204, vec![], "", Duration::ZERO).await;
        let outcome = archive(
            &client(),
            &endpoint,
            BUSINESS_ID,
            &Credentials::Bearer("t".into()),
            "0190f3a2-0000-7000-8000-000000000001",
        )
        .await
        .unwrap();
        assert_eq!(outcome.status, 204);
        let first = seen.lock().unwrap()[0].clone();
        assert_eq!(first.method, Method::POST);
        assert_eq!(
            first.path,
            "/api/v2/employers/0124610-9/job-postings/0190f3a2-0000-7000-8000-000000000001/archive"
        );
        assert_eq!(first.authorization.as_deref(), Some("Bearer t"));
        // Nothing there to archive is as good as archived; a refusal is still a refusal.
        let (endpoint, _) = fake_job_market(404, vec![], "no such posting", Duration::ZERO).await;
        assert_eq!(
            archive(&client(), &endpoint, BUSINESS_ID, &basic(), "a1").await.unwrap().status,
            404
        );
        let (endpoint, _) = fake_job_market(403, vec![], "", Duration::ZERO).await;
        assert!(matches!(
            archive(&client(), &endpoint, BUSINESS_ID, &basic(), "a1").await,
            Err(SendError::Rejected { status: 403, .. })
        ));
        // But a PUT answered 404 is a refusal (the endpoint is wrong).
        let (endpoint, _) = fake_job_market(404, vec![], "", Duration::ZERO).await;
        assert!(matches!(
            send(&client(), &endpoint, BUSINESS_ID, &basic(), &sample_record()).await,
            Err(SendError::Rejected { status: 404, .. })
        ));
    }

    #[tokio::test]
    async fn bad_settings_or_ids_send_nothing() {
        let (endpoint, seen) = fake_job_market(201, vec![], "", Duration::ZERO).await;
        let err =
            send(&client(), &endpoint, "1234567-8", &basic(), &sample_record()).await.unwrap_err();
        assert!(matches!(err, SendError::Config(_)), "{err:?}");
        let mut rec = sample_record();
        rec.external_id = "../../employers/other".into();
        let err = send(&client(), &endpoint, BUSINESS_ID, &basic(), &rec).await.unwrap_err();
        assert!(matches!(err, SendError::Config(_)), "{err:?}");
        assert!(!err.is_transient());
        let err = send(&client(), "not a url", BUSINESS_ID, &basic(), &sample_record())
            .await
            .unwrap_err();
        assert!(matches!(err, SendError::Config(_)), "{err:?}");
        assert!(seen.lock().unwrap().is_empty());
    }
}
