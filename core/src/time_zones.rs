//! Time zones: checking the names mediators type, naming zones in words, and giving the
//! session's start time in each party's zone.
//!
//! caucus knows the zones of [`ZONES`], the list the drafting app offers, with some other
//! names of them ("US/Eastern", "Europe/Kiev") and the old abbreviation zones ("EST"),
//! which the checks accept with a warning. Mediations are scheduled for the coming months,
//! so each zone needs only its current rule: the POSIX TZ string that ends its file in the
//! IANA time-zone database (`EST5EDT,M3.2.0,M11.1.0`), read by `posix.rs`, plus the few
//! clock changes such a rule cannot say (Morocco's for Ramadan). `rules.rs` holds them,
//! generated at development time from the database that jiff bundles (`tzdb.rs`, tests
//! only), so the engine carries a few kilobytes instead of the whole database, never reads
//! the system's zone files, and gives the same text on every machine and in WebAssembly.
//! Tests hold every zone to the full database, instant by instant, from 2026 to 2036.
//!
//! Documents name a zone by its place, as people say it ("New York time"), never by its
//! identifier (`America/New_York`) or by an abbreviation that is right for only half the
//! year ("EST").

mod calendar;
mod clock;
mod posix;
#[rustfmt::skip]
mod rules;
#[cfg(test)]
mod tzdb;

use crate::options::{Date, Locale, TimeOfDay};
use calendar::DAY;
use clock::Clock;
use posix::Rule;

/// The release of the IANA time-zone database the zone rules come from ("2026f"), for a
/// version report.
pub const TZDATA_VERSION: &str = rules::VERSION;

/// A time zone as the drafting app offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneName {
    /// The IANA identifier, as written in options: `America/New_York`.
    pub id: &'static str,
    /// The place the documents name the zone after: "New York".
    pub place: &'static str,
    /// Where the place is, for a list to choose from: "United States (Eastern)".
    pub region: &'static str,
}

const fn zone(id: &'static str, place: &'static str, region: &'static str) -> ZoneName {
    ZoneName { id, place, region }
}

