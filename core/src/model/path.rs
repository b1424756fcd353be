//! Option paths: `parties.1.attendees.0.name` names one value of the options, and the
//! pattern `parties.*.name` names that field in every item of a list.
//!
//! One type for every place that names an option: CSV columns, `--name` templates,
//! diagnostics, `when` conditions and the form's fields. It reads and writes the
//! options as a JSON value (`serde_json::Value`), the form in which every shell holds them
//! before the engine checks them.

use serde_json::{Map, Value};
use std::fmt;
use std::str::FromStr;

/// One step of an option path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A field of a table: `parties`, `name`.
    Key(String),
    /// A position in a list, from 0.
    Index(usize),
    /// Any position in a list (`*`): only in patterns.
    Any,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Key(key) => f.write_str(key),
            Segment::Index(i) => write!(f, "{i}"),
            Segment::Any => f.write_str("*"),
        }
    }
}

/// A dotted option path, parsed: `parties.1.name`, or the pattern `parties.*.name`.
/// The empty path names the options as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OptionPath {
    segments: Vec<Segment>,
}

/// Text that is not an option path, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// The text as given.
    pub text: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an option path: {}",
            self.text.escape_debug(),
            self.reason
        )
    }
}

impl std::error::Error for PathError {}

/// A value that could not be set because something else is in the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetError {
    /// The path that was to be set.
    pub path: OptionPath,
    /// The part of it that holds a value of the wrong kind (or the pattern step).
    pub at: OptionPath,
    /// What is there, in words ("text", "a number").
    pub found: &'static str,
    /// What would have to be there ("a table", "a list").
    pub wanted: &'static str,
}

impl fmt::Display for SetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.found == "a pattern" {
            return write!(
                f,
                "cannot set `{}`: a path with `*` names many values; give a position instead",
                self.path
            );
        }
        write!(
            f,
            "cannot set `{}`: `{}` holds {}, not {}",
            self.path, self.at, self.found, self.wanted
        )
    }
}

impl std::error::Error for SetError {}

impl OptionPath {
    /// The empty path: the options as a whole.
    pub fn root() -> OptionPath {
        OptionPath::default()
    }

