//! `caucus init`: a commented TOML options file documenting every option.
//!
//! The file is written from the options model (`caucus_core::model`): each option's title,
//! description, choices, unit and when it matters, in the order `options.rs` declares
//! them, so it cannot drift from the model. Every option is written with its default
//! value: the file as written gives the defaults.

use crate::cli::InitArgs;
use crate::output;
use anyhow::Result;
use caucus_core::Options;
use caucus_core::model::{self, Kind, OptionInfo};
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
    let mut out = String::from(
        "# caucus options: the choices behind one set of video-mediation documents.\n\
         #\n\
         # Every option is written here with its default, so this file as it stands gives the\n\
         # default documents; an empty file does too. Change what you need, delete the rest.\n\
         # `caucus check FILE` checks a file and `caucus schema` prints the JSON Schema.\n",
    );
    let defaults = serde_json::to_value(Options::default())?;
    table(&mut out, model::root(), &defaults, "");
    Ok(out)
}

/// The fields of one table: its own values first, then its tables and lists of tables
/// (TOML needs a table's keys before the tables inside it). `header` is the TOML name of
/// the table (`parties` for each party).
fn table(out: &mut String, node: &OptionInfo, values: &Value, header: &str) {
    let (plain, nested): (Vec<&OptionInfo>, Vec<&OptionInfo>) = node
        .fields()
        .iter()
        .partition(|f| f.is_leaf() && !matches!(f.kind, Kind::Map(_)));
    for field in plain {
        key(out, field, values.get(field.key().unwrap_or_default()));
    }
    for field in nested {
        let name = field.key().unwrap_or_default();
        let full = if header.is_empty() {
            name.to_owned()
        } else {
            format!("{header}.{name}")
        };
        out.push('\n');
        document(out, field);
        let value = values.get(name).unwrap_or(&Value::Null);
        match (&field.kind, field.item()) {
            (Kind::Table(_), _) => {
                let _ = writeln!(out, "[{full}]");
                table(out, field, value, &full);
            }
            (Kind::Map(_), _) => {
                // Keys chosen by the writer: none by default, so an example.
                let _ = writeln!(out, "[{full}]");
                let _ = writeln!(
                    out,
                    "# None by default. One key per clause id (`caucus clauses` lists them), for example:"
                );
                let _ = writeln!(
                    out,
                    "# recording-prohibited = \"\"\"\n# Nobody may record any part of the Mediation.\n# \"\"\""
                );
            }
            (_, Some(item)) => {
                let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
                if items.is_empty() {
                    example(out, item, &full);
                }
                for (i, each) in items.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    let _ = writeln!(out, "[[{full}]]");
                    table(out, item, each, &full);
                }
            }
            _ => {}
        }
    }
}

/// One `key = default` line, with what the option is above it.
fn key(out: &mut String, option: &OptionInfo, value: Option<&Value>) {
    let name = option.key().unwrap_or_default();
    out.push('\n');
    document(out, option);
    if !option.choices().is_empty() {
        out.push_str("# One of:\n");
        for choice in option.choices() {
            let _ = writeln!(out, "#   {}: {}", choice.value, choice.title);
        }
    }
    match value.and_then(toml_literal) {
        Some(literal) => {
            let _ = writeln!(out, "{name} = {literal}");
        }
        None => {
            let (form, sample) = match option.kind {
                Kind::Date => ("a date, YYYY-MM-DD", "2026-12-01"),
                Kind::Time => ("a time, HH:MM on a 24-hour clock", "\"09:30\""),
                _ => ("a value", "\"\""),
            };
            let _ = writeln!(out, "# Not set by default. To set it, write {form}:");
            let _ = writeln!(out, "# {name} = {sample}");
        }
    }
}

/// The option's title and description as comments, and what the model adds: its unit,
/// the list it follows or points into, and when it matters.
fn document(out: &mut String, option: &OptionInfo) {
    let _ = writeln!(out, "# {}", option.title);
    let mut notes = Vec::new();
    if let Some(help) = option.help() {
        notes.push(help.to_owned());
    }
    if let Some(unit) = &option.unit {
        notes.push(format!("In {unit}."));
    }
    if let Some(list) = &option.one_per {
        notes.push(format!("One for each of `{list}`, in their order."));
    }
    if let Some(list) = &option.index_of {
        notes.push(format!("The position of one of `{list}`, counting from 0."));
    }
    if !option.shown_when.is_empty() {
        let when: Vec<String> = option.shown_when.iter().map(ToString::to_string).collect();
        notes.push(format!("Used only when {}.", when.join(", or when ")));
    }
    comment(out, &notes.join(" "));
}

