//! The options model: everything a mediator can choose.
//!
//! One serde model serves every interface (TOML, JSON, YAML, CSV column paths, the JS API
//! and the web form). Field names are snake_case; choice values are kebab-case, as they
//! appear to users (`microsoft-teams`, `consent-of-all`). Every field has a default, so
//! `{}` is a complete input: the embedded default agreement.
//!
//! Choices that clause `when` conditions may test are enums or booleans, because the pack
//! validator enumerates their values to prove that every combination selects exactly one
//! variant of each topic. Free text and numbers can appear in clause bodies but never in
//! `when` conditions.
//!
//! This file is also where every option is named for people, once: the doc comment of a
//! field is its description (written for mediators: the form shows it as help), and the
//! schemars attributes give what the JSON Schema carries besides the types, which the
//! options model ([`crate::model`]) reads and every shell shows:
//!
//! - `title`: the option's name in the form, in diagnostics and in `caucus init`; on a
//!   choice's variant, the choice's display name;
//! - `example`: a sample value (the form's placeholder);
//! - `x-shown-when`: when the option matters at all, as a list of alternatives, each an
//!   object of option path → value(s) that must all hold (the form hides it otherwise);
//! - `x-unit`: the unit of a number ("hours", "%");
//! - `x-one-per` and `x-index-of`: a list with one item per item of another list, and a
//!   number that is a position in another list (`costs.shares` and `parties`).
//!
//! Adding an option means adding the field here (with its title) and, if the documents
//! use it, the clauses: the form, the CSV columns and `caucus init` follow from the
//! schema.

#[cfg(test)]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// All the choices behind one set of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// The case: reference, date, locale and governing jurisdiction.
    #[cfg_attr(test, schemars(title = "The case"))]
    pub case: Case,
    /// The mediator conducting the Mediation.
    #[cfg_attr(test, schemars(title = "Mediator"))]
    pub mediator: Mediator,
    /// The parties to the Mediation, in the order they are named.
    #[cfg_attr(test, schemars(title = "Parties"))]
    pub parties: Vec<Party>,
    /// The video platform and how it is used.
    #[cfg_attr(test, schemars(title = "Platform"))]
    pub platform: Platform,
    /// Who attends, and how attendance is disclosed and checked.
    #[cfg_attr(test, schemars(title = "Attendance"))]
    pub attendance: Attendance,
    /// Whether anything may be recorded.
    #[cfg_attr(test, schemars(title = "Recording"))]
    pub recording: Recording,
    /// Breakout rooms (private caucuses) beside the joint sessions.
    #[cfg_attr(test, schemars(title = "Breakout rooms"))]
    pub breakout_rooms: BreakoutRooms,
    /// How documents are exchanged, kept and deleted.
    #[cfg_attr(test, schemars(title = "Documents and data"))]
    pub documents: Documents,
    /// Security practices for the meeting itself.
    #[cfg_attr(test, schemars(title = "Security practices"))]
    pub security: Security,
    /// Who bears the costs of conducting the Mediation by video.
    #[cfg_attr(test, schemars(title = "Costs"))]
    pub costs: Costs,
    /// Consents and acknowledgements the parties give.
    #[cfg_attr(test, schemars(title = "Consent"))]
    pub consent: Consent,
    /// What happens when the connection fails.
    #[cfg_attr(test, schemars(title = "Technical failure"))]
    pub technical_failure: TechnicalFailure,
    /// How any settlement is signed.
    #[cfg_attr(test, schemars(title = "Settlement"))]
    pub settlement: Settlement,
    /// Who is responsible for the personal data the video process creates.
    #[cfg_attr(test, schemars(title = "Personal data"))]
    pub data_protection: DataProtection,
    /// Your own wording of a clause, by the clause's id (`recording-prohibited`), as
    /// Markdown. It replaces the standard text while the options select that clause;
    /// it is fixed text, so it no longer follows the other options.
    #[cfg_attr(test, schemars(title = "Your own wording"))]
    #[cfg_attr(test, schemars(extend("x-edited-in" = "preview")))]
    pub edits: BTreeMap<String, String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            case: Case::default(),
            mediator: Mediator::default(),
            parties: vec![
                Party {
                    name: "Party A".into(),
                    role: "Claimant".into(),
                    time_zone: String::new(),
                    attendees: Vec::new(),
                },
                Party {
                    name: "Party B".into(),
                    role: "Respondent".into(),
                    time_zone: String::new(),
                    attendees: Vec::new(),
                },
            ],
            platform: Platform::default(),
            attendance: Attendance::default(),
            recording: Recording::default(),
            breakout_rooms: BreakoutRooms::default(),
            documents: Documents::default(),
            security: Security::default(),
            costs: Costs::default(),
            consent: Consent::default(),
            technical_failure: TechnicalFailure::default(),
            settlement: Settlement::default(),
            data_protection: DataProtection::default(),
            edits: BTreeMap::new(),
        }
    }
}

