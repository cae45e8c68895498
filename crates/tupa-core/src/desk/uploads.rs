//! Files a citizen attaches to a contact: a short list of everyday document and image types,
//! checked by name and by their first bytes (a renamed executable is refused), within size
//! limits.

use super::tickets::NewAttachment;
use crate::error::{Error, Result};

pub const MAX_FILES: usize = 5;
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_TOTAL_BYTES: usize = 20 * 1024 * 1024;

/// (extension, content type, magic bytes that must start the file; empty = any text)
const ALLOWED: [(&str, &str, &[u8]); 11] = [
    ("pdf", "application/pdf", b"%PDF-"),
    ("jpg", "image/jpeg", b"\xFF\xD8\xFF"),
    ("jpeg", "image/jpeg", b"\xFF\xD8\xFF"),
    ("png", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("gif", "image/gif", b"GIF8"),
    ("heic", "image/heic", b""),
    ("txt", "text/plain", b""),
    // Office Open XML and OpenDocument files are zip containers.
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ("odt", "application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    ("rtf", "application/rtf", b"{\\rtf"),
];

/// A file name safe to store and to offer for download.
pub fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    // Direction overrides would let "gpj.exe" pose as "exe.jpg"; they go with the controls.
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() { "attachment".to_string() } else { cleaned.chars().take(150).collect() }
}

/// The content type of a file of an allowed kind, judged by its name *and* its first bytes;
/// `None` for any other file. Shared with job applications, which have their own size limits.
pub fn sniff(filename: &str, bytes: &[u8]) -> Option<&'static str> {
    let extension =
        filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let (_, content_type, magic) = ALLOWED.iter().find(|(ext, _, _)| *ext == extension)?;
    let looks_right = if magic.is_empty() {
        // Text must be valid UTF-8 without NULs; HEIC is an ISO media file ("ftyp" at byte 4).
        match extension.as_str() {
            "txt" => std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0),
            _ => bytes.get(4..8) == Some(b"ftyp".as_slice()),
        }
    } else {
        bytes.starts_with(magic)
    };
    looks_right.then_some(*content_type)
}

/// The file types [`sniff`] accepts, as an `accept` attribute for file inputs.
pub const ACCEPT: &str = ".pdf,.jpg,.jpeg,.png,.gif,.heic,.txt,.docx,.xlsx,.odt,.rtf";

/// Checks one uploaded file.
pub fn check(filename: &str, bytes: Vec<u8>) -> Result<NewAttachment> {
    let filename = clean_filename(filename);
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::invalid("attachments", "attachment-too-large"));
    }
    let content_type = sniff(&filename, &bytes)
        .ok_or(Error::invalid("attachments", "attachment-type-not-allowed"))?;
    Ok(NewAttachment {
        filename,
        content_type: content_type.to_string(),
        content_id: None,
        inline: false,
        bytes,
    })
}

/// Checks the set of files.
pub fn check_all(files: Vec<(String, Vec<u8>)>) -> Result<Vec<NewAttachment>> {
    let files: Vec<(String, Vec<u8>)> =
        files.into_iter().filter(|(name, bytes)| !(name.is_empty() && bytes.is_empty())).collect();
    if files.len() > MAX_FILES {
        return Err(Error::invalid("attachments", "attachments-too-many"));
    }
    if files.iter().map(|(_, b)| b.len()).sum::<usize>() > MAX_TOTAL_BYTES {
        return Err(Error::invalid("attachments", "attachment-too-large"));
    }
    files.into_iter().map(|(name, bytes)| check(&name, bytes)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_checked_by_content_too() {
        assert!(check("hakemus.pdf", b"%PDF-1.7 ...".to_vec()).is_ok());
        assert_eq!(
            check("hakemus.pdf", b"MZ\x90\x00 not a pdf".to_vec()).unwrap_err().code(),
            "attachment-type-not-allowed"
        );
        assert_eq!(
            check("virus.exe", b"MZ".to_vec()).unwrap_err().code(),
            "attachment-type-not-allowed"
        );
        assert!(check("muistio.TXT", "Hei, äö".as_bytes().to_vec()).is_ok());
        assert!(check("binary.txt", vec![0, 1, 2]).is_err());
        assert_eq!(
            check("big.pdf", [b"%PDF-".as_slice(), &vec![0u8; MAX_FILE_BYTES]].concat())
                .unwrap_err()
                .code(),
            "attachment-too-large"
        );
    }

    #[test]
    fn names_lose_paths_and_tricks() {
        assert_eq!(clean_filename("C:\\Users\\x\\..\\hakemus.pdf"), "hakemus.pdf");
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename(".htaccess"), "htaccess");
        assert_eq!(clean_filename("a\"b<c>.pdf"), "abc.pdf");
    }
}