/// A commented example of a list of tables that is empty by default.
fn example(out: &mut String, item: &OptionInfo, header: &str) {
    let _ = writeln!(
        out,
        "# None by default. Add one [[{header}]] table for each, with these keys:"
    );
    let _ = writeln!(out, "# [[{header}]]");
    for field in item.fields() {
        let literal = field
            .default
            .as_ref()
            .and_then(toml_literal)
            .unwrap_or_else(|| "\"\"".into());
        let mut text = field.title.clone();
        if let Some(help) = field.help() {
            let _ = write!(text, ": {help}");
        }
        if !field.choices().is_empty() {
            let values: Vec<String> = field
                .choices()
                .iter()
                .map(|c| c.value.to_string())
                .collect();
            let _ = write!(text, " One of {}.", values.join(", "));
        }
        let _ = writeln!(
            out,
            "# {} = {literal}    # {text}",
            field.key().unwrap_or_default()
        );
    }
}

/// Text as comment lines of at most about 88 characters.
fn comment(out: &mut String, text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + word.len() + 1 > 86 {
            let _ = writeln!(out, "# {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
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

    /// Every option the model lists is in the file, under its own table, with its title
    /// right above it (or beside it, in the example of a list that is empty by default),
    /// and every choice with its display name.
    #[test]
    fn every_option_is_documented() {
        let text = template().expect("template");
        let mut checked = 0;
        for leaf in model::leaves() {
            let keys: Vec<&str> = leaf
                .path
                .segments()
                .iter()
                .filter_map(|s| match s {
                    model::Segment::Key(k) => Some(k.as_str()),
                    _ => None,
                })
                .collect();
            let (name, tables) = keys.split_last().expect("a leaf has a name");
            if matches!(leaf.kind, Kind::Map(_)) {
                // Written as a table of its own, with an example of a key.
                let table = format!("# {}\n", leaf.title);
                let at = text.find(&table).expect("the map's title");
                assert!(text[at..].contains(&format!("\n[{name}]\n# None by default")));
                checked += 1;
                continue;
            }
            let in_list = leaf.path.is_pattern();
            let header = match (tables.is_empty(), in_list) {
                (true, _) => String::new(),
                (false, false) => format!("\n[{}]\n", tables.join(".")),
                (false, true) => format!("[[{}]]\n", tables.join(".")),
            };
            let start = text
                .find(&header)
                .unwrap_or_else(|| panic!("no table {header:?} for {}:\n{text}", leaf.path));
            let section = &text[start + header.len()..];
            let section = section.split("\n[").next().unwrap_or(section);
            let documented = [
                format!("# {}\n{name} = ", leaf.title),
                format!("\n{name} = "),
                format!("# {name} = "),
            ]
            .iter()
            .position(|line| section.contains(line.as_str()))
            .unwrap_or_else(|| panic!("{} is not under {header:?}:\n{text}", leaf.path));
            let titled = match documented {
                // Unset, or in the example of an empty list: the title above or beside.
                2 => {
                    section.contains(&format!("    # {}", leaf.title))
                        || section.contains(&format!("# {}\n", leaf.title))
                }
                _ => section.contains(&format!("# {}\n", leaf.title)),
            };
            assert!(
                titled,
                "{} has no title {:?}:\n{section}",
                leaf.path, leaf.title
            );
            for choice in leaf.choices() {
                let listed = section.contains(&format!("#   {}: {}\n", choice.value, choice.title))
                    || section.contains(&choice.value.to_string());
                assert!(listed, "{} = {} is not listed", leaf.path, choice.value);
            }
            checked += 1;
        }
        assert!(checked > 50, "only {checked} options");
        assert!(text.contains("# [[parties.attendees]]"));
        assert!(text.contains("\"prohibited\": Nobody records"));
        assert!(text.contains("# platform.kind = \"other\".\n"), "{text}");
    }
}
