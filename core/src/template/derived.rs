//! Values computed from the options for templates (`derived.*`), so that clause files
//! never repeat logic such as "the platform's display name" or "the client is the first
//! party unless named".

use super::helpers::{format_date, join_words};
use crate::checks::{format_share, platform_name};
use crate::facts::Facts;
use crate::options::{Capacity, Locale, Options, PlatformKind};
use crate::time_zones;
use serde::Serialize;

#[derive(Debug, PartialEq, Serialize)]
pub struct Derived {
    pub platform_name: String,
    pub mediator_name: String,
    pub jurisdiction: String,
    pub requesting_party_name: String,
    pub client_name: String,
    pub cost_shares: Vec<CostShare>,
    pub attendees: Vec<AttendeeEntry>,
    pub has_attendees: bool,
    pub party_count: usize,
    pub dial_in: bool,
    pub data_regions: bool,
    pub e2ee_disables: Vec<String>,
    pub facts_as_of: String,
    /// Periods with their unit in the right number, so that no document says "1 hours".
    /// The agreement and the guide print the same value.
    pub disclosure_deadline: String,
    pub delete_after: String,
    pub breach_notice: String,
    pub reconnection_wait: String,
    pub recording_retention: String,
    pub break_every: String,
    /// "," in en-US, where a list of three or more takes the serial comma, and "" otherwise:
    /// written before the "and" of a fixed list in a clause ("A, B{{derived.serial_comma}} and C").
    pub serial_comma: String,
    /// `case.time` as the locale writes it ("09:30", "9:30 a.m."); empty without a time.
    pub start_time: String,
    /// `case.time_zone` named after its place ("New York time"); empty without a zone.
    pub time_zone_name: String,
    /// Each party with the first session's start in its own zone.
    pub party_times: Vec<PartyTime>,
    /// Whether some party's zone differs from the case's, with a date, time and zone to
    /// convert from: the documents then give each such party its own start time.
    pub time_zones_differ: bool,
    /// Whether some party's zone is known and differs from the case's known zone, with
    /// or without a date to convert on.
    pub parties_in_other_zones: bool,
    /// Who the invitations go to: every attendee listed, in order, and for a party with
    /// none listed one recipient to be named. Never empty while there are parties.
    pub recipients: Vec<Recipient>,
}

/// One person an invitation goes to.
#[derive(Debug, PartialEq, Serialize)]
pub struct Recipient {
    /// The attendee's name; empty for the one recipient of a party that has listed no
    /// attendees.
    pub name: String,
    /// The party they attend for.
    pub party: String,
    /// Whether the party has listed its attendees (so a message need not ask for them).
    pub listed: bool,
    /// The party's other listed attendees, joined as the locale joins a list ("Raj
    /// Patel and Li Wu"); empty when there are none.
    pub others: String,
}

/// A party's start time in its own zone.
#[derive(Debug, PartialEq, Serialize)]
pub struct PartyTime {
    pub party: String,
    /// The party's zone in words: "London time".
    pub zone: String,
    /// The start time there, as the locale writes it.
    pub time: String,
    /// The date there, written out, when it is not the case's date; otherwise empty.
    pub other_date: String,
    /// Whether the party's zone differs from the case's.
    pub differs: bool,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct CostShare {
    pub name: String,
    pub percent: String,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct AttendeeEntry {
    pub name: String,
    pub capacity: &'static str,
    pub party: String,
}

impl Derived {
    pub fn new(o: &Options, facts: &Facts) -> Derived {
        let party_name = |i: usize| o.parties.get(i).map(|p| p.name.trim().to_owned());
        let platform_name = match o.platform.kind {
            PlatformKind::Other => o.platform.other_name.trim().to_owned(),
            kind => platform_name(kind).to_owned(),
        };
        let jurisdiction = match o.case.jurisdiction.trim() {
            "" => "applicable law".to_owned(),
            place => format!("the law of {place}"),
        };
        let attendees: Vec<AttendeeEntry> = o
            .parties
            .iter()
            .flat_map(|p| {
                p.attendees.iter().map(|a| AttendeeEntry {
                    name: a.name.trim().to_owned(),
                    capacity: capacity_label(a.capacity),
                    party: p.name.trim().to_owned(),
                })
            })
            .collect();
        let party_times = party_times(o);
        let facts_as_of = facts
            .facts
            .iter()
            .filter(|f| f.platform == o.platform.kind)
            .map(|f| f.as_of)
            .chain(
                facts
                    .e2ee_disables
                    .iter()
                    .filter(|e| e.platform == o.platform.kind)
                    .map(|e| e.as_of),
            )
            .max()
            .map(|d| d.to_string())
            .unwrap_or_default();
        Derived {
            platform_name,
            mediator_name: match o.mediator.name.trim() {
                "" => "the Mediator".to_owned(),
                name => name.to_owned(),
            },
            jurisdiction,
            requesting_party_name: party_name(o.costs.requesting_party).unwrap_or_default(),
            client_name: match o.consent.client.trim() {
                "" => party_name(0).unwrap_or_default(),
                client => client.to_owned(),
            },
            cost_shares: o
                .parties
                .iter()
                .zip(&o.costs.shares)
                .map(|(p, share)| CostShare {
                    name: p.name.trim().to_owned(),
                    percent: format_share(*share),
                })
                .collect(),
            has_attendees: !attendees.is_empty(),
            attendees,
            party_count: o.parties.len(),
            dial_in: !o.technical_failure.dial_in.trim().is_empty(),
            data_regions: !o.platform.data_regions.is_empty(),
            e2ee_disables: facts
                .e2ee_disables(o.platform.kind)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            facts_as_of,
            disclosure_deadline: count(o.attendance.disclosure_deadline_hours, "hour", "hours"),
            delete_after: count(o.documents.delete_after_days, "day", "days"),
            breach_notice: count(o.documents.breach_notice_hours, "hour", "hours"),
            reconnection_wait: count(
                o.technical_failure.reconnection_minutes,
                "minute",
                "minutes",
            ),
            recording_retention: count(o.recording.retention_days, "day", "days"),
            break_every: count(o.case.break_every_minutes, "minute", "minutes"),
            serial_comma: if o.case.locale == Locale::EnUs {
                ","
            } else {
                ""
            }
            .to_owned(),
            start_time: o
                .case
                .time
                .map(|t| time_zones::format_time(t, o.case.locale))
                .unwrap_or_default(),
            time_zone_name: time_zones::canonical(&o.case.time_zone)
                .map(|id| time_zones::readable(&id))
                .unwrap_or_default(),
            time_zones_differ: party_times.iter().any(|p| p.differs),
            parties_in_other_zones: parties_in_other_zones(o),
            party_times,
            recipients: recipients(o),
        }
    }
}

/// Every attendee listed, and one recipient for each party that lists none.
fn recipients(o: &Options) -> Vec<Recipient> {
    let mut out = Vec::new();
    for party in &o.parties {
        let names: Vec<String> = party
            .attendees
            .iter()
            .map(|a| a.name.trim().to_owned())
            .collect();
        let party_name = party.name.trim().to_owned();
        if names.is_empty() {
            out.push(Recipient {
                name: String::new(),
                party: party_name,
                listed: false,
                others: String::new(),
            });
            continue;
        }
        for (i, name) in names.iter().enumerate() {
            let others: Vec<String> = names
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, n)| n.clone())
                .collect();
            out.push(Recipient {
                name: name.clone(),
                party: party_name.clone(),
                listed: true,
                others: join_words(&others, "and", o.case.locale),
            });
        }
    }
    out
}

