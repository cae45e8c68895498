//! Finnish public holidays, as far as support hours care about them: the days on which public
//! offices are closed. Pure calendar arithmetic; no table to keep up to date.

use time::{Date, Duration, Month, Weekday};

/// Easter Sunday of a Gregorian `year` (the Anonymous Gregorian algorithm, also known as the
/// Meeus/Jones/Butcher algorithm).
///
/// # Panics
///
/// If `year` is outside the range `time::Date` supports, or before the Gregorian calendar (the
/// algorithm is only meaningful for positive Gregorian years).
pub fn easter_sunday(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    let month = Month::try_from(month as u8).expect("Easter falls in March or April");
    Date::from_calendar_date(year, month, day as u8).expect("Easter is a valid date")
}

/// One public holiday in a given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    /// Stable identifier (for translations and stored references), e.g. `"midsummer-eve"`.
    pub key: &'static str,
}

/// The days on which Finnish public offices are closed in `year`, sorted by date (15 per year).
///
/// These are the statutory public holidays plus Midsummer Eve and Christmas Eve: those two are
/// not statutory holidays, but by custom and collective agreement public offices are closed, so
/// support hours treat them like holidays.
///
/// Ascension Day can fall on May Day (e.g. 2008); both are then listed on the same date.
///
/// # Panics
///
/// Like [`easter_sunday`], for years outside the supported range.
pub fn finnish_public_holidays(year: i32) -> Vec<Holiday> {
    let fixed = |month: Month, day: u8| {
        Date::from_calendar_date(year, month, day).expect("fixed holiday is a valid date")
    };
    let easter = easter_sunday(year);
    let mut holidays: Vec<Holiday> = [
        ("new-years-day", fixed(Month::January, 1)),
        ("epiphany", fixed(Month::January, 6)),
        ("good-friday", easter - Duration::days(2)),
        ("easter-sunday", easter),
        ("easter-monday", easter + Duration::days(1)),
        ("may-day", fixed(Month::May, 1)),
        ("ascension-day", easter + Duration::days(39)),
        ("whit-sunday", easter + Duration::days(49)),
        // Not statutory, but public offices are closed (see the doc comment).
        ("midsummer-eve", on_or_after(fixed(Month::June, 19), Weekday::Friday)),
        ("midsummer-day", on_or_after(fixed(Month::June, 20), Weekday::Saturday)),
        ("all-saints-day", on_or_after(fixed(Month::October, 31), Weekday::Saturday)),
        ("independence-day", fixed(Month::December, 6)),
        // Not statutory, but public offices are closed (see the doc comment).
        ("christmas-eve", fixed(Month::December, 24)),
        ("christmas-day", fixed(Month::December, 25)),
        ("st-stephens-day", fixed(Month::December, 26)),
    ]
    .into_iter()
    .map(|(key, date)| Holiday { date, key })
    .collect();
    // Stable, so equal dates (May Day and Ascension Day) keep a fixed order.
    holidays.sort_by_key(|h| h.date);
    holidays
}

/// Whether `date` is one of [`finnish_public_holidays`] (including Midsummer Eve and Christmas
/// Eve).
pub fn is_public_holiday(date: Date) -> bool {
    finnish_public_holidays(date.year()).iter().any(|h| h.date == date)
}

