//! What no real agreement needs, refused before the options are read: options text over
//! [`MAX_OPTIONS_BYTES`], a text value over [`MAX_TEXT_CHARS`], a list over
//! [`MAX_LIST_LEN`], and the invisible characters of [`is_invisible`].
//!
//! The sizes keep memory and time in proportion to a real agreement: a value is inserted
//! into many clauses and every format, so one 50 MB value once took gigabytes to render.

use super::{Seg, dotted};
use crate::diagnostic::Diagnostic;
use serde_json::Value;

/// The largest options text (a file, or the JSON text the JS API is given): real options
/// are a few kilobytes.
pub const MAX_OPTIONS_BYTES: usize = 1 << 20;

/// The longest text value, in characters: names, roles and references are a line, not a
/// page.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The longest list (of parties, attendees, shares, data regions): the engine's checks
/// allow far fewer parties and attendees, and say so.
pub const MAX_LIST_LEN: usize = 1_000;

/// Characters that change how the text around them reads without being seen:
/// the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
/// which can make a name display differently from what it is ("Trojan Source"), and the
/// zero-width space, word joiner and zero-width no-break space (U+200B, U+2060, U+FEFF),
/// which make two names that look alike differ. The zero-width joiner and non-joiner
/// (U+200C, U+200D) are not among them: Persian, the Indic scripts and emoji need them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The Unicode name of an invisible character, for messages.
fn name_of(c: char) -> &'static str {
    match c {
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{200B}' => "zero width space",
        '\u{2060}' => "word joiner",
        _ => "zero width no-break space",
    }
}

/// The error for options text over [`MAX_OPTIONS_BYTES`].
pub fn too_large(bytes: usize) -> Diagnostic {
    Diagnostic::error(
        "options-too-large",
        "",
        format!(
            "the options are {bytes} bytes long; at most {MAX_OPTIONS_BYTES} (1 MB) are accepted"
        ),
    )
    .hint("options are a few kilobytes: check that this is the options file, and that no option holds a whole document")
}

/// Finds every value over a limit, and every text with an invisible character, and
/// returns each with its path and diagnostic. Linear in the size of `value`; a path is
/// written out only for a value that has a problem.
pub fn check(value: &Value) -> Vec<(Vec<Seg>, Diagnostic)> {
    let mut found = Vec::new();
    let mut path = Vec::new();
    walk(value, &mut path, &mut found);
    found
}

/// A step of the path to the value being walked, borrowed from the value.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn owned(path: &[Step<'_>]) -> Vec<Seg> {
    path.iter()
        .map(|step| match *step {
            Step::Key(key) => Seg::Key(key.to_owned()),
            Step::Index(i) => Seg::Index(i),
        })
        .collect()
}

fn walk<'a>(value: &'a Value, path: &mut Vec<Step<'a>>, found: &mut Vec<(Vec<Seg>, Diagnostic)>) {
    match value {
        Value::String(text) => {
            if let Some(d) = check_text(text, || dotted(&owned(path))) {
                found.push((owned(path), d));
            }
        }
        Value::Array(items) if items.len() > MAX_LIST_LEN => {
            let segs = owned(path);
            let message = format!(
                "the list has {} entries; at most {MAX_LIST_LEN} are accepted",
                items.len()
            );
            let d = Diagnostic::error("list-too-long", dotted(&segs), message)
                .hint("check that the list was not filled or repeated by mistake");
            found.push((segs, d));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(item, path, found);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key));
                walk(item, path, found);
                path.pop();
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The problem with one text value, if any; `path` writes the value's path.
fn check_text(text: &str, path: impl FnOnce() -> String) -> Option<Diagnostic> {
    // A character is at most 4 bytes: only a long text needs counting.
    if text.len() > MAX_TEXT_CHARS {
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Some(
                Diagnostic::error(
                    "text-too-long",
                    path(),
                    format!(
                        "the text is {chars} characters long; at most {MAX_TEXT_CHARS} are accepted"
                    ),
                )
                .hint("shorten it: names, roles and references are a line of text, not a document"),
            );
        }
    }
    // Every invisible character is written in UTF-8 starting with the byte E2 or EF: most
    // texts have neither, and are not decoded character by character.
    memchr::memchr2(0xE2, 0xEF, text.as_bytes())?;
    let (at, c) = text.chars().enumerate().find(|(_, c)| is_invisible(*c))?;
    Some(
        Diagnostic::error(
            "invisible-character",
            path(),
            format!(
                "the text holds U+{:04X} ({}), an invisible character, at character {}: it can make the text display differently from what it is",
                u32::from(c),
                name_of(c),
                at + 1
            ),
        )
        .hint("delete it: retype the text, or paste it as plain text"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(value: &Value) -> Vec<(String, &'static str)> {
        check(value)
            .into_iter()
            .map(|(path, d)| (dotted(&path), d.code))
            .collect()
    }

    #[test]
    fn long_texts_long_lists_and_invisible_characters_are_found_with_their_paths() {
        let value = json!({
            "case": {"reference": "x".repeat(MAX_TEXT_CHARS + 1), "jurisdiction": "é".repeat(MAX_TEXT_CHARS)},
            "parties": [{"name": "Acme\u{202E}dtL"}, {"name": "B\u{200B}"}, {"name": "علی\u{200C}رضا"}],
            "platform": {"data_regions": vec!["EU"; MAX_LIST_LEN + 1]},
        });
        assert_eq!(
            paths(&value),
            [
                ("case.reference".to_owned(), "text-too-long"),
                ("parties.0.name".to_owned(), "invisible-character"),
                ("parties.1.name".to_owned(), "invisible-character"),
                ("platform.data_regions".to_owned(), "list-too-long"),
            ]
        );
        // Each invisible character is found, and other characters written with the same
        // first byte are not taken for one.
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200B}', '\u{2060}', '\u{FEFF}',
        ] {
            let found = check(&json!({"mediator": {"name": format!("Dana {c}Lee")}}));
            assert_eq!(found.len(), 1, "U+{:04X}", u32::from(c));
        }
        assert!(check(&json!({"mediator": {"name": "Dana – “Lee” €5 \u{FB01}"}})).is_empty());
        let d = &check(&json!({"mediator": {"name": "Dana\u{2066}"}}))[0].1;
        assert!(
            d.message
                .contains("U+2066 (left-to-right isolate), an invisible character, at character 5"),
            "{}",
            d.message
        );
    }
}
