//! What the schema says about each option, read once from the embedded JSON Schema into a
//! tree that follows the options: each node an option (a table, a list or a value) with
//! its kind, title, description and the rest of what `options.rs` declares.

use super::path::{OptionPath, Segment};
use crate::pack::{Condition, Test};
use serde_json::Value;

/// One option of the model: the options as a whole, a group, a list, or a single value.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionInfo {
    /// The pattern path (`parties.*.name`); empty for the options as a whole.
    pub path: OptionPath,
    /// The name the form, the diagnostics and `caucus init` give it ("Full legal name").
    pub title: String,
    /// What it means, for the people who set it (one line, as written in `options.rs`).
    pub description: String,
    /// What values it takes.
    pub kind: Kind,
    /// Whether it may be left unset (`null`): a date or a time not fixed yet.
    pub optional: bool,
    /// The schema's default, where it gives one (every field of a table has one).
    pub default: Option<Value>,
    /// Sample values (the form's placeholder).
    pub examples: Vec<Value>,
    /// The unit of a number ("hours", "%").
    pub unit: Option<String>,
    /// When the option matters: any one of these conditions (empty: always).
    pub shown_when: Vec<Condition>,
    /// A list with one item per item of another list (`costs.shares` per `parties`).
    pub one_per: Option<OptionPath>,
    /// A number that is a position in another list (`costs.requesting_party`).
    pub index_of: Option<OptionPath>,
    /// The name of the type the schema defines for its values (`Party`, `PlatformKind`),
    /// with that type's own description, for declarations in other languages.
    pub type_name: Option<(String, String)>,
    /// Where a drafting tool edits the option, when not in its form (`x-edited-in`): the
    /// mediator's own wording of a clause is edited in the preview, beside the clause.
    pub edited_in: Option<String>,
    /// What an empty value means, in words, where a form offers it as a choice
    /// (`x-empty`): a party's time zone left empty is "The same as the case".
    pub empty: Option<String>,
}

/// What values an option takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Free text.
    Text,
    /// A number: whole (`integer`) or not, within the bounds the schema gives.
    Number {
        integer: bool,
        minimum: Option<f64>,
        maximum: Option<f64>,
    },
    /// Yes or no.
    YesNo,
    /// One of a fixed set of values, each with its display name.
    Choice(Vec<Choice>),
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A time of day, `HH:MM`.
    Time,
    /// A time zone, by its IANA name (`Europe/London`): one of
    /// [`crate::time_zones::ZONES`], or empty for none.
    TimeZone,
    /// A list; every item is described by `item` (whose path ends in `*`).
    List(Box<OptionInfo>),
    /// A table of options, in the order `options.rs` declares them.
    Table(Vec<OptionInfo>),
    /// A table whose keys are chosen by whoever writes the options (the mediator's own
    /// wording, by clause id); every value is described by the item (whose path ends in
    /// `*`).
    Map(Box<OptionInfo>),
}

/// One value of a choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The value as written in options files (`"microsoft-teams"`).
    pub value: Value,
    /// Its display name ("Microsoft Teams").
    pub title: String,
    /// What it means, and the words it puts into the documents where its display name
    /// does not say them.
    pub description: String,
}

impl Choice {
    /// What a form shows beside the choice: its description, unless that only repeats
    /// the display name ("Zoom Meetings." for Zoom says nothing more).
    pub fn help(&self) -> Option<&str> {
        adds_to(&self.title, &self.description)
    }
}

/// `text`, unless it is empty or only says `title` again (give or take a full stop, a
/// letter's case, and a product's longer name).
fn adds_to<'t>(title: &str, text: &'t str) -> Option<&'t str> {
    let squash = |s: &str| {
        s.trim_end_matches('.')
            .to_ascii_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (title, said) = (squash(title), squash(text));
    let repeats = said == title
        || (said.split(' ').count() <= title.split(' ').count() + 2
            && (said.starts_with(&title) || said.ends_with(&title)));
    (!text.is_empty() && !repeats).then_some(text)
}

impl OptionInfo {
    /// The fields of a table, in declaration order; none for anything else.
    pub fn fields(&self) -> &[OptionInfo] {
        match &self.kind {
            Kind::Table(fields) => fields,
            _ => &[],
        }
    }

    /// The field `key` of a table.
    pub fn field(&self, key: &str) -> Option<&OptionInfo> {
        self.fields().iter().find(|f| f.key() == Some(key))
    }