/// The case the documents belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Case {
    /// For example MED-2026-0147. Leave empty to show no reference.
    #[cfg_attr(test, schemars(title = "Case reference", example = &"MED-2026-0147"))]
    pub reference: String,
    /// Leave empty if the date is not fixed yet.
    #[cfg_attr(test, schemars(title = "Date of the session"))]
    pub date: Option<Date>,
    /// When the first session starts. The documents write it as the spelling and date
    /// style does: "09:30" in British English, "9:30 a.m." in Canadian and American
    /// English. Leave empty to show no time.
    #[cfg_attr(test, schemars(title = "Start time"))]
    pub time: Option<TimeOfDay>,
    /// The zone of the start time. The documents name the zone after its place ("London
    /// time"). In an options file, its IANA name: Europe/London, America/Toronto.
    #[cfg_attr(test, schemars(title = "Time zone", example = &"Europe/London"))]
    #[cfg_attr(test, schemars(extend("format" = "time-zone", "x-empty" = "Not stated")))]
    pub time_zone: String,
    /// The longest stretch, in minutes, that a session runs without a break. Video is
    /// more tiring than a meeting room; 90 minutes is a common limit.
    #[cfg_attr(test, schemars(title = "Longest stretch without a break"))]
    #[cfg_attr(test, schemars(extend("x-unit" = "minutes")))]
    pub break_every_minutes: u32,
    /// Spelling and date style of the documents.
    #[cfg_attr(test, schemars(title = "Spelling and date style"))]
    pub locale: Locale,
    /// The law that governs the mediation agreement, as free text (for example
    /// England and Wales). Empty: the documents refer to "applicable law".
    #[cfg_attr(test, schemars(title = "Governing law", example = &"England and Wales"))]
    pub jurisdiction: String,
    /// The terms end with a place for each party and the mediator to sign and date, for
    /// when they are signed as a document of their own rather than attached to a
    /// mediation agreement that is signed.
    #[cfg_attr(test, schemars(title = "End the terms with a signature block"))]
    pub signature_block: bool,
}

impl Default for Case {
    fn default() -> Self {
        Case {
            reference: String::new(),
            date: None,
            time: None,
            time_zone: String::new(),
            break_every_minutes: 90,
            locale: Locale::default(),
            jurisdiction: String::new(),
            signature_block: false,
        }
    }
}

/// Spelling and date style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub enum Locale {
    /// British English: "organise", "25 November 2026".
    #[cfg_attr(test, schemars(title = "British English (25 November 2026)"))]
    #[default]
    #[serde(rename = "en-GB")]
    EnGb,
    /// Canadian English: "organize", "centre", "November 25, 2026".
    #[cfg_attr(test, schemars(title = "Canadian English (November 25, 2026)"))]
    #[serde(rename = "en-CA")]
    EnCa,
    /// American English: "organize", "center", "November 25, 2026".
    #[cfg_attr(test, schemars(title = "American English (November 25, 2026)"))]
    #[serde(rename = "en-US")]
    EnUs,
}

impl Locale {
    /// The BCP 47 tag, as in `lang` attributes and Word's proofing language.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::EnGb => "en-GB",
            Locale::EnCa => "en-CA",
            Locale::EnUs => "en-US",
        }
    }

    /// Whether dates put the day before the month ("25 November 2026"), as a form
    /// asking for a date should too.
    pub fn day_first(self) -> bool {
        self == Locale::EnGb
    }

    /// Whether times are written on a 24-hour clock ("14:30") rather than with "a.m."
    /// and "p.m.".
    pub fn twenty_four_hour(self) -> bool {
        self == Locale::EnGb
    }
}

/// The mediator.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Mediator {
    /// The mediator's full name. Empty: the documents say "the Mediator".
    #[cfg_attr(test, schemars(title = "Mediator's name"))]
    pub name: String,
    /// The mediator's firm or institution, if any.
    #[cfg_attr(test, schemars(title = "Firm or institution"))]
    pub organisation: String,
    /// A telephone number on which attendees can reach you during a session if the video
    /// fails. The participant guide prints it. Empty: the guide asks attendees to keep
    /// your number to hand.
    #[cfg_attr(test, schemars(title = "Emergency telephone number"))]
    pub emergency_phone: String,
}

/// A party to the mediation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[cfg_attr(test, schemars(title = "Party"))]
#[serde(default, deny_unknown_fields)]
pub struct Party {
    /// The party's full legal name.
    #[cfg_attr(test, schemars(title = "Full legal name"))]
    pub name: String,
    /// The party's role in the dispute, for example Claimant or Respondent.
    #[cfg_attr(test, schemars(title = "Role", example = &"Claimant"))]
    pub role: String,
    /// Only when it differs from the case's time zone, for example America/New_York.
    /// The documents then give the start time in this zone too. Empty: the case's zone.
    #[cfg_attr(test, schemars(title = "The party's time zone", example = &"America/New_York"))]
    #[cfg_attr(test, schemars(extend("format" = "time-zone", "x-empty" = "The same as the case")))]
    pub time_zone: String,
    /// Everyone who attends for this party, or who will be able to hear the session.
    #[cfg_attr(test, schemars(title = "Attendees"))]
    pub attendees: Vec<Attendee>,
}

/// A person attending the mediation for a party.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[cfg_attr(test, schemars(title = "Attendee"))]
#[serde(default, deny_unknown_fields)]
pub struct Attendee {
    /// The attendee's full name.
    #[cfg_attr(test, schemars(title = "Name"))]
    pub name: String,
    /// The capacity in which the attendee attends.
    #[cfg_attr(test, schemars(title = "Attends as"))]
    pub capacity: Capacity,
}

/// The capacity in which someone attends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Capacity {
    /// The party in person, or an officer who can settle. The terms list this attendee
    /// as attending "with authority to settle".
    #[cfg_attr(test, schemars(title = "Party or officer"))]
    #[default]
    Party,
    /// A lawyer advising the party. The terms list this attendee as "lawyer".
    #[cfg_attr(test, schemars(title = "Lawyer"))]
    Lawyer,
    /// An expert or adviser other than a lawyer. The terms list this attendee as
    /// "expert".
    #[cfg_attr(test, schemars(title = "Expert or other adviser"))]
    Expert,
    /// An interpreter. The terms list this attendee as "interpreter".
    #[cfg_attr(test, schemars(title = "Interpreter"))]
    Interpreter,
    /// A friend, relative or assistant. The terms list this attendee as "support
    /// person".
    #[cfg_attr(test, schemars(title = "Support person"))]
    SupportPerson,
    /// For example a trainee mediator or an insurer's monitor. The terms list this
    /// attendee as "observer".
    #[cfg_attr(test, schemars(title = "Observer"))]
    Observer,
}

