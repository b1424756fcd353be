//! Rendering compiled templates against the options.
//!
//! The data is made once per assembly, or renewed from the last assembly's
//! ([`Data::renew`]): the options as JSON, plus `derived` and the chosen platform's
//! facts. Before the clauses of a document are rendered, that document's clause numbers
//! and reference word are put beside them (under keys no template can name, read by
//! `ref`), so that one value serves every document and every template.
//!
//! Rendering is strict: a path that does not exist is an error, never an empty string.
//! Load-time validation walks every branch of every template, so a pack that loaded
//! renders any valid options without error; the errors here are a last line of defence.

use super::derived::Derived;
use super::helpers::{REF_WORD_KEY, REFS_KEY};
use super::reads::DataPath;
use super::registry;
use crate::facts::Facts;
use crate::model::lookup_keys;
use crate::options::{Options, PlatformKind};
use handlebars::template::TemplateElement;
use handlebars::{Context, Output, RenderContext, RenderError, Renderable, Template};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// What templates are rendered against.
#[derive(Debug)]
pub struct Data {
    context: Context,
    /// What the value was made from, so that the next assembly can keep what did not
    /// change ([`Data::renew`]).
    options: Options,
    derived: Derived,
    /// The platform whose facts (and settings, if true) are beside the options.
    platform: Option<(PlatformKind, bool)>,
    /// The version of each value at the top of the data ([`top_index`]) and of each field
    /// of `derived` ([`version_index`]): a number no other value has had, given whenever
    /// the value is replaced. A rendering made when a
    /// value had the version it has now read the same value (`memo.rs`).
    versions: [u64; VERSIONS],
    /// The choices the last assembly's conditions read (`pack::condition::Paths`), with
    /// the versions of the values at the top of the data they were read from.
    choices: Option<(Vec<u64>, crate::pack::Values)>,
    /// The numbers put in the data by the last [`Data::set_document`].
    refs: Option<Vec<(String, u32)>>,
    /// The numbers of the values read at paths by the last renderings ([`Data::read`]),
    /// by the paths' places ([`ReadPath`]'s `slot`).
    reads: RefCell<Vec<Option<KeptRead>>>,
}

/// A path a template reads, with what the data files its value under.
#[derive(Debug)]
pub struct ReadPath {
    path: DataPath,
    /// The version that covers its value ([`version_index`]).
    version: Option<usize>,
    /// The path's place among every path a template reads ([`slot`]): under it the
    /// data keeps its value's number ([`Data::read`]).
    slot: usize,
}

impl ReadPath {
    pub fn new(path: DataPath) -> ReadPath {
        ReadPath {
            version: version_index(&path),
            slot: slot(&path),
            path,
        }
    }

    /// The version in `data` that covers its value, if one does.
    pub fn version_in(&self, data: &Data) -> Option<u64> {
        self.version.map(|v| data.versions[v])
    }
}

/// The place of `path` among every path a template of any pack reads, given the first
/// time a template reading it is compiled: the same path has the same place, so the data
/// keeps a path's value's number in a list, at its place, for every template reading it.
/// The paths are those written in the packs' templates, so the list stays short.
pub(super) fn slot(path: &DataPath) -> usize {
    static SLOTS: Mutex<BTreeMap<String, usize>> = Mutex::new(BTreeMap::new());
    // The keys joined by a character no key of a template's path holds: a map keyed by
    // text is in the module already (condition.rs), one keyed by lists of keys was not.
    let joined = path.join("\0");
    // A poisoned lock means a panic elsewhere while it was held; the places it holds are
    // still each path's own.
    let mut slots = SLOTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let next = slots.len();
    *slots.entry(joined).or_insert(next)
}

/// The number of the value read at a path, and the version it was read at
/// ([`Data::read`]).
#[derive(Debug, Clone, Copy)]
struct KeptRead {
    version: u64,
    number: u64,
}

