//! The order in which `options.rs` declares the fields of each table, written into the
//! schema as `x-order` when the schema is generated (`schema.rs`'s test).
//!
//! The schema lists properties alphabetically (serde_json's map is sorted), but a form
//! and a commented options file read best in the order the model was written: the case
//! before the parties, a party's name before its role. serde writes a struct's fields in
//! declaration order, so the order is read from the options as serde writes them, with
//! one item in every list of tables (made from `{}`, which is each item's defaults) so
//! that the fields of list items are seen too. This runs at development time only: the
//! engine reads `x-order` from the committed schema.

use super::info::{self, OptionInfo};
use super::path::{OptionPath, Segment};
use crate::options::Options;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// Adds `x-order` (the field names in declaration order) to every table of the schema:
/// the root and each definition with properties.
pub(crate) fn annotate(schema: &mut Value) {
    let order = declared(&info::build(schema));
    for (path, keys) in order {
        let path = match path.as_str() {
            "" => OptionPath::root(),
            text => match OptionPath::parse(text) {
                Ok(path) => path,
                Err(_) => continue,
            },
        };
        if let Some(table) = definition_at(schema, &path) {
            table.insert(
                "x-order".to_owned(),
                Value::Array(keys.into_iter().map(Value::String).collect()),
            );
        }
    }
}

/// The object schema (with properties) at a pattern path: the root, or the definition a
/// `$ref` on the way leads to.
fn definition_at<'s>(
    schema: &'s mut Value,
    path: &OptionPath,
) -> Option<&'s mut Map<String, Value>> {
    let mut name: Option<String> = None;
    let mut node = schema.clone();
    for segment in path.segments() {
        let next = match segment {
            Segment::Key(key) => node.get("properties")?.get(key)?.clone(),
            Segment::Any | Segment::Index(_) => node.get("items")?.clone(),
        };
        let reference = next
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .map(str::to_owned);
        node = match &reference {
            Some(r) => schema.get("$defs")?.get(r)?.clone(),
            None => next,
        };
        name = reference;
    }
    let target = match name {
        Some(name) => schema.get_mut("$defs")?.get_mut(&name)?,
        None if path.is_root() => schema,
        None => return None,
    };
    target
        .as_object_mut()
        .filter(|t| t.contains_key("properties"))
}

/// The field names of every table in declaration order, by the table's pattern path
/// (`""` for the options, `parties.*` for a party).
fn declared(model: &OptionInfo) -> BTreeMap<String, Vec<String>> {
    let mut order = BTreeMap::new();
    let Ok(options) = Options::from_value(shape(model)) else {
        return order;
    };
    let Ok(text) = serde_json::to_string(&options) else {
        return order;
    };
    let mut reader = serde_json::Deserializer::from_str(&text);
    let _ = Keys {
        path: String::new(),
        out: &mut order,
    }
    .deserialize(&mut reader);
    order
}

/// Options with one item, itself with one item in each of its lists of tables, in every
/// list of tables: `{"parties": [{"attendees": [{}]}]}`.
fn shape(node: &OptionInfo) -> Value {
    let mut table = Map::new();
    for field in node.fields() {
        if let (true, Some(item)) = (field.is_list_of_tables(), field.item()) {
            table.insert(
                field.key().unwrap_or_default().to_owned(),
                Value::Array(vec![shape(item)]),
            );
        } else if !field.fields().is_empty() {
            table.insert(field.key().unwrap_or_default().to_owned(), shape(field));
        }
    }
    Value::Object(table)
}

/// Records the keys of every map it reads, by pattern path.
struct Keys<'m> {
    path: String,
    out: &'m mut BTreeMap<String, Vec<String>>,
}

impl Keys<'_> {
    fn child(&self, step: &str) -> String {
        if self.path.is_empty() {
            step.to_owned()
        } else {
            format!("{}.{step}", self.path)
        }
    }
}

impl<'de> DeserializeSeed<'de> for Keys<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Keys<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the options as JSON")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let path = self.child("*");
        while seq
            .next_element_seed(Keys {
                path: path.clone(),
                out: &mut *self.out,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(Keys {
                path: self.child(&key),
                out: &mut *self.out,
            })?;
            keys.push(key);
        }
        self.out.entry(self.path).or_insert(keys);
        Ok(())
    }
}
