//! Static checks of every template in a pack, and their compilation for rendering.
//!
//! Each template is parsed and walked once at load time. Every path it reads must exist
//! in the options (or `derived`), every helper must be known, every `ref` must name a
//! topic or clause of the same document and every `spell` word must be in the list. The
//! walk follows `{{#each}}` into list elements, so `{{name}}` inside `{{#each parties}}` is
//! checked against a party. Strict rendering would catch a bad path only on the branch
//! that happens to run; this catches it on every branch.

use super::condition::{Condition, Test};
use super::load::body_line;
use super::{ClauseSpec, DocumentSpec, TermSpec};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::facts::Facts;
use crate::options::{Attendee, Date, Options, TimeOfDay};
use crate::template::derived::Derived;
use crate::template::helpers::{MARKDOWN_HELPERS, VALUE_HELPERS};
use crate::template::syntax::{
    Block, BlockKind, Expr, Local, Node, Path, PathStart, Pos, Template, Unsupported,
};
use serde_json::Value;
use std::collections::BTreeMap;

/// A `{{ref "x"}}` found in a clause body, with the `{{#if}}` tests around it.
#[derive(Debug, Clone)]
pub(super) struct RefUse {
    pub clause: usize,
    pub target: String,
    pub guards: Condition,
    pub location: Location,
}

