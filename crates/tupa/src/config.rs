//! Configuration: command-line flags, then environment variables (clap reads both), then an
//! optional `tupa.toml`, then defaults. The result is one `Settings` value passed down.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;
use serde::Deserialize;
use tupa_core::config::{Environment, Settings};
use tupa_core::identity::ftn::FtnConfig;
use tupa_core::secrets::SecretKey;

/// Options every subcommand that touches the database shares.
#[derive(Args, Debug, Clone, Default)]
pub struct Common {
    /// Configuration file (TOML). Keys are the option names with underscores:
    /// listen, data_dir, database_url, environment, public_url, smtp_url, mail_from,
    /// trust_forwarded_for, secret_key, imap_ca_file, imap_poll_seconds, and for `serve`
    /// oidc_issuer, oidc_client_id, oidc_acr, oidc_person_claim.
    #[arg(long, env = "TUPA_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Where the embedded SQLite database and other local files live.
    #[arg(long, env = "TUPA_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// postgres://user@host/db for PostgreSQL; default: SQLite in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// training (banner, mail captured, default) or production.
    #[arg(long, env = "TUPA_ENVIRONMENT", global = true)]
    pub environment: Option<String>,
    /// The address people use to reach Tupa, for links in mail (default http://<listen>).
    #[arg(long, env = "TUPA_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// smtp://user:password@host:587?tls=required (STARTTLS), smtps://…:465 (TLS) or smtp://host:25
    /// (plain, for a local relay). Without it, mail stays in the outbox.
    #[arg(long, env = "TUPA_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// From address of outgoing mail.
    #[arg(long, env = "TUPA_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,
    /// Behind a load balancer: take the client address from the last X-Forwarded-For entry.
    #[arg(long, env = "TUPA_TRUST_FORWARDED_FOR", global = true)]
    pub trust_forwarded_for: Option<bool>,
    /// Key that encrypts stored secrets such as mailbox passwords: 32 bytes in base64
    /// (`openssl rand -base64 32`). Default: a key file made in the data directory. Set the same
    /// key on every instance that shares a database.
    #[arg(long, env = "TUPA_SECRET_KEY", global = true, hide_env_values = true)]
    pub secret_key: Option<String>,
    /// PEM file of extra CA certificates trusted for IMAP servers (a private CA), besides the
    /// public roots.
    #[arg(long, env = "TUPA_IMAP_CA_FILE", global = true)]
    pub imap_ca_file: Option<PathBuf>,
    /// Seconds between checks of a mailbox whose server does not offer IDLE (default 60).
    #[arg(long, env = "TUPA_IMAP_POLL_SECONDS", global = true)]
    pub imap_poll_seconds: Option<u64>,
    /// TURN (and STUN) servers for video calls in guidance spaces, separated by spaces or
    /// commas: `turn:turn.example.fi:3478 turns:turn.example.fi:5349`.
    #[arg(long, env = "TUPA_TURN_URLS", global = true)]
    pub turn_urls: Option<String>,
    /// The secret shared with the TURN server (coturn's `static-auth-secret`); members get
    /// time-limited credentials made with it.
    #[arg(long, env = "TUPA_TURN_SECRET", global = true, hide_env_values = true)]
    pub turn_secret: Option<String>,
}

/// Strong identification of clients through an FTN broker or Suomi.fi (OpenID Connect).
/// Without an issuer, clients identify with the test identification (training only).
#[derive(Args, Debug, Clone, Default)]
pub struct Oidc {
    /// The provider's issuer; its metadata is read from {issuer}/.well-known/openid-configuration.
    #[arg(long = "oidc-issuer", env = "TUPA_OIDC_ISSUER")]
    pub issuer: Option<String>,
    /// Our client id at the provider.
    #[arg(long = "oidc-client-id", env = "TUPA_OIDC_CLIENT_ID")]
    pub client_id: Option<String>,
    /// Accepted levels of assurance, space-separated, strongest first (default
    /// http://ftn.ficora.fi/2017/loa3 http://ftn.ficora.fi/2017/loa2).
    #[arg(long = "oidc-acr", env = "TUPA_OIDC_ACR")]
    pub acr: Option<String>,
    /// The claim with the personal identity code (default urn:oid:1.2.246.21).
    #[arg(long = "oidc-person-claim", env = "TUPA_OIDC_PERSON_CLAIM")]
    pub person_claim: Option<String>,
}

