//! Accessibility statements (Finnish law 306/2019 section 15, EU directive 2016/2102 art. 7):
//! one for the installation, kept by the operator, and one per organisation, kept by its main
//! admins. What the law asks a statement to say is stored here; the supervising authority's
//! details are fixed text in each language (the same authority supervises every Finnish
//! public service), and the feedback channel is the form of [`feedback`] plus an optional
//! address.

pub mod feedback;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::audit::{self, By};
use crate::authz::{Actor, Permission, PlatformPermission};
use crate::db::{Db, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::identity::Email;
use crate::organisations::Organisation;

/// Known gaps, in one language.
pub const MAX_GAPS_CHARS: usize = 5000;

/// How far the service meets the requirements (WCAG 2.1 AA), in the law's three words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    Fully,
    Partially,
    Not,
}

impl Compliance {
    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::Fully => "fully",
            Compliance::Partially => "partially",
            Compliance::Not => "not",
        }
    }
    pub fn parse(s: &str) -> Option<Compliance> {
        match s {
            "fully" => Some(Compliance::Fully),
            "partially" => Some(Compliance::Partially),
            "not" => Some(Compliance::Not),
            _ => None,
        }
    }
    /// The Fluent key of the statement's sentence about it.
    pub fn key(self) -> &'static str {
        match self {
            Compliance::Fully => "a11y-compliance-fully",
            Compliance::Partially => "a11y-compliance-partially",
            Compliance::Not => "a11y-compliance-not",
        }
    }
}

/// Whose statement.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    Installation,
    Organisation(&'a Organisation),
}

impl Scope<'_> {
    fn key(&self) -> &str {
        match self {
            Scope::Installation => "installation",
            Scope::Organisation(o) => &o.id,
        }
    }
    fn org_id(&self) -> Option<&str> {
        match self {
            Scope::Installation => None,
            Scope::Organisation(o) => Some(&o.id),
        }
    }
}

#[derive(FromRow)]
struct Row {
    compliance: String,
    gaps_fi: String,
    gaps_sv: String,
    gaps_en: String,
    prepared_on: String,
    reviewed_on: String,
    feedback_email: Option<String>,
    updated_at: i64,
}

/// A prepared statement.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Statement {
    pub compliance: Compliance,
    /// Known gaps (content that is not accessible and why), per language.
    pub gaps_fi: String,
    pub gaps_sv: String,
    pub gaps_en: String,
    /// When the statement was prepared, YYYY-MM-DD.
    pub prepared_on: String,
    /// When it was last reviewed, YYYY-MM-DD.
    pub reviewed_on: String,
    /// An address for accessibility feedback besides the form on the statement page.
    pub feedback_email: Option<String>,
    pub updated_at: i64,
}

impl Statement {
    /// The known gaps in `lang`, falling back to Finnish, then English, then Swedish.
    pub fn gaps_in(&self, lang: Lang) -> &str {
        let own = match lang {
            Lang::Fi => &self.gaps_fi,
            Lang::Sv => &self.gaps_sv,
            Lang::En => &self.gaps_en,
        };
        [own, &self.gaps_fi, &self.gaps_en, &self.gaps_sv]
            .into_iter()
            .find(|g| !g.trim().is_empty())
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// What an editor sends.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct StatementInput {
    pub compliance: Compliance,
    #[serde(default)]
    pub gaps_fi: String,
    #[serde(default)]
    pub gaps_sv: String,
    #[serde(default)]
    pub gaps_en: String,
    /// YYYY-MM-DD.
    pub prepared_on: String,
    /// YYYY-MM-DD, not before `prepared_on`.
    pub reviewed_on: String,
    #[serde(default)]
    pub feedback_email: Option<String>,
}

/// The supervising authority, as the statement names it in the reader's language.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Authority {
    pub name: String,
    pub url: String,
    pub address: String,
}

