//! Static checks of every template in a pack, and their compilation for rendering.
//!
//! Each template is measured for nesting (`nesting.rs`), compiled by handlebars once, and
//! its template tree walked once, at load time. Every path it reads must exist in the
//! options (or `derived`); every helper must be in the table of `template/helpers.rs`,
//! used in its form and with its arguments; every `ref` must name a topic or clause of
//! the same document and every `spell` word must be in the list. The walk follows
//! `{{#each}}` into list elements, so `{{name}}` inside `{{#each parties}}` is checked
//! against a party. Strict rendering would catch a bad path only on the branch that
//! happens to run; this catches it on every branch.

use super::condition::{Condition, Test};
use super::load::body_line;
use super::nesting;
use super::{ClauseSpec, DocumentSpec, TermSpec};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::facts::Facts;
use crate::input::line_column;
use crate::options::{Attendee, Date, Options, TimeOfDay};
use crate::template::compile::{self, Places};
use crate::template::derived::Derived;
use crate::template::helpers::{self, Arg, Form, Spec};
use crate::template::tags::{self, Kind};
use handlebars::template::{HelperTemplate, Parameter, TemplateElement};
use handlebars::{Path, PathSeg, Template, TemplateError, TemplateErrorReason};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A `{{ref "x"}}` found in a clause body, with the `{{#if}}` tests around it.
#[derive(Debug, Clone)]
pub(super) struct RefUse {
    pub clause: usize,
    pub target: String,
    pub guards: Condition,
    pub location: Location,
}

/// Every template of a pack, compiled, by index of what it belongs to.
#[derive(Debug, Default)]
pub(super) struct Compiled {
    pub document_titles: Vec<Template>,
    pub clause_titles: Vec<Template>,
    pub clause_bodies: Vec<Template>,
    pub term_definitions: Vec<Template>,
    /// The `ref`s in clause bodies, for the coverage check.
    pub refs: Vec<RefUse>,
    /// Every topic or clause id a `ref` names, in any template.
    pub referenced: BTreeSet<String>,
    /// Each clause body's runs of plain text with the `{{#if}}` tests around them, by
    /// index of the clause: what the reliance proof reads.
    pub body_texts: Vec<Vec<TextRun>>,
}

/// A run of a template's plain text and the `{{#if}}` tests that enclose it.
#[derive(Debug, Clone)]
pub(super) struct TextRun {
    pub text: String,
    pub guards: Condition,
}

/// Options with one element in every list and every optional value set, plus `derived`:
/// a value in which every path a template may read exists.
pub(crate) fn shape(facts: &Facts) -> Value {
    let mut options = Options::default();
    for party in &mut options.parties {
        party.attendees.push(Attendee::default());
    }
    options.costs.shares = vec![50.0, 50.0];
    options.platform.data_regions = vec!["EU".into()];
    options.case.date = Date::parse("2026-01-01").ok();
    options.case.time = TimeOfDay::parse("10:00").ok();
    let mut derived = Derived::new(&options, facts);
    derived.e2ee_disables = vec!["cloud recording".into()];
    let mut value = serde_json::to_value(&options).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert(
            "derived".into(),
            serde_json::to_value(&derived).unwrap_or(Value::Null),
        );
    }
    crate::template::derived::insert_platform_shape(&mut value, facts);
    value
}

/// Compiles and checks every template.
pub(super) fn templates(
    documents: &[DocumentSpec],
    clauses: &[ClauseSpec],
    terms: &[TermSpec],
    files: &BTreeMap<String, String>,
    facts: &Facts,
    diags: &mut Diagnostics,
) -> Compiled {
    let shape = shape(facts);
    let targets: Vec<Vec<String>> = documents
        .iter()
        .map(|doc| ref_targets(doc, clauses))
        .collect();
    let mut compiled = titles_and_terms(documents, &targets, terms, files, &shape, diags);
    for (i, spec) in clauses.iter().enumerate() {
        let text = files.get(&spec.file).map_or("", String::as_str);
        let targets = documents
            .iter()
            .position(|d| d.id == spec.document)
            .map_or(&[][..], |d| &targets[d]);
        let checked = clause(spec, text, &shape, targets, diags);
        compiled.clause_titles.push(checked.title);
        compiled.clause_bodies.push(checked.body);
        compiled.body_texts.push(checked.texts);
        compiled.referenced.extend(checked.title_refs);
        for (target, guards, location) in checked.refs {
            compiled.referenced.insert(target.clone());
            compiled.refs.push(RefUse {
                clause: i,
                target,
                guards,
                location,
            });
        }
    }
    compiled
}

