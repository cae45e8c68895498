//! Threading keys in subjects: reply prefixes and case tags.

use super::*;

/// Reply and forward prefixes, compared case-insensitively: English, Finnish (VS, VL),
/// Swedish (SV, VB), German (AW, WG), French (TR), Dutch (Antw).
pub(super) const REPLY_PREFIXES: [&str; 11] =
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

pub(super) fn strip_one_prefix(s: &str) -> Option<&str> {
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

pub(super) struct OwnTag {
    start: usize,
    end: usize,
    number: String,
}

pub(super) fn own_tags(subject: &str, tag_prefix: &str) -> Vec<OwnTag> {
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
pub(super) fn match_own_tag(s: &str, tag_prefix: &str) -> Option<(usize, String)> {
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

pub(super) fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
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
