//! Strong identification of clients under the Finnish Trust Network OpenID Connect profile
//! (Traficom recommendation 213/2023 S): the policy on top of the generic relying party in
//! [`super::oidc`] — which levels of assurance are accepted, which claim carries the
//! personal identity code, how that code is kept (only as a keyed hash), and how an
//! identified person becomes a signed-in client.

use anyhow::anyhow;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use super::oidc::{ClientAuth, ClientConfig, Identified, RelyingParty};
use super::sessions::{self, Session};
use super::signin::Client;
use super::{User, parse_display_name};
use crate::audit::{self, By};
use crate::config::Settings;
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};

pub const LOA3: &str = "http://ftn.ficora.fi/2017/loa3";
pub const LOA2: &str = "http://ftn.ficora.fi/2017/loa2";
/// The claim with the Finnish personal identity code (henkilötunnus).
pub const DEFAULT_PERSON_CLAIM: &str = "urn:oid:1.2.246.21";
/// Accounts made for identified clients have no e-mail address of their own; the column is
/// NOT NULL UNIQUE, so each gets one under the reserved `.invalid` domain (RFC 6761: never
/// resolves, so nothing can be delivered to it). Making the column nullable would mean
/// rebuilding `users` on SQLite (six tables point at it) and `User::email` becoming optional
/// everywhere; a separate clients table would leave sessions, the audit log and the spaces
/// without the one `users.id` they all use. A client invited by e-mail (guidance spaces) is
/// linked to the account of that address instead (`invited` of [`sign_in_client`]).
pub const CLIENT_EMAIL_DOMAIN: &str = "client.invalid";
/// The issuer recorded for the training environment's test identification.
pub const TEST_ISSUER: &str = "urn:tupa:test-identification";

/// Configuration from `TUPA_OIDC_*`.
#[derive(Clone, Debug)]
pub struct FtnConfig {
    pub issuer: String,
    pub client_id: String,
    /// Accepted levels, strongest first.
    pub acr: Vec<String>,
    pub person_claim: String,
}

impl FtnConfig {
    /// `TUPA_OIDC_ACR`: space-separated; empty gives both FTN levels.
    pub fn parse_acr(text: Option<&str>) -> Vec<String> {
        let levels: Vec<String> =
            text.unwrap_or_default().split_whitespace().map(str::to_string).collect();
        if levels.is_empty() { vec![LOA3.to_string(), LOA2.to_string()] } else { levels }
    }

    /// The relying party's settings under the FTN profile.
    pub fn client_config(&self, public_url: &str) -> ClientConfig {
        // The identity code is asked for in the ID token and in userinfo: brokers differ in
        // where they put it, and the relying party reads userinfo only when it is missing.
        let wanted = json!({
            self.person_claim.clone(): { "essential": true },
            "name": null, "given_name": null, "family_name": null,
        });
        ClientConfig {
            issuer: self.issuer.trim_end_matches('/').to_string(),
            client_id: self.client_id.clone(),
            redirect_uri: redirect_uri(public_url),
            scope: "openid profile".into(),
            auth: ClientAuth::PrivateKeyJwt,
            signed_request: true,
            require_encryption: true,
            acr_values: self.acr.clone(),
            claims_request: Some(json!({ "id_token": wanted, "userinfo": wanted })),
            userinfo_claims: vec![self.person_claim.clone()],
        }
    }
}

/// The redirect URI to register with the broker.
pub fn redirect_uri(public_url: &str) -> String {
    format!("{}/auth/oidc/callback", public_url.trim_end_matches('/'))
}

/// A configured identification service: the FTN policy and its relying party. One per
/// process (it caches the provider's metadata and keys).
pub struct Identification {
    pub ftn: FtnConfig,
    pub rp: RelyingParty,
}

impl Identification {
    pub fn new(ftn: FtnConfig, public_url: &str) -> anyhow::Result<Identification> {
        let rp = RelyingParty::new(ftn.client_config(public_url))?;
        Ok(Identification { ftn, rp })
    }

    /// The person as the rest of Tupa sees them.
    pub fn person(&self, identified: &Identified) -> Person {
        let text = |k: &str| identified.claims.get(k).and_then(Value::as_str).map(str::to_string);
        let name = text("name").or_else(|| {
            let given = text("given_name").unwrap_or_default();
            let family = text("family_name").unwrap_or_default();
            let joined = format!("{given} {family}").trim().to_string();
            (!joined.is_empty()).then_some(joined)
        });
        Person {
            issuer: identified.issuer.clone(),
            subject: identified.subject.clone(),
            acr: identified.acr.clone(),
            identified_at: identified.identified_at,
            name,
            person_code: text(&self.ftn.person_claim),
            method: Method::Oidc,
        }
    }
}

/// How the person was identified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Oidc,
    /// The training environment's test identification.
    Test,
}

/// An identified person, before they are matched to an account.
#[derive(Clone, Debug)]
pub struct Person {
    pub issuer: String,
    pub subject: String,
    pub acr: Option<String>,
    pub identified_at: i64,
    pub name: Option<String>,
    /// The identity code in full: only hashed, never stored or logged.
    pub person_code: Option<String>,
    pub method: Method,
}