    /// What each item of a list (or each value of a map) is; `None` for anything else.
    pub fn item(&self) -> Option<&OptionInfo> {
        match &self.kind {
            Kind::List(item) | Kind::Map(item) => Some(item),
            _ => None,
        }
    }

    /// The choices of a choice option; none for anything else.
    pub fn choices(&self) -> &[Choice] {
        match &self.kind {
            Kind::Choice(choices) => choices,
            _ => &[],
        }
    }

    /// The choice with this value.
    pub fn choice(&self, value: &Value) -> Option<&Choice> {
        self.choices().iter().find(|c| c.value == *value)
    }

    /// The field name this option has in its table; `None` for a list item or the root.
    pub fn key(&self) -> Option<&str> {
        match self.path.segments().last() {
            Some(Segment::Key(key)) => Some(key),
            _ => None,
        }
    }

    /// Whether this is a list whose items are tables (parties, attendees).
    pub fn is_list_of_tables(&self) -> bool {
        matches!(&self.kind, Kind::List(item) if matches!(item.kind, Kind::Table(_)))
    }

    /// Whether the option holds a value of its own: not a table, nor a list of tables
    /// (whose items' fields are the options). A list of plain values is one option.
    pub fn is_leaf(&self) -> bool {
        !matches!(self.kind, Kind::Table(_)) && !self.is_list_of_tables()
    }

    /// The help a form shows under the option: its description, unless that only
    /// repeats the title ("Who may share their screen.").
    pub fn help(&self) -> Option<&str> {
        let squash = |s: &str| s.trim_end_matches('.').to_ascii_lowercase();
        let text = self.description.as_str();
        (!text.is_empty() && squash(text) != squash(&self.title)).then_some(text)
    }

    /// Whether the option matters for these options (given as their JSON value): its
    /// `x-shown-when` conditions, any one of which must hold.
    pub fn shown(&self, options: &Value) -> bool {
        self.shown_when.is_empty() || self.shown_when.iter().any(|c| c.holds(options))
    }

    /// This node and every node below it, depth first, in declaration order.
    pub fn walk(&self) -> Vec<&OptionInfo> {
        let mut out = vec![self];
        match &self.kind {
            Kind::Table(fields) => fields.iter().for_each(|f| out.extend(f.walk())),
            Kind::List(item) | Kind::Map(item) => out.extend(item.walk()),
            _ => {}
        }
        out
    }
}

/// Builds the tree of the options from the JSON Schema. A table's fields come in the
/// order of its `x-order` (the declaration order, written when the schema is generated);
/// fields it does not list come after, in the schema's (alphabetical) order.
pub(super) fn build(schema: &Value) -> OptionInfo {
    Builder { schema }.node(schema, schema, OptionPath::root())
}

struct Builder<'a> {
    schema: &'a Value,
}

impl<'a> Builder<'a> {
    /// `meta` is the node as written where the option is declared (title, description,
    /// default, examples and extensions sit there, beside a `$ref`); `node` is the same
    /// node, whose type is found by following `$ref` and optional values' `anyOf`.
    fn node(&self, meta: &'a Value, node: &'a Value, path: OptionPath) -> OptionInfo {
        let (target, definition, optional) = self.resolve(node);
        let text = |key: &str| {
            [meta, target]
                .iter()
                .find_map(|n| n.get(key).and_then(Value::as_str))
                .map(one_line)
                .unwrap_or_default()
        };
        let title = text("title");
        let title = if title.is_empty() {
            path.last_key().map(humanise).unwrap_or_default()
        } else {
            title
        };
        let kind = self.kind(target, definition, &path);
        OptionInfo {
            title,
            description: text("description"),
            kind,
            optional,
            default: meta.get("default").cloned(),
            examples: meta
                .get("examples")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            unit: meta
                .get("x-unit")
                .and_then(Value::as_str)
                .map(str::to_owned),
            shown_when: meta
                .get("x-shown-when")
                .and_then(Value::as_array)
                .map(|alternatives| alternatives.iter().map(condition).collect())
                .unwrap_or_default(),
            one_per: extension_path(meta, "x-one-per"),
            index_of: extension_path(meta, "x-index-of"),
            type_name: definition.map(|name| {
                let about = target.get("description").and_then(Value::as_str);
                (name.to_owned(), about.map(one_line).unwrap_or_default())
            }),
            edited_in: meta
                .get("x-edited-in")
                .and_then(Value::as_str)
                .map(str::to_owned),
            empty: meta
                .get("x-empty")
                .and_then(Value::as_str)
                .map(str::to_owned),
            path,
        }
    }

