//! Diagnostics about the options themselves: combinations that cannot be drafted
//! (errors) or that are probably mistakes (warnings), and things worth knowing (notes).
//!
//! Every diagnostic names the option path to change and says what to change it to.
//! Those that rest on a platform fact cite its date and source.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::{Fact, Facts, Feature};
use crate::options::{
    AccountHolder, BreakoutRooms, Capacity, Client, CostAllocation, Encryption, Fallback,
    Observers, Options, PlatformKind, RoomControl, WaitingRoom,
};

/// Shares are percentages; totals within this of 100 are accepted (33.33 × 3).
const SHARE_TOLERANCE: f64 = 0.011;

/// More parties or attendees than any mediation has; beyond them, options are refused
/// rather than assembled slowly.
pub const MAX_PARTIES: usize = 100;
pub const MAX_ATTENDEES: usize = 100;

/// All diagnostics about `options`, given the pack's platform facts.
pub fn check(options: &Options, facts: &Facts) -> Diagnostics {
    let mut out = Diagnostics::default();
    check_parties(options, &mut out);
    check_costs(options, &mut out);
    check_platform(options, facts, &mut out);
    check_security(options, &mut out);
    check_case(options, &mut out);
    check_consent(options, &mut out);
    check_periods(options, &mut out);
    out
}

/// Periods the clauses count in ("within 0 days" means nothing).
fn check_periods(o: &Options, out: &mut Diagnostics) {
    let periods = [
        (
            o.attendance.disclose_in_advance,
            o.attendance.disclosure_deadline_hours,
            "attendance.disclosure_deadline_hours",
            "hours before the session by which attendees are named",
        ),
        (
            true,
            o.documents.delete_after_days,
            "documents.delete_after_days",
            "days after the mediation within which documents are deleted",
        ),
        (
            true,
            o.documents.breach_notice_hours,
            "documents.breach_notice_hours",
            "hours within which a suspected breach is notified",
        ),
        (
            true,
            o.technical_failure.reconnection_minutes,
            "technical_failure.reconnection_minutes",
            "minutes allowed to reconnect",
        ),
    ];
    for (applies, value, path, what) in periods {
        if applies && value == 0 {
            out.push(
                Diagnostic::error("period-zero", path, format!("the {what} is 0"))
                    .hint("give a period of at least 1"),
            );
        }
    }
}

fn check_parties(o: &Options, out: &mut Diagnostics) {
    if o.parties.len() < 2 {
        out.push(
            Diagnostic::error(
                "too-few-parties",
                "parties",
                format!(
                    "a mediation needs at least two parties; {} {} listed",
                    o.parties.len(),
                    if o.parties.len() == 1 { "is" } else { "are" }
                ),
            )
            .hint("add the other party under `parties`"),
        );
    }
    if o.parties.len() > MAX_PARTIES {
        out.push(
            Diagnostic::error(
                "too-many-parties",
                "parties",
                format!(
                    "{} parties are listed; caucus drafts for at most {MAX_PARTIES}",
                    o.parties.len()
                ),
            )
            .hint("check that the parties were not duplicated by mistake"),
        );
        return;
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, party) in o.parties.iter().enumerate() {
        if party.attendees.len() > MAX_ATTENDEES {
            out.push(
                Diagnostic::error(
                    "too-many-attendees",
                    format!("parties.{i}.attendees"),
                    format!(
                        "{} attendees are listed for party {}; at most {MAX_ATTENDEES}",
                        party.attendees.len(),
                        i + 1
                    ),
                )
                .hint("check that the attendees were not duplicated by mistake"),
            );
            continue;
        }
        if party.name.trim().is_empty() {
            out.push(
                Diagnostic::error(
                    "party-name-missing",
                    format!("parties.{i}.name"),
                    format!("party {} has no name", i + 1),
                )
                .hint("give the party's full legal name"),
            );
        }
        if !names.insert(party.name.trim()) && !party.name.trim().is_empty() {
            out.push(
                Diagnostic::warning(
                    "party-name-repeated",
                    format!("parties.{i}.name"),
                    format!("two parties are both named \"{}\"", party.name.trim()),
                )
                .hint("give each party its own full name so that clauses naming them are clear"),
            );
        }
        for (j, attendee) in party.attendees.iter().enumerate() {
            let path = format!("parties.{i}.attendees.{j}");
            if attendee.name.trim().is_empty() {
                out.push(
                    Diagnostic::error(
                        "attendee-name-missing",
                        format!("{path}.name"),
                        format!("attendee {} of party {} has no name", j + 1, i + 1),
                    )
                    .hint("give the attendee's full name, or remove the attendee"),
                );
            }
            if attendee.capacity == Capacity::Observer && o.attendance.observers == Observers::Never
            {
                out.push(
                    Diagnostic::error(
                        "observer-not-allowed",
                        format!("{path}.capacity"),
                        "an observer is listed, but the terms say observers never attend",
                    )
                    .hint(
                        "set `attendance.observers` to \"consent-of-all\", or remove the observer",
                    ),
                );
            }
            if attendee.capacity == Capacity::Interpreter && !o.attendance.interpreters {
                out.push(
                    Diagnostic::warning(
                        "interpreter-not-provided-for",
                        "attendance.interpreters",
                        "an interpreter is listed, but the terms do not provide for interpreters",
                    )
                    .hint("turn on `attendance.interpreters` so the terms cover interpretation"),
                );
            }
        }
    }
    let listed = o.parties.iter().any(|p| !p.attendees.is_empty());
    if o.attendance.disclose_in_advance && !listed && !o.parties.is_empty() {
        out.push(
            Diagnostic::warning(
                "no-attendees-listed",
                "parties.0.attendees",
                "the terms require every attendee to be named in advance, but no attendees are listed",
            )
            .hint("list each party's attendees, or turn off `attendance.disclose_in_advance`"),
        );
    }
}

