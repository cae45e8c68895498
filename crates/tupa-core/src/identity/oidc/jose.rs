//! The compact serialisation shared by JWS and JWE: base64url without padding, dot-separated.

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

pub fn b64(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn unb64(text: &str) -> anyhow::Result<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).context("not base64url")
}

/// Splits a compact token into its parts: 3 for a JWS, 5 for a JWE.
pub fn parts(token: &str) -> anyhow::Result<Vec<&str>> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    if parts.len() != 3 && parts.len() != 5 {
        bail!("a compact JWS has 3 parts and a JWE 5; this has {}", parts.len());
    }
    Ok(parts)
}

/// True for the five-part form (an encrypted token).
pub fn is_encrypted(token: &str) -> bool {
    token.trim().split('.').count() == 5
}

/// A random value of `n` bytes in base64url (jti, state, nonce, PKCE verifier).
pub fn random(n: usize) -> String {
    use rand::RngCore;
    let mut bytes = vec![0u8; n];
    rand::rng().fill_bytes(&mut bytes);
    b64(bytes)
}
