//! People and how they prove who they are: accounts, passwords, sessions, API tokens,
//! TOTP second factor, one-time links (invitations, password resets) and sign-in throttling.
//! An external identity (OpenID Connect issuer + subject) links to the same person: `oidc`
//! is the generic relying party, `ftn` the strong identification of clients built on it.

pub mod ftn;
pub mod links;
pub mod oidc;
pub mod password;
pub mod rate_limit;
pub mod retention;
pub mod secrets;
pub mod sessions;
pub mod signin;
pub mod staff_sso;
pub mod tokens;
pub mod totp;

use serde::Serialize;
use sqlx::FromRow;

use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// A person with an account. Personal data of one person; organisation membership is in
/// `organisations::people`.
#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub locale: Option<String>,
    #[serde(skip)]
    pub totp_secret: Option<String>,
    #[sqlx(try_from = "crate::db::Flag")]
    pub totp_enabled: bool,
    #[serde(skip)]
    pub totp_last_step: Option<i64>,
    pub created_at: i64,
    pub deactivated_at: Option<i64>,
    pub last_seen_at: Option<i64>,
}

impl User {
    pub fn lang(&self) -> Option<Lang> {
        self.locale.as_deref().and_then(Lang::parse)
    }
    pub fn is_active(&self) -> bool {
        self.deactivated_at.is_none()
    }
    /// True once the person has set a password (an invited person has not).
    pub fn has_password(&self) -> bool {
        self.password_hash.is_some()
    }
}

/// An e-mail address, trimmed and lower-cased: parse, don't validate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email> {
        let s = input.trim().to_lowercase();
        let valid = s.len() <= 254
            && !s.chars().any(|c| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"')
            })
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && local.len() <= 64
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                }
                None => false,
            };
        if valid { Ok(Email(s)) } else { Err(Error::invalid("email", "email-invalid")) }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's name as shown to others.
pub fn parse_display_name(input: &str) -> Result<String> {
    let s = input.trim();
    if s.is_empty() || s.chars().count() > 200 || s.chars().any(char::is_control) {
        return Err(Error::invalid("display_name", "name-invalid"));
    }
    Ok(s.to_string())
}

pub(crate) const USER_COLUMNS: &str = "id, email, display_name, password_hash, locale, totp_secret, totp_enabled, totp_last_step, created_at, deactivated_at, last_seen_at";

pub async fn find_by_email(db: &Db, email: &Email) -> Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
    Ok(sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql))
        .bind(email.as_str())
        .fetch_optional(db.pool())
        .await?)
}

/// A person by id, inside a transaction.
pub async fn get_tx(tx: &mut Tx, id: &str) -> Result<User> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    Ok(sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(&mut **tx).await?)
}

pub async fn get(db: &Db, id: &str) -> Result<User> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    Ok(sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(db.pool()).await?)
}

/// Creates an account, or returns the existing one with that address (a person is one
/// account across organisations).
pub async fn find_or_create(
    tx: &mut Tx,
    email: &Email,
    display_name: &str,
) -> Result<(User, bool)> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
    if let Some(user) = sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql))
        .bind(email.as_str())
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok((user, false));
    }
    let id = new_id();
    sqlx::query("INSERT INTO users (id, email, display_name, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&id)
        .bind(email.as_str())
        .bind(display_name)
        .bind(now())
        .execute(&mut **tx)
        .await?;
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    let user =
        sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql)).bind(&id).fetch_one(&mut **tx).await?;
    Ok((user, true))
}

pub async fn set_password(tx: &mut Tx, user_id: &str, password: &password::Password) -> Result<()> {
    let hash = password.hash()?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_locale(db: &Db, user_id: &str, lang: Lang) -> Result<()> {
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
        .bind(lang.code())
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn set_display_name(db: &Db, user_id: &str, name: &str) -> Result<()> {
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(name)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Links an external identity (for example an OpenID Connect issuer and subject) to a person.
pub async fn link_external_identity(
    tx: &mut Tx,
    user_id: &str,
    issuer: &str,
    subject: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO external_identities (issuer, subject, user_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(issuer)
    .bind(subject)
    .bind(user_id)
    .bind(now())
    .execute(&mut **tx)
    .await
    .map_err(|e| {
        if crate::db::is_unique_violation(&e) {
            Error::conflict("subject", "identity-taken")
        } else {
            e.into()
        }
    })?;
    Ok(())
}

/// The person an external identity belongs to, if linked.
pub async fn find_by_external_identity(
    db: &Db,
    issuer: &str,
    subject: &str,
) -> Result<Option<User>> {
    let sql = format!(
        "SELECT {} FROM users u JOIN external_identities x ON x.user_id = u.id WHERE x.issuer = $1 AND x.subject = $2",
        USER_COLUMNS.split(", ").map(|c| format!("u.{c}")).collect::<Vec<_>>().join(", ")
    );
    Ok(sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql))
        .bind(issuer)
        .bind(subject)
        .fetch_optional(db.pool())
        .await?)
}

/// Platform-wide deactivation (a platform admin's act); per-organisation deactivation lives
/// in `organisations::people`.
pub async fn set_account_active(tx: &mut Tx, user_id: &str, active: bool) -> Result<()> {
    let at: Option<i64> = if active { None } else { Some(now()) };
    sqlx::query("UPDATE users SET deactivated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    if !active {
        sessions::revoke_all_tx(tx, user_id).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_parse_normalises_and_refuses() {
        assert_eq!(
            Email::parse("  Maija.Meikalainen@Espoo.FI ").unwrap().as_str(),
            "maija.meikalainen@espoo.fi"
        );
        for bad in [
            "",
            "no-at-sign",
            "a@b",
            "a@@b.fi",
            "a b@c.fi",
            "@c.fi",
            "a@.fi",
            "a@c.fi.",
            "x@y..fi",
            "<a@b.fi>",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} accepted");
        }
    }
}
