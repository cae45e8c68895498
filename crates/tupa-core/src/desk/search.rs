//! Full-text search over a desk's tickets: subjects, requesters and every message.
//!
//! One search document per ticket (migration 0095): on SQLite a row of the FTS5 table
//! `ticket_search_fts` (rowid `tickets.search_rowid`), on PostgreSQL the stored tsvector
//! `tickets.search_vector` under a GIN index; triggers keep both in step in the writing
//! transaction. Both see the same words: the query is split in Rust on anything that is not
//! a letter or digit, as both indexes split the text, and each word matches as a prefix
//! ("hakemu" finds "hakemus" and "hakemuksen"). A ticket matches when every word occurs
//! somewhere in it — in its header or in any of its messages. Words in double quotes are a
//! phrase: they must follow each other ("\"kaukolämpö lasku\"").

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
    for w in split(query) {
        if !out.contains(&w) {
            out.push(w);
        }
        if out.len() == MAX_WORDS {
            break;
        }
    }
    out
}

/// The words of a text as the indexes see them, in order (for scoring).
pub fn tokens(text: &str) -> Vec<String> {
    split(text).collect()
}

fn split(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// What a query asks for: words, each anywhere in the ticket, and phrases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Word(String),
    /// Two or more words one after the other.
    Phrase(Vec<String>),
}

/// The terms of a query: the parts between double quotes are phrases (an unclosed quote
/// runs to the end), the rest words. At most [`MAX_WORDS`] words in all.
pub fn terms(query: &str) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    let mut budget = MAX_WORDS;
    for (i, part) in query.split('"').enumerate() {
        let quoted = i % 2 == 1;
        let ws: Vec<String> = split(part).take(budget).collect();
        budget -= ws.len();
        if quoted && ws.len() > 1 {
            out.push(Term::Phrase(ws));
        } else {
            for w in ws {
                if !out.contains(&Term::Word(w.clone())) {
                    out.push(Term::Word(w));
                }
            }
        }
        if budget == 0 {
            break;
        }
    }
    out
}

/// The value bound for a query's terms, every term required: an FTS5 query (quoted strings,
/// safe because the words have only letters and digits; a phrase's last word is a prefix)
/// or a PostgreSQL tsquery for `to_tsquery('simple', …)`. None when there is no term.
pub fn match_query(backend: Backend, terms: &[Term]) -> Option<String> {
    if terms.is_empty() {
        return None;
    }
    let parts: Vec<String> = terms
        .iter()
        .map(|t| match (backend, t) {
            (Backend::Sqlite, Term::Word(w)) => format!("\"{w}\"*"),
            (Backend::Sqlite, Term::Phrase(ws)) => format!("\"{}\"*", ws.join(" ")),
            (Backend::Postgres, Term::Word(w)) => format!("{w}:*"),
            (Backend::Postgres, Term::Phrase(ws)) => format!("({}:*)", ws.join(" <-> ")),
        })
        .collect();
    Some(parts.join(match backend {
        Backend::Sqlite => " AND ",
        Backend::Postgres => " & ",
    }))
}

/// A condition on the ticket `t` for the index-driven search: its document matches `m`
/// (a placeholder bound to [`match_query`]) or its case number is `exact`, in organisation
/// `org`. The full-text index names the matches by itself:
///
/// - SQLite: FTS5's rowids, looked up through `tickets_search_rowid`;
/// - PostgreSQL: one bitmap of the GIN index (or'd with the case number's unique index), in
///   which the organisation is a word too (its lexeme `~<org id>`, migration 0124), so that
///   only the organisation's own matches are read. The caller writes the rest of the query
///   so that no other index can serve it (`queue::SCOPE_UNINDEXED`): without statistics the
///   planner took an organisation's btree with the matches as a list to look up in it, a
///   scan of the organisation's every ticket for each match (28 s at a million).
pub fn matches_indexed(backend: Backend, m: &str, org: &str, exact: &str) -> String {
    match backend {
        Backend::Sqlite => format!(
            "t.search_rowid IN (SELECT rowid FROM ticket_search_fts WHERE ticket_search_fts MATCH {m} \
             UNION ALL SELECT search_rowid FROM tickets WHERE org_id = {org} AND case_number = {exact})"
        ),
        // `numnode … > 0` first: a query PostgreSQL's parser finds no word in (`¾`, which Rust
        // calls a digit) is empty, and an empty query `&&` the organisation's lexeme is that
        // lexeme alone, which every ticket of the organisation holds.
        Backend::Postgres => format!(
            "((numnode(to_tsquery('simple', {m})) > 0 AND t.search_vector @@ (to_tsquery('simple', {m}) && {})) \
             OR t.case_number = {exact})",
            org_lexeme(org)
        ),
    }
}

