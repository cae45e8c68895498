//! The relying party's requests: the authorization redirect (with a signed request object),
//! the code exchange (authenticated with `private_key_jwt` or a client secret), the ID token
//! (decrypted, verified, checked) and, when the ID token lacks a claim we need, userinfo.

use std::time::Duration;

use anyhow::{anyhow, bail};
use serde_json::{Map, Value, json};

use super::discovery::{Discovery, Metadata};
use super::flow::Flow;
use super::id_token::{self, Expected};
use super::jose::{is_encrypted, random};
use super::jws::{Jws, VerifyError, sign_rs256};
use super::keys::{self, OurKeys};
use super::{Refusal, Refused, jwe};
use crate::config::Settings;
use crate::db::{Db, now};

/// Our signed request objects and client assertions are valid this long.
pub const ASSERTION_LIFETIME_SECS: i64 = 120;

/// How the client proves itself at the token endpoint.
#[derive(Clone, Debug)]
pub enum ClientAuth {
    /// A JWT signed with our key (the FTN profile; no shared secret).
    PrivateKeyJwt,
    /// HTTP Basic with a client secret (staff single sign-on with an ordinary provider).
    ClientSecretBasic(String),
}

#[derive(Clone, Debug)]
pub struct ClientConfig {
    pub issuer: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub scope: String,
    pub auth: ClientAuth,
    /// Send the authorization request as a signed request object (JAR, `request=`).
    pub signed_request: bool,
    /// Refuse ID tokens (and signed userinfo) that arrive unencrypted.
    pub require_encryption: bool,
    /// `acr_values` to ask for (strongest first); also the only ones accepted. Empty: any.
    pub acr_values: Vec<String>,
    /// The `claims` request parameter (OpenID Connect Core 5.5), if any.
    pub claims_request: Option<Value>,
    /// Claims to take from userinfo when the ID token does not have them.
    pub userinfo_claims: Vec<String>,
}

/// A person the provider identified, after every check.
#[derive(Clone, Debug)]
pub struct Identified {
    pub issuer: String,
    pub subject: String,
    pub acr: Option<String>,
    /// Unix seconds when the provider identified the person.
    pub identified_at: i64,
    /// The ID token's claims, with those fetched from userinfo added.
    pub claims: Map<String, Value>,
}

pub struct RelyingParty {
    config: ClientConfig,
    discovery: Discovery,
    http: reqwest::Client,
}

impl RelyingParty {
    pub fn new(config: ClientConfig) -> anyhow::Result<RelyingParty> {
        let http = crate::http::client(Duration::from_secs(15))?;
        let discovery = Discovery::new(&config.issuer, http.clone());
        Ok(RelyingParty { config, discovery, http })
    }

    /// Changes the floor on refetching the provider's keys (tests use zero).
    pub fn with_jwks_refetch_floor(mut self, floor: Duration) -> RelyingParty {
        self.discovery.set_refetch_floor(floor);
        self
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Where to send the browser to start `flow`.
    pub async fn authorization_url(
        &self,
        db: &Db,
        settings: &Settings,
        flow: &Flow,
    ) -> anyhow::Result<String> {
        let metadata = self.discovery.metadata().await?;
        let c = &self.config;
        let mut params: Vec<(String, String)> = vec![
            ("client_id".into(), c.client_id.clone()),
            ("response_type".into(), "code".into()),
            ("scope".into(), c.scope.clone()),
        ];
        let mut request = json!({
            "client_id": c.client_id,
            "response_type": "code",
            "redirect_uri": c.redirect_uri,
            "scope": c.scope,
            "state": flow.state,
            "nonce": flow.nonce,
            "code_challenge": flow.pkce_challenge(),
            "code_challenge_method": "S256",
        });
        if !c.acr_values.is_empty() {
            request["acr_values"] = c.acr_values.join(" ").into();
        }
        if let Some(claims) = &c.claims_request {
            request["claims"] = claims.clone();
        }
        if c.signed_request {
            let keys = keys::load(db, settings).await?;
            let t = now();
            let mut object = request.clone();
            object["iss"] = c.client_id.clone().into();
            object["aud"] = metadata.issuer.clone().into();
            object["iat"] = t.into();
            object["nbf"] = t.into();
            object["exp"] = (t + ASSERTION_LIFETIME_SECS).into();
            object["jti"] = random(16).into();
            params.push((
                "request".into(),
                sign_rs256(&keys.signing.pair, &keys.signing.kid, None, &object)?,
            ));
        } else {
            for (k, v) in request.as_object().expect("an object") {
                if !matches!(k.as_str(), "client_id" | "response_type" | "scope") {
                    let v = v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string());
                    params.push((k.clone(), v));
                }
            }
        }
        let sep = if metadata.authorization_endpoint.contains('?') { '&' } else { '?' };
        Ok(format!(
            "{}{sep}{}",
            metadata.authorization_endpoint,
            serde_urlencoded::to_string(&params)?
        ))
    }

