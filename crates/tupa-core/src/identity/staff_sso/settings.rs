//! The organisation's provider as its main admin configures it: a name for the button,
//! issuer, client id and secret, and the rules. The secret is stored encrypted (`secrets`)
//! and never leaves the server again: pages and the API only say whether one is set. Main
//! admins (and platform admins with the organisation's grant of people's rights) change it;
//! it decides who gets into the organisation, like granting roles does.

use serde::{Deserialize, Serialize};

use super::rules::Rules;
use crate::audit::{self, By};
use crate::authz::{Actor, Permission};
use crate::config::Settings;
use crate::db::{Db, now};
use crate::delegations::Right;
use crate::error::{Checks, Error, Result};
use crate::organisations::{self, Organisation};

/// The configuration as entered. An empty or absent secret keeps the stored one.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SsoInput {
    /// Staff see the button only when this is on.
    #[serde(default)]
    pub enabled: bool,
    /// The provider's name on the button ("Sign in with …"), for example "Espoo Entra ID".
    pub label: String,
    /// The issuer, for example `https://login.microsoftonline.com/{tenant}/v2.0`.
    pub issuer: String,
    pub client_id: String,
    /// Required the first time; empty or absent keeps the stored one.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// Addresses must be in one of these domains (exactly). Empty: not checked.
    #[serde(default)]
    pub email_domains: Vec<String>,
    /// The claim listing the person's groups, for example `groups`.
    #[serde(default)]
    pub group_claim: Option<String>,
    /// The person must be in one of these groups. Empty: not checked.
    #[serde(default)]
    pub allowed_groups: Vec<String>,
}

/// What may be shown of the configuration: never the secret, only whether there is one.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SsoView {
    /// A configuration is saved.
    pub configured: bool,
    pub enabled: bool,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub secret_set: bool,
    pub email_domains: Vec<String>,
    pub group_claim: Option<String>,
    pub allowed_groups: Vec<String>,
    /// The redirect URI to register at the provider.
    pub redirect_uri: String,
    /// The address that starts a staff sign-in (the button on `/sign-in?org=…`).
    pub sign_in_url: String,
}

/// A stored configuration, the secret still encrypted.
#[derive(Clone, Debug)]
pub struct StaffSso {
    pub org_id: String,
    pub enabled: bool,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret_enc: String,
    pub rules: Rules,
    pub updated_at: i64,
}

impl StaffSso {
    /// The client secret in the clear, for the token endpoint.
    pub fn client_secret(&self, settings: &Settings) -> anyhow::Result<String> {
        crate::secrets::decrypt(settings, &self.client_secret_enc)
    }
}

/// The columns of `staff_sso`; `enabled` through `Flag` (an INTEGER on SQLite).
type Row =
    (String, crate::db::Flag, String, String, String, String, String, Option<String>, String, i64);

fn from_row(r: Row) -> StaffSso {
    let (org_id, enabled, label, issuer, client_id, secret, domains, claim, groups, updated_at) = r;
    StaffSso {
        org_id,
        enabled: enabled.0,
        label,
        issuer,
        client_id,
        client_secret_enc: secret,
        rules: Rules {
            email_domains: domains.split_whitespace().map(str::to_string).collect(),
            group_claim: claim,
            allowed_groups: groups.lines().map(str::to_string).filter(|g| !g.is_empty()).collect(),
        },
        updated_at,
    }
}

/// The stored configuration of an organisation.
pub async fn load(db: &Db, org_id: &str) -> Result<Option<StaffSso>> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT org_id, enabled, label, issuer, client_id, client_secret, email_domains, group_claim, allowed_groups, updated_at FROM staff_sso WHERE org_id = $1",
    )
    .bind(org_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(from_row))
}

/// The organisation of `slug` and its provider, when staff can sign in through it now
/// (configured, switched on, the organisation not retired).
pub async fn for_sign_in(db: &Db, slug: &str) -> Result<Option<(Organisation, StaffSso)>> {
    let Some(org) = organisations::by_slug(db, slug).await? else { return Ok(None) };
    if org.retired_at.is_some() {
        return Ok(None);
    }
    Ok(load(db, &org.id).await?.filter(|s| s.enabled).map(|s| (org, s)))
}

