//! An organisation's connection to the national job market: the import interface's address
//! and the credentials issued to the organisation. Main admins (and the operator) set them;
//! the secret is stored encrypted (`secrets`) and never leaves the server again — pages and
//! the API only say whether one is set. The business ID the ads are sent under is the
//! organisation's own (`organisations.business_id`, edited in the organisation's settings).

use serde::{Deserialize, Serialize};

use super::ads::{open_condition, recruitment_org};
use super::jobmarket::Credentials;
use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::config::{Environment, Settings};
use crate::db::{Db, Tx, now};
use crate::error::{Error, Result};
use crate::organisations::{Organisation, parse_business_id};

/// The connection as entered. An empty or absent secret keeps the stored one.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct JobmarketInput {
    /// The import interface's base address, for example `https://api.example.fi/import/v2`.
    pub endpoint: String,
    /// The user name for HTTP Basic authentication; empty when the secret is a bearer token.
    #[serde(default)]
    pub username: String,
    /// The password or token. Required the first time; empty or absent keeps the stored one.
    #[serde(default)]
    pub secret: Option<String>,
}

/// What may be shown of the connection: never the secret, only whether there is one.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct JobmarketView {
    pub endpoint: Option<String>,
    pub username: Option<String>,
    pub secret_set: bool,
    /// Endpoint and secret are both there: ads will be sent.
    pub configured: bool,
    /// The organisation's business ID, as its settings have it.
    pub business_id: Option<String>,
    /// The business ID is there and its check digit is right.
    pub business_id_valid: bool,
}

/// The stored connection, decrypted, for the sender.
#[derive(Clone, Debug)]
pub struct Connection {
    pub endpoint: String,
    pub credentials: Credentials,
}

/// Why an organisation's ads cannot be sent for want of a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// No endpoint or no secret saved.
    NotSet,
    /// A secret is stored but cannot be decrypted (the server's secret key changed).
    Unreadable,
}

#[derive(sqlx::FromRow)]
struct Row {
    jobmarket_endpoint: Option<String>,
    jobmarket_username: Option<String>,
    jobmarket_secret: Option<String>,
}

async fn row(db: &Db, org_id: &str) -> Result<Option<Row>> {
    Ok(sqlx::query_as("SELECT jobmarket_endpoint, jobmarket_username, jobmarket_secret FROM recruitment_settings WHERE org_id = $1").bind(org_id).fetch_optional(db.pool()).await?)
}

fn view_of(org: &Organisation, row: Option<Row>) -> JobmarketView {
    let (endpoint, username, secret_set) = match row {
        Some(r) => (r.jobmarket_endpoint, r.jobmarket_username, r.jobmarket_secret.is_some()),
        None => (None, None, false),
    };
    let business_id_valid =
        org.business_id.as_deref().is_some_and(|b| matches!(parse_business_id(b), Ok(Some(_))));
    JobmarketView {
        configured: endpoint.is_some() && secret_set,
        endpoint,
        username,
        secret_set,
        business_id: org.business_id.clone(),
        business_id_valid,
    }
}

/// The connection as the main admin sees it.
pub async fn view(db: &Db, actor: &Actor, slug: &str) -> Result<(Organisation, JobmarketView)> {
    let org = recruitment_org(db, actor, slug, Permission::ManageRecruitment).await?;
    let row = row(db, &org.id).await?;
    let view = view_of(&org, row);
    Ok((org, view))
}

/// The decrypted connection of an organisation, for sending.
pub async fn connection(
    db: &Db,
    settings: &Settings,
    org_id: &str,
) -> Result<std::result::Result<Connection, Missing>> {
    let Some(Row {
        jobmarket_endpoint: Some(endpoint),
        jobmarket_username: username,
        jobmarket_secret: Some(secret),
    }) = row(db, org_id).await?
    else {
        return Ok(Err(Missing::NotSet));
    };
    let secret = match crate::secrets::decrypt(settings, &secret) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(org = org_id, error = %e, "job market secret cannot be decrypted");
            return Ok(Err(Missing::Unreadable));
        }
    };
    let credentials = match username.filter(|u| !u.is_empty()) {
        Some(username) => Credentials::Basic { username, password: secret },
        None => Credentials::Bearer(secret),
    };
    Ok(Ok(Connection { endpoint, credentials }))
}

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// The endpoint must be an address of another service Tupa may call
/// ([`crate::http::service_url`]).
fn check_endpoint(endpoint: &str, environment: Environment) -> Result<String> {
    if endpoint.trim().is_empty() {
        return Err(Error::invalid("endpoint", "required"));
    }
    crate::http::service_url(endpoint, environment)
        .ok_or(Error::invalid("endpoint", "jobmarket-endpoint-invalid"))
}

