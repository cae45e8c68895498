//! The guidance spaces' figures: spaces opened, closed, active and reopened, messages per
//! side, client sign-ins, tasks, materials, video calls, summaries, feedback and the
//! life-situation meter's change per area (first against latest answer in the period).
//! Spaces have no unit: a space belongs to the units of the counsellor who opened it, and
//! feedback to its counsellor's. Per staff member the same attribution holds: the spaces they
//! opened (and everything in them) and the feedback given on them.

use std::collections::{BTreeMap, HashMap};

use super::query::{count, numbers, rows};
use super::{Collect, Dynamic, Light, Period, Raw, Scope};
use crate::db::Db;
use crate::error::Result;
use crate::guidance::meter::{self, Definition, Direction};
use crate::i18n::Lang;

/// Computes the guidance points into `c`; returns spaces opened per hour of the period (hours
/// counted from its start) for the trend.
pub(super) async fn compute(
    db: &Db,
    scope: &Scope,
    period: Period,
    lang: Lang,
    c: &mut Collect,
) -> Result<Vec<(i64, i64)>> {
    // Every space opened before the period's end, counted in one pass.
    const SPACES: &str = "FROM guidance_spaces s WHERE s.created_at < :to AND {org:s} AND {staff:s.created_by} AND {person:s.created_by}";
    let within = |col: &str| format!("{col} >= :from AND {col} < :to");
    let counted = [
        ("guidance.spaces.opened", within("s.created_at")),
        ("guidance.spaces.closed", within("s.closed_at")),
        ("guidance.spaces.active", "s.closed_at IS NULL OR s.closed_at >= :from".to_string()),
        ("guidance.spaces.reopened", within("s.reopened_at")),
        (
            "guidance.spaces.from_desk",
            format!("{} AND s.source_ticket_id IS NOT NULL", within("s.created_at")),
        ),
        ("guidance.clients.signed_in", within("s.last_client_sign_in_at")),
    ];
    let sums: Vec<String> = counted
        .iter()
        .map(|(_, cond)| format!("CAST(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS BIGINT)"))
        .collect();
    let got = numbers(db, &format!("SELECT {} {SPACES}", sums.join(", ")), scope, period).await?;
    for ((id, _), n) in counted.iter().zip(got) {
        c.fixed.insert(id, Raw::count(n));
    }

    let sides: Vec<(String, i64)> = rows(
        db,
        "SELECT CASE WHEN mem.role = 'client' THEN 'client' ELSE 'staff' END, COUNT(*)
         FROM space_messages m JOIN guidance_spaces s ON s.org_id = m.org_id AND s.id = m.space_id
         LEFT JOIN space_members mem ON mem.org_id = m.org_id AND mem.space_id = m.space_id AND mem.user_id = m.author_user_id
         WHERE m.kind = 'message' AND m.created_at >= :from AND m.created_at < :to AND {org:m} AND {staff:s.created_by} AND {person:s.created_by}
         GROUP BY CASE WHEN mem.role = 'client' THEN 'client' ELSE 'staff' END",
        scope,
        period,
    )
    .await?;
    let side = |k: &str| Raw::count(sides.iter().find(|(x, _)| x == k).map_or(0, |(_, n)| *n));
    c.fixed.insert("guidance.messages.staff", side("staff"));
    c.fixed.insert("guidance.messages.client", side("client"));

    // Figures of a space's items: (id, table, time column, extra condition).
    const ITEMS: &[(&str, &str, &str, &str)] = &[
        ("guidance.tasks.given", "space_tasks", "created_at", ""),
        ("guidance.tasks.answered", "space_tasks", "answered_at", ""),
        ("guidance.tasks.done", "space_tasks", "done_at", ""),
        ("guidance.materials.shared", "space_materials", "shared_at", ""),
        ("guidance.materials.opened", "space_materials", "opened_at", ""),
        ("guidance.calls.started", "space_calls", "started_at", ""),
        ("guidance.calls.answered", "space_calls", "started_at", " AND x.connected_at IS NOT NULL"),
        ("guidance.summaries.written", "space_summaries", "created_at", ""),
        ("guidance.meter.answers", "meter_answers", "created_at", ""),
    ];
    for (id, table, col, extra) in ITEMS {
        let sql = format!(
            "SELECT COUNT(*) FROM {table} x {{join:JOIN guidance_spaces s ON s.org_id = x.org_id AND s.id = x.space_id}}
             WHERE x.{col} >= :from AND x.{col} < :to{extra} AND {{org:x}} AND {{staff:s.created_by}} AND {{person:s.created_by}}"
        );
        c.fixed.insert(id, Raw::count(count(db, &sql, scope, period).await?));
    }
    let call_seconds = count(
        db,
        "SELECT CAST(COALESCE(SUM(x.duration_seconds), 0) AS BIGINT) FROM space_calls x {join:JOIN guidance_spaces s ON s.org_id = x.org_id AND s.id = x.space_id}
         WHERE x.started_at >= :from AND x.started_at < :to AND {org:x} AND {staff:s.created_by} AND {person:s.created_by}",
        scope,
        period,
    )
    .await?;
    c.fixed.insert("guidance.calls.minutes", Raw::of(Some(call_seconds as f64 / 60.0), 0));

    let scores = numbers(
        db,
        "SELECT COUNT(*), CAST(SUM(f.score) AS BIGINT) FROM guidance_feedback f WHERE f.given_on >= :from AND f.given_on < :to AND {org:f} AND {staff:f.counsellor_id} AND {person:f.counsellor_id}",
        scope,
        period,
    )
    .await?;
    let (k, sum) = (scores[0], scores[1]);
    c.fixed.insert("guidance.feedback.count", Raw::count(k));
    let avg = (k > 0).then(|| sum as f64 / k as f64);
    c.fixed.insert("guidance.feedback.average_score", Raw::of(avg, k));

    meter_change(db, scope, period, lang, c).await?;
    rows(
        db,
        &format!("SELECT (s.created_at - :from) / 3600, COUNT(*) {SPACES} AND s.created_at >= :from GROUP BY 1"),
        scope,
        period,
    )
    .await
}

