//! A zone's current rule as a POSIX TZ string, the line that ends its TZif file
//! (`EST5EDT,M3.2.0,M11.1.0`), and the offset from UTC that the rule gives at an instant.
//!
//! This is what jiff's `TimeZone::posix` does; ARCHITECTURE.md ("Decisions") says why it is
//! ours. It reads the forms the IANA database writes: names plain or in angle brackets
//! (`<+0530>`), offsets `[+-]hh[:mm[:ss]]`, and changes `Mm.w.d[/time]` with the extended
//! times of RFC 8536 (`/26`, `/-1`). It refuses the day-of-year forms `Jn` and `n` and a
//! daylight saving time without its changes, which the database never writes; a test reads
//! every stored rule.

use super::calendar::{self, DAY};

/// A zone's rule: its standard time and, where it has one, its daylight saving time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Standard time's offset from UTC, in seconds east of Greenwich (POSIX counts west).
    standard: i32,
    daylight: Option<Daylight>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Daylight {
    /// The offset from UTC while daylight saving time is in force, in seconds east.
    offset: i32,
    /// When it starts, in standard time.
    start: Change,
    /// When it ends, in daylight saving time.
    end: Change,
}

/// `Mm.w.d/time`: weekday `d` (0 is Sunday) of week `w` of month `m`, week 5 being the
/// month's last such weekday, at `time` seconds after that day's local midnight (which
/// may be negative or past 24 hours: `M3.4.4/26` is 2 a.m. on the following Friday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    month: u8,
    week: u8,
    weekday: u8,
    time: i32,
}

impl Rule {
    /// Reads a POSIX TZ string; `None` when it is not of the forms above.
    pub fn parse(text: &str) -> Option<Rule> {
        let mut p = Parser {
            rest: text.as_bytes(),
        };
        p.name()?;
        let standard = -p.duration(24)?;
        if p.rest.is_empty() {
            return Some(Rule {
                standard,
                daylight: None,
            });
        }
        p.name()?;
        // Without its own offset, daylight saving time is an hour ahead of standard time.
        let offset = if p.rest.first() == Some(&b',') {
            standard + 3600
        } else {
            -p.duration(24)?
        };
        p.expect(b',')?;
        let start = p.change()?;
        p.expect(b',')?;
        let end = p.change()?;
        p.rest.is_empty().then_some(Rule {
            standard,
            daylight: Some(Daylight { offset, start, end }),
        })
    }

    /// The offset from UTC, in seconds east, at the instant `utc` (seconds since
    /// 1970-01-01 UTC).
    pub fn offset_at(&self, utc: i64) -> i32 {
        let Some(daylight) = self.daylight else {
            return self.standard;
        };
        let days = (utc + i64::from(self.standard)).div_euclid(DAY);
        let (year, _, _) = calendar::civil_from_days(days);
        let start = daylight.start.instant(year, self.standard);
        let end = daylight.end.instant(year, daylight.offset);
        // In the southern hemisphere daylight saving time spans the new year.
        let in_daylight = if start < end {
            (start..end).contains(&utc)
        } else {
            !(end..start).contains(&utc)
        };
        if in_daylight {
            daylight.offset
        } else {
            self.standard
        }
    }
}

impl Change {
    /// The instant of this change in `year`, where the clocks show `offset` until then.
    fn instant(self, year: i64, offset: i32) -> i64 {
        let first = calendar::days_from_civil(year, self.month, 1);
        let length = i64::from(calendar::month_length(year, self.month));
        let mut day = (i64::from(self.weekday) - calendar::weekday(first)).rem_euclid(7)
            + 7 * (i64::from(self.week) - 1);
        while day >= length {
            day -= 7;
        }
        (first + day) * DAY + i64::from(self.time) - i64::from(offset)
    }
}

/// Reads a POSIX TZ string from the front.
struct Parser<'a> {
    rest: &'a [u8],
}

