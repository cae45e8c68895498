//! SQLite search at a million tickets: a query's prefixes named as the index's own words,
//! and relevance computed here.
//!
//! FTS5 answers a prefix (`"hakemu"*`) without a prefix index by reading the whole doclist
//! of every word that begins with it into memory, each time a cursor starts. The queue's
//! search asks FTS5 about one ticket at a time (the walk down the queue's index), so it paid
//! that per ticket: at a million tickets a common word's doclist has 200 000 entries, read a
//! thousand times for one page (4.6 s). Now each prefix is looked up once in the vocabulary
//! (`ticket_search_vocab`, fts5vocab over the same index: its words in order, with how many
//! tickets hold each) and the query names the exact words instead (`("hakemus" OR
//! "hakemusta")`), which FTS5 finds in one ticket by seeking. The counts tell a rare query
//! from a common one before anything is read, so a rare one goes to the index at once.
//!
//! FTS5's `bm25()` has the same trouble: each call computes the words' weights by reading
//! every matching row. The relevance sort therefore scores its pool here, with BM25 over the
//! pool's texts and the vocabulary's counts (header weighted 4, body 1, as before).

use std::collections::HashMap;

use super::search::{self, Term};
use crate::db::Db;
use crate::error::Result;

/// A prefix naming more words than this stays a prefix query (one or two letters: slow,
/// but rare and still correct).
const MAX_EXPANSION: i64 = 64;

/// The characters of each text read for scoring; a pasted log adds nothing to relevance.
const SCORED_CHARS: i64 = 20_000;

/// A query's terms as the index knows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expanded {
    /// The FTS5 query, every term required; None when a term names no word of the index
    /// (then only a case number can match).
    pub fts: Option<String>,
    /// How many tickets of the installation hold each term (a phrase: its last word; a prefix
    /// too wide to expand: all).
    counts: Vec<i64>,
    /// Tickets in the index (the highest search rowid: deleted ones are few).
    pub documents: i64,
    /// Each term's alternatives (exact word sequences) and how many tickets hold any.
    terms: Vec<(Vec<Vec<String>>, i64)>,
}

/// Looks each term's last word up as a prefix in the vocabulary.
pub async fn expand(db: &Db, terms: &[Term]) -> Result<Expanded> {
    let mut out = Expanded::default();
    let mut parts = vec![];
    for term in terms {
        let words = match term {
            Term::Word(w) => std::slice::from_ref(w),
            Term::Phrase(ws) => ws.as_slice(),
        };
        let (lead, last) = words.split_at(words.len() - 1);
        let last = &last[0];
        let found: Vec<(String, i64)> = sqlx::query_as(
            "SELECT term, doc FROM ticket_search_vocab WHERE term >= $1 AND term < $2 LIMIT $3",
        )
        .bind(last)
        .bind(format!("{last}\u{10FFFF}"))
        .bind(MAX_EXPANSION + 1)
        .fetch_all(db.pool())
        .await?;
        if found.is_empty() {
            return Ok(Expanded { documents: 1, ..Default::default() });
        }
        let (part, docs) = if found.len() as i64 > MAX_EXPANSION {
            // Too many words: FTS5 reads them all once a cursor, as before.
            (format!("\"{}\"*", words.join(" ")), i64::MAX)
        } else {
            let docs = found.iter().map(|(_, n)| n).sum::<i64>();
            let alts: Vec<String> = found
                .iter()
                .map(|(w, _)| {
                    let seq: Vec<&str> =
                        lead.iter().map(String::as_str).chain([w.as_str()]).collect();
                    format!("\"{}\"", seq.join(" "))
                })
                .collect();
            (format!("({})", alts.join(" OR ")), docs)
        };
        parts.push(part);
        let alternatives =
            found.into_iter().map(|(w, _)| lead.iter().cloned().chain([w]).collect()).collect();
        out.terms.push((alternatives, docs));
        out.counts.push(docs);
    }
    if !parts.is_empty() {
        out.fts = Some(parts.join(" AND "));
    }
    let (max_rowid,): (Option<i64>,) =
        sqlx::query_as("SELECT MAX(search_rowid) FROM tickets").fetch_one(db.pool()).await?;
    out.documents = max_rowid.unwrap_or(0).max(1);
    Ok(out)
}

/// How a search finds its first matches in the queue's order (see `queue.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Few matches: the full-text index names them all, they are sorted.
    IndexFirst,
    /// Many: walk the queue asking FTS5 about each ticket; the page fills within a few rows.
    AskEach,
    /// Between: walk this many rows of the queue and keep those in the set of all matches
    /// (made once), instead of asking FTS5 thousands of times.
    Sieve(i64),
}

/// The longest sieve: beyond it the index names the matches faster.
const MAX_SIEVE_ROWS: i64 = 50_000;

impl Expanded {
    /// The share of the installation's tickets that match, the terms taken as independent
    /// (a phrase's words are not: it counts as its last word).
    pub fn density(&self) -> f64 {
        let n = self.documents as f64;
        self.counts.iter().map(|c| (*c as f64 / n).min(1.0)).product()
    }

    /// The cheapest way to `wanted` matches when walking `walk_rows` rows of the queue
    /// would be the usual: the walk tests about `wanted / density` tickets, the index names
    /// `density × documents`, the sieve costs the latter plus the rows it walks (each far
    /// cheaper than a question to FTS5).
    pub fn strategy(&self, wanted: i64, walk_rows: i64) -> Strategy {
        let density = self.density();
        let estimate = density * self.documents as f64;
        if estimate * estimate <= wanted as f64 * self.documents as f64 {
            return Strategy::IndexFirst;
        }
        // The rows a walk needs on average, and twice that to be sure of filling the page.
        let expected = wanted as f64 / density.max(f64::MIN_POSITIVE);
        if 2.0 * expected <= walk_rows as f64 {
            Strategy::AskEach
        } else {
            Strategy::Sieve(((3.0 * expected) as i64).clamp(walk_rows, MAX_SIEVE_ROWS))
        }
    }
}

