//! Case numbers: `YYYY-NNNNNNNN`, short and unique in the installation. Allocated from a
//! counter row per year in the same transaction as the ticket, so two processes never hand
//! out the same number. Knowing a case number grants nothing: every lookup also checks that
//! the caller works the ticket's organisation's desk.
//!
//! The counter is installation-wide (case numbers address tickets in the API and in mail
//! without an organisation), but the number shown is a keyed permutation of it: with plain
//! sequential numbers any organisation could read the whole installation's volume, and
//! so the operator's other customers' business, from the gaps between its own numbers. The
//! permutation is a bijection (a Feistel network over 28 bits, cycle-walked into 10^8), so
//! numbers stay unique without a lookup; its key is made once per installation and kept in
//! the database, never changed (a new key could repeat a number already given this year).

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::db::Tx;
use crate::error::Result;

/// The prefix of the case tag in subjects: `[Tupa #2026-04217311]`.
pub const TAG_PREFIX: &str = "Tupa";

/// Numbers per year: eight digits.
const SPACE: u64 = 100_000_000;
/// Half of the Feistel block: 2 × 14 bits covers `SPACE` with little to walk.
const HALF_BITS: u32 = 14;
const KEY_NAME: &str = "case-number-key";

pub async fn allocate(tx: &mut Tx, unix_time: i64) -> Result<String> {
    let year = time::OffsetDateTime::from_unix_timestamp(unix_time)
        .map(|t| t.year())
        .unwrap_or(2000) as i64;
    // An upsert with RETURNING works the same on SQLite (3.35+) and PostgreSQL. The key
    // comes back with the count (a subquery in RETURNING, allowed on both): one statement
    // per ticket, not two. Only the installation's first ticket makes the key.
    let (last, key): (i64, Option<String>) = sqlx::query_as(
        "INSERT INTO case_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = case_counters.last + 1
         RETURNING last, (SELECT value FROM installation WHERE key = $2)",
    )
    .bind(year)
    .bind(KEY_NAME)
    .fetch_one(&mut **tx)
    .await?;
    let key = match key {
        Some(value) => hex::decode(value).map_err(anyhow::Error::from)?,
        None => installation_key(tx).await?,
    };
    let shown = permute(&key, last as u64 % SPACE, HALF_BITS, SPACE);
    Ok(format!("{year}-{shown:08}"))
}

/// The counter step of [`allocate_many`]: `$1` the year, `$2` how many numbers; returns
/// the last number counted. (SQLite's bulk fill runs it on a connection of its own.)
pub const STEP_MANY: &str = "INSERT INTO case_counters (year, last) VALUES ($1, $2)
     ON CONFLICT (year) DO UPDATE SET last = case_counters.last + $2
     RETURNING last";

/// `count` case numbers of `year` at once, for bulk fills (`tupa demo --tickets`): one
/// counter step instead of one per ticket.
pub async fn allocate_many(tx: &mut Tx, year: i32, count: i64) -> Result<Vec<String>> {
    let (last,): (i64,) =
        sqlx::query_as(STEP_MANY).bind(i64::from(year)).bind(count).fetch_one(&mut **tx).await?;
    let key = installation_key(tx).await?;
    Ok(numbered(&key, year, last, count))
}

/// The `count` case numbers of `year` whose counts end at `last` ([`STEP_MANY`]), shown
/// through the installation's permutation `key` ([`key`]).
pub fn numbered(key: &[u8], year: i32, last: i64, count: i64) -> Vec<String> {
    (last - count + 1..=last)
        .map(|n| format!("{year}-{:08}", permute(key, n as u64 % SPACE, HALF_BITS, SPACE)))
        .collect()
}

/// The installation's permutation key, made (and committed) now if it is not there yet.
pub async fn key(db: &crate::db::Db) -> Result<Vec<u8>> {
    let mut tx = db.begin().await?;
    let key = installation_key(&mut tx).await?;
    tx.commit().await?;
    Ok(key)
}

/// The permutation key, made on first use. The insert that loses a race does nothing and
/// both read the winner's key. Read first: after the first ticket it is one statement.
async fn installation_key(tx: &mut Tx) -> Result<Vec<u8>> {
    let found: Option<(String,)> = sqlx::query_as("SELECT value FROM installation WHERE key = $1")
        .bind(KEY_NAME)
        .fetch_optional(&mut **tx)
        .await?;
    if let Some((value,)) = found {
        return Ok(hex::decode(value).map_err(anyhow::Error::from)?);
    }
    let fresh = hex::encode(rand::random::<[u8; 32]>());
    sqlx::query(
        "INSERT INTO installation (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
    )
    .bind(KEY_NAME)
    .bind(&fresh)
    .execute(&mut **tx)
    .await?;
    let (value,): (String,) = sqlx::query_as("SELECT value FROM installation WHERE key = $1")
        .bind(KEY_NAME)
        .fetch_one(&mut **tx)
        .await?;
    Ok(hex::decode(value).map_err(anyhow::Error::from)?)
}

/// A keyed bijection of `0..space` (`space` ≤ 2^(2·half_bits)): a four-round Feistel network
/// on `2·half_bits` bits, applied again while the result falls outside `space`.
fn permute(key: &[u8], n: u64, half_bits: u32, space: u64) -> u64 {
    debug_assert!(n < space && space <= 1 << (2 * half_bits));
    let mask = (1u64 << half_bits) - 1;
    // The key's inner and outer pads hashed once, not in every round (half the hashing).
    let keyed = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key");
    let mut x = n;
    loop {
        let (mut left, mut right) = (x >> half_bits, x & mask);
        for round in 0u8..4 {
            let mut mac = keyed.clone();
            mac.update(&[round]);
            mac.update(&right.to_be_bytes());
            let f = u64::from_be_bytes(mac.finalize().into_bytes()[..8].try_into().unwrap());
            (left, right) = (right, left ^ (f & mask));
        }
        x = (left << half_bits) | right;
        if x < space {
            return x;
        }
    }
}

/// A well-formed case number (from a subject or an address), or None.
pub fn parse(input: &str) -> Option<String> {
    let s = input.trim();
    let (year, number) = s.split_once('-')?;
    let ok = year.len() == 4
        && number.len() >= 6
        && year.chars().chain(number.chars()).all(|c| c.is_ascii_digit());
    ok.then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permutation_is_a_bijection_that_hides_the_order() {
        let key = [7u8; 32];
        // A small block of the same construction: every number exactly once.
        let space = 1000;
        let mut seen = vec![false; space as usize];
        for n in 0..space {
            let p = permute(&key, n, 5, space);
            assert!(p < space && !seen[p as usize], "{n} -> {p}");
            seen[p as usize] = true;
        }
        // The real block: consecutive counters give scattered, distinct numbers.
        let shown: Vec<u64> =
            (1..=50).map(|n| permute(&key, n, super::HALF_BITS, super::SPACE)).collect();
        let mut unique = shown.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), shown.len());
        let consecutive = shown.windows(2).filter(|w| w[1] == w[0] + 1).count();
        assert_eq!(consecutive, 0, "{shown:?}");
        // Another installation's key gives other numbers.
        assert_ne!(permute(&[8u8; 32], 1, super::HALF_BITS, super::SPACE), shown[0]);
    }

    #[test]
    fn parse_accepts_only_the_format() {
        assert_eq!(super::parse(" 2026-004217 ").as_deref(), Some("2026-004217"));
        assert!(super::parse("2026-42").is_none());
        assert!(super::parse("20x6-004217").is_none());
        assert!(super::parse("2026004217").is_none());
    }
}
