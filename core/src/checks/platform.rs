//! Checks that rest on platform facts: what the chosen platform cannot do is an error,
//! what it does in a way that undermines the terms is a warning, and what caucus does
//! not know, or knows only from an old source, is a note. Every one cites its fact.

use super::platform_name;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::{Fact, Facts, feature};
use crate::options::{
    Client, Encryption, Options, PlatformKind, RecordingPolicy, RoomControl, WaitingRoom,
};

/// Facts older than this many years, before the case's date, are re-checked.
const STALE_YEARS: u16 = 2;

/// Runs the platform checks; returns the facts they rested on, for the staleness notes.
pub(super) fn check<'f>(o: &Options, facts: &'f Facts, out: &mut Diagnostics) -> Vec<&'f Fact> {
    let mut c = Checker {
        o,
        facts,
        kind: o.platform.kind,
        name: platform_name(o.platform.kind),
        out,
        used: Vec::new(),
    };
    if c.kind == PlatformKind::Other {
        return Vec::new();
    }
    c.impossible();
    c.unwise();
    c.unknown();
    c.used
}

struct Checker<'a, 'f> {
    o: &'a Options,
    facts: &'f Facts,
    kind: PlatformKind,
    name: &'static str,
    out: &'a mut Diagnostics,
    used: Vec<&'f Fact>,
}