/// Traficom (Liikenne- ja viestintävirasto), the authority that supervises the law; its
/// saavutettavuusvaatimukset.fi pages take complaints.
pub fn authority(lang: Lang) -> Authority {
    Authority {
        name: lang.t("a11y-authority-name"),
        url: "https://www.saavutettavuusvaatimukset.fi/".into(),
        address: lang.t("a11y-authority-address"),
    }
}

fn date(input: &str, field: &'static str) -> Result<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(input.trim(), format).map_err(|_| Error::invalid(field, "a11y-date-invalid"))
}

fn gaps(input: &str, field: &'static str) -> Result<String> {
    let s = input.trim();
    if s.chars().count() > MAX_GAPS_CHARS {
        return Err(Error::invalid(field, "a11y-gaps-too-long"));
    }
    Ok(s.to_string())
}

pub async fn get(db: &Db, scope: Scope<'_>) -> Result<Option<Statement>> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT compliance, gaps_fi, gaps_sv, gaps_en, prepared_on, reviewed_on, feedback_email, updated_at FROM accessibility_statements WHERE scope = $1",
    )
    .bind(scope.key())
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| Statement {
        compliance: Compliance::parse(&r.compliance).unwrap_or(Compliance::Partially),
        gaps_fi: r.gaps_fi,
        gaps_sv: r.gaps_sv,
        gaps_en: r.gaps_en,
        prepared_on: r.prepared_on,
        reviewed_on: r.reviewed_on,
        feedback_email: r.feedback_email,
        updated_at: r.updated_at,
    }))
}

/// Whether `actor` may edit the statement: the operator's platform admins the installation's,
/// an organisation's main admins (and the operator supporting them) its own.
pub fn check_edit(actor: &Actor, scope: Scope<'_>) -> Result<()> {
    match scope {
        Scope::Installation if actor.can_platform(PlatformPermission::ManageOrganisations) => {
            Ok(())
        }
        Scope::Installation => Err(Error::Forbidden),
        Scope::Organisation(org) => actor.check(Permission::ManageSettings, org),
    }
}

/// Prepares or revises the statement.
pub async fn save(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    scope: Scope<'_>,
    input: &StatementInput,
) -> Result<Statement> {
    check_edit(actor, scope)?;
    let prepared = date(&input.prepared_on, "prepared_on")?;
    let reviewed = date(&input.reviewed_on, "reviewed_on")?;
    if reviewed < prepared {
        return Err(Error::invalid("reviewed_on", "a11y-reviewed-before-prepared"));
    }
    let feedback_email = match input.feedback_email.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(e) => Some(
            Email::parse(e)
                .map_err(|_| Error::invalid("feedback_email", "email-invalid"))?
                .as_str()
                .to_string(),
        ),
    };
    let (fi, sv, en) = (
        gaps(&input.gaps_fi, "gaps_fi")?,
        gaps(&input.gaps_sv, "gaps_sv")?,
        gaps(&input.gaps_en, "gaps_en")?,
    );
    let t = now();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO accessibility_statements (scope, compliance, gaps_fi, gaps_sv, gaps_en, prepared_on, reviewed_on, feedback_email, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (scope) DO UPDATE SET compliance = excluded.compliance, gaps_fi = excluded.gaps_fi, gaps_sv = excluded.gaps_sv, gaps_en = excluded.gaps_en, prepared_on = excluded.prepared_on, reviewed_on = excluded.reviewed_on, feedback_email = excluded.feedback_email, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(scope.key())
    .bind(input.compliance.as_str())
    .bind(&fi)
    .bind(&sv)
    .bind(&en)
    .bind(prepared.to_string())
    .bind(reviewed.to_string())
    .bind(&feedback_email)
    .bind(&actor.user.id)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        scope.org_id(),
        &By::user(&actor.user, ip),
        audit::Action::AccessibilityStatementSaved,
        None,
        serde_json::json!({"scope": scope.key(), "compliance": input.compliance.as_str(), "reviewed_on": reviewed.to_string()}),
    )
    .await?;
    tx.commit().await?;
    get(db, scope).await?.ok_or(Error::NotFound)
}
