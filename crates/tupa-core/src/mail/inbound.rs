//! Incoming mail: parsing and threading keys.
//!
//! The pure layer of mail ingestion: bytes in, [`InboundMessage`] out. No database, no HTTP;
//! the service desk decides what to do with the result (ticket, follow-up, or refusal kept for
//! an admin to inspect). Parsing is done by `mail-parser`; this module picks what the desk needs,
//! decodes it readably and sanitises it for storage and display.
//!
//! # Guarantees
//!
//! - [`parse`] never panics (a panic inside the parser is caught and reported as
//!   `mail-unparseable`) and runs in time linear in the input; input over
//!   [`MAX_MESSAGE_BYTES`] is refused before parsing.
//! - All strings are valid UTF-8 without NUL or other control characters (except `\n` and `\t`
//!   in `text`), so they can be stored in PostgreSQL and SQLite text columns. Subjects, names,
//!   file names and content types never contain line breaks, so they cannot inject headers.
//! - `text` never contains HTML: HTML bodies are converted to text.
//! - Nothing is lost: `raw_sha256` identifies the original bytes, which the caller keeps;
//!   every non-body MIME part (including forwarded `message/rfc822` messages) is an attachment.
//!
//! # Decisions
//!
//! - **A message without a sender address is refused** (`mail-no-sender`): the author is the
//!   first valid address of `From`, else of `Sender`. A ticket needs a requester who can be
//!   answered and whose follow-ups can be matched; RFC 5322 requires `From`, and mail without it
//!   is in practice broken scripts or junk. The refusal carries the parsed message
//!   ([`ParseError::message`]) so the inspection view shows it decoded like any other. So on
//!   `Ok`, `from` is always `Some`; it is an `Option` for the refused message.
//! - **Legacy 8-bit headers**: headers that are not valid UTF-8 and would decode with
//!   replacement characters are re-read as Windows-1252 (what old European clients sent), as
//!   are text parts without a usable charset label whose bytes are not UTF-8.
//! - **Text attachments keep their original bytes** (after transfer decoding, before charset
//!   conversion), so an ISO-8859-15 Finvoice XML stays byte-identical; `content_type` is the
//!   bare lower-case MIME type (`text/xml`), parameters dropped.
//! - **Message-IDs** are kept without angle brackets; values with whitespace are not ids and
//!   are dropped (that removes "In-Reply-To: Your message of ..." comments).
//! - **Single-valued headers** (Subject, Date, Message-ID, Return-Path) are taken from their
//!   first occurrence.

use std::borrow::Cow;
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::parsers::MessageStream;
use mail_parser::{
    Addr, ContentType, Encoding, Header, HeaderName, HeaderValue, MessageParser, MessagePart,
    MimeHeaders, PartType,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Messages larger than this (25 MiB) are refused with `mail-too-large` without being parsed.
pub const MAX_MESSAGE_BYTES: usize = 25 * 1024 * 1024;

/// A mailbox: display name (RFC 2047 decoded) and lower-cased address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub name: Option<String>,
    pub email: String,
}

/// A MIME part that is not the message body: a file, an inline image, a forwarded message.
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Sanitised: the last path segment of the name the sender gave, without control or
    /// direction-override characters or `<>:"|?*`, no leading dots; `attachment-N` (N counting
    /// from 1 in message order) when none is usable.
    pub filename: String,
    /// Lower-case `type/subtype` without parameters; `application/octet-stream` if absent or
    /// malformed.
    pub content_type: String,
    /// Without angle brackets, as referenced by `cid:` URLs in the HTML body.
    pub content_id: Option<String>,
    /// `Content-Disposition: inline`, or no disposition but a Content-ID (an image the HTML
    /// body shows).
    pub inline: bool,
    /// Transfer-decoded content. For `message/rfc822`, the forwarded message's source.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("content_id", &self.content_id)
            .field("inline", &self.inline)
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .finish()
    }
}

/// Whether a person wrote the message, or a machine did.
///
/// Detection, first match wins (so a bounce that also says `Auto-Submitted: auto-replied`,
/// as Postfix and Exim bounces do, is a `Bounce`):
/// 1. `Bounce`: `Content-Type: multipart/report; report-type=delivery-status`; or `From`
///    `mailer-daemon@…`/`postmaster@…` with `Return-Path: <>`; or an `X-Failed-Recipients`
///    header (Exim).
/// 2. `AutoReply`: `Auto-Submitted` other than `no`; `X-Autoreply` or `X-Autorespond` present;
///    `X-Auto-Response-Suppress` listing `All` or `OOF`; `Precedence: auto_reply`; or
///    `multipart/report; report-type=disposition-notification` (a read receipt).
/// 3. `List`: `List-Id` or `List-Unsubscribe` present, or `Precedence: list`.
/// 4. `Bulk`: `Precedence: bulk` or `junk`.
/// 5. `Human` otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AutoKind {
    Human,
    AutoReply,
    Bounce,
    List,
    Bulk,
}

impl AutoKind {
    /// Stable name for storage: `human`, `auto-reply`, `bounce`, `list`, `bulk`.
    pub fn as_str(self) -> &'static str {
        match self {
            AutoKind::Human => "human",
            AutoKind::AutoReply => "auto-reply",
            AutoKind::Bounce => "bounce",
            AutoKind::List => "list",
            AutoKind::Bulk => "bulk",
        }
    }
}

/// A parsed incoming message. See the module documentation for what is guaranteed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundMessage {
    /// Lower-case hex SHA-256 of the original bytes.
    pub raw_sha256: String,
    /// Without angle brackets.
    pub message_id: Option<String>,
    pub in_reply_to: Vec<String>,
    /// In header order (oldest first), duplicates removed.
    pub references: Vec<String>,
    /// The author: first valid address of `From`, else of `Sender`. Always `Some` on `Ok`.
    pub from: Option<Address>,
    pub reply_to: Option<Address>,
    /// All valid addresses of all `To` headers, duplicates removed.
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    /// RFC 2047 decoded, whitespace collapsed; empty if none.
    pub subject: String,
    /// Unix seconds, from a valid `Date` header.
    pub date: Option<i64>,
    /// The readable body: the text/plain parts, or the HTML converted to text where a part
    /// exists only as HTML (or the text/plain one is empty, or is really an HTML document).
    /// `\n` line ends. Never HTML.
    pub text: String,
    /// The first HTML body part, unsanitised (for display after sanitising).
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
    pub auto: AutoKind,
    /// `Return-Path: <>`: the envelope sender was null (bounces and other automatic replies,
    /// which must never be answered).
    pub return_path_empty: bool,
}

/// Why a message was refused. The caller keeps the original either way.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("the message is empty")]
    Empty,
    #[error("the message is {size} bytes, over the 25 MiB limit")]
    TooLarge { size: usize },
    #[error("the message could not be parsed: {reason}")]
    Unparseable { reason: &'static str },
    /// No address in `From` or `Sender`. Carries what could be parsed, for inspection.
    #[error("the message has no sender address")]
    NoSender(Box<InboundMessage>),
}

impl ParseError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            ParseError::Empty => "mail-empty",
            ParseError::TooLarge { .. } => "mail-too-large",
            ParseError::Unparseable { .. } => "mail-unparseable",
            ParseError::NoSender(_) => "mail-no-sender",
        }
    }

    /// The parsed message, when it was parsed but refused.
    pub fn message(&self) -> Option<&InboundMessage> {
        match self {
            ParseError::NoSender(message) => Some(message),
            _ => None,
        }
    }
}

const REASON_NO_HEADERS: &str = "no header found";
const REASON_PANIC: &str = "the parser failed";

