//! Every input that can grow, with its limit, in one place (issue 11, "Resource bounds").
//!
//! A limit that belongs to one capability stays beside the code that enforces it and is
//! re-exported here; limits of the HTTP boundary, which no capability owns, are defined here.
//! [`ALL`] lists them all with what happens past them; the README's "Input limits" table is
//! checked against it, so the list cannot drift from the code.

pub use crate::desk::ingest::MAX_RECIPIENTS_KEPT;
pub use crate::desk::search::{MAX_INDEXED_CHARS, MAX_WORDS as DESK_SEARCH_WORDS};
pub use crate::desk::settings::MAX_EXCEPTIONS as QUEUE_EXCEPTIONS;
pub use crate::desk::uploads::{
    MAX_FILE_BYTES as DESK_FILE_BYTES, MAX_FILES as DESK_FILES, MAX_TOTAL_BYTES as DESK_TOTAL_BYTES,
};
pub use crate::desk::work::{MAX_CONTACT_MESSAGE_CHARS, MAX_REPLY_BODY_CHARS, MAX_REPLY_CC};
pub use crate::guidance::feedback::MAX_COMMENT_CHARS as FEEDBACK_COMMENT_CHARS;
pub use crate::guidance::library::{
    MAX_DESCRIPTION_CHARS as MATERIAL_DESCRIPTION_CHARS, MAX_FILE_BYTES as MATERIAL_FILE_BYTES,
};
pub use crate::guidance::links::{MAX_TITLE_CHARS as SPACE_ITEM_TITLE_CHARS, MAX_URL_CHARS};
pub use crate::guidance::messages::MAX_BODY_CHARS as SPACE_MESSAGE_CHARS;
pub use crate::guidance::meter::{
    MAX_AREAS as METER_AREAS, MAX_HELP_CHARS as METER_HELP_CHARS,
    MAX_INSTRUMENTS as METER_INSTRUMENTS, MAX_LABEL_CHARS as METER_LABEL_CHARS,
    MAX_SCALE_SPAN as METER_SCALE_SPAN,
};
pub use crate::guidance::meter_answers::MAX_COMMENT_CHARS as METER_COMMENT_CHARS;
pub use crate::guidance::space_templates::{
    MAX_NAME_CHARS as SPACE_TEMPLATE_NAME_CHARS, MAX_TASKS as SPACE_TEMPLATE_TASKS,
    MAX_WELCOME_CHARS as SPACE_TEMPLATE_WELCOME_CHARS,
};
pub use crate::guidance::spaces::{
    MAX_NAME_CHARS as SPACE_CLIENT_NAME_CHARS, MAX_TITLE_CHARS as SPACE_TITLE_CHARS,
};
pub use crate::guidance::summaries::MAX_BODY_CHARS as SPACE_SUMMARY_CHARS;
pub use crate::guidance::task_templates::{
    MAX_INSTRUCTIONS_CHARS as TASK_INSTRUCTIONS_CHARS, MAX_TEMPLATES as GUIDANCE_TEMPLATES,
    MAX_TITLE_CHARS as TASK_TITLE_CHARS,
};
pub use crate::guidance::tasks::{
    MAX_ANSWER_CHARS as TASK_ANSWER_CHARS, MAX_COMMENT_CHARS as TASK_COMMENT_CHARS,
    MAX_COMMENTS as TASK_COMMENTS, MAX_TASKS as SPACE_TASKS,
};
pub use crate::idempotency::MAX_KEY_LEN as IDEMPOTENCY_KEY_BYTES;
pub use crate::identity::password::MAX_LENGTH as PASSWORD_CHARS;
pub use crate::library::MAX_API_BODY_BYTES as LIBRARY_API_BODY_BYTES;
pub use crate::mail::inbound::MAX_MESSAGE_BYTES;
pub use crate::manage::MAX_ROLES;
pub use crate::recruitment::ads::{
    MAX_CONTACTS as AD_CONTACTS, MAX_NOTE_CHARS as AD_NOTE_CHARS, MAX_QUESTIONS as AD_QUESTIONS,
};
pub use crate::recruitment::applications::MAX_APPLICATION_BYTES;
pub use crate::recruitment::board::MAX_SEARCH_WORDS as BOARD_SEARCH_WORDS;
pub use crate::recruitment::logo::{
    MAX_FILE_BYTES as LOGO_FILE_BYTES, MAX_PIXELS as LOGO_PIXELS, MAX_SIDE as LOGO_SIDE,
};
pub use crate::recruitment::logos::DECODE_BUDGET_MIB;
pub use crate::recruitment::texts::{
    MAX_ACTIVE as RECRUITMENT_TEXTS_ACTIVE, MAX_NAME_CHARS as RECRUITMENT_TEXT_NAME_CHARS,
    MAX_TEXT_CHARS as RECRUITMENT_TEXT_CHARS,
};