fn check_costs(o: &Options, out: &mut Diagnostics) {
    let costs = &o.costs;
    if costs.allocation == CostAllocation::StatedShares {
        if costs.shares.len() != o.parties.len() {
            out.push(
                Diagnostic::error(
                    "cost-shares-count",
                    "costs.shares",
                    format!(
                        "{} cost shares are stated for {} parties",
                        costs.shares.len(),
                        o.parties.len()
                    ),
                )
                .hint("give one percentage for each party, in the order of `parties`"),
            );
        }
        let mut valid = true;
        for (i, share) in costs.shares.iter().enumerate() {
            if !share.is_finite() || *share < 0.0 || *share > 100.0 {
                valid = false;
                out.push(
                    Diagnostic::error(
                        "cost-share-range",
                        format!("costs.shares.{i}"),
                        format!("a share must be a percentage from 0 to 100, found {share}"),
                    )
                    .hint("write the share as a percentage, for example 50"),
                );
            }
        }
        let total: f64 = costs.shares.iter().sum();
        if valid && !costs.shares.is_empty() && (total - 100.0).abs() > SHARE_TOLERANCE {
            out.push(
                Diagnostic::error(
                    "cost-shares-total",
                    "costs.shares",
                    format!(
                        "the stated cost shares total {}, not 100",
                        format_share(total)
                    ),
                )
                .hint("change the shares so that they add up to 100"),
            );
        }
    }
    let needs_requesting = costs.allocation == CostAllocation::RequestingParty
        || o.platform.account_holder == AccountHolder::RequestingParty;
    if needs_requesting && costs.requesting_party >= o.parties.len() {
        out.push(
            Diagnostic::error(
                "requesting-party-missing",
                "costs.requesting_party",
                format!(
                    "the requesting party is number {} (counting from 0), but there are {} parties",
                    costs.requesting_party,
                    o.parties.len()
                ),
            )
            .hint("set `costs.requesting_party` to the index of the party that asked for the platform"),
        );
    }
}

