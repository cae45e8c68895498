//! The work queue at a million tickets: filters and orders each backed by an index that
//! leads with the organisation (migration 0095), keyset pages (a `cursor` naming the last
//! row's sort key and id, so page 500 costs what page 1 does), counts capped at
//! [`COUNT_CAP`] instead of counting every matching row, and search that uses its index
//! whether or not the planner has statistics.
//!
//! Search runs in up to two steps, each a query shape that the planner cannot get wrong:
//! 1. a walk down the queue's own index, at most ten times the rows wanted, testing each ticket's
//!    document: a common word fills the page within the first few hundred rows;
//! 2. when the walk did not fill the page (a rare word), the full-text index answers and its
//!    few tickets are filtered and sorted.
//!
//! On SQLite the query's prefixes are first named as the index's own words, with their counts
//! (`search_vocab.rs`): FTS5 then seeks exact words in each walked ticket instead of reading
//! every prefix's doclist per ticket, and a query rare enough that the walk would test more
//! tickets than the index names skips the walk.
//!
//! Plans (checked by tests/it/desk_plans.rs on both backends, with and without ANALYZE):
//! the queue `SEARCH t USING INDEX tickets_queue_active (org_id=? AND …)` on SQLite and an
//! Index Scan Backward on `tickets_queue_active` on PostgreSQL; a rare word
//! `SCAN ticket_search_fts VIRTUAL TABLE INDEX …` / a Bitmap Index Scan on
//! `tickets_search_vector`.

use base64::Engine;
use serde::Deserialize;

use sqlx::any::AnyArguments;
use std::collections::HashMap;

use super::tickets::{self, Ticket};
use super::{search, search_vocab};
use crate::authz::{Actor, Permission};
use crate::db::{Backend, Db, now};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::organisations::Organisation;

#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct TicketFilter {
    /// new, open, waiting, resolved, closed, or `active` (everything not resolved or closed;
    /// the default) or `all`.
    pub status: Option<String>,
    pub queue_id: Option<String>,
    /// `me`, `unassigned`, or a person's id.
    pub assignee: Option<String>,
    pub category_id: Option<String>,
    /// A unit's id: tickets of that unit and of the units below it.
    pub unit_id: Option<String>,
    /// `breached` or `due-soon`: tickets behind or close to their targets.
    pub sla: Option<String>,
    /// Words to find in subjects and messages; words in double quotes are a phrase.
    pub q: Option<String>,
    /// `updated` (newest first, default), `created`, `due`, or `relevance` (with `q`: best
    /// matches first among the newest [`RELEVANCE_POOL`] matches; one page, no cursor).
    pub sort: Option<String>,
    /// Rows per page, 1–1000 (default 200).
    pub limit: Option<i64>,
    /// The next page: the `next_cursor` of the previous page (an opaque token; the API sends
    /// it in the `Link: <…>; rel="next"` header). Valid only with the same filters and sort.
    pub cursor: Option<String>,
}

/// The orders the queue offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Updated,
    Created,
    Due,
    Relevance,
}

impl Sort {
    fn parse(s: Option<&str>) -> Result<Sort> {
        // Anything else is the default, as before.
        Ok(match s.unwrap_or("updated") {
            "created" => Sort::Created,
            "due" => Sort::Due,
            "relevance" => Sort::Relevance,
            _ => Sort::Updated,
        })
    }

    fn code(self) -> &'static str {
        match self {
            Sort::Updated => "u",
            Sort::Created => "c",
            Sort::Due => "d",
            Sort::Relevance => "r",
        }
    }

    /// The sort key as SQL over the ticket `t`; the index of each order has it after org_id.
    fn key(self) -> &'static str {
        match self {
            Sort::Updated | Sort::Relevance => "t.updated_at",
            Sort::Created => "t.created_at",
            Sort::Due => DUE_KEY,
        }
    }

    /// Newest first, except the nearest deadline first.
    fn descending(self) -> bool {
        self != Sort::Due
    }

    fn key_of(self, t: &Ticket) -> i64 {
        match self {
            Sort::Updated | Sort::Relevance => t.updated_at,
            Sort::Created => t.created_at,
            Sort::Due => due_key(t),
        }
    }
}

