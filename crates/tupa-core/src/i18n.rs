//! Finnish, Swedish and English texts from Fluent files compiled into the binary
//! (`locales/{fi,sv,en}/*.ftl`, one file per capability so that work on one capability
//! does not collide with another's). A test checks that every key exists in all three.
//!
//! Each language's files are parsed the first time a text of that language is needed, not
//! all three at start: `tupa mail ingest` runs once per message and says its acknowledgement
//! in one language, and parsing every catalogue was half of what such a process did
//! (callgrind: 14 of 27 million instructions). A key missing from a language falls back to
//! English, as a key missing from every language shows itself.

use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// One bundle per language, in [`Lang`] order, each made on first use.
static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 3] =
    [const { OnceLock::new() }, const { OnceLock::new() }, const { OnceLock::new() }];

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    BUNDLES[lang as usize].get_or_init(|| {
        let source = SOURCES[lang as usize].1;
        // The tests parse every catalogue without errors; a release that somehow carries a
        // broken line still serves every message the parser could read.
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, errors)| {
            tracing::error!(%lang, ?errors, "Fluent catalogue has syntax errors");
            r
        });
        let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
        // Bidi isolation marks would end up in e-mail subjects and attributes.
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(%lang, ?errors, "Fluent catalogue defines a key twice");
        }
        bundle
    })
}

/// The text of `key` in `lang` alone; None when the language lacks it or cannot format it
/// with `args`.
fn lookup(lang: Lang, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = vec![];
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// [`lookup`] in `lang`, then in English.
fn lookup_or_english(lang: Lang, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    lookup(lang, key, args)
        .or_else(|| if lang == Lang::En { None } else { lookup(Lang::En, key, args) })
}

/// Ordered fi < sv < en (declaration order), so maps keyed by language list Finnish first.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fi,
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The language's own name, as shown in the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Fi => "suomi",
            Lang::Sv => "svenska",
            Lang::En => "English",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The best language from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("");
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    fn langid(self) -> LanguageIdentifier {
        self.code().parse().expect("static language id")
    }

    /// The text for `key`. A missing key shows itself rather than panicking.
    pub fn t(self, key: &str) -> String {
        lookup_or_english(self, key, None).unwrap_or_else(|| key.to_string())
    }

    /// The text for `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut map = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            map.set(k.to_string(), FluentValue::from(v.to_string()));
        }
        lookup_or_english(self, key, Some(&map)).unwrap_or_else(|| key.to_string())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The Fluent files of each language, one per capability. Every file must be listed here
/// (these are what the bundles hold; a test finds a file of the folder left out).
macro_rules! catalogue {
    ($($file:literal),* $(,)?) => {
        [
            (Lang::Fi, concat!($(include_str!(concat!("../locales/fi/", $file)), "\n"),*)),
            (Lang::Sv, concat!($(include_str!(concat!("../locales/sv/", $file)), "\n"),*)),
            (Lang::En, concat!($(include_str!(concat!("../locales/en/", $file)), "\n"),*)),
        ]
    };
}

/// The raw Fluent sources of each language (all its files together), for the tests.
pub const SOURCES: [(Lang, &str); 3] = catalogue![
    "main.ftl",
    "mail-in.ftl",
    "recruitment.ftl",
    "recruitment-board.ftl",
    "recruitment-applications.ftl",
    "recruitment-jobmarket.ftl",
    "guidance.ftl",
    "guidance-tasks.ftl",
    "guidance-materials.ftl",
    "guidance-meter.ftl",
    "guidance-lifecycle.ftl",
    "guidance-calls.ftl",
    "api.ftl",
    "identification.ftl",
    "limits.ftl",
    "guidance-professionals.ftl",
    "guidance-supervision.ftl",
    "privacy-requests.ftl",
    "privacy-settings.ftl",
    "accessibility.ftl",
    "reports.ftl",
    "privacy-retention.ftl",
    "library.ftl",
    "support.ftl",
    "guidance-chat.ftl",
    "guidance-template-edit.ftl",
    "operator.ftl",
    "audit.ftl",
    "home.ftl",
    "desk-workspace.ftl",
    "forms.ftl",
    "desk-queue.ftl",
    "staff-sso.ftl"
];

