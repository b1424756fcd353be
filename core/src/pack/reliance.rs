//! Proving that no clause states a platform capability that is not a verified fact.
//!
//! A clause declares what it states: `asserts = ["desktop_app"]` for the whole clause, or
//! `[[passages]]` for text in its body (`asserts = "meeting_lock"`, `text = "Lock the
//! meeting ..."`). The place of a passage in the template tree gives the `{{#if}}` tests
//! around it. By the same enumeration as `coverage.rs`, now over `platform.kind` too, with
//! `platform_facts.*` and `platform_settings.*` evaluated for each platform, we prove that
//! no asserting clause or passage can be rendered where its fact is false or unknown.
//!
//! Wording can state a capability without being declared. Each feature may list
//! `phrases` ("lock the meeting"): a phrase outside a passage (or clause) that asserts its
//! feature is refused, so that undeclared capability wording does not creep back in.

use super::condition::{Condition, Test, Values, lookup};
use super::coverage::{combinations, set};
use super::validate::TextRun;
use super::{ClauseSpec, DocumentSpec};
use crate::checks::platform_name;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::facts::{Fact, Facts};
use crate::input::line_column;
use crate::options::PlatformKind;
use serde_json::Value;
use std::collections::BTreeMap;

/// Checks every clause's declarations and proves them. Returns each clause's passage
/// guards (see [`passage_guards`]), by index of the clause.
pub(super) fn check(
    documents: &[DocumentSpec],
    clauses: &[ClauseSpec],
    body_texts: &[Vec<TextRun>],
    facts: &Facts,
    choices: &BTreeMap<String, Vec<Value>>,
    files: &BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> Vec<Vec<Vec<Condition>>> {
    let views = platform_views(facts, choices);
    let mut all_guards = Vec::with_capacity(clauses.len());
    for (i, clause) in clauses.iter().enumerate() {
        let text = files.get(&clause.file).map_or("", String::as_str);
        let file = ClauseFile {
            name: &clause.file,
            text,
        };
        let runs = body_texts.get(i).map_or(&[][..], Vec::as_slice);
        let guards = passage_guards(clause, runs, choices);
        if declarations(clause, &guards, &file, facts, diags) {
            phrases(clause, &file, runs, facts, diags);
            prove(
                clause, &guards, documents, facts, &views, choices, &file, diags,
            );
        }
        all_guards.push(guards);
    }
    all_guards
}

/// For each passage of a clause (by index of [`ClauseSpec::passages`]), the tests around
/// each place of the body where its text appears: when the passage is rendered.
pub(super) fn passage_guards(
    clause: &ClauseSpec,
    runs: &[TextRun],
    choices: &BTreeMap<String, Vec<Value>>,
) -> Vec<Vec<Condition>> {
    clause
        .passages
        .iter()
        .map(|passage| {
            runs.iter()
                .filter(|run| run.text.contains(&passage.text))
                .map(|run| provable(&run.guards, choices))
                .collect()
        })
        .collect()
}

/// Proves that the clause's features, and its passages' where they are rendered, are
/// verified facts of every platform on which they can be selected.
#[allow(clippy::too_many_arguments)]
fn prove(
    clause: &ClauseSpec,
    guards: &[Vec<Condition>],
    documents: &[DocumentSpec],
    facts: &Facts,
    views: &[(PlatformKind, BTreeMap<String, Value>)],
    choices: &BTreeMap<String, Vec<Value>>,
    file: &ClauseFile<'_>,
    diags: &mut Diagnostics,
) {
    let Some(doc) = documents.iter().find(|d| d.id == clause.document) else {
        return;
    };
    let Some(topic) = doc.topics.iter().find(|t| t.id == clause.topic) else {
        return;
    };
    let selected = [&doc.when, &topic.when, &clause.when];
    let proof = Proof {
        facts,
        views,
        choices,
    };
    for feature in &clause.asserts {
        let at = || file.key("asserts", 0);
        proof.prove(feature, &selected, None, &at, "this clause", diags);
    }
    for (k, (passage, guards)) in clause.passages.iter().zip(guards).enumerate() {
        for (n, guards) in guards.iter().enumerate() {
            let at = || {
                file.passage(&passage.text, n)
                    .unwrap_or_else(|| file.entry_key(k, "text"))
            };
            for feature in &passage.asserts {
                proof.prove(feature, &selected, Some(guards), &at, "this passage", diags);
            }
        }
    }
}

/// The features declared exist, and each passage appears in the body as plain text.
/// False when the clause cannot be proved.
fn declarations(
    clause: &ClauseSpec,
    guards: &[Vec<Condition>],
    file: &ClauseFile<'_>,
    facts: &Facts,
    diags: &mut Diagnostics,
) -> bool {
    let mut ok = true;
    let unknown = |feature: &str, at: Location, diags: &mut Diagnostics| {
        let (feature, _) = parse_assert(feature);
        if facts.feature(feature).is_none() {
            diags.push(
                Diagnostic::in_file(
                    "unknown-feature",
                    at,
                    format!("`{feature}` is not a feature declared in platforms.toml"),
                )
                .hint("declare it in a [[features]] entry of platforms.toml, or fix the name"),
            );
            false
        } else {
            true
        }
    };
    for feature in &clause.asserts {
        ok &= unknown(feature, file.key("asserts", 0), diags);
    }
    for (k, (passage, guards)) in clause.passages.iter().zip(guards).enumerate() {
        for feature in &passage.asserts {
            ok &= unknown(feature, file.entry_key(k, "asserts"), diags);
        }
        if passage.asserts.is_empty() {
            diags.push(
                Diagnostic::in_file(
                    "passage-asserts-nothing",
                    file.entry_key(k, "asserts"),
                    "this passage asserts no feature",
                )
                .hint("name the feature the passage states, or remove the passage"),
            );
            ok = false;
        }
        if passage.text.trim().is_empty() || passage.text.contains("{{") {
            diags.push(
                Diagnostic::in_file(
                    "passage-text",
                    file.entry_key(k, "text"),
                    "a passage's text must be plain text, without tags",
                )
                .hint("declare the plain sentence that states the capability; put tags outside it"),
            );
            ok = false;
            continue;
        }
        if guards.is_empty() {
            diags.push(
                Diagnostic::in_file(
                    "passage-not-found",
                    file.entry_key(k, "text"),
                    "this passage's text does not appear in the clause's body",
                )
                .hint("copy the sentence exactly as the body has it, within one stretch of text between tags"),
            );
            ok = false;
        }
    }
    ok
}

/// For each value of `platform.kind`: `platform_facts.<feature>` → true, false or null, and
/// `platform_settings.<id>` → whether the platform has the setting, as guards test them.
fn platform_views(
    facts: &Facts,
    choices: &BTreeMap<String, Vec<Value>>,
) -> Vec<(PlatformKind, BTreeMap<String, Value>)> {
    let kinds = choices.get("platform.kind").map_or(&[][..], Vec::as_slice);
    kinds
        .iter()
        .filter_map(|v| serde_json::from_value::<PlatformKind>(v.clone()).ok())
        .map(|kind| {
            let mut view = BTreeMap::new();
            for f in &facts.features {
                let value = facts
                    .available(kind, &f.id)
                    .map_or(Value::Null, Value::Bool);
                view.insert(format!("platform_facts.{}", f.id), value);
            }
            for id in facts.setting_ids() {
                let present = facts.setting(kind, id).is_some();
                view.insert(format!("platform_settings.{id}"), Value::Bool(present));
            }
            (kind, view)
        })
        .collect()
}

/// The guard tests the enumeration can evaluate: choice options, and a platform's facts
/// and settings. The others (free text) are dropped, which only weakens the guard.
fn provable(guards: &Condition, choices: &BTreeMap<String, Vec<Value>>) -> Condition {
    Condition {
        tests: guards
            .tests
            .iter()
            .filter(|t| choices.contains_key(&t.path) || platform_path(&t.path).is_some())
            .cloned()
            .collect(),
    }
}

/// `platform_facts.<id>` or `platform_settings.<id>`: the table and the id.
fn platform_path(path: &str) -> Option<(&str, &str)> {
    let (table, id) = path.split_once('.')?;
    let known = table == "platform_facts" || table == "platform_settings";
    (known && !id.contains('.')).then_some((table, id))
}

/// Capability wording outside a passage or clause that asserts it.
fn phrases(
    clause: &ClauseSpec,
    file: &ClauseFile<'_>,
    runs: &[TextRun],
    facts: &Facts,
    diags: &mut Diagnostics,
) {
    // Most clauses hold no phrase at all: look in the whole body first, lower-cased once
    // (the phrases are lower case), and in its runs only on a hit.
    let body = clause.body.to_lowercase();
    let present =
        |f: &&crate::facts::FeatureSpec| f.phrases.iter().any(|p| body.contains(p.as_str()));
    let candidates: Vec<&crate::facts::FeatureSpec> =
        facts.features.iter().filter(present).collect();
    if candidates.is_empty() {
        return;
    }
    let lowered: Vec<String> = runs.iter().map(|run| run.text.to_lowercase()).collect();
    for feature in candidates {
        if clause.asserts.contains(&feature.id) {
            continue;
        }
        let declared: Vec<&str> = clause
            .passages
            .iter()
            .filter(|p| p.asserts.contains(&feature.id))
            .map(|p| p.text.as_str())
            .collect();
        for phrase in &feature.phrases {
            let found = runs.iter().zip(&lowered).any(|(run, lower)| {
                lower.match_indices(phrase.as_str()).any(|(at, _)| {
                    !declared.iter().any(|p| {
                        run.text.match_indices(p).any(|(start, text)| {
                            start <= at && at + phrase.len() <= start + text.len()
                        })
                    })
                })
            });
            if found {
                // One report per feature: a longer phrase often contains a shorter one.
                diags.push(
                    Diagnostic::in_file(
                        "capability-undeclared",
                        file.phrase(phrase),
                        format!(
                            "\"{phrase}\" states that the platform has `{}` ({}), outside a passage that asserts it",
                            feature.id, feature.meaning
                        ),
                    )
                    .hint(format!(
                        "declare the sentence as a [[passages]] entry with asserts = \"{}\", guarded by {{{{#if platform_facts.{}}}}}, or reword it so that it is true on every platform",
                        feature.id, feature.id
                    )),
                );
                break;
            }
        }
    }
}

/// What a proof reads: the facts, each platform's view of them, and the option choices.
struct Proof<'a> {
    facts: &'a Facts,
    views: &'a [(PlatformKind, BTreeMap<String, Value>)],
    choices: &'a BTreeMap<String, Vec<Value>>,
}

