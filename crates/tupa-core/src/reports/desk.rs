//! The desk's figures: contacts by channel, tickets by status and category, first-response
//! and resolution times in the queue's support hours, SLA breaches, reopening, messages,
//! canned-answer use and distinct requesters. Tickets count in the period they were created.
//! Per staff member a ticket is its handler's (the assignee), a reply or note its author's,
//! an incoming message its ticket's handler's and a canned answer's use its user's.

use std::collections::HashMap;

use super::query::{count, numbers, rows};
use super::{Collect, Dynamic, Period, Raw, Scope, median, p90};
use crate::db::Db;
use crate::desk::hours::SupportHours;
use crate::desk::hours::calendar::Calendar;
use crate::error::Result;
use crate::i18n::Lang;

/// The tickets of the scope created in the period.
const SCOPE: &str = "FROM tickets t WHERE t.created_at >= :from AND t.created_at < :to AND {org:t} AND {unit:t.unit_id} AND {person:t.assignee_id}";

/// The figures counted in one pass over the tickets (the index on organisation and creation
/// time finds them), in the order of the SQL's columns. A target is breached when it passed
/// before the answer, or unanswered before the period's end (`:until`).
const COUNTED: &[(&str, &str)] = &[
    ("desk.contacts.total", "1 = 1"),
    ("desk.contacts.email", "t.channel = 'email'"),
    ("desk.contacts.web", "t.channel = 'web'"),
    ("desk.contacts.api", "t.channel = 'api'"),
    ("desk.tickets.status.new", "t.status = 'new'"),
    ("desk.tickets.status.open", "t.status = 'open'"),
    ("desk.tickets.status.waiting", "t.status = 'waiting'"),
    ("desk.tickets.status.resolved", "t.status = 'resolved'"),
    ("desk.tickets.status.closed", "t.status = 'closed'"),
    ("desk.tickets.uncategorised", "t.category_id IS NULL"),
    ("desk.tickets.merged", "t.merged_into IS NOT NULL"),
    ("desk.tickets.to_space", "t.space_id IS NOT NULL"),
    (
        "desk.sla.first_response_breaches",
        "t.first_response_due IS NOT NULL AND COALESCE(t.first_responded_at, :until) > t.first_response_due",
    ),
    (
        "desk.sla.resolution_breaches",
        "t.resolution_due IS NOT NULL AND COALESCE(t.resolved_at, t.closed_at, :until) > t.resolution_due",
    ),
    ("desk.reopen.count", "t.reopen_count > 0"),
];

const HOUR: f64 = 3600.0;

/// Computes the desk's points into `c`; returns tickets created per hour of the period (hours
/// counted from its start) for the trend.
pub(super) async fn compute(
    db: &Db,
    scope: &Scope,
    period: Period,
    lang: Lang,
    c: &mut Collect,
) -> Result<Vec<(i64, i64)>> {
    let sums: Vec<String> = COUNTED
        .iter()
        .map(|(_, cond)| format!("CAST(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS BIGINT)"))
        .collect();
    let sql = format!(
        "SELECT {}, CAST(SUM(CASE WHEN t.reopen_count > 0 OR t.resolved_at IS NOT NULL OR t.closed_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT), COUNT(DISTINCT LOWER(t.requester_email)) {SCOPE}",
        sums.join(", ")
    );
    let got = numbers(db, &sql, scope, period).await?;
    for ((id, _), n) in COUNTED.iter().zip(&got) {
        c.fixed.insert(id, Raw::count(*n));
    }
    let (reopened, ever_resolved) = (got[COUNTED.len() - 1], got[COUNTED.len()]);
    let rate = (ever_resolved > 0).then(|| reopened as f64 * 100.0 / ever_resolved as f64);
    c.fixed.insert("desk.reopen.rate_percent", Raw::of(rate, 0));
    c.fixed.insert("desk.requesters.distinct", Raw::count(got[COUNTED.len() + 1]));

    times(db, scope, period, c).await?;

    let kinds: Vec<(String, i64)> = rows(
        db,
        "SELECT m.kind, COUNT(*) FROM ticket_messages m {join:JOIN tickets t ON t.org_id = m.org_id AND t.id = m.ticket_id}
         WHERE m.created_at >= :from AND m.created_at < :to AND {org:m} AND {unit:t.unit_id} AND {person:COALESCE(m.author_user_id, t.assignee_id)} GROUP BY m.kind",
        scope,
        period,
    )
    .await?;
    let kind = |k: &str| kinds.iter().find(|(x, _)| x == k).map_or(0, |(_, n)| *n);
    c.fixed.insert("desk.messages.incoming", Raw::count(kind("incoming")));
    c.fixed.insert("desk.messages.replies", Raw::count(kind("reply")));
    c.fixed.insert("desk.messages.notes", Raw::count(kind("note")));
    let canned = count(
        db,
        "SELECT COUNT(*) FROM desk_canned_uses u {join:JOIN tickets t ON t.org_id = u.org_id AND t.id = u.ticket_id}
         WHERE u.used_at >= :from AND u.used_at < :to AND {org:u} AND {unit:t.unit_id} AND {person:u.used_by}",
        scope,
        period,
    )
    .await?;
    c.fixed.insert("desk.canned_answers.used", Raw::count(canned));

    // Per category: the organisation's own categories only (their ids are its own).
    if scope.org_id.is_some() {
        /// id, the name in fi, sv and en, and when it was retired.
        type CategoryRow = (String, String, Option<String>, Option<String>, Option<i64>);
        let cats: Vec<CategoryRow> = rows(
            db,
            "SELECT c.id, c.name, c.name_sv, c.name_en, c.retired_at FROM desk_categories c WHERE {org:c} ORDER BY c.name",
            scope,
            period,
        )
        .await?;
        let per: HashMap<String, i64> = rows(
            db,
            &format!("SELECT t.category_id, COUNT(*) {SCOPE} AND t.category_id IS NOT NULL GROUP BY t.category_id"),
            scope,
            period,
        )
        .await?
        .into_iter()
        .collect();
        for (id, fi, sv, en, retired) in cats {
            let k = per.get(&id).copied().unwrap_or(0);
            if retired.is_some() && k == 0 {
                continue;
            }
            let name = match lang {
                Lang::Sv => sv.filter(|s| !s.is_empty()).unwrap_or(fi),
                Lang::En => en.filter(|s| !s.is_empty()).unwrap_or(fi),
                Lang::Fi => fi,
            };
            c.dynamic.push(Dynamic { family: 0, item: id, name, raw: Raw::count(k) });
        }
    }
    rows(
        db,
        &format!("SELECT (t.created_at - :from) / 3600, COUNT(*) {SCOPE} GROUP BY 1"),
        scope,
        period,
    )
    .await
}

