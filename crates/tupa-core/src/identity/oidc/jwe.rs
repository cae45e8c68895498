//! Decrypting the provider's encrypted tokens (RFC 7516, compact form): the content key is
//! unwrapped with our RSA key (RSA-OAEP-256, or RSA-OAEP with SHA-1, which the FTN profile
//! still allows), the content decrypted with AES-GCM (A256GCM, A128GCM; ring) or AES-CBC with
//! HMAC (A128CBC-HS256, A256CBC-HS512; RFC 7518 5.2, the tag checked before decrypting).
//! A192 variants are refused by name.
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
    A128CbcHs256,
    A256CbcHs512,
}

impl KeyAlg {
    pub fn parse(name: &str) -> Option<KeyAlg> {
        match name {
            "RSA-OAEP-256" => Some(KeyAlg::RsaOaep256),
            "RSA-OAEP" => Some(KeyAlg::RsaOaep),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            KeyAlg::RsaOaep256 => "RSA-OAEP-256",
            KeyAlg::RsaOaep => "RSA-OAEP",
        }
    }
}

impl ContentAlg {
    pub fn parse(name: &str) -> Option<ContentAlg> {
        match name {
            "A256GCM" => Some(ContentAlg::A256Gcm),
            "A128GCM" => Some(ContentAlg::A128Gcm),
            "A128CBC-HS256" => Some(ContentAlg::A128CbcHs256),
            "A256CBC-HS512" => Some(ContentAlg::A256CbcHs512),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            ContentAlg::A256Gcm => "A256GCM",
            ContentAlg::A128Gcm => "A128GCM",
            ContentAlg::A128CbcHs256 => "A128CBC-HS256",
            ContentAlg::A256CbcHs512 => "A256CBC-HS512",
        }
    }
    /// Length of the content key in bytes.
    fn key_len(self) -> usize {
        match self {
            ContentAlg::A128Gcm => 16,
            ContentAlg::A256Gcm | ContentAlg::A128CbcHs256 => 32,
            ContentAlg::A256CbcHs512 => 64,
        }
    }
    fn iv_len(self) -> usize {
        match self {
            ContentAlg::A256Gcm | ContentAlg::A128Gcm => 12,
            ContentAlg::A128CbcHs256 | ContentAlg::A256CbcHs512 => 16,
        }
    }
}