/// "1 hour", "48 hours".
pub fn count(n: u32, one: &str, many: &str) -> String {
    // Not `format!`: six counts are written for every case, and the formatting machinery
    // took ten times as long as the text.
    let mut text = n.to_string();
    text.push(' ');
    text.push_str(if n == 1 { one } else { many });
    text
}

fn parties_in_other_zones(o: &Options) -> bool {
    let Some(case_zone) = time_zones::canonical(&o.case.time_zone) else {
        return false;
    };
    o.parties
        .iter()
        .any(|p| time_zones::canonical(&p.time_zone).is_some_and(|zone| zone != case_zone))
}

/// Each party's start time in its own zone. Only with a date, a time and a known case
/// zone can a time be converted (daylight saving depends on the date); a party whose
/// zone is the case's, or unknown, gets the case's time and `differs: false`.
fn party_times(o: &Options) -> Vec<PartyTime> {
    let case_zone = time_zones::canonical(&o.case.time_zone);
    let locale = o.case.locale;
    o.parties
        .iter()
        .map(|p| {
            let own = time_zones::canonical(&p.time_zone);
            let converted = match (o.case.date, o.case.time, &case_zone, &own) {
                (Some(date), Some(time), Some(from), Some(to)) if from != to => {
                    time_zones::convert(date, time, from, to).map(|(d, t)| (to, date, d, t))
                }
                _ => None,
            };
            match converted {
                Some((zone, case_date, date, time)) => PartyTime {
                    party: p.name.trim().to_owned(),
                    zone: time_zones::readable(zone),
                    time: time_zones::format_time(time, locale),
                    other_date: if date == case_date {
                        String::new()
                    } else {
                        format_date(date, locale)
                    },
                    differs: true,
                },
                None => PartyTime {
                    party: p.name.trim().to_owned(),
                    zone: case_zone
                        .as_deref()
                        .map(time_zones::readable)
                        .unwrap_or_default(),
                    time: o
                        .case
                        .time
                        .map(|t| time_zones::format_time(t, locale))
                        .unwrap_or_default(),
                    other_date: String::new(),
                    differs: false,
                },
            }
        })
        .collect()
}

/// How a capacity is described in a list of attendees.
pub fn capacity_label(capacity: Capacity) -> &'static str {
    match capacity {
        Capacity::Party => "party",
        Capacity::Lawyer => "lawyer",
        Capacity::Expert => "expert",
        Capacity::Interpreter => "interpreter",
        Capacity::SupportPerson => "support person",
        Capacity::Observer => "observer",
    }
}

/// What `platform_facts` and `platform_settings` may hold on any platform, for checking
/// templates: every declared feature (true) and every setting id (a setting with every
/// field).
pub fn insert_platform_shape(root: &mut serde_json::Value, facts: &Facts) {
    use serde_json::{Map, Value};
    // Inserted one by one: collecting into a map compiles a sort for each kind of entry.
    let mut features = Map::new();
    for f in &facts.features {
        features.insert(f.id.clone(), Value::Bool(true));
    }
    let mut settings = Map::new();
    for s in &facts.settings {
        settings.insert(s.id.clone(), facts.setting_value(s));
    }
    if let Value::Object(map) = root {
        map.insert("platform_facts".into(), Value::Object(features));
        map.insert("platform_settings".into(), Value::Object(settings));
    }
}
