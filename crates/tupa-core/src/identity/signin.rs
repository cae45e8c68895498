//! Signing in and regaining access: password sign-in with throttling, the TOTP step,
//! accepting an invitation, password reset and change. Each writes the audit log.

use super::links::{self, Purpose};
use super::password::{self, Password};
use super::sessions::{self, Session};
use super::{Email, User, rate_limit, totp};
use crate::audit::{self, By};
use crate::config::Settings;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::mail::outbox::{self, NewMail};

/// Where the request came from, for throttling, the session list and the audit log.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub ip: String,
    pub user_agent: Option<String>,
}

/// Deliberately does not say which of the two was wrong; the password field gets the focus
/// because that is the one people mistype.
fn wrong_credentials() -> Error {
    Error::invalid("password", "credentials-wrong")
}

/// Checks e-mail and password. Returns the new session (second factor pending when the
/// person has TOTP on) and its cookie token.
pub async fn sign_in(
    db: &Db,
    email: &str,
    password_input: &str,
    client: &Client,
) -> Result<(Session, String, User)> {
    let Ok(email) = Email::parse(email) else {
        password::burn_time(password_input);
        return Err(wrong_credentials());
    };
    rate_limit::begin_guess(db, email.as_str(), &client.ip).await?;
    let user = super::find_by_email(db, &email).await?;
    let ok = match &user {
        Some(u) if u.is_active() => {
            u.password_hash.as_deref().is_some_and(|h| password::verify(h, password_input))
        }
        _ => {
            password::burn_time(password_input);
            false
        }
    };
    if ok {
        rate_limit::guessed_right(db, email.as_str(), &client.ip).await?;
    }
    let user = match (ok, user) {
        (true, Some(u)) => u,
        (_, maybe) => {
            if let Some(u) = maybe {
                audit::record_now(
                    db,
                    None,
                    &By::user(&u, Some(&client.ip)),
                    audit::Action::SignInFailed,
                    Some((audit::Target::User, &u.id)),
                    serde_json::json!({}),
                )
                .await?;
            }
            return Err(wrong_credentials());
        }
    };
    let (session, token) = sessions::create(
        db,
        &user.id,
        user.totp_enabled,
        client.user_agent.as_deref(),
        Some(&client.ip),
    )
    .await?;
    let action = if user.totp_enabled {
        crate::audit::Action::SignInPasswordAccepted
    } else {
        crate::audit::Action::SignIn
    };
    audit::record_now(
        db,
        None,
        &By::user(&user, Some(&client.ip)),
        action,
        Some((audit::Target::User, &user.id)),
        serde_json::json!({}),
    )
    .await?;
    Ok((session, token, user))
}

/// The TOTP step of sign-in. Wrong codes count towards the same throttle as passwords.
/// Returns the session's new cookie token (the session id changes with its privileges).
pub async fn complete_second_factor(
    db: &Db,
    session: &Session,
    code: &str,
    client: &Client,
) -> Result<String> {
    let user = super::get(db, &session.user_id).await?;
    rate_limit::begin_guess(db, &user.email, &client.ip).await?;
    let mut tx = db.begin().await?;
    match totp::verify_and_consume(&mut tx, &user.id, code, false).await {
        Ok(()) => {
            audit::record(
                &mut tx,
                None,
                &By::user(&user, Some(&client.ip)),
                audit::Action::SignIn,
                Some((audit::Target::User, &user.id)),
                serde_json::json!({"second_factor": "totp"}),
            )
            .await?;
            let token = sessions::complete_second_factor(&mut tx, &session.id).await?;
            tx.commit().await?;
            rate_limit::guessed_right(db, &user.email, &client.ip).await?;
            Ok(token)
        }
        Err(e) => Err(e),
    }
}

