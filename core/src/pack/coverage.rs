//! Proving selection is total and unambiguous, by enumeration.
//!
//! For each topic, the choice options that its conditions (and its variants' and its
//! document's) mention have finitely many values. We try every combination: where the
//! topic is present exactly one variant must be selected. Every variant must be selected
//! by some combination, and every `ref` must name a clause that is present whenever the
//! referring clause is.

use super::condition::{Condition, Test, lookup};
use super::validate::RefUse;
use super::{ClauseSpec, DocumentSpec};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Enumerating more combinations than this means the conditions are too entangled to check.
const MAX_COMBINATIONS: usize = 1 << 16;

pub(super) fn check(
    documents: &[DocumentSpec],
    clauses: &[ClauseSpec],
    refs: &[RefUse],
    choices: &BTreeMap<String, Vec<Value>>,
    files: &BTreeMap<String, String>,
    diags: &mut Diagnostics,
) {
    let pack_text = files.get("pack.toml").map_or("", String::as_str);
    for doc in documents {
        for topic in &doc.topics {
            if topic.variants.is_empty() {
                continue;
            }
            let variants: Vec<&ClauseSpec> = topic.variants.iter().map(|&i| &clauses[i]).collect();
            let conditions: Vec<&Condition> = [&doc.when, &topic.when]
                .into_iter()
                .chain(variants.iter().map(|c| &c.when))
                .collect();
            let at = topic_location(pack_text, &doc.id, &topic.id);
            let Some(combos) = combinations(&conditions, choices, || at.clone(), diags) else {
                continue;
            };
            let mut selected_ever = vec![false; variants.len()];
            let mut reported = false;
            for combo in &combos {
                if !(doc.when.holds(combo) && topic.when.holds(combo)) {
                    continue;
                }
                let selected: Vec<usize> = (0..variants.len())
                    .filter(|&i| variants[i].when.holds(combo))
                    .collect();
                for &i in &selected {
                    selected_ever[i] = true;
                }
                if reported || selected.len() == 1 {
                    continue;
                }
                reported = true;
                let combo_text = describe(combo, &conditions);
                if selected.is_empty() {
                    diags.push(
                        Diagnostic::in_file(
                            "topic-uncovered",
                            at.clone(),
                            format!(
                                "no variant of topic `{}` is selected when {combo_text}",
                                topic.id
                            ),
                        )
                        .hint("add a variant for that case, or widen a variant's `when`"),
                    );
                } else {
                    let files: Vec<&str> = selected
                        .iter()
                        .map(|&i| variants[i].file.as_str())
                        .collect();
                    diags.push(
                        Diagnostic::in_file(
                            "topic-ambiguous",
                            at.clone(),
                            format!(
                                "{} variants of topic `{}` are selected when {combo_text}: {}",
                                selected.len(),
                                topic.id,
                                files.join(", ")
                            ),
                        )
                        .hint("make the variants' `when` conditions exclusive"),
                    );
                }
            }
            for (i, ever) in selected_ever.iter().enumerate() {
                if !ever {
                    diags.push(
                        Diagnostic::in_file(
                            "clause-never-selected",
                            clause_location(files, variants[i]),
                            format!(
                                "clause `{}` is never selected: its `when` cannot hold where topic `{}` is present",
                                variants[i].id, topic.id
                            ),
                        )
                        .hint("fix its `when`, or remove the file"),
                    );
                }
            }
        }
    }
    for r in refs {
        check_ref(r, documents, clauses, choices, diags);
    }
}