/// The zones most mediations use, west to east within each continent.
pub const ZONES: &[ZoneName] = &[
    zone("UTC", "UTC", "Coordinated Universal Time"),
    // The Americas.
    zone("Pacific/Honolulu", "Honolulu", "United States (Hawaii)"),
    zone("America/Anchorage", "Anchorage", "United States (Alaska)"),
    zone("America/Vancouver", "Vancouver", "Canada (Pacific)"),
    zone(
        "America/Los_Angeles",
        "Los Angeles",
        "United States (Pacific)",
    ),
    zone("America/Tijuana", "Tijuana", "Mexico (Pacific)"),
    zone("America/Edmonton", "Edmonton", "Canada (Mountain)"),
    zone("America/Denver", "Denver", "United States (Mountain)"),
    zone("America/Phoenix", "Phoenix", "United States (Arizona)"),
    zone("America/Regina", "Regina", "Canada (Saskatchewan)"),
    zone("America/Winnipeg", "Winnipeg", "Canada (Central)"),
    zone("America/Chicago", "Chicago", "United States (Central)"),
    zone("America/Mexico_City", "Mexico City", "Mexico (Central)"),
    zone("America/Guatemala", "Guatemala City", "Guatemala"),
    zone("America/Costa_Rica", "San José", "Costa Rica"),
    zone("America/Toronto", "Toronto", "Canada (Eastern)"),
    zone("America/New_York", "New York", "United States (Eastern)"),
    zone("America/Bogota", "Bogotá", "Colombia"),
    zone("America/Lima", "Lima", "Peru"),
    zone("America/Panama", "Panama City", "Panama"),
    zone("America/Jamaica", "Kingston", "Jamaica"),
    zone("America/Caracas", "Caracas", "Venezuela"),
    zone("America/Halifax", "Halifax", "Canada (Atlantic)"),
    zone("America/Puerto_Rico", "San Juan", "Puerto Rico"),
    zone("America/Barbados", "Bridgetown", "Barbados"),
    zone(
        "America/Port_of_Spain",
        "Port of Spain",
        "Trinidad and Tobago",
    ),
    zone("America/La_Paz", "La Paz", "Bolivia"),
    zone("America/Santiago", "Santiago", "Chile"),
    zone("America/St_Johns", "St. John's", "Canada (Newfoundland)"),
    zone("America/Sao_Paulo", "São Paulo", "Brazil"),
    zone(
        "America/Argentina/Buenos_Aires",
        "Buenos Aires",
        "Argentina",
    ),
    zone("America/Montevideo", "Montevideo", "Uruguay"),
    zone("Atlantic/Bermuda", "Hamilton", "Bermuda"),
    // Europe.
    zone("Atlantic/Reykjavik", "Reykjavík", "Iceland"),
    zone("Europe/Dublin", "Dublin", "Ireland"),
    zone("Europe/London", "London", "United Kingdom"),
    zone("Europe/Lisbon", "Lisbon", "Portugal"),
    zone("Atlantic/Canary", "Las Palmas", "Spain (Canary Islands)"),
    zone("Europe/Madrid", "Madrid", "Spain"),
    zone("Europe/Paris", "Paris", "France"),
    zone("Europe/Brussels", "Brussels", "Belgium"),
    zone("Europe/Amsterdam", "Amsterdam", "Netherlands"),
    zone("Europe/Luxembourg", "Luxembourg", "Luxembourg"),
    zone("Europe/Berlin", "Berlin", "Germany"),
    zone("Europe/Zurich", "Zurich", "Switzerland"),
    zone("Europe/Vienna", "Vienna", "Austria"),
    zone("Europe/Rome", "Rome", "Italy"),
    zone("Europe/Malta", "Valletta", "Malta"),
    zone("Europe/Copenhagen", "Copenhagen", "Denmark"),
    zone("Europe/Oslo", "Oslo", "Norway"),
    zone("Europe/Stockholm", "Stockholm", "Sweden"),
    zone("Europe/Warsaw", "Warsaw", "Poland"),
    zone("Europe/Prague", "Prague", "Czechia"),
    zone("Europe/Budapest", "Budapest", "Hungary"),
    zone("Europe/Belgrade", "Belgrade", "Serbia"),
    zone("Europe/Zagreb", "Zagreb", "Croatia"),
    zone("Europe/Helsinki", "Helsinki", "Finland"),
    zone("Europe/Tallinn", "Tallinn", "Estonia"),
    zone("Europe/Riga", "Riga", "Latvia"),
    zone("Europe/Vilnius", "Vilnius", "Lithuania"),
    zone("Europe/Kyiv", "Kyiv", "Ukraine"),
    zone("Europe/Bucharest", "Bucharest", "Romania"),
    zone("Europe/Sofia", "Sofia", "Bulgaria"),
    zone("Europe/Athens", "Athens", "Greece"),
    zone("Asia/Nicosia", "Nicosia", "Cyprus"),
    zone("Europe/Istanbul", "Istanbul", "Türkiye"),
    zone("Europe/Moscow", "Moscow", "Russia (Moscow)"),
    // Africa.
    zone("Africa/Casablanca", "Casablanca", "Morocco"),
    zone("Africa/Accra", "Accra", "Ghana"),
    zone("Africa/Lagos", "Lagos", "Nigeria"),
    zone("Africa/Cairo", "Cairo", "Egypt"),
    zone("Africa/Johannesburg", "Johannesburg", "South Africa"),
    zone("Africa/Harare", "Harare", "Zimbabwe"),
    zone("Africa/Kigali", "Kigali", "Rwanda"),
    zone("Africa/Nairobi", "Nairobi", "Kenya"),
    zone("Africa/Addis_Ababa", "Addis Ababa", "Ethiopia"),
    zone("Africa/Dar_es_Salaam", "Dar es Salaam", "Tanzania"),
    zone("Indian/Mauritius", "Port Louis", "Mauritius"),
    // Asia and the Middle East.
    zone("Asia/Jerusalem", "Jerusalem", "Israel"),
    zone("Asia/Beirut", "Beirut", "Lebanon"),
    zone("Asia/Amman", "Amman", "Jordan"),
    zone("Asia/Riyadh", "Riyadh", "Saudi Arabia"),
    zone("Asia/Qatar", "Doha", "Qatar"),
    zone("Asia/Bahrain", "Manama", "Bahrain"),
    zone("Asia/Kuwait", "Kuwait City", "Kuwait"),
    zone("Asia/Tehran", "Tehran", "Iran"),
    zone("Asia/Dubai", "Dubai", "United Arab Emirates"),
    zone("Asia/Muscat", "Muscat", "Oman"),
    zone("Asia/Karachi", "Karachi", "Pakistan"),
    zone("Asia/Tashkent", "Tashkent", "Uzbekistan"),
    zone("Asia/Kolkata", "India", "India"),
    zone("Asia/Colombo", "Colombo", "Sri Lanka"),
    zone("Asia/Kathmandu", "Kathmandu", "Nepal"),
    zone("Asia/Dhaka", "Dhaka", "Bangladesh"),
    zone("Asia/Almaty", "Almaty", "Kazakhstan"),
    zone("Asia/Yangon", "Yangon", "Myanmar"),
    zone("Asia/Bangkok", "Bangkok", "Thailand"),
    zone("Asia/Ho_Chi_Minh", "Ho Chi Minh City", "Vietnam"),
    zone("Asia/Jakarta", "Jakarta", "Indonesia (Western)"),
    zone("Asia/Kuala_Lumpur", "Kuala Lumpur", "Malaysia"),
    zone("Asia/Singapore", "Singapore", "Singapore"),
    zone("Asia/Manila", "Manila", "Philippines"),
    zone("Asia/Hong_Kong", "Hong Kong", "Hong Kong"),
    zone("Asia/Shanghai", "Beijing", "China"),
    zone("Asia/Taipei", "Taipei", "Taiwan"),
    zone("Australia/Perth", "Perth", "Australia (Western)"),
    zone("Asia/Seoul", "Seoul", "South Korea"),
    zone("Asia/Tokyo", "Tokyo", "Japan"),
    // Oceania.
    zone(
        "Australia/Darwin",
        "Darwin",
        "Australia (Northern Territory)",
    ),
    zone("Australia/Adelaide", "Adelaide", "Australia (South)"),
    zone("Australia/Brisbane", "Brisbane", "Australia (Queensland)"),
    zone("Australia/Sydney", "Sydney", "Australia (New South Wales)"),
    zone("Australia/Melbourne", "Melbourne", "Australia (Victoria)"),
    zone("Australia/Hobart", "Hobart", "Australia (Tasmania)"),
    zone("Pacific/Port_Moresby", "Port Moresby", "Papua New Guinea"),
    zone("Pacific/Noumea", "Nouméa", "New Caledonia"),
    zone("Pacific/Auckland", "Auckland", "New Zealand"),
    zone("Pacific/Fiji", "Suva", "Fiji"),
];

