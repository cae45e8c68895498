//! Signalling of video calls over the space's live socket. Members send `call-ring`,
//! `call-offer`, `call-answer`, `ice` and `call-end` frames; the server checks each against
//! the sender's place in THIS space and the call's state, records the call's times
//! (`call_log`), and relays the frame to the space's other sockets in every `tupa serve`
//! process.
//!
//! The relay goes the way chat messages go: a row first, then a live event that carries only
//! its id, read back by each socket of the space through the space's own keys. A row rather
//! than the event itself because an SDP offer (several KiB) may not fit PostgreSQL's NOTIFY
//! payload, and because events carry no personal data (an SDP names the browser's
//! addresses). The rows are short-lived: a call's signals are deleted when it ends, and any
//! signal after two minutes.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::FromRow;

use super::access::{self, InSpace};
use super::call_log;
use super::spaces::Space;
use crate::authz::Actor;
use crate::db::{Db, new_id, now};
use crate::error::{Error, Result};
use crate::events::{self, Event, EventKind};

/// The live event kind that names a signal (its id travels in `Event::message_id`).
pub const EVENT_KIND: EventKind = EventKind::CallSignal;
/// How long a relayed signal is kept at most: sockets read it within moments.
const KEEP_SECS: i64 = 120;

/// The kinds of frame relayed between the members' browsers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignalKind {
    Ring,
    Offer,
    Answer,
    Ice,
    End,
}

impl SignalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Ring => "call-ring",
            SignalKind::Offer => "call-offer",
            SignalKind::Answer => "call-answer",
            SignalKind::Ice => "ice",
            SignalKind::End => "call-end",
        }
    }
    pub fn parse(s: &str) -> Result<SignalKind> {
        match s {
            "call-ring" => Ok(SignalKind::Ring),
            "call-offer" => Ok(SignalKind::Offer),
            "call-answer" => Ok(SignalKind::Answer),
            "ice" => Ok(SignalKind::Ice),
            "call-end" => Ok(SignalKind::End),
            other => Err(anyhow::anyhow!("unknown signal kind {other:?}").into()),
        }
    }
    /// Whether a socket frame of type `kind` is call signalling (rather than chat).
    pub fn is_signal(kind: &str) -> bool {
        SignalKind::parse(kind).is_ok()
    }
}

/// Why a call ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndReason {
    /// A party ended it (or the caller gave up ringing).
    #[default]
    Hangup,
    /// The called member declined.
    Declined,
    /// The called member was already in a call.
    Busy,
    /// The browsers could not connect.
    Failed,
    /// A party's socket closed (the page was left or the connection lost); set by the server.
    Disconnected,
}

/// One ICE candidate as the browser gives it (RTCIceCandidateInit). Only these fields are
/// relayed, whatever else a frame holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IceCandidate {
    pub candidate: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdp_mid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "sdpMLineIndex")]
    pub sdp_m_line_index: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_fragment: Option<String>,
}

/// A signalling frame from a member's browser.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Frame {
    /// Start a call: it rings on the other members' pages. The answer to the sender is
    /// `{"type": "call-ringing", "call_id"}`.
    CallRing,
    /// The caller's session description.
    CallOffer {
        call_id: String,
        sdp: String,
    },
    /// The answering member's session description; the call is connected from now. The
    /// answer to the sender is `{"type": "call-answered", "call_id"}`, or the error
    /// `call-unavailable` when another page answered first or the call ended.
    CallAnswer {
        call_id: String,
        sdp: String,
    },
    Ice {
        call_id: String,
        candidate: IceCandidate,
    },
    CallEnd {
        call_id: String,
        #[serde(default)]
        reason: EndReason,
    },
}

impl Frame {
    /// Reads a frame; anything malformed is `request-invalid`.
    pub fn parse(text: &str) -> Result<Frame> {
        let frame: Frame =
            serde_json::from_str(text).map_err(|_| Error::invalid("type", "request-invalid"))?;
        match &frame {
            Frame::CallOffer { sdp, .. } | Frame::CallAnswer { sdp, .. }
                if !sdp.starts_with("v=0") =>
            {
                Err(Error::invalid("sdp", "request-invalid"))
            }
            _ => Ok(frame),
        }
    }
}

/// What one socket knows of the calls: its own id (it does not hear its own frames back)
/// and the calls it takes part in (as caller or as the answering member), which end when it
/// closes.
#[derive(Debug)]
pub struct Conn {
    pub id: String,
    calls: HashSet<String>,
}

impl Default for Conn {
    fn default() -> Self {
        Conn { id: new_id(), calls: HashSet::new() }
    }
}

