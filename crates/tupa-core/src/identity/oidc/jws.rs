//! Signed tokens in compact form (RFC 7515): we sign request objects and client assertions
//! with RS256 (ring, constant-time), and verify the provider's tokens against its JWKS.

use anyhow::{Context, anyhow, bail};
use ring::signature::RsaKeyPair;
use serde::Deserialize;

use super::jose::{b64, parts, unb64};
use super::jwk::{JwkSet, SigAlg};

#[derive(Debug, Deserialize)]
pub struct Header {
    pub alg: String,
    #[serde(default)]
    pub kid: Option<String>,
    #[serde(default)]
    pub typ: Option<String>,
    /// Critical extensions: none is understood, so a token that has any is refused.
    #[serde(default)]
    pub crit: Option<serde_json::Value>,
}

/// A parsed, not yet verified, JWS.
#[derive(Debug)]
pub struct Jws {
    pub header: Header,
    pub alg: SigAlg,
    signing_input: String,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

/// How a verification failed: an unknown key is worth refetching the provider's keys for.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("no key in the provider's JWKS fits kid {0:?}")]
    UnknownKey(Option<String>),
    #[error("the signature does not verify")]
    BadSignature,
}

impl Jws {
    pub fn parse(token: &str) -> anyhow::Result<Jws> {
        let p = parts(token)?;
        if p.len() != 3 {
            bail!("not a JWS");
        }
        let header: Header =
            serde_json::from_slice(&unb64(p[0])?).context("the JWS header is not JSON")?;
        if header.crit.is_some() {
            bail!("the JWS has critical extensions");
        }
        let alg = SigAlg::parse(&header.alg)
            .ok_or_else(|| anyhow!("signature algorithm {:?} is not accepted", header.alg))?;
        Ok(Jws {
            alg,
            header,
            signing_input: format!("{}.{}", p[0], p[1]),
            payload: unb64(p[1])?,
            signature: unb64(p[2])?,
        })
    }

    /// The payload once the signature is checked against one of `keys`.
    pub fn verify(&self, keys: &JwkSet) -> Result<&[u8], VerifyError> {
        let candidates = keys.candidates(self.alg, self.header.kid.as_deref());
        if candidates.is_empty() {
            return Err(VerifyError::UnknownKey(self.header.kid.clone()));
        }
        if candidates
            .iter()
            .any(|k| k.verify(self.alg, self.signing_input.as_bytes(), &self.signature))
        {
            Ok(&self.payload)
        } else {
            Err(VerifyError::BadSignature)
        }
    }
}

/// Signs `claims` with RS256 as a compact JWS naming `kid`.
pub fn sign_rs256(
    key: &RsaKeyPair,
    kid: &str,
    typ: Option<&str>,
    claims: &serde_json::Value,
) -> anyhow::Result<String> {
    let mut header = serde_json::json!({ "alg": "RS256", "kid": kid });
    if let Some(typ) = typ {
        header["typ"] = typ.into();
    }
    let input =
        format!("{}.{}", b64(serde_json::to_vec(&header)?), b64(serde_json::to_vec(claims)?));
    let mut sig = vec![0u8; key.public().modulus_len()];
    key.sign(
        &ring::signature::RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        input.as_bytes(),
        &mut sig,
    )
    .map_err(|_| anyhow!("RSA signing failed"))?;
    Ok(format!("{input}.{}", b64(sig)))
}
