//! Reading options from JSON and TOML text, reporting every mistake at once, and the
//! small text utilities the CLI shares for its own file formats.
//!
//! Every format follows one rule: a byte order mark is skipped, a key given twice in one
//! table is refused with its path ([`unique`]), and sizes no real agreement needs are
//! refused before anything else ([`limits`]).
//!
//! serde stops at the first error. To report them all, we deserialize from a JSON value,
//! and on each error record it with its option path, remove the offending value (so that
//! the field's default applies) and try again. Each pass finds one more error; the loop
//! ends when the value deserializes or nothing more can be removed. The path comes from
//! our own deserializer over the value ([`tracked`]).

mod limits;
mod toml_doc;
mod tracked;
mod unique;

pub use limits::{MAX_LIST_LEN, MAX_OPTIONS_BYTES, MAX_TEXT_CHARS, is_invisible};
pub use toml_doc::{TomlError, read_toml, toml_dates_as_text};
pub use unique::{DuplicateKey, read_value, read_value_noting_duplicates};

use crate::diagnostic::{Diagnostic, Diagnostics};
// One step of an option path, as the model writes it.
use crate::model::{OptionPath, Segment as Seg};
use crate::options::Options;
use serde_json::Value;
use toml_doc::Datetimes;

/// How many distinct errors one input may report before we stop looking.
const MAX_ERRORS: usize = 100;

impl Options {
    /// Reads options from JSON text. Syntax errors name the line and column; every
    /// invalid option is reported with its path.
    pub fn from_json_str(text: &str) -> Result<Options, Diagnostics> {
        let text = options_text(text)?;
        let value = json_value(text).map_err(|(e, duplicate)| match duplicate {
            Some(duplicate) => duplicate.diagnostic(),
            None => Diagnostic::error(
                "options-syntax",
                "",
                format!("the options are not valid JSON: {e}"),
            )
            .hint("fix the JSON syntax at that line and column"),
        })?;
        Options::from_value(value)
    }

    /// Reads options from TOML text.
    pub fn from_toml_str(text: &str) -> Result<Options, Diagnostics> {
        let text = options_text(text)?;
        let value = toml_value(text).map_err(|e| {
            let place = e
                .span
                .map(|span| {
                    let (line, column) = line_column(text, span.start);
                    format!(" at line {line}, column {column}")
                })
                .unwrap_or_default();
            Diagnostic::error(
                "options-syntax",
                "",
                format!(
                    "the options are not valid TOML{place}: {}",
                    e.message.trim_end()
                ),
            )
            .hint("fix the TOML syntax there; `caucus init` writes a commented example")
        })?;
        Options::from_value(value)
    }

    /// Reads options from a JSON value (as the browser, the JS API and CSV rows give them).
    pub fn from_value(mut value: Value) -> Result<Options, Diagnostics> {
        if !value.is_object() {
            return Err(Diagnostic::error(
                "options-not-object",
                "",
                format!(
                    "the options must be an object (a table of option names), found {}",
                    describe(&value)
                ),
            )
            .hint("write the options as { \"parties\": [...], ... }; {} gives the defaults")
            .into());
        }
        let mut errors = Diagnostics::default();
        for (path, diagnostic) in limits::check(&value) {
            errors.push(diagnostic);
            // An empty text or list in its place, so that the search for other errors
            // goes on without it.
            if let Some(node) = path.into_iter().collect::<OptionPath>().get_mut(&mut value) {
                *node = match node {
                    Value::Array(_) => Value::Array(Vec::new()),
                    _ => Value::String(String::new()),
                };
            }
        }
        loop {
            match tracked::deserialize::<Options>(&value) {
                Ok(options) if errors.is_empty() => return Ok(options),
                Ok(_) => return Err(errors),
                Err((path, e)) => {
                    let (path, diagnostic) = describe_error(path, &e);
                    errors.push(diagnostic);
                    if errors.0.len() >= MAX_ERRORS || !remove_at(&mut value, &path) {
                        return Err(errors);
                    }
                }
            }
        }
    }
}

