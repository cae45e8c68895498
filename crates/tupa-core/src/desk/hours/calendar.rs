//! Open time between many pairs of instants at once: a report measures the support hours of
//! every ticket of a year, and walking day by day for each (with the time zone and holiday
//! rules on every step) costs more than the rest of the report. A `Calendar` looks the days
//! of a range up once — each local day's start and opening, and the open seconds before it —
//! so that each measurement is two binary searches and a subtraction. The results are the
//! same as [`SupportHours::working_time_between`] (a test compares them).

use time::Date;

use super::{SupportHours, from_helsinki, to_helsinki};

pub struct Calendar {
    /// The instant each local day starts, in order; one more entry than days (the end).
    starts: Vec<i64>,
    /// Each day's opening and closing instants (`(0, 0)` when closed).
    open: Vec<(i64, i64)>,
    /// Open seconds on the days before each day (`before[i]` for day `i`), one more than days.
    before: Vec<i64>,
}

impl Calendar {
    /// The days from the one of `from` to the one of `to` (local), both included.
    pub fn new(hours: &SupportHours, from: i64, to: i64) -> Calendar {
        let first = to_helsinki(from).date();
        let last = to_helsinki(to.max(from)).date();
        let mut cal = Calendar { starts: vec![], open: vec![], before: vec![0] };
        let mut day: Option<Date> = Some(first);
        while let Some(d) = day.filter(|d| *d <= last) {
            cal.starts.push(from_helsinki(d.midnight()));
            let interval = hours.open_interval_on(d).unwrap_or((0, 0));
            cal.open.push(interval);
            let total = cal.before.last().copied().unwrap_or(0) + (interval.1 - interval.0);
            cal.before.push(total);
            day = d.next_day();
        }
        let end = day.map_or(i64::MAX, |d| from_helsinki(d.midnight()));
        cal.starts.push(end);
        cal
    }

    /// Open seconds in `[from, to)`, or `None` when either end lies outside the calendar.
    pub fn between(&self, from: i64, to: i64) -> Option<i64> {
        if to <= from {
            return Some(0);
        }
        let (i, j) = (self.day_of(from)?, self.day_of(to - 1)?);
        let clip = |k: usize| {
            let (open, close) = self.open[k];
            (close.min(to) - open.max(from)).max(0)
        };
        if i == j {
            return Some(clip(i));
        }
        Some(clip(i) + (self.before[j] - self.before[i + 1]) + clip(j))
    }

    /// The index of the day that contains `at`.
    fn day_of(&self, at: i64) -> Option<usize> {
        let days = self.open.len();
        if days == 0 || at < self.starts[0] || at >= self.starts[days] {
            return None;
        }
        // The last start at or before `at`.
        Some(self.starts[..days].partition_point(|s| *s <= at) - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::time;

    #[test]
    fn same_as_walking_day_by_day() {
        // A year with DST changes and holidays, office hours, and a desk open all night.
        let from = 1_767_218_400; // 2026-01-01 00:00 Helsinki
        let to = from + 400 * 86_400;
        let mut odd = SupportHours::weekdays(time!(8:00), time!(16:30));
        odd.weekly[5] = Some((time!(0:00), time::Time::MAX));
        for hours in
            [SupportHours::weekdays(time!(9:00), time!(15:00)), odd, SupportHours::always()]
        {
            let cal = Calendar::new(&hours, from, to);
            let mut x: i64 = 12345;
            for _ in 0..3000 {
                // A small linear congruential sequence: varied, reproducible pairs.
                x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
                let a = from + x % (380 * 86_400);
                x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
                let b = a + x % (20 * 86_400) - 86_400;
                assert_eq!(cal.between(a, b), Some(hours.working_time_between(a, b)), "{a} {b}");
            }
            assert_eq!(cal.between(from - 10, from + 10), None);
        }
    }
}
