//! Each clause's compiled templates, and what assembly reads from them.
//!
//! A pack read from files is validated whole when it loads: every template compiled and
//! walked, every `ref` covered, every platform assertion proved. That is most of the
//! cost of loading (handlebars' compile alone was 57 % of the 163 M instructions of a
//! full load of the built-in pack, the reliance proof 17 %), and a pack read from files
//! must pay it: its author needs every problem at once, with its place.
//!
//! The built-in pack is different: its files are embedded when the engine is built, so
//! the result of validating them is fixed then, and the tests validate them whole
//! (`the_built_in_pack_is_valid_and_its_shortcut_agrees`). At run time it is read without
//! the proofs, and each clause is compiled (and walked, as validation does) the first time
//! a document needs it (the default agreement renders 26 of the 96 clauses); a batch
//! compiles each clause once, shared by every case.

use super::condition::Condition;
use super::guards::Guards;
use super::terms::TermIndex;
use super::{ClauseSpec, Pack, TermSpec, reliance, validate};
use crate::diagnostic::Diagnostics;
use crate::template::Template;
use crate::template::memo::Memo;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One clause's compiled title and body.
#[derive(Debug)]
pub(crate) struct ClauseTemplates {
    pub title: Template,
    pub body: Template,
    /// Their recent renderings (`template/memo.rs`).
    pub title_memo: Memo,
    /// Whether the title has no tags: every term it uses is then among `sure_terms`.
    pub title_is_text: bool,
    pub body_memo: Memo,
    /// Indices into [`Pack::terms`] the clause's template text mentions.
    pub direct_terms: Vec<usize>,
    /// Those, and the terms their definitions mention in turn: the terms the clause may
    /// bring into the definitions.
    pub candidate_terms: Vec<usize>,
    /// The direct terms that text outside any block of the title or body uses: text
    /// that is always rendered, so these terms are used whatever the options.
    pub sure_terms: Vec<usize>,
    /// For each passage of the clause (by index of `ClauseSpec::passages`), the tests
    /// around each place where its text appears: when it is rendered.
    pub guards: Guards,
}

/// What compiling a clause reads besides the clause: the value every template path is
/// checked against, and the choice options (the guards keep only tests of those).
#[derive(Debug)]
pub(crate) struct Context {
    shape: Value,
    choices: BTreeMap<String, Vec<Value>>,
}

impl Context {
    pub(super) fn new(shape: Value, choices: BTreeMap<String, Vec<Value>>) -> Context {
        Context { shape, choices }
    }
}

impl Pack {
    /// Compiles clause `i` now if it is not compiled yet (a pack read from files has them
    /// all): for a drafting tool to call in idle time, so that the keystroke that first
    /// selects a clause does not pay for compiling it. A clause that fails is left to
    /// the assembly that needs it, which reports the problem; an index past the last
    /// clause does nothing.
    pub fn prepare_clause(&self, i: usize) {
        if i < self.clauses.len() {
            let _ = self.clause_templates(i);
        }
    }

    /// Clause `i`'s compiled templates, compiling them now if this is their first use.
    pub(crate) fn clause_templates(&self, i: usize) -> Result<&ClauseTemplates, Diagnostics> {
        if let Some(compiled) = self.clause_templates[i].get() {
            return Ok(compiled);
        }
        let compiled = self.compile_clause(i)?;
        // Another thread may have compiled it meanwhile: both results are the same.
        Ok(self.clause_templates[i].get_or_init(|| compiled))
    }

    /// Compiles and walks clause `i` as validation does. The problems it could find were
    /// found by the tests; should one appear, it is an error of this assembly, never a
    /// panic or a wrong document.
    fn compile_clause(&self, i: usize) -> Result<ClauseTemplates, Diagnostics> {
        let context = self.compile_context.get_or_init(|| Context {
            shape: validate::shape(&self.facts),
            choices: crate::schema::choices(),
        });
        let clause = &self.clauses[i];
        let targets = self
            .document(&clause.document)
            .map(|doc| validate::ref_targets(doc, &self.clauses))
            .unwrap_or_default();
        let mut diags = Diagnostics::default();
        let checked = validate::clause(clause, "", &context.shape, &targets, &mut diags);
        if diags.has_errors() {
            return Err(diags);
        }
        let mut passage_guards = reliance::passage_guards(clause, &checked.texts, &context.choices);
        for guard in passage_guards.iter_mut().flatten() {
            self.condition_paths.number(guard);
        }
        Ok(ClauseTemplates::new(
            clause,
            &self.terms,
            &self.term_index,
            checked.title,
            checked.body,
            passage_guards,
        ))
    }
}

