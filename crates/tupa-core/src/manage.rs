//! Administration workflows shared by the web pages, the API and the CLI: each checks the
//! actor's permission, validates, changes, records the audit entry and queues mail in one
//! transaction.

use serde::Deserialize;

use crate::audit::{self, By};
use crate::authz::{Actor, Permission, PlatformPermission};
use crate::config::Settings;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::identity::links::{self, Purpose};
use crate::identity::{self, Email};
use crate::mail::outbox::{self, NewMail};
use crate::organisations::people::{self, Role};
use crate::organisations::units::{self, Unit};
use crate::organisations::{self, Organisation, plans};

fn by(actor: &Actor, ip: Option<&str>) -> By {
    By::user(&actor.user, ip)
}

pub async fn create_organisation(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    slug: &str,
    name: &str,
    plan_slug: Option<&str>,
) -> Result<Organisation> {
    actor.require_platform(PlatformPermission::ManageOrganisations)?;
    let mut c = crate::error::Checks::new();
    let slug = c.take(organisations::parse_slug(slug, "slug"));
    let name = c.take(organisations::parse_name(name, "name"));
    let (Some(slug), Some(name)) = (slug, name) else {
        return Err(c.error());
    };
    let plan = match plan_slug.filter(|s| !s.is_empty()) {
        Some(p) => {
            Some(plans::by_slug(db, p).await?.ok_or(Error::invalid("plan", "plan-unknown"))?)
        }
        None => None,
    };
    let mut tx = db.begin().await?;
    let org =
        organisations::create(&mut tx, &slug, &name, false, plan.as_ref().map(|p| p.id.as_str()))
            .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &by(actor, ip),
        audit::Action::OrganisationCreated,
        Some((audit::Target::Organisation, &org.id)),
        serde_json::json!({"slug": slug, "name": name, "plan": plan_slug}),
    )
    .await?;
    tx.commit().await?;
    Ok(org)
}