/// The nearest target of an open ticket (the first answer while none has been given, then the
/// resolution), tickets without one last: the expression of index `tickets_queue_active_due`,
/// character for character.
pub const DUE_KEY: &str = "COALESCE(CASE WHEN first_responded_at IS NULL THEN COALESCE(first_response_due, resolution_due) ELSE resolution_due END, 9223372036854775807)";

/// [`DUE_KEY`] of a ticket read.
pub fn due_key(t: &Ticket) -> i64 {
    let due = if t.first_responded_at.is_none() {
        t.first_response_due.or(t.resolution_due)
    } else {
        t.resolution_due
    };
    due.unwrap_or(i64::MAX)
}

/// Every query's first conditions: the organisation's tickets (`$1`), not merged into another.
const SCOPE: [&str; 2] = ["t.org_id = $1", "t.merged_into IS NULL"];
/// [`SCOPE`] for PostgreSQL's full-text step, written so that no index can serve it: every
/// btree of the tickets leads with the organisation (or, `migration_0016_merged`, with
/// `merged_into`), and the step must be one bitmap of the GIN index whatever the statistics.
const SCOPE_UNINDEXED: [&str; 2] = ["t.org_id || '' = $1", "COALESCE(t.merged_into, '') = ''"];

/// How many of the newest matches a relevance sort ranks.
pub const RELEVANCE_POOL: i64 = 1_000;
/// PostgreSQL: the longest second walk (see `run`), and at most ten times the first; beyond
/// it the GIN step is cheaper.
const MAX_SECOND_WALK: i64 = 20_000;
/// Counts stop here and show as "1 000+".
pub const COUNT_CAP: i64 = 1_000;

/// One page of the queue.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub tickets: Vec<Ticket>,
    /// The cursor of the next page, when there is one.
    pub next_cursor: Option<String>,
}

/// The cursor after `t`: the order, its key and the id, base64url (opaque to clients).
fn cursor_of(sort: Sort, t: &Ticket) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!(
        "{}.{}.{}",
        sort.code(),
        sort.key_of(t),
        t.id
    ))
}

fn parse_cursor(sort: Sort, cursor: &str) -> Result<(i64, String)> {
    let bad = || Error::invalid("cursor", "cursor-invalid");
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let raw = String::from_utf8(raw).map_err(|_| bad())?;
    let mut parts = raw.splitn(3, '.');
    let (Some(code), Some(key), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    if code != sort.code() || sort == Sort::Relevance || id.is_empty() {
        return Err(bad());
    }
    Ok((key.parse().map_err(|_| bad())?, id.to_string()))
}

/// Values bound to a dynamically built query. Each becomes the next numbered placeholder;
/// both backends accept `$n` used more than once. Times bind as integers (PostgreSQL will not
/// compare BIGINT with text).
#[derive(Clone)]
enum Arg {
    Text(String),
    Int(i64),
}

#[derive(Clone)]
struct Args(Vec<Arg>);

impl Args {
    fn text(&mut self, value: String) -> String {
        self.0.push(Arg::Text(value));
        format!("${}", self.0.len())
    }
    fn int(&mut self, value: i64) -> String {
        self.0.push(Arg::Int(value));
        format!("${}", self.0.len())
    }
    /// `sql` as a query of `O` rows with these arguments bound in order.
    fn query_as<'q, O>(&self, sql: String) -> sqlx::query::QueryAs<'q, sqlx::Any, O, AnyArguments>
    where
        O: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for a in &self.0 {
            q = match a {
                Arg::Text(s) => q.bind(s.clone()),
                Arg::Int(n) => q.bind(*n),
            };
        }
        q
    }
}

