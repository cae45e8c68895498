//! Outgoing HTTP(S): the client Tupa uses to call other services (the national job market).
//!
//! TLS is rustls with the ring provider (what lettre and the IMAP reader use, so no second
//! crypto library is compiled in) and the Mozilla roots compiled into the binary
//! (webpki-roots), so it works the same on a minimal container without a CA bundle.
//!
//! reqwest is built without a default provider (`rustls-no-provider`): *any* reqwest client,
//! ours or a test's, panics when built before a provider is installed. [`install_crypto_provider`]
//! does that once per process; `tupa` calls it at start-up and [`client`] calls it itself.

use std::sync::{Arc, Once};
use std::time::Duration;

use tokio_rustls::rustls;

use crate::config::Environment;

/// Makes ring the process's rustls provider (idempotent; a provider installed earlier stays).
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The TLS settings of outgoing requests: ring, TLS 1.2 and 1.3, the webpki roots.
fn tls_config() -> anyhow::Result<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    // reqwest is built for HTTP/1.1 only.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// A client for calling other services: the given overall timeout per request, a shorter
/// one for connecting, and no redirects (a PUT must not be replayed elsewhere). A proxy in
/// `HTTPS_PROXY` / `NO_PROXY` is used: public-sector networks often allow out only through
/// one.
pub fn client(timeout: Duration) -> anyhow::Result<reqwest::Client> {
    install_crypto_provider();
    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(tls_config()?)
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Tupa/", env!("CARGO_PKG_VERSION")))
        .build()?)
}

/// An address of another service that Tupa will call (the job market, an organisation's
/// identity provider), as a main admin entered it: trimmed, without a trailing slash. It must
/// be https, without query, fragment or credentials. Plain http only in the training
/// environment (a local test service), and in production not an address inside the server's
/// own network written as an IP or `localhost` (the server would otherwise call, and report
/// answers from, whatever internal service a main admin names). None when refused.
pub fn service_url(text: &str, environment: Environment) -> Option<String> {
    let text = text.trim().trim_end_matches('/');
    if text.is_empty() || text.len() > 500 || text.chars().any(char::is_control) {
        return None;
    }
    let url = reqwest::Url::parse(text).ok()?;
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return None;
    }
    let training = environment == Environment::Training;
    match url.scheme() {
        "https" => {}
        "http" if training => {}
        _ => return None,
    }
    let host = url.host_str().filter(|h| !h.is_empty())?.to_ascii_lowercase();
    let internal =
        match host.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>() {
            Ok(std::net::IpAddr::V4(ip)) => {
                ip.is_private()
                    || ip.is_loopback()
                    || ip.is_link_local()
                    || ip.is_unspecified()
                    || ip.is_broadcast()
            }
            Ok(std::net::IpAddr::V6(ip)) => {
                ip.is_loopback()
                    || ip.is_unspecified()
                    || (ip.segments()[0] & 0xfe00) == 0xfc00
                    || (ip.segments()[0] & 0xffc0) == 0xfe80
                    || ip.to_ipv4_mapped().is_some()
            }
            Err(_) => host == "localhost" || host.ends_with(".localhost"),
        };
    if internal && !training {
        return None;
    }
    Some(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_build_with_ring_and_webpki_roots() {
        assert!(client(Duration::from_secs(5)).is_ok());
        // Once installed, plain clients (tests, benches) build too.
        assert!(reqwest::Client::builder().build().is_ok());
        assert!(!tls_config().unwrap().alpn_protocols.is_empty());
    }

    /// A real TLS handshake needs the network; a local listener that is not TLS at all
    /// at least shows that https goes through rustls (a handshake error, not a builder one).
    #[tokio::test]
    async fn https_goes_through_rustls() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                use tokio::io::AsyncWriteExt;
                let _ = s.write_all(b"HTTP/1.1 200 OK\r\n\r\n").await;
            }
        });
        let err = client(Duration::from_secs(5))
            .unwrap()
            .get(format!("https://{addr}/"))
            .send()
            .await
            .unwrap_err();
        assert!(err.is_connect() || err.is_request(), "{err:?}");
        assert!(!err.is_builder(), "{err:?}");
    }
}
