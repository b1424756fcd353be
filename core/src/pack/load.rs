//! Reading a pack's files into a [`Pack`], collecting every problem with its place.

use super::compiled::{ClauseTemplates, Context};
use super::condition::{Condition, Test};
use super::terms::TermIndex;
use super::{ClauseSpec, DEFINITIONS_TOPIC, DocumentSpec, Pack, Passage, TermSpec, TopicSpec};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::facts::Facts;
use crate::input::{line_column, toml_dates_as_text};
use crate::template::memo::Memo;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackToml {
    name: String,
    version: String,
    documents: Vec<DocumentToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentToml {
    id: String,
    title: String,
    #[serde(default = "yes")]
    numbered: bool,
    #[serde(default = "clause_word")]
    reference: String,
    #[serde(default)]
    when: BTreeMap<String, Value>,
    topics: Vec<TopicToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicToml {
    id: String,
    #[serde(default)]
    when: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermsToml {
    definitions: DefinitionsToml,
    #[serde(default)]
    terms: Vec<TermToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DefinitionsToml {
    title: String,
    intro: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermToml {
    term: String,
    plural: Option<String>,
    definition: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    title: String,
    topic: String,
    #[serde(default)]
    when: BTreeMap<String, Value>,
    rationale: String,
    sources: Vec<String>,
    numbered: Option<bool>,
    for_each: Option<String>,
    #[serde(default)]
    message: bool,
    #[serde(default)]
    asserts: Vec<String>,
    #[serde(default)]
    passages: Vec<PassageToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PassageToml {
    #[serde(deserialize_with = "one_or_many")]
    asserts: Vec<String>,
    text: String,
}

/// `asserts = "meeting_lock"` or `asserts = ["meeting_lock", "waiting_room"]`, read by a
/// visitor that takes either. An untagged enum did the same, but told an author who wrote
/// `asserts = 5` only that the "data did not match any variant of untagged enum"; this
/// says "invalid type: integer `5`, expected a feature's name, or a list of them".
fn one_or_many<'de, D: serde::Deserializer<'de>>(input: D) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;
    impl<'de> serde::de::Visitor<'de> for OneOrMany {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a feature's name, or a list of them")
        }

        fn visit_str<E: serde::de::Error>(self, one: &str) -> Result<Vec<String>, E> {
            Ok(vec![one.to_owned()])
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut list: A,
        ) -> Result<Vec<String>, A::Error> {
            let mut many = Vec::new();
            while let Some(one) = list.next_element()? {
                many.push(one);
            }
            Ok(many)
        }
    }
    input.deserialize_any(OneOrMany)
}

fn yes() -> bool {
    true
}

fn clause_word() -> String {
    "clause".to_owned()
}

/// A file of the pack, for locating problems in it.
pub(super) struct SourceFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl SourceFile<'_> {
    /// The location of a byte offset.
    pub fn at(&self, offset: usize) -> Location {
        let (line, column) = line_column(self.text, offset);
        Location {
            file: self.name.to_owned(),
            line,
            column,
        }
    }

    /// The location of the first occurrence of `needle` at or after `from`, else of `from`.
    pub fn find(&self, needle: &str, from: usize) -> Location {
        let from = from.min(self.text.len());
        let offset = self.text[from..].find(needle).map_or(from, |i| from + i);
        self.at(offset)
    }

    /// The location of a string value at or after `from`: where it is written in quotes
    /// (literal, or basic with `\` and `"` escaped), else where its text first appears,
    /// else `from`.
    pub fn value(&self, value: &str, from: usize) -> Location {
        let from = from.min(self.text.len());
        let rest = &self.text[from..];
        let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
        let offset = [
            format!("\"{escaped}\""),
            format!("'{value}'"),
            value.to_owned(),
        ]
        .iter()
        .find_map(|needle| rest.find(needle.as_str()))
        .map_or(from, |i| from + i);
        self.at(offset)
    }

    /// The location of a `key =` line at or after `from`.
    pub fn key(&self, key: &str, from: usize) -> Location {
        let from = from.min(self.text.len());
        let mut offset = from;
        for line in self.text[from..].split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
                return self.at(offset + (line.len() - trimmed.len()));
            }
            offset += line.len();
        }
        self.at(from)
    }
}

fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &SourceFile<'_>,
    text: &str,
    first_line: u32,
    diags: &mut Diagnostics,
) -> Option<T> {
    match crate::input::read_toml::<T>(text) {
        Ok(value) => Some(value),
        Err(e) => {
            let (line, column) = e.span.map_or((1, 1), |s| line_column(text, s.start));
            diags.push(Diagnostic::in_file(
                "pack-toml",
                Location {
                    file: file.name.to_owned(),
                    line: line + first_line - 1,
                    column,
                },
                e.message.trim_end().to_owned(),
            ));
            None
        }
    }
}

