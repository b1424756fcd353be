//! Checking what JavaScript passes in, before the engine sees it.
//!
//! Nothing here calls a JS function that might throw without catching it: an exception
//! unwinding through the module would skip Rust's cleanup. `JSON.stringify`, `String()`
//! and `Object.fromEntries` are imported with `catch`; `instanceof` checks are caught by
//! the wasm-bindgen glue itself.

use caucus_core::{Diagnostic, Diagnostics, Pack, model};
use serde_json::Value;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;

/// The longest options accepted, in UTF-16 code units of their JSON text. Real options
/// are a few kilobytes; the limit keeps a runaway value from exhausting the module's
/// memory, which would end in a trap rather than a diagnostic.
pub const MAX_OPTIONS_LEN: u32 = 256 << 10;

/// The largest custom pack accepted, in UTF-16 code units of its JSON text (the built-in
/// pack is about a tenth of this).
pub const MAX_PACK_LEN: u32 = 4 << 20;

/// The longest document kind accepted (the real ones are a single short word).
const MAX_KIND_LEN: usize = 64;

#[wasm_bindgen]
extern "C" {
    /// `JSON.stringify(value)`: throws on cycles and BigInts, returns `undefined` for
    /// functions, symbols and `undefined`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `String(value)`: may throw (a `toString` that throws, a symbol's description aside).
    #[wasm_bindgen(catch, js_name = String)]
    fn js_string(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `Object.prototype.toString.call(value)`: `[object Object]`, `[object Promise]`, ...
    /// in any realm; may throw (a throwing `Symbol.toStringTag` getter or proxy trap).
    #[wasm_bindgen(catch, js_namespace = ["Object", "prototype", "toString"], js_name = call)]
    fn object_tag(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `Object.fromEntries(iterable)`: a `Map` of pack files as a plain object.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = fromEntries)]
    fn object_from_entries(iterable: &JsValue) -> Result<JsValue, JsValue>;
}

/// What a JS value is for, which decides its limit and the wording of its diagnostics.
#[derive(Debug, Clone, Copy)]
pub enum Input {
    Options,
    Pack,
}

impl Input {
    fn noun(self) -> &'static str {
        match self {
            Input::Options => "the options",
            Input::Pack => "the clause pack",
        }
    }

    fn limit(self) -> u32 {
        match self {
            Input::Options => MAX_OPTIONS_LEN,
            Input::Pack => MAX_PACK_LEN,
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Input::Options => {
                "pass a plain object of options, or its JSON text; {} or nothing gives the defaults"
            }
            Input::Pack => {
                "pass the pack's files as { \"pack.toml\": \"...\", \"agreement/x.md\": \"...\" } or as [[path, text], ...]"
            }
        }
    }
}

/// A JS value as JSON text: a string is taken as JSON already, anything else goes
/// through `JSON.stringify`. Either way the text must fit the input's limit.
pub fn json_text(value: &JsValue, input: Input) -> Result<String, Diagnostics> {
    let text = if value.is_string() {
        value.clone()
    } else if value.is_object() && !is_plain(value) {
        // JSON.stringify would quietly write a Promise, a RegExp or a Map as `{}`.
        let tag = object_tag(value)
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_else(|| "an object that cannot be inspected".to_owned());
        return Err(unreadable(
            input,
            &format!("a plain object or array is needed, found {tag}"),
        ));
    } else {
        match json_stringify(value) {
            Ok(text) if text.is_string() => text,
            Ok(_) => {
                return Err(unreadable(
                    input,
                    &format!(
                        "a {} has no JSON form",
                        value.js_typeof().as_string().unwrap_or_default()
                    ),
                ));
            }
            Err(exception) => return Err(unreadable(input, &describe_exception(&exception))),
        }
    };
    let length = text.unchecked_ref::<js_sys::JsString>().length();
    if length > input.limit() {
        return Err(Diagnostic::error(
            match input {
                Input::Options => "options-too-large",
                Input::Pack => "pack-too-large",
            },
            "",
            format!(
                "{length} characters of JSON for {}; at most {} are accepted",
                input.noun(),
                input.limit()
            ),
        )
        .hint(match input {
            Input::Options => {
                "options are a few kilobytes: check that no field holds a whole document by mistake"
            }
            Input::Pack => "a pack is clause text only: leave out anything else in its folder",
        })
        .into());
    }
    // A JS string always converts; lone surrogates become U+FFFD.
    text.as_string()
        .ok_or_else(|| unreadable(input, "it is not text"))
}

