//! A zone's clock: its current rule, the changes that rule does not describe, and the
//! reading of a local time as an instant.

use super::calendar::DAY;
use super::posix::Rule;

/// What the clocks show in one zone.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    rule: Rule,
    /// Changes the rule does not describe (Morocco's for Ramadan), in order: from each
    /// instant (seconds since 1970-01-01 UTC) the offset from UTC (seconds east) until
    /// the next. From the last one on, and before the first, the rule holds.
    changes: &'static [(i64, i32)],
}

impl Clock {
    pub fn new(rule: Rule, changes: &'static [(i64, i32)]) -> Clock {
        Clock { rule, changes }
    }

    /// The offset from UTC, in seconds east, at the instant `utc`.
    pub fn offset_at(&self, utc: i64) -> i32 {
        let passed = self.changes.partition_point(|&(at, _)| at <= utc);
        if (1..self.changes.len()).contains(&passed)
            && let Some(&(_, offset)) = self.changes.get(passed - 1)
        {
            return offset;
        }
        self.rule.offset_at(utc)
    }

    /// The instant at which the clocks show `local` (seconds since 1970-01-01 as this
    /// zone's clocks count them). A time the clocks skip when they go forward is read with
    /// the offset before the change, so that it falls just after it; a time they show twice
    /// when they go back is the first. This is RFC 5545's reading, and jiff's "compatible".
    pub fn instant_of(&self, local: i64) -> i64 {
        // The offsets either side of any change near `local`: no zone changes its clocks
        // twice within two days.
        let before = self.offset_at(local - DAY);
        let after = self.offset_at(local + DAY);
        let shows = |offset: i32| self.offset_at(local - i64::from(offset)) == offset;
        let offset = if !shows(before) && shows(after) {
            after
        } else {
            before
        };
        local - i64::from(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time_zones::calendar::days_from_civil;

    fn at(year: i64, month: u8, day: u8, hour: i64, minute: i64) -> i64 {
        days_from_civil(year, month, day) * DAY + hour * 3600 + minute * 60
    }

    fn new_york() -> Clock {
        let rule = Rule::parse("EST5EDT,M3.2.0,M11.1.0").expect("a rule");
        Clock::new(rule, &[])
    }

    #[test]
    fn skipped_times_fall_after_the_change_and_repeated_times_are_the_first() {
        let clock = new_york();
        // 2:30 a.m. on 8 March 2026 does not exist in New York: it is read as 3:30 EDT.
        assert_eq!(
            clock.instant_of(at(2026, 3, 8, 2, 30)),
            at(2026, 3, 8, 7, 30)
        );
        assert_eq!(
            clock.instant_of(at(2026, 3, 8, 1, 59)),
            at(2026, 3, 8, 6, 59)
        );
        assert_eq!(clock.instant_of(at(2026, 3, 8, 3, 0)), at(2026, 3, 8, 7, 0));
        // 1:30 a.m. on 1 November 2026 happens twice: the first, in EDT.
        assert_eq!(
            clock.instant_of(at(2026, 11, 1, 1, 30)),
            at(2026, 11, 1, 5, 30)
        );
        assert_eq!(
            clock.instant_of(at(2026, 11, 1, 2, 0)),
            at(2026, 11, 1, 7, 0)
        );
    }

    #[test]
    fn listed_changes_override_the_rule_between_the_first_and_the_last() {
        // Casablanca's rule is +01 all year; for Ramadan 2026 its clocks go back an hour.
        let rule = Rule::parse("<+01>-1").expect("a rule");
        const RAMADAN: &[(i64, i32)] = &[(1_771_120_800, 0), (1_774_144_800, 3600)];
        assert_eq!(RAMADAN[0].0, at(2026, 2, 15, 2, 0));
        assert_eq!(RAMADAN[1].0, at(2026, 3, 22, 2, 0));
        let clock = Clock::new(rule, RAMADAN);
        assert_eq!(clock.offset_at(at(2026, 2, 15, 1, 59)), 3600);
        assert_eq!(clock.offset_at(at(2026, 2, 15, 2, 0)), 0);
        assert_eq!(clock.offset_at(at(2026, 3, 22, 1, 59)), 0);
        assert_eq!(clock.offset_at(at(2026, 3, 22, 2, 0)), 3600);
        assert_eq!(clock.offset_at(at(2030, 1, 1, 0, 0)), 3600);
        assert_eq!(
            clock.instant_of(at(2026, 3, 1, 9, 30)),
            at(2026, 3, 1, 9, 30)
        );
    }
}
