//! Desk configuration by main admins (and the operator): queues with their support hours and
//! targets, and the addresses mail arrives at.

use serde::{Deserialize, Serialize};
use time::{Date, Month, Time};

use super::hours::{Exception, SupportHours};
use super::queues::{self, DeskAddress, Queue};
use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::db::{Db, now};
use crate::error::{Checks, Error, Result};
use crate::organisations::Organisation;

/// Dates with their own hours in one queue: years of holidays and exceptions.
pub const MAX_EXCEPTIONS: usize = 1000;

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
    /// Dates with other hours than usual; they win over public holidays and weekly hours.
    #[serde(default)]
    pub exceptions: Vec<ExceptionInput>,
}

/// One date's own hours: `{"date": "2026-12-23", "hours": ["09:00", "12:00"]}` shortens a
/// day, `{"date": "2026-12-24", "hours": null}` closes it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ExceptionInput {
    /// YYYY-MM-DD
    pub date: String,
    pub hours: Option<(String, String)>,
}

fn yes() -> bool {
    true
}

fn parse_time(s: &str) -> Result<Time> {
    let (h, m) = s.trim().split_once(':').ok_or(Error::invalid("weekly", "time-invalid"))?;
    let (h, m): (u8, u8) = (
        h.parse().map_err(|_| Error::invalid("weekly", "time-invalid"))?,
        m.parse().map_err(|_| Error::invalid("weekly", "time-invalid"))?,
    );
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
            Some((open, close)) if !open.trim().is_empty() || !close.trim().is_empty() => {
                Some((parse_time(open)?, parse_time(close)?))
            }
            _ => None,
        };
    }
    let mut exceptions = Vec::with_capacity(input.exceptions.len());
    for e in &input.exceptions {
        let date = parse_date(&e.date).ok_or(Error::invalid("exceptions", "exceptions-invalid"))?;
        let hours = match &e.hours {
            Some((open, close)) => Some((
                parse_time(open).map_err(|e| e.at("exceptions"))?,
                parse_time(close).map_err(|e| e.at("exceptions"))?,
            )),
            None => None,
        };
        exceptions.push(Exception { date, hours });
    }
    if exceptions.len() > MAX_EXCEPTIONS {
        return Err(Error::invalid("exceptions", "exceptions-invalid"));
    }
    exceptions.sort_by_key(|e| e.date);
    let hours =
        SupportHours { weekly, public_holidays_closed: input.public_holidays_closed, exceptions };
    hours.validate().map_err(|code| {
        Error::invalid(if code.starts_with("exception") { "exceptions" } else { "weekly" }, code)
    })?;
    Ok(hours)
}

/// A date as YYYY-MM-DD, or as Finns write it, D.M.YYYY.
fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let (y, m, d) = if let Some((y, rest)) = s.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (y, m, d)
    } else {
        let mut parts = s.split('.');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some_and(|p| !p.is_empty()) {
            return None;
        }
        (y, m, d)
    };
    let year: i32 = y.parse().ok().filter(|y| (2000..=2100).contains(y))?;
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year, month, d.parse().ok()?).ok()
}

/// Exceptions as typed in the settings form, one date per line: a date alone closes that
/// day (`2026-12-24`), a date with hours sets them (`2026-12-23 9:00-12:00`). Blank lines are
/// skipped. Any other line is refused whole, so nothing half-understood is stored.
pub fn parse_exception_lines(text: &str) -> Result<Vec<ExceptionInput>> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut words = line.split_whitespace();
        let date = words.next().unwrap_or_default();
        parse_date(date).ok_or(Error::invalid("exceptions", "exceptions-invalid"))?;
        let hours = match (words.next(), words.next()) {
            (None, _) => None,
            (Some(range), None) => {
                let (open, close) = range
                    .split_once(['-', '–'])
                    .ok_or(Error::invalid("exceptions", "exceptions-invalid"))?;
                Some((open.to_string(), close.to_string()))
            }
            _ => return Err(Error::invalid("exceptions", "exceptions-invalid")),
        };
        out.push(ExceptionInput { date: date.to_string(), hours });
    }
    Ok(out)
}

