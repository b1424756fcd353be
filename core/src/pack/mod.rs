//! Clause packs: loading, validating and describing them.
//!
//! A pack is a set of files (path → text). The engine never reads the disk: the built-in
//! pack is embedded at compile time, the CLI reads a folder, the browser passes files.
//! Loading validates everything and reports every problem with file, line and column;
//! a pack that loaded can assemble any valid options without a pack error.

mod condition;
mod coverage;
mod load;
pub mod nesting;
mod reliance;
mod terms;
mod validate;

pub use condition::{Condition, Test};

use crate::diagnostic::Diagnostics;
use crate::facts::Facts;
use crate::options::PlatformKind;
use crate::template::Template;
use serde_json::Value;
use std::sync::OnceLock;

/// The reserved topic whose clause the engine generates from `terms.toml`.
pub const DEFINITIONS_TOPIC: &str = "definitions";

/// A loaded, validated clause pack.
#[derive(Debug)]
pub struct Pack {
    pub name: String,
    pub version: String,
    pub documents: Vec<DocumentSpec>,
    pub clauses: Vec<ClauseSpec>,
    pub terms: Vec<TermSpec>,
    /// Heading and opening words of the definitions clause.
    pub definitions_title: String,
    pub definitions_intro: String,
    pub facts: Facts,
    /// For each platform kind, the template values `platform_facts` and
    /// `platform_settings`, computed once at load.
    pub(crate) platform_context: Vec<(PlatformKind, Value, Value)>,
    pub(crate) term_index: terms::TermIndex,
    /// The parsed templates: each document's title by index of [`Pack::documents`], each
    /// clause's title and body by index of [`Pack::clauses`], each term's definition by
    /// index of [`Pack::terms`].
    pub(crate) document_titles: Vec<Template>,
    pub(crate) clause_titles: Vec<Template>,
    pub(crate) clause_bodies: Vec<Template>,
    pub(crate) term_definitions: Vec<Template>,
}

/// One document of the pack and the order of its topics.
#[derive(Debug, Clone)]
pub struct DocumentSpec {
    pub id: String,
    /// The title template.
    pub title: String,
    /// Whether clauses are numbered unless they say otherwise.
    pub numbered: bool,
    /// The word a cross-reference uses: "clause" (the default) or, say, "section".
    pub reference: String,
    /// When the document exists at all.
    pub when: Condition,
    pub topics: Vec<TopicSpec>,
    /// Whether a template of the document reads `platform_settings`: only then does the
    /// context carry the chosen platform's settings, which are costly to copy.
    pub(crate) reads_settings: bool,
}

/// A topic of a document: exactly one of its variants is selected when its condition holds.
#[derive(Debug, Clone)]
pub struct TopicSpec {
    pub id: String,
    pub when: Condition,
    /// Indices into [`Pack::clauses`] of the topic's variants.
    pub variants: Vec<usize>,
}

/// One clause file: a variant of a topic.
#[derive(Debug, Clone)]
pub struct ClauseSpec {
    pub id: String,
    pub document: String,
    pub topic: String,
    /// The title template.
    pub title: String,
    /// The body template.
    pub body: String,
    pub when: Condition,
    pub rationale: String,
    pub sources: Vec<String>,
    /// `None`: the document's setting.
    pub numbered: Option<bool>,
    /// The platform features the whole clause states (`asserts` in its front matter).
    pub asserts: Vec<String>,
    /// Passages of the body that state platform features.
    pub passages: Vec<Passage>,
    /// The file it came from, relative to the pack.
    pub file: String,
    /// Indices into [`Pack::terms`] the clause's template text mentions.
    pub(crate) direct_terms: Vec<usize>,
    /// Those, and the terms their definitions mention in turn.
    pub(crate) candidate_terms: Vec<usize>,
    /// The direct terms that text outside any block of the title or body uses: text that
    /// is always rendered, so these terms are used whatever the options.
    pub(crate) sure_terms: Vec<usize>,
}

/// A passage of a clause body that states platform features: its text appears verbatim
/// in the body, and where it appears gives the `{{#if}}` tests around it.
#[derive(Debug, Clone)]
pub struct Passage {
    pub asserts: Vec<String>,
    pub text: String,
    /// The tests around each place the passage appears (filled in at load).
    pub(crate) guards: Vec<Condition>,
}

/// A defined term.
#[derive(Debug, Clone)]
pub struct TermSpec {
    pub term: String,
    pub plural: Option<String>,
    /// The definition template.
    pub definition: String,
    /// Indices of the other terms its definition mentions.
    pub(crate) uses: Vec<usize>,
    /// Whether the definition uses all of those whatever the options: they are in text
    /// outside any block, so its rendering need not be searched for terms.
    pub(crate) uses_known: bool,
}

/// The built-in pack's files, embedded at compile time (see build.rs).
mod builtin_files {
    include!(concat!(env!("OUT_DIR"), "/builtin_pack.rs"));
}

impl Pack {
    /// The built-in pack (`clauses/`), loaded once.
    pub fn builtin() -> Result<&'static Pack, Diagnostics> {
        static BUILTIN: OnceLock<Result<Pack, Diagnostics>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Pack::from_files(builtin_files::FILES.iter().copied()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The built-in pack's files, for tools that show or copy them.
    pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
        builtin_files::FILES
    }

    /// Loads and validates a pack from (path, text) pairs. Paths are relative to the
    /// pack's folder and use `/`: `pack.toml`, `agreement/recording.md`.
    pub fn from_files<P, T>(files: impl IntoIterator<Item = (P, T)>) -> Result<Pack, Diagnostics>
    where
        P: AsRef<str>,
        T: AsRef<str>,
    {
        load::load(files)
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&DocumentSpec> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The clause with this id.
    pub fn clause(&self, id: &str) -> Option<&ClauseSpec> {
        self.clauses.iter().find(|c| c.id == id)
    }

    /// Adds the chosen platform's `platform_facts`, and its `platform_settings` when
    /// `settings` (a document to be made reads them), to a template context.
    pub(crate) fn insert_platform(&self, root: &mut Value, kind: PlatformKind, settings: bool) {
        let Value::Object(map) = root else { return };
        let cached = self.platform_context.iter().find(|(k, _, _)| *k == kind);
        let facts = cached.map_or_else(|| self.facts.context_facts(kind), |(_, f, _)| f.clone());
        map.insert("platform_facts".into(), facts);
        if settings {
            let settings =
                cached.map_or_else(|| self.facts.context_settings(kind), |(_, _, s)| s.clone());
            map.insert("platform_settings".into(), settings);
        }
    }
}