/// The first `weekday` on or after `date`; the movable holidays are defined as "the Friday
/// (Saturday) between day X and day X + 6".
fn on_or_after(date: Date, weekday: Weekday) -> Date {
    let ahead = (7 + i64::from(weekday.number_days_from_monday())
        - i64::from(date.weekday().number_days_from_monday()))
        % 7;
    date + Duration::days(ahead)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn holiday(year: i32, key: &str) -> Date {
        finnish_public_holidays(year)
            .into_iter()
            .find(|h| h.key == key)
            .unwrap_or_else(|| panic!("no {key} in {year}"))
            .date
    }

    #[test]
    fn easter_known_dates() {
        assert_eq!(easter_sunday(2024), date!(2024 - 03 - 31));
        assert_eq!(easter_sunday(2025), date!(2025 - 04 - 20));
        assert_eq!(easter_sunday(2026), date!(2026 - 04 - 05));
        assert_eq!(easter_sunday(2027), date!(2027 - 03 - 28));
        assert_eq!(easter_sunday(2030), date!(2030 - 04 - 21));
        // Extremes of the possible range (22 March, 25 April).
        assert_eq!(easter_sunday(2285), date!(2285 - 03 - 22));
        assert_eq!(easter_sunday(2038), date!(2038 - 04 - 25));
    }

    #[test]
    fn easter_is_always_a_sunday_in_range() {
        for year in 1583..=2500 {
            let easter = easter_sunday(year);
            assert_eq!(easter.weekday(), Weekday::Sunday, "{year}");
            assert!(easter >= Date::from_calendar_date(year, Month::March, 22).unwrap());
            assert!(easter <= Date::from_calendar_date(year, Month::April, 25).unwrap());
        }
    }

    #[test]
    fn movable_holidays() {
        assert_eq!(holiday(2026, "midsummer-eve"), date!(2026 - 06 - 19));
        assert_eq!(holiday(2026, "midsummer-day"), date!(2026 - 06 - 20));
        assert_eq!(holiday(2027, "midsummer-eve"), date!(2027 - 06 - 25));
        assert_eq!(holiday(2027, "midsummer-day"), date!(2027 - 06 - 26));
        assert_eq!(holiday(2026, "all-saints-day"), date!(2026 - 10 - 31));
        assert_eq!(holiday(2027, "all-saints-day"), date!(2027 - 11 - 06));
        assert_eq!(holiday(2026, "ascension-day"), date!(2026 - 05 - 14));
        assert_eq!(holiday(2026, "whit-sunday"), date!(2026 - 05 - 24));
        assert_eq!(holiday(2026, "good-friday"), date!(2026 - 04 - 03));
        assert_eq!(holiday(2026, "easter-monday"), date!(2026 - 04 - 06));
    }

    #[test]
    fn movable_holidays_fall_on_their_weekday_and_window() {
        for year in 1900..=2200 {
            let eve = holiday(year, "midsummer-eve");
            assert_eq!(eve.weekday(), Weekday::Friday);
            assert!((19..=25).contains(&eve.day()) && eve.month() == Month::June);
            let day = holiday(year, "midsummer-day");
            assert_eq!(day, eve + Duration::days(1));
            let saints = holiday(year, "all-saints-day");
            assert_eq!(saints.weekday(), Weekday::Saturday);
            let window = Date::from_calendar_date(year, Month::October, 31).unwrap();
            assert!(saints >= window && saints < window + Duration::days(7), "{year}");
        }
    }

    #[test]
    fn fifteen_per_year_sorted_with_unique_keys() {
        for year in 1900..=2200 {
            let holidays = finnish_public_holidays(year);
            assert_eq!(holidays.len(), 15, "{year}");
            assert!(holidays.windows(2).all(|w| w[0].date <= w[1].date), "{year}");
            assert!(holidays.iter().all(|h| h.date.year() == year));
            let mut keys: Vec<_> = holidays.iter().map(|h| h.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), 15);
        }
        let keys: Vec<_> = finnish_public_holidays(2026).iter().map(|h| h.key).collect();
        assert_eq!(
            keys,
            [
                "new-years-day",
                "epiphany",
                "good-friday",
                "easter-sunday",
                "easter-monday",
                "may-day",
                "ascension-day",
                "whit-sunday",
                "midsummer-eve",
                "midsummer-day",
                "all-saints-day",
                "independence-day",
                "christmas-eve",
                "christmas-day",
                "st-stephens-day",
            ]
        );
    }

    #[test]
    fn ascension_on_may_day_is_listed_twice() {
        // Easter 2008 was 23 March, so Ascension Day was 1 May.
        let holidays = finnish_public_holidays(2008);
        assert_eq!(holidays.len(), 15);
        assert_eq!(holidays.iter().filter(|h| h.date == date!(2008 - 05 - 01)).count(), 2);
    }

    #[test]
    fn is_public_holiday_checks_dates() {
        assert!(is_public_holiday(date!(2026 - 01 - 01)));
        assert!(is_public_holiday(date!(2026 - 04 - 03)));
        assert!(is_public_holiday(date!(2026 - 06 - 19)));
        assert!(is_public_holiday(date!(2026 - 12 - 06)));
        assert!(is_public_holiday(date!(2026 - 12 - 24)));
        assert!(!is_public_holiday(date!(2026 - 04 - 07)));
        assert!(!is_public_holiday(date!(2026 - 06 - 18)));
        assert!(!is_public_holiday(date!(2026 - 12 - 27)));
        assert!(!is_public_holiday(date!(2026 - 12 - 31)));
    }
}