/// The video platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Platform {
    /// Which platform the mediation uses.
    #[cfg_attr(test, schemars(title = "Platform"))]
    pub kind: PlatformKind,
    /// The platform's name as the parties know it, for example Jitsi Meet.
    #[cfg_attr(test, schemars(title = "Name of the platform"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"platform.kind": "other"}])))]
    pub other_name: String,
    /// Whose account hosts the meetings.
    #[cfg_attr(test, schemars(title = "Whose account hosts the meetings"))]
    pub account_holder: AccountHolder,
    /// How attendees join: the platform's desktop application or a web browser.
    #[cfg_attr(test, schemars(title = "How attendees join"))]
    pub client: Client,
    /// The encryption the parties expect the meeting to use.
    #[cfg_attr(test, schemars(title = "Encryption the parties expect"))]
    pub encryption: Encryption,
    /// Regions where meeting data may be processed, for example EU or Canada. Leave
    /// empty if no restriction is agreed.
    #[cfg_attr(test, schemars(title = "Where meeting data may be processed"))]
    #[cfg_attr(test, schemars(extend("examples" = [["EU", "Canada"]])))]
    pub data_regions: Vec<String>,
    /// Whether a short test session is held before the mediation.
    #[cfg_attr(test, schemars(title = "Hold a test session before the mediation"))]
    pub test_session: bool,
}

impl Default for Platform {
    fn default() -> Self {
        Platform {
            kind: PlatformKind::default(),
            other_name: String::new(),
            account_holder: AccountHolder::default(),
            client: Client::default(),
            encryption: Encryption::default(),
            data_regions: Vec::new(),
            test_session: true,
        }
    }
}

/// The platforms caucus knows facts about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PlatformKind {
    /// Zoom Meetings.
    #[cfg_attr(test, schemars(title = "Zoom"))]
    #[default]
    Zoom,
    /// Microsoft Teams.
    #[cfg_attr(test, schemars(title = "Microsoft Teams"))]
    MicrosoftTeams,
    /// Cisco Webex Meetings.
    #[cfg_attr(test, schemars(title = "Webex"))]
    Webex,
    /// Google Meet.
    #[cfg_attr(test, schemars(title = "Google Meet"))]
    GoogleMeet,
    /// Another platform, named in `platform.other_name`.
    #[cfg_attr(test, schemars(title = "Another platform"))]
    Other,
}

/// Whose account hosts the meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AccountHolder {
    /// The mediator's own account.
    #[cfg_attr(test, schemars(title = "The mediator's own account"))]
    #[default]
    Mediator,
    /// The account of the mediator's firm or institution.
    #[cfg_attr(
        test,
        schemars(title = "The account of the mediator's firm or institution")
    )]
    Institution,
    /// The account of the party that asked for the platform (`costs.requesting_party`).
    #[cfg_attr(
        test,
        schemars(title = "The account of the party that asked for the platform")
    )]
    RequestingParty,
}

/// How attendees join.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Client {
    /// The platform's current desktop application.
    #[cfg_attr(test, schemars(title = "The platform's desktop app"))]
    #[default]
    DesktopApp,
    /// A current web browser.
    #[cfg_attr(test, schemars(title = "A web browser"))]
    Browser,
}

/// The encryption expected of the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Encryption {
    /// Encrypted between each device and the platform's servers.
    #[cfg_attr(
        test,
        schemars(title = "In transit: between each device and the platform's servers")
    )]
    #[default]
    InTransit,
    /// Encrypted end to end, so the platform cannot read the content.
    #[cfg_attr(
        test,
        schemars(title = "End to end: the platform cannot read the content")
    )]
    EndToEnd,
}

/// Who attends, and how that is disclosed and checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Attendance {
    /// Whether every attendee must be named to the mediator and the other parties in advance.
    #[cfg_attr(test, schemars(title = "Everyone attending is named in advance"))]
    pub disclose_in_advance: bool,
    /// How many hours before the session the names must be given.
    #[cfg_attr(test, schemars(title = "Hours before the session"))]
    #[cfg_attr(test, schemars(extend("x-unit" = "hours")))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"attendance.disclose_in_advance": true}])))]
    pub disclosure_deadline_hours: u32,
    /// Whether observers may attend.
    #[cfg_attr(test, schemars(title = "Observers"))]
    pub observers: Observers,
    /// Whether each attendee must join from a private place where nobody else can hear.
    #[cfg_attr(test, schemars(title = "Each attendee joins from a private place"))]
    pub private_location: bool,
    /// Whether cameras stay on while an attendee is in a session.
    #[cfg_attr(test, schemars(title = "Cameras stay on"))]
    pub cameras_on: bool,
    /// Whether each attendee confirms their identity on camera at the opening.
    #[cfg_attr(test, schemars(title = "Identity check on camera at the opening"))]
    pub identity_check: bool,
    /// Whether interpreters will attend.
    #[cfg_attr(test, schemars(title = "Interpreters will attend"))]
    pub interpreters: bool,
    /// Whether an attendee may have a support person (a relative, friend or carer) with
    /// them, with the consent of the mediator and the other parties.
    #[cfg_attr(
        test,
        schemars(title = "An attendee may have a support person with them")
    )]
    pub support_persons: bool,
    /// Whether an attendee needs live captions or a human captioner (CART) to take part.
    /// The recording rules always allow captions for an attendee who needs them; this
    /// tells the terms that captions will be used, and checks that the platform's
    /// encryption leaves them on.
    #[cfg_attr(test, schemars(title = "Live captions will be used"))]
    pub live_captions: bool,
}

