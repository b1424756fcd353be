//! Reading TOML documents through the JSON value, with toml's own messages and places.
//!
//! `toml::from_str::<T>` compiles toml's serde deserializer, which carries every value's
//! span, once for every type `T` it reads: in the WebAssembly module that was most of the
//! toml crate's size. Here toml only parses (into its spanned `DeTable`, no serde), the
//! document becomes a JSON value, [`tracked`](super::tracked) reads `T` from that and
//! names the path of a failure, and the path finds the span in the parsed document.

use super::{Seg, tracked};
use serde_json::{Map, Value};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

/// The key by which toml's serde layer passes a date or time: a table holding it as text.
pub(super) const DATETIME_KEY: &str = "$__toml_private_datetime";

/// A TOML document that could not be read: toml's message and the bytes at fault.
#[derive(Debug, Clone, PartialEq)]
pub struct TomlError {
    pub message: String,
    pub span: Option<Range<usize>>,
}

/// Reads a TOML document into `T` with the messages and places `toml::from_str` gives,
/// except for a number JSON cannot hold (beyond 64 bits, nan, inf): that is reported at
/// its place before any other problem of the document (toml reports it on reaching it,
/// naming the type it wanted).
///
/// Only the serde step depends on `T`; the rest is in functions of their own, compiled
/// once rather than once for every type read.
pub fn read_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, TomlError> {
    let (root, value) = parse_to_json(text)?;
    tracked::deserialize_toml::<T>(&value).map_err(|(path, e)| placed(&root, &path, &e))
}

/// A TOML document parsed, and as the JSON value `read_toml` reads types from.
fn parse_to_json(text: &str) -> Result<(Spanned<DeTable<'_>>, Value), TomlError> {
    let root = parse(text)?;
    let value = table_to_json(root.get_ref(), Datetimes::AsTables)?;
    Ok((root, value))
}

/// The error `read_toml` reports for a value that failed at `path`: toml's words, at the
/// value's place in the document.
fn placed(root: &Spanned<DeTable<'_>>, path: &[Seg], error: &serde_json::Error) -> TomlError {
    let mut message = error.to_string();
    let node = find(root, path);
    let mut span = node.as_ref().map(|(key, value)| match key {
        // toml places an unknown field at its key.
        Some(key) if message.starts_with("unknown field `") => key.clone(),
        _ => value.span(),
    });
    if let Some((_, value)) = node {
        reword_enum_error(&mut message, &mut span, value);
    }
    TomlError {
        message,
        span: span.or_else(|| Some(root.span())),
    }
}

/// A value [`read_toml`] read into a [`serde_json::Value`], with its dates and times
/// as the text they were written as (as [`toml_to_json`](super::toml_to_json) gives them).
pub fn toml_dates_as_text(value: Value) -> Value {
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key(DATETIME_KEY) => {
            map.into_iter().next().map_or(Value::Null, |(_, date)| date)
        }
        // Filled by `insert`, not collected (see `Facts::context_facts`).
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                out.insert(k, toml_dates_as_text(v));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(toml_dates_as_text).collect()),
        other => other,
    }
}

/// toml's words for an enum that is neither text nor a table of one variant.
fn reword_enum_error(
    message: &mut String,
    span: &mut Option<Range<usize>>,
    value: &Spanned<DeValue<'_>>,
) {
    let table = match value.get_ref() {
        DeValue::Table(table) => Some(table),
        _ => None,
    };
    if message.ends_with(", expected string or map") {
        *message = "wanted string or table".to_owned();
    } else if message == "invalid value: map, expected map with a single key" {
        *message = if table.is_some_and(|t| t.is_empty()) {
            "wanted exactly 1 element, found 0 elements"
        } else {
            "wanted exactly 1 element, more than 1 element"
        }
        .to_owned();
    } else if message.starts_with("unknown variant `")
        && matches!(value.get_ref(), DeValue::Datetime(_))
    {
        // A date passes as a table of one entry, but toml never takes it for a variant.
        *message = "wanted string or table".to_owned();
    } else if message.starts_with("unknown variant `") {
        // A variant written as a table `{ variant = ... }` is placed at its key.
        if let Some((key, _)) = table.and_then(|t| t.iter().next()) {
            *span = Some(key.span());
        }
    }
}

