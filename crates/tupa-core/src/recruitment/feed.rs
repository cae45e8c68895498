//! RSS 2.0 and Atom 1.0 feeds of a job board (all ads, an organisation's, a unit's), which
//! organisations put on their home pages and intranets.
//!
//! Written with quick-xml's writer, which escapes every text and attribute; characters XML 1.0
//! cannot carry at all (most control characters, which do turn up in pasted text) are
//! dropped first, so a feed is always well-formed.
//!
//! RSS `<description>` is HTML by convention — readers render it — so the plain-text excerpt
//! is HTML-escaped and put in paragraphs before the writer XML-escapes it; a literal `<` in
//! an ad then shows as `<`, not as the start of a tag. Atom says what it carries, so there
//! the summary is `type="text"` and escaped once.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use time::OffsetDateTime;
use time::format_description::well_known::{Rfc2822, Rfc3339};

use super::ad::JobAd;
use crate::i18n::Lang;

pub const RSS_CONTENT_TYPE: &str = "application/rss+xml; charset=utf-8";
pub const ATOM_CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";
/// How much of an ad's description a feed item carries.
pub const EXCERPT_CHARS: usize = 300;

/// The feed as a whole.
#[derive(Clone, Debug)]
pub struct Channel {
    pub title: String,
    /// The board page (HTML) this feed mirrors.
    pub link: String,
    /// This feed's own address (the RSS one for [`rss`], the Atom one for [`atom`]).
    pub self_url: String,
    pub description: String,
    /// Who publishes the feed: the organisation, or the service for the national board.
    /// Atom requires an author even when the feed has no entries.
    pub author: String,
    pub language: Lang,
    /// Unix seconds.
    pub updated: i64,
    pub image: Option<ChannelImage>,
}

/// The feed's logo: the 144-px rendition from [`super::logo`].
#[derive(Clone, Debug)]
pub struct ChannelImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// One ad in a feed.
#[derive(Clone, Debug)]
pub struct Item {
    pub title: String,
    pub link: String,
    /// Permanent identifier: the ad's public address.
    pub id: String,
    /// The language of `title` and `description`: the feed's, or the one the ad fell back
    /// to when it lacks the feed's (marked with `xml:lang` in the output).
    pub lang: Lang,
    /// Plain text.
    pub description: String,
    pub published: i64,
    pub deadline: i64,
    pub organisation: String,
    pub municipality: String,
    pub categories: Vec<String>,
}

impl Item {
    /// The ad as an item of a feed in `lang` (its texts fall back to another language when
    /// the ad lacks `lang`). `None` if the ad has no texts.
    pub fn from_ad(ad: &JobAd, lang: Lang, base_url: &str) -> Option<Item> {
        let (text_lang, text) = ad.text_for(lang)?;
        let url = ad.url(base_url);
        // Categories are labels in the feed's language, which is how readers show them.
        let mut categories = vec![
            lang.t(ad.employment_type.label_key()),
            lang.t(ad.working_time.label_key()),
            lang.t(ad.engagement.label_key()),
            ad.municipality_name.clone(),
        ];
        categories.extend(ad.unit_name.clone());
        Some(Item {
            title: text.title.clone(),
            link: url.clone(),
            id: url,
            lang: text_lang,
            description: text.excerpt(EXCERPT_CHARS),
            published: ad.published_at,
            deadline: ad.deadline,
            organisation: ad.org_name.clone(),
            municipality: ad.municipality_name.clone(),
            categories,
        })
    }

    /// "Applications close 15.12.2026 16.00." in the feed's language.
    fn deadline_line(&self, lang: Lang) -> String {
        lang.t_args(
            "recruitment-feed-deadline",
            &[("time", &crate::desk::hours::format_helsinki(self.deadline))],
        )
    }
}