impl Default for Attendance {
    fn default() -> Self {
        Attendance {
            disclose_in_advance: true,
            disclosure_deadline_hours: 48,
            observers: Observers::default(),
            private_location: true,
            cameras_on: true,
            identity_check: true,
            interpreters: false,
            support_persons: false,
            live_captions: false,
        }
    }
}

/// Whether observers may attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Observers {
    /// No observers.
    #[cfg_attr(test, schemars(title = "Never"))]
    #[default]
    Never,
    /// Observers only with the consent of every party and the mediator.
    #[cfg_attr(
        test,
        schemars(title = "Only with the consent of every party and the mediator")
    )]
    ConsentOfAll,
}

/// Recording of the mediation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Recording {
    /// Whether, and what, anyone may record.
    #[cfg_attr(test, schemars(title = "Who may record"))]
    pub policy: RecordingPolicy,
    /// Days after the mediation ends within which an allowed recording is deleted (for
    /// a recording made with everyone's consent, unless the consent says otherwise).
    #[cfg_attr(
        test,
        schemars(title = "Days after the mediation to delete an allowed recording")
    )]
    #[cfg_attr(test, schemars(extend("x-unit" = "days")))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"recording.policy": "consent-of-all"}, {"recording.policy": "settlement-terms-only"}])))]
    pub retention_days: u32,
}

impl Default for Recording {
    fn default() -> Self {
        Recording {
            policy: RecordingPolicy::default(),
            retention_days: 30,
        }
    }
}

/// Whether, and what, anyone may record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RecordingPolicy {
    /// Nobody records any part of the mediation.
    #[cfg_attr(test, schemars(title = "Nobody records any part of the mediation"))]
    #[default]
    Prohibited,
    /// A recording only with the prior written consent of every party and the mediator.
    #[cfg_attr(
        test,
        schemars(title = "Only with the prior written consent of everyone")
    )]
    ConsentOfAll,
    /// Only the mediator, and only the agreed settlement terms read back at the end.
    #[cfg_attr(
        test,
        schemars(title = "Only the mediator, and only the settlement terms read back at the end")
    )]
    SettlementTermsOnly,
}

/// Breakout rooms (private caucuses).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct BreakoutRooms {
    /// Whether breakout rooms are used.
    #[cfg_attr(test, schemars(title = "Use breakout rooms for private sessions"))]
    pub enabled: bool,
    /// Who may open and close rooms and move people between them.
    #[cfg_attr(test, schemars(title = "Who runs the rooms"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"breakout_rooms.enabled": true}])))]
    pub control: RoomControl,
    /// The co-host's name, if already known. Left empty, the terms say that the mediator
    /// names the co-host before the first session.
    #[cfg_attr(test, schemars(title = "The co-host's name"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"breakout_rooms.enabled": true, "breakout_rooms.control": "mediator-and-co-host"}])))]
    pub co_host: String,
    /// Whether the mediator announces themselves on entering a room.
    #[cfg_attr(test, schemars(title = "The mediator announces entering a room"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"breakout_rooms.enabled": true}])))]
    pub announce_entry: bool,
    /// Whether the host may broadcast short messages to every room.
    #[cfg_attr(
        test,
        schemars(title = "The host may broadcast messages to every room")
    )]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"breakout_rooms.enabled": true}])))]
    pub broadcasts: bool,
    /// Whether the platform's private chat may be used.
    #[cfg_attr(test, schemars(title = "Private chat"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"breakout_rooms.enabled": true}])))]
    pub private_chat: PrivateChat,
}

impl Default for BreakoutRooms {
    fn default() -> Self {
        BreakoutRooms {
            enabled: true,
            control: RoomControl::default(),
            co_host: String::new(),
            announce_entry: true,
            broadcasts: true,
            private_chat: PrivateChat::default(),
        }
    }
}

/// Who may open, close and assign breakout rooms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RoomControl {
    /// Only the mediator.
    #[cfg_attr(test, schemars(title = "The mediator only"))]
    #[default]
    MediatorOnly,
    /// The mediator, and a co-host from the mediator's office acting on the mediator's instructions.
    #[cfg_attr(
        test,
        schemars(title = "The mediator, and a co-host from the mediator's office")
    )]
    MediatorAndCoHost,
}

/// Use of the platform's private chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PrivateChat {
    /// Private chat is switched off; nobody uses it.
    #[cfg_attr(test, schemars(title = "Switched off"))]
    #[default]
    Disabled,
    /// Private messages only between the mediator and one party's room.
    #[cfg_attr(
        test,
        schemars(title = "Only between the mediator and one party's room")
    )]
    MediatorOnly,
}

/// Documents exchanged for the mediation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Documents {
    /// How documents are exchanged.
    #[cfg_attr(test, schemars(title = "How documents are exchanged"))]
    pub exchange: DocumentExchange,
    /// Days after the mediation ends within which everyone deletes the documents
    /// they received, except what law or professional rules require them to keep.
    #[cfg_attr(test, schemars(title = "Days after the mediation to delete documents"))]
    #[cfg_attr(test, schemars(extend("x-unit" = "days")))]
    pub delete_after_days: u32,
    /// Hours within which anyone who suspects a breach of confidentiality tells everyone.
    #[cfg_attr(test, schemars(title = "Hours to report a suspected breach"))]
    #[cfg_attr(test, schemars(extend("x-unit" = "hours")))]
    pub breach_notice_hours: u32,
    /// For example Egnyte or ShareFile. Empty: the terms say that you name the service
    /// for the mediation.
    #[cfg_attr(test, schemars(title = "The file-sharing service", example = &"ShareFile"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"documents.exchange": "secure-file-share"}])))]
    pub file_share_service: String,
}