/// Options text without its byte order mark, if it is not over [`MAX_OPTIONS_BYTES`].
fn options_text(text: &str) -> Result<&str, Diagnostics> {
    if text.len() > MAX_OPTIONS_BYTES {
        return Err(limits::too_large(text.len()).into());
    }
    Ok(strip_bom(text))
}

/// Text without a leading byte order mark, which editors on Windows write and nobody sees.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// JSON text (after any byte order mark) as a value, refusing a key given twice; the
/// error is serde_json's, with its line and column, and names the key given twice.
pub fn json_value(text: &str) -> Result<Value, (serde_json::Error, Option<DuplicateKey>)> {
    let mut de = serde_json::Deserializer::from_str(strip_bom(text));
    let value = read_value(&mut de)?;
    de.end().map_err(|e| (e, None))?;
    Ok(value)
}

/// Turns a serde error into a diagnostic, returning the path of the value to remove.
fn describe_error(mut path: Vec<Seg>, e: &serde_json::Error) -> (Vec<Seg>, Diagnostic) {
    let inner = e.to_string();
    let inner = strip_position(&inner);
    if let Some(field) = between(inner, "unknown field `", "`") {
        // serde reports an unknown field at its parent; the path should name the field.
        if !matches!(path.last(), Some(Seg::Key(k)) if k == field) {
            path.push(Seg::Key(field.to_owned()));
        }
        let expected = inner
            .split_once(", expected ")
            .map(|(_, rest)| rest.to_owned())
            .unwrap_or_default();
        let d = Diagnostic::error(
            "unknown-option",
            dotted(&path),
            format!("there is no option `{field}` here"),
        )
        .hint(if expected.is_empty() {
            "remove it; `caucus schema` lists every option".to_owned()
        } else {
            format!("expected {expected}; check the spelling, or remove it")
        });
        return (path, d);
    }
    if let Some(variant) = between(inner, "unknown variant `", "`") {
        let expected = inner
            .split_once(", expected ")
            .map(|(_, rest)| rest.to_owned())
            .unwrap_or_default();
        let d = Diagnostic::error(
            "invalid-choice",
            dotted(&path),
            format!("`{variant}` is not one of the choices"),
        )
        .hint(format!("use {expected}"));
        return (path, d);
    }
    let d = Diagnostic::error("invalid-value", dotted(&path), friendly(inner))
        .hint("see `caucus schema` for the type of each option");
    (path, d)
}

/// `parties.1.attendees.0.name`
fn dotted(path: &[Seg]) -> String {
    path.iter().cloned().collect::<OptionPath>().to_string()
}

