//! Authorisation, in one place. Every handler, page or API, asks the [`Actor`] for an
//! organisation *with* a permission; the answer is the organisation or an error:
//! not a member → `NotFound` (another organisation's ids reveal nothing),
//! a member without the permission → `Forbidden`.

use serde::Serialize;

use crate::db::Db;
use crate::delegations::Right;
use crate::error::{Error, Result};
use crate::identity::User;
use crate::organisations::people::{Membership, Role};
use crate::organisations::plans::{self, Capability};
use crate::organisations::{self, Organisation};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// See the organisation's name, units and the people in it.
    ViewOrganisation,
    ManageUnits,
    ManageUsers,
    ViewAuditLog,
    /// Settings the plan may reserve to the operator (privacy notice, templates, …).
    ManageSettings,
    /// Read and answer the organisation's service-desk tickets (client data).
    WorkDesk,
    /// Desk configuration: queues, addresses, categories, canned answers.
    ManageDesk,
    /// Write job ads and handle their applications (applicants' data).
    WorkRecruitment,
    /// Approve job ads for publishing, where the organisation requires approval.
    ApproveAds,
    /// Recruitment settings: approval, pipeline stages, retention, logos, general texts,
    /// templates and the job market credentials.
    ManageRecruitment,
    /// Open guidance spaces and work in those one is a member of (clients' data).
    WorkGuidance,
    /// Keep the organisation's materials library (files and links, no client data).
    ManageMaterials,
    /// See the organisation's guidance spaces as figures: status, dates, counsellors, task
    /// counts and meter movement; never conversation content (guidance::supervision).
    SuperviseGuidance,
    /// Handle data subject requests: record, export, extend and carry them out (everyone's
    /// data in the organisation).
    HandleDataRequests,
    /// Read the organisation's reports (figures only; small counts of people suppressed).
    ViewReports,
}

impl Permission {
    /// Administrative permissions, which platform admins hold in every organisation to
    /// support its main admins. Permissions that reach clients' data are never among them:
    /// the operator is only the processor.
    fn administrative(self) -> bool {
        !matches!(
            self,
            Permission::WorkDesk
                | Permission::WorkRecruitment
                | Permission::ApproveAds
                | Permission::WorkGuidance
                | Permission::HandleDataRequests
        )
    }
}

/// Installation-wide permissions, held by platform admins only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlatformPermission {
    ManageOrganisations,
    ManagePlans,
    ReadOutbox,
    ViewAllAuditLogs,
    /// Figures across every organisation, without personal data.
    ViewReports,
    /// Publish the operator's instructions and materials library for every organisation.
    PublishMaterials,
}

/// The roles that carry a permission inside their own organisation.
fn roles_with(permission: Permission) -> &'static [Role] {
    use Role::*;
    match permission {
        Permission::ViewOrganisation => {
            &[MainAdmin, Adviser, Counsellor, Supervisor, Recruiter, HiringManager, PlatformAdmin]
        }
        Permission::ManageUnits
        | Permission::ManageUsers
        | Permission::ViewAuditLog
        | Permission::ManageSettings
        | Permission::ManageDesk => &[MainAdmin, PlatformAdmin],
        Permission::WorkDesk => &[Adviser],
        Permission::WorkRecruitment => &[Recruiter, HiringManager],
        Permission::ApproveAds => &[HiringManager],
        Permission::ManageRecruitment => &[MainAdmin, PlatformAdmin],
        Permission::WorkGuidance => &[Counsellor],
        // The organisation's own material: the operator does not write it.
        Permission::ManageMaterials => &[MainAdmin, Counsellor],
        Permission::SuperviseGuidance => &[Supervisor],
        // The controller's main admin and the desk, where the requests arrive as cases.
        Permission::HandleDataRequests => &[MainAdmin, Adviser],
        // Figures without personal data: the main admin, the supervisor who follows goals,
        // and the operator supporting them.
        Permission::ViewReports => &[MainAdmin, Supervisor, PlatformAdmin],
    }
}

/// Who is asking: a signed-in person (by session or API token) with their live roles.
#[derive(Clone, Debug, Serialize)]
pub struct Actor {
    pub user: User,
    pub memberships: Vec<Membership>,
    #[serde(skip)]
    pub session_id: Option<String>,
    #[serde(skip)]
    pub token_id: Option<String>,
}

impl Actor {
    pub async fn load(
        db: &Db,
        user: User,
        session_id: Option<String>,
        token_id: Option<String>,
    ) -> Result<Actor> {
        let memberships = organisations::people::memberships(db, &user.id).await?;
        Ok(Actor { user, memberships, session_id, token_id })
    }

    pub fn is_platform_admin(&self) -> bool {
        self.memberships.iter().any(|m| m.role == Role::PlatformAdmin)
    }

    /// A platform admin must have a second factor before doing anything.
    pub fn needs_second_factor_setup(&self) -> bool {
        self.is_platform_admin() && !self.user.totp_enabled
    }

    pub fn roles_in(&self, org_id: &str) -> Vec<Role> {
        let mut roles: Vec<Role> =
            self.memberships.iter().filter(|m| m.org_id == org_id).map(|m| m.role).collect();
        roles.sort();
        roles.dedup();
        roles
    }

