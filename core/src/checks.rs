//! Diagnostics about the options themselves: combinations that cannot be drafted
//! (errors) or that are probably mistakes (warnings), and things worth knowing (notes).
//!
//! Every diagnostic names the option path to change and says what to change it to.
//! Those that rest on a platform fact cite its date and source.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::{Fact, Facts};
use crate::options::{
    AccountHolder, BreakoutRooms, Capacity, CostAllocation, DataResponsible, DocumentExchange,
    Fallback, Observers, Options, PlatformKind, RecordingPolicy, RoomControl,
};
use crate::time_zones;

mod platform;

/// Shares are percentages; totals within this of 100 are accepted (33.33 × 3).
const SHARE_TOLERANCE: f64 = 0.011;

/// More parties or attendees than any mediation has; beyond them, options are refused
/// rather than assembled slowly.
pub const MAX_PARTIES: usize = 100;
pub const MAX_ATTENDEES: usize = 100;

/// All diagnostics about `options`, given the pack's platform facts.
pub fn check(options: &Options, facts: &Facts) -> Diagnostics {
    check_relying_on(options, facts, std::iter::empty())
}

/// All diagnostics about `options`, and a note for each fact that the documents rely on
/// (`relied`, from the clauses' declared assertions) or that a check rests on, when it is
/// more than two years old.
pub fn check_relying_on<'f>(
    options: &Options,
    facts: &'f Facts,
    relied: impl IntoIterator<Item = &'f Fact>,
) -> Diagnostics {
    let mut out = Diagnostics::default();
    check_parties(options, &mut out);
    check_costs(options, &mut out);
    check_other_platform(options, &mut out);
    let used = platform::check(options, facts, &mut out);
    check_security(options, &mut out);
    check_case(options, &mut out);
    check_consent(options, &mut out);
    check_periods(options, &mut out);
    check_time_zones(options, &mut out);
    check_unused_names(options, &mut out);
    platform::stale(options, facts, used.into_iter().chain(relied), &mut out);
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
        (
            o.recording.policy != RecordingPolicy::Prohibited,
            o.recording.retention_days,
            "recording.retention_days",
            "days after the mediation within which an allowed recording is deleted",
        ),
        (
            true,
            o.case.break_every_minutes,
            "case.break_every_minutes",
            "minutes a session may run without a break",
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
    let mut support_persons: Vec<String> = Vec::new();
    let mut interpreters: Vec<String> = Vec::new();
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
            let who = || match (attendee.name.trim(), party.name.trim()) {
                ("", _) => format!("attendee {} of party {}", j + 1, i + 1),
                (name, "") => name.to_owned(),
                (name, party) => format!("{name} for {party}"),
            };
            if attendee.capacity == Capacity::SupportPerson && !o.attendance.support_persons {
                support_persons.push(who());
            }
            if attendee.capacity == Capacity::Interpreter && !o.attendance.interpreters {
                interpreters.push(who());
            }
        }
    }
    // One warning for all of them, naming them: the switch it points to covers them all.
    if !support_persons.is_empty() {
        out.push(
            Diagnostic::warning(
                "support-person-not-provided-for",
                "attendance.support_persons",
                format!(
                    "{} listed ({}), but the terms do not provide for support persons",
                    counted(
                        support_persons.len(),
                        "a support person is",
                        "support persons are"
                    ),
                    support_persons.join("; ")
                ),
            )
            .hint("turn on `attendance.support_persons` so the terms cover them"),
        );
    }
    if !interpreters.is_empty() {
        out.push(
            Diagnostic::warning(
                "interpreter-not-provided-for",
                "attendance.interpreters",
                format!(
                    "{} listed ({}), but the terms do not provide for interpreters",
                    counted(interpreters.len(), "an interpreter is", "interpreters are"),
                    interpreters.join("; ")
                ),
            )
            .hint("turn on `attendance.interpreters` so the terms cover interpretation"),
        );
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

/// The start of a sentence about `n` things: `one` for one, `many` after the number.
fn counted(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => one.to_owned(),
        n => format!("{n} {many}"),
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

/// A platform caucus keeps no facts about: it needs a name, and its capabilities are unknown.
fn check_other_platform(o: &Options, out: &mut Diagnostics) {
    let p = &o.platform;
    if p.kind != PlatformKind::Other {
        return;
    }
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
                    "caucus keeps no facts about {}, so the documents promise none of its features and say what to do only if it offers them",
                    p.other_name.trim()
                ),
            )
            .hint("check the waiting room, meeting lock, passcodes, breakout rooms, encryption, AI features and data regions with the provider"),
        );
    }
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
        && looks_like_access_code(&o.technical_failure.dial_in)
    {
        out.push(
            Diagnostic::warning(
                "dial-in-access-code",
                "technical_failure.dial_in",
                "the dial-in seems to include an access code, which the guide would print beside the meeting details",
            )
            .hint("give the number only; send the access code as you send the passcode, by a different channel"),
        );
    }
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

