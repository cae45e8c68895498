//! Desk configuration by main admins (and the operator): queues with their support hours and
//! targets, and the addresses mail arrives at.

use serde::{Deserialize, Serialize};
use time::Time;

use super::hours::SupportHours;
use super::queues::{self, DeskAddress, Queue};
use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::db::{Db, now};
use crate::error::{Error, Result};
use crate::organisations::Organisation;

/// A queue as entered in a form or the API: opening hours per weekday as "HH:MM" text
/// (Monday first; empty = closed) and targets in working hours.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct QueueInput {
    pub name: String,
    /// Seven entries, Monday first: `["09:00", "15:00"]`, or empty/null for a closed day.
    #[serde(default)]
    pub weekly: Vec<Option<(String, String)>>,
    #[serde(default = "yes")]
    pub public_holidays_closed: bool,
    /// First-response target in working hours (empty: none).
    pub first_response_hours: Option<f64>,
    /// Resolution target in working hours (empty: none).
    pub resolution_hours: Option<f64>,
}

fn yes() -> bool {
    true
}

fn parse_time(s: &str) -> Result<Time> {
    let (h, m) = s.trim().split_once(':').ok_or(Error::invalid("weekly", "time-invalid"))?;
    let (h, m): (u8, u8) = (h.parse().map_err(|_| Error::invalid("weekly", "time-invalid"))?, m.parse().map_err(|_| Error::invalid("weekly", "time-invalid"))?);
    if h == 24 && m == 0 {
        // Midnight at the end of the day (see SupportHours).
        return Ok(Time::MAX);
    }
    Time::from_hms(h, m, 0).map_err(|_| Error::invalid("weekly", "time-invalid"))
}

fn hours_of(input: &QueueInput) -> Result<SupportHours> {
    if input.weekly.len() != 7 {
        return Err(Error::invalid("weekly", "time-invalid"));
    }
    let mut weekly = [None; 7];
    for (day, entry) in input.weekly.iter().enumerate() {
        weekly[day] = match entry {
            Some((open, close)) if !open.trim().is_empty() || !close.trim().is_empty() => Some((parse_time(open)?, parse_time(close)?)),
            _ => None,
        };
    }
    let hours = SupportHours { weekly, public_holidays_closed: input.public_holidays_closed, exceptions: vec![] };
    hours.validate().map_err(|code| Error::invalid("weekly", code))?;
    Ok(hours)
}

fn target(hours: Option<f64>, field: &'static str) -> Result<Option<i64>> {
    match hours {
        None => Ok(None),
        Some(h) if h.is_finite() && h > 0.0 && h <= 2000.0 => Ok(Some((h * 3600.0).round() as i64)),
        Some(_) => Err(Error::invalid(field, "target-invalid")),
    }
}

/// The form's view of a stored queue.
pub fn input_of(queue: &Queue) -> QueueInput {
    let hours = queue.hours();
    let fmt = |t: Time| if t >= time::macros::time!(23:59:59) { "24:00".to_string() } else { format!("{:02}:{:02}", t.hour(), t.minute()) };
    QueueInput {
        name: queue.name.clone(),
        weekly: hours.weekly.iter().map(|d| d.map(|(o, c)| (fmt(o), fmt(c)))).collect(),
        public_holidays_closed: hours.public_holidays_closed,
        first_response_hours: queue.first_response_secs.map(|s| s as f64 / 3600.0),
        resolution_hours: queue.resolution_secs.map(|s| s as f64 / 3600.0),
    }
}

pub async fn create_queue(db: &Db, actor: &Actor, ip: Option<&str>, org: &Organisation, input: &QueueInput) -> Result<Queue> {
    actor.check(Permission::ManageDesk, org)?;
    let hours = hours_of(input)?;
    let first = target(input.first_response_hours, "first_response_hours")?;
    let resolution = target(input.resolution_hours, "resolution_hours")?;
    let mut tx = db.begin().await?;
    let queue = queues::create(&mut tx, &org.id, &input.name, &hours, first, resolution).await?;
    audit::record(&mut tx, Some(&org.id), &By::user(&actor.user, ip), "desk-queue-created", Some(("queue", &queue.id)), serde_json::json!({"name": queue.name})).await?;
    tx.commit().await?;
    Ok(queue)
}