    /// Reads a dotted path. Every segment must be a field name (letters, digits, `_` and
    /// `-`), a position (digits) or `*`.
    pub fn parse(text: &str) -> Result<OptionPath, PathError> {
        let fail = |reason: String| PathError {
            text: text.to_owned(),
            reason,
        };
        if text.is_empty() {
            return Err(fail("it is empty".to_owned()));
        }
        let mut segments = Vec::new();
        for (n, part) in text.split('.').enumerate() {
            if part.is_empty() {
                return Err(fail(format!(
                    "part {} is empty (a dot at either end, or two dots together)",
                    n + 1
                )));
            }
            let segment = if part == "*" {
                Segment::Any
            } else if part.bytes().all(|b| b.is_ascii_digit()) {
                Segment::Index(
                    part.parse().map_err(|_| {
                        fail(format!("{part} is too large to be a position in a list"))
                    })?,
                )
            } else if part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                Segment::Key(part.to_owned())
            } else if part.contains('[') {
                return Err(fail(format!(
                    "`{part}` is not a name; write a position as a part of its own, as in parties.0.name"
                )));
            } else {
                return Err(fail(format!(
                    "`{part}` is not a name: option names are made of letters, digits and `_`"
                )));
            };
            segments.push(segment);
        }
        Ok(OptionPath { segments })
    }

    /// The steps of the path.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Whether this is the empty path.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// The path to the field `key` of the table at this path.
    pub fn key(mut self, key: &str) -> OptionPath {
        self.segments.push(Segment::Key(key.to_owned()));
        self
    }

    /// The path to item `index` of the list at this path.
    pub fn index(mut self, index: usize) -> OptionPath {
        self.segments.push(Segment::Index(index));
        self
    }

    /// The path to every item of the list at this path (`*`).
    pub fn any(mut self) -> OptionPath {
        self.segments.push(Segment::Any);
        self
    }

    /// The path one step up, or `None` for the root.
    pub fn parent(&self) -> Option<OptionPath> {
        let (_, rest) = self.segments.split_last()?;
        Some(OptionPath {
            segments: rest.to_vec(),
        })
    }

    /// The last field name of the path (`name` for `parties.1.name`).
    pub fn last_key(&self) -> Option<&str> {
        self.segments.iter().rev().find_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            _ => None,
        })
    }

    /// The pattern of the path: every position replaced by `*` (`parties.*.name`).
    pub fn pattern(&self) -> OptionPath {
        OptionPath {
            segments: self
                .segments
                .iter()
                .map(|s| match s {
                    Segment::Index(_) => Segment::Any,
                    other => other.clone(),
                })
                .collect(),
        }
    }

    /// The path before its first `*`: the list whose items a pattern names
    /// (`parties.*.name` → `parties`); a path without `*` is itself.
    pub fn before_any(&self) -> OptionPath {
        OptionPath {
            segments: self
                .segments
                .iter()
                .take_while(|s| **s != Segment::Any)
                .cloned()
                .collect(),
        }
    }

    /// Whether the path has a `*` in it.
    pub fn is_pattern(&self) -> bool {
        self.segments.contains(&Segment::Any)
    }

    /// The positions in the path, in order (`[1, 0]` for `parties.1.attendees.0.name`).
    pub fn indices(&self) -> Vec<usize> {
        self.segments
            .iter()
            .filter_map(|s| match s {
                Segment::Index(i) => Some(*i),
                _ => None,
            })
            .collect()
    }

    /// The pattern with its `*` replaced by `indices` in order (0 where they run out).
    pub fn instantiate(&self, indices: &[usize]) -> OptionPath {
        let mut next = indices.iter();
        OptionPath {
            segments: self
                .segments
                .iter()
                .map(|s| match s {
                    Segment::Any => Segment::Index(next.next().copied().unwrap_or(0)),
                    other => other.clone(),
                })
                .collect(),
        }
    }

    /// Whether this path is an instance of `pattern` (a `*` there matches any position).
    pub fn matches(&self, pattern: &OptionPath) -> bool {
        self.segments.len() == pattern.segments.len()
            && self
                .segments
                .iter()
                .zip(&pattern.segments)
                .all(|(s, p)| match (s, p) {
                    (Segment::Index(_) | Segment::Any, Segment::Any) => true,
                    (s, p) => s == p,
                })
    }

    /// The value at this path, if the options have one. A pattern names no single value.
    pub fn get<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        self.segments
            .iter()
            .try_fold(value, |node, segment| match (segment, node) {
                (Segment::Key(key), Value::Object(map)) => map.get(key),
                (Segment::Index(i), Value::Array(items)) => items.get(*i),
                _ => None,
            })
    }

    /// The value at this path, to change in place.
    pub fn get_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value> {
        self.segments
            .iter()
            .try_fold(value, |node, segment| match (segment, node) {
                (Segment::Key(key), Value::Object(map)) => map.get_mut(key),
                (Segment::Index(i), Value::Array(items)) => items.get_mut(*i),
                _ => None,
            })
    }

    /// Sets the value at this path, making the tables and list items on the way: a
    /// missing (or null) table or list is created, and a list too short is extended
    /// with empty tables (their defaults) before a field, or nulls before a plain value.
    /// Fails, naming the place, when a value of another kind is in the way.
    pub fn set(&self, root: &mut Value, new: Value) -> Result<(), SetError> {
        let mut node = root;
        for (depth, segment) in self.segments.iter().enumerate() {
            let blocked = |found: &'static str, wanted: &'static str| SetError {
                path: self.clone(),
                at: OptionPath {
                    segments: self.segments[..depth].to_vec(),
                },
                found,
                wanted,
            };
            node = match segment {
                Segment::Any => return Err(blocked("a pattern", "a position")),
                Segment::Key(key) => {
                    if node.is_null() {
                        *node = Value::Object(Map::new());
                    }
                    let Value::Object(map) = node else {
                        return Err(blocked(describe(node), "a table"));
                    };
                    // The key is copied only when the table lacks it (a batch sets a
                    // dozen options per row, most of them present already).
                    if !map.contains_key(key) {
                        map.insert(key.clone(), Value::Null);
                    }
                    match map.get_mut(key) {
                        Some(child) => child,
                        None => return Err(blocked("nothing", "a table")),
                    }
                }
                Segment::Index(index) => {
                    if node.is_null() {
                        *node = Value::Array(Vec::new());
                    }
                    let Value::Array(items) = node else {
                        return Err(blocked(describe(node), "a list"));
                    };
                    let filler = match self.segments.get(depth + 1) {
                        Some(Segment::Key(_)) => Value::Object(Map::new()),
                        _ => Value::Null,
                    };
                    if items.len() <= *index {
                        items.resize(index + 1, filler);
                    }
                    &mut items[*index]
                }
            };
        }
        *node = new;
        Ok(())
    }
}

impl fmt::Display for OptionPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{segment}")?;
        }
        Ok(())
    }
}

impl FromStr for OptionPath {
    type Err = PathError;
    fn from_str(text: &str) -> Result<OptionPath, PathError> {
        OptionPath::parse(text)
    }
}

impl FromIterator<Segment> for OptionPath {
    fn from_iter<I: IntoIterator<Item = Segment>>(iter: I) -> OptionPath {
        OptionPath {
            segments: iter.into_iter().collect(),
        }
    }
}

/// Whether the dotted path `path` is `prefix` or a path below it, compared as text, for
/// maps keyed by paths: `parties.1.name` is under `parties.1`, `parties.10.name` is not.
/// Every path is under the empty prefix (the options as a whole).
pub fn is_under(path: &str, prefix: &str) -> bool {
    prefix.is_empty()
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// The value at the dotted path `path`, read without parsing it first: for the paths of
/// `when` conditions, tested on every assembly. A segment of digits is a position in a
/// list; anything else a field name.
pub fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    lookup_keys(value, path.split('.'))
}

