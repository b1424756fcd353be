//! Static checks of every template in a pack, and their registration for rendering.
//!
//! Each template is compiled and walked once at load time. Every path it reads must exist
//! in the options (or `derived`), every helper must be known, every `ref` must name a
//! topic or clause of the same document and every `spell` word must be in the list. The
//! walk follows `{{#each}}` into list elements, so `{{name}}` inside `{{#each parties}}` is
//! checked against a party. Strict-mode rendering would catch a bad path only on the
//! branch that happens to run; this catches it on every branch.

use super::condition::{Condition, Test};
use super::load::{body_line, compile};
use super::{ClauseSpec, DocumentSpec, TermSpec};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::facts::Facts;
use crate::options::{Attendee, Date, Options, TimeOfDay};
use crate::template::derived::Derived;
use handlebars::template::{HelperTemplate, Parameter, TemplateElement};
use handlebars::{Handlebars, Path, PathSeg, Template};
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

/// Template names in the registry.
pub(crate) fn clause_body(id: &str) -> String {
    format!("body:{id}")
}
pub(crate) fn clause_title(id: &str) -> String {
    format!("title:{id}")
}
pub(crate) fn document_title(id: &str) -> String {
    format!("document:{id}")
}
pub(crate) fn term_definition(index: usize) -> String {
    format!("term:{index}")
}

/// Helpers that take values and print or return something.
const VALUE_HELPERS: &[&str] = &[
    "ref", "join", "spell", "date", "eq", "ne", "gt", "gte", "lt", "lte", "and", "or", "not", "len",
];

/// Options with one element in every list and every optional value set, plus `derived`:
/// a value in which every path a template may read exists.
pub(crate) fn shape() -> Value {
    let mut options = Options::default();
    for party in &mut options.parties {
        party.attendees.push(Attendee::default());
    }
    options.costs.shares = vec![50.0, 50.0];
    options.platform.data_regions = vec!["EU".into()];
    options.case.date = Date::parse("2026-01-01").ok();
    options.case.time = TimeOfDay::parse("10:00").ok();
    let mut derived = Derived::new(&options, &Facts::default());
    derived.e2ee_disables = vec!["cloud recording".into()];
    let mut value = serde_json::to_value(&options).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert(
            "derived".into(),
            serde_json::to_value(&derived).unwrap_or(Value::Null),
        );
    }
    value
}