const COLUMNS: &str = "t.org_id, t.id, t.case_number, t.queue_id, t.category_id, t.unit_id, t.subject, t.status, t.priority, t.channel, t.requester_email, t.requester_name, t.requester_lang, t.assignee_id, t.merged_into, t.refers_to, t.created_at, t.updated_at, t.first_response_due, t.first_responded_at, t.resolution_due, t.resolved_at, t.closed_at";

/// The work queue of an organisation, filtered and sorted: the first `limit` rows.
pub async fn list(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    filter: &TicketFilter,
) -> Result<Vec<Ticket>> {
    Ok(page(db, actor, org, filter).await?.tickets)
}

/// One page of the work queue; `filter.cursor` continues after a previous page.
pub async fn page(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    filter: &TicketFilter,
) -> Result<Page> {
    run(db, actor, org, filter, &mut None).await
}

/// The plans of the queries [`page`] runs for `filter` (every step of a search), as the
/// backend explains them: `EXPLAIN QUERY PLAN` lines on SQLite, `EXPLAIN` text on
/// PostgreSQL. For the tests that fail when a hot query stops using its index.
pub async fn explain(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    filter: &TicketFilter,
) -> Result<Vec<String>> {
    let mut plans = Some(vec![]);
    run(db, actor, org, filter, &mut plans).await?;
    Ok(plans.unwrap_or_default())
}