/// The form's text for stored exceptions (the inverse of [`parse_exception_lines`]).
pub fn exception_lines(exceptions: &[ExceptionInput]) -> String {
    exceptions
        .iter()
        .map(|e| match &e.hours {
            Some((o, c)) => format!("{} {o}-{c}", e.date),
            None => e.date.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn target(hours: Option<f64>, field: &'static str) -> Result<Option<i64>> {
    match hours {
        None => Ok(None),
        Some(h) if h.is_finite() && h > 0.0 && h <= 2000.0 => Ok(Some((h * 3600.0).round() as i64)),
        Some(_) => Err(Error::invalid(field, "target-invalid")),
    }
}

/// A queue's name, hours and targets checked together, with the problems the caller found
/// (`also`: the settings form's exception lines), so that one answer names them all.
fn checked(
    input: &QueueInput,
    also: Checks,
) -> Result<(String, SupportHours, Option<i64>, Option<i64>)> {
    // In the order of the form's fields: name, hours, exceptions, targets.
    let mut c = Checks::new();
    let name = c.take(crate::organisations::parse_name(&input.name, "name"));
    let hours = c.take(hours_of(input));
    if !also.is_empty() {
        c.note(also.error());
    }
    let first = c.take(target(input.first_response_hours, "first_response_hours"));
    let resolution = c.take(target(input.resolution_hours, "resolution_hours"));
    match (name, hours, first, resolution) {
        (Some(name), Some(hours), Some(first), Some(resolution)) if c.is_empty() => {
            Ok((name, hours, first, resolution))
        }
        _ => Err(c.error()),
    }
}

/// The form's view of a stored queue.
pub fn input_of(queue: &Queue) -> QueueInput {
    let hours = queue.hours();
    let fmt = |t: Time| {
        if t >= time::macros::time!(23:59:59) {
            "24:00".to_string()
        } else {
            format!("{:02}:{:02}", t.hour(), t.minute())
        }
    };
    QueueInput {
        name: queue.name.clone(),
        weekly: hours.weekly.iter().map(|d| d.map(|(o, c)| (fmt(o), fmt(c)))).collect(),
        public_holidays_closed: hours.public_holidays_closed,
        first_response_hours: queue.first_response_secs.map(|s| s as f64 / 3600.0),
        resolution_hours: queue.resolution_secs.map(|s| s as f64 / 3600.0),
        exceptions: hours
            .exceptions
            .iter()
            .map(|e| ExceptionInput {
                date: e.date.to_string(),
                hours: e.hours.map(|(o, c)| (fmt(o), fmt(c))),
            })
            .collect(),
    }
}

pub async fn create_queue(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &QueueInput,
    also: Checks,
) -> Result<Queue> {
    actor.check(Permission::ManageDesk, org)?;
    let (name, hours, first, resolution) = checked(input, also)?;
    let mut tx = db.begin().await?;
    let queue = queues::create(&mut tx, &org.id, &name, &hours, first, resolution).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DeskQueueCreated,
        Some((audit::Target::Queue, &queue.id)),
        serde_json::json!({"name": queue.name}),
    )
    .await?;
    tx.commit().await?;
    Ok(queue)
}

pub async fn update_queue(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    queue_id: &str,
    input: &QueueInput,
    also: Checks,
) -> Result<Queue> {
    actor.check(Permission::ManageDesk, org)?;
    let (name, hours, first, resolution) = checked(input, also)?;
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
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DeskQueueChanged,
        Some((audit::Target::Queue, queue_id)),
        serde_json::json!({"name": name}),
    )
    .await?;
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
    if actor.is_platform_admin() {
        Ok(())
    } else {
        Err(Error::invalid("address", "desk-address-platform-only"))
    }
}

pub async fn add_address(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    address: &str,
    queue_id: Option<&str>,
) -> Result<DeskAddress> {
    check_address_rights(actor, org)?;
    let mut tx = db.begin().await?;
    let added =
        queues::add_address(&mut tx, &org.id, address, queue_id.filter(|q| !q.is_empty())).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DeskAddressAdded,
        None,
        serde_json::json!({"address": added.address}),
    )
    .await?;
    tx.commit().await?;
    Ok(added)
}

