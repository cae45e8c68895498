//! Decrypting the provider's encrypted tokens (RFC 7516, compact form): the content key is
//! unwrapped with our RSA key (RSA-OAEP-256, or RSA-OAEP with SHA-1, which the FTN profile
//! still allows), the content decrypted with AES-GCM (A256GCM, or A128GCM) on ring.
//! A192GCM and the CBC-HMAC encodings are refused by name: no FTN broker we know of uses them.
//!
//! ## RUSTSEC-2023-0071 (the Marvin attack on the `rsa` crate)
//! `rsa`'s private-key operation is not constant-time: its timing varies with the key and
//! the ciphertext, and a party who can submit many *chosen* ciphertexts to be decrypted and
//! measure each decryption's duration precisely may, in time, decrypt a ciphertext or forge
//! a signature with our key. Here that needs:
//! - **Chosen ciphertexts.** The only input this module decrypts is a JWE in the body of a
//!   response *we* requested from the configured provider: the token endpoint (exchanging a
//!   code with our PKCE verifier and a signed client assertion) and the userinfo endpoint
//!   (with the access token from that exchange), at the addresses of the provider's metadata,
//!   over HTTPS in production. Nothing from the browser is decrypted: the callback carries
//!   only `code` and `state`, there is no implicit, hybrid or `form_post` flow, so an ID
//!   token in a request is never read. Only the provider (or whoever breaks its TLS) chooses
//!   these bytes, and the provider already knows every plaintext it encrypts for us.
//! - **Many measured attempts.** Each decryption costs the attacker a whole identification
//!   (a fresh state, a code, a token exchange), and the time it could measure is the whole
//!   callback including network round trips — far coarser than the nanoseconds the attack
//!   needs, and rate-limited by the provider's own flow.
//! - **Signing is not exposed.** Our signatures (request objects, client assertions) are
//!   made by ring, which is constant-time; `rsa` only generates keys and decrypts.
//!
//! So the advisory does not give a practical attack here. It would if this code were ever
//! fed tokens that a browser posts (then use a constant-time RSA). `decrypt_blinded` is used
//! as well: blinding does not remove the leak in `rsa`, but it does not hurt.

use anyhow::{Context, anyhow, bail};
use ring::aead::{AES_128_GCM, AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use rsa::{Oaep, RsaPrivateKey};
use serde::Deserialize;

use super::jose::{parts, unb64};

#[derive(Debug, Deserialize)]
struct Header {
    alg: String,
    enc: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    zip: Option<String>,
    #[serde(default)]
    crit: Option<serde_json::Value>,
}

/// Key wrapping: RSA-OAEP with SHA-256 (the profile's choice) or with SHA-1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlg {
    RsaOaep256,
    RsaOaep,
}

/// Content encryption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentAlg {
    A256Gcm,
    A128Gcm,
}

impl KeyAlg {
    pub fn parse(name: &str) -> Option<KeyAlg> {
        match name {
            "RSA-OAEP-256" => Some(KeyAlg::RsaOaep256),
            "RSA-OAEP" => Some(KeyAlg::RsaOaep),
            _ => None,
        }
    }
}

impl ContentAlg {
    pub fn parse(name: &str) -> Option<ContentAlg> {
        match name {
            "A256GCM" => Some(ContentAlg::A256Gcm),
            "A128GCM" => Some(ContentAlg::A128Gcm),
            _ => None,
        }
    }
    fn aead(self) -> &'static ring::aead::Algorithm {
        match self {
            ContentAlg::A256Gcm => &AES_256_GCM,
            ContentAlg::A128Gcm => &AES_128_GCM,
        }
    }
}

/// One of our decryption keys, with the `kid` it is published under.
pub struct DecryptionKey {
    pub kid: String,
    pub key: RsaPrivateKey,
}

