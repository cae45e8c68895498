//! A started sign-in: `state`, `nonce`, the PKCE verifier and where to go afterwards, kept
//! in the database until the callback, so whichever instance receives the callback can
//! finish it. One-time: taking a flow deletes it, so a replayed callback finds nothing.
//! The state is stored only as a digest (it travels in URLs and a cookie).

use sha2::{Digest, Sha256};

use super::jose::{b64, random};
use crate::db::{Db, now};
use crate::identity::secrets::digest;

/// How long a person has to identify at the provider (a bank's app may take a while).
pub const FLOW_LIFETIME_SECS: i64 = 15 * 60;

/// What a sign-in is for; checked at the callback so a flow of one kind cannot finish another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A client identifies strongly (FTN).
    Client,
    /// Staff single sign-on (issue 10).
    Staff,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Client => "client",
            Purpose::Staff => "staff",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Flow {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub next_path: String,
}

impl Flow {
    /// The S256 PKCE challenge of the verifier.
    pub fn pkce_challenge(&self) -> String {
        b64(Sha256::digest(self.pkce_verifier.as_bytes()))
    }
}

/// Starts a flow and stores it. Expired flows are removed on the way.
pub async fn begin(db: &Db, purpose: Purpose, next_path: &str) -> anyhow::Result<Flow> {
    begin_for(db, purpose, None, next_path).await
}

/// Starts a flow that belongs to one organisation (staff sign-in through its provider): only
/// that organisation's callback can take it.
pub async fn begin_for(
    db: &Db,
    purpose: Purpose,
    org_id: Option<&str>,
    next_path: &str,
) -> anyhow::Result<Flow> {
    let flow = Flow {
        state: random(32),
        nonce: random(32),
        // 43 characters, the shortest verifier RFC 7636 allows, from 256 random bits.
        pkce_verifier: random(32),
        next_path: next_path.to_string(),
    };
    let t = now();
    sqlx::query("DELETE FROM oidc_flows WHERE expires_at < $1").bind(t).execute(db.pool()).await?;
    sqlx::query(
        "INSERT INTO oidc_flows (state_digest, purpose, nonce, pkce_verifier, next_path, created_at, expires_at, org_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(digest(&flow.state))
    .bind(purpose.as_str())
    .bind(&flow.nonce)
    .bind(&flow.pkce_verifier)
    .bind(&flow.next_path)
    .bind(t)
    .bind(t + FLOW_LIFETIME_SECS)
    .bind(org_id)
    .execute(db.pool())
    .await?;
    Ok(flow)
}

/// Takes the flow of `state` (deleting it). None when unknown, used, expired or of another
/// purpose.
pub async fn take(db: &Db, purpose: Purpose, state: &str) -> anyhow::Result<Option<Flow>> {
    take_for(db, purpose, None, state).await
}

/// Takes the flow of `state` started for `org_id` (see [`begin_for`]). None also when it was
/// started for another organisation.
pub async fn take_for(
    db: &Db,
    purpose: Purpose,
    org_id: Option<&str>,
    state: &str,
) -> anyhow::Result<Option<Flow>> {
    let row: Option<(String, String, String, String, i64, Option<String>)> = sqlx::query_as(
        "DELETE FROM oidc_flows WHERE state_digest = $1 RETURNING purpose, nonce, pkce_verifier, next_path, expires_at, org_id",
    )
    .bind(digest(state))
    .fetch_optional(db.pool())
    .await?;
    Ok(row.and_then(|(p, nonce, pkce_verifier, next_path, expires_at, org)| {
        let ours = p == purpose.as_str() && org.as_deref() == org_id;
        (ours && expires_at >= now()).then(|| Flow {
            state: state.to_string(),
            nonce,
            pkce_verifier,
            next_path,
        })
    }))
}
