//! How many active tickets wait for an adviser, for the home page: counted by the database
//! (not by fetching the queue and measuring it), and capped so that a huge organisation's
//! home page costs no more than a small one's.

use crate::authz::{Actor, Permission};
use crate::db::{Db, now};
use crate::error::Result;
use crate::organisations::Organisation;

/// Counts stop here; the page shows "10000+" beyond it.
pub const CAP: i64 = 10_000;

/// A count that stopped at [`CAP`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capped(pub i64);

impl Capped {
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl std::fmt::Display for Capped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 >= CAP { write!(f, "{CAP}+") } else { write!(f, "{}", self.0) }
    }
}

/// The adviser's own active tickets, those without a handler, and those past a target —
/// the same tickets the queue shows with `assignee=me`, `assignee=unassigned` and
/// `sla=breached`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HomeCounts {
    pub mine: Capped,
    pub unassigned: Capped,
    pub overdue: Capped,
}

/// Active: not merged away, not resolved or closed (the queue's default).
const ACTIVE: &str = "org_id = $1 AND merged_into IS NULL AND status NOT IN ('resolved', 'closed')";

/// The nearest target, as the queue computes it: the first answer while none has been
/// given, then the resolution.
const DUE: &str = "CASE WHEN first_responded_at IS NULL THEN COALESCE(first_response_due, resolution_due) ELSE resolution_due END";

pub async fn home_counts(db: &Db, actor: &Actor, org: &Organisation) -> Result<HomeCounts> {
    actor.check(Permission::WorkDesk, org)?;
    let mine = capped(db, &org.id, "assignee_id = $2", Some(Bind::Text(&actor.user.id))).await?;
    let unassigned = capped(db, &org.id, "assignee_id IS NULL", None).await?;
    let overdue = capped(db, &org.id, &format!("{DUE} <= $2"), Some(Bind::Int(now()))).await?;
    Ok(HomeCounts { mine, unassigned, overdue })
}

enum Bind<'a> {
    Text(&'a str),
    Int(i64),
}

/// `COUNT(*)` over at most [`CAP`] active tickets of the organisation matching `condition`
/// (which may use `$2`, bound to `arg`).
async fn capped(db: &Db, org_id: &str, condition: &str, arg: Option<Bind<'_>>) -> Result<Capped> {
    // The inner LIMIT stops the scan at the cap on both backends.
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 AS one FROM tickets WHERE {ACTIVE} AND {condition} LIMIT {CAP}) capped"
    );
    let query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).bind(org_id);
    let query = match arg {
        Some(Bind::Text(s)) => query.bind(s.to_string()),
        Some(Bind::Int(n)) => query.bind(n),
        None => query,
    };
    Ok(Capped(query.fetch_one(db.pool()).await?))
}

#[cfg(test)]
mod tests {
    use super::{CAP, Capped};

    #[test]
    fn a_count_at_the_cap_says_there_are_more() {
        assert_eq!(Capped(3).to_string(), "3");
        assert_eq!(Capped(CAP).to_string(), "10000+");
    }
}