impl Oidc {
    /// The identification settings (flags and environment, then `tupa.toml`'s `oidc_*`
    /// keys), or None when no issuer is set.
    pub fn resolve(&self, common: &Common) -> anyhow::Result<Option<FtnConfig>> {
        let file = read_file(common.config.as_deref())?;
        let given = |flag: &Option<String>, key: Option<String>| {
            flag.clone().or(key).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
        };
        let Some(issuer) = given(&self.issuer, file.oidc_issuer) else {
            return Ok(None);
        };
        if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
            bail!("TUPA_OIDC_ISSUER '{issuer}' is not an http(s) address");
        }
        let Some(client_id) = given(&self.client_id, file.oidc_client_id) else {
            bail!(
                "TUPA_OIDC_ISSUER is set: set TUPA_OIDC_CLIENT_ID too (the client id the broker gave)"
            );
        };
        Ok(Some(FtnConfig {
            issuer,
            client_id,
            acr: FtnConfig::parse_acr(given(&self.acr, file.oidc_acr).as_deref()),
            person_claim: given(&self.person_claim, file.oidc_person_claim)
                .unwrap_or_else(|| tupa_core::identity::ftn::DEFAULT_PERSON_CLAIM.to_string()),
        }))
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    metrics_listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    environment: Option<String>,
    public_url: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    trust_forwarded_for: Option<bool>,
    secret_key: Option<String>,
    imap_ca_file: Option<PathBuf>,
    imap_poll_seconds: Option<u64>,
    turn_urls: Option<String>,
    turn_secret: Option<String>,
    oidc_issuer: Option<String>,
    oidc_client_id: Option<String>,
    oidc_acr: Option<String>,
    oidc_person_claim: Option<String>,
}

/// Where `/metrics` is served (`--metrics-listen`, `TUPA_METRICS_LISTEN`, then `tupa.toml`'s
/// `metrics_listen`); None, the default, serves no metrics at all.
pub fn metrics_listen(common: &Common, flag: Option<&str>) -> anyhow::Result<Option<SocketAddr>> {
    let given = match flag {
        Some(f) => Some(f.to_string()),
        None => read_file(common.config.as_deref())?.metrics_listen,
    };
    given
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.parse().with_context(|| format!("TUPA_METRICS_LISTEN '{s}' is not an address:port"))
        })
        .transpose()
}

