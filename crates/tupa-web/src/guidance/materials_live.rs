//! What the space's live socket pushes for a new link, summary or shared material: the item,
//! read back through the same authorised path as the page (events carry ids only), with its
//! `type` (`link`, `summary`, `material`).

use serde::Serialize;
use tupa_core::events::Event;
use tupa_core::guidance::access::InSpace;
use tupa_core::guidance::items::ItemKind;
use tupa_core::guidance::{links, shared, summaries};

use crate::AppState;

/// The frame for an item event of this space, or None (not an item, or gone).
pub(super) async fn frame(state: &AppState, place: &InSpace, event: &Event) -> Option<String> {
    let kind = ItemKind::from_event_kind(event.kind)?;
    let id = event.message_id.as_deref()?;
    let space = &place.space;
    // A professional hears nothing of items from before the client's consent (an older
    // summary edited later, say).
    let seen = |t: i64| place.sees(t);
    let read = match kind {
        ItemKind::Link => {
            let item =
                links::get(&state.db, space, id).await.map(|l| l.filter(|l| seen(l.created_at)));
            with_type("link", item)
        }
        ItemKind::Summary => {
            let item = summaries::get(&state.db, space, id)
                .await
                .map(|s| s.filter(|s| seen(s.created_at)));
            with_type("summary", item)
        }
        ItemKind::Material => {
            let item =
                shared::get(&state.db, space, id).await.map(|m| m.filter(|m| seen(m.shared_at)));
            with_type("material", item)
        }
    };
    match read {
        Ok(frame) => frame,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read a space item");
            None
        }
    }
}

fn with_type<T: Serialize>(
    kind: &str,
    item: tupa_core::Result<Option<T>>,
) -> tupa_core::Result<Option<String>> {
    let Some(item) = item? else { return Ok(None) };
    let mut value = serde_json::to_value(item).map_err(anyhow::Error::from)?;
    value["type"] = kind.into();
    Ok(Some(value.to_string()))
}