/// A `ref` must resolve whenever the referring clause is selected.
fn check_ref(
    r: &RefUse,
    documents: &[DocumentSpec],
    clauses: &[ClauseSpec],
    choices: &BTreeMap<String, Vec<Value>>,
    diags: &mut Diagnostics,
) {
    let from = &clauses[r.clause];
    let Some(doc) = documents.iter().find(|d| d.id == from.document) else {
        return;
    };
    let Some(from_topic) = doc.topics.iter().find(|t| t.id == from.topic) else {
        return;
    };
    // The target is a topic, or a clause (then its topic and its own condition).
    let (target_topic, target_clause) = match doc.topics.iter().find(|t| t.id == r.target) {
        Some(t) => (t, None),
        None => match clauses
            .iter()
            .find(|c| c.id == r.target && c.document == doc.id)
        {
            Some(c) => match doc.topics.iter().find(|t| t.id == c.topic) {
                Some(t) => (t, Some(c)),
                None => return,
            },
            None => return,
        },
    };
    let guards = Condition {
        tests: r
            .guards
            .tests
            .iter()
            .filter(|t| choices.contains_key(&t.path))
            .cloned()
            .collect::<Vec<Test>>(),
    };
    let empty = Condition::default();
    let conditions = [
        &doc.when,
        &from_topic.when,
        &from.when,
        &guards,
        &target_topic.when,
        target_clause.map_or(&empty, |c| &c.when),
    ];
    let Some(combos) = combinations(&conditions, choices, || r.location.clone(), diags) else {
        return;
    };
    for combo in &combos {
        let referring = conditions[..4].iter().all(|c| c.holds(combo));
        let present = conditions[4..].iter().all(|c| c.holds(combo));
        if referring && !present {
            diags.push(
                Diagnostic::in_file(
                    "ref-absent",
                    r.location.clone(),
                    format!(
                        "this refers to `{}`, which is not in the document when {}",
                        r.target,
                        describe(combo, &conditions)
                    ),
                )
                .hint("guard the reference with the same {{#if}} as the clause it names, or refer to a clause that is always present"),
            );
            return;
        }
    }
}

/// Every combination of the values of the paths the conditions mention, each as a JSON
/// value holding just those paths.
pub(super) fn combinations(
    conditions: &[&Condition],
    choices: &BTreeMap<String, Vec<Value>>,
    at: impl FnOnce() -> Location,
    diags: &mut Diagnostics,
) -> Option<Vec<Value>> {
    let mut paths: Vec<&str> = conditions.iter().flat_map(|c| c.paths()).collect();
    paths.sort_unstable();
    paths.dedup();
    let axes: Vec<(&str, &Vec<Value>)> = paths
        .iter()
        .filter_map(|p| choices.get(*p).map(|values| (*p, values)))
        .collect();
    let count = axes
        .iter()
        .try_fold(1usize, |n, (_, values)| n.checked_mul(values.len()))
        .filter(|&n| n <= MAX_COMBINATIONS);
    let Some(count) = count else {
        diags.push(
            Diagnostic::in_file(
                "conditions-too-many",
                at(),
                "the conditions here mention too many options to check every combination",
            )
            .hint("split the topic, or test fewer options in its variants"),
        );
        return None;
    };
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        let mut combo = Value::Object(Map::new());
        let mut rest = n;
        for (path, values) in &axes {
            set(&mut combo, path, values[rest % values.len()].clone());
            rest /= values.len();
        }
        out.push(combo);
    }
    Some(out)
}

pub(super) fn set(root: &mut Value, path: &str, value: Value) {
    let _ = crate::model::OptionPath::parse(path).map(|path| path.set(root, value));
}

/// `recording.policy = "prohibited" and breakout_rooms.enabled = false`
fn describe(combo: &Value, conditions: &[&Condition]) -> String {
    let mut paths: Vec<&str> = conditions.iter().flat_map(|c| c.paths()).collect();
    paths.sort_unstable();
    paths.dedup();
    let parts: Vec<String> = paths
        .iter()
        .filter_map(|p| lookup(combo, p).map(|v| format!("{p} = {v}")))
        .collect();
    if parts.is_empty() {
        "always".to_owned()
    } else {
        parts.join(" and ")
    }
}

fn topic_location(pack_text: &str, doc: &str, topic: &str) -> Location {
    let doc_at = pack_text.find(&format!("\"{doc}\"")).unwrap_or(0);
    let offset = pack_text[doc_at..]
        .find(&format!("\"{topic}\""))
        .map_or(doc_at, |i| doc_at + i);
    let (line, column) = crate::input::line_column(pack_text, offset);
    Location {
        file: "pack.toml".into(),
        line,
        column,
    }
}

fn clause_location(files: &BTreeMap<String, String>, clause: &ClauseSpec) -> Location {
    let text = files.get(&clause.file).map_or("", String::as_str);
    let offset = text.find("\nwhen").map_or(0, |i| i + 1);
    let (line, column) = crate::input::line_column(text, offset);
    Location {
        file: clause.file.clone(),
        line,
        column,
    }
}
