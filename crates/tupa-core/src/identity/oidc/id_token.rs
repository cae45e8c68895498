//! The checks on a verified ID token's claims (OpenID Connect Core 3.1.3.7): issuer,
//! audience, expiry, issue time, nonce and the level of assurance.

use anyhow::anyhow;
use serde_json::{Map, Value};

use super::{CLOCK_SKEW_SECS, Refusal, Refused};
use crate::identity::secrets::constant_time_eq;

/// An ID token older than this (by `iat`) is refused even if not expired: it was issued for
/// a sign-in that should have finished long ago.
pub const MAX_AGE_SECS: i64 = 10 * 60;

/// What the token must say.
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    /// Accepted `acr` values; empty accepts any (or none).
    pub accepted_acr: &'a [String],
}

/// A token that passed.
#[derive(Clone, Debug)]
pub struct IdClaims {
    pub subject: String,
    pub acr: Option<String>,
    /// When the provider identified the person (`auth_time`, else `iat`).
    pub identified_at: i64,
    pub claims: Map<String, Value>,
}

pub fn validate(claims: Value, expected: &Expected, now: i64) -> Result<IdClaims, Refused> {
    let Value::Object(claims) = claims else {
        return Err(Refused::invalid(anyhow!("the ID token's payload is not an object")));
    };
    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    let number = |name: &str| claims.get(name).and_then(Value::as_i64);
    let bad = |what: String| Err(Refused::invalid(anyhow!(what)));

    if text("iss") != Some(expected.issuer) {
        return bad(format!("issuer {:?} is not {:?}", text("iss"), expected.issuer));
    }
    let audience_ok = match claims.get("aud") {
        Some(Value::String(a)) => a == expected.client_id,
        Some(Value::Array(list)) => {
            list.iter().any(|a| a.as_str() == Some(expected.client_id))
                && (list.len() == 1 || text("azp") == Some(expected.client_id))
        }
        _ => false,
    };
    if !audience_ok {
        return bad(format!("audience {:?} is not {:?}", claims.get("aud"), expected.client_id));
    }
    if let Some(azp) = text("azp")
        && azp != expected.client_id
    {
        return bad(format!("authorised party {azp:?} is not us"));
    }
    match number("exp") {
        Some(exp) if exp + CLOCK_SKEW_SECS > now => {}
        exp => return bad(format!("expired (exp {exp:?}, now {now})")),
    }
    let iat = match number("iat") {
        Some(iat) if iat <= now + CLOCK_SKEW_SECS && iat >= now - MAX_AGE_SECS => iat,
        iat => return bad(format!("issued at {iat:?}, now {now}")),
    };
    let nonce_ok =
        text("nonce").is_some_and(|n| constant_time_eq(n.as_bytes(), expected.nonce.as_bytes()));
    if !nonce_ok {
        return bad("the nonce is not the one of this sign-in".into());
    }
    let subject = match text("sub") {
        Some(s) if !s.is_empty() && s.len() <= 255 => s.to_string(),
        _ => return bad("no subject".into()),
    };
    let acr = text("acr").map(str::to_string);
    if !expected.accepted_acr.is_empty()
        && !acr.as_ref().is_some_and(|a| expected.accepted_acr.contains(a))
    {
        return Err(Refused::new(
            Refusal::AcrNotAccepted,
            anyhow!("acr {acr:?} is not among {:?}", expected.accepted_acr),
        ));
    }
    let identified_at = number("auth_time").unwrap_or(iat);
    Ok(IdClaims { subject, acr, identified_at, claims })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn claims() -> Value {
        json!({
            "iss": "https://idp.test", "aud": "tupa", "sub": "abc", "nonce": "n1",
            "exp": NOW + 300, "iat": NOW - 5, "auth_time": NOW - 20,
            "acr": "http://ftn.ficora.fi/2017/loa3",
        })
    }

    fn check(c: Value, accepted: &[&str]) -> Result<IdClaims, Refusal> {
        let accepted: Vec<String> = accepted.iter().map(|s| s.to_string()).collect();
        let expected = Expected {
            issuer: "https://idp.test",
            client_id: "tupa",
            nonce: "n1",
            accepted_acr: &accepted,
        };
        validate(c, &expected, NOW).map_err(|r| r.refusal)
    }

    fn with(key: &str, value: Value) -> Value {
        let mut c = claims();
        c[key] = value;
        c
    }

    #[test]
    fn a_good_token_passes_with_its_acr_and_identification_time() {
        let ok = check(claims(), &["http://ftn.ficora.fi/2017/loa3"]).unwrap();
        assert_eq!(ok.subject, "abc");
        assert_eq!(ok.acr.as_deref(), Some("http://ftn.ficora.fi/2017/loa3"));
        assert_eq!(ok.identified_at, NOW - 20);
        assert!(check(with("aud", json!(["tupa"])), &[]).is_ok());
        assert!(
            check(with("aud", json!(["tupa", "x"])), &[]).is_err(),
            "several audiences need azp"
        );
        let mut c = with("aud", json!(["tupa", "x"]));
        c["azp"] = json!("tupa");
        assert!(check(c, &[]).is_ok());
    }

    #[test]
    fn refusals() {
        let invalid = Err(Refusal::Invalid);
        assert_eq!(check(with("nonce", json!("other")), &[]).map(|_| ()), invalid, "wrong nonce");
        assert_eq!(check(with("aud", json!("another-client")), &[]).map(|_| ()), invalid);
        assert_eq!(check(with("azp", json!("another-client")), &[]).map(|_| ()), invalid);
        assert_eq!(check(with("iss", json!("https://evil.test")), &[]).map(|_| ()), invalid);
        assert_eq!(check(with("exp", json!(NOW - 120)), &[]).map(|_| ()), invalid);
        assert_eq!(check(with("iat", json!(NOW + 600)), &[]).map(|_| ()), invalid);
        assert_eq!(check(with("iat", json!(NOW - 3600)), &[]).map(|_| ()), invalid);
        assert_eq!(check(with("sub", json!("")), &[]).map(|_| ()), invalid);
        let mut no_nonce = claims();
        no_nonce.as_object_mut().unwrap().remove("nonce");
        assert_eq!(check(no_nonce, &[]).map(|_| ()), invalid);
    }

    #[test]
    fn acr_below_the_accepted_levels_is_refused() {
        let loa2 = with("acr", json!("http://ftn.ficora.fi/2017/loa2"));
        assert_eq!(
            check(loa2.clone(), &["http://ftn.ficora.fi/2017/loa3"]).map(|_| ()),
            Err(Refusal::AcrNotAccepted)
        );
        assert!(
            check(loa2, &["http://ftn.ficora.fi/2017/loa3", "http://ftn.ficora.fi/2017/loa2"])
                .is_ok()
        );
        let mut none = claims();
        none.as_object_mut().unwrap().remove("acr");
        assert_eq!(
            check(none, &["http://ftn.ficora.fi/2017/loa3"]).map(|_| ()),
            Err(Refusal::AcrNotAccepted)
        );
    }
}
