//! Case numbers: `YYYY-NNNNNN`, short and unique in the installation. Allocated from a
//! counter row per year in the same transaction as the ticket, so two processes never hand
//! out the same number. Knowing a case number grants nothing: every lookup also checks that
//! the caller works the ticket's organisation's desk.

use crate::db::Tx;
use crate::error::Result;

/// The prefix of the case tag in subjects: `[Tupa #2026-004217]`.
pub const TAG_PREFIX: &str = "Tupa";

pub async fn allocate(tx: &mut Tx, unix_time: i64) -> Result<String> {
    let year = time::OffsetDateTime::from_unix_timestamp(unix_time)
        .map(|t| t.year())
        .unwrap_or(2000) as i64;
    // An upsert with RETURNING works the same on SQLite (3.35+) and PostgreSQL.
    let (last,): (i64,) = sqlx::query_as(
        "INSERT INTO case_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = case_counters.last + 1
         RETURNING last",
    )
    .bind(year)
    .fetch_one(&mut **tx)
    .await?;
    Ok(format!("{year}-{last:06}"))
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
    #[test]
    fn parse_accepts_only_the_format() {
        assert_eq!(super::parse(" 2026-004217 ").as_deref(), Some("2026-004217"));
        assert!(super::parse("2026-42").is_none());
        assert!(super::parse("20x6-004217").is_none());
        assert!(super::parse("2026004217").is_none());
    }
}
