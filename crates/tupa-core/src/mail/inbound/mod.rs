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

mod auto;
mod headers;
mod html;
mod parts;
mod subject;
#[cfg(test)]
mod tests;

pub use auto::bounced_message_id;
use auto::*;
use headers::*;
pub use html::html_to_text;
use parts::*;
pub use subject::{
    case_tag, find_case_tag, foreign_case_tags, strip_reply_prefixes, subject_with_tag,
};

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

crate::closed_set! {
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
    #[derive(utoipa::ToSchema)]
    pub enum AutoKind ("auto_kind", "action-unknown") {
        Human = "human",
        AutoReply = "auto-reply",
        Bounce = "bounce",
        List = "list",
        Bulk = "bulk",
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
