//! What an organisation tells people whose data it collects (GDPR art. 13): its privacy
//! notice in each language and its data-protection contact. Every collection point shows
//! these through one helper, so the forms cannot drift apart.

use serde::Deserialize;

use super::{Organisation, parse_url};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::identity::Email;

/// A privacy notice address.
pub const MAX_URL_CHARS: usize = 500;
/// The data-protection officer's name.
pub const MAX_DPO_NAME_CHARS: usize = 200;
/// The data-protection officer's phone number.
pub const MAX_DPO_PHONE_CHARS: usize = 40;
/// The data-protection officer's postal address.
pub const MAX_DPO_ADDRESS_CHARS: usize = 300;

/// The stored, validated privacy settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrivacySettings {
    pub notice_fi: Option<String>,
    pub notice_sv: Option<String>,
    pub notice_en: Option<String>,
    pub dpo_name: Option<String>,
    pub dpo_email: Option<String>,
    pub dpo_phone: Option<String>,
    pub dpo_address: Option<String>,
}

/// The privacy fields of a settings change. A field left out keeps its value, so clients
/// written before these fields existed (which send only `privacy_notice_url`) change nothing
/// they do not know about; an empty string clears a field.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct PrivacyInput {
    /// The Finnish privacy notice (https), also the fallback for the other languages.
    pub privacy_notice_url: Option<String>,
    pub privacy_notice_url_sv: Option<String>,
    pub privacy_notice_url_en: Option<String>,
    pub dpo_name: Option<String>,
    pub dpo_email: Option<String>,
    pub dpo_phone: Option<String>,
    pub dpo_address: Option<String>,
}

fn text(input: &str, max: usize, field: &'static str) -> Result<Option<String>> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    // Newlines are allowed in a postal address only; other control characters never.
    let bad = s.chars().any(|c| c.is_control() && c != '\n' && c != '\r')
        || (field != "dpo_address" && s.contains(['\n', '\r']));
    if s.chars().count() > max || bad {
        return Err(Error::invalid(field, "dpo-field-invalid"));
    }
    Ok(Some(s.to_string()))
}

impl PrivacySettings {
    pub fn of(org: &Organisation) -> PrivacySettings {
        PrivacySettings {
            notice_fi: org.privacy_notice_url.clone(),
            notice_sv: org.privacy_notice_url_sv.clone(),
            notice_en: org.privacy_notice_url_en.clone(),
            dpo_name: org.dpo_name.clone(),
            dpo_email: org.dpo_email.clone(),
            dpo_phone: org.dpo_phone.clone(),
            dpo_address: org.dpo_address.clone(),
        }
    }

    /// The settings after `input`, validated; fields absent from `input` keep their value.
    pub fn apply(&self, input: &PrivacyInput) -> Result<PrivacySettings> {
        let url = |v: &Option<String>, old: &Option<String>, field| match v {
            Some(v) => parse_url(v, field),
            None => Ok(old.clone()),
        };
        let txt = |v: &Option<String>, old: &Option<String>, max, field| match v {
            Some(v) => text(v, max, field),
            None => Ok(old.clone()),
        };
        // Every field is checked before any is refused: the form names all problems at once.
        let mut c = crate::error::Checks::new();
        let dpo_email = match &input.dpo_email {
            Some(v) if v.trim().is_empty() => None,
            Some(v) => c
                .take(Email::parse(v).map_err(|_| Error::invalid("dpo_email", "email-invalid")))
                .map(|e| e.as_str().to_string()),
            None => self.dpo_email.clone(),
        };
        let notice_fi =
            c.take(url(&input.privacy_notice_url, &self.notice_fi, "privacy_notice_url"));
        let notice_sv =
            c.take(url(&input.privacy_notice_url_sv, &self.notice_sv, "privacy_notice_url_sv"));
        let notice_en =
            c.take(url(&input.privacy_notice_url_en, &self.notice_en, "privacy_notice_url_en"));
        let dpo_name = c.take(txt(&input.dpo_name, &self.dpo_name, MAX_DPO_NAME_CHARS, "dpo_name"));
        let dpo_phone =
            c.take(txt(&input.dpo_phone, &self.dpo_phone, MAX_DPO_PHONE_CHARS, "dpo_phone"));
        let dpo_address = c.take(txt(
            &input.dpo_address,
            &self.dpo_address,
            MAX_DPO_ADDRESS_CHARS,
            "dpo_address",
        ));
        let (
            Some(notice_fi),
            Some(notice_sv),
            Some(notice_en),
            Some(dpo_name),
            Some(dpo_phone),
            Some(dpo_address),
        ) = (notice_fi, notice_sv, notice_en, dpo_name, dpo_phone, dpo_address)
        else {
            return Err(c.error());
        };
        c.finish()?;
        let out = PrivacySettings {
            notice_fi,
            notice_sv,
            notice_en,
            dpo_name,
            dpo_email,
            dpo_phone,
            dpo_address,
        };
        // A contact person nobody can reach is no contact: a name needs a channel.
        if out.dpo_name.is_some()
            && out.dpo_email.is_none()
            && out.dpo_phone.is_none()
            && out.dpo_address.is_none()
        {
            return Err(Error::invalid("dpo_email", "dpo-channel-missing"));
        }
        Ok(out)
    }
}