fn check_platform(o: &Options, facts: &Facts, out: &mut Diagnostics) {
    let p = &o.platform;
    if p.kind == PlatformKind::Other {
        if p.other_name.trim().is_empty() {
            out.push(
                Diagnostic::error(
                    "platform-unnamed",
                    "platform.other_name",
                    "the platform is \"other\" but has no name",
                )
                .hint("give the platform's name, for example \"Jitsi Meet\""),
            );
        } else {
            out.push(
                Diagnostic::note(
                    "platform-facts-unknown",
                    "platform.kind",
                    format!(
                        "caucus keeps no facts about {}, so it cannot check that it offers what the terms require",
                        p.other_name.trim()
                    ),
                )
                .hint("check breakout rooms, the waiting room, meeting lock, encryption and data regions with the provider"),
            );
        }
        return;
    }
    let mut require = |feature: Feature, path: &str, why: &str| {
        if let Some(fact) = facts.get(p.kind, feature).filter(|f| !f.available) {
            out.push(not_offered(fact, path, why));
        }
    };
    if o.breakout_rooms.enabled {
        require(
            Feature::BreakoutRooms,
            "breakout_rooms.enabled",
            "the terms provide for breakout rooms",
        );
    }
    if o.security.waiting_room == WaitingRoom::Use {
        require(
            Feature::WaitingRoom,
            "security.waiting_room",
            "the terms have the host admit attendees from a waiting room",
        );
    }
    if o.security.lock_meeting {
        require(
            Feature::MeetingLock,
            "security.lock_meeting",
            "the terms have the host lock the meeting",
        );
    }
    if p.encryption == Encryption::EndToEnd {
        require(
            Feature::EndToEndEncryption,
            "platform.encryption",
            "the parties expect end-to-end encryption",
        );
    }
    if !p.data_regions.is_empty() {
        require(
            Feature::DataRegionChoice,
            "platform.data_regions",
            "the terms restrict where meeting data is processed",
        );
    }
    if o.breakout_rooms.enabled
        && p.encryption == Encryption::EndToEnd
        && let Some(fact) = facts
            .get(p.kind, Feature::BreakoutRoomsWithE2ee)
            .filter(|f| !f.available)
    {
        // An error, not a warning: the breakout clause would promise rooms that the
        // encryption clause says are switched off.
        let mut d = Diagnostic::error(
                "breakout-rooms-with-e2ee",
                "platform.encryption",
                format!(
                    "breakout rooms and end-to-end encryption are both chosen, but {} cannot use breakout rooms in an end-to-end encrypted meeting",
                    platform_name(p.kind)
                ),
            )
            .hint("choose \"in-transit\" encryption, turn off `breakout_rooms.enabled`, or choose another platform")
            .cite(&fact.as_of, &fact.source);
        if !fact.note.is_empty() {
            d.message.push_str(&format!(" ({})", fact.note.trim()));
        }
        out.push(d);
    }
    if p.client == Client::Browser
        && p.encryption == Encryption::EndToEnd
        && let Some(fact) = facts
            .get(p.kind, Feature::BrowserWithE2ee)
            .filter(|f| !f.available)
    {
        out.push(
                Diagnostic::warning(
                    "browser-with-e2ee",
                    "platform.client",
                    format!(
                        "attendees are to join from a browser, but {} does not let browsers join an end-to-end encrypted meeting",
                        platform_name(p.kind)
                    ),
                )
                .hint("choose \"desktop-app\" for `platform.client`, or \"in-transit\" encryption")
                .cite(&fact.as_of, &fact.source),
            );
    }
}

fn not_offered(fact: &Fact, path: &str, why: &str) -> Diagnostic {
    Diagnostic::warning(
        "feature-not-offered",
        path,
        format!(
            "{why}, but {} is not known to offer {}",
            platform_name(fact.platform),
            fact.feature.describe()
        ),
    )
    .hint(format!(
        "change `{path}`, or choose a platform that offers {}",
        fact.feature.describe()
    ))
    .cite(&fact.as_of, &fact.source)
}

fn check_security(o: &Options, out: &mut Diagnostics) {
    let s = &o.security;
    if !s.passcode {
        out.push(
            Diagnostic::warning(
                "no-passcode",
                "security.passcode",
                "meetings without a passcode can be joined by anyone who learns the link or meeting ID",
            )
            .hint("turn on `security.passcode`"),
        );
    } else if !s.passcode_separate {
        out.push(
            Diagnostic::warning(
                "passcode-with-link",
                "security.passcode_separate",
                "the passcode is sent in the same message as the link, so one intercepted or forwarded message is enough to join",
            )
            .hint("turn on `security.passcode_separate` to send the passcode by a different channel"),
        );
    }
    check_co_host(&o.breakout_rooms, out);
    if o.technical_failure.fallback == Fallback::Teleconference
        && o.technical_failure.dial_in.trim().is_empty()
    {
        out.push(
            Diagnostic::note(
                "dial-in-not-given",
                "technical_failure.dial_in",
                "no teleconference number is given, so the terms say the Mediator will provide one before the session",
            )
            .hint("give the dial-in number if you have it"),
        );
    }
}