    /// Follows `$ref` (noting the definition's name) and the non-null alternative of an
    /// optional value.
    fn resolve(&self, node: &'a Value) -> (&'a Value, Option<&'a str>, bool) {
        let mut node = node;
        let mut definition = None;
        let mut optional = false;
        for _ in 0..8 {
            if let Some(name) = node
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
                && let Some(target) = self.schema.get("$defs").and_then(|d| d.get(name))
            {
                definition = Some(name);
                node = target;
                continue;
            }
            if let Some(alternatives) = node.get("anyOf").and_then(Value::as_array) {
                let is_null = |a: &&Value| a.get("type").and_then(Value::as_str) == Some("null");
                let mut real = alternatives.iter().filter(|a| !is_null(a));
                if let (Some(only), None) = (real.next(), real.next()) {
                    optional |= alternatives.iter().any(|a| is_null(&a));
                    node = only;
                    continue;
                }
            }
            break;
        }
        (node, definition, optional)
    }

    fn kind(&self, node: &'a Value, definition: Option<&str>, path: &OptionPath) -> Kind {
        match definition {
            Some("Date") => return Kind::Date,
            Some("TimeOfDay") => return Kind::Time,
            _ => {}
        }
        if let Some(properties) = node.get("properties").and_then(Value::as_object) {
            let declared: Vec<&str> = node
                .get("x-order")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter(|key| properties.contains_key(*key))
                .collect();
            let rest = properties
                .keys()
                .map(String::as_str)
                .filter(|key| !declared.contains(key));
            let keys: Vec<&str> = declared.iter().copied().chain(rest).collect();
            return Kind::Table(
                keys.into_iter()
                    .map(|key| {
                        let child = &properties[key];
                        self.node(child, child, path.clone().key(key))
                    })
                    .collect(),
            );
        }
        if let Some(items) = node.get("items") {
            return Kind::List(Box::new(self.node(items, items, path.clone().any())));
        }
        if let Some(values) = node.get("additionalProperties").filter(|v| v.is_object()) {
            return Kind::Map(Box::new(self.node(values, values, path.clone().any())));
        }
        if node.get("format").and_then(Value::as_str) == Some("time-zone") {
            return Kind::TimeZone;
        }
        if let Some(alternatives) = node.get("oneOf").and_then(Value::as_array) {
            return Kind::Choice(
                alternatives
                    .iter()
                    .filter_map(|a| {
                        let (a, _, _) = self.resolve(a);
                        let value = a.get("const")?.clone();
                        let text = |key| a.get(key).and_then(Value::as_str).map(one_line);
                        Some(Choice {
                            title: text("title").unwrap_or_else(|| plain(&value)),
                            description: text("description").unwrap_or_default(),
                            value,
                        })
                    })
                    .collect(),
            );
        }
        if let Some(values) = node.get("enum").and_then(Value::as_array) {
            return Kind::Choice(
                values
                    .iter()
                    .map(|value| Choice {
                        title: plain(value),
                        description: String::new(),
                        value: value.clone(),
                    })
                    .collect(),
            );
        }
        let bound = |key: &str| node.get(key).and_then(Value::as_f64);
        match node.get("type").and_then(Value::as_str) {
            Some("boolean") => Kind::YesNo,
            Some(number @ ("integer" | "number")) => Kind::Number {
                integer: number == "integer",
                minimum: bound("minimum"),
                maximum: bound("maximum"),
            },
            _ => Kind::Text,
        }
    }
}

/// One alternative of `x-shown-when`: option path → a value or a list of values.
fn condition(alternative: &Value) -> Condition {
    let tests = alternative
        .as_object()
        .map(|tests| {
            tests
                .iter()
                .map(|(path, allowed)| {
                    Test::new(
                        path.clone(),
                        match allowed {
                            Value::Array(values) => values.clone(),
                            value => vec![value.clone()],
                        },
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Condition { tests }
}

fn extension_path(meta: &Value, key: &str) -> Option<OptionPath> {
    meta.get(key)
        .and_then(Value::as_str)
        .and_then(|p| OptionPath::parse(p).ok())
}

/// Text written over several lines of a doc comment, on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `time_zone` → "Time zone", for an option written without a title (field names are
/// ASCII).
fn humanise(key: &str) -> String {
    let mut spaced = key.replace('_', " ");
    if let Some(first) = spaced.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    spaced
}

/// A value as plain text: strings without their quotes.
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
