//! What the form calls each option: a short label, the choices in words, and help text.
//!
//! Labels are written here for mediators; help text comes from the options model's own
//! documentation (the JSON Schema's descriptions), except where that text speaks of
//! option paths, which a mediator never sees.

use caucus_core::schema::resolve;
use std::collections::BTreeMap;

use serde_json::Value;

/// The id of the form field for an option path: `parties.1.name` → `opt-parties-1-name`.
pub fn field_id(path: &str) -> String {
    format!("opt-{}", path.replace('.', "-"))
}

/// The path with list positions replaced by `*`: `parties.1.name` → `parties.*.name`.
pub fn pattern(path: &str) -> String {
    path.split('.')
        .map(|s| {
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The short label of an option, by pattern.
pub fn label(path: &str) -> &'static str {
    match pattern(path).as_str() {
        "case.reference" => "Case reference",
        "case.date" => "Date of the session",
        "case.time" => "Start time",
        "case.time_zone" => "Time zone",
        "case.break_every_minutes" => "Longest stretch without a break (minutes)",
        "case.locale" => "Spelling and date style",
        "case.jurisdiction" => "Governing law",
        "mediator.name" => "Mediator's name",
        "mediator.organisation" => "Firm or institution",
        "mediator.emergency_phone" => "Emergency telephone number",
        "parties" => "Parties",
        "parties.*" => "Party",
        "parties.*.name" => "Full legal name",
        "parties.*.role" => "Role",
        "parties.*.time_zone" => "Time zone, if different",
        "parties.*.attendees" => "Attendees",
        "parties.*.attendees.*" => "Attendee",
        "parties.*.attendees.*.name" => "Name",
        "parties.*.attendees.*.capacity" => "Attends as",
        "platform.kind" => "Platform",
        "platform.other_name" => "Name of the platform",
        "platform.account_holder" => "Whose account hosts the meetings",
        "platform.client" => "How attendees join",
        "platform.encryption" => "Encryption the parties expect",
        "platform.data_regions" => "Where meeting data may be processed",
        "platform.test_session" => "Hold a test session before the mediation",
        "attendance.disclose_in_advance" => "Everyone attending is named in advance",
        "attendance.disclosure_deadline_hours" => "Hours before the session",
        "attendance.observers" => "Observers",
        "attendance.private_location" => "Each attendee joins from a private place",
        "attendance.cameras_on" => "Cameras stay on",
        "attendance.identity_check" => "Identity check on camera at the opening",
        "attendance.interpreters" => "Interpreters will attend",
        "attendance.support_persons" => "Support persons may attend with consent",
        "attendance.live_captions" => "An attendee needs live captions",
        "recording.policy" => "Recording",
        "recording.retention_days" => "Days after the mediation to delete an allowed recording",
        "breakout_rooms.enabled" => "Use breakout rooms for private sessions",
        "breakout_rooms.control" => "Who runs the rooms",
        "breakout_rooms.co_host" => "The co-host's name",
        "breakout_rooms.announce_entry" => "The mediator announces entering a room",
        "breakout_rooms.broadcasts" => "The host may broadcast messages to every room",
        "breakout_rooms.private_chat" => "Private chat",
        "documents.exchange" => "How documents are exchanged",
        "documents.delete_after_days" => "Days after the mediation to delete documents",
        "documents.breach_notice_hours" => "Hours to report a suspected breach",
        "documents.file_share_service" => "File-sharing service",
        "security.unique_meeting_id" => "A meeting ID for this mediation only",
        "security.passcode" => "A passcode is needed to join",
        "security.passcode_separate" => "The passcode is sent separately from the link",
        "security.waiting_room" => "Admitting attendees",
        "security.lock_meeting" => "Lock the meeting once everyone has joined",
        "security.no_public_networks" => "No public or shared networks",
        "security.current_version" => "Current version of the platform's software",
        "security.screen_sharing" => "Who may share their screen",
        "costs.allocation" => "Who bears the costs",
        "costs.shares" => "Each party's share",
        "costs.shares.*" => "Share",
        "costs.requesting_party" => "The party that asked for the platform",
        "consent.own_inquiry" => "The parties made their own inquiries into the platform's risks",
        "consent.express_risk_consent" => {
            "A client consents in writing to a platform their lawyers do not recommend"
        }
        "consent.law_firm" => "Law firm giving the advice",
        "consent.client" => "Client giving consent",
        "consent.recommended_alternative" => "What the firm recommends instead",
        "consent.reasons" => "The firm's reasons",
        "consent.reasons.*" => "Reason",
        "technical_failure.reconnection_minutes" => "Minutes to wait for someone to rejoin",
        "technical_failure.fallback" => "If someone cannot rejoin in time",
        "technical_failure.dial_in" => "Teleconference dial-in number",
        "technical_failure.no_cost_penalty" => {
            "No charge for an adjournment caused by a technical failure"
        }
        "settlement.electronic_signature" => "A settlement may be signed electronically",
        "settlement.counterparts" => "A settlement may be signed in counterparts",
        "settlement.e_signature_service" => "Electronic signature service",
        "settlement.heads_of_terms" => "Heads of terms are signed on the day",
        "settlement.mediator_attestation" => {
            "The mediator signs to show the settlement came from mediation"
        }
        "data_protection.responsible" => "Who is responsible for the personal data",
        "data_protection.privacy_notice" => "Privacy notice",
        _ => "",
    }
}

/// The values of a choice and their words, by pattern.
pub fn choices(path: &str) -> &'static [(&'static str, &'static str)] {
    match pattern(path).as_str() {
        "case.locale" => &[
            ("en-GB", "British English (25 November 2026)"),
            ("en-CA", "Canadian English (November 25, 2026)"),
            ("en-US", "American English (November 25, 2026)"),
        ],
        "parties.*.attendees.*.capacity" => &[
            ("party", "Party or officer"),
            ("lawyer", "Lawyer"),
            ("expert", "Expert or other adviser"),
            ("interpreter", "Interpreter"),
            ("support-person", "Support person"),
            ("observer", "Observer"),
        ],
        "platform.kind" => &[
            ("zoom", "Zoom"),
            ("microsoft-teams", "Microsoft Teams"),
            ("webex", "Webex"),
            ("google-meet", "Google Meet"),
            ("other", "Another platform"),
        ],
        "platform.account_holder" => &[
            ("mediator", "The mediator's own account"),
            (
                "institution",
                "The account of the mediator's firm or institution",
            ),
            (
                "requesting-party",
                "The account of the party that asked for the platform",
            ),
        ],
        "platform.client" => &[
            ("desktop-app", "The platform's desktop app"),
            ("browser", "A web browser"),
        ],
        "platform.encryption" => &[
            (
                "in-transit",
                "In transit: between each device and the platform's servers",
            ),
            (
                "end-to-end",
                "End to end: the platform cannot read the content",
            ),
        ],
        "attendance.observers" => &[
            ("never", "Never"),
            (
                "consent-of-all",
                "Only with the consent of every party and the mediator",
            ),
        ],
        "recording.policy" => &[
            ("prohibited", "Nobody records any part of the mediation"),
            (
                "consent-of-all",
                "Only with the prior written consent of everyone",
            ),
            (
                "settlement-terms-only",
                "Only the mediator, and only the settlement terms read back at the end",
            ),
        ],
        "breakout_rooms.control" => &[
            ("mediator-only", "The mediator only"),
            (
                "mediator-and-co-host",
                "The mediator, and a co-host from the mediator's office",
            ),
        ],
        "breakout_rooms.private_chat" => &[
            ("disabled", "Switched off"),
            (
                "mediator-only",
                "Only between the mediator and one party's room",
            ),
        ],
        "documents.exchange" => &[
            (
                "secure-file-share",
                "A secure file-sharing service, limited to named people",
            ),
            (
                "encrypted-email",
                "Email with encrypted, passcode-protected attachments",
            ),
        ],
        "security.waiting_room" => &[
            ("use", "From the waiting room or lobby, by name"),
            (
                "avoid",
                "No waiting room: the passcode and the lock control entry",
            ),
        ],
        "security.screen_sharing" => &[
            (
                "host-only",
                "The host only (others with the host's permission)",
            ),
            ("anyone", "Anyone"),
        ],
        "costs.allocation" => &[
            (
                "mediator-absorbs",
                "The mediator, within the mediator's fee",
            ),
            ("equal-shares", "The parties, in equal shares"),
            ("stated-shares", "The parties, in stated shares"),
            ("requesting-party", "The party that asked for the platform"),
        ],
        "data_protection.responsible" => &[
            ("mediator", "The mediator"),
            ("institution", "The mediator's firm or institution"),
        ],
        "technical_failure.fallback" => &[
            ("teleconference", "The session continues by teleconference"),
            ("adjournment", "The session is adjourned to a new date"),
        ],
        _ => &[],
    }
}

/// Help text for an option: written here where the model's description speaks of option
/// paths, otherwise the model's own description.
pub fn help(path: &str) -> Option<String> {
    let key = pattern(path);
    let written = match key.as_str() {
        "platform.other_name" => {
            "The platform's name as the parties know it, for example Jitsi Meet."
        }
        "platform.data_regions" => {
            "Regions where meeting data may be processed, separated by commas, for example EU, Canada. Leave empty if no restriction is agreed."
        }
        "costs.shares" => "Percentages, one for each party. They must total 100.",
        "costs.requesting_party" => {
            "This party bears the costs, or hosts the meetings on its account."
        }
        "technical_failure.dial_in" => {
            "Leave empty if the mediator gives the number before the session."
        }
        "consent.client" => "Leave empty for the first party.",
        "case.time_zone" => "For example Europe/London or America/Toronto.",
        "case.date" => "Leave empty if the date is not fixed yet.",
        "case.time" => "On a 24-hour clock. Leave empty to show no time.",
        "case.reference" => "For example MED-2026-0147. Leave empty to show no reference.",
        _ => "",
    };
    if !written.is_empty() {
        return Some(written.to_owned());
    }
    // A description that only repeats the label ("Who may share their screen.") is noise.
    let squash = |s: &str| s.trim_end_matches('.').to_ascii_lowercase();
    DESCRIPTIONS
        .with(|d| d.get(&key).cloned())
        .filter(|text| squash(text) != squash(label(path)))
}

/// Where an option sits, in words, for the list of diagnostics:
/// `parties.1.attendees.0.name` → "Party 2 (Acme Ltd), attendee 1: Name".
pub fn describe(path: &str, options: &caucus_core::Options) -> String {
    if path.is_empty() {
        return "Options".to_owned();
    }
    let segments: Vec<&str> = path.split('.').collect();
    let index = |i: usize| segments.get(i).and_then(|s| s.parse::<usize>().ok());
    let field = label(path);
    if segments[0] == "parties"
        && let Some(p) = index(1)
    {
        let name = options
            .parties
            .get(p)
            .map(|party| party.name.trim())
            .filter(|n| !n.is_empty())
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let mut place = format!("Party {}{name}", p + 1);
        if let Some(a) = index(3) {
            place.push_str(&format!(", attendee {}", a + 1));
        }
        return match segments.len() {
            2 | 4 => place,
            _ => format!("{place}: {field}"),
        };
    }
    if segments[0] == "costs"
        && segments.get(1) == Some(&"shares")
        && let Some(p) = index(2)
    {
        let name = options
            .parties
            .get(p)
            .map(|party| party.name.trim().to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("party {}", p + 1));
        return format!("Costs: share of {name}");
    }
    let group = group_title(segments[0]);
    if field.is_empty() || field == group {
        group.to_owned()
    } else {
        format!("{group}: {field}")
    }
}

/// The title of the form section that holds a top-level option.
pub fn group_title(key: &str) -> &'static str {
    match key {
        "case" => "The case",
        "mediator" => "Mediator",
        "parties" => "Parties",
        "platform" => "Platform",
        "attendance" => "Attendance",
        "recording" => "Recording",
        "breakout_rooms" => "Breakout rooms",
        "documents" => "Documents and data",
        "security" => "Security practices",
        "costs" => "Costs",
        "technical_failure" => "Technical failure",
        "consent" => "Consent",
        "settlement" => "Settlement",
        "data_protection" => "Personal data",
        _ => "Options",
    }
}

