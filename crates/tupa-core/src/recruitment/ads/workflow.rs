//! The workflow of an ad ([`super`]'s diagram): submit, approval or return, the
//! recruiter's close / archive / withdraw, extending or reopening, and the clock ([`tick`])
//! that records what the board already shows — an ad opening at its publish time and
//! closing at its deadline.

use super::*;
async fn transition(tx: &mut Tx, ad: &StoredAd, status: AdState, set: &str) -> Result<()> {
    let sql = format!(
        "UPDATE job_ads SET status = $1, updated_at = $2{set} WHERE org_id = $3 AND id = $4 AND status = $5"
    );
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(status.as_str())
        .bind(now())
        .bind(&ad.org_id)
        .bind(&ad.id)
        .bind(ad.status.as_str())
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        // Someone else moved it meanwhile.
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    Ok(())
}

/// Publishing state after submit or approval: scheduled until its publish time, else
/// published now. The job market send is queued as it opens.
fn going_public(ad: &StoredAd, t: i64) -> AdState {
    if ad.publish_at.is_some_and(|p| p > t) { AdState::Scheduled } else { AdState::Published }
}

const OPENED: &str = ", published_at = COALESCE(published_at, $2), jobmarket_state = 'pending', jobmarket_next_at = $2, jobmarket_attempts = 0";

