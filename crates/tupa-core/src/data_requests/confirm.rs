//! Requests from the public page `/privacy/{org}`. The person proves who they are by
//! following a link mailed to the address their data is filed under (the request exists only
//! once the link is followed; the page says the same whatever the address, so it tells no
//! one whether the organisation has data on it), or by being signed in — strong
//! identification (the guidance-space FTN OIDC, which returns to the page) or their account.

use super::person::{self, Person};
use super::{Channel, DataRequest, Kind, NewRequest, clean_text, create_tx, has_desk};
use crate::audit::By;
use crate::config::Settings;
use crate::db::{Db, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::identity::secrets::{digest, random_token};
use crate::identity::{Email, User};
use crate::mail::outbox::{self, NewMail};
use crate::organisations::Organisation;

/// How long a confirmation link works.
pub const LINK_SECS: i64 = 24 * 3600;

/// Mails the confirmation link for a request about `email`.
pub async fn ask(
    db: &Db,
    settings: &Settings,
    org: &Organisation,
    kind: Kind,
    email: &str,
    details: &str,
    lang: Lang,
) -> Result<()> {
    let email = Email::parse(email).map_err(|e| e.at("email"))?;
    let details = clean_text(details, super::DETAILS_CHARS, "details", "privacy-details-too-long")?;
    let token = random_token();
    let t = now();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO data_request_confirmations (token_hash, org_id, kind, email, details, lang, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(digest(&token))
    .bind(&org.id)
    .bind(kind.as_str())
    .bind(email.as_str().to_lowercase())
    .bind(&details)
    .bind(lang.code())
    .bind(t)
    .bind(t + LINK_SECS)
    .execute(&mut *tx)
    .await?;
    let link = format!("{}/privacy/{}/confirm/{token}", settings.public_url, org.slug);
    outbox::enqueue(
        &mut tx,
        settings,
        NewMail {
            org_id: Some(&org.id),
            to: email.as_str(),
            subject: lang.t_args("privacy-mail-confirm-subject", &[("org", &org.name)]),
            body_text: lang.t_args(
                "privacy-mail-confirm-body",
                &[("org", &org.name), ("kind", &kind.label(lang)), ("link", &link)],
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A confirmation waiting for its link.
pub struct Pending {
    pub kind: Kind,
    pub email: String,
    /// The request already made from this link (a second click shows it again).
    pub request_id: Option<String>,
}

/// The confirmation behind `token`, if it is the organisation's and still valid.
pub async fn pending(db: &Db, org: &Organisation, token: &str) -> Result<Pending> {
    let row: Option<(String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT kind, email, expires_at, request_id FROM data_request_confirmations WHERE token_hash = $1 AND org_id = $2",
    )
    .bind(digest(token))
    .bind(&org.id)
    .fetch_optional(db.pool())
    .await?;
    let (kind, email, expires, request_id) =
        row.ok_or(Error::invalid("token", "privacy-link-invalid"))?;
    if request_id.is_none() && expires < now() {
        return Err(Error::invalid("token", "privacy-link-invalid"));
    }
    Ok(Pending { kind: Kind::try_from(kind)?, email, request_id })
}

/// Follows the link: the request is made (once; a second use returns the same request).
pub async fn confirm(
    db: &Db,
    settings: &Settings,
    org: &Organisation,
    token: &str,
) -> Result<DataRequest> {
    let p = pending(db, org, token).await?;
    if let Some(id) = p.request_id {
        let mut tx = db.begin().await?;
        return super::get_tx(&mut tx, &org.id, &id).await;
    }
    let (details, lang): (String, String) = sqlx::query_as(
        "SELECT details, lang FROM data_request_confirmations WHERE token_hash = $1",
    )
    .bind(digest(token))
    .fetch_one(db.pool())
    .await?;
    let has_desk = has_desk(db, org).await?;
    let mut tx = db.begin().await?;
    let claimed = sqlx::query("UPDATE data_request_confirmations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL")
        .bind(now())
        .bind(digest(token))
        .execute(&mut *tx)
        .await?;
    if claimed.rows_affected() == 0 {
        return Err(Error::invalid("token", "privacy-link-invalid"));
    }
    let person =
        Person { email: Some(p.email.clone()), user_id: None, emails: vec![p.email.clone()] };
    let lang = Lang::parse(&lang).unwrap_or_default();
    let by = By { user_id: None, label: p.email.clone(), ip: None };
    let new =
        NewRequest { kind: p.kind, person, details: &details, lang, channel: Channel::WebEmail };
    let r = create_tx(&mut tx, settings, org, has_desk, new, &by).await?;
    sqlx::query("UPDATE data_request_confirmations SET request_id = $1 WHERE token_hash = $2")
        .bind(&r.id)
        .bind(digest(token))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(r)
}

/// A request by a signed-in person about themselves: the session is the proof.
#[allow(clippy::too_many_arguments)]
pub async fn by_signed_in(
    db: &Db,
    settings: &Settings,
    org: &Organisation,
    user: &User,
    kind: Kind,
    details: &str,
    lang: Lang,
    ip: Option<&str>,
) -> Result<DataRequest> {
    let has_desk = has_desk(db, org).await?;
    let mut tx = db.begin().await?;
    let new = NewRequest {
        kind,
        person: person::of_user(user),
        details,
        lang,
        channel: Channel::WebSignedIn,
    };
    let r = create_tx(&mut tx, settings, org, has_desk, new, &By::user(user, ip)).await?;
    tx.commit().await?;
    Ok(r)
}
