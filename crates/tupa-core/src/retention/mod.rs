//! Retention rules per organisation and data type (issue 9): how many days a kind of record
//! is kept after its clock starts, and what is due for deletion as of a moment.
//!
//! The rules are applied by [`crate::maintenance`] (hourly in `tupa serve`, and
//! `tupa maintenance run [--at]`); [`preview`] counts what a run at a moment would delete with
//! the same queries ([`apply`]), so the two agree. Deletions are logged as counts, never
//! content.
//!
//! Defaults and clocks (days; each settable per organisation within [`DataType::bounds`]):
//! - tickets: 2190 (6 years) after the ticket was closed — a common period for customer
//!   service records in public-sector archive formation plans; the organisation's own plan
//!   decides.
//! - raw mail: 90 after receipt — the ticket keeps the parsed message; the raw copy is only
//!   for tracing delivery problems.
//! - spaces: after archiving; unset, the lifecycle's 12 calendar months
//!   ([`crate::guidance::lifecycle::ARCHIVED_MONTHS`], shown as 365).
//! - applications: after the recruitment closed; kept in the recruitment settings
//!   (`retention_days`, default 730), read and written here too.
//! - audit: 1825 (5 years) after the entry — long enough to answer who read a person's data.
//! - outbox: 90 after the mail was written (mail still waiting to be sent is never deleted).

pub mod apply;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::db::{Db, now};
use crate::error::{Error, Result};
use crate::organisations::Organisation;
use crate::recruitment::settings as recruitment_settings;

pub const DAY: i64 = 24 * 3600;

/// The kinds of record a retention rule applies to.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum DataType {
    Tickets,
    RawMail,
    Spaces,
    Applications,
    Audit,
    Outbox,
}

impl DataType {
    pub const ALL: [DataType; 6] = [
        DataType::Tickets,
        DataType::RawMail,
        DataType::Spaces,
        DataType::Applications,
        DataType::Audit,
        DataType::Outbox,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DataType::Tickets => "tickets",
            DataType::RawMail => "raw-mail",
            DataType::Spaces => "spaces",
            DataType::Applications => "applications",
            DataType::Audit => "audit",
            DataType::Outbox => "outbox",
        }
    }

    pub fn parse(s: &str) -> Option<DataType> {
        DataType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn default_days(self) -> i64 {
        match self {
            DataType::Tickets => 2190,
            DataType::RawMail => 90,
            DataType::Spaces => 365,
            DataType::Applications => recruitment_settings::DEFAULT_RETENTION_DAYS,
            DataType::Audit => 1825,
            DataType::Outbox => 90,
        }
    }

    /// The days an organisation may choose, inclusive. The audit log is kept at least a year
    /// (who read whose data must be answerable); nothing longer than ten years.
    pub fn bounds(self) -> (i64, i64) {
        match self {
            DataType::RawMail | DataType::Outbox => (7, 3650),
            DataType::Audit => (365, 3650),
            DataType::Tickets | DataType::Spaces | DataType::Applications => (30, 3650),
        }
    }
}

/// One organisation's rule for one data type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Rule {
    pub data_type: DataType,
    /// Days kept after the data type's clock starts.
    pub days: i64,
    pub default_days: i64,
    /// True when the organisation has not chosen (the default applies).
    pub is_default: bool,
    pub min_days: i64,
    pub max_days: i64,
}

/// The days chosen by an organisation, for the types kept in `retention_rules`.
async fn chosen(db: &Db, org_id: &str) -> Result<BTreeMap<DataType, i64>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT data_type, days FROM retention_rules WHERE org_id = $1")
            .bind(org_id)
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().filter_map(|(t, d)| DataType::parse(&t).map(|t| (t, d))).collect())
}

/// Every rule of an organisation, in [`DataType::ALL`] order.
pub async fn rules(db: &Db, org_id: &str) -> Result<Vec<Rule>> {
    let mut chosen = chosen(db, org_id).await?;
    let applications = recruitment_settings::get(db, org_id).await?.retention_days;
    if applications != recruitment_settings::DEFAULT_RETENTION_DAYS {
        chosen.insert(DataType::Applications, applications);
    }
    Ok(DataType::ALL
        .into_iter()
        .map(|t| {
            let (min_days, max_days) = t.bounds();
            Rule {
                data_type: t,
                days: chosen.get(&t).copied().unwrap_or(t.default_days()),
                default_days: t.default_days(),
                is_default: !chosen.contains_key(&t),
                min_days,
                max_days,
            }
        })
        .collect())
}

/// A change: the days for a data type, or None to go back to the default.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct Change {
    pub data_type: DataType,
    pub days: Option<i64>,
}

/// Saves changes to an organisation's rules (main admins and the operator), all or none.
pub async fn update(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    changes: &[Change],
) -> Result<Vec<Rule>> {
    actor.check(Permission::ManageSettings, org)?;
    for c in changes {
        let (min, max) = c.data_type.bounds();
        if c.days.is_some_and(|d| !(min..=max).contains(&d)) {
            return Err(Error::invalid("days", "retention-days-invalid"));
        }
    }
    // Applications keep their rule in the recruitment settings (saved with their own audit
    // entry): changed first, so a refusal there stores nothing else.
    if let Some(c) = changes.iter().rev().find(|c| c.data_type == DataType::Applications) {
        let mut s = recruitment_settings::get(db, &org.id).await?;
        s.retention_days = c.days.unwrap_or(recruitment_settings::DEFAULT_RETENTION_DAYS);
        recruitment_settings::update(db, actor, ip, org, &s).await?;
    }
    let mut tx = db.begin().await?;
    let t = now();
    for c in changes.iter().filter(|c| c.data_type != DataType::Applications) {
        sqlx::query("DELETE FROM retention_rules WHERE org_id = $1 AND data_type = $2")
            .bind(&org.id)
            .bind(c.data_type.as_str())
            .execute(&mut *tx)
            .await?;
        if let Some(days) = c.days {
            sqlx::query(
                "INSERT INTO retention_rules (org_id, data_type, days, updated_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(&org.id)
            .bind(c.data_type.as_str())
            .bind(days)
            .bind(t)
            .execute(&mut *tx)
            .await?;
        }
    }
    let details: serde_json::Map<String, serde_json::Value> =
        changes.iter().map(|c| (c.data_type.as_str().to_string(), c.days.into())).collect();
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::RetentionChanged,
        None,
        serde_json::Value::Object(details),
    )
    .await?;
    tx.commit().await?;
    rules(db, &org.id).await
}

/// What a maintenance run at `at` would delete in the organisation, per data type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Preview {
    pub data_type: DataType,
    pub count: u64,
}

/// Counts, per data type, what a maintenance run at `at` would delete in the organisation.
pub async fn preview(db: &Db, org_id: &str, at: i64) -> Result<Vec<Preview>> {
    let mut out = Vec::with_capacity(DataType::ALL.len());
    for t in DataType::ALL {
        out.push(Preview { data_type: t, count: apply::count_due(db, t, org_id, at).await? });
    }
    Ok(out)
}
