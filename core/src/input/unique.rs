//! Reading JSON (or YAML, or any self-describing format) into a JSON value, refusing a
//! key given twice in one table.
//!
//! serde_json's own `Value` keeps the last of two equal keys without a word, and so does
//! serde_yaml_ng's route into it, while toml refuses them: the same options meant
//! different things in different formats. Reading through [`read_value`] gives every
//! format toml's rule, and names the option path of the key given twice.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;

/// A key given twice in one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The option path of the table (empty for the top level).
    pub table: String,
    /// The key.
    pub key: String,
}

impl DuplicateKey {
    /// The option path of the key: `parties.0.name`.
    pub fn path(&self) -> String {
        if self.table.is_empty() {
            self.key.clone()
        } else {
            format!("{}.{}", self.table, self.key)
        }
    }

    /// The diagnostic for it (the caller adds where in the text, when it knows).
    pub fn diagnostic(&self) -> crate::Diagnostic {
        let within = if self.table.is_empty() {
            String::new()
        } else {
            format!(" in `{}`", self.table)
        };
        crate::Diagnostic::error(
            "duplicate-key",
            self.path(),
            format!(
                "`{}` is given twice{within}, so it is unclear which value is meant",
                self.key
            ),
        )
        .hint("keep one of the two and delete the other")
    }
}

/// Reads one value from `deserializer`; a key given twice is an error of the format (so
/// it carries the format's line and column) and is also returned as a [`DuplicateKey`].
pub fn read_value<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Value, (D::Error, Option<DuplicateKey>)> {
    let duplicate = RefCell::new(None);
    let seed = Node {
        at: &At::Root,
        duplicate: &duplicate,
        strict: true,
    };
    seed.deserialize(deserializer)
        .map_err(|e| (e, duplicate.into_inner()))
}

/// Reads one value from `deserializer` to its end, noting the first key given twice (and
/// keeping the later value) rather than stopping there: for a stream of values, such as
/// the cases of a batch's JSON array, where one value's mistake must not end the stream.
pub fn read_value_noting_duplicates<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<(Value, Option<DuplicateKey>), D::Error> {
    let duplicate = RefCell::new(None);
    let seed = Node {
        at: &At::Root,
        duplicate: &duplicate,
        strict: false,
    };
    let value = seed.deserialize(deserializer)?;
    Ok((value, duplicate.into_inner()))
}

/// Where a value sits, as a chain on the stack.
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (parent, step) = match self {
            At::Root => return Ok(()),
            At::Key(parent, key) => (parent, (*key).to_owned()),
            At::Index(parent, index) => (parent, index.to_string()),
        };
        if matches!(parent, At::Root) {
            f.write_str(&step)
        } else {
            write!(f, "{parent}.{step}")
        }
    }
}

/// One value to read, where to note a duplicate key, and whether one stops the reading.
#[derive(Clone, Copy)]
struct Node<'a> {
    at: &'a At<'a>,
    duplicate: &'a RefCell<Option<DuplicateKey>>,
    strict: bool,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// The same values as serde_json's `Value` visitor gives.
impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Value, E> {
        match i64::try_from(value) {
            Ok(v) => Ok(Value::Number(v.into())),
            Err(_) => self.visit_u128(u128::try_from(value).map_err(|_| out_of_range())?),
        }
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Value, E> {
        u64::try_from(value)
            .map(|v| Value::Number(v.into()))
            .map_err(|_| out_of_range())
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let at = At::Index(self.at, items.len());
            let node = Node { at: &at, ..self };
            match seq.next_element_seed(node)? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if entries.contains_key(&key) {
                let duplicate = DuplicateKey {
                    table: self.at.to_string(),
                    key: key.clone(),
                };
                let message = duplicate.diagnostic().message;
                let mut noted = self.duplicate.borrow_mut();
                if noted.is_none() {
                    *noted = Some(duplicate);
                }
                if self.strict {
                    return Err(de::Error::custom(message));
                }
            }
            let at = At::Key(self.at, &key);
            let value = map.next_value_seed(Node { at: &at, ..self })?;
            entries.insert(key, value);
        }
        Ok(Value::Object(entries))
    }
}

fn out_of_range<E: de::Error>() -> E {
    E::custom("the number is out of range")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json(text: &str) -> Result<Value, (String, Option<String>)> {
        let mut de = serde_json::Deserializer::from_str(text);
        read_value(&mut de)
            .and_then(|v| de.end().map(|()| v).map_err(|e| (e, None)))
            .map_err(|(e, d)| (e.to_string(), d.map(|d| d.path())))
    }

    /// Collects the elements of a JSON array, as a batch does, with their duplicates.
    struct Collect<'a>(&'a mut Vec<(Value, Option<String>)>);

    impl<'de> Visitor<'de> for Collect<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while let Some((value, duplicate)) = seq.next_element_seed(Element)? {
                self.0.push((value, duplicate.map(|d| d.path())));
            }
            Ok(())
        }
    }

    struct Element;

    impl<'de> DeserializeSeed<'de> for Element {
        type Value = (Value, Option<DuplicateKey>);
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            read_value_noting_duplicates(d)
        }
    }

    #[test]
    fn values_are_read_as_serde_json_reads_them() {
        let text = r#"{"a": [1, -2, 2.5, 18446744073709551615, "x", null, true], "b": {"c": {}}}"#;
        assert_eq!(
            json(text),
            Ok(serde_json::from_str::<Value>(text).expect("valid JSON"))
        );
    }

    #[test]
    fn a_key_given_twice_is_named_with_its_path_and_place() {
        let (message, path) =
            json("{\"parties\": [{}, {\"name\": \"A\",\n \"name\": \"B\"}]}").expect_err("twice");
        assert_eq!(path.as_deref(), Some("parties.1.name"));
        assert!(
            message.contains("`name` is given twice in `parties.1`"),
            "{message}"
        );
        assert!(message.contains("line 2"), "{message}");
        let (_, path) = json(r#"{"case": {}, "case": {}}"#).expect_err("twice at the top");
        assert_eq!(path.as_deref(), Some("case"));
        // In a stream, the value is read to its end and the duplicate noted.
        let mut de = serde_json::Deserializer::from_str(r#"[{"a": {"b": 1, "b": 2}}, {"c": 3}]"#);
        let mut seq = Vec::new();
        de::Deserializer::deserialize_seq(&mut de, Collect(&mut seq)).expect("a stream");
        assert_eq!(seq[0], (json!({"a": {"b": 2}}), Some("a.b".to_owned())));
        assert_eq!(seq[1], (json!({"c": 3}), None));
        // Equal keys in different tables are not duplicates.
        assert_eq!(
            json(r#"{"a": {"x": 1}, "b": {"x": 2}}"#),
            Ok(json!({"a": {"x": 1}, "b": {"x": 2}}))
        );
    }
}