impl Proof<'_> {
    /// Proves that where the conditions (and the passage's guards) hold, the platform
    /// has the feature as a verified fact; reports the first combination where it does
    /// not. Only the platforms where the fact is not verified are enumerated.
    fn prove(
        &self,
        feature: &str,
        selected: &[&Condition],
        guards: Option<&Condition>,
        at: &dyn Fn() -> Location,
        what: &str,
        diags: &mut Diagnostics,
    ) {
        let (id, expected) = parse_assert(feature);
        let unverified: Vec<Value> = self
            .views
            .iter()
            .filter(|(kind, _)| self.facts.available(*kind, id) != Some(expected))
            .filter_map(|(kind, _)| serde_json::to_value(kind).ok())
            .collect();
        if unverified.is_empty() {
            return;
        }
        let platforms = Condition {
            tests: vec![Test::new("platform.kind".into(), unverified)],
        };
        let conditions: Vec<&Condition> = selected
            .iter()
            .copied()
            .chain(guards)
            .chain(std::iter::once(&platforms))
            .collect();
        let Some(combos) = combinations(&conditions, self.choices, at, diags) else {
            return;
        };
        // Only the platform's facts and settings that the conditions test are set in each
        // combination, from the views computed once per platform.
        let platform_paths: Vec<&str> = conditions
            .iter()
            .flat_map(|c| c.paths())
            .filter(|p| platform_path(p).is_some())
            .collect();
        for mut combo in combos {
            let kind = lookup(&combo, "platform.kind")
                .cloned()
                .and_then(|v| serde_json::from_value::<PlatformKind>(v).ok())
                .unwrap_or(PlatformKind::Other);
            let view = self
                .views
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, view)| view);
            for path in &platform_paths {
                let value = view
                    .and_then(|view| view.get(*path))
                    .cloned()
                    .unwrap_or(Value::Null);
                set(&mut combo, path, value);
            }
            if !conditions.iter().all(|c| c.holds(&combo)) {
                continue;
            }
            let state = match self.facts.available(kind, id) {
                Some(true) => "where the feature is available",
                Some(false) => "where it is not available",
                None => "where caucus has no verified fact about it",
            };
            diags.push(
                Diagnostic::in_file(
                    "capability-unverified",
                    at(),
                    format!(
                        "{what} asserts `{feature}`, but it is rendered for {}, {state}, when {}",
                        platform_label(kind),
                        describe(&combo, &conditions)
                    ),
                )
                .hint(format!(
                    "guard it with {{{{#if platform_facts.{id}}}}} (or, for an absence, {{{{#if (eq platform_facts.{id} false)}}}}) and give wording that is true everywhere in {{{{else}}}}, or add the fact to platforms.toml with its source"
                )),
            );
            return;
        }
    }
}

