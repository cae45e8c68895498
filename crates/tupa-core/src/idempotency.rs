//! Idempotency keys for creations through the API. A client that sends `Idempotency-Key` and
//! retries after a lost answer gets the first answer again, not a second ticket or message.
//!
//! The key row is inserted inside the transaction that creates the thing, before anything
//! else, and completed with the answer before it commits: a crash leaves both or neither,
//! and the primary key (caller, key, route) makes a concurrent retry wait for the first
//! transaction (PostgreSQL's unique index, SQLite's write lock) and then fail with
//! `idempotency-key-in-use`, after which the caller looks the stored answer up and replays
//! it. Keys live 24 hours.

use sha2::{Digest, Sha256};

use crate::db::{Db, Tx, is_unique_violation, now};
use crate::error::{Error, Result};

/// How long a key is remembered.
pub const LIFETIME_SECONDS: i64 = 24 * 60 * 60;
/// Longest key accepted (Stripe's limit; a UUID is 36).
pub const MAX_KEY_LEN: usize = 255;

/// One creation request that carries a key: who asks, the key, where, and what was sent.
#[derive(Clone, Debug)]
pub struct Claim {
    scope: String,
    key: String,
    route: String,
    fingerprint: String,
}

/// What an earlier request with the same key left.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// No live earlier request: go ahead and create.
    New,
    /// The same request was answered: send this again.
    Replay { status: u16, body: String },
    /// The same request was carried out but its answer is not kept (one rendered after the
    /// commit, see [`Claim::answer`]): answer with the current state.
    Done,
    /// The key was used for a different request.
    Reused,
}

impl Claim {
    /// A claim for `key` by `scope` (for example `user:<id>`) on `route`, with the request's
    /// method, path and body as its fingerprint. Refuses keys that are empty, longer than
    /// [`MAX_KEY_LEN`] or not visible ASCII.
    pub fn new(scope: String, key: &str, method: &str, route: &str, body: &[u8]) -> Result<Self> {
        if key.is_empty() || key.len() > MAX_KEY_LEN || !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::invalid("Idempotency-Key", "idempotency-key-invalid"));
        }
        let mut hash = Sha256::new();
        hash.update(method.as_bytes());
        hash.update([0]);
        hash.update(route.as_bytes());
        hash.update([0]);
        hash.update(body);
        Ok(Claim {
            scope,
            key: key.to_string(),
            route: route.to_string(),
            fingerprint: hex::encode(hash.finalize()),
        })
    }

    /// The earlier request with this key, if it is still remembered.
    pub async fn lookup(&self, db: &Db) -> Result<Lookup> {
        // Forget expired keys as they come up; best effort, outside any creation's
        // transaction, so two creations never wait on each other's pruning.
        let _ = sqlx::query("DELETE FROM idempotency_keys WHERE created_at <= $1")
            .bind(now() - LIFETIME_SECONDS)
            .execute(db.pool())
            .await;
        let row = sqlx::query_as::<_, (String, i64, String)>(
            "SELECT fingerprint, status, response FROM idempotency_keys WHERE scope = $1 AND idem_key = $2 AND route = $3 AND created_at > $4",
        )
        .bind(&self.scope)
        .bind(&self.key)
        .bind(&self.route)
        .bind(now() - LIFETIME_SECONDS)
        .fetch_optional(db.pool())
        .await?;
        Ok(match row {
            None => Lookup::New,
            Some((fingerprint, _, _)) if fingerprint != self.fingerprint => Lookup::Reused,
            Some((_, 0, _)) => Lookup::Done,
            Some((_, status, body)) => {
                Lookup::Replay { status: u16::try_from(status).unwrap_or(500), body }
            }
        })
    }

    /// Takes the key inside the creation's transaction; call it first. Fails with the
    /// conflict `idempotency-key-in-use` when another request holds or held the key.
    pub async fn begin(&self, tx: &mut Tx) -> Result<()> {
        let t = now();
        // An expired row of this very key gives way, so the key can be used again.
        sqlx::query("DELETE FROM idempotency_keys WHERE scope = $1 AND idem_key = $2 AND route = $3 AND created_at <= $4")
            .bind(&self.scope)
            .bind(&self.key)
            .bind(&self.route)
            .bind(t - LIFETIME_SECONDS)
            .execute(&mut **tx)
            .await?;
        sqlx::query("INSERT INTO idempotency_keys (scope, idem_key, route, fingerprint, status, response, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(&self.scope)
            .bind(&self.key)
            .bind(&self.route)
            .bind(&self.fingerprint)
            .bind(0_i64)
            .bind("")
            .bind(t)
            .execute(&mut **tx)
            .await
            .map_err(|e| {
                if is_unique_violation(&e) {
                    Error::conflict("Idempotency-Key", "idempotency-key-in-use")
                } else {
                    e.into()
                }
            })?;
        Ok(())
    }

    /// Records the answer to replay, in the same transaction, before it commits.
    pub async fn complete(&self, tx: &mut Tx, status: u16, body: &serde_json::Value) -> Result<()> {
        sqlx::query("UPDATE idempotency_keys SET status = $1, response = $2 WHERE scope = $3 AND idem_key = $4 AND route = $5")
            .bind(i64::from(status))
            .bind(body.to_string())
            .bind(&self.scope)
            .bind(&self.key)
            .bind(&self.route)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

impl Claim {
    /// Keeps an answer rendered after the creation committed (until then a retry gets
    /// [`Lookup::Done`]).
    pub async fn answer(&self, db: &Db, status: u16, body: &serde_json::Value) -> Result<()> {
        sqlx::query("UPDATE idempotency_keys SET status = $1, response = $2 WHERE scope = $3 AND idem_key = $4 AND route = $5 AND status = 0")
            .bind(i64::from(status))
            .bind(body.to_string())
            .bind(&self.scope)
            .bind(&self.key)
            .bind(&self.route)
            .execute(db.pool())
            .await?;
        Ok(())
    }
}

/// Runs `begin` when there is a claim (creation code calls this right after `db.begin()`).
pub async fn begin(claim: Option<&Claim>, tx: &mut Tx) -> Result<()> {
    match claim {
        Some(c) => c.begin(tx).await,
        None => Ok(()),
    }
}

/// Runs `complete` when there is a claim (creation code calls this just before commit).
pub async fn complete(
    claim: Option<&Claim>,
    tx: &mut Tx,
    status: u16,
    body: impl FnOnce() -> serde_json::Value,
) -> Result<()> {
    match claim {
        Some(c) => c.complete(tx, status, &body()).await,
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_covers_method_path_and_body() {
        let a = Claim::new("user:1".into(), "k", "POST", "/a", b"{}").unwrap();
        let same = Claim::new("user:1".into(), "k", "POST", "/a", b"{}").unwrap();
        let body = Claim::new("user:1".into(), "k", "POST", "/a", b"{ }").unwrap();
        let path = Claim::new("user:1".into(), "k", "POST", "/b", b"{}").unwrap();
        assert_eq!(a.fingerprint, same.fingerprint);
        assert_ne!(a.fingerprint, body.fingerprint);
        assert_ne!(a.fingerprint, path.fingerprint);
    }

    #[test]
    fn keys_are_bounded_visible_ascii() {
        for bad in ["", "a b", "ä", &"x".repeat(MAX_KEY_LEN + 1)] {
            assert!(Claim::new("s".into(), bad, "POST", "/a", b"").is_err(), "{bad:?}");
        }
        assert!(Claim::new("s".into(), &"x".repeat(MAX_KEY_LEN), "POST", "/a", b"").is_ok());
    }
}
