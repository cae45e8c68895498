//! Support-hour arithmetic across weekends, holidays, exceptions and summer-time changes.

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
    let second_three_oclock = utc(datetime!(2026-10-25 01:00))..utc(datetime!(2026-10-25 02:00));
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
    hours
        .exceptions
        .push(Exception { date: date!(2026 - 11 - 20), hours: Some((time!(12:00), time!(11:00))) });
    assert_eq!(hours.validate(), Err("exception-close-before-open"));

    let mut hours = nine_to_three();
    hours.exceptions.push(Exception { date: date!(2026 - 11 - 20), hours: None });
    hours.exceptions.push(Exception { date: date!(2026 - 11 - 21), hours: None });
    assert_eq!(hours.validate(), Ok(()));
    hours
        .exceptions
        .push(Exception { date: date!(2026 - 11 - 20), hours: Some((time!(9:00), time!(12:00))) });
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
    hours
        .exceptions
        .push(Exception { date: date!(2026 - 12 - 23), hours: Some((time!(9:00), time!(12:00))) });
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
    assert_eq!(far(date!(2027 - 01 - 15)).next_open(now), Some(hel(datetime!(2027-01-15 09:00))));
    // …but not years ahead.
    assert_eq!(far(date!(2029 - 01 - 15)).next_open(now), None);
}

// --- add_working_time ------------------------------------------------------------------

#[test]
fn friday_afternoon_lands_on_monday() {
    let hours = nine_to_three();
    let friday = hel(datetime!(2026-11-20 14:00));
    assert_eq!(hours.add_working_time(friday, 4 * HOUR), Some(hel(datetime!(2026-11-23 12:00))));
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
    let between =
        |a: PrimitiveDateTime, b: PrimitiveDateTime| always.working_time_between(hel(a), hel(b));
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
    hours
        .exceptions
        .push(Exception { date: date!(2026 - 03 - 31), hours: Some((time!(11:00), time!(13:30))) });
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