/// First-response and resolution times in the queue's support hours: medians and 90th
/// percentiles need each ticket's time, so these rows (four columns of the answered tickets)
/// are read, and each queue's days are looked up once (`Calendar`).
async fn times(db: &Db, scope: &Scope, period: Period, c: &mut Collect) -> Result<()> {
    type TimeRow = (String, String, i64, Option<i64>, Option<i64>);
    let tickets: Vec<TimeRow> = rows(
        db,
        &format!(
            "SELECT t.org_id, t.queue_id, t.created_at, t.first_responded_at, t.resolved_at {SCOPE} AND (t.first_responded_at IS NOT NULL OR t.resolved_at IS NOT NULL)"
        ),
        scope,
        period,
    )
    .await?;
    let queues: Vec<(String, String, String)> = rows(
        db,
        "SELECT q.org_id, q.id, q.support_hours FROM desk_queues q WHERE {org:q}",
        scope,
        period,
    )
    .await?;
    let last = tickets.iter().flat_map(|t| [t.3, t.4]).flatten().max().unwrap_or(period.to);
    let calendars: HashMap<(String, String), (SupportHours, Calendar)> = queues
        .into_iter()
        .filter_map(|(o, id, json)| {
            serde_json::from_str::<SupportHours>(&json).ok().map(|h| ((o, id), h))
        })
        .map(|(k, h)| {
            let cal = Calendar::new(&h, period.from, last.max(period.to));
            (k, (h, cal))
        })
        .collect();
    let mut key = (String::new(), String::new());
    let mut working = |t: &TimeRow, to: i64| {
        key.0.clone_from(&t.0);
        key.1.clone_from(&t.1);
        let secs = match calendars.get(&key) {
            Some((h, cal)) => {
                cal.between(t.2, to).unwrap_or_else(|| h.working_time_between(t.2, to))
            }
            None => (to - t.2).max(0),
        };
        secs as f64 / HOUR
    };
    let mut first: Vec<f64> = vec![];
    let mut resolution: Vec<f64> = vec![];
    for t in &tickets {
        if let Some(r) = t.3 {
            first.push(working(t, r));
        }
        if let Some(r) = t.4 {
            resolution.push(working(t, r));
        }
    }
    first.sort_by(f64::total_cmp);
    resolution.sort_by(f64::total_cmp);
    c.fixed.insert("desk.first_response.median_hours", Raw::of(median(&first), 0));
    c.fixed.insert("desk.first_response.p90_hours", Raw::of(p90(&first), 0));
    c.fixed.insert("desk.resolution.median_hours", Raw::of(median(&resolution), 0));
    c.fixed.insert("desk.resolution.p90_hours", Raw::of(p90(&resolution), 0));
    Ok(())
}