/// The organisation `slug` for someone who may configure its provider.
pub async fn admin_org(db: &Db, actor: &Actor, slug: &str) -> Result<Organisation> {
    let org = actor.organisation(db, slug, Permission::ManageUsers).await?;
    actor.check_delegated(db, &org, Right::Users).await?;
    Ok(org)
}

fn view_of(settings: &Settings, org: &Organisation, sso: Option<StaffSso>) -> SsoView {
    let redirect_uri = super::redirect_uri(&settings.public_url, &org.slug);
    let sign_in_url =
        format!("{}/sign-in?org={}", settings.public_url.trim_end_matches('/'), org.slug);
    match sso {
        Some(s) => SsoView {
            configured: true,
            enabled: s.enabled,
            label: s.label,
            issuer: s.issuer,
            client_id: s.client_id,
            secret_set: true,
            email_domains: s.rules.email_domains,
            group_claim: s.rules.group_claim,
            allowed_groups: s.rules.allowed_groups,
            redirect_uri,
            sign_in_url,
        },
        None => SsoView {
            configured: false,
            enabled: false,
            label: String::new(),
            issuer: String::new(),
            client_id: String::new(),
            secret_set: false,
            email_domains: Vec::new(),
            group_claim: None,
            allowed_groups: Vec::new(),
            redirect_uri,
            sign_in_url,
        },
    }
}

/// The configuration as the main admin sees it.
pub async fn view(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    slug: &str,
) -> Result<(Organisation, SsoView)> {
    // Reading is like reading the people list: the operator sees it without a grant and
    // changes it only under one (issue 13), as `save` and `clear` check through `admin_org`.
    let org = actor.organisation(db, slug, Permission::ManageUsers).await?;
    let sso = load(db, &org.id).await?;
    let view = view_of(settings, &org, sso);
    Ok((org, view))
}

fn plain(s: &str, max: usize) -> Option<String> {
    let s = s.trim();
    (!s.is_empty() && s.chars().count() <= max && !s.chars().any(char::is_control))
        .then(|| s.to_string())
}

/// A domain as people write it ("@espoo.fi", "Espoo.FI"), or None when it is not one.
fn parse_domain(s: &str) -> Option<String> {
    let d = s.trim().trim_start_matches('@').to_ascii_lowercase();
    let ok = d.len() <= 253
        && d.contains('.')
        && d.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    ok.then_some(d)
}

/// The checked input: every problem of the form at once.
struct Checked {
    label: String,
    issuer: String,
    client_id: String,
    secret: Option<String>,
    rules: Rules,
}

fn check(settings: &Settings, input: &SsoInput) -> Result<Checked> {
    let mut checks = Checks::new();
    let label = plain(&input.label, 100);
    if label.is_none() {
        checks.push(
            "label",
            if input.label.trim().is_empty() { "required" } else { "sso-label-invalid" },
        );
    }
    let issuer = crate::http::service_url(&input.issuer, settings.environment);
    if issuer.is_none() {
        checks.push(
            "issuer",
            if input.issuer.trim().is_empty() { "required" } else { "sso-issuer-invalid" },
        );
    }
    let client_id = plain(&input.client_id, 255);
    if client_id.is_none() {
        checks.push(
            "client_id",
            if input.client_id.trim().is_empty() { "required" } else { "sso-client-id-invalid" },
        );
    }
    let secret = input.client_secret.as_deref().filter(|s| !s.is_empty());
    if secret.is_some_and(|s| s.len() > 4000 || s.chars().any(char::is_control)) {
        checks.push("client_secret", "sso-secret-invalid");
    }
    let mut email_domains = Vec::new();
    for d in input.email_domains.iter().flat_map(|d| d.split([' ', ',', '\n', '\r', '\t'])) {
        if d.trim().is_empty() {
            continue;
        }
        match parse_domain(d) {
            Some(d) if !email_domains.contains(&d) => email_domains.push(d),
            Some(_) => {}
            None => checks.push("email_domains", "sso-domain-invalid"),
        }
    }
    let group_claim = input.group_claim.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let group_claim = match group_claim {
        Some(c) => {
            let ok = plain(c, 100).filter(|c| !c.contains(char::is_whitespace));
            if ok.is_none() {
                checks.push("group_claim", "sso-group-claim-invalid");
            }
            ok
        }
        None => None,
    };
    let mut allowed_groups = Vec::new();
    for g in input.allowed_groups.iter().flat_map(|g| g.lines()) {
        match g.trim() {
            "" => {}
            g if g.chars().count() > 255 || g.chars().any(char::is_control) => {
                checks.push("allowed_groups", "sso-group-invalid")
            }
            g if !allowed_groups.iter().any(|a| a == g) => allowed_groups.push(g.to_string()),
            _ => {}
        }
    }
    if !allowed_groups.is_empty() && group_claim.is_none() {
        checks.push("group_claim", "sso-group-claim-required");
    }
    let rules = Rules { email_domains, group_claim, allowed_groups };
    if !rules.restricts() {
        checks.push("email_domains", "sso-rules-required");
    }
    match (label, issuer, client_id) {
        (Some(label), Some(issuer), Some(client_id)) if checks.is_empty() => {
            Ok(Checked { label, issuer, client_id, secret: secret.map(str::to_string), rules })
        }
        _ => Err(checks.error()),
    }
}

