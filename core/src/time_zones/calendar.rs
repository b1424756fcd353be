//! Days of the proleptic Gregorian calendar counted from 1970-01-01, the arithmetic under
//! the conversion of times between zones.
//!
//! The algorithms are Howard Hinnant's (`days_from_civil`, `civil_from_days`,
//! <https://howardhinnant.github.io/date_algorithms.html>), exact for every year an `i64`
//! can hold.

/// Seconds in a day (time-zone rules know no leap seconds).
pub const DAY: i64 = 86_400;

/// The number of days from 1970-01-01 to the given date (negative before it).
pub fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    // Months counted from March, so that the leap day ends the year.
    let month_from_march = (i64::from(month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date that is `days` days after 1970-01-01: (year, month, day).
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both are in range by construction: day 1..=31, month 1..=12.
    (year, narrow(month), narrow(day))
}

fn narrow(n: i64) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

/// The day of the week of a day counted from 1970-01-01 (a Thursday): 0 is Sunday.
pub fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// The number of days in a month, 0 for a month that does not exist.
pub fn month_length(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_the_unix_epoch() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2026, 12, 1), 20_788);
        assert_eq!(weekday(days_from_civil(2026, 12, 1)), 2, "a Tuesday");
        assert_eq!(weekday(days_from_civil(1970, 1, 4)), 0, "a Sunday");
    }

    #[test]
    fn every_day_of_four_centuries_goes_there_and_back() {
        let mut days = days_from_civil(1900, 1, 1);
        for year in 1900..2300 {
            for month in 1..=12 {
                for day in 1..=month_length(year, month) {
                    assert_eq!(days_from_civil(year, month, day), days);
                    assert_eq!(civil_from_days(days), (year, month, day));
                    days += 1;
                }
            }
        }
        assert_eq!(month_length(2000, 2), 29);
        assert_eq!(month_length(2100, 2), 28);
        assert_eq!(month_length(2028, 2), 29);
        assert_eq!(month_length(2026, 13), 0);
    }
}
