//! The JSON Schema of the options, and what the pack validator learns from it: which
//! option paths exist and which values a choice takes. Everything else the schema says
//! about an option is read by [`crate::model`].
//!
//! The schema is generated from the Rust types by schemars, but at development time (with
//! each table's declaration order added as `x-order`, which schemars cannot keep): the
//! result is committed as `options.schema.json` and embedded (build.rs drops its
//! whitespace), so that the engine (and its WebAssembly module) carries the schema's text
//! instead of schemars and the code it derives for every options type. A test regenerates it and fails while the committed
//! file is stale; `UPDATE_SCHEMA=1 cargo test -p caucus-core --lib schema` rewrites it.
//! The default options are committed beside it as JSON text (`options.defaults.json`,
//! [`defaults_json`]), held to the types and rewritten the same way.

use crate::model::Kind;
use serde_json::Value;
use std::collections::BTreeMap;

/// The committed schema, `options.schema.json`: `caucus schema` prints exactly this text.
#[cfg(test)]
const SCHEMA: &str = include_str!("options.schema.json");

/// The committed schema without its whitespace (build.rs writes it): the same JSON value
/// in fewer bytes of the WebAssembly module.
const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/options.schema.json"));

/// The JSON Schema (draft 2020-12) of [`Options`](crate::Options).
pub fn schema() -> Value {
    serde_json::from_str(EMBEDDED).unwrap_or(Value::Null)
}

/// The committed default options, `options.defaults.json`: one line, with its newline.
const DEFAULTS: &str = include_str!("options.defaults.json");

/// The default options (what `{}` means, in full) as JSON text with the fields in
/// declaration order: exactly what `serde_json::to_string(&Options::default())` writes.
/// The JS API returns this text instead of writing it: that serialisation was the only
/// use of serde_json's text writer for the options types in the WebAssembly module, which
/// compiled it for every one of them (about 3 KB of the gzipped module).
pub fn defaults_json() -> &'static str {
    DEFAULTS.trim_end()
}

/// Every option path with a finite set of values (choices and yes/no options), with
/// those values: the paths a clause's `when` may test. Options inside lists (a party's
/// attendees' capacities) are not among them: a condition tests the case, not one item.
pub fn choices() -> BTreeMap<String, Vec<Value>> {
    let mut out = BTreeMap::new();
    for option in crate::model::root().walk() {
        let values = match &option.kind {
            _ if option.path.is_pattern() => continue,
            Kind::YesNo => vec![Value::Bool(true), Value::Bool(false)],
            Kind::Choice(choices) => choices.iter().map(|c| c.value.clone()).collect(),
            _ => continue,
        };
        out.insert(option.path.to_string(), values);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Options;
    use serde_json::json;

    /// The schema as schemars generates it from the Rust types, with each table's
    /// declaration order (`x-order`), as `caucus schema` prints it.
    fn generated() -> String {
        let mut schema =
            serde_json::to_value(schemars::schema_for!(Options)).expect("a JSON value");
        crate::model::order::annotate(&mut schema);
        let mut text = serde_json::to_string_pretty(&schema).expect("JSON text");
        text.push('\n');
        text
    }

    #[test]
    fn the_committed_schema_is_generated_from_the_types() {
        let generated = generated();
        if generated == SCHEMA {
            return;
        }
        if std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1") {
            let file = concat!(env!("CARGO_MANIFEST_DIR"), "/src/options.schema.json");
            std::fs::write(file, &generated).expect("write core/src/options.schema.json");
            eprintln!("rewrote {file}: rebuild so that the engine embeds it");
            return;
        }
        panic!(
            "core/src/options.schema.json is not what schemars generates from the options types. Update it with\n\n    UPDATE_SCHEMA=1 cargo test -p caucus-core --lib schema\n\nand commit it."
        );
    }

    #[test]
    fn the_committed_defaults_are_the_types_defaults() {
        let written = serde_json::to_string(&Options::default()).expect("JSON text");
        if written == defaults_json() {
            return;
        }
        let written = written + "\n";
        if std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1") {
            let file = concat!(env!("CARGO_MANIFEST_DIR"), "/src/options.defaults.json");
            std::fs::write(file, &written).expect("write core/src/options.defaults.json");
            eprintln!("rewrote {file}: rebuild so that the engine embeds it");
            return;
        }
        panic!(
            "core/src/options.defaults.json is not what the options types default to. Update it with\n\n    UPDATE_SCHEMA=1 cargo test -p caucus-core --lib schema\n\nand commit it."
        );
    }

    #[test]
    fn the_embedded_schema_reads_back_as_written() {
        let mut text = serde_json::to_string_pretty(&schema()).expect("JSON text");
        text.push('\n');
        assert!(
            text == SCHEMA,
            "the committed schema is not in serde_json's pretty form"
        );
    }

    #[test]
    fn choices_cover_enums_and_booleans() {
        let c = choices();
        assert_eq!(
            c["recording.policy"],
            vec![
                json!("prohibited"),
                json!("consent-of-all"),
                json!("settlement-terms-only")
            ]
        );
        assert_eq!(c["breakout_rooms.enabled"], vec![json!(true), json!(false)]);
        assert_eq!(c["case.locale"].len(), 3);
        assert!(!c.contains_key("case.reference"));
        assert!(!c.keys().any(|k| k.starts_with("parties")));
    }

    #[test]
    fn the_schema_rejects_unknown_fields() {
        let s = schema();
        assert_eq!(s["additionalProperties"], json!(false));
    }
}
