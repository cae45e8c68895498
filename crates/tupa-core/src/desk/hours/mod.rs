//! Support hours and working-time arithmetic: response-time targets are counted in open time
//! only ("4 support hours"), in Finnish local time (Europe/Helsinki).
//!
//! Instants are Unix seconds (`i64`), as stored. The arithmetic walks day by day over opening
//! intervals, never second by second, and converts each local opening and closing time to an
//! instant separately, so days with a DST change come out right (a 9–15 day is still 6 hours;
//! a 24-hour day is 23 or 25 hours long).

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time};

use super::holidays::is_public_holiday;

pub mod calendar;
mod helsinki;
#[cfg(test)]
mod tests;

pub use helsinki::{format_helsinki, from_helsinki, helsinki_offset_seconds, to_helsinki};

const DAY: i64 = 86_400;
/// How many consecutive closed days to look through before concluding the desk never opens.
/// More than a year, so that a desk open only on a few exception days is still found.
const SEARCH_DAYS: u32 = 400;

/// When a support desk is open, in Helsinki local time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportHours {
    /// Opening and closing local time for each weekday, Monday first; `None` = closed all day.
    /// Closing must be after opening (same day; no overnight hours). Because `Time` cannot
    /// express 24:00, a closing time in the day's last second (23:59:59 or later, e.g.
    /// `Time::MAX`) means midnight at the end of the day. Sub-second parts are ignored.
    pub weekly: [Option<(Time, Time)>; 7],
    /// Closed on Finnish public holidays (including Midsummer Eve and Christmas Eve).
    pub public_holidays_closed: bool,
    /// Dates with different hours; these override both the public holidays and `weekly`.
    pub exceptions: Vec<Exception>,
}

/// Hours for one date that differ from the usual schedule (a closed day, a shortened day, an
/// extra opening on a holiday).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    pub date: Date,
    /// Opening and closing local time as in [`SupportHours::weekly`]; `None` = closed all day.
    pub hours: Option<(Time, Time)>,
}

impl SupportHours {
    /// Open Monday to Friday from `open` to `close`, closed on public holidays.
    pub fn weekdays(open: Time, close: Time) -> Self {
        let day = Some((open, close));
        Self {
            weekly: [day, day, day, day, day, None, None],
            public_holidays_closed: true,
            exceptions: Vec::new(),
        }
    }

    /// Open around the clock every day, holidays included.
    pub fn always() -> Self {
        Self {
            weekly: [Some((Time::MIDNIGHT, Time::MAX)); 7],
            public_holidays_closed: false,
            exceptions: Vec::new(),
        }
    }

