//! The client's copy of a space: a ZIP with `transcript.html` (one self-contained page that
//! reads in any browser, offline, with translated headings and every stored text escaped) and
//! the space's files under `files/`.
//!
//! The archive is built from [`SECTIONS`], one per kind of content (the conversation here, the
//! rest in `archive_sections`); a new kind adds a [`SectionKind`] and its arm in [`section`]: its heading,
//! its part of the page and its files.
//!
//! Only the space's client may download it, in every state of the space (open, closed and,
//! for the year before deletion, archived): it is their copy of their own data. Staff work in
//! the service and never need a portable copy of a client's space.

use std::io::Write;

use zip::write::SimpleFileOptions;

use super::access::{self, InSpace, SpaceRole};
use super::messages;
use crate::authz::Actor;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// The kinds of content, in the order the transcript shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    Conversation,
    Tasks,
    Summaries,
    Links,
    Materials,
    Meter,
}

pub const SECTIONS: &[SectionKind] = &[
    SectionKind::Conversation,
    SectionKind::Tasks,
    SectionKind::Summaries,
    SectionKind::Links,
    SectionKind::Materials,
    SectionKind::Meter,
];

/// One part of the archive.
pub struct Section {
    /// Translated heading.
    pub heading: String,
    /// The section's part of the transcript, already escaped HTML.
    pub html: String,
    /// Files that go into `files/` (name as the client knew it, bytes).
    pub files: Vec<(String, Vec<u8>)>,
}

/// The most messages an archive holds: far beyond any real conversation, a bound all the same.
const MAX_MESSAGES: i64 = 100_000;

/// The space `space_id` as a ZIP for its client: the file name and the bytes. Anyone who is
/// not a member gets NotFound (as everywhere); staff of the space get Forbidden.
pub async fn for_client(
    db: &Db,
    actor: &Actor,
    space_id: &str,
    lang: Lang,
) -> Result<(String, Vec<u8>)> {
    let place = access::enter(db, actor, space_id).await?;
    if place.role != SpaceRole::Client {
        return Err(Error::Forbidden);
    }
    let bytes = build(db, &place, lang, crate::db::now()).await?;
    Ok((format!("space-{}.zip", place.space.id), bytes))
}