impl Organisation {
    /// The privacy notice for a reader of `lang`: theirs if there is one, else Finnish, then
    /// English, then Swedish (the languages most readers of a Finnish service share).
    pub fn privacy_notice_for(&self, lang: impl std::borrow::Borrow<Lang>) -> Option<&str> {
        let own = match lang.borrow() {
            Lang::Fi => &self.privacy_notice_url,
            Lang::Sv => &self.privacy_notice_url_sv,
            Lang::En => &self.privacy_notice_url_en,
        };
        [own, &self.privacy_notice_url, &self.privacy_notice_url_en, &self.privacy_notice_url_sv]
            .into_iter()
            .find_map(|u| u.as_deref().filter(|u| !u.is_empty()))
    }

    /// Whether any data-protection contact is kept.
    pub fn has_dpo(&self) -> bool {
        self.dpo_name.is_some()
            || self.dpo_email.is_some()
            || self.dpo_phone.is_some()
            || self.dpo_address.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Organisation {
        Organisation {
            id: "o".into(),
            slug: "o".into(),
            name: "O".into(),
            is_operator: false,
            plan_id: None,
            business_id: None,
            privacy_notice_url: None,
            privacy_notice_url_sv: None,
            privacy_notice_url_en: None,
            dpo_name: None,
            dpo_email: None,
            dpo_phone: None,
            dpo_address: None,
            created_at: 0,
            retired_at: None,
        }
    }

    #[test]
    fn notice_falls_back_fi_en_sv() {
        let mut o = org();
        assert_eq!(o.privacy_notice_for(Lang::Sv), None);
        o.privacy_notice_url_sv = Some("https://o.test/sv".into());
        assert_eq!(o.privacy_notice_for(Lang::En), Some("https://o.test/sv"));
        o.privacy_notice_url_en = Some("https://o.test/en".into());
        assert_eq!(o.privacy_notice_for(Lang::Fi), Some("https://o.test/en"));
        o.privacy_notice_url = Some("https://o.test/fi".into());
        assert_eq!(o.privacy_notice_for(Lang::Fi), Some("https://o.test/fi"));
        assert_eq!(o.privacy_notice_for(Lang::Sv), Some("https://o.test/sv"));
        assert_eq!(o.privacy_notice_for(Lang::En), Some("https://o.test/en"));
    }

    #[test]
    fn absent_fields_keep_their_value_and_http_is_refused() {
        let old =
            PrivacySettings { notice_sv: Some("https://o.test/sv".into()), ..Default::default() };
        let new = old
            .apply(&PrivacyInput {
                privacy_notice_url: Some("https://o.test/fi".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(new.notice_sv.as_deref(), Some("https://o.test/sv"));
        let e = old
            .apply(&PrivacyInput {
                privacy_notice_url_en: Some("http://o.test/en".into()),
                ..Default::default()
            })
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            Error::invalid("privacy_notice_url_en", "url-invalid").to_string()
        );
        assert!(
            old.apply(&PrivacyInput {
                dpo_name: Some("Tietosuojavastaava".into()),
                ..Default::default()
            })
            .is_err()
        );
    }
}