/// Parses a message as received (RFC 5322, with MIME).
///
/// Refuses: `mail-too-large` over [`MAX_MESSAGE_BYTES`] (not parsed), `mail-empty` for nothing
/// but whitespace, `mail-unparseable` when no header can be found (or the parser fails),
/// `mail-no-sender` when neither `From` nor `Sender` has an address (with the parsed message).
pub fn parse(raw: &[u8]) -> Result<InboundMessage, ParseError> {
    if raw.len() > MAX_MESSAGE_BYTES {
        return Err(ParseError::TooLarge { size: raw.len() });
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let message = catch_unwind(AssertUnwindSafe(|| build(raw)))
        .unwrap_or(Err(ParseError::Unparseable { reason: REASON_PANIC }))?;
    if message.from.is_none() {
        return Err(ParseError::NoSender(Box::new(message)));
    }
    Ok(message)
}

fn sha256_hex(raw: &[u8]) -> String {
    hex::encode(Sha256::digest(raw))
}

fn build(raw: &[u8]) -> Result<InboundMessage, ParseError> {
    let parsed = MessageParser::default()
        .parse(raw)
        .ok_or(ParseError::Unparseable { reason: REASON_NO_HEADERS })?;
    let Some(root) = parsed.parts.first().filter(|p| !p.headers.is_empty()) else {
        return Err(ParseError::Unparseable { reason: REASON_NO_HEADERS });
    };
    let headers = &root.headers;

    let from = header_addresses(raw, headers, &HeaderName::From)
        .into_iter()
        .next()
        .or_else(|| header_addresses(raw, headers, &HeaderName::Sender).into_iter().next());
    let reply_to = header_addresses(raw, headers, &HeaderName::ReplyTo).into_iter().next();
    let to = header_addresses(raw, headers, &HeaderName::To);
    let cc = header_addresses(raw, headers, &HeaderName::Cc);

    let message_id = first_header(headers, &HeaderName::MessageId)
        .and_then(|h| message_ids(&h.value).into_iter().next());
    let in_reply_to = all_message_ids(headers, &HeaderName::InReplyTo);
    let references = all_message_ids(headers, &HeaderName::References);

    let date = first_header(headers, &HeaderName::Date)
        .and_then(|h| h.value.as_datetime())
        .filter(|d| d.is_valid())
        .map(|d| d.to_timestamp());

    let subject = header_text(raw, headers, &HeaderName::Subject).unwrap_or_default();

    let return_path_empty = raw_header_values(raw, headers, "return-path")
        .next()
        .is_some_and(|v| v.chars().filter(|c| !c.is_whitespace()).eq("<>".chars()));

    // Body: the parser lists, per alternative, the text/plain part, or the HTML part where
    // there is no text/plain one.
    let mut texts = Vec::new();
    for part in parsed.text_body.iter().filter_map(|&id| parsed.parts.get(id as usize)) {
        match &part.body {
            PartType::Text(_) => texts.push(part_text(raw, part)),
            PartType::Html(html) => texts.push(html_to_text(html)),
            _ => {}
        }
    }
    let html =
        parsed.html_body.iter().filter_map(|&id| parsed.parts.get(id as usize)).find_map(|p| {
            match &p.body {
                PartType::Html(html) => Some(html.replace('\0', "")),
                _ => None,
            }
        });
    let mut text = clean_text(&texts.join("\n\n"));
    if text.is_empty()
        && let Some(html) = &html
    {
        // An empty text/plain alternative next to a real HTML one.
        text = html_to_text(html);
    }

    let mut attachments = Vec::new();
    for part in parsed.attachments.iter().filter_map(|&id| parsed.parts.get(id as usize)) {
        if let Some(attachment) = attachment(raw, part, attachments.len() + 1) {
            attachments.push(attachment);
        }
    }

    let auto = classify(raw, headers, from.as_ref(), return_path_empty);

    Ok(InboundMessage {
        raw_sha256: sha256_hex(raw),
        message_id,
        in_reply_to,
        references,
        from,
        reply_to,
        to,
        cc,
        subject,
        date,
        text,
        html,
        attachments,
        auto,
        return_path_empty,
    })
}

// ---------------------------------------------------------------------------------------------
// Headers

fn first_header<'a, 'x>(
    headers: &'a [Header<'x>],
    name: &HeaderName<'_>,
) -> Option<&'a Header<'x>> {
    headers.iter().find(|h| &h.name == name)
}

fn raw_bytes<'r>(raw: &'r [u8], header: &Header<'_>) -> &'r [u8] {
    raw.get(header.offset_start as usize..header.offset_end as usize).unwrap_or_default()
}

/// The unfolded raw values of the headers called `name` (case-insensitive), in order.
fn raw_header_values<'a>(
    raw: &'a [u8],
    headers: &'a [Header<'_>],
    name: &'a str,
) -> impl Iterator<Item = String> + 'a {
    headers
        .iter()
        .filter(move |h| h.name.as_str().eq_ignore_ascii_case(name))
        .map(move |h| clean_line(&String::from_utf8_lossy(raw_bytes(raw, h))))
}

fn has_header(headers: &[Header<'_>], name: &str) -> bool {
    headers.iter().any(|h| h.name.as_str().eq_ignore_ascii_case(name))
}

/// The first token of the first header called `name`, lower-cased (`auto-replied` from
/// `Auto-Submitted: auto-replied; owner-email="…"`).
fn header_token(raw: &[u8], headers: &[Header<'_>], name: &str) -> Option<String> {
    raw_header_values(raw, headers, name).next().map(|v| {
        v.split([';', ',', ' ', '(']).next().unwrap_or_default().trim().to_ascii_lowercase()
    })
}

/// Raw header bytes re-read as Windows-1252, when they are not UTF-8 and the parser's
/// reading of them contains replacement characters. Ends with a line break, as the
/// field parsers expect.
fn legacy_header_bytes(bytes: &[u8], parsed_has_replacement: bool) -> Option<Vec<u8>> {
    if !parsed_has_replacement || std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let decode = charset_decoder(b"windows-1252")?;
    let mut utf8 = decode(bytes).into_bytes();
    if !utf8.ends_with(b"\n") {
        utf8.push(b'\n');
    }
    Some(utf8)
}

fn value_text(value: &HeaderValue<'_>) -> Option<String> {
    match value {
        HeaderValue::Text(text) => Some(text.to_string()),
        HeaderValue::TextList(list) => Some(list.join(" ")),
        _ => None,
    }
}

/// An unstructured header (Subject), decoded.
fn header_text(raw: &[u8], headers: &[Header<'_>], name: &HeaderName<'_>) -> Option<String> {
    let header = first_header(headers, name)?;
    let mut text = value_text(&header.value).unwrap_or_default();
    if let Some(bytes) = legacy_header_bytes(raw_bytes(raw, header), text.contains('\u{FFFD}'))
        && let Some(legacy) = value_text(&MessageStream::new(&bytes).parse_unstructured())
    {
        text = legacy;
    }
    Some(clean_line(&text))
}

fn header_addresses(raw: &[u8], headers: &[Header<'_>], name: &HeaderName<'_>) -> Vec<Address> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for header in headers.iter().filter(|h| &h.name == name) {
        let HeaderValue::Address(list) = &header.value else { continue };
        let replaced = list.iter().any(|a| {
            a.name.as_deref().is_some_and(|n| n.contains('\u{FFFD}'))
                || a.address.as_deref().is_some_and(|n| n.contains('\u{FFFD}'))
        });
        if let Some(bytes) = legacy_header_bytes(raw_bytes(raw, header), replaced)
            && let HeaderValue::Address(legacy) = MessageStream::new(&bytes).parse_address()
        {
            collect_addresses(legacy.iter(), &mut out, &mut seen);
        } else {
            collect_addresses(list.iter(), &mut out, &mut seen);
        }
    }
    out
}

fn collect_addresses<'a, 'x: 'a>(
    addrs: impl Iterator<Item = &'a Addr<'x>>,
    out: &mut Vec<Address>,
    seen: &mut HashSet<String>,
) {
    for addr in addrs {
        let Some(email) = addr.address.as_deref().and_then(clean_email) else { continue };
        if !seen.insert(email.clone()) {
            continue;
        }
        let name = addr.name.as_deref().map(clean_line).filter(|n| !n.is_empty());
        out.push(Address { name, email });
    }
}

/// A usable e-mail address, lower-cased: `local@domain`, no whitespace or control characters.
fn clean_email(address: &str) -> Option<String> {
    let address = address.trim().trim_start_matches('<').trim_end_matches('>').trim();
    let (local, domain) = address.rsplit_once('@')?;
    let valid = !local.is_empty()
        && !domain.is_empty()
        && address.len() <= 320
        && !address.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>'));
    valid.then(|| address.to_lowercase())
}

/// A Message-ID without brackets; `None` for anything that is not one.
fn clean_message_id(id: &str) -> Option<String> {
    let id = id.trim();
    let id = match (id.find('<'), id.rfind('>')) {
        (Some(open), Some(close)) if open < close => &id[open + 1..close],
        _ => id,
    };
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    let valid = !id.is_empty()
        && id.len() <= 998
        && !id.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>'));
    valid.then(|| id.to_string())
}

fn message_ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => clean_message_id(id).into_iter().collect(),
        HeaderValue::TextList(ids) => ids.iter().filter_map(|id| clean_message_id(id)).collect(),
        _ => Vec::new(),
    }
}

