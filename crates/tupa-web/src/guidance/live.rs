//! The space's live socket, `GET /api/v1/spaces/{id}/live`: staff by bearer token or
//! session, the client by session. It pushes `{"type": "message", …}` for every new message
//! of the space (`{"type": "task", …}` when a task changes, `{"type": "link" | "summary" |
//! "material", …}` for the space's other new items), whichever `tupa serve` process stored it
//! (events travel by LISTEN/NOTIFY on PostgreSQL), and takes `{"type": "message", "body"}` from
//! the member to post one. Events
//! carry ids only: each message is read back through the same authorised path as a page.
//! Video call signalling (`call-ring`, `call-offer`, `call-answer`, `ice`, `call-end`) travels
//! on the same socket; `tupa_core::guidance::signalling` checks and relays it.

use std::time::Duration;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::routing::get;
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;
use tupa_core::authz::Actor;
use tupa_core::events::{Event, EventKind};
use tupa_core::guidance::access::{self, InSpace};
use tupa_core::guidance::messages::{self, SpaceMessage};
use tupa_core::guidance::signalling::{self, Conn, Frame, SignalKind};
use tupa_core::guidance::{catch_up, professionals, tasks};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::WebResult;

/// What a member may send in one frame (listed with every input limit in `tupa_core::limits`).
pub const MAX_FRAME_BYTES: usize = tupa_core::limits::WEBSOCKET_FRAME_BYTES;
/// How often the socket checks that its member still belongs to the space (a removed
/// member or revoked consent ends it).
const RECHECK_EVERY: Duration = Duration::from_secs(60);

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/spaces/{id}/live", get(live))
}

/// Initial read buffer and write batching threshold of a space socket.
const SOCKET_BUFFER_BYTES: usize = 4 * 1024;

async fn live(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(query): Query<LiveQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> WebResult {
    let actor = ctx.actor()?.clone();
    let since = match query.since.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            s.parse::<i64>().map_err(|_| tupa_core::Error::invalid("since", "request-invalid"))?,
        ),
    };
    // Cross-site WebSocket hijacking: a browser sends the session cookie along with a
    // socket any site opens, and the same-origin policy does not apply to sockets, so a
    // cookie-authenticated socket must come from our own pages. A bearer token is never sent
    // by the browser on its own, so those connections need no Origin.
    if actor.token_id.is_none() && !same_origin(&headers, &state.settings.public_url) {
        return Err(tupa_core::Error::Forbidden.into());
    }
    // Refused before the upgrade, so a stranger gets a plain 404.
    let place = access::enter(&state.db, &actor, &id).await?;
    Ok(ws
        .max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        // tungstenite allocates its read buffer up front, 128 KiB by default: 2,500 sockets
        // held 385 MiB in the chat benchmark. Frames here are small (a chat line, a call's
        // SDP); a larger one still arrives whole, the buffer only grows for it.
        .read_buffer_size(SOCKET_BUFFER_BYTES)
        .write_buffer_size(SOCKET_BUFFER_BYTES)
        .on_upgrade(move |socket| serve(state, actor, place, since, socket)))
}

/// `?since=` (seconds): the moment the page last knew the space at (its render, or the
/// `listening` frame of its previous socket); what changed after it is played back first.
#[derive(Deserialize)]
struct LiveQuery {
    since: Option<String>,
}

/// Whether the request's `Origin` is ours: the origin of `TUPA_PUBLIC_URL`, or the request's
/// own `Host` (one instance may be reached by more than one name). No Origin at all is not a
/// browser (every browser sends one with a WebSocket handshake), so it is let through; an
/// unparsable one or `null` (a sandboxed frame) is not ours.
pub(crate) fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else { return true };
    let Ok(origin) = origin.to_str().map(url::Url::parse) else { return false };
    let Ok(origin) = origin else { return false };
    if !matches!(origin.scheme(), "http" | "https") {
        return false;
    }
    if url::Url::parse(public_url).is_ok_and(|p| p.origin() == origin.origin()) {
        return true;
    }
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let origin_host = match (origin.host_str(), origin.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => return false,
    };
    origin_host.eq_ignore_ascii_case(host)
}