/// Builds the archive of `place` as of `now`.
pub async fn build(db: &Db, place: &InSpace, lang: Lang, now: i64) -> Result<Vec<u8>> {
    let mut sections = Vec::with_capacity(SECTIONS.len());
    for kind in SECTIONS {
        sections.push(section(db, place, *kind, lang).await?);
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    zip.start_file("transcript.html", options).map_err(anyhow::Error::from)?;
    zip.write_all(transcript(place, &sections, lang, now).as_bytes())
        .map_err(anyhow::Error::from)?;
    let mut taken = std::collections::BTreeSet::new();
    for section in &sections {
        for (name, bytes) in &section.files {
            let name = unique(&mut taken, &safe_name(name));
            zip.start_file(format!("files/{name}"), options).map_err(anyhow::Error::from)?;
            zip.write_all(bytes).map_err(anyhow::Error::from)?;
        }
    }
    Ok(zip.finish().map_err(anyhow::Error::from)?.into_inner())
}

/// One section's heading, page part and files.
async fn section(db: &Db, place: &InSpace, kind: SectionKind, lang: Lang) -> Result<Section> {
    use super::archive_sections as more;
    match kind {
        SectionKind::Tasks => more::tasks(db, place, lang).await,
        SectionKind::Summaries => more::summaries(db, place, lang).await,
        SectionKind::Links => more::links(db, place, lang).await,
        SectionKind::Materials => more::materials(db, place, lang).await,
        SectionKind::Meter => more::meter(db, place, lang).await,
        SectionKind::Conversation => {
            let list = messages::list(db, &place.space, MAX_MESSAGES).await?;
            let mut html = String::new();
            if list.is_empty() {
                html.push_str(&format!("<p>{}</p>", escape(&lang.t("space-no-messages"))));
            } else {
                html.push_str("<ol class=\"conversation\">");
                for m in &list {
                    let from_ticket = if m.kind == messages::MessageKind::FromTicket {
                        format!(" · {}", escape(&lang.t("space-from-ticket")))
                    } else {
                        String::new()
                    };
                    // The files themselves are under files/ in the ZIP.
                    let attached: String = m
                        .attachments
                        .iter()
                        .map(|a| format!("<li>{}</li>", escape(&a.filename)))
                        .collect();
                    let attached = if attached.is_empty() {
                        String::new()
                    } else {
                        format!("<ul class=\"files\">{attached}</ul>")
                    };
                    html.push_str(&format!(
                        "<li><p class=\"meta\"><strong>{}</strong> · <time datetime=\"{}\">{}</time>{from_ticket}</p><div class=\"body\">{}</div>{attached}</li>",
                        escape(&m.author),
                        iso(m.created_at),
                        utc_text(m.created_at),
                        escape(&m.body)
                    ));
                }
                html.push_str("</ol>");
            }
            let files = super::attachments::all_files(db, &place.space).await?;
            Ok(Section { heading: lang.t("space-conversation"), html, files })
        }
    }
}

fn transcript(place: &InSpace, sections: &[Section], lang: Lang, now: i64) -> String {
    let space = &place.space;
    let status = lang.t(match space.status {
        super::SpaceStatus::Open => "space-status-open",
        super::SpaceStatus::Closed => "space-status-closed",
        super::SpaceStatus::Archived => "space-status-archived",
    });
    let mut facts = vec![
        (lang.t("archive-controller"), escape(&place.org.name)),
        (lang.t("archive-status"), escape(&status)),
        (lang.t("archive-opened"), utc_text(space.created_at)),
    ];
    if let Some(closed) = space.closed_at {
        facts.push((lang.t("archive-closed"), utc_text(closed)));
    }
    facts.push((lang.t("archive-made"), utc_text(now)));
    let facts: String =
        facts.iter().map(|(k, v)| format!("<dt>{}</dt><dd>{v}</dd>", escape(k))).collect();
    let body: String = sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "<section aria-labelledby=\"s{i}\"><h2 id=\"s{i}\">{}</h2>{}</section>",
                escape(&s.heading),
                s.html
            )
        })
        .collect();
    let title = escape(&space.title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<title>{title} – {org}</title><style>{STYLE}</style></head>\
<body><main><h1>{title}</h1><p>{note}</p><dl>{facts}</dl>{body}</main></body></html>\n",
        lang = lang.code(),
        org = escape(&place.org.name),
        note = escape(&lang.t("archive-note")),
    )
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0}\
main{max-width:48rem;margin:0 auto;padding:1rem}h1,h2{line-height:1.2}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:bold}dd{margin:0}\
ol.conversation{list-style:none;padding:0}ol.conversation li{border-top:1px solid #767676;padding:.5rem 0}\
.meta{color:#444;margin:0}article{border-top:1px solid #767676;padding:.5rem 0}.body{white-space:pre-wrap;overflow-wrap:anywhere}";

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
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

fn iso(ts: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

/// `2026-05-31 12:00 UTC`: unambiguous wherever the file is read later.
pub(super) fn utc_text(ts: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(ts) {
        Ok(t) => format!(
            "{}-{:02}-{:02} {:02}:{:02} UTC",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        ),
        Err(_) => String::new(),
    }
}

/// A file name that is one plain path component: no directories, no control characters.
fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .take(120)
        .collect();
    let cleaned = cleaned.trim_start_matches('.').trim().to_string();
    if cleaned.is_empty() { "file".into() } else { cleaned }
}

/// `name`, or `name (2)`, `name (3)`… when already taken.
fn unique(taken: &mut std::collections::BTreeSet<String>, name: &str) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = match name.rsplit_once('.') {
            Some((stem, ext)) => format!("{stem} ({n}).{ext}"),
            None => format!("{name} ({n})"),
        };
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_stay_inside_files_and_do_not_collide() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("C:\\x\\..\\a.pdf"), "a.pdf");
        assert_eq!(safe_name(".."), "file");
        let mut taken = Default::default();
        assert_eq!(unique(&mut taken, "a.pdf"), "a.pdf");
        assert_eq!(unique(&mut taken, "a.pdf"), "a (2).pdf");
        assert_eq!(escape("<b a=\"x\">&'"), "&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
    }
}