/// The zones accepted beside [`ZONES`]: GMT, and the old zones of the database named
/// after an abbreviation, which say nothing about a place (the checks warn about them).
pub const OTHER_ZONES: &[&str] = &[
    "GMT", "CET", "CST6CDT", "EET", "EST", "EST5EDT", "HST", "MET", "MST", "MST7MDT", "PST8PDT",
    "WET",
];

/// Other names of the zones above, each with the zone it is read as: the many names of
/// UTC and GMT, former spellings ("Europe/Kiev"), and the database's old names of regions
/// and countries ("US/Eastern", "Japan"). Only names for the same place as their zone:
/// "Europe/Ljubljana", which keeps Belgrade's clock, is not read as "Belgrade time".
const ALIASES: &[(&str, &str)] = &[
    ("Etc/UTC", "UTC"),
    ("Etc/UCT", "UTC"),
    ("Etc/Universal", "UTC"),
    ("Etc/Zulu", "UTC"),
    ("UCT", "UTC"),
    ("Universal", "UTC"),
    ("Zulu", "UTC"),
    ("Etc/GMT", "GMT"),
    ("Etc/GMT+0", "GMT"),
    ("Etc/GMT-0", "GMT"),
    ("Etc/GMT0", "GMT"),
    ("Etc/Greenwich", "GMT"),
    ("GMT+0", "GMT"),
    ("GMT-0", "GMT"),
    ("GMT0", "GMT"),
    ("Greenwich", "GMT"),
    // Former spellings and merged names.
    ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ("America/Ensenada", "America/Tijuana"),
    ("America/Montreal", "America/Toronto"),
    ("America/Santa_Isabel", "America/Tijuana"),
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Asia/Dacca", "Asia/Dhaka"),
    ("Asia/Istanbul", "Europe/Istanbul"),
    ("Asia/Katmandu", "Asia/Kathmandu"),
    ("Asia/Rangoon", "Asia/Yangon"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Asia/Tel_Aviv", "Asia/Jerusalem"),
    ("Australia/ACT", "Australia/Sydney"),
    ("Australia/Canberra", "Australia/Sydney"),
    ("Australia/NSW", "Australia/Sydney"),
    ("Europe/Belfast", "Europe/London"),
    ("Europe/Kiev", "Europe/Kyiv"),
    ("Europe/Nicosia", "Asia/Nicosia"),
    // Regions.
    ("Australia/North", "Australia/Darwin"),
    ("Australia/Queensland", "Australia/Brisbane"),
    ("Australia/South", "Australia/Adelaide"),
    ("Australia/Tasmania", "Australia/Hobart"),
    ("Australia/Victoria", "Australia/Melbourne"),
    ("Australia/West", "Australia/Perth"),
    ("Brazil/East", "America/Sao_Paulo"),
    ("Canada/Atlantic", "America/Halifax"),
    ("Canada/Central", "America/Winnipeg"),
    ("Canada/Eastern", "America/Toronto"),
    ("Canada/Mountain", "America/Edmonton"),
    ("Canada/Newfoundland", "America/St_Johns"),
    ("Canada/Pacific", "America/Vancouver"),
    ("Canada/Saskatchewan", "America/Regina"),
    ("Chile/Continental", "America/Santiago"),
    ("Mexico/BajaNorte", "America/Tijuana"),
    ("Mexico/General", "America/Mexico_City"),
    ("US/Alaska", "America/Anchorage"),
    ("US/Arizona", "America/Phoenix"),
    ("US/Central", "America/Chicago"),
    ("US/Eastern", "America/New_York"),
    ("US/Hawaii", "Pacific/Honolulu"),
    ("US/Mountain", "America/Denver"),
    ("US/Pacific", "America/Los_Angeles"),
    // Countries.
    ("Egypt", "Africa/Cairo"),
    ("Eire", "Europe/Dublin"),
    ("GB", "Europe/London"),
    ("GB-Eire", "Europe/London"),
    ("Hongkong", "Asia/Hong_Kong"),
    ("Iceland", "Atlantic/Reykjavik"),
    ("Iran", "Asia/Tehran"),
    ("Israel", "Asia/Jerusalem"),
    ("Jamaica", "America/Jamaica"),
    ("Japan", "Asia/Tokyo"),
    ("NZ", "Pacific/Auckland"),
    ("PRC", "Asia/Shanghai"),
    ("Poland", "Europe/Warsaw"),
    ("Portugal", "Europe/Lisbon"),
    ("ROC", "Asia/Taipei"),
    ("ROK", "Asia/Seoul"),
    ("Singapore", "Asia/Singapore"),
    ("Turkey", "Europe/Istanbul"),
    ("W-SU", "Europe/Moscow"),
];

/// Abbreviations people type for a zone, and the zone they usually mean. Only the
/// unambiguous ones: "IST" is India, Ireland or Israel, so it gets no suggestion here.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("et", "America/New_York"),
    ("est", "America/New_York"),
    ("edt", "America/New_York"),
    ("eastern", "America/New_York"),
    ("ct", "America/Chicago"),
    ("cst", "America/Chicago"),
    ("cdt", "America/Chicago"),
    ("central", "America/Chicago"),
    ("mt", "America/Denver"),
    ("mst", "America/Denver"),
    ("mdt", "America/Denver"),
    ("pt", "America/Los_Angeles"),
    ("pst", "America/Los_Angeles"),
    ("pdt", "America/Los_Angeles"),
    ("pacific", "America/Los_Angeles"),
    ("bst", "Europe/London"),
    ("uk", "Europe/London"),
    ("cet", "Europe/Paris"),
    ("cest", "Europe/Paris"),
    ("eet", "Europe/Athens"),
    ("eest", "Europe/Athens"),
    ("jst", "Asia/Tokyo"),
    ("kst", "Asia/Seoul"),
    ("sgt", "Asia/Singapore"),
    ("hkt", "Asia/Hong_Kong"),
    ("aest", "Australia/Sydney"),
    ("aedt", "Australia/Sydney"),
    ("nzst", "Pacific/Auckland"),
    ("nzdt", "Pacific/Auckland"),
];