/// Name and plan: the operator's decisions.
pub async fn update_organisation(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    name: &str,
    plan_slug: Option<&str>,
) -> Result<()> {
    actor.require_platform(PlatformPermission::ManageOrganisations)?;
    let name = organisations::parse_name(name, "name")?;
    let plan = match plan_slug.filter(|s| !s.is_empty()) {
        Some(p) => {
            Some(plans::by_slug(db, p).await?.ok_or(Error::invalid("plan", "plan-unknown"))?)
        }
        None => None,
    };
    let mut tx = db.begin().await?;
    organisations::rename(&mut tx, &org.id, &name).await?;
    if let (Some(p), Some(plan)) = (plan_slug, plan)
        && org.plan_id.as_deref() != Some(plan.id.as_str())
    {
        organisations::set_plan(&mut tx, &org.id, &plan.id).await?;
        audit::record(
            &mut tx,
            Some(&org.id),
            &by(actor, ip),
            audit::Action::PlanAssigned,
            Some((audit::Target::Organisation, &org.id)),
            serde_json::json!({"plan": p}),
        )
        .await?;
    }
    if name != org.name {
        audit::record(
            &mut tx,
            Some(&org.id),
            &by(actor, ip),
            audit::Action::OrganisationRenamed,
            Some((audit::Target::Organisation, &org.id)),
            serde_json::json!({"from": org.name, "to": name}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Changes the business ID and the privacy settings; privacy fields absent from `privacy`
/// keep their value (see [`organisations::privacy::PrivacyInput`]).
pub async fn update_settings(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    privacy: &organisations::privacy::PrivacyInput,
    business_id: &str,
) -> Result<()> {
    actor.check_settings(db, org).await?;
    let mut c = crate::error::Checks::new();
    let settings = c.take(organisations::privacy::PrivacySettings::of(org).apply(privacy));
    let business_id = c.take(organisations::parse_business_id(business_id));
    let (Some(settings), Some(business_id)) = (settings, business_id) else {
        return Err(c.error());
    };
    let mut tx = db.begin().await?;
    organisations::update_settings(
        &mut tx,
        &org.id,
        settings.notice_fi.as_deref(),
        business_id.as_deref(),
    )
    .await?;
    organisations::update_privacy(&mut tx, &org.id, &settings).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &by(actor, ip),
        audit::Action::SettingsChanged,
        Some((audit::Target::Organisation, &org.id)),
        serde_json::json!({
            "privacy_notice_url": settings.notice_fi,
            "privacy_notice_url_sv": settings.notice_sv,
            "privacy_notice_url_en": settings.notice_en,
            "dpo_changed": settings.dpo_name != org.dpo_name || settings.dpo_email != org.dpo_email || settings.dpo_phone != org.dpo_phone || settings.dpo_address != org.dpo_address,
            "business_id": business_id,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What can be done to a unit.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum UnitChange {
    Rename {
        name: String,
    },
    /// Moves under `parent_id`, or to the top level when it is absent.
    Move {
        parent_id: Option<String>,
    },
    Retire,
    Restore,
}

pub async fn create_unit(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    name: &str,
    parent_id: Option<&str>,
) -> Result<Unit> {
    actor.check(Permission::ManageUnits, org)?;
    let mut tx = db.begin().await?;
    let unit = units::create(&mut tx, &org.id, name, parent_id.filter(|p| !p.is_empty())).await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &by(actor, ip),
        audit::Action::UnitCreated,
        Some((audit::Target::Unit, &unit.id)),
        serde_json::json!({"name": unit.name, "parent_id": unit.parent_id}),
    )
    .await?;
    tx.commit().await?;
    Ok(unit)
}

pub async fn change_unit(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    unit_id: &str,
    change: UnitChange,
) -> Result<Unit> {
    actor.check(Permission::ManageUnits, org)?;
    let mut tx = db.begin().await?;
    let (unit, action, details) = match change {
        UnitChange::Rename { name } => {
            let u = units::rename(&mut tx, &org.id, unit_id, &name).await?;
            (u, crate::audit::Action::UnitRenamed, serde_json::json!({"name": name.trim()}))
        }
        UnitChange::Move { parent_id } => {
            let parent = parent_id.filter(|p| !p.is_empty());
            let u = units::move_to(&mut tx, &org.id, unit_id, parent.as_deref()).await?;
            (u, crate::audit::Action::UnitMoved, serde_json::json!({"parent_id": parent}))
        }
        UnitChange::Retire => (
            units::retire(&mut tx, &org.id, unit_id).await?,
            crate::audit::Action::UnitRetired,
            serde_json::json!({}),
        ),
        UnitChange::Restore => (
            units::restore(&mut tx, &org.id, unit_id).await?,
            crate::audit::Action::UnitRestored,
            serde_json::json!({}),
        ),
    };
    audit::record(
        &mut tx,
        Some(&org.id),
        &by(actor, ip),
        action,
        Some((audit::Target::Unit, unit_id)),
        details,
    )
    .await?;
    tx.commit().await?;
    Ok(unit)
}

/// A role to grant, optionally limited to one unit.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct RoleInput {
    pub role: Role,
    #[serde(default)]
    pub unit_id: Option<String>,
}

/// The most grants (role, unit) one invitation or role change may carry. A person holds a
/// handful; a unit grant covers the units below it. Checked before anything else, as each
/// grant is compared with the others.
pub const MAX_ROLES: usize = 100;

fn check_roles(
    actor: &Actor,
    org: &Organisation,
    roles: &[RoleInput],
) -> Result<Vec<(Role, Option<String>)>> {
    if roles.len() > MAX_ROLES {
        return Err(Error::invalid("roles", "roles-too-many"));
    }
    let mut out: Vec<(Role, Option<String>)> = vec![];
    for r in roles {
        if !actor.may_grant(r.role, org) {
            return Err(Error::invalid("roles", "role-not-grantable"));
        }
        let pair = (r.role, r.unit_id.clone().filter(|u| !u.is_empty()));
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    Ok(out)
}

pub struct Invitation<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub roles: &'a [RoleInput],
    /// The language of the invitation mail (and the new person's first language).
    pub lang: Lang,
}

/// Invites a person to the organisation with roles. An existing account (the person works for
/// another organisation too) gets the roles and a notice; a new one gets a link to set a
/// password. Returns the person's id.
pub async fn invite_user(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    inv: Invitation<'_>,
) -> Result<String> {
    actor.check(Permission::ManageUsers, org)?;
    // Every field is checked before any is refused: the form names all problems at once.
    let mut c = crate::error::Checks::new();
    let email = c.take(Email::parse(inv.email).map_err(|e| e.at("email")));
    let name = c.take(identity::parse_display_name(inv.display_name));
    let roles = c.take(check_roles(actor, org, inv.roles));
    if roles.as_ref().is_some_and(|r| r.is_empty()) {
        c.push("roles", "roles-empty");
    }
    let (Some(email), Some(name), Some(roles)) = (email, name, roles) else {
        return Err(c.error());
    };
    c.finish()?;
    let mut tx = db.begin().await?;
    let (user, created) = identity::find_or_create(&mut tx, &email, &name).await?;
    if created {
        sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
            .bind(inv.lang.code())
            .bind(&user.id)
            .execute(&mut *tx)
            .await?;
    }
    let already: Option<(i64,)> =
        sqlx::query_as("SELECT created_at FROM org_people WHERE org_id = $1 AND user_id = $2")
            .bind(&org.id)
            .bind(&user.id)
            .fetch_optional(&mut *tx)
            .await?;
    if already.is_some() {
        return Err(Error::conflict("email", "user-already-member"));
    }
    people::add_member(&mut tx, &org.id, &user.id).await?;
    people::set_roles(&mut tx, &org.id, &user.id, &roles, Some(&actor.user.id)).await?;
    let lang = user.lang().unwrap_or(inv.lang);
    let (subject, body) = if user.has_password() {
        let link = format!("{}/", settings.public_url);
        (
            lang.t_args("mail-added-subject", &[("org", &org.name)]),
            lang.t_args(
                "mail-added-body",
                &[("name", &user.display_name), ("org", &org.name), ("link", &link)],
            ),
        )
    } else {
        let token = links::create(
            &mut tx,
            Purpose::Invitation,
            &user.id,
            Some(&org.id),
            Some(&actor.user.id),
        )
        .await?;
        let link = format!("{}/invite/{token}", settings.public_url);
        (
            lang.t_args("mail-invite-subject", &[("org", &org.name)]),
            lang.t_args(
                "mail-invite-body",
                &[
                    ("name", &user.display_name),
                    ("org", &org.name),
                    ("inviter", &actor.user.display_name),
                    ("link", &link),
                ],
            ),
        )
    };
    outbox::enqueue(
        &mut tx,
        settings,
        NewMail { org_id: Some(&org.id), to: &user.email, subject, body_text: body },
    )
    .await?;
    let role_names: Vec<&str> = roles.iter().map(|(r, _)| r.as_str()).collect();
    audit::record(
        &mut tx,
        Some(&org.id),
        &by(actor, ip),
        audit::Action::UserInvited,
        Some((audit::Target::User, &user.id)),
        serde_json::json!({"email": user.email, "roles": role_names}),
    )
    .await?;
    tx.commit().await?;
    Ok(user.id)
}

/// Sends a new invitation link to a person who has not yet set a password.
pub async fn resend_invitation(
    db: &Db,
    settings: &Settings,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    user_id: &str,
) -> Result<()> {
    actor.check(Permission::ManageUsers, org)?;
    let member = people::member(db, &org.id, user_id).await?;
    if !member.invited {
        return Err(Error::invalid("user", "user-not-invited"));
    }
    let user = identity::get(db, user_id).await?;
    let lang = user.lang().unwrap_or_default();
    let mut tx = db.begin().await?;
    let token =
        links::create(&mut tx, Purpose::Invitation, user_id, Some(&org.id), Some(&actor.user.id))
            .await?;
    let link = format!("{}/invite/{token}", settings.public_url);
    outbox::enqueue(
        &mut tx,
        settings,
        NewMail {
            org_id: Some(&org.id),
            to: &user.email,
            subject: lang.t_args("mail-invite-subject", &[("org", &org.name)]),
            body_text: lang.t_args(
                "mail-invite-body",
                &[
                    ("name", &user.display_name),
                    ("org", &org.name),
                    ("inviter", &actor.user.display_name),
                    ("link", &link),
                ],
            ),
        },
    )
    .await?;
    audit::record(
        &mut tx,
        Some(&org.id),
        &by(actor, ip),
        audit::Action::InvitationResent,
        Some((audit::Target::User, user_id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_user_roles(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    user_id: &str,
    roles: &[RoleInput],
) -> Result<()> {
    actor.check(Permission::ManageUsers, org)?;
    // The operator changes a customer's people only under its grant (issue 13).
    actor.check_delegated(db, org, crate::delegations::Right::Users).await?;
    people::member(db, &org.id, user_id).await?;
    let roles = check_roles(actor, org, roles)?;
    if roles.is_empty() {
        // Taking every role away is what deactivation is for; it keeps the intent visible.
        return Err(Error::invalid("roles", "roles-empty"));
    }
    // A person's platform-admin grant is the operator's business: keep it unless a platform
    // admin removes it.
    let mut tx = db.begin().await?;
    let (added, removed) =
        people::set_roles(&mut tx, &org.id, user_id, &roles, Some(&actor.user.id)).await?;
    if removed.contains(&Role::PlatformAdmin) && !actor.is_platform_admin() {
        return Err(Error::invalid("roles", "role-not-grantable"));
    }
    if user_id == actor.user.id && removed.contains(&Role::MainAdmin) && !actor.is_platform_admin()
    {
        // Removing one's own main-admin role could leave the organisation without one.
        return Err(Error::invalid("roles", "cannot-demote-self"));
    }
    let names = |v: &[Role]| v.iter().map(|r| r.as_str()).collect::<Vec<_>>();
    audit::record(
        &mut tx,
        Some(&org.id),
        &by(actor, ip),
        audit::Action::RolesChanged,
        Some((audit::Target::User, user_id)),
        serde_json::json!({"added": names(&added), "removed": names(&removed)}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_user_active(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    org: &Organisation,
    user_id: &str,
    active: bool,
) -> Result<()> {
    actor.check(Permission::ManageUsers, org)?;
    actor.check_delegated(db, org, crate::delegations::Right::Users).await?;
    if user_id == actor.user.id {
        return Err(Error::invalid("user", "cannot-deactivate-self"));
    }
    let mut tx = db.begin().await?;
    people::set_member_active(&mut tx, &org.id, user_id, active).await?;
    let action = if active {
        crate::audit::Action::UserReactivated
    } else {
        crate::audit::Action::UserDeactivated
    };
    audit::record(
        &mut tx,
        Some(&org.id),
        &by(actor, ip),
        action,
        Some((audit::Target::User, user_id)),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn create_plan(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    input: &plans::PlanInput,
) -> Result<plans::Plan> {
    actor.require_platform(PlatformPermission::ManagePlans)?;
    let mut tx = db.begin().await?;
    let plan = plans::create(&mut tx, input).await?;
    audit::record(
        &mut tx,
        None,
        &by(actor, ip),
        audit::Action::PlanCreated,
        Some((audit::Target::Plan, &plan.id)),
        serde_json::json!({"slug": plan.slug}),
    )
    .await?;
    tx.commit().await?;
    Ok(plan)
}

pub async fn update_plan(
    db: &Db,
    actor: &Actor,
    ip: Option<&str>,
    slug: &str,
    input: &plans::PlanInput,
) -> Result<plans::Plan> {
    actor.require_platform(PlatformPermission::ManagePlans)?;
    let plan = plans::by_slug(db, slug).await?.ok_or(Error::NotFound)?;
    let mut tx = db.begin().await?;
    plans::update(&mut tx, &plan.id, input).await?;
    let caps: Vec<&str> = input.capabilities.iter().map(|c| c.as_str()).collect();
    audit::record(&mut tx, None, &by(actor, ip), audit::Action::PlanChanged, Some((audit::Target::Plan, &plan.id)), serde_json::json!({"capabilities": caps, "admins_manage_settings": input.admins_manage_settings})).await?;
    tx.commit().await?;
    plans::by_slug(db, slug).await?.ok_or(Error::NotFound)
}
