//! IMAP mailboxes of desk addresses: where the poller (`imap_poll`) fetches an address's mail
//! when no MTA pipes it into `tupa mail ingest`. Set by platform admins only, the same people
//! who map the address (a customer could otherwise read someone else's mailbox into its desk).
//! The password is stored encrypted (`secrets`) and never shown again.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::settings::check_address_rights;
use crate::audit::{self, By};
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, now};
use crate::error::{Error, Result};
use crate::mail::imap::Security;
use crate::organisations::Organisation;

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct ImapMailbox {
    #[serde(skip)]
    pub org_id: String,
    /// The desk address whose mail this mailbox holds (the envelope recipient of its mail).
    pub address: String,
    pub host: String,
    pub port: i64,
    /// `tls` (implicit TLS, usually port 993) or `starttls` (usually port 143).
    pub security: String,
    pub username: String,
    #[serde(skip)]
    pub password_enc: String,
    pub folder: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub enabled: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the mailbox was last read without error.
    pub last_success_at: Option<i64>,
    pub last_error_at: Option<i64>,
    /// The last error (from the server or the network), as it was reported.
    pub last_error: Option<String>,
    #[serde(skip)]
    pub lease_owner: Option<String>,
    #[serde(skip)]
    pub lease_until: Option<i64>,
}

impl ImapMailbox {
    /// Everything a connection depends on; the poller restarts a mailbox's reader when it
    /// changes. (A new password always changes `password_enc`: the nonce is fresh.)
    pub fn fingerprint(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}|{}",
            self.host, self.port, self.security, self.username, self.folder, self.password_enc
        )
    }

    /// The last attempt failed (an error newer than the last success).
    pub fn failing(&self) -> bool {
        match (self.last_error_at, self.last_success_at) {
            (Some(e), Some(s)) => e >= s,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

/// IMAP settings as entered. An empty or absent password keeps the stored one.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ImapInput {
    pub host: String,
    /// Default 993 for `tls`, 143 for `starttls`.
    #[serde(default)]
    pub port: Option<u16>,
    /// `tls` (default) or `starttls`.
    #[serde(default)]
    pub security: Option<String>,
    pub username: String,
    /// Required the first time; empty or absent afterwards keeps the stored password.
    #[serde(default)]
    pub password: Option<String>,
    /// Default `INBOX`.
    #[serde(default)]
    pub folder: Option<String>,
    /// Default true.
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

pub const COLUMNS: &str = "org_id, address, host, port, security, username, password_enc, folder, enabled, created_at, updated_at, last_success_at, last_error_at, last_error, lease_owner, lease_until";

/// Checked input, ready to store.
struct Valid {
    host: String,
    port: i64,
    security: Security,
    username: String,
    password: Option<String>,
    folder: String,
}

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

fn validate(input: &ImapInput) -> Result<Valid> {
    let host = input.host.trim().to_ascii_lowercase();
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !host_ok {
        return Err(Error::invalid("host", "imap-host-invalid"));
    }
    let security = match input.security.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Security::Tls,
        Some(s) => Security::parse(s).ok_or(Error::invalid("security", "imap-security-invalid"))?,
    };
    let port = match input.port {
        Some(0) => return Err(Error::invalid("port", "imap-port-invalid")),
        Some(p) => p as i64,
        None if security == Security::StartTls => 143,
        None => 993,
    };
    let username = input.username.trim().to_string();
    if username.is_empty() || username.len() > 320 || has_control(&username) {
        return Err(Error::invalid("username", "imap-username-invalid"));
    }
    let password = input.password.clone().filter(|p| !p.is_empty());
    if password.as_deref().is_some_and(|p| p.len() > 1000 || has_control(p)) {
        return Err(Error::invalid("password", "imap-password-invalid"));
    }
    let folder = input
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .unwrap_or("INBOX")
        .to_string();
    if folder.len() > 200 || has_control(&folder) {
        return Err(Error::invalid("folder", "imap-folder-invalid"));
    }
    Ok(Valid { host, port, security, username, password, folder })
}

pub async fn get(db: &Db, org_id: &str, address: &str) -> Result<Option<ImapMailbox>> {
    let sql = format!("SELECT {COLUMNS} FROM desk_imap WHERE org_id = $1 AND address = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(address.trim().to_lowercase())
        .fetch_optional(db.pool())
        .await?)
}

pub async fn of_org(db: &Db, org_id: &str) -> Result<Vec<ImapMailbox>> {
    let sql = format!("SELECT {COLUMNS} FROM desk_imap WHERE org_id = $1 ORDER BY address");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_all(db.pool()).await?)
}