/// Saves the organisation's provider. Audited (never the secret).
pub async fn save(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    input: &SsoInput,
) -> Result<SsoView> {
    let mut checked = check(settings, input);
    let stored = load(db, &org.id).await?;
    if stored.is_none() && input.client_secret.as_deref().unwrap_or_default().is_empty() {
        // Reported together with the form's other problems.
        let mut checks = Checks::new();
        if let Err(e) = checked {
            checks.note(e);
        }
        checks.push("client_secret", "sso-secret-required");
        checked = Err(checks.error());
    }
    let c = checked?;
    let secret_enc = match &c.secret {
        Some(s) => crate::secrets::encrypt(settings, s)?,
        None => stored.as_ref().map(|s| s.client_secret_enc.clone()).ok_or(Error::NotFound)?,
    };
    let mut tx = db.begin().await?;
    let t = now();
    sqlx::query(
        "INSERT INTO staff_sso (org_id, enabled, label, issuer, client_id, client_secret, email_domains, group_claim, allowed_groups, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (org_id) DO UPDATE SET enabled = $2, label = $3, issuer = $4, client_id = $5, client_secret = $6, email_domains = $7, group_claim = $8, allowed_groups = $9, updated_at = $10",
    )
    .bind(&org.id)
    .bind(input.enabled)
    .bind(&c.label)
    .bind(&c.issuer)
    .bind(&c.client_id)
    .bind(&secret_enc)
    .bind(c.rules.email_domains.join(" "))
    .bind(&c.rules.group_claim)
    .bind(c.rules.allowed_groups.join("\n"))
    .bind(t)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::SsoSettingsSaved,
        None,
        serde_json::json!({
            "enabled": input.enabled,
            "issuer": c.issuer,
            "client_id": c.client_id,
            "secret_changed": c.secret.is_some(),
            "email_domains": c.rules.email_domains,
            "group_claim": c.rules.group_claim,
            "allowed_groups": c.rules.allowed_groups,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(view_of(settings, org, load(db, &org.id).await?))
}

/// Removes the provider: staff sign in with password + TOTP only.
pub async fn clear(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
) -> Result<SsoView> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM staff_sso WHERE org_id = $1").bind(&org.id).execute(&mut *tx).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &By::user(&actor.user, ip),
        audit::Action::SsoSettingsCleared,
        None,
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(view_of(settings, org, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_normalised_and_checked() {
        assert_eq!(parse_domain(" @Espoo.FI ").as_deref(), Some("espoo.fi"));
        assert_eq!(parse_domain("hel.fi").as_deref(), Some("hel.fi"));
        for bad in ["", "fi", "espoo..fi", "-x.fi", "x y.fi", "x@y.fi", "*.espoo.fi"] {
            assert!(parse_domain(bad).is_none(), "{bad}");
        }
    }
}
