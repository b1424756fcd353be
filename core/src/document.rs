//! The assembled, structured document: what every output format is rendered from.

use crate::options::Locale;
use serde::Serialize;

/// One assembled document (the agreement, the participant guide, the invitation messages
/// or the consent statement).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The document's id in the pack: `agreement`, `guide`, `invitation`, `consent`.
    pub kind: String,
    /// The title, as plain text (not Markdown).
    pub title: String,
    /// Spelling, date style and paper size follow the locale.
    pub locale: Locale,
    /// The clauses in order.
    pub clauses: Vec<Clause>,
    /// The defined terms the clauses use, alphabetical; also rendered as the body of the
    /// definitions clause, if the document has one.
    pub definitions: Vec<Definition>,
}

/// One clause of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clause {
    /// The clause file's id (`recording-prohibited`), or `definitions`.
    pub id: String,
    /// The topic it is a variant of (`recording`).
    pub topic: String,
    /// Its number in this document, from 1; `None` for unnumbered clauses.
    pub number: Option<u32>,
    /// The heading, as plain text (not Markdown). May be empty for an unnumbered clause.
    pub title: String,
    /// The body: CommonMark, with every user-typed value escaped. Ordered lists in a
    /// body are sub-paragraphs, lettered (a), (b), (c) in every output format.
    pub body: String,
    /// Whether the body is the mediator's own wording ([`crate::Options::edits`]) rather
    /// than the pack's text. Left out of JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
}

/// A defined term and its definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Definition {
    /// The term as written in the clauses: "Breakout Room".
    pub term: String,
    /// What it means, as inline CommonMark: "a separate virtual room ...".
    pub definition: String,
}
