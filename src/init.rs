//! `caucus init`: a commented TOML options file documenting every option.
//!
//! The file is generated from the JSON Schema (descriptions, choices and defaults), in the
//! order the options model declares its fields, so it cannot drift from the model. Every
//! option is written with its default value: the file as written gives the defaults.

use crate::cli::InitArgs;
use crate::output;
use anyhow::{Context, Result};
use caucus_core::Options;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt::Write as _;
use std::process::ExitCode;

pub fn run(args: &InitArgs) -> Result<ExitCode> {
    let text = template()?;
    if args.path.as_os_str() == "-" {
        output::write_stdout(text.as_bytes())?;
    } else {
        output::write_atomic(&args.path, text.as_bytes(), args.force)?;
        eprintln!(
            "caucus: wrote {}; edit it, then run `caucus generate {}`",
            args.path.display(),
            args.path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The commented options file.
pub fn template() -> Result<String> {
    let schema = caucus_core::schema();
    let defaults = serde_json::to_string(&Options::default())?;
    let order: Ordered = serde_json::from_str(&defaults).context("reading the default options")?;
    let mut out = String::from(
        "# caucus options: the choices behind one set of video-mediation documents.\n\
         #\n\
         # Every option is written here with its default, so this file as it stands gives the\n\
         # default documents; an empty file does too. Change what you need, delete the rest.\n\
         # `caucus check FILE` checks a file and `caucus schema` prints the JSON Schema.\n",
    );
    let writer = Writer { root: &schema };
    let Ordered::Table(fields) = &order else {
        anyhow::bail!("the default options are not a table");
    };
    let values = serde_json::to_value(Options::default())?;
    writer.table(&mut out, &schema, fields, &values, "");
    Ok(out)
}

/// The default options with their keys in declaration order (serde_json's `Value` sorts
/// them).
#[derive(Debug)]
enum Ordered {
    Scalar,
    List(Vec<Ordered>),
    Table(Vec<(String, Ordered)>),
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Ordered::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut fields = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Ordered>()? {
                    fields.push((k, v));
                }
                Ok(Ordered::Table(fields))
            }
        }
        d.deserialize_any(V)
    }
}

struct Writer<'a> {
    root: &'a Value,
}

