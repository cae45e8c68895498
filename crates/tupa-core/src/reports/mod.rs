//! Reporting: more than forty named data points on the desk, guidance spaces and recruitment,
//! by organisation, unit (with the units below it) and period, in the reader's language, with
//! figures that count fewer than five people suppressed. The operator's installation-wide
//! view is the same computation without an organisation.

mod desk;
pub mod export;
mod guidance;
mod query;
mod recruitment;
pub mod registry;
pub mod staff;

use std::collections::HashMap;

use serde::Serialize;
use time::{Date, Month, PrimitiveDateTime, Time};

use crate::db::Db;
use crate::desk::hours::{from_helsinki, to_helsinki};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::organisations::{self, Organisation};
use registry::Kind;

/// Fewer people than this in a figure that could point at a person: the figure is withheld.
pub const MIN_PEOPLE: i64 = 5;
/// The longest period a report covers (two years and a leap day).
pub const MAX_DAYS: i64 = 731;

/// `[from, to)` in Unix seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: i64,
    pub to: i64,
}

/// Whose data: one organisation (and maybe a unit subtree of it), or the whole installation.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub org_id: Option<String>,
    /// The unit and every unit below it.
    pub units: Option<Vec<String>>,
    /// One staff member's user id: only what is attributed to them (`reports::staff`).
    pub staff: Option<String>,
}

/// Calendar dates as the API takes them (`YYYY-MM-DD`, both days included, Finnish time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dates {
    pub from: Date,
    pub to: Date,
}

impl Dates {
    /// Parses the query's dates; missing ones default to this year so far.
    pub fn parse(from: Option<&str>, to: Option<&str>, now: i64) -> Result<Dates> {
        let today = to_helsinki(now).date();
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        let parse = |s: Option<&str>, field: &'static str, default: Date| match s {
            None | Some("") => Ok(default),
            Some(s) => Date::parse(s.trim(), &fmt)
                .map_err(|_| Error::invalid(field, "report-date-invalid")),
        };
        let start = Date::from_calendar_date(today.year(), Month::January, 1).unwrap_or(today);
        let dates = Dates { from: parse(from, "from", start)?, to: parse(to, "to", today)? };
        if dates.to < dates.from {
            return Err(Error::invalid("to", "report-period-reversed"));
        }
        if (dates.to - dates.from).whole_days() + 1 > MAX_DAYS {
            return Err(Error::invalid("to", "report-period-too-long"));
        }
        Ok(dates)
    }

    pub fn period(&self) -> Period {
        let start = |d: Date| from_helsinki(PrimitiveDateTime::new(d, Time::MIDNIGHT));
        let after = self.to.next_day().unwrap_or(self.to);
        Period { from: start(self.from), to: start(after) }
    }

    pub fn first_day(&self) -> String {
        self.from.to_string()
    }
    pub fn last_day(&self) -> String {
        self.to.to_string()
    }
}

/// One figure as the API gives it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct DataPoint {
    /// Stable id, for example `desk.contacts.email`.
    pub id: String,
    pub label: String,
    /// How it is counted.
    pub definition: String,
    /// Null when suppressed or when there is nothing to measure (a median of no tickets).
    pub value: Option<f64>,
    /// True when the figure would count fewer than five people.
    pub suppressed: bool,
    /// False when the figure has no meaning for the report's scope (a per-staff report's
    /// queue figures): `value` is then null and `suppressed` false.
    pub applicable: bool,
}

/// A figure before suppression: its value and, for people figures, how many people it rests on.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Raw {
    pub value: Option<f64>,
    pub people: i64,
}

impl Raw {
    pub fn count(n: i64) -> Raw {
        Raw { value: Some(n as f64), people: n }
    }
    pub fn of(value: Option<f64>, people: i64) -> Raw {
        Raw { value: value.map(round2), people }
    }
}

pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A per-organisation point (a category, a meter area, a pipeline stage).
pub(crate) struct Dynamic {
    pub family: usize,
    pub item: String,
    pub name: String,
    pub raw: Raw,
}

/// What the computation collects.
#[derive(Default)]
pub(crate) struct Collect {
    pub fixed: HashMap<&'static str, Raw>,
    pub dynamic: Vec<Dynamic>,
    /// Contacts and spaces opened per bucket of the trend chart.
    pub trend: Vec<(String, i64, i64)>,
    /// Meter change per area: (area key, change, people, light).
    pub meter: Vec<(String, String, Raw, Light)>,
}

/// The traffic light of a change: better, the same, worse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Light {
    Green,
    Amber,
    Red,
}

/// A computed report, in one language.
pub struct Report {
    pub dates: Dates,
    pub points: Vec<DataPoint>,
    /// (bucket label, contacts, spaces opened), oldest first.
    pub trend: Vec<(String, i64, i64)>,
    /// (area name, average change, suppressed, light) — change is positive when better.
    pub meter: Vec<(String, Option<f64>, bool, Light)>,
    /// (category name, tickets) of the organisation's categories.
    pub categories: Vec<(String, i64)>,
}

impl Report {
    pub fn value(&self, id: &str) -> Option<&DataPoint> {
        self.points.iter().find(|p| p.id == id)
    }
}

fn shown(raw: Raw, kind: Kind) -> (Option<f64>, bool) {
    if kind == Kind::People && raw.people > 0 && raw.people < MIN_PEOPLE {
        (None, true)
    } else {
        (raw.value, false)
    }
}

