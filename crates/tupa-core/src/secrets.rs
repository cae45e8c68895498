//! Secrets Tupa must use again later in the clear (a mailbox password, a job market
//! credential) are stored encrypted: ChaCha20-Poly1305 with a random nonce per value, so a
//! database dump or backup alone does not reveal them, and a changed byte is detected.
//!
//! The key is `TUPA_SECRET_KEY` (32 bytes, base64) or, when that is unset, a key file made on
//! first use in the data directory (`secret.key`, mode 0600). Several instances on one
//! PostgreSQL must share the key: set `TUPA_SECRET_KEY` on all of them.
//!
//! Stored form: `v1.` + base64url(nonce ‖ ciphertext ‖ tag). The prefix names the scheme, so
//! a later one can be introduced without guessing what old values are.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::RngCore;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};

use crate::config::Settings;

const PREFIX: &str = "v1.";
/// The key file's name in the data directory (backed up and restored with the database).
pub const KEY_FILE: &str = "secret.key";

/// A 32-byte key. Its Debug output never shows the bytes (Settings is logged in places).
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey([u8; 32]);

impl SecretKey {
    /// Parses the base64 form used by `TUPA_SECRET_KEY` and the key file.
    pub fn parse(text: &str) -> anyhow::Result<SecretKey> {
        let bytes = STANDARD
            .decode(text.trim())
            .or_else(|_| URL_SAFE_NO_PAD.decode(text.trim()))
            .context("the secret key is not base64")?;
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|_| anyhow!("the secret key must be 32 bytes (44 characters of base64)"))?;
        Ok(SecretKey(bytes))
    }

    pub fn generate() -> SecretKey {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        SecretKey(bytes)
    }

    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    fn aead(&self) -> LessSafeKey {
        LessSafeKey::new(
            UnboundKey::new(&CHACHA20_POLY1305, &self.0)
                .expect("32 bytes is the ChaCha20-Poly1305 key length"),
        )
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// Encrypts `plain` for storage.
pub fn encrypt(settings: &Settings, plain: &str) -> anyhow::Result<String> {
    encrypt_with(&key(settings)?, plain)
}

/// Decrypts a value made by [`encrypt`]. Fails when the value was changed or was encrypted
/// with another key.
pub fn decrypt(settings: &Settings, stored: &str) -> anyhow::Result<String> {
    decrypt_with(&key(settings)?, stored)
}

pub fn encrypt_with(key: &SecretKey, plain: &str) -> anyhow::Result<String> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    let mut data = plain.as_bytes().to_vec();
    key.aead()
        .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut data)
        .map_err(|_| anyhow!("encryption failed"))?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&data);
    Ok(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(out)))
}

pub fn decrypt_with(key: &SecretKey, stored: &str) -> anyhow::Result<String> {
    let Some(body) = stored.strip_prefix(PREFIX) else {
        bail!("not an encrypted value of a known version")
    };
    let mut bytes = URL_SAFE_NO_PAD.decode(body).context("the encrypted value is damaged")?;
    if bytes.len() < NONCE_LEN {
        bail!("the encrypted value is damaged");
    }
    let data = bytes.split_off(NONCE_LEN);
    let nonce = Nonce::try_assume_unique_for_key(&bytes)
        .map_err(|_| anyhow!("the encrypted value is damaged"))?;
    let mut data = data;
    let plain = key
        .aead()
        .open_in_place(nonce, Aad::empty(), &mut data)
        .map_err(|_| anyhow!("cannot decrypt a stored secret: it was changed or encrypted with another key (is TUPA_SECRET_KEY the same on every instance?)"))?;
    String::from_utf8(plain.to_vec()).context("the decrypted secret is not text")
}

/// A 32-byte key for one `purpose`, derived from the secret key (HMAC-SHA256 of the purpose
/// under it), so a key used for hashing never doubles as the encryption key.
pub fn derived_key(settings: &Settings, purpose: &str) -> anyhow::Result<[u8; 32]> {
    Ok(derive(&key(settings)?, purpose))
}