/// The identifier of the zone that `name` names (in any letter case), as the database
/// spells it: one of [`ZONES`] or [`OTHER_ZONES`], also for another name of it
/// (`us/eastern` is `America/New_York`). `None` for a zone caucus does not know.
pub fn canonical(name: &str) -> Option<String> {
    let name = name.trim();
    // No zone is unnamed; an empty name (no zone given, as in most cases) would otherwise
    // be looked for in every name of the database.
    if name.is_empty() {
        return None;
    }
    // Most names are spelt as the database spells them: found at once in its sorted list
    // (identifiers differ in more than letter case, so this is the match the scan finds).
    if let Ok(i) = rules::RULES.binary_search_by(|(id, _)| (*id).cmp(name)) {
        return Some(rules::RULES[i].0.to_owned());
    }
    let id = rules::RULES
        .iter()
        .map(|(id, _)| (*id, *id))
        .chain(ALIASES.iter().copied())
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|(_, id)| id)?;
    Some(id.to_owned())
}

/// Whether `id` is one of the old fixed or abbreviation zones of the database ("EST",
/// "CET", "EST5EDT"), which say nothing about a place and often not what was meant.
pub fn is_legacy(id: &str) -> bool {
    !id.contains('/') && !matches!(id, "UTC" | "GMT")
}