use crate::error::{Error, Result};

const KIB: usize = 1024;
const MIB: usize = 1024 * 1024;

/// The query string of any request (the part after `?`). Every real link and form of ours
/// stays far below; a longer one is refused with 414 `query-too-long` before it reaches a
/// handler, a redirect (`next=`) or a log line.
pub const QUERY_BYTES: usize = 8 * KIB;
/// A JSON body of the API. Routes that carry files (logos, replies with attachments) set
/// their own, larger limit; the largest legitimate JSON (a job ad in three languages) is
/// well under this. Past it: 413 `body-too-large`.
pub const API_JSON_BYTES: usize = MIB;
/// A posted page form without files (`application/x-www-form-urlencoded`).
pub const FORM_BYTES: usize = 256 * KIB;
/// A logo upload body: a little over the logo limit, so that the refusal can say how big
/// the file was; beyond this the request is cut off.
pub const LOGO_UPLOAD_BYTES: usize = LOGO_FILE_BYTES + MIB;
/// How much of an unwanted body is read (and thrown away) before answering.
pub const DRAIN_BYTES: usize = 256 * KIB;
/// A search string (desk queue, job board). A search is a few words; a longer one is a
/// pasted text or an attack on the index and is refused with `search-too-long`.
pub const SEARCH_CHARS: usize = 200;
/// One word of a search. No Finnish or Swedish word is this long (a case number is 11).
pub const SEARCH_WORD_CHARS: usize = 60;
/// The subject of a ticket opened through the contact form or the API.
pub const SUBJECT_CHARS: usize = 200;
/// The User-Agent kept with a session (longer ones are cut, not refused).
pub const USER_AGENT_CHARS: usize = 300;
/// One frame (and one message) a member sends on a guidance space's live socket: a message
/// is at most 10 000 characters, so 64 KiB is ample; anything larger closes the socket. The
/// desk's live updates are server-sent events, to which the browser cannot write at all.
pub const WEBSOCKET_FRAME_BYTES: usize = 64 * KIB;

/// Refuses a search string over [`SEARCH_CHARS`] or with a word over [`SEARCH_WORD_CHARS`]
/// (words split as the desk and the job board split them: on anything not a letter or digit).
pub fn check_search(q: &str) -> Result<()> {
    let too_long = q.chars().count() > SEARCH_CHARS
        || q.split(|c: char| !c.is_alphanumeric()).any(|w| w.chars().count() > SEARCH_WORD_CHARS);
    if too_long { Err(Error::invalid("q", "search-too-long")) } else { Ok(()) }
}

/// What a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Bytes,
    Chars,
    Items,
    Words,
    Pixels,
    /// Pixels along one side.
    PixelsPerSide,
    /// Mebibytes of memory in use at once.
    MebibytesAtOnce,
}