/// Compiles, checks and registers every template; returns the `ref`s for the coverage check.
pub(super) fn templates(
    documents: &[DocumentSpec],
    clauses: &[ClauseSpec],
    terms: &[TermSpec],
    files: &BTreeMap<String, String>,
    registry: &mut Handlebars<'static>,
    statics: &mut BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> Vec<RefUse> {
    let shape = shape();
    let mut refs = Vec::new();
    for doc in documents {
        let at = files
            .get("pack.toml")
            .map_or(1, |t| line_of(t, &format!("\"{}\"", doc.title)));
        let targets = ref_targets(doc, clauses);
        let mut walker = Walker::new("pack.toml", &shape, &targets, diags);
        if let Some(t) = walker.check(&doc.title, at) {
            register(registry, statics, document_title(&doc.id), &doc.title, t);
        }
    }
    if let Some(text) = files.get("terms.toml") {
        for (i, term) in terms.iter().enumerate() {
            let at = line_of(text, &format!("\"{}\"", term.term));
            let mut walker = Walker::new("terms.toml", &shape, &[], diags);
            if let Some(t) = walker.check(&term.definition, at) {
                register(registry, statics, term_definition(i), &term.definition, t);
            }
        }
    }
    for (i, clause) in clauses.iter().enumerate() {
        let text = files.get(&clause.file).map_or("", String::as_str);
        let targets = documents
            .iter()
            .find(|d| d.id == clause.document)
            .map(|d| ref_targets(d, clauses))
            .unwrap_or_default();
        let title_line = line_of(text, "title");
        let mut walker = Walker::new(&clause.file, &shape, &targets, diags);
        if let Some(t) = walker.check(&clause.title, title_line) {
            register(
                registry,
                statics,
                clause_title(&clause.id),
                &clause.title,
                t,
            );
        }
        let mut walker = Walker::new(&clause.file, &shape, &targets, diags);
        if let Some(t) = walker.check(&clause.body, body_line(text)) {
            register(registry, statics, clause_body(&clause.id), &clause.body, t);
        }
        refs.extend(
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
    refs
}

/// Keeps a template for rendering: text without any `{{` needs no template engine, so it
/// is kept as it is (most titles, and the plainest clauses), saving a render per use.
fn register(
    registry: &mut Handlebars<'static>,
    statics: &mut BTreeMap<String, String>,
    name: String,
    source: &str,
    template: Template,
) {
    if source.contains("{{") {
        registry.register_template(&name, template);
    } else {
        statics.insert(name, source.to_owned());
    }
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
    /// `{{#if}}` tests enclosing the element being walked.
    guards: Vec<Test>,
    refs: Vec<(String, Condition, Location)>,
}

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
        }
    }

    /// Compiles and walks one template that starts at `first_line` of the file.
    fn check(&mut self, source: &str, first_line: u32) -> Option<Template> {
        self.first_line = first_line;
        if let Some(template) = self.check_fast(source) {
            return Some(template);
        }
        let template = compile(source, self.file, first_line, self.diags)?;
        let before = self.diags.0.len();
        let root = self.root;
        self.walk(&template, &mut vec![root]);
        (self.diags.0.len() == before).then_some(template)
    }

    /// The fast path (see `compile.rs`): a template that compiles and walks cleanly from
    /// its skeleton. Anything else goes the exact way. The places of `ref`s (which the
    /// coverage check may need to report) are taken from the source: the k-th `{{ref` the
    /// walk meets is the k-th in the text, since the walk follows the text in order.
    fn check_fast(&mut self, source: &str) -> Option<Template> {
        let (skeleton, middles) = super::compile::skeleton(source)?;
        let mut template = Template::compile(&skeleton).ok()?;
        if !super::compile::restore(&mut template, &middles) {
            return None;
        }
        let before = self.diags.0.len();
        let refs_before = self.refs.len();
        let root = self.root;
        self.walk(&template, &mut vec![root]);
        let in_source: Vec<usize> = source.match_indices("{{ref").map(|(i, _)| i).collect();
        let clean =
            self.diags.0.len() == before && self.refs.len() - refs_before == in_source.len();
        if !clean {
            self.diags.0.truncate(before);
            self.refs.truncate(refs_before);
            return None;
        }
        for (r, offset) in self.refs[refs_before..].iter_mut().zip(in_source) {
            let (line, column) = crate::input::line_column(source, offset);
            r.2.line = self.first_line + line - 1;
            r.2.column = column;
        }
        Some(template)
    }

    fn location(&self, template: &Template, index: usize) -> Location {
        let (line, column) = template
            .mapping
            .get(index)
            .map_or((1, 1), |m| (m.0 as u32, m.1 as u32));
        Location {
            file: self.file.to_owned(),
            line: self.first_line + line.saturating_sub(1),
            column,
        }
    }

    fn error(&mut self, code: &'static str, at: Location, message: String, hint: &str) {
        self.diags
            .push(Diagnostic::in_file(code, at, message).hint(hint));
    }

    fn walk(&mut self, template: &Template, scopes: &mut Vec<&'a Value>) {
        for (i, element) in template.elements.iter().enumerate() {
            let at = self.location(template, i);
            match element {
                TemplateElement::RawString(_) | TemplateElement::Comment(_) => {}
                TemplateElement::Expression(h) => self.expression(h, scopes, &at),
                TemplateElement::HtmlExpression(_) => self.error(
                    "triple-braces",
                    at,
                    "triple braces would insert a value without escaping it".into(),
                    "use double braces: {{value}}",
                ),
                TemplateElement::HelperBlock(h) => self.block(h, scopes, at),
                TemplateElement::DecoratorExpression(_)
                | TemplateElement::DecoratorBlock(_)
                | TemplateElement::PartialExpression(_)
                | TemplateElement::PartialBlock(_)
                | _ => self.error(
                    "unsupported-template",
                    at,
                    "partials and decorators are not supported in clause templates".into(),
                    "write the text in the clause, or use {{#if}} and {{#each}}",
                ),
            }
        }
    }

    fn expression(&mut self, h: &HelperTemplate, scopes: &[&'a Value], at: &Location) {
        match &h.name {
            Parameter::Name(name) if VALUE_HELPERS.contains(&name.as_str()) => {
                self.helper(name, h, scopes, at);
            }
            Parameter::Name(name) if h.params.is_empty() && h.hash.is_empty() => {
                self.path(&[PathSeg::Named(name.clone())], name, scopes, at);
            }
            Parameter::Name(name) => self.error(
                "unknown-helper",
                at.clone(),
                format!("there is no helper `{name}`"),
                "the helpers are ref, join, spell and date, and eq, ne, gt, lt, and, or, not",
            ),
            Parameter::Path(path) => {
                self.param_path(path, scopes, at);
            }
            Parameter::Literal(_) => {}
            Parameter::Subexpression(sub) => {
                if let TemplateElement::Expression(inner) = sub.element.as_ref() {
                    self.expression(inner, scopes, at);
                }
            }
            _ => {}
        }
    }

    /// Checks a value helper's arguments.
    fn helper(&mut self, name: &str, h: &HelperTemplate, scopes: &[&'a Value], at: &Location) {
        let mut resolved = Vec::new();
        for param in &h.params {
            resolved.push(self.param(param, scopes, at));
        }
        let literal = |i: usize| match h.params.get(i) {
            Some(Parameter::Literal(Value::String(s))) => Some(s.as_str()),
            _ => None,
        };
        match name {
            "ref" => match literal(0) {
                Some(target) if self.ref_targets.iter().any(|t| t == target) => {
                    let guards = Condition {
                        tests: self.guards.clone(),
                    };
                    self.refs.push((target.to_owned(), guards, at.clone()));
                }
                Some(target) => self.error(
                    "unknown-ref",
                    at.clone(),
                    format!("`ref` names `{target}`, which is neither a topic nor a clause of this document"),
                    "use the id of a topic listed for this document in pack.toml, or of a clause",
                ),
                None => self.error(
                    "helper-arguments",
                    at.clone(),
                    "`ref` needs a quoted topic or clause id".into(),
                    "write {{ref \"recording\"}}",
                ),
            },
            "spell" => match literal(0) {
                Some(word) if crate::template::spell::spell(word, Default::default()).is_some() => {}
                Some(word) => self.error(
                    "unknown-spelling",
                    at.clone(),
                    format!("`spell` does not know \"{word}\""),
                    "use a word from the engine's spelling list (core/src/template/spell.rs), in its British form",
                ),
                None => self.error(
                    "helper-arguments",
                    at.clone(),
                    "`spell` needs a quoted word".into(),
                    "write {{spell \"organise\"}}",
                ),
            },
            "join" => {
                let list = resolved.first().copied().flatten();
                match list {
                    Some(Value::Array(items)) => {
                        if let (Some(field), Some(first)) = (literal(1), items.first())
                            && first.get(field).is_none() {
                                self.error(
                                    "unknown-option-path",
                                    at.clone(),
                                    format!("the elements of this list have no `{field}`"),
                                    "name a field the list's elements have",
                                );
                            }
                    }
                    Some(_) => self.error(
                        "helper-arguments",
                        at.clone(),
                        "`join` needs a list as its first argument".into(),
                        "write {{join parties \"name\"}}",
                    ),
                    None => {}
                }
            }
            "date" if h.params.len() != 1 => self.error(
                "helper-arguments",
                at.clone(),
                "`date` needs exactly one date".into(),
                "write {{date case.date}} inside {{#if case.date}}",
            ),
            _ => {}
        }
    }

    /// Checks one argument; returns its shape when it is a path.
    fn param(
        &mut self,
        param: &Parameter,
        scopes: &[&'a Value],
        at: &Location,
    ) -> Option<&'a Value> {
        match param {
            Parameter::Path(path) => self.param_path(path, scopes, at),
            Parameter::Name(name) => self.path(&[PathSeg::Named(name.clone())], name, scopes, at),
            Parameter::Literal(_) => None,
            Parameter::Subexpression(sub) => {
                if let TemplateElement::Expression(inner) = sub.element.as_ref() {
                    self.expression(inner, scopes, at);
                }
                None
            }
            _ => None,
        }
    }

    fn param_path(
        &mut self,
        path: &Path,
        scopes: &[&'a Value],
        at: &Location,
    ) -> Option<&'a Value> {
        match path {
            Path::Relative((segs, raw)) => self.path(segs, raw, scopes, at),
            Path::Local((_, name, raw)) => {
                let known = ["index", "first", "last", "key"].contains(&name.as_str());
                if scopes.len() < 2 || !known {
                    self.error(
                        "unknown-option-path",
                        at.clone(),
                        format!("`{raw}` is only meaningful inside {{{{#each}}}}"),
                        "use @index, @first or @last inside an {{#each}} block",
                    );
                }
                None
            }
        }
    }

    /// Resolves a path against the scopes; reports it when it does not exist.
    fn path(
        &mut self,
        segs: &[PathSeg],
        raw: &str,
        scopes: &[&'a Value],
        at: &Location,
    ) -> Option<&'a Value> {
        let mut depth = scopes.len() - 1;
        let mut node = scopes[depth];
        let mut ok = true;
        for seg in segs {
            match seg {
                PathSeg::Ruled(rule) => {
                    let rule = format!("{rule:?}");
                    if rule.contains("up") {
                        if depth == 0 {
                            ok = false;
                            break;
                        }
                        depth -= 1;
                        node = scopes[depth];
                    } else if rule.contains("root") {
                        depth = 0;
                        node = scopes[0];
                    }
                }
                PathSeg::Named(name) if !name.starts_with("__") => {
                    let next = match node {
                        Value::Object(map) => map.get(name),
                        Value::Array(items) => match name.parse::<usize>() {
                            // Only parties are guaranteed a length (two, checked).
                            Ok(i) if i < 2 && raw.starts_with("parties.") => items.first(),
                            _ => None,
                        },
                        _ => None,
                    };
                    match next {
                        Some(v) => node = v,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            Some(node)
        } else {
            self.error(
                "unknown-option-path",
                at.clone(),
                format!("`{raw}` is not an option path"),
                "see `caucus schema` for the options, and clauses/README.md for `derived`",
            );
            None
        }
    }

    fn block(&mut self, h: &HelperTemplate, scopes: &mut Vec<&'a Value>, at: Location) {
        let name = match &h.name {
            Parameter::Name(n) => n.as_str(),
            _ => "",
        };
        if h.block_param.is_some() {
            self.error(
                "unsupported-template",
                at.clone(),
                "block parameters (`as |x|`) are not supported".into(),
                "refer to the element's fields directly inside {{#each}}",
            );
        }
        let subject = match h.params.first() {
            Some(p) => self.param(p, scopes, &at),
            None => {
                self.error(
                    "helper-arguments",
                    at.clone(),
                    format!("`#{name}` needs an argument"),
                    "write {{#if path}} ... {{/if}}",
                );
                None
            }
        };
        match name {
            "if" | "unless" => {
                let guard = if name == "if" {
                    h.params.first().and_then(guard)
                } else {
                    None
                };
                let pushed = guard.is_some();
                self.guards.extend(guard);
                if let Some(t) = &h.template {
                    self.walk(t, scopes);
                }
                if pushed {
                    self.guards.pop();
                }
                if let Some(t) = &h.inverse {
                    self.walk(t, scopes);
                }
            }
            "each" | "with" => {
                let inner = match (name, subject) {
                    ("each", Some(Value::Array(items))) => items.first(),
                    ("with", Some(v @ Value::Object(_))) => Some(v),
                    (_, None) => None,
                    _ => {
                        self.error(
                            "helper-arguments",
                            at.clone(),
                            format!(
                                "`#{name}` needs a {}",
                                if name == "each" { "list" } else { "table" }
                            ),
                            "give it an option path that holds one",
                        );
                        None
                    }
                };
                if let Some(inner) = inner {
                    scopes.push(inner);
                    if let Some(t) = &h.template {
                        self.walk(t, scopes);
                    }
                    scopes.pop();
                }
                if let Some(t) = &h.inverse {
                    self.walk(t, scopes);
                }
            }
            other => self.error(
                "unknown-helper",
                at,
                format!("there is no block helper `#{other}`"),
                "the block helpers are #if, #unless, #each and #with",
            ),
        }
    }
}

/// The option test an `{{#if}}` argument amounts to, when it tests a choice:
/// `{{#if breakout_rooms.enabled}}` or `{{#if (eq recording.policy "prohibited")}}`.
fn guard(param: &Parameter) -> Option<Test> {
    match param {
        Parameter::Path(Path::Relative((_, raw))) => Some(Test {
            path: raw.clone(),
            allowed: vec![Value::Bool(true)],
        }),
        Parameter::Subexpression(sub) => {
            let TemplateElement::Expression(h) = sub.element.as_ref() else {
                return None;
            };
            match (&h.name, h.params.as_slice()) {
                (
                    Parameter::Name(n),
                    [
                        Parameter::Path(Path::Relative((_, raw))),
                        Parameter::Literal(v),
                    ],
                ) if n == "eq" => Some(Test {
                    path: raw.clone(),
                    allowed: vec![v.clone()],
                }),
                _ => None,
            }
        }
        _ => None,
    }
}
