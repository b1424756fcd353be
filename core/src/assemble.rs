//! Assembly: options + pack → documents.
//!
//! Select one variant per present topic, number the clauses, render titles and bodies
//! (with `ref` resolved against this document's numbers), and build the definitions
//! clause from the terms the rendered clauses actually use.

use crate::checks;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::document::{Clause, Definition, Document};
use crate::options::Options;
use crate::pack::{DEFINITIONS_TOPIC, DocumentSpec, Pack, document_title};
use crate::template::derived::Derived;
use crate::template::escape::{escape_markdown, unescape_markdown};
use crate::template::helpers::{REF_WORD_KEY, REFS_KEY};
use handlebars::Context;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The documents for one set of options, with the warnings and notes about them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assembly {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Assembly {
    /// The document of this kind (`agreement`, `guide`, `invitation`, `consent`), if present.
    pub fn document(&self, kind: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.kind == kind)
    }
}

/// One selected entry of a document: a clause file, or the generated definitions.
#[derive(Clone, Copy)]
enum Entry {
    Clause(usize),
    Definitions,
}

impl Pack {
    /// Assembles every document the options call for. Errors in the options block
    /// assembly and come back together; warnings and notes travel with the result.
    pub fn assemble(&self, options: &Options) -> Result<Assembly, Diagnostics> {
        self.assemble_where(options, |_| true)
    }

    /// Assembles one document (`agreement`, `guide`, ...) with the same diagnostics as
    /// [`Pack::assemble`]: what a live preview needs, without the cost of the others. The
    /// result holds no document when the options do not call for that one.
    pub fn assemble_document(
        &self,
        options: &Options,
        kind: &str,
    ) -> Result<Assembly, Diagnostics> {
        self.assemble_where(options, |doc| doc.id == kind)
    }

    fn assemble_where(
        &self,
        options: &Options,
        wanted: impl Fn(&DocumentSpec) -> bool,
    ) -> Result<Assembly, Diagnostics> {
        let mut diagnostics = checks::check(options, &self.facts);
        diagnostics.0.sort_by_key(|d| d.severity);
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let mut value = serde_json::to_value(options).map_err(|e| internal(e.to_string()))?;
        let derived = serde_json::to_value(Derived::new(options, &self.facts))
            .map_err(|e| internal(e.to_string()))?;
        if let Value::Object(map) = &mut value {
            map.insert("derived".into(), derived);
            map.insert(REFS_KEY.into(), Value::Object(Map::new()));
        }
        let mut context = Context::from(value);
        let mut documents = Vec::new();
        for doc in &self.documents {
            if wanted(doc) && doc.when.holds(context.data()) {
                documents.push(self.build_document(doc, options, &mut context)?);
            }
        }
        Ok(Assembly {
            documents,
            diagnostics: diagnostics.0,
        })
    }