/// Submits a draft: to the hiring manager when the organisation requires approval, else
/// scheduled or published at once.
pub async fn submit(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ad_id: &str,
) -> Result<StoredAd> {
    crate::recruitment::public_changes::touched(db);
    actor.check(Permission::WorkRecruitment, org)?;
    let ad = get(db, &org.id, ad_id).await?;
    if ad.status != AdState::Draft {
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    let t = now();
    if ad.deadline <= t {
        return Err(Error::invalid("deadline", "deadline-past"));
    }
    let approval = settings::get(db, &org.id).await?.approval_required;
    let mut tx = db.begin().await?;
    let next = if approval { AdState::AwaitingApproval } else { going_public(&ad, t) };
    let set = if next == AdState::Published { OPENED } else { "" };
    transition(&mut tx, &ad, next, set).await?;
    record_event(
        &mut tx,
        &org.id,
        ad_id,
        if approval {
            AdEventAction::Submitted
        } else if next == AdState::Scheduled {
            AdEventAction::Scheduled
        } else {
            AdEventAction::Published
        },
        None,
        Some(&actor.user.id),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::JobAdSubmitted,
        Some((audit::Target::JobAd, ad_id)),
        serde_json::json!({"status": next}),
    )
    .await?;
    let ad = get_tx(&mut tx, &org.id, ad_id).await?;
    tx.commit().await?;
    Ok(ad)
}

/// A hiring manager approves (the ad goes public, now or at its publish time) or returns it
/// to the recruiter with a note.
pub async fn decide(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ad_id: &str,
    approve: bool,
    note: Option<&str>,
) -> Result<StoredAd> {
    crate::recruitment::public_changes::touched(db);
    actor.check(Permission::ApproveAds, org)?;
    check_note(note)?;
    let ad = get(db, &org.id, ad_id).await?;
    if ad.status != AdState::AwaitingApproval {
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if !approve && note.is_none() {
        return Err(Error::invalid("note", "note-required"));
    }
    let t = now();
    if approve && ad.deadline <= t {
        return Err(Error::invalid("deadline", "deadline-past"));
    }
    let mut tx = db.begin().await?;
    let next = if approve { going_public(&ad, t) } else { AdState::Draft };
    let set = if next == AdState::Published {
        format!("{OPENED}, approved_by = $6, approved_at = $2")
    } else if approve {
        ", approved_by = $6, approved_at = $2".to_string()
    } else {
        String::new()
    };
    let sql = format!(
        "UPDATE job_ads SET status = $1, updated_at = $2{set} WHERE org_id = $3 AND id = $4 AND status = $5"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(next.as_str())
        .bind(t)
        .bind(&org.id)
        .bind(ad_id)
        .bind(ad.status.as_str());
    if approve {
        q = q.bind(&actor.user.id);
    }
    if q.execute(&mut *tx).await?.rows_affected() == 0 {
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    record_event(
        &mut tx,
        &org.id,
        ad_id,
        if approve { AdEventAction::Approved } else { AdEventAction::Returned },
        note,
        Some(&actor.user.id),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        if approve {
            crate::audit::Action::JobAdApproved
        } else {
            crate::audit::Action::JobAdReturned
        },
        Some((audit::Target::JobAd, ad_id)),
        serde_json::json!({}),
    )
    .await?;
    let ad = get_tx(&mut tx, &org.id, ad_id).await?;
    tx.commit().await?;
    Ok(ad)
}

/// Closes a public ad before its deadline, archives a closed one, or withdraws a scheduled
/// or waiting one back to draft.
pub async fn act(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ad_id: &str,
    action: AdAction,
    note: Option<&str>,
) -> Result<StoredAd> {
    crate::recruitment::public_changes::touched(db);
    actor.check(Permission::WorkRecruitment, org)?;
    check_note(note)?;
    let ad = get(db, &org.id, ad_id).await?;
    let t = now();
    let (allowed, next, set): (&[AdState], AdState, String) = match action {
        AdAction::Close => (&[AdState::Published, AdState::Scheduled], AdState::Closed, ", closed_at = $2, retention_from = $2, jobmarket_state = CASE WHEN jobmarket_state IN ('sent', 'pending', 'failed') OR jobmarket_sent_at IS NOT NULL THEN 'archive-pending' ELSE jobmarket_state END, jobmarket_next_at = $2, jobmarket_attempts = 0".to_string()),
        AdAction::Archive => (&[AdState::Closed], AdState::Archived, ", archived_at = $2".to_string()),
        AdAction::Withdraw => {
            (&[AdState::AwaitingApproval, AdState::Scheduled], AdState::Draft, String::new())
        }
    };
    if !allowed.contains(&ad.status) {
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    let mut tx = db.begin().await?;
    transition(&mut tx, &ad, next, &set).await?;
    let _ = t;
    record_event(
        &mut tx,
        &org.id,
        ad_id,
        action.into(),
        note.map(str::trim).filter(|n| !n.is_empty()),
        Some(&actor.user.id),
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        match action {
            AdAction::Close => audit::Action::JobAdClose,
            AdAction::Archive => audit::Action::JobAdArchive,
            AdAction::Withdraw => audit::Action::JobAdWithdraw,
        },
        Some((audit::Target::JobAd, ad_id)),
        serde_json::json!({}),
    )
    .await?;
    let ad = get_tx(&mut tx, &org.id, ad_id).await?;
    tx.commit().await?;
    Ok(ad)
}

/// Moves the deadline of a public ad later ("extend"), or reopens a closed one with a new
/// deadline ("reopen"). Both need a note saying why: the history shows it.
pub async fn extend(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    ad_id: &str,
    deadline: &str,
    note: &str,
) -> Result<StoredAd> {
    crate::recruitment::public_changes::touched(db);
    actor.check(Permission::WorkRecruitment, org)?;
    check_note(Some(note))?;
    let ad = get(db, &org.id, ad_id).await?;
    let note = note.trim();
    if note.is_empty() {
        return Err(Error::invalid("note", "note-required"));
    }
    let new_deadline = parse_local(deadline, "deadline")?;
    let t = now();
    if new_deadline <= t || new_deadline <= ad.deadline.min(t) {
        return Err(Error::invalid("deadline", "deadline-past"));
    }
    let (action, audited, next, set) = match ad.status {
        AdState::Published | AdState::Scheduled if ad.deadline > t => {
            (AdEventAction::Extended, audit::Action::JobAdExtended, ad.status, "")
        }
        // A public ad whose deadline passed before the tick closed it reopens like a closed one.
        AdState::Published | AdState::Scheduled | AdState::Closed => (
            AdEventAction::Reopened,
            audit::Action::JobAdReopened,
            AdState::Published,
            ", closed_at = NULL, retention_from = NULL, published_at = COALESCE(published_at, $2)",
        ),
        _ => return Err(Error::conflict("status", "ad-status-changed")),
    };
    let mut tx = db.begin().await?;
    let sql = format!(
        "UPDATE job_ads SET status = $1, updated_at = $2, deadline = $6, jobmarket_state = CASE WHEN jobmarket_state = 'not-configured' THEN 'not-configured' ELSE 'pending' END, jobmarket_next_at = $2, jobmarket_attempts = 0{set} WHERE org_id = $3 AND id = $4 AND status = $5"
    );
    let done = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(next.as_str())
        .bind(t)
        .bind(&org.id)
        .bind(ad_id)
        .bind(ad.status.as_str())
        .bind(new_deadline)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::conflict("status", "ad-status-changed"));
    }
    record_event(&mut tx, &org.id, ad_id, action, Some(note), Some(&actor.user.id)).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audited,
        Some((audit::Target::JobAd, ad_id)),
        serde_json::json!({"deadline": new_deadline}),
    )
    .await?;
    let ad = get_tx(&mut tx, &org.id, ad_id).await?;
    tx.commit().await?;
    Ok(ad)
}

/// Records what the clock has already decided: scheduled ads whose time came are published,
/// public ads whose deadline passed are closed (their job market record archived). Returns
/// (published, closed). Safe to run in several processes at once: each change is
/// conditional on the status it saw.
pub async fn tick(db: &Db, at: i64) -> Result<(u64, u64)> {
    let due: Vec<(String, String)> = sqlx::query_as("SELECT org_id, id FROM job_ads WHERE status = 'scheduled' AND publish_at <= $1 AND deadline > $1").bind(at).fetch_all(db.pool()).await?;
    let mut published = 0;
    for (org_id, id) in due {
        let mut tx = db.begin().await?;
        let sql = format!(
            "UPDATE job_ads SET status = $1, updated_at = $2{OPENED} WHERE org_id = $3 AND id = $4 AND status = 'scheduled'"
        );
        let n = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(AdState::Published.as_str())
            .bind(at)
            .bind(&org_id)
            .bind(&id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n > 0 {
            record_event(&mut tx, &org_id, &id, AdEventAction::Published, None, None).await?;
            published += 1;
        }
        tx.commit().await?;
    }
    let ended: Vec<(String, String, i64)> = sqlx::query_as("SELECT org_id, id, deadline FROM job_ads WHERE status IN ('scheduled', 'published') AND deadline <= $1").bind(at).fetch_all(db.pool()).await?;
    let mut closed = 0;
    for (org_id, id, deadline) in ended {
        let mut tx = db.begin().await?;
        let n = sqlx::query(
            "UPDATE job_ads SET status = 'closed', closed_at = $1, retention_from = $1, updated_at = $2,
             jobmarket_state = CASE WHEN jobmarket_state IN ('sent', 'pending', 'failed') OR jobmarket_sent_at IS NOT NULL THEN 'archive-pending' ELSE jobmarket_state END, jobmarket_next_at = $2, jobmarket_attempts = 0
             WHERE org_id = $3 AND id = $4 AND status IN ('scheduled', 'published') AND deadline <= $2",
        )
        .bind(deadline)
        .bind(at)
        .bind(&org_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n > 0 {
            record_event(&mut tx, &org_id, &id, AdEventAction::ClosedAtDeadline, None, None)
                .await?;
            closed += 1;
        }
        tx.commit().await?;
    }
    Ok((published, closed))
}

/// Runs [`tick`] every few seconds until the process stops.
pub async fn tick_forever(db: Db) {
    loop {
        match tick(&db, now()).await {
            Ok(_) => crate::jobs::beat(crate::jobs::Job::AdClock),
            Err(e) => tracing::error!(error = %e, "job ad tick failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }
}
