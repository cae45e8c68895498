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

/// Eastern European Time, UTC+2.
const EET: i64 = 2 * 3600;
/// Eastern European Summer Time, UTC+3.
const EEST: i64 = 3 * 3600;
const DAY: i64 = 86_400;
/// How many consecutive closed days to look through before concluding the desk never opens.
/// More than a year, so that a desk open only on a few exception days is still found.
const SEARCH_DAYS: u32 = 400;

/// The Unix seconds `time` can represent as a calendar date; outside them we saturate rather
/// than panic, since the timestamps come from storage and user input.
const MIN_TS: i64 = PrimitiveDateTime::MIN.assume_utc().unix_timestamp();
const MAX_TS: i64 = PrimitiveDateTime::MAX.assume_utc().unix_timestamp();

/// Helsinki's UTC offset in seconds at instant `ts`: 7200 (EET) or 10800 (EEST).
///
/// Uses the EU rule (summer time from the last Sunday of March 01:00 UTC to the last Sunday of
/// October 01:00 UTC) for every year; Finland followed other rules before 1996.
pub fn helsinki_offset_seconds(ts: i64) -> i64 {
    let year = utc_from_unix(ts).year();
    if (summer_time_start(year)..summer_time_end(year)).contains(&ts) { EEST } else { EET }
}

/// The Helsinki wall-clock time at instant `ts` (saturating at the limits of `time::Date`).
pub fn to_helsinki(ts: i64) -> PrimitiveDateTime {
    let local = utc_from_unix(ts.saturating_add(helsinki_offset_seconds(ts)));
    PrimitiveDateTime::new(local.date(), local.time())
}

/// `24.11.2026 21.15`: a time as people in Finland read it (all three languages use this
/// numeric form in Finland).
pub fn format_helsinki(ts: i64) -> String {
    let t = to_helsinki(ts);
    format!("{}.{}.{} {:02}.{:02}", t.day(), u8::from(t.month()), t.year(), t.hour(), t.minute())
}

/// The instant (Unix seconds) of Helsinki wall-clock time `local`; any sub-second part is
/// dropped.
///
/// Local times that do not exist (03:00–03:59 on the last Sunday of March, when clocks jump
/// from 03:00 to 04:00) move forward to the first valid instant, 04:00 EEST. Local times that
/// occur twice (03:00–03:59 on the last Sunday of October) resolve to the first occurrence,
/// in EEST. Both choices err towards the earlier, still-valid reading, which is what a person
/// writing "opens at 03:30" means.
pub fn from_helsinki(local: PrimitiveDateTime) -> i64 {
    let as_utc = local.assume_utc().unix_timestamp();
    let summer = as_utc - EEST;
    if helsinki_offset_seconds(summer) == EEST {
        return summer;
    }
    let winter = as_utc - EET;
    if helsinki_offset_seconds(winter) == EET {
        return winter;
    }
    // Neither reading is valid only inside the spring gap, which ends at the change itself.
    summer_time_start(local.year())
}

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

/// `ts` as a UTC date and time, clamped to what `time` can represent.
fn utc_from_unix(ts: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(ts.clamp(MIN_TS, MAX_TS)).expect("clamped to range")
}

/// The start of summer time: the last Sunday of March, 01:00 UTC.
fn summer_time_start(year: i32) -> i64 {
    last_sunday_one_utc(year, Month::March)
}

/// The end of summer time: the last Sunday of October, 01:00 UTC.
fn summer_time_end(year: i32) -> i64 {
    last_sunday_one_utc(year, Month::October)
}