impl Default for Documents {
    fn default() -> Self {
        Documents {
            exchange: DocumentExchange::default(),
            delete_after_days: 30,
            breach_notice_hours: 24,
            file_share_service: String::new(),
        }
    }
}

/// How documents are exchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DocumentExchange {
    /// A secure file-sharing service with access limited to named people.
    #[cfg_attr(
        test,
        schemars(title = "A secure file-sharing service, limited to named people")
    )]
    #[default]
    SecureFileShare,
    /// Email with encrypted, passcode-protected attachments.
    #[cfg_attr(
        test,
        schemars(title = "Email with encrypted, passcode-protected attachments")
    )]
    EncryptedEmail,
}

/// Security practices for the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Security {
    /// A meeting ID used for this mediation only, never a personal or recurring one.
    #[cfg_attr(test, schemars(title = "A meeting ID for this mediation only"))]
    pub unique_meeting_id: bool,
    /// A passcode is required to join.
    #[cfg_attr(test, schemars(title = "A passcode is needed to join"))]
    pub passcode: bool,
    /// The passcode is sent by a different channel from the link.
    #[cfg_attr(
        test,
        schemars(title = "The passcode is sent separately from the link")
    )]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"security.passcode": true}])))]
    pub passcode_separate: bool,
    /// Whether to use the waiting room or lobby to admit attendees.
    #[cfg_attr(test, schemars(title = "Admitting attendees"))]
    pub waiting_room: WaitingRoom,
    /// The host locks the meeting once everyone expected has joined.
    #[cfg_attr(test, schemars(title = "Lock the meeting once everyone has joined"))]
    pub lock_meeting: bool,
    /// Attendees do not join over public or shared networks.
    #[cfg_attr(test, schemars(title = "No public or shared networks"))]
    pub no_public_networks: bool,
    /// Attendees use the current version of the platform's software.
    #[cfg_attr(test, schemars(title = "Current version of the platform's software"))]
    pub current_version: bool,
    /// Who may share their screen.
    #[cfg_attr(test, schemars(title = "Who may share their screen"))]
    pub screen_sharing: ScreenSharing,
}

impl Default for Security {
    fn default() -> Self {
        Security {
            unique_meeting_id: true,
            passcode: true,
            passcode_separate: true,
            waiting_room: WaitingRoom::default(),
            lock_meeting: true,
            no_public_networks: true,
            current_version: true,
            screen_sharing: ScreenSharing::default(),
        }
    }
}

/// Use of the waiting room or lobby.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum WaitingRoom {
    /// Attendees wait in the waiting room until the host admits them by name.
    #[cfg_attr(test, schemars(title = "From the waiting room or lobby, by name"))]
    #[default]
    Use,
    /// The waiting room is switched off; the passcode and the lock control entry.
    #[cfg_attr(
        test,
        schemars(title = "No waiting room: the passcode and the lock control entry")
    )]
    Avoid,
}

/// Who may share their screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ScreenSharing {
    /// Only the host; others share with the host's permission at the time.
    #[cfg_attr(
        test,
        schemars(title = "The host only (others with the host's permission)")
    )]
    #[default]
    HostOnly,
    /// Any attendee.
    #[cfg_attr(test, schemars(title = "Anyone"))]
    Anyone,
}

/// Who bears the costs of conducting the mediation by video.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Costs {
    /// How the costs are allocated.
    #[cfg_attr(test, schemars(title = "Who bears the costs"))]
    pub allocation: CostAllocation,
    /// Percentages, one for each party. They must total 100.
    #[cfg_attr(test, schemars(title = "Each party's share"))]
    #[cfg_attr(test, schemars(extend("x-unit" = "%", "x-one-per" = "parties")))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"costs.allocation": "stated-shares"}])))]
    pub shares: Vec<f64>,
    /// This party bears the costs, or hosts the meetings on its account.
    #[cfg_attr(test, schemars(title = "The party that asked for the platform"))]
    #[cfg_attr(test, schemars(extend("x-index-of" = "parties")))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"costs.allocation": "requesting-party"}, {"platform.account_holder": "requesting-party"}])))]
    pub requesting_party: usize,
}

/// How costs are allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CostAllocation {
    /// The mediator absorbs them within the mediator's fee.
    #[cfg_attr(test, schemars(title = "The mediator, within the mediator's fee"))]
    #[default]
    MediatorAbsorbs,
    /// The parties share them equally.
    #[cfg_attr(test, schemars(title = "The parties, in equal shares"))]
    EqualShares,
    /// The parties bear them in the percentages in `costs.shares`.
    #[cfg_attr(test, schemars(title = "The parties, in stated shares"))]
    StatedShares,
    /// The party that asked for a particular platform bears them.
    #[cfg_attr(test, schemars(title = "The party that asked for the platform"))]
    RequestingParty,
}

/// Consents and acknowledgements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Consent {
    /// The parties confirm they made their own inquiries into the platform's risks and ask
    /// the mediator to proceed on it.
    #[cfg_attr(
        test,
        schemars(title = "The parties made their own inquiries into the platform's risks")
    )]
    pub own_inquiry: bool,
    /// A client gives express written consent to a platform their lawyers do not
    /// recommend, accepting the risks explained. Adds the consent statement.
    #[cfg_attr(
        test,
        schemars(
            title = "A client consents in writing to a platform their lawyers do not recommend"
        )
    )]
    pub express_risk_consent: bool,
    /// The law firm giving the advice, for the consent statement.
    #[cfg_attr(test, schemars(title = "Law firm giving the advice"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"consent.express_risk_consent": true}])))]
    pub law_firm: String,
    /// Leave empty for the first party.
    #[cfg_attr(test, schemars(title = "Client giving consent"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"consent.express_risk_consent": true}])))]
    pub client: String,
    /// For the consent statement only, for example Microsoft Teams, hosted on the firm's
    /// own account. Empty: no alternative is named.
    #[cfg_attr(test, schemars(title = "What the firm recommends instead"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"consent.express_risk_consent": true}])))]
    pub recommended_alternative: String,
    /// The firm's reasons for not recommending the platform, one per entry, for the
    /// consent statement only. The shared terms never state them.
    #[cfg_attr(test, schemars(title = "The firm's reasons"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"consent.express_risk_consent": true}])))]
    pub reasons: Vec<String>,
}

