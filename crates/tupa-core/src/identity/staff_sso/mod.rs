//! Staff single sign-on through the organisation's own OpenID Connect provider (issue 10):
//! Microsoft Entra ID, Keycloak or any other. Built on the generic relying party in
//! [`super::oidc`] with a client secret; the organisation's main admin configures it.
//!
//! A sign-in only ever reaches an account that already exists: [`rules`] decide from the
//! provider's claims whether the person may come in at all (e-mail domains, groups), and
//! [`signin`] maps the e-mail address to an active staff account of this organisation and of
//! no other — an organisation's provider vouches for its own people only, never for a
//! platform admin or for someone who also works elsewhere. [`settings`] keeps the
//! configuration (the secret encrypted), [`providers`] the relying parties of a process.
//! Password + TOTP stays as the fallback.

pub mod providers;
pub mod rules;
pub mod settings;
pub mod signin;

pub use rules::{Rules, StaffRefusal};
pub use settings::{SsoInput, SsoView, StaffSso};

/// The redirect URI of `slug`'s provider, to register there.
pub fn redirect_uri(public_url: &str, slug: &str) -> String {
    format!("{}/auth/sso/{slug}/callback", public_url.trim_end_matches('/'))
}

/// Where a person starts signing in through `slug`'s provider.
pub fn start_path(slug: &str) -> String {
    format!("/auth/sso/{slug}")
}