/// Whether the zone `id` changes its clocks for daylight saving time under its current
/// rule: a POSIX rule with a second (summer) part, such as CET's `CET-1CEST,M3.5.0,...`.
/// EST (`EST5`) does not; EST5EDT does.
pub fn has_daylight_saving(id: &str) -> bool {
    rules::RULES
        .iter()
        .find(|(known, _)| *known == id)
        .is_some_and(|(_, rule)| rule.contains(','))
}

/// The zone named in words, for a sentence: "New York time", "UTC".
pub fn readable(id: &str) -> String {
    if let Some(z) = ZONES.iter().find(|z| z.id == id) {
        return if z.id == "UTC" {
            "UTC".to_owned()
        } else {
            format!("{} time", z.place)
        };
    }
    match id {
        "UTC" | "Etc/UTC" | "Etc/UCT" | "UCT" | "Etc/Universal" | "Universal" | "Zulu" => {
            return "UTC".to_owned();
        }
        "GMT" | "Etc/GMT" | "Etc/Greenwich" | "Greenwich" => return "GMT".to_owned(),
        _ => {}
    }
    // `Etc/GMT+5` is five hours *behind* UTC: the sign is the POSIX one, the reverse of
    // what people expect, so it is written the usual way round.
    if let Some(offset) = id.strip_prefix("Etc/GMT") {
        let flipped: String = offset
            .chars()
            .map(|c| match c {
                '+' => '-',
                '-' => '+',
                c => c,
            })
            .collect();
        return format!("UTC{flipped}");
    }
    let place = id.rsplit('/').next().unwrap_or(id).replace('_', " ");
    if is_legacy(id) {
        place
    } else {
        format!("{place} time")
    }
}