async fn run(
    db: &Db,
    actor: &Actor,
    org: &Organisation,
    filter: &TicketFilter,
    plans: &mut Option<Vec<String>>,
) -> Result<Page> {
    actor.check(Permission::WorkDesk, org)?;
    let backend = db.backend();
    let search = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let sort = match Sort::parse(filter.sort.as_deref())? {
        // Nothing to rank without words.
        Sort::Relevance if search.is_none() => Sort::Updated,
        sort => sort,
    };
    let limit = filter.limit.unwrap_or(200).clamp(1, 1000);
    let mut args = Args(vec![Arg::Text(org.id.clone())]);
    let mut conds: Vec<String> = SCOPE.map(String::from).into();
    // The status term is written exactly as the partial indexes' predicate.
    match filter.status.as_deref().unwrap_or("active") {
        "all" => {}
        "" | "active" => conds.push("t.status NOT IN ('resolved', 'closed')".into()),
        s => {
            let s: tickets::TicketStatus = s.parse()?;
            conds.push(format!("t.status = {}", args.text(s.as_str().to_string())))
        }
    }
    let (key, desc) = (sort.key(), sort.descending());
    if let Some(cursor) = filter.cursor.as_deref().filter(|c| !c.is_empty()) {
        let (k, id) = parse_cursor(sort, cursor)?;
        let (k, id) = (args.int(k), args.text(id));
        conds.push(format!("({key}, t.id) {} ({k}, {id})", if desc { "<" } else { ">" }));
    }
    // What comes before this an index serves in every order (the organisation, the status, the
    // cursor); what comes after, only some orders have an index for (see the walk below).
    let ordered = conds.len();
    if let Some(q) = filter.queue_id.as_deref().filter(|q| !q.is_empty()) {
        conds.push(format!("t.queue_id = {}", args.text(q.to_string())));
    }
    match filter.assignee.as_deref() {
        Some("me") => conds.push(format!("t.assignee_id = {}", args.text(actor.user.id.clone()))),
        Some("unassigned") => conds.push("t.assignee_id IS NULL".into()),
        Some(id) if !id.is_empty() => {
            conds.push(format!("t.assignee_id = {}", args.text(id.to_string())))
        }
        _ => {}
    }
    if let Some(c) = filter.category_id.as_deref().filter(|c| !c.is_empty()) {
        conds.push(format!("t.category_id = {}", args.text(c.to_string())));
    }
    if let Some(u) = filter.unit_id.as_deref().filter(|u| !u.is_empty()) {
        // The unit and everything below it: a head of a department sees the department.
        let units = crate::organisations::units::list(db, &org.id).await?;
        if !units.iter().any(|x| x.id == u) {
            return Err(Error::invalid("unit_id", "unit-invalid"));
        }
        let ids: Vec<String> = crate::organisations::units::subtree(&units, u)
            .into_iter()
            .map(|id| args.text(id))
            .collect();
        conds.push(format!("t.unit_id IN ({})", ids.join(", ")));
    }
    match filter.sla.as_deref() {
        Some("breached") => conds.push(format!(
            "t.status NOT IN ('resolved', 'closed') AND {DUE_KEY} <= {}",
            args.int(now())
        )),
        Some("due-soon") => {
            let t = now();
            conds.push(format!(
                "t.status NOT IN ('resolved', 'closed') AND {DUE_KEY} > {} AND {DUE_KEY} <= {}",
                args.int(t),
                args.int(t + 3600)
            ))
        }
        _ => {}
    }
    let dir = if desc { "DESC" } else { "ASC" };
    let order = format!("ORDER BY {key} {dir}, t.id {dir}");
    let outer = |sql: &str| sql.replace("t.", "w.");
    let Some(q) = search else {
        // PostgreSQL, a filter in an order no index has with it (a queue by arrival):
        // without statistics the planner read the queue's every ticket through its index and
        // sorted them (0.2 s at a million). A walk down the order's own index, testing the
        // filters, fills a page within ten times its rows unless the filter is rare; then
        // (and on SQLite, whose plans here do not go wrong) the planner chooses. The walk
        // only goes where its order has an index of its own: every status has one by
        // arrival, only the open tickets by deadline.
        let walkable = match sort {
            Sort::Created => true,
            Sort::Due => matches!(filter.status.as_deref().unwrap_or("active"), "" | "active"),
            Sort::Updated | Sort::Relevance => false,
        };
        if backend == Backend::Postgres && walkable && conds.len() > ordered {
            let walk = format!(
                "SELECT {} FROM (SELECT {COLUMNS} FROM tickets t WHERE {} {order} LIMIT {}) w WHERE {} {} LIMIT {}",
                outer(COLUMNS),
                conds[..ordered].join(" AND "),
                (limit + 1) * 10,
                outer(&conds[ordered..].join(" AND ")),
                outer(&order),
                limit + 1
            );
            let found = fetch(db, walk, &args, plans, Planner::IndexWalk).await?;
            if found.len() as i64 > limit {
                return Ok(page_of(sort, found, limit));
            }
        }
        let sql = format!(
            "SELECT {COLUMNS} FROM tickets t WHERE {} {order} LIMIT {}",
            conds.join(" AND "),
            limit + 1
        );
        return paged(db, sort, sql, args, limit, plans).await;
    };
    crate::limits::check_search(q)?;
    let exact = args.text(q.to_string());
    let terms = search::terms(q);
    // SQLite: the prefixes named as the index's words (see search_vocab), and a count that
    // tells a rare query from a common one.
    let expanded = match backend {
        Backend::Sqlite if !terms.is_empty() => Some(search_vocab::expand(db, &terms).await?),
        _ => None,
    };
    let query = match &expanded {
        Some(e) => e.fts.clone(),
        None => search::match_query(backend, &terms),
    };
    let Some(m) = query else {
        // No word at all: only a case number can match.
        conds.push(format!("t.case_number = {exact}"));
        let sql = format!(
            "SELECT {COLUMNS} FROM tickets t WHERE {} {order} LIMIT {}",
            conds.join(" AND "),
            limit + 1
        );
        return paged(db, sort, sql, args, limit, plans).await;
    };
    let m = args.text(m);
    let wanted = if sort == Sort::Relevance { RELEVANCE_POOL } else { limit + 1 };
    // 1. The walk: the inner query is the plain queue (its index, its order, a LIMIT); the
    // outer one tests each row's document. Neither engine pushes a filter into a subquery
    // with a LIMIT, so the walk stays a walk.
    // A word in one ticket of ten fills the wanted rows within ten times as many.
    let walk_rows = wanted * 10;
    // SQLite knows from the counts which way costs least (see search_vocab::Strategy).
    let strategy = match &expanded {
        Some(e) => e.strategy(wanted, walk_rows),
        None => search_vocab::Strategy::AskEach,
    };
    let (walk_rows, test) = match strategy {
        search_vocab::Strategy::Sieve(rows) => (rows, search::matches_sieve(&m)),
        _ => (walk_rows, search::matches_row(backend, &m)),
    };
    let walk = format!(
        "SELECT {} FROM (SELECT {COLUMNS}, t.search_{col} FROM tickets t WHERE {} {order} LIMIT {walk_rows}) w \
         WHERE (w.case_number = {exact} OR {}) {} LIMIT {wanted}",
        outer(COLUMNS),
        conds.join(" AND "),
        test,
        // SQLite sorts an outer ORDER BY in a temporary B-tree, which reads the whole walk
        // before the LIMIT: without it the rows come in the walk's order and the walk stops
        // at the wanted match (a common word: a third of the rows). Sorted again below.
        match backend {
            Backend::Sqlite => String::new(),
            Backend::Postgres => outer(&order),
        },
        col = match backend {
            Backend::Sqlite => "rowid",
            Backend::Postgres => "vector",
        },
    );
    let mut found = match strategy {
        search_vocab::Strategy::IndexFirst => vec![],
        _ => fetch(db, walk, &args, plans, Planner::Free).await?,
    };
    // Whether the walk saw every row of the queue (then what it found is all there is).
    let mut complete = false;
    if backend == Backend::Postgres && !found.is_empty() && (found.len() as i64) < wanted {
        // 1b. PostgreSQL tests a walked row cheaply (its stored vector), but its full-text step
        // reads a heap page for every match of the installation: words that are each common
        // and together rare (21 000 of a million) took a second. What the walk found tells the
        // density; when the rest is near, the walk goes on after its last row.
        let density = found.len() as f64 / walk_rows as f64;
        let need = wanted - found.len() as i64;
        let rows = (2.0 * need as f64 / density).ceil() as i64;
        if rows <= MAX_SECOND_WALK.min(10 * walk_rows) {
            let last = format!(
                "SELECT {key}, t.id FROM tickets t WHERE {} {order} LIMIT 1 OFFSET {}",
                conds.join(" AND "),
                walk_rows - 1
            );
            let q = args.query_as::<(i64, String)>(last);
            match q.fetch_optional(db.pool()).await? {
                None => complete = true,
                Some((k, id)) => {
                    let mut args2 = args.clone();
                    let mut conds2 = conds.clone();
                    let (k, id) = (args2.int(k), args2.text(id));
                    conds2.push(format!(
                        "({key}, t.id) {} ({k}, {id})",
                        if desc { "<" } else { ">" }
                    ));
                    let walk2 = format!(
                        "SELECT {} FROM (SELECT {COLUMNS}, t.search_vector FROM tickets t WHERE {} {order} LIMIT {rows}) w \
                         WHERE (w.case_number = {exact} OR {}) {} LIMIT {need}",
                        outer(COLUMNS),
                        conds2.join(" AND "),
                        search::matches_row(backend, &m),
                        outer(&order),
                    );
                    // A long walk on a small table looks cheaper read whole and sorted to
                    // the planner: the walk is a walk down the queue's index, whatever it thinks.
                    found.extend(fetch(db, walk2, &args2, plans, Planner::IndexWalk).await?);
                }
            }
        }
    }
    sort_by_key(sort, &mut found);
    let tickets = if found.len() as i64 >= wanted || complete {
        found
    } else {
        // 2. Few matches near the top: the full-text index names them all. On PostgreSQL
        // the scope is written so that no btree can serve it (see search::matches_indexed).
        if backend == Backend::Postgres {
            conds.splice(..SCOPE.len(), SCOPE_UNINDEXED.map(String::from));
        }
        conds.push(search::matches_indexed(backend, &m, "$1", &exact));
        let sql = format!(
            "SELECT {COLUMNS} FROM tickets t WHERE {} {order} LIMIT {wanted}",
            conds.join(" AND ")
        );
        fetch(db, sql, &args, plans, Planner::NoSeqScan).await?
    };
    if sort == Sort::Relevance {
        return match &expanded {
            Some(e) => {
                let ids: Vec<String> = tickets.iter().map(|t| t.id.clone()).collect();
                let scores = search_vocab::scores(db, &org.id, &ids, e).await?;
                Ok(by_score(tickets, &scores, limit))
            }
            None => ranked(db, &org.id, tickets, q, limit, plans).await,
        };
    }
    Ok(page_of(sort, tickets, limit))
}