/// Compiles and checks the documents' titles and the terms' definitions: all of a
/// pack's templates but its clauses'.
pub(super) fn titles_and_terms(
    documents: &[DocumentSpec],
    targets: &[Vec<String>],
    terms: &[TermSpec],
    files: &BTreeMap<String, String>,
    shape: &Value,
    diags: &mut Diagnostics,
) -> Compiled {
    let mut compiled = Compiled::default();
    for (doc, targets) in documents.iter().zip(targets) {
        let at = files
            .get("pack.toml")
            .map_or(1, |t| line_of(t, &format!("\"{}\"", doc.title)));
        let mut walker = Walker::new("pack.toml", shape, targets, diags);
        compiled.document_titles.push(walker.check(&doc.title, at));
        compiled
            .referenced
            .extend(walker.refs.into_iter().map(|(target, _, _)| target));
    }
    let terms_text = files.get("terms.toml").map_or("", String::as_str);
    for term in terms {
        let at = line_of(terms_text, &format!("\"{}\"", term.term));
        let mut walker = Walker::new("terms.toml", shape, &[], diags);
        compiled
            .term_definitions
            .push(walker.check(&term.definition, at));
    }
    compiled
}

/// One clause's title and body, compiled and checked, with what the other checks read
/// from them.
pub(super) struct ClauseCheck {
    pub title: Template,
    pub body: Template,
    /// The names the title's `ref`s use.
    pub title_refs: Vec<String>,
    /// The body's `ref`s, with the `{{#if}}` tests around each.
    pub refs: Vec<(String, Condition, Location)>,
    /// The body's runs of plain text with the tests around them.
    pub texts: Vec<TextRun>,
}

/// Compiles and checks one clause's title and body. `text` is the clause's file (for the
/// lines of problems; empty: line 1), `targets` the names its `ref`s may use.
pub(super) fn clause(
    clause: &ClauseSpec,
    text: &str,
    shape: &Value,
    targets: &[String],
    diags: &mut Diagnostics,
) -> ClauseCheck {
    // A clause written for each item of a list sees the item as `item`.
    let each_shape;
    let shape = match &clause.for_each {
        None => shape,
        Some(list) => match item_shape(shape, list) {
            Some(item) => {
                let mut with_item = shape.clone();
                if let Value::Object(map) = &mut with_item {
                    map.insert("item".into(), item);
                }
                each_shape = with_item;
                &each_shape
            }
            None => {
                diags.push(
                    Diagnostic::in_file(
                        "for-each-not-a-list",
                        Location {
                            file: clause.file.clone(),
                            line: line_of(text, "for_each"),
                            column: 1,
                        },
                        format!("`{list}` is not a list of the options or of `derived`"),
                    )
                    .hint("name a list, for example derived.recipients or parties"),
                );
                shape
            }
        },
    };
    let mut walker = Walker::new(&clause.file, shape, targets, diags);
    let title = walker.check(&clause.title, line_of(text, "title"));
    let title_refs = walker.refs.drain(..).map(|(target, _, _)| target).collect();
    let mut walker = Walker::new(&clause.file, shape, targets, diags);
    let body = walker.check(&clause.body, body_line(text));
    ClauseCheck {
        title,
        body,
        title_refs,
        refs: walker.refs,
        texts: walker.texts,
    }
}

/// The shape of one item of the list at `path` (`derived.recipients`), if it is a list.
fn item_shape(shape: &Value, path: &str) -> Option<Value> {
    crate::model::lookup(shape, path)?
        .as_array()?
        .first()
        .cloned()
}

