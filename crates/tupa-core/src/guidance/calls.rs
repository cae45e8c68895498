//! Video calls between the members' browsers (WebRTC, signalled over the space's socket).
//! Media may need a TURN relay when the browsers cannot reach each other directly; its
//! credentials are time-limited, in the TURN REST API scheme that coturn implements
//! (`use-auth-secret`): the username is `expiry:subject` and the credential is the base64 of
//! HMAC-SHA1 over the username with the secret shared with the TURN server. No per-user
//! account exists on the relay, and a leaked credential stops working by itself.

use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Serialize;

/// The relay servers of the installation (`TUPA_TURN_URLS`, `TUPA_TURN_SECRET`).
#[derive(Clone, Debug, Default)]
pub struct TurnConfig {
    /// `turn:` / `turns:` / `stun:` URLs.
    pub urls: Vec<String>,
    /// The secret shared with the TURN server; None: the URLs are used without credentials
    /// (STUN only).
    pub secret: Option<String>,
}

/// How long a TURN credential works: a long meeting fits, a leaked one soon expires.
pub const CREDENTIAL_SECS: i64 = 12 * 3600;

/// One entry of RTCConfiguration.iceServers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct IceServer {
    pub urls: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

/// What a browser needs to start a call.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CallConfig {
    pub ice_servers: Vec<IceServer>,
}

/// The ICE servers for `subject` (an opaque id of the member, never a name) as of `now`.
/// Without configured URLs the list is empty: browsers then use their own addresses, which
/// is enough on one network.
pub fn call_config(turn: Option<&TurnConfig>, subject: &str, now: i64) -> CallConfig {
    let Some(turn) = turn.filter(|t| !t.urls.is_empty()) else {
        return CallConfig { ice_servers: vec![] };
    };
    let (username, credential) = match &turn.secret {
        Some(secret) => {
            let (u, c) = credential(secret, subject, now + CREDENTIAL_SECS);
            (Some(u), Some(c))
        }
        None => (None, None),
    };
    CallConfig { ice_servers: vec![IceServer { urls: turn.urls.clone(), username, credential }] }
}

/// The TURN REST API credential of `subject`, valid until `expiry` (Unix seconds).
pub fn credential(secret: &str, subject: &str, expiry: i64) -> (String, String) {
    let username = format!("{expiry}:{subject}");
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("any key");
    mac.update(username.as_bytes());
    let credential = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    (username, credential)
}

/// Parses `TUPA_TURN_URLS`: URLs separated by spaces or commas, each `turn:`, `turns:` or
/// `stun:`.
pub fn parse_urls(text: &str) -> Result<Vec<String>, String> {
    let urls: Vec<String> = text
        .split([' ', ','])
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
        .collect();
    match urls.iter().find(|u| !["turn:", "turns:", "stun:"].iter().any(|p| u.starts_with(p))) {
        Some(bad) => Err(format!("{bad} is not a turn:, turns: or stun: URL")),
        None => Ok(urls),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_follow_the_turn_rest_api_scheme() {
        // Computed independently (Python's hmac with SHA-1, then base64).
        let (user, cred) = credential("turn-shared-secret", "user-1", 1_767_225_600);
        assert_eq!(user, "1767225600:user-1");
        assert_eq!(cred, "mZ+gUzoCNwppsHTSpPGpoat1/J4=");
    }

    #[test]
    fn config_expires_and_needs_urls() {
        assert!(call_config(None, "u", 0).ice_servers.is_empty());
        let turn =
            TurnConfig { urls: vec!["turn:turn.example.fi:3478".into()], secret: Some("s".into()) };
        let c = call_config(Some(&turn), "u", 1000);
        let user = c.ice_servers[0].username.clone().unwrap();
        assert_eq!(user, format!("{}:u", 1000 + CREDENTIAL_SECS));
        let stun = TurnConfig { urls: vec!["stun:stun.example.fi".into()], secret: None };
        assert_eq!(call_config(Some(&stun), "u", 0).ice_servers[0].credential, None);
        assert!(parse_urls("turn:a:3478, turns:b:5349 stun:c").unwrap().len() == 3);
        assert!(parse_urls("http://evil").is_err());
    }
}