    /// Checks the schedule, returning a stable error code: `"hours-close-before-open"` (a
    /// weekday closes at or before it opens), `"exception-close-before-open"` (likewise for an
    /// exception) or `"exception-duplicate-date"` (two exceptions for one date).
    ///
    /// The arithmetic below never fails on an invalid schedule (such a day counts as closed),
    /// but editing forms should reject it.
    pub fn validate(&self) -> Result<(), &'static str> {
        if self.weekly.iter().flatten().any(|&hours| !is_valid(hours)) {
            return Err("hours-close-before-open");
        }
        if self.exceptions.iter().filter_map(|e| e.hours).any(|hours| !is_valid(hours)) {
            return Err("exception-close-before-open");
        }
        let mut dates: Vec<Date> = self.exceptions.iter().map(|e| e.date).collect();
        dates.sort_unstable();
        if dates.windows(2).any(|w| w[0] == w[1]) {
            return Err("exception-duplicate-date");
        }
        Ok(())
    }

    /// The opening and closing instants (Unix seconds) on local date `date`, or `None` if the
    /// desk is closed that day. An exception for the date wins, then a public holiday (when
    /// `public_holidays_closed`), then the weekly schedule.
    pub fn open_interval_on(&self, date: Date) -> Option<(i64, i64)> {
        let (open, close) = self.hours_on(date)?;
        let (open, close) = (day_seconds(open), closing_seconds(close));
        let (start, end) = (local_instant(date, open), local_instant(date, close));
        // Empty when invalid, or when the whole opening falls in the spring DST gap.
        (end > start).then_some((start, end))
    }

    /// Whether the desk is open at instant `ts` (opening inclusive, closing exclusive).
    pub fn is_open(&self, ts: i64) -> bool {
        // A day's opening lies within that local day, so only `ts`'s own day can contain it.
        self.open_interval_on(to_helsinki(ts).date())
            .is_some_and(|(open, close)| (open..close).contains(&ts))
    }

    /// The first open instant at or after `ts` (`ts` itself when open), or `None` if the desk
    /// does not open within about 400 days.
    pub fn next_open(&self, ts: i64) -> Option<i64> {
        self.open_intervals_from(ts).next().map(|(open, _)| open)
    }

    /// The instant at which `seconds` of open time have elapsed after `start`: the deadline
    /// for a target of `seconds` support hours. Counting starts at the next opening if `start`
    /// is outside support hours; zero (or negative) `seconds` give that next opening. A target
    /// used up exactly at closing time is due at closing time, not at the next opening.
    ///
    /// `None` if the desk stops opening (no opening for about 400 days) or the result would
    /// be beyond the calendar `time` supports.
    pub fn add_working_time(&self, start: i64, seconds: i64) -> Option<i64> {
        let mut remaining = seconds.max(0);
        for (open, close) in self.open_intervals_from(start) {
            let available = close - open;
            if remaining <= available {
                return Some(open + remaining);
            }
            remaining -= available;
        }
        None
    }

    /// Open seconds in `[from, to)`; 0 if `to <= from`. The inverse of
    /// [`add_working_time`](Self::add_working_time): time spent, and whether a target is
    /// breached.
    pub fn working_time_between(&self, from: i64, to: i64) -> i64 {
        if to <= from {
            return 0;
        }
        // No give-up rule here: every day in the range is looked at, however long it is closed.
        let last = to_helsinki(to - 1).date();
        let mut total = 0;
        let mut date = Some(to_helsinki(from).date());
        while let Some(day) = date.filter(|&day| day <= last) {
            if let Some((open, close)) = self.open_interval_on(day) {
                let (start, end) = (open.max(from), close.min(to));
                total += (end - start).max(0);
            }
            date = day.next_day();
        }
        total
    }

    /// The hours that apply on `date`, by precedence: exception, public holiday, weekday.
    fn hours_on(&self, date: Date) -> Option<(Time, Time)> {
        if let Some(exception) = self.exceptions.iter().find(|e| e.date == date) {
            return exception.hours;
        }
        if self.public_holidays_closed && is_public_holiday(date) {
            return None;
        }
        self.weekly[usize::from(date.weekday().number_days_from_monday())]
    }

    /// Opening intervals, in order and clipped to begin no earlier than `from`, starting on
    /// `from`'s local day. Ends after `SEARCH_DAYS` consecutive days without an opening or at
    /// the end of the supported calendar.
    fn open_intervals_from(&self, from: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let mut date = Some(to_helsinki(from).date());
        let mut closed_days = 0;
        std::iter::from_fn(move || {
            while closed_days < SEARCH_DAYS {
                let day = date?;
                date = day.next_day();
                match self.open_interval_on(day) {
                    Some((open, close)) if close > from => {
                        closed_days = 0;
                        return Some((open.max(from), close));
                    }
                    _ => closed_days += 1,
                }
            }
            None
        })
    }
}

/// Whether `close` is after `open`, at the whole-second resolution the arithmetic uses.
fn is_valid((open, close): (Time, Time)) -> bool {
    closing_seconds(close) > day_seconds(open)
}

/// Seconds since local midnight, ignoring any sub-second part.
fn day_seconds(t: Time) -> i64 {
    let (h, m, s) = t.as_hms();
    i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(s)
}

/// Like [`day_seconds`], but the day's last second means the end of the day (24:00).
fn closing_seconds(t: Time) -> i64 {
    match day_seconds(t) {
        s if s == DAY - 1 => DAY,
        s => s,
    }
}

/// The instant of `seconds` (0..=86400) after local midnight on `date`, by the wall clock.
fn local_instant(date: Date, seconds: i64) -> i64 {
    if seconds >= DAY {
        // 24:00 is the next day's midnight, which need not be 24 hours after this one's.
        return match date.next_day() {
            Some(next) => from_helsinki(next.midnight()),
            None => from_helsinki(PrimitiveDateTime::new(date, Time::MAX)) + 1,
        };
    }
    let time =
        Time::from_hms((seconds / 3600) as u8, (seconds / 60 % 60) as u8, (seconds % 60) as u8)
            .expect("seconds within the day");
    from_helsinki(PrimitiveDateTime::new(date, time))
}