impl Writer<'_> {
    /// Follows `$ref`, and the non-null alternative of an optional value.
    fn resolve<'b>(&'b self, node: &'b Value) -> &'b Value {
        if let Some(target) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .and_then(|name| self.root.get("$defs")?.get(name))
        {
            return self.resolve(target);
        }
        if let Some(alternatives) = node.get("anyOf").and_then(Value::as_array) {
            let mut real = alternatives
                .iter()
                .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"));
            if let (Some(only), None) = (real.next(), real.next()) {
                return self.resolve(only);
            }
        }
        node
    }

    /// The fields of one table: plain keys first, then sub-tables and lists of tables.
    fn table(
        &self,
        out: &mut String,
        node: &Value,
        fields: &[(String, Ordered)],
        values: &Value,
        path: &str,
    ) {
        let node = self.resolve(node);
        let Some(props) = node.get("properties") else {
            return;
        };
        let mut later = Vec::new();
        for (key, ordered) in fields {
            let Some(prop) = props.get(key) else { continue };
            let target = self.resolve(prop);
            let is_table = target.get("properties").is_some();
            let item_is_table = target
                .get("items")
                .is_some_and(|i| self.resolve(i).get("properties").is_some());
            if is_table || item_is_table {
                later.push((key, prop, ordered));
            } else {
                self.key(out, key, prop, values.get(key));
            }
        }
        for (key, prop, ordered) in later {
            let full = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            let target = self.resolve(prop);
            match ordered {
                Ordered::Table(sub) => {
                    out.push('\n');
                    comment(out, description(prop));
                    let _ = writeln!(out, "[{full}]");
                    self.table(out, target, sub, &values[key.as_str()], &full);
                }
                Ordered::List(items) => {
                    let item_schema = target.get("items").unwrap_or(&Value::Null);
                    out.push('\n');
                    comment(out, description(prop));
                    if items.is_empty() {
                        self.example(out, item_schema, &full);
                    }
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push('\n');
                        }
                        let _ = writeln!(out, "[[{full}]]");
                        if let Ordered::Table(sub) = item {
                            self.table(out, item_schema, sub, &values[key.as_str()][i], &full);
                        }
                    }
                }
                Ordered::Scalar => {}
            }
        }
    }

    /// One `key = default` line with its description and, for a choice, the choices.
    fn key(&self, out: &mut String, key: &str, prop: &Value, value: Option<&Value>) {
        out.push('\n');
        comment(out, description(prop));
        let target = self.resolve(prop);
        if let Some(choices) = target.get("oneOf").and_then(Value::as_array) {
            out.push_str("# One of:\n");
            for choice in choices {
                let value = choice
                    .get("const")
                    .map(Value::to_string)
                    .unwrap_or_default();
                let text = description(choice).replace('\n', " ");
                let _ = writeln!(out, "#   {value}: {text}");
            }
        }
        match value.and_then(toml_literal) {
            Some(literal) => {
                let _ = writeln!(out, "{key} = {literal}");
            }
            None => {
                let form = description(target).trim_end_matches('.');
                let mut chars = form.chars();
                let form = match chars.next() {
                    Some(first) => first.to_lowercase().chain(chars).collect(),
                    None => String::from("a value"),
                };
                let _ = writeln!(out, "# Not set by default. To set it, write {form}:");
                let _ = writeln!(out, "# {key} = \"\"");
            }
        }
    }

    /// A commented example of a list of tables that is empty by default.
    fn example(&self, out: &mut String, item_schema: &Value, path: &str) {
        let item = self.resolve(item_schema);
        let Some(props) = item.get("properties").and_then(Value::as_object) else {
            return;
        };
        let _ = writeln!(
            out,
            "# None by default. Add one [[{path}]] table for each, with these keys:"
        );
        let _ = writeln!(out, "# [[{path}]]");
        let mut keys: Vec<(&String, &Value)> = props.iter().collect();
        // Keys in the order a person reads them: the name first.
        keys.sort_by_key(|(k, _)| (k.as_str() != "name", k.as_str().to_owned()));
        for (key, prop) in keys {
            let literal = prop
                .get("default")
                .and_then(toml_literal)
                .unwrap_or_else(|| "\"\"".into());
            let mut text = description(prop).replace('\n', " ");
            let target = self.resolve(prop);
            if let Some(choices) = target.get("oneOf").and_then(Value::as_array) {
                let values: Vec<String> = choices
                    .iter()
                    .filter_map(|c| c.get("const").map(Value::to_string))
                    .collect();
                let _ = write!(text, " One of {}.", values.join(", "));
            }
            let _ = writeln!(out, "# {key} = {literal}    # {text}");
        }
    }
}

fn description(node: &Value) -> &str {
    node.get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

/// A JSON default as a TOML value; `None` for null (an option that is not set).
fn toml_literal(value: &Value) -> Option<String> {
    fn convert(value: &Value) -> Option<toml::Value> {
        Some(match value {
            Value::Null => return None,
            Value::Bool(b) => toml::Value::Boolean(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => toml::Value::Integer(i),
                None => toml::Value::Float(n.as_f64()?),
            },
            Value::String(s) => toml::Value::String(s.clone()),
            Value::Array(items) => toml::Value::Array(items.iter().filter_map(convert).collect()),
            Value::Object(map) => toml::Value::Table(
                map.iter()
                    .filter_map(|(k, v)| Some((k.clone(), convert(v)?)))
                    .collect(),
            ),
        })
    }
    convert(value).map(|v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_gives_the_defaults() {
        let text = template().expect("template");
        let options = Options::from_toml_str(&text).unwrap_or_else(|d| panic!("{d}\n{text}"));
        assert_eq!(options, Options::default());
    }

    #[test]
    fn every_option_is_documented() {
        let text = template().expect("template");
        for path in caucus_core::schema::choices().keys() {
            let key = path.rsplit('.').next().unwrap_or(path);
            assert!(
                text.contains(&format!("\n{key} = ")),
                "{path} is missing:\n{text}"
            );
        }
        assert!(text.contains("# [[parties.attendees]]"));
        assert!(text.contains("\"prohibited\": Nobody records"));
    }
}