/// The names a `ref` in this document may use: its topics and its clause ids.
pub(super) fn ref_targets(doc: &DocumentSpec, clauses: &[ClauseSpec]) -> Vec<String> {
    doc.topics
        .iter()
        .map(|t| t.id.clone())
        .chain(
            clauses
                .iter()
                .filter(|c| c.document == doc.id)
                .map(|c| c.id.clone()),
        )
        .collect()
}

/// The names the `ref`s of a template may use, read from its text without compiling
/// it: each quoted word after `ref` and a blank. That finds every name handlebars would
/// read, and perhaps more (a `ref` in a comment): a name found costs only its number.
pub(super) fn ref_names(source: &str) -> impl Iterator<Item = &str> {
    source.match_indices("ref").filter_map(|(at, _)| {
        let opens = source[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c == '{' || c == '(' || c == '~' || c.is_whitespace());
        let after = &source[at + 3..];
        let quoted = after.trim_start().strip_prefix('"')?;
        let name = &quoted[..quoted.find('"')?];
        (opens && after.starts_with(char::is_whitespace)).then_some(name)
    })
}

/// 1-based line of the first occurrence of `needle`, else 1.
fn line_of(text: &str, needle: &str) -> u32 {
    text.find(needle).map_or(1, |i| line_column(text, i).0)
}

/// Line and column (1-based, in characters) within the text handlebars compiled (see
/// `template/compile.rs`).
#[derive(Debug, Clone, Copy)]
struct Pos {
    line: usize,
    column: usize,
}

/// What a scope of the walk holds: the shape of its value (`None`: not known, so paths
/// from it are not checked), and whether an `{{#each}}` opened it (`@index` is defined).
#[derive(Clone, Copy)]
struct Scope<'a> {
    shape: Option<&'a Value>,
    each: bool,
}

struct Walker<'a> {
    file: &'a str,
    first_line: u32,
    /// The template being walked, and the text handlebars compiled from it.
    source: &'a str,
    places: Places,
    root: &'a Value,
    ref_targets: &'a [String],
    diags: &'a mut Diagnostics,
    /// Where the `{{else if ...}}` links of the template being walked stand, in the order
    /// of the text (which is the order of the walk); handlebars keeps no place for them.
    links: Vec<Pos>,
    next_link: usize,
    /// `{{#if}}` tests enclosing the element being walked.
    guards: Vec<Test>,
    refs: Vec<(String, Condition, Location)>,
    /// The plain text met, with its guards.
    texts: Vec<TextRun>,
}

/// What a path may hold while walking: the shape of its value, or nothing known (a
/// literal, a helper's result, a local such as `@index`).
type Shape<'a> = Option<&'a Value>;

impl<'a> Walker<'a> {
    fn new(
        file: &'a str,
        root: &'a Value,
        ref_targets: &'a [String],
        diags: &'a mut Diagnostics,
    ) -> Self {
        Walker {
            file,
            first_line: 1,
            source: "",
            places: Places::default(),
            root,
            ref_targets,
            diags,
            links: Vec::new(),
            next_link: 0,
            guards: Vec::new(),
            refs: Vec::new(),
            texts: Vec::new(),
        }
    }

    /// Measures, compiles and walks one template that starts at `first_line` of the
    /// file. A template with problems is reported and replaced by an empty one (the pack
    /// will not load).
    fn check(&mut self, source: &'a str, first_line: u32) -> Template {
        self.first_line = first_line;
        self.source = source;
        self.places = Places::default();
        if let Err(refusal) = nesting::check(source) {
            let at = self.source_location(refusal.offset);
            self.diags
                .push(Diagnostic::in_file(refusal.code, at, refusal.message).hint(refusal.hint));
            return Template::default();
        }
        let template = match compile::compile(source) {
            Ok(compiled) => {
                self.places = compiled.places;
                compiled.template
            }
            Err(failed) => {
                self.places = failed.places;
                self.syntax_error(&failed.error);
                return Template::default();
            }
        };
        let text = self.places.text.as_str();
        self.links = tags::tags(text)
            .filter_map(Result::ok)
            .filter(|tag| tag.kind == Kind::Chain)
            .map(|tag| offset_pos(text, tag.start))
            .collect();
        if self.links.len() != count_links(&template) {
            // The scan counted a tag as a link that handlebars read otherwise: links are
            // then reported at the block they belong to.
            self.links.clear();
        }
        self.next_link = 0;
        let before = self.diags.0.len();
        let root = Scope {
            shape: Some(self.root),
            each: false,
        };
        self.walk(&template, &mut vec![root], Pos { line: 1, column: 1 });
        if self.diags.0.len() == before {
            template
        } else {
            Template::default()
        }
    }