/// Makes sure the organisation has a settings row (its other settings at their defaults), so
/// the connection can be saved on its own without touching what is already there.
async fn ensure_row(tx: &mut Tx, org_id: &str) -> Result<()> {
    let d = super::settings::RecruitmentSettings::default();
    sqlx::query(
        "INSERT INTO recruitment_settings (org_id, approval_required, stages, anonymous_until_stage, retention_days, max_files, max_file_bytes, consent_text, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (org_id) DO NOTHING",
    )
    .bind(org_id)
    .bind(d.approval_required)
    .bind(serde_json::to_string(&d.stages).map_err(anyhow::Error::from)?)
    .bind(&d.anonymous_until_stage)
    .bind(d.retention_days)
    .bind(d.max_files)
    .bind(d.max_file_bytes)
    .bind(serde_json::to_string(&d.consent_text).map_err(anyhow::Error::from)?)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Saves the organisation's connection. Ads that could not be sent for want of it (or were
/// refused, perhaps for the old credentials) and are still public are queued again.
pub async fn set_credentials(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &JobmarketInput,
) -> Result<JobmarketView> {
    actor.check(Permission::ManageRecruitment, org)?;
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let endpoint = c.take(check_endpoint(&input.endpoint, settings.environment));
    let username = input.username.trim();
    if username.len() > 200 || has_control(username) {
        c.push("username", "jobmarket-username-invalid");
    }
    let secret = input.secret.as_deref().filter(|s| !s.is_empty());
    if secret.is_some_and(|s| s.len() > 4000 || has_control(s)) {
        c.push("secret", "jobmarket-secret-invalid");
    }
    let Some(endpoint) = endpoint else { return Err(c.error()) };
    c.finish()?;
    let secret_enc = match secret {
        Some(s) => Some(crate::secrets::encrypt(settings, s)?),
        None => None,
    };
    let mut tx = db.begin().await?;
    ensure_row(&mut tx, &org.id).await?;
    let stored: (Option<String>,) =
        sqlx::query_as("SELECT jobmarket_secret FROM recruitment_settings WHERE org_id = $1")
            .bind(&org.id)
            .fetch_one(&mut *tx)
            .await?;
    if stored.0.is_none() && secret_enc.is_none() {
        return Err(Error::invalid("secret", "jobmarket-secret-required"));
    }
    let t = now();
    sqlx::query("UPDATE recruitment_settings SET jobmarket_endpoint = $1, jobmarket_username = $2, jobmarket_secret = COALESCE($3, jobmarket_secret), updated_at = $4 WHERE org_id = $5")
        .bind(&endpoint)
        .bind(Some(username).filter(|u| !u.is_empty()))
        .bind(&secret_enc)
        .bind(t)
        .bind(&org.id)
        .execute(&mut *tx)
        .await?;
    let requeue = format!(
        "UPDATE job_ads AS a SET jobmarket_state = 'pending', jobmarket_next_at = $1, jobmarket_attempts = 0, jobmarket_detail = NULL
         WHERE a.org_id = $2 AND a.jobmarket_state IN ('not-configured', 'failed') AND {}",
        open_condition("$1")
    );
    let requeued = sqlx::query(sqlx::AssertSqlSafe(requeue))
        .bind(t)
        .bind(&org.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::JobmarketCredentialsSet,
        None,
        serde_json::json!({"endpoint": endpoint, "secret_changed": secret_enc.is_some(), "ads_queued": requeued}),
    )
    .await?;
    tx.commit().await?;
    let row = row(db, &org.id).await?;
    Ok(view_of(org, row))
}

/// Removes the connection: ads are no longer sent (they say so) until one is saved again.
pub async fn clear(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
) -> Result<JobmarketView> {
    actor.check(Permission::ManageRecruitment, org)?;
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE recruitment_settings SET jobmarket_endpoint = NULL, jobmarket_username = NULL, jobmarket_secret = NULL, updated_at = $1 WHERE org_id = $2")
        .bind(now())
        .bind(&org.id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::JobmarketCredentialsCleared,
        None,
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(view_of(org, row(db, &org.id).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_https_outside_training() {
        let p = Environment::Production;
        let t = Environment::Training;
        assert_eq!(
            check_endpoint(" https://api.tyomarkkinatori.fi/import/v2/ ", p).unwrap(),
            "https://api.tyomarkkinatori.fi/import/v2"
        );
        assert!(check_endpoint("http://api.example.fi/v2", p).is_err());
        assert!(
            check_endpoint("http://127.0.0.1:8081/v2", t).is_ok(),
            "a local test service while training"
        );
        for bad in [
            "https://127.0.0.1/v2",
            "https://10.0.0.5/",
            "https://169.254.169.254/latest",
            "https://[::1]/",
            "https://localhost/x",
            "https://user:pw@api.example.fi/",
        ] {
            assert_eq!(
                check_endpoint(bad, p).unwrap_err().code(),
                "jobmarket-endpoint-invalid",
                "{bad}"
            );
        }
        for bad in
            ["ftp://example.fi/", "not a url", "https://api.example.fi/?x=1", "javascript:alert(1)"]
        {
            assert!(check_endpoint(bad, t).is_err(), "{bad}");
        }
        assert_eq!(check_endpoint("  ", p).unwrap_err().code(), "required");
    }
}