/// Reads and validates a pack: every template compiled and checked, every `ref` covered,
/// every platform assertion proved (what a pack read from files needs).
pub(super) fn load<P, T>(files: impl IntoIterator<Item = (P, T)>) -> Result<Pack, Diagnostics>
where
    P: AsRef<str>,
    T: AsRef<str>,
{
    read(file_map(files), Checks::All)
}

/// Reads a pack whose validation the tests have done (the built-in pack, embedded when
/// the engine was built): its clauses are compiled on first use (see `compiled.rs`).
pub(super) fn load_tested<P, T>(
    files: impl IntoIterator<Item = (P, T)>,
) -> Result<Pack, Diagnostics>
where
    P: AsRef<str>,
    T: AsRef<str>,
{
    read(file_map(files), Checks::DoneByTests)
}

/// A pack's files by path, with `/` separators and `\n` line ends, inserted one by one
/// (collecting them would compile a sort for each kind of input).
fn file_map<P, T>(files: impl IntoIterator<Item = (P, T)>) -> BTreeMap<String, String>
where
    P: AsRef<str>,
    T: AsRef<str>,
{
    let mut map = BTreeMap::new();
    for (p, t) in files {
        let path = p.as_ref().replace('\\', "/");
        let path = path.trim_start_matches("./").to_owned();
        map.insert(path, t.as_ref().replace("\r\n", "\n"));
    }
    map
}

/// How much of a pack's validation [`read`] does.
#[derive(Clone, Copy)]
enum Checks {
    All,
    /// What reading the files needs; not the templates of clauses, the coverage or the
    /// reliance proof.
    DoneByTests,
}

