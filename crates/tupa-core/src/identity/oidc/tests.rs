//! The relying party's token checks fed with tokens crafted here, as a provider would make
//! them (signed, then encrypted to our key), served keys from a real local HTTP server:
//! a token signed by an unknown key, for another client, with a wrong nonce, below the
//! accepted level, unencrypted, tampered with; and the provider's key rotation.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ring::signature::RsaKeyPair;
use rsa::RsaPrivateKey;
use rsa::pkcs8::EncodePrivateKey;
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};

use super::jwe::{self, ContentAlg, DecryptionKey, KeyAlg};
use super::jwk::{Jwk, JwkSet};
use super::jws::sign_rs256;
use super::keys::{OurKeys, SigningKey};
use super::{ClientAuth, ClientConfig, Refusal, RelyingParty};
use crate::db::now;

const LOA3: &str = "http://ftn.ficora.fi/2017/loa3";
const LOA2: &str = "http://ftn.ficora.fi/2017/loa2";

fn rsa_key() -> RsaPrivateKey {
    RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap()
}

/// A signing key as a provider holds it: the ring key pair and its public JWK.
fn provider_key() -> (RsaKeyPair, Jwk) {
    let key = rsa_key();
    let pair = RsaKeyPair::from_pkcs8(key.to_pkcs8_der().unwrap().as_bytes()).unwrap();
    (pair, Jwk::rsa(&key.n().to_bytes_be(), &key.e().to_bytes_be(), "sig", "RS256"))
}

fn our_keys() -> (OurKeys, rsa::RsaPublicKey, String) {
    let (pair, jwk) = provider_key();
    let enc = rsa_key();
    let public = enc.to_public_key();
    let kid = "our-enc".to_string();
    let keys = OurKeys {
        signing: SigningKey { kid: jwk.kid.unwrap(), pair },
        decryption: vec![DecryptionKey { kid: kid.clone(), key: enc }],
    };
    (keys, public, kid)
}

/// A provider's metadata and JWKS over real HTTP; counts the JWKS fetches.
struct FakeProvider {
    issuer: String,
    jwks: Arc<Mutex<JwkSet>>,
    fetches: Arc<AtomicUsize>,
}

async fn fake_provider(keys: Vec<Jwk>) -> FakeProvider {
    use axum::routing::get;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let jwks = Arc::new(Mutex::new(JwkSet { keys }));
    let fetches = Arc::new(AtomicUsize::new(0));
    let metadata = json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/auth"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
    });
    let (served, counter) = (jwks.clone(), fetches.clone());
    let app = axum::Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(move || async move { axum::Json(metadata) }),
        )
        .route(
            "/jwks",
            get(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                let set = served.lock().unwrap().clone();
                async move { axum::Json(set) }
            }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    FakeProvider { issuer, jwks, fetches }
}

fn rp(issuer: &str, acr: &[&str]) -> RelyingParty {
    RelyingParty::new(ClientConfig {
        issuer: issuer.into(),
        client_id: "tupa".into(),
        redirect_uri: "http://tupa.test/auth/oidc/callback".into(),
        scope: "openid".into(),
        auth: ClientAuth::PrivateKeyJwt,
        signed_request: true,
        require_encryption: true,
        acr_values: acr.iter().map(|s| s.to_string()).collect(),
        claims_request: None,
        userinfo_claims: vec![],
    })
    .unwrap()
}

fn claims(issuer: &str) -> Value {
    json!({
        "iss": issuer, "aud": "tupa", "sub": "pairwise-1", "nonce": "n-1",
        "iat": now(), "exp": now() + 300, "acr": LOA3,
    })
}

/// Signed by `key`, then encrypted to our key: an FTN ID token.
fn token(key: &(RsaKeyPair, Jwk), claims: &Value, to: &rsa::RsaPublicKey, kid: &str) -> String {
    let signed = sign_rs256(&key.0, key.1.kid.as_deref().unwrap(), Some("JWT"), claims).unwrap();
    jwe::encrypt(signed.as_bytes(), to, Some(kid), KeyAlg::RsaOaep256, ContentAlg::A256Gcm).unwrap()
}