impl ClauseTemplates {
    /// A clause's templates, with the terms it mentions found in its text.
    pub(super) fn new(
        clause: &ClauseSpec,
        terms: &[TermSpec],
        index: &TermIndex,
        title: Template,
        body: Template,
        passage_guards: Vec<Vec<Condition>>,
    ) -> ClauseTemplates {
        let mut direct = BTreeSet::new();
        direct.extend(index.find(&clause.body));
        direct.extend(index.find(&clause.title));
        let direct_terms: Vec<usize> = direct.iter().copied().collect();
        let mut candidates = direct;
        let mut queue = direct_terms.clone();
        while let Some(t) = queue.pop() {
            for &u in &terms[t].uses {
                if candidates.insert(u) {
                    queue.push(u);
                }
            }
        }
        let sure_terms = direct_terms
            .iter()
            .copied()
            .filter(|&t| {
                [&title, &body]
                    .iter()
                    .any(|template| index.always_uses(template, &terms[t]))
            })
            .collect();
        ClauseTemplates {
            title_memo: Memo::new(&title),
            title_is_text: crate::template::render::text_only(&title).is_some(),
            body_memo: Memo::new(&body),
            title,
            body,
            direct_terms,
            candidate_terms: candidates.into_iter().collect(),
            sure_terms,
            guards: Guards::new(passage_guards),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use handlebars::template::TemplateElement;

    /// The built-in pack passes the whole validation a pack read from files gets, and
    /// reading it the short way gives the same templates and the same facts about them.
    #[test]
    fn the_built_in_pack_is_valid_and_its_shortcut_agrees() {
        let files = || Pack::builtin_files().iter().copied();
        let full = match Pack::from_files(files()) {
            Ok(pack) => pack,
            Err(diags) => panic!("the built-in pack is invalid:\n{diags}"),
        };
        let short = super::super::load::load_tested(files()).expect("the built-in pack reads");
        assert_eq!(full.clauses.len(), short.clauses.len());
        assert_eq!(full.document_titles, short.document_titles);
        assert_eq!(full.term_definitions, short.term_definitions);
        assert!(full.whens_follow_from_choices && short.whens_follow_from_choices);
        let uses_known = |pack: &Pack| pack.terms.iter().map(|t| t.uses_known).collect::<Vec<_>>();
        assert_eq!(uses_known(&full), uses_known(&short));
        assert!(
            full.referenced.is_subset(&short.referenced),
            "every name a ref uses gets its number"
        );
        for i in 0..full.clauses.len() {
            let file = &full.clauses[i].file;
            assert!(
                short.clause_templates[i].get().is_none(),
                "{file}: compiled early"
            );
            let loaded = full.clause_templates[i].get().expect("compiled at load");
            let used = short.clause_templates(i).expect("compiles on first use");
            assert_eq!(loaded.title, used.title, "{file}");
            assert_eq!(loaded.body, used.body, "{file}");
            assert_eq!(loaded.direct_terms, used.direct_terms, "{file}");
            assert_eq!(loaded.candidate_terms, used.candidate_terms, "{file}");
            assert_eq!(loaded.sure_terms, used.sure_terms, "{file}");
            assert_eq!(loaded.guards.passages, used.guards.passages, "{file}");
            assert!(
                used.guards.follow_from_choices,
                "{file}: a guard reads more than the choices, so the facts relied on are worked out at every assembly"
            );
            // Every template with tags is remembered: its reads are known.
            for (template, memo) in [
                (&used.title, &used.title_memo),
                (&used.body, &used.body_memo),
            ] {
                let tagless = template
                    .elements
                    .iter()
                    .all(|e| matches!(e, TemplateElement::RawString(_)));
                assert!(
                    memo.remembers() || tagless,
                    "{file}: what it reads is not known"
                );
                assert_eq!(memo.is_text(), tagless, "{file}: tagless, made once");
            }
        }
        let with_passages = full
            .clauses
            .iter()
            .filter(|c| !c.passages.is_empty())
            .count();
        assert!(
            with_passages > 20,
            "only {with_passages} clauses have passages"
        );
    }

    /// The same documents, or the same errors, from both, for every scenario of the
    /// snapshot tests (core/tests/scenarios): what the shortcut must never change.
    #[test]
    fn both_ways_of_reading_the_built_in_pack_write_the_same_documents() {
        let files = || Pack::builtin_files().iter().copied();
        let full = Pack::from_files(files()).expect("valid");
        let short = super::super::load::load_tested(files()).expect("reads");
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
        let mut compared = 0;
        for entry in std::fs::read_dir(folder).expect("the scenarios folder") {
            let path = entry.expect("a folder entry").path();
            let text = std::fs::read_to_string(&path).expect("a scenario");
            let options = Options::from_toml_str(&text).expect("a valid scenario");
            assert_eq!(
                full.assemble(&options),
                short.assemble(&options),
                "{}",
                path.display()
            );
            compared += 1;
        }
        assert!(compared >= 40, "only {compared} scenarios");
    }

    /// A defect the tests would have caught, in a pack read the short way, is an error
    /// of the assembly that needs the clause, naming its file: never a panic.
    #[test]
    fn a_clause_that_fails_to_compile_on_first_use_is_an_error() {
        let mut files: Vec<(&str, String)> = Pack::builtin_files()
            .iter()
            .map(|&(path, text)| (path, text.to_owned()))
            .collect();
        let (_, recording) = files
            .iter_mut()
            .find(|(path, _)| *path == "agreement/recording-prohibited.md")
            .expect("the clause exists");
        recording.push_str("\n\n{{no_such_option}}\n");
        let short = super::super::load::load_tested(files.iter().map(|(p, t)| (*p, t.as_str())))
            .expect("reads without compiling the clauses");
        let options = Options::from_json_str(r#"{"recording": {"policy": "prohibited"}}"#)
            .expect("valid options");
        let error = short
            .assemble(&options)
            .expect_err("the clause cannot render");
        assert!(
            error
                .0
                .iter()
                .any(|d| d.to_string().contains("agreement/recording-prohibited.md")),
            "{error}"
        );
    }
}