/// `"meeting_lock"` asserts that the platform has the feature; `"!meeting_lock"` that it
/// verifiably has not.
fn parse_assert(assert: &str) -> (&str, bool) {
    match assert.strip_prefix('!') {
        Some(feature) => (feature, false),
        None => (assert, true),
    }
}

fn platform_label(kind: PlatformKind) -> String {
    match kind {
        PlatformKind::Other => "another platform (`other`)".to_owned(),
        kind => platform_name(kind).to_owned(),
    }
}

/// `platform.kind = "google-meet" and security.lock_meeting = true`: the option values
/// of the combination, without the facts evaluated from the platform.
fn describe(combo: &Value, conditions: &[&Condition]) -> String {
    let mut paths: Vec<&str> = conditions
        .iter()
        .flat_map(|c| c.paths())
        .filter(|p| platform_path(p).is_none())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths
        .iter()
        .filter_map(|p| lookup(combo, p).map(|v| format!("{p} = {v}")))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// A clause file, for placing problems in it.
struct ClauseFile<'a> {
    name: &'a str,
    text: &'a str,
}

impl ClauseFile<'_> {
    fn at(&self, offset: usize) -> Location {
        let (line, column) = line_column(self.text, offset);
        Location {
            file: self.name.to_owned(),
            line,
            column,
        }
    }

    /// Where the body starts (after the closing `+++`).
    fn body_start(&self) -> usize {
        self.text
            .strip_prefix("+++\n")
            .and_then(|rest| rest.find("\n+++\n").map(|end| 4 + end + 5))
            .unwrap_or(0)
            .min(self.text.len())
    }

    /// The line of `key =` in the front matter at or after `from`.
    fn key_from(&self, key: &str, from: usize) -> Option<usize> {
        let end = self.body_start();
        let mut offset = from;
        for line in self.text.get(from..end)?.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
                return Some(offset + line.len() - trimmed.len());
            }
            offset += line.len();
        }
        None
    }

    fn key(&self, key: &str, from: usize) -> Location {
        self.at(self.key_from(key, from).unwrap_or(0))
    }

    /// A key of the `index`-th `[[passages]]` entry.
    fn entry_key(&self, index: usize, key: &str) -> Location {
        let start = self
            .text
            .match_indices("[[passages]]")
            .nth(index)
            .map_or(0, |(at, _)| at);
        self.key(key, start)
    }

    /// The `n`-th place of a passage's text in the body.
    fn passage(&self, text: &str, n: usize) -> Option<Location> {
        let start = self.body_start();
        let offset = self.text[start..]
            .match_indices(text)
            .nth(n)
            .or_else(|| self.text[start..].match_indices(text).next())?
            .0;
        Some(self.at(start + offset))
    }

    /// The first place of a phrase (any case) in the body.
    fn phrase(&self, phrase: &str) -> Location {
        let start = self.body_start();
        let body = self.text[start..].to_lowercase();
        // Lower-casing keeps ASCII offsets; clause text is matched on those.
        let offset = body
            .find(phrase)
            .filter(|_| body.len() == self.text.len() - start);
        self.at(start + offset.unwrap_or(0))
    }
}