impl<'f> Checker<'_, 'f> {
    fn e2ee(&self) -> bool {
        self.o.platform.encryption == Encryption::EndToEnd
    }

    /// The fact when it says the feature is missing, noted as used.
    fn missing(&mut self, feature: &str) -> Option<&'f Fact> {
        let fact = self.facts.missing(self.kind, feature)?;
        self.used.push(fact);
        Some(fact)
    }

    /// The fact when it says the feature is there, noted as used.
    fn present(&mut self, feature: &str) -> Option<&'f Fact> {
        let fact = self.facts.present(self.kind, feature)?;
        self.used.push(fact);
        Some(fact)
    }

    /// Whether the pack keeps facts about the feature but has none known for this
    /// platform. A pack that declares no such feature says nothing about it.
    fn unknown_fact(&self, feature: &str) -> bool {
        self.facts.feature(feature).is_some() && self.facts.available(self.kind, feature).is_none()
    }

    /// A setting on this platform as a hint names it: `"Copilot" to Off (where)`.
    fn setting(&self, id: &str) -> Option<String> {
        self.facts
            .setting(self.kind, id)
            .map(|s| format!("\"{}\" to {} ({})", s.name, s.set_to, s.location))
    }

    fn push(&mut self, d: Diagnostic, fact: &Fact) {
        self.out
            .push(d.cite(&fact.as_of.to_string(), &fact.cited_source()));
    }

    /// Option sets the platform cannot honour: errors, so that no document promises them.
    fn impossible(&mut self) {
        let o = self.o;
        let name = self.name;
        // (applies, feature, option path, what the terms need, what the platform lacks, hint)
        let wanted = [
            (
                o.platform.client == Client::DesktopApp,
                feature::DESKTOP_APP,
                "platform.client",
                "the terms have attendees join through a desktop application",
                "a desktop application",
                "choose \"browser\" for `platform.client`",
            ),
            (
                o.platform.client == Client::Browser,
                feature::BROWSER_JOIN,
                "platform.client",
                "the terms have attendees join from a web browser",
                "joining from a web browser",
                "choose \"desktop-app\" for `platform.client`",
            ),
            (
                o.breakout_rooms.enabled,
                feature::BREAKOUT_ROOMS,
                "breakout_rooms.enabled",
                "the terms provide for breakout rooms",
                "breakout rooms",
                "turn off `breakout_rooms.enabled`, or choose another platform",
            ),
            (
                o.security.waiting_room == WaitingRoom::Use,
                feature::WAITING_ROOM,
                "security.waiting_room",
                "the terms have the host admit attendees from a waiting room",
                "a waiting room or lobby",
                "set `security.waiting_room` to \"avoid\", or choose another platform",
            ),
            (
                o.security.lock_meeting,
                feature::MEETING_LOCK,
                "security.lock_meeting",
                "the terms have the host lock the meeting",
                "a way to lock a meeting",
                "turn off `security.lock_meeting`, or choose another platform",
            ),
            (
                o.security.passcode,
                feature::PASSCODE,
                "security.passcode",
                "the terms require a passcode",
                "passcodes",
                "turn off `security.passcode`, or choose another platform",
            ),
            (
                self.e2ee(),
                feature::END_TO_END_ENCRYPTION,
                "platform.encryption",
                "the parties expect end-to-end encryption",
                "end-to-end encryption",
                "choose \"in-transit\" for `platform.encryption`, or choose another platform",
            ),
        ];
        for (applies, feature, path, why, what, hint) in wanted {
            if applies && let Some(fact) = self.missing(feature) {
                let d = Diagnostic::error(
                    "feature-not-offered",
                    path,
                    format!("{why}, but {name} does not offer {what}"),
                )
                .hint(hint);
                self.push(d, fact);
            }
        }
        if !self.e2ee() {
            return;
        }
        if o.breakout_rooms.enabled
            && let Some(fact) = self.missing(feature::BREAKOUT_ROOMS_WITH_E2EE)
        {
            // An error: the breakout clause would promise rooms that the encryption
            // clause says are switched off.
            let d = Diagnostic::error(
                "breakout-rooms-with-e2ee",
                "platform.encryption",
                format!("breakout rooms and end-to-end encryption are both chosen, but {name} cannot use breakout rooms in an end-to-end encrypted meeting"),
            )
            .hint("choose \"in-transit\" encryption, turn off `breakout_rooms.enabled`, or choose another platform");
            self.push(d, fact);
        }
        if o.platform.client == Client::Browser
            && let Some(fact) = self.missing(feature::BROWSER_WITH_E2EE)
        {
            let d = Diagnostic::error(
                "browser-with-e2ee",
                "platform.client",
                format!("attendees are to join from a browser, but {name} does not let browsers join an end-to-end encrypted meeting"),
            )
            .hint("choose \"desktop-app\" for `platform.client`, or \"in-transit\" encryption");
            self.push(d, fact);
        }
        if let Some(fact) = self.missing(feature::PLATFORM_RECORDING_WITH_E2EE) {
            match o.recording.policy {
                RecordingPolicy::SettlementTermsOnly => {
                    let d = Diagnostic::error(
                        "recording-with-e2ee",
                        "recording.policy",
                        format!("the Mediator is to record the settlement terms, but {name}'s own recording does not work in an end-to-end encrypted meeting"),
                    )
                    .hint("choose \"in-transit\" encryption, or set `recording.policy` to \"prohibited\" and take the settlement terms down in writing");
                    self.push(d, fact);
                }
                RecordingPolicy::ConsentOfAll => {
                    let d = Diagnostic::note(
                        "recording-with-e2ee",
                        "recording.policy",
                        format!("a recording may be made with everyone's consent, but {name}'s own recording does not work in an end-to-end encrypted meeting, so any agreed recording would be made on a device"),
                    )
                    .hint("choose \"in-transit\" encryption if the parties may want the platform to record");
                    self.push(d, fact);
                }
                RecordingPolicy::Prohibited => {}
            }
        }
    }

    /// Possible, but it undermines the terms unless the host acts: warnings, each saying
    /// what to set (the host's checklist lists the same settings).
    fn unwise(&mut self) {
        let o = self.o;
        let name = self.name;
        let ai_off_in_e2ee = self.e2ee()
            && self
                .facts
                .available(self.kind, feature::AI_ASSISTANT_WITH_E2EE)
                == Some(false);
        if !ai_off_in_e2ee && let Some(fact) = self.present(feature::AI_STARTABLE_BY_PARTICIPANT) {
            let hint = match self.setting("ai_off") {
                Some(setting) => format!("set {setting} for each Session, as the host's checklist says, and remind everyone that the terms forbid AI note-taking"),
                None => "ask the account's administrator to require consent before AI note-taking starts (see the host's checklist), and remind everyone that the terms forbid it".to_owned(),
            };
            let d = Diagnostic::warning(
                "ai-started-by-participant",
                "platform.kind",
                format!("on {name}, a participant who is not the host can start the platform's AI note-taking"),
            )
            .hint(hint);
            self.push(d, fact);
        }
        if o.security.waiting_room == WaitingRoom::Use {
            if let Some(fact) = self.present(feature::LOBBY_ADMIT_BY_PRESENTERS) {
                let hint = match self.setting("lobby_admitters") {
                    Some(setting) => {
                        format!("set {setting} for each Session, as the host's checklist says")
                    }
                    None => "make the Mediator the only presenter, as the host's checklist says"
                        .to_owned(),
                };
                let d = Diagnostic::warning(
                    "lobby-admitted-by-presenters",
                    "security.waiting_room",
                    format!("on {name}, presenters as well as the organiser can admit people from the lobby"),
                )
                .hint(hint);
                self.push(d, fact);
            }
            if let Some(fact) = self.present(feature::ORG_USERS_BYPASS_LOBBY) {
                let hint = match self.setting("quick_access") {
                    Some(setting) => format!("set {setting} for each Session, as the host's checklist says"),
                    None if self.facts.present(self.kind, feature::MEETING_LOCK).is_some() => {
                        "lock the meeting as soon as it starts, so that everyone waits in the lobby until admitted (the host's checklist says how)".to_owned()
                    }
                    None => "check who has joined as each person arrives".to_owned(),
                };
                let d = Diagnostic::warning(
                    "lobby-bypassed-by-colleagues",
                    "security.waiting_room",
                    format!("on {name}, signed-in people from the account holder's organisation can skip the waiting room"),
                )
                .hint(hint);
                self.push(d, fact);
            }
        }
        if o.security.passcode
            && o.security.passcode_separate
            && let Some(fact) = self.present(feature::PASSCODE_EMBEDDED_IN_LINK_SETTING)
        {
            let hint = match self.setting("embed_passcode") {
                Some(setting) => format!(
                    "set {setting} before copying the link, as the invitation's instructions and the host's checklist say"
                ),
                None => "check that the link you send does not carry the passcode".to_owned(),
            };
            let d = Diagnostic::warning(
                "passcode-in-link",
                "security.passcode_separate",
                format!("{name} can put the passcode into the meeting link, which would defeat sending it separately"),
            )
            .hint(hint);
            self.push(d, fact);
        }
        if o.attendance.live_captions
            && self.e2ee()
            && let Some(fact) = self.missing(feature::CAPTIONS_WITH_E2EE)
        {
            let d = Diagnostic::warning(
                "captions-with-e2ee",
                "attendance.live_captions",
                format!("an attendee needs live captions, but end-to-end encryption on {name} switches off the platform's captions"),
            )
            .hint("choose \"in-transit\" encryption, or arrange a human captioner (CART) who does not rely on the platform's captions");
            self.push(d, fact);
        }
        if o.breakout_rooms.enabled && o.breakout_rooms.control == RoomControl::MediatorAndCoHost {
            if let Some(fact) = self.missing(feature::CO_HOST_MANAGES_BREAKOUT_ROOMS) {
                let d = Diagnostic::error(
                    "co-host-cannot-run-rooms",
                    "breakout_rooms.control",
                    format!("a co-host is to run the breakout rooms, but on {name} a co-host cannot move people between them"),
                )
                .hint("set `breakout_rooms.control` to \"mediator-only\"");
                self.push(d, fact);
            } else if self.unknown_fact(feature::CO_HOST_MANAGES_BREAKOUT_ROOMS) {
                let mut d = Diagnostic::warning(
                    "co-host-rooms-unverified",
                    "breakout_rooms.control",
                    format!("a co-host is to run the breakout rooms, but caucus has no verified fact that a co-host on {name} can move people between them"),
                )
                .hint("try it in the test session, or set `breakout_rooms.control` to \"mediator-only\"");
                if let Some(fact) = self
                    .facts
                    .get(self.kind, feature::CO_HOST_MANAGES_BREAKOUT_ROOMS)
                {
                    d.message
                        .push_str(&format!(" ({})", fact.note.trim_end_matches('.')));
                }
                self.out.push(d);
            }
        }
        if !o.platform.data_regions.is_empty()
            && let Some(fact) = self.missing(feature::DATA_REGION_CHOICE)
        {
            let d = Diagnostic::warning(
                "data-region-fixed",
                "platform.data_regions",
                format!("{name} offers no choice of region for a meeting: its data stays in the region of the account holder's organisation, and the terms say so"),
            )
            .hint("ask the account holder where its organisation's data is kept, and clear `platform.data_regions` if that is not one of the agreed regions");
            self.push(d, fact);
        }
    }

    /// What the options rely on and caucus does not know about the platform: notes. The
    /// documents then use wording that is true everywhere ("if the Platform allows").
    fn unknown(&mut self) {
        let o = self.o;
        let name = self.name;
        let relied = [
            (
                o.security.lock_meeting,
                feature::MEETING_LOCK,
                "security.lock_meeting",
                "lock a meeting",
            ),
            (
                o.security.passcode,
                feature::PASSCODE,
                "security.passcode",
                "require a passcode",
            ),
            (
                o.security.waiting_room == WaitingRoom::Use,
                feature::WAITING_ROOM,
                "security.waiting_room",
                "hold people in a waiting room",
            ),
            (
                self.e2ee() && o.breakout_rooms.enabled,
                feature::BREAKOUT_ROOMS_WITH_E2EE,
                "platform.encryption",
                "use breakout rooms in an end-to-end encrypted meeting",
            ),
            (
                !o.platform.data_regions.is_empty(),
                feature::DATA_REGION_CHOICE,
                "platform.data_regions",
                "keep meeting data in chosen regions",
            ),
        ];
        for (applies, feature, path, what) in relied {
            if applies && self.unknown_fact(feature) {
                let mut d = Diagnostic::note(
                    "fact-unknown",
                    path,
                    format!("caucus has no verified fact that {name} can {what}, so the documents say it is done only if the platform allows it"),
                )
                .hint(format!("check it in the test session; if {name} cannot, change `{path}`"));
                if let Some(fact) = self.facts.get(self.kind, feature) {
                    d.message
                        .push_str(&format!(" ({})", fact.note.trim_end_matches('.')));
                }
                self.out.push(d);
            }
        }
        if o.security.passcode
            && o.security.passcode_separate
            && self
                .facts
                .present(self.kind, feature::PASSCODE_EMBEDDED_IN_LINK_SETTING)
                .is_none()
            && let Some(fact) = self.missing(feature::PASSCODE_GATES_LINK)
        {
            let d = Diagnostic::note(
                "passcode-protects-id-only",
                "security.passcode_separate",
                format!("on {name}, the passcode is asked only of someone who joins by meeting ID: the link alone is enough to reach the meeting, so the invitation and the guide say that the waiting room and the Mediator's checks protect it"),
            )
            .hint("keep the waiting room on and admit only expected attendees");
            self.push(d, fact);
        }
        if o.recording.policy != RecordingPolicy::Prohibited
            && let Some(fact) = self.present(feature::AI_OFF_DISABLES_RECORDING)
        {
            let d = Diagnostic::note(
                "ai-off-stops-recording",
                "recording.policy",
                format!("on {name}, switching the AI assistant off for a meeting also switches off the platform's recording and transcription"),
            )
            .hint("to record on the platform, change that meeting option only for the recording, or record another way");
            self.push(d, fact);
        }
    }
}