/// Parses a TOML document (toml's syntax errors, with their places).
pub(super) fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, TomlError> {
    DeTable::parse(text).map_err(|e| TomlError {
        message: e.message().to_owned(),
        span: e.span(),
    })
}

/// How TOML dates and times (and numbers JSON cannot hold) become JSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Datetimes {
    /// As the text they were written as (options: a date option is text); numbers
    /// as reading into a toml::Value had them (nan and inf become null).
    AsText,
    /// As toml's serde layer passes them, so that a type reading them sees what it
    /// would see from `toml::from_str`; nan and inf are refused.
    AsTables,
}

/// A parsed TOML table as JSON, refusing numbers that do not fit (as toml does when
/// reading them into any type).
pub(super) fn table_to_json(table: &DeTable<'_>, dates: Datetimes) -> Result<Value, TomlError> {
    let mut map = Map::new();
    for (key, value) in table {
        map.insert(key.get_ref().to_string(), to_json(value, dates)?);
    }
    Ok(Value::Object(map))
}

fn to_json(value: &Spanned<DeValue<'_>>, dates: Datetimes) -> Result<Value, TomlError> {
    let fail = |message: &str| TomlError {
        message: message.to_owned(),
        span: Some(value.span()),
    };
    Ok(match value.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => {
            if let Ok(n) = i64::from_str_radix(i.as_str(), i.radix()) {
                Value::from(n)
            } else if dates == Datetimes::AsText {
                // What reading into a toml::Value said (options are read that way).
                return Err(fail(&too_large(i.as_str(), i.radix())));
            } else {
                return Err(fail("integer number overflowed"));
            }
        }
        DeValue::Float(f) => {
            let n: f64 = f.as_str().parse().unwrap_or(f64::INFINITY);
            if n.is_infinite() && !f.as_str().contains("inf") {
                return Err(fail("floating-point number overflowed"));
            }
            if !n.is_finite() && dates == Datetimes::AsTables {
                // JSON has no such number; no field of a document read with read_toml
                // takes one (toml would name the type wanted on reaching it).
                return Err(fail(&format!(
                    "`{}` is not accepted here: it is not a finite number",
                    f.as_str()
                )));
            }
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => match dates {
            Datetimes::AsText => Value::String(d.to_string()),
            Datetimes::AsTables => {
                let mut table = Map::new();
                table.insert(DATETIME_KEY.to_owned(), Value::String(d.to_string()));
                Value::Object(table)
            }
        },
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| to_json(item, dates))
                .collect::<Result<_, _>>()?,
        ),
        DeValue::Table(table) => table_to_json(table, dates)?,
    })
}

/// toml::Value's message for an integer beyond i64.
fn too_large(digits: &str, radix: u32) -> String {
    if u64::from_str_radix(digits, radix).is_ok() {
        "u64 value was too large".to_owned()
    } else if let Ok(n) = i128::from_str_radix(digits, radix) {
        format!("invalid type: integer `{n}` as i128, expected any valid TOML value")
    } else if let Ok(n) = u128::from_str_radix(digits, radix) {
        format!("invalid type: integer `{n}` as u128, expected any valid TOML value")
    } else {
        "integer number overflowed".to_owned()
    }
}

