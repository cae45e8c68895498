//! An organisation's recruitment settings, by its main admins: whether ads need a hiring
//! manager's approval, the pipeline stages applications move through, anonymised review,
//! how long applications are kept, the limits on applicants' files and the consent text.
//! An organisation that never saved them gets the defaults.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::db::{Db, now};
use crate::error::Result;
use crate::i18n::Lang;
use crate::organisations::Organisation;

/// Two years after the recruitment closes, as Finnish public employers commonly keep them.
pub const DEFAULT_RETENTION_DAYS: i64 = 730;

/// A pipeline stage. The built-in ones have translated names; an organisation's own ones
/// carry their names in each language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Stage {
    pub id: String,
    #[serde(default)]
    pub names: BTreeMap<Lang, String>,
}

impl Stage {
    /// The name in `lang`, else any given name, else the built-in translation of the id.
    pub fn name(&self, lang: Lang) -> String {
        self.names
            .get(&lang)
            .or_else(|| self.names.values().next())
            .cloned()
            .unwrap_or_else(|| lang.t(&format!("recruitment-stage-{}", self.id)))
    }
}

/// Received, screening, interview, final: what most Finnish public recruitments go through.
pub fn default_stages() -> Vec<Stage> {
    ["received", "screening", "interview", "final"]
        .into_iter()
        .map(|id| Stage { id: id.into(), names: BTreeMap::new() })
        .collect()
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RecruitmentSettings {
    pub approval_required: bool,
    pub stages: Vec<Stage>,
    /// Names, contact details and age stay hidden from reviewers until an application
    /// reaches this stage; `None` turns anonymised review off.
    pub anonymous_until_stage: Option<String>,
    pub retention_days: i64,
    pub max_files: i64,
    pub max_file_bytes: i64,
    /// The consent applicants give, per language; empty uses the standard text.
    #[serde(default)]
    pub consent_text: BTreeMap<Lang, String>,
}

impl Default for RecruitmentSettings {
    fn default() -> Self {
        Self {
            approval_required: false,
            stages: default_stages(),
            anonymous_until_stage: None,
            retention_days: DEFAULT_RETENTION_DAYS,
            max_files: 5,
            max_file_bytes: 10 * 1024 * 1024,
            consent_text: BTreeMap::new(),
        }
    }
}

impl RecruitmentSettings {
    /// The consent text in `lang`: the organisation's own, else the standard one.
    pub fn consent(&self, lang: Lang) -> String {
        self.consent_text
            .get(&lang)
            .filter(|t| !t.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| lang.t("recruitment-consent-default"))
    }
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }
    /// The position of a stage in the pipeline (unknown stages sort last).
    pub fn stage_index(&self, id: &str) -> usize {
        self.stages.iter().position(|s| s.id == id).unwrap_or(usize::MAX)
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    #[sqlx(try_from = "crate::db::Flag")]
    approval_required: bool,
    stages: String,
    anonymous_until_stage: Option<String>,
    retention_days: i64,
    max_files: i64,
    max_file_bytes: i64,
    consent_text: String,
}

pub async fn get(db: &Db, org_id: &str) -> Result<RecruitmentSettings> {
    let row: Option<Row> = sqlx::query_as("SELECT approval_required, stages, anonymous_until_stage, retention_days, max_files, max_file_bytes, consent_text FROM recruitment_settings WHERE org_id = $1")
        .bind(org_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(match row {
        None => RecruitmentSettings::default(),
        Some(r) => RecruitmentSettings {
            approval_required: r.approval_required,
            stages: serde_json::from_str(&r.stages).unwrap_or_else(|_| default_stages()),
            anonymous_until_stage: r.anonymous_until_stage,
            retention_days: r.retention_days,
            max_files: r.max_files,
            max_file_bytes: r.max_file_bytes,
            consent_text: serde_json::from_str(&r.consent_text).unwrap_or_default(),
        },
    })
}

fn check(s: &RecruitmentSettings) -> Result<()> {
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let mut ids: Vec<&str> = s.stages.iter().map(|st| st.id.as_str()).collect();
    let bad_id = |id: &&str| {
        id.is_empty()
            || id.len() > 40
            || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let bad_name = s
        .stages
        .iter()
        .any(|st| st.names.values().any(|n| n.trim().is_empty() || n.chars().count() > 60));
    ids.sort_unstable();
    ids.dedup();
    if s.stages.is_empty()
        || s.stages.len() > 12
        || ids.iter().any(bad_id)
        || ids.len() != s.stages.len()
        || bad_name
    {
        c.push("stages", "stages-invalid");
    }
    if let Some(a) = &s.anonymous_until_stage
        && s.stage(a).is_none()
    {
        c.push("anonymous_until_stage", "stage-unknown");
    }
    if !(30..=3650).contains(&s.retention_days) {
        c.push("retention_days", "retention-invalid");
    }
    if !(0..=20).contains(&s.max_files) {
        c.push("max_files", "file-limits-invalid");
    }
    if !(100 * 1024..=50 * 1024 * 1024).contains(&s.max_file_bytes) {
        c.push("max_file_bytes", "file-limits-invalid");
    }
    if s.consent_text.values().any(|t| t.chars().count() > 5000) {
        c.push("consent_text", "text-too-long");
    }
    c.finish()
}

/// Saves the settings (main admins and the operator).
pub async fn update(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &RecruitmentSettings,
) -> Result<RecruitmentSettings> {
    super::public_changes::touched(db);
    actor.check(Permission::ManageRecruitment, org)?;
    check(input)?;
    let stages = serde_json::to_string(&input.stages).map_err(anyhow::Error::from)?;
    let consent = serde_json::to_string(&input.consent_text).map_err(anyhow::Error::from)?;
    let mut tx = db.begin().await?;
    let t = now();
    // Insert-or-update in two statements: the same on both backends.
    let updated = sqlx::query(
        "UPDATE recruitment_settings SET approval_required = $1, stages = $2, anonymous_until_stage = $3, retention_days = $4, max_files = $5, max_file_bytes = $6, consent_text = $7, updated_at = $8 WHERE org_id = $9",
    )
    .bind(input.approval_required)
    .bind(&stages)
    .bind(&input.anonymous_until_stage)
    .bind(input.retention_days)
    .bind(input.max_files)
    .bind(input.max_file_bytes)
    .bind(&consent)
    .bind(t)
    .bind(&org.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        sqlx::query(
            "INSERT INTO recruitment_settings (org_id, approval_required, stages, anonymous_until_stage, retention_days, max_files, max_file_bytes, consent_text, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&org.id)
        .bind(input.approval_required)
        .bind(&stages)
        .bind(&input.anonymous_until_stage)
        .bind(input.retention_days)
        .bind(input.max_files)
        .bind(input.max_file_bytes)
        .bind(&consent)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    }
    audit::record(&mut tx, Some(&org.id), &By::user(&actor.user, ip), audit::Action::RecruitmentSettingsChanged, None, serde_json::json!({"approval_required": input.approval_required, "retention_days": input.retention_days})).await?;
    tx.commit().await?;
    get(db, &org.id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked() {
        assert!(check(&RecruitmentSettings::default()).is_ok());
        let mut s = RecruitmentSettings {
            anonymous_until_stage: Some("nope".into()),
            ..Default::default()
        };
        assert_eq!(check(&s).unwrap_err().code(), "stage-unknown");
        s.anonymous_until_stage = Some("interview".into());
        assert!(check(&s).is_ok());
        s.stages.push(Stage { id: "interview".into(), names: BTreeMap::new() });
        assert_eq!(check(&s).unwrap_err().code(), "stages-invalid", "duplicate id");
        let s = RecruitmentSettings { retention_days: 5, ..Default::default() };
        assert_eq!(check(&s).unwrap_err().code(), "retention-invalid");
        let s = RecruitmentSettings {
            stages: vec![Stage { id: "Bad Id".into(), names: BTreeMap::new() }],
            ..Default::default()
        };
        assert_eq!(check(&s).unwrap_err().code(), "stages-invalid");
    }

    #[test]
    fn stage_names_fall_back_to_translations() {
        let built_in = Stage { id: "interview".into(), names: BTreeMap::new() };
        assert_ne!(built_in.name(Lang::Fi), "recruitment-stage-interview");
        let own = Stage {
            id: "test".into(),
            names: [(Lang::Fi, "Soveltuvuusarviointi".to_string())].into(),
        };
        assert_eq!(own.name(Lang::Sv), "Soveltuvuusarviointi", "any given name before none");
    }
}
