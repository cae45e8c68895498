//! A job ad as the recruitment modules read it: the feeds, the schema.org data and the
//! national job market record are all made from a [`JobAd`]. Storage and the editing workflow
//! build one; nothing here touches the database.
//!
//! Times are Unix seconds (`i64`), as stored elsewhere in Tupa; they are shown in Helsinki
//! time. Texts that differ per language (title, description) live in [`JobAd::texts`]; an ad
//! has one to three languages.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// How long the employment lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EmploymentType {
    /// Toistaiseksi voimassa oleva / tillsvidare.
    Permanent,
    /// Määräaikainen / visstid.
    FixedTerm,
}

/// How much of the week the work takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WorkingTime {
    FullTime,
    PartTime,
    /// Tuntityö: paid by the hour, often on call.
    Hourly,
}

/// The legal form of the job: Finnish public employers hire either into a public office
/// (virkasuhde, under public law) or on an employment contract (työsuhde).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Engagement {
    PublicOffice,
    EmploymentContract,
}

impl EmploymentType {
    /// Translation key of the label shown on the board and in feeds.
    pub fn label_key(self) -> &'static str {
        match self {
            EmploymentType::Permanent => "recruitment-employment-type-permanent",
            EmploymentType::FixedTerm => "recruitment-employment-type-fixed-term",
        }
    }
}

impl WorkingTime {
    pub fn label_key(self) -> &'static str {
        match self {
            WorkingTime::FullTime => "recruitment-working-time-full-time",
            WorkingTime::PartTime => "recruitment-working-time-part-time",
            WorkingTime::Hourly => "recruitment-working-time-hourly",
        }
    }
}

impl Engagement {
    pub fn label_key(self) -> &'static str {
        match self {
            Engagement::PublicOffice => "recruitment-engagement-public-office",
            Engagement::EmploymentContract => "recruitment-engagement-employment-contract",
        }
    }
}

/// A Statistics Finland municipality code: exactly three digits, such as `091` (Helsinki).
/// Parsing is the only way to make one, so a stored ad cannot carry `91` or `Helsinki`.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "091")]
pub struct MunicipalityCode(String);

impl MunicipalityCode {
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        (code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()))
            .then(|| Self(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MunicipalityCode {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s).ok_or("a municipality code is three digits, such as 091")
    }
}

impl From<MunicipalityCode> for String {
    fn from(c: MunicipalityCode) -> String {
        c.0
    }
}

/// A person to ask about the job. Only the name is required; the board shows what is given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Contact {
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Where the work is done.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Workplace {
    pub street: String,
    pub postal_code: String,
    pub city: String,
}

/// The texts of an ad in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AdText {
    pub title: String,
    /// Plain text; paragraphs are separated by a blank line.
    pub description: String,
}

impl AdText {
    /// The description's paragraphs, trimmed, without empty ones.
    pub fn paragraphs(&self) -> Vec<&str> {
        paragraphs(&self.description)
    }