/// The value at a path already split into its keys, as [`lookup`] reads it: for the
/// paths that conditions and templates split once, at load, and look up at every
/// assembly.
pub fn lookup_keys<K: AsRef<str>>(
    value: &Value,
    keys: impl IntoIterator<Item = K>,
) -> Option<&Value> {
    keys.into_iter().try_fold(value, |node, key| match node {
        Value::Object(map) => map.get(key.as_ref()),
        Value::Array(items) => items.get(key.as_ref().parse::<usize>().ok()?),
        _ => None,
    })
}

/// A value's kind in words, for messages.
pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn path(text: &str) -> OptionPath {
        OptionPath::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn paths_parse_and_print_back() {
        for text in [
            "parties.1.attendees.0.name",
            "recording.policy",
            "parties.*.name",
        ] {
            assert_eq!(path(text).to_string(), text);
        }
        assert_eq!(
            path("parties.12.name").segments(),
            [
                Segment::Key("parties".into()),
                Segment::Index(12),
                Segment::Key("name".into())
            ]
        );
        assert_eq!(path("parties.1.attendees.0.name").indices(), vec![1, 0]);
    }

    #[test]
    fn bad_paths_say_what_is_wrong() {
        let reason = |text: &str| OptionPath::parse(text).expect_err(text).reason;
        assert_eq!(reason(""), "it is empty");
        assert!(reason("parties..name").contains("part 2 is empty"));
        assert!(reason(".case").contains("part 1 is empty"));
        assert!(reason("parties[0].name").contains("parties.0.name"));
        assert!(reason("case.ref erence").contains("letters, digits"));
        assert!(reason("parties.99999999999999999999999.name").contains("too large"));
        let shown = OptionPath::parse("a b").expect_err("a space").to_string();
        assert!(
            shown.starts_with("`a b` is not an option path: "),
            "{shown}"
        );
    }

    #[test]
    fn patterns_match_their_instances() {
        let p = path("parties.1.attendees.0.name");
        assert_eq!(p.pattern().to_string(), "parties.*.attendees.*.name");
        assert!(p.matches(&p.pattern()));
        assert!(!p.matches(&path("parties.*.name")));
        assert_eq!(
            path("parties.*.attendees.*.name")
                .instantiate(&[3, 4])
                .to_string(),
            "parties.3.attendees.4.name"
        );
        assert_eq!(
            p.parent().map(|p| p.to_string()).as_deref(),
            Some("parties.1.attendees.0")
        );
        assert_eq!(p.last_key(), Some("name"));
    }

    #[test]
    fn get_and_lookup_read_nested_values() {
        let value = json!({"parties": [{"name": "A"}, {"name": "B"}], "case": {"locale": "en-GB"}});
        assert_eq!(path("parties.1.name").get(&value), Some(&json!("B")));
        assert_eq!(path("parties.5.name").get(&value), None);
        assert_eq!(path("parties.*.name").get(&value), None);
        assert_eq!(lookup(&value, "parties.0.name"), Some(&json!("A")));
        assert_eq!(lookup(&value, "case.locale"), Some(&json!("en-GB")));
        assert_eq!(lookup(&value, "case.locale.x"), None);
    }

    #[test]
    fn set_makes_the_tables_and_items_on_the_way() {
        let mut value = json!({"parties": [{"name": "A"}]});
        path("parties.2.name")
            .set(&mut value, json!("C"))
            .expect("settable");
        path("costs.shares.1")
            .set(&mut value, json!(40))
            .expect("settable");
        path("case.reference")
            .set(&mut value, json!("R1"))
            .expect("settable");
        assert_eq!(
            value,
            json!({
                "parties": [{"name": "A"}, {}, {"name": "C"}],
                "costs": {"shares": [null, 40]},
                "case": {"reference": "R1"}
            })
        );
    }

    #[test]
    fn set_names_what_is_in_the_way() {
        let mut value = json!({"parties": "none", "case": {"reference": 5}});
        let e = path("parties.0.name")
            .set(&mut value, json!("A"))
            .expect_err("text in the way");
        assert_eq!(e.at.to_string(), "parties");
        assert_eq!(
            e.to_string(),
            "cannot set `parties.0.name`: `parties` holds text, not a list"
        );
        let e = path("case.reference.x")
            .set(&mut value, json!(1))
            .expect_err("a number in the way");
        assert_eq!(
            e.to_string(),
            "cannot set `case.reference.x`: `case.reference` holds a number, not a table"
        );
        assert!(path("parties.*.name").set(&mut value, json!(1)).is_err());
        assert_eq!(value, json!({"parties": "none", "case": {"reference": 5}}));
    }
}