fn read(files: BTreeMap<String, String>, checks: Checks) -> Result<Pack, Diagnostics> {
    let mut diags = Diagnostics::default();
    let choices = crate::schema::choices();
    let condition_paths = super::condition::Paths::new(&choices);

    let Some(pack_text) = files.get("pack.toml") else {
        return Err(Diagnostic::in_file(
            "pack-missing-file",
            Location {
                file: "pack.toml".into(),
                line: 1,
                column: 1,
            },
            "the pack has no pack.toml",
        )
        .hint("a pack folder needs pack.toml, listing its documents and topics")
        .into());
    };
    let pack_file = SourceFile {
        name: "pack.toml",
        text: pack_text,
    };
    let Some(pack_toml) = parse_toml::<PackToml>(&pack_file, pack_text, 1, &mut diags) else {
        return Err(diags);
    };

    let mut documents = Vec::new();
    let mut seen_docs = BTreeSet::new();
    for doc in pack_toml.documents {
        let doc_at = pack_file.value(&doc.id, 0);
        if !is_id(&doc.id) {
            diags.push(bad_id("document", &doc.id, doc_at, "agreement"));
            continue;
        }
        if !seen_docs.insert(doc.id.clone()) {
            diags.push(Diagnostic::in_file(
                "duplicate-document",
                doc_at.clone(),
                format!("document `{}` is listed twice", doc.id),
            ));
        }
        let offset = pack_text.find(&format!("\"{}\"", doc.id)).unwrap_or(0);
        let when = condition(&doc.when, &choices, &pack_file, offset, &mut diags);
        let mut topics = Vec::new();
        let mut seen_topics = BTreeSet::new();
        for topic in doc.topics {
            let topic_offset = pack_text[offset..]
                .find(&format!("\"{}\"", topic.id))
                .map_or(offset, |i| offset + i);
            if !is_id(&topic.id) {
                let at = pack_file.value(&topic.id, offset);
                diags.push(bad_id("topic", &topic.id, at, "breakout-rooms"));
                continue;
            }
            if !seen_topics.insert(topic.id.clone()) {
                diags.push(Diagnostic::in_file(
                    "duplicate-topic",
                    pack_file.at(topic_offset),
                    format!("topic `{}` is listed twice in `{}`", topic.id, doc.id),
                ));
            }
            topics.push(TopicSpec {
                when: condition(&topic.when, &choices, &pack_file, topic_offset, &mut diags),
                id: topic.id,
                variants: Vec::new(),
            });
        }
        documents.push(DocumentSpec {
            id: doc.id,
            title: doc.title,
            numbered: doc.numbered,
            reference: doc.reference,
            when,
            topics,
            reads_settings: false,
        });
    }

    let (definitions_title, definitions_intro, mut terms) = match files.get("terms.toml") {
        Some(text) => {
            let file = SourceFile {
                name: "terms.toml",
                text,
            };
            match parse_toml::<TermsToml>(&file, text, 1, &mut diags) {
                Some(t) => (
                    t.definitions.title,
                    t.definitions.intro,
                    t.terms
                        .into_iter()
                        .map(|t| TermSpec {
                            term: t.term,
                            plural: t.plural,
                            definition: t.definition,
                            uses: Vec::new(),
                            uses_known: false,
                        })
                        .collect(),
                ),
                None => (String::new(), String::new(), Vec::new()),
            }
        }
        None => {
            if documents
                .iter()
                .any(|d| d.topics.iter().any(|t| t.id == DEFINITIONS_TOPIC))
            {
                diags.push(Diagnostic::in_file(
                    "pack-missing-file",
                    pack_file.find(&format!("\"{DEFINITIONS_TOPIC}\""), 0),
                    "a document has a definitions topic, but the pack has no terms.toml",
                ));
            }
            (String::new(), String::new(), Vec::new())
        }
    };
    check_terms(&terms, files.get("terms.toml"), &mut diags);
    let term_index = TermIndex::new(&terms);
    for (i, term) in terms.iter_mut().enumerate() {
        term.uses = term_index
            .find(&term.definition)
            .into_iter()
            .filter(|&j| j != i)
            .collect();
    }

    let facts = match files.get("platforms.toml") {
        Some(text) => Facts::read(text, &mut diags),
        None => Facts::default(),
    };

    let mut clauses = Vec::new();
    for (path, text) in &files {
        let Some((folder, name)) = path.split_once('/') else {
            continue;
        };
        if !name.ends_with(".md") {
            continue;
        }
        let file = SourceFile { name: path, text };
        if name.contains('/') || !documents.iter().any(|d| d.id == folder) {
            diags.push(
                Diagnostic::in_file(
                    "clause-outside-document",
                    file.at(0),
                    format!("`{folder}` is not a document of this pack"),
                )
                .hint("put clause files directly in the folder of a document listed in pack.toml"),
            );
            continue;
        }
        if let Some(clause) = parse_clause(&file, folder, &choices, &mut diags) {
            clauses.push(clause);
        }
    }

    attach_variants(&mut documents, &clauses, &files, &pack_file, &mut diags);
    for doc in &mut documents {
        let reads = |text: &str| text.contains("platform_settings");
        doc.reads_settings = reads(&doc.title)
            || clauses
                .iter()
                .filter(|c| c.document == doc.id)
                .any(|c| reads(&c.title) || reads(&c.body));
    }

    let read = PackRead {
        documents: &documents,
        clauses: &clauses,
        terms: &terms,
        term_index: &term_index,
        files: &files,
        facts: &facts,
        choices: &choices,
        condition_paths: &condition_paths,
    };
    let Templates {
        compiled,
        clause_templates,
        referenced,
        compile_context,
    } = match checks {
        Checks::All => read.validate_whole(&mut diags),
        Checks::DoneByTests => read.leave_clauses_to_first_use(&mut diags),
    };

    let known: Vec<bool> = terms
        .iter()
        .zip(&compiled.term_definitions)
        .map(|(term, template)| {
            term.uses
                .iter()
                .all(|&t| term_index.always_uses(template, &terms[t]))
        })
        .collect();
    for (term, known) in terms.iter_mut().zip(known) {
        term.uses_known = known;
    }

    let platform_context = choices
        .get("platform.kind")
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(|v| serde_json::from_value::<crate::options::PlatformKind>(v.clone()).ok())
        .map(|kind| {
            (
                kind,
                facts.context_facts(kind),
                facts.context_settings(kind),
            )
        })
        .collect();
    let mut whens_follow_from_choices = true;
    let whens = (documents.iter_mut())
        .flat_map(|d| std::iter::once(&mut d.when).chain(d.topics.iter_mut().map(|t| &mut t.when)))
        .chain(clauses.iter_mut().map(|clause| &mut clause.when));
    for when in whens {
        condition_paths.number(when);
        whens_follow_from_choices &= super::reliance::follows_from_choices(when);
    }
    let prepared_guards = match checks {
        Checks::All => Vec::new(),
        Checks::DoneByTests => super::guards::builtin(&clauses, &condition_paths),
    };
    let referenced_clauses = clauses
        .iter()
        .map(|c| (referenced.contains(&c.topic), referenced.contains(&c.id)))
        .collect();
    let pack = Pack {
        name: pack_toml.name,
        version: pack_toml.version,
        documents,
        clauses,
        terms,
        definitions_title,
        definitions_intro,
        facts,
        platform_context,
        term_index,
        document_title_memos: compiled.document_titles.iter().map(Memo::new).collect(),
        term_definition_memos: compiled.term_definitions.iter().map(Memo::new).collect(),
        document_titles: compiled.document_titles,
        term_definitions: compiled.term_definitions,
        remember: true,
        spare_data: std::sync::Mutex::default(),
        clause_templates,
        compile_context,
        prepared_guards,
        referenced_clauses,
        referenced,
        condition_paths,
        relied: std::sync::Mutex::default(),
        whens_follow_from_choices,
    };
    diags.into_result(pack)
}