    fn build_document(
        &self,
        doc: &DocumentSpec,
        options: &Options,
        context: &mut Context,
    ) -> Result<Document, Diagnostics> {
        let mut entries = Vec::new();
        for topic in &doc.topics {
            if !topic.when.holds(context.data()) {
                continue;
            }
            if topic.id == DEFINITIONS_TOPIC {
                entries.push(Entry::Definitions);
                continue;
            }
            let mut selected = topic
                .variants
                .iter()
                .copied()
                .filter(|&i| self.clauses[i].when.holds(context.data()));
            match (selected.next(), selected.next()) {
                (Some(i), None) => entries.push(Entry::Clause(i)),
                _ => {
                    return Err(internal(format!(
                        "topic `{}` of `{}` did not select exactly one variant",
                        topic.id, doc.id
                    )));
                }
            }
        }
        let candidates: BTreeSet<usize> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Clause(i) => Some(&self.clauses[*i].candidate_terms),
                Entry::Definitions => None,
            })
            .flatten()
            .copied()
            .collect();
        if candidates.is_empty() {
            entries.retain(|e| !matches!(e, Entry::Definitions));
        }
        loop {
            let clauses = self.render_entries(doc, &entries, context)?;
            let used = self.used_terms(&entries, &clauses);
            let has_definitions = entries.iter().any(|e| matches!(e, Entry::Definitions));
            if has_definitions && used.is_empty() {
                // Rare: the candidate terms all sat in branches that did not render.
                entries.retain(|e| !matches!(e, Entry::Definitions));
                continue;
            }
            let definitions = self.definitions(&used, context)?;
            let clauses = self.fill_definitions(clauses, &definitions);
            let title = self.render(&document_title(&doc.id), context, &doc.id)?;
            return Ok(Document {
                kind: doc.id.clone(),
                title: unescape_markdown(&title),
                locale: options.case.locale,
                clauses,
                definitions,
            });
        }
    }

    /// Numbers the entries, then renders each clause's title and body.
    fn render_entries(
        &self,
        doc: &DocumentSpec,
        entries: &[Entry],
        context: &mut Context,
    ) -> Result<Vec<Clause>, Diagnostics> {
        let mut refs = Map::new();
        let mut numbers = Vec::with_capacity(entries.len());
        let mut next = 1u32;
        for entry in entries {
            let numbered = match entry {
                Entry::Clause(i) => self.clauses[*i].numbered.unwrap_or(doc.numbered),
                Entry::Definitions => doc.numbered,
            };
            let number = numbered.then(|| {
                next += 1;
                next - 1
            });
            if let Some(n) = number {
                match entry {
                    Entry::Clause(i) => {
                        let clause = &self.clauses[*i];
                        refs.insert(clause.topic.clone(), n.into());
                        refs.insert(clause.id.clone(), n.into());
                    }
                    Entry::Definitions => {
                        refs.insert(DEFINITIONS_TOPIC.into(), n.into());
                    }
                }
            }
            numbers.push(number);
        }
        if let Value::Object(map) = context.data_mut() {
            map.insert(REFS_KEY.into(), Value::Object(refs));
            map.insert(REF_WORD_KEY.into(), Value::String(doc.reference.clone()));
        }
        let mut clauses = Vec::with_capacity(entries.len());
        for (entry, number) in entries.iter().zip(numbers) {
            clauses.push(match *entry {
                Entry::Clause(i) => {
                    let spec = &self.clauses[i];
                    Clause {
                        id: spec.id.clone(),
                        topic: spec.topic.clone(),
                        number,
                        title: unescape_markdown(&self.render(
                            &self.title_names[i],
                            context,
                            &spec.file,
                        )?),
                        body: self
                            .render(&self.body_names[i], context, &spec.file)?
                            .trim()
                            .to_owned(),
                    }
                }
                Entry::Definitions => Clause {
                    id: DEFINITIONS_TOPIC.into(),
                    topic: DEFINITIONS_TOPIC.into(),
                    number,
                    title: self.definitions_title.clone(),
                    body: String::new(),
                },
            });
        }
        Ok(clauses)
    }

    /// The terms that the rendered clauses use. Only the terms a clause's template text
    /// mentions can appear in it (values typed by users never count as uses), so each
    /// rendered clause is searched for just those.
    fn used_terms(&self, entries: &[Entry], clauses: &[Clause]) -> BTreeSet<usize> {
        let mut used = BTreeSet::new();
        for (entry, clause) in entries.iter().zip(clauses) {
            let Entry::Clause(i) = *entry else { continue };
            for &t in &self.clauses[i].direct_terms {
                if !used.contains(&t) {
                    let term = &self.terms[t];
                    if self.term_index.uses(&clause.body, term)
                        || self.term_index.uses(&clause.title, term)
                    {
                        used.insert(t);
                    }
                }
            }
        }
        used
    }

    /// Renders the definitions of the used terms, and of the terms those rendered
    /// definitions use in turn, in alphabetical order.
    fn definitions(
        &self,
        used: &BTreeSet<usize>,
        context: &Context,
    ) -> Result<Vec<Definition>, Diagnostics> {
        let mut rendered: BTreeMap<usize, String> = BTreeMap::new();
        let mut queue: Vec<usize> = used.iter().copied().collect();
        while let Some(t) = queue.pop() {
            if rendered.contains_key(&t) {
                continue;
            }
            let name = &self.term_names[t];
            let text = self.render(name, context, "terms.toml")?;
            if self.statics.contains_key(name) {
                // Plain text: the terms it uses were found when the pack loaded.
                queue.extend(
                    self.terms[t]
                        .uses
                        .iter()
                        .filter(|u| !rendered.contains_key(u)),
                );
            } else {
                let mut more = BTreeSet::new();
                self.term_index.scan(&text, &mut more);
                queue.extend(more.into_iter().filter(|u| !rendered.contains_key(u)));
            }
            rendered.insert(t, text.trim().to_owned());
        }
        let mut out: Vec<Definition> = rendered
            .into_iter()
            .map(|(t, definition)| Definition {
                term: self.terms[t].term.clone(),
                definition,
            })
            .collect();
        out.sort_by(|a, b| a.term.cmp(&b.term));
        Ok(out)
    }

    /// Writes the definitions clause's body: the intro, then one line per term.
    fn fill_definitions(
        &self,
        mut clauses: Vec<Clause>,
        definitions: &[Definition],
    ) -> Vec<Clause> {
        for clause in &mut clauses {
            if clause.id == DEFINITIONS_TOPIC {
                let mut body = self.definitions_intro.trim().to_owned();
                body.push_str("\n\n");
                for d in definitions {
                    body.push_str("- **");
                    body.push_str(&escape_markdown(&d.term));
                    body.push_str("** means ");
                    body.push_str(&d.definition);
                    body.push('\n');
                }
                clause.body = body.trim_end().to_owned();
            }
        }
        clauses
    }

    fn render(&self, name: &str, context: &Context, file: &str) -> Result<String, Diagnostics> {
        if let Some(text) = self.statics.get(name) {
            return Ok(text.clone());
        }
        self.registry
            .render_with_context(name, context)
            .map_err(|e| internal(format!("{file}: {e}")))
    }
}

/// A failure that validation should have made impossible: reported, never a panic.
fn internal(message: String) -> Diagnostics {
    Diagnostic {
        code: "internal",
        severity: Severity::Error,
        path: String::new(),
        message: format!("the clause pack could not be assembled: {message}"),
        hint: "this is a defect in the clause pack or the engine; please report it with the options used".into(),
        citation: None,
        location: None,
    }
    .into()
}