    /// At most `max_chars` characters of the description as one line, cut at a word
    /// boundary and ended with "…" when cut (for feed items and previews).
    pub fn excerpt(&self, max_chars: usize) -> String {
        excerpt(&self.description, max_chars)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct JobAd {
    pub id: String,
    pub org_slug: String,
    pub org_name: String,
    pub unit_slug: Option<String>,
    pub unit_name: Option<String>,
    pub municipality_name: String,
    pub municipality_code: MunicipalityCode,
    /// Maakunta (region) code, two digits such as `01` (Uusimaa). Kept on the ad because we
    /// have no verified municipality-to-region table to derive it from.
    pub region_code: Option<String>,
    pub workplace: Workplace,
    pub employment_type: EmploymentType,
    pub working_time: WorkingTime,
    pub engagement: Engagement,
    /// When the work starts, as written ("1.1.2027 or by agreement").
    pub start: Option<String>,
    /// How long a fixed-term job lasts, as written ("until 31.12.2027").
    pub duration: Option<String>,
    /// The pay basis, as written ("KVTES, hinnoittelukohta 03HOI030").
    pub salary_basis: Option<String>,
    pub vacancies: u32,
    /// ISCO-08 / ESCO occupation code (e.g. `2221` registered nurse); the national job market
    /// requires one.
    pub occupation_code: Option<String>,
    pub contacts: Vec<Contact>,
    pub published_at: i64,
    /// The application deadline (Unix seconds); shown and sent in Helsinki time.
    pub deadline: i64,
    pub texts: BTreeMap<Lang, AdText>,
}

impl JobAd {
    /// The ad's texts in `lang`, or else in Finnish, Swedish, English (the first the ad has),
    /// with the language actually used. `None` only when the ad has no texts at all.
    pub fn text_for(&self, lang: Lang) -> Option<(Lang, &AdText)> {
        std::iter::once(lang).chain(Lang::ALL).find_map(|l| self.texts.get(&l).map(|t| (l, t)))
    }

    /// The languages the ad is written in, Finnish first.
    pub fn languages(&self) -> Vec<Lang> {
        self.texts.keys().copied().collect()
    }

    /// The public address of the ad, relative to the site root: `/jobs/{org}/ad/{id}`.
    /// Feeds, schema.org data and the job market all use this one address as the ad's
    /// permanent identifier, so it must not change while the ad lives.
    pub fn path(&self) -> String {
        format!("/jobs/{}/ad/{}", self.org_slug, self.id)
    }

    /// The ad's absolute address under `base_url` (`https://tupa.example.fi`, with or
    /// without a trailing slash).
    pub fn url(&self, base_url: &str) -> String {
        format!("{}{}", base_url.trim_end_matches('/'), self.path())
    }
}

/// An instant as RFC 3339 in Helsinki time with its offset, `2026-12-15T16:00:00+02:00`:
/// what schema.org and the job market get, so that a deadline reads as the local time the
/// recruiter set.
pub fn helsinki_rfc3339(ts: i64) -> String {
    let offset =
        time::UtcOffset::from_whole_seconds(crate::desk::hours::helsinki_offset_seconds(ts) as i32)
            .expect("+02:00 or +03:00");
    time::OffsetDateTime::from_unix_timestamp(ts)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .to_offset(offset)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The paragraphs of a plain text (separated by blank lines), trimmed, without empty ones.
pub fn paragraphs(text: &str) -> Vec<&str> {
    let text = text.trim();
    let mut out = Vec::new();
    let mut start = 0;
    let mut blank_run = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if !blank_run {
                out.push(text[start..offset].trim());
            }
            blank_run = true;
            start = offset + line.len();
        } else {
            blank_run = false;
        }
        offset += line.len();
    }
    out.push(text[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

/// At most `max_chars` characters of `text` with whitespace runs (newlines too) folded to
/// one space, cut at the last word boundary and ended with "…" when anything was cut.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= max_chars {
        return folded;
    }
    // Leave room for the ellipsis.
    let keep = max_chars.saturating_sub(1);
    let cut: String = folded.chars().take(keep).collect();
    let at_word = match cut.rfind(' ') {
        // Back up to a word boundary unless that would lose most of the text (Finnish
        // compounds are long).
        Some(i) if cut[..i].chars().count() >= keep / 3 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':', '.']))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A complete two-language ad that the other modules' tests start from.
    pub(crate) fn sample_ad() -> JobAd {
        let mut texts = BTreeMap::new();
        texts.insert(
            Lang::Fi,
            AdText {
                title: "Sairaanhoitaja, Kivistön terveysasema".into(),
                description: "Haemme sairaanhoitajaa vakituiseen työsuhteeseen.\n\nTyö on päivätyötä arkisin.".into(),
            },
        );
        texts.insert(
            Lang::Sv,
            AdText {
                title: "Sjukskötare, Kivistö hälsostation".into(),
                description: "Vi söker en sjukskötare till en fast anställning.\n\nArbetet utförs dagtid på vardagar.".into(),
            },
        );
        JobAd {
            id: "0190f3a2-0000-7000-8000-000000000001".into(),
            org_slug: "vantaa".into(),
            org_name: "Vantaan kaupunki".into(),
            unit_slug: Some("terveyspalvelut".into()),
            unit_name: Some("Terveyspalvelut".into()),
            municipality_name: "Vantaa".into(),
            municipality_code: MunicipalityCode::parse("092").unwrap(),
            region_code: Some("01".into()),
            workplace: Workplace {
                street: "Kivistöntie 1".into(),
                postal_code: "01700".into(),
                city: "Vantaa".into(),
            },
            employment_type: EmploymentType::Permanent,
            working_time: WorkingTime::FullTime,
            engagement: Engagement::EmploymentContract,
            start: Some("1.1.2027 tai sopimuksen mukaan".into()),
            duration: None,
            salary_basis: Some("KVTES, hinnoittelukohta 03HOI030".into()),
            vacancies: 2,
            occupation_code: Some("2221".into()),
            contacts: vec![Contact {
                name: "Maija Meikäläinen".into(),
                title: Some("osastonhoitaja".into()),
                phone: Some("+358 40 123 4567".into()),
                email: Some("maija.meikalainen@vantaa.fi".into()),
            }],
            // 2026-11-20 08:00 UTC and 2026-12-15 14:00 UTC (16.00 in Helsinki, EET).
            published_at: 1_795_161_600,
            deadline: 1_797_343_200,
            texts,
        }
    }

