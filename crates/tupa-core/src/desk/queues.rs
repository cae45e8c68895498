//! Queues and the desk addresses mail arrives at. Each organisation gets a default queue the
//! first time its desk is used, so a new organisation's contact form works at once.

use serde::Serialize;
use sqlx::FromRow;

use super::hours::SupportHours;
use crate::db::{Db, Tx, new_id, now};
use crate::error::{Error, Result};
use crate::identity::Email;

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct Queue {
    #[serde(skip)]
    pub org_id: String,
    pub id: String,
    pub name: String,
    /// JSON of the support hours.
    #[serde(skip)]
    pub support_hours: String,
    pub first_response_secs: Option<i64>,
    pub resolution_secs: Option<i64>,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

impl Queue {
    pub fn hours(&self) -> SupportHours {
        serde_json::from_str(&self.support_hours).unwrap_or_else(|_| default_hours())
    }
}

/// Weekdays 9–15, Finnish public holidays closed: the operator's hours in the seed.
pub fn default_hours() -> SupportHours {
    SupportHours::weekdays(time::macros::time!(9:00), time::macros::time!(15:00))
}

const COLUMNS: &str =
    "org_id, id, name, support_hours, first_response_secs, resolution_secs, created_at, retired_at";

pub async fn list(db: &Db, org_id: &str) -> Result<Vec<Queue>> {
    let sql = format!("SELECT {COLUMNS} FROM desk_queues WHERE org_id = $1 ORDER BY created_at");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_all(db.pool()).await?)
}

pub async fn get_tx(tx: &mut Tx, org_id: &str, queue_id: &str) -> Result<Queue> {
    let sql = format!("SELECT {COLUMNS} FROM desk_queues WHERE org_id = $1 AND id = $2");
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(queue_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(Error::NotFound)
}

pub async fn create(
    tx: &mut Tx,
    org_id: &str,
    name: &str,
    hours: &SupportHours,
    first_response_secs: Option<i64>,
    resolution_secs: Option<i64>,
) -> Result<Queue> {
    let name = crate::organisations::parse_name(name, "name")?;
    hours.validate().map_err(|code| Error::invalid("support_hours", code))?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO desk_queues (org_id, id, name, support_hours, first_response_secs, resolution_secs, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(&name)
    .bind(serde_json::to_string(hours).map_err(anyhow::Error::from)?)
    .bind(first_response_secs)
    .bind(resolution_secs)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    get_tx(tx, org_id, &id).await
}

/// The organisation's first live queue, created (weekdays 9–15, answer within 2 working days,
/// resolve within 10) when there is none.
pub async fn default_queue(tx: &mut Tx, org_id: &str) -> Result<Queue> {
    let sql = format!(
        "SELECT {COLUMNS} FROM desk_queues WHERE org_id = $1 AND retired_at IS NULL ORDER BY created_at LIMIT 1"
    );
    if let Some(q) =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_optional(&mut **tx).await?
    {
        return Ok(q);
    }
    let day = 6 * 3600;
    create(
        tx,
        org_id,
        "Yleinen / Allmän / General",
        &default_hours(),
        Some(2 * day),
        Some(10 * day),
    )
    .await
}

/// [`default_queue`] with the address its mail goes out from ([`from_address_tx`]), in one
/// statement: every new contact needs both.
pub async fn default_queue_with_address(
    tx: &mut Tx,
    org_id: &str,
) -> Result<(Queue, Option<String>)> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        queue: Queue,
        desk_address: Option<String>,
    }
    let sql = format!(
        "SELECT {COLUMNS}, (SELECT a.address FROM desk_addresses a
                             WHERE a.org_id = q.org_id AND a.queue_id = q.id
                             ORDER BY a.address LIMIT 1) AS desk_address
         FROM desk_queues q WHERE org_id = $1 AND retired_at IS NULL ORDER BY created_at LIMIT 1"
    );
    let found: Option<Row> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_optional(&mut **tx).await?;
    match found {
        Some(row) => Ok((row.queue, row.desk_address)),
        // The first contact of the organisation makes its queue, which has no address yet.
        None => Ok((default_queue(tx, org_id).await?, None)),
    }
}

