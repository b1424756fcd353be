//! The built-in pack's passage guards, prepared: when each passage of a clause is
//! rendered, without compiling the clause.
//!
//! Which platform facts the documents rely on depends on the guards of the passages of
//! every selected clause, in every document (`reliance.rs`), and finding a guard means
//! compiling the clause's templates with handlebars and walking them. The built-in pack
//! compiles a clause on first use (`compiled.rs`), so the first assembly compiled the 30
//! clauses with passages, 21 of them in documents other than the one asked for: in the
//! drafting app, 65 ms of the 223 ms its start-up spent in the engine before the first
//! preview (a CPU profile of one load). With the guards prepared, the app's first
//! assembly took 61 ms instead of 98 (medians of 15 page loads each, in Chromium here);
//! reading the file costs 0.09 ms of the pack's 3.4 ms natively.
//!
//! The built-in pack's clauses are fixed when the engine is built, and so are their
//! guards. `builtin_guards.json` holds them; the test
//! `the_prepared_guards_are_those_the_templates_give` compiles every clause and fails when
//! the file differs (`UPDATE_GUARDS=1 cargo test -p caucus-core --lib guards` rewrites it).
//! Each clause's entry carries a fingerprint of the text its guards were found in: a
//! clause edited since (in a build whose tests have not run yet) is compiled as before,
//! never given stale guards. A pack read from files is compiled whole when it loads and
//! prepares nothing.

use super::condition::{Condition, Paths, Test};
use super::reliance::follows_from_choices;
use super::{ClauseSpec, Pack};
use crate::diagnostic::Diagnostics;
use serde_json::Value;
use std::hash::Hasher;

/// The committed guards: clause id → `fingerprint` (of the text they were found in) and
/// `passages`: for each passage, the conditions of the places where its text is rendered,
/// each a list of tests `[path, [allowed values]]`.
const PREPARED: &str = include_str!("builtin_guards.json");

/// One clause's passage guards, by index of its passages, and whether every guard
/// follows from the choices and the platform (`reliance::follows_from_choices`).
#[derive(Debug)]
pub(crate) struct Guards {
    pub passages: Vec<Vec<Condition>>,
    pub follow_from_choices: bool,
}

impl Guards {
    pub(super) fn new(passages: Vec<Vec<Condition>>) -> Guards {
        Guards {
            follow_from_choices: passages.iter().flatten().all(follows_from_choices),
            passages,
        }
    }
}

/// The built-in pack's prepared guards, by index of `clauses`, numbered by `paths`: `None`
/// for a clause the file does not have, whose text has another fingerprint, or whose
/// passages it does not match in number, which is then compiled to find them. (The test
/// keeps the file whole.)
///
/// The file is read as a JSON value and walked with plain loops: deserializing its
/// nested lists into typed ones, or collecting them through iterators, added 2 to 4 KB of
/// code to the gzipped WebAssembly module.
pub(super) fn builtin(clauses: &[ClauseSpec], paths: &Paths) -> Vec<Option<Guards>> {
    let file: Value = serde_json::from_str(PREPARED).unwrap_or_default();
    let mut prepared = Vec::with_capacity(clauses.len());
    for clause in clauses {
        let passages = file
            .get(&clause.id)
            .filter(|entry| {
                entry.get("fingerprint").and_then(Value::as_str) == Some(&fingerprint(clause))
            })
            .and_then(|entry| read_passages(entry.get("passages")?, paths))
            .filter(|passages| passages.len() == clause.passages.len());
        prepared.push(passages.map(Guards::new));
    }
    prepared
}

/// FNV-1a (64 bits) of what a clause's guards are found in: its body and its passages'
/// texts. A fixed algorithm, as the file is committed: the standard library's hasher may
/// change from one Rust release to the next.
fn fingerprint(clause: &ClauseSpec) -> String {
    let mut hash = fnv::FnvHasher::default();
    hash.write(clause.body.as_bytes());
    for passage in &clause.passages {
        hash.write(&[0]);
        hash.write(passage.text.as_bytes());
    }
    format!("{:016x}", hash.finish())
}

/// A clause's passages in the file, `[[[[path, [allowed values]], ...], ...], ...]`
/// (passages → places → tests), each condition numbered by `paths`.
fn read_passages(passages: &Value, paths: &Paths) -> Option<Vec<Vec<Condition>>> {
    let mut read = Vec::new();
    for places in passages.as_array()? {
        let mut conditions = Vec::new();
        for tests in places.as_array()? {
            let mut condition = Condition { tests: Vec::new() };
            for test in tests.as_array()? {
                let [Value::String(path), Value::Array(allowed)] = test.as_array()?.as_slice()
                else {
                    return None;
                };
                condition
                    .tests
                    .push(Test::new(path.clone(), allowed.clone()));
            }
            paths.number(&mut condition);
            conditions.push(condition);
        }
        read.push(conditions);
    }
    Some(read)
}