/// What a pack's files were read into, for compiling its templates.
struct PackRead<'a> {
    documents: &'a [DocumentSpec],
    clauses: &'a [ClauseSpec],
    terms: &'a [TermSpec],
    term_index: &'a TermIndex,
    files: &'a BTreeMap<String, String>,
    facts: &'a Facts,
    choices: &'a BTreeMap<String, Vec<Value>>,
    condition_paths: &'a super::condition::Paths,
}

/// A pack's compiled templates, as far as reading it compiled them.
struct Templates {
    /// The documents' titles and the terms' definitions (the clauses' are below).
    compiled: super::validate::Compiled,
    clause_templates: Vec<OnceLock<ClauseTemplates>>,
    referenced: BTreeSet<String>,
    /// What compiling a clause on first use reads, when clauses are left to it.
    compile_context: OnceLock<Context>,
}

impl PackRead<'_> {
    /// Every template compiled and checked, every `ref` covered, every platform
    /// assertion proved.
    fn validate_whole(&self, diags: &mut Diagnostics) -> Templates {
        let mut compiled = super::validate::templates(
            self.documents,
            self.clauses,
            self.terms,
            self.files,
            self.facts,
            diags,
        );
        super::coverage::check(
            self.documents,
            self.clauses,
            &compiled.refs,
            self.choices,
            self.files,
            diags,
        );
        let mut guards = super::reliance::check(
            self.documents,
            self.clauses,
            &compiled.body_texts,
            self.facts,
            self.choices,
            self.files,
            diags,
        );
        for guard in guards.iter_mut().flatten().flatten() {
            self.condition_paths.number(guard);
        }
        let titles = std::mem::take(&mut compiled.clause_titles);
        let bodies = std::mem::take(&mut compiled.clause_bodies);
        let clause_templates = self
            .clauses
            .iter()
            .zip(titles.into_iter().zip(bodies))
            .zip(guards)
            .map(|((clause, (title, body)), passage_guards)| {
                OnceLock::from(ClauseTemplates::new(
                    clause,
                    self.terms,
                    self.term_index,
                    title,
                    body,
                    passage_guards,
                ))
            })
            .collect();
        Templates {
            referenced: std::mem::take(&mut compiled.referenced),
            compiled,
            clause_templates,
            compile_context: OnceLock::new(),
        }
    }

    /// The documents' titles and the terms' definitions compiled and checked; the
    /// clauses left to be compiled on first use (`compiled.rs`), and the names their
    /// `ref`s use read from their text.
    fn leave_clauses_to_first_use(&self, diags: &mut Diagnostics) -> Templates {
        let targets: Vec<Vec<String>> = self
            .documents
            .iter()
            .map(|doc| super::validate::ref_targets(doc, self.clauses))
            .collect();
        let shape = super::validate::shape(self.facts);
        let mut compiled = super::validate::titles_and_terms(
            self.documents,
            &targets,
            self.terms,
            self.files,
            &shape,
            diags,
        );
        let mut referenced = std::mem::take(&mut compiled.referenced);
        for clause in self.clauses {
            for source in [&clause.title, &clause.body] {
                referenced.extend(super::validate::ref_names(source).map(str::to_owned));
            }
        }
        Templates {
            compiled,
            clause_templates: self.clauses.iter().map(|_| OnceLock::new()).collect(),
            referenced,
            compile_context: OnceLock::from(Context::new(shape, self.choices.clone())),
        }
    }
}

