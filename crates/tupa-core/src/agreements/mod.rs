//! Agreements and data-processing terms on record (issue 13, seed 004): for each organisation
//! the operator records the service agreement as signed — date, the signer's name, title and
//! authority to sign, the plan, the document itself — and the data-processing terms version
//! accepted. The organisation's main admins read it on their organisation page.
//!
//! "Production" is an attribute of the organisation ([`Environment`]): every organisation is
//! production unless the operator marks it training (`tupa demo` makes its organisation
//! training). A production customer organisation without an agreement on record is
//! *flagged* to the operator: in the organisation list, on the organisation's page and in
//! `GET /api/v1/agreements`.

pub mod subprocessors;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use time::macros::format_description;

use crate::audit::{self, By};
use crate::authz::{Actor, PlatformPermission};
use crate::db::{Db, Tx, new_id};
use crate::error::{Error, Result};
use crate::organisations::Organisation;
use crate::organisations::people::Role;

/// The longest signer name, title, authority and terms version, in characters.
pub const MAX_FIELD_CHARS: usize = 200;

/// Whether an organisation serves real people.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Environment {
    /// Real use: needs a signed agreement on record.
    #[default]
    Production,
    /// Practice and demonstration: no agreement needed.
    Training,
}

impl Environment {
    pub const ALL: [Environment; 2] = [Environment::Production, Environment::Training];
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::Training => "training",
        }
    }
    pub fn parse(s: &str) -> Option<Environment> {
        Environment::ALL.into_iter().find(|e| e.as_str() == s.trim())
    }
}

/// The agreement as recorded (the document is downloaded separately).
#[derive(Clone, Debug, Serialize, FromRow, utoipa::ToSchema)]
pub struct Agreement {
    pub id: String,
    /// The day it was signed, `YYYY-MM-DD`.
    pub signed_on: String,
    pub signer_name: String,
    pub signer_title: String,
    /// What gives the signer the authority to sign (e.g. a decision or a standing order).
    pub signer_authority: String,
    /// The plan agreed (slug), if any.
    pub plan: Option<String>,
    /// The data-processing terms version accepted.
    pub terms_version: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub recorded_by: String,
    pub recorded_at: i64,
}

/// What the operator records; the document comes alongside.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewAgreement {
    /// `YYYY-MM-DD`, not in the future.
    pub signed_on: String,
    pub signer_name: String,
    pub signer_title: String,
    pub signer_authority: String,
    /// A plan slug; absent: the organisation's current plan.
    #[serde(default)]
    pub plan: Option<String>,
    pub terms_version: String,
}

/// An organisation's agreement page: its environment, the agreement in force, whether it is
/// flagged, and the installation's sub-processor lists.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct OrgAgreement {
    pub org: String,
    pub environment: Environment,
    pub agreement: Option<Agreement>,
    /// A production customer organisation without an agreement on record.
    pub flagged: bool,
    pub subprocessors: subprocessors::Subprocessors,
}

/// One organisation in the operator's overview.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AgreementStatus {
    pub org: String,
    pub name: String,
    pub environment: Environment,
    pub has_agreement: bool,
    pub flagged: bool,
}

fn is_main_admin(actor: &Actor, org: &Organisation) -> bool {
    !actor.needs_second_factor_setup() && actor.roles_in(&org.id).contains(&Role::MainAdmin)
}

/// Main admins read their own; platform admins every organisation's. Others in the
/// organisation: 403; outsiders learn nothing: 404.
fn check_read(actor: &Actor, org: &Organisation) -> Result<()> {
    if is_main_admin(actor, org) || actor.can_platform(PlatformPermission::ManageOrganisations) {
        return Ok(());
    }
    if actor.is_member(&org.id) || actor.is_platform_admin() {
        Err(Error::Forbidden)
    } else {
        Err(Error::NotFound)
    }
}

/// Only the operator records agreements and sets the environment; the organisation's own
/// main admins get 403, outsiders 404.
fn check_write(actor: &Actor, org: &Organisation) -> Result<()> {
    check_read(actor, org)?;
    actor.require_platform(PlatformPermission::ManageOrganisations)
}

pub async fn environment_of(db: &Db, org_id: &str) -> Result<Environment> {
    let (e,): (String,) = sqlx::query_as("SELECT environment FROM organisations WHERE id = $1")
        .bind(org_id)
        .fetch_one(db.pool())
        .await?;
    Ok(Environment::parse(&e).unwrap_or_default())
}