impl Default for Consent {
    fn default() -> Self {
        Consent {
            own_inquiry: true,
            express_risk_consent: false,
            law_firm: String::new(),
            client: String::new(),
            recommended_alternative: String::new(),
            reasons: Vec::new(),
        }
    }
}

/// What happens when the connection fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct TechnicalFailure {
    /// Minutes everyone waits for someone disconnected to rejoin before the fallback applies.
    #[cfg_attr(test, schemars(title = "Minutes to wait for someone to rejoin"))]
    #[cfg_attr(test, schemars(extend("x-unit" = "minutes")))]
    pub reconnection_minutes: u32,
    /// What happens if someone cannot rejoin in time.
    #[cfg_attr(test, schemars(title = "If someone cannot rejoin in time"))]
    pub fallback: Fallback,
    /// The number only: an access code is sent like the passcode, never printed in the
    /// documents. Leave empty if the mediator gives the number before the session.
    #[cfg_attr(test, schemars(title = "Teleconference dial-in number"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"technical_failure.fallback": "teleconference"}])))]
    pub dial_in: String,
    /// Whether an adjournment for technical failure carries no cancellation charge.
    #[cfg_attr(
        test,
        schemars(title = "No charge for an adjournment caused by a technical failure")
    )]
    pub no_cost_penalty: bool,
}

impl Default for TechnicalFailure {
    fn default() -> Self {
        TechnicalFailure {
            reconnection_minutes: 15,
            fallback: Fallback::default(),
            dial_in: String::new(),
            no_cost_penalty: true,
        }
    }
}

/// The fallback when someone cannot rejoin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Fallback {
    /// The session continues by teleconference.
    #[cfg_attr(test, schemars(title = "The session continues by teleconference"))]
    #[default]
    Teleconference,
    /// The session is adjourned to a date the mediator fixes with the parties.
    #[cfg_attr(test, schemars(title = "The session is adjourned to a new date"))]
    Adjournment,
}

/// How a settlement is signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Settlement {
    /// A settlement may be signed by electronic signature.
    #[cfg_attr(test, schemars(title = "A settlement may be signed electronically"))]
    pub electronic_signature: bool,
    /// A settlement may be signed in counterparts.
    #[cfg_attr(test, schemars(title = "A settlement may be signed in counterparts"))]
    pub counterparts: bool,
    /// For example DocuSign or Adobe Acrobat Sign. Empty: the final text goes round
    /// through the secure channel.
    #[cfg_attr(test, schemars(title = "The electronic signature service", example = &"DocuSign"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"settlement.electronic_signature": true}])))]
    pub e_signature_service: String,
    /// With handwritten signatures: the parties sign short heads of terms on the day, so
    /// that what was agreed is in writing before the originals go round.
    #[cfg_attr(test, schemars(title = "Heads of terms are signed on the day"))]
    #[cfg_attr(test, schemars(extend("x-shown-when" = [{"settlement.electronic_signature": false}])))]
    pub heads_of_terms: bool,
    /// You sign the settlement agreement, or a separate statement, to show that it
    /// resulted from the mediation: the evidence that the Singapore Convention on
    /// Mediation, art. 4(1)(b), asks for when a party relies on the settlement abroad.
    #[cfg_attr(
        test,
        schemars(title = "The mediator attests that the settlement resulted from the mediation")
    )]
    pub mediator_attestation: bool,
}

impl Default for Settlement {
    fn default() -> Self {
        Settlement {
            electronic_signature: true,
            counterparts: true,
            e_signature_service: String::new(),
            heads_of_terms: true,
            mediator_attestation: false,
        }
    }
}

/// Personal data created by conducting the mediation by video.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct DataProtection {
    /// Who decides how the personal data collected for the video sessions is used (the
    /// controller, where data protection law uses that word): the attendee list, what the
    /// identity check shows and any recording you keep.
    #[cfg_attr(test, schemars(title = "Who is responsible for the personal data"))]
    pub responsible: DataResponsible,
    /// Where the privacy notice for the mediation can be read: a web address or the
    /// notice's title. Empty: the terms say the notice is given before the first session.
    #[cfg_attr(test, schemars(title = "Privacy notice"))]
    pub privacy_notice: String,
}

/// Who is responsible for the personal data of the video sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DataResponsible {
    /// You, the mediator.
    #[cfg_attr(test, schemars(title = "The mediator"))]
    #[default]
    Mediator,
    /// Your firm or institution, as named under Mediator.
    #[cfg_attr(test, schemars(title = "The mediator's firm or institution"))]
    Institution,
}

