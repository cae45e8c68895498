//! The mail gate: `tupa mail ingest` hands each message to the running `tupa serve` over HTTP
//! (`POST` [`PATH`]) instead of opening the database itself, as Request Tracker's
//! `rt-mailgate` hands mail to RT's web server.
//!
//! Why: an MTA starts one process per message, and a process that stores the message itself
//! pays for everything a fresh connection costs before its one transaction — on SQLite the
//! parse of the whole schema (about 7 of a process's 17 million instructions), on PostgreSQL a
//! new server backend with cold caches and every trigger function compiled again. The server
//! has all of that warm. The message is the same bytes through the same
//! [`ingest`](super::ingest::ingest), so the outcome is the same either way.
//!
//! The gate takes mail only with the installation's gate token, derived from the secret key
//! (which every process of an installation reads), so another installation on the same host,
//! or anything else that can reach the port, cannot file mail. When no server takes mail at
//! the address (none running, another program on the port, another installation), the
//! process stores the message itself, as before.

use sha2::{Digest, Sha256};

use crate::config::Settings;

/// Where `tupa serve` takes mail (outside `/api/`: no session, no form token, no API token).
pub const PATH: &str = "/internal/mail-in";

/// Every answer of the gate carries this header, so the process can tell our answer from
/// another program's on the same address (a proxy's redirect, another web server's 404).
pub const ANSWER_HEADER: &str = "tupa-mail-gate";

/// The purpose the gate token is derived for (see [`crate::secrets::derived_key`]).
const PURPOSE: &str = "tupa mail gate";

/// The bearer token of the installation's mail gate.
pub fn token(settings: &Settings) -> anyhow::Result<String> {
    Ok(hex::encode(crate::secrets::derived_key(settings, PURPOSE)?))
}

/// The gate token from the key as it is, or None when the installation has no key yet (a
/// client never makes the key file; the server does, on first use of any secret).
pub fn existing_token(settings: &Settings) -> anyhow::Result<Option<String>> {
    Ok(crate::secrets::derived_key_if_present(settings, PURPOSE)?.map(hex::encode))
}

/// The digest a given token is compared by (see [`token_matches`]).
pub fn expected_digest(settings: &Settings) -> anyhow::Result<[u8; 32]> {
    Ok(Sha256::digest(token(settings)?.as_bytes()).into())
}

/// Whether `given` is the token whose digest is `expected`. The given token is hashed
/// before the comparison, so its time says nothing about the token.
pub fn token_matches(expected: &[u8; 32], given: &str) -> bool {
    Sha256::digest(given.as_bytes()).as_slice() == expected.as_slice()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(key: crate::secrets::SecretKey) -> Settings {
        Settings {
            environment: crate::config::Environment::Production,
            public_url: "https://tupa.test".into(),
            data_dir: "/nonexistent".into(),
            database_url: String::new(),
            smtp_url: None,
            mail_from: "tupa@tupa.test".into(),
            trust_forwarded_for: false,
            secret_key: Some(key),
            imap_ca_file: None,
            imap_poll_seconds: 60,
            turn: None,
        }
    }

    #[test]
    fn a_client_without_a_key_gets_none_and_makes_no_key_file() {
        let dir = std::env::temp_dir().join(format!("tupa-gate-{}", crate::db::new_id()));
        let mut s = settings(crate::secrets::SecretKey::generate());
        s.secret_key = None;
        s.data_dir = dir.clone();
        assert_eq!(existing_token(&s).unwrap(), None);
        assert!(!dir.exists(), "no data directory or key file made");
    }

    #[test]
    fn the_token_is_the_installations_own() {
        let ours = settings(crate::secrets::SecretKey::generate());
        let theirs = settings(crate::secrets::SecretKey::generate());
        let t = token(&ours).unwrap();
        assert_eq!(t.len(), 64);
        assert_eq!(existing_token(&ours).unwrap().as_deref(), Some(t.as_str()));
        let (expected, other) =
            (expected_digest(&ours).unwrap(), expected_digest(&theirs).unwrap());
        assert!(token_matches(&expected, &t));
        assert!(!token_matches(&other, &t));
        assert!(!token_matches(&expected, ""));
        assert!(!token_matches(&expected, &t[..63]));
    }
}
