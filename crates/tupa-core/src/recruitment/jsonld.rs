//! schema.org `JobPosting` data for an ad page, as JSON-LD, which search engines (Google's
//! job search among them) read from `<script type="application/ld+json">`.
//!
//! Choices, against schema.org and Google's job posting guidelines:
//! - `description` is HTML: Google reads it as HTML, so our plain-text paragraphs go in as
//!   escaped `<p>` elements (a literal `<` in an ad then stays text). The facts Google has
//!   no property for — salary basis, start, duration, office or contract — are appended as
//!   paragraphs, so the description is complete on its own, as Google asks.
//! - No `baseSalary`: Google requires a `MonetaryAmount` with a number, and a Finnish public
//!   ad gives a basis ("KVTES, hinnoittelukohta …"), not an amount. An amount-less
//!   MonetaryAmount would be invalid markup; the basis is in the description and
//!   `salaryCurrency` says EUR. If ads later carry a figure, add `baseSalary` then.
//! - No `inLanguage`: it is a CreativeWork property and JobPosting is not one, so validators
//!   flag it. The page's `<html lang>` states the language, and the data is in the language
//!   of the page it sits on.
//! - `employmentType` is an array: FULL_TIME or PART_TIME from the working time (hourly work
//!   counts as PART_TIME: less than full time, paid by the hour; Google's PER_DIEM means paid
//!   by the day), plus TEMPORARY for a fixed-term job.
//! - Times are RFC 3339 in Helsinki time with the offset, so the deadline reads as set.

use serde_json::{Map, Value, json};

use super::ad::{EmploymentType, JobAd, WorkingTime, helsinki_rfc3339, paragraphs};
use super::feed::html_escape;
use crate::i18n::Lang;

/// What the ad does not know about where it is shown.
#[derive(Clone, Debug, Default)]
pub struct Site<'a> {
    /// The public address of the service, such as `https://tupa.example.fi`.
    pub base_url: &'a str,
    /// The organisation's own web site (`sameAs`).
    pub org_url: Option<&'a str>,
    /// Absolute address of the organisation's (or unit's) board logo.
    pub logo_url: Option<&'a str>,
}

/// The ad's `JobPosting` in `lang` (or the language the ad falls back to). `None` if the ad
/// has no texts.
pub fn job_posting(ad: &JobAd, lang: Lang, site: &Site) -> Option<Value> {
    let (text_lang, text) = ad.text_for(lang)?;
    let mut org = Map::new();
    org.insert("@type".into(), json!("Organization"));
    org.insert("name".into(), json!(ad.org_name));
    if let Some(url) = site.org_url {
        org.insert("sameAs".into(), json!(url));
    }
    if let Some(url) = site.logo_url {
        org.insert("logo".into(), json!(url));
    }

    let mut address = Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    for (key, value) in [
        ("streetAddress", &ad.workplace.street),
        ("postalCode", &ad.workplace.postal_code),
        (
            "addressLocality",
            if ad.workplace.city.is_empty() { &ad.municipality_name } else { &ad.workplace.city },
        ),
    ] {
        if !value.trim().is_empty() {
            address.insert(key.into(), json!(value.trim()));
        }
    }
    address.insert("addressCountry".into(), json!("FI"));

    let mut posting = Map::new();
    posting.insert("@context".into(), json!("https://schema.org/"));
    posting.insert("@type".into(), json!("JobPosting"));
    posting.insert("title".into(), json!(text.title));
    posting.insert("description".into(), json!(description_html(ad, text_lang, &text.description)));
    posting.insert("url".into(), json!(ad.url(site.base_url)));
    posting.insert(
        "identifier".into(),
        json!({"@type": "PropertyValue", "name": ad.org_name, "value": ad.id}),
    );
    posting.insert("datePosted".into(), json!(helsinki_rfc3339(ad.published_at)));
    posting.insert("validThrough".into(), json!(helsinki_rfc3339(ad.deadline)));
    posting.insert("employmentType".into(), json!(employment_types(ad)));
    posting.insert("hiringOrganization".into(), Value::Object(org));
    if let Some(unit) = &ad.unit_name {
        posting.insert("employmentUnit".into(), json!({"@type": "Organization", "name": unit}));
    }
    posting
        .insert("jobLocation".into(), json!({"@type": "Place", "address": Value::Object(address)}));
    posting.insert("directApply".into(), json!(true));
    if ad.vacancies > 0 {
        posting.insert("totalJobOpenings".into(), json!(ad.vacancies));
    }
    if ad.salary_basis.is_some() {
        posting.insert("salaryCurrency".into(), json!("EUR"));
    }
    if let Some(start) = &ad.start {
        // schema.org allows Text here as well as a Date.
        posting.insert("jobStartDate".into(), json!(start));
    }
    if let Some(code) = &ad.occupation_code {
        posting.insert("occupationalCategory".into(), json!(code));
    }
    let contacts: Vec<Value> = ad
        .contacts
        .iter()
        .map(|c| {
            let mut point = Map::new();
            point.insert("@type".into(), json!("ContactPoint"));
            point.insert("name".into(), json!(c.name));
            if let Some(title) = &c.title {
                point.insert("contactType".into(), json!(title));
            }
            if let Some(phone) = &c.phone {
                point.insert("telephone".into(), json!(phone));
            }
            if let Some(email) = &c.email {
                point.insert("email".into(), json!(email));
            }
            Value::Object(point)
        })
        .collect();
    if !contacts.is_empty() {
        posting.insert("applicationContact".into(), Value::Array(contacts));
    }
    Some(Value::Object(posting))
}