/// A zone to suggest for a name caucus does not know: an abbreviation's usual zone, a
/// zone whose place is the name ("london"), or the closest name of a zone.
pub fn suggest(name: &str) -> Option<String> {
    let wanted = name.trim().to_lowercase().replace(' ', "_");
    if wanted.is_empty() {
        return None;
    }
    if let Some((_, id)) = ABBREVIATIONS.iter().find(|(a, _)| *a == wanted) {
        return Some((*id).to_owned());
    }
    if let Some(z) = ZONES
        .iter()
        .find(|z| z.place.to_lowercase().replace(' ', "_") == wanted)
    {
        return Some(z.id.to_owned());
    }
    // Every name of a place's zone, with the zone it names; the abbreviation zones are
    // never suggested.
    let names = || {
        rules::RULES
            .iter()
            .map(|(id, _)| (*id, *id))
            .chain(ALIASES.iter().copied())
            .filter(|(name, _)| !is_legacy(name))
    };
    if let Some((_, id)) = names().find(|(name, _)| {
        name.rsplit('/')
            .next()
            .is_some_and(|place| place.to_lowercase() == wanted)
    }) {
        return Some(id.to_owned());
    }
    names()
        .map(|(name, id)| (distance(&name.to_lowercase(), &wanted), name, id))
        .filter(|(d, name, _)| *d <= 3.max(name.len() / 4))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, _, id)| id.to_owned())
}

/// The hint for a zone caucus does not know: the zone it may mean, and which zones caucus
/// knows; for a name in an area of the database ("Europe/Ljubljana"), that area's zones.
pub fn unknown_hint(name: &str) -> String {
    const KNOWN: &str = "caucus knows the zones of the main cities, written Region/City as the drafting app lists them";
    if let Some(zone) = suggest(name) {
        return format!("did you mean \"{zone}\"? {KNOWN}");
    }
    let area = name.trim().split('/').next().unwrap_or_default();
    let mut listed: Vec<&str> = ZONES
        .iter()
        .map(|z| z.id)
        .filter(|id| {
            id.split_once('/')
                .is_some_and(|(a, _)| !area.is_empty() && a.eq_ignore_ascii_case(area))
        })
        .collect();
    if listed.is_empty() {
        return format!("{KNOWN}, for example \"Europe/London\" or \"America/Toronto\"");
    }
    listed.sort_unstable();
    format!(
        "{KNOWN}; write the one whose clocks show your time. In that area: {}",
        listed.join(", ")
    )
}

/// The edit distance between two names (insertions, deletions, substitutions).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The civil date and time in zone `to` at the moment that is `date` at `time` in zone
/// `from` (a time the clocks skip is read as just after the change, a time they show
/// twice as the first). `None` when a zone is unknown (the checks report that first).
pub fn convert(date: Date, time: TimeOfDay, from: &str, to: &str) -> Option<(Date, TimeOfDay)> {
    let (from, to) = (clock(from)?, clock(to)?);
    let year = i64::from(date.year);
    if !(1..=calendar::month_length(year, date.month)).contains(&date.day)
        || time.hour > 23
        || time.minute > 59
    {
        return None;
    }
    let local = calendar::days_from_civil(year, date.month, date.day) * DAY
        + i64::from(time.hour) * 3600
        + i64::from(time.minute) * 60;
    let utc = from.instant_of(local);
    let there = utc + i64::from(to.offset_at(utc));
    let (year, month, day) = calendar::civil_from_days(there.div_euclid(DAY));
    let seconds = there.rem_euclid(DAY);
    Some((
        Date {
            year: u16::try_from(year).ok()?,
            month,
            day,
        },
        TimeOfDay {
            hour: u8::try_from(seconds / 3600).ok()?,
            minute: u8::try_from(seconds % 3600 / 60).ok()?,
        },
    ))
}

/// The clock of the zone that `name` names.
fn clock(name: &str) -> Option<Clock> {
    let id = canonical(name)?;
    let (_, rule) = rules::RULES.iter().find(|(known, _)| *known == id)?;
    let changes = rules::CHANGES
        .iter()
        .find(|(known, _)| *known == id)
        .map_or(&[][..], |(_, changes)| changes);
    Some(Clock::new(Rule::parse(rule)?, changes))
}