/// Sends a reset link when the address belongs to an active account. The caller shows the
/// same answer either way, so the form does not reveal who has an account.
pub async fn request_password_reset(
    db: &Db,
    settings: &Settings,
    email: &str,
    lang: Lang,
    client: &Client,
) -> Result<()> {
    let Ok(email) = Email::parse(email) else { return Ok(()) };
    // Throttled on counters of its own, so the form can neither flood someone's mailbox nor
    // lock them out of signing in.
    rate_limit::reset_requested(db, email.as_str(), &client.ip).await?;
    let Some(user) = super::find_by_email(db, &email).await? else { return Ok(()) };
    if !user.is_active() {
        return Ok(());
    }
    let lang = user.lang().unwrap_or(lang);
    let mut tx = db.begin().await?;
    let token = links::create(&mut tx, Purpose::PasswordReset, &user.id, None, None).await?;
    let link = format!("{}/password/reset/{token}", settings.public_url);
    outbox::enqueue(
        &mut tx,
        settings,
        NewMail {
            org_id: None,
            to: &user.email,
            subject: lang.t("mail-reset-subject"),
            body_text: lang
                .t_args("mail-reset-body", &[("name", &user.display_name), ("link", &link)]),
        },
    )
    .await?;
    audit::record(
        &mut tx,
        None,
        &By::user(&user, Some(&client.ip)),
        audit::Action::PasswordResetRequested,
        Some((audit::Target::User, &user.id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets a new password from a reset link and ends every session of the person.
pub async fn reset_password(
    db: &Db,
    token: &str,
    new_password: &str,
    client: &Client,
) -> Result<User> {
    let password = Password::parse(new_password)?;
    let mut tx = db.begin().await?;
    let user_id = links::consume(&mut tx, Purpose::PasswordReset, token).await?;
    super::set_password(&mut tx, &user_id, &password).await?;
    sessions::revoke_all_tx(&mut tx, &user_id).await?;
    tx.commit().await?;
    let user = super::get(db, &user_id).await?;
    rate_limit::forgive_account(db, &user.email).await?;
    audit::record_now(
        db,
        None,
        &By::user(&user, Some(&client.ip)),
        audit::Action::PasswordReset,
        Some((audit::Target::User, &user.id)),
        serde_json::json!({}),
    )
    .await?;
    Ok(user)
}

/// The person a live link is for, to greet them on the page (the link is not used up).
pub async fn link_user(db: &Db, purpose: Purpose, token: &str) -> Result<User> {
    let mut tx = db.begin().await?;
    let user_id = links::peek(&mut tx, purpose, token).await?;
    tx.commit().await?;
    super::get(db, &user_id).await
}

/// Accepts an invitation: sets the first password and the person's name.
pub async fn accept_invitation(
    db: &Db,
    token: &str,
    display_name: &str,
    new_password: &str,
    client: &Client,
) -> Result<User> {
    let name = super::parse_display_name(display_name)?;
    let password = Password::parse(new_password)?;
    let mut tx = db.begin().await?;
    let user_id = links::consume(&mut tx, Purpose::Invitation, token).await?;
    super::set_password(&mut tx, &user_id, &password).await?;
    sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(&name)
        .bind(&user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let user = super::get(db, &user_id).await?;
    audit::record_now(
        db,
        None,
        &By::user(&user, Some(&client.ip)),
        audit::Action::InvitationAccepted,
        Some((audit::Target::User, &user.id)),
        serde_json::json!({}),
    )
    .await?;
    Ok(user)
}

/// Changes one's own password; other sessions end, the current one stays under a new cookie
/// token, which is returned.
pub async fn change_password(
    db: &Db,
    user: &User,
    current_session: Option<&str>,
    current: &str,
    new_password: &str,
    also: crate::error::Checks,
    client: &Client,
) -> Result<Option<String>> {
    // A stolen session must not become a way to guess the password.
    rate_limit::begin_guess(db, &user.email, &client.ip).await?;
    // Every problem is named at once, with those the caller found (`also`: the form's
    // repeated password).
    let mut c = crate::error::Checks::new();
    if user.password_hash.as_deref().is_some_and(|h| password::verify(h, current)) {
        rate_limit::guessed_right(db, &user.email, &client.ip).await?;
    } else {
        c.push("current_password", "password-current-wrong");
    }
    let password = c.take(Password::parse(new_password));
    if !also.is_empty() {
        c.note(also.error());
    }
    let Some(password) = password else { return Err(c.error()) };
    c.finish()?;
    let mut tx = db.begin().await?;
    super::set_password(&mut tx, &user.id, &password).await?;
    sqlx::query("UPDATE user_sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND id <> $3")
        .bind(crate::db::now())
        .bind(&user.id)
        .bind(current_session.unwrap_or(""))
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        None,
        &By::user(user, Some(&client.ip)),
        audit::Action::PasswordChanged,
        Some((audit::Target::User, &user.id)),
        serde_json::json!({}),
    )
    .await?;
    let token = match current_session {
        Some(id) => Some(sessions::rotate(&mut tx, id).await?),
        None => None,
    };
    tx.commit().await?;
    Ok(token)
}

/// Ends enrolment with a first correct code. The current session (which may now reach what
/// needs a second factor) gets a new cookie token, which is returned.
pub async fn enable_totp(
    db: &Db,
    user: &User,
    current_session: Option<&str>,
    code: &str,
    client: &Client,
) -> Result<Option<String>> {
    let mut tx = db.begin().await?;
    totp::verify_and_consume(&mut tx, &user.id, code, true).await?;
    audit::record(
        &mut tx,
        None,
        &By::user(user, Some(&client.ip)),
        audit::Action::TotpEnabled,
        Some((audit::Target::User, &user.id)),
        serde_json::json!({}),
    )
    .await?;
    let token = match current_session {
        Some(id) => Some(sessions::rotate(&mut tx, id).await?),
        None => None,
    };
    tx.commit().await?;
    Ok(token)
}

/// Turns TOTP off with a current code. Platform admins must keep it.
pub async fn disable_totp(
    db: &Db,
    user: &User,
    is_platform_admin: bool,
    code: &str,
    client: &Client,
) -> Result<()> {
    if is_platform_admin {
        return Err(Error::invalid("code", "totp-required-for-platform-admins"));
    }
    rate_limit::begin_guess(db, &user.email, &client.ip).await?;
    let mut tx = db.begin().await?;
    totp::verify_and_consume(&mut tx, &user.id, code, false).await?;
    totp::disable(&mut tx, &user.id).await?;
    audit::record(
        &mut tx,
        None,
        &By::user(user, Some(&client.ip)),
        audit::Action::TotpDisabled,
        Some((audit::Target::User, &user.id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    rate_limit::guessed_right(db, &user.email, &client.ip).await?;
    Ok(())
}
