//! Platform facts (`platforms.toml`): what each built-in platform can do, each fact
//! dated and sourced, and the settings a host uses to make the terms hold.
//!
//! Facts decide what the documents may say. A template sees the chosen platform's facts
//! (`platform_facts.meeting_lock` is true, false or null for unknown) and settings
//! (`platform_settings.waiting_room.name`); a clause that states a capability declares
//! it, and the pack loads only if no such clause can be rendered where the fact is not
//! true (`pack/reliance.rs`). The checks cite a fact's date and source whenever they rest
//! on one. Facts about products change: every fact carries the date it was true.

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::input::{TomlError, line_column, read_toml};
use crate::options::{Date, PlatformKind};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The features the engine's own checks read. A pack may declare more for its clauses;
/// a pack that leaves one of these out simply has no facts about it (unknown).
pub mod feature {
    pub const DESKTOP_APP: &str = "desktop_app";
    pub const BROWSER_JOIN: &str = "browser_join";
    pub const PASSCODE: &str = "passcode";
    pub const PASSCODE_GATES_LINK: &str = "passcode_gates_link";
    pub const PASSCODE_EMBEDDED_IN_LINK_SETTING: &str = "passcode_embedded_in_link_setting";
    pub const WAITING_ROOM: &str = "waiting_room";
    pub const LOBBY_ADMIT_BY_PRESENTERS: &str = "lobby_admit_by_presenters";
    pub const ORG_USERS_BYPASS_LOBBY: &str = "org_users_bypass_lobby";
    pub const MEETING_LOCK: &str = "meeting_lock";
    pub const BREAKOUT_ROOMS: &str = "breakout_rooms";
    pub const CO_HOST_MANAGES_BREAKOUT_ROOMS: &str = "co_host_manages_breakout_rooms";
    pub const END_TO_END_ENCRYPTION: &str = "end_to_end_encryption";
    pub const BREAKOUT_ROOMS_WITH_E2EE: &str = "breakout_rooms_with_e2ee";
    pub const BROWSER_WITH_E2EE: &str = "browser_with_e2ee";
    pub const PLATFORM_RECORDING_WITH_E2EE: &str = "platform_recording_with_e2ee";
    pub const CAPTIONS_WITH_E2EE: &str = "captions_with_e2ee";
    pub const AI_ASSISTANT_WITH_E2EE: &str = "ai_assistant_with_e2ee";
    pub const DATA_REGION_CHOICE: &str = "data_region_choice";
    pub const AI_ASSISTANT: &str = "ai_assistant";
    pub const AI_STARTABLE_BY_PARTICIPANT: &str = "ai_startable_by_participant";
    pub const ORGANISER_CAN_DISABLE_AI_PER_MEETING: &str = "organiser_can_disable_ai_per_meeting";
    pub const AI_OFF_DISABLES_RECORDING: &str = "ai_off_disables_recording";
}

/// A feature the pack keeps facts about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureSpec {
    /// snake_case, as templates name it: `platform_facts.<id>`.
    pub id: String,
    /// What `available = true` means, in one line.
    pub meaning: String,
    /// Wording that states the capability (lower case). A clause may use it only inside
    /// a passage, or a clause, that asserts the feature.
    pub phrases: Vec<String>,
}

/// One dated fact about one platform.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub platform: PlatformKind,
    pub feature: String,
    /// `None`: unknown (the note says what was looked for).
    pub available: Option<bool>,
    /// The date the fact was true: the source's own date, or the day it was read.
    pub as_of: Date,
    /// Where it was published.
    pub source: String,
    /// Whether the source is the vendor's own; `None` only for unknown facts.
    pub primary: Option<bool>,
    /// What the fact means for a mediation.
    pub note: String,
}