/// Orders a pool of matches by relevance and keeps the best `limit`. Each score is read by
/// its ticket's key, one subquery per key: asked as one list (`t.id IN (…)`), PostgreSQL
/// without statistics read an organisation's every ticket through `tickets_created` and kept
/// the pool's (0.5 s at a million), since a thousand descents of the primary key looked
/// dearer than one scan of what it took for a small organisation.
///
/// PostgreSQL only: SQLite's relevance comes from `search_vocab::scores` (above).
async fn ranked(
    db: &Db,
    org_id: &str,
    pool: Vec<Ticket>,
    q: &str,
    limit: i64,
    plans: &mut Option<Vec<String>>,
) -> Result<Page> {
    if pool.is_empty() {
        return Ok(Page::default());
    }
    let m = search::match_query(Backend::Postgres, &search::terms(q)).unwrap_or_default();
    let mut args = Args(vec![Arg::Text(org_id.to_string()), Arg::Text(m)]);
    let ids: Vec<String> = pool.iter().map(|t| args.text(t.id.clone())).collect();
    let sql = format!(
        "SELECT k.column1, COALESCE((SELECT {} FROM tickets t WHERE t.org_id = $1 AND t.id = k.column1), 0.0) \
         FROM (VALUES ({})) AS k",
        search::rank_postgres("$2"),
        ids.join("), (")
    );
    let scores: Vec<(String, f64)> = fetch(db, sql, &args, plans, Planner::Free).await?;
    Ok(by_score(pool, &scores.into_iter().collect(), limit))
}

