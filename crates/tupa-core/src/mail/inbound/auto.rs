//! Automatic mail: bounces, auto-replies, lists and bulk, and the message a bounce reports.

use super::*;

pub(super) fn content_type_is(ct: Option<&ContentType<'_>>, ctype: &str, subtype: &str) -> bool {
    ct.is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case(ctype)
            && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case(subtype))
    })
}

pub(super) fn ct_attribute<'a>(ct: Option<&'a ContentType<'_>>, name: &str) -> Option<&'a str> {
    ct?.attributes()?.iter().find(|a| a.name.eq_ignore_ascii_case(name)).map(|a| a.value.as_ref())
}

pub(super) fn classify(
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

pub(super) fn message_id_of_headers(bytes: &[u8]) -> Option<String> {
    let headers = MessageParser::default().parse_headers(bytes)?;
    headers.message_id().and_then(clean_message_id)
}

/// A `Message-ID: <…>` line in a text (bounces that quote the original headers in the body).
pub(super) fn message_id_in_text(text: &str) -> Option<String> {
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