/// Builds a condition, checking each path is a choice option and each value one of its
/// choices.
fn condition(
    raw: &BTreeMap<String, Value>,
    choices: &BTreeMap<String, Vec<Value>>,
    file: &SourceFile<'_>,
    from: usize,
    diags: &mut Diagnostics,
) -> Condition {
    let mut tests = Vec::new();
    for (path, value) in raw {
        let at = file.find(&format!("\"{path}\""), from);
        let Some(values) = choices.get(path) else {
            diags.push(
                Diagnostic::in_file(
                    "unknown-option-path",
                    at,
                    format!("`{path}` is not a choice or yes/no option"),
                )
                .hint(
                    "`when` may test only options with a fixed set of values; see `caucus schema`",
                ),
            );
            continue;
        };
        let allowed: Vec<Value> = match value {
            Value::Array(items) => items.iter().cloned().map(toml_dates_as_text).collect(),
            one => vec![toml_dates_as_text(one.clone())],
        };
        for a in &allowed {
            if !values.contains(a) {
                let list: Vec<String> = values.iter().map(Value::to_string).collect();
                diags.push(
                    Diagnostic::in_file(
                        "unknown-option-value",
                        at.clone(),
                        format!("{a} is not a value of `{path}`"),
                    )
                    .hint(format!("use one of {}", list.join(", "))),
                );
            }
        }
        tests.push(Test::new(path.clone(), allowed));
    }
    Condition { tests }
}

