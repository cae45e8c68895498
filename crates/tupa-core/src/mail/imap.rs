//! IMAP client transport (async-imap over rustls): open a folder, list and fetch unseen
//! messages, flag them \Seen, and wait for news with IDLE. Knows nothing of the desk; the
//! poller in `desk::imap_poll` decides what a message becomes.
//!
//! Always over TLS, implicit (port 993) or STARTTLS (port 143): a password never crosses the
//! network in the clear. Certificates are checked against the public web roots plus, when
//! configured, a private CA file.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use async_imap::extensions::idle::IdleResponse;
use futures_util::TryStreamExt;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use tokio_rustls::rustls::{ClientConfig, RootCertStore};

/// How the connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (IMAPS, port 993).
    Tls,
    /// Plain connection upgraded with STARTTLS before anything else is said (port 143).
    StartTls,
}

impl Security {
    pub fn parse(s: &str) -> Option<Security> {
        match s {
            "tls" => Some(Security::Tls),
            "starttls" => Some(Security::StartTls),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Security::Tls => "tls",
            Security::StartTls => "starttls",
        }
    }
}

/// Where to connect and as whom.
pub struct Target<'a> {
    pub host: &'a str,
    pub port: u16,
    pub security: Security,
    pub username: &'a str,
    pub password: &'a str,
    pub folder: &'a str,
}

/// Connecting, signing in and selecting the folder together may take this long.
const OPEN_TIMEOUT: Duration = Duration::from_secs(60);
/// One command (a fetch of a large message included).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(300);

type Session = async_imap::Session<TlsStream<TcpStream>>;

/// An open, selected folder.
pub struct Folder {
    session: Session,
    idle: bool,
}

/// Resolves once `stop` turns true (or its sender is gone).
pub async fn stopped(stop: &mut watch::Receiver<bool>) {
    // The guard wait_for returns is dropped here, before any await of the caller.
    let _ = stop.wait_for(|s| *s).await.map(|_| ());
}

async fn within<T>(
    limit: Duration,
    what: &str,
    fut: impl Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    tokio::time::timeout(limit, fut)
        .await
        .map_err(|_| anyhow!("{what}: no answer from the IMAP server in {} s", limit.as_secs()))?
}

fn tls_config(ca_file: Option<&Path>) -> anyhow::Result<Arc<ClientConfig>> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = ca_file {
        let certs = CertificateDer::pem_file_iter(path)
            .with_context(|| format!("cannot read the IMAP CA file {}", path.display()))?;
        for cert in certs {
            roots
                .add(
                    cert.with_context(|| {
                        format!("the IMAP CA file {} is not PEM", path.display())
                    })?,
                )
                .context("a certificate in the IMAP CA file is not usable")?;
        }
    }
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Connects, signs in and selects the folder.
pub async fn open(target: &Target<'_>, ca_file: Option<&Path>) -> anyhow::Result<Folder> {
    within(OPEN_TIMEOUT, "connecting", open_inner(target, ca_file)).await
}

async fn open_inner(target: &Target<'_>, ca_file: Option<&Path>) -> anyhow::Result<Folder> {
    let connector = TlsConnector::from(tls_config(ca_file)?);
    let name = ServerName::try_from(target.host.to_string())
        .map_err(|_| anyhow!("'{}' is not a host name", target.host))?;
    let tcp = TcpStream::connect((target.host, target.port))
        .await
        .with_context(|| format!("cannot connect to {}:{}", target.host, target.port))?;
    let client = match target.security {
        Security::Tls => {
            let tls = connector.connect(name, tcp).await.context("TLS handshake failed")?;
            let mut client = async_imap::Client::new(tls);
            client
                .read_response()
                .await?
                .ok_or_else(|| anyhow!("the server closed the connection before greeting"))?;
            client
        }
        Security::StartTls => {
            let mut plain = async_imap::Client::new(tcp);
            plain
                .read_response()
                .await?
                .ok_or_else(|| anyhow!("the server closed the connection before greeting"))?;
            plain
                .run_command_and_check_ok("STARTTLS", None)
                .await
                .context("the server refused STARTTLS")?;
            let tls = connector
                .connect(name, plain.into_inner())
                .await
                .context("TLS handshake failed")?;
            async_imap::Client::new(tls)
        }
    };
    let mut session = client
        .login(target.username, target.password)
        .await
        .map_err(|(e, _)| anyhow!("sign-in refused: {e}"))?;
    let idle = session.capabilities().await?.has_str("IDLE");
    session
        .select(target.folder)
        .await
        .with_context(|| format!("cannot open folder '{}'", target.folder))?;
    Ok(Folder { session, idle })
}