/// PostgreSQL: the tsquery of organisation `org`'s own lexeme (see [`matches_indexed`]), quoted
/// whole so that the text search parser does not split the id at its dashes.
fn org_lexeme(org: &str) -> String {
    format!("quote_literal('~' || {org})::tsquery")
}

/// A condition on the walked row `w` checked row by row, for a walk down the queue's own
/// index (a common word is found within the first few rows): SQLite asks FTS5 about that one
/// rowid, PostgreSQL reads the stored vector.
pub fn matches_row(backend: Backend, m: &str) -> String {
    match backend {
        Backend::Sqlite => format!(
            "EXISTS (SELECT 1 FROM ticket_search_fts WHERE ticket_search_fts MATCH {m} AND rowid = w.search_rowid)"
        ),
        Backend::Postgres => format!("w.search_vector @@ to_tsquery('simple', {m})"),
    }
}

/// SQLite: the same test against the set of every match, which SQLite makes once (an
/// ephemeral index of FTS5's rowids) and probes for each walked row.
pub fn matches_sieve(m: &str) -> String {
    format!(
        "w.search_rowid IN (SELECT rowid FROM ticket_search_fts WHERE ticket_search_fts MATCH {m})"
    )
}

/// PostgreSQL: the relevance of ticket `t` to `m`, higher first (the header's words weigh
/// more than the messages'). SQLite scores from its own index instead
/// (`search_vocab::scores`).
pub fn rank_postgres(m: &str) -> String {
    format!("CAST(ts_rank(t.search_vector, to_tsquery('simple', {m})) AS DOUBLE PRECISION)")
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
    fn quotes_make_phrases() {
        let w = |s: &str| Term::Word(s.to_string());
        assert_eq!(
            terms("Lasku \"kaukolämpö LASKU\" lasku"),
            [w("lasku"), Term::Phrase(vec!["kaukolämpö".into(), "lasku".into()])]
        );
        // One word in quotes is a word; an unclosed quote runs to the end; a lone quote is nothing.
        assert_eq!(terms("\"haku\""), [w("haku")]);
        assert_eq!(terms("a \"b c"), [w("a"), Term::Phrase(vec!["b".into(), "c".into()])]);
        assert!(terms("\"").is_empty());
        assert_eq!(terms("\"a b c d e\" f g h i j").len(), 4);
    }

    #[test]
    fn match_queries_require_every_term_as_a_prefix() {
        let t = terms("haku \"päivä hoito\"");
        assert_eq!(match_query(Backend::Sqlite, &t).unwrap(), "\"haku\"* AND \"päivä hoito\"*");
        assert_eq!(match_query(Backend::Postgres, &t).unwrap(), "haku:* & (päivä <-> hoito:*)");
        assert_eq!(match_query(Backend::Postgres, &[]), None);
    }

    #[test]
    fn indexed_text_is_folded_and_bounded() {
        assert_eq!(indexed_text("PÄIVÄHOITO Åbo"), "päivähoito åbo");
        assert_eq!(
            indexed_text(&"ä".repeat(MAX_INDEXED_CHARS + 10)).chars().count(),
            MAX_INDEXED_CHARS
        );
    }
}