fn read_file(path: Option<&Path>) -> anyhow::Result<FileConfig> {
    let (path, required) = match path {
        Some(p) => (p.to_path_buf(), true),
        None => (PathBuf::from("tupa.toml"), false),
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .with_context(|| format!("{} is not valid configuration", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            Ok(FileConfig::default())
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// A listen address as a browser on this machine reaches it: a wildcard host (every
/// interface) is not an address to open, so it becomes localhost.
fn reachable(listen: &str) -> String {
    for wildcard in ["0.0.0.0:", "[::]:"] {
        if let Some(port) = listen.strip_prefix(wildcard) {
            return format!("localhost:{port}");
        }
    }
    listen.to_string()
}

/// Resolves the settings; `listen` is the serve flag (None for other subcommands).
pub fn resolve(common: &Common, listen: Option<&str>) -> anyhow::Result<(Settings, String)> {
    let file = read_file(common.config.as_deref())?;
    // Other subcommands than serve read TUPA_LISTEN too, so the addresses they print (`tupa
    // demo`, invitations) are where `tupa serve` listens.
    let listen = listen
        .map(str::to_string)
        .or_else(|| std::env::var("TUPA_LISTEN").ok().filter(|l| !l.is_empty()))
        .or(file.listen)
        .unwrap_or_else(|| DEFAULT_LISTEN.to_string());
    let data_dir =
        common.data_dir.clone().or(file.data_dir).unwrap_or_else(|| PathBuf::from("tupa-data"));
    let environment_text =
        common.environment.clone().or(file.environment).unwrap_or_else(|| "training".into());
    let Some(environment) = Environment::parse(&environment_text) else {
        bail!("TUPA_ENVIRONMENT must be 'training' or 'production', not '{environment_text}'");
    };
    let database_url = match common.database_url.clone().or(file.database_url) {
        Some(url) => url,
        None => {
            std::fs::create_dir_all(&data_dir)
                .with_context(|| format!("cannot create data directory {}", data_dir.display()))?;
            format!("sqlite://{}?mode=rwc", data_dir.join("tupa.sqlite").display())
        }
    };
    // An empty TUPA_PUBLIC_URL counts as unset, as for the other variables.
    let public_url = common
        .public_url
        .clone()
        .filter(|u| !u.is_empty())
        .or(file.public_url)
        .unwrap_or_else(|| format!("http://{}", reachable(&listen)))
        .trim_end_matches('/')
        .to_string();
    if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
        bail!("TUPA_PUBLIC_URL must start with http:// or https://");
    }
    let smtp_url = common.smtp_url.clone().or(file.smtp_url).filter(|s| !s.is_empty());
    let mail_from = common
        .mail_from
        .clone()
        .or(file.mail_from)
        .unwrap_or_else(|| "tupa@localhost.invalid".into());
    if !mail_from.contains('@') {
        bail!("TUPA_MAIL_FROM must be an e-mail address");
    }
    let trust_forwarded_for =
        common.trust_forwarded_for.or(file.trust_forwarded_for).unwrap_or(false);
    let secret_key =
        match common.secret_key.clone().or(file.secret_key).filter(|k| !k.trim().is_empty()) {
            Some(text) => Some(SecretKey::parse(&text).context("TUPA_SECRET_KEY")?),
            None => None,
        };
    let imap_ca_file = common.imap_ca_file.clone().or(file.imap_ca_file);
    if let Some(path) = &imap_ca_file
        && !path.is_file()
    {
        bail!("TUPA_IMAP_CA_FILE {} is not a readable file", path.display());
    }
    let imap_poll_seconds = common.imap_poll_seconds.or(file.imap_poll_seconds).unwrap_or(60);
    if imap_poll_seconds == 0 {
        bail!("TUPA_IMAP_POLL_SECONDS must be at least 1");
    }
    let turn = match common.turn_urls.clone().or(file.turn_urls).filter(|u| !u.trim().is_empty()) {
        Some(text) => Some(tupa_core::guidance::calls::TurnConfig {
            urls: tupa_core::guidance::calls::parse_urls(&text)
                .map_err(|e| anyhow::anyhow!("TUPA_TURN_URLS: {e}"))?,
            secret: common.turn_secret.clone().or(file.turn_secret).filter(|s| !s.is_empty()),
        }),
        None => None,
    };
    Ok((
        Settings {
            environment,
            public_url,
            data_dir,
            database_url,
            smtp_url,
            mail_from,
            trust_forwarded_for,
            secret_key,
            imap_ca_file,
            imap_poll_seconds,
            turn,
        },
        listen,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_listen_address_is_printed_as_localhost() {
        assert_eq!(reachable("0.0.0.0:9000"), "localhost:9000");
        assert_eq!(reachable("[::]:8080"), "localhost:8080");
        assert_eq!(reachable("127.0.0.1:8080"), "127.0.0.1:8080");
    }

    #[test]
    fn oidc_settings_from_flags_or_the_file_with_ftn_defaults() {
        let none = Common { config: Some("/dev/null".into()), ..Common::default() };
        assert!(Oidc::default().resolve(&none).unwrap().is_none(), "no issuer: not configured");
        let flags = Oidc {
            issuer: Some("https://broker.test/oidc".into()),
            client_id: Some("tupa".into()),
            ..Oidc::default()
        };
        let ftn = flags.resolve(&none).unwrap().unwrap();
        assert_eq!(
            ftn.acr,
            vec!["http://ftn.ficora.fi/2017/loa3", "http://ftn.ficora.fi/2017/loa2"]
        );
        assert_eq!(ftn.person_claim, "urn:oid:1.2.246.21");
        let no_client = Oidc { client_id: None, ..flags.clone() };
        assert!(no_client.resolve(&none).unwrap_err().to_string().contains("TUPA_OIDC_CLIENT_ID"));
        let bad = Oidc { issuer: Some("broker.test".into()), ..flags };
        assert!(bad.resolve(&none).is_err());

        let path = std::env::temp_dir().join(format!("tupa-oidc-{}.toml", uuid::Uuid::new_v4()));
        std::fs::write(
            &path,
            "oidc_issuer = \"https://idp.test\"\noidc_client_id = \"c\"\noidc_acr = \"http://ftn.ficora.fi/2017/loa3\"\n",
        )
        .unwrap();
        let file = Common { config: Some(path.clone()), ..Common::default() };
        let ftn = Oidc::default().resolve(&file).unwrap().unwrap();
        assert_eq!((ftn.issuer.as_str(), ftn.client_id.as_str()), ("https://idp.test", "c"));
        assert_eq!(ftn.acr, vec!["http://ftn.ficora.fi/2017/loa3"]);
        let _ = std::fs::remove_file(path);
    }
}
