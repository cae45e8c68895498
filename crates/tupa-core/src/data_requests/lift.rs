//! Lifting a restriction (GDPR art. 18(3)): "a data subject who has obtained restriction of
//! processing … shall be informed by the controller before the restriction of processing is
//! lifted". So it takes two steps on the carried-out restriction request:
//! 1. `notice`: the person is mailed that the restriction will be lifted, and why; the case
//!    keeps when and why (the reason is required);
//! 2. `lift`: refused (409 `privacy-lift-not-noticed`) until the notice went; then the
//!    person's addresses leave `data_restrictions` and processing may go on as before. The
//!    tickets the restriction closed stay closed (the person may write again).
//!
//! Each step is on the case (an event on its ticket) and in the audit log.

use super::{DataRequest, Kind, REASON_CHARS, Status, clean_text, for_actor, get_tx};
use crate::audit::{self, By};
use crate::authz::Actor;
use crate::config::Settings;
use crate::db::{Db, Tx, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::mail::outbox::{self, NewMail};

/// The restriction request `id`, carried out and not lifted, for someone who may handle it.
async fn restriction(
    db: &Db,
    actor: &Actor,
    id: &str,
) -> Result<(crate::organisations::Organisation, DataRequest)> {
    let (org, r) = for_actor(db, actor, id).await?;
    if r.kind != Kind::Restriction {
        return Err(Error::conflict("kind", "privacy-lift-not-restriction"));
    }
    if r.status != Status::Done {
        return Err(Error::conflict("status", "privacy-lift-not-done"));
    }
    if r.lifted_at.is_some() {
        return Err(Error::conflict("status", "privacy-lift-already-lifted"));
    }
    Ok((org, r))
}

/// An event on the request's case ticket, when it has one.
async fn case_event(tx: &mut Tx, org_id: &str, r: &DataRequest, text: String) -> Result<()> {
    if let Some(ticket_id) = &r.ticket_id {
        crate::desk::tickets::add_message(
            tx,
            org_id,
            ticket_id,
            crate::desk::tickets::NewMessage {
                author_user_id: None,
                ..crate::desk::tickets::NewMessage::internal(
                    crate::desk::tickets::MessageKind::Event,
                    "",
                    "",
                    "",
                    text,
                )
            },
        )
        .await?;
    }
    Ok(())
}

/// Step 1: tells the person (by mail, in their language) that the restriction will be lifted,
/// and why. May be given again (a new reason replaces the old) until the restriction is lifted.
pub async fn notice(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    id: &str,
    reason: &str,
) -> Result<DataRequest> {
    let (org, r) = restriction(db, actor, id).await?;
    let reason = clean_text(reason, REASON_CHARS, "reason", "privacy-reason-too-long")?;
    if reason.is_empty() {
        return Err(Error::invalid("reason", "privacy-lift-reason-missing"));
    }
    let t = now();
    let lang = Lang::parse(&r.lang).unwrap_or_default();
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE data_requests SET lift_noticed_at = $1, lift_reason = $2 WHERE org_id = $3 AND id = $4 AND lifted_at IS NULL")
        .bind(t)
        .bind(&reason)
        .bind(&org.id)
        .bind(&r.id)
        .execute(&mut *tx)
        .await?;
    let mailed = match r.email.as_deref().filter(|e| !e.ends_with(".invalid")) {
        Some(email) => {
            outbox::enqueue(
                &mut tx,
                settings,
                NewMail {
                    org_id: Some(&org.id),
                    to: email,
                    subject: lang.t_args("privacy-mail-lift-subject", &[("case", &r.case_number)]),
                    body_text: lang.t_args(
                        "privacy-mail-lift-body",
                        &[("org", &org.name), ("case", &r.case_number), ("reason", &reason)],
                    ),
                },
            )
            .await?;
            true
        }
        None => false,
    };
    let text = lang.t_args("privacy-lift-noticed-event", &[("reason", &reason)]);
    case_event(&mut tx, &org.id, &r, text).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DataRestrictionLiftNoticed,
        Some((audit::Target::DataRequest, &r.id)),
        serde_json::json!({"mailed": mailed}),
    )
    .await?;
    let out = get_tx(&mut tx, &org.id, &r.id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Step 2: lifts the restriction once the person has been told.
pub async fn lift(db: &Db, actor: &Actor, ip: Option<&str>, id: &str) -> Result<DataRequest> {
    let (org, r) = restriction(db, actor, id).await?;
    if r.lift_noticed_at.is_none() {
        return Err(Error::conflict("status", "privacy-lift-not-noticed"));
    }
    let t = now();
    let lang = Lang::parse(&r.lang).unwrap_or_default();
    let mut tx = db.begin().await?;
    let done = sqlx::query("UPDATE data_requests SET lifted_at = $1 WHERE org_id = $2 AND id = $3 AND lifted_at IS NULL AND lift_noticed_at IS NOT NULL")
        .bind(t)
        .bind(&org.id)
        .bind(&r.id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::conflict("status", "privacy-lift-already-lifted"));
    }
    let removed =
        sqlx::query("DELETE FROM data_restrictions WHERE org_id = $1 AND request_id = $2")
            .bind(&org.id)
            .bind(&r.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    case_event(&mut tx, &org.id, &r, lang.t("privacy-lifted-event")).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DataRestrictionLifted,
        Some((audit::Target::DataRequest, &r.id)),
        serde_json::json!({"addresses": removed}),
    )
    .await?;
    let out = get_tx(&mut tx, &org.id, &r.id).await?;
    tx.commit().await?;
    Ok(out)
}
