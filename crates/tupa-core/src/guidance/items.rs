//! What every new thing in a space (a link, a meeting summary, a shared material) does besides
//! being stored: the space counts as active, members who are away get the same content-free
//! mail notice as for a message, and open sockets hear of it by a live event with ids only.

use super::access::InSpace;
use super::messages;
use super::spaces::Space;
use crate::config::Settings;
use crate::db::{Db, Tx};
use crate::error::Result;
use crate::events::{self, Event, EventKind};

/// The kinds of space items that travel as live events (`space-<kind>`), besides messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Link,
    Summary,
    Material,
}

impl ItemKind {
    /// The live event's kind.
    pub fn event_kind(self) -> EventKind {
        match self {
            ItemKind::Link => EventKind::SpaceLink,
            ItemKind::Summary => EventKind::SpaceSummary,
            ItemKind::Material => EventKind::SpaceMaterial,
        }
    }
    pub fn from_event_kind(kind: EventKind) -> Option<ItemKind> {
        match kind {
            EventKind::SpaceLink => Some(ItemKind::Link),
            EventKind::SpaceSummary => Some(ItemKind::Summary),
            EventKind::SpaceMaterial => Some(ItemKind::Material),
            _ => None,
        }
    }
}

/// Inside the item's transaction: the space is active now and away members are told.
pub async fn added(
    tx: &mut Tx,
    settings: &Settings,
    place: &InSpace,
    author_id: &str,
    t: i64,
) -> Result<()> {
    sqlx::query("UPDATE guidance_spaces SET updated_at = $1 WHERE org_id = $2 AND id = $3")
        .bind(t)
        .bind(&place.space.org_id)
        .bind(&place.space.id)
        .execute(&mut **tx)
        .await?;
    messages::notify_away(tx, settings, place, author_id, t).await
}

/// After the commit: every process's sockets of the space hear of the item.
pub async fn publish(db: &Db, space: &Space, kind: ItemKind, item_id: &str) {
    events::publish(db, Event::space_item(&space.org_id, &space.id, kind.event_kind(), item_id))
        .await;
}