/// Splits front matter from the body and checks the clause's fields.
fn parse_clause(
    file: &SourceFile<'_>,
    document: &str,
    choices: &BTreeMap<String, Vec<Value>>,
    diags: &mut Diagnostics,
) -> Option<ClauseSpec> {
    let text = file.text;
    let Some(rest) = text.strip_prefix("+++\n") else {
        diags.push(
            Diagnostic::in_file(
                "front-matter-missing",
                file.at(0),
                "a clause file must start with a `+++` line",
            )
            .hint("begin the file with +++, the TOML front matter, and another +++ line"),
        );
        return None;
    };
    let Some(end) = rest
        .find("\n+++\n")
        .or_else(|| rest.strip_suffix("\n+++").map(str::len))
    else {
        diags.push(
            Diagnostic::in_file(
                "front-matter-unclosed",
                file.at(0),
                "the front matter has no closing `+++` line",
            )
            .hint("end the front matter with a line holding only +++"),
        );
        return None;
    };
    let front = &rest[..end + 1];
    let body_offset = (4 + end + 5).min(text.len());
    let fm: FrontMatter = parse_toml(file, front, 2, diags)?;
    let mut ok = true;
    if fm.rationale.trim().is_empty() {
        diags.push(
            Diagnostic::in_file(
                "rationale-missing",
                file.key("rationale", 0),
                "the rationale is empty",
            )
            .hint("say why the clause exists, with its public source"),
        );
        ok = false;
    }
    if fm.sources.is_empty() {
        diags.push(
            Diagnostic::in_file(
                "sources-missing",
                file.key("sources", 0),
                "the clause names no source",
            )
            .hint("list at least one public source with its year"),
        );
        ok = false;
    }
    for source in &fm.sources {
        if !has_year(source) {
            diags.push(
                Diagnostic::in_file(
                    "source-undated",
                    file.find(source, 0),
                    format!("the source \"{source}\" has no year"),
                )
                .hint("give the year (or full date) the source was published"),
            );
            ok = false;
        }
    }
    if !is_id(&fm.id) {
        diags.push(bad_id(
            "clause",
            &fm.id,
            file.key("id", 0),
            "recording-prohibited",
        ));
        ok = false;
    }
    if fm.for_each.is_some() && fm.numbered == Some(true) {
        diags.push(
            Diagnostic::in_file(
                "for-each-numbered",
                file.key("numbered", 0),
                "a clause written for each item of a list cannot be numbered",
            )
            .hint("remove `numbered = true`: the copies would all claim one number"),
        );
        ok = false;
    }
    let when = condition(&fm.when, choices, file, 0, diags);
    let passages = fm
        .passages
        .into_iter()
        .map(|p| Passage {
            asserts: p.asserts,
            text: p.text,
        })
        .collect();
    ok.then(|| ClauseSpec {
        id: fm.id,
        document: document.to_owned(),
        topic: fm.topic,
        title: fm.title,
        body: text[body_offset..].trim().to_owned(),
        when,
        rationale: fm.rationale.trim().to_owned(),
        sources: fm.sources,
        numbered: if fm.for_each.is_some() {
            Some(false)
        } else {
            fm.numbered
        },
        for_each: fm.for_each,
        message: fm.message,
        asserts: fm.asserts,
        passages,
        file: file.name.to_owned(),
    })
}

/// Line (1-based) where a clause file's body starts.
pub(super) fn body_line(text: &str) -> u32 {
    let after = text
        .strip_prefix("+++\n")
        .map_or(0, |rest| rest.find("\n+++\n").map_or(0, |end| 4 + end + 5));
    let body = &text[after.min(text.len())..];
    let skipped = body.len() - body.trim_start().len();
    line_column(text, after + skipped).0
}

fn has_year(text: &str) -> bool {
    text.as_bytes().windows(4).enumerate().any(|(i, w)| {
        let digits = w.iter().all(u8::is_ascii_digit);
        let before = i == 0 || !text.as_bytes()[i - 1].is_ascii_digit();
        let after = text
            .as_bytes()
            .get(i + 4)
            .is_none_or(|b| !b.is_ascii_digit());
        digits && before && after && (w[0] == b'1' || w[0] == b'2')
    })
}

/// The longest id: ids become file names, with room for a prefix and an extension.
const MAX_ID_LEN: usize = 64;

