//! Our own keys: one RSA key that signs (request objects, client assertions) and one that
//! the provider encrypts ID tokens and userinfo to. Made on first use and kept in the
//! database, the private part encrypted with `TUPA_SECRET_KEY`, so every instance on the
//! same database signs and decrypts with the same keys.
//!
//! Rotation (`tupa oidc rotate-keys`) makes a new pair and retires the old one: a retired
//! key stays published and usable for decryption for [`RETIRED_KEY_GRACE_SECS`]. What is
//! made for our keys lives much shorter — our signed request objects and assertions expire
//! within minutes, an ID token is encrypted within the minutes of one sign-in — but a
//! provider caches our JWKS (brokers re-read it daily or weekly) and keeps encrypting to the
//! old key until it does; a week covers that. The JWKS lists the newest keys first.

use anyhow::{Context, anyhow};
use ring::signature::RsaKeyPair;
use rsa::RsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rsa::traits::PublicKeyParts;

use super::jwe::DecryptionKey;
use super::jwk::{Jwk, JwkSet};
use crate::config::Settings;
use crate::db::{Db, now};
use crate::secrets;

/// 2048 bits: what the FTN profile requires at least, and quick to use.
pub const KEY_BITS: usize = 2048;
/// How long a rotated key stays published and usable for decryption.
pub const RETIRED_KEY_GRACE_SECS: i64 = 7 * 24 * 3600;

crate::closed_set! {
    /// What one of our keys is for: the JWK `use` word, also stored in `oidc_keys.key_use`.
    pub enum KeyUse ("use", "request-invalid") {
        Sig = "sig",
        Enc = "enc",
    }
}

impl KeyUse {
    fn alg(self) -> &'static str {
        match self {
            KeyUse::Sig => "RS256",
            KeyUse::Enc => "RSA-OAEP-256",
        }
    }
}

/// The current signing key.
pub struct SigningKey {
    pub kid: String,
    pub pair: RsaKeyPair,
}

/// Everything our side of the protocol needs: the current signing key and every decryption
/// key still in its grace period (newest first).
pub struct OurKeys {
    pub signing: SigningKey,
    pub decryption: Vec<DecryptionKey>,
}

#[derive(sqlx::FromRow)]
struct Row {
    kid: String,
    key_use: KeyUse,
    private_key: String,
    public_jwk: String,
}