#[derive(Clone, Debug, FromRow, Serialize, utoipa::ToSchema)]
pub struct DeskAddress {
    pub address: String,
    pub org_id: String,
    pub queue_id: String,
    pub created_at: i64,
}

/// Maps an address to an organisation's queue. An address belongs to one organisation.
pub async fn add_address(
    tx: &mut Tx,
    org_id: &str,
    address: &str,
    queue_id: Option<&str>,
) -> Result<DeskAddress> {
    let address = Email::parse(address).map_err(|e| e.at("address"))?;
    let queue = match queue_id {
        Some(q) => {
            get_tx(tx, org_id, q).await.map_err(|_| Error::invalid("queue_id", "queue-unknown"))?
        }
        None => default_queue(tx, org_id).await?,
    };
    sqlx::query("INSERT INTO desk_addresses (address, org_id, queue_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(address.as_str())
        .bind(org_id)
        .bind(&queue.id)
        .bind(now())
        .execute(&mut **tx)
        .await
        .map_err(|e| if crate::db::is_unique_violation(&e) { Error::conflict("address", "desk-address-taken") } else { e.into() })?;
    Ok(DeskAddress {
        address: address.as_str().to_string(),
        org_id: org_id.to_string(),
        queue_id: queue.id,
        created_at: now(),
    })
}

pub async fn find_address(db: &Db, address: &str) -> Result<Option<DeskAddress>> {
    let Ok(email) = Email::parse(address) else { return Ok(None) };
    Ok(sqlx::query_as(
        "SELECT address, org_id, queue_id, created_at FROM desk_addresses WHERE address = $1",
    )
    .bind(email.as_str())
    .fetch_optional(db.pool())
    .await?)
}

/// A desk address found among a mail's addresses, with what mail in needs to know of its
/// organisation: read in the same query, so that a new mail costs one read before its
/// transaction instead of three (the address, the organisation, its plan).
#[derive(Clone, Debug, FromRow)]
pub struct FoundAddress {
    #[sqlx(flatten)]
    pub desk: DeskAddress,
    pub org_retired_at: Option<i64>,
    /// The organisation's plan includes the desk (false without a plan).
    #[sqlx(try_from = "crate::db::Flag")]
    pub plan_desk: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    pub org_is_operator: bool,
}

impl FoundAddress {
    /// The organisation takes mail at its desk: not retired, and its plan has the desk.
    pub fn desk_open(&self) -> bool {
        self.org_retired_at.is_none() && self.plan_desk
    }
}

/// Those of `addresses` that are desk addresses, in one query (addresses that are not well
/// formed are skipped; the order is the table's).
pub async fn find_addresses(db: &Db, addresses: &[&str]) -> Result<Vec<FoundAddress>> {
    let mut emails: Vec<String> =
        addresses.iter().filter_map(|a| Email::parse(a).ok()).map(|e| e.as_str().into()).collect();
    emails.sort();
    emails.dedup();
    if emails.is_empty() {
        return Ok(vec![]);
    }
    // $1 is the plan's "no", the addresses follow.
    let placeholders: Vec<String> = (2..=emails.len() + 1).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT a.address, a.org_id, a.queue_id, a.created_at, o.retired_at AS org_retired_at,
                COALESCE(p.cap_desk, $1) AS plan_desk, o.is_operator AS org_is_operator
         FROM desk_addresses a
         JOIN organisations o ON o.id = a.org_id
         LEFT JOIN plans p ON p.id = o.plan_id
         WHERE a.address IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(false);
    for email in &emails {
        query = query.bind(email);
    }
    Ok(query.fetch_all(db.pool()).await?)
}

/// The desk address a queue's mail goes out from, read inside a running transaction (a second
/// pool connection there could wait forever when the pool is busy).
pub async fn from_address_tx(tx: &mut Tx, org_id: &str, queue_id: &str) -> Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT address FROM desk_addresses WHERE org_id = $1 AND queue_id = $2 ORDER BY address LIMIT 1")
        .bind(org_id)
        .bind(queue_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|r| r.0))
}

pub async fn addresses(db: &Db, org_id: &str) -> Result<Vec<DeskAddress>> {
    Ok(sqlx::query_as("SELECT address, org_id, queue_id, created_at FROM desk_addresses WHERE org_id = $1 ORDER BY address")
        .bind(org_id)
        .fetch_all(db.pool())
        .await?)
}