/// Sets (or changes) the mailbox of one of the organisation's desk addresses. Clears the last
/// error, so what the page shows afterwards is about the new settings.
pub async fn set(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    address: &str,
    input: &ImapInput,
) -> Result<ImapMailbox> {
    check_address_rights(actor, org)?;
    save(db, settings, &By::user(&actor.user, ip), org, address, input).await
}

/// [`set`] without the rights check, for the operator's command line.
pub async fn save(
    db: &Db,
    settings: &Settings,
    by: &By,
    org: &Organisation,
    address: &str,
    input: &ImapInput,
) -> Result<ImapMailbox> {
    let address = address.trim().to_lowercase();
    let valid = validate(input)?;
    let password_enc = match &valid.password {
        Some(p) => Some(crate::secrets::encrypt(settings, p)?),
        None => None,
    };
    let mut tx = db.begin().await?;
    let mapped: Option<(String,)> =
        sqlx::query_as("SELECT address FROM desk_addresses WHERE org_id = $1 AND address = $2")
            .bind(&org.id)
            .bind(&address)
            .fetch_optional(&mut *tx)
            .await?;
    if mapped.is_none() {
        return Err(Error::NotFound);
    }
    let exists: Option<(String,)> =
        sqlx::query_as("SELECT address FROM desk_imap WHERE org_id = $1 AND address = $2")
            .bind(&org.id)
            .bind(&address)
            .fetch_optional(&mut *tx)
            .await?;
    let t = now();
    if exists.is_some() {
        sqlx::query(
            "UPDATE desk_imap SET host = $1, port = $2, security = $3, username = $4, password_enc = COALESCE($5, password_enc), folder = $6, enabled = $7,
                updated_at = $8, last_error = NULL, last_error_at = NULL WHERE org_id = $9 AND address = $10",
        )
        .bind(&valid.host)
        .bind(valid.port)
        .bind(valid.security.as_str())
        .bind(&valid.username)
        .bind(password_enc)
        .bind(&valid.folder)
        .bind(input.enabled)
        .bind(t)
        .bind(&org.id)
        .bind(&address)
        .execute(&mut *tx)
        .await?;
    } else {
        let Some(password_enc) = password_enc else {
            return Err(Error::invalid("password", "imap-password-required"));
        };
        sqlx::query(
            "INSERT INTO desk_imap (org_id, address, host, port, security, username, password_enc, folder, enabled, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&org.id)
        .bind(&address)
        .bind(&valid.host)
        .bind(valid.port)
        .bind(valid.security.as_str())
        .bind(&valid.username)
        .bind(password_enc)
        .bind(&valid.folder)
        .bind(input.enabled)
        .bind(t)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    }
    let details = serde_json::json!({"address": address, "host": valid.host, "port": valid.port, "username": valid.username, "folder": valid.folder, "enabled": input.enabled, "password_changed": valid.password.is_some()});
    audit::record(&mut tx, Some(&org.id), by, audit::Action::DeskImapSet, None, details).await?;
    tx.commit().await?;
    get(db, &org.id, &address).await?.ok_or(Error::NotFound)
}

/// Stops fetching an address's mail by IMAP (the address itself stays).
pub async fn clear(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    address: &str,
) -> Result<()> {
    check_address_rights(actor, org)?;
    remove(db, &By::user(&actor.user, ip), org, address).await
}

/// [`clear`] without the rights check, for the operator's command line.
pub async fn remove(db: &Db, by: &By, org: &Organisation, address: &str) -> Result<()> {
    let address = address.trim().to_lowercase();
    let mut tx = db.begin().await?;
    let done = sqlx::query("DELETE FROM desk_imap WHERE org_id = $1 AND address = $2")
        .bind(&org.id)
        .bind(&address)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        by,
        audit::Action::DeskImapRemoved,
        None,
        serde_json::json!({"address": address}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// The poller's side.

/// Every enabled mailbox of the installation.
pub async fn enabled(db: &Db) -> Result<Vec<ImapMailbox>> {
    let sql = format!("SELECT {COLUMNS} FROM desk_imap WHERE enabled = $1 ORDER BY address");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(true).fetch_all(db.pool()).await?)
}

/// Takes (or extends) the lease on a mailbox for `owner` until `until`. True when `owner`
/// holds it now: it was free, expired, or already `owner`'s, and the mailbox is still enabled.
/// One conditional UPDATE, so two processes cannot both win (PostgreSQL re-checks the
/// condition on the locked row; SQLite has one writer).
pub async fn lease(db: &Db, org_id: &str, address: &str, owner: &str, until: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE desk_imap SET lease_owner = $1, lease_until = $2
         WHERE org_id = $3 AND address = $4 AND enabled = $5 AND (lease_owner IS NULL OR lease_owner = $1 OR lease_until < $6)",
    )
    .bind(owner)
    .bind(until)
    .bind(org_id)
    .bind(address)
    .bind(true)
    .bind(now())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn record_success(db: &Db, org_id: &str, address: &str) -> Result<()> {
    sqlx::query("UPDATE desk_imap SET last_success_at = $1 WHERE org_id = $2 AND address = $3")
        .bind(now())
        .bind(org_id)
        .bind(address)
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn record_error(db: &Db, org_id: &str, address: &str, error: &str) -> Result<()> {
    sqlx::query("UPDATE desk_imap SET last_error_at = $1, last_error = $2 WHERE org_id = $3 AND address = $4")
        .bind(now())
        .bind(error.chars().take(1000).collect::<String>())
        .bind(org_id)
        .bind(address)
        .execute(db.pool())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ImapInput {
        ImapInput {
            host: "imap.example.fi".into(),
            username: "desk".into(),
            password: Some("pw".into()),
            enabled: true,
            ..Default::default()
        }
    }

    #[test]
    fn defaults_follow_the_security() {
        let v = validate(&input()).unwrap();
        assert_eq!((v.port, v.security, v.folder.as_str()), (993, Security::Tls, "INBOX"));
        let v = validate(&ImapInput { security: Some("starttls".into()), ..input() }).unwrap();
        assert_eq!((v.port, v.security), (143, Security::StartTls));
    }

    #[test]
    fn bad_input_names_its_field() {
        let field = |i: ImapInput| validate(&i).err().and_then(|e| e.field());
        assert_eq!(field(ImapInput { host: "imap example".into(), ..input() }), Some("host"));
        assert_eq!(
            field(ImapInput { security: Some("plain".into()), ..input() }),
            Some("security")
        );
        assert_eq!(field(ImapInput { port: Some(0), ..input() }), Some("port"));
        assert_eq!(field(ImapInput { username: " ".into(), ..input() }), Some("username"));
        assert_eq!(
            field(ImapInput { password: Some("a\r\nb".into()), ..input() }),
            Some("password")
        );
        assert_eq!(field(ImapInput { folder: Some("x\ny".into()), ..input() }), Some("folder"));
        assert!(
            validate(&ImapInput { password: Some(String::new()), ..input() })
                .unwrap()
                .password
                .is_none(),
            "empty keeps the stored one"
        );
    }
}