/// A calendar date, written `YYYY-MM-DD`, in the years [`Date::YEARS`].
///
/// A date of our own rather than a dependency: the engine only needs to check and print
/// dates, never to compute with the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The years a date may have. Year 0 does not exist and "1 January 0" is a typing
    /// mistake, as is any year before video mediation (or the platform facts) could be;
    /// four digits end at 9999.
    pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=9999;

    /// Parses `YYYY-MM-DD`, checking that the day exists in that month and the year is
    /// one of [`Date::YEARS`].
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad = || format!("expected a date written YYYY-MM-DD, found \"{text}\"");
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year: u16 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        let day: u8 = d.parse().map_err(|_| bad())?;
        if !Date::YEARS.contains(&year) {
            return Err(format!(
                "{text} is not a possible date: the year must be between {} and {}",
                Date::YEARS.start(),
                Date::YEARS.end()
            ));
        }
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(format!("{text} has no month {month}")),
        };
        if day == 0 || day > days {
            return Err(format!("{text} is not a day of that month"));
        }
        Ok(Date { year, month, day })
    }
}

impl Date {
    /// The name of a month (1 to 12) as the documents write it: "November".
    pub fn month_name(month: u8) -> &'static str {
        crate::template::helpers::MONTHS[usize::from(month.clamp(1, 12) - 1)]
    }

    /// The date as the documents write it in `locale`: "25 November 2026" or
    /// "November 25, 2026".
    pub fn written(self, locale: Locale) -> String {
        crate::template::helpers::format_date(self, locale)
    }

    /// Reads a date as people type it in `locale`: "25 November 2026", "Nov 25, 2026",
    /// "25/11/2026" (day first in British English, month first otherwise) or
    /// "2026-11-25". The year has four digits.
    pub fn read(text: &str, locale: Locale) -> Result<Date, String> {
        let example = if locale.day_first() {
            "25 November 2026 or 25/11/2026"
        } else {
            "November 25, 2026 or 11/25/2026"
        };
        let bad = || format!("\"{}\" is not a date: write it like {example}", text.trim());
        let text = text.trim();
        if let Ok(date) = Date::parse(text) {
            return Ok(date);
        }
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '.' | '-'))
            .filter(|w| !w.is_empty())
            .collect();
        let month_of = |word: &str| {
            let word = word.to_ascii_lowercase();
            (1..=12u8).find(|&m| {
                let name = Date::month_name(m).to_ascii_lowercase();
                word.len() >= 3 && name.starts_with(&word)
            })
        };
        let number = |word: &str| -> Option<u16> {
            (word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit()))
                .then(|| word.parse().ok())
                .flatten()
        };
        let [a, b, c] = words.as_slice() else {
            return Err(bad());
        };
        let (year, month, day) = match (month_of(a), month_of(b)) {
            // "November 25 2026"
            (Some(month), None) => (c, month, b),
            // "25 November 2026"
            (None, Some(month)) => (c, month, a),
            _ => {
                let (first, second) = (number(a).ok_or_else(bad)?, number(b).ok_or_else(bad)?);
                let (month, day) = if a.len() == 4 {
                    // "2026/11/25"
                    let month = u8::try_from(second).map_err(|_| bad())?;
                    let date = format!("{first:04}-{month:02}-{:02}", number(c).ok_or_else(bad)?);
                    return Date::parse(&date).map_err(|_| bad());
                } else if locale.day_first() {
                    (second, first)
                } else {
                    (first, second)
                };
                let month = u8::try_from(month).map_err(|_| bad())?;
                let year = number(c).filter(|_| c.len() == 4).ok_or_else(bad)?;
                return Date::parse(&format!("{year:04}-{month:02}-{day:02}")).map_err(|_| bad());
            }
        };
        let year = number(year).filter(|_| year.len() == 4).ok_or_else(bad)?;
        let day = number(day).ok_or_else(bad)?;
        Date::parse(&format!("{year:04}-{month:02}-{day:02}")).map_err(|_| bad())
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Digit by digit: every case's citations and facts write dates, and zero-padded
        // formatting of the three numbers was 2 % of a batch case's instructions.
        let Date { year, month, day } = *self;
        if year <= 9999 && month <= 99 && day <= 99 {
            let digit = |n: u16, place: u16| b'0' + (n / place % 10) as u8;
            let (m, d) = (u16::from(month), u16::from(day));
            let text = [
                digit(year, 1000),
                digit(year, 100),
                digit(year, 10),
                digit(year, 1),
                b'-',
                digit(m, 10),
                digit(m, 1),
                b'-',
                digit(d, 10),
                digit(d, 1),
            ];
            if let Ok(text) = std::str::from_utf8(&text) {
                return f.write_str(text);
            }
        }
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

/// A time of day, written `HH:MM` on a 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
}

impl TimeOfDay {
    /// Parses `HH:MM`.
    pub fn parse(text: &str) -> Result<TimeOfDay, String> {
        let bad = || format!("expected a time written HH:MM (24-hour clock), found \"{text}\"");
        let (h, m) = text.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(bad());
        }
        let hour: u8 = h.parse().map_err(|_| bad())?;
        let minute: u8 = m.parse().map_err(|_| bad())?;
        if hour > 23 || minute > 59 {
            return Err(bad());
        }
        Ok(TimeOfDay { hour, minute })
    }
}