/// `tickets` in the order `sort` gives them (its key, then the id), as the queries' ORDER BY.
fn sort_by_key(sort: Sort, tickets: &mut [Ticket]) {
    tickets.sort_by(|a, b| {
        let order = (sort.key_of(a), &a.id).cmp(&(sort.key_of(b), &b.id));
        if sort.descending() { order.reverse() } else { order }
    });
}

/// The best `limit` of `tickets` by score; stable, so equal scores keep the newest first.
fn by_score(mut tickets: Vec<Ticket>, scores: &HashMap<String, f64>, limit: i64) -> Page {
    tickets.sort_by(|a, b| {
        let (x, y) = (scores.get(&a.id).unwrap_or(&0.0), scores.get(&b.id).unwrap_or(&0.0));
        y.partial_cmp(x).unwrap_or(std::cmp::Ordering::Equal)
    });
    tickets.truncate(limit as usize);
    Page { tickets, next_cursor: None }
}

/// Said before the full-text step on PostgreSQL: with statistics that call a word common
/// (or on a small table) the planner would read every ticket rather than the GIN index; the
/// index is never slower at the sizes that matter, and the plan must not depend on the
/// statistics.
const NO_SEQ_SCAN: &str = "SET LOCAL enable_seqscan = off";

const NO_BITMAP_SCAN: &str = "SET LOCAL enable_bitmapscan = off";

