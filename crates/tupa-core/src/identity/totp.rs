//! Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s steps, one step of skew),
//! the form every authenticator app understands. A code is accepted once: the last accepted
//! step is stored, so a code seen over a shoulder cannot be replayed.

use totp_rs::{Builder, Secret, Totp};

use crate::db::{Db, Tx};
use crate::error::{Error, Result};

fn totp(secret_base32: &str, account: &str) -> Result<Totp> {
    let secret = Secret::try_from_base32(secret_base32)
        .map_err(|e| anyhow::anyhow!("stored TOTP secret unreadable: {e:?}"))?;
    Builder::new()
        .with_secret(secret)
        .with_account_name(account.to_string())
        .with_issuer(Some("Tupa"))
        .build()
        .map_err(|e| Error::Unexpected(anyhow::anyhow!("TOTP setup failed: {e:?}")))
}

/// A fresh secret, base32 as authenticator apps show it.
pub fn new_secret() -> String {
    Secret::generate().to_base32()
}

/// The `otpauth://` address an authenticator app reads.
pub fn provisioning_url(secret_base32: &str, account: &str) -> Result<String> {
    totp(secret_base32, account)?
        .to_url()
        .map_err(|e| Error::Unexpected(anyhow::anyhow!("TOTP URL failed: {e:?}")))
}

/// The step number a code matches at `unix_time`, if any.
pub fn matching_step(secret_base32: &str, code: &str, unix_time: i64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let t = totp(secret_base32, "x").ok()?;
    t.check(&code, unix_time.max(0) as u64)
}

/// The code for `unix_time` (used by tests and the demo, never shown by the server).
pub fn code_at(secret_base32: &str, unix_time: i64) -> Result<String> {
    Ok(totp(secret_base32, "x")?.generate(unix_time as u64).to_string())
}

/// Starts enrolment: stores a new, not yet enabled secret and returns it.
pub async fn begin_enrolment(db: &Db, user_id: &str) -> Result<String> {
    let secret = new_secret();
    sqlx::query("UPDATE users SET totp_secret = $1, totp_enabled = $2, totp_last_step = NULL WHERE id = $3 AND totp_enabled = $2")
        .bind(&secret)
        .bind(false)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(secret)
}

/// Checks `code` for the person and records its step; refuses a replayed or wrong code.
/// With `enable`, a correct code also turns the second factor on (end of enrolment).
pub async fn verify_and_consume(
    tx: &mut Tx,
    user_id: &str,
    code: &str,
    enable: bool,
) -> Result<()> {
    let row: Option<(Option<String>, Option<i64>)> =
        sqlx::query_as("SELECT totp_secret, totp_last_step FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((Some(secret), last_step)) = row else {
        return Err(Error::invalid("code", "totp-not-set-up"));
    };
    let step = matching_step(&secret, code, crate::db::now())
        .ok_or(Error::invalid("code", "totp-wrong"))? as i64;
    if last_step.is_some_and(|last| step <= last) {
        return Err(Error::invalid("code", "totp-wrong"));
    }
    let mut q = String::from("UPDATE users SET totp_last_step = $1");
    if enable {
        q.push_str(", totp_enabled = $3");
    }
    q.push_str(" WHERE id = $2");
    let mut query = sqlx::query(sqlx::AssertSqlSafe(q)).bind(step).bind(user_id);
    if enable {
        query = query.bind(true);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Turns the second factor off.
pub async fn disable(tx: &mut Tx, user_id: &str) -> Result<()> {
    sqlx::query("UPDATE users SET totp_secret = NULL, totp_enabled = $1, totp_last_step = NULL WHERE id = $2")
        .bind(false)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_matches_its_step_and_neighbours_only() {
        let secret = new_secret();
        let t = 1_790_000_000;
        let code = code_at(&secret, t).unwrap();
        assert_eq!(matching_step(&secret, &code, t), Some((t / 30) as u64));
        assert!(matching_step(&secret, &code, t + 30).is_some(), "one step of skew allowed");
        assert!(matching_step(&secret, &code, t + 95).is_none(), "three steps later refused");
        assert!(matching_step(&secret, "000000x", t).is_none());
    }

    #[test]
    fn provisioning_url_names_issuer() {
        let url = provisioning_url(&new_secret(), "maija@espoo.fi").unwrap();
        assert!(url.starts_with("otpauth://totp/Tupa:"), "{url}");
    }
}