impl TimeOfDay {
    /// Reads a time as people type it: "09:30", "9.30", "0930", "9:30 am", "2:30 p.m.",
    /// "2 pm", "noon", "midnight". With "am" or "pm" the hour runs from 1 to 12;
    /// without, it is on a 24-hour clock.
    pub fn read(text: &str) -> Result<TimeOfDay, String> {
        let bad = || {
            format!(
                "\"{}\" is not a time: write it like 09:30, 14:30 or 2:30 pm",
                text.trim()
            )
        };
        let lower = text.trim().to_ascii_lowercase();
        let words: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
        let special = words
            .trim_start_matches("12:00")
            .trim_start_matches("12")
            .trim_end_matches('.');
        match special {
            "noon" | "midday" => {
                return Ok(TimeOfDay {
                    hour: 12,
                    minute: 0,
                });
            }
            "midnight" => return Ok(TimeOfDay { hour: 0, minute: 0 }),
            _ => {}
        }
        let split = words
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(words.len());
        let (clock, suffix) = words.split_at(split);
        let half = match suffix.replace('.', "").as_str() {
            "" => None,
            "am" | "a" => Some(false),
            "pm" | "p" => Some(true),
            _ => return Err(bad()),
        };
        let clock = clock.trim_end_matches('.');
        let (hour, minute) = match clock.split_once([':', '.', 'h']) {
            Some((h, m)) if !h.is_empty() && m.len() == 2 => (h, m),
            Some(_) => return Err(bad()),
            None if clock.len() <= 2 => (clock, "00"),
            None if clock.len() <= 4 => clock.split_at(clock.len() - 2),
            None => return Err(bad()),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(hour) || !all_digits(minute) || hour.len() > 2 {
            return Err(bad());
        }
        let hour: u8 = hour.parse().map_err(|_| bad())?;
        let minute: u8 = minute.parse().map_err(|_| bad())?;
        let hour = match half {
            None if hour <= 23 => hour,
            Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
            _ => return Err(bad()),
        };
        if minute > 59 {
            return Err(bad());
        }
        Ok(TimeOfDay { hour, minute })
    }
}

impl std::fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

macro_rules! string_form {
    ($ty:ty, $schema_name:literal, $pattern:literal, $desc:literal) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                <$ty>::parse(&text).map_err(serde::de::Error::custom)
            }
        }
        #[cfg(test)]
        impl JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $schema_name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": $desc,
                })
            }
        }
    };
}

string_form!(
    Date,
    "Date",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "A calendar date, YYYY-MM-DD."
);
string_form!(
    TimeOfDay,
    "TimeOfDay",
    "^[0-2][0-9]:[0-5][0-9]$",
    "A time of day, HH:MM on a 24-hour clock."
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_people_type_them() {
        let read = |text: &str| TimeOfDay::read(text).map(|t| t.to_string());
        for (typed, time) in [
            ("09:30", "09:30"),
            ("9:30", "09:30"),
            ("9.30", "09:30"),
            ("0930", "09:30"),
            ("14:05", "14:05"),
            ("9:30 am", "09:30"),
            ("9:30 a.m.", "09:30"),
            ("2:30 p.m.", "14:30"),
            ("2:30PM", "14:30"),
            ("2 pm", "14:00"),
            ("12:15 am", "00:15"),
            ("12 pm", "12:00"),
            ("noon", "12:00"),
            ("12:00 noon", "12:00"),
            ("midnight", "00:00"),
            ("9", "09:00"),
        ] {
            assert_eq!(read(typed).as_deref(), Ok(time), "{typed}");
        }
        for typed in [
            "", "25:00", "9:75", "13 pm", "0 am", "nine", "9:3", "9:30 xm", "123456",
        ] {
            let error = read(typed).expect_err(typed);
            assert!(error.contains("is not a time"), "{typed}: {error}");
        }
    }

    #[test]
    fn a_date_is_written_as_iso_8601_with_every_digit() {
        let text = |year, month, day| Date { year, month, day }.to_string();
        assert_eq!(text(2026, 12, 1), "2026-12-01");
        assert_eq!(text(1999, 1, 31), "1999-01-31");
        assert_eq!(text(987, 10, 9), "0987-10-09");
        assert_eq!(text(5, 7, 20), "0005-07-20");
        // Out of the range a date read from text has: written as `{:04}` and `{:02}` write.
        assert_eq!(text(12026, 1, 1), "12026-01-01");
        assert_eq!(text(2026, 130, 255), "2026-130-255");
    }

    #[test]
    fn dates_are_read_as_people_type_them_in_each_style() {
        let read = |text: &str, locale| Date::read(text, locale).map(|d| d.to_string());
        for (typed, locale, date) in [
            ("2026-11-25", Locale::EnUs, "2026-11-25"),
            ("25 November 2026", Locale::EnGb, "2026-11-25"),
            ("25 Nov 2026", Locale::EnUs, "2026-11-25"),
            ("November 25, 2026", Locale::EnGb, "2026-11-25"),
            ("nov 25 2026", Locale::EnCa, "2026-11-25"),
            ("25/11/2026", Locale::EnGb, "2026-11-25"),
            ("11/25/2026", Locale::EnUs, "2026-11-25"),
            ("3.12.2026", Locale::EnGb, "2026-12-03"),
            ("3/12/2026", Locale::EnUs, "2026-03-12"),
            ("2026/11/25", Locale::EnGb, "2026-11-25"),
        ] {
            assert_eq!(read(typed, locale).as_deref(), Ok(date), "{typed}");
        }
        for (typed, locale) in [
            ("11/25/2026", Locale::EnGb),
            ("31 February 2026", Locale::EnGb),
            ("25/11/26", Locale::EnGb),
            ("tomorrow", Locale::EnGb),
            ("", Locale::EnUs),
            ("25 Smarch 2026", Locale::EnGb),
        ] {
            let error = read(typed, locale).expect_err(typed);
            assert!(error.contains("is not a date"), "{typed}: {error}");
        }
    }

    #[test]
    fn dates_are_written_and_ordered_by_locale() {
        let date = Date::parse("2026-11-25").expect("a date");
        assert_eq!(date.written(Locale::EnGb), "25 November 2026");
        assert_eq!(date.written(Locale::EnUs), "November 25, 2026");
        assert_eq!(Date::month_name(11), "November");
        assert!(Locale::EnGb.day_first() && !Locale::EnCa.day_first());
        assert!(Locale::EnGb.twenty_four_hour() && !Locale::EnUs.twenty_four_hour());
    }
}