/// A co-host's name is used only where a co-host runs the rooms with the mediator.
fn check_co_host(rooms: &BreakoutRooms, out: &mut Diagnostics) {
    let named = !rooms.co_host.trim().is_empty();
    let used = rooms.enabled && rooms.control == RoomControl::MediatorAndCoHost;
    if named && !used {
        let why = if rooms.enabled {
            "only the mediator runs the breakout rooms"
        } else {
            "breakout rooms are not used"
        };
        out.push(
            Diagnostic::warning(
                "co-host-unused",
                "breakout_rooms.co_host",
                format!("a co-host is named, but {why}, so the name appears nowhere"),
            )
            .hint("set `breakout_rooms.control` to `mediator-and-co-host`, or clear the co-host's name"),
        );
    } else if used && !named {
        out.push(
            Diagnostic::note(
                "co-host-not-named",
                "breakout_rooms.co_host",
                "the co-host is not named, so the terms say the Mediator will name them before the first session",
            )
            .hint("give the co-host's name if you know it"),
        );
    }
}

fn check_case(o: &Options, out: &mut Diagnostics) {
    if o.case.time.is_some() && o.case.time_zone.trim().is_empty() {
        out.push(
            Diagnostic::warning(
                "time-zone-missing",
                "case.time_zone",
                "a start time is given without a time zone",
            )
            .hint("give the time zone, for example \"Europe/London\" or \"America/Toronto\""),
        );
    }
}

fn check_consent(o: &Options, out: &mut Diagnostics) {
    if o.consent.express_risk_consent && o.consent.law_firm.trim().is_empty() {
        out.push(
            Diagnostic::error(
                "law-firm-missing",
                "consent.law_firm",
                "the client consent statement needs the name of the law firm that gave the advice",
            )
            .hint("give the firm's name in `consent.law_firm`, or turn off `consent.express_risk_consent`"),
        );
    }
}

/// The platform's name as printed in documents: the choice's display name in the options
/// model (written once, in `options.rs`), or "the platform" for another platform.
pub fn platform_name(kind: PlatformKind) -> &'static str {
    if kind == PlatformKind::Other {
        return "the platform";
    }
    serde_json::to_value(kind)
        .ok()
        .and_then(|value| {
            let choice = crate::model::option("platform.kind")?.choice(&value)?;
            Some(choice.title.as_str())
        })
        .unwrap_or("the platform")
}