pub async fn remove_address(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    address: &str,
) -> Result<()> {
    check_address_rights(actor, org)?;
    let mut tx = db.begin().await?;
    // Its mailbox goes with it: nothing is fetched for an address that is no longer mapped.
    sqlx::query("DELETE FROM desk_imap WHERE org_id = $1 AND address = $2")
        .bind(&org.id)
        .bind(address.trim().to_lowercase())
        .execute(&mut *tx)
        .await?;
    let done = sqlx::query("DELETE FROM desk_addresses WHERE org_id = $1 AND address = $2")
        .bind(&org.id)
        .bind(address.trim().to_lowercase())
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::DeskAddressRemoved,
        None,
        serde_json::json!({"address": address, "at": now()}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekdays() -> Vec<Option<(String, String)>> {
        let day = Some(("09:00".to_string(), "15:00".to_string()));
        vec![day.clone(), day.clone(), day.clone(), day.clone(), day, None, None]
    }

    #[test]
    fn exception_lines_round_trip() {
        let text = "2026-12-24\n\n23.12.2026 9:00–12:00\n  2027-01-02 10:00-14:00  ";
        let parsed = parse_exception_lines(text).unwrap();
        assert_eq!(parsed[0], ExceptionInput { date: "2026-12-24".into(), hours: None });
        assert_eq!(parsed[1].hours, Some(("9:00".into(), "12:00".into())));
        let hours = hours_of(&QueueInput {
            name: "Q".into(),
            weekly: weekdays(),
            public_holidays_closed: true,
            exceptions: parsed,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(hours.exceptions.len(), 3);
        assert_eq!(hours.exceptions[0].date, time::macros::date!(2026 - 12 - 23), "sorted by date");
        assert_eq!(
            hours.exceptions[0].hours,
            Some((time::macros::time!(9:00), time::macros::time!(12:00)))
        );
        assert_eq!(hours.exceptions[1].hours, None, "a date alone closes the day");
    }

    #[test]
    fn bad_exception_lines_are_refused_whole() {
        let cases = [
            ("24.12.", "exceptions-invalid"),
            ("2026-02-30", "exceptions-invalid"),
            ("2026-12-24 closed", "exceptions-invalid"),
            ("2026-12-24 09:00-12:00 extra", "exceptions-invalid"),
            ("1999-12-24", "exceptions-invalid"),
            ("christmas", "exceptions-invalid"),
            ("2026-12-24 9-12", "time-invalid"),
            ("2026-12-24 09:00-25:00", "time-invalid"),
        ];
        for (bad, code) in cases {
            let result = parse_exception_lines(bad).and_then(|e| {
                hours_of(&QueueInput {
                    name: "Q".into(),
                    weekly: weekdays(),
                    exceptions: e,
                    ..Default::default()
                })
            });
            let err = result.expect_err(bad);
            assert_eq!((err.field(), err.code()), (Some("exceptions"), code), "{bad}");
        }
        let twice = parse_exception_lines("2026-12-24\n24.12.2026 10:00-12:00").unwrap();
        let err = hours_of(&QueueInput {
            name: "Q".into(),
            weekly: weekdays(),
            exceptions: twice,
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(err.code(), "exception-duplicate-date");
        let backwards = parse_exception_lines("2026-12-23 12:00-09:00").unwrap();
        let err = hours_of(&QueueInput {
            name: "Q".into(),
            weekly: weekdays(),
            exceptions: backwards,
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!((err.field(), err.code()), (Some("exceptions"), "exception-close-before-open"));
    }
}