/// Whether a dial-in holds more than a telephone number: a word such as "code" or
/// "PIN", a `#`, or a second run of digits after a separator.
fn looks_like_access_code(dial_in: &str) -> bool {
    let lower = dial_in.to_lowercase();
    let words = [
        "code",
        "pin",
        "passcode",
        "password",
        "access",
        "conference id",
        "meeting id",
    ];
    words.iter().any(|w| lower.contains(w))
        || lower.contains('#')
        || lower.contains(',')
        || lower.contains(';')
        || lower.contains(" x ")
}

/// Time zones must be names the database knows: a zone the engine cannot find would
/// print as typed and could not be converted for the other parties.
fn check_time_zones(o: &Options, out: &mut Diagnostics) {
    // The zones given, with their paths (most cases give none).
    let mut zones = Vec::new();
    if !o.case.time_zone.trim().is_empty() {
        zones.push(("case.time_zone".to_owned(), o.case.time_zone.trim()));
    }
    for (i, p) in o.parties.iter().enumerate().take(MAX_PARTIES) {
        if !p.time_zone.trim().is_empty() {
            zones.push((format!("parties.{i}.time_zone"), p.time_zone.trim()));
        }
    }
    let mut known = Vec::new();
    for (path, zone) in zones {
        match time_zones::canonical(zone) {
            Some(id) if time_zones::is_legacy(&id) => {
                let hint = match time_zones::suggest(zone) {
                    Some(s)
                        if time_zones::canonical(&s)
                            .is_some_and(|c| !time_zones::is_legacy(&c)) =>
                    {
                        format!("write the zone of a place instead, for example \"{s}\"")
                    }
                    _ => "write the zone of a place instead, for example \"America/New_York\""
                        .to_owned(),
                };
                out.push(
                    Diagnostic::warning(
                        "time-zone-abbreviation",
                        path.clone(),
                        if time_zones::has_daylight_saving(&id) {
                            format!("\"{zone}\" is an abbreviation zone: it keeps one set of daylight-saving dates, which may not be those where the parties are")
                        } else {
                            format!("\"{zone}\" is a fixed offset that ignores daylight saving time where the parties are")
                        },
                    )
                    .hint(hint),
                );
                known.push((path, id));
            }
            Some(id) => known.push((path, id)),
            None => {
                let hint = time_zones::unknown_hint(zone);
                out.push(
                    Diagnostic::error(
                        "time-zone-unknown",
                        path,
                        format!("\"{zone}\" is not a time zone that caucus knows"),
                    )
                    .hint(hint),
                );
            }
        }
    }
    let case_zone = known
        .iter()
        .find(|(p, _)| p == "case.time_zone")
        .map(|(_, z)| z);
    let differs = known
        .iter()
        .filter(|(p, _)| p.starts_with("parties."))
        .any(|(_, z)| Some(z) != case_zone);
    if differs && case_zone.is_none() && o.case.time_zone.trim().is_empty() {
        out.push(
            Diagnostic::warning(
                "case-time-zone-missing",
                "case.time_zone",
                "a party's time zone is given, but not the zone of the start time",
            )
            .hint(
                "give `case.time_zone`, so that the start time can be given in each party's zone",
            ),
        );
    } else if differs && (o.case.date.is_none() || o.case.time.is_none()) {
        out.push(
            Diagnostic::note(
                "local-times-need-date",
                "case.date",
                "the parties are in different time zones, but without a date and start time the documents cannot give each party its own start time",
            )
            .hint("give `case.date` and `case.time`; the documents then convert the time for each party"),
        );
    }
}

