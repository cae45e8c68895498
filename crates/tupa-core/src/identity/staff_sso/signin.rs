//! From a person the organisation's provider identified to a signed-in staff member: the
//! rules, then the account. Only an existing, active account whose every live role is in
//! this organisation is signed in; nothing is created, and no platform admin is reached.
//! The session is the one a password + TOTP sign-in gives (the provider did the second
//! factor). Every outcome is in the organisation's audit log.

use serde_json::json;

use super::rules::StaffRefusal;
use super::settings::StaffSso;
use crate::audit::{self, By};
use crate::db::Db;
use crate::error::Result;
use crate::identity::oidc::Identified;
use crate::identity::sessions::{self, Session};
use crate::identity::signin::Client;
use crate::identity::{Email, User};
use crate::organisations::Organisation;
use crate::organisations::people::{self, Role};

/// Decides whether the account of `email` may be signed in through `org`'s provider.
async fn account(
    db: &Db,
    org: &Organisation,
    email: &Email,
) -> Result<Result<User, (Option<User>, StaffRefusal)>> {
    let Some(user) = crate::identity::find_by_email(db, email).await? else {
        return Ok(Err((None, StaffRefusal::UnknownAccount)));
    };
    let member: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT deactivated_at FROM org_people WHERE org_id = $1 AND user_id = $2")
            .bind(&org.id)
            .bind(&user.id)
            .fetch_optional(db.pool())
            .await?;
    let refusal = match member {
        None => Some(StaffRefusal::UnknownAccount),
        Some(_) if !user.is_active() => Some(StaffRefusal::Disabled),
        Some((Some(_),)) => Some(StaffRefusal::Disabled),
        Some((None,)) => {
            let roles = people::memberships(db, &user.id).await?;
            if roles.iter().any(|m| m.role == Role::PlatformAdmin) {
                Some(StaffRefusal::PlatformAdmin)
            } else if roles.iter().any(|m| m.org_id != org.id) {
                // Another organisation's provider would otherwise vouch for this account's
                // access there too.
                Some(StaffRefusal::OtherOrganisation)
            } else if roles.is_empty() {
                // A member without any role is not staff (yet).
                Some(StaffRefusal::UnknownAccount)
            } else {
                None
            }
        }
    };
    Ok(match refusal {
        Some(r) => Err((Some(user), r)),
        None => Ok(user),
    })
}

/// Signs in the person `identified` by `org`'s provider: the user, the session and its
/// cookie token; or why not (recorded in the organisation's audit log).
pub async fn sign_in(
    db: &Db,
    org: &Organisation,
    sso: &StaffSso,
    identified: &Identified,
    client: &Client,
) -> Result<std::result::Result<(User, Session, String), StaffRefusal>> {
    let checked = match sso.rules.check(&identified.claims) {
        Ok(email) => account(db, org, &email).await?.map_err(|(user, r)| (Some(email), user, r)),
        Err(r) => Err((None, None, r)),
    };
    let user = match checked {
        Ok(user) => user,
        Err((email, user, refusal)) => {
            let by = match &user {
                Some(u) => By::user(u, Some(&client.ip)),
                None => By { user_id: None, label: "sso".into(), ip: Some(client.ip.clone()) },
            };
            // The address of someone without an account here is not kept: its domain says
            // enough to see a misconfigured rule.
            let domain = email
                .as_ref()
                .and_then(|e| e.as_str().rsplit_once('@').map(|(_, d)| d.to_string()));
            audit::record_now(
                db,
                Some(&org.id),
                &by,
                audit::Action::SsoSignInRefused,
                user.as_ref().map(|u| (audit::Target::User, u.id.as_str())),
                json!({"reason": refusal.code(), "issuer": identified.issuer, "email_domain": domain}),
            )
            .await?;
            tracing::info!(org = org.slug, reason = refusal.code(), "staff sign-in refused");
            return Ok(Err(refusal));
        }
    };
    let (session, token) =
        sessions::create(db, &user.id, false, client.user_agent.as_deref(), Some(&client.ip))
            .await?;
    audit::record_now(
        db,
        Some(&org.id),
        &By::user(&user, Some(&client.ip)),
        audit::Action::SignIn,
        Some((audit::Target::User, &user.id)),
        json!({"method": "sso", "issuer": identified.issuer}),
    )
    .await?;
    Ok(Ok((user, session, token)))
}