fn all_message_ids(headers: &[Header<'_>], name: &HeaderName<'_>) -> Vec<String> {
    let mut seen = HashSet::new();
    headers
        .iter()
        .filter(|h| &h.name == name)
        .flat_map(|h| message_ids(&h.value))
        .filter(|id| seen.insert(id.clone()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Automatic mail

fn content_type_is(ct: Option<&ContentType<'_>>, ctype: &str, subtype: &str) -> bool {
    ct.is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case(ctype)
            && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case(subtype))
    })
}

fn ct_attribute<'a>(ct: Option<&'a ContentType<'_>>, name: &str) -> Option<&'a str> {
    ct?.attributes()?.iter().find(|a| a.name.eq_ignore_ascii_case(name)).map(|a| a.value.as_ref())
}

fn classify(
    raw: &[u8],
    headers: &[Header<'_>],
    from: Option<&Address>,
    return_path_empty: bool,
) -> AutoKind {
    let ct =
        first_header(headers, &HeaderName::ContentType).and_then(|h| h.value.as_content_type());
    let report_type = content_type_is(ct, "multipart", "report")
        .then(|| ct_attribute(ct, "report-type"))
        .flatten()
        .map(|t| t.trim().to_ascii_lowercase());

    let from_daemon = from.is_some_and(|a| {
        a.email.starts_with("mailer-daemon@") || a.email.starts_with("postmaster@")
    });
    if report_type.as_deref() == Some("delivery-status")
        || (from_daemon && return_path_empty)
        || has_header(headers, "x-failed-recipients")
    {
        return AutoKind::Bounce;
    }

    let precedence = header_token(raw, headers, "precedence");
    let auto_submitted = header_token(raw, headers, "auto-submitted");
    let suppress_auto_reply =
        raw_header_values(raw, headers, "x-auto-response-suppress").any(|v| {
            v.split([',', ' ', ';'])
                .any(|t| t.eq_ignore_ascii_case("all") || t.eq_ignore_ascii_case("oof"))
        });
    if auto_submitted.is_some_and(|v| !v.is_empty() && v != "no")
        || has_header(headers, "x-autoreply")
        || has_header(headers, "x-autorespond")
        || suppress_auto_reply
        || precedence.as_deref() == Some("auto_reply")
        || report_type.as_deref() == Some("disposition-notification")
    {
        return AutoKind::AutoReply;
    }

    if has_header(headers, "list-id")
        || has_header(headers, "list-unsubscribe")
        || precedence.as_deref() == Some("list")
    {
        return AutoKind::List;
    }

    if matches!(precedence.as_deref(), Some("bulk" | "junk")) {
        return AutoKind::Bulk;
    }
    AutoKind::Human
}

/// The Message-ID of our message that a bounce reports: from the DSN's `message/rfc822` (or
/// `message/global`) part, else its `text/rfc822-headers` (or `message/global-headers`) part,
/// else a `Message-ID:` line quoted in the bounce's text, else the bounce's In-Reply-To, else
/// the last of its References.
///
/// `raw` must be the bytes `msg` was parsed from (checked against `raw_sha256`); returns `None`
/// for messages not classified as [`AutoKind::Bounce`], so that a forwarded message is never
/// mistaken for a bounced one.
pub fn bounced_message_id(msg: &InboundMessage, raw: &[u8]) -> Option<String> {
    if msg.auto != AutoKind::Bounce || sha256_hex(raw) != msg.raw_sha256 {
        return None;
    }
    let from_parts = catch_unwind(AssertUnwindSafe(|| {
        let parsed = MessageParser::default().parse(raw)?;
        let mut from_headers = None;
        let mut from_text = None;
        for part in &parsed.parts {
            let ct = part.content_type();
            if content_type_is(ct, "message", "rfc822") || content_type_is(ct, "message", "global")
            {
                let id = match &part.body {
                    PartType::Message(nested) => nested.message_id().and_then(clean_message_id),
                    _ => message_id_of_headers(part.contents()),
                };
                if id.is_some() {
                    return id;
                }
            } else if content_type_is(ct, "text", "rfc822-headers")
                || content_type_is(ct, "message", "rfc822-headers")
                || content_type_is(ct, "message", "global-headers")
            {
                if from_headers.is_none() {
                    from_headers = message_id_of_headers(part.contents());
                }
            } else if let PartType::Text(text) = &part.body
                && from_text.is_none()
            {
                from_text = message_id_in_text(text);
            }
        }
        from_headers.or(from_text)
    }))
    .ok()
    .flatten();
    from_parts
        .or_else(|| msg.in_reply_to.first().cloned())
        .or_else(|| msg.references.last().cloned())
}

fn message_id_of_headers(bytes: &[u8]) -> Option<String> {
    let headers = MessageParser::default().parse_headers(bytes)?;
    headers.message_id().and_then(clean_message_id)
}

/// A `Message-ID: <…>` line in a text (bounces that quote the original headers in the body).
fn message_id_in_text(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let line = line.trim_start();
        let (name, value) = line.split_once(':')?;
        if !name.trim_end().eq_ignore_ascii_case("message-id") {
            return None;
        }
        let value = value.trim();
        (value.starts_with('<') && value.contains('>')).then(|| clean_message_id(value)).flatten()
    })
}

// ---------------------------------------------------------------------------------------------
// Bodies and attachments