/// A setting on one platform that the host's checklist names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setting {
    pub platform: PlatformKind,
    /// snake_case, the same for the same purpose on every platform: `platform_settings.<id>`.
    pub id: String,
    /// The setting's name exactly as the source prints it.
    pub name: String,
    /// The value the terms need ("off", "Enabled", "select it once everyone has joined").
    pub set_to: String,
    /// Where to find it.
    #[serde(rename = "where")]
    pub location: String,
    /// The feature it rests on; that fact is true on this platform (checked at load).
    pub fact: String,
    pub as_of: Date,
    pub source: String,
    pub primary: bool,
    pub note: String,
}

/// What end-to-end encryption switches off on one platform, as one source lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct E2eeDisables {
    pub platform: PlatformKind,
    pub features: Vec<String>,
    pub as_of: Date,
    pub source: String,
    pub primary: bool,
    pub note: String,
}

/// Everything in `platforms.toml`, validated.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    pub features: Vec<FeatureSpec>,
    pub facts: Vec<Fact>,
    pub settings: Vec<Setting>,
    pub e2ee_disables: Vec<E2eeDisables>,
}

impl Fact {
    /// Its source, marked when it is not the vendor's own.
    pub fn cited_source(&self) -> String {
        cited(&self.source, self.primary != Some(false))
    }
}

impl Setting {
    /// Its source, marked when it is not the vendor's own.
    pub fn cited_source(&self) -> String {
        cited(&self.source, self.primary)
    }
}

fn cited(source: &str, primary: bool) -> String {
    if primary {
        source.to_owned()
    } else {
        format!("{source} (secondary source)")
    }
}

impl Facts {
    /// The fact about one feature of one platform, known or not, if the pack has it.
    pub fn get(&self, platform: PlatformKind, feature: &str) -> Option<&Fact> {
        self.position(platform, feature).map(|i| &self.facts[i])
    }

    /// Where the fact about a feature on a platform is in [`Facts::facts`].
    pub fn position(&self, platform: PlatformKind, feature: &str) -> Option<usize> {
        self.facts
            .iter()
            .position(|f| f.platform == platform && f.feature == feature)
    }

    /// The fact when it is known (true or false).
    pub fn known(&self, platform: PlatformKind, feature: &str) -> Option<&Fact> {
        self.get(platform, feature)
            .filter(|f| f.available.is_some())
    }

    /// Whether the platform has the feature: `None` when unknown.
    pub fn available(&self, platform: PlatformKind, feature: &str) -> Option<bool> {
        self.get(platform, feature).and_then(|f| f.available)
    }

    /// The known fact when it says the feature is missing.
    pub fn missing(&self, platform: PlatformKind, feature: &str) -> Option<&Fact> {
        self.known(platform, feature)
            .filter(|f| f.available == Some(false))
    }

    /// The known fact when it says the feature is there.
    pub fn present(&self, platform: PlatformKind, feature: &str) -> Option<&Fact> {
        self.known(platform, feature)
            .filter(|f| f.available == Some(true))
    }

    /// The declared feature with this id.
    pub fn feature(&self, id: &str) -> Option<&FeatureSpec> {
        self.features.iter().find(|f| f.id == id)
    }

    /// The setting with this id on this platform.
    pub fn setting(&self, platform: PlatformKind, id: &str) -> Option<&Setting> {
        self.settings
            .iter()
            .find(|s| s.platform == platform && s.id == id)
    }

