//! Reading headers: raw values, addresses, message ids, content types.

use super::*;

pub(super) fn first_header<'a, 'x>(
    headers: &'a [Header<'x>],
    name: &HeaderName<'_>,
) -> Option<&'a Header<'x>> {
    headers.iter().find(|h| &h.name == name)
}

pub(super) fn raw_bytes<'r>(raw: &'r [u8], header: &Header<'_>) -> &'r [u8] {
    raw.get(header.offset_start as usize..header.offset_end as usize).unwrap_or_default()
}

/// The unfolded raw values of the headers called `name` (case-insensitive), in order.
pub(super) fn raw_header_values<'a>(
    raw: &'a [u8],
    headers: &'a [Header<'_>],
    name: &'a str,
) -> impl Iterator<Item = String> + 'a {
    headers
        .iter()
        .filter(move |h| h.name.as_str().eq_ignore_ascii_case(name))
        .map(move |h| clean_line(&String::from_utf8_lossy(raw_bytes(raw, h))))
}

pub(super) fn has_header(headers: &[Header<'_>], name: &str) -> bool {
    headers.iter().any(|h| h.name.as_str().eq_ignore_ascii_case(name))
}

/// The first token of the first header called `name`, lower-cased (`auto-replied` from
/// `Auto-Submitted: auto-replied; owner-email="…"`).
pub(super) fn header_token(raw: &[u8], headers: &[Header<'_>], name: &str) -> Option<String> {
    raw_header_values(raw, headers, name).next().map(|v| {
        v.split([';', ',', ' ', '(']).next().unwrap_or_default().trim().to_ascii_lowercase()
    })
}

/// Raw header bytes re-read as Windows-1252, when they are not UTF-8 and the parser's
/// reading of them contains replacement characters. Ends with a line break, as the
/// field parsers expect.
pub(super) fn legacy_header_bytes(bytes: &[u8], parsed_has_replacement: bool) -> Option<Vec<u8>> {
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

pub(super) fn value_text(value: &HeaderValue<'_>) -> Option<String> {
    match value {
        HeaderValue::Text(text) => Some(text.to_string()),
        HeaderValue::TextList(list) => Some(list.join(" ")),
        _ => None,
    }
}

/// An unstructured header (Subject), decoded.
pub(super) fn header_text(
    raw: &[u8],
    headers: &[Header<'_>],
    name: &HeaderName<'_>,
) -> Option<String> {
    let header = first_header(headers, name)?;
    let mut text = value_text(&header.value).unwrap_or_default();
    if let Some(bytes) = legacy_header_bytes(raw_bytes(raw, header), text.contains('\u{FFFD}'))
        && let Some(legacy) = value_text(&MessageStream::new(&bytes).parse_unstructured())
    {
        text = legacy;
    }
    Some(clean_line(&text))
}

pub(super) fn header_addresses(
    raw: &[u8],
    headers: &[Header<'_>],
    name: &HeaderName<'_>,
) -> Vec<Address> {
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

pub(super) fn collect_addresses<'a, 'x: 'a>(
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
pub(super) fn clean_email(address: &str) -> Option<String> {
    let address = address.trim().trim_start_matches('<').trim_end_matches('>').trim();
    let (local, domain) = address.rsplit_once('@')?;
    let valid = !local.is_empty()
        && !domain.is_empty()
        && address.len() <= 320
        && !address.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>'));
    valid.then(|| address.to_lowercase())
}

/// A Message-ID without brackets; `None` for anything that is not one.
pub(super) fn clean_message_id(id: &str) -> Option<String> {
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

pub(super) fn message_ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => clean_message_id(id).into_iter().collect(),
        HeaderValue::TextList(ids) => ids.iter().filter_map(|id| clean_message_id(id)).collect(),
        _ => Vec::new(),
    }
}

pub(super) fn all_message_ids(headers: &[Header<'_>], name: &HeaderName<'_>) -> Vec<String> {
    let mut seen = HashSet::new();
    headers
        .iter()
        .filter(|h| &h.name == name)
        .flat_map(|h| message_ids(&h.value))
        .filter(|id| seen.insert(id.clone()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