/// Whether `id` is lower-case words of letters and digits joined by single hyphens
/// (`[a-z0-9]+(-[a-z0-9]+)*`), at most [`MAX_ID_LEN`] long. A document id names a folder
/// and the files written for the document (`out/agreement.docx`), so no id may hold what
/// leads out of a folder (`/`, `\`, `..`), hides a file (a leading dot) or means
/// something else to some file system (`:`, NUL, case).
fn is_id(id: &str) -> bool {
    id.len() <= MAX_ID_LEN
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The error for an id that [`is_id`] refuses.
fn bad_id(what: &str, id: &str, at: Location, example: &str) -> Diagnostic {
    let code = match what {
        "document" => "document-id",
        "topic" => "topic-id",
        _ => "clause-id",
    };
    Diagnostic::in_file(code, at, format!("`{id}` is not a valid {what} id")).hint(format!(
        "use lower-case words of letters and digits joined by hyphens, at most {MAX_ID_LEN} characters, for example {example}"
    ))
}

/// Puts each clause in its topic, checking ids are unique and topics exist.
fn attach_variants(
    documents: &mut [DocumentSpec],
    clauses: &[ClauseSpec],
    files: &BTreeMap<String, String>,
    pack_file: &SourceFile<'_>,
    diags: &mut Diagnostics,
) {
    let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
    for (i, clause) in clauses.iter().enumerate() {
        let file = SourceFile {
            name: &clause.file,
            text: files.get(&clause.file).map_or("", String::as_str),
        };
        if let Some(first) = ids.insert(&clause.id, &clause.file) {
            diags.push(
                Diagnostic::in_file(
                    "duplicate-clause-id",
                    file.key("id", 0),
                    format!("clause id `{}` is also used by {first}", clause.id),
                )
                .hint("give each clause file its own id"),
            );
        }
        let Some(doc) = documents.iter_mut().find(|d| d.id == clause.document) else {
            continue;
        };
        if clause.topic == DEFINITIONS_TOPIC {
            diags.push(Diagnostic::in_file(
                "reserved-topic",
                file.key("topic", 0),
                "the definitions clause is generated from terms.toml; it has no clause files",
            ));
            continue;
        }
        match doc.topics.iter_mut().find(|t| t.id == clause.topic) {
            Some(topic) => topic.variants.push(i),
            None => diags.push(
                Diagnostic::in_file(
                    "unknown-topic",
                    file.key("topic", 0),
                    format!(
                        "topic `{}` is not listed for document `{}` in pack.toml",
                        clause.topic, clause.document
                    ),
                )
                .hint("add the topic to the document's `topics` in pack.toml, or fix the name"),
            ),
        }
    }
    for doc in documents.iter() {
        for topic in &doc.topics {
            if topic.variants.is_empty() && topic.id != DEFINITIONS_TOPIC {
                diags.push(
                    Diagnostic::in_file(
                        "topic-without-clauses",
                        pack_file.find(&format!("\"{}\"", topic.id), 0),
                        format!("topic `{}` of `{}` has no clause files", topic.id, doc.id),
                    )
                    .hint(format!(
                        "add a clause file with topic = \"{}\" in {}/, or remove the topic",
                        topic.id, doc.id
                    )),
                );
            }
        }
    }
}

fn check_terms(terms: &[TermSpec], text: Option<&String>, diags: &mut Diagnostics) {
    let Some(text) = text else { return };
    let file = SourceFile {
        name: "terms.toml",
        text,
    };
    for (i, term) in terms.iter().enumerate() {
        let at = file.find(&format!("\"{}\"", term.term), 0);
        if terms[..i].iter().any(|t| t.term == term.term) {
            diags.push(Diagnostic::in_file(
                "duplicate-term",
                at.clone(),
                format!("the term \"{}\" is defined twice", term.term),
            ));
        }
        if !term.term.starts_with(|c: char| c.is_uppercase()) {
            diags.push(
                Diagnostic::in_file(
                    "term-not-capitalised",
                    at,
                    format!("the term \"{}\" does not start with a capital", term.term),
                )
                .hint("defined terms are capitalised so that readers see them"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_words_joined_by_hyphens() {
        for good in [
            "agreement",
            "recording-prohibited",
            "a1-2b",
            &"a".repeat(MAX_ID_LEN),
        ] {
            assert!(is_id(good), "{good}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "Agreement",
            "../../PWNED",
            "/tmp/x",
            "a/b",
            "a\\b",
            "..",
            ".hidden",
            "a b",
            "a\0",
            "c:",
            "é",
            &"a".repeat(MAX_ID_LEN + 1),
        ] {
            assert!(!is_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn years_are_found() {
        assert!(has_year("Seoul Protocol (2020)"));
        assert!(has_year("2020-04-03"));
        assert!(!has_year("article 12345"));
        assert!(!has_year("no date"));
    }
}