/// 01:00 UTC on the last Sunday of `month`, which must have 31 days (March, October).
fn last_sunday_one_utc(year: i32, month: Month) -> i64 {
    let last = Date::from_calendar_date(year, month, 31).expect("March and October have 31 days");
    let sunday = last - Duration::days(i64::from(last.weekday().number_days_from_sunday()));
    sunday.midnight().assume_utc().unix_timestamp() + 3600
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, time};

    const HOUR: i64 = 3600;

    /// Unix seconds of a Helsinki wall-clock time.
    fn hel(local: PrimitiveDateTime) -> i64 {
        from_helsinki(local)
    }

    /// Unix seconds of a UTC date and time.
    fn utc(at: PrimitiveDateTime) -> i64 {
        at.assume_utc().unix_timestamp()
    }

    fn nine_to_three() -> SupportHours {
        SupportHours::weekdays(time!(9:00), time!(15:00))
    }

    /// 9–15 every day of the week, holidays included: for testing Sundays with DST changes.
    fn nine_to_three_daily() -> SupportHours {
        SupportHours {
            weekly: [Some((time!(9:00), time!(15:00))); 7],
            public_holidays_closed: false,
            exceptions: Vec::new(),
        }
    }

    fn closed() -> SupportHours {
        SupportHours { weekly: [None; 7], public_holidays_closed: false, exceptions: Vec::new() }
    }

    // --- Helsinki time ---------------------------------------------------------------------

    #[test]
    fn offset_winter_and_summer() {
        assert_eq!(helsinki_offset_seconds(utc(datetime!(2026-01-15 12:00))), 2 * HOUR);
        assert_eq!(helsinki_offset_seconds(utc(datetime!(2026-07-15 12:00))), 3 * HOUR);
        assert_eq!(helsinki_offset_seconds(utc(datetime!(2026-12-31 23:00))), 2 * HOUR);
    }

    #[test]
    fn offset_changes_at_one_utc_on_last_sundays() {
        let spring = utc(datetime!(2026-03-29 01:00));
        assert_eq!(helsinki_offset_seconds(spring - 1), 2 * HOUR);
        assert_eq!(helsinki_offset_seconds(spring), 3 * HOUR);
        let autumn = utc(datetime!(2026-10-25 01:00));
        assert_eq!(helsinki_offset_seconds(autumn - 1), 3 * HOUR);
        assert_eq!(helsinki_offset_seconds(autumn), 2 * HOUR);
        // 2027: 28 March and 31 October.
        let spring = utc(datetime!(2027-03-28 01:00));
        assert_eq!(helsinki_offset_seconds(spring - 1), 2 * HOUR);
        assert_eq!(helsinki_offset_seconds(spring), 3 * HOUR);
        let autumn = utc(datetime!(2027-10-31 01:00));
        assert_eq!(helsinki_offset_seconds(autumn - 1), 3 * HOUR);
        assert_eq!(helsinki_offset_seconds(autumn), 2 * HOUR);
    }

    #[test]
    fn to_helsinki_across_changes() {
        let spring = utc(datetime!(2026-03-29 01:00));
        assert_eq!(to_helsinki(spring - 1), datetime!(2026-03-29 02:59:59));
        assert_eq!(to_helsinki(spring), datetime!(2026-03-29 04:00));
        let autumn = utc(datetime!(2026-10-25 01:00));
        assert_eq!(to_helsinki(autumn - 1), datetime!(2026-10-25 03:59:59));
        assert_eq!(to_helsinki(autumn), datetime!(2026-10-25 03:00));
        assert_eq!(to_helsinki(0), datetime!(1970-01-01 02:00));
    }

    #[test]
    fn from_helsinki_gap_moves_forward() {
        let change = utc(datetime!(2026-03-29 01:00));
        assert_eq!(hel(datetime!(2026-03-29 03:00)), change);
        assert_eq!(hel(datetime!(2026-03-29 03:30)), change);
        assert_eq!(hel(datetime!(2026-03-29 03:59:59)), change);
        assert_eq!(hel(datetime!(2026-03-29 04:00)), change);
        assert_eq!(hel(datetime!(2026-03-29 02:59:59)), change - 1);
    }

    #[test]
    fn from_helsinki_ambiguous_takes_first() {
        // 03:30 happens at 00:30 UTC (EEST) and again at 01:30 UTC (EET).
        assert_eq!(hel(datetime!(2026-10-25 03:30)), utc(datetime!(2026-10-25 00:30)));
        assert_eq!(hel(datetime!(2026-10-25 03:00)), utc(datetime!(2026-10-25 00:00)));
        assert_eq!(hel(datetime!(2026-10-25 02:59:59)), utc(datetime!(2026-10-24 23:59:59)));
        assert_eq!(hel(datetime!(2026-10-25 04:00)), utc(datetime!(2026-10-25 02:00)));
    }

    #[test]
    fn round_trip_instants() {
        let second_three_oclock =
            utc(datetime!(2026-10-25 01:00))..utc(datetime!(2026-10-25 02:00));
        let mut ts = utc(datetime!(2025-12-31 00:00));
        while ts < utc(datetime!(2027-01-02 00:00)) {
            let back = from_helsinki(to_helsinki(ts));
            if second_three_oclock.contains(&ts) {
                assert_eq!(back, ts - HOUR, "{ts}");
            } else {
                assert_eq!(back, ts, "{ts}");
            }
            ts += 599;
        }
    }

    #[test]
    fn round_trip_local_times() {
        let mut local = datetime!(2025-12-31 00:00);
        while local < datetime!(2027-01-02 00:00) {
            let in_gap = local.date() == date!(2026 - 03 - 29) && local.hour() == 3;
            if !in_gap {
                assert_eq!(to_helsinki(from_helsinki(local)), local, "{local}");
            }
            local += Duration::minutes(7);
        }
    }

    #[test]
    fn conversions_saturate_at_calendar_limits() {
        assert_eq!(to_helsinki(i64::MAX), PrimitiveDateTime::MAX.replace_nanosecond(0).unwrap());
        assert_eq!(to_helsinki(i64::MIN).date(), Date::MIN);
        assert_eq!(helsinki_offset_seconds(i64::MAX), 2 * HOUR);
        assert!(!nine_to_three().is_open(i64::MAX));
        assert_eq!(nine_to_three().next_open(i64::MAX), None);
    }

    // --- Schedule and validation ---------------------------------------------------------

    #[test]
    fn constructors_validate() {
        assert_eq!(nine_to_three().validate(), Ok(()));
        assert_eq!(SupportHours::always().validate(), Ok(()));
        assert_eq!(closed().validate(), Ok(()));
        let hours = nine_to_three();
        assert!(hours.public_holidays_closed);
        assert_eq!(hours.weekly[4], Some((time!(9:00), time!(15:00))));
        assert_eq!(hours.weekly[5], None);
        assert_eq!(hours.weekly[6], None);
        assert!(!SupportHours::always().public_holidays_closed);
    }

    #[test]
    fn validation_errors() {
        let mut hours = nine_to_three();
        hours.weekly[2] = Some((time!(15:00), time!(9:00)));
        assert_eq!(hours.validate(), Err("hours-close-before-open"));
        hours.weekly[2] = Some((time!(9:00), time!(9:00)));
        assert_eq!(hours.validate(), Err("hours-close-before-open"));
        // Equal at whole-second resolution.
        hours.weekly[2] = Some((time!(9:00), time!(9:00:00.5)));
        assert_eq!(hours.validate(), Err("hours-close-before-open"));

        let mut hours = nine_to_three();
        hours.exceptions.push(Exception {
            date: date!(2026 - 11 - 20),
            hours: Some((time!(12:00), time!(11:00))),
        });
        assert_eq!(hours.validate(), Err("exception-close-before-open"));

        let mut hours = nine_to_three();
        hours.exceptions.push(Exception { date: date!(2026 - 11 - 20), hours: None });
        hours.exceptions.push(Exception { date: date!(2026 - 11 - 21), hours: None });
        assert_eq!(hours.validate(), Ok(()));
        hours.exceptions.push(Exception {
            date: date!(2026 - 11 - 20),
            hours: Some((time!(9:00), time!(12:00))),
        });
        assert_eq!(hours.validate(), Err("exception-duplicate-date"));
    }

    #[test]
    fn invalid_day_counts_as_closed() {
        let mut hours = nine_to_three();
        hours.weekly[0] = Some((time!(15:00), time!(9:00)));
        assert_eq!(hours.open_interval_on(date!(2026 - 11 - 23)), None);
        assert_eq!(
            hours.next_open(hel(datetime!(2026-11-23 08:00))),
            Some(hel(datetime!(2026-11-24 09:00)))
        );
    }

    #[test]
    fn serde_round_trip() {
        let mut hours = nine_to_three();
        hours.exceptions.push(Exception {
            date: date!(2026 - 12 - 23),
            hours: Some((time!(9:00), time!(12:00))),
        });
        hours.exceptions.push(Exception { date: date!(2026 - 12 - 31), hours: None });
        let json = serde_json::to_string(&hours).unwrap();
        assert_eq!(serde_json::from_str::<SupportHours>(&json).unwrap(), hours);
    }

    // --- Opening intervals ---------------------------------------------------------------

    #[test]
    fn interval_on_weekday_and_weekend() {
        let hours = nine_to_three();
        assert_eq!(
            hours.open_interval_on(date!(2026 - 11 - 20)),
            Some((hel(datetime!(2026-11-20 09:00)), hel(datetime!(2026-11-20 15:00))))
        );
        assert_eq!(
            hours.open_interval_on(date!(2026 - 11 - 20)),
            Some((utc(datetime!(2026-11-20 07:00)), utc(datetime!(2026-11-20 13:00))))
        );
        assert_eq!(
            hours.open_interval_on(date!(2026 - 06 - 10)),
            Some((utc(datetime!(2026-06-10 06:00)), utc(datetime!(2026-06-10 12:00))))
        );
        assert_eq!(hours.open_interval_on(date!(2026 - 11 - 21)), None);
        assert_eq!(hours.open_interval_on(date!(2026 - 11 - 22)), None);
    }

    #[test]
    fn intervals_closed_on_holidays() {
        let hours = nine_to_three();
        for holiday in [
            date!(2026 - 01 - 01),
            date!(2026 - 01 - 06),
            date!(2026 - 04 - 03), // Good Friday
            date!(2026 - 04 - 06), // Easter Monday
            date!(2026 - 05 - 01),
            date!(2026 - 05 - 14), // Ascension Day
            date!(2026 - 06 - 19), // Midsummer Eve
            date!(2026 - 12 - 24), // Christmas Eve, Thursday
            date!(2026 - 12 - 25),
            date!(2028 - 12 - 06), // Independence Day, Wednesday
        ] {
            assert_eq!(hours.open_interval_on(holiday), None, "{holiday}");
        }
        assert!(hours.open_interval_on(date!(2026 - 04 - 02)).is_some());
        assert!(hours.open_interval_on(date!(2026 - 04 - 07)).is_some());

        let mut open_on_holidays = nine_to_three();
        open_on_holidays.public_holidays_closed = false;
        assert!(open_on_holidays.open_interval_on(date!(2026 - 04 - 03)).is_some());
    }

    #[test]
    fn exceptions_override_holidays_and_weekdays() {
        let mut hours = nine_to_three();
        hours.exceptions = vec![
            // Extra opening on Good Friday.
            Exception { date: date!(2026 - 04 - 03), hours: Some((time!(10:00), time!(12:00))) },
            // Closed on an ordinary Monday.
            Exception { date: date!(2026 - 11 - 23), hours: None },
            // Open on a Saturday.
            Exception { date: date!(2026 - 11 - 28), hours: Some((time!(9:00), time!(13:00))) },
        ];
        assert_eq!(
            hours.open_interval_on(date!(2026 - 04 - 03)),
            Some((hel(datetime!(2026-04-03 10:00)), hel(datetime!(2026-04-03 12:00))))
        );
        assert_eq!(hours.open_interval_on(date!(2026 - 11 - 23)), None);
        assert_eq!(
            hours.open_interval_on(date!(2026 - 11 - 28)),
            Some((hel(datetime!(2026-11-28 09:00)), hel(datetime!(2026-11-28 13:00))))
        );
    }

    #[test]
    fn closing_at_end_of_day_means_midnight() {
        let hours = SupportHours::always();
        assert_eq!(
            hours.open_interval_on(date!(2026 - 11 - 20)),
            Some((hel(datetime!(2026-11-20 00:00)), hel(datetime!(2026-11-21 00:00))))
        );
        let evenings = SupportHours {
            weekly: [Some((time!(20:00), time!(23:59:59))); 7],
            public_holidays_closed: false,
            exceptions: Vec::new(),
        };
        assert_eq!(
            evenings.add_working_time(hel(datetime!(2026-11-20 22:00)), 3 * HOUR),
            Some(hel(datetime!(2026-11-21 21:00)))
        );
        assert!(evenings.is_open(hel(datetime!(2026-11-20 23:59:59))));
        assert!(!evenings.is_open(hel(datetime!(2026-11-21 00:00))));
    }

    #[test]
    fn dst_days_keep_wall_clock_hours() {
        let hours = nine_to_three_daily();
        for day in [date!(2026 - 03 - 29), date!(2026 - 10 - 25)] {
            let (open, close) = hours.open_interval_on(day).unwrap();
            assert_eq!(close - open, 6 * HOUR, "{day}");
        }
        // Spring: 09:00 EEST is 06:00 UTC; autumn: 09:00 EET is 07:00 UTC.
        assert_eq!(
            hours.open_interval_on(date!(2026 - 03 - 29)).unwrap().0,
            utc(datetime!(2026-03-29 06:00))
        );
        assert_eq!(
            hours.open_interval_on(date!(2026 - 10 - 25)).unwrap().0,
            utc(datetime!(2026-10-25 07:00))
        );

        let always = SupportHours::always();
        let (open, close) = always.open_interval_on(date!(2026 - 03 - 29)).unwrap();
        assert_eq!(close - open, 23 * HOUR);
        let (open, close) = always.open_interval_on(date!(2026 - 10 - 25)).unwrap();
        assert_eq!(close - open, 25 * HOUR);
    }

    #[test]
    fn dst_openings_spanning_and_inside_the_change() {
        let night = |date: Date, open: Time, close: Time| SupportHours {
            weekly: [None; 7],
            public_holidays_closed: false,
            exceptions: vec![Exception { date, hours: Some((open, close)) }],
        };
        // 02:00–05:00 loses an hour in spring and gains one in autumn.
        let spring = night(date!(2026 - 03 - 29), time!(2:00), time!(5:00));
        let (open, close) = spring.open_interval_on(date!(2026 - 03 - 29)).unwrap();
        assert_eq!(close - open, 2 * HOUR);
        let autumn = night(date!(2026 - 10 - 25), time!(2:00), time!(5:00));
        let (open, close) = autumn.open_interval_on(date!(2026 - 10 - 25)).unwrap();
        assert_eq!(close - open, 4 * HOUR);
        // Opening inside the gap starts at 04:00 EEST.
        let late = night(date!(2026 - 03 - 29), time!(3:30), time!(5:00));
        assert_eq!(
            late.open_interval_on(date!(2026 - 03 - 29)),
            Some((utc(datetime!(2026-03-29 01:00)), utc(datetime!(2026-03-29 02:00))))
        );
        // Entirely inside the gap: never open.
        let lost = night(date!(2026 - 03 - 29), time!(3:10), time!(3:50));
        assert_eq!(lost.open_interval_on(date!(2026 - 03 - 29)), None);
    }

    // --- is_open / next_open -------------------------------------------------------------

    #[test]
    fn is_open_boundaries() {
        let hours = nine_to_three();
        assert!(!hours.is_open(hel(datetime!(2026-11-20 08:59:59))));
        assert!(hours.is_open(hel(datetime!(2026-11-20 09:00))));
        assert!(hours.is_open(hel(datetime!(2026-11-20 14:59:59))));
        assert!(!hours.is_open(hel(datetime!(2026-11-20 15:00))));
        assert!(!hours.is_open(hel(datetime!(2026-11-21 12:00)))); // Saturday
        assert!(!hours.is_open(hel(datetime!(2026-06-19 12:00)))); // Midsummer Eve
        assert!(SupportHours::always().is_open(utc(datetime!(2026-03-29 01:00))));
        assert!(SupportHours::always().is_open(utc(datetime!(2026-10-25 01:30))));
        assert!(!closed().is_open(hel(datetime!(2026-11-20 12:00))));
    }

    #[test]
    fn next_open_cases() {
        let hours = nine_to_three();
        let inside = hel(datetime!(2026-11-20 10:30));
        assert_eq!(hours.next_open(inside), Some(inside));
        assert_eq!(
            hours.next_open(hel(datetime!(2026-11-19 07:00))),
            Some(hel(datetime!(2026-11-19 09:00)))
        );
        // Friday after closing, and Saturday: Monday morning.
        assert_eq!(
            hours.next_open(hel(datetime!(2026-11-20 15:00))),
            Some(hel(datetime!(2026-11-23 09:00)))
        );
        assert_eq!(
            hours.next_open(hel(datetime!(2026-11-21 12:00))),
            Some(hel(datetime!(2026-11-23 09:00)))
        );
        // Maundy Thursday evening: over Easter to Tuesday.
        assert_eq!(
            hours.next_open(hel(datetime!(2026-04-02 16:00))),
            Some(hel(datetime!(2026-04-07 09:00)))
        );
        // Just after midnight, before opening.
        assert_eq!(
            hours.next_open(hel(datetime!(2026-11-24 00:00:01))),
            Some(hel(datetime!(2026-11-24 09:00)))
        );
    }

    #[test]
    fn next_open_gives_up() {
        assert_eq!(closed().next_open(hel(datetime!(2026-11-20 12:00))), None);
        assert_eq!(closed().add_working_time(hel(datetime!(2026-11-20 12:00)), HOUR), None);
        assert_eq!(closed().add_working_time(hel(datetime!(2026-11-20 12:00)), 0), None);

        let far = |date: Date| SupportHours {
            weekly: [None; 7],
            public_holidays_closed: true,
            exceptions: vec![Exception { date, hours: Some((time!(9:00), time!(10:00))) }],
        };
        let now = hel(datetime!(2026-01-01 12:00));
        // Within the search horizon…
        assert_eq!(
            far(date!(2027 - 01 - 15)).next_open(now),
            Some(hel(datetime!(2027-01-15 09:00)))
        );
        // …but not years ahead.
        assert_eq!(far(date!(2029 - 01 - 15)).next_open(now), None);
    }

    // --- add_working_time ------------------------------------------------------------------

    #[test]
    fn friday_afternoon_lands_on_monday() {
        let hours = nine_to_three();
        let friday = hel(datetime!(2026-11-20 14:00));
        assert_eq!(
            hours.add_working_time(friday, 4 * HOUR),
            Some(hel(datetime!(2026-11-23 12:00)))
        );
    }

    #[test]
    fn start_before_inside_after_and_at_night() {
        let hours = nine_to_three();
        let add = |at: PrimitiveDateTime, h: i64| hours.add_working_time(hel(at), h * HOUR);
        assert_eq!(add(datetime!(2026-11-24 07:00), 2), Some(hel(datetime!(2026-11-24 11:00))));
        assert_eq!(add(datetime!(2026-11-24 10:00), 2), Some(hel(datetime!(2026-11-24 12:00))));
        assert_eq!(add(datetime!(2026-11-24 18:00), 1), Some(hel(datetime!(2026-11-25 10:00))));
        assert_eq!(add(datetime!(2026-11-25 02:00), 1), Some(hel(datetime!(2026-11-25 10:00))));
        // Saturday night message.
        assert_eq!(add(datetime!(2026-11-21 23:00), 1), Some(hel(datetime!(2026-11-23 10:00))));
        // Used up exactly at closing: due at closing, not next morning.
        assert_eq!(add(datetime!(2026-11-20 09:00), 6), Some(hel(datetime!(2026-11-20 15:00))));
        assert_eq!(add(datetime!(2026-11-20 09:00), 7), Some(hel(datetime!(2026-11-23 10:00))));
    }

    #[test]
    fn zero_and_negative_durations() {
        let hours = nine_to_three();
        let inside = hel(datetime!(2026-11-24 10:00));
        assert_eq!(hours.add_working_time(inside, 0), Some(inside));
        assert_eq!(hours.add_working_time(inside, -HOUR), Some(inside));
        // Outside hours, a zero target is due at the next opening.
        assert_eq!(
            hours.add_working_time(hel(datetime!(2026-11-20 15:00)), 0),
            Some(hel(datetime!(2026-11-23 09:00)))
        );
        assert_eq!(hours.working_time_between(inside, inside), 0);
        assert_eq!(hours.working_time_between(inside, inside - HOUR), 0);
    }

    #[test]
    fn over_holidays() {
        let hours = nine_to_three();
        let add = |at: PrimitiveDateTime, h: i64| hours.add_working_time(hel(at), h * HOUR);
        // Good Friday and Easter Monday 2026: Thursday 2 April → Tuesday 7 April.
        assert_eq!(add(datetime!(2026-04-02 13:00), 4), Some(hel(datetime!(2026-04-07 11:00))));
        // Midsummer Eve 2026 is Friday 19 June.
        assert_eq!(add(datetime!(2026-06-18 14:00), 2), Some(hel(datetime!(2026-06-22 10:00))));
        // Independence Day 2028 is a Wednesday.
        assert_eq!(add(datetime!(2028-12-05 14:00), 2), Some(hel(datetime!(2028-12-07 10:00))));
        // Christmas Eve 2025 (Wednesday) to St Stephen's Day (Friday), then the weekend.
        assert_eq!(add(datetime!(2025-12-23 14:00), 2), Some(hel(datetime!(2025-12-29 10:00))));
        // Christmas Eve 2026 is a Thursday.
        assert_eq!(add(datetime!(2026-12-23 14:00), 2), Some(hel(datetime!(2026-12-28 10:00))));
    }

    #[test]
    fn with_exceptions() {
        let mut hours = nine_to_three();
        hours.exceptions = vec![
            // Shortened Friday, closed Monday.
            Exception { date: date!(2026 - 11 - 20), hours: Some((time!(9:00), time!(12:00))) },
            Exception { date: date!(2026 - 11 - 23), hours: None },
        ];
        let start = hel(datetime!(2026-11-20 10:00));
        assert_eq!(hours.add_working_time(start, 4 * HOUR), Some(hel(datetime!(2026-11-24 11:00))));
        assert!(!hours.is_open(hel(datetime!(2026-11-20 13:00))));
        assert_eq!(
            hours.working_time_between(start, hel(datetime!(2026-11-25 00:00))),
            2 * HOUR + 6 * HOUR
        );
    }

    #[test]
    fn forty_hours_over_christmas() {
        let hours = nine_to_three();
        let start = hel(datetime!(2026-12-21 09:00));
        // Mon–Wed 18 h, Christmas Eve and Day closed, Mon–Wed 18 h, then 4 h on Thursday 31st.
        let due = hours.add_working_time(start, 40 * HOUR);
        assert_eq!(due, Some(hel(datetime!(2026-12-31 13:00))));
        assert_eq!(hours.working_time_between(start, due.unwrap()), 40 * HOUR);
    }

    #[test]
    fn large_durations() {
        // Around the clock, working time is elapsed time, DST changes and all.
        let always = SupportHours::always();
        let start = hel(datetime!(2026-01-10 12:34:56));
        assert_eq!(always.add_working_time(start, 10_000 * HOUR), Some(start + 10_000 * HOUR));
        assert_eq!(always.working_time_between(start, start + 10_000 * HOUR), 10_000 * HOUR);

        // A year of weekday hours: 2027 has 261 weekdays, 8 of them holidays (New Year's Day,
        // Epiphany, Good Friday, Easter Monday, Ascension, Midsummer Eve, Independence Day,
        // Christmas Eve), so 253 open days of 6 hours.
        let hours = nine_to_three();
        let year = hel(datetime!(2027-01-01 00:00))..hel(datetime!(2028-01-01 00:00));
        assert_eq!(hours.working_time_between(year.start, year.end), 253 * 6 * HOUR);
        assert_eq!(
            hours.add_working_time(year.start, 253 * 6 * HOUR),
            Some(hel(datetime!(2027-12-31 15:00)))
        );
    }

    // --- working_time_between --------------------------------------------------------------

    #[test]
    fn working_time_cases() {
        let hours = nine_to_three();
        let between =
            |a: PrimitiveDateTime, b: PrimitiveDateTime| hours.working_time_between(hel(a), hel(b));
        assert_eq!(between(datetime!(2026-11-20 10:00), datetime!(2026-11-20 11:30)), 90 * 60);
        assert_eq!(between(datetime!(2026-11-20 07:00), datetime!(2026-11-20 20:00)), 6 * HOUR);
        assert_eq!(between(datetime!(2026-11-20 16:00), datetime!(2026-11-23 08:00)), 0);
        assert_eq!(between(datetime!(2026-11-20 14:00), datetime!(2026-11-23 12:00)), 4 * HOUR);
        assert_eq!(between(datetime!(2026-11-16 00:00), datetime!(2026-11-23 00:00)), 30 * HOUR);
        // Easter week 2026: Monday–Thursday only.
        assert_eq!(between(datetime!(2026-03-30 00:00), datetime!(2026-04-13 00:00)), 8 * 6 * HOUR);
    }

    #[test]
    fn working_time_across_dst_changes() {
        let always = SupportHours::always();
        let between = |a: PrimitiveDateTime, b: PrimitiveDateTime| {
            always.working_time_between(hel(a), hel(b))
        };
        assert_eq!(between(datetime!(2026-03-29 00:00), datetime!(2026-03-30 00:00)), 23 * HOUR);
        assert_eq!(between(datetime!(2026-10-25 00:00), datetime!(2026-10-26 00:00)), 25 * HOUR);
        assert_eq!(between(datetime!(2026-03-28 12:00), datetime!(2026-03-29 12:00)), 23 * HOUR);
        assert_eq!(
            always.add_working_time(hel(datetime!(2026-03-29 00:00)), 23 * HOUR),
            Some(hel(datetime!(2026-03-30 00:00)))
        );

        let daily = nine_to_three_daily();
        let spring = date!(2026 - 03 - 29);
        let from = hel(spring.midnight());
        assert_eq!(daily.working_time_between(from, from + 2 * DAY), 12 * HOUR);
        assert_eq!(
            daily.add_working_time(hel(datetime!(2026-03-28 14:00)), 2 * HOUR),
            Some(hel(datetime!(2026-03-29 10:00)))
        );
        assert_eq!(
            daily.add_working_time(hel(datetime!(2026-10-24 14:00)), 2 * HOUR),
            Some(hel(datetime!(2026-10-25 10:00)))
        );
    }

    #[test]
    fn working_time_inverts_add() {
        let mut hours = nine_to_three();
        hours.exceptions.push(Exception {
            date: date!(2026 - 03 - 31),
            hours: Some((time!(11:00), time!(13:30))),
        });
        let mut start = hel(datetime!(2026-03-20 00:00));
        while start < hel(datetime!(2026-04-15 00:00)) {
            for seconds in [0, 1, 1800, 6 * HOUR, 6 * HOUR + 1, 17 * HOUR + 123, 40 * HOUR] {
                let due = hours.add_working_time(start, seconds).unwrap();
                assert!(due >= start);
                assert_eq!(hours.working_time_between(start, due), seconds, "{start} {seconds}");
                if seconds > 0 {
                    assert!(hours.is_open(due - 1), "{start} {seconds}");
                }
            }
            start += 5 * HOUR + 17 * 60;
        }
    }
}