/// Removes the value at `path` so that its default applies. An array element cannot be
/// removed without renumbering the rest, so it is replaced by an empty object (an element
/// of defaults) or, for a list of numbers, by zero. Returns false when nothing could be
/// removed, which ends the search for more errors.
fn remove_at(value: &mut Value, path: &[Seg]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let list: OptionPath = parents.iter().cloned().collect();
    match (last, list.get_mut(value)) {
        (Seg::Key(k), Some(Value::Object(map))) => map.remove(k).is_some(),
        (Seg::Index(i), Some(Value::Array(items))) => match items.get_mut(*i) {
            Some(item) => {
                let of_tables =
                    crate::model::option_at(&list).is_some_and(|o| o.is_list_of_tables());
                let replacement = if item.is_object() || !item.is_number() && of_tables {
                    Value::Object(Default::default())
                } else {
                    Value::from(0)
                };
                if *item == replacement {
                    return false;
                }
                *item = replacement;
                true
            }
            None => false,
        },
        _ => false,
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// serde_json appends " at line 1 column 7" of the in-memory value, which means nothing
/// to the user.
fn strip_position(text: &str) -> &str {
    match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// Rewords serde's type errors: "invalid type: string \"x\", expected u32".
fn friendly(text: &str) -> String {
    let Some(rest) = text.strip_prefix("invalid type: ") else {
        return text.to_owned();
    };
    let (found, expected) = rest
        .split_once(", expected ")
        .unwrap_or((rest, "another type"));
    let expected = match expected {
        "u32" | "u64" | "usize" | "u16" | "u8" => "a whole number (0 or more)",
        "f64" | "f32" => "a number",
        "a boolean" => "true or false",
        "a string" => "text",
        "a sequence" => "a list",
        e if e.starts_with("struct ") => "a table of options",
        e => e,
    };
    format!("expected {expected}, found {found}")
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}

/// TOML options text as a JSON value, checking only the syntax; dates and times become
/// the text they were written as. [`Options::from_toml_str`] reads options this way;
/// callers that merge options before reading them (the CLI's batch base) use it
/// directly. The error carries toml's message and the bytes at fault.
pub fn toml_value(text: &str) -> Result<Value, TomlError> {
    toml_doc::parse(text)
        .and_then(|root| toml_doc::table_to_json(root.get_ref(), Datetimes::AsText))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(value: Value) -> Vec<(String, String)> {
        match Options::from_value(value) {
            Ok(_) => Vec::new(),
            Err(d) => {
                d.0.into_iter()
                    .map(|d| (d.path, d.code.to_owned()))
                    .collect()
            }
        }
    }

    #[test]
    fn empty_object_is_the_default() {
        assert_eq!(Options::from_value(json!({})), Ok(Options::default()));
    }

    #[test]
    fn every_error_is_reported_with_its_path() {
        let found = errors(json!({
            "parties": [
                {"name": "A"},
                {"name": "B", "attendees": [{"name": "C", "capacity": "boss"}], "colour": 1}
            ],
            "recording": {"policy": "sometimes"},
            "attendance": {"disclosure_deadline_hours": -4},
            "platfrom": {}
        }));
        let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert!(
            paths.contains(&"parties.1.attendees.0.capacity"),
            "{found:?}"
        );
        assert!(paths.contains(&"parties.1.colour"), "{found:?}");
        assert!(paths.contains(&"recording.policy"), "{found:?}");
        assert!(
            paths.contains(&"attendance.disclosure_deadline_hours"),
            "{found:?}"
        );
        assert!(paths.contains(&"platfrom"), "{found:?}");
        assert_eq!(found.len(), 5, "{found:?}");
    }

    #[test]
    fn wrong_types_are_named() {
        let found = Options::from_value(json!({"costs": {"shares": [50, "half"]}}))
            .expect_err("a share must be a number");
        let d = &found.0[0];
        assert_eq!(d.path, "costs.shares.1");
        assert!(d.message.contains("expected a number"), "{}", d.message);
    }

    #[test]
    fn paths_reach_into_lists_enums_and_unknown_fields() {
        let found = Options::from_value(json!({
            "parties": [{"attendees": [{"capacity": {"lawyer": 1}}, {"name": ["x"]}]}],
            "costs": {"shares": {"a": 1}},
            "settlement": {"counterparts": null, "witness": true}
        }))
        .expect_err("six mistakes");
        let found: Vec<(&str, &str)> = found
            .0
            .iter()
            .map(|d| (d.path.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("costs.shares", "expected a list, found map"),
                (
                    "parties.0.attendees.0.capacity.lawyer",
                    "expected unit, found integer `1`"
                ),
                // With the variant's value removed, `{}` names no variant.
                (
                    "parties.0.attendees.0.capacity",
                    "invalid value: map, expected map with a single key"
                ),
                (
                    "parties.0.attendees.1.name",
                    "expected text, found sequence"
                ),
                (
                    "settlement.counterparts",
                    "expected true or false, found null"
                ),
                ("settlement.witness", "there is no option `witness` here"),
            ]
        );
    }

    #[test]
    fn a_table_of_options_is_never_a_list() {
        // serde would take a list as the table's fields in order; the schema says table.
        let found = errors(json!({"case": ["MED-1"], "attendance": []}));
        assert_eq!(
            found,
            vec![
                ("attendance".to_owned(), "invalid-value".to_owned()),
                ("case".to_owned(), "invalid-value".to_owned())
            ]
        );
    }

    #[test]
    fn toml_syntax_errors_name_the_line() {
        let e = Options::from_toml_str("[case]\nreference = \"x\"\nlocale = en-GB\n")
            .expect_err("unquoted value");
        assert!(e.0[0].message.contains("line 3"), "{}", e.0[0].message);
    }

    #[test]
    fn toml_dates_are_accepted() {
        let o = Options::from_toml_str("[case]\ndate = 2026-12-01\n").expect("a TOML date");
        assert_eq!(
            o.case.date.map(|d| d.to_string()).as_deref(),
            Some("2026-12-01")
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        let found = errors(json!({"case": {"date": "2026-02-30"}}));
        assert_eq!(
            found,
            vec![("case.date".to_owned(), "invalid-value".to_owned())]
        );
    }

    #[test]
    fn years_outside_1900_to_9999_are_refused_in_every_format() {
        let said = |e: Diagnostics| e.0[0].message.clone();
        for text in ["0000-01-01", "1899-12-31"] {
            let json = Options::from_json_str(&format!("{{\"case\": {{\"date\": \"{text}\"}}}}"))
                .expect_err("year out of range");
            assert!(said(json).contains("between 1900 and 9999"), "{text}");
            let toml = Options::from_toml_str(&format!("[case]\ndate = {text}\n"))
                .expect_err("year out of range");
            assert!(said(toml).contains("between 1900 and 9999"), "{text}");
        }
        for text in ["1900-01-01", "9999-12-31"] {
            assert!(Options::from_toml_str(&format!("[case]\ndate = {text}\n")).is_ok());
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped_in_json_and_toml() {
        let json =
            Options::from_json_str("\u{FEFF}{\"mediator\": {\"name\": \"M\"}}").expect("JSON");
        let toml = Options::from_toml_str("\u{FEFF}[mediator]\nname = \"M\"\n").expect("TOML");
        assert_eq!(json.mediator.name, "M");
        assert_eq!(json, toml);
    }

    #[test]
    fn a_key_given_twice_is_refused_with_its_path_in_json_as_in_toml() {
        let json = Options::from_json_str(r#"{"mediator": {"name": "A", "name": "B"}}"#)
            .expect_err("twice");
        assert_eq!(
            (json.0[0].code, json.0[0].path.as_str()),
            ("duplicate-key", "mediator.name")
        );
        let toml =
            Options::from_toml_str("[mediator]\nname = \"A\"\nname = \"B\"\n").expect_err("twice");
        assert!(toml.0[0].message.contains("duplicate key"), "{toml}");
    }

    #[test]
    fn oversized_text_and_values_are_refused_with_the_option_named() {
        let big = format!(
            "{{\"mediator\": {{\"name\": \"{}\"}}}}",
            "x".repeat(MAX_OPTIONS_BYTES)
        );
        assert_eq!(
            Options::from_json_str(&big).expect_err("too big").0[0].code,
            "options-too-large"
        );
        let found = errors(json!({
            "mediator": {"name": "x".repeat(MAX_TEXT_CHARS + 1)},
            "parties": [{"name": "A\u{202E}"}, {"name": "B"}],
            "recording": {"policy": "sometimes"},
        }));
        assert_eq!(
            found,
            [
                ("mediator.name".to_owned(), "text-too-long".to_owned()),
                (
                    "parties.0.name".to_owned(),
                    "invisible-character".to_owned()
                ),
                ("recording.policy".to_owned(), "invalid-choice".to_owned()),
            ]
        );
    }

    #[test]
    fn non_objects_are_rejected() {
        assert!(Options::from_value(json!([1, 2])).is_err());
        assert!(Options::from_json_str("null").is_err());
    }
}