impl super::Pack {
    /// Whether a test of a `when` condition or a passage's guard holds in a template
    /// context: a test on a choice reads its bits, a test on the platform's facts reads
    /// the facts (a setting is tested for its presence on the platform, as the context
    /// may not carry it); any other test reads the context.
    fn test_holds(&self, t: &Test, values: &Values, root: &Value, kind: PlatformKind) -> bool {
        if let Some(holds) = t.holds_by_number(values) {
            return holds;
        }
        match platform_path(&t.path) {
            Some(("platform_settings", id)) => {
                let present = Value::Bool(self.facts.setting(kind, id).is_some());
                t.allowed.contains(&present)
            }
            _ => t.holds(root),
        }
    }

    /// The facts of the chosen platform that the documents of these options rely on:
    /// those asserted by each selected clause and by each passage whose guards hold.
    /// `root` is the template context (options, `derived`, `platform_facts`). A clause
    /// with passages is compiled here if it was not yet, unless its guards are prepared
    /// (the built-in pack's, `guards.rs`).
    ///
    /// The answer follows from the choices and the platform, so the last few are kept
    /// with them ([`RELIED_KEPT`]): working it out tests every document's conditions and
    /// guards, about a sixth of assembling the default agreement. It is not kept when a
    /// condition or guard it tested reads anything else ([`follows_from_choices`]).
    pub(crate) fn relied_facts(
        &self,
        root: &Value,
        values: &Values,
        kind: PlatformKind,
    ) -> Result<Vec<&Fact>, Diagnostics> {
        // `values` holds the platform's kind too: it is one of the choices.
        let kept = |memo: &&Relied| memo.values == *values;
        if self.remember
            && let Ok(memo) = self.relied.lock()
            && let Some(memo) = memo.iter().rev().find(kept)
        {
            return Ok(memo.facts.iter().map(|&i| &self.facts.facts[i]).collect());
        }
        let mut by_choices = self.whens_follow_from_choices;
        let holds = |condition: &Condition| {
            (condition.tests.iter()).all(|t| self.test_holds(t, values, root, kind))
        };
        let mut features: Vec<&str> = Vec::new();
        let declares = |i: &usize| {
            let clause = &self.clauses[*i];
            !clause.asserts.is_empty() || !clause.passages.is_empty()
        };
        for doc in self.documents.iter().filter(|d| holds(&d.when)) {
            // Only topics with a declaring variant matter: their conditions alone are tested.
            let topics = doc
                .topics
                .iter()
                .filter(|t| t.variants.iter().any(declares));
            for topic in topics.filter(|t| holds(&t.when)) {
                for &i in topic.variants.iter().filter(|i| declares(i)) {
                    let clause = &self.clauses[i];
                    if !holds(&clause.when) {
                        continue;
                    }
                    features.extend(clause.asserts.iter().map(String::as_str));
                    if clause.passages.is_empty() {
                        continue;
                    }
                    let guards = self.passage_guards(i)?;
                    by_choices &= guards.follow_from_choices;
                    for (p, guards) in clause.passages.iter().zip(&guards.passages) {
                        if guards.iter().any(holds) {
                            features.extend(p.asserts.iter().map(String::as_str));
                        }
                    }
                }
            }
        }
        features.sort_unstable();
        features.dedup();
        let facts: Vec<usize> = features
            .into_iter()
            .filter_map(|f| {
                let (id, available) = parse_assert(f);
                let i = self.facts.position(kind, id)?;
                (self.facts.facts[i].available == Some(available)).then_some(i)
            })
            .collect();
        let relied = facts.iter().map(|&i| &self.facts.facts[i]).collect();
        if self.remember
            && by_choices
            && let Ok(mut memo) = self.relied.lock()
        {
            if memo.len() == RELIED_KEPT {
                memo.pop_front();
            }
            memo.push_back(Relied {
                values: values.clone(),
                facts,
            });
        }
        Ok(relied)
    }
}

/// How many answers of [`super::Pack::relied_facts`] are kept: as many as a template's
/// renderings (`memo.rs`), for a batch that goes through a few combinations of choices.
const RELIED_KEPT: usize = 16;

/// Whether every test of the condition reads only the choices (a numbered path) or the
/// platform's facts: then so does its answer in [`super::Pack::relied_facts`], which may
/// be kept with the choices.
pub(super) fn follows_from_choices(condition: &Condition) -> bool {
    (condition.tests.iter()).all(|t| t.is_numbered() || platform_path(&t.path).is_some())
}

/// The facts the documents of some choices on a platform rely on, by index of
/// [`Facts::facts`]: an answer of [`super::Pack::relied_facts`].
#[derive(Debug)]
pub(crate) struct Relied {
    values: Values,
    facts: Vec<usize>,
}
