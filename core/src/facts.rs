//! Dated platform facts (`platforms.toml`), each with its public source.
//!
//! Facts about platforms change; every one carries the date it was true, and every
//! diagnostic that rests on one cites that date and source.

use crate::options::PlatformKind;
use serde::{Deserialize, Serialize};

/// The features caucus keeps facts about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    BreakoutRooms,
    WaitingRoom,
    MeetingLock,
    EndToEndEncryption,
    DataRegionChoice,
    /// Breakout rooms in a meeting that has end-to-end encryption switched on.
    BreakoutRoomsWithE2ee,
    /// Joining from a web browser a meeting that has end-to-end encryption switched on.
    BrowserWithE2ee,
}

impl Feature {
    /// How the feature is named in a sentence.
    pub fn describe(self) -> &'static str {
        match self {
            Feature::BreakoutRooms => "breakout rooms",
            Feature::WaitingRoom => "a waiting room or lobby",
            Feature::MeetingLock => "locking a meeting",
            Feature::EndToEndEncryption => "end-to-end encryption",
            Feature::DataRegionChoice => "a choice of data regions",
            Feature::BreakoutRoomsWithE2ee => "breakout rooms with end-to-end encryption on",
            Feature::BrowserWithE2ee => "joining from a browser with end-to-end encryption on",
        }
    }
}

/// One dated fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub platform: PlatformKind,
    pub feature: Feature,
    pub available: bool,
    /// The date the fact was true, `YYYY-MM-DD`.
    pub as_of: String,
    /// Where it was published.
    pub source: String,
    /// What the fact means for a mediation, if worth saying.
    #[serde(default)]
    pub note: String,
}

/// What end-to-end encryption switches off on one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct E2eeDisables {
    pub platform: PlatformKind,
    pub features: Vec<String>,
    pub as_of: String,
    pub source: String,
}

/// Everything in `platforms.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub e2ee_disables: Vec<E2eeDisables>,
}

impl Facts {
    /// The fact about one feature of one platform, if the pack has it.
    pub fn get(&self, platform: PlatformKind, feature: Feature) -> Option<&Fact> {
        self.facts
            .iter()
            .find(|f| f.platform == platform && f.feature == feature)
    }

    /// What end-to-end encryption switches off on a platform, if known.
    pub fn e2ee_disables(&self, platform: PlatformKind) -> Option<&E2eeDisables> {
        self.e2ee_disables.iter().find(|e| e.platform == platform)
    }
}