#[test]
fn jwe_round_trip_tampering_and_algorithms() {
    let key = rsa_key();
    let keys = vec![DecryptionKey { kid: "k".into(), key: key.clone() }];
    for (alg, enc) in
        [(KeyAlg::RsaOaep256, ContentAlg::A256Gcm), (KeyAlg::RsaOaep, ContentAlg::A128Gcm)]
    {
        let t = jwe::encrypt(b"hello", &key.to_public_key(), Some("k"), alg, enc).unwrap();
        assert_eq!(jwe::decrypt(&t, &keys).unwrap(), b"hello");
        // No kid: the key that opens it is found.
        let t = jwe::encrypt(b"hei", &key.to_public_key(), None, alg, enc).unwrap();
        assert_eq!(jwe::decrypt(&t, &keys).unwrap(), b"hei");
    }
    let t = jwe::encrypt(
        b"hello",
        &key.to_public_key(),
        Some("k"),
        KeyAlg::RsaOaep256,
        ContentAlg::A256Gcm,
    )
    .unwrap();
    let mut parts: Vec<String> = t.split('.').map(str::to_string).collect();
    // A changed ciphertext, a changed header (authenticated data), another key: refused.
    let mut changed = parts.clone();
    changed[3] = super::jose::b64(b"HELLO");
    assert!(jwe::decrypt(&changed.join("."), &keys).is_err());
    let header = String::from_utf8(super::jose::unb64(&parts[0]).unwrap()).unwrap();
    parts[0] = super::jose::b64(header.replace("\"cty\":\"JWT\"", "\"cty\":\"jwt\""));
    assert!(jwe::decrypt(&parts.join("."), &keys).is_err());
    let other = vec![DecryptionKey { kid: "k".into(), key: rsa_key() }];
    assert!(jwe::decrypt(&t, &other).is_err());
    // RSA1_5 (PKCS#1 v1.5 key wrapping) is not accepted at all.
    let mut parts: Vec<String> = t.split('.').map(str::to_string).collect();
    parts[0] = super::jose::b64(br#"{"alg":"RSA1_5","enc":"A256GCM","kid":"k"}"#);
    let err = jwe::decrypt(&parts.join("."), &keys).unwrap_err();
    assert!(err.to_string().contains("RSA1_5"), "{err}");
}

#[tokio::test]
async fn crafted_id_tokens_are_checked_like_the_providers() {
    let signer = provider_key();
    let provider = fake_provider(vec![signer.1.clone()]).await;
    let rp = rp(&provider.issuer, &[LOA3, LOA2]);
    let (ours, to, kid) = our_keys();
    let check = |claims: Value| {
        let t = token(&signer, &claims, &to, &kid);
        let rp = &rp;
        let ours = &ours;
        let issuer = provider.issuer.clone();
        async move {
            rp.id_token(&t, ours, &issuer, "n-1").await.map(|c| c.subject).map_err(|r| r.refusal)
        }
    };
    assert_eq!(check(claims(&provider.issuer)).await, Ok("pairwise-1".to_string()));

    let mut c = claims(&provider.issuer);
    c["nonce"] = "n-2".into();
    assert_eq!(check(c).await, Err(Refusal::Invalid), "a wrong nonce");
    let mut c = claims(&provider.issuer);
    c["aud"] = "another-client".into();
    assert_eq!(check(c).await, Err(Refusal::Invalid), "a token for another client");
    let mut c = claims(&provider.issuer);
    c["exp"] = (now() - 3600).into();
    assert_eq!(check(c).await, Err(Refusal::Invalid), "expired");

    let strict = self::rp(&provider.issuer, &[LOA3]);
    let mut c = claims(&provider.issuer);
    c["acr"] = LOA2.into();
    let t = token(&signer, &c, &to, &kid);
    let r = strict.id_token(&t, &ours, &provider.issuer, "n-1").await.unwrap_err();
    assert_eq!(r.refusal, Refusal::AcrNotAccepted);

    // Signed but not encrypted: the profile requires encryption.
    let plain =
        sign_rs256(&signer.0, signer.1.kid.as_deref().unwrap(), None, &claims(&provider.issuer))
            .unwrap();
    let r = rp.id_token(&plain, &ours, &provider.issuer, "n-1").await.unwrap_err();
    assert_eq!(r.refusal, Refusal::Invalid);
    // Encrypted to a key that is not ours.
    let t = token(&signer, &claims(&provider.issuer), &rsa_key().to_public_key(), &kid);
    assert_eq!(
        rp.id_token(&t, &ours, &provider.issuer, "n-1").await.unwrap_err().refusal,
        Refusal::Invalid
    );
}

#[tokio::test]
async fn an_unknown_signing_key_is_refused_and_a_rotated_one_found_by_refetching() {
    let signer = provider_key();
    let provider = fake_provider(vec![signer.1.clone()]).await;
    let (ours, to, kid) = our_keys();
    let rp = rp(&provider.issuer, &[]);
    let good = token(&signer, &claims(&provider.issuer), &to, &kid);
    assert!(rp.id_token(&good, &ours, &provider.issuer, "n-1").await.is_ok());
    assert_eq!(provider.fetches.load(Ordering::SeqCst), 1);

    // A key the provider never published: refused. Within the floor no refetch is made, so
    // tokens with made-up kids cannot make us hammer the provider.
    let rogue = provider_key();
    let forged = token(&rogue, &claims(&provider.issuer), &to, &kid);
    let r = rp.id_token(&forged, &ours, &provider.issuer, "n-1").await.unwrap_err();
    assert_eq!(r.refusal, Refusal::Invalid);
    assert_eq!(provider.fetches.load(Ordering::SeqCst), 1, "no refetch within the floor");
    // The rogue key's kid on a token signed by it, but with the provider's kid: bad signature.
    let mut lying = (rogue.0, signer.1.clone());
    let forged = token(&lying, &claims(&provider.issuer), &to, &kid);
    assert_eq!(
        rp.id_token(&forged, &ours, &provider.issuer, "n-1").await.unwrap_err().refusal,
        Refusal::Invalid
    );

    // The provider rotates: a token with the new kid makes us read the keys again.
    let rp = rp.with_jwks_refetch_floor(Duration::ZERO);
    let rotated = provider_key();
    provider.jwks.lock().unwrap().keys.push(rotated.1.clone());
    let t = token(&rotated, &claims(&provider.issuer), &to, &kid);
    assert!(rp.id_token(&t, &ours, &provider.issuer, "n-1").await.is_ok());
    // Still unknown after a refetch: refused.
    lying = provider_key();
    let t = token(&lying, &claims(&provider.issuer), &to, &kid);
    let before = provider.fetches.load(Ordering::SeqCst);
    assert_eq!(
        rp.id_token(&t, &ours, &provider.issuer, "n-1").await.unwrap_err().refusal,
        Refusal::Invalid
    );
    assert_eq!(provider.fetches.load(Ordering::SeqCst), before + 1);
}