/// The message ids defined in a Fluent source (top-level `id = …` lines).
pub fn keys_of(source: &str) -> std::collections::BTreeSet<String> {
    source
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '\t', '.']) && l.contains('='))
        .filter_map(|l| l.split('=').next())
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_every_language() {
        let en = keys_of(SOURCES[2].1);
        assert!(en.len() > 50, "English catalogue looks empty");
        for (lang, src) in SOURCES {
            let keys = keys_of(src);
            let missing: Vec<_> = en.difference(&keys).collect();
            let extra: Vec<_> = keys.difference(&en).collect();
            assert!(missing.is_empty(), "{lang}: missing {missing:?}");
            assert!(extra.is_empty(), "{lang}: not in English {extra:?}");
        }
    }

    #[test]
    fn every_message_resolves_in_every_language() {
        for key in keys_of(SOURCES[2].1) {
            for lang in Lang::ALL {
                let args = [
                    ("name", "N"),
                    ("org", "O"),
                    ("link", "L"),
                    // Delegated administration (issue 13).
                    ("start", "S"),
                    ("end", "E"),
                    ("who", "W"),
                    ("email", "E"),
                    ("time", "T"),
                    ("inviter", "I"),
                    ("subject", "S"),
                    ("case", "C"),
                    ("due", "D"),
                    ("address", "A"),
                    // The accessibility feedback ticket (accessibility.ftl).
                    ("about", "Ab"),
                    ("page", "Pg"),
                    ("description", "De"),
                    ("placeholders", "P"),
                    ("width", "1"),
                    ("height", "2"),
                    ("min_width", "3"),
                    ("min_height", "4"),
                    ("max_width", "5"),
                    ("max_megapixels", "6"),
                    ("size", "7"),
                    ("max_size", "8"),
                    ("fit_width", "9"),
                    ("fit_height", "10"),
                    ("code", "X"),
                    ("language", "L"),
                    ("status", "400"),
                    ("reason", "R"),
                    ("ad", "A"),
                    ("reference", "H-1"),
                    ("count", "3"),
                    ("stage", "S"),
                    ("rating", "4"),
                    ("tags", "{t}"),
                    ("attempt", "3"),
                    ("unit", "U"),
                    ("days", "14"),
                    ("title", "Ti"),
                    ("date", "2026-03-04"),
                    ("min", "0"),
                    ("max", "10"),
                    ("min_label", "Lo"),
                    ("max_label", "Hi"),
                    ("area", "Ar"),
                    ("closing", "Cl"),
                    ("duration", "1:05"),
                    ("kind", "K"),
                    ("details", "De"),
                    ("what", "W"),
                    ("purpose", "Pu"),
                    ("default", "11"),
                    ("given", "12"),
                    ("done", "13"),
                    ("overdue", "14"),
                    ("version", "2"),
                    ("organisation", "Or"),
                    // The audit log in words (audit.ftl).
                    ("actor", "Ac"),
                    ("thing", "Th"),
                    // Form errors that name their field (forms.ftl).
                    ("field", "Fi"),
                    ("message", "Me"),
                    // The single sign-on button (staff-sso.ftl).
                    ("provider", "Pr"),
                    // When a restriction of processing was lifted (privacy-requests.ftl).
                    ("when", "Wh"),
                ];
                let text = lang.t_args(&key, &args);
                assert_ne!(text, key, "{lang}: {key} does not resolve");
                assert!(
                    !text.contains("{$") && !text.contains("{ $"),
                    "{lang}: {key} has an unknown variable: {text}"
                );
            }
        }
    }

    #[test]
    fn no_key_is_defined_twice() {
        // The loader refuses a language whose files define a key twice (at start-up, as a
        // panic), so find it here first.
        for (lang, src) in SOURCES {
            let mut seen = std::collections::BTreeSet::new();
            for line in
                src.lines().filter(|l| !l.starts_with([' ', '#', '\t', '.']) && l.contains('='))
            {
                let key = line.split('=').next().unwrap_or("").trim();
                assert!(
                    key.is_empty() || seen.insert(key.to_string()),
                    "{lang}: {key} is defined twice"
                );
            }
        }
    }

    #[test]
    fn every_file_of_the_folder_is_in_the_catalogue() {
        for (lang, source) in SOURCES {
            let dir =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang.code());
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(source.contains(text.trim()), "{} is not in SOURCES", path.display());
            }
        }
    }

    #[test]
    fn every_catalogue_parses_and_makes_a_bundle_without_errors() {
        for (lang, src) in SOURCES {
            let resource = match FluentResource::try_new(src.to_string()) {
                Ok(r) => r,
                Err((_, errors)) => panic!("{lang}: {errors:?}"),
            };
            // A key defined twice (in two files, say) is an error here.
            let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
            if let Err(errors) = bundle.add_resource(resource) {
                panic!("{lang}: {errors:?}");
            }
        }
    }

    #[test]
    fn each_language_says_its_own_text_and_a_missing_key_shows_itself() {
        let texts: std::collections::BTreeSet<String> =
            Lang::ALL.iter().map(|l| l.t("error-request-invalid")).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(Lang::Sv.t("error-request-invalid").starts_with("Begäran"));
        for lang in Lang::ALL {
            assert_eq!(lang.t("no-such-key-anywhere"), "no-such-key-anywhere");
            assert_eq!(lang.t_args("no-such-key-anywhere", &[("a", "b")]), "no-such-key-anywhere");
        }
    }

    #[test]
    fn accept_language_prefers_highest_q() {
        assert_eq!(Lang::from_accept_language("en;q=0.5, sv-FI;q=0.9, de"), Some(Lang::Sv));
        assert_eq!(Lang::from_accept_language("de, fr"), None);
        assert_eq!(Lang::from_accept_language("fi-FI,fi;q=0.9,en-US;q=0.8"), Some(Lang::Fi));
    }
}