#[derive(Deserialize)]
struct Incoming {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    body: String,
}

fn outgoing(m: &SpaceMessage) -> String {
    serde_json::json!({
        "type": "message",
        "id": m.id,
        "space_id": m.space_id,
        "kind": m.kind,
        "body": m.body,
        "author": m.author,
        "created_at": m.created_at,
        "attachments": m.attachments,
    })
    .to_string()
}

/// `{"type": "task", "id", "status"}` for a task that was given, answered, finished,
/// commented or changed (`"status": null` once removed); the page shows that tasks changed.
async fn task_event(state: &AppState, place: &InSpace, task_id: &str) -> Option<String> {
    let task = tasks::get(&state.db, &place.space, task_id).await.ok().flatten();
    // A task from before a professional's consent is not theirs to hear of.
    if task.as_ref().is_some_and(|t| !place.sees(t.created_at)) {
        return None;
    }
    serde_json::json!({
        "type": "task",
        "id": task_id,
        "space_id": place.space.id,
        "status": task.map(|t| t.status),
    })
    .to_string()
    .into()
}

async fn serve(
    state: AppState,
    actor: Actor,
    mut place: InSpace,
    since: Option<i64>,
    socket: WebSocket,
) {
    let mut conn = Conn::default();
    serve_until_closed(&state, &actor, &mut place, &mut conn, since, socket).await;
    // A call this page was in ends with it (the other party hears so).
    signalling::disconnect(&state.db, &actor, &place.space, &mut conn).await;
}

/// The frame a signal becomes on this socket; None for the socket's own frames, and for
/// signals already gone (the call ended and its signals were dropped).
async fn relayed(
    state: &AppState,
    actor: &Actor,
    place: &InSpace,
    conn: &mut Conn,
    id: &str,
) -> Option<String> {
    match signalling::get(&state.db, &place.space, id).await {
        Ok(Some(signal)) if signal.from_conn != conn.id => {
            conn.heard(&signal);
            Some(signal.to_frame(&actor.user.id).to_string())
        }
        Ok(_) => None,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read a call signal");
            None
        }
    }
}

/// Tells the page to load the space again: it missed more than can be played back.
const RESYNC: &str = r#"{"type":"resync"}"#;

/// `{"type": "listening", "at"}`: everything of the space after `at` reaches this socket
/// live (sent once it subscribed, and again at each periodic check).
fn listening_frame(at: i64) -> String {
    serde_json::json!({"type": "listening", "at": at}).to_string()
}

/// What the socket does with an event of the installation (heard live or played back).
enum Heard {
    Send(String),
    Nothing,
    /// The member is no longer in the space.
    Close,
}

async fn heard(
    state: &AppState,
    actor: &Actor,
    place: &mut InSpace,
    conn: &mut Conn,
    e: &Event,
) -> Heard {
    if e.space_id.as_deref() != Some(place.space.id.as_str()) {
        return Heard::Nothing;
    }
    // A member left (a revoked consent): whoever is no longer in goes at once.
    if e.kind == professionals::MEMBER_LEFT_EVENT {
        return match access::enter(&state.db, actor, &place.space.id).await {
            Ok(p) => {
                *place = p;
                Heard::Nothing
            }
            Err(_) => Heard::Close,
        };
    }
    let Some(id) = e.message_id.as_deref() else {
        return Heard::Nothing;
    };
    let frame = match e.kind {
        EventKind::SpaceMessage => match messages::get(&state.db, &place.space, id).await {
            Ok(Some(m)) if place.sees(m.created_at) => Some(outgoing(&m)),
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read a space message");
                None
            }
        },
        kind if kind == signalling::EVENT_KIND => relayed(state, actor, place, conn, id).await,
        EventKind::SpaceTask => task_event(state, place, id).await,
        // A new link, summary or shared material of this space.
        _ => super::materials_live::frame(state, place, e).await,
    };
    frame.map_or(Heard::Nothing, Heard::Send)
}