/// Names that the chosen options never print.
fn check_unused_names(o: &Options, out: &mut Diagnostics) {
    let unused = [
        (
            !o.documents.file_share_service.trim().is_empty()
                && o.documents.exchange != DocumentExchange::SecureFileShare,
            "documents.file_share_service",
            "a file-sharing service is named, but documents are exchanged by encrypted email",
            "set `documents.exchange` to \"secure-file-share\", or clear the service's name",
        ),
        (
            !o.settlement.e_signature_service.trim().is_empty()
                && !o.settlement.electronic_signature,
            "settlement.e_signature_service",
            "an electronic signature service is named, but the settlement is signed by hand",
            "turn on `settlement.electronic_signature`, or clear the service's name",
        ),
        (
            (!o.consent.recommended_alternative.trim().is_empty() || !o.consent.reasons.is_empty())
                && !o.consent.express_risk_consent,
            "consent.express_risk_consent",
            "the firm's alternative or reasons are given, but there is no client consent statement to print them",
            "turn on `consent.express_risk_consent`, or clear the alternative and the reasons",
        ),
    ];
    for (applies, path, message, hint) in unused {
        if applies {
            out.push(Diagnostic::warning("option-unused", path, message).hint(hint));
        }
    }
    if o.data_protection.responsible == DataResponsible::Institution
        && o.mediator.organisation.trim().is_empty()
    {
        out.push(
            Diagnostic::warning(
                "organisation-missing",
                "mediator.organisation",
                "your firm or institution is responsible for the personal data, but it is not named",
            )
            .hint("give its name in `mediator.organisation`, or make the mediator responsible"),
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
    if o.consent.express_risk_consent && o.consent.recommended_alternative.trim().is_empty() {
        out.push(
            Diagnostic::note(
                "alternative-not-named",
                "consent.recommended_alternative",
                "the client consent statement does not say what the firm recommends instead",
            )
            .hint("name the platform or arrangement the firm recommends, so that the client's choice is informed"),
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

    fn codes(o: &Options, facts: &Facts) -> Vec<(&'static str, String)> {
        check(o, facts)
            .0
            .into_iter()
            .map(|d| (d.code, d.path))
            .collect()
    }

    #[test]
    fn unknown_time_zones_are_errors_with_a_suggestion() {
        let mut o = with_attendee(Options::default());
        o.technical_failure.dial_in = "+44 20 0000 0000".into();
        o.case.time_zone = "Europe/Londn".into();
        o.parties[1].time_zone = "EST".into();
        let found = check(&o, &Facts::default());
        let unknown = found
            .0
            .iter()
            .find(|d| d.code == "time-zone-unknown")
            .expect("reported");
        assert_eq!(unknown.path, "case.time_zone");
        assert!(unknown.hint.contains("Europe/London"), "{}", unknown.hint);
        let fixed = found
            .0
            .iter()
            .find(|d| d.code == "time-zone-abbreviation")
            .expect("reported");
        assert_eq!(fixed.path, "parties.1.time_zone");
        assert!(fixed.hint.contains("America/New_York"), "{}", fixed.hint);
        assert!(fixed.message.contains("fixed offset"), "{}", fixed.message);
        o.parties[1].time_zone = "CET".into();
        let found = check(&o, &Facts::default());
        let rule_zone = found
            .0
            .iter()
            .find(|d| d.code == "time-zone-abbreviation")
            .expect("reported");
        assert!(
            rule_zone.message.contains("daylight-saving dates"),
            "CET changes its clocks: {}",
            rule_zone.message
        );
        o.case.time_zone = "Europe/London".into();
        o.parties[1].time_zone = "America/New_York".into();
        assert_eq!(
            codes(&o, &Facts::default()),
            vec![("local-times-need-date", "case.date".to_owned())]
        );
        o.case.time_zone.clear();
        assert_eq!(
            codes(&o, &Facts::default()),
            vec![("case-time-zone-missing", "case.time_zone".to_owned())]
        );
    }

    #[test]
    fn an_access_code_in_the_dial_in_is_flagged() {
        assert!(looks_like_access_code("+1 555 0100, code 998877#"));
        assert!(looks_like_access_code("0800 000 000 PIN 1234"));
        assert!(!looks_like_access_code("+44 20 7946 0000"));
        assert!(!looks_like_access_code("(020) 7946-0000"));
    }

    /// The built-in pack's facts: tests read them rather than repeat them.
    fn pack_facts() -> &'static Facts {
        &crate::Pack::builtin()
            .expect("the built-in pack loads")
            .facts
    }

    fn has(o: &Options, code: &str) -> bool {
        codes(o, pack_facts()).iter().any(|(c, _)| *c == code)
    }

    #[test]
    fn captions_switched_off_by_end_to_end_encryption_are_flagged() {
        let mut o = Options::default();
        o.platform.kind = PlatformKind::MicrosoftTeams;
        o.platform.encryption = crate::options::Encryption::EndToEnd;
        o.breakout_rooms.enabled = false;
        assert!(!has(&o, "captions-with-e2ee"));
        o.attendance.live_captions = true;
        assert!(has(&o, "captions-with-e2ee"));
        o.platform.encryption = crate::options::Encryption::InTransit;
        assert!(!has(&o, "captions-with-e2ee"));
    }

    fn with_attendee(mut o: Options) -> Options {
        o.parties[0].attendees.push(crate::options::Attendee {
            name: "Ann".into(),
            capacity: Capacity::Party,
        });
        o
    }

    /// Support persons and interpreters the terms do not provide for get one warning
    /// each, naming them all, not one identical warning per attendee.
    #[test]
    fn attendees_the_terms_do_not_provide_for_are_named_in_one_warning() {
        use crate::options::Attendee;
        let mut o = Options::default();
        o.parties[0].name = "Acme Ltd".into();
        let person = |name: &str, capacity| Attendee {
            name: name.into(),
            capacity,
        };
        o.parties[0].attendees = vec![
            person("Ann Lee", Capacity::SupportPerson),
            person("Ivo Marn", Capacity::Interpreter),
        ];
        o.parties[1].attendees = vec![
            person("Bo Chen", Capacity::SupportPerson),
            person("", Capacity::SupportPerson),
        ];
        let found = check(&o, &Facts::default());
        let messages = |code: &str| -> Vec<String> {
            (found.0.iter())
                .filter(|d| d.code == code)
                .map(|d| d.message.clone())
                .collect()
        };
        let party_b = o.parties[1].name.trim().to_owned();
        assert_eq!(
            messages("support-person-not-provided-for"),
            vec![format!(
                "3 support persons are listed (Ann Lee for Acme Ltd; Bo Chen for {party_b}; \
                 attendee 2 of party 2), but the terms do not provide for support persons"
            )]
        );
        assert_eq!(
            messages("interpreter-not-provided-for"),
            vec![
                "an interpreter is listed (Ivo Marn for Acme Ltd), but the terms do not \
                  provide for interpreters"
                    .to_owned()
            ]
        );
        o.attendance.support_persons = true;
        o.attendance.interpreters = true;
        let found = check(&o, &Facts::default());
        assert!(
            !found
                .0
                .iter()
                .any(|d| d.code.ends_with("-not-provided-for")),
            "{found:?}"
        );
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
    fn breakout_rooms_with_e2ee_are_refused_where_the_fact_says_so_and_cite_it() {
        use crate::options::Encryption;
        let mut o = Options::default();
        o.platform.kind = PlatformKind::MicrosoftTeams;
        o.platform.encryption = Encryption::EndToEnd;
        let found = check(&o, pack_facts());
        let d = found
            .0
            .iter()
            .find(|d| d.code == "breakout-rooms-with-e2ee")
            .expect("the conflict is reported");
        assert_eq!(d.severity, crate::Severity::Error);
        let fact = pack_facts()
            .get(PlatformKind::MicrosoftTeams, "breakout_rooms_with_e2ee")
            .expect("the pack has the fact");
        assert_eq!(
            d.citation.as_ref().expect("cited").as_of,
            fact.as_of.to_string()
        );
        // Zoom's white paper (2024) has breakout rooms in end-to-end encrypted meetings.
        o.platform.kind = PlatformKind::Zoom;
        assert!(!has(&o, "breakout-rooms-with-e2ee"));
        // Webex: unknown, so a note rather than an error.
        o.platform.kind = PlatformKind::Webex;
        assert!(!has(&o, "breakout-rooms-with-e2ee"));
        assert!(has(&o, "fact-unknown"));
    }

    #[test]
    fn browsers_cannot_join_end_to_end_meetings_where_the_fact_says_so() {
        use crate::options::{Client, Encryption};
        let mut o = Options::default();
        o.platform.kind = PlatformKind::MicrosoftTeams;
        o.platform.client = Client::Browser;
        o.breakout_rooms.enabled = false;
        assert!(!has(&o, "browser-with-e2ee"));
        o.platform.encryption = Encryption::EndToEnd;
        assert!(has(&o, "browser-with-e2ee"));
        o.platform.client = Client::DesktopApp;
        assert!(!has(&o, "browser-with-e2ee"));
        // Google Meet's client-side encryption runs in the browser.
        o.platform.kind = PlatformKind::GoogleMeet;
        o.platform.client = Client::Browser;
        assert!(!has(&o, "browser-with-e2ee"));
    }

    #[test]
    fn meet_has_no_desktop_application() {
        use crate::options::Client;
        let mut o = Options::default();
        o.platform.kind = PlatformKind::GoogleMeet;
        let d = check(&o, pack_facts())
            .0
            .into_iter()
            .find(|d| d.code == "feature-not-offered")
            .expect("reported");
        assert_eq!(
            (d.path.as_str(), d.severity),
            ("platform.client", crate::Severity::Error)
        );
        assert!(d.hint.contains("browser"), "{}", d.hint);
        o.platform.client = Client::Browser;
        assert!(!has(&o, "feature-not-offered"));
    }

    #[test]
    fn unwise_settings_are_warned_with_the_setting_to_change() {
        let mut o = Options::default();
        o.platform.kind = PlatformKind::MicrosoftTeams;
        let found = check(&o, pack_facts());
        let warned = |code: &str| {
            found
                .0
                .iter()
                .find(|d| d.code == code)
                .map(|d| (d.severity, d.hint.clone()))
        };
        let (severity, hint) = warned("ai-started-by-participant").expect("Copilot");
        assert_eq!(severity, crate::Severity::Warning);
        assert!(hint.contains("\"Copilot\""), "{hint}");
        let (_, hint) = warned("lobby-admitted-by-presenters").expect("presenters");
        assert!(hint.contains("Who can admit from the lobby?"), "{hint}");
        o.platform.kind = PlatformKind::Zoom;
        let found = check(&o, pack_facts());
        let embed = found
            .0
            .iter()
            .find(|d| d.code == "passcode-in-link")
            .expect("Zoom embeds the passcode");
        assert!(
            embed
                .hint
                .contains("Embed passcode in invite link for one-click join")
        );
        o.platform.kind = PlatformKind::Webex;
        assert!(has(&o, "lobby-bypassed-by-colleagues"));
        assert!(has(&o, "passcode-protects-id-only"));
    }

    #[test]
    fn old_facts_that_a_check_rests_on_get_a_note() {
        use crate::options::{Date, Encryption};
        let mut o = Options::default();
        o.platform.kind = PlatformKind::Zoom;
        o.platform.encryption = Encryption::EndToEnd;
        o.attendance.live_captions = true;
        // Zoom's captions fact is from October 2020.
        o.case.date = Date::parse("2026-12-01").ok();
        assert!(has(&o, "fact-old"));
        o.case.date = Date::parse("2021-01-01").ok();
        assert!(!has(&o, "fact-old"));
    }

    /// The old facts are listed oldest first, then by feature, each once, whatever the
    /// order they are relied on in.
    #[test]
    fn old_facts_are_listed_oldest_first_then_by_feature_each_once() {
        use crate::options::Date;
        let fact = |feature: &str, as_of: &str| Fact {
            platform: PlatformKind::Zoom,
            feature: feature.to_owned(),
            available: Some(true),
            as_of: Date::parse(as_of).expect("a date"),
            source: "a source".to_owned(),
            primary: Some(true),
            note: String::new(),
        };
        let facts = Facts {
            facts: vec![
                fact("b_feature", "2020-10-01"),
                fact("z_feature", "2019-01-01"),
                fact("a_feature", "2020-10-01"),
                fact("recent", "2026-01-01"),
            ],
            ..Facts::default()
        };
        let mut o = Options::default();
        o.case.date = Date::parse("2026-12-01").ok();
        let f = &facts.facts;
        let relied = [&f[0], &f[3], &f[1], &f[0], &f[2], &f[1]];
        let mut out = Diagnostics::default();
        platform::stale(&o, &facts, relied, &mut out);
        let note = &out.0[0];
        assert_eq!(note.code, "fact-old");
        assert!(
            note.message.ends_with(
                "3 facts about Zoom dated more than 2 years before the case's date: \
                 z_feature: yes (2019-01-01); a_feature: yes (2020-10-01); \
                 b_feature: yes (2020-10-01)"
            ),
            "{}",
            note.message
        );
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