thread_local! {
    /// Field descriptions from the JSON Schema of the options, by pattern.
    static DESCRIPTIONS: BTreeMap<String, String> = {
        let schema = caucus_core::schema();
        let mut out = BTreeMap::new();
        collect(&schema, &schema, "", &mut out);
        out
    };
}

fn collect(root: &Value, node: &Value, path: &str, out: &mut BTreeMap<String, String>) {
    if let Some(text) = node.get("description").and_then(Value::as_str)
        && !path.is_empty()
    {
        out.entry(path.to_owned()).or_insert_with(|| {
            text.replace('`', "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        });
    }
    let node = resolve(root, node);
    if let Some(items) = node.get("items") {
        collect(root, items, &format!("{path}.*"), out);
    }
    for alternative in ["anyOf", "oneOf", "allOf"] {
        if let Some(list) = node.get(alternative).and_then(Value::as_array) {
            for item in list {
                let item = resolve(root, item);
                if item.get("properties").is_some() || item.get("items").is_some() {
                    collect(root, item, path, out);
                }
            }
        }
    }
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (name, child) in props {
            let child_path = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            collect(root, child, &child_path, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_patterns_follow_the_path() {
        assert_eq!(field_id("parties.1.name"), "opt-parties-1-name");
        assert_eq!(
            pattern("parties.12.attendees.0.capacity"),
            "parties.*.attendees.*.capacity"
        );
    }

    #[test]
    fn every_field_of_the_model_has_a_label() {
        let schema = caucus_core::schema();
        let mut described = BTreeMap::new();
        collect(&schema, &schema, "", &mut described);
        for path in described.keys() {
            let leaf = !described
                .keys()
                .any(|other| other.starts_with(&format!("{path}.")));
            if leaf {
                assert!(!label(path).is_empty(), "no label for {path}");
            }
        }
    }

    #[test]
    fn every_choice_of_the_model_has_words() {
        for (path, values) in caucus_core::schema::choices() {
            if values.iter().all(serde_json::Value::is_boolean) {
                continue;
            }
            let words = choices(&path);
            for value in values {
                let value = value.as_str().unwrap_or_default();
                assert!(
                    words.iter().any(|(v, _)| *v == value),
                    "no words for {path} = {value}"
                );
            }
        }
    }

    #[test]
    fn diagnostics_name_the_place_in_words() {
        let options = caucus_core::Options::default();
        assert_eq!(
            describe("parties.1.name", &options),
            "Party 2 (Party B): Full legal name"
        );
        assert_eq!(
            describe("costs.shares", &options),
            "Costs: Each party's share"
        );
        assert_eq!(
            describe("costs.shares.0", &options),
            "Costs: share of Party A"
        );
        assert_eq!(describe("recording.policy", &options), "Recording");
    }
}
