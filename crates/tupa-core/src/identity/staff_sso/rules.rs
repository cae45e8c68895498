//! Who the organisation's provider may sign in: the claims are checked against the rules
//! before any account is looked at. E-mail domains and groups are both optional, but at least
//! one is set (the settings refuse to save without), so a provider shared with other
//! tenants (a multi-tenant Entra ID app) cannot bring in everyone it knows.

use serde_json::{Map, Value};

use crate::identity::Email;

/// Why a staff sign-in was refused after the provider identified the person. A closed set:
/// each has its own translated sentence (`sso-refused-<code>`); details go to the log and
/// the audit log, never to the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffRefusal {
    /// The provider gave no usable e-mail address.
    NoEmail,
    /// The provider says the address is not verified.
    EmailUnverified,
    /// The address is not in one of the organisation's domains.
    Domain,
    /// The person is in none of the allowed groups.
    Group,
    /// No account of this organisation has that address.
    UnknownAccount,
    /// The account, or its membership in this organisation, is deactivated.
    Disabled,
    /// The account has roles in another organisation too: only password + TOTP signs it in.
    OtherOrganisation,
    /// Platform admins sign in with password + TOTP only.
    PlatformAdmin,
}

impl StaffRefusal {
    pub fn code(self) -> &'static str {
        match self {
            StaffRefusal::NoEmail => "no-email",
            StaffRefusal::EmailUnverified => "email-unverified",
            StaffRefusal::Domain => "domain",
            StaffRefusal::Group => "group",
            StaffRefusal::UnknownAccount => "unknown-account",
            StaffRefusal::Disabled => "disabled",
            StaffRefusal::OtherOrganisation => "other-organisation",
            StaffRefusal::PlatformAdmin => "platform-admin",
        }
    }
}

/// The organisation's rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    /// Lower-case domains; the address's domain must be one of them exactly.
    pub email_domains: Vec<String>,
    /// The claim that lists the person's groups (`groups` in Entra ID and Keycloak).
    pub group_claim: Option<String>,
    /// The person must be in one of these (compared exactly: Entra ID sends object ids).
    pub allowed_groups: Vec<String>,
}

impl Rules {
    /// True when at least one rule restricts who may come in.
    pub fn restricts(&self) -> bool {
        !self.email_domains.is_empty() || self.checks_groups()
    }

    fn checks_groups(&self) -> bool {
        self.group_claim.is_some() && !self.allowed_groups.is_empty()
    }

    /// The person's e-mail address, when the claims pass the rules. The address is `email`,
    /// else `preferred_username` when it is one (Entra ID's user principal name).
    pub fn check(&self, claims: &Map<String, Value>) -> Result<Email, StaffRefusal> {
        let text = |k: &str| claims.get(k).and_then(Value::as_str);
        let email = text("email")
            .and_then(|e| Email::parse(e).ok())
            .or_else(|| text("preferred_username").and_then(|e| Email::parse(e).ok()))
            .ok_or(StaffRefusal::NoEmail)?;
        // Absent means the provider does not say; only an explicit false refuses.
        if claims.get("email_verified").and_then(Value::as_bool) == Some(false) {
            return Err(StaffRefusal::EmailUnverified);
        }
        if !self.email_domains.is_empty() {
            let domain = email.as_str().rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
            if !self.email_domains.iter().any(|d| d == domain) {
                return Err(StaffRefusal::Domain);
            }
        }
        if let Some(claim) = self.group_claim.as_deref().filter(|_| self.checks_groups()) {
            let groups: Vec<&str> = match claims.get(claim) {
                Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
                Some(Value::String(s)) => s.split_whitespace().collect(),
                _ => Vec::new(),
            };
            if !groups.iter().any(|g| self.allowed_groups.iter().any(|a| a == g)) {
                return Err(StaffRefusal::Group);
            }
        }
        Ok(email)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn domain_rule() -> Rules {
        Rules { email_domains: vec!["espoo.fi".into()], ..Rules::default() }
    }

    #[test]
    fn domains_match_exactly() {
        let r = domain_rule();
        assert_eq!(
            r.check(&claims(json!({"email": "Maija@Espoo.fi"}))).unwrap().as_str(),
            "maija@espoo.fi"
        );
        for other in ["x@vantaa.fi", "x@evil-espoo.fi", "x@sub.espoo.fi", "x@espoo.fi.evil.test"] {
            assert_eq!(
                r.check(&claims(json!({"email": other}))),
                Err(StaffRefusal::Domain),
                "{other}"
            );
        }
    }

    #[test]
    fn the_address_may_come_as_preferred_username_and_must_not_be_unverified() {
        let r = domain_rule();
        assert!(r.check(&claims(json!({"preferred_username": "a@espoo.fi"}))).is_ok());
        assert_eq!(
            r.check(&claims(json!({"preferred_username": "a"}))),
            Err(StaffRefusal::NoEmail)
        );
        assert_eq!(
            r.check(&claims(json!({"email": "a@espoo.fi", "email_verified": false}))),
            Err(StaffRefusal::EmailUnverified)
        );
        assert!(r.check(&claims(json!({"email": "a@espoo.fi", "email_verified": true}))).is_ok());
    }

    #[test]
    fn groups_are_checked_when_set() {
        let r = Rules {
            email_domains: vec![],
            group_claim: Some("groups".into()),
            allowed_groups: vec!["tupa-staff".into()],
        };
        assert!(r.restricts());
        assert!(
            r.check(&claims(json!({"email": "a@x.fi", "groups": ["x", "tupa-staff"]}))).is_ok()
        );
        assert!(r.check(&claims(json!({"email": "a@x.fi", "groups": "tupa-staff other"}))).is_ok());
        assert_eq!(
            r.check(&claims(json!({"email": "a@x.fi", "groups": ["x"]}))),
            Err(StaffRefusal::Group)
        );
        assert_eq!(r.check(&claims(json!({"email": "a@x.fi"}))), Err(StaffRefusal::Group));
        assert!(!Rules { group_claim: Some("groups".into()), ..Rules::default() }.restricts());
    }
}
