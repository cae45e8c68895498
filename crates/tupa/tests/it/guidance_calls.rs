//! Video call signalling over the space's live socket: frames are relayed between the members'
//! sockets, also when they are on two `tupa serve` processes; the server records the call's
//! times from its own clock; strangers, other spaces' members, former members, oversized and
//! malformed frames are refused. (The media itself is tested in Chromium: e2e 44.)

use futures_util::{SinkExt, StreamExt};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tupa_core::organisations::people::Role;

use crate::both_backends;
use crate::guidance::{client_enters, open_space};
use crate::helpers::{Backend, spawn};

both_backends!(
    a_call_is_relayed_across_processes_and_recorded,
    signalling_is_refused_to_whoever_is_not_a_party,
);

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The space's live socket on `base`, authenticated by a header (bearer token or cookie).
async fn socket(base: &str, space_id: &str, header: (&'static str, String)) -> Socket {
    let url = format!("{}/api/v1/spaces/{space_id}/live", base.replace("http://", "ws://"));
    let mut request =
        tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(
            url.as_str(),
        )
        .unwrap();
    request.headers_mut().insert(header.0, header.1.parse().unwrap());
    let mut ws = tokio_tungstenite::connect_async(request).await.unwrap().0;
    // Listening once it says so; a signal sent before could miss this socket.
    assert_eq!(next(&mut ws).await["type"], "listening");
    ws
}

fn bearer(token: &str) -> (&'static str, String) {
    ("authorization", format!("Bearer {token}"))
}

async fn send(ws: &mut Socket, frame: Value) {
    ws.send(WsMessage::Text(frame.to_string().into())).await.unwrap();
}

/// The next text frame, whatever it is (so an unexpected one, such as an echo of the
/// socket's own signal, fails the test).
async fn next(ws: &mut Socket) -> Value {
    loop {
        match tokio::time::timeout(std::time::Duration::from_secs(10), ws.next()).await {
            Ok(Some(Ok(WsMessage::Text(text)))) => return serde_json::from_str(&text).unwrap(),
            Ok(Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_)))) => continue,
            other => panic!("no frame on the socket: {other:?}"),
        }
    }
}

/// Nothing arrives within a moment (longer than SQLite's one-second event poll).
async fn silent(ws: &mut Socket) {
    if let Ok(Some(Ok(WsMessage::Text(text)))) =
        tokio::time::timeout(std::time::Duration::from_millis(1500), ws.next()).await
    {
        panic!("unexpected frame: {text}");
    }
}

const OFFER: &str = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
const ANSWER: &str = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

