//! The desk's figures: contacts by channel, tickets by status and category, first-response
//! and resolution times in the queue's support hours, SLA breaches, reopening, messages,
//! canned-answer use and distinct requesters. Tickets count in the period they were created.
//! Per staff member a ticket is its handler's (the assignee), a reply or note its author's,
//! an incoming message its ticket's handler's and a canned answer's use its user's.

use std::collections::{HashMap, HashSet};

use sqlx::FromRow;

use super::query::{count, rows};
use super::{Collect, Dynamic, Period, Raw, Scope, median, p90};
use crate::db::{Db, now};
use crate::desk::hours::SupportHours;
use crate::error::Result;
use crate::i18n::Lang;

#[derive(FromRow)]
struct TicketRow {
    org_id: String,
    queue_id: String,
    category_id: Option<String>,
    status: String,
    channel: String,
    requester_email: String,
    merged_into: Option<String>,
    space_id: Option<String>,
    created_at: i64,
    first_response_due: Option<i64>,
    first_responded_at: Option<i64>,
    resolution_due: Option<i64>,
    resolved_at: Option<i64>,
    closed_at: Option<i64>,
    reopen_count: i64,
}

const TICKETS: &str = "SELECT t.org_id, t.queue_id, t.category_id, t.status, t.channel, t.requester_email, t.merged_into, t.space_id, t.created_at, t.first_response_due, t.first_responded_at, t.resolution_due, t.resolved_at, t.closed_at, t.reopen_count
 FROM tickets t WHERE t.created_at >= :from AND t.created_at < :to AND {org:t} AND {unit:t.unit_id} AND {person:t.assignee_id}";

const HOUR: f64 = 3600.0;

/// Computes the desk's points into `c`; returns the tickets' creation times for the trend.
pub(super) async fn compute(
    db: &Db,
    scope: &Scope,
    period: Period,
    lang: Lang,
    c: &mut Collect,
) -> Result<Vec<i64>> {
    let tickets: Vec<TicketRow> = rows(db, TICKETS, scope, period).await?;
    let queues: Vec<(String, String, String)> = rows(
        db,
        "SELECT q.org_id, q.id, q.support_hours FROM desk_queues q WHERE {org:q}",
        scope,
        period,
    )
    .await?;
    let hours: HashMap<(String, String), SupportHours> = queues
        .into_iter()
        .filter_map(|(o, id, json)| serde_json::from_str(&json).ok().map(|h| ((o, id), h)))
        .collect();
    let working = |t: &TicketRow, from: i64, to: i64| match hours
        .get(&(t.org_id.clone(), t.queue_id.clone()))
    {
        Some(h) => h.working_time_between(from, to),
        None => (to - from).max(0),
    };
    // Targets are judged as of the period's end (or now, for a period still running).
    let until = period.to.min(now());
    let mut by = |id: &'static str, n: i64| {
        c.fixed.insert(id, Raw::count(n));
    };
    let n = |f: &dyn Fn(&TicketRow) -> bool| tickets.iter().filter(|t| f(t)).count() as i64;
    by("desk.contacts.total", tickets.len() as i64);
    for ch in ["email", "web", "api"] {
        let id = match ch {
            "email" => "desk.contacts.email",
            "web" => "desk.contacts.web",
            _ => "desk.contacts.api",
        };
        by(id, n(&|t| t.channel == ch));
    }
    for (status, id) in [
        ("new", "desk.tickets.status.new"),
        ("open", "desk.tickets.status.open"),
        ("waiting", "desk.tickets.status.waiting"),
        ("resolved", "desk.tickets.status.resolved"),
        ("closed", "desk.tickets.status.closed"),
    ] {
        by(id, n(&|t| t.status == status));
    }
    by("desk.tickets.uncategorised", n(&|t| t.category_id.is_none()));
    by("desk.tickets.merged", n(&|t| t.merged_into.is_some()));
    by("desk.tickets.to_space", n(&|t| t.space_id.is_some()));
    by(
        "desk.sla.first_response_breaches",
        n(&|t| t.first_response_due.is_some_and(|due| t.first_responded_at.unwrap_or(until) > due)),
    );
    by(
        "desk.sla.resolution_breaches",
        n(&|t| {
            t.resolution_due.is_some_and(|due| t.resolved_at.or(t.closed_at).unwrap_or(until) > due)
        }),
    );
    let reopened = n(&|t| t.reopen_count > 0);
    by("desk.reopen.count", reopened);
    let ever_resolved =
        n(&|t| t.reopen_count > 0 || t.resolved_at.is_some() || t.closed_at.is_some());
    let rate = (ever_resolved > 0).then(|| reopened as f64 * 100.0 / ever_resolved as f64);
    c.fixed.insert("desk.reopen.rate_percent", Raw::of(rate, 0));

    let mut first: Vec<f64> = tickets
        .iter()
        .filter_map(|t| t.first_responded_at.map(|r| working(t, t.created_at, r) as f64 / HOUR))
        .collect();
    let mut resolution: Vec<f64> = tickets
        .iter()
        .filter_map(|t| t.resolved_at.map(|r| working(t, t.created_at, r) as f64 / HOUR))
        .collect();
    first.sort_by(f64::total_cmp);
    resolution.sort_by(f64::total_cmp);
    c.fixed.insert("desk.first_response.median_hours", Raw::of(median(&first), 0));
    c.fixed.insert("desk.first_response.p90_hours", Raw::of(p90(&first), 0));
    c.fixed.insert("desk.resolution.median_hours", Raw::of(median(&resolution), 0));
    c.fixed.insert("desk.resolution.p90_hours", Raw::of(p90(&resolution), 0));

    let requesters: HashSet<String> =
        tickets.iter().map(|t| t.requester_email.to_lowercase()).collect();
    c.fixed.insert("desk.requesters.distinct", Raw::count(requesters.len() as i64));

    let kinds: Vec<(String, i64)> = rows(
        db,
        "SELECT m.kind, COUNT(*) FROM ticket_messages m JOIN tickets t ON t.org_id = m.org_id AND t.id = m.ticket_id
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
        "SELECT COUNT(*) FROM desk_canned_uses u JOIN tickets t ON t.org_id = u.org_id AND t.id = u.ticket_id
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
        for (id, fi, sv, en, retired) in cats {
            let k = n(&|t| t.category_id.as_deref() == Some(&id));
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
    Ok(tickets.iter().map(|t| t.created_at).collect())
}