/// Opens the content: `aad` is the protected header as sent, `tag` the authentication tag.
fn open_content(
    alg: ContentAlg,
    cek: &[u8],
    aad: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> anyhow::Result<Vec<u8>> {
    if cek.len() != alg.key_len() || iv.len() != alg.iv_len() {
        bail!("wrong key or iv length for {}", alg.name());
    }
    match alg {
        ContentAlg::A256Gcm | ContentAlg::A128Gcm => {
            let aead = if alg == ContentAlg::A256Gcm { &AES_256_GCM } else { &AES_128_GCM };
            let key = LessSafeKey::new(UnboundKey::new(aead, cek).map_err(|_| anyhow!("key"))?);
            let nonce = Nonce::try_assume_unique_for_key(iv).map_err(|_| anyhow!("iv"))?;
            let mut buffer = [ciphertext, tag].concat();
            let plain = key
                .open_in_place(nonce, Aad::from(aad), &mut buffer)
                .map_err(|_| anyhow!("the content does not authenticate"))?;
            Ok(plain.to_vec())
        }
        ContentAlg::A128CbcHs256 | ContentAlg::A256CbcHs512 => {
            let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
            let expected = cbc_hmac_tag(alg, mac_key, aad, iv, ciphertext);
            if !crate::identity::secrets::constant_time_eq(&expected, tag) {
                bail!("the content does not authenticate");
            }
            use cbc::cipher::{BlockDecryptMut, KeyIvInit, block_padding::Pkcs7};
            let plain = if alg == ContentAlg::A128CbcHs256 {
                cbc::Decryptor::<aes::Aes128>::new_from_slices(enc_key, iv)
                    .map_err(|_| anyhow!("key"))?
                    .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            } else {
                cbc::Decryptor::<aes::Aes256>::new_from_slices(enc_key, iv)
                    .map_err(|_| anyhow!("key"))?
                    .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            };
            plain.map_err(|_| anyhow!("bad padding"))
        }
    }
}

/// RFC 7518 5.2.2.1: HMAC over AAD ‖ IV ‖ ciphertext ‖ AAD length in bits, first half kept.
fn cbc_hmac_tag(alg: ContentAlg, mac_key: &[u8], aad: &[u8], iv: &[u8], ct: &[u8]) -> Vec<u8> {
    let (algorithm, keep) = if alg == ContentAlg::A128CbcHs256 {
        (ring::hmac::HMAC_SHA256, 16)
    } else {
        (ring::hmac::HMAC_SHA512, 32)
    };
    let mut ctx = ring::hmac::Context::with_key(&ring::hmac::Key::new(algorithm, mac_key));
    ctx.update(aad);
    ctx.update(iv);
    ctx.update(ct);
    ctx.update(&((aad.len() as u64) * 8).to_be_bytes());
    ctx.sign().as_ref()[..keep].to_vec()
}

/// Seals the content (the inverse of [`open_content`]): (ciphertext, tag).
fn seal_content(
    alg: ContentAlg,
    cek: &[u8],
    aad: &[u8],
    iv: &[u8],
    plain: &[u8],
) -> (Vec<u8>, Vec<u8>) {
    match alg {
        ContentAlg::A256Gcm | ContentAlg::A128Gcm => {
            let aead = if alg == ContentAlg::A256Gcm { &AES_256_GCM } else { &AES_128_GCM };
            let key = LessSafeKey::new(UnboundKey::new(aead, cek).expect("key length"));
            let mut data = plain.to_vec();
            let tag = key
                .seal_in_place_separate_tag(
                    Nonce::try_assume_unique_for_key(iv).expect("iv length"),
                    Aad::from(aad),
                    &mut data,
                )
                .expect("sealing");
            (data, tag.as_ref().to_vec())
        }
        ContentAlg::A128CbcHs256 | ContentAlg::A256CbcHs512 => {
            use cbc::cipher::{BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
            let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
            let ct = if alg == ContentAlg::A128CbcHs256 {
                cbc::Encryptor::<aes::Aes128>::new_from_slices(enc_key, iv)
                    .expect("key length")
                    .encrypt_padded_vec_mut::<Pkcs7>(plain)
            } else {
                cbc::Encryptor::<aes::Aes256>::new_from_slices(enc_key, iv)
                    .expect("key length")
                    .encrypt_padded_vec_mut::<Pkcs7>(plain)
            };
            let tag = cbc_hmac_tag(alg, mac_key, aad, iv, &ct);
            (ct, tag)
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
    let ciphertext = unb64(p[3])?;
    let tag = unb64(p[4])?;
    let candidates: Vec<&DecryptionKey> = match &header.kid {
        Some(kid) => keys.iter().filter(|k| &k.kid == kid).collect(),
        None => keys.iter().collect(),
    };
    if candidates.is_empty() {
        bail!("the JWE is for key {:?}, which is not ours (any more)", header.kid);
    }
    for key in candidates {
        let Ok(cek) = unwrap_key(key_alg, &key.key, &wrapped) else { continue };
        // The additional authenticated data is the protected header as it was sent.
        if let Ok(plain) = open_content(content_alg, &cek, p[0].as_bytes(), &iv, &ciphertext, &tag)
        {
            return Ok(plain);
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
    let mut header = serde_json::json!({ "alg": alg.name(), "enc": enc.name(), "cty": "JWT" });
    if let Some(kid) = kid {
        header["kid"] = kid.into();
    }
    let protected = b64(serde_json::to_vec(&header)?);
    let mut cek = vec![0u8; enc.key_len()];
    rand::rng().fill_bytes(&mut cek);
    let mut iv = vec![0u8; enc.iv_len()];
    rand::rng().fill_bytes(&mut iv);
    let mut rng = rsa::rand_core::OsRng;
    let wrapped = match alg {
        KeyAlg::RsaOaep256 => public.encrypt(&mut rng, Oaep::new::<sha2::Sha256>(), &cek)?,
        KeyAlg::RsaOaep => public.encrypt(&mut rng, Oaep::new::<sha1::Sha1>(), &cek)?,
    };
    let (ct, tag) = seal_content(enc, &cek, protected.as_bytes(), &iv, plain);
    Ok(format!("{protected}.{}.{}.{}.{}", b64(wrapped), b64(iv), b64(ct), b64(tag)))
}
