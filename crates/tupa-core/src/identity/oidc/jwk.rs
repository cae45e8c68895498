//! Public keys in JWK form (RFC 7517) and the signature checks made with them. Keys of kinds
//! we cannot use (symmetric, other curves) are skipped, not an error: a provider's JWKS may
//! hold keys for other clients' algorithms.

use anyhow::{Context, bail};
use ring::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

use super::jose::{b64, unb64};

/// The signature algorithms accepted from a provider. `none` and HMAC are not among them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigAlg {
    Rs256,
    Ps256,
    Es256,
}

impl SigAlg {
    pub fn parse(name: &str) -> Option<SigAlg> {
        match name {
            "RS256" => Some(SigAlg::Rs256),
            "PS256" => Some(SigAlg::Ps256),
            "ES256" => Some(SigAlg::Es256),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            SigAlg::Rs256 => "RS256",
            SigAlg::Ps256 => "PS256",
            SigAlg::Es256 => "ES256",
        }
    }
    fn kty(self) -> &'static str {
        match self {
            SigAlg::Rs256 | SigAlg::Ps256 => "RSA",
            SigAlg::Es256 => "EC",
        }
    }
}

/// One key as published. Only the public members are read.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Jwk {
    pub kty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub key_use: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<String>,
}

impl Jwk {
    /// An RSA public key from its modulus and exponent (big-endian bytes).
    pub fn rsa(n: &[u8], e: &[u8], key_use: &str, alg: &str) -> Jwk {
        let mut jwk = Jwk {
            kty: "RSA".into(),
            kid: None,
            key_use: Some(key_use.into()),
            alg: Some(alg.into()),
            n: Some(b64(n)),
            e: Some(b64(e)),
            crv: None,
            x: None,
            y: None,
        };
        jwk.kid = Some(jwk.thumbprint());
        jwk
    }

    /// RFC 7638 thumbprint of an RSA key: a stable `kid` that names the key itself.
    pub fn thumbprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let canonical = format!(
            r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
            self.e.as_deref().unwrap_or_default(),
            self.n.as_deref().unwrap_or_default()
        );
        b64(Sha256::digest(canonical.as_bytes()))
    }

    /// Whether this key may check a signature made with `alg`.
    fn fits(&self, alg: SigAlg) -> bool {
        self.kty == alg.kty()
            && self.key_use.as_deref().is_none_or(|u| u == "sig")
            && self.alg.as_deref().is_none_or(|a| a == alg.name())
            && (alg != SigAlg::Es256 || self.crv.as_deref() == Some("P-256"))
    }

    /// Checks `signature` over `message`. False for a wrong signature or an unusable key.
    pub fn verify(&self, alg: SigAlg, message: &[u8], signature: &[u8]) -> bool {
        self.try_verify(alg, message, signature).unwrap_or(false)
    }

    fn try_verify(&self, alg: SigAlg, message: &[u8], sig: &[u8]) -> anyhow::Result<bool> {
        if !self.fits(alg) {
            return Ok(false);
        }
        let ok = match alg {
            SigAlg::Rs256 | SigAlg::Ps256 => {
                let n = unb64(self.n.as_deref().context("n")?)?;
                let e = unb64(self.e.as_deref().context("e")?)?;
                let params: &signature::RsaParameters = if alg == SigAlg::Rs256 {
                    &signature::RSA_PKCS1_2048_8192_SHA256
                } else {
                    &signature::RSA_PSS_2048_8192_SHA256
                };
                RsaPublicKeyComponents { n: &n, e: &e }.verify(params, message, sig).is_ok()
            }
            SigAlg::Es256 => {
                let mut point = vec![0x04];
                point.extend(unb64(self.x.as_deref().context("x")?)?);
                point.extend(unb64(self.y.as_deref().context("y")?)?);
                if point.len() != 65 {
                    bail!("not a P-256 point");
                }
                UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, &point)
                    .verify(message, sig)
                    .is_ok()
            }
        };
        Ok(ok)
    }
}

/// A key set. Unreadable entries are dropped when parsing.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct JwkSet {
    pub keys: Vec<Jwk>,
}

impl JwkSet {
    pub fn parse(json: &serde_json::Value) -> anyhow::Result<JwkSet> {
        let keys = json.get("keys").and_then(|k| k.as_array()).context("a JWKS has `keys`")?;
        Ok(JwkSet {
            keys: keys.iter().filter_map(|k| serde_json::from_value(k.clone()).ok()).collect(),
        })
    }

    /// The keys that may have made a signature with `alg` and `kid`: the one with that `kid`,
    /// or, when the token names none, every fitting key.
    pub fn candidates(&self, alg: SigAlg, kid: Option<&str>) -> Vec<&Jwk> {
        self.keys
            .iter()
            .filter(|k| k.fits(alg))
            .filter(|k| kid.is_none() || k.kid.as_deref() == kid)
            .collect()
    }
}