    /// Finishes `flow` with the `code` the provider returned: exchanges it, decrypts and
    /// checks the ID token, and fetches userinfo when a needed claim is missing.
    pub async fn finish(
        &self,
        db: &Db,
        settings: &Settings,
        flow: &Flow,
        code: &str,
    ) -> Result<Identified, Refused> {
        let unavailable = |e: anyhow::Error| Refused::new(Refusal::ProviderUnavailable, e);
        let metadata = self.discovery.metadata().await.map_err(unavailable)?;
        let keys = keys::load(db, settings).await.map_err(unavailable)?;
        let tokens = self.exchange(&metadata, &keys, flow, code).await?;
        let id_token = tokens
            .get("id_token")
            .and_then(Value::as_str)
            .ok_or_else(|| Refused::invalid(anyhow!("the token response has no id_token")))?;
        let checked = self.id_token(id_token, &keys, &metadata.issuer, &flow.nonce).await?;
        let mut claims = checked.claims;
        let missing = self.config.userinfo_claims.iter().any(|c| !claims.contains_key(c));
        if missing && let Some(endpoint) = &metadata.userinfo_endpoint {
            let access_token =
                tokens.get("access_token").and_then(Value::as_str).ok_or_else(|| {
                    Refused::invalid(anyhow!("no access token for the userinfo endpoint"))
                })?;
            let info = self.userinfo(endpoint, access_token, &keys, &metadata).await?;
            if info.get("sub").and_then(Value::as_str) != Some(checked.subject.as_str()) {
                return Err(Refused::invalid(anyhow!("userinfo is about another subject")));
            }
            for (k, v) in info {
                claims.entry(k).or_insert(v);
            }
        }
        Ok(Identified {
            issuer: metadata.issuer,
            subject: checked.subject,
            acr: checked.acr,
            identified_at: checked.identified_at,
            claims,
        })
    }

    /// Decrypts, verifies and checks an ID token (every check but those of the exchange).
    pub(crate) async fn id_token(
        &self,
        token: &str,
        keys: &OurKeys,
        issuer: &str,
        nonce: &str,
    ) -> Result<id_token::IdClaims, Refused> {
        let payload = self.open(token, keys).await?;
        let expected = Expected {
            issuer,
            client_id: &self.config.client_id,
            nonce,
            accepted_acr: &self.config.acr_values,
        };
        id_token::validate(payload, &expected, now())
    }

    async fn exchange(
        &self,
        metadata: &Metadata,
        keys: &OurKeys,
        flow: &Flow,
        code: &str,
    ) -> Result<Map<String, Value>, Refused> {
        let c = &self.config;
        let mut form = vec![
            ("grant_type", "authorization_code".to_string()),
            ("code", code.to_string()),
            ("redirect_uri", c.redirect_uri.clone()),
            ("code_verifier", flow.pkce_verifier.clone()),
            ("client_id", c.client_id.clone()),
        ];
        let mut request = self.http.post(&metadata.token_endpoint);
        match &c.auth {
            ClientAuth::PrivateKeyJwt => {
                let t = now();
                let assertion = json!({
                    "iss": c.client_id, "sub": c.client_id, "aud": metadata.token_endpoint,
                    "jti": random(16), "iat": t, "exp": t + ASSERTION_LIFETIME_SECS,
                });
                let jwt = sign_rs256(&keys.signing.pair, &keys.signing.kid, None, &assertion)
                    .map_err(Refused::invalid)?;
                form.push((
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into(),
                ));
                form.push(("client_assertion", jwt));
            }
            ClientAuth::ClientSecretBasic(secret) => {
                request = request.basic_auth(&c.client_id, Some(secret));
            }
        }
        let res = request
            .form(&form)
            .send()
            .await
            .map_err(|e| Refused::new(Refusal::ProviderUnavailable, e))?;
        let status = res.status();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        if !status.is_success() {
            // invalid_grant: a used, expired or someone else's code, or a PKCE mismatch.
            let refusal = if status.is_server_error() {
                Refusal::ProviderUnavailable
            } else {
                Refusal::Invalid
            };
            return Err(Refused::new(
                refusal,
                anyhow!("the token endpoint answered {status}: {body}"),
            ));
        }
        match body {
            Value::Object(map) => Ok(map),
            _ => Err(Refused::invalid(anyhow!("the token response is not a JSON object"))),
        }
    }

