//! An OpenID Connect relying party, generic over providers: authorization code flow with
//! PKCE, `state` and `nonce`; signed request objects (JAR); `private_key_jwt` (or a client
//! secret) at the token endpoint; ID tokens and userinfo that may be signed *and encrypted*.
//!
//! One idea per file: [`jose`] (base64url and the compact form), [`jwk`] (public keys and
//! signature checks), [`jws`] (signing and verifying), [`jwe`] (decrypting), [`keys`] (our
//! own keys, stored in the database and published), [`discovery`] (the provider's metadata
//! and keys, cached), [`flow`] (the state of a started sign-in, in the database so any
//! instance can finish it), [`id_token`] (the checks on the claims) and [`client`] (the
//! requests to the provider). A provider-specific policy, such as the Finnish Trust Network
//! profile in `identity::ftn`, configures these and decides what an identity means.

pub mod client;
pub mod discovery;
pub mod flow;
pub mod id_token;
pub mod jose;
pub mod jwe;
pub mod jwk;
pub mod jws;
pub mod keys;
#[cfg(test)]
mod tests;

pub use client::{ClientAuth, ClientConfig, Identified, RelyingParty};

/// Why an identification was refused. A closed set: each has its own translated page
/// (`identification-refused-<code>`), and the cause is logged, never shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The person cancelled at the provider (`access_denied`).
    Cancelled,
    /// The level of assurance is not one of the accepted ones.
    AcrNotAccepted,
    /// A token, code or response failed a check (signature, issuer, audience, nonce, expiry,
    /// a replayed code the provider refused…).
    Invalid,
    /// The flow's state is unknown, used already, expired or from another browser.
    StateExpired,
    /// The provider could not be reached or answered with an error of its own.
    ProviderUnavailable,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Cancelled => "cancelled",
            Refusal::AcrNotAccepted => "acr",
            Refusal::Invalid => "invalid",
            Refusal::StateExpired => "expired",
            Refusal::ProviderUnavailable => "unavailable",
        }
    }
}

/// A refusal with its cause for the log.
#[derive(Debug)]
pub struct Refused {
    pub refusal: Refusal,
    pub cause: anyhow::Error,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "identification refused ({}): {:#}", self.refusal.code(), self.cause)
    }
}

impl std::error::Error for Refused {}

impl Refused {
    pub fn new(refusal: Refusal, cause: impl Into<anyhow::Error>) -> Refused {
        Refused { refusal, cause: cause.into() }
    }
    pub fn invalid(cause: impl Into<anyhow::Error>) -> Refused {
        Refused::new(Refusal::Invalid, cause)
    }
}

/// Allowed difference between our clock and the provider's, in seconds.
pub const CLOCK_SKEW_SECS: i64 = 60;