pub async fn update_queue(db: &Db, actor: &Actor, ip: Option<&str>, org: &Organisation, queue_id: &str, input: &QueueInput) -> Result<Queue> {
    actor.check(Permission::ManageDesk, org)?;
    let name = crate::organisations::parse_name(&input.name, "name")?;
    let hours = hours_of(input)?;
    let first = target(input.first_response_hours, "first_response_hours")?;
    let resolution = target(input.resolution_hours, "resolution_hours")?;
    let mut tx = db.begin().await?;
    queues::get_tx(&mut tx, &org.id, queue_id).await?;
    sqlx::query("UPDATE desk_queues SET name = $1, support_hours = $2, first_response_secs = $3, resolution_secs = $4 WHERE org_id = $5 AND id = $6")
        .bind(&name)
        .bind(serde_json::to_string(&hours).map_err(anyhow::Error::from)?)
        .bind(first)
        .bind(resolution)
        .bind(&org.id)
        .bind(queue_id)
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, Some(&org.id), &By::user(&actor.user, ip), "desk-queue-changed", Some(("queue", queue_id)), serde_json::json!({"name": name})).await?;
    let queue = queues::get_tx(&mut tx, &org.id, queue_id).await?;
    tx.commit().await?;
    Ok(queue)
}

/// The organisation's queues, creating the default one on first use.
pub async fn queues_of(db: &Db, actor: &Actor, org: &Organisation) -> Result<Vec<Queue>> {
    actor.check(Permission::ManageDesk, org)?;
    let mut tx = db.begin().await?;
    queues::default_queue(&mut tx, &org.id).await?;
    tx.commit().await?;
    queues::list(db, &org.id).await
}

/// Only the operator maps addresses: it checks that the mail domain belongs to the
/// organisation, so one customer cannot take another's (or a citizen's) address.
pub(crate) fn check_address_rights(actor: &Actor, org: &Organisation) -> Result<()> {
    actor.check(Permission::ManageDesk, org)?;
    if actor.is_platform_admin() { Ok(()) } else { Err(Error::invalid("address", "desk-address-platform-only")) }
}

pub async fn add_address(db: &Db, actor: &Actor, ip: Option<&str>, org: &Organisation, address: &str, queue_id: Option<&str>) -> Result<DeskAddress> {
    check_address_rights(actor, org)?;
    let mut tx = db.begin().await?;
    let added = queues::add_address(&mut tx, &org.id, address, queue_id.filter(|q| !q.is_empty())).await?;
    audit::record(&mut tx, Some(&org.id), &By::user(&actor.user, ip), "desk-address-added", None, serde_json::json!({"address": added.address})).await?;
    tx.commit().await?;
    Ok(added)
}

pub async fn remove_address(db: &Db, actor: &Actor, ip: Option<&str>, org: &Organisation, address: &str) -> Result<()> {
    check_address_rights(actor, org)?;
    let mut tx = db.begin().await?;
    // Its mailbox goes with it: nothing is fetched for an address that is no longer mapped.
    sqlx::query("DELETE FROM desk_imap WHERE org_id = $1 AND address = $2").bind(&org.id).bind(address.trim().to_lowercase()).execute(&mut *tx).await?;
    let done = sqlx::query("DELETE FROM desk_addresses WHERE org_id = $1 AND address = $2").bind(&org.id).bind(address.trim().to_lowercase()).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(&mut tx, Some(&org.id), &By::user(&actor.user, ip), "desk-address-removed", None, serde_json::json!({"address": address, "at": now()})).await?;
    tx.commit().await?;
    Ok(())
}