/// A hash of `value`, the same in every run: FNV-1a (the fnv crate, which the pack's
/// fingerprints use already). Hashing a JSON value writes many short pieces (each key,
/// each string, each variant); FNV costs a few instructions a byte where std's SipHash
/// costs a round per piece, which made hashing 4 % of a batch case's instructions.
pub fn fingerprint(value: &impl Hash) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The groups of the options, as serde names the fields of [`Options`] (a test holds the
/// list to the fields): their names, and the renewal of those that changed.
macro_rules! option_groups {
    ($($group:ident),* $(,)?) => {
        const GROUPS: &[&str] = &[$(stringify!($group)),*];

        /// Writes the groups of the options that differ between `old` and `new` into
        /// `map`, each with a new version; whether any did.
        fn renew_groups(
            map: &mut Map<String, Value>,
            versions: &mut Versions<'_>,
            old: &Options,
            new: &Options,
        ) -> Result<bool, serde_json::Error> {
            let mut changed = false;
            $(
                if old.$group != new.$group {
                    map.insert(stringify!($group).into(), serde_json::to_value(&new.$group)?);
                    versions.replaced(stringify!($group));
                    changed = true;
                }
            )*
            Ok(changed)
        }
    };
}

option_groups!(
    case,
    mediator,
    parties,
    platform,
    attendance,
    recording,
    breakout_rooms,
    documents,
    security,
    costs,
    consent,
    technical_failure,
    settlement,
    data_protection,
    edits,
);

/// What assembly puts beside the groups of the options, at the top of the data.
const BESIDE: &[&str] = &[
    "derived",
    "platform_facts",
    "platform_settings",
    REFS_KEY,
    REF_WORD_KEY,
    "item",
];

/// How many values the top of the data may hold: the groups, and what is beside them.
const TOP: usize = GROUPS.len() + BESIDE.len();

/// How many versions a data keeps: one for each value at the top, and one for each field
/// of `derived`.
const VERSIONS: usize = TOP + DERIVED.len();

/// The position of a name at the top of the data (the groups, then [`BESIDE`]).
pub fn top_index(name: &str) -> Option<usize> {
    GROUPS.iter().chain(BESIDE).position(|top| *top == name)
}

/// Which version a path's value is covered by ([`ReadPath::version_in`]): a field of `derived`
/// has its own; any other path, that of the value at the top of the data it is in.
pub fn version_index(path: &[String]) -> Option<usize> {
    match path {
        [top, field, ..] if top == "derived" => DERIVED
            .iter()
            .position(|f| f == field)
            .map(|i| TOP + i)
            .or_else(|| top_index(top)),
        [top, ..] => top_index(top),
        [] => None,
    }
}

/// The fields of [`Derived`], as serde names them (a test holds the list to them): each
/// has its own version, so that a template reading `derived.platform_name` is given back
/// its rendering by version when a keystroke renames a party, which changes only the
/// fields made from the parties' names.
macro_rules! derived_fields {
    ($($field:ident),* $(,)?) => {
        const DERIVED: &[&str] = &[$(stringify!($field)),*];

        /// Gives a new version to each field of `derived` that differs between `old`
        /// and `new`.
        fn renew_derived(versions: &mut [u64; VERSIONS], old: &Derived, new: &Derived) {
            let changed = [$(old.$field != new.$field),*];
            for (i, _) in changed.iter().enumerate().filter(|(_, changed)| **changed) {
                versions[TOP + i] = new_version();
            }
        }
    };
}

derived_fields!(
    platform_name,
    mediator_name,
    jurisdiction,
    requesting_party_name,
    client_name,
    cost_shares,
    attendees,
    has_attendees,
    party_count,
    dial_in,
    data_regions,
    e2ee_disables,
    facts_as_of,
    disclosure_deadline,
    delete_after,
    breach_notice,
    reconnection_wait,
    recording_retention,
    break_every,
    serial_comma,
    start_time,
    time_zone_name,
    party_times,
    time_zones_differ,
    parties_in_other_zones,
    recipients,
);

/// A version no value has had yet.
pub(super) fn new_version() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Data {
    /// The options and their `derived` values.
    pub fn new(options: &Options, facts: &Facts) -> Result<Data, serde_json::Error> {
        let mut value = serde_json::to_value(options)?;
        let derived = Derived::new(options, facts);
        if let Value::Object(map) = &mut value {
            map.insert("derived".into(), serde_json::to_value(&derived)?);
        }
        let mut versions = [0; VERSIONS];
        versions.iter_mut().for_each(|v| *v = new_version());
        Ok(Data {
            context: Context::from(value),
            options: options.clone(),
            derived,
            platform: None,
            versions,
            choices: None,
            refs: None,
            reads: RefCell::default(),
        })
    }

    /// The same as [`Data::new`], made from the data of an earlier assembly: only the
    /// groups of the options that changed (and `derived`, if it did) are converted
    /// again. Building the JSON value and dropping it were a third of what assembling the
    /// default agreement cost, and a keystroke changes one group.
    /// `derived` is computed only when an option changed: it is made from the options
    /// and the pack's facts alone, and the data is renewed only by the pack that made it.
    /// A list's `item` is taken away; the last document's numbers stay, as every document
    /// puts its own before its clauses are rendered ([`Data::set_document`]), and numbers
    /// that are the same keep their version, so the clauses that refer to others are
    /// given back by version.
    pub fn renew(mut self, options: &Options, facts: &Facts) -> Result<Data, serde_json::Error> {
        let Value::Object(map) = self.context.data_mut() else {
            return Data::new(options, facts);
        };
        let versions = &mut Versions(&mut self.versions);
        if map.remove("item").is_some() {
            versions.replaced("item");
        }
        if !renew_groups(map, versions, &self.options, options)? {
            return Ok(self);
        }
        let derived = Derived::new(options, facts);
        if derived != self.derived {
            map.insert("derived".into(), serde_json::to_value(&derived)?);
            versions.replaced("derived");
            renew_derived(versions.0, &self.derived, &derived);
            self.derived = derived;
        }
        self.options = options.clone();
        Ok(self)
    }

    /// Puts the chosen platform's facts beside the options as `platform_facts` (and its
    /// settings as `platform_settings`, when `settings`), unless they are there already.
    pub fn set_platform(
        &mut self,
        kind: PlatformKind,
        settings: bool,
        make: impl FnOnce(bool) -> (Value, Option<Value>),
    ) {
        if self.platform == Some((kind, settings)) {
            return;
        }
        let (facts, settings_value) = make(settings);
        if let Value::Object(map) = self.context.data_mut() {
            map.insert("platform_facts".into(), facts);
            match settings_value {
                Some(value) => map.insert("platform_settings".into(), value),
                None => map.remove("platform_settings"),
            };
        }
        let versions = &mut Versions(&mut self.versions);
        versions.replaced("platform_facts");
        versions.replaced("platform_settings");
        self.platform = Some((kind, settings));
    }

    /// The platform whose facts are in the data, and whether its settings are too.
    pub fn platform(&self) -> Option<(PlatformKind, bool)> {
        self.platform
    }

    /// The options (with `derived`) as JSON, for conditions.
    pub fn root(&self) -> &Value {
        self.context.data()
    }

    /// Makes `{{ref "x"}}` read this document's numbers (topic or clause id → number) and
    /// write its reference word ("clause", "section").
    pub fn set_document(&mut self, refs: &[(&str, u32)], ref_word: &str) {
        // Made only when they differ from the numbers in the data: most documents of a
        // batch number their clauses as the last one did, and making the numbers as JSON
        // to compare them cost more than comparing them.
        let same = self.refs.as_ref().is_some_and(|kept| {
            (kept.iter().map(|(id, n)| (id.as_str(), *n))).eq(refs.iter().copied())
        });
        if !same {
            let mut numbers = Map::new();
            for &(id, n) in refs {
                numbers.insert(id.to_owned(), Value::from(n));
            }
            self.set(REFS_KEY, Some(Value::Object(numbers)));
            self.refs = Some(refs.iter().map(|&(id, n)| (id.to_owned(), n)).collect());
        }
        if self.root().get(REF_WORD_KEY).and_then(Value::as_str) != Some(ref_word) {
            self.set(REF_WORD_KEY, Some(Value::String(ref_word.to_owned())));
        }
    }

    /// Puts `value` at the top of the data under `key` (or takes it away), with a new
    /// version unless it is the value there already.
    fn set(&mut self, key: &str, value: Option<Value>) {
        let Value::Object(map) = self.context.data_mut() else {
            return;
        };
        if map.get(key) == value.as_ref() {
            return;
        }
        match value {
            Some(value) => map.insert(key.to_owned(), value),
            None => map.remove(key),
        };
        Versions(&mut self.versions).replaced(key);
    }

    /// The versions of these values at the top of the data ([`top_index`]).
    pub fn versions_of(&self, tops: &[usize]) -> Vec<u64> {
        tops.iter().map(|&t| self.versions[t]).collect()
    }

    /// The number of the value at `path`, which a template reads (`memo.rs`,
    /// `values.rs`): equal values have equal numbers. It is kept at the path's place
    /// while the version that covers the value stays, so a path that many templates read
    /// (the parties, with their attendees) is looked up and numbered once after it
    /// changed.
    pub fn read(&self, read: &ReadPath) -> u64 {
        let number = || super::values::number(read.slot, lookup_keys(self.root(), &read.path));
        let Some(version) = read.version_in(self) else {
            return number();
        };
        let mut reads = self.reads.borrow_mut();
        if reads.len() <= read.slot {
            reads.resize(read.slot + 1, None);
        }
        match &mut reads[read.slot] {
            Some(kept) if kept.version == version => kept.number,
            kept => {
                let number = number();
                *kept = Some(KeptRead { version, number });
                number
            }
        }
    }

    /// The choices kept by [`Data::keep_choices`], with the versions of the values they
    /// were read from.
    pub(crate) fn kept_choices(&self) -> Option<(&[u64], &crate::pack::Values)> {
        self.choices
            .as_ref()
            .map(|(versions, choices)| (versions.as_slice(), choices))
    }

    /// Keeps the choices read from values of these versions, for the next assembly.
    pub(crate) fn keep_choices(&mut self, versions: Vec<u64>, choices: crate::pack::Values) {
        self.choices = Some((versions, choices));
    }

    /// Puts `item` beside the options, or takes it away: what a clause written for each
    /// item of a list (`for_each`) reads its item from.
    pub fn set_item(&mut self, item: Option<Value>) {
        self.set("item", item);
    }

    /// Renders a compiled template.
    pub fn render(&self, template: &Template) -> Result<String, RenderError> {
        if let Some(text) = text_only(template) {
            return Ok(text.to_owned());
        }
        let mut out = Text(String::with_capacity(1024));
        let mut rc = RenderContext::new(None);
        template.render(registry(), &self.context, &mut rc, &mut out)?;
        Ok(out.0)
    }
}

/// The versions of a data's values, while its value is being changed.
struct Versions<'a>(&'a mut [u64; VERSIONS]);

