//! The shapes JavaScript receives, as serialisable views of the engine's own types.
//!
//! Plain Rust with no wasm-bindgen in it, so that the native helper
//! (`cargo run -p caucus-wasm --example native`) writes exactly the same JSON from the
//! native engine, and the Node tests can compare the two byte for byte.

use caucus_core::pack::{Condition, Pack};
use caucus_core::{Assembly, Diagnostic, Document};
use serde::Serialize;
use serde_json::Value;

/// What `generate` returns.
#[derive(Debug, Serialize)]
pub struct Generated<'a> {
    pub documents: Vec<Rendered<'a>>,
    /// Warnings and notes (errors are thrown instead).
    pub diagnostics: &'a [Diagnostic],
}

/// One document in every text format.
#[derive(Debug, Serialize)]
pub struct Rendered<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub markdown: String,
    /// The HTML fragment (`<article class="caucus-document">`), escaped by construction.
    pub html: String,
    pub text: String,
}

impl<'a> Generated<'a> {
    pub fn new(assembly: &'a Assembly) -> Self {
        Generated {
            documents: assembly.documents.iter().map(Rendered::new).collect(),
            diagnostics: &assembly.diagnostics,
        }
    }
}

impl<'a> Rendered<'a> {
    pub fn new(document: &'a Document) -> Self {
        Rendered {
            kind: &document.kind,
            title: &document.title,
            markdown: document.to_markdown(),
            html: document.to_html(),
            text: document.to_text(),
        }
    }
}

/// What `clauses` returns: the pack's documents in order and every clause file.
#[derive(Debug, Serialize)]
pub struct PackInfo<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub documents: Vec<DocumentInfo<'a>>,
    pub clauses: Vec<ClauseInfo<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DocumentInfo<'a> {
    pub id: &'a str,
    /// The title template.
    pub title: &'a str,
    pub numbered: bool,
    pub when: ConditionInfo<'a>,
    pub topics: Vec<TopicInfo<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TopicInfo<'a> {
    pub id: &'a str,
    pub when: ConditionInfo<'a>,
    /// The ids of the clauses that are variants of this topic.
    pub clauses: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ClauseInfo<'a> {
    pub id: &'a str,
    pub document: &'a str,
    pub topic: &'a str,
    /// The title template.
    pub title: &'a str,
    pub when: ConditionInfo<'a>,
    pub rationale: &'a str,
    pub sources: &'a [String],
    /// Whether the clause takes a number (its own setting, or its document's).
    pub numbered: bool,
    /// The file it came from, relative to the pack.
    pub file: &'a str,
}

/// A `when` condition, readable (`recording.policy = "prohibited"`, or `always`) and as
/// data (option path → the values that satisfy it).
#[derive(Debug, Serialize)]
pub struct ConditionInfo<'a> {
    pub text: String,
    pub tests: Vec<TestInfo<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TestInfo<'a> {
    pub path: &'a str,
    pub allowed: &'a [Value],
}

impl<'a> PackInfo<'a> {
    pub fn new(pack: &'a Pack) -> Self {
        let clause_id = |index: &usize| pack.clauses.get(*index).map(|c| c.id.as_str());
        PackInfo {
            name: &pack.name,
            version: &pack.version,
            documents: pack
                .documents
                .iter()
                .map(|d| DocumentInfo {
                    id: &d.id,
                    title: &d.title,
                    numbered: d.numbered,
                    when: ConditionInfo::new(&d.when),
                    topics: d
                        .topics
                        .iter()
                        .map(|t| TopicInfo {
                            id: &t.id,
                            when: ConditionInfo::new(&t.when),
                            clauses: t.variants.iter().filter_map(clause_id).collect(),
                        })
                        .collect(),
                })
                .collect(),
            clauses: pack
                .clauses
                .iter()
                .map(|c| ClauseInfo {
                    id: &c.id,
                    document: &c.document,
                    topic: &c.topic,
                    title: &c.title,
                    when: ConditionInfo::new(&c.when),
                    rationale: &c.rationale,
                    sources: &c.sources,
                    numbered: c
                        .numbered
                        .unwrap_or_else(|| pack.document(&c.document).is_none_or(|d| d.numbered)),
                    file: &c.file,
                })
                .collect(),
        }
    }
}

impl<'a> ConditionInfo<'a> {
    fn new(condition: &'a Condition) -> Self {
        ConditionInfo {
            text: condition.to_string(),
            tests: condition
                .tests
                .iter()
                .map(|t| TestInfo {
                    path: &t.path,
                    allowed: &t.allowed,
                })
                .collect(),
        }
    }
}
