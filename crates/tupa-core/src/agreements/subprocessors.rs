//! The installation's sub-processor list (GDPR art. 28(2) and (4)): who processes personal
//! data for the operator, what they do and where. The list is versioned; each version takes
//! effect on a date. Publishing a new version announces it to the main admins of every
//! organisation at once, so that they hear of a change before it applies: a change takes
//! effect at the earliest [`NOTICE_DAYS`] days later. The very first list of an installation
//! may take effect today (there is nothing to change from).

use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use time::macros::format_description;

use crate::announcements::{self, Kind, Text};
use crate::audit::By;
use crate::authz::{Actor, PlatformPermission};
use crate::config::Settings;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// The least notice of a change, in days.
pub const NOTICE_DAYS: i64 = 30;
/// The most entries in one version.
pub const MAX_ENTRIES: usize = 50;
/// The longest name, purpose or location, in characters.
pub const MAX_FIELD_CHARS: usize = 200;

/// One sub-processor.
#[derive(Clone, Debug, Serialize, Deserialize, FromRow, utoipa::ToSchema)]
pub struct Subprocessor {
    pub name: String,
    /// What they do for the service.
    pub purpose: String,
    /// Where the processing happens (country, or city and country).
    pub location: String,
}

/// One version of the list.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SubprocessorList {
    pub version: i64,
    /// The day it takes (or took) effect, `YYYY-MM-DD` (Helsinki).
    pub effective_on: String,
    pub effective_at: i64,
    pub entries: Vec<Subprocessor>,
}

/// The list in force and any published to take effect later (soonest first).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Subprocessors {
    pub current: Option<SubprocessorList>,
    pub upcoming: Vec<SubprocessorList>,
}

/// A new version to publish.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewSubprocessorList {
    /// `YYYY-MM-DD`: at least [`NOTICE_DAYS`] days from today, unless it is the first list.
    pub effective_on: String,
    pub entries: Vec<Subprocessor>,
}

async fn entries(db: &Db, version: i64) -> Result<Vec<Subprocessor>> {
    Ok(sqlx::query_as(
        "SELECT name, purpose, location FROM subprocessors WHERE version = $1 ORDER BY position",
    )
    .bind(version)
    .fetch_all(db.pool())
    .await?)
}

fn day_of(ts: i64) -> String {
    crate::desk::hours::to_helsinki(ts).date().to_string()
}

/// The list in force at `at` and the ones to come.
pub async fn lists(db: &Db, at: i64) -> Result<Subprocessors> {
    let versions: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT version, effective_at FROM subprocessor_lists ORDER BY effective_at, version",
    )
    .fetch_all(db.pool())
    .await?;
    let mut current = None;
    let mut upcoming = vec![];
    for (version, effective_at) in versions {
        let list = SubprocessorList {
            version,
            effective_on: day_of(effective_at),
            effective_at,
            entries: entries(db, version).await?,
        };
        if effective_at <= at {
            current = Some(list);
        } else {
            upcoming.push(list);
        }
    }
    Ok(Subprocessors { current, upcoming })
}

fn field(value: &str, name: &'static str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() || v.chars().count() > MAX_FIELD_CHARS || v.chars().any(char::is_control) {
        return Err(Error::invalid(name, "subprocessor-field-invalid"));
    }
    Ok(v.to_string())
}

/// The operator publishes a new version (platform admins only) and announces it to every
/// organisation's main admins. Returns the version.
pub async fn publish(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    input: &NewSubprocessorList,
    at: i64,
) -> Result<SubprocessorList> {
    actor.require_platform(PlatformPermission::ManageOrganisations)?;
    if input.entries.is_empty() || input.entries.len() > MAX_ENTRIES {
        return Err(Error::invalid("entries", "subprocessors-count-invalid"));
    }
    let mut checked = vec![];
    for e in &input.entries {
        checked.push(Subprocessor {
            name: field(&e.name, "name")?,
            purpose: field(&e.purpose, "purpose")?,
            location: field(&e.location, "location")?,
        });
    }
    let bad_date = || Error::invalid("effective_on", "subprocessors-date-invalid");
    let date =
        time::Date::parse(input.effective_on.trim(), format_description!("[year]-[month]-[day]"))
            .map_err(|_| bad_date())?;
    let effective_at =
        crate::desk::hours::from_helsinki(time::PrimitiveDateTime::new(date, time::Time::MIDNIGHT));
    let today = crate::desk::hours::to_helsinki(at).date();
    let latest: Option<(i64, i64)> = sqlx::query_as(
        "SELECT version, effective_at FROM subprocessor_lists ORDER BY version DESC LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?;
    let earliest = match latest {
        None => today,
        Some(_) => today + time::Duration::days(NOTICE_DAYS),
    };
    if date < earliest || latest.is_some_and(|(_, e)| effective_at <= e) {
        return Err(Error::invalid("effective_on", "subprocessors-notice-too-short"));
    }
    let version = latest.map_or(1, |(v, _)| v + 1);
    let day = date.to_string();
    let texts = Lang::ALL.map(|lang| {
        let lines: Vec<String> = checked
            .iter()
            .map(|e| format!("- {} — {} ({})", e.name, e.purpose, e.location))
            .collect();
        Some(Text {
            title: lang.t_args("announcement-subprocessors-title", &[("date", &day)]),
            body: format!(
                "{}\n\n{}",
                lang.t_args("announcement-subprocessors-body", &[("date", &day)]),
                lines.join("\n")
            ),
        })
    });
    let by = By::user(&actor.user, ip);
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO subprocessor_lists (version, effective_at, published_by, published_at) VALUES ($1, $2, $3, $4)")
        .bind(version)
        .bind(effective_at)
        .bind(&actor.user.email)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    for (i, e) in checked.iter().enumerate() {
        sqlx::query("INSERT INTO subprocessors (version, position, name, purpose, location) VALUES ($1, $2, $3, $4, $5)")
            .bind(version)
            .bind(i as i64)
            .bind(&e.name)
            .bind(&e.purpose)
            .bind(&e.location)
            .execute(&mut *tx)
            .await?;
    }
    let announcement =
        announcements::insert(&mut tx, settings, &by, Kind::Subprocessors, texts, &[], &[]).await?;
    sqlx::query("UPDATE subprocessor_lists SET announcement_id = $1 WHERE version = $2")
        .bind(&announcement)
        .bind(version)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(SubprocessorList { version, effective_on: day, effective_at, entries: checked })
}