/// Google's employment types for the ad.
pub fn employment_types(ad: &JobAd) -> Vec<&'static str> {
    let mut types = vec![match ad.working_time {
        WorkingTime::FullTime => "FULL_TIME",
        WorkingTime::PartTime | WorkingTime::Hourly => "PART_TIME",
    }];
    if ad.employment_type == EmploymentType::FixedTerm {
        types.push("TEMPORARY");
    }
    types
}

/// The description paragraphs, then the facts without a schema.org property of their own.
fn description_html(ad: &JobAd, lang: Lang, description: &str) -> String {
    let mut html: String = paragraphs(description)
        .into_iter()
        .map(|p| format!("<p>{}</p>", html_escape(p).replace('\n', "<br>")))
        .collect();
    let facts = [
        ("recruitment-engagement", Some(lang.t(ad.engagement.label_key()))),
        ("recruitment-start", ad.start.clone()),
        ("recruitment-duration", ad.duration.clone()),
        ("recruitment-salary-basis", ad.salary_basis.clone()),
    ];
    for (label, value) in facts {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            html.push_str(&format!(
                "<p>{}: {}</p>",
                html_escape(&lang.t(label)),
                html_escape(value.trim())
            ));
        }
    }
    html
}

/// `value` as JSON that is safe inside `<script type="application/ld+json">…</script>`:
/// `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so no text in an ad can close the
/// script element or open a comment, and U+2028/U+2029 are escaped for older JavaScript
/// parsers. The result is still JSON that decodes to the same value. (Outside strings, JSON
/// never contains these characters, so replacing them everywhere is safe.)
pub fn script_json(value: &Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recruitment::ad::AdText;
    use crate::recruitment::ad::tests::sample_ad;

    const SITE: Site = Site {
        base_url: "https://tupa.example.fi",
        org_url: Some("https://www.vantaa.fi"),
        logo_url: Some("https://tupa.example.fi/jobs/vantaa/logo.png"),
    };

    #[test]
    fn every_field_of_a_complete_ad() {
        let v = job_posting(&sample_ad(), Lang::Fi, &SITE).unwrap();
        let expected = json!({
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "title": "Sairaanhoitaja, Kivistön terveysasema",
            "description": "<p>Haemme sairaanhoitajaa vakituiseen työsuhteeseen.</p><p>Työ on päivätyötä arkisin.</p>\
                <p>Palvelussuhde: Työsuhde</p><p>Työn alkaminen: 1.1.2027 tai sopimuksen mukaan</p>\
                <p>Palkkaus: KVTES, hinnoittelukohta 03HOI030</p>",
            "url": "https://tupa.example.fi/jobs/vantaa/ad/0190f3a2-0000-7000-8000-000000000001",
            "identifier": {"@type": "PropertyValue", "name": "Vantaan kaupunki", "value": "0190f3a2-0000-7000-8000-000000000001"},
            "datePosted": "2026-11-20T10:00:00+02:00",
            "validThrough": "2026-12-15T16:00:00+02:00",
            "employmentType": ["FULL_TIME"],
            "hiringOrganization": {
                "@type": "Organization",
                "name": "Vantaan kaupunki",
                "sameAs": "https://www.vantaa.fi",
                "logo": "https://tupa.example.fi/jobs/vantaa/logo.png"
            },
            "employmentUnit": {"@type": "Organization", "name": "Terveyspalvelut"},
            "jobLocation": {"@type": "Place", "address": {
                "@type": "PostalAddress",
                "streetAddress": "Kivistöntie 1",
                "postalCode": "01700",
                "addressLocality": "Vantaa",
                "addressCountry": "FI"
            }},
            "directApply": true,
            "totalJobOpenings": 2,
            "salaryCurrency": "EUR",
            "jobStartDate": "1.1.2027 tai sopimuksen mukaan",
            "occupationalCategory": "2221",
            "applicationContact": [{
                "@type": "ContactPoint",
                "name": "Maija Meikäläinen",
                "contactType": "osastonhoitaja",
                "telephone": "+358 40 123 4567",
                "email": "maija.meikalainen@vantaa.fi"
            }]
        });
        assert_eq!(v, expected);
    }

    #[test]
    fn swedish_page_gets_swedish_texts_and_labels() {
        let v = job_posting(&sample_ad(), Lang::Sv, &SITE).unwrap();
        assert_eq!(v["title"], "Sjukskötare, Kivistö hälsostation");
        let d = v["description"].as_str().unwrap();
        assert!(d.starts_with("<p>Vi söker"), "{d}");
        assert!(d.contains("<p>Anställningsform: Arbetsavtalsförhållande</p>"), "{d}");
        assert!(d.contains("<p>Lön: KVTES"), "{d}");
        // English asked, none written: the Finnish text, with Finnish labels to match.
        let v = job_posting(&sample_ad(), Lang::En, &SITE).unwrap();
        assert_eq!(v["title"], "Sairaanhoitaja, Kivistön terveysasema");
        assert!(v["description"].as_str().unwrap().contains("<p>Palkkaus: "));
    }

    #[test]
    fn optional_parts_are_left_out_rather_than_empty() {
        let mut ad = sample_ad();
        ad.unit_name = None;
        ad.salary_basis = None;
        ad.start = None;
        ad.occupation_code = None;
        ad.contacts.clear();
        ad.vacancies = 0;
        ad.workplace.street = " ".into();
        ad.workplace.city = String::new();
        let v = job_posting(&ad, Lang::Fi, &Site { base_url: "https://x.fi", ..Site::default() })
            .unwrap();
        let obj = v.as_object().unwrap();
        for key in [
            "employmentUnit",
            "salaryCurrency",
            "jobStartDate",
            "occupationalCategory",
            "applicationContact",
            "totalJobOpenings",
        ] {
            assert!(!obj.contains_key(key), "{key} present");
        }
        assert_eq!(
            v["hiringOrganization"],
            json!({"@type": "Organization", "name": "Vantaan kaupunki"})
        );
        // No street; the municipality stands in for an empty city.
        assert_eq!(
            v["jobLocation"]["address"],
            json!({"@type": "PostalAddress", "postalCode": "01700", "addressLocality": "Vantaa", "addressCountry": "FI"})
        );
        ad.texts.clear();
        assert!(job_posting(&ad, Lang::Fi, &SITE).is_none());
    }

    #[test]
    fn employment_types_map_to_googles_values() {
        let mut ad = sample_ad();
        let cases = [
            (EmploymentType::Permanent, WorkingTime::FullTime, vec!["FULL_TIME"]),
            (EmploymentType::Permanent, WorkingTime::PartTime, vec!["PART_TIME"]),
            (EmploymentType::Permanent, WorkingTime::Hourly, vec!["PART_TIME"]),
            (EmploymentType::FixedTerm, WorkingTime::FullTime, vec!["FULL_TIME", "TEMPORARY"]),
            (EmploymentType::FixedTerm, WorkingTime::PartTime, vec!["PART_TIME", "TEMPORARY"]),
            (EmploymentType::FixedTerm, WorkingTime::Hourly, vec!["PART_TIME", "TEMPORARY"]),
        ];
        for (employment, working, expected) in cases {
            ad.employment_type = employment;
            ad.working_time = working;
            assert_eq!(employment_types(&ad), expected, "{employment:?} {working:?}");
            assert_eq!(
                job_posting(&ad, Lang::Fi, &SITE).unwrap()["employmentType"],
                json!(expected)
            );
        }
    }

    #[test]
    fn summer_deadline_has_the_summer_offset() {
        let mut ad = sample_ad();
        ad.deadline = 1_781_524_800; // 2026-06-15 12:00 UTC
        assert_eq!(
            job_posting(&ad, Lang::Fi, &SITE).unwrap()["validThrough"],
            "2026-06-15T15:00:00+03:00"
        );
    }

    #[test]
    fn nothing_in_an_ad_can_break_out_of_the_script_element() {
        let mut ad = sample_ad();
        let evil = "</script><script>alert('x')</script> <!-- & \u{2028}";
        ad.texts
            .insert(Lang::Fi, AdText { title: evil.into(), description: format!("Kuvaus {evil}") });
        ad.org_name = "</SCRIPT>".into();
        let value = job_posting(&ad, Lang::Fi, &SITE).unwrap();
        let embedded = script_json(&value);
        for bad in ['<', '>', '&', '\u{2028}'] {
            assert!(!embedded.contains(bad), "{bad:?} in {embedded}");
        }
        assert!(embedded.contains("\\u003c/script\\u003e"));
        // Still JSON, and the same value.
        let back: Value = serde_json::from_str(&embedded).unwrap();
        assert_eq!(back, value);
        assert_eq!(back["title"], evil);
        assert_eq!(back["hiringOrganization"]["name"], "</SCRIPT>");
        // The description is HTML: the ad's text is escaped there before the script escaping.
        assert!(
            back["description"]
                .as_str()
                .unwrap()
                .starts_with("<p>Kuvaus &lt;/script&gt;&lt;script&gt;")
        );
    }
}
