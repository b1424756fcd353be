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

#[cfg(test)]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// All the choices behind one set of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// The case: reference, date, locale and governing jurisdiction.
    pub case: Case,
    /// The mediator conducting the Mediation.
    pub mediator: Mediator,
    /// The parties to the Mediation, in the order they are named.
    pub parties: Vec<Party>,
    /// The video platform and how it is used.
    pub platform: Platform,
    /// Who attends, and how attendance is disclosed and checked.
    pub attendance: Attendance,
    /// Whether anything may be recorded.
    pub recording: Recording,
    /// Breakout rooms (private caucuses) beside the joint sessions.
    pub breakout_rooms: BreakoutRooms,
    /// How documents are exchanged, kept and deleted.
    pub documents: Documents,
    /// Security practices for the meeting itself.
    pub security: Security,
    /// Who bears the costs of conducting the Mediation by video.
    pub costs: Costs,
    /// Consents and acknowledgements the parties give.
    pub consent: Consent,
    /// What happens when the connection fails.
    pub technical_failure: TechnicalFailure,
    /// How any settlement is signed.
    pub settlement: Settlement,
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
                    attendees: Vec::new(),
                },
                Party {
                    name: "Party B".into(),
                    role: "Respondent".into(),
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
        }
    }
}

/// The case the documents belong to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Case {
    /// The case reference, for example `MED-2026-0147`. Empty: no reference is shown.
    pub reference: String,
    /// The date of the mediation session, `YYYY-MM-DD`. Empty: no date is shown.
    pub date: Option<Date>,
    /// The start time of the session, `HH:MM` on a 24-hour clock. Empty: no time is shown.
    pub time: Option<TimeOfDay>,
    /// The time zone the start time is given in, for example `Europe/London`.
    pub time_zone: String,
    /// Spelling and date style of the documents.
    pub locale: Locale,
    /// The law that governs the mediation agreement, as free text (for example
    /// `England and Wales`). Empty: the documents refer to "applicable law".
    pub jurisdiction: String,
}

/// Spelling and date style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub enum Locale {
    /// British English: "organise", "25 November 2026".
    #[default]
    #[serde(rename = "en-GB")]
    EnGb,
    /// Canadian English: "organize", "centre", "November 25, 2026".
    #[serde(rename = "en-CA")]
    EnCa,
    /// American English: "organize", "center", "November 25, 2026".
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
}

/// The mediator.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Mediator {
    /// The mediator's full name. Empty: the documents say "the Mediator".
    pub name: String,
    /// The mediator's firm or institution, if any.
    pub organisation: String,
}

/// A party to the mediation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Party {
    /// The party's full legal name.
    pub name: String,
    /// The party's role in the dispute, for example `Claimant` or `Respondent`.
    pub role: String,
    /// Everyone who attends for this party, or who will be able to hear the session.
    pub attendees: Vec<Attendee>,
}

/// A person attending the mediation for a party.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Attendee {
    /// The attendee's full name.
    pub name: String,
    /// The capacity in which the attendee attends.
    pub capacity: Capacity,
}

/// The capacity in which someone attends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Capacity {
    /// The party in person, or an officer with authority to settle.
    #[default]
    Party,
    /// A lawyer advising the party.
    Lawyer,
    /// An expert or adviser other than a lawyer.
    Expert,
    /// An interpreter.
    Interpreter,
    /// A support person (a friend, relative or assistant).
    SupportPerson,
    /// An observer, for example a trainee mediator or an insurer's monitor.
    Observer,
}

/// The video platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Platform {
    /// Which platform the mediation uses.
    pub kind: PlatformKind,
    /// The platform's name when `kind` is `other`.
    pub other_name: String,
    /// Whose account hosts the meetings.
    pub account_holder: AccountHolder,
    /// How attendees join: the platform's desktop application or a web browser.
    pub client: Client,
    /// The encryption the parties expect the meeting to use.
    pub encryption: Encryption,
    /// Regions where meeting data may be processed, for example `EU` or `Canada`.
    /// Empty: no restriction is agreed.
    pub data_regions: Vec<String>,
    /// Whether a short test session is held before the mediation.
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
    #[default]
    Zoom,
    /// Microsoft Teams.
    MicrosoftTeams,
    /// Cisco Webex Meetings.
    Webex,
    /// Google Meet.
    GoogleMeet,
    /// Another platform, named in `platform.other_name`.
    Other,
}

/// Whose account hosts the meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AccountHolder {
    /// The mediator's own account.
    #[default]
    Mediator,
    /// The account of the mediator's firm or institution.
    Institution,
    /// The account of the party that asked for the platform (`costs.requesting_party`).
    RequestingParty,
}

/// How attendees join.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Client {
    /// The platform's current desktop application.
    #[default]
    DesktopApp,
    /// A current web browser.
    Browser,
}

/// The encryption expected of the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Encryption {
    /// Encrypted between each device and the platform's servers.
    #[default]
    InTransit,
    /// Encrypted end to end, so the platform cannot read the content.
    EndToEnd,
}

/// Who attends, and how that is disclosed and checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Attendance {
    /// Whether every attendee must be named to the mediator and the other parties in advance.
    pub disclose_in_advance: bool,
    /// How many hours before the session the names must be given.
    pub disclosure_deadline_hours: u32,
    /// Whether observers may attend.
    pub observers: Observers,
    /// Whether each attendee must join from a private place where nobody else can hear.
    pub private_location: bool,
    /// Whether cameras stay on while an attendee is in a session.
    pub cameras_on: bool,
    /// Whether each attendee confirms their identity on camera at the opening.
    pub identity_check: bool,
    /// Whether interpreters will attend.
    pub interpreters: bool,
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
        }
    }
}