    #[test]
    fn text_for_prefers_the_asked_language_then_fi_sv_en() {
        let mut ad = sample_ad();
        assert_eq!(ad.text_for(Lang::Sv).unwrap().0, Lang::Sv);
        assert_eq!(ad.text_for(Lang::Fi).unwrap().0, Lang::Fi);
        // No English text: Finnish comes first.
        let (lang, text) = ad.text_for(Lang::En).unwrap();
        assert_eq!(lang, Lang::Fi);
        assert!(text.title.starts_with("Sairaanhoitaja"));
        // Swedish and English only: an English reader gets English, a Finnish one Swedish.
        ad.texts.remove(&Lang::Fi);
        ad.texts.insert(Lang::En, AdText { title: "Nurse".into(), description: "…".into() });
        assert_eq!(ad.text_for(Lang::En).unwrap().0, Lang::En);
        assert_eq!(ad.text_for(Lang::Fi).unwrap().0, Lang::Sv);
        // English only.
        ad.texts.remove(&Lang::Sv);
        assert_eq!(ad.text_for(Lang::Fi).unwrap().0, Lang::En);
        ad.texts.clear();
        assert!(ad.text_for(Lang::Fi).is_none());
    }

    #[test]
    fn languages_are_listed_finnish_first() {
        let mut ad = sample_ad();
        ad.texts.insert(Lang::En, AdText::default());
        assert_eq!(ad.languages(), vec![Lang::Fi, Lang::Sv, Lang::En]);
        ad.texts.remove(&Lang::Fi);
        assert_eq!(ad.languages(), vec![Lang::Sv, Lang::En]);
    }

    #[test]
    fn municipality_code_is_three_digits() {
        assert_eq!(MunicipalityCode::parse(" 091 ").unwrap().as_str(), "091");
        for bad in ["91", "0910", "09a", "", "Helsinki", "０９１"] {
            assert!(MunicipalityCode::parse(bad).is_none(), "{bad:?} accepted");
        }
        // Serde goes through the same parser.
        assert!(serde_json::from_str::<MunicipalityCode>("\"91\"").is_err());
        let code: MunicipalityCode = serde_json::from_str("\"092\"").unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"092\"");
    }

    #[test]
    fn enums_serialise_in_kebab_case() {
        assert_eq!(serde_json::to_string(&EmploymentType::FixedTerm).unwrap(), "\"fixed-term\"");
        assert_eq!(serde_json::to_string(&WorkingTime::PartTime).unwrap(), "\"part-time\"");
        assert_eq!(serde_json::to_string(&Engagement::PublicOffice).unwrap(), "\"public-office\"");
        let ad = sample_ad();
        let back: JobAd = serde_json::from_str(&serde_json::to_string(&ad).unwrap()).unwrap();
        assert_eq!(back, ad);
    }

    #[test]
    fn ad_address_is_stable_and_absolute() {
        let ad = sample_ad();
        assert_eq!(ad.path(), "/jobs/vantaa/ad/0190f3a2-0000-7000-8000-000000000001");
        assert_eq!(
            ad.url("https://tupa.example.fi/"),
            "https://tupa.example.fi/jobs/vantaa/ad/0190f3a2-0000-7000-8000-000000000001"
        );
        assert_eq!(ad.url("https://tupa.example.fi"), ad.url("https://tupa.example.fi/"));
    }

    #[test]
    fn helsinki_times_carry_the_offset_of_the_season() {
        // 2026-12-15 14:00 UTC: winter, EET.
        assert_eq!(helsinki_rfc3339(1_797_343_200), "2026-12-15T16:00:00+02:00");
        // 2026-06-15 12:00 UTC: summer, EEST.
        assert_eq!(helsinki_rfc3339(1_781_524_800), "2026-06-15T15:00:00+03:00");
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(paragraphs("Yksi\nrivi\n\n \n Kaksi \n\n"), vec!["Yksi\nrivi", "Kaksi"]);
        assert_eq!(paragraphs("  "), Vec::<&str>::new());
        assert_eq!(paragraphs("Vain yksi"), vec!["Vain yksi"]);
        assert_eq!(paragraphs("A\r\n\r\nB"), vec!["A", "B"]);
    }

    #[test]
    fn excerpt_cuts_at_a_word_and_marks_the_cut() {
        assert_eq!(
            excerpt("Lyhyt  teksti\n\nkahdessa kappaleessa", 100),
            "Lyhyt teksti kahdessa kappaleessa"
        );
        let long =
            "Haemme päiväkotiin lastentarhanopettajaa, joka innostuu ulkoilusta ja leikistä.";
        let cut = excerpt(long, 40);
        assert!(cut.chars().count() <= 40, "{cut}");
        assert_eq!(cut, "Haemme päiväkotiin…");
        // One enormous word is cut inside the word rather than emptied.
        let word = "å".repeat(50);
        assert_eq!(excerpt(&word, 10), format!("{}…", "å".repeat(9)));
        assert_eq!(excerpt("", 10), "");
    }
}