impl Conn {
    pub fn in_call(&self, call_id: &str) -> bool {
        self.calls.contains(call_id)
    }
    /// Follows a relayed signal: a call ended elsewhere is no longer this socket's.
    pub fn heard(&mut self, signal: &Signal) {
        if signal.kind == SignalKind::End {
            self.calls.remove(&signal.call_id);
        }
    }
}

/// A relayed frame as stored for the space's sockets.
#[derive(Clone, Debug, FromRow)]
pub struct Signal {
    pub id: String,
    pub call_id: String,
    pub from_user_id: String,
    pub from_name: String,
    pub from_conn: String,
    #[sqlx(try_from = "String")]
    pub kind: SignalKind,
    pub payload: String,
}

impl TryFrom<String> for SignalKind {
    type Error = Error;
    fn try_from(s: String) -> Result<SignalKind> {
        SignalKind::parse(&s)
    }
}

impl Signal {
    /// The frame as the socket of member `user_id` receives it. `mine` tells a member's
    /// other pages that the frame came from them (their own ring is not to be answered).
    pub fn to_frame(&self, user_id: &str) -> Value {
        let mut frame = json!({
            "type": self.kind.as_str(),
            "call_id": self.call_id,
            "from": self.from_name,
            "mine": self.from_user_id == user_id,
        });
        if let (Some(out), Ok(Value::Object(fields))) =
            (frame.as_object_mut(), serde_json::from_str::<Value>(&self.payload))
        {
            out.extend(fields);
        }
        frame
    }
}

/// Handles one signalling frame of `actor` on socket `conn` of the space. Returns the direct
/// answer to the sender, if any. Refusals: `call-unavailable` for a call that is not the
/// sender's to signal (ended, answered elsewhere, another space's, or never theirs),
/// `space-archived` in an archived space.
pub async fn receive(
    db: &Db,
    actor: &Actor,
    place: &InSpace,
    conn: &mut Conn,
    frame: Frame,
) -> Result<Option<Value>> {
    let space = &place.space;
    let me = &actor.user.id;
    match frame {
        Frame::CallRing => {
            // Checked afresh, not only when the socket opened: still a present member?
            let place = access::enter(db, actor, &space.id).await?;
            let call_id = call_log::start(db, &place, me).await?;
            sweep(db).await?;
            conn.calls.insert(call_id.clone());
            relay(db, actor, space, conn, &call_id, SignalKind::Ring, json!({})).await?;
            Ok(Some(json!({"type": "call-ringing", "call_id": call_id})))
        }
        Frame::CallOffer { call_id, sdp } => {
            own_call(conn, &call_id)?;
            relay(db, actor, space, conn, &call_id, SignalKind::Offer, json!({"sdp": sdp})).await?;
            Ok(None)
        }
        Frame::CallAnswer { call_id, sdp } => {
            access::enter(db, actor, &space.id).await?;
            call_log::answer(db, space, &call_id, me).await?;
            conn.calls.insert(call_id.clone());
            relay(db, actor, space, conn, &call_id, SignalKind::Answer, json!({"sdp": sdp}))
                .await?;
            Ok(Some(json!({"type": "call-answered", "call_id": call_id})))
        }
        Frame::Ice { call_id, candidate } => {
            own_call(conn, &call_id)?;
            let payload = json!({"candidate": candidate});
            relay(db, actor, space, conn, &call_id, SignalKind::Ice, payload).await?;
            Ok(None)
        }
        Frame::CallEnd { call_id, reason } => {
            let ended = end(db, actor, space, conn, &call_id, reason).await?;
            if ended.is_none() && !conn.calls.remove(&call_id) {
                return Err(Error::conflict("call", "call-unavailable"));
            }
            Ok(Some(json!({"type": "call-ended", "call_id": call_id, "duration_seconds": ended})))
        }
    }
}

/// Ends the calls of a socket that closed, telling the other party.
pub async fn disconnect(db: &Db, actor: &Actor, space: &Space, conn: &mut Conn) {
    for call_id in std::mem::take(&mut conn.calls) {
        if let Err(e) = end(db, actor, space, conn, &call_id, EndReason::Disconnected).await {
            tracing::warn!(error = %e, "cannot end the call of a closed socket");
        }
    }
}

