//! The TypeScript declarations of the options in `types.d.ts`, written from the options
//! model, so that an option added to `options.rs` reaches the JS API's types without a
//! hand edit. The test fails while the file is stale; `UPDATE_TYPES=1 cargo test -p
//! caucus-wasm --lib typescript` rewrites the options part of it.

use caucus_core::model::{self, Kind, OptionInfo};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The first line of the options part of `types.d.ts`.
const START: &str = "// ---- Options: everything a mediator can choose.";
/// The first line after it.
const END: &str = "/** `T` with every field present";

/// The declarations of `Options` and of every type its fields use, each type right after
/// the first type that uses it.
fn declarations() -> String {
    let mut out = String::from(
        "// ---- Options: everything a mediator can choose. -------------------------------------\n\
         // Every field is optional: what is left out takes its default, so {} is a complete input.\n\
         // Field names and choice values are exactly those of `caucus schema` and of options files.\n\
         // Written from the options model (`UPDATE_TYPES=1 cargo test -p caucus-wasm --lib\n\
         // typescript`), not by hand.\n",
    );
    let root = model::root();
    let mut named = BTreeSet::from(["Options".to_owned()]);
    declare(&mut out, "Options", &root.description, root, &mut named);
    out.push('\n');
    out
}

/// Declares one type, then the types it is the first to use.
fn declare(
    out: &mut String,
    name: &str,
    about: &str,
    node: &OptionInfo,
    named: &mut BTreeSet<String>,
) {
    out.push('\n');
    let _ = writeln!(out, "/** {about} */");
    let mut used = Vec::new();
    match &node.kind {
        Kind::Table(fields) => {
            let _ = writeln!(out, "export interface {name} {{");
            for field in fields {
                // An option's name, then what it means; a group's description says both.
                let doc = match field.help() {
                    _ if !field.is_leaf() => field.description.clone(),
                    Some(help) => format!("{}. {help}", field.title),
                    None => format!("{}.", field.title),
                };
                let _ = writeln!(out, "  /** {doc} */");
                let _ = writeln!(
                    out,
                    "  {}?: {};",
                    field.key().unwrap_or_default(),
                    ts_type(field, &mut used, named)
                );
            }
            out.push_str("}\n");
        }
        Kind::Choice(choices) => {
            let values: Vec<String> = choices.iter().map(|c| c.value.to_string()).collect();
            let line = format!("export type {name} = {};", values.join(" | "));
            if line.len() <= 90 {
                let _ = writeln!(out, "{line}");
            } else {
                let _ = writeln!(out, "export type {name} =");
                for (i, value) in values.iter().enumerate() {
                    let end = if i + 1 == values.len() { ";" } else { "" };
                    let _ = writeln!(out, "  | {value}{end}");
                }
            }
        }
        _ => {}
    }
    for (name, about, node) in used {
        declare(out, &name, &about, node, named);
    }
}

/// The TypeScript type of an option's values; the types it names for the first time are
/// added to `used`, to be declared.
fn ts_type<'m>(
    option: &'m OptionInfo,
    used: &mut Vec<(String, String, &'m OptionInfo)>,
    named: &mut BTreeSet<String>,
) -> String {
    let base = match (&option.kind, &option.type_name) {
        (Kind::Table(_) | Kind::Choice(_), Some((name, about))) => {
            if named.insert(name.clone()) {
                used.push((name.clone(), about.clone(), option));
            }
            name.clone()
        }
        (Kind::Choice(choices), None) => {
            let values: Vec<String> = choices.iter().map(|c| c.value.to_string()).collect();
            values.join(" | ")
        }
        (Kind::List(item), _) => format!("{}[]", ts_type(item, used, named)),
        (Kind::Map(item), _) => format!("{{ [key: string]: {} }}", ts_type(item, used, named)),
        (Kind::Number { .. }, _) => "number".to_owned(),
        (Kind::YesNo, _) => "boolean".to_owned(),
        _ => "string".to_owned(),
    };
    if option.optional {
        format!("{base} | null")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_options_types_are_written_from_the_model() {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/src/types.d.ts");
        let text = std::fs::read_to_string(file).expect("read src/types.d.ts");
        let (Some(start), Some(end)) = (text.find(START), text.find(END)) else {
            panic!("src/types.d.ts has no options part between {START:?} and {END:?}");
        };
        let generated = declarations();
        if text[start..end] == generated {
            return;
        }
        if std::env::var_os("UPDATE_TYPES").is_some_and(|v| v == "1") {
            let updated = format!("{}{generated}{}", &text[..start], &text[end..]);
            std::fs::write(file, updated).expect("write src/types.d.ts");
            eprintln!("rewrote the options part of {file}");
            return;
        }
        panic!(
            "the options part of web/wasm/src/types.d.ts is not what the options model gives. Update it with\n\n    UPDATE_TYPES=1 cargo test -p caucus-wasm --lib typescript\n\nand commit it."
        );
    }

    #[test]
    fn every_option_is_declared() {
        let generated = declarations();
        for leaf in model::leaves() {
            let key = leaf.key().unwrap_or_default();
            assert!(
                generated.contains(&format!("  {key}?: ")),
                "{} is not declared",
                leaf.path
            );
        }
        assert!(generated.contains("export interface Party {"));
        assert!(generated.contains("  date?: string | null;"));
        assert!(generated.contains("  parties?: Party[];"));
        assert!(generated.contains("export type PlatformKind ="));
    }
}