/// Sends what the space's rows say changed since `since` (guidance::catch_up), each as the
/// frame its live event makes, or `resync` when that is too much. False when the socket is
/// gone.
async fn play_back(
    state: &AppState,
    actor: &Actor,
    place: &mut InSpace,
    conn: &mut Conn,
    since: i64,
    socket: &mut WebSocket,
) -> bool {
    // Nothing from before the member's view is counted either (a professional would learn
    // from a `resync` how busy the space was before their consent).
    let since = since.max(place.since);
    let missed = match catch_up::missed(&state.db, &place.space, since).await {
        Ok(missed) => missed,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read what a space socket missed");
            None
        }
    };
    let Some(events) = missed else {
        return socket.send(Message::Text(RESYNC.into())).await.is_ok();
    };
    for e in &events {
        match heard(state, actor, place, conn, e).await {
            Heard::Send(frame) => {
                if socket.send(Message::Text(frame.into())).await.is_err() {
                    return false;
                }
            }
            Heard::Nothing => {}
            Heard::Close => return false,
        }
    }
    true
}

async fn serve_until_closed(
    state: &AppState,
    actor: &Actor,
    place: &mut InSpace,
    conn: &mut Conn,
    since: Option<i64>,
    mut socket: WebSocket,
) {
    let mut rx = state.db.hub().subscribe();
    // Listening from here on: what came before, since the moment the page knew of, is read
    // from the space's rows; the page keeps this moment for its next connection.
    let listening = tupa_core::db::now();
    if let Some(since) = since
        && !play_back(state, actor, place, conn, since, &mut socket).await
    {
        return;
    }
    if socket.send(Message::Text(listening_frame(listening).into())).await.is_err() {
        return;
    }
    let mut recheck = tokio::time::interval(RECHECK_EVERY);
    recheck.tick().await;
    loop {
        tokio::select! {
            event = rx.recv() => match event {
                Ok(e) => match heard(state, actor, place, conn, &e).await {
                    Heard::Send(frame) => {
                        if socket.send(Message::Text(frame.into())).await.is_err() {
                            return;
                        }
                    }
                    Heard::Nothing => {}
                    Heard::Close => {
                        let _ = socket.send(Message::Close(None)).await;
                        return;
                    }
                },
                // Missed some: the page reloads the conversation.
                Err(RecvError::Lagged(_)) => {
                    if socket.send(Message::Text(RESYNC.into())).await.is_err() {
                        return;
                    }
                }
                Err(RecvError::Closed) => return,
            },
            frame = socket.recv() => match frame {
                Some(Ok(Message::Text(text))) => {
                    let reply = match serde_json::from_str::<Incoming>(&text) {
                        Ok(i) if i.kind == "message" => {
                            match messages::post(&state.db, &state.settings, actor, place, &i.body, vec![]).await {
                                Ok(_) => None,
                                Err(e) => Some(serde_json::json!({"type": "error", "code": e.code()})),
                            }
                        }
                        Ok(i) if SignalKind::is_signal(&i.kind) => {
                            let answer = match Frame::parse(&text) {
                                Ok(frame) => signalling::receive(&state.db, actor, place, conn, frame).await,
                                Err(e) => Err(e),
                            };
                            match answer {
                                Ok(reply) => reply,
                                Err(e) => Some(serde_json::json!({"type": "error", "code": e.code()})),
                            }
                        }
                        Ok(i) if i.kind == "read" => {
                            let _ = messages::mark_read(&state.db, &place.space, &actor.user.id).await;
                            None
                        }
                        _ => Some(serde_json::json!({"type": "error", "code": "request-invalid"})),
                    };
                    if let Some(r) = reply
                        && socket.send(Message::Text(r.to_string().into())).await.is_err()
                    {
                        return;
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            },
            _ = recheck.tick() => match access::enter(&state.db, actor, &place.space.id).await {
                Ok(p) => {
                    *place = p;
                    // The page's moment moves on with the socket, so that a reconnect after
                    // a long open hour asks for the last minute, not for the hour.
                    let frame = listening_frame(tupa_core::db::now());
                    if socket.send(Message::Text(frame.into())).await.is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = socket.send(Message::Close(None)).await;
                    return;
                }
            },
        }
    }
}