    /// Whether the organisation's plan has the desk, as far as the actor's memberships tell;
    /// for an organisation the actor is not a member of (a platform admin's view) it is left
    /// to the page itself to refuse.
    pub fn desk_in_plan(&self, org_id: &str) -> bool {
        self.memberships.iter().find(|m| m.org_id == org_id).is_none_or(|m| m.plan_desk)
    }

    /// Whether the organisation's plan has recruitment, as [`Actor::desk_in_plan`] tells it.
    pub fn recruitment_in_plan(&self, org_id: &str) -> bool {
        self.memberships.iter().find(|m| m.org_id == org_id).is_none_or(|m| m.plan_recruitment)
    }

    /// Whether the organisation's plan has reports, as [`Actor::desk_in_plan`] tells it.
    pub fn reports_in_plan(&self, org_id: &str) -> bool {
        self.memberships.iter().find(|m| m.org_id == org_id).is_none_or(|m| m.plan_reports)
    }

    pub fn is_member(&self, org_id: &str) -> bool {
        self.memberships.iter().any(|m| m.org_id == org_id)
    }

    /// True when the actor holds `permission` in `org` (platform admins hold the
    /// administrative ones everywhere, to support main admins).
    pub fn can(&self, permission: Permission, org: &Organisation) -> bool {
        if self.needs_second_factor_setup() {
            return false;
        }
        let allowed = roles_with(permission);
        if permission.administrative()
            && self.is_platform_admin()
            && allowed.contains(&Role::PlatformAdmin)
        {
            return true;
        }
        self.roles_in(&org.id).iter().any(|r| allowed.contains(r))
    }

    /// Whether the plan of `org_id` includes `cap`, as the actor's memberships (read with
    /// the actor) say; None when the actor is not a member there.
    pub fn plan_has(&self, org_id: &str, cap: Capability) -> Option<bool> {
        self.memberships.iter().find(|m| m.org_id == org_id).map(|m| match cap {
            Capability::Desk => m.plan_desk,
            Capability::Guidance => m.plan_guidance,
            Capability::Recruitment => m.plan_recruitment,
            Capability::Reports => m.plan_reports,
        })
    }

    pub fn can_platform(&self, _permission: PlatformPermission) -> bool {
        self.is_platform_admin() && !self.needs_second_factor_setup()
    }

    /// The organisation `slug`, if the actor holds `permission` there.
    pub async fn organisation(
        &self,
        db: &Db,
        slug: &str,
        permission: Permission,
    ) -> Result<Organisation> {
        let org = organisations::by_slug(db, slug).await?.ok_or(Error::NotFound)?;
        self.check(permission, &org)?;
        Ok(org)
    }

    pub fn check(&self, permission: Permission, org: &Organisation) -> Result<()> {
        if self.can(permission, org) {
            return Ok(());
        }
        if self.is_member(&org.id) || self.is_platform_admin() {
            Err(Error::Forbidden)
        } else {
            Err(Error::NotFound)
        }
    }

    pub fn require_platform(&self, permission: PlatformPermission) -> Result<()> {
        if self.can_platform(permission) { Ok(()) } else { Err(Error::Forbidden) }
    }

    /// Settings are the main admin's only when the organisation's plan allows it; otherwise
    /// the operator changes them (the seed's two customer types).
    pub async fn check_settings(&self, db: &Db, org: &Organisation) -> Result<()> {
        self.check(Permission::ManageSettings, org)?;
        let plan = match &org.plan_id {
            Some(id) => plans::by_id(db, id).await?,
            None => None,
        };
        let self_managed = plan.is_some_and(|p| p.admins_manage_settings);
        if self.is_platform_admin() {
            // A plan "managed by the operator" is a standing delegation for settings.
            if !self_managed {
                return Ok(());
            }
            return self.check_delegated(db, org, Right::Settings).await;
        }
        if self_managed { Ok(()) } else { Err(Error::Forbidden) }
    }

    /// A platform admin acting as a customer organisation's main admin needs the
    /// organisation's grant of `right` in force now (issue 13). Anyone acting in their own
    /// organisation, and anyone in the operator organisation, passes: their roles decide.
    pub async fn check_delegated(&self, db: &Db, org: &Organisation, right: Right) -> Result<()> {
        if !self.is_platform_admin() || org.is_operator || !self.roles_in(&org.id).is_empty() {
            return Ok(());
        }
        match crate::delegations::active_with(db, &org.id, right, crate::db::now()).await? {
            Some(_) => Ok(()),
            None => Err(Error::Forbidden),
        }
    }

    /// Whether a role can be granted by this actor: only platform admins grant platform-admin,
    /// and only in the operator organisation.
    pub fn may_grant(&self, role: Role, org: &Organisation) -> bool {
        match role {
            Role::PlatformAdmin => org.is_operator && self.is_platform_admin(),
            _ => true,
        }
    }
}

/// Refuses a capability the organisation's plan lacks.
pub async fn require_capability(db: &Db, org: &Organisation, cap: Capability) -> Result<()> {
    let plan = match &org.plan_id {
        Some(id) => plans::by_id(db, id).await?,
        None => None,
    };
    if plan.is_some_and(|p| p.has(cap)) { Ok(()) } else { Err(Error::NotInPlan) }
}