/// Decrypts a compact JWE with whichever of `keys` it names (or, without a `kid`, the one
/// that opens it). Returns the plaintext: for an ID token, a nested JWS.
pub fn decrypt(token: &str, keys: &[DecryptionKey]) -> anyhow::Result<Vec<u8>> {
    let p = parts(token)?;
    if p.len() != 5 {
        bail!("not a JWE");
    }
    let header: Header =
        serde_json::from_slice(&unb64(p[0])?).context("the JWE header is not JSON")?;
    if header.crit.is_some() || header.zip.is_some() {
        bail!("the JWE uses compression or critical extensions");
    }
    let key_alg = KeyAlg::parse(&header.alg)
        .ok_or_else(|| anyhow!("key encryption {:?} is not accepted", header.alg))?;
    let content_alg = ContentAlg::parse(&header.enc)
        .ok_or_else(|| anyhow!("content encryption {:?} is not accepted", header.enc))?;
    let wrapped = unb64(p[1])?;
    let iv = unb64(p[2])?;
    let mut data = unb64(p[3])?;
    data.extend(unb64(p[4])?);
    let candidates: Vec<&DecryptionKey> = match &header.kid {
        Some(kid) => keys.iter().filter(|k| &k.kid == kid).collect(),
        None => keys.iter().collect(),
    };
    if candidates.is_empty() {
        bail!("the JWE is for key {:?}, which is not ours (any more)", header.kid);
    }
    for key in candidates {
        let Ok(cek) = unwrap_key(key_alg, &key.key, &wrapped) else { continue };
        let Ok(unbound) = UnboundKey::new(content_alg.aead(), &cek) else { continue };
        let nonce = Nonce::try_assume_unique_for_key(&iv).map_err(|_| anyhow!("bad JWE iv"))?;
        let mut buffer = data.clone();
        // The additional authenticated data is the protected header as it was sent.
        if let Ok(plain) =
            LessSafeKey::new(unbound).open_in_place(nonce, Aad::from(p[0].as_bytes()), &mut buffer)
        {
            return Ok(plain.to_vec());
        }
    }
    bail!("the JWE does not decrypt with our key")
}

fn unwrap_key(alg: KeyAlg, key: &RsaPrivateKey, wrapped: &[u8]) -> rsa::Result<Vec<u8>> {
    let mut rng = rsa::rand_core::OsRng;
    match alg {
        KeyAlg::RsaOaep256 => key.decrypt_blinded(&mut rng, Oaep::new::<sha2::Sha256>(), wrapped),
        KeyAlg::RsaOaep => key.decrypt_blinded(&mut rng, Oaep::new::<sha1::Sha1>(), wrapped),
    }
}

/// Encrypts `plain` for `public` (tests craft provider tokens with it; Tupa itself never
/// encrypts to a provider).
pub fn encrypt(
    plain: &[u8],
    public: &rsa::RsaPublicKey,
    kid: Option<&str>,
    alg: KeyAlg,
    enc: ContentAlg,
) -> anyhow::Result<String> {
    use super::jose::b64;
    use rand::RngCore;
    let mut header = serde_json::json!({
        "alg": if alg == KeyAlg::RsaOaep256 { "RSA-OAEP-256" } else { "RSA-OAEP" },
        "enc": if enc == ContentAlg::A256Gcm { "A256GCM" } else { "A128GCM" },
        "cty": "JWT",
    });
    if let Some(kid) = kid {
        header["kid"] = kid.into();
    }
    let protected = b64(serde_json::to_vec(&header)?);
    let mut cek = vec![0u8; enc.aead().key_len()];
    rand::rng().fill_bytes(&mut cek);
    let mut iv = [0u8; 12];
    rand::rng().fill_bytes(&mut iv);
    let mut rng = rsa::rand_core::OsRng;
    let wrapped = match alg {
        KeyAlg::RsaOaep256 => public.encrypt(&mut rng, Oaep::new::<sha2::Sha256>(), &cek)?,
        KeyAlg::RsaOaep => public.encrypt(&mut rng, Oaep::new::<sha1::Sha1>(), &cek)?,
    };
    let key = LessSafeKey::new(UnboundKey::new(enc.aead(), &cek).map_err(|_| anyhow!("cek"))?);
    let mut data = plain.to_vec();
    let tag = key
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(iv),
            Aad::from(protected.as_bytes()),
            &mut data,
        )
        .map_err(|_| anyhow!("seal"))?;
    Ok(format!("{protected}.{}.{}.{}.{}", b64(wrapped), b64(iv), b64(data), b64(tag.as_ref())))
}