impl Parser<'_> {
    /// Takes `byte`, or fails and leaves the text as it is.
    fn expect(&mut self, byte: u8) -> Option<()> {
        let (&first, rest) = self.rest.split_first()?;
        if first != byte {
            return None;
        }
        self.rest = rest;
        Some(())
    }

    /// A zone abbreviation, which says nothing about the offset: `EST`, `<+0530>`.
    fn name(&mut self) -> Option<()> {
        let length = if self.rest.first() == Some(&b'<') {
            self.rest.iter().position(|&b| b == b'>')? + 1
        } else {
            let letters = self
                .rest
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            (letters >= 3).then_some(letters)?
        };
        self.rest = self.rest.get(length..)?;
        Some(())
    }

    /// An unsigned number of at most three digits.
    fn number(&mut self) -> Option<i32> {
        let digits = self.rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        let (number, rest) = self.rest.split_at(digits);
        self.rest = rest;
        Some(number.iter().fold(0, |n, d| n * 10 + i32::from(d - b'0')))
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, with at most `max_hours` hours.
    fn duration(&mut self, max_hours: i32) -> Option<i32> {
        let sign = if self.expect(b'-').is_some() {
            -1
        } else {
            let _plus = self.expect(b'+');
            1
        };
        let hours = self.number()?;
        let mut seconds = hours * 3600;
        for unit in [60, 1] {
            if self.expect(b':').is_none() {
                break;
            }
            let n = self.number()?;
            if n > 59 {
                return None;
            }
            seconds += n * unit;
        }
        (hours <= max_hours).then_some(sign * seconds)
    }

    /// `Mm.w.d[/time]`; the time is 02:00 when not given.
    fn change(&mut self) -> Option<Change> {
        self.expect(b'M')?;
        let month = self.number()?;
        self.expect(b'.')?;
        let week = self.number()?;
        self.expect(b'.')?;
        let weekday = self.number()?;
        let time = if self.expect(b'/').is_some() {
            self.duration(167)?
        } else {
            2 * 3600
        };
        let small = |n: i32, range: std::ops::RangeInclusive<i32>| {
            range.contains(&n).then(|| u8::try_from(n).ok()).flatten()
        };
        Some(Change {
            month: small(month, 1..=12)?,
            week: small(week, 1..=5)?,
            weekday: small(weekday, 0..=6)?,
            time,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time_zones::calendar::days_from_civil;

    /// The instant of a UTC date and time.
    fn utc(year: i64, month: u8, day: u8, hour: i64, minute: i64) -> i64 {
        days_from_civil(year, month, day) * DAY + hour * 3600 + minute * 60
    }

    fn rule(text: &str) -> Rule {
        Rule::parse(text).unwrap_or_else(|| panic!("{text} is a rule"))
    }

    #[test]
    fn rules_are_read_with_their_offsets_east_of_greenwich() {
        assert_eq!(
            rule("<+0530>-5:30"),
            Rule {
                standard: 19_800,
                daylight: None
            }
        );
        assert_eq!(rule("NST3:30NDT,M3.2.0,M11.1.0").standard, -12_600);
        let santiago = rule("<-04>4<-03>,M9.1.6/24,M4.1.6/24");
        assert_eq!(
            santiago.daylight.map(|d| (d.offset, d.start.time)),
            Some((-10_800, 86_400))
        );
        let dublin = rule("IST-1GMT0,M10.5.0,M3.5.0/1");
        assert_eq!(
            (dublin.standard, dublin.daylight.map(|d| d.offset)),
            (3600, Some(0))
        );
        assert_eq!(
            rule("EST5EDT4,M3.2.0/2:00:00,M11.1.0")
                .daylight
                .map(|d| d.offset),
            Some(-14_400)
        );
    }

    #[test]
    fn other_forms_are_refused() {
        for text in [
            "",
            "EST",
            "ES5",
            "EST5EDT",
            "EST5EDT,M3.2.0",
            "EST5EDT,J60,J300",
            "EST5EDT,60,300",
            "EST5EDT,M13.2.0,M11.1.0",
            "EST5EDT,M3.6.0,M11.1.0",
            "EST5EDT,M3.2.7,M11.1.0",
            "EST5EDT,M3.2.0/168,M11.1.0",
            "EST25",
            "EST5:60",
            "<+05-5",
            "EST5 ",
        ] {
            assert_eq!(Rule::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn offsets_follow_the_changes_of_each_year() {
        let new_york = rule("EST5EDT,M3.2.0,M11.1.0");
        // 2026: from 2 a.m. EST on Sunday 8 March to 2 a.m. EDT on Sunday 1 November.
        assert_eq!(new_york.offset_at(utc(2026, 3, 8, 6, 59)), -18_000);
        assert_eq!(new_york.offset_at(utc(2026, 3, 8, 7, 0)), -14_400);
        assert_eq!(new_york.offset_at(utc(2026, 11, 1, 5, 59)), -14_400);
        assert_eq!(new_york.offset_at(utc(2026, 11, 1, 6, 0)), -18_000);
        let london = rule("GMT0BST,M3.5.0/1,M10.5.0");
        // The last Sunday of March 2026 is the 29th, of October the 25th.
        assert_eq!(london.offset_at(utc(2026, 3, 29, 0, 59)), 0);
        assert_eq!(london.offset_at(utc(2026, 3, 29, 1, 0)), 3600);
        assert_eq!(london.offset_at(utc(2026, 10, 25, 0, 59)), 3600);
        assert_eq!(london.offset_at(utc(2026, 10, 25, 1, 0)), 0);
        // Sydney keeps daylight saving time over the new year, until 3 a.m. AEDT on the
        // first Sunday of April (5 April 2026), and from 2 a.m. AEST on 4 October.
        let sydney = rule("AEST-10AEDT,M10.1.0,M4.1.0/3");
        assert_eq!(sydney.offset_at(utc(2026, 1, 1, 0, 0)), 39_600);
        assert_eq!(sydney.offset_at(utc(2026, 4, 4, 15, 59)), 39_600);
        assert_eq!(sydney.offset_at(utc(2026, 4, 4, 16, 0)), 36_000);
        assert_eq!(sydney.offset_at(utc(2026, 10, 3, 15, 59)), 36_000);
        assert_eq!(sydney.offset_at(utc(2026, 10, 3, 16, 0)), 39_600);
        assert_eq!(
            rule("<+0545>-5:45").offset_at(utc(2026, 6, 1, 0, 0)),
            20_700
        );
    }
}