/// What PostgreSQL's planner may choose for a query (SQLite's is never told).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Planner {
    /// Whatever it thinks best.
    Free,
    /// No sequential scan ([`NO_SEQ_SCAN`]).
    NoSeqScan,
    /// A walk down the queue's index, in its order: no sequential scan, and neither a bitmap
    /// scan nor a sort, which a small desk's statistics can make look cheaper (the second
    /// walk read an organisation's every ticket through `tickets_created` and sorted them).
    IndexWalk,
}

impl Planner {
    fn settings(self) -> &'static [&'static str] {
        match self {
            Planner::Free => &[],
            Planner::NoSeqScan => &[NO_SEQ_SCAN],
            Planner::IndexWalk => &[NO_SEQ_SCAN, NO_BITMAP_SCAN, "SET LOCAL enable_sort = off"],
        }
    }
}

/// Runs `sql`, on PostgreSQL with `planner`'s settings (in a transaction of its own).
async fn fetch<O>(
    db: &Db,
    sql: String,
    args: &Args,
    plans: &mut Option<Vec<String>>,
    planner: Planner,
) -> Result<Vec<O>>
where
    O: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    // Explained, then run all the same: whether a search takes its second step depends on
    // what the first found.
    if let Some(plans) = plans {
        plans.push(plan_of(db, &sql, args, planner).await?);
    }
    let query = args.query_as::<O>(sql);
    if planner == Planner::Free || db.backend() != Backend::Postgres {
        return Ok(query.fetch_all(db.pool()).await?);
    }
    let mut tx = db.begin().await?;
    for setting in planner.settings() {
        sqlx::query(*setting).execute(&mut *tx).await?;
    }
    let rows = query.fetch_all(&mut *tx).await?;
    tx.commit().await?;
    Ok(rows)
}

async fn paged(
    db: &Db,
    sort: Sort,
    sql: String,
    args: Args,
    limit: i64,
    plans: &mut Option<Vec<String>>,
) -> Result<Page> {
    Ok(page_of(sort, fetch(db, sql, &args, plans, Planner::Free).await?, limit))
}

/// How the backend would run `sql`, as one text.
async fn plan_of(db: &Db, sql: &str, args: &Args, planner: Planner) -> Result<String> {
    let lines: Vec<String> = match db.backend() {
        Backend::Sqlite => {
            let q = args.query_as::<(i64, i64, i64, String)>(format!("EXPLAIN QUERY PLAN {sql}"));
            q.fetch_all(db.pool()).await?.into_iter().map(|r| r.3).collect()
        }
        Backend::Postgres => {
            let q = args.query_as::<(String,)>(format!("EXPLAIN {sql}"));
            let mut tx = db.begin().await?;
            for setting in planner.settings() {
                sqlx::query(*setting).execute(&mut *tx).await?;
            }
            let rows = q.fetch_all(&mut *tx).await?;
            tx.commit().await?;
            rows.into_iter().map(|r| r.0).collect()
        }
    };
    Ok(lines.join("\n"))
}

/// The first `limit` of `limit + 1` rows, and the cursor when the extra row came.
fn page_of(sort: Sort, mut tickets: Vec<Ticket>, limit: i64) -> Page {
    let more = tickets.len() as i64 > limit;
    tickets.truncate(limit as usize);
    let next_cursor = if more { tickets.last().map(|t| cursor_of(sort, t)) } else { None };
    Page { tickets, next_cursor }
}

/// A count that stops at [`COUNT_CAP`]: shown as "1 000+" beyond.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Count {
    pub n: i64,
    /// True when there are more than `n`.
    pub more: bool,
}

