//! Who may do what in a space: the closed sets of space states and member roles, and the
//! one check every page and API call goes through.

use super::spaces::{self, Space};
use crate::authz::{Actor, Permission, require_capability};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::organisations::plans::Capability;
use crate::organisations::{self, Organisation};

crate::closed_set! {
    /// Where a space is in its lifecycle. A deleted space has no row at all.
    #[derive(utoipa::ToSchema)]
    pub enum SpaceStatus ("status", "status-invalid") {
        Open = "open",
        /// Closed by the counsellor or for want of client sign-ins; members may still write
        /// for a while and the counsellor can reopen it.
        Closed = "closed",
        /// Readable and downloadable by the client only, until it is deleted.
        Archived = "archived",
    }
}

crate::closed_set! {
    /// A member's part in a space.
    #[derive(utoipa::ToSchema)]
    pub enum SpaceRole ("role", "role-invalid") {
        Counsellor = "counsellor",
        Client = "client",
        /// A professional of another organisation, present with the client's consent.
        Professional = "professional",
    }
}

impl SpaceRole {
    pub fn is_staff(self) -> bool {
        self != SpaceRole::Client
    }
}

/// A space as one of its members reaches it.
#[derive(Clone, Debug)]
pub struct InSpace {
    pub org: Organisation,
    pub space: Space,
    pub role: SpaceRole,
    /// The moment the member's view of the space begins (unix seconds): 0 for the
    /// counsellor and the client, the client's consent for a professional, who never sees
    /// what came before.
    pub since: i64,
}

impl InSpace {
    /// Whether the member may add to the conversation now.
    pub fn may_write(&self) -> bool {
        match self.space.status {
            SpaceStatus::Open | SpaceStatus::Closed => true,
            SpaceStatus::Archived => false,
        }
    }
    /// Whether something made at `created_at` is within the member's view.
    pub fn sees(&self, created_at: i64) -> bool {
        created_at >= self.since
    }
    pub fn require_write(&self) -> Result<()> {
        if self.may_write() { Ok(()) } else { Err(Error::invalid("body", "space-archived")) }
    }
}

/// The space with id `space_id` for `actor`, with the actor's role in it. Anyone who is not a
/// present member gets NotFound (a space id reveals nothing). A counsellor also needs the
/// counsellor role in the organisation still, and the organisation the guidance capability;
/// an archived space is the client's alone.
pub async fn enter(db: &Db, actor: &Actor, space_id: &str) -> Result<InSpace> {
    let space = spaces::by_id(db, space_id).await?.ok_or(Error::NotFound)?;
    let role = spaces::member_role(db, &space.org_id, &space.id, &actor.user.id)
        .await?
        .ok_or(Error::NotFound)?;
    let org = organisations::by_id(db, &space.org_id).await?;
    if role == SpaceRole::Counsellor && !actor.can(Permission::WorkGuidance, &org) {
        return Err(Error::NotFound);
    }
    if space.status == SpaceStatus::Archived && role != SpaceRole::Client {
        return Err(Error::NotFound);
    }
    require_capability(db, &org, Capability::Guidance).await?;
    let since = if role == SpaceRole::Professional {
        super::professionals::visible_from(db, &space, &actor.user.id)
            .await?
            .ok_or(Error::NotFound)?
    } else {
        0
    };
    Ok(InSpace { org, space, role, since })
}

/// The organisation `slug` for a counsellor who opens or lists spaces there.
pub async fn guidance_org(db: &Db, actor: &Actor, slug: &str) -> Result<Organisation> {
    let org = actor.organisation(db, slug, Permission::WorkGuidance).await?;
    require_capability(db, &org, Capability::Guidance).await?;
    Ok(org)
}

#[cfg(test)]
mod closed_set_tests {
    use super::{SpaceRole, SpaceStatus};
    use crate::closed_set::check;

    #[test]
    fn space_states_and_roles_keep_their_words_and_refuse_others() {
        check::<SpaceStatus>("status", "status-invalid");
        check::<SpaceRole>("role", "role-invalid");
        let words: Vec<&str> = SpaceStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, ["open", "closed", "archived"]);
        let words: Vec<&str> = SpaceRole::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, ["counsellor", "client", "professional"]);
    }
}