/// Ends the call in the log and, if this ended it, relays the end and drops the call's
/// other signals (its session descriptions and addresses are not kept).
async fn end(
    db: &Db,
    actor: &Actor,
    space: &Space,
    conn: &mut Conn,
    call_id: &str,
    reason: EndReason,
) -> Result<Option<i64>> {
    let Some(duration) = call_log::end(db, space, call_id, &actor.user.id).await? else {
        return Ok(None);
    };
    conn.calls.remove(call_id);
    sqlx::query("DELETE FROM space_call_signals WHERE org_id = $1 AND call_id = $2")
        .bind(&space.org_id)
        .bind(call_id)
        .execute(db.pool())
        .await?;
    let payload = json!({"reason": reason, "duration_seconds": duration});
    relay(db, actor, space, conn, call_id, SignalKind::End, payload).await?;
    sweep(db).await?;
    Ok(Some(duration))
}

fn own_call(conn: &Conn, call_id: &str) -> Result<()> {
    if conn.in_call(call_id) { Ok(()) } else { Err(Error::conflict("call", "call-unavailable")) }
}

/// Stores the signal and tells every process's sockets of the space about it.
async fn relay(
    db: &Db,
    actor: &Actor,
    space: &Space,
    conn: &Conn,
    call_id: &str,
    kind: SignalKind,
    payload: Value,
) -> Result<()> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO space_call_signals (org_id, id, space_id, call_id, from_user_id, from_name, from_conn, kind, payload, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&space.org_id)
    .bind(&id)
    .bind(&space.id)
    .bind(call_id)
    .bind(&actor.user.id)
    .bind(&actor.user.display_name)
    .bind(&conn.id)
    .bind(kind.as_str())
    .bind(payload.to_string())
    .bind(now())
    .execute(db.pool())
    .await?;
    events::publish(
        db,
        Event {
            space_id: Some(space.id.clone()),
            message_id: Some(id),
            ..Event::of(&space.org_id, EVENT_KIND)
        },
    )
    .await;
    Ok(())
}

/// A relayed signal of the space, as its sockets read it when its event arrives.
pub async fn get(db: &Db, space: &Space, id: &str) -> Result<Option<Signal>> {
    Ok(sqlx::query_as(
        "SELECT id, call_id, from_user_id, from_name, from_conn, kind, payload
         FROM space_call_signals WHERE org_id = $1 AND space_id = $2 AND id = $3",
    )
    .bind(&space.org_id)
    .bind(&space.id)
    .bind(id)
    .fetch_optional(db.pool())
    .await?)
}

/// Removes signals past their use, in every space.
async fn sweep(db: &Db) -> Result<()> {
    sqlx::query("DELETE FROM space_call_signals WHERE created_at < $1")
        .bind(now() - KEEP_SECS)
        .execute(db.pool())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_parse_and_refuse_what_is_not_signalling() {
        assert_eq!(Frame::parse(r#"{"type":"call-ring"}"#).unwrap(), Frame::CallRing);
        let ice = Frame::parse(
            r#"{"type":"ice","call_id":"c","candidate":{"candidate":"candidate:1 1 udp 1 127.0.0.1 5000 typ host","sdpMid":"0","sdpMLineIndex":0,"evil":"x"}}"#,
        )
        .unwrap();
        let Frame::Ice { candidate, .. } = ice else { panic!("an ice frame") };
        assert_eq!(candidate.sdp_m_line_index, Some(0));
        // Only the known fields travel on.
        assert!(!serde_json::to_string(&candidate).unwrap().contains("evil"));
        assert!(matches!(
            Frame::parse(r#"{"type":"call-end","call_id":"c"}"#).unwrap(),
            Frame::CallEnd { reason: EndReason::Hangup, .. }
        ));
        for bad in [
            r#"{"type":"call-offer","call_id":"c","sdp":"<script>"}"#,
            r#"{"type":"call-offer","sdp":"v=0"}"#,
            r#"{"type":"call-end","call_id":"c","reason":"exploded"}"#,
            r#"{"type":"hangup"}"#,
            "not json",
        ] {
            assert_eq!(Frame::parse(bad).unwrap_err().code(), "request-invalid", "{bad}");
        }
    }

    #[test]
    fn a_relayed_signal_says_whose_it_is() {
        let s = Signal {
            id: "s".into(),
            call_id: "c".into(),
            from_user_id: "u1".into(),
            from_name: "Kaisa".into(),
            from_conn: "k".into(),
            kind: SignalKind::Offer,
            payload: r#"{"sdp":"v=0"}"#.into(),
        };
        let f = s.to_frame("u2");
        assert_eq!(f["type"], "call-offer");
        assert_eq!((f["sdp"].as_str(), f["mine"].as_bool()), (Some("v=0"), Some(false)));
        assert_eq!(s.to_frame("u1")["mine"], true);
        assert!(SignalKind::is_signal("ice") && !SignalKind::is_signal("message"));
    }
}