/// Sets the environment (used by `tupa demo` directly, without an actor).
pub async fn set_environment_tx(tx: &mut Tx, org_id: &str, env: Environment) -> Result<()> {
    sqlx::query("UPDATE organisations SET environment = $1 WHERE id = $2")
        .bind(env.as_str())
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The operator marks an organisation production or training.
pub async fn set_environment(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    env: Environment,
) -> Result<()> {
    check_write(actor, org)?;
    let mut tx = db.begin().await?;
    set_environment_tx(&mut tx, &org.id, env).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::EnvironmentSet,
        None,
        serde_json::json!({"environment": env.as_str()}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

const COLUMNS: &str = "a.id, a.signed_on, a.signer_name, a.signer_title, a.signer_authority, p.slug AS plan, a.terms_version, a.filename, a.content_type, a.size, a.recorded_by, a.recorded_at";

async fn current(db: &Db, org_id: &str) -> Result<Option<Agreement>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM agreements a LEFT JOIN plans p ON p.id = a.plan_id WHERE a.org_id = $1 ORDER BY a.recorded_at DESC, a.id DESC LIMIT 1"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).fetch_optional(db.pool()).await?)
}

fn flagged(org: &Organisation, env: Environment, has_agreement: bool) -> bool {
    !org.is_operator && org.retired_at.is_none() && env == Environment::Production && !has_agreement
}

/// The organisation's agreement page.
pub async fn show(db: &Db, actor: &Actor, org: &Organisation, at: i64) -> Result<OrgAgreement> {
    check_read(actor, org)?;
    let environment = environment_of(db, &org.id).await?;
    let agreement = current(db, &org.id).await?;
    Ok(OrgAgreement {
        org: org.slug.clone(),
        environment,
        flagged: flagged(org, environment, agreement.is_some()),
        agreement,
        subprocessors: subprocessors::lists(db, at).await?,
    })
}

/// Every customer organisation with its agreement state, flagged ones first (platform
/// admins only).
pub async fn overview(db: &Db, actor: &Actor) -> Result<Vec<AgreementStatus>> {
    actor.require_platform(PlatformPermission::ManageOrganisations)?;
    let mut out = vec![];
    for org in crate::organisations::list_all(db).await? {
        if org.is_operator {
            continue;
        }
        let environment = environment_of(db, &org.id).await?;
        let has_agreement = current(db, &org.id).await?.is_some();
        out.push(AgreementStatus {
            flagged: flagged(&org, environment, has_agreement),
            org: org.slug,
            name: org.name,
            environment,
            has_agreement,
        });
    }
    out.sort_by_key(|s| !s.flagged);
    Ok(out)
}

/// The slugs of flagged organisations, for the operator's organisation list.
pub async fn flagged_slugs(db: &Db) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT o.slug FROM organisations o WHERE o.is_operator = $1 AND o.retired_at IS NULL AND o.environment = 'production'
            AND NOT EXISTS (SELECT 1 FROM agreements a WHERE a.org_id = o.id)",
    )
    .bind(false)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

fn field(value: &str, name: &'static str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() || v.chars().count() > MAX_FIELD_CHARS || v.chars().any(char::is_control) {
        return Err(Error::invalid(name, "agreement-field-invalid"));
    }
    Ok(v.to_string())
}

/// The operator records an agreement with its signed document (checked like desk
/// attachments: type by name and content, size).
pub async fn record(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &NewAgreement,
    document: Option<(String, Vec<u8>)>,
    at: i64,
) -> Result<Agreement> {
    check_write(actor, org)?;
    let date =
        time::Date::parse(input.signed_on.trim(), format_description!("[year]-[month]-[day]"))
            .map_err(|_| Error::invalid("signed_on", "agreement-date-invalid"))?;
    let today = crate::desk::hours::to_helsinki(at).date();
    if date > today || date.year() < 2000 {
        return Err(Error::invalid("signed_on", "agreement-date-invalid"));
    }
    let signer_name = field(&input.signer_name, "signer_name")?;
    let signer_title = field(&input.signer_title, "signer_title")?;
    let signer_authority = field(&input.signer_authority, "signer_authority")?;
    let terms_version = field(&input.terms_version, "terms_version")?;
    let plan_id = match input.plan.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(slug) => Some(
            crate::organisations::plans::by_slug(db, slug)
                .await?
                .ok_or(Error::invalid("plan", "agreement-plan-unknown"))?
                .id,
        ),
        None => org.plan_id.clone(),
    };
    let files: Vec<(String, Vec<u8>)> = document.into_iter().collect();
    let mut checked = crate::desk::uploads::check_all(files)?;
    let file = match (checked.pop(), checked.is_empty()) {
        (Some(f), true) => f,
        _ => return Err(Error::invalid("document", "agreement-document-required")),
    };
    let id = new_id();
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO agreements (org_id, id, signed_on, signer_name, signer_title, signer_authority, plan_id, terms_version, filename, content_type, size, content, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
        .bind(&org.id)
        .bind(&id)
        .bind(date.to_string())
        .bind(&signer_name)
        .bind(&signer_title)
        .bind(&signer_authority)
        .bind(&plan_id)
        .bind(&terms_version)
        .bind(&file.filename)
        .bind(&file.content_type)
        .bind(file.bytes.len() as i64)
        .bind(&file.bytes)
        .bind(&actor.user.email)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::AgreementRecorded,
        Some((audit::Target::Agreement, &id)),
        serde_json::json!({"signed_on": date.to_string(), "signer_name": signer_name, "terms_version": terms_version, "filename": file.filename}),
    )
    .await?;
    tx.commit().await?;
    current(db, &org.id).await?.ok_or(Error::NotFound)
}

/// The signed document of the agreement in force: (file name, content type, bytes).
pub async fn document(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
) -> Result<(String, String, Vec<u8>)> {
    check_read(actor, org)?;
    let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT filename, content_type, content FROM agreements WHERE org_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 1",
    )
    .bind(&org.id)
    .fetch_optional(db.pool())
    .await?;
    row.ok_or(Error::NotFound)
}