/// Every template of a pack, parsed, by index of what it belongs to.
#[derive(Debug, Default)]
pub(super) struct Compiled {
    pub document_titles: Vec<Template>,
    pub clause_titles: Vec<Template>,
    pub clause_bodies: Vec<Template>,
    pub term_definitions: Vec<Template>,
    /// The `ref`s in clause bodies, for the coverage check.
    pub refs: Vec<RefUse>,
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

/// Parses and checks every template.
pub(super) fn templates(
    documents: &[DocumentSpec],
    clauses: &[ClauseSpec],
    terms: &[TermSpec],
    files: &BTreeMap<String, String>,
    facts: &Facts,
    diags: &mut Diagnostics,
) -> Compiled {
    let shape = shape(facts);
    let mut compiled = Compiled::default();
    for doc in documents {
        let at = files
            .get("pack.toml")
            .map_or(1, |t| line_of(t, &format!("\"{}\"", doc.title)));
        let targets = ref_targets(doc, clauses);
        let mut walker = Walker::new("pack.toml", &shape, &targets, diags);
        compiled.document_titles.push(walker.check(&doc.title, at));
    }
    let terms_text = files.get("terms.toml").map_or("", String::as_str);
    for term in terms {
        let at = line_of(terms_text, &format!("\"{}\"", term.term));
        let mut walker = Walker::new("terms.toml", &shape, &[], diags);
        compiled
            .term_definitions
            .push(walker.check(&term.definition, at));
    }
    for (i, clause) in clauses.iter().enumerate() {
        let text = files.get(&clause.file).map_or("", String::as_str);
        let targets = documents
            .iter()
            .find(|d| d.id == clause.document)
            .map(|d| ref_targets(d, clauses))
            .unwrap_or_default();
        let mut walker = Walker::new(&clause.file, &shape, &targets, diags);
        compiled
            .clause_titles
            .push(walker.check(&clause.title, line_of(text, "title")));
        let mut walker = Walker::new(&clause.file, &shape, &targets, diags);
        compiled
            .clause_bodies
            .push(walker.check(&clause.body, body_line(text)));
        compiled.body_texts.push(std::mem::take(&mut walker.texts));
        compiled.refs.extend(
            walker
                .refs
                .into_iter()
                .map(|(target, guards, location)| RefUse {
                    clause: i,
                    target,
                    guards,
                    location,
                }),
        );
    }
    compiled
}

/// The names a `ref` in this document may use: its topics and its clause ids.
fn ref_targets(doc: &DocumentSpec, clauses: &[ClauseSpec]) -> Vec<String> {
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

/// 1-based line of the first occurrence of `needle`, else 1.
fn line_of(text: &str, needle: &str) -> u32 {
    text.find(needle)
        .map_or(1, |i| crate::input::line_column(text, i).0)
}

struct Walker<'a> {
    file: &'a str,
    first_line: u32,
    root: &'a Value,
    ref_targets: &'a [String],
    diags: &'a mut Diagnostics,
    /// `{{#if}}` tests enclosing the node being walked.
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
            root,
            ref_targets,
            diags,
            guards: Vec::new(),
            refs: Vec::new(),
            texts: Vec::new(),
        }
    }

    /// Parses and walks one template that starts at `first_line` of the file. A template
    /// with problems is reported and replaced by an empty one (the pack will not load).
    fn check(&mut self, source: &str, first_line: u32) -> Template {
        self.first_line = first_line;
        match Template::parse(source) {
            Ok(template) => {
                let before = self.diags.0.len();
                let root = self.root;
                self.walk(&template.nodes, &mut vec![root]);
                if self.diags.0.len() == before {
                    template
                } else {
                    Template::default()
                }
            }
            Err(e) => {
                let at = self.location(e.at);
                self.diags.push(
                    Diagnostic::in_file(
                        "template-syntax",
                        at,
                        match e.opened {
                            Some(opened) => format!(
                                "template syntax: {}, opened at line {}",
                                e.message,
                                self.first_line + opened.line - 1
                            ),
                            None => format!("template syntax: {}", e.message),
                        },
                    )
                    .hint("check that every {{ has its }} and every {{#block}} its {{/block}}"),
                );
                Template::default()
            }
        }
    }

    fn location(&self, at: Pos) -> Location {
        Location {
            file: self.file.to_owned(),
            line: self.first_line + at.line.saturating_sub(1),
            column: at.column,
        }
    }

    fn error(&mut self, code: &'static str, at: Pos, message: String, hint: &str) {
        let at = self.location(at);
        self.diags
            .push(Diagnostic::in_file(code, at, message).hint(hint));
    }

    fn walk(&mut self, nodes: &[Node], scopes: &mut Vec<&'a Value>) {
        for node in nodes {
            match node {
                Node::Text(text) => self.text(text),
                Node::Output { expr, at } => {
                    self.expr(expr, scopes, *at);
                }
                Node::Block(block) => self.block(block, scopes),
                Node::Unsupported { what, at } => {
                    let (code, message, hint) = match what {
                        Unsupported::TripleBraces => (
                            "triple-braces",
                            "triple braces would insert a value without escaping it",
                            "use double braces: {{value}}",
                        ),
                        Unsupported::Partial | Unsupported::Decorator => (
                            "unsupported-template",
                            "partials and decorators are not supported in clause templates",
                            "write the text in the clause, or use {{#if}} and {{#each}}",
                        ),
                        Unsupported::HashArgument => (
                            "unsupported-template",
                            "`name=value` arguments are not supported in clause templates",
                            "pass arguments by position: {{join parties \"name\" \"or\"}}",
                        ),
                        Unsupported::BlockParameter => (
                            "unsupported-template",
                            "block parameters (`as |x|`) are not supported",
                            "refer to the element's fields directly inside {{#each}}",
                        ),
                    };
                    self.error(code, *at, message.into(), hint);
                }
            }
        }
    }

    /// Records a run of plain text with the tests that enclose it: the one place where
    /// the walk over the template tree meets the reliance proof.
    fn text(&mut self, text: &str) {
        if !text.is_empty() {
            self.texts.push(TextRun {
                text: text.to_owned(),
                guards: Condition {
                    tests: self.guards.clone(),
                },
            });
        }
    }

    /// Checks an expression; returns the shape of its value when it is a path.
    fn expr(&mut self, expr: &Expr, scopes: &[&'a Value], at: Pos) -> Shape<'a> {
        match expr {
            Expr::Literal(_) => None,
            Expr::Path(path) => self.path(path, scopes, at),
            Expr::Call { name, args } => {
                self.call(name, args, scopes, at);
                None
            }
        }
    }

    /// Checks a helper call and its arguments.
    fn call(&mut self, name: &str, args: &[Expr], scopes: &[&'a Value], at: Pos) {
        if !MARKDOWN_HELPERS.contains(&name) && !VALUE_HELPERS.contains(&name) {
            self.error(
                "unknown-helper",
                at,
                format!("there is no helper `{name}`"),
                "the helpers are ref, join, spell and date, and eq, ne, gt, lt, and, or, not",
            );
            return;
        }
        let resolved: Vec<Shape<'a>> = args.iter().map(|a| self.expr(a, scopes, at)).collect();
        let literal = |i: usize| match args.get(i) {
            Some(Expr::Literal(Value::String(s))) => Some(s.as_str()),
            _ => None,
        };
        match name {
            "ref" => match literal(0) {
                Some(target) if self.ref_targets.iter().any(|t| t == target) => {
                    let guards = Condition {
                        tests: self.guards.clone(),
                    };
                    let at = self.location(at);
                    self.refs.push((target.to_owned(), guards, at));
                }
                Some(target) => self.error(
                    "unknown-ref",
                    at,
                    format!("`ref` names `{target}`, which is neither a topic nor a clause of this document"),
                    "use the id of a topic listed for this document in pack.toml, or of a clause",
                ),
                None => self.error(
                    "helper-arguments",
                    at,
                    "`ref` needs a quoted topic or clause id".into(),
                    "write {{ref \"recording\"}}",
                ),
            },
            "spell" => match literal(0) {
                Some(word) if crate::template::spell::spell(word, Default::default()).is_some() => {}
                Some(word) => self.error(
                    "unknown-spelling",
                    at,
                    format!("`spell` does not know \"{word}\""),
                    "use a word from the engine's spelling list (core/src/template/spell.rs), in its British form",
                ),
                None => self.error(
                    "helper-arguments",
                    at,
                    "`spell` needs a quoted word".into(),
                    "write {{spell \"organise\"}}",
                ),
            },
            "join" => match resolved.first().copied().flatten() {
                Some(Value::Array(items)) => {
                    if let (Some(field), Some(first)) = (literal(1), items.first())
                        && first.get(field).is_none()
                    {
                        self.error(
                            "unknown-option-path",
                            at,
                            format!("the elements of this list have no `{field}`"),
                            "name a field the list's elements have",
                        );
                    }
                }
                Some(_) => self.error(
                    "helper-arguments",
                    at,
                    "`join` needs a list as its first argument".into(),
                    "write {{join parties \"name\"}}",
                ),
                None if args.is_empty() => self.error(
                    "helper-arguments",
                    at,
                    "`join` needs a list as its first argument".into(),
                    "write {{join parties \"name\"}}",
                ),
                None => {}
            },
            "date" if args.len() != 1 => self.error(
                "helper-arguments",
                at,
                "`date` needs exactly one date".into(),
                "write {{date case.date}} inside {{#if case.date}}",
            ),
            "eq" | "ne" | "gt" | "gte" | "lt" | "lte" if args.len() != 2 => self.error(
                "helper-arguments",
                at,
                format!("`{name}` compares exactly two values"),
                "write (eq recording.policy \"prohibited\")",
            ),
            "not" | "len" if args.len() != 1 => self.error(
                "helper-arguments",
                at,
                format!("`{name}` takes exactly one value"),
                "write (not breakout_rooms.enabled)",
            ),
            _ => {}
        }
    }

    /// Resolves a path against the scopes; reports it when it does not exist.
    fn path(&mut self, path: &Path, scopes: &[&'a Value], at: Pos) -> Shape<'a> {
        let mut node = match path.start {
            PathStart::Here => scopes.last().copied(),
            PathStart::Root => scopes.first().copied(),
            PathStart::Up(n) => scopes
                .len()
                .checked_sub(n + 1)
                .and_then(|i| scopes.get(i).copied()),
            PathStart::Local(local) => {
                if scopes.len() < 2 || local == Local::Unknown {
                    self.error(
                        "unknown-option-path",
                        at,
                        format!("`{}` is only meaningful inside {{{{#each}}}}", path.raw),
                        "use @index, @first or @last inside an {{#each}} block",
                    );
                }
                return None;
            }
        };
        for segment in &path.segments {
            node = node.and_then(|n| match n {
                Value::Object(map) if !segment.key.starts_with("__") => map.get(&*segment.key),
                // Only parties are guaranteed a length (two, checked).
                Value::Array(items) => match segment.index {
                    Some(i) if i < 2 && path.raw.starts_with("parties.") => items.first(),
                    _ => None,
                },
                _ => None,
            });
        }
        if node.is_none() {
            self.error(
                "unknown-option-path",
                at,
                format!("`{}` is not an option path", path.raw),
                "see `caucus schema` for the options, and clauses/README.md for `derived`",
            );
        }
        node
    }

    fn block(&mut self, block: &Block, scopes: &mut Vec<&'a Value>) {
        let at = block.at;
        let name = block.name.as_str();
        let subject = match &block.arg {
            Some(arg) => self.expr(arg, scopes, at),
            None => {
                self.error(
                    "helper-arguments",
                    at,
                    format!("`#{name}` needs an argument"),
                    "write {{#if path}} ... {{/if}}",
                );
                None
            }
        };
        match block.kind {
            BlockKind::If | BlockKind::Unless => {
                let guard = match (block.kind, &block.arg) {
                    (BlockKind::If, Some(arg)) => guards(arg),
                    _ => Vec::new(),
                };
                let depth = self.guards.len();
                self.guards.extend(guard);
                self.walk(&block.body.nodes, scopes);
                self.guards.truncate(depth);
                if let Some(t) = &block.inverse {
                    self.walk(&t.nodes, scopes);
                }
            }
            BlockKind::Each | BlockKind::With => {
                let each = block.kind == BlockKind::Each;
                let inner = match subject {
                    Some(Value::Array(items)) if each => items.first(),
                    Some(v @ Value::Object(_)) if !each => Some(v),
                    None => None,
                    Some(_) => {
                        self.error(
                            "helper-arguments",
                            at,
                            format!("`#{name}` needs a {}", if each { "list" } else { "table" }),
                            "give it an option path that holds one",
                        );
                        None
                    }
                };
                if let Some(inner) = inner {
                    // `{{#with x}}` renders its body only where `x` is there: a guard.
                    let depth = self.guards.len();
                    if !each && let Some(arg) = &block.arg {
                        self.guards.extend(guards(arg));
                    }
                    scopes.push(inner);
                    self.walk(&block.body.nodes, scopes);
                    scopes.pop();
                    self.guards.truncate(depth);
                }
                if let Some(t) = &block.inverse {
                    self.walk(&t.nodes, scopes);
                }
            }
            BlockKind::Unknown => self.error(
                "unknown-helper",
                at,
                format!("there is no block helper `#{name}`"),
                "the block helpers are #if, #unless, #each and #with",
            ),
        }
    }
}

/// The tests an `{{#if}}` argument amounts to, all of which hold inside the block:
/// `{{#if breakout_rooms.enabled}}`, `{{#if (eq recording.policy "prohibited")}}`,
/// `{{#if platform_facts.meeting_lock}}`, and `(and ...)` of those. A test that cannot be
/// written this way is left out, which only makes the guard weaker (safe for the proofs).
fn guards(arg: &Expr) -> Vec<Test> {
    match arg {
        Expr::Path(path) if path.start == PathStart::Here => vec![Test {
            path: path.raw.clone(),
            allowed: vec![Value::Bool(true)],
        }],
        Expr::Call { name, args } if name == "eq" => match args.as_slice() {
            [Expr::Path(path), Expr::Literal(v)] if path.start == PathStart::Here => vec![Test {
                path: path.raw.clone(),
                allowed: vec![v.clone()],
            }],
            _ => Vec::new(),
        },
        Expr::Call { name, args } if name == "and" => args.iter().flat_map(guards).collect(),
        _ => Vec::new(),
    }
}