/// One input that can grow, its limit and what happens past it.
#[derive(Clone, Copy, Debug)]
pub struct InputLimit {
    pub input: &'static str,
    pub limit: u64,
    pub unit: Unit,
    /// What happens to an input over the limit.
    pub exceeded: &'static str,
    /// The error code (and Fluent key `error-<code>`) of a refusal; `None` where the excess
    /// is cut or counted rather than refused.
    pub code: Option<&'static str>,
}

impl InputLimit {
    /// The limit as a person reads it: `25 MiB`, `8 KiB`, `200 characters`.
    pub fn shown(&self) -> String {
        let n = self.limit;
        match self.unit {
            Unit::Bytes if n >= MIB as u64 && n.is_multiple_of(MIB as u64) => {
                format!("{} MiB", n >> 20)
            }
            Unit::Bytes if n >= KIB as u64 && n.is_multiple_of(KIB as u64) => {
                format!("{} KiB", n >> 10)
            }
            Unit::Bytes => format!("{} bytes", Self::grouped(n)),
            Unit::Chars => format!("{} characters", Self::grouped(n)),
            Unit::Items => format!("{} items", Self::grouped(n)),
            Unit::Words => format!("{} words", Self::grouped(n)),
            Unit::Pixels => format!("{} pixels", Self::grouped(n)),
            Unit::PixelsPerSide => format!("{} pixels a side", Self::grouped(n)),
            Unit::MebibytesAtOnce => format!("{n} MiB at once"),
        }
    }