/// An RSS 2.0 document (with `atom:link rel="self"`, as the RSS Advisory Board recommends,
/// and the organisation as `dc:creator`, since RSS `<author>` must be an e-mail address).
pub fn rss(channel: &Channel, items: &[Item]) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let lang = channel.language;
    // Writing to a Vec cannot fail.
    let done = (|| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("rss")
            .with_attributes([
                ("version", "2.0"),
                ("xmlns:atom", "http://www.w3.org/2005/Atom"),
                ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ])
            .write_inner_content(|w| {
                w.create_element("channel").write_inner_content(|w| {
                    text_el(w, "title", &channel.title)?;
                    text_el(w, "link", &channel.link)?;
                    text_el(w, "description", &channel.description)?;
                    text_el(w, "language", lang.code())?;
                    text_el(w, "lastBuildDate", &rfc2822(channel.updated))?;
                    w.create_element("atom:link")
                        .with_attributes([
                            ("href", clean(&channel.self_url).as_str()),
                            ("rel", "self"),
                            ("type", "application/rss+xml"),
                        ])
                        .write_empty()?;
                    if let Some(image) = &channel.image {
                        w.create_element("image").write_inner_content(|w| {
                            text_el(w, "url", &image.url)?;
                            // RSS requires the image's title and link to be the channel's.
                            text_el(w, "title", &channel.title)?;
                            text_el(w, "link", &channel.link)?;
                            text_el(w, "width", &image.width.min(144).to_string())?;
                            text_el(w, "height", &image.height.min(400).to_string())?;
                            Ok(())
                        })?;
                    }
                    for item in items {
                        let mut el = w.create_element("item");
                        if item.lang != lang {
                            el = el.with_attribute(("xml:lang", item.lang.code()));
                        }
                        el.write_inner_content(|w| {
                            text_el(w, "title", &item.title)?;
                            text_el(w, "link", &item.link)?;
                            w.create_element("guid")
                                .with_attribute(("isPermaLink", "true"))
                                .write_text_content(BytesText::new(&clean(&item.id)))?;
                            let html =
                                html_paragraphs(&[&item.deadline_line(lang), &item.description]);
                            text_el(w, "description", &html)?;
                            text_el(w, "pubDate", &rfc2822(item.published))?;
                            text_el(w, "dc:creator", &item.organisation)?;
                            for c in &item.categories {
                                text_el(w, "category", c)?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })();
    done.expect("writing XML to memory");
    String::from_utf8(w.into_inner()).expect("the writer writes UTF-8")
}

/// An Atom 1.0 document (RFC 4287).
pub fn atom(channel: &Channel, items: &[Item]) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let lang = channel.language;
    let done = (|| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("feed")
            .with_attributes([("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", lang.code())])
            .write_inner_content(|w| {
                // The feed's id must be permanent and unique: its own address is both.
                text_el(w, "id", &channel.self_url)?;
                typed_text_el(w, "title", &channel.title)?;
                typed_text_el(w, "subtitle", &channel.description)?;
                text_el(w, "updated", &rfc3339(channel.updated))?;
                link_el(w, "self", "application/atom+xml", &channel.self_url)?;
                link_el(w, "alternate", "text/html", &channel.link)?;
                person_el(w, &channel.author)?;
                if let Some(image) = &channel.image {
                    text_el(w, "logo", &image.url)?;
                }
                for item in items {
                    let mut el = w.create_element("entry");
                    if item.lang != lang {
                        el = el.with_attribute(("xml:lang", item.lang.code()));
                    }
                    el.write_inner_content(|w| {
                        text_el(w, "id", &item.id)?;
                        typed_text_el(w, "title", &item.title)?;
                        link_el(w, "alternate", "text/html", &item.link)?;
                        text_el(w, "published", &rfc3339(item.published))?;
                        // Ads carry no edit time yet; publication is the last change we know.
                        text_el(w, "updated", &rfc3339(item.published))?;
                        person_el(w, &item.organisation)?;
                        let summary =
                            format!("{}\n\n{}", item.deadline_line(lang), item.description);
                        typed_text_el(w, "summary", &summary)?;
                        for c in &item.categories {
                            w.create_element("category")
                                .with_attribute(("term", clean(c).as_str()))
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })();
    done.expect("writing XML to memory");
    String::from_utf8(w.into_inner()).expect("the writer writes UTF-8")
}

fn text_el(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(&clean(text)))?;
    Ok(())
}

/// An Atom text construct, saying it is plain text.
fn typed_text_el(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name)
        .with_attribute(("type", "text"))
        .write_text_content(BytesText::new(&clean(text)))?;
    Ok(())
}

fn link_el(
    w: &mut Writer<Vec<u8>>,
    rel: &str,
    media_type: &str,
    href: &str,
) -> std::io::Result<()> {
    w.create_element("link")
        .with_attributes([("rel", rel), ("type", media_type), ("href", clean(href).as_str())])
        .write_empty()?;
    Ok(())
}

fn person_el(w: &mut Writer<Vec<u8>>, name: &str) -> std::io::Result<()> {
    w.create_element("author").write_inner_content(|w| text_el(w, "name", name))?;
    Ok(())
}

/// `text` without the characters XML 1.0 forbids (C0 controls other than tab, line feed
/// and carriage return; U+FFFE and U+FFFF). Escaping cannot help with these.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || !(c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect()
}

/// Plain texts as HTML paragraphs, each HTML-escaped; empty ones left out.
fn html_paragraphs(texts: &[&str]) -> String {
    texts
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| format!("<p>{}</p>", html_escape(t.trim())))
        .collect()
}

pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn utc(ts: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(ts).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// RFC 822 as RSS wants it (with a four-digit year, i.e. RFC 2822), in UTC.
fn rfc2822(ts: i64) -> String {
    utc(ts).format(&Rfc2822).unwrap_or_default()
}

fn rfc3339(ts: i64) -> String {
    utc(ts).format(&Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recruitment::ad::tests::sample_ad;

    const BASE: &str = "https://tupa.example.fi";

    fn channel(lang: Lang) -> Channel {
        Channel {
            title: "Vantaan kaupungin avoimet työpaikat".into(),
            link: format!("{BASE}/jobs/vantaa"),
            self_url: format!("{BASE}/jobs/vantaa/feed.rss"),
            description: "Avoimet työpaikat: Vantaa & Kerava".into(),
            author: "Vantaan kaupunki".into(),
            language: lang,
            updated: 1_795_161_600,
            image: Some(ChannelImage {
                url: format!("{BASE}/jobs/vantaa/logo-feed.png"),
                width: 144,
                height: 49,
            }),
        }
    }

    fn nasty_item() -> Item {
        Item {
            title: "Ohjaaja <b>&\"Åsa's\"</b> – Jyväskylä\u{1}".into(),
            link: format!("{BASE}/jobs/vantaa/ad/2?a=1&b=2"),
            id: format!("{BASE}/jobs/vantaa/ad/2?a=1&b=2"),
            lang: Lang::Sv,
            description: "Lön: x < y & \"z\" – hälsa 'på' i Närpes\u{0}".into(),
            published: 1_795_248_000,
            deadline: 1_797_343_200,
            organisation: "Kaupunki & Stad".into(),
            municipality: "Närpiö".into(),
            categories: vec!["<Vakituinen>".into()],
        }
    }

    #[test]
    fn rss_reads_back_with_every_field() {
        let ad = sample_ad();
        let item = Item::from_ad(&ad, Lang::Fi, BASE).unwrap();
        let xml = rss(&channel(Lang::Fi), &[item]);
        let ch = rss::Channel::read_from(xml.as_bytes()).unwrap();
        assert_eq!(ch.title(), "Vantaan kaupungin avoimet työpaikat");
        assert_eq!(ch.link(), "https://tupa.example.fi/jobs/vantaa");
        assert_eq!(ch.description(), "Avoimet työpaikat: Vantaa & Kerava");
        assert_eq!(ch.language(), Some("fi"));
        assert_eq!(ch.last_build_date(), Some("Fri, 20 Nov 2026 08:00:00 +0000"));
        let self_link = &ch.atom_ext().expect("atom:link").links()[0];
        assert_eq!(
            (self_link.rel(), self_link.href()),
            ("self", "https://tupa.example.fi/jobs/vantaa/feed.rss")
        );
        let image = ch.image().unwrap();
        assert_eq!(image.url(), "https://tupa.example.fi/jobs/vantaa/logo-feed.png");
        assert_eq!((image.title(), image.link()), (ch.title(), ch.link()));
        assert_eq!((image.width(), image.height()), (Some("144"), Some("49")));

        assert_eq!(ch.items().len(), 1);
        let it = &ch.items()[0];
        let url = "https://tupa.example.fi/jobs/vantaa/ad/0190f3a2-0000-7000-8000-000000000001";
        assert_eq!(it.title(), Some("Sairaanhoitaja, Kivistön terveysasema"));
        assert_eq!(it.link(), Some(url));
        let guid = it.guid().unwrap();
        assert_eq!(guid.value(), url);
        assert!(guid.is_permalink());
        // Deadline 2026-12-15 14:00 UTC is 16.00 in Helsinki (EET, UTC+2).
        assert_eq!(
            it.description(),
            Some(
                "<p>Hakuaika päättyy 15.12.2026 16.00.</p><p>Haemme sairaanhoitajaa vakituiseen työsuhteeseen. Työ on päivätyötä arkisin.</p>"
            )
        );
        let published = it.pub_date().unwrap();
        assert_eq!(published, "Fri, 20 Nov 2026 08:00:00 +0000");
        assert_eq!(
            OffsetDateTime::parse(published, &Rfc2822).unwrap().unix_timestamp(),
            ad.published_at
        );
        assert_eq!(it.dublin_core_ext().unwrap().creators(), ["Vantaan kaupunki"]);
        let cats: Vec<_> = it.categories().iter().map(|c| c.name()).collect();
        assert_eq!(cats, ["Vakituinen", "Kokoaikatyö", "Työsuhde", "Vantaa", "Terveyspalvelut"]);
        // Same language as the channel: no xml:lang on the item.
        assert!(!xml.contains("<item xml:lang"));
    }

    #[test]
    fn atom_reads_back_with_every_field() {
        let ad = sample_ad();
        let mut ch = channel(Lang::Sv);
        ch.self_url = format!("{BASE}/jobs/vantaa/feed.atom");
        let xml = atom(&ch, &[Item::from_ad(&ad, Lang::Sv, BASE).unwrap()]);
        let feed = atom_syndication::Feed::read_from(xml.as_bytes()).unwrap();
        assert_eq!(feed.id(), "https://tupa.example.fi/jobs/vantaa/feed.atom");
        assert_eq!(feed.lang(), Some("sv"));
        assert_eq!(feed.title().as_str(), "Vantaan kaupungin avoimet työpaikat");
        assert_eq!(feed.subtitle().unwrap().as_str(), "Avoimet työpaikat: Vantaa & Kerava");
        assert_eq!(feed.updated().to_rfc3339(), "2026-11-20T08:00:00+00:00");
        let links: Vec<_> =
            feed.links().iter().map(|l| (l.rel(), l.href(), l.mime_type())).collect();
        assert_eq!(
            links,
            [
                (
                    "self",
                    "https://tupa.example.fi/jobs/vantaa/feed.atom",
                    Some("application/atom+xml")
                ),
                ("alternate", "https://tupa.example.fi/jobs/vantaa", Some("text/html")),
            ]
        );
        assert_eq!(feed.authors()[0].name(), "Vantaan kaupunki");
        assert_eq!(feed.logo(), Some("https://tupa.example.fi/jobs/vantaa/logo-feed.png"));

        let e = &feed.entries()[0];
        let url = "https://tupa.example.fi/jobs/vantaa/ad/0190f3a2-0000-7000-8000-000000000001";
        assert_eq!(e.id(), url);
        assert_eq!(e.title().as_str(), "Sjukskötare, Kivistö hälsostation");
        assert_eq!(e.links()[0].href(), url);
        assert_eq!(e.published().unwrap().timestamp(), ad.published_at);
        assert_eq!(e.updated().timestamp(), ad.published_at);
        assert_eq!(e.authors()[0].name(), "Vantaan kaupunki");
        assert_eq!(
            e.summary().unwrap().as_str(),
            "Ansökningstiden går ut 15.12.2026 16.00.\n\nVi söker en sjukskötare till en fast anställning. Arbetet utförs dagtid på vardagar."
        );
        let terms: Vec<_> = e.categories().iter().map(|c| c.term()).collect();
        assert_eq!(
            terms,
            ["Tillsvidare", "Heltid", "Arbetsavtalsförhållande", "Vantaa", "Terveyspalvelut"]
        );
    }

    #[test]
    fn an_ad_without_the_feeds_language_says_which_it_is_in() {
        let item = Item::from_ad(&sample_ad(), Lang::En, BASE).unwrap();
        assert_eq!(item.lang, Lang::Fi);
        assert_eq!(item.categories[0], "Permanent", "labels follow the feed");
        let xml = atom(&channel(Lang::En), std::slice::from_ref(&item));
        assert!(xml.contains(r#"<entry xml:lang="fi">"#), "{xml}");
        let xml = rss(&channel(Lang::En), &[item]);
        assert!(xml.contains(r#"<item xml:lang="fi">"#), "{xml}");
    }

    #[test]
    fn special_characters_survive_both_formats() {
        let xml = rss(&channel(Lang::Sv), &[nasty_item()]);
        assert!(!xml.contains("<b>") && !xml.contains('\u{1}') && !xml.contains('\u{0}'), "{xml}");
        let ch = rss::Channel::read_from(xml.as_bytes()).unwrap();
        let it = &ch.items()[0];
        assert_eq!(it.title(), Some("Ohjaaja <b>&\"Åsa's\"</b> – Jyväskylä"));
        assert_eq!(it.link(), Some("https://tupa.example.fi/jobs/vantaa/ad/2?a=1&b=2"));
        // The description is HTML, so the text's own markup characters arrive as entities.
        assert_eq!(
            it.description(),
            Some(
                "<p>Ansökningstiden går ut 15.12.2026 16.00.</p><p>Lön: x &lt; y &amp; &quot;z&quot; – hälsa &#39;på&#39; i Närpes</p>"
            )
        );
        assert_eq!(it.dublin_core_ext().unwrap().creators(), ["Kaupunki & Stad"]);
        assert_eq!(it.categories()[0].name(), "<Vakituinen>");

        let xml = atom(&channel(Lang::Sv), &[nasty_item()]);
        let feed = atom_syndication::Feed::read_from(xml.as_bytes()).unwrap();
        let e = &feed.entries()[0];
        assert_eq!(e.title().as_str(), "Ohjaaja <b>&\"Åsa's\"</b> – Jyväskylä");
        assert_eq!(e.id(), "https://tupa.example.fi/jobs/vantaa/ad/2?a=1&b=2");
        assert!(
            e.summary().unwrap().as_str().ends_with("Lön: x < y & \"z\" – hälsa 'på' i Närpes")
        );
        assert_eq!(e.categories()[0].term(), "<Vakituinen>");
        assert_eq!(e.authors()[0].name(), "Kaupunki & Stad");
    }

    #[test]
    fn feeds_without_items_are_well_formed() {
        let mut ch = channel(Lang::Fi);
        ch.image = None;
        let xml = rss(&ch, &[]);
        let parsed = rss::Channel::read_from(xml.as_bytes()).unwrap();
        assert!(parsed.items().is_empty());
        assert!(parsed.image().is_none());
        assert_well_formed(&xml);

        let xml = atom(&ch, &[]);
        let feed = atom_syndication::Feed::read_from(xml.as_bytes()).unwrap();
        assert!(feed.entries().is_empty());
        // RFC 4287: a feed without entries still needs an author.
        assert_eq!(feed.authors().len(), 1);
        assert_well_formed(&xml);
    }

    /// Reads the whole document with a strict XML reader: every end tag must match.
    fn assert_well_formed(xml: &str) {
        let mut reader = quick_xml::Reader::from_str(xml);
        reader.config_mut().check_end_names = true;
        let mut depth = 0i32;
        loop {
            match reader.read_event().unwrap() {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0);
    }

    #[test]
    fn clean_drops_only_what_xml_cannot_carry() {
        assert_eq!(clean("a\u{0}b\u{1b}c\td\ne\rf\u{FFFF}g"), "abc\td\ne\rfg");
        assert_eq!(clean("Åland – 北"), "Åland – 北");
    }
}
