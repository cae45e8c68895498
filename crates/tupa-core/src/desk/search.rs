//! Full-text search over a desk's tickets: subjects, requesters and every message.
//!
//! SQLite uses an FTS5 index kept by triggers (migration 0010); PostgreSQL uses GIN indexes
//! over `to_tsvector('simple', …)`. Both see the same words: the query is split in Rust on
//! anything that is not a letter or digit, as both indexes split the text, and each word
//! matches as a prefix ("hakemu" finds "hakemus" and "hakemuksen"). A ticket matches when
//! every word occurs somewhere in it — in its header or in any of its messages — not
//! necessarily in the same message.

use crate::db::Backend;

/// The longest text indexed per row. PostgreSQL refuses a tsvector over 1 MB, and a
/// longer body (a pasted log, a forwarded thread) adds nothing worth finding.
pub const MAX_INDEXED_CHARS: usize = 100_000;

/// At most this many words count; a pasted paragraph would otherwise make a huge query.
pub const MAX_WORDS: usize = 8;

/// The text stored in a `search_text` column: lower-cased (Unicode case folding as Rust
/// does it, so "PÄIVÄHOITO" and "päivähoito" are one word on both backends) and bounded.
pub fn indexed_text(text: &str) -> String {
    text.chars().take(MAX_INDEXED_CHARS).collect::<String>().to_lowercase()
}

/// The words of a query, lower-cased, without duplicates, in their order.
pub fn words(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in query.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let w = w.to_lowercase();
        if !out.contains(&w) {
            out.push(w);
        }
        if out.len() == MAX_WORDS {
            break;
        }
    }
    out
}

/// The value bound for one word: an FTS5 prefix query (a quoted string, safe because the
/// word has only letters and digits) or a PostgreSQL tsquery prefix.
pub fn word_query(backend: Backend, word: &str) -> String {
    match backend {
        Backend::Sqlite => format!("\"{word}\"*"),
        Backend::Postgres => format!("{word}:*"),
    }
}

/// The tsvector expression of migration 0010's indexes; it must match them character for
/// character or PostgreSQL scans the table.
const PG_VECTOR: &str = "to_tsvector('simple', regexp_replace(search_text, '[[:space:][:punct:]“”„«»‘’‚–—…]+', ' ', 'g'))";

/// SQL for the ids of the organisation's tickets that contain one word: `org` and `word`
/// are placeholders (`$n`) bound to the organisation id and [`word_query`].
pub fn tickets_with_word(backend: Backend, org: &str, word: &str) -> String {
    match backend {
        Backend::Sqlite => format!(
            "SELECT source_id FROM desk_search_fts WHERE desk_search_fts MATCH {word} AND kind = 'ticket' \
             UNION SELECT ticket_id FROM ticket_messages WHERE org_id = {org} AND id IN \
             (SELECT source_id FROM desk_search_fts WHERE desk_search_fts MATCH {word} AND kind = 'message')"
        ),
        Backend::Postgres => format!(
            "SELECT id FROM tickets WHERE org_id = {org} AND {PG_VECTOR} @@ to_tsquery('simple', {word}) \
             UNION SELECT ticket_id FROM ticket_messages WHERE org_id = {org} AND {PG_VECTOR} @@ to_tsquery('simple', {word})"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_the_indexes_do() {
        assert_eq!(words("maija@example.fi"), ["maija", "example", "fi"]);
        assert_eq!(words("  Haku PÄÄTTYY, haku!"), ["haku", "päättyy"]);
        assert_eq!(words("2026-000123"), ["2026", "000123"]);
        assert!(words("\"*' OR 1=1 --").iter().all(|w| w.chars().all(char::is_alphanumeric)));
        assert_eq!(words("a b c d e f g h i j k").len(), MAX_WORDS);
        assert!(words(" -- ").is_empty());
    }

    #[test]
    fn word_queries_are_prefix_queries() {
        assert_eq!(word_query(Backend::Sqlite, "haku"), "\"haku\"*");
        assert_eq!(word_query(Backend::Postgres, "haku"), "haku:*");
    }

    #[test]
    fn indexed_text_is_folded_and_bounded() {
        assert_eq!(indexed_text("PÄIVÄHOITO Åbo"), "päivähoito åbo");
        assert_eq!(
            indexed_text(&"ä".repeat(MAX_INDEXED_CHARS + 10)).chars().count(),
            MAX_INDEXED_CHARS
        );
    }

    #[test]
    fn the_postgres_expression_is_the_migrations() {
        let migration = include_str!("../../migrations/postgres/0010_search.sql");
        assert_eq!(migration.matches(&format!("GIN ({PG_VECTOR})")).count(), 2);
    }
}
