//! Assembly: options + pack → documents.
//!
//! Select one variant per present topic, number the clauses, render titles and bodies
//! (with `ref` resolved against this document's numbers), and build the definitions
//! clause from the terms the rendered clauses actually use.

use crate::checks;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::document::{Clause, Definition, Document};
use crate::edits;
use crate::options::Options;
use crate::pack::{DEFINITIONS_TOPIC, DocumentSpec, Pack, Values};
use crate::template::escape::{escape_markdown, unescape_markdown};
use crate::template::memo::{Memo, Rendering};
use crate::template::{Data, Template};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

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

/// A document's entries rendered: the clauses in order, the position of the entry each
/// came from, and each body's rendering (none for the definitions clause and for a
/// clause in the mediator's own words).
struct Rendered {
    clauses: Vec<Clause>,
    from: Vec<usize>,
    /// Each clause's body and title as rendered (none for the definitions clause; no
    /// body for a clause in the mediator's own words).
    renderings: Vec<Option<ClauseRendering>>,
}

/// A clause's rendered body (none when the mediator reworded it) and title.
struct ClauseRendering {
    body: Option<Arc<Rendering>>,
    title: Arc<Rendering>,
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

    /// Assembles the documents of these ids that the options call for, with the same
    /// diagnostics as [`Pack::assemble`]: what a drafting tool needs on each keystroke
    /// (the document shown, and the main one), without the cost of the others (the
    /// invitations, written once per attendee, are the dearest).
    pub fn assemble_documents(
        &self,
        options: &Options,
        kinds: &[&str],
    ) -> Result<Assembly, Diagnostics> {
        self.assemble_where(options, |doc| kinds.contains(&doc.id.as_str()))
    }

    /// The ids of the documents these options call for, in the pack's order, without
    /// assembling them.
    pub fn documents_for(&self, options: &Options) -> Vec<&str> {
        let Ok(data) = self.data_for(options, false) else {
            return Vec::new();
        };
        let ids = self
            .documents
            .iter()
            .filter(|doc| doc.when.holds(data.root()))
            .map(|doc| doc.id.as_str())
            .collect();
        self.keep_data(data);
        ids
    }

    fn assemble_where(
        &self,
        options: &Options,
        wanted: impl Fn(&DocumentSpec) -> bool,
    ) -> Result<Assembly, Diagnostics> {
        let settings = self.documents.iter().any(|d| wanted(d) && d.reads_settings);
        let mut data = self
            .data_for(options, settings)
            .map_err(|e| internal(e.to_string()))?;
        let assembly = self.assemble_with(options, &mut data, wanted);
        self.keep_data(data);
        assembly
    }

    /// [`Pack::assemble_where`] with the data made.
    fn assemble_with(
        &self,
        options: &Options,
        data: &mut Data,
        wanted: impl Fn(&DocumentSpec) -> bool,
    ) -> Result<Assembly, Diagnostics> {
        let values = self.condition_paths.values_in(data);
        let relied = self.relied_facts(data.root(), &values, options.platform.kind)?;
        let mut diagnostics = checks::check_relying_on(options, &self.facts, relied);
        if !options.edits.is_empty() {
            let selected = self.selected_clauses(data.root(), &values)?;
            diagnostics.0.extend(edits::check(self, options, &selected));
        }
        diagnostics.0 = by_severity(std::mem::take(&mut diagnostics.0));
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let mut documents = Vec::new();
        for (index, doc) in self.documents.iter().enumerate() {
            if wanted(doc) && doc.when.holds_in(&values, data.root()) {
                documents.push(self.build_document(index, options, data, &values)?);
            }
        }
        Ok(Assembly {
            documents,
            diagnostics: diagnostics.0,
        })
    }

    /// The ids of the clauses the options (as JSON, with `derived`) select in every
    /// document they call for, and `definitions` where a document has that clause.
    fn selected_clauses(
        &self,
        root: &Value,
        values: &Values,
    ) -> Result<BTreeSet<&str>, Diagnostics> {
        let mut ids = BTreeSet::new();
        for doc in self
            .documents
            .iter()
            .filter(|d| d.when.holds_in(values, root))
        {
            for entry in self.select(doc, root, values)? {
                ids.insert(match entry {
                    Entry::Clause(i) => self.clauses[i].id.as_str(),
                    Entry::Definitions => DEFINITIONS_TOPIC,
                });
            }
        }
        Ok(ids)
    }