impl Folder {
    /// True when the server offers IDLE (RFC 2177).
    pub fn supports_idle(&self) -> bool {
        self.idle
    }

    /// UIDs of the messages not yet flagged \Seen, oldest first.
    pub async fn unseen(&mut self) -> anyhow::Result<Vec<u32>> {
        within(COMMAND_TIMEOUT, "searching", async {
            let mut uids: Vec<u32> = self.session.uid_search("UNSEEN").await?.into_iter().collect();
            uids.sort_unstable();
            Ok(uids)
        })
        .await
    }

    /// The message as it was delivered, byte for byte, but at most `max` bytes (a partial
    /// fetch: the server sends no more whatever size it reported). BODY.PEEK leaves \Seen
    /// alone, so a message that cannot be stored stays unseen and is fetched again later.
    pub async fn fetch(&mut self, uid: u32, max: usize) -> anyhow::Result<Option<Vec<u8>>> {
        within(COMMAND_TIMEOUT, "fetching", async {
            let fetches: Vec<_> = self
                .session
                .uid_fetch(uid.to_string(), format!("BODY.PEEK[]<0.{max}>"))
                .await?
                .try_collect()
                .await?;
            Ok(fetches.iter().find_map(|f| f.body().map(<[u8]>::to_vec)))
        })
        .await
    }

    /// The message's size as the server reports it (RFC822.SIZE), asked before fetching it.
    pub async fn size(&mut self, uid: u32) -> anyhow::Result<Option<u64>> {
        within(COMMAND_TIMEOUT, "asking the size", async {
            let fetches: Vec<_> =
                self.session.uid_fetch(uid.to_string(), "RFC822.SIZE").await?.try_collect().await?;
            Ok(fetches.iter().find_map(|f| f.size).map(u64::from))
        })
        .await
    }

    /// The start of the message's header section, at most `max` bytes.
    pub async fn fetch_header(&mut self, uid: u32, max: usize) -> anyhow::Result<Option<Vec<u8>>> {
        within(COMMAND_TIMEOUT, "fetching the header", async {
            let fetches: Vec<_> = self
                .session
                .uid_fetch(uid.to_string(), format!("BODY.PEEK[HEADER]<0.{max}>"))
                .await?
                .try_collect()
                .await?;
            Ok(fetches.iter().find_map(|f| f.header().map(<[u8]>::to_vec)))
        })
        .await
    }

    pub async fn mark_seen(&mut self, uid: u32) -> anyhow::Result<()> {
        within(COMMAND_TIMEOUT, "flagging", async {
            let _: Vec<_> = self
                .session
                .uid_store(uid.to_string(), "+FLAGS.SILENT (\\Seen)")
                .await?
                .try_collect()
                .await?;
            Ok(())
        })
        .await
    }

    /// Waits with IDLE until the server reports a change, `renew` passes (servers drop an
    /// IDLE after 30 minutes, RFC 2177), or `stop` turns true. Returns the folder to look in
    /// again, or None when stopped (the connection is then simply dropped).
    pub async fn idle(
        self,
        renew: Duration,
        stop: &mut watch::Receiver<bool>,
    ) -> anyhow::Result<Option<Folder>> {
        if !self.idle {
            bail!("the server does not offer IDLE");
        }
        // Changes reported while we were busy are read with the next search anyway.
        while self.session.unsolicited_responses.try_recv().is_ok() {}
        let idle = self.idle;
        let mut handle = self.session.idle();
        within(COMMAND_TIMEOUT, "starting IDLE", async { Ok(handle.init().await?) }).await?;
        let stopped = {
            // The library's own timeout restarts with every keepalive the server sends, so
            // the renewal is timed here as well.
            let (wait, _interrupt) = handle.wait_with_timeout(renew);
            tokio::select! {
                r = wait => match r? {
                    IdleResponse::NewData(_) | IdleResponse::Timeout | IdleResponse::ManualInterrupt => false,
                },
                _ = tokio::time::sleep(renew) => false,
                _ = stopped(stop) => true,
            }
        };
        if stopped {
            return Ok(None);
        }
        let session =
            within(COMMAND_TIMEOUT, "ending IDLE", async { Ok(handle.done().await?) }).await?;
        Ok(Some(Folder { session, idle }))
    }

    /// Signs out politely (errors do not matter: the connection closes either way).
    pub async fn close(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(10), self.session.logout()).await;
    }
}