    /// Reports a template handlebars cannot compile, where it says; a block left open or
    /// closed by the wrong name is reported with where it was opened.
    fn syntax_error(&mut self, e: &TemplateError) {
        let text = self.places.text.as_str();
        let (mut pos, mut message) = match e.pos() {
            Some((line, column)) => (Pos { line, column }, e.reason().to_string()),
            None => (Pos { line: 1, column: 1 }, e.reason().to_string()),
        };
        let blocks = Blocks::of(text);
        match e.reason() {
            TemplateErrorReason::MismatchingClosedHelper(..)
            | TemplateErrorReason::MismatchingClosedDecorator(..) => {
                let offset = pos_offset(text, pos);
                if let Some(&(_, opened)) = blocks.closed.iter().find(|(close, _)| *close == offset)
                {
                    let opened = self.location(offset_pos(text, opened));
                    message.push_str(&format!(", opened at line {}", opened.line));
                }
            }
            _ => {
                // Failing after the last tag, with a block still open: that block was
                // never closed.
                if let Some(&open) = blocks.open.last()
                    && pos_offset(text, pos) >= blocks.last_end
                {
                    pos = offset_pos(text, open);
                    message = "a block is never closed".into();
                }
            }
        }
        let at = self.location(pos);
        self.diags.push(
            Diagnostic::in_file("template-syntax", at, format!("template syntax: {message}"))
                .hint("check that every {{ has its }} and every {{#block}} its {{/block}}"),
        );
    }

    /// The place in the file of a position in the compiled text.
    fn location(&self, at: Pos) -> Location {
        let offset = pos_offset(&self.places.text, at);
        self.source_location(self.places.source_offset(offset))
    }

    /// The place in the file of a byte offset of the template's source.
    fn source_location(&self, offset: usize) -> Location {
        let (line, column) = line_column(self.source, offset);
        Location {
            file: self.file.to_owned(),
            line: self.first_line.saturating_add(line.saturating_sub(1)),
            column,
        }
    }

    fn error(&mut self, code: &'static str, at: Pos, message: String, hint: &str) {
        let at = self.location(at);
        self.diags
            .push(Diagnostic::in_file(code, at, message).hint(hint));
    }

    /// Walks a template's elements; `block` is where the enclosing block was opened.
    fn walk(&mut self, template: &Template, scopes: &mut Vec<Scope<'a>>, block: Pos) {
        // Text of one run may come as several elements (a template is compiled in parts).
        let mut in_text = false;
        for (i, element) in template.elements.iter().enumerate() {
            if let TemplateElement::RawString(text) = element {
                self.text(text, in_text);
                in_text = true;
                continue;
            }
            in_text = false;
            let at = match template.mapping.get(i) {
                Some(m) => Pos {
                    line: m.0,
                    column: m.1,
                },
                // Only the links of an `else if` chain have no place of their own.
                None => {
                    let link = self.links.get(self.next_link).copied();
                    self.next_link += 1;
                    link.unwrap_or(block)
                }
            };
            match element {
                TemplateElement::RawString(_) | TemplateElement::Comment(_) => {}
                TemplateElement::Expression(h) => self.expression(h, scopes, at),
                TemplateElement::HtmlExpression(_) => self.error(
                    "triple-braces",
                    at,
                    "triple braces would insert a value without escaping it".into(),
                    "use double braces: {{value}}",
                ),
                TemplateElement::HelperBlock(h) => self.block(h, scopes, at),
                _ => self.error(
                    "unsupported-template",
                    at,
                    "partials and decorators are not supported in clause templates".into(),
                    "write the text in the clause, or use {{#if}} and {{#each}}",
                ),
            }
        }
    }