    /// What end-to-end encryption switches off on a platform, from every list the pack
    /// has for it, without repeats, in the pack's order.
    pub fn e2ee_disables(&self, platform: PlatformKind) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for list in self.e2ee_disables.iter().filter(|e| e.platform == platform) {
            for f in &list.features {
                if !out.contains(&f.as_str()) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// The newest date of any fact in the pack: what "now" is when the options give no
    /// date (the engine has no clock).
    pub fn newest(&self) -> Option<Date> {
        self.facts
            .iter()
            .map(|f| f.as_of)
            .chain(self.settings.iter().map(|s| s.as_of))
            .chain(self.e2ee_disables.iter().map(|e| e.as_of))
            .max()
    }

    /// The template value `platform_facts`: every declared feature → true, false or null
    /// (unknown) on this platform.
    ///
    /// The map is filled by `insert`, not collected: collecting into a map compiles a
    /// sort for every iterator type it collects from (about 1 KB of the WebAssembly
    /// module each), while `insert` is compiled once for the whole engine.
    pub fn context_facts(&self, platform: PlatformKind) -> Value {
        let mut map = Map::new();
        for f in &self.features {
            let value = self
                .available(platform, &f.id)
                .map_or(Value::Null, Value::Bool);
            map.insert(f.id.clone(), value);
        }
        Value::Object(map)
    }

    /// The template value `platform_settings`: every setting id of the pack → the
    /// setting on this platform, or null where the platform has none.
    /// (Filled by `insert`, as in [`Facts::context_facts`].)
    pub fn context_settings(&self, platform: PlatformKind) -> Value {
        let mut map = Map::new();
        for id in self.setting_ids() {
            let value = self
                .setting(platform, id)
                .map_or(Value::Null, |s| self.setting_value(s));
            map.insert(id.to_owned(), value);
        }
        Value::Object(map)
    }

    /// A setting as templates see it: `name`, `set_to`, `where`, `as_of`, `source` (marked when
    /// secondary), `note`, and `rests_on`, the fact it rests on (`meaning`, `as_of`,
    /// `source`, `note`).
    pub fn setting_value(&self, s: &Setting) -> Value {
        let fact = self.get(s.platform, &s.fact);
        serde_json::json!({
            "name": s.name,
            "set_to": s.set_to,
            "where": s.location,
            "as_of": s.as_of.to_string(),
            "source": s.cited_source(),
            "note": s.note,
            "rests_on": {
                "feature": s.fact,
                "meaning": self.feature(&s.fact).map_or("", |f| f.meaning.as_str()),
                "as_of": fact.map(|f| f.as_of.to_string()).unwrap_or_default(),
                "source": fact.map(Fact::cited_source).unwrap_or_default(),
                "note": fact.map_or("", |f| f.note.as_str()),
            },
        })
    }

    /// Every setting id in the pack.
    pub fn setting_ids(&self) -> BTreeSet<&str> {
        // Filled by `insert`, not collected (see `Facts::context_facts`): collecting
        // into a set sorts, and nothing else in the engine sorts `&str`.
        let mut ids = BTreeSet::new();
        for s in &self.settings {
            ids.insert(s.id.as_str());
        }
        ids
    }

    /// Reads and validates `platforms.toml`, reporting every problem with its place.
    pub fn read(text: &str, diags: &mut Diagnostics) -> Facts {
        const FILE: &str = "platforms.toml";
        let raw: RawFacts = match read_toml(text) {
            Ok(raw) => raw,
            Err(TomlError { message, span }) => {
                let (line, column) = span.map_or((1, 1), |s| line_column(text, s.start));
                diags.push(Diagnostic::in_file(
                    "pack-toml",
                    Location {
                        file: FILE.into(),
                        line,
                        column,
                    },
                    message.trim_end().to_owned(),
                ));
                return Facts::default();
            }
        };
        let mut v = Validator {
            file: Entries { text },
            diags,
        };
        let features = v.features(raw.features);
        let mut ids = BTreeSet::new();
        for f in &features {
            ids.insert(f.id.as_str());
        }
        let facts = v.facts(raw.facts, &ids);
        let settings = v.settings(raw.settings, &ids, &facts);
        let e2ee_disables = v.e2ee_disables(raw.e2ee_disables);
        Facts {
            features,
            facts,
            settings,
            e2ee_disables,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacts {
    #[serde(default)]
    features: Vec<RawFeature>,
    #[serde(default)]
    facts: Vec<RawFact>,
    #[serde(default)]
    settings: Vec<RawSetting>,
    #[serde(default)]
    e2ee_disables: Vec<RawE2eeDisables>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeature {
    id: String,
    meaning: String,
    #[serde(default)]
    phrases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    platform: PlatformKind,
    feature: String,
    available: Option<bool>,
    as_of: String,
    #[serde(default)]
    source: String,
    primary: Option<bool>,
    /// Words read in the source: the evidence, for whoever checks the fact. The engine
    /// reads no further than that it is text, and the built-in pack is embedded without
    /// it (build.rs).
    #[serde(default)]
    #[allow(dead_code)]
    quote: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSetting {
    platform: PlatformKind,
    id: String,
    name: String,
    set_to: String,
    #[serde(rename = "where")]
    location: String,
    fact: String,
    as_of: String,
    source: String,
    primary: bool,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawE2eeDisables {
    platform: PlatformKind,
    features: Vec<String>,
    as_of: String,
    source: String,
    primary: bool,
    #[serde(default)]
    note: String,
}

/// Finds the places of `[[table]]` entries and their keys in the file's text.
struct Entries<'a> {
    text: &'a str,
}

impl Entries<'_> {
    /// The byte range of the `index`-th `[[name]]` entry.
    fn entry(&self, name: &str, index: usize) -> (usize, usize) {
        let header = format!("[[{name}]]");
        let mut starts = Vec::new();
        let mut all = Vec::new();
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let trimmed = line.trim();
            if trimmed.starts_with("[[") || (trimmed.starts_with('[') && !trimmed.contains('=')) {
                all.push(offset);
                if trimmed == header {
                    starts.push(offset);
                }
            }
            offset += line.len();
        }
        let Some(&start) = starts.get(index) else {
            return (0, self.text.len());
        };
        let end = all
            .iter()
            .copied()
            .find(|&o| o > start)
            .unwrap_or(self.text.len());
        (start, end)
    }

    /// The location of `key =` in the `index`-th `[[name]]` entry, or of the entry.
    fn key(&self, name: &str, index: usize, key: &str) -> Location {
        let (start, end) = self.entry(name, index);
        let mut offset = start;
        let mut found = start;
        for line in self.text[start..end].split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
                found = offset + (line.len() - trimmed.len());
                break;
            }
            offset += line.len();
        }
        let (line, column) = line_column(self.text, found);
        Location {
            file: "platforms.toml".into(),
            line,
            column,
        }
    }
}

struct Validator<'a, 'd> {
    file: Entries<'a>,
    diags: &'d mut Diagnostics,
}

impl Validator<'_, '_> {
    fn error(&mut self, code: &'static str, at: Location, message: String, hint: &str) {
        self.diags
            .push(Diagnostic::in_file(code, at, message).hint(hint));
    }

    fn date(&mut self, table: &str, index: usize, text: &str) -> Option<Date> {
        match Date::parse(text) {
            Ok(date) => Some(date),
            Err(problem) => {
                let at = self.file.key(table, index, "as_of");
                self.error(
                    "fact-undated",
                    at,
                    problem,
                    "give the date the fact was true, YYYY-MM-DD",
                );
                None
            }
        }
    }

    fn platform(&mut self, table: &str, index: usize, platform: PlatformKind) -> bool {
        if platform == PlatformKind::Other {
            let at = self.file.key(table, index, "platform");
            self.error(
                "fact-other-platform",
                at,
                "`other` has no facts: on a platform caucus does not know, every capability is unknown".into(),
                "name one of the built-in platforms: zoom, microsoft-teams, webex or google-meet",
            );
            return false;
        }
        true
    }

    fn features(&mut self, raw: Vec<RawFeature>) -> Vec<FeatureSpec> {
        let mut out: Vec<FeatureSpec> = Vec::new();
        for (i, f) in raw.into_iter().enumerate() {
            if !is_snake(&f.id) {
                let at = self.file.key("features", i, "id");
                self.error(
                    "feature-id",
                    at,
                    format!("`{}` is not a valid feature id", f.id),
                    "use lower-case words joined by underscores, for example meeting_lock",
                );
                continue;
            }
            if out.iter().any(|o| o.id == f.id) {
                let at = self.file.key("features", i, "id");
                self.error(
                    "duplicate-feature",
                    at,
                    format!("feature `{}` is declared twice", f.id),
                    "declare each feature once",
                );
                continue;
            }
            if f.meaning.trim().is_empty() {
                let at = self.file.key("features", i, "meaning");
                self.error(
                    "feature-meaning",
                    at,
                    format!("feature `{}` has no meaning", f.id),
                    "say in one line what `available = true` means",
                );
            }
            let phrases: Vec<String> = f
                .phrases
                .iter()
                .map(|p| p.trim().to_lowercase())
                .filter(|p| !p.is_empty())
                .collect();
            if phrases.len() != f.phrases.len() {
                let at = self.file.key("features", i, "phrases");
                self.error(
                    "feature-phrase",
                    at,
                    format!("feature `{}` has an empty phrase", f.id),
                    "remove the empty phrase",
                );
            }
            out.push(FeatureSpec {
                id: f.id,
                meaning: f.meaning.trim().to_owned(),
                phrases,
            });
        }
        out
    }

    fn facts(&mut self, raw: Vec<RawFact>, features: &BTreeSet<&str>) -> Vec<Fact> {
        let mut out: Vec<Fact> = Vec::new();
        for (i, f) in raw.into_iter().enumerate() {
            let mut ok = self.platform("facts", i, f.platform);
            if !features.contains(f.feature.as_str()) {
                let at = self.file.key("facts", i, "feature");
                self.error(
                    "unknown-feature",
                    at,
                    format!("feature `{}` is not declared", f.feature),
                    "declare it in a [[features]] entry, or fix the name",
                );
                ok = false;
            }
            let date = self.date("facts", i, &f.as_of);
            if f.available.is_some() && f.source.trim().is_empty() {
                let at = self.file.key("facts", i, "available");
                self.error(
                    "fact-unsourced",
                    at,
                    format!("the fact about `{}` has no source", f.feature),
                    "name the public page the fact comes from, with its date",
                );
                ok = false;
            }
            if f.available.is_some() && f.primary.is_none() {
                let at = self.file.key("facts", i, "available");
                self.error(
                    "fact-primary-missing",
                    at,
                    format!(
                        "the fact about `{}` does not say whether its source is primary",
                        f.feature
                    ),
                    "add primary = true (the vendor's own page) or primary = false (anyone else)",
                );
                ok = false;
            }
            if f.available.is_none() && f.note.trim().is_empty() {
                let at = self.file.key("facts", i, "feature");
                self.error(
                    "fact-unknown-unexplained",
                    at,
                    format!("the fact about `{}` is unknown but has no note", f.feature),
                    "say in `note` what was looked for, or give `available` with its source",
                );
                ok = false;
            }
            if out
                .iter()
                .any(|o| o.platform == f.platform && o.feature == f.feature)
            {
                let at = self.file.key("facts", i, "feature");
                self.error(
                    "duplicate-fact",
                    at,
                    format!(
                        "there are two facts about `{}` on {}",
                        f.feature,
                        crate::checks::platform_name(f.platform)
                    ),
                    "keep one fact per platform and feature",
                );
                ok = false;
            }
            if let (true, Some(as_of)) = (ok, date) {
                out.push(Fact {
                    platform: f.platform,
                    feature: f.feature,
                    available: f.available,
                    as_of,
                    source: f.source.trim().to_owned(),
                    primary: f.primary,
                    note: f.note.trim().to_owned(),
                });
            }
        }
        out
    }

    fn settings(
        &mut self,
        raw: Vec<RawSetting>,
        features: &BTreeSet<&str>,
        facts: &[Fact],
    ) -> Vec<Setting> {
        let mut out: Vec<Setting> = Vec::new();
        for (i, s) in raw.into_iter().enumerate() {
            let mut ok = self.platform("settings", i, s.platform);
            if !is_snake(&s.id) {
                let at = self.file.key("settings", i, "id");
                self.error(
                    "setting-id",
                    at,
                    format!("`{}` is not a valid setting id", s.id),
                    "use lower-case words joined by underscores, for example waiting_room",
                );
                ok = false;
            }
            for (key, value) in [
                ("name", &s.name),
                ("where", &s.location),
                ("source", &s.source),
            ] {
                if value.trim().is_empty() {
                    let at = self.file.key("settings", i, key);
                    self.error(
                        "setting-incomplete",
                        at,
                        format!("setting `{}` has an empty `{key}`", s.id),
                        "give the setting's exact name, where to find it and the public page that shows it",
                    );
                    ok = false;
                }
            }
            if !features.contains(s.fact.as_str()) {
                let at = self.file.key("settings", i, "fact");
                self.error(
                    "unknown-feature",
                    at,
                    format!("feature `{}` is not declared", s.fact),
                    "declare it in a [[features]] entry, or fix the name",
                );
                ok = false;
            } else if ok
                && !facts.iter().any(|f| {
                    f.platform == s.platform && f.feature == s.fact && f.available == Some(true)
                })
            {
                let at = self.file.key("settings", i, "fact");
                self.error(
                    "setting-without-fact",
                    at,
                    format!(
                        "setting `{}` rests on `{}`, which is not a verified fact of {}",
                        s.id,
                        s.fact,
                        crate::checks::platform_name(s.platform)
                    ),
                    "add the fact with available = true and its source, or name the fact the setting rests on",
                );
                ok = false;
            }
            if out.iter().any(|o| o.platform == s.platform && o.id == s.id) {
                let at = self.file.key("settings", i, "id");
                self.error(
                    "duplicate-setting",
                    at,
                    format!(
                        "there are two settings `{}` on {}",
                        s.id,
                        crate::checks::platform_name(s.platform)
                    ),
                    "keep one setting per platform and id",
                );
                ok = false;
            }
            let date = self.date("settings", i, &s.as_of);
            if let (true, Some(as_of)) = (ok, date) {
                out.push(Setting {
                    platform: s.platform,
                    id: s.id,
                    name: s.name.trim().to_owned(),
                    set_to: s.set_to.trim().to_owned(),
                    location: s.location.trim().to_owned(),
                    fact: s.fact,
                    as_of,
                    source: s.source.trim().to_owned(),
                    primary: s.primary,
                    note: s.note.trim().to_owned(),
                });
            }
        }
        out
    }

    fn e2ee_disables(&mut self, raw: Vec<RawE2eeDisables>) -> Vec<E2eeDisables> {
        let mut out = Vec::new();
        for (i, e) in raw.into_iter().enumerate() {
            let mut ok = self.platform("e2ee_disables", i, e.platform);
            if e.source.trim().is_empty() {
                let at = self.file.key("e2ee_disables", i, "source");
                self.error(
                    "fact-unsourced",
                    at,
                    "a list of what end-to-end encryption switches off has no source".into(),
                    "name the public page the list comes from, with its date",
                );
                ok = false;
            }
            if e.features.iter().any(|f| f.trim().is_empty()) || e.features.is_empty() {
                let at = self.file.key("e2ee_disables", i, "features");
                self.error(
                    "e2ee-disables-empty",
                    at,
                    "the list of what end-to-end encryption switches off is empty or has an empty entry".into(),
                    "name each feature as the source does",
                );
                ok = false;
            }
            let date = self.date("e2ee_disables", i, &e.as_of);
            if let (true, Some(as_of)) = (ok, date) {
                out.push(E2eeDisables {
                    platform: e.platform,
                    features: e.features.iter().map(|f| f.trim().to_owned()).collect(),
                    as_of,
                    source: e.source.trim().to_owned(),
                    primary: e.primary,
                    note: e.note.trim().to_owned(),
                });
            }
        }
        out
    }
}

/// Lower-case words joined by underscores: a valid template path segment.
fn is_snake(id: &str) -> bool {
    !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('_')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Facts, Vec<(String, &'static str)>) {
        let mut diags = Diagnostics::default();
        let facts = Facts::read(text, &mut diags);
        let found = diags
            .0
            .iter()
            .map(|d| {
                (
                    d.location
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    d.code,
                )
            })
            .collect();
        (facts, found)
    }

    const GOOD: &str = r#"[[features]]
id = "meeting_lock"
meaning = "the host can lock a running meeting"
phrases = ["Lock the meeting"]

[[facts]]
platform = "zoom"
feature = "meeting_lock"
available = true
as_of = "2026-12-01"
source = "Zoom Support (accessed 2026-12-01)"
primary = true

[[settings]]
platform = "zoom"
id = "meeting_lock"
name = "Lock Meeting"
set_to = "select it once everyone has joined"
where = "Host tools"
fact = "meeting_lock"
as_of = "2026-12-01"
source = "Zoom Support (accessed 2026-12-01)"
primary = true
"#;

    #[test]
    fn a_good_file_loads_and_gives_the_context() {
        let (facts, found) = read(GOOD);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(facts.features[0].phrases, ["lock the meeting"]);
        assert_eq!(
            facts.context_facts(PlatformKind::Zoom)["meeting_lock"],
            Value::Bool(true)
        );
        assert_eq!(
            facts.context_facts(PlatformKind::Webex)["meeting_lock"],
            Value::Null
        );
        assert_eq!(
            facts.context_settings(PlatformKind::Zoom)["meeting_lock"]["name"],
            "Lock Meeting"
        );
        assert_eq!(
            facts.context_settings(PlatformKind::Other)["meeting_lock"],
            Value::Null
        );
        assert_eq!(facts.newest(), Date::parse("2026-12-01").ok());
    }

    #[test]
    fn each_problem_is_reported_at_its_key() {
        let text = GOOD
            .replace("feature = \"meeting_lock\"", "feature = \"meeting_lok\"")
            .replace("as_of = \"2026-12-01\"\nsource = \"Zoom Support (accessed 2026-12-01)\"\nprimary = true\n\n[[settings]]", "as_of = \"2026-13-01\"\nsource = \"\"\nprimary = true\n\n[[settings]]");
        let (_, found) = read(&text);
        assert_eq!(
            found,
            [
                ("platforms.toml:8:1".to_owned(), "unknown-feature"),
                ("platforms.toml:10:1".to_owned(), "fact-undated"),
                ("platforms.toml:9:1".to_owned(), "fact-unsourced"),
                ("platforms.toml:20:1".to_owned(), "setting-without-fact"),
            ]
        );
    }

    #[test]
    fn other_has_no_facts_and_platforms_are_checked() {
        let (_, found) = read(&GOOD.replacen("platform = \"zoom\"", "platform = \"other\"", 1));
        assert!(found.contains(&("platforms.toml:7:1".to_owned(), "fact-other-platform")));
        let (_, found) = read(&GOOD.replacen("platform = \"zoom\"", "platform = \"jitsi\"", 1));
        assert_eq!(found[0].1, "pack-toml");
        assert!(found[0].0.starts_with("platforms.toml:7:"), "{found:?}");
    }

    #[test]
    fn unknown_facts_need_a_note_and_known_ones_a_primary_flag() {
        let text = GOOD.replace("available = true\n", "").replace(
            "source = \"Zoom Support (accessed 2026-12-01)\"\nprimary = true\n\n[[settings]]",
            "\n[[settings]]",
        );
        let (_, found) = read(&text);
        assert_eq!(
            found[0],
            ("platforms.toml:8:1".to_owned(), "fact-unknown-unexplained")
        );
        let text = GOOD.replacen("primary = true\n", "", 1);
        let (_, found) = read(&text);
        assert_eq!(
            found[0],
            ("platforms.toml:9:1".to_owned(), "fact-primary-missing")
        );
    }
}