impl Pack {
    /// Clause `i`'s passage guards: prepared (the built-in pack), else those of its
    /// compiled templates, compiling them now if this is their first use.
    pub(crate) fn passage_guards(&self, i: usize) -> Result<&Guards, Diagnostics> {
        match self.prepared_guards.get(i) {
            Some(Some(guards)) => Ok(guards),
            _ => Ok(&self.clause_templates(i)?.guards),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file as the compiled templates of `pack` give it: one line per passage.
    fn file_text(pack: &Pack) -> String {
        let mut clauses = Vec::new();
        for (i, clause) in pack.clauses.iter().enumerate() {
            if clause.passages.is_empty() {
                continue;
            }
            let compiled = pack
                .clause_templates(i)
                .expect("the built-in pack compiles");
            let passages: Vec<String> = (compiled.guards.passages.iter())
                .map(|places| {
                    let places: Vec<Vec<(&str, &[Value])>> = (places.iter())
                        .map(|c| {
                            (c.tests.iter())
                                .map(|t| (t.path.as_str(), &t.allowed[..]))
                                .collect()
                        })
                        .collect();
                    format!("      {}", serde_json::to_string(&places).expect("JSON"))
                })
                .collect();
            let id = serde_json::to_string(&clause.id).expect("JSON");
            clauses.push((id, fingerprint(clause), passages.join(",\n")));
        }
        clauses.sort();
        let body: Vec<String> = (clauses.iter())
            .map(|(id, fingerprint, passages)| {
                format!(
                    "  {id}: {{\n    \"fingerprint\": \"{fingerprint}\",\n    \"passages\": [\n{passages}\n    ]\n  }}"
                )
            })
            .collect();
        format!("{{\n{}\n}}\n", body.join(",\n"))
    }

    #[test]
    fn the_prepared_guards_are_those_the_templates_give() {
        let full = Pack::from_files(Pack::builtin_files().iter().copied())
            .expect("the built-in pack is valid");
        let expected = file_text(&full);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pack/builtin_guards.json");
        if std::env::var_os("UPDATE_GUARDS").is_some_and(|v| v == "1") {
            std::fs::write(path, &expected).expect("write builtin_guards.json");
        }
        assert!(
            PREPARED == expected,
            "core/src/pack/builtin_guards.json is not what the built-in pack's templates give. \
             Update it with\n\n    UPDATE_GUARDS=1 cargo test -p caucus-core --lib guards\n\n\
             and commit it."
        );

        // Read the short way, the pack has every clause's guards prepared, numbered as
        // compiling numbers them.
        let short = Pack::read_builtin().expect("the built-in pack reads");
        let mut with_passages = 0;
        for (i, clause) in short.clauses.iter().enumerate() {
            if clause.passages.is_empty() {
                continue;
            }
            with_passages += 1;
            let prepared = (short.prepared_guards[i].as_ref())
                .unwrap_or_else(|| panic!("{}: not prepared", clause.id));
            let compiled = &full.clause_templates(i).expect("compiles").guards;
            assert_eq!(prepared.passages, compiled.passages, "{}", clause.id);
            assert_eq!(
                prepared.follow_from_choices, compiled.follow_from_choices,
                "{}",
                clause.id
            );
        }
        assert!(
            with_passages > 20,
            "only {with_passages} clauses with passages"
        );
    }

    /// Assembling one document compiles only the clauses it renders: the guards of the
    /// other documents' passages, which the facts relied on need, are prepared.
    #[test]
    fn the_first_agreement_compiles_no_clause_of_another_document() {
        let pack = Pack::read_builtin().expect("the built-in pack reads");
        let assembly = pack
            .assemble_document(&crate::Options::default(), "agreement")
            .expect("assembles");
        assert!(!assembly.documents.is_empty());
        let mut compiled = 0;
        for (i, clause) in pack.clauses.iter().enumerate() {
            if pack.clause_templates[i].get().is_some() {
                compiled += 1;
                assert_eq!(clause.document, "agreement", "{} was compiled", clause.id);
            }
        }
        assert!(compiled > 10, "only {compiled} clauses compiled");
    }

    /// A clause edited after the file was written is compiled to find its guards, never
    /// given the file's: as a build whose tests have not yet run would have it.
    #[test]
    fn an_edited_clause_is_not_given_the_guards_of_its_old_text() {
        let edited = "guide/guide-breakout-rooms.md";
        let files: Vec<(&str, String)> = (Pack::builtin_files().iter())
            .map(|&(path, text)| {
                let text = if path == edited {
                    text.replacen("{{#if", "{{#if true}}{{/if}}{{#if", 1)
                } else {
                    text.to_owned()
                };
                (path, text)
            })
            .collect();
        let pack = super::super::load::load_tested(files.iter().map(|(p, t)| (*p, t.as_str())))
            .expect("reads");
        let builtin = Pack::read_builtin().expect("reads");
        let mut seen = false;
        for (i, clause) in pack.clauses.iter().enumerate() {
            if clause.passages.is_empty() {
                continue;
            }
            let prepared = pack.prepared_guards[i].is_some();
            if clause.file == edited {
                seen = true;
                assert!(!prepared, "{edited}: given the guards of its old text");
                assert!(
                    builtin.prepared_guards[i].is_some(),
                    "{edited}: never prepared"
                );
            } else {
                assert!(prepared, "{}: not prepared", clause.file);
            }
        }
        assert!(seen, "{edited} has no passages");
    }
}
