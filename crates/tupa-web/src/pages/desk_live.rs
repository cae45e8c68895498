//! Live updates of the desk as server-sent events: the work queue hears of every changed
//! ticket of its organisation; a ticket page hears of changes to its ticket and of who else
//! has it open. Events carry case numbers only; the page fetches what changed through the
//! normal, authorised page. Across processes they travel by PostgreSQL LISTEN/NOTIFY.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::routing::get;
use tokio::sync::broadcast::error::RecvError;
use tupa_core::authz::Permission;
use tupa_core::db::Db;
use tupa_core::desk::{presence, work};
use tupa_core::events::{self, Event, EventKind};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orgs/{slug}/desk/events", get(queue_events))
        .route("/orgs/{slug}/desk/{case_number}/events", get(ticket_events))
}

/// How often an open ticket page renews its presence mark and hears who else is there.
const PRESENCE_EVERY: Duration = Duration::from_secs(15);
/// A stream ends after this long; the browser reconnects by itself, through the middleware,
/// so a signed-out or removed person stops hearing events.
const STREAM_LIFETIME: Duration = Duration::from_secs(300);

async fn queue_events(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> WebResult {
    let actor = ctx.actor()?;
    let org = work::desk_org(&state.db, actor, &slug, Permission::WorkDesk).await?;
    let rx = state.db.hub().subscribe();
    let deadline = tokio::time::Instant::now() + STREAM_LIFETIME;
    let stream = futures_util::stream::unfold((rx, org.id), move |(mut rx, org_id)| async move {
        loop {
            let received = tokio::select! {
                r = rx.recv() => r,
                _ = tokio::time::sleep_until(deadline) => return None,
            };
            match received {
                Ok(e) if e.org_id == org_id && e.kind == EventKind::Ticket => {
                    let event =
                        SseEvent::default().event("ticket").data(e.case_number.unwrap_or_default());
                    return Some((Ok::<_, Infallible>(event), (rx, org_id)));
                }
                // Missed some: tell the page to refresh anyway.
                Err(RecvError::Lagged(_)) => {
                    return Some((Ok(SseEvent::default().event("ticket").data("")), (rx, org_id)));
                }
                Err(RecvError::Closed) => return None,
                Ok(_) => continue,
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()).into_response())
}

struct Watch {
    rx: tokio::sync::broadcast::Receiver<Event>,
    tick: tokio::time::Interval,
    db: Db,
    org_id: String,
    ticket_id: String,
    case_number: String,
    user_id: String,
    name: String,
}

impl Watch {
    async fn viewers(&self) -> SseEvent {
        let names = presence::others(&self.db, &self.org_id, &self.ticket_id, &self.user_id)
            .await
            .unwrap_or_default();
        SseEvent::default().event("viewers").data(serde_json::to_string(&names).unwrap_or_default())
    }
}

async fn ticket_events(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, case_number)): Path<(String, String)>,
) -> WebResult {
    let actor = ctx.actor()?;
    let (org, ticket) = work::ticket(&state.db, actor, &case_number).await?;
    if org.slug != slug {
        return Err(tupa_core::Error::NotFound.into());
    }
    presence::seen(&state.db, &org.id, &ticket.id, &actor.user.id, &actor.user.display_name)
        .await?;
    let watch = Watch {
        rx: state.db.hub().subscribe(),
        tick: tokio::time::interval(PRESENCE_EVERY),
        db: state.db.clone(),
        org_id: org.id.clone(),
        ticket_id: ticket.id.clone(),
        case_number: ticket.case_number.clone(),
        user_id: actor.user.id.clone(),
        name: actor.user.display_name.clone(),
    };
    events::publish(&state.db, Event::viewing(&org.id, &ticket.case_number)).await;
    let deadline = tokio::time::Instant::now() + STREAM_LIFETIME;
    let stream = futures_util::stream::unfold(watch, move |mut w| async move {
        loop {
            tokio::select! {
                _ = tokio::time::sleep_until(deadline) => return None,
                _ = w.tick.tick() => {
                    let _ = presence::seen(&w.db, &w.org_id, &w.ticket_id, &w.user_id, &w.name).await;
                    let event = w.viewers().await;
                    return Some((Ok::<_, Infallible>(event), w));
                }
                received = w.rx.recv() => match received {
                    Ok(e) if e.org_id == w.org_id && e.case_number.as_deref() == Some(w.case_number.as_str()) => {
                        let event = if e.kind == EventKind::Ticket { SseEvent::default().event("ticket").data(w.case_number.clone()) } else { w.viewers().await };
                        return Some((Ok(event), w));
                    }
                    Err(RecvError::Closed) => return None,
                    _ => continue,
                },
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()).into_response())
}