/// BM25 of each ticket in `ids` (of organisation `org_id`) for `expanded`, by ticket id.
pub async fn scores(
    db: &Db,
    org_id: &str,
    ids: &[String],
    expanded: &Expanded,
) -> Result<HashMap<String, f64>> {
    if ids.is_empty() || expanded.terms.is_empty() {
        return Ok(HashMap::new());
    }
    let placeholders: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!(
        "SELECT t.id, substr(f.header, 1, $2), substr(f.body, 1, $2) FROM tickets t \
         JOIN ticket_search_fts f ON f.rowid = t.search_rowid \
         WHERE t.org_id = $1 AND t.id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, (String, String, String)>(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(SCORED_CHARS);
    for id in ids {
        query = query.bind(id);
    }
    let docs: Vec<(String, Vec<String>, Vec<String>)> = query
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .map(|(id, h, b)| (id, search::tokens(&h), search::tokens(&b)))
        .collect();
    Ok(bm25(&docs, &expanded.terms, expanded.documents))
}

/// FTS5's bm25 (k1 1.2, b 0.75; header weighted 4, body 1) over tokenised documents; `n`
/// the number of documents in the index, the terms' counts from the vocabulary.
fn bm25(
    docs: &[(String, Vec<String>, Vec<String>)],
    terms: &[(Vec<Vec<String>>, i64)],
    n: i64,
) -> HashMap<String, f64> {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    const WEIGHTS: [f64; 2] = [4.0, 1.0];
    let len = |d: &(String, Vec<String>, Vec<String>)| (d.1.len() + d.2.len()) as f64;
    let avg = (docs.iter().map(len).sum::<f64>() / docs.len().max(1) as f64).max(1.0);
    let n = n as f64;
    docs.iter()
        .map(|d| {
            let score = terms
                .iter()
                .map(|(alternatives, count)| {
                    let count = (*count).min(n as i64) as f64;
                    let idf = ((n - count + 0.5) / (count + 0.5)).ln().max(1e-6);
                    let tf: f64 = [&d.1, &d.2]
                        .iter()
                        .zip(WEIGHTS)
                        .map(|(tokens, w)| w * occurrences(tokens, alternatives) as f64)
                        .sum();
                    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len(d) / avg))
                })
                .sum::<f64>();
            (d.0.clone(), score)
        })
        .collect()
}

/// How many times any of the word sequences starts at a token.
fn occurrences(tokens: &[String], alternatives: &[Vec<String>]) -> usize {
    (0..tokens.len())
        .filter(|&i| {
            alternatives.iter().any(|seq| {
                tokens.len() - i >= seq.len() && seq.iter().zip(&tokens[i..]).all(|(a, b)| a == b)
            })
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, header: &str, body: &str) -> (String, Vec<String>, Vec<String>) {
        (id.into(), search::tokens(header), search::tokens(body))
    }

    #[test]
    fn the_strategy_follows_the_counts() {
        let e = |counts: Vec<i64>| Expanded {
            fts: Some(String::new()),
            documents: 1_000_000,
            counts,
            terms: vec![],
        };
        // A page of 201 from a walk of 2 010 rows, at a million tickets.
        assert_eq!(e(vec![10_000]).strategy(201, 2_010), Strategy::IndexFirst);
        assert_eq!(e(vec![300_000]).strategy(201, 2_010), Strategy::AskEach);
        assert_eq!(e(vec![178_000]).strategy(201, 2_010), Strategy::Sieve(3_387));
        // Two words, each common, together in one ticket of 36: a sieve of 21 927 rows.
        assert_eq!(e(vec![300_000, 90_000]).strategy(201, 2_010), Strategy::Sieve(22_333));
        // Independent rare-ish words together are rare.
        assert_eq!(e(vec![50_000, 50_000]).strategy(201, 2_010), Strategy::IndexFirst);
        assert_eq!(e(vec![30_000]).strategy(201, 2_010), Strategy::Sieve(20_100));
    }

    #[test]
    fn phrases_count_only_in_order() {
        let t = search::tokens("ole saanut vahvistusta, saanut ole");
        let alt = vec![vec!["ole".to_string(), "saanut".to_string()]];
        assert_eq!(occurrences(&t, &alt), 1);
        assert_eq!(occurrences(&t, &[vec!["saanut".into()], vec!["ole".into()]]), 4);
        assert_eq!(occurrences(&t[..1], &alt), 0);
    }

    #[test]
    fn the_header_outweighs_the_body_and_rarer_words_count_more() {
        let terms = vec![(vec![vec!["lasku".to_string()]], 10)];
        let docs = vec![
            doc("body", "kysymys", "lasku tuli"),
            doc("header", "lasku", "kysymys tuli"),
            doc("none", "kysymys", "tuli"),
        ];
        let s = bm25(&docs, &terms, 1000);
        assert!(s["header"] > s["body"], "{s:?}");
        assert!(s["body"] > s["none"], "{s:?}");
        assert_eq!(s["none"], 0.0);
        // Two words: the one in ten tickets matters more than the one in most.
        let terms = vec![
            (vec![vec!["harvinainen".to_string()]], 10),
            (vec![vec!["yleinen".to_string()]], 900),
        ];
        let docs = vec![doc("rare", "", "harvinainen x"), doc("common", "", "yleinen x")];
        let s = bm25(&docs, &terms, 1000);
        assert!(s["rare"] > s["common"], "{s:?}");
    }
}
