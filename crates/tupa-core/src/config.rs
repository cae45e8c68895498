//! Settings the running installation needs, built once by the binary from flags, environment
//! and `tupa.toml`, and passed down (no global statics).

use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// Banner on every page, test identification allowed, mail captured and never sent.
    Training,
    Production,
}

impl Environment {
    pub fn parse(s: &str) -> Option<Environment> {
        match s.trim().to_ascii_lowercase().as_str() {
            "training" => Some(Environment::Training),
            "production" => Some(Environment::Production),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Training => "training",
            Environment::Production => "production",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub environment: Environment,
    /// The address people use to reach this installation, for links in mail
    /// (for example `https://tupa.example.fi`). No trailing slash.
    pub public_url: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    /// `smtp://user:pass@host:587` (STARTTLS) or `smtps://…:465`; None keeps mail in the outbox.
    pub smtp_url: Option<String>,
    /// The From address of mail the installation sends.
    pub mail_from: String,
    /// Behind a load balancer: take the client address from the last X-Forwarded-For entry
    /// (the one the balancer added), so sign-in throttling and the audit log see the person,
    /// not the balancer. Off by default, because a client could forge the header.
    pub trust_forwarded_for: bool,
    /// Key of stored secrets (see `secrets`); None: a key file in the data directory.
    pub secret_key: Option<crate::secrets::SecretKey>,
    /// Extra CA certificates (PEM) trusted for IMAP servers besides the public web roots, for
    /// a private CA (or a test server).
    pub imap_ca_file: Option<PathBuf>,
    /// How often a mailbox whose server does not offer IDLE is checked.
    pub imap_poll_seconds: u64,
    /// TURN/STUN servers for video calls in guidance spaces; None: browsers connect directly.
    pub turn: Option<crate::guidance::calls::TurnConfig>,
}

impl Settings {
    /// Cookies get the Secure flag and pages HSTS when people reach us over TLS.
    pub fn served_over_tls(&self) -> bool {
        self.public_url.starts_with("https://")
    }
    /// Mail is really sent only in production with SMTP configured.
    pub fn sends_mail(&self) -> bool {
        self.environment == Environment::Production && self.smtp_url.is_some()
    }
}
