//! One SQL text per figure for both backends, with the scope filled in: `:from` and `:to`
//! become the period's bounds, `{org:t}` the organisation filter on alias `t`, `{unit:expr}`
//! the unit-and-below filter on a unit column, `{staff:expr}` a filter on a staff member's
//! user id by the units their live role grants are in (spaces and feedback carry no unit; their
//! counsellor's units stand for it), `{person:expr}` a filter on the one staff member a
//! per-person report is about (`expr` is who the row is attributed to). Without a scope the
//! filters are `1 = 1`; `{join:JOIN …}` is a join that only those filters need (left out
//! without them); `:until` is the period's end, or now when the period is still running (the operator's installation-wide view). Placeholders are numbered in order of appearance, so a repeated
//! marker binds its value again.

use sqlx::any::AnyRow;
use sqlx::{Any, FromRow};

use super::{Period, Scope};
use crate::db::Db;
use crate::error::Result;

enum Arg {
    Int(i64),
    Text(String),
}

fn build(tpl: &str, scope: &Scope, period: Period) -> (String, Vec<Arg>) {
    let mut sql = String::with_capacity(tpl.len() + 64);
    let mut args: Vec<Arg> = vec![];
    let mut rest = tpl;
    let placeholder = |args: &mut Vec<Arg>, a: Arg| {
        args.push(a);
        format!("${}", args.len())
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix(":from") {
            sql.push_str(&placeholder(&mut args, Arg::Int(period.from)));
            rest = r;
        } else if let Some(r) = rest.strip_prefix(":until") {
            // Targets are judged as of the period's end, or now for a period still running.
            sql.push_str(&placeholder(&mut args, Arg::Int(period.to.min(crate::db::now()))));
            rest = r;
        } else if let Some(r) = rest.strip_prefix(":to") {
            sql.push_str(&placeholder(&mut args, Arg::Int(period.to)));
            rest = r;
        } else if rest.starts_with('{') {
            let end = rest.find('}').expect("a marker ends with }");
            let (kind, expr) = rest[1..end].split_once(':').expect("marker is {kind:expr}");
            let units = |args: &mut Vec<Arg>, units: &[String]| {
                let list: Vec<String> =
                    units.iter().map(|u| placeholder(args, Arg::Text(u.clone()))).collect();
                list.join(", ")
            };
            let text = match (kind, &scope.org_id, &scope.units) {
                ("org", Some(org), _) => {
                    format!("{expr}.org_id = {}", placeholder(&mut args, Arg::Text(org.clone())))
                }
                ("unit", Some(_), Some(list)) => format!("{expr} IN ({})", units(&mut args, list)),
                ("staff", Some(org), Some(list)) => {
                    let org = placeholder(&mut args, Arg::Text(org.clone()));
                    format!(
                        "{expr} IN (SELECT g.user_id FROM role_grants g WHERE g.org_id = {org} AND g.revoked_at IS NULL AND g.unit_id IN ({}))",
                        units(&mut args, list)
                    )
                }
                ("person", _, _) if scope.staff.is_some() => {
                    let who = scope.staff.clone().unwrap_or_default();
                    format!("{expr} = {}", placeholder(&mut args, Arg::Text(who)))
                }
                // A join only the unit, staff and person filters need: without them it is left
                // out, and the count reads one table's index.
                ("join", _, _) if scope.units.is_some() || scope.staff.is_some() => {
                    expr.to_string()
                }
                ("join", _, _) => String::new(),
                ("org" | "unit" | "staff" | "person", _, _) => "1 = 1".to_string(),
                _ => panic!("unknown marker {kind}"),
            };
            sql.push_str(&text);
            rest = &rest[end + 1..];
        } else {
            let c = rest.chars().next().expect("not empty");
            sql.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (sql, args)
}

/// One number (a `COUNT(*)` or a `CAST(… AS BIGINT)`).
pub async fn count(db: &Db, tpl: &str, scope: &Scope, period: Period) -> Result<i64> {
    let (sql, args) = build(tpl, scope, period);
    let mut q = sqlx::query_as::<Any, (Option<i64>,)>(sqlx::AssertSqlSafe(sql));
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(i),
            Arg::Text(t) => q.bind(t),
        };
    }
    Ok(q.fetch_one(db.pool()).await?.0.unwrap_or(0))
}

/// One row of numbers (`COUNT`s and `CAST(SUM(…) AS BIGINT)`s), many figures in one pass
/// over the rows; a null (the sum of no rows) is 0.
pub async fn numbers(db: &Db, tpl: &str, scope: &Scope, period: Period) -> Result<Vec<i64>> {
    use sqlx::Row;
    let (sql, args) = build(tpl, scope, period);
    let mut q = sqlx::query::<Any>(sqlx::AssertSqlSafe(sql));
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(i),
            Arg::Text(t) => q.bind(t),
        };
    }
    let row = q.fetch_one(db.pool()).await?;
    let mut out = Vec::with_capacity(row.len());
    for i in 0..row.len() {
        out.push(row.try_get::<Option<i64>, _>(i)?.unwrap_or(0));
    }
    Ok(out)
}

/// Rows, for figures computed in Rust (times in support hours, percentiles, meter change).
pub async fn rows<T>(db: &Db, tpl: &str, scope: &Scope, period: Period) -> Result<Vec<T>>
where
    T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
{
    let (sql, args) = build(tpl, scope, period);
    let mut q = sqlx::query_as::<Any, T>(sqlx::AssertSqlSafe(sql));
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(i),
            Arg::Text(t) => q.bind(t),
        };
    }
    Ok(q.fetch_all(db.pool()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_numbered_placeholders() {
        let scope = Scope {
            org_id: Some("o".into()),
            units: Some(vec!["u1".into(), "u2".into()]),
            staff: None,
        };
        let (sql, args) = build(
            "WHERE t.at >= :from AND t.at < :to AND {org:t} AND {unit:t.unit_id} AND {staff:s.by}",
            &scope,
            Period { from: 1, to: 2 },
        );
        assert_eq!(
            sql,
            "WHERE t.at >= $1 AND t.at < $2 AND t.org_id = $3 AND t.unit_id IN ($4, $5) AND s.by IN (SELECT g.user_id FROM role_grants g WHERE g.org_id = $6 AND g.revoked_at IS NULL AND g.unit_id IN ($7, $8))"
        );
        assert_eq!(args.len(), 8);
        let all = Scope { org_id: None, units: None, staff: None };
        let (sql, args) = build("{org:t} AND {unit:t.u} AND :to", &all, Period { from: 1, to: 2 });
        assert_eq!(sql, "1 = 1 AND 1 = 1 AND $1");
        assert_eq!(args.len(), 1);
        let one = Scope { org_id: Some("o".into()), units: None, staff: Some("p".into()) };
        let (sql, args) =
            build("{person:t.assignee_id} AND {staff:s.by}", &one, Period { from: 1, to: 2 });
        assert_eq!(sql, "t.assignee_id = $1 AND 1 = 1");
        assert_eq!(args.len(), 1);
        let tpl = "FROM x {join:JOIN s ON s.id = x.s} WHERE {org:x}";
        let (sql, _) = build(tpl, &one, Period { from: 1, to: 2 });
        assert_eq!(sql, "FROM x JOIN s ON s.id = x.s WHERE x.org_id = $1");
        let org = Scope { org_id: Some("o".into()), units: None, staff: None };
        let (sql, _) = build(tpl, &org, Period { from: 1, to: 2 });
        assert_eq!(sql, "FROM x  WHERE x.org_id = $1");
    }
}