    /// Records a run of plain text with the tests that enclose it (`more`: it continues
    /// the run before): the one place where the walk over the template tree meets the
    /// reliance proof.
    fn text(&mut self, text: &str, more: bool) {
        match self.texts.last_mut() {
            Some(run) if more => run.text.push_str(text),
            _ if text.is_empty() => {}
            _ => self.texts.push(TextRun {
                text: text.to_owned(),
                guards: Condition {
                    tests: self.guards.clone(),
                },
            }),
        }
    }

    /// `{{path}}`, `{{helper args}}` or `{{(subexpression)}}`.
    fn expression(&mut self, h: &HelperTemplate, scopes: &[Scope<'a>], at: Pos) {
        if !self.no_hash(h, at) {
            return;
        }
        match &h.name {
            Parameter::Name(name) => {
                self.call(name, &h.params, false, scopes, at);
            }
            Parameter::Path(path) if h.params.is_empty() => match helpers::named_by(path) {
                // A helper's name alone calls it without arguments.
                Some(name) => {
                    self.call(name, &[], false, scopes, at);
                }
                None => {
                    self.path(path, scopes, at);
                }
            },
            other => {
                self.param(other, scopes, at);
            }
        }
    }

    /// Reports `name=value` arguments, which the language leaves out; false if there are.
    fn no_hash(&mut self, h: &HelperTemplate, at: Pos) -> bool {
        if h.hash.is_empty() {
            return true;
        }
        self.error(
            "unsupported-template",
            at,
            "`name=value` arguments are not supported in clause templates".into(),
            "pass arguments by position: {{join parties \"name\" \"or\"}}",
        );
        false
    }

    /// Checks one argument; returns the shape of its value when it is a path.
    fn param(&mut self, param: &Parameter, scopes: &[Scope<'a>], at: Pos) -> Shape<'a> {
        match param {
            Parameter::Path(path) => self.path(path, scopes, at),
            Parameter::Subexpression(sub) => {
                if let TemplateElement::Expression(h) = sub.as_element() {
                    self.expression(h, scopes, at);
                }
                None
            }
            _ => None,
        }
    }

    /// Checks a helper used with `params`, as a block or not, against the table.
    fn call(
        &mut self,
        name: &str,
        params: &[Parameter],
        as_block: bool,
        scopes: &[Scope<'a>],
        at: Pos,
    ) -> Vec<Shape<'a>> {
        let Some(spec) = helpers::spec(name).filter(|s| (s.form == Form::Block) == as_block) else {
            let (message, hint) = match (as_block, helpers::spec(name)) {
                (true, _) => (
                    format!("there is no block helper `#{name}`"),
                    "the block helpers are #if, #unless, #each and #with".to_owned(),
                ),
                (false, Some(spec)) => (
                    format!("`{name}` is a block helper"),
                    format!("write {}", spec.example),
                ),
                (false, None) => (
                    format!("there is no helper `{name}`"),
                    "the helpers are ref, join, spell and date, and eq, ne, gt, gte, lt, lte, and, or, not and len".to_owned(),
                ),
            };
            self.error("unknown-helper", at, message, &hint);
            // The arguments are still read: their own problems are worth knowing.
            return params.iter().map(|p| self.param(p, scopes, at)).collect();
        };
        let shapes: Vec<Shape<'a>> = params.iter().map(|p| self.param(p, scopes, at)).collect();
        if !arity_fits(spec, params.len()) {
            self.error(
                "helper-arguments",
                at,
                format!(
                    "`{}{name}` takes {}",
                    if as_block { "#" } else { "" },
                    arity(spec)
                ),
                &format!("write {}", spec.example),
            );
            return shapes;
        }
        for (i, param) in params.iter().enumerate() {
            let rule = spec.args.get(i).or(spec.args.last()).copied();
            if let Some(rule) = rule {
                self.argument(spec, rule, i, param, &shapes, at);
            }
        }
        shapes
    }

    /// Checks argument `i` of a helper against its rule.
    fn argument(
        &mut self,
        spec: &Spec,
        rule: Arg,
        i: usize,
        param: &Parameter,
        shapes: &[Shape<'a>],
        at: Pos,
    ) {
        let name = spec.name;
        let quoted = match param {
            Parameter::Literal(Value::String(s)) => Some(s.as_str()),
            _ => None,
        };
        let needs = |what: &str| {
            (
                "helper-arguments",
                format!("`{name}` needs {what} as argument {}", i + 1),
            )
        };
        let problem = match rule {
            Arg::Any => None,
            Arg::List => match shapes[i] {
                Some(Value::Array(_)) | None => None,
                Some(_) => Some(needs("a list")),
            },
            Arg::Table => match shapes[i] {
                Some(Value::Object(_)) | None => None,
                Some(_) => Some(needs("a table")),
            },
            Arg::Date => match shapes[i] {
                Some(Value::String(_)) | None => None,
                Some(_) => Some(needs("a date")),
            },
            Arg::Text => quoted.is_none().then(|| needs("quoted text")),
            Arg::Field => match quoted {
                None => Some(needs("a quoted field name")),
                Some(field) => match shapes.get(i.wrapping_sub(1)).copied().flatten() {
                    Some(Value::Array(items))
                        if items
                            .first()
                            .is_some_and(|first| first.get(field).is_none()) =>
                    {
                        Some((
                            "unknown-option-path",
                            format!("the elements of this list have no `{field}`"),
                        ))
                    }
                    _ => None,
                },
            },
            Arg::Reference => match quoted {
                None => Some(needs("a quoted topic or clause id")),
                Some(target) if self.ref_targets.iter().any(|t| t == target) => {
                    let guards = Condition {
                        tests: self.guards.clone(),
                    };
                    let location = self.location(at);
                    self.refs.push((target.to_owned(), guards, location));
                    None
                }
                Some(target) => Some((
                    "unknown-ref",
                    format!(
                        "`ref` names `{target}`, which is neither a topic nor a clause of this document"
                    ),
                )),
            },
            Arg::Word => match quoted {
                None => Some(needs("a quoted word")),
                Some(word) if crate::template::spell::spell(word, Default::default()).is_some() => {
                    None
                }
                Some(word) => Some((
                    "unknown-spelling",
                    format!("`spell` does not know \"{word}\""),
                )),
            },
        };
        if let Some((code, message)) = problem {
            let hint = match code {
                "unknown-ref" => {
                    "use the id of a topic listed for this document in pack.toml, or of a clause"
                        .to_owned()
                }
                "unknown-spelling" => "use a word from the engine's spelling list (core/src/template/spell.rs), in its British form".to_owned(),
                "unknown-option-path" => "name a field the list's elements have".to_owned(),
                _ => format!("write {}", spec.example),
            };
            self.error(code, at, message, &hint);
        }
    }

    /// Resolves a path against the scopes; reports it when it does not exist.
    fn path(&mut self, path: &Path, scopes: &[Scope<'a>], at: Pos) -> Shape<'a> {
        let (segments, raw) = match path {
            Path::Relative((segments, raw)) => (segments, raw),
            Path::Local((level, name, raw)) => {
                let each = scopes.len().checked_sub(level + 1).map(|i| scopes[i].each);
                if each != Some(true) || !matches!(name.as_str(), "index" | "first" | "last") {
                    self.error(
                        "unknown-option-path",
                        at,
                        format!("`{raw}` is only meaningful inside {{{{#each}}}}"),
                        "use @index, @first or @last inside an {{#each}} block",
                    );
                }
                return None;
            }
        };
        let mut depth = scopes.len() - 1;
        let mut node = Some(scopes[depth].shape);
        for segment in segments {
            node = match segment {
                PathSeg::Ruled(rule) => match format!("{rule:?}").as_str() {
                    "path_up" => depth.checked_sub(1).map(|up| {
                        depth = up;
                        scopes[up].shape
                    }),
                    "path_root" => {
                        depth = 0;
                        Some(scopes[0].shape)
                    }
                    _ => None,
                },
                PathSeg::Named(key) => match node {
                    // Not known: nothing to check.
                    Some(None) => Some(None),
                    Some(Some(value)) => child(value, key, raw).map(Some),
                    None => None,
                },
                // handlebars may add kinds of segment; none is in the language.
                _ => None,
            };
        }
        match node {
            Some(shape) => shape,
            None => {
                self.error(
                    "unknown-option-path",
                    at,
                    format!("`{raw}` is not an option path"),
                    "see `caucus schema` for the options, and clauses/README.md for `derived`",
                );
                None
            }
        }
    }

    /// `{{#with platform_settings.x}}` without `{{else}}`: the setting is absent (null) on
    /// a platform that lacks it, and strict rendering refuses `{{#with}}` of a falsy value
    /// unless the block has an `{{else}}`.
    fn absent_setting(&mut self, h: &HelperTemplate, at: Pos) {
        let setting = matches!(
            h.params.first(),
            Some(Parameter::Path(Path::Relative((_, raw)))) if raw.starts_with("platform_settings.")
        );
        if setting && h.inverse.is_none() {
            self.error(
                "with-absent",
                at,
                "a setting is absent on a platform that lacks it, and `{{#with}}` of an absent value fails to render".into(),
                "end the block with {{else}}{{/with}} (an empty {{else}} writes nothing there)",
            );
        }
    }

    fn block(&mut self, h: &HelperTemplate, scopes: &mut Vec<Scope<'a>>, at: Pos) {
        let name = h.name.as_name().unwrap_or_default();
        let shapes = if self.no_hash(h, at) {
            self.call(name, &h.params, true, scopes, at)
        } else {
            Vec::new()
        };
        if h.block_param.is_some() {
            self.error(
                "unsupported-template",
                at,
                "block parameters (`as |x|`) are not supported".into(),
                "refer to the element's fields directly inside {{#each}}",
            );
        }
        let subject = shapes.first().copied().flatten();
        let inner = match name {
            "if" => {
                let depth = self.guards.len();
                if let Some(p) = h.params.first() {
                    self.guards.extend(guards(p, scopes.len()));
                }
                if let Some(t) = &h.template {
                    self.walk(t, scopes, at);
                }
                self.guards.truncate(depth);
                None
            }
            "each" => Some(Scope {
                shape: match subject {
                    Some(Value::Array(items)) => items.first(),
                    _ => None,
                },
                each: true,
            }),
            "with" => {
                self.absent_setting(h, at);
                Some(Scope {
                    shape: subject.filter(|v| v.is_object()),
                    each: false,
                })
            }
            // `#unless`, or a block that is not in the language (already reported).
            _ => {
                if let Some(t) = &h.template {
                    self.walk(t, scopes, at);
                }
                None
            }
        };
        if let Some(inner) = inner {
            // `{{#with x}}` renders its body only where `x` is there: a guard.
            let depth = self.guards.len();
            if name == "with"
                && let Some(p) = h.params.first()
            {
                self.guards.extend(guards(p, scopes.len()));
            }
            scopes.push(inner);
            if let Some(t) = &h.template {
                self.walk(t, scopes, at);
            }
            scopes.pop();
            self.guards.truncate(depth);
        }
        if let Some(t) = &h.inverse {
            self.walk(t, scopes, at);
        }
    }
}

/// The value under `key`; list elements by number, only in `parties`, which always has
/// two (checked).
fn child<'v>(value: &'v Value, key: &str, raw: &str) -> Option<&'v Value> {
    match value {
        Value::Object(map) if !key.starts_with("__") => map.get(key),
        Value::Array(items) => match key.parse::<usize>() {
            Ok(i) if i < 2 && raw.starts_with("parties.") => items.first(),
            _ => None,
        },
        _ => None,
    }
}

fn arity_fits(spec: &Spec, given: usize) -> bool {
    given >= spec.required && (spec.repeats || given <= spec.args.len())
}

/// "exactly one argument", "1 to 3 arguments", "at least 2 arguments".
fn arity(spec: &Spec) -> String {
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    let (min, max) = (spec.required, spec.args.len());
    if spec.repeats {
        format!("at least {min} {}", plural(min))
    } else if min == max {
        format!("exactly {min} {}", plural(min))
    } else {
        format!("{min} to {max} arguments")
    }
}

/// The tests an `{{#if}}` argument amounts to, all of which hold inside the block, when
/// it tests values from the root of the options: `{{#if breakout_rooms.enabled}}`,
/// `{{#if (eq recording.policy "prohibited")}}`, `{{#if platform_facts.meeting_lock}}`,
/// and `(and ...)` of those. A test that cannot be written this way is left out, which
/// only makes the guard weaker (safe for the proofs, which then try more combinations).
fn guards(param: &Parameter, depth: usize) -> Vec<Test> {
    let option = |path: &Path| match path {
        Path::Relative((segments, _)) => {
            let (from_root, named) = match segments.split_first() {
                Some((PathSeg::Ruled(rule), rest)) if format!("{rule:?}") == "path_root" => {
                    (true, rest)
                }
                _ => (depth == 1, segments.as_slice()),
            };
            let keys: Option<Vec<&str>> = named
                .iter()
                .map(|s| match s {
                    PathSeg::Named(key) => Some(key.as_str()),
                    _ => None,
                })
                .collect();
            keys.filter(|k| from_root && !k.is_empty())
                .map(|k| k.join("."))
        }
        Path::Local(_) => None,
    };
    match param {
        Parameter::Path(path) => option(path)
            .map(|path| Test::new(path, vec![Value::Bool(true)]))
            .into_iter()
            .collect(),
        Parameter::Subexpression(sub) => {
            let TemplateElement::Expression(h) = sub.as_element() else {
                return Vec::new();
            };
            match (&h.name, h.params.as_slice()) {
                (Parameter::Name(n), [Parameter::Path(path), Parameter::Literal(v)])
                    if n == "eq" =>
                {
                    option(path)
                        .map(|path| Test::new(path, vec![v.clone()]))
                        .into_iter()
                        .collect()
                }
                (Parameter::Name(n), params) if n == "and" => {
                    params.iter().flat_map(|p| guards(p, depth)).collect()
                }
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// How many `else if` links the template holds: blocks without a place of their own.
fn count_links(template: &Template) -> usize {
    template
        .elements
        .iter()
        .enumerate()
        .map(|(i, element)| match element {
            TemplateElement::HelperBlock(h) => {
                usize::from(template.mapping.get(i).is_none())
                    + h.template.as_ref().map_or(0, count_links)
                    + h.inverse.as_ref().map_or(0, count_links)
            }
            _ => 0,
        })
        .sum()
}

/// The blocks of a template as the tag scan pairs them: which opening each closing tag
/// closes, those left open at the end, and where the last tag ends (byte offsets).
struct Blocks {
    closed: Vec<(usize, usize)>,
    open: Vec<usize>,
    last_end: usize,
}

impl Blocks {
    fn of(source: &str) -> Blocks {
        let mut blocks = Blocks {
            closed: Vec::new(),
            open: Vec::new(),
            last_end: 0,
        };
        for tag in tags::tags(source).map_while(Result::ok) {
            match tag.kind {
                Kind::Open => blocks.open.push(tag.start),
                Kind::Close => {
                    if let Some(open) = blocks.open.pop() {
                        blocks.closed.push((tag.start, open));
                    }
                }
                _ => {}
            }
            blocks.last_end = tag.end;
        }
        blocks
    }
}

/// The line and column (1-based, in characters) of a byte offset of a text.
fn offset_pos(source: &str, offset: usize) -> Pos {
    let (line, column) = line_column(source, offset);
    Pos {
        line: line as usize,
        column: column as usize,
    }
}

/// The byte offset of a line and column (1-based, in characters) of a text.
fn pos_offset(source: &str, pos: Pos) -> usize {
    let line_start = source
        .split_inclusive('\n')
        .take(pos.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let line = &source[line_start.min(source.len())..];
    line_start
        + line
            .char_indices()
            .nth(pos.column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ref_names_are_read_from_the_text_of_tags() {
        let names: Vec<&str> = ref_names(
            "See {{ref \"costs\"}} and {{~ref  \"recording\"~}}, {{join (ref \"a\") x}}; \
             a preference \"no\", {{refs \"no\"}}, {{ref unquoted}}",
        )
        .collect();
        assert_eq!(names, ["costs", "recording", "a"]);
    }
}