/// Makes the current keys if there are none (first use). Safe to race: a unique index allows
/// one current key per use, and the loser uses the winner's.
pub async fn ensure_current(db: &Db, settings: &Settings) -> anyhow::Result<()> {
    for key_use in [KeyUse::Sig, KeyUse::Enc] {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM oidc_keys WHERE key_use = $1 AND retired_at IS NULL",
        )
        .bind(key_use.as_str())
        .fetch_one(db.pool())
        .await?;
        if n == 0 {
            let (kid, private, public) = generate(settings, key_use).await?;
            let inserted = sqlx::query(
                "INSERT INTO oidc_keys (kid, key_use, alg, private_key, public_jwk, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&kid)
            .bind(key_use.as_str())
            .bind(key_use.alg())
            .bind(private)
            .bind(public)
            .bind(now())
            .execute(db.pool())
            .await;
            match inserted {
                Ok(_) => {
                    tracing::info!(kid, key_use = key_use.as_str(), "made an OpenID Connect key")
                }
                Err(e) if crate::db::is_unique_violation(&e) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}

/// A new key: (kid, encrypted PKCS#8, public JWK as JSON).
async fn generate(
    settings: &Settings,
    key_use: KeyUse,
) -> anyhow::Result<(String, String, String)> {
    let key =
        tokio::task::spawn_blocking(|| RsaPrivateKey::new(&mut rsa::rand_core::OsRng, KEY_BITS))
            .await??;
    let der = key.to_pkcs8_der().context("cannot encode the key")?;
    let private = secrets::encrypt(settings, &super::jose::b64(der.as_bytes()))?;
    let jwk =
        Jwk::rsa(&key.n().to_bytes_be(), &key.e().to_bytes_be(), key_use.as_str(), key_use.alg());
    let kid = jwk.kid.clone().expect("Jwk::rsa sets the kid");
    Ok((kid, private, serde_json::to_string(&jwk)?))
}

/// Keys still published: current ones and those retired within the grace period.
async fn live_rows(db: &Db) -> anyhow::Result<Vec<Row>> {
    Ok(sqlx::query_as::<_, Row>(
        "SELECT kid, key_use, private_key, public_jwk FROM oidc_keys WHERE retired_at IS NULL OR retired_at > $1 ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, created_at DESC, kid",
    )
    .bind(now() - RETIRED_KEY_GRACE_SECS)
    .fetch_all(db.pool())
    .await?)
}

fn private_der(settings: &Settings, row: &Row) -> anyhow::Result<Vec<u8>> {
    let b64 = secrets::decrypt(settings, &row.private_key)
        .with_context(|| format!("cannot decrypt OpenID Connect key {}", row.kid))?;
    super::jose::unb64(&b64)
}

/// Our keys for signing and decrypting (made first if needed).
pub async fn load(db: &Db, settings: &Settings) -> anyhow::Result<OurKeys> {
    ensure_current(db, settings).await?;
    let rows = live_rows(db).await?;
    let mut signing = None;
    let mut decryption = Vec::new();
    for row in &rows {
        let der = private_der(settings, row)?;
        match row.key_use {
            // The current signing key signs (rows are current first, then newest first).
            KeyUse::Sig if signing.is_none() => {
                let pair = RsaKeyPair::from_pkcs8(&der)
                    .map_err(|e| anyhow!("stored signing key {} is unusable: {e}", row.kid))?;
                signing = Some(SigningKey { kid: row.kid.clone(), pair });
            }
            KeyUse::Enc => decryption.push(DecryptionKey {
                kid: row.kid.clone(),
                key: RsaPrivateKey::from_pkcs8_der(&der)
                    .with_context(|| format!("stored encryption key {} is unusable", row.kid))?,
            }),
            // An older signing key stays published only, for tokens it already signed.
            KeyUse::Sig => {}
        }
    }
    let signing = signing.context("no current signing key")?;
    Ok(OurKeys { signing, decryption })
}

/// The public keys to publish at `/oidc/jwks.json` (made first if needed), newest first.
pub async fn jwks(db: &Db, settings: &Settings) -> anyhow::Result<JwkSet> {
    ensure_current(db, settings).await?;
    let keys = live_rows(db)
        .await?
        .iter()
        .map(|r| serde_json::from_str::<Jwk>(&r.public_jwk))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(JwkSet { keys })
}

/// Retires the current keys and makes new ones; drops keys whose grace period is over.
/// Returns the new kids (signing, encryption).
pub async fn rotate(db: &Db, settings: &Settings) -> anyhow::Result<(String, String)> {
    let (sig_kid, sig_private, sig_public) = generate(settings, KeyUse::Sig).await?;
    let (enc_kid, enc_private, enc_public) = generate(settings, KeyUse::Enc).await?;
    let t = now();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM oidc_keys WHERE retired_at IS NOT NULL AND retired_at <= $1")
        .bind(t - RETIRED_KEY_GRACE_SECS)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE oidc_keys SET retired_at = $1 WHERE retired_at IS NULL")
        .bind(t)
        .execute(&mut *tx)
        .await?;
    for (kid, key_use, private, public) in [
        (&sig_kid, KeyUse::Sig, sig_private, sig_public),
        (&enc_kid, KeyUse::Enc, enc_private, enc_public),
    ] {
        sqlx::query(
            "INSERT INTO oidc_keys (kid, key_use, alg, private_key, public_jwk, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(kid)
        .bind(key_use.as_str())
        .bind(key_use.alg())
        .bind(private)
        .bind(public)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok((sig_kid, enc_kid))
}

#[cfg(test)]
mod tests {
    #[test]
    fn key_uses_parse_their_words_only() {
        crate::closed_set::check::<super::KeyUse>("use", "request-invalid");
    }
}
