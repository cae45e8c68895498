//! Helsinki wall-clock time (Europe/Helsinki) from and to instants, by the EU summer-time rule.

use super::*;

/// Eastern European Time, UTC+2.
pub(super) const EET: i64 = 2 * 3600;
/// Eastern European Summer Time, UTC+3.
pub(super) const EEST: i64 = 3 * 3600;

/// The Unix seconds `time` can represent as a calendar date; outside them we saturate rather
/// than panic, since the timestamps come from storage and user input.
pub(super) const MIN_TS: i64 = PrimitiveDateTime::MIN.assume_utc().unix_timestamp();
pub(super) const MAX_TS: i64 = PrimitiveDateTime::MAX.assume_utc().unix_timestamp();

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

/// `ts` as a UTC date and time, clamped to what `time` can represent.
pub(super) fn utc_from_unix(ts: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(ts.clamp(MIN_TS, MAX_TS)).expect("clamped to range")
}

/// The start of summer time: the last Sunday of March, 01:00 UTC.
pub(super) fn summer_time_start(year: i32) -> i64 {
    last_sunday_one_utc(year, Month::March)
}

/// The end of summer time: the last Sunday of October, 01:00 UTC.
pub(super) fn summer_time_end(year: i32) -> i64 {
    last_sunday_one_utc(year, Month::October)
}

/// 01:00 UTC on the last Sunday of `month`, which must have 31 days (March, October).
pub(super) fn last_sunday_one_utc(year: i32, month: Month) -> i64 {
    let last = Date::from_calendar_date(year, month, 31).expect("March and October have 31 days");
    let sunday = last - Duration::days(i64::from(last.weekday().number_days_from_sunday()));
    sunday.midnight().assume_utc().unix_timestamp() + 3600
}