async fn a_call_is_relayed_across_processes_and_recorded(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("kemi", "full").await;
    let counsellor = app.person(&org, "kirsi@kemi.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "kemi", "ville@example.fi").await;
    let client = client_enters(&app, &invite, "ville").await;

    // The counsellor on this process by token; the client on another process by session.
    let mut staff = socket(&app.base, &id, bearer(&counsellor.token)).await;
    let second = app.second_server().await;
    let cookie = format!("tupa_session={}", client.cookie("tupa_session").unwrap());
    let mut member = socket(&second, &id, ("cookie", cookie)).await;

    send(&mut staff, json!({"type": "call-ring"})).await;
    let ringing = next(&mut staff).await;
    assert_eq!(ringing["type"], "call-ringing", "{ringing}");
    let call_id = ringing["call_id"].as_str().unwrap().to_string();
    let ring = next(&mut member).await;
    assert_eq!(ring["type"], "call-ring");
    assert_eq!(ring["call_id"], call_id.as_str());
    assert_eq!((ring["from"].as_str(), ring["mine"].as_bool()), (Some("kirsi"), Some(false)));

    send(&mut staff, json!({"type": "call-offer", "call_id": call_id, "sdp": OFFER})).await;
    let offer = next(&mut member).await;
    assert_eq!((offer["type"].as_str(), offer["sdp"].as_str()), (Some("call-offer"), Some(OFFER)));

    // Candidates only from a party: the client has not answered yet.
    let candidate = json!({"candidate": "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "sdpMid": "0", "sdpMLineIndex": 0, "extra": "dropped"});
    send(&mut member, json!({"type": "ice", "call_id": call_id, "candidate": candidate})).await;
    assert_eq!(next(&mut member).await["code"], "call-unavailable");

    send(&mut member, json!({"type": "call-answer", "call_id": call_id, "sdp": ANSWER})).await;
    assert_eq!(next(&mut member).await["type"], "call-answered");
    // The counsellor's next frame is the answer: their own offer was not echoed back.
    let answer = next(&mut staff).await;
    assert_eq!(answer["type"], "call-answer", "{answer}");
    assert_eq!(
        (answer["sdp"].as_str(), answer["from"].as_str()),
        (Some(ANSWER), Some("Ville Virtanen"))
    );

    send(&mut member, json!({"type": "ice", "call_id": call_id, "candidate": candidate})).await;
    let ice = next(&mut staff).await;
    assert_eq!(ice["type"], "ice");
    assert_eq!(ice["candidate"]["candidate"], candidate["candidate"]);
    assert_eq!(ice["candidate"]["sdpMLineIndex"], 0);
    assert!(ice["candidate"].get("extra").is_none(), "only the known fields travel: {ice}");

    // The minutes come from the server's clock: move the answer 90 s back, as if they had
    // talked that long, then end.
    sqlx::query("UPDATE space_calls SET connected_at = connected_at - 90 WHERE id = $1")
        .bind(&call_id)
        .execute(app.db.pool())
        .await
        .unwrap();
    send(&mut staff, json!({"type": "call-end", "call_id": call_id})).await;
    let ended = next(&mut staff).await;
    assert_eq!(ended["type"], "call-ended", "{ended}");
    let duration = ended["duration_seconds"].as_i64().unwrap();
    assert!((90..100).contains(&duration), "{duration}");
    let end = next(&mut member).await;
    assert_eq!((end["type"].as_str(), end["reason"].as_str()), (Some("call-end"), Some("hangup")));
    assert_eq!(end["duration_seconds"], duration);

    // The record, for the counsellor only.
    let (status, calls) =
        app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/calls")).await;
    assert_eq!(status, StatusCode::OK, "{calls}");
    let call = &calls[0];
    assert_eq!(
        (call["id"].as_str(), call["started_by"].as_str()),
        (Some(call_id.as_str()), Some(counsellor.id.as_str()))
    );
    assert_eq!(call["duration_seconds"], duration);
    assert!(call["connected_at"].is_i64() && call["ended_at"].is_i64());
    assert!(call["answered_by"].is_string());
    assert_eq!(
        client.get(&format!("/api/v1/spaces/{id}/calls")).await.status(),
        StatusCode::FORBIDDEN
    );
    // The session descriptions and addresses are not kept once the call ended.
    let (kept,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM space_call_signals WHERE call_id = $1 AND kind <> 'call-end'",
    )
    .bind(&call_id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(kept, 0);
    // The counsellor sees the minutes on the space page; the client does not.
    let (_, html) = app.signed_in(&counsellor).await.get_text(&format!("/spaces/{id}")).await;
    assert!(html.contains("id=\"call-log\""), "call log shown to the counsellor");
    assert!(html.contains(&tupa_core::guidance::call_log::shown(duration)), "minutes shown");
    assert!(html.contains("/assets/space-call.") && html.contains("id=\"call-needs-js\""));
    let (_, html) = client.get_text(&format!("/spaces/{id}")).await;
    assert!(!html.contains("id=\"call-log\"") && html.contains("id=\"call-start\""));

    // A party whose socket closes ends the call; the other hears why.
    send(&mut member, json!({"type": "call-ring"})).await;
    let second_call = next(&mut member).await["call_id"].as_str().unwrap().to_string();
    assert_eq!(next(&mut staff).await["type"], "call-ring");
    send(&mut staff, json!({"type": "call-answer", "call_id": second_call, "sdp": ANSWER})).await;
    assert_eq!(next(&mut staff).await["type"], "call-answered");
    assert_eq!(next(&mut member).await["type"], "call-answer");
    member.close(None).await.unwrap();
    let end = next(&mut staff).await;
    assert_eq!(
        (end["type"].as_str(), end["reason"].as_str()),
        (Some("call-end"), Some("disconnected"))
    );
    let (_, calls) = app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/calls")).await;
    assert_eq!(calls.as_array().unwrap().len(), 2);
    assert!(calls[0]["ended_at"].is_i64(), "{calls}");
}

async fn signalling_is_refused_to_whoever_is_not_a_party(backend: Backend) {
    let app = spawn(backend).await;
    app.operator().await;
    let org = app.org("vaasa", "full").await;
    let counsellor = app.person(&org, "veera@vaasa.test", Role::Counsellor).await;
    let colleague = app.person(&org, "ville@vaasa.test", Role::Counsellor).await;
    let (id, invite) = open_space(&app, &counsellor.token, "vaasa", "asiakas@example.fi").await;
    let (other_id, _) = open_space(&app, &colleague.token, "vaasa", "toinen@example.fi").await;
    let client = client_enters(&app, &invite, "anna").await;
    let cookie = format!("tupa_session={}", client.cookie("tupa_session").unwrap());

    let mut staff = socket(&app.base, &id, bearer(&counsellor.token)).await;
    let mut member = socket(&app.base, &id, ("cookie", cookie)).await;
    // A member of another space signals on their own space's socket with this space's call.
    let mut outsider = socket(&app.base, &other_id, bearer(&colleague.token)).await;

    send(&mut staff, json!({"type": "call-ring"})).await;
    let call_id = next(&mut staff).await["call_id"].as_str().unwrap().to_string();
    assert_eq!(next(&mut member).await["type"], "call-ring");
    for frame in [
        json!({"type": "call-answer", "call_id": call_id, "sdp": ANSWER}),
        json!({"type": "call-offer", "call_id": call_id, "sdp": OFFER}),
        json!({"type": "ice", "call_id": call_id, "candidate": {"candidate": ""}}),
        json!({"type": "call-end", "call_id": call_id}),
    ] {
        send(&mut outsider, frame.clone()).await;
        assert_eq!(next(&mut outsider).await["code"], "call-unavailable", "{frame}");
    }
    // The caller cannot answer their own call; malformed frames are refused as such.
    send(&mut staff, json!({"type": "call-answer", "call_id": call_id, "sdp": ANSWER})).await;
    assert_eq!(next(&mut staff).await["code"], "call-unavailable");
    send(&mut staff, json!({"type": "call-offer", "call_id": call_id, "sdp": "<script>"})).await;
    assert_eq!(next(&mut staff).await["code"], "request-invalid");
    send(&mut staff, json!({"type": "call-end", "call_id": call_id, "reason": 5})).await;
    assert_eq!(next(&mut staff).await["code"], "request-invalid");
    // None of it reached the space's client, and the call still rings.
    silent(&mut member).await;
    let (_, calls) = app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/calls")).await;
    assert!(calls[0]["ended_at"].is_null() && calls[0]["connected_at"].is_null(), "{calls}");

    // The client declines; only now does the call end, unanswered, lasting 0 s.
    send(&mut member, json!({"type": "call-end", "call_id": call_id, "reason": "declined"})).await;
    assert_eq!(next(&mut member).await["type"], "call-ended");
    let end = next(&mut staff).await;
    assert_eq!(
        (end["reason"].as_str(), end["duration_seconds"].as_i64()),
        (Some("declined"), Some(0))
    );
    // Too late to answer.
    send(&mut member, json!({"type": "call-answer", "call_id": call_id, "sdp": ANSWER})).await;
    assert_eq!(next(&mut member).await["code"], "call-unavailable");

    // A member who has left the space cannot start a call on the socket they still hold.
    sqlx::query("UPDATE space_members SET left_at = 1 WHERE space_id = $1 AND role = 'client'")
        .bind(&id)
        .execute(app.db.pool())
        .await
        .unwrap();
    send(&mut member, json!({"type": "call-ring"})).await;
    assert_eq!(next(&mut member).await["code"], "not-found");
    silent(&mut staff).await;

    // An oversized frame closes the socket and rings nothing.
    let big = "v=0".to_string() + &"a".repeat(100 * 1024);
    let _ = staff
        .send(WsMessage::Text(
            json!({"type": "call-offer", "call_id": call_id, "sdp": big}).to_string().into(),
        ))
        .await;
    let closed = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            match staff.next().await {
                None | Some(Err(_)) | Some(Ok(WsMessage::Close(_))) => return true,
                Some(Ok(_)) => continue,
            }
        }
    })
    .await
    .unwrap_or(false);
    assert!(closed, "an oversized frame ends the socket");
    let (_, calls) = app.api(&counsellor.token).get(&format!("/api/v1/spaces/{id}/calls")).await;
    assert_eq!(calls.as_array().unwrap().len(), 1, "no call from the refused ring");
}
