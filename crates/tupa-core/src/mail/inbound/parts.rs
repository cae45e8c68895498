//! Bodies and attachments, and the cleaning of text for storage and display.

use super::*;

/// The part's content after transfer decoding, before charset conversion, taken from the
/// original bytes. `None` when the parser had to recover the part.
pub(super) fn transfer_decoded(raw: &[u8], part: &MessagePart<'_>) -> Option<Vec<u8>> {
    if part.is_encoding_problem {
        return None;
    }
    let bytes = raw.get(part.offset_body as usize..part.offset_end as usize)?;
    match part.encoding {
        Encoding::None => Some(bytes.to_vec()),
        Encoding::Base64 => base64_decode(bytes),
        Encoding::QuotedPrintable => quoted_printable_decode(bytes),
    }
}

/// A text/plain part as clean text. Parts without a usable charset whose bytes are not UTF-8
/// are read as Windows-1252.
pub(super) fn part_text(raw: &[u8], part: &MessagePart<'_>) -> String {
    let text = part.text_contents().unwrap_or_default();
    if text.contains('\u{FFFD}') {
        let label = part.content_type().and_then(|ct| ct.attribute("charset"));
        let unlabelled = label.is_none_or(|l| {
            let l = l.trim().to_ascii_lowercase();
            matches!(l.as_str(), "us-ascii" | "ascii" | "utf-8" | "utf8")
                || charset_decoder(l.as_bytes()).is_none()
        });
        if unlabelled
            && let Some(bytes) = transfer_decoded(raw, part)
            && std::str::from_utf8(&bytes).is_err()
            && let Some(decode) = charset_decoder(b"windows-1252")
        {
            return html_in_plain_to_text(clean_text(&decode(&bytes)));
        }
    }
    html_in_plain_to_text(clean_text(text))
}

/// A text/plain part that is really an HTML document (a sender that mislabels it, or broken
/// MIME that ran an HTML part into the text part) is converted from where the markup starts:
/// the first `<!doctype html`, `<html`, `<head` or `<body`, with a closing `</html>` or
/// `</body>` after it, backed up over markup-only lines before it.
pub(super) fn html_in_plain_to_text(text: String) -> String {
    let lower = text.to_ascii_lowercase();
    let Some(open) = ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .filter_map(|marker| lower.find(marker))
        .min()
    else {
        return text;
    };
    if !lower[open..].contains("</html>") && !lower[open..].contains("</body>") {
        return text;
    }
    let mut start = lower[..open].rfind('\n').map_or(0, |p| p + 1);
    while start > 0 {
        let previous = lower[..start - 1].rfind('\n').map_or(0, |p| p + 1);
        let line = lower[previous..start - 1].trim();
        if !line.is_empty() && !line.starts_with('<') {
            break;
        }
        start = previous;
    }
    let (plain, html) = text.split_at(start);
    let plain = plain.trim_end();
    let converted = html_to_text(html);
    match (plain.is_empty(), converted.is_empty()) {
        (true, _) => converted,
        (false, true) => plain.to_string(),
        (false, false) => format!("{plain}\n\n{converted}"),
    }
}

pub(super) fn mime_type(part: &MessagePart<'_>) -> String {
    let fallback = match &part.body {
        PartType::Text(_) => "text/plain",
        PartType::Html(_) => "text/html",
        PartType::Message(_) => "message/rfc822",
        _ => "application/octet-stream",
    };
    let Some(ct) = part.content_type() else { return fallback.to_string() };
    if ct.ctype().eq_ignore_ascii_case("multipart") {
        // A multipart whose boundary was never found: its content was read as text.
        return fallback.to_string();
    }
    let token = |s: &str| {
        !s.is_empty()
            && s.len() <= 127
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    match ct.subtype() {
        Some(subtype) if token(ct.ctype()) && token(subtype) => {
            format!("{}/{}", ct.ctype(), subtype).to_ascii_lowercase()
        }
        _ => fallback.to_string(),
    }
}

/// The attachment's file name as the sender gave it (RFC 2231/2047 decoded), re-read as
/// Windows-1252 when it arrived as raw 8-bit bytes.
pub(super) fn raw_filename(raw: &[u8], part: &MessagePart<'_>) -> Option<String> {
    let name = part.attachment_name()?;
    if name.contains('\u{FFFD}') {
        for (header_name, attribute) in
            [(HeaderName::ContentDisposition, "filename"), (HeaderName::ContentType, "name")]
        {
            let Some(header) = first_header(&part.headers, &header_name) else { continue };
            if let Some(bytes) = legacy_header_bytes(raw_bytes(raw, header), true)
                && let HeaderValue::ContentType(ct) =
                    MessageStream::new(&bytes).parse_content_type()
                && let Some(legacy) = ct.attribute(attribute)
            {
                return Some(legacy.to_string());
            }
        }
    }
    Some(name.to_string())
}

/// A file name safe to store and to offer for download, or `None` if nothing usable is left.
pub(super) fn sanitize_filename(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).find(|s| !s.trim().is_empty())?;
    let mut out = String::with_capacity(base.len());
    for c in base.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || is_invisible_format(c) => {}
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => out.push('_'),
            c => out.push(c),
        }
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' ']);
    if trimmed.is_empty() {
        return None;
    }
    Some(truncate_filename(trimmed, 200))
}

/// Direction overrides and other invisible characters that can disguise a file name
/// ("invoice\u{202E}fdp.exe").
pub(super) fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// At most `max` characters, keeping a short extension.
pub(super) fn truncate_filename(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.chars().count() <= 10 => (stem, Some(ext)),
        _ => (name, None),
    };
    let keep = max - ext.map_or(0, |e| e.chars().count() + 1);
    let mut out: String = stem.chars().take(keep).collect();
    if let Some(ext) = ext {
        out.push('.');
        out.push_str(ext);
    }
    out
}

pub(super) fn attachment(raw: &[u8], part: &MessagePart<'_>, number: usize) -> Option<Attachment> {
    let bytes = match &part.body {
        PartType::Multipart(_) => return None,
        PartType::Text(_) | PartType::Html(_) => {
            transfer_decoded(raw, part).unwrap_or_else(|| part.contents().to_vec())
        }
        _ => part.contents().to_vec(),
    };
    let content_id = part.content_id().and_then(clean_message_id);
    let inline = match part.content_disposition() {
        Some(disposition) => disposition.is_inline(),
        None => content_id.is_some(),
    };
    let filename = raw_filename(raw, part)
        .and_then(|n| sanitize_filename(&n))
        .unwrap_or_else(|| format!("attachment-{number}"));
    Some(Attachment { filename, content_type: mime_type(part), content_id, inline, bytes })
}

// ---------------------------------------------------------------------------------------------
// Text cleaning

/// One line: control characters become spaces, whitespace runs collapse, ends trimmed.
pub(super) fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            space = true;
        } else if c == '\u{FEFF}' {
            continue;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Multi-line text: `\n` line ends, no control characters but `\n` and `\t`, no trailing
/// whitespace, no leading blank lines.
pub(super) fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let trimmed_end = out.trim_end().len();
    out.truncate(trimmed_end);
    let leading_blank = out.len() - out.trim_start_matches(['\n', ' ', '\t']).len();
    // Keep the indentation of the first line, drop only the blank lines before it.
    let start = out[..leading_blank].rfind('\n').map_or(0, |p| p + 1);
    out.split_off(start)
}

// ---------------------------------------------------------------------------------------------