    /// Decrypts (when encrypted) and verifies a token from the provider; its JSON payload.
    pub(crate) async fn open(&self, token: &str, keys: &OurKeys) -> Result<Value, Refused> {
        let signed = if is_encrypted(token) {
            let plain = jwe::decrypt(token, &keys.decryption).map_err(Refused::invalid)?;
            String::from_utf8(plain).map_err(|e| Refused::invalid(anyhow!(e)))?
        } else if self.config.require_encryption {
            return Err(Refused::invalid(anyhow!("the token is not encrypted")));
        } else {
            token.to_string()
        };
        let jws = Jws::parse(&signed).map_err(Refused::invalid)?;
        let jwks = self
            .discovery
            .jwks(false)
            .await
            .map_err(|e| Refused::new(Refusal::ProviderUnavailable, e))?;
        let payload = match jws.verify(&jwks) {
            Ok(p) => p.to_vec(),
            // The provider may have rotated its keys: read them again (at most so often).
            Err(VerifyError::UnknownKey(_)) => {
                let jwks = self
                    .discovery
                    .jwks(true)
                    .await
                    .map_err(|e| Refused::new(Refusal::ProviderUnavailable, e))?;
                jws.verify(&jwks).map_err(Refused::invalid)?.to_vec()
            }
            Err(e) => return Err(Refused::invalid(e)),
        };
        serde_json::from_slice(&payload).map_err(|e| Refused::invalid(anyhow!(e)))
    }

    async fn userinfo(
        &self,
        endpoint: &str,
        access_token: &str,
        keys: &OurKeys,
        metadata: &Metadata,
    ) -> Result<Map<String, Value>, Refused> {
        let res = self
            .http
            .get(endpoint)
            .bearer_auth(access_token)
            .send()
            .await
            .map_err(|e| Refused::new(Refusal::ProviderUnavailable, e))?;
        let status = res.status();
        let is_jwt = res
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/jwt"));
        let body = res.text().await.map_err(|e| Refused::new(Refusal::ProviderUnavailable, e))?;
        if !status.is_success() {
            return Err(Refused::invalid(anyhow!("userinfo answered {status}: {body}")));
        }
        let value = if is_jwt {
            let v = self.open(&body, keys).await?;
            // A signed userinfo response names its issuer and audience (Core 5.3.2).
            check_userinfo_jwt(&v, &metadata.issuer, &self.config.client_id)
                .map_err(Refused::invalid)?;
            v
        } else if self.config.require_encryption {
            return Err(Refused::invalid(anyhow!("userinfo is not signed and encrypted")));
        } else {
            serde_json::from_str(&body).map_err(|e| Refused::invalid(anyhow!(e)))?
        };
        match value {
            Value::Object(map) => Ok(map),
            _ => Err(Refused::invalid(anyhow!("userinfo is not a JSON object"))),
        }
    }
}

fn check_userinfo_jwt(v: &Value, issuer: &str, client_id: &str) -> anyhow::Result<()> {
    if let Some(iss) = v.get("iss")
        && iss.as_str() != Some(issuer)
    {
        bail!("userinfo from issuer {iss}");
    }
    if let Some(aud) = v.get("aud") {
        let ours = match aud {
            Value::String(a) => a == client_id,
            Value::Array(list) => list.iter().any(|a| a.as_str() == Some(client_id)),
            _ => false,
        };
        if !ours {
            bail!("userinfo for audience {aud}");
        }
    }
    Ok(())
}
