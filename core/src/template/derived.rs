//! Values computed from the options for templates (`derived.*`), so that clause files
//! never repeat logic such as "the platform's display name" or "the client is the first
//! party unless named".

use crate::checks::{format_share, platform_name};
use crate::facts::Facts;
use crate::options::{Capacity, Options, PlatformKind};
use serde::Serialize;

#[derive(Debug, Serialize)]
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
}

#[derive(Debug, Serialize)]
pub struct CostShare {
    pub name: String,
    pub percent: String,
}

#[derive(Debug, Serialize)]
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
        let e2ee = facts.e2ee_disables(o.platform.kind);
        let facts_as_of = facts
            .facts
            .iter()
            .filter(|f| f.platform == o.platform.kind)
            .map(|f| f.as_of.as_str())
            .chain(e2ee.map(|e| e.as_of.as_str()))
            .max()
            .unwrap_or_default()
            .to_owned();
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
            e2ee_disables: e2ee.map(|e| e.features.clone()).unwrap_or_default(),
            facts_as_of,
        }
    }
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