impl Versions<'_> {
    /// The value under `key` was replaced (or taken away).
    fn replaced(&mut self, key: &str) {
        if let Some(i) = top_index(key) {
            self.0[i] = new_version();
        }
    }
}

/// The template's text when it has no tags at all: its rendering, whatever the values.
/// Most titles are such, and rendering them through handlebars would cost a copy anyway.
pub(crate) fn text_only(template: &Template) -> Option<&str> {
    match template.elements.as_slice() {
        [] => Some(""),
        [TemplateElement::RawString(text)] => Some(text),
        _ => None,
    }
}

/// handlebars' output, appended to a String.
struct Text(String);

impl Output for Text {
    fn write(&mut self, seg: &str) -> std::io::Result<()> {
        self.0.push_str(seg);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Locale;

    fn data(options: &Options) -> Data {
        let mut data = Data::new(options, &Facts::default()).expect("options serialize");
        data.set_document(&[("recording", 6), ("recording-prohibited", 6)], "clause");
        data
    }

    fn render(source: &str, options: &Options) -> Result<String, String> {
        let template = Template::compile(source).map_err(|e| e.to_string())?;
        data(options).render(&template).map_err(|e| e.to_string())
    }

    fn two_parties() -> Options {
        Options::from_json_str(
            r#"{"parties": [{"name": "*Acme* <b>", "role": "Claimant"},
                            {"name": "Beta 1. Ltd", "role": "Respondent"}],
                "case": {"date": "2026-12-01"}}"#,
        )
        .expect("valid options")
    }

    #[test]
    fn values_are_escaped_and_helpers_write_markdown() {
        let options = two_parties();
        assert_eq!(
            render(
                "{{parties.0.name}} and {{join parties \"name\"}}.",
                &options
            )
            .as_deref(),
            Ok("\\*Acme\\* \\<b\\> and \\*Acme\\* \\<b\\> and Beta 1. Ltd.")
        );
        assert_eq!(
            render(
                "See {{ref \"recording\"}}; {{spell \"organise\"}} on {{date case.date}}.",
                &options
            )
            .as_deref(),
            Ok("See clause 6; organise on 1 December 2026.")
        );
        let mut american = two_parties();
        american.case.locale = Locale::EnUs;
        assert_eq!(
            render("{{spell \"organise\"}} on {{date case.date}}", &american).as_deref(),
            Ok("organize on December 1, 2026")
        );
    }

    #[test]
    fn blocks_and_value_helpers_are_handlebars_own() {
        let options = two_parties();
        let source = "{{#each parties}}{{@index}}:{{role}}{{#unless @last}}, {{/unless}}{{/each}}\
                      {{#if (eq recording.policy \"prohibited\")}} no{{else}} yes{{/if}}\
                      {{#with mediator}}{{#if (not name)}} unnamed{{/if}}{{/with}} {{len parties}}";
        assert_eq!(
            render(source, &options).as_deref(),
            Ok("0:Claimant, 1:Respondent no unnamed 2")
        );
    }

    #[test]
    fn a_block_tag_alone_on_its_line_takes_the_line() {
        let source =
            "Intro.\n  {{#if breakout_rooms.enabled}}  \nYes.\n{{else}}\nNo.\n  {{/if}}\nEnd.";
        assert_eq!(
            render(source, &Options::default()).as_deref(),
            Ok("Intro.\nYes.\nEnd.")
        );
    }

    /// Data renewed from one scenario's to the next (core/tests/scenarios) is the data
    /// made anew, and every group of the options changes somewhere along the way, so a
    /// group left out of `renew_groups!` would be caught keeping a stale value. So are
    /// the numbers it keeps, taken before each renewal.
    #[test]
    fn renewed_data_is_the_data_made_anew() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
        let mut paths: Vec<_> = std::fs::read_dir(folder)
            .expect("the scenarios folder")
            .map(|entry| entry.expect("a folder entry").path())
            .collect();
        paths.sort();
        let facts = Facts::default();
        let mut data = Data::new(&Options::default(), &facts).expect("options serialize");
        let mut changed = std::collections::BTreeSet::new();
        for path in &paths {
            let text = std::fs::read_to_string(path).expect("a scenario");
            let options = Options::from_toml_str(&text).expect("a valid scenario");
            let before = serde_json::to_value(&data.options).expect("options serialize");
            let after = serde_json::to_value(&options).expect("options serialize");
            for (group, value) in after.as_object().expect("options are a table") {
                if before.get(group) != Some(value) {
                    changed.insert(group.clone());
                }
            }
            let numbers = |data: &Data| -> Vec<u64> {
                let paths = [
                    &["parties"][..],
                    &["case", "date"],
                    &["derived", "party_times"],
                ];
                (paths.iter())
                    .map(|path| {
                        let path = path.iter().map(|key| (*key).to_owned()).collect();
                        data.read(&ReadPath::new(path))
                    })
                    .collect()
            };
            numbers(&data);
            data = data.renew(&options, &facts).expect("options serialize");
            let fresh = Data::new(&options, &facts).expect("options serialize");
            assert_eq!(data.root(), fresh.root(), "{}", path.display());
            assert_eq!(numbers(&data), numbers(&fresh), "{}", path.display());
        }
        let groups: Vec<String> = serde_json::to_value(Options::default())
            .expect("options serialize")
            .as_object()
            .expect("options are a table")
            .keys()
            .cloned()
            .collect();
        let unchanged: Vec<&String> = groups.iter().filter(|g| !changed.contains(*g)).collect();
        assert!(unchanged.is_empty(), "no scenario changes {unchanged:?}");
    }

    /// Two paths under one version keep their own values' numbers, each at its own
    /// place; the same path, read by another template, has the same place.
    #[test]
    fn paths_under_one_version_keep_their_own_values() {
        let data = data(&two_parties());
        let read = |path: [&str; 3]| ReadPath::new(path.map(str::to_owned).to_vec());
        let (first, second) = (
            read(["parties", "0", "name"]),
            read(["parties", "1", "name"]),
        );
        assert_eq!(first.version, second.version, "one version covers both");
        assert_ne!(first.slot, second.slot);
        assert_eq!(read(["parties", "0", "name"]).slot, first.slot);
        let numbered = |read: &ReadPath, name: &str| {
            super::super::values::number(read.slot, Some(&Value::from(name)))
        };
        for _ in 0..2 {
            assert_eq!(data.read(&first), numbered(&first, "*Acme* <b>"));
            assert_eq!(data.read(&second), numbered(&second, "Beta 1. Ltd"));
            assert_ne!(data.read(&first), data.read(&second));
        }
    }

    /// A document's numbers replace the last document's, and numbers that are the same
    /// keep their version.
    #[test]
    fn each_document_s_numbers_are_the_ones_read() {
        let template = Template::compile("{{ref \"recording\"}}").expect("compiles");
        let mut data = data(&two_parties());
        let version = |data: &Data| data.versions[top_index(REFS_KEY).expect("a top")];
        for (refs, word, expected, same) in [
            (&[("recording", 6)][..], "clause", "clause 6", false),
            (&[("recording", 6)], "clause", "clause 6", true),
            (
                &[("recording", 2), ("security", 3)],
                "clause",
                "clause 2",
                false,
            ),
            (&[("recording", 2)], "section", "section 2", false),
            (&[("recording", 6)], "clause", "clause 6", false),
        ] {
            let before = version(&data);
            data.set_document(refs, word);
            assert_eq!(data.render(&template).expect("renders"), expected);
            assert_eq!(version(&data) == before, same, "{refs:?}");
        }
    }

    /// Each field of `derived` has its version: the list is the fields, in order.
    #[test]
    fn derived_fields_are_listed() {
        let derived = Derived::new(&Options::default(), &Facts::default());
        let value = serde_json::to_value(&derived).expect("derived serializes");
        let fields: Vec<&str> = value
            .as_object()
            .expect("derived is a table")
            .keys()
            .map(String::as_str)
            .collect();
        let mut listed = DERIVED.to_vec();
        listed.sort_unstable();
        assert_eq!(fields, listed);
    }

    #[test]
    fn rendering_is_strict() {
        let options = two_parties();
        assert!(render("{{nothing}}", &options).is_err());
        assert!(render("{{ref \"nowhere\"}}", &options).is_err());
        assert!(render("{{lookup parties 0}}", &options).is_err());
    }
}
