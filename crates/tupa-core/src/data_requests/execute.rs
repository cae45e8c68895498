//! Carrying a request out after review: `open` → `done`, with what was done recorded on the
//! case (and, when the plan has the desk, noted on its ticket, which is resolved).
//!
//! - access: the export (`export::build`) is what the person gets; executing records that
//!   it was delivered.
//! - rectification: staff correct the data by hand where it lives (the ticket, the
//!   application) and record the correction in `note`, which is required.
//! - erasure: `erasure::erase`; restriction: `erasure::restrict`.

use super::erasure::{self, Outcome};
use super::{DataRequest, Kind, Status, clean_text, for_actor, get_tx};
use crate::audit::{self, By};
use crate::authz::Actor;
use crate::db::{Db, now};
use crate::desk::tickets::{self, NewMessage};
use crate::error::{Error, Result};
use crate::i18n::Lang;

pub async fn execute(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    id: &str,
    note: Option<&str>,
) -> Result<DataRequest> {
    let (org, r) = for_actor(db, actor, id).await?;
    let note =
        clean_text(note.unwrap_or(""), super::DETAILS_CHARS, "note", "privacy-details-too-long")?;
    if r.status == Status::Done {
        return Err(Error::conflict("status", "privacy-request-done"));
    }
    if r.kind == Kind::Rectification && note.is_empty() {
        return Err(Error::invalid("note", "privacy-note-missing"));
    }
    let person = super::person::load(db, &r).await?;
    let records = super::person::records(db, &org.id, &person).await?;
    let lang = Lang::parse(&r.lang).unwrap_or_default();
    let t = now();
    let mut tx = db.begin().await?;
    // Claimed first, so two executions cannot both run.
    let claimed = sqlx::query("UPDATE data_requests SET status = 'done', done_at = $1, done_by = $2 WHERE org_id = $3 AND id = $4 AND status = 'open'")
        .bind(t)
        .bind(&actor.user.id)
        .bind(&org.id)
        .bind(&r.id)
        .execute(&mut *tx)
        .await?;
    if claimed.rows_affected() == 0 {
        return Err(Error::conflict("status", "privacy-request-done"));
    }
    let mut outcome = match r.kind {
        Kind::Access | Kind::Rectification => Outcome::default(),
        Kind::Erasure => erasure::erase(&mut tx, &org, &person, &records).await?,
        Kind::Restriction => {
            let text = lang.t_args("privacy-restricted-event", &[("case", &r.case_number)]);
            erasure::restrict(&mut tx, &org, &person, &records, &r.id, &text).await?
        }
    };
    outcome.note = Some(note).filter(|n| !n.is_empty());
    sqlx::query("UPDATE data_requests SET outcome = $1 WHERE org_id = $2 AND id = $3")
        .bind(serde_json::to_string(&outcome).map_err(anyhow::Error::from)?)
        .bind(&org.id)
        .bind(&r.id)
        .execute(&mut *tx)
        .await?;
    if let Some(ticket_id) = &r.ticket_id {
        let text = summary(lang, r.kind, &outcome);
        tickets::add_message(
            &mut tx,
            &org.id,
            ticket_id,
            NewMessage {
                author_user_id: Some(actor.user.id.clone()),
                ..NewMessage::internal(
                    crate::desk::tickets::MessageKind::Event,
                    &actor.user.id,
                    &actor.user.display_name,
                    "",
                    text,
                )
            },
        )
        .await?;
        sqlx::query("UPDATE tickets SET status = 'resolved', resolved_at = $1, updated_at = $1 WHERE org_id = $2 AND id = $3 AND status NOT IN ('resolved', 'closed')")
            .bind(t)
            .bind(&org.id)
            .bind(ticket_id)
            .execute(&mut *tx)
            .await?;
    }
    // Counts and rules only: the entry itself must hold nothing erased.
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DataRequestExecuted,
        Some((audit::Target::DataRequest, &r.id)),
        serde_json::json!({
            "kind": r.kind.as_str(),
            "erased": outcome.erased.iter().map(|e| (e.data.clone(), e.count)).collect::<std::collections::BTreeMap<_, _>>(),
            "kept": outcome.kept.iter().map(|k| k.rule.as_str()).collect::<Vec<_>>(),
        }),
    )
    .await?;
    let out = get_tx(&mut tx, &org.id, &r.id).await?;
    tx.commit().await?;
    if let Some(ticket_id) = &r.ticket_id
        && let Ok(case) = case_of(db, &org.id, ticket_id).await
    {
        crate::events::publish(db, crate::events::Event::ticket(&org.id, &case)).await;
    }
    Ok(out)
}

async fn case_of(db: &Db, org_id: &str, ticket_id: &str) -> Result<String> {
    let (c,): (String,) =
        sqlx::query_as("SELECT case_number FROM tickets WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(ticket_id)
            .fetch_one(db.pool())
            .await?;
    Ok(c)
}

/// The case's closing note: what was erased, what was kept and why.
pub fn summary(lang: Lang, kind: Kind, o: &Outcome) -> String {
    let mut lines = vec![lang.t_args("privacy-executed", &[("kind", &kind.label(lang))])];
    for e in &o.erased {
        lines.push(format!("– {}: {}", lang.t(&format!("privacy-data-{}", e.data)), e.count));
    }
    for k in &o.kept {
        let what = lang.t(&format!("privacy-data-{}", k.data));
        let rule = lang.t(&format!("privacy-hold-{}", k.rule.as_str()));
        let record = if k.record.is_empty() { String::new() } else { format!(" {}", k.record) };
        lines
            .push(format!("– {}{record}: {rule}", lang.t_args("privacy-kept", &[("what", &what)])));
    }
    if let Some(n) = &o.note {
        lines.push(n.clone());
    }
    lines.join("\n")
}