/// The keyed hash of a personal identity code (HMAC-SHA256 under a key derived from
/// `TUPA_SECRET_KEY`): the same person gives the same value, but the value does not reveal
/// the code — identity codes are few enough to hash them all, so a plain hash would.
pub fn person_hash(settings: &Settings, code: &str) -> anyhow::Result<String> {
    let key = crate::secrets::derived_key(settings, "tupa/ftn/person-code")?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|e| anyhow!(e))?;
    mac.update(code.trim().to_uppercase().as_bytes());
    Ok(hex::encode(mac.finalize().into_bytes()))
}

/// Finds the client account of `person` (by issuer and subject; else by identity code, as
/// pairwise subjects differ between brokers; else the `invited` account, when the person
/// came through an invitation to that account), or makes one (no password, no organisation
/// role), and starts a session recording the level and time of identification. Audited.
pub async fn sign_in_client(
    db: &Db,
    settings: &Settings,
    person: &Person,
    invited: Option<&str>,
    client: &Client,
) -> Result<(User, Session, String)> {
    let hash = person.person_code.as_deref().map(|c| person_hash(settings, c)).transpose()?;
    let mut tx = db.begin().await?;
    let linked: Option<(String,)> = sqlx::query_as(
        "SELECT user_id FROM external_identities WHERE issuer = $1 AND subject = $2",
    )
    .bind(&person.issuer)
    .bind(&person.subject)
    .fetch_optional(&mut *tx)
    .await?;
    let (user_id, created) = match linked {
        Some((id,)) => {
            if hash.is_some() {
                sqlx::query("UPDATE external_identities SET person_hash = $1 WHERE issuer = $2 AND subject = $3")
                    .bind(&hash)
                    .bind(&person.issuer)
                    .bind(&person.subject)
                    .execute(&mut *tx)
                    .await?;
            }
            (id, false)
        }
        None => {
            let same_person: Option<(String,)> = match &hash {
                Some(h) => sqlx::query_as(
                    "SELECT user_id FROM external_identities WHERE person_hash = $1 ORDER BY created_at LIMIT 1",
                )
                .bind(h)
                .fetch_optional(&mut *tx)
                .await?,
                None => None,
            };
            let (id, created) = match (same_person, invited) {
                (Some((id,)), _) => (id, false),
                (None, Some(id)) => (id.to_string(), false),
                (None, None) => {
                    let id = new_id();
                    let name = person
                        .name
                        .as_deref()
                        .and_then(|n| parse_display_name(n).ok())
                        .unwrap_or_else(|| "—".to_string());
                    sqlx::query("INSERT INTO users (id, email, display_name, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(&id)
                        .bind(format!("{id}@{CLIENT_EMAIL_DOMAIN}"))
                        .bind(name)
                        .bind(now())
                        .execute(&mut *tx)
                        .await?;
                    (id, true)
                }
            };
            sqlx::query(
                "INSERT INTO external_identities (issuer, subject, user_id, created_at, person_hash) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&person.issuer)
            .bind(&person.subject)
            .bind(&id)
            .bind(now())
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
            (id, created)
        }
    };
    let user = super::get_tx(&mut tx, &user_id).await?;
    if !user.is_active() {
        return Err(Error::Forbidden);
    }
    let by = By {
        user_id: Some(user.id.clone()),
        label: user.display_name.clone(),
        ip: Some(client.ip.clone()),
    };
    audit::record(
        &mut tx,
        None,
        &by,
        audit::Action::ClientIdentified,
        Some((audit::Target::User, &user.id)),
        json!({
            "issuer": person.issuer,
            "acr": person.acr,
            "identified_at": person.identified_at,
            "method": match person.method { Method::Oidc => "oidc", Method::Test => "test" },
            "new_account": created,
        }),
    )
    .await?;
    tx.commit().await?;
    let (session, token) =
        sessions::create(db, &user.id, false, client.user_agent.as_deref(), Some(&client.ip))
            .await?;
    sessions::record_identification(db, &session.id, person.acr.as_deref(), person.identified_at)
        .await?;
    // The client's spaces count their idle months from the latest sign-in.
    crate::guidance::lifecycle::client_signed_in(db, &user.id, session.created_at).await?;
    Ok((user, session, token))
}

/// The training environment's test personas: (id, name, identity code from the range
/// reserved for tests, individual numbers 900–999).
pub const TEST_PERSONAS: [(&str, &str, &str); 3] = [
    ("anna", "Anna Asiakas", "010190-900P"),
    ("ville", "Ville Virtanen", "311285-9119"),
    ("sanna", "Sanna Svensson", "121212A903P"),
];

/// A test persona as an identified person (training only: the caller checks).
pub fn test_person(id: &str) -> Option<Person> {
    TEST_PERSONAS.iter().find(|p| p.0 == id).map(|(id, name, code)| Person {
        issuer: TEST_ISSUER.into(),
        subject: (*id).into(),
        acr: Some(LOA3.into()),
        identified_at: now(),
        name: Some((*name).into()),
        person_code: Some((*code).into()),
        method: Method::Test,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acr_defaults_to_both_levels_strongest_first() {
        assert_eq!(FtnConfig::parse_acr(None), vec![LOA3, LOA2]);
        assert_eq!(FtnConfig::parse_acr(Some("  ")), vec![LOA3, LOA2]);
        assert_eq!(FtnConfig::parse_acr(Some(LOA3)), vec![LOA3]);
    }

    #[test]
    fn the_redirect_uri_is_under_the_public_url() {
        assert_eq!(redirect_uri("https://tupa.test/"), "https://tupa.test/auth/oidc/callback");
    }
}
