//! The provider's metadata (`{issuer}/.well-known/openid-configuration`) and its signing keys
//! (`jwks_uri`), cached in the process. Keys are fetched again when a token names a `kid`
//! we do not have (the provider rotated), but not more often than [`JWKS_REFETCH_FLOOR`], so
//! tokens with made-up kids cannot make us hammer the provider.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde::Deserialize;
use tokio::sync::Mutex;

use super::jwk::JwkSet;

/// The shortest time between two fetches of the provider's JWKS.
pub const JWKS_REFETCH_FLOOR: Duration = Duration::from_secs(30);
/// Metadata and keys are read again after this long in any case.
pub const CACHE_LIFETIME: Duration = Duration::from_secs(3600);

#[derive(Clone, Debug, Deserialize)]
pub struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
    pub jwks_uri: String,
}

struct Cached<T> {
    value: T,
    fetched: Instant,
}

/// One provider's metadata and keys, shared by the requests of one process.
pub struct Discovery {
    issuer: String,
    http: reqwest::Client,
    metadata: Mutex<Option<Cached<Metadata>>>,
    jwks: Mutex<Option<Cached<JwkSet>>>,
    refetch_floor: Duration,
}

impl Discovery {
    pub fn new(issuer: &str, http: reqwest::Client) -> Discovery {
        Discovery {
            issuer: issuer.trim_end_matches('/').to_string(),
            http,
            metadata: Mutex::new(None),
            jwks: Mutex::new(None),
            refetch_floor: JWKS_REFETCH_FLOOR,
        }
    }

    pub fn set_refetch_floor(&mut self, floor: Duration) {
        self.refetch_floor = floor;
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    pub async fn metadata(&self) -> anyhow::Result<Metadata> {
        let mut cached = self.metadata.lock().await;
        if let Some(c) = cached.as_ref().filter(|c| c.fetched.elapsed() < CACHE_LIFETIME) {
            return Ok(c.value.clone());
        }
        let url = format!("{}/.well-known/openid-configuration", self.issuer);
        let metadata: Metadata = get_json(&self.http, &url).await?;
        // The issuer in the document must be the one configured (OpenID Connect Discovery
        // 4.3), or a document from elsewhere could redirect our tokens.
        if metadata.issuer.trim_end_matches('/') != self.issuer {
            bail!(
                "the provider's metadata names issuer {:?}, not {:?}",
                metadata.issuer,
                self.issuer
            );
        }
        *cached = Some(Cached { value: metadata.clone(), fetched: Instant::now() });
        Ok(metadata)
    }

    /// The provider's keys; `refresh` asks for a fresh copy (an unknown `kid` was seen),
    /// which is fetched only if the last fetch is older than the floor.
    pub async fn jwks(&self, refresh: bool) -> anyhow::Result<JwkSet> {
        let mut cached = self.jwks.lock().await;
        if let Some(c) = cached.as_ref() {
            let age = c.fetched.elapsed();
            if age < self.refetch_floor || (!refresh && age < CACHE_LIFETIME) {
                return Ok(c.value.clone());
            }
        }
        let uri = self.metadata().await?.jwks_uri;
        let json: serde_json::Value = get_json(&self.http, &uri).await?;
        let keys = JwkSet::parse(&json)?;
        *cached = Some(Cached { value: keys.clone(), fetched: Instant::now() });
        Ok(keys)
    }
}

async fn get_json<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    url: &str,
) -> anyhow::Result<T> {
    let res = http.get(url).send().await.with_context(|| format!("cannot reach {url}"))?;
    if !res.status().is_success() {
        bail!("{url} answered {}", res.status());
    }
    res.json().await.with_context(|| format!("{url} did not answer JSON"))
}