/// One note listing the facts that the checks or the documents rely on and that are more
/// than two years older than the case's date (or, without one, than the newest fact in the
/// pack: the engine has no clock). It cites the oldest of them.
pub(super) fn stale<'f>(
    o: &Options,
    facts: &'f Facts,
    relied: impl IntoIterator<Item = &'f Fact>,
    out: &mut Diagnostics,
) {
    let Some(now) = o.case.date.or_else(|| facts.newest()) else {
        return;
    };
    // Oldest first, then by feature; a fact after those it ties with, as a stable sort
    // would put it. Each goes in at its place: a handful of facts, and no sort of `&Fact`
    // compiled into the WebAssembly module for them (about 4 KB).
    let mut stale: Vec<&Fact> = Vec::new();
    for f in relied {
        if (f.as_of.year + STALE_YEARS, f.as_of.month, f.as_of.day) < (now.year, now.month, now.day)
        {
            let key = (f.as_of, &f.feature);
            let at = stale.partition_point(|s| (s.as_of, &s.feature) <= key);
            stale.insert(at, f);
        }
    }
    stale.dedup_by(|a, b| a.platform == b.platform && a.feature == b.feature);
    let Some(oldest) = stale.first() else {
        return;
    };
    let against = match o.case.date {
        Some(_) => "the case's date",
        None => "the newest fact caucus keeps",
    };
    let listed: Vec<String> = stale
        .iter()
        .map(|f| {
            let meaning = facts
                .feature(&f.feature)
                .map_or(f.feature.as_str(), |m| m.meaning.as_str());
            let value = if f.available == Some(true) {
                "yes"
            } else {
                "no"
            };
            format!("{meaning}: {value} ({})", f.as_of)
        })
        .collect();
    out.push(
        Diagnostic::note(
            "fact-old",
            "platform.kind",
            format!(
                "the documents rely on {} about {} dated more than {STALE_YEARS} years before {against}: {}",
                if stale.len() == 1 { "a fact".to_owned() } else { format!("{} facts", stale.len()) },
                platform_name(oldest.platform),
                listed.join("; ")
            ),
        )
        .hint("check those sources again before sending the documents (platforms.toml names each); the oldest is cited below")
        .cite(&oldest.as_of.to_string(), &oldest.cited_source()),
    );
}