    /// The number with thousands grouped by a space, as Finnish and Swedish write it.
    fn grouped(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    /// This limit as a row of the README's Markdown table.
    pub fn table_row(&self) -> String {
        let code = self.code.map(|c| format!("`{c}`")).unwrap_or_else(|| "—".into());
        format!("| {} | {} | {} | {} |", self.input, self.shown(), self.exceeded, code)
    }
}

/// A professional's name or organisation, proposed to a guidance space.
pub const PROFESSIONAL_NAME_CHARS: usize = 200;
/// Why a professional is proposed to a guidance space (the client reads it to decide).
pub const PROFESSIONAL_PURPOSE_CHARS: usize = 1000;
/// Proposals of professionals one guidance space keeps, of every status.
pub const PROFESSIONALS_PER_SPACE: usize = 50;

const fn limit(
    input: &'static str,
    limit: usize,
    unit: Unit,
    exceeded: &'static str,
    code: Option<&'static str>,
) -> InputLimit {
    InputLimit { input, limit: limit as u64, unit, exceeded, code }
}

use Unit::*;

/// Every input that can grow. Keep in step with the README ("Input limits"); a test checks.
pub const ALL: &[InputLimit] = &[
    limit(
        "Query string of a request",
        QUERY_BYTES,
        Bytes,
        "refused with 414 before any handler",
        Some("query-too-long"),
    ),
    limit("API JSON body", API_JSON_BYTES, Bytes, "refused with 413", Some("body-too-large")),
    limit("Page form without files", FORM_BYTES, Bytes, "refused with 422", Some("form-too-large")),
    limit(
        "Incoming mail message (IMAP, `tupa mail ingest`)",
        MAX_MESSAGE_BYTES,
        Bytes,
        "refused unparsed; only size, sender and reason are kept",
        Some("mail-too-large"),
    ),
    limit(
        "Recipients kept from one incoming message",
        MAX_RECIPIENTS_KEPT,
        Items,
        "the rest are counted, not kept",
        None,
    ),
    limit(
        "Copy recipients of one reply",
        MAX_REPLY_CC,
        Items,
        "refused with 422",
        Some("reply-cc-too-many"),
    ),
    limit(
        "Reply or note text",
        MAX_REPLY_BODY_CHARS,
        Chars,
        "refused with 422",
        Some("reply-empty"),
    ),
    limit(
        "Contact form or API ticket message",
        MAX_CONTACT_MESSAGE_CHARS,
        Chars,
        "refused with 422",
        Some("message-invalid"),
    ),
    limit(
        "Contact form or API ticket subject",
        SUBJECT_CHARS,
        Chars,
        "refused with 422",
        Some("subject-too-long"),
    ),
    limit(
        "Files on one desk message",
        DESK_FILES,
        Items,
        "refused with 422",
        Some("attachments-too-many"),
    ),
    limit(
        "One desk attachment",
        DESK_FILE_BYTES,
        Bytes,
        "refused with 422",
        Some("attachment-too-large"),
    ),
    limit(
        "All attachments of one desk message",
        DESK_TOTAL_BYTES,
        Bytes,
        "refused with 422",
        Some("attachment-too-large"),
    ),
    limit(
        "Text indexed for search, per message",
        MAX_INDEXED_CHARS,
        Chars,
        "the rest is stored but not indexed",
        None,
    ),
    limit(
        "Search string (desk queue, job board)",
        SEARCH_CHARS,
        Chars,
        "refused with 422",
        Some("search-too-long"),
    ),
    limit("One search word", SEARCH_WORD_CHARS, Chars, "refused with 422", Some("search-too-long")),
    limit("Words used of a desk search", DESK_SEARCH_WORDS, Words, "later words are ignored", None),
    limit(
        "Words used of a job board search",
        BOARD_SEARCH_WORDS,
        Words,
        "later words are ignored",
        None,
    ),
    limit(
        "Roles in one grant (invitation, role change)",
        MAX_ROLES,
        Items,
        "refused with 422",
        Some("roles-too-many"),
    ),
    limit(
        "Saved view of the desk queue",
        QUERY_BYTES,
        Bytes,
        "refused with 422",
        Some("query-too-long"),
    ),
    limit(
        "Dates with their own hours in one desk queue",
        QUEUE_EXCEPTIONS,
        Items,
        "refused with 422",
        Some("exceptions-invalid"),
    ),
    limit(
        "Contacts on one job ad",
        AD_CONTACTS,
        Items,
        "refused with 422",
        Some("contacts-too-many"),
    ),
    limit(
        "Note on a job ad's decision, action or extension",
        AD_NOTE_CHARS,
        Chars,
        "refused with 422",
        Some("text-too-long"),
    ),
    limit(
        "Questions on one job ad",
        AD_QUESTIONS,
        Items,
        "refused with 422",
        Some("questions-too-many"),
    ),
    limit("Password", PASSWORD_CHARS, Chars, "refused with 422", Some("password-too-long")),
    limit(
        "All files of one job application",
        MAX_APPLICATION_BYTES,
        Bytes,
        "refused with 422",
        Some("application-file-too-large"),
    ),
    limit(
        "Logo file",
        LOGO_FILE_BYTES,
        Bytes,
        "refused with 422, saying the size",
        Some("recruitment-logo-file-too-large"),
    ),
    limit("Logo upload body", LOGO_UPLOAD_BYTES, Bytes, "connection cut off", None),
    limit(
        "Logo side",
        LOGO_SIDE as usize,
        PixelsPerSide,
        "refused from the header, before decoding",
        Some("recruitment-logo-dimensions-too-large"),
    ),
    limit(
        "Logo area",
        LOGO_PIXELS as usize,
        Pixels,
        "refused from the header, before decoding",
        Some("recruitment-logo-dimensions-too-large"),
    ),
    limit(
        "Logo decoding, all uploads together",
        DECODE_BUDGET_MIB as usize,
        MebibytesAtOnce,
        "further decodes wait their turn",
        None,
    ),
    limit(
        "General recruitment text name",
        RECRUITMENT_TEXT_NAME_CHARS,
        Chars,
        "refused with 422",
        Some("recruitment-text-name-invalid"),
    ),
    limit(
        "General recruitment text, per language",
        RECRUITMENT_TEXT_CHARS,
        Chars,
        "refused with 422",
        Some("text-too-long"),
    ),
    limit(
        "Active general recruitment texts per organisation",
        RECRUITMENT_TEXTS_ACTIVE as usize,
        Items,
        "refused with 422",
        Some("recruitment-text-too-many"),
    ),
    limit("User-Agent kept with a session", USER_AGENT_CHARS, Chars, "cut", None),
    limit(
        "WebSocket frame or message (guidance space live socket)",
        WEBSOCKET_FRAME_BYTES,
        Bytes,
        "the socket is closed; the server goes on",
        None,
    ),
    limit(
        "Guidance space message",
        SPACE_MESSAGE_CHARS,
        Chars,
        "refused with 422",
        Some("space-message-too-long"),
    ),
    limit(
        "Guidance space title",
        SPACE_TITLE_CHARS,
        Chars,
        "refused with 422",
        Some("space-title-too-long"),
    ),
    limit(
        "Client name of a guidance space",
        SPACE_CLIENT_NAME_CHARS,
        Chars,
        "refused with 422",
        Some("space-name-too-long"),
    ),
    limit(
        "Task title (also of a task template)",
        TASK_TITLE_CHARS,
        Chars,
        "refused with 422",
        Some("task-title-too-long"),
    ),
    limit(
        "Task instructions (also of a task template)",
        TASK_INSTRUCTIONS_CHARS,
        Chars,
        "refused with 422",
        Some("task-instructions-too-long"),
    ),
    limit(
        "Answer to a task",
        TASK_ANSWER_CHARS,
        Chars,
        "refused with 422",
        Some("task-answer-too-long"),
    ),
    limit(
        "Comment on a task",
        TASK_COMMENT_CHARS,
        Chars,
        "refused with 422",
        Some("task-comment-too-long"),
    ),
    limit(
        "Tasks in one guidance space",
        SPACE_TASKS,
        Items,
        "refused with 422",
        Some("tasks-too-many"),
    ),
    limit(
        "Comments on one task",
        TASK_COMMENTS,
        Items,
        "refused with 422",
        Some("task-comments-too-many"),
    ),
    limit(
        "Task templates per organisation",
        GUIDANCE_TEMPLATES,
        Items,
        "refused with 422",
        Some("task-templates-too-many"),
    ),
    limit(
        "Space templates per organisation",
        GUIDANCE_TEMPLATES,
        Items,
        "refused with 422",
        Some("space-templates-too-many"),
    ),
    limit(
        "Space template name",
        SPACE_TEMPLATE_NAME_CHARS,
        Chars,
        "refused with 422",
        Some("space-template-name-too-long"),
    ),
    limit(
        "Space template welcome text",
        SPACE_TEMPLATE_WELCOME_CHARS,
        Chars,
        "refused with 422",
        Some("space-template-welcome-too-long"),
    ),
    limit(
        "Task templates in one space template",
        SPACE_TEMPLATE_TASKS,
        Items,
        "refused with 422",
        Some("space-template-tasks-too-many"),
    ),
    limit(
        "Title of a space link, meeting summary or library material",
        SPACE_ITEM_TITLE_CHARS,
        Chars,
        "refused with 422",
        Some("guidance-title-too-long"),
    ),
    limit(
        "Web address of a space link or library link",
        MAX_URL_CHARS,
        Chars,
        "refused with 422",
        Some("guidance-url-invalid"),
    ),
    limit(
        "Meeting summary",
        SPACE_SUMMARY_CHARS,
        Chars,
        "refused with 422",
        Some("space-summary-body-too-long"),
    ),
    limit(
        "Description of a library material",
        MATERIAL_DESCRIPTION_CHARS,
        Chars,
        "refused with 422",
        Some("material-description-too-long"),
    ),
    limit(
        "Materials library file",
        MATERIAL_FILE_BYTES,
        Bytes,
        "refused with 422",
        Some("attachment-too-large"),
    ),
    limit(
        "Operator library item or version by API (JSON, a base64 file per language)",
        LIBRARY_API_BODY_BYTES,
        Bytes,
        "refused with 413",
        Some("body-too-large"),
    ),
    limit(
        "Areas of one life-situation meter",
        METER_AREAS,
        Items,
        "refused with 422",
        Some("meter-areas-count"),
    ),
    limit(
        "Values of a meter's scale (max − min)",
        METER_SCALE_SPAN as usize,
        Items,
        "refused with 422",
        Some("meter-scale-invalid"),
    ),
    limit(
        "Meter name, area or scale-end wording, per language",
        METER_LABEL_CHARS,
        Chars,
        "refused with 422",
        Some("meter-text-too-long"),
    ),
    limit(
        "Meter area help text, per language",
        METER_HELP_CHARS,
        Chars,
        "refused with 422",
        Some("meter-text-too-long"),
    ),
    limit(
        "An organisation's own meters",
        METER_INSTRUMENTS,
        Items,
        "refused with 422",
        Some("meter-too-many"),
    ),
    limit(
        "Comment of one meter answer",
        METER_COMMENT_CHARS,
        Chars,
        "refused with 422",
        Some("meter-comment-too-long"),
    ),
    limit(
        "Client feedback text",
        FEEDBACK_COMMENT_CHARS,
        Chars,
        "refused with 422",
        Some("feedback-comment-too-long"),
    ),
    limit(
        "Idempotency-Key header",
        IDEMPOTENCY_KEY_BYTES,
        Bytes,
        "refused with 422",
        Some("idempotency-key-invalid"),
    ),
    limit(
        "Name or organisation of a professional proposed to a guidance space",
        PROFESSIONAL_NAME_CHARS,
        Chars,
        "refused with 422",
        Some("professional-name-too-long"),
    ),
    limit(
        "Purpose of a professional proposed to a guidance space",
        PROFESSIONAL_PURPOSE_CHARS,
        Chars,
        "refused with 422",
        Some("professional-purpose-too-long"),
    ),
    limit(
        "Professionals proposed to one guidance space",
        PROFESSIONALS_PER_SPACE,
        Items,
        "refused with 422",
        Some("professionals-too-many"),
    ),
    limit(
        "Data subject request's details or staff note",
        crate::data_requests::DETAILS_CHARS,
        Chars,
        "refused with 422",
        Some("privacy-details-too-long"),
    ),
    limit(
        "Reason for extending a data subject request",
        crate::data_requests::REASON_CHARS,
        Chars,
        "refused with 422",
        Some("privacy-reason-too-long"),
    ),
    limit(
        "Privacy notice address (each language)",
        crate::organisations::privacy::MAX_URL_CHARS,
        Chars,
        "refused with 422",
        Some("url-invalid"),
    ),
    limit(
        "Data protection officer's name",
        crate::organisations::privacy::MAX_DPO_NAME_CHARS,
        Chars,
        "refused with 422",
        Some("dpo-field-invalid"),
    ),
    limit(
        "Data protection officer's phone",
        crate::organisations::privacy::MAX_DPO_PHONE_CHARS,
        Chars,
        "refused with 422",
        Some("dpo-field-invalid"),
    ),
    limit(
        "Data protection officer's postal address",
        crate::organisations::privacy::MAX_DPO_ADDRESS_CHARS,
        Chars,
        "refused with 422",
        Some("dpo-field-invalid"),
    ),
    limit(
        "Known gaps of an accessibility statement (each language)",
        crate::accessibility::MAX_GAPS_CHARS,
        Chars,
        "refused with 422",
        Some("a11y-gaps-too-long"),
    ),
    limit(
        "Page address in accessibility feedback",
        crate::accessibility::feedback::MAX_PAGE_CHARS,
        Chars,
        "refused with 422",
        Some("a11y-page-too-long"),
    ),
    limit(
        "Accessibility feedback description",
        crate::accessibility::feedback::MAX_DESCRIPTION_CHARS,
        Chars,
        "refused with 422",
        Some("message-invalid"),
    ),
    limit(
        "Support case message or reply (to the operator, or through a citizen's case link)",
        MAX_CONTACT_MESSAGE_CHARS,
        Chars,
        "refused with 422",
        Some("message-invalid"),
    ),
    limit(
        "Reason for granting the operator access (delegated administration)",
        crate::delegations::REASON_CHARS,
        Chars,
        "refused with 422",
        Some("delegation-reason-invalid"),
    ),
    limit(
        "Announcement title (each language)",
        crate::announcements::MAX_TITLE_CHARS,
        Chars,
        "refused with 422",
        Some("announcement-title-invalid"),
    ),
    limit(
        "Announcement text (each language)",
        crate::announcements::MAX_BODY_CHARS,
        Chars,
        "refused with 422",
        Some("announcement-body-invalid"),
    ),
    limit(
        "Agreement signer's name, title, authority and terms version (each)",
        crate::agreements::MAX_FIELD_CHARS,
        Chars,
        "refused with 422",
        Some("agreement-field-invalid"),
    ),
    limit(
        "Signed agreement document (checked as a desk attachment)",
        DESK_FILE_BYTES,
        Bytes,
        "refused with 422",
        Some("attachment-too-large"),
    ),
    limit(
        "Sub-processors in one version of the list",
        crate::agreements::subprocessors::MAX_ENTRIES,
        Items,
        "refused with 422",
        Some("subprocessors-count-invalid"),
    ),
    limit(
        "Sub-processor's name, purpose and location (each)",
        crate::agreements::subprocessors::MAX_FIELD_CHARS,
        Chars,
        "refused with 422",
        Some("subprocessor-field-invalid"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{SOURCES, keys_of};

    #[test]
    fn every_refusal_has_a_translated_message() {
        for l in ALL {
            let Some(code) = l.code else { continue };
            // The logo's refusals are messages of their own, with the sizes as arguments.
            let key = format!("error-{code}");
            for (lang, source) in SOURCES {
                let keys = keys_of(source);
                let known = keys.contains(&key) || keys.contains(code);
                assert!(known, "{key} missing in {}", lang.code());
            }
        }
    }

    #[test]
    fn the_readme_lists_every_limit() {
        let readme = include_str!("../../../README.md");
        for l in ALL {
            let row = l.table_row();
            assert!(readme.lines().any(|line| line == row), "README lacks the row\n{row}");
        }
        // And nothing more: a limit removed from the code leaves the table too.
        let section = readme.split("### Input limits").nth(1).expect("an Input limits section");
        let rows = section.split("\n#").next().unwrap_or("").lines();
        let rows = rows
            .filter(|l| {
                l.starts_with("| ") && !l.starts_with("| Input |") && !l.starts_with("| ---")
            })
            .count();
        assert_eq!(rows, ALL.len(), "README's table and limits::ALL differ in length");
    }

    #[test]
    fn search_limits() {
        assert!(check_search("päivähoito hakemus 2026-000123").is_ok());
        assert!(check_search(&"sana ".repeat(SEARCH_CHARS / 5)).is_ok());
        assert!(check_search(&"sana ".repeat(SEARCH_CHARS / 5 + 1)).is_err());
        assert!(check_search(&"ä".repeat(SEARCH_WORD_CHARS)).is_ok());
        let long_word = format!("hei {}", "ä".repeat(SEARCH_WORD_CHARS + 1));
        assert_eq!(check_search(&long_word).unwrap_err().code(), "search-too-long");
    }

    #[test]
    fn inputs_are_named_once() {
        for (i, l) in ALL.iter().enumerate() {
            assert!(ALL[i + 1..].iter().all(|o| o.input != l.input), "{} twice", l.input);
        }
    }

    /// Prints the README table: `cargo test -p tupa-core limits::tests::print -- --nocapture`.
    #[test]
    fn print() {
        println!("| Input | Limit | Past the limit | Error code |\n| --- | --- | --- | --- |");
        for l in ALL {
            println!("{}", l.table_row());
        }
    }
}