/// Whether `value` is a plain object or an array, the only objects with a faithful JSON form.
fn is_plain(value: &JsValue) -> bool {
    object_tag(value)
        .ok()
        .and_then(|t| t.as_string())
        .is_some_and(|tag| tag == "[object Object]" || tag == "[object Array]")
}

fn unreadable(input: Input, reason: &str) -> Diagnostics {
    let code = match input {
        Input::Options => "options-unreadable",
        Input::Pack => "pack-unreadable",
    };
    Diagnostic::error(
        code,
        "",
        format!("{} cannot be read as JSON: {reason}", input.noun()),
    )
    .hint(input.hint())
    .into()
}

/// What an exception says, shortened; never throws itself.
fn describe_exception(exception: &JsValue) -> String {
    let text = js_string(exception)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "JSON.stringify failed".to_owned());
    let mut short: String = text.chars().take(200).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// The document kind `document` and `docx` should write: `agreement` when not given.
pub fn kind_name(value: Option<&JsValue>) -> Result<String, Diagnostics> {
    let Some(value) = value else {
        return Ok("agreement".to_owned());
    };
    let kind = value
        .as_string()
        .filter(|k| k.len() <= MAX_KIND_LEN)
        .ok_or_else(|| {
            Diagnostic::error(
                "document-kind-invalid",
                "",
                format!(
                    "the document kind must be a short text such as \"agreement\", found a {}",
                    if value.is_string() {
                        "text too long to be a kind".to_owned()
                    } else {
                        value.js_typeof().as_string().unwrap_or_default()
                    }
                ),
            )
            .hint("pass the id of one of the pack's documents, such as \"agreement\"")
        })?;
    Ok(kind)
}

/// The longest text [`text_argument`] takes, in UTF-16 code units: the options' limit, as
/// a diagnostic may quote any value of the options (putting it in words is linear work).
const MAX_TEXT_LEN: u32 = MAX_OPTIONS_LEN;

/// A text argument (`name` says which, for the error): a string of at most
/// [`MAX_TEXT_LEN`] characters.
pub fn text_argument(value: &JsValue, name: &str) -> Result<String, Diagnostics> {
    // The length first: a 10 MB string is refused without being copied into the module.
    let short = value
        .dyn_ref::<js_sys::JsString>()
        .is_some_and(|text| text.length() <= MAX_TEXT_LEN);
    match short.then(|| value.as_string()).flatten() {
        Some(text) => Ok(text),
        None => Err(Diagnostic::error(
            "text-invalid",
            "",
            format!(
                "the {name} must be a text of at most {MAX_TEXT_LEN} characters, found {}",
                if value.is_string() {
                    "a longer one".to_owned()
                } else {
                    format!("a {}", value.js_typeof().as_string().unwrap_or_default())
                }
            ),
        )
        .hint("pass a diagnostic's path, message or hint as the engine gave it")
        .into()),
    }
}

/// Options as a JSON value, only to name the items of lists in words: in full with their
/// defaults (none given: the defaults), as `caucus_core::model::with_defaults` reads them;
/// options that cannot be read (not JSON, too large, too deep) are `Null`, which names
/// items by number.
pub fn options_value(value: Option<&JsValue>) -> Value {
    let Some(value) = value else {
        return model::with_defaults(Value::Object(serde_json::Map::new()));
    };
    json_text(value, Input::Options)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .map_or(Value::Null, model::with_defaults)
}

/// The built-in pack, once [`install_builtin`] has read it. The module does not embed
/// it (nothing here calls `Pack::builtin`, so the linker leaves its text out): the
/// package carries its files in `caucus_pack.json`, which caucus.js passes in when it
/// instantiates the module, and again after a restart.
static BUILTIN: OnceLock<Pack> = OnceLock::new();