/// The unit `unit_id` of `org` and every unit below it; another organisation's unit is 404.
pub async fn unit_subtree(db: &Db, org: &Organisation, unit_id: &str) -> Result<Vec<String>> {
    let units = organisations::units::list(db, &org.id).await?;
    if !units.iter().any(|u| u.id == unit_id) {
        return Err(Error::NotFound);
    }
    let mut out = vec![unit_id.to_string()];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i].clone();
        out.extend(
            units.iter().filter(|u| u.parent_id.as_deref() == Some(&parent)).map(|u| u.id.clone()),
        );
        i += 1;
    }
    Ok(out)
}

/// Computes the report for `scope` over `dates`, labelled in `lang`.
pub async fn compute(db: &Db, scope: &Scope, dates: Dates, lang: Lang) -> Result<Report> {
    let period = dates.period();
    let mut c = Collect::default();
    let desk_created = desk::compute(db, scope, period, lang, &mut c).await?;
    let spaces_opened = guidance::compute(db, scope, period, lang, &mut c).await?;
    recruitment::compute(db, scope, period, lang, &mut c).await?;
    c.trend = trend(dates, period, &desk_created, &spaces_opened);

    let mut points = vec![];
    for def in registry::POINTS {
        let raw = c.fixed.get(def.id).copied().unwrap_or_default();
        let applicable = def.per_staff || scope.staff.is_none();
        let (value, suppressed) = if applicable { shown(raw, def.kind) } else { (None, false) };
        let key = registry::key(def.id);
        points.push(DataPoint {
            id: def.id.to_string(),
            label: lang.t(&key),
            definition: lang.t(&format!("{key}-def")),
            value,
            suppressed,
            applicable,
        });
    }
    for d in &c.dynamic {
        let (prefix, key, arg, kind) = registry::DYNAMIC[d.family];
        let (value, suppressed) = shown(d.raw, kind);
        points.push(DataPoint {
            id: format!("{prefix}{}", d.item),
            label: lang.t_args(key, &[(arg, &d.name)]),
            definition: lang.t_args(&format!("{key}-def"), &[(arg, &d.name)]),
            value,
            suppressed,
            applicable: true,
        });
    }
    let meter = c
        .meter
        .iter()
        .map(|(_, name, raw, light)| {
            let (value, suppressed) = shown(*raw, Kind::People);
            (name.clone(), value, suppressed, *light)
        })
        .collect();
    let categories = c
        .dynamic
        .iter()
        .filter(|d| d.family == 0)
        .map(|d| (d.name.clone(), d.raw.value.unwrap_or(0.0) as i64))
        .collect();
    Ok(Report { dates, points, trend: c.trend, meter, categories })
}

/// Contacts and spaces opened per day (periods up to 62 days) or per month, from counts per
/// hour since the period's start: the period starts at a Finnish midnight and the offset from
/// UTC changes by whole hours, so every hour lies within one Finnish day.
fn trend(
    dates: Dates,
    period: Period,
    contacts: &[(i64, i64)],
    spaces: &[(i64, i64)],
) -> Vec<(String, i64, i64)> {
    let daily = (dates.to - dates.from).whole_days() < 62;
    let bucket = |d: Date| {
        if daily { d.to_string() } else { format!("{}-{:02}", d.year(), d.month() as u8) }
    };
    let mut labels: Vec<String> = vec![];
    let mut d = dates.from;
    loop {
        let b = bucket(d);
        if labels.last() != Some(&b) {
            labels.push(b);
        }
        match d.next_day() {
            Some(n) if n <= dates.to => d = n,
            _ => break,
        }
    }
    let mut counts: HashMap<String, (i64, i64)> = HashMap::new();
    let day_of = |hour: i64| bucket(to_helsinki(period.from + hour * 3600).date());
    for (hour, n) in contacts {
        counts.entry(day_of(*hour)).or_default().0 += n;
    }
    for (hour, n) in spaces {
        counts.entry(day_of(*hour)).or_default().1 += n;
    }
    labels
        .into_iter()
        .map(|l| {
            let (a, b) = counts.get(&l).copied().unwrap_or_default();
            (l, a, b)
        })
        .collect()
}

/// The median (the mean of the middle two of an even count) of sorted values.
pub(crate) fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The 90th percentile by the nearest-rank method: the smallest value at or above which
/// 90 % of the values lie.
pub(crate) fn p90(sorted: &[f64]) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (0.9 * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[1.0, 2.0, 4.0]), Some(2.0));
        assert_eq!(median(&[1.0, 2.0, 4.0, 8.0]), Some(3.0));
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(p90(&ten), Some(9.0));
        assert_eq!(p90(&[5.0]), Some(5.0));
    }

    #[test]
    fn dates_are_checked() {
        let now = 1_780_000_000;
        assert!(Dates::parse(Some("2026-13-01"), None, now).is_err());
        assert!(Dates::parse(Some("2026-03-02"), Some("2026-03-01"), now).is_err());
        assert!(Dates::parse(Some("2020-01-01"), Some("2026-01-01"), now).is_err());
        let d = Dates::parse(Some("2026-03-01"), Some("2026-03-01"), now).unwrap();
        assert_eq!(d.period().to - d.period().from, 86_400);
    }
}