/// The change from each space's first to its latest meter answer in the period, per area,
/// averaged over the spaces answered at least twice; positive is better whichever end of the
/// scale the instrument calls good.
async fn meter_change(
    db: &Db,
    scope: &Scope,
    period: Period,
    lang: Lang,
    c: &mut Collect,
) -> Result<()> {
    let mut instruments: HashMap<String, Definition> = HashMap::new();
    instruments.insert(meter::DEFAULT_ID.to_string(), meter::builtin());
    let own: Vec<(String, String)> = rows(
        db,
        "SELECT m.id, m.definition FROM meter_instruments m WHERE {org:m} ORDER BY m.created_at",
        scope,
        period,
    )
    .await?;
    let mut order: Vec<String> = vec![meter::DEFAULT_ID.to_string()];
    for (id, json) in own {
        if let Ok(d) = serde_json::from_str::<Definition>(&json) {
            order.push(id.clone());
            instruments.insert(id, d);
        }
    }
    let answers: Vec<(String, String, String, String)> = rows(
        db,
        "SELECT a.org_id, a.space_id, a.meter_id, a.answer_values FROM meter_answers a JOIN guidance_spaces s ON s.org_id = a.org_id AND s.id = a.space_id
         WHERE a.created_at >= :from AND a.created_at < :to AND {org:a} AND {staff:s.created_by} AND {person:s.created_by}
         ORDER BY a.org_id, a.space_id, a.created_at, a.id",
        scope,
        period,
    )
    .await?;
    // Per space (and meter): the first and the latest answer.
    let mut spans: BTreeMap<(String, String, String), (String, String, usize)> = BTreeMap::new();
    for (org, space, meter_id, values) in answers {
        spans
            .entry((org, space, meter_id))
            .and_modify(|e| {
                e.1 = values.clone();
                e.2 += 1;
            })
            .or_insert((values.clone(), values, 1));
    }
    // area key -> per-space changes
    let mut per_area: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut per_space: Vec<f64> = vec![];
    for ((_, _, meter_id), (first, last, n)) in &spans {
        let Some(d) = instruments.get(meter_id) else { continue };
        if *n < 2 {
            continue;
        }
        let parse = |s: &str| serde_json::from_str::<BTreeMap<String, i64>>(s).unwrap_or_default();
        let (first, last) = (parse(first), parse(last));
        let sign = if d.thresholds.direction == Direction::LowerIsBetter { -1.0 } else { 1.0 };
        let mut changes = vec![];
        for (key, a) in &first {
            if let Some(b) = last.get(key) {
                let change = sign * (b - a) as f64;
                per_area.entry(key.clone()).or_default().push(change);
                changes.push(change);
            }
        }
        if !changes.is_empty() {
            per_space.push(changes.iter().sum::<f64>() / changes.len() as f64);
        }
    }
    let measured = per_space.len() as i64;
    c.fixed.insert("guidance.meter.clients_measured", Raw::count(measured));
    let avg = (measured > 0).then(|| per_space.iter().sum::<f64>() / measured as f64);
    c.fixed.insert("guidance.meter.change_average", Raw::of(avg, measured));
    // Areas in the instruments' own order, the built-in one first.
    let mut seen = std::collections::HashSet::new();
    for id in &order {
        for area in &instruments[id].areas {
            let Some(changes) = per_area.get(&area.key) else { continue };
            if !seen.insert(area.key.clone()) {
                continue;
            }
            let avg = changes.iter().sum::<f64>() / changes.len() as f64;
            let raw = Raw::of(Some(avg), changes.len() as i64);
            let light = if raw.value.unwrap_or(0.0) > 0.0 {
                Light::Green
            } else if raw.value.unwrap_or(0.0) < 0.0 {
                Light::Red
            } else {
                Light::Amber
            };
            let name = area.label.get(lang).to_string();
            c.meter.push((area.key.clone(), name.clone(), raw, light));
            c.dynamic.push(Dynamic { family: 1, item: area.key.clone(), name, raw });
        }
    }
    Ok(())
}