/// A percentage as printed: "60", "33.5", "33.33". Deterministic on every target.
pub fn format_share(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Fact;

    fn codes(o: &Options, facts: &Facts) -> Vec<(&'static str, String)> {
        check(o, facts)
            .0
            .into_iter()
            .map(|d| (d.code, d.path))
            .collect()
    }

    fn with_attendee(mut o: Options) -> Options {
        o.parties[0].attendees.push(crate::options::Attendee {
            name: "Ann".into(),
            capacity: Capacity::Party,
        });
        o
    }

    #[test]
    fn the_default_options_need_only_attendees_and_a_dial_in() {
        let found = codes(&Options::default(), &Facts::default());
        assert_eq!(
            found,
            vec![
                ("no-attendees-listed", "parties.0.attendees".to_owned()),
                ("dial-in-not-given", "technical_failure.dial_in".to_owned()),
            ]
        );
    }

    #[test]
    fn a_co_host_name_is_asked_for_where_a_co_host_runs_the_rooms_and_only_there() {
        let mut o = with_attendee(Options::default());
        o.technical_failure.dial_in = "+44 20 0000 0000".into();
        o.breakout_rooms.co_host = "Sam Lee".into();
        let unused = vec![("co-host-unused", "breakout_rooms.co_host".to_owned())];
        assert_eq!(codes(&o, &Facts::default()), unused);
        o.breakout_rooms.control = RoomControl::MediatorAndCoHost;
        assert!(codes(&o, &Facts::default()).is_empty());
        o.breakout_rooms.enabled = false;
        assert_eq!(codes(&o, &Facts::default()), unused);
        o.breakout_rooms.enabled = true;
        o.breakout_rooms.co_host = "  ".into();
        assert_eq!(
            codes(&o, &Facts::default()),
            vec![("co-host-not-named", "breakout_rooms.co_host".to_owned())]
        );
    }

    #[test]
    fn stated_shares_must_total_100() {
        let mut o = with_attendee(Options::default());
        o.technical_failure.dial_in = "+44 20 0000 0000".into();
        o.costs.allocation = CostAllocation::StatedShares;
        o.costs.shares = vec![60.0, 30.0];
        assert_eq!(
            codes(&o, &Facts::default()),
            vec![("cost-shares-total", "costs.shares".to_owned())]
        );
        o.costs.shares = vec![33.33, 66.67];
        assert!(codes(&o, &Facts::default()).is_empty());
        o.costs.shares = vec![100.0];
        assert_eq!(codes(&o, &Facts::default())[0].0, "cost-shares-count");
    }

    #[test]
    fn breakout_rooms_with_e2ee_cite_the_fact() {
        let facts = Facts {
            facts: vec![Fact {
                platform: PlatformKind::Zoom,
                feature: Feature::BreakoutRoomsWithE2ee,
                available: false,
                as_of: "2020-10-26".into(),
                source: "Zoom support".into(),
                note: String::new(),
            }],
            e2ee_disables: Vec::new(),
        };
        let mut o = Options::default();
        o.platform.encryption = Encryption::EndToEnd;
        let d = check(&o, &facts)
            .0
            .into_iter()
            .find(|d| d.code == "breakout-rooms-with-e2ee")
            .expect("the conflict is reported");
        assert_eq!(d.citation.expect("cited").as_of, "2020-10-26");
        o.breakout_rooms.enabled = false;
        assert!(
            !codes(&o, &facts)
                .iter()
                .any(|(c, _)| *c == "breakout-rooms-with-e2ee")
        );
    }

    #[test]
    fn browsers_cannot_join_end_to_end_meetings_where_the_fact_says_so() {
        let facts = Facts {
            facts: vec![Fact {
                platform: PlatformKind::MicrosoftTeams,
                feature: Feature::BrowserWithE2ee,
                available: false,
                as_of: "2023-12-15".into(),
                source: "Microsoft Learn".into(),
                note: String::new(),
            }],
            e2ee_disables: Vec::new(),
        };
        let mut o = Options::default();
        o.platform.kind = PlatformKind::MicrosoftTeams;
        o.platform.client = Client::Browser;
        let has = |o: &Options| {
            codes(o, &facts)
                .iter()
                .any(|(c, _)| *c == "browser-with-e2ee")
        };
        assert!(!has(&o));
        o.platform.encryption = Encryption::EndToEnd;
        assert!(has(&o));
        o.platform.client = Client::DesktopApp;
        assert!(!has(&o));
    }

    #[test]
    fn an_observer_needs_consent_of_all() {
        let mut o = Options::default();
        o.parties[1].attendees.push(crate::options::Attendee {
            name: "Obi".into(),
            capacity: Capacity::Observer,
        });
        assert!(codes(&o, &Facts::default()).contains(&(
            "observer-not-allowed",
            "parties.1.attendees.0.capacity".to_owned()
        )));
    }

    #[test]
    fn periods_of_zero_are_refused() {
        let mut o = with_attendee(Options::default());
        o.documents.delete_after_days = 0;
        o.technical_failure.reconnection_minutes = 0;
        let found: Vec<String> = codes(&o, &Facts::default())
            .into_iter()
            .filter(|(c, _)| *c == "period-zero")
            .map(|(_, p)| p)
            .collect();
        assert_eq!(
            found,
            [
                "documents.delete_after_days",
                "technical_failure.reconnection_minutes"
            ]
        );
        o.attendance.disclosure_deadline_hours = 0;
        o.attendance.disclose_in_advance = false;
        assert_eq!(codes(&o, &Facts::default()).len(), 3);
    }

    #[test]
    fn huge_party_lists_are_refused_quickly() {
        let mut o = Options::default();
        o.parties = vec![o.parties[0].clone(); MAX_PARTIES + 1];
        assert_eq!(codes(&o, &Facts::default())[0].0, "too-many-parties");
        o.parties.truncate(MAX_PARTIES);
        // Repeated names are found with a set, not by comparing every pair.
        let repeated = codes(&o, &Facts::default())
            .iter()
            .filter(|(c, _)| *c == "party-name-repeated")
            .count();
        assert_eq!(repeated, MAX_PARTIES - 1);
    }

    #[test]
    fn shares_print_without_trailing_zeros() {
        assert_eq!(format_share(60.0), "60");
        assert_eq!(format_share(33.5), "33.5");
        assert_eq!(format_share(33.333333), "33.33");
    }

    #[test]
    fn platform_names_are_the_display_names_of_the_model() {
        assert_eq!(
            platform_name(PlatformKind::MicrosoftTeams),
            "Microsoft Teams"
        );
        assert_eq!(platform_name(PlatformKind::GoogleMeet), "Google Meet");
        assert_eq!(platform_name(PlatformKind::Other), "the platform");
        for kind in [PlatformKind::Zoom, PlatformKind::Webex] {
            assert_ne!(platform_name(kind), "the platform", "{kind:?}");
        }
    }
}