impl Count {
    /// The count as people of `lang` write numbers ("1 000+", "1,000+").
    pub fn show(&self, lang: Lang) -> String {
        let digits = self.n.to_string();
        let sep = match lang {
            Lang::En => ",",
            Lang::Fi | Lang::Sv => "\u{a0}",
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        if self.more { lang.t_args("desk-count-more", &[("count", &out)]) } else { out }
    }
}

/// Tickets of the organisation by status, each counted up to [`COUNT_CAP`] (an index range
/// of `tickets_queue_status`, never every row of a large desk).
pub async fn counts(db: &Db, org: &Organisation) -> Result<Vec<(String, Count)>> {
    let mut tx = db.begin().await?;
    if db.backend() == Backend::Postgres {
        // The ranges are small: never a sequential scan, whatever the statistics say.
        sqlx::query(NO_SEQ_SCAN).execute(&mut *tx).await?;
    }
    let rows: Vec<(String, i64)> =
        sqlx::query_as(sqlx::AssertSqlSafe(counts_sql())).bind(&org.id).fetch_all(&mut *tx).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| (s, Count { n: n.min(COUNT_CAP), more: n > COUNT_CAP }))
        .collect())
}

/// The plan of [`counts`], as [`explain`] gives the queue's.
pub async fn explain_counts(db: &Db, org: &Organisation) -> Result<String> {
    let args = Args(vec![Arg::Text(org.id.clone())]);
    plan_of(db, &counts_sql(), &args, Planner::NoSeqScan).await
}

/// The SQL of [`counts`] (`$1` the organisation), public for the plan tests.
pub fn counts_sql() -> String {
    let parts: Vec<String> = tickets::TicketStatus::ALL
        .iter()
        .map(|s| format!(
            "SELECT '{s}' AS status, (SELECT COUNT(*) FROM (SELECT 1 FROM tickets t WHERE t.org_id = $1 AND t.merged_into IS NULL AND t.status = '{s}' LIMIT {}) x) AS n",
            COUNT_CAP + 1
        ))
        .collect();
    parts.join(" UNION ALL ")
}

/// The query string of the next page: `query` (a URL's query, without `?`) with its cursor
/// replaced by `cursor`, every other parameter kept as sent.
pub fn next_query(query: &str, cursor: &str) -> String {
    let mut parts: Vec<&str> =
        query.split('&').filter(|p| !p.is_empty() && !p.starts_with("cursor=")).collect();
    let c = format!("cursor={cursor}");
    parts.push(&c);
    parts.join("&")
}

/// `query` without its cursor: what a saved view keeps.
pub fn without_cursor(query: &str) -> String {
    query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("cursor="))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_another_order() {
        let c = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("u.1700000000.abc");
        assert_eq!(parse_cursor(Sort::Updated, &c).unwrap(), (1_700_000_000, "abc".into()));
        assert!(parse_cursor(Sort::Created, &c).is_err());
        assert!(parse_cursor(Sort::Updated, "not base64!").is_err());
        assert!(parse_cursor(Sort::Updated, "dS54LmFiYw").is_err(), "u.x.abc: no number");
    }

    #[test]
    fn the_next_page_keeps_the_filters() {
        assert_eq!(next_query("status=all&cursor=abc&q=x", "def"), "status=all&q=x&cursor=def");
        assert_eq!(next_query("", "def"), "cursor=def");
        assert_eq!(without_cursor("cursor=abc&sort=due"), "sort=due");
    }

    #[test]
    fn counts_show_in_each_language() {
        let c = Count { n: 1000, more: true };
        assert_eq!(c.show(Lang::Fi), "1\u{a0}000+");
        assert_eq!(c.show(Lang::En), "1,000+");
        assert_eq!(Count { n: 12, more: false }.show(Lang::Sv), "12");
    }

    #[test]
    fn the_due_key_is_the_migrations() {
        for m in [
            include_str!("../../migrations/sqlite/0095_queue_search.sql"),
            include_str!("../../migrations/postgres/0095_queue_search.sql"),
        ] {
            assert!(m.contains(&format!("(org_id, ({DUE_KEY}), id)")));
        }
    }
}