/// A time of day as each locale writes it: "09:30" (en-GB, 24-hour), "9:30 a.m."
/// (en-CA and en-US, with "noon" and "midnight" for the hours that "a.m." and "p.m."
/// leave ambiguous).
pub fn format_time(time: TimeOfDay, locale: Locale) -> String {
    match locale {
        Locale::EnGb => time.to_string(),
        Locale::EnCa | Locale::EnUs => {
            let (hour, minute) = (time.hour, time.minute);
            match (hour, minute) {
                (12, 0) => "12:00 noon".to_owned(),
                (0, 0) => "12:00 midnight".to_owned(),
                _ => {
                    let twelve = match hour % 12 {
                        0 => 12,
                        h => h,
                    };
                    let half = if hour < 12 { "a.m." } else { "p.m." };
                    format!("{twelve}:{minute:02} {half}")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    fn time(text: &str) -> TimeOfDay {
        TimeOfDay::parse(text).expect("a time")
    }

    #[test]
    fn every_listed_zone_is_in_the_database_under_that_name() {
        for z in ZONES {
            assert_eq!(canonical(z.id).as_deref(), Some(z.id), "{}", z.id);
        }
        let mut ids: Vec<&str> = ZONES.iter().map(|z| z.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ZONES.len(), "a zone is listed twice");
    }

    #[test]
    fn the_rules_are_sorted_and_differ_in_more_than_letter_case() {
        // canonical() finds an exact spelling by binary search, and takes it as the match
        // a case-insensitive scan would find.
        for pair in rules::RULES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (i, (a, _)) in rules::RULES.iter().enumerate() {
            for (b, _) in &rules::RULES[i + 1..] {
                assert!(!a.eq_ignore_ascii_case(b), "{a} and {b}");
            }
        }
        for (id, _) in rules::RULES {
            assert_eq!(canonical(id).as_deref(), Some(*id));
        }
    }

    #[test]
    fn names_are_checked_in_any_case_and_spelled_as_the_database_spells_them() {
        assert_eq!(canonical("europe/london").as_deref(), Some("Europe/London"));
        assert_eq!(canonical("Europe/Londres"), None);
        assert_eq!(canonical(""), None);
    }

    #[test]
    fn zones_are_named_after_their_place() {
        assert_eq!(readable("America/New_York"), "New York time");
        assert_eq!(readable("America/Argentina/Jujuy"), "Jujuy time");
        assert_eq!(readable("Etc/UTC"), "UTC");
        assert_eq!(readable("Etc/GMT+5"), "UTC-5");
        assert_eq!(readable("EST5EDT"), "EST5EDT");
    }

    #[test]
    fn unknown_names_get_a_suggestion() {
        assert_eq!(suggest("EST").as_deref(), Some("America/New_York"));
        assert_eq!(suggest("london").as_deref(), Some("Europe/London"));
        assert_eq!(suggest("Sao Paulo").as_deref(), Some("America/Sao_Paulo"));
        assert_eq!(suggest("Europe/Londn").as_deref(), Some("Europe/London"));
        assert_eq!(suggest("Toronto").as_deref(), Some("America/Toronto"));
        assert_eq!(suggest("nowhere at all, really"), None);
        assert_eq!(suggest("Europe/Kiv").as_deref(), Some("Europe/Kyiv"));
        assert_eq!(suggest("US/Estern").as_deref(), Some("America/New_York"));
    }

    #[test]
    fn other_names_of_a_zone_read_as_that_zone() {
        for (name, id) in [
            ("US/Eastern", "America/New_York"),
            ("europe/kiev", "Europe/Kyiv"),
            ("Asia/Calcutta", "Asia/Kolkata"),
            ("Japan", "Asia/Tokyo"),
            ("Etc/UTC", "UTC"),
            ("Etc/GMT", "GMT"),
            (" GMT ", "GMT"),
            ("EST", "EST"),
            ("cet", "CET"),
        ] {
            assert_eq!(canonical(name).as_deref(), Some(id), "{name}");
        }
        assert_eq!(
            readable(&canonical("US/Eastern").expect("known")),
            "New York time"
        );
        // Zones of the database that the list leaves out are not known.
        assert_eq!(canonical("Europe/Ljubljana"), None);
        assert_eq!(canonical("America/Argentina/Jujuy"), None);
    }

    #[test]
    fn unknown_zones_are_told_which_zones_caucus_knows() {
        let typo = unknown_hint("Europe/Londn");
        assert!(
            typo.starts_with("did you mean \"Europe/London\"?"),
            "{typo}"
        );
        assert!(typo.contains("the zones of the main cities"), "{typo}");
        // A zone of an area the list covers, but not on the list: that area's zones.
        let unlisted = unknown_hint("Europe/Ljubljana");
        assert!(
            unlisted.contains("the zones of the main cities"),
            "{unlisted}"
        );
        assert!(
            unlisted.contains("Europe/Zagreb, Europe/Zurich"),
            "{unlisted}"
        );
        assert!(!unlisted.contains("America/"), "{unlisted}");
        let nowhere = unknown_hint("Mars/Olympus Mons");
        assert!(
            nowhere.contains("for example \"Europe/London\""),
            "{nowhere}"
        );
    }

    #[test]
    fn times_convert_with_each_zone_s_daylight_saving_on_that_date() {
        // In December London keeps GMT and New York EST: five hours apart.
        let (d, t) = convert(
            date("2026-12-01"),
            time("09:30"),
            "America/New_York",
            "Europe/London",
        )
        .expect("known zones");
        assert_eq!((d, t), (date("2026-12-01"), time("14:30")));
        // On 15 March 2026 New York has moved its clocks and London has not: four hours.
        let (_, t) = convert(
            date("2026-03-15"),
            time("09:30"),
            "America/New_York",
            "Europe/London",
        )
        .expect("known zones");
        assert_eq!(t, time("13:30"));
        // The date changes where the day has already turned.
        let (d, t) = convert(
            date("2026-12-01"),
            time("19:00"),
            "America/New_York",
            "Asia/Tokyo",
        )
        .expect("known zones");
        assert_eq!((d, t), (date("2026-12-02"), time("09:00")));
        assert!(convert(date("2026-12-01"), time("09:30"), "Mars/Olympus", "UTC").is_none());
        // Other names of a zone convert as the zone.
        let (_, t) =
            convert(date("2026-12-01"), time("09:30"), "US/Eastern", "GB").expect("known zones");
        assert_eq!(t, time("14:30"));
        // A day that does not exist is not converted.
        let february_30 = Date {
            year: 2026,
            month: 2,
            day: 30,
        };
        assert!(convert(february_30, time("09:30"), "UTC", "Asia/Tokyo").is_none());
    }

    #[test]
    fn times_the_clocks_skip_or_repeat_are_read_as_jiff_reads_them() {
        // 02:30 on 8 March 2026 does not exist in New York: it is 03:30 EDT, 07:30 UTC.
        let skipped = convert(date("2026-03-08"), time("02:30"), "America/New_York", "UTC");
        assert_eq!(skipped, Some((date("2026-03-08"), time("07:30"))));
        // 01:30 on 1 November 2026 happens twice there: the first, in EDT.
        let repeated = convert(date("2026-11-01"), time("01:30"), "America/New_York", "UTC");
        assert_eq!(repeated, Some((date("2026-11-01"), time("05:30"))));
    }

    #[test]
    fn times_follow_the_locale() {
        assert_eq!(format_time(time("09:30"), Locale::EnGb), "09:30");
        assert_eq!(format_time(time("09:30"), Locale::EnUs), "9:30 a.m.");
        assert_eq!(format_time(time("14:05"), Locale::EnCa), "2:05 p.m.");
        assert_eq!(format_time(time("12:00"), Locale::EnUs), "12:00 noon");
        assert_eq!(format_time(time("00:00"), Locale::EnUs), "12:00 midnight");
        assert_eq!(format_time(time("00:30"), Locale::EnUs), "12:30 a.m.");
        assert_eq!(format_time(time("12:45"), Locale::EnUs), "12:45 p.m.");
    }
}