    /// The entries of a document, in order: the selected variant of each topic whose
    /// condition holds.
    fn select(
        &self,
        doc: &DocumentSpec,
        root: &Value,
        values: &Values,
    ) -> Result<Vec<Entry>, Diagnostics> {
        let mut entries = Vec::new();
        for topic in &doc.topics {
            if !topic.when.holds_in(values, root) {
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
                .filter(|&i| self.clauses[i].when.holds_in(values, root));
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
        Ok(entries)
    }

    fn build_document(
        &self,
        index: usize,
        options: &Options,
        data: &mut Data,
        values: &Values,
    ) -> Result<Document, Diagnostics> {
        let doc = &self.documents[index];
        let mut entries = self.select(doc, data.root(), values)?;
        let mut may_use_terms = false;
        for entry in &entries {
            if let Entry::Clause(i) = *entry {
                may_use_terms |= !self.clause_templates(i)?.candidate_terms.is_empty();
            }
        }
        if !may_use_terms {
            entries.retain(|e| !matches!(e, Entry::Definitions));
        }
        loop {
            data.set_document(&self.numbers(doc, &entries), &doc.reference);
            let Rendered {
                clauses,
                from,
                renderings,
            } = self.render_entries(doc, &entries, data, options)?;
            let used = self.used_terms(&entries, &clauses, &from, &renderings)?;
            let has_definitions = entries.iter().any(|e| matches!(e, Entry::Definitions));
            if has_definitions && !used.contains(&true) {
                // Rare: the candidate terms all sat in branches that did not render.
                entries.retain(|e| !matches!(e, Entry::Definitions));
                continue;
            }
            let definitions = self.definitions(&used, data)?;
            let clauses = self.fill_definitions(clauses, &definitions, options);
            let title = self.render(
                &self.document_titles[index],
                &self.document_title_memos[index],
                data,
                &doc.id,
            )?;
            let title = &title.text;
            return Ok(Document {
                kind: doc.id.clone(),
                title: unescape_markdown(title),
                locale: options.case.locale,
                clauses,
                definitions,
            });
        }
    }

    /// Renders each entry's title and body, numbered as [`numbers`] did, and gives for
    /// each clause the position of the entry it came from. A clause the mediator has
    /// reworded ([`Options::edits`]) gets their text. A clause written for each item of a
    /// list (`for_each`) is rendered once per item, with the item as `item`; consecutive
    /// such clauses over the same list go item by item (each recipient's two messages
    /// together).
    fn render_entries(
        &self,
        doc: &DocumentSpec,
        entries: &[Entry],
        data: &mut Data,
        options: &Options,
    ) -> Result<Rendered, Diagnostics> {
        let mut clauses = Vec::with_capacity(entries.len());
        let mut from = Vec::with_capacity(entries.len());
        let mut renderings = Vec::with_capacity(entries.len());
        let mut next = 1u32;
        let mut position = 0;
        while position < entries.len() {
            let i = match entries[position] {
                Entry::Clause(i) => i,
                Entry::Definitions => {
                    let number = doc.numbered.then(|| {
                        next += 1;
                        next - 1
                    });
                    clauses.push(Clause {
                        id: DEFINITIONS_TOPIC.into(),
                        topic: DEFINITIONS_TOPIC.into(),
                        number,
                        title: self.definitions_title.clone(),
                        body: String::new(),
                        edited: options.edits.contains_key(DEFINITIONS_TOPIC),
                    });
                    from.push(position);
                    renderings.push(None);
                    position += 1;
                    continue;
                }
            };
            let Some(list) = &self.clauses[i].for_each else {
                let number = self.clauses[i].numbered.unwrap_or(doc.numbered).then(|| {
                    next += 1;
                    next - 1
                });
                let (clause, rendering) = self.render_clause(i, number, data, options)?;
                clauses.push(clause);
                from.push(position);
                renderings.push(Some(rendering));
                position += 1;
                continue;
            };
            // The run of clauses written for each item of the same list (never numbered).
            let run_end = position
                + entries[position..]
                    .iter()
                    .take_while(|e| match e {
                        Entry::Clause(j) => self.clauses[*j].for_each.as_ref() == Some(list),
                        Entry::Definitions => false,
                    })
                    .count();
            let items = crate::model::lookup(data.root(), list)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for item in items {
                data.set_item(Some(item));
                for (at, entry) in entries.iter().enumerate().take(run_end).skip(position) {
                    if let Entry::Clause(j) = *entry {
                        let rendered = self.render_clause(j, None, data, options);
                        if rendered.is_err() {
                            data.set_item(None);
                        }
                        let (clause, rendering) = rendered?;
                        clauses.push(clause);
                        from.push(at);
                        renderings.push(Some(rendering));
                    }
                }
            }
            data.set_item(None);
            position = run_end;
        }
        Ok(Rendered {
            clauses,
            from,
            renderings,
        })
    }

    /// One clause: its title rendered, its body rendered or in the mediator's own words;
    /// and the renderings it was made from.
    fn render_clause(
        &self,
        i: usize,
        number: Option<u32>,
        data: &Data,
        options: &Options,
    ) -> Result<(Clause, ClauseRendering), Diagnostics> {
        let spec = &self.clauses[i];
        let templates = self.clause_templates(i)?;
        let edit = edits::text(options, &spec.id);
        let rendering = match edit {
            Some(_) => None,
            None => Some(self.render(&templates.body, &templates.body_memo, data, &spec.file)?),
        };
        let body = match (&rendering, edit) {
            (Some(rendering), _) => rendering.text.trim().to_owned(),
            (None, text) => text.unwrap_or_default().to_owned(),
        };
        let title = self.render(&templates.title, &templates.title_memo, data, &spec.file)?;
        let clause = Clause {
            id: spec.id.clone(),
            topic: spec.topic.clone(),
            number,
            title: unescape_markdown(&title.text),
            body,
            edited: edit.is_some(),
        };
        Ok((
            clause,
            ClauseRendering {
                body: rendering,
                title,
            },
        ))
    }

    /// The terms that the rendered clauses use, as a flag for each term of the pack.
    /// Only the terms a clause's template text mentions can appear in it, so each
    /// rendered clause is searched for just those; and those in text outside any block
    /// were found when the pack loaded. What a search of a body or a title found is kept
    /// with its rendering, which a later assembly may be given back. A clause in the
    /// mediator's own wording is searched for every term.
    fn used_terms(
        &self,
        entries: &[Entry],
        clauses: &[Clause],
        from: &[usize],
        renderings: &[Option<ClauseRendering>],
    ) -> Result<Vec<bool>, Diagnostics> {
        let mut used = vec![false; self.terms.len()];
        let mut mark = |terms: &[usize]| terms.iter().for_each(|&t| used[t] = true);
        for ((clause, &position), rendering) in clauses.iter().zip(from).zip(renderings) {
            let (Entry::Clause(i), Some(rendering)) = (entries[position], rendering) else {
                continue;
            };
            let Some(body) = &rendering.body else {
                mark(&self.term_index.find(&clause.body));
                mark(&self.term_index.find(&clause.title));
                continue;
            };
            let templates = self.clause_templates(i)?;
            let search = |text: &str| -> Vec<usize> {
                templates
                    .direct_terms
                    .iter()
                    .copied()
                    .filter(|&t| self.term_index.uses(text, t))
                    .collect()
            };
            mark(&templates.sure_terms);
            mark(body.terms.get_or_init(|| search(body.text.trim())));
            if !templates.title_is_text {
                let title = &rendering.title;
                mark(title.terms.get_or_init(|| search(&clause.title)));
            }
        }
        Ok(used)
    }

    /// Renders the definitions of the used terms, and of the terms those rendered
    /// definitions use in turn, in alphabetical order.
    fn definitions(&self, used: &[bool], data: &Data) -> Result<Vec<Definition>, Diagnostics> {
        let mut rendered: BTreeMap<usize, String> = BTreeMap::new();
        let mut queue: Vec<usize> = (0..used.len()).filter(|&t| used[t]).collect();
        while let Some(t) = queue.pop() {
            if rendered.contains_key(&t) {
                continue;
            }
            let rendering = self.render(
                &self.term_definitions[t],
                &self.term_definition_memos[t],
                data,
                "terms.toml",
            )?;
            let text = &rendering.text;
            let term = &self.terms[t];
            // Only the terms its template mentions can be used: those in text outside any
            // block for certain, the others if they were rendered (a search kept with the
            // rendering).
            let uses = match term.uses_known {
                true => &term.uses,
                false => rendering.terms.get_or_init(|| {
                    (term.uses.iter().copied())
                        .filter(|&u| self.term_index.uses(text, u))
                        .collect()
                }),
            };
            queue.extend(uses.iter().filter(|u| !rendered.contains_key(u)));
            rendered.insert(t, text.trim().to_owned());
        }
        // Terms are unique (the pack does not load otherwise): each definition goes in at
        // its term's place in alphabetical order (byte order, as a map of them would be).
        let mut definitions: Vec<Definition> = Vec::with_capacity(rendered.len());
        for (t, definition) in rendered {
            let term = &self.terms[t].term;
            let at = definitions.partition_point(|d| d.term < *term);
            definitions.insert(
                at,
                Definition {
                    term: term.clone(),
                    definition,
                },
            );
        }
        Ok(definitions)
    }

    /// Writes the definitions clause's body: the intro, then one line per term; or the
    /// mediator's own wording of it.
    fn fill_definitions(
        &self,
        mut clauses: Vec<Clause>,
        definitions: &[Definition],
        options: &Options,
    ) -> Vec<Clause> {
        for clause in &mut clauses {
            if clause.id == DEFINITIONS_TOPIC {
                if let Some(text) = edits::text(options, DEFINITIONS_TOPIC) {
                    clause.body = text.to_owned();
                    continue;
                }
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
}

impl Pack {
    /// Each numbered entry's number, under its topic and its clause id (and the
    /// definitions clause's under its topic): what `{{ref}}` looks up. Only the names
    /// some `ref` of the pack uses are given.
    fn numbers<'p>(&'p self, doc: &DocumentSpec, entries: &[Entry]) -> Vec<(&'p str, u32)> {
        let mut refs = Vec::new();
        let mut next = 1u32;
        for entry in entries {
            match *entry {
                Entry::Clause(i) if self.clauses[i].numbered.unwrap_or(doc.numbered) => {
                    let clause = &self.clauses[i];
                    let (topic, id) = self.referenced_clauses[i];
                    if topic {
                        refs.push((clause.topic.as_str(), next));
                    }
                    if id {
                        refs.push((clause.id.as_str(), next));
                    }
                }
                Entry::Definitions if doc.numbered => {
                    if self.referenced.contains(DEFINITIONS_TOPIC) {
                        refs.push((DEFINITIONS_TOPIC, next));
                    }
                }
                _ => continue,
            }
            next += 1;
        }
        refs
    }
}

impl Pack {
    /// Renders one template, or gives back its rendering under the same values
    /// ([`Memo`]); a failure names the file it came from.
    fn render(
        &self,
        template: &Template,
        memo: &Memo,
        data: &Data,
        file: &str,
    ) -> Result<Arc<Rendering>, Diagnostics> {
        let rendered = if self.remember {
            memo.render(template, data)
        } else {
            data.render(template).map(Rendering::fresh)
        };
        rendered.map_err(|e| internal(format!("{file}: {e}")))
    }
}

/// The diagnostics, errors first, then warnings, then notes, each in the order given
/// (a stable sort by severity, without compiling a sort for them).
fn by_severity(mut rest: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut sorted = Vec::with_capacity(rest.len());
    for severity in [Severity::Error, Severity::Warning, Severity::Note] {
        let (these, others): (Vec<Diagnostic>, Vec<Diagnostic>) =
            rest.into_iter().partition(|d| d.severity == severity);
        sorted.extend(these);
        rest = others;
    }
    sorted
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