/// Reads the built-in pack from a copy of its files (as a custom pack is passed), which
/// must be the files the engine was built with (`Pack::read_builtin_copy`).
pub fn install_builtin(value: &JsValue) -> Result<(), Diagnostics> {
    let files = pack_files(value)?;
    let pack = Pack::read_builtin_copy(pairs(&files))?;
    // A second copy (init called twice) is the same pack: the first one stays.
    let _ = BUILTIN.set(pack);
    Ok(())
}

/// Runs `body` with the built-in pack (`value` absent) or the custom pack `value` holds.
pub fn with_pack<T>(
    value: Option<&JsValue>,
    body: impl FnOnce(&Pack) -> Result<T, Diagnostics>,
) -> Result<T, Diagnostics> {
    match value {
        None => body(BUILTIN.get().ok_or_else(builtin_missing)?),
        Some(value) => {
            let files = pack_files(value)?;
            // The engine refuses packs nested too deeply for its parsers (pack/nesting.rs).
            let pack = Pack::from_files(pairs(&files))?;
            body(&pack)
        }
    }
}

/// Files as `&str` pairs, as every pack is read here: the module holds one copy of the
/// engine's generic pack reader, not one for each kind of pair.
fn pairs(files: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> + Clone {
    files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
}

/// The error for a call that wants the built-in pack before it was passed in.
fn builtin_missing() -> Diagnostics {
    Diagnostic::error(
        "builtin-pack-not-loaded",
        "",
        "the built-in clause pack is not loaded".to_owned(),
    )
    .hint(
        "`init()` loads it from `caucus_pack.json` beside the module; `initSync(module, pack)` \
         takes that file's text as `pack`; or pass a pack of your own to each call",
    )
    .into()
}

/// The (path, text) pairs of a custom pack given as an object, a `Map` or an array of
/// pairs. Every malformed entry is reported, not just the first.
fn pack_files(value: &JsValue) -> Result<Vec<(String, String)>, Diagnostics> {
    let text = if value.is_instance_of::<js_sys::Map>() {
        let object = object_from_entries(value)
            .map_err(|e| unreadable(Input::Pack, &describe_exception(&e)))?;
        json_text(&object, Input::Pack)?
    } else {
        json_text(value, Input::Pack)?
    };
    let parsed: Value =
        serde_json::from_str(&text).map_err(|e| unreadable(Input::Pack, &e.to_string()))?;
    let mut files = Vec::new();
    let mut errors = Diagnostics::default();
    match parsed {
        Value::Object(map) => {
            for (path, text) in map {
                match text {
                    Value::String(text) => files.push((path, text)),
                    other => errors.push(bad_file(&format!("`{path}`"), &other)),
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.into_iter().enumerate() {
                match item {
                    Value::Array(pair) => match <[Value; 2]>::try_from(pair) {
                        Ok([Value::String(path), Value::String(text)]) => files.push((path, text)),
                        Ok([Value::String(path), other]) => {
                            errors.push(bad_file(&format!("`{path}` (entry {index})"), &other));
                        }
                        Ok(_) | Err(_) => errors.push(bad_entry(index)),
                    },
                    _ => errors.push(bad_entry(index)),
                }
            }
        }
        other => {
            errors.push(
                Diagnostic::error(
                    "pack-not-files",
                    "",
                    format!(
                        "the clause pack must be a set of files, found {}",
                        describe(&other)
                    ),
                )
                .hint(Input::Pack.hint()),
            );
        }
    }
    errors.into_result(files)
}

fn bad_file(name: &str, value: &Value) -> Diagnostic {
    Diagnostic::error(
        "pack-file-not-text",
        "",
        format!(
            "the pack file {name} must be text, found {}",
            describe(value)
        ),
    )
    .hint("give each file's contents as a string, as read from the file")
}

fn bad_entry(index: usize) -> Diagnostic {
    Diagnostic::error(
        "pack-entry-not-pair",
        "",
        format!("entry {index} of the clause pack is not a [path, text] pair"),
    )
    .hint(Input::Pack.hint())
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a yes/no value",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
