//! HTML to readable text, in linear time on hostile markup.
//!
//! Why the tag walk stays ours (about 200 lines) while the entities are `htmlize`'s: the
//! crates that turn HTML into text (`html2text` and its kind) build the whole document tree
//! through html5ever first — memory and time in proportion to whatever markup a sender sends —
//! and lay the text out for a terminal width, hard-wrapping lines that a ticket's conversation
//! and its search index do not want. A ticket needs the words in their paragraphs and list
//! items, nothing hidden (`<script>`, `<style>`, comments), in one pass that never
//! backtracks, whatever the markup; the tests at the end and in `inbound/tests.rs` hold it to
//! that on broken and hostile input.

use super::*;

/// Readable text from HTML: tags stripped, entities decoded, `<script>`, `<style>`, `<title>`
/// and `<template>` contents and comments dropped, line breaks kept for `<br>` and block
/// elements (`<p>`, `<div>`, `<li>` …, list items marked "- "), whitespace collapsed except
/// in `<pre>`. Runs in linear time; unterminated markup ends the text.
pub fn html_to_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut w = TextWriter::default();
    let mut pre = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = html[i..].find('<').map(|p| p + i) else {
            w.text(&html[i..], pre > 0);
            break;
        };
        w.text(&html[i..lt], pre > 0);
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            match find(bytes, b"-->", lt + 4) {
                Some(end) => i = end + 3,
                None => break,
            }
            continue;
        }
        let next = rest.get(1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' {
            match find(bytes, b">", lt + 2) {
                Some(end) => i = end + 1,
                None => break,
            }
            continue;
        }
        let closing = next == b'/';
        let name_start = lt + 1 + usize::from(closing);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // "a < b": a literal less-than sign.
            w.text("<", pre > 0);
            i = lt + 1;
            continue;
        }
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(tag_end) = tag_end(bytes, name_start + name_len) else { break };
        i = tag_end + 1;

        if !closing && matches!(name.as_str(), "script" | "style" | "title" | "template") {
            let close = format!("</{name}");
            match find_ignore_case(bytes, close.as_bytes(), i)
                .and_then(|p| find(bytes, b">", p + close.len()))
            {
                Some(end) => i = end + 1,
                None => break,
            }
            continue;
        }
        match name.as_str() {
            "br" => w.line_break(),
            "li" if !closing => {
                w.block(1);
                w.raw("- ");
            }
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "ul" | "ol" | "dl"
            | "table" | "figure" => w.block(2),
            "pre" => {
                w.block(2);
                pre = if closing { pre.saturating_sub(1) } else { pre + 1 };
            }
            "div" | "li" | "tr" | "dt" | "dd" | "hr" | "section" | "article" | "header"
            | "footer" | "nav" | "aside" | "main" | "form" | "fieldset" | "caption" | "center"
            | "address" | "body" | "html" => w.block(1),
            "td" | "th" => w.space(),
            _ => {}
        }
    }
    w.finish()
}

/// Index of the `>` ending a tag whose name ends at `from`, skipping quoted attribute values.
/// A quote that never closes is ignored (the first `>` ends the tag then).
pub(super) fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'>') => return Some(i),
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
    }
    if quote.is_some() { find(bytes, b">", from) } else { None }
}

pub(super) fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

pub(super) fn find_ignore_case(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

#[derive(Default)]
pub(super) struct TextWriter {
    out: String,
    space: bool,
}

impl TextWriter {
    fn text(&mut self, html: &str, pre: bool) {
        if html.is_empty() {
            return;
        }
        for c in decode_entities(html).chars() {
            match c {
                // Soft hyphens, zero-width and direction marks would split or hide words in
                // the text search indexes and show as nothing anyway.
                '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}' => {}
                '\r' if pre => {}
                '\n' | '\t' if pre => self.out.push(c),
                ' ' if pre => self.out.push(' '),
                c if c.is_whitespace() => self.space = true,
                c if c.is_control() => {}
                c => {
                    if self.space && !self.out.is_empty() && !self.out.ends_with(['\n', ' ']) {
                        self.out.push(' ');
                    }
                    self.space = false;
                    self.out.push(c);
                }
            }
        }
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.space = false;
    }

    fn space(&mut self) {
        self.space = true;
    }

    fn trim_trailing_spaces(&mut self) {
        let len = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(len);
    }

    fn line_break(&mut self) {
        self.trim_trailing_spaces();
        self.out.push('\n');
        self.space = false;
    }

    /// Ends the current line and leaves `lines - 1` blank lines (not at the very start).
    fn block(&mut self, lines: usize) {
        self.trim_trailing_spaces();
        self.space = false;
        if self.out.is_empty() {
            return;
        }
        let trailing = self.out.len() - self.out.trim_end_matches('\n').len();
        for _ in trailing..lines {
            self.out.push('\n');
        }
    }

    fn finish(self) -> String {
        let mut out = String::with_capacity(self.out.len());
        let mut blank_lines = 0;
        for line in clean_text(&self.out).lines() {
            let line = line.trim_end();
            if line.is_empty() {
                blank_lines += 1;
                if blank_lines > 1 {
                    continue;
                }
            } else {
                blank_lines = 0;
            }
            out.push_str(line);
            out.push('\n');
        }
        let len = out.trim_end().len();
        out.truncate(len);
        out
    }
}

/// Character references decoded as a browser decodes them in text (WHATWG: all 2 231 named
/// references, the legacy ones that need no semicolon, `&#150;` read as Windows-1252), by the
/// `htmlize` crate.
fn decode_entities(s: &str) -> Cow<'_, str> {
    htmlize::unescape(s)
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_to_text_survives_broken_markup() {
        assert_eq!(html_to_text("a < b <3 &unknown; &amp"), "a < b <3 &unknown; &");
        assert_eq!(html_to_text("<p>kesken <b class=\"x"), "kesken");
        assert_eq!(html_to_text("alku<!-- ei loppua <p>x</p>"), "alku");
        assert_eq!(html_to_text("alku<script>ei loppua"), "alku");
        assert_eq!(html_to_text("<pre>  a\n    b</pre><p>c   d</p>"), "  a\n    b\n\nc d");
        assert_eq!(html_to_text("&#150;&#8364;&#0;&#x110000;&shy;x"), "–€\u{FFFD}\u{FFFD}x");
        // Every HTML5 name, the legacy ones without a semicolon, and no hidden marks left.
        assert_eq!(
            html_to_text("&check; &hellip;&zwnj;x&lrm; &copy 2026 &Aring;bo"),
            "✓ …x © 2026 Åbo"
        );
        assert_eq!(html_to_text("&NotNestedGreaterGreater; &euro;5"), "⪢̸ €5");
        // Linear time on hostile input: these finish at once.
        let hostile = [
            "<".repeat(200_000),
            "<a '".repeat(100_000),
            "<!--".repeat(100_000),
            "&#".repeat(100_000),
        ];
        for input in hostile {
            let _ = html_to_text(&input);
        }
    }
}
