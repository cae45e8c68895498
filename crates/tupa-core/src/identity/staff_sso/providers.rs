//! The relying party of each organisation's provider, kept for the life of the process: it
//! caches the provider's metadata and signing keys, which every sign-in would otherwise
//! fetch again. Process-wide like the FTN relying party; an entry is rebuilt when the
//! configuration it was made from changes (another instance may have saved new settings).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::settings::StaffSso;
use crate::config::Settings;
use crate::identity::oidc::{ClientAuth, ClientConfig, RelyingParty};

/// The configuration an entry was made from, and the relying party.
type Entry = (String, Arc<RelyingParty>);

fn cache() -> &'static Mutex<HashMap<String, Entry>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Entry>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The client settings of a staff provider: the authorization code flow with PKCE, `state`
/// and `nonce`, a client secret at the token endpoint (HTTP Basic), signed ID tokens; the
/// address and groups come from the ID token or, when missing there, from userinfo.
pub fn client_config(
    settings: &Settings,
    slug: &str,
    sso: &StaffSso,
) -> anyhow::Result<ClientConfig> {
    let mut userinfo_claims = vec!["email".to_string()];
    if let Some(claim) = &sso.rules.group_claim {
        userinfo_claims.push(claim.clone());
    }
    Ok(ClientConfig {
        issuer: sso.issuer.trim_end_matches('/').to_string(),
        client_id: sso.client_id.clone(),
        redirect_uri: super::redirect_uri(&settings.public_url, slug),
        scope: "openid email profile".into(),
        auth: ClientAuth::ClientSecretBasic(sso.client_secret(settings)?),
        signed_request: false,
        require_encryption: false,
        acr_values: Vec::new(),
        claims_request: None,
        userinfo_claims,
    })
}

/// The relying party for `slug`'s provider as configured now.
pub fn relying_party(
    settings: &Settings,
    slug: &str,
    sso: &StaffSso,
) -> anyhow::Result<Arc<RelyingParty>> {
    // The encrypted secret has a fresh nonce on every save, so it tells a new secret apart.
    let made_from = format!("{}\n{}\n{}\n{slug}", sso.issuer, sso.client_id, sso.client_secret_enc);
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some((from, rp)) = cache.get(&sso.org_id)
        && *from == made_from
    {
        return Ok(rp.clone());
    }
    let rp = Arc::new(RelyingParty::new(client_config(settings, slug, sso)?)?);
    cache.insert(sso.org_id.clone(), (made_from, rp.clone()));
    Ok(rp)
}