/// The part's content after transfer decoding, before charset conversion, taken from the
/// original bytes. `None` when the parser had to recover the part.
fn transfer_decoded(raw: &[u8], part: &MessagePart<'_>) -> Option<Vec<u8>> {
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
fn part_text(raw: &[u8], part: &MessagePart<'_>) -> String {
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
fn html_in_plain_to_text(text: String) -> String {
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

fn mime_type(part: &MessagePart<'_>) -> String {
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
fn raw_filename(raw: &[u8], part: &MessagePart<'_>) -> Option<String> {
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
fn sanitize_filename(name: &str) -> Option<String> {
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
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// At most `max` characters, keeping a short extension.
fn truncate_filename(name: &str, max: usize) -> String {
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

fn attachment(raw: &[u8], part: &MessagePart<'_>, number: usize) -> Option<Attachment> {
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
fn clean_line(s: &str) -> String {
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
fn clean_text(s: &str) -> String {
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
// HTML to text

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
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
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

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

#[derive(Default)]
struct TextWriter {
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
                '\u{AD}' | '\u{200B}' | '\u{FEFF}' => {}
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

fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match decode_entity(after) {
            Some((c, consumed)) => {
                out.push(c);
                rest = &after[consumed..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decodes the entity at the start of `s` (just after the `&`): the character and how many
/// bytes it used.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    if let Some(number) = s.strip_prefix('#') {
        let (digits, radix, prefix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (number, 10, 1),
        };
        let len = digits
            .bytes()
            .take_while(|b| b.is_ascii_digit() || (radix == 16 && b.is_ascii_hexdigit()))
            .count();
        if len == 0 || len > 8 {
            return None;
        }
        let code = u32::from_str_radix(&digits[..len], radix).ok()?;
        let c = match code {
            // Browsers read &#128;–&#159; as Windows-1252 (&#150; is an en dash).
            0x80..=0x9F => charset_decoder(b"windows-1252")
                .and_then(|decode| decode(&[code as u8]).chars().next())
                .unwrap_or('\u{FFFD}'),
            0 => '\u{FFFD}',
            _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
        };
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((c, prefix + len + semicolon));
    }
    let len = s.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if len == 0 || len > 10 {
        return None;
    }
    let name = &s[..len];
    let c = named_entity(name)?;
    if s[len..].starts_with(';') {
        Some((c, len + 1))
    } else if matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp") {
        // The few that browsers also accept without the semicolon.
        Some((c, len))
    } else {
        None
    }
}

/// HTML 4 Latin-1 entities, in code point order from U+00A0.
const LATIN1_ENTITIES: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

fn named_entity(name: &str) -> Option<char> {
    if let Some(pos) = LATIN1_ENTITIES.iter().position(|&e| e == name) {
        return char::from_u32(0xA0 + pos as u32);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ensp" | "emsp" | "thinsp" => ' ',
        "zwnj" | "zwj" | "lrm" | "rlm" => '\u{200B}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "hellip" => '…',
        "bull" => '•',
        "trade" => '™',
        "euro" => '€',
        "dagger" => '†',
        "Dagger" => '‡',
        "permil" => '‰',
        "prime" => '′',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "minus" => '−',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Zcaron" => 'Ž',
        "zcaron" => 'ž',
        "Yuml" => 'Ÿ',
        "fnof" => 'ƒ',
        "circ" => 'ˆ',
        "tilde" => '˜',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Threading keys

/// Reply and forward prefixes, compared case-insensitively: English, Finnish (VS, VL),
/// Swedish (SV, VB), German (AW, WG), French (TR), Dutch (Antw).
const REPLY_PREFIXES: [&str; 11] =
    ["re", "vs", "sv", "aw", "fwd", "fw", "vl", "wg", "tr", "antw", "vb"];

/// The subject without any number of leading reply/forward prefixes ("Re:", "VS:", "SV:",
/// "AW:", "Fwd:", "FW:", "VL:", "WG:", "TR:", "Antw:", "VB:"), in any case, with optional
/// spaces before the colon and optional counts ("Re[2]:", "Re(2):"). Bracketed tags such as
/// "[EXTERNAL]" stop the stripping: what follows them is kept as is. Trimmed.
pub fn strip_reply_prefixes(subject: &str) -> &str {
    let mut rest = subject.trim();
    while let Some(after) = strip_one_prefix(rest) {
        rest = after.trim_start();
    }
    rest
}

fn strip_one_prefix(s: &str) -> Option<&str> {
    let word_len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = &s[..word_len];
    if !REPLY_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(word)) {
        return None;
    }
    let mut rest = s[word_len..].trim_start();
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(inner) = rest.strip_prefix(open) {
            let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 6 {
                return None;
            }
            rest = inner[digits..].strip_prefix(close)?.trim_start();
            break;
        }
    }
    rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))
}

/// Our case tag for a case number: `[Tupa #2026-004217]`.
pub fn case_tag(tag_prefix: &str, case_number: &str) -> String {
    format!("[{} #{}]", tag_prefix.trim(), case_number.trim())
}

/// The case number ("2026-004217") of the first of our case tags anywhere in the subject.
/// Accepts case and whitespace variations: "[Tupa #2026-004217]", "[tupa#2026-004217]",
/// "[ Tupa # 2026-004217 ]". The number must be a 4-digit year, a hyphen and 6 digits.
pub fn find_case_tag(subject: &str, tag_prefix: &str) -> Option<String> {
    own_tags(subject, tag_prefix).into_iter().next().map(|t| t.number)
}

/// Bracketed tags of other systems ("[Kuntarekry #12345]", "[Ticket#4711]", "[RT #123]"):
/// square brackets around text containing a `#` followed by digits, that are not our case
/// tag. Returned verbatim, each once, in order, so they can be kept in replies.
pub fn foreign_case_tags(subject: &str, tag_prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut from = 0;
    while let Some(open) = subject[from..].find('[').map(|p| p + from) {
        let inner_start = open + 1;
        let Some(end) = subject[inner_start..].find(['[', ']']).map(|p| p + inner_start) else {
            break;
        };
        if subject[end..].starts_with('[') {
            from = end;
            continue;
        }
        let inner = &subject[inner_start..end];
        let tag = &subject[open..=end];
        let numbered = inner
            .match_indices('#')
            .any(|(p, _)| inner[p + 1..].trim_start().starts_with(|c: char| c.is_ascii_digit()));
        if numbered && match_own_tag(tag, tag_prefix).is_none() && seen.insert(tag) {
            out.push(tag.to_string());
        }
        from = end + 1;
    }
    out
}

/// The subject with our case tag appended once. Unchanged if it already carries the tag for
/// this case (in any accepted variation) and no other of ours; tags of ours for other cases
/// are removed (a forwarded message filed under a new case must not thread to the old one).
/// Foreign tags are kept. Line breaks and control characters are removed, so the result is
/// safe as a header.
pub fn subject_with_tag(subject: &str, tag_prefix: &str, case_number: &str) -> String {
    let subject = clean_line(subject);
    let tags = own_tags(&subject, tag_prefix);
    if !tags.is_empty() && tags.iter().all(|t| t.number == case_number.trim()) {
        return subject;
    }
    let mut without = String::with_capacity(subject.len());
    let mut last = 0;
    for tag in &tags {
        without.push_str(&subject[last..tag.start]);
        without.push(' ');
        last = tag.end;
    }
    without.push_str(&subject[last..]);
    let without = clean_line(&without);
    let tag = case_tag(tag_prefix, case_number);
    if without.is_empty() { tag } else { format!("{without} {tag}") }
}

struct OwnTag {
    start: usize,
    end: usize,
    number: String,
}

fn own_tags(subject: &str, tag_prefix: &str) -> Vec<OwnTag> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = subject[from..].find('[').map(|p| p + from) {
        match match_own_tag(&subject[start..], tag_prefix) {
            Some((len, number)) => {
                out.push(OwnTag { start, end: start + len, number });
                from = start + len;
            }
            None => from = start + 1,
        }
    }
    out
}

/// Matches our case tag at the start of `s`: its length in bytes and the case number.
fn match_own_tag(s: &str, tag_prefix: &str) -> Option<(usize, String)> {
    let mut rest = s.strip_prefix('[')?.trim_start();
    for word in tag_prefix.split_whitespace() {
        rest = strip_prefix_ignore_case(rest, word)?.trim_start();
    }
    rest = rest.strip_prefix('#')?.trim_start();
    let b = rest.as_bytes();
    // Six digits before numbers were permuted, eight since (desk::case_number).
    let number_len = b.iter().skip(5).take_while(|d| d.is_ascii_digit()).count();
    let year_ok = b.get(..4).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(year_ok && b.get(4) == Some(&b'-') && matches!(number_len, 6 | 8)) {
        return None;
    }
    let end = 5 + number_len;
    let number = rest[..end].to_string();
    let after = rest[end..].trim_start().strip_prefix(']')?;
    Some((s.len() - after.len(), number))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(i, _)| &s[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};
    use std::sync::mpsc;
    use std::time::Duration;

    /// A message written with `\n` line ends, sent with `\r\n` as on the wire.
    fn mail(text: &str) -> Vec<u8> {
        text.replace('\n', "\r\n").into_bytes()
    }

    fn parse_ok(raw: &[u8]) -> InboundMessage {
        parse(raw).unwrap_or_else(|e| panic!("refused with {}: {e}", e.code()))
    }

    fn with_headers(extra: &str) -> InboundMessage {
        parse_ok(&mail(&format!(
            "From: Liisa Virtanen <liisa.virtanen@kunta.example>\n\
             To: palvelu@tupa.test\n\
             Subject: Kysymys\n\
             {extra}\
             \n\
             Hei!\n"
        )))
    }

    fn unix(datetime: time::OffsetDateTime) -> i64 {
        datetime.unix_timestamp()
    }

    // ----------------------------------------------------------------------------------------
    // (a) The shared real-world corpus

    fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                corpus_files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// Reads every field and checks the invariants the desk relies on.
    fn check_fields(name: &str, m: &InboundMessage, raw: &[u8]) {
        let no_controls = |s: &str| !s.chars().any(char::is_control);
        assert_eq!(m.raw_sha256, sha256_hex(raw), "{name}");
        assert_eq!(m.raw_sha256.len(), 64, "{name}");
        let ids = m.message_id.iter().chain(&m.in_reply_to).chain(&m.references);
        for id in ids {
            assert!(
                !id.is_empty() && !id.contains(['<', '>', ' ']) && no_controls(id),
                "{name}: {id:?}"
            );
        }
        let addresses = m.from.iter().chain(&m.reply_to).chain(&m.to).chain(&m.cc);
        for a in addresses {
            assert!(a.email.contains('@') && a.email == a.email.to_lowercase(), "{name}: {a:?}");
            assert!(
                no_controls(&a.email) && a.name.as_deref().is_none_or(no_controls),
                "{name}: {a:?}"
            );
        }
        assert!(no_controls(&m.subject), "{name}: {:?}", m.subject);
        assert!(m.date.is_none_or(|d| d > 0), "{name}");
        assert!(!m.text.contains(['\r', '\0']), "{name}");
        let text = m.text.to_ascii_lowercase();
        assert!(
            !text.contains("<script") && !text.contains("<html") && !text.contains("<body"),
            "{name}: {}",
            m.text
        );
        assert!(m.html.as_deref().is_none_or(|h| !h.contains('\0')), "{name}");
        for a in &m.attachments {
            let f = &a.filename;
            assert!(
                !f.is_empty() && !f.contains(['/', '\\']) && no_controls(f) && !f.starts_with('.'),
                "{name}: {f:?}"
            );
            assert!(a.content_type.contains('/') && no_controls(&a.content_type), "{name}: {a:?}");
            assert!(
                a.content_id.as_deref().is_none_or(|c| !c.contains(['<', '>'])),
                "{name}: {a:?}"
            );
            let _ = (a.inline, a.bytes.len());
        }
        let _ = (m.auto.as_str(), m.return_path_empty);
        let _ = bounced_message_id(m, raw);
        let stripped = strip_reply_prefixes(&m.subject);
        let _ = (find_case_tag(stripped, "Tupa"), foreign_case_tags(&m.subject, "Tupa"));
        let tagged = subject_with_tag(&m.subject, "Tupa", "2026-000001");
        assert_eq!(
            find_case_tag(&tagged, "Tupa").as_deref(),
            Some("2026-000001"),
            "{name}: {tagged}"
        );
        assert_eq!(subject_with_tag(&tagged, "Tupa", "2026-000001"), tagged, "{name}");
    }

    /// Whether the raw message has a From or Sender header with something like an address,
    /// checked independently of the parser.
    fn has_sender_header(raw: &[u8]) -> bool {
        let text = String::from_utf8_lossy(raw);
        let headers = text.split("\r\n\r\n").next().unwrap_or_default();
        let headers = headers.split("\n\n").next().unwrap_or_default();
        headers.lines().any(|line| {
            let lower = line.to_ascii_lowercase();
            (lower.starts_with("from:") || lower.starts_with("sender:")) && line.contains('@')
        })
    }

    #[test]
    fn corpus_is_handled_without_panic_or_hang() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mail-corpus");
        let mut files = Vec::new();
        corpus_files(&dir, &mut files);
        assert!(files.len() >= 100, "corpus not found at {}", dir.display());

        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut outcomes = Vec::new();
            for path in files {
                let raw = std::fs::read(&path).expect("corpus file");
                let name = path.strip_prefix(&dir).unwrap_or(&path).display().to_string();
                let outcome = match parse(&raw) {
                    Ok(m) => {
                        check_fields(&name, &m, &raw);
                        Ok(())
                    }
                    Err(e) => {
                        if let Some(m) = e.message() {
                            check_fields(&name, m, &raw);
                        }
                        let unexplained = matches!(&e, ParseError::Unparseable { reason } if *reason == REASON_PANIC)
                            || (e.code() == "mail-no-sender" && has_sender_header(&raw));
                        Err((e.code(), e.to_string(), unexplained))
                    }
                };
                outcomes.push((name, raw, outcome));
            }
            let _ = sender.send(outcomes);
        });
        let outcomes = receiver
            .recv_timeout(Duration::from_secs(300))
            .expect("parsing the corpus did not finish (hang or panic)");

        let eml: Vec<_> = outcomes.iter().filter(|(name, _, _)| name.ends_with(".eml")).collect();
        let ok = eml.iter().filter(|(_, _, o)| o.is_ok()).count();
        let with_sender: Vec<_> = eml.iter().filter(|(_, raw, _)| has_sender_header(raw)).collect();
        let ok_with_sender = with_sender.iter().filter(|(_, _, o)| o.is_ok()).count();
        let refusals: Vec<String> = outcomes
            .iter()
            .filter_map(|(name, _, o)| {
                o.as_ref().err().map(|(code, msg, _)| format!("{name}: {code} ({msg})"))
            })
            .collect();
        let unexplained: Vec<String> = outcomes
            .iter()
            .filter_map(|(name, _, o)| match o {
                Err((code, msg, true)) => Some(format!("{name}: {code} ({msg})")),
                _ => None,
            })
            .collect();
        println!(
            "corpus: {} files, {} .eml, {ok} parsed, {} refused:\n{}",
            outcomes.len(),
            eml.len(),
            outcomes.len() - ok,
            refusals.join("\n")
        );
        assert!(unexplained.is_empty(), "refusals without a reason:\n{}", unexplained.join("\n"));
        // Every message with a sender address becomes a ticket; the others (MIME test
        // fragments without From) are refused as mail-no-sender and kept.
        assert_eq!(
            ok_with_sender,
            with_sender.len(),
            "refused although they have a sender:\n{}",
            refusals.join("\n")
        );
        assert!(
            ok * 100 >= eml.len() * 65,
            "only {ok} of {} parsed:\n{}",
            eml.len(),
            refusals.join("\n")
        );
    }

    // ----------------------------------------------------------------------------------------
    // (b) Hand-written messages

    #[test]
    fn outlook_reply_in_windows_1252() {
        let raw = mail(
            "From: =?iso-8859-1?Q?M=E4kel=E4_P=E4ivi?= <Paivi.Makela@Kunta.example>\n\
             To: Tupa asiakaspalvelu <palvelu@tupa.test>\n\
             CC: \"Virtanen, Liisa\" <liisa.virtanen@kunta.example>, palvelu@tupa.test\n\
             Subject: VS: Kysymys [Tupa #2026-000123]\n\
             Thread-Topic: Kysymys [Tupa #2026-000123]\n\
             Thread-Index: AQHaZ3kqXYZ\n\
             Date: Tue, 3 Mar 2026 09:15:00 +0200\n\
             Message-ID: <AM0PR07MB1234ABCD@eurprd07.prod.outlook.com>\n\
             In-Reply-To: <case-2026-000123-1@tupa.test>\n\
             References: <case-2026-000123-1@tupa.test>\n\
             Accept-Language: fi-FI, en-US\n\
             Content-Language: fi-FI\n\
             X-MS-Has-Attach:\n\
             X-MS-TNEF-Correlator:\n\
             MIME-Version: 1.0\n\
             Content-Type: text/plain; charset=\"Windows-1252\"\n\
             Content-Transfer-Encoding: quoted-printable\n\
             \n\
             Hyv=E4=E4 p=E4iv=E4=E4,\n\
             \n\
             hakemukseni k=E4sittely on viel=E4 kesken. Maksu 12 =80 on jo maksettu =96 =\n\
             kiitos!\n\
             \n\
             Yst=E4v=E4llisin terveisin\n\
             P=E4ivi M=E4kel=E4\n",
        );
        let m = parse_ok(&raw);
        let from = m.from.as_ref().expect("sender");
        assert_eq!(from.email, "paivi.makela@kunta.example");
        assert_eq!(from.name.as_deref(), Some("Mäkelä Päivi"));
        assert_eq!(m.to.len(), 1);
        assert_eq!(m.to[0].name.as_deref(), Some("Tupa asiakaspalvelu"));
        let cc: Vec<&str> = m.cc.iter().map(|a| a.email.as_str()).collect();
        assert_eq!(cc, ["liisa.virtanen@kunta.example", "palvelu@tupa.test"]);
        assert_eq!(m.cc[0].name.as_deref(), Some("Virtanen, Liisa"));
        assert_eq!(m.subject, "VS: Kysymys [Tupa #2026-000123]");
        assert_eq!(strip_reply_prefixes(&m.subject), "Kysymys [Tupa #2026-000123]");
        assert_eq!(find_case_tag(&m.subject, "Tupa").as_deref(), Some("2026-000123"));
        assert_eq!(m.message_id.as_deref(), Some("AM0PR07MB1234ABCD@eurprd07.prod.outlook.com"));
        assert_eq!(m.in_reply_to, ["case-2026-000123-1@tupa.test"]);
        assert_eq!(m.references, ["case-2026-000123-1@tupa.test"]);
        assert_eq!(m.date, Some(unix(time::macros::datetime!(2026-03-03 07:15 UTC))));
        assert_eq!(
            m.text,
            "Hyvää päivää,\n\nhakemukseni käsittely on vielä kesken. Maksu 12 € on jo maksettu – \
             kiitos!\n\nYstävällisin terveisin\nPäivi Mäkelä"
        );
        assert_eq!(m.html, None);
        assert!(m.attachments.is_empty());
        assert_eq!(m.auto, AutoKind::Human);
        assert!(!m.return_path_empty);
        assert_eq!(m.raw_sha256, hex::encode(Sha256::digest(&raw)));
    }

    #[test]
    fn rfc2047_subject_in_iso_8859_1_and_8bit_body() {
        let raw = [
            mail(
                "From: paivi@kunta.example\n\
                 Subject: =?iso-8859-1?Q?Hakemus_p=E4=E4ttyy?=\n\
                 Content-Type: text/plain; charset=iso-8859-1\n\
                 Content-Transfer-Encoding: 8bit\n\
                 \n",
            ),
            b"Hakemus p\xe4\xe4ttyy pian.\r\n".to_vec(),
        ]
        .concat();
        let m = parse_ok(&raw);
        assert_eq!(m.subject, "Hakemus päättyy");
        assert_eq!(m.text, "Hakemus päättyy pian.");
    }

    #[test]
    fn raw_8bit_legacy_headers_are_read_as_windows_1252() {
        let raw = [
            b"From: P\xe4ivi M\xe4kel\xe4 <paivi@kunta.example>\r\n".to_vec(),
            b"Subject: Hakemus p\xe4\xe4ttyy\r\n".to_vec(),
            b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n".to_vec(),
            b"Content-Type: text/plain\r\n\r\nLiite: p\xe4\xe4t\xf6s\r\n--b\r\n".to_vec(),
            b"Content-Type: application/pdf\r\n".to_vec(),
            b"Content-Disposition: attachment; filename=\"p\xe4\xe4t\xf6s.pdf\"\r\n\r\n%PDF\r\n--b--\r\n".to_vec(),
        ]
        .concat();
        let m = parse_ok(&raw);
        assert_eq!(m.subject, "Hakemus päättyy");
        assert_eq!(m.from.as_ref().and_then(|a| a.name.as_deref()), Some("Päivi Mäkelä"));
        assert_eq!(m.text, "Liite: päätös");
        assert_eq!(m.attachments.len(), 1);
        assert_eq!(m.attachments[0].filename, "päätös.pdf");
        assert_eq!(m.attachments[0].bytes, b"%PDF");
    }

    #[test]
    fn gmail_reply_threads_by_in_reply_to_and_references() {
        let m = parse_ok(&mail(
            "MIME-Version: 1.0\n\
             Date: Wed, 4 Mar 2026 10:00:00 +0200\n\
             References: <case-2026-000123-1@tupa.test>\n \
             <case-2026-000123-2@tupa.test>\n\
             In-Reply-To: <case-2026-000123-2@tupa.test>\n\
             Message-ID: <CAB+x9Yz=abc123@mail.gmail.com>\n\
             Subject: Re: Kysymys [Tupa #2026-000123]\n\
             From: =?UTF-8?Q?Matti_Meik=C3=A4l=C3=A4inen?= <matti.meikalainen@gmail.com>\n\
             To: Tupa <palvelu@tupa.test>\n\
             Content-Type: multipart/alternative; boundary=\"000000000000abc\"\n\
             \n\
             --000000000000abc\n\
             Content-Type: text/plain; charset=\"UTF-8\"\n\
             Content-Transfer-Encoding: base64\n\
             \n\
             S2lpdG9zLCBhc2lhIHNlbHbDpC4KCnRpIDMuMy4yMDI2IGtsbyA5LjE1IFR1cGEgPHBhbHZlbHVA\n\
             dHVwYS50ZXN0PiBraXJqb2l0dGk6Cj4gSGVpIQo=\n\
             --000000000000abc\n\
             Content-Type: text/html; charset=\"UTF-8\"\n\
             Content-Transfer-Encoding: quoted-printable\n\
             \n\
             <div dir=3D\"ltr\">Kiitos, asia selv=C3=A4.</div><br><div class=3D\"gmail_quote\">=\n\
             <div class=3D\"gmail_attr\">ti 3.3.2026 klo 9.15 Tupa kirjoitti:</div><blockquote>=\n\
             Hei!</blockquote></div>\n\
             --000000000000abc--\n",
        ));
        assert_eq!(m.message_id.as_deref(), Some("CAB+x9Yz=abc123@mail.gmail.com"));
        assert_eq!(m.in_reply_to, ["case-2026-000123-2@tupa.test"]);
        assert_eq!(m.references, ["case-2026-000123-1@tupa.test", "case-2026-000123-2@tupa.test"]);
        assert_eq!(m.from.as_ref().and_then(|a| a.name.as_deref()), Some("Matti Meikäläinen"));
        assert_eq!(strip_reply_prefixes(&m.subject), "Kysymys [Tupa #2026-000123]");
        assert_eq!(
            m.text,
            "Kiitos, asia selvä.\n\nti 3.3.2026 klo 9.15 Tupa <palvelu@tupa.test> kirjoitti:\n> Hei!"
        );
        assert!(m.html.as_deref().is_some_and(|h| h.contains("gmail_quote")));
        assert!(m.attachments.is_empty());
    }

    #[test]
    fn forwarded_message() {
        let m = parse_ok(&mail(
            "From: Anna Lindqvist <anna.lindqvist@kommun.example>\n\
             To: palvelu@tupa.test\n\
             Subject: Fwd: SV: =?UTF-8?B?QW5zw7ZrYW4gb20gYnlnZ2xvdg==?=\n\
             Content-Type: text/plain; charset=utf-8\n\
             Content-Transfer-Encoding: quoted-printable\n\
             \n\
             Se nedan.\n\
             \n\
             ---------- Forwarded message ---------\n\
             Fr=C3=A5n: Handl=C3=A4ggare <handlaggare@kommun.example>\n\
             \n\
             Tack f=C3=B6r din ans=C3=B6kan.\n",
        ));
        assert_eq!(m.subject, "Fwd: SV: Ansökan om bygglov");
        assert_eq!(strip_reply_prefixes(&m.subject), "Ansökan om bygglov");
        assert!(
            m.text.starts_with(
                "Se nedan.\n\n---------- Forwarded message ---------\nFrån: Handläggare"
            )
        );
        assert!(m.text.ends_with("Tack för din ansökan."));
    }

    #[test]
    fn html_only_message_becomes_text_without_script() {
        let m = parse_ok(&mail(
            "From: lomake@kunta.example\n\
             Subject: Palaute\n\
             Content-Type: text/html; charset=utf-8\n\
             \n\
             <!DOCTYPE html>\n\
             <html><head><title>Otsikko</title>\n\
             <style>p { color: red }</style>\n\
             <script>alert('x')</script></head>\n\
             <body>\n\
             <p>Hei,</p>\n\
             <div>rivi&nbsp;1<br>rivi\n   2</div>\n\
             <ul><li>yksi</li><li>kaksi</li></ul>\n\
             <p>&auml;&#228;&#xE4; &lt;b&gt; &amp; 5 < 6 <a href=\"https://kunta.example\" title='x > y'>linkki</a></p>\n\
             <SCRIPT type=\"text/javascript\">document.write(\"<p>bad</p>\")</SCRIPT>\n\
             <!-- kommentti <p>piilossa</p> -->\n\
             <table><tr><td>a</td><td>b</td></tr></table>\n\
             </body></html>\n",
        ));
        assert_eq!(
            m.text,
            "Hei,\n\nrivi 1\nrivi 2\n\n- yksi\n- kaksi\n\näää <b> & 5 < 6 linkki\n\na b"
        );
        for hidden in
            ["alert", "color", "Otsikko", "bad", "kommentti", "piilossa", "<p", "<script", "<div"]
        {
            assert!(!m.text.contains(hidden), "{hidden} in {:?}", m.text);
        }
        assert!(m.html.as_deref().is_some_and(|h| h.contains("<script>alert('x')</script>")));
    }

    #[test]
    fn multipart_alternative_prefers_text_plain() {
        let m = parse_ok(&mail(
            "From: a@kunta.example\n\
             Subject: Vaihtoehdot\n\
             Content-Type: multipart/alternative; boundary=\"alt\"\n\
             \n\
             --alt\n\
             Content-Type: text/plain; charset=utf-8\n\
             \n\
             TEKSTIVERSIO\n\
             --alt\n\
             Content-Type: text/html; charset=utf-8\n\
             \n\
             <p>HTML-VERSIO</p>\n\
             --alt--\n",
        ));
        assert_eq!(m.text, "TEKSTIVERSIO");
        assert_eq!(m.html.as_deref(), Some("<p>HTML-VERSIO</p>"));
        assert!(m.attachments.is_empty());
    }

    #[test]
    fn empty_text_alternative_falls_back_to_html() {
        let m = parse_ok(&mail(
            "From: a@kunta.example\n\
             Content-Type: multipart/alternative; boundary=\"alt\"\n\
             \n\
             --alt\n\
             Content-Type: text/plain; charset=utf-8\n\
             \n\
             \n\
             --alt\n\
             Content-Type: text/html; charset=utf-8\n\
             \n\
             <p>Vain HTML:ssä</p>\n\
             --alt--\n",
        ));
        assert_eq!(m.text, "Vain HTML:ssä");
        assert_eq!(m.subject, "");
    }

    #[test]
    fn html_mislabelled_as_text_plain_is_converted() {
        let m = parse_ok(&mail(
            "From: lomake@kunta.example\n\
             Content-Type: text/plain; charset=utf-8\n\
             \n\
             Lomakkeen tiedot:\n\
             <!-- generated -->\n\
             <html><body><p>Nimi: <b>Matti</b></p><script>x()</script></body></html>\n",
        ));
        assert_eq!(m.text, "Lomakkeen tiedot:\n\nNimi: Matti");
    }

    #[test]
    fn attachments_keep_names_and_original_bytes() {
        let m = parse_ok(&mail(
            "From: a@kunta.example\n\
             Subject: Liitteet\n\
             Content-Type: multipart/mixed; boundary=\"b1\"\n\
             \n\
             --b1\n\
             Content-Type: text/plain; charset=utf-8\n\
             \n\
             Liitteenä hakemus.\n\
             --b1\n\
             Content-Type: application/pdf; name=\"liite.pdf\"\n\
             Content-Disposition: attachment; filename*=utf-8''liite_%C3%A4%C3%B6.pdf\n\
             Content-Transfer-Encoding: base64\n\
             \n\
             JVBERi0xLjQKJeT2CjEgMCBvYmoKPDw+PgplbmRvYmoKdHJhaWxlcgo8PD4+CiUlRU9GCg==\n\
             --b1\n\
             Content-Type: TEXT/XML; charset=iso-8859-15; name=\"lasku.xml\"\n\
             Content-Disposition: attachment; filename=\"lasku.xml\"\n\
             Content-Transfer-Encoding: quoted-printable\n\
             \n\
             <?xml version=3D\"1.0\" encoding=3D\"ISO-8859-15\"?><Nimi>M=E4kel=E4 =A4</Nimi>\n\
             --b1\n\
             Content-Type: application/octet-stream\n\
             Content-Disposition: attachment; filename=\"../../etc/passwd\"\n\
             \n\
             root:x:0:0\n\
             --b1\n\
             Content-Type: application/x-msdownload\n\
             Content-Disposition: attachment; filename=\"=?utf-8?Q?lasku=E2=80=AEfdp.exe?=\"\n\
             \n\
             MZ\n\
             --b1\n\
             Content-Type: application/octet-stream\n\
             Content-Disposition: attachment; filename=\"..\"\n\
             \n\
             x\n\
             --b1--\n",
        ));
        assert_eq!(m.text, "Liitteenä hakemus.");
        let names: Vec<&str> = m.attachments.iter().map(|a| a.filename.as_str()).collect();
        assert_eq!(names, ["liite_äö.pdf", "lasku.xml", "passwd", "laskufdp.exe", "attachment-5"]);
        let pdf = &m.attachments[0];
        assert_eq!(pdf.content_type, "application/pdf");
        assert_eq!(
            pdf.bytes,
            b"%PDF-1.4\n%\xe4\xf6\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
        );
        assert!(!pdf.inline);
        assert_eq!(pdf.content_id, None);
        let xml = &m.attachments[1];
        assert_eq!(xml.content_type, "text/xml");
        assert_eq!(
            xml.bytes,
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><Nimi>M\xe4kel\xe4 \xa4</Nimi>"
        );
        assert_eq!(m.attachments[2].bytes, b"root:x:0:0");
    }

    #[test]
    fn inline_image_with_content_id() {
        let m = parse_ok(&mail(
            "From: a@kunta.example\n\
             Subject: Kuvakaappaus\n\
             Content-Type: multipart/related; boundary=\"rel\"\n\
             \n\
             --rel\n\
             Content-Type: text/html; charset=utf-8\n\
             \n\
             <p>Kuvakaappaus virheest&auml;:</p><img src=\"cid:kuva1@tupa.test\" alt=\"kuva\">\n\
             --rel\n\
             Content-Type: image/png; name=\"kuva.png\"\n\
             Content-Disposition: inline; filename=\"kuva.png\"\n\
             Content-ID: <kuva1@tupa.test>\n\
             Content-Transfer-Encoding: base64\n\
             \n\
             iVBORw0KGgoAAAANSUhEUg==\n\
             --rel--\n",
        ));
        assert_eq!(m.text, "Kuvakaappaus virheestä:");
        assert!(m.html.as_deref().is_some_and(|h| h.contains("cid:kuva1@tupa.test")));
        assert_eq!(m.attachments.len(), 1);
        let image = &m.attachments[0];
        assert_eq!(image.filename, "kuva.png");
        assert_eq!(image.content_type, "image/png");
        assert_eq!(image.content_id.as_deref(), Some("kuva1@tupa.test"));
        assert!(image.inline);
        assert_eq!(image.bytes, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    }

    #[test]
    fn out_of_office_is_an_auto_reply() {
        let m = with_headers(
            "Auto-Submitted: auto-replied\n\
             X-Auto-Response-Suppress: All\n\
             Return-Path: <liisa.virtanen@kunta.example>\n",
        );
        assert_eq!(m.auto, AutoKind::AutoReply);
        assert!(!m.return_path_empty);
    }

    #[test]
    fn automatic_mail_detection() {
        let cases = [
            ("", AutoKind::Human),
            ("Auto-Submitted: no\n", AutoKind::Human),
            ("Auto-Submitted: auto-generated\n", AutoKind::AutoReply),
            ("auto-submitted: Auto-Replied; owner-email=\"x@y\"\n", AutoKind::AutoReply),
            ("X-Autoreply: yes\n", AutoKind::AutoReply),
            ("X-Autorespond: Out of office\n", AutoKind::AutoReply),
            ("X-Auto-Response-Suppress: DR, OOF, AutoReply\n", AutoKind::AutoReply),
            ("X-Auto-Response-Suppress: DR, RN, NRN\n", AutoKind::Human),
            ("Precedence: auto_reply\n", AutoKind::AutoReply),
            ("List-Id: Kuntaliiton uutiskirje <uutiset.kuntaliitto.example>\n", AutoKind::List),
            ("List-Unsubscribe: <mailto:unsub@lista.example>\n", AutoKind::List),
            ("Precedence: list\n", AutoKind::List),
            ("Precedence: bulk\n", AutoKind::Bulk),
            ("Precedence: JUNK\n", AutoKind::Bulk),
            ("Precedence: bulk\nList-Id: <l.example>\n", AutoKind::List),
            ("Precedence: bulk\nAuto-Submitted: auto-generated\n", AutoKind::AutoReply),
            ("List-Id: <l.example>\nAuto-Submitted: auto-replied\n", AutoKind::AutoReply),
            (
                "X-Failed-Recipients: nobody@kunta.example\nAuto-Submitted: auto-replied\n",
                AutoKind::Bounce,
            ),
            ("Return-Path: <>\n", AutoKind::Human),
        ];
        for (headers, expected) in cases {
            assert_eq!(with_headers(headers).auto, expected, "{headers}");
        }
        let read_receipt = parse_ok(&mail(
            "From: a@kunta.example\n\
             Content-Type: multipart/report; report-type=disposition-notification; boundary=\"r\"\n\
             \n\
             --r\n\
             Content-Type: text/plain\n\
             \n\
             Luettu.\n\
             --r--\n",
        ));
        assert_eq!(read_receipt.auto, AutoKind::AutoReply);
    }

    const DSN: &str = "Return-Path: <>\n\
        From: Mail Delivery System <MAILER-DAEMON@mx.kunta.example>\n\
        To: palvelu@tupa.test\n\
        Subject: Undelivered Mail Returned to Sender\n\
        Auto-Submitted: auto-replied\n\
        Message-ID: <20260303091600.ABC@mx.kunta.example>\n\
        MIME-Version: 1.0\n\
        Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"dsn\"\n\
        \n\
        --dsn\n\
        Content-Description: Notification\n\
        Content-Type: text/plain; charset=us-ascii\n\
        \n\
        This is the mail system at host mx.kunta.example.\n\
        \n\
        <nobody@kunta.example>: host mx.kunta.example said: 550 5.1.1 User unknown\n\
        --dsn\n\
        Content-Description: Delivery report\n\
        Content-Type: message/delivery-status\n\
        \n\
        Reporting-MTA: dns; mx.kunta.example\n\
        \n\
        Final-Recipient: rfc822; nobody@kunta.example\n\
        Action: failed\n\
        Status: 5.1.1\n\
        \n\
        --dsn\n\
        Content-Description: Undelivered Message\n\
        Content-Type: message/rfc822\n\
        \n\
        Return-Path: <palvelu@tupa.test>\n\
        From: Tupa <palvelu@tupa.test>\n\
        To: nobody@kunta.example\n\
        Subject: [Tupa #2026-000123] Kysymys\n\
        Message-ID: <abc@tupa.test>\n\
        \n\
        Hei!\n\
        --dsn--\n";

    #[test]
    fn delivery_status_notification_is_a_bounce() {
        let raw = mail(DSN);
        let m = parse_ok(&raw);
        assert_eq!(m.auto, AutoKind::Bounce);
        assert!(m.return_path_empty);
        assert_eq!(
            m.from.as_ref().map(|a| a.email.as_str()),
            Some("mailer-daemon@mx.kunta.example")
        );
        assert!(m.text.starts_with("This is the mail system"));
        assert_eq!(bounced_message_id(&m, &raw).as_deref(), Some("abc@tupa.test"));
        // The raw bytes must be those the message was parsed from.
        assert_eq!(bounced_message_id(&m, &mail(&DSN.replace("Hei!", "Moi!"))), None);
        let content_types: Vec<&str> =
            m.attachments.iter().map(|a| a.content_type.as_str()).collect();
        assert_eq!(content_types, ["message/delivery-status", "message/rfc822"]);
        assert!(m.attachments[1].bytes.starts_with(b"Return-Path: <palvelu@tupa.test>"));
    }

    #[test]
    fn bounce_variants() {
        // Only the headers of the original, as text/rfc822-headers.
        let headers_only = DSN
            .replace("Content-Type: message/rfc822", "Content-Type: text/rfc822-headers")
            .replace("Return-Path: <>\n", "");
        let raw = mail(&headers_only);
        let m = parse_ok(&raw);
        assert_eq!(m.auto, AutoKind::Bounce, "multipart/report alone makes a bounce");
        assert!(!m.return_path_empty);
        assert_eq!(bounced_message_id(&m, &raw).as_deref(), Some("abc@tupa.test"));

        // A plain-text bounce quoting the original headers.
        let raw = mail(
            "Return-Path: <>\n\
             From: postmaster@kunta.example\n\
             Subject: Delivery failure\n\
             \n\
             Your message could not be delivered.\n\
             \n\
             ------ Original message headers ------\n\
             Message-ID: <quoted@tupa.test>\n\
             Subject: [Tupa #2026-000123] Kysymys\n",
        );
        let m = parse_ok(&raw);
        assert_eq!(m.auto, AutoKind::Bounce);
        assert_eq!(bounced_message_id(&m, &raw).as_deref(), Some("quoted@tupa.test"));

        // Nothing of the original but In-Reply-To.
        let raw = mail(
            "Return-Path: <>\n\
             From: MAILER-DAEMON@kunta.example\n\
             In-Reply-To: <original@tupa.test>\n\
             Subject: Undeliverable\n\
             \n\
             Could not deliver.\n",
        );
        let m = parse_ok(&raw);
        assert_eq!(bounced_message_id(&m, &raw).as_deref(), Some("original@tupa.test"));

        // Mailer-daemon without the null return path: not a bounce.
        let raw = mail("From: MAILER-DAEMON@kunta.example\nSubject: Hi\n\nHi\n");
        assert_eq!(parse_ok(&raw).auto, AutoKind::Human);
    }

    #[test]
    fn forwarded_message_attachment_is_not_a_bounced_message() {
        let raw = mail(
            "From: a@kunta.example\n\
             Subject: Fwd: viesti\n\
             Content-Type: multipart/mixed; boundary=\"m\"\n\
             \n\
             --m\n\
             Content-Type: text/plain\n\
             \n\
             Katso liite.\n\
             --m\n\
             Content-Type: message/rfc822\n\
             \n\
             From: b@kunta.example\n\
             Subject: Alkuperäinen\n\
             Message-ID: <abc@tupa.test>\n\
             \n\
             Alkuperäinen viesti.\n\
             --m--\n",
        );
        let m = parse_ok(&raw);
        assert_eq!(m.auto, AutoKind::Human);
        assert_eq!(bounced_message_id(&m, &raw), None);
        assert_eq!(m.text, "Katso liite.");
        assert_eq!(m.attachments.len(), 1);
        assert_eq!(m.attachments[0].content_type, "message/rfc822");
        assert_eq!(m.attachments[0].filename, "attachment-1");
        assert!(m.attachments[0].bytes.ends_with(b"Alkuper\xc3\xa4inen viesti."));
    }

    #[test]
    fn mailing_list_message() {
        let m = with_headers(
            "List-Id: Kuntatiedotteet <tiedotteet.lista.example>\n\
             List-Unsubscribe: <https://lista.example/unsub>, <mailto:unsub@lista.example>\n\
             Precedence: list\n",
        );
        assert_eq!(m.auto, AutoKind::List);
    }

    #[test]
    fn bulk_message() {
        assert_eq!(with_headers("Precedence: bulk\n").auto, AutoKind::Bulk);
    }

    #[test]
    fn message_without_sender_is_refused_but_readable() {
        let raw = mail(
            "To: palvelu@tupa.test\n\
             Subject: =?utf-8?Q?Nimet=C3=B6n?=\n\
             Message-ID: <anon@example.test>\n\
             \n\
             Kuka min=C3=A4 olen?\n",
        );
        let error = parse(&raw).expect_err("no sender");
        assert_eq!(error.code(), "mail-no-sender");
        let m = error.message().expect("the parsed message travels with the refusal");
        assert_eq!(m.subject, "Nimetön");
        assert_eq!(m.from, None);
        assert_eq!(m.message_id.as_deref(), Some("anon@example.test"));
        assert_eq!(m.to[0].email, "palvelu@tupa.test");

        let no_address = parse(&mail("From: Whomever\nSubject: x\n\nx\n")).expect_err("no address");
        assert_eq!(no_address.code(), "mail-no-sender");

        let m = parse_ok(&mail("From: Whomever\nSender: Lista <owner@lista.example>\n\nx\n"));
        assert_eq!(m.from.map(|a| a.email).as_deref(), Some("owner@lista.example"));
    }

    #[test]
    fn refusals_have_stable_codes() {
        assert_eq!(parse(b"").expect_err("empty").code(), "mail-empty");
        assert_eq!(parse(b" \r\n\r\n\t").expect_err("blank").code(), "mail-empty");
        let huge = vec![b'a'; MAX_MESSAGE_BYTES + 1];
        assert_eq!(parse(&huge).expect_err("too large").code(), "mail-too-large");
        let not_mail = parse(b"# Notes\n\nJust some text without any header\n");
        assert_eq!(not_mail.expect_err("not mail").code(), "mail-unparseable");
        for garbage in
            [&b"\x00\x01\x02\xff\xfe"[..], b":", b"\n:\n", b"From:", b"From: <>\n\n", b"--\r\n--"]
        {
            if let Err(e) = parse(garbage) {
                assert!(
                    ["mail-empty", "mail-unparseable", "mail-no-sender"].contains(&e.code()),
                    "{e}"
                );
            }
        }
    }

    #[test]
    fn addresses_are_validated_lowercased_and_deduplicated() {
        let m = parse_ok(&mail(
            "From: \"Matti\" <MATTI@Example.FI>\n\
             Reply-To: undisclosed-recipients:;, <Vastaus@Example.FI>\n\
             To: a@x.example, A@X.example, \"Ryhmä\": b@x.example, c@x.example;, bad address, <>\n\
             To: d@x.example\n\
             \n\
             x\n",
        ));
        assert_eq!(
            m.from,
            Some(Address { name: Some("Matti".into()), email: "matti@example.fi".into() })
        );
        assert_eq!(m.reply_to.map(|a| a.email).as_deref(), Some("vastaus@example.fi"));
        let to: Vec<&str> = m.to.iter().map(|a| a.email.as_str()).collect();
        assert_eq!(to, ["a@x.example", "b@x.example", "c@x.example", "d@x.example"]);
    }

    #[test]
    fn html_to_text_survives_broken_markup() {
        assert_eq!(html_to_text("a < b <3 &unknown; &amp"), "a < b <3 &unknown; &");
        assert_eq!(html_to_text("<p>kesken <b class=\"x"), "kesken");
        assert_eq!(html_to_text("alku<!-- ei loppua <p>x</p>"), "alku");
        assert_eq!(html_to_text("alku<script>ei loppua"), "alku");
        assert_eq!(html_to_text("<pre>  a\n    b</pre><p>c   d</p>"), "  a\n    b\n\nc d");
        assert_eq!(html_to_text("&#150;&#8364;&#0;&#x110000;&shy;x"), "–€\u{FFFD}\u{FFFD}x");
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

    // ----------------------------------------------------------------------------------------
    // (c) Threading keys

    #[test]
    fn reply_prefixes_are_stripped() {
        assert_eq!(strip_reply_prefixes("Re: VS: SV: AW: Fwd: VL: Re[2]: Hei"), "Hei");
        let cases = [
            ("Hei", "Hei"),
            ("  RE:  Hei  ", "Hei"),
            ("re:Hei", "Hei"),
            ("Vs: vs: VS: Hei", "Hei"),
            ("Sv: SV: VB: Hej", "Hej"),
            ("FW: Fw: fwd: TR: WG: Antw: Hallo", "Hallo"),
            ("Re(3): Re [2] : Re : Hei", "Hei"),
            ("Re:", ""),
            ("[EXTERNAL] Re: Hei", "[EXTERNAL] Re: Hei"),
            ("Re: [Tupa #2026-000123] Re: Hei", "[Tupa #2026-000123] Re: Hei"),
            ("Reply: Hei", "Reply: Hei"),
            ("Tre: Hei", "Tre: Hei"),
            ("Vastaus: Hei", "Vastaus: Hei"),
            ("Re[]: Hei", "Re[]: Hei"),
            ("Sverige: ok", "Sverige: ok"),
            ("Re: Hakemus päättyy", "Hakemus päättyy"),
        ];
        for (subject, expected) in cases {
            assert_eq!(strip_reply_prefixes(subject), expected, "{subject:?}");
        }
    }

    #[test]
    fn case_tags_are_found_in_variations() {
        let found = [
            "Kysymys [Tupa #2026-004217]",
            "[Tupa #2026-004217] Kysymys",
            "VS: Kysymys [tupa#2026-004217]",
            "Re: [ Tupa # 2026-004217 ] Kysymys",
            "[TUPA  #2026-004217]",
            "[Kuntarekry #12345] Re: [Tupa #2026-004217]",
        ];
        for subject in found {
            assert_eq!(
                find_case_tag(subject, "Tupa").as_deref(),
                Some("2026-004217"),
                "{subject:?}"
            );
        }
        let not_found = [
            "Kysymys",
            "Tupa #2026-004217",
            "[Tupa 2026-004217]",
            "[Tupa #26-004217]",
            "[Tupa #2026-04217]",
            "[Tupa #2026-0042170]",
            "[Tupas #2026-004217]",
            "[Tupa #2026-004217",
            "[Other #2026-004217]",
        ];
        for subject in not_found {
            assert_eq!(find_case_tag(subject, "Tupa"), None, "{subject:?}");
        }
        assert_eq!(
            find_case_tag("[Kunta Palvelu #2026-000001]", "Kunta Palvelu").as_deref(),
            Some("2026-000001")
        );
        assert_eq!(case_tag("Tupa", "2026-004217"), "[Tupa #2026-004217]");
        // Numbers given since they are permuted have eight digits.
        assert_eq!(
            find_case_tag("VS: [Tupa #2026-48213907] Kysymys", "Tupa").as_deref(),
            Some("2026-48213907")
        );
        assert_eq!(find_case_tag("[Tupa #2026-482139071]", "Tupa"), None);
    }

    #[test]
    fn foreign_tags_are_kept_verbatim() {
        let subject = "Re: [Kuntarekry #12345] [Ticket#4711] [RT #123] [EXTERNAL] [Tupa #2026-004217] [Kuntarekry #12345] [x[#1]";
        assert_eq!(
            foreign_case_tags(subject, "Tupa"),
            ["[Kuntarekry #12345]", "[Ticket#4711]", "[RT #123]", "[#1]"]
        );
        assert!(foreign_case_tags("[Tupa #2026-004217] Hei", "Tupa").is_empty());
        assert!(foreign_case_tags("[EXTERNAL] [#] [Asia # x]", "Tupa").is_empty());
    }

    #[test]
    fn subject_with_tag_is_idempotent() {
        let tagged = subject_with_tag("Kysymys", "Tupa", "2026-000123");
        assert_eq!(tagged, "Kysymys [Tupa #2026-000123]");
        assert_eq!(subject_with_tag(&tagged, "Tupa", "2026-000123"), tagged);
        assert_eq!(subject_with_tag("", "Tupa", "2026-000123"), "[Tupa #2026-000123]");
        // Present in another spelling: unchanged.
        assert_eq!(
            subject_with_tag("Re: [tupa#2026-000123] Kysymys", "Tupa", "2026-000123"),
            "Re: [tupa#2026-000123] Kysymys"
        );
        // Foreign tags kept, a stale tag of ours replaced.
        let moved = subject_with_tag(
            "[Kuntarekry #12345] Fwd: Asia [Tupa #2025-000999]",
            "Tupa",
            "2026-000123",
        );
        assert_eq!(moved, "[Kuntarekry #12345] Fwd: Asia [Tupa #2026-000123]");
        assert_eq!(subject_with_tag(&moved, "Tupa", "2026-000123"), moved);
        // Never a header injection.
        assert_eq!(
            subject_with_tag("Hei\r\nBcc: x@y", "Tupa", "2026-000123"),
            "Hei Bcc: x@y [Tupa #2026-000123]"
        );
    }
}
