//! The client side of the mail gate (`tupa_core::desk::ingest_gate`): `tupa mail ingest` hands
//! the message to the running `tupa serve` and prints what became of it; only when no server
//! takes mail at the address does the process store the message itself.
//!
//! `TUPA_MAIL_GATE` says where: unset, the server's own `TUPA_LISTEN` address (a wildcard
//! address means this host); `host:port` or `http://host:port`, another address (a balancer
//! in front of several instances); `off`, never (the process always stores the mail itself).
//! Plain HTTP only: the gate is meant for this host or the installation's own network, and
//! a TLS client's set-up (reading the system's CA certificates) cost more than everything
//! else the process does.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper::{Request, header};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tupa_core::config::Settings;
use tupa_core::desk::ingest::Outcome;
use tupa_core::desk::ingest_gate;

/// What the gate did with a message.
pub enum Handed {
    /// A Tupa server of this installation took it: this is what became of it.
    Taken(Outcome),
    /// A Tupa server took it and answered in words this release cannot read (a newer one
    /// behind the same address): stored, as its answer says.
    TakenUnread(String),
    /// Nothing took it (no server, another program on the port, another installation, or
    /// the gate is off); nothing was stored, so the process stores it itself.
    NotTaken,
}

/// The gate's `host:port` (`configured`: TUPA_MAIL_GATE), or None when it is off.
fn address(listen: &str, configured: Option<&str>) -> Option<String> {
    let target = match configured.map(str::trim).filter(|v| !v.is_empty()) {
        Some("off") => return None,
        Some(given) => given.to_string(),
        None => listen.to_string(),
    };
    let target = target.trim_start_matches("http://").trim_end_matches('/');
    if target.contains(['/', '?']) {
        eprintln!("warning: TUPA_MAIL_GATE must be host:port (plain HTTP); storing directly");
        return None;
    }
    // A server listening on every address is reached on this host's loopback.
    Some(match target.rsplit_once(':') {
        Some(("0.0.0.0", port)) => format!("127.0.0.1:{port}"),
        Some(("[::]", port)) => format!("[::1]:{port}"),
        _ => target.to_string(),
    })
}

/// Hands `raw` to the gate. An error means the server was reached and the outcome is
/// unknown (a timeout, a failure on its side): the MTA should try again later.
pub async fn hand_over(
    settings: &Settings,
    listen: &str,
    raw: &[u8],
    recipient: Option<&str>,
) -> anyhow::Result<Handed> {
    let configured = std::env::var("TUPA_MAIL_GATE").ok();
    let Some(host) = address(listen, configured.as_deref()) else {
        return Ok(Handed::NotTaken);
    };
    // The installation's key as it is: a process that has none (or cannot read it) stores
    // the message itself rather than make a key file of its own.
    let Ok(Some(token)) = ingest_gate::existing_token(settings) else {
        return Ok(Handed::NotTaken);
    };
    let stream = match tokio::time::timeout(Duration::from_secs(2), TcpStream::connect(&host)).await
    {
        Ok(Ok(stream)) => stream,
        // Nothing listens there: the message never left this process.
        Ok(Err(_)) | Err(_) => return Ok(Handed::NotTaken),
    };
    let (mut sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let recipient: String =
        url::form_urlencoded::byte_serialize(recipient.unwrap_or("").as_bytes()).collect();
    let request = Request::post(format!("{}?recipient={recipient}", ingest_gate::PATH))
        .header(header::HOST, &host)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "message/rfc822")
        .body(Full::new(Bytes::copy_from_slice(raw)))?;
    let answer = async {
        let response = sender.send_request(request).await?;
        let status = response.status();
        let ours = response.headers().contains_key(ingest_gate::ANSWER_HEADER);
        let body = response.into_body().collect().await?.to_bytes();
        anyhow::Ok((status, ours, body))
    };
    // A connection that breaks without an answer (a server that stopped, or a program on
    // the port that does not speak HTTP) may have stored nothing or everything: the MTA tries
    // again later.
    let (status, ours, body) = tokio::time::timeout(Duration::from_secs(120), answer)
        .await
        .map_err(|_| anyhow::anyhow!("the server did not answer within two minutes"))??;
    if !ours {
        // Another program answered (a proxy, another web server): nothing of ours stored it.
        return Ok(Handed::NotTaken);
    }
    if status.is_success() {
        return Ok(match serde_json::from_slice::<Outcome>(&body) {
            Ok(outcome) => Handed::Taken(outcome),
            // Stored, by a release that answers in words this one does not know.
            Err(_) => Handed::TakenUnread(String::from_utf8_lossy(&body).into_owned()),
        });
    }
    match status.as_u16() {
        // Another installation's gate (its key differs): nothing was stored.
        401 => Ok(Handed::NotTaken),
        _ => anyhow::bail!("the server did not store the message ({status})"),
    }
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn the_gate_is_where_the_server_listens_unless_told() {
        let at = |listen, configured| address(listen, configured);
        assert_eq!(at("127.0.0.1:8080", None).as_deref(), Some("127.0.0.1:8080"));
        assert_eq!(at("127.0.0.1:8080", Some(" ")).as_deref(), Some("127.0.0.1:8080"));
        assert_eq!(at("0.0.0.0:9000", None).as_deref(), Some("127.0.0.1:9000"));
        assert_eq!(at("[::]:9000", None).as_deref(), Some("[::1]:9000"));
        assert_eq!(at("127.0.0.1:8080", Some("off")), None);
        assert_eq!(
            at("127.0.0.1:8080", Some("http://10.0.0.5:8080/")).as_deref(),
            Some("10.0.0.5:8080")
        );
        assert_eq!(at("127.0.0.1:8080", Some("10.0.0.5:25")).as_deref(), Some("10.0.0.5:25"));
        // Only plain HTTP to a host and port: anything else is not a gate address.
        assert_eq!(at("127.0.0.1:8080", Some("https://tupa.example.fi")), None);
        assert_eq!(at("127.0.0.1:8080", Some("10.0.0.5:8080/tupa")), None);
    }
}