/// Whether observers may attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Observers {
    /// No observers.
    #[default]
    Never,
    /// Observers only with the consent of every party and the mediator.
    ConsentOfAll,
}

/// Recording of the mediation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Recording {
    /// Whether, and what, anyone may record.
    pub policy: RecordingPolicy,
}

/// Whether, and what, anyone may record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RecordingPolicy {
    /// Nobody records any part of the mediation.
    #[default]
    Prohibited,
    /// A recording only with the prior written consent of every party and the mediator.
    ConsentOfAll,
    /// Only the mediator, and only the agreed settlement terms read back at the end.
    SettlementTermsOnly,
}

/// Breakout rooms (private caucuses).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct BreakoutRooms {
    /// Whether breakout rooms are used.
    pub enabled: bool,
    /// Who may open and close rooms and move people between them.
    pub control: RoomControl,
    /// The co-host's name, if already known. Left empty, the terms say that the mediator
    /// names the co-host before the first session.
    pub co_host: String,
    /// Whether the mediator announces themselves on entering a room.
    pub announce_entry: bool,
    /// Whether the host may broadcast short messages to every room.
    pub broadcasts: bool,
    /// Whether the platform's private chat may be used.
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
    #[default]
    MediatorOnly,
    /// The mediator, and a co-host from the mediator's office acting on the mediator's instructions.
    MediatorAndCoHost,
}

/// Use of the platform's private chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PrivateChat {
    /// Private chat is switched off; nobody uses it.
    #[default]
    Disabled,
    /// Private messages only between the mediator and one party's room.
    MediatorOnly,
}

/// Documents exchanged for the mediation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Documents {
    /// How documents are exchanged.
    pub exchange: DocumentExchange,
    /// Days after the mediation ends within which everyone deletes the documents
    /// they received, except what law or professional rules require them to keep.
    pub delete_after_days: u32,
    /// Hours within which anyone who suspects a breach of confidentiality tells everyone.
    pub breach_notice_hours: u32,
}

impl Default for Documents {
    fn default() -> Self {
        Documents {
            exchange: DocumentExchange::default(),
            delete_after_days: 30,
            breach_notice_hours: 24,
        }
    }
}

/// How documents are exchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DocumentExchange {
    /// A secure file-sharing service with access limited to named people.
    #[default]
    SecureFileShare,
    /// Email with encrypted, passcode-protected attachments.
    EncryptedEmail,
}

/// Security practices for the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Security {
    /// A meeting ID used for this mediation only, never a personal or recurring one.
    pub unique_meeting_id: bool,
    /// A passcode is required to join.
    pub passcode: bool,
    /// The passcode is sent by a different channel from the link.
    pub passcode_separate: bool,
    /// Whether to use the waiting room or lobby to admit attendees.
    pub waiting_room: WaitingRoom,
    /// The host locks the meeting once everyone expected has joined.
    pub lock_meeting: bool,
    /// Attendees do not join over public or shared networks.
    pub no_public_networks: bool,
    /// Attendees use the current version of the platform's software.
    pub current_version: bool,
    /// Who may share their screen.
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
    #[default]
    Use,
    /// The waiting room is switched off; the passcode and the lock control entry.
    Avoid,
}

/// Who may share their screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ScreenSharing {
    /// Only the host; others share with the host's permission at the time.
    #[default]
    HostOnly,
    /// Any attendee.
    Anyone,
}

/// Who bears the costs of conducting the mediation by video.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Costs {
    /// How the costs are allocated.
    pub allocation: CostAllocation,
    /// With `stated-shares`: each party's percentage, in the order of `parties`.
    /// They must total 100.
    pub shares: Vec<f64>,
    /// With `requesting-party`, or an account held by the requesting party: the index in
    /// `parties` (from 0) of the party that asked for the platform.
    pub requesting_party: usize,
}

/// How costs are allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CostAllocation {
    /// The mediator absorbs them within the mediator's fee.
    #[default]
    MediatorAbsorbs,
    /// The parties share them equally.
    EqualShares,
    /// The parties bear them in the percentages in `costs.shares`.
    StatedShares,
    /// The party that asked for a particular platform bears them.
    RequestingParty,
}

/// Consents and acknowledgements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Consent {
    /// The parties confirm they made their own inquiries into the platform's risks and ask
    /// the mediator to proceed on it.
    pub own_inquiry: bool,
    /// A client gives express written consent to a platform their lawyers do not
    /// recommend, accepting the risks explained. Adds the consent statement.
    pub express_risk_consent: bool,
    /// The law firm giving the advice, for the consent statement.
    pub law_firm: String,
    /// The client giving consent, for the consent statement. Empty: the first party.
    pub client: String,
}

impl Default for Consent {
    fn default() -> Self {
        Consent {
            own_inquiry: true,
            express_risk_consent: false,
            law_firm: String::new(),
            client: String::new(),
        }
    }
}

/// What happens when the connection fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct TechnicalFailure {
    /// Minutes everyone waits for someone disconnected to rejoin before the fallback applies.
    pub reconnection_minutes: u32,
    /// What happens if someone cannot rejoin in time.
    pub fallback: Fallback,
    /// The teleconference dial-in number, with `fallback = "teleconference"`.
    /// Empty: the mediator gives it before the session.
    pub dial_in: String,
    /// Whether an adjournment for technical failure carries no cancellation charge.
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
    #[default]
    Teleconference,
    /// The session is adjourned to a date the mediator fixes with the parties.
    Adjournment,
}

/// How a settlement is signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Settlement {
    /// A settlement may be signed by electronic signature.
    pub electronic_signature: bool,
    /// A settlement may be signed in counterparts.
    pub counterparts: bool,
}

impl Default for Settlement {
    fn default() -> Self {
        Settlement {
            electronic_signature: true,
            counterparts: true,
        }
    }
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

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
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