/// The value at `path` in the parsed document, with the span of its key when it has one.
fn find<'a, 'i>(
    root: &'a Spanned<DeTable<'i>>,
    path: &[Seg],
) -> Option<(Option<Range<usize>>, &'a Spanned<DeValue<'i>>)> {
    let mut table: Option<&DeTable<'i>> = Some(root.get_ref());
    let mut array: Option<&DeArray<'i>> = None;
    let mut found = None;
    for seg in path {
        let (key, value) = match (seg, table, array) {
            (Seg::Key(k), Some(t), _) => {
                let (key, value) = t.get_key_value(k.as_str())?;
                (Some(key.span()), value)
            }
            (Seg::Index(i), _, Some(a)) => (None, a.get(*i)?),
            _ => return None,
        };
        (table, array) = match value.get_ref() {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a)),
            _ => (None, None),
        };
        found = Some((key, value));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: String,
        #[serde(default)]
        numbered: bool,
        kind: Option<Kind>,
        #[serde(default)]
        when: BTreeMap<String, toml::Value>,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
        #[serde(default)]
        count: u32,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        Zoom,
        GoogleMeet,
    }

    /// What toml::from_str says: the value, or the message and the start of the span.
    fn expected(text: &str) -> Result<Doc, (String, Option<usize>)> {
        toml::from_str::<Doc>(text).map_err(|e| (e.message().to_owned(), e.span().map(|s| s.start)))
    }

    fn ours(text: &str) -> Result<Doc, (String, Option<usize>)> {
        read_toml::<Doc>(text).map_err(|e| (e.message, e.span.map(|s| s.start)))
    }

    #[test]
    fn the_same_values_messages_and_places_as_toml() {
        let documents = [
            "name = \"x\"\nkind = \"google-meet\"\nwhen = { \"a.b\" = [\"c\", true] }\n[[items]]\nid = \"i\"\ncount = 3\n",
            "name = \"x\"\nwhen = { \"a.b\" = 2026-01-01 }\n",
            "name = 1\n",
            "name = 2026-01-01\n",
            "numbered = true\n",
            "name = \"x\"\ncolour = 1\n",
            "name = \"x\"\nkind = \"teams\"\n",
            "name = \"x\"\nkind = 3\n",
            "name = \"x\"\nkind = 2026-01-01\n",
            "name = \"x\"\nkind = {}\n",
            "name = \"x\"\nkind = { zoom = 1, teams = 2 }\n",
            "name = \"x\"\nkind = { teams = 1 }\n",
            "name = \"x\"\nkind = { zoom = 1 }\n",
            "name = \"x\"\nkind = { zoom = [] }\n",
            "name = \"x\"\nkind = { zoom = {} }\n",
            "name = \"x\"\nkind = { zoom = [1] }\n",
            "name = \"x\"\nkind = { zoom = { a = 1 } }\n",
            "name = \"x\"\nkind = { zoom = 2026-01-01 }\n",
            "name = \"x\"\nkind = { zoom = \"a\" }\n",
            "name = \"x\"\nkind = { zoom = 1.5 }\n",
            "name = \"x\"\nwhen = 3\n",
            "name = \"x\"\nwhen = 2026-01-01\n",
            "name = \"x\"\n[[items]]\nid = \"i\"\ncount = -1\n",
            "name = \"x\"\n[[items]]\nid = \"i\"\n[[items]]\ncount = 1\n",
            "name = \"x\"\n[[items]]\nid = \"i\"\nextra = true\n",
            "name = \"x\"\nitems = 5\n",
            "name = \"x\"\nitems = [1]\n",
            "name = \"x\"\nnumbered = \n",
        ];
        for text in documents {
            assert_eq!(ours(text), expected(text), "{text}");
        }
    }

    #[test]
    fn dates_read_into_json_values_become_text() {
        #[derive(Deserialize)]
        struct When {
            when: BTreeMap<String, Value>,
        }
        let read = read_toml::<When>("when = { a = 2026-01-01, b = [07:30:00, \"x\"] }\n")
            .expect("a table of values");
        let when: BTreeMap<String, Value> = read
            .when
            .into_iter()
            .map(|(k, v)| (k, toml_dates_as_text(v)))
            .collect();
        assert_eq!(when["a"], Value::from("2026-01-01"));
        assert_eq!(when["b"], serde_json::json!(["07:30:00", "x"]));
        // The same as options read from TOML text.
        let direct =
            super::super::toml_value("a = 2026-01-01\nb = [07:30:00, \"x\"]\n").expect("TOML");
        assert_eq!(direct["a"], when["a"]);
        assert_eq!(direct["b"], when["b"]);
    }

    #[test]
    fn numbers_json_cannot_hold_are_refused_first_and_in_place() {
        // toml names the type wanted, and only on reaching the number; we say what is
        // wrong with the number, before anything else in the document, at the same place.
        let text = "name = 99999999999999999999\n";
        assert_eq!(
            ours(text),
            Err(("integer number overflowed".to_owned(), Some(7)))
        );
        assert_eq!(expected(text).map_err(|e| e.1), Err(Some(7)));
        let text = "name = \"x\"\ncount = 1e999\n";
        assert_eq!(
            ours(text),
            Err(("floating-point number overflowed".to_owned(), Some(19)))
        );
        let text = "name = nan\n";
        assert_eq!(
            ours(text),
            Err((
                "`nan` is not accepted here: it is not a finite number".to_owned(),
                Some(7)
            ))
        );
    }
}