/// [`derived_key`] from the key as it is: None when there is neither `TUPA_SECRET_KEY` nor a
/// key file (nothing is made).
pub fn derived_key_if_present(
    settings: &Settings,
    purpose: &str,
) -> anyhow::Result<Option<[u8; 32]>> {
    let key = match &settings.secret_key {
        Some(k) => k.clone(),
        None => {
            let path = settings.data_dir.join(KEY_FILE);
            match std::fs::read_to_string(&path) {
                Ok(text) => SecretKey::parse(&text)
                    .with_context(|| format!("{} is not a secret key", path.display()))?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
            }
        }
    };
    Ok(Some(derive(&key, purpose)))
}

fn derive(key: &SecretKey, purpose: &str) -> [u8; 32] {
    let tag = ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key.0),
        purpose.as_bytes(),
    );
    tag.as_ref().try_into().expect("HMAC-SHA256 is 32 bytes")
}

/// The configured key, or the data directory's key file (made on first use).
fn key(settings: &Settings) -> anyhow::Result<SecretKey> {
    match &settings.secret_key {
        Some(k) => Ok(k.clone()),
        None => key_file(&settings.data_dir),
    }
}

fn key_file(dir: &Path) -> anyhow::Result<SecretKey> {
    let path = dir.join(KEY_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            return SecretKey::parse(&text)
                .with_context(|| format!("{} is not a secret key", path.display()));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // Written whole under a private name, then linked into place: linking fails when another
    // process got there first, and then both use that process's key.
    let tmp = dir.join(format!(".{KEY_FILE}.{}", uuid::Uuid::new_v4().simple()));
    let fresh = SecretKey::generate();
    {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file =
            options.open(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        file.write_all(fresh.to_base64().as_bytes())?;
        file.sync_all()?;
    }
    let linked = std::fs::hard_link(&tmp, &path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            tracing::info!(path = %path.display(), "created the secret key file; back it up with the database (or set TUPA_SECRET_KEY)");
            Ok(fresh)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => key_file(dir),
        Err(e) => Err(e).with_context(|| format!("cannot create {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_a_fresh_nonce_each_time() {
        let key = SecretKey::generate();
        let a = encrypt_with(&key, "salasana åäö").unwrap();
        let b = encrypt_with(&key, "salasana åäö").unwrap();
        assert!(a.starts_with("v1."));
        assert_ne!(a, b, "same text, different nonce");
        assert!(!a.contains("salasana"));
        assert_eq!(decrypt_with(&key, &a).unwrap(), "salasana åäö");
    }

    #[test]
    fn another_key_or_a_changed_byte_is_refused() {
        let key = SecretKey::generate();
        let stored = encrypt_with(&key, "secret").unwrap();
        assert!(decrypt_with(&SecretKey::generate(), &stored).is_err());
        let mut bytes = stored.into_bytes();
        let last = bytes.len() - 2;
        bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
        assert!(decrypt_with(&key, &String::from_utf8(bytes).unwrap()).is_err());
        assert!(decrypt_with(&key, "plain").is_err());
    }

    #[test]
    fn derived_keys_differ_by_purpose_and_by_key() {
        let key = SecretKey::generate();
        assert_eq!(derive(&key, "a"), derive(&key, "a"));
        assert_ne!(derive(&key, "a"), derive(&key, "b"));
        assert_ne!(derive(&key, "a"), derive(&SecretKey::generate(), "a"));
        assert_ne!(&derive(&key, "a"), &key.0);
    }

    #[test]
    fn key_text_must_be_32_bytes_of_base64() {
        let key = SecretKey::generate();
        assert_eq!(SecretKey::parse(&key.to_base64()).unwrap(), key);
        assert!(SecretKey::parse("c2hvcnQ=").is_err());
        assert!(SecretKey::parse("not base64!").is_err());
        assert_eq!(format!("{key:?}"), "SecretKey(…)");
    }

    #[test]
    fn key_file_is_made_once_private_and_reused() {
        let dir =
            std::env::temp_dir().join(format!("tupa-secrets-{}", uuid::Uuid::new_v4().simple()));
        let first = key_file(&dir).unwrap();
        let second = key_file(&dir).unwrap();
        assert_eq!(first, second);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(KEY_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
